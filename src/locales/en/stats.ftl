# $periods: the periods /stats takes, "/stats 7d, /stats 30d, or /stats 90d"; $words: a word for each day and period ("today, yesterday, week…"); $days: a /stats with none
stats-usage = Period: { $periods } — or in a word: { $words } ({ $days } days by default).
# The owner's /help line of /stats, after "/stats — ": $periods "7d, 30d, or 90d", the rest as in stats-usage
help-stats = Stats: /stats { $periods } ({ $days } days if none), also in a word: { $words }
stats-working = Counting the numbers — this may take a little while. The bot keeps answering clients meanwhile.
stats-title = 📊 Stats for { $days } days ({ $range })
# A day of the business: $day today | yesterday; $range from its midnight, "23 Nov, 0:00 – 16:05"
stats-title-day = 📊 Stats for the day ({ $day ->
        [today] today
       *[yesterday] yesterday
    }, { $range })
# A day's funnel in counts (its shares need weeks: stats-day-left-out); $steps: "Questionnaire — 4, Quiz — 3, …"
stats-day-funnel = Funnel: { $started } started in the day; of them reached the step or went further: { $steps }
# Under a day's report: what it leaves out, and where to read it
stats-day-left-out = ℹ️ A day has no funnel shares, no customer retention and no chart: clients take days and weeks to pay and come back — see /stats 7d or longer.
stats-funnel-title = Funnel: how many who started in the period reached each step (those who went further without finishing it count too)
stats-chart-funnel = Funnel: reached the step or went further
# No client started in the period: every step would be "0 (— …)"
stats-funnel-none = Funnel: nobody new started in this period — no steps to count.
stats-funnel-first = { $step } — { $clients }
stats-funnel-step = { $step }: reached it or went further — { $clients } ({ $previous } of the previous step, { $start } of start){ $skipped ->
        [0] {""}
       *[other] { $did ->
            [0] ; none of them finished this step: they went further without it (skipped, or started and stopped)
           *[other] ; of them finished this step themselves — { $did }
        }
    }
stats-step-start = Started
stats-step-discovery = Questionnaire
stats-step-quiz = Quiz
stats-step-engaged = A call / a manager
stats-step-paid = Payment
stats-step-reviewed = Going to leave a review
# Clients, as the funnel counts; the requests line below counts requests (a client may make several)
stats-funnel-split = (clients who booked a call: { $booked }, handed to a manager: { $handed }, of them answered in time at least once: { $inSla })
# Two periods in one line, said so: calls booked in the period, and what came of the calls whose time fell in it
# $measured: yes when some call was held or missed, and $rate (the missed share of those) means something
# $unmarked: due, and nobody marked it with the reminder's buttons, named by $markCalled and $markMissed
stats-bookings = 📞 Calls: { $made } booked in the period; of those due in it, { $called } held, { $noshows } { $noshows ->
        [one] no-show
       *[other] no-shows
    }{ $measured ->
        [yes] {" "}({ $rate } of those held or missed)
       *[no] {""}
    }, { $cancelled } cancelled{ $unmarked ->
        [0] {""}
       *[other] , { $unmarked } not marked yet (nobody pressed { $markCalled } or { $markMissed })
    }
stats-bookings-none = 📞 No calls in this period: none booked, none due.
# The reply times only with an answer, the share in time only with a deadline passed ($due): "median —" and "0 of 0 — —" read as broken
stats-handoffs = 💬 Requests for a manager opened in the period: { $opened }, answered { $answered }{ $answered ->
        [0] {""}
       *[other] ; first reply (in working hours): median { $median }, 90% within { $p90 }
    }{ $due ->
        [0] {""}
       *[other] ; in time (each request's own deadline; now { $sla } working { $sla ->
            [one] minute
           *[other] minutes
        }): { $within } of { $due } — { $pct }
    }
stats-handoffs-none = 💬 No requests for a manager in this period.
# Counted by when they closed, not opened: one opened before the period counts here, not above
stats-closures = ✅ Requests closed in the period, incl. ones opened earlier: the client confirmed “yes, solved” — { $client }; closed automatically, as the client did not answer “Is your question solved?” — { $timeout }; closed by staff without asking the client — { $staff }
# Follow-up waits gone late in the period ($waits): a client wrote again in an answered request and nobody answered within the answer time;
# $of: every follow-up wait of the period, gone late or not (the base, as "in time: 3 of 4" above); both 0: none at all;
# $from: "none", or since when they are kept (after the period's start: older waits were not)
stats-replies-late = ⏰ Clients who wrote again in an answered request waited past the answer time: { $of ->
        [0] never
       *[other] { $waits } of { $of } { $of ->
            [one] time
           *[other] times
        }
    }{ $from ->
        [none] {""}
       *[other] {" "}(counted since { $from }: such waits were not kept before)
    }
