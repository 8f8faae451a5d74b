/**
 * `npm run bench -- relay`: the staff group at scale. Clients who asked for a
 * person keep writing (texts mostly, some photos and albums) at a steady rate
 * for 30 simulated minutes, through the real bot (recorder, relay, outbox,
 * deliverer; the outbox running in the background) against the fake Bot API,
 * which enforces Telegram's limits with its own rules (20 messages a minute per
 * group, 429 beyond) on a simulated clock.
 *
 * Offered loads of 0.5×, 1×, 2× and 4× one group's limit (20 client messages a
 * minute), served by one staff group and by three. Printed for each: client
 * messages delivered, lost, duplicated, out of order; the delay from the client's
 * message to the topic (p50 / p95 / max, simulated seconds); group messages per
 * client message; and for new requests, the time from "talk to a manager" to the
 * topic existing with the client's first message in it (p95, max).
 * Goals: 2× on one group p95 ≤ 120 s; 4× on three groups p95 ≤ 60 s; 0.5× p95 ≤ 5 s;
 * every new request within 60 s. `RELAY_LOADS=0.5,2 npm run bench -- relay` runs some.
 */
import { performance } from 'node:perf_hooks'
import type { Update } from 'grammy/types'
import { countOutbox } from '../db/repositories/outbox.ts'
import { FakeTelegram } from '../test/helpers/fake-telegram.ts'
import { relayedToGroup } from '../test/helpers/handoff.ts'
import { createHarness, STAFF_GROUP_ID } from '../test/helpers/harness.ts'
import { percentile, random, round } from '../test/helpers/numbers.ts'
import { createSimClock } from '../test/helpers/sim-clock.ts'

/** One group's limit, as the fake enforces it (its own rule): 20 messages a minute. */
const GROUP_PER_MINUTE = 20
const SENDING_MS = 30 * 60_000
/** New clients ask for a person over the first minutes, then write every ~30 s. */
const JOINING_MS = 10 * 60_000
const EVERY_MS = 30_000
const GROUPS = [STAFF_GROUP_ID, -1009000000002, -1009000000003]
const LOADS = (process.env.RELAY_LOADS ?? '0.5,1,2,4').split(',').map(Number)

interface Result {
  load: number
  groups: number
  clients: number
  sent: number
  delivered: number
  lost: number
  duplicates: number
  outOfOrder: number
  delay: number[]
  groupMessages: number
  newRequest: number[]
  tooMany: number
}

