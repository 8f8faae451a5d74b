cmd-book = Заказать звонок
cmd-mybookings = Мои звонки и заказы
cmd-today = Звонки на сегодня и кто ждёт ответа
cmd-offer = Предложить клиенту звонок
cmd-call = Звонок клиента: записать, перенести или отменить
booking-friend = друг

## Day and time
booking-pick-day =
    Когда вам удобно поговорить? Выберите день 👇
    Время указано по часовому поясу: { $zone }.{ $own ->
        [no] {" "}Вы в другом поясе? /timezone — и рядом будет ваше время.
       *[yes] {""}
    }
booking-move-pick-day =
    Ваш звонок: { $from }.
    На какой день перенести? Время — { $zone }.
booking-pick-time = { $day } — выберите удобное время ({ $zone }). На звонок отводим до { $minutes } мин.
# After the times of a day, when some are in the client's night on their clock (/timezone)
booking-pick-night = 🌙 — ночь у вас ({ $hours } по вашим часам).
booking-pick-early = 🌅 — у вас раннее утро ({ $hours } по вашим часам).
# A time typed on the picker, said back as it was understood, before the next question
booking-time-typed = ✔️ Звонок: { $window } ({ $zone }).
# A time said with no day on the day picker ("10am my time"): which day
booking-time-which-day = В какой день вам удобно в { $time } ({ $zone })? Выберите день ниже 👇
booking-time-typed-night = 🌙 У вас это ночь ({ $hours } по вашим часам): если неудобно, { $below ->
        [yes] нажмите ниже «{ $other }».
       *[no] на подтверждении будет кнопка «{ $other }».
    }
booking-time-typed-early = 🌅 У вас это раннее утро ({ $hours } по вашим часам): если неудобно, { $below ->
        [yes] нажмите ниже «{ $other }».
       *[no] на подтверждении будет кнопка «{ $other }».
    }
# A time said on "my time" by a client whose time zone is not known yet: asked, as /timezone asks
booking-own-zone-ask = Я пока не знаю ваш часовой пояс и не могу понять, какое это время по-нашему. В каком вы городе или который у вас сейчас час (часы и минуты, например 14:05)? Или напишите время по-нашему ({ $zone }).
# A time said on another clock ("2pm my time", "11am PT") that is none of ours; $own: yes for the client's own clock; $why: passed when it has gone by
booking-time-theirs-not-offered = { $theirs } { $own ->
        [yes] по вашему времени
       *[no] ({ $clock })
    } — это { $ours } по-нашему ({ $zone }): { $why ->
        [passed] это время уже прошло
        [soon] на это время уже не успеем записать
       *[other] это время занято или нерабочее
    }, выберите из свободных 👇
booking-day-today = Сегодня, { $date }
booking-day-tomorrow = Завтра, { $date }
booking-now-button = 📞 Позвоните мне сейчас
booking-other-day-button = ← Другой день
# $on: what is shown below it — the days (pick one), or a day's times (pick one, or another day); $why time-passed: today, with a time said that has gone by
booking-day-not-offered = { $why ->
        [closed] В этот день мы не работаем
        [far] Так далеко вперёд запись пока не открыта
        [past] Этот день уже прошёл
        [time-passed] Это время уже прошло
       *[full] На этот день свободного времени нет
    } — { $on ->
        [days] выберите, пожалуйста, день из списка 👇
        [times] выберите время ниже или другой день кнопкой «{ booking-other-day-button }» 👇
        [comment] время звонка остаётся прежним (другое можно выбрать на следующем шаге) 👇
       *[confirm] выберите другое время кнопкой «{ booking-other-time-button }» 👇
    }
# The part of the day the client said with it ("завтра после 5", "в пятницу утром"): its times alone are shown. $own: yes when the hours are on the client's own clock (/timezone: their evening, not their night), and then what is shown when none is free is the day's times outside their night
booking-hours-shown = Показано время { $kind ->
        [after] после { $from }
        [before] до { $to }
       *[between] с { $from } до { $to }
    }{ $own ->
        [yes] {" "}по вашим часам
       *[no] {""}
    }.
booking-hours-none = { $kind ->
        [after] После { $from }
        [before] До { $to }
       *[between] С { $from } до { $to }
    }{ $own ->
        [yes] {" "}по вашим часам в этот день свободного времени нет — вот ближайшее свободное время.
       *[no] {" "}в этот день свободного времени нет — вот всё свободное время.
    }
booking-all-times-button = 🕐 Всё время этого дня
# A time typed between the times calls start at ("без четверти 5" where they start every half hour)
booking-time-between = Звонки начинаются каждые { $minutes } мин — выберите ближайшее свободное время 👇
# A time typed for a day that is not free then; $why: passed when it has gone by ("today at 9" at 11:00)
booking-time-not-offered = { $why ->
        [passed] Это время уже прошло
        [soon] На это время уже не успеем записать
       *[other] Это время в тот день занято или нерабочее
    } — выберите из свободных 👇
