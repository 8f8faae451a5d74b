import { describe, expect, it } from 'vitest'
import { createContentStore } from '../../src/content/store.ts'
import { orderWhat, parseInvoiceArgs, partSaid } from '../../src/services/orders.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createTestDb } from '../helpers/db.ts'
import { demoContent, demoYaml } from '../helpers/harness.ts'

const now = Date.parse('2026-11-23T09:00:00Z') // Monday 12:00 in Moscow
const tz = 'Europe/Moscow'
const products = demoContent().products
const parse = (args: string) => parseInvoiceArgs(args, { now, tz, products })

describe('parseInvoiceArgs', () => {
  it('reads the amount in minor units, with spaces, decimals and currencies', () => {
    expect(parse('45000')).toMatchObject({ ok: true, draft: { amount: 4_500_000, currency: 'RUB', dueDate: null } })
    expect(parse('45 000')).toMatchObject({ ok: true, draft: { amount: 4_500_000 } })
    expect(parse('1 250 000')).toMatchObject({ ok: true, draft: { amount: 125_000_000 } })
    expect(parse('1 250 000,50')).toMatchObject({ ok: true, draft: { amount: 125_000_050 } })
    expect(parse('1250,5')).toMatchObject({ ok: true, draft: { amount: 125_050 } })
    expect(parse('1250.55')).toMatchObject({ ok: true, draft: { amount: 125_055 } })
    expect(parse('500USD')).toMatchObject({ ok: true, draft: { amount: 50_000, currency: 'USD' } })
    expect(parse('500$')).toMatchObject({ ok: true, draft: { currency: 'USD' } })
    expect(parse('500€')).toMatchObject({ ok: true, draft: { currency: 'EUR' } })
    expect(parse('€500 дизайн')).toMatchObject({
      ok: true,
      draft: { amount: 50_000, currency: 'EUR', description: 'дизайн' },
    })
    expect(parse('$45 000')).toMatchObject({ ok: true, draft: { amount: 4_500_000, currency: 'USD' } })
    expect(parse('150000JPY')).toMatchObject({ ok: true, draft: { amount: 150_000, currency: 'JPY' } })
    expect(parse('12.345KWD')).toMatchObject({ ok: true, draft: { amount: 12_345, currency: 'KWD' } })
  })

  it('joins only true thousands groups into the amount: a number after it belongs to the text', () => {
    expect(parse('5000 200 визиток')).toMatchObject({
      ok: true,
      draft: { amount: 500_000, description: '200 визиток' },
    })
    // Groups of three after a short first group are thousands, as people type them
    expect(parse('45 000 300 визиток')).toMatchObject({ ok: true, draft: { amount: 4_500_030_000 } })
    expect(parse('45 00 визиток')).toMatchObject({ ok: true, draft: { amount: 4_500, description: '00 визиток' } })
    expect(parse('12 345,5 100 штук')).toMatchObject({
      ok: true,
      draft: { amount: 1_234_550, description: '100 штук' },
    })
    expect(parse('1000 500')).toMatchObject({ ok: true, draft: { amount: 100_000, description: '500' } })
  })

  it('takes a product id after the amount only as ids are written: a capitalised word is the text', () => {
    expect(parse('45000 10.12 Landing page')).toMatchObject({
      ok: true,
      draft: { amount: 4_500_000, productId: null, description: 'Landing page' },
    })
    expect(parse('45000 landing page')).toMatchObject({
      ok: true,
      draft: { amount: 4_500_000, productId: 'landing', description: 'page' },
    })
  })

  it('reads a currency written onto the last thousands group, or apart after the amount', () => {
    expect(parse('45 000₽ landing')).toMatchObject({
      ok: true,
      draft: { amount: 4_500_000, currency: 'RUB', productId: 'landing', description: null },
    })
    expect(parse('1 500USD дизайн')).toMatchObject({
      ok: true,
      draft: { amount: 150_000, currency: 'USD', description: 'дизайн' },
    })
    expect(parse('1 250 000,50€')).toMatchObject({ ok: true, draft: { amount: 125_000_050, currency: 'EUR' } })
    expect(parse('45 000 USD 25.12 дизайн')).toMatchObject({
      ok: true,
      draft: { amount: 4_500_000, currency: 'USD', dueDate: '2026-12-25', description: 'дизайн' },
    })
    expect(parse('500 ₽')).toMatchObject({ ok: true, draft: { amount: 50_000, currency: 'RUB', description: null } })
    expect(parse('45000 $ макет')).toMatchObject({ ok: true, draft: { currency: 'USD', description: 'макет' } })
    // Named twice, onto the amount and apart: read once, not left in the description
    expect(parse('$45 000 USD макет')).toMatchObject({
      ok: true,
      draft: { amount: 4_500_000, currency: 'USD', description: 'макет' },
    })
    expect(parse('500₽ RUB')).toMatchObject({ ok: true, draft: { currency: 'RUB', description: null } })
    // Two different ones: no guess at which was meant
    expect(parse('$45 000 CAD')).toEqual({ ok: false, error: 'currency-twice' })
    expect(parse('500EUR USD дизайн')).toEqual({ ok: false, error: 'currency-twice' })
    // A code apart in small letters is a word of the description ("all", "top" are codes too)
    expect(parse('500 all pages')).toMatchObject({ ok: true, draft: { currency: 'RUB', description: 'all pages' } })
    // Still a number of things, not thousands, when nothing is written onto it
    expect(parse('500 100 визиток')).toMatchObject({ ok: true, draft: { amount: 50_010_000, description: 'визиток' } })
  })

  it('refuses a thousands group with a currency it cannot read rather than making it the description', () => {
    for (const bad of ['1 500ABC дизайн', '1 250,50XYZ', '500руб50']) {
      expect(parse(bad), bad).toEqual({ ok: false, error: 'amount' })
    }
  })

  it('reads roubles as Russian managers write them, onto the amount or apart, never as the text', () => {
    for (const args of [
      '30 000 руб Поддержка',
      '30000руб Поддержка',
      '30 000 РУБ. Поддержка',
      '30 000р. Поддержка',
      '30000 рублей Поддержка',
    ]) {
      expect(parse(args), args).toMatchObject({
        ok: true,
        draft: { amount: 3_000_000, currency: 'RUB', description: 'Поддержка' },
      })
    }
    expect(parse('45 000р. landing')).toMatchObject({ ok: true, draft: { currency: 'RUB', productId: 'landing' } })
    // A rouble word named with another currency is two currencies
    expect(parse('$500 руб')).toEqual({ ok: false, error: 'currency-twice' })
  })

  it('reads other currencies named in words — euro, dollars, pounds — onto the amount or apart, never as the text', () => {
    expect(parse('45 euro colouring deposit')).toMatchObject({
      ok: true,
      draft: { amount: 4_500, currency: 'EUR', description: 'colouring deposit' },
    })
    expect(parse('45 euro')).toMatchObject({ ok: true, draft: { amount: 4_500, currency: 'EUR' } })
    expect(parse('45.50 Euros toner')).toMatchObject({ ok: true, draft: { amount: 4_550, currency: 'EUR' } })
    expect(parse('100 евро Хостинг')).toMatchObject({
      ok: true,
      draft: { amount: 10_000, currency: 'EUR', description: 'Хостинг' },
    })
    expect(parse('20 dollars tip')).toMatchObject({ ok: true, draft: { currency: 'USD', description: 'tip' } })
    expect(parse('30 pounds')).toMatchObject({ ok: true, draft: { currency: 'GBP' } })
    // Said twice, one currency; two of them is no sum to guess at
    expect(parse('€45 euro')).toMatchObject({ ok: true, draft: { amount: 4_500, currency: 'EUR' } })
    expect(parse('$45 euro')).toEqual({ ok: false, error: 'currency-twice' })
  })

  it('an amount without a currency is never in Stars, even when the first product is priced in them', () => {
    // A digital product in Stars listed first, as a business may well list it
    const first = products[0]
    if (!first) throw new Error('the demo has products')
    const digitalFirst = [
      { ...first, id: 'checklist', price: { amount: 250, currency: 'XTR', from: false } },
      ...products,
    ]
    expect(parseInvoiceArgs('45000', { now, tz, products: digitalFirst })).toMatchObject({
      ok: true,
      draft: { amount: 4_500_000, currency: 'RUB' },
    })
  })

  it('refuses an amount without a currency before a product priced in Stars, rather than bill it in Stars', () => {
    const first = products[0]
    if (!first) throw new Error('the demo has products')
    const withStars = [...products, { ...first, id: 'checklist', price: { amount: 250, currency: 'XTR', from: false } }]
    const parseStars = (args: string) => parseInvoiceArgs(args, { now, tz, products: withStars })
    for (const slip of ['45000 checklist', '250 checklist', '45 000 25.12 checklist']) {
      expect(parseStars(slip), slip).toEqual({ ok: false, error: 'stars-product', product: 'checklist' })
    }
    // Its price, another amount in Stars, or money with its currency, all said outright
    expect(parseStars('checklist')).toMatchObject({ ok: true, draft: { amount: 250, currency: 'XTR' } })
    expect(parseStars('200XTR checklist')).toMatchObject({ ok: true, draft: { amount: 200, currency: 'XTR' } })
    expect(parseStars('2000₽ checklist')).toMatchObject({ ok: true, draft: { amount: 200_000, currency: 'RUB' } })
  })

  it('rejects what is not an amount, and says what is wrong with an amount it did read', () => {
    for (const bad of ['abc', '45xyz', '500ABC', '--5']) {
      expect(parse(bad), bad).toEqual({ ok: false, error: 'amount' })
    }
    // Thousands said short are an amount: "45к", "45 тыс", "45 k"; a "к" apart before words may be
    // one («к оплате») or thousands («15 К Сайт»): asked, with what it would make the amount
    expect(parse('45к лендинг')).toMatchObject({ ok: true, draft: { amount: 4_500_000, description: 'лендинг' } })
    expect(parse('45 тыс лендинг')).toMatchObject({ ok: true, draft: { amount: 4_500_000, description: 'лендинг' } })
    expect(parse('45 k лендинг')).toMatchObject({ ok: true, draft: { amount: 4_500_000, description: 'лендинг' } })
    expect(parse('5000 к оплате')).toEqual({
      ok: false,
      error: 'amount-scale',
      word: 'к',
      typed: '5000 к',
      scale: 'thousand',
      amount: 500_000_000,
      currency: 'RUB',
      number: '5000',
      rest: 'к оплате',
    })
    expect(parse('5000 ₽ к оплате')).toMatchObject({ ok: true, draft: { amount: 500_000, description: 'к оплате' } })
    for (const none of ['0', '0,00', '-5', '-500', '−500']) {
      expect(parse(none), none).toEqual({ ok: false, error: 'amount-zero' })
    }
    for (const huge of ['99999999999', '1 000 000 001', '99999999999999USD', '$99999999999999']) {
      expect(parse(huge), huge).toEqual({ ok: false, error: 'amount-large' })
    }
    for (const fine of ['0.001', '1500.5JPY', '10.1234KWD']) {
      expect(parse(fine), fine).toEqual({ ok: false, error: 'amount-decimals' })
    }
    // Three digits after the mark, in a currency with two: thousands as English writes them (1 500 in
    // English, one and a half in Russian), or a dot before three digits in a currency whose amounts
    // do not take it between thousands (twelve and a half in English, 12 500 in German)
    for (const [thousands, mark] of [
      ['1,500', ','],
      ['$1,500', ','],
      ['1,200,000', ','],
      ['12,500.50 руб', ','],
      ['$12.500', '.'],
      ['12.500 USD', '.'],
      ['12.500€', '.'],
      ['1.200.000 EUR', '.'],
      ['12.500,50 USD', '.'],
    ] as const) {
      expect(parse(thousands), thousands).toEqual({ ok: false, error: 'amount-thousands', mark })
    }
    expect(parse('   ')).toEqual({ ok: false, error: 'usage' })
  })

  it('reads a dot between thousands in roubles, tenge and hryvnias, as Russians and Kazakhs write money', () => {
    expect(parse('12.500 руб. сайт-визитка')).toMatchObject({
      ok: true,
      draft: { amount: 1_250_000, currency: 'RUB', description: 'сайт-визитка' },
    })
    // No currency written: the business's (roubles in the demo)
    expect(parse('12.345')).toMatchObject({ ok: true, draft: { amount: 1_234_500, currency: 'RUB' } })
    expect(parse('12.500,50 руб')).toMatchObject({ ok: true, draft: { amount: 1_250_050, currency: 'RUB' } })
    expect(parse('1.200.000 тенге')).toMatchObject({ ok: true, draft: { amount: 120_000_000, currency: 'KZT' } })
    expect(parse('1.200.000₸ 25.12 сайт')).toMatchObject({
      ok: true,
      draft: { amount: 120_000_000, currency: 'KZT', dueDate: '2026-12-25', description: 'сайт' },
    })
    expect(parse('12.500 тенге')).toMatchObject({ ok: true, draft: { amount: 1_250_000, currency: 'KZT' } })
    expect(parse('12.500 грн. правки')).toMatchObject({
      ok: true,
      draft: { amount: 1_250_000, currency: 'UAH', description: 'правки' },
    })
    expect(parse('12.500₴')).toMatchObject({ ok: true, draft: { amount: 1_250_000, currency: 'UAH' } })
    expect(parse('12.500 BYN')).toMatchObject({ ok: true, draft: { amount: 1_250_000, currency: 'BYN' } })
    // Before a rouble product, its currency
    expect(parse('12.500 landing')).toMatchObject({ ok: true, draft: { amount: 1_250_000, productId: 'landing' } })
    // Two digits after the dot are kopecks, as before; three after it in dinars are its decimals
    expect(parse('1250.50')).toMatchObject({ ok: true, draft: { amount: 125_050 } })
    expect(parse('12.345KWD')).toMatchObject({ ok: true, draft: { amount: 12_345, currency: 'KWD' } })
    expect(parse('12,345 KWD')).toMatchObject({ ok: true, draft: { amount: 12_345, currency: 'KWD' } })
    // Still too many decimals after thousands, and no thousands after a first group of none
    expect(parse('12.500,505 руб')).toEqual({ ok: false, error: 'amount-decimals' })
    expect(parse('0.500')).toEqual({ ok: false, error: 'amount-decimals' })
  })

  it('reads thousands said short, with a currency after them, apart or onto them', () => {
    const fifteen = { ok: true, draft: { amount: 1_500_000, currency: 'RUB', description: 'за логотип' } }
    for (const args of [
      '15 тыс. руб. за логотип',
      '15 тыс.руб. за логотип',
      '15тыс.руб. за логотип',
      '15к руб за логотип',
    ]) {
      expect(parse(args), args).toMatchObject(fifteen)
    }
    expect(parse('15к')).toMatchObject({ ok: true, draft: { amount: 1_500_000, description: null } })
    expect(parse('15k')).toMatchObject({ ok: true, draft: { amount: 1_500_000 } })
    expect(parse('2,5 тыс')).toMatchObject({ ok: true, draft: { amount: 250_000 } })
    expect(parse('2,5 тыс. ₸')).toMatchObject({ ok: true, draft: { amount: 250_000, currency: 'KZT' } })
    // A currency onto the scale that is none: not an amount, not a description
    expect(parse('15тыс.abc')).toEqual({ ok: false, error: 'amount' })
  })

  it('reads due dates as days of the business time zone', () => {
    const result = parse('45000 25.12')
    expect(result).toMatchObject({ ok: true, draft: { dueDate: '2026-12-25' } })
    expect(parse('45000 2027-01-15')).toMatchObject({ ok: true, draft: { dueDate: '2027-01-15' } })
    expect(parse('45000 15.01.27')).toMatchObject({ ok: true, draft: { dueDate: '2027-01-15' } })
    expect(parse('45000 23.11')).toMatchObject({ ok: true, draft: { dueDate: '2026-11-23' } }) // today is fine
    // a day-month already past this year means next year
    expect(parse('45000 10.01')).toMatchObject({ ok: true, draft: { dueDate: '2027-01-10' } })
    expect(parse('45000 01.11.2026')).toEqual({ ok: false, error: 'due-past' })
    // A past day in words where the due date goes: a slip, not words for the client to read
    expect(parse('15000 вчера Доставка')).toEqual({ ok: false, error: 'due-past-word', word: 'вчера' })
    expect(parse('15000 Yesterday')).toEqual({ ok: false, error: 'due-past-word', word: 'Yesterday' })
    // A pound sign, as a British manager writes an amount
    expect(parse('£500 tomorrow Delivery')).toMatchObject({
      ok: true,
      draft: { amount: 50_000, currency: 'GBP', dueDate: '2026-11-24', description: 'Delivery' },
    })
    expect(parse('15000 вчера, доставка')).toEqual({ ok: false, error: 'due-past-word', word: 'вчера' })
    expect(parse('15000 Доставка вчерашнего заказа')).toMatchObject({
      ok: true,
      draft: { dueDate: null, description: 'Доставка вчерашнего заказа' },
    })
    expect(parse('45000 31.02')).toEqual({ ok: false, error: 'due-invalid' })
    expect(parse('45000 01.01.2030')).toEqual({ ok: false, error: 'due-far' })
    // With slashes and a year, read where the day cannot be the month; "05/12/2026" could be either: refused
    expect(parse('200 12/20/2026 Conversation club')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-20', description: 'Conversation club' },
    })
    expect(parse('200 20/12/2026 Conversation club')).toMatchObject({ ok: true, draft: { dueDate: '2026-12-20' } })
    expect(parse('200 12/20/26 Conversation club')).toMatchObject({ ok: true, draft: { dueDate: '2026-12-20' } })
    expect(parse('200 05/12/2026 Conversation club')).toEqual({ ok: false, error: 'due-invalid' })
    // Without a year, slashes are words of what it is for
    for (const words of ['24/7 поддержка', '50/50 предоплата', '1/2 оплаты']) {
      expect(parse(`45000 ${words}`), words).toMatchObject({ ok: true, draft: { dueDate: null, description: words } })
    }
  })

  it('reads a due day with its month named, and in New York a day with slashes as Americans write it', () => {
    expect(parse('45000 15 декабря Лендинг')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-15', description: 'Лендинг' },
    })
    expect(parse('500 Dec 15 Full groom')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-15', description: 'Full groom' },
    })
    expect(parse('500 December 15th, bath')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-15', description: 'bath' },
    })
    expect(parse('500 1 ноября')).toEqual({ ok: false, error: 'due-past' })
    // Not a day: words of what it is for
    expect(parse('500 May campaign')).toMatchObject({ ok: true, draft: { dueDate: null, description: 'May campaign' } })
    expect(parse('500 12/15 bath')).toMatchObject({ ok: true, draft: { dueDate: null, description: '12/15 bath' } })
    const newYork = 'America/New_York'
    const inNewYork = (args: string) => parseInvoiceArgs(args, { now, tz: newYork, products })
    expect(inNewYork('120 12/15 Full groom')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-15', description: 'Full groom' },
    })
    expect(inNewYork('200 05/12/2027 Club')).toMatchObject({ ok: true, draft: { dueDate: '2027-05-12' } })
    // A fraction, or a day past or a year off, is words
    for (const words of ['24/7 support', '50/50 deposit', '1/2 deposit', '3/4 of the design', '11/2 late fee']) {
      expect(inNewYork(`450 ${words}`), words).toMatchObject({ ok: true, draft: { dueDate: null, description: words } })
    }
  })

  it('asks of a day-first slash date without a year in Britain, Ireland, Australia and New Zealand; reads it after "due"; never "24/7"', () => {
    const inLondon = (args: string, at = now) => parseInvoiceArgs(args, { now: at, tz: 'Europe/London', products })
    // It went to the client as "For: 11/12 Landing page", with no due date; read as a date, "1/5
    // deposit" would lose its share of the sum: asked
    expect(inLondon('450 GBP 11/12 Landing page')).toEqual({ ok: false, error: 'due-slash', word: '11/12' })
    expect(inLondon('500 2/5 of the fee')).toEqual({ ok: false, error: 'due-slash', word: '2/5' })
    expect(inLondon('450 GBP due 11/12 Landing page')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-11', description: 'Landing page' },
    })
    expect(parseInvoiceArgs('90 by 3/12 wash', { now, tz: 'Australia/Sydney', products })).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-03' },
    })
    for (const words of ['24/7 support', '1/2 deposit', '12/20 club', '50/50 split']) {
      expect(inLondon(`450 ${words}`), words).toMatchObject({ ok: true, draft: { dueDate: null, description: words } })
    }
    // In June "24/7" is no 24 July, here or in New York
    const june = Date.parse('2026-06-01T09:00:00Z')
    expect(inLondon('450 24/7 support', june)).toMatchObject({ ok: true, draft: { dueDate: null } })
    expect(parseInvoiceArgs('450 24/7 support', { now: june, tz: 'America/New_York', products })).toMatchObject({
      ok: true,
      draft: { dueDate: null, description: '24/7 support' },
    })
  })

  it('reads a due date after "due", "by", "до" or "срок", a weekday too; one it cannot read is refused', () => {
    // Monday 23 November
    expect(parse('450 due friday Landing page')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-27', description: 'Landing page' },
    })
    expect(parse('45000 до пятницы Лендинг')).toMatchObject({ ok: true, draft: { dueDate: '2026-11-27' } })
    expect(parse('450 by Fri. logo')).toMatchObject({ ok: true, draft: { dueDate: '2026-11-27', description: 'logo' } })
    expect(parse('45000 срок до 25.12 Лендинг')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-25', description: 'Лендинг' },
    })
    expect(parse('45000 срок 3 дня')).toMatchObject({ ok: true, draft: { dueDate: '2026-11-26', description: null } })
    expect(parse('450 due tomorrow')).toMatchObject({ ok: true, draft: { dueDate: '2026-11-24' } })
    // Today's weekday is today, as /today and /call read it
    expect(parse('450 due Monday')).toMatchObject({ ok: true, draft: { dueDate: '2026-11-23' } })
    // A weekday first is the day to pay by, said or not; "by" may be the manager's words ("by card")
    expect(parse('450 friday bakery website')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-27', description: 'bakery website' },
    })
    expect(parse('450 by card')).toMatchObject({ ok: true, draft: { dueDate: null, description: 'by card' } })
    // The mark that set the date apart is not what the client pays for: "лендинг кондитерской," read all week
    for (const [line, description] of [
      ['45000 лендинг кондитерской, до пт', 'лендинг кондитерской'],
      ['450 50% deposit for the bakery site, due fri', '50% deposit for the bakery site'],
      ['45000 Лендинг - до пятницы', 'Лендинг'],
      ['45000 Лендинг; до пятницы', 'Лендинг'],
      ['45000 Лендинг — до пятницы', 'Лендинг'],
      ['450 Logo tweaks, tomorrow', 'Logo tweaks'],
    ]) {
      expect(parse(line as string), line).toMatchObject({
        ok: true,
        draft: { dueDate: expect.any(String), description },
      })
    }
    // Its own marks stay: a question, a closing bracket
    expect(parse('45000 Лендинг (3 страницы) до пятницы')).toMatchObject({
      ok: true,
      draft: { description: 'Лендинг (3 страницы)' },
    })
    // Said to be a due date, and unread: refused, not sent to the client as what it is for
    expect(parse('450 due next week Landing')).toEqual({ ok: false, error: 'due-unread', word: 'due next' })
    expect(parse('45000 до конца месяца')).toEqual({ ok: false, error: 'due-unread', word: 'до конца' })
    // "до" before a count that is no date is words of what it is for
    expect(parse('5000 До 3 правок включено')).toMatchObject({
      ok: true,
      draft: { dueDate: null, description: 'До 3 правок включено' },
    })
    expect(parse('5000 до 10 страниц, адаптив')).toMatchObject({
      ok: true,
      draft: { description: 'до 10 страниц, адаптив' },
    })
    expect(parse('450 due yesterday')).toEqual({ ok: false, error: 'due-past-word', word: 'yesterday' })
  })

  it('reads a due day said in words, in either language and any case, as /today reads its day', () => {
    // Monday 23 November, 12:00 in Moscow
    const days = {
      сегодня: '2026-11-23',
      today: '2026-11-23',
      Сегодня: '2026-11-23',
      завтра: '2026-11-24',
      ЗАВТРА: '2026-11-24',
      tomorrow: '2026-11-24',
      Tomorrow: '2026-11-24',
      '+1': '2026-11-24',
      послезавтра: '2026-11-25',
      Послезавтра: '2026-11-25',
    }
    for (const [word, dueDate] of Object.entries(days)) {
      expect(parse(`15000 ${word} Лендинг`), word).toMatchObject({
        ok: true,
        draft: { amount: 1_500_000, dueDate, description: 'Лендинг' },
      })
    }
    // The tester's line: the due day, and only the rest is what the invoice is for
    const result = parse('15000 завтра Лендинг')
    expect(result).toMatchObject({ ok: true, draft: { dueDate: '2026-11-24', description: 'Лендинг' } })
    // Today is a due day, not a date gone by
    expect(parse('15000 сегодня')).toMatchObject({ ok: true, draft: { dueDate: '2026-11-23', description: null } })
    expect(parse('15000 today')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-23' },
    })
  })

  it('reads a due day in words with the currency, before a product, and after a product instead of the amount', () => {
    expect(parse('45 000 USD завтра дизайн')).toMatchObject({
      ok: true,
      draft: { amount: 4_500_000, currency: 'USD', dueDate: '2026-11-24', description: 'дизайн' },
    })
    expect(parse('45000 tomorrow landing Prepayment')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-24', productId: 'landing', description: 'Prepayment' },
    })
    expect(parse('support послезавтра')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-25', productId: 'support', description: null },
    })
  })

  it('counts the days in the business time zone, not in UTC or the server’s', () => {
    // 00:30 on Tuesday in Moscow, still Monday in UTC
    const pastMidnight = Date.parse('2026-11-23T21:30:00Z')
    const at = (args: string, zone: string) => parseInvoiceArgs(args, { now: pastMidnight, tz: zone, products })
    expect(at('15000 сегодня', tz)).toMatchObject({ ok: true, draft: { dueDate: '2026-11-24' } })
    expect(at('15000 завтра', tz)).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-25' },
    })
    // 16:30 on Monday in New York
    expect(at('15000 today', 'America/New_York')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-23' },
    })
    // The night the clocks go forward in Berlin: tomorrow is a 23-hour day, and still that day
    const beforeSpring = Date.parse('2026-03-28T12:00:00Z')
    expect(parseInvoiceArgs('15000 завтра', { now: beforeSpring, tz: 'Europe/Berlin', products })).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-03-29' },
    })
  })

  it('reads a number of days as the due day: "3 дня", "+3 дня", "через 10 дней", "in 10 days"', () => {
    const due = {
      '3 дня': '2026-11-26',
      '+3 дня': '2026-11-26',
      '1 день': '2026-11-24',
      '5 дней': '2026-11-28',
      'через 10 дней': '2026-12-03',
      'in 10 days': '2026-12-03',
      '7 дн.': '2026-11-30',
    }
    for (const [words, dueDate] of Object.entries(due)) {
      expect(parse(`50000 ${words} Предоплата за магазин`), words).toMatchObject({
        ok: true,
        draft: { amount: 5_000_000, dueDate, description: 'Предоплата за магазин' },
      })
    }
    expect(parse('50000 999 дней')).toEqual({ ok: false, error: 'due-far' })
    expect(parse('45000 +1 день Лендинг')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-24', description: 'Лендинг' },
    })
    // A number of something else is the text
    expect(parse('5000 200 визиток')).toMatchObject({ ok: true, draft: { dueDate: null, description: '200 визиток' } })
  })

  it('reads "+N" as days wherever a manager puts it: after the amount, after a product, at the end', () => {
    const due = {
      // The testers' lines: "+5" before words, not only before a product id
      '10000 +5 Доработка формы': {
        amount: 1_000_000,
        currency: 'RUB',
        productId: null,
        description: 'Доработка формы',
      },
      '500USD +3 Rush fee': { amount: 50_000, currency: 'USD', dueDate: '2026-11-26', description: 'Rush fee' },
      '45000 +3 landing Предоплата': { dueDate: '2026-11-26', productId: 'landing', description: 'Предоплата' },
      '45000 +3': { dueDate: '2026-11-26', description: null },
      '45000 landing +3 Предоплата': { dueDate: '2026-11-26', productId: 'landing', description: 'Предоплата' },
      'support +3 Продление': { dueDate: '2026-11-26', productId: 'support', description: 'Продление' },
      '10000 Доработка формы +5': { dueDate: '2026-11-28', description: 'Доработка формы' },
      '10000 Доработка формы +5 дней': { dueDate: '2026-11-28', description: 'Доработка формы' },
      'support Продление +3': { dueDate: '2026-11-26', productId: 'support', description: 'Продление' },
    }
    for (const [line, draft] of Object.entries(due)) {
      expect(parse(line), line).toMatchObject({ ok: true, draft: { dueDate: '2026-11-28', ...draft } })
    }
    // Without the plus, a number of days at the end is what the client pays for
    expect(parse('10000 Аренда 5 дней')).toMatchObject({
      ok: true,
      draft: { dueDate: null, description: 'Аренда 5 дней' },
    })
    expect(parse('45000 Доработка +999 дней')).toEqual({ ok: false, error: 'due-far' })
  })

  it('refuses a "+N" it cannot place, rather than put it in what the client reads', () => {
    // In the middle it may be days or the manager's words ("two more pages"); a second due date is one too many
    for (const [line, word] of [
      ['15000 Лендинг +2 страницы', '+2'],
      ['15000 landing Лендинг +2 страницы', '+2'],
      ['15000 25.12 Доработка формы +5', '+5'],
      ['15000 +3 Доработка формы +5', '+5'],
      // A bare "+N" past a quarter at the end reads as a quantity as much as days
      ['3000 Печать визиток +100', '+100'],
    ]) {
      expect(parse(line as string), line).toEqual({ ok: false, error: 'due-plus', word })
    }
  })

  it('leaves a word that is not a due day, or one after the due place, to what the invoice is for', () => {
    for (const text of [
      'завтрак на двоих',
      'Tomorrow’s menu',
      'todays',
      '+ 2 страницы',
      'Доставка вчера',
      'Фотосессия 20.11',
      'Отчёт за 30.11',
      'Версия 1.13',
    ]) {
      expect(parse(`15000 ${text}`), text).toMatchObject({
        ok: true,
        draft: { dueDate: null, description: text },
      })
    }
    // A day ending the line is the day to pay by, as one after the amount is
    expect(parse('15000 Лендинг завтра')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-24', description: 'Лендинг' },
    })
    expect(parse('15000 Logo due Dec 15')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-15', description: 'Logo' },
    })
    // One due date only: a second day word is the manager's words
    expect(parse('15000 25.12 завтра')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-12-25', description: 'завтра' },
    })
    expect(parse('15000 завтра 25.12')).toMatchObject({
      ok: true,
      draft: { dueDate: '2026-11-24', description: '25.12' },
    })
  })

  it('takes the text as the description; a leading product id is kept as the product and gives its currency', () => {
    expect(parse('45000 25.12 landing Предоплата 25%')).toMatchObject({
      ok: true,
      draft: { productId: 'landing', description: 'Предоплата 25%', currency: 'RUB' },
    })
    expect(parse('45000 Правки по макету')).toMatchObject({
      ok: true,
      draft: { productId: null, description: 'Правки по макету', dueDate: null },
    })
    expect(parse('45000')).toMatchObject({ ok: true, draft: { productId: null, description: null } })
  })
})

