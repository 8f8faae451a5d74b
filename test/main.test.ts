/**
 * The real process, as the README starts it — `npm start` — against a Bot API
 * root served on loopback by the fake API. Proves start-up (migrations,
 * content, command menus, staff-group check), long polling, the greeting, a
 * clean shutdown on SIGTERM sent to the pid an operator sees (no orphan left
 * behind), and that the token never reaches the logs.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Update } from 'grammy/types'
import { afterEach, describe, expect, it } from 'vitest'
import { serveFakeBotApi } from './helpers/bot-api-server.ts'
import { runningPid, startBotProcess } from './helpers/bot-process.ts'
import { buttonsOf, FakeTelegram } from './helpers/fake-telegram.ts'
import { OWNER_ID, STAFF_GROUP_ID, TEST_TOKEN } from './helpers/harness.ts'
import { freePort } from './helpers/net.ts'
import { UpdateFactory } from './helpers/updates.ts'

/** The settings of a bot that talks to the fake API on `apiPort`, with its own database. */
function botEnv(apiPort: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: TEST_TOKEN,
    STAFF_GROUP_ID: String(STAFF_GROUP_ID),
    OWNER_IDS: String(OWNER_ID),
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'cd-main-')), 'data', 'bot.sqlite'),
    BOT_API_ROOT: `http://127.0.0.1:${apiPort}`,
    ...overrides,
  }
}

const WEBHOOK_SECRET = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'

/** A bot in webhook mode at https://bot.example.com/tg/hook?bot=shop, listening on loopback at `hookPort`. */
function webhookEnv(apiPort: number, hookPort: number): Record<string, string> {
  return botEnv(apiPort, {
    // A query string too: Telegram posts to the URL exactly as given
    WEBHOOK_URL: 'https://bot.example.com/tg/hook?bot=shop',
    WEBHOOK_SECRET,
    WEBHOOK_PORT: String(hookPort),
    WEBHOOK_HOST: '127.0.0.1',
  })
}

/** The message of the log's fatal line (pino's level 60), which says why the process ended. */
function fatalLogLine(output: string): string | undefined {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .find((line) => line.level === 60)?.msg
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 25))
}

let server: Server | undefined
afterEach(() => {
  server?.close()
  server = undefined
})

