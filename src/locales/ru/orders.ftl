# Orders and payments: what the client sees
invoice-title = { $name }, вот ваш счёт №{ $id } 🧾
payment-first-title = { $name }, напоминаю про счёт №{ $id } — вдруг он потерялся среди сообщений.
payment-before-title = { $name }, { $days ->
        [1] завтра
        [one] через { $days } день
        [few] через { $days } дня
       *[other] через { $days } дней
    } срок оплаты счёта №{ $id }.
payment-due-title = { $name }, сегодня последний день оплаты счёта №{ $id }.
# The second and last reminder of an invoice with no due date, days after it
payment-again-title = { $name }, счёт №{ $id } пока не оплачен — напоминаю. Если что-то мешает или нужны другие реквизиты — напишите, вместе найдём решение.
# The due date of another year ends in «г.» ("31 декабря 2026 г."): no full stop right after it
payment-overdue-title = { $name }, срок оплаты счёта №{ $id } был { $due } — если оплата уже в пути, просто нажмите «Я оплатил(а)». Если что-то мешает или нужны другие реквизиты — напишите, вместе найдём решение.
tg-invoice-title = Счёт №{ $id }
tg-invoice-lead = { $name }, вот ваш счёт №{ $id }. Оплатить можно прямо здесь, в Telegram.
payment-overdue-title-telegram = { $name }, срок оплаты счёта №{ $id } был { $due }, оплатить можно кнопкой ниже. Если что-то мешает — напишите, вместе найдём решение.
# The first reminder after the client's own promise to pay ("оплачу в пятницу") has run out
payment-promised-title = { $name }, вы писали, что оплатите счёт №{ $id } — напоминаю на всякий случай.
# Several invoices' reminders due together: one message, a line for each
payment-together-title = { $name }, напоминаю про неоплаченные счета — вдруг они потерялись среди сообщений:
payment-together-promised-title = { $name }, вы писали, что оплатите счета, — напоминаю на всякий случай:
payment-together-item = • Счёт №{ $id }: { $amount }{ $what }
payment-together-due = , оплатить до { $due }
payment-together-overdue = , срок оплаты был { $due }
payment-together-footer = Уже оплатили? Нажмите «Я оплатил(а)» с номером счёта — и напоминания о нём прекратятся.
payment-together-paid-button = ✅ Я оплатил(а) счёт №{ $id }
payment-amount = Сумма: { $amount }
payment-what = За что: { $what }
payment-due-line = Оплатить до: { $due }
payment-how = Как оплатить:
payment-details-missing = Реквизиты пришлёт менеджер. Если их ещё нет — напишите менеджеру.
invoice-footer = Когда оплатите, нажмите «Я оплатил(а)» — мы сверим платёж и подтвердим. Вопросы — менеджеру.
payment-footer = Уже оплатили? Нажмите «Я оплатил(а)» — и напоминания прекратятся.
payment-paid-button = ✅ Я оплатил(а)
payment-reported = Спасибо, { $name }! Передали менеджеру: платёж сверят и подтвердят здесь. Напоминания по этому счёту пока на паузе.
payment-reported-closed = Спасибо, { $name }! Передали менеджеру: платёж сверят. Напоминания по этому счёту пока на паузе.
payment-reported-already = Мы уже проверяем этот платёж.
payment-already-paid = Этот счёт уже оплачен — спасибо!
payment-closed = Этот счёт отменён, оплачивать его не нужно.
payment-refunded = Деньги по этому счёту вернули — оплачивать его не нужно.
# The owner's Business chat is closed to the bot until the client writes there again
payment-again-write-first = Напишите сюда пару слов — и я пришлю счёт №{ $id }.
payment-again-manager = Сейчас не могу прислать счёт №{ $id } в этот чат — менеджер уже знает и пришлёт его.
payment-confirmed = { $name }, оплата по счёту №{ $id } ({ $amount }) получена. Спасибо! 🙌
payment-due-moved = { $name }, новый срок оплаты счёта №{ $id }: { $due }
payment-not-received = { $name }, мы пока не видим оплату по счёту №{ $id }. Так бывает, если деньги ещё в пути — менеджер проверит ещё раз. Если есть вопросы — напишите менеджеру.
payment-not-arrived = { $name }, оплата по счёту №{ $id } ({ $amount }) пока не поступила. Оплата кнопкой под счётом приходит к нам сама — как только она придёт, я сразу напишу вам здесь. Если вы ещё не оплатили, нажмите кнопку оплаты под счётом или кнопку ниже — пришлю счёт снова.
invoice-cancelled-client = Счёт №{ $id } ({ $amount }) отменён — оплачивать его не нужно.

