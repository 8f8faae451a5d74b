nudge-friend = friend
nudge-discovery = { $name }, you started answering our questions but we did not finish. Your answers are saved — shall we continue where you stopped? It takes a couple of minutes.
nudge-discovery-fresh = { $name }, just a few questions — it takes a couple of minutes. Shall we go on?
nudge-quiz = { $name }, you started finding the right service but did not finish. Your answers are saved — shall we continue where you stopped?
nudge-quiz-fresh = { $name }, finding the right service takes a couple of minutes — shall we go on?
nudge-booking = { $name }, you started booking a callback but did not finish. Shall we go on?
nudge-continue-button = Continue
