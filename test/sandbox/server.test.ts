/**
 * The sandbox as its page and automated checks use it, over HTTP: the real app
 * on the embedded Bot API, the movable clock that runs what became due at once,
 * the world kept across a restart (and `--reset`), an owner's content file
 * previewed with its validation report, and `--api-root` against another
 * Bot API server.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { type Agent, createServer, type IncomingHttpHeaders, request, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { Api, type ApiClientOptions } from 'grammy'
import type { Message } from 'grammy/types'
import { DateTime } from 'luxon'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabaseAt } from '../../src/app.ts'
import { createBotApis } from '../../src/bot/api.ts'
import { defaultFetch } from '../../src/bot/handoff/recorder.ts'
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/server.ts'
import { TelegramEmulator } from '../../src/sandbox/telegram/emulator.ts'
import { createBotApiHandler } from '../../src/sandbox/telegram/http.ts'
import { createHarness } from '../helpers/harness.ts'

const DEMO = new URL('../../db/seed/web-studio.yaml', import.meta.url).pathname
/** The sandbox's staff group (src/sandbox/world.ts). */
const STAFF = -1_001_000_000_001
/** The owner (OWNER_IDS) in the sandbox's world (src/sandbox/world.ts). */
const OWNER = 100_001
/** The sandbox's bot token (src/sandbox/world.ts): local only, in every copy of the project. */
const TOKEN = '7000000001:SANDBOX-local-only-not-a-telegram-token'

type Fetch = NonNullable<ApiClientOptions['fetch']>

const running: { stop(): Promise<void> }[] = []
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop()
})

interface LogLine {
  level: number
  msg: string
}

async function sandbox(options: Partial<SandboxOptions> & { dir?: string } = {}) {
  const { dir = mkdtempSync(join(tmpdir(), 'cd-sbx-')), ...rest } = options
  const logs: LogLine[] = []
  const started = await startSandbox({
    port: 0,
    databasePath: join(dir, 'sandbox.sqlite'),
    contentPath: DEMO,
    logLevel: 'warn',
    logDestination: { write: (line: string) => void logs.push(JSON.parse(line)) },
    ...rest,
  })
  running.push(started)
  return { ...client(started), dir, logs, sandbox: started }
}

function client(s: Sandbox) {
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, s.url), {
      method,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    return { status: res.status, body: (await res.json()) as T }
  }
  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>('GET', path),
    post: <T = Record<string, unknown>>(path: string, body: unknown) => call<T>('POST', path, body),
    /** The texts of a chat, oldest first. */
    async texts(chat: number): Promise<string[]> {
      const { body } = await call<Message[]>('GET', `/sandbox/messages?chat=${chat}`)
      return body.map((m) => m.text ?? m.caption ?? '')
    },
  }
}

/** Polls until `check` holds (the bot answers over long polling, a moment later). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Another Bot API server (an emulator of its own) with a staff group and an owner; its root URL. */
/** Presses the button of `chat` whose callback data `data` picks (the newest), once it is there. */
async function pressWhenThere(
  s: ReturnType<typeof client>,
  from: number,
  chat: number,
  data: (d: string) => boolean,
  what: string,
): Promise<void> {
  let found: { message: number; data: string } | undefined
  await until(async () => {
    for (const m of (await s.get<Message[]>(`/sandbox/messages?chat=${chat}`)).body) {
      for (const b of m.reply_markup?.inline_keyboard.flat() ?? []) {
        if ('callback_data' in b && b.callback_data && data(b.callback_data)) {
          found = { message: m.message_id, data: b.callback_data }
        }
      }
    }
    return found !== undefined
  }, what)
  await s.post('/sandbox/press', { from, chat, ...(found as { message: number; data: string }) })
}

async function otherBotApi() {
  const token = '7000000077:another-bot-api-server-token-0000000'
  const other = new TelegramEmulator({ token })
  other.addGroup({ id: -1_001_000_000_777, title: 'Staff', forum: true })
  other.addUser({ id: 777, first_name: 'Owner', started: true })
  const handle = createBotApiHandler(
    () => other,
    (err) => {
      throw err
    },
  )
  const server: Server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  running.push({ stop: () => new Promise((resolve) => server.close(() => resolve())) })
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { other, options: { apiRoot, token, staffGroupId: -1_001_000_000_777, ownerId: 777 } }
}

/** The next Monday 10:00 in the business's time zone: working hours, no quiet hours. */
function nextMondayMorning(): string {
  return DateTime.now().setZone('Europe/Moscow').plus({ weeks: 1 }).startOf('week').set({ hour: 10 }).toISO() ?? ''
}

