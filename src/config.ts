/**
 * Settings from the environment (and `.env`), checked once at start-up. The
 * only module that reads process.env. Every problem is reported at once, one
 * line each: the variable, what is wrong in plain words, and the fix — never
 * the validation library's wording.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { z } from 'zod'
import { LANGUAGES } from './locales/languages.ts'
import { closest, describeFileError } from './text.ts'

/** Stops start-up; `problems` holds one line per setting that needs fixing. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
  }
}

const port = z.coerce.number().int().min(1).max(65535)

const schema = z.object({
  BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[\w-]{30,}$/),
  STAFF_GROUP_ID: z
    .string()
    .trim()
    .regex(/^-100\d+$/)
    .transform(Number)
    .optional(),
  /** Several staff groups (forums), comma-separated; STAFF_GROUP_ID alone is one. */
  STAFF_GROUP_IDS: z
    .string()
    .trim()
    .regex(/^-100\d+(\s*,\s*-100\d+)*$/)
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .optional(),
  OWNER_IDS: z
    .string()
    .trim()
    .regex(/^\d+(\s*,\s*\d+)*$/)
    .transform((s) => s.split(',').map((x) => Number(x.trim()))),
  DATABASE_PATH: z.string().trim().default('data/clientdesk.sqlite'),
  CONTENT_PATH: z.string().trim().default('db/seed/web-studio.yaml'),
  DEFAULT_LOCALE: z.enum(LANGUAGES).default('ru'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json`: one JSON object per line (for journald, docker logs, log shippers); `pretty`: for people. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** Without a trailing slash: grammY refuses `http://host:8081/` at start-up, which people write often. */
  BOT_API_ROOT: z
    .url()
    .refine((u) => /^https?:\/\//i.test(u))
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  WEBHOOK_URL: z
    .url()
    .refine((u) => u.startsWith('https://'))
    .optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/)
    .optional(),
  WEBHOOK_PORT: port.default(8080),
  WEBHOOK_HOST: z.string().trim().default('0.0.0.0'),
  /** A listener that answers only GET /healthz (webhook mode also serves it on WEBHOOK_PORT). */
  HEALTH_PORT: port.optional(),
  HEALTH_HOST: z.string().trim().default('127.0.0.1'),
  /**
   * A cap on broadcast messages per second. Broadcasts only use what replies and jobs leave
   * of the bot's send budget (29 a second, under Telegram's ~30), so the default is all of it.
   */
  BROADCAST_RATE_PER_S: z.coerce.number().int().min(1).max(30).default(29),
  /**
   * The payment provider's token from @BotFather (Payments): with it, /invoice sends a
   * Telegram invoice the client pays inside Telegram. Invoices in Stars (XTR) need none.
   */
  PAYMENT_PROVIDER_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:(TEST|LIVE):[\w-]+$/)
    .optional(),
})

type Parsed = z.infer<typeof schema>
/** The settings, with the staff groups resolved: STAFF_GROUP_ID is the first of STAFF_GROUP_IDS. */
export type Config = Omit<Parsed, 'STAFF_GROUP_ID' | 'STAFF_GROUP_IDS'> & {
  STAFF_GROUP_ID: number
  STAFF_GROUP_IDS: number[]
}
type Name = keyof Parsed

const SECRET_FIX = 'generate one with: openssl rand -hex 32'
/** The ports of a WEBHOOK_URL that api.telegram.org accepts (the Bot API's setWebhook). */
const TELEGRAM_WEBHOOK_PORTS = ['443', '80', '88', '8443']

