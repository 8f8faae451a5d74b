/**
 * Queries the follow-ups need over tables they share with other features: jobs (what was
 * sent, what is scheduled), feedback, handoffs and clients. Synchronous, plain rows.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  like,
  lt,
  lte,
  max,
  ne,
  notInArray,
  or,
  sql,
} from 'drizzle-orm'
import type { Db } from '../client.ts'
import {
  type ClientRow,
  clients,
  type FEEDBACK_KINDS,
  feedback,
  handoffs,
  type JobRow,
  jobs,
  orders,
} from '../schema.ts'
import { isClient, marketingAudience } from './clients.ts'
import { UNHAPPY_REASONS } from './segments.ts'

/** An NPS score up to this is a detractor's (0–6), as the NPS question's answer and /stats count it. */
export const NPS_DETRACTOR_MAX = 6
/** An NPS score from this up is a promoter's (9–10); between the two, a passive's. */
export const NPS_PROMOTER_MIN = 9

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

export function insertFeedback(
  db: Db,
  row: { clientId: number; kind: FeedbackKind; score: number; orderId?: number | null; comment?: string | null },
  now: number,
): void {
  db.insert(feedback)
    .values({ ...row, createdAt: now })
    .run()
}

/** The orders (null: a check-in about no order) of the client's check-in ratings from `minScore` up since `since`. */
export function ratedOrderIds(
  db: Db,
  { clientId, since, minScore }: { clientId: number; since: number; minScore: number },
): (number | null)[] {
  return db
    .select({ orderId: feedback.orderId })
    .from(feedback)
    .where(
      and(
        eq(feedback.clientId, clientId),
        eq(feedback.kind, 'checkin'),
        gte(feedback.score, minScore),
        gte(feedback.createdAt, since),
      ),
    )
    .all()
    .map((row) => row.orderId)
}

/**
 * How the client showed themselves unhappy at or after `since`, the latest way first checked:
 * a rating under `lowBelow` (a check-in, or a closed request's speed or quality: the line
 * `followups.review_min_rating` draws for both), an NPS score of 0–6 (a detractor), or a request
 * opened for an unhappy reason (UNHAPPY_REASONS: a complaint, "not solved", rude or distrustful
 * words, the money asked back — open or closed since), or an order of theirs refunded. Undefined
 * when none.
 */
export function unhappySince(
  db: Db,
  { clientId, since, lowBelow }: { clientId: number; since: number; lowBelow: number },
): 'rating' | 'nps' | 'complaint' | 'refund' | undefined {
  const low = db
    .select({ kind: feedback.kind })
    .from(feedback)
    .where(
      and(
        eq(feedback.clientId, clientId),
        gte(feedback.createdAt, since),
        or(
          and(inArray(feedback.kind, ['checkin', 'handoff_speed', 'handoff_quality']), lt(feedback.score, lowBelow)),
          and(eq(feedback.kind, 'nps'), lte(feedback.score, NPS_DETRACTOR_MAX)),
        ),
      ),
    )
    .get()
  if (low) return low.kind === 'nps' ? 'nps' : 'rating'
  const complaint = db
    .select({ id: handoffs.id })
    .from(handoffs)
    .where(
      and(
        eq(handoffs.clientId, clientId),
        gte(handoffs.openedAt, since),
        inArray(handoffs.reason, [...UNHAPPY_REASONS]),
      ),
    )
    .get()
  if (complaint) return 'complaint'
  const refund = db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.clientId, clientId), eq(orders.status, 'refunded'), gte(orders.refundedAt, since)))
    .get()
  return refund ? 'refund' : undefined
}

export function hasFeedback(db: Db, clientId: number, kind: FeedbackKind): boolean {
  const row = db
    .select({ n: count() })
    .from(feedback)
    .where(and(eq(feedback.clientId, clientId), eq(feedback.kind, kind)))
    .get()
  return (row?.n ?? 0) > 0
}

/**
 * The latest time a job of one of `kinds` began sending to the client at or after `since`
 * (delivered or uncertain: an uncertain send may well have arrived). Excludes `exceptJobId`
 * (one job or several).
 */
export function lastSendAt(
  db: Db,
  {
    clientId,
    kinds,
    since,
    exceptJobId,
  }: { clientId: number; kinds: readonly string[]; since: number; exceptJobId?: number | readonly number[] },
): number | undefined {
  if (kinds.length === 0) return undefined
  const except = exceptJobId === undefined ? [] : typeof exceptJobId === 'number' ? [exceptJobId] : [...exceptJobId]
  const row = db
    .select({ at: max(jobs.sendingAt) })
    .from(jobs)
    .where(
      and(
        eq(jobs.clientId, clientId),
        inArray(jobs.status, ['done', 'uncertain', 'running']),
        inArray(jobs.kind, [...kinds]),
        gte(jobs.sendingAt, since),
        except.length === 0 ? undefined : notInArray(jobs.id, except),
      ),
    )
    .get()
  return row?.at ?? undefined
}

