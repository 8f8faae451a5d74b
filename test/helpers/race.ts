/**
 * Real races on one SQLite file: worker threads, each with its own connection and its own
 * bot and services (race-worker.ts), start every round together at a shared barrier and do
 * the same thing at once — book the last place of a slot, or claim the same due jobs. The
 * results are read back from the file. Used by the tests and by the booking and scheduler
 * benches.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { upsertClient } from '../../db/repositories/clients.ts'
import { enqueueJob } from '../../db/repositories/jobs.ts'
import type { Content } from '../../src/content/schema.ts'
import { createFakeClock } from './clock.ts'
import { createHarness, demoContent } from './harness.ts'
import type { RacerInput, RacerOutput } from './race-worker.ts'

/** Monday 09:00 in Moscow, before opening: every slot of the coming weeks is ahead. */
const NOW = Date.parse('2026-11-23T06:00:00Z')

/**
 * A worker's entry: registers tsx in the worker, then loads the racer. (Passing
 * `--import tsx` in the worker's execArgv does not apply to its entry module on Node 20.)
 */
const RACER_ENTRY = `import('tsx/esm/api')
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./race-worker.ts', import.meta.url).href)}) })`

/** Runs one racer per input in worker threads and collects their reports. */
async function runRacers(inputs: RacerInput[]): Promise<RacerOutput[]> {
  return Promise.all(
    inputs.map(
      (input) =>
        new Promise<RacerOutput>((resolve, reject) => {
          const worker = new Worker(RACER_ENTRY, { eval: true, workerData: input })
          let output: RacerOutput | undefined
          worker.once('message', (message: RacerOutput) => {
            output = message
          })
          worker.once('error', reject)
          worker.once('exit', (code) =>
            output ? resolve(output) : reject(new Error(`racer exited with code ${code} before reporting`)),
          )
        }),
    ),
  )
}

