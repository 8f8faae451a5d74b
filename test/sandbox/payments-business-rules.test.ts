import { describe, expect, it } from 'vitest'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { UpdateFactory } from '../helpers/updates.ts'

/** Calls the fake the way grammY does (JSON POST to .../bot<token>/<method>). */
async function call(fake: FakeTelegram, method: string, payload: Record<string, unknown>) {
  const res = await fake.fetch(`https://api.telegram.org/botTOKEN/${method}`, {
    method: 'POST',
    body: JSON.stringify(payload),
  })
  return (await res.json()) as { ok: boolean; error_code?: number; description?: string; result?: unknown }
}

const invoice = { chat_id: 1, title: 'Счёт №1', description: 'Лендинг', payload: 'order:1' }

describe('the emulated payments', () => {
  it('takes invoices only as Telegram does: lengths, a known provider, Stars without one and with one price', async () => {
    const fake = new FakeTelegram()
    fake.payments.providerTokens.add('1:TEST:x')
    const rub = { ...invoice, currency: 'RUB', prices: [{ label: 'Счёт', amount: 100 }] }
    expect((await call(fake, 'sendInvoice', { ...rub, provider_token: '1:TEST:x' })).ok).toBe(true)
    expect((await call(fake, 'sendInvoice', { ...rub, provider_token: '1:TEST:other' })).description).toContain(
      'PAYMENT_PROVIDER_INVALID',
    )
    expect((await call(fake, 'sendInvoice', { ...rub, provider_token: '1:TEST:x', title: 'x'.repeat(33) })).ok).toBe(
      false,
    )
    expect(
      (await call(fake, 'sendInvoice', { ...rub, provider_token: '1:TEST:x', description: 'x'.repeat(256) })).ok,
    ).toBe(false)
    expect((await call(fake, 'sendInvoice', { ...rub, provider_token: '1:TEST:x', payload: 'x'.repeat(129) })).ok).toBe(
      false,
    )
    const stars = { ...invoice, currency: 'XTR', prices: [{ label: 'Чек-лист', amount: 250 }] }
    expect((await call(fake, 'sendInvoice', stars)).ok).toBe(true)
    expect((await call(fake, 'sendInvoice', { ...stars, provider_token: '1:TEST:x' })).ok).toBe(false)
    expect((await call(fake, 'sendInvoice', { ...stars, prices: [...stars.prices, ...stars.prices] })).ok).toBe(false)
    expect((await call(fake, 'sendInvoice', { ...stars, prices: [{ label: 'x', amount: 2.5 }] })).ok).toBe(false)
  })

  it('wants one answer to a checkout, within 10 seconds, and refunds a Stars charge once', async () => {
    let now = 1_000_000
    const fake = new FakeTelegram({ now: () => now })
    const u = new UpdateFactory(fake, -100)
    const user = u.user(1)
    const paid = { currency: 'XTR', totalAmount: 250, payload: 'order:1' }
    const late = u.preCheckout(user, paid).pre_checkout_query?.id
    now += 10_001
    expect(
      (await call(fake, 'answerPreCheckoutQuery', { pre_checkout_query_id: late, ok: true })).description,
    ).toContain('too old')
    const id = u.preCheckout(user, paid).pre_checkout_query?.id
    expect((await call(fake, 'answerPreCheckoutQuery', { pre_checkout_query_id: id, ok: false })).ok).toBe(false)
    expect((await call(fake, 'answerPreCheckoutQuery', { pre_checkout_query_id: id, ok: true })).ok).toBe(true)
    expect((await call(fake, 'answerPreCheckoutQuery', { pre_checkout_query_id: id, ok: true })).ok).toBe(false)

    const { charge } = u.successfulPayment(user, paid)
    const refund = { user_id: 1, telegram_payment_charge_id: charge.telegramChargeId }
    expect((await call(fake, 'refundStarPayment', { ...refund, user_id: 2 })).description).toContain('CHARGE_NOT_FOUND')
    expect((await call(fake, 'refundStarPayment', refund)).ok).toBe(true)
    expect((await call(fake, 'refundStarPayment', refund)).description).toContain('CHARGE_ALREADY_REFUNDED')
  })

  it('charges nobody whose checkout the bot did not accept', () => {
    const fake = new FakeTelegram()
    const u = new UpdateFactory(fake, -100)
    expect(() => u.successfulPayment(u.user(1), { currency: 'XTR', totalAmount: 1, payload: 'x' })).toThrow(
      /Telegram would not charge/,
    )
  })
})

describe('the emulated business accounts', () => {
  it('let the bot write for the account only while enabled, with the right to reply, within 24 h of the client', async () => {
    let now = 1_000_000
    const fake = new FakeTelegram({ now: () => now })
    const u = new UpdateFactory(fake, -100)
    const owner = u.user(10)
    const client = u.user(20)
    const send = (extra: Record<string, unknown> = {}) =>
      call(fake, 'sendMessage', { chat_id: client.id, text: 'Здравствуйте', business_connection_id: 'bc', ...extra })
    u.businessConnection(owner, { id: 'bc' })
    // The client never wrote: the chat is closed to the bot
    expect((await send()).description).toContain('BUSINESS_PEER_USAGE_MISSING')
    u.businessMessage(client, 'bc', client.id, 'Добрый день')
    const sent = await send()
    expect(sent.ok).toBe(true)
    // Sent for the account: from it, numbered in the business chat, not the bot's chat
    expect(sent.result).toMatchObject({ message_id: 2, business_connection_id: 'bc', from: { id: owner.id } })
    expect((await send({ reply_markup: { keyboard: [[{ text: 'Да' }]] } })).ok).toBe(false)
    now += 24 * 3_600_000 + 1
    expect((await send()).ok).toBe(false)
    u.businessMessage(client, 'bc', client.id, 'Ещё вопрос')
    u.businessConnection(owner, { id: 'bc', rights: { can_read_messages: true } })
    expect((await send()).description).toContain('no right to reply')
    u.businessConnection(owner, { id: 'bc', enabled: false })
    expect((await send()).description).toContain('BUSINESS_CONNECTION_NOT_ALLOWED')
    expect((await send({ business_connection_id: 'nope' })).description).toContain('BUSINESS_CONNECTION_INVALID')
    // A client who blocked the bot still gets the account's messages
    u.businessConnection(owner, { id: 'bc' })
    fake.blockedChats.add(client.id)
    expect((await send()).ok).toBe(true)
  })
})
