/**
 * `npm run bench -- relay`: 1,000 client messages from 100 clients through the
 * handoff relay into one staff group whose fake Bot API enforces Telegram's
 * 20 messages a minute per group (429 with retry_after beyond it), on a
 * simulated clock. Every update goes through the real bot (recorder, relay,
 * outbox, deliverer) on an in-memory SQLite with the real migrations.
 *
 * Prints delivered / lost / duplicates / out-of-order, the achieved group rate
 * against the limit, and the processing overhead per message (handling the
 * update + delivering its outbox row, wall-clock ms) as p50/p99.
 */
import { Api } from 'grammy'
import type { OutboxRow } from '../db/repositories/outbox.ts'
import { createHandoffDelivery } from '../src/bot/handoff/deliverer.ts'
import type { RelayPayload } from '../src/services/handoff/index.ts'
import { createFakeClock } from '../test/helpers/clock.ts'
import { FakeTelegram } from '../test/helpers/fake-telegram.ts'
import { createHarness, STAFF_GROUP_ID, TEST_TOKEN } from '../test/helpers/harness.ts'
import { percentile, random, round } from '../test/helpers/numbers.ts'

/** Telegram's group limit as the fake enforces it (the bench's own rule, not the bot's). */
const GROUP_RATE_LIMIT = { max: 20, windowMs: 60_000 }
const CLIENTS = 100
const MESSAGES = 1_000
/** Client messages arrive over this simulated span. */
const ARRIVAL_SPAN_MS = 10 * 60_000

