import { fileURLToPath } from 'node:url'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { type DatabaseHandle, openDatabase } from './client.ts'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Applies the committed drizzle-kit migrations; running it again changes nothing.
 * drizzle runs them inside a transaction, where `PRAGMA foreign_keys` is a no-op,
 * so foreign keys are switched off on the connection around it (table rebuilds
 * would otherwise cascade) and checked afterwards. Another folder is for tests
 * that stop at an older migration.
 */
export function runMigrations(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER): void {
  const { sqlite, db } = handle
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder })
    const violations = sqlite.pragma('foreign_key_check') as unknown[]
    if (violations.length > 0) {
      throw new Error(`Migration left ${violations.length} foreign key violation(s)`)
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}

// `npm run db:migrate [path]`: apply migrations to a database file without starting the bot.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = process.argv[2] ?? 'data/clientdesk.sqlite'
  const handle = openDatabase(path)
  runMigrations(handle)
  handle.close()
  console.log(`Migrations applied to ${path}`)
}