# The time said with no day ("в 15"), the day then picked: it is not free that day; $time as the question said it
booking-time-said-not-offered = { $time } { $why ->
        [passed] уже прошло
        [soon] уже слишком скоро
       *[other] в этот день занято или нерабочее
    } — выберите из свободных 👇
booking-day-full = На этот день свободного времени уже не осталось — выберите другой.
booking-no-slots = К сожалению, в ближайшие { $days } дн. свободного времени для звонка нет. Напишите менеджеру — он договорится с вами лично.
booking-slot-full = Это время только что заняли 😔
booking-slot-gone = Это время уже прошло или до него слишком мало времени.
booking-slot-invalid = Это время больше недоступно — расписание изменилось.
booking-use-buttons = Выберите, пожалуйста, вариант кнопкой ниже 👇 Если удобнее обсудить — нажмите «{ $button }».
booking-picker-again = Варианты отправлены ещё раз ниже — выберите, пожалуйста, там 👇

## Call me now
booking-now-closed = Сейчас мы не на связи. Начинаем работу: { $opens } ({ $zone }). Выберите удобное время, и мы позвоним точно в срок 👇
booking-now-closed-unknown = Сейчас мы не на связи. Выберите удобное время ниже или напишите менеджеру.
booking-now-off = Звонок «прямо сейчас» больше недоступен. Номер сохранили — выберите удобное время, и мы позвоним точно в срок 👇
booking-now-done =
    Принято, { $name }! Менеджер перезвонит вам до { $until } ({ $zone }).
    Если не успеем — позвоним сразу, как освободимся, и обязательно предупредим.
# A "call me now" wherever a call's time is named: by the time promised (its start is when the client asked)
booking-call-by = до { $time }

## Phone and comment
booking-phone-ask = На какой номер позвонить? Нажмите «Поделиться номером» внизу или напишите номер, например { $example }.
booking-phone-ask-now = На какой номер перезвонить? Нажмите «Поделиться номером» внизу или напишите номер, например { $example }.
# The number the bot knows, asked about by name
booking-phone-ask-known = { $now ->
        [yes] Перезвонить
       *[no] Позвонить
    } на { $phone }? Нажмите номер внизу — или «Поделиться номером», или напишите другой.
booking-phone-ask-known-typed = { $now ->
        [yes] Перезвонить
       *[no] Позвонить
    } на { $phone }? Напишите «да» — или другой номер.
booking-phone-share-button = 📱 Поделиться номером
# In the owner's own chats (Telegram Business) there is no «Поделиться номером» button
booking-phone-ask-typed = На какой номер позвонить? Напишите номер, например { $example }.
booking-phone-ask-now-typed = На какой номер перезвонить? Напишите номер, например { $example }.
# Above the question asked again, which says how to give the number: not said twice
booking-phone-needed = Здесь нужен номер телефона.
booking-phone-invalid = Не получилось распознать номер — проверьте, пожалуйста, цифры.
# Two numbers or more in one message at the phone step: which to call is the client's word
booking-phone-which = В сообщении номера { $phones }. На какой позвонить? Нажмите его кнопку внизу или напишите один.
booking-phone-which-typed = В сообщении номера { $phones }. На какой позвонить? Напишите, пожалуйста, один.
booking-phone-not-own = Это не ваш контакт. Нажмите «Поделиться номером» — Telegram отправит ваш собственный номер, — или напишите номер текстом.
booking-phone-not-own-typed = Это не ваш контакт. Напишите, пожалуйста, свой номер текстом.
booking-phone-saved = Номер записан: { $phone }
booking-comment-ask = Хотите что-то передать менеджеру перед звонком? Напишите коротко — или нажмите «Без комментария».
booking-comment-skip = Без комментария
# Typed at the comment question, these mean no comment (as the button): a comma-separated list
booking-comment-none-words = без комментария, нет, неа, нет спасибо, не надо, ничего, пропустить
booking-comment-too-long = Слишком длинно для заметки — уложитесь, пожалуйста, в { $max } символов. Подробности можно обсудить на звонке.
booking-comment-text-only = Напишите комментарий текстом или нажмите «Без комментария».

## Confirmation
booking-confirm =
    Проверим:
    📞 Звонок: { $window }
    🕐 Часовой пояс: { $zone }
    📱 Номер: { $phone }
