cmd-r = Шаблоны ответов: /r или /r название
cmd-duty = Дежурство: /duty on или /duty off
cmd-find = Найти клиента: имя, @ник, телефон, слова

# Who is on duty
# $until: when the duty ends, the time the day's hours close ("19:00"), or "day" when it ends with the day
desk-duty-on = 🟢 { $manager } на дежурстве: новые запросы будут приходить по очереди — { $until ->
        [day] до конца дня ({ $day })
       *[other] до { $until }, конца рабочего дня ({ $day })
    }, потом дежурство закончится само.
desk-duty-off = ⚪️ { $manager } больше не на дежурстве.
desk-duty-off-leads = ℹ️ Вы ещё ведёте { $count } { $count ->
        [one] открытый запрос
        [few] открытых запроса
       *[many] открытых запросов
    }. Передать { $count ->
        [1] его
       *[other] их
    } коллеге: /handover и имя коллеги.
# Under it, a line for each client of theirs who waits for the team's answer now: $client, their name opening their topic
desk-duty-off-waits = ⏳ { $client } ждёт ответа с { $since }
desk-duty-off-waits-more = …и ещё { $count } — все, кто ждёт ответа, есть в /today.
desk-duty-list = На дежурстве: { $list }.
desk-duty-nobody = Сейчас никто не на дежурстве: новые запросы видит вся группа, и взять их может любой.
desk-duty-away = не в свои рабочие часы
desk-duty-usage = /duty on — начать дежурство, /duty off — закончить, /duty — кто сейчас дежурит.
desk-assigned-on-duty = 👤 { $manager }, этот запрос ваш — по очереди дежурных.
desk-reassigned = 🔄 Никто не ответил вовремя — передаю запрос дежурному: { $manager }.
desk-owner-reassigned = Запрос передан дежурному: { $manager }.
# The answer time was missed and nobody else is on duty to take the request over: it stays with its lead
desk-sla-lead-stays = 👤 { $manager }, запрос остаётся за вами: передать его некому — других дежурных сейчас нет.
# An answer time missed (or a reminder of a wait) in a request whose lead's duty is over: it is nobody's again (the take button is under it); named, not mentioned — they are off
desk-sla-lead-off-shift = 👤 { $manager } сейчас не на дежурстве: запрос снова общий — возьмите клиента кнопкой ниже.
# A reminder that the client waits, under its first line mentioning $next: the lead's duty is over, the request went to $next, on duty (both named, not mentioned)
desk-wait-passed-off-shift = 🔄 { $manager } сейчас не на дежурстве — запрос передан дежурному: { $next }.

# Closing
desk-close-asked = Клиента спросили, решён ли вопрос. Запрос закроется после его «да» — или сам, если клиент не ответит до { $until }.
desk-close-unasked = Вопрос до клиента не дошёл, ответить на него он не сможет: запрос всё равно закроется сам в срок, указанный выше, если клиент не напишет раньше. Закрыть сейчас: /close force причина
desk-close-force-usage = Чтобы закрыть запрос без вопроса клиенту, напишите причину: /close force договорились по телефону
desk-close-words = Ничего не сделано: /close без слов спрашивает клиента, решён ли вопрос. Закрыть сразу, без вопроса клиенту: /close force { $reason }
desk-closed-force = ✅ Запрос закрыт без подтверждения клиента. Кто закрыл: { $manager }. Причина: { $reason }
# Under it, when someone else than who leads the request closed it: the lead, mentioned
desk-closed-force-lead = 👤 { $lead }, это ваш клиент: запрос закрыт коллегой.
desk-closed-timeout = ✅ Клиент не ответил на «Вопрос решён?» (спросили { $asked }) — запрос закрыт автоматически.
# Under a request that closed by itself, one line per invoice of the client still unpaid
desk-closed-unpaid = 💳 Счёт №{ $id } ({ $amount }) всё ещё не оплачен — закрытие запроса его не закрывает. Если оплата пришла — /paid { $id }.
desk-closed-undelivered = ✅ Вопрос «Вопрос решён?» до клиента не дошёл (отправляли { $asked }), ответить он не мог — запрос закрыт автоматически.

