/**
 * The queries asked on every client message and every outbox run read small partial
 * indexes (only open requests, only unfinished outbox rows) instead of scanning or
 * sorting what history piles up, and batched work does not scan every client per batch:
 * what the planner chooses for the statements the code really prepares.
 */
import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { lastEventAt } from '../../db/repositories/events.ts'
import { findActiveHandoff } from '../../db/repositories/handoffs.ts'
import { clientSaidMoreThan, findByTopicMessageId, lastMessageToClient } from '../../db/repositories/messages.ts'
import { deliveredRowsOf, invoicePosts, laneHeads, sentClaimPosts } from '../../db/repositories/outbox.ts'
import {
  addSegmentRecipients,
  countSegment,
  heldNow,
  languagesInUse,
  segmentUnreachable,
} from '../../db/repositories/segments.ts'
import { loadRepliesLate, loadRepliesNotLate } from '../../db/repositories/stats.ts'
import { businessCalendar } from '../../src/format.ts'
import { type StatsRange, statsDaySpan } from '../../src/services/stats.ts'
import { statsReport } from '../../src/services/stats-report.ts'
import { createTestDb, statementsBuilt } from '../helpers/db.ts'
import { demoContent } from '../helpers/harness.ts'

/** The SQL texts `run` prepares on the connection, with the planner's plan for each. */
function plansOf(sqlite: Database.Database, run: () => void): { sql: string; plan: string }[] {
  const prepare = sqlite.prepare.bind(sqlite)
  const prepared = statementsBuilt(sqlite)
  try {
    run()
  } finally {
    sqlite.prepare = prepare
  }
  return prepared.map((sql) => {
    const parameters = (sql.match(/\?/g) ?? []).length
    // Named ones (@clientId) too, each given a value
    const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map(([, name]) => [name, 1]))
    const values = Object.keys(named).length > 0 ? [named] : Array(parameters).fill(1)
    const rows = prepare(`explain query plan ${sql}`).all(...values) as { detail: string }[]
    return { sql, plan: rows.map((r) => r.detail).join(' | ') }
  })
}

