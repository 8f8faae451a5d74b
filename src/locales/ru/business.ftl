# Telegram Business: what owners read about the connection of their own account
business-connected = 🔗 Бот подключён к аккаунту { $account } (Telegram Business). Клиенты, которые пишут в этот аккаунт, попадут в рабочую группу так же, как из чата с ботом. { $reply ->
        [yes] Бот может отвечать от имени аккаунта.
       *[no] ⚠️ У бота нет права отвечать: включите его в настройках чат-бота, иначе ответы менеджеров клиентам не уйдут.
    } Когда бот отвечает клиентам сам: { $mode }.
business-disconnected = ⚠️ Бот отключён от аккаунта { $account }: сообщения клиентов оттуда больше не попадут в группу, а ответы менеджеров туда не уйдут. Подключить снова: Настройки Telegram → Telegram Business → Чат-боты.
business-rights = Права бота в аккаунте { $account } изменились: { $reply ->
        [yes] теперь он может отвечать клиентам.
       *[no] отвечать клиентам он больше не может — ответы менеджеров туда не уйдут, бот скажет об этом в теме клиента.
    }
business-stranger = ⚠️ К боту подключили аккаунт Telegram Business, который не принадлежит владельцу, поэтому бот его не обслуживает: сообщения его клиентов в группу не попадут. Чей это аккаунт (имя и id), показывает /business. Если это ваш аккаунт или аккаунт совладельца — добавьте его владельцем через /staff.
business-mode-always = всегда
business-mode-outside_hours = только вне рабочего времени (в рабочее отвечаете вы и менеджеры)
business-mode-never = никогда — только передаёт переписку в группу
business-status-title = 🔗 Telegram Business
business-status-none = Ни один аккаунт не подключён. Как подключить: в @BotFather включите для бота Business Mode (Bot Settings → Business Mode), затем в Telegram: Настройки → Telegram Business → Чат-боты → выберите бота.
business-status-item = • { $account }: { $state }, с { $since }; отвечать от имени аккаунта — { $reply }
business-state-on = подключён
business-state-off = отключён
business-state-stranger = не владелец — не обслуживается
business-status-mode = Когда бот отвечает клиентам сам: { $mode }. Изменить — в файле контента, настройка telegram_business.auto_reply.
business-yes = да
business-no = нет
business-press-not-yours = Это кнопка клиента: нажать её может только он.
business-press-stale = Эта кнопка больше не работает.
# A press in the client's chat with the owner's account that the bot could not answer there (Telegram's 24 hours), in the pop-up; $button: the pressed button; $reason: write (a message of theirs opens the chat to the bot again) or wait (only the account's owner can answer there now)
business-press-unanswered = { $reason ->
        [write] Не могу ответить здесь: Telegram даёт мне писать в этот чат только сутки после вашего сообщения. Напишите сюда что-нибудь и нажмите «{ $button }» снова. Менеджер уже в курсе.
       *[wait] Не могу ответить здесь сейчас. Мы передали это менеджеру — вам ответят в этом чате.
    }
cmd-business = Telegram Business: подключение и права

