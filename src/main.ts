/**
 * The only process entry: settings → logger → the app (src/app.ts) → signals.
 * Everything a person must fix ends the process with one clear line and exit code 1;
 * so does another instance polling with the same token.
 *
 * `npm start` runs it compiled (`npm run build` writes dist/; running TypeScript through
 * tsx kept a module-hooks thread with a V8 isolate of its own, about 30 MB, for the life of
 * the process) in one Node process with a tighter garbage collector: the old generation grows
 * by 20% between collections (`--heap-growing-percent=20`, V8 otherwise lets it grow up to
 * fourfold) and the young one stays small (`--max-semi-space-size=4`). The bot's live heap
 * is a few tens of MB; by default V8 let the garbage of a burst of 10,000 updates grow the
 * process past 300 MB (see bench/scale.ts).
 */
import { type App, StartupError, startApp } from './app.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig, startedByNpm } from './config.ts'
import { createLogger, redactor } from './logger.ts'

/** Prints a line for the person at the terminal or the journal (scrubbed of secrets once the settings are read). */
let sayToStderr = (message: string) => console.error(message)

async function main(): Promise<void> {
  // Everything the bot writes — the database with clients' personal data, its -wal and -shm,
  // backups and exports on their way out — is for its own user only, whatever umask it got
  // (the systemd unit sets UMask=0077; `npm start` in a shell usually gets 022)
  process.umask(0o077)
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      const count = err.problems.length === 1 ? '1 problem' : `${err.problems.length} problems`
      const lines = err.problems.map((p) => `- ${p}`).join('\n')
      console.error(`Cannot start: ${count} with the settings (in .env or the environment):\n${lines}`)
      process.exit(1)
    }
    throw err
  }
  const secrets = { token: config.BOT_TOKEN, secrets: [config.PAYMENT_PROVIDER_TOKEN] }
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, ...secrets })
  // A line for stderr, scrubbed as the log is (journald keeps both)
  const redact = redactor(secrets) ?? String
  sayToStderr = (message) => console.error(redact(message))

  let app: App | undefined
  let requested: { reason: string; code: number } | undefined
  const starting = new AbortController()
  const stopApp = async (running: App, { reason, code }: { reason: string; code: number }) => {
    logger.info({ signal: reason }, 'shutting down: no new updates, letting running updates and jobs finish')
    try {
      await running.stop()
      logger.info('stopped cleanly')
    } catch (err) {
      // Not a crash (an unhandled rejection would end the process with its own code and no
      // log): the stop was asked for and the process ends as asked; the log says what failed
      logger.error({ err }, 'could not stop cleanly: the process ends anyway')
    }
    logger.flush()
    process.exit(code)
  }
  const shutdown = (reason: string, code: number) => {
    if (requested) return
    requested = { reason, code }
    // Still starting (waiting for Telegram): the start-up stops instead
    if (app) void stopApp(app, requested)
    else starting.abort()
  }
  // Kept for the whole life of the process (not `once`): Ctrl+C under `npm start` reaches the
  // bot twice — from the terminal, to the whole process group, and again from npm, which passes
  // on what it got — and a second signal with no listener is Node's default: the process ends
  // mid-stop, replies to the updates being handled lost. A repeat does nothing; the stop is
  // bounded by its grace period anyway (kill -9 ends it at once)
  process.on('SIGINT', () => shutdown('SIGINT', 0))
  process.on('SIGTERM', () => shutdown('SIGTERM', 0))

  try {
    app = await startApp({
      config,
      logger,
      clock: systemClock,
      signal: starting.signal,
      onFatal: (message) => {
        sayToStderr(message)
        shutdown('receiving updates failed', 1)
      },
    })
  } catch (err) {
    if (err instanceof StartupError) {
      const stoppedBySignal = starting.signal.aborted
      if (!stoppedBySignal) {
        logger.fatal(err.message)
        sayToStderr(err.message)
      } else logger.info(err.message)
      logger.flush()
      process.exit(stoppedBySignal ? 0 : 1)
    }
    throw err
  }
  // A signal that came while the last start-up steps ran
  if (requested) {
    await stopApp(app, requested)
    return
  }
  if (startedByNpm()) {
    // Under `npm start` npm is the parent. If it is killed outright (kill -9, which it cannot
    // pass on), stop too, rather than run on as an orphan that a restarted bot would fight.
    const parent = process.ppid
    setInterval(() => process.ppid !== parent && shutdown('npm, the parent process, is gone', 0), 1000).unref()
  }
  logger.info({ pid: process.pid }, 'running: SIGTERM or Ctrl+C stops it cleanly')
}

main().catch((err) => {
  sayToStderr(`Fatal error during start-up: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
