privacy-text =
    🔒 Что мы храним и зачем
    • Имя и username из Telegram — чтобы обращаться к вам по имени.
    • Телефон, e-mail, день рождения и часовой пояс — только если вы сами их указали: чтобы связаться с вами, поздравить и писать в удобное время.
    • Всю переписку здесь — с ботом и с менеджером — и ваши ответы, чтобы не переспрашивать.
    • Заметки и метки менеджеров о вас — чтобы помнить, о чём договорились.
    • Ваши звонки, заказы и оплаты — чтобы выполнить работу и вести учёт.
    • Ваши оценки и отзывы — чтобы знать, как мы поработали.
    • Откуда вы о нас узнали — чтобы понимать, какая реклама работает.
    Всё это хранится в базе на сервере компании.

    👥 Кто это видит
    • Сотрудники компании. Они работают в Telegram — в своей рабочей группе и в чатах с ботом: там ваша переписка с менеджером и карточка с вашим именем и контактами. Эти чаты, как и наш, хранит Telegram.
    • Платёжный сервис — когда вы оплачиваете счёт в Telegram. Данные карты вы вводите в платёжной форме Telegram, и получают их Telegram и платёжный сервис, а не мы: у нас остаются только сумма и номер платежа.
    • Больше никто: мы не продаём ваши данные и не передаём их для рекламы.

    ⏳ Сколько храним
    Пока вы не удалите данные командой /forget — по сроку мы ничего не удаляем. /forget стирает имя, контакты, ответы и переписку — у нас и в рабочей группе (там — всё, что позволяет удалить Telegram), и отменяет записи на звонок и запланированные сообщения. Записи о ваших заказах и оплатах останутся — суммы и даты, без вашего имени и контактов: их нужно хранить для бухгалтерского учёта; от остального останется только обезличенная статистика. В выгрузках и резервных копиях базы, сделанных раньше, данные остаются, пока компания их не удалит.

    Рассылки: { $subscribed ->
        [yes] вы подписаны. /stop — отписаться (о заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло)
       *[no] вы не подписаны. Подписаться можно кнопкой ниже.
    }
    /mydata — файл с вашими данными (кроме заметок менеджеров)
    /forget — удалить ваши данные
privacy-subscribe-button = Подписаться на новости
privacy-unsubscribe-button = Отписаться от рассылок
consent-thanks = Спасибо! Будем присылать только полезное. Отписаться — /stop.
consent-declined = Хорошо, никаких рассылок. О ваших заявках, звонках, заказах и их оплате мы напишем как обычно, а после заказа спросим, как всё прошло.
# $already: yes when the client had declined or withdrawn before (nothing changes)
stop-done = { $already ->
        [yes] Вы и так не подписаны на рассылки — их не будет.
       *[no] Готово: рассылок больше не будет.
    } О ваших заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло. Передумаете — /privacy.
# $request: yes when a request to the team is open (it closes unanswered); $invoices: the unpaid invoices (cancelled with the data); $paid: the paid orders whose work is not done; $records: yes when the client has orders (any), whose records stay, for accounting: docs/owners.md
forget-confirm = Удалить ваши данные? Мы сотрём имя, контакты, ответы и переписку, отменим записи на звонок и запланированные сообщения. Останется обезличенная статистика. Отменить удаление будет нельзя.{ $request ->
        [yes] {" "}Ваш вопрос менеджеру закроется вместе с данными — ответа на него не будет.
       *[no] {""}
    }{ $invoices ->
        [0] {""}
        [one] {" "}Неоплаченный счёт отменится — оплатить его будет нельзя.
       *[other] {" "}Неоплаченные счета ({ $invoices }) отменятся — оплатить их будет нельзя.
    }{ $paid ->
        [0] {""}
        [one] {" "}Ваш заказ оплачен, но ещё не выполнен: после удаления мы не сможем связаться с вами по нему. Если заказ ещё нужен, лучше оставить данные до его выполнения.
       *[other] {" "}Ваши заказы ({ $paid }) оплачены, но ещё не выполнены: после удаления мы не сможем связаться с вами по ним. Если заказы ещё нужны, лучше оставить данные до их выполнения.
    }{ forget-records-kept }
# What /forget keeps of a client with orders, said in its question and after it; $records: yes or no
forget-records-kept = { $records ->
        [yes] {" "}Записи о ваших заказах и оплатах останутся — суммы и даты, без вашего имени и контактов: их нужно хранить для бухгалтерского учёта.
       *[no] {""}
    }
