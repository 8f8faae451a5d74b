/**
 * The write-ahead log is checkpointed on a thread of its own, not inside the bot's writes:
 * the bot's connection leaves it alone up to a large safety size, and the keeper empties
 * it once it passes a few MB. A real file and a real thread.
 */
import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/logger.ts'
import { createWalKeeper } from '../../src/services/wal-keeper.ts'
import { createTestDbFile } from '../helpers/db.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A database file, its keeper, and a write of one kv row in a transaction of its own, as the bot makes them. */
function setUp() {
  const handle = createTestDbFile()
  cleanups.push(() => handle.remove())
  const keeper = createWalKeeper({ path: handle.sqlite.name, logger: createLogger({ level: 'silent' }) })
  const say = handle.sqlite.prepare(
    'insert into kv (key, value, updated_at) values (?, ?, 0) on conflict (key) do update set value = excluded.value',
  )
  return { handle, keeper, say }
}

describe('the write-ahead log', () => {
  it("grows past SQLite's usual checkpoint size without the bot's writes copying it, then the thread empties it", async () => {
    const { handle, keeper, say } = setUp()
    const walBytes = () => statSync(`${handle.sqlite.name}-wal`).size
    // About 8 MB of writes in many small transactions, as the bot makes them
    for (let i = 0; i < 2_000; i++) say.run(`bench:${i}`, 'x'.repeat(3_000))
    expect(walBytes()).toBeGreaterThan(8 * 1024 * 1024)

    const result = await keeper.tick()
    expect(result?.busy).toBe(0)
    expect(result?.log).toBeGreaterThan(2_000)
    expect(result?.checkpointed).toBe(result?.log)
    // A log already copied is not copied again while nothing is written
    expect(await keeper.tick()).toBeUndefined()
    // The next write starts the log over, and the emptied file is cut back
    say.run('bench:after', 'y')
    expect(walBytes()).toBeLessThan(64 * 1024)
    expect(await keeper.tick()).toBeUndefined()
    expect(handle.sqlite.prepare("select value from kv where key = 'bench:1999'").get()).toEqual({
      value: 'x'.repeat(3_000),
    })
  })

  it('a round a reader cut short is not followed by another thread at once', async () => {
    const { handle, keeper, say } = setUp()
    for (let i = 0; i < 1_000; i++) say.run(`before:${i}`, 'x'.repeat(3_000))
    // A long read (another connection, as the read worker) holds its snapshot meanwhile
    const reader = new Database(handle.sqlite.name, { readonly: true })
    cleanups.push(() => {
      reader.close()
    })
    reader.exec('begin')
    reader.prepare('select count(*) from kv').get()
    for (let i = 0; i < 1_000; i++) say.run(`during:${i}`, 'x'.repeat(3_000))

    const first = await keeper.tick()
    expect(first?.checkpointed).toBeLessThan(first?.log ?? 0)
    expect(await keeper.tick()).toBeUndefined()
    reader.exec('commit')
  })

  it('stopping waits for the round under way: its thread is out of the database before it is closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    cleanups.push(() => {
      vi.useRealTimers()
    })
    const { keeper, say } = setUp()
    for (let i = 0; i < 2_000; i++) say.run(`k:${i}`, 'x'.repeat(3_000))
    keeper.start()
    vi.advanceTimersByTime(1_000) // the first look: a round begins
    await keeper.stop()
    // That round had ended: the log was copied whole, and nothing is left to copy (a round
    // still under way would not have said so yet, and this look would start another thread)
    expect(await keeper.tick()).toBeUndefined()
  })
})
