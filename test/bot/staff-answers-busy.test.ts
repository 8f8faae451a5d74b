/**
 * A manager's own action in a busy staff group is answered first: the answer to a command, a
 * warning about the message just sent, the card asked for — each is the next message the group
 * gets, before what is queued at its 20 messages a minute, and in the client's topic before the
 * card's pin, the card's edit and the rename queued ahead of it there (which follow it), never
 * before the client's words. The fake Bot API enforces Telegram's limits on the test's clock; nothing
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

describe('a manager in a busy group', () => {
  it('gets the answer to /close next, before the morning’s queued requests and the card’s and title’s change queued before it', async () => {
    const { h, clock, maria } = busyDesk()
    const vera = await asking(h, 7_601, 'Вера')
    await h.send(h.u.staffText(maria, vera.topicId, 'Здравствуйте! Всё сделали.'))
    await settle(h)
    await morningRush(h, clock)
    await h.send(h.u.staffText(maria, vera.topicId, '/close'))
    // The next the group gets, with the ⏳ rename and the card's edit queued before it in its topic
    expect(await othersBefore(h, clock, vera.topicId, postIn(vera.topicId, 'Клиента спросили'))).toBe(0)
    await settle(h)
    expect(h.fake.refused()).toEqual([])
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
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('gets the answers to /call and /offer next: no call booked, a day /offer cannot read', async () => {
    const { h, clock, maria } = busyDesk()
    const vera = await asking(h, 7_605, 'Вера')
    await morningRush(h, clock)
    await h.send(h.u.staffText(maria, vera.topicId, '/call'))
    expect(await othersBefore(h, clock, vera.topicId, postIn(vera.topicId, 'У клиента нет назначенного звонка'))).toBe(
      0,
    )
    await h.send(h.u.staffText(maria, vera.topicId, '/offer послепослезавтра'))
    expect(await othersBefore(h, clock, vera.topicId, postIn(vera.topicId, '/offer — ближайшее свободное время'))).toBe(
      0,
    )
    await settle(h)
    expect(h.fake.refused()).toEqual([])
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
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

/**
 * A client who asks for a person in the middle of the rush: the outbox runs until their topic and
 * card are there; the card's pin waits in their lane for a quiet group.
 */
async function askingInRush(h: Harness, clock: FakeClock, id: number, name: string) {
  const user = h.u.user(id, { first_name: name })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  const client = findClientByTelegramId(h.deps.db, user.id)!
  for (let i = 0; i < 1_000 && !h.deps.services.handoff.topics.card(client.id); i++) {
    const { nextAt } = await h.deps.services.outbox.drain()
    if (nextAt === undefined) break
    clock.set(Math.max(nextAt, clock.now()))
  }
  const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
  return { user, client, topicId, cardId: h.deps.services.handoff.topics.card(client.id)!.messageId }
}

/** The kinds of the rows waiting in the client's topic, oldest first. */
function queuedInTopic(h: Harness, clientId: number): string[] {
  const rows = h.deps.sqlite
    .prepare("select method from outbox where client_id = ? and chat_id = ? and status = 'pending' order by id")
    .all(clientId, STAFF_GROUP_ID) as { method: string }[]
  return rows.map((r) => r.method)
}

/**
 * What the topic got since call `from`, in the order it got it: the card's pin, its edit, the
 * topic's rename (its mark), the answer to /close, and the other messages put there.
 */
function topicGot(h: Harness, from: number, topicId: number, cardId: number): string[] {
  return h.fake.calls
    .slice(from)
    .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && threadOf(h, c) === topicId)
    .map((c) => {
      if (c.method === 'pinChatMessage') return c.payload.message_id === cardId ? 'pin' : 'pin of another'
      if (c.method === 'editMessageText') return c.payload.message_id === cardId ? 'card edit' : 'another edit'
      if (c.method === 'editForumTopic') return `rename ${String(c.payload.name).split(' ')[0]}`
      if (c.method === 'sendMessage' && String(c.payload.text).startsWith('Клиента спросили')) return 'answer'
      return c.method
    })
}

/** Everything the topic was sent since call `from`, as one text. */
const saidIn = (h: Harness, from: number, topicId: number) =>
  h.fake.calls
    .slice(from)
    .filter((c) => c.ok && threadOf(h, c) === topicId && c.method === 'sendMessage')
    .map((c) => String(c.payload.text))
    .join('\n')

