/**
 * The durable scheduler: polls the `jobs` table, claims due rows atomically and runs the
 * handler registered for each row's kind. node-cron only decides *when* to poll; what is
 * due, and whether it already ran, lives in the database, so nothing is lost on restart
 * and any number of pollers may share one database file.
 */
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import {
  cancelJobs,
  claimDueJobs,
  completeJob,
  deferJob,
  enqueueJob,
  failJob,
  listPendingJobs,
  markSending,
  recoverExpiredLocks,
  retryJob,
  skipJob,
  stillClaimed,
  uncertainJob,
} from '../../db/repositories/jobs.ts'
import type { JobRow } from '../../db/schema.ts'
import { classifyTelegramError } from '../bot/telegram-errors.ts'
import type { Clock } from '../clock.ts'
import type { JobDefinition, JobHandler, JobResult, JobRunContext, Scheduler } from '../services/jobs.ts'

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

const RETRY_BASE_MS = 30_000
const RETRY_MAX_MS = 60 * 60_000
/** A handler asking to retry "now" would otherwise be claimed again in the same run. */
const MIN_POSTPONE_MS = 1_000

/**
 * Telegram down (its own 5xx, or the network before the request left): nothing arrived,
 * and an outage lasts minutes to an hour, so the tries spread over hours — 2, 8, 32
 * minutes, then every 2 hours; a job's default 5 attempts span about 2¾ hours.
 */
const OUTAGE_RETRY_BASE_MS = 2 * 60_000
const OUTAGE_RETRY_MAX_MS = 2 * 60 * 60_000

/**
 * Delay before the next try after failed attempt number `attempt` (1-based), in ms;
 * `outage`: the attempt failed because Telegram could not be reached or did not serve it.
 */
