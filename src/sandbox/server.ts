/**
 * The sandbox: the real app (src/app.ts — the same bot, scheduler, outbox and
 * broadcast sender) on its own SQLite file, talking HTTP through BOT_API_ROOT
 * to the emulated Bot API served here on loopback; a clock that moves forward
 * on request; and one page (./web) that shows the clients' chats, the staff
 * forum and the owner's chat live. The world and the clock are kept next to
 * the database (`<name>.world.json`, and the contents of the files sent in the
 * chats in `<name>.files/`), so a restart goes on where it stopped.
 *
 * With `apiRoot` the same app and clock run against another Bot API server;
 * the page then shows the clock and the calls only. Such a run keeps files of
 * its own (the clock only, no world): neither kind starts on the other's.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, dirname, extname, join } from 'node:path'
import type { DestinationStream } from 'pino'
import { type App, StartupError, startApp } from '../app.ts'
import { parseConfig } from '../config.ts'
import { formatContentReport, parseContent } from '../content/loader.ts'
import type { Content } from '../content/schema.ts'
import { pickText } from '../content/text.ts'
import { createLogger } from '../logger.ts'
import { describeFileError } from '../text.ts'
import { CallLog, recordingFetch } from './calls.ts'
import { clockTarget, createSandboxClock, type SandboxClock } from './clock.ts'
import {
  type BotStatus,
  EventHub,
  handleSandboxRequest,
  messageView,
  pageChatId,
  type SandboxControl,
} from './routes.ts'
import { type TelegramEmulator, UserActionError, type WorldSnapshot } from './telegram/emulator.ts'
import { createBotApiHandler, isBotApiPath } from './telegram/http.ts'
import { requestUrl } from './telegram/request.ts'
import {
  createWorld,
  MANAGER,
  OWNER,
  SANDBOX_PROVIDER_TOKEN,
  SANDBOX_TOKEN,
  STAFF_GROUP,
  type WorldTeam,
} from './world.ts'

export interface SandboxOptions {
  /** 0 picks a free port. */
  port: number
  host?: string
  databasePath: string
  contentPath: string
  /** Start from scratch: a new database, world and clock. */
  reset?: boolean
  /** Another Bot API server instead of the embedded one, with its bot's settings. */
  apiRoot?: string
  token?: string
  staffGroupId?: number
  ownerId?: number
  /** Telegram's flood limits in the embedded server (default on). */
  rateLimits?: boolean
  logLevel?: string
  logDestination?: DestinationStream
  /** The business's default language (DEFAULT_LOCALE: staff texts, clients of other languages); ru unless given. */
  locale?: string
}

export interface Sandbox {
  url: string
  stop(): Promise<void>
}

interface Saved {
  clockOffset: number
  world?: WorldSnapshot
}

/**
 * After a clock move, the jobs that became due run at once and what they queued goes out;
 * the answer waits this long at most (under flood limits the staff group takes 20 a minute).
 */
const CATCH_UP_WAIT_MS = 30_000

/** The most job times a clock move stops at on its way (a year of daily sweeps and then some). */
const MAX_CLOCK_STEPS = 2_000
/**
 * The most times a clock move stops at for the outbox alone (a message held for its chat's
 * turn, a retry after its pause): a staff group's burst takes a stop a minute, a row failing
 * for days one every 10 minutes — a week of that is about 1,000.
 */
const MAX_OUTBOX_STEPS = 5_000
const SAVE_DELAY_MS = 1_000
/** How often an invalid content file is looked at again. */
const CONTENT_POLL_MS = 1_000

const WEB = new URL('./web/', import.meta.url)
const WEB_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
}

export function worldPathOf(databasePath: string): string {
  return `${databasePath.replace(/\.sqlite$/, '')}.world.json`
}

/** Where the contents of the files sent in the chats are kept, beside the world (one file each). */
function filesDirOf(databasePath: string): string {
  return `${databasePath.replace(/\.sqlite$/, '')}.files`
}

function readSaved(path: string): Saved | undefined {
  if (!existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Saved
  } catch (err) {
    // Cut short by a crash or edited by hand: the chats cannot be restored, a fresh start can
    throw new Error(
      `${path} (the saved chats and clock) cannot be read: ${err instanceof Error ? err.message : err} — start over with --reset`,
    )
  }
}