describe('the answer in a client’s topic with upkeep queued before it', () => {
  it('goes before the card’s pin, its edit and the ⏳ rename queued there, which follow it once each', async () => {
    const { h, clock, maria } = busyDesk()
    await morningRush(h, clock)
    const vera = await askingInRush(h, clock, 7_610, 'Вера')
    await h.send(h.u.staffText(maria, vera.topicId, 'Здравствуйте! Всё сделали.'))
    const from = h.fake.calls.length
    await h.send(h.u.staffText(maria, vera.topicId, '/close'))
    // Queued before the answer: the pin waiting for a quiet group, the card's edit, the rename
    expect(queuedInTopic(h, vera.client.id)).toEqual(['pin', 'card', 'topic_status', 'notice'])
    expect(await othersBefore(h, clock, vera.topicId, postIn(vera.topicId, 'Клиента спросили'))).toBe(0)
    await settle(h)
    expect(topicGot(h, from, vera.topicId, vera.cardId)).toEqual(['answer', 'pin', 'card edit', 'rename ⏳'])
    expect(h.fake.topics.get(vera.topicId)?.name.startsWith('⏳')).toBe(true)
    expect(queuedInTopic(h, vera.client.id)).toEqual([])
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('/close, then /card: the answers come in the order typed, before the pin, the card’s edit and the rename', async () => {
    const { h, clock, maria } = busyDesk()
    await morningRush(h, clock)
    const vera = await askingInRush(h, clock, 7_612, 'Вера')
    await h.send(h.u.staffText(maria, vera.topicId, 'Здравствуйте! Всё сделали.'))
    const from = h.fake.calls.length
    await h.send(h.u.staffText(maria, vera.topicId, '/close'), h.u.staffText(maria, vera.topicId, '/card'))
    await settle(h)
    const newest = h.deps.services.handoff.topics.card(vera.client.id)!.messageId
    // The card's refresh queued by /close is done by the new card (nothing new to show: no call),
    // and so is the first card's pin; the new card is pinned once, by the pin its post queued last
    expect(topicGot(h, from, vera.topicId, newest)).toEqual(['answer', 'sendMessage', 'rename ⏳', 'pin'])
    expect(
      String(
        h.fake.calls
          .slice(from)
          .find(
            (c) =>
              c.method === 'sendMessage' &&
              c.payload.message_thread_id === vera.topicId &&
              !String(c.payload.text).startsWith('Клиента'),
          )?.payload.text,
      ),
    ).toMatch(/^👤 <b>Вера<\/b>/)
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('/card while a refresh that posts the card anyway is queued (the card was deleted): one card, not two', async () => {
    const { h, clock, maria } = busyDesk()
    await morningRush(h, clock)
    const vera = await askingInRush(h, clock, 7_614, 'Вера')
    // The card deleted in the group: the next full refresh posts it again
    h.deps.sqlite.prepare('update client_topics set card_message_id = null where client_id = ?').run(vera.client.id)
    h.deps.services.handoff.refreshCard(vera.client.id)
    const from = h.fake.calls.length
    await h.send(h.u.staffText(maria, vera.topicId, '/card'))
    await settle(h)
    const cards = h.fake.calls
      .slice(from)
      .filter(
        (c) =>
          c.ok &&
          c.method === 'sendMessage' &&
          c.payload.message_thread_id === vera.topicId &&
          String(c.payload.text).startsWith('👤 <b>Вера'),
      )
    expect(cards).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a crash during the answer’s call: after the restart it is still first, and each row goes once, the upkeep too', async () => {
    const { h, clock, maria } = busyDesk()
    await morningRush(h, clock)
    const vera = await askingInRush(h, clock, 7_613, 'Вера')
    await h.send(h.u.staffText(maria, vera.topicId, 'Здравствуйте! Всё сделали.'))
    const from = h.fake.calls.length
    await h.send(h.u.staffText(maria, vera.topicId, '/close'))
    // The process dies while the answer, chosen before the upkeep queued ahead of it, is on its way
    h.deps.sqlite
      .prepare(
        "update outbox set status = 'sending', attempts = 1 where client_id = ? and method = 'notice' and status = 'pending'",
      )
      .run(vera.client.id)
    const after = h.restart()
    await settle(after)
    // Sent again (a staff post: better twice than lost), and still first: the restarted engine
    // reads again which queued rows someone waits for
    expect(topicGot(after, from, vera.topicId, vera.cardId)).toEqual(['answer', 'pin', 'card edit', 'rename ⏳'])
    expect(queuedInTopic(after, vera.client.id)).toEqual([])
    // (The restarted bot does not know what the group got in its last minute: a 429 may hold it
    // once, and what it refused goes once after)
    expect(after.errors()).toEqual([])
  })

  it('never goes before the client’s words queued before it, which keep their order', async () => {
    const { h, clock, maria } = busyDesk()
    await morningRush(h, clock)
    const vera = await askingInRush(h, clock, 7_611, 'Вера')
    await h.send(h.u.staffText(maria, vera.topicId, 'Здравствуйте! Всё сделали.'))
    await h.send(h.u.text(vera.user, 'Спасибо, смотрю.'), h.u.text(vera.user, 'Одна правка в шапке.'))
    const from = h.fake.calls.length
    await h.send(h.u.staffText(maria, vera.topicId, '/close'))
    expect(queuedInTopic(h, vera.client.id)).toEqual(['pin', 'relay_in', 'relay_in', 'card', 'topic_status', 'notice'])
    await settle(h)
    // The pin ahead of the client's words goes first (the answer may not pass them), then their
    // words, then the answer: before the card's edit and the rename, queued after the words
    const got = topicGot(h, from, vera.topicId, vera.cardId)
    const words = got.slice(1, got.indexOf('answer'))
    expect(words.length).toBeGreaterThan(0)
    expect(got).toEqual(['pin', ...words.map(() => 'sendMessage'), 'answer', 'card edit', 'rename ⏳'])
    expect(saidIn(h, from, vera.topicId)).toMatch(
      /Спасибо, смотрю\.[\s\S]*Одна правка в шапке\.[\s\S]*Клиента спросили/,
    )
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