export function retryDelayMs(attempt: number, { outage = false }: { outage?: boolean } = {}): number {
  const n = Math.max(0, attempt - 1)
  return outage
    ? Math.min(OUTAGE_RETRY_BASE_MS * 4 ** n, OUTAGE_RETRY_MAX_MS)
    : Math.min(RETRY_BASE_MS * 2 ** n, RETRY_MAX_MS)
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
  /** Each registered kind's definition and handler. */
  const handlers = new Map<string, { definition: JobDefinition; handler: JobHandler<unknown> }>()
  const uncertainListeners: ((job: JobRow) => void)[] = []
  const failedListeners: ((job: JobRow) => void)[] = []
  const changedListeners: ((job: Pick<JobRow, 'clientId' | 'kind'>) => void)[] = []
  const active = new Set<Promise<number>>()
  let task: ScheduledTask | undefined
  let stopping = false

  function notify<J extends Pick<JobRow, 'id'>>(listeners: ((job: J) => void)[], job: J): void {
    for (const listener of listeners) {
      try {
        listener(job)
      } catch (err) {
        log.error({ err, jobId: job.id }, 'a job outcome listener failed')
      }
    }
  }
  const notifyUncertain = (job: JobRow) => notify(uncertainListeners, job)
  const notifyFailed = (job: JobRow) => notify(failedListeners, job)
  const notifyChanged = (job: Pick<JobRow, 'id' | 'clientId' | 'kind'>) => notify(changedListeners, job)

  /** Gives the job up for good; whoever is told about failed jobs is told. False: its claim was lost. */
  function giveUp(job: JobRow, reason: string, jobLog: Logger): boolean {
    if (failJob(db, job, reason, clock.now())) {
      notifyFailed(job)
      return true
    }
    jobLog.warn('job failure not recorded: its claim was lost')
    return false
  }

  /** Runs a claimed job and records what came of it; false when nothing was recorded (its claim was lost). */
  async function runJob(job: JobRow): Promise<boolean> {
    const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts })
    // Finished by another job's run while it waited its turn in the batch (a payment reminder sent
    // within another's message), or cancelled: there is nothing left for this claim to do
    if (!stillClaimed(db, job)) {
      jobLog.debug('job left: finished or cancelled while it waited its turn')
      return false
    }
    const registered = handlers.get(job.kind)
    if (!registered) {
      jobLog.error('job failed: unknown kind')
      return giveUp(job, `No handler is registered for job kind "${job.kind}"`, jobLog)
    }
    // A payload written by an older version (or by hand) that no longer fits is this job's
    // failure, recorded with the reason, never the poller's crash; retrying cannot fix it
    const parsed = registered.definition.schema.safeParse(job.payload)
    if (!parsed.success) {
      const reason = `Invalid payload for job kind "${job.kind}": ${z.prettifyError(parsed.error)}`
      jobLog.error({ reason }, 'job failed: invalid payload')
      return giveUp(job, reason, jobLog)
    }
    let sending = false
    let claimLost = false
    const ctx: JobRunContext = {
      attempt: job.attempts,
      leaving: () => {
        if (!markSending(db, job, clock.now())) claimLost = true
        else sending = true
        return !claimLost
      },
    }

    let result: JobResult
    try {
      result = (await registered.handler(parsed.data, job, ctx)) ?? { status: 'done' }
    } catch (err) {
      if (claimLost) {
        // Its send was withdrawn before it left: the poller that took the job over runs it, or
        // the client's erasure cancelled it
        jobLog.warn('job claim lost before sending; another poller owns it now, or it was cancelled')
        return false
      }
      const now = clock.now()
      const failure = classifyTelegramError(err)
      if (failure.kind === 'rate') {
        // Telegram (or the send budget) said "not now": nothing was delivered and nothing
        // failed, so the job waits as long as asked without spending one of its attempts.
        // (A job's calls are marked sending as they leave (`JobRunContext.leaving`): a 429 from
        // the budget comes before, one from Telegram after, and either way that call delivered
        // nothing; staff posts go through the outbox, and a refused invoice's fallback is the only
        // second call a job makes.)
        const at = now + failure.retryAfterMs
        jobLog.warn({ retryAt: at }, 'job waits: Telegram asked to slow down')
        if (deferJob(db, job, failure.reason, at, now)) return true
        jobLog.warn('job postponement not recorded: its claim was lost')
        return false
      }
      if (sending && failure.kind === 'network' && failure.mayHaveArrived) {
        // The send left and no answer came back: it may well have arrived, so it is not sent
        // again (as after a crash mid-send), and whoever is told about such sends is told
        const reason = `No answer from Telegram to this message, so whether it was delivered is unknown; it was not sent again (${failure.reason}).`
        jobLog.error({ reason }, 'job delivery uncertain')
        if (!uncertainJob(db, job, reason, now)) {
          jobLog.warn('job outcome not recorded: its claim was lost')
          return false
        }
        notifyUncertain(job)
        return true
      }
      const message = err instanceof Error ? err.message : String(err)
      if (job.attempts >= job.maxAttempts) {
        jobLog.error({ err }, 'job failed for good')
        return giveUp(job, `Failed after ${job.attempts} attempt(s): ${message}`, jobLog)
      }
      // Telegram down or unreachable (a send that may have arrived is uncertain above)
      const outage = failure.kind === 'server' || failure.kind === 'network'
      const at = now + retryDelayMs(job.attempts, { outage })
      jobLog.warn({ err, retryAt: at }, 'job failed; will retry')
      if (retryJob(db, job, message, at, now)) return true
      jobLog.warn('job retry not recorded: its claim was lost')
      return false
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
    return recorded
  }

  async function runDueOnce(): Promise<number> {
    const recovered = recoverExpiredLocks(db, clock.now())
    for (const job of recovered.uncertain) {
      log.error({ jobId: job.id, kind: job.kind, clientId: job.clientId }, 'job delivery uncertain')
      notifyUncertain(job)
      notifyChanged(job)
    }
    for (const job of recovered.failed) {
      log.error({ jobId: job.id, kind: job.kind }, 'job given up: the process kept stopping on it')
      notifyFailed(job)
      notifyChanged(job)
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
        let recorded = false
        try {
          recorded = await runJob(job)
        } catch (err) {
          // Only the database can throw here; the job's lock expires and it is recovered.
          log.error({ err, jobId: job.id }, 'could not record job outcome')
        }
        if (recorded) notifyChanged(job)
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
    onFailed(listener) {
      failedListeners.push(listener)
    },
    onChanged(listener) {
      changedListeners.push(listener)
    },
    register(definition, handler) {
      const { kind } = definition
      if (handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`)
      handlers.set(kind, { definition, handler: handler as JobHandler<unknown> })
    },
    enqueue(definition, input) {
      // A payload that does not fit is the caller's bug: it throws here, before anything is stored
      const payload = definition.schema.parse(input.payload)
      const row = enqueueJob(db, { ...input, kind: definition.kind, payload }, clock.now())
      if (!row) log.debug({ kind: definition.kind, dedupeKey: input.dedupeKey }, 'job already enqueued once')
      return row
    },
    cancel(filter, reason) {
      const cancelled = cancelJobs(db, filter, reason, clock.now())
      for (const job of cancelled) notifyChanged(job)
      return cancelled.length
    },
    runDue,
    async idle() {
      while (active.size > 0) await Promise.allSettled([...active])
    },
    nextRunAt: () => listPendingJobs(db, { limit: 1 })[0]?.runAt,
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
