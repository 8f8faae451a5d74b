/**
 * A client who writes that they paid ("я оплатил", "I've paid") under their one unpaid invoice
 * gets what the "✅ Я оплатил(а)" button gives: staff are asked to confirm with its buttons, the
 * client is thanked, and no answer time runs for the words — in the bot's chat and the owner's.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { formatMoney } from '../../src/money.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, demoContent, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

const MANAGER_ID = 5_000_301

async function setup(userId: number) {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', 5_000_001, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const { user, client, topicId } = await clientInHandoff(h, userId, 'Анна')
  const staff = async (text: string) => {
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, text))
    await settle(h)
  }
  const client_ = async (text: string) => {
    await h.send(h.u.text(user, text))
    await settle(h)
  }
  await staff('Здравствуйте! Сейчас пришлю счёт.')
  return { h, user, client, topicId, staff, write: client_ }
}

/** The staff buttons under the topic's last message. */
const lastButtons = (h: ReturnType<typeof createHarness>, topicId: number) =>
  (
    (h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)?.payload.reply_markup?.inline_keyboard ?? []) as {
      text: string
    }[][]
  )
    .flat()
    .map((b) => b.text)

describe('"я оплатил" in words is the "I\'ve paid" button', () => {
  it('after a closed request: no request, staff asked to confirm with the words and the buttons, the client thanked; said again, "we are checking"', async () => {
    const { h, user, client, topicId, staff, write } = await setup(7301)
    await staff('/invoice 45000 25.12 landing')
    await staff('/close force ответили')
    h.fake.clearCalls()
    await write('я оплатил вчера переводом, проверьте')
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const told = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(told).toMatch(/^💳 Клиент сообщает, что оплатил счёт №1: 45\u00a0000\u00a0₽/)
    expect(told).toContain('\n✍️ Клиент написал: «я оплатил вчера переводом, проверьте»')
    expect(lastButtons(h, topicId)).toEqual(['✅ Оплата пришла', '❌ Пока не пришла'])
    expect(h.fake.textsTo(user.id)).toEqual([
      'Спасибо, Анна! Передали менеджеру: платёж сверят и подтвердят здесь. Напоминания по этому счёту пока на паузе.',
    ])
    expect(h.deps.services.orders.get(1)?.clientReportedPaidAt).not.toBeNull()
    // The same words again, as a question: it is being checked; the topic reads it, nobody owes an answer
    await write('я оплатил, вы получили?')
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(user.id).at(-1)).toBe('Мы уже проверяем этот платёж.')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '💳 Клиент снова пишет, что оплатил счёт №1 — оплату ещё не проверили: «я оплатил, вы получили?»',
    )
    expect(h.errors()).toEqual([])
  })

  it('in an open, answered request: "I\'ve paid" starts no answer time; the staff line and its buttons follow the message', async () => {
    const { h, user, client, topicId, staff, write } = await setup(7302)
    await staff('/invoice 45000 25.12 landing')
    await write('а логотип тоже сделаете?')
    await staff('Да, сделаем')
    h.fake.clearCalls()
    await write("I've paid")
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', clientWaitingSince: null })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(/^💳 Клиент сообщает, что оплатил счёт №1: /)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).not.toContain('Клиент написал')
    expect(lastButtons(h, topicId)).toEqual(['✅ Оплата пришла', '❌ Пока не пришла'])
    expect(h.fake.textsTo(user.id).at(-1)).toMatch(/^Спасибо, Анна! Передали менеджеру/)
    expect(h.errors()).toEqual([])
  })

  it('two unpaid invoices: "я оплатил" reaches the team as before; «перевела 1250,50 по счёту №2» reports that one', async () => {
    const { h, client, topicId, staff, write } = await setup(7303)
    unpaidInvoice(h, client.id, { createdBy: MANAGER_ID })
    unpaidInvoice(h, client.id, { createdBy: MANAGER_ID })
    await staff('/close force ответили')
    await write('я оплатил')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open' })
    expect(h.deps.services.orders.unpaid(client.id).every((o) => o.clientReportedPaidAt === null)).toBe(true)
    await staff('Какой из счетов?')
    await write('перевела 1250,50 по счёту №2')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ clientWaitingSince: null })
    expect(h.deps.services.orders.get(2)?.clientReportedPaidAt).not.toBeNull()
    expect(h.deps.services.orders.get(1)?.clientReportedPaidAt).toBeNull()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(/^💳 Клиент сообщает, что оплатил счёт №2/)
    expect(h.errors()).toEqual([])
  })

  it('not a claim: a denial, a problem beside it, a promise — the team reads them and owes an answer', async () => {
    const { h, client, staff, write } = await setup(7304)
    await staff('/invoice 45000 25.12 landing')
    for (const words of ['ещё не оплатил', 'оплатил, но пришла ошибка', 'paid twice, refund please']) {
      await write(words)
      expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince, words).not.toBeNull()
      expect(h.deps.services.orders.get(1)?.clientReportedPaidAt, words).toBeNull()
      await staff('Отвечаю')
    }
    expect(h.errors()).toEqual([])
  })
})

