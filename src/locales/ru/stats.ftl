# $periods: the periods /stats takes, "/stats 7d, /stats 30d или /stats 90d"; $words: a word for each day and period ("сегодня, вчера, неделя…"); $days: a /stats with none
stats-usage = Период: { $periods } — или словом: { $words } (по умолчанию { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }).
# The owner's /help line of /stats, after "/stats — ": $periods "7d, 30d или 90d", the rest as in stats-usage
help-stats = Статистика: /stats { $periods } (без периода — { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }), можно и словом: { $words }
stats-working = Считаю статистику — это может занять немного времени. Бот тем временем отвечает клиентам.
stats-title = 📊 Статистика за { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } ({ $range })
# A day of the business: $day today | yesterday; $range from its midnight, "23 нояб., 0:00 – 16:05"
stats-title-day = 📊 Статистика за день ({ $day ->
        [today] сегодня
       *[yesterday] вчера
    }, { $range })
# A day's funnel in counts (its shares need weeks: stats-day-left-out); $steps: "Анкета — 4, Квиз — 3, …"
stats-day-funnel = Воронка: начали за день — { $started }; из них дошли до шага или дальше: { $steps }
# Under a day's report: what it leaves out, and where to read it
stats-day-left-out = ℹ️ За день нет долей шагов воронки, удержания покупателей и графика: клиенты доходят до оплаты и возвращаются за дни и недели — смотрите /stats 7d и дольше.
stats-funnel-title = Воронка: сколько из начавших за период дошли до каждого шага (пошедшие дальше, не закончив шаг, — тоже)
stats-chart-funnel = Воронка: дошли до шага или дальше
# No client started in the period: every step would be "0 (— …)"
stats-funnel-none = Воронка: новых клиентов за период не было — считать шаги не от кого.
stats-funnel-first = { $step } — { $clients }
stats-funnel-step = { $step }: дошли сюда или дальше — { $clients } ({ $previous } от предыдущего шага, { $start } от старта){ $skipped ->
        [0] {""}
       *[other] { $did ->
            [0] ; этот шаг никто из них не закончил: пошли дальше без него (пропустили или начали и бросили)
           *[other] ; из них сами закончили этот шаг — { $did }
        }
    }
stats-step-start = Старт
stats-step-discovery = Анкета
stats-step-quiz = Квиз
stats-step-engaged = Запись / менеджер
stats-step-paid = Оплата
stats-step-reviewed = Переход к отзыву
# Clients, as the funnel counts; the requests line below counts requests (a client may make several)
stats-funnel-split = (клиенты: записались на звонок — { $booked }, переданы менеджеру — { $handed }, из них хоть раз получили ответ в срок — { $inSla })
# Two periods in one line, said so: calls booked in the period, and what came of the calls whose time fell in it
# $measured: yes when some call was held or missed, and $rate (the missed share of those) means something
# $unmarked: due, and nobody marked it with the reminder's buttons, named by $markCalled and $markMissed
stats-bookings = 📞 Звонки: записались за период — { $made }; из назначенных на период: состоялось { $called }, клиент не ответил — { $noshows }{ $measured ->
        [yes] {" "}({ $rate } от состоявшихся и пропущенных)
       *[no] {""}
    }, отменено { $cancelled }{ $unmarked ->
        [0] {""}
       *[other] , итог не отмечен — { $unmarked } (никто не нажал «{ $markCalled }» или «{ $markMissed }»)
    }
stats-bookings-none = 📞 Звонков за период не было: никто не записался, и на этот срок ничего не назначено.
# The reply times only with an answer, the share in time only with a deadline passed ($due): "медиана —" and "0 из 0 — —" read as broken
stats-handoffs = 💬 Обращения к менеджеру, открытые за период: { $opened }, ответили { $answered }{ $answered ->
        [0] {""}
       *[other] ; первый ответ (в рабочее время): медиана { $median }, 90% — за { $p90 }
    }{ $due ->
        [0] {""}
       *[other] ; в срок (свой у каждого обращения; сейчас { $sla } мин рабочего времени): { $within } из { $due } — { $pct }
    }
stats-handoffs-none = 💬 Обращений к менеджеру за период не было.
# Counted by when they closed, not opened: one opened before the period counts here, not above
stats-closures = ✅ Закрыто запросов за период, включая открытые раньше: клиент подтвердил «вопрос решён» — { $client }; закрыты автоматически, потому что клиент не ответил на «Вопрос решён?» — { $timeout }; закрыл сотрудник, не спросив клиента — { $staff }
# Follow-up waits gone late in the period ($waits): a client wrote again in an answered request and nobody answered within the answer time;
# $of: every follow-up wait of the period, gone late or not (the base, as "in time: 3 of 4" above); both 0: none at all;
# $from: "none", or since when they are kept (after the period's start: older waits were not)
stats-replies-late = ⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: { $of ->
        [0] ни разу
       *[other] { $waits } из { $of } { $of ->
            [one] раза
           *[other] раз
        }
    }{ $from ->
        [none] {""}
       *[other] {" "}(считается с { $from }: раньше такие ожидания не сохранялись)
    }
