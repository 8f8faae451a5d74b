timezone-ask = I write our time ({ $zone }); it is { $time } now. Are you in another time zone? Pick it with a button, or type what time it is where you are now (for example, 14:05) — and I will write your time next to ours.
timezone-ask-typed = I write our time ({ $zone }); it is { $time } now. Are you in another time zone? Type what time it is where you are now (for example, 14:05) — and I will write your time next to ours.
timezone-same-button = 🕐 Same as yours: { $zone }
timezone-set = Done: it is { $time } where you are ({ $zone }). I will write your time next to ours, and send automatic messages only in your daytime. If your clocks change or you move, send /timezone again.
timezone-set-same = All right: I write only our time ({ $zone }); it is { $time } where you are.
timezone-invalid = I could not read that time 🙂 Type what time it is where you are now, for example 14:05 — or pick a zone with a button.
timezone-give-up = Let's leave it as it is for now — you can set your time zone at any time with /timezone.
