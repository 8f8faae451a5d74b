/**
 * The durable scheduler: polls the `jobs` table, claims due rows atomically and runs the
 * handler registered for each row's kind. node-cron only decides *when* to poll; what is
 * due, and whether it already ran, lives in the database, so nothing is lost on restart
 * and any number of pollers may share one database file.
 */
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import type { Db } from '../../db/client.ts'
import {
  type CancelJobsFilter,
  cancelJobs,
  claimDueJobs,
  completeJob,
  deferJob,
  type EnqueueJobInput,
  enqueueJob,
  failJob,
  markSending,
  recoverExpiredLocks,
  rescheduleJob,
  retryJob,
  skipJob,
} from '../../db/repositories/jobs.ts'
import type { JobRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'

/**
 * What a handler reports. Returning nothing means done. `retry` postpones the job to
 * `at` (UTC ms) without counting an attempt: use it to wait for the end of quiet hours or
 * for working hours, not for failures — throw for those.
 */
export type JobResult =
  | { status: 'done' }
  | { status: 'skipped'; reason: string }
  | { status: 'retry'; at: number; reason: string }

export interface JobRunContext {
  /**
   * Call right before an irreversible send (a Telegram message). If the process dies
   * after this, the job becomes `uncertain` instead of being sent twice. Throws
   * `JobClaimLostError` when another poller has taken the job over (this run outlived
   * its lock): the handler must not send then, and the error is not a failure.
   */
  markSending(): void
  /** 1 on the first attempt; postponements (`retry` results) do not count. */
  attempt: number
}

/** Handlers must be idempotent and re-check their conditions (paid? opted out?) first. */
// biome-ignore lint/suspicious/noConfusingVoidType: lets `async (job) => { … }` handlers (Promise<void>) mean "done"
export type JobHandler = (job: JobRow, ctx: JobRunContext) => Promise<JobResult | void>

export interface SchedulerOptions {
  db: Db
  clock: Clock
  logger: Logger
  /** How often to poll, in seconds (1–59). Default 5. */
  pollSeconds?: number
  /** Jobs claimed per statement. Default 20. */
  batchSize?: number
  /**
   * How long a claim lasts before another poller may take the job over, in ms. It must
   * exceed the longest handler run. Default 10 minutes.
   */
  lockMs?: number
}

export interface Scheduler {
  /** Registers the handler for a job kind; a kind has exactly one handler. */
  register(kind: string, handler: JobHandler): void
  /** Returns the new row, or undefined when the dedupe key was used before. */
  enqueue(input: EnqueueJobInput): JobRow | undefined
  /** Cancels matching pending jobs; returns how many. */
  cancel(filter: CancelJobsFilter, reason: string): number
  /** Moves the pending job with this key to `runAt` (UTC ms); false if there is none. */
  reschedule(dedupeKey: string, runAt: number): boolean
  /**
   * Recovers expired locks, then claims and runs due jobs batch after batch until none
   * are due. Returns how many jobs were run. Rejects only if the database fails.
   */
  runDue(): Promise<number>
  /**
   * Runs the due jobs at once (catch-up after downtime) and then polls every
   * `pollSeconds`. Resolves with the number of jobs the catch-up run ran; never rejects.
   */
  start(): Promise<number>
  /** Stops polling and waits for the run in progress to finish its batch. */
  stop(): Promise<void>
  /**
   * Called for each job found `uncertain` (the process died after it started sending),
   * so people can check by hand what the bot cannot know.
   */
  onUncertain(listener: (job: JobRow) => void): void
}

/** Thrown by `markSending` when the job's claim was taken over by another poller. */
export class JobClaimLostError extends Error {
  constructor(readonly jobId: number) {
    super(`Job ${jobId} was taken over by another poller after its lock expired`)
    this.name = 'JobClaimLostError'
  }
}

const RETRY_BASE_MS = 30_000
const RETRY_MAX_MS = 60 * 60_000
/** A handler asking to retry "now" would otherwise be claimed again in the same run. */
const MIN_POSTPONE_MS = 1_000

/** Delay before the next try after failed attempt number `attempt` (1-based), in ms. */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_MS)
}