# Orders and payments: what staff see in the client's topic
# $example: a product of the content file with a price (its id), shown when $product is yes; $amount: its price as typed
invoice-usage =
    Как выставить счёт: /invoice <сумма> [срок] [за что]
    { $product ->
        [no] Например: /invoice { $amount } 25.12 Предоплата
       *[other] Например: /invoice { $amount } 25.12 { $example } Предоплата
    }
    Срок — сразу после суммы или в конце: сегодня, завтра, послезавтра, +5 (через 5 дней), в пятницу, до пятницы, 25.12, 15 декабря, 25.12.2026 или 2026-12-25 (/invoice { $amount } Предоплата до пятницы). Первым словом «за что» можно указать id услуги ({ $products }) — подставится название и валюта.
    { $product ->
        [no] Вместо суммы можно написать id услуги с ценой в файле контента — возьмём её цену.
       *[other] Вместо суммы можно написать id услуги: /invoice { $example } 25.12 — возьмём её цену.
    }
invoice-usage-products-more = { $list } и ещё { $more } — полный список в файле контента, раздел products
invoice-error-amount = Не получилось разобрать сумму. Примеры: 45000, 45 000, 45000 руб, 1250.50, 500USD.
invoice-error-amount-zero = Сумма должна быть больше нуля.
invoice-error-amount-small = Счёт на { $amount }? Похоже на опечатку — счёт не выставлен. Меньше { $least } счёт не выставляется: напишите полную сумму, например /invoice 4500.
invoice-error-amount-large = Слишком большая сумма: счёт выставляется не больше чем на 1 000 000 000.
invoice-error-amount-decimals = Слишком много знаков после запятой для этой валюты (у рубля, доллара и евро — два, у иены — ни одного).
# $mark: point or comma, the one typed between the digits ("$12.500", "1,500")
invoice-error-amount-thousands = Три знака после { $mark ->
        [point] точки
       *[comma] запятой
    } — это тысячи? Тысячи — через пробел или слитно: 1 500 или 1500.
invoice-error-currency-twice = В сумме две разные валюты. Оставьте одну, например: 45 000 USD.
# A letter of a scale apart after the amount, before words ("15 К Сайт", "5000 к оплате"): thousands, or a word?
# $typed: the amount and the letter as typed; $amount: what the letter would make it; $number: the number
# typed; $scale: thousand or million; $word: the letter; $example: the line with the currency before the letter
invoice-error-amount-scale = «{ $typed }» — это { $amount }? Счёт не выставлен: { $scale ->
        [million] миллионы пишите слитно ({ $number }млн)
       *[thousand] тысячи пишите слитно ({ $number }к)
    } или цифрами. «{ $word }» как слово — после валюты: { $example }.
