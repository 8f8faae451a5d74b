/**
 * The durable job table: every follow-up, reminder and SLA timer is a row here (see
 * src/jobs/scheduler.ts for the poller). All functions are synchronous and take the
 * current time as UTC epoch milliseconds, so tests drive them with a fake clock.
 *
 * A claimed job is fenced by its `attempts` value: every claim increments it, and every
 * write that records the outcome of a run matches `status = 'running' AND attempts = ?`.
 * A worker whose lock expired and whose job was claimed again elsewhere, or whose job the
 * client's erasure cancelled (db/repositories/erasure.ts), therefore cannot mark it
 * sending, done, failed or pending again: its writes change nothing.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm'
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { type JobRow, type JobStatus, jobs } from '../schema.ts'

const p = sql.placeholder
/** Enqueueing and moving jobs happen on many updates (each flow step moves its nudge). */
const statements = perConnection((db) => ({
  enqueue: db
    .insert(jobs)
    .values({
      kind: p('kind'),
      runAt: p('runAt'),
      payload: p('payload'),
      dedupeKey: p('dedupeKey'),
      clientId: p('clientId'),
      maxAttempts: sql`coalesce(${p('maxAttempts')}, 5)`,
      createdAt: p('now'),
      updatedAt: p('now'),
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning()
    .prepare(),
  // Cancelling one job by its key: a flow's nudge is cancelled on many steps
  cancelByKey: db
    .update(jobs)
    .set({ status: 'cancelled', outcome: sql`${p('reason')}`, updatedAt: sql`${p('now')}` })
    .where(and(eq(jobs.status, 'pending'), eq(jobs.dedupeKey, p('dedupeKey'))))
    .returning({ id: jobs.id, clientId: jobs.clientId, kind: jobs.kind })
    .prepare(),
  // A client's one pending job of a kind moved: a business chat's watch, on each message there
  movePending: db
    .update(jobs)
    .set({ runAt: sql`${p('runAt')}`, updatedAt: sql`${p('now')}` })
    .where(and(eq(jobs.status, 'pending'), eq(jobs.clientId, sql`${p('clientId')}`), eq(jobs.kind, sql`${p('kind')}`)))
    .prepare(),
}))

export interface EnqueueJobInput {
  kind: string
  /** UTC epoch ms; a time in the past means "as soon as possible". */
  runAt: number
  /** Stored as JSON; read whole by the handler. */
  payload?: unknown
  /**
   * Exactly-once key, e.g. `payment:42:due`. Once used it is never enqueued again, whatever
   * became of the first job (done, cancelled, failed): put whatever should re-arm a job (a
   * new due date, a moved slot) into the key, or move the pending job (as a nudge is moved:
   * db/repositories/nudges.ts).
   */
  dedupeKey?: string
  clientId?: number
  maxAttempts?: number
}

/** What identifies one claim of a job: a claimed row satisfies it. */
export type JobClaim = Pick<JobRow, 'id' | 'attempts'>

/** Which pending jobs to cancel: one of them. */
export type CancelJobsFilter = { id: number } | { dedupeKey: string } | { clientId: number; kinds?: readonly string[] }

/**
 * Inserts a pending job. Returns the new row, or `undefined` when a job with the same
 * dedupe key exists in any status (so a follow-up that already ran is never repeated).
 */
export function enqueueJob(db: Db, input: EnqueueJobInput, now: number): JobRow | undefined {
  return statements(db).enqueue.get({
    kind: input.kind,
    runAt: input.runAt,
    payload: input.payload ?? {},
    dedupeKey: input.dedupeKey ?? null,
    clientId: input.clientId ?? null,
    maxAttempts: input.maxAttempts ?? null,
    now,
  })
}

/**
 * Atomically moves up to `limit` pending jobs due by `dueBy` (default `now`) to `running`,
 * counts the attempt and locks them until `now + lockMs`. It is a single UPDATE statement,
 * so two pollers (two processes, or two schedulers on one connection) can never claim the
 * same row. Returns the claimed rows, oldest `run_at` first.
 */
export function claimDueJobs(
  db: Db,
  now: number,
  { limit, lockMs, dueBy = now }: { limit: number; lockMs: number; dueBy?: number },
): JobRow[] {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, dueBy)))
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
  const claimed = db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedUntil: now + lockMs,
      updatedAt: now,
    })
    .where(inArray(jobs.id, due))
    .returning()
    .all()
  // SQLite does not define the order of RETURNING rows.
  return claimed.sort((a, b) => a.runAt - b.runAt || a.id - b.id)
}

