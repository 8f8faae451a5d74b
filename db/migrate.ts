import { fileURLToPath } from 'node:url'
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

/** `user_version` from which the file's free space holds nothing deleted (secure_delete, db/client.ts). */
const FREE_SPACE_CLEAR = 1

/**
 * A database from before `secure_delete` may still hold deleted data (what /forget
 * erased among it) in its free space: it is rewritten once, with VACUUM, on the first
 * start after the upgrade (it takes a while on a large file), and marked done. A new
 * database never had anything deleted.
 */
function clearFreeSpaceOnce(handle: DatabaseHandle, existed: boolean): void {
  const { sqlite } = handle
  if ((sqlite.pragma('user_version', { simple: true }) as number) >= FREE_SPACE_CLEAR) return
  if (existed) {
    sqlite.exec('VACUUM')
    truncateWal(sqlite)
  }
  sqlite.pragma(`user_version = ${FREE_SPACE_CLEAR}`)
}

/** How many migrations drizzle has recorded as applied (0 on a new database). */
function appliedMigrations({ sqlite }: DatabaseHandle): number {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
  if (!table.get()) return 0
  return (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
}