describe('hot queries read partial indexes', () => {
  it("a client's open request: from the index of open ones, newest first without sorting", () => {
    const { sqlite, db } = createTestDb()
    const plans = plansOf(sqlite, () => findActiveHandoff(db, 1))
    const plan = plans.find((p) => p.sql.includes('from "handoffs"'))?.plan
    expect(plan).toContain('USING INDEX handoffs_active_idx')
    expect(plan).not.toContain('TEMP B-TREE')
  })

  it("a client's last /start (is this a return?): from the client's index, not every client's starts", () => {
    const { sqlite, db } = createTestDb()
    const plan = plansOf(sqlite, () => lastEventAt(db, 1, 'start', 'start_again')).find((p) =>
      p.sql.includes('max(created_at)'),
    )?.plan
    expect(plan).toContain('USING INDEX events_client_idx (client_id=? AND type=?)')
  })

  it("/stats' follow-up waits gone late: counted from the events' (type, time) index, the period's alone, not every event", () => {
    const { sqlite, db } = createTestDb()
    const plans = plansOf(sqlite, () => loadRepliesLate(db, 0, 1))
    // The waits: only the period's range of the index (grouped per lead: a few rows)
    const waits = plans.find((p) => p.sql.includes('count('))?.plan
    expect(waits).toContain('SEARCH events USING INDEX events_type_idx (type=? AND created_at>? AND created_at<?)')
    // Since when they are kept: the one mark, from the index alone
    const since = plans.find((p) => p.sql.includes('max(created_at)'))?.plan
    expect(since).toContain('SEARCH events USING COVERING INDEX events_type_idx (type=?)')
    for (const { plan } of plans) expect(plan).not.toMatch(/SCAN events\b/)
  })

  it("/stats' follow-up waits of the period: their answer-time checks a range of their own index, the late ones the period's events: not every job or event", () => {
    const { sqlite, db } = createTestDb()
    const plan = plansOf(sqlite, () => loadRepliesNotLate(db, 0, 1)).find((p) => p.sql.includes('count('))?.plan
    expect(plan).toContain('SEARCH j USING INDEX jobs_reply_checks_idx (created_at>? AND created_at<?)')
    expect(plan).toContain('SEARCH events USING INDEX events_type_idx (type=? AND created_at>?)')
    expect(plan).toContain('SEARCH h USING INTEGER PRIMARY KEY (rowid=?)')
    expect(plan).not.toMatch(/SCAN (j|jobs|events|h|handoffs)\b/)
  })

  it("/stats for a day reads with the week's statements and plans, over a part of the week's range, and without retention's", () => {
    const now = Date.parse('2026-11-23T13:05:00Z')
    const calendar = businessCalendar(demoContent())
    const plansFor = (period: StatsRange) => {
      const { sqlite, db } = createTestDb()
      const input = { period, now, slaMinutes: 15, calendar, retentionWindowMs: 90 * 86_400_000, unoffered: [] }
      return plansOf(sqlite, () => statsReport(db, input))
    }
    const week = plansFor('7d')
    for (const day of ['today', 'yesterday'] as const) {
      // Each of the day's statements is one of the week's, read the same way: its bounds are the day's,
      // inside the week's (from its midnight, up to now at the latest)
      const { from, to } = statsDaySpan(now, day, calendar.timezone)
      expect(from).toBeGreaterThanOrEqual(now - 7 * 86_400_000)
      expect(to).toBeLessThanOrEqual(now)
      const plans = plansFor(day)
      for (const plan of plans) expect(week).toContainEqual(plan)
      // What the week reads besides: every customer and their activity, for retention
      const retention = week.filter((w) => !plans.some((p) => p.sql === w.sql))
      expect(retention.map((r) => r.sql)).toEqual([
        expect.stringContaining('min("orders"."paid_at")'),
        expect.stringContaining('with customer as materialized'),
      ])
    }
  })

  it("the outbox's lane heads: only unfinished rows, grouped in index order", () => {
    const { sqlite, db } = createTestDb()
    const plans = plansOf(sqlite, () => laneHeads(db))
    const plan = plans.find((p) => p.sql.includes('min("id")'))?.plan
    expect(plan).toContain('USING INDEX outbox_unfinished_idx')
    expect(plan).toContain('USING INTEGER PRIMARY KEY')
    // Only the heads, one a lane, are put in order
    expect(plan).not.toContain('TEMP B-TREE FOR GROUP BY')
  })

  it("one client's outbox rows (a claim's buttons, /forget): from the client's index, not the week of everyone's", () => {
    const { sqlite, db } = createTestDb()
    for (const run of [() => sentClaimPosts(db, 1, 'staff_post', 'claim_taken'), () => deliveredRowsOf(db, 1)]) {
      const plan = plansOf(sqlite, run).find((p) => p.sql.includes('from "outbox"'))?.plan
      expect(plan).toContain('USING INDEX outbox_client_idx')
      expect(plan).not.toMatch(/SCAN (outbox|f)\b/)
    }
  })

  it('who is on the team (left out of audiences, stats and exports): read from the staff, not every client', () => {
    const { sqlite, db } = createTestDb()
    // One batch of a broadcast's recipient list: a range of client ids, minus the team
    const plans = plansOf(sqlite, () => addSegmentRecipients(db, 1, {}, 0, { after: 0, upTo: 5_000, held: [7] }))
    const plan = plans.find((p) => p.sql.includes('broadcast_recipients'))?.plan
    expect(plan).toContain('SEARCH clients USING INTEGER PRIMARY KEY')
    expect(plan).toContain('SCAN ss')
    expect(plan).not.toMatch(/SCAN (sc|clients)\b/)
  })

  it("a batch of a broadcast's recipients leaves out the clients read as owed an answer once for the pass, without reading the open requests again", () => {
    const { sqlite, db } = createTestDb()
    const plans = plansOf(sqlite, () => addSegmentRecipients(db, 1, {}, 0, { after: 0, upTo: 5_000, held: [7] }))
    const plan = plans.find((p) => p.sql.includes('broadcast_recipients'))?.plan
    expect(plan).toContain('json_each')
    expect(plan).not.toContain('handoffs')
    // Read once, from the open requests' index
    const once = plansOf(sqlite, () => heldNow(db)).find((p) => p.sql.includes('handoffs'))?.plan
    expect(once).toContain('handoffs_active_idx')
  })

  it("a segment of everyone or of those who paid is counted from the audience's index alone; by tag or product, from their own clients' index; by stage, from its index; by activity, from the table in order", () => {
    const { sqlite, db } = createTestDb()
    const planOf = (filter: Parameters<typeof countSegment>[1]['filter']) =>
      plansOf(sqlite, () => countSegment(db, { filter, now: 0 })).find((p) => p.sql.includes('count('))?.plan
    expect(planOf({})).toContain('USING COVERING INDEX clients_audience_idx')
    // A tag's clients from the tags' index, each looked up by id: not the whole audience probed for it
    const tag = planOf({ tag: 'vip' })
    expect(tag).toContain('SEARCH client_tags USING INDEX client_tags_tag_idx (tag=?)')
    expect(tag).toContain('SEARCH clients USING INTEGER PRIMARY KEY (rowid=?)')
    expect(tag).not.toContain('clients_audience_idx')
    // A product's: the current results that rank it first, from their index
    const product = planOf({ product: 'landing' })
    expect(product).toContain('SEARCH quiz_results USING INDEX quiz_results_top_product_idx (<expr>=?)')
    expect(product).toContain('SEARCH clients USING INTEGER PRIMARY KEY (rowid=?)')
    expect(product).not.toContain('clients_audience_idx')
    expect(planOf({ stage: 'customer' })).toContain('SEARCH clients USING INDEX clients_stage_idx (stage=?)')
    for (const filter of [{ tag: 'vip' }, { product: 'landing' }, { stage: 'customer' as const }]) {
      expect(planOf(filter), JSON.stringify(filter)).not.toMatch(/SCAN (clients|client_tags|quiz_results)\b/)
    }
    // Those who paid: from the audience's index too, each client's orders by the orders' own
    const paid = planOf({ paid: true })
    expect(paid).toContain('USING COVERING INDEX clients_audience_idx')
    expect(paid).toContain('SEARCH orders EXISTS USING COVERING INDEX orders_client_idx (client_id=? AND status=?)')
    // Each row is read anyway: in consent order, one by one, that index would be the slow way
    const active = planOf({ activeDays: 30 })
    expect(active).toContain('SCAN clients')
    expect(active).not.toContain('clients_audience_idx')
    expect(active).not.toMatch(/SEARCH clients USING/)
  })

  it("the language picker: the languages in use and each one's count read from the languages' index alone, not every client row", () => {
    const { sqlite, db } = createTestDb()
    const inUse = plansOf(sqlite, () => languagesInUse(db)).find((p) => p.sql.includes('count('))?.plan
    expect(inUse).toContain('SEARCH clients USING COVERING INDEX clients_language_idx (language>?)')
    expect(inUse).not.toContain('TEMP B-TREE FOR GROUP BY')
    // One count a language: the range of its clients the audience's rule allows, from the index alone
    const plans = countPlans(sqlite, () => countSegment(db, { filter: { language: 'en' }, now: 0 }))
    expect(plans.count).toHaveLength(1)
    expect(plans.count[0]?.plan).toContain(
      'SEARCH clients USING COVERING INDEX clients_language_idx (language=? AND deleted_at=? AND blocked_at=? AND opt_out_at=? AND consent_at>?)',
    )
    // With a tag, a product or payments picked, the same range, each of its clients looked up there
    for (const filter of [{ tag: 'vip' }, { product: 'landing' }, { paid: true as const }, { unpaid: true as const }]) {
      const plan = countPlans(sqlite, () => countSegment(db, { filter: { ...filter, language: 'en' }, now: 0 }))
        .count[0]?.plan
      expect(plan, JSON.stringify(filter)).toContain('USING COVERING INDEX clients_language_idx (language=?')
    }
    for (const { plan } of [{ plan: inUse }, ...plans.all]) expect(plan).not.toMatch(/SCAN clients\b/)
  })

  it('a language with a condition that picks the rows itself is checked on each of them: a stage from its index, activity from the table in order, a batch its range of ids', () => {
    const { sqlite, db } = createTestDb()
    const planOf = (filter: Parameters<typeof countSegment>[1]['filter']) =>
      countPlans(sqlite, () => countSegment(db, { filter, now: 0 })).count[0]?.plan
    expect(planOf({ language: 'en', stage: 'customer' })).toContain(
      'SEARCH clients USING INDEX clients_stage_idx (stage=?)',
    )
    expect(planOf({ language: 'en', activeDays: 30 })).toContain('SCAN clients')
    const batch = plansOf(sqlite, () =>
      addSegmentRecipients(db, 1, { language: 'en' }, 0, { after: 0, upTo: 5_000, held: [7] }),
    ).find((p) => p.sql.includes('broadcast_recipients'))?.plan
    expect(batch).toContain('SEARCH clients USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)')
    for (const plan of [
      planOf({ language: 'en', stage: 'customer' }),
      planOf({ language: 'en', activeDays: 30 }),
      batch,
    ]) {
      expect(plan).not.toContain('clients_language_idx')
    }
  })

  it("a batch of a broadcast's recipients by tag or product is its range of clients, each probed: not the whole list of the tag's or product's clients again for every batch", () => {
    const { sqlite, db } = createTestDb()
    const plans = plansOf(sqlite, () =>
      addSegmentRecipients(db, 1, { tag: 'vip', product: 'landing' }, 0, { after: 0, upTo: 5_000, held: [7] }),
    )
    const plan = plans.find((p) => p.sql.includes('broadcast_recipients'))?.plan
    expect(plan).toContain('SEARCH clients USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)')
    expect(plan).toContain(
      'SEARCH client_tags EXISTS USING COVERING INDEX sqlite_autoindex_client_tags_1 (client_id=? AND tag=?)',
    )
    expect(plan).toContain(
      'SEARCH quiz_results EXISTS USING INDEX quiz_results_top_product_idx (<expr>=? AND client_id=?)',
    )
    expect(plan).not.toContain('client_tags_tag_idx')
    expect(plan).not.toContain('quiz_results_top_product_idx (<expr>=?)')
  })

  /**
   * The plans of a segment's counts: the recipients (`count`), those held back (`held`: read from
   * the few clients the team owes an answer, by their ids) and, where asked, `unreachable`.
   */
  function countPlans(sqlite: Database.Database, run: () => void) {
    const plans = plansOf(sqlite, run).filter((p) => p.sql.includes('count('))
    return {
      all: plans,
      count: plans.filter((p) => p.sql.includes('not in (select client_id from handoffs')),
      held: plans.filter((p) => /"clients"\."id" in \(select client_id from handoffs/.test(p.sql)),
    }
  }

  it("those with an unpaid invoice are counted from the audience's index and each client's orders by theirs: no scan of the clients, their orders or the transcript", () => {
    const { sqlite, db } = createTestDb()
    // The menu's count: the recipients, and those held back
    const plans = countPlans(sqlite, () => countSegment(db, { filter: { unpaid: true }, now: 0, held: true }))
    expect(plans.count).toHaveLength(1)
    expect(plans.held).toHaveLength(1)
    expect(plans.count[0]?.plan).toContain('USING COVERING INDEX clients_audience_idx')
    expect(plans.held[0]?.plan).toContain('SEARCH clients USING INTEGER PRIMARY KEY')
    for (const { sql, plan } of plans.all) {
      expect(plan, sql).toContain('SEARCH orders EXISTS USING INDEX orders_client_idx (client_id=? AND status=?)')
      expect(plan, sql).not.toMatch(/SCAN (clients|orders|messages)\b/)
      expect(plan, sql).not.toContain('messages')
    }
  })

  it('those who joined lately are a range of the index of when clients came, alone or with other conditions: no scan of the clients or the transcript', () => {
    const { sqlite, db } = createTestDb()
    for (const filter of [{ joinedDays: 7 }, { joinedDays: 30, tag: 'vip' }, { joinedDays: 30, language: 'en' }]) {
      const plans = countPlans(sqlite, () => countSegment(db, { filter, now: 0, held: true }))
      // "🚫 … cannot get it", beside a count of nobody
      const unreachable = plansOf(sqlite, () => segmentUnreachable(db, { filter, now: 0 })).filter((p) =>
        p.sql.includes('count('),
      )
      expect(plans.count).toHaveLength(1)
      expect(plans.held).toHaveLength(1)
      expect(unreachable).toHaveLength(1)
      for (const { sql, plan } of [...plans.count, ...unreachable]) {
        expect(plan, sql).toContain('SEARCH clients USING INDEX clients_created_idx (created_at>?)')
      }
      expect(plans.held[0]?.plan).toContain('SEARCH clients USING INTEGER PRIMARY KEY')
      for (const { sql, plan } of [...plans.all, ...unreachable]) {
        expect(plan, sql).not.toMatch(/SCAN (clients|messages)\b/)
        expect(plan, sql).not.toContain('messages')
      }
    }
  })

  it("whether a client said anything before the request they open (the hand-off's words): from the client's index, not the transcript of all", () => {
    const { sqlite, db } = createTestDb()
    const plan = plansOf(sqlite, () => clientSaidMoreThan(db, 1, 1)).find((p) =>
      p.sql.includes('from "messages"'),
    )?.plan
    expect(plan).toMatch(/SEARCH messages USING INDEX messages_client_(msg_|row_)?idx \(client_id=\?\)/)
    expect(plan).not.toContain('TEMP B-TREE')
  })

  it("the bot's last message to a client (asked of every text they type): one step back along the client's rows, their transcript not sorted", () => {
    const { sqlite, db } = createTestDb()
    // Its four shapes (by the bot alone or with the team's, before a row or not) are prepared at once
    const plans = plansOf(sqlite, () => lastMessageToClient(db, 1)).filter((p) => p.sql.includes('from "messages"'))
    expect(plans).toHaveLength(4)
    for (const { sql, plan } of plans) {
      expect(plan, sql).toContain('USING INDEX messages_client_row_idx (client_id=?')
      expect(plan, sql).not.toContain('TEMP B-TREE')
    }
  })

  it("an invoice's summary, found to say it was settled: from the client's outbox rows", () => {
    const { sqlite, db } = createTestDb()
    const plan = plansOf(sqlite, () => invoicePosts(db, 1, 'notice', 1)).find((p) =>
      p.sql.includes('from "outbox"'),
    )?.plan
    expect(plan).toContain('USING INDEX outbox_client_idx')
    expect(plan).not.toMatch(/SCAN outbox\b/)
  })

  it("a manager's reply finds the client's message by its copy in the topic, from the index of copied rows", () => {
    const { sqlite, db } = createTestDb()
    const plans = plansOf(sqlite, () => findByTopicMessageId(db, 1, 10))
    expect(plans.find((p) => p.sql.includes('"topic_message_id" = ?'))?.plan).toContain(
      'USING INDEX messages_topic_msg_idx',
    )
  })
})