booking-confirm-product = 🎯 Тема: { $product }
booking-confirm-comment = 💬 Комментарий: { $comment }
booking-confirm-question = Всё верно?
# A plain "no" typed under the confirmation: what can be changed, and how
booking-confirm-what-to-change = Что поменять? Время — кнопка «{ $button }» или напишите новый день и время, например «в четверг в 11».
# Words at the confirmation that go to the manager reading the chat: told so, and that nothing is booked yet; $mode: book or move
booking-confirm-passed = Передали менеджеру. { $mode ->
        [move] Звонок пока не перенесён
       *[other] Звонок пока не записан
    } — нажмите выше «{ $button }», когда будет удобно, или «{ $other }».
booking-confirm-outdated = Эта кнопка была от прежнего выбора. Вот что выбрано сейчас:
booking-ok-button = ✅ Подтвердить
booking-other-time-button = 🔄 Другое время
booking-stop-button = ✖ Не записываться
booking-move-keep-button = ✖ Оставить прежнее время
# $reminder: minutes from the reminder to the call (0: none), to pick the phrase; $before: that span in words;
# $mine: no in the owner's own chats (Telegram Business), where the bot writes as the owner and names no command of its own
booking-done =
    Готово, { $name }! 🙌 Звонок назначен:
    📞 { $window }
    🕐 { $zone }
    Менеджер позвонит на номер { $phone }.
    { $reminder ->
        [0] Перенести или отменить звонок можно кнопками ниже{ $mine ->
                [no] {""}
               *[yes] {" "}или командой /mybookings
            }.
        [60] За час до звонка я напомню. Перенести или отменить — кнопками ниже{ $mine ->
                [no] {""}
               *[yes] {" "}или командой /mybookings
            }.
       *[other] За { $before } до звонка я напомню. Перенести или отменить — кнопками ниже{ $mine ->
                [no] {""}
               *[yes] {" "}или командой /mybookings
            }.
    }
# $chat: business in the client's chat with the owner's account, where the bot shows no menu
booking-stopped = Хорошо, не записываю.{ $chat ->
        [business] {" "}Если передумаете — просто напишите сюда.
       *[bot] {" "}Если передумаете — кнопка «{ $button }» в меню.
    }
booking-has-upcoming =
    У вас уже назначен звонок: { $window } ({ $zone }).
    Его можно перенести или отменить 👇
booking-too-many-turns = Давайте не будем усложнять 🙂 Напишите менеджеру — он подберёт время вместе с вами.

## Reschedule and cancel
booking-move-confirm =
    Переносим звонок?
    Было: { $from }
    Станет: { $window } ({ $zone })
booking-move-ok-button = ✅ Перенести
booking-move-stopped = Хорошо, оставляем звонок в прежнее время.
booking-moved =
    Перенесли ✅ Теперь звонок: { $window } ({ $zone }).
    Было: { $from }.
booking-move-impossible = Этот звонок уже нельзя перенести — возможно, он отменён или уже прошёл. Записаться на новый звонок можно кнопкой ниже.
booking-move-cancelled = Этот звонок ({ $window }) уже отменён — переносить нечего. Записаться на новый звонок можно кнопкой ниже.
booking-reschedule-button = 🔄 Перенести
booking-cancel-button = ✖ Отменить
booking-cancel-ask = Отменить звонок: { $window } ({ $zone })?
booking-cancel-yes-button = Да, отменить
booking-cancel-no-button = Нет, оставить
booking-cancel-moved = Звонок с тех пор перенесли — вот его время сейчас.
booking-cancel-kept = Хорошо, звонок остаётся: { $window } ({ $zone }).
booking-cancelled = Звонок отменён ({ $window }). Если понадобится — запишитесь снова в любой момент.
booking-not-yours = Эта кнопка относится к чужой записи — нажать её может только тот, кто записывался.
booking-gone = Этой записи больше нет.
booking-not-active = Этот звонок уже отменён или прошёл. Вот актуальное:
booking-missed-rebook = Тот звонок не состоялся — выберите новое время 👇
# A button of a call the team marked as made, pressed after it
booking-call-held = Этот звонок уже состоялся ({ $window }). Понадобится созвониться снова — запишитесь по кнопке ниже.
booking-stale = Этот выбор устарел — вот свежие варианты.
booking-product-gone = Этой услуги больше нет в списке — запишу вас на звонок без темы.

## Reminders and messages from staff
booking-reminder-client =
    { $name }, напоминаю о звонке: { $window } ({ $zone }).
    Менеджер позвонит на номер { $phone }. Если планы изменились — перенесите или отмените звонок кнопками ниже.
booking-now-late-client =
    { $name }, простите: мы обещали перезвонить до { $until } ({ $zone }) и не успели. Менеджер позвонит на номер { $phone }, как только освободится.
booking-no-answer-client =
    { $name }, мы звонили вам ({ $window }, { $zone }), но не дозвонились.
    Выберите другое удобное время — или напишите менеджеру в любой момент.
