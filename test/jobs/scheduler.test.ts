import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as nextTick } from 'node:timers/promises'
import { eq } from 'drizzle-orm'
import { GrammyError } from 'grammy'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { type DatabaseHandle, openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { claimDueJobs, getJob, markSending } from '../../db/repositories/jobs.ts'
import { type JobRow, jobs } from '../../db/schema.ts'
import { createScheduler, retryDelayMs, type SchedulerOptions } from '../../src/jobs/scheduler.ts'
import { defineJob, type JobDefinition, type JobHandler, type JobRunContext } from '../../src/services/jobs.ts'
import { createFakeClock, type FakeClock } from '../helpers/clock.ts'
import { createTestDb } from '../helpers/db.ts'

const T0 = Date.parse('2026-11-23T09:00:00Z')
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const logger = pino({ level: 'silent' })

let handle: DatabaseHandle
let clock: FakeClock

beforeEach(() => {
  handle = createTestDb()
  clock = createFakeClock(T0)
})
afterEach(() => handle.close())

function scheduler(options: Partial<SchedulerOptions> = {}) {
  return createScheduler({ db: handle.db, clock, logger, ...options })
}

const definitions = new Map<string, JobDefinition<unknown>>()
/** A job kind of these tests: any payload, defined once per name. */
function kind(name: string): JobDefinition<unknown> {
  let definition = definitions.get(name)
  if (!definition) {
    definition = defineJob(`test_${name}`, z.unknown(), 'fu-kind-other')
    definitions.set(name, definition)
  }
  return definition
}

/** A handler that records the job ids it ran. */
function recorder(): { ran: number[]; handler: JobHandler<unknown> } {
  const ran: number[] = []
  return {
    ran,
    handler: async (_payload, job) => {
      ran.push(job.id)
    },
  }
}

function status(id: number | undefined): JobRow | undefined {
  return getJob(handle.db, id ?? -1)
}

describe('running jobs', () => {
  it('runs a due job once and marks it done', async () => {
    const s = scheduler()
    const seen: Array<{ payload: unknown; attempt: number }> = []
    s.register(kind('hello'), async (_payload, job, ctx) => {
      seen.push({ payload: job.payload, attempt: ctx.attempt })
      return { status: 'done' }
    })
    const job = s.enqueue(kind('hello'), { runAt: T0, payload: { name: 'Anna' } })
    s.enqueue(kind('hello'), { payload: {}, runAt: T0 + MINUTE })

    expect(await s.runDue()).toBe(1)
    expect(seen).toEqual([{ payload: { name: 'Anna' }, attempt: 1 }])
    expect(status(job?.id)).toMatchObject({ status: 'done', lockedUntil: null })
    expect(await s.runDue()).toBe(0)
  })

  it('records a skip with its reason', async () => {
    const s = scheduler()
    s.register(kind('remind'), async () => ({ status: 'skipped', reason: 'already paid' }))
    const job = s.enqueue(kind('remind'), { payload: {}, runAt: T0 })
    await s.runDue()
    expect(status(job?.id)).toMatchObject({ status: 'skipped', outcome: 'already paid' })
  })

  it('postpones a job on a retry-at result without counting an attempt', async () => {
    const s = scheduler()
    const attempts: number[] = []
    const morning = T0 + 10 * 60 * MINUTE
    s.register(kind('checkin'), async (_payload, _job, ctx) => {
      attempts.push(ctx.attempt)
      return clock.now() < morning ? { status: 'retry', at: morning, reason: 'quiet hours' } : { status: 'done' }
    })
    const job = s.enqueue(kind('checkin'), { payload: {}, runAt: T0, maxAttempts: 1 })

    await s.runDue()
    expect(status(job?.id)).toMatchObject({
      status: 'pending',
      runAt: morning,
      attempts: 0,
      outcome: 'quiet hours',
    })
    expect(await s.runDue()).toBe(0)

    clock.set(morning)
    await s.runDue()
    // maxAttempts 1 was not used up by the postponement.
    expect(attempts).toEqual([1, 1])
    expect(status(job?.id)).toMatchObject({ status: 'done', attempts: 1, outcome: null })
  })

  it('does not spin on a retry-at in the past', async () => {
    const s = scheduler()
    let calls = 0
    s.register(kind('eager'), async () => {
      calls++
      return { status: 'retry', at: 0, reason: 'try again' }
    })
    const job = s.enqueue(kind('eager'), { payload: {}, runAt: T0 })
    await s.runDue()
    expect(calls).toBe(1)
    expect(status(job?.id)?.runAt).toBeGreaterThan(T0)
  })

  it('retries a throwing handler with exponential backoff, then fails it', async () => {
    const s = scheduler()
    let calls = 0
    s.register(kind('flaky'), async () => {
      calls++
      throw new Error(`Telegram said no #${calls}`)
    })
    const job = s.enqueue(kind('flaky'), { payload: {}, runAt: T0, maxAttempts: 3 })

    await s.runDue()
    expect(status(job?.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      runAt: T0 + 30_000,
      lastError: 'Telegram said no #1',
    })

    clock.set(T0 + 30_000)
    await s.runDue()
    expect(status(job?.id)).toMatchObject({ status: 'pending', attempts: 2, runAt: T0 + 90_000 })

    clock.set(T0 + 90_000)
    await s.runDue()
    const failed = status(job?.id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lockedUntil: null })
    expect(failed?.outcome).toContain('Telegram said no #3')
    expect(calls).toBe(3)

    clock.advance(DAY)
    expect(await s.runDue()).toBe(0)
  })

  it('a 429 postpones the job by retry_after without spending an attempt', async () => {
    const s = scheduler()
    let calls = 0
    s.register(kind('limited'), async () => {
      calls++
      if (calls <= 4) {
        throw new GrammyError(
          'Call to sendMessage failed!',
          {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 300',
            parameters: { retry_after: 300 },
          },
          'sendMessage',
          { chat_id: 42, text: 'x' },
        )
      }
    })
    const job = s.enqueue(kind('limited'), { payload: {}, runAt: T0, maxAttempts: 2 })
    for (let i = 0; i < 4; i++) {
      expect(await s.runDue()).toBe(1)
      expect(status(job?.id)).toMatchObject({ status: 'pending', attempts: 0, runAt: clock.now() + 300_000 })
      clock.advance(300_000)
    }
    await s.runDue()
    expect(status(job?.id)).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('backs off 30 s, doubling, capped at one hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => retryDelayMs(n))).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ])
  })

  it('while Telegram is down, backs off 2, 8, 32 minutes, then every 2 hours: 5 attempts outlast an outage', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => retryDelayMs(n, { outage: true }))
    expect(delays).toEqual([120_000, 480_000, 1_920_000, 7_200_000, 7_200_000])
    expect(delays.slice(0, 4).reduce((a, b) => a + b)).toBeGreaterThan(2.5 * 3_600_000)
  })

  it('fails a job of an unknown kind with a clear reason and runs the others', async () => {
    const s = scheduler()
    const { ran, handler } = recorder()
    s.register(kind('known'), handler)
    const unknown = s.enqueue(kind('vanished'), { payload: {}, runAt: T0 - 2 })
    const boom = s.enqueue(kind('boom'), { payload: {}, runAt: T0 - 1 })
    s.register(kind('boom'), async () => {
      throw new Error('boom')
    })
    const known = s.enqueue(kind('known'), { payload: {}, runAt: T0 })

    expect(await s.runDue()).toBe(3)
    expect(status(unknown?.id)?.status).toBe('failed')
    expect(status(unknown?.id)?.outcome).toContain('vanished')
    expect(status(boom?.id)?.status).toBe('pending')
    expect(ran).toEqual([known?.id])
  })

  it('validates payloads: a bad one is refused at enqueue and fails its job at run, never the poller', async () => {
    const s = scheduler()
    const invoice = defineJob(
      'test_invoice_reminder',
      z.object({ orderId: z.number().int().positive() }),
      'fu-kind-other',
    )
    const seen: number[] = []
    s.register(invoice, async ({ orderId }) => {
      seen.push(orderId)
    })
    // A caller's bug: nothing is stored
    expect(() => s.enqueue(invoice, { runAt: T0, payload: { orderId: -1 } })).toThrow(/orderId/)
    expect(handle.db.select().from(jobs).all()).toEqual([])

    const good = s.enqueue(invoice, { runAt: T0, payload: { orderId: 12 } })
    // A row an older version wrote with another shape (or someone edited by hand)
    const stale = s.enqueue(invoice, { runAt: T0 - 1, payload: { orderId: 13 } })
    handle.db
      .update(jobs)
      .set({ payload: { order: '13' } })
      .where(eq(jobs.id, stale?.id ?? -1))
      .run()

    expect(await s.runDue()).toBe(2)
    expect(seen).toEqual([12])
    expect(status(good?.id)?.status).toBe('done')
    const failed = status(stale?.id)
    expect(failed?.status).toBe('failed')
    expect(failed?.lastError).toMatch(/Invalid payload for job kind "test_invoice_reminder".*orderId/s)
    expect(failed?.outcome).toBe(failed?.lastError)
    // Not retried: the payload will not fit better next time
    clock.advance(DAY)
    expect(await s.runDue()).toBe(0)
  })

  it('keeps claiming batches until nothing is due', async () => {
    const s = scheduler({ batchSize: 2 })
    const { ran, handler } = recorder()
    s.register(kind('n'), handler)
    for (let i = 0; i < 5; i++) s.enqueue(kind('n'), { payload: {}, runAt: T0 - i })
    expect(await s.runDue()).toBe(5)
    expect(ran).toHaveLength(5)
  })

  it('a run takes only the jobs due when it started; later ones wait for the next poll', async () => {
    // Full batches make the run claim again, after the clock has moved.
    const s = scheduler({ batchSize: 1 })
    const { ran, handler } = recorder()
    s.register(kind('slow'), async () => {
      clock.advance(MINUTE) // a long send
    })
    s.register(kind('n'), handler)
    s.enqueue(kind('slow'), { payload: {}, runAt: T0 })
    const later = s.enqueue(kind('n'), { payload: {}, runAt: T0 + 30_000 })
    expect(await s.runDue()).toBe(1)
    expect(ran).toEqual([])
    expect(await s.runDue()).toBe(1)
    expect(ran).toEqual([later?.id])
  })

  it('cancels through the scheduler', async () => {
    const s = scheduler()
    const { ran, handler } = recorder()
    s.register(kind('n'), handler)
    s.enqueue(kind('n'), { payload: {}, runAt: T0, dedupeKey: 'pay:1' })
    const kept = s.enqueue(kind('n'), { payload: {}, runAt: T0, dedupeKey: 'call:1' })
    expect(s.cancel({ dedupeKey: 'pay:1' }, 'paid')).toBe(1)
    expect(await s.runDue()).toBe(1)
    expect(ran).toEqual([kept?.id])
  })

  it('refuses a second handler for one kind', () => {
    const s = scheduler()
    s.register(kind('n'), async () => {})
    expect(() => s.register(kind('n'), async () => {})).toThrow(/already registered/)
  })
})

