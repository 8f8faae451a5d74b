cmd-r = Saved replies: /r or /r name
cmd-duty = On duty: /duty on or /duty off
cmd-find = Find a client: name, @username, phone, words

# Who is on duty
# $until: when the duty ends, the time the day's hours close ("19:00"), or "day" when it ends with the day
desk-duty-on = 🟢 { $manager } is on duty: new requests will come to them in turn — { $until ->
        [day] until the end of the day ({ $day })
       *[other] until { $until }, the end of the working day ({ $day })
    }, when the duty ends by itself.
desk-duty-off = ⚪️ { $manager } is no longer on duty.
desk-duty-off-leads = ℹ️ You still lead { $count } { $count ->
        [one] open request. To hand it
       *[other] open requests. To hand them
    } to a colleague: /handover and their name.
# Under it, a line for each client of theirs who waits for the team's answer now: $client, their name opening their topic
desk-duty-off-waits = ⏳ { $client } has been waiting for an answer since { $since }
desk-duty-off-waits-more = …and { $count } more — everyone waiting for an answer is in /today.
desk-duty-list = On duty: { $list }.
desk-duty-nobody = Nobody is on duty now: the whole group sees new requests, and anyone may take them.
desk-duty-away = outside their working hours
desk-duty-usage = /duty on — start your duty, /duty off — end it, /duty — who is on duty now.
desk-assigned-on-duty = 👤 { $manager }, this request is yours — next in the duty rota.
desk-reassigned = 🔄 Nobody answered in time — passing the request to { $manager }, on duty.
desk-owner-reassigned = The request went to { $manager }, on duty.
desk-sla-lead-stays = 👤 { $manager }, the request stays yours: there is nobody else on duty to pass it to.
# An answer time missed (or a reminder of a wait) in a request whose lead's duty is over: it is nobody's again (the take button is under it); named, not mentioned — they are off
desk-sla-lead-off-shift = 👤 { $manager } is not on duty now: the request is the whole group's again — take the client with the button below.
# A reminder that the client waits, under its first line mentioning $next: the lead's duty is over, the request went to $next, on duty (both named, not mentioned)
desk-wait-passed-off-shift = 🔄 { $manager } is not on duty now — the request went to { $next }, on duty.

# Closing
desk-close-asked = I asked the client whether the question is solved. The request closes after their “yes” — or by itself if they do not answer by { $until }.
desk-close-unasked = The question did not reach the client, so they cannot answer it: the request still closes by itself at the time given above, unless the client writes first. To close it now: /close force &lt;reason&gt;
desk-close-force-usage = To close the request without asking the client, give the reason: /close force agreed on the phone
desk-close-words = Nothing done: /close on its own asks the client whether the question is solved. To close at once without asking them: /close force { $reason }
desk-closed-force = ✅ { $manager } closed the request without the client's confirmation: { $reason }
# Under it, when someone else than who leads the request closed it: the lead, mentioned
desk-closed-force-lead = 👤 { $lead }, this is your client: a colleague closed the request.
desk-closed-timeout = ✅ The client did not answer “Is your question solved?” (asked { $asked }) — the request closed by itself.
# Under a request that closed by itself, one line per invoice of the client still unpaid
desk-closed-unpaid = 💳 Invoice #{ $id } ({ $amount }) is still unpaid — the request closing does not settle it. If the payment has come — /paid { $id }.
desk-closed-undelivered = ✅ “Is your question solved?” did not reach the client (sent { $asked }), so they could not answer — the request closed by itself.

# Saved replies
desk-reply-list = 📋 Saved replies — tap one to send it to the client (or /r name):
desk-reply-item = • <b>{ $name }</b> — { $preview }
desk-reply-item-cannot = • <b>{ $name }</b> — { $preview } ⛔ { $why }
desk-reply-none = The content file has no saved replies (the replies section) — the owner can add them.
desk-reply-meant = Did you mean /r { $name }?
desk-reply-unknown = There is no saved reply “{ $name }”. There are: { $names }.
desk-reply-unknown-more = There is no saved reply “{ $name }”. There are: { $names } and { $more } more — /r with its name sends any of them
desk-reply-cannot = ⚠️ Did not send “{ $name }”: { $why }. Write to the client in your own words.
desk-reply-needs-call = the client has no upcoming call
desk-reply-needs-order = the client has no unpaid invoice
desk-reply-needs-order_due = the client's invoice has no due date
desk-reply-needs-order_overdue = the client's invoice is past its due date
desk-reply-too-long = with the client's data the text is longer than one message can hold
desk-reply-queued = Sending it to the client.
desk-reply-pending = This reply is already on its way to the client.
# A saved reply's button pressed again soon after it went (two managers on one list): an alert
desk-reply-recent = “{ $name }” already went to this client at { $time } — not sent twice. To send it again: /r { $name }
desk-reply-sent = 📤 Saved reply “{ $name }” sent to the client by { $staff }:
desk-reply-text = <blockquote expandable>{ $text }</blockquote>
desk-reply-buttons = Buttons: { $buttons }
desk-reply-pay = 💳 Pay
# Which invoice a saved reply's Pay button sends, under the copy of the reply in the topic
desk-reply-call-booked = The client already has a call booked — { $when }: the booking button offers to move or cancel it.
desk-reply-pays = The Pay button is for invoice #{ $id } ({ $amount }).
desk-reply-pays-newest = The Pay button is for the newest invoice, #{ $id } ({ $amount }). Also unpaid: { $others }.

# Find a client
desk-find-usage = /find and a name, @username, phone, e-mail or words from the conversation (3 characters or more); /find #12 — client no. 12.
desk-find-none = Nobody found for “{ $query }”.
desk-find-title = 🔎 “{ $query }”: { $count ->
        [one] { $count } client
       *[other] { $count } clients
    }
desk-find-item = { $n }. { $who } · #{ $id } — { $matched }
desk-find-no-topic = no topic yet
desk-find-matched-name = name
desk-find-matched-username = username
desk-find-matched-phone = phone
desk-find-matched-email = e-mail
desk-find-matched-contact = contacts
desk-find-matched-id = number
desk-find-matched-transcript = in the conversation: { $excerpt }
desk-find-matched-note = in a note: { $excerpt }

# The client writes outside working hours (once per night)
desk-night = We are closed right now — we are back { $back } ({ $zone }). Your message will not get lost: a manager will answer as soon as they start work.
desk-night-unknown = We are closed right now. Your message will not get lost: a manager will answer as soon as we are back.
desk-night-offer = We are closed right now — we are back { $back } ({ $zone }). Tap “{ $button }” and a manager will answer as soon as they start work.
desk-night-offer-unknown = We are closed right now. Tap “{ $button }” and a manager will answer as soon as we are back.
# In a chat with the owner's account that closes to the bot before the team is back: no manager is promised in the owner's name
desk-night-owner = We are closed right now — we are back { $back } ({ $zone }). Your message will not get lost: we will answer you when we are back.
desk-night-offer-owner = We are closed right now — we are back { $back } ({ $zone }). Tap “{ $button }” and we will answer you when we are back.
# A topic closed by hand while its request is open: the bot reopens it at once, and says why
desk-topic-reopened = 🔓 The topic is open again: the client's request is still open, and in a closed topic managers could not answer them. Question solved — /close.
