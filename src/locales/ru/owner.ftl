owner-only = Эта команда — только для владельца бота.
owner-button-only = Эта кнопка — только для владельца бота.
owner-step-cancelled = Хорошо, отменено.
cmd-mydata = Мои данные (файл)
cmd-broadcast = Рассылка клиентам
cmd-stats = Статистика
cmd-export = Выгрузка клиентов (CSV)
cmd-backup = Резервная копия базы
cmd-staff = Команда: менеджеры и владельцы
cmd-content = Файл контента (YAML): получить, чтобы поправить
export-done = Клиентов: { $count } (без команды и без удаливших свои данные через /forget: их /stats считает обезличенно). Время — { $zone }. Google Таблицы открывают файл сразу, Excel — через «Данные → Из текста/CSV».
export-part = Клиентов: { $count } (без команды и удаливших свои данные), файл { $part } из { $parts }. Время — { $zone }. Telegram не принимает от бота файлы больше 50 МБ, поэтому список разделён на несколько; в каждом файле есть строка заголовков.
export-working = Готовлю файл со всеми клиентами — пришлю, как только он будет готов.
export-not-found = Клиент «{ $reference }» не найден. Укажите номер клиента (#12), его Telegram id или @username.
# /export with a number nobody has: perhaps the Telegram id of a client who erased their data, which the bot no longer keeps
export-not-found-number = Клиента с номером или Telegram id { $reference } нет. Если клиент удалил свои данные (/forget), его Telegram id нигде не хранится — найти его можно только по номеру клиента (#12).
# /export with a username nobody has: perhaps of a client who erased their data, or changed it since they last wrote
export-not-found-username = Клиента с ником @{ $username } нет: бот знает ник, с которым клиент писал ему последний раз. Если клиент удалил свои данные (/forget), его ник нигде не хранится — найти его можно только по номеру клиента (#12).
export-erased = Клиент #{ $id } удалил свои данные (/forget): выгружать нечего — в статистике остались только обезличенные цифры.
export-team = «{ $reference }» — человек из команды, не клиент: /export выгружает только клиентов.
# /export <a name> matching no client by name (a team member's name gets export-team)
export-by-name-none = Клиентов с именем «{ $reference }» нет. В рабочей группе /find { $reference } ищет шире: ещё по телефону, почте и переписке.
# /export <a name>: the clients it names, then an export-by-name-item line each; $count: how many lines follow
export-by-name-found = { $count ->
        [one] Нашёлся клиент с именем «{ $reference }». Чтобы выгрузить данные, отправьте команду:
       *[other] Нашлись клиенты с именем «{ $reference }». Чтобы выгрузить данные, отправьте команду из нужной строки:
    }
export-by-name-item = /export #{ $id } — { $name }
export-by-name-more = Это не все: остальных найдёт /find { $reference } в рабочей группе.
export-client-done = Все данные клиента #{ $id }.
# Under the caption of a client's export: the broadcasts that reached them ($count), newest first; $shown of them listed below; $more: how many more are only in the file
export-client-broadcasts = 📣 До клиента дошли рассылки ({ $count }){ $more ->
        [0] :
       *[other] , последние { $shown } — ниже, остальные — в файле:
    }
# One of them: $name as the owners' messages name a broadcast, $at when it reached the client
export-client-broadcast = • { $name } — { $at }
backup-caption = Резервная копия всех данных бота: клиенты, переписка, заказы, рассылки. Из неё бот можно восстановить на новом сервере. В ней персональные данные клиентов — храните файл в надёжном месте и не пересылайте его.
backup-too-large = База весит { $megabytes } МБ — больше, чем Telegram позволяет отправить ботом. Сделайте копию на сервере: sqlite3 data/clientdesk.sqlite ".backup backup.sqlite"
content-file-caption = 📄 Файл контента, на котором бот работает сейчас. Чтобы изменить: откройте его в текстовом редакторе (сохраните в UTF-8, отступы — пробелами), поправьте и пришлите сюда как файл .yaml — бот проверит его и применит, если ошибок нет. Что где в файле — в руководстве по файлу контента (на английском): это файл docs/content.md в папке с программой бота; если у вас его нет, попросите того, кто устанавливал бота.
import-owner-only = Заменить контент бота может только владелец. Перешлите файл ему.
import-too-large = Файл слишком большой для файла контента: он может весить до { $kilobytes } КБ (обычно это несколько килобайт). Пришлите YAML-файл бизнеса.
import-download-failed = Не удалось скачать файл из Telegram. Попробуйте отправить его ещё раз.
import-not-yaml = Это не файл контента: я беру только файл с именем на .yaml или .yml. Если это он, переименуйте «{ $name }» в { $yaml } и пришлите снова.
import-invalid =
    ⚠️ В файле { $count ->
        [one] { $count } ошибка
        [few] { $count } ошибки
       *[other] { $count } ошибок
    } — бот продолжает работать на прежней версии.
    Ниже — по строке на каждую ошибку: сначала коротко, что не так, затем точная строка проверки файла (по-английски): путь в файле, что не так и номер строки. Подробно о каждом поле — в руководстве по файлу контента (на английском): это файл docs/content.md в папке с программой бота; если у вас его нет, попросите того, кто устанавливал бота. Исправьте файл и пришлите его снова.

    { $report }
import-applied = ✅ Новый контент применён: { $business } — товаров и услуг: { $products }, вопросов анкеты: { $discovery }, вопросов квиза: { $quiz }. Если потом изменят файл контента на сервере, бот перейдёт на него — напишу.
# Under "new content applied": what changed among the settings that change clients' promises, one line each
content-changes =
    Изменилось то, что бот обещает клиентам:
    { $lines }
content-changed-hours = часы работы: { $now } (было: { $was })
content-changed-holidays-added = новые нерабочие дни: { $days }
content-changed-holidays-removed = больше не нерабочие дни: { $days }
content-changed-sla = срок ответа менеджера: { $now } мин рабочего времени (было { $was })
content-changed-quiet-hours = тихие часы: { $now } (было { $was })
content-changed-timezone = часовой пояс: { $now } (был { $was })
staff-list =
    👥 Команда

    Владельцы:
    { $owners }

    Менеджеры:
    { $managers }
staff-permanent = из настроек бота (OWNER_IDS)
staff-no-managers = пока никого — добавьте кнопкой ниже
staff-add-manager = ➕ Менеджер
staff-add-owner = ➕ Владелец
staff-remove-button = ✖ Убрать: { $who }
staff-stale = Эта кнопка уже неактуальна: откройте /staff
staff-add-ask = Кого добавить { $role }? Перешлите сюда любое сообщение этого человека или пришлите его числовой Telegram id. Отменить — /cancel.
staff-role-manager = менеджер
staff-role-owner = владелец
staff-role-manager-as = менеджером
staff-role-owner-as = владельцем
staff-candidate-hidden = У этого человека скрыт аккаунт при пересылке. Попросите его узнать свой id у @userinfobot и пришлите id сюда.
staff-candidate-bot = Это бот — ботов в команду добавить нельзя. Перешлите сообщение человека или пришлите его id.
staff-candidate-username = Никто с @{ $username } боту не писал, а искать людей по @username Telegram ботам не даёт. Перешлите сюда любое его сообщение или пришлите его числовой id (его покажет @userinfobot, если написать тому /start). Отменить — /cancel.
staff-candidate-unreadable = Не удалось понять, кого добавить. Перешлите сообщение этого человека или пришлите числовой id — или /cancel.
staff-add-confirm = Добавить в команду { $role }: { $who }?{ $current ->
        [none] {""}
       *[other] {" "}Сейчас: { $current }.
    }
staff-yes = Да
staff-no = Нет
# "No" to adding someone: the step is over, and /staff starts another
staff-unchanged = Хорошо, ничего не меняю. Добавить другого — /staff
staff-kept = Хорошо, ничего не меняю.
staff-permanent-owner = Это владелец из настройки OWNER_IDS — его роль меняется только там.
# The owner gave their own id as the one to add; the step still waits for another
staff-permanent-self = Это вы: ваша роль задана в настройке OWNER_IDS и меняется только там. Жду id другого человека или его пересланное сообщение. Отменить — /cancel.
# The one to add has that role already; the step still waits for another
staff-already = { $who } уже { $role } — менять нечего. Жду id другого человека или его пересланное сообщение. Отменить — /cancel.
# $role: owner or manager, the code: each language says it in its own form ("теперь менеджер")
staff-added = ✅ { $who } теперь { $role ->
        [owner] { staff-role-owner }
       *[manager] { staff-role-manager }
    }. Роль действует со следующего сообщения. Бот напишет этому человеку о новой роли и о том, где работа; если написать не получится — скажу. Если этого человека ещё нет в рабочей группе — добавьте: без этого темы клиентов не видны.
staff-welcome =
    👋 { $business }: вы в команде, ваша роль — { $role ->
        [owner] владелец
       *[manager] менеджер
    }. Кто добавил: { $by }.
    Заявки клиентов приходят в рабочую группу, у каждого клиента своя тема со всей историей: отвечайте прямо в теме — бот передаст ответ клиенту. Если вас ещё нет в группе, попросите владельца добавить.
    Ваши команды — /help.
# $why: blocked, or not-started / chat-gone (Telegram answers a never-opened chat with either);
# $bot: the link to the bot's chat (t.me/…), to send them
staff-welcome-unreachable = ⚠️ Сообщение о добавлении в команду не доставлено ({ $who }): { $why ->
        [blocked] этот человек остановил бота. Пусть снова откроет { $bot } и нажмёт «Старт» — тогда бот и передаст это сообщение.
       *[other] этот человек ещё не открывал бота, или такого аккаунта нет (проверьте id). Пусть откроет { $bot } и нажмёт «Старт» — тогда бот и передаст это сообщение; ошибочный id уберите в /staff.
    } Роль уже выдана.
# $role: owner or manager, the code, as in staff-added
staff-remove-confirm = Убрать из команды: { $who }, сейчас { $role ->
        [owner] { staff-role-owner }
       *[manager] { staff-role-manager }
    }?
staff-removed = ✅ { $who } больше не в команде: то, что этот человек пишет в рабочей группе, бот клиентам больше не передаёт. Если этот человек ещё в рабочей группе, удалите его аккаунт из группы — иначе переписка клиентов по-прежнему видна.
# Above the clients (a line each, staff-led-client): $who, the member's name (else "id …"); $count:
# the open requests they lead; $take: the take button's label
staff-remove-leads = { $count ->
        [1] { $who } ведёт открытый запрос — когда { $who } уйдёт из команды, этого клиента никто не будет вести, а в его теме появится кнопка «{ $take }»:
       *[other] { $who } ведёт открытые запросы ({ $count }) — когда { $who } уйдёт из команды, этих клиентов никто не будет вести, а в их темах появится кнопка «{ $take }»:
    }
staff-removed-leads = { $count ->
        [1] Открытый запрос клиента теперь никто не ведёт — возьмите его кнопкой «{ $take }» в теме клиента:
       *[other] Открытые запросы ({ $count }) теперь никто не ведёт — возьмите их кнопкой «{ $take }» в темах клиентов:
    }
# $client: the client as the team's lists name them (name, @username, number), a link to their topic
staff-led-client = • { $client }
# Under the clients named: how many more the member leads
staff-led-more = …и ещё { $count }
staff-farewell = 👋 { $business }: вас убрали из команды. Команды сотрудников больше не действуют, а то, что вы напишете в рабочей группе, клиентам не передаётся.
staff-owner-ids-removed = ℹ️ { $who } больше не владелец: id этого человека убрали из настройки OWNER_IDS. Владельцы, добавленные через /staff, остались. Вернуть роль — снова внести id в OWNER_IDS или добавить через /staff.
