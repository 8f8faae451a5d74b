import { and, eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { listQuizResults, shownCount } from '../../db/repositories/quiz-results.ts'
import { events, productFeedback } from '../../db/schema.ts'
import { FUNNEL } from '../../src/services/funnel.ts'
import { statementsBuilt } from '../helpers/db.ts'
import { buttonsOf as buttonOf } from '../helpers/fake-telegram.ts'
import { buttonData, contentFrom, lastToast, latestButtons, press } from '../helpers/flows.ts'
import { createHarness, demoWithPhotos, forgetData, type Harness, OWNER_ID } from '../helpers/harness.ts'
import { QUIZ_YAML } from '../helpers/quiz-content.ts'
import type { TestUser } from '../helpers/updates.ts'

const quizContent = contentFrom(QUIZ_YAML)

function clientId(h: Harness, user: TestUser): number {
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client) throw new Error('no client')
  return client.id
}

function results(h: Harness, user: TestUser) {
  return listQuizResults(h.deps.db, clientId(h, user))
}

/** Takes the small test quiz: goal, then extras (several). */
async function takeQuiz(h: Harness, user: TestUser, goal: string, extras: string[]) {
  await h.send(h.u.text(user, '/quiz'))
  await press(h, user, goal)
  for (const extra of extras) await press(h, user, extra)
  await press(h, user, 'Готово')
}