stats-surveys = ⭐ Оценки после заказа: { $list }
stats-survey-csat = средняя оценка { $csat } из 5 (CSAT), довольны { $satisfied }, оценок: { $n }
stats-survey-nps = готовность рекомендовать { $nps } (NPS), оценок: { $n }
stats-survey-ces = усилия клиента { $ces } (CES: чем меньше, тем легче), оценок: { $n }
stats-surveys-none = ⭐ Оценок после заказа за период не было.
stats-surveys-none-answers-rated = ⭐ Оценок после заказа за период не было; ответы менеджеров клиенты оценили — ниже.
# Paying customers, not the funnel's clients; $measured: yes when there were some at the start, so $crr and $churn mean something; $returned: customers back after a silence past followups.reengage_after_days (not in $crr)
stats-retention = 🔁 Удержание покупателей: на начало периода { $start }, на конец { $end }, из них новых { $new }{ $returned ->
        [0] {""}
       *[other] , вернувшихся после перерыва { $returned }
    }{ $measured ->
        [yes] ; из тех, кто был на начало, остались { $crr } (CRR), ушли { $churn }.
       *[no] .
    }
stats-retention-history = Удержание по периодам: { $values }
stats-managers-title = 👥 Менеджеры
# The requests line above counts every request; the managers' only those a manager led: with requests but none led, "no requests" here read as contradicting it
stats-managers-none = { $requests ->
        [0] За период обращений не было.
       *[other] Никто из менеджеров не вёл обращений за период.
    }
# $late: what of their requests went late before they answered, "none" or stats-manager-late and stats-manager-unclaimed joined;
# $repliesLate: follow-up waits gone late in the period in requests they led (a client wrote again after an answer); $repliesOf: all of their follow-up waits of the period
stats-manager = • { $name }: обращений { $handoffs }{ $late ->
        [none] {""}
       *[other] {" "}(из них { $late })
    }, медиана ответа { $median }, в срок { $pct }{ $repliesLate ->
        [0] {""}
       *[other] , клиенты писали снова после ответа и ждали дольше срока — { $repliesLate } из { $repliesOf } { $repliesOf ->
            [one] раза
           *[other] раз
        }
    }, { $rated ->
        [0] оценок ответов нет
        [one] оценки ответов: скорость { $speed }, качество { $quality } — по { $rated } обращению
       *[other] оценки ответов: скорость { $speed }, качество { $quality } — по { $rated } обращениям
    }
# Requests a colleague let go late (led them at the deadline) that this one answered; $median: working time from going late to the answer
stats-manager-late = { $n } { $n ->
        [one] пришло уже просроченным: ответ через { $median } после просрочки
       *[other] пришли уже просроченными: ответ через { $median } после просрочки, медиана
    }
# Requests that went late with nobody leading them (nobody took them from the group) that this one answered: not "arrived late", they waited in the group
stats-manager-unclaimed = { $n } { $n ->
        [one] ждало в группе: к сроку его никто не взял, ответ через { $median } после срока
       *[other] ждали в группе: к сроку их никто не взял, ответ через { $median } после срока, медиана
    }
stats-managers-late-note = Просроченное обращение — промах того, у кого оно было к сроку; у того, кому оно досталось позже, оно не учитывается ни в медиане, ни в доле «в срок».
stats-managers-unclaimed-note = Обращение, которое к сроку никто не взял, — промах команды: оно в доле «в срок» строки «Обращения» выше, а у ответившего не учитывается ни в медиане, ни в доле «в срок».
stats-chart-title = { $business } · { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
stats-chart-facts = Главное
stats-chart-response = Первый ответ (рабочее время): медиана / 90%
stats-chart-sla = Ответ в срок (сейчас { $sla } мин рабочего времени)
stats-chart-noshow = Не ответили на звонок
stats-chart-csat = Средняя оценка после заказа
stats-chart-csat-value = { $csat } из 5
stats-chart-nps = Готовность рекомендовать (от −100 до +100)
stats-chart-crr = Удержание покупателей
stats-chart-retention = Удержание покупателей по периодам
# A key number with nothing to measure says why, not "—"
stats-chart-no-requests = обращений не было
stats-chart-no-answers = ответов пока нет
stats-chart-none-due = срок ещё не наступил
stats-chart-no-calls = звонков с итогом не было
stats-chart-no-ratings = оценок не было
stats-chart-no-customers = на начало покупателей не было
# $orders: invoices paid; $jobs: the orders they are of ($parts yes: an order billed in parts, a prepayment and its balance, is among them)
stats-revenue = 💰 Оплачено за период: { $amounts } ({ $parts ->
        [yes] заказов: { $jobs }, счетов: { $orders }
       *[no] счетов: { $orders }
    })
stats-revenue-none = 💰 Оплат за период не было.
stats-paid-via = Как платили: { $list }
stats-via-staff = подтвердил менеджер — { $orders } ({ $amounts })
stats-via-provider = в Telegram через провайдера — { $orders } ({ $amounts })
stats-via-stars = в Telegram Stars — { $orders } ({ $amounts })
stats-refunds = ↩️ Возвраты: { $orders } ({ $amounts }) — возвращённые счета в «Оплачено» уже не входят.
