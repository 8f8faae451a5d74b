/**
 * The whole running bot, built from settings: database + migrations → content →
 * deps → bot → start-up checks → polling or webhook → jobs → outbox. `main.ts`
 * runs it as the process; the sandbox runs the same thing against its own Bot
 * API server and clock. Problems a person must fix are thrown as `StartupError`
 * with a message that says what to do.
 */
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname } from 'node:path'
import { run } from '@grammyjs/runner'
import Database from 'better-sqlite3'
import { type ApiClientOptions, type Bot, GrammyError, HttpError, webhookCallback } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { type DatabaseHandle, isBusyError, openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { menusAfterContent, setCommandMenus, setOwnerMenus } from './bot/commands.ts'
import {
  type ContentSwap,
  contentFixedNotice,
  contentInvalidNotice,
  contentUploadReplacedNotice,
} from './bot/content-notice.ts'
import type { BotContext } from './bot/context.ts'
import { createUpdatesInFlight } from './bot/in-flight.ts'
import { createBot } from './bot/index.ts'
import { describeStaffGroup, inspectStaffGroup, reportUnknownRuleGroups } from './bot/staff-group-check.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { ContentIssue } from './content/loader.ts'
import { ContentError, loadContentStore, type ReplacedUpload } from './content/store.ts'
import { createDeps, type Deps } from './deps.ts'
import { createHealth, HEALTH_PATH } from './health.ts'
import { closableServer } from './http-server.ts'
import { registerJobHandlers } from './jobs/index.ts'
import type { Logger } from './logger.ts'
import { describeFileError } from './text.ts'

/** Update kinds the bot handles; everything else is not even delivered. */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
  // Payments inside Telegram: without it every checkout times out
  'pre_checkout_query',
  // Telegram Business: the owner's own account connected to the bot, and its chats with clients
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
] as const

/** Where the Bot API is when BOT_API_ROOT is not set (grammY's default too). */
const TELEGRAM_API_ROOT = 'https://api.telegram.org'

/** How often a webhook bot asks Telegram whether updates reach it, and how recent an error counts. */
const WEBHOOK_CHECK_MS = 60_000
const WEBHOOK_ERROR_RECENT_MS = 10 * 60_000

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
  /** Stops a start-up that is still waiting for Telegram (a signal during the retries). */
  signal?: AbortSignal
  /**
   * Receiving updates stopped for good (another instance polls with the token, or polling
   * failed past its retries). The message says what happened; the process should stop.
   */
  onFatal?: (message: string) => void
}

export interface App {
  bot: Bot<BotContext>
  deps: Deps
  /** Stops receiving updates, lets running work finish (bounded) and closes the database. */
  stop(): Promise<void>
}

/**
 * How long a stop waits, in all, for the updates being handled and then for running jobs and
 * deliveries before closing anyway.
 */
export const SHUTDOWN_GRACE_MS = 30_000
/** The first contact with Telegram gives up on one try after this long (a silently dropped route). */
const FIRST_CONTACT_TIMEOUT_MS = 20_000
/** Then it tries again every so often, growing to this. */
const FIRST_CONTACT_RETRY_MAX_MS = 60_000
/** A polling outage is logged when it starts, then again this often while it lasts. */
const POLLING_WARN_EVERY_MS = 60_000

export const CONFLICT_MESSAGE =
  'Another instance is polling with this token: stop it, or use webhook mode (WEBHOOK_URL). This one stops now.'

/**
 * Asks Telegram who the bot is. No answer (no route, DNS, a firewall): one clear line
 * that names what to check, then the same question again with a warning each time,
 * until it works or the start-up is stopped. A rejected token stops the start-up.
 */
