/**
 * `npm run bench -- burst`: the morning after an ad. 1,000 new clients press /start
 * within 30 s, 50 clients tap through the quiz (each tap 300 ms after the question
 * arrives), and a broadcast to 5,000 runs at the same time. Everything goes through
 * the real bot (handlers, conversations, the broadcast sender, the one outbound path)
 * against the fake Bot API enforcing Telegram's limits with its own rules (30 a second
 * in total, about one a second per private chat with a burst of 5), on a simulated
 * clock, with 30–50 ms for each request to reach Telegram.
 *
 * Prints: greeted / 1,000, quiz steps answered / sent, lost and duplicated messages,
 * the fake's busiest second and its 429s, reply latency p50 / p95 / max (simulated s,
 * from the update to the greeting at Telegram), the broadcast's rate, and the total
 * rate while work was queued (until the broadcast's last message) against the fake's
 * limit (goal ≥ 0.95).
 * `BURST_SCALE=0.2 npm run bench -- burst` runs a fifth of it.
 */
import { performance } from 'node:perf_hooks'
import { seedClient } from '../test/helpers/clients.ts'
import { FakeTelegram, SEND_METHODS } from '../test/helpers/fake-telegram.ts'
import { buttonData } from '../test/helpers/flows.ts'
import { createHarness, OWNER_ID } from '../test/helpers/harness.ts'
import { percentile, random, round } from '../test/helpers/numbers.ts'
import { createSimClock } from '../test/helpers/sim-clock.ts'

const SCALE = Number(process.env.BURST_SCALE ?? 1)
const STARTS = Math.round(1_000 * SCALE)
const START_SPAN_MS = 30_000
const QUIZ_CLIENTS = Math.round(50 * SCALE)
const TAP_AFTER_MS = 300
const RECIPIENTS = Math.round(5_000 * SCALE)
/** The fake's own rule, for the ratio: Telegram allows about 30 messages a second. */
const TELEGRAM_PER_SECOND = 30
/** How long a request takes to reach Telegram (a server near Telegram's data centre, some jitter). */
const NETWORK_MS = { min: 30, max: 50 }
const TAPS = ['Собирать заявки', 'Одна страница', 'Срочно', 'до 60 тыс', 'Продвижение в поиске', 'Готово']

