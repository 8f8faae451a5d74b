broadcast-compose =
    📣 Send me the message to broadcast: formatted text, a photo, a video or a document — or forward one.
    Then we pick who gets it, and I show you how clients will see it. Changed your mind? /cancel.
# Above the recipients menu of a draft whose text names the client; $slot: the placeholders as the owner typed them ("{name}, {имя}")
broadcast-name-slot = ✍️ Each client gets their own name in place of { $slot } — the name the bot calls them by.
# The name's placeholder as the owner is told of it, in their language
broadcast-name-placeholder = {"\u007B"}name{"\u007D"}
# Above the recipients menu and first in the question under the preview; $slots: the other words in braces, as typed ("{city}, {{city}}"); $slot: broadcast-name-placeholder
broadcast-unknown-slots = ⚠️ { $slots } will reach clients as written: the bot fills in only the name — { $slot }.
broadcast-text-after-command = I don't send the text after /broadcast: the broadcast is your next message, whole, with its formatting.
broadcast-album = Albums cannot be broadcast: send one photo or video with a caption.
broadcast-unsupported = Telegram does not let bots broadcast this kind of message. Send text, a photo, a video, a document or a sticker — or /cancel.
broadcast-segment =
    Who gets this broadcast?
    Now: { $segment }
    Recipients: { $count }{ $held }{ $unreachable }

    Conditions combine — all of them apply. Only clients who agreed to news (and did not unsubscribe); a client waiting for a manager's answer gets none until they are answered, an unhappy one (a low rating, “not solved”, a complaint) none until their request is closed.
