/**
 * What a durable job is, for the code that schedules one and the code that runs one:
 * `defineJob` (each kind once, with its payload's schema and its name for staff) and the
 * `Scheduler` interface. It lives with the services so they can enqueue jobs without
 * reaching into src/jobs/, where the poller that runs them lives.
 */
import type { z } from 'zod'
import type { CancelJobsFilter } from '../../db/repositories/jobs.ts'
import type { JobRow } from '../../db/schema.ts'
import type { LocaleKey } from '../locales/keys.ts'

/**
 * One kind of job. The payload is validated when a job is enqueued (a bug in the caller
 * throws at once) and again when it runs (a row written by an older version, or edited by
 * hand, fails that job with a clear reason instead of reaching the handler).
 */
export interface JobDefinition<P = unknown> {
  readonly kind: string
  readonly schema: z.ZodType<P>
  /**
   * How staff read this job (the client card, /followups, "may not have arrived"
   * notices): a locale key; the payload's fields are its variables.
   */
  readonly label: LocaleKey
}

/** The payload type of a job definition. */
export type JobPayload<D> = D extends JobDefinition<infer P> ? P : never

const definitions = new Map<string, JobDefinition>()

/** Defines a job kind once (like `defineCallback` for buttons); a kind defined twice throws. */
export function defineJob<S extends z.ZodType>(kind: string, schema: S, label: LocaleKey): JobDefinition<z.output<S>> {
  if (definitions.has(kind)) throw new Error(`Job kind "${kind}" is defined twice`)
  const definition: JobDefinition<z.output<S>> = { kind, schema: schema as z.ZodType<z.output<S>>, label }
  definitions.set(kind, definition as JobDefinition)
  return definition
}

/**
 * A stored job's payload checked against its definition, for code that reads jobs other
 * than through the scheduler (the answer to a check-in, the staff list). Throws when the
 * row is of another kind or no longer fits.
 */
export function payloadOf<P>(definition: JobDefinition<P>, job: Pick<JobRow, 'kind' | 'payload'>): P {
  if (job.kind !== definition.kind) throw new Error(`A job of kind "${job.kind}" read as "${definition.kind}"`)
  return definition.schema.parse(job.payload)
}

/** The definition of a stored job's kind, if this version of the bot knows it. */
export function jobDefinition(kind: string): JobDefinition | undefined {
  return definitions.get(kind)
}

/**
 * A job's name for staff as a locale key and its variables: the definition's label with
 * the payload's fields, or `fu-kind-other` with the raw kind for a kind this version no
 * longer defines (or a payload that no longer fits).
 */
export function jobLabel(job: Pick<JobRow, 'kind' | 'payload'>): {
  key: LocaleKey
  vars: Record<string, string>
} {
  const definition = definitions.get(job.kind)
  const parsed = definition?.schema.safeParse(job.payload)
  if (!definition || !parsed?.success) return { key: 'fu-kind-other', vars: { kind: job.kind } }
  // As text: an invoice number reads "№1234", not a grouped number
  const vars: Record<string, string> = {}
  if (parsed.data && typeof parsed.data === 'object') {
    for (const [name, value] of Object.entries(parsed.data)) {
      if (typeof value === 'string' || typeof value === 'number') vars[name] = String(value)
    }
  }
  return { key: definition.label, vars }
}

/**
 * What a handler reports. `retry` postpones the job to `at` (UTC ms) without counting an
 * attempt: use it to wait for the end of quiet hours or for working hours, not for
 * failures — throw for those.
 */
export type JobResult =
  | { status: 'done' }
  | { status: 'skipped'; reason: string }
  | { status: 'retry'; at: number; reason: string }

export interface JobRunContext {
  /**
   * Runs as the job's irreversible send (a Telegram message) leaves: the run's Bot API
   * client calls it after the send budget gave the request its turn, right before it goes
   * out (`BotApis.jobsOne`). It marks the job sending: if the process dies from then on,
   * the job becomes `uncertain` instead of being sent twice, while a death during the wait
   * leaves the job to run again. Returns false when another poller has taken the job over
   * (this run outlived its lock) or the client's erasure cancelled it meanwhile: the request
   * is withdrawn then, and its error is not a failure of the job.
   */
  leaving(): boolean
  /** 1 on the first attempt; postponements (`retry` results) do not count. */
  attempt: number
}

/**
 * Runs one job with its payload already validated; returning nothing means done. Handlers
 * must be idempotent and re-check their conditions (paid? opted out?) first.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: lets `async (payload) => { … }` handlers (Promise<void>) mean "done"
export type JobHandler<P> = (payload: P, job: JobRow, run: JobRunContext) => Promise<JobResult | void>

export interface EnqueueInput<P> {
  /** UTC epoch ms; a time in the past means "as soon as possible". */
  runAt: number
  payload: P
  /**
   * Exactly-once key, e.g. `payment:42:due`. Once used it is never enqueued again, whatever
   * became of the first job: put whatever should re-arm a job into the key.
   */
  dedupeKey?: string
  clientId?: number
  maxAttempts?: number
}

export interface Scheduler {
  /** Registers the handler for a job kind; a kind has exactly one handler. */
  register<P>(job: JobDefinition<P>, handler: JobHandler<P>): void
  /**
   * Validates the payload (throws on a bug) and inserts the job. Returns the new row, or
   * undefined when the dedupe key was used before.
   */
  enqueue<P>(job: JobDefinition<P>, input: EnqueueInput<P>): JobRow | undefined
  /** Cancels matching pending jobs; returns how many. */
  cancel(filter: CancelJobsFilter, reason: string): number
  /**
   * Recovers expired locks, then claims and runs due jobs batch after batch until none
   * are due. Returns how many jobs were run. Rejects only if the database fails.
   */
  runDue(): Promise<number>
  /**
   * Resolves once no run is in progress (one that starts meanwhile is waited for too): the
   * sandbox waits for it before moving its clock, which would expire the running jobs' claims.
   */
  idle(): Promise<void>
  /** When the soonest pending job is due (UTC ms); undefined when none waits. */
  nextRunAt(): number | undefined
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
  /**
   * Called for each job given up for good (its attempts spent, an unknown kind, a payload
   * that no longer fits): what it was to send did not go, and people should know.
   */
  onFailed(listener: (job: JobRow) => void): void
  /**
   * Called when a job leaves the schedule or is put off by the scheduler: after a run whose
   * outcome was recorded (sent, skipped, given up, put off to a later time), for a job found
   * interrupted, and for each job cancelled. Not for one enqueued, nor for a flow's nudge moved
   * on by the flow's next step (`movePendingNudge`): whatever schedules or moves it says so itself.
   */
  onChanged(listener: (job: Pick<JobRow, 'clientId' | 'kind'>) => void): void
}