export interface RecoveredLocks {
  /** Jobs whose worker died before `markSending`: they run again. */
  requeued: JobRow[]
  /** Jobs whose worker died after `markSending`: delivery unknown, never resent. */
  uncertain: JobRow[]
  /** Jobs whose worker died on their last allowed attempt (a job that kills the process). */
  failed: JobRow[]
}

/**
 * Releases running jobs whose lock expired at or before `now` (their process died or
 * stalled). A job that had started an irreversible send becomes `uncertain` instead of
 * running twice; one that used up its attempts becomes `failed`; the rest go back to
 * `pending` with their original `run_at`, so they run at the next poll.
 */
export function recoverExpiredLocks(db: Db, now: number): RecoveredLocks {
  const expired = and(eq(jobs.status, 'running'), lte(jobs.lockedUntil, now))
  return db.transaction((tx) => {
    const uncertain = tx
      .update(jobs)
      .set({
        status: 'uncertain',
        outcome:
          'The bot stopped while sending this message, so whether it was delivered is unknown; it was not sent again.',
        lockedUntil: null,
        updatedAt: now,
      })
      .where(and(expired, isNotNull(jobs.sendingAt)))
      .returning()
      .all()
    const failed = tx
      .update(jobs)
      .set({
        status: 'failed',
        outcome: sql`'The bot stopped while running this job ' || ${jobs.attempts} || ' times; it was given up.'`,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(and(expired, isNull(jobs.sendingAt), sql`${jobs.attempts} >= ${jobs.maxAttempts}`))
      .returning()
      .all()
    const requeued = tx
      .update(jobs)
      .set({ status: 'pending', lockedUntil: null, updatedAt: now })
      .where(and(expired, isNull(jobs.sendingAt)))
      .returning()
      .all()
    return { requeued, uncertain, failed }
  })
}

function claimed(claim: JobClaim): SQL | undefined {
  return and(eq(jobs.id, claim.id), eq(jobs.status, 'running'), eq(jobs.attempts, claim.attempts))
}

/**
 * Whether this claim still owns the job: a job claimed with others may be finished (sent within
 * another's message) or cancelled (/forget) while it waits its turn in the batch.
 */
export function stillClaimed(db: Db, claim: JobClaim): boolean {
  return db.select({ id: jobs.id }).from(jobs).where(claimed(claim)).get() !== undefined
}

/**
 * Records that the handler is about to make an irreversible send. From now on a crash
 * leaves the job `uncertain` instead of running it again. Returns false when this claim
 * is no longer the job's owner (its lock expired and it was taken over): do not send then.
 */
export function markSending(db: Db, claim: JobClaim, now: number): boolean {
  const result = db.update(jobs).set({ sendingAt: now, updatedAt: now }).where(claimed(claim)).run()
  return result.changes === 1
}

/** Each outcome writer returns false when the claim was lost (nothing was written). */
export function completeJob(db: Db, claim: JobClaim, now: number): boolean {
  // A deferral note ("waiting for quiet hours") no longer applies.
  return finish(db, claim, { status: 'done', outcome: null }, now)
}

/** The job had nothing to do (client paid, opted out, blocked…): `reason` says why. */
export function skipJob(db: Db, claim: JobClaim, reason: string, now: number): boolean {
  return finish(db, claim, { status: 'skipped', outcome: reason }, now)
}

/**
 * The send went out but no answer came back (the connection dropped): it may have arrived,
 * so, as after a crash mid-send, it is never sent again.
 */
export function uncertainJob(db: Db, claim: JobClaim, reason: string, now: number): boolean {
  return finish(db, claim, { status: 'uncertain', outcome: reason, lastError: reason }, now)
}

/** Back to pending after a failed attempt; the attempt stays counted. */
export function retryJob(db: Db, claim: JobClaim, error: string, runAt: number, now: number): boolean {
  return finish(db, claim, { status: 'pending', runAt, lastError: error, sendingAt: null }, now)
}

/**
 * Back to pending without counting this attempt: the handler chose to wait (quiet
 * hours, working hours), it did not fail.
 */
export function deferJob(db: Db, claim: JobClaim, reason: string, runAt: number, now: number): boolean {
  return finish(
    db,
    claim,
    {
      status: 'pending',
      runAt,
      attempts: sql`${jobs.attempts} - 1`,
      outcome: reason,
      sendingAt: null,
    },
    now,
  )
}

/** Gives up on the job; `error` is kept as `last_error` and, in words, as the outcome. */
export function failJob(db: Db, claim: JobClaim, error: string, now: number): boolean {
  return finish(db, claim, { status: 'failed', lastError: error, outcome: error }, now)
}

function finish(db: Db, claim: JobClaim, changes: SQLiteUpdateSetSource<typeof jobs>, now: number): boolean {
  const result = db
    .update(jobs)
    .set({ ...changes, lockedUntil: null, updatedAt: now })
    .where(claimed(claim))
    .run()
  return result.changes === 1
}

/**
 * Cancels pending jobs (paid, client replied, /stop); running and finished ones are left
 * alone — handlers re-check their conditions before sending. (An erasure cancels running
 * ones too: its emptied payload leaves nothing to re-check.) The dedupe key stays taken.
 * Returns how many jobs were cancelled.
 */
export function cancelJobs(
  db: Db,
  filter: CancelJobsFilter,
  reason: string,
  now: number,
): Pick<JobRow, 'id' | 'clientId' | 'kind'>[] {
  if ('dedupeKey' in filter) return statements(db).cancelByKey.all({ dedupeKey: filter.dedupeKey, reason, now })
  let which: SQL | undefined
  if ('id' in filter) which = eq(jobs.id, filter.id)
  else if (filter.kinds === undefined) which = eq(jobs.clientId, filter.clientId)
  else if (filter.kinds.length === 0) return []
  else which = and(eq(jobs.clientId, filter.clientId), inArray(jobs.kind, [...filter.kinds]))
  return db
    .update(jobs)
    .set({ status: 'cancelled', outcome: reason, updatedAt: now })
    .where(and(eq(jobs.status, 'pending'), which))
    .returning({ id: jobs.id, clientId: jobs.clientId, kind: jobs.kind })
    .all()
}

/**
 * Makes a cancelled job pending again at `runAt` (a booking moved back to a slot it had
 * before). Only a cancelled job, which never ran, is revived: a job that ran stays done.
 * Returns false if there is no cancelled job with this key.
 */
export function reviveCancelledJob(db: Db, dedupeKey: string, runAt: number, now: number): boolean {
  const result = db
    .update(jobs)
    .set({ status: 'pending', runAt, outcome: null, updatedAt: now })
    .where(and(eq(jobs.dedupeKey, dedupeKey), eq(jobs.status, 'cancelled')))
    .run()
  return result.changes === 1
}

/**
 * The client's pending jobs of `kind` are due at `runAt` now (a kind the client has at most one of
 * pending at a time: a watch moved on, not one more added). False when none is pending.
 */
export function movePendingJob(
  db: Db,
  { clientId, kind }: { clientId: number; kind: string },
  runAt: number,
  now: number,
): boolean {
  return statements(db).movePending.run({ clientId, kind, runAt, now }).changes > 0
}

/** Whether a job of one of `kinds` waits to run for the client. */
export function hasPendingJob(db: Db, clientId: number, kinds: readonly string[]): boolean {
  const row = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), eq(jobs.clientId, clientId), inArray(jobs.kind, [...kinds])))
    .limit(1)
    .get()
  return row !== undefined
}

