/**
 * The demo asks the deadline and the budget both in "Tell us what you need" and in the quiz
 * (the quiz's `same_as`): a client who answered in one flow is not asked again in the other.
 */
import { describe, expect, it } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { listQuizResults } from '../../db/repositories/quiz-results.ts'
import { answerDemoDiscovery, latestButtons, press } from '../helpers/flows.ts'
import { createHarness, type Harness } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

function answersOf(h: Harness, user: TestUser, kind: 'discovery' | 'quiz'): Record<string, unknown> {
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client) return {}
  return Object.fromEntries(listAnswers(h.deps.db, client.id, kind).map((a) => [a.questionKey, a.value]))
}

/** The positions of the questions the client was asked ("Вопрос 3 из 5"), in order (not their edits). */
function askedPositions(h: Harness, user: TestUser): string[] {
  return h.fake.sentTo(user.id).flatMap((c) => String(c.payload.text ?? '').match(/Вопрос \d+ из \d+/g) ?? [])
}

describe('questions asked in both flows', () => {
  it('the quiz after discovery takes the deadline and the budget, says so, and asks only the rest', async () => {
    const h = createHarness()
    const anna = h.u.user(7101, { first_name: 'Анна' })
    // Deadline "within a month", budget "60–150 thousand"
    await answerDemoDiscovery(h, anna)
    h.fake.clearCalls()

    await h.send(h.u.callback(anna, 'menu:quiz'))
    const [intro] = h.fake.textsTo(anna.id)
    expect(intro).toContain('подберём вариант под вашу задачу')
    expect(intro).toContain('На эти вы уже ответили, второй раз не спрашиваю:')
    expect(intro).toContain('• Когда нужен запуск? — В течение месяца')
    expect(intro).toContain('• На какой бюджет вы рассчитываете? — 60–150 тыс. ₽')
    expect(intro).toContain('кнопкой «← Назад»')
    expect(answersOf(h, anna, 'quiz')).toEqual({ urgency: 'month', budget: '60_150' })

    await press(h, anna, 'Собирать заявки')
    await press(h, anna, 'Одна страница')
    // Straight to the last question: the two it knows are not asked
    expect(h.fake.lastTextTo(anna.id)).toContain('Что ещё понадобится?')
    // Back reaches a taken answer, shown as the current one, to keep or change
    await press(h, anna, '← Назад')
    expect(h.fake.lastTextTo(anna.id)).toContain('На какой бюджет вы рассчитываете?')
    expect(h.fake.lastTextTo(anna.id)).toContain('Сейчас: 60–150 тыс. ₽')
    await press(h, anna, 'до 60 тыс')
    await press(h, anna, 'Ничего из этого')
    await press(h, anna, 'Готово')
    expect(askedPositions(h, anna)).toEqual([
      'Вопрос 1 из 5',
      'Вопрос 2 из 5',
      'Вопрос 5 из 5',
      'Вопрос 4 из 5',
      'Вопрос 5 из 5',
    ])

    const client = findClientByTelegramId(h.deps.db, anna.id)
    const [result] = listQuizResults(h.deps.db, client?.id ?? -1)
    // Scored with the taken deadline and the budget as changed
    expect(result?.answers).toMatchObject({ goal: 'leads', size: 'one', urgency: 'month', budget: 'lt60' })
    expect(h.errors()).toEqual([])
  })

  it('discovery after the quiz takes the budget; "in 2–3 months" may be two discovery answers, so the deadline is asked', async () => {
    const h = createHarness()
    const boris = h.u.user(7102, { first_name: 'Борис' })
    await h.send(h.u.callback(boris, 'menu:quiz'))
    for (const option of [
      'Продавать онлайн',
      'Каталог от 50 товаров',
      'Через 2–3 месяца',
      'больше 300 тыс',
      'Ничего из этого',
      'Готово',
    ]) {
      await press(h, boris, option)
    }
    h.fake.clearCalls()

    await h.send(h.u.callback(boris, 'menu:discovery'))
    const [intro] = h.fake.textsTo(boris.id)
    expect(intro).toContain('• Определён ли бюджет? В каких рамках? — больше 300 тыс. ₽')
    expect(intro).not.toContain('Какие сроки?')
    expect(answersOf(h, boris, 'discovery')).toEqual({ budget: 'gt300' })

    await press(h, boris, 'Посоветовали знакомые')
    await h.send(h.u.text(boris, 'Нужен магазин запчастей'))
    await press(h, boris, 'Есть только логотип')
    await press(h, boris, 'Есть бриф')
    expect(h.fake.lastTextTo(boris.id)).toContain('Какие сроки? Насколько срочно нужен сайт?')
    await press(h, boris, 'За 2–3 месяца')
    // The budget is not asked: the next is the one after it
    expect(h.fake.lastTextTo(boris.id)).toContain('Вопрос 7 из 10')
    expect(h.errors()).toEqual([])
  })

  it('"urgent" in the quiz is one discovery answer: taken, with the budget', async () => {
    const h = createHarness()
    const vera = h.u.user(7103, { first_name: 'Вера' })
    await h.send(h.u.callback(vera, 'menu:quiz'))
    for (const option of ['Собирать заявки', 'Одна страница', 'Срочно', 'до 60 тыс']) await press(h, vera, option)
    h.fake.clearCalls()
    await h.send(h.u.callback(vera, 'menu:discovery'))
    expect(answersOf(h, vera, 'discovery')).toEqual({ deadline: 'asap', budget: 'lt60' })
    expect(h.fake.textsTo(vera.id)[0]).toContain('• Какие сроки? Насколько срочно нужен сайт? — Срочно, за 2 недели')
  })

  it('a flow already under way takes nothing; a new take of the quiz takes again', async () => {
    const h = createHarness()
    const gleb = h.u.user(7104, { first_name: 'Глеб' })
    // The quiz begun before discovery: its own answers stand, nothing is taken into it later
    await h.send(h.u.callback(gleb, 'menu:quiz'))
    await press(h, gleb, 'Собирать заявки')
    await answerDemoDiscovery(h, gleb)
    h.fake.clearCalls()
    await h.send(h.u.callback(gleb, 'menu:quiz'))
    expect(h.fake.textsTo(gleb.id)[0]).toContain('Продолжим подбор')
    expect(h.fake.textsTo(gleb.id)[0]).not.toContain('второй раз не спрашиваю')
    expect(answersOf(h, gleb, 'quiz')).toEqual({ goal: 'leads' })
    // It asks the deadline: the take began before it was known
    await press(h, gleb, 'Одна страница')
    expect(h.fake.lastTextTo(gleb.id)).toContain('Когда нужен запуск?')
    for (const option of ['Срочно', 'до 60 тыс', 'Ничего из этого', 'Готово']) await press(h, gleb, option)

    // Pick a service again with the result out: a new take starts with nothing answered, and takes discovery's answers
    h.fake.clearCalls()
    await h.send(h.u.callback(gleb, 'menu:quiz'))
    expect(answersOf(h, gleb, 'quiz')).toEqual({ urgency: 'month', budget: '60_150' })
    expect(latestButtons(h, gleb.id).map((b) => b.text)).toContain('Собирать заявки')
  })
})
