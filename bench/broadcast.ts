/**
 * `npm run bench -- broadcast`: 10,000 recipients through the real broadcast sender
 * (real SQLite, real services, grammY's Api) against a fake Bot API that enforces
 * Telegram's bulk limit — at most 30 messages in any 1-second window, a 429 with
 * `retry_after` otherwise — and answers each call after 40–160 ms. Time is simulated (a
 * discrete-event clock), so the run takes seconds, not the ~6 minutes it models.
 * After 2,000 deliveries it imposes a 3-second flood wait (429s with retry_after) once.
 * Half-way through, the process "crashes" (the sender is killed as it stands, with sends
 * in flight) and a new one resumes from the database.
 * Measured: the achieved rate while sending (downtime excluded) and its ratio to the
 * limit, 429s received, recipients who never got the message (lost) and those who got
 * it more than once (duplicates).
 */
import { readFileSync } from 'node:fs'
import { Api } from 'grammy'
import { openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { recipientCounts } from '../db/repositories/broadcasts.ts'
import { clients } from '../db/schema.ts'
import type { Clock } from '../src/clock.ts'
import { parseConfig } from '../src/config.ts'
import { parseContent } from '../src/content/loader.ts'
import { createContentStore } from '../src/content/store.ts'
import { createDeps } from '../src/deps.ts'
import { createBroadcastSender } from '../src/jobs/broadcast-sender.ts'
import { createLogger } from '../src/logger.ts'
import { CONSENT_TEXT_VERSION } from '../src/services/clients.ts'

const RECIPIENTS = 10_000
const LIMIT_PER_S = 30
const CRASH_AFTER = 5_000
/** After this many deliveries Telegram imposes a 3-second flood wait, as it sometimes does. */
const FLOOD_AFTER = 2_000
const FLOOD_MS = 3_000
const DOWNTIME_MS = 5_000
const TOKEN = '123456789:AAH-bench-token-for-clientdesk-bench-000'
const OWNER_ID = 5_000_001
const FIRST_CHAT = 1_000_000

/** A discrete-event clock: `sleep` registers a timer; `drive` runs everything due, then jumps to the next timer. */
class VirtualTime implements Clock {
  private t: number
  private timers: { at: number; seq: number; resolve: () => void }[] = []
  private seq = 0

  constructor(start: number) {
    this.t = start
  }

  now(): number {
    return this.t
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve })
    })
  }

  advance(ms: number): void {
    this.t += ms
  }

  /** Runs until `done()`: settles pending work, then fires the earliest timer, and so on. */
  async drive(done: () => boolean): Promise<void> {
    for (;;) {
      // Several turns of the event loop let every promise chain run to its next sleep
      for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve))
      if (done()) return
      if (this.timers.length === 0) throw new Error('simulation stalled: nothing scheduled and not done')
      let next = 0
      for (let i = 1; i < this.timers.length; i++) {
        const a = this.timers[i]!
        const b = this.timers[next]!
        if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) next = i
      }
      const [timer] = this.timers.splice(next, 1)
      this.t = Math.max(this.t, timer!.at)
      timer!.resolve()
    }
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const wallStart = performance.now()
  const clock = new VirtualTime(Date.parse('2026-11-23T09:00:00Z'))
  const config = parseConfig({
    BOT_TOKEN: TOKEN,
    STAFF_GROUP_ID: '-1001234567890',
    OWNER_IDS: String(OWNER_ID),
    DATABASE_PATH: ':memory:',
    LOG_LEVEL: 'silent',
    BROADCAST_RATE_PER_S: String(LIMIT_PER_S),
  })
  const logger = createLogger({ level: 'silent', token: TOKEN })
  const database = openDatabase(':memory:')
  runMigrations(database)
  const parsed = parseContent(readFileSync(new URL('../db/seed/web-studio.yaml', import.meta.url), 'utf8'))
  if (!parsed.ok) throw new Error('demo content is invalid')
  const content = createContentStore({ db: database.db, clock }, parsed.content)
  const makeDeps = () => createDeps({ config, logger, clock, database, content })

  // 10,000 consenting clients
  const now = clock.now()
  database.db.transaction((tx) => {
    for (let i = 0; i < RECIPIENTS; i++) {
      tx.insert(clients)
        .values({
          telegramId: FIRST_CHAT + i,
          firstName: `Client ${i}`,
          language: i % 5 === 0 ? 'en' : 'ru',
          consentAt: now,
          consentVersion: CONSENT_TEXT_VERSION,
          createdAt: now,
          lastSeenAt: now,
        })
        .run()
    }
  })

  // The fake Bot API: Telegram's bulk limit, latency, and a crash at the N-th delivery
  const deliveries = new Map<number, number>()
  const window: number[] = []
  let delivered = 0
  let tooMany = 0
  let floodUntil = 0
  let crashed = false
  let crashAt = 0
  let firstSendAt: number | undefined
  let lastSendAt = 0
  let seed = 42
  const latency = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return 40 + (seed % 121)
  }
  let onCrash = () => {}
  const reply = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
  const fakeFetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url).split('/').pop() ?? ''
    const payload = JSON.parse(String(init?.body ?? '{}')) as { chat_id?: number; message_id?: number }
    const chatId = Number(payload.chat_id)
    const toClient = (method === 'sendMessage' || method === 'copyMessage') && chatId !== OWNER_ID
    if (!toClient) {
      return reply({ ok: true, result: { message_id: 1, date: 0, chat: { id: chatId, type: 'private' } } })
    }
    const t = clock.now()
    if (t < floodUntil) {
      tooMany++
      await clock.sleep(latency())
      const wait = Math.ceil((floodUntil - t) / 1000)
      return reply({
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${wait}`,
        parameters: { retry_after: wait },
      })
    }
    while (window.length > 0 && (window[0] as number) <= t - 1000) window.shift()
    if (window.length >= LIMIT_PER_S) {
      tooMany++
      await clock.sleep(latency())
      return reply({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      })
    }
    window.push(t)
    deliveries.set(chatId, (deliveries.get(chatId) ?? 0) + 1)
    delivered++
    firstSendAt ??= t
    lastSendAt = t
    if (delivered === FLOOD_AFTER) floodUntil = t + FLOOD_MS
    if (delivered === CRASH_AFTER) {
      // The message is delivered, and the process dies before it hears back
      crashed = true
      crashAt = t
      onCrash()
    }
    await clock.sleep(latency())
    return reply({ ok: true, result: { message_id: 7, date: 0, chat: { id: chatId, type: 'private' } } })
  }
  const api = new Api(TOKEN, { fetch: fakeFetch as never })

  // The owner's draft, confirmed: one row per recipient before anything is sent
  const deps1 = makeDeps()
  const draft = deps1.services.broadcasts.createDraft({
    ownerId: OWNER_ID,
    sourceChatId: OWNER_ID,
    sourceMessageId: 1,
    plan: { kind: 'text', text: 'Новая услуга: аудит сайта за 1 день' },
  })
  const sender1 = createBroadcastSender(deps1, api)
  deps1.services.broadcasts.attachWorker(sender1)
  onCrash = () => sender1.kill()
  sender1.start()
  const confirmed = await deps1.services.broadcasts.confirm(draft.id)
  if (!confirmed.ok) throw new Error('broadcast did not start')
  await clock.drive(() => crashed)
  const inFlightAtCrash = delivered

  // Restart: new services and sender on the same database, after some downtime
  clock.advance(DOWNTIME_MS)
  const resumeAt = clock.now()
  const deps2 = makeDeps()
  const sender2 = createBroadcastSender(deps2, api)
  deps2.services.broadcasts.attachWorker(sender2)
  sender2.start()
  let finished = false
  void sender2.idle().then(() => {
    finished = true
  })
  await clock.drive(() => finished)

  const counts = recipientCounts(database.db, draft.id)
  let lost = 0
  let duplicates = 0
  for (let i = 0; i < RECIPIENTS; i++) {
    const n = deliveries.get(FIRST_CHAT + i) ?? 0
    if (n === 0) lost++
    if (n > 1) duplicates += n - 1
  }
  // Two runs (before and after the crash): n deliveries span n − 1 intervals in each
  const sendingMs = crashAt - (firstSendAt ?? crashAt) + (lastSendAt - resumeAt)
  const rate = (delivered - 2) / (sendingMs / 1000)
  const ratio = rate / LIMIT_PER_S
  const wallMs = performance.now() - wallStart

  console.log(`recipients:            ${RECIPIENTS}`)
  console.log(`delivered (fake API):  ${delivered}`)
  console.log(`crash after delivery:  ${inFlightAtCrash}; downtime ${DOWNTIME_MS / 1000} s (simulated)`)
  console.log(
    `rows: sent ${counts.sent}, uncertain ${counts.uncertain} (delivered, result lost in the crash), pending ${counts.pending}`,
  )
  console.log(`429 answers:           ${tooMany} (one ${FLOOD_MS / 1000} s flood wait, honoured by every send)`)
  console.log(`sending time:          ${(sendingMs / 1000).toFixed(1)} s simulated (downtime excluded)`)
  console.log(`rate:                  ${rate.toFixed(2)} msg/s, limit ${LIMIT_PER_S} msg/s, ratio ${ratio.toFixed(3)}`)
  console.log(`lost: ${lost}, duplicates: ${duplicates}`)
  console.log(`wall time:             ${(wallMs / 1000).toFixed(1)} s`)
  database.close()
  return {
    recipients: RECIPIENTS,
    rate_per_s: Number(rate.toFixed(2)),
    limit_per_s: LIMIT_PER_S,
    ratio: Number(ratio.toFixed(3)),
    lost,
    duplicates,
    uncertain: counts.uncertain,
    too_many_requests: tooMany,
    wall_s: Number((wallMs / 1000).toFixed(1)),
  }
}