broadcast-held-back = {" "}(not counting { $count } { $count ->
        [one] client who waits
       *[other] clients who wait
    } for a manager's answer or for a complaint to be settled: they do not get it while they wait)
broadcast-seg-all = everyone who agreed to news
broadcast-seg-tag = tag “{ $tag }”
broadcast-seg-product = quiz: { $product }
broadcast-seg-stage = stage: { $stage }
broadcast-seg-language = language: { $language }
broadcast-seg-active = active within { $days } days
broadcast-seg-joined = joined within { $days } days
broadcast-seg-paid = has a paid order (refunds do not count)
broadcast-seg-unpaid = has an unpaid invoice
broadcast-seg-rested = except those sent a broadcast in the last 24 h
broadcast-any = any
broadcast-btn-all = Everyone who agreed
broadcast-btn-tag = 🏷 Tag: { $value }
broadcast-btn-product = 🎯 Quiz: { $value }
broadcast-btn-stage = 📍 Stage: { $value }
broadcast-btn-language = 🌐 Language: { $value }
broadcast-btn-active = 🕐 Active: { $value }
broadcast-btn-joined = 🆕 Joined: { $value }
broadcast-btn-paid = 💳 Payments: { $value }
broadcast-paid-yes = has a paid order
broadcast-unpaid-yes = has an unpaid invoice
# A picker's choice with how many it would reach, the other conditions kept
broadcast-choice-count = { $choice } ({ $count })
# A picker's choice that holds clients who may not get news: $count of its $total get it; $reasons: the broadcast-unreachable-* parts
broadcast-choice-left-out = { $choice }: { $count } of { $total } ({ $reasons })
broadcast-days = within { $days } days
broadcast-btn-preview = 👁 Preview and send
broadcast-btn-discard = ✖ Don't send
broadcast-btn-send = ✅ Send ({ $count })
broadcast-btn-test = 🧪 Test on me
broadcast-btn-change = ← Change recipients
broadcast-btn-back = ← Back
broadcast-pick = Choose: { $dimension }
broadcast-pick-page = Choose: { $dimension } (page { $page } of { $pages }, ◀ ▶ to turn)
broadcast-pick-none = { $dimension ->
        [tag] No client has a tag yet: managers set them (/tag in a client's topic), and so do quiz answers. Go back.
        [product] Nobody has taken the quiz yet. Go back.
       *[other] Nothing to choose from yet. Go back.
    }
broadcast-dim-tag = client tag
broadcast-dim-product = top quiz result
broadcast-dim-stage = client stage
broadcast-dim-language = language
broadcast-dim-active = when they last wrote to the bot
broadcast-dim-joined = when they first came to the bot
broadcast-dim-paid = payments
# Under the stage choices: a stage is where the client is now, so those who paid are picked with the payments button
# Under the payments choices: what an unpaid invoice takes in
broadcast-pick-paid-note = “Has an unpaid invoice”: an invoice was sent and is neither paid nor cancelled. A client who pressed “I've paid” and waits for the team to check it is not counted: by their word, it is paid.
broadcast-pick-stage-note = The stage is where the client is now: one who paid again is a “repeat customer”, one who went to leave a review is under “went to leave a review”, and neither is under “customer (one order paid)”. For everyone with a paid order, use “💳 Payments”.
broadcast-stale = This button is out of date: start again — /broadcast
broadcast-preview-intro = This is what clients will see 👇
broadcast-preview-intro-mixed = This is what clients will see 👇 Each gets the unsubscribe line in their own language — here it is in the default one ({ $language }).
# $when: morning when it may also be put off to the end of the quiet hours (at $at), else now; $unreachable: empty, or a line of its own (broadcast-unreachable)
broadcast-confirm =
    Recipients: { $count } ({ $segment }).{ $unreachable }
    Send it? { $when ->
        [morning] Put off until { $at }, it can be cancelled until then with “✖ Don't send” under its message; once it is going, ⏹ Stop under its progress message stops it.
       *[now] Once it is going, ⏹ Stop under its progress message stops it at any time.
    }
# $unreachable: empty, or a line of its own (broadcast-unreachable)
broadcast-nobody =
    Nobody matches these conditions now ({ $segment }){ $held }.{ $unreachable }
    Change the recipients.
# Under the recipient count (0 or more): the clients the conditions select who may not get news; $reasons: the broadcast-unreachable-* parts
broadcast-unreachable = 🚫 { $count ->
        [one] { $count } client fits
       *[other] { $count } clients fit
    } but cannot get it: { $reasons }.
broadcast-unreachable-no-consent = { $count } did not agree to news
broadcast-unreachable-opted-out = { $count } unsubscribed
broadcast-unreachable-blocked = { $count } blocked the bot
broadcast-test-sent = Sent you a test message
# Recipients who gave their own time zone (/timezone) and whose night it is now: theirs waits for their morning
# Under the confirmation: $count of the $total recipients were sent a broadcast in the last 24 hours; $others: the rest (0: no "without them" button)
broadcast-recent = ⚠️ Already sent a broadcast in the last 24 hours: { $count } of { $total }. Another within a day may feel intrusive to them. { $others ->
        [0] There are no other recipients — it can go later.
       *[other] To leave them out of this one — the “Without them ({ $others })” button below.
    }
broadcast-btn-rested = 🧘 Without them ({ $count })
broadcast-btn-unrested = ↩ Include those sent a broadcast in 24 h
broadcast-night-now = 🌙 { $count ->
        [one] { $count } recipient gets it in their own morning — it is night where they are (they gave their time zone).
       *[other] { $count } recipients get it in their own morning — it is night where they are (they gave their time zones).
    }
# Under the confirmation: recipients the bot speaks another language with than the text's
broadcast-other-language = 🗣 { $count } of { $total } { $count ->
        [one] reads
       *[other] read
    } { $language ->
        [en] English
       *[ru] Russian
    } — they get the text as it is; only the unsubscribe line is in their language.
# Under the confirmation: the language the owner picked for the recipients is not the one the text is written in ($written)
broadcast-picked-language = 🗣 The text is in { $written ->
        [en] English
       *[ru] Russian
    }, and { $count ->
        [1] the recipient reads
       *[other] the recipients read
    } { $language ->
        [en] English
       *[ru] Russian
    } — they get it as it is; only the unsubscribe line is in their language.
broadcast-quiet-now = 🌙 It is quiet hours now ({ $hours }): sent now, it reaches clients at night. You can send it at { $at } — the button below.
broadcast-btn-morning = 🌅 Send at { $at } ({ $count })
broadcast-btn-send-now = ✅ Send now ({ $count })
# How the owner's messages name a broadcast to go or going: its number, the first line of its text ($text, clipped), or with no words ($kind media) what it is ($what: "photo", "sticker"; $kind none: not known) and its recipients ($segment: the segment in words)
broadcast-named = #{ $id } { $kind ->
        [none] (no text; recipients: { $segment })
        [media] ({ $what }; recipients: { $segment })
       *[text] “{ $text }” (recipients: { $segment })
    }
# $at (here and in the messages naming a scheduled broadcast): its day by date and time, as staff read every time — it stays in the chat past midnight, where "tomorrow" would go stale
broadcast-scheduled = 🕘 Broadcast { $name } goes on { $at }, when the quiet hours end. Its recipients are whoever fits the conditions then. Changed your mind? The button below.
broadcast-scheduled-not-cancelled = 🕘 Broadcast { $name } is scheduled: it goes on { $at }. /cancel does not cancel it — if it is not needed, press “✖ Don't send”.
broadcast-already-scheduled = 🕘 Broadcast { $name } is already scheduled: it goes on { $at }. If the new one replaces it, cancel this one — the button below.
# /broadcast naming a broadcast another owner ($owner) put off to the end of the quiet hours
broadcast-scheduled-by-other = 🕘 Broadcast { $name } is scheduled by { $owner }: it goes on { $at }. Only its author can cancel it.
broadcast-already-sending = 📤 Broadcast { $name } is being sent now. To stop it — the button below.
broadcast-twin-scheduled = ⚠️ This is the same message as broadcast { $name }, which goes on { $at }. Whoever is in both gets it twice. { $action ->
        [morning] Schedule this one too?
       *[now] Send this one too, now?
    }
broadcast-twin-sending = ⚠️ This is the same message as broadcast { $name }, which is being sent now. Whoever is in both gets it twice. { $action ->
        [morning] Schedule this one too?
       *[now] Send this one too?
    }
broadcast-btn-twin-send = ✅ Yes, send it again ({ $count })
broadcast-btn-twin-morning = 🌅 Yes, this one too at { $at } ({ $count })
# A stopped broadcast sent on to the recipients it did not reach (the button under its report)
broadcast-btn-rest = 📨 Send to the rest ({ $count })
broadcast-btn-twin-rest = 📨 Send #{ $other } to the rest ({ $count })
# The same message as a broadcast stopped halfway; $rest: how many of those it did not reach may get it now
broadcast-twin-stopped = ⚠️ This is the same message as broadcast { $name }, which was stopped: delivered { $sent } of { $total }. Whoever got it gets it twice. { $rest ->
        [0] { $action ->
            [morning] Schedule this one too?
           *[now] Send this one too?
        }
       *[other] Send #{ $other } to those it did not reach — or { $action ->
            [morning] schedule
           *[now] send
        } this one too?
    }