booking-no-answer-client-now =
    { $name }, мы перезвонили вам, как вы просили, но не дозвонились.
    Выберите удобное время для звонка — или напишите менеджеру в любой момент.
booking-new-time-button = 📞 Выбрать новое время
booking-moved-by-staff =
    { $name }, менеджер перенёс ваш звонок. Новое время: { $window } ({ $zone }).
    Было: { $from }.
    Если время не подходит — перенесите или отмените кнопками ниже.
# The team moved a call whose time passed with nobody marking it (nobody called): when the manager will call, plainly
booking-moved-by-staff-missed =
    { $name }, менеджер позвонит вам в новое время: { $window } ({ $zone }).
    Если время не подходит — перенесите или отмените кнопками ниже.
# The team booked it for the client (/call with a time): said plainly, not “as agreed” — a manager may book a time the client did not ask for, or without asking; $reminder, $before, $mine as in booking-done
booking-booked-by-staff =
    { $name }, менеджер записал вас на звонок:
    📞 { $window }
    🕐 { $zone }
    Менеджер позвонит на номер { $phone }.
    { $reminder ->
        [0] Перенести или отменить звонок можно кнопками ниже{ $mine ->
                [no] {""}
               *[yes] {" "}или командой /mybookings
            }.
        [60] За час до звонка я напомню. Перенести или отменить — кнопками ниже{ $mine ->
                [no] {""}
               *[yes] {" "}или командой /mybookings
            }.
       *[other] За { $before } до звонка я напомню. Перенести или отменить — кнопками ниже{ $mine ->
                [no] {""}
               *[yes] {" "}или командой /mybookings
            }.
    }

## My stuff
booking-mine-title = 📋 { $name }, ваши звонки и заказы
booking-mine-calls = Звонки:
booking-mine-no-calls = Запланированных звонков нет.
booking-mine-call = • { $window } ({ $zone }){ $product }
booking-mine-call-now = • Перезвоним вам, крайний срок: { $window } ({ $zone }){ $product }
# Its deadline passed and staff have not marked it: still the client's call, and honestly late
booking-mine-call-now-late = • Мы обещали перезвонить до { $window } ({ $zone }){ $product } и задерживаемся: позвоним, как только освободимся.
# A call of the last two weeks whose time is over and that nobody marked (called, no answer): the team is asked to check
booking-mine-call-unmarked = • { $window } ({ $zone }){ $product } — время прошло, а у нас нет отметки, что звонок состоялся. Менеджер проверит.
booking-mine-orders = Заказы:
booking-mine-no-orders = Открытых заказов нет.
booking-mine-order = • { $title }: { $amount } — { $state }
# An invoice of an order billed in parts after its first one (the balance after a prepayment), under it
booking-mine-order-part = {"   "}↳ { $title }: { $amount } — { $state }
# Done and refunded alike: a refunded order is no "completed" one
booking-mine-finished = Прошлые заказы:
booking-order-done = выполнен { $date }
booking-order-refunded = деньги возвращены { $date }
booking-order-number = Заказ №{ $id }
booking-order-unpaid = ждёт оплаты
booking-order-unpaid-due = ждёт оплаты до { $due }
booking-order-overdue = срок оплаты ({ $due }) прошёл
booking-order-reported = вы сообщили об оплате, мы проверяем
booking-order-paid = оплачен, работа идёт
booking-mine-reschedule-button = 🔄 Перенести звонок ({ $when })
booking-mine-cancel-button = ✖ Отменить звонок ({ $when })
booking-mine-pay-button = 💳 Оплатить счёт №{ $id }: { $amount }

## Staff group
booking-staff-reminder-header = 📞 Пора звонить: { $window } ({ $zone })
# The window starts with the weekday in the nominative: no «на» before it («на среда»)
booking-staff-late-header = ⏰ Напоминание пришло с опозданием — время звонка: { $window } ({ $zone }). Если клиенту ещё не звонили — позвоните как можно скорее и отметьте итог.
booking-staff-now-header = 🔥 Клиент просит перезвонить сейчас. Обещанный срок: { $until } ({ $zone })
booking-staff-now-opening-header = 🔥 Клиент просил перезвонить перед закрытием ({ $asked }) — обещали до { $until } ({ $zone }). Позвоните в первую очередь.
booking-staff-now-late-header = ⏰ Не успели перезвонить к обещанному сроку ({ $until }, { $zone }): клиенту написали, что задерживаемся. Позвоните, как только сможете, и отметьте, как прошло.
booking-staff-now-late-untold-header = ⏰ Не успели перезвонить к обещанному сроку ({ $until }, { $zone }), и написать клиенту, что задерживаемся, не удалось. Позвоните, как только сможете, и отметьте, как прошло.
# Each way it may have gone, the call not made among them: "No answer" tells the client "we called you"
booking-staff-unmarked-header = ⏰ Никто не отметил, как прошёл звонок: { $window } ({ $zone }). Позвонили — нажмите «{ booking-outcome-called }». Звонили, но не дозвонились — «{ booking-outcome-noans }»: клиенту напишут, что не дозвонились, и предложат другое время. Не звонили — «{ booking-outcome-resched }»: выберите новое время, клиенту напишут, когда менеджер позвонит.
booking-staff-lead = { $lead }, это ваш клиент.
booking-staff-unmarked-asked-header = ❓ Клиент спрашивает о звонке { $window } ({ $zone }), а никто не отметил, как он прошёл. Клиенту сказали, что менеджер проверит. Если позвонили — нажмите «{ booking-outcome-called }»; если не дозвонились — «{ booking-outcome-noans }»: клиенту предложат выбрать другое время.
booking-staff-booked-header = 🗓 Новая запись на звонок: { $window } ({ $zone })
booking-staff-moved-header = 🔄 Клиент перенёс звонок: { $from } → { $window } ({ $zone })
booking-staff-cancelled-header = ✖ Клиент отменил звонок: { $window } ({ $zone })
booking-staff-phone = 📱 { $phone }
booking-staff-language = 🗣 Клиент говорит { $language ->
        [en] по-английски
       *[ru] по-русски
    }
