/**
 * Loads the rows the stats maths needs (src/services/stats.ts), aggregated in SQL down to
 * what changes an answer: the maths stays in one place and keeps its answers, the
 * database does the scanning. Read-only; meant for the read worker's connection. Only
 * clients count: what the team does with the bot themselves is left out (`isClient`).
 */
import { and, eq, isNotNull, min, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { clients, orders } from '../schema.ts'
import { isClient } from './clients.ts'
import { staffMemberName } from './staff.ts'

/** The rows /stats computes from (src/services/stats.ts), one shape each. */
export interface EventRow {
  clientId: number | null
  type: string
  createdAt: number
}
export interface BookingStatRow {
  clientId: number
  status: 'booked' | 'cancelled' | 'called' | 'no_answer'
  slotStart: number
  createdAt: number
}
export interface HandoffStatRow {
  id: number
  openedAt: number
  firstResponseAt: number | null
  firstResponderId: number | null
  /** Working minutes to the first answer, as counted when it came; null before it was stored. */
  firstResponseMinutes: number | null
  managerId: number | null
  /** The deadline it was opened with; null before deadlines were stored (counted from the content as it is). */
  slaDueAt: number | null
  /** When it went unanswered past its deadline (the SLA alert), and who led it then (null: nobody). */
  slaBreachedAt: number | null
  slaBreachedBy: number | null
  closedAt: number | null
  /** client | timeout | staff | erased; null on requests closed before this was recorded. */
  closedBy: string | null
  /** When its first wait ended with nothing owed before any answer (the client settled it, or it opened with news alone). */
  settledAt: number | null
}
export interface FeedbackStatRow {
  kind: string
  score: number
  managerId: number | null
  /** The request a manager's rating is about (null for the other kinds). */
  handoffId: number | null
  createdAt: number
}
export interface CustomerRow {
  clientId: number
  /** When their first order was paid: from then on they count as a customer. */
  firstPaidAt: number
  /** Erased (/forget) or blocked the bot: no longer a customer from then on. */
  goneAt: number | null
}
export interface ActivityRow {
  clientId: number
  at: number
}
/**
 * The follow-up waits gone late in the period, counted in SQL: a client wrote again in an
 * answered request and nobody answered within the answer time (the "⏰ … снова ждёт ответа"
 * alert). One row per lead of the request when it went late (null: nobody led it).
 */
export interface ReplyLateRow {
  managerId: number | null
  waits: number
}

/**
 * The follow-up waits begun in the period that did not go late (by now): answered in time, still
 * within their answer time, or ended with the request. With those gone late (`ReplyLateRow`), every
 * wait of the period: how many times a client wrote again in an answered request. One row per lead
 * of the request (null: nobody leads it).
 */
export type ReplyWaitRow = ReplyLateRow

export interface StatsWindow {
  /** The reported period [from, to). */
  from: number
  to: number
  /** Where the data starts: the retention history's first instant minus the activity window (a day: its start). */
  since: number
  /**
   * The instants retention is measured at: `first` + k × `step` for k = 0… (the period boundaries).
   * Null for a day, which has no retention: no customers or activity are read.
   */
  retention: { first: number; step: number } | null
}

/** Everything /stats computes from, already narrowed and aggregated in SQL. */
export interface StatsRows {
  events: EventRow[]
  bookings: BookingStatRow[]
  handoffs: HandoffStatRow[]
  feedback: FeedbackStatRow[]
  customers: CustomerRow[]
  activity: ActivityRow[]
  repliesLate: ReplyLateRow[]
  /**
   * The period's follow-up waits that did not go late (`loadRepliesNotLate`): what, with
   * `repliesLate`, the waits gone late are out of. Absent: none.
   */
  repliesNotLate?: ReplyWaitRow[]
  /**
   * Since when follow-up waits gone late are recorded (`REPLY_LATE_EVENT`), when that is after
   * the period's start: before it they were not kept, and the period's figure is only from then.
   * Null when they were kept the whole period.
   */
  repliesLateFrom: number | null
}

/**
 * A client's message in an answered request went past its answer time unanswered (recorded with
 * the alert, once per wait): `{ handoffId, since, lead }`, `lead` the request's lead then (null:
 * nobody). /stats counts them: the wait's end leaves nothing else behind (`client_waiting_since`
 * and `reply_late_at` are cleared by the team's answer).
 */
export const REPLY_LATE_EVENT = 'reply_late'

/**
 * The kind of the job that checks a client's follow-up wait at its answer time
 * (`HANDOFF_REPLY_JOB`, src/services/handoff/model.ts): one is planned as each wait begins, keyed
 * `handoff_reply:<request id>:<the wait's start>` (`replyKey`; a later round of the same wait, or a
 * reminder, has more after it). Jobs are kept, their keys through an erasure too: /stats counts the
 * waits from them (`loadRepliesNotLate`, by `jobs_reply_checks_idx`).
 */
export const REPLY_CHECK_JOB = 'handoff_reply'

/**
 * When `REPLY_LATE_EVENT` began to be recorded, written once by the migration that brought it
 * (0056) on a database where follow-up waits were already watched: the last time such a check ran
 * before it, so every wait alerted without its event is before this moment. A database with no
 * such check before has none: its figure is whole.
 */
export const REPLY_LATE_COUNTED_FROM = 'reply_late_counted_from'

/**
 * The events that are a client's own doing. With their messages, bookings, ratings and
 * payments they are a customer's activity for retention ("active within
 * followups.reengage_after_days", docs/owners.md) — defined here and nowhere else. What the
 * bot or the team does for a client is not their activity: the re-engagement message
 * (`followup_sent`) sent because they were silent, an invoice issued (`invoice_created`,
 * and so an order's creation) or cancelled (`invoice_cancelled`), a call's outcome, an
 * answer within the SLA, a service done, a refund. `booking_moved` is left out too: the team
 * moves bookings as well, and the event does not say who did. A new event of the client's
 * doing belongs here.
 */
export const CLIENT_ACTION_EVENTS = [
  'client_new',
  'start',
  'start_again',
  'discovery_done',
  'discovery_edited',
  'quiz_done',
  'product_vote',
  'handoff_opened',
  'reviewed',
  'review_click',
  'checkin_answered',
  'nps_answered',
  'client_reported_paid',
  'booking_cancelled',
  'consent_given',
  'consent_declined',
  'consent_withdrawn',
] as const

export function loadStatsRows(db: Db, { from, to, since, retention }: StatsWindow): StatsRows {
  const client = isClient(sql.raw('client_id'))
  // The funnel's cohort (a `start` in the period) and, per member, when each step was first
  // reached from `from` on: one row per client and event type instead of every event.
  // Paid is an order paid from `from` on and not refunded since — the `paid` event stays
  // when the money goes back, and the money lines count a refunded order as not paid.
  const events = db.all<EventRow>(sql`
    with cohort as materialized (
      select client_id from events
      where type = 'start' and created_at >= ${from} and created_at < ${to} and client_id is not null and ${client})
    select client_id as clientId, type, min(created_at) as createdAt from events
    where created_at >= ${from} and type <> 'paid' and client_id in (select client_id from cohort)
    group by client_id, type
    union all
    select client_id, 'paid', min(paid_at) from orders
    where status = 'paid' and paid_at >= ${from} and client_id in (select client_id from cohort)
    group by client_id`)
  const bookings = db.all<BookingStatRow>(sql`
    select client_id as clientId, status, slot_start as slotStart, created_at as createdAt from bookings
    where ((created_at >= ${from} and created_at < ${to}) or (slot_start >= ${from} and slot_start < ${to})) and ${client}`)
  const handoffs = db.all<HandoffStatRow>(sql`
    select id, opened_at as openedAt, first_response_at as firstResponseAt,
      first_responder_id as firstResponderId, first_response_minutes as firstResponseMinutes,
      manager_id as managerId, sla_due_at as slaDueAt,
      sla_breached_at as slaBreachedAt, sla_breached_by as slaBreachedBy, closed_at as closedAt, closed_by as closedBy,
      settled_at as settledAt
    from handoffs
    where ((opened_at >= ${from} and opened_at < ${to})
      -- closures count requests closed in the period, whenever they were opened
      or (closed_at >= ${from} and closed_at < ${to}))
      and ${client}`)
  // From `since`, for the surveys; a manager rated in the period is listed even without requests in it
  const feedback = db.all<FeedbackStatRow>(sql`
    select kind, score, manager_id as managerId, handoff_id as handoffId, created_at as createdAt from feedback where created_at >= ${since} and ${client}`)
  const late = loadRepliesLate(db, from, to)
  // The waits of the period are counted from when the late ones are: a base without them would shrink the share
  const repliesNotLate = loadRepliesNotLate(db, late.repliesLateFrom ?? from, to)
  const rows = { events, bookings, handoffs, feedback, ...late, repliesNotLate }
  return retention === null
    ? { ...rows, customers: [], activity: [] }
    : { ...rows, ...loadRetentionRows(db, since, retention) }
}

/**
 * The customers and their activity retention is measured from, the activity from `since`. A
 * customer's activity: their own doing only (the events above, payments, bookings, ratings, their
 * messages). Retention only asks "the latest activity at or before instant t" for t = first + k ×
 * step, so per customer the latest activity between two consecutive instants answers every
 * question the full history would.
 */
function loadRetentionRows(
  db: Db,
  since: number,
  { first, step }: { first: number; step: number },
): { customers: CustomerRow[]; activity: ActivityRow[] } {
  const client = isClient(sql.raw('client_id'))
  const customers = loadCustomers(db)
  const activity = db.all<ActivityRow>(sql`
    with customer as materialized (
      select distinct client_id from orders where status = 'paid' and paid_at is not null and ${client}),
    activity(client_id, at) as (
      select e.client_id, e.created_at from events e join customer c on c.client_id = e.client_id
        where e.created_at >= ${since} and e.type in ${CLIENT_ACTION_EVENTS}
      union all select o.client_id, o.paid_at from orders o join customer c on c.client_id = o.client_id
        where o.paid_at >= ${since}
      union all select b.client_id, b.created_at from bookings b join customer c on c.client_id = b.client_id
        where b.created_at >= ${since}
      union all select f.client_id, f.created_at from feedback f join customer c on c.client_id = f.client_id
        where f.created_at >= ${since}
      union all select m.client_id, m.created_at from messages m join customer c on c.client_id = m.client_id
        where m.created_at >= ${since} and m.direction = 'in')
    select client_id as clientId, max(at) as at from activity
    group by client_id, case when at <= ${first} then 0 else (at - ${first} + ${step - 1}) / ${step} end`)
  return { customers, activity }
}

/**
 * The follow-up waits gone late in [from, to), per lead of the request then: a count per lead
 * straight from the events' (type, created_at) index, no row read into memory — and since when
 * they are kept, when that falls inside the period.
 */
export function loadRepliesLate(
  db: Db,
  from: number,
  to: number,
): { repliesLate: ReplyLateRow[]; repliesLateFrom: number | null } {
  const repliesLate = db.all<ReplyLateRow>(sql`
    select json_extract(data, '$.lead') as managerId, count(*) as waits from events
    where type = ${REPLY_LATE_EVENT} and created_at >= ${from} and created_at < ${to} and ${isClient(sql.raw('client_id'))}
    group by 1 order by 1`)
  const counted = db.get<{ at: number | null }>(sql`
    select max(created_at) as at from events where type = ${REPLY_LATE_COUNTED_FROM}`)
  const start = counted?.at ?? null
  return { repliesLate, repliesLateFrom: start !== null && start > from ? start : null }
}

/**
 * The follow-up waits begun in [from, to) that have not gone late (no `REPLY_LATE_EVENT` of theirs),
 * per lead of the request: read from their answer-time checks (`REPLY_CHECK_JOB`, the first round's
 * key alone: a wait's later rounds and reminders are the same wait), a range of
 * `jobs_reply_checks_idx`. Whether one went late is looked up among the late waits since `from`
 * (one begun then went late after it), by the check's key built from the event's request and start.
 * A wait begun before `from` and gone late in the period is among the late ones already.
 */
export function loadRepliesNotLate(db: Db, from: number, to: number): ReplyWaitRow[] {
  const prefix = `${REPLY_CHECK_JOB}:`
  // The request's id: the key's part between the prefix and the next colon
  const rest = sql.raw(`substr(j.dedupe_key, ${prefix.length + 1})`)
  return db.all<ReplyWaitRow>(sql`
    select h.manager_id as managerId, count(*) as waits from jobs j
    left join handoffs h on h.id = cast(substr(${rest}, 1, instr(${rest}, ':') - 1) as integer)
    where j.kind = ${sql.raw(`'${REPLY_CHECK_JOB}'`)} and j.created_at >= ${from} and j.created_at < ${to}
      and j.dedupe_key not like ${`${prefix}%:%:%`} and ${isClient(sql.raw('j.client_id'))}
      and j.dedupe_key not in (
        select ${prefix} || json_extract(data, '$.handoffId') || ':' || json_extract(data, '$.since') from events
        where type = ${REPLY_LATE_EVENT} and created_at >= ${from})
    group by 1 order by 1`)
}

/** Customers: clients with a paid order, from their first payment on, until they were erased or blocked. */
export function loadCustomers(db: Db): CustomerRow[] {
  return db
    .select({
      clientId: orders.clientId,
      firstPaidAt: min(orders.paidAt),
      deletedAt: clients.deletedAt,
      blockedAt: clients.blockedAt,
    })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .where(and(eq(orders.status, 'paid'), isNotNull(orders.paidAt), isClient(orders.clientId)))
    .groupBy(orders.clientId)
    .all()
    .map((r) => ({
      clientId: r.clientId,
      firstPaidAt: r.firstPaidAt as number,
      goneAt: minOf(r.deletedAt, r.blockedAt),
    }))
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.min(a, b)
}

export interface RevenueRow {
  currency: string
  /** How it was paid (legacy rows without it were confirmed by staff). */
  via: 'staff' | 'provider' | 'stars'
  orders: number
  /** Minor units of `currency`. */
  amount: number
}

/**
 * Money in [from, to), summed in SQL: invoices paid in the period by currency and by how
 * they were paid (a refunded one is not revenue), and the refunds made in the period.
 * `jobs`: the orders those paid invoices are of — a prepayment and its balance are one
 * (`orders.partOf`), counted in each period one of its invoices was paid in.
 * Clients' orders only: the team trying the payment flow on themselves is not revenue.
 */
export function loadRevenue(
  db: Db,
  from: number,
  to: number,
): { paid: RevenueRow[]; refunds: RevenueRow[]; jobs: number } {
  const paidIn = sql`${orders.status} = 'paid' and ${orders.paidAt} >= ${from} and ${orders.paidAt} < ${to}`
  const rows = db.all<RevenueRow & { status: 'paid' | 'refunded' }>(sql`
    select ${orders.status} as status, ${orders.currency} as currency, coalesce(${orders.paidVia}, 'staff') as via,
      count(*) as orders, sum(${orders.amount}) as amount
    from ${orders}
    where ((${paidIn})
      or (${orders.status} = 'refunded' and ${orders.refundedAt} >= ${from} and ${orders.refundedAt} < ${to}))
      and ${isClient(orders.clientId)}
    group by 1, 2, 3 order by 2, 3`)
  const pick = (status: string) => rows.filter((r) => r.status === status).map(({ status: _, ...row }) => row)
  const jobs = db.get<{ n: number }>(sql`
    select count(distinct coalesce(${orders.partOf}, ${orders.id})) as n from ${orders}
    where ${paidIn} and ${isClient(orders.clientId)}`)
  return { paid: pick('paid'), refunds: pick('refunded'), jobs: jobs?.n ?? 0 }
}

/** Display names of staff members, also of those who left the team: the team's one chain of names (`staffMemberName`). */
export function staffNames(db: Db, ids: readonly number[]): Map<number, string> {
  const names = new Map<number, string>()
  for (const id of ids) {
    const name = staffMemberName(db, id)
    if (name) names.set(id, name)
  }
  return names
}