/** How to explain each checked setting to the person who edits `.env`. */
const EXPLAIN: Partial<Record<Name, { mustBe: string; fix: string; secret?: boolean }>> = {
  BOT_TOKEN: {
    mustBe: 'the token from @BotFather, like 123456789:AAH… (digits, a colon, about 35 more characters)',
    fix: 'create a bot with @BotFather in Telegram (/newbot), or open /mybots → your bot → API Token, and copy the token',
    secret: true,
  },
  STAFF_GROUP_ID: {
    mustBe: 'a supergroup id starting with -100',
    fix: 'add @RawDataBot (or any id bot) to your staff supergroup and copy the chat id, e.g. -1001234567890',
  },
  STAFF_GROUP_IDS: {
    mustBe: 'supergroup ids starting with -100, separated by commas',
    fix: 'list the ids of your staff supergroups, e.g. -1001234567890,-1009876543210',
  },
  OWNER_IDS: {
    mustBe: 'numeric Telegram user ids separated by commas, e.g. 123456789,987654321',
    fix: 'send /start to @userinfobot in Telegram to learn your numeric id',
  },
  DEFAULT_LOCALE: { mustBe: 'ru or en', fix: 'leave it empty for ru' },
  LOG_LEVEL: {
    mustBe: 'one of fatal, error, warn, info, debug, trace, silent',
    fix: 'leave it empty for info',
  },
  LOG_FORMAT: { mustBe: 'json or pretty', fix: 'leave it empty for json' },
  BOT_API_ROOT: {
    mustBe: 'a URL such as http://localhost:8081',
    fix: 'leave it empty to use api.telegram.org',
  },
  WEBHOOK_URL: {
    mustBe: 'an https:// URL such as https://bot.example.com/telegram',
    fix: 'leave it empty to use long polling',
  },
  WEBHOOK_SECRET: {
    mustBe: '16–256 characters of A–Z, a–z, 0–9, _ and -',
    fix: SECRET_FIX,
    secret: true,
  },
  WEBHOOK_PORT: { mustBe: 'a port number from 1 to 65535', fix: 'leave it empty for 8080' },
  HEALTH_PORT: {
    mustBe: 'a port number from 1 to 65535',
    fix: 'leave it empty for no health listener (webhook mode serves /healthz on WEBHOOK_PORT)',
  },
  BROADCAST_RATE_PER_S: {
    mustBe: 'a whole number of messages per second from 1 to 30',
    fix: 'leave it empty to let broadcasts use what replies leave of the budget',
  },
  PAYMENT_PROVIDER_TOKEN: {
    mustBe: 'the token @BotFather gives for a payment provider, like 123456789:LIVE:… (or …:TEST:… for a test shop)',
    fix: 'in @BotFather open /mybots → your bot → Payments, connect a provider and copy its token; leave it empty to send payment details instead',
    secret: true,
  },
}

const NAMES = Object.keys(schema.shape) as Name[]

type Env = Record<string, string | undefined>

/** What a bot token looks like (123456789:AA…): never quoted in a settings error, which goes to the console. */
const BOT_TOKEN_LIKE = /\d{5,}:[\w-]{20,}/g

function invalid(name: Name, value: string | undefined): string {
  const explain = EXPLAIN[name]
  if (!explain) return `${name} is not valid`
  const { mustBe, fix, secret } = explain
  if (value === undefined) return `${name} is missing — ${fix}`
  // A value shown back never carries a bot token (people put it in a webhook's path)
  const quoted = value.replace(BOT_TOKEN_LIKE, '[bot token]')
  const shown = secret ? 'is not valid' : `is "${quoted.length > 60 ? `${quoted.slice(0, 59)}…` : quoted}"`
  return `${name} ${shown}: it must be ${mustBe} — ${fix}`
}

/**
 * Why the database cannot live at `path`, or undefined when it can: the file
 * (or the folder that will hold it) must be writable, since SQLite also writes
 * its -wal and -shm files beside it.
 */
function databasePathProblem(path: string): string | undefined {
  if (path === ':memory:') return undefined
  const full = resolve(path)
  const fix = 'point it at a file in a folder this user can write to, e.g. data/clientdesk.sqlite'
  try {
    if (existsSync(full)) {
      if (statSync(full).isDirectory()) {
        return `DATABASE_PATH "${path}" is a folder: it must name the database file — e.g. ${join(path, 'clientdesk.sqlite')}`
      }
      accessSync(full, constants.R_OK | constants.W_OK)
      accessSync(dirname(full), constants.W_OK)
      return undefined
    }
    // The folders are created at start-up: the nearest one that exists must be a writable folder
    let parent = dirname(full)
    while (!existsSync(parent)) parent = dirname(parent)
    if (!statSync(parent).isDirectory()) {
      return `DATABASE_PATH "${path}" cannot be created: ${parent} is a file, not a folder — ${fix}`
    }
    accessSync(parent, constants.W_OK)
    return undefined
  } catch (err) {
    return `DATABASE_PATH "${path}" cannot be used: ${describeFileError(err)} — ${fix}`
  }
}

