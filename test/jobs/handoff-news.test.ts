/**
 * News that asks nothing opens no answer clock (docs/managers.md, "What makes a client waiting"):
 * written after a closed request it reaches the topic, and the request stays closed; written by a
 * client who never had a request it goes to a manager as a message, once, with nothing promised
 * and nothing to apologise for. A question beside a promise to pay still waits.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { settle, topicState } from '../helpers/desk.ts'
import { ownerAlerts, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'
import { ownerStats, statsLine } from '../helpers/stats.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER_ID = 5_100_091
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** What @BotFather gives for a test shop of a payment provider. */
const PROVIDER_TOKEN = '381764678:TEST:100500'

/** Moves the clock to `ms` and runs what is due there, the outbox included. */
async function runAt(h: Harness, ms: number): Promise<void> {
  h.clock.set(ms)
  await h.deps.scheduler.runDue()
  await settle(h)
}

const clientOf = (h: Harness, user: TestUser) => findClientByTelegramId(h.deps.db, user.id) as ClientRow
const lateAlerts = (h: Harness, topicId: number) =>
  h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))
const apologies = (h: Harness, user: TestUser) => h.fake.textsTo(user.id).filter((t) => t.includes('простите'))
/** The reactions the bot put on the client's messages. */
const reactions = (h: Harness, user: TestUser) =>
  h.fake
    .callsOf('setMessageReaction')
    .filter((c) => Number(c.payload.chat_id) === user.id)
    .map((c) => (c.payload.reaction as { emoji: string }[])[0]?.emoji)

/** The owner's /stats for the week: its line of requests. */
async function requestsLine(h: Harness): Promise<string | undefined> {
  const report = await ownerStats(h)
  await settle(h)
  return statsLine(report, '💬 Обращения')
}

/**
 * Monday 12:00 in Moscow: Вера asks for a manager, Олег answers; with `paid`, he sends a Telegram
 * invoice she pays in the chat (confirmed by itself). Then he closes the request with /close force,
 * and an hour passes.
 */
async function closed(telegramId: number, { paid = false }: { paid?: boolean } = {}) {
  const h = createHarness({
    clock: createFakeClock('2026-11-23T09:00:00Z'),
    ...(paid ? { config: { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } } : {}),
  })
  h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Олег')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Олег' })
  const user = h.u.user(telegramId, { first_name: 'Вера' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = clientOf(h, user)
  const topicId = client.topicId as number
  await h.send(h.u.staffText(manager, topicId, 'Вера, здравствуйте! Всё сделаем.'))
  await settle(h)
  if (paid) {
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата'))
    await settle(h)
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('no invoice was sent')
    await h.send(h.u.preCheckout(user, invoice))
    await h.send(h.u.successfulPayment(user, invoice).update)
    await settle(h)
  }
  await h.send(h.u.staffText(manager, topicId, '/close force договорились'))
  await runAt(h, h.clock.now() + 60 * MINUTE)
  expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
  h.fake.clearCalls()
  return { h, manager, user, client, topicId }
}

describe('news after a closed request', () => {
  it('«Получила посылку», «скину фото завтра», «Оплатила, спасибо» (her payment confirmed): the topic reads it, no request opens, nothing goes late', async () => {
    for (const [i, words] of ['Получила посылку', 'скину фото завтра', 'Оплатила, спасибо'].entries()) {
      const { h, user, client, topicId } = await closed(7301 + i, { paid: words.startsWith('Оплатила') })
      await h.send(h.u.text(user, words))
      await settle(h)
      // The team reads it, in one line, in the topic that stays ✅
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId), words).toEqual([
        `📨 Клиент написал после закрытого запроса — это новость, ответа она не ждёт, и запрос не открыт: «${words}»`,
      ])
      // The client's message is seen (👌), and nothing is promised to her
      expect(reactions(h, user), words).toEqual(['👌'])
      expect(h.fake.textsTo(user.id), words).toEqual([])
      await runAt(h, h.clock.now() + 40 * MINUTE)
      await runAt(h, h.clock.now() + DAY)
      expect(h.deps.services.handoff.current(client.id), words).toBeUndefined()
      expect(topicState(h, topicId).name, words).toBe(`✅ Вера · #${client.id}`)
      expect(lateAlerts(h, topicId), words).toEqual([])
      expect(ownerAlerts(h), words).toEqual([])
      expect(apologies(h, user), words).toEqual([])
      // One request in the week: the first, answered in time
      expect(await requestsLine(h), words).toMatch(/^💬 Обращения к менеджеру, открытые за период: 1, ответили 1;/)
      expect(h.errors()).toEqual([])
    }
  })

  it('«Ок, до встречи» is a goodbye, as a thanks is: a ❤, no request, nothing in the topic', async () => {
    const { h, user, client, topicId } = await closed(7311)
    await h.send(h.u.text(user, 'Ок, до встречи'))
    await runAt(h, h.clock.now() + DAY)
    expect(reactions(h, user)).toEqual(['❤'])
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('with more than news — a complaint beside it, a payment the bot does not know — the request opens again and waits', async () => {
    const cases: [number, string][] = [
      [7321, 'Получила посылку, но коробка мятая'],
      [7322, 'Оплатила, спасибо'],
    ]
    for (const [id, words] of cases) {
      const { h, user, client, topicId } = await closed(id)
      const wroteAt = h.clock.now()
      await h.send(h.u.text(user, words))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id)?.status, words).toBe('open')
      expect(h.fake.lastTextTo(user.id), words).toMatch(/^Вера, передаю вас менеджеру.*Ответим до/)
      await runAt(h, wroteAt + 15 * MINUTE)
      expect(lateAlerts(h, topicId), words).toHaveLength(1)
      expect(topicState(h, topicId).name, words).toBe(`🔴 Вера · #${client.id}`)
      expect(h.errors()).toEqual([])
    }
  })
})

