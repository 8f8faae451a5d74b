/**
 * At Telegram's limits: the fake Bot API enforces them with its own rules (about
 * 30 messages a second in total, about one a second per private chat with a
 * short burst, 20 a minute per group; 429 with retry_after beyond), on the test's
 * clock. Nothing here knows the bot's own budget.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { jobsOfKind } from '../helpers/booking.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { settle } from '../helpers/desk.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { press } from '../helpers/flows.ts'
import {
  createHarness,
  demoContent,
  demoWithPhotos,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
} from '../helpers/harness.ts'
import { createSimClock, type SimClock } from '../helpers/sim-clock.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

/** A harness on a simulated clock whose fake Bot API enforces Telegram's limits; `run` drives the clock. */
function strictHarness(options: Parameters<typeof createHarness>[0] = {}): Harness & { sim: SimClock } {
  const sim = createSimClock()
  const fake = new FakeTelegram({ rateLimits: true, now: () => sim.now() })
  return Object.assign(createHarness({ ...options, clock: sim, fake }), { sim })
}

/**
 * A bot with a manager, on a fake clock, whose fake Bot API enforces Telegram's limits; `cardOf`:
 * the client's card as the group shows it now.
 */
function staffedGroup() {
  const clock = createFakeClock()
  const h = createHarness({ clock, fake: new FakeTelegram({ rateLimits: true, now: clock.now }) })
  const managerId = 5_100_003
  h.deps.services.staff.add(managerId, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(managerId, { first_name: 'Мария' })
  const cardOf = (clientId: number) => {
    const ref = h.deps.services.handoff.topics.card(clientId)
    return (ref && h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(ref.messageId)?.message.text) ?? ''
  }
  return { h, clock, manager, cardOf }
}

const greetings = (h: Harness, chatId: number) =>
  h.fake.textsTo(chatId).filter((t) => t.startsWith('Здравствуйте') || t.startsWith('Рады видеть'))

describe('at Telegram flood limits', () => {
  it('a burst runs a bounded number of updates through the features at once; the others wait their turn and all are answered', async () => {
    // Every answer is held at the network edge until released: the updates pile up where they wait
    const fake = new FakeTelegram()
    const deliver = fake.fetch
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let held = 0
    Object.defineProperty(fake, 'fetch', {
      value: async (url: string, init?: RequestInit) => {
        if (url.endsWith('/sendMessage')) {
          held++
          await gate
        }
        return deliver(url, init)
      },
    })
    const h = createHarness({ fake })
    const users = Array.from({ length: 200 }, (_, i) => h.u.user(800_000 + i, { first_name: `Гость${i}` }))
    const handled = Promise.all(users.map((user) => h.bot.handleUpdate(h.u.text(user, '/start'))))
    for (let turn = 0; turn < 500; turn++) await new Promise((resolve) => setImmediate(resolve))
    // Several run at once (chats do not wait for each other), far from all 200 (each holds memory)
    expect(held).toBeGreaterThan(1)
    expect(held).toBeLessThan(users.length / 2)
    release()
    await handled
    for (const user of users) expect(greetings(h, user.id), `client ${user.id}`).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a burst of /start from 300 clients: every one greeted exactly once, and asked for consent once', async () => {
    const h = strictHarness()
    const users = Array.from({ length: 300 }, (_, i) => h.u.user(700_000 + i, { first_name: `Гость${i}` }))
    const startedAt = h.clock.now()
    await h.sim.run(Promise.all(users.map((user) => h.bot.handleUpdate(h.u.text(user, '/start')))))
    for (const user of users) {
      expect(greetings(h, user.id), `client ${user.id}`).toHaveLength(1)
      expect(h.fake.textsTo(user.id).filter((t) => t.startsWith('И один вопрос')).length, `client ${user.id}`).toBe(1)
    }
    // 600 messages at about 30 a second: the fake never had to refuse one, and never saw more
    expect(h.fake.limiter?.refused).toBe(0)
    expect(h.fake.limiter?.peakPerSecond).toBeLessThanOrEqual(30)
    expect(h.clock.now() - startedAt).toBeGreaterThanOrEqual(19_000)
    expect(h.errors()).toEqual([])
  })

  it('a client tapping through the quiz every 300 ms: every step answered in order, no card missing', async () => {
    const taps = ['Собирать заявки', 'Одна страница', 'Срочно', 'до 60 тыс', 'Продвижение в поиске', 'Готово']
    const takeQuiz = async (h: Harness, run = <T>(task: Promise<T>) => task) => {
      const user = h.u.user(710_001, { first_name: 'Быстрый' })
      await run(h.send(h.u.text(user, '/quiz')))
      for (const label of taps) {
        h.clock.advance(300)
        await run(press(h, user, label))
      }
      return h.fake.sentTo(user.id).map((c) => `${c.method}: ${c.payload.text ?? c.payload.caption ?? ''}`)
    }
    // What the client sees at a human pace, without any limit
    // Cards with pictures: a photo is what a flood holds up longest
    const expected = await takeQuiz(createHarness({ content: demoWithPhotos() }))
    const h = strictHarness({ content: demoWithPhotos() })
    const seen = await takeQuiz(h, h.sim.run)
    expect(seen).toEqual(expected)
    expect(seen.filter((line) => /Вопрос \d из 5/.test(line)).map((line) => /Вопрос (\d)/.exec(line)?.[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ])
    expect(seen.filter((line) => line.startsWith('sendPhoto')).length).toBeGreaterThan(0)
    expect(h.fake.calls.filter((c) => !c.ok)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a 429 inside a conversation: the step arrives after the wait, and the next update does not wait again', async () => {
    const h = strictHarness()
    const user = h.u.user(710_002, { first_name: 'Вера' })
    await h.sim.run(h.send(h.u.text(user, '/quiz')))
    // Telegram refuses the next question once, with a 5-second flood wait
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: user.id }, 5)
    const first = h.clock.now()
    await h.sim.run(press(h, user, 'Собирать заявки'))
    expect(h.clock.now() - first).toBeGreaterThanOrEqual(5_000)
    const refused = h.fake.calls.filter((c) => !c.ok)
    expect(refused).toHaveLength(1)
    const question = String(refused[0]?.payload.text)
    expect(question).toContain('Вопрос 2 из 5')
    // The same question went again after the wait, once
    expect(h.fake.sentTo(user.id).filter((c) => c.payload.text === question)).toHaveLength(1)

    // The next update replays the conversation's log: no wait, no call made twice
    const second = h.clock.now()
    await h.sim.run(press(h, user, 'Одна страница'))
    expect(h.clock.now() - second).toBeLessThan(5_000)
    expect(h.fake.sentTo(user.id).filter((c) => c.payload.text === question)).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    expect(h.fake.calls.filter((c) => !c.ok)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('twenty-five follow-ups going out at once: every card edited to match, the group never refused (edits share its twenty a minute), a client writing meanwhile not kept waiting', async () => {
    const { h, clock, manager, cardOf } = staffedGroup()
    const clients: number[] = []
    for (let i = 0; i < 25; i++) {
      const { client, topicId } = await clientWithTopic(h, 740_000 + i)
      // The request is done: its card lists the check-in scheduled in three days
      await h.send(h.u.staffText(manager, topicId, '/done'))
      await settle(h)
      expect(cardOf(client.id)).toContain('«Как всё прошло?»')
      clients.push(client.id)
    }
    // Another client is waiting for a manager
    const waiting = h.u.user(740_100, { first_name: 'Вера' })
    await h.send(h.u.text(waiting, '/start'), h.u.text(waiting, '/manager'))
    await settle(h)
    const waitingTopic = findClientByTelegramId(h.deps.db, waiting.id)?.topicId as number
    h.fake.clearCalls()
    clock.advance(3 * 24 * 3_600_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    // Right after the first run of card edits the client writes: the message reaches the topic at once
    const question = h.u.text(waiting, 'Есть новости по заказу?')
    await h.send(question)
    await h.drain()
    const copies = h.fake.sentTo(STAFF_GROUP_ID, waitingTopic).filter((c) => c.method === 'copyMessage')
    expect(copies.map((c) => c.payload.message_id)).toContain(question.message?.message_id)
    await settle(h)
    expect(jobsOfKind(h, 'checkin').map((j) => j.status)).toEqual(Array(25).fill('done'))
    for (const id of clients) expect(cardOf(id), `client ${id}`).not.toContain('«Как всё прошло?»')
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a card edit waits for room in a busy group only for a while: with 16 client messages a minute it still goes', async () => {
    const { h, clock, manager, cardOf } = staffedGroup()
    const { client, topicId } = await clientWithTopic(h, 741_000)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    await settle(h)
    const card = () => cardOf(client.id)
    expect(card()).toContain('«Как всё прошло?»')
    const writer = h.u.user(741_001, { first_name: 'Вера' })
    await h.send(h.u.text(writer, '/start'), h.u.text(writer, '/manager'))
    await settle(h)
    // The other client writes all along, from two minutes before the check-in is due to go out
    clock.advance(3 * 24 * 3_600_000 - 2 * 60_000)
    for (let i = 0; i < 16 * 10 && card().includes('«Как всё прошло?»'); i++) {
      clock.advance(3_750)
      await h.deps.scheduler.runDue()
      await h.send(h.u.text(writer, `Сообщение ${i}`))
      await h.drain()
    }
    expect(jobsOfKind(h, 'checkin').map((j) => j.status)).toEqual(['done'])
    expect(card()).not.toContain('«Как всё прошло?»')
    expect(h.fake.refused()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a broadcast during a /start burst: every greeting is delivered and the broadcast still completes', async () => {
    const h = strictHarness()
    for (let i = 0; i < 150; i++) seedClient(h.deps, 720_000 + i)
    const draft = h.deps.services.broadcasts.createDraft({
      ownerId: OWNER_ID,
      sourceChatId: OWNER_ID,
      sourceMessageId: 1,
      plan: { kind: 'text', text: 'Новая услуга: аудит сайта' },
    })
    expect(await h.deps.services.broadcasts.confirm(draft.id)).toMatchObject({ ok: true, total: 150 })
    const users = Array.from({ length: 100 }, (_, i) => h.u.user(730_000 + i))
    await h.sim.run(Promise.all(users.map((user) => h.bot.handleUpdate(h.u.text(user, '/start')))))
    for (const user of users) expect(greetings(h, user.id), `client ${user.id}`).toHaveLength(1)
    await h.sim.run(h.deps.services.broadcasts.idle())
    expect(h.deps.services.broadcasts.report(draft.id)).toMatchObject({ total: 150, sent: 150, failed: 0 })
    for (let i = 0; i < 150; i++) expect(h.fake.sentTo(720_000 + i), `recipient ${i}`).toHaveLength(1)
    expect(h.fake.limiter?.refused).toBe(0)
    expect(h.errors()).toEqual([])
  })
})

describe('the error boundary', () => {
  it('never answers a button twice: a failure after the answer is told in the chat', async () => {
    const h = createHarness()
    const user = h.u.user(740_001)
    await h.send(h.u.text(user, '/start'))
    h.fake.fail({ method: 'sendMessage', chatId: user.id, error_code: 400, description: 'Bad Request: wrong entities' })
    const update = h.u.callback(user, 'menu:about')
    await h.send(update)
    const answers = h.fake
      .callsOf('answerCallbackQuery')
      .filter((c) => c.payload.callback_query_id === update.callback_query?.id)
    expect(answers).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).toContain('что-то пошло не так')
    expect(h.errors()).toMatchObject([{ msg: 'update failed', reason: 'rejected' }])
  })

  it('in a client’s chat with the owner’s account: the apology names no /menu, which does nothing there', async () => {
    const clock = createFakeClock()
    const h = createHarness({
      clock,
      fake: new FakeTelegram({ now: () => clock.now() }),
      content: { ...demoContent(), telegram_business: { auto_reply: 'always' } },
    })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(740_003, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    // The bot's greeting there is refused: the update fails, and the apology goes in the same chat
    h.fake.fail({ method: 'sendMessage', chatId: user.id, error_code: 400, description: 'Bad Request: wrong entities' })
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    expect(h.errors()).toMatchObject([{ msg: 'update failed', reason: 'rejected' }])
    const apology = h.fake.sentTo(user.id).at(-1)?.payload
    expect(apology?.business_connection_id).toBe('bc-olga')
    expect(apology?.text).toBe('Ой, что-то пошло не так. Мы уже разбираемся — попробуйте ещё раз.')
    // In the bot's own chat it still points to the menu
    const other = h.u.user(740_004)
    h.fake.fail({
      method: 'sendMessage',
      chatId: other.id,
      error_code: 400,
      description: 'Bad Request: wrong entities',
    })
    await h.send(h.u.text(other, '/start'))
    expect(h.fake.lastTextTo(other.id)).toBe(
      'Ой, что-то пошло не так. Мы уже разбираемся — попробуйте ещё раз или откройте /menu.',
    )
  })

  it('a reply that could not go in time: one short apology once the chat is free, never a second', async () => {
    const h = createHarness()
    const user = h.u.user(740_002)
    await h.send(h.u.text(user, '/start'))
    // Telegram holds the chat for two minutes, longer than a reply may wait
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: user.id }, 120)
    const failedAt = h.clock.now()
    await h.send(h.u.text(user, '/help'))
    await h.send(h.u.text(user, '/menu')) // the chat is still held: this one fails too
    expect(h.errors().map((e) => e.reason)).toEqual(['rate', 'rate'])
    await h.drain()
    expect(h.fake.sentTo(user.id).filter((c) => c.payload.text?.startsWith('Извините, сейчас очень много'))).toEqual([])
    await h.flush()
    const apologies = h.fake.sentTo(user.id).filter((c) => c.payload.text?.startsWith('Извините, сейчас очень много'))
    expect(apologies).toHaveLength(1)
    expect(h.clock.now() - failedAt).toBeGreaterThanOrEqual(120_000)
  })
})
