import { eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { kv } from './schema.ts'

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
    const row = this.db
      .select({ value: kv.value })
      .from(kv)
      .where(eq(kv.key, this.prefix + key))
      .get()
    return row ? (JSON.parse(row.value) as T) : undefined
  }

  write(key: string, value: T): void {
    const k = this.prefix + key
    const v = JSON.stringify(value)
    const updatedAt = this.now()
    this.db
      .insert(kv)
      .values({ key: k, value: v, updatedAt })
      .onConflictDoUpdate({ target: kv.key, set: { value: v, updatedAt } })
      .run()
  }

  delete(key: string): void {
    this.db
      .delete(kv)
      .where(eq(kv.key, this.prefix + key))
      .run()
  }
}
