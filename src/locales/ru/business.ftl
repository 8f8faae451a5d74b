# Telegram Business: what owners read about the connection of their own account
business-connected = 🔗 Бот подключён к аккаунту { $account } (Telegram Business). Клиенты, которые пишут в этот аккаунт, попадут в группу сотрудников так же, как из чата с ботом. { $reply ->
        [yes] Бот может отвечать от имени аккаунта.
       *[no] ⚠️ У бота нет права отвечать: включите его в настройках чат-бота, иначе ответы менеджеров клиентам не уйдут.
    } Бот отвечает клиентам сам: { $mode }.
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
business-status-mode = Бот отвечает клиентам сам: { $mode } (telegram_business.auto_reply в файле контента).
business-yes = да
business-no = нет
business-press-not-yours = Это кнопка клиента: нажать её может только он.
business-press-stale = Эта кнопка больше не работает.
cmd-business = Telegram Business: подключение и права

# Telegram Business: what staff read when a message cannot go through the owner's account
business-undelivered = ⚠️ Не отправлено клиенту через ваш аккаунт Telegram: { $excerpt }
business-refusal-not-written = Клиент ещё ничего не писал в ваш аккаунт (вы написали ему первым), а Telegram разрешает боту писать туда только в течение 24 часов после сообщения клиента. Когда клиент ответит, бот сможет передавать ответы, а пока напишите ему сами.
business-refusal-window = Клиент писал в аккаунт больше суток назад, а Telegram разрешает боту писать туда только в течение 24 часов после его сообщения. Когда клиент напишет снова, бот снова сможет передавать ответы, а пока напишите ему сами.
business-refusal-disabled = Бот отключён от аккаунта. Подключить снова: Настройки Telegram → Telegram Business → Чат-боты.
business-refusal-no-reply-right = У бота нет права отвечать от имени аккаунта: включите его в настройках чат-бота (Telegram Business → Чат-боты).
business-refusal-not-served = Аккаунт больше не принадлежит владельцу, указанному в настройках бота, поэтому бот через него не пишет.
business-refusal-no-stars = Счёт в Telegram Stars в этом чате не отправить: Telegram не даёт ботам выставлять счета от имени аккаунта. Клиент может оплатить его в чате с ботом.
business-topic-owner = 💼 { $name } — из своего Telegram:
business-topic-deleted = 🗑 Удалено в чате с клиентом: { $excerpt }
business-topic-forget = 🗑 Клиент просит удалить его данные: написал /forget в ваш аккаунт Telegram. Бот не может там отвечать (у него нет права отвечать от имени аккаунта), поэтому не спросил подтверждения и ничего не удалил. Попросите клиента отправить /forget в чат с ботом @{ $bot } или включите боту право отвечать (Telegram Business → Чат-боты) — тогда /forget в вашем чате сработает сам.
business-topic-stop = 🔕 Клиент написал /stop в ваш аккаунт Telegram: бот отписал его от рассылок. Подтвердить это клиенту бот не может (у него нет права отвечать от имени аккаунта) — ответьте ему сами.
business-topic-mydata = 📄 Клиент просит свои данные: написал /mydata в ваш аккаунт Telegram. Бот не может там отвечать (у него нет права отвечать от имени аккаунта), поэтому файл не отправил. Попросите клиента отправить /mydata в чат с ботом @{ $bot } или включите боту право отвечать (Telegram Business → Чат-боты).
