/**
 * What the team reads of a client's quiz: the answers behind the picked products, on the call
 * notices in General and on the card in the client's topic, as the questionnaire's answers are.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { slotData } from '../helpers/booking.ts'
import { press, writeLater } from '../helpers/flows.ts'
import { cardText } from '../helpers/handoff.ts'
import { createHarness, type Harness, STAFF_GROUP_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const MONDAY = '2026-11-23'
/** 15:00 Moscow on Monday. */
const SLOT = '2026-11-23T12:00Z'

/** The quiz's answers as the staff read them: the question, then the option's label. */
const QUIZ_ANSWERS = [
  'Что сайт должен делать в первую очередь? — Продавать онлайн',
  'Сколько страниц или товаров будет на сайте? — Каталог от 50 товаров',
  'Когда нужен запуск? — В течение месяца',
  'На какой бюджет вы рассчитываете? — 150–300 тыс. ₽',
  'Что ещё понадобится? — Логотип и фирменный стиль, Оплата картой на сайте',
]

async function takeQuiz(h: Harness, user: TestUser): Promise<void> {
  await h.send(h.u.text(user, '/quiz'))
  for (const option of [
    'Продавать онлайн',
    'Каталог от 50 товаров',
    'В течение месяца',
    '150–300 тыс',
    'Логотип и фирменный стиль',
    'Оплата картой на сайте',
    'Готово',
  ]) {
    await press(h, user, option)
  }
}

describe('the quiz answers reach the team', () => {
  it('on the booking notice and the call reminder in General, and on the card in the topic', async () => {
    const h = createHarness()
    const john = h.u.user(7301, { first_name: 'John' })
    await takeQuiz(h, john)
    // The call booked from the store's card
    await h.send(h.u.callback(john, 'bookp:store'), h.u.callback(john, `bkd:${MONDAY}`))
    await h.send(h.u.callback(john, slotData(SLOT)), h.u.text(john, '+79161234567'))
    await h.send(h.u.text(john, 'Удобно после обеда'))
    await h.send(h.u.callback(john, 'bk:ok'))
    await h.deps.scheduler.runDue()
    await h.drain()

    const notice = h.fake.textsTo(STAFF_GROUP_ID).find((t) => t.includes('Новая запись на звонок'))
    expect(notice).toContain('🎯 Тема: Интернет-магазин')
    expect(notice).toContain('📝 Ответы клиента:')
    for (const answer of QUIZ_ANSWERS) expect(notice).toContain(answer)
    // The option values the quiz stores are no words for a manager
    expect(notice).not.toMatch(/\b(sell|catalog|month|150_300|logo|payments)\b/)

    h.clock.set(SLOT)
    await h.deps.scheduler.runDue()
    await h.drain()
    const reminder = h.fake.textsTo(STAFF_GROUP_ID).find((t) => t.includes('Пора звонить'))
    for (const answer of QUIZ_ANSWERS) expect(reminder).toContain(answer)

    // A request opened by a message: the card in his topic has the answers under the quiz's pick
    await writeLater(h, john, 'Подскажите, а доставку можно подключить?')
    await h.drain()
    const clientId = findClientByTelegramId(h.deps.db, john.id)?.id ?? -1
    const card = cardText(h, clientId)
    expect(card).toMatch(/🎯 Квиз \(.*\): подобрано — Интернет-магазин/)
    const quizPart = card.slice(card.indexOf('🎯 Квиз'))
    for (const answer of QUIZ_ANSWERS) {
      const [question, value] = answer.split(' — ')
      expect(quizPart).toContain(`• ${question}: ${value}`)
    }
    expect(h.errors()).toEqual([])
  })
})

describe('a quiz left half done for a manager', () => {
  it('the card shows the answers given so far, marked unfinished, and none of the questions not reached', async () => {
    const h = createHarness()
    const anna = h.u.user(7302, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/quiz'))
    for (const option of ['Продавать онлайн', 'Каталог от 50 товаров', 'В течение месяца']) await press(h, anna, option)
    // She stops at the budget and asks for a person: the request opens, the quiz is left
    await h.send(h.u.text(anna, 'А можно с менеджером поговорить?'))
    await h.drain()
    const clientId = findClientByTelegramId(h.deps.db, anna.id)?.id ?? -1
    const card = cardText(h, clientId)
    expect(card).toContain('🎯 Квиз не закончен: 3 из 5 ответов')
    const quizPart = card.slice(card.indexOf('🎯 Квиз'))
    for (const answer of QUIZ_ANSWERS.slice(0, 3)) {
      const [question, value] = answer.split(' — ')
      expect(quizPart).toContain(`• ${question}: ${value}`)
    }
    expect(quizPart).not.toContain('На какой бюджет')
    expect(h.errors()).toEqual([])
  })
})
