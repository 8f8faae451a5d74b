timezone-ask = Times here are in our time zone ({ $zone }); it is { $time } here now. Are you in another time zone? Pick it with a button, or type what time it is where you are — hours and minutes, for example 14:05 or 2:05 pm — and I will write your time next to ours.
timezone-ask-typed = Times here are in our time zone ({ $zone }); it is { $time } here now. Are you in another time zone? Type what time it is where you are — hours and minutes, for example 14:05 or 2:05 pm — and I will write your time next to ours. If it is the same as ours, tap the button below.
timezone-same-button = 🕐 Same as yours: { $zone }
timezone-set = Done: it is { $time } where you are ({ $zone }). I will write your time next to ours, and send the questions and reminders that follow an order in your daytime. If your clocks change or you move, send /timezone again.
timezone-set-same = All right: I write our time only ({ $zone }); it is { $time } where you are.
timezone-invalid = I could not tell what time it is where you are 🙂 Type hours and minutes, for example 14:05 — or pick a zone with a button.
timezone-invalid-typed = I could not tell what time it is where you are 🙂 Type hours and minutes, for example 14:05.
timezone-give-up = Let's leave it as it is for now — you can set your time zone at any time with /timezone.