export function createScheduler({
  db,
  clock,
  logger,
  pollSeconds = 5,
  batchSize = 20,
  lockMs = 10 * 60_000,
}: SchedulerOptions): Scheduler {
  if (!Number.isInteger(pollSeconds) || pollSeconds < 1 || pollSeconds > 59) {
    throw new RangeError(`pollSeconds must be a whole number from 1 to 59, got ${pollSeconds}`)
  }
  const log = logger.child({ module: 'scheduler' })
  const handlers = new Map<string, JobHandler>()
  const uncertainListeners: ((job: JobRow) => void)[] = []
  const active = new Set<Promise<number>>()
  let task: ScheduledTask | undefined
  let stopping = false

  async function runJob(job: JobRow): Promise<void> {
    const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts })
    const handler = handlers.get(job.kind)
    if (!handler) {
      failJob(db, job, `No handler is registered for job kind "${job.kind}"`, clock.now())
      jobLog.error('job failed: unknown kind')
      return
    }
    const ctx: JobRunContext = {
      attempt: job.attempts,
      markSending: () => {
        if (!markSending(db, job, clock.now())) throw new JobClaimLostError(job.id)
      },
    }

    let result: JobResult
    try {
      result = (await handler(job, ctx)) ?? { status: 'done' }
    } catch (err) {
      if (err instanceof JobClaimLostError) {
        jobLog.warn('job claim lost before sending; the other poller owns it now')
        return
      }
      const message = err instanceof Error ? err.message : String(err)
      const now = clock.now()
      if (job.attempts >= job.maxAttempts) {
        jobLog.error({ err }, 'job failed for good')
        const recorded = failJob(db, job, `Failed after ${job.attempts} attempt(s): ${message}`, now)
        if (!recorded) jobLog.warn('job failure not recorded: its claim was lost')
      } else {
        const at = now + retryDelayMs(job.attempts)
        jobLog.warn({ err, retryAt: at }, 'job failed; will retry')
        if (!retryJob(db, job, message, at, now)) jobLog.warn('job retry not recorded: its claim was lost')
      }
      return
    }

    const now = clock.now()
    let recorded: boolean
    switch (result.status) {
      case 'done':
        recorded = completeJob(db, job, now)
        break
      case 'skipped':
        recorded = skipJob(db, job, result.reason, now)
        jobLog.info({ reason: result.reason }, 'job skipped')
        break
      case 'retry':
        recorded = deferJob(db, job, result.reason, Math.max(result.at, now + MIN_POSTPONE_MS), now)
        jobLog.debug({ at: result.at, reason: result.reason }, 'job postponed')
        break
    }
    if (!recorded) jobLog.warn({ result }, 'job outcome not recorded: its claim was lost')
  }

  async function runDueOnce(): Promise<number> {
    const recovered = recoverExpiredLocks(db, clock.now())
    for (const job of recovered.uncertain) {
      log.error({ jobId: job.id, kind: job.kind, clientId: job.clientId }, 'job delivery uncertain')
      for (const listener of uncertainListeners) {
        try {
          listener(job)
        } catch (err) {
          log.error({ err, jobId: job.id }, 'an uncertain-job listener failed')
        }
      }
    }
    for (const job of recovered.failed) {
      log.error({ jobId: job.id, kind: job.kind }, 'job given up: the process kept stopping on it')
    }
    if (recovered.requeued.length > 0) {
      log.warn({ jobIds: recovered.requeued.map((j) => j.id) }, 'expired job locks requeued')
    }

    // Only jobs due when this run started: everything it puts back (retries, postponements)
    // is due later, so the run always ends; newer jobs are the next poll's.
    const dueBy = clock.now()
    let ran = 0
    while (!stopping) {
      const batch = claimDueJobs(db, clock.now(), { limit: batchSize, lockMs, dueBy })
      // Sequential on purpose: sends stay within Telegram's rate limits, and a claimed
      // batch is small enough to finish well inside its lock.
      for (const job of batch) {
        try {
          await runJob(job)
        } catch (err) {
          // Only the database can throw here; the job's lock expires and it is recovered.
          log.error({ err, jobId: job.id }, 'could not record job outcome')
        }
      }
      ran += batch.length
      if (batch.length < batchSize) break
    }
    return ran
  }

  function runDue(): Promise<number> {
    const run = runDueOnce()
    active.add(run)
    const forget = () => active.delete(run)
    run.then(forget, forget)
    return run
  }

  /** One poll: skipped while a run is in progress (the catch-up run is not node-cron's). */
  function poll(): Promise<number> {
    if (active.size > 0) return Promise.resolve(0)
    return runDue().catch((err: unknown) => {
      log.error({ err }, 'job poll failed')
      return 0
    })
  }

  // node-cron's warnings (a poll skipped by noOverlap, a poll missed while the event loop
  // was busy) are harmless for a poller: the next poll claims everything due.
  const cronLogger: CronLogger = {
    info: (message) => log.debug(message),
    warn: (message) => log.debug(message),
    debug: (message) => log.debug(typeof message === 'string' ? message : { err: message }),
    error: (message, err) =>
      log.error({ err: err ?? message }, typeof message === 'string' ? message : 'node-cron error'),
  }

  return {
    onUncertain(listener) {
      uncertainListeners.push(listener)
    },
    register(kind, handler) {
      if (handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`)
      handlers.set(kind, handler)
    },
    enqueue(input) {
      const row = enqueueJob(db, input, clock.now())
      if (!row) log.debug({ kind: input.kind, dedupeKey: input.dedupeKey }, 'job already enqueued once')
      return row
    },
    cancel: (filter, reason) => cancelJobs(db, filter, reason, clock.now()),
    reschedule: (dedupeKey, runAt) => rescheduleJob(db, dedupeKey, runAt, clock.now()),
    runDue,
    start() {
      if (task) throw new Error('The scheduler is already started')
      stopping = false
      // node-cron 4: createTask does not start the task, and missed runs are not replayed —
      // the catch-up below covers downtime.
      task = cron.createTask(`*/${pollSeconds} * * * * *`, () => poll(), {
        name: 'jobs-poller',
        noOverlap: true,
        logger: cronLogger,
      })
      Promise.resolve(task.start()).catch((err: unknown) => log.error({ err }, 'poller did not start'))
      return poll()
    },
    async stop() {
      stopping = true
      if (task) {
        // destroy (not just stop) also drops the task from node-cron's global registry.
        await task.destroy()
        task = undefined
      }
      await Promise.allSettled([...active])
    },
  }
}