# «тг» in a business that bills in another currency: tenge, or Telegram said short («реклама в тг»)?
# $currency: the business's currency by its name and sign; $example: the line with that currency before «тг»
invoice-error-currency-tg = «тг» — это тенге или Telegram? Счёт не выставлен: валюта счетов здесь — { $currency }. Тенге пишите ₸ или «тенге»; «тг» как слово — после валюты: { $example }.
invoice-error-price-from = У этой услуги цена «от» (или не указана) — напишите сумму: /invoice 45000 { $product }
invoice-error-price-free = Услуга { $product } в файле контента бесплатна — выставлять по ней счёт не нужно. Если оплата всё же нужна, напишите сумму: /invoice { $fee } { $product }
invoice-error-stars-product = Услуга { $product } продаётся за Telegram Stars, а сумма без валюты — это не Stars. Счёт по её цене: /invoice { $product }. Другая сумма в Stars: /invoice 200XTR { $product }.
invoice-error-due-past = Эта дата уже прошла — укажите сегодняшнюю или будущую.
invoice-error-due-past-word = «{ $word }» на месте срока оплаты, а срок не бывает в прошлом: счёт не выставлен. Срок — «завтра», «+3» или дата; если это слова для клиента, начните описание с другого слова («Доставка { $word }»).
invoice-error-due-far = Срок больше чем через два года — проверьте дату.
invoice-error-due-invalid = Не получилось разобрать дату. Формат: 25.12, 25.12.2026 или 2026-12-25.
invoice-error-due-unread = «{ $word }…» — не разобрал срок оплаты: счёт не выставлен. Срок — «завтра», «+3», день недели («до пятницы») или дата (25.12); если это слова для клиента, начните описание с другого слова.
invoice-error-due-slash = «{ $word }» — это срок оплаты? Счёт не выставлен. Напишите срок после «срок» или «до» (/invoice 450 до { $word } Лендинг) или с годом; если это слова для клиента (доля суммы), начните описание с другого слова.
invoice-error-due-plus = «{ $word }» — это срок оплаты в днях? Напишите его один раз: сразу после суммы (/invoice 45000 +5 Доработка формы) или в конце со словом «дней» (/invoice 45000 Доработка формы +5 дней). Если это не срок, напишите без плюса.
invoice-error-business-blocked = Счёт не выставлен: клиент пишет в аккаунт владельца (Telegram Business), а бот сейчас не может туда писать.
invoice-error-business-stars = Клиент пишет в аккаунт владельца (Telegram Business), а Telegram не даёт ботам выставлять там счета — в Stars его не оплатить. Выставьте обычный счёт (клиент получит реквизиты) или попросите клиента написать боту.
# $stop: yes when what the invoice is for ends a sentence itself ("тиснение А.Н."): no second dot
invoice-created = 🧾 Счёт №{ $id }: { $amount }{ $what }{ $stop ->
        [yes] {""}
       *[no] .
    } Отправлен клиенту.
# The invoice is a part of the order (job) whose first invoice is $job: the balance after its prepayment
invoice-created-part = 🧩 Часть заказа №{ $job }: /done отметит выполненной работу по всему заказу, и «Как всё прошло?» клиента спросят один раз.
# /invoice that does not say whether it is a part of an order under way: held, and the topic asked ($list: invoice-part-job each); $amount, $what: the held invoice as read
invoice-part-ask = ❓ Счёт ещё не отправлен: { $amount }{ $what }{ $stop ->
        [yes] {""}
       *[no] .
    } У клиента { $count ->
        [1] есть заказ, работа по которому не отмечена выполненной
       *[other] есть заказы, работа по которым не отмечена выполненной
    }: { $list }. Этот счёт — { $count ->
        [1] его часть
       *[other] часть одного из них
    } (например, остаток после предоплаты) или новый заказ?
# An order under way, by its first invoice; $paid: yes or no
invoice-part-job = №{ $id } ({ $amount }{ $what }, { $paid ->
        [yes] оплачен
       *[no] не оплачен
    })
invoice-part-button = 🧩 Часть заказа №{ $id }
invoice-part-new = 🆕 Новый заказ
invoice-part-answered = На этот вопрос уже ответили.
# Answered after the held invoice's due day: nothing is billed
invoice-part-due-past = Срок оплаты этого счёта ({ $due }) уже прошёл — счёт не выставлен. Выставьте его заново с новым сроком.
invoice-created-telegram = 💳 Клиент оплатит прямо в Telegram — оплата отметится сама.
invoice-created-stars = ⭐ Счёт в Telegram Stars: клиент оплатит в Telegram — оплата отметится сама.
invoice-created-details = 🏦 Клиент получил реквизиты и кнопку «✅ Я оплатил(а)»{ $business ->
        [yes] {" "}(в аккаунте владельца счёт в Telegram не выставить)
       *[no] {""}
    }: оплатив, он нажмёт её — подтвердите оплату здесь.