# Asked in words ("удалите мои данные"): what /forget does, then its question
# $stopped: done when the same message asked for the newsletters to stop too, and they were stopped; already when it asked so of one not subscribed; none otherwise
forget-asked-in-words = { $stopped ->
        [done] Рассылок больше не будет — это уже сделано. А удалить и сами данные можно прямо здесь — это то же, что команда /forget.
        [already] Рассылок и так не будет: вы на них не подписаны. А удалить и сами данные можно прямо здесь — это то же, что команда /forget.
       *[none] Удалить данные можно прямо здесь — это то же, что команда /forget.
    }
forget-yes-button = Да, удалить мои данные
forget-no-button = Нет, оставить
forget-use-buttons = Удаление нельзя отменить, поэтому подтвердите его кнопкой «{ $yes }» — или нажмите «{ $no }».
# A Yes pressed on /forget's question that no longer stands, before the question asked again as things stand. $why: earlier (a copy asked before another, or answered since) or changed (what erasing cancels changed since: an invoice, a paid order, a request)
forget-asked-again = { $why ->
        [earlier] Эта кнопка — от прежнего вопроса. Если всё же хотите удалить данные, подтвердите здесь:
       *[changed] С тех пор как мы спросили, кое-что изменилось — вот вопрос заново, с тем, что есть сейчас:
    }
# $flow: yes when a flow's question (a booking's, the quiz's) still waits above
forget-kept = Хорошо, ничего не удаляем.{ $flow ->
        [yes] {" "}Продолжим — вопрос выше ждёт вашего ответа.
       *[no] {""}
    }
# $chat: bot (the bot's own chat) or business (the owner's account's, where /start is no button to tap)
forget-done = Готово: ваши данные удалены.{ forget-records-kept } { $chat ->
        [business] Захотите начать заново — просто напишите.
       *[bot] Захотите начать заново — нажмите /start.
    }
forget-staff-notice = 🗑 Клиент удалил свои данные (/forget). Запрос закрыт, тема больше не связана с клиентом — ответы отсюда никуда не уйдут.
forget-staff-topic-deleted = 🗑 Клиент удалил свои данные (/forget): его тема удалена вместе со всей перепиской.
forget-staff-callback = 📞 Звонок на { $at } отменён: клиент удалил свои данные, звонить некому.
forget-staff-invoice = 💳 Счёт №{ $id } на { $amount } так и не оплачен и больше не действует: клиент удалил свои данные.
# A paid order whose work was not marked done (/done) when its client erased their data: its number and amount stay
forget-staff-paid-open = 💰 Счёт №{ $id } на { $amount } оплачен, а работа по нему не отмечена выполненной (/done): клиент удалил свои данные — связаться с ним по этому заказу больше нельзя.
# In the client's topic during a request: they asked to erase their data and are asked to confirm it with its button; then that they kept it
forget-staff-asked = 🗑 Клиент просит удалить свои данные (/forget) — бот попросил подтвердить кнопкой. Если подтвердит, запрос закроется без ответа и связаться с ним будет нельзя.
forget-staff-kept = ↩️ Клиент передумал удалять свои данные: всё остаётся как было, запрос открыт.
forget-topic-name = 🗑 Данные клиента удалены
forget-card = 🗑 Клиент удалил свои данные (/forget). Карточка стёрта, сообщения группы с его контактами бот удалил или стёр там, где это позволяет Telegram.
# A message of the bot's in a staff group, too old for Telegram to let it be deleted (48 hours): its text, or its caption, becomes this
forget-erased-message = 🗑 Удалено: клиент удалил свои данные (/forget).
forget-referrer-old-card = 🗂 Прежняя карточка клиента стёрта: в ней мог быть указан пригласивший его человек, а он удалил свои данные (/forget). Актуальная карточка — в теме клиента.
# To an owner, after a client's /forget: all-clients exports the bot sent them since that client came may still hold the client's row (nobody named). forget-owner-exports-earlier (when more than ten), then a forget-owner-export-file line each, then forget-owner-exports-delete
forget-owner-exports = 🗑 Клиент удалил свои данные (/forget). Его строка может оставаться в выгрузках всех клиентов (/export), которые бот присылал вам раньше:
# $count: how many older exports are not listed
forget-owner-exports-earlier = • { $count } { $count ->
        [one] более ранняя выгрузка
        [few] более ранние выгрузки
       *[many] более ранних выгрузок
    }
