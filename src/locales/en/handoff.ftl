cmd-manager = Talk to a manager
cmd-close = Close the request (ask the client)
cmd-assign = Assign a manager
cmd-handover = Hand all your clients to a colleague: /handover name
cmd-tag = Client tags
cmd-card = Show the card again
cmd-move = Move the client to another group (owner)
cmd-note = Internal note (or a message starting with //)
cmd-unsend = Delete your message on the client's side (as a reply to it)

# The client is handed to a person
handoff-opened = { $name }, I'm passing you to a manager along with our whole conversation — no need to repeat anything. { $who } { $eta } Send here anything that matters: text, photos, documents, voice messages — it all gets through.
# The client has no conversation before this message (a first one, or the first after /forget)
handoff-opened-first = { $name }, I'm passing you to a manager. { $who } { $eta } Send here anything that matters: text, photos, documents, voice messages — it all gets through.
handoff-already = { $name }, your question is already with our managers — write here, they see every message. { $who } { $eta }
# A team member asked for a manager in their own chat with the bot (the clients' button, /manager): a request about themselves
handoff-team-own-request = { $created ->
        [yes] 💬 Asking for a manager is for clients: it opened a request about you, just as about a client — a topic under your name in the staff group. If nobody answers in time, the team gets the reminders and you get the apology, as a client would.
       *[no] 💬 You already have a request about you open, just as about a client — a topic under your name in the staff group.
    } Anything you write here goes to that topic until the request is closed (/close in the topic). To see the client side without your name in the group, write to the bot from another Telegram account.
# Unanswered past the answer time: no time promised again, the apology's may be gone too
handoff-already-late = { $name }, your request is with us — write here, we see every message. { $who } Sorry for the wait: the team knows you are waiting. { $when }
handoff-late-working = We will answer as soon as we can.
# A client back to a request unanswered for days writes again: the team is reminded, and they hear that it is
handoff-late-ack = { $name }, sorry it is taking so long. Your message is with the managers, and the team knows you are waiting.
# A message at a flow's step that went on to the manager with no other word from the bot: once while the question waits
handoff-step-waits = I've passed your message on to the manager. The question above is still waiting for your answer.
handoff-late-closed = We are closed now: we are back { $back } ({ $zone }) and will answer straight away.
handoff-already-answered = { $name }, you are talking to a manager — write here, they see all your messages.
# A first message of news that asks nothing ("Paid! will send the receipt tonight"): passed on as a message — no answer time promised, nothing to apologise for later
handoff-news-passed = Thank you, { $name }! I'm passing your message on to a manager. If a question comes up, just write here.
# Followed by the ETA ("We will answer by …"): not "answer" again
handoff-who-manager = { $manager } is taking care of your question.
handoff-who-team = The first manager who is free will take your question.
handoff-eta-working = We will answer by { $time } ({ $zone }).
handoff-eta-closed = We are closed now: we are back { $back } and will answer by { $time } ({ $zone }).
# The client's chat is the owner's account and closes to the bot before the team's answer time: no time is promised in the owner's name
handoff-eta-closed-owner = We are closed now: we are back { $back } ({ $zone }) and will answer you then.
handoff-eta-unknown = We will answer as soon as we are back.

# SLA missed
handoff-sla-client = { $name }, sorry to keep you waiting — our managers are busy right now. We will answer by { $time } ({ $zone }).
handoff-sla-client-closed = { $name }, sorry we could not answer before the end of the working day. We are back { $back } ({ $zone }) and will answer first thing.
handoff-sla-client-unknown = { $name }, sorry to keep you waiting. We will answer as soon as we are back.
# The time the apology gave has passed too, still unanswered, and the team has closed since: when it is back (while it works, nothing: one apology a wait)
handoff-promise-missed-closed = { $name }, we are sorry — we could not answer by { $time }, and we are closed now. We are back { $back } ({ $zone }) and will answer first thing.
# The apology said only when the team is back ($time) and that it answers first thing: that is what is cited
handoff-promise-missed-back-closed = { $name }, we are sorry — we were back at { $time } but could not answer straight away, and we are closed now. Your question is with our managers: we are back { $back } ({ $zone }) and will answer then.
# The apology's last sentence: a call offered, or the one the client booked already
# The request opened with a call asked for («Call me back on …»): remembered, not «book a call»
handoff-sla-call-asked = You asked us to call you back — we have not forgotten: a manager will call as soon as one is free.
handoff-sla-book = If you prefer, book a call and we will call you at a time that suits you.
handoff-sla-call-kept = The call you booked stands: { $when } ({ $zone }).
handoff-sla-call-late = We promised to call you back { $when } ({ $zone }) and are running late: we will call as soon as we are free.

# Closing and rating
handoff-close-question = { $name }, is your question solved?
handoff-close-yes = Yes, solved
handoff-close-no = Not yet
handoff-not-solved-client = Got it — the manager will carry on. Tell us what is still open.
# A No typed with what is left ("нет, ещё вопрос: …"): not asked to write it again
handoff-not-solved-said = Got it — the manager will carry on and answer you.
handoff-rate-speed = Thank you, { $name }! How fast did we answer, from 1 to 5?
handoff-rate-quality = And how helpful was it, from 1 to 5?
# A request closed by the client who rated another within the week: no ratings asked again
handoff-solved-thanks = Glad it's sorted, { $name }! If you need anything else, just write — we're here.
handoff-rate-thanks = Thank you for the rating! If you need anything, just write — we are here.
# A low rating: not a cheerful thanks; what they write next reaches the team (a new request). $good: what
# was good in a mixed rating — the speed or the quality rated well beside the other's low score, or words of
# praise typed with a low score — thanked for before the apology; none: nothing was
handoff-rate-sorry = { $good ->
        [speed] Thank you for the rating — we are glad we answered you quickly. And we are sorry the help itself was not what you expected. We have passed the rating on to the person in charge. If you tell us what went wrong, we will look into it.
        [quality] Thank you for the rating — we are glad we could help. And we are sorry you had to wait longer for an answer than you should have. We have passed the rating on to the person in charge. If you tell us what went wrong, we will look into it.
        [words] Thank you for the rating and for your kind words — they mean a lot to us. And we are sorry not everything went the way you expected. We have passed the rating on to the person in charge. If you tell us what went wrong, we will look into it.
       *[none] Thank you for the honest rating — and we are sorry it was not what you expected. We have passed it on to the person in charge. If you tell us what went wrong, we will look into it.
    }
# Before the opened request's words, to a client who wrote what went wrong: right under the apology for
# their low rating (`no`: it said sorry already), or with the low score itself, "2, you kept me waiting"
# (`yes`: no apology came, it is said here, once)
handoff-low-rating-heard = { $sorry ->
        [yes] We are sorry it went that way, and thank you for telling us.
       *[no] Thank you for telling us.
    }

# In the staff group
handoff-claim-button = 🙋 I take this client
handoff-claim-taken = { $manager } already leads this client. To hand over, use /assign in the topic.
handoff-claimed = The client is yours.
# The reason most often names the client ("the client wrote again…"): the headline does not
handoff-topic-opened = 🔔 New request: { $reason }. Answer by { $due }.
handoff-topic-assigned = 👤 { $manager } leads this client.
# Who led the client before, in the notice of a client taken over or handed to a colleague: $previous mentions them (Telegram tells them)
handoff-led-before = Before: { $previous }.
handoff-topic-taken-over = 👤 { $manager } leads this client now. { handoff-led-before }
# /assign of a colleague: $manager mentions them; $previous, who led the client before (none: nobody, or the one handing them over)
handoff-topic-handed = 👤 { $manager }, this client was handed to you — you lead them now (handed over by { $by }).{ $previous ->
        [none] {""}
       *[other] {" "}{ handoff-led-before }
    }
handoff-edit-note-stays = ✏️ This is a note: the client does not see it, and the edit does not go to them. To write to the client, send a new message.
handoff-edit-kept = ✏️ Edit not passed on: the client still has the message as it was. Send a note or a command as a new message; to take the message back from the client, reply /unsend to it.
# An answer taken back with /unsend (or deleted in the owner's Business chat), edited afterwards
handoff-edit-unsent = ✏️ Edit not passed on: this message has been deleted on the client's side.
handoff-lead-left = 👤 { $manager } is no longer on the team — nobody leads this client. Take them:
handoff-topic-closed = ✅ The client confirmed the question is solved. Request closed.
handoff-topic-closed-earlier = ✅ The client confirmed their earlier question is solved. The new request is open and waits for an answer.
# A late "Not yet" under an earlier request's "Is your question solved?" while a newer request is open: no second request opens
handoff-topic-earlier-not-solved = ⚠️ The client says their earlier question is NOT solved yet — please carry it on in this request.
# A "Not yet" pressed under the "Is your question solved?" of a request closed over a week before, while a newer request is open: that request is not reopened; `asked` is when the question was asked
handoff-topic-late-not-yet = ↩️ The client's answer to an old “Is your question solved?” of { $asked }: “Not yet”. That request stays closed and was not reopened — the client will say here what is left, or ask them.
handoff-topic-not-solved = ⚠️ The client says the question is NOT solved — please carry on.
# A manager's answer opened with the name of another client whose request is open: perhaps the wrong topic
handoff-topic-other-name = ⚠️ The message opens with “{ $name }”, the name of another client with a request open, not this one's. If it was meant for them, delete it on this client's side (reply /unsend to it) and write to them in their topic.
handoff-topic-client-wrote = ⚠️ The client wrote instead of answering “Is your question solved?”: the request is open again. If it is solved, /close once more.
handoff-topic-client-asked = ⚠️ The client asked for a manager instead of answering “Is your question solved?”: the request is open again. If it is solved, /close once more.
handoff-topic-rated = ⭐ Client's rating: speed { $speed }/5, quality { $quality }/5.
handoff-topic-rated-words = 💬 With the rating the client wrote: { $words }
# $speed, $quality: "2/5", or "none" for a score not given (never asked, or left unanswered): only what the client gave is named
handoff-topic-rated-low = ⚠️ Low rating from the client: { $speed ->
        [none] quality { $quality }
       *[other] speed { $speed }{ $quality ->
            [none] {""}
           *[other] , quality { $quality }
        }
    }. Get in touch with the client and find out what went wrong.
# A manager's answer may have been tried and refused (blocked, the owner's chat closed): "nobody answered" would be untrue.
# $reached: when the request reached the group, when it waited on its way there ("none": at once); the minutes count from then
handoff-topic-sla = { $apology ->
        [blocked] ⏰ No answer has reached the client within { $minutes } min (waiting since { $opened }{ $reached ->
            [none] {""}
           *[other] ; the request here since { $reached }
        }). The client blocked the bot: nothing can reach them from here — call them if the card has a phone.
        [owner-only] ⏰ No answer has reached the client within { $minutes } min (waiting since { $opened }{ $reached ->
            [none] {""}
           *[other] ; the request here since { $reached }
        }). Their chat with the account { $account } is closed to the bot now, and an answer from here would not reach them — only the account's owner can answer, from their own Telegram.
       *[other] ⏰ Nobody answered within { $minutes } min (the client has been waiting since { $opened }{ $reached ->
            [none] {""}
           *[other] ; the request here since { $reached }
        }). { $apology ->
            [now] The client got an apology and a new estimate — { $eta }.
            [back] The client got an apology and the promise of an answer first thing when we are back ({ $back }); answer by { $eta }.
            [later] The client gets an apology and a new estimate at { $at }, when the quiet hours end.
           *[none] The bot has not written to the client about it — answer them yourselves.
        }
    }
# Under the answer-time alert, in a team that does not use /duty: the one who leads the request, mentioned
handoff-topic-sla-lead = 👤 { $manager }, this is your client — please answer them.

# The owners told of a client who asked for someone above the team, or complained, in their request (once a request).
# In every owner's alert about a client, $client is the client as the team's lists name them (name, @username, #number), a link to their topic
handoff-owner-escalated = 📣 { $why ->
        [boss] Client { $client } asks for someone in charge.
        [both] Client { $client } complains and asks for someone in charge: their words are in the topic.
       *[complaint] Client { $client } complains: their words are in the topic.
    }
# Two team members answered the same client within a couple of minutes: both messages went out
handoff-topic-answered-too = 👥 Two of you answered the client within moments: { $other } and { $manager }. The client got both messages — agree on who carries on.
# The client asked for their money back politely (not a complaint): their paid invoices follow, a line each
handoff-topic-refund-asked = ↩️ The client asks for their money back — a refund request, not a complaint. { $paid ->
        [none] They have no paid invoice in the bot: ask which payment they mean.
       *[some] Paid (to refund: /refund and the invoice's number; from a manager it asks the owners):
    }
handoff-topic-refund-invoice = • invoice #{ $id } — { $amount }: /refund { $id }
handoff-topic-escalated = 📣 { $why ->
        [boss] The client asks for someone in charge
        [both] The client complains and asks for someone in charge
       *[complaint] This looks like a complaint
    } — the owner was told.
# Said to a client who asked for someone above the team: the owner was told
handoff-boss-told = I'm letting the person in charge know — they will see our whole conversation.
handoff-boss-knows = The person in charge already knows about your request and can see our whole conversation.
# $speed, $quality: "2/5", or "none" for a score not given (never asked, or left unanswered): only what the client gave is named
handoff-owner-rated-low = ⚠️ Client { $client } rated a closed request low: { $speed ->
        [none] quality { $quality }
       *[other] speed { $speed }{ $quality ->
            [none] {""}
           *[other] , quality { $quality }
        }
    }.
owner-checkin-low = ⚠️ Client { $client } rated their order { $score } of 5: a manager has been called into their topic.
owner-nps-low = ⚠️ Client { $client } answered { $score } of 10 to whether they would recommend us: a manager has been called into their topic.
handoff-owner-sla = ⏰ { $team ->
        [yes] The request of { $client } (a team member trying the bot as a client, from their own chat) has
       *[no] Client { $client } has
    } waited for a manager for over { $minutes } min.
# $back: the client was told only when the team is back ($promised), to be answered first thing
handoff-topic-promise = ⏰ { $lead }, { $back ->
        [yes] the client was promised an answer first thing when we are back ({ $promised })
       *[no] the client was promised an answer by { $promised }
    } — still no answer (waiting since { $opened }).
handoff-topic-promise-nobody = ⏰ { $back ->
        [yes] The client was promised an answer first thing when we are back ({ $promised })
       *[no] The client was promised an answer by { $promised }
    } — still no answer (waiting since { $opened }), and nobody leads the request: take it.
handoff-owner-promise = ⏰ { $back ->
        [yes] Client { $client } was promised an answer first thing when we are back ({ $promised }) and still has none, waiting since { $opened }.
       *[no] Client { $client } still has no answer by the time they were promised ({ $promised }), waiting since { $opened }.
    }
# Under a reminder that the client waits, when they blocked the bot since
handoff-topic-client-blocked = 🚫 The client blocked the bot: an answer from here cannot reach them — call them if the card has their phone.
handoff-owners-client-blocked = 🚫 The client blocked the bot: an answer from their topic cannot reach them — call them if their card has a phone.
handoff-topic-asked-again = 🙋 { $lead }, the client asks for a manager again and is waiting for an answer.
handoff-topic-asked-again-nobody = 🙋 The client asks for a manager again and is waiting for an answer, and nobody leads the request: take it.
handoff-topic-waiting = ⏰ { $lead }, the client is still waiting for an answer (since { $opened }).
handoff-topic-waiting-nobody = ⏰ The client is still waiting for an answer (since { $opened }), and nobody leads the request: take it.
# The owners' one message of a working day, at its opening: its first line; a handoff-owner-waiting block per client follows
owners-waiting-title = ⏰ { $count ->
        [one] { $count } client is
       *[other] { $count } clients are
    } still waiting for a manager's answer:
handoff-owner-waiting = ⏰ Client { $client } is still waiting for a manager's answer (since { $opened }).
handoff-waiting-invoice-overdue = 💳 Invoice #{ $id } ({ $amount }) is overdue and unpaid: the client's payment reminders wait until they are answered.
handoff-topic-reply-late = ⏰ { $lead }, the client is waiting for an answer again — for over { $minutes } working minutes (since { $since }).
handoff-topic-reply-late-nobody = ⏰ The client is waiting for an answer again — for over { $minutes } working minutes (since { $since }), and nobody leads the request: take it.
# Said with the alert above: the client was apologised to and told by when they will be answered ($when: time, back — only that we answer when back, none — no time)
handoff-topic-reply-late-told = { $when ->
        [back] The client got an apology and the promise of an answer first thing when we are back ({ $at }).
        [none] The client got an apology.
       *[time] The client got an apology and a new estimate — { $at }.
    }
handoff-owner-reply-late = ⏰ Client { $client } is waiting for a manager's answer again — for over { $minutes } working minutes (since { $since }).
handoff-topic-unsubscribed = 🔕 The client unsubscribed from newsletters — the bot answered them itself. Messages about their request, calls, orders and payment still reach them.
handoff-topic-unblocked = ✅ The client is reachable again: they unblocked the bot, and answers from here get through now. Send again whatever did not.
# The client settled what they waited for themselves ($by: words — "figured it out", "never mind"; call — booked or moved a call, for a question about a call; zone — set their time zone, for one about it): the wait ends with no alert, the request stays open
handoff-topic-settled = ✔️ { $by ->
        [call] The client picked a call time themselves — that answers their question
        [zone] The client set their time zone themselves — that answers their question
       *[words] The client took their question back themselves
    }: they wait for no answer now, and no reminders will come. The request is open — write to them as usual.
# The call the client booked, which had settled their question, they then cancelled: the question waits again
handoff-topic-unsettled = ↩️ The client cancelled the call they had picked — their question waits for an answer again.
# The client blocked the bot (once a block; a failed answer says so in its own line)
handoff-topic-client-blocked-now = ⛔ The client blocked the bot: messages from here will not reach them until they unblock it.
handoff-topic-blocked = ❌ Not delivered: the client blocked the bot. { $excerpt }
handoff-topic-undelivered = ❌ Not delivered to the client ({ $reason }). { $excerpt }
handoff-topic-edit-failed = ✏️ Could not change the message on the client's side ({ $reason }). Send the correction as a new message. { $excerpt }
handoff-topic-client-edited = ✏️ The client edited a message (the copy above could not be updated: { $reason }). It now reads: { $text }
# A client's message staff saw only in the history posted to the topic (no copy of its own to edit);
# `before`, `text`: its old and new words, "none" for a file without a caption
handoff-topic-client-edited-history =
    ✏️ The client edited a message in the conversation above.
    Was: { $before ->
        [none] no caption
       *[other] “{ $before }”
    }
    Now: { $text ->
        [none] no caption
       *[other] “{ $text }”
    }
handoff-topic-copy-failed = ⚠️ Could not forward the client's message ({ $reason }). In the history: { $excerpt }
handoff-topic-album-partial = ⚠️ Forwarded { $sent } of { $total } album parts: the others were deleted.
handoff-topic-forwarded = ↪️ Forwarded from { $name }:
handoff-topic-reply-to-bot = ↩️ In reply to the bot's message { $excerpt }:
handoff-topic-written-before = 🕐 { $time } — written before your answer
handoff-topic-recreated = ♻️ The client's topic was deleted — the bot created it again. The card and the whole conversation are above.
handoff-topic-resumed = ↻ Forwarding was cut off (the bot restarted or the connection to Telegram dropped): the next client message may already be above.
handoff-topic-uncertain = ⚠️ The bot got no answer from Telegram while sending to the client (a restart or a dropped connection) — I cannot tell whether this arrived: { $excerpt }. Please check and send it again if needed.
handoff-topic-deleted-client = The client erased their data — messages no longer reach them.
handoff-reason-source-gone = the message was deleted before it was forwarded
handoff-reason-target-gone = the message can no longer be edited
handoff-close-already = The client has already been asked “Is your question solved?” — waiting for the answer.
handoff-close-none = The client has no open request.
handoff-assign-usage = To hand the client to a colleague: reply /assign to their message, or write /assign and their name as the card shows it, their @username or id. /assign alone takes the client yourself.
handoff-assign-already = { $manager } already leads this client — nothing changed.
handoff-assign-unknown = Nobody on the team is “{ $who }”. The team: { $team }.
handoff-assign-absent = ⚠️ { $manager } is not in this staff group: they see neither the client's topic nor the alerts posted there. Add them to the group, or hand the client to someone who is in it.
# Under the team's list: those in it the bot knows no name of yet ($who: "id 100001, id 100003"; $several: yes for more than one; $id: the first one's id); $command: the command typed (assign, handover)
handoff-assign-unnamed = ℹ️ { $several ->
        [yes] The bot does not know the names of { $who } yet: it learns them once they write anything in the staff group or in their chat with the bot.
       *[no] The bot does not know the name of { $who } yet: it learns it once they write anything in the staff group or in their chat with the bot.
    } Until then, by id: /{ $command } { $id }.
handoff-assign-ambiguous = Several people on the team are “{ $who }”: { $matches }.
handoff-assign-team-more = { $list } and { $more } more
# /handover, anywhere in a staff group: every open request the sender leads passes to a colleague
handoff-handover-usage = To hand all your clients to a colleague: /handover and their name as the card shows it, their @username or id — or reply /handover to their message.
handoff-handover-self = You cannot hand your clients to yourself: write /handover and a colleague's name.
handoff-handover-none = You lead no open requests — there is nothing to hand over.
# What a client handed to a colleague waits for (/assign's notice, /handover's topic lines and summary): $pending waiting (the request's first answer, or the one to their message since the last answer; $due the time to answer by), late ($due passed: the topic's 🔴), undated (no time to answer by: no working time ahead)
handoff-handed-waits = { $pending ->
        [waiting] ⏳ waiting for an answer since { $since }, answer by { $due }
        [late] 🔴 waiting for an answer since { $since }, not answered by { $due }
       *[undated] ⏳ waiting for an answer since { $since }
    }
# In each client's topic, naming the colleague without mentioning her (the summary does, once); $pending: none, or what the client waits for (handoff-handed-waits)
handoff-topic-handed-over = 👤 Client handed over: { $manager } leads them now (handed over by { $by }){ $pending ->
        [none] {""}
       *[other] {" "}· { handoff-handed-waits }
    }
# The summary where /handover was typed: $manager mentions the colleague; the clients' lines follow
handoff-handover-done = 🤝 { $manager }, { $by } hands you { $count ->
        [one] their client — you lead the client now:
       *[other] their { $count } clients — you lead them now:
    }
# $client: their name opening their topic; $pending: none, or what they wait for (handoff-handed-waits)
handoff-handover-item = • { $client }{ $pending ->
        [none] {""}
       *[other] {" "}— { handoff-handed-waits }
    }
# Under the summary: the clients $manager handed the sender ($by) less than $minutes ago stay with her (two /handovers crossed); their lines follow
handoff-handover-kept = ↩️ Not handed back — handed over less than { $minutes } min ago (by { $manager }), { $count ->
        [one] this client stays
       *[other] these { $count } clients stay
    } with { $by }. To hand one back: /assign in the client's topic:
handoff-handover-more = …and { $count } more — each topic says so.
handoff-handover-absent = ⚠️ { $manager } is not in this staff group: they see neither the clients' topics nor the alerts posted there. Add them to the group, or hand the clients to someone who is in it.
handoff-tag-unchanged = The tags did not change. Now: { $tags }
handoff-tag-usage = /tag vip wholesale — add tags, /tag -wholesale — remove (letters, digits, _ and -). Now: { $tags }
handoff-tags-more = { $tags } and { $more } more
handoff-note-usage = Write the note after the command: /note text — or start a message with //. The client never sees it.
handoff-unknown-command = No such command. { handoff-topic-commands }
# What a client's topic takes: said under a typo there, and under a command of another place typed there
handoff-topic-commands = In a client's topic: /r, /close, /assign, /tag, /card, /note, /unsend, /offer, /call, /invoice, /paid, /done, /followups, /duty, /handover, /find, /today; start a message with // to leave a note.

handoff-reason-asked = the client asked for a manager
handoff-reason-trigger = { $detail ->
        [none] words of dissatisfaction in the client's messages
       *[other] the client wrote “{ $detail }” — looks like dissatisfaction
    }
handoff-reason-quiz_no_match = the quiz found no match
handoff-reason-discovery_detailed = the client wants a detailed talk
handoff-reason-nps_detractor = a low NPS score (0–6)
# `request`: what the client wrote right under the apology for their low rating of a request;
# `none`: a low rating (a check-in's); any other: the words a low score of a request was typed with
handoff-reason-low_rating = { $detail ->
        [none] low rating
        [request] the client explains a low rating of their last request
       *[other] the client rated their last request low and wrote: “{ $detail }”
    }
handoff-reason-not_solved = the client said the question is not solved, after the request was closed
# `not_yet`: the client pressed "Not yet" under a "Вопрос решён?" of a request closed over a week before
handoff-reason-returned = { $detail ->
        [not_yet] the client came back after the request was closed — pressed “Not yet” under an old “Is your question solved?”
       *[other] the client wrote again after the request was closed
    }
handoff-reason-reply = { $detail ->
        [none] the client answered a message of the bot's
       *[other] the client answered the bot's message “{ $detail }”
    }
handoff-reason-question = { $detail ->
        [none] the client wrote a question the bot has no answer to
       *[other] the client wrote: “{ $detail }”
    }
handoff-reason-business = the client wrote to the owner's own Telegram account (Business)
handoff-reason-business_owner = the owner wrote to the client themselves, from their own Telegram account (Business)
handoff-reason-refund = the client asks for their money back
# A first message of news that asks nothing ("Paid! will send the receipt tonight"): passed on as a message, no answer time
handoff-reason-news = { $detail ->
        [none] the client wrote with no question — no answer awaited
       *[other] the client wrote with no question — no answer awaited: “{ $detail }”
    }
# A photo, a voice message, a file… sent outside any flow, which the bot cannot read: it follows in the conversation
handoff-reason-file = { $detail ->
        [voice] the client sent a voice message
        [video_note] the client sent a video message
        [photo] the client sent a photo
        [video] the client sent a video
        [audio] the client sent an audio file
       *[other] the client sent a file
    } — the bot cannot read it: see the conversation below

# The client card
handoff-card-address = address as: { $name }
# On the card of a team member's own request (they asked for a manager in their own chat with the bot)
handoff-card-team = 🧪 On the team ({ $role ->
        [owner] an owner
       *[manager] a manager
    }): trying the bot as a client — not a client's request
handoff-card-profile = profile
handoff-card-meta = 🆔 #{ $id } · language: { $language } · stage: { $stage } · since { $since }
handoff-card-source = 📍 source: { $source }
handoff-card-source-business = 📍 source: the owner's own account (Telegram Business)
handoff-card-source-referral = 📍 source: another client's invitation
handoff-card-referrer = referred by: { $who }
handoff-card-consent-granted = ✅ marketing: consent given { $granted }
handoff-card-consent-withdrawn = 🚫 marketing: consent withdrawn { $withdrawn } (given { $granted })
handoff-card-consent-declined = ▫️ marketing: declined { $declined }
handoff-card-consent-not-answered = ▫️ marketing: asked, no answer yet
handoff-card-consent-not-asked = ▫️ marketing: not asked yet
handoff-card-blocked = ⛔ blocked the bot ({ $at })
# The client asked in words for no more questions after an order; $date when
handoff-card-questions-declined = 🔕 questions after an order: the client asked us not to send them ({ $date })
handoff-card-tags = 🏷 { $tags }
handoff-card-request-open = 💬 <b>Request open</b> since { $opened }: { $reason }
handoff-card-request-closing = 💬 <b>Waiting for “solved”</b> (opened { $opened }: { $reason })
handoff-card-answered = ✔️ first answer { $at } ({ $minutes ->
        [0] within a minute
       *[other] after { $after }
    }{ $working ->
        [none] {""}
       *[other] ; working time { $working }
    })
handoff-card-waiting = ⏳ waiting — answer by { $due }
handoff-card-waiting-no-due = ⏳ waiting for an answer
handoff-card-late = 🔴 waiting — not answered by { $due }
# Nobody answered, and nothing is owed: the client settled it themselves at $at, or it opened with news alone ($how)
handoff-card-settled = ✔️ no answer awaited — { $how ->
        [news] they wrote with no question
       *[settled] the client took their question back { $at }
    }
# Answered, the client waiting again on their message since $since (a follow-up), due by $due
handoff-card-waiting-again = ⏳ waiting again since { $since } — answer by { $due }
handoff-card-late-again = 🔴 waiting again since { $since } — not answered by { $due }
handoff-card-manager = 👤 led by: { $manager }
# A new topic's first card of a request the duty rota gave someone: $manager mentions them (the post notifies them)
handoff-card-manager-on-duty = 👤 led by: { $manager } — { $own ->
        [yes] the client's own manager, on duty
       *[no] next in the duty rota
    }
handoff-card-no-manager = 👤 no manager assigned
handoff-card-client-zone = 🕐 the client's time zone: { $zone }
handoff-card-via-business = 💼 writes to the owner's account (Telegram Business): answers from here go there, in the account's name
handoff-card-via-business-closed = 💼 writes to the owner's account (Telegram Business), but an answer from here would not reach them now. { $why }
handoff-card-no-request = 💬 no open request
handoff-card-discovery = 📝 <b>Answers</b>
handoff-card-quiz = 🎯 <b>Quiz</b> ({ $at }): { $outcome } — { $top }
handoff-card-quiz-points = { $score } { $score ->
        [one] point
       *[other] points
    }
handoff-card-quiz-match = matched
handoff-card-quiz-tie = several equal options
handoff-card-quiz-no_match = nothing matched, closest
# A quiz take the client stopped before its end (asked for a manager at a question): the answers so far
# follow, so nobody asks them again. $answered: answers given; $total: the quiz's questions
handoff-card-quiz-unfinished = 🎯 <b>Quiz unfinished</b>: { $answered } of { $total } answered
handoff-card-rejected = 👎 rejected: { $products }
handoff-card-bookings = 📞 <b>Calls</b>
handoff-card-booking-booked = booked
handoff-card-booking-cancelled = cancelled
handoff-card-booking-called = done
handoff-card-booking-no_answer = no answer
# A booked call whose time is over with no outcome recorded: someone has to say how it went
handoff-card-booking-unmarked = time passed, not marked
# What the client wrote for whoever calls, when booking (shortened; the booking notice has it whole)
handoff-card-booking-comment = 💬 “{ $comment }”
handoff-card-orders = 🧾 <b>Orders</b>
handoff-card-order-unpaid = unpaid
handoff-card-order-paid = paid
handoff-card-order-paid-provider = paid in Telegram
handoff-card-order-paid-stars = paid in Telegram Stars
handoff-card-order-refunded = refunded
handoff-card-order-cancelled = cancelled
handoff-card-order-done = ✔️ done { $date }
handoff-card-order-due = due { $due }
handoff-card-history = 🗂 Earlier requests: { $count }
# $count: how many scores the list has; one needs no order said
handoff-card-ratings = ⭐ { $list }{ $count ->
        [1] {""}
       *[other] {" "}(newest first)
    }
handoff-card-feedback-checkin = check-in
handoff-card-feedback-csat = CSAT
handoff-card-feedback-nps = NPS
handoff-card-feedback-ces = CES
handoff-card-feedback-handoff_speed = speed
handoff-card-feedback-handoff_quality = quality
handoff-card-followups = ⏰ <b>Scheduled</b>
handoff-card-followups-more = …and { $more } more — the whole list: /followups
handoff-card-nudge-when = { $when }, or later if the client takes a step before then
handoff-card-notes = 🗒 <b>Notes</b>
handoff-card-updated = updated { $at }

# The transcript
# What the conversation holds: its messages in the client's chat (theirs, the bot's, the team's),
# and apart from them the buttons the client pressed, which are lines of it but no messages
handoff-transcript-size = { $messages ->
        [0] {""}
        [one] { $messages } message
       *[other] { $messages } messages
    }{ $presses ->
        [0] {""}
       *[other] { $messages ->
            [0] {""}
           *[other] {" "}and{" "}
        }{ $presses } { $presses ->
            [one] button press
           *[other] button presses
        }
    }
handoff-transcript-title = 📜 Conversation with the client ({ $size })
handoff-transcript-document = 📜 Conversation with the client: { $size } — open the file in a browser.
handoff-transcript-client = Client
handoff-transcript-bot = Bot
handoff-transcript-manager = Manager
# After a message of the history that was deleted in the client's chat (an answer taken back with /unsend, or deleted in the owner's Business chat)
handoff-transcript-deleted = (🗑 deleted in the client's chat)

# /unsend, replied to a staff answer in the client's topic (or to the post that shows a saved reply went out): said under that answer
handoff-unsend-done = 🗑 Deleted on the client's side.
# Under it, when that was the only answer of the open request: it waits for its first answer again (the answer time, /today and /stats read so)
handoff-unsend-unanswered = ⏳ It was the request's only answer: the request is waiting for its first answer again, since { $opened }.
handoff-unsend-usage = 🗑 To delete a message of yours on the client's side, reply /unsend to it.
# $what: what the message replied to is; $id: the invoice's number, with an invoice's summary (invoice-paid: paid, so only a refund undoes it)
handoff-unsend-not-answer = 🗑 /unsend deletes an answer sent to the client from this topic, and { $what ->
        [client] this is the client's own message
        [note] this is a note: the client never saw it
        [team] this is the bot's message for the team: the client does not have it
        [bot] this is what the bot itself told the client
        [command] this is the bot's message that went to the client on a command (such as a call offer, or a call booked or moved). If it went by mistake, tell the client so in a new message, and cancel the call if one was booked
        [invoice] this is an invoice's summary for the team. To withdraw an unpaid invoice, cancel it with the button under the summary — the client is told it is cancelled
        [invoice-paid] this is a paid invoice's summary for the team: it can no longer be cancelled. If the money is to go back — /refund { $id } (from a manager it asks the owners)
        [invoice-cancelled] this is an invoice's summary for the team: the invoice is cancelled already, there is nothing to withdraw
        [invoice-refunded] this is an invoice's summary for the team: its money was refunded already, there is nothing to withdraw
       *[other] this message was never sent to the client
    }.
handoff-unsend-owner-own = 🗑 The owner wrote this to the client themselves, from their own Telegram: only they can delete it — there.
handoff-unsend-not-theirs = 🗑 Not deleted: this is a colleague's answer ({ $author }). Only its author or an owner can delete it on the client's side.
handoff-unsend-already = 🗑 This message has already been deleted on the client's side.
handoff-unsend-undelivered = 🗑 Nothing to delete: this message never reached the client (the topic above says why).
handoff-unsend-too-old = 🗑 Not deleted: Telegram lets a message be deleted only within 48 hours, and this one is older. If it went by mistake, tell the client so in a new message.
# Telegram does not tell a bot when a person deletes a message in its chat: found out only now
handoff-unsend-gone = 🗑 The client no longer has this message: they deleted it themselves.
handoff-unsend-owner-only = 🗑 Not deleted: the client writes to the owner's account ({ $account }), and { $why ->
        [off] the bot is not connected to that account now
       *[right] the bot has no right to delete messages there
    }. Only the account's owner can delete it — in their own Telegram.
handoff-unsend-failed = 🗑 Could not delete it on the client's side: { $reason }.
handoff-media-photo = photo
handoff-media-animation = GIF
handoff-media-document = file
handoff-media-video = video
handoff-media-video_note = video note
handoff-media-voice = voice
handoff-media-audio = audio
handoff-media-sticker = sticker
handoff-media-venue = place
handoff-media-location = location
handoff-media-contact = contact
handoff-media-poll = poll
handoff-media-dice = dice
handoff-media-invoice = Telegram invoice
handoff-media-button = button
handoff-media-copy = message

# A line from another feature (follow-ups) in the topic, already in the staff language
staff-bridge-line = { $text }
handoff-topic-failed = ⚠️ Could not create a topic for client { $client } — their messages cannot reach the group. Contact the client directly (details in /export { $id }).
handoff-topic-moved = ➡️ The client was moved to group #{ $group }: the conversation goes on there.
handoff-topic-moved-here = ⬅️ The client was moved here from another group: the whole conversation is above.
handoff-erased-topic = ⚠️ The client erased their data (/forget): this topic belongs to nobody now — nothing written here goes anywhere, and a client's commands do not work here.
handoff-left-topic = ⚠️ Not sent: this client was moved to group #{ $group } — nothing written in this topic reaches them. Write in their topic there.
handoff-move-usage = To move the client: /move &lt;group number&gt;. Groups: { $groups }
handoff-move-one-group = There is nowhere to move the client: there is one staff group. To split clients between groups (by language, by service), add groups to STAFF_GROUP_IDS in .env and restart the bot.
handoff-move-same = The client is in this group already.
handoff-move-owner-only = Only an owner can move clients between groups.

# When the team is back ($back above): backAt() in src/format.ts; in the small hours a time later that day by its part of the day (morning, afternoon, evening), not "today"
back-at = { $day ->
    [today] today at { $at }
    [morning] this morning at { $at }
    [afternoon] this afternoon at { $at }
    [evening] this evening at { $at }
    [tomorrow] tomorrow at { $at }
   *[later] on { $date } at { $at }
}
# A client promised to pay ("сейчас оплачу") after their request closed: no new request; $words quoted
handoff-pay-promise = 💳 The client says they will pay (invoice #{ $id } is unpaid): { $words }
# Under it: the promise puts the invoice's reminders off until the morning after the day it names
handoff-pay-promise-until = ⏸ No payment reminder of it before { $until }.
# News that needs no answer written after the request closed ("got the parcel", "will send the photos tomorrow"): shown to the team, no request opened; $words: the client's words
handoff-news-after-close = 📨 The client wrote after the request closed — news that awaits no answer, so no request was opened: { $words }
# The client asked to pay later during their request: the invoice's reminders still planned, and how to move its due date
pay-later-asked = 📅 Invoice #{ $id } ({ $amount }) is due { $due }; its reminders still go by that date:
pay-later-asked-undated = 📅 Invoice #{ $id } ({ $amount }) has no due date; its reminder still goes:
pay-later-reminder = • { $when } — { $what }
pay-later-reminder-held = • { $what } (once the client is answered)
pay-later-move = Agreed on a later date? { $several ->
        [yes] /due #{ $id } 15.01
       *[no] /due 15.01
    } moves the due date and its reminders, and tells the client the new date.
