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
business-stranger = ⚠️ A Telegram Business account that is not an owner's was connected to the bot, so the bot does not serve it: its clients' messages do not reach the group. /business shows whose it is (name and id). If it is your account or a co-owner's, add them as an owner with /staff.
business-mode-always = always
business-mode-outside_hours = only outside working hours (during them you and the managers answer)
business-mode-never = never — it only passes the chat to the group
business-status-title = 🔗 Telegram Business
business-status-none = No account is connected. To connect one: in @BotFather turn on Business Mode for the bot (Bot Settings → Business Mode), then in Telegram: Settings → Telegram Business → Chatbots → pick the bot.
business-status-item = • { $account }: { $state }, since { $since }; may reply on its behalf — { $reply }
business-state-on = connected
business-state-off = disconnected
business-state-stranger = not an owner — not served
business-status-mode = The bot answers clients by itself: { $mode }. Set in the content file: telegram_business.auto_reply.
business-yes = yes
business-no = no
business-press-not-yours = This is the client's button: only they can press it.
business-press-stale = This button no longer works.
# A press in the client's chat with the owner's account that the bot could not answer there (Telegram's 24 hours), in the pop-up; $button: the pressed button; $reason: write (a message of theirs opens the chat to the bot again) or wait (only the account's owner can answer there now)
business-press-unanswered = { $reason ->
        [write] I can't answer here: Telegram lets me write in this chat only for a day after your message. Send anything here and press “{ $button }” again. A manager knows already.
       *[wait] I can't answer here right now. We have passed it on to a manager, who will answer you in this chat.
    }
cmd-business = Telegram Business: connection and rights

# Telegram Business: what staff read when a message cannot go through the owner's account
business-undelivered = ⚠️ Not sent to the client through the owner's Telegram account: { $excerpt }
business-refusal-not-written = The client has not written to the owner's account yet (the owner wrote to them first), and Telegram lets the bot write there only within 24 hours of their message. Once they answer the bot can pass answers on; until then, only the account's owner can write to them, from their own Telegram.
business-refusal-window = The client last wrote to the account more than a day ago, and Telegram lets the bot write there only within 24 hours of their message. Once they write again the bot can pass answers on; until then, only the account's owner can write to them, from their own Telegram.
business-refusal-disabled = The bot is disconnected from the account. To connect it again: Telegram Settings → Telegram Business → Chatbots.
business-refusal-no-reply-right = The bot has no right to reply on the account's behalf: turn it on in the chatbot settings (Telegram Business → Chatbots).
business-topic-disabled = ⚠️ The bot was disconnected from the account { $account }: answers from here will not reach the client, and their new messages in that chat will not come here. Only the account's owner can write to the client now, from their own Telegram — and connect the bot again: Telegram Settings → Telegram Business → Chatbots.
business-topic-no-reply-right = ⚠️ The bot may not reply on behalf of the account { $account }: answers from here will not reach the client, though their messages still come here. Only the account's owner can answer the client now, from their own Telegram — and give the bot that right: Telegram Business → Chatbots.
business-topic-back = ✅ The bot replies on behalf of the account { $account } again: answers from here reach the client.
business-topic-moved-in = 💼 The client now writes to the owner's account — { $account } (Telegram Business): answers from here go to them there, in the account's name. If they write to the bot again, answers go to the bot's chat.
business-topic-owner-only = 💼 An answer from here cannot reach the client now: their chat with the account { $account } is closed to the bot — only the account's owner can answer, from their own Telegram.
# The same press, for the team; $under: the message the button was under, quoted, or none; followed by why the chat is closed to the bot (business-refusal-*), when known
business-topic-press-unanswered = 🔘 The client pressed “{ $button }”{ $under ->
        [none] {""}
       *[other] {" "}under { $under }
    } in their chat with the account { $account }, but the bot's answer did not reach them there. The client was told what to do in a pop-up.
business-owners-owner-only = 💼 An answer from the client's topic cannot reach them now: their chat with the account { $account } is closed to the bot — only the account's owner can answer them, from their own Telegram.
# At night, at once: the client's chat with the account closes to the bot (Telegram's 24 hours) before the team is back
business-owners-closes-first = ⏰ Client { $client } wrote to the account { $account } after hours. The bot can write to them there until { $until } (a day after their message), and we are back later — { $back }: an answer from the topic will not reach them then; only the account's owner will be able to answer, from their own Telegram.
business-refusal-not-served = The account no longer belongs to an owner in the bot's settings, so the bot does not write through it.
business-refusal-no-stars = An invoice in Telegram Stars cannot go to this chat: Telegram does not let bots send invoices on an account's behalf. The client can pay it in their chat with the bot.
business-topic-owner = 💼 { $name }, from their own Telegram:
business-topic-deleted = 🗑 Deleted in the chat with the client: { $excerpt }
business-topic-forget = 🗑 The client asks to erase their data: they sent /forget to the account { $account }. The bot cannot answer there (it has no right to reply on the account's behalf), so it did not ask them to confirm and erased nothing. The account's owner can ask the client to send /forget in the chat with the bot @{ $bot }, or give the bot the right to reply (Telegram Business → Chatbots) — then /forget in that chat works by itself.
business-topic-stop = 🔕 The client sent /stop to the account { $account }: the bot unsubscribed them from news. The bot cannot confirm it to them (it has no right to reply on the account's behalf) — only the account's owner can answer them, from their own Telegram.
business-topic-mydata = 📄 The client asks for their data: they sent /mydata to the account { $account }. The bot cannot answer there (it has no right to reply on the account's behalf), so it sent no file. The account's owner can ask the client to send /mydata in the chat with the bot @{ $bot }, or give the bot the right to reply (Telegram Business → Chatbots).
