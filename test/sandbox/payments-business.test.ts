/**
 * The emulated Telegram's payments and Business rules, one by one, in a closed world
 * (only what was created exists): the same emulator the test suite's fake and the
 * sandbox run on.
 */
import { describe, expect, it, vi } from 'vitest'
import { type EmulatorEvent, TelegramEmulator, UserActionError } from '../../src/sandbox/telegram/emulator.ts'
import { TelegramError } from '../../src/sandbox/telegram/errors.ts'

const TOKEN = '7000000009:emulator-test-token-000000000000000'
const PROVIDER = '381764678:TEST:100500'

function world() {
  let now = Date.parse('2026-11-23T09:00:00Z')
  const em = new TelegramEmulator({ token: TOKEN, now: () => now })
  em.payments.providerTokens.add(PROVIDER)
  const anna = em.addUser({ id: 301, first_name: 'Анна', started: true })
  const olga = em.addUser({ id: 101, first_name: 'Ольга', started: true })
  return { em, anna, olga, tick: (ms: number) => (now += ms) }
}

/** The refusal a call gets (fails the test if the call succeeds). */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call
  } catch (err) {
    if (err instanceof TelegramError) return err.description
    throw err
  }
  throw new Error('the call was accepted')
}

const invoice = (chatId: number, extra: Record<string, unknown> = {}) => ({
  chat_id: chatId,
  title: 'Счёт №1',
  description: 'Лендинг',
  payload: 'order:1',
  currency: 'RUB',
  prices: [{ label: 'Счёт №1', amount: 4_500_000 }],
  provider_token: PROVIDER,
  ...extra,
})