booking-staff-product = 🎯 Тема: { $product }
booking-staff-comment = 💬 Комментарий: { $comment }
booking-staff-answers = 📝 Ответы клиента:
booking-outcome-called = ✅ Позвонили
booking-outcome-noans = 📵 Не дозвонились
booking-outcome-resched = 🔄 Перенести
booking-outcome-cancel = ✖ Отменить
booking-outcome-not-yet = Время звонка ещё не пришло: { $window }. Отметить, как он прошёл, можно после звонка; перенести или отменить — кнопками под сообщением.
booking-staff-cancel-ask = Отменить звонок клиента? Клиент получит сообщение, что звонок отменён.
booking-staff-cancel-yes = ✖ Да, отменить
booking-staff-cancel-no = ← Не отменять
booking-staff-cancel-over = Время звонка уже прошло — отменять нечего. Отметьте, как он прошёл.
booking-outcome-cancelled-note =
    ✖ Звонок отменён — { $staff }.
    { $told ->
        [yes] Клиент получил уведомление.
        [business] ⚠️ Клиенту об этом ничего не отправлено. { $why }
       *[other] Уведомить клиента не получилось.
    }
booking-cancelled-by-staff =
    { $name }, по вашей просьбе звонок отменён: { $window } ({ $zone }).
    Понадобится созвониться — выберите время по кнопке ниже.
# /call in a client's topic: the client's next call, with the reminder's buttons
booking-staff-call-header = 📞 Звонок клиента: { $window } ({ $zone })
booking-staff-call-none = У клиента нет назначенного звонка. /offer — предложить время; /call завтра 15:00 — записать клиента на это время.
# /call with a day and time: the team books (or moves) the client's call themselves, the client agreed in words
booking-staff-call-usage = /call — звонок клиента с кнопками (перенести, отменить). /call завтра 15:00, /call пт 11, /call 11.12 10:30 — записать клиента на это время (или перенести на него его звонок); номер после времени — если клиент его не оставлял или просит звонить на другой.
# /call's time on a working day that cannot be booked, with its reason; $free: how many free times that day ($times)
booking-staff-call-refused = Не записал: «{ $said }» ({ $day }) — { $why ->
        [past] это время уже прошло
        [closed] в это время мы не работаем
        [between] звонки начинаются каждые { $minutes } мин
        [twice] непонятно, утро это или вечер: напишите время полностью, например 15:00
       *[taken] это время уже занято
    }. { $free ->
        [0] Свободного времени в этот день больше нет.
       *[other] Свободно в этот день: { $times }.
    }
booking-staff-call-day-none = Не записал: { $why ->
        [closed] { $day } — нерабочий день.
        [far] { $day } — запись так далеко вперёд ещё не открыта.
        [past] { $day } — этот день уже прошёл.
       *[full] { $day } — свободного времени нет.
    }
