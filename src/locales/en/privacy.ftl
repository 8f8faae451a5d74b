privacy-text =
    🔒 What we store and why
    • Your name and username from Telegram — to address you by name.
    • Phone, e-mail, birthday and time zone — only if you gave them: to reach you, to greet you and to write at a time that suits you.
    • This whole chat — with the bot and with a manager — and your answers, so you never have to repeat yourself.
    • Our managers' notes and tags about you — to remember what was agreed.
    • Your calls, orders and payments — to do the work and keep the accounts.
    • Your ratings and reviews — to know how we did.
    • How you found us — to know which advertising works.
    All of it is kept in a database on the company's server.

    👥 Who sees it
    • The company's staff. They work in Telegram — in their staff group and their chats with the bot: your conversation with a manager is there, with a card showing your name and contacts. Telegram stores those chats, as it stores this one.
    • The payment provider — when you pay an invoice in Telegram. You enter your card details in Telegram's payment form, and they go to Telegram and the payment provider, not to us: we keep only the amount and the payment's number.
    • Nobody else: we do not sell your data or pass it on for advertising.

    ⏳ How long
    Until you delete it with /forget — nothing is deleted after a set time. /forget erases your name, contacts, answers and conversation — here and in the staff group (there, as far as Telegram allows) — and cancels your booked calls and scheduled messages. The records of your orders and payments stay — amounts and dates, without your name or contacts — since the business must keep them for accounting; of everything else, only anonymous statistics remain. Exports and database backups made earlier keep your data until the company deletes them.

    Newsletter: { $subscribed ->
        [yes] you are subscribed. /stop — unsubscribe (we will still write about your requests, calls, orders and their payment, and ask how everything went after your order)
       *[no] you are not subscribed. You can subscribe with the button below.
    }
    /mydata — a file with your data (our managers' notes aside)
    /forget — delete your data
privacy-subscribe-button = Subscribe to news
privacy-unsubscribe-button = Unsubscribe
consent-thanks = Thank you! We will only send what is useful. To unsubscribe: /stop.
consent-declined = OK, no newsletters. We will still write about your requests, calls, orders and their payment, and ask how everything went after your order.
# $already: yes when the client had declined or withdrawn before (nothing changes)
stop-done = { $already ->
        [yes] You are not subscribed to newsletters, so none will come.
       *[no] Done: no more newsletters.
    } We will still write about your requests, calls, orders and their payment, and ask how everything went after your order. Changed your mind? /privacy
# $request: yes when a request to the team is open (it closes unanswered); $invoices: the unpaid invoices (cancelled with the data); $paid: the paid orders whose work is not done; $records: yes when the client has orders (any), whose records stay, for accounting: docs/owners.md
forget-confirm = Delete your data? We will erase your name, contacts, answers and messages, and cancel your booked calls and anything scheduled. Anonymous statistics remain. This cannot be undone.{ $request ->
        [yes] {" "}Your question to a manager closes with it — it will not be answered.
       *[no] {""}
    }{ $invoices ->
        [0] {""}
        [one] {" "}Your unpaid invoice is cancelled — it can no longer be paid.
       *[other] {" "}Your { $invoices } unpaid invoices are cancelled — they can no longer be paid.
    }{ $paid ->
        [0] {""}
        [one] {" "}Your paid order is not finished yet: once your data is deleted, we can no longer reach you about it. If you still want the order, better keep your data until it is done.
       *[other] {" "}Your { $paid } paid orders are not finished yet: once your data is deleted, we can no longer reach you about them. If you still want the orders, better keep your data until they are done.
    }{ forget-records-kept }
# What /forget keeps of a client with orders, said in its question and after it; $records: yes or no
forget-records-kept = { $records ->
        [yes] {" "}The records of your orders and payments stay — amounts and dates, without your name or contacts: the business must keep them for accounting.
       *[no] {""}
    }
# Asked in words ("delete my data"): what /forget does, then its question
# $stopped: done when the same message asked for the newsletters to stop too, and they were stopped; already when it asked so of one not subscribed; none otherwise
forget-asked-in-words = { $stopped ->
        [done] No more newsletters — that is done already. You can also delete your data itself right here — it is the same as the /forget command.
        [already] No newsletters will come: you are not subscribed. You can also delete your data itself right here — it is the same as the /forget command.
       *[none] You can delete your data right here — it is the same as the /forget command.
    }
forget-yes-button = Yes, delete my data
forget-no-button = No, keep it
forget-use-buttons = Erasing cannot be undone, so please confirm it with the “{ $yes }” button — or press “{ $no }”.
# A Yes pressed on /forget's question that no longer stands, before the question asked again as things stand. $why: earlier (a copy asked before another, or answered since) or changed (what erasing cancels changed since: an invoice, a paid order, a request)
forget-asked-again = { $why ->
        [earlier] That button belongs to an earlier question. If you still want to delete your data, confirm here:
       *[changed] Something has changed since you were asked — here is the question again, as things stand now:
    }
# $flow: yes when a flow's question (a booking's, the quiz's) still waits above
forget-kept = OK, nothing was deleted.{ $flow ->
        [yes] {" "}Let's go on — the question above is waiting for your answer.
       *[no] {""}
    }
# $chat: bot (the bot's own chat) or business (the owner's account's, where /start is no button to tap)
forget-done = Done: your data has been deleted.{ forget-records-kept } { $chat ->
        [business] To start again, just write.
       *[bot] To start again, tap /start.
    }
forget-staff-notice = 🗑 The client deleted their data (/forget). The request is closed and this topic is no longer linked to anyone — replies here go nowhere.
forget-staff-topic-deleted = 🗑 A client deleted their data (/forget): their topic was deleted with the whole conversation.
forget-staff-callback = 📞 The call at { $at } is cancelled: the client deleted their data, there is nobody to call.
forget-staff-invoice = 💳 Invoice #{ $id } for { $amount } will remain unpaid and is no longer valid: the client deleted their data.
# A paid order whose work was not marked done (/done) when its client erased their data: its number and amount stay
forget-staff-paid-open = 💰 Invoice #{ $id } for { $amount } is paid, but its work is not marked done (/done): the client deleted their data — there is no way to reach them about this order now.
# In the client's topic during a request: they asked to erase their data and are asked to confirm it with its button; then that they kept it
forget-staff-asked = 🗑 The client asks to delete their data (/forget) — the bot asked them to confirm with its button. If they do, the request closes unanswered and there will be no way to reach them.
forget-staff-kept = ↩️ The client changed their mind about deleting their data: everything stays as it was, the request is open.
forget-topic-name = 🗑 Client data erased
forget-card = 🗑 The client deleted their data (/forget). The card is erased; the bot deleted or blanked the group's messages with their contacts where Telegram allows it.
# A message of the bot's in a staff group, too old for Telegram to let it be deleted (48 hours): its text, or its caption, becomes this
forget-erased-message = 🗑 Deleted: the client deleted their data (/forget).
forget-referrer-old-card = 🗂 An earlier card of this client, cleared: it could name the person who referred them, who has deleted their data (/forget). The current card is in the client's topic.
# To an owner, after a client's /forget: all-clients exports the bot sent them since that client came may still hold the client's row (nobody named). forget-owner-exports-earlier (when more than ten), then a forget-owner-export-file line each, then forget-owner-exports-delete
forget-owner-exports = 🗑 A client deleted their data (/forget). Their row may still be in the all-clients exports (/export) the bot sent you before:
# $count: how many older exports are not listed
forget-owner-exports-earlier = • { $count } { $count ->
        [one] earlier export
       *[other] earlier exports
    }
# $at: when the export was made; $file: its file's name
forget-owner-export-file = • { $at } — { $file }
forget-owner-exports-delete = Delete these files — here in this chat and wherever you saved them: the bot cannot see whether they are gone. A new export (/export) no longer has this client.
# The text file that replaces an owner's one-client /export file too old to delete (its caption: forget-erased-message)
forget-erased-file = This was a file with a client's data (/export). The client deleted their data (/forget), so the bot replaced the file with this note.
# To an owner, after a client's /forget: what stays of them in the owner's chat with the bot, which the bot may no longer delete (nobody named); then a forget-owner-left-* line each, oldest first
forget-owner-left = 🗑 A client deleted their data (/forget), but messages about them stay in this chat that the bot can no longer delete (Telegram allows 48 hours for that). Delete them yourself:
# $at: when it was sent. A one-client /export file Telegram did not let the bot replace
forget-owner-left-file = • { $at } — the client's data file (/export): Telegram did not let the bot replace it with a note
# A list of the bot's naming the client (/export by a name, /followups) Telegram did not let the bot edit
forget-owner-left-message = • { $at } — the bot's answer naming the client: Telegram did not let the bot clear it
# The owner's own command naming the client (/export @anna)
forget-owner-left-command = • { $at } — your command with the client's name or contact
# /mydata: a few lines about what the file holds, sent with it (its caption when it fits)
mydata-summary-title = 📄 What we store about you, in short. All of it is in the file my-data.json.
mydata-summary-telegram-name = Name in Telegram: { $name }
mydata-summary-given-name = You asked us to call you: { $name }
mydata-summary-username = Username: @{ $username }
mydata-summary-phone = Phone: { $phone }
mydata-summary-email = E-mail: { $email }
mydata-summary-no-contacts = We have no name or contacts of yours.
# $status: granted, declined, withdrawn, or other (never asked, or not answered); $at: when, on the client's own clock once they gave their zone (/timezone), else the business's; $zone: that clock's zone
mydata-summary-news = News: { $status ->
        [granted] you are subscribed, consent given { $at } ({ $zone }). To unsubscribe — /stop.
        [declined] you are not subscribed — you declined { $at } ({ $zone }).
        [withdrawn] you are not subscribed — you unsubscribed { $at } ({ $zone }).
       *[other] you are not subscribed.
    }
# The broadcasts that reached the client ($count), newest first; $shown of them listed below (export-client-broadcast, as the owner's /export names them); $more: how many more are only in the file
mydata-summary-broadcasts = 📣 Newsletters that reached you ({ $count }){ $more ->
        [0] :
       *[other] ; the latest { $shown } below, the rest in the file:
    }
mydata-summary-messages = Messages in our conversation: { $count }.
mydata-summary-end = To delete all your data — /forget.
# The first field of the /mydata file: what it is and how to read it; $zone: the business's time zone; $own: the client's own (/timezone), or none
mydata-file-note = All the data we store about you. Times are in UTC (ending in Z); the company's time is { $zone }{ $own ->
        [none] {""}
       *[other] , yours { $own } (exported_at_local is on your clock)
    }. Codes: marketing_consent.status — news (granted — you are subscribed, declined — you declined, withdrawn — you unsubscribed, not_answered — no answer yet, not_asked — never asked); messages.direction — whose message (in — yours, bot — the bot's, out — a manager's); broadcasts.status — a newsletter (sent — it reached you, blocked — you had blocked the bot, failed — it could not be sent, skipped — it was not sent to you, pending, sending or uncertain — on its way, or unknown whether it went).
# /unsubscribe in a client's topic: a team member withdraws the client's marketing consent on the client's word
cmd-unsubscribe = Unsubscribe the client from newsletters, as they asked
# To the client, in their language
unsubscribe-staff-client = As you asked, a manager has unsubscribed you from newsletters. We will still write about your requests, calls, orders and their payment, and ask how everything went after your order. Changed your mind? /privacy
# In the topic; $told: whether the client could be told (no: why not, in $why)
unsubscribe-staff-done = 🔕 The client is unsubscribed from newsletters: consent withdrawn at their request. { $told ->
        [yes] They were sent a confirmation.
       *[no] They could not be told: { $why }
    } Messages about their request, calls, orders and payment still reach them.
# $status: where the client stands, when there is no consent to withdraw
unsubscribe-staff-not-subscribed = The client is not subscribed to newsletters — { $status ->
        [declined] they declined them
        [withdrawn] they unsubscribed already
       *[other] they never agreed to them
    }: no newsletters go to them, there is nothing to withdraw.
