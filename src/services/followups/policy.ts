/**
 * Whether a follow-up whose job came up may go out now. Rules for every kind: nothing to
 * blocked or forgotten clients; quiet hours in the client's time zone (else the business's)
 * postpone a send to the morning; marketing kinds need consent (and respect /stop) and go
 * out at most once per client per 24 hours, and so do questions (check-in, review request,
 * NPS), each group apart; a follow-up that became irrelevant (paid, cancelled or refunded,
 * superseded, too late) is skipped with a reason staff can read.
 *
 * Who may be written to (`recipient`, also the flow reminder's rule), a payment reminder's
 * hold while the client's "I paid" is checked and an order the business took back (`undone`)
 * are kept apart from the rest, so /followups and the card show them beside a pending job
 * (`holdOf`) by the very rules its run applies.
 */
import type { Db } from '../../../db/client.ts'
import { findClientById } from '../../../db/repositories/clients.ts'
import { hasEvent } from '../../../db/repositories/events.ts'
import {
  completeJobsSentWith,
  hasFeedback,
  jobKeysByPrefix,
  lastSendAt,
  ratedOrderIds,
  undoJobsSentWith,
  unhappySince,
  unsentJobsDueBy,
} from '../../../db/repositories/followups.ts'
import { findActiveHandoff, lastSolvedByClientAt } from '../../../db/repositories/handoffs.ts'
import { getJob } from '../../../db/repositories/jobs.ts'
import { otherFlowNudge } from '../../../db/repositories/nudges.ts'
import { findOrder } from '../../../db/repositories/orders.ts'
import type { JobRow, OrderRow } from '../../../db/schema.ts'
import { businessCalendar } from '../../format.ts'
import { FUNNEL } from '../funnel.ts'
import { waitingSince } from '../handoff/model.ts'
import { payloadOf } from '../jobs.ts'
import { NUDGE_JOB } from '../nudges.ts'
import { afterQuietHours, localDate, nextWorkingTime, openingIntervals } from '../time.ts'
import {
  atLocal,
  DATED_REMINDER_TIME,
  DAY,
  FOLLOWUP,
  FOLLOWUP_BY_KIND,
  FOLLOWUP_JOBS,
  FOLLOWUP_KINDS,
  type FollowupDecision,
  type FollowupDeps,
  type FollowupKind,
  HOUR,
  MARKETING_KINDS,
  MAX_LATE_DAYS,
  onWorkingDay,
  PAYMENT_CONFIRM_WAIT_MS,
  type PaymentStage,
  PROMISE_RECALLED_DAYS,
  plusDays,
  QUESTION_KINDS,
  QUESTION_MIN_GAP_MS,
  questionAt,
  REENGAGE_MIN_INTERVAL_DAYS,
  REVIEW_MIN_INTERVAL_DAYS,
  type ReachableClient,
  type SendDetails,
  sameDay,
  sendableAt,
  TOGETHER_MS,
  timezoneOf,
} from './kinds.ts'
import { datedStageOn, paymentKey, paymentKeyPrefix, paymentPlan, paymentStageKey, supersededAt } from './planning.ts'

/** Why a follow-up about `order` is no longer wanted: the business took it back (cancelled, refunded). */
function undone(order: OrderRow | undefined): Hold | undefined {
  if (order?.status === 'cancelled') return { code: 'cancelled', reason: 'The order was cancelled.' }
  if (order?.status === 'refunded') return { code: 'refunded', reason: 'The order was refunded.' }
  return undefined
}

/**
 * Why a review request standing for the good ratings of `orderIds` (null: a check-in about no
 * order) would not go: every order it asks about was taken back since. The request's run and
 * /followups read it, and a good rating before planning one, so nothing is planned that would
 * not go.
 */
export function reviewUndone(db: Db, orderIds: readonly (number | null)[]): Hold | undefined {
  const holds = orderIds.map((id) => undone(id === null ? undefined : findOrder(db, id)))
  const [first] = holds
  return first && holds.every(Boolean) ? first : undefined
}

/**
 * Why a review request to the client at `at` would not go, whatever rating asked for it: one
 * client is asked once in REVIEW_MIN_INTERVAL_DAYS, and never again once they opened a review
 * link. The request's check reads it when it comes up (`exceptJobId`: itself), and a good
 * rating before planning one, so nothing is planned that would not go.
 */
export function reviewAskedAlready(
  db: Db,
  { clientId, at, exceptJobId }: { clientId: number; at: number; exceptJobId?: number },
): string | undefined {
  if (hasEvent(db, clientId, FUNNEL.reviewed)) return 'The client has already opened a review link.'
  const since = at - REVIEW_MIN_INTERVAL_DAYS * DAY
  if (lastSendAt(db, { clientId, kinds: [FOLLOWUP.review], since, exceptJobId }) !== undefined) {
    return `Asked for a review less than ${REVIEW_MIN_INTERVAL_DAYS} days ago.`
  }
  return undefined
}

/**
 * What keeps a pending follow-up or flow reminder from going out, as things stand: `reason`
 * is the job's outcome when it comes up, `code` how /followups says it. The client may change
 * it before then (subscribe again, unblock the bot; staff answer an "I paid").
 */
