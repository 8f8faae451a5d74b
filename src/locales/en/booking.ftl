cmd-book = Book a callback
cmd-mybookings = My calls and orders
cmd-today = Today's callbacks and who waits for an answer
cmd-offer = Offer the client a call
cmd-call = The client's call: book, move or cancel it
booking-friend = friend

## Day and time
booking-pick-day =
    When would you like to talk? Pick a day 👇
    Times are in this time zone: { $zone }.{ $own ->
        [no] {" "}In another time zone? /timezone — and your time will show beside ours.
       *[yes] {""}
    }
booking-move-pick-day =
    Your call: { $from }.
    Which day should we move it to? Times are { $zone }.
booking-pick-time = { $day } — pick a time that suits you ({ $zone }). A call takes up to { $minutes } min.
# After the times of a day, when some are in the client's night on their clock (/timezone)
booking-pick-night = 🌙 — night where you are ({ $hours } your time).
booking-pick-early = 🌅 — early morning where you are ({ $hours } your time).
# A time typed on the picker, said back as it was understood, before the next question
booking-time-typed = ✔️ Call: { $window } ({ $zone }).
# A time said with no day on the day picker ("10am my time"): which day
booking-time-which-day = Which day would suit you at { $time } ({ $zone })? Pick a day below 👇
booking-time-typed-night = 🌙 That is night where you are ({ $hours } your time): if it does not suit you, { $below ->
        [yes] press “{ $other }” below.
       *[no] the confirmation has a “{ $other }” button.
    }
booking-time-typed-early = 🌅 That is early morning where you are ({ $hours } your time): if it does not suit you, { $below ->
        [yes] press “{ $other }” below.
       *[no] the confirmation has a “{ $other }” button.
    }
# A time said on "my time" by a client whose time zone is not known yet: asked, as /timezone asks
booking-own-zone-ask = I don't know your time zone yet, so I can't tell which of our times that is. Which city are you in, or what time is it where you are now (hours and minutes, e.g. 14:05)? Or write the time in ours ({ $zone }).
# A time said on another clock ("2pm my time", "11am PT") that is none of ours; $own: yes for the client's own clock; $why: passed when it has gone by
booking-time-theirs-not-offered = { $theirs } { $own ->
        [yes] your time
       *[no] ({ $clock })
    } is { $ours } our time ({ $zone }) — { $why ->
        [passed] that time has already passed
        [soon] that time is too soon to book
       *[other] that time is taken or outside our hours
    }; please pick a free one 👇
booking-day-today = Today, { $date }
booking-day-tomorrow = Tomorrow, { $date }
booking-now-button = 📞 Call me now
booking-other-day-button = ← Another day
# $on: what is shown below it — the days (pick one), or a day's times (pick one, or another day); $why time-passed: today, with a time said that has gone by
booking-day-not-offered = { $why ->
        [closed] We do not work that day
        [far] Booking is not open that far ahead yet
        [past] That day has passed
        [time-passed] That time has already passed
       *[full] That day has no free time
    } — { $on ->
        [days] please pick a day from the list 👇
        [times] please pick a time below, or another day with “{ booking-other-day-button }” 👇
        [comment] the call keeps its time (another can be picked at the next step) 👇
       *[confirm] for another time, tap “{ booking-other-time-button }” 👇
    }
# The part of the day the client said with it ("tmrw after 5", "friday morning"): its times alone are shown. $own: yes when the hours are on the client's own clock (/timezone: their evening, not their night), and then what is shown when none is free is the day's times outside their night
booking-hours-shown = Showing times { $kind ->
        [after] from { $from }
        [before] before { $to }
       *[between] from { $from } to { $to }
    }{ $own ->
        [yes] {" "}your time
       *[no] {""}
    }.
booking-hours-none = { $kind ->
        [after] From { $from }
        [before] Before { $to }
       *[between] From { $from } to { $to }
    }{ $own ->
        [yes] {" "}your time there is no free time that day — here are the nearest free times.
       *[no] {" "}there is no free time that day — here are all the free times.
    }
