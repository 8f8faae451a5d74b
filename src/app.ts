/**
 * The whole running bot, built from settings: database + migrations → content →
 * deps → bot → start-up checks → jobs → outbox → polling or webhook. `main.ts`
 * runs it as the process; the sandbox runs the same thing against its own Bot
 * API server and clock. Problems a person must fix are thrown as `StartupError`
 * with a message that says what to do.
 */
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname } from 'node:path'
import { run } from '@grammyjs/runner'
import Database from 'better-sqlite3'
import { type ApiClientOptions, type Bot, GrammyError, webhookCallback } from 'grammy'
import { type DatabaseHandle, openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { setCommandMenus } from './bot/commands.ts'
import type { BotContext } from './bot/context.ts'
import { markStaffGroupProblemsTold } from './bot/handoff/delivery.ts'
import { createBot } from './bot/index.ts'
import { describeStaffGroup, inspectStaffGroup } from './bot/staff-group-check.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import { ContentError, loadContentStore } from './content/store.ts'
import { createDeps, type Deps } from './deps.ts'
import { createHealth, HEALTH_PATH } from './health.ts'
import { registerJobHandlers } from './jobs/index.ts'
import type { Logger } from './logger.ts'
import { describeFileError } from './text.ts'

/** Update kinds the bot handles; everything else is not even delivered. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const

/** A problem a person must fix before the bot can start; the message says how. */
export class StartupError extends Error {
  override name = 'StartupError'
}

export interface AppOptions {
  config: Config
  logger: Logger
  clock: Clock
  /** Extra Bot API client options (the sandbox's and tests' fetch). */
  client?: ApiClientOptions
}

export interface App {
  bot: Bot<BotContext>
  deps: Deps
  /** Stops receiving updates, lets running work finish (bounded) and closes the database. */
  stop(): Promise<void>
}

/** How long a stop waits for running jobs and deliveries before closing anyway. */
export const SHUTDOWN_GRACE_MS = 30_000

/** What is wrong with the database file, in plain words, or undefined for an error that is not about the file. */
function databaseFileProblem(err: unknown): string | undefined {
  if (err instanceof Database.SqliteError) {
    if (err.code === 'SQLITE_NOTADB') return 'it is not an SQLite database file'
    if (err.code === 'SQLITE_CORRUPT') return 'the database file is damaged — restore it from a backup'
    if (err.code === 'SQLITE_CANTOPEN') return 'the file cannot be opened'
    if (err.code.startsWith('SQLITE_READONLY') || err.code === 'SQLITE_PERM') return 'this user may not write to it'
    if (err.code === 'SQLITE_FULL') return 'the disk is full'
    if (err.code.startsWith('SQLITE_IOERR')) return `a disk error (${err.code})`
    return undefined
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && code.startsWith('E') ? describeFileError(err) : undefined
}

/** Opens and migrates the database; a file the bot cannot use stops start-up with a line naming DATABASE_PATH. */
function openDatabaseAt(path: string): DatabaseHandle {
  let database: DatabaseHandle | undefined
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    database = openDatabase(path)
    runMigrations(database)
    return database
  } catch (err) {
    database?.close()
    const problem = databaseFileProblem(err)
    if (problem) {
      throw new StartupError(
        `DATABASE_PATH "${path}" cannot be used: ${problem} — point it at a file in a folder this user can write to`,
      )
    }
    throw err
  }
}

export async function startApp({ config, logger, clock, client }: AppOptions): Promise<App> {
  const database = openDatabaseAt(config.DATABASE_PATH)
  logger.info({ path: config.DATABASE_PATH }, 'database ready')

  let content: ReturnType<typeof loadContentStore>
  try {
    content = loadContentStore({ db: database.db, clock }, config.CONTENT_PATH)
  } catch (err) {
    database.close()
    if (err instanceof ContentError) throw new StartupError(err.message)
    throw err
  }
  for (const warning of content.warnings) logger.warn(warning)

  const deps = createDeps({ config, logger, clock, database, content: content.store })
  let receiving = () => true
  // Its closures read `bot` and `receiving` only when a report is asked for, after start-up
  const health = createHealth({
    deps,
    checkStaffGroup: () => inspectStaffGroup(bot.api, config.STAFF_GROUP_ID, bot.botInfo.id),
    receiving: () => receiving(),
  })
  const bot = createBot(deps, { ...(client ? { client } : {}), onUpdate: health.updateReceived })
  try {
    await bot.init()
  } catch (err) {
    database.close()
    if (err instanceof GrammyError && err.error_code === 401) {
      throw new StartupError(
        'BOT_TOKEN was rejected by Telegram (401 Unauthorized): copy the token again from @BotFather',
      )
    }
    throw err
  }
  logger.info({ username: bot.botInfo.username }, 'bot authorised')

  const tellOwners = async (text: string) => {
    for (const ownerId of deps.services.staff.owners()) {
      await bot.api
        .sendMessage(ownerId, text)
        .catch((err) => logger.warn({ err, ownerId }, 'could not notify an owner'))
    }
  }

  // Non-essential start-up calls: a failure is a clear warning, clients are still served
  await setCommandMenus(bot.api, {
    i18n: deps.i18n,
    staffGroupId: config.STAFF_GROUP_ID,
    ownerIds: deps.services.staff.owners(),
    logger,
    defaultLocale: config.DEFAULT_LOCALE,
  })
  try {
    const state = await inspectStaffGroup(bot.api, config.STAFF_GROUP_ID, bot.botInfo.id)
    health.staffGroupChecked(state)
    const report = describeStaffGroup((key) => deps.i18n.t(config.DEFAULT_LOCALE, key), state)
    if (report) {
      const found = [...state.problems, ...state.missingRights.map((r) => `no-${r}-rights`)]
      logger.warn({ problems: found }, `staff group ${config.STAFF_GROUP_ID} is not fully set up: ${found.join(', ')}`)
      await tellOwners(report)
      markStaffGroupProblemsTold(deps, state.problems)
    }
  } catch (err) {
    logger.warn({ err }, 'could not check the staff group; handoffs may fail until it is fixed')
  }

  let stopHealth = async () => {}
  if (config.HEALTH_PORT) {
    try {
      stopHealth = await health.listen(config.HEALTH_PORT, config.HEALTH_HOST)
    } catch (err) {
      database.close()
      throw new StartupError(
        `HEALTH_PORT ${config.HEALTH_PORT} cannot be used on ${config.HEALTH_HOST}: ${(err as Error).message} — pick another port, or leave it empty`,
      )
    }
    logger.info({ port: config.HEALTH_PORT, host: config.HEALTH_HOST }, `health: GET ${HEALTH_PATH} listening`)
  }

  registerJobHandlers(deps, bot.api)
  // The daily sweep (re-engagement, birthdays) re-arms itself; this covers a first start or a long stop.
  deps.services.followups.ensureSweepScheduled()
  void deps.scheduler.start().then((n) => n > 0 && logger.info({ jobs: n }, 'caught up on overdue jobs'))
  // Messages queued for the staff group (or a client) before a restart go out now, in order
  deps.services.outbox.start()

  const stopWatching = deps.content.watchFile(config.CONTENT_PATH, (result) => {
    if (result.ok) logger.info('content file changed: new content applied')
    else {
      logger.warn(`content file changed but is invalid, kept the last good content:\n${result.report}`)
      void tellOwners(deps.i18n.t(config.DEFAULT_LOCALE, 'content-invalid', { report: result.report }))
    }
  })

  let stopReceiving: () => Promise<void>
  if (config.WEBHOOK_URL) {
    // Telegram wants an answer within ~10 s; a slower update (a 429 wait, a big upload)
    // is answered at once and goes on in the background instead of failing the request
    const handle = webhookCallback(bot, 'http', { secretToken: config.WEBHOOK_SECRET, onTimeout: 'return' })
    const path = new URL(config.WEBHOOK_URL).pathname
    const server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === path) {
        return void handle(req, res).catch((err) => logger.error({ err }, 'webhook request failed'))
      }
      if (health.handle(req, res)) return
      res.statusCode = 404
      res.end()
    })
    await new Promise<void>((resolve) => server.listen(config.WEBHOOK_PORT, config.WEBHOOK_HOST, resolve))
    await bot.api.setWebhook(config.WEBHOOK_URL, {
      secret_token: config.WEBHOOK_SECRET,
      allowed_updates: [...ALLOWED_UPDATES],
    })
    logger.info({ port: config.WEBHOOK_PORT, path }, 'webhook mode: listening')
    stopReceiving = () => new Promise((resolve) => server.close(() => resolve()))
  } else {
    // A webhook left from an earlier deployment would make getUpdates fail
    await bot.api.deleteWebhook()
    // grammY's runner handles chats concurrently (sequentialize keeps each chat in order),
    // so one update waiting out a 429 never freezes every other client
    const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } })
    receiving = () => runner.isRunning()
    logger.info('long polling: started')
    stopReceiving = () => runner.stop()
  }

  let stopped: Promise<void> | undefined
  return {
    bot,
    deps,
    stop() {
      stopped ??= (async () => {
        await stopReceiving()
        await stopHealth()
        stopWatching()
        // A handler stuck on the network must not hold the process forever
        await Promise.race([
          Promise.all([deps.scheduler.stop(), deps.services.outbox.stop(), deps.services.broadcasts.worker()?.stop()]),
          new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
        ])
        database.close()
      })()
      return stopped
    },
  }
}