# Telegram refused a provider's invoice for its sum: under its least (about a US dollar) or over its most (about ten thousand) in that currency
invoice-telegram-amount = ⚠️ Telegram не принимает счёт на такую сумму (в любой валюте — примерно от 1 до 10 000 долларов) — клиенту ушли реквизиты и кнопка «Я оплатил(а)».
invoice-telegram-failed = ⚠️ Telegram не принял счёт ({ $reason }) — клиенту ушли реквизиты и кнопка «Я оплатил(а)».
invoice-paid-in-telegram-now = 💳 Клиент нажал «Оплатить» в чате с ботом и получил счёт №{ $id } в Telegram: оплата отметится сама.
invoice-hint-what = Совет: добавьте, за что счёт (/invoice 45000 25.12 Предоплата за лендинг) — так клиенту понятнее, и он платит быстрее.
invoice-hint-language = { $written ->
        [latin] ℹ️ Клиент читает по-русски, а «за что» написано латиницей: так клиент и увидит его в счёте, напоминаниях и /mybookings. Если нужно — отмените счёт и выставьте заново с описанием по-русски.
       *[ru] ℹ️ Бот пишет этому клиенту не по-русски, а «за что» написано по-русски: так клиент и увидит его в счёте, напоминаниях и /mybookings. Если нужно — отмените счёт и выставьте заново с описанием на языке клиента.
    }
invoice-created-due = Срок оплаты: { $due }
# The summary's due date read from the words ending the /invoice line ($words, as typed)
invoice-created-due-end = Срок оплаты: { $due } — прочитан из «{ $words }» в конце строки. Если дата — часть «за что», отмените счёт и выставьте его заново, поставив перед датой «на» или «к»: «доставка на 15.12».
# The summary's due date counted in days from "+5" (or "+5 дней") ending the /invoice line ($words, as typed); $apart: the same with the plus set apart, which is words, as the words without the plus are
invoice-created-due-plus = Срок оплаты: { $due } — «{ $words }» в конце строки прочитано как дни на оплату. Если это часть «за что» (например, количество), отмените счёт и выставьте его заново без плюса или отделив плюс от числа: «{ $apart }».
# The summary's due date after /due moved it ($by: who)
invoice-created-due-moved = Срок оплаты: { $due } (перенесён /due, { $by })
invoice-created-reminders = Напоминания, пока не оплачено: { $list }.
# Under the reminders /invoice planned: what follows the last one
invoice-created-reminders-last = После последнего, если счёт не оплатят, бот напишет об этом сюда.
invoice-created-no-reminders = Напоминаний не будет: они выключены в файле контента (followups.payment_reminders).
# The summary's reminders line while a linked invoice's payment ($paid) holds them (the question about it is below)
invoice-summary-held = ⏸ Напоминания на паузе: оплачен связанный счёт №{ $paid } — ответьте на вопрос ниже.
# The summary's reminders line once they go again (a separate order) with none left to go (cancelled in /followups)
invoice-summary-none-ahead = Напоминаний по нему больше не запланировано.
invoice-not-delivered = ⚠️ Клиенту не доставлено. { $reason } Счёт сохранён.
# One of the client's other unpaid invoices, as the list of them names it
invoice-other = №{ $id } ({ $amount })
# An invoice by its number, in a list of them ("№1 и №2")
invoice-number = №{ $id }
invoice-created-others = ⚠️ У клиента { $count ->
        [1] есть и другой неоплаченный счёт
       *[other] есть и другие неоплаченные счета
    }: { $list }. Если новый { $count ->
        [1] его заменяет, отмените старый
       *[other] их заменяет, отмените старые
    } кнопкой «Отменить счёт» под { $count ->
        [1] ним
       *[other] ними
    }.
invoice-cancel-button = Отменить счёт
invoice-cancel-yes = ✖ Да, отменить счёт
invoice-cancel-keep = ← Не отменять
# The invoice's summary (/invoice's answer) once the invoice is settled: its first line stays, this one replaces the rest. $at: when (day and time); $by: who on the team ("none": nobody named)
invoice-post-cancelled = ✖ Отменён { $at }{ $by ->
        [none] {""}
       *[other] {" "}({ $by })
    }: оплачивать его не нужно, напоминаний не будет.
