import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { MIGRATIONS_FOLDER, runMigrations } from '../../db/migrate.ts'
import { broadcastPlan } from '../../db/repositories/broadcasts.ts'
import { findClientById } from '../../db/repositories/clients.ts'
import { shownCount } from '../../db/repositories/quiz-results.ts'
import { KvStorage } from '../../db/storage.ts'
import { createContentStore } from '../../src/content/store.ts'
import { createLogger } from '../../src/logger.ts'
import { consentFacts } from '../../src/services/clients.ts'
import { createClientSearch, parseFindQuery } from '../../src/services/desk/client-search.ts'
import { createTopicStatusService } from '../../src/services/desk/topic-status.ts'
import type { ErasurePayload } from '../../src/services/handoff/index.ts'
import { createTopics } from '../../src/services/handoff/topics.ts'
import { createTranscript } from '../../src/services/handoff/transcript.ts'
import { createOutbox } from '../../src/services/outbox.ts'
import { createOwnerInputService } from '../../src/services/owner-input.ts'
import { createSendBudget } from '../../src/services/send-budget.ts'
import { createStaffGroups } from '../../src/services/staff-groups.ts'
import { latestButtons } from '../helpers/flows.ts'
import { createHarness, demoContent, demoYaml, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

import { migrationsBefore } from '../helpers/migrations.ts'

function tableNames(handle: ReturnType<typeof openDatabase>): string[] {
  return (
    handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string
    }[]
  ).map((r) => r.name)
}

describe('migrations', () => {
  it('create every table and running them twice changes nothing', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle)
    const first = tableNames(handle)
    const schemaSql = handle.sqlite.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()
    expect(first).toEqual(expect.arrayContaining(['clients', 'jobs', 'kv', 'messages', 'bookings']))
    // /find's indexes are kept by triggers on clients and messages: a later migration that
    // rebuilt either table would have dropped them
    const triggers = handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
    expect(triggers).toEqual(
      [
        'client_search_delete',
        'client_search_insert',
        'client_search_update',
        'message_search_delete',
        'message_search_insert',
        'message_search_update',
      ].map((name) => ({ name })),
    )

    runMigrations(handle)
    expect(tableNames(handle)).toEqual(first)
    expect(handle.sqlite.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaSql)
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    handle.close()
  })

  it('persist across reopening a file (WAL)', async () => {
    const { mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const path = join(mkdtempSync(join(tmpdir(), 'cd-')), 'x.sqlite')
    const a = openDatabase(path)
    runMigrations(a)
    expect(a.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    new KvStorage<{ n: number }>(a.db, 'test:').write('k', { n: 1 })
    a.close()
    const b = openDatabase(path)
    runMigrations(b)
    expect(new KvStorage<{ n: number }>(b.db, 'test:').read('k')).toEqual({ n: 1 })
    b.close()
  })
})

describe('the consent facts data migration', () => {
  it('turns the old opt-outs into declines and withdrawals, from the events recorded at the time', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_consent_facts'))
    const [t0, t1, t2, t3] = [1_000_000, 2_000_000, 3_000_000, 4_000_000]
    // Rows as the earlier code wrote them: every "no" and every /stop set opt_out_at and cleared consent_at
    const old = {
      declinedAtQuestion: { asked: t1, consent: null, version: null, optOut: t1, events: [['consent_declined', t1]] },
      grantedThenStop: {
        asked: t0,
        consent: null,
        version: null,
        optOut: t2,
        events: [
          ['consent_given', t0],
          ['opt_out', t2],
        ],
      },
      grantedThenUnsubscribe: {
        asked: t2,
        consent: null,
        version: null,
        optOut: t2,
        events: [
          ['consent_given', t0],
          ['consent_declined', t2],
        ],
      },
      declinedThenStop: {
        asked: t1,
        consent: null,
        version: null,
        optOut: t2,
        events: [
          ['consent_declined', t1],
          ['opt_out', t2],
        ],
      },
      stopNeverAsked: { asked: null, consent: null, version: null, optOut: t2, events: [['opt_out', t2]] },
      granted: { asked: t0, consent: t0, version: 'marketing-v1', optOut: null, events: [['consent_given', t0]] },
      twiceWithdrawn: {
        asked: t0,
        consent: null,
        version: null,
        optOut: t3,
        events: [
          ['consent_given', t0],
          ['opt_out', t1],
          ['consent_given', t2],
          ['opt_out', t3],
        ],
      },
      neverAsked: { asked: null, consent: null, version: null, optOut: null, events: [] },
    } as const
    const ids = new Map<string, number>()
    let telegramId = 100
    for (const [name, row] of Object.entries(old)) {
      const { lastInsertRowid } = handle.sqlite
        .prepare(
          `INSERT INTO clients (telegram_id, consent_asked_at, consent_at, consent_version, opt_out_at, created_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, 1, 1)`,
        )
        .run(telegramId++, row.asked, row.consent, row.version, row.optOut)
      ids.set(name, Number(lastInsertRowid))
      for (const [type, at] of row.events) {
        handle.sqlite
          .prepare('INSERT INTO events (client_id, type, created_at) VALUES (?, ?, ?)')
          .run(lastInsertRowid, type, at)
      }
    }
    // An erased client keeps what /forget left
    handle.sqlite
      .prepare('INSERT INTO clients (opt_out_at, deleted_at, created_at, last_seen_at) VALUES (?, ?, 1, 1)')
      .run(t2, t3)

    runMigrations(handle)

    const facts = (name: string) => {
      const { askedAt: _asked, ...rest } = consentFacts(findClientById(handle.db, ids.get(name) ?? 0)!)
      return rest
    }
    const v = 'marketing-v1'
    expect(facts('declinedAtQuestion')).toEqual({
      status: 'declined',
      grantedAt: null,
      declinedAt: t1,
      withdrawnAt: null,
      textVersion: v,
    })
    expect(facts('grantedThenStop')).toEqual({
      status: 'withdrawn',
      grantedAt: t0,
      declinedAt: null,
      withdrawnAt: t2,
      textVersion: v,
    })
    expect(facts('grantedThenUnsubscribe')).toEqual(facts('grantedThenStop'))
    expect(facts('declinedThenStop')).toEqual({
      status: 'declined',
      grantedAt: null,
      declinedAt: t1,
      withdrawnAt: null,
      textVersion: v,
    })
    expect(facts('stopNeverAsked')).toEqual({
      status: 'declined',
      grantedAt: null,
      declinedAt: t2,
      withdrawnAt: null,
      textVersion: null,
    })
    expect(facts('granted')).toEqual({
      status: 'granted',
      grantedAt: t0,
      declinedAt: null,
      withdrawnAt: null,
      textVersion: v,
    })
    expect(facts('twiceWithdrawn')).toMatchObject({ status: 'withdrawn', grantedAt: t2, withdrawnAt: t3 })
    expect(facts('neverAsked').status).toBe('not_asked')
    // /stop still means no reminders of unfinished flows; a plain "no" does not
    const optOut = (name: string) => findClientById(handle.db, ids.get(name) ?? 0)?.optOutAt
    expect(optOut('declinedAtQuestion')).toBeNull()
    expect(optOut('declinedThenStop')).toBe(t2)
    expect(
      handle.sqlite
        .prepare('SELECT consent_at, consent_declined_at, opt_out_at FROM clients WHERE deleted_at IS NOT NULL')
        .get(),
    ).toEqual({ consent_at: null, consent_declined_at: null, opt_out_at: t2 })
    handle.close()
  })
})

