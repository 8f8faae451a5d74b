# $chat: business in the client's chat with the owner's account (Telegram Business), where no menu goes under it
menu-title = { $chat ->
        [business] Write what you are interested in, and I will answer here.
       *[bot] What shall we do? Pick from the menu 👇
    }
menu-quiz = 🎯 Find the right service
menu-discovery = 📝 Tell us about your task
menu-booking = 📞 Book a callback
menu-manager = 💬 Talk to a manager
menu-mine = 📋 My calls and orders
menu-about = ℹ️ About us & contacts
menu-back = ← Menu
cancel-done = OK, stopped. Your answers are saved — you can come back to them any time.
# $chat: as for menu-title
cancel-nothing = There is nothing to cancel.{ $chat ->
        [business] {" "}Write what you are interested in, and I will answer here.
       *[bot] {" "}Here is the menu:
    }
cancel-nothing-team = There is nothing to cancel. Your commands: /help
about-text =
    { $business }
    { $about }{ $values }

    🕐 Open: { $hours } ({ $zone })

    { $contacts }
# $chat: "business" in a client's chat with the owner's account (Telegram Business), where /menu does nothing
error-generic = Oops, something went wrong. We are looking into it — please try again{ $chat ->
        [business] .
       *[bot] {" "}or open /menu.
    }
error-busy = Sorry, it is very busy right now and my answer did not get through. Please repeat your last step{ $chat ->
        [business] .
       *[bot] {" "}or open /menu.
    }
stale-button = This button is out of date.
stale-button-menu = This button is out of date. Open /menu
unknown-command = I don't know that command. See /help
command-meant = Did you mean /{ $command }?
# A team member's command sent in their private chat with the bot, where it does not work
staff-command-in-group = { $where ->
        [topic] /{ $command } works in the staff group, in a client's topic.
        [anywhere] /{ $command } works in the staff group: in its General topic and in any other.
       *[owner] /{ $command } is for the bot's owners.
    } See /help
free-text = I'm a bot and understand buttons best. If you have a question, tap “{ $button }” — a manager will see your message and answer here.
# $chat: as for menu-title (there the button is the only one, with no menu)
free-text-menu-item = { $chat ->
        [business] You can do it here — tap the button 👇
       *[bot] It is in the menu — tap the button 👇
    }
# At night, before the text that says when the team is back and which button brings a manager
free-text-night = I'm a bot and understand buttons best.
free-text-thanks = You're welcome! 😊 I'm here if you need anything.
free-text-manager-button = { menu-manager }
# A team member's text (a photo, a sticker…) in their own chat with the bot that no step took
staff-typed-yes-no = If this answers a question of the bot, press the button under it: questions in this chat are answered with their buttons.
staff-free-text = This is your work chat with the bot: nothing from here goes to clients. Clients are answered in their topics in the staff group. Commands — /help
# An owner's photo in their own chat: the file_id a product's `photo` takes in the content file
owner-photo-file-id =
    📷 To show this photo on a product card, add this line to the product in the content file:
    <code>photo: { $fileId }</code>
    Nothing from here goes to clients.
# A team member pasted what looks like a content file as a message
staff-pasted-content = This looks like the text of a content file. { $role ->
        [owner] A message cannot apply it: save the text in a file whose name ends in .yaml (say, content.yaml) and send that file here.
       *[manager] Only the bot's owner can replace its content: save the text in a file whose name ends in .yaml and forward it to them.
    }
unsupported-message = I can't handle this kind of message yet. Please pick an action from the menu 👇
private-only = This command works in a private chat with the bot.
staff-group-command-elsewhere = { $where ->
        [topic] /{ $command } works in a client's topic.
        [private] /{ $command } works in a private chat with the bot.
        [owner] /{ $command } is for the bot's owners.
       *[other] No such command.
    } Here, in the group's General and in any topic: /today, /find, /duty, /handover, /followups (owners).
