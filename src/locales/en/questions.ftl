question-position = Question { $number } of { $total }
question-multi-note = You can pick several, then tap “Done”.
question-phone-note = Tap “Share my number” below or type the number.
question-phone-note-typed = Type the number, e.g. { $example }.
question-date-note = { $birthday ->
        [yes] Type the date with its year, e.g. March 8, 1990.
       *[no] Type a date, e.g. December 25, 2026 or March 8.
    }
question-current = Now: { $answer }
question-skipped = skipped
question-done-button = Done ✔️
question-back-button = ← Back
question-skip-button = Skip →
question-keep-button = Keep as it is
question-phone-button-hint = You can share your number with one tap 👇
question-phone-share-button = 📱 Share my number
question-phone-thanks = Okay 👌
question-button-old = This button belongs to another question — please answer the latest one 👇
question-changed = This question has just been updated — here's the current version.
question-list-changed = The questions have been updated — let's carry on with the current ones.
question-known =
    You've already answered these, so I won't ask them again:
    { $answers }
    If something has changed, change the answer with “← Back”. { $left ->
        [one] { $left } question left.
       *[other] { $left } questions left.
    }
question-pick-one = Please pick at least one option.
question-file-kept = 📎 Your { $kind ->
        [photo] photo
        [video] video
        [video_note] video message
        [voice] voice message
        [audio] audio
       *[other] file
    } is kept in the chat history: ask for a manager and they will see it.
question-use-buttons = Please pick an option with the buttons 👇
question-use-buttons-again = Please pick an option with the buttons 👇 If none fits, /menu takes you back to the menu and /manager brings in a person.
# $chat: business in the client's chat with the owner's account, where the button is not shown
question-offer-manager = { $chat ->
        [business] Hard to answer? A manager can help — send /manager.
       *[bot] Hard to answer? A manager can help — tap the button below.
    }
question-ask-manager-button = 💬 Ask a manager
question-asked-again = This question was asked again below — please answer it there 👇
question-already-answered = This answer is already saved 👍
question-resuming = Let's pick up where you left off
question-edit-ignored = Editing a message doesn't change the answer. { $flow ->
        [quiz] To go back to the previous question, tap “← Back”.
        [quiz-finished] To answer differently, take the quiz again: /quiz
       *[discovery] You can change an answer in the summary with “✏️ Edit”.
    }
answer-empty = The answer seems to be empty.
answer-too-short = Please tell us a bit more — at least { $min } { $min ->
        [one] character
       *[other] characters
    }.
answer-too-long = That's too long — please keep it within { $max } { $max ->
        [one] character
       *[other] characters
    }.
answer-pattern = That doesn't look quite right.
answer-not-number = Please type one number here — in digits or in words.
answer-ambiguous-number = Did you mean { $thousands } or { $decimal }? Please type one of the two.
answer-out-of-range = Please give a number from { $min } to { $max }.
answer-too-small = Please give a number of at least { $min }.
answer-too-big = Please give a number of at most { $max }.
answer-phone = That doesn't look like a phone number.
answer-email = That doesn't look like an e-mail address.
answer-date = I couldn't read that date.
answer-ambiguous-date = Did you mean { $first } or { $second }? Please type it with dots, day first: { $firstTyped } or { $secondTyped }.
answer-text-only = Please answer in text here.
answer-contact = A contact doesn't fit here — please type your answer.
answer-own-contact = Please send your own number — with “Share my number” or as text.
answer-own-contact-typed = That's not your contact. Please type your own number.
answer-hint = 💡 { $hint }
answer-hint-phone = For example: { $example }
answer-hint-email = For example: name@company.com
answer-hint-date = { $birthday ->
        [yes] For example: March 8, 1990
       *[no] For example: December 25, 2026 or March 8
    }
answer-hint-number = For example: { $example }
