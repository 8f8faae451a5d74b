/**
 * The kv storage behind conversation state: what is written is read back (after a restart
 * too), what is deleted or erased is gone, and a client in no conversation — nearly every
 * update — costs no statement.
 */
import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { CONVERSATION_KEY_PREFIX, conversationKey, dropConversations, KvStorage } from '../../db/storage.ts'
import { countRuns, createTestDb, createTestDbFile } from '../helpers/db.ts'

/** Counts executions of statements that read one row of the kv table by its key. */
function countKeyReads(sqlite: Database.Database): () => number {
  return countRuns(sqlite, /from "kv" where/i)
}

const cleanup: (() => void)[] = []
afterEach(() => {
  for (const done of cleanup.splice(0)) done()
})

describe('conversation state storage', () => {
  it('drops state nobody wrote for a week, a batch per write, leaving newer state and other prefixes', () => {
    const { sqlite, db } = createTestDb()
    const DAY = 24 * 3_600_000
    let now = Date.parse('2026-11-01T12:00:00Z')
    const store = new KvStorage<{ step: number }>(db, 'conv:', () => now)
    const other = new KvStorage<{ step: number }>(db, 'other:', () => now)
    for (let chat = 0; chat < 1_200; chat++) store.write(String(chat), { step: 1 })
    other.write('1', { step: 1 })
    now += 6 * DAY
    store.write('recent', { step: 1 })
    const rows = () => (sqlite.prepare("select count(*) as n from kv where key like 'conv:%'").get() as { n: number }).n
    expect(rows()).toBe(1_201)
    now += 2 * DAY
    // The first write after an hour drops a batch; each next write drops another until none is left
    const counts: number[] = []
    for (let write = 0; write < 5; write++) {
      store.write('fresh', { step: write })
      counts.push(rows())
    }
    expect(counts[0]).toBeLessThan(1_202) // the first write dropped some…
    expect(counts[0]).toBeGreaterThan(2) // …but not all at once
    expect(counts.at(-1)).toBe(2) // 'recent' (six days old) and 'fresh'
    expect(store.read('0')).toBeUndefined()
    expect(store.read('recent')).toEqual({ step: 1 })
    expect(other.read('1')).toEqual({ step: 1 })
  })

  it('reads back what was written and nothing after a delete', () => {
    const { db } = createTestDb()
    const store = new KvStorage<{ step: number }>(db, 'conv:')
    expect(store.read('42')).toBeUndefined()
    store.write('42', { step: 1 })
    store.write('42', { step: 2 })
    expect(store.read('42')).toEqual({ step: 2 })
    store.delete('42')
    expect(store.read('42')).toBeUndefined()
  })

  it('a key nobody wrote is answered without reading the table', () => {
    const { sqlite, db } = createTestDb()
    const reads = countKeyReads(sqlite)
    const store = new KvStorage<{ step: number }>(db, 'conv:')
    store.write('1', { step: 1 })
    for (let chat = 2; chat < 100; chat++) expect(store.read(String(chat))).toBeUndefined()
    expect(reads()).toBe(0)
    expect(store.read('1')).toEqual({ step: 1 })
    expect(reads()).toBe(1)
  })

  it('state written before a restart is found by the new connection', () => {
    const file = createTestDbFile()
    cleanup.push(() => file.remove())
    new KvStorage<{ step: number }>(file.db, 'conv:').write('7', { step: 3 })
    const again = openDatabase(file.sqlite.name)
    cleanup.push(() => again.close())
    expect(new KvStorage<{ step: number }>(again.db, 'conv:').read('7')).toEqual({ step: 3 })
  })

  it('two storages on one connection see each other’s writes', () => {
    const { db } = createTestDb()
    const first = new KvStorage<{ step: number }>(db, 'conv:')
    const second = new KvStorage<{ step: number }>(db, 'conv:')
    expect(second.read('5')).toBeUndefined()
    first.write('5', { step: 1 })
    expect(second.read('5')).toEqual({ step: 1 })
    second.delete('5')
    expect(first.read('5')).toBeUndefined()
  })

  it('ending a person’s flows ends those of their chats with the owner’s accounts too, and nobody else’s', () => {
    const { db } = createTestDb()
    const store = new KvStorage<{ step: number }>(db, CONVERSATION_KEY_PREFIX)
    // Anna (12) in the bot's chat and in two owners' accounts; the people 1, 123 and 13
    const keys = [
      conversationKey(12),
      conversationKey(12, 'bc-olga'),
      conversationKey(12, 'bc-igor'),
      conversationKey(1),
      conversationKey(123),
      conversationKey(123, 'bc-olga'),
      conversationKey(13),
    ]
    for (const key of keys) store.write(key, { step: 1 })
    // A bot chat's state keeps the key it had before business chats had their own
    expect(keys[0]).toBe('12')
    dropConversations(db, [12])
    expect(keys.filter((key) => store.read(key) !== undefined)).toEqual([
      '1',
      '123',
      conversationKey(123, 'bc-olga'),
      '13',
    ])
  })

  it('a row erased by SQL reads as gone, and a new write brings the key back', () => {
    const { sqlite, db } = createTestDb()
    const store = new KvStorage<{ step: number }>(db, 'conv:')
    store.write('9', { step: 1 })
    sqlite.prepare('delete from kv where key = ?').run('conv:9')
    expect(store.read('9')).toBeUndefined()
    store.write('9', { step: 2 })
    expect(store.read('9')).toEqual({ step: 2 })
  })
})