booking-staff-call-no-phone = Не записал: номера клиента нет. Добавьте его после времени: /call { $when } { $example }
# /call with a time for a client whose clock differs from ours, the words not saying whose: asked before anything reaches the client. $theirs, $ours: zones ("Лондон, UTC+0")
booking-staff-call-whose = 🕐 «{ $said }» — по чьему времени? У клиента { $theirs }, у нас { $ours }. Клиенту пока ничего не отправлено.
booking-staff-call-ours-button = { $time } у нас (у клиента { $other })
booking-staff-call-theirs-button = { $time } у клиента (у нас { $other })
booking-staff-call-whose-chosen = ✔️ { $choice }. Кто выбрал: { $staff }
# The time chosen with those buttons, as /call would take it ("24.11 18:00 у нас"), should the topic say it back
booking-staff-call-said-ours = { $day } { $time } у нас
booking-staff-call-same = Звонок клиента уже в это время: { $when }.
booking-staff-booked-sent = 📤 Клиент записан на звонок — ему отправлено:
# /call without a number took the one the client wrote in the chat: $at, their message's time ("12:55")
booking-staff-booked-sent-chat = 📤 Клиент записан на звонок на номер { $phone } — номер из сообщения клиента в { $at }. Ему отправлено:
booking-staff-moved-sent = 📤 Звонок перенесён (было: { $from }) — клиенту отправлено:
booking-staff-moved-sent-chat = 📤 Звонок перенесён (было: { $from }), звонить на { $phone } — номер из сообщения клиента в { $at }. Клиенту отправлено:
booking-staff-booked-untold = Звонок записан ({ $when }), но сообщить клиенту не получилось: он удалил свои данные или заблокировал бота.
# Followed by the line of why the owner's Business chat is closed to the bot now (business-refusal-*)
booking-staff-booked-untold-business = Звонок записан ({ $when }), но клиенту об этом ничего не отправлено.
booking-staff-keep-button = ← Не переносить
booking-staff-no-slots = Свободного времени в ближайшие дни нет.
booking-staff-pick-day = Выберите новый день и время
# $day: the day chosen under a call reminder, "среда, 9 декабря" (a nominative: a heading, not "на …"); its free times are the buttons below
booking-staff-move-day = Новый день звонка: { $day } — выберите время:
booking-staff-has-upcoming = Клиент уже записался на другой звонок: { $window }. Этот звонок не перенести — отметьте, как он прошёл.
booking-outcome-already =
    { $status ->
        [called] Уже отмечено: позвонили.
        [no_answer] Уже отмечено: не дозвонились.
        [cancelled] Этот звонок отменён.
       *[other] Этот звонок уже обработан.
    }
booking-outcome-moved = Этот звонок уже перенесли: теперь { $window }. Напоминание придёт к новому времени.
booking-outcome-called-note = ✅ Позвонили. Кто отметил: { $staff }
# "No answer" pressed while the client's message since the call's time says nobody called ($said, quoted; $at, its time): one line under the reminder
booking-staff-noans-ask = ⚠️ Клиент написал в { $at }: «{ $said }». «{ booking-outcome-noans }» скажет ему «мы звонили вам, но не дозвонились». Если не звонили — «{ booking-outcome-resched }»: клиенту придёт новое время звонка.
booking-staff-noans-yes = 📵 Звонили — не дозвонились
booking-staff-noans-back = ← Назад
# Under the reminder once marked. [morning]: the message waits for the client's morning — $at, when on their clock, and $ours, on ours (back-at: "завтра в 9:00", "утром, в 9:00"), $own: whether theirs differs
booking-outcome-noans-note =
    📵 Не дозвонились. Кто отметил: { $staff }.
    { $told ->
        [yes] Клиенту предложено выбрать новое время.
        [morning] Клиенту предложено выбрать новое время — сообщение придёт ему { $at }{ $own ->
            [yes] {" "}по его времени (у нас { $ours })
           *[no] {""}
        }, не ночью.
        [business] ⚠️ Новое время клиенту не предложено. { $why } Когда он напишет, время можно предложить командой /offer в его теме.
       *[other] Написать клиенту не получилось (он удалил данные или заблокировал бота).
    }
# A call's outcome may be corrected for a while after it was marked (once; by the one who marked it, the client's lead, an owner).
# $outcome: what it becomes (called, no_answer). The line under the mark while it may be, $until its end ("15:35")
booking-outcome-fix-until = Ошиблись с итогом? Исправить можно до { $until } — кнопкой ниже.
booking-outcome-fix-button = ✏️ Исправить на «{ $outcome ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }»
booking-outcome-fix-ask = Изменить итог на «{ $outcome ->
        [called] { booking-outcome-called }»? Если клиенту уже написали, что не дозвонились, ему придёт поправка.
       *[other] { booking-outcome-noans }»? Клиенту напишут, что не дозвонились, и предложат другое время.
    }
booking-outcome-fix-yes = ✏️ Да, изменить
booking-outcome-fix-keep = ← Оставить как есть
# Pressed once the time to correct it is over, or after the correction (one per call); $minutes: how long it lasts
booking-outcome-fix-closed = Итог этого звонка уже не исправить: его исправляют один раз и только в первые { $minutes } мин после отметки.
# Pressed by someone else on the team; $marker: who marked it
booking-outcome-fix-not-yours = Исправить итог может тот, кто его отметил ({ $marker }), менеджер клиента или владелец.
# The other outcome pressed by someone else right after a colleague marked one ($status): theirs stands; $until as above
booking-outcome-already-fixers = { $status ->
        [called] Уже отмечено: позвонили
       *[other] Уже отмечено: не дозвонились
    } ({ $marker }). Исправить до { $until } может { $marker }, менеджер клиента или владелец.
