/**
 * Callback booking: how long listing free days and slots takes as bookings pile up, and
 * how fast bookings go through the capacity transaction when many clients race for the same
 * slots (with a check that no slot ever holds more than its capacity).
 * Baselines in the same run: listing with no bookings; a plain insert without the checks.
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

const NOW = Date.parse('2026-11-23T06:00:00Z') // Monday 09:00 in Moscow
const CAPACITY = 2

function setup(daysAhead: number) {
  const parsed = parseContent(readFileSync(new URL('../db/seed/web-studio.yaml', import.meta.url), 'utf8'))
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
  const store = createContentStore({ db: database.db, clock }, content)
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

  // 2. Racing clients: groups of three saw the same first free slot (capacity 2) and all
  // confirm it: two get it, the third is refused. Listing is not timed here, only booking.
  const race = setup(2)
  const clients = race.clientIds(600)
  const booking = race.deps.services.booking
  let booked = 0
  let refused = 0
  let raceMs = 0
  for (let i = 0; i + 3 <= clients.length; i += 3) {
    const first = booking.freeDays()[0]
    const slot = first ? booking.freeSlots(first.date)[0] : undefined
    if (!slot) break
    const start = performance.now()
    for (const clientId of clients.slice(i, i + 3)) {
      const result = booking.book({
        clientId,
        slotStart: slot.start,
        phone: '+7000000000',
        comment: null,
        productId: null,
      })
      if (result.ok) booked++
      else refused++
    }
    raceMs += performance.now() - start
  }
  const overfull = race.database.sqlite
    .prepare(
      `select count(*) as n from (select slot_start from bookings where status = 'booked' group by slot_start having count(*) > ?)`,
    )
    .get(CAPACITY) as { n: number }
  const bookRate = (booked + refused) / (raceMs / 1000)

  // Baseline: the same number of plain inserts, no checks, no reminders
  const plain = setup(2)
  const plainIds = plain.clientIds(booked + refused)
  const plainStart = performance.now()
  for (const clientId of plainIds) {
    plain.database.db
      .insert(bookings)
      .values({ clientId, slotStart: NOW, slotEnd: NOW + 1, phone: '+7', createdAt: NOW, updatedAt: NOW })
      .run()
  }
  const plainRate = plainIds.length / ((performance.now() - plainStart) / 1000)
  console.log(
    `booking (slot check + capacity transaction + stage, event, reminders): ${bookRate.toFixed(0)}/s vs plain insert ${plainRate.toFixed(0)}/s; ` +
      `${booked} booked, ${refused} refused, slots over capacity: ${overfull.n}`,
  )

  for (const s of [empty, busy, race, plain]) s.database.close()
  return {
    free_days_ms_empty: Number(emptyMs.toFixed(3)),
    free_days_ms_busy: Number(busyMs.toFixed(3)),
    busy_bookings: rows.length,
    free_slots_day_ms: Number(dayMs.toFixed(3)),
    listing_ratio: Number((busyMs / emptyMs).toFixed(2)),
    book_per_s: Math.round(bookRate),
    plain_insert_per_s: Math.round(plainRate),
    book_ratio: Number((bookRate / plainRate).toFixed(3)),
    booked,
    refused,
    over_capacity: overfull.n,
  }
}
