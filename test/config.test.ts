import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, parseConfig } from '../src/config.ts'

const valid = {
  BOT_TOKEN: '123456789:AAH-valid-token-for-config-tests-0000',
  STAFF_GROUP_ID: '-1001234567890',
  OWNER_IDS: '42, 43',
}

function errorOf(env: Record<string, string | undefined>): string {
  try {
    parseConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('config', () => {
  it('parses a minimal valid environment with defaults', () => {
    const config = parseConfig(valid)
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
    expect(errorOf({ ...valid, STAFF_GROUP_ID: undefined })).toMatch(/^STAFF_GROUP_ID is missing — add @RawDataBot/)
    expect(errorOf({ ...valid, STAFF_GROUP_IDS: '-1001, 42' })).toMatch(/^STAFF_GROUP_IDS must be supergroup ids/)
  })

  it('names a missing token and says where to get it, in one line', () => {
    const message = errorOf({ ...valid, BOT_TOKEN: undefined })
    expect(message).toMatch(/^BOT_TOKEN is missing/)
    expect(message).toContain('@BotFather')
    expect(message).not.toContain('\n')
  })

  it('treats empty values as unset', () => {
    expect(errorOf({ ...valid, BOT_TOKEN: '  ' })).toMatch(/^BOT_TOKEN is missing/)
    expect(parseConfig({ ...valid, LOG_LEVEL: '', WEBHOOK_URL: '' }).LOG_LEVEL).toBe('info')
  })

  it.each([
    ['BOT_TOKEN', 'not-a-token', /BOT_TOKEN does not look like a bot token/],
    ['STAFF_GROUP_ID', '12345', /STAFF_GROUP_ID must be a supergroup id starting with -100/],
    ['OWNER_IDS', 'anna', /OWNER_IDS .*comma-separated list/],
    ['DEFAULT_LOCALE', 'de', /DEFAULT_LOCALE must be one of: ru, en/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['WEBHOOK_URL', 'http://bot.example.com/hook', /WEBHOOK_URL must start with https:\/\//],
    ['WEBHOOK_PORT', '99999', /WEBHOOK_PORT/],
  ])('rejects a malformed %s', (name, value, expected) => {
    expect(errorOf({ ...valid, [name]: value })).toMatch(expected)
  })

  it('needs a webhook secret in webhook mode', () => {
    expect(errorOf({ ...valid, WEBHOOK_URL: 'https://bot.example.com/hook' })).toMatch(/^WEBHOOK_SECRET is missing/)
    const config = parseConfig({
      ...valid,
      WEBHOOK_URL: 'https://bot.example.com/hook',
      WEBHOOK_SECRET: 'a'.repeat(32),
    })
    expect(config.WEBHOOK_PORT).toBe(8080)
  })

  it('reads .env, with real environment variables winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-env-'))
    const file = join(dir, '.env')
    writeFileSync(
      file,
      `BOT_TOKEN=${valid.BOT_TOKEN}\nSTAFF_GROUP_ID=${valid.STAFF_GROUP_ID}\nOWNER_IDS=7\nLOG_LEVEL=debug\n`,
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