# In the topic (or General): two different outcomes pressed at once. $stands: the one marked first, which counts ($first pressed it); $second pressed the other
booking-outcome-clash = ⚠️ Итог звонка отметили по-разному: { $first } — «{ $stands ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }», { $second } — «{ $stands ->
        [called] { booking-outcome-noans }
       *[other] { booking-outcome-called }
    }». Засчитан первый: «{ $stands ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }». Если он неверный, исправьте его до { $until } кнопкой «✏️ Исправить» под напоминанием — это может { $first }, менеджер клиента или владелец.
# Under the reminder once corrected: to what, by whom, and what the client got ($told; $at, $ours, $own, $why as in booking-outcome-noans-note)
booking-outcome-fixed-note =
    ✏️ Итог исправлен на «{ $outcome ->
        [called] { booking-outcome-called }
       *[other] { booking-outcome-noans }
    }». Кто исправил: { $staff }.
    { $told ->
        [fixed] Клиенту отправлена поправка: сообщение «не дозвонились» ушло по ошибке, звонок состоялся.
        [held] Сообщение «не дозвонились» ждало утра клиента и не уйдёт.
        [none] Клиенту ничего не отправлено.
        [yes] Клиенту написали, что не дозвонились, и предложили выбрать новое время.
        [morning] Клиенту предложено выбрать новое время — сообщение придёт ему { $at }{ $own ->
            [yes] {" "}по его времени (у нас { $ours })
           *[no] {""}
        }, не ночью.
        [business] ⚠️ Клиенту ничего не отправлено. { $why }
       *[other] Написать клиенту не получилось (он удалил данные или заблокировал бота).
    }
# To the client: "we could not reach you" was a mistake, the call took place. $booked: they booked another call since ($next, its time)
booking-outcome-fixed-client = { $name }, простите: сообщение о том, что мы вам не дозвонились, ушло по ошибке — звонок состоялся. { $booked ->
        [yes] Звонок, на который вы записались, остаётся в силе: { $next }.
       *[no] Выбирать новое время не нужно.
    }
booking-outcome-moved-note =
    🔄 Перенесено, новое время: { $window } — { $staff }.
    { $told ->
        [yes] Клиент получил уведомление.
        [business] ⚠️ Клиенту об этом ничего не отправлено. { $why }
       *[other] Уведомить клиента не получилось.
    }
booking-today-title = 📅 Звонки{ $when ->
        [tomorrow] {" "}на завтра
        [yesterday] {" "}вчера
        [past] {""}
        [future] {""}
       *[today] {" "}на сегодня
    }, { $day } ({ $zone }):
booking-today-none = { $when ->
        [tomorrow] Завтра звонков нет.
        [yesterday] Вчера звонков не было.
        [past] В этот день звонков не было.
        [future] В этот день звонков нет.
       *[today] Сегодня звонков нет.
    }
booking-today-usage = /today — звонки на сегодня и кто ждёт ответа; /today завтра, /today пт, /today вчера или /today 5.12 — на другой день.
booking-today-line = { $icon } { $time } — { $name }, { $phone }{ $product }{ $unmarked }
booking-today-now = до { $time } («позвоните сейчас»)
# A call whose time is over and nobody recorded how it went
booking-today-not-marked = не отмечен
booking-today-legend = 🕐 ждёт · ✅ позвонили · 📵 не дозвонились · имя клиента открывает его тему
# Below today's list: the earlier days (of the last week) with calls nobody marked, as the commands that list them
booking-today-unmarked = ⚠️ { $count ->
        [one] Не отмечен { $count } прошедший звонок
        [few] Не отмечены { $count } прошедших звонка
       *[many] Не отмечены { $count } прошедших звонков
    }: { $days }
booking-today-yesterday-command = /today вчера
# Below a day's calls that did not all fit in one message: how many are left out
booking-today-more = …и ещё { $count ->
        [one] { $count } звонок
        [few] { $count } звонка
       *[many] { $count } звонков
    } (не поместились в одно сообщение).
# Below today's list: the clients who wait for the team's answer, the longest waiting first; $working: yes when $waited is the working time of a wait across closed hours, as the alerts count it; long when the wait is a day or more on the clock too, $wall (that span, said beside it)
booking-today-owed-title = 💬 Ждут ответа команды ({ $count }):
booking-today-owed-none = 💬 Ответа команды сейчас никто не ждёт.
booking-today-owed-line = { $mark } { $name } — { $what ->
        [request] новый запрос
       *[message] новое сообщение
    }, ждёт { $working ->
        [long] { $wall } — { $waited } рабочего времени
        [yes] { $waited } рабочего времени
       *[no] { $waited }
    } (с { $since }) · { $lead }
