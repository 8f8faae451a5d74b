start-greeting =
    { $returning ->
        [yes] Welcome back, { $name }! 😊
       *[no] Hello, { $name }! 👋
    }
    This is { $business }. { $about }

    Where shall we start?
start-friend = friend
consent-question = One question: may we occasionally send you useful tips and news? Only with your consent; you can unsubscribe any time with /stop.
consent-yes-button = Yes, please
consent-no-button = No, thanks