/** Which version of a file is on disk (size, modification time, inode); '' when there is none. */
function fileVersion(path: string): string {
  try {
    const s = statSync(path)
    return `${s.size}:${s.mtimeMs}:${s.ino}`
  } catch {
    return '' // not there (yet): its appearance is a change
  }
}

/** The content file read and checked: its content, or what is wrong with it (for the page and the log). */
function readContentFile(path: string): { ok: true; content: Content } | { ok: false; problem: string } {
  let yaml: string
  try {
    yaml = readFileSync(path, 'utf8')
  } catch (err) {
    return { ok: false, problem: `Cannot read the content file ${path}: ${describeFileError(err)}` }
  }
  const parsed = parseContent(yaml)
  return parsed.ok ? parsed : { ok: false, problem: `${path}:\n${formatContentReport(parsed.errors)}` }
}

/** Why the content file cannot run the bot (the validation report), or undefined when it can. */
function contentProblem(path: string): string | undefined {
  const read = readContentFile(path)
  return read.ok ? undefined : read.problem
}

/** The name the content file gives the business in `locale`; undefined while it cannot be read (the page says why). */
function businessName(path: string, locale: string): string | undefined {
  const read = readContentFile(path)
  return read.ok ? pickText(read.content.business.name, locale) : undefined
}

/** The mark of a running sandbox beside its files: which process uses them, at which address. */
function lockPathOf(databasePath: string): string {
  return `${databasePath.replace(/\.sqlite$/, '')}.lock`
}

/** Whether a process runs (one of another user's answers EPERM: it runs too). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The marks this process holds (tests run two sandboxes in one process). */
const heldHere = new Set<string>()

/**
 * Marks the files as this sandbox's while it runs. A second sandbox on them (the same
 * `npm run sandbox` again with --port 0, as "the port is taken" suggests) would run a second bot
 * on the same database — its jobs sent into chats nobody sees — and save its copy of the world
 * over the first's; so it is refused. A mark left by a sandbox that did not stop (killed, a
 * closed terminal) names a process that is gone: it is taken over.
 * @returns `address(url)` to note where this sandbox answers, and `release()` for its stop
 */