booking-all-times-button = 🕐 All times that day
# A time typed between the times calls start at ("quarter to 5" where they start every half hour)
booking-time-between = Calls start every { $minutes } minutes — please pick the nearest free time 👇
# A time typed for a day that is not free then; $why: passed when it has gone by ("today at 9" at 11:00)
booking-time-not-offered = { $why ->
        [passed] That time has already passed
        [soon] That time is too soon to book
       *[other] That time is taken or outside our hours that day
    } — please pick a free one 👇
# The time said with no day ("в 15"), the day then picked: it is not free that day; $time as the question said it
booking-time-said-not-offered = { $time } { $why ->
        [passed] has already passed
        [soon] is too soon to book
       *[other] is taken or outside our hours that day
    } — please pick a free one 👇
booking-day-full = There's no free time left that day — please pick another one.
booking-no-slots = Sorry, there's no free time for a call { $days ->
        [one] in the next day
       *[other] in the next { $days } days
    }. Write to a manager — they will arrange a time with you personally.
booking-slot-full = That time has just been taken 😔
booking-slot-gone = That time has passed or is too close.
booking-slot-invalid = That time is no longer available — the schedule has changed.
booking-use-buttons = Please pick an option with the buttons below 👇 If you'd rather talk it over, tap “{ $button }”.
booking-picker-again = The options were sent again below — please pick there 👇

## Call me now
booking-now-closed = We're closed right now — we open again { $opens } ({ $zone }). Pick a time that suits you and we will call right on time 👇
booking-now-closed-unknown = We're closed right now. Pick a time below or write to a manager.
booking-now-off = “Call me now” isn't available right now. We've saved your number — pick a time that suits you and we will call right on time 👇
booking-now-done =
    Got it, { $name }! A manager will call you back by { $until } ({ $zone }).
    If we're running late, we'll call as soon as we're free and let you know.
# A "call me now" wherever a call's time is named: by the time promised (its start is when the client asked)
booking-call-by = by { $time }

## Phone and comment
booking-phone-ask = Which number should we call? Tap “Share my number” below or type it, e.g. { $example }.
booking-phone-ask-now = Which number should we call back? Tap “Share my number” below or type it, e.g. { $example }.
# The number the bot knows, asked about by name
booking-phone-ask-known = { $now ->
        [yes] Call you back
       *[no] Call you
    } on { $phone }? Tap the number below — or “Share my number”, or type another one.
booking-phone-ask-known-typed = { $now ->
        [yes] Call you back
       *[no] Call you
    } on { $phone }? Type “yes” — or another number.
booking-phone-share-button = 📱 Share my number
# In the owner's own chats (Telegram Business) there is no "Share my number" button
booking-phone-ask-typed = Which number should we call? Type it, e.g. { $example }.
booking-phone-ask-now-typed = Which number should we call back? Type it, e.g. { $example }.
# Above the question asked again, which says how to give the number: not said twice
booking-phone-needed = A phone number is needed here.
booking-phone-invalid = I couldn't read that number — please check the digits.
# Two numbers or more in one message at the phone step: which to call is the client's word
booking-phone-which = Your message has the numbers { $phones }. Which one should we call? Tap its button below or type just that one.
booking-phone-which-typed = Your message has the numbers { $phones }. Which one should we call? Please type just that one.
booking-phone-not-own = That's not your contact. Tap “Share my number” — Telegram sends your own number — or type the number.
booking-phone-not-own-typed = That's not your contact. Please type your own number.
booking-phone-saved = Number saved: { $phone }
booking-comment-ask = Anything the manager should know before the call? Write a short note — or tap “No comment”.
booking-comment-none-words = no comment, no, nope, nah, no thanks, nothing, none, skip
booking-comment-skip = No comment
booking-comment-too-long = That's a bit long for a note — please keep it under { $max } characters. Details can wait for the call.
booking-comment-text-only = Please type your comment or tap “No comment”.

## Confirmation
booking-confirm =
    Let's double-check:
    📞 Call: { $window }
    🕐 Time zone: { $zone }
    📱 Number: { $phone }
