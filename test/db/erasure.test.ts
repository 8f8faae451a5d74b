/**
 * The erasure's lists are complete: every table of the database and every namespace
 * of the kv table is in db/repositories/erasure.ts, so a new one cannot hold a
 * person's data that /forget leaves behind. And the data migration applies today's
 * erasure to clients erased before it; an older database's free space is cleared once.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { KV_ERASURES, TABLE_ERASURES } from '../../db/repositories/erasure.ts'
import { seedClient } from '../helpers/clients.ts'
import { createTestDb, createTestDbFile } from '../helpers/db.ts'
import { createHarness } from '../helpers/harness.ts'
import { migrationsBefore } from '../helpers/migrations.ts'

const root = new URL('../../', import.meta.url).pathname

/** Columns that tie a row to a person. */
const PERSON_COLUMNS = ['client_id', 'chat_id', 'telegram_id', 'user_id']

describe('the erasure knows every table', () => {
  it('lists each table of the database once, and erases in every table that names a person', () => {
    const { sqlite } = createTestDb()
    const all = (
      sqlite
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != '__drizzle_migrations'",
        )
        .all() as { name: string }[]
    ).map((t) => t.name)
    // A full-text index's own storage (FTS5's `<index>_data`, `_idx`, `_content`, `_docsize`,
    // `_config`) goes with its virtual table; any other table is the erasure's to decide
    const virtual = (
      sqlite.prepare("select name from sqlite_master where sql like 'CREATE VIRTUAL TABLE%'").all() as {
        name: string
      }[]
    ).map((t) => t.name)
    const shadow = ['data', 'idx', 'content', 'docsize', 'config']
    const tables = all.filter((t) => !virtual.some((v) => shadow.some((suffix) => t === `${v}_${suffix}`)))
    const listed = TABLE_ERASURES.map((r) => r.table)
    expect(new Set(listed).size).toBe(listed.length)
    expect([...listed].sort()).toEqual([...tables].sort())

    // A table with a person's column says what happens to their rows: deleted, or each
    // column erased or kept on purpose (a new column fails here until it is decided)
    for (const table of tables) {
      const columns = (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
      const rule = TABLE_ERASURES.find((r) => r.table === table)
      if (!columns.some((c) => PERSON_COLUMNS.includes(c))) continue
      if (rule?.columns === undefined) {
        expect(rule?.keeps, `${table}: a table with a person's column needs \`columns\``).toMatch(/^nothing of clients/)
      } else if (rule.columns !== 'deleted') {
        const { erased, kept } = rule.columns
        expect(
          erased.filter((c) => kept.includes(c)),
          table,
        ).toEqual([])
        expect([...erased, ...kept].sort(), table).toEqual([...columns].sort())
        if (erased.length > 0) expect(rule.erase, table).toBeDefined()
      }
    }
  })

  it('lists each namespace of the kv table its code uses', () => {
    const prefixes = new Set<string>()
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(root, dir, f))
    const sources = [...files('src'), ...files('conversations'), ...files('db')].map((f) => readFileSync(f, 'utf8'))
    // A prefix may be given by name: the string constants the sources export
    const constants = new Map<string, string>()
    for (const code of sources) {
      for (const m of code.matchAll(/export const ([A-Z_]+) = '([^']*)'/g)) if (m[1] && m[2]) constants.set(m[1], m[2])
    }
    for (const code of sources) {
      // Keys a repository writes into the kv table itself: `prefix:${id}`
      if (/import \{[^}]*\bkv\b[^}]*\} from '\.\.\/schema\.ts'/.test(code)) {
        for (const m of code.matchAll(/`([a-z][a-z-]*:)\$\{/g)) if (m[1]) prefixes.add(m[1])
      }
      for (const m of code.matchAll(/new KvStorage<[^(]*>\([^,]+,\s*'([^']*)'/g)) if (m[1]) prefixes.add(m[1])
      // A storage given to grammY's conversations: the plugin adds its own prefix
      if (/new KvStorage<[^(]*>\([^,]+,\s*''[,)]/.test(code)) {
        for (const m of code.matchAll(/prefix: (?:'([^']+)'|([A-Z_]+))/g)) {
          const prefix = m[1] ?? constants.get(m[2] ?? '')
          if (prefix) prefixes.add(prefix)
        }
      }
    }
    // The scanner finds grammY's conversations, the one user of the kv table left
    expect(prefixes).toContain('conv:')
    expect(KV_ERASURES.map((k) => k.prefix).sort()).toEqual([...prefixes].sort())
  })
})

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('clients erased before the erasure covered everything', () => {
  it('lose what it now erases: their call is cancelled, queued messages dropped, keys and texts cleared', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_erase_traces_of_erased_clients'))
    const { sqlite } = handle
    const t = 1_790_000_000_000
    // An erased client as the earlier /forget left them, and one who did not erase
    sqlite.exec(`
      insert into clients (id, telegram_id, stage, deleted_at, staff_group_id, created_at, last_seen_at)
        values (1, null, 'close', ${t}, -100500, ${t}, ${t}), (2, 222, 'close', null, -100500, ${t}, ${t});
      insert into bookings (client_id, slot_start, slot_end, status, created_at, updated_at)
        values (1, ${t + 9e6}, ${t + 1e7}, 'booked', ${t}, ${t}), (2, ${t + 9e6}, ${t + 1e7}, 'booked', ${t}, ${t});
      insert into handoffs (client_id, reason, detail, opened_at) values (1, 'trigger', 'обман', ${t}), (2, 'trigger', 'обман', ${t});
      insert into jobs (kind, run_at, client_id, payload, created_at, updated_at)
        values ('greeting', ${t + 1e7}, 1, '{"type":"birthday","date":"1990-05-17"}', ${t}, ${t}),
               ('checkin', ${t + 1e7}, 1, '{"orderId":7}', ${t}, ${t}),
               ('greeting', ${t + 1e7}, 2, '{"type":"birthday","date":"1991-06-18"}', ${t}, ${t});
      insert into outbox (chat_id, client_id, method, payload, not_before, created_at)
        values (-100500, 1, 'relay_in', '{"text":"secret"}', ${t}, ${t}), (-100500, 2, 'relay_in', '{}', ${t}, ${t});
      insert into broadcasts (id, owner_id, source_chat_id, source_message_id, segment, status, created_at)
        values (1, 9, 9, 1, '{}', 'sending', ${t});
      insert into broadcast_recipients (broadcast_id, client_id, chat_id, status)
        values (1, 1, 111, 'pending'), (1, 2, 222, 'pending');
      insert into kv (key, value, updated_at)
        values ('handoff:card:1', '{}', ${t}), ('handoff:transcript:1', '{}', ${t}), ('handoff:card:2', '{}', ${t}),
          ('quiz-shown:41', '2', ${t});
      insert into quiz_results (id, client_id, answers, ranking, outcome, created_at) values (40, 2, '{}', '[]', 'match', ${t});
      insert into kv (key, value, updated_at) values ('quiz-shown:40', '4', ${t});
    `)
    runMigrations(handle)
    const all = (sql: string) => sqlite.prepare(sql).all()
    expect(all('select client_id, status from bookings order by client_id')).toEqual([
      { client_id: 1, status: 'cancelled' },
      { client_id: 2, status: 'booked' },
    ])
    expect(all('select detail from handoffs order by client_id')).toEqual([{ detail: null }, { detail: 'обман' }])
    // The erased client's greeting (its time shows the birthday) is deleted by a later migration (0017)
    expect(all('select client_id, status, payload from jobs order by client_id')).toEqual([
      { client_id: 1, status: 'cancelled', payload: '{}' },
      { client_id: 2, status: 'pending', payload: '{"type":"birthday","date":"1991-06-18"}' },
    ])
    expect(all('select client_id from outbox')).toEqual([{ client_id: 2 }])
    expect(all('select client_id, chat_id, status from broadcast_recipients order by client_id')).toEqual([
      { client_id: 1, chat_id: null, status: 'skipped' },
      { client_id: 2, chat_id: 222, status: 'pending' },
    ])
    // What was left of the erased client's keys is gone; the other client's moved to their tables
    expect(all('select key from kv order by key')).toEqual([])
    expect(all('select client_id from client_topics')).toEqual([{ client_id: 2 }])
    expect(all('select id, shown_count from quiz_results')).toEqual([{ id: 40, shown_count: 4 }])
    expect(all('select staff_group_id from clients order by id')).toEqual([
      { staff_group_id: null },
      { staff_group_id: -100500 },
    ])
  })

  it('an older database file is rewritten once, so what was deleted before is gone from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientdesk-vacuum-'))
    dirs.push(dir)
    const file = join(dir, 'old.sqlite')
    // A database as earlier versions left it: deleted content still in the free space
    const old = openDatabase(file)
    runMigrations(old, migrationsBefore('_erase_traces_of_erased_clients'))
    old.sqlite.pragma('user_version = 0')
    old.sqlite.pragma('secure_delete = OFF')
    const insert = old.sqlite.prepare('insert into kv (key, value, updated_at) values (?, ?, 0)')
    for (let i = 0; i < 200; i++) insert.run(`conv:${i}`, `Анфиса Тихоновна ${i} ${'x'.repeat(300)}`)
    old.sqlite.exec("delete from kv where key like 'conv:%'")
    old.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    old.close()
    const bytes = () =>
      Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)])
    expect(bytes().includes(Buffer.from('Анфиса Тихоновна'))).toBe(true)

    const upgraded = openDatabase(file)
    runMigrations(upgraded)
    expect(bytes().includes(Buffer.from('Анфиса Тихоновна'))).toBe(false)
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(1)
    // Once: the next start does not rewrite the file again
    const before = statSync(file).mtimeMs
    runMigrations(upgraded)
    expect(statSync(file).mtimeMs).toBe(before)
    upgraded.close()
  })
})

describe('the write-ahead log after an erasure', () => {
  it('is emptied once a long read that held it ends', () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const database = createTestDbFile()
    try {
      const h = createHarness({ database, config: { LOG_LEVEL: 'silent' } })
      const client = seedClient(h.deps, 7_318_000_777, { firstName: 'Аполлинария' })
      const file = database.sqlite.name
      const walBytes = () => (existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0))
      // Another connection in the middle of a long read (an export on the read worker)
      const reader = new Database(file, { readonly: true })
      const rows = reader.prepare('select * from clients').iterate()
      rows.next()
      h.deps.services.erasure.erase(client.id)
      expect(walBytes().includes(Buffer.from('Аполлинария'))).toBe(true)

      rows.return?.()
      reader.close()
      vi.advanceTimersByTime(5_000)
      expect(walBytes().includes(Buffer.from('Аполлинария'))).toBe(false)
      expect(walBytes().length).toBe(0)
    } finally {
      vi.useRealTimers()
      database.remove()
    }
  })
})