async function scenario(load: number, groups: number): Promise<Result> {
  const sim = createSimClock('2026-11-23T06:30:00Z', { zeroTimers: false }) // Monday 09:30 in Moscow
  const fake = new FakeTelegram({ rateLimits: true, now: () => sim.now() })
  const callAt: number[] = []
  const direct = fake.fetch
  Object.defineProperty(fake, 'fetch', {
    value: async (url: string | URL | Request, init?: RequestInit) => {
      const res = await direct(url, init)
      callAt[fake.calls.length - 1] = sim.now()
      return res
    },
  })
  const h = createHarness({
    clock: sim,
    fake,
    config: { LOG_LEVEL: 'silent', STAFF_GROUP_IDS: GROUPS.slice(0, groups).join(',') },
  })
  const { outbox } = h.deps.services
  outbox.start()
  const rand = random(Math.round(load * 100) + groups)
  // Each client sends about 2 messages a minute: 10 clients make one group's limit
  const clients = Math.max(1, Math.round((load * GROUP_PER_MINUTE * EVERY_MS) / 60_000))
  const sentAt = new Map<string, number>() // "client:message id" → when it was sent
  const sentBy = new Map<number, number[]>()
  const askedAt = new Map<number, { at: number; first: number }>()
  const work: Promise<unknown>[] = []
  const deliver = (update: Update) => work.push(h.bot.handleUpdate(update))
  let albums = 0
  for (let c = 0; c < clients; c++) {
    const user = h.u.user(4_000_000 + c, { first_name: `Клиент${c}` })
    const joins = Math.floor((c / clients) * JOINING_MS)
    sim.timer(joins, () => {
      deliver(h.u.text(user, '/manager'))
      const first = h.u.text(user, `Здравствуйте, я клиент ${c}`)
      askedAt.set(user.id, { at: sim.now(), first: first.message?.message_id ?? 0 })
      sentAt.set(`${user.id}:${first.message?.message_id ?? 0}`, sim.now())
      sentBy.set(user.id, [first.message?.message_id ?? 0])
      deliver(first)
    })
    for (let at = joins + EVERY_MS * (0.5 + rand()); at < SENDING_MS; at += EVERY_MS * (0.5 + rand())) {
      sim.timer(at, () => {
        const roll = rand()
        const parts =
          roll < 0.03
            ? [0, 1, 2].map(() => h.u.photo(user, { caption: 'альбом', mediaGroupId: `album-${++albums}` }))
            : roll < 0.15
              ? [h.u.photo(user, { caption: 'фото' })]
              : [h.u.text(user, `сообщение ${c} в ${Math.round(sim.now() / 1000)}`)]
        for (const part of parts) {
          const id = part.message?.message_id ?? 0
          sentAt.set(`${user.id}:${id}`, sim.now())
          sentBy.get(user.id)?.push(id)
          deliver(part)
        }
      })
    }
  }
  const done = (async () => {
    await new Promise<void>((resolve) => sim.timer(SENDING_MS + 1, resolve))
    await Promise.all(work)
    // Then until everything queued is out (or three hours have passed)
    while (countOutbox(h.deps.db).pending > 0 && sim.now() < Date.parse('2026-11-23T10:00:00Z')) await sim.sleep(5_000)
    await outbox.stop()
  })()
  await sim.run(done)

  // What reached the groups, per client, in order, and when
  const firstCallWith = new Map<string, number>() // "chat:message id" → index of the call that carried it
  for (let i = 0; i < fake.calls.length; i++) {
    const call = fake.calls[i]
    if (!call?.ok || !h.deps.services.staffGroups.isStaffGroup(Number(call.payload.chat_id))) continue
    const from = Number(call.payload.from_chat_id)
    if (call.method === 'copyMessage') firstCallWith.set(`${from}:${call.payload.message_id}`, i)
    if (call.method === 'copyMessages') {
      for (const id of call.payload.message_ids as number[]) firstCallWith.set(`${from}:${id}`, i)
    }
  }
  let sent = 0
  let delivered = 0
  let duplicates = 0
  let outOfOrder = 0
  const delay: number[] = []
  const newRequest: number[] = []
  for (const [userId, ids] of sentBy) {
    const got = relayedToGroup(h, userId)
    const unique = new Set(got)
    sent += ids.length
    duplicates += got.length - unique.size
    for (let i = 1; i < got.length; i++) if ((got[i] as number) < (got[i - 1] as number)) outOfOrder++
    for (const id of ids) {
      if (!unique.has(id)) continue
      delivered++
      const at = arrivalOf(h, userId, id, firstCallWith, callAt)
      if (at !== undefined) delay.push((at - (sentAt.get(`${userId}:${id}`) ?? at)) / 1000)
    }
    const asked = askedAt.get(userId)
    if (asked) {
      const at = arrivalOf(h, userId, asked.first, firstCallWith, callAt)
      newRequest.push(at === undefined ? Number.POSITIVE_INFINITY : (at - asked.at) / 1000)
    }
  }
  const groupMessages = fake.calls.filter(
    (c) => c.ok && h.deps.services.staffGroups.isStaffGroup(Number(c.payload.chat_id)),
  )
  const messagesPut = groupMessages.reduce(
    (n, c) =>
      n +
      (c.method === 'copyMessages'
        ? (c.payload.message_ids as unknown[]).length
        : c.method === 'sendMediaGroup'
          ? (c.payload.media as unknown[]).length
          : /^(send|copy|forward)|^createForumTopic$|^pinChatMessage$/.test(c.method)
            ? 1
            : 0),
    0,
  )
  return {
    load,
    groups,
    clients,
    sent,
    delivered,
    lost: sent - delivered,
    duplicates,
    outOfOrder,
    delay,
    groupMessages: messagesPut,
    newRequest,
    tooMany: fake.limiter?.refused ?? 0,
  }
}