stats-surveys = ⭐ Ratings after an order: { $list }
stats-survey-csat = average score { $csat } of 5 (CSAT), { $satisfied } satisfied, ratings: { $n }
stats-survey-nps = would recommend { $nps } (NPS), ratings: { $n }
stats-survey-ces = client effort { $ces } (CES: lower is easier), ratings: { $n }
stats-surveys-none = ⭐ No ratings after an order in this period.
stats-surveys-none-answers-rated = ⭐ No ratings after an order in this period; clients did rate the managers' answers — see below.
# Paying customers, not the funnel's clients; $measured: yes when there were some at the start, so $crr and $churn mean something; $returned: customers back after a silence past followups.reengage_after_days (not in $crr)
stats-retention = 🔁 Retention of paying customers: { $start } at the start of the period, { $end } at the end, { $new } of them new{ $returned ->
        [0] {""}
       *[other] , { $returned } back after a break
    }{ $measured ->
        [yes] ; of those at the start, { $crr } stayed (CRR), { $churn } left.
       *[no] .
    }
stats-retention-history = Retention by period: { $values }
stats-managers-title = 👥 Managers
# The requests line above counts every request; the managers' only those a manager led: with requests but none led, "no requests" here read as contradicting it
stats-managers-none = { $requests ->
        [0] No requests in this period.
       *[other] No manager led a request in this period.
    }
# $late: what of their requests went late before they answered, "none" or stats-manager-late and stats-manager-unclaimed joined;
# $repliesLate: follow-up waits gone late in the period in requests they led (a client wrote again after an answer); $repliesOf: all of their follow-up waits of the period
stats-manager = • { $name }: { $handoffs } { $handoffs ->
        [one] request
       *[other] requests
    }{ $late ->
        [none] {""}
       *[other] {" "}({ $late })
    }, median reply { $median }, in time { $pct }{ $repliesLate ->
        [0] {""}
       *[other] , clients who wrote again after an answer waited past the answer time { $repliesLate } of { $repliesOf } { $repliesOf ->
            [one] time
           *[other] times
        }
    }, { $rated ->
        [0] no answer ratings
        [one] answers rated: speed { $speed }, quality { $quality } on { $rated } request
       *[other] answers rated: speed { $speed }, quality { $quality } on { $rated } requests
    }
# Requests a colleague let go late (led them at the deadline) that this one answered; $median: working time from going late to the answer
stats-manager-late = { $n } received already late: { $n ->
        [one] answered { $median } after it went late
       *[other] answered { $median } after they went late, median
    }
# Requests that went late with nobody leading them (nobody took them from the group) that this one answered: not "received late", they waited in the group
stats-manager-unclaimed = { $n } waited in the group with nobody taking { $n ->
        [one] it by its deadline: answered { $median } after it went late
       *[other] them by their deadline: answered { $median } after they went late, median
    }
stats-managers-late-note = A late request is the miss of whoever had it at its deadline; for whoever got it later it is in neither the median nor “in time”.
stats-managers-unclaimed-note = A request nobody took by its deadline is the team's miss: it is in the “in time” of the requests line above, and for whoever answered it in neither the median nor “in time”.
stats-chart-title = { $business } · { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
stats-chart-facts = Key numbers
stats-chart-response = First reply (working time): median / 90%
stats-chart-sla = Answered in time (now { $sla } working { $sla ->
        [one] minute
       *[other] minutes
    })
stats-chart-noshow = Missed calls (no-shows)
stats-chart-csat = Average rating after an order
stats-chart-csat-value = { $csat } of 5
stats-chart-nps = Would recommend us (from −100 to +100)
stats-chart-crr = Paying customers kept
stats-chart-retention = Paying customers kept, by period
# A key number with nothing to measure says why, not "—"
stats-chart-no-requests = no requests
stats-chart-no-answers = no answers yet
stats-chart-none-due = no deadline passed yet
stats-chart-no-calls = no calls held or missed
stats-chart-no-ratings = no ratings
stats-chart-no-customers = no paying customers at the start
# $orders: invoices paid; $jobs: the orders they are of ($parts yes: an order billed in parts, a prepayment and its balance, is among them)
stats-revenue = 💰 Paid in the period: { $amounts } ({ $parts ->
        [yes] orders: { $jobs }, invoices: { $orders }
       *[no] invoices: { $orders }
    })
stats-revenue-none = 💰 No payments in the period.
stats-paid-via = How it was paid: { $list }
stats-via-staff = confirmed by a manager — { $orders } ({ $amounts })
stats-via-provider = in Telegram through the provider — { $orders } ({ $amounts })
stats-via-stars = in Telegram Stars — { $orders } ({ $amounts })
stats-refunds = ↩️ Refunds: { $orders } ({ $amounts }) — refunded invoices are already left out of “Paid”.
