/**
 * The /stats report is aggregated in SQL and computed on the read worker. The maths is the
 * one in src/services/stats.ts (tested on its own); these tests check that the rows SQL
 * hands it give the same numbers as every row would, and that a report on a large
 * database does not keep the bot from answering clients meanwhile.
 */
import { and, eq, gte, inArray, ne, or, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../db/client.ts'
import { CLIENT_ACTION_EVENTS, loadCustomers } from '../../db/repositories/stats.ts'
import { bookings, events, feedback, handoffs, messages, orders } from '../../db/schema.ts'
import { businessCalendar } from '../../src/format.ts'
import { computeStats, datasetStart, STATS_PERIODS, type StatsPeriod } from '../../src/services/stats.ts'
import { statsReport } from '../../src/services/stats-report.ts'
import { addWorkingMinutes, workingMinutesBetween } from '../../src/services/time.ts'
import { createTestDb, createTestDbFile } from '../helpers/db.ts'
import { createHarness, demoContent, OWNER_ID } from '../helpers/harness.ts'
import { SEED_TELEGRAM_BASE, seedPopulation } from '../helpers/population.ts'

const DAY_MS = 86_400_000
const NOW = Date.parse('2026-11-23T09:00:00Z')

/**
 * Every row from `since` on, the way the report was first computed: the reference. The follow-up
 * waits gone late in [from, to) are every such event, counted here per lead.
 */
function everyRow(db: Db, since: number, from: number) {
  const repliesLate = new Map<number | null, number>()
  for (const e of db.select().from(events).where(eq(events.type, 'reply_late')).all()) {
    if (e.createdAt < from || e.createdAt >= NOW) continue
    const lead = (e.data as { lead: number | null }).lead
    repliesLate.set(lead, (repliesLate.get(lead) ?? 0) + 1)
  }
  return {
    repliesLate: [...repliesLate].map(([managerId, waits]) => ({ managerId, waits })),
    repliesLateFrom: null,
    // Paid is an order still paid, not the `paid` event (which stays when the money goes back)
    events: [
      ...db
        .select({ clientId: events.clientId, type: events.type, createdAt: events.createdAt })
        .from(events)
        .where(and(gte(events.createdAt, since), ne(events.type, 'paid')))
        .all(),
      ...db
        .select({ clientId: orders.clientId, type: sql<string>`'paid'`, createdAt: sql<number>`${orders.paidAt}` })
        .from(orders)
        .where(and(eq(orders.status, 'paid'), gte(orders.paidAt, since)))
        .all(),
    ],
    bookings: db
      .select({
        clientId: bookings.clientId,
        status: bookings.status,
        slotStart: bookings.slotStart,
        createdAt: bookings.createdAt,
      })
      .from(bookings)
      .where(or(gte(bookings.createdAt, since), gte(bookings.slotStart, since)))
      .all(),
    handoffs: db
      .select({
        id: handoffs.id,
        openedAt: handoffs.openedAt,
        firstResponseAt: handoffs.firstResponseAt,
        firstResponderId: handoffs.firstResponderId,
        firstResponseMinutes: handoffs.firstResponseMinutes,
        managerId: handoffs.managerId,
        slaDueAt: handoffs.slaDueAt,
        slaBreachedAt: handoffs.slaBreachedAt,
        slaBreachedBy: handoffs.slaBreachedBy,
        closedAt: handoffs.closedAt,
        closedBy: handoffs.closedBy,
        settledAt: handoffs.settledAt,
      })
      .from(handoffs)
      .where(or(gte(handoffs.openedAt, since), gte(handoffs.closedAt, since)))
      .all(),
    feedback: db
      .select({
        kind: feedback.kind,
        score: feedback.score,
        managerId: feedback.managerId,
        handoffId: feedback.handoffId,
        createdAt: feedback.createdAt,
      })
      .from(feedback)
      .where(gte(feedback.createdAt, since))
      .all(),
    customers: loadCustomers(db),
    activity: db.all<{ clientId: number; at: number }>(sql`
      select ${events.clientId} as clientId, ${events.createdAt} as at from ${events}
        where ${events.clientId} is not null and ${events.createdAt} >= ${since}
          and ${inArray(events.type, [...CLIENT_ACTION_EVENTS])}
      union all select ${orders.clientId}, ${orders.paidAt} from ${orders} where ${orders.paidAt} >= ${since}
      union all select ${bookings.clientId}, ${bookings.createdAt} from ${bookings} where ${bookings.createdAt} >= ${since}
      union all select ${feedback.clientId}, ${feedback.createdAt} from ${feedback} where ${feedback.createdAt} >= ${since}
      union all select ${messages.clientId}, ${messages.createdAt} from ${messages}
        where ${messages.direction} = 'in' and ${messages.createdAt} >= ${since}`),
  }
}

describe('the stats report', () => {
  it('gives the same numbers from SQL-aggregated rows as from every row', () => {
    const { db, ...handle } = createTestDb()
    seedPopulation({ db, ...handle }, 2_000, NOW)
    // Some payments went back: not paid, in the funnel as in the money lines
    db.run(
      sql`update ${orders} set status = 'refunded', refunded_at = paid_at + ${DAY_MS} where status = 'paid' and id % 5 = 0`,
    )
    const content = demoContent()
    const calendar = businessCalendar(content)
    for (const period of Object.keys(STATS_PERIODS) as StatsPeriod[]) {
      for (const windowDays of [30, 90]) {
        const input = {
          period,
          now: NOW,
          slaMinutes: 15,
          calendar,
          retentionWindowMs: windowDays * DAY_MS,
          unoffered: [],
        }
        const from = NOW - STATS_PERIODS[period] * DAY_MS
        const reference = computeStats(everyRow(db, datasetStart(NOW, period, input.retentionWindowMs), from), {
          ...input,
          working: {
            slaDeadline: (openedAt) => addWorkingMinutes(openedAt, input.slaMinutes, calendar),
            minutesBetween: (from, to) => workingMinutesBetween(from, to, calendar),
          },
        })
        const report = statsReport(db, input)
        expect(report.stats).toEqual(reference)
        // The population is big enough for every part of the report to have something in it
        expect(reference.funnel.steps[0]?.clients).toBeGreaterThan(0)
        expect(reference.funnel.steps.find((s) => s.key === 'paid')?.clients).toBeGreaterThan(0)
        expect(reference.retention.at(-1)?.start).toBeGreaterThan(0)
        expect(reference.managers.length).toBeGreaterThan(0)
        expect(reference.repliesLate.waits).toBeGreaterThan(0)
        expect(reference.managers.some((m) => m.repliesLate > 0)).toBe(true)
      }
    }
  })

  it("answers a client's /start while /stats is still being computed on a large database", async () => {
    const database = createTestDbFile()
    const population = seedPopulation(database, 5_000, NOW)
    const h = createHarness({ database, config: { LOG_LEVEL: 'silent' } })
    const owner = h.u.user(OWNER_ID)
    const seeded = population.clients.find((c) => c.reachable && !c.inHandoff)!
    const client = h.u.user(seeded.telegramId, { first_name: seeded.firstName })
    expect(seeded.telegramId).toBeGreaterThan(SEED_TELEGRAM_BASE)

    const stats = h.send(h.u.text(owner, '/stats 90d'))
    await h.send(h.u.text(client, '/start'))
    const statsTitle = () => h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 90 дней'))
    // The client has their answer; the owner has only "working on it"
    expect(h.fake.lastTextTo(client.id)).toContain('С возвращением')
    expect(h.fake.lastTextTo(owner.id)).toContain('Считаю статистику')
    expect(statsTitle()).toBeUndefined()

    await stats
    expect(statsTitle()).toContain('Старт —')
    await h.deps.reads.stop()
    database.remove()
  })
})