# $at: when the export was made; $file: its file's name
forget-owner-export-file = • { $at } — { $file }
forget-owner-exports-delete = Удалите эти файлы — здесь, в чате, и везде, куда их сохраняли: бот не видит, удалены ли они. В новой выгрузке (/export) этого клиента уже нет.
# The text file that replaces an owner's one-client /export file too old to delete (its caption: forget-erased-message)
forget-erased-file = Здесь был файл с данными клиента (/export). Клиент удалил свои данные (/forget), поэтому бот заменил файл этой заметкой.
# To an owner, after a client's /forget: what stays of them in the owner's chat with the bot, which the bot may no longer delete (nobody named); then a forget-owner-left-* line each, oldest first
forget-owner-left = 🗑 Клиент удалил свои данные (/forget), но в этом чате остались сообщения о нём, которые бот удалить уже не может (Telegram даёт на это 48 часов). Удалите их сами:
# $at: when it was sent. A one-client /export file Telegram did not let the bot replace
forget-owner-left-file = • { $at } — файл с данными клиента (/export): Telegram не дал заменить его заметкой
# A list of the bot's naming the client (/export by a name, /followups) Telegram did not let the bot edit
forget-owner-left-message = • { $at } — ответ бота с именем клиента: Telegram не дал его стереть
# The owner's own command naming the client (/export @anna)
forget-owner-left-command = • { $at } — ваша команда с именем или контактом клиента
# /mydata: a few lines about what the file holds, sent with it (its caption when it fits)
mydata-summary-title = 📄 Что мы о вас храним — коротко. Всё целиком — в файле my-data.json.
mydata-summary-telegram-name = Имя в Telegram: { $name }
mydata-summary-given-name = Вы просили называть вас: { $name }
mydata-summary-username = Username: @{ $username }
mydata-summary-phone = Телефон: { $phone }
mydata-summary-email = E-mail: { $email }
mydata-summary-no-contacts = Имени и контактов у нас нет.
# $status: granted, declined, withdrawn, or other (never asked, or not answered); $at: when, on the client's own clock once they gave their zone (/timezone), else the business's; $zone: that clock's zone
mydata-summary-news = Новости: { $status ->
        [granted] вы подписаны, согласие дано { $at } ({ $zone }). Отписаться — /stop.
        [declined] вы не подписаны — отказались { $at } ({ $zone }).
        [withdrawn] вы не подписаны — отписались { $at } ({ $zone }).
       *[other] вы не подписаны.
    }
# The broadcasts that reached the client ($count), newest first; $shown of them listed below (export-client-broadcast, as the owner's /export names them); $more: how many more are only in the file
mydata-summary-broadcasts = 📣 До вас дошли рассылки ({ $count }){ $more ->
        [0] :
       *[other] , последние { $shown } — ниже, остальные — в файле:
    }
mydata-summary-messages = Сообщений в переписке: { $count }.
mydata-summary-end = Удалить все ваши данные — /forget.
# The first field of the /mydata file: what it is and how to read it; $zone: the business's time zone; $own: the client's own (/timezone), or none
mydata-file-note = Все данные, которые мы о вас храним. Время указано в UTC (с буквой Z на конце); время компании — { $zone }{ $own ->
        [none] {""}
       *[other] , ваше — { $own } (exported_at_local — по вашим часам)
    }. Коды: marketing_consent.status — новости (granted — вы подписаны, declined — отказались, withdrawn — отписались, not_answered — не ответили, not_asked — не спрашивали); messages.direction — чьё сообщение (in — ваше, bot — бота, out — менеджера); broadcasts.status — рассылка (sent — дошла до вас, blocked — бот был у вас заблокирован, failed — отправить не удалось, skipped — вам не отправлялась, pending, sending или uncertain — в пути или неизвестно, ушла ли).
# /unsubscribe in a client's topic: a team member withdraws the client's marketing consent on the client's word
cmd-unsubscribe = Отписать клиента от рассылок по его просьбе
# To the client, in their language
unsubscribe-staff-client = Менеджер отписал вас от рассылок, как вы просили. О ваших заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло. Передумаете — /privacy.
# In the topic; $told: whether the client could be told (no: why not, in $why)
unsubscribe-staff-done = 🔕 Клиент отписан от рассылок: согласие отозвано по его просьбе. { $told ->
        [yes] Ему отправлено подтверждение.
       *[no] Подтвердить это клиенту не получилось: { $why }
    } Сообщения о заявке, звонках, заказах и оплате ему по-прежнему приходят.
# $status: where the client stands, when there is no consent to withdraw
unsubscribe-staff-not-subscribed = Клиент не подписан на рассылки — { $status ->
        [declined] он отказался от них
        [withdrawn] он уже отписался
       *[other] согласия на них он не давал
    }: рассылки ему не приходят, отзывать нечего.
