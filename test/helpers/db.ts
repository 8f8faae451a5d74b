import { type DatabaseHandle, openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'

/** A fresh in-memory SQLite database with the real migrations applied. */
export function createTestDb(): DatabaseHandle {
  const handle = openDatabase(':memory:')
  runMigrations(handle)
  return handle
}