/** Pending jobs, soonest first: what staff see when they list scheduled follow-ups. */
export function listPendingJobs(db: Db, { clientId, limit }: { clientId?: number; limit: number }): JobRow[] {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), clientId === undefined ? undefined : eq(jobs.clientId, clientId)))
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
    .all()
}

/**
 * A job's payload replaced while it runs or once it ran: what it did, kept with it (the message a
 * call's client reminder went as, BOOKING_JOBS.clientReminder). Not for a pending job's input.
 */
export function setJobPayload(db: Db, id: number, payload: unknown, now: number): void {
  db.update(jobs).set({ payload, updatedAt: now }).where(eq(jobs.id, id)).run()
}

/** One job by id (for staff commands and tests). */
export function getJob(db: Db, id: number): JobRow | undefined {
  return db.select().from(jobs).where(eq(jobs.id, id)).get()
}

/** The job enqueued under a dedupe key, whatever became of it; undefined when none ever was. */
export function findJobByKey(db: Db, dedupeKey: string): JobRow | undefined {
  return db.select().from(jobs).where(eq(jobs.dedupeKey, dedupeKey)).get()
}

/** Where the job enqueued under a dedupe key stands now; undefined when none ever was. */
export function jobStatusByKey(db: Db, dedupeKey: string): JobStatus | undefined {
  return db.select({ status: jobs.status }).from(jobs).where(eq(jobs.dedupeKey, dedupeKey)).get()?.status
}
