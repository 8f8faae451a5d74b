/**
 * GET /healthz on the running app (src/app.ts, webhook mode, its real HTTP
 * server) with the fake Bot API at the network edge: 200 when the bot can
 * work, 503 with the reason when the database is gone or cannot be written, or
 * the staff group is not usable; the JSON body has the details either way.
 */
import { existsSync, mkdtempSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type App, startApp } from '../src/app.ts'
import type { StaffGroupState } from '../src/bot/staff-group-check.ts'
import { createHealth, type HealthReport } from '../src/health.ts'
import { createLogger } from '../src/logger.ts'
import { createFakeClock, type FakeClock } from './helpers/clock.ts'
import { FakeTelegram } from './helpers/fake-telegram.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID, testConfig } from './helpers/harness.ts'
import { freePort } from './helpers/net.ts'
import { UpdateFactory } from './helpers/updates.ts'

const SECRET = 'health-test-secret-0123456789abcdef'

interface Running {
  app: App
  fake: FakeTelegram
  clock: FakeClock
  dbPath: string
  healthz(): Promise<{ status: number; body: HealthReport }>
  post(update: unknown): Promise<number>
}

let running: Running | undefined
afterEach(async () => {
  await running?.app.stop()
  running = undefined
})

async function start(prepare: (fake: FakeTelegram) => void = () => {}): Promise<Running> {
  const fake = new FakeTelegram()
  prepare(fake)
  const dbPath = join(mkdtempSync(join(tmpdir(), 'cd-health-')), 'bot.sqlite')
  const port = await freePort()
  const clock = createFakeClock()
  const app = await startApp({
    config: testConfig({
      DATABASE_PATH: dbPath,
      WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_PORT: String(port),
      WEBHOOK_HOST: '127.0.0.1',
    }),
    logger: createLogger({ level: 'silent' }),
    clock,
    client: { fetch: fake.fetch as typeof fetch },
  })
  const base = `http://127.0.0.1:${port}`
  running = {
    app,
    fake,
    clock,
    dbPath,
    async healthz() {
      const res = await fetch(`${base}/healthz`)
      expect(res.headers.get('content-type')).toContain('application/json')
      return { status: res.status, body: (await res.json()) as HealthReport }
    },
    async post(update) {
      const res = await fetch(`${base}/tg/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      })
      return res.status
    },
  }
  return running
}

describe('GET /healthz', () => {
  it('answers 200 with the database, updates, queues and the staff group when all is well', async () => {
    const bot = await start()
    const first = await bot.healthz()
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      status: 'ok',
      problems: [],
      database: { ok: true, path: bot.dbPath },
      updates: { receiving: true, lastAt: null },
      queues: { outboxPending: 0, jobsDue: 0, broadcastsSending: 0, broadcastMessagesLeft: 0 },
      staffGroups: [{ id: STAFF_GROUP_ID, problems: [], missingRights: [] }],
    })
    // The start-up check is reused, not repeated for every request
    expect(bot.fake.callsOf('getChatMember')).toHaveLength(1)

    const user = new UpdateFactory(bot.fake, STAFF_GROUP_ID).user(7001, { first_name: 'Ира' })
    expect(await bot.post(new UpdateFactory(bot.fake, STAFF_GROUP_ID).text(user, '/start'))).toBe(200)
    const after = await bot.healthz()
    expect(after.body.updates).toMatchObject({ receiving: true, lastAt: new Date(bot.clock.now()).toISOString() })
  })

  it('answers 503 with the reason when the staff group is not usable, and 200 again once it is fixed', async () => {
    const bot = await start((fake) => {
      fake.botIsAdmin = false
    })
    const broken = await bot.healthz()
    expect(broken.status).toBe(503)
    expect(broken.body.status).toBe('failing')
    expect(broken.body.problems).toEqual([`staff group ${STAFF_GROUP_ID} is not usable: bot-not-admin`])

    bot.fake.botIsAdmin = true
    // Within a minute the last check stands; after it, Telegram is asked again
    expect((await bot.healthz()).status).toBe(503)
    bot.clock.advance(61_000)
    const fixed = await bot.healthz()
    expect(fixed.status).toBe(200)
    expect(fixed.body.staffGroups).toMatchObject([{ id: STAFF_GROUP_ID, problems: [], missingRights: [] }])
  })

  it('answers 503 when the database file is removed under the running bot', async () => {
    const bot = await start()
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(bot.dbPath + suffix)) unlinkSync(bot.dbPath + suffix)
    }
    const gone = await bot.healthz()
    expect(gone.status).toBe(503)
    expect(gone.body.database).toEqual({ ok: false, path: bot.dbPath })
    expect(gone.body.problems).toEqual([
      `database file ${bot.dbPath} was removed while the bot runs: what it writes now is lost at the next restart`,
    ])
  })

  it('answers 503 when the database cannot be read', async () => {
    const bot = await start()
    bot.app.deps.sqlite.close()
    const closed = await bot.healthz()
    expect(closed.status).toBe(503)
    expect(closed.body.problems).toEqual(['database cannot be read: The database connection is not open'])
    expect(closed.body.queues).toBeNull()
  })

  it('answers 503 when the database can be read but not written, and 200 again once it can', async () => {
    const bot = await start()
    // A full disk or a file system remounted read-only after an I/O error: every write
    // fails, reads still work. query_only gives the bot's connection exactly that
    bot.app.deps.sqlite.pragma('query_only = ON')
    const updates = new UpdateFactory(bot.fake, STAFF_GROUP_ID)
    const user = updates.user(7101, { first_name: 'Ира' })
    expect(await bot.post(updates.text(user, '/start'))).toBe(200)
    // The client gets no greeting, only the bot's apology for an error
    await vi.waitFor(() => expect(bot.fake.textsTo(user.id).length).toBeGreaterThan(0))
    expect(bot.fake.textsTo(user.id).join('\n')).not.toContain('Здравствуйте')

    const full = await bot.healthz()
    expect(full.status).toBe(503)
    expect(full.body.problems).toEqual(['database cannot be written: attempt to write a readonly database'])
    expect(full.body.database).toEqual({ ok: false, path: bot.dbPath })
    expect(full.body.queues).toMatchObject({ outboxPending: 0 })

    // Writable again: the next write check, at most 10 s later, says so
    bot.app.deps.sqlite.pragma('query_only = OFF')
    expect((await bot.healthz()).status).toBe(503)
    bot.clock.advance(10_000)
    expect((await bot.healthz()).status).toBe(200)
  })

  it('a write check that finds the database locked by another writer keeps the last answer, whatever busy code SQLite gives', async () => {
    const bot = await start()
    expect((await bot.healthz()).status).toBe(200)

    // Another process (the sqlite3 shell, a migration) holds the write lock: SQLITE_BUSY at once
    const other = new Database(bot.dbPath)
    other.exec('BEGIN IMMEDIATE')
    bot.clock.advance(10_000)
    const locked = await bot.healthz()
    other.exec('ROLLBACK')
    other.close()
    expect(locked.status).toBe(200)
    expect(locked.body.problems).toEqual([])

    // SQLite may say so with an extended code of the same family (a reader recovering the log
    // after a crash, a snapshot gone stale, a shared-cache lock): the same temporary condition.
    // The write is refused with it as better-sqlite3 reports it
    const refuse = (code: string, message = 'database is locked') => {
      const pragma = bot.app.deps.sqlite.pragma.bind(bot.app.deps.sqlite)
      return vi.spyOn(bot.app.deps.sqlite, 'pragma').mockImplementation((source, options) => {
        if (source.startsWith('user_version =')) throw new Database.SqliteError(message, code)
        return pragma(source, options)
      })
    }
    for (const code of [
      'SQLITE_BUSY_RECOVERY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_BUSY_TIMEOUT',
      'SQLITE_LOCKED_SHAREDCACHE',
    ]) {
      const spy = refuse(code)
      bot.clock.advance(10_000)
      const busy = await bot.healthz()
      spy.mockRestore()
      expect({ code, status: busy.status, problems: busy.body.problems }).toEqual({ code, status: 200, problems: [] })
    }
    // A failure that is not a lock is a failure (the same refusal with a disk error's code)
    const spy = refuse('SQLITE_IOERR_WRITE', 'disk I/O error')
    bot.clock.advance(10_000)
    const failing = await bot.healthz()
    spy.mockRestore()
    expect(failing.status).toBe(503)
    expect(failing.body.problems).toEqual(['database cannot be written: disk I/O error'])
  })

  it('reports the rights the bot uses but lacks, and tells the owners at start-up, without failing', async () => {
    const bot = await start((fake) => {
      fake.botRights.can_pin_messages = false
      fake.botRights.can_delete_messages = false
    })
    const report = await bot.healthz()
    expect(report.status).toBe(200)
    expect(report.body.staffGroups).toMatchObject([{ problems: [], missingRights: ['pin', 'delete'] }])
    // The report goes through the owners' queue: it may follow the start by a moment
    await vi.waitFor(() => expect(bot.fake.textsTo(OWNER_ID).join('\n')).toContain('«Удаление сообщений»'))
    const told = bot.fake.textsTo(OWNER_ID).join('\n')
    expect(told).toContain('Рабочая группа работает, но боту не хватает прав администратора')
    expect(told).toContain('«Закрепление сообщений»')
    expect(told).toContain('«Удаление сообщений» (по желанию)')
  })

  it('answers only GET and HEAD', async () => {
    const bot = await start()
    const url = `http://127.0.0.1:${bot.app.deps.config.WEBHOOK_PORT}/healthz`
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200)
    expect((await fetch(url, { method: 'POST' })).status).toBe(405)
  })
})