describe('the sandbox server', () => {
  it('runs the real bot against the embedded Bot API: the team is there, a client is answered', async () => {
    const s = await sandbox()
    const state = (await s.get('/sandbox/state')).body as {
      status: string
      people: { name: string; role: string }[]
      calls: { method: string; ok: boolean }[]
    }
    expect(state.status).toBe('running')
    expect(state.people.map((p) => [p.name, p.role])).toEqual([
      ['Ольга Смирнова', 'owner'],
      ['Мария', 'manager'],
    ])
    // The forum is named after the business in the content file
    expect((state as unknown as { group: { title: string } }).group.title).toBe('Веб-студия «Лаконика» · команда')
    expect(state.calls.map((c) => c.method)).toContain('getMe')
    const { body } = await s.post('/sandbox/clients', { name: 'Анна Петрова', language: 'ru', username: 'anna_p' })
    const anna = Number(body.id)
    await s.post('/sandbox/send', { from: anna, chat: anna, text: '/start' })
    await until(async () => (await s.texts(anna)).some((t) => t.startsWith('Здравствуйте, Анна!')), 'the greeting')
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it('speaks the business language given with --locale: a client whose language it does not speak is greeted in it, and staff read it', async () => {
    const s = await sandbox({ locale: 'en' })
    // The team and the forum in that language too
    const state = (await s.get('/sandbox/state')).body as { people: { name: string }[]; group: { title: string } }
    expect(state.people.map((p) => p.name)).toEqual(['Olga Smith', 'Maria'])
    expect(state.group.title).toBe('Lakonika Web Studio · team')
    // The top bar names the business in it, and a manager added reads it
    expect((await s.get('/sandbox/state')).body).toMatchObject({ business: 'Lakonika Web Studio' })
    const tom = Number((await s.post('/sandbox/managers', { name: 'Tom' })).body.id)
    await s.post('/sandbox/send', { from: tom, chat: tom, text: '/start' })
    await until(
      async () => (await s.texts(tom)).some((t) => t.startsWith('Hello, Tom!')),
      "the manager's English start",
    )
    const { body } = await s.post('/sandbox/clients', { name: 'Jonas', language: 'de' })
    const jonas = Number(body.id)
    await s.post('/sandbox/send', { from: jonas, chat: jonas, text: '/start' })
    await until(async () => (await s.texts(jonas)).some((t) => t.startsWith('Hello, Jonas!')), 'the English greeting')
    await s.post('/sandbox/send', { from: jonas, chat: jonas, text: '/manager' })
    await until(
      async () => (await s.texts(STAFF)).some((t) => t.includes('the client asked for a manager')),
      'the request in English in the staff group',
    )
    // A language with its region, as Telegram's apps send it, is that language
    const james = Number((await s.post('/sandbox/clients', { name: 'James', language: 'en-GB' })).body.id)
    await s.post('/sandbox/send', { from: james, chat: james, text: '/start' })
    await until(async () => (await s.texts(james)).some((t) => t.startsWith('Hello, James!')), 'the greeting to en-GB')
    expect((await s.post('/sandbox/clients', { name: 'X', language: 'english' })).body).toEqual({
      error: 'language: a language code such as ru, en or en-GB',
    })
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it('someone the owner put on the team with /staff joins the staff group when the owner adds them there', async () => {
    const s = await sandbox({ locale: 'en' })
    const sam = Number(
      (await s.post('/sandbox/clients', { name: 'Sam Price', language: 'en', username: 'sam_p' })).body.id,
    )
    await s.post('/sandbox/send', { from: sam, chat: sam, text: '/start' })
    await until(async () => (await s.texts(sam)).some((t) => t.startsWith('Hello, Sam!')), 'the greeting')
    await s.post('/sandbox/send', { from: OWNER, chat: OWNER, text: '/staff' })
    await pressWhenThere(s, OWNER, OWNER, (d) => d === 'staffadd:manager', 'the add-a-manager button')
    await s.post('/sandbox/send', { from: OWNER, chat: OWNER, text: '@sam_p' })
    await pressWhenThere(s, OWNER, OWNER, (d) => d === `staffok:yes:${sam}:manager`, 'the confirmation')
    // Not in the group yet: Telegram refuses what they write there
    expect((await s.post('/sandbox/send', { from: sam, chat: STAFF, text: '/today' })).body).toEqual({
      error: 'You are not a member of this group',
    })
    // Only an admin adds members
    expect((await s.post('/sandbox/group/add', { from: sam, user: sam })).body).toEqual({
      error: 'You are not a member of this group',
    })
    expect((await s.post('/sandbox/group/add', { from: OWNER, user: sam })).status).toBe(200)
    expect((await s.post('/sandbox/group/add', { from: OWNER, user: sam })).body).toEqual({
      error: 'Already a member of this group',
    })
    const before = (await s.texts(STAFF)).length
    await s.post('/sandbox/send', { from: sam, chat: STAFF, text: '/today' })
    await until(async () => (await s.texts(STAFF)).length > before + 1, "the bot's answer to /today in the group")
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it("closes no idle connection of the bot's first: the bot's next call on it is not cut off (read ECONNRESET)", async () => {
    const s = await sandbox()
    const root = s.sandbox.url.replace(/\/$/, '')
    // The bot's own client options for this Bot API (its agent and its limit on idle
    // connections), with a fetch that sees the socket the agent keeps after the call
    const { client: options } = createBotApis(createHarness({ config: { BOT_API_ROOT: root } }).deps)
    let freed: Promise<Socket> | undefined
    let headers: { get(name: string): string | null } | undefined
    const fetch = (async (url: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      const { agent } = init as { agent: Agent }
      // Handled after the agent's own 'free' listener, which sets how long the socket may idle
      freed ??= new Promise((resolve) => agent.once('free', resolve))
      const res = await defaultFetch()(url, init)
      headers = res.headers
      return res
    }) as Fetch
    await new Api(TOKEN, { ...options, fetch }).getMe()
    const socket = await freed
    // Kept for the next call, idle for as long as the agent lets it…
    expect(headers?.get('connection')).toBe('keep-alive')
    expect(socket?.destroyed).toBe(false)
    const clientIdleMs = socket?.timeout || Number.POSITIVE_INFINITY
    // …and the server keeps it at least a second longer, as it announces
    const announced = /timeout=(\d+)/.exec(headers?.get('keep-alive') ?? '')?.[1]
    const serverIdleMs = announced === undefined ? Number.POSITIVE_INFINITY : Number(announced) * 1000
    expect(serverIdleMs).toBeGreaterThanOrEqual(clientIdleMs + 1_000)
  })

  it('moves the clock forward on request and runs what became due before answering', async () => {
    const s = await sandbox()
    expect((await s.post('/sandbox/clock', nextMondayMorning())).status).toBe(200)
    const { body } = await s.post('/sandbox/clients', { name: 'Вера', language: 'ru' })
    const vera = Number(body.id)
    await s.post('/sandbox/send', { from: vera, chat: vera, text: '/quiz' })
    await until(async () => (await s.texts(vera)).some((t) => t.includes('Вопрос 1 из 5')), 'the first question')
    // An unfinished quiz is nudged two hours later: after the move it is already there
    const moved = await s.post('/sandbox/clock', { to: '+3h' })
    expect(moved.status).toBe(200)
    expect(Number(moved.body.offset)).toBeGreaterThan(3 * 3_600_000)
    expect((await s.texts(vera)).at(-1)).toContain('подбор займёт пару минут')
    // The past and nonsense are refused with a reason
    const back = await s.post('/sandbox/clock', '2020-01-01T10:00')
    expect(back).toEqual({ status: 400, body: { error: 'the sandbox clock only moves forward' } })
    expect((await s.post('/sandbox/clock', 'soon')).status).toBe(400)
    // Past the dates the bot can write (even after a restart), refused: the clock stays
    const far = await s.post('/sandbox/clock', '+20000000w')
    expect(far).toEqual({ status: 400, body: { error: 'too far ahead: the sandbox clock goes up to the year 9999' } })
    const next = Number((await s.post('/sandbox/clock', { to: '+1m' })).body.offset)
    expect(next - Number(moved.body.offset)).toBeLessThan(3_600_000)
  })

  it('takes two clock moves in a row (a double click on +1 hour, two pages) one after the other: no false "may not have arrived"', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    // Several clients leave the quiz unfinished: each gets one nudge two hours later
    const clients: number[] = []
    for (let i = 0; i < 6; i++) {
      const id = Number((await s.post('/sandbox/clients', { name: `Клиент${i}`, language: 'ru' })).body.id)
      clients.push(id)
      await s.post('/sandbox/send', { from: id, chat: id, text: '/quiz' })
    }
    for (const id of clients) {
      await until(async () => (await s.texts(id)).some((t) => t.includes('Вопрос 1 из 5')), 'the first question')
    }
    const start = Number((await s.get<{ clock: { offset: number } }>('/sandbox/state')).body.clock.offset)
    // The owner clicks "+3 hours"… and, while the nudges go out, "+1 hour"
    const [first, second] = await Promise.all([s.post('/sandbox/clock', '+3h'), s.post('/sandbox/clock', '+1h')])
    expect([first.status, second.status]).toEqual([200, 200])
    // The second move came after the first: four hours in all
    expect(Number(second.body.offset) - start).toBeGreaterThan(4 * 3_600_000 - 60_000)
    // Every nudge arrived, once, before the answers; nobody is told one "may not have arrived"
    for (const id of clients) expect((await s.texts(id)).filter((t) => t.includes('подбор займёт'))).toHaveLength(1)
    expect((await s.texts(STAFF)).filter((t) => t.startsWith('⚠️'))).toEqual([])
    expect(s.logs.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([])
  })

  it('runs each job at its own time on the way: a Business reminder due two hours in goes then, inside the 24 hours, after one jump of a day', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    await s.post('/sandbox/business/connect', { on: true })
    const ivan = Number((await s.post('/sandbox/clients', { name: 'Иван', language: 'ru' })).body.id)
    await s.post('/sandbox/business/send', { from: ivan, chat: ivan, text: 'Здравствуйте, нужен лендинг' })
    let topic: number | undefined
    await until(async () => {
      const { body } = await s.get<Message[]>(`/sandbox/messages?chat=${STAFF}`)
      topic = body.find((m) => m.text?.includes('Здравствуйте, нужен лендинг'))?.message_thread_id
      return topic !== undefined
    }, 'the request in the staff group')
    await s.post('/sandbox/send', { from: 100_002, chat: STAFF, thread: topic, text: '/invoice 5000 Хостинг' })
    const inChat = async () =>
      (await s.get<Message[]>(`/sandbox/business/messages?chat=${ivan}`)).body.map((m) => m.text ?? '')
    await until(async () => (await inChat()).some((t) => t.includes('Сумма: 5')), 'the invoice')

    // A day and two hours at once: the first reminder was due two hours after the invoice
    expect((await s.post('/sandbox/clock', '+1d2h')).status).toBe(200)
    expect((await inChat()).filter((t) => t.includes('напоминаю про счёт'))).toHaveLength(1)
    expect((await s.texts(STAFF)).filter((t) => t.includes('Не отправлено клиенту'))).toEqual([])
    // A move to the very time a job is due: it runs, and the move is kept
    const db = new Database(join(s.dir, 'sandbox.sqlite'), { readonly: true })
    const due = (db.prepare("select min(run_at) as at from jobs where status = 'pending'").get() as { at: number }).at
    db.close()
    const moved = await s.post('/sandbox/clock', { to: new Date(due).toISOString() })
    expect(moved.status).toBe(200)
    expect(Date.parse(String(moved.body.now))).toBeGreaterThanOrEqual(due)
  })

  it('moves the clock right after the start without taking the jobs of the start-up run away from it', async () => {
    const s = await sandbox()
    expect((await s.post('/sandbox/clock', '+1d')).status).toBe(200)
    // The start-up run would have ended by now, its claims refused ("its claim was lost")
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(s.logs.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([])
  })

  it("answers a clock move once the staff group has what became due (a manager's missed deadline)", async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const { body } = await s.post('/sandbox/clients', { name: 'Глеб', language: 'ru' })
    const gleb = Number(body.id)
    await s.post('/sandbox/send', { from: gleb, chat: gleb, text: '/start' })
    await until(async () => (await s.texts(gleb)).length >= 3, 'the greeting')
    await s.post('/sandbox/send', { from: gleb, chat: gleb, text: '/manager' })
    await until(async () => (await s.texts(STAFF)).some((t) => t.includes('ждёт ответа')), 'the request')
    const before = (await s.texts(STAFF)).length
    const moved = await s.post('/sandbox/clock', '+1h')
    expect(moved.status).toBe(200)
    expect(moved.body.settled).toBe(true)
    // No waiting: the alert the SLA job queued for the group went out before the answer
    expect((await s.texts(STAFF)).slice(before).join('\n')).toMatch(/Никто не ответил за \d+ мин/)
  })

  it('says a clock move is not settled while the staff group still has messages waiting for their turn', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    // More new requests at once than the group takes in the move's minute and the one before
    // (20 messages a minute; three a request: its topic, the card, the card's pin). The move
    // sends what the group takes on its way, as a bot left running would, so one minute's
    // backlog would all be out by its end
    const ids: number[] = []
    for (let i = 0; i < 24; i++) {
      ids.push(Number((await s.post('/sandbox/clients', { name: `Клиент ${i}`, language: 'ru' })).body.id))
    }
    for (const id of ids) await s.post('/sandbox/send', { from: id, chat: id, text: '/manager' })
    const moved = await s.post('/sandbox/clock', '+1m')
    expect(moved.status).toBe(200)
    expect(moved.body.settled).toBe(false)
  })

  it("sends what the outbox held for its turn during a jump at the outbox's own time, not at the next job's: alerts are dated when they were due", async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    // Eight requests at once: their deadlines pass together, more alerts than the owner's chat
    // takes in a burst and the staff group in a minute — some wait seconds for their turn
    const ids: number[] = []
    for (let i = 0; i < 8; i++) {
      ids.push(Number((await s.post('/sandbox/clients', { name: `Клиент ${i}`, language: 'ru' })).body.id))
    }
    for (const id of ids) await s.post('/sandbox/send', { from: id, chat: id, text: '/manager' })
    for (const id of ids) {
      await until(async () => (await s.texts(id)).some((t) => t.includes('передаю вас менеджеру')), 'the handoff')
    }
    // A day at once across the deadlines (15 minutes in) and the times promised to the clients
    // (15 more); without stops for the outbox, what waited went at the next job's time (10:30,
    // then the move's end) and was dated then
    expect((await s.post('/sandbox/clock', '+1d')).body.settled).toBe(true)
    const db = new Database(join(s.dir, 'sandbox.sqlite'), { readonly: true })
    const checks = db
      .prepare("select run_at as at, payload from jobs where kind = 'handoff_sla' and status = 'done'")
      .all() as { at: number; payload: string }[]
    db.close()
    /** When the checks of one kind were due: the first and the last (the eight opened seconds apart). */
    const span = (promise: boolean) => {
      const times = checks.filter((c) => 'promisedAt' in JSON.parse(c.payload) === promise).map((c) => c.at)
      expect(times).toHaveLength(ids.length)
      return { from: Math.min(...times), to: Math.max(...times) }
    }
    const deadline = span(false)
    const promised = span(true)
    /**
     * The dates (ms, to the second) of the messages in `chat` that include `text`, once for each
     * time it is there: the owner's alerts due together go as one message, each its own lines.
     */
    const dated = async (chat: number, text: string) =>
      (await s.get<Message[]>(`/sandbox/messages?chat=${chat}`)).body.flatMap((m) =>
        Array.from({ length: (m.text ?? '').split(text).length - 1 }, () => m.date * 1000),
      )
    const within = (dates: number[], due: { from: number; to: number }) => {
      expect(dates).toHaveLength(ids.length)
      // Sent in their turn, minutes after they were due at most — not at the next job's time
      for (const date of dates) {
        expect(date).toBeGreaterThanOrEqual(Math.floor(due.from / 1000) * 1000)
        expect(date).toBeLessThan(due.to + 5 * 60_000)
      }
    }
    within(await dated(OWNER, 'ждёт ответа менеджера дольше'), deadline)
    within(await dated(STAFF, 'Никто не ответил за'), deadline)
    within(await dated(OWNER, 'ответа к обещанному времени'), promised)
    within(await dated(STAFF, 'Клиенту обещали ответ до'), promised)
  })

  it('starts a broadcast put off to the morning at 9:00 during a jump past it: the clients get it then, and the owner the report', async () => {
    const s = await sandbox()
    // A Monday evening in the quiet hours (21:00–09:00 in the demo's content)
    const monday = DateTime.fromISO(nextMondayMorning(), { setZone: true })
    await s.post('/sandbox/clock', monday.set({ hour: 22, minute: 30 }).toISO())
    const press = (from: number, chat: number, data: (d: string) => boolean, what: string) =>
      pressWhenThere(s, from, chat, data, what)
    // Two clients agree to the news
    const clients: number[] = []
    for (const name of ['Алла', 'Борис']) {
      const id = Number((await s.post('/sandbox/clients', { name, language: 'ru' })).body.id)
      clients.push(id)
      await s.post('/sandbox/send', { from: id, chat: id, text: '/start' })
      await press(id, id, (d) => d === 'consent:yes', 'the question about the news')
    }
    const consented = () => {
      const db = new Database(join(s.dir, 'sandbox.sqlite'), { readonly: true })
      const { n } = db.prepare('select count(*) as n from clients where consent_at is not null').get() as { n: number }
      db.close()
      return n
    }
    await until(async () => consented() === clients.length, 'the consents')

    // The owner prepares a broadcast in the quiet hours and puts it off to the morning
    await s.post('/sandbox/send', { from: OWNER, chat: OWNER, text: '/broadcast' })
    await until(async () => (await s.texts(OWNER)).some((t) => t.startsWith('📣')), 'the compose prompt')
    await s.post('/sandbox/send', { from: OWNER, chat: OWNER, text: 'Весенние скидки до пятницы' })
    await press(OWNER, OWNER, (d) => /^bcm:\d+:preview$/.test(d), 'the segment menu')
    await press(OWNER, OWNER, (d) => /^bcm:\d+:morning$/.test(d), 'the offer to send it in the morning')
    await until(async () => (await s.texts(OWNER)).some((t) => t.startsWith('🕘')), 'the broadcast put off')

    // One jump past 9:00 to noon: the broadcast starts at its time, not at the next stop
    const nine = monday.plus({ days: 1 }).set({ hour: 9, minute: 0 }).toMillis()
    const moved = await s.post('/sandbox/clock', monday.plus({ days: 1 }).set({ hour: 12 }).toISO())
    expect(moved.status).toBe(200)
    expect(moved.body.settled).toBe(true)
    /** The dates (ms) of the messages in `chat` that include `text`. */
    const dated = async (chat: number, text: string) =>
      (await s.get<Message[]>(`/sandbox/messages?chat=${chat}`)).body
        .filter((m) => m.text?.includes(text))
        .map((m) => m.date * 1000)
    const atNine = (dates: number[]) => {
      expect(dates).toHaveLength(1)
      for (const date of dates) {
        expect(date).toBeGreaterThanOrEqual(nine)
        expect(date).toBeLessThan(nine + 5 * 60_000)
      }
    }
    for (const id of clients) atNine(await dated(id, 'Весенние скидки до пятницы'))
    atNine(await dated(OWNER, 'завершена'))
  })

  it('keeps the chats, the database and the clock across a restart; reset starts over', async () => {
    const first = await sandbox()
    const { body } = await first.post('/sandbox/clients', { name: 'Олег', language: 'ru' })
    const oleg = Number(body.id)
    await first.post('/sandbox/send', { from: oleg, chat: oleg, text: '/start' })
    await until(async () => (await first.texts(oleg)).length >= 3, 'the greeting')
    await first.post('/sandbox/clock', '+1d')
    await first.sandbox.stop()
    running.splice(0)

    const again = await sandbox({ dir: first.dir })
    const state = (await again.get('/sandbox/state')).body as { people: { id: number }[]; clock: { offset: number } }
    expect(state.people.map((p) => p.id)).toContain(oleg)
    expect(state.clock.offset).toBeGreaterThan(86_400_000 - 60_000)
    const before = (await again.texts(oleg)).length
    expect(before).toBeGreaterThanOrEqual(3)
    // The same bot knows the same client: the database came along with the chat
    await again.post('/sandbox/send', { from: oleg, chat: oleg, text: '/menu' })
    await until(async () => (await again.texts(oleg)).length > before + 1, 'the menu')
    await again.post('/sandbox/reset', {})
    const fresh = (await again.get('/sandbox/state')).body as { people: unknown[]; clock: { offset: number } }
    expect(fresh.people).toHaveLength(2)
    expect(fresh.clock.offset).toBe(0)
  })

  it('keeps a file sent in a chat beside the world, written once: saves leave it, a restart serves it, reset removes it', async () => {
    const first = await sandbox()
    const anna = Number((await first.post('/sandbox/clients', { name: 'Анна', language: 'ru' })).body.id)
    await first.post('/sandbox/send', { from: anna, chat: anna, text: '/start' })
    await until(async () => (await first.texts(anna)).length >= 2, 'the greeting')
    // A brief of 19 MB, attached with 📎 (the page takes up to 20 MB)
    const brief = Buffer.alloc(19 * 1024 * 1024, 7)
    const sent = await fetch(new URL(`/sandbox/upload?from=${anna}&chat=${anna}&name=brief.pdf`, first.sandbox.url), {
      method: 'POST',
      body: brief,
    })
    expect(sent.status).toBe(200)
    const files = join(first.dir, 'sandbox.files')
    const [kept] = readdirSync(files).map((name) => statSync(join(files, name)))
    expect(kept?.size).toBe(brief.length)
    // Whatever happens next is saved with the chats, not with the brief again
    await first.post('/sandbox/send', { from: anna, chat: anna, text: 'Бриф во вложении' })
    await first.sandbox.stop()
    running.splice(0)
    expect(statSync(join(first.dir, 'sandbox.world.json')).size).toBeLessThan(1024 * 1024)
    expect(readdirSync(files).map((name) => statSync(join(files, name)).mtimeMs)).toEqual([kept?.mtimeMs])

    const again = await sandbox({ dir: first.dir })
    const { body } = await again.get<Message[]>(`/sandbox/messages?chat=${anna}`)
    const fileId = body.find((m) => m.document?.file_name === 'brief.pdf')?.document?.file_id ?? ''
    const download = await fetch(new URL(`/sandbox/files/${fileId}`, again.sandbox.url))
    expect(Buffer.from(await download.arrayBuffer()).equals(brief)).toBe(true)
    await again.post('/sandbox/reset', {})
    expect(existsSync(files)).toBe(false)
  })

  it('takes two resets at once as one: one bot, on the database the next start opens', async () => {
    const first = await sandbox()
    // Two open pages, or a double click
    await Promise.all([first.post('/sandbox/reset', {}), first.post('/sandbox/reset', {})])
    const { body } = await first.post('/sandbox/clients', { name: 'Олег', language: 'ru' })
    const oleg = Number(body.id)
    await first.post('/sandbox/send', { from: oleg, chat: oleg, text: '/start' })
    await until(async () => (await first.texts(oleg)).length >= 3, 'the greeting')
    await first.sandbox.stop()
    running.splice(0)
    // No second bot polled the same world ("Another instance is polling")
    expect(first.logs.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([])

    // The bot that greeted him wrote to the file this start opens: he is welcomed back (the
    // next day: a /start soon after the first is a second tap, no return)
    const again = await sandbox({ dir: first.dir })
    expect((await again.post('/sandbox/clock', { to: '+1d' })).status).toBe(200)
    await again.post('/sandbox/send', { from: oleg, chat: oleg, text: '/start' })
    await until(async () => (await again.texts(oleg)).some((t) => t.includes('С возвращением')), 'the welcome back')
  })

  it('never starts a second sandbox on the files a running one uses ("the port is taken" → --port 0), and takes over from one that was killed', async () => {
    const first = await sandbox()
    const anna = Number((await first.post('/sandbox/clients', { name: 'Анна', language: 'ru' })).body.id)
    // A second `npm run sandbox -- --port 0` beside the running one: same database, same world file
    await expect(sandbox({ dir: first.dir })).rejects.toThrow(
      /sandbox\.sqlite is in use by another sandbox \(process \d+ at http:\/\/127\.0\.0\.1:\d+\/\): open that one, or stop it first — or give this one files of its own with --data\. If no sandbox runs, delete .*sandbox\.lock$/,
    )
    // The first is untouched and goes on
    expect((await first.get('/sandbox/state')).body.status).toBe('running')
    await first.post('/sandbox/send', { from: anna, chat: anna, text: '/start' })
    await until(async () => (await first.texts(anna)).length >= 2, 'the greeting')

    // Stopped, its files are free again
    await first.sandbox.stop()
    running.splice(0)
    const again = await sandbox({ dir: first.dir })
    expect((await again.get('/sandbox/state')).body.people).toContainEqual(expect.objectContaining({ id: anna }))
    await again.sandbox.stop()
    running.splice(0)

    // Killed (kill -9, a closed terminal): its mark names a process that is gone, and is taken over
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(join(first.dir, 'sandbox.lock'), JSON.stringify({ pid: gone, url: 'http://127.0.0.1:1/' }))
    const afterKill = await sandbox({ dir: first.dir })
    expect((await afterKill.get('/sandbox/state')).body.status).toBe('running')
    await afterKill.sandbox.stop()
    running.splice(0)

    // Killed in a container, whose restart gave this process the same id: its mark names this
    // process, which holds no such mark — not a running sandbox
    writeFileSync(join(first.dir, 'sandbox.lock'), JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:1/' }))
    const afterRestart = await sandbox({ dir: first.dir })
    expect((await afterRestart.get('/sandbox/state')).body.status).toBe('running')
  })

  it('explains a damaged saved world and starts over with --reset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-sbx-damaged-'))
    writeFileSync(join(dir, 'sandbox.world.json'), '{"clockOffset": 36')
    await expect(sandbox({ dir })).rejects.toThrow(
      /sandbox\.world\.json \(the saved chats and clock\) cannot be read: .* — start over with --reset$/,
    )
    const fresh = await sandbox({ dir, reset: true })
    expect((await fresh.get('/sandbox/state')).body.status).toBe('running')
  })

  it("never runs on, nor deletes with --reset or Reset, a database it did not make (the real bot's, given with --data)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-sbx-real-'))
    // The real bot's database, as `npm run db:migrate` or `npm start` leaves it
    const real = join(dir, 'clientdesk.sqlite')
    const prod = openDatabaseAt(real)
    prod.db.$client.exec(
      "insert into clients (telegram_id, first_name, created_at, last_seen_at) values (42, 'Настоящий клиент', 0, 0)",
    )
    prod.close()
    const clientsOf = (path: string) => {
      const check = openDatabaseAt(path)
      const names = check.db.$client.prepare('select first_name from clients').pluck().all()
      check.close()
      return names
    }
    // `npm run sandbox -- --data data/clientdesk.sqlite` ("let me see my own clients in it")
    const refusal =
      /clientdesk\.sqlite is not the sandbox's \(there is no clientdesk\.world\.json beside it\): the sandbox never runs on nor deletes another database — choose another --data$/
    await expect(sandbox({ databasePath: real })).rejects.toThrow(refusal)
    await expect(sandbox({ databasePath: real, reset: true })).rejects.toThrow(refusal)
    expect(clientsOf(real)).toEqual(['Настоящий клиент'])

    // The sandbox's own files are marked as its own from the start, before anything is saved
    const own = await sandbox()
    expect(existsSync(join(own.dir, 'sandbox.world.json'))).toBe(true)
    await own.post('/sandbox/reset', {})
    expect(existsSync(join(own.dir, 'sandbox.world.json'))).toBe(true)
  })

  it("previews an owner's content file: an invalid one shows its report until it is fixed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-sbx-content-'))
    const file = join(dir, 'my.yaml')
    writeFileSync(file, readFileSync(DEMO, 'utf8').replace(/timezone: .*/, 'timezone: Mars/Olympus'))
    const s = await sandbox({ contentPath: file })
    // A half-saved file (an editor that truncates, then writes): another report, still waiting
    const demo = readFileSync(DEMO, 'utf8')
    writeFileSync(file, demo.slice(0, demo.indexOf('\n  about:')))
    await until(async () => !String((await s.get('/sandbox/state')).body.problem).includes('Mars'), 'the new report')
    const state = (await s.get('/sandbox/state')).body as { status: string; problem: string }
    expect(state.status).toBe('error')
    expect(state.problem).toContain('business → about')
    // Saved at once after it was read: the fix is seen all the same
    copyFileSync(DEMO, file)
    await until(async () => (await s.get('/sandbox/state')).body.status === 'running', 'the bot to start')
  })

  it('names a content file it cannot read, and starts once it is there', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cd-sbx-content-')), 'not-yet.yaml')
    const s = await sandbox({ contentPath: file })
    expect((await s.get('/sandbox/state')).body).toMatchObject({
      status: 'error',
      problem: `Cannot read the content file ${file}: no such file`,
    })
    copyFileSync(DEMO, file)
    await until(async () => (await s.get('/sandbox/state')).body.status === 'running', 'the bot to start')
  })

  it('starts the bot on a file fixed right after the sandbox started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-sbx-content-'))
    const file = join(dir, 'my.yaml')
    writeFileSync(file, readFileSync(DEMO, 'utf8').replace(/timezone: .*/, 'timezone: Mars/Olympus'))
    const s = await sandbox({ contentPath: file })
    copyFileSync(DEMO, file)
    await until(async () => (await s.get('/sandbox/state')).body.status === 'running', 'the bot to start')
  })

  it("lists what Telegram saw: the owner's content file is downloaded, not an error", async () => {
    const s = await sandbox()
    const yaml = readFileSync(DEMO)
    const sent = await fetch(new URL('/sandbox/upload?from=100001&chat=100001&name=content.yaml', s.sandbox.url), {
      method: 'POST',
      body: yaml,
    })
    expect(sent.status).toBe(200)
    type Call = { method: string; ok: boolean; summary?: string; description?: string }
    const calls = async () => ((await s.get('/sandbox/state')).body as { calls: Call[] }).calls
    await until(async () => (await calls()).some((c) => c.method === 'download'), 'the download')
    await until(async () => (await s.texts(100_001)).length >= 2, "the bot's answer")
    const list = await calls()
    expect(list.filter((c) => c.method === 'download')).toEqual([
      expect.objectContaining({ ok: true, summary: expect.stringMatching(/^documents\/file_\d+\.yaml$/) }),
    ])
    expect(list.filter((c) => !c.ok)).toEqual([])
  })

  it('answers on its own address only, takes changes from its own page only, and never serves a sent file as a page', async () => {
    const s = await sandbox()
    const at = new URL(s.sandbox.url)
    const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
        const req = request({ host: at.hostname, port: at.port, method, path, headers }, (res) => {
          res.resume()
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
        })
        req.on('error', reject)
        req.end(body)
      })
    const newClient = JSON.stringify({ name: 'Чужой', language: 'ru' })
    // Another site's page: a plain-text POST needs no preflight; a sandboxed frame says "null"
    for (const origin of ['https://evil.example', 'null']) {
      expect((await raw('POST', '/sandbox/clients', { origin, 'content-type': 'text/plain' }, newClient)).status).toBe(
        403,
      )
    }
    // DNS rebinding: the same socket, another site's name
    expect((await raw('GET', '/sandbox/state', { host: `attacker.example:${at.port}` })).status).toBe(403)
    // The sandbox's own page, and tools that send no Origin, are served
    expect((await raw('POST', '/sandbox/clients', { origin: at.origin }, newClient)).status).toBe(200)
    expect((await s.post('/sandbox/clients', { name: 'Свой', language: 'ru' })).status).toBe(200)

    // An .html sent as a document: a download wherever it is fetched, never a page on this address
    const sent = await fetch(new URL('/sandbox/upload?from=100001&chat=100001&name=x.html', s.sandbox.url), {
      method: 'POST',
      body: '<script>fetch("/sandbox/state")</script>',
    })
    expect(sent.status).toBe(200)
    const { body: messages } = await s.get<Message[]>('/sandbox/messages?chat=100001')
    const fileId = messages.find((m) => m.document?.file_name === 'x.html')?.document?.file_id ?? ''
    const onPage = await fetch(new URL(`/sandbox/files/${fileId}`, s.sandbox.url))
    const file = (await (await fetch(new URL(`/bot${TOKEN}/getFile?file_id=${fileId}`, s.sandbox.url))).json()) as {
      result: { file_path: string }
    }
    const forBot = await fetch(new URL(`/file/bot${TOKEN}/${file.result.file_path}`, s.sandbox.url))
    // Asked for its headers alone (a download manager, a link preview): the same answer, without the body
    const headOnly = await fetch(new URL(`/sandbox/files/${fileId}`, s.sandbox.url), { method: 'HEAD' })
    for (const res of [onPage, forBot, headOnly]) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    expect(await headOnly.text()).toBe('')
    // A file name that is not valid percent-encoding names no file
    expect((await fetch(new URL('/sandbox/files/%E0%A4%A', s.sandbox.url))).status).toBe(404)
    // A path that starts with "//" is that path, no other host's: no page, no Bot API, and no failure
    expect((await raw('GET', `//bot${TOKEN}/getMe`, {})).status).toBe(404)
    expect((await raw('GET', '//evil.example/sandbox/state', {})).status).toBe(404)
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it("lets no other website drive the bot through the Bot API's GET form (an <img> to /bot<token>/…)", async () => {
    const s = await sandbox()
    const at = new URL(s.sandbox.url)
    const anna = Number((await s.post('/sandbox/clients', { name: 'Анна', language: 'ru' })).body.id)
    await s.post('/sandbox/send', { from: anna, chat: anna, text: '/start' })
    await until(async () => (await s.texts(anna)).length >= 2, 'the greeting')

    // Where another site would like the chats to go
    const stolen: string[] = []
    const attacker = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => {
        body += c
      })
      req.on('end', () => {
        stolen.push(body)
        res.end('ok')
      })
    })
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
    running.push({ stop: () => new Promise((resolve) => attacker.close(() => resolve())) })
    const hook = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/hook`

    // What a browser sends for <img src="http://127.0.0.1:4700/bot<token>/…"> on another site:
    // a GET with no Origin, marked cross-site. The token is the same in every copy of the project.
    const crossSite = (path: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: at.hostname,
            port: at.port,
            method: 'GET',
            path,
            headers: {
              'sec-fetch-site': 'cross-site',
              'sec-fetch-mode': 'no-cors',
              'sec-fetch-dest': 'image',
              ...headers,
            },
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          },
        )
        req.on('error', reject)
        req.end()
      })
    const spoof = `/bot${TOKEN}/sendMessage?chat_id=${anna}&text=${encodeURIComponent('Pay here: https://evil.example')}`
    expect(await crossSite(spoof)).toBe(403)
    expect(await crossSite(`/bot${TOKEN}/setWebhook?url=${encodeURIComponent(hook)}`)).toBe(403)
    // Nor from another local app (same site, another port), nor a fetch that names its page
    expect(await crossSite(`/bot${TOKEN}/getUpdates?offset=1000000`, { 'sec-fetch-site': 'same-site' })).toBe(403)
    expect(await crossSite(`/bot${TOKEN}/deleteWebhook`, { origin: 'https://evil.example' })).toBe(403)
    // The bot still gets her messages itself, and answers
    const before = (await s.texts(anna)).length
    await s.post('/sandbox/send', { from: anna, chat: anna, text: 'Мой телефон +7 999 123-45-67' })
    await until(async () => (await s.texts(anna)).length > before + 1, 'the answer to her phone number')

    expect(stolen).toEqual([])
    expect((await s.texts(anna)).some((t) => t.includes('evil.example'))).toBe(false)
    // The address typed into the browser's own bar is still answered
    expect(await crossSite(`/bot${TOKEN}/getMe`, { 'sec-fetch-site': 'none' })).toBe(200)
  })

  it('checks what the page sends, as a Telegram app would', async () => {
    const s = await sandbox()
    expect((await s.post('/sandbox/clients', { name: ' ', language: 'ru' })).status).toBe(400)
    expect((await s.post('/sandbox/clients', { name: 'Ян', language: 'russian' })).status).toBe(400)
    const { body } = await s.post('/sandbox/clients', { name: 'Ян', language: 'ru' })
    const yan = Number(body.id)
    expect((await s.post('/sandbox/send', { from: yan, chat: 100_001, text: 'hi' })).body.error).toContain(
      'somebody else',
    )
    expect((await s.post('/sandbox/press', { from: yan, chat: yan, message: 1, data: 'x' })).body.error).toContain(
      'no longer there',
    )
    expect((await s.post('/sandbox/block', { user: yan, blocked: true })).status).toBe(200)
    expect((await s.post('/sandbox/send', { from: yan, chat: yan, text: '/start' })).body.error).toContain('Unblock')
    expect((await s.get('/sandbox/nothing')).status).toBe(404)
    const page = await fetch(s.sandbox.url)
    expect(await page.text()).toContain('ClientDesk sandbox')
    expect((await fetch(new URL('/..%2Fpackage.json', s.sandbox.url))).status).toBe(404)
  })

  it('runs the same bot and clock against another Bot API server (--api-root)', async () => {
    const { other, options } = await otherBotApi()
    const { apiRoot } = options
    const user = other.addUser({ id: 500, first_name: 'Ира', language_code: 'ru' })
    const s = await sandbox(options)
    // This sandbox's shutdown must come before the other server's
    running.unshift(running.pop() as Sandbox)
    const state = (await s.get('/sandbox/state')).body as { mode: string; status: string; apiRoot: string }
    expect(state).toMatchObject({ mode: 'external', status: 'running', apiRoot })
    other.userMessage(user.id, user.id, { text: '/start' })
    await until(
      async () => [...(other.chats.get(user.id)?.messages.values() ?? [])].some((m) => m.fromBot),
      'the bot to answer on the other server',
    )
    expect((await s.post('/sandbox/clock', '+1h')).status).toBe(200)
    expect((await s.get('/sandbox/messages?chat=500')).body.error).toContain('--api-root')
  })

  it("keeps the built-in sandbox's files and an --api-root run's apart: neither starts on the other's", async () => {
    const builtIn = await sandbox()
    const { body } = await builtIn.post('/sandbox/clients', { name: 'Олег', language: 'ru' })
    const oleg = Number(body.id)
    await builtIn.post('/sandbox/send', { from: oleg, chat: oleg, text: '/start' })
    await until(async () => (await builtIn.texts(oleg)).length >= 3, 'the greeting')
    await builtIn.sandbox.stop()
    running.splice(0)

    const { options } = await otherBotApi()
    await expect(sandbox({ ...options, dir: builtIn.dir })).rejects.toThrow(
      /sandbox\.sqlite is the built-in sandbox's: a run with --api-root keeps its own files \(default data\/sandbox-external\.sqlite\)/,
    )
    // The chats are still there, and the bot still knows Олег: the next new client is someone else
    const again = await sandbox({ dir: builtIn.dir })
    expect((await again.texts(oleg)).length).toBeGreaterThanOrEqual(3)
    const { body: anna } = await again.post('/sandbox/clients', { name: 'Анна', language: 'ru' })
    expect(anna.id).not.toBe(oleg)

    const external = await sandbox(options)
    await external.sandbox.stop()
    running.pop()
    await expect(sandbox({ dir: external.dir })).rejects.toThrow(/is a run against another Bot API server/)
  })
})

describe('what the page shows of a chat', () => {
  it("shows a pin's service message with the pinned message as it is now; after /forget the topic is gone, pins and all", async () => {
    const MARIA = 100_002
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const petr = Number(
      (await s.post('/sandbox/clients', { name: 'Пётр Иванов', language: 'ru', username: 'petr_iv' })).body.id,
    )
    await s.post('/sandbox/send', { from: petr, chat: petr, text: '/start' })
    await until(async () => (await s.texts(petr)).length >= 2, 'the greeting')
    await s.post('/sandbox/send', { from: petr, chat: petr, text: '/manager' })
    const staff = async () => (await s.get<Message[]>(`/sandbox/messages?chat=${STAFF}`)).body
    const pins = async () => (await staff()).filter((m) => m.pinned_message)
    await until(async () => (await pins()).length > 0, 'the card pinned in his topic')
    expect((await pins())[0]?.pinned_message).toMatchObject({ text: expect.stringContaining('Пётр Иванов') })
    const topic = (await pins())[0]?.message_thread_id as number
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: 'Пётр, здравствуйте!' })
    await until(async () => (await s.texts(petr)).includes('Пётр, здравствуйте!'), 'the answer')
    // An invoice edits the card: the pin shows the card as it is now
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: '/invoice 45000 landing' })
    await until(
      async () => (await pins()).every((m) => (m.pinned_message as Message).text?.includes('Заказы')),
      'the pin showing the card with its order',
    )

    // He erases his data: the bot may delete messages, so his topic goes whole, the pins with it
    await s.post('/sandbox/send', { from: petr, chat: petr, text: '/forget' })
    const confirm = async () =>
      (await s.get<Message[]>(`/sandbox/messages?chat=${petr}`)).body.find((m) =>
        m.reply_markup?.inline_keyboard.flat().some((b) => b.text.startsWith('Да, удалить')),
      )
    await until(async () => (await confirm()) !== undefined, 'the question whether to delete')
    const question = (await confirm()) as Message
    const yes = question.reply_markup?.inline_keyboard.flat().find((b) => b.text.startsWith('Да, удалить'))
    await s.post('/sandbox/press', {
      from: petr,
      chat: petr,
      message: question.message_id,
      data: yes && 'callback_data' in yes ? yes.callback_data : '',
    })
    await until(
      async () =>
        (await s.texts(STAFF)).some((t) => t.startsWith('🗑 Клиент удалил свои данные (/forget): его тема удалена')),
      'the team told in General',
    )
    expect(await pins()).toEqual([])
    expect(JSON.stringify(await staff())).not.toMatch(/Пётр|petr_iv/)
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it("leaves a closed request's topic open: a manager who is a plain member still writes to the client there", async () => {
    const MARIA = 100_002
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const { id: ivan, topic } = await clientWithRequest(s, 'Иван')
    const staff = async () => (await s.get<Message[]>(`/sandbox/messages?chat=${STAFF}`)).body
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: '/close force договорились' })
    const renamed = async () =>
      (await staff()).some((m) => m.message_thread_id === topic && m.forum_topic_edited?.name?.startsWith('✅'))
    await until(renamed, 'the topic marked ✅')
    // Telegram takes a closed topic's messages from admins only: this one is open
    const sent = await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: 'Иван, макет готов!' })
    expect(sent.status).toBe(200)
    await until(async () => (await s.texts(ivan)).includes('Иван, макет готов!'), 'the news reaching him')
  })
})

/** The staff group's topic whose name holds `name`, once the sandbox shows it. */
async function topicOf(s: Awaited<ReturnType<typeof sandbox>>, name: string): Promise<number> {
  let id: number | undefined
  await until(async () => {
    const state = (await s.get('/sandbox/state')).body as { group?: { topics: { id: number; name: string }[] } }
    id = state.group?.topics.find((t) => t.name.includes(name))?.id
    return id !== undefined
  }, `${name}'s topic`)
  return id as number
}

