/**
 * When follow-ups are due: an order's payment reminders, the check-in and NPS question
 * after a service is done, and the daily sweep's own schedule.
 */
import { cancelPendingJobsByKeyPrefix, findPendingJob } from '../../../db/repositories/followups.ts'
import type { JobRow, OrderRow } from '../../../db/schema.ts'
import type { Content } from '../../content/schema.ts'
import { localDate } from '../time.ts'
import {
  atLocal,
  DATED_REMINDER_TIME,
  DAY,
  daysBetween,
  FOLLOWUP,
  FOLLOWUP_JOBS,
  FOLLOWUP_SWEEP,
  type FollowupDeps,
  HOUR,
  type PaymentStage,
  type PlannedReminder,
  plusDays,
  QUESTION_KINDS,
  QUESTIONS_DECLINED,
  questionAt,
  questionsDeclinedAt,
  type ScheduledReminder,
  SWEEP_TIME,
  sendableAt,
} from './kinds.ts'
import type { Hold } from './policy.ts'

/** Why a payment reminder was taken back as it was planned (`supersededAt` the time it would go). */
const SUPERSEDED_AT_PLANNING =
  'A later reminder of this order is due by the time this one could go (both wait for the same opening): only that one is planned.'

/**
 * An invoice with no due date is reminded once more this many days after it, at the dated
 * reminders' hour: a nudge a few hours after it alone left it forgotten, unpaid and unchased.
 * After that one, as after a dated invoice's last, the topic is told it is still unpaid.
 */
export const UNDATED_AGAIN_DAYS = 3

/** A dated reminder closer than this to the invoice itself is not scheduled: the invoice just said it. */
const MIN_GAP_AFTER_INVOICE_MS = 3 * HOUR

/**
 * When an order's payment reminders are due, soonest first: the dated ones at
 * DATED_REMINDER_TIME (business time zone `tz`) before, on and after the due date, and a
 * first reminder `first_after_hours` after the invoice unless a dated one comes within a
 * day of it. Stages that would fall before the invoice (or right after it) are left out. With
 * no due date, a second one `UNDATED_AGAIN_DAYS` days after the invoice's day — unless the owner
 * turned reminders past the due date off (`overdue_days: []`): chasing an unpaid invoice is theirs.
 */
export function paymentPlan(
  order: Pick<OrderRow, 'createdAt' | 'dueDate'>,
  rules: Content['followups']['payment_reminders'],
  tz: string,
): PlannedReminder[] {
  const dated: PlannedReminder[] = []
  const { dueDate } = order
  if (dueDate !== null) {
    const at = (days: number) => atLocal(plusDays(dueDate, days), DATED_REMINDER_TIME, tz)
    if (rules.before_due_days > 0) {
      dated.push({ stage: 'before', days: rules.before_due_days, at: at(-rules.before_due_days) })
    }
    dated.push({ stage: 'due', days: 0, at: at(0) })
    for (const days of [...new Set(rules.overdue_days)].sort((a, b) => a - b)) {
      dated.push({ stage: 'overdue', days, at: at(days) })
    }
  } else if (rules.overdue_days.length > 0) {
    const day = plusDays(localDate(order.createdAt, tz), UNDATED_AGAIN_DAYS)
    dated.push({ stage: 'again', days: UNDATED_AGAIN_DAYS, at: atLocal(day, DATED_REMINDER_TIME, tz) })
  }
  const plan = dated.filter((r) => r.at >= order.createdAt + MIN_GAP_AFTER_INVOICE_MS)
  if (rules.first_after_hours > 0) {
    const firstAt = order.createdAt + rules.first_after_hours * HOUR
    if (!plan.some((r) => r.at < firstAt + DAY)) plan.push({ stage: 'first', days: 0, at: firstAt })
  }
  return plan.sort((a, b) => a.at - b.at)
}

/**
 * Whether a payment reminder planned for `at` is one a later one of its order stands for by `now`
 * (the time it would go): that one's day has come too, and only it is sent, in the words true
 * then. `plan`: the order's reminders (`paymentPlan`).
 */
export function supersededAt(plan: readonly { at: number }[], at: number, now: number): boolean {
  return plan.some((r) => r.at > at && r.at <= now)
}

/**
 * The dated stage whose words are true on `date` (YYYY-MM-DD) for an order due on `dueDate`:
 * "due in N days" before the due date, "today is the last day" on it, "was due" after it.
 */
export function datedStageOn(dueDate: string, date: string): { stage: PaymentStage; days: number } {
  const days = daysBetween(date, dueDate)
  if (days > 0) return { stage: 'before', days }
  if (days === 0) return { stage: 'due', days: 0 }
  return { stage: 'overdue', days: -days }
}

