/**
 * `npm run bench -- broadcast`: 10,000 recipients through the real broadcast sender
 * with the shipped settings (real SQLite, real services, the bot's bulk Api and its
 * send budget) against a fake Bot API that enforces
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
import { openDatabase } from '../db/client.ts'
import { runMigrations } from '../db/migrate.ts'
import { recipientCounts } from '../db/repositories/broadcasts.ts'
import { clients } from '../db/schema.ts'
import { createBotApis } from '../src/bot/api.ts'
import { parseConfig } from '../src/config.ts'
import { parseContent } from '../src/content/loader.ts'
import { createContentStore } from '../src/content/store.ts'
import { createDeps } from '../src/deps.ts'
import { createBroadcastSender } from '../src/jobs/broadcast-sender.ts'
import { createLogger } from '../src/logger.ts'
import { CONSENT_TEXT_VERSION } from '../src/services/clients.ts'
import { createSimClock } from '../test/helpers/sim-clock.ts'

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

export async function run(): Promise<Record<string, unknown>> {
  const wallStart = performance.now()
  const clock = createSimClock('2026-11-23T09:00:00Z', { zeroTimers: false })
  // The shipped settings: BROADCAST_RATE_PER_S is left at its default
  const config = parseConfig({
    BOT_TOKEN: TOKEN,
    STAFF_GROUP_ID: '-1001234567890',
    OWNER_IDS: String(OWNER_ID),
    DATABASE_PATH: ':memory:',
    LOG_LEVEL: 'silent',
  })
  const logger = createLogger({ level: 'silent', token: TOKEN })
  const database = openDatabase(':memory:')
  runMigrations(database)
  const yaml = readFileSync(new URL('../db/seed/web-studio.yaml', import.meta.url), 'utf8')
  const parsed = parseContent(yaml)
  if (!parsed.ok) throw new Error('demo content is invalid')
  const content = createContentStore({ db: database.db, clock }, parsed.content, yaml)
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
  let crashAt = 0
  let firstSendAt: number | undefined
  let lastSendAt = 0
  let seed = 42
  const latency = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return 40 + (seed % 121)
  }
  let onCrash = () => {}
  let crashed = () => {}
  const crash = new Promise<void>((resolve) => {
    crashed = resolve
  })
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
      crashAt = t
      onCrash()
      crashed()
    }
    await clock.sleep(latency())
    return reply({ ok: true, result: { message_id: 7, date: 0, chat: { id: chatId, type: 'private' } } })
  }
  // The bulk Apis the bot builds: the one outbound path with its send budget
  const bulkApis = (deps: ReturnType<typeof makeDeps>) => createBotApis(deps, { fetch: fakeFetch as never })

  // The owner's draft, confirmed: one row per recipient before anything is sent
  const deps1 = makeDeps()
  const draft = deps1.services.broadcasts.createDraft({
    ownerId: OWNER_ID,
    sourceChatId: OWNER_ID,
    sourceMessageId: 1,
    plan: { kind: 'text', text: 'Новая услуга: аудит сайта за 1 день' },
  })
  const sender1 = createBroadcastSender(deps1, bulkApis(deps1))
  deps1.services.broadcasts.attachWorker(sender1)
  onCrash = () => sender1.kill()
  sender1.start()
  const confirmed = await deps1.services.broadcasts.confirm(draft.id)
  if (!confirmed.ok) throw new Error('broadcast did not start')
  await clock.run(crash)
  const inFlightAtCrash = delivered

  // Restart: new services and sender on the same database, after some downtime
  clock.advance(DOWNTIME_MS)
  const resumeAt = clock.now()
  const deps2 = makeDeps()
  const sender2 = createBroadcastSender(deps2, bulkApis(deps2))
  deps2.services.broadcasts.attachWorker(sender2)
  sender2.start()
  await clock.run(sender2.idle())

  const { counts } = recipientCounts(database.db, draft.id, clock.now())
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