describe('quiz on the demo content', () => {
  it('answers a button press without waiting on a timer (a timer is a millisecond or more per press)', async () => {
    const h = createHarness()
    const anna = h.u.user(2102, { first_name: 'Анна' })
    await h.send(h.u.callback(anna, 'menu:quiz'))
    // Timers stop: a press that waits on one never finishes. The conversation engine yields
    // with setImmediate instead (patches/@grammyjs+conversations*.patch)
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    try {
      let done = false
      const pressing = press(h, anna, 'Собирать заявки').then(() => {
        done = true
      })
      for (let turn = 0; turn < 1_000 && !done; turn++) await new Promise((resolve) => setImmediate(resolve))
      expect(done, 'the press is still waiting on a timer').toBe(true)
      await pressing
    } finally {
      vi.useRealTimers()
    }
    expect(h.fake.lastTextTo(anna.id)).toContain('Вопрос 2 из 5')
  })

  it("a quiz step, and a quiz started again, build no query anew: the second client's run the statements prepared for the first", async () => {
    const h = createHarness()
    const anna = h.u.user(2104, { first_name: 'Анна' })
    const boris = h.u.user(2105, { first_name: 'Борис' })
    const built = statementsBuilt(h.deps.sqlite)
    /** Anna's step first (statements are prepared on first use), then what Boris's one built. */
    async function secondBuilds(step: (user: TestUser) => Promise<void>): Promise<string[]> {
      await step(anna)
      built.length = 0
      await step(boris)
      return [...built]
    }
    expect(await secondBuilds((user) => h.send(h.u.callback(user, 'menu:quiz')))).toEqual([])
    expect(await secondBuilds((user) => press(h, user, 'Собирать заявки'))).toEqual([])
    expect(h.fake.lastTextTo(boris.id)).toContain('Вопрос 2 из 5')
    // Back to the start with an answer given: the quiz asks whether to go on, its nudge moved
    expect(await secondBuilds((user) => h.send(h.u.callback(user, 'menu:quiz')))).toEqual([])
  })

  it('"None of these" stands alone among several answers: ticking it unticks the others, ticking another unticks it', async () => {
    const h = createHarness()
    const anna = h.u.user(2103, { first_name: 'Анна' })
    await h.send(h.u.callback(anna, 'menu:quiz'))
    for (const option of ['Собирать заявки', 'Одна страница', 'Срочно', 'до 60 тыс']) await press(h, anna, option)
    const ticked = () =>
      h.fake
        .lastButtonsTo(anna.id)
        .map((b) => b.text)
        .filter((t) => t.startsWith('✅'))
    await press(h, anna, 'Логотип')
    await press(h, anna, 'Продвижение в поиске')
    expect(ticked()).toHaveLength(2)
    await press(h, anna, 'Ничего из этого')
    expect(ticked()).toEqual([expect.stringContaining('Ничего из этого')])
    await press(h, anna, 'Оплата картой')
    expect(ticked()).toEqual([expect.stringContaining('Оплата картой')])
    // Typed, as a tap would tick it
    await h.send(h.u.text(anna, 'Ничего из этого'))
    await press(h, anna, 'Готово')
    expect(results(h, anna)[0]?.answers).toMatchObject({ extras: ['nothing'] })
    expect(h.errors()).toEqual([])
  })

  it('a match above the budget the client named says so on its card: not shown as a plain fit', async () => {
    const h = createHarness()
    const valya = h.u.user(2109, { first_name: 'Валентина' })
    await h.send(h.u.callback(valya, 'menu:quiz'))
    const answers = ['В течение месяца', '60–150 тыс', 'Продвижение в поиске', 'Готово']
    for (const label of ['Продавать онлайн', 'Каталог от 50 товаров', ...answers]) await press(h, valya, label)
    const card = h.fake.textsTo(valya.id).find((t) => t.includes('Интернет-магазин'))
    expect(card).toContain('👉 Подходит, потому что: нужен интернет-магазин + большой каталог')
    expect(card).toContain('⚖️ Но учтите: бюджет 60–150 тыс. — об этом лучше поговорить с менеджером.')
    // A match with nothing against it has no such line
    const anna = h.u.user(2110, { first_name: 'Анна' })
    await h.send(h.u.callback(anna, 'menu:quiz'))
    for (const label of ['Собирать заявки', 'Одна страница', ...answers]) await press(h, anna, label)
    expect(h.fake.textsTo(anna.id).some((t) => t.includes('Лендинг под ключ'))).toBe(true)
    expect(h.fake.textsTo(anna.id).some((t) => t.includes('Но учтите'))).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('a card with no reasons for it keeps its caveat a line apart from what comes before', async () => {
    // Alpha matched by an answer with no reason, "Недорого" (a reason) weighing against it
    const yaml = QUIZ_YAML.replace('weights: { alpha: 1 } }', 'weights: { alpha: 5 } }').replace(
      'weights: { delta: 1, gamma: -1 }',
      'weights: { delta: 1, gamma: -1, alpha: -1 }',
    )
    const h = createHarness({ content: contentFrom(yaml) })
    const user = h.u.user(2111)
    await h.send(h.u.callback(user, 'menu:quiz'))
    for (const label of ['Пока не знаю', 'Недорого', 'Готово']) await press(h, user, label)
    const card = h.fake
      .sentTo(user.id)
      .map((c) => String(c.payload.caption ?? c.payload.text))
      .find((t) => t.includes('Альфа'))
    expect(card).not.toContain('Подходит, потому что')
    expect(card).toContain('✨ Быстрый старт\n\n⚖️ Но учтите: небольшой бюджет')
    expect(h.errors()).toEqual([])
  })

  it('asks the questions, scores, shows cards with price, inclusions, benefit and the reasons; stores the result', async () => {
    const h = createHarness({ content: demoWithPhotos() })
    const anna = h.u.user(2101, { first_name: 'Анна' })
    await h.send(h.u.callback(anna, 'menu:quiz'))
    expect(h.fake.textsTo(anna.id)[0]).toBe(
      'Анна, подберём вариант под ваш запрос: 5 коротких вопросов, ответы — кнопками.',
    )
    await press(h, anna, 'Собирать заявки')
    await press(h, anna, 'Одна страница')
    await press(h, anna, 'Срочно')
    await press(h, anna, 'до 60 тыс')
    expect(h.fake.lastTextTo(anna.id)).toContain('Вопрос 5 из 5')
    await press(h, anna, 'Продвижение в поиске')
    await press(h, anna, 'Готово')

    const sent = h.fake.sentTo(anna.id)
    const card = sent.find((c) => c.method === 'sendPhoto')
    expect(card?.payload.photo).toBe('https://lakonika.example.com/img/landing.jpg')
    const caption = String(card?.payload.caption)
    expect(caption).toContain('<b>Лендинг под ключ</b>')
    expect(caption).toMatch(/💰 от 45\s000\s₽/)
    expect(caption).toContain('<b>Что входит:</b>\n• Структура и тексты по вашим материалам')
    expect(caption).toContain('✨ Можно запускать рекламу уже через две недели')
    expect(caption).toContain('👉 Подходит, потому что: нужны заявки + одна страница + срочно')
    expect(caption.length).toBeLessThanOrEqual(1024)
    const [result] = results(h, anna)
    expect(result).toMatchObject({ outcome: 'match', isCurrent: true })
    expect(buttonOf(card?.payload).map((b) => b.data)).toEqual([
      `qv:${result?.id}:landing:up`,
      `qv:${result?.id}:landing:down`,
      'bookp:landing',
      'menu:manager',
      `qd:${result?.id}:landing`,
    ])
    expect(h.fake.textsTo(anna.id)).toContain('Готово, Анна! Вот что подходит вам больше всего:')
    // One card in all: the only option, not "all the options"
    expect(h.fake.lastTextTo(anna.id)).toBe(
      'Это единственный подходящий вариант. Если сомневаетесь — менеджер поможет выбрать.',
    )
    expect(h.fake.lastButtonsTo(anna.id).map((b) => b.data)).toEqual(['menu:manager', 'qa:new', 'menu:main'])

    expect(result?.answers).toEqual({ goal: 'leads', size: 'one', urgency: 'asap', budget: 'lt60', extras: ['seo'] })
    expect(result?.ranking[0]).toMatchObject({
      productId: 'landing',
      score: 10,
      reasons: ['нужны заявки', 'одна страница', 'срочно'],
    })
    expect(listAnswers(h.deps.db, clientId(h, anna), 'quiz')).toHaveLength(5)
    expect(findClientByTelegramId(h.deps.db, anna.id)?.stage).toBe('presentation')
    const done = h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.clientId, clientId(h, anna)), eq(events.type, FUNNEL.quizDone)))
      .all()
    expect(done).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('Back returns to the previous question with its answer; a restart in the middle continues', async () => {
    const h = createHarness()
    const user = h.u.user(2102)
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Продавать онлайн')
    await press(h, user, 'Назад')
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас: Продавать онлайн')
    await press(h, user, 'Оставить как есть')
    const after = h.restart()
    await after.send(after.u.callback(user, buttonData(after, user, 'Каталог')))
    expect(after.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    expect(
      listAnswers(after.deps.db, clientId(after, user), 'quiz')
        .map((a) => a.questionKey)
        .sort(),
    ).toEqual(['goal', 'size'])
  })
})

describe('quiz: the question left on the screen', () => {
  /** How many times question `n` of 5 was sent (the edit that shows its answer is not a question). */
  const timesAsked = (h: Harness, user: TestUser, n: number) =>
    h.fake.sentTo(user.id).filter((c) => String(c.payload.text).includes(`Вопрос ${n} из 5`)).length
  const answered = (h: Harness, user: TestUser) =>
    listAnswers(h.deps.db, clientId(h, user), 'quiz')
      .map((a) => a.questionKey)
      .sort()

  it('after a look at "About us", the answer tapped under it is taken, not the question asked again', async () => {
    const h = createHarness()
    const user = h.u.user(2110, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'menu:quiz'))
    const leads = buttonData(h, user, 'Собирать заявки')
    await press(h, user, 'Собирать заявки')
    const onePage = buttonData(h, user, 'Одна страница')
    await h.send(h.u.callback(user, 'menu:about'))
    await h.send(h.u.callback(user, onePage))
    expect(lastToast(h)).toBeUndefined()
    expect(answered(h, user)).toEqual(['goal', 'size'])
    expect(h.fake.textsTo(user.id).at(-2)).toContain('✔️ Одна страница')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    expect(timesAsked(h, user, 2)).toBe(1)
    expect(h.fake.textsTo(user.id).some((t) => t.startsWith('Продолжим подбор'))).toBe(false)
    // A button of an earlier question, after another look at the menu, continues where the quiz stands
    await h.send(h.u.callback(user, 'menu:about'))
    await h.send(h.u.callback(user, leads))
    expect(lastToast(h)).toBe('Продолжим с того места, где остановились')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    expect(answered(h, user)).toEqual(['goal', 'size'])
  })

  /** The bot's messages in the client's chat that carry question `n` of 5, as they read now: text and buttons. */
  const copiesOf = (h: Harness, user: TestUser, n: number) =>
    [...h.fake.emulator.chat(user.id).messages.values()]
      .filter((m) => m.fromBot && !m.deleted && (m.message.text ?? '').includes(`Вопрос ${n} из 5`))
      .map((m) => ({
        id: m.message.message_id,
        text: m.message.text ?? '',
        buttons: m.message.reply_markup?.inline_keyboard.flat().length ?? 0,
      }))

  it('a question sent again keeps one copy to answer: after a typed message, or /menu and /quiz, the copy above loses its buttons, and a tap still reaching it answers nothing', async () => {
    const h = createHarness()
    const user = h.u.user(2114, { first_name: 'Анна' })
    await h.send(h.u.callback(user, 'menu:quiz'))
    // Typed instead of tapped: the question comes again under "choose with a button"
    await h.send(h.u.text(user, 'не знаю'))
    const [above, below] = copiesOf(h, user, 1)
    expect(above?.buttons).toBe(0)
    expect(below?.buttons).toBeGreaterThan(0)
    await press(h, user, 'Собирать заявки')
    expect(copiesOf(h, user, 1).map((c) => c.buttons)).toEqual([0, 0])
    expect(copiesOf(h, user, 1)[1]?.text).toContain('✔️ Собирать заявки')
    expect(answered(h, user)).toEqual(['goal'])
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 5')

    // At question 2 the client looks at the menu and opens the quiz again: it is asked again, and
    // the copy above goes quiet before the new one comes
    const size = buttonData(h, user, 'Одна страница')
    const [sizeCopy] = copiesOf(h, user, 2)
    await h.send(h.u.text(user, '/menu'), h.u.text(user, '/quiz'))
    expect(copiesOf(h, user, 2).map((c) => c.buttons)).toEqual([0, expect.any(Number)])
    expect(copiesOf(h, user, 2)[1]?.buttons).toBeGreaterThan(0)
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 5')
    // A tap on the copy above that was on its way (an app showing the old buttons): no answer
    await h.send(h.u.callback(user, size, { messageId: sizeCopy?.id }))
    expect(lastToast(h)).toBe('Этот вопрос задан ещё раз ниже — ответьте, пожалуйста, там 👇')
    expect(answered(h, user)).toEqual(['goal'])
    expect(copiesOf(h, user, 2)[0]?.text).not.toContain('✔️')
    // The copy below answers
    await press(h, user, 'Одна страница')
    const sizes = copiesOf(h, user, 2)
    expect(sizes[1]?.text).toContain('✔️ Одна страница')
    expect(sizes.map((c) => c.buttons)).toEqual([0, 0])
    expect(answered(h, user)).toEqual(['goal', 'size'])
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    expect(h.errors()).toEqual([])
  })

  it('typed as an English client types it: one word only one button has, "the … one"', async () => {
    const h = createHarness()
    const jess = h.u.user(2190, { first_name: 'Jess', language_code: 'en' })
    await h.send(h.u.text(jess, '/quiz'))
    await press(h, jess, 'Collect enquiries')
    // "A catalogue of 50+ products" and "Urgently, within 2 weeks": each got "pick with the buttons"
    await h.send(h.u.text(jess, 'the catalogue one'))
    await h.send(h.u.text(jess, 'urgent'))
    const texts = h.fake.textsTo(jess.id).join('\n')
    expect(texts).toContain('✔️ A catalogue of 50+ products')
    expect(texts).toContain('✔️ Urgently, within 2 weeks')
    expect(texts).not.toContain('with the buttons')
    expect(h.errors()).toEqual([])
  })

  it('typed where buttons answer: "назад" goes back as the button does; typed again and again, the way out is named', async () => {
    const h = createHarness()
    const user = h.u.user(2116, { first_name: 'Анна' })
    // The question asked again is the last message sent (the copy above loses its buttons after it)
    const lastSent = () => String(h.fake.sentTo(user.id).at(-1)?.payload.text ?? '')
    await h.send(h.u.callback(user, 'menu:quiz'))
    await h.send(h.u.text(user, 'не знаю'))
    expect(lastSent()).toContain('Выберите, пожалуйста, вариант кнопкой 👇')
    expect(lastSent()).not.toContain('/menu')
    await h.send(h.u.text(user, 'отмена'))
    expect(lastSent()).toContain('/menu вернёт в меню, а /manager позовёт менеджера')
    expect(lastSent()).toContain('Вопрос 1 из 5')

    await press(h, user, 'Собирать заявки')
    expect(lastSent()).toContain('Вопрос 2 из 5')
    await h.send(h.u.text(user, 'Назад'))
    expect(lastSent()).toContain('Вопрос 1 из 5')
    expect(h.errors()).toEqual([])
  })

  it("the booking's 'share my number' keyboard left under the chat: pressed at a quiz question, the number is kept and the keyboard goes; the question still waits", async () => {
    const h = createHarness()
    const user = h.u.user(2115, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    const slot = h.fake.lastButtonsTo(user.id).find((b) => b.data?.startsWith('bks:'))
    await h.send(h.u.callback(user, slot?.data as string))
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_markup.keyboard[0][0]).toMatchObject({ request_contact: true })
    // She leaves the booking for the quiz; Telegram keeps the keyboard until the bot removes it
    await h.send(h.u.text(user, '/quiz'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 1 из 5')
    await h.send(h.u.contact(user, '79161234567'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо! Номер записан: +7 916 123 45 67. Звонок этим не заказан: если он нужен, нажмите «📞 Заказать звонок» в меню или отправьте /book.',
    )
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_markup).toEqual({ remove_keyboard: true })
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79161234567')
    await press(h, user, 'Собирать заявки')
    expect(answered(h, user)).toEqual(['goal'])
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 5')
  })

  it('the next day (the question waited more than a day) the tap still counts', async () => {
    const h = createHarness()
    const user = h.u.user(2111)
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      await h.send(h.u.callback(user, 'menu:quiz'))
      await press(h, user, 'Собирать заявки')
      const onePage = buttonData(h, user, 'Одна страница')
      vi.setSystemTime(Date.now() + 25 * 3_600_000)
      h.clock.advance(25 * 3_600_000)
      await h.send(h.u.callback(user, onePage))
      expect(answered(h, user)).toEqual(['goal', 'size'])
      expect(timesAsked(h, user, 2)).toBe(1)
      expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    } finally {
      vi.useRealTimers()
    }
  })

  it('the other flow waiting: its question still on screen takes the tap, either way round', async () => {
    const h = createHarness()
    const user = h.u.user(2113, { first_name: 'Анна' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    const friends = buttonData(h, user, 'Посоветовали знакомые')
    await h.send(h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Собирать заявки')
    const onePage = buttonData(h, user, 'Одна страница')
    // The quiz waits at its second question; discovery's first is still on screen above
    await h.send(h.u.callback(user, friends))
    expect(lastToast(h)).toBeUndefined()
    expect(listAnswers(h.deps.db, clientId(h, user), 'discovery').map((a) => a.questionKey)).toEqual(['source'])
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 10')
    // Now discovery waits; the quiz's question on screen takes its tap just the same
    await h.send(h.u.callback(user, onePage))
    expect(lastToast(h)).toBeUndefined()
    expect(answered(h, user)).toEqual(['goal', 'size'])
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
  })

  it('several answers: the ticks on the screen are kept, and "Done" takes them all', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2112)
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Всё сразу')
    await press(h, user, 'Быстро')
    const cheap = buttonData(h, user, 'Недорого')
    await h.send(h.u.text(user, '/cancel'))
    await h.send(h.u.callback(user, cheap))
    expect(latestButtons(h, user.id).map((b) => b.text)).toEqual(
      expect.arrayContaining(['✅ Быстро', '✅ Недорого', '▫️ Ничего']),
    )
    await press(h, user, 'Готово')
    expect(results(h, user)[0]?.answers).toEqual({ goal: 'all', extras: ['fast', 'cheap'] })
    expect(h.fake.sentTo(user.id).filter((c) => String(c.payload.text).includes('Что ещё?'))).toHaveLength(1)
  })
})

describe('a free product', () => {
  it('reads "бесплатно" on its card, as in the price list, not "0 ₽"', async () => {
    const free = {
      ...quizContent,
      products: quizContent.products.map((p) =>
        p.id === 'beta' ? { ...p, price: { ...p.price, amount: 0, from: false, unit: undefined } } : p,
      ),
    }
    const h = createHarness({ content: free })
    const user = h.u.user(2250)
    await takeQuiz(h, user, 'Всё сразу', ['Быстро'])
    const beta = h.fake.textsTo(user.id).find((t) => t.includes('<b>Бета</b>'))
    expect(beta).toContain('💰 бесплатно')
    expect(beta).not.toMatch(/0\s₽/)
    await h.send(h.u.text(user, 'Какие цены?'))
    expect(h.fake.textsTo(user.id).find((t) => t.startsWith('💰'))).toContain('• Бета — бесплатно')
  })
})

describe('quiz results: cards, show more, feedback', () => {
  it('shows two cards, then two more on request; out of stock is marked honestly; a double tap shows nothing twice', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2201)
    await takeQuiz(h, user, 'Всё сразу', ['Быстро'])
    const [result] = results(h, user)
    const sent = h.fake.sentTo(user.id)
    const photo = sent.find((c) => c.method === 'sendPhoto')
    expect(photo?.payload.photo).toBe('AgACAgIAAxkBAAIBY2Zk_test_file_id_000001')
    expect(String(photo?.payload.caption)).toContain('<b>Альфа</b>')
    expect(h.fake.textsTo(user.id).at(-2)).toContain('<b>Бета</b>')
    expect(h.fake.textsTo(user.id).at(-2)).toMatch(/💰 15\s000\s₽ в месяц/)
    expect(h.fake.lastTextTo(user.id)).toBe('Есть и другие подходящие варианты.')
    expect(h.fake.lastButtonsTo(user.id)[0]).toEqual({ text: 'Показать ещё варианты', data: `qm:${result?.id}:2` })

    await press(h, user, 'Показать ещё')
    const texts = h.fake.textsTo(user.id)
    expect(texts.at(-3)).toContain('<b>Дельта</b>')
    expect(texts.at(-3)).toContain('Подходит, потому что: нужно всё + срочно')
    expect(texts.at(-2)).toContain('<b>Гамма</b>')
    expect(texts.at(-2)).toContain('⏳ <b>Сейчас недоступно.</b> Вернётся в марте')
    expect(texts.at(-1)).toBe('Это все подходящие варианты. Если сомневаетесь — менеджер поможет выбрать.')

    const callsBefore = h.fake.sentTo(user.id).length
    await h.send(h.u.callback(user, `qm:${result?.id}:2`))
    expect(lastToast(h)).toBe('Эти варианты уже показаны выше')
    expect(h.fake.sentTo(user.id)).toHaveLength(callsBefore)

    // /forget takes the result with it, and the record of how much of it was shown (its row)
    expect(shownCount(h.deps.db, result?.id as number)).toBe(4)
    const id = clientId(h, user)
    await forgetData(h, user)
    expect(listQuizResults(h.deps.db, id)).toEqual([])
    expect(shownCount(h.deps.db, result?.id as number)).toBe(0)
  })

  it('👍/👎 are stored per card; a repeated tap changes nothing; both rejected → two more or a manager', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2202)
    await takeQuiz(h, user, 'Всё сразу', ['Быстро'])
    const [result] = results(h, user)
    const rid = result?.id as number
    const votes = () =>
      h.deps.db
        .select({ productId: productFeedback.productId, vote: productFeedback.vote })
        .from(productFeedback)
        .where(eq(productFeedback.resultId, rid))
        .all()

    await h.send(h.u.callback(user, `qv:${rid}:alpha:up`))
    expect(lastToast(h)).toBe('Спасибо, учли 👍')
    expect(h.fake.callsOf('editMessageReplyMarkup').at(-1)?.payload.reply_markup.inline_keyboard[0][0].text).toBe(
      '👍 Нравится ✓',
    )
    const edits = h.fake.callsOf('editMessageReplyMarkup').length
    const toasts = h.fake.callsOf('answerCallbackQuery').length
    h.clock.advance(2_000) // the same vote again, not a double tap: thanked, nothing to change
    await h.send(h.u.callback(user, `qv:${rid}:alpha:up`))
    expect(h.fake.callsOf('answerCallbackQuery')).toHaveLength(toasts + 1)
    expect(lastToast(h)).toBe('Спасибо, учли 👍')
    expect(h.fake.callsOf('editMessageReplyMarkup')).toHaveLength(edits)
    expect(votes()).toEqual([{ productId: 'alpha', vote: 1 }])

    await h.send(h.u.callback(user, `qv:${rid}:alpha:down`), h.u.callback(user, `qv:${rid}:beta:down`))
    expect(votes()).toEqual([
      { productId: 'alpha', vote: -1 },
      { productId: 'beta', vote: -1 },
    ])
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Похоже, эти варианты не подошли. Показать ещё — или обсудить с менеджером?',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([`qm:${rid}:2`, 'menu:manager'])
    await press(h, user, 'Показать ещё')
    expect(h.fake.textsTo(user.id).at(-3)).toContain('<b>Дельта</b>')
  })

  it('a product removed from the content while the client reads the results: the rest are all still offered', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2204)
    await takeQuiz(h, user, 'Всё сразу', ['Быстро'])
    const rid = results(h, user)[0]?.id as number
    // Shown: Альфа, Бета; matches not shown yet: Дельта, Гамма. The owner drops "alpha" from the content file
    const withoutAlpha = QUIZ_YAML.replace(/alpha: \d, /g, '')
      .replace('weights: { alpha: 1 }', 'weights: {}')
      .replace(/ {2}- id: alpha[\s\S]*?(?= {2}- id: beta)/, '')
    expect(withoutAlpha).not.toMatch(/id: alpha|alpha: \d/)
    expect(h.deps.content.replace(withoutAlpha, 'upload').ok).toBe(true)

    // 👎 on Бета rejects every card still offered: two more are offered
    await h.send(h.u.callback(user, `qv:${rid}:beta:down`))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Похоже, эти варианты не подошли. Показать ещё — или обсудить с менеджером?',
    )
    const before = h.fake.textsTo(user.id).length
    await press(h, user, 'Показать ещё')
    const shown = h.fake.textsTo(user.id).slice(before)
    expect(shown[0]).toContain('<b>Дельта</b>')
    expect(shown[1]).toContain('<b>Гамма</b>')
    expect(shown[2]).toBe('Это все подходящие варианты. Если сомневаетесь — менеджер поможет выбрать.')
  })

  it('"Details" of a product taken out of the content says so, and nothing else comes', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2205)
    await takeQuiz(h, user, 'Всё сразу', ['Быстро'])
    const details = `qd:${results(h, user)[0]?.id}:alpha`
    expect(h.fake.messageWithButton(user.id, details)).toBeDefined()
    const withoutAlpha = QUIZ_YAML.replace(/alpha: \d, /g, '')
      .replace('weights: { alpha: 1 }', 'weights: {}')
      .replace(/ {2}- id: alpha[\s\S]*?(?= {2}- id: beta)/, '')
    expect(h.deps.content.replace(withoutAlpha, 'upload').ok).toBe(true)
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.callback(user, details))
    expect(lastToast(h)).toBe('Этого варианта больше нет в списке — остальные карточки выше в силе.')
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
  })

  it('Details shows the description and the page; "Book a callback about this" and "Ask a manager" are on every card', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2203)
    await takeQuiz(h, user, 'Всё сразу', ['Ничего'])
    const rid = results(h, user)[0]?.id
    const cards = h.fake
      .sentTo(user.id)
      .filter((c) => c.payload.reply_markup && String(c.payload.text ?? c.payload.caption).includes('💰'))
    expect(cards).toHaveLength(2)
    for (const card of cards) {
      const data = buttonOf(card.payload).map((b) => b.data)
      expect(data.some((d) => d?.startsWith('bookp:'))).toBe(true)
      expect(data).toContain('menu:manager')
    }
    await h.send(h.u.callback(user, `qd:${rid}:alpha`))
    expect(h.fake.lastTextTo(user.id)).toContain('<b>Альфа</b>\nПервый продукт')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      { text: '🌐 Открыть страницу', url: 'https://example.com/alpha' },
      { text: '📞 Заказать звонок об этом', data: 'bookp:alpha' },
      { text: '💬 Спросить менеджера', data: 'menu:manager' },
    ])
  })

  it('a photo that cannot be sent, or a card too long for a caption, arrives as text', async () => {
    const long = contentFrom(
      QUIZ_YAML.replace(
        '    includes: [Дизайн, Вёрстка]',
        `    includes: [${Array.from({ length: 30 }, (_, i) => `Пункт номер ${i} с длинным описанием`).join(', ')}]`,
      ),
    )
    const h = createHarness({ content: long })
    const user = h.u.user(2204)
    await takeQuiz(h, user, 'Всё сразу', ['Ничего'])
    expect(h.fake.callsOf('sendPhoto')).toHaveLength(0)
    expect(h.fake.textsTo(user.id).some((t) => t.startsWith('<b>Альфа</b>'))).toBe(true)

    const h2 = createHarness({ content: quizContent })
    h2.fake.fail({
      method: 'sendPhoto',
      error_code: 400,
      description: 'Bad Request: wrong file identifier/HTTP URL specified',
    })
    await takeQuiz(h2, user, 'Всё сразу', ['Ничего'])
    expect(h2.fake.textsTo(user.id).some((t) => t.startsWith('<b>Альфа</b>'))).toBe(true)
    expect(h2.errors()).toEqual([])
  })

  it('a photo Telegram refuses is not tried again for every client, and the owners are told once', async () => {
    const h = createHarness({ content: quizContent })
    const photo = 'AgACAgIAAxkBAAIBY2Zk_test_file_id_000001'
    h.fake.fail({
      method: 'sendPhoto',
      error_code: 400,
      description: 'Bad Request: wrong file identifier/HTTP URL specified',
      times: 100,
    })
    const refused = () => h.fake.calls.filter((c) => c.method === 'sendPhoto' && c.payload.photo === photo)
    const told = () => h.fake.textsTo(OWNER_ID).filter((t) => t.includes('Альфа'))
    const anna = h.u.user(2205)
    await takeQuiz(h, anna, 'Всё сразу', ['Ничего'])
    await h.drain()
    expect(refused()).toHaveLength(1)
    expect(h.fake.textsTo(anna.id).some((t) => t.startsWith('<b>Альфа</b>'))).toBe(true)
    expect(told()).toHaveLength(1)
    expect(told()[0]).toContain('wrong file identifier/HTTP URL specified')

    // The next client gets the card as text at once: no call Telegram refuses again, no second notice
    const boris = h.u.user(2206)
    await takeQuiz(h, boris, 'Всё сразу', ['Ничего'])
    await h.drain()
    expect(refused()).toHaveLength(1)
    expect(h.fake.textsTo(boris.id).some((t) => t.startsWith('<b>Альфа</b>'))).toBe(true)
    expect(told()).toHaveLength(1)

    // An hour later it is tried again (an image host down for a while), without a second notice
    h.clock.advance(3_600_000)
    await takeQuiz(h, h.u.user(2207), 'Всё сразу', ['Ничего'])
    await h.drain()
    expect(refused()).toHaveLength(2)
    expect(told()).toHaveLength(1)

    // A new version of the content file (the owner changed the link) tries it at once
    expect(h.deps.content.replace(`${QUIZ_YAML}\n`, 'file').ok).toBe(true)
    await takeQuiz(h, h.u.user(2208), 'Всё сразу', ['Ничего'])
    await h.drain()
    expect(refused()).toHaveLength(3)
    expect(told()).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('a card whose text cannot go either is not blamed on its photo: the owners are not told', async () => {
    const h = createHarness({ content: quizContent })
    const anna = h.u.user(2209)
    // Telegram refuses this chat anything with these buttons, photo or not
    h.fake.fail({
      method: /^send(Photo|Message)$/,
      chatId: anna.id,
      where: (p) => String(p.caption ?? p.text).startsWith('<b>Альфа</b>'),
      error_code: 400,
      description: 'Bad Request: BUTTON_DATA_INVALID',
      times: 2,
    })
    await takeQuiz(h, anna, 'Всё сразу', ['Ничего'])
    await h.drain()
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('Альфа'))).toEqual([])
    // The next client gets the photo
    const boris = h.u.user(2210)
    await takeQuiz(h, boris, 'Всё сразу', ['Ничего'])
    expect(h.fake.sentTo(boris.id).some((c) => c.method === 'sendPhoto')).toBe(true)
  })
})

