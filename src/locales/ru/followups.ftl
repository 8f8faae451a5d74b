# Follow-ups: what the client sees
checkin-question = { $name }, как всё прошло? Если есть вопросы — просто напишите. Оцените, пожалуйста, от 1 до 5 — это займёт секунду.
checkin-question-order = { $name }, как всё прошло с заказом «{ $what }»? Если есть вопросы — просто напишите. Оцените, пожалуйста, от 1 до 5 — это займёт секунду.
checkin-thanks = Спасибо, { $name }! Очень рады, что всё понравилось 😊
# $praised: a low score typed with words of praise ("2, менеджер супер, но сайт падает"): thanked for them before the apology
checkin-sorry = { $praised ->
        [yes] { $name }, спасибо за добрые слова — и простите, что не всё прошло гладко.
       *[no] { $name }, простите, что не всё прошло гладко.
    } Вашу оценку уже передали менеджеру — он свяжется с вами и поможет всё исправить.
review-request = { $name }, спасибо ещё раз за высокую оценку! Если вам не сложно, напишите пару слов о нас — так другим проще нас найти. Выберите, где удобнее:
review-open = Спасибо! 🙏 Откройте ссылку — это займёт пару минут:
review-open-button = Открыть { $site } ↗
# The client asked in words for no more questions after an order (check-in, review, NPS); $news: yes when the words stopped the newsletters too
followups-stopped = Хорошо, { $name }, больше не будем присылать вам вопросы о заказе и просьбы об отзыве.{ $news ->
        [yes] {" "}Рассылок тоже не будет.
       *[no] {""}
    } Если что-то понадобится — просто напишите.
# The team's line of it, in the client's topic: $words what they wrote, $count the questions cancelled
followups-stopped-topic = 🔕 Клиент попросил больше не присылать ему вопросы после заказа: { $words } — запланированных отменено: { $count }. Запрос не открыт, ответа не ждёт.
# The client said in words they left the review asked for
review-left-thanks = Спасибо за отзыв, { $name }! 🙏 Нам очень приятно, что вы нашли на это время.
nps-question =
    { $name }, один короткий вопрос: насколько вероятно, что вы порекомендуете нас друзьям или коллегам?
    0 — точно нет, 10 — обязательно порекомендую.
nps-thanks-promoter = Спасибо, { $name }! Для нас это очень ценно 💛
nps-thanks-passive = Спасибо за оценку, { $name }! Если есть идеи, что нам улучшить, — просто напишите, мы читаем всё.
nps-thanks-detractor = Спасибо за честный ответ, { $name }. Передали его команде — менеджер напишет вам, чтобы понять, что нам стоит исправить.
answer-already = Спасибо, ваш ответ уже записан 🙏
# $chat: business when it goes to the client's chat with the owner's account, where no menu goes under it
reengage-message =
    { $name }, давно не общались! Надеемся, у вас всё хорошо.
    Если что-то понадобится — мы рядом: { $chat ->
        [business] просто напишите сюда.
       *[bot] загляните в меню или напишите менеджеру.
    }

    Не хотите таких сообщений — /stop.
greeting-birthday =
    { $name }, с днём рождения! 🎉 Желаем здоровья, тепла и побольше поводов для радости.
    Ваша команда: { $business }

    Не хотите поздравлений и новостей — /stop.
greeting-anniversary =
    { $name }, ровно { $years ->
        [one] { $years } год
        [few] { $years } года
       *[other] { $years } лет
    } назад вы впервые написали нам. Спасибо, что вы с нами! 💛
    Ваша команда: { $business }

    Не хотите поздравлений и новостей — /stop.

