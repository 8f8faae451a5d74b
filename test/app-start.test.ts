/**
 * Starting the app in webhook mode while updates already come: after a restart Telegram's
 * webhook still points at this address, so updates reach the server while setWebhook is
 * being asked — before the jobs, the broadcast worker and the outbox start. Such an update
 * is handled as ever; what it starts is not taken for work a restart interrupted, and when
 * Telegram refuses the setting the start-up ends only after it, answered, on an open database.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { type App, startApp } from '../src/app.ts'
import { createLogger } from '../src/logger.ts'
import { seedClient } from './helpers/clients.ts'
import { createFakeClock } from './helpers/clock.ts'
import { FakeTelegram } from './helpers/fake-telegram.ts'
import { type LogLine, OWNER_ID, STAFF_GROUP_ID, testConfig } from './helpers/harness.ts'
import { freePort, takesConnections, webhookSetup } from './helpers/net.ts'
import { UpdateFactory } from './helpers/updates.ts'
import { until } from './helpers/wait.ts'

let apps: App[] = []
afterEach(async () => {
  for (const app of apps) await app.stop()
  apps = []
})

/** Starts the app: the error a failed start-up ends with, or undefined (the app is stopped after the test). */
function startOrFail(options: Parameters<typeof startApp>[0]): Promise<Error | undefined> {
  return startApp(options).then(
    (app) => {
      apps.push(app)
      return undefined
    },
    (err: unknown) => err as Error,
  )
}

it('a broadcast the owner confirms while setWebhook is asked runs, and is not reported as resumed after a restart', async () => {
  const fake = new FakeTelegram()
  const u = new UpdateFactory(fake, STAFF_GROUP_ID)
  const owner = u.user(OWNER_ID, { first_name: 'Олег' })
  const dbPath = join(mkdtempSync(join(tmpdir(), 'cd-start-')), 'bot.sqlite')
  const lines: LogLine[] = []
  const logger = createLogger({ level: 'warn', destination: { write: (t: string) => void lines.push(JSON.parse(t)) } })
  const clock = createFakeClock()

  // The first run (long polling): the owner writes a broadcast up to its "Send" button
  const first = await startApp({
    config: testConfig({ DATABASE_PATH: dbPath }),
    logger,
    clock,
    client: { fetch: fake.fetch as typeof fetch },
  })
  seedClient(first.deps, 501)
  seedClient(first.deps, 502)
  const deliver = async (update: ReturnType<typeof u.text>) => {
    const before = fake.sentTo(owner.id).length + fake.callsOf('answerCallbackQuery').length
    const { update_id: _id, ...rest } = update
    fake.emulator.enqueue(rest as Parameters<typeof fake.emulator.enqueue>[0])
    await until(() => fake.sentTo(owner.id).length + fake.callsOf('answerCallbackQuery').length > before)
  }
  await deliver(u.text(owner, '/broadcast'))
  await deliver(u.text(owner, 'Новость: скидка'))
  await until(() => fake.lastButtonsTo(owner.id).some((b) => b.text.includes('Предпросмотр')))
  const preview = fake.lastButtonsTo(owner.id).find((b) => b.text.includes('Предпросмотр'))
  await deliver(u.callback(owner, preview?.data as string))
  await until(() => fake.lastButtonsTo(owner.id).some((b) => b.text.includes('Отправить')))
  const send = fake.lastButtonsTo(owner.id).find((b) => b.text.includes('Отправить'))
  await first.stop()

  // The restart, in webhook mode: while Telegram is slow to answer setWebhook, the owner's
  // press of "Send" comes to the webhook, which still points here
  const release = fake.hold((c) => c.method === 'setWebhook')
  const { config, post } = await webhookSetup(dbPath)
  const starting = startApp({ config, logger, clock, client: { fetch: fake.fetch as typeof fetch } })
  await until(() => fake.callsOf('setWebhook').length > 0)
  expect(await post(u.callback(owner, send?.data as string))).toBe(200)
  release()
  const second = await starting
  apps.push(second)
  // It runs, started by the press (its sends wait for the clock, which this test does not move),
  // and the owner is not told it resumes after a restart (said as the worker starts)
  expect(second.deps.services.broadcasts.worker()?.isRunning(1)).toBe(true)
  expect(lines.map((l) => l.msg)).not.toContain('resuming a broadcast after a restart')
  expect(fake.textsTo(owner.id).filter((t) => t.includes('перезапустился во время рассылки'))).toEqual([])
})

