broadcast-compose =
    📣 Пришлите сообщение для рассылки: текст с оформлением, фото, видео или документ — или перешлите готовое.
    Потом выберем, кому отправить, и покажу, как его увидят клиенты. Передумали — /cancel.
# Above the recipients menu of a draft whose text names the client; $slot: the placeholders as the owner typed them ("{name}, {имя}")
broadcast-name-slot = ✍️ Вместо { $slot } каждый получит своё имя — как бот к нему обращается.
# The name's placeholder as the owner is told of it, in their language
broadcast-name-placeholder = {"\u007B"}имя{"\u007D"}
# Above the recipients menu and first in the question under the preview; $slots: the other words in braces, as typed ("{город}, {{city}}"); $slot: broadcast-name-placeholder
broadcast-unknown-slots = ⚠️ { $slots } уйдёт клиентам как написано: бот подставляет только имя — { $slot }.
broadcast-text-after-command = Текст после /broadcast не рассылаю: рассылка — это ваше следующее сообщение, целиком, с оформлением.
broadcast-album = Альбомы в рассылке не поддерживаются: пришлите одно фото или видео с подписью.
broadcast-unsupported = Такое сообщение Telegram не даёт разослать. Пришлите текст, фото, видео, документ или стикер — или /cancel.
broadcast-segment =
    Кому отправить рассылку?
    Сейчас: { $segment }
    Получателей: { $count }{ $held }{ $unreachable }

    Условия можно сочетать — учитываются все сразу. Только клиенты, согласившиеся на рассылку (и не отписавшиеся); кто ждёт ответа менеджера, рассылку не получит, пока ему не ответят, а кто недоволен (низкая оценка, «не решён», жалоба) — пока его запрос не закроют.
broadcast-held-back = {" "}(не считая { $count } { $count ->
        [one] клиента, который ждёт ответа менеджера или разбора жалобы: пока он ждёт, рассылка ему не уходит
       *[other] клиентов, которые ждут ответа менеджера или разбора жалобы: пока они ждут, рассылка им не уходит
    })
broadcast-seg-all = все, кто согласился на рассылку
broadcast-seg-tag = тег «{ $tag }»
broadcast-seg-product = квиз: { $product }
broadcast-seg-stage = этап: { $stage }
broadcast-seg-language = язык: { $language }
broadcast-seg-active = активны за { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }
broadcast-seg-joined = впервые пришли за { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }
broadcast-seg-paid = есть оплаченный заказ (возвраты не в счёт)
broadcast-seg-unpaid = есть неоплаченный счёт
broadcast-seg-rested = кроме получивших рассылку за 24 ч
broadcast-any = не важно
broadcast-btn-all = Все с согласием
broadcast-btn-tag = 🏷 Тег: { $value }
broadcast-btn-product = 🎯 Квиз: { $value }
broadcast-btn-stage = 📍 Этап: { $value }
broadcast-btn-language = 🌐 Язык: { $value }
broadcast-btn-active = 🕐 Активность: { $value }
broadcast-btn-joined = 🆕 Новые: { $value }
broadcast-btn-paid = 💳 Оплаты: { $value }
broadcast-paid-yes = есть оплаченный заказ
broadcast-unpaid-yes = есть неоплаченный счёт
# A picker's choice with how many it would reach, the other conditions kept
broadcast-choice-count = { $choice } ({ $count })
# A picker's choice that holds clients who may not get news: $count of its $total get it; $reasons: the broadcast-unreachable-* parts
broadcast-choice-left-out = { $choice }: { $count } из { $total } ({ $reasons })
broadcast-days = за { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }
broadcast-btn-preview = 👁 Предпросмотр и отправка
broadcast-btn-discard = ✖ Не отправлять
broadcast-btn-send = ✅ Отправить ({ $count })
broadcast-btn-test = 🧪 Тест себе
broadcast-btn-change = ← Изменить получателей
broadcast-btn-back = ← Назад
broadcast-pick = Выберите: { $dimension }
broadcast-pick-page = Выберите: { $dimension } (страница { $page } из { $pages }, ◀ ▶ — листать)
broadcast-pick-none = { $dimension ->
        [tag] Тегов у клиентов пока нет: их ставят менеджеры (/tag в теме клиента) и квиз — по ответам. Вернитесь назад.
        [product] Квиз пока никто не прошёл. Вернитесь назад.
       *[other] Выбрать пока не из чего. Вернитесь назад.
    }
