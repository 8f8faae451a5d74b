# $chat: business in the owner's own chat (Telegram Business), where no menu goes under it
start-greeting =
    { $returning ->
        [yes] Welcome back, { $name }! 😊
       *[no] Hello, { $name }! 👋
    }
    This is { $business }. { $about }

    { $chat ->
        [business] Write what you are interested in, and I will answer here.
       *[bot] Where shall we start?
    }
start-friend = friend
# /start of a team member (owner or manager) in their chat with the bot: not a client's greeting
start-team =
    Hello, { $name }! 👋 { $business }: you are on the team, as { $role }.
    Clients' requests come to the staff group, each client in a topic of their own with the whole history. Answer right in the topic — the bot passes it on to the client.
    Your commands: /help. { start-team-menu }
# Under the welcome a team member did not get when added (Telegram refused their chat then), answering their /start
start-team-menu = The menu below is what clients see: try any path yourself.
consent-question = One question: may we occasionally send you useful tips and news? Only with your consent; you can unsubscribe any time with /stop.
consent-yes-button = Yes, please
consent-no-button = No, thanks