describe('the Telegram payments and Business migrations', () => {
  it('upgrade a database with orders and a transcript: orders paid before are marked paid via staff', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_telegram_payments_and_business'))
    const { lastInsertRowid: clientId } = handle.sqlite
      .prepare('INSERT INTO clients (telegram_id, created_at, last_seen_at) VALUES (100, 1, 1)')
      .run()
    const order = handle.sqlite.prepare(
      'INSERT INTO orders (client_id, amount, currency, status, created_at, paid_at) VALUES (?, ?, ?, ?, 1, ?)',
    )
    order.run(clientId, 4_500_000, 'RUB', 'paid', 5)
    order.run(clientId, 100_000, 'RUB', 'unpaid', null)
    order.run(clientId, 200_000, 'RUB', 'cancelled', null)
    handle.sqlite
      .prepare(
        "INSERT INTO messages (client_id, direction, type, text, client_message_id, created_at) VALUES (?, 'in', 'text', 'Здравствуйте', 7, 1)",
      )
      .run(clientId)

    runMigrations(handle)

    expect(handle.sqlite.prepare('SELECT status, invoice_kind, paid_via FROM orders ORDER BY id').all()).toEqual([
      { status: 'paid', invoice_kind: 'details', paid_via: 'staff' },
      { status: 'unpaid', invoice_kind: 'details', paid_via: null },
      { status: 'cancelled', invoice_kind: 'details', paid_via: null },
    ])
    // The transcript's rows are in the bot's own chat
    expect(
      handle.sqlite.prepare('SELECT client_message_id, business_connection_id, deleted_at FROM messages').all(),
    ).toEqual([{ client_message_id: 7, business_connection_id: null, deleted_at: null }])
    expect(tableNames(handle)).toEqual(expect.arrayContaining(['payments', 'business_connections', 'business_chats']))
    handle.close()
  })
})

describe('KvStorage', () => {
  it('reads, overwrites and deletes JSON values under its prefix', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle)
    const a = new KvStorage<string[]>(handle.db, 'a:')
    const b = new KvStorage<string[]>(handle.db, 'b:')
    a.write('1', ['x'])
    a.write('1', ['y'])
    b.write('1', ['z'])
    expect(a.read('1')).toEqual(['y'])
    expect(b.read('1')).toEqual(['z'])
    a.delete('1')
    expect(a.read('1')).toBeUndefined()
    expect(b.read('1')).toEqual(['z'])
  })
})

