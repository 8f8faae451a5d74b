/**
 * The only process entry: config → logger → database + migrations → content →
 * deps → bot → jobs → polling or webhook → graceful shutdown.
 */
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname } from 'node:path'
import { run } from '@grammyjs/runner'
import { GrammyError, webhookCallback } from 'grammy'
import { openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { setCommandMenus } from './bot/commands.ts'
import { markStaffGroupProblemsTold } from './bot/handoff/delivery.ts'
import { createBot } from './bot/index.ts'
import { checkStaffGroup } from './bot/staff-group-check.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { ContentError, loadContentStore } from './content/store.ts'
import { createDeps } from './deps.ts'
import { registerJobHandlers } from './jobs/index.ts'
import { createLogger } from './logger.ts'

/** Update kinds the bot handles; everything else is not even delivered. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const logger = createLogger({ level: config.LOG_LEVEL, token: config.BOT_TOKEN })

  if (config.DATABASE_PATH !== ':memory:') mkdirSync(dirname(config.DATABASE_PATH), { recursive: true })
  const database = openDatabase(config.DATABASE_PATH)
  runMigrations(database)
  logger.info({ path: config.DATABASE_PATH }, 'database ready')

  let content: ReturnType<typeof loadContentStore>
  try {
    content = loadContentStore({ db: database.db, clock: systemClock }, config.CONTENT_PATH)
  } catch (err) {
    if (err instanceof ContentError) {
      logger.fatal(err.message)
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  for (const warning of content.warnings) logger.warn(warning)

  const deps = createDeps({ config, logger, clock: systemClock, database, content: content.store })
  const bot = createBot(deps)
  try {
    await bot.init()
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 401) {
      const message = 'BOT_TOKEN was rejected by Telegram (401 Unauthorized): copy the token again from @BotFather'
      logger.fatal(message)
      console.error(message)
      process.exit(1)
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
    const problems = await checkStaffGroup(bot.api, config.STAFF_GROUP_ID, bot.botInfo.id)
    if (problems.length > 0) {
      const locale = config.DEFAULT_LOCALE
      const lines = problems.map((p) => deps.i18n.t(locale, `staff-check-${p}`))
      logger.warn({ problems }, `staff group ${config.STAFF_GROUP_ID} is not ready: ${problems.join(', ')}`)
      await tellOwners([deps.i18n.t(locale, 'staff-check-title'), ...lines].join('\n\n'))
      markStaffGroupProblemsTold(deps, problems)
    }
  } catch (err) {
    logger.warn({ err }, 'could not check the staff group; handoffs may fail until it is fixed')
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
    logger.info('long polling: started')
    stopReceiving = () => runner.stop()
  }

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: no new updates, letting running jobs finish')
    await stopReceiving()
    stopWatching()
    // A handler stuck on the network must not hold the process forever
    const SHUTDOWN_GRACE_MS = 30_000
    await Promise.race([
      Promise.all([deps.scheduler.stop(), deps.services.outbox.stop(), deps.services.broadcasts.worker()?.stop()]),
      new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
    ])
    database.close()
    logger.info('stopped cleanly')
    logger.flush()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((err) => {
  console.error('Fatal error during start-up:', err instanceof Error ? err.message : err)
  process.exit(1)
})