async function firstContact(
  bot: Bot<BotContext>,
  { config, logger, signal }: Pick<AppOptions, 'config' | 'logger' | 'signal'>,
): Promise<UserFromGetMe> {
  const root = config.BOT_API_ROOT ?? TELEGRAM_API_ROOT
  let delay = 5_000
  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(FIRST_CONTACT_TIMEOUT_MS)
    try {
      const both = signal ? AbortSignal.any([signal, timeout]) : timeout
      // grammY types the signal with its own shim; the platform's is what it gets on Node
      return await bot.api.getMe(both as Parameters<typeof bot.api.getMe>[0])
    } catch (err) {
      if (err instanceof GrammyError && err.error_code === 401) {
        throw new StartupError(
          'BOT_TOKEN was rejected by Telegram (401 Unauthorized): copy the token again from @BotFather',
        )
      }
      if (signal?.aborted) throw new StartupError('stopped before Telegram could be reached')
      if (!(err instanceof HttpError) && !(err instanceof GrammyError && err.error_code >= 500)) throw err
      if (attempt === 1) logger.error(`Cannot reach Telegram at ${root} (${failureCause(err)}). ${CHECK_NETWORK}.`)
      logger.warn({ attempt, retryInS: delay / 1000 }, 'still no answer from Telegram: trying again')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay)
        signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          resolve()
        })
      })
      if (signal?.aborted) throw new StartupError('stopped before Telegram could be reached')
      delay = Math.min(delay * 2, FIRST_CONTACT_RETRY_MAX_MS)
    }
  }
}

/** What to check when Telegram cannot be reached. */
const CHECK_NETWORK =
  "Check this machine's network and firewall; where Telegram is blocked, use a proxy or a local Bot API server and set BOT_API_ROOT to it"

/**
 * Why a call to Telegram failed, in its own words: the network's error (its message names the
 * request's URL, token included: main.ts and the logger scrub it) or Telegram's answer.
 */
function failureCause(err: GrammyError | HttpError): string {
  if (err instanceof GrammyError) return `${err.error_code}: ${err.description}`
  return err.error instanceof Error ? err.error.message : String(err.error)
}

/**
 * Long polling needs the webhook gone, and Telegram would not remove it: what failed, Telegram's
 * answer and what to check, in one line. The bot does not retry (a token rejected now stays
 * rejected); a service manager starts it again.
 */
function webhookNotRemoved(err: GrammyError | HttpError, root: string): string {
  const failed = 'Cannot start long polling:'
  if (err instanceof HttpError) {
    return `${failed} Telegram could not be reached at ${root} to remove the webhook (${failureCause(err)}). ${CHECK_NETWORK}`
  }
  const answer = failureCause(err)
  // 404: what Telegram answers for a token that was never valid
  if (err.error_code === 401 || err.error_code === 404) {
    return `${failed} Telegram refused to remove the webhook (${answer}): it no longer accepts BOT_TOKEN — was the token revoked? copy the token again from @BotFather into BOT_TOKEN`
  }
  if (err.error_code >= 500) {
    return `${failed} Telegram failed to remove the webhook (${answer}): Telegram (or the Bot API server at ${root}) has trouble — start the bot again in a few minutes`
  }
  return `${failed} Telegram refused to remove the webhook (${answer}) — check BOT_TOKEN and BOT_API_ROOT`
}

/**
 * Logs polling trouble that the runner retries by itself: once when it starts, then
 * once a minute, and when it is over. A 409 is left to the runner, which stops on it.
 */
function watchPolling(bot: Bot<BotContext>, logger: Logger): void {
  let troubleSince: number | undefined
  let warnedAt = 0
  const trouble = (detail: string) => {
    const now = Date.now()
    troubleSince ??= now
    if (now - warnedAt >= POLLING_WARN_EVERY_MS) {
      warnedAt = now
      logger.warn(
        { sinceS: Math.round((now - troubleSince) / 1000) },
        `polling for updates failed: ${detail}; retrying`,
      )
    }
  }
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal)
    try {
      const res = await prev(method, payload, signal)
      if (!res.ok && res.error_code !== 409) trouble(`${res.error_code} ${res.description}`)
      else if (res.ok && troubleSince !== undefined) {
        logger.info({ afterS: Math.round((Date.now() - troubleSince) / 1000) }, 'polling for updates works again')
        troubleSince = undefined
        warnedAt = 0
      }
      return res
    } catch (err) {
      if (!signal?.aborted) trouble(err instanceof Error ? err.message : String(err))
      throw err
    }
  })
}

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
export function openDatabaseAt(path: string): DatabaseHandle {
  let database: DatabaseHandle | undefined
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    database = openDatabase(path)
    runMigrations(database)
    return database
  } catch (err) {
    database?.close()
    // Waited for (busy_timeout) and still held: a migration cannot run under another writer
    if (isBusyError(err)) {
      throw new StartupError(
        `DATABASE_PATH "${path}" is locked by another process (another copy of the bot, or a migration or backup still running) — stop it, then start again`,
      )
    }
    const problem = databaseFileProblem(err)
    if (problem) {
      throw new StartupError(
        `DATABASE_PATH "${path}" cannot be used: ${problem} — point it at a file in a folder this user can write to`,
      )
    }
    throw err
  }
}