booking-confirm-product = 🎯 About: { $product }
booking-confirm-comment = 💬 Comment: { $comment }
booking-confirm-question = Does everything look right?
# A plain "no" typed under the confirmation: what can be changed, and how
booking-confirm-what-to-change = What should we change? For the time, tap “{ $button }” or type a new day and time, e.g. “Thursday at 11”.
# Words at the confirmation that go to the manager reading the chat: told so, and that nothing is booked yet; $mode: book or move
booking-confirm-passed = I've passed that on to the manager. { $mode ->
        [move] The call is not moved yet
       *[other] The call is not booked yet
    } — tap “{ $button }” above when it suits you, or “{ $other }”.
booking-confirm-outdated = That button was for an earlier choice. Here's what you've chosen now:
booking-ok-button = ✅ Confirm
booking-other-time-button = 🔄 Another time
booking-stop-button = ✖ Don't book
booking-move-keep-button = ✖ Keep the old time
# $reminder: minutes from the reminder to the call (0: none), to pick the phrase; $before: that span in words;
# $mine: no in the owner's own chats (Telegram Business), where the bot writes as the owner and names no command of its own
booking-done =
    Done, { $name }! 🙌 Your call is booked:
    📞 { $window }
    🕐 { $zone }
    A manager will call { $phone }.
    { $reminder ->
        [0] You can move or cancel the call with the buttons below{ $mine ->
                [no] {""}
               *[yes] {" "}or with /mybookings
            }.
        [60] I will remind you an hour before the call. Move or cancel it with the buttons below{ $mine ->
                [no] {""}
               *[yes] {" "}or with /mybookings
            }.
       *[other] I will remind you { $before } before the call. Move or cancel it with the buttons below{ $mine ->
                [no] {""}
               *[yes] {" "}or with /mybookings
            }.
    }
# $chat: business in the client's chat with the owner's account, where the bot shows no menu
booking-stopped = All right, no booking.{ $chat ->
        [business] {" "}If you change your mind, just write here.
       *[bot] {" "}If you change your mind, “{ $button }” is in the menu.
    }
booking-has-upcoming =
    You already have a call booked: { $window } ({ $zone }).
    You can move or cancel it 👇
booking-too-many-turns = Let's keep it simple 🙂 Write to a manager — they will find a time with you.

## Reschedule and cancel
booking-move-confirm =
    Move the call?
    Currently: { $from }
    New time: { $window } ({ $zone })
booking-move-ok-button = ✅ Move it
booking-move-stopped = All right, the call stays at its time.
booking-moved =
    Moved ✅ Your call is now { $window } ({ $zone }).
    Was: { $from }.
booking-move-impossible = This call can no longer be moved — it's been cancelled or its time has passed. You can book a new call with the button below.
booking-move-cancelled = This call ({ $window }) has been cancelled, so there is nothing to move. You can book a new call with the button below.
booking-reschedule-button = 🔄 Move
booking-cancel-button = ✖ Cancel
booking-cancel-ask = Cancel the call: { $window } ({ $zone })?
booking-cancel-yes-button = Yes, cancel it
booking-cancel-no-button = No, keep it
booking-cancel-moved = The call has been moved since — here is its time now.
booking-cancel-kept = All right, the call stays: { $window } ({ $zone }).
booking-cancelled = The call ({ $window }) is cancelled. Book again whenever you need.
booking-not-yours = This button belongs to someone else's booking — only the person who booked can use it.
booking-gone = This booking no longer exists.
booking-not-active = This call has been cancelled or its time is over. Here is what is current:
booking-missed-rebook = That call did not happen — pick a new time 👇
# A button of a call the team marked as made, pressed after it
booking-call-held = This call has already taken place ({ $window }). To talk again, book a new call with the button below.
booking-stale = That choice is out of date — here are fresh options.
booking-product-gone = That service is no longer listed — I'll book a general call.

## Reminders and messages from staff
booking-reminder-client =
    { $name }, a reminder about your call: { $window } ({ $zone }).
    A manager will call { $phone }. If your plans have changed, move or cancel the call with the buttons below.
booking-now-late-client =
    { $name }, we are sorry: we promised to call you by { $until } ({ $zone }) and are running late. A manager will call { $phone } as soon as they are free.
booking-no-answer-client =
    { $name }, we called you ({ $window }, { $zone }) but couldn't reach you.
    Pick another time that suits you — or write to a manager any time.
booking-no-answer-client-now =
    { $name }, we called you back as you asked but couldn't reach you.
    Pick a time for a call that suits you — or write to a manager any time.
