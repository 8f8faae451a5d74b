/**
 * /invoice amounts written as Russians and Kazakhs write money: a dot between thousands
 * («12.500 руб.», «1.200.000 тг», «12.500,50»), thousands said short («15 тыс. руб.», «15к»,
 * «2,5 тыс»). The manager types the line in the client's topic; the client gets an invoice of
 * the amount meant, and the topic reads that amount back. What could be either of two amounts is
 * refused with how to write it.
 */
import { describe, expect, it } from 'vitest'
import { orders } from '../../db/schema.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const MANAGER_ID = 5_000_101
/** What @BotFather gives for a test shop of a provider. */
const PROVIDER_TOKEN = '381764678:TEST:100500'
/** Intl writes thousands in Russian apart by no-break spaces: "12 500 ₽" as the client reads it. */
const ru = (text: string) => text.replaceAll(' ', '\u00a0')

async function setup(options: { provider?: boolean; config?: Record<string, string> } = {}) {
  const h = createHarness({
    config: { ...(options.provider ? { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } : {}), ...options.config },
  })
  h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  let next = 401
  /** A client of their own with a topic, the manager's line typed there, and what followed. */
  const invoice = async (line: string) => {
    const { user, topicId } = await clientWithTopic(h, next++)
    await h.send(h.u.staffText(manager, topicId, line))
    await h.flush()
    return { user, topicId, topic: h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? '' }
  }
  return { h, manager, invoice }
}

const billed = (h: Harness) => h.deps.db.select().from(orders).all()

describe('/invoice with thousands written as Russian and Kazakh managers write them', () => {
  it('bills the amount meant, and the client and the topic both read it', async () => {
    const { h, invoice } = await setup()
    const lines: [string, { amount: number; currency: string; shown: string; what?: string }][] = [
      [
        '/invoice 12.500 руб. сайт-визитка',
        { amount: 1_250_000, currency: 'RUB', shown: '12 500 ₽', what: 'сайт-визитка' },
      ],
      ['/invoice 12 500 ₽', { amount: 1_250_000, currency: 'RUB', shown: '12 500 ₽' }],
      ['/invoice 12.500,50 руб', { amount: 1_250_050, currency: 'RUB', shown: '12 500,50 ₽' }],
      ['/invoice 1.200.000 тг', { amount: 120_000_000, currency: 'KZT', shown: '1 200 000' }],
      [
        '/invoice 15 тыс. руб. за логотип',
        { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'за логотип' },
      ],
      ['/invoice 15 тыс.руб. логотип', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'логотип' }],
      ['/invoice 15к', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽' }],
      ['/invoice 2,5 тыс', { amount: 250_000, currency: 'RUB', shown: '2 500 ₽' }],
      ['/invoice 12.500 грн правки', { amount: 1_250_000, currency: 'UAH', shown: '12 500 ₴', what: 'правки' }],
      // Without a currency, the business's own (roubles in the demo): its amounts take a dot between thousands
      ['/invoice 12.500', { amount: 1_250_000, currency: 'RUB', shown: '12 500 ₽' }],
    ]
    for (const [line, want] of lines) {
      const { user, topic } = await invoice(line)
      const order = billed(h).at(-1)
      expect(order, line).toMatchObject({ amount: want.amount, currency: want.currency, clientId: expect.any(Number) })
      const toClient = h.fake.lastTextTo(user.id)
      expect(toClient, line).toContain(`Сумма: ${ru(want.shown)}`)
      if (want.what) expect(toClient, line).toContain(`За что: ${want.what}\n`)
      else expect(toClient, line).not.toContain('За что:')
      // The topic reads the amount as read, before anything else: a misread is seen at once
      expect(topic, line).toMatch(new RegExp(`^🧾 Счёт №${order?.id}: ${ru(want.shown)}`))
    }
    expect(h.errors()).toEqual([])
  })

  it('sends Telegram the invoice of the amount meant, in its currency, when the client pays in Telegram', async () => {
    const { h, invoice } = await setup({ provider: true })
    /** What Telegram was asked to send the client: the invoice's currency and prices. */
    const invoiceTo = (chatId: number) => {
      const payload = h.fake.callsOf('sendInvoice').find((c) => c.ok && Number(c.payload.chat_id) === chatId)?.payload
      const raw = payload?.prices
      return { currency: payload?.currency, prices: typeof raw === 'string' ? JSON.parse(raw) : raw }
    }
    const { user } = await invoice('/invoice 12.500 руб. сайт-визитка')
    expect(invoiceTo(user.id)).toEqual({ currency: 'RUB', prices: [expect.objectContaining({ amount: 1_250_000 })] })
    const { user: kazakh } = await invoice('/invoice 1.200.000 тг')
    expect(invoiceTo(kazakh.id)).toEqual({
      currency: 'KZT',
      prices: [expect.objectContaining({ amount: 120_000_000 })],
    })
    const { user: short } = await invoice('/invoice 15 тыс. руб. за логотип')
    expect(invoiceTo(short.id)).toEqual({ currency: 'RUB', prices: [expect.objectContaining({ amount: 1_500_000 })] })
    expect(h.errors()).toEqual([])
  })
})

describe('/invoice with thousands that could be either of two amounts', () => {
  it('refuses them with how to write thousands, and bills nothing', async () => {
    const { h, invoice } = await setup()
    const comma = 'Три знака после запятой — это тысячи? Тысячи — через пробел или слитно: 1 500 или 1500.'
    const point = 'Три знака после точки — это тысячи? Тысячи — через пробел или слитно: 1 500 или 1500.'
    const said: Record<string, string> = {
      // As English writes thousands: 1 500 there, one and a half in Russian
      '/invoice 1,500 Правки': comma,
      '/invoice $1,500 Logo': comma,
      '/invoice 1,200,000 руб': comma,
      '/invoice 12,500.50 руб': comma,
      // A dot before three digits in dollars or euros: twelve and a half in English, 12 500 in German
      '/invoice $12.500': point,
      '/invoice 12.500 USD': point,
      '/invoice 12.500 € сайт': point,
      '/invoice 1.200.000 USD': point,
    }
    for (const [line, answer] of Object.entries(said)) {
      const { topic } = await invoice(line)
      expect(topic, line).toBe(answer)
    }
    expect(billed(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('in English, to a team that writes English', async () => {
    const { h, invoice } = await setup({ config: { DEFAULT_LOCALE: 'en' } })
    expect((await invoice('/invoice $1,500 Logo')).topic).toBe(
      'Three digits after the comma — thousands? Write thousands with a space or none: 1 500 or 1500.',
    )
    expect((await invoice('/invoice $12.500 Logo')).topic).toBe(
      'Three digits after the point — thousands? Write thousands with a space or none: 1 500 or 1500.',
    )
    expect(billed(h)).toEqual([])
  })
})

describe('an /invoice held for a question', () => {
  it('names the amount as read before it goes: a misread is caught before the client gets it', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 450)
    const say = async (line: string) => {
      await h.send(h.u.staffText(manager, topicId, line))
      await h.flush()
    }
    await say('/invoice 45000 landing')
    await say('/paid')
    const told = h.fake.textsTo(user.id).length
    await say('/invoice 12.500 руб. правки по макету')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(
      new RegExp(`^❓ Счёт ещё не отправлен: ${ru('12 500 ₽')} — правки по макету\\. У клиента есть заказ`),
    )
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(billed(h)).toHaveLength(1)
  })
})