/** When a client message reached its group: its copy, or the message it went in with other texts. */
function arrivalOf(
  h: ReturnType<typeof createHarness>,
  userId: number,
  messageId: number,
  copies: Map<string, number>,
  callAt: number[],
): number | undefined {
  const copied = copies.get(`${userId}:${messageId}`)
  if (copied !== undefined) return callAt[copied]
  const row = h.deps.sqlite
    .prepare(
      "select m.topic_message_id as topic, c.staff_group_id as grp from messages m join clients c on c.id = m.client_id where c.telegram_id = ? and m.client_message_id = ? and m.direction = 'in'",
    )
    .get(userId, messageId) as { topic: number | null; grp: number | null } | undefined
  if (!row?.topic) return undefined
  // Message ids are counted per chat: the message is the one with that id in the client's group
  const index = h.fake.calls.findIndex(
    (c) =>
      c.ok &&
      (c.method === 'sendMessage' || c.method === 'copyMessage') &&
      Number(c.payload.chat_id) === row.grp &&
      (c.result as { message_id?: number } | undefined)?.message_id === row.topic,
  )
  return index < 0 ? undefined : callAt[index]
}

export async function run(): Promise<Record<string, unknown>> {
  const wallStart = performance.now()
  const figures: Record<string, unknown> = {}
  const lines: string[] = [
    `relay: clients write every ~${EVERY_MS / 1000} s for ${SENDING_MS / 60_000} min (85% texts, 12% photos, 3% albums); the fake allows ${GROUP_PER_MINUTE} a minute per group`,
    '  load × groups | clients | sent → delivered, lost, dup, out of order | delay p50 / p95 / max s | group msgs per client msg | new request p95 / max s | 429s',
  ]
  for (const groups of [1, 3]) {
    for (const load of LOADS) {
      const r = await scenario(load, groups)
      const key = `${load}x_${groups}g`
      const p50 = round(percentile(r.delay, 50), 1)
      const p95 = round(percentile(r.delay, 95), 1)
      const max = round(Math.max(0, ...r.delay), 1)
      const perMessage = round(r.groupMessages / Math.max(1, r.sent), 2)
      const newP95 = round(percentile(r.newRequest, 95), 1)
      const newMax = round(Math.max(0, ...r.newRequest), 1)
      lines.push(
        `  ${load}× × ${groups}     | ${r.clients} | ${r.sent} → ${r.delivered}, ${r.lost}, ${r.duplicates}, ${r.outOfOrder} | ${p50} / ${p95} / ${max} | ${perMessage} | ${newP95} / ${newMax} | ${r.tooMany}`,
      )
      figures[`${key}_delivered`] = r.delivered
      figures[`${key}_lost`] = r.lost
      figures[`${key}_duplicates`] = r.duplicates
      figures[`${key}_out_of_order`] = r.outOfOrder
      figures[`${key}_delay_p50_s`] = p50
      figures[`${key}_delay_p95_s`] = p95
      figures[`${key}_delay_max_s`] = max
      figures[`${key}_group_msgs_per_client_msg`] = perMessage
      figures[`${key}_new_request_p95_s`] = newP95
      figures[`${key}_new_request_max_s`] = newMax
    }
  }
  figures.wall_s = round((performance.now() - wallStart) / 1000, 1)
  lines.push(`  wall time ${figures.wall_s} s`)
  console.log(lines.join('\n'))
  return figures
}