describe('the domain state data migration', () => {
  it('moves what the key-value table held for topics, requests, clients, owners, quiz results and broadcasts into their tables', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_domain_state_tables'))
    const sql = handle.sqlite
    const client = (telegramId: number) =>
      Number(
        sql.prepare('INSERT INTO clients (telegram_id, created_at, last_seen_at) VALUES (?, 1, 1)').run(telegramId)
          .lastInsertRowid,
      )
    const [anna, boris, vera] = [client(101), client(102), client(103)]
    // Erased (/forget) before the erasure covered the desk's keys
    const erased = Number(
      sql.prepare('INSERT INTO clients (deleted_at, created_at, last_seen_at) VALUES (1, 1, 1)').run().lastInsertRowid,
    )
    const handoff = Number(
      sql.prepare("INSERT INTO handoffs (client_id, reason, opened_at) VALUES (?, 'asked', 5)").run(anna)
        .lastInsertRowid,
    )
    const quiet = Number(
      sql.prepare("INSERT INTO handoffs (client_id, reason, opened_at) VALUES (?, 'asked', 6)").run(boris)
        .lastInsertRowid,
    )
    // The desk marked this one breached already (and the alert's kv key was written too)
    const marked = Number(
      sql
        .prepare("INSERT INTO handoffs (client_id, reason, opened_at, sla_breached_at) VALUES (?, 'asked', 7, 5_500)")
        .run(vera).lastInsertRowid,
    )
    const result = Number(
      sql
        .prepare(
          "INSERT INTO quiz_results (client_id, answers, ranking, outcome, created_at) VALUES (?, '{}', '[]', 'match', 1)",
        )
        .run(anna).lastInsertRowid,
    )
    const broadcast = Number(
      sql
        .prepare(
          "INSERT INTO broadcasts (owner_id, source_chat_id, source_message_id, segment, created_at) VALUES (9, 9, 77, '{}', 1)",
        )
        .run().lastInsertRowid,
    )
    // The values exactly as the earlier code wrote them
    const kv = (key: string, value: unknown, at = 1_000) =>
      sql
        .prepare('INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)')
        .run(key, typeof value === 'string' ? value : JSON.stringify(value), at)
    kv(`handoff:card:${anna}`, { topicId: 100, messageId: 501 }, 2_000)
    kv(`handoff:transcript:${anna}`, { toId: 42 })
    kv(`handoff:topic-lost:${boris}`, { at: 3_000, why: 'moved' })
    kv(`handoff:topic-lost:${vera}`, { at: 3_500 }) // written before the reason was kept
    kv(`handoff:topic-refused:${vera}`, { at: 4_000 })
    kv(`handoff:card:${vera + 50}`, { topicId: 1, messageId: 1 }) // a client no longer there
    kv('handoff:problem:-1001234567890:bot-not-admin', { at: 5_000 })
    kv('handoff:problem:-1001234567890:topics-off', { at: 5_100 })
    kv(`handoff:sla-alerted:${handoff}`, { at: 6_000 })
    kv(`handoff:sla-alerted:${marked}`, { at: 6_500 })
    kv(`topic:status:${anna}`, { status: 'answered', closed: false }, 2_500)
    kv(`topic:status:${vera}`, { status: 'closed', closed: true, neutral: true })
    kv(`night-reply:${boris}`, { backAt: 8_000 })
    kv(`night-reply:${vera}`, { backAt: 0 }) // told once, for good: the calendar never opens
    kv(`topic:status:${erased}`, { status: 'closed', closed: true })
    kv(`night-reply:${erased}`, { backAt: 8_000 })
    kv('owner-input:9', { kind: 'staff-confirm', role: 'manager', id: 555, name: 'Оля', at: 7_000 })
    kv(`quiz-shown:${result}`, '6')
    kv(`broadcast-plan:${broadcast}`, { kind: 'copy', albumIds: [77, 78] })
    kv('12345', { version: 1, state: {} }) // a conversation's state stays

    runMigrations(handle)

    const rows = (query: string) => sql.prepare(query).all()
    expect(rows('SELECT * FROM client_topics ORDER BY client_id')).toEqual([
      {
        client_id: anna,
        card_topic_id: 100,
        card_message_id: 501,
        card_chat_id: null, // added later (0016): not known for a client without a group
        lost_at: null,
        lost_why: null,
        refused_at: null,
        transcript_posted_to: 42,
        title_status: 'answered',
        topic_closed: 0,
        closed_by_hand: 0, // added later (0032)
        neutral_title: 0,
        pinned_card_id: 501, // added later (0043): the card as it stood, which its pin followed
        updated_at: 2_500,
      },
      {
        client_id: boris,
        card_topic_id: null,
        card_message_id: null,
        card_chat_id: null, // added later (0016): not known for a client without a group
        lost_at: 3_000,
        lost_why: 'moved',
        refused_at: null,
        transcript_posted_to: 0,
        title_status: null,
        topic_closed: 0,
        closed_by_hand: 0, // added later (0032)
        neutral_title: 0,
        pinned_card_id: null, // added later (0043)
        updated_at: 1_000,
      },
      {
        client_id: vera,
        card_topic_id: null,
        card_message_id: null,
        card_chat_id: null, // added later (0016): not known for a client without a group
        lost_at: 3_500,
        lost_why: 'deleted',
        refused_at: 4_000,
        transcript_posted_to: 0,
        title_status: 'closed',
        topic_closed: 1,
        closed_by_hand: 0, // added later (0032): closed by the bot, as every version before it did
        neutral_title: 1,
        pinned_card_id: null, // added later (0043)
        updated_at: 1_000,
      },
    ])
    expect(rows('SELECT * FROM staff_group_problems ORDER BY problem')).toEqual([
      { group_id: -1001234567890, problem: 'bot-not-admin', told_at: 5_000 },
      { group_id: -1001234567890, problem: 'topics-off', told_at: 5_100 },
    ])
    expect(rows('SELECT id, sla_breached_at FROM handoffs ORDER BY id')).toEqual([
      { id: handoff, sla_breached_at: 6_000 },
      { id: quiet, sla_breached_at: null },
      { id: marked, sla_breached_at: 5_500 },
    ])
    expect(rows('SELECT id, night_reply_back_at FROM clients ORDER BY id')).toEqual([
      { id: anna, night_reply_back_at: null },
      { id: boris, night_reply_back_at: 8_000 },
      { id: vera, night_reply_back_at: 0 },
      { id: erased, night_reply_back_at: null },
    ])
    expect(rows('SELECT * FROM owner_inputs')).toEqual([
      {
        owner_id: 9,
        step: JSON.stringify({ kind: 'staff-confirm', role: 'manager', id: 555, name: 'Оля', at: 7_000 }),
        started_at: 7_000,
      },
    ])
    expect(rows('SELECT id, shown_count FROM quiz_results')).toEqual([{ id: result, shown_count: 6 }])
    expect(rows('SELECT id, plan FROM broadcasts')).toEqual([
      { id: broadcast, plan: JSON.stringify({ kind: 'copy', albumIds: [77, 78] }) },
    ])
    // The key-value table keeps only conversations
    expect(rows('SELECT key FROM kv')).toEqual([{ key: '12345' }])

    // And the code reads them where they are now
    const db = handle.db
    const clock = { now: () => 10_000 }
    const transcript = createTranscript({ db, clock })
    const topics = createTopics({ db, clock, transcript })
    expect(topics.card(anna)).toEqual({ topicId: 100, messageId: 501 })
    expect(transcript.postedUpTo(anna)).toBe(42)
    expect([topics.wasLost(boris), topics.lostWhy(boris), topics.wasLost(anna)]).toEqual([true, 'moved', false])
    expect(topics.firstRefusal(vera)).toBe(false)
    expect(topics.newProblems(-1001234567890, ['bot-not-admin', 'no-topic-rights'])).toEqual(['no-topic-rights'])
    expect(createOwnerInputService({ db, clock }).pending(9)).toEqual({
      kind: 'staff-confirm',
      role: 'manager',
      id: 555,
      name: 'Оля',
      at: 7_000,
    })
    expect(shownCount(db, result)).toBe(6)
    expect(broadcastPlan(db, broadcast)).toEqual({ kind: 'copy', albumIds: [77, 78] })
    const logger = createLogger({ level: 'silent', token: 'x', destination: { write: () => undefined } })
    const topicStatus = createTopicStatusService({
      db,
      clock,
      outbox: createOutbox({ db, clock, logger, budget: createSendBudget({ clock }) }),
      groups: createStaffGroups({
        db,
        ids: [-100123],
        content: createContentStore({ db, clock }, demoContent(), demoYaml()),
      }),
    })
    expect([topicStatus.applied(anna), topicStatus.applied(boris), topicStatus.applied(vera)]).toEqual([
      { status: 'answered', closed: false },
      undefined,
      { status: 'closed', closed: true, neutral: true },
    ])
    handle.close()
  })
})