describe('quiz: ties, no match, retakes and bad buttons', () => {
  it('a tie at the top shows both and offers a manager to compare', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2301, { first_name: 'Лев' })
    await takeQuiz(h, user, 'Любое', ['Ничего'])
    expect(results(h, user)[0]?.outcome).toBe('tie')
    expect(h.fake.textsTo(user.id)).toContain(
      'Готово, Лев! Два варианта подходят вам одинаково хорошо — посмотрите оба:',
    )
    expect(h.fake.lastTextTo(user.id)).toContain('Менеджер поможет сравнить')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain('menu:manager')
  })

  it('no match leads to a consultation, never a dead end', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2302, { first_name: 'Ян' })
    await takeQuiz(h, user, 'Пока не знаю', ['Недорого'])
    expect(results(h, user)[0]?.outcome).toBe('no_match')
    expect(h.fake.lastTextTo(user.id)).toContain('Ян, по вашим ответам не нашлось готового решения')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([
      'menu:manager',
      'menu:booking',
      'qa:new',
      'menu:main',
    ])
    expect(h.fake.callsOf('sendPhoto')).toHaveLength(0)
  })

  it('taking the quiz again keeps history and replaces the current result; old buttons say so', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2303)
    await takeQuiz(h, user, 'Всё сразу', ['Быстро'])
    const first = results(h, user)[0]?.id
    await h.send(h.u.callback(user, 'menu:quiz'))
    expect(h.fake.textsTo(user.id).at(-2)).toContain('подберём вариант под ваш запрос')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 1 из 2')
    expect(listAnswers(h.deps.db, clientId(h, user), 'quiz')).toEqual([])
    await press(h, user, 'Любое')
    await press(h, user, 'Готово')
    expect(lastToast(h)).toBe('Выберите хотя бы один вариант.')
    await press(h, user, 'Ничего')
    await press(h, user, 'Готово')
    const all = results(h, user)
    expect(all.map((r) => [r.outcome, r.isCurrent])).toEqual([
      ['tie', true],
      ['match', false],
    ])
    await h.send(h.u.callback(user, `qv:${first}:alpha:up`))
    expect(lastToast(h)).toBe('Это подборка из прошлого прохождения — актуальная ниже.')
    await h.send(h.u.callback(user, `qm:${first}:2`))
    expect(lastToast(h)).toBe('Это подборка из прошлого прохождения — актуальная ниже.')
    expect(h.deps.db.select().from(productFeedback).all()).toEqual([])
  })

  it('after the owner adds a question, "Take again" and the menu start a new take; an unfinished take continues', async () => {
    const h = createHarness({ content: quizContent })
    const anna = h.u.user(2308, { first_name: 'Анна' })
    const oleg = h.u.user(2309, { first_name: 'Олег' })
    await takeQuiz(h, anna, 'Всё сразу', ['Быстро'])
    await takeQuiz(h, oleg, 'Всё сразу', ['Быстро'])

    // A week later the owner adds a third question
    h.clock.advance(7 * 24 * 60 * 60_000)
    const withBudget = QUIZ_YAML.replace(
      'products:\n',
      `    - key: budget
      text: Бюджет?
      options:
        - { value: low, label: Небольшой, weights: { delta: 1 } }
        - { value: high, label: Большой, weights: { alpha: 1 } }
products:\n`,
    )
    expect(h.deps.content.replace(withBudget, 'upload').ok).toBe(true)

    // "🔄 Пройти заново" under the results: the quiz from the first question, not the new one alone
    await press(h, anna, 'Пройти заново')
    expect(h.fake.lastTextTo(anna.id)).toContain('Вопрос 1 из 3')
    expect(listAnswers(h.deps.db, clientId(h, anna), 'quiz')).toEqual([])
    // The menu's entry too, for a client whose last answers have their result
    await h.send(h.u.callback(oleg, 'menu:quiz'))
    expect(h.fake.lastTextTo(oleg.id)).toContain('Вопрос 1 из 3')

    // Anna answers one question and comes back through the menu: her new take goes on
    await press(h, anna, 'Всё сразу')
    await h.send(h.u.callback(anna, 'menu:quiz'))
    expect(h.fake.textsTo(anna.id).at(-2)).toBe('Продолжим подбор, Анна: вопрос 2 из 3.')
    expect(h.fake.lastTextTo(anna.id)).toContain('Что ещё?')
  })

  it('forged card buttons (another client’s result, a product not in it) are refused; nothing is stored', async () => {
    const h = createHarness({ content: quizContent })
    const owner = h.u.user(2304)
    const other = h.u.user(2305)
    await takeQuiz(h, owner, 'Всё сразу', ['Быстро'])
    const rid = results(h, owner)[0]?.id
    await h.send(h.u.text(other, '/start'))
    for (const data of [
      `qv:${rid}:alpha:up`,
      `qm:${rid}:2`,
      `qd:${rid}:alpha`,
      `qv:${rid}:zeta:up`,
      'qv:999999:alpha:up',
    ]) {
      await h.send(h.u.callback(other, data))
      expect(lastToast(h)).toBe('Эта кнопка уже неактуальна. Откройте /menu')
    }
    await h.send(h.u.callback(owner, `qv:${rid}:zeta:down`))
    expect(lastToast(h)).toBe('Эта кнопка уже неактуальна. Откройте /menu')
    expect(h.deps.db.select().from(productFeedback).all()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a second tap on the last answer after the results does not repeat them', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2306)
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Всё сразу')
    const done = buttonData(h, user, 'Готово')
    await press(h, user, 'Ничего')
    await h.send(h.u.callback(user, done))
    const count = h.fake.sentTo(user.id).length
    await h.send(h.u.callback(user, done))
    expect(lastToast(h)).toBe('Этот ответ уже записан 👍')
    expect(h.fake.sentTo(user.id)).toHaveLength(count)
    expect(results(h, user)).toHaveLength(1)
  })

  it('after the results, another option of an answered question still in the chat is not "recorded": the client learns how to retake', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2312)
    await h.send(h.u.text(user, '/quiz'))
    const all = buttonData(h, user, 'Всё сразу')
    const any = buttonData(h, user, 'Любое')
    const first = h.fake.messageWithButton(user.id, any) as number
    // The quiz opened again from the menu (or a reminder's "Продолжить"): a new run asks again,
    // and the first copy keeps its buttons above, as when taking them off fails
    h.fake.fail({
      method: 'editMessageReplyMarkup',
      error_code: 400,
      description: 'Bad Request: message to edit not found',
      times: 2,
    })
    await h.send(h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Всё сразу')
    // The same at the several-answers question: its first message stays with no ticks
    const done = buttonData(h, user, 'Готово')
    const extras = h.fake.messageWithButton(user.id, done) as number
    await h.send(h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Ничего')
    await press(h, user, 'Готово')
    expect(h.fake.textsTo(user.id)).toContain('Готово, User2312! Вот что подходит вам больше всего:')
    const count = h.fake.sentTo(user.id).length

    // Another option under the first message: nothing changes, and the toast says so
    const finished =
      'Подбор уже завершён — этой кнопкой ответ не изменить. Чтобы ответить иначе, пройдите подбор заново: /quiz'
    await h.send(h.u.callback(user, any, { messageId: first }))
    expect(lastToast(h)).toBe(finished)
    // "Done" under other ticks than those stored changes nothing either
    await h.send(h.u.callback(user, done, { messageId: extras }))
    expect(lastToast(h)).toBe(finished)
    // The option that was chosen: that answer is indeed recorded
    await h.send(h.u.callback(user, all, { messageId: first }))
    expect(lastToast(h)).toBe('Этот ответ уже записан 👍')
    expect(h.fake.sentTo(user.id)).toHaveLength(count)
    expect(results(h, user)).toHaveLength(1)
    const stored = listAnswers(h.deps.db, clientId(h, user), 'quiz').map((a) => [a.questionKey, a.value])
    expect(Object.fromEntries(stored)).toEqual({ goal: 'all', extras: ['nothing'] })
  })

  it('an answer typed and then corrected with Edit after the results: it stays, and the client learns how to retake', async () => {
    const h = createHarness({ content: quizContent })
    const user = h.u.user(2313)
    await h.send(h.u.text(user, '/quiz'))
    const typed = h.u.text(user, 'Любое')
    await h.send(typed)
    await press(h, user, 'Ничего')
    await press(h, user, 'Готово')
    expect(results(h, user)[0]?.outcome).toBe('tie')
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.edited(user, typed.message?.message_id as number, 'Всё сразу'))
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([
      'Исправленное сообщение ответ не меняет. Чтобы ответить иначе, пройдите подбор заново: /quiz',
    ])
    expect(results(h, user)).toHaveLength(1)
    expect(listAnswers(h.deps.db, clientId(h, user), 'quiz').find((a) => a.questionKey === 'goal')?.value).toBe('tie')
  })

  it('results whose send failed come with the next tap of the take or the next start, not with a new take', async () => {
    const h = createHarness({ content: quizContent })
    const anna = h.u.user(2310, { first_name: 'Анна' })
    const boris = h.u.user(2311, { first_name: 'Борис' })
    const photos = (user: TestUser) => h.fake.sentTo(user.id).filter((c) => c.ok && c.method === 'sendPhoto')
    const dones = new Map<TestUser, string>()
    for (const user of [anna, boris]) {
      await h.send(h.u.text(user, '/quiz'))
      await press(h, user, 'Всё сразу')
      await press(h, user, 'Быстро')
      dones.set(user, buttonData(h, user, 'Готово'))
      // The results' first message gets a 502 from a proxy in front of the Bot API
      h.fake.fail({
        method: 'sendMessage',
        chatId: user.id,
        error_code: 502,
        description: 'Bad Gateway',
        where: (p) => String(p.text).includes('Вот что подходит'),
      })
      await h.send(h.u.callback(user, dones.get(user) as string))
      expect(h.fake.lastTextTo(user.id)).toContain('попробуйте ещё раз')
      expect(photos(user)).toEqual([])
      expect(results(h, user)).toHaveLength(1)
    }
    h.clock.advance(5_000)

    // Anna taps "Готово" again: the results, not "this answer is recorded"
    await h.send(h.u.callback(anna, dones.get(anna) as string))
    expect(h.fake.textsTo(anna.id)).toContain('Готово, Анна! Вот что подходит вам больше всего:')
    expect(photos(anna)).toHaveLength(1) // Альфа (Бета has no photo)
    expect(h.fake.lastTextTo(anna.id)).toBe('Есть и другие подходящие варианты.')
    // Once they are shown, /quiz is a new take as usual, and the result stays the one
    await h.send(h.u.text(anna, '/quiz'))
    expect(h.fake.lastTextTo(anna.id)).toContain('Вопрос 1 из 2')
    expect(results(h, anna)).toHaveLength(1)

    // Boris sends /quiz: the same result, not question 1 again
    const before = h.fake.textsTo(boris.id).length
    await h.send(h.u.text(boris, '/quiz'))
    const after = h.fake.textsTo(boris.id).slice(before)
    expect(after[0]).toBe('Готово, Борис! Вот что подходит вам больше всего:')
    expect(after.some((t) => t.includes('Вопрос'))).toBe(false)
    expect(photos(boris)).toHaveLength(1)
    expect(results(h, boris)).toHaveLength(1)
    expect(listAnswers(h.deps.db, clientId(h, boris), 'quiz')).toHaveLength(2)
  })

  it('a command in the middle of discovery starts the quiz; discovery answers stay', async () => {
    const h = createHarness()
    const user = h.u.user(2307)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Другое')
    await h.send(h.u.text(user, '/quiz'))
    expect(h.fake.lastTextTo(user.id)).toContain('Что сайт должен делать в первую очередь?')
    expect(latestButtons(h, user.id)[0]?.data).toMatch(/^qq:goal:/)
    expect(listAnswers(h.deps.db, clientId(h, user), 'discovery')).toHaveLength(1)
  })
})
