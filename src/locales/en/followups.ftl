# Follow-ups: what the client sees
checkin-question = { $name }, how did everything go? If you have any questions, just ask. Please rate your experience from 1 to 5 — it takes a second.
checkin-question-order = { $name }, how did it go with “{ $what }”? If you have any questions, just ask. Please rate it from 1 to 5 — it takes a second.
checkin-thanks = Thank you, { $name }! We are so glad you liked it 😊
# $praised: a low score typed with words of praise ("2, the manager was great but the site keeps crashing"): thanked for them before the apology
checkin-sorry = { $praised ->
        [yes] { $name }, thank you for the kind words — and we are sorry not everything went smoothly.
       *[no] { $name }, we are sorry it did not go smoothly.
    } I have passed your rating to your manager — they will get in touch and help put it right.
review-request = { $name }, thank you again for the high rating! If you have a minute, please say a few words about us — it helps others find us. Pick wherever suits you:
review-open = Thank you! 🙏 Open the link — it takes a couple of minutes:
review-open-button = Open { $site } ↗
# The client asked in words for no more questions after an order (check-in, review, NPS); $news: yes when the words stopped the newsletters too
followups-stopped = Got it, { $name }, we won't send you any more questions about your order or review requests.{ $news ->
        [yes] {" "}No newsletters either.
       *[no] {""}
    } If you need anything, just write.
# The team's line of it, in the client's topic: $words what they wrote, $count the questions cancelled
followups-stopped-topic = 🔕 The client asked for no more questions after an order: { $words } — planned ones cancelled: { $count }. No request opened; no answer awaited.
# The client said in words they left the review asked for
review-left-thanks = Thank you for the review, { $name }! 🙏 We really appreciate you taking the time.
nps-question =
    { $name }, one short question: how likely are you to recommend us to a friend or colleague?
    0 — not at all, 10 — definitely.
nps-thanks-promoter = Thank you, { $name }! That means a lot to us 💛
nps-thanks-passive = Thanks for the rating, { $name }! If you have ideas for what we could do better, just write — we read everything.
nps-thanks-detractor = Thank you for the honest answer, { $name }. I have passed it to the team — a manager will write to you to understand what we should fix.
answer-already = Thank you, your answer is already recorded 🙏
# $chat: business when it goes to the client's chat with the owner's account, where no menu goes under it
reengage-message =
    { $name }, it has been a while! We hope all is well.
    If something comes up, we are here: { $chat ->
        [business] just write here.
       *[bot] have a look at the menu or write to a manager.
    }

    Rather not get messages like this? /stop
greeting-birthday =
    Happy birthday, { $name }! 🎉 Wishing you good health, warmth and plenty to smile about.
    The { $business } team

    Rather not get greetings and news? /stop
greeting-anniversary =
    { $name }, exactly { $years ->
        [one] { $years } year
       *[other] { $years } years
    } ago you first wrote to us. Thank you for being with us! 💛
    The { $business } team

    Rather not get greetings and news? /stop

# Follow-ups: what staff see
followups-title = 🗓 Scheduled for this client:
followups-title-all = 🗓 Scheduled (all clients):
followups-empty = Nothing is scheduled.
followups-business-window = ⚠️ The client writes to the owner's account: the bot may write there only within 24 hours of the client's last message. Each planned message goes only if the client wrote there in the 24 hours before it.
followups-business-not-written = ⚠️ The client has not written to the owner's account yet (the owner wrote first): each planned message goes only if they answered there in the 24 hours before it.
followups-business-off = ⚠️ The bot cannot write through the owner's account now (it is disconnected or may not reply): nothing planned goes until that is fixed.
followups-item = { $n }. { $when } — { $what }
followups-item-held = { $n }. { $what }
followups-more = …and { $count } more.
followups-calls-title = 📞 Call reminders (they change with the booking — move or cancel the call):
followups-uncertain-title = ⚠️ Not sure these arrived (the bot stopped or the connection dropped while sending; they were not sent again — check with the client):
followups-failed-title = ❌ Not sent (every try failed — write to the client if needed):
# A question /done announced in the topic, dropped after all ($hold: its followups-hold-… line)
followups-dropped = 🗓 Planned after /done: { $what } — { $hold }
followups-hold-erased = ⛔ will not be sent: the client erased their data
followups-hold-blocked = ⛔ will not be sent: the client blocked the bot
followups-hold-opted-out = ⛔ will not be sent: the client opted out (/stop or /privacy)
followups-hold-no-consent = ⛔ will not be sent: the client never agreed to news
followups-hold-team = ⛔ will not be sent: on the team now, and these are for clients only
followups-hold-paid-reported = ⏸ paused: the client pressed “I've paid”; waiting for staff to confirm the payment
followups-hold-linked-paid = ⏸ paused: an invoice linked to it was paid (the one it may replace, or its replacement) — waiting for the team: cancel this invoice or keep reminding
followups-hold-promised = ⏸ the client wrote they will pay: the reminder waits for the morning after the day they named
followups-hold-superseded = ⛔ will not be sent: one reminder goes for this invoice — the later one
followups-hold-with-manager = ⛔ will not be sent if the client is still talking to a manager at its time (a request is open)
followups-hold-request-open = ⏸ waiting: the client has an open request — it goes once the request is closed
followups-hold-client-waiting = ⏸ waiting: the client is waiting for an answer to their question — the reminder goes once they are answered
followups-hold-refunded = ⛔ will not be sent: the order was refunded
followups-hold-cancelled = ⛔ will not be sent: the order was cancelled
followups-hold-no-review-links = ⛔ will not be sent: the content file has no review links (followups.review_links)
followups-hold-unhappy-since = ⛔ will not be sent: the client gave a low rating, complained or asked for their money back after it was planned
followups-hold-refunded-since = ⛔ will not be sent: the client got a refund after it was planned
followups-hold-later-nudge = ⏸ waiting: the client then started something else and left it too — that one gets the reminder; this one only if they finish that
followups-hold-nudged-today = ⛔ will not be sent: the client was reminded of something unfinished less than a day before
followups-noted-item = • { $when } — { $what }
# After a line of the list whose button was pressed, struck through: what became of it
followups-item-off = { $how ->
        [cancelled] ✖ cancelled
        [sent] ✔️ sent
       *[other] ✖ no longer planned
    }
