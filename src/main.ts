/**
 * The only process entry: settings → logger → the app (src/app.ts) → signals.
 * Everything a person must fix ends the process with one clear line and exit code 1.
 */
import { StartupError, startApp } from './app.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { createLogger } from './logger.ts'

async function main(): Promise<void> {
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
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, token: config.BOT_TOKEN })

  let app: Awaited<ReturnType<typeof startApp>>
  try {
    app = await startApp({ config, logger, clock: systemClock })
  } catch (err) {
    if (err instanceof StartupError) {
      logger.fatal(err.message)
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: no new updates, letting running jobs finish')
    await app.stop()
    logger.info('stopped cleanly')
    logger.flush()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  if (process.env.npm_lifecycle_event) {
    // Under `npm start` npm is the parent. If it is killed outright (kill -9, which it cannot
    // pass on), stop too, rather than run on as an orphan that a restarted bot would fight.
    const parent = process.ppid
    setInterval(() => process.ppid !== parent && void shutdown('npm, the parent process, is gone'), 1000).unref()
  }
  logger.info({ pid: process.pid }, 'running: SIGTERM or Ctrl+C stops it cleanly')
}

main().catch((err) => {
  console.error('Fatal error during start-up:', err instanceof Error ? err.message : err)
  process.exit(1)
})