it('setWebhook refused while an update that came meanwhile is handled: it finishes and is answered before the database closes', async () => {
  const fake = new FakeTelegram()
  const u = new UpdateFactory(fake, STAFF_GROUP_ID)
  const user = u.user(7801, { first_name: 'Вера' })
  const lines: LogLine[] = []
  const logger = createLogger({ level: 'info', destination: { write: (t: string) => void lines.push(JSON.parse(t)) } })
  const { config, post } = await webhookSetup(join(mkdtempSync(join(tmpdir(), 'cd-start-')), 'bot.sqlite'))
  // Telegram has a bad moment: setWebhook is slow, then it cannot resolve the (unchanged) host
  const releaseHook = fake.hold((c) => c.method === 'setWebhook')
  fake.fail({ method: 'setWebhook', error_code: 400, description: 'Bad Request: bad webhook: Failed to resolve host' })
  const failed = startOrFail({
    config,
    logger,
    clock: createFakeClock(),
    client: { fetch: fake.fetch as typeof fetch },
  })
  await until(() => fake.callsOf('setWebhook').length > 0)
  // A client's /start comes to the webhook, still set to this address from the last run
  const toUser = (c: { method: string; payload: Record<string, unknown> }) =>
    c.method === 'sendMessage' && Number(c.payload.chat_id) === user.id
  const releaseReply = fake.hold(toUser)
  const answer = post(u.text(user, '/start'))
  await until(() => fake.calls.some(toUser))
  // Telegram refuses the webhook while the greeting is on its way; the start-up's failure path
  // runs (a moment of real time) before the greeting's answer comes back
  releaseHook()
  await until(() => fake.callsOf('setWebhook')[0]?.ok === false)
  await new Promise((resolve) => setTimeout(resolve, 200))
  releaseReply()
  expect((await failed)?.message).toContain('WEBHOOK_URL was refused by Telegram')
  expect(await answer).toBe(200)
  expect(fake.textsTo(user.id).filter((t) => t.includes('Здравствуйте'))).toHaveLength(1)
  expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([])
})

/**
 * No connection to the database file is left open: SQLite removes the -wal file when the last
 * connection to it closes (the bot's own, once the read worker's thread has ended with its own).
 */
const allClosed = (dbPath: string) => !existsSync(`${dbPath}-wal`)

it("setWebhook refused after an owner's /stats started the read worker: the start-up fails with the worker stopped and the database closed", async () => {
  const fake = new FakeTelegram()
  const u = new UpdateFactory(fake, STAFF_GROUP_ID)
  const owner = u.user(OWNER_ID, { first_name: 'Олег' })
  const dbPath = join(mkdtempSync(join(tmpdir(), 'cd-start-')), 'bot.sqlite')
  const { config, post } = await webhookSetup(dbPath)
  const releaseHook = fake.hold((c) => c.method === 'setWebhook')
  fake.fail({ method: 'setWebhook', error_code: 400, description: 'Bad Request: bad webhook: Failed to resolve host' })
  const failed = startOrFail({
    config,
    logger: createLogger({ level: 'silent' }),
    clock: createFakeClock(),
    client: { fetch: fake.fetch as typeof fetch },
  })
  await until(() => fake.callsOf('setWebhook').length > 0)
  // The webhook still points here from the last run: the owner's /stats comes while Telegram
  // is asked, and is answered from the read worker's thread
  expect(await post(u.text(owner, '/stats'))).toBe(200)
  await until(() => fake.textsTo(owner.id).some((t) => t.includes('Статистика за 30 дней')))

  releaseHook()
  expect((await failed)?.message).toContain('WEBHOOK_URL was refused by Telegram')
  expect(allClosed(dbPath)).toBe(true)
})

it('long polling: Telegram will not remove the webhook: the start-up fails with the health listener and the database closed', async () => {
  const fake = new FakeTelegram()
  // The token was revoked in @BotFather a moment after getMe passed
  fake.fail({ method: 'deleteWebhook', error_code: 401, description: 'Unauthorized' })
  const dbPath = join(mkdtempSync(join(tmpdir(), 'cd-start-')), 'bot.sqlite')
  const healthPort = await freePort()
  const failed = await startOrFail({
    config: testConfig({ DATABASE_PATH: dbPath, HEALTH_PORT: String(healthPort) }),
    logger: createLogger({ level: 'silent' }),
    clock: createFakeClock(),
    client: { fetch: fake.fetch as typeof fetch },
  })
  expect(failed?.message).toContain(
    'Cannot start long polling: Telegram refused to remove the webhook (401: Unauthorized)',
  )
  expect(await takesConnections(healthPort)).toBe(false)
  expect(allClosed(dbPath)).toBe(true)
})