followups-cancel-hint = The buttons below cancel the message with that number.
followups-cancel-button = ✖ { $n }
followups-cancelled = Cancelled by { $by }: { $what } — { $when }.
followups-cancelled-held = Cancelled by { $by }: { $what }.
followups-cancel-gone = This message was already sent or cancelled.
followups-owner-only = The list for all clients is for owners. In a client's topic /followups shows that client's messages.
# The stage says which of the reminders it is: the topic's line for each differs as the client's messages do
fu-kind-payment_reminder = payment reminder for invoice #{ $orderId }{ $stage ->
        [due] {" "}(last day)
        [overdue] {" "}(overdue)
       *[other] {""}
    }
fu-kind-checkin = “How did it go?”
fu-kind-review_request = review request
fu-kind-nps = “would you recommend us” (NPS)
fu-kind-reengage = “It has been a while”
fu-kind-greeting = greeting
fu-kind-nudge = reminder of an unfinished step ({ $flow ->
        [discovery] telling us what you need, /brief
        [quiz] the product quiz, /quiz
       *[booking] booking a call, /book
    })
fu-kind-booking_client_reminder = call reminder to the client
fu-kind-booking_staff_reminder = call reminder to the team
fu-kind-booking_no_answer_client = to the client in the morning: “we called but could not reach you” (marked at night on their clock)
fu-kind-booking_call_now_late = a word to the client and the team if the call is not made in time
fu-kind-booking_outcome_nudge = a question to the team how the call went, if nobody marked it
fu-kind-booking_outcome_fix = the end of the time to correct a call's outcome (its ✏️ button goes)
fu-kind-booking_staff_notice = booking notice to the team
fu-kind-handoff_sla = reply deadline of a request
fu-kind-handoff_reply = reply deadline of a client's message in a request
fu-kind-owners_waiting = the owners' daily list of clients still waiting for an answer
fu-kind-broadcast_start = a broadcast sent when the quiet hours end
fu-kind-broadcast_wake = a broadcast's messages to clients whose night it was, in their morning
fu-kind-handoff_auto_close = auto-close of a request the client did not confirm
fu-kind-handoff_rated_low = the team's alert of a low rating, if the client does not rate the quality
fu-kind-paid_check = reminder to the team to check the payment of invoice #{ $orderId }
fu-kind-followups_sweep = daily search for reasons to write
fu-kind-business_window = end of the day the bot may write in the client's chat with the owner's account (the client card)
fu-kind-other = message ({ $kind })
# In a client's topic: what the bot sent them — named (a follow-up, a reminder), or the message itself as the
# client read it (the bot's answer to their question, shown under it)
mirror-sent = 🤖 The bot sent the client: { $what }
# What mirror-sent names for a broadcast the client got while talking with the team: its number and words ($kind media: what it is, $what)
mirror-broadcast = broadcast #{ $id }{ $kind ->
        [text] {" "}“{ $text }”
        [media] {" "}({ $what })
       *[none] {""}
    }
# What mirror-sent names for the reminder before a call (its label in lists says whose it is)
mirror-call-reminder = a reminder of the call
mirror-call-now-late = that we are late with the “call me now” call
escalate-low-rating = ⚠️ Low rating: { $score }/5 for “How did it go?”{ $order }. The client got an apology and expects a manager to get in touch.
escalate-low-rating-order = {" "}(invoice #{ $id }{ $what })
escalate-nps-detractor = ⚠️ NPS: { $score }/10 — the client is unlikely to recommend us. Worth writing to them to learn what to fix.
escalate-said = The client wrote: “{ $text }”
cmd-followups = Scheduled messages to clients
