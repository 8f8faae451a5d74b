/**
 * One racer of test/helpers/race.ts, run in a worker thread: its own connection to the
 * shared SQLite file, its own bot and services (the test harness on that file), and a
 * barrier shared with the other racers so that every round starts at the same moment.
 */
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../../db/client.ts'
import type { Content } from '../../src/content/schema.ts'
import { createFakeClock } from './clock.ts'
import { createHarness } from './harness.ts'

export interface BookingRacerInput {
  scenario: 'booking' | 'naive-booking'
  path: string
  barrier: SharedArrayBuffer
  parties: number
  content: Content
  now: number
  /** Slot starts, one per round. */
  slots: number[]
  /** This racer's client for each round (a client holds one upcoming call at a time). */
  clientIds: number[]
}

export interface SchedulerRacerInput {
  scenario: 'scheduler' | 'naive-scheduler'
  path: string
  barrier: SharedArrayBuffer
  parties: number
  /** The clock of each round: that round's jobs are due at it, later rounds' are not yet. */
  roundTimes: number[]
  kind: string
}

export type RacerInput = BookingRacerInput | SchedulerRacerInput

export interface RacerOutput {
  /** Per attempt: how it ended ("ok", "full", an error message…) and how long it took. */
  attempts: { round: number; outcome: string; ms: number }[]
  /** Scheduler: the ids of the jobs this racer's handler ran. */
  ran: number[]
}

/** All parties wait here until the last one arrives (generation counter, so it is reusable). */
function awaitBarrier(buffer: SharedArrayBuffer, parties: number): void {
  const state = new Int32Array(buffer)
  const generation = Atomics.load(state, 1)
  if (Atomics.add(state, 0, 1) + 1 === parties) {
    Atomics.store(state, 0, 0)
    Atomics.add(state, 1, 1)
    Atomics.notify(state, 1)
    return
  }
  while (Atomics.load(state, 1) === generation) Atomics.wait(state, 1, generation)
}

async function raceBookings(input: BookingRacerInput): Promise<RacerOutput> {
  const database = openDatabase(input.path)
  const h = createHarness({ database, content: input.content, clock: createFakeClock(input.now) })
  const count = database.sqlite.prepare(
    "SELECT count(*) AS n FROM bookings WHERE slot_start = ? AND status = 'booked' AND kind = 'slot'",
  )
  const insert = database.sqlite.prepare(
    `INSERT INTO bookings (client_id, kind, slot_start, slot_end, phone, status, created_at, updated_at)
     VALUES (?, 'slot', ?, ?, '+70000000000', 'booked', ?, ?)`,
  )
  const slotMs = input.content.booking.slot_minutes * 60_000
  const attempts: RacerOutput['attempts'] = []
  for (const [round, slotStart] of input.slots.entries()) {
    const clientId = input.clientIds[round] as number
    awaitBarrier(input.barrier, input.parties)
    const started = performance.now()
    let outcome: string
    try {
      if (input.scenario === 'booking') {
        const result = h.deps.services.booking.book({
          clientId,
          slotStart,
          phone: '+70000000000',
          comment: null,
          productId: null,
        })
        outcome = result.ok ? 'ok' : result.reason
      } else {
        // The control: the same check and write without the transaction, as a naive version would do
        const taken = (count.get(slotStart) as { n: number }).n
        if (taken >= input.content.booking.capacity) outcome = 'full'
        else {
          insert.run(clientId, slotStart, slotStart + slotMs, input.now, input.now)
          outcome = 'ok'
        }
      }
    } catch (err) {
      outcome = `error: ${err instanceof Error ? err.message : String(err)}`
    }
    attempts.push({ round, outcome, ms: performance.now() - started })
  }
  database.close()
  return { attempts, ran: [] }
}

async function raceScheduler(input: SchedulerRacerInput): Promise<RacerOutput> {
  const database = openDatabase(input.path)
  const clock = createFakeClock(input.roundTimes[0] ?? 0)
  const h = createHarness({ database, clock })
  const ran: number[] = []
  h.deps.scheduler.register(input.kind, async (job) => {
    ran.push(job.id)
  })
  // The control: read the due jobs, then mark them running one by one, without the claim's single UPDATE
  const due = database.sqlite.prepare(
    "SELECT id FROM jobs WHERE kind = ? AND status = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT 20",
  )
  const mark = database.sqlite.prepare('UPDATE jobs SET status = ? WHERE id = ?')
  const naiveRunDue = (): number => {
    let count = 0
    for (;;) {
      const ids = (due.all(input.kind, clock.now()) as { id: number }[]).map((row) => row.id)
      if (ids.length === 0) return count
      for (const id of ids) {
        mark.run('running', id)
        ran.push(id)
        mark.run('done', id)
        count++
      }
    }
  }
  const attempts: RacerOutput['attempts'] = []
  for (const [round, at] of input.roundTimes.entries()) {
    clock.set(at)
    awaitBarrier(input.barrier, input.parties)
    const started = performance.now()
    let outcome: string
    try {
      outcome = `ran ${input.scenario === 'scheduler' ? await h.deps.scheduler.runDue() : naiveRunDue()}`
    } catch (err) {
      outcome = `error: ${err instanceof Error ? err.message : String(err)}`
    }
    attempts.push({ round, outcome, ms: performance.now() - started })
  }
  database.close()
  return { attempts, ran }
}

const input = workerData as RacerInput
const isScheduler = (i: RacerInput): i is SchedulerRacerInput => i.scenario.endsWith('scheduler')
parentPort?.postMessage(isScheduler(input) ? await raceScheduler(input) : await raceBookings(input))
