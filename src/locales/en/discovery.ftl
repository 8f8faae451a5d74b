cmd-brief = Tell us what you need
discovery-friend = friend
discovery-intro =
    { $name }, tell us a little about what you need — so we can offer exactly that.
    { $total ->
        [one] There is { $total } question
       *[other] There are { $total } questions
    }: a couple of minutes. Optional ones can be skipped, “Back” returns to the previous one, and /cancel stops — your answers are kept.
discovery-resume = Welcome back, { $name }! Your answers are saved — let's continue with question { $number } of { $total }.
discovery-empty = Tell a manager what you need — they will ask the right questions.
discovery-summary-title = Here is what I understood, { $name }:
discovery-summary-check = Is that right?
discovery-summary-skipped = — (skipped)
discovery-summary-outdated = Some questions are still open — let's continue
discovery-summary-changed = The summary has changed — here is the current one
discovery-correct-button = ✅ That's right
discovery-edit-button = ✏️ Edit
discovery-edit-which = Which answer should I change? The others stay as they are.
discovery-edit-cancel-button = ← Back to the summary
discovery-next = Thank you, { $name }! Now we know what you need. What next? { $quiz ->
        [yes] I can suggest what suits you best, book you a callback or pass you to a manager.
       *[no] I can book you a callback or pass you to a manager.
    }
discovery-next-person = Thank you, { $name }! From your answers, a manager is best placed to help: they will have your answers, you will not need to repeat anything.
# The questionnaire done with a request open: the manager already has the chat, and the answers on the card
discovery-next-request = Thank you, { $name }! Now we know what you need. The manager on your question has your answers too — no need to repeat anything, just write here.
discovery-next-manager = 💬 Discuss with a manager
