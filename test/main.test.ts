/**
 * The real process, as the README starts it: `src/main.ts` against a Bot API
 * root served on loopback by the fake API. Proves start-up (migrations,
 * content, command menus, staff-group check), long polling, the greeting, a
 * clean shutdown on SIGTERM, and that the token never reaches the logs.
 */
import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Update } from 'grammy/types'
import { afterEach, describe, expect, it } from 'vitest'
import { serveFakeBotApi } from './helpers/bot-api-server.ts'
import { startBotProcess } from './helpers/bot-process.ts'
import { FakeTelegram } from './helpers/fake-telegram.ts'
import { OWNER_ID, STAFF_GROUP_ID, TEST_TOKEN } from './helpers/harness.ts'
import { UpdateFactory } from './helpers/updates.ts'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
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
    const dir = mkdtempSync(join(tmpdir(), 'cd-main-'))
    const bot = startBotProcess({
      BOT_TOKEN: TEST_TOKEN,
      STAFF_GROUP_ID: String(STAFF_GROUP_ID),
      OWNER_IDS: String(OWNER_ID),
      DATABASE_PATH: join(dir, 'data', 'bot.sqlite'),
      BOT_API_ROOT: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
    })
    await until(() => bot.output().includes('long polling: started'))
    queue.push(updates.text(user, '/start src_site'))
    await until(() => fake.textsTo(user.id).length >= 2)
    expect(fake.textsTo(user.id)[0]).toContain('Здравствуйте, Вера!')
    expect(fake.callsOf('setMyCommands').length).toBeGreaterThan(0)
    expect(fake.callsOf('getChatMember')).toHaveLength(1)
    // Owner reports run on the read worker: a thread of the real process
    queue.push(updates.text(updates.user(OWNER_ID), '/stats'))
    await until(() => fake.textsTo(OWNER_ID).some((t) => t.includes('Статистика за 30 дн.')))
    expect(fake.textsTo(OWNER_ID).join('\n')).toContain('Старт — 1')

    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).toContain('stopped cleanly')
    expect(bot.output()).not.toContain(TEST_TOKEN.split(':')[1])
  })

  it('in webhook mode registers the secret and refuses requests without it', async () => {
    const fake = new FakeTelegram()
    const factory = new UpdateFactory(fake, STAFF_GROUP_ID)
    const user = factory.user(9002, { first_name: 'Олег' })
    server = await serveFakeBotApi(fake, [])
    const apiPort = (server.address() as AddressInfo).port
    const hookPort = await freePort()
    const secret = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
    const dir = mkdtempSync(join(tmpdir(), 'cd-hook-'))
    const bot = startBotProcess({
      BOT_TOKEN: TEST_TOKEN,
      STAFF_GROUP_ID: String(STAFF_GROUP_ID),
      OWNER_IDS: String(OWNER_ID),
      DATABASE_PATH: join(dir, 'bot.sqlite'),
      BOT_API_ROOT: `http://127.0.0.1:${apiPort}`,
      WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      WEBHOOK_SECRET: secret,
      WEBHOOK_PORT: String(hookPort),
      WEBHOOK_HOST: '127.0.0.1',
    })
    await until(() => bot.output().includes('webhook mode: listening'))
    expect(fake.callsOf('setWebhook')[0]?.payload).toMatchObject({
      url: 'https://bot.example.com/tg/hook',
      secret_token: secret,
    })
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${hookPort}/tg/hook`, {
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

    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
  })

  it('refuses to start with a clear one-line message when a setting is missing', async () => {
    const bot = startBotProcess({ STAFF_GROUP_ID: String(STAFF_GROUP_ID), OWNER_IDS: '1' })
    expect(await bot.exited).toBe(1)
    expect(bot.output().trim()).toMatch(/^Configuration error: BOT_TOKEN is missing — create a bot with @BotFather/)
  })
})