describe('the card-group migration', () => {
  it("records each card's group, the topic a moved client left behind, and drops erased clients' greetings", async () => {
    const { createHarness } = await import('../helpers/harness.ts')
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_card_chat_and_left_topics'))
    const [first, second] = [-1001234567890, -1009876543210]
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, staff_group_id, topic_id, deleted_at, created_at, last_seen_at) values
        (1, 101, ${second}, null, null, 1, 1), -- moved from the first group, no new topic yet
        (2, 102, ${first}, 600, null, 1, 1),  -- at home: the card is in their topic
        (3, 103, ${second}, null, null, 1, 1), -- a card the outbox no longer knows of
        (4, null, null, null, 5, 1, 1);       -- erased
      insert into client_topics (client_id, card_topic_id, card_message_id, lost_at, lost_why, updated_at) values
        (1, 500, 501, 9, 'moved', 9), (2, 600, 601, null, null, 8), (3, 700, 701, 9, 'moved', 9);
      insert into outbox (chat_id, client_id, method, payload, status, not_before, result_message_id, created_at)
        values (${first}, 1, 'card', '{}', 'sent', 1, 501, 1);
      insert into jobs (kind, run_at, client_id, dedupe_key, payload, created_at, updated_at) values
        ('greeting', 7, 4, 'greeting:birthday:4:2026', '{}', 1, 1),
        ('checkin', 7, 4, null, '{}', 1, 1),
        ('greeting', 7, 2, 'greeting:birthday:2:2026', '{"type":"birthday"}', 1, 1);
    `)
    runMigrations(handle)
    const rows = (query: string) => handle.sqlite.prepare(query).all()
    expect(
      rows('select client_id, card_topic_id, card_message_id, card_chat_id from client_topics order by 1'),
    ).toEqual([
      { client_id: 1, card_topic_id: null, card_message_id: null, card_chat_id: null },
      { client_id: 2, card_topic_id: 600, card_message_id: 601, card_chat_id: first },
      { client_id: 3, card_topic_id: 700, card_message_id: 701, card_chat_id: null },
    ])
    expect(rows('select * from left_topics')).toEqual([
      { client_id: 1, chat_id: first, topic_id: 500, card_message_id: 501, notes: '[]', left_at: 9 },
    ])
    expect(rows('select client_id, kind from jobs order by id')).toEqual([
      { client_id: 4, kind: 'checkin' },
      { client_id: 2, kind: 'greeting' },
    ])

    // The moved client's /forget clears their old topic and card in the first group, nothing in
    // the second; the card of unknown group is left to the outbox's record, not guessed
    const h = createHarness({ database: handle, config: { STAFF_GROUP_IDS: `${first},${second}` } })
    h.deps.services.erasure.erase(1)
    h.deps.services.erasure.erase(3)
    expect(rows("select chat_id, payload from outbox where method = 'erasure'")).toEqual([
      { chat_id: first, payload: JSON.stringify({ topics: [{ threadId: 500 }], cards: [501], remove: [] }) },
    ])
    expect(rows('select * from left_topics')).toEqual([])
    handle.close()
  })

  it('keeps the replaced cards the outbox still knows of, so /forget clears them after the outbox forgets', async () => {
    const { createHarness } = await import('../helpers/harness.ts')
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_replaced_cards'))
    const [first, second] = [-1001234567890, -1009876543210]
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, staff_group_id, topic_id, deleted_at, created_at, last_seen_at) values
        (1, 101, ${first}, 600, null, 1, 1), -- /card posted twice: 601 replaced by 602
        (2, null, null, null, 5, 1, 1),      -- erased
        (3, 103, ${second}, 700, null, 1, 1); -- moved: their card in the first group is a left topic's
      insert into client_topics (client_id, card_topic_id, card_message_id, card_chat_id, updated_at) values
        (1, 600, 602, ${first}, 9), (3, 700, 701, ${second}, 9);
      insert into left_topics (client_id, chat_id, topic_id, card_message_id, left_at) values (3, ${first}, 500, 501, 8);
      insert into outbox (chat_id, client_id, method, payload, status, not_before, result_message_id, created_at) values
        (${first}, 1, 'card', '{}', 'sent', 1, 601, 3),
        (${first}, 1, 'card', '{}', 'sent', 1, null, 4), -- an edit: no new message
        (${first}, 1, 'card', '{}', 'sent', 1, 602, 5),
        (${first}, 2, 'card', '{}', 'sent', 1, 603, 5),
        (${first}, 3, 'card', '{}', 'sent', 1, 501, 6),
        (${second}, 3, 'card', '{}', 'sent', 1, 701, 7),
        (${first}, 1, 'card', '{}', 'failed', 1, 604, 7);
    `)
    runMigrations(handle)
    const rows = (query: string) => handle.sqlite.prepare(query).all()
    expect(rows('select * from replaced_cards')).toEqual([
      { client_id: 1, chat_id: first, message_id: 601, replaced_at: 3 },
    ])

    // The outbox's record pruned, /forget still edits both cards
    handle.sqlite.exec("delete from outbox where method = 'card'")
    const h = createHarness({ database: handle, config: { STAFF_GROUP_IDS: `${first},${second}` } })
    h.deps.services.erasure.erase(1)
    expect(rows("select chat_id, payload from outbox where method = 'erasure'")).toEqual([
      {
        chat_id: first,
        payload: JSON.stringify({
          topics: [{ threadId: 600 }],
          cards: [602, 601],
          remove: [],
          notice: { threadId: 600, calls: [] },
        }),
      },
    ])
    expect(rows('select * from replaced_cards')).toEqual([])
    handle.close()
  })

  it('makes ё and е one letter for /find in what was indexed before, names at once and the transcript in batches', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_search_folds_yo'))
    const logger = createLogger({ level: 'silent' })
    const search = () => createClientSearch({ db: handle.db, logger })
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, first_name, last_name, created_at, last_seen_at) values
        (1, 101, 'Фёдор', 'Семёнов', 1, 1), (2, 102, 'Анна', null, 1, 2);
      insert into messages (client_id, direction, type, text, created_at) values
        (2, 'in', 'text', 'Ещё нужен логотип для ёлочного базара', 1),
        (1, 'bot', 'text', 'Всё готово', 1);
    `)
    search().indexQueued()
    handle.sqlite.exec(
      "insert into messages (client_id, direction, type, text, created_at) values (1, 'in', 'text', 'Всё понял', 2)",
    )
    runMigrations(handle)
    const queued = handle.sqlite.prepare('select message_id from message_search_queue').all()
    // Every searchable message waits to be indexed again, the bot's own never
    expect(queued).toEqual([{ message_id: 1 }, { message_id: 3 }])
    const ids = (text: string) =>
      search()
        .find(parseFindQuery(text))
        .map((hit) => hit.client.id)
    expect(ids('федор семенов')).toEqual([1])
    expect(ids('елочн')).toEqual([2])
    expect(ids('все понял')).toEqual([1])
    expect(ids('готово')).toEqual([])
    // The new triggers fold too, and an erased name leaves the index
    handle.sqlite.exec("update clients set first_name = 'Алёна' where id = 2")
    expect(ids('алена')).toEqual([2])
    handle.sqlite.exec('update clients set first_name = null, last_name = null where id = 1')
    const left = handle.sqlite.prepare(`select count(*) as n from client_search where client_search match 'федор'`)
    expect(left.get()).toEqual({ n: 0 })
    handle.close()
  })
})

describe('the outbox result ids migration', () => {
  it("keeps every part of an album delivered before, while the transcript's links name its copies", async () => {
    const { createHarness } = await import('../helpers/harness.ts')
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_outbox_result_message_ids'))
    const group = -1001234567890
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, staff_group_id, topic_id, created_at, last_seen_at)
        values (1, 101, ${group}, 600, 1, 1);
      insert into messages (id, client_id, direction, type, topic_message_id, created_at) values
        (1, 1, 'in', 'photo', 104, 1), (2, 1, 'in', 'photo', 105, 1), (3, 1, 'in', 'photo', 106, 1),
        (4, 1, 'in', 'photo', null, 1), (5, 1, 'in', 'photo', null, 1), -- links cleared by a /move
        (6, 1, 'in', 'photo', 204, 1), (7, 1, 'in', 'photo', 205, 1),   -- links to another delivery's copies
        (8, 1, 'in', 'photo', 120, 1);
      insert into outbox (id, chat_id, client_id, method, payload, status, not_before, result_message_id, created_at) values
        (1, ${group}, 1, 'relay_in', '{"rowIds":[1,2,3]}', 'sent', 1, 104, 1),
        (2, ${group}, 1, 'relay_in', '{"rowIds":[4,5]}', 'sent', 1, 107, 1),
        (3, ${group}, 1, 'relay_in', '{"rowIds":[6,7]}', 'sent', 1, 110, 1),
        (4, ${group}, 1, 'relay_in', '{"rowIds":[8]}', 'sent', 1, 120, 1);
    `)
    runMigrations(handle)
    const rows = (query: string) => handle.sqlite.prepare(query).all()
    expect(rows('select id, result_message_ids from outbox order by id')).toEqual([
      { id: 1, result_message_ids: '[104,105,106]' },
      { id: 2, result_message_ids: null },
      { id: 3, result_message_ids: null },
      { id: 4, result_message_ids: null },
    ])

    // /forget lists every part of the album for deletion, and only the copies of that group
    const h = createHarness({ database: handle })
    h.deps.services.erasure.erase(1)
    const [erasure] = rows("select chat_id, payload from outbox where method = 'erasure'") as {
      chat_id: number
      payload: string
    }[]
    expect(erasure?.chat_id).toBe(group)
    expect((JSON.parse(erasure?.payload ?? '{}') as ErasurePayload).remove.map((m) => m.id)).toEqual([
      104, 105, 106, 107, 110, 120,
    ])
    handle.close()
  })
})