# Telegram Business: what staff read when a message cannot go through the owner's account
business-undelivered = ⚠️ Не отправлено клиенту через аккаунт владельца: { $excerpt }
business-refusal-not-written = Клиент ещё ничего не писал в аккаунт владельца (владелец написал ему первым), а Telegram разрешает боту писать туда только в течение 24 часов после сообщения клиента. Когда клиент ответит, бот сможет передавать ответы, а пока написать ему может только владелец аккаунта, из своего Telegram.
business-refusal-window = Клиент писал в аккаунт больше суток назад, а Telegram разрешает боту писать туда только в течение 24 часов после его сообщения. Когда клиент напишет снова, бот снова сможет передавать ответы, а пока написать ему может только владелец аккаунта, из своего Telegram.
business-refusal-disabled = Бот отключён от аккаунта. Подключить снова: Настройки Telegram → Telegram Business → Чат-боты.
business-refusal-no-reply-right = У бота нет права отвечать от имени аккаунта: включите его в настройках чат-бота (Telegram Business → Чат-боты).
business-topic-disabled = ⚠️ Бот отключён от аккаунта { $account }: ответы отсюда клиенту не дойдут, а его новые сообщения в том чате сюда не попадут. Написать клиенту сейчас может только владелец аккаунта, из своего Telegram, — и он же может подключить бота снова: Настройки Telegram → Telegram Business → Чат-боты.
business-topic-no-reply-right = ⚠️ У бота нет права отвечать от имени аккаунта { $account }: ответы отсюда клиенту не дойдут, а его сообщения сюда приходят. Ответить клиенту сейчас может только владелец аккаунта, из своего Telegram, — и он же может включить боту это право: Telegram Business → Чат-боты.
business-topic-back = ✅ Бот снова отвечает от имени аккаунта { $account }: ответы отсюда доходят до клиента.
business-topic-moved-in = 💼 Клиент теперь пишет в аккаунт владельца — { $account } (Telegram Business): ответы отсюда уйдут ему туда, от имени аккаунта. Напишет снова боту — ответы пойдут в чат с ботом.
business-topic-owner-only = 💼 Ответ отсюда до клиента сейчас не дойдёт: его чат с аккаунтом { $account } для бота закрыт — ответить ему может только владелец аккаунта, из своего Telegram.
# The same press, for the team; $under: the message the button was under, quoted, or none; followed by why the chat is closed to the bot (business-refusal-*), when known
business-topic-press-unanswered = 🔘 Клиент нажал «{ $button }»{ $under ->
        [none] {""}
       *[other] {" "}под сообщением { $under }
    } в чате с аккаунтом { $account }, но ответ бота туда не дошёл. Что делать, клиенту сказано во всплывающем окне.
business-owners-owner-only = 💼 Ответ из темы клиента до него сейчас не дойдёт: его чат с аккаунтом { $account } для бота закрыт — ответить ему может только владелец аккаунта, из своего Telegram.
# At night, at once: the client's chat with the account closes to the bot (Telegram's 24 hours) before the team is back
business-owners-closes-first = ⏰ Клиент { $client } — сообщение в аккаунт { $account } в нерабочее время. Бот может писать в этом чате до { $until } (сутки после сообщения клиента), а мы вернёмся позже — { $back }: ответ из темы до клиента уже не дойдёт, ответить сможет только владелец аккаунта, из своего Telegram.
business-refusal-not-served = Аккаунт больше не принадлежит владельцу, указанному в настройках бота, поэтому бот через него не пишет.
business-refusal-no-stars = Счёт в Telegram Stars в этом чате не отправить: Telegram не даёт ботам выставлять счета от имени аккаунта. Клиент может оплатить его в чате с ботом.
business-topic-owner = 💼 { $name } — из своего Telegram:
business-topic-deleted = 🗑 Удалено в чате с клиентом: { $excerpt }
business-topic-forget = 🗑 Клиент просит удалить его данные: написал /forget в аккаунт { $account }. Бот не может там отвечать (у него нет права отвечать от имени аккаунта), поэтому не спросил подтверждения и ничего не удалил. Владелец аккаунта может попросить клиента отправить /forget в чат с ботом @{ $bot } или включить боту право отвечать (Telegram Business → Чат-боты) — тогда /forget в том чате сработает сам.
business-topic-stop = 🔕 Клиент написал /stop в аккаунт { $account }: бот отписал его от рассылок. Подтвердить это клиенту бот не может (у него нет права отвечать от имени аккаунта) — ответить ему может только владелец аккаунта, из своего Telegram.
business-topic-mydata = 📄 Клиент просит свои данные: написал /mydata в аккаунт { $account }. Бот не может там отвечать (у него нет права отвечать от имени аккаунта), поэтому файл не отправил. Владелец аккаунта может попросить клиента отправить /mydata в чат с ботом @{ $bot } или включить боту право отвечать (Telegram Business → Чат-боты).
