/**
 * /invoice amounts written as Russians and Kazakhs write money: a dot between thousands
 * («12.500 руб.», «1.200.000 тг», «12.500,50»), thousands said short («15 тыс. руб.», «15к»,
 * «2,5 тыс»). The manager types the line in the client's topic; the client gets an invoice of
 * the amount meant, and the topic reads that amount back. What could be either of two amounts is
 * refused with how to write it.
 */
import { describe, expect, it } from 'vitest'
import { orders } from '../../db/schema.ts'
import type { Content } from '../../src/content/schema.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const MANAGER_ID = 5_000_101
/** What @BotFather gives for a test shop of a provider. */
const PROVIDER_TOKEN = '381764678:TEST:100500'
/** Intl writes thousands in Russian apart by no-break spaces: "12 500 ₽" as the client reads it. */
const ru = (text: string) => text.replaceAll(' ', '\u00a0')

/** The demo studio as a business in Almaty: its prices (and so its invoices) in tenge. */
function inTenge(): Content {
  const demo = demoContent()
  return {
    ...demo,
    business: { ...demo.business, timezone: 'Asia/Almaty' },
    products: demo.products.map((p) =>
      p.price.currency === 'RUB' ? { ...p, price: { ...p.price, currency: 'KZT' } } : p,
    ),
  }
}

async function setup(options: { provider?: boolean; config?: Record<string, string>; content?: Content } = {}) {
  const h = createHarness({
    config: { ...(options.provider ? { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } : {}), ...options.config },
    ...(options.content ? { content: options.content } : {}),
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
      // Tenge in a rouble business by its sign or its word: «тг» alone may be Telegram (below)
      ['/invoice 1.200.000 тенге', { amount: 120_000_000, currency: 'KZT', shown: '1 200 000 ₸' }],
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
    const { user: kazakh } = await invoice('/invoice 1.200.000 ₸')
    expect(invoiceTo(kazakh.id)).toEqual({
      currency: 'KZT',
      prices: [expect.objectContaining({ amount: 120_000_000 })],
    })
    const { user: short } = await invoice('/invoice 15 тыс. руб. за логотип')
    expect(invoiceTo(short.id)).toEqual({ currency: 'RUB', prices: [expect.objectContaining({ amount: 1_500_000 })] })
    expect(h.errors()).toEqual([])
  })
})

/** The demo studio as a salon in Minsk: its prices (and so its invoices) in Belarusian roubles. */
function inMinsk(): Content {
  const demo = demoContent()
  return {
    ...demo,
    business: { ...demo.business, timezone: 'Europe/Minsk' },
    products: demo.products.map((p) =>
      p.price.currency === 'RUB' ? { ...p, price: { ...p.price, currency: 'BYN' } } : p,
    ),
  }
}

describe('/invoice in Belarusian roubles', () => {
  it('a salon in Minsk: the client and the topic read "Br", as Belarus writes its rouble; a client in English, its code', async () => {
    const { h, manager, invoice } = await setup({ content: inMinsk() })
    const { user, topic } = await invoice('/invoice 120,50 окрашивание')
    expect(billed(h).at(-1)).toMatchObject({ amount: 12_050, currency: 'BYN' })
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${ru('120,50 Br')}`)
    expect(topic).toMatch(new RegExp(`^🧾 Счёт №\\d+: ${ru('120,50 Br')}`))
    // Its thousands apart by a dot, as Belarusians write money
    expect((await invoice('/invoice 1.250 стрижка')).topic).toMatch(new RegExp(`^🧾 Счёт №\\d+: ${ru('1 250 Br')}`))
    // A client who reads English: the code, as English writes a currency with no sign of its own
    const { user: english, topicId } = await clientWithTopic(h, 480, { user: { language_code: 'en' } })
    await h.send(h.u.staffText(manager, topicId, '/invoice 120 окрашивание'))
    await h.flush()
    expect(h.fake.lastTextTo(english.id)).toContain('Amount: BYN\u00a0120')
    expect(h.errors()).toEqual([])
  })

  it('a studio in Moscow billing in them: «бел. руб.», not «BYN», and its roubles stay «₽»', async () => {
    const { h, invoice } = await setup()
    const { user, topic } = await invoice('/invoice 300 BYN консультация')
    expect(billed(h).at(-1)).toMatchObject({ amount: 30_000, currency: 'BYN' })
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${ru('300 бел. руб.')}`)
    expect(topic).toMatch(new RegExp(`^🧾 Счёт №\\d+: ${ru('300 бел. руб.')}`))
    const { user: rouble } = await invoice('/invoice 300 руб консультация')
    expect(h.fake.lastTextTo(rouble.id)).toContain(`Сумма: ${ru('300 ₽')}`)
    expect(h.errors()).toEqual([])
  })
})