/**
 * When the client's jobs of `kinds` went or go, soonest first, from `since` on: the time a sent
 * one began sending (delivered or uncertain), a pending one's run time. Excludes `exceptJobIds`,
 * and a pending job about an order the business took back (cancelled, refunded): its run skips
 * it, so it keeps no day from another question.
 */
export function followupTimes(
  db: Db,
  {
    clientId,
    kinds,
    since,
    exceptJobIds = [],
  }: { clientId: number; kinds: readonly string[]; since: number; exceptJobIds?: readonly number[] },
): number[] {
  if (kinds.length === 0) return []
  const at = sql<number>`coalesce(${jobs.sendingAt}, ${jobs.runAt})`
  return db
    .select({ at })
    .from(jobs)
    .where(
      and(
        eq(jobs.clientId, clientId),
        inArray(jobs.status, ['pending', 'running', 'done', 'uncertain']),
        inArray(jobs.kind, [...kinds]),
        gte(at, since),
        exceptJobIds.length === 0 ? undefined : notInArray(jobs.id, [...exceptJobIds]),
        sql`not (${jobs.status} = 'pending' and exists (select 1 from ${orders} where ${orders.id} = json_extract(${jobs.payload}, '$.orderId') and ${orders.status} in ('cancelled', 'refunded')))`,
      ),
    )
    .orderBy(asc(at))
    .all()
    .map((row) => row.at)
}

/** Cancels the client's pending jobs whose dedupe key starts with `prefix` (an order's reminders). */
export function cancelPendingJobsByKeyPrefix(
  db: Db,
  { clientId, prefix, reason }: { clientId: number; prefix: string; reason: string },
  now: number,
): number {
  return db
    .update(jobs)
    .set({ status: 'cancelled', outcome: reason, updatedAt: now })
    .where(and(eq(jobs.clientId, clientId), eq(jobs.status, 'pending'), like(jobs.dedupeKey, `${prefix}%`)))
    .run().changes
}

/** Jobs of one kind still to be sent: waiting (pending), or claimed by a run that has not sent them yet. */
const unsent = (kind: string) =>
  and(eq(jobs.kind, kind), or(eq(jobs.status, 'pending'), and(eq(jobs.status, 'running'), isNull(jobs.sendingAt))))

/**
 * The client's jobs of `kind` due by `by` and not sent yet (`unsent`), but for `exceptId`, soonest
 * first: the payment reminders that go in one message with the one running.
 */
export function unsentJobsDueBy(
  db: Db,
  { clientId, kind, by, exceptId }: { clientId: number; kind: string; by: number; exceptId: number },
): JobRow[] {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.clientId, clientId), unsent(kind), lte(jobs.runAt, by), ne(jobs.id, exceptId)))
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .all()
}

/**
 * Jobs whose message went within another's (`outcome` says which): done, unless they were sent
 * meanwhile. A run that claimed one and has not reached it finds its claim gone and leaves it.
 */
export function completeJobsSentWith(
  db: Db,
  { ids, kind, outcome }: { ids: readonly number[]; kind: string; outcome: string },
  now: number,
): number {
  if (ids.length === 0) return 0
  return db
    .update(jobs)
    .set({ status: 'done', outcome, lockedUntil: null, updatedAt: now })
    .where(and(inArray(jobs.id, [...ids]), unsent(kind)))
    .run().changes
}

/**
 * Jobs `completeJobsSentWith` marked done with `outcome` whose message did not go after all: back
 * to pending (`to: 'pending'`), each to be sent by its own run — or uncertain (`to: 'uncertain'`,
 * with `reason`), as the message that named them may have arrived.
 */
export function undoJobsSentWith(
  db: Db,
  {
    ids,
    outcome,
    to,
    reason,
  }: { ids: readonly number[]; outcome: string; to: 'pending' | 'uncertain'; reason?: string },
  now: number,
): number {
  if (ids.length === 0) return 0
  const set =
    to === 'pending'
      ? { status: 'pending' as const, outcome: null, updatedAt: now }
      : { status: 'uncertain' as const, outcome: reason ?? null, lastError: reason ?? null, updatedAt: now }
  return db
    .update(jobs)
    .set(set)
    .where(and(inArray(jobs.id, [...ids]), eq(jobs.status, 'done'), eq(jobs.outcome, outcome)))
    .run().changes
}

/**
 * The dedupe keys of the client's jobs whose key starts with `prefix` (an order's reminders), but
 * for cancelled ones: one staff took off the list is not a reminder that stands for another.
 */
export function jobKeysByPrefix(db: Db, { clientId, prefix }: { clientId: number; prefix: string }): Set<string> {
  const rows = db
    .select({ key: jobs.dedupeKey })
    .from(jobs)
    .where(and(eq(jobs.clientId, clientId), like(jobs.dedupeKey, `${prefix}%`), ne(jobs.status, 'cancelled')))
    .all()
  return new Set(rows.map((row) => row.key ?? ''))
}