booking-new-time-button = 📞 Pick a new time
booking-moved-by-staff =
    { $name }, a manager has moved your call. The new time: { $window } ({ $zone }).
    Was: { $from }.
    If that time does not suit you, move or cancel it with the buttons below.
# The team moved a call whose time passed with nobody marking it (nobody called): when the manager will call, plainly
booking-moved-by-staff-missed =
    { $name }, a manager will call you at a new time: { $window } ({ $zone }).
    If that time does not suit you, move or cancel it with the buttons below.
# The team booked it for the client (/call with a time): said plainly, not “as agreed” — a manager may book a time the client did not ask for, or without asking; $reminder, $before, $mine as in booking-done
booking-booked-by-staff =
    { $name }, a manager has booked you a call:
    📞 { $window }
    🕐 { $zone }
    A manager will call { $phone }.
    { $reminder ->
        [0] You can move or cancel the call with the buttons below{ $mine ->
                [no] {""}
               *[yes] {" "}or with /mybookings
            }.
        [60] I will remind you an hour before the call. Move or cancel it with the buttons below{ $mine ->
                [no] {""}
               *[yes] {" "}or with /mybookings
            }.
       *[other] I will remind you { $before } before the call. Move or cancel it with the buttons below{ $mine ->
                [no] {""}
               *[yes] {" "}or with /mybookings
            }.
    }

## My stuff
booking-mine-title = 📋 { $name }, your calls and orders
booking-mine-calls = Calls:
booking-mine-no-calls = No calls scheduled.
booking-mine-call = • { $window } ({ $zone }){ $product }
booking-mine-call-now = • We will call you back, at the latest: { $window } ({ $zone }){ $product }
# Its deadline passed and staff have not marked it: still the client's call, and honestly late
booking-mine-call-now-late = • We promised to call you back by { $window } ({ $zone }){ $product } and are running late: we will call as soon as we are free.
# A call of the last two weeks whose time is over and that nobody marked (called, no answer): the team is asked to check
booking-mine-call-unmarked = • { $window } ({ $zone }){ $product } — its time has passed, and we have no note that the call took place. A manager will check.
booking-mine-orders = Orders:
booking-mine-no-orders = No open orders.
booking-mine-order = • { $title }: { $amount } — { $state }
# An invoice of an order billed in parts after its first one (the balance after a prepayment), under it
booking-mine-order-part = {"   "}↳ { $title }: { $amount } — { $state }
booking-mine-finished = Past orders:
booking-order-done = completed { $date }
booking-order-refunded = refunded { $date }
booking-order-number = Order #{ $id }
booking-order-unpaid = awaiting payment
booking-order-unpaid-due = awaiting payment by { $due }
booking-order-overdue = payment was due { $due }
booking-order-reported = you told us it is paid, we are checking
booking-order-paid = paid, work in progress
booking-mine-reschedule-button = 🔄 Move the call ({ $when })
booking-mine-cancel-button = ✖ Cancel the call ({ $when })
booking-mine-pay-button = 💳 Pay invoice #{ $id }: { $amount }

## Staff group
booking-staff-reminder-header = 📞 Time to call: { $window } ({ $zone })
booking-staff-late-header = ⏰ This reminder comes late: the call was booked for { $window } ({ $zone }). If nobody has called the client yet, call as soon as you can and mark the outcome.
booking-staff-now-header = 🔥 A client asks for a call now. Promised by: { $until } ({ $zone })
booking-staff-now-opening-header = 🔥 The client asked for a call back just before closing ({ $asked }) — promised by { $until } ({ $zone }). Call them first.
booking-staff-now-late-header = ⏰ The call was not made by the promised time ({ $until }, { $zone }): the client was told we are late. Call as soon as you can and mark how it went.
booking-staff-now-late-untold-header = ⏰ The call was not made by the promised time ({ $until }, { $zone }), and the client could not be told we are late. Call as soon as you can and mark how it went.
# Each way it may have gone, the call not made among them: “No answer” tells the client “we called you”
booking-staff-unmarked-header = ⏰ Nobody marked how the call went: { $window } ({ $zone }). Called — press “{ booking-outcome-called }”. Called but could not reach them — “{ booking-outcome-noans }”: the client is told so and offered another time. Did not call — “{ booking-outcome-resched }”: pick a new time, the client is told when a manager will call.
booking-staff-lead = { $lead }, this is your client.
booking-staff-unmarked-asked-header = ❓ The client asks about the call { $window } ({ $zone }), and nobody marked how it went. They were told a manager will check. If the client was called, press “{ booking-outcome-called }”; if they could not be reached, “{ booking-outcome-noans }”: the client will be offered another time.
booking-staff-booked-header = 🗓 New callback booked: { $window } ({ $zone })
booking-staff-moved-header = 🔄 The client moved the call: { $from } → { $window } ({ $zone })
booking-staff-cancelled-header = ✖ The client cancelled the call: { $window } ({ $zone })
booking-staff-phone = 📱 { $phone }
booking-staff-language = 🗣 The client speaks { $language ->
        [en] English
       *[ru] Russian
    }
