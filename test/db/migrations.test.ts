import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { KvStorage } from '../../db/storage.ts'

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