function lockFiles(databasePath: string): { address(url: string): void; release(): void } {
  const path = lockPathOf(databasePath)
  mkdirSync(dirname(path), { recursive: true })
  const mark = (url?: string) => JSON.stringify({ pid: process.pid, ...(url ? { url } : {}) })
  for (;;) {
    try {
      writeFileSync(path, mark(), { flag: 'wx' })
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    let holder: { pid?: unknown; url?: unknown } = {}
    try {
      holder = JSON.parse(readFileSync(path, 'utf8'))
    } catch {
      // Gone meanwhile (its sandbox stopped), or cut short by a crash: no running sandbox named
    }
    const { pid, url } = holder
    // A mark naming this very process that it does not hold is a killed sandbox's whose id came
    // round again (a container's restart gives the same ids): not a running sandbox
    const ours = pid === process.pid && !heldHere.has(path)
    if (typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 && !ours && processRuns(pid)) {
      throw new Error(
        `${databasePath} is in use by another sandbox (process ${pid}${typeof url === 'string' ? ` at ${url}` : ''}): open that one, or stop it first — or give this one files of its own with --data. If no sandbox runs, delete ${path}`,
      )
    }
    rmSync(path, { force: true })
  }
  heldHere.add(path)
  return {
    address: (url) => writeFileSync(path, mark(url)),
    release: () => {
      heldHere.delete(path)
      rmSync(path, { force: true })
    },
  }
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const dbPath = options.databasePath
  const worldPath = worldPathOf(dbPath)
  // The sandbox writes its world file before it makes its database (see startFresh), so a
  // database without one is not the sandbox's: the real bot's, say, given with --data. Running
  // the sandbox's bot on it would mix in demo clients, and Reset or --reset would delete it
  if (existsSync(dbPath) && !existsSync(worldPath)) {
    throw new Error(
      `${dbPath} is not the sandbox's (there is no ${basename(worldPath)} beside it): the sandbox never runs on nor deletes another database — choose another --data`,
    )
  }
  // Before anything is read or removed (--reset): the files are this sandbox's alone from here
  const lock = lockFiles(dbPath)
  try {
    return await startLocked(options, lock)
  } catch (err) {
    lock.release()
    throw err
  }
}

async function startLocked(options: SandboxOptions, lock: ReturnType<typeof lockFiles>): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  const dbPath = options.databasePath
  const worldPath = worldPathOf(dbPath)
  const filesDir = filesDirOf(dbPath)
  const embedded = !options.apiRoot
  const removeFiles = () => {
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, worldPath, filesDir]) {
      rmSync(file, { force: true, recursive: true })
    }
  }
  if (options.reset) removeFiles()
  const saved = readSaved(worldPath)
  // One set of files is one Telegram: the built-in one's chats with the clients the bot stored
  // for them, or another server's clients. A run of the other kind would mix both in one
  // database (new clients taken for old ones), and an --api-root run, which keeps no chats,
  // would save over the built-in ones
  if (saved && (saved.world !== undefined) !== embedded) {
    throw new Error(
      saved.world
        ? `${dbPath} is the built-in sandbox's: a run with --api-root keeps its own files (default ${DEFAULT_EXTERNAL_DATABASE}) — choose another --data, or start over with --reset`
        : `${dbPath} is a run against another Bot API server (--api-root): the built-in sandbox keeps its own files (default ${DEFAULT_DATABASE}) — choose another --data, or start over with --reset`,
    )
  }

  const logger = createLogger({
    level: options.logLevel ?? 'warn',
    token: options.token ?? SANDBOX_TOKEN,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  })
  const calls = new CallLog()
  const events = new EventHub()
  let clock: SandboxClock = createSandboxClock(saved?.clockOffset ?? 0)
  let rateLimits = options.rateLimits ?? true
  let world: TelegramEmulator | undefined
  let app: App | undefined
  let status: BotStatus = 'starting'
  let problem: string | undefined
  let saveTimer: NodeJS.Timeout | undefined
  /** The reset under way: one at a time, or two would each start a bot on the same world. */
  let resetting: Promise<void> | undefined
  let stopWaitingForContent: (() => void) | undefined

  function save(): void {
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = undefined
    const data: Saved = { clockOffset: clock.offset(), ...(world ? { world: world.snapshot() } : {}) }
    mkdirSync(dirname(worldPath), { recursive: true })
    writeFileSync(`${worldPath}.tmp`, JSON.stringify(data))
    renameSync(`${worldPath}.tmp`, worldPath)
  }
  const saveSoon = () => {
    saveTimer ??= setTimeout(save, SAVE_DELAY_MS)
  }

  /** The team's language (--locale): a manager of an English-speaking business reads English. */
  const teamLocale = options.locale === 'en' ? 'en' : 'ru'
  const worldTeam = (): WorldTeam => ({ locale: teamLocale, business: businessName(options.contentPath, teamLocale) })
  function makeWorld(snapshot?: WorldSnapshot): TelegramEmulator | undefined {
    if (!embedded) return undefined
    const em = createWorld({ now: () => clock.now(), rateLimits, filesDir }, worldTeam(), snapshot)
    em.on((event) => {
      saveSoon()
      if (event.type === 'message') {
        const chat = event.business ? em.business.chat(event.business, event.chatId) : em.chats.get(event.chatId)
        const stored = chat?.messages.get(event.messageId)
        if (stored) events.send('message', { chatId: pageChatId(event), message: messageView(stored, chat) })
      } else if (event.type === 'deleted' || event.type === 'answer') {
        events.send(event.type, { ...event, chatId: pageChatId(event) })
      } else if (event.type === 'chat') events.send('state')
      else events.send(event.type, event)
    })
    return em
  }
  world = makeWorld(saved?.world)
  calls.on((entry) => events.send('call', entry))

  /**
   * The clock move before this one, settled once what it made due has run: moves go one at a
   * time (a double click on +1 hour, two pages), each after the one before has caught up.
   */
  let lastMove: Promise<unknown> = Promise.resolve()

  /**
   * Moves the clock once no job runs and no broadcast is being sent: a job's claim lasts 10
   * minutes of the sandbox's time, so a jump under a running job would expire it — its send
   * taken for one cut short (the staff told it "may not have arrived") and its outcome refused
   * as a lost claim; and a broadcast under way would have the rest of its messages dated after
   * the jump, as if it had taken hours.
   * `catchUp` settles (true) when what became due has run and what it queued has gone out.
   */
  async function moveNow(input: string): Promise<{ catchUp: Promise<boolean> }> {
    // (A reset meanwhile starts another app, with a run of its own at its start)
    for (let waited: App | undefined; app && app !== waited; ) {
      waited = app
      await app.deps.scheduler.idle()
      await app.deps.services.broadcasts.idle()
    }
    // Nothing runs between here and the catch-up's claims: no job's claim predates the move
    const zone = app?.deps.content.get().business.timezone ?? 'UTC'
    const target = clockTarget(input, clock.now(), zone)
    clock.check(target) // a refused move changes nothing, not even the jobs on the way
    if (app) await stepThrough(app, target)
    // Stepping may have reached the target itself (a job due at it), and real time ran meanwhile
    if (target > clock.now()) clock.moveTo(target)
    save()
    events.send('state')
    if (!app) return { catchUp: Promise.resolve(true) }
    const { scheduler, services } = app.deps
    // What became due runs now, not at the next poll: the jobs first, then the outbox, which
    // holds what those jobs queued for the staff group
    const deadline = Date.now() + CATCH_UP_WAIT_MS
    const catchUp = (async () => {
      await scheduler.runDue()
      // A broadcast the jobs started (one put off to the morning) is what became due too; one
      // still sending at the answer's end leaves the move unsettled
      const sent = services.broadcasts.idle().then(() => true)
      const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), deadline - Date.now()).unref())
      if (!(await Promise.race([sent, late]))) return false
      // What waits for its turn (the staff group's 20 a minute, an album's short pause) is sent
      // when it may, within the answer's wait; still waiting after it, the move is not settled
      for (;;) {
        const { nextAt } = await services.outbox.runDue()
        if (nextAt === undefined) return true
        const wait = Math.max(50, nextAt - clock.now())
        if (Date.now() + wait >= deadline) return false
        await new Promise((resolve) => setTimeout(resolve, wait).unref())
      }
    })()
    return { catchUp }
  }

  /**
   * On the way to `target`, stops at each job's time and runs it then, with what it queued, as
   * a bot left running would: a reminder due in two hours goes at its time, inside Telegram's
   * 24 hours in a Business chat, not a day late as if the bot had been off (and one planned
   * from another's outcome, a review request after a rating, comes up in its turn). A very
   * long jump stops at MAX_CLOCK_STEPS of them and runs the rest at the end, as a restart would.
   *
   * It stops at the outbox's times too: what the outbox holds for its turn (the staff group's
   * 20 a minute, the owner's chat's one a second after a burst, a retry's pause) goes when the
   * outbox says it may, seconds after the job that queued it — not at the next job's time,
   * hours or days later, dated then (an owner's alert due at 10:15 shown at 10:30, beside the
   * next check's own). Up to MAX_OUTBOX_STEPS such stops; past them, the outbox sends at the
   * job stops only.
   */
  async function stepThrough(running: App, target: number): Promise<void> {
    const { scheduler, services } = running.deps
    let jobSteps = 0
    let outboxSteps = 0
    // What the outbox held before the move goes at its own times on the way, before any job
    let outboxAt = (await services.outbox.runDue()).nextAt
    for (;;) {
      const jobAt = scheduler.nextRunAt()
      const outboxNext =
        outboxSteps < MAX_OUTBOX_STEPS ? (outboxAt ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY
      const next = Math.min(jobAt ?? Number.POSITIVE_INFINITY, outboxNext)
      if (next > target) return
      const forJobs = jobAt !== undefined && jobAt <= next
      if (forJobs && ++jobSteps > MAX_CLOCK_STEPS) {
        logger.warn({ steps: MAX_CLOCK_STEPS }, 'a long clock move: the jobs left run together at its end')
        return
      }
      if (!forJobs && ++outboxSteps === MAX_OUTBOX_STEPS) {
        logger.warn(
          { steps: MAX_OUTBOX_STEPS },
          "a long clock move: the rest of the outbox's messages go at the next job stops, dated then",
        )
      }
      if (next > clock.now()) clock.moveTo(next)
      if (forJobs) await scheduler.runDue()
      // The broadcast sender runs on its own, beside the jobs: a broadcast a job started here
      // (one put off to the end of the quiet hours) is sent here, at its time, before the clock
      // moves on — not under the next stop's time or the move's end, dated then
      await services.broadcasts.idle()
      outboxAt = (await services.outbox.runDue()).nextAt
    }
  }

  const botApi = createBotApiHandler(
    () => world as TelegramEmulator,
    (err, method) => logger.error({ err, method }, 'the embedded Bot API failed on a call'),
  )
  const control: SandboxControl = {
    world: () => world,
    app: () => app,
    clock: () => clock,
    calls,
    events,
    status: () => ({
      status,
      ...(problem ? { problem } : {}),
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    }),
    rateLimits: () => rateLimits,
    setRateLimits(on) {
      rateLimits = on
      world?.setRateLimits(on)
      events.send('state')
    },
    async moveClock(input) {
      const move = lastMove.then(() => moveNow(input))
      // The next move waits for this one and its catch-up, whatever their end: a refused move
      // (a date in the past) is the caller's answer below; a catch-up that fails, perhaps after
      // the caller stopped waiting, is logged here
      lastMove = move.then(
        ({ catchUp }) =>
          catchUp.then(
            () => undefined,
            (err: unknown) => logger.warn({ err }, 'catching up after a clock move failed'),
          ),
        () => undefined,
      )
      const { catchUp } = await move
      const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CATCH_UP_WAIT_MS).unref())
      return { settled: await Promise.race([catchUp, late]) }
    },
    async addManager(name) {
      const em = world
      if (!em || !app) throw new UserActionError('the bot is not running yet')
      const [first, ...rest] = name.split(/\s+/)
      const user = em.addUser({
        first_name: first ?? name,
        ...(rest.length ? { last_name: rest.join(' ') } : {}),
        language_code: teamLocale,
        started: true,
      })
      em.chats.get(STAFF_GROUP.id)?.members.set(user.id, 'member')
      // As if the owner had added them with /staff
      app.deps.services.staff.add(user.id, 'manager', OWNER.id, name)
      events.send('state')
      saveSoon()
      return user.id
    },
    reset() {
      // A second reset before the first is done (two pages, a double click) is that same reset
      resetting ??= (async () => {
        status = 'starting'
        events.send('state')
        await stopBot()
        world?.close()
        removeFiles()
        clock = createSandboxClock()
        world = makeWorld()
        calls.clear()
        await startFresh()
        events.send('reset')
      })().finally(() => {
        resetting = undefined
      })
      return resetting
    },
  }

  /**
   * The sandbox answers on its own address only, and changes things only for its own page.
   * It listens on loopback, but a web page of any site is on loopback too: without these, a
   * site could post to it (a plain-text POST needs no preflight) or, renaming itself to
   * 127.0.0.1 (DNS rebinding), read the chats back. The Bot API is the bot's alone, and it
   * changes things on a GET too (Telegram takes a method's parameters in the query string),
   * with a token that is the same in every copy of the project: an <img> on any site could
   * send a message or set a webhook that takes the chats away. The bot's fetch, like curl,
   * sends no Origin and no Sec-Fetch-Site, and the page never calls the Bot API, so whatever
   * a browser marks as sent for another site is refused there, whatever the method.
   */
  let own: Set<string> | undefined
  function foreign(req: IncomingMessage, path: string): string | undefined {
    // The port is known once the server listens, before any request comes
    own ??= new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
    if (!own.has(req.headers.host ?? '')) return 'the sandbox answers on its own address only'
    const origin = req.headers.origin
    // No Origin: not a browser (the bot, curl). "null" (a sandboxed frame, a file) is no page of ours
    const ownOrigin =
      origin === undefined || own.has(origin !== 'null' && URL.canParse(origin) ? new URL(origin).host : '')
    if (isBotApiPath(path)) {
      const site = req.headers['sec-fetch-site']
      // "none": typed into the address bar by whoever runs the sandbox
      if (!ownOrigin || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        return 'the Bot API is for the bot only'
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && !ownOrigin) {
      return 'the sandbox takes changes from its own page only'
    }
    return undefined
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // One reading of the address for every check and route below: the origin checks and the
    // Bot API, the page's API and its files all see the same path
    const url = requestUrl(req.url)
    if (url === undefined) {
      res.writeHead(400, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ error: 'not an address of this server' }))
    }
    const path = url.pathname
    const refused = foreign(req, path)
    if (refused) {
      res.writeHead(403, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ error: refused }))
    }
    if (world && (await botApi(req, res))) return
    if (path.startsWith('/sandbox/')) return handleSandboxRequest(control, req, res, url)
    const name = path === '/' ? 'index.html' : path.slice(1)
    const type = WEB_TYPES[extname(name)]
    if (!type || !/^[\w-]+\.\w+$/.test(name) || !existsSync(new URL(name, WEB))) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      return void res.end('Not found')
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
    res.end(readFileSync(new URL(name, WEB)))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      logger.error({ err, url: req.url }, 'sandbox request failed')
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'the sandbox failed on this request; see its log' }))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, resolve)
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host}:${port}/`
  lock.address(url)

  const config = parseConfig({
    BOT_TOKEN: options.token ?? SANDBOX_TOKEN,
    STAFF_GROUP_ID: String(options.staffGroupId ?? STAFF_GROUP.id),
    OWNER_IDS: String(options.ownerId ?? OWNER.id),
    DATABASE_PATH: dbPath,
    CONTENT_PATH: options.contentPath,
    LOG_LEVEL: options.logLevel ?? 'warn',
    BOT_API_ROOT: options.apiRoot ?? `http://${host}:${port}`,
    ...(options.locale === undefined ? {} : { DEFAULT_LOCALE: options.locale }),
    // The embedded Telegram has a test shop: /invoice sends an invoice the page can pay
    ...(embedded ? { PAYMENT_PROVIDER_TOKEN: SANDBOX_PROVIDER_TOKEN } : {}),
  })

  /**
   * Waits for a valid content file: looks at the file every second and reads it again when
   * it changed since it was last read (its size, time or inode), so a save that lands right
   * after a read is seen too — fs.watchFile would take its own first look later and miss it.
   * A file still invalid updates the report; a valid one starts the bot.
   */
  function waitForValidContent(freshDatabase: boolean, readAs: string): void {
    let seen = readAs
    stopWaitingForContent?.()
    const timer = setInterval(() => {
      const now = fileVersion(options.contentPath)
      if (now === seen) return
      seen = now
      const report = contentProblem(options.contentPath)
      if (report === undefined) {
        stopWaitingForContent?.()
        void startBot(freshDatabase)
      } else if (report !== problem) {
        problem = report
        logger.warn(`the content file is still invalid:\n${report}`)
        events.send('state')
      }
    }, CONTENT_POLL_MS)
    stopWaitingForContent = () => {
      clearInterval(timer)
      stopWaitingForContent = undefined
    }
  }

  async function startBot(freshDatabase: boolean): Promise<void> {
    status = 'starting'
    problem = undefined
    events.send('state')
    // Noted before the read: a change from here on is read again
    const version = fileVersion(options.contentPath)
    const report = contentProblem(options.contentPath)
    if (report) {
      // An owner previewing their file sees what to fix; the bot starts once the file is valid
      status = 'error'
      problem = report
      logger.warn(`the content file is invalid, the bot waits for a valid one:\n${report}`)
      events.send('state')
      waitForValidContent(freshDatabase, version)
      return
    }
    try {
      app = await startApp({ config, logger, clock, client: { fetch: recordingFetch(calls, clock) } })
    } catch (err) {
      status = 'error'
      problem = err instanceof Error ? err.message : String(err)
      if (!(err instanceof StartupError)) logger.error({ err }, 'the bot did not start')
      events.send('state')
      return
    }
    // The demo team: the owner is in OWNER_IDS; the manager is added as the owner would with /staff
    const manager = world?.people.get(MANAGER.id)?.user.first_name
    if (freshDatabase && embedded) app.deps.services.staff.add(MANAGER.id, 'manager', OWNER.id, manager)
    status = 'running'
    events.send('state')
  }

  async function stopBot(): Promise<void> {
    const running = app
    app = undefined
    status = 'stopped'
    await running?.stop()
  }

  /** Starts the bot on a new database, with the world file that marks it as the sandbox's written first. */
  async function startFresh(): Promise<void> {
    save()
    await startBot(true)
  }

  if (existsSync(dbPath)) await startBot(false)
  else await startFresh()

  return {
    url,
    async stop() {
      stopWaitingForContent?.()
      await stopBot()
      world?.close()
      save()
      events.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      lock.release()
    },
  }
}

/** Where the sandbox keeps its data by default, relative to the project. */
export const DEFAULT_DATABASE = join('data', 'sandbox.sqlite')
/** The same for a run against another Bot API server (--api-root): its clients are another Telegram's. */
export const DEFAULT_EXTERNAL_DATABASE = join('data', 'sandbox-external.sqlite')