describe('what an order is for', () => {
  const content = createContentStore({ db: createTestDb().db, clock: createFakeClock() }, demoContent(), demoYaml())

  it('names its product in the reader’s language, then the manager’s words', () => {
    const order = { productId: 'landing', description: 'Предоплата 25%' }
    expect(orderWhat(order, content, 'ru')).toBe('Лендинг под ключ — Предоплата 25%')
    expect(orderWhat(order, content, 'en')).toBe('Turnkey landing page — Предоплата 25%')
    expect(orderWhat({ productId: 'landing', description: null }, content, 'en')).toBe('Turnkey landing page')
    expect(orderWhat({ productId: null, description: null }, content, 'ru')).toBeNull()
    // Billed before /invoice left the title's words out: not said twice
    const puncture = {
      productTitle: (id: string | null, locale: string) =>
        id === 'puncture' ? (locale === 'ru' ? 'Ремонт прокола' : 'Puncture repair') : undefined,
    }
    expect(orderWhat({ productId: 'puncture', description: 'repair' }, puncture, 'en')).toBe('Puncture repair')
    expect(orderWhat({ productId: 'puncture', description: 'repair rear wheel' }, puncture, 'en')).toBe(
      'Puncture repair — rear wheel',
    )
    expect(orderWhat({ productId: 'puncture', description: 'repair' }, puncture, 'ru')).toBe('Ремонт прокола — repair')
  })

  it('an order made before products were kept reads as it was written; a product the bot never had is left out', () => {
    expect(orderWhat({ productId: null, description: 'Лендинг под ключ' }, content, 'en')).toBe('Лендинг под ключ')
    expect(orderWhat({ productId: 'gone', description: 'Предоплата' }, content, 'ru')).toBe('Предоплата')
    expect(orderWhat({ productId: 'gone', description: null }, content, 'ru')).toBeNull()
  })
})

