/**
 * Settings from the environment (and `.env`), validated once at start-up.
 * The only module that reads process.env. A bad value stops start-up with one
 * line that names the variable and says how to fix it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { z } from 'zod'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const LOCALES = ['ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const SUPPORTED_LOCALES: readonly Locale[] = LOCALES

const intList = z
  .string()
  .trim()
  .regex(/^\d+(\s*,\s*\d+)*$/, 'a comma-separated list of numeric Telegram user ids')
  .transform((s) => s.split(',').map((x) => Number(x.trim())))

const schema = z.object({
  BOT_TOKEN: z
    .string({ error: 'is missing' })
    .trim()
    .regex(/^\d+:[\w-]{30,}$/, 'does not look like a bot token'),
  STAFF_GROUP_ID: z
    .string()
    .trim()
    .regex(/^-100\d+$/, 'must be a supergroup id starting with -100')
    .transform(Number)
    .optional(),
  /** Several staff groups (forums), comma-separated; STAFF_GROUP_ID alone is one. */
  STAFF_GROUP_IDS: z
    .string()
    .trim()
    .regex(/^-100\d+(\s*,\s*-100\d+)*$/, 'must be supergroup ids starting with -100, comma-separated')
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .optional(),
  OWNER_IDS: intList,
  DATABASE_PATH: z.string().trim().min(1).default('data/clientdesk.sqlite'),
  CONTENT_PATH: z.string().trim().min(1).default('db/seed/web-studio.yaml'),
  DEFAULT_LOCALE: z.enum(LOCALES, 'must be one of: ru, en').default('ru'),
  LOG_LEVEL: z
    .enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of: fatal, error, warn, info, debug, trace, silent',
    )
    .default('info'),
  BOT_API_ROOT: z.url('must be a URL such as http://localhost:8081').optional(),
  WEBHOOK_URL: z
    .url('must be an https URL such as https://bot.example.com/telegram')
    .refine((u) => u.startsWith('https://'), 'must start with https://')
    .optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535, 'must be a port number').default(8080),
  WEBHOOK_HOST: z.string().trim().min(1).default('0.0.0.0'),
  /**
   * A cap on broadcast messages per second. Broadcasts only use what replies and jobs leave
   * of the bot's send budget (29 a second, under Telegram's ~30), so the default is all of it.
   */
  BROADCAST_RATE_PER_S: z.coerce
    .number('must be a number of messages per second, 1–30')
    .int('must be a whole number of messages per second, 1–30')
    .min(1, 'must be at least 1')
    .max(30, "must be at most 30 (Telegram's bulk limit)")
    .default(29),
})

const HOW_TO_FIX: Record<string, string> = {
  BOT_TOKEN: 'create a bot with @BotFather in Telegram (/newbot) and copy the token it gives you',
  STAFF_GROUP_ID: 'add @RawDataBot (or any id bot) to your staff supergroup and copy the chat id, e.g. -1001234567890',
  STAFF_GROUP_IDS: 'list the ids of your staff supergroups, e.g. -1001234567890,-1009876543210',
  OWNER_IDS: 'send /start to @userinfobot to learn your numeric id; several ids are comma-separated',
  WEBHOOK_SECRET: 'generate one with: openssl rand -hex 32',
  WEBHOOK_URL: 'leave it empty to use long polling',
  BOT_API_ROOT: 'leave it empty to use api.telegram.org',
  BROADCAST_RATE_PER_S: 'leave it empty to let broadcasts use what replies leave of the budget',
}

type Parsed = z.infer<typeof schema>
/** The settings, with the staff groups resolved: STAFF_GROUP_ID is the first of STAFF_GROUP_IDS. */
export type Config = Omit<Parsed, 'STAFF_GROUP_ID' | 'STAFF_GROUP_IDS'> & {
  STAFF_GROUP_ID: number
  STAFF_GROUP_IDS: number[]
}

type Env = Record<string, string | undefined>

/**
 * Validates the environment. Empty strings count as unset, so a copied
 * `.env.example` with blank optional lines works as is.
 * @throws ConfigError with a one-line message naming the variable and the fix.
 */
export function parseConfig(env: Env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const issue = result.error.issues[0]
    const name = String(issue?.path[0] ?? 'configuration')
    const fix = HOW_TO_FIX[name]
    throw new ConfigError(
      `${name} ${issue?.message ?? 'is invalid'}${fix ? ` — ${fix}` : ''} (set it in .env or the environment)`,
    )
  }
  const { STAFF_GROUP_ID, STAFF_GROUP_IDS, ...rest } = result.data
  const groups = [...new Set([...(STAFF_GROUP_ID === undefined ? [] : [STAFF_GROUP_ID]), ...(STAFF_GROUP_IDS ?? [])])]
  const [first] = groups
  if (first === undefined) {
    throw new ConfigError(
      `STAFF_GROUP_ID is missing — ${HOW_TO_FIX.STAFF_GROUP_ID} (set it in .env or the environment)`,
    )
  }
  const config: Config = { ...rest, STAFF_GROUP_ID: first, STAFF_GROUP_IDS: groups }
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    throw new ConfigError(
      `WEBHOOK_SECRET is missing — webhook mode needs it so only Telegram can call the bot; ${HOW_TO_FIX.WEBHOOK_SECRET}`,
    )
  }
  return config
}

/**
 * Reads `.env` (or the file named by ENV_FILE) if present — real environment
 * variables win over it — and validates.
 */
export function loadConfig(envFile = process.env.ENV_FILE || '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {}
  return parseConfig({ ...fromFile, ...process.env })
}
