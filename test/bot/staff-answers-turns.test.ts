/**
 * A busy day in the staff group: sixty clients' messages wait for their topics at the group's 20
 * messages a minute, and the team types commands meanwhile. What the fake Bot API (enforcing
 * Telegram's limits on the test's clock) got in the group, in its order: the answer to what a
 * person just typed is the next message the group gets, ahead of the clients' messages queued
 * before it — but a run of answers takes turns with them, so a manager typing command after
 * command never keeps the clients' messages out of their topics. A restart keeps what is queued,
 * answers among it, each sent once.
 */
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { messagesPut } from '../../src/sandbox/telegram/rate-limits.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { settle } from '../helpers/desk.ts'
import { type ApiCall, FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARIA = 5_100_071
const CLIENTS = 60

function busyDesk() {
  const clock = createFakeClock()
  const h = createHarness({ clock, fake: new FakeTelegram({ rateLimits: true, now: clock.now }) })
  h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария')
  return { h, maria: h.u.user(MARIA, { first_name: 'Мария' }) }
}

/**
 * Sixty clients in their topics (asked for a person, everything about it delivered), then each
 * writes one question: sixty messages queued for the group, three minutes of its pace.
 */
async function sixtyWaiting(h: Harness): Promise<{ users: User[]; topicOf: Map<number, number> }> {
  const users: User[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const user = h.u.user(7_800 + i, { first_name: `Клиент${i}` })
    await h.send(h.u.text(user, '/manager'))
    users.push(user)
  }
  await settle(h, 5_000)
  const topicOf = new Map<number, number>()
  for (const [i, user] of users.entries()) {
    topicOf.set(findClientByTelegramId(h.deps.db, user.id)!.topicId!, i)
    await h.send(h.u.text(user, `Вопрос клиента ${i}`))
  }
  return { users, topicOf }
}

const pending = (h: Harness, method: string) =>
  (
    h.deps.sqlite.prepare("select count(*) as n from outbox where status = 'pending' and method = ?").get(method) as {
      n: number
    }
  ).n

/** /today typed in the group's General topic by the manager. */
const today = (h: Harness, maria: User) => h.u.text(maria, '/today', { chatId: STAFF_GROUP_ID })

/**
 * What the group got since call `from`, in its order, one word a message: `answer` (/today's
 * list), `client N` (client N's question in their topic), anything else by its method.
 */
function groupGot(h: Harness, from: number, topicOf: Map<number, number>): string[] {
  return h.fake.calls
    .slice(from)
    .filter(
      (c: ApiCall) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && messagesPut(c.method, c.payload) > 0,
    )
    .map((c) => {
      const text = String(c.payload.text ?? '')
      if (c.method === 'sendMessage' && text.startsWith('📅')) return 'answer'
      const client = topicOf.get(Number(c.payload.message_thread_id))
      if (client !== undefined && text.includes('Вопрос клиента')) return `client ${client}`
      return c.method
    })
}

describe('a command typed in a busy staff group', () => {
  it('/today in General is the next message the group gets, not the sixty-first', async () => {
    const { h, maria } = busyDesk()
    const { topicOf } = await sixtyWaiting(h)
    expect(pending(h, 'relay_in')).toBe(CLIENTS)
    const from = h.fake.calls.length
    await h.send(today(h, maria))
    await settle(h, 5_000)
    const got = groupGot(h, from, topicOf)
    expect(got[0]).toBe('answer')
    expect(got.slice(1).sort()).toEqual([...topicOf.values()].map((i) => `client ${i}`).sort())
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a manager typing command after command: the answers take every other turn, the clients’ messages the rest', async () => {
    const { h, maria } = busyDesk()
    const { topicOf } = await sixtyWaiting(h)
    const from = h.fake.calls.length
    for (let i = 0; i < 20; i++) await h.send(today(h, maria))
    await settle(h, 5_000)
    const got = groupGot(h, from, topicOf)
    // Each answer once, each question once
    expect(got.filter((g) => g === 'answer')).toHaveLength(20)
    expect(got.filter((g) => g.startsWith('client')).sort()).toEqual(
      [...topicOf.values()].map((i) => `client ${i}`).sort(),
    )
    // The first answer at once; then an answer and a client's message by turns, the clients' rest after
    expect(got.slice(0, 40)).toEqual(
      got.slice(0, 40).map((_, i) => (i % 2 === 0 ? 'answer' : expect.stringMatching(/^client /))),
    )
    expect(got.slice(40).every((g) => g.startsWith('client'))).toBe(true)
    // The clients' messages go in the order they were written
    const clients = got.filter((g) => g.startsWith('client')).map((g) => Number(g.split(' ')[1]))
    expect(clients).toEqual([...clients].sort((a, b) => a - b))
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a restart with answers still queued: they keep their turns after it, and each message goes once', async () => {
    const { h, maria } = busyDesk()
    const { topicOf } = await sixtyWaiting(h)
    const from = h.fake.calls.length
    for (let i = 0; i < 20; i++) await h.send(today(h, maria))
    // A few go, by turns; then the process stops
    for (let i = 0; i < 100 && groupGot(h, from, topicOf).length < 5; i++) {
      const { nextAt } = await h.deps.services.outbox.drain()
      if (nextAt !== undefined) h.clock.set(Math.max(nextAt, h.clock.now()))
    }
    const before = groupGot(h, from, topicOf)
    expect(before.length).toBeGreaterThanOrEqual(5)
    expect(before.length).toBeLessThan(20)
    expect(before).toEqual(before.map((_, i) => (i % 2 === 0 ? 'answer' : expect.stringMatching(/^client /))))
    await h.deps.services.outbox.stop()
    const after = h.restart()
    await settle(after, 5_000)
    // The answers still queued go first after it, taking turns with the clients' messages as before
    const got = groupGot(after, from, topicOf)
    expect(got.slice(0, 40)).toEqual(
      got.slice(0, 40).map((_, i) => (i % 2 === 0 ? 'answer' : expect.stringMatching(/^client /))),
    )
    expect(got.filter((g) => g === 'answer')).toHaveLength(20)
    expect(got.filter((g) => g.startsWith('client')).sort()).toEqual(
      [...topicOf.values()].map((i) => `client ${i}`).sort(),
    )
    expect(after.errors()).toEqual([])
  })
})
