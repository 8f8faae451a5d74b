import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DatabaseHandle } from '../../db/client.ts'
import {
  cancelJobs,
  claimDueJobs,
  completeJob,
  deferJob,
  enqueueJob,
  getJob,
  listPendingJobs,
  markSending,
  recoverExpiredLocks,
  retryJob,
} from '../../db/repositories/jobs.ts'
import { clients } from '../../db/schema.ts'
import { createTestDb } from '../helpers/db.ts'

const T0 = Date.parse('2026-11-23T09:00:00Z')
const LOCK = { limit: 10, lockMs: 60_000 }

let handle: DatabaseHandle

beforeEach(() => {
  handle = createTestDb()
})
afterEach(() => handle.close())

function addClient(telegramId: number): number {
  const row = handle.db
    .insert(clients)
    .values({ telegramId, createdAt: T0, lastSeenAt: T0 })
    .returning({ id: clients.id })
    .get()
  return row.id
}

describe('enqueueJob', () => {
  it('stores a pending job with its payload', () => {
    const job = enqueueJob(handle.db, { kind: 'ping', runAt: T0, payload: { orderId: 7 } }, T0)
    expect(job).toMatchObject({
      kind: 'ping',
      status: 'pending',
      attempts: 0,
      maxAttempts: 5,
      payload: { orderId: 7 },
      dedupeKey: null,
    })
    expect(enqueueJob(handle.db, { kind: 'ping', runAt: T0 }, T0)?.payload).toEqual({})
  })

  it('enqueues a dedupe key only once, even after the job ran or was cancelled', () => {
    const first = enqueueJob(handle.db, { kind: 'ping', runAt: T0, dedupeKey: 'k1' }, T0)
    expect(first).toBeDefined()
    expect(enqueueJob(handle.db, { kind: 'ping', runAt: T0 + 1, dedupeKey: 'k1' }, T0)).toBeUndefined()

    const [claimed] = claimDueJobs(handle.db, T0, LOCK)
    expect(claimed && completeJob(handle.db, claimed, T0)).toBe(true)
    expect(enqueueJob(handle.db, { kind: 'ping', runAt: T0, dedupeKey: 'k1' }, T0)).toBeUndefined()

    enqueueJob(handle.db, { kind: 'ping', runAt: T0, dedupeKey: 'k2' }, T0)
    expect(cancelJobs(handle.db, { dedupeKey: 'k2' }, 'paid', T0)).toHaveLength(1)
    expect(enqueueJob(handle.db, { kind: 'ping', runAt: T0, dedupeKey: 'k2' }, T0)).toBeUndefined()

    const count = handle.sqlite.prepare('select count(*) as n from jobs').get() as { n: number }
    expect(count.n).toBe(2)
  })

  it('allows any number of jobs without a key', () => {
    enqueueJob(handle.db, { kind: 'ping', runAt: T0 }, T0)
    expect(enqueueJob(handle.db, { kind: 'ping', runAt: T0 }, T0)).toBeDefined()
  })
})