describe('the bot process', () => {
  it('starts from the environment, greets a client, and stops cleanly on SIGTERM', async () => {
    const fake = new FakeTelegram()
    const updates = new UpdateFactory(fake, STAFF_GROUP_ID)
    const user = updates.user(9001, { first_name: 'Вера' })
    const queue: Update[] = []
    server = await serveFakeBotApi(fake, queue)
    const port = (server.address() as AddressInfo).port
    const healthPort = await freePort()
    const env = botEnv(port, { LOG_LEVEL: 'info', HEALTH_PORT: String(healthPort) })
    const bot = startBotProcess(env)
    const botPid = await runningPid(bot)
    expect(botPid).toBeGreaterThan(0)
    queue.push(updates.text(user, '/start src_site'))
    await until(() => fake.textsTo(user.id).length >= 2)
    expect(fake.textsTo(user.id)[0]).toContain('Здравствуйте, Вера!')
    // Clients' names, phones and messages: readable by the bot's own user only, whatever the umask
    const db = env.DATABASE_PATH as string
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8)
    expect({ folder: mode(dirname(db)), file: mode(db), wal: mode(`${db}-wal`) }).toEqual({
      folder: '700',
      file: '600',
      wal: '600',
    })
    expect(fake.callsOf('setMyCommands').length).toBeGreaterThan(0)
    expect(fake.callsOf('getChatMember')).toHaveLength(1)
    // Owner reports run on the read worker: a thread of the real process
    queue.push(updates.text(updates.user(OWNER_ID), '/stats'))
    await until(() => fake.textsTo(OWNER_ID).some((t) => t.includes('Статистика за 30 дней')))
    expect(fake.textsTo(OWNER_ID).join('\n')).toContain('Старт — 1')
    // Polling mode: the small health listener answers on HEALTH_PORT
    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', updates: { receiving: true } })

    // The signal goes to npm's pid, as a service manager or an operator would send it
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).toContain('stopped cleanly')
    expect(() => process.kill(botPid, 0)).toThrow(/ESRCH/) // the bot itself is gone, not orphaned
    expect(bot.output()).not.toContain(TEST_TOKEN.split(':')[1])
  })

  it('Ctrl+C while a client is being answered: the reply is finished and the bot stops cleanly', async () => {
    const fake = new FakeTelegram()
    const updates = new UpdateFactory(fake, STAFF_GROUP_ID)
    const user = updates.user(9301, { first_name: 'Вера' })
    const queue: Update[] = []
    server = await serveFakeBotApi(fake, queue)
    const bot = startBotProcess(botEnv((server.address() as AddressInfo).port))
    const botPid = await runningPid(bot)
    // Telegram is slow with the first message of the greeting: the update is being handled
    const release = fake.hold((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === user.id)
    queue.push(updates.text(user, '/start'))
    await until(() => fake.callsOf('sendMessage').some((c) => Number(c.payload.chat_id) === user.id))

    // Ctrl+C: the terminal sends SIGINT to the whole process group, so the bot gets it, and
    // then once more from npm, which passes on the one it got
    process.kill(botPid, 'SIGINT')
    await until(() => bot.output().includes('shutting down'))
    process.kill(botPid, 'SIGINT')
    release()
    expect(await bot.exited).toBe(0)
    // The stop let the update finish: the rest of the greeting went out
    expect(fake.textsTo(user.id).length).toBeGreaterThanOrEqual(2)
    expect(bot.output()).toContain('stopped cleanly')
  })

  it('stops cleanly when npm itself is killed outright, leaving no orphan behind', async () => {
    const fake = new FakeTelegram()
    server = await serveFakeBotApi(fake, [])
    const port = (server.address() as AddressInfo).port
    const bot = startBotProcess(botEnv(port))
    const botPid = await runningPid(bot)
    bot.child.kill('SIGKILL') // npm cannot pass this one on
    await bot.exited
    await until(() => bot.output().includes('stopped cleanly'))
    expect(bot.output()).toContain('"signal":"npm, the parent process, is gone"')
    await until(() => {
      try {
        process.kill(botPid, 0)
        return false
      } catch {
        return true // ESRCH: the bot has exited
      }
    })
  })

  it('killed outright (kill -9) mid-broadcast: after the restart, every client whose message had not left gets it once', async () => {
    const fake = new FakeTelegram()
    const updates = new UpdateFactory(fake, STAFF_GROUP_ID)
    const queue: Update[] = []
    server = await serveFakeBotApi(fake, queue)
    // One message a second: the rest wait for the send budget, as behind a busy hour of replies
    const env = botEnv((server.address() as AddressInfo).port, { BROADCAST_RATE_PER_S: '1' })
    let bot = startBotProcess(env)
    const botPid = await runningPid(bot)
    const owner = updates.user(OWNER_ID, { first_name: 'Ольга' })
    const clients = [1, 2, 3, 4, 5, 6].map((i) => updates.user(9200 + i, { first_name: `Клиент ${i}` }))
    const consentAsked = (id: number) =>
      fake.sentTo(id).some((call) => buttonsOf(call.payload).some((b) => b.data === 'consent:yes'))
    for (const client of clients) queue.push(updates.text(client, '/start'))
    await until(() => clients.every((c) => consentAsked(c.id)))
    for (const client of clients) queue.push(updates.callback(client, 'consent:yes'))
    await until(() => fake.callsOf('answerCallbackQuery').length === clients.length)

    queue.push(updates.text(owner, '/broadcast'))
    await until(() => fake.textsTo(owner.id).length === 1)
    queue.push(updates.text(owner, 'Новость: скидка'))
    // By its words, or by what it does (`:send`, or at night `:sendnow`, "Send now" beside "Send at 9:00")
    const press = async (label: string) => {
      const does = new RegExp(`${label}(now)?$`)
      const button = () =>
        fake
          .lastButtonsTo(owner.id)
          .find((b) => (label.startsWith(':') ? does.test(b.data ?? '') : b.text.includes(label)))
      await until(() => button() !== undefined)
      queue.push(updates.callback(owner, button()?.data as string))
    }
    await press('Все с согласием')
    await press('Предпросмотр')
    await press(':send')
    const received = (id: number) => fake.textsTo(id).filter((t) => t.includes('скидка')).length
    await until(() => clients.filter((c) => received(c.id) > 0).length === 2)
    process.kill(botPid, 'SIGKILL')
    await bot.exited
    const waiting = clients.filter((c) => received(c.id) === 0).map((c) => c.id)
    expect(waiting).toHaveLength(4)

    bot = startBotProcess(env)
    await runningPid(bot)
    await until(() => fake.textsTo(owner.id).some((t) => t.includes('завершена')))
    // Their messages were waiting for the budget, not on their way: each gets it now, once.
    // At one a second, at most one request can have been leaving at the kill: that one alone
    // may be given up (it reached Telegram or not — the bot cannot know), never sent twice
    const counts = clients.map((c) => received(c.id))
    expect(counts.every((n) => n <= 1)).toBe(true)
    expect(counts.filter((n) => n === 1).length).toBeGreaterThanOrEqual(5)
    const texts = fake.textsTo(owner.id)
    const resumed = texts.find((t) => t.includes('перезапустился')) ?? ''
    const cut = resumed.endsWith('Никому не отправлю дважды.') ? 0 : 1
    if (cut === 1) expect(resumed).toContain('у 1 получателя отправка прервалась')
    expect(texts.at(-1)).toContain(cut === 0 ? 'Доставлено: 6 из 6' : 'Неизвестно')
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
  }, 60_000)

  it('in webhook mode registers the secret and refuses requests without it', async () => {
    const fake = new FakeTelegram()
    const factory = new UpdateFactory(fake, STAFF_GROUP_ID)
    const user = factory.user(9002, { first_name: 'Олег' })
    server = await serveFakeBotApi(fake, [])
    const apiPort = (server.address() as AddressInfo).port
    const hookPort = await freePort()
    const secret = WEBHOOK_SECRET
    const bot = startBotProcess(webhookEnv(apiPort, hookPort))
    await until(() => bot.output().includes('webhook mode: listening'))
    expect(fake.callsOf('setWebhook')[0]?.payload).toMatchObject({
      url: 'https://bot.example.com/tg/hook?bot=shop',
      secret_token: secret,
    })
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${hookPort}/tg/hook?bot=shop`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(factory.text(user, '/start')),
      })
    expect((await post({})).status).toBe(401)
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401)
    expect(fake.textsTo(user.id)).toEqual([])
    expect((await post({ 'x-telegram-bot-api-secret-token': secret })).status).toBe(200)
    await until(() => fake.textsTo(user.id).length >= 1)
    expect(fake.textsTo(user.id)[0]).toContain('Здравствуйте, Олег!')
    // Telegram reaches the webhook: healthy
    const health = () => fetch(`http://127.0.0.1:${hookPort}/healthz`)
    await until(() => fake.callsOf('getWebhookInfo').length > 0)
    expect((await health()).status).toBe(200)

    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
  })

  it('in webhook mode the health check fails when Telegram says it cannot deliver updates', async () => {
    const fake = new FakeTelegram()
    // What Telegram says when the proxy's certificate expired
    fake.on('getWebhookInfo', () => ({
      url: 'https://bot.example.com/tg/hook?bot=shop',
      has_custom_certificate: false,
      pending_update_count: 57,
      last_error_date: Math.floor(Date.now() / 1000),
      last_error_message: 'SSL error {error:0A000086:SSL routines::certificate verify failed}',
    }))
    server = await serveFakeBotApi(fake, [])
    const hookPort = await freePort()
    const bot = startBotProcess(webhookEnv((server.address() as AddressInfo).port, hookPort))
    await until(() => bot.output().includes('Telegram cannot deliver updates to the webhook'))
    const res = await fetch(`http://127.0.0.1:${hookPort}/healthz`)
    expect(res.status).toBe(503)
    expect(((await res.json()) as { updates: { receiving: boolean } }).updates.receiving).toBe(false)
    expect(bot.output()).toContain('certificate verify failed')
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
  })

  it('a webhook port already in use: one line naming WEBHOOK_PORT and exit code 1, no stack trace', async () => {
    const fake = new FakeTelegram()
    server = await serveFakeBotApi(fake, [])
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const busyPort = (busy.address() as AddressInfo).port
    try {
      const bot = startBotProcess(webhookEnv((server.address() as AddressInfo).port, busyPort))
      expect(await bot.exited).toBe(1)
      expect(bot.output()).toContain(`WEBHOOK_PORT ${busyPort} cannot be used on 127.0.0.1`)
      expect(bot.output()).not.toMatch(/Unhandled|\n\s+at /)
      expect(fake.callsOf('setWebhook')).toEqual([])
    } finally {
      busy.close()
    }
  })

  it('Telegram refuses the webhook URL: one line naming WEBHOOK_URL and exit code 1, nothing sent in the background first', async () => {
    const fake = new FakeTelegram()
    // Topics are off in the staff group: the owners' notice about it waits in the outbox
    fake.forumEnabled = false
    fake.fail({
      method: 'setWebhook',
      error_code: 400,
      description: 'Bad Request: bad webhook: Failed to resolve host: Name or service not known',
    })
    server = await serveFakeBotApi(fake, [])
    const bot = startBotProcess(webhookEnv((server.address() as AddressInfo).port, await freePort()))
    expect(await bot.exited).toBe(1)
    expect(bot.output()).toContain(
      'WEBHOOK_URL was refused by Telegram (Bad Request: bad webhook: Failed to resolve host: Name or service not known)',
    )
    expect(bot.output()).not.toMatch(/Fatal error|Unhandled|\n\s+at /)
    // Not sent by a bot about to end: it goes out at the next start
    expect(fake.textsTo(OWNER_ID)).toEqual([])
  })

  it('another instance polling with the token (409): one clear line and exit code 1, no stack trace', async () => {
    const fake = new FakeTelegram()
    server = await serveFakeBotApi(fake, [])
    fake.fail({
      method: 'getUpdates',
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    })
    const bot = startBotProcess(botEnv((server.address() as AddressInfo).port))
    expect(await bot.exited).toBe(1)
    const output = bot.output()
    expect(output).toContain('Another instance is polling with this token: stop it, or use webhook mode')
    expect(output).toContain('stopped cleanly')
    expect(output).not.toMatch(/Unhandled|UnhandledPromiseRejection|\n\s+at /)
  })

  it('long polling: Telegram refuses to remove the webhook (401): one line naming BOT_TOKEN and exit code 1, the token not in it', async () => {
    const fake = new FakeTelegram()
    // getMe passed a moment ago; the token was revoked in @BotFather meanwhile
    fake.fail({ method: 'deleteWebhook', error_code: 401, description: 'Unauthorized' })
    server = await serveFakeBotApi(fake, [])
    const bot = startBotProcess(botEnv((server.address() as AddressInfo).port))
    expect(await bot.exited).toBe(1)
    const output = bot.output()
    const line = fatalLogLine(output)
    expect(line).toContain('Cannot start long polling: Telegram refused to remove the webhook (401: Unauthorized)')
    expect(line).toContain('copy the token again from @BotFather into BOT_TOKEN')
    expect(output).not.toMatch(/Fatal error|Unhandled|\n\s+at /)
    expect(output).not.toContain(TEST_TOKEN.split(':')[1])
    expect(fake.callsOf('getUpdates')).toEqual([])
  })

  it('long polling: the network fails as the webhook is removed: one line naming what to check and exit code 1, the token not in it', async () => {
    const fake = new FakeTelegram()
    server = await serveFakeBotApi(fake, [], { cut: (method) => method === 'deleteWebhook' })
    const port = (server.address() as AddressInfo).port
    const bot = startBotProcess(botEnv(port))
    expect(await bot.exited).toBe(1)
    const output = bot.output()
    const line = fatalLogLine(output)
    expect(line).toContain(
      `Cannot start long polling: Telegram could not be reached at http://127.0.0.1:${port} to remove the webhook`,
    )
    expect(line).toContain("Check this machine's network and firewall")
    expect(output).not.toMatch(/Fatal error|Unhandled|\n\s+at /)
    // The request's URL has the token in it: neither the log nor the line on stderr shows it
    expect(output).not.toContain(TEST_TOKEN.split(':')[1])
  })

  it('no route to Telegram: one clear line naming what to check, then retries with a warning until stopped', async () => {
    const closed = await freePort() // nothing listens there
    const bot = startBotProcess(botEnv(closed))
    await until(() => bot.output().includes('still no answer from Telegram'))
    const output = bot.output()
    expect(output).toContain(`Cannot reach Telegram at http://127.0.0.1:${closed}`)
    expect(output).toContain('set BOT_API_ROOT')
    expect(output.match(/Cannot reach Telegram/g)).toHaveLength(1)
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).not.toMatch(/Unhandled|\n\s+at /)
  })

  it('refuses to start with every settings problem listed at once, one line each', async () => {
    const bot = startBotProcess({ STAFF_GROUP_ID: '12345', OWNER_IDS: 'me', WEBHOOK_PORT: 'eighty' })
    expect(await bot.exited).toBe(1)
    const lines = bot.output().trim().split('\n')
    expect(lines[0]).toBe('Cannot start: 4 problems with the settings (in .env or the environment):')
    expect(lines.slice(1).map((line) => line.split(' — ')[0])).toEqual([
      '- BOT_TOKEN is missing',
      '- STAFF_GROUP_ID is "12345": it must be a supergroup id starting with -100',
      '- OWNER_IDS is "me": it must be numeric Telegram user ids separated by commas, e.g. 123456789,987654321',
      '- WEBHOOK_PORT is "eighty": it must be a port number from 1 to 65535',
    ])
  })

  it('names DATABASE_PATH when the file there is not a database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-baddb-'))
    const path = join(dir, 'notes.txt')
    writeFileSync(
      path,
      'shopping list: milk, bread, eggs, and a few more things to make this longer than a page header',
    )
    const bot = startBotProcess({
      BOT_TOKEN: TEST_TOKEN,
      STAFF_GROUP_ID: String(STAFF_GROUP_ID),
      OWNER_IDS: '1',
      DATABASE_PATH: path,
    })
    expect(await bot.exited).toBe(1)
    expect(bot.output()).toContain(`DATABASE_PATH "${path}" cannot be used: it is not an SQLite database file`)
    expect(bot.output()).not.toContain('Fatal error')
  })

  it('a database file another process keeps locked: waits, then says so instead of "Fatal error"', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cd-lockeddb-')), 'bot.sqlite')
    // Another process (this one) holds the write lock for the whole start: the migrations cannot run
    const holder = new Database(path)
    holder.pragma('journal_mode = WAL')
    holder.exec('create table other_writer (x); begin immediate; insert into other_writer values (1)')
    try {
      const bot = startBotProcess({
        BOT_TOKEN: TEST_TOKEN,
        STAFF_GROUP_ID: String(STAFF_GROUP_ID),
        OWNER_IDS: '1',
        DATABASE_PATH: path,
      })
      expect(await bot.exited).toBe(1)
      expect(bot.output()).toContain(`DATABASE_PATH "${path}" is locked by another process`)
      expect(bot.output()).not.toContain('Fatal error')
    } finally {
      holder.exec('rollback')
      holder.close()
    }
  })

  it('on a first start with an invalid content file, says there is no earlier content to run on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-badcontent-'))
    const content = join(dir, 'content.yaml')
    writeFileSync(content, 'business:\n  name: Студия\n  timezone: Moscow\n')
    const bot = startBotProcess({
      BOT_TOKEN: TEST_TOKEN,
      STAFF_GROUP_ID: String(STAFF_GROUP_ID),
      OWNER_IDS: '1',
      DATABASE_PATH: join(dir, 'bot.sqlite'),
      CONTENT_PATH: content,
    })
    expect(await bot.exited).toBe(1)
    expect(bot.output()).toContain(`CONTENT_PATH "${content}" is invalid, and this is the first start`)
    expect(bot.output()).toContain('business → timezone: unknown time zone "Moscow"')
    expect(bot.output()).not.toContain('last good')
  })
})

describe('npm run db:migrate', () => {
  const migrate = (path: string) =>
    spawnSync('npm', ['run', '--silent', 'db:migrate', '--', path], { encoding: 'utf8', timeout: 120_000 })

  it('migrates a new file in a folder it makes (for its user only), and names a file it cannot use in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-migrate-'))
    const fresh = join(dir, 'new', 'db.sqlite')
    const made = migrate(fresh)
    expect(made.status).toBe(0)
    expect(made.stdout.trim()).toBe(`Migrations applied to ${fresh}`)
    expect((statSync(dirname(fresh)).mode & 0o777).toString(8)).toBe('700')
    const db = new Database(fresh, { readonly: true })
    try {
      expect(db.prepare("select count(*) as n from sqlite_master where name = 'clients'").get()).toEqual({ n: 1 })
    } finally {
      db.close()
    }

    const notDb = join(dir, 'notes.sqlite')
    writeFileSync(notDb, 'not a database at all')
    const refused = migrate(notDb)
    expect(refused.status).toBe(1)
    expect(refused.stderr.trim()).toBe(
      `Cannot migrate: DATABASE_PATH "${notDb}" cannot be used: it is not an SQLite database file — point it at a file in a folder this user can write to`,
    )
  })
})