booking-staff-product = 🎯 About: { $product }
booking-staff-comment = 💬 Comment: { $comment }
booking-staff-answers = 📝 The client's answers:
booking-outcome-called = ✅ Called
booking-outcome-noans = 📵 No answer
booking-outcome-resched = 🔄 Reschedule
booking-outcome-cancel = ✖ Cancel
booking-outcome-not-yet = The call's time has not come yet: { $window }. Mark how it went after the call; move or cancel it with the buttons under the message.
booking-staff-cancel-ask = Cancel the client's call? The client will get a message that it is cancelled.
booking-staff-cancel-yes = ✖ Yes, cancel
booking-staff-cancel-no = ← Keep it
booking-staff-cancel-over = The call's time is over — there is nothing to cancel. Mark how it went.
booking-outcome-cancelled-note =
    ✖ Call cancelled — { $staff }.
    { $told ->
        [yes] The client was told.
        [business] ⚠️ Nothing about it was sent to the client. { $why }
       *[other] Could not tell the client.
    }
booking-cancelled-by-staff =
    { $name }, as you asked, your call is cancelled: { $window } ({ $zone }).
    When you want to talk, pick a time with the button below.
# /call in a client's topic: the client's next call, with the reminder's buttons
booking-staff-call-header = 📞 The client's call: { $window } ({ $zone })
booking-staff-call-none = The client has no call booked. /offer suggests times; /call tomorrow 15:00 books the client for that time.
# /call with a day and time: the team books (or moves) the client's call themselves, the client agreed in words
booking-staff-call-usage = /call — the client's call with its buttons (move, cancel). /call tomorrow 15:00, /call fri 11, /call 11.12 10:30 — book the client for that time (or move their call to it); a phone number after the time when the client left none or asks to be called on another.
# /call's time on a working day that cannot be booked, with its reason; $free: how many free times that day ($times)
booking-staff-call-refused = Not booked: “{ $said }” ({ $day }) — { $why ->
        [past] that time is over
        [closed] we do not work at that time
        [between] calls start every { $minutes } min
        [twice] morning or evening? Write the time in full, e.g. 15:00
       *[taken] that time is taken
    }. { $free ->
        [0] No free time is left that day.
       *[other] Free that day: { $times }.
    }
booking-staff-call-day-none = Not booked: { $why ->
        [closed] { $day } is a day off.
        [far] { $day } is further ahead than booking is open.
        [past] { $day } is over.
       *[full] { $day } has no free time.
    }
