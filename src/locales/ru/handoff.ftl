cmd-manager = Написать менеджеру
cmd-close = Закрыть запрос (спросить клиента)
cmd-assign = Назначить менеджера
cmd-handover = Передать коллеге всех своих клиентов: /handover имя
cmd-tag = Теги клиента
cmd-card = Показать карточку заново
cmd-move = Перевести клиента в другую группу (владелец)
cmd-note = Внутренняя заметка (или сообщение, начатое с //)
cmd-unsend = Удалить у клиента своё сообщение (ответом на него)

# The client is handed to a person
handoff-opened = { $name }, передаю вас менеджеру вместе со всей нашей перепиской — повторять ничего не нужно. { $who } { $eta } Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.
# The client has no conversation before this message (a first one, or the first after /forget)
handoff-opened-first = { $name }, передаю вас менеджеру. { $who } { $eta } Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.
handoff-already = { $name }, ваш вопрос уже у менеджеров — пишите сюда, все сообщения дойдут. { $who } { $eta }
# A team member asked for a manager in their own chat with the bot (the clients' button, /manager): a request about themselves
handoff-team-own-request = { $created ->
        [yes] 💬 Позвать менеджера — это для клиентов: открыт запрос о вас, как о клиенте, — в рабочей группе появилась тема с вашим именем. Если никто не ответит вовремя, команде придут напоминания, а вам — извинения, как клиенту.
       *[no] 💬 У вас уже открыт запрос о вас самих, как о клиенте, — тема с вашим именем в рабочей группе.
    } Всё, что вы пишете здесь, уходит в эту тему, пока запрос не закрыт (/close в теме). Чтобы посмотреть на бота глазами клиента без своего имени в группе, напишите ему с другого аккаунта Telegram.
# Unanswered past the answer time: no time promised again, the apology's may be gone too
handoff-already-late = { $name }, ваш запрос у нас — пишите сюда, все сообщения дойдут. { $who } Простите, что ответ задерживается: команда знает, что вы ждёте. { $when }
handoff-late-working = Ответим как можно скорее.
# A client back to a request unanswered for days writes again: the team is reminded, and they hear that it is
handoff-late-ack = { $name }, простите, что так долго нет ответа. Ваше сообщение у менеджеров, и команда знает, что вы ждёте.
# A message at a flow's step that went on to the manager with no other word from the bot: once while the question waits
handoff-step-waits = Передали ваше сообщение менеджеру. А вопрос выше всё ещё ждёт вашего ответа.
handoff-late-closed = Сейчас мы не работаем: вернёмся { $back } ({ $zone }) и сразу ответим.
handoff-already-answered = { $name }, вы на связи с менеджером — пишите сюда, все ваши сообщения дойдут.
# A first message of news that asks nothing («Оплатила! пришлю чек вечером»): passed on as a message — no answer time promised, nothing to apologise for later
handoff-news-passed = { $name }, спасибо! Передаю ваше сообщение менеджеру. Если появится вопрос — просто напишите сюда.
# Followed by the ETA ("Ответим до …"): not "ответит" again; no pronoun, as the manager may be anyone
handoff-who-manager = Вашим вопросом займётся { $manager }.
handoff-who-team = Вопросом займётся первый свободный менеджер.
handoff-eta-working = Ответим до { $time } ({ $zone }).
handoff-eta-closed = Сейчас мы не работаем: вернёмся { $back } и ответим до { $time } ({ $zone }).
# The client's chat is the owner's account and closes to the bot before the team's answer time: no time is promised in the owner's name
handoff-eta-closed-owner = Сейчас мы не работаем: вернёмся { $back } ({ $zone }) и ответим вам.
handoff-eta-unknown = Ответим, как только будем на связи.

# SLA missed
handoff-sla-client = { $name }, простите, что заставляем ждать — менеджеры сейчас заняты. Ответим до { $time } ({ $zone }).
handoff-sla-client-closed = { $name }, простите, что не успели ответить до конца рабочего дня. Вернёмся { $back } ({ $zone }) и сразу ответим.
handoff-sla-client-unknown = { $name }, простите, что заставляем ждать. Ответим, как только будем на связи.
# The time the apology gave has passed too, still unanswered, and the team has closed since: when it is back (while it works, nothing: one apology a wait)
handoff-promise-missed-closed = { $name }, простите — к { $time } ответить не получилось, а сейчас мы уже не работаем. Вернёмся { $back } ({ $zone }) и сразу ответим.
# The apology said only when the team is back ($time) and that it answers first thing: that is what is cited
handoff-promise-missed-back-closed = { $name }, простите — мы вернулись в { $time }, но сразу ответить не получилось, а сейчас мы уже не работаем. Ваш вопрос у менеджеров: вернёмся { $back } ({ $zone }) и ответим.
# The apology's last sentence: a call offered, or the one the client booked already
# The request opened with a call asked for («Перезвоните +7 916 …»): remembered, not «book a call»
handoff-sla-call-asked = Вы просили перезвонить — мы помним: менеджер позвонит, как только освободится.
handoff-sla-book = Если удобнее, закажите звонок — перезвоним в выбранное время.
handoff-sla-call-kept = Звонок, который вы заказали, в силе: { $when } ({ $zone }).
handoff-sla-call-late = Мы обещали перезвонить { $when } ({ $zone }) и задерживаемся: позвоним, как только освободимся.

# Closing and rating
handoff-close-question = { $name }, ваш вопрос решён?
handoff-close-yes = Да, решён
handoff-close-no = Нет, ещё нет
handoff-not-solved-client = Поняли — менеджер продолжит. Напишите, что осталось нерешённым.
# A No typed with what is left ("нет, ещё вопрос: …"): not asked to write it again
handoff-not-solved-said = Поняли — менеджер продолжит и ответит на ваш вопрос.
handoff-rate-speed = Спасибо, { $name }! Оцените, пожалуйста, скорость ответа от 1 до 5:
handoff-rate-quality = И качество помощи, от 1 до 5:
# A request closed by the client who rated another within the week: no ratings asked again
handoff-solved-thanks = Рады, что всё решили, { $name }! Если что-то понадобится — пишите, мы рядом.
handoff-rate-thanks = Спасибо за оценку! Если что-то понадобится — пишите, мы рядом.
# A low rating: not a cheerful thanks; what they write next reaches the team (a new request). $good: what
# was good in a mixed rating — the speed or the quality rated well beside the other's low score, or words of
# praise typed with a low score — thanked for before the apology; none: nothing was
handoff-rate-sorry = { $good ->
        [speed] Спасибо за оценку — рады, что ответили вам быстро. А за то, что с самой помощью получилось не так, как вы ждали, простите. Мы передали оценку руководителю. Если напишете, что пошло не так, мы разберёмся.
        [quality] Спасибо за оценку — рады, что смогли помочь. А за то, что ответа пришлось ждать дольше, чем хотелось бы, простите. Мы передали оценку руководителю. Если напишете, что пошло не так, мы разберёмся.
        [words] Спасибо за оценку и за добрые слова — нам очень приятно. А за то, что не всё получилось так, как вы ждали, простите. Мы передали оценку руководителю. Если напишете, что пошло не так, мы разберёмся.
       *[none] Спасибо за честную оценку — и простите, что получилось не так, как вы ждали. Мы передали её руководителю. Если напишете, что пошло не так, мы разберёмся.
    }
# Before the opened request's words, to a client who wrote what went wrong: right under the apology for
# their low rating (`no`: it said sorry already), or with the low score itself, "2, долго ждали" (`yes`:
# no apology came, it is said here, once)
handoff-low-rating-heard = { $sorry ->
        [yes] Простите, что так вышло, и спасибо, что рассказали.
       *[no] Спасибо, что рассказали.
    }

# In the staff group
handoff-claim-button = 🙋 Беру клиента
handoff-claim-taken = Клиента уже ведёт { $manager }. Передать — командой /assign в теме.
handoff-claimed = Клиент ваш.
# The reason most often names the client ("клиент снова написал…"): the headline does not
handoff-topic-opened = 🔔 Новый запрос: { $reason }. Ответить до { $due }.
handoff-topic-assigned = 👤 Клиента ведёт { $manager }.
# Who led the client before, in the notice of a client taken over or handed to a colleague: $previous mentions them (Telegram tells them)
handoff-led-before = До этого — { $previous }.
handoff-topic-taken-over = 👤 Клиента теперь ведёт { $manager }. { handoff-led-before }
# /assign of a colleague: $manager mentions them; $previous, who led the client before (none: nobody, or the one handing them over)
handoff-topic-handed = 👤 { $manager }, клиента передали вам — теперь его ведёте вы. Кто передал: { $by }.{ $previous ->
        [none] {""}
       *[other] {" "}{ handoff-led-before }
    }
handoff-edit-note-stays = ✏️ Это заметка: клиент её не видит, и правка ему не уйдёт. Написать клиенту — новым сообщением.
handoff-edit-kept = ✏️ Правка не передана: у клиента осталось прежнее сообщение. Заметку или команду отправьте новым сообщением, а забрать сообщение у клиента — ответьте на него /unsend.
# An answer taken back with /unsend (or deleted in the owner's Business chat), edited afterwards
handoff-edit-unsent = ✏️ Правка не передана: это сообщение уже удалено у клиента.
handoff-lead-left = 👤 { $manager } больше не в команде — клиента никто не ведёт. Возьмите его:
handoff-topic-closed = ✅ Клиент подтвердил, что вопрос решён. Запрос закрыт.
handoff-topic-closed-earlier = ✅ Клиент подтвердил, что прошлый вопрос решён. Новый запрос открыт и ждёт ответа.
# A late "Not yet" under an earlier request's "Is your question solved?" while a newer request is open: no second request opens
handoff-topic-earlier-not-solved = ⚠️ Клиент ответил, что прошлый вопрос ещё НЕ решён — продолжите его в этом запросе.
# A "Not yet" pressed under the "Вопрос решён?" of a request closed over a week before, while a newer request is open: that request is not reopened; `asked` is when the question was asked
handoff-topic-late-not-yet = ↩️ Ответ клиента на старый вопрос «Вопрос решён?» от { $asked }: «Нет, ещё нет». Тот запрос закрыт и не открыт заново — что осталось нерешённым, клиент напишет здесь или спросите его.
handoff-topic-not-solved = ⚠️ Клиент ответил, что вопрос НЕ решён — продолжите, пожалуйста.
# A manager's answer opened with the name of another client whose request is open: perhaps the wrong topic
handoff-topic-other-name = ⚠️ Сообщение начинается с имени «{ $name }» — так зовут другого клиента с открытым запросом, не этого. Если ошиблись темой — удалите его у этого клиента (ответьте на него /unsend) и напишите тому клиенту в его теме.
handoff-topic-client-wrote = ⚠️ Клиент написал, не ответив на «Вопрос решён?»: запрос снова открыт. Если вопрос решён — /close ещё раз.
handoff-topic-client-asked = ⚠️ Клиент попросил менеджера, не ответив на «Вопрос решён?»: запрос снова открыт. Если вопрос решён — /close ещё раз.
handoff-topic-rated = ⭐ Оценка клиента: скорость { $speed }/5, качество { $quality }/5.
handoff-topic-rated-words = 💬 К оценке клиент добавил: { $words }
# $speed, $quality: "2/5", or "none" for a score not given (never asked, or left unanswered): only what the client gave is named
handoff-topic-rated-low = ⚠️ Низкая оценка клиента: { $speed ->
        [none] качество { $quality }
       *[other] скорость { $speed }{ $quality ->
            [none] {""}
           *[other] , качество { $quality }
        }
    }. Свяжитесь с клиентом и разберитесь, что пошло не так.
# A manager's answer may have been tried and refused (blocked, the owner's chat closed): "nobody answered" would be untrue.
# $reached: when the request reached the group, when it waited on its way there ("none": at once); the minutes count from then
handoff-topic-sla = { $apology ->
        [blocked] ⏰ За { $minutes } мин ответ до клиента так и не дошёл (клиент ждёт с { $opened }{ $reached ->
            [none] {""}
           *[other] , запрос в группе с { $reached }
        }). Клиент заблокировал бота: написать ему отсюда нельзя — свяжитесь по телефону, если он есть в карточке.
        [owner-only] ⏰ За { $minutes } мин ответ до клиента так и не дошёл (клиент ждёт с { $opened }{ $reached ->
            [none] {""}
           *[other] , запрос в группе с { $reached }
        }). Его чат с аккаунтом { $account } для бота сейчас закрыт, и ответ отсюда до него не дойдёт — ответить ему может только владелец аккаунта, из своего Telegram.
       *[other] ⏰ Никто не ответил за { $minutes } мин (клиент ждёт с { $opened }{ $reached ->
            [none] {""}
           *[other] , запрос в группе с { $reached }
        }). { $apology ->
            [now] Клиенту отправлены извинения и новый срок — { $eta }.
            [back] Клиенту отправлены извинения и обещание ответить сразу, как вернёмся ({ $back }); ответить нужно до { $eta }.
            [later] Извинения и новый срок клиент получит в { $at }, когда закончатся тихие часы.
           *[none] Клиенту бот об этом не писал — ответьте ему сами.
        }
    }
# Under the answer-time alert, in a team that does not use /duty: the one who leads the request, mentioned
handoff-topic-sla-lead = 👤 { $manager }, это ваш клиент — ответьте ему.

# The owners told of a client who asked for someone above the team, or complained, in their request (once a request).
# In every owner's alert about a client, $client is the client as the team's lists name them (name, @username, #number), a link to their topic
handoff-owner-escalated = 📣 { $why ->
        [boss] Клиент { $client } просит руководителя.
        [both] Клиент { $client } жалуется и просит руководителя — сообщение в теме клиента.
       *[complaint] Клиент { $client } жалуется — сообщение в теме клиента.
    }
# Two team members answered the same client within a couple of minutes: both messages went out
handoff-topic-answered-too = 👥 Клиенту почти одновременно ответили двое: { $other } и { $manager }. Клиент получил оба сообщения — договоритесь, кто ведёт разговор.
# The client asked for their money back politely (not a complaint): their paid invoices follow, a line each
handoff-topic-refund-asked = ↩️ Клиент просит вернуть деньги — это просьба о возврате, не жалоба. { $paid ->
        [none] Оплаченных счетов у него в боте нет: уточните, о какой оплате речь.
       *[some] Оплачено (вернуть — /refund и номер счёта; от менеджера это просьба владельцу):
    }
handoff-topic-refund-invoice = • счёт №{ $id } — { $amount }: /refund { $id }
handoff-topic-escalated = 📣 { $why ->
        [boss] Клиент просит руководителя
        [both] Клиент жалуется и просит руководителя
       *[complaint] Похоже на жалобу
    } — владельцу сообщено.
# Said to a client who asked for someone above the team: the owner was told
handoff-boss-told = Сообщаю руководителю — он увидит всю нашу переписку.
handoff-boss-knows = Руководитель уже знает о вашем обращении и видит всю нашу переписку.
# $speed, $quality: "2/5", or "none" for a score not given (never asked, or left unanswered): only what the client gave is named
handoff-owner-rated-low = ⚠️ Клиент { $client } — низкая оценка закрытого запроса: { $speed ->
        [none] качество { $quality }
       *[other] скорость { $speed }{ $quality ->
            [none] {""}
           *[other] , качество { $quality }
        }
    }.
owner-checkin-low = ⚠️ Клиент { $client } — оценка заказа { $score } из 5: менеджера уже позвали в тему клиента.
owner-nps-low = ⚠️ Клиент { $client } — { $score } из 10 на вопрос, порекомендует ли нас: менеджера уже позвали в тему клиента.
handoff-owner-sla = ⏰ { $team ->
        [yes] { $client } — человек из команды, пробует бота как клиент из своего чата: его запрос ждёт
       *[no] Клиент { $client } ждёт
    } ответа менеджера дольше { $minutes } мин.
# $back: the client was told only when the team is back ($promised), to be answered first thing
handoff-topic-promise = ⏰ { $lead }, { $back ->
        [yes] клиенту обещали ответить сразу, как вернёмся ({ $promised })
       *[no] клиенту обещали ответ до { $promised }
    } — ответа всё ещё нет (ждёт с { $opened }).
handoff-topic-promise-nobody = ⏰ { $back ->
        [yes] Клиенту обещали ответить сразу, как вернёмся ({ $promised })
       *[no] Клиенту обещали ответ до { $promised }
    } — ответа всё ещё нет (ждёт с { $opened }), и запрос никто не ведёт: возьмите его.
handoff-owner-promise = ⏰ { $back ->
        [yes] Клиент { $client } ждёт с { $opened }: ответить обещали сразу, как вернёмся ({ $promised }), но ответа так и нет.
       *[no] Клиент { $client }: ответа к обещанному времени ({ $promised }) так и нет, ждёт с { $opened }.
    }
# Under a reminder that the client waits, when they blocked the bot since
handoff-topic-client-blocked = 🚫 Клиент заблокировал бота: ответ отсюда до него не дойдёт — свяжитесь по телефону, если он есть в карточке.
handoff-owners-client-blocked = 🚫 Клиент заблокировал бота: ответ из его темы до него не дойдёт — свяжитесь по телефону, если он есть в карточке клиента.
handoff-topic-asked-again = 🙋 { $lead }, клиент снова просит менеджера и ждёт ответа.
handoff-topic-asked-again-nobody = 🙋 Клиент снова просит менеджера и ждёт ответа, а запрос никто не ведёт: возьмите его.
handoff-topic-waiting = ⏰ { $lead }, клиент всё ещё ждёт ответа (с { $opened }).
handoff-topic-waiting-nobody = ⏰ Клиент всё ещё ждёт ответа (с { $opened }), и запрос никто не ведёт: возьмите его.
# The owners' one message of a working day, at its opening: its first line; a handoff-owner-waiting block per client follows
owners-waiting-title = ⏰ Всё ещё { $count ->
        [one] ждёт ответа менеджера { $count } клиент:
        [few] ждут ответа менеджера { $count } клиента:
       *[many] ждут ответа менеджера { $count } клиентов:
    }
handoff-owner-waiting = ⏰ Клиент { $client } всё ещё ждёт ответа менеджера (с { $opened }).
handoff-waiting-invoice-overdue = 💳 Счёт №{ $id } ({ $amount }) просрочен и не оплачен: напоминания клиенту об оплате ждут, пока ему ответят.
handoff-topic-reply-late = ⏰ { $lead }, клиент снова ждёт ответа — уже дольше { $minutes } мин рабочего времени (ждёт с { $since }).
handoff-topic-reply-late-nobody = ⏰ Клиент снова ждёт ответа — уже дольше { $minutes } мин рабочего времени (ждёт с { $since }), и запрос никто не ведёт: возьмите его.
# Said with the alert above: the client was apologised to and told by when they will be answered ($when: time, back — only that we answer when back, none — no time)
handoff-topic-reply-late-told = { $when ->
        [back] Клиенту отправлены извинения и обещание ответить сразу, как вернёмся ({ $at }).
        [none] Клиенту отправлены извинения.
       *[time] Клиенту отправлены извинения и срок — { $at }.
    }
handoff-owner-reply-late = ⏰ Клиент { $client } снова ждёт ответа менеджера — уже дольше { $minutes } мин рабочего времени (ждёт с { $since }).
handoff-topic-blocked = ❌ Не доставлено: клиент заблокировал бота. { $excerpt }
handoff-topic-unsubscribed = 🔕 Клиент отписался от рассылок — бот ответил ему сам. Сообщения о заявке, звонках, заказах и оплате ему по-прежнему приходят.
handoff-topic-unblocked = ✅ Клиент снова на связи: бот разблокирован, и ответы отсюда теперь доходят. Если что-то не дошло — отправьте ещё раз.
# The client settled what they waited for themselves ($by: words — «разобрался», «уже не нужно»; call — booked or moved a call, for a question about a call; zone — set their time zone, for one about it): the wait ends with no alert, the request stays open
handoff-topic-settled = ✔️ { $by ->
        [call] Клиент сам выбрал время звонка — это ответ на его вопрос
        [zone] Клиент сам указал свой часовой пояс — это ответ на его вопрос
       *[words] Клиент сам снял свой вопрос
    }: ответа больше не ждёт, напоминаний не будет. Запрос открыт — написать ему можно как обычно.
# The call the client booked, which had settled their question, they then cancelled: the question waits again
handoff-topic-unsettled = ↩️ Клиент отменил звонок, который сам выбрал, — его вопрос снова ждёт ответа.
# The client blocked the bot (once a block; a failed answer says so in its own line)
handoff-topic-client-blocked-now = ⛔ Клиент заблокировал бота: сообщения отсюда до него не дойдут, пока он его не разблокирует.
handoff-topic-undelivered = ❌ Не доставлено клиенту ({ $reason }). { $excerpt }
handoff-topic-edit-failed = ✏️ Не удалось изменить сообщение у клиента ({ $reason }). Отправьте исправление новым сообщением. { $excerpt }
handoff-topic-client-edited = ✏️ Клиент изменил сообщение (копию выше обновить не удалось: { $reason }). Теперь оно такое: { $text }
# A client's message staff saw only in the history posted to the topic (no copy of its own to edit);
# `before`, `text`: its old and new words, "none" for a file without a caption
handoff-topic-client-edited-history =
    ✏️ Клиент изменил сообщение из переписки выше.
    Было: { $before ->
        [none] без подписи
       *[other] «{ $before }»
    }
    Стало: { $text ->
        [none] без подписи
       *[other] «{ $text }»
    }
handoff-topic-copy-failed = ⚠️ Не удалось переслать сообщение клиента ({ $reason }). В истории: { $excerpt }
handoff-topic-album-partial = ⚠️ Переслано { $sent } из { $total } { $total ->
        [one] части
       *[other] частей
    } альбома — остальные клиент удалил.
handoff-topic-forwarded = ↪️ Переслано от { $name }:
handoff-topic-reply-to-bot = ↩️ В ответ на сообщение бота { $excerpt }:
handoff-topic-written-before = 🕐 { $time } — написано до вашего ответа
handoff-topic-recreated = ♻️ Тема клиента была удалена — бот создал её заново. Карточка и вся переписка — выше.
handoff-topic-resumed = ↻ Пересылка прервалась (бот перезапускался или пропала связь с Telegram): следующее сообщение клиента могло уже прийти выше.
handoff-topic-uncertain = ⚠️ Бот не получил ответа от Telegram при отправке клиенту (перезапуск или обрыв связи) — неизвестно, дошло ли сообщение { $excerpt }. Проверьте и при необходимости отправьте ещё раз.
handoff-topic-deleted-client = Клиент удалил свои данные — сообщения ему больше не доставляются.
handoff-reason-source-gone = сообщение удалено до пересылки
handoff-reason-target-gone = сообщение уже нельзя изменить
handoff-close-already = Клиенту уже задан вопрос «Вопрос решён?» — ждём ответа.
handoff-close-none = У клиента нет открытого запроса.
handoff-assign-usage = Передать клиента коллеге: ответьте /assign на его сообщение или напишите /assign и его имя, как на карточке, @ник или id. Просто /assign — взять клиента себе.
handoff-assign-already = Этого клиента уже ведёт { $manager } — ничего не изменилось.
handoff-assign-unknown = «{ $who }» — такого человека в команде нет. Команда: { $team }.
handoff-assign-absent = ⚠️ { $manager } не состоит в этой рабочей группе: не видит ни темы клиента, ни оповещений в ней. Добавьте в группу — или передайте клиента тому, кто в ней есть.
# Under the team's list: those in it the bot knows no name of yet ($who: "id 100001, id 100003"; $several: yes for more than one; $id: the first one's id); $command: the command typed (assign, handover)
handoff-assign-unnamed = ℹ️ { $several ->
        [yes] Имён { $who } бот пока не знает: они появятся, когда эти люди напишут что-нибудь в рабочей группе или в чате с ботом.
       *[no] Имени { $who } бот пока не знает: оно появится, когда этот человек напишет что-нибудь в рабочей группе или в чате с ботом.
    } До тех пор — по id: /{ $command } { $id }.
handoff-assign-ambiguous = «{ $who }» — в команде таких несколько: { $matches }.
handoff-assign-team-more = { $list } и ещё { $more }
# /handover, anywhere in a staff group: every open request the sender leads passes to a colleague
handoff-handover-usage = Передать всех своих клиентов коллеге: /handover и имя, как на карточке, @ник или id — или ответьте /handover на сообщение коллеги.
handoff-handover-self = Передать клиентов себе же нельзя: напишите /handover и имя коллеги.
handoff-handover-none = Открытых запросов, которые ведёте вы, нет — передавать нечего.
# What a client handed to a colleague waits for (/assign's notice, /handover's topic lines and summary): $pending waiting (the request's first answer, or the one to their message since the last answer; $due the time to answer by), late ($due passed: the topic's 🔴), undated (no time to answer by: no working time ahead)
handoff-handed-waits = { $pending ->
        [waiting] ⏳ клиент ждёт ответа с { $since }, ответить до { $due }
        [late] 🔴 клиент ждёт ответа с { $since }, не ответили до { $due }
       *[undated] ⏳ клиент ждёт ответа с { $since }
    }
# In each client's topic, naming the colleague without mentioning her (the summary does, once); $pending: none, or what the client waits for (handoff-handed-waits)
handoff-topic-handed-over = 👤 Клиента передали: теперь его ведёт { $manager } (кто передал: { $by }){ $pending ->
        [none] {""}
       *[other] {" "}· { handoff-handed-waits }
    }
# The summary where /handover was typed: $manager mentions the colleague; the clients' lines follow
handoff-handover-done = 🤝 { $manager }, { $by } передаёт вам { $count ->
        [1] своего клиента — теперь его ведёте вы:
       *[other] { $count } { $count ->
            [one] своего клиента
           *[other] своих клиентов
        } — теперь их ведёте вы:
    }
# $client: their name opening their topic; $pending: none, or what they wait for (handoff-handed-waits)
handoff-handover-item = • { $client }{ $pending ->
        [none] {""}
       *[other] {" "}— { handoff-handed-waits }
    }
# Under the summary: the clients $manager handed the sender ($by) less than $minutes ago stay with her (two /handovers crossed); their lines follow
handoff-handover-kept = ↩️ Обратно не { $count ->
        [1] передаётся клиент, которого
       *[other] передаются клиенты ({ $count }), которых
    } передали меньше { $minutes } мин назад (кто передал: { $manager }): { $count ->
        [1] его
       *[other] их
    } по-прежнему ведёт { $by }. Вернуть — /assign в теме клиента:
handoff-handover-more = …и ещё { $count } — их список в темах.
handoff-handover-absent = ⚠️ { $manager } не состоит в этой рабочей группе: не видит ни тем клиентов, ни оповещений в них. Добавьте в группу — или передайте клиентов тому, кто в ней есть.
handoff-tag-unchanged = Теги не изменились. Сейчас: { $tags }
handoff-tag-usage = /tag vip опт — добавить теги, /tag -опт — убрать (буквы, цифры, _ и -). Сейчас: { $tags }
handoff-tags-more = { $tags } и ещё { $more }
handoff-note-usage = Напишите заметку после команды: /note текст — или начните сообщение с //. Клиент её не увидит.
handoff-unknown-command = Такой команды нет. { handoff-topic-commands }
# What a client's topic takes: said under a typo there, and under a command of another place typed there
handoff-topic-commands = В теме клиента: /r, /close, /assign, /tag, /card, /note, /unsend, /offer, /call, /invoice, /paid, /done, /followups, /duty, /handover, /find, /today; начните сообщение с //, чтобы оставить заметку.

handoff-reason-asked = клиент попросил менеджера
handoff-reason-trigger = { $detail ->
        [none] в сообщениях клиента слова недовольства
       *[other] клиент написал «{ $detail }» — похоже на недовольство
    }
handoff-reason-quiz_no_match = квиз ничего не подобрал
handoff-reason-discovery_detailed = клиент хочет обсудить подробно
handoff-reason-nps_detractor = низкая оценка NPS (0–6)
# `request`: what the client wrote right under the apology for their low rating of a request;
# `none`: a low rating (a check-in's); any other: the words a low score of a request was typed with
handoff-reason-low_rating = { $detail ->
        [none] низкая оценка
        [request] клиент объясняет низкую оценку прошлого запроса
       *[other] клиент низко оценил прошлый запрос и написал: «{ $detail }»
    }
handoff-reason-not_solved = клиент ответил, что вопрос не решён, уже после закрытия запроса
# `not_yet`: the client pressed "Not yet" under a "Вопрос решён?" of a request closed over a week before
handoff-reason-returned = { $detail ->
        [not_yet] клиент вернулся после закрытого запроса — нажал «Нет, ещё нет» под старым вопросом «Вопрос решён?»
       *[other] клиент снова написал после закрытого запроса
    }
handoff-reason-reply = { $detail ->
        [none] клиент ответил на сообщение бота
       *[other] клиент ответил на сообщение бота: «{ $detail }»
    }
handoff-reason-question = { $detail ->
        [none] клиент написал вопрос, на который у бота нет ответа
       *[other] клиент написал: «{ $detail }»
    }
handoff-reason-business = клиент написал в аккаунт владельца (Telegram Business)
handoff-reason-business_owner = владелец сам написал клиенту из своего аккаунта Telegram (Business)
handoff-reason-refund = клиент просит вернуть деньги
# A first message of news that asks nothing («Оплатила! пришлю чек вечером»): passed on as a message, no answer time
handoff-reason-news = { $detail ->
        [none] клиент написал без вопроса — ответа не ждёт
       *[other] клиент написал без вопроса — ответа не ждёт: «{ $detail }»
    }
# A photo, a voice message, a file… sent outside any flow, which the bot cannot read: it follows in the conversation
handoff-reason-file = { $detail ->
        [voice] клиент прислал голосовое сообщение
        [video_note] клиент прислал кружок
        [photo] клиент прислал фото
        [video] клиент прислал видео
        [audio] клиент прислал аудио
       *[other] клиент прислал файл
    } — бот такое не разбирает, смотрите в переписке ниже

# The client card
handoff-card-address = обращаться: { $name }
# On the card of a team member's own request (they asked for a manager in their own chat with the bot)
handoff-card-team = 🧪 Из команды ({ $role ->
        [owner] владелец
       *[manager] менеджер
    }): пробует бота как клиент — это не запрос клиента
handoff-card-profile = профиль
handoff-card-meta = 🆔 #{ $id } · язык: { $language } · этап: { $stage } · с нами с { $since }
handoff-card-source = 📍 источник: { $source }
handoff-card-source-business = 📍 источник: аккаунт владельца (Telegram Business)
handoff-card-source-referral = 📍 источник: приглашение другого клиента
handoff-card-referrer = кто пригласил: { $who }
handoff-card-consent-granted = ✅ рассылки: согласие дано { $granted }
handoff-card-consent-withdrawn = 🚫 рассылки: согласие отозвано { $withdrawn } (было дано { $granted })
handoff-card-consent-declined = ▫️ рассылки: отказ { $declined }
handoff-card-consent-not-answered = ▫️ рассылки: спросили, ответа пока нет
handoff-card-consent-not-asked = ▫️ рассылки: ещё не спрашивали
handoff-card-blocked = ⛔ заблокировал бота ({ $at })
# The client asked in words for no more questions after an order; $date when
handoff-card-questions-declined = 🔕 опросы после заказа: клиент просил не писать ({ $date })
handoff-card-tags = 🏷 { $tags }
handoff-card-request-open = 💬 <b>Запрос открыт</b> { $opened }: { $reason }
handoff-card-request-closing = 💬 <b>Ждём подтверждения «вопрос решён»</b> (открыт { $opened }: { $reason })
handoff-card-answered = ✔️ первый ответ { $at } ({ $minutes ->
        [0] меньше чем через минуту
       *[other] через { $after }
    }{ $working ->
        [none] {""}
       *[other] ; рабочего времени — { $working }
    })
handoff-card-waiting = ⏳ ждёт ответа — ответить до { $due }
handoff-card-waiting-no-due = ⏳ ждёт ответа
handoff-card-late = 🔴 ждёт ответа — не ответили до { $due }
# Nobody answered, and nothing is owed: the client settled it themselves at $at, or it opened with news alone ($how)
handoff-card-settled = ✔️ ответа не ждёт — { $how ->
        [news] написал без вопроса
       *[settled] клиент сам снял свой вопрос { $at }
    }
# Answered, the client waiting again on their message since $since (a follow-up), due by $due
handoff-card-waiting-again = ⏳ снова ждёт ответа с { $since } — ответить до { $due }
handoff-card-late-again = 🔴 снова ждёт ответа с { $since } — не ответили до { $due }
handoff-card-manager = 👤 ведёт: { $manager }
# A new topic's first card of a request the duty rota gave someone: $manager mentions them (the post notifies them)
handoff-card-manager-on-duty = 👤 ведёт: { $manager } — { $own ->
        [yes] постоянный менеджер клиента, на дежурстве
       *[no] по очереди дежурных
    }
handoff-card-no-manager = 👤 менеджер не назначен
handoff-card-client-zone = 🕐 часовой пояс клиента: { $zone }
handoff-card-via-business = 💼 пишет в аккаунт владельца (Telegram Business): ответы отсюда уходят туда, от имени аккаунта
handoff-card-via-business-closed = 💼 пишет в аккаунт владельца (Telegram Business), но ответ отсюда сейчас до него не дойдёт. { $why }
handoff-card-no-request = 💬 открытых запросов нет
handoff-card-discovery = 📝 <b>Ответы</b>
handoff-card-quiz = 🎯 <b>Квиз</b> ({ $at }): { $outcome } — { $top }
handoff-card-quiz-match = подобрано
# The points the client's answers gave a product (the content file's quiz weights)
handoff-card-quiz-points = { $score } { $score ->
        [one] балл
        [few] балла
        [other] балла
       *[many] баллов
    }
handoff-card-quiz-tie = несколько равных вариантов
handoff-card-quiz-no_match = ничего не подошло, ближе всего
# A quiz take the client stopped before its end (asked for a manager at a question): the answers so far
# follow, so nobody asks them again. $answered: answers given; $total: the quiz's questions
handoff-card-quiz-unfinished = 🎯 <b>Квиз не закончен</b>: { $answered } из { $total } { $total ->
        [one] ответа
       *[other] ответов
    }
handoff-card-rejected = 👎 отклонил: { $products }
handoff-card-bookings = 📞 <b>Звонки</b>
handoff-card-booking-booked = записан
handoff-card-booking-cancelled = отменён
handoff-card-booking-called = состоялся
handoff-card-booking-no_answer = не дозвонились
# A booked call whose time is over with no outcome recorded: someone has to say how it went
handoff-card-booking-unmarked = время прошло, итог не отмечен
# What the client wrote for whoever calls, when booking (shortened; the booking notice has it whole)
handoff-card-booking-comment = 💬 «{ $comment }»
handoff-card-orders = 🧾 <b>Заказы</b>
handoff-card-order-unpaid = не оплачен
handoff-card-order-paid = оплачен
handoff-card-order-paid-provider = оплачен в Telegram
handoff-card-order-paid-stars = оплачен в Telegram Stars
handoff-card-order-refunded = оплата возвращена
handoff-card-order-cancelled = отменён
handoff-card-order-done = ✔️ выполнен { $date }
handoff-card-order-due = срок { $due }
handoff-card-history = 🗂 Прошлых запросов: { $count }
# $count: how many scores the list has; one needs no order said
handoff-card-ratings = ⭐ { $list }{ $count ->
        [1] {""}
       *[other] {" "}(сначала новые)
    }
handoff-card-feedback-checkin = как прошло
handoff-card-feedback-csat = CSAT
handoff-card-feedback-nps = NPS
handoff-card-feedback-ces = CES
handoff-card-feedback-handoff_speed = скорость
handoff-card-feedback-handoff_quality = качество
handoff-card-followups = ⏰ <b>Запланировано</b>
handoff-card-followups-more = …и ещё { $more } — весь список: /followups
handoff-card-nudge-when = { $when }, или позже, если клиент сделает шаг раньше
handoff-card-notes = 🗒 <b>Заметки</b>
handoff-card-updated = обновлено { $at }

# The transcript
# What the conversation holds: its messages in the client's chat (theirs, the bot's, the team's),
# and apart from them the buttons the client pressed, which are lines of it but no messages
handoff-transcript-size = { $messages ->
        [0] {""}
        [one] { $messages } сообщение
        [few] { $messages } сообщения
       *[many] { $messages } сообщений
    }{ $presses ->
        [0] {""}
       *[other] { $messages ->
            [0] {""}
           *[other] {" "}и{" "}
        }{ $presses } { $presses ->
            [one] нажатие кнопки
            [few] нажатия кнопок
           *[many] нажатий кнопок
        }
    }
handoff-transcript-title = 📜 Переписка с клиентом ({ $size })
handoff-transcript-document = 📜 Переписка с клиентом: { $size } — откройте файл в браузере.
handoff-transcript-client = Клиент
handoff-transcript-bot = Бот
handoff-transcript-manager = Менеджер
# After a message of the history that was deleted in the client's chat (an answer taken back with /unsend, or deleted in the owner's Business chat)
handoff-transcript-deleted = (🗑 удалено в чате клиента)

# /unsend, replied to a staff answer in the client's topic (or to the post that shows a saved reply went out): said under that answer
handoff-unsend-done = 🗑 Удалено у клиента.
# Under it, when that was the only answer of the open request: it waits for its first answer again (the answer time, /today and /stats read so)
handoff-unsend-unanswered = ⏳ Это был единственный ответ на запрос: он снова ждёт первого ответа — с { $opened }.
handoff-unsend-usage = 🗑 Чтобы удалить у клиента своё сообщение, ответьте на него командой /unsend.
# $what: what the message replied to is; $id: the invoice's number, with an invoice's summary (invoice-paid: paid, so only a refund undoes it)
handoff-unsend-not-answer = 🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а { $what ->
        [client] это сообщение самого клиента
        [note] это заметка: клиент её не видел
        [team] это сообщение бота для команды: у клиента его нет
        [bot] это бот сам написал клиенту
        [command] это сообщение бота, ушедшее клиенту по команде (например, предложение звонка, запись или перенос звонка). Если оно ушло по ошибке, напишите клиенту об этом новым сообщением, а запись на звонок, если она есть, отмените
        [invoice] это сводка счёта для команды. Чтобы отозвать неоплаченный счёт, отмените его кнопкой под сводкой — клиенту придёт, что счёт отменён
        [invoice-paid] это сводка оплаченного счёта для команды: отменить его уже нельзя. Если деньги нужно вернуть — /refund { $id } (от менеджера это просьба владельцу)
        [invoice-cancelled] это сводка счёта для команды: счёт уже отменён, отзывать нечего
        [invoice-refunded] это сводка счёта для команды: деньги по нему уже возвращены, отзывать нечего
       *[other] это сообщение клиенту не отправлялось
    }.
handoff-unsend-owner-own = 🗑 Это сообщение владелец написал клиенту сам, из своего Telegram: удалить его может только он — там же.
handoff-unsend-not-theirs = 🗑 Не удалено: это ответ коллеги ({ $author }). Удалить его у клиента может только автор или владелец.
handoff-unsend-already = 🗑 У клиента это сообщение уже удалено.
handoff-unsend-undelivered = 🗑 Удалять нечего: до клиента это сообщение не дошло (почему — в теме выше).
handoff-unsend-too-old = 🗑 Не удалено: Telegram даёт удалить сообщение только в первые 48 часов, а это отправлено раньше. Если оно ушло по ошибке — напишите клиенту об этом новым сообщением.
# Telegram does not tell a bot when a person deletes a message in its chat: found out only now
handoff-unsend-gone = 🗑 У клиента этого сообщения уже нет: он удалил его сам.
handoff-unsend-owner-only = 🗑 Не удалено: клиент пишет в аккаунт владельца ({ $account }), а { $why ->
        [off] бот сейчас не подключён к этому аккаунту
       *[right] у бота там нет права удалять сообщения
    }. Удалить сообщение может только владелец аккаунта — в своём Telegram.
handoff-unsend-failed = 🗑 Не удалось удалить у клиента: { $reason }.
handoff-media-photo = фото
handoff-media-animation = GIF
handoff-media-document = файл
handoff-media-video = видео
handoff-media-video_note = кружок
handoff-media-voice = голосовое
handoff-media-audio = аудио
handoff-media-sticker = стикер
handoff-media-venue = место
handoff-media-location = геопозиция
handoff-media-contact = контакт
handoff-media-poll = опрос
handoff-media-dice = кубик
handoff-media-invoice = счёт Telegram
handoff-media-button = кнопка
handoff-media-copy = сообщение

# A line from another feature (follow-ups) in the topic, already in the staff language
staff-bridge-line = { $text }
handoff-topic-failed = ⚠️ Клиент { $client }: не удалось создать для него тему — его сообщения не попадут в группу. Напишите клиенту напрямую (контакты в /export { $id }).
handoff-topic-moved = ➡️ Клиент переведён в группу №{ $group }: дальше переписка там.
handoff-topic-moved-here = ⬅️ Клиент переведён сюда из другой группы: выше вся переписка с ним.
handoff-erased-topic = ⚠️ Клиент удалил свои данные (/forget): тема больше ни с кем не связана — отсюда ничего не уходит, команды клиента здесь не работают.
handoff-left-topic = ⚠️ Не отправлено: клиент переведён в группу №{ $group }, отсюда ему ничего не уходит. Пишите в его теме там.
handoff-move-usage = Как перевести клиента: /move &lt;номер группы&gt;. Группы: { $groups }
handoff-move-one-group = Переводить некуда: рабочая группа одна. Чтобы делить клиентов между группами (по языкам, услугам), добавьте группы в STAFF_GROUP_IDS в .env и перезапустите бота.
handoff-move-same = Клиент уже в этой группе.
handoff-move-owner-only = Переводить клиентов между группами может только владелец.

# When the team is back ($back above): backAt() in src/format.ts; in the small hours a time later that day by its part of the day (morning, afternoon, evening), not "today"
back-at = { $day ->
    [today] сегодня в { $at }
    [morning] утром, в { $at }
    [afternoon] днём, в { $at }
    [evening] вечером, в { $at }
    [tomorrow] завтра в { $at }
   *[later] { $date } в { $at }
}
# A client promised to pay ("сейчас оплачу") after their request closed: no new request; $words quoted
handoff-pay-promise = 💳 Клиент пишет, что оплатит (счёт №{ $id } не оплачен): { $words }
# Under it: the promise puts the invoice's reminders off until the morning after the day it names
handoff-pay-promise-until = ⏸ Напоминания об оплате по нему — не раньше { $until }.
# News that needs no answer written after the request closed («Получила посылку», «скину фото завтра»): shown to the team, no request opened; $words: the client's words
handoff-news-after-close = 📨 Клиент написал после закрытого запроса — это новость, ответа она не ждёт, и запрос не открыт: { $words }
# Клиент в обращении просит оплатить позже: какие напоминания по счёту ещё запланированы и как перенести срок
pay-later-asked = 📅 Срок оплаты счёта №{ $id } ({ $amount }) — { $due }; напоминания по нему идут по этому сроку:
pay-later-asked-undated = 📅 У счёта №{ $id } ({ $amount }) нет срока оплаты; напоминание по нему ещё придёт:
pay-later-reminder = • { $when } — { $what }
pay-later-reminder-held = • { $what } (когда клиенту ответят)
pay-later-move = Договорились о другом сроке? { $several ->
        [yes] /due №{ $id } 15.01
       *[no] /due 15.01
    } переносит срок оплаты и напоминания и сообщает клиенту новый срок.