# What is wrong, in a few words before each line of a content report (the line itself is the checker's, in English); $kind: ContentIssueKind in src/content/loader.ts
content-issue-lead = { $kind ->
        [syntax] Written wrong (YAML)
        [encoding] Not saved as UTF-8 text
        [empty] The file is empty
        [file] The file did not open
        [unknown-key] Unknown field (a typo?)
        [decimal-comma] A comma in the amount
        [required] A required field is missing or empty
        [number] A number is needed
        [text] Text is needed
        [list] A list is needed
        [boolean] true or false is needed
        [mapping] A block of fields is needed
        [choice] A value the bot does not know
        [bound] Out of the allowed range
        [format] Not in the expected form
        [duplicate] Written twice
        [no-main-language] No text in the main language
        [unknown-language] Unknown language
        [too-long] Will not fit one Telegram message
       *[other] Problem
    }
# The last line of a content report cut short to fit one message
content-report-more = …and { $count } more: fix these and the next check shows the rest (all at once: npm run content:check on the server).
# After a report of a file that could not be read (its syntax, its encoding): nothing else in it was checked
content-report-unread = The file could not be read as a whole, so the rest of it is not checked yet: that happens once this is fixed.
content-invalid =
    ⚠️ The content file changed but has errors — the bot keeps running on the previous version.
    Below, one line per problem: first what is wrong in a few words, then the checker's exact line: the path in the file, what is wrong and the line number. Every field is explained in the content guide: the file docs/content.md in the bot's program folder; if you do not have it, ask whoever installed the bot. Fix the file and the bot picks it up by itself.

    { $report }
# $applied: yes (the fixed file is applied) or no (it is as it was before the errors: nothing to apply)
content-fixed = ✅ The content file is fixed{ $applied ->
        [yes] : the bot runs on the new version.
       *[no] {""} — it has no errors any more. It is as it was before them, so there is nothing to apply: the bot runs as it did.
    }
# An edit of the file on the server applied over a file an owner sent in the chat; $when: "10:05, Мария"
content-upload-replaced = 📄 The content file on the server was edited, and the bot runs on it now. It replaced the file sent in the chat ({ $when }); to have that one back, send it again.
staff-only = This command is for staff only. An owner can add you to the team.
staff-only-message = This message did not reach the client: only staff write to clients from here. An owner can add you to the team.
staff-only-edit = This edit did not reach the client: only staff write to clients from here. An owner can add you to the team.
staff-former = a former team member
staff-button-only = This button is for staff only.
staff-anonymous = ⚠️ Not sent: you are writing anonymously (“Remain anonymous” is on in your admin rights), so the bot cannot tell who you are. Nothing went to the client and no command ran. Turn “Remain anonymous” off (group → Administrators → you) and write again.
staff-other-client = This button is about another client: it works only in their topic.
job-uncertain = ⚠️ An automatic message to the client ({ $kind }, job #{ $id }) may not have arrived: the bot got no answer from Telegram to the send (a restart or a dropped connection). It was not resent, to avoid a duplicate — write to the client if needed.
job-failed = ⚠️ An automatic message to the client ({ $kind }, job #{ $id }) was not sent: the bot gave it up — its tries failed, or it can no longer run (the reason is in its log). Write to the client if needed.
# $chat: business in the client's chat with the owner's account, where the bot shows no menu
contact-saved = Thank you! I saved your number: { $phone }. { $call ->
    [yes] A manager will see it if they need to call you back.
   *[no] { $chat ->
        [business] This books no call: if you need one, send /book.
       *[bot] This books no call: if you need one, tap “{ $button }” in the menu or send /book.
    }
}
# Something after a slash that is none of the bot's commands, typed in a flow: the flow goes on
flow-unknown-command = No such command — let's go on from where we were. To stop — /cancel.
# A client's stage as the team reads it: on the card, in /export's stage_name, on the broadcast's stage buttons and in its segment
client-stage-contact = first contact
client-stage-discovery = discovery
client-stage-presentation = choosing
client-stage-close = deciding
client-stage-customer = customer (one order paid)
client-stage-repeat = repeat customer (paid a second order)
client-stage-advocate = went to leave a review
# A phone number's example for a client whose time zone (/timezone) names a country the bot knows no number of: the shape, no country guessed
phone-example-any = +(country code) (number)