describe('the business chats’ conversation state data migration', () => {
  /** A flow's state as the conversations plugin keeps it, begun by `update`. */
  const flowBegunBy = (update: object, ...later: object[]) =>
    JSON.stringify({
      version: [0, 1],
      state: {
        discovery: [
          {
            args: '[]',
            interrupts: [0],
            replay: {
              send: [{ payload: 'wait' }],
              receive: [update, ...later].map((returnValue, send) => ({ send, returnValue })),
            },
          },
        ],
      },
    })

  it('moves to the business chat it began in; the bot chat’s own and unreadable values stay', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_conversations_of_business_chats'))
    const chat = { id: 401, type: 'private', first_name: 'Анна' }
    const byButton = flowBegunBy({
      update_id: 3,
      callback_query: {
        id: 'cq',
        data: 'menu:discovery',
        message: { message_id: 1, chat, business_connection_id: 'bc-olga' },
      },
    })
    const byMessage = flowBegunBy({
      update_id: 4,
      business_message: { message_id: 2, chat: { ...chat, id: 402 }, business_connection_id: 'bc-ivan', text: '/quiz' },
    })
    // A flow of the bot's chat that a business message reached later (what the earlier version did)
    const inBotChat = flowBegunBy(
      { update_id: 5, callback_query: { id: 'cq2', data: 'menu:discovery', message: { message_id: 3, chat } } },
      {
        update_id: 6,
        business_message: { message_id: 4, chat, business_connection_id: 'bc-olga', text: 'Здравствуйте' },
      },
    )
    const insert = handle.sqlite.prepare('insert into kv (key, value, updated_at) values (?, ?, 0)')
    insert.run('conv:401', byButton)
    insert.run('conv:402', byMessage)
    insert.run('conv:403', inBotChat)
    insert.run('conv:404', 'not json')
    insert.run('conv:405:bc-olga', byButton)
    runMigrations(handle)
    const keys = handle.sqlite.prepare("select key from kv where key like 'conv:%' order by key").all()
    expect(keys.map((row) => (row as { key: string }).key)).toEqual([
      'conv:401:bc-olga',
      'conv:402:bc-ivan',
      'conv:403',
      'conv:404',
      'conv:405:bc-olga',
    ])
  })

  it('finds the connection in state the bot really wrote: the brief goes on in the owner’s chat', async () => {
    const h = createHarness({ content: { ...demoContent(), telegram_business: { auto_reply: 'always' } } })
    const user = h.u.user(401, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(h.u.user(OWNER_ID, { first_name: 'Ольга' }), { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:discovery', { businessConnectionId: 'bc-olga' }))
    // Where the earlier version kept it (moved by SQL, as a file is before the bot opens it), then the migration
    h.deps.sqlite.prepare("update kv set key = 'conv:401' where key = 'conv:401:bc-olga'").run()
    h.deps.sqlite.exec(readFileSync(join(MIGRATIONS_FOLDER, '0023_conversations_of_business_chats.sql'), 'utf8'))
    const keys = h.deps.sqlite.prepare("select key from kv where key like 'conv:%'").all()
    expect(keys).toEqual([{ key: 'conv:401:bc-olga' }])
    const friends = latestButtons(h, user.id).find((b) => b.text === 'Посоветовали знакомые')?.data ?? ''
    await h.send(h.u.callback(user, friends, { businessConnectionId: 'bc-olga' }))
    expect(h.fake.sentTo(user.id).at(-1)?.payload).toMatchObject({ business_connection_id: 'bc-olga' })
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 10')
  })
})

describe('the team chats migration', () => {
  it("deletes what was recorded of a team member's chat with the bot since they joined, and its search entries", () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_team_chats_not_recorded'))
    handle.sqlite.exec(`
      insert into staff (telegram_id, role, added_by, created_at) values (${OWNER_ID}, 'owner', null, 100), (501, 'manager', ${OWNER_ID}, 200);
      insert into clients (id, telegram_id, created_at, last_seen_at) values (1, ${OWNER_ID}, 100, 1), (2, 501, 50, 1), (3, 601, 50, 1);
      insert into messages (id, client_id, direction, type, text, business_connection_id, created_at) values
        (1, 1, 'in', 'text', '/export @vera_k', null, 300),
        (2, 1, 'bot', 'text', 'Вера Кузякина (@vera_k) #3', null, 300),
        (3, 2, 'in', 'text', 'хочу консультацию', null, 150),  -- as a client, before joining: stays
        (4, 2, 'in', 'text', '/find vera_k', null, 250),
        (5, 2, 'bot', 'document', null, null, 250),
        (6, 3, 'in', 'text', 'меня зовут Вера', null, 300);
    `)
    runMigrations(handle)
    const rows = (query: string) => handle.sqlite.prepare(query).all()
    expect(rows('select id from messages order by id')).toEqual([{ id: 3 }, { id: 6 }])
    expect(rows('select message_id from message_search_queue order by message_id')).toEqual([
      { message_id: 3 },
      { message_id: 6 },
    ])
    handle.close()
  })

  it("keeps what was written during a team member's own request, as the recorder does", () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_team_chats_not_recorded'))
    handle.sqlite.exec(`
      insert into staff (telegram_id, role, added_by, created_at) values (501, 'manager', ${OWNER_ID}, 200);
      insert into clients (id, telegram_id, created_at, last_seen_at) values (2, 501, 50, 1);
      insert into handoffs (id, client_id, status, reason, opened_at, closed_at) values
        (1, 2, 'closed', 'asked', 300, 400), (2, 2, 'open', 'returned', 600, null);
      insert into messages (id, client_id, direction, type, text, business_connection_id, created_at) values
        (10, 2, 'in', 'text', 'сколько стоит доставка?', null, 310),
        (11, 2, 'bot', 'text', 'Передал менеджеру', null, 311),
        (12, 2, 'in', 'text', '/export @vera_k', null, 500),
        (13, 2, 'in', 'text', 'и можно ли оплатить картой?', null, 610);
    `)
    runMigrations(handle)
    expect(handle.sqlite.prepare('select id from messages order by id').all()).toEqual([
      { id: 10 },
      { id: 11 },
      { id: 13 },
    ])
    handle.close()
  })
})

