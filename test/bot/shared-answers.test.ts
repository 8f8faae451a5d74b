/**
 * The demo asks the deadline and the budget both in "Tell us what you need" and in the quiz
 * (the quiz's `same_as`): a client who answered in one flow is not asked again in the other.
 */
import { describe, expect, it } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { listQuizResults } from '../../db/repositories/quiz-results.ts'
import { renderCard } from '../../src/bot/handoff/card.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { answerDemoDiscovery, answerDemoDiscoveryOpening, latestButtons, press } from '../helpers/flows.ts'
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
    expect(intro).toContain('подберём вариант под ваш запрос')
    expect(intro).toContain('На эти вы уже ответили, второй раз не спрашиваю:')
    // Numbered as the questions are, so "Вопрос 5 из 5" after "Вопрос 2 из 5" reads right
    expect(intro).toContain(
      '\n3. Когда нужен запуск? — В течение месяца\n4. На какой бюджет вы рассчитываете? — 60–150 тыс. ₽\n',
    )
    // The intro counts all five; the two taken leave three to ask
    expect(intro).toContain('измените ответ кнопкой «← Назад». Осталось 3 вопроса.')
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
    // The change holds in discovery too (the card shows its answers), and a new take takes it
    expect(answersOf(h, anna, 'discovery')).toMatchObject({ deadline: 'month', budget: 'lt60' })
    h.fake.clearCalls()
    await h.send(h.u.callback(anna, 'menu:quiz'))
    expect(h.fake.textsTo(anna.id)[0]).toContain('4. На какой бюджет вы рассчитываете? — до 60 тыс. ₽')
    expect(h.errors()).toEqual([])
  })

  it('discovery after the quiz takes the deadline and the budget', async () => {
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
    expect(intro).toContain('5. Какие сроки? Насколько срочно нужен сайт? — За 2–3 месяца')
    expect(intro).toContain('6. Определён ли бюджет? В каких рамках? — больше 300 тыс. ₽')
    expect(answersOf(h, boris, 'discovery')).toEqual({ deadline: 'quarter', budget: 'gt300' })

    await answerDemoDiscoveryOpening(h, boris, 'Нужен магазин запчастей')
    // The two it knows are not asked: the next is the one after them
    expect(h.fake.lastTextTo(boris.id)).toContain('Вопрос 7 из 10')

    // The card: the answers in the order of the questions (the two taken were stored first),
    // and of the quiz what it picked, not the products below the threshold it never offered
    const card = renderCard(h.deps, findClientByTelegramId(h.deps.db, boris.id)?.id ?? -1) ?? ''
    const asked = [
      'Как вы о нас узнали?',
      'Какую задачу',
      'фирменный стиль',
      'техническое задание',
      'Какие сроки?',
      'Определён ли бюджет?',
    ]
    const at = asked.map((question) => card.indexOf(question))
    expect(at.every((position) => position >= 0)).toBe(true)
    expect(at).toEqual([...at].sort((a, b) => a - b))
    expect(card).toMatch(/Квиз<\/b> \(.*\): подобрано — Интернет-магазин \(\d+ балл(а|ов)?\)\n/)
    // Under the pick, the quiz's own answers; the deadline and the budget, which discovery
    // shares, once: with discovery's answers above
    const quizPart = card.slice(card.indexOf('Квиз</b>'))
    expect(quizPart).toContain('• Что сайт должен делать в первую очередь?: <b>Продавать онлайн</b>')
    expect(quizPart).toContain('• Что ещё понадобится?: <b>Ничего из этого</b>')
    expect(quizPart).not.toContain('Когда нужен запуск?')
    expect(quizPart).not.toContain('На какой бюджет')
    expect(h.errors()).toEqual([])
  })

  it('"no rush" in discovery is none of the quiz\'s launch times: the quiz asks it', async () => {
    const h = createHarness()
    const dina = h.u.user(7105, { first_name: 'Дина' })
    await h.send(h.u.callback(dina, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, dina, 'Нужен сайт для студии йоги')
    await press(h, dina, 'Сроки не горят')
    await press(h, dina, 'Пока не знаю')
    h.fake.clearCalls()
    await h.send(h.u.callback(dina, 'menu:quiz'))
    expect(answersOf(h, dina, 'quiz')).toEqual({ budget: 'unknown' })
    expect(h.fake.textsTo(dina.id)[0]).not.toContain('Когда нужен запуск?')
    await press(h, dina, 'Собирать заявки')
    await press(h, dina, 'Одна страница')
    expect(h.fake.lastTextTo(dina.id)).toContain('Когда нужен запуск?')
  })

  it('an answer given in one flow while the other is under way follows into it: not asked there again', async () => {
    const h = createHarness()
    const vera = h.u.user(7106, { first_name: 'Вера' })
    // The quiz up to its budget question, then discovery started, then the quiz's budget answered
    await h.send(h.u.callback(vera, 'menu:quiz'))
    for (const option of ['Собирать заявки', 'Одна страница', 'Срочно']) await press(h, vera, option)
    const budgetQuestion = h.fake.sentTo(vera.id).at(-1)
    await h.send(h.u.callback(vera, 'menu:discovery'))
    expect(answersOf(h, vera, 'discovery')).toEqual({ deadline: 'asap' })
    // The budget question still in the chat, answered with its button
    const budget = buttonsOf(budgetQuestion?.payload).find((b) => b.text.startsWith('60–150'))
    const messageId = (budgetQuestion?.result as { message_id: number } | undefined)?.message_id
    await h.send(h.u.callback(vera, budget?.data ?? '', { messageId }))
    expect(answersOf(h, vera, 'quiz')).toMatchObject({ budget: '60_150' })
    expect(answersOf(h, vera, 'discovery')).toEqual({ deadline: 'asap', budget: '60_150' })

    await h.send(h.u.callback(vera, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, vera, 'Нужны заявки на ремонт квартир')
    const asked = h.fake.sentTo(vera.id).map((c) => String(c.payload.text ?? ''))
    expect(asked.some((t) => t.includes('Определён ли бюджет?'))).toBe(false)
    expect(h.fake.lastTextTo(vera.id)).toContain('Вопрос 7 из 10')
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
    expect(h.fake.textsTo(vera.id)[0]).toContain('5. Какие сроки? Насколько срочно нужен сайт? — Срочно, за 2 недели')
  })

  it('a quiz under way gets what discovery is told meanwhile; its own later answers hold in both; a new take takes them', async () => {
    const h = createHarness()
    const gleb = h.u.user(7104, { first_name: 'Глеб' })
    // The quiz begun before discovery: resumed, it skips what discovery was told meanwhile
    await h.send(h.u.callback(gleb, 'menu:quiz'))
    await press(h, gleb, 'Собирать заявки')
    await answerDemoDiscovery(h, gleb)
    h.fake.clearCalls()
    await h.send(h.u.callback(gleb, 'menu:quiz'))
    // The quiz's question left above loses its buttons; the quiz goes on below
    expect(h.fake.sentTo(gleb.id)[0]?.payload.text).toContain('Продолжим подбор')
    expect(answersOf(h, gleb, 'quiz')).toEqual({ goal: 'leads', urgency: 'month', budget: '60_150' })
    await press(h, gleb, 'Одна страница')
    expect(h.fake.lastTextTo(gleb.id)).toContain('Что ещё понадобится?')
    // Changed in the quiz: the complete discovery follows (its summary on the card too)
    await press(h, gleb, '← Назад')
    await press(h, gleb, 'до 60 тыс')
    for (const option of ['Ничего из этого', 'Готово']) await press(h, gleb, option)
    expect(answersOf(h, gleb, 'discovery')).toMatchObject({ deadline: 'month', budget: 'lt60' })

    // Pick a service again with the result out: a new take starts with nothing answered, and takes discovery's answers
    h.fake.clearCalls()
    await h.send(h.u.callback(gleb, 'menu:quiz'))
    expect(answersOf(h, gleb, 'quiz')).toEqual({ urgency: 'month', budget: 'lt60' })
    expect(latestButtons(h, gleb.id).map((b) => b.text)).toContain('Собирать заявки')
  })
})