broadcast-dim-tag = тег клиента
broadcast-dim-product = лучший результат квиза
broadcast-dim-stage = этап клиента
broadcast-dim-language = язык
broadcast-dim-active = когда писали боту
broadcast-dim-joined = когда впервые пришли к боту
broadcast-dim-paid = оплаты
# Under the stage choices: a stage is where the client is now, so those who paid are picked with the payments button
# Under the payments choices: what an unpaid invoice takes in
broadcast-pick-paid-note = «Есть неоплаченный счёт» — счёт выставлен и не оплачен, не отменён. Кто нажал «Я оплатил(а)» и ждёт, пока команда проверит платёж, сюда не входит: по его словам, счёт оплачен.
broadcast-pick-stage-note = Этап — где клиент сейчас: заплативший снова уже «повторный клиент», перешедший к отзыву — «переход к отзыву», и в «клиент (оплачен один заказ)» их нет. Всех, у кого есть оплаченный заказ, выберите кнопкой «💳 Оплаты».
broadcast-stale = Эта кнопка уже неактуальна: начните заново — /broadcast
broadcast-preview-intro = Так сообщение увидят клиенты 👇
broadcast-preview-intro-mixed = Так сообщение увидят клиенты 👇 Строку об отписке каждый получит на своём языке — здесь она на языке по умолчанию ({ $language }).
# $when: morning when it may also be put off to the end of the quiet hours (at $at), else now; $unreachable: empty, or a line of its own (broadcast-unreachable)
broadcast-confirm =
    Получателей: { $count } ({ $segment }).{ $unreachable }
    Отправить? { $when ->
        [morning] Отложенную до { $at } можно до тех пор отменить кнопкой «✖ Не отправлять» под её сообщением; когда она пойдёт — остановить кнопкой «⏹ Остановить» под сообщением о ходе рассылки.
       *[now] Когда она пойдёт, остановить её можно в любой момент — кнопкой «⏹ Остановить» под сообщением о ходе рассылки.
    }
# $unreachable: empty, or a line of its own (broadcast-unreachable)
broadcast-nobody =
    Под эти условия сейчас никто не подходит ({ $segment }){ $held }.{ $unreachable }
    Измените получателей.
# Under the recipient count (0 or more): the clients the conditions select who may not get news; $reasons: the broadcast-unreachable-* parts
broadcast-unreachable = 🚫 { $count ->
        [one] { $count } клиент подходит, но получить не может
        [few] { $count } клиента подходят, но получить не могут
       *[many] { $count } клиентов подходят, но получить не могут
    }: { $reasons }.
broadcast-unreachable-no-consent = { $count } без согласия на рассылку
broadcast-unreachable-opted-out = { $count } { $count ->
        [one] отписался
       *[other] отписались
    }
broadcast-unreachable-blocked = { $count } { $count ->
        [one] заблокировал
       *[other] заблокировали
    } бота
broadcast-test-sent = Вам отправлено тестовое сообщение
# Recipients who gave their own time zone (/timezone) and whose night it is now: theirs waits for their morning
# Under the confirmation: $count of the $total recipients were sent a broadcast in the last 24 hours; $others: the rest (0: no "without them" button)
broadcast-recent = ⚠️ Уже получили рассылку за последние 24 часа: { $count } из { $total }. Ещё одна за сутки может показаться им навязчивой. { $others ->
        [0] Других получателей нет — её можно отправить позже.
       *[other] Не отправлять её им — кнопка «Без них ({ $others })» ниже.
    }
