import { describe, expect, it } from 'vitest'
import { asksAboutPrice } from '../../src/bot/typed-answers.ts'
import { contentWith } from '../helpers/booking.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

/** What staff read in the client's topic, message by message in the order they came (a copy by its text). */
function topicView(h: Harness, topicId: number): string[] {
  return [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()]
    .filter((m) => m.message.message_thread_id === topicId)
    .map((m) => m.message.text ?? m.message.caption ?? '')
    .filter((text) => text !== '')
}

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

  it('asked as people say it ("скок стоит лендос?", "по чём лендинг", "чё по деньгам?") gets them as "сколько стоит" does', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'скок стоит лендос?',
      'скока стоит сайт',
      'скоко будет стоить магазин?',
      'по чём лендинг',
      'чё по деньгам?',
      'че по цене за лендинг',
    ].entries()) {
      const user = h.u.user(9520 + n, { first_name: 'Вера' })
      await h.send(h.u.text(user, '/start'))
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, typed))
      expect(h.fake.textsTo(user.id).slice(before)[0]?.split('\n')[0], typed).toBe('💰 Наши цены:')
    }
    expect(h.errors()).toEqual([])
  })

  it('asked in Kazakh, as clients in Almaty write to a Russian-speaking shop ("Ремень бар ма? Бағасы қанша?", "қанша тұрады?", "неше теңге"), gets them too', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'Ремень бар ма? Бағасы қанша?',
      'Сумка қанша тұрады?',
      'неше теңге?',
      // «Қанша болады?», "how much will it be", as a shop's price is asked
      'Қанша болады?',
      'Бұл сөмке қанша болады?',
      // Typed on a Russian keyboard, without the Kazakh letters
      'багасы канша?',
    ].entries()) {
      const user = h.u.user(9530 + n, { first_name: 'Айгерим' })
      await h.send(h.u.text(user, '/start'))
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, typed))
      const [prices, opened] = h.fake.textsTo(user.id).slice(before)
      expect(prices?.split('\n')[0], typed).toBe('💰 Наши цены:')
      expect(opened, typed).toContain('Айгерим, передаю вас менеджеру')
    }
    // «Қанша» alone asks how many or how long: no list
    const user = h.u.user(9539, { first_name: 'Айгерим' })
    await h.send(h.u.text(user, '/start'))
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'Ремень бар ма? Қанша күнде жеткізесіздер?'))
    expect(h.fake.textsTo(user.id).slice(before).join('\n')).not.toContain('💰')
    expect(h.fake.textsTo(user.id).slice(before).join('\n')).toContain('передаю вас менеджеру')
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

  it('what the bot answered as the request opened again is in the topic, right under the question', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    const priya = h.u.user(9511, { first_name: 'Priya', language_code: 'en' })
    await h.send(h.u.text(priya, '/start'), h.u.text(priya, '/manager'))
    await h.drain()
    const client = h.deps.services.clients.byTelegramId(priya.id)!
    const topicId = client.topicId!
    await h.send(
      h.u.staffText(h.u.user(OWNER_ID), topicId, 'Hello Priya, here is your draft.'),
      h.u.staffText(h.u.user(OWNER_ID), topicId, '/close'),
    )
    await h.flush()
    await h.send(h.u.callback(priya, h.fake.lastButtonsTo(priya.id)[0]?.data ?? ''))
    await h.send(h.u.text(priya, 'thanks!'))
    await h.flush()
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    const seen = topicView(h, topicId).length
    const groupSends = h.fake.sentTo(STAFF_GROUP_ID).length

    const question = h.u.text(priya, 'how much is a logo?')
    await h.send(question)
    await h.flush()
    const [prices] = h.fake.textsTo(priya.id).filter((t) => t.startsWith('💰'))
    expect(prices).toContain('⏳ Logo and brand identity is not available right now.')
    const shown = topicView(h, topicId).slice(seen)
    expect(shown[0]).toMatch(/^🔔 New request: the client wrote again/)
    expect(shown[1]).toMatch(/^📜 Conversation with the client/)
    expect(shown[1]).not.toContain('Our prices')
    // The question, then what the bot told her, in one message: the team does not contradict it
    expect(shown).toHaveLength(3)
    const asked = shown[2] ?? ''
    expect(asked).toContain('how much is a logo?')
    expect(asked.indexOf('🤖 The bot sent the client: 💰 Our prices:')).toBeGreaterThan(
      asked.indexOf('how much is a logo?'),
    )
    expect(asked).toContain(
      '⏳ Logo and brand identity is not available right now. Our brand designer is booked until 1 February',
    )
    // Three messages into the group for the request: none more for the prices
    expect(h.fake.sentTo(STAFF_GROUP_ID).length - groupSends).toBe(3)

    // Her question edited: the message keeps the bot's answer under the new words
    await h.send(h.u.edited(priya, question.message!.message_id, 'how much is a logo and a website?'))
    await h.flush()
    const edited = topicView(h, topicId).slice(seen)[2] ?? ''
    expect(edited).toContain('how much is a logo and a website?')
    expect(edited).toContain('🤖 The bot sent the client: 💰 Our prices:')

    // A reply to that message answers her question, not the bot's list
    const joint = [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()].find((m) =>
      m.message.text?.includes('how much is a logo and a website?'),
    )
    await h.send(
      h.u.staffText(h.u.user(OWNER_ID), topicId, 'Logos from February, Priya!', { replyTo: joint?.message.message_id }),
    )
    await h.flush()
    expect(h.fake.sentTo(priya.id).at(-1)?.payload.reply_parameters?.message_id).toBe(question.message?.message_id)

    // The next request's history does not tell it again (the rest of what the bot said since, it does)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close'))
    await h.flush()
    await h.send(h.u.callback(priya, h.fake.lastButtonsTo(priya.id)[0]?.data ?? ''))
    await h.flush()
    h.clock.advance(3 * 24 * 60 * 60_000)
    const again = topicView(h, topicId).length
    await h.send(h.u.text(priya, 'Hi again, can we start the website?'))
    await h.flush()
    const history = topicView(h, topicId)
      .slice(again)
      .find((t) => t.startsWith('📜'))
    expect(history).toContain('Priya, is your question solved?')
    expect(history).not.toContain('Our prices')
    expect(h.errors()).toEqual([])
  })

  it('a price question in reply to a message of the bot: the prices go under it in a post of their own', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    const sam = h.u.user(9512, { first_name: 'Sam', language_code: 'en' })
    await h.send(h.u.text(sam, '/start'))
    const greeting = h.fake.sentTo(sam.id).at(-1)?.result as { message_id: number }
    await h.send(h.u.text(sam, 'how much is a landing page like this?', { replyTo: greeting.message_id }))
    await h.flush()
    const client = h.deps.services.clients.byTelegramId(sam.id)!
    expect(h.deps.services.handoff.current(client.id)?.reason).toBe('reply')
    const prices = h.fake.sentTo(sam.id).find((c) => String(c.payload.text).startsWith('💰'))?.result as {
      message_id: number
    }
    const shown = topicView(h, client.topicId!)
    // The question says what it answers over it: a message of its own, which carries nothing more
    const asked = shown.findIndex((t) => t.includes('how much is a landing page like this?'))
    expect(shown[asked]).toMatch(/^↩️ In reply to the bot's message/)
    expect(shown[asked + 1]).toMatch(/^🤖 The bot sent the client: 💰 Our prices:\n• Turnkey landing page — from /)
    expect(shown).toHaveLength(asked + 2)
    // A manager's answer to that post answers the prices in the client's chat
    const post = h.fake.sentTo(STAFF_GROUP_ID, client.topicId!).find((c) => String(c.payload.text).startsWith('🤖'))
      ?.result as { message_id: number }
    await h.send(
      h.u.staffText(h.u.user(OWNER_ID), client.topicId!, 'The landing page is 45,000 with the copy.', {
        replyTo: post.message_id,
      }),
    )
    await h.flush()
    const answer = h.fake.sentTo(sam.id).at(-1)
    expect(answer?.payload.reply_parameters?.message_id).toBe(prices.message_id)
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
      // Kazakh: the price named («бағасы»), or «қанша» / «неше» with the cost or the money
      ...['Бағасы қанша?', 'бағасы', 'бағасын айтыңызшы', 'қанша тұрады?', 'канша турады', 'қанша теңге?'],
      ...['неше тенге', 'Қанша ақша керек?', 'багасы канша', 'Қанша болады?', 'канша болады', 'бұл қанша болады'],
    ]) {
      expect(asksAboutPrice(text), text).toBe(true)
    }
    for (const text of [
      'Почему так долго?',
      'ценю вашу работу',
      'вы в центре?',
      'how much time will it take',
      'Сколько дней будет делаться?',
      // «скок» counts as «сколько» does: of days, no price
      'скок дней делать?',
      'по чём-то похожему',
      'чё по срокам?',
      // «Қанша», «неше» alone ask how many or how long; «бағалаңыз» asks for a rating
      ...['қанша күн?', 'Қанша уақыт керек?', 'неше күнде дайын болады?', 'Жасыңыз қанша?', 'Ремень бар ма?'],
      ...['қанша', 'Бағалаңыз', 'канша дней?', 'Қанша күн болады?', 'қанша уақыт болады?', 'болады'],
      // Russian IT slang's «бага» (a bug), and «сколько» beside «тг» (Telegram): no Kazakh price
      ...['это бага', 'сколько у вас подписчиков в тг?'],
    ]) {
      expect(asksAboutPrice(text), text).toBe(false)
    }
  })
})
