/**
 * What the follow-ups are: their kinds, payloads and timing constants, and the small date
 * helpers every part uses. Rules live beside this file: when each is due (planning.ts,
 * sweep.ts), whether one may go out (policy.ts), the client's answers (answers.ts) and
 * what staff see (staff-list.ts).
 */

import { DateTime } from 'luxon'
import { z } from 'zod'
import type { Db } from '../../../db/client.ts'
import { findClientById } from '../../../db/repositories/clients.ts'
import { lastEventAt } from '../../../db/repositories/events.ts'
import { followupTimes } from '../../../db/repositories/followups.ts'
import type { ClientRow, OrderRow } from '../../../db/schema.ts'
import type { Clock } from '../../clock.ts'
import { isTimeZone, type ReviewLink } from '../../content/schema.ts'
import type { ContentStore } from '../../content/store.ts'
import { businessCalendar } from '../../format.ts'
import { shortFingerprint } from '../../text.ts'
import type { ClientService } from '../clients.ts'
import { defineJob, type JobDefinition, type JobPayload, type Scheduler } from '../jobs.ts'
import { afterQuietHours, localDate, nextWorkingTime } from '../time.ts'
import type { ReadWorker } from '../worker/read-worker.ts'
import type { Hold } from './policy.ts'

/** What the parts of the follow-ups service are built from. */
export interface FollowupDeps {
  db: Db
  clock: Clock
  content: ContentStore
  clients: ClientService
  reads: ReadWorker
  scheduler: Scheduler
  /**
   * The daily sweep added a greeting for the client: the client card lists it. Told after the
   * sweep's writes, not in their transactions; the scheduler tells of a job run or cancelled,
   * not of one enqueued, and what else plans a follow-up comes with an event the card follows.
   */
  onScheduled?: (clientId: number) => void
}

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
export const FOLLOWUP_SWEEP = defineJob('followups_sweep', z.object({}), 'fu-kind-followups_sweep')

/** Kinds that advertise rather than serve an order: consent, /stop and the daily cap apply. */
export const MARKETING_KINDS: readonly string[] = [FOLLOWUP.reengage, FOLLOWUP.greeting]

/**
 * Kinds that ask the client something (how it went, a review, would they recommend us): one a
 * day per client however many orders were done together, a daily cap apart from marketing's.
 */
export const QUESTION_KINDS: readonly string[] = [FOLLOWUP.checkin, FOLLOWUP.review, FOLLOWUP.nps]

/**
 * The client asked in words for no more of the questions after an order (`QUESTION_KINDS`): an
 * event, with its time. While it stands none is planned for them (a later /done, a good rating);
 * it stays until /forget, which leaves it with an anonymous row the person no longer comes back as.
 */
export const QUESTIONS_DECLINED = 'followups_declined'

/** When the client asked for no more questions after an order (`QUESTIONS_DECLINED`); undefined if never. */
export function questionsDeclinedAt(db: Db, clientId: number): number | undefined {
  return lastEventAt(db, clientId, QUESTIONS_DECLINED, QUESTIONS_DECLINED)
}

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

/**
 * Payment reminders of one client due within this of one another go as one message naming each
 * invoice (two invoices made a minute apart brought two "in case it got lost" a minute apart).
 */
export const TOGETHER_MS = 3_600_000

/**
 * A reminder after a promise to pay recalls it only this soon after the promise ran out: a month
 * later, "you wrote you would pay" no longer reads as the same conversation.
 */
export const PROMISE_RECALLED_DAYS = 3

/** While a client's "I paid" awaits staff confirmation, due payment reminders are re-checked this often. */
export const PAYMENT_CONFIRM_WAIT_MS = 3 * 60 * 60_000

/** Local time (business time zone) of the dated payment reminders: before, on and after the due date. */
export const DATED_REMINDER_TIME = '11:00'
/** Local time (client's time zone, else business) of birthday and anniversary greetings. */
export const GREETING_TIME = '11:00'
/** Local time (business time zone) of the daily sweep. */
export const SWEEP_TIME = '06:00'
/** Re-engagement goes to one client at most once in this many days. */
export const REENGAGE_MIN_INTERVAL_DAYS = 90
/**
 * A review request goes to one client at most once in this many days, whichever good check-in
 * asked for it: two orders rated well together would otherwise ask the same twice.
 */
export const REVIEW_MIN_INTERVAL_DAYS = 90

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