/** Whether `work` settled by the deadline (epoch ms); it is not waited for any longer. */
async function settledBy(work: unknown, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))
  })
  try {
    return await Promise.race([Promise.resolve(work).then(() => true as const), late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * What a start-up has started so far. When a later step fails, all of it is stopped, newest first
 * — the servers before the updates they let in, those before the read worker and the database
 * they use — each within what is left of one grace period, so a failed start-up leaves no
 * thread, timer, port or open file behind to hold the process (the sandbox runs on after one).
 */
function startedParts(logger: Logger) {
  const parts: { name: string; stop: (deadline: number) => unknown }[] = []
  return {
    /** Records what was just started, and how it stops by a deadline (epoch ms). */
    add(name: string, stop: (deadline: number) => unknown): void {
      parts.push({ name, stop })
    },
    async stopAll(): Promise<void> {
      const deadline = Date.now() + SHUTDOWN_GRACE_MS
      for (const { name, stop } of parts.splice(0).reverse()) {
        try {
          if (!(await settledBy(stop(deadline), deadline))) {
            logger.warn(`start-up failed: ${name} did not stop within the grace period`)
          }
        } catch (err) {
          // The start-up's own error is the one that matters; this one is only logged
          logger.warn({ err }, `start-up failed: could not stop ${name}`)
        }
      }
    },
  }
}

export async function startApp(options: AppOptions): Promise<App> {
  const started = startedParts(options.logger)
  try {
    return await start(options, started)
  } catch (err) {
    await started.stopAll()
    throw err
  }
}

/** The start-up's steps; each records in `started` what it started, for `startApp` to stop should a later one fail. */
async function start(
  { config, logger, clock, client, signal, onFatal }: AppOptions,
  started: ReturnType<typeof startedParts>,
): Promise<App> {
  const database = openDatabaseAt(config.DATABASE_PATH)
  started.add('the database', () => database.close())
  logger.info({ path: config.DATABASE_PATH }, 'database ready')

  let content: ReturnType<typeof loadContentStore>
  try {
    content = loadContentStore({ db: database.db, clock }, config.CONTENT_PATH)
  } catch (err) {
    if (err instanceof ContentError) throw new StartupError(err.message)
    throw err
  }
  for (const warning of content.warnings) logger.warn(warning)

  const deps = createDeps({ config, logger, clock, database, content: content.store })
  // Its thread starts with the first long read: an update that comes during start-up (webhook
  // mode) or a catch-up job can start it
  started.add('the read worker', () => deps.reads.stop())
  let receiving = () => true
  // Its closures read `bot` and `receiving` only when a report is asked for, after start-up
  const health = createHealth({
    deps,
    checkStaffGroup: (groupId) => inspectStaffGroup(bot.api, groupId, bot.botInfo.id),
    receiving: () => receiving(),
  })
  // A stop lets the updates being handled finish before it closes the database
  const inFlight = createUpdatesInFlight()
  /** The newest update that reached the bot: a stop tells Telegram it was received. */
  let lastUpdateId: number | undefined
  const bot = createBot(deps, {
    ...(client ? { client } : {}),
    onUpdate: (updateId) => {
      lastUpdateId = Math.max(lastUpdateId ?? updateId, updateId)
      health.updateReceived()
      return inFlight.start()
    },
  })
  // Updates taken before a later step fails (the last run's webhook still points here) finish
  // and are answered on an open database, as at a stop: Telegram would send an unanswered one again
  started.add('the updates being handled', (deadline) => inFlight.settled(deadline))
  bot.botInfo = await firstContact(bot, { config, logger, signal })
  logger.info({ username: bot.botInfo.username }, 'bot authorised')

  /** A text for every owner, written for each (in their language). */
  const tellOwners = async (textFor: (ownerId: number) => string) => {
    for (const ownerId of deps.services.staff.owners()) {
      await bot.api
        .sendMessage(ownerId, textFor(ownerId))
        // Not the owner's id: no person's Telegram id goes into the logs (src/logger.ts)
        .catch((err) => logger.warn({ err }, 'could not notify an owner'))
    }
  }

  // Non-essential start-up calls: a failure is a clear warning, clients are still served
  await setCommandMenus(bot.api, deps)
  await setOwnerMenus(bot.api, deps)
  // Each staff group is checked: one that is not ready is explained to the owners, the others work
  for (const groupId of config.STAFF_GROUP_IDS) {
    try {
      const state = await inspectStaffGroup(bot.api, groupId, bot.botInfo.id)
      health.staffGroupChecked(groupId, state)
      const report = describeStaffGroup(groupId, state, config.STAFF_GROUP_IDS)
      if (report.length > 0) {
        const found = [...state.problems, ...state.missingRights.map((r) => `no-${r}-rights`)]
        logger.warn({ problems: found }, `staff group ${groupId} is not fully set up: ${found.join(', ')}`)
        // Queued like the same report when the group breaks later: it goes out once the outbox starts
        deps.services.handoff.notifyOwners(report)
        // Told: a handoff that meets the same problem does not tell them again
        deps.services.handoff.topics.newProblems(groupId, state.problems)
      }
    } catch (err) {
      logger.warn({ err, groupId }, 'could not check the staff group; handoffs may fail until it is fixed')
    }
  }
  reportUnknownRuleGroups(deps, logger)

  let stopHealth = async (_deadline: number) => {}
  if (config.HEALTH_PORT) {
    try {
      stopHealth = await health.listen(config.HEALTH_PORT, config.HEALTH_HOST)
    } catch (err) {
      throw new StartupError(
        `HEALTH_PORT ${config.HEALTH_PORT} cannot be used on ${config.HEALTH_HOST}: ${(err as Error).message} — pick another port, or leave it empty`,
      )
    }
    started.add('the health listener', stopHealth)
    logger.info({ port: config.HEALTH_PORT, host: config.HEALTH_HOST }, `health: GET ${HEALTH_PATH} listening`)
  }

  // The jobs' handlers and the broadcast worker are in place before an update can come (one may
  // confirm a broadcast); nothing of theirs runs until the background starts, below
  const jobs = registerJobHandlers(deps, bot.apis)
  // Topics an earlier version closed at every closed request: reopened when the group is quiet
  const reopened = deps.services.topicStatus.reopenClosedByBot()
  if (reopened > 0) logger.info({ topics: reopened }, 'topics closed by an earlier version queued to reopen')
  // One may run before the background starts: an owner confirms it during start-up
  started.add('the broadcasts', () => deps.services.broadcasts.worker()?.stop())
  // Updates are set up to come before anything that sends in the background starts (jobs,
  // broadcasts, the outbox): a setting Telegram refuses stops the start-up with no delivery
  // under way to cut short. An update that comes meanwhile is answered as ever; what it
  // leaves for the background is written down and goes out once that starts, just below
  /** Stops taking updates; what it waits for (the webhook's answers being sent) ends by the deadline. */
  let stopReceiving: (deadline: number) => Promise<void>
  /** Long polling: tells Telegram, at the stop, that the updates taken were handled (a webhook's answer says so). */
  let confirmReceived = async () => {}
  if (config.WEBHOOK_URL) {
    // Telegram wants an answer within ~10 s; a slower update (a 429 wait, a big upload)
    // is answered at once and goes on in the background instead of failing the request
    const handle = webhookCallback(bot, 'http', { secretToken: config.WEBHOOK_SECRET, onTimeout: 'return' })
    // Telegram posts to the URL as given, query string included (`/hook?bot=shop`)
    const hook = new URL(config.WEBHOOK_URL)
    const path = hook.pathname + hook.search
    const server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === path) {
        return void handle(req, res).catch((err) => logger.error({ err }, 'webhook request failed'))
      }
      if (health.handle(req, res)) return
      res.statusCode = 404
      res.end()
    })
    const closeServer = closableServer(server)
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.WEBHOOK_PORT, config.WEBHOOK_HOST, () => {
          server.off('error', reject)
          resolve()
        })
      })
    } catch (err) {
      // A port in use is a setting to fix, not a crash: say which setting
      throw new StartupError(
        `WEBHOOK_PORT ${config.WEBHOOK_PORT} cannot be used on ${config.WEBHOOK_HOST}: ${(err as Error).message} — stop what uses it or pick another port`,
      )
    }
    started.add('the webhook server', closeServer)
    try {
      await bot.api.setWebhook(config.WEBHOOK_URL, {
        secret_token: config.WEBHOOK_SECRET,
        allowed_updates: [...ALLOWED_UPDATES],
      })
    } catch (err) {
      // Telegram's answer (a port it does not deliver to, a host it cannot resolve) is a
      // setting to fix too; the URL is not quoted, since people put the bot token in its path
      if (err instanceof GrammyError) {
        throw new StartupError(
          `WEBHOOK_URL was refused by Telegram (${err.description}) — it must be a public https:// address Telegram can reach, on port 443, 80, 88 or 8443`,
        )
      }
      throw err
    }
    logger.info({ port: config.WEBHOOK_PORT, path }, 'webhook mode: listening')
    // Updates that stop coming (an expired certificate at the proxy, the webhook deleted or
    // moved by another copy) leave no trace here: only Telegram knows. It is asked every minute.
    let webhookReaches = true
    const checkWebhook = async () => {
      try {
        const info = await bot.api.getWebhookInfo()
        const failing =
          info.last_error_date !== undefined &&
          info.pending_update_count > 0 &&
          info.last_error_date * 1000 > clock.now() - WEBHOOK_ERROR_RECENT_MS
        const reaches = info.url === config.WEBHOOK_URL && !failing
        if (webhookReaches && !reaches) {
          logger.error(
            { url: info.url === config.WEBHOOK_URL ? 'ours' : 'another', pending: info.pending_update_count },
            `Telegram cannot deliver updates to the webhook: ${info.url === config.WEBHOOK_URL ? info.last_error_message : 'it is set to another address (another copy of the bot?)'}`,
          )
        }
        webhookReaches = reaches
      } catch (err) {
        logger.warn({ err }, 'could not ask Telegram about the webhook')
      }
    }
    const webhookTimer = setInterval(() => void checkWebhook(), WEBHOOK_CHECK_MS)
    webhookTimer.unref()
    started.add("the webhook's check", () => clearInterval(webhookTimer))
    void checkWebhook()
    receiving = () => webhookReaches
    stopReceiving = (deadline) => {
      clearInterval(webhookTimer)
      return closeServer(deadline)
    }
  } else {
    // A webhook left from an earlier deployment would make getUpdates fail
    try {
      await bot.api.deleteWebhook()
    } catch (err) {
      if (!(err instanceof GrammyError || err instanceof HttpError)) throw err
      throw new StartupError(webhookNotRemoved(err, config.BOT_API_ROOT ?? TELEGRAM_API_ROOT))
    }
    // grammY's runner handles chats concurrently (sequentialize keeps each chat in order),
    // so one update waiting out a 429 never freezes every other client
    watchPolling(bot, logger)
    const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true } })
    receiving = () => runner.isRunning()
    stopReceiving = async () => {
      if (runner.isRunning()) await runner.stop()
    }
    started.add('long polling', stopReceiving)
    logger.info('long polling: started')
    // The runner stops for good on a 409 (another instance polls) or after retrying for hours
    void runner.task()?.catch((err: unknown) => {
      const conflict = err instanceof GrammyError && err.error_code === 409
      const message = conflict
        ? CONFLICT_MESSAGE
        : `Polling for updates stopped: ${err instanceof Error ? err.message : String(err)}`
      logger.fatal({ err }, message)
      onFatal?.(message)
    })
    // The runner tells Telegram a batch arrived only by asking for the next one. Busy (500
    // updates in flight) it asks for nothing, so a stop then left the last batch unconfirmed
    // and, after the restart, Telegram sent it again: every client in it answered twice.
    // Once the updates taken are done, one last request says so (as grammY's own stop does).
    confirmReceived = async () => {
      if (lastUpdateId === undefined) return
      try {
        await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 })
      } catch (err) {
        logger.warn({ err }, 'could not tell Telegram the last updates were handled: they may come again')
      }
    }
  }

  jobs.broadcasts.start()
  // The daily sweep (re-engagement, birthdays) re-arms itself; this covers a first start or a long stop.
  deps.services.followups.ensureSweepScheduled()
  // An "I paid" reported before its reminder to the team existed (an upgrade) gets one
  deps.services.paidChecks.armWaiting()
  void deps.scheduler.start().then((n) => n > 0 && logger.info({ jobs: n }, 'caught up on overdue jobs'))
  started.add('the scheduler', () => deps.scheduler.stop())
  // Messages queued for the staff group (or a client) before a restart go out now, in order
  deps.services.outbox.start()
  started.add('the outbox', () => deps.services.outbox.stop())
  deps.services.clientSearch.start()
  started.add('the client search', () => deps.services.clientSearch.stop())
  deps.wal.start()
  started.add("the write-ahead log's keeper", () => deps.wal.stop())

  /** Each owner in their own language (the report's lines are the loader's, see docs/content.md). */
  // Whether the owners' last word about the file is a report of its errors: the fixed file is then
  // news to them (otherwise that report would stay the last thing they read of it)
  let ownersReadErrors = false
  const reportInvalidContent = (errors: readonly ContentIssue[]) => {
    ownersReadErrors = true
    void tellOwners((ownerId) => contentInvalidNotice(deps, ownerId, errors)).catch((err: unknown) => {
      // Reading the owners (or writing a notice) failed: the report is in the log all the same
      logger.warn({ err }, 'could not tell the owners about the invalid content file')
    })
  }
  // A file found invalid at start-up (edited while the bot was stopped) is not applied either:
  // the owners are told now, as of an edit while it runs, not only in the log
  if (content.invalid) reportInvalidContent(content.invalid)
  // The file on the server edited after an owner sent one in the chat: in force now, and said so
  const tellUploadReplaced = (replaced: ReplacedUpload, swap?: ContentSwap) => {
    logger.info('the edited content file replaced a file sent in the chat')
    void tellOwners((ownerId) => contentUploadReplacedNotice(deps, ownerId, replaced, swap)).catch((err: unknown) =>
      logger.warn({ err }, 'could not tell the owners the file on the server replaced the one sent in the chat'),
    )
  }
  if (content.replacedUpload) tellUploadReplaced(content.replacedUpload)
  const stopWatching = deps.content.watchFile(config.CONTENT_PATH, (result) => {
    if (result.ok) {
      // What the edit changed in clients' promises goes with what the owners are told of it, once:
      // under the notice that the file sent in the chat was replaced, else under "fixed"
      const swap = { previous: result.previous, next: result.content }
      if (ownersReadErrors) {
        ownersReadErrors = false
        const fixedSwap = result.replacedUpload ? undefined : swap
        void tellOwners((ownerId) => contentFixedNotice(deps, ownerId, !result.unchanged, fixedSwap)).catch(
          (err: unknown) => logger.warn({ err }, 'could not tell the owners the content file is applied again'),
        )
      }
      if (result.unchanged) {
        logger.info('content file changed back to the content in force: nothing to apply')
        return
      }
      logger.info('content file changed: new content applied')
      if (result.replacedUpload) tellUploadReplaced(result.replacedUpload, swap)
      reportUnknownRuleGroups(deps, logger)
      void menusAfterContent(bot.api, deps, result.previous).catch((err: unknown) => {
        logger.warn({ err }, 'could not update the command menus to the new content')
      })
    } else {
      logger.warn(`content file changed but is invalid, kept the last good content:\n${result.report}`)
      reportInvalidContent(result.errors)
    }
  })
  started.add('the content file watcher', stopWatching)

  let stopped: Promise<void> | undefined
  return {
    bot,
    deps,
    stop() {
      stopped ??= (async () => {
        // One grace period for every wait below: a handler stuck on the network, or a connection
        // that stalled mid-request, must not hold the process forever
        const deadline = Date.now() + SHUTDOWN_GRACE_MS
        // The webhook's close waits for the answers still being sent (each after its update),
        // so it runs beside the rest of the stop rather than before it
        const closing = Promise.all([stopReceiving(deadline), stopHealth(deadline)])
        stopWatching()
        deps.services.clientSearch.stop()
        // The jobs and the broadcast take nothing new from here and finish what they run,
        // meanwhile: the grace period is theirs too, not only what the updates leave of it
        const background = Promise.all([
          deps.wal.stop(),
          deps.scheduler.stop(),
          deps.services.broadcasts.worker()?.stop(),
        ])
        await closing
        // An update answered early (the webhook's timeout) or left by the runner's stop is still
        // being handled, and Telegram will not send it again: it finishes first, on an open
        // database, and what it queues is in the outbox before it stops
        if (inFlight.count() > 0) {
          logger.info({ updates: inFlight.count() }, 'shutting down: letting the updates being handled finish')
          if (!(await inFlight.settled(deadline))) {
            const left = inFlight.count()
            logger.warn(
              { updates: left },
              `shutdown grace period ran out with ${left} update(s) still being handled: closing the database under them`,
            )
          }
        }
        await confirmReceived()
        await settledBy(Promise.all([background, deps.services.outbox.stop()]), deadline)
        await deps.reads.stop()
        database.close()
      })()
      return stopped
    },
  }
}
