import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DatabaseHandle, openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'

/** A fresh in-memory SQLite database with the real migrations applied. */
export function createTestDb(): DatabaseHandle {
  const handle = openDatabase(':memory:')
  runMigrations(handle)
  return handle
}

/**
 * A fresh database file with the real migrations applied, for what needs a second
 * connection (the read worker). `remove()` closes it and deletes the file.
 */
export function createTestDbFile(): DatabaseHandle & { remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-test-'))
  const handle = openDatabase(join(dir, 'test.sqlite'))
  runMigrations(handle)
  return {
    ...handle,
    remove() {
      handle.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
