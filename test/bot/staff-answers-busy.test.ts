/**
 * A manager's own action in a busy staff group is answered first: the answer to a command, a
 * warning about the message just sent, the card asked for — each is the next message the group
 * gets, before what is queued at its 20 messages a minute, also when the client's topic has a
 * card edit or a rename queued before it. The fake Bot API enforces Telegram's limits on the test's clock; nothing
 * here knows the bot's own budget.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { messagesPut } from '../../src/sandbox/telegram/rate-limits.ts'
import { createFakeClock, type FakeClock } from '../helpers/clock.ts'
import { settle } from '../helpers/desk.ts'
import { type ApiCall, FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARIA = 5_100_007

function busyDesk() {
  const clock = createFakeClock()
  const h = createHarness({ clock, fake: new FakeTelegram({ rateLimits: true, now: clock.now }) })
  h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария')
  return { h, clock, maria: h.u.user(MARIA, { first_name: 'Мария' }) }
}

/** A client who asked for a manager, their topic made. */
async function asking(h: Harness, id: number, name: string) {
  const user = h.u.user(id, { first_name: name })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id)!
  return { user, client, topicId: client.topicId! }
}

/**
 * A busy morning: thirty clients ask for a person at once, and the group has been sending for a
 * minute and a half at its pace since (a message every 3 s), minutes of it still queued.
 */
async function morningRush(h: Harness, clock: FakeClock) {
  for (let i = 0; i < 30; i++) await h.send(h.u.text(h.u.user(7_700 + i, { first_name: `Клиент${i}` }), '/manager'))
  const until = clock.now() + 90_000
  while (clock.now() < until) {
    const { nextAt } = await h.deps.services.outbox.drain()
    if (nextAt === undefined) break
    clock.set(Math.min(until, Math.max(nextAt, clock.now())))
  }
  const queued = h.deps.sqlite.prepare("select count(*) as n from outbox where status = 'pending'").get() as {
    n: number
  }
  expect(queued.n).toBeGreaterThan(20)
}

/** The topic a call put a message into: its thread, or that of the message it edits or pins. */
function threadOf(h: Harness, call: ApiCall): number | undefined {
  if (call.payload.message_thread_id !== undefined) return Number(call.payload.message_thread_id)
  const message = h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(Number(call.payload.message_id))
  return message?.message.message_thread_id
}

/**
 * What the group got for other clients' topics (as Telegram counts messages: service messages
 * too) before the call `answers` picks, the outbox sending what may go and the clock moving to
 * its next turn.
 */
async function othersBefore(
  h: Harness,
  clock: FakeClock,
  topicId: number,
  answers: (call: ApiCall) => boolean,
): Promise<number> {
  const from = h.fake.calls.length
  for (let i = 0; i < 1_000; i++) {
    const { nextAt } = await h.deps.services.outbox.drain()
    const sent = h.fake.calls.slice(from)
    const at = sent.findIndex((c) => c.ok && answers(c))
    if (at >= 0) {
      return sent
        .slice(0, at)
        .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && messagesPut(c.method, c.payload) > 0)
        .filter((c) => threadOf(h, c) !== topicId).length
    }
    if (nextAt === undefined) break
    clock.set(Math.max(nextAt, clock.now()))
  }
  throw new Error('never seen')
}

/** A message the group got in the topic starting with `start`. */
const postIn = (topicId: number, start: string) => (c: ApiCall) =>
  c.method === 'sendMessage' &&
  Number(c.payload.message_thread_id) === topicId &&
  String(c.payload.text).startsWith(start)

const refused = (h: Harness) => h.fake.calls.filter((c) => !c.ok).map((c) => `${c.method}: ${c.error?.description}`)

describe('a manager in a busy group', () => {
  it('gets the answer to /close next, before the morning’s queued requests, though the card and the title change before it', async () => {
    const { h, clock, maria } = busyDesk()
    const vera = await asking(h, 7_601, 'Вера')
    await h.send(h.u.staffText(maria, vera.topicId, 'Здравствуйте! Всё сделали.'))
    await settle(h)
    await morningRush(h, clock)
    await h.send(h.u.staffText(maria, vera.topicId, '/close'))
    // The next the group gets, with the ⏳ rename and the card's edit queued before it in its topic
    expect(await othersBefore(h, clock, vera.topicId, postIn(vera.topicId, 'Клиента спросили'))).toBe(0)
    await settle(h)
    expect(refused(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('is warned next that the message they just sent names another client', async () => {
    const { h, clock, maria } = busyDesk()
    await asking(h, 7_602, 'John')
    const vera = await asking(h, 7_603, 'Вера')
    await morningRush(h, clock)
    await h.send(h.u.staffText(maria, vera.topicId, 'John, добрый день! Счёт готов.'))
    const warning = postIn(vera.topicId, '⚠️ Сообщение начинается с имени «John»')
    expect(await othersBefore(h, clock, vera.topicId, warning)).toBe(0)
    await settle(h)
    expect(refused(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('/card twice: the card comes next each time, and only the newest is pinned — one pin, not one per card', async () => {
    const { h, clock, maria } = busyDesk()
    const vera = await asking(h, 7_604, 'Вера')
    await morningRush(h, clock)
    const card = () => h.deps.services.handoff.topics.card(vera.client.id)?.messageId
    const first = card()
    const pinsBefore = h.fake.calls.filter((c) => c.method === 'pinChatMessage').length
    await h.send(h.u.staffText(maria, vera.topicId, '/card'))
    expect(await othersBefore(h, clock, vera.topicId, postIn(vera.topicId, '👤 <b>Вера</b>'))).toBe(0)
    const second = card()
    expect(second).not.toBe(first)
    await h.send(h.u.staffText(maria, vera.topicId, '/card'))
    expect(await othersBefore(h, clock, vera.topicId, postIn(vera.topicId, '👤 <b>Вера</b>'))).toBe(0)
    await settle(h)
    const pins = h.fake.calls.filter((c) => c.method === 'pinChatMessage').slice(pinsBefore)
    const newest = card()
    expect(newest).not.toBe(second)
    const veras = new Set([second, newest])
    expect(pins.filter((c) => c.ok && veras.has(c.payload.message_id)).map((c) => c.payload.message_id)).toEqual([
      newest,
    ])
    expect(refused(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
