import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import * as schema from './schema.ts'

/** The drizzle database; `$client` is its better-sqlite3 connection (for raw prepared statements). */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export interface DatabaseHandle {
  /** The raw connection: for pragmas, backups and synchronous transactions. */
  sqlite: Database.Database
  db: Db
  close(): void
}

/**
 * Opens the SQLite file (":memory:" for tests) with the pragmas the bot relies on:
 * WAL so readers never block the writer, foreign keys on, and a busy timeout so a
 * second process (a CLI, a backup) waits instead of failing at once. `readonly`: a
 * second connection for long reads in a worker thread (WAL lets it read while the
 * bot writes).
 */
export function openDatabase(path: string, { readonly = false }: { readonly?: boolean } = {}): DatabaseHandle {
  const sqlite = new Database(path, { readonly })
  if (!readonly) {
    if (path !== ':memory:') sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = NORMAL')
  }
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  return {
    sqlite,
    db,
    close: () => {
      if (sqlite.open) sqlite.close()
    },
  }
}