booking-today-owed-just = меньше минуты
booking-today-owed-lead = ведёт { $lead }
booking-today-owed-nobody = никто не ведёт
booking-today-owed-more = …и ещё { $count } — ждут меньше.
# Below who waits for an answer: the open requests answered and quiet since (the client has not written), the longest since the team's last message first;
# $how: answer — the team's last answer was then; settled — nobody answered, the client took their question back then; news — nobody answered, they wrote news that asks nothing then
booking-today-open-title = 💬 Открытые, ждут нашего шага или /close ({ $count }):
booking-today-open-line = { $mark } { $name } — { $how ->
        [settled] ответа не было, клиент сам снял вопрос
        [news] ответа не было, клиент написал без вопроса
       *[answer] последний ответ
    } { $ago } назад ({ $since }) · { $lead }{ $held }
# Beside such a request: follow-ups that wait for it to be closed (their names, as /followups names them)
booking-today-open-held = {" "}· ⏸ ждёт закрытия: { $what }
booking-today-open-more = …и ещё { $count } — ответили позже.

# /offer in a client's topic
booking-offer-client =
    { $name }, менеджер предлагает созвониться. { $named ->
        [yes] Свободное время
       *[no] Ближайшее свободное время
    } ({ $zone }):
    { $times }
    Выберите удобное время по кнопке ниже — там все свободные дни и часы.
booking-offer-day = • { $day }: { $times }
booking-offer-button = 📞 Выбрать время звонка
booking-offer-none = Свободного времени для звонка в ближайшие дни нет — предложите клиенту время сами.
booking-offer-usage = /offer — ближайшее свободное время клиенту; /offer пт, /offer завтра или /offer 11.12 — время на этот день.
booking-offer-day-none = Предложение не отправлено: { $why ->
        [closed] { $day } — нерабочий день.
        [far] { $day } — запись так далеко вперёд ещё не открыта.
        [past] { $day } — этот день уже прошёл.
       *[full] { $day } — свободного времени нет.
    } /offer без дня — ближайшее свободное время.
booking-offer-has-call = Предложение не отправлено: { $kind ->
        [now] клиент просил позвонить сейчас — звонок обещан до { $when }.
       *[on] время звонка клиента уже идёт (с { $when }).
    }
booking-offer-move-client =
    { $name }, менеджер предлагает перенести ваш звонок на другое время (сейчас: { $when }, { $callZone }). { $named ->
        [yes] Свободное время
       *[no] Ближайшее свободное время
    } ({ $zone }):
    { $times }
    Новое время — по кнопке ниже. Если удобно как есть, ничего делать не нужно.
booking-offer-move-button = 🔄 Перенести звонок
booking-offer-move-sent = 📤 Клиенту отправлено предложение перенести звонок ({ $when }):
booking-offer-sent = 📤 Клиенту отправлено предложение звонка:
booking-offer-failed = Не получилось отправить клиенту предложение звонка (возможно, он заблокировал бота).
# The business's zone with the client's own clock beside it (/timezone)
zone-for-reader = { $zone }; у вас { $local }
zone-for-reader-difference = { $zone }; у вас на { $difference } { $ahead ->
        [yes] больше
       *[no] меньше
    }
# The business's zone beside the client's, where times are written on the client's clock (the booking's pickers); $ahead: yes when the client's clock is ahead of ours
zone-yours = ваше время, { $own }; у нас на { $difference } { $ahead ->
        [yes] меньше
       *[no] больше
    }: { $zone }
zone-for-staff = { $zone }; у клиента { $local }
zone-for-staff-difference = { $zone }; у клиента на { $difference } { $ahead ->
        [yes] больше
       *[no] меньше
    }
client-clock = { $when } (у клиента { $local })
booking-staff-slots-zone = Время — по нашему поясу ({ $zone }).{ $night ->
        [theirs] {" "}🌙 — ночь у клиента ({ $hours } по его часам).
        [ours] {" "}🌙 — ночь ({ $hours }): часовой пояс клиента не знаем, считаем по нашему.
       *[no] {""}
    }{ $early ->
        [yes] {" "}🌅 — раннее утро ({ $morning }).
       *[no] {""}
    }

## The client asking about their call in words ("когда мой звонок?")
booking-asked-call =
    { $count ->
        [one] Ваш звонок:
       *[other] Ваши звонки:
    }
    { $calls }
    { $upcoming ->
        [yes] Перенести или отменить — кнопками ниже 👇
       *[no] Новых звонков не запланировано.
    }
booking-asked-no-call = Запланированных звонков у вас нет. Записаться на звонок — кнопкой ниже.