/** The demo studio as a business in Tashkent: its prices (and so its invoices) in Uzbek sums. */
function inTashkent(): Content {
  const demo = demoContent()
  return {
    ...demo,
    business: { ...demo.business, timezone: 'Asia/Tashkent' },
    products: demo.products.map((p) =>
      p.price.currency === 'RUB' ? { ...p, price: { ...p.price, currency: 'UZS' } } : p,
    ),
  }
}

describe('/invoice in the money of Central Asia', () => {
  it('a studio in Tashkent: the client and the topic read «сум», as Uzbekistan writes it in Russian, not «UZS»', async () => {
    const { h, invoice } = await setup({ content: inTashkent() })
    const { user, topic } = await invoice('/invoice 1 500 000 сайт-визитка')
    expect(billed(h).at(-1)).toMatchObject({ amount: 150_000_000, currency: 'UZS' })
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${ru('1 500 000 сум')}`)
    expect(h.fake.lastTextTo(user.id)).not.toContain('UZS')
    expect(topic).toMatch(new RegExp(`^🧾 Счёт №\\d+: ${ru('1 500 000 сум')}`))
    // The manager may name it as it is written, in Russian or in Uzbek Cyrillic
    for (const line of ['/invoice 250000 сум логотип', '/invoice 250 000 сўм логотип']) {
      const { user: named } = await invoice(line)
      expect(billed(h).at(-1), line).toMatchObject({ amount: 25_000_000, currency: 'UZS', description: 'логотип' })
      expect(h.fake.lastTextTo(named.id), line).toContain(`Сумма: ${ru('250 000 сум')}`)
    }
    expect(h.errors()).toEqual([])
  })

  it('a studio in Moscow billing in somoni or som: «сомони» and the som named by its word are read, and shown', async () => {
    const { h, invoice } = await setup()
    const { user } = await invoice('/invoice 3000 сомони консультация')
    expect(billed(h).at(-1)).toMatchObject({ amount: 300_000, currency: 'TJS', description: 'консультация' })
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${ru('3 000 сомони')}`)
    const { user: som } = await invoice('/invoice 5000 сом консультация')
    expect(billed(h).at(-1)).toMatchObject({ amount: 500_000, currency: 'KGS', description: 'консультация' })
    // (The som has a sign of its own, which Intl writes)
    expect(h.fake.lastTextTo(som.id)).toContain(`Сумма: ${ru('5 000 ⃀')}`)
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

/** What Telegram was asked to send `chatId`: the invoice's currency and amount, or undefined when none went. */
function telegramInvoiceTo(h: Harness, chatId: number) {
  const payload = h.fake.callsOf('sendInvoice').find((c) => c.ok && Number(c.payload.chat_id) === chatId)?.payload
  if (!payload) return undefined
  const raw = payload.prices
  const prices = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { amount: number }[]
  return { currency: payload.currency, amount: prices[0]?.amount }
}

describe('/invoice with thousands said short, the word apart from the number', () => {
  it('reads each way as thousands (or millions): the client, the topic and the order have the amount meant', async () => {
    const { h, invoice } = await setup()
    const lines: [string, { amount: number; currency: string; shown: string; what?: string }][] = [
      // "15 k Сайт" billed 15 ₽ for «k Сайт»
      ['/invoice 15 k Сайт', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'Сайт' }],
      ['/invoice 15 K Сайт', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'Сайт' }],
      ['/invoice 15к Сайт', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'Сайт' }],
      ['/invoice 15К Сайт', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'Сайт' }],
      ['/invoice 15 тыс Сайт', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'Сайт' }],
      // «к» apart ending the line, or before its currency, is no word of the description
      ['/invoice 15 к', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽' }],
      ['/invoice 15 К руб. Сайт', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'Сайт' }],
      ['/invoice 1.5к Сайт', { amount: 150_000, currency: 'RUB', shown: '1 500 ₽', what: 'Сайт' }],
      ['/invoice 1,5 k Сайт', { amount: 150_000, currency: 'RUB', shown: '1 500 ₽', what: 'Сайт' }],
      ['/invoice 1.5 к', { amount: 150_000, currency: 'RUB', shown: '1 500 ₽' }],
      ['/invoice 2 млн Сайт', { amount: 200_000_000, currency: 'RUB', shown: '2 000 000 ₽', what: 'Сайт' }],
      ['/invoice 15 т. р. Сайт', { amount: 1_500_000, currency: 'RUB', shown: '15 000 ₽', what: 'Сайт' }],
      ['/invoice $2 k Logo', { amount: 200_000, currency: 'USD', shown: '2 000 $', what: 'Logo' }],
      ['/invoice 2 m ₽', { amount: 200_000_000, currency: 'RUB', shown: '2 000 000 ₽' }],
    ]
    for (const [line, want] of lines) {
      const { user, topic } = await invoice(line)
      const order = billed(h).at(-1)
      expect(order, line).toMatchObject({ amount: want.amount, currency: want.currency })
      const toClient = h.fake.lastTextTo(user.id)
      expect(toClient, line).toContain(`Сумма: ${ru(want.shown)}\n`)
      if (want.what) expect(toClient, line).toContain(`За что: ${want.what}\n`)
      else expect(toClient, line).not.toContain('За что:')
      expect(topic, line).toMatch(new RegExp(`^🧾 Счёт №${order?.id}: ${ru(want.shown).replace('$', '\\$')}`))
    }
    expect(billed(h)).toHaveLength(lines.length)
    expect(h.errors()).toEqual([])
  })

  it('sends Telegram the invoice of the thousands meant when the client pays in Telegram', async () => {
    const { h, invoice } = await setup({ provider: true })
    const { user } = await invoice('/invoice 15 k Сайт')
    expect(telegramInvoiceTo(h, user.id)).toEqual({ currency: 'RUB', amount: 1_500_000 })
    const { user: second } = await invoice('/invoice 1,5 К')
    expect(telegramInvoiceTo(h, second.id)).toEqual({ currency: 'RUB', amount: 150_000 })
    expect(h.errors()).toEqual([])
  })

  it('asks about a letter that may be thousands or a word, and bills nothing', async () => {
    const { h, invoice } = await setup({ provider: true })
    const asked = (typed: string, meant: string, joined: string, word: string, example: string) =>
      `«${typed}» — это ${ru(meant)}? Счёт не выставлен: ${joined} или цифрами. «${word}» как слово — после валюты: ${example}.`
    const said: Record<string, string> = {
      // «к» before words may be the preposition: «5000 к оплате»
      '/invoice 15 К Сайт': asked('15 К', '15 000 ₽', 'тысячи пишите слитно (15к)', 'К', '15 ₽ К Сайт'),
      '/invoice 5000 к оплате': asked('5000 к', '5 000 000 ₽', 'тысячи пишите слитно (5000к)', 'к', '5000 ₽ к оплате'),
      // Tonnes or thousands; millions or metres
      '/invoice 15 т Сайт': asked('15 т', '15 000 ₽', 'тысячи пишите слитно (15к)', 'т', '15 ₽ т Сайт'),
      '/invoice 2 m кабеля': asked('2 m', '2 000 000 ₽', 'миллионы пишите слитно (2млн)', 'm', '2 ₽ m кабеля'),
      '/invoice 3 кк': asked('3 кк', '3 000 000 ₽', 'миллионы пишите слитно (3млн)', 'кк', '3 ₽ кк'),
      '/invoice $15 К Logo': asked('$15 К', '15 000 $', 'тысячи пишите слитно (15к)', 'К', '15 $ К Logo'),
    }
    for (const [line, answer] of Object.entries(said)) {
      const { user, topic } = await invoice(line)
      expect(topic, line).toBe(answer)
      expect(h.fake.textsTo(user.id), line).toEqual([])
      expect(telegramInvoiceTo(h, user.id), line).toBeUndefined()
    }
    expect(billed(h)).toEqual([])
    // Kept as a word after the currency, as the answer says
    const { user } = await invoice('/invoice 5000 ₽ к оплате')
    expect(billed(h)).toEqual([expect.objectContaining({ amount: 500_000, currency: 'RUB', description: 'к оплате' })])
    expect(telegramInvoiceTo(h, user.id)).toEqual({ currency: 'RUB', amount: 500_000 })
    expect(h.errors()).toEqual([])
  })

  it('asks in English, to a team that writes English', async () => {
    const { h, invoice } = await setup({ config: { DEFAULT_LOCALE: 'en' } })
    expect((await invoice('/invoice 15 К Сайт')).topic).toBe(
      '“15 К” — ₽15,000? Nothing billed: write thousands joined (15k) or in digits. “К” as a word goes after the currency: 15 ₽ К Сайт.',
    )
    expect(billed(h)).toEqual([])
  })
})

