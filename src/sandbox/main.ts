/**
 * `npm run sandbox`: the whole product on this machine, no Telegram account —
 * prints one URL to open. Options (after `--`):
 *   --port N            the page and the embedded Bot API (default 4700; 0 picks a free one)
 *   --reset             start from scratch (new database, chats and clock)
 *   --content FILE      preview an owner's content file (an invalid one shows its report)
 *   --data FILE         the sandbox's database (default data/sandbox.sqlite, and
 *                       data/sandbox-external.sqlite with --api-root)
 *   --no-rate-limits    switch Telegram's flood limits off (the page can switch them too)
 *   --api-root URL      run the same bot and clock against another Bot API server,
 *                       with --token, --staff-group and --owner for that server's bot
 *   --verbose           the bot's info logs too (warnings and errors are always shown)
 *   --locale ru|en      the business's default language (DEFAULT_LOCALE): staff texts, and
 *                       clients whose language it does not speak (default ru)
 */
import { parseArgs } from 'node:util'
import pretty from 'pino-pretty'
import { LANGUAGES } from '../locales/languages.ts'
import { DEFAULT_DATABASE, DEFAULT_EXTERNAL_DATABASE, startSandbox } from './server.ts'

const USAGE =
  'usage: npm run sandbox -- [--port N] [--reset] [--content FILE] [--data FILE] [--no-rate-limits] [--verbose] [--locale ru|en] [--api-root URL --token T --staff-group ID --owner ID]'

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>
  try {
    args = parse()
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : err}\n${USAGE}`)
    process.exit(2)
  }
  const { values } = args
  const number = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined
    const n = Number(value)
    if (!Number.isSafeInteger(n)) {
      console.error(`--${name} must be a whole number\n${USAGE}`)
      process.exit(2)
    }
    return n
  }
  if (values.locale !== undefined && !(LANGUAGES as readonly string[]).includes(values.locale)) {
    console.error(`--locale must be one of ${LANGUAGES.join(', ')}\n${USAGE}`)
    process.exit(2)
  }
  const sandbox = await startSandbox({
    port: number('port', values.port) ?? 4700,
    databasePath: values.data ?? (values['api-root'] ? DEFAULT_EXTERNAL_DATABASE : DEFAULT_DATABASE),
    contentPath: values.content ?? 'db/seed/web-studio.yaml',
    reset: values.reset ?? false,
    rateLimits: !values['no-rate-limits'],
    logLevel: values.verbose ? 'info' : 'warn',
    ...(values.locale ? { locale: values.locale } : {}),
    logDestination: pretty({ colorize: process.stderr.isTTY, destination: 2, ignore: 'pid,hostname' }),
    ...(values['api-root'] ? { apiRoot: values['api-root'].replace(/\/$/, '') } : {}),
    ...(values.token ? { token: values.token } : {}),
    ...(values['staff-group'] ? { staffGroupId: number('staff-group', values['staff-group']) } : {}),
    ...(values.owner ? { ownerId: number('owner', values.owner) } : {}),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      console.error(`The port is taken (another sandbox?). Try: npm run sandbox -- --port 0`)
      process.exit(1)
    }
    throw err
  })
  console.log(`ClientDesk sandbox: ${sandbox.url}`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await sandbox.stop()
    process.exit(0)
  }
  // Listened to for the whole stop, not once: Ctrl+C under `npm run sandbox` reaches the process
  // twice (from the terminal and from npm), and a second SIGINT nobody listens to would kill it
  // in the middle of saving the world; `stop` ignores the repeat
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

function parse() {
  return parseArgs({
    options: {
      port: { type: 'string' },
      reset: { type: 'boolean' },
      content: { type: 'string' },
      data: { type: 'string' },
      'no-rate-limits': { type: 'boolean' },
      verbose: { type: 'boolean' },
      locale: { type: 'string' },
      'api-root': { type: 'string' },
      token: { type: 'string' },
      'staff-group': { type: 'string' },
      owner: { type: 'string' },
    },
    strict: true,
  })
}

main().catch((err) => {
  console.error('The sandbox could not start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