describe('a first message of news, from a client who never had a request', () => {
  it('«Оплатила! пришлю чек вечером»: passed to a manager once, as a message — no time promised, no apology, no alert, 💬', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Олег')
    const user = h.u.user(7331, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'))
    await settle(h)
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'Оплатила! пришлю чек вечером'))
    await settle(h)
    const client = clientOf(h, user)
    const topicId = client.topicId as number
    // One answer, plain: no "we will answer by", no apology for a question she did not ask
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([
      'Вера, спасибо! Передаю ваше сообщение менеджеру. Если появится вопрос — просто напишите сюда.',
    ])
    // The team has it in her topic: the card says what she wrote and that no answer is awaited
    const card = String(
      h.fake.sentTo(STAFF_GROUP_ID).find((c) => String(c.payload.text).startsWith('👤'))?.payload.text,
    )
    expect(card).toContain('клиент написал без вопроса — ответа не ждёт: «Оплатила! пришлю чек вечером»')
    expect(card).toContain('✔️ ответа не ждёт — написал без вопроса')
    expect(card).not.toContain('ответить до')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Оплатила! пришлю чек вечером')

    await runAt(h, h.clock.now() + 60 * MINUTE)
    await runAt(h, h.clock.now() + DAY)
    expect(h.fake.textsTo(user.id).slice(toClient)).toHaveLength(1)
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
    // Open, waiting for nothing; /stats has the request, never due
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(await requestsLine(h)).toBe('💬 Обращения к менеджеру, открытые за период: 1, ответили 0')

    // What she writes next is a message in that request, as any: it reaches the topic, and one that
    // asks something waits for an answer as in an answered request
    const receipt = h.u.text(user, 'Вот чек, посмотрите пожалуйста')
    const wroteAt = h.clock.now()
    await h.send(receipt)
    await runAt(h, wroteAt + 15 * MINUTE)
    expect(relayedToGroup(h, user.id)).toContain(receipt.message?.message_id)
    expect(lateAlerts(h, topicId)).toEqual([expect.stringMatching(/^⏰ Клиент снова ждёт ответа/)])
    expect(h.errors()).toEqual([])
  })

  it('with a question in it («Оплатила! а когда будет готово?») it is a question, as before: a time promised, the alert when it passes', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    const user = h.u.user(7332, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Оплатила! а когда будет готово?'))
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Вера, передаю вас менеджеру.*Ответим до 12:15/)
    await runAt(h, h.clock.now() + 15 * MINUTE)
    expect(lateAlerts(h, clientOf(h, user).topicId as number)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})

describe('a promise to pay with a question beside it', () => {
  /** Monday 12:00 in Moscow: Вера's request is answered and an invoice of hers is unpaid; `words` are hers then. */
  async function promises(telegramId: number, words: string) {
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Олег')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Олег' })
    const user = h.u.user(telegramId, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await settle(h)
    const client = clientOf(h, user)
    const topicId = client.topicId as number
    unpaidInvoice(h, client.id, { createdBy: MANAGER_ID })
    await h.send(h.u.staffText(manager, topicId, 'Вера, счёт выставлен.'))
    await runAt(h, h.clock.now() + 20 * MINUTE)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, words))
    await runAt(h, wroteAt + 15 * MINUTE)
    return { h, user, client, topicId }
  }

  it('«Оплачу завтра. А доставка когда?» waits for an answer: the alert and the apology come; «Оплачу завтра» alone does not', async () => {
    const mixed = await promises(7341, 'Оплачу завтра. А доставка когда?')
    expect(lateAlerts(mixed.h, mixed.topicId)).toEqual([expect.stringMatching(/клиент снова ждёт ответа/)])
    expect(ownerAlerts(mixed.h)).toHaveLength(1)
    expect(apologies(mixed.h, mixed.user)).toHaveLength(1)
    expect(topicState(mixed.h, mixed.topicId).name).toBe(`🔴 Вера · #${mixed.client.id}`)

    const promise = await promises(7342, 'Оплачу завтра')
    expect(lateAlerts(promise.h, promise.topicId)).toEqual([])
    expect(ownerAlerts(promise.h)).toEqual([])
    expect(topicState(promise.h, promise.topicId).name).toBe(`💬 Вера · #${promise.client.id}`)
    expect(mixed.h.errors()).toEqual([])
    expect(promise.h.errors()).toEqual([])
  })
})
