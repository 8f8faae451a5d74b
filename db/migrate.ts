import { fileURLToPath } from 'node:url'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { type DatabaseHandle, openDatabase } from './client.ts'

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
    if (applied() === before) return
    const violations = sqlite.pragma('foreign_key_check') as unknown[]
    if (violations.length > 0) {
      throw new Error(`Migration left ${violations.length} foreign key violation(s)`)
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}

/** How many migrations drizzle has recorded as applied (0 on a new database). */
function appliedMigrations({ sqlite }: DatabaseHandle): number {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
  if (!table.get()) return 0
  return (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
}

// `npm run db:migrate [path]`: apply migrations to a database file without starting the bot.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = process.argv[2] ?? 'data/clientdesk.sqlite'
  const handle = openDatabase(path)
  runMigrations(handle)
  handle.close()
  console.log(`Migrations applied to ${path}`)
}
