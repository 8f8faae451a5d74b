/**
 * Words a client types instead of pressing a button, as an English tester typed them on the demo
 * (and their Russian counterparts): an amount in another currency, agreement under the
 * questionnaire's summary, a day wrapped in "can you call me", the quiz's answers in everyday
 * words, an option's answer asked as the option asks it ("no could you help with that?"), and the
 * thanks and "never mind" that owe no answer.
 */
import { describe, expect, it } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { bookingsOf } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { answerDemoDiscovery, discoveryContent, press } from '../helpers/flows.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
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

describe('a day and time wrapped in a request to call', () => {
  // The fake clock starts on Monday 23 November 2026, 12:00 in Moscow, the demo's zone
  it('"can you call me tomorrow at 3?", "could you ring me on Friday at 11" and "позвоните мне завтра в 16" take that time', async () => {
    const h = createHarness()
    for (const [n, [typed, start]] of (
      [
        ['can you call me tomorrow at 3?', '2026-11-24T12:00Z'],
        ['could you ring me on Friday at 11', '2026-11-27T08:00Z'],
        ['позвоните мне завтра в 16', '2026-11-24T13:00Z'],
        ['можно в пятницу в 12?', '2026-11-27T09:00Z'],
      ] as const
    ).entries()) {
      const user = h.u.user(7460 + n, { first_name: 'Kate', language_code: n < 2 ? 'en' : 'ru' })
      await h.send(h.u.text(user, '/book'), h.u.text(user, typed))
      const texts = h.fake.textsTo(user.id).join('\n')
      expect(texts, typed).not.toMatch(/with the buttons|кнопк/)
      await h.send(h.u.text(user, `+7 916 123-45-6${n}`))
      await h.send(h.u.callback(user, 'bk:skip'))
      await h.send(h.u.callback(user, 'bk:ok'))
      expect(bookingsOf(h, user), typed).toMatchObject([{ slotStart: Date.parse(start), status: 'booked' }])
    }
    expect(h.errors()).toEqual([])
  })

  it('"I\'m in New York, 10am my time": the place is where the client is, and the time is read on their clock', async () => {
    const h = createHarness()
    const sam = h.u.user(7470, { first_name: 'Sam', language_code: 'en' })
    await h.send(h.u.text(sam, '/book'), h.u.text(sam, "I'm in New York, 10am my time"))
    expect(h.deps.services.clients.get(findClientByTelegramId(h.deps.db, sam.id)?.id ?? 0)?.timezone).toBe(
      'America/New_York',
    )
    // No day said: which day is asked, not "pick with the buttons"
    expect(h.fake.lastTextTo(sam.id)).not.toContain('with the buttons')
    expect(h.fake.lastTextTo(sam.id)).toContain('Which day would suit you at 10:00 (ET')
    // With a day, the time on their clock is taken: Wednesday 10 AM in New York is 18:00 in Moscow
    const tom = h.u.user(7471, { first_name: 'Tom', language_code: 'en' })
    await h.send(h.u.text(tom, '/book'), h.u.text(tom, "I'm in New York, wednesday 10am my time"))
    await h.send(h.u.text(tom, '+7 916 123-45-68'))
    await h.send(h.u.callback(tom, 'bk:skip'))
    await h.send(h.u.callback(tom, 'bk:ok'))
    expect(bookingsOf(h, tom)).toMatchObject([{ slotStart: Date.parse('2026-11-25T15:00Z'), status: 'booked' }])
    // In Russian: 15:00 in Novosibirsk (UTC+7) tomorrow is 11:00 in Moscow
    const ira = h.u.user(7472, { first_name: 'Ира' })
    await h.send(h.u.text(ira, '/book'), h.u.text(ira, 'я в Новосибирске, завтра в 15 по моему времени'))
    await h.send(h.u.text(ira, '+7 916 123-45-69'))
    await h.send(h.u.callback(ira, 'bk:skip'))
    await h.send(h.u.callback(ira, 'bk:ok'))
    expect(bookingsOf(h, ira)).toMatchObject([{ slotStart: Date.parse('2026-11-24T08:00Z'), status: 'booked' }])
    expect(h.errors()).toEqual([])
  })
})