/** A new client (in Russian) who started the bot and asked for a manager: their id and their topic. */
async function clientWithRequest(s: Awaited<ReturnType<typeof sandbox>>, name: string) {
  const id = Number((await s.post('/sandbox/clients', { name, language: 'ru' })).body.id)
  await s.post('/sandbox/send', { from: id, chat: id, text: '/start' })
  await until(async () => (await s.texts(id)).length >= 2, 'the greeting')
  await s.post('/sandbox/send', { from: id, chat: id, text: '/manager' })
  return { id, topic: await topicOf(s, name) }
}

describe('the sandbox page’s Pay and Telegram Business actions', () => {
  /** The sandbox's manager (src/sandbox/world.ts). */
  const MARIA = 100_002
  const OLGA = 100_001

  /** Анна in a request, with a manager's invoice (5000 ₽) in her chat: the sandbox, her id, her topic, the invoice. */
  async function invoicedClient() {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const { id: anna, topic } = await clientWithRequest(s, 'Анна')
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: '/invoice 5000 лендинг' })
    const invoiceOf = async () => (await s.get<Message[]>(`/sandbox/messages?chat=${anna}`)).body.find((m) => m.invoice)
    await until(async () => (await invoiceOf()) !== undefined, 'the invoice')
    return { s, anna, topic, invoice: (await invoiceOf()) as Message }
  }

  it('Pay under an invoice in a client’s chat: the bot accepts the checkout, the order is paid, the topic told', async () => {
    const { s, anna, invoice } = await invoicedClient()
    expect(invoice.invoice).toMatchObject({ currency: 'RUB', total_amount: 500_000 })

    // Only the client, and only under an invoice
    expect((await s.post('/sandbox/pay', { from: anna, message: invoice.message_id - 1 })).status).toBe(400)
    expect((await s.post('/sandbox/pay', { from: anna, message: invoice.message_id })).status).toBe(200)
    await until(
      async () => (await s.texts(STAFF)).some((t) => t.includes('оплачен в Telegram')),
      'the topic told of the payment',
    )
    const { body } = await s.get<Message[]>(`/sandbox/messages?chat=${anna}`)
    expect(body.some((m) => m.successful_payment?.total_amount === 500_000)).toBe(true)
    await until(async () => (await s.texts(anna)).some((t) => t.includes('оплата по счёту №1')), 'the thanks')
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it('Pay on an invoice the bot declines (paid by bank transfer, marked by hand): the page shows the client its reason', async () => {
    const { s, anna, topic, invoice } = await invoicedClient()
    // She paid by bank transfer: the manager marks the invoice paid by hand
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: '/paid' })
    await until(async () => (await s.texts(anna)).some((t) => t.includes('получена')), 'the thanks')

    // What every open page hears from now on
    const heard: string[] = []
    const stream = new AbortController()
    const events = await fetch(new URL('/sandbox/events', s.sandbox.url), { signal: stream.signal })
    const reading = (async () => {
      const decoder = new TextDecoder()
      for await (const chunk of events.body as unknown as AsyncIterable<Uint8Array>) heard.push(decoder.decode(chunk))
    })().catch((err: unknown) => {
      // The stream ends by our abort below; anything else is a failure of the test
      if (!stream.signal.aborted) throw err
    })

    // Later she presses Pay under the invoice all the same: the bot says no, with a reason
    expect((await s.post('/sandbox/pay', { from: anna, message: invoice.message_id })).status).toBe(200)
    const answered = async () => heard.join('').includes('event: answer\n')
    await until(answered, 'the answer to her checkout')
    stream.abort()
    await reading
    // In Telegram the payment form shows the bot's error_message: here an alert in her chat
    const answer = heard
      .join('')
      .split('\n\n')
      .find((frame) => frame.startsWith('event: answer\n'))
    expect(JSON.parse(answer?.split('\ndata: ')[1] ?? '{}')).toMatchObject({
      chatId: anna,
      userId: anna,
      text: expect.stringContaining('Этот счёт уже оплачен'),
      showAlert: true,
    })
    expect((await s.get<Message[]>(`/sandbox/messages?chat=${anna}`)).body.some((m) => m.successful_payment)).toBe(
      false,
    )
  })

  it('🔒 Close topic on an open request: the bot gets the service message and reopens the topic', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const { id: anna, topic } = await clientWithRequest(s, 'Анна')
    const closed = async () => {
      const state = (await s.get('/sandbox/state')).body as { group?: { topics: { id: number; closed?: boolean }[] } }
      return state.group?.topics.find((t) => t.id === topic)?.closed === true
    }
    expect((await s.post('/sandbox/topic', { from: MARIA, chat: STAFF, thread: topic, closed: true })).status).toBe(400)
    expect((await s.post('/sandbox/topic', { from: OLGA, chat: STAFF, thread: topic, closed: true })).status).toBe(200)
    await until(async () => !(await closed()), 'the topic reopened')
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: 'Здравствуйте, Анна!' })
    await until(async () => (await s.texts(anna)).some((t) => t.includes('Здравствуйте, Анна!')), 'the answer')
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it('a client writes to the owner’s own account: the chat reaches the topic, a manager’s answer comes from the owner', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const vera = Number((await s.post('/sandbox/clients', { name: 'Вера', language: 'ru' })).body.id)
    // Not connected yet: the page says so
    const early = await s.post('/sandbox/business/send', { from: vera, chat: vera, text: 'Здравствуйте' })
    expect(early).toEqual({ status: 400, body: { error: 'The account has not connected the bot' } })

    expect((await s.post('/sandbox/business/connect', { on: true })).status).toBe(200)
    expect((await s.get('/sandbox/state')).body.ownerBusiness).toBe(true)
    await until(async () => (await s.texts(OLGA)).some((t) => t.includes('Бот подключён к аккаунту')), 'the owner told')

    await s.post('/sandbox/business/send', { from: vera, chat: vera, text: 'Здравствуйте! Нужен сайт для кафе' })
    const topic = await topicOf(s, 'Вера')
    await until(
      async () => (await s.texts(STAFF)).some((t) => t.includes('Нужен сайт для кафе')),
      'her words in the topic',
    )
    // Nothing in her chat with the bot: she wrote to Ольга
    expect(await s.texts(vera)).toEqual([])

    await s.post('/sandbox/send', {
      from: MARIA,
      chat: STAFF,
      thread: topic,
      text: 'Вера, добрый день! Расскажите о кафе',
    })
    const business = async () => (await s.get<Message[]>(`/sandbox/business/messages?chat=${vera}`)).body
    await until(
      async () => (await business()).some((m) => m.text === 'Вера, добрый день! Расскажите о кафе'),
      'the answer',
    )
    const answer = (await business()).find((m) => m.text === 'Вера, добрый день! Расскажите о кафе') as Message
    expect(answer.from?.id).toBe(OLGA)
    expect(answer.sender_business_bot?.is_bot).toBe(true)

    // What Ольга types herself shows in the topic under her name
    await s.post('/sandbox/business/send', { from: OLGA, chat: vera, text: 'Вера, я Ольга, владелец студии' })
    await until(
      async () => (await s.texts(STAFF)).some((t) => t.includes('из своего Telegram:\nВера, я Ольга')),
      'the owner’s words in the topic',
    )
    // Someone else cannot write in her chat with Ольга
    expect((await s.post('/sandbox/business/send', { from: MARIA, chat: vera, text: 'x' })).status).toBe(400)
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])

    // A restart keeps the connection and the chat
    const shown = (await business()).length
    await s.sandbox.stop()
    running.splice(0)
    const again = await sandbox({ dir: s.dir })
    expect((await again.get('/sandbox/state')).body.ownerBusiness).toBe(true)
    expect((await again.get<Message[]>(`/sandbox/business/messages?chat=${vera}`)).body).toHaveLength(shown)
    await again.post('/sandbox/business/send', { from: vera, chat: vera, text: 'Кафе на 20 мест' })
    await until(async () => (await again.texts(STAFF)).some((t) => t.includes('Кафе на 20 мест')), 'her next words')
  })
})