export interface Hold {
  code:
    | 'erased'
    | 'blocked'
    | 'opted-out'
    | 'no-consent'
    | 'team'
    | 'paid-reported'
    | 'linked-paid'
    | 'promised'
    | 'superseded'
    | 'with-manager'
    | 'request-open'
    | 'client-waiting'
    | 'refunded'
    | 'cancelled'
    | 'no-review-links'
    | 'unhappy-since'
    | 'refunded-since'
    | 'later-nudge'
    | 'nudged-today'
  reason: string
  /** When it lets the job go by itself (UTC ms): a promise to pay runs out. */
  until?: number
}

/** A review request with nowhere to send the client: the content file lists no review sites. */
export const NO_REVIEW_LINKS: Hold = {
  code: 'no-review-links',
  reason: 'No review links in the content file (followups.review_links).',
}

/**
 * A review request or the NPS question after the client showed themselves unhappy since it was
 * planned (the good rating or the finished work that planned it is no longer how they feel):
 * "thank you again for the high rating", or "would you recommend us?", next to a low one, a
 * complaint or their money given back reads as not listening — the client who got a refund
 * after "верните деньги" was asked whether they would recommend the business, and answered "вы
 * издеваетесь?". Dropped, not put off: a request opened for it waits for its close
 * (REQUEST_OPEN), and the question after it would be just as wrong. The team knows how they
 * feel already: the alert of the low rating or the complaint told them.
 */
const UNHAPPY_SINCE: Record<'rating' | 'nps' | 'complaint' | 'refund', Hold> = {
  rating: {
    code: 'unhappy-since',
    reason: 'The client gave a low rating (a check-in, or a closed request) after this question was planned.',
  },
  nps: {
    code: 'unhappy-since',
    reason: 'The client answered the NPS question with 0–6 after this review request was planned.',
  },
  complaint: {
    code: 'unhappy-since',
    reason:
      'The client complained or asked for their money back (a request opened for it) after this question was planned.',
  },
  refund: {
    code: 'refunded-since',
    reason: 'An order of the client was refunded after this question was planned.',
  },
}
/** The follow-ups an unhappy client is not asked after all (UNHAPPY_SINCE). */
const SOURED_BY_UNHAPPINESS: readonly string[] = [FOLLOWUP.review, FOLLOWUP.nps]

/** A flow reminder's when it comes up while a request is open: a person is talking with them, the bot keeps out (it is dropped, not put off). */
const WITH_MANAGER: Hold = { code: 'with-manager', reason: 'the client is talking to a manager' }
/**
 * One reminder of what a client left unfinished: of the flow they left last (one left earlier
 * waits while another's is still to come: src/jobs/nudge.ts), and none within a day of
 * another. Two flows left a minute apart used to bring two reminders 44 seconds apart.
 */
const LATER_NUDGE: Hold = {
  code: 'later-nudge',
  reason: 'the client went on to another flow after this one: its reminder goes first',
}
const NUDGED_TODAY: Hold = {
  code: 'nudged-today',
  reason: 'another unfinished flow was reminded of less than a day ago',
}

/**
 * What asks something of a client the team still owes an answer: the check-in ("how did it
 * go?" to someone whose question is still open reads as not listening), a review request, NPS.
 * While their request is open (a complaint after a low rating, a question) it waits; it goes
 * once the request is closed (or is dropped as too late, as any follow-up). ("Long time no see"
 * needs none of this: a client with an open request has written, and it is skipped for that.)
 */
const WAITS_FOR_OPEN_REQUEST: readonly string[] = QUESTION_KINDS
const REQUEST_OPEN: Hold = {
  code: 'request-open',
  reason: 'The client has an open request: asking them how it went, for a review or a score waits until it is closed.',
}
/**
 * A question whose time came on a day the business does not work: a holiday or a day off the owner
 * added after it was planned (planning kept it off the days off known then).
 */
const DAY_OFF_REASON = 'The business does not work today: the question goes on its next working day.'
/** A payment reminder late past its day, when another of the same order is planned for today. */
const DAY_PASSED_REASON =
  "Its day has passed and today's reminder for this order is still to come: only that one is sent."
/** An overdue payment reminder on a day the business is closed: nobody is there to answer it. */
const CLOSED_TODAY_REASON = 'The business is closed today: an overdue payment reminder goes when it opens.'
/**
 * How often a job held by an open request looks again: it goes within this after the request is
 * closed (a look every six hours sent a check-in hours after the close, into the evening or the
 * next morning). A held job is one row written at each look: a few an hour, per client waiting.
 */
const REQUEST_OPEN_RECHECK_MS = HOUR / 4

/**
 * A payment reminder while the client waits for the team's answer in their request (a question
 * about the invoice, say): "please pay" next to "sorry to keep you waiting" reads as not
 * listening. It goes once the team has answered, at its next look; an invoice or a staff message
 * is an answer. Only while they wait: a request open to talk the order over does not hold it.
 */
const CLIENT_WAITING: Hold = {
  code: 'client-waiting',
  reason: 'The client is waiting for the team to answer their question: the payment reminder goes after the answer.',
}
/** How often a payment reminder held by a waiting client looks again: soon after the answer. */
const CLIENT_WAITING_RECHECK_MS = HOUR

