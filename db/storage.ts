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
    const row = statements(this.db).read.get({ key: this.prefix + key })
    return row ? (JSON.parse(row.value) as T) : undefined
  }

  write(key: string, value: T): void {
    statements(this.db).write.run({ key: this.prefix + key, value: JSON.stringify(value), updatedAt: this.now() })
  }

  delete(key: string): void {
    statements(this.db).delete.run({ key: this.prefix + key })
  }
}