describe('«тг» on an /invoice line', () => {
  it('in a business that bills in roubles is asked about — tenge, or Telegram said short? — and nothing is billed', async () => {
    const { h, invoice } = await setup({ provider: true })
    const asked = (example: string) =>
      `«тг» — это тенге или Telegram? Счёт не выставлен: валюта счетов здесь — российский рубль (₽). Тенге пишите ₸ или «тенге»; «тг» как слово — после валюты: ${example}.`
    const said: Record<string, string> = {
      '/invoice 5000 тг': asked('5000 ₽ тг'),
      '/invoice 5000 тг реклама': asked('5000 ₽ тг реклама'),
      '/invoice 5000тг': asked('5000 ₽ тг'),
      '/invoice 1.200.000 тг. сайт': asked('1.200.000 ₽ тг. сайт'),
      '/invoice 2,5 тыс. тг': asked('2,5 тыс. ₽ тг'),
    }
    for (const [line, answer] of Object.entries(said)) {
      const { user, topic } = await invoice(line)
      expect(topic, line).toBe(answer)
      expect(h.fake.textsTo(user.id), line).toEqual([])
      expect(telegramInvoiceTo(h, user.id), line).toBeUndefined()
    }
    expect(billed(h)).toEqual([])

    // Tenge said plainly is tenge: the client reads ₸, as does the topic, and Telegram gets KZT
    const { user, topic } = await invoice('/invoice 5000 тенге Сайт')
    expect(billed(h)).toEqual([expect.objectContaining({ amount: 500_000, currency: 'KZT', description: 'Сайт' })])
    expect(telegramInvoiceTo(h, user.id)).toEqual({ currency: 'KZT', amount: 500_000 })
    expect(topic).toMatch(new RegExp(`^🧾 Счёт №\\d+: ${ru('5 000 ₸')} — Сайт`))
    // And «тг» after the currency is a word of the description («тг-канал»)
    const { user: words } = await invoice('/invoice 5000 ₽ тг реклама')
    expect(billed(h).at(-1)).toMatchObject({ amount: 500_000, currency: 'RUB', description: 'тг реклама' })
    expect(telegramInvoiceTo(h, words.id)).toEqual({ currency: 'RUB', amount: 500_000 })
    expect(h.errors()).toEqual([])
  })

  it('asks in English, naming the business’s currency in English', async () => {
    const { h, invoice } = await setup({ config: { DEFAULT_LOCALE: 'en' } })
    expect((await invoice('/invoice 5000 тг')).topic).toBe(
      '“тг” — tenge or Telegram? Nothing billed: invoices here are in Russian Ruble (₽). Write tenge as ₸ or «тенге»; “тг” as a word goes after the currency: 5000 ₽ тг.',
    )
    expect(billed(h)).toEqual([])
  })

  it('in a business that bills in tenge is tenge: the client and the topic read ₸, never "KZT"', async () => {
    const { h, invoice } = await setup({ content: inTenge() })
    const lines: [string, { amount: number; shown: string; what?: string }][] = [
      ['/invoice 5000 тг', { amount: 500_000, shown: '5 000 ₸' }],
      ['/invoice 5000тг реклама', { amount: 500_000, shown: '5 000 ₸', what: 'реклама' }],
      ['/invoice 1.200.000 тг. сайт', { amount: 120_000_000, shown: '1 200 000 ₸', what: 'сайт' }],
      ['/invoice 2,5 тыс. тг', { amount: 250_000, shown: '2 500 ₸' }],
      // Its own currency without a sign
      ['/invoice 45 000 Лендинг', { amount: 4_500_000, shown: '45 000 ₸', what: 'Лендинг' }],
    ]
    for (const [line, want] of lines) {
      const { user, topic } = await invoice(line)
      const order = billed(h).at(-1)
      expect(order, line).toMatchObject({ amount: want.amount, currency: 'KZT' })
      const toClient = h.fake.lastTextTo(user.id)
      expect(toClient, line).toContain(`Сумма: ${ru(want.shown)}\n`)
      if (want.what) expect(toClient, line).toContain(`За что: ${want.what}\n`)
      expect(topic, line).toMatch(new RegExp(`^🧾 Счёт №${order?.id}: ${ru(want.shown)}`))
    }
    // Nowhere the code: not to the clients, not in the group (the summaries, the cards)
    const everything = [...h.fake.callsOf('sendMessage'), ...h.fake.callsOf('editMessageText')]
      .map((c) => String(c.payload.text ?? ''))
      .join('\n')
    expect(everything).toContain('₸')
    expect(everything).not.toContain('KZT')
    expect(h.errors()).toEqual([])
  })

  it('goes to Telegram in KZT when the client pays there', async () => {
    const { h, invoice } = await setup({ provider: true, content: inTenge() })
    const { user } = await invoice('/invoice 5000 тг Сайт')
    expect(telegramInvoiceTo(h, user.id)).toEqual({ currency: 'KZT', amount: 500_000 })
    expect(h.errors()).toEqual([])
  })
})

