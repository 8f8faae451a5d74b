/**
 * `npm run bench -- scale`: is the bot as fast with 100,000 clients as with 1,000, and
 * does it keep answering while owners ask for big things?
 *
 * For 1,000, 10,000 and 100,000 clients (test/helpers/population.ts: about 31 rows per
 * client — 20 transcript rows, 5 events, 2 jobs, tags, answers, orders, bookings…) in a
 * database file it measures:
 * - the real process (`npm start`'s flags, fake Bot API over HTTP): start-up time to
 *   "long polling: started", RSS once idle and after 10,000 updates from 1,000 clients;
 * - per update, through `bot.handleUpdate`: a returning client's /start, a relayed message
 *   (handled and delivered to the topic) and a quiz button press, each next to a bare grammY
 *   bot making the same Bot API calls in the same run (p50 ratio), the SQL statements
 *   each runs and the time spent inside SQLite (with the ratio the rest of the bot makes),
 *   and next to that bare bot making, around the same calls, the same durable writes as
 *   ours (scale/durable.ts: what no bot that keeps its promises can drop);
 * - owner operations: /stats 30d, /export, /backup, the daily sweep, a segment count, the
 *   counts of the tag picker's choices and confirming a broadcast to everyone, with the longest
 *   event-loop block while each ran.
 * The per-update figures of all sizes are taken side by side, the databases taking turns
 * of 50 updates (in each, the bot's in a row, then the bare bot's, then the bare bot's with
 * the durable writes), so the growth from one
 * size to the next is measured in the same stretch of the process as the ratios are. Then
 * the growth from 10,000 to 100,000 clients, and each goal of issue 11 met or not.
 *
 * SCALE_SIZES, SCALE_SAMPLES and SCALE_UPDATES make a quick run smaller; SCALE_ONLY=updates
 * measures only the per-update part (no process, no owner operations), and with it
 * SCALE_KINDS=relay (or start, quiz, a comma list) only those kinds of update.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../db/client.ts'
import { measureOwnerOperations, type OwnerOperation, type OwnerOperationName } from './scale/owner.ts'
import { measureProcess, type ProcessFigures } from './scale/process.ts'
import { seedDatabaseFile } from './scale/seed.ts'
import { measureUpdates, type SeededDatabase, type UpdateKindResult } from './scale/updates.ts'

const SIZES = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number)
const SAMPLES = Number(process.env.SCALE_SAMPLES ?? 500)
const UPDATES = Number(process.env.SCALE_UPDATES ?? 10_000)
const ONLY_UPDATES = process.env.SCALE_ONLY === 'updates'
/** Well past the read worker's 30 s idle stop after the sweep's last read: "idle" is after it. */
const IDLE_WAIT_MS = 40_000
const NOW = Date.now()

interface SizeFigures {
  seed_s: number
  process: ProcessFigures
  updates: Record<'start' | 'relay' | 'quiz', UpdateKindResult>
  owner: Record<OwnerOperationName, OwnerOperation>
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2))

function printUpdates(updates: SizeFigures['updates']): void {
  for (const [kind, u] of Object.entries(updates)) {
    console.log(
      `  ${kind.padEnd(5)} bot p50 ${u.bot.p50_ms} / p95 ${u.bot.p95_ms} / max ${u.bot.max_ms} ms, bare p50 ${u.bare.p50_ms} ms: ${u.ratio}× bare, ${u.sql} SQL statements taking ${u.sql_ms} ms (${u.ratio_without_sql}× bare without them); bare with the durable writes p50 ${u.durable.p50_ms} ms: ${u.ratio_durable}×`,
    )
  }
}

/** A database file for each size, seeded; removed with the bench's directory. */
function seedAll(dir: string): { size: number; path: string; seed_s: number; seeded: SeededDatabase['seeded'] }[] {
  return SIZES.map((size) => {
    const path = join(dir, `clients-${size}.sqlite`)
    const seeded = seedDatabaseFile(path, size, NOW)
    console.log(`${size} clients: ${seeded.rows} rows seeded in ${(seeded.ms / 1000).toFixed(1)} s`)
    return { size, path, seed_s: Number((seeded.ms / 1000).toFixed(1)), seeded: seeded.clients }
  })
}

/** The per-update figures of every size, measured side by side (see measureUpdates). */
async function updatesOf(seeded: SeededDatabase[]): Promise<SizeFigures['updates'][]> {
  const figures = await measureUpdates(seeded, NOW, SAMPLES)
  for (const [n, updates] of figures.entries()) {
    console.log(`\n${SIZES[n]} clients, per update:`)
    printUpdates(updates)
  }
  return figures
}

