/**
 * `npm run bench -- scheduler`: how the durable job table scales, measured on what the product
 * runs. With 10,000 and with 1,000,000 pending jobs in a real SQLite file with the real
 * migrations, it measures:
 * - enqueueing through the scheduler (`scheduler.enqueue`, one job per call as features do,
 *   dedupe key included): rate and latency, against a one-row prepared INSERT as baseline;
 * - claiming a batch of due jobs with `claimDueJobs`, and the query plan of the very SQL it
 *   runs (captured from drizzle), so "uses the index" is about that statement. Both tables
 *   hold the same number of due jobs, so the 1M/10k ratio of claim times shows whether the
 *   claim walks the (status, run_at) index (ratio near 1) or scans the table (near 100);
 * - a real race: schedulers in two worker threads on one file claiming the same due jobs,
 *   round after round, with the count of jobs run twice (and a read-then-mark control that
 *   must run some twice, or the race did not interleave).
 * The tables are filled by a bulk INSERT in one transaction: that is set-up, not a figure.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { type DatabaseHandle, openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { claimDueJobs } from '../db/repositories/jobs.ts'
import { createScheduler } from '../src/jobs/scheduler.ts'
import { createLogger } from '../src/logger.ts'
import { FOLLOWUP_JOBS } from '../src/services/followups/index.ts'
import { latency } from '../test/helpers/latency.ts'
import { raceForDueJobs } from '../test/helpers/race.ts'

const SIZES = [10_000, 1_000_000] as const
/** Due jobs in each table: the same in both, so only the table size differs. */
const DUE = 6_000
const BATCH = 20
const CLAIMS = 250
const WARMUP = 20
const LOCK_MS = 10 * 60_000
const NOW = Date.parse('2026-11-23T09:00:00Z')
const DAY = 24 * 3_600_000

interface Table {
  pending: number
  handle: DatabaseHandle
  claimSql: string
  plan: string
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** A deterministic pseudo-random sequence: the same tables on every run. */
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return s / 2_147_483_648
  }
}

/** Enqueues timed per table size (each its own autocommit, as when a feature enqueues). */
const ENQUEUES = 2_000
const RACE_ROUNDS = 200
const RACE_JOBS_PER_ROUND = 20

/**
 * The SQL and parameters `claimDueJobs` runs, captured from drizzle's logger on a scratch
 * claim (rolled back), and its query plan.
 */
function claimPlan(handle: DatabaseHandle): { sql: string; plan: string } {
  let captured: { query: string; params: unknown[] } | undefined
  const db = drizzle(handle.sqlite, {
    logger: {
      logQuery: (query, params) => {
        captured ??= { query, params }
      },
    },
  })
  handle.sqlite.exec('SAVEPOINT plan')
  try {
    claimDueJobs(db, NOW, { limit: BATCH, lockMs: LOCK_MS })
  } finally {
    handle.sqlite.exec('ROLLBACK TO plan; RELEASE plan')
  }
  if (!captured) throw new Error('claimDueJobs ran no SQL')
  const plan = handle.sqlite
    .prepare(`EXPLAIN QUERY PLAN ${captured.query}`)
    .all(...(captured.params as unknown[]))
    .map((row) => (row as { detail: string }).detail)
    .join('; ')
  return { sql: captured.query, plan }
}

/** A fresh database file with the real migrations and `pending` jobs, `DUE` of them due now. */
function build(dir: string, pending: number, name = `jobs-${pending}`): Table {
  const handle = openDatabase(join(dir, `${name}.sqlite`))
  runMigrations(handle)
  const { sqlite } = handle
  const insert = sqlite.prepare(
    `INSERT INTO jobs (kind, run_at, status, attempts, max_attempts, dedupe_key, client_id, payload, created_at, updated_at)
     VALUES (?, ?, 'pending', 0, 5, ?, NULL, ?, ?, ?)`,
  )
  const rnd = random(pending)
  const kinds = ['payment_reminder', 'checkin', 'review_request', 'nps', 'reengage', 'greeting']
  const stride = Math.floor(pending / DUE)
  const started = process.hrtime.bigint()
  sqlite.transaction(() => {
    for (let i = 0; i < pending; i++) {
      // DUE jobs spread over the past week, the rest over the next 90 days, interleaved
      const due = i % stride === 0
      const runAt = due ? NOW - Math.floor(rnd() * 7 * DAY) : NOW + 1 + Math.floor(rnd() * 90 * DAY)
      insert.run(kinds[i % kinds.length], runAt, `bench:${i}`, `{"orderId":${i},"at":${runAt}}`, NOW, NOW)
    }
  })()
  console.log(
    `set-up: ${pending.toLocaleString('en')} pending jobs bulk-inserted in ` +
      `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s (one transaction)`,
  )
  const { sql, plan } = claimPlan(handle)
  return { pending, handle, claimSql: sql, plan }
}

function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t0) / 1e6
}

/**
 * Claims batch after batch with the scheduler's `claimDueJobs`, alternating between the
 * tables so that load from other processes on the machine falls on both alike.
 */
function claimTimes(tables: Table[]): number[][] {
  const times = tables.map(() => [] as number[])
  for (let i = 0; i < WARMUP + CLAIMS; i++) {
    tables.forEach((table, t) => {
      let claimed = 0
      const ms = timeMs(() => {
        claimed = claimDueJobs(table.handle.db, NOW, { limit: BATCH, lockMs: LOCK_MS }).length
      })
      if (claimed !== BATCH) throw new Error(`claim ${i} got ${claimed} jobs, expected ${BATCH}`)
      if (i >= WARMUP) times[t]?.push(ms)
    })
  }
  return times
}

/**
 * Enqueues through the scheduler features use, one job per call (each its own commit), on
 * a table of `table.pending` jobs; baseline: a one-row prepared INSERT, also one per commit.
 */