describe('durability', () => {
  it('catches up on jobs overdue by days at start, each once', async () => {
    const s = scheduler()
    const { ran, handler } = recorder()
    s.register(kind('n'), handler)
    for (let days = 1; days <= 30; days++) s.enqueue(kind('n'), { payload: {}, runAt: T0 - days * DAY })
    s.enqueue(kind('n'), { payload: {}, runAt: T0 + DAY })

    try {
      expect(await s.start()).toBe(30)
    } finally {
      await s.stop()
    }
    expect(new Set(ran).size).toBe(30)
    expect(ran).toHaveLength(30)
    expect(await s.runDue()).toBe(0)
  })

  it('keeps polling every pollSeconds after the catch-up, until stopped', async () => {
    // node-cron's timers run on vitest's fake timers; the jobs use the fake clock.
    vi.useFakeTimers({ now: T0 })
    const s = scheduler({ pollSeconds: 5 })
    try {
      const { ran, handler } = recorder()
      s.register(kind('n'), handler)
      expect(await s.start()).toBe(0)
      const job = s.enqueue(kind('n'), { payload: {}, runAt: T0 })
      await vi.advanceTimersByTimeAsync(5_000)
      expect(ran).toEqual([job?.id])

      await s.stop()
      s.enqueue(kind('n'), { payload: {}, runAt: T0 })
      await vi.advanceTimersByTimeAsync(60_000)
      expect(ran).toHaveLength(1)
    } finally {
      await s.stop()
      vi.useRealTimers()
    }
  })

  it('stop waits for the run in progress', async () => {
    const s = scheduler()
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    s.register(kind('slow'), async () => {
      await gate
    })
    const job = s.enqueue(kind('slow'), { payload: {}, runAt: T0 })
    const started = s.start()
    let stopped = false
    const stopping = s.stop().then(() => {
      stopped = true
    })
    await nextTick()
    expect(stopped).toBe(false)
    release()
    await stopping
    expect(await started).toBe(1)
    expect(status(job?.id)?.status).toBe('done')
  })

  it('two schedulers polling one database run every job exactly once', async () => {
    const runs = new Map<number, number>()
    const handler: JobHandler<unknown> = async (_payload, job) => {
      await nextTick()
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1)
    }
    const a = scheduler({ batchSize: 7 })
    const b = scheduler({ batchSize: 7 })
    a.register(kind('n'), handler)
    b.register(kind('n'), handler)
    for (let i = 0; i < 50; i++) a.enqueue(kind('n'), { payload: {}, runAt: T0 - i })

    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()])
    expect(ranA + ranB).toBe(50)
    expect(ranA).toBeGreaterThan(0)
    expect(ranB).toBeGreaterThan(0)
    expect(runs.size).toBe(50)
    expect([...runs.values()].every((n) => n === 1)).toBe(true)
  })

  it('a crashed run is run again by a new scheduler after its lock expires', async () => {
    const job = scheduler().enqueue(kind('n'), { payload: {}, runAt: T0 })
    // The old process claimed it and died before finishing.
    claimDueJobs(handle.db, clock.now(), { limit: 10, lockMs: 5 * MINUTE })

    const s = scheduler()
    const { ran, handler } = recorder()
    s.register(kind('n'), handler)
    expect(await s.runDue()).toBe(0) // still locked
    clock.advance(5 * MINUTE)
    expect(await s.runDue()).toBe(1)
    expect(ran).toEqual([job?.id])
    expect(status(job?.id)).toMatchObject({ status: 'done', attempts: 2 })
  })

  it('a crash after markSending leaves the job uncertain, never sent again', async () => {
    const job = scheduler().enqueue(kind('n'), { payload: {}, runAt: T0 })
    const [claimed] = claimDueJobs(handle.db, clock.now(), { limit: 10, lockMs: 5 * MINUTE })
    if (!claimed) throw new Error('expected a claim')
    markSending(handle.db, claimed, clock.now())

    const s = scheduler()
    const { ran, handler } = recorder()
    s.register(kind('n'), handler)
    clock.advance(5 * MINUTE)
    expect(await s.runDue()).toBe(0)
    clock.advance(DAY)
    expect(await s.runDue()).toBe(0)
    expect(ran).toEqual([])
    const row = status(job?.id)
    expect(row?.status).toBe('uncertain')
    expect(row?.outcome).toMatch(/unknown/)
  })

  it('a run that outlived its lock cannot send after another poller took the job', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const sends: string[] = []
    let withdrawn = false
    // As the run's Bot API client does: the request goes only if `leaving` says so
    const send = (ctx: JobRunContext, who: string) => {
      if (!ctx.leaving()) {
        withdrawn = true
        throw new Error('sendMessage was withdrawn by its sender before it left')
      }
      sends.push(who)
    }
    const slow = scheduler({ lockMs: MINUTE })
    slow.register(kind('n'), async (_payload, _job, ctx) => {
      await gate
      send(ctx, 'slow')
    })
    const fast = scheduler({ lockMs: MINUTE })
    fast.register(kind('n'), async (_payload, _job, ctx) => send(ctx, 'fast'))
    const job = slow.enqueue(kind('n'), { payload: {}, runAt: T0 })

    const slowRun = slow.runDue()
    await nextTick()
    clock.advance(2 * MINUTE)
    expect(await fast.runDue()).toBe(1)
    release()
    await slowRun

    expect(sends).toEqual(['fast'])
    expect(withdrawn).toBe(true)
    // The withdrawn run recorded nothing: no failure, no retry over the other poller's outcome
    expect(status(job?.id)).toMatchObject({ status: 'done', attempts: 2, lastError: null })
  })

  it('a due job survives a restart and runs exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientdesk-jobs-'))
    const file = join(dir, 'db.sqlite')
    try {
      const before = openDatabase(file)
      runMigrations(before)
      const first = createScheduler({ db: before.db, clock, logger })
      const job = first.enqueue(kind('n'), { payload: {}, runAt: T0 + MINUTE, dedupeKey: 'review:1' })
      await first.stop()
      before.close()

      clock.advance(DAY)
      const after = openDatabase(file)
      try {
        const second = createScheduler({ db: after.db, clock, logger })
        const { ran, handler } = recorder()
        second.register(kind('n'), handler)
        expect(second.enqueue(kind('n'), { payload: {}, runAt: T0, dedupeKey: 'review:1' })).toBeUndefined()
        expect(await second.runDue()).toBe(1)
        expect(await second.runDue()).toBe(0)
        expect(ran).toEqual([job?.id])
      } finally {
        after.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('two connections to one file never run a job twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientdesk-jobs-'))
    const file = join(dir, 'db.sqlite')
    const one = openDatabase(file)
    runMigrations(one)
    const two = openDatabase(file)
    try {
      const runs: number[] = []
      const handler: JobHandler<unknown> = async (_payload, job) => {
        await nextTick()
        runs.push(job.id)
      }
      const a = createScheduler({ db: one.db, clock, logger, batchSize: 5 })
      const b = createScheduler({ db: two.db, clock, logger, batchSize: 5 })
      a.register(kind('n'), handler)
      b.register(kind('n'), handler)
      for (let i = 0; i < 50; i++) a.enqueue(kind('n'), { payload: {}, runAt: T0 - i })

      const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()])
      expect(ranA + ranB).toBe(50)
      expect(runs).toHaveLength(50)
      expect(new Set(runs).size).toBe(50)
    } finally {
      one.close()
      two.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