# Follow-ups: what staff see
followups-title = 🗓 Запланировано для клиента:
followups-title-all = 🗓 Запланировано (все клиенты):
followups-empty = Запланированных сообщений нет.
followups-business-window = ⚠️ Клиент пишет в аккаунт владельца: бот может написать туда, только если клиент писал в последние 24 часа. Каждое запланированное уйдёт, только если в последние 24 часа перед ним клиент писал туда.
followups-business-not-written = ⚠️ Клиент ещё не писал в аккаунт владельца (владелец написал ему первым): каждое запланированное уйдёт, только если в последние 24 часа перед ним клиент ответил туда.
followups-business-off = ⚠️ Бот сейчас не может писать через аккаунт владельца (он отключён или без права отвечать): запланированное не уйдёт, пока это не исправлено.
followups-item = { $n }. { $when } — { $what }
followups-item-held = { $n }. { $what }
followups-more = …и ещё { $count }.
followups-calls-title = 📞 Напоминания о звонках (меняются вместе с записью — перенос или отмена звонка):
followups-uncertain-title = ⚠️ Не уверены, что дошло (бот остановился или пропала связь во время отправки; повторно не отправляли — уточните у клиента):
followups-failed-title = ❌ Не отправлено (все попытки не удались — при необходимости напишите клиенту):
# A question /done announced in the topic, dropped after all ($hold: its followups-hold-… line)
followups-dropped = 🗓 Запланированное после /done: { $what } — { $hold }
followups-hold-erased = ⛔ не будет отправлено: клиент удалил свои данные
followups-hold-blocked = ⛔ не будет отправлено: клиент заблокировал бота
followups-hold-opted-out = ⛔ не будет отправлено: клиент отписался (/stop или /privacy)
followups-hold-no-consent = ⛔ не будет отправлено: клиент не давал согласия на новости
followups-hold-team = ⛔ не будет отправлено: теперь в команде, а такие сообщения — только клиентам
followups-hold-paid-reported = ⏸ на паузе: клиент нажал «Я оплатил(а)», ждём подтверждения оплаты сотрудником
followups-hold-linked-paid = ⏸ на паузе: оплачен связанный с ним счёт (тот, который он, возможно, заменяет, или его замена) — ждём решения команды: отменить этот счёт или напоминать дальше
followups-hold-promised = ⏸ клиент написал, что оплатит: напомним утром после обещанного дня
followups-hold-superseded = ⛔ не будет отправлено: по этому счёту уйдёт одно напоминание — более позднее
followups-hold-with-manager = ⛔ не будет отправлено, если в это время клиент ещё общается с менеджером (открыт запрос)
followups-hold-request-open = ⏸ ждёт: у клиента открыт запрос — отправим, когда его закроют
followups-hold-client-waiting = ⏸ ждёт: клиент ждёт ответа на свой вопрос — напомним об оплате, когда ему ответят
followups-hold-refunded = ⛔ не будет отправлено: по заказу оформлен возврат
followups-hold-cancelled = ⛔ не будет отправлено: заказ отменён
followups-hold-no-review-links = ⛔ не будет отправлено: в контенте нет ссылок для отзывов (followups.review_links)
followups-hold-unhappy-since = ⛔ не будет отправлено: уже после планирования клиент поставил низкую оценку, пожаловался или попросил вернуть деньги
followups-hold-refunded-since = ⛔ не будет отправлено: уже после планирования клиенту вернули деньги
followups-hold-later-nudge = ⏸ ждёт: потом клиент начал другое и не закончил — напомним о том; об этом — только если то он закончит
followups-hold-nudged-today = ⛔ не будет отправлено: клиенту уже напоминали о незаконченном меньше суток назад
followups-noted-item = • { $when } — { $what }
# After a line of the list whose button was pressed, struck through: what became of it
followups-item-off = { $how ->
        [cancelled] ✖ отменено
        [sent] ✔️ отправлено
       *[other] ✖ уже не запланировано
    }