booking-staff-call-no-phone = Not booked: the client has no phone number on record. Add it after the time: /call { $when } { $example }
# /call with a time for a client whose clock differs from ours, the words not saying whose: asked before anything reaches the client. $theirs, $ours: zones ("UK time, UTC+0")
booking-staff-call-whose = 🕐 “{ $said }”: whose time? The client's is { $theirs }, ours { $ours }. Nothing has been sent to the client yet.
booking-staff-call-ours-button = { $time } our time (client's { $other })
booking-staff-call-theirs-button = { $time } client's time (ours { $other })
booking-staff-call-whose-chosen = ✔️ { $choice }. Chosen by: { $staff }
# The time chosen with those buttons, as /call would take it ("24.11 18:00 our time"), should the topic say it back
booking-staff-call-said-ours = { $day } { $time } our time
booking-staff-call-same = The client's call is at that time already: { $when }.
booking-staff-booked-sent = 📤 The client is booked for a call — they were sent:
# /call without a number took the one the client wrote in the chat: $at, their message's time ("12:55")
booking-staff-booked-sent-chat = 📤 The client is booked for a call on { $phone } — the number from the client's message at { $at }. They were sent:
booking-staff-moved-sent = 📤 The call is moved (it was { $from }) — the client was sent:
booking-staff-moved-sent-chat = 📤 The call is moved (it was { $from }), to { $phone } — the number from the client's message at { $at }. The client was sent:
booking-staff-booked-untold = The call is booked ({ $when }), but the client could not be told: they erased their data or blocked the bot.
# Followed by the line of why the owner's Business chat is closed to the bot now (business-refusal-*)
booking-staff-booked-untold-business = The call is booked ({ $when }), but nothing about it was sent to the client.
booking-staff-keep-button = ← Keep the time
booking-staff-no-slots = There is no free time in the coming days.
booking-staff-pick-day = Pick a new day and time
# $day: the day chosen under a call reminder, "Tuesday, December 8"; its free times are the buttons below
booking-staff-move-day = New day for the call: { $day } — pick a time:
booking-staff-has-upcoming = The client has booked another call since: { $window }. This one cannot be moved — record how it went.
booking-outcome-already =
    { $status ->
        [called] Already recorded: called.
        [no_answer] Already recorded: no answer.
        [cancelled] This call is cancelled.
       *[other] This call has already been handled.
    }
booking-outcome-moved = This call has been moved since: it is now { $window }. A reminder will come for the new time.
booking-outcome-called-note = ✅ Called — recorded by { $staff }
# “No answer” pressed while the client’s message since the call’s time says nobody called ($said, quoted; $at, its time): one line under the reminder
booking-staff-noans-ask = ⚠️ The client wrote at { $at }: “{ $said }”. “{ booking-outcome-noans }” tells them “we called you but could not reach you”. If nobody called — “{ booking-outcome-resched }”: the client gets the call's new time.
booking-staff-noans-yes = 📵 We called — no answer
booking-staff-noans-back = ← Back
# Under the reminder once marked. [morning]: the message waits for the client's morning — $at, when on their clock, and $ours, on ours (back-at: "завтра в 9:00", "утром, в 9:00"), $own: whether theirs differs
booking-outcome-noans-note =
    📵 No answer — recorded by { $staff }.
    { $told ->
        [yes] The client was offered a new time.
        [morning] The client was offered a new time — the message reaches them { $at }{ $own ->
            [yes] {" "}their time ({ $ours } ours)
           *[no] {""}
        }, not at night.
        [business] ⚠️ The client was not offered a new time. { $why } Once they write, /offer in their topic offers them times.
       *[other] The client could not be messaged (they deleted their data or blocked the bot).
    }
# A call's outcome may be corrected for a while after it was marked (once; by the one who marked it, the client's lead, an owner).
# $outcome: what it becomes (called, no_answer). The line under the mark while it may be, $until its end ("3:35 PM")
booking-outcome-fix-until = Wrong outcome? It can be corrected until { $until } with the button below.
booking-outcome-fix-button = ✏️ Change to “{ $outcome ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }”
booking-outcome-fix-ask = Change the outcome to “{ $outcome ->
        [called] { booking-outcome-called }”? If the client was already told we could not reach them, they get a correction.
       *[other] { booking-outcome-noans }”? The client is told we could not reach them and offered another time.
    }
booking-outcome-fix-yes = ✏️ Yes, change it
booking-outcome-fix-keep = ← Keep it
# Pressed once the time to correct it is over, or after the correction (one per call); $minutes: how long it lasts
booking-outcome-fix-closed = This call's outcome can no longer be corrected: it is corrected once, within { $minutes } min of being marked.
# Pressed by someone else on the team; $marker: who marked it
booking-outcome-fix-not-yours = The outcome can be corrected by whoever marked it ({ $marker }), the client's manager or an owner.
# The other outcome pressed by someone else right after a colleague marked one ($status): theirs stands; $until as above
booking-outcome-already-fixers = { $status ->
        [called] Already recorded: called
       *[other] Already recorded: no answer
    } ({ $marker }). Until { $until } it can be corrected by { $marker }, the client's manager or an owner.
# In the topic (or General): two different outcomes pressed at once. $stands: the one marked first, which counts ($first pressed it); $second pressed the other
booking-outcome-clash = ⚠️ The call was marked two ways: { $first } — “{ $stands ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }”, { $second } — “{ $stands ->
        [called] { booking-outcome-noans }
       *[other] { booking-outcome-called }
    }”. The first one counts: “{ $stands ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }”. If it is wrong, correct it by { $until } with “✏️ Change to” under the reminder — { $first }, the client's manager or an owner can.
# Under the reminder once corrected: to what, by whom, and what the client got ($told; $at, $ours, $own, $why as in booking-outcome-noans-note)
booking-outcome-fixed-note =
    ✏️ Outcome corrected to “{ $outcome ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }” by { $staff }.
    { $told ->
        [fixed] The client got a correction: the “no answer” message was a mistake, the call took place.
        [held] The “no answer” message was waiting for the client's morning and will not go.
        [none] Nothing was sent to the client.
        [yes] The client was told we could not reach them and offered a new time.
        [morning] The client was offered a new time — the message reaches them { $at }{ $own ->
            [yes] {" "}their time ({ $ours } ours)
           *[no] {""}
        }, not at night.
        [business] ⚠️ Nothing was sent to the client. { $why }
       *[other] The client could not be messaged (they deleted their data or blocked the bot).
    }
# To the client: "we could not reach you" was a mistake, the call took place. $booked: they booked another call since ($next, its time)
booking-outcome-fixed-client = { $name }, sorry: the message saying we couldn't reach you was sent by mistake — the call did take place. { $booked ->
        [yes] The call you booked stays as it is: { $next }.
       *[no] There is no need to pick a new time.
    }