describe('the quiz results shown migration', () => {
  it('takes the results stored before as shown: the next /quiz is a new take, not those results again', async () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_quiz_results_shown'))
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, first_name, created_at, last_seen_at) values (1, 101, 'Анна', 1, 1);
      insert into answers (client_id, kind, question_key, value, created_at, updated_at)
        values (1, 'quiz', 'goal', '"leads"', 1, 1);
      insert into quiz_results (id, client_id, answers, ranking, outcome, created_at)
        values (1, 1, '{"goal":"leads"}', '[]', 'no_match', 2);
    `)
    runMigrations(handle)
    expect(handle.sqlite.prepare('select id, shown_at from quiz_results').all()).toEqual([{ id: 1, shown_at: 2 }])

    const h = createHarness({ database: handle })
    const user = h.u.user(101, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/quiz'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 1 из')
    handle.close()
  })
})

describe('the request deadline migration', () => {
  it('keeps the manager the stats filed a late request under; deadlines before it are counted as they were', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_handoff_deadline_and_who_missed_it'))
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, created_at, last_seen_at) values (1, 101, 1, 1);
      insert into handoffs (id, client_id, reason, opened_at, first_response_at, first_responder_id, manager_id, sla_breached_at) values
        (1, 1, 'asked', 10, 20, null, null, null),       -- answered in time
        (2, 1, 'asked', 10, 2000, 502, 501, 1000),      -- late, answered by another
        (3, 1, 'asked', 10, null, null, 501, 1000),     -- late, unanswered
        (4, 1, 'asked', 10, null, null, null, 1000);    -- late, nobody led it
    `)
    runMigrations(handle)
    expect(handle.sqlite.prepare('select id, sla_due_at, sla_breached_by from handoffs order by id').all()).toEqual([
      { id: 1, sla_due_at: null, sla_breached_by: null },
      { id: 2, sla_due_at: null, sla_breached_by: 502 },
      { id: 3, sla_due_at: null, sla_breached_by: 501 },
      { id: 4, sla_due_at: null, sla_breached_by: null },
    ])
    handle.close()
  })
})

