/**
 * Follow-up policy and scheduling, Telegram-agnostic: which follow-ups exist, when each is
 * due, and — when its job comes up — whether it is still relevant, allowed and timely.
 * The job handlers (src/jobs/followups.ts) only render and send what `check` allows.
 *
 * Rules for every kind: nothing to blocked or forgotten clients; quiet hours in the client's
 * time zone (else the business's) postpone a send to the morning; marketing kinds need consent
 * (and respect /stop) and go out at most once per client per 24 hours; a follow-up that became
 * irrelevant (paid, cancelled, superseded, too late) is skipped with a reason staff can read.
 */
import { DateTime } from 'luxon'
import type { Db } from '../../db/client.ts'
import { findClientById } from '../../db/repositories/clients.ts'
import {
  cancelPendingJobsByKeyPrefix,
  countJobs,
  findGreetingCandidates,
  findPendingJob,
  findSilentConsentedClients,
  hasFeedback,
  insertFeedback,
  lastSendAt,
  listJobs,
  recordJobEventOnce,
} from '../../db/repositories/followups.ts'
import { cancelJobs, enqueueJob, getJob } from '../../db/repositories/jobs.ts'
import { findOrder } from '../../db/repositories/orders.ts'
import type { ClientRow, JobRow, OrderRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import { isTimeZone, type ReviewLink } from '../content/schema.ts'
import type { ContentStore } from '../content/store.ts'
import type { ClientService } from './clients.ts'
import { FUNNEL } from './funnel.ts'
import { afterQuietHours, localDate } from './time.ts'

export const FOLLOWUP = {
  payment: 'payment_reminder',
  checkin: 'checkin',
  review: 'review_request',
  nps: 'nps',
  reengage: 'reengage',
  greeting: 'greeting',
} as const
export type FollowupKind = (typeof FOLLOWUP)[keyof typeof FOLLOWUP]
export const FOLLOWUP_KINDS: readonly FollowupKind[] = Object.values(FOLLOWUP)

/** The daily job that finds silent clients and today's birthdays and anniversaries. */
export const FOLLOWUP_SWEEP = 'followups_sweep'

/** Kinds that advertise rather than serve an order: consent, /stop and the daily cap apply. */
export const MARKETING_KINDS: readonly string[] = [FOLLOWUP.reengage, FOLLOWUP.greeting]

/**
 * Kinds staff see and may cancel in /followups. `nudge` is the discovery/quiz/booking
 * reminder built with those flows; other jobs (SLA timers, the sweep) are not follow-ups.
 */
export type ListedKind = FollowupKind | 'nudge'
export const LISTED_KINDS: readonly ListedKind[] = [...FOLLOWUP_KINDS, 'nudge']
export const isListedKind = (kind: string): kind is ListedKind => (LISTED_KINDS as readonly string[]).includes(kind)

/**
 * How late (after its planned time) a follow-up may still go out, e.g. after the bot was
 * down: a "how did it go?" two weeks late is no longer care. Payment reminders stay
 * relevant while the order is unpaid, but only the latest due stage is sent.
 */
export const MAX_LATE_DAYS: Readonly<Record<FollowupKind, number>> = {
  payment_reminder: 30,
  checkin: 14,
  review_request: 14,
  nps: 30,
  reengage: 30,
  greeting: 1,
}

/** While a client's "I paid" awaits staff confirmation, due payment reminders are re-checked this often. */
export const PAYMENT_CONFIRM_WAIT_MS = 3 * 60 * 60_000

/** Local time (business time zone) of the dated payment reminders: before, on and after the due date. */
export const DATED_REMINDER_TIME = '11:00'
/** Local time (client's time zone, else business) of birthday and anniversary greetings. */
export const GREETING_TIME = '11:00'
/** Local time (business time zone) of the daily sweep. */
export const SWEEP_TIME = '06:00'
/** A dated reminder closer than this to the invoice itself is not scheduled: the invoice just said it. */
const MIN_GAP_AFTER_INVOICE_MS = 3 * 3_600_000
/** Re-engagement goes to one client at most once in this many days. */
export const REENGAGE_MIN_INTERVAL_DAYS = 90
/** How long uncertain sends stay listed for staff. */
const UNCERTAIN_LISTED_DAYS = 30

const HOUR = 3_600_000
const DAY = 24 * HOUR

export type PaymentStage = 'first' | 'before' | 'due' | 'overdue'

export interface PaymentPayload {
  orderId: number
  stage: PaymentStage
  /** Days before (before) or after (overdue) the due date. */
  days: number
  /** The planned time (UTC ms); quiet hours may move `run_at` but not this. */
  at: number
}
export interface CheckinPayload {
  orderId: number | null
  at: number
}
export interface ReviewPayload {
  checkinJobId: number
  rating: number
  at: number
}
export interface NpsPayload {
  at: number
}
export interface ReengagePayload {
  silentSince: number
  at: number
}
export interface GreetingPayload {
  type: 'birthday' | 'anniversary'
  /** The local date (YYYY-MM-DD) the greeting is for. */
  date: string
  /** Anniversary: whole years since the first contact. */
  years: number
  at: number
}

/** A reachable client: not deleted, with a Telegram id. */
export type ReachableClient = ClientRow & { telegramId: number }

export type SendDetails =
  | { kind: 'payment_reminder'; order: OrderRow; stage: PaymentStage; days: number }
  | { kind: 'checkin'; order: OrderRow | undefined }
  | { kind: 'review_request'; links: ReviewLink[] }
  | { kind: 'nps' }
  | { kind: 'reengage' }
  | { kind: 'greeting'; type: 'birthday' | 'anniversary'; years: number }

export type FollowupDecision =
  | { action: 'skip'; reason: string }
  | { action: 'wait'; at: number; reason: string }
  | { action: 'send'; client: ReachableClient; details: SendDetails }

export interface PlannedReminder {
  stage: PaymentStage
  days: number
  at: number
}

export type AnswerResult<T> = { status: 'recorded'; value: T } | { status: 'already' } | { status: 'invalid' }

export type FollowupService = ReturnType<typeof createFollowupService>

export function createFollowupService({
  db,
  clock,
  content,
  clients,
}: {
  db: Db
  clock: Clock
  content: ContentStore
  clients: ClientService
}) {
  const settings = () => content.get().followups
  const businessTz = () => content.get().business.timezone

  /** The client's time zone when known and valid, else the business's. */
  function timezoneOf(client: Pick<ClientRow, 'timezone'>): string {
    return client.timezone && isTimeZone(client.timezone) ? client.timezone : businessTz()
  }

  function atLocal(date: string, time: string, tz: string): number {
    return DateTime.fromISO(`${date}T${time}`, { zone: tz }).toMillis()
  }

  function plusDays(date: string, days: number): string {
    return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toFormat('yyyy-MM-dd')
  }

  /**
   * When an order's payment reminders are due, soonest first: the dated ones at
   * DATED_REMINDER_TIME before, on and after the due date, and a first reminder
   * `first_after_hours` after the invoice unless a dated one comes within a day of it.
   * Stages that would fall before the invoice (or right after it) are left out.
   */
  function paymentPlan(order: Pick<OrderRow, 'createdAt' | 'dueAt'>): PlannedReminder[] {
    const rules = settings().payment_reminders
    const tz = businessTz()
    const dated: PlannedReminder[] = []
    if (order.dueAt !== null) {
      const dueDate = localDate(order.dueAt, tz)
      const at = (days: number) => atLocal(plusDays(dueDate, days), DATED_REMINDER_TIME, tz)
      if (rules.before_due_days > 0) {
        dated.push({ stage: 'before', days: rules.before_due_days, at: at(-rules.before_due_days) })
      }
      dated.push({ stage: 'due', days: 0, at: at(0) })
      for (const days of [...new Set(rules.overdue_days)].sort((a, b) => a - b)) {
        dated.push({ stage: 'overdue', days, at: at(days) })
      }
    }
    const plan = dated.filter((r) => r.at >= order.createdAt + MIN_GAP_AFTER_INVOICE_MS)
    if (rules.first_after_hours > 0) {
      const firstAt = order.createdAt + rules.first_after_hours * HOUR
      if (!plan.some((r) => r.at < firstAt + DAY)) plan.push({ stage: 'first', days: 0, at: firstAt })
    }
    return plan.sort((a, b) => a.at - b.at)
  }

  const paymentKey = (orderId: number, r: Pick<PlannedReminder, 'stage' | 'days'>) =>
    `pay:${orderId}:${r.stage}${r.stage === 'overdue' || r.stage === 'before' ? `:${r.days}` : ''}`

  function lateness(job: JobRow, kind: FollowupKind, now: number): string | undefined {
    const at = (job.payload as { at?: unknown }).at
    if (typeof at !== 'number') return undefined
    const limit = MAX_LATE_DAYS[kind]
    if (now - at <= limit * DAY) return undefined
    return `Too late: it was planned for ${new Date(at).toISOString()} and is more than ${limit} day(s) overdue (the bot was off), so it was not sent.`
  }

  function checkRelevance(
    job: JobRow,
    client: ReachableClient,
    now: number,
  ): SendDetails | { skip: string } | { wait: number; reason: string } {
    switch (job.kind) {
      case FOLLOWUP.payment: {
        const p = job.payload as PaymentPayload
        const order = findOrder(db, p.orderId)
        if (!order || order.clientId !== client.id) return { skip: 'The order no longer exists.' }
        if (order.status === 'paid') return { skip: 'The order is paid.' }
        if (order.status === 'cancelled') return { skip: 'The order was cancelled.' }
        if (order.clientReportedPaidAt !== null) {
          // Held, not dropped: if staff answer "not received", the reminder still goes
          return {
            wait: now + PAYMENT_CONFIRM_WAIT_MS,
            reason: 'The client says they have paid; waiting for staff to confirm.',
          }
        }
        const later = paymentPlan(order).some((r) => r.at > p.at && r.at <= now)
        if (later)
          return { skip: 'A later reminder for this order is already due (the bot was off): only that one is sent.' }
        return { kind: 'payment_reminder', order, stage: p.stage, days: p.days }
      }
      case FOLLOWUP.checkin: {
        const p = job.payload as CheckinPayload
        const order = p.orderId === null ? undefined : findOrder(db, p.orderId)
        if (order?.status === 'cancelled') return { skip: 'The order was cancelled.' }
        return { kind: 'checkin', order }
      }
      case FOLLOWUP.review: {
        const links = settings().review_links
        if (links.length === 0) return { skip: 'No review links in the content file (followups.review_links).' }
        return { kind: 'review_request', links }
      }
      case FOLLOWUP.nps:
        if (hasFeedback(db, client.id, 'nps')) return { skip: 'The client has already answered the NPS question.' }
        return { kind: 'nps' }
      case FOLLOWUP.reengage: {
        const p = job.payload as ReengagePayload
        if (client.lastSeenAt > p.silentSince) return { skip: 'The client wrote again: no need to re-engage.' }
        const since = now - REENGAGE_MIN_INTERVAL_DAYS * DAY
        const last = lastSendAt(db, { clientId: client.id, kinds: [FOLLOWUP.reengage], since, exceptJobId: job.id })
        if (last !== undefined) return { skip: `Re-engaged less than ${REENGAGE_MIN_INTERVAL_DAYS} days ago.` }
        return { kind: 'reengage' }
      }
      case FOLLOWUP.greeting: {
        const p = job.payload as GreetingPayload
        if (localDate(now, timezoneOf(client)) !== p.date) return { skip: 'The date of the greeting has passed.' }
        if (p.type === 'birthday' && (!client.birthday || !sameDay(client.birthday, p.date))) {
          return { skip: 'The client no longer has this birthday on file.' }
        }
        return { kind: 'greeting', type: p.type, years: p.years }
      }
      default:
        return { skip: `Not a follow-up kind: ${job.kind}` }
    }
  }

  const service = {
    timezoneOf,
    paymentPlan,

    /** Enqueues an order's payment reminders; returns what was planned. */
    schedulePaymentReminders(order: OrderRow): PlannedReminder[] {
      const plan = paymentPlan(order)
      for (const r of plan) {
        const payload: PaymentPayload = { orderId: order.id, stage: r.stage, days: r.days, at: r.at }
        enqueueJob(
          db,
          {
            kind: FOLLOWUP.payment,
            runAt: r.at,
            payload,
            clientId: order.clientId,
            dedupeKey: paymentKey(order.id, r),
          },
          clock.now(),
        )
      }
      return plan
    },

    cancelPaymentReminders(order: Pick<OrderRow, 'id' | 'clientId'>, reason: string): number {
      return cancelPendingJobsByKeyPrefix(
        db,
        { clientId: order.clientId, prefix: `pay:${order.id}:`, reason },
        clock.now(),
      )
    },

    /**
     * After a service is done: a check-in in `checkin_after_days` and, after the client's
     * first completed service only, the NPS question in `nps_after_days`. Without an order a
     * second /done while a check-in is pending schedules nothing new.
     */
    scheduleAfterDone({ clientId, orderId, doneAt }: { clientId: number; orderId: number | null; doneAt: number }): {
      checkinAt: number
      npsAt?: number
    } {
      const f = settings()
      const pending = orderId === null ? findPendingJob(db, clientId, FOLLOWUP.checkin) : undefined
      let checkinAt = pending?.runAt ?? doneAt + f.checkin_after_days * DAY
      if (!pending) {
        const payload: CheckinPayload = { orderId, at: checkinAt }
        const key = orderId === null ? `checkin:client:${clientId}:${doneAt}` : `checkin:order:${orderId}`
        const row = enqueueJob(
          db,
          { kind: FOLLOWUP.checkin, runAt: checkinAt, payload, clientId, dedupeKey: key },
          clock.now(),
        )
        if (!row && orderId !== null) {
          // /done twice for one order: the first check-in stands.
          checkinAt = findPendingJob(db, clientId, FOLLOWUP.checkin)?.runAt ?? checkinAt
        }
      }
      const npsAt = doneAt + f.nps_after_days * DAY
      const nps = enqueueJob(
        db,
        {
          kind: FOLLOWUP.nps,
          runAt: npsAt,
          payload: { at: npsAt } satisfies NpsPayload,
          clientId,
          dedupeKey: `nps:${clientId}`,
        },
        clock.now(),
      )
      return nps ? { checkinAt, npsAt } : { checkinAt }
    },

    /**
     * Decides what to do with a follow-up job that came up: skip (with a reason), wait
     * (quiet hours, daily cap) or send. Kind-specific relevance comes before the waiting
     * rules, so a paid order's reminder is dropped rather than postponed.
     */
    check(job: JobRow): FollowupDecision {
      const now = clock.now()
      const kind = job.kind as FollowupKind
      if (!FOLLOWUP_KINDS.includes(kind)) return { action: 'skip', reason: `Not a follow-up kind: ${job.kind}` }
      const client = job.clientId === null ? undefined : findClientById(db, job.clientId)
      if (!client || client.deletedAt !== null || client.telegramId === null) {
        return { action: 'skip', reason: 'The client deleted their data.' }
      }
      if (client.blockedAt !== null) return { action: 'skip', reason: 'The client blocked the bot.' }
      const marketing = MARKETING_KINDS.includes(kind)
      if (marketing && !clients.canReceiveMarketing(client)) {
        return { action: 'skip', reason: 'No marketing consent (never given, or the client used /stop).' }
      }
      const reachable = client as ReachableClient
      const details = checkRelevance(job, reachable, now)
      if ('skip' in details) return { action: 'skip', reason: details.skip }
      if ('wait' in details) return { action: 'wait', at: details.wait, reason: details.reason }
      const late = lateness(job, kind, now)
      if (late) return { action: 'skip', reason: late }

      const tz = timezoneOf(client)
      const quiet = settings().quiet_hours
      const morning = afterQuietHours(now, tz, quiet)
      if (morning > now) return { action: 'wait', at: morning, reason: `Quiet hours (${tz}): waiting for the morning.` }
      if (marketing) {
        const last = lastSendAt(db, {
          clientId: client.id,
          kinds: MARKETING_KINDS,
          since: now - DAY,
          exceptJobId: job.id,
        })
        if (last !== undefined) {
          return {
            action: 'wait',
            at: afterQuietHours(last + DAY, tz, quiet),
            reason: 'Another marketing message went to this client in the last 24 hours.',
          }
        }
      }
      return { action: 'send', client: reachable, details }
    },

    /** A follow-up reached the client: an event for the stats. */
    recordSent(job: JobRow, clientId: number): void {
      clients.recordEvent(clientId, 'followup_sent', { job: job.id, kind: job.kind })
    },

    /**
     * The client's 1–5 answer to a check-in. Counted once per check-in. A rating from
     * `review_min_rating` up schedules a review request (`review_after_days` later);
     * a lower one is `low`: the caller apologises and escalates to a manager at once.
     */
    answerCheckin(
      jobId: number,
      client: ClientRow,
      score: number,
    ): AnswerResult<{ low: boolean; order: OrderRow | undefined; reviewAt?: number }> {
      const job = getJob(db, jobId)
      if (!wasSent(job, FOLLOWUP.checkin, client) || !(score >= 1 && score <= 5)) {
        return { status: 'invalid' }
      }
      const now = clock.now()
      if (!recordJobEventOnce(db, { clientId: client.id, jobId, type: 'checkin_answered', data: { score } }, now)) {
        return { status: 'already' }
      }
      const { orderId } = job.payload as CheckinPayload
      const order = orderId === null ? undefined : findOrder(db, orderId)
      insertFeedback(db, { clientId: client.id, kind: 'checkin', score, orderId }, now)
      const f = settings()
      if (score < f.review_min_rating) return { status: 'recorded', value: { low: true, order } }
      const reviewAt = now + f.review_after_days * DAY
      const payload: ReviewPayload = { checkinJobId: jobId, rating: score, at: reviewAt }
      enqueueJob(
        db,
        { kind: FOLLOWUP.review, runAt: reviewAt, payload, clientId: client.id, dedupeKey: `review:${jobId}` },
        now,
      )
      return { status: 'recorded', value: { low: false, order, reviewAt } }
    },

    /** The client's 0–10 answer to the NPS question, once; 0–6 is a detractor. */
    answerNps(jobId: number, client: ClientRow, score: number): AnswerResult<{ detractor: boolean }> {
      const job = getJob(db, jobId)
      if (!wasSent(job, FOLLOWUP.nps, client) || !(score >= 0 && score <= 10)) {
        return { status: 'invalid' }
      }
      const now = clock.now()
      if (!recordJobEventOnce(db, { clientId: client.id, jobId, type: 'nps_answered', data: { score } }, now)) {
        return { status: 'already' }
      }
      insertFeedback(db, { clientId: client.id, kind: 'nps', score }, now)
      return { status: 'recorded', value: { detractor: score <= 6 } }
    },

    /**
     * A click on a review link button: recorded (the first click of a request counts as
     * `reviewed` in the funnel and makes the client an advocate), then the link is returned.
     */
    reviewClick(jobId: number, client: ClientRow, index: number): ReviewLink | undefined {
      const job = getJob(db, jobId)
      const link = settings().review_links[index]
      if (!wasSent(job, FOLLOWUP.review, client) || !link) return undefined
      clients.recordEvent(client.id, 'review_click', { job: jobId, link: index, url: link.url })
      if (recordJobEventOnce(db, { clientId: client.id, jobId, type: FUNNEL.reviewed }, clock.now())) {
        clients.advanceStage(client, 'advocate')
      }
      return link
    },

    /**
     * What staff see: pending follow-ups (soonest first; all clients when `clientId` is
     * omitted) and recent uncertain sends (the bot stopped mid-send: maybe delivered).
     */
    list({ clientId, limit }: { clientId?: number; limit: number }): {
      upcoming: JobRow[]
      more: number
      uncertain: JobRow[]
    } {
      const pending = { kinds: LISTED_KINDS, statuses: ['pending'] as const, clientId }
      const upcoming = listJobs(db, pending, limit)
      const total = countJobs(db, pending)
      const uncertain = listJobs(
        db,
        {
          kinds: LISTED_KINDS,
          statuses: ['uncertain'],
          clientId,
          updatedSince: clock.now() - UNCERTAIN_LISTED_DAYS * DAY,
        },
        limit,
      )
      return { upcoming, more: Math.max(0, total - upcoming.length), uncertain }
    },

    /** Cancels a pending follow-up; with `clientId`, only that client's. */
    cancel(jobId: number, { clientId, by }: { clientId?: number; by: string }): JobRow | undefined {
      const job = getJob(db, jobId)
      if (job?.status !== 'pending' || !isListedKind(job.kind)) return undefined
      if (clientId !== undefined && job.clientId !== clientId) return undefined
      const n = cancelJobs(db, { id: jobId }, `Cancelled by staff (${by}).`, clock.now())
      return n === 1 ? getJob(db, jobId) : undefined
    },

    /**
     * The daily sweep: a re-engagement for each consenting client silent for
     * `reengage_after_days`, and birthday/anniversary greetings for today and tomorrow
     * (each client's local date). Idempotent: dedupe keys make a second run a no-op.
     */
    sweep(): { reengage: number; greetings: number } {
      const now = clock.now()
      const f = settings()
      let greetings = 0
      const greeted = new Set<number>()
      for (const c of findGreetingCandidates(db)) {
        const tz = timezoneOf(c)
        const today = localDate(now, tz)
        for (const date of [today, plusDays(today, 1)]) {
          const year = Number(date.slice(0, 4))
          const found: Array<{ type: 'birthday' | 'anniversary'; years: number }> = []
          if (c.birthday && sameDay(c.birthday, date)) found.push({ type: 'birthday', years: 0 })
          const firstContact = localDate(c.createdAt, tz)
          const years = year - Number(firstContact.slice(0, 4))
          if (['customer', 'repeat', 'advocate'].includes(c.stage) && years >= 1 && sameDay(firstContact, date)) {
            found.push({ type: 'anniversary', years })
          }
          for (const g of found) {
            greeted.add(c.id)
            const at = atLocal(date, GREETING_TIME, tz)
            const payload: GreetingPayload = { type: g.type, date, years: g.years, at }
            const row = enqueueJob(
              db,
              {
                kind: FOLLOWUP.greeting,
                runAt: at,
                payload,
                clientId: c.id,
                dedupeKey: `greeting:${g.type}:${c.id}:${year}`,
              },
              now,
            )
            if (row) greetings++
          }
        }
      }
      let reengage = 0
      const interval = now - REENGAGE_MIN_INTERVAL_DAYS * DAY
      for (const c of findSilentConsentedClients(db, now - f.reengage_after_days * DAY)) {
        // A greeting is a warm hello already; a recent re-engagement must not repeat (the
        // next sweep after the interval picks the client up again).
        if (greeted.has(c.id)) continue
        if (lastSendAt(db, { clientId: c.id, kinds: [FOLLOWUP.reengage], since: interval }) !== undefined) continue
        const payload: ReengagePayload = { silentSince: c.lastSeenAt, at: now }
        const row = enqueueJob(
          db,
          {
            kind: FOLLOWUP.reengage,
            runAt: now,
            payload,
            clientId: c.id,
            dedupeKey: `reengage:${c.id}:${c.lastSeenAt}`,
          },
          now,
        )
        if (row) reengage++
      }
      return { reengage, greetings }
    },

    /**
     * Makes sure the daily sweep is scheduled: today's (business date) at once if it has not
     * run yet, and the next one at SWEEP_TIME. Safe to call at every start-up.
     */
    ensureSweepScheduled(): void {
      const now = clock.now()
      const tz = businessTz()
      const today = localDate(now, tz)
      enqueueJob(db, { kind: FOLLOWUP_SWEEP, runAt: now, dedupeKey: `followups:sweep:${today}` }, now)
      service.scheduleNextSweep()
    },

    /** Enqueues the sweep for the next SWEEP_TIME after now. */
    scheduleNextSweep(): void {
      const now = clock.now()
      const tz = businessTz()
      let date = localDate(now, tz)
      if (atLocal(date, SWEEP_TIME, tz) <= now) date = plusDays(date, 1)
      enqueueJob(
        db,
        { kind: FOLLOWUP_SWEEP, runAt: atLocal(date, SWEEP_TIME, tz), dedupeKey: `followups:sweep:${date}` },
        now,
      )
    },
  }
  return service
}

/**
 * A button answers a follow-up only if that follow-up is this client's, of this kind, and
 * was actually sent (forged data could name a job still pending).
 */
function wasSent(job: JobRow | undefined, kind: FollowupKind, client: ClientRow): job is JobRow {
  return job !== undefined && job.kind === kind && job.clientId === client.id && job.sendingAt !== null
}

/**
 * True when `birthday` (YYYY-MM-DD) falls on `date`'s month and day. A 29 February birthday
 * is celebrated on 28 February in other years.
 */
export function sameDay(birthday: string, date: string): boolean {
  const md = birthday.slice(5)
  const year = Number(date.slice(0, 4))
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const effective = md === '02-29' && !leap ? '02-28' : md
  return effective === date.slice(5)
}
