# Telegram Business: what owners read about the connection of their own account
business-connected = 🔗 The bot is connected to the account { $account } (Telegram Business). Clients who write to this account reach the staff group just as from the bot's chat. { $reply ->
        [yes] The bot may reply on the account's behalf.
       *[no] ⚠️ The bot has no right to reply: turn it on in the chatbot settings, or managers' answers will not reach clients.
    } The bot answers clients by itself: { $mode }.
business-disconnected = ⚠️ The bot was disconnected from the account { $account }: clients' messages there no longer reach the group, and managers' answers do not go there. To connect it again: Telegram Settings → Telegram Business → Chatbots.
business-rights = The bot's rights in the account { $account } changed: { $reply ->
        [yes] it may reply to clients now.
       *[no] it may no longer reply to clients — managers' answers will not go there; the bot says so in the client's topic.
    }
business-stranger = ⚠️ { $account } (id { $id }) connected their Telegram Business account to the bot. They are not an owner, so the bot does not serve it: their clients' messages do not reach the group. If it is your account or a co-owner's, add them as an owner with /staff.
business-mode-always = always
business-mode-outside_hours = only outside working hours (during them you and the managers answer)
business-mode-never = never — it only passes the chat to the group
business-status-title = 🔗 Telegram Business
business-status-none = No account is connected. To connect one: in @BotFather turn on Business Mode for the bot (Bot Settings → Business Mode), then in Telegram: Settings → Telegram Business → Chatbots → pick the bot.
business-status-item = • { $account }: { $state }, since { $since }; may reply on its behalf — { $reply }
business-state-on = connected
business-state-off = disconnected
business-state-stranger = not an owner — not served
business-status-mode = The bot answers clients by itself: { $mode } (telegram_business.auto_reply in the content file).
business-yes = yes
business-no = no
cmd-business = Telegram Business: connection and rights