broadcast-btn-rested = 🧘 Без них ({ $count })
broadcast-btn-unrested = ↩ Вернуть получивших рассылку за 24 ч
broadcast-night-now = 🌙 { $count ->
        [one] { $count } получатель получит её утром по своему времени — там сейчас ночь (свой часовой пояс клиент указал сам).
        [few] { $count } получателя получат её утром по своему времени — там сейчас ночь (свой часовой пояс они указали сами).
       *[many] { $count } получателей получат её утром по своему времени — там сейчас ночь (свой часовой пояс они указали сами).
    }
# Under the confirmation: recipients the bot speaks another language with than the text's
broadcast-other-language = 🗣 { $count } из { $total } { $count ->
        [one] читает
       *[other] читают
    } { $language ->
        [en] по-английски
       *[ru] по-русски
    } — текст придёт { $count ->
        [1] ему
       *[other] им
    } как есть, на своём языке будет только строка об отписке.
# Under the confirmation: the language the owner picked for the recipients is not the one the text is written in ($written)
broadcast-picked-language = 🗣 Текст написан { $written ->
        [en] по-английски
       *[ru] по-русски
    }, а { $count ->
        [1] получатель читает
       *[other] получатели читают
    } { $language ->
        [en] по-английски
       *[ru] по-русски
    } — он придёт { $count ->
        [1] ему как есть, на его языке
       *[other] им как есть, на их языке
    } будет только строка об отписке.
broadcast-quiet-now = 🌙 Сейчас тихие часы ({ $hours }): отправленное сейчас придёт клиентам ночью. Можно отправить в { $at } — кнопка ниже.
broadcast-btn-morning = 🌅 Отправить в { $at } ({ $count })
broadcast-btn-send-now = ✅ Отправить сейчас ({ $count })
# How the owner's messages name a broadcast to go or going: its number, the first line of its text ($text, clipped), or with no words ($kind media) what it is ($what: "фото", "стикер"; $kind none: not known) and its recipients ($segment: the segment in words)
broadcast-named = #{ $id } { $kind ->
        [none] (без текста; получатели: { $segment })
        [media] ({ $what }; получатели: { $segment })
       *[text] «{ $text }» (получатели: { $segment })
    }
# $at (here and in the messages naming a scheduled broadcast): its day by date and time, as staff read every time — it stays in the chat past midnight, where "tomorrow" would go stale
broadcast-scheduled = 🕘 Рассылка { $name } уйдёт: { $at }, когда закончатся тихие часы. Получатели — кто подойдёт под условия тогда. Передумали — кнопка ниже.
broadcast-scheduled-not-cancelled = 🕘 Рассылка { $name } запланирована на { $at }. /cancel её не отменяет — если она не нужна, нажмите «✖ Не отправлять».
broadcast-already-scheduled = 🕘 Рассылка { $name } уже запланирована на { $at }. Если новая её заменяет, эту отмените — кнопка ниже.
# /broadcast naming a broadcast another owner ($owner) put off to the end of the quiet hours
broadcast-scheduled-by-other = 🕘 Рассылка { $name } запланирована на { $at } (автор — { $owner }). Отменить её может только автор.
broadcast-already-sending = 📤 Сейчас идёт рассылка { $name }. Остановить — кнопка ниже.
broadcast-twin-scheduled = ⚠️ Это то же сообщение, что в рассылке { $name }, — она уйдёт: { $at }. Кто попадёт в обе, получит его дважды. { $action ->
        [morning] Запланировать ещё и эту?
       *[now] Отправить ещё и эту, сейчас?
    }
broadcast-twin-sending = ⚠️ Это то же сообщение, что в рассылке { $name }, — она отправляется сейчас. Кто попадёт в обе, получит его дважды. { $action ->
        [morning] Запланировать ещё и эту?
       *[now] Отправить ещё и эту?
    }
