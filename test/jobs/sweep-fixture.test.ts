/**
 * The daily sweep on a fixture: a population of clients plus the edge cases of its rules
 * (birthdays and first-contact anniversaries around the date in many time zones, 29
 * February, consent withheld or withdrawn, blocked and erased clients, re-engagements
 * already sent). The snapshot holds every job the sweep scheduled at several dates; it was
 * taken from the sweep as it was before it moved its selection into one query, so the
 * sweep must keep scheduling exactly these.
 */
import { asc, gt } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { jobs } from '../../db/schema.ts'
import { createTestDb, createTestDbFile } from '../helpers/db.ts'
import { createHarness, type Harness } from '../helpers/harness.ts'
import { seedPopulation } from '../helpers/population.ts'

const DAY = 86_400_000
const ZONES = [null, 'Asia/Vladivostok', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Bad/Zone']

/** Clients on the edges of the greeting and re-engagement rules, ids from `firstId`. */
function seedEdgeCases(h: Harness, firstId: number, now: number): number {
  const insert = h.database.sqlite.prepare(`insert into clients (id, telegram_id, first_name, birthday, timezone,
    stage, consent_at, consent_version, opt_out_at, blocked_at, deleted_at, created_at, last_seen_at)
    values (@id, @telegramId, 'Edge', @birthday, @timezone, @stage, @consentAt, @consentVersion, @optOutAt,
      @blockedAt, @deletedAt, @createdAt, @lastSeenAt)`)
  const insertJob = h.database.sqlite.prepare(`insert into jobs (kind, run_at, status, attempts, sending_at,
    dedupe_key, client_id, payload, created_at, updated_at) values ('reengage', @at, @status, 1, @at, @key, @clientId,
    '{}', @at, @at)`)
  let id = firstId
  const birthdays = ['1990-11-22', '1990-11-23', '1985-11-24', '2000-11-25', '1992-02-29', '1991-02-28', '1993-03-01']
  const firstContacts = [
    Date.parse('2025-11-23T10:00:00Z'),
    Date.parse('2024-11-24T22:30:00Z'),
    Date.parse('2023-11-22T13:00:00Z'),
    Date.parse('2024-02-29T12:00:00Z'),
    Date.parse('2026-11-23T01:00:00Z'), // less than a year: no anniversary
  ]
  const consents = [
    { consentAt: 1, consentVersion: 'marketing-v1', optOutAt: null, blockedAt: null, deletedAt: null },
    { consentAt: null, consentVersion: null, optOutAt: null, blockedAt: null, deletedAt: null },
    { consentAt: null, consentVersion: null, optOutAt: 5, blockedAt: null, deletedAt: null },
    { consentAt: 1, consentVersion: 'marketing-v1', optOutAt: null, blockedAt: 7, deletedAt: null },
    { consentAt: 1, consentVersion: 'marketing-v1', optOutAt: null, blockedAt: null, deletedAt: 9 },
  ]
  const silences = [5 * DAY, 89 * DAY, 90 * DAY + 60_000, 200 * DAY]
  for (const timezone of ZONES) {
    for (const [b, birthday] of birthdays.entries()) {
      for (const [c, createdAt] of firstContacts.entries()) {
        const consent = consents[(b + c) % consents.length]!
        const clientId = id++
        const lastSeenAt = now - silences[(b * 3 + c) % silences.length]!
        insert.run({
          id: clientId,
          telegramId: consent.deletedAt ? null : 900_000_000 + clientId,
          birthday: c % 2 === 0 ? birthday : null,
          timezone,
          stage: (b + c) % 3 === 0 ? 'contact' : (['customer', 'repeat', 'advocate'][(b + c) % 3] ?? 'contact'),
          createdAt,
          lastSeenAt,
          ...consent,
        })
        // Some were re-engaged recently (skipped), some long ago, some for this very silence
        if ((b + c) % 4 === 1) {
          insertJob.run({ at: now - 30 * DAY, status: 'done', key: `old:${clientId}`, clientId })
        } else if ((b + c) % 4 === 2) {
          insertJob.run({ at: now - 120 * DAY, status: 'uncertain', key: `older:${clientId}`, clientId })
        } else if ((b + c) % 4 === 3) {
          insertJob.run({ at: now - 2 * DAY, status: 'done', key: `reengage:${clientId}:${lastSeenAt}`, clientId })
        }
      }
    }
  }
  return id
}

function scheduledSince(h: Harness, lastJobId: number): string[] {
  return h.deps.db
    .select()
    .from(jobs)
    .where(gt(jobs.id, lastJobId))
    .orderBy(asc(jobs.id))
    .all()
    .map(
      (j) =>
        `${j.kind} client=${j.clientId} at=${new Date(j.runAt).toISOString()} key=${j.dedupeKey} ${JSON.stringify(j.payload)}`,
    )
}

describe('the daily sweep on a fixture', () => {
  // A file database: the selection runs on the read worker, as in production
  it.each([
    ['in memory', () => ({ ...createTestDb(), remove() {} })],
    ['in a file, selected by the read worker', createTestDbFile],
  ])('schedules exactly the greetings and re-engagements it scheduled before (%s)', async (_, open) => {
    const database = open()
    const h = createHarness({ database, config: { LOG_LEVEL: 'silent' } })
    const start = h.clock.now()
    const population = seedPopulation(h.database, 600, start, { firstId: 1 })
    seedEdgeCases(h, population.clients.length + 1, start)
    const lines: string[] = []
    for (const at of [
      start, // 23 November
      start + 1 * DAY,
      start + 2 * DAY, // twice the same day: nothing new
      start + 2 * DAY + 3_600_000,
      Date.parse('2027-02-27T12:00:00Z'), // tomorrow is 28 February, not a leap year
      start + 120 * DAY, // more clients silent for long enough
      Date.parse('2028-02-28T12:00:00Z'), // a leap year: 29 February comes
    ]) {
      h.clock.set(at)
      const lastJobId = h.deps.db.select({ id: jobs.id }).from(jobs).orderBy(asc(jobs.id)).all().at(-1)?.id ?? 0
      const counts = await h.deps.services.followups.sweep()
      const added = scheduledSince(h, lastJobId)
      lines.push(`# ${new Date(at).toISOString()} ${JSON.stringify(counts)}`, ...added)
      expect(added.length).toBe(counts.reengage + counts.greetings)
    }
    await h.deps.reads.stop()
    database.remove()
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/sweep-fixture.txt')
  })
})