followups-cancel-hint = Кнопки ниже отменяют сообщение с этим номером.
followups-cancel-button = ✖ { $n }
followups-cancelled = Отменено ({ $by }): { $what } — { $when }.
followups-cancelled-held = Отменено ({ $by }): { $what }.
followups-cancel-gone = Это сообщение уже отправлено или отменено.
followups-owner-only = Список по всем клиентам — для владельца. В теме клиента /followups покажет его сообщения.
# The stage says which of the reminders it is: the topic's line for each differs as the client's messages do
fu-kind-payment_reminder = напоминание об оплате счёта №{ $orderId }{ $stage ->
        [due] {" "}(последний день)
        [overdue] {" "}(срок прошёл)
       *[other] {""}
    }
fu-kind-checkin = «Как всё прошло?»
fu-kind-review_request = просьба об отзыве
fu-kind-nps = вопрос «порекомендуете ли нас» (NPS)
fu-kind-reengage = «Давно не общались»
fu-kind-greeting = поздравление
fu-kind-nudge = напоминание о незавершённом шаге ({ $flow ->
        [discovery] рассказ о задаче, /brief
        [quiz] подбор услуги, /quiz
       *[booking] запись на звонок, /book
    })
fu-kind-booking_client_reminder = напоминание клиенту о звонке
fu-kind-booking_staff_reminder = напоминание команде о звонке
fu-kind-booking_no_answer_client = клиенту утром: «мы звонили, но не дозвонились» (отметили ночью по его времени)
fu-kind-booking_call_now_late = сообщение клиенту и команде, если не успеем перезвонить к сроку
fu-kind-booking_outcome_nudge = вопрос команде, как прошёл звонок, если итог никто не отметил
fu-kind-booking_outcome_fix = конец времени, когда можно исправить итог звонка (кнопка «✏️ Исправить» уходит)
fu-kind-booking_staff_notice = уведомление команде о записи
fu-kind-handoff_sla = срок ответа на запрос
fu-kind-handoff_reply = срок ответа на сообщение клиента в запросе
fu-kind-owners_waiting = сводка владельцам: кто всё ещё ждёт ответа
fu-kind-broadcast_start = запуск рассылки после тихих часов
fu-kind-broadcast_wake = рассылка тем, у кого была ночь, — утром по их времени
fu-kind-handoff_auto_close = автозакрытие запроса, если клиент не ответит
fu-kind-handoff_rated_low = сигнал команде о низкой оценке, если клиент не оценит качество
fu-kind-paid_check = напоминание команде проверить оплату счёта №{ $orderId }
fu-kind-followups_sweep = ежедневный поиск поводов написать
fu-kind-business_window = конец суток, когда бот может писать клиенту в чат с аккаунтом владельца (карточка клиента)
fu-kind-other = сообщение ({ $kind })
# In a client's topic: what the bot sent them — named (a follow-up, a reminder), or the message itself as the
# client read it (the bot's answer to their question, shown under it)
mirror-sent = 🤖 Бот отправил клиенту: { $what }
# What mirror-sent names for a broadcast the client got while talking with the team: its number and words ($kind media: what it is, $what)
mirror-broadcast = рассылку #{ $id }{ $kind ->
        [text] {" "}«{ $text }»
        [media] {" "}({ $what })
       *[none] {""}
    }
# What mirror-sent names for the reminder before a call (its label in lists says whose it is)
mirror-call-reminder = напоминание о звонке
mirror-call-now-late = что мы задерживаемся со звонком «позвоните мне сейчас»
escalate-low-rating = ⚠️ Низкая оценка: { $score }/5 на вопрос «Как всё прошло?»{ $order }. Клиент получил извинение и ждёт, что менеджер свяжется.
escalate-low-rating-order = {" "}(счёт №{ $id }{ $what })
escalate-nps-detractor = ⚠️ NPS: { $score }/10 — клиент вряд ли нас порекомендует. Стоит написать ему и узнать, что исправить.
escalate-said = Клиент написал: «{ $text }»
cmd-followups = Запланированные сообщения клиентам
