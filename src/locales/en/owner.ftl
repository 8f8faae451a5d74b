owner-only = This command is for the bot's owner only.
owner-button-only = This button is for the bot's owner only.
owner-step-cancelled = OK, cancelled.
cmd-mydata = My data (a file)
cmd-broadcast = Broadcast to clients
cmd-stats = Stats
cmd-export = Export clients (CSV)
cmd-backup = Database backup
cmd-staff = Team: managers and owners
cmd-content = The content file (YAML), to edit it
export-done = Clients: { $count } (not the team; those who erased their data with /forget are counted in /stats with no names, and are not here). Times are { $zone }. Google Sheets opens the file as it is; Excel, through Data → From Text/CSV.
export-part = Clients: { $count } (not the team, nor those who erased their data), file { $part } of { $parts }. Times are { $zone }. Telegram takes files of up to 50 MB from a bot, so the list is split into several; each file has the header row.
export-working = Preparing the file with all clients — I will send it as soon as it is ready.
export-not-found = Could not find client “{ $reference }”. Give the client's number (#12), Telegram id or @username.
# /export with a number nobody has: perhaps the Telegram id of a client who erased their data, which the bot no longer keeps
export-not-found-number = No client has the number or Telegram id { $reference }. A client who erased their data (/forget) left no Telegram id anywhere: only their client number (#12) finds them.
# /export with a username nobody has: perhaps of a client who erased their data, or changed it since they last wrote
export-not-found-username = No client has the username @{ $username }: the bot knows the one a client last wrote to it with. A client who erased their data (/forget) left no username anywhere: only their client number (#12) finds them.
export-erased = Client #{ $id } erased their data (/forget): there is nothing to export — only figures with no one's name stay in the stats.
export-team = “{ $reference }” is on the team, not a client: /export exports clients only.
# /export <a name> matching no client by name (a team member's name gets export-team)
export-by-name-none = No client is named “{ $reference }”. In the staff group, /find { $reference } searches wider: phones, e-mails and conversations too.
# /export <a name>: the clients it names, then an export-by-name-item line each; $count: how many lines follow
export-by-name-found = { $count ->
        [one] One client is named “{ $reference }”. To export their data, send this command:
       *[other] Several clients are named “{ $reference }”. To export a client's data, send the command on their line:
    }
export-by-name-item = /export #{ $id } — { $name }
export-by-name-more = There are more: /find { $reference } in the staff group finds them all.
export-client-done = Everything stored about client #{ $id }.
# Under the caption of a client's export: the broadcasts that reached them ($count), newest first; $shown of them listed below; $more: how many more are only in the file
export-client-broadcasts = 📣 Broadcasts that reached the client ({ $count }){ $more ->
        [0] :
       *[other] ; the latest { $shown } below, the rest in the file:
    }
# One of them: $name as the owners' messages name a broadcast, $at when it reached the client
export-client-broadcast = • { $name } — { $at }
backup-caption = A backup of all the bot's data: clients, conversations, orders, broadcasts. The bot can be restored from it on a new server. It holds clients' personal data — keep the file somewhere safe and do not forward it.
backup-too-large = The database is { $megabytes } MB — more than Telegram lets a bot send. Back it up on the server: sqlite3 data/clientdesk.sqlite ".backup backup.sqlite"
content-file-caption = 📄 The content file the bot runs on now. To change it: open it in a text editor (save it as UTF-8, indent with spaces), edit it and send it back here as a .yaml file — the bot checks it and applies it if it has no mistakes. What goes where is in the content guide: the file docs/content.md in the bot's program folder; if you do not have it, ask whoever installed the bot.
import-owner-only = Only the bot's owner can replace its content. Forward the file to them.
import-too-large = Too big for a content file: it may be up to { $kilobytes } KB (usually it is a few kilobytes). Send the business YAML file.
import-download-failed = Could not download the file from Telegram. Please send it again.
import-not-yaml = This is not a content file: I only take a file whose name ends in .yaml or .yml. If it is one, rename “{ $name }” to { $yaml } and send it again.
import-invalid =
    ⚠️ The file has { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    } — the bot keeps running on the previous version.
    Below, one line per problem: first what is wrong in a few words, then the checker's exact line: the path in the file, what is wrong and the line number. Every field is explained in the content guide: the file docs/content.md in the bot's program folder; if you do not have it, ask whoever installed the bot. Fix the file and send it again.

    { $report }
import-applied = ✅ New content applied: { $business } — products and services: { $products }, discovery questions: { $discovery }, quiz questions: { $quiz }. If the content file on the server is edited later, the bot switches to it — I will tell you.
# Under "new content applied": what changed among the settings that change clients' promises, one line each
content-changes =
    What the bot promises clients has changed:
    { $lines }
content-changed-hours = working hours: { $now } (were: { $was })
content-changed-holidays-added = new days off: { $days }
content-changed-holidays-removed = no longer days off: { $days }
content-changed-sla = a manager's answer time: { $now } min of working time (was { $was })
content-changed-quiet-hours = quiet hours: { $now } (were { $was })
content-changed-timezone = time zone: { $now } (was { $was })
staff-list =
    👥 Team

    Owners:
    { $owners }

    Managers:
    { $managers }
staff-permanent = from the bot's settings (OWNER_IDS)
staff-no-managers = nobody yet — add one with the button below
staff-add-manager = ➕ Manager
staff-add-owner = ➕ Owner
staff-remove-button = ✖ Remove: { $who }
staff-stale = This button is out of date: open /staff
staff-add-ask = Who should be added as { $role }? Forward any message of theirs here or send their numeric Telegram id. To cancel — /cancel.
staff-role-manager = manager
staff-role-owner = owner
staff-role-manager-as = a manager
staff-role-owner-as = an owner
staff-candidate-hidden = This person hides their account in forwards. Ask them to get their id from @userinfobot and send the id here.
staff-candidate-bot = That is a bot — bots cannot join the team. Forward a person's message or send their id.
staff-candidate-username = Nobody with @{ $username } has written to this bot, and Telegram does not let a bot look people up by @username. Forward any message of theirs here or send their numeric id (@userinfobot shows it when they send it /start). To cancel — /cancel.
staff-candidate-unreadable = I could not tell who to add. Forward a message of theirs or send a numeric id — or /cancel.
staff-add-confirm = Add { $who } as { $role }?{ $current ->
        [none] {""}
       *[other] {" "}Now: { $current }.
    }
staff-yes = Yes
staff-no = No
# "No" to adding someone: the step is over, and /staff starts another
staff-unchanged = OK, nothing changed. To add someone else — /staff
staff-kept = OK, nothing changed.
staff-permanent-owner = This owner comes from the OWNER_IDS setting — their role changes only there.
# The owner gave their own id as the one to add; the step still waits for another
staff-permanent-self = That is you: your role is set in the OWNER_IDS setting and changes only there. I am waiting for another person's id or a forwarded message of theirs. To cancel — /cancel.
# The one to add has that role already; the step still waits for another
staff-already = { $who } already has this role ({ $role }) — nothing to change. I am waiting for another person's id or a forwarded message of theirs. To cancel — /cancel.
# $role: owner or manager, the code: each language says it in its own form ("is now a manager")
staff-added = ✅ { $who } is now { $role ->
        [owner] { staff-role-owner-as }
       *[manager] { staff-role-manager-as }
    }. The role applies from their next message. The bot will tell them about their new role and where the work is; if it cannot reach them, I will tell you. If they are not in the staff group yet, add them: without it they cannot see the clients' topics.
staff-welcome =
    👋 { $business }: you are on the team, your role is { $role ->
        [owner] owner
       *[manager] manager
    }. Added by { $by }.
    Client requests come to the staff group, each client in their own topic with the whole history: answer right in the topic, and the bot passes your answer to the client. If you are not in the group yet, ask the owner to add you.
    Your commands — /help.
# $why: blocked, or not-started / chat-gone (Telegram answers a never-opened chat with either);
# $bot: the link to the bot's chat (t.me/…), to send them
staff-welcome-unreachable = ⚠️ The message that they are on the team did not reach { $who }: { $why ->
        [blocked] this person stopped the bot. Ask them to open { $bot } again and press “Start” — the bot will give them this message then.
       *[other] this person has not opened the bot yet, or there is no such account (check the id). Ask them to open { $bot } and press “Start” — the bot will give them this message then; remove a wrong id in /staff.
    } The role is given already.
# $role: owner or manager, the code, as in staff-added
staff-remove-confirm = Remove from the team: { $who }, now { $role ->
        [owner] { staff-role-owner-as }
       *[manager] { staff-role-manager-as }
    }?
staff-removed = ✅ { $who } is no longer on the team: what they write in the staff group no longer reaches clients. If they are still in the staff group, remove them from it — otherwise they can still see clients' conversations.
# Above the clients (a line each, staff-led-client): $who, the member's name (else "id …"); $count:
# the open requests they lead; $take: the take button's label
staff-remove-leads = { $count ->
        [1] { $who } leads an open request — once they are removed, nobody leads this client, and the client's topic gets the “{ $take }” button:
       *[other] { $who } leads open requests ({ $count }) — once they are removed, nobody leads these clients, and their topics get the “{ $take }” button:
    }
staff-removed-leads = { $count ->
        [1] Nobody leads this client's open request now — take it with “{ $take }” in the client's topic:
       *[other] Nobody leads these open requests ({ $count }) now — take them with “{ $take }” in the clients' topics:
    }
# $client: the client as the team's lists name them (name, @username, number), a link to their topic
staff-led-client = • { $client }
# Under the clients named: how many more the member leads
staff-led-more = …and { $count } more
staff-farewell = 👋 { $business }: you have been removed from the team. Staff commands no longer work for you, and what you write in the staff group no longer reaches clients.
staff-owner-ids-removed = ℹ️ { $who } is no longer an owner: their id was taken out of the OWNER_IDS setting. Owners added with /staff stay. To bring them back, put the id into OWNER_IDS again or add them with /staff.