/**
 * Questions are planned a day apart (`questionAt`); when one comes up, it waits while another
 * went less than this before (the bot was off and both came up together). Short of a day, so a
 * send that left a little late (the poller, the send queue, the morning after quiet hours) does
 * not push the next one, planned a day after it, off its time.
 */
export const QUESTION_MIN_GAP_MS = 20 * HOUR

/** 'again': an invoice with no due date reminded a second time, days after it (`UNDATED_AGAIN_DAYS`). */
export const PAYMENT_STAGES = ['first', 'before', 'due', 'overdue', 'again'] as const
export type PaymentStage = (typeof PAYMENT_STAGES)[number]

/** The planned time (UTC ms) of a follow-up; quiet hours may move `run_at` but not this. */
const at = z.number().int()
const id = z.number().int().positive()

/** The follow-up jobs (handlers: src/jobs/followups.ts), each with its payload and its name for staff. */
export const FOLLOWUP_JOBS = {
  payment: defineJob(
    FOLLOWUP.payment,
    z.object({
      orderId: id,
      stage: z.enum(PAYMENT_STAGES),
      /** Days before (before) or after (overdue) the due date. */
      days: z.number().int(),
      at,
    }),
    'fu-kind-payment_reminder',
  ),
  checkin: defineJob(FOLLOWUP.checkin, z.object({ orderId: id.nullable(), at }), 'fu-kind-checkin'),
  review: defineJob(
    FOLLOWUP.review,
    z.object({ checkinJobId: id, rating: z.number().int(), at }),
    'fu-kind-review_request',
  ),
  nps: defineJob(FOLLOWUP.nps, z.object({ at }), 'fu-kind-nps'),
  reengage: defineJob(FOLLOWUP.reengage, z.object({ silentSince: z.number().int(), at }), 'fu-kind-reengage'),
  greeting: defineJob(
    FOLLOWUP.greeting,
    z.object({
      type: z.enum(['birthday', 'anniversary']),
      /** The local date (YYYY-MM-DD) the greeting is for. */
      date: z.iso.date(),
      /** Anniversary: whole years since the first contact. */
      years: z.number().int().nonnegative(),
      at,
    }),
    'fu-kind-greeting',
  ),
}

/** Each follow-up's definition by its kind; every follow-up's payload has its planned time. */
export const FOLLOWUP_BY_KIND: Readonly<Record<FollowupKind, JobDefinition<{ at: number }>>> = Object.fromEntries(
  Object.values(FOLLOWUP_JOBS).map((job) => [job.kind, job]),
) as Record<FollowupKind, JobDefinition<{ at: number }>>

export type PaymentPayload = JobPayload<typeof FOLLOWUP_JOBS.payment>
export type CheckinPayload = JobPayload<typeof FOLLOWUP_JOBS.checkin>
export type ReviewPayload = JobPayload<typeof FOLLOWUP_JOBS.review>
export type NpsPayload = JobPayload<typeof FOLLOWUP_JOBS.nps>
export type ReengagePayload = JobPayload<typeof FOLLOWUP_JOBS.reengage>
export type GreetingPayload = JobPayload<typeof FOLLOWUP_JOBS.greeting>

/**
 * Six hex characters over a review link's URL. A review button carries it with the link's
 * position, so a tap opens the site the button names even after the owner has since added,
 * removed or reordered `followups.review_links`.
 */
export function reviewLinkFingerprint(link: Pick<ReviewLink, 'url'>): string {
  return shortFingerprint(link.url)
}

/** A reachable client: not deleted, with a Telegram id. */
export type ReachableClient = ClientRow & { telegramId: number }

export type SendDetails =
  | {
      kind: 'payment_reminder'
      order: OrderRow
      stage: PaymentStage
      days: number
      /**
       * The last reminder of an invoice with a due date (no later one is planned): once it goes,
       * only a person can chase the money.
       */
      last: boolean
      /**
       * The client promised to pay by a day that has passed since ("оплачу в пятницу"): this
       * reminder, the first after it, recalls the promise, and once it went the promise is spent.
       */
      promised: boolean
    }
  | { kind: 'checkin'; order: OrderRow | undefined }
  | { kind: 'review_request'; links: ReviewLink[] }
  | { kind: 'nps' }
  | { kind: 'reengage' }
  | { kind: 'greeting'; type: 'birthday' | 'anniversary'; years: number }