broadcast-btn-twin-send = ✅ Да, отправить ещё раз ({ $count })
broadcast-btn-twin-morning = 🌅 Да, и эту в { $at } ({ $count })
# A stopped broadcast sent on to the recipients it did not reach (the button under its report)
broadcast-btn-rest = 📨 Дослать остальным ({ $count })
broadcast-btn-twin-rest = 📨 Дослать #{ $other } остальным ({ $count })
# The same message as a broadcast stopped halfway; $rest: how many of those it did not reach may get it now
broadcast-twin-stopped = ⚠️ Это то же сообщение, что в рассылке { $name }, — её остановили: доставлено { $sent } из { $total }. Кто её получил, получит его дважды. { $rest ->
        [0] { $action ->
            [morning] Запланировать ещё и эту?
           *[now] Отправить ещё и эту?
        }
       *[other] Дослать #{ $other } тем, до кого она не дошла, — или { $action ->
            [morning] запланировать
           *[now] отправить
        } ещё и эту?
    }
# $when: now, or morning (in the quiet hours the rest get it when they end, at $at)
# A stopped broadcast's "send to the rest" pressed after the same message went out again as a newer broadcast (a pop-up: by their numbers)
broadcast-rest-sent-again = То же сообщение уже ушло рассылкой #{ $again } после #{ $id } — дослать #{ $id } значит прислать его кому-то дважды. Не досылаю.
broadcast-rest-started = { $when ->
        [morning] 🌅 Рассылка { $name } уйдёт остальным в { $at }, когда кончатся тихие часы: { $count ->
            [one] { $count } получателю
           *[other] { $count } получателям
        }.
       *[now] 🚀 Рассылка { $name } досылается: ещё { $count ->
            [one] { $count } получателю
           *[other] { $count } получателям
        }.
    } Кто её уже получил, второй раз не получит.
# Answers to a pressed button (a pop-up of at most 200 characters): the broadcast by its number, named in full in the message it pops up over
broadcast-rest-ending = Рассылка #{ $id } ещё завершается — нажмите через пару секунд.
broadcast-rest-none = Из тех, до кого рассылка #{ $id } не дошла, отправить её сейчас некому: отписались, заблокировали бота, удалили данные или ждут ответа менеджера.
broadcast-rest-gone = Рассылка #{ $id } уже досылается (или дослана) — итог придёт отдельным сообщением.
broadcast-notice-started = 🚀 Рассылка { $name } пошла в { $at } — ход и итог ниже.
broadcast-notice-moved = 🕘 Рассылка { $name } уйдёт: { $at }. Отменить её — кнопкой в сообщении ниже.
broadcast-notice-cancelled = ✖ Рассылка { $name } отменена — не уйдёт.
# $held: the clients who fit but wait for a manager's answer or after a complaint (left out until answered, or closed);
# $who: none, one or several of them (a notice's numbers reach it as text), or left-one / left-several: the
# $left who fit when it was planned have unsubscribed, blocked the bot or erased their data since
broadcast-scheduled-empty = Рассылка { $name } не ушла: { $who ->
        [none] под её условия сейчас никто не подходит.
        [left-one] единственный, кто подходил под её условия, когда её планировали, с тех пор отписался, заблокировал бота или удалил данные.
        [left-several] все { $left }, кто подходил под её условия, когда её планировали, с тех пор отписались, заблокировали бота или удалили данные.
        [one] единственный подходящий под её условия клиент ждёт ответа менеджера или разбора жалобы — пока этого нет, рассылка ему не уходит.
       *[other] все подходящие под её условия клиенты ({ $held }) ждут ответа менеджера или разбора жалобы — пока этого нет, рассылка им не уходит.
    }
