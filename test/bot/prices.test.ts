import { describe, expect, it } from 'vitest'
import { asksAboutPrice } from '../../src/bot/typed-answers.ts'
import { contentWith } from '../helpers/booking.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, demoContent, OWNER_ID } from '../helpers/harness.ts'

describe('a client asking what things cost', () => {
  it('gets the prices the content file gives at once, and the question goes to a manager all the same', async () => {
    const h = createHarness()
    const user = h.u.user(9501, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'))
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'Сколько стоит сайт для кофейни?'))
    const [prices, opened] = h.fake.textsTo(user.id).slice(before)
    expect(prices?.split('\n')[0]).toBe('💰 Наши цены:')
    expect(prices).toMatch(/^• Лендинг под ключ — от 45\s000\s₽$/m)
    // Out of stock is not offered
    expect(prices).not.toContain('фирменный стиль')
    expect(prices?.split('\n').at(-1)).toBe('Точную стоимость под ваш запрос назовёт менеджер.')
    expect(opened).toContain('Вера, передаю вас менеджеру')
    expect(h.errors()).toEqual([])
  })

  it('a client back after a closed request gets them too, as the request opens again', async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientInHandoff(h, 9504, 'Вера')
    await h.send(
      h.u.staffText(h.u.user(OWNER_ID), topicId, 'Здравствуйте!'),
      h.u.staffText(h.u.user(OWNER_ID), topicId, '/close'),
    )
    await h.flush()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'Здравствуйте, хотим новый заказ: интернет-магазин, сколько стоит?'))
    const [prices, opened] = h.fake.textsTo(user.id).slice(before)
    expect(prices?.split('\n')[0]).toBe('💰 Наши цены:')
    expect(opened).toContain('Вера, передаю вас менеджеру')
    expect(h.deps.services.handoff.current(client.id)?.reason).toBe('returned')
    // A question within a request open with the team is theirs to answer
    const during = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'А сколько стоит доставка?'))
    expect(h.fake.textsTo(user.id).slice(during).join('\n')).not.toContain('💰')
    expect(h.errors()).toEqual([])
  })

  it('in English too; words that do not ask a price get no list', async () => {
    const h = createHarness()
    const user = h.u.user(9502, { first_name: 'Jake', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    let before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'how much for a website? need prices NOW'))
    expect(h.fake.textsTo(user.id).slice(before)[0]?.split('\n')[0]).toBe('💰 Our prices:')

    const other = h.u.user(9503, { first_name: 'Ира' })
    await h.send(h.u.text(other, '/start'))
    before = h.fake.textsTo(other.id).length
    await h.send(h.u.text(other, 'Стоит ли делать сайт, если у нас только инстаграм?'))
    expect(h.fake.textsTo(other.id).slice(before).join('\n')).not.toContain('💰')
    expect(h.errors()).toEqual([])
  })

  it('a product asked about that is not available now is said to be so, with its note, not left out in silence', async () => {
    const h = createHarness()
    const sophie = h.u.user(9506, { first_name: 'Sophie', language_code: 'en' })
    await h.send(h.u.text(sophie, '/start'))
    let before = h.fake.textsTo(sophie.id).length
    await h.send(h.u.text(sophie, 'how much is a logo'))
    const [prices] = h.fake.textsTo(sophie.id).slice(before)
    expect(prices?.split('\n')[0]).toBe('💰 Our prices:')
    expect(prices).toContain(
      '⏳ Logo and brand identity is not available right now. Our brand designer is booked until 1 February',
    )
    // What is on offer is still listed, and not the unavailable product's price
    expect(prices).toMatch(/^• Turnkey landing page — from /m)
    expect(prices).not.toMatch(/^• Logo/m)

    const vera = h.u.user(9507, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/start'))
    before = h.fake.textsTo(vera.id).length
    await h.send(h.u.text(vera, 'Сколько стоит логотип?'))
    expect(h.fake.textsTo(vera.id).slice(before)[0]).toContain(
      '⏳ Сейчас недоступно: «Логотип и фирменный стиль». Наш дизайнер айдентики занят до 1 февраля',
    )
    // A price question that names no such product gets the list alone
    const ira = h.u.user(9508, { first_name: 'Ира' })
    await h.send(h.u.text(ira, '/start'))
    before = h.fake.textsTo(ira.id).length
    await h.send(h.u.text(ira, 'Сколько стоит интернет-магазин?'))
    expect(h.fake.textsTo(ira.id).slice(before)[0]).toMatch(/^💰 Наши цены:/)
    expect(h.fake.textsTo(ira.id).slice(before)[0]).not.toContain('⏳')
    expect(h.errors()).toEqual([])
  })

  it('a word the unavailable product shares with one on offer names only the one on offer', async () => {
    const demo = contentWith({})
    const [landing, ...rest] = demo.products
    // "Brand" is in "Logo and brand identity" (not available) and in this one's title too
    const products = [{ ...landing!, title: { ru: 'Сайт бренда', en: 'Brand website' } }, ...rest]
    const h = createHarness({ content: { ...demo, products } })
    const jake = h.u.user(9509, { first_name: 'Jake', language_code: 'en' })
    await h.send(h.u.text(jake, '/start'))
    const before = h.fake.textsTo(jake.id).length
    await h.send(h.u.text(jake, 'how much is a brand website?'))
    expect(h.fake.textsTo(jake.id).slice(before)[0]).toMatch(/^💰 Our prices:/)
    expect(h.fake.textsTo(jake.id).slice(before)[0]).not.toContain('⏳')
    // The logo is still its own
    const sophie = h.u.user(9510, { first_name: 'Sophie', language_code: 'en' })
    await h.send(h.u.text(sophie, '/start'), h.u.text(sophie, 'how much is a logo'))
    expect(h.fake.textsTo(sophie.id).join('\n')).toContain('⏳ Logo and brand identity is not available right now.')
  })

  it('a business in Toronto: its Canadian dollars read "$" to an English client, a price in US dollars "US$"', async () => {
    const toronto = contentWith({ business: { timezone: 'America/Toronto' } })
    const [landing, shop] = toronto.products
    const products = [
      { ...landing!, price: { amount: 1250, currency: 'CAD', from: true } },
      { ...shop!, price: { amount: 900, currency: 'USD', from: true } },
    ]
    const h = createHarness({ content: { ...toronto, products } })
    const user = h.u.user(9505, { first_name: 'Jake', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'what are your prices'))
    const prices = h.fake.textsTo(user.id).find((t) => t.startsWith('💰'))
    // Intl's English is American: "CA$" for the dollar of the country the client lives in
    expect(prices).toMatch(/— from \$1,250$/m)
    expect(prices).toMatch(/— from US\$900$/m)
    expect(h.errors()).toEqual([])
  })

  it('more products than the list shows: the rest are the quiz’s to find, or a manager’s without one', async () => {
    const demo = demoContent()
    const base = demo.products.find((p) => p.in_stock)!
    const products = Array.from({ length: 10 }, (_, i) => ({ ...base, id: `p${i}`, title: { ru: `Услуга ${i}` } }))
    const ask = async (h: ReturnType<typeof createHarness>) => {
      const user = h.u.user(9504)
      await h.send(h.u.text(user, '/start'), h.u.text(user, 'Какие цены?'))
      return h.fake.textsTo(user.id).find((t) => t.startsWith('💰'))!
    }
    const withQuiz = await ask(createHarness({ content: { ...demo, products } }))
    expect(withQuiz).toContain('\n…и ещё 2 — остальное подберём в «🎯 Подобрать услугу» в меню.')
    const noQuiz = { ...demo, products, quiz: { ...demo.quiz, questions: [] } }
    expect(await ask(createHarness({ content: noQuiz }))).toContain('\n…и ещё 2 — об остальном расскажет менеджер.')
  })

  it('is told apart from words that only look like it', () => {
    for (const text of [
      ...['Сколько стоят услуги?', 'тарифы есть?', 'почём лендинг', 'прайс', 'what are your prices'],
      // Ukrainian, as a client from Kyiv writes to a Russian-speaking studio
      ...['скільки це коштує?', 'яка ціна?', 'вартість лендингу'],
    ]) {
      expect(asksAboutPrice(text), text).toBe(true)
    }
    for (const text of [
      'Почему так долго?',
      'ценю вашу работу',
      'вы в центре?',
      'how much time will it take',
      'Сколько дней будет делаться?',
    ]) {
      expect(asksAboutPrice(text), text).toBe(false)
    }
  })
})
