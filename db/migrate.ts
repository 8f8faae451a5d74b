import { fileURLToPath } from 'node:url'
import type Database from 'better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { type DatabaseHandle, truncateWal } from './client.ts'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Applies the committed drizzle-kit migrations; running it again changes nothing.
 * drizzle runs them inside a transaction, where `PRAGMA foreign_keys` is a no-op,
 * so foreign keys are switched off on the connection around it (table rebuilds
 * would otherwise cascade) and checked afterwards — only when a migration ran: the
 * check reads every table, which takes seconds on a large database at every start.
 * Another folder is for tests that stop at an older migration.
 */
export function runMigrations(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER): void {
  const { sqlite, db } = handle
  const applied = () => appliedMigrations(handle)
  const before = applied()
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder })
    if (applied() !== before) {
      const violations = sqlite.pragma('foreign_key_check') as unknown[]
      if (violations.length > 0) {
        throw new Error(`Migration left ${violations.length} foreign key violation(s)`)
      }
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
  clearFreeSpaceOnce(handle, before > 0)
}

/**
 * One-time chores done on this database file, as bits of `user_version` (an integer in the
 * file's header: a mark without a table). Each runs at the first start that has it and is
 * marked done then; bits, not a count, so chores added later need not run in any order.
 */
export const ONCE = {
  /** The file's free space holds nothing deleted (secure_delete, db/client.ts). */
  freeSpaceCleared: 1,
  /** `product_titles` has the titles of the content versions saved before it (src/content/store.ts). */
  productTitlesFilled: 2,
  /** `orders.due_date` is filled from `due_at` of the orders from before it (src/services/orders.ts). */
  dueDatesFilled: 4,
} as const

export function doneOnce(sqlite: Database.Database, chore: number): boolean {
  return ((sqlite.pragma('user_version', { simple: true }) as number) & chore) !== 0
}

export function markDoneOnce(sqlite: Database.Database, chore: number): void {
  const done = sqlite.pragma('user_version', { simple: true }) as number
  sqlite.pragma(`user_version = ${done | chore}`)
}

/**
 * A database from before `secure_delete` may still hold deleted data (what /forget
 * erased among it) in its free space: it is rewritten once, with VACUUM, on the first
 * start after the upgrade (it takes a while on a large file), and marked done. A new
 * database never had anything deleted.
 */
function clearFreeSpaceOnce(handle: DatabaseHandle, existed: boolean): void {
  const { sqlite } = handle
  if (doneOnce(sqlite, ONCE.freeSpaceCleared)) return
  if (existed) {
    sqlite.exec('VACUUM')
    truncateWal(sqlite)
  }
  markDoneOnce(sqlite, ONCE.freeSpaceCleared)
}

/** How many migrations drizzle has recorded as applied (0 on a new database). */
function appliedMigrations({ sqlite }: DatabaseHandle): number {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
  if (!table.get()) return 0
  return (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
}
