nudge-friend = friend
nudge-discovery = { $name }, you started telling us about your task but we did not finish. Your answers are saved — shall we continue where you stopped? It takes a couple of minutes.
nudge-quiz = { $name }, your selection is almost ready — just a few questions left. Shall we continue? Your answers are saved.
nudge-booking = { $name }, you started booking a callback but did not finish. Shall we go on?
nudge-continue-button = Continue
