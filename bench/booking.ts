/**
 * Callback booking: how long listing free days and slots takes as bookings pile up; how fast
 * and how long a booking takes through the capacity transaction, in one thread and in a real
 * race (worker threads on one SQLite file booking the last place of a slot), with the count
 * of slots over capacity. Baselines in the same run: listing with no bookings; a plain
 * insert; uncontended booking latency; a check-then-insert control that must overbook.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { upsertClient } from '../db/repositories/clients.ts'
import { bookings } from '../db/schema.ts'
import { parseConfig } from '../src/config.ts'
import { parseContent } from '../src/content/loader.ts'
import { createContentStore } from '../src/content/store.ts'
import { createDeps } from '../src/deps.ts'
import { createLogger } from '../src/logger.ts'
import { latency } from '../test/helpers/latency.ts'
import { raceForLastPlace } from '../test/helpers/race.ts'

const NOW = Date.parse('2026-11-23T06:00:00Z') // Monday 09:00 in Moscow
const CAPACITY = 2
const RACERS = 2
const RACE_ROUNDS = 200

function setup(daysAhead: number) {
  const yaml = readFileSync(new URL('../db/seed/web-studio.yaml', import.meta.url), 'utf8')
  const parsed = parseContent(yaml)
  if (!parsed.ok) throw new Error('demo content is invalid')
  const content = {
    ...parsed.content,
    booking: { ...parsed.content.booking, days_ahead: daysAhead, capacity: CAPACITY },
  }
  const database = openDatabase(':memory:')
  runMigrations(database)
  let now = NOW
  const clock = { now: () => now }
  const config = parseConfig({
    BOT_TOKEN: '123456789:AAH-bench-token-for-clientdesk-bench-0000',
    STAFF_GROUP_ID: '-1001',
    OWNER_IDS: '1',
    LOG_LEVEL: 'silent',
  })
  const logger = createLogger({ level: 'silent', token: config.BOT_TOKEN })
  // The file's text without the bench's changes: nothing here reads it (an owner's /content would)
  const store = createContentStore({ db: database.db, clock }, content, yaml)
  const deps = createDeps({ config, logger, clock, database, content: store })
  const clientIds = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        upsertClient(
          database.db,
          { telegramId: 10_000 + i, firstName: 'c', lastName: null, username: null, languageCode: 'ru' },
          now,
        ).client.id,
    )
  return { deps, database, clientIds, setNow: (ms: number) => (now = ms) }
}

function timeIt(fn: () => void, rounds: number): number {
  for (let i = 0; i < 5; i++) fn() // warm-up (JIT, luxon's zone caches)
  const start = performance.now()
  for (let i = 0; i < rounds; i++) fn()
  return (performance.now() - start) / rounds
}

export async function run(): Promise<Record<string, unknown>> {
  // 1. Listing free days over a 60-day horizon: empty calendar vs. one with every other slot booked
  const empty = setup(60)
  const emptyMs = timeIt(() => empty.deps.services.booking.freeDays(), 20)
  const busy = setup(60)
  const ids = busy.clientIds(1)
  const rows: (typeof bookings.$inferInsert)[] = []
  for (const day of busy.deps.services.booking.freeDays()) {
    busy.deps.services.booking.freeSlots(day.date).forEach((slot, i) => {
      if (i % 2 === 0) {
        for (let k = 0; k < CAPACITY; k++) {
          rows.push({
            clientId: ids[0] as number,
            slotStart: slot.start,
            slotEnd: slot.end,
            phone: '+70000000000',
            createdAt: NOW,
            updatedAt: NOW,
          })
        }
      }
    })
  }
  for (let i = 0; i < rows.length; i += 500)
    busy.database.db
      .insert(bookings)
      .values(rows.slice(i, i + 500))
      .run()
  const busyMs = timeIt(() => busy.deps.services.booking.freeDays(), 20)
  const dayMs = timeIt(() => busy.deps.services.booking.freeSlots('2026-12-01'), 50)
  console.log(
    `freeDays over 60 days: ${emptyMs.toFixed(2)} ms empty, ${busyMs.toFixed(2)} ms with ${rows.length} bookings; ` +
      `freeSlots of one day: ${dayMs.toFixed(3)} ms`,
  )

  // 2. One thread, no contention: each booking through the service (slot check, capacity
  // transaction, stage, event, reminders), timed one by one; baseline: plain inserts
  const single = setup(2)
  const booking = single.deps.services.booking
  const singleIds = single.clientIds(400)
  const singleMs: number[] = []
  for (const clientId of singleIds) {
    const first = booking.freeDays()[0]
    const slot = first ? booking.freeSlots(first.date)[0] : undefined
    if (!slot) break
    const start = performance.now()
    const result = booking.book({
      clientId,
      slotStart: slot.start,
      phone: '+7000000000',
      comment: null,
      productId: null,
    })
    singleMs.push(performance.now() - start)
    if (!result.ok) throw new Error(`a free slot was refused: ${result.reason}`)
  }
  const bookRate = singleMs.length / (singleMs.reduce((a, b) => a + b, 0) / 1000)
  const plain = setup(2)
  const plainIds = plain.clientIds(singleMs.length)
  const plainStart = performance.now()
  for (const clientId of plainIds) {
    plain.database.db
      .insert(bookings)
      .values({ clientId, slotStart: NOW, slotEnd: NOW + 1, phone: '+7', createdAt: NOW, updatedAt: NOW })
      .run()
  }
  const plainRate = plainIds.length / ((performance.now() - plainStart) / 1000)
  const one = latency(singleMs)
  console.log(
    `booking, one thread: ${bookRate.toFixed(0)}/s (p50 ${one.p50} ms, p95 ${one.p95} ms, max ${one.max} ms) ` +
      `vs plain insert ${plainRate.toFixed(0)}/s`,
  )
  for (const s of [empty, busy, single, plain]) s.database.close()

  // 3. The real race: worker threads, each with its own connection to one SQLite file, book
  // the last place of the same slot at the same moment, round after round. The control
  // races a check-then-insert without the transaction on the same set-up: it must overbook,
  // or the race did not really interleave.
  const race = await raceForLastPlace({ rounds: RACE_ROUNDS, racers: RACERS, capacity: CAPACITY })
  const control = await raceForLastPlace({ rounds: RACE_ROUNDS, racers: RACERS, capacity: CAPACITY, naive: true })
  const raced = latency(race.latencies)
  const clean = race.winners.filter((n) => n === 1).length
  console.log(
    `race for the last place, ${RACERS} worker threads × ${RACE_ROUNDS} rounds: ${clean} rounds with exactly one winner, ` +
      `slots over capacity ${race.overCapacity}, errors ${race.errors.length}; ` +
      `booking under contention p50 ${raced.p50} ms, p95 ${raced.p95} ms, max ${raced.max} ms`,
  )
  console.log(
    `control (check then insert, no transaction): slots over capacity ${control.overCapacity} of ${RACE_ROUNDS}`,
  )
  return {
    free_days_ms_empty: Number(emptyMs.toFixed(3)),
    free_days_ms_busy: Number(busyMs.toFixed(3)),
    busy_bookings: rows.length,
    free_slots_day_ms: Number(dayMs.toFixed(3)),
    listing_ratio: Number((busyMs / emptyMs).toFixed(2)),
    book_per_s: Math.round(bookRate),
    book_p50_ms: one.p50,
    book_p95_ms: one.p95,
    book_max_ms: one.max,
    plain_insert_per_s: Math.round(plainRate),
    book_ratio: Number((bookRate / plainRate).toFixed(3)),
    race_racers: RACERS,
    race_rounds: RACE_ROUNDS,
    race_one_winner_rounds: clean,
    race_errors: race.errors.length,
    race_book_p50_ms: raced.p50,
    race_book_p95_ms: raced.p95,
    race_book_max_ms: raced.max,
    race_p95_ratio: Number((raced.p95 / one.p95).toFixed(2)),
    over_capacity: race.overCapacity,
    control_over_capacity: control.overCapacity,
  }
}
