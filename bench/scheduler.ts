/**
 * `npm run bench -- scheduler`: how the durable job table scales. With 10,000 and with
 * 1,000,000 pending jobs (bulk-inserted in one transaction into a real SQLite file with the
 * real migrations), it measures the insert rate and the time to claim a batch of due jobs
 * with the scheduler's own `claimDueJobs`. Both tables hold the same number of due jobs, so
 * the 1M/10k ratio of claim times shows whether the claim walks the (status, run_at) index
 * (ratio near 1) or scans the table (ratio near 100). Also: the rate of `enqueueJob` (the
 * path features use, with a dedupe key) and the claim's query plan.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DatabaseHandle, openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { claimDueJobs, enqueueJob } from '../db/repositories/jobs.ts'

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
  insertSeconds: number
  insertRate: number
  plan: string
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN
}

/** A deterministic pseudo-random sequence: the same tables on every run. */
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return s / 2_147_483_648
  }
}

const CLAIM_SQL = `SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT ?`

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
  const insertSeconds = Number(process.hrtime.bigint() - started) / 1e9
  const plan = sqlite
    .prepare(`EXPLAIN QUERY PLAN ${CLAIM_SQL}`)
    .all(NOW, BATCH)
    .map((row) => (row as { detail: string }).detail)
    .join('; ')
  return { pending, handle, insertSeconds, insertRate: pending / insertSeconds, plan }
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

/** The claim's SELECT alone (the index walk, no writes), alternating as above. */
function searchTimes(tables: Table[]): number[][] {
  const statements = tables.map((table) => table.handle.sqlite.prepare(CLAIM_SQL))
  const times = tables.map(() => [] as number[])
  for (let i = 0; i < WARMUP + CLAIMS; i++) {
    statements.forEach((statement, t) => {
      const ms = timeMs(() => statement.all(NOW, BATCH))
      if (i >= WARMUP) times[t]?.push(ms)
    })
  }
  return times
}

/** `enqueueJob` (drizzle, dedupe key, one transaction): the rate features get. */
function enqueueRate(dir: string, count: number): number {
  const handle = openDatabase(join(dir, 'enqueue.sqlite'))
  try {
    runMigrations(handle)
    const { db, sqlite } = handle
    const started = process.hrtime.bigint()
    sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        enqueueJob(db, { kind: 'checkin', runAt: NOW + i * 1000, payload: { at: NOW }, dedupeKey: `e:${i}` }, NOW)
      }
    })()
    return count / (Number(process.hrtime.bigint() - started) / 1e9)
  } finally {
    handle.close()
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-bench-'))
  const tables: Table[] = []
  try {
    // A throwaway first round warms up the JIT, so the first measured table is not penalised
    const warm = build(dir, SIZES[0], 'warmup')
    claimTimes([warm])
    warm.handle.close()

    for (const size of SIZES) {
      const table = build(dir, size)
      tables.push(table)
      console.log(
        `${size.toLocaleString('en')} pending jobs: inserted in ${table.insertSeconds.toFixed(2)} s ` +
          `(${Math.round(table.insertRate).toLocaleString('en')} jobs/s, one transaction)`,
      )
    }
    const [small, large] = tables as [Table, Table]
    console.log(`claim query plan: ${large.plan}`)
    const [claimSmall = [], claimLarge = []] = claimTimes(tables)
    const [searchSmall = [], searchLarge = []] = searchTimes(tables)
    for (const [label, times] of [
      ['10,000', claimSmall],
      ['1,000,000', claimLarge],
    ] as const) {
      console.log(
        `claim ${BATCH} due jobs among ${label} pending: median ${median(times).toFixed(3)} ms, ` +
          `p95 ${percentile(times, 95).toFixed(3)} ms (${CLAIMS} claims: UPDATE … RETURNING, one commit each)`,
      )
    }
    console.log(
      `the claim's index search alone: median ${median(searchSmall).toFixed(3)} ms (10k) vs ` +
        `${median(searchLarge).toFixed(3)} ms (1M)`,
    )
    const enqueue = enqueueRate(dir, 20_000)
    console.log(`enqueueJob with a dedupe key: ${Math.round(enqueue).toLocaleString('en')} jobs/s`)
    const ratio = median(claimLarge) / median(claimSmall)
    const searchRatio = median(searchLarge) / median(searchSmall)
    console.log(
      `claim time ratio 1M / 10k: ${ratio.toFixed(2)} (limit 2: the claim walks the index, a scan would be ~100)`,
    )
    const round = (n: number, digits = 3) => Number(n.toFixed(digits))
    return {
      due_jobs: DUE,
      batch: BATCH,
      insert_rate_10k_per_s: Math.round(small.insertRate),
      insert_rate_1m_per_s: Math.round(large.insertRate),
      enqueue_rate_per_s: Math.round(enqueue),
      claim_ms_10k: round(median(claimSmall)),
      claim_ms_1m: round(median(claimLarge)),
      claim_p95_ms_10k: round(percentile(claimSmall, 95)),
      claim_p95_ms_1m: round(percentile(claimLarge, 95)),
      search_ratio: round(searchRatio, 2),
      ratio: round(ratio, 2),
      limit: 2,
      uses_index: /USING (COVERING )?INDEX jobs_due_idx/.test(large.plan),
    }
  } finally {
    for (const table of tables) table.handle.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
