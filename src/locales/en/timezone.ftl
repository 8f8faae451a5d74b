timezone-ask = Times here are in our time zone ({ $zone }); it is { $time } here now. Are you in another time zone? Pick it with a button, or type your city or what time it is where you are — hours and minutes, for example 14:05 or 2:05 pm — and I will write your time next to ours.
timezone-ask-typed = Times here are in our time zone ({ $zone }); it is { $time } here now. Are you in another time zone? Type your city (London, New York) or what time it is where you are — hours and minutes, for example 14:05 or 2:05 pm — and I will write your time next to ours. If it is the same as ours, tap the button below.
timezone-same-button = 🕐 Same as yours: { $zone }
# $news: yes for a client who agreed to get news (the rest get none, and are not promised it)
timezone-set = Done: it is { $time } where you are ({ $zone }). I will write your time next to ours, and send { $news ->
        [yes] reminders, questions and news
       *[no] reminders and questions
    } in your daytime (the reminder of an early-morning call still comes before it). If your clocks change or you move, send /timezone again.
timezone-set-same = All right: I write our time only ({ $zone }); it is { $time } where you are.
timezone-invalid = I could not tell where you are or what time it is there 🙂 Type your city (London, Sydney) or hours and minutes, for example 14:05 — or pick a zone with a button.
timezone-invalid-typed = I could not tell where you are or what time it is there 🙂 Type your city (London, Sydney) or hours and minutes, for example 14:05.
timezone-give-up = Let's leave it as it is for now — you can set your time zone at any time with /timezone.
timezone-current = Your time zone is set to { $zone } (it is { $time } where you are). If that is right, tap “Keep it”.
timezone-keep-button = ✅ Keep it
timezone-kept = All right, I keep it: it is { $time } where you are ({ $zone }).