export type FollowupDecision =
  /**
   * `unreached`: the unpaid invoice whose last reminder this was, skipped as the client blocked the bot.
   * `dropped`: a question /done announced in the topic (the check-in, NPS) that will not go after
   * all, its hold's code (`followups-hold-<code>`): the topic is told which and why.
   */
  | { action: 'skip'; reason: string; unreached?: OrderRow; dropped?: Hold['code'] }
  /** `offDay`: a question moved off a day the business does not work (its run logs the move). */
  | { action: 'wait'; at: number; reason: string; offDay?: true }
  | { action: 'send'; client: ReachableClient; details: SendDetails }

export interface PlannedReminder {
  stage: PaymentStage
  days: number
  at: number
}

/**
 * A payment reminder as scheduled: `sendsAt` is when it goes, as /followups shows it (`at` moved
 * out of the client's quiet hours; an overdue one on a day the business is closed, to its opening).
 */
export interface ScheduledReminder extends PlannedReminder {
  sendsAt: number
}

export type AnswerResult<T> = { status: 'recorded'; value: T } | { status: 'already' } | { status: 'invalid' }

/** The client's time zone when known and valid, else the business's. */
export function timezoneOf(client: Pick<ClientRow, 'timezone'>, businessTz: string): string {
  return client.timezone && isTimeZone(client.timezone) ? client.timezone : businessTz
}

/**
 * When a follow-up planned for `at` can go to the client: past their quiet hours (in their
 * zone, else the business's), as the policy lets it at its run. A check-in, NPS or review
 * request is planned for that time, so /done, /followups and the card say when it really goes
 * (a /done at 04:07 used to promise a check-in at 04:07 that went at 09:00).
 */
export function sendableAt(
  { db, content }: Pick<FollowupDeps, 'db' | 'content'>,
  clientId: number,
  at: number,
): number {
  const { business, followups } = content.get()
  const client = findClientById(db, clientId)
  return afterQuietHours(at, client ? timezoneOf(client, business.timezone) : business.timezone, followups.quiet_hours)
}

/**
 * `at`, or when the business does not work on its day (a holiday, a closed weekday: the content
 * file's calendar, `businessCalendar`), the same time of day on the next day it works. A question
 * from the business ("порекомендуете ли нас?") asked on its day off — 7 January, say — reads as
 * sent by nobody, and its answer waits for nobody there. A calendar that never opens leaves it.
 */
export function onWorkingDay({ content }: Pick<FollowupDeps, 'content'>, at: number): number {
  const calendar = businessCalendar(content.get())
  const tz = calendar.timezone
  const day = DateTime.fromMillis(at, { zone: tz })
  const opens = nextWorkingTime(day.startOf('day').toMillis(), calendar)
  if (opens === undefined) return at
  const workday = DateTime.fromISO(localDate(opens, tz), { zone: tz })
  return workday.hasSame(day, 'day')
    ? at
    : day.set({ year: workday.year, month: workday.month, day: workday.day }).toMillis()
}

/**
 * When a question (QUESTION_KINDS) to the client planned for `at` can go: on a day the business
 * works (`onWorkingDay`), past the client's quiet hours (`sendableAt`) and a day apart from every
 * other question of theirs, sent or still to come (before it or after it), as the policy's daily
 * cap lets it at its run. Two orders done together ask one the third day and the other the
 * fourth, and /done, /followups and the card say so. `apart`: jobs not counted (a review request
 * asked right after the rating it follows is that answer's reply, not another question). The
 * policy asks it again for a question whose day became a day off after it was planned.
 */
export function questionAt(
  deps: Pick<FollowupDeps, 'db' | 'content'>,
  { clientId, at, apart = [] }: { clientId: number; at: number; apart?: readonly number[] },
): number {
  const goes = (ms: number) => sendableAt(deps, clientId, onWorkingDay(deps, ms))
  let t = goes(at)
  for (;;) {
    let next = t
    const others = followupTimes(deps.db, { clientId, kinds: QUESTION_KINDS, since: t - DAY + 1, exceptJobIds: apart })
    for (const other of others) if (other > next - DAY && other < next + DAY) next = other + DAY
    next = goes(next)
    if (next === t) return t
    t = next
  }
}

/** A local date and time of day in `tz`, as UTC ms. */
export function atLocal(date: string, time: string, tz: string): number {
  return DateTime.fromISO(`${date}T${time}`, { zone: tz }).toMillis()
}

/** YYYY-MM-DD plus `days`. */
export function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toFormat('yyyy-MM-dd')
}

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days
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