describe('payments', () => {
  it("refuses an invoice under its currency's minimum, as Telegram does (about one US dollar; over one Star)", async () => {
    const { em, anna } = world()
    const rub = (amount: number) => invoice(anna.id, { prices: [{ label: 'Счёт №1', amount }] })
    // 50 ₽ and 0.50 ₽ are under Telegram's minimum for roubles; 150 ₽ is not
    expect(await refusal(em.call('sendInvoice', rub(5_000)))).toContain('CURRENCY_TOTAL_AMOUNT_INVALID')
    expect(await refusal(em.call('sendInvoice', rub(50)))).toContain('CURRENCY_TOTAL_AMOUNT_INVALID')
    expect(await em.call('sendInvoice', rub(15_000))).toBeTruthy()
    const usd = (amount: number) => invoice(anna.id, { currency: 'USD', prices: [{ label: 'Invoice #1', amount }] })
    expect(await refusal(em.call('sendInvoice', usd(50)))).toContain('CURRENCY_TOTAL_AMOUNT_INVALID')
    expect(await em.call('sendInvoice', usd(100))).toBeTruthy()
    // One Star is an invoice
    const stars = { currency: 'XTR', prices: [{ label: 'Чек-лист', amount: 1 }], provider_token: '' }
    expect(await em.call('sendInvoice', invoice(anna.id, stars))).toBeTruthy()
  })

  it('takes an invoice only as Telegram does', async () => {
    const { em, anna } = world()
    const sent = (await em.call('sendInvoice', invoice(anna.id))) as { invoice: { total_amount: number } }
    expect(sent.invoice.total_amount).toBe(4_500_000)
    expect(await refusal(em.call('sendInvoice', invoice(anna.id, { provider_token: '1:TEST:x' })))).toContain(
      'PAYMENT_PROVIDER_INVALID',
    )
    expect(await refusal(em.call('sendInvoice', invoice(anna.id, { title: 'x'.repeat(33) })))).toContain('TITLE')
    expect(await refusal(em.call('sendInvoice', invoice(anna.id, { description: 'x'.repeat(256) })))).toContain(
      'DESCRIPTION',
    )
    expect(await refusal(em.call('sendInvoice', invoice(anna.id, { payload: 'x'.repeat(129) })))).toContain('PAYLOAD')
    expect(await refusal(em.call('sendInvoice', invoice(anna.id, { provider_data: '{oops' })))).toContain('JSON')
    const stars = { currency: 'XTR', prices: [{ label: 'Чек-лист', amount: 250 }], provider_token: '' }
    expect(await em.call('sendInvoice', invoice(anna.id, stars))).toBeTruthy()
    expect(await refusal(em.call('sendInvoice', invoice(anna.id, { ...stars, provider_token: PROVIDER })))).toContain(
      'PAYMENT_PROVIDER_INVALID',
    )
    expect(
      await refusal(em.call('sendInvoice', invoice(anna.id, { ...stars, prices: [...stars.prices, ...stars.prices] }))),
    ).toContain('STARS')
    expect(
      await refusal(em.call('sendInvoice', invoice(anna.id, { ...stars, prices: [{ label: 'x', amount: 2.5 }] }))),
    ).toContain('AMOUNT')
  })

  it('asks the bot before the money moves, wants one answer within 10 s, and charges only after "ok"', async () => {
    const { em, anna, tick } = world()
    const sent = (await em.call('sendInvoice', invoice(anna.id))) as { message_id: number }
    const late = em.payments.pay(anna.id, sent.message_id)
    tick(10_001)
    expect(await refusal(em.call('answerPreCheckoutQuery', { pre_checkout_query_id: late.id, ok: true }))).toContain(
      'too old',
    )
    const checkout = em.payments.pay(anna.id, sent.message_id)
    expect(em.pending().at(-1)?.pre_checkout_query).toMatchObject({ id: checkout.id, total_amount: 4_500_000 })
    expect(
      await refusal(em.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: false })),
    ).toContain('error_message')
    await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: true })
    // The money moved: the chat shows it and the bot gets it
    const paid = em.pending().at(-1)?.message?.successful_payment
    expect(paid).toMatchObject({ currency: 'RUB', total_amount: 4_500_000, invoice_payload: 'order:1' })
    expect(paid?.provider_payment_charge_id).toMatch(/^provider-charge-/)
    expect(
      await refusal(em.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: true })),
    ).toContain('QUERY_ID_INVALID')
    expect(() => em.payments.pay(anna.id, 999)).toThrow(UserActionError)
  })

  it('shows the payer the reason the bot said no for, and charges nothing', async () => {
    const { em, anna } = world()
    const shown: EmulatorEvent[] = []
    em.on((event) => event.type === 'answer' && shown.push(event))
    const sent = (await em.call('sendInvoice', invoice(anna.id))) as { message_id: number }
    const checkout = em.payments.pay(anna.id, sent.message_id)
    const reason = 'Этот счёт уже оплачен'
    await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: false, error_message: reason })
    // In Telegram the payment form shows it; here, an alert over her chat
    expect(shown).toEqual([{ type: 'answer', chatId: anna.id, userId: anna.id, text: reason, showAlert: true }])
    expect(em.pending().some((u) => u.message?.successful_payment)).toBe(false)
  })

  it('tells the payer when the bot lets a checkout go unanswered, and charges nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      const { em, anna, tick } = world()
      const shown: EmulatorEvent[] = []
      em.on((event) => event.type === 'answer' && shown.push(event))
      const sent = (await em.call('sendInvoice', invoice(anna.id))) as { message_id: number }
      const answered = em.payments.pay(anna.id, sent.message_id)
      await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: answered.id, ok: true })
      const forgotten = em.payments.pay(anna.id, sent.message_id)
      vi.advanceTimersByTime(9_999)
      expect(shown).toEqual([])
      tick(10_001)
      vi.advanceTimersByTime(1)
      // In Telegram the payment form shows an error; here, an alert over her chat, once
      expect(shown).toEqual([
        { type: 'answer', chatId: anna.id, userId: anna.id, text: expect.stringContaining('in time'), showAlert: true },
      ])
      expect(
        await refusal(em.call('answerPreCheckoutQuery', { pre_checkout_query_id: forgotten.id, ok: true })),
      ).toContain('too old')
      expect(em.pending().filter((u) => u.message?.successful_payment)).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('charges the checkout the bot accepted when the person has two open (two invoices, or a double tap)', async () => {
    const { em, anna } = world()
    const payments = () =>
      em.pending().flatMap((u) => (u.message?.successful_payment ? [u.message.successful_payment] : []))
    const first = (await em.call('sendInvoice', invoice(anna.id))) as { message_id: number }
    const second = (await em.call(
      'sendInvoice',
      invoice(anna.id, { payload: 'order:2', prices: [{ label: 'Счёт №2', amount: 2_000_000 }] }),
    )) as { message_id: number }
    const payFirst = em.payments.pay(anna.id, first.message_id)
    const paySecond = em.payments.pay(anna.id, second.message_id)
    // The ok to the first goes through while the second still waits for its answer
    expect(await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: payFirst.id, ok: true })).toBe(true)
    expect(payments()).toMatchObject([{ invoice_payload: 'order:1', total_amount: 4_500_000 }])
    await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: paySecond.id, ok: true })
    expect(payments().map((p) => p.invoice_payload)).toEqual(['order:1', 'order:2'])

    // Two taps on Pay under one invoice, both accepted: paid twice, as in Telegram
    const tap1 = em.payments.pay(anna.id, first.message_id)
    const tap2 = em.payments.pay(anna.id, first.message_id)
    await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: tap1.id, ok: true })
    await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: tap2.id, ok: true })
    expect(payments().map((p) => p.invoice_payload)).toEqual(['order:1', 'order:2', 'order:1', 'order:1'])
  })

  it('refunds a Stars charge once, to its payer', async () => {
    const { em, anna } = world()
    const paid = { currency: 'XTR', totalAmount: 250, payload: 'order:2' }
    const checkout = em.payments.openCheckout(anna.id, paid)
    expect(() => em.payments.charge(checkout)).toThrow(/would not charge/)
    await em.call('answerPreCheckoutQuery', { pre_checkout_query_id: checkout.id, ok: true })
    const charge = em.payments.charge(checkout)
    const refund = { user_id: anna.id, telegram_payment_charge_id: charge.telegramChargeId }
    expect(await refusal(em.call('refundStarPayment', { ...refund, user_id: 999 }))).toContain('CHARGE_NOT_FOUND')
    expect(await em.call('refundStarPayment', refund)).toBe(true)
    expect(await refusal(em.call('refundStarPayment', refund))).toContain('CHARGE_ALREADY_REFUNDED')
  })
})