describe('claimDueJobs', () => {
  it('claims only due pending jobs, oldest first, up to the limit', () => {
    const late = enqueueJob(handle.db, { kind: 'a', runAt: T0 - 1_000 }, T0)
    const early = enqueueJob(handle.db, { kind: 'b', runAt: T0 - 5_000 }, T0)
    const sameTime = enqueueJob(handle.db, { kind: 'c', runAt: T0 - 1_000 }, T0)
    enqueueJob(handle.db, { kind: 'future', runAt: T0 + 1 }, T0)

    const claimed = claimDueJobs(handle.db, T0, { limit: 2, lockMs: 30_000 })
    expect(claimed.map((j) => j.id)).toEqual([early?.id, late?.id])
    for (const job of claimed) {
      expect(job).toMatchObject({ status: 'running', attempts: 1, lockedUntil: T0 + 30_000 })
    }

    // The claimed rows are not handed out again; the rest follow in order.
    expect(claimDueJobs(handle.db, T0, LOCK).map((j) => j.id)).toEqual([sameTime?.id])
    expect(claimDueJobs(handle.db, T0, LOCK)).toEqual([])
  })

  it('is one UPDATE statement that finds due jobs through jobs_due_idx', () => {
    const statements: string[] = []
    const prepare = handle.sqlite.prepare.bind(handle.sqlite)
    const spy = vi.spyOn(handle.sqlite, 'prepare').mockImplementation((source: string) => {
      statements.push(source)
      return prepare(source)
    })
    claimDueJobs(handle.db, T0, LOCK)
    spy.mockRestore()

    expect(statements).toHaveLength(1)
    const claim = statements[0] ?? ''
    expect(claim).toMatch(/^update "jobs" set .* where "jobs"\."id" in \(select .* limit \?\) returning/)

    // The plan does not depend on the bound values, so any will do.
    const params = Array.from(claim.matchAll(/\?/g), () => 0)
    const plan = handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${claim}`).all(...params) as {
      detail: string
    }[]
    const details = plan.map((row) => row.detail).join('\n')
    expect(details).toMatch(/SEARCH jobs USING (COVERING )?INDEX jobs_due_idx \(status=\? AND run_at<\?\)/)
    expect(details).not.toContain('TEMP B-TREE')
    expect(details).not.toMatch(/SCAN jobs\b/)
  })
})

describe('recoverExpiredLocks', () => {
  it('requeues, marks uncertain or fails running jobs whose lock expired', () => {
    const plain = enqueueJob(handle.db, { kind: 'a', runAt: T0 }, T0)
    const sending = enqueueJob(handle.db, { kind: 'b', runAt: T0 }, T0)
    const lastTry = enqueueJob(handle.db, { kind: 'c', runAt: T0, maxAttempts: 1 }, T0)
    const claimed = claimDueJobs(handle.db, T0, LOCK)
    const sendingClaim = claimed.find((j) => j.id === sending?.id)
    expect(sendingClaim && markSending(handle.db, sendingClaim, T0)).toBe(true)

    // Not expired yet: nothing changes.
    expect(recoverExpiredLocks(handle.db, T0 + 59_999)).toEqual({
      requeued: [],
      uncertain: [],
      failed: [],
    })

    const recovered = recoverExpiredLocks(handle.db, T0 + 60_000)
    expect(recovered.requeued.map((j) => j.id)).toEqual([plain?.id])
    expect(recovered.uncertain.map((j) => j.id)).toEqual([sending?.id])
    expect(recovered.failed.map((j) => j.id)).toEqual([lastTry?.id])

    expect(getJob(handle.db, plain?.id ?? 0)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lockedUntil: null,
      runAt: T0,
    })
    expect(getJob(handle.db, sending?.id ?? 0)?.status).toBe('uncertain')
    expect(getJob(handle.db, sending?.id ?? 0)?.outcome).toMatch(/unknown/)
    expect(getJob(handle.db, lastTry?.id ?? 0)?.status).toBe('failed')
  })
})

describe('claim fencing', () => {
  it('ignores writes from a claim that was taken over', () => {
    enqueueJob(handle.db, { kind: 'a', runAt: T0 }, T0)
    const [stale] = claimDueJobs(handle.db, T0, LOCK)
    recoverExpiredLocks(handle.db, T0 + 60_000)
    const [current] = claimDueJobs(handle.db, T0 + 60_000, LOCK)
    if (!stale || !current) throw new Error('expected two claims')

    expect(markSending(handle.db, stale, T0 + 60_001)).toBe(false)
    expect(completeJob(handle.db, stale, T0 + 60_001)).toBe(false)
    expect(getJob(handle.db, current.id)).toMatchObject({ status: 'running', attempts: 2 })
    expect(completeJob(handle.db, current, T0 + 60_002)).toBe(true)
  })

  it('retry keeps the attempt counted and clears sending; defer gives the attempt back', () => {
    enqueueJob(handle.db, { kind: 'a', runAt: T0 }, T0)
    const [first] = claimDueJobs(handle.db, T0, LOCK)
    if (!first) throw new Error('expected a claim')
    markSending(handle.db, first, T0)
    retryJob(handle.db, first, 'boom', T0 + 30_000, T0)
    expect(getJob(handle.db, first.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      runAt: T0 + 30_000,
      lastError: 'boom',
      sendingAt: null,
      lockedUntil: null,
    })

    const [second] = claimDueJobs(handle.db, T0 + 30_000, LOCK)
    if (!second) throw new Error('expected a claim')
    deferJob(handle.db, second, 'quiet hours', T0 + 90_000, T0 + 30_000)
    expect(getJob(handle.db, first.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      runAt: T0 + 90_000,
      outcome: 'quiet hours',
    })
  })
})

describe('cancel, reschedule and list', () => {
  it('cancels pending jobs by key, by id, by client and by client and kinds', () => {
    const anna = addClient(1001)
    const boris = addClient(1002)
    enqueueJob(handle.db, { kind: 'pay', runAt: T0, clientId: anna, dedupeKey: 'pay:1' }, T0)
    enqueueJob(handle.db, { kind: 'review', runAt: T0 + 1, clientId: anna }, T0)
    enqueueJob(handle.db, { kind: 'nudge', runAt: T0 + 2, clientId: anna }, T0)
    const borisJob = enqueueJob(handle.db, { kind: 'pay', runAt: T0, clientId: boris }, T0)

    expect(cancelJobs(handle.db, { dedupeKey: 'pay:1' }, 'paid', T0)).toHaveLength(1)
    expect(cancelJobs(handle.db, { dedupeKey: 'pay:1' }, 'paid', T0)).toHaveLength(0)
    expect(cancelJobs(handle.db, { clientId: anna, kinds: ['nudge'] }, 'replied', T0)).toHaveLength(1)
    expect(cancelJobs(handle.db, { clientId: anna, kinds: [] }, 'nothing', T0)).toHaveLength(0)
    expect(cancelJobs(handle.db, { clientId: anna }, '/stop', T0)).toHaveLength(1)
    expect(listPendingJobs(handle.db, { clientId: anna, limit: 10 })).toEqual([])
    expect(listPendingJobs(handle.db, { limit: 10 }).map((j) => j.id)).toEqual([borisJob?.id])
    expect(cancelJobs(handle.db, { id: borisJob?.id ?? 0 }, 'manager', T0)).toHaveLength(1)

    const cancelled = handle.sqlite.prepare("select outcome from jobs where status = 'cancelled' order by id").all()
    expect(cancelled).toEqual([
      { outcome: 'paid' },
      { outcome: '/stop' },
      { outcome: 'replied' },
      { outcome: 'manager' },
    ])
  })

  it('does not cancel a running job', () => {
    enqueueJob(handle.db, { kind: 'a', runAt: T0, dedupeKey: 'k' }, T0)
    claimDueJobs(handle.db, T0, LOCK)
    expect(cancelJobs(handle.db, { dedupeKey: 'k' }, 'paid', T0)).toHaveLength(0)
  })

  it('lists pending jobs soonest first, up to the limit', () => {
    enqueueJob(handle.db, { kind: 'c', runAt: T0 + 3 }, T0)
    enqueueJob(handle.db, { kind: 'a', runAt: T0 + 1 }, T0)
    enqueueJob(handle.db, { kind: 'b', runAt: T0 + 2 }, T0)
    expect(listPendingJobs(handle.db, { limit: 2 }).map((j) => j.kind)).toEqual(['a', 'b'])
  })
})