broadcast-scheduled-empty-kept = Сообщение сохранено: выберите других получателей — кнопка ниже.
broadcast-quiet-over = Тихие часы уже закончились — отправьте сейчас, кнопкой «Отправить сейчас».
# "Send" under a preview shown in the day, pressed in the quiet hours (a toast): the question comes in its place
broadcast-quiet-began = Уже тихие часы — выберите, когда отправить.
broadcast-scheduled-dropped = Рассылка { $name }, отложенная до конца тихих часов, не ушла: её автор больше не владелец. Если она нужна — /broadcast
# A pop-up under its notice's ✖: by its number, as the answers to the rest's button
broadcast-already-sent = Рассылка #{ $id } уже отправлена — отчёт придёт (или пришёл) отдельным сообщением.
broadcast-discarded = Хорошо, рассылку не отправляем.
broadcast-empty = Получателей нет — измените условия
# $left: of those the owner approved ("Send (N)"), how many have unsubscribed, blocked the bot or erased their data since
broadcast-started = 🚀 Рассылка { $name } запущена: { $total ->
        [one] { $total } получатель
        [few] { $total } получателя
       *[many] { $total } получателей
    }.{ $left ->
        [0] {""}
        [one] {" "}Ещё { $left } из тех, кому вы её одобрили, с тех пор отписался, заблокировал бота или удалил данные — ему она не уйдёт.
       *[other] {" "}Ещё { $left } из тех, кому вы её одобрили, с тех пор отписались, заблокировали бота или удалили данные — им она не уйдёт.
    }
# $waiting: recipients in their night (their own time zone) whose message waits for their morning
broadcast-progress = 📤 Рассылка { $name }: отправлено { $done } из { $total }…{ $waiting ->
        [0] {""}
        [one] {"\u000A"}🌙 Ещё { $waiting } получатель получит её утром по своему времени (там сейчас ночь).
        [few] {"\u000A"}🌙 Ещё { $waiting } получателя получат её утром по своему времени (там сейчас ночь).
       *[many] {"\u000A"}🌙 Ещё { $waiting } получателей получат её утром по своему времени (там сейчас ночь).
    }
broadcast-progress-moved = 📤 Рассылка { $name }: ход рассылки и кнопка «Остановить» — ниже.
broadcast-progress-final = 📤 Рассылка { $name }: обработано { $done } из { $total }.
broadcast-progress-stopped = 📤 Рассылка { $name }: остановлена, доставлено { $sent } из { $total }.
broadcast-report =
    ✅ Рассылка { $name } завершена.
    Доставлено: { $sent } из { $total }{ $morningSent ->
        [0] {""}
       *[other] {" "}(из них утром по своему времени: { $morningSent })
    }
    Заблокировали бота: { $blocked }
    Ошибки: { $failed }
    Пропущено (отписались, удалили данные, вошли в команду или ждут ответа менеджера): { $skipped }{ $uncertain ->
        [0] {""}
       *[other] {"\u000A"}Неизвестно (сбой во время отправки, повторно не отправляли): { $uncertain }
    }
broadcast-report-cancelled =
    ⏹ Рассылка { $name } остановлена.
    Доставлено: { $sent } из { $total }
    Заблокировали бота: { $blocked }
    Ошибки: { $failed }
    Не отправлено: { $skipped }{ $morningSkipped ->
        [0] {""}
       *[other] {" "}(из них ждали утра по своему времени: { $morningSkipped })
    }{ $uncertain ->
        [0] {""}
       *[other] {"\u000A"}Неизвестно (сбой во время отправки, повторно не отправляли): { $uncertain }
    }
broadcast-stop-button = ⏹ Остановить
broadcast-stopping = Останавливаю рассылку { $name } — итог пришлю следом.
broadcast-not-running = Рассылка { $name } уже не идёт.
broadcast-stop-other-ask = Идёт рассылка { $name } (автор — { $owner }). Остановить её?
broadcast-stopping-other = Останавливаю рассылку { $name } — итог придёт автору рассылки ({ $owner }).
broadcast-stopped-by = ⏹ Вашу рассылку { $name } остановили. Кто остановил: { $owner }.
broadcast-resumed = 🔄 Бот перезапустился во время рассылки { $name } — продолжаю с того места, где рассылка прервалась. Никому не отправлю дважды{ $uncertain ->
        [0] .
        [one] ; у { $uncertain } получателя отправка прервалась на середине — ему повторно не отправляем.
       *[other] ; у { $uncertain } получателей отправка прервалась на середине — им повторно не отправляем.
    }
broadcast-optout-hint = Отписаться от рассылки: /stop
broadcast-optout-button = Отписаться от рассылки