/**
 * A payment reminder that would come before the client's promise to pay runs out ("оплачу в
 * пятницу"): put off, not dropped, to the morning after the promised day (PROMISE_ENDS_AT), where
 * one reminder of the order recalls the promise; being paid by then cancels it, as always.
 */
const PROMISED_REASON =
  'The client promised to pay by a day still to come: the reminder waits for the morning after it.'
/** The hour of the morning after the promised day the reminder goes: the dated reminders' own. */
const PROMISE_ENDS_AT = DATED_REMINDER_TIME

/**
 * The first, gentle payment reminder ("вдруг он потерялся среди сообщений") to a client who wrote
 * since the invoice: they saw it, the chat is alive. It waits for a quiet stretch as long as its
 * own (`first_after_hours`) after their last message — it came two hours into a live talk about
 * that very invoice. Being paid meanwhile cancels it, as always.
 */
const IN_TOUCH_REASON =
  'The client wrote since the invoice: the first reminder waits for a quiet stretch after their last message.'

/** A payment reminder's hold while the client's "I paid" awaits staff: held, not dropped. */
const PAID_REPORTED: Hold = {
  code: 'paid-reported',
  reason: 'The client says they have paid; waiting for staff to confirm.',
}

/**
 * A payment reminder's hold while the team decides about an invoice another one linked to it was
 * paid for (the one it may replace, or its replacement: `orders.remindersHeldBy`): "please pay"
 * for what the client may have just paid reads as asking twice. Held, not dropped: the team's
 * "a separate order" lets it go.
 */
const LINKED_PAID: Hold = {
  code: 'linked-paid',
  reason: 'An invoice linked to this one (the one it may replace, or its replacement) was paid: waiting for the team.',
}

/**
 * A payment reminder a later one of its order stands for: that one's time has come too (the bot
 * was off, or both waited for staff to answer the client's "I paid"), and only the later one,
 * in the words true today, is sent.
 */
const SUPERSEDED_REASON = 'A later reminder for this order is already due: only that one is sent.'
const SUPERSEDED: Hold = { code: 'superseded', reason: SUPERSEDED_REASON }

/**
 * Where an order stands for its payment reminders before their timing is looked at: gone or
 * settled (skip), taken back (cancelled, refunded: skip, and /followups says so), held by the
 * client's "I paid" (if staff answer "not received", the reminder still goes) or by a linked
 * invoice's payment (LINKED_PAID, till the team answers), or due its reminders.
 */
function orderStanding(
  order: OrderRow | undefined,
  clientId: number,
): { skip: string } | { undone: Hold } | { hold: Hold } | { order: OrderRow } {
  if (!order || order.clientId !== clientId) return { skip: 'The order no longer exists.' }
  const gone = undone(order)
  if (gone) return { undone: gone }
  if (order.status === 'paid') return { skip: 'The order is paid.' }
  if (order.clientReportedPaidAt !== null) return { hold: PAID_REPORTED }
  if (order.remindersHeldBy !== null) return { hold: LINKED_PAID }
  return { order }
}

/**
 * What is not counted against a question's daily cap: itself, and for a review request the
 * check-in whose rating it follows (asked right after the rating, it is that answer's reply).
 */
function apartFrom(job: JobRow): number[] {
  if (job.kind !== FOLLOWUP.review) return [job.id]
  const payload = FOLLOWUP_JOBS.review.schema.safeParse(job.payload)
  return payload.success ? [job.id, payload.data.checkinJobId] : [job.id]
}

/**
 * The follow-ups a client gets at most one of a day, each group apart: how long one waits after
 * another of its group went, and why.
 */
const DAILY_CAPS: readonly { kinds: readonly string[]; gap: number; reason: string; ratings?: true }[] = [
  {
    kinds: MARKETING_KINDS,
    gap: DAY,
    reason: 'Another marketing message went to this client in the last 24 hours.',
  },
  {
    kinds: QUESTION_KINDS,
    gap: QUESTION_MIN_GAP_MS,
    // The speed and quality ratings after the client's own "yes, solved" are questions too: a
    // check-in held by the open request would otherwise follow them within hours
    ratings: true,
    reason:
      'Another question (check-in, review request, NPS, or the ratings after the client closed a request) went to this client less than a day ago.',
  },
]