describe("in the owner's Business chat", () => {
  it('"paid it" after a closed request: no request, the staff line with the buttons, the client thanked there', async () => {
    const h = createHarness({ content: { ...demoContent(), telegram_business: { auto_reply: 'outside_hours' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(402, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    // Monday 12:00 in Moscow: working hours, the team answers there
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Добрый день, нужна визитка'))
    await h.drain()
    const row = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    const topicId = row.topicId as number
    unpaidInvoice(h, row.id, { createdBy: OWNER_ID })
    await h.send(h.u.businessMessage(owner, 'bc-olga', user.id, 'Здравствуйте! Счёт выслала.'))
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force ответили'))
    await h.drain()
    h.fake.clearCalls()
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'paid it'))
    await h.drain()
    expect(h.deps.services.handoff.current(row.id)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      /^💳 Клиент сообщает, что оплатил счёт №1: .*\n✍️ Клиент написал: «paid it»$/s,
    )
    expect(lastButtons(h, topicId)).toEqual(['✅ Оплата пришла', '❌ Пока не пришла'])
    const thanks = h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
    expect(thanks.map((c) => c.payload.text)).toEqual([expect.stringMatching(/^Спасибо, Анна! Передали менеджеру/)])
    expect(h.errors()).toEqual([])
  })
})

describe('"I\'ve paid" in words for a Telegram invoice, which Telegram confirms by itself', () => {
  /** What @BotFather gives for a test shop of a provider. */
  const PROVIDER_TOKEN = '381764678:TEST:100500'

  /** A client in a request, with a provider set up: /invoice sends a Telegram invoice with Pay. */
  async function telegramSetup(userId: number, person: { first_name: string; language_code: string }) {
    const h = createHarness({ config: { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } })
    h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
    h.deps.services.staff.add(MANAGER_ID, 'manager', 5_000_001, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const user = h.u.user(userId, person)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    const topicId = client.topicId as number
    const staff = async (text: string) => {
      await sendThroughOutbox(h, h.u.staffText(manager, topicId, text))
      await settle(h)
    }
    const write = async (text: string) => {
      await h.send(h.u.text(user, text))
      await settle(h)
    }
    await staff('/invoice 45000 25.12 landing')
    expect(h.fake.payments.lastInvoiceTo(user.id)).toMatchObject({ payload: 'order:1' })
    return { h, user, client, topicId, staff, write }
  }

  it('"paid" with no payment: the topic reads none came through Telegram for #1, the client is told so gently with its Pay; nobody owes an answer', async () => {
    const { h, user, client, topicId, staff, write } = await telegramSetup(7311, {
      first_name: 'Tom',
      language_code: 'en',
    })
    // 45 000 ₽ as an English reader reads it
    const rub = formatMoney(4_500_000, 'RUB', 'en')
    await staff('Hello Tom, the invoice is in the chat.')
    h.fake.clearCalls()
    await write('paid')
    // The bot answered it itself: no answer time runs, so the invoice's reminders are not paused by it
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', clientWaitingSince: null })
    expect(h.deps.services.orders.get(1)?.clientReportedPaidAt).toBeNull()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '💳 Клиент пишет, что оплатил счёт №1 (45\u00a0000\u00a0₽), но оплата по нему через Telegram не поступала. Бот ответил клиенту, что оплата пока не пришла, и подсказал, как оплатить. Если клиент оплатил иначе — /paid 1.',
    )
    expect(h.fake.textsTo(user.id)).toEqual([
      `Tom, the payment for invoice #1 (${rub}) has not come through yet. A payment made with the button under the invoice reaches us by itself — I will write to you here as soon as it does. If you have not paid yet, press the pay button under the invoice, or the button below and I will send it again.`,
    ])
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: `💳 Pay invoice #1: ${rub}`, data: 'dpay:1' }])
    // That button sends the invoice again, to pay right there
    const invoices = h.fake.payments.invoices.length
    await h.send(h.u.callback(user, 'dpay:1'))
    await settle(h)
    expect(h.fake.payments.invoices).toHaveLength(invoices + 1)
    expect(h.errors()).toEqual([])
  })

  it('after a closed request: no request opens; the topic reads the words and that no payment came; a number named counts', async () => {
    const { h, user, client, topicId, staff, write } = await telegramSetup(7312, {
      first_name: 'Анна',
      language_code: 'ru',
    })
    await staff('/close force ответили')
    h.fake.clearCalls()
    await write('оплатила счёт №1')
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '💳 Клиент пишет, что оплатил счёт №1 (45\u00a0000\u00a0₽), но оплата по нему через Telegram не поступала. Бот ответил клиенту, что оплата пока не пришла, и подсказал, как оплатить. Если клиент оплатил иначе — /paid 1.\n✍️ Клиент написал: «оплатила счёт №1»',
    )
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Анна, оплата по счёту №1 \(45\u00a0000\u00a0₽\) пока не поступила\./)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['dpay:1'])
    // Not a bare claim: it reaches the team as any message, with its answer time
    await write('оплатила, но списалось дважды')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open' })
    expect(h.errors()).toEqual([])
  })
})
