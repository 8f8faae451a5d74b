stats-usage = Период: /stats 7d, /stats 30d или /stats 90d (по умолчанию 30 дней).
stats-working = Считаю статистику — это может занять немного времени. Бот тем временем отвечает клиентам.
stats-title = 📊 Статистика за { $days } дн. ({ $range })
stats-funnel-title = Воронка: начавшие за период — дошли до шага или дальше
stats-funnel-first = { $step } — { $clients }
stats-funnel-step = { $step } — { $clients } ({ $previous } от пред. шага, { $start } от старта)
stats-step-start = Старт
stats-step-discovery = Рассказали о задаче
stats-step-quiz = Прошли квиз
stats-step-engaged = Записались / к менеджеру
stats-step-paid = Оплатили
stats-step-reviewed = Перешли к отзыву
stats-funnel-split = (записались на звонок: { $booked }, передали менеджеру: { $handed }, из них менеджер ответил в срок: { $inSla })
stats-bookings = 📞 Звонки: записей { $made }; состоялось { $called }, не ответили { $noshows } ({ $rate }), отменено { $cancelled }
stats-handoffs = 💬 Обращения к менеджеру: { $opened }, ответили { $answered }; первый ответ (в рабочее время): медиана { $median }, 90% — за { $p90 }; в срок (свой у каждого обращения; сейчас { $sla } мин рабочего времени): { $within } из { $due } — { $pct }
stats-handoffs-none = 💬 Обращений к менеджеру за период не было.
stats-closures = ✅ Закрыто запросов: с подтверждением клиента «вопрос решён» { $client }; сами, без ответа клиента { $timeout }; сотрудником без вопроса клиенту { $staff }
stats-surveys = ⭐ Оценки: CSAT { $csat } из 5 ({ $satisfied } довольны, n={ $csatN }); NPS { $nps } (n={ $npsN }); CES { $ces } (n={ $cesN })
stats-surveys-none = ⭐ Оценок за период не было.
stats-retention = 🔁 Удержание клиентов (CRR): { $crr }, отток { $churn }; клиентов на начало { $start }, на конец { $end }, новых { $new }
stats-retention-history = Удержание по периодам: { $values }
stats-managers-title = 👥 Менеджеры
stats-managers-none = За период обращений не было.
stats-manager = • { $name }: обращений { $handoffs }, медиана ответа { $median }, в срок { $pct }, { $rated ->
        [0] оценок нет
        [one] оценки: скорость { $speed }, качество { $quality } — по { $rated } обращению
       *[other] оценки: скорость { $speed }, качество { $quality } — по { $rated } обращениям
    }
stats-chart-title = ClientDesk · { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
stats-chart-facts = Главное
stats-chart-response = Первый ответ (раб. время): медиана / 90%
stats-chart-sla = Ответили в срок (сейчас { $sla } мин раб. времени)
stats-chart-noshow = Не ответили на звонок
stats-chart-crr = Удержание (CRR)
stats-chart-retention = Удержание клиентов (CRR) по периодам
stats-revenue = 💰 Оплачено за период: { $amounts } (счетов: { $orders })
stats-revenue-none = 💰 Оплат за период не было.
stats-paid-via = Как платили: { $list }
stats-via-staff = подтвердил менеджер — { $orders } ({ $amounts })
stats-via-provider = в Telegram через провайдера — { $orders } ({ $amounts })
stats-via-stars = в Telegram Stars — { $orders } ({ $amounts })
stats-refunds = ↩️ Возвраты: { $orders } ({ $amounts })