export async function run(): Promise<Record<string, unknown>> {
  const wallStart = performance.now()
  const sim = createSimClock('2026-11-23T07:00:00Z') // Monday 10:00 in Moscow
  const fake = new FakeTelegram({ rateLimits: true, now: () => sim.now() })
  // Each request takes a while to reach Telegram; the fake sees it when it arrives
  const rand = random(7)
  const direct = fake.fetch
  Object.defineProperty(fake, 'fetch', {
    value: async (url: string | URL | Request, init?: RequestInit) => {
      await sim.sleep(NETWORK_MS.min + Math.floor(rand() * (NETWORK_MS.max - NETWORK_MS.min)))
      return direct(url, init)
    },
  })
  // Every message the fake accepted, when it arrived (noted as the fake takes it)
  const arrivals: { at: number; method: string; chatId: number }[] = []
  for (const method of SEND_METHODS) {
    fake.on(method, (payload) => {
      arrivals.push({ at: sim.now(), method, chatId: Number(payload.chat_id) })
      return undefined // the fake's own answer
    })
  }
  const h = createHarness({ clock: sim, fake, config: { LOG_LEVEL: 'silent' } })

  for (let i = 0; i < RECIPIENTS; i++) seedClient(h.deps, 3_000_000 + i)
  const t0 = sim.now()
  const draft = h.deps.services.broadcasts.createDraft({
    ownerId: OWNER_ID,
    sourceChatId: OWNER_ID,
    sourceMessageId: 1,
    plan: { kind: 'text', text: 'Новая услуга: аудит сайта за один день' },
  })
  await h.deps.services.broadcasts.confirm(draft.id)

  // 1,000 /start spread over 30 s
  const fedAt = new Map<number, number>()
  const work: Promise<unknown>[] = []
  for (let i = 0; i < STARTS; i++) {
    const user = h.u.user(1_000_000 + i, { first_name: `Гость${i}` })
    sim.timer(Math.floor((i * START_SPAN_MS) / STARTS), () => {
      fedAt.set(user.id, sim.now())
      work.push(h.bot.handleUpdate(h.u.text(user, '/start')))
    })
  }
  // 50 clients tapping through the quiz
  const taps = new Map<number, string[]>() // client → callback query ids of their taps
  const quizUsers = Array.from({ length: QUIZ_CLIENTS }, (_, i) => h.u.user(2_000_000 + i, { first_name: `Квиз${i}` }))
  const quizzes = quizUsers.map(async (user, i) => {
    await sim.sleep(i * 100)
    await h.send(h.u.text(user, '/quiz'))
    for (const label of TAPS) {
      await sim.sleep(TAP_AFTER_MS)
      const update = h.u.callback(user, buttonData(h, user, label))
      taps.set(user.id, [...(taps.get(user.id) ?? []), update.callback_query?.id ?? ''])
      await h.send(update)
    }
  })
  const everything = (async () => {
    await Promise.all(quizzes)
    await sim.sleep(START_SPAN_MS) // every /start has been fed by then
    await Promise.all(work)
    await h.deps.services.broadcasts.idle()
  })()
  await sim.run(everything)

  // ---------------------------------------------------------------- what people got
  const sent = arrivals
  const greetings = new Map<number, number>() // chat → greetings received
  for (const call of fake.calls) {
    if (call.ok && call.method === 'sendMessage' && String(call.payload.text ?? '').startsWith('Здравствуйте,')) {
      const chat = Number(call.payload.chat_id)
      greetings.set(chat, (greetings.get(chat) ?? 0) + 1)
    }
  }
  // Latency: from the update to the greeting reaching Telegram
  const latencies: number[] = []
  const firstArrival = new Map<number, number>()
  for (const a of sent) if (a.method === 'sendMessage' && !firstArrival.has(a.chatId)) firstArrival.set(a.chatId, a.at)
  let greeted = 0
  let duplicates = 0
  for (const [chat, fed] of fedAt) {
    const n = greetings.get(chat) ?? 0
    if (n > 0) greeted++
    duplicates += Math.max(0, n - 1)
    const at = firstArrival.get(chat)
    if (at !== undefined) latencies.push((at - fed) / 1000)
  }
  // Quiz: each tap answered (its button press acknowledged), every question once and in order, the result shown
  const acknowledged = new Set(
    fake.calls.filter((c) => c.ok && c.method === 'answerCallbackQuery').map((c) => c.payload.callback_query_id),
  )
  let tapsSent = 0
  let answered = 0
  for (const user of quizUsers) {
    const ids = taps.get(user.id) ?? []
    tapsSent += ids.length
    const texts = fake.sentTo(user.id).map((c) => String(c.payload.text ?? c.payload.caption ?? ''))
    const questions = texts.filter((t) => /Вопрос \d из 5/.test(t)).map((t) => Number(/Вопрос (\d)/.exec(t)?.[1]))
    const complete = questions.join() === '1,2,3,4,5' && texts.some((t) => t.startsWith('Готово, '))
    if (complete) answered += ids.filter((id) => acknowledged.has(id)).length
    duplicates += questions.length - new Set(questions).size
  }
  // Broadcast: each recipient exactly once
  let bcLost = 0
  const bcTimes: number[] = []
  for (let i = 0; i < RECIPIENTS; i++) {
    const chat = 3_000_000 + i
    const got = sent.filter((a) => a.chatId === chat)
    if (got.length === 0) bcLost++
    duplicates += Math.max(0, got.length - 1)
    for (const g of got) bcTimes.push(g.at)
  }
  const lost = STARTS - greeted + bcLost + (tapsSent - answered)
  const report = h.deps.services.broadcasts.report(draft.id)
  const bcSpanS = (Math.max(...bcTimes) - Math.min(...bcTimes)) / 1000
  const broadcastRate = (bcTimes.length - 1) / bcSpanS
  // Total rate while work was queued (the broadcast had recipients waiting): accepted messages per second
  const busyEnd = Math.max(...bcTimes)
  const busy = sent.filter((a) => a.at <= busyEnd)
  const spanS = (busyEnd - (busy[0]?.at ?? busyEnd)) / 1000
  const totalRate = (busy.length - 1) / spanS
  const wallS = (performance.now() - wallStart) / 1000

  const figures = {
    greeted,
    starts: STARTS,
    quiz_steps_answered: answered,
    quiz_steps_sent: tapsSent,
    lost,
    duplicates,
    peak_per_second_at_fake: fake.limiter?.peakPerSecond ?? 0,
    limit_per_second: TELEGRAM_PER_SECOND,
    too_many_requests: fake.limiter?.refused ?? 0,
    reply_latency_p50_s: round(percentile(latencies, 50)),
    reply_latency_p95_s: round(percentile(latencies, 95)),
    reply_latency_max_s: round(Math.max(...latencies)),
    broadcast_recipients: RECIPIENTS,
    broadcast_rate_per_s: round(broadcastRate),
    total_rate_per_s: round(totalRate),
    total_ratio: round(totalRate / TELEGRAM_PER_SECOND, 3),
    simulated_s: round((sim.now() - t0) / 1000, 1),
    wall_s: round(wallS, 1),
  }
  console.log(
    [
      `burst: ${STARTS} /start in ${START_SPAN_MS / 1000} s + ${QUIZ_CLIENTS} quiz clients tapping every ${TAP_AFTER_MS} ms + a broadcast to ${RECIPIENTS}`,
      `  greeted ${greeted} / ${STARTS}; quiz steps answered ${answered} / ${tapsSent}; lost ${lost}, duplicates ${duplicates}`,
      `  the fake's busiest second: ${figures.peak_per_second_at_fake} messages (limit ${TELEGRAM_PER_SECOND}); 429s: ${figures.too_many_requests}`,
      `  reply latency p50 ${figures.reply_latency_p50_s} s, p95 ${figures.reply_latency_p95_s} s, max ${figures.reply_latency_max_s} s (simulated)`,
      `  broadcast: sent ${report.sent}, failed ${report.failed}, uncertain ${report.uncertain}, skipped ${report.skipped}, blocked ${report.blocked}, still pending ${report.pending + report.sending}`,
      `  broadcast ${figures.broadcast_rate_per_s}/s; total ${figures.total_rate_per_s}/s = ${figures.total_ratio} × ${TELEGRAM_PER_SECOND}/s over ${round(spanS, 1)} s`,
      `  simulated ${figures.simulated_s} s in ${figures.wall_s} s of wall time`,
    ].join('\n'),
  )
  return figures
}