describe('the order due date migration', () => {
  it('reads the due moment kept before into the day it ends, in the business time zone, once', async () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_order_due_date'))
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, first_name, created_at, last_seen_at) values (1, 101, 'Анна', 1, 1);
      -- The end of 26 November in Moscow, and an order with no due date
      insert into orders (id, client_id, amount, currency, due_at, status, created_at)
        values (1, 1, 4500000, 'RUB', ${Date.parse('2026-11-26T20:59:59.999Z')}, 'unpaid', 1),
               (2, 1, 100000, 'RUB', null, 'unpaid', 1);
    `)
    runMigrations(handle)
    const h = createHarness({ database: handle })
    const dueDates = () => handle.sqlite.prepare('select id, due_date, due_at from orders order by id').all()
    expect(dueDates()).toEqual([
      { id: 1, due_date: '2026-11-26', due_at: Date.parse('2026-11-26T20:59:59.999Z') },
      { id: 2, due_date: null, due_at: null },
    ])
    const user = h.u.user(101, { first_name: 'Анна' })
    await h.send(h.u.callback(user, 'menu:mine'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/ждёт оплаты до 26 ноября/)
    // Done once: a later start reads nothing again
    handle.sqlite.prepare('update orders set due_date = null where id = 1').run()
    createHarness({ database: handle })
    expect(dueDates()[0]).toMatchObject({ due_date: null })
    handle.close()
  })
})

describe('the pinned card migration', () => {
  it("takes each topic's card as the one pinned there, so the next card unpins it; a lost topic's pins are not the new one's", () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_pinned_card'))
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, first_name, topic_id, created_at, last_seen_at) values
        (1, 101, 'Анна', 100, 1, 1), (2, 102, 'Борис', null, 1, 1), (3, 103, 'Вера', 102, 1, 1);
      insert into client_topics (client_id, card_topic_id, card_message_id, card_chat_id, lost_at, updated_at) values
        (1, 100, 501, ${STAFF_GROUP_ID}, null, 1),
        (2, 101, 502, ${STAFF_GROUP_ID}, 5, 1),
        (3, null, null, null, null, 1);
    `)
    runMigrations(handle)
    expect(
      handle.sqlite.prepare('select client_id, pinned_card_id from client_topics order by client_id').all(),
    ).toEqual([
      { client_id: 1, pinned_card_id: 501 },
      { client_id: 2, pinned_card_id: null },
      { client_id: 3, pinned_card_id: null },
    ])
    handle.close()
  })
})