# $via: staff (/paid, "Оплата пришла"), provider or stars (paid in Telegram, marked by itself)
invoice-post-paid = ✅ Оплачен { $at }: { $via ->
        [provider] клиент оплатил в Telegram, бот отметил это сам
        [stars] клиент оплатил в Telegram Stars, бот отметил это сам
       *[staff] оплату отметили вручную — { $by }
    }. Напоминаний больше не будет.
invoice-post-refunded = ↩️ Оплачен, затем деньги возвращены { $at }{ $by ->
        [none] {""}
       *[other] {" "}({ $by })
    }.
# Two invoices of one client linked when the later was issued while the earlier waited (its summary
# named it as one it may replace), both paid now: the topic and the owners are told. $older, $newer:
# their numbers, issued in that order; $olderHow, $newerHow: how each was paid (stars: /refund, else /refunded)
linked-paid-twice = ⚠️ Возможно, клиент оплатил одно и то же дважды: оплачены и счёт №{ $older } ({ $olderAmount }), и счёт №{ $newer } ({ $newerAmount }) — №{ $newer } выставлен, когда №{ $older } ещё ждал оплаты. Если это один заказ, одну из оплат нужно вернуть: { $olderHow ->
        [stars] /refund
       *[other] /refunded
    } { $older } или { $newerHow ->
        [stars] /refund
       *[other] /refunded
    } { $newer } (возврат оформляет владелец, он уже предупреждён). Если заказы разные — ничего делать не нужно.
owner-linked-paid-twice = ⚠️ Возможно, у клиента { $client } одно и то же оплачено дважды: счёт №{ $older } ({ $olderAmount }) и счёт №{ $newer } ({ $newerAmount }) — №{ $newer } выставлен, когда №{ $older } ещё ждал оплаты. Если это один заказ, верните одну из оплат и отметьте возврат: { $olderHow ->
        [stars] /refund
       *[other] /refunded
    } { $older } или { $newerHow ->
        [stars] /refund
       *[other] /refunded
    } { $newer } (Stars вернёт Telegram по /refund; оплату через провайдера возвращают в его кабинете, переводом — тем же способом, а /refunded её отмечает). Если заказы разные — ничего делать не нужно.
# An unpaid invoice linked to one just paid ($paid): its reminders wait for the team's answer, under it.
# $newer: yes when the unpaid one was issued while the paid one waited (it may be its replacement)
linked-held = ⏸ Счёт №{ $id } ({ $amount }) ещё не оплачен, а связанный с ним счёт №{ $paid } ({ $paidAmount }) только что оплачен: { $newer ->
        [yes] №{ $id } выставлен, когда №{ $paid } ещё ждал оплаты
       *[no] №{ $paid } выставлен, когда №{ $id } ещё ждал оплаты
    }. Напоминания клиенту по счёту №{ $id } приостановлены, чтобы не просить заплатить за одно и то же дважды. Если он больше не нужен — отмените его; если это отдельный заказ — напоминания пойдут дальше.
linked-held-cancel = ✖ Отменить счёт №{ $id }
linked-held-cancel-yes = ✖ Да, отменить счёт №{ $id }
linked-held-resume = 🔔 Это отдельный заказ — напоминать
linked-held-resumed = 🔔 Счёт №{ $id } ({ $amount }) — отдельный заказ: напоминания об оплате снова идут ({ $by }).
# A press on the question once it is answered (resumed, cancelled, or the invoice paid meanwhile)
linked-held-answered = На этот вопрос уже ответили.
invoice-cancelled-staff = Счёт №{ $id } отменён, напоминания остановлены ({ $by }).
invoice-cancel-late = Счёт №{ $id } уже { $status ->
        [paid] оплачен
        [refunded] оплачен и возвращён
       *[other] отменён
    } — отменять нечего.