describe('the quiz answered in everyday words', () => {
  it('"sell stuff online", "idk", "asap lol", "a friend recommended u", "just a logo": the one button they mean', async () => {
    const h = createHarness()
    const jess = h.u.user(7480, { first_name: 'Jess', language_code: 'en' })
    await h.send(h.u.text(jess, '/quiz'))
    await h.send(h.u.text(jess, 'sell stuff online'))
    await h.send(h.u.text(jess, 'idk'))
    await h.send(h.u.text(jess, 'asap lol'))
    expect(answersOf(h, jess, 'quiz')).toMatchObject({ goal: 'sell', size: 'unsure', urgency: 'asap' })
    expect(h.fake.textsTo(jess.id).join('\n')).not.toContain('with the buttons')
    // The questionnaire's first and third questions
    const kim = h.u.user(7481, { first_name: 'Kim', language_code: 'en' })
    await h.send(h.u.callback(kim, 'menu:discovery'))
    await h.send(h.u.text(kim, 'a friend recommended u'))
    await h.send(h.u.text(kim, 'A site for my bakery'))
    await h.send(h.u.text(kim, 'just a logo'))
    expect(answersOf(h, kim, 'discovery')).toMatchObject({ source: 'friends', brand: 'logo_only' })
    // Still no guess where two buttons fit: "a logo" is in "Both a brand style and a logo" too
    await h.send(h.u.text(kim, 'a brief'))
    const lee = h.u.user(7482, { first_name: 'Lee', language_code: 'en' })
    await h.send(h.u.callback(lee, 'menu:discovery'))
    await press(h, lee, 'Recommended by someone')
    await h.send(h.u.text(lee, 'A site for my bakery'))
    await h.send(h.u.text(lee, 'a logo lol'))
    expect(answersOf(h, lee, 'discovery').brand).toBeUndefined()
    expect(h.fake.textsTo(lee.id).join('\n')).toContain('Please pick an option with the buttons')
    expect(h.errors()).toEqual([])
  })

  it('"rent" under «Fix my bike / A full service / Rent a bike» is «Rent a bike»: the word no other label has, hedged too', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: need
      text: { ru: Что нужно?, en: What can we do for you? }
      type: choice
      options:
        - { value: fix, label: { ru: Починить велосипед, en: Fix my bike } }
        - { value: service, label: { ru: Полное ТО, en: A full service } }
        - { value: rent, label: { ru: Взять велосипед напрокат, en: Rent a bike } }
    - key: task
      text: { ru: Подробности?, en: Any details? }
      type: text
`),
    })
    for (const [n, [typed, value]] of (
      [
        ['rent', 'rent'],
        ['I think rent', 'rent'],
        ['probably a full service', 'service'],
      ] as const
    ).entries()) {
      const user = h.u.user(7485 + n, { first_name: 'Sam', language_code: 'en' })
      await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').need, typed).toBe(value)
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain('with the buttons')
    }
    // "bike" is in two labels: asked again with the buttons, no guess
    const both = h.u.user(7489, { first_name: 'Sam', language_code: 'en' })
    await h.send(h.u.callback(both, 'menu:discovery'), h.u.text(both, 'bike'))
    expect(answersOf(h, both, 'discovery').need).toBeUndefined()
    expect(h.fake.textsTo(both.id).join('\n')).toContain('Please pick an option with the buttons')
    expect(h.errors()).toEqual([])
  })

  it('in Russian too: "друг посоветовал", "просто логотип", "хз", "побыстрее"', async () => {
    const h = createHarness()
    const vera = h.u.user(7490, { first_name: 'Вера' })
    await h.send(h.u.callback(vera, 'menu:discovery'))
    await h.send(h.u.text(vera, 'друг посоветовал'))
    await h.send(h.u.text(vera, 'Сайт для пекарни'))
    await h.send(h.u.text(vera, 'просто логотип'))
    expect(answersOf(h, vera, 'discovery')).toMatchObject({ source: 'friends', brand: 'logo_only' })
    const ira = h.u.user(7491, { first_name: 'Ира' })
    await h.send(h.u.text(ira, '/quiz'))
    await h.send(h.u.text(ira, 'ну типа продавать онлайн'))
    await h.send(h.u.text(ira, 'хз'))
    await h.send(h.u.text(ira, 'побыстрее'))
    expect(answersOf(h, ira, 'quiz')).toMatchObject({ goal: 'sell', size: 'unsure', urgency: 'asap' })
    expect(h.errors()).toEqual([])
  })
})

describe('thanks and "never mind" after a manager’s answer', () => {
  /** Monday 12:00 Moscow: the client asks, a manager answers at once. */
  async function answered(id: number) {
    const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
    const manager = h.u.user(5_100_091, { first_name: 'Олег' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID, 'Олег')
    const { user, client, topicId } = await clientInHandoff(h, id, 'Kate')
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Здравствуйте! Сейчас посмотрю.'))
    await settle(h)
    return { h, user, client, topicId, manager }
  }

  /**
   * The ⏰ alerts (in the topic and to the owners) over `days` days after a client answered by a
   * manager (`answered(id)`) types `typed`: none when it starts no wait.
   */
  async function waitAlertsAfter(typed: string, id: number, days: number): Promise<string[]> {
    const { h, user, topicId } = await answered(id)
    await h.send(h.u.text(user, typed))
    await settle(h)
    for (let day = 0; day < days; day++) {
      h.clock.advance(24 * 60 * 60_000)
      await h.deps.scheduler.runDue()
      await settle(h)
    }
    return [...h.fake.textsTo(STAFF_GROUP_ID, topicId), ...h.fake.textsTo(OWNER_ID)].filter((t) => t.startsWith('⏰'))
  }

  it('"nevermind", "sorry, ignore that", "забейте", "неважно", "уже не надо", "all good ta x" start no wait: nobody is told the client waits', async () => {
    for (const [n, typed] of [
      'nevermind',
      'never mind x',
      'sorry, ignore that',
      'забейте',
      'неважно',
      'уже не надо',
      'all good ta x',
    ].entries()) {
      expect(await waitAlertsAfter(typed, 7500 + n, 5), typed).toEqual([])
    }
  })

  it('"ok thank you for understanding", "thanks for your time", "спасибо за ваше время" are thanks: nobody is told the client waits', async () => {
    for (const [n, typed] of [
      'ok thank you for understanding',
      'thanks for your time',
      'thank you for the call',
      'thanks for the info!',
      'thanks so much for your patience',
      'thank you for the information',
      'спасибо за ваше время',
      'спасибо за уделённое время',
      'спасибо вам за ваше терпение',
    ].entries()) {
      expect(await waitAlertsAfter(typed, 7550 + n, 3), typed).toEqual([])
    }
  })

  it('a yes that thanks the manager by name ("yes all good, thanks Maria!", «да, всё отлично, спасибо, Ольга!») is its yes', async () => {
    for (const [n, typed] of [
      'yes all good, thanks Maria!',
      'да, всё отлично, спасибо, Ольга!',
      'Yes, thank you so much Maria x',
      'всё решено, спасибо большое, Ольга Петровна',
    ].entries()) {
      const { h, user, client, topicId, manager } = await answered(7530 + n)
      await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
      await settle(h)
      await h.send(h.u.text(user, typed))
      await settle(h)
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/скорость ответа|How fast/)
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n'), typed).not.toContain('не ответив на «Вопрос решён?»')
    }
    // A name does not make a yes of more said after the thanks
    const { h, user, client, topicId, manager } = await answered(7540)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    await h.send(h.u.text(user, 'yes thanks Maria, but the logo is still blurry'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
  })

  it('"all good ta x" under "Is your question solved?" is its yes', async () => {
    const { h, user, client, topicId, manager } = await answered(7520)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    await h.send(h.u.text(user, 'all good ta x'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toMatch(/скорость ответа|how quickly/)
  })
})

describe('an answer phrased as a question, at a question whose option asks it', () => {
  /** An English client at the demo questionnaire's fourth question ("Do you have a specification…"). */
  async function atBrief(h: Harness, id: number): Promise<TestUser> {
    const user = h.u.user(id, { first_name: 'Jess', language_code: 'en' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Recommended by someone')
    await h.send(h.u.text(user, 'A site for my bakery'))
    await press(h, user, 'Only a logo')
    expect(h.fake.lastTextTo(user.id)).toContain('Do you have a specification')
    return user
  }

  it('"no could you help with that?" is «No — can you help write one?»: the questionnaire goes on, no request opens', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'no could you help with that?',
      'No, could you help with that?',
      'no can you help?',
      'nope, could you help me write one?',
    ].entries()) {
      const user = await atBrief(h, 7740 + n)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').brief, typed).toBe('none')
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain('✔️ No — can you help write one?')
      expect(h.fake.lastTextTo(user.id), typed).toContain('What is your timeline?')
      const client = findClientByTelegramId(h.deps.db, user.id)
      expect(client && h.deps.services.handoff.current(client.id), typed).toBeUndefined()
    }
    expect(h.errors()).toEqual([])
  })

  it('a question about the price or anything else beside the option is no answer: it goes to a person', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'no, how much would it cost to write one?',
      'no, could you help with the hosting too?',
      'could you help?',
    ].entries()) {
      const user = await atBrief(h, 7750 + n)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').brief, typed).toBeUndefined()
      const client = findClientByTelegramId(h.deps.db, user.id)
      expect(client && h.deps.services.handoff.current(client.id), typed).toBeDefined()
    }
    expect(h.errors()).toEqual([])
  })
})