describe('the staff-group check behind /healthz', () => {
  it('answers 503 in time when Telegram does not answer, and uses the late answer once it comes', async () => {
    const h = createHarness()
    let answer: (state: StaffGroupState) => void = () => {}
    let asked = 0
    const health = createHealth({
      deps: h.deps,
      // An unreachable Telegram: the bot's API keeps retrying and the call does not end
      checkStaffGroup: () => {
        asked++
        return new Promise((resolve) => {
          answer = resolve
        })
      },
      receiving: () => true,
      staffCheckWaitMs: 50,
    })
    const waiting = await health.report()
    expect(waiting.status).toBe('failing')
    expect(waiting.problems).toEqual([
      `cannot reach Telegram to check staff group ${STAFF_GROUP_ID}: no answer within 0.05 s`,
    ])
    expect(waiting.staffGroups).toMatchObject([{ id: STAFF_GROUP_ID, error: 'no answer within 0.05 s' }])
    // A second request does not ask again while the first question is open
    expect((await health.report()).status).toBe('failing')
    expect(asked).toBe(1)

    answer({ problems: [], missingRights: [] })
    const answered = await health.report()
    expect(answered.status).toBe('ok')
    expect(answered.staffGroups).toMatchObject([{ id: STAFF_GROUP_ID, problems: [], missingRights: [] }])
    expect(asked).toBe(1)
  })

  it('checks every staff group: one that is not usable fails the check, naming it', async () => {
    const second = -1_009_876_543_210
    const h = createHarness({ config: { STAFF_GROUP_IDS: `${STAFF_GROUP_ID},${second}` } })
    const asked: number[] = []
    const health = createHealth({
      deps: h.deps,
      checkStaffGroup: async (groupId): Promise<StaffGroupState> => {
        asked.push(groupId)
        return groupId === second
          ? { problems: ['topics-off'], missingRights: [] }
          : { problems: [], missingRights: [] }
      },
      receiving: () => true,
    })
    const report = await health.report()
    expect(asked).toEqual([STAFF_GROUP_ID, second])
    expect(report.status).toBe('failing')
    expect(report.problems).toEqual([`staff group ${second} is not usable: topics-off`])
    expect(report.staffGroups).toMatchObject([
      { id: STAFF_GROUP_ID, problems: [] },
      { id: second, problems: ['topics-off'] },
    ])
  })
})