/** The key of an order's check-in job: an order has one. */
const orderCheckinKey = (orderId: number) => `checkin:order:${orderId}`

/** What every payment reminder job of an order has its key start with. */
export const paymentKeyPrefix = (orderId: number) => `pay:${orderId}:`

/**
 * A payment reminder job's key: one job per stage of an order — and per move of its due date
 * (`moved`, when staff moved it: a key is used once for good, so the stages planned anew go under
 * new ones, `@` and that time after the stage's).
 */
export const paymentKey = (orderId: number, r: Pick<PlannedReminder, 'stage' | 'days'>, moved?: number) =>
  `${paymentKeyPrefix(orderId)}${r.stage}${r.stage === 'overdue' || r.stage === 'before' || r.stage === 'again' ? `:${r.days}` : ''}${moved === undefined ? '' : `@${moved}`}`

/** A payment reminder job's key as its stage's, whichever move of the due date planned it (`paymentKey`). */
export const paymentStageKey = (key: string) => key.replace(/@\d+$/, '')

export function createFollowupPlanning(
  { db, clock, content, clients, scheduler }: FollowupDeps,
  { goesAt }: { goesAt: (job: JobRow, hold: Hold | undefined) => number | undefined },
) {
  const settings = () => content.get().followups
  const businessTz = () => content.get().business.timezone

  const planning = {
    /**
     * Enqueues an order's payment reminders; returns what was planned, each with when it will go
     * as /followups and the card say it (the policy's `goesAt`, not a copy of its rules): one due
     * in the client's quiet hours waits for their morning, an overdue one on a day the business
     * is closed for its opening. Staff are told that time, not the planned one. `moved`: staff moved
     * the order's due date then (`orders.moveDue`), its pending reminders cancelled: those ahead are
     * planned anew.
     */
    schedulePaymentReminders(order: OrderRow, { moved }: { moved?: number } = {}): ScheduledReminder[] {
      // After a move of the due date (`moved`: when), only what is ahead: the client was just told
      // the new date, so a stage closer than the invoice's own gap to that is left out as well
      const plan = paymentPlan(order, settings().payment_reminders, businessTz()).filter(
        (r) => moved === undefined || r.at >= moved + MIN_GAP_AFTER_INVOICE_MS,
      )
      const scheduled = plan.map((r) => {
        // Planned for their day ("tomorrow is the last day", `at`), due when they can go: past the
        // client's quiet hours, so the job comes up no earlier than it may be sent
        const runAt = sendableAt({ db, content }, order.clientId, r.at)
        const job = scheduler.enqueue(FOLLOWUP_JOBS.payment, {
          runAt,
          payload: { orderId: order.id, stage: r.stage, days: r.days, at: r.at },
          clientId: order.clientId,
          dedupeKey: paymentKey(order.id, r, moved),
        })
        // The time staff are told, by the rule /followups and the card read it with: the job's own
        // time is not it when its run waits further (an overdue one on a closed Sunday goes at
        // Monday's opening). No hold: a fresh reminder is planned ahead of now, and a hold on the
        // client's request takes the time away only from one whose time has come
        return { job, reminder: { ...r, sendsAt: (job ? goesAt(job, undefined) : undefined) ?? runAt } }
      })
      // One a later one stands for by the time it goes is not kept: due 31 December, "1 day over"
      // (a holiday) and "3 days over" (a Sunday) both wait for Monday's opening, where its run would
      // skip it — and the summary and /followups named that time twice, each with its own ✖
      return scheduled.flatMap(({ job, reminder }) => {
        if (!job || !supersededAt(plan, reminder.at, reminder.sendsAt)) return [reminder]
        scheduler.cancel({ id: job.id }, SUPERSEDED_AT_PLANNING)
        return []
      })
    },

    /**
     * The client asked for no more of the questions after an order (check-in, review request, NPS:
     * `QUESTION_KINDS`): the wish is kept (`QUESTIONS_DECLINED`), so no later order plans them, and
     * those still planned are cancelled. Returns how many.
     */
    declineQuestions(clientId: number, reason: string): number {
      clients.recordEvent(clientId, QUESTIONS_DECLINED)
      return scheduler.cancel({ clientId, kinds: QUESTION_KINDS }, reason)
    },

    /** When the client asked for no more questions after an order; undefined while they never did. */
    questionsDeclinedAt: (clientId: number) => questionsDeclinedAt(db, clientId),

    cancelPaymentReminders(order: Pick<OrderRow, 'id' | 'clientId'>, reason: string): number {
      return cancelPendingJobsByKeyPrefix(
        db,
        { clientId: order.clientId, prefix: paymentKeyPrefix(order.id), reason },
        clock.now(),
      )
    },

    /**
     * After a service is done: a check-in in `checkin_after_days` and, after the client's
     * first completed service only, the NPS question in `nps_after_days`, each a day apart from
     * the client's other questions (`questionAt`: one a day). Without an order a
     * second /done while a check-in is pending schedules nothing new. An order has one
     * check-in: /done again for it schedules nothing, and `checkinAt` is left out once that
     * check-in is no longer pending (sent, answered or dropped), so staff are not promised one.
     * A client who asked for no more of these questions (`declineQuestions`) gets neither:
     * `declinedAt` says when they asked, for staff to read instead.
     */
    scheduleAfterDone({ clientId, orderId, doneAt }: { clientId: number; orderId: number | null; doneAt: number }): {
      checkinAt?: number
      /** The check-in at `checkinAt` was planned before (a /done again), not by this call. */
      checkinBefore?: true
      npsAt?: number
      declinedAt?: number
    } {
      const declinedAt = questionsDeclinedAt(db, clientId)
      if (declinedAt !== undefined) return { declinedAt }
      const f = settings()
      const pending = orderId === null ? findPendingJob(db, clientId, FOLLOWUP.checkin) : undefined
      let checkinAt = pending?.runAt
      let checkinBefore = pending !== undefined
      if (!pending) {
        // A day apart from the client's other questions: two orders done together ask one a day
        const at = questionAt({ db, content }, { clientId, at: doneAt + f.checkin_after_days * DAY })
        const key = orderId === null ? `checkin:client:${clientId}:${doneAt}` : orderCheckinKey(orderId)
        const row = scheduler.enqueue(FOLLOWUP_JOBS.checkin, {
          runAt: at,
          payload: { orderId, at },
          clientId,
          dedupeKey: key,
        })
        // Refused as a duplicate: the key's own check-in stands, if it is still to come
        checkinAt = row ? at : findPendingJob(db, clientId, FOLLOWUP.checkin, key)?.runAt
        checkinBefore = !row
      }
      const npsAt = questionAt({ db, content }, { clientId, at: doneAt + f.nps_after_days * DAY })
      const nps = scheduler.enqueue(FOLLOWUP_JOBS.nps, {
        runAt: npsAt,
        payload: { at: npsAt },
        clientId,
        dedupeKey: `nps:${clientId}`,
      })
      return {
        checkinAt,
        ...(checkinBefore && checkinAt !== undefined ? { checkinBefore: true as const } : {}),
        ...(nps ? { npsAt } : {}),
      }
    },

    /**
     * When the check-in a /done planned goes, while it is still to come: the order's, or (null)
     * any of the client's, as a /done without an order looks for one (`scheduleAfterDone`).
     * Undefined once it went out, was answered or dropped. Reads only: a /done again changes nothing.
     */
    pendingCheckin(clientId: number, orderId: number | null): number | undefined {
      const key = orderId === null ? undefined : orderCheckinKey(orderId)
      return findPendingJob(db, clientId, FOLLOWUP.checkin, key)?.runAt
    },

    /**
     * Makes sure the daily sweep is scheduled: today's (business date) at once if it has not
     * run yet, and the next one at SWEEP_TIME. Safe to call at every start-up.
     */
    ensureSweepScheduled(): void {
      const now = clock.now()
      const today = localDate(now, businessTz())
      scheduler.enqueue(FOLLOWUP_SWEEP, { runAt: now, payload: {}, dedupeKey: `followups:sweep:${today}` })
      planning.scheduleNextSweep()
    },

    /**
     * Enqueues the sweep for the next SWEEP_TIME after now. A day has one sweep (its date is
     * the job's key): when today's is taken already — a start-up before SWEEP_TIME swept the
     * day at once — the next is tomorrow's. Without that, a bot started at night asked for
     * today's again, was refused as a duplicate, and no sweep was ever scheduled after it.
     */
    scheduleNextSweep(): void {
      const now = clock.now()
      const tz = businessTz()
      const today = localDate(now, tz)
      const enqueue = (date: string) =>
        scheduler.enqueue(FOLLOWUP_SWEEP, {
          runAt: atLocal(date, SWEEP_TIME, tz),
          payload: {},
          dedupeKey: `followups:sweep:${date}`,
        })
      if (atLocal(today, SWEEP_TIME, tz) > now && enqueue(today)) return
      enqueue(plusDays(today, 1))
    },
  }
  return planning
}