export async function run(): Promise<Record<string, unknown>> {
  const clock = createFakeClock('2026-11-23T07:00:00Z') // Monday 10:00 Moscow
  const fake = new FakeTelegram()

  // The group's rate limit, as Telegram enforces it: at most 20 messages in any 60 s
  const groupSends: number[] = []
  let rejected = 0
  const messagesOf = (method: string, payload: Record<string, unknown>): number => {
    if (method === 'copyMessages') return (payload.message_ids as unknown[]).length
    if (method === 'sendMediaGroup') return (payload.media as unknown[]).length
    if (/^(send|copy|forward)/.test(method) || method === 'createForumTopic' || method === 'pinChatMessage') return 1
    return 0
  }
  const inner = fake.fetch
  const limited = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url).split('/').pop() ?? ''
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined
    if (body && Number(body.chat_id) === STAFF_GROUP_ID) {
      const n = messagesOf(method, body)
      const now = clock.now()
      const recent = groupSends.filter((t) => t > now - GROUP_RATE_LIMIT.windowMs)
      if (n > 0 && recent.length + n > GROUP_RATE_LIMIT.max) {
        rejected++
        const freeAt = (recent[recent.length + n - GROUP_RATE_LIMIT.max - 1] ?? now) + GROUP_RATE_LIMIT.windowMs
        const retryAfter = Math.max(1, Math.ceil((freeAt - now) / 1000))
        return new Response(
          JSON.stringify({
            ok: false,
            error_code: 429,
            description: `Too Many Requests: retry after ${retryAfter}`,
            parameters: { retry_after: retryAfter },
          }),
          { headers: { 'content-type': 'application/json' } },
        )
      }
      for (let i = 0; i < n; i++) groupSends.push(now)
    }
    return inner(url, init)
  }
  Object.defineProperty(fake, 'fetch', { value: limited })

  const h = createHarness({ clock, fake, config: { LOG_LEVEL: 'silent' } })
  const { outbox } = h.deps.services

  // Time each delivery (the same deliverer createBot attaches, wrapped with a stopwatch)
  const deliveryMs = new Map<number, number>()
  const delivery = createHandoffDelivery(
    h.deps,
    new Api(TEST_TOKEN, { fetch: limited as never }),
    () => fake.botInfo.id,
  )
  outbox.attach({
    ...delivery,
    async deliver(row: OutboxRow) {
      const started = performance.now()
      const result = await delivery.deliver(row)
      const spent = performance.now() - started
      if (row.method === 'relay_in') {
        for (const rowId of (row.payload as RelayPayload).rowIds) {
          deliveryMs.set(rowId, (deliveryMs.get(rowId) ?? 0) + spent / (row.payload as RelayPayload).rowIds.length)
        }
      }
      return result
    },
  })

  // 100 clients ask for a manager, then send 1,000 messages (some photos, some 3-photo albums)
  const rand = random(42)
  const users = Array.from({ length: CLIENTS }, (_, i) => h.u.user(2_000_000 + i, { first_name: `Клиент${i}` }))
  for (const user of users) await h.send(h.u.text(user, '/manager'))
  type Arrival = { at: number; user: (typeof users)[number]; kind: 'text' | 'photo' | 'album'; n: number }
  const arrivals: Arrival[] = []
  let planned = 0
  for (let i = 0; planned < MESSAGES; i++) {
    const user = users[i % CLIENTS] as (typeof users)[number]
    const roll = rand()
    const kind = roll < 0.05 && MESSAGES - planned >= 3 ? 'album' : roll < 0.2 ? 'photo' : 'text'
    const n = kind === 'album' ? 3 : 1
    arrivals.push({ at: clock.now() + Math.floor(rand() * ARRIVAL_SPAN_MS), user, kind, n })
    planned += n
  }
  arrivals.sort((a, b) => a.at - b.at)

  const start = clock.now()
  const handlerMs = new Map<number, number>() // client message id → ms
  const sentBy = new Map<number, number[]>() // client → message ids in the order they sent them
  let next = 0
  let albums = 0
  for (let guard = 0; guard < 1_000_000; guard++) {
    // Deliver the arrivals that are due (each update through the whole bot)
    while (next < arrivals.length && (arrivals[next] as Arrival).at <= clock.now()) {
      const a = arrivals[next++] as Arrival
      const group = a.kind === 'album' ? `album-${++albums}` : undefined
      for (let part = 0; part < a.n; part++) {
        const update =
          a.kind === 'text'
            ? h.u.text(a.user, `Сообщение ${next}.${part}`)
            : h.u.photo(a.user, { caption: `фото ${next}.${part}`, ...(group ? { mediaGroupId: group } : {}) })
        const id = update.message?.message_id as number
        const started = performance.now()
        await h.send(update)
        handlerMs.set(id, performance.now() - started)
        const list = sentBy.get(a.user.id) ?? []
        list.push(id)
        sentBy.set(a.user.id, list)
      }
    }
    const { nextAt } = await outbox.drain()
    const nextArrival = arrivals[next]?.at
    if (nextAt === undefined && nextArrival === undefined) break
    clock.set(
      Math.max(clock.now(), Math.min(nextAt ?? Number.POSITIVE_INFINITY, nextArrival ?? Number.POSITIVE_INFINITY)),
    )
  }
  const elapsedMs = clock.now() - start

  // What reached the group: copies of client messages, by client, in order
  const copied = new Map<number, number[]>()
  for (const call of fake.calls) {
    if (!call.ok || Number(call.payload.chat_id) !== STAFF_GROUP_ID) continue
    const from = Number(call.payload.from_chat_id)
    const ids =
      call.method === 'copyMessage'
        ? [Number(call.payload.message_id)]
        : call.method === 'copyMessages'
          ? (call.payload.message_ids as number[])
          : []
    if (ids.length) copied.set(from, [...(copied.get(from) ?? []), ...ids])
  }
  let delivered = 0
  let lost = 0
  let duplicates = 0
  let outOfOrder = 0
  for (const [userId, sent] of sentBy) {
    const got = copied.get(userId) ?? []
    const unique = new Set(got)
    duplicates += got.length - unique.size
    for (const id of sent) {
      if (unique.has(id)) delivered++
      else lost++
    }
    for (let i = 1; i < got.length; i++) if ((got[i] as number) < (got[i - 1] as number)) outOfOrder++
  }

  // Overhead per message: handling its update + its share of delivering its outbox row
  const rows = h.deps.sqlite
    .prepare(
      "select id, client_message_id as mid from messages where direction = 'in' and type != 'text' or (direction = 'in' and text not like '/%')",
    )
    .all() as { id: number; mid: number }[]
  const overhead = rows
    .filter((r) => handlerMs.has(r.mid))
    .map((r) => (handlerMs.get(r.mid) ?? 0) + (deliveryMs.get(r.id) ?? 0))
  let maxPerMinute = 0
  for (const t of groupSends) {
    maxPerMinute = Math.max(maxPerMinute, groupSends.filter((o) => o > t - 60_000 && o <= t).length)
  }
  const groupMessages = groupSends.length
  // The first window's messages go at once; each further window takes a minute
  const minMinutes = Math.max(0, groupMessages - GROUP_RATE_LIMIT.max) / GROUP_RATE_LIMIT.max
  const figures = {
    clients: CLIENTS,
    messages: MESSAGES,
    delivered,
    lost,
    duplicates,
    out_of_order: outOfOrder,
    albums,
    group_messages: groupMessages,
    rejected_429: rejected,
    max_per_minute: maxPerMinute,
    limit_per_minute: GROUP_RATE_LIMIT.max,
    simulated_minutes: round(elapsedMs / 60_000, 1),
    minimum_minutes: round(minMinutes, 1),
    throughput_ratio: round(minMinutes / (elapsedMs / 60_000), 3),
    overhead_ms_p50: round(percentile(overhead, 50)),
    overhead_ms_p99: round(percentile(overhead, 99)),
    handler_ms_p50: round(percentile([...handlerMs.values()], 50)),
    delivery_ms_p50: round(percentile([...deliveryMs.values()], 50)),
  }
  console.log(
    [
      `relay: ${MESSAGES} messages from ${CLIENTS} clients (${albums} albums) into one group, limit ${GROUP_RATE_LIMIT.max}/min`,
      `  delivered ${delivered}, lost ${lost}, duplicates ${duplicates}, out of order ${outOfOrder}`,
      `  group messages ${groupMessages} (incl. topics, cards, pins, transcripts, notices), 429s ${rejected}, max in any minute ${maxPerMinute}`,
      `  simulated ${figures.simulated_minutes} min vs minimum ${figures.minimum_minutes} min at the limit (ratio ${figures.throughput_ratio})`,
      `  overhead per message p50 ${figures.overhead_ms_p50} ms, p99 ${figures.overhead_ms_p99} ms (handler p50 ${figures.handler_ms_p50} ms, delivery p50 ${figures.delivery_ms_p50} ms)`,
    ].join('\n'),
  )
  return figures
}