# $when: now, or morning (in the quiet hours the rest get it when they end, at $at)
# A stopped broadcast's "send to the rest" pressed after the same message went out again as a newer broadcast (a pop-up: by their numbers)
broadcast-rest-sent-again = The same message went out as broadcast #{ $again } after #{ $id }: sending #{ $id } on would give it to some twice. Not sent.
broadcast-rest-started = { $when ->
        [morning] 🌅 Broadcast { $name } goes to the rest at { $at }, when the quiet hours end: { $count ->
            [one] { $count } recipient
           *[other] { $count } recipients
        }.
       *[now] 🚀 Broadcast { $name } is going to the rest: { $count ->
            [one] { $count } more recipient
           *[other] { $count } more recipients
        }.
    } Those who got it already do not get it again.
# Answers to a pressed button (a pop-up of at most 200 characters): the broadcast by its number, named in full in the message it pops up over
broadcast-rest-ending = Broadcast #{ $id } is still finishing — press again in a couple of seconds.
broadcast-rest-none = Of those broadcast #{ $id } did not reach, nobody may get it now: they unsubscribed, blocked the bot, erased their data or wait for a manager's answer.
broadcast-rest-gone = Broadcast #{ $id } is already going to the rest (or went) — its report comes in a message of its own.
broadcast-notice-started = 🚀 Broadcast { $name } started going out at { $at } — progress and report below.
broadcast-notice-moved = 🕘 Broadcast { $name } goes on { $at }. To cancel it, use the button in the message below.
broadcast-notice-cancelled = ✖ Broadcast { $name } is cancelled — it will not go.
broadcast-scheduled-empty = Broadcast { $name } did not go: { $who ->
        [none] nobody fits its conditions now.
        [left-one] the one client who fit its conditions when it was planned has since unsubscribed, blocked the bot or erased their data.
        [left-several] all { $left } clients who fit its conditions when it was planned have since unsubscribed, blocked the bot or erased their data.
        [one] the one client who fits its conditions waits for a manager's answer or for a complaint to be settled — until then it does not go to them.
       *[other] all the clients who fit its conditions ({ $held }) wait for a manager's answer or for a complaint to be settled — until then it does not go to them.
    }
