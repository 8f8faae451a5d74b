import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseConfig } from '../src/config.ts'

const valid = {
  BOT_TOKEN: '123456789:AAH-valid-token-for-config-tests-0000',
  STAFF_GROUP_ID: '-1001234567890',
  OWNER_IDS: '42, 43',
  DATABASE_PATH: ':memory:',
}

function problemsOf(env: Record<string, string | undefined>, fileKeys?: string[]): string[] {
  try {
    parseConfig(env, { fileKeys })
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as ConfigError).problems
  }
  throw new Error('expected a ConfigError')
}

/** Words of the validation library that must never reach a person editing .env. */
const LIBRARY_WORDING = /Invalid input|expected (string|number)|received|NaN|Too (small|big)|invalid_|ZodError/i

describe('settings', () => {
  it('parses a minimal valid environment with defaults', () => {
    const config = parseConfig({ ...valid, DATABASE_PATH: undefined })
    expect(config.OWNER_IDS).toEqual([42, 43])
    expect(config.STAFF_GROUP_ID).toBe(-1001234567890)
    expect(config.DATABASE_PATH).toBe('data/clientdesk.sqlite')
    expect(config.CONTENT_PATH).toBe('db/seed/web-studio.yaml')
    expect(config.DEFAULT_LOCALE).toBe('ru')
    expect(config.WEBHOOK_URL).toBeUndefined()
  })

  it('several staff groups: STAFF_GROUP_IDS, with STAFF_GROUP_ID still valid (first)', () => {
    expect(parseConfig(valid).STAFF_GROUP_IDS).toEqual([-1001234567890])
    const two = parseConfig({ ...valid, STAFF_GROUP_IDS: '-1001234567890, -1009876543210' })
    expect(two.STAFF_GROUP_IDS).toEqual([-1001234567890, -1009876543210])
    expect(two.STAFF_GROUP_ID).toBe(-1001234567890)
    const only = parseConfig({ ...valid, STAFF_GROUP_ID: undefined, STAFF_GROUP_IDS: '-1009876543210' })
    expect(only.STAFF_GROUP_ID).toBe(-1009876543210)
    expect(problemsOf({ ...valid, STAFF_GROUP_ID: undefined })).toEqual([
      'STAFF_GROUP_ID is missing — add @RawDataBot (or any id bot) to your staff supergroup and copy the chat id, e.g. -1001234567890',
    ])
    expect(problemsOf({ ...valid, STAFF_GROUP_IDS: '-1001, 42' })[0]).toMatch(
      /^STAFF_GROUP_IDS is "-1001, 42": it must be supergroup ids starting with -100/,
    )
  })

  it('reports every problem of a copied .env.example at once, one line each', () => {
    // .env.example as shipped: the three required values are blank
    const example = parseEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8'))
    expect(problemsOf(example, Object.keys(example))).toEqual([
      'BOT_TOKEN is missing — create a bot with @BotFather in Telegram (/newbot), or open /mybots → your bot → API Token, and copy the token',
      'STAFF_GROUP_ID is missing — add @RawDataBot (or any id bot) to your staff supergroup and copy the chat id, e.g. -1001234567890',
      'OWNER_IDS is missing — send /start to @userinfobot in Telegram to learn your numeric id',
    ])
  })

  it('a file with five mistakes gives five plain lines, each naming the variable and the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-env-'))
    writeFileSync(join(dir, 'data'), 'a file where a folder should be')
    const problems = problemsOf({
      ...valid,
      STAFF_GROUP_ID: '12345',
      OWNER_IDS: 'anna',
      WEBHOOK_PORT: 'eighty',
      BROADCAST_RATE_PER_S: '45',
      DATABASE_PATH: join(dir, 'data', 'bot.sqlite'),
    })
    expect(problems).toEqual([
      'STAFF_GROUP_ID is "12345": it must be a supergroup id starting with -100 — add @RawDataBot (or any id bot) to your staff supergroup and copy the chat id, e.g. -1001234567890',
      'OWNER_IDS is "anna": it must be numeric Telegram user ids separated by commas, e.g. 123456789,987654321 — send /start to @userinfobot in Telegram to learn your numeric id',
      'WEBHOOK_PORT is "eighty": it must be a port number from 1 to 65535 — leave it empty for 8080',
      'BROADCAST_RATE_PER_S is "45": it must be a whole number of messages per second from 1 to 30 — leave it empty to let broadcasts use what replies leave of the budget',
      `DATABASE_PATH "${join(dir, 'data', 'bot.sqlite')}" cannot be created: ${join(dir, 'data')} is a file, not a folder — point it at a file in a folder this user can write to, e.g. data/clientdesk.sqlite`,
    ])
    for (const line of problems) {
      expect(line).not.toContain('\n')
      expect(line).not.toMatch(LIBRARY_WORDING)
    }
  })

  it.each([
    ['BOT_TOKEN', 'not-a-token', /^BOT_TOKEN is not valid: it must be the token from @BotFather/],
    ['DEFAULT_LOCALE', 'de', /^DEFAULT_LOCALE is "de": it must be ru or en — leave it empty for ru$/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL is "loud": it must be one of fatal, error, warn, info, debug, trace, silent/],
    [
      'WEBHOOK_URL',
      'http://bot.example.com/hook',
      /^WEBHOOK_URL is "http:\/\/bot.example.com\/hook": it must be an https:\/\/ URL/,
    ],
    // The token as the webhook's path (a common pattern): never quoted back to the console
    [
      'WEBHOOK_URL',
      'http://bot.example.com/123456789:AAH-test-token-for-clientdesk-0123',
      /^WEBHOOK_URL is "http:\/\/bot.example.com\/\[bot token\]": it must be an https:\/\/ URL/,
    ],
    ['WEBHOOK_PORT', '99999', /^WEBHOOK_PORT is "99999": it must be a port number from 1 to 65535/],
    ['BOT_API_ROOT', 'localhost', /^BOT_API_ROOT is "localhost": it must be a URL such as http:\/\/localhost:8081/],
    [
      'BOT_API_ROOT',
      'ftp://files.example.com',
      /^BOT_API_ROOT is "ftp:\/\/files.example.com": it must be a URL such as/,
    ],
    [
      'PAYMENT_PROVIDER_TOKEN',
      'sk_live_123',
      /^PAYMENT_PROVIDER_TOKEN is not valid: it must be the token @BotFather gives/,
    ],
  ])('explains a malformed %s in plain words', (name, value, expected) => {
    const problems = problemsOf({ ...valid, [name]: value, WEBHOOK_SECRET: 'a'.repeat(32) })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(expected)
    expect(problems[0]).not.toMatch(LIBRARY_WORDING)
  })

  it('takes a payment provider token from @BotFather', () => {
    expect(parseConfig(valid).PAYMENT_PROVIDER_TOKEN).toBeUndefined()
    const token = '381764678:TEST:100500'
    expect(parseConfig({ ...valid, PAYMENT_PROVIDER_TOKEN: token }).PAYMENT_PROVIDER_TOKEN).toBe(token)
  })

  it('never prints a secret it refuses', () => {
    const [line] = problemsOf({ ...valid, BOT_TOKEN: '123:short-secret-part' })
    expect(line).not.toContain('short-secret-part')
  })

  it('takes a Bot API root with a trailing slash, as people often write it', () => {
    expect(parseConfig({ ...valid, BOT_API_ROOT: 'http://localhost:8081/' }).BOT_API_ROOT).toBe('http://localhost:8081')
  })

  it('treats empty values as unset', () => {
    expect(problemsOf({ ...valid, BOT_TOKEN: '  ' })[0]).toMatch(/^BOT_TOKEN is missing/)
    expect(parseConfig({ ...valid, LOG_LEVEL: '', WEBHOOK_URL: '' }).LOG_LEVEL).toBe('info')
  })

  it('needs a webhook secret in webhook mode', () => {
    expect(problemsOf({ ...valid, WEBHOOK_URL: 'https://bot.example.com/hook' })).toEqual([
      'WEBHOOK_SECRET is missing — webhook mode needs it so only Telegram can call the bot; generate one with: openssl rand -hex 32',
    ])
    const config = parseConfig({
      ...valid,
      WEBHOOK_URL: 'https://bot.example.com/hook',
      WEBHOOK_SECRET: 'a'.repeat(32),
    })
    expect(config.WEBHOOK_PORT).toBe(8080)
  })

  it('refuses a webhook URL on a port Telegram does not send to, unless a local Bot API server is used', () => {
    const hook = { ...valid, WEBHOOK_SECRET: 'a'.repeat(32) }
    expect(problemsOf({ ...hook, WEBHOOK_URL: 'https://bot.example.com:8080/tg/hook' })).toEqual([
      'WEBHOOK_URL has port 8080: Telegram sends updates only to ports 443, 80, 88 and 8443 — leave the port out (443) and let your TLS proxy forward to WEBHOOK_PORT',
    ])
    for (const url of [
      'https://bot.example.com/tg/hook',
      'https://bot.example.com:443/h',
      'https://bot.example.com:8443/h',
    ]) {
      expect(parseConfig({ ...hook, WEBHOOK_URL: url }).WEBHOOK_URL).toBe(url)
    }
    // A local Bot API server started with --local sends to any port
    const local = {
      ...hook,
      WEBHOOK_URL: 'https://bot.example.com:8080/tg/hook',
      BOT_API_ROOT: 'http://localhost:8081',
    }
    expect(parseConfig(local).WEBHOOK_URL).toBe(local.WEBHOOK_URL)
  })

  it('serves health on its own port, never on the webhook port twice', () => {
    expect(parseConfig({ ...valid, HEALTH_PORT: '8081' })).toMatchObject({
      HEALTH_PORT: 8081,
      HEALTH_HOST: '127.0.0.1',
    })
    expect(
      problemsOf({
        ...valid,
        WEBHOOK_URL: 'https://bot.example.com/hook',
        WEBHOOK_SECRET: 'a'.repeat(32),
        HEALTH_PORT: '8080',
      }),
    ).toEqual([
      'HEALTH_PORT is the same as WEBHOOK_PORT (8080) — in webhook mode /healthz is served on WEBHOOK_PORT already: leave HEALTH_PORT empty or pick another port',
    ])
    // Another setting's mistake does not make the ports look the same
    expect(
      problemsOf({
        ...valid,
        WEBHOOK_URL: 'https://bot.example.com/hook',
        WEBHOOK_SECRET: 'a'.repeat(32),
        HEALTH_PORT: '8081',
        LOG_LEVEL: 'loud',
      }),
    ).toEqual([
      'LOG_LEVEL is "loud": it must be one of fatal, error, warn, info, debug, trace, silent — leave it empty for info',
    ])
    expect(problemsOf({ ...valid, LOG_FORMAT: 'text' })).toEqual([
      'LOG_FORMAT is "text": it must be json or pretty — leave it empty for json',
    ])
  })

  it('names a database path that is a folder or cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-db-'))
    expect(problemsOf({ ...valid, DATABASE_PATH: dir })).toEqual([
      `DATABASE_PATH "${dir}" is a folder: it must name the database file — e.g. ${join(dir, 'clientdesk.sqlite')}`,
    ])
    // A new file in a new folder is fine: the folders are created at start-up
    expect(parseConfig({ ...valid, DATABASE_PATH: join(dir, 'a', 'b', 'bot.sqlite') }).DATABASE_PATH).toBe(
      join(dir, 'a', 'b', 'bot.sqlite'),
    )
    if (process.getuid?.() !== 0) {
      // (root may write anywhere, so this part only runs as an ordinary user)
      const locked = join(dir, 'locked')
      mkdirSync(locked)
      chmodSync(locked, 0o500)
      expect(problemsOf({ ...valid, DATABASE_PATH: join(locked, 'bot.sqlite') })[0]).toMatch(
        /^DATABASE_PATH ".*" cannot be used: permission denied/,
      )
    }
  })

  it('points out a misspelt setting in the env file', () => {
    expect(problemsOf({ ...valid, OWNER_IDS: undefined, OWNER_ID: '42' }, ['OWNER_ID', 'BOT_TOKEN'])).toEqual([
      'OWNER_ID is not a setting — did you mean OWNER_IDS? Rename it in the env file',
      'OWNER_IDS is missing — send /start to @userinfobot in Telegram to learn your numeric id',
    ])
    // Unrelated variables (other tools' settings) are left alone
    expect(parseConfig(valid, { fileKeys: ['COMPOSE_PROJECT_NAME', 'TZ', 'NODE_ENV'] }).OWNER_IDS).toEqual([42, 43])
  })

  it('reads .env, with real environment variables winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-env-'))
    const file = join(dir, '.env')
    writeFileSync(
      file,
      `BOT_TOKEN=${valid.BOT_TOKEN}\nSTAFF_GROUP_ID=${valid.STAFF_GROUP_ID}\nOWNER_IDS=7\nLOG_LEVEL=debug\nDATABASE_PATH=:memory:\n`,
    )
    const before = process.env.LOG_LEVEL
    process.env.LOG_LEVEL = 'warn'
    try {
      const config = loadConfig(file)
      expect(config.OWNER_IDS).toEqual([7])
      expect(config.LOG_LEVEL).toBe('warn')
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL
      else process.env.LOG_LEVEL = before
    }
  })
})