# Saved replies
desk-reply-list = 📋 Шаблоны ответов — нажмите, чтобы отправить клиенту (или /r название):
desk-reply-item = • <b>{ $name }</b> — { $preview }
desk-reply-item-cannot = • <b>{ $name }</b> — { $preview } ⛔ { $why }
desk-reply-none = В файле контента нет шаблонов ответов (раздел replies) — владелец может их добавить.
desk-reply-meant = Может быть, /r { $name }?
desk-reply-unknown = Шаблона «{ $name }» нет. Есть: { $names }.
desk-reply-unknown-more = Шаблона «{ $name }» нет. Есть: { $names } и ещё { $more } — любой из них отправит /r с его названием
desk-reply-cannot = ⚠️ Шаблон «{ $name }» не отправлен: { $why }. Напишите клиенту своими словами.
desk-reply-needs-call = у клиента нет предстоящего звонка
desk-reply-needs-order = у клиента нет неоплаченного счёта
desk-reply-needs-order_due = у счёта клиента нет срока оплаты
desk-reply-needs-order_overdue = срок оплаты счёта клиента уже прошёл
desk-reply-too-long = с данными клиента текст длиннее, чем помещается в одно сообщение
desk-reply-queued = Отправляю клиенту.
desk-reply-pending = Этот шаблон уже отправляется клиенту.
# A saved reply's button pressed again soon after it went (two managers on one list): an alert
desk-reply-recent = «{ $name }» уже ушёл клиенту в { $time } — второй раз не отправляю. Отправить ещё раз: /r { $name }
desk-reply-sent = 📤 Клиенту отправлен шаблон «{ $name }» — { $staff }:
desk-reply-text = <blockquote expandable>{ $text }</blockquote>
desk-reply-buttons = Кнопки: { $buttons }
desk-reply-pay = 💳 Оплатить
# Which invoice a saved reply's Pay button sends, under the copy of the reply in the topic
desk-reply-call-booked = У клиента уже назначен звонок — { $when }: кнопка записи предложит перенести или отменить его.
desk-reply-pays = Кнопка «Оплатить» — счёт №{ $id } ({ $amount }).
desk-reply-pays-newest = Кнопка «Оплатить» — самый новый счёт, №{ $id } ({ $amount }). Не оплачены и другие: { $others }.

# Find a client
desk-find-usage = /find и имя, @ник, телефон, e-mail или слова из переписки (от 3 символов); /find #12 — клиент №12.
desk-find-none = По запросу «{ $query }» никого не найдено.
desk-find-title = 🔎 «{ $query }»: { $count ->
        [one] { $count } клиент
        [few] { $count } клиента
       *[many] { $count } клиентов
    }
desk-find-item = { $n }. { $who } · #{ $id } — { $matched }
desk-find-no-topic = темы ещё нет
desk-find-matched-name = имя
desk-find-matched-username = ник
desk-find-matched-phone = телефон
desk-find-matched-email = e-mail
desk-find-matched-contact = контакты
desk-find-matched-id = номер
desk-find-matched-transcript = в переписке: { $excerpt }
desk-find-matched-note = в заметке: { $excerpt }

# The client writes outside working hours (once per night)
desk-night = Сейчас мы не работаем — вернёмся { $back } ({ $zone }). Ваше сообщение не потеряется: менеджер ответит, как только начнёт работу.
desk-night-unknown = Сейчас мы не работаем. Ваше сообщение не потеряется: менеджер ответит, как только будем на связи.
desk-night-offer = Сейчас мы не работаем — вернёмся { $back } ({ $zone }). Нажмите «{ $button }» — менеджер ответит, как только начнёт работу.
desk-night-offer-unknown = Сейчас мы не работаем. Нажмите «{ $button }» — менеджер ответит, как только будем на связи.
# In a chat with the owner's account that closes to the bot before the team is back: no manager is promised in the owner's name
desk-night-owner = Сейчас мы не работаем — вернёмся { $back } ({ $zone }). Ваше сообщение не потеряется: ответим вам, когда вернёмся.
desk-night-offer-owner = Сейчас мы не работаем — вернёмся { $back } ({ $zone }). Нажмите «{ $button }», и мы ответим вам, когда вернёмся.
# A topic closed by hand while its request is open: the bot reopens it at once, and says why
desk-topic-reopened = 🔓 Тема снова открыта: запрос клиента ещё открыт, а в закрытой теме менеджеры не смогут ему ответить. Вопрос решён — /close.