describe('Telegram Business', () => {
  it('shows the answer to a button pressed in the account’s chat in that chat, not in the bot’s', async () => {
    const { em, anna, olga } = world()
    em.business.connectAndTell(olga.id, { id: 'bc' })
    em.business.message('bc', anna.id, anna.id, 'Добрый день')
    const keyboard = { inline_keyboard: [[{ text: 'Да', callback_data: 'yes' }]] }
    const sent = (await em.call('sendMessage', {
      chat_id: anna.id,
      text: 'Вопрос решён?',
      business_connection_id: 'bc',
      reply_markup: keyboard,
    })) as { message_id: number }
    const query = em.business.pressButton('bc', anna.id, sent.message_id, 'yes')
    const shown: EmulatorEvent[] = []
    em.on((event) => event.type === 'answer' && shown.push(event))
    await em.call('answerCallbackQuery', { callback_query_id: query.id, text: 'Спасибо!' })
    expect(shown).toEqual([
      { type: 'answer', chatId: anna.id, userId: anna.id, text: 'Спасибо!', showAlert: false, business: 'bc' },
    ])
  })

  it('lets the bot write for the account only while enabled, with the right to reply, within 24 h of the person', async () => {
    const { em, anna, olga, tick } = world()
    const send = (extra: Record<string, unknown> = {}) =>
      em.call('sendMessage', { chat_id: anna.id, text: 'Здравствуйте', business_connection_id: 'bc', ...extra })
    em.business.connectAndTell(olga.id, { id: 'bc' })
    expect(em.pending().at(-1)?.business_connection).toMatchObject({ id: 'bc', is_enabled: true })
    expect(await em.call('getBusinessConnection', { business_connection_id: 'bc' })).toMatchObject({ id: 'bc' })
    // Anna never wrote to Ольга: the chat is closed to the bot
    expect(await refusal(send())).toContain('BUSINESS_PEER_USAGE_MISSING')
    const hello = em.business.message('bc', anna.id, anna.id, 'Добрый день')
    expect(em.pending().at(-1)?.business_message).toMatchObject({ business_connection_id: 'bc', text: 'Добрый день' })
    const sent = (await send()) as { message_id: number; from: { id: number }; business_connection_id: string }
    // From the account, in the account's chat (its own numbering), not the bot's chat with Anna
    expect(sent).toMatchObject({
      message_id: hello.message_id + 1,
      from: { id: olga.id },
      business_connection_id: 'bc',
    })
    expect(em.chat(anna.id).messages.has(sent.message_id)).toBe(false)
    // Edits for the account follow the same rules
    const edited = await em.call('editMessageText', {
      chat_id: anna.id,
      message_id: sent.message_id,
      text: 'Здравствуйте, Анна',
      business_connection_id: 'bc',
    })
    expect(edited).toMatchObject({ text: 'Здравствуйте, Анна' })
    expect(await refusal(send({ reply_markup: { keyboard: [[{ text: 'Да' }]] } }))).toContain('reply keyboards')
    tick(24 * 3_600_000 + 1)
    expect(await refusal(send())).toContain('BUSINESS_PEER_USAGE_MISSING')
    em.business.message('bc', anna.id, anna.id, 'Ещё вопрос')
    em.business.connect(olga, { id: 'bc', rights: { can_read_messages: true } })
    expect(await refusal(send())).toContain('no right to reply')
    em.business.connect(olga, { id: 'bc', enabled: false })
    expect(await refusal(send())).toContain('BUSINESS_CONNECTION_NOT_ALLOWED')
    expect(await refusal(send({ business_connection_id: 'nope' }))).toContain('BUSINESS_CONNECTION_INVALID')
    // Blocking the bot does not block the account the bot writes for
    em.business.connect(olga, { id: 'bc' })
    em.setBlocked(anna.id, true)
    expect(await send()).toBeTruthy()
  })

  it('deletes for the account only with its right: what the bot sent with either delete right, the rest with the right to delete all; within 48 h, once', async () => {
    const { em, anna, olga, tick } = world()
    const boris = em.addUser({ id: 302, first_name: 'Борис', started: true })
    const del = (ids: number[], connection = 'bc') =>
      em.call('deleteBusinessMessages', { business_connection_id: connection, message_ids: ids })
    em.business.connectAndTell(olga.id, { id: 'bc' })
    const hello = em.business.message('bc', anna.id, anna.id, 'Добрый день')
    // One account numbers the messages of all its chats in one sequence: the ids name one chat
    const other = em.business.message('bc', boris.id, boris.id, 'Здравствуйте')
    expect(other.message_id).toBe(hello.message_id + 1)
    const answer = (text: string) =>
      em.call('sendMessage', { chat_id: anna.id, text, business_connection_id: 'bc' }) as Promise<{
        message_id: number
      }>
    const first = await answer('Цена — 5 000 ₽')
    const own = em.business.message('bc', olga.id, anna.id, 'Это Ольга')
    // Connected with the right to reply only: nothing may be deleted
    expect(await refusal(del([first.message_id]))).toContain('BOT_ACCESS_FORBIDDEN')
    em.business.connect(olga, { id: 'bc', rights: { can_reply: true, can_delete_outgoing_messages: true } })
    // What the account's owner typed needs the right to delete all messages
    expect(await refusal(del([own.message_id]))).toContain('BOT_ACCESS_FORBIDDEN')
    await expect(del([first.message_id])).resolves.toBe(true)
    const shown = (id: number) => em.business.chat('bc', anna.id).messages.get(id)?.deleted !== true
    expect(shown(first.message_id)).toBe(false)
    // Once: a message deleted, or never sent, is not there to delete
    expect(await refusal(del([first.message_id]))).toBe('Bad Request: message to delete not found')
    expect(await refusal(del([own.message_id + 50]))).toBe('Bad Request: message to delete not found')
    em.business.connect(olga, { id: 'bc', rights: { can_reply: true, can_delete_all_messages: true } })
    await expect(del([own.message_id, hello.message_id])).resolves.toBe(true)
    expect([shown(own.message_id), shown(hello.message_id)]).toEqual([false, false])
    // Within 48 hours of its sending only, as deleteMessage
    const late = await answer('Сроки — неделя')
    tick(48 * 3_600_000)
    expect(await refusal(del([late.message_id]))).toBe("Bad Request: message can't be deleted")
    expect(shown(late.message_id)).toBe(true)
    expect(await refusal(del([late.message_id], 'nope'))).toContain('BUSINESS_CONNECTION_INVALID')
    em.business.connect(olga, { id: 'bc', enabled: false, rights: { can_delete_all_messages: true } })
    expect(await refusal(del([late.message_id]))).toContain('BUSINESS_CONNECTION_NOT_ALLOWED')
  })
})