describe('what else a person sends from the page: stickers, voice, locations, contact cards, forwards', () => {
  const MARIA = 100_002
  /** The sandbox's Bot API, as the bot calls it (GET with the query), and its file downloads. */
  const botApi = async <T>(s: Awaited<ReturnType<typeof sandbox>>, method: string, query: Record<string, string>) => {
    const res = await fetch(new URL(`/bot${TOKEN}/${method}?${new URLSearchParams(query)}`, s.sandbox.url))
    return ((await res.json()) as { result: T }).result
  }
  const messagesOf = async (s: Awaited<ReturnType<typeof sandbox>>, chat: number) =>
    (await s.get<Message[]>(`/sandbox/messages?chat=${chat}`)).body
  /** The messages in a topic of the staff group. */
  const inTopic = async (s: Awaited<ReturnType<typeof sandbox>>, topic: number) =>
    (await messagesOf(s, STAFF)).filter((m) => m.message_thread_id === topic)

  it('a 👍 sticker after a closed request only thanks (a ❤ on it, the topic stays ✅); a 😡 one opens a new request', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const { id: ivan, topic } = await clientWithRequest(s, 'Иван')
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: 'Иван, всё сделали' })
    await until(async () => (await s.texts(ivan)).includes('Иван, всё сделали'), 'the answer')
    await s.post('/sandbox/send', { from: MARIA, chat: STAFF, thread: topic, text: '/close force готово' })
    const named = async () =>
      (await inTopic(s, topic)).filter((m) => m.forum_topic_edited?.name).map((m) => m.forum_topic_edited?.name)
    await until(async () => (await named()).at(-1)?.startsWith('✅') === true, 'the topic marked ✅')

    const thumb = await s.post<{ message_id: number }>('/sandbox/sticker', { from: ivan, chat: ivan, emoji: '👍' })
    expect(thumb.status).toBe(200)
    const sticker = async (id: number) => (await messagesOf(s, ivan)).find((m) => m.message_id === id)
    await until(
      async () => JSON.stringify((await sticker(thumb.body.message_id)) ?? {}).includes('"reactions":["❤"]'),
      'the ❤ on the sticker',
    )
    const first = (await sticker(thumb.body.message_id)) as Message
    expect(first.sticker).toMatchObject({
      type: 'regular',
      emoji: '👍',
      set_name: 'ClientDeskSandbox',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
    })
    // Not a new request: the topic is still ✅
    await s.post('/sandbox/clock', '+1m')
    expect((await named()).at(-1)).toMatch(/^✅/)

    // The same sticker again is the same file; an angry one is a new request, and reaches the topic as a sticker
    const again = await s.post<{ message_id: number }>('/sandbox/sticker', { from: ivan, chat: ivan, emoji: '👍' })
    expect((await sticker(again.body.message_id))?.sticker?.file_unique_id).toBe(first.sticker?.file_unique_id)
    await s.post('/sandbox/sticker', { from: ivan, chat: ivan, emoji: '😡' })
    await until(async () => (await named()).at(-1)?.startsWith('🟡') === true, 'the request reopened (🟡)')
    await until(
      async () => (await inTopic(s, topic)).some((m) => m.sticker?.emoji === '😡'),
      'the 😡 sticker in the topic',
    )
    // Only the sandbox's stickers
    expect(await s.post('/sandbox/sticker', { from: ivan, chat: ivan, emoji: '🦄' })).toEqual({
      status: 400,
      body: { error: "The sandbox's stickers are 👍 😡 ❤️" },
    })
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it('a voice message and a location from a client in a handoff reach the topic as a voice message and a location', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const { id: vera, topic } = await clientWithRequest(s, 'Вера')
    // No recording given: a second of silence, an Ogg Opus file as the apps record
    const voice = await fetch(new URL(`/sandbox/voice?from=${vera}&chat=${vera}`, s.sandbox.url), { method: 'POST' })
    expect(voice.status).toBe(200)
    await until(async () => (await inTopic(s, topic)).some((m) => m.voice), 'the voice message in the topic')
    const relayed = (await inTopic(s, topic)).find((m) => m.voice) as Message
    expect(relayed.voice).toMatchObject({ duration: 1, mime_type: 'audio/ogg' })
    // The bot can download it (getFile, then the file's URL), and it is what she sent
    const file = await botApi<{ file_path: string }>(s, 'getFile', { file_id: relayed.voice?.file_id ?? '' })
    const bytes = Buffer.from(
      await (await fetch(new URL(`/file/bot${TOKEN}/${file.file_path}`, s.sandbox.url))).arrayBuffer(),
    )
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS')
    expect(bytes.subarray(28, 36).toString('latin1')).toBe('OpusHead')
    const own = (await messagesOf(s, vera)).find((m) => m.voice) as Message
    expect(own.voice?.file_size).toBe(bytes.length)
    // A recording given is kept as it is; something that is no Ogg Opus file is no voice message
    const sent = await fetch(new URL(`/sandbox/voice?from=${vera}&chat=${vera}`, s.sandbox.url), {
      method: 'POST',
      body: bytes,
    })
    expect(sent.status).toBe(200)
    const mp3 = await fetch(new URL(`/sandbox/voice?from=${vera}&chat=${vera}`, s.sandbox.url), {
      method: 'POST',
      body: 'ID3 not an ogg file',
    })
    expect({ status: mp3.status, body: await mp3.json() }).toEqual({
      status: 400,
      body: { error: 'A voice message is an Ogg file with Opus audio (.ogg, .opus)' },
    })

    const located = await s.post('/sandbox/location', { from: vera, chat: vera, latitude: 55.7558, longitude: 37.6173 })
    expect(located.status).toBe(200)
    await until(async () => (await inTopic(s, topic)).some((m) => m.location), 'the location in the topic')
    expect((await inTopic(s, topic)).find((m) => m.location)?.location).toEqual({
      latitude: 55.7558,
      longitude: 37.6173,
    })
    expect((await s.post('/sandbox/location', { from: vera, chat: vera, latitude: 91, longitude: 0 })).status).toBe(400)
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it('a forwarded message reaches the topic forwarded, under its author’s name', async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const { id: gleb, topic } = await clientWithRequest(s, 'Глеб')
    const fromChannel = await s.post('/sandbox/forward', {
      from: gleb,
      chat: gleb,
      text: 'Скидка 20% на лендинги до пятницы',
      origin: { channel: 'Лаконика: новости', username: 'lakonika_news' },
    })
    expect(fromChannel.status).toBe(200)
    const forwarded = async (text: string) => (await inTopic(s, topic)).find((m) => m.text === text)
    await until(async () => (await forwarded('Скидка 20% на лендинги до пятницы')) !== undefined, 'the forward')
    expect((await forwarded('Скидка 20% на лендинги до пятницы'))?.forward_origin).toMatchObject({
      type: 'channel',
      chat: { type: 'channel', title: 'Лаконика: новости', username: 'lakonika_news' },
      message_id: expect.any(Number),
      date: expect.any(Number),
    })
    // From a person of this world (the manager, say), and from someone whose account is hidden
    await s.post('/sandbox/forward', { from: gleb, chat: gleb, text: 'Макет к среде', origin: { user: MARIA } })
    await s.post('/sandbox/forward', { from: gleb, chat: gleb, text: 'Бюджет 90к', origin: { hidden_user: 'Пётр' } })
    await until(async () => (await forwarded('Бюджет 90к')) !== undefined, 'the other forwards')
    expect((await forwarded('Макет к среде'))?.forward_origin).toMatchObject({
      type: 'user',
      sender_user: { id: MARIA, first_name: 'Мария' },
    })
    expect((await forwarded('Бюджет 90к'))?.forward_origin).toMatchObject({
      type: 'hidden_user',
      sender_user_name: 'Пётр',
    })
    // His own chat shows them as forwards too
    const his = (await messagesOf(s, gleb)).filter((m) => m.forward_origin)
    expect(his.map((m) => m.forward_origin?.type)).toEqual(['channel', 'user', 'hidden_user'])
    expect(
      (await s.post('/sandbox/forward', { from: gleb, chat: gleb, text: 'x', origin: { nobody: 'x' } })).status,
    ).toBe(400)
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })

  it("someone else's contact card where a typed answer is asked is told it does not fit; the card holds their name and number", async () => {
    const s = await sandbox()
    await s.post('/sandbox/clock', nextMondayMorning())
    const anna = Number((await s.post('/sandbox/clients', { name: 'Анна', language: 'ru' })).body.id)
    await s.post('/sandbox/send', { from: anna, chat: anna, text: '/start' })
    await until(async () => (await s.texts(anna)).length >= 2, 'the greeting')
    await s.post('/sandbox/send', { from: anna, chat: anna, text: '/brief' })
    // The first question has buttons: any answer leads to the typed one
    let other: { message: number; data: string } | undefined
    await until(async () => {
      for (const m of await messagesOf(s, anna)) {
        const b = m.reply_markup?.inline_keyboard.flat().find((x) => x.text === 'Другое')
        if (b && 'callback_data' in b) other = { message: m.message_id, data: b.callback_data as string }
      }
      return other !== undefined
    }, 'the first question')
    await s.post('/sandbox/press', { from: anna, chat: anna, ...other })
    await until(async () => (await s.texts(anna)).some((t) => t.includes('Какую задачу')), 'the typed question')

    const card = await s.post<{ message_id: number }>('/sandbox/contact', {
      from: anna,
      phone: '+7 900 000-00-00',
      first_name: 'Сергей',
      last_name: 'Ким',
    })
    expect(card.status).toBe(200)
    const sent = (await messagesOf(s, anna)).find((m) => m.message_id === card.body.message_id)
    expect(sent?.contact).toEqual({ phone_number: '+7 900 000-00-00', first_name: 'Сергей', last_name: 'Ким' })
    await until(
      async () =>
        (await s.texts(anna)).at(-1)?.startsWith('Контакт сюда не подходит — напишите ответ текстом.') === true,
      'the answer to the contact card',
    )
    // A card of someone on Telegram carries their user id; a card needs a name, and a user who exists
    const hers = await s.post<{ message_id: number }>('/sandbox/contact', {
      from: anna,
      phone: '+7 901 000-00-00',
      first_name: 'Мария',
      user_id: MARIA,
    })
    expect((await messagesOf(s, anna)).find((m) => m.message_id === hers.body.message_id)?.contact?.user_id).toBe(MARIA)
    expect((await s.post('/sandbox/contact', { from: anna, phone: '+7 900' })).status).toBe(400)
    expect((await s.post('/sandbox/contact', { from: anna, phone: '1', first_name: 'X', user_id: 999 })).status).toBe(
      400,
    )
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([])
  })
})
