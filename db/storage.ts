import { eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { perConnection } from './prepared.ts'
import { kv } from './schema.ts'

const p = sql.placeholder
/** Conversations read (and often write) their state on every update. */
const statements = perConnection((db) => ({
  read: db
    .select({ value: kv.value })
    .from(kv)
    .where(eq(kv.key, p('key')))
    .prepare(),
  write: db
    .insert(kv)
    .values({ key: p('key'), value: p('value'), updatedAt: p('updatedAt') })
    .onConflictDoUpdate({ target: kv.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
    .prepare(),
  delete: db
    .delete(kv)
    .where(eq(kv.key, p('key')))
    .prepare(),
}))

/**
 * Every key the table holds, per connection, read once on first use and kept in step by
 * the writes below. The conversations plugin reads its state on every private update, and
 * nearly every client is in no conversation (a finished one deletes its key), so a key
 * not held here is answered without a statement. Only this module writes the table (an
 * erasure deletes rows, which a read then finds gone), and one bot process owns its file.
 */
const presentKeys = perConnection(
  (db) =>
    new Set(
      db
        .select({ key: kv.key })
        .from(kv)
        .all()
        .map((row) => row.key),
    ),
)

/**
 * A grammY StorageAdapter (read/write/delete) over the `kv` table, used for
 * conversation state. Values are JSON; the prefix keeps users of the table apart.
 * Synchronous under the hood (better-sqlite3), so a write is durable before the
 * next update is handled.
 */
export class KvStorage<T> {
  constructor(
    private readonly db: Db,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  read(key: string): T | undefined {
    const full = this.prefix + key
    const present = presentKeys(this.db)
    if (!present.has(full)) return undefined
    const row = statements(this.db).read.get({ key: full })
    if (!row) present.delete(full)
    return row ? (JSON.parse(row.value) as T) : undefined
  }

  write(key: string, value: T): void {
    const full = this.prefix + key
    presentKeys(this.db).add(full)
    statements(this.db).write.run({ key: full, value: JSON.stringify(value), updatedAt: this.now() })
  }

  delete(key: string): void {
    const full = this.prefix + key
    statements(this.db).delete.run({ key: full })
    presentKeys(this.db).delete(full)
  }
}