describe('the request reached the group migration', () => {
  it('takes requests from before as having reached the group when they opened: their deadlines stay where they were', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_request_reached_group'))
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, topic_id, staff_group_id, created_at, last_seen_at) values (1, 101, 500, ${STAFF_GROUP_ID}, 1, 1);
      insert into handoffs (id, client_id, reason, opened_at, sla_due_at, status) values
        (1, 1, 'asked', 10, 900010, 'closed'),
        (2, 1, 'asked', 20, 900020, 'open');
    `)
    runMigrations(handle)
    expect(handle.sqlite.prepare('select id, reached_group_at from handoffs order by id').all()).toEqual([
      { id: 1, reached_group_at: 10 },
      { id: 2, reached_group_at: 20 },
    ])
    // A message of the client reaching the topic now is no late arrival of that request
    const h = createHarness({ database: handle })
    h.deps.services.handoff.reachedGroup(1, h.clock.now())
    const open = h.deps.services.handoff.current(1)!
    expect([open.reachedGroupAt, h.deps.services.handoff.deadline(open)]).toEqual([20, 900020])
    handle.close()
  })
})

describe('the invoice summaries migration', () => {
  it('keeps the summaries the outbox still remembers with their invoices: one paid after its record went is edited all the same', async () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_invoice_summaries'))
    const head = '🧾 Счёт №1: 45 000 ₽ — Лендинг. Отправлен клиенту.'
    const posted = JSON.stringify({
      text: `${head}\nНапоминания, пока не оплачено: чт, 24 дек., 11:00.`,
      buttons: [[{ text: 'Отменить счёт', data: 'pay:cancel:1' }]],
      answering: true,
      invoice: 1,
    })
    const queued = JSON.stringify({ text: '🧾 Счёт №2: 1 500 ₽. Отправлен клиенту.', answering: true, invoice: 2 })
    handle.sqlite.exec(`
      insert into clients (id, telegram_id, first_name, topic_id, staff_group_id, created_at, last_seen_at) values
        (1, 101, 'Анна', 500, ${STAFF_GROUP_ID}, 1, 1);
      insert into orders (id, client_id, amount, currency, due_date, created_at) values
        (1, 1, 4500000, 'RUB', '2026-12-25', 1),
        (2, 1, 150000, 'RUB', null, 2),
        (3, 1, 990000, 'RUB', null, 3);
      insert into outbox (id, chat_id, client_id, method, payload, status, not_before, result_message_id, created_at) values
        (1, ${STAFF_GROUP_ID}, 1, 'notice', '${posted}', 'sent', 1, 900, 1),
        (2, ${STAFF_GROUP_ID}, 1, 'notice', '{"text":"Заметка","answering":true}', 'sent', 1, 901, 1),
        (3, ${STAFF_GROUP_ID}, 1, 'notice', '${queued}', 'pending', 1, null, 2);
    `)
    runMigrations(handle)
    // Invoice №3's summary went a week before: its record was pruned then, and nothing knows it
    expect(
      handle.sqlite.prepare('select order_id, client_id, post, chat_id, message_id from invoice_summaries').all(),
    ).toEqual([
      { order_id: 1, client_id: 1, post: posted, chat_id: STAFF_GROUP_ID, message_id: 900 },
      { order_id: 2, client_id: 1, post: queued, chat_id: null, message_id: null },
    ])

    // Paid after the outbox pruned its record of the post (it keeps a week of them): edited as on day 1
    const h = createHarness({ database: handle })
    h.fake.topics.set(500, { name: 'Анна', deleted: false })
    h.clock.advance(8 * 86_400_000)
    await h.drain()
    expect(handle.sqlite.prepare('select id from outbox where id = 1').all()).toEqual([])
    await h.send(h.u.staffText(h.u.user(OWNER_ID), 500, '/paid 1'))
    await h.flush()
    const edit = h.fake.calls.find((c) => c.method === 'editMessageText' && c.payload.message_id === 900)
    expect(edit?.payload.chat_id).toBe(STAFF_GROUP_ID)
    expect(String(edit?.payload.text)).toMatch(new RegExp(`^${head}\\n✅ Оплачен `))
    handle.close()
  })
})