booking-outcome-moved-note =
    🔄 Moved to { $window } — { $staff }.
    { $told ->
        [yes] The client was notified.
        [business] ⚠️ Nothing about it was sent to the client. { $why }
       *[other] The client could not be notified.
    }
booking-today-title = 📅 { $when ->
        [tomorrow] Tomorrow's callbacks
        [yesterday] Yesterday's callbacks
        [past] Callbacks
        [future] Callbacks
       *[today] Today's callbacks
    }, { $day } ({ $zone }):
booking-today-none = { $when ->
        [tomorrow] No calls tomorrow.
        [yesterday] There were no calls yesterday.
        [past] There were no calls that day.
        [future] No calls that day.
       *[today] No calls today.
    }
booking-today-usage = /today — today's calls and who waits for an answer; /today tomorrow, /today fri, /today yesterday or /today 5.12 — another day's.
booking-today-line = { $icon } { $time } — { $name }, { $phone }{ $product }{ $unmarked }
booking-today-now = by { $time } (“call me now”)
# A call whose time is over and nobody recorded how it went
booking-today-not-marked = not marked
booking-today-legend = 🕐 waiting · ✅ called · 📵 no answer · a client's name opens their topic
# Below today's list: the earlier days (of the last week) with calls nobody marked, as the commands that list them
booking-today-unmarked = ⚠️ { $count ->
        [one] { $count } past call is not marked
       *[other] { $count } past calls are not marked
    }: { $days }
booking-today-yesterday-command = /today yesterday
# Below a day's calls that did not all fit in one message: how many are left out
booking-today-more = …and { $count ->
        [one] { $count } more call
       *[other] { $count } more calls
    } (they did not fit in one message).
# Below today's list: the clients who wait for the team's answer, the longest waiting first; $working: yes when $waited is the working time of a wait across closed hours, as the alerts count it; long when the wait is a day or more on the clock too, $wall (that span, said beside it)
booking-today-owed-title = 💬 Waiting for the team's answer ({ $count }):
booking-today-owed-none = 💬 Nobody is waiting for the team's answer now.
booking-today-owed-line = { $mark } { $name } — { $what ->
        [request] new request
       *[message] new message
    }, waiting { $working ->
        [long] { $wall } — { $waited } of working time
        [yes] { $waited } of working time
       *[no] { $waited }
    } (since { $since }) · { $lead }
