/**
 * Stopping the running app (src/app.ts, long polling or webhook, its real database file) while
 * an update is still being handled: Telegram has already counted the update as delivered, so
 * the stop lets it finish — the client's reply goes out and the transcript has it — before
 * the database closes. The fake Bot API at the network edge holds the reply's answer. In
 * webhook mode, what else is connected to the port does not hold the stop.
 */
import { mkdtempSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { type App, startApp } from '../src/app.ts'
import { createLogger } from '../src/logger.ts'
import { createFakeClock } from './helpers/clock.ts'
import { FakeTelegram } from './helpers/fake-telegram.ts'
import { type LogLine, STAFF_GROUP_ID, testConfig } from './helpers/harness.ts'
import { takesConnections, webhookSetup } from './helpers/net.ts'
import { UpdateFactory } from './helpers/updates.ts'
import { until } from './helpers/wait.ts'

/** The app in webhook mode on a free local port, and Telegram posting to it. */
async function startWebhookApp(fake: FakeTelegram) {
  const { config, port, post } = await webhookSetup(join(mkdtempSync(join(tmpdir(), 'cd-stop-')), 'bot.sqlite'))
  const started = await startApp({
    config,
    logger: createLogger({ level: 'silent' }),
    clock: createFakeClock(),
    client: { fetch: fake.fetch as typeof fetch },
  })
  return { app: started, port, post }
}

let app: App | undefined
afterEach(async () => {
  await app?.stop()
  app = undefined
})

describe('stopping the app', () => {
  it('lets an update still being handled finish before it closes the database', async () => {
    const fake = new FakeTelegram()
    const u = new UpdateFactory(fake, STAFF_GROUP_ID)
    const user = u.user(7301, { first_name: 'Вера' })
    const dbPath = join(mkdtempSync(join(tmpdir(), 'cd-stop-')), 'bot.sqlite')
    const logs: LogLine[] = []
    let onLog = (_line: LogLine) => {}
    const logger = createLogger({
      level: 'info',
      destination: {
        write: (text: string) => {
          const line = JSON.parse(text) as LogLine
          logs.push(line)
          onLog(line)
        },
      },
    })
    app = await startApp({
      config: testConfig({ DATABASE_PATH: dbPath }),
      logger,
      clock: createFakeClock(),
      client: { fetch: fake.fetch as typeof fetch },
    })

    // Telegram is slow to answer the greeting: the update is mid-way when the stop comes
    const toUser = (call: { method: string; payload: Record<string, unknown> }) =>
      call.method === 'sendMessage' && Number(call.payload.chat_id) === user.id
    const release = fake.hold(toUser)
    const start = u.text(user, '/start')
    fake.emulator.enqueue({ message: start.message } as Parameters<typeof fake.emulator.enqueue>[0])
    await until(() => fake.calls.some(toUser))

    const stopping = app.stop()
    // Telegram answers once the stop has gone as far as it goes without the update: it says
    // it waits for it (or, not waiting, it has closed the database and ended)
    onLog = (line) => {
      if (line.msg === 'shutting down: letting the updates being handled finish') release()
    }
    void stopping.then(release)
    await stopping
    await until(() => fake.textsTo(user.id).length >= 2 || logs.some((l) => l.level >= 50))

    expect(logs.filter((l) => l.level >= 40)).toEqual([])
    expect(logs.find((l) => l.msg === 'shutting down: letting the updates being handled finish')).toMatchObject({
      updates: 1,
    })
    const sent = fake.textsTo(user.id)
    expect(sent[0]).toContain('Здравствуйте, Вера!')
    expect(sent.length).toBeGreaterThanOrEqual(2)

    // The transcript has the client's /start and every message the bot sent them
    const db = new Database(dbPath, { readonly: true })
    try {
      const rows = db
        .prepare(
          `select m.direction, m.text from messages m join clients c on c.id = m.client_id
           where c.telegram_id = ? order by m.id`,
        )
        .all(user.id) as { direction: string; text: string | null }[]
      expect(rows[0]).toEqual({ direction: 'in', text: '/start' })
      expect(rows.filter((r) => r.direction === 'bot').map((r) => r.text)).toEqual(sent)
    } finally {
      db.close()
    }
  })

  it('tells Telegram the updates it took were handled, also when it was too busy to ask for more', async () => {
    const fake = new FakeTelegram()
    const u = new UpdateFactory(fake, STAFF_GROUP_ID)
    // More clients at once than the runner keeps in flight (500): it stops asking for more
    const users = Array.from({ length: 600 }, (_, i) => u.user(7400 + i, { first_name: `К${i}` }))
    const logger = createLogger({ level: 'silent' })
    app = await startApp({
      config: testConfig({ DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'cd-stop-')), 'bot.sqlite') }),
      logger,
      clock: createFakeClock(),
      client: { fetch: fake.fetch as typeof fetch },
    })
    const ours = new Set(users.map((user) => user.id))
    const greeting = (call: { method: string; payload: Record<string, unknown> }) =>
      call.method === 'sendMessage' && ours.has(Number(call.payload.chat_id))
    const release = fake.hold(greeting)
    for (const user of users) {
      const start = u.text(user, '/start')
      fake.emulator.enqueue({ message: start.message } as Parameters<typeof fake.emulator.enqueue>[0])
    }
    // The runner has taken 500 (it asked for the updates after the 400th) and asks for no more
    const firstId = fake.emulator.pending()[0]?.update_id ?? 0
    await until(() => fake.callsOf('getUpdates').some((c) => Number(c.payload.offset) === firstId + 400))
    // Telegram answers again, and the bot is stopped with its 500 updates still under way
    release()
    await app.stop()
    app = undefined
    // Every client whose /start was answered is gone from what Telegram would send the next run
    const answered = new Set(fake.calls.filter(greeting).map((c) => Number(c.payload.chat_id)))
    const again = fake.emulator.pending().filter((up) => answered.has(up.message?.from?.id ?? 0))
    expect(answered.size).toBeGreaterThanOrEqual(500)
    expect(again).toEqual([])
    // What it never took stays for the next run
    expect(fake.emulator.pending().length).toBe(users.length - answered.size)
  })

  describe('in webhook mode', () => {
    it('a connection that sent half a request and then nothing does not hold the stop', async () => {
      const fake = new FakeTelegram()
      const running = await startWebhookApp(fake)
      app = running.app
      // A scanner, a dropped mobile client, a proxy that stalls: the request line and some
      // headers, then nothing more (Node would wait minutes for the rest)
      const socket = connect(running.port, '127.0.0.1')
      socket.on('error', () => {})
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      socket.write('POST /tg/hook HTTP/1.1\r\nHost: bot.example.com\r\nContent-Type: application/json\r\n')
      // A request on another connection answered: the server has read what came before it
      expect((await fetch(`http://127.0.0.1:${running.port}/`)).status).toBe(404)

      // The stop ends (the test's own timeout is the limit), and the connection with it
      await expect(app.stop()).resolves.toBeUndefined()
      app = undefined
      await closed
    })

    it('an update being handled still finishes and gets its answer, so Telegram does not send it again', async () => {
      const fake = new FakeTelegram()
      const u = new UpdateFactory(fake, STAFF_GROUP_ID)
      const user = u.user(7302, { first_name: 'Вера' })
      const running = await startWebhookApp(fake)
      app = running.app
      const toUser = (call: { method: string; payload: Record<string, unknown> }) =>
        call.method === 'sendMessage' && Number(call.payload.chat_id) === user.id
      const release = fake.hold(toUser)
      const answer = running.post(u.text(user, '/start'))
      await until(() => fake.calls.some(toUser))

      // The stop comes with the update mid-way; once the port takes no new connection, Telegram answers
      const stopping = app.stop()
      while (await takesConnections(running.port)) {}
      release()
      await stopping
      app = undefined

      expect(await answer).toBe(200)
      expect(fake.textsTo(user.id)[0]).toContain('Здравствуйте, Вера!')
    })
  })
})
