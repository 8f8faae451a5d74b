/**
 * One call builds the whole bot for a test: real migrations on an in-memory
 * SQLite, real services, the demo content, a fake clock, and the fake Bot API
 * at the network edge. `restart()` builds a new bot on the same database, as
 * after a process restart.
 */
import { readFileSync } from 'node:fs'
import type { Update } from 'grammy/types'
import type { DatabaseHandle } from '../../db/client.ts'
import { type ClientDeskBot, createBot } from '../../src/bot/index.ts'
import { type Config, parseConfig } from '../../src/config.ts'
import { parseContent } from '../../src/content/loader.ts'
import type { Content } from '../../src/content/schema.ts'
import { createContentStore } from '../../src/content/store.ts'
import { createDeps, type Deps } from '../../src/deps.ts'
import { registerJobHandlers } from '../../src/jobs/index.ts'
import { createLogger } from '../../src/logger.ts'
import { createFakeClock, type FakeClock } from './clock.ts'
import { createTestDb } from './db.ts'
import { FakeTelegram } from './fake-telegram.ts'
import { type TestUser, UpdateFactory } from './updates.ts'

export const TEST_TOKEN = '123456789:AAH-test-token-for-clientdesk-tests-000'
export const STAFF_GROUP_ID = -1001234567890
export const OWNER_ID = 5_000_001
export const DEMO_CONTENT_PATH = new URL('../../db/seed/web-studio.yaml', import.meta.url)

let demo: Content | undefined
/** The shipped demo content, parsed once per test file. */
export function demoContent(): Content {
  if (!demo) {
    const parsed = parseContent(demoYaml())
    if (!parsed.ok) throw new Error(`demo content is invalid: ${JSON.stringify(parsed.errors)}`)
    demo = parsed.content
  }
  return demo
}

let demoText: string | undefined
/** The shipped demo content file's text. */
export function demoYaml(): string {
  demoText ??= readFileSync(DEMO_CONTENT_PATH, 'utf8')
  return demoText
}

/**
 * The text a test's content store holds as the file in force (what /content sends): the demo
 * file's own for the demo content. Content a test built as an object has no file: a comment
 * saying so stands in (a YAML dump of it took some 50 ms a harness).
 */
export function contentYaml(content: Content): string {
  return content === demoContent() ? demoYaml() : '# content a test built as an object: it has no file\n'
}

/**
 * The demo content with a picture on each product's card, as a business's own file has them (the
 * demo ships none: an example.com link serves no image, and Telegram would refuse it). The fake Bot
 * API takes any https link.
 */
export function demoWithPhotos(): Content {
  const demo = demoContent()
  return {
    ...demo,
    products: demo.products.map((p) => ({ ...p, photo: `https://lakonika.example.com/img/${p.id}.jpg` })),
  }
}

/**
 * The demo content file without the support plan (and the quiz weights that named it or its
 * tag): a product the owner took out.
 */
export function demoYamlWithoutSupport(): string {
  const yaml = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    .replace(/\n {2}- id: support\n[\s\S]*?\n(?= {2}# Honestly unavailable)/, '\n')
    .replace('weights: { support: 5 }', 'weights: { corporate: 1 }')
    .replace('weights: { "tag:care": 3 }', 'weights: { corporate: 1 }')
  if (/id: support|support: 5|tag:care/.test(yaml))
    throw new Error('the demo content changed: update demoYamlWithoutSupport')
  return yaml
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    BOT_TOKEN: TEST_TOKEN,
    STAFF_GROUP_ID: String(STAFF_GROUP_ID),
    OWNER_IDS: String(OWNER_ID),
    DATABASE_PATH: ':memory:',
    LOG_LEVEL: 'info',
    ...overrides,
  })
}

export interface LogLine {
  level: number
  msg: string
  [key: string]: unknown
}

export interface Harness {
  bot: ClientDeskBot
  deps: Deps
  fake: FakeTelegram
  u: UpdateFactory
  clock: FakeClock
  database: DatabaseHandle
  /** Every log line, parsed; `errors()` are those at level error or worse. */
  logs: LogLine[]
  errors(): LogLine[]
  send(...updates: Update[]): Promise<void>
  /** Delivers what the outbox may send now (staff group relay, notices), without moving the clock. */
  drain(): Promise<void>
  /**
   * Delivers everything the outbox holds, moving the clock to each moment the next row
   * may go (Telegram's pace per chat, a 429's wait, an album's collection), up to `maxMs` ahead.
   */
  flush(maxMs?: number): Promise<void>
  /** A new bot and deps on the same database and fake API, as after a restart. */
  restart(): Harness
}

export interface HarnessOptions {
  config?: Record<string, string>
  content?: Content
  clock?: FakeClock
  database?: DatabaseHandle
  fake?: FakeTelegram
}

export function createHarness(options: HarnessOptions = {}): Harness {
  const config = testConfig(options.config)
  const clock = options.clock ?? createFakeClock()
  const database = options.database ?? createTestDb()
  const fake = options.fake ?? new FakeTelegram()
  const logs: LogLine[] = []
  const logger = createLogger({
    level: config.LOG_LEVEL,
    token: config.BOT_TOKEN,
    secrets: [config.PAYMENT_PROVIDER_TOKEN],
    destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  })
  const initial = options.content ?? demoContent()
  const content = createContentStore({ db: database.db, clock }, initial, contentYaml(initial))
  const deps = createDeps({ config, logger, clock, database, content })
  const bot = createBot(deps, { botInfo: fake.botInfo, client: { fetch: fake.fetch as never } })
  registerJobHandlers(deps, bot.apis).broadcasts.start()
  const harness: Harness = {
    bot,
    deps,
    fake,
    u: new UpdateFactory(fake, STAFF_GROUP_ID),
    clock,
    database,
    logs,
    errors: () => logs.filter((l) => l.level >= 50),
    async send(...updates) {
      for (const update of updates) await bot.handleUpdate(update)
    },
    async drain() {
      await deps.services.outbox.drain()
    },
    async flush(maxMs = 10 * 60_000) {
      const until = clock.now() + maxMs
      for (;;) {
        const { nextAt } = await deps.services.outbox.drain()
        if (nextAt === undefined || nextAt > until) return
        clock.set(Math.max(clock.now(), nextAt))
      }
    },
    restart: () => createHarness({ ...options, clock, database, fake }),
  }
  return harness
}

/**
 * `user` sends /forget and presses Yes on the question it asks: a press is on a message, and only
 * the question that stands erases (one built before the question was asked would be on no copy of it).
 */
export async function forgetData(h: Harness, user: TestUser): Promise<void> {
  await h.send(h.u.text(user, '/forget'))
  await h.send(h.u.callback(user, 'forget:yes'))
}

/** A content file sent by `user` as a document, whose bytes the fake API serves for download. */
export function yamlDocument(h: Harness, user: TestUser, yaml: string | Buffer, fileName = 'content.yaml'): Update {
  const update = h.u.document(user, { fileName })
  h.fake.files.set(update.message!.document!.file_id, typeof yaml === 'string' ? Buffer.from(yaml, 'utf8') : yaml)
  return update
}
