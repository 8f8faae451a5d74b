/**
 * `npm run bench -- replay`: does answering get slower as a discovery grows?
 * A conversation replays its whole log on every update, so one
 * long conversation would handle its 20th answer more slowly than its 1st.
 * Discovery runs one short conversation per question (conversations/continuation.ts);
 * this bench drives a 20-question discovery (text and button questions in turn)
 * through the real bot with the fake Bot API and an in-memory database, and
 * compares the handling time of the 20th answer with the 1st (median over
 * many clients). It also reports the stored conversation state's size after
 * each, which must not grow. Target: ratio ≤ 2.
 */
import { performance } from 'node:perf_hooks'
import { eq } from 'drizzle-orm'
import { kv } from '../db/schema.ts'
import { buttonData, contentFrom } from '../test/helpers/flows.ts'
import { createHarness } from '../test/helpers/harness.ts'

const QUESTIONS = 20
const CLIENTS = 60
const WARMUP_CLIENTS = 10

function benchContent() {
  const questions = Array.from({ length: QUESTIONS }, (_, i) =>
    i % 2 === 0
      ? `    - { key: q${i + 1}, text: "Вопрос ${i + 1}: расскажите подробнее", type: text, validation: { min_length: 3 } }`
      : `    - key: q${i + 1}
      text: "Вопрос ${i + 1}: выберите вариант"
      type: choice
      options:
        - { value: a, label: Вариант А }
        - { value: b, label: Вариант Б }
        - { value: c, label: Вариант В }`,
  )
  return contentFrom(`business:
  name: Бенчмарк
  about: Проверяем скорость
  timezone: Europe/Moscow
  hours:
    mon: ["10:00-19:00"]
discovery:
  questions:
${questions.join('\n')}
`)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export async function run(): Promise<Record<string, unknown>> {
  const h = createHarness({ content: benchContent(), config: { LOG_LEVEL: 'warn' } })
  const times: number[][] = Array.from({ length: QUESTIONS }, () => [])
  const stateBytes: number[][] = Array.from({ length: QUESTIONS }, () => [])

  for (let c = 0; c < WARMUP_CLIENTS + CLIENTS; c++) {
    const user = h.u.user(10_000 + c)
    await h.send(h.u.callback(user, 'menu:discovery'))
    for (let i = 0; i < QUESTIONS; i++) {
      // Build the update first: only handling it is timed
      const update =
        i % 2 === 0 ? h.u.text(user, `Ответ на вопрос ${i + 1}`) : h.u.callback(user, buttonData(h, user, 'Вариант Б'))
      const start = performance.now()
      await h.send(update)
      const elapsed = performance.now() - start
      if (c < WARMUP_CLIENTS) continue
      times[i]?.push(elapsed)
      const state = h.deps.db
        .select({ value: kv.value })
        .from(kv)
        .where(eq(kv.key, `conv:${user.id}`))
        .get()
      stateBytes[i]?.push(state?.value.length ?? 0)
    }
    // Not part of the measurement: keep the fake API's call log from growing without bound
    h.fake.clearCalls()
  }
  if (h.errors().length > 0) throw new Error(`the bot logged errors: ${JSON.stringify(h.errors().slice(0, 3))}`)

  const medians = times.map(median)
  const first = medians[0] as number
  const last = medians[QUESTIONS - 1] as number
  const ratio = last / first
  console.log(`${QUESTIONS}-question discovery, ${CLIENTS} clients (after ${WARMUP_CLIENTS} warm-up clients)`)
  console.log('median handling time per answer (ms) and stored conversation state after it (bytes):')
  for (const i of [0, 1, 4, 9, 14, 18, 19]) {
    const bytes = median(stateBytes[i] ?? [])
    console.log(`  answer ${String(i + 1).padStart(2)}: ${(medians[i] as number).toFixed(2)} ms, state ${bytes} B`)
  }
  const middle = medians.slice(1, QUESTIONS - 1)
  console.log(`answers 2–19: from ${Math.min(...middle).toFixed(2)} to ${Math.max(...middle).toFixed(2)} ms`)
  const nineteenth = (medians[QUESTIONS - 2] as number) / first
  console.log(`19th answer (the last that asks a next question) vs 1st: ratio ${nineteenth.toFixed(2)}`)
  console.log(`20th answer (the last one: it sends the summary instead) vs 1st: ratio ${ratio.toFixed(2)} (limit 2)`)
  return {
    questions: QUESTIONS,
    clients: CLIENTS,
    first_ms: Number(first.toFixed(3)),
    last_ms: Number(last.toFixed(3)),
    ratio: Number(ratio.toFixed(2)),
    limit: 2,
    ratio_19th: Number(nineteenth.toFixed(2)),
    state_bytes_first: median(stateBytes[0] ?? []),
    state_bytes_19th: median(stateBytes[QUESTIONS - 2] ?? []),
  }
}