describe('the least amount an /invoice takes, in each currency', () => {
  const small = (amount: string, least: string) =>
    `Счёт на ${ru(amount)}? Похоже на опечатку — счёт не выставлен. Меньше ${ru(least)} счёт не выставляется: напишите полную сумму, например /invoice 4500.`

  it('in tenge is about ten cents’ worth, as 10 ₽ is in roubles, not a single tenge', async () => {
    const { h, invoice } = await setup({ content: inTenge() })
    // 5 ₸ is about a cent: a slip for 5 000 ₸, as 5 ₽ is for 5 000 ₽
    expect((await invoice('/invoice 5 тг')).topic).toBe(small('5 ₸', '50 ₸'))
    expect((await invoice('/invoice 49')).topic).toBe(small('49 ₸', '50 ₸'))
    expect(billed(h)).toEqual([])
    const { user } = await invoice('/invoice 50 тг')
    expect(billed(h)).toEqual([expect.objectContaining({ amount: 5_000, currency: 'KZT' })])
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${ru('50 ₸')}\n`)
  })

  it('in roubles stays 10 ₽, in dollars a whole dollar, in yen about ten cents’ worth', async () => {
    const { h, invoice } = await setup()
    expect((await invoice('/invoice 9 ₽')).topic).toBe(small('9 ₽', '10 ₽'))
    expect((await invoice('/invoice $0.50')).topic).toBe(small('0,50 $', '1 $'))
    expect((await invoice('/invoice 15 JPY')).topic).toBe(small('15 ¥', '20 ¥'))
    expect(billed(h)).toEqual([])
    await invoice('/invoice 10 ₽')
    await invoice('/invoice $1')
    await invoice('/invoice 20 JPY')
    expect(billed(h).map((o) => [o.amount, o.currency])).toEqual([
      [1_000, 'RUB'],
      [100, 'USD'],
      [20, 'JPY'],
    ])
  })

  it('a sum it takes that Telegram does not (under its minimum, about a dollar) goes as payment details, the topic says why', async () => {
    const { h, invoice } = await setup({ provider: true, content: inTenge() })
    // About 40 cents: ours takes it, Telegram's minimum in tenge is over 400 ₸
    const { user, topicId, topic } = await invoice('/invoice 200 тг Сайт')
    expect(billed(h)).toEqual([
      expect.objectContaining({ amount: 20_000, currency: 'KZT', providerRefusedAt: expect.any(Number) }),
    ])
    expect(telegramInvoiceTo(h, user.id)).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain(`Сумма: ${ru('200 ₸')}\n`)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.startsWith('🧾'))).toMatch(
      new RegExp(`^🧾 Счёт №1: ${ru('200 ₸')} — Сайт`),
    )
    // Why, in words: not Telegram's code
    expect(topic).toBe(
      '⚠️ Telegram не принимает счёт на такую сумму (в любой валюте — примерно от 1 до 10 000 долларов) — клиенту ушли реквизиты и кнопка «Я оплатил(а)».',
    )
    // Over it: a Telegram invoice
    const { user: paying } = await invoice('/invoice 1000 тг Сайт')
    expect(telegramInvoiceTo(h, paying.id)).toEqual({ currency: 'KZT', amount: 100_000 })
    expect(h.errors()).toEqual([])
  })
})
