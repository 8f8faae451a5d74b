/**
 * `npm run bench -- forget`: how long a client's /forget holds the bot (it runs in one
 * synchronous step: every table and key, the staff-group traces, then emptying the
 * write-ahead log) on a database file of FORGET_CLIENTS clients (10,000 by default; about
 * 31 rows each, test/helpers/population.ts). Baseline in the same run: what every private
 * update costs, a returning client's upsert. Also the erasure with a reader holding the
 * log (a long export on the read worker): it must not wait for that reader.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { upsertClient } from '../db/repositories/clients.ts'
import { parseConfig } from '../src/config.ts'
import { parseContent } from '../src/content/loader.ts'
import { createContentStore } from '../src/content/store.ts'
import { createDeps } from '../src/deps.ts'
import { createLogger } from '../src/logger.ts'
import { latency } from '../test/helpers/latency.ts'
import { seedDatabaseFile } from './scale/seed.ts'

const CLIENTS = Number(process.env.FORGET_CLIENTS ?? 10_000)
const SAMPLES = Number(process.env.FORGET_SAMPLES ?? 200)
const NOW = Date.parse('2026-11-23T09:00:00Z')

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-bench-forget-'))
  try {
    const file = join(dir, 'bench.sqlite')
    const population = seedDatabaseFile(file, CLIENTS, NOW)
    const database = openDatabase(file)
    runMigrations(database)
    const yaml = readFileSync(new URL('../db/seed/web-studio.yaml', import.meta.url), 'utf8')
    const parsed = parseContent(yaml)
    if (!parsed.ok) throw new Error('demo content is invalid')
    const clock = { now: () => NOW }
    const config = parseConfig({
      BOT_TOKEN: '123456789:AAH-bench-token-for-clientdesk-bench-0000',
      STAFF_GROUP_ID: '-1001',
      OWNER_IDS: '1',
      LOG_LEVEL: 'silent',
    })
    const logger = createLogger({ level: 'silent', token: config.BOT_TOKEN })
    const content = createContentStore({ db: database.db, clock }, parsed.content, yaml)
    const deps = createDeps({ config, logger, clock, database, content })

    const alive = population.clients.filter((c) => c.reachable)
    // Every few-th client, spread over the file; those in a handoff have a topic and a card to clear
    const step = Math.max(1, Math.floor(alive.length / (2 * SAMPLES)))
    const chosen = alive.filter((_, i) => i % step === 0).slice(0, 2 * SAMPLES)
    const [toErase, toEraseWithReader] = [chosen.slice(0, SAMPLES), chosen.slice(SAMPLES)]

    const upsert: number[] = []
    for (const c of alive.slice(-SAMPLES)) {
      const started = performance.now()
      upsertClient(
        database.db,
        { telegramId: c.telegramId, firstName: c.firstName, lastName: null, username: null, languageCode: 'ru' },
        NOW,
      )
      upsert.push(performance.now() - started)
    }

    const erase: number[] = []
    for (const c of toErase) {
      const started = performance.now()
      if (!deps.services.erasure.erase(c.id)) throw new Error(`client ${c.id} was not erased`)
      erase.push(performance.now() - started)
    }

    // A reader in the middle of a long read holds the log: the erasure must not wait for it
    const reader = new Database(file, { readonly: true })
    const rows = reader.prepare('select * from messages').iterate()
    rows.next()
    const withReader: number[] = []
    for (const c of toEraseWithReader) {
      const started = performance.now()
      if (!deps.services.erasure.erase(c.id)) throw new Error(`client ${c.id} was not erased`)
      withReader.push(performance.now() - started)
    }
    rows.return?.()
    reader.close()
    database.close()

    const figures = {
      clients: CLIENTS,
      samples: SAMPLES,
      in_handoff: toErase.filter((c) => c.inHandoff).length,
      erase_ms: latency(erase),
      erase_with_reader_ms: latency(withReader),
      upsert_baseline_ms: latency(upsert),
    }
    const ratio = (a: number, b: number) => Number((a / b).toFixed(1))
    console.log(`${CLIENTS} clients, ${SAMPLES} erasures each way (${figures.in_handoff} with a topic)`)
    console.log(
      `  /forget          p50 ${figures.erase_ms.p50} ms  p95 ${figures.erase_ms.p95}  max ${figures.erase_ms.max}`,
    )
    console.log(
      `  with a reader    p50 ${figures.erase_with_reader_ms.p50} ms  p95 ${figures.erase_with_reader_ms.p95}  max ${figures.erase_with_reader_ms.max}`,
    )
    console.log(`  upsert baseline  p50 ${figures.upsert_baseline_ms.p50} ms  p95 ${figures.upsert_baseline_ms.p95}`)
    return {
      ...figures,
      erase_p50_vs_upsert: ratio(figures.erase_ms.p50, figures.upsert_baseline_ms.p50),
      erase_with_reader_p95_vs_without: ratio(figures.erase_with_reader_ms.p95, figures.erase_ms.p95),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