/** SCALE_ONLY=updates: the per-update figures alone, for a quick loop while working on them. */
async function runUpdatesOnly(dir: string): Promise<Record<string, unknown>> {
  const seeded = seedAll(dir).map((s) => ({ ...s, database: openDatabase(s.path) }))
  const figures = await updatesOf(seeded)
  for (const s of seeded) s.database.close()
  return { sizes: Object.fromEntries(SIZES.map((size, n) => [String(size), figures[n]])) }
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-scale-'))
  const sizes: Record<string, SizeFigures> = {}
  try {
    if (ONLY_UPDATES) return await runUpdatesOnly(dir)
    // The process is `npm start`: the compiled bot, built from the sources as they are now
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
    const files = seedAll(dir)
    const processes: ProcessFigures[] = []
    for (const s of files) {
      const proc = await measureProcess(s.path, s.seeded, {
        updates: UPDATES,
        clients: 1_000,
        idleWaitMs: IDLE_WAIT_MS,
      })
      console.log(
        `\n${s.size} clients, process: start-up ${proc.startup_ms} ms, RSS idle ${proc.rss_idle_mb} MB, after ${proc.updates} updates ${proc.rss_after_updates_mb} MB (${proc.updates_s} s)`,
      )
      processes.push(proc)
    }
    const seeded = files.map((s) => ({ ...s, database: openDatabase(s.path) }))
    const updates = await updatesOf(seeded)
    for (const [n, s] of seeded.entries()) {
      console.log(`\n${s.size} clients, owner operations:`)
      const owner = await measureOwnerOperations(s.database, NOW)
      for (const [op, o] of Object.entries(owner)) {
        console.log(
          `  ${op.padEnd(19)} ${o.ms} ms${o.runs > 1 ? ` (median of ${o.runs})` : ''}, longest event-loop block ${o.block_ms} ms`,
        )
      }
      s.database.close()
      rmSync(s.path, { force: true })
      sizes[String(s.size)] = {
        seed_s: s.seed_s,
        process: processes[n] as ProcessFigures,
        updates: updates[n] as SizeFigures['updates'],
        owner,
      }
    }
  } finally {
    try {
      rmSync(dir, { recursive: true, force: true })
    } catch (error) {
      // A failure to clean up must not take the place of the error that ended the run
      console.error(`could not remove ${dir}:`, error)
    }
  }

  const small = sizes['10000']
  const large = sizes['100000']
  const growth =
    small && large
      ? {
          owner: Object.fromEntries(
            Object.keys(large.owner).map((op) => [
              op,
              ratio(large.owner[op as keyof SizeFigures['owner']].ms, small.owner[op as keyof SizeFigures['owner']].ms),
            ]),
          ),
          updates: Object.fromEntries(
            Object.keys(large.updates).map((kind) => [
              kind,
              ratio(
                large.updates[kind as keyof SizeFigures['updates']].bot.p50_ms,
                small.updates[kind as keyof SizeFigures['updates']].bot.p50_ms,
              ),
            ]),
          ),
        }
      : undefined
  const all = Object.values(sizes)
  const goals = {
    start_within_4x_bare: all.every((s) => s.updates.start.ratio <= 4),
    relay_within_4x_bare: all.every((s) => s.updates.relay.ratio <= 4),
    quiz_within_8x_bare: all.every((s) => s.updates.quiz.ratio <= 8),
    // The same goals against the bare bot that also makes the durable writes (scale/durable.ts)
    start_within_4x_durable: all.every((s) => s.updates.start.ratio_durable <= 4),
    relay_within_4x_durable: all.every((s) => s.updates.relay.ratio_durable <= 4),
    quiz_within_8x_durable: all.every((s) => s.updates.quiz.ratio_durable <= 8),
    owner_block_within_100ms_at_100k: large ? Object.values(large.owner).every((o) => o.block_ms <= 100) : undefined,
    startup_within_3s: all.every((s) => s.process.startup_ms <= 3_000),
    rss_idle_within_150mb_at_100k: large ? large.process.rss_idle_mb <= 150 : undefined,
    rss_after_updates_within_200mb: all.every((s) => s.process.rss_after_updates_mb <= 200),
    owner_growth_within_10x: growth ? Object.values(growth.owner).every((g) => g <= 10) : undefined,
    // "About 1x": within a quarter, about what two runs of the same size differ by
    update_growth_within_1_25x: growth ? Object.values(growth.updates).every((g) => g <= 1.25) : undefined,
  }
  if (growth) {
    console.log(
      `\ngrowth 10k → 100k: owner operations ${JSON.stringify(growth.owner)}, per update ${JSON.stringify(growth.updates)}`,
    )
  }
  console.log(`goals: ${JSON.stringify(goals)}`)
  return { sizes, growth, goals }
}