function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-race-'))
  const handle = openDatabase(join(dir, 'race.sqlite'))
  runMigrations(handle)
  return { dir, path: join(dir, 'race.sqlite'), handle, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** `n` of a `SELECT count(*) AS n …` on the file, read after the racers closed their connections. */
function countOnFile(path: string, sql: string, param: string | number): number {
  const check = openDatabase(path)
  try {
    return (check.sqlite.prepare(sql).get(param) as { n: number }).n
  } finally {
    check.close()
  }
}

export interface BookingRace {
  rounds: number
  racers: number
  capacity: number
  /** Per round, how many racers got the place (1 when it works). */
  winners: number[]
  /** How many places each racer got: both win some rounds when the race is real. */
  winsPerRacer: number[]
  /** Slots holding more booked calls than their capacity, read from the file afterwards. */
  overCapacity: number
  /** Attempts that ended in an error (e.g. the database was busy for too long). */
  errors: string[]
  /** How long each booking attempt took, in ms. */
  latencies: number[]
}

/**
 * `racers` clients at once try to book the last place of the same slot, `rounds` times
 * (a new slot each round; the other places are taken before the race). `naive` races a
 * check-then-insert without a transaction instead of the booking service: a control that
 * shows the race really interleaves.
 */
export async function raceForLastPlace({
  rounds,
  racers = 2,
  capacity = 2,
  naive = false,
}: {
  rounds: number
  racers?: number
  capacity?: number
  naive?: boolean
}): Promise<BookingRace> {
  const db = tempDatabase()
  try {
    const demo = demoContent()
    const content: Content = { ...demo, booking: { ...demo.booking, capacity, days_ahead: 60, min_lead_minutes: 0 } }
    // Prepare on the file: the slots, the clients, every place but the last taken
    const h = createHarness({ database: db.handle, content, clock: createFakeClock(NOW) })
    const booking = h.deps.services.booking
    const slots = booking
      .freeDays()
      .flatMap((day) => booking.freeSlots(day.date).map((slot) => slot.start))
      .slice(0, rounds)
    if (slots.length < rounds) throw new Error(`only ${slots.length} free slots for ${rounds} rounds`)
    let telegramId = 7_000_000
    const newClient = () =>
      upsertClient(
        db.handle.db,
        { telegramId: telegramId++, firstName: 'Racer', lastName: null, username: null, languageCode: 'ru' },
        NOW,
      ).client.id
    for (const slotStart of slots) {
      for (let i = 1; i < capacity; i++) {
        const taken = booking.book({
          clientId: newClient(),
          slotStart,
          phone: '+70000000001',
          comment: null,
          productId: null,
        })
        if (!taken.ok) throw new Error(`could not take place ${i} of a slot: ${taken.reason}`)
      }
    }
    const clientIds = Array.from({ length: racers }, () => slots.map(() => newClient()))
    db.handle.close()

    const barrier = new SharedArrayBuffer(8)
    const outputs = await runRacers(
      clientIds.map((ids) => ({
        scenario: naive ? 'naive-booking' : 'booking',
        path: db.path,
        barrier,
        parties: racers,
        content,
        now: NOW,
        slots,
        clientIds: ids,
      })),
    )

    const overCapacity = countOnFile(
      db.path,
      `SELECT count(*) AS n FROM (SELECT slot_start FROM bookings WHERE status = 'booked' AND kind = 'slot'
       GROUP BY slot_start HAVING count(*) > ?)`,
      capacity,
    )
    const attempts = outputs.flatMap((o) => o.attempts)
    return {
      rounds,
      racers,
      capacity,
      winners: slots.map((_, round) => attempts.filter((a) => a.round === round && a.outcome === 'ok').length),
      winsPerRacer: outputs.map((o) => o.attempts.filter((a) => a.outcome === 'ok').length),
      overCapacity,
      errors: attempts.filter((a) => a.outcome.startsWith('error')).map((a) => a.outcome),
      latencies: attempts.map((a) => a.ms),
    }
  } finally {
    db.remove()
  }
}

export interface SchedulerRace {
  rounds: number
  racers: number
  jobs: number
  /** Jobs whose handler ran more than once (across all racers). */
  ranTwice: number
  /** Jobs whose handler never ran. */
  neverRan: number
  /** Jobs not `done` in the file afterwards. */
  notDone: number
  /** How many jobs each racer ran: both take part when the race is real. */
  perRacer: number[]
  errors: string[]
  /** How long each racer's `runDue` took per round, in ms. */
  latencies: number[]
}

const RACE_JOB = 'race_probe'

/**
 * `racers` schedulers on one file, each in its own thread with its own connection, run
 * `runDue` at the same moment, `rounds` times; each round `jobsPerRound` jobs fall due.
 * Every job should run exactly once. `naive` races a read-then-mark claim instead of the
 * scheduler: a control that shows the race really interleaves.
 */
export async function raceForDueJobs({
  rounds,
  racers = 2,
  jobsPerRound,
  naive = false,
}: {
  rounds: number
  racers?: number
  jobsPerRound: number
  naive?: boolean
}): Promise<SchedulerRace> {
  const db = tempDatabase()
  try {
    const roundTimes = Array.from({ length: rounds }, (_, round) => NOW + round * 60_000)
    const ids: number[] = []
    db.handle.sqlite.transaction(() => {
      for (const [round, at] of roundTimes.entries()) {
        for (let i = 0; i < jobsPerRound; i++) {
          const job = enqueueJob(db.handle.db, { kind: RACE_JOB, runAt: at, dedupeKey: `race:${round}:${i}` }, NOW)
          if (job) ids.push(job.id)
        }
      }
    })()
    db.handle.close()

    const barrier = new SharedArrayBuffer(8)
    const outputs = await runRacers(
      Array.from({ length: racers }, () => ({
        scenario: naive ? ('naive-scheduler' as const) : ('scheduler' as const),
        path: db.path,
        barrier,
        parties: racers,
        roundTimes,
        kind: RACE_JOB,
      })),
    )

    const runs = new Map<number, number>()
    for (const id of outputs.flatMap((o) => o.ran)) runs.set(id, (runs.get(id) ?? 0) + 1)
    const notDone = countOnFile(db.path, "SELECT count(*) AS n FROM jobs WHERE kind = ? AND status <> 'done'", RACE_JOB)
    const attempts = outputs.flatMap((o) => o.attempts)
    return {
      rounds,
      racers,
      jobs: ids.length,
      ranTwice: [...runs.values()].filter((n) => n > 1).length,
      neverRan: ids.filter((id) => !runs.has(id)).length,
      notDone,
      perRacer: outputs.map((o) => o.ran.length),
      errors: attempts.filter((a) => a.outcome.startsWith('error')).map((a) => a.outcome),
      latencies: attempts.map((a) => a.ms),
    }
  } finally {
    db.remove()
  }
}
