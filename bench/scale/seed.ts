import { rmSync } from 'node:fs'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { STAFF_GROUP_ID } from '../../test/helpers/harness.ts'
import { type Population, seedPopulation } from '../../test/helpers/population.ts'

/** A fresh database file with `n` clients of the test population (see test/helpers/population.ts). */
export function seedDatabaseFile(path: string, n: number, now: number): Population & { ms: number } {
  const started = performance.now()
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  const handle = openDatabase(path)
  runMigrations(handle)
  // Seeding only: nothing to protect against a crash here
  handle.sqlite.pragma('synchronous = OFF')
  // As in a running bot: a client's topic is in the staff group it was created in
  const population = seedPopulation(handle, n, now, { staffGroupId: STAFF_GROUP_ID })
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  handle.close()
  return { ...population, ms: performance.now() - started }
}
