/**
 * Words a client types instead of pressing a button, as an English tester typed them on the demo
 * (and their Russian counterparts): an amount in another currency, agreement under the
 * questionnaire's summary, a day wrapped in "can you call me", the quiz's answers in everyday
 * words, and the thanks and "never mind" that owe no answer.
 */
import { describe, expect, it } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { answerDemoDiscovery, press } from '../helpers/flows.ts'
import { createHarness, type Harness } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

function answersOf(h: Harness, user: TestUser, flow: 'discovery' | 'quiz'): Record<string, unknown> {
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client) return {}
  return Object.fromEntries(listAnswers(h.deps.db, client.id, flow).map((a) => [a.questionKey, a.value]))
}

/** An English client at the demo questionnaire's budget question ("up to 60k ₽ … over 300k ₽"). */
async function atBudget(h: Harness, id: number): Promise<TestUser> {
  const user = h.u.user(id, { first_name: 'Jess', language_code: 'en' })
  await h.send(h.u.callback(user, 'menu:discovery'))
  await press(h, user, 'Recommended by someone')
  await h.send(h.u.text(user, 'A site for my bakery'))
  await press(h, user, 'Only a logo')
  await press(h, user, 'A brief')
  await press(h, user, 'Within a month')
  expect(h.fake.lastTextTo(user.id)).toContain('Do you have a budget in mind?')
  return user
}

describe('an amount typed at a budget question', () => {
  it('in another currency than the buttons’ is no band of theirs: the buttons are asked for', async () => {
    const h = createHarness()
    for (const [n, typed] of ['about £500', '$2000', '500 dollars', '1000 euros'].entries()) {
      const user = await atBudget(h, 7401 + n)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').budget, typed).toBeUndefined()
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain('Please pick an option with the buttons')
    }
    // In the buttons' currency, or in none, it is read: "500" beside buttons in thousands is 500k
    const rub = await atBudget(h, 7410)
    await h.send(h.u.text(rub, '100k ₽'))
    expect(answersOf(h, rub, 'discovery').budget).toBe('60_150')
    const bare = await atBudget(h, 7411)
    await h.send(h.u.text(bare, '500'))
    expect(answersOf(h, bare, 'discovery').budget).toBe('gt300')
    expect(h.errors()).toEqual([])
  })

  it('in Russian too: "500 евро", "1000 долларов" are not rubles', async () => {
    const h = createHarness()
    for (const [n, typed] of ['500 евро', '1000 долларов', 'около 300 фунтов'].entries()) {
      const user = h.u.user(7420 + n, { first_name: 'Вера' })
      await answerDemoDiscoveryToBudget(h, user)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').budget, typed).toBeUndefined()
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain('Выберите, пожалуйста, вариант кнопкой')
    }
    const user = h.u.user(7430, { first_name: 'Вера' })
    await answerDemoDiscoveryToBudget(h, user)
    await h.send(h.u.text(user, '100 тысяч рублей'))
    expect(answersOf(h, user, 'discovery').budget).toBe('60_150')
  })
})

async function answerDemoDiscoveryToBudget(h: Harness, user: TestUser): Promise<void> {
  await h.send(h.u.callback(user, 'menu:discovery'))
  await press(h, user, 'Посоветовали знакомые')
  await h.send(h.u.text(user, 'Нужен сайт для пекарни'))
  await press(h, user, 'Есть только логотип')
  await press(h, user, 'Есть бриф')
  await press(h, user, 'В течение месяца')
  expect(h.fake.lastTextTo(user.id)).toContain('Определён ли бюджет?')
}

describe('agreement typed under the questionnaire’s summary', () => {
  it('"yes thats right", "yep all correct", "да, всё верно", "всё так" confirm it as its button does', async () => {
    const h = createHarness()
    for (const [n, typed] of ['yes thats right', "yes that's right", 'yep all correct'].entries()) {
      const jess = h.u.user(7440 + n, { first_name: 'Jess', language_code: 'en' })
      await answerEnglishDiscovery(h, jess)
      expect(h.fake.lastTextTo(jess.id)).toContain('Is that right?')
      await h.send(h.u.text(jess, typed))
      expect(h.fake.lastTextTo(jess.id), typed).toContain('Thank you, Jess!')
      expect(h.fake.textsTo(jess.id).join('\n'), typed).not.toContain('understand buttons best')
    }
    for (const [n, typed] of ['да, всё верно', 'всё так'].entries()) {
      const vera = h.u.user(7450 + n, { first_name: 'Вера' })
      await answerDemoDiscovery(h, vera)
      await h.send(h.u.text(vera, typed))
      expect(h.fake.lastTextTo(vera.id), typed).toContain('Спасибо, Вера! Теперь понятно, что вам нужно.')
    }
    expect(h.errors()).toEqual([])
  })
})

/** The demo questionnaire answered by an English client, up to its summary. */
async function answerEnglishDiscovery(h: Harness, user: TestUser): Promise<void> {
  await h.send(h.u.callback(user, 'menu:discovery'))
  await press(h, user, 'Recommended by someone')
  await h.send(h.u.text(user, 'A site for my bakery'))
  await press(h, user, 'Only a logo')
  await press(h, user, 'A brief')
  await press(h, user, 'Within a month')
  await press(h, user, '60–150k')
  await press(h, user, 'Skip')
  await press(h, user, 'Price')
  await press(h, user, 'Done')
  await h.send(h.u.text(user, 'jess@example.com'))
  await press(h, user, 'Quick')
}