function enqueueTimes(table: Table): { scheduler: number[]; baseline: number[] } {
  const logger = createLogger({ level: 'silent' })
  const scheduler = createScheduler({ db: table.handle.db, clock: { now: () => NOW }, logger })
  const raw = table.handle.sqlite.prepare(
    `INSERT INTO jobs (kind, run_at, status, attempts, max_attempts, dedupe_key, payload, created_at, updated_at)
     VALUES ('checkin', ?, 'pending', 0, 5, ?, '{}', ?, ?)`,
  )
  const times = { scheduler: [] as number[], baseline: [] as number[] }
  for (let i = 0; i < WARMUP + ENQUEUES; i++) {
    const runAt = NOW + DAY + i * 1000
    const viaScheduler = timeMs(() => {
      if (
        !scheduler.enqueue(FOLLOWUP_JOBS.checkin, {
          runAt,
          payload: { orderId: i + 1, at: runAt },
          dedupeKey: `enq:${i}`,
        })
      )
        throw new Error('enqueue was refused')
    })
    const viaInsert = timeMs(() => raw.run(runAt, `raw:${i}`, NOW, NOW))
    if (i >= WARMUP) {
      times.scheduler.push(viaScheduler)
      times.baseline.push(viaInsert)
    }
  }
  return times
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-bench-'))
  const tables: Table[] = []
  try {
    // A throwaway first round warms up the JIT, so the first measured table is not penalised
    const warm = build(dir, SIZES[0], 'warmup')
    claimTimes([warm])
    warm.handle.close()

    for (const size of SIZES) tables.push(build(dir, size))
    const [small, large] = tables as [Table, Table]
    console.log(`claimDueJobs runs: ${large.claimSql}`)
    console.log(`its query plan: ${large.plan}`)
    const [claimSmall = [], claimLarge = []] = claimTimes(tables)
    for (const [label, times] of [
      ['10,000', claimSmall],
      ['1,000,000', claimLarge],
    ] as const) {
      const l = latency(times)
      console.log(
        `claim ${BATCH} due jobs among ${label} pending: p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms ` +
          `(${CLAIMS} claims: UPDATE … RETURNING, one commit each)`,
      )
    }
    const ratio = median(claimLarge) / median(claimSmall)
    console.log(
      `claim time ratio 1M / 10k: ${ratio.toFixed(2)} (limit 2: the claim walks the index, a scan would be ~100)`,
    )

    const enqueue = tables.map((table) => enqueueTimes(table))
    const rate = (times: number[]) => times.length / (times.reduce((a, b) => a + b, 0) / 1000)
    enqueue.forEach((times, i) => {
      const l = latency(times.scheduler)
      console.log(
        `scheduler.enqueue among ${SIZES[i]?.toLocaleString('en')} jobs: ${Math.round(rate(times.scheduler))} jobs/s ` +
          `(p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms) vs one-row INSERT ${Math.round(rate(times.baseline))} jobs/s`,
      )
    })

    const race = await raceForDueJobs({ rounds: RACE_ROUNDS, racers: 2, jobsPerRound: RACE_JOBS_PER_ROUND })
    const control = await raceForDueJobs({
      rounds: RACE_ROUNDS,
      racers: 2,
      jobsPerRound: RACE_JOBS_PER_ROUND,
      naive: true,
    })
    const raced = latency(race.latencies)
    console.log(
      `race: 2 schedulers in worker threads, ${RACE_ROUNDS} rounds × ${RACE_JOBS_PER_ROUND} due jobs: ` +
        `${race.ranTwice} run twice, ${race.neverRan} never run, ${race.errors.length} errors ` +
        `(jobs per scheduler ${race.perRacer.join(' / ')}); runDue p50 ${raced.p50} ms, p95 ${raced.p95} ms, max ${raced.max} ms`,
    )
    console.log(`control (read the due jobs, then mark them one by one): ${control.ranTwice} run twice`)

    const [enqSmall, enqLarge] = enqueue as [ReturnType<typeof enqueueTimes>, ReturnType<typeof enqueueTimes>]
    const enqueueLatency = latency(enqLarge.scheduler)
    const round = (n: number, digits = 3) => Number(n.toFixed(digits))
    return {
      due_jobs: DUE,
      batch: BATCH,
      enqueue_rate_10k_per_s: Math.round(rate(enqSmall.scheduler)),
      enqueue_rate_1m_per_s: Math.round(rate(enqLarge.scheduler)),
      enqueue_p50_ms_1m: enqueueLatency.p50,
      enqueue_p95_ms_1m: enqueueLatency.p95,
      enqueue_max_ms_1m: enqueueLatency.max,
      insert_baseline_1m_per_s: Math.round(rate(enqLarge.baseline)),
      enqueue_ratio: round(rate(enqLarge.scheduler) / rate(enqLarge.baseline), 2),
      claim_ms_10k: round(median(claimSmall)),
      claim_ms_1m: round(median(claimLarge)),
      claim_p95_ms_10k: latency(claimSmall).p95,
      claim_p95_ms_1m: latency(claimLarge).p95,
      claim_max_ms_1m: latency(claimLarge).max,
      ratio: round(ratio, 2),
      limit: 2,
      uses_index: /USING (COVERING )?INDEX jobs_due_idx/.test(large.plan) && /jobs_due_idx/.test(small.plan),
      race_rounds: RACE_ROUNDS,
      race_jobs: race.jobs,
      race_run_twice: race.ranTwice,
      race_never_run: race.neverRan,
      race_errors: race.errors.length,
      race_run_due_p95_ms: raced.p95,
      control_run_twice: control.ranTwice,
    }
  } finally {
    for (const table of tables) table.handle.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