booking-today-owed-just = under a minute
booking-today-owed-lead = { $lead } leads
booking-today-owed-nobody = nobody leads
booking-today-owed-more = …and { $count } more, waiting less long.
# Below who waits for an answer: the open requests answered and quiet since (the client has not written), the longest since the team's last message first;
# $how: answer — the team's last answer was then; settled — nobody answered, the client took their question back then; news — nobody answered, they wrote news that asks nothing then
booking-today-open-title = 💬 Open, waiting for our next step or /close ({ $count }):
booking-today-open-line = { $mark } { $name } — { $how ->
        [settled] not answered, the client took their question back
        [news] not answered, the client wrote with no question
       *[answer] last answered
    } { $ago } ago ({ $since }) · { $lead }{ $held }
# Beside such a request: follow-ups that wait for it to be closed (their names, as /followups names them)
booking-today-open-held = {" "}· ⏸ waits for the close: { $what }
booking-today-open-more = …and { $count } more, answered more recently.

# /offer in a client's topic
booking-offer-client =
    { $name }, your manager suggests a call. { $named ->
        [yes] The free times
       *[no] The nearest free times
    } ({ $zone }):
    { $times }
    Pick the time that suits you with the button below — it shows every free day and time.
booking-offer-day = • { $day }: { $times }
booking-offer-button = 📞 Pick a call time
booking-offer-none = There is no free time for a call in the coming days — suggest a time to the client yourself.
booking-offer-usage = /offer — the nearest free times to the client; /offer fri, /offer tomorrow or /offer Dec 11 — that day's times.
booking-offer-day-none = The offer was not sent: { $why ->
        [closed] { $day } is a day off.
        [far] { $day } is further ahead than booking is open.
        [past] { $day } is over.
       *[full] { $day } has no free time.
    } /offer without a day gives the nearest free times.
booking-offer-has-call = The offer was not sent: { $kind ->
        [now] the client asked for a call now, promised by { $when }.
       *[on] the client's call time has begun (at { $when }).
    }
booking-offer-move-client =
    { $name }, our manager suggests moving your call to another time (it is now { $when }, { $callZone }). { $named ->
        [yes] The free times
       *[no] The nearest free times
    } ({ $zone }):
    { $times }
    Pick a new time with the button below. If the time suits you as it is, there is nothing to do.
booking-offer-move-button = 🔄 Move the call
booking-offer-move-sent = 📤 Sent the client an offer to move their call ({ $when }):
booking-offer-sent = 📤 Call offer sent to the client:
booking-offer-failed = Could not send the call offer to the client (they may have blocked the bot).
# The business's zone with the client's own clock beside it (/timezone)
zone-for-reader = { $zone } — { $local } your time
zone-for-reader-difference = { $zone }; your clock is { $difference } { $ahead ->
        [yes] ahead
       *[no] behind
    }
# The business's zone beside the client's, where times are written on the client's clock (the booking's pickers); $ahead: yes when the client's clock is ahead of ours
zone-yours = your time, { $own }; ours is { $difference } { $ahead ->
        [yes] behind
       *[no] ahead
    }: { $zone }
zone-for-staff = { $zone } — { $local } the client's time
zone-for-staff-difference = { $zone }; the client's clock is { $difference } { $ahead ->
        [yes] ahead
       *[no] behind
    }
client-clock = { $when } ({ $local } the client's time)
booking-staff-slots-zone = Times are ours ({ $zone }).{ $night ->
        [theirs] {" "}🌙 — night for the client ({ $hours } on their clock).
        [ours] {" "}🌙 — night ({ $hours }): the client's zone is unknown, so ours is used.
       *[no] {""}
    }{ $early ->
        [yes] {" "}🌅 — early morning ({ $morning }).
       *[no] {""}
    }

## The client asking about their call in words ("when is my call?")
booking-asked-call =
    { $count ->
        [one] Your call:
       *[other] Your calls:
    }
    { $calls }
    { $upcoming ->
        [yes] To move or cancel it, use the buttons below 👇
       *[no] No other calls are scheduled.
    }
booking-asked-no-call = You have no calls scheduled. To book one, tap the button below.