paid-none = У клиента нет неоплаченных счетов.
paid-choose = Какой счёт оплачен?
# /due: срок оплаты неоплаченного счёта перенесён, напоминания вместе с ним
due-usage = Напишите новый срок: /due 15.01, /due 15 января или /due +10 — если неоплаченных счетов несколько, сначала номер: /due №3 15.01. Напоминания по счёту перенесутся вместе со сроком, клиенту придёт новый срок.
due-not-found = У клиента нет неоплаченного счёта №{ $id }.{ $count ->
        [0] {""}
       *[other] {" "}Неоплаченные: { $list }.
    }
due-choose = У клиента несколько неоплаченных счетов: { $list }. Укажите номер: /due №{ $id } 15.01
due-same = Срок оплаты счёта №{ $id } и так { $due }: ничего не изменилось.
due-moved = 📅 Срок оплаты счёта №{ $id } ({ $amount }) перенесён с { $from } на { $to } ({ $by }); клиенту сообщили.
due-set = 📅 Счёту №{ $id } ({ $amount }) назначен срок оплаты: { $to } ({ $by }); клиенту сообщили.
due-moved-no-reminders = Напоминаний до нового срока не будет: он слишком близко.
# After due-moved: the invoice's summary in the topic was rewritten to the new date
due-summary-edited = Сводка счёта выше исправлена.
paid-done = ✅ Счёт №{ $id } ({ $amount }) оплачен. Клиенту отправлено подтверждение, напоминания остановлены ({ $by }).
paid-done-untold = ✅ Счёт №{ $id } ({ $amount }) оплачен, напоминания остановлены ({ $by }).
client-not-told = ⚠️ Клиенту это не отправлено. { $reason }
paid-confirmation-held = 📨 Подтверждение оплаты бот отправит клиенту сам, как только клиент снова напишет и бот сможет ему ответить.
paid-confirmation-sent-later = 📨 Клиент снова на связи — подтверждение оплаты по счёту №{ $id } ({ $amount }) отправлено ему.
# /paid (or a payment button) on an invoice settled before: since when (paid, or refunded), and nothing changes
paid-already = Счёт №{ $id } уже { $status ->
        [paid] оплачен: { $date }
        [refunded] оплачен и возвращён: { $date }
       *[other] отменён
    }. Ничего не изменено.
paid-not-found = Счёт №{ $id } не найден у этого клиента.
# Under paid-not-found: the invoices the client does have to pay, newest first (invoice-other each)
paid-not-found-unpaid = { $count ->
        [1] Неоплаченный счёт клиента
       *[other] Неоплаченные счета клиента
    }: { $list }.
paid-not-found-none = Неоплаченных счетов у клиента нет.
paid-confirm-request = 💳 Клиент сообщает, что оплатил счёт №{ $id }: { $amount }{ $what }{ $stop ->
        [yes] {""}
       *[no] .
    } Проверьте поступление:
# Under it, when the client said it in words and the topic does not get their message itself
paid-confirm-words = ✍️ Клиент написал: { $words }
# The client wrote again that they paid, while the report still waits for a check
paid-claim-again = 💳 Клиент снова пишет, что оплатил счёт №{ $id } — оплату ещё не проверили: { $words }
paid-claim-not-arrived = 💳 Клиент пишет, что оплатил счёт №{ $id } ({ $amount }), но оплата по нему через Telegram не поступала. Бот ответил клиенту, что оплата пока не пришла, и подсказал, как оплатить. Если клиент оплатил иначе — /paid { $id }.
paid-confirm-yes = ✅ Оплата пришла
paid-confirm-no = ❌ Пока не пришла
paid-rejected-staff = Клиенту ответили, что оплату пока не видим; напоминания продолжатся ({ $by }).
paid-rejected-untold = Оплата не подтверждена, напоминания продолжатся ({ $by }).
paid-rejected-already = По счёту №{ $id } уже отмечено, что оплату пока не видим; напоминания продолжаются.
paid-check-topic = ⏰ Оплату счёта №{ $id } ({ $amount }{ $what }) ещё не проверили: клиент ждёт подтверждения с { $since }. Проверьте поступление:
paid-check-owner = ⏰ Оплату счёта №{ $order } ({ $amount }) ещё не проверили: клиент { $client } ждёт подтверждения с { $since }.
# An unpaid invoice's last automatic reminder went: the bot says nothing more about it
payment-reminders-over = 💳 Счёт №{ $id } ({ $amount }{ $what }) не оплачен: бот отправил клиенту последнее напоминание и больше напоминать не будет — решите, что делать. Если оплата пришла — /paid { $id }.
# The same moment, but the client had blocked the bot: the last reminder never reached them
payment-reminders-over-blocked = 💳 Счёт №{ $id } ({ $amount }{ $what }) не оплачен, а последнее напоминание о нём до клиента не дошло: клиент заблокировал бота. Бот больше напоминать не будет — решите, что делать (например, позвонить, если телефон есть в карточке). Если оплата пришла — /paid { $id }.
done-choose = По какому счёту работа выполнена?
done-choose-unpaid = { $item } · не оплачен
# An order billed in parts in /done's chooser: its first invoice, then the rest ($parts: "№2", "№2 и №3")
done-choose-parts = { $item } + { $parts }
done-order = ✔️ Работа по счёту №{ $id } отмечена выполненной.
# An order billed in parts (a prepayment and its balance): every invoice of it, $ids ("№1 и №2")
done-job = ✔️ Работа по заказу №{ $id } (счета { $ids }) отмечена выполненной.
done-no-order = ✔️ Работа отмечена выполненной.
# /done again: the work was marked done before (when, as the card dates it), and nothing changes
done-already = Работа по счёту №{ $id } уже была отмечена выполненной: { $date }. Ничего не изменено.
done-already-job = Работа по заказу №{ $id } (счета { $ids }) уже была отмечена выполненной: { $date }. Ничего не изменено.
done-already-no-order = Работа уже была отмечена выполненной: { $date }. Ничего не изменено.
done-already-many = Работа по всем счетам клиента уже отмечена выполненной ({ $orders }). Ничего не изменено.
done-already-item = №{ $id } — { $date }
done-checkin = Спросим клиента, как всё прошло: { $date }.
done-checkin-planned = Вопрос «Как всё прошло?» уже запланирован: { $date } — второй раз не добавляем.
done-checkin-over = Вопрос «Как всё прошло?» по этому счёту уже отправлен или снят — второй раз клиента не спросим.
# The client asked in words for no more questions after an order: /done plans none; $date when they asked
done-questions-declined = 🔕 Опросы после заказа не отправляются: клиент просил не писать ({ $date }). Напоминания об оплате и о звонках — как обычно.
done-nps = Вопрос «порекомендуете ли нас» (один раз): { $date }.
done-request-open = ⏸ Пока запрос клиента открыт, эти вопросы подождут: уйдут, когда его закроют (/close).
done-not-found = Счёт №{ $id } не найден у этого клиента (или отменён).
# Under done-not-found: the client's invoices whose work is not marked done yet, newest first (invoice-other each)
done-not-found-open = { $count ->
        [1] Счёт клиента, работа по которому не отмечена
       *[other] Счета клиента, работа по которым не отмечена
    }: { $list }.
done-not-found-none = Счетов, работа по которым не отмечена, у клиента нет.
done-refunded = Счёт №{ $id }: по нему оформлен возврат — работу по нему не отмечаем и клиента о ней не спрашиваем.
# A bare /done on a client whose every invoice was taken back: the work those invoices were for was not "done" for the bot
done-taken-back-one = Счёт №{ $id }: { $status ->
        [refunded] по нему оформлен возврат
       *[other] он отменён
    } — отмечать нечего, и о работе по нему клиента не спросим.
done-taken-back-many = Отмечать нечего: все счета клиента отменены или по ним оформлен возврат ({ $orders }), и о работе по ним клиента не спросим.
done-taken-back-item = №{ $id } — { $status ->
        [refunded] возврат
       *[other] отменён
    }
order-client-gone = Клиент удалил свои данные — отправить ему ничего нельзя.
paid-choose-item = №{ $id } · { $amount }{ $what }
cmd-invoice = Выставить счёт: сумма, срок, за что
cmd-paid = Отметить счёт оплаченным
cmd-due = Перенести срок оплаты счёта
cmd-done = Работа выполнена (потом спросим «как всё прошло?»)