broadcast-scheduled-empty-kept = The message is kept: choose other recipients — the button below.
broadcast-quiet-over = The quiet hours are over — send it now, with “Send now”.
# "Send" under a preview shown in the day, pressed in the quiet hours (a toast): the question comes in its place
broadcast-quiet-began = It is quiet hours now — choose when to send it.
broadcast-scheduled-dropped = Broadcast { $name }, put off until the quiet hours ended, did not go: its author is no longer an owner. If it is needed — /broadcast
# A pop-up under its notice's ✖: by its number, as the answers to the rest's button
broadcast-already-sent = Broadcast #{ $id } has gone out already — its report comes (or came) in a message of its own.
broadcast-discarded = OK, the broadcast is not sent.
broadcast-empty = No recipients — change the conditions
# $left: of those the owner approved ("Send (N)"), how many have unsubscribed, blocked the bot or erased their data since
broadcast-started = 🚀 Broadcast { $name } started: { $total ->
        [one] { $total } recipient
       *[other] { $total } recipients
    }.{ $left ->
        [0] {""}
        [one] {" "}{ $left } more you approved it for has since unsubscribed, blocked the bot or erased their data — it does not go to them.
       *[other] {" "}{ $left } more you approved it for have since unsubscribed, blocked the bot or erased their data — it does not go to them.
    }
# $waiting: recipients in their night (their own time zone) whose message waits for their morning
broadcast-progress = 📤 Broadcast { $name }: sent { $done } of { $total }…{ $waiting ->
        [0] {""}
        [one] {"\u000A"}🌙 { $waiting } more recipient gets it in their own morning (it is night where they are).
       *[other] {"\u000A"}🌙 { $waiting } more recipients get it in their own morning (it is night where they are).
    }
broadcast-progress-moved = 📤 Broadcast { $name }: its progress and the Stop button are below.
broadcast-progress-final = 📤 Broadcast { $name }: processed { $done } of { $total }.
broadcast-progress-stopped = 📤 Broadcast { $name }: stopped, delivered { $sent } of { $total }.
broadcast-report =
    ✅ Broadcast { $name } finished.
    Delivered: { $sent } of { $total }{ $morningSent ->
        [0] {""}
       *[other] {" "}({ $morningSent } of them in their own morning)
    }
    Blocked the bot: { $blocked }
    Failed: { $failed }
    Skipped (unsubscribed, erased their data, joined the team or are waiting for a manager's answer): { $skipped }{ $uncertain ->
        [0] {""}
       *[other] {"\u000A"}Unknown (interrupted mid-send, not sent again): { $uncertain }
    }
broadcast-report-cancelled =
    ⏹ Broadcast { $name } stopped.
    Delivered: { $sent } of { $total }
    Blocked the bot: { $blocked }
    Failed: { $failed }
    Not sent: { $skipped }{ $morningSkipped ->
        [0] {""}
       *[other] {" "}({ $morningSkipped } of them waiting for their own morning)
    }{ $uncertain ->
        [0] {""}
       *[other] {"\u000A"}Unknown (interrupted mid-send, not sent again): { $uncertain }
    }
broadcast-stop-button = ⏹ Stop
broadcast-stopping = Stopping broadcast { $name } — the summary follows.
broadcast-not-running = Broadcast { $name } is not running any more.
broadcast-stop-other-ask = Broadcast { $name }, started by { $owner }, is being sent. Stop it?
broadcast-stopping-other = Stopping broadcast { $name } — the summary goes to { $owner }, who started it.
broadcast-stopped-by = ⏹ { $owner } stopped your broadcast { $name }.
broadcast-resumed = 🔄 The bot restarted during broadcast { $name } — carrying on where it stopped. Nobody gets it twice{ $uncertain ->
        [0] .
        [one] ; for { $uncertain } recipient the send was cut off midway — it is not sent to them again.
       *[other] ; for { $uncertain } recipients the send was cut off midway — they are not sent it again.
    }
broadcast-optout-hint = Unsubscribe from news: /stop
broadcast-optout-button = Unsubscribe from news