export interface JobListFilter {
  kinds: readonly string[]
  statuses: readonly JobRow['status'][]
  clientId?: number
  /** Only jobs updated at or after this time (for finished ones such as `uncertain`). */
  updatedSince?: number
}

function jobFilter({ kinds, statuses, clientId, updatedSince }: JobListFilter) {
  return and(
    inArray(jobs.status, [...statuses]),
    inArray(jobs.kind, [...kinds]),
    clientId === undefined ? undefined : eq(jobs.clientId, clientId),
    updatedSince === undefined ? undefined : gte(jobs.updatedAt, updatedSince),
    // A client who erased their data has nothing to come, and nobody can check with them
    // whether a send arrived: their uncertain and given-up jobs are not for staff to act on
    sql`not exists (select 1 from ${clients} where ${clients.id} = ${jobs.clientId} and ${clients.deletedAt} is not null)`,
  )
}

/** Matching jobs, soonest first. */
export function listJobs(db: Db, filter: JobListFilter, limit: number): JobRow[] {
  return db.select().from(jobs).where(jobFilter(filter)).orderBy(asc(jobs.runAt), asc(jobs.id)).limit(limit).all()
}

export function countJobs(db: Db, filter: JobListFilter): number {
  return db.select({ n: count() }).from(jobs).where(jobFilter(filter)).get()?.n ?? 0
}

/** The client's job of one of `kinds` sent last, at or after `since`, if any. */
export function lastSentJob(db: Db, clientId: number, kinds: readonly string[], since: number): JobRow | undefined {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.clientId, clientId),
        inArray(jobs.kind, [...kinds]),
        inArray(jobs.status, ['done', 'uncertain']),
        gte(jobs.sendingAt, since),
      ),
    )
    .orderBy(desc(jobs.sendingAt))
    .get()
}

/** A pending job of `kind` for the client (the one with `dedupeKey` when given), if any. */
export function findPendingJob(db: Db, clientId: number, kind: string, dedupeKey?: string): JobRow | undefined {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.clientId, clientId),
        eq(jobs.status, 'pending'),
        eq(jobs.kind, kind),
        dedupeKey === undefined ? undefined : eq(jobs.dedupeKey, dedupeKey),
      ),
    )
    .orderBy(desc(jobs.runAt))
    .get()
}

export interface SweepCandidate {
  id: number
  birthday: string | null
  timezone: string | null
  stage: ClientRow['stage']
  createdAt: number
  lastSeenAt: number
  /** A birthday, or a customer's first contact, near one of the month-days asked about. */
  greeting: boolean
  /** Silent since before `silentBefore`, not re-engaged since `reengagedSince` nor for this silence yet. */
  silent: boolean
}

/**
 * The daily sweep's clients, in one pass over the clients who may get marketing, oldest
 * first: those who may have a birthday or a first-contact anniversary (customers only) on
 * one of `monthDays` ("MM-DD", UTC dates around today: the caller checks each client's
 * own date), and those silent long enough for a re-engagement. Only the few who are due
 * come back, however many clients there are.
 */
export function findSweepCandidates(
  db: Db,
  {
    monthDays,
    silentBefore,
    reengagedSince,
  }: { monthDays: readonly string[]; silentBefore: number; reengagedSince: number },
): SweepCandidate[] {
  const days = JSON.stringify(monthDays)
  const greeting = sql`(substr(${clients.birthday}, 6, 5) in (select value from json_each(${days}))
    or (${inArray(clients.stage, ['customer', 'repeat', 'advocate'])}
      and strftime('%m-%d', ${clients.createdAt} / 1000, 'unixepoch') in (select value from json_each(${days}))))`
  // Most silent clients were re-engaged for this very silence: that probe (a unique key) comes first
  const silent = sql`(${clients.lastSeenAt} <= ${silentBefore}
    and not exists (select 1 from ${jobs}
      where ${jobs.dedupeKey} = 'reengage:' || ${clients.id} || ':' || ${clients.lastSeenAt})
    and not exists (select 1 from ${jobs} where ${jobs.clientId} = ${clients.id} and ${jobs.kind} = 'reengage'
      and ${jobs.status} in ('done', 'uncertain', 'running') and ${jobs.sendingAt} >= ${reengagedSince}))`
  return (
    db
      .select({
        id: clients.id,
        birthday: clients.birthday,
        timezone: clients.timezone,
        stage: clients.stage,
        createdAt: clients.createdAt,
        lastSeenAt: clients.lastSeenAt,
        greeting: sql<number>`${greeting}`.mapWith(Boolean),
        silent: sql<number>`${silent}`.mapWith(Boolean),
      })
      .from(clients)
      // Reads many columns of each row in id order: the table, not the audience's index
      .where(and(marketingAudience({ byIndex: false }), isClient(), sql`(${greeting} or ${silent})`))
      .orderBy(asc(clients.id))
      .all() as SweepCandidate[]
  )
}
