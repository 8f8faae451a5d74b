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

/** How a statement is executed. */
export type StatementMethod = 'get' | 'all' | 'run' | 'iterate'

/**
 * Runs `around` in place of every execution of the statements prepared on this connection
 * from now on (the repositories prepare theirs on first use), with the statement's SQL and
 * the execution itself to call: how tests and benches count and time the queries asked.
 */
export function aroundStatements(
  sqlite: Database.Database,
  around: (source: string, method: StatementMethod, execute: () => unknown) => unknown,
): void {
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    for (const method of ['get', 'all', 'run', 'iterate'] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown
      ;(statement as unknown as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        return around(source, method, () => original.apply(this, args))
      }
    }
    return statement
  }) as typeof sqlite.prepare
}

/**
 * The SQL of every statement prepared on this connection from now on (the list grows as
 * they are): a path whose queries are all prepared once per connection adds none the
 * second time it runs.
 */
export function statementsBuilt(sqlite: Database.Database): string[] {
  const built: string[] = []
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    built.push(source)
    return prepare(source)
  }) as typeof sqlite.prepare
  return built
}

/**
 * Counts how many times statements whose SQL matches `pattern` run `method` from now on:
 * what a test asserts to say a query was, or was not, asked.
 */
export function countRuns(sqlite: Database.Database, pattern: RegExp, method: StatementMethod = 'get'): () => number {
  let runs = 0
  aroundStatements(sqlite, (source, m, execute) => {
    if (m === method && pattern.test(source)) runs++
    return execute()
  })
  return () => runs
}
