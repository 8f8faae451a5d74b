import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
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

/**
 * Counts how many times statements whose SQL matches `pattern` run `method` on this
 * connection from now on (statements prepared later: the repositories prepare theirs on
 * first use): what a test asserts to say a query was, or was not, asked.
 */
export function countRuns(
  sqlite: Database.Database,
  pattern: RegExp,
  method: 'get' | 'all' | 'run' = 'get',
): () => number {
  let runs = 0
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    if (pattern.test(source)) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown
      ;(statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        runs++
        return original(...args)
      }
    }
    return statement
  }) as typeof sqlite.prepare
  return () => runs
}