export function createFollowupPolicy({ db, clock, content, clients }: FollowupDeps) {
  const settings = () => content.get().followups
  const businessTz = () => content.get().business.timezone
  /** `ms`, or the next opening when the business is closed all that day (a holiday, a day off). */
  const openOnItsDay = (ms: number): number => {
    const calendar = businessCalendar(content.get())
    if (openingIntervals(localDate(ms, calendar.timezone), calendar).length > 0) return ms
    return nextWorkingTime(ms, calendar) ?? ms
  }
  /**
   * When an overdue payment reminder planned for `ms` goes: on a day the business is closed, at
   * its next opening — and that, too, past the client's quiet hours on their clock (Monday's
   * 10:00 in Moscow is 7:00 in London), as every follow-up keeps to their daytime.
   */
  const overdueGoesAt = (clientId: number, ms: number): number => {
    const open = openOnItsDay(ms)
    return open === ms ? ms : sendableAt({ db, content }, clientId, open)
  }
  /**
   * When a question (QUESTION_KINDS) that would go at `ms` goes instead, when `ms` falls on a day
   * the business does not work — a holiday or a day off the owner added after it was planned:
   * planned again from `ms` by the very rule that planned it (`questionAt`: the same time of day on
   * the next working day, past the client's quiet hours, a day apart from their other questions).
   * Undefined on a working day, and for any other kind. Its run and /followups read it alike.
   */
  const offDayMove = (job: JobRow, clientId: number, ms: number): number | undefined => {
    if (!QUESTION_KINDS.includes(job.kind) || onWorkingDay({ content }, ms) === ms) return undefined
    return questionAt({ db, content }, { clientId, at: ms, apart: apartFrom(job) })
  }
  /**
   * Whether a payment reminder of `stage` going at `ms` says the invoice is overdue: an overdue one,
   * or one of the days before or on the due date put off past it (its run speaks of the day it
   * goes: `datedStageOn`). Such words invite an answer: on a closed day they wait for the opening.
   */
  const speaksOverdue = (stage: PaymentStage, order: Pick<OrderRow, 'dueDate'> | undefined, ms: number): boolean =>
    stage === 'overdue' ||
    ((stage === 'before' || stage === 'due') && order?.dueDate != null && localDate(ms, businessTz()) > order.dueDate)
  /** When the client's promise to pay `order` runs out (UTC ms): the morning after the promised day. */
  const promiseEnds = (order: Pick<OrderRow, 'payPromisedUntil'>): number | undefined =>
    order.payPromisedUntil === null
      ? undefined
      : atLocal(plusDays(order.payPromisedUntil, 1), PROMISE_ENDS_AT, businessTz())

  /**
   * Whether the job may go to its client whenever it comes up (the client read now), and if not, why:
   * nothing to a client who erased their data or blocked the bot; marketing (re-engagement,
   * greetings) only with consent, not after /stop or a withdrawal, and not to the team; the
   * reminder of an unfinished flow not after /stop or a withdrawal either. Service messages
   * about the client's own order go after /stop.
   */
  function recipient(job: Pick<JobRow, 'kind' | 'clientId'>): { client: ReachableClient } | { hold: Hold } {
    const { kind } = job
    const client = job.clientId === null ? undefined : findClientById(db, job.clientId)
    if (!client || client.deletedAt !== null || client.telegramId === null) {
      return { hold: { code: 'erased', reason: 'The client deleted their data.' } }
    }
    if (client.blockedAt !== null) return { hold: { code: 'blocked', reason: 'The client blocked the bot.' } }
    if (MARKETING_KINDS.includes(kind) && !clients.canReceiveMarketing(client)) {
      if (clients.isSubscribed(client)) {
        return { hold: { code: 'team', reason: 'On the team now: marketing is for clients.' } }
      }
      const code = client.optOutAt === null ? 'no-consent' : 'opted-out'
      return { hold: { code, reason: 'No marketing consent (never given, or the client used /stop).' } }
    }
    if (kind === NUDGE_JOB.kind && client.optOutAt !== null) {
      return { hold: { code: 'opted-out', reason: 'The client asked not to be messaged (/stop).' } }
    }
    return { client: { ...client, telegramId: client.telegramId } }
  }

  /**
   * The orders a review request asks about: the one its check-in rated, and those of the good
   * ratings given while it waited (they planned no request of their own).
   */
  function reviewOrderIds(job: JobRow, clientId: number): (number | null)[] {
    const checkin = getJob(db, payloadOf(FOLLOWUP_JOBS.review, job).checkinJobId)
    const orderId = checkin?.kind === FOLLOWUP.checkin ? payloadOf(FOLLOWUP_JOBS.checkin, checkin).orderId : null
    const rated = ratedOrderIds(db, { clientId, since: job.createdAt, minScore: settings().review_min_rating })
    return [orderId, ...rated]
  }

  /**
   * A review request's or the NPS question's when the client showed themselves unhappy since it
   * was planned (a low rating, a detractor's NPS score, a complaint; for NPS a refund too): its
   * run skips it and /followups says so, by this one rule.
   */
  function soured(job: JobRow, clientId: number): Hold | undefined {
    if (!SOURED_BY_UNHAPPINESS.includes(job.kind)) return undefined
    const how = unhappySince(db, { clientId, since: job.createdAt, lowBelow: settings().review_min_rating })
    // A review request is about the orders rated well: a refund sours it only when it took back
    // every one of them (reviewUndone), another order's says nothing of those
    if (how === undefined || (how === 'refund' && job.kind === FOLLOWUP.review)) return undefined
    return UNHAPPY_SINCE[how]
  }

  /** A flow reminder's: a manager talks with the client, or another flow's reminder goes instead (LATER_NUDGE). */
  function nudgeHold(job: JobRow, clientId: number): Hold | undefined {
    if (findActiveHandoff(db, clientId)) return WITH_MANAGER
    const payload = NUDGE_JOB.schema.safeParse(job.payload)
    if (!payload.success) return undefined
    const nudge = { id: job.id, runAt: job.runAt, clientId, kind: job.kind, flow: payload.data.flow }
    // A day before it goes: /followups, ahead of its time, says what its run will find
    const other = otherFlowNudge(db, nudge, {
      since: Math.max(clock.now(), job.runAt) - DAY,
      waiting: LATER_NUDGE.reason,
    })
    return other === 'later' ? LATER_NUDGE : other === 'sent' ? NUDGED_TODAY : undefined
  }

  /**
   * A payment reminder's, check-in's or review request's hold from its order: taken back
   * (cancelled, refunded), or a payment reminder held by the client's "I paid" or a linked payment.
   */
  function holdOfOrder(job: JobRow, clientId: number): Hold | undefined {
    if (job.kind !== FOLLOWUP.payment && job.kind !== FOLLOWUP.checkin && job.kind !== FOLLOWUP.review) return undefined
    const definition = FOLLOWUP_BY_KIND[job.kind]
    // A payload that no longer fits is the scheduler's to fail when it comes up, with the reason
    if (!definition.schema.safeParse(job.payload).success) return undefined
    if (job.kind === FOLLOWUP.review) return reviewUndone(db, reviewOrderIds(job, clientId))
    if (job.kind === FOLLOWUP.checkin) {
      const { orderId } = payloadOf(FOLLOWUP_JOBS.checkin, job)
      return orderId === null ? undefined : undone(findOrder(db, orderId))
    }
    const p = payloadOf(FOLLOWUP_JOBS.payment, job)
    const found = findOrder(db, p.orderId)
    const standing = orderStanding(found, clientId)
    if ('undone' in standing) return standing.undone
    if ('skip' in standing || !found) return undefined
    // Put off by the client's promise, to the morning after its day: /followups names that time
    const until = promiseEnds(found)
    const promised: Hold | undefined =
      until !== undefined && until > Math.max(clock.now(), job.runAt)
        ? { code: 'promised', reason: PROMISED_REASON, until }
        : undefined
    // Superseded by the time it goes, as its run finds it, not by the time it comes up: one put off
    // (by a promise, to the opening after closed days) may find a later one due by then
    const goes = policy.goesAt(job, promised) ?? job.runAt
    if (supersededAt(plannedStages(found), p.at, Math.max(clock.now(), goes))) return SUPERSEDED
    if ('hold' in standing) return standing.hold
    return promised
  }

  /**
   * What a follow-up of `kind` waits for in the client's open request, and when it looks again:
   * a question to the client for the request to be closed (WAITS_FOR_OPEN_REQUEST), a payment
   * reminder for the team's answer (CLIENT_WAITING).
   */
  function requestHold(kind: string, clientId: number): { hold: Hold; recheck: number } | undefined {
    const asks = WAITS_FOR_OPEN_REQUEST.includes(kind)
    if (!asks && kind !== FOLLOWUP.payment) return undefined
    const active = findActiveHandoff(db, clientId)
    if (!active) return undefined
    if (asks) return { hold: REQUEST_OPEN, recheck: REQUEST_OPEN_RECHECK_MS }
    return waitingSince(active) === null ? undefined : { hold: CLIENT_WAITING, recheck: CLIENT_WAITING_RECHECK_MS }
  }

  /**
   * An order's payment reminders by today's settings, as far as the invoice has jobs for them: a
   * stage the owner has since added is planned for later invoices, never comes for this one, so
   * it is neither "a later reminder" nor "today's" (counted as one, it silenced the reminders the
   * order does have). One the owner has since turned off (or moved to another day) is not in it
   * and is not sent; the due-day one is always planned.
   */
  function plannedStages(order: OrderRow) {
    // By stage, whichever move of the due date planned it
    const planned = new Set(
      [...jobKeysByPrefix(db, { clientId: order.clientId, prefix: paymentKeyPrefix(order.id) })].map(paymentStageKey),
    )
    return paymentPlan(order, settings().payment_reminders, businessTz()).filter((r) =>
      planned.has(paymentKey(order.id, r)),
    )
  }

  /**
   * The invoice whose last reminder `job` is, by the rule its send applies (`last` below): a payment
   * reminder of an unpaid invoice with a due date, none planned after it, the client's "I've paid"
   * not waiting for a check (the team has it in hand then). Undefined for anything else.
   */
  function lastReminderOf(job: JobRow): OrderRow | undefined {
    if (job.kind !== FOLLOWUP.payment || job.clientId === null) return undefined
    const p = payloadOf(FOLLOWUP_JOBS.payment, job)
    const standing = orderStanding(findOrder(db, p.orderId), job.clientId)
    if (!('order' in standing) || standing.order.dueDate === null) return undefined
    const plan = plannedStages(standing.order)
    if (p.stage !== 'due' && !plan.some((r) => r.stage === p.stage && r.days === p.days)) return undefined
    return plan.some((r) => r.at > p.at) ? undefined : standing.order
  }

  function lateness(job: JobRow, kind: FollowupKind, now: number): string | undefined {
    const { at } = payloadOf(FOLLOWUP_BY_KIND[kind], job)
    const limit = MAX_LATE_DAYS[kind]
    if (now - at <= limit * DAY) return undefined
    return `Too late: it was planned for ${new Date(at).toISOString()} and is more than ${limit} day(s) overdue (the bot was off, or it waited for the client's request to close), so it was not sent.`
  }

  /** When the first reminder's quiet stretch after the client last wrote ends (IN_TOUCH_REASON); none if they wrote nothing since the invoice. */
  function quietStretchEnd(order: OrderRow, lastSeenAt: number | null): number | undefined {
    if (lastSeenAt === null || lastSeenAt <= order.createdAt) return undefined
    return lastSeenAt + settings().payment_reminders.first_after_hours * HOUR
  }

  function checkRelevance(
    job: JobRow,
    client: ReachableClient,
    now: number,
  ): SendDetails | { skip: string; dropped?: Hold['code'] } | { wait: number; reason: string } {
    switch (job.kind) {
      case FOLLOWUP.payment: {
        const p = payloadOf(FOLLOWUP_JOBS.payment, job)
        const found = findOrder(db, p.orderId)
        const standing = orderStanding(found, client.id)
        if ('skip' in standing) return standing
        if ('undone' in standing) return { skip: standing.undone.reason }
        // Held or not, one reminder stands for the order: held ones each put off by themselves
        // piled up, one per day the "I paid" went unanswered, all listed, all but one to be dropped
        const order = 'order' in standing ? standing.order : (found as OrderRow)
        const plan = plannedStages(order)
        if (p.stage !== 'due' && !plan.some((r) => r.stage === p.stage && r.days === p.days))
          return { skip: 'No longer planned by the content file (followups.payment_reminders was changed).' }
        if (supersededAt(plan, p.at, now)) return { skip: SUPERSEDED_REASON }
        // The reminders the invoice still has, by the same plan: none after this one, it is the last
        // (one the owner took out of the settings or staff cancelled is none; an earlier one still
        // pending is superseded by this one). One with no due date too: its second reminder, days
        // after it, is its last (it had one nudge, then nothing, and nobody chased it)
        const last = !plan.some((r) => r.at > p.at)
        if ('hold' in standing) return { wait: now + PAYMENT_CONFIRM_WAIT_MS, reason: standing.hold.reason }
        // Promised to pay by a day to come: not reminded before the morning after it. Once it has
        // passed, the first reminder recalls the promise (while it is recent enough to read so)
        const ends = promiseEnds(order)
        if (ends !== undefined && now < ends) return { wait: ends, reason: PROMISED_REASON }
        const promised = ends !== undefined && now < ends + PROMISE_RECALLED_DAYS * DAY
        const quiet = p.stage === 'first' ? quietStretchEnd(order, client.lastSeenAt) : undefined
        if (quiet !== undefined && now < quiet) return { wait: quiet, reason: IN_TOUCH_REASON }
        const tz = businessTz()
        const today = localDate(now, tz)
        if ((p.stage === 'before' || p.stage === 'due') && order.dueDate !== null && localDate(p.at, tz) !== today) {
          // Its day has passed (downtime, quiet hours, an "I paid" hold): "tomorrow" or "today"
          // would name the wrong day. Today's own reminder says it, else this one speaks of today.
          if (plan.some((r) => localDate(r.at, tz) === today)) return { skip: DAY_PASSED_REASON }
          // Past the due date it speaks as an overdue one, and waits for the opening as one does
          const open = speaksOverdue(p.stage, order, now) ? overdueGoesAt(client.id, now) : now
          if (open > now) return { wait: open, reason: CLOSED_TODAY_REASON }
          return { kind: 'payment_reminder', order, ...datedStageOn(order.dueDate, today), last, promised }
        }
        if (p.stage === 'overdue') {
          // An overdue one invites an answer ("write to us, we will sort it out"): on a day the
          // business is closed nobody would give it, so it waits for the next opening — where
          // another reminder of the order planned that day says it instead (two in an hour nag)
          const open = overdueGoesAt(client.id, now)
          if (open > now) return { wait: open, reason: CLOSED_TODAY_REASON }
          if (localDate(p.at, tz) !== today && plan.some((r) => localDate(r.at, tz) === today)) {
            return { skip: DAY_PASSED_REASON }
          }
        }
        return { kind: 'payment_reminder', order, stage: p.stage, days: p.days, last, promised }
      }
      case FOLLOWUP.checkin: {
        const p = payloadOf(FOLLOWUP_JOBS.checkin, job)
        const order = p.orderId === null ? undefined : findOrder(db, p.orderId)
        const why = undone(order)
        if (why) return { skip: why.reason, dropped: why.code }
        return { kind: 'checkin', order }
      }
      case FOLLOWUP.review: {
        const why = reviewUndone(db, reviewOrderIds(job, client.id)) ?? soured(job, client.id)
        if (why) return { skip: why.reason }
        const asked = reviewAskedAlready(db, { clientId: client.id, at: now, exceptJobId: job.id })
        if (asked) return { skip: asked }
        const links = settings().review_links
        if (links.length === 0) return { skip: NO_REVIEW_LINKS.reason }
        return { kind: 'review_request', links }
      }
      case FOLLOWUP.nps: {
        if (hasFeedback(db, client.id, 'nps')) return { skip: 'The client has already answered the NPS question.' }
        const why = soured(job, client.id)
        if (why) return { skip: why.reason, dropped: why.code }
        return { kind: 'nps' }
      }
      case FOLLOWUP.reengage: {
        const p = payloadOf(FOLLOWUP_JOBS.reengage, job)
        if (client.lastSeenAt > p.silentSince) return { skip: 'The client wrote again: no need to re-engage.' }
        const since = now - REENGAGE_MIN_INTERVAL_DAYS * DAY
        const last = lastSendAt(db, { clientId: client.id, kinds: [FOLLOWUP.reengage], since, exceptJobId: job.id })
        if (last !== undefined) return { skip: `Re-engaged less than ${REENGAGE_MIN_INTERVAL_DAYS} days ago.` }
        return { kind: 'reengage' }
      }
      case FOLLOWUP.greeting: {
        const p = payloadOf(FOLLOWUP_JOBS.greeting, job)
        if (localDate(now, timezoneOf(client, businessTz())) !== p.date) {
          return { skip: 'The date of the greeting has passed.' }
        }
        if (p.type === 'birthday' && (!client.birthday || !sameDay(client.birthday, p.date))) {
          return { skip: 'The client no longer has this birthday on file.' }
        }
        return { kind: 'greeting', type: p.type, years: p.years }
      }
      default:
        return { skip: `Not a follow-up kind: ${job.kind}` }
    }
  }

  const policy = {
    /**
     * Decides what to do with a follow-up job that came up: skip (with a reason), wait
     * (quiet hours, daily cap) or send. Kind-specific relevance comes before the waiting
     * rules, so a paid order's reminder is dropped rather than postponed.
     */
    check(job: JobRow): FollowupDecision {
      const now = clock.now()
      const kind = job.kind as FollowupKind
      if (!FOLLOWUP_KINDS.includes(kind)) return { action: 'skip', reason: `Not a follow-up kind: ${job.kind}` }
      const to = recipient(job)
      if ('hold' in to) {
        // The last reminder of an invoice still unpaid would have told the team it is theirs now:
        // it must not vanish unsaid because the client blocked the bot
        const unreached = to.hold.code === 'blocked' ? lastReminderOf(job) : undefined
        return { action: 'skip', reason: to.hold.reason, ...(unreached ? { unreached } : {}) }
      }
      const { client } = to
      const details = checkRelevance(job, client, now)
      if ('skip' in details) {
        return { action: 'skip', reason: details.skip, ...(details.dropped ? { dropped: details.dropped } : {}) }
      }
      // Too late is dropped first: a job waiting on an open request would otherwise wait for nothing
      const late = lateness(job, kind, now)
      if (late) return { action: 'skip', reason: late }
      const held = requestHold(kind, client.id)
      if (held) return { action: 'wait', at: now + held.recheck, reason: held.hold.reason }
      if ('wait' in details) return { action: 'wait', at: details.wait, reason: details.reason }

      const tz = timezoneOf(client, businessTz())
      const quiet = settings().quiet_hours
      const morning = afterQuietHours(now, tz, quiet)
      if (morning > now) return { action: 'wait', at: morning, reason: `Quiet hours (${tz}): waiting for the morning.` }
      // After the quiet hours, as planning reads it: a question due at night before a day off
      // waits for that morning, then moves to the next working day from there
      const moved = offDayMove(job, client.id, now)
      if (moved !== undefined) return { action: 'wait', at: moved, reason: DAY_OFF_REASON, offDay: true }
      const cap = DAILY_CAPS.find((c) => c.kinds.includes(kind))
      if (cap) {
        const since = now - cap.gap
        const sent = lastSendAt(db, { clientId: client.id, kinds: cap.kinds, since, exceptJobId: apartFrom(job) })
        const rated = cap.ratings ? lastSolvedByClientAt(db, client.id, since) : undefined
        const last = sent === undefined || rated === undefined ? (sent ?? rated) : Math.max(sent, rated)
        if (last !== undefined)
          return { action: 'wait', at: afterQuietHours(last + cap.gap, tz, quiet), reason: cap.reason }
      }
      return { action: 'send', client, details }
    },

    recipient,

    /**
     * When the client's promise to pay `order` runs out (the morning after the day they named):
     * no payment reminder of it goes before then. Undefined without a promise.
     */
    promiseEnds,

    /**
     * What keeps a pending follow-up or flow reminder (`LISTED_KINDS`) from going out as
     * things stand, by the rules its run applies first: who may be written to, a flow reminder
     * while the client is with a manager, a payment reminder held by the client's "I paid",
     * a payment reminder, check-in or review request about an order the business took back
     * (cancelled, refunded), a review request the client soured since (a low rating, a
     * complaint), a check-in, review request or NPS waiting while the client's request
     * is open, and a payment reminder while the client waits for the team's answer there.
     * /followups and the card show it beside the job.
     */
    holdOf(job: JobRow, to = recipient(job)): Hold | undefined {
      if ('hold' in to) return to.hold
      if (job.kind === NUDGE_JOB.kind) return nudgeHold(job, to.client.id)
      const taken = holdOfOrder(job, to.client.id) ?? soured(job, to.client.id)
      if (taken) return taken
      if (job.kind === FOLLOWUP.review && settings().review_links.length === 0) return NO_REVIEW_LINKS
      return requestHold(job.kind, to.client.id)?.hold
    },

    /**
     * When a pending follow-up (`LISTED_KINDS`) is next up, for staff to read (/followups, the
     * card): past the client's quiet hours on their clock as it is now (a zone given after it was
     * planned moves it). Undefined when it waits on the client's request past its planned time:
     * its time is then only when the hold is looked at again (a check-in "planned" for 16:20 that
     * was not), and `hold` says what it waits for. (One paused by the client's "I paid" keeps the
     * time of its stage: one per invoice stays, and it says which.) A flow's reminder: its `run_at`,
     * its own rules (working hours) applied when it comes up; the daily cap on questions is planned
     * for already (`questionAt`).
     */
    goesAt(job: JobRow, hold: Hold | undefined): number | undefined {
      const kind = job.kind as FollowupKind
      // A flow's reminder: its own rules, its own time
      if (!FOLLOWUP_KINDS.includes(kind)) return job.runAt
      // (Read leniently: a list must not fail on one row it cannot read)
      const read = FOLLOWUP_BY_KIND[kind].schema.safeParse(job.payload)
      const planned = read.success ? read.data.at : undefined
      const onRequest = hold === REQUEST_OPEN || hold === CLIENT_WAITING
      if (onRequest && (planned ?? job.runAt) <= clock.now()) return undefined
      const payment = kind === FOLLOWUP.payment ? FOLLOWUP_JOBS.payment.schema.safeParse(job.payload).data : undefined
      // Put off by a promise to pay: the morning after its day, not the job's own time; the first
      // reminder, by a quiet stretch after the client last wrote (as its check puts it off)
      const order = payment === undefined ? undefined : findOrder(db, payment.orderId)
      const first = payment?.stage === 'first' ? order : undefined
      const seen = first && job.clientId !== null ? (findClientById(db, job.clientId)?.lastSeenAt ?? null) : null
      const quiet = first ? quietStretchEnd(first, seen) : undefined
      const runAt = Math.max(job.runAt, hold?.until ?? 0, quiet ?? 0)
      const at = job.clientId === null ? runAt : sendableAt({ db, content }, job.clientId, runAt)
      // A question on a day the business no longer works: where its run will move it
      if (job.clientId !== null && QUESTION_KINDS.includes(kind)) return offDayMove(job, job.clientId, at) ?? at
      if (payment === undefined || !speaksOverdue(payment.stage, order, at)) return at
      // An overdue payment reminder on a day the business is closed goes at its next opening, in
      // the client's daytime (check)
      return job.clientId === null ? openOnItsDay(at) : overdueGoesAt(job.clientId, at)
    },

    /** A follow-up reached the client: an event for the stats. */
    recordSent(job: JobRow, clientId: number): void {
      clients.recordEvent(clientId, 'followup_sent', { job: job.id, kind: job.kind })
    },

    /**
     * The client's other payment reminders that go in one message with `job` (a payment reminder
     * its run sends now, about `orderId`): due within TOGETHER_MS from now, not sent yet, each of
     * another invoice (one per invoice) and each one its own run would send now, by `check`.
     */
    dueTogether(job: JobRow, orderId: number): { job: JobRow; details: PaymentDetails }[] {
      if (job.clientId === null) return []
      const others = unsentJobsDueBy(db, {
        clientId: job.clientId,
        kind: FOLLOWUP.payment,
        by: clock.now() + TOGETHER_MS,
        exceptId: job.id,
      })
      const orders = new Set([orderId])
      const together: { job: JobRow; details: PaymentDetails }[] = []
      for (const other of others) {
        const decision = policy.check(other)
        if (decision.action !== 'send' || decision.details.kind !== 'payment_reminder') continue
        if (orders.has(decision.details.order.id)) continue
        orders.add(decision.details.order.id)
        together.push({ job: other, details: decision.details })
      }
      return together
    },

    /**
     * Payment reminders whose message leaves now within the reminder of invoice `orderId`: done,
     * taken as the message leaves, so that none goes again apart after a message that may have
     * arrived (a crash, no answer from Telegram). False, and nothing taken, when any of them went
     * or was taken back meanwhile (paid, cancelled, another run): the message names one it must not.
     */
    claimTogether(ids: readonly number[], orderId: number): boolean {
      const outcome = togetherOutcome(orderId)
      const now = clock.now()
      if (completeJobsSentWith(db, { ids, kind: FOLLOWUP.payment, outcome }, now) === ids.length) return true
      undoJobsSentWith(db, { ids, outcome, to: 'pending' }, now)
      return false
    },

    /**
     * The message that named them did not go (`pending`: each goes by its own run) or may have
     * arrived (`uncertain`, as its lead reminder is: never sent again).
     */
    undoTogether(ids: readonly number[], orderId: number, to: 'pending' | 'uncertain'): void {
      const reason =
        to === 'uncertain'
          ? `Sent in one message with the reminder of invoice #${orderId}, and Telegram did not answer it: whether it was delivered is unknown; it was not sent again.`
          : undefined
      undoJobsSentWith(db, { ids, outcome: togetherOutcome(orderId), to, ...(reason ? { reason } : {}) }, clock.now())
    },
  }
  return policy
}

/** The outcome of a payment reminder sent within invoice `orderId`'s. */
const togetherOutcome = (orderId: number) => `Sent in one message with the reminder of invoice #${orderId}.`

/** What a payment reminder says. */
export type PaymentDetails = Extract<SendDetails, { kind: 'payment_reminder' }>