describe('invoice description', () => {
  it('is kept short enough for the invoice, the reminders and the check-in to fit one message', () => {
    const result = parse(`45000 ${'очень длинное описание '.repeat(200)}`)
    expect(result.ok).toBe(true)
    const description = result.ok ? (result.draft.description ?? '') : ''
    expect(Array.from(description).length).toBeLessThanOrEqual(300)
    expect(description.endsWith('…')).toBe(true)
  })
})

describe('what an invoice says of being a part of one order', () => {
  it('a balance, in Russian or English, in any of its forms', () => {
    for (const words of [
      'остаток за лендинг',
      'Остаток 50%',
      'доплата',
      'Доплату за правки',
      'вторая часть оплаты',
      'окончательный расчёт',
      'Balance for the landing page',
      'remaining 50%',
      'Final payment',
      'second installment',
      'остаток после предоплаты',
    ]) {
      expect(partSaid(words), words).toBe('rest')
    }
  })

  it('a first part: a prepayment, an advance, a deposit', () => {
    for (const words of [
      'Предоплата 50% за лендинг',
      'аванс',
      'задаток за съёмку',
      'Deposit',
      'pre-payment 30%',
      'first payment',
      'down payment',
    ]) {
      expect(partSaid(words), words).toBe('first')
    }
  })

  it('neither for the work itself, "остатки" of a stock, or a "второй этап"', () => {
    for (const words of [
      null,
      '',
      'Лендинг под ключ',
      'Распродажа остатков',
      'второй этап',
      'Advanced SEO',
      'Правки по макету',
    ]) {
      expect(partSaid(words), String(words)).toBeUndefined()
    }
  })
})