/**
 * Checks the environment. Empty strings count as unset, so a copied
 * `.env.example` with blank optional lines works as is. `fileKeys` are the
 * names written in the env file: one that is a near miss of a setting's name
 * ("OWNER_ID") is reported, since the setting it meant is silently unset.
 * @throws ConfigError listing every problem, one line each.
 */
export function parseConfig(env: Env, { fileKeys = [] }: { fileKeys?: readonly string[] } = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''))
  const problems: string[] = []
  for (const key of fileKeys) {
    if (NAMES.includes(key as Name) || key === 'ENV_FILE') continue
    const meant = closest(key, NAMES)
    if (meant) problems.push(`${key} is not a setting — did you mean ${meant}? Rename it in the env file`)
  }

  const result = schema.safeParse(cleaned)
  const wrong = new Set(result.success ? [] : result.error.issues.map((issue) => issue.path[0] as Name))
  // One staff group at least: STAFF_GROUP_ID, or STAFF_GROUP_IDS
  if (!cleaned.STAFF_GROUP_ID && !cleaned.STAFF_GROUP_IDS) wrong.add('STAFF_GROUP_ID')
  for (const name of NAMES) if (wrong.has(name)) problems.push(invalid(name, cleaned[name]))
  if (cleaned.WEBHOOK_URL && !cleaned.WEBHOOK_SECRET) {
    problems.push(`WEBHOOK_SECRET is missing — webhook mode needs it so only Telegram can call the bot; ${SECRET_FIX}`)
  }
  // api.telegram.org delivers webhooks to these ports only and refuses setWebhook otherwise; a
  // local Bot API server (BOT_API_ROOT) started with --local delivers to any
  const webhookUrl = schema.shape.WEBHOOK_URL.safeParse(cleaned.WEBHOOK_URL).data
  const webhookUrlPort = webhookUrl && (new URL(webhookUrl).port || '443')
  if (webhookUrlPort && !cleaned.BOT_API_ROOT && !TELEGRAM_WEBHOOK_PORTS.includes(webhookUrlPort)) {
    problems.push(
      `WEBHOOK_URL has port ${webhookUrlPort}: Telegram sends updates only to ports 443, 80, 88 and 8443 — leave the port out (443) and let your TLS proxy forward to WEBHOOK_PORT`,
    )
  }
  // Each port on its own: another setting's mistake leaves result.data empty, and no port equals another then
  const healthPort = schema.shape.HEALTH_PORT.safeParse(cleaned.HEALTH_PORT).data
  const webhookPort = schema.shape.WEBHOOK_PORT.safeParse(cleaned.WEBHOOK_PORT).data
  if (cleaned.WEBHOOK_URL && healthPort !== undefined && healthPort === webhookPort) {
    problems.push(
      `HEALTH_PORT is the same as WEBHOOK_PORT (${cleaned.HEALTH_PORT}) — in webhook mode /healthz is served on WEBHOOK_PORT already: leave HEALTH_PORT empty or pick another port`,
    )
  }
  const databaseProblem = databasePathProblem(schema.shape.DATABASE_PATH.parse(cleaned.DATABASE_PATH))
  if (databaseProblem) problems.push(databaseProblem)

  if (problems.length > 0 || !result.success) throw new ConfigError(problems)
  const { STAFF_GROUP_ID, STAFF_GROUP_IDS, ...rest } = result.data
  const groups = [...new Set([...(STAFF_GROUP_ID === undefined ? [] : [STAFF_GROUP_ID]), ...(STAFF_GROUP_IDS ?? [])])]
  const [first] = groups
  if (first === undefined) throw new ConfigError([invalid('STAFF_GROUP_ID', undefined)])
  return { ...rest, STAFF_GROUP_ID: first, STAFF_GROUP_IDS: groups }
}

/** Whether `npm start` (or another npm script) started this process: npm is its parent then. */
export function startedByNpm(): boolean {
  return Boolean(process.env.npm_lifecycle_event)
}

/**
 * Reads `.env` (or the file named by ENV_FILE) if present — real environment
 * variables win over it — and checks the result.
 */
export function loadConfig(envFile = process.env.ENV_FILE || '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {}
  return parseConfig({ ...fromFile, ...process.env }, { fileKeys: Object.keys(fromFile) })
}
