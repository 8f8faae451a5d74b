import { readFileSync } from 'node:fs'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { events, kv } from '../../db/schema.ts'
import { numberExample } from '../../src/bot/questions.ts'
import { FUNNEL } from '../../src/services/funnel.ts'
import {
  answerDemoDiscovery,
  answerDemoDiscoveryOpening,
  buttonData,
  contentFrom,
  discoveryContent,
  lastToast,
  latestButtons,
  pasteLong,
  press,
  writeLater,
} from '../helpers/flows.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, DEMO_CONTENT_PATH, demoContent, type Harness, STAFF_GROUP_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const DEMO_YAML = readFileSync(DEMO_CONTENT_PATH, 'utf8')

function answersOf(h: Harness, user: TestUser): Record<string, unknown> {
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client) return {}
  return Object.fromEntries(listAnswers(h.deps.db, client.id, 'discovery').map((a) => [a.questionKey, a.value]))
}

function eventCount(h: Harness, user: TestUser, type: string): number {
  const client = findClientByTelegramId(h.deps.db, user.id)
  return h.deps.db
    .select()
    .from(events)
    .where(and(eq(events.clientId, client?.id ?? -1), eq(events.type, type)))
    .all().length
}

describe('needs discovery: the happy path', () => {
  it('asks every question, stores each answer at once and sums up in the client’s words', async () => {
    const h = createHarness()
    const anna = h.u.user(1101, { first_name: 'Анна' })
    await h.send(h.u.callback(anna, 'menu:discovery'))
    const texts = h.fake.textsTo(anna.id)
    expect(texts[0]).toContain('Анна, ответьте на несколько вопросов')
    expect(texts[0]).toContain('Всего 10 вопросов')
    expect(texts[1]).toBe('<b>Вопрос 1 из 10</b>\nКак вы о нас узнали?')
    expect(latestButtons(h, anna.id).map((b) => b.text)).toEqual([
      'Поиск в Яндексе или Google',
      'Яндекс Карты или 2ГИС',
      'ВКонтакте или Telegram-канал',
      'Посоветовали знакомые',
      'Другое',
    ])

    await press(h, anna, 'Посоветовали знакомые')
    // Stored the moment it was given, and the question shows the choice instead of buttons
    expect(answersOf(h, anna)).toEqual({ source: 'friends' })
    expect(h.fake.textsTo(anna.id).at(-2)).toContain('✔️ Посоветовали знакомые')
    expect(h.fake.lastTextTo(anna.id)).toContain('Вопрос 2 из 10')
    expect(latestButtons(h, anna.id).map((b) => b.text)).toEqual(['← Назад'])

    h.fake.clearCalls()
    await h.send(h.u.text(anna, 'Нужны заявки на ремонт квартир'))
    await press(h, anna, 'Есть только логотип')
    await press(h, anna, 'Есть бриф')
    await press(h, anna, 'В течение месяца')
    await press(h, anna, '60–150 тыс')
    expect(h.fake.lastTextTo(anna.id)).toContain('Вопрос 7 из 10')
    await press(h, anna, 'Пропустить')
    await press(h, anna, 'Цена')
    await press(h, anna, 'Сроки')
    await press(h, anna, 'Готово')
    await h.send(h.u.text(anna, 'Anna@Example.com'))
    await press(h, anna, 'Быстро')

    expect(answersOf(h, anna)).toEqual({
      source: 'friends',
      task: 'Нужны заявки на ремонт квартир',
      brand: 'logo_only',
      brief: 'brief',
      deadline: 'month',
      budget: '60_150',
      examples: '',
      priorities: ['price', 'speed'],
      email: 'anna@example.com',
      approach: 'quick',
    })
    const summary = h.fake.lastTextTo(anna.id)
    expect(summary).toContain('Вот что получилось, Анна:')
    expect(summary).toContain(
      '<b>Какую задачу вы хотите решить с помощью сайта? Расскажите своими словами.</b>\nНужны заявки на ремонт квартир',
    )
    expect(summary).toContain('60–150 тыс. ₽')
    expect(summary).toContain('Цена, Сроки')
    expect(summary).toContain('— (пропущено)')
    expect(summary).toContain('Всё верно?')
    expect(h.fake.lastButtonsTo(anna.id).map((b) => b.data)).toEqual([
      expect.stringMatching(/^ds:ok:[0-9a-f]{6}$/),
      expect.stringMatching(/^ds:edit:[0-9a-f]{6}$/),
    ])

    const client = findClientByTelegramId(h.deps.db, anna.id)
    expect(client?.stage).toBe('discovery')
    expect(client?.email).toBe('anna@example.com')
    expect(eventCount(h, anna, FUNNEL.discoveryDone)).toBe(1)

    await press(h, anna, 'Всё верно')
    expect(h.fake.lastTextTo(anna.id)).toContain('Спасибо, Анна! Теперь понятно, что вам нужно.')
    expect(h.fake.lastButtonsTo(anna.id).map((b) => b.data)).toEqual([
      'menu:quiz',
      'menu:booking',
      'menu:manager',
      'menu:main',
    ])
    expect(h.errors()).toEqual([])
  })

  it('without quiz questions in the content, the next step offers no quiz and says none', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, quiz: { ...demo.quiz, questions: [] } } })
    const anna = h.u.user(1103, { first_name: 'Анна' })
    await answerDemoDiscovery(h, anna)
    await press(h, anna, 'Всё верно')
    expect(h.fake.lastTextTo(anna.id)).toBe(
      'Спасибо, Анна! Теперь понятно, что вам нужно. Что дальше? Могу записать вас на звонок или передать менеджеру.',
    )
    expect(h.fake.lastButtonsTo(anna.id).map((b) => b.data)).toEqual(['menu:booking', 'menu:manager', 'menu:main'])
  })

  it('a client who wants it detailed is offered a manager first', async () => {
    const h = createHarness()
    const oleg = h.u.user(1102, { first_name: 'Олег' })
    await answerDemoDiscovery(h, oleg, { approach: 'Подробно' })
    await press(h, oleg, 'Всё верно')
    // Said of the answers, not of the client's wish: an option that brings a manager may be a toothache
    expect(h.fake.lastTextTo(oleg.id)).toBe(
      'Спасибо, Олег! По вашим ответам лучше всего поговорить с менеджером: ответы у него будут, повторять ничего не придётся.',
    )
    expect(h.fake.lastButtonsTo(oleg.id).map((b) => b.data)).toEqual([
      'menu:manager',
      'menu:booking',
      'menu:quiz',
      'menu:main',
    ])
  })

  it('"да" or "всё верно" typed under the summary is its Correct; a "да" after it is words again', async () => {
    const h = createHarness()
    const ira = h.u.user(1103, { first_name: 'Ира' })
    await answerDemoDiscovery(h, ira)
    const summary = h.fake.messageWithButton(ira.id, h.fake.lastButtonsTo(ira.id)[0]?.data ?? '')
    await h.send(h.u.text(ira, 'всё верно'))
    expect(h.fake.lastTextTo(ira.id)).toContain('Спасибо, Ира! Теперь понятно, что вам нужно.')
    expect(h.fake.keyboardOf(ira.id, summary ?? 0)).toBeUndefined()
    await h.send(h.u.text(ira, 'да'))
    expect(h.fake.textsTo(ira.id).filter((t) => t.includes('Теперь понятно'))).toHaveLength(1)
    // A plain "да" the first time: no "I understand buttons best", no request for a manager
    const oleg = h.u.user(1104, { first_name: 'Олег' })
    await answerDemoDiscovery(h, oleg)
    await h.send(h.u.text(oleg, 'Да'))
    expect(h.fake.lastTextTo(oleg.id)).toContain('Спасибо, Олег! Теперь понятно, что вам нужно.')
    expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, oleg.id)?.id ?? 0)).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('opening discovery again after finishing shows the summary, not the questions', async () => {
    const h = createHarness()
    const user = h.u.user(1103)
    await answerDemoDiscovery(h, user)
    await h.send(h.u.callback(user, 'menu:discovery'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
    expect(eventCount(h, user, FUNNEL.discoveryDone)).toBe(1)
  })

  it('the English client gets English questions and summary', async () => {
    const h = createHarness()
    const john = h.u.user(1104, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.callback(john, 'menu:discovery'))
    expect(h.fake.lastTextTo(john.id)).toBe('<b>Question 1 of 10</b>\nHow did you hear about us?')
    await press(h, john, 'Recommended by someone')
    expect(h.fake.lastTextTo(john.id)).toContain('What problem do you want the website to solve?')
  })
})

describe('needs discovery: typed answers are checked with a friendly retry', () => {
  const yaml = `business:
  name: Студия
  about: Ремонт
  timezone: Europe/Moscow
  hours:
    mon: ["10:00-19:00"]
discovery:
  questions:
    - key: area
      text: Площадь квартиры, м²?
      type: number
      validation: { min: 10, max: 500 }
    - key: phone
      text: Ваш телефон?
      type: phone
    - key: start
      text: Когда удобно начать?
      type: date
      required: false
    - key: code
      text: Номер заказа?
      type: text
      hint: Например, AB-123
      validation: { pattern: "^[A-Z]{2}-[0-9]{3}$" }
`

  it('number, phone (contact button or typed), date and a pattern, each saying what is expected', async () => {
    const h = createHarness({ content: contentFrom(yaml) })
    const user = h.u.user(1201, { first_name: 'Ира' })
    await h.send(h.u.callback(user, 'menu:discovery'))

    await h.send(h.u.text(user, 'много'))
    expect(h.fake.lastTextTo(user.id)).toBe('Здесь нужно одно число — цифрами или словами.\n💡 Например: 300')
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).toContain('Нужно число от 10 до 500.')
    await h.send(h.u.text(user, '120,5'))
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Ваш телефон?')
    // The phone question: inline Back above, Telegram's contact button below
    const contactKeyboard = h.fake.sentTo(user.id).at(-1)?.payload.reply_markup
    expect(contactKeyboard.keyboard[0][0]).toMatchObject({ text: '📱 Поделиться номером', request_contact: true })

    await h.send(h.u.sticker(user))
    expect(h.fake.lastTextTo(user.id)).toContain('Здесь нужен ответ текстом')
    await h.send(h.u.contact(user, '+7 900 000-00-00', false))
    expect(h.fake.lastTextTo(user.id)).toContain('Пришлите, пожалуйста, свой номер')
    await h.send(h.u.text(user, '12345'))
    // Third failure: a person is offered
    expect(h.fake.lastTextTo(user.id)).toContain('Не похоже на номер телефона.')
    expect(h.fake.lastTextTo(user.id)).toContain('Менеджер поможет')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:manager'])
    await h.send(h.u.contact(user, '79161234567'))
    expect(h.fake.sentTo(user.id).at(-2)?.payload.reply_markup).toEqual({ remove_keyboard: true })

    expect(h.fake.lastTextTo(user.id)).toContain('Когда удобно начать?')
    await h.send(h.u.text(user, '31.02.2026'))
    expect(h.fake.lastTextTo(user.id)).toBe('Не получилось прочитать дату.\n💡 Например: 25.12.2026 или 8 марта')
    // A day and its month, as people say it: the nearest such day ahead
    await h.send(h.u.text(user, '1 марта'))

    await h.send(h.u.text(user, 'ab-123'))
    expect(h.fake.lastTextTo(user.id)).toBe('Ответ не похож на то, что нужно.\n💡 Например, AB-123')
    await h.send(h.u.text(user, 'AB-123'))

    expect(answersOf(h, user)).toEqual({ area: 120.5, phone: '+79161234567', start: '2027-03-01', code: 'AB-123' })
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79161234567')
    const summary = h.fake.lastTextTo(user.id)
    expect(summary).toContain('120,5')
    expect(summary).toContain('1 марта 2027')
    expect(h.errors()).toEqual([])
  })

  it('the "share my number" button left under the chat after /cancel still keeps the number', async () => {
    const h = createHarness({ content: contentFrom(yaml) })
    const user = h.u.user(1206, { first_name: 'Ира' })
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, '120'))
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_markup.keyboard[0][0]).toMatchObject({ request_contact: true })
    // The client leaves the question; Telegram keeps its reply keyboard, and they tap it later
    await h.send(h.u.text(user, '/cancel'))
    await h.send(h.u.contact(user, '442079460958'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо! Номер записан: +44 20 7946 0958. Звонок этим не заказан: если он нужен, нажмите «📞 Заказать звонок» в меню или отправьте /book.',
    )
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_markup).toEqual({ remove_keyboard: true })
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+442079460958')
    // Someone else's contact is not the client's number
    await h.send(h.u.contact(user, '+7 900 000-00-00', false))
    expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+442079460958')
  })

  it("a contact card where a typed answer is asked: someone else's is told so in its own words; the client's own number is kept, and the question waits", async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: task
      text: Задача?
      type: text
    - key: start
      text: Когда начать?
      type: date
`),
    })
    const user = h.u.user(1207)
    await h.send(h.u.callback(user, 'menu:discovery'))
    // Someone else's contact is no answer to a text question
    await h.send(h.u.contact(user, '+7 900 000-00-00', false))
    expect(h.fake.lastTextTo(user.id)).toBe('Контакт сюда не подходит — напишите ответ текстом.')
    await h.send(h.u.text(user, 'Ремонт кухни'))
    await h.send(h.u.contact(user, '+7 900 000-00-00', false))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Контакт сюда не подходит — напишите ответ текстом.\n💡 Например: 25.12.2026 или 8 марта',
    )
    // Their own (a "share my number" keyboard left by another step): kept, not taken as the answer
    await h.send(h.u.contact(user, '79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain('Номер записан: +7 916 123 45 67')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79161234567')
    // A sticker or a GIF still gets its own explanation (a GIF comes with a document too)
    await h.send(h.u.sticker(user))
    expect(h.fake.lastTextTo(user.id)).toBe('Здесь нужен ответ текстом.\n💡 Например: 25.12.2026 или 8 марта')
    await h.send(h.u.animation(user))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Здесь нужен ответ текстом.\n💡 Например: 25.12.2026 или 8 марта\n\nСложно ответить? Менеджер поможет — нажмите кнопку ниже.',
    )
    // A photo is no answer either, but the client hears it is kept for the manager
    await h.send(h.u.photo(user, { caption: 'вот так примерно' }))
    expect(h.fake.lastTextTo(user.id)).toBe(
      '📎 Фото сохранено в переписке: позовёте менеджера — он его увидит. Здесь нужен ответ текстом.\n💡 Например: 25.12.2026 или 8 марта\n\nСложно ответить? Менеджер поможет — нажмите кнопку ниже.',
    )
    await h.send(h.u.text(user, '1.3.2026'))
    expect(answersOf(h, user)).toEqual({ task: 'Ремонт кухни', start: '2026-03-01' })
  })

  it('a typed phone number is normalised; text limits are explained', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: phone
      text: Телефон?
      type: phone
    - key: task
      text: Задача?
      type: text
      validation: { min_length: 10, max_length: 50 }
`),
    })
    const user = h.u.user(1202)
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, '8 (916) 123-45-67'))
    await h.send(h.u.text(user, 'коротко'))
    expect(h.fake.lastTextTo(user.id)).toBe('Напишите чуть подробнее — хотя бы 10 символов.')
    await h.send(h.u.text(user, 'д'.repeat(51)))
    expect(h.fake.lastTextTo(user.id)).toBe('Слишком длинно — уложитесь, пожалуйста, в 50 символов.')
    await h.send(h.u.text(user, 'Ремонт двушки под ключ'))
    expect(answersOf(h, user)).toEqual({ phone: '+79161234567', task: 'Ремонт двушки под ключ' })
  })

  it('a text limit of one character, or of two to four, reads in the right form', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: phone
      text: Телефон?
      type: phone
    - key: task
      text: Задача?
      type: text
      validation: { min_length: 2, max_length: 2 }
`),
    })
    const user = h.u.user(1203)
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, '8 (916) 123-45-67'))
    await h.send(h.u.text(user, 'д'))
    expect(h.fake.lastTextTo(user.id)).toBe('Напишите чуть подробнее — хотя бы 2 символа.')
    await h.send(h.u.text(user, 'ддд'))
    expect(h.fake.lastTextTo(user.id)).toBe('Слишком длинно — уложитесь, пожалуйста, в 2 символа.')

    const one = createHarness({
      content: discoveryContent(`    - key: phone
      text: Phone?
      type: phone
    - key: task
      text: Task?
      type: text
      validation: { max_length: 1 }
`),
    })
    const john = one.u.user(1204, { language_code: 'en' })
    await one.send(one.u.callback(john, 'menu:discovery'), one.u.text(john, '+44 20 7946 0958'))
    await one.send(one.u.text(john, 'ab'))
    expect(one.fake.lastTextTo(john.id)).toBe("That's too long — please keep it within 1 character.")

    // Too short, in English: asked as a person would ask
    const ten = createHarness({
      content: discoveryContent(
        '    - key: task\n      text: Task?\n      type: text\n      validation: { min_length: 10 }\n',
      ),
    })
    await ten.send(ten.u.callback(john, 'menu:discovery'), ten.u.text(john, 'a site'))
    expect(ten.fake.lastTextTo(john.id)).toBe('Please tell us a bit more — at least 10 characters.')
  })

  it('one-sided number bounds and an empty answer are explained; an optional question offers Skip after three tries', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: rooms
      text: Сколько комнат?
      type: number
      validation: { min: 1 }
    - key: floor
      text: Этаж?
      type: number
      validation: { max: 100 }
    - key: email
      text: Почта?
      type: email
      required: false
`),
    })
    const user = h.u.user(1204)
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, '   '))
    expect(h.fake.lastTextTo(user.id)).toBe('Кажется, ответ пустой.\n💡 Например: 150000')
    await h.send(h.u.text(user, '0'))
    expect(h.fake.lastTextTo(user.id)).toBe('Нужно число не меньше 1.\n💡 Например: 150000')
    await h.send(h.u.text(user, '2'), h.u.text(user, '101'))
    // The example is one the question takes
    expect(h.fake.lastTextTo(user.id)).toBe('Нужно число не больше 100.\n💡 Например: 100')
    await h.send(h.u.text(user, '5'))
    for (const bad of ['anna', 'anna@', '@mail.ru']) await h.send(h.u.text(user, bad))
    expect(h.fake.lastTextTo(user.id)).toContain('Не похоже на адрес почты.\n💡 Например: name@mail.ru')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toEqual(['💬 Спросить менеджера', 'Пропустить →'])
    await press(h, user, 'Пропустить')
    expect(answersOf(h, user)).toEqual({ rooms: 2, floor: 5, email: '' })
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
  })

  it('a budget with thousands separators is read as typed: "150,000" in English, "1.500" asked which', async () => {
    const h = createHarness({
      content: contentFrom(`business:
  name: { ru: Студия, en: Studio }
  about: { ru: Ремонт, en: Renovation }
  timezone: Europe/Moscow
  hours:
    mon: ["10:00-19:00"]
discovery:
  questions:
    - key: budget
      text: { ru: "Ваш бюджет, ₽?", en: "Your budget, ₽?" }
      type: number
    - key: task
      text: { ru: Задача?, en: Task? }
      type: text
`),
    })
    const john = h.u.user(1207, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.callback(john, 'menu:discovery'), h.u.text(john, '150,000'))
    expect(h.fake.lastTextTo(john.id)).toContain('Task?')
    expect(answersOf(h, john)).toEqual({ budget: 150_000 })

    // A point before three digits is a thousand in Russian and a decimal in English: asked, not guessed
    const ira = h.u.user(1208, { first_name: 'Ира' })
    await h.send(h.u.callback(ira, 'menu:discovery'), h.u.text(ira, '1.500'))
    expect(h.fake.lastTextTo(ira.id)).toMatch(
      /^Что вы имели в виду: 1\s500 или 1,5\? Напишите, пожалуйста, одно из двух\./,
    )
    expect(answersOf(h, ira)).toEqual({})
    await h.send(h.u.text(ira, '1 500'))
    expect(h.fake.lastTextTo(ira.id)).toContain('Задача?')
    expect(answersOf(h, ira)).toEqual({ budget: 1500 })
  })

  it('a birthday with slashes is read the one way it can be, asked which when it reads two ways, and a two-digit year is not decades ahead', async () => {
    const h = createHarness({
      content: contentFrom(`business:
  name: { ru: Студия, en: Studio }
  about: { ru: Ремонт, en: Renovation }
  timezone: Europe/Moscow
  hours:
    mon: ["10:00-19:00"]
discovery:
  questions:
    - key: birthday
      text: { ru: Когда у вас день рождения?, en: When is your birthday? }
      type: date
    - key: task
      text: { ru: Задача?, en: Task? }
      type: text
`),
    })
    const mary = h.u.user(1209, { first_name: 'Mary', language_code: 'en' })
    await h.send(h.u.callback(mary, 'menu:discovery'), h.u.text(mary, '12/25/1990'))
    expect(h.fake.lastTextTo(mary.id)).toContain('Task?')
    expect(answersOf(h, mary)).toEqual({ birthday: '1990-12-25' })

    // "04/05/1990" is April 5 in American English and 4 May elsewhere: asked, not guessed
    const john = h.u.user(1210, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.callback(john, 'menu:discovery'), h.u.text(john, '04/05/1990'))
    expect(h.fake.lastTextTo(john.id)).toMatch(
      /^Did you mean 4 May 1990 or 5 April 1990\? Please type it with dots, day first: 04\.05\.1990 or 05\.04\.1990\./,
    )
    expect(answersOf(h, john)).toEqual({})
    await h.send(h.u.text(john, '05.04.1990'))
    expect(h.fake.lastTextTo(john.id)).toContain('Task?')
    expect(answersOf(h, john)).toEqual({ birthday: '1990-04-05' })
    expect(findClientByTelegramId(h.deps.db, john.id)?.birthday).toBe('1990-04-05')

    // A birthday with a two-digit year is last century's, not one decades ahead
    const olga = h.u.user(1211, { first_name: 'Ольга' })
    await h.send(h.u.callback(olga, 'menu:discovery'), h.u.text(olga, '24.11.90'))
    expect(findClientByTelegramId(h.deps.db, olga.id)?.birthday).toBe('1990-11-24')

    // A day without its year names no birthday: the question and its hint ask for the year
    const ira = h.u.user(1212, { first_name: 'Ира' })
    await h.send(h.u.callback(ira, 'menu:discovery'))
    expect(h.fake.lastTextTo(ira.id)).toContain('Напишите дату с годом, например 08.03.1990.')
    await h.send(h.u.text(ira, '8 марта'))
    expect(h.fake.lastTextTo(ira.id)).toBe('Не получилось прочитать дату.\n💡 Например: 08.03.1990')
    expect(answersOf(h, ira)).toEqual({})
  })

  const emailAndTask = discoveryContent(`    - key: email
      text: Ваш e-mail?
      type: email
    - key: task
      text: Задача?
      type: text
`)

  it('an answer corrected with Telegram’s Edit: the client is told it stays and where to change it', async () => {
    const h = createHarness({ content: emailAndTask })
    const user = h.u.user(1113)
    await h.send(h.u.callback(user, 'menu:discovery'))
    const typo = h.u.text(user, 'anna@exmaple.com')
    await h.send(typo)
    await h.send(h.u.edited(user, typo.message?.message_id as number, 'anna@example.com'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Исправленное сообщение ответ не меняет. Поменять ответ можно в итогах, кнопкой «✏️ Исправить».',
    )
    expect(answersOf(h, user)).toEqual({ email: 'anna@exmaple.com' })
    await h.send(h.u.text(user, 'Лендинг'))
    expect(answersOf(h, user)).toEqual({ email: 'anna@exmaple.com', task: 'Лендинг' })
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
  })

  it('an answer corrected with Edit after the summary, when no question waits, gets the same reply', async () => {
    const h = createHarness({ content: emailAndTask })
    const user = h.u.user(1115)
    const hello = h.u.text(user, 'Здравствуйте')
    await h.send(hello)
    await h.send(h.u.callback(user, 'menu:discovery'))
    const email = h.u.text(user, 'anna@exmaple.com')
    await h.send(email)
    const task = h.u.text(user, 'Лендинг')
    await h.send(task)
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
    const told = 'Исправленное сообщение ответ не меняет. Поменять ответ можно в итогах, кнопкой «✏️ Исправить».'
    // The last answer, and an earlier one: each is told it stays, and where it is changed
    for (const [update, text] of [
      [task, 'Лендинг с формой заявки'],
      [email, 'anna@example.com'],
    ] as const) {
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.edited(user, update.message?.message_id as number, text))
      expect(h.fake.textsTo(user.id).slice(before)).toEqual([told])
    }
    expect(answersOf(h, user)).toEqual({ email: 'anna@exmaple.com', task: 'Лендинг' })
    // A message that answered no question is not an answer changed: nothing to say about it
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.edited(user, hello.message?.message_id as number, 'Добрый день'))
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('with a manager reading the chat, an edited message is not answered by the question', async () => {
    const h = createHarness({ content: emailAndTask })
    const { user } = await clientInHandoff(h, 1114, 'Анна')
    await h.send(h.u.callback(user, 'menu:discovery'))
    const typo = h.u.text(user, 'anna@exmaple.com')
    await h.send(typo)
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.edited(user, typo.message?.message_id as number, 'anna@example.com'))
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([])
  })

  it('text where buttons are expected re-asks with the buttons; an exact label counts', async () => {
    const h = createHarness()
    const user = h.u.user(1203)
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, 'не помню'))
    const asked = () => h.fake.textsTo(user.id).filter((text) => text.includes('Вопрос 1 из 10'))
    expect(asked()).toHaveLength(2)
    expect(asked()[1]).toContain('Выберите, пожалуйста, вариант кнопкой 👇')
    expect(latestButtons(h, user.id)).toHaveLength(5)
    const photo = h.u.photo(user)
    await h.send(photo)
    expect(asked()).toHaveLength(3)
    expect(asked()[2]).toContain(
      '📎 Фото сохранено в переписке: позовёте менеджера — он его увидит. Выберите, пожалуйста, вариант кнопкой 👇',
    )
    await h.send(h.u.text(user, 'другое'))
    expect(answersOf(h, user)).toEqual({ source: 'other' })
    // As said: the photo follows the history into the client's topic
    await h.send(h.u.text(user, '/cancel'), h.u.text(user, '/manager'))
    await h.flush()
    const copied = h.fake.callsOf('copyMessage').filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(copied.map((c) => c.payload.message_id)).toEqual([photo.message?.message_id])
  })

  it('the first words of a label, before its comma or dash, name it when no other label starts so', async () => {
    const h = createHarness()
    const user = h.u.user(1210)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    await h.send(h.u.text(user, 'Нужен сайт для кофейни'))
    // «Нет, нужно сделать»
    await h.send(h.u.text(user, 'нет'))
    // «Есть ТЗ» and «Есть бриф или описание» both start with «Есть»: no guess, the buttons again
    await h.send(h.u.text(user, 'есть'))
    expect(String(h.fake.sentTo(user.id).at(-1)?.payload.text)).toContain('Выберите, пожалуйста, вариант кнопкой 👇')
    // «Нет — поможете составить?»
    await h.send(h.u.text(user, 'Нет!'))
    // «Срочно, за 2 недели»
    await h.send(h.u.text(user, 'срочно'))
    expect(answersOf(h, user)).toEqual({
      source: 'friends',
      task: 'Нужен сайт для кофейни',
      brand: 'none',
      brief: 'none',
      deadline: 'asap',
    })
  })

  it('a label said among a few words of the client’s own is that option; in a list with a word that is none, nothing', async () => {
    const h = createHarness()
    const user = h.u.user(1215)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, user)
    const hints = () => h.fake.textsTo(user.id).filter((t) => t.includes('вариант кнопкой')).length
    await h.send(h.u.text(user, 'думаю, в течение месяца'))
    expect(hints()).toBe(1)
    expect(answersOf(h, user).deadline).toBeUndefined()
    await h.send(h.u.text(user, 'думаю в течение месяца'))
    expect(answersOf(h, user)).toMatchObject({ deadline: 'month' })
    expect(h.fake.textsTo(user.id).join('\n')).toContain('✔️ В течение месяца')
    // A label as people type it: a word of it left out ("не знаю" for «Пока не знаю»), a slip in an ending
    await h.send(h.u.text(user, 'не знаю'))
    expect(answersOf(h, user)).toMatchObject({ budget: 'unknown' })
    expect(hints()).toBe(1)
    const other = h.u.user(1216)
    await h.send(h.u.callback(other, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, other)
    await h.send(h.u.text(other, 'в течении месяца'))
    expect(answersOf(h, other)).toMatchObject({ deadline: 'month' })
    // An amount in a label's range: "около 100 тысяч" is «60–150 тыс. ₽»
    await h.send(h.u.text(other, 'около 100 тысяч'))
    expect(answersOf(h, other)).toMatchObject({ budget: '60_150' })
    expect(h.fake.textsTo(other.id).join('\n')).toContain('✔️ 60–150 тыс. ₽')
  })

  it('an option typed by its place ("2", "второй") is that button; several joined with "и" tick each, not the first alone', async () => {
    const h = createHarness()
    const user = h.u.user(1217)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    await h.send(h.u.text(user, 'Нужен сайт для кофейни'))
    // «Есть только логотип», the second button
    await h.send(h.u.text(user, '2'))
    // «Нет — поможете составить?», the third
    await h.send(h.u.text(user, 'третий'))
    expect(answersOf(h, user)).toMatchObject({ brand: 'logo_only', brief: 'none' })
    // «Срочно, за 2 недели» has a digit of its own: "2" there is no place, the buttons again
    await h.send(h.u.text(user, '2'))
    expect(String(h.fake.sentTo(user.id).at(-1)?.payload.text)).toContain('Выберите, пожалуйста, вариант кнопкой 👇')
    await press(h, user, 'В течение месяца')
    await press(h, user, '60–150 тыс')
    await press(h, user, 'Пропустить')
    await h.send(h.u.text(user, 'цена и сроки'))
    expect(
      latestButtons(h, user.id)
        .map((b) => b.text)
        .slice(0, 4),
    ).toEqual(['✅ Цена', '▫️ Гарантия', '✅ Сроки', '▫️ Сервис и поддержка'])
    // A label with "и" in it is that label
    await h.send(h.u.text(user, 'сервис и поддержка'))
    expect(latestButtons(h, user.id)[3]?.text).toBe('✅ Сервис и поддержка')
    await press(h, user, 'Готово')
    expect(answersOf(h, user).priorities).toEqual(['price', 'speed', 'service'])
    expect(h.errors()).toEqual([])
  })

  it("the client's history shows a tapped option of a several-answers question as the tap left it", async () => {
    const h = createHarness()
    const user = h.u.user(1214)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, user)
    await press(h, user, 'В течение месяца')
    await press(h, user, '60–150 тыс')
    await press(h, user, 'Пропустить')
    await press(h, user, 'Цена')
    await press(h, user, 'Сроки')
    await press(h, user, 'Цена')
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const pressed = h.deps.sqlite
      .prepare("select text from messages where client_id = ? and type = 'button' order by id")
      .all(client.id) as { text: string }[]
    // Ticked, ticked, unticked: what staff read in the transcript is what the client chose
    expect(pressed.map((p) => p.text).slice(-3)).toEqual(['✅ Цена', '✅ Сроки', '▫️ Цена'])
    // A button that is no option keeps its words, a ✅ of its own included
    expect(pressed.map((p) => p.text)).toContain('Посоветовали знакомые')
  })

  it('at an optional question, “пропустить” typed is the Skip button’s word: skipped, not kept as the answer', async () => {
    const h = createHarness()
    const user = h.u.user(1215)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, user)
    await press(h, user, 'В течение месяца')
    await press(h, user, '60–150 тыс')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 7 из 10')
    await h.send(h.u.text(user, 'Пропустить'))
    expect(answersOf(h, user)).toMatchObject({ examples: '' })
    expect(h.fake.textsTo(user.id).at(-2)).toContain('✔️ пропущено')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 8 из 10')
    // And «назад» at a typed question with Back goes back, not kept as the answer
    await press(h, user, 'Цена')
    await press(h, user, 'Готово')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 9 из 10')
    await h.send(h.u.text(user, 'назад'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 8 из 10')
    expect(answersOf(h, user)).not.toHaveProperty('email')
    expect(h.errors()).toEqual([])
  })

  it('at a several-answers question an exact label ticks that option, as a tap would', async () => {
    const h = createHarness()
    const user = h.u.user(1204)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    await h.send(h.u.text(user, 'Нужны заявки на ремонт квартир'))
    await press(h, user, 'Есть только логотип')
    await press(h, user, 'Есть бриф')
    await press(h, user, 'В течение месяца')
    await press(h, user, '60–150 тыс')
    await press(h, user, 'Пропустить')
    expect(h.fake.lastTextTo(user.id)).toContain('Что для вас важнее всего?')
    const sent = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'Цена'), h.u.text(user, ' сроки '), h.u.text(user, 'Цена'))
    // Nothing new in the chat: the question's own buttons show the ticks
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    expect(
      latestButtons(h, user.id)
        .map((b) => b.text)
        .slice(0, 4),
    ).toEqual(['✅ Цена', '▫️ Гарантия', '✅ Сроки', '▫️ Сервис и поддержка'])
    await press(h, user, 'Готово')
    expect(answersOf(h, user).priorities).toEqual(['price', 'speed'])
  })

  it('at a several-answers question «готово» typed ends it as «Готово» pressed does; labels typed as a list tick each', async () => {
    const h = createHarness()
    const user = h.u.user(1215)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, user)
    await press(h, user, 'В течение месяца')
    await press(h, user, '60–150 тыс')
    await press(h, user, 'Пропустить')
    expect(h.fake.lastTextTo(user.id)).toContain('затем нажмите «Готово»')
    const sent = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'сроки, Гарантия'))
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    expect(
      latestButtons(h, user.id)
        .map((b) => b.text)
        .slice(0, 4),
    ).toEqual(['▫️ Цена', '✅ Гарантия', '✅ Сроки', '▫️ Сервис и поддержка'])
    // A list with a word that is no option ticks nothing: the buttons are offered again
    await h.send(h.u.text(user, 'цена, доставка'))
    expect(h.fake.sentTo(user.id).at(-1)?.payload.text).toContain('Выберите, пожалуйста, вариант кнопкой 👇')
    expect(latestButtons(h, user.id)[0]?.text).toBe('▫️ Цена')

    await h.send(h.u.text(user, 'готово'))
    expect(answersOf(h, user).priorities).toEqual(['guarantee', 'speed'])
    expect(h.fake.textsTo(user.id).at(-2)).toContain('✔️ Гарантия, Сроки')
    expect(h.fake.lastTextTo(user.id)).toContain('Куда прислать коммерческое предложение?')
    expect(h.errors()).toEqual([])
  })

  it('in English, "done" and "skip" typed answer as the Done and Skip buttons do; "done" with nothing ticked asks for a pick', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: contact
      text: { ru: Как с вами связаться?, en: How should we reach you? }
      type: choice
      required: false
      options:
        - { value: call, label: { ru: Звонок, en: A call } }
        - { value: chat, label: { ru: Переписка, en: A chat } }
    - key: extras
      text: { ru: Что ещё нужно?, en: What else do you need? }
      type: multi
      options:
        - { value: logo, label: { ru: Логотип, en: A logo } }
        - { value: seo, label: { ru: Продвижение, en: Search promotion } }`),
    })
    const user = h.u.user(1216, { language_code: 'en' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    expect(h.fake.lastTextTo(user.id)).toContain('How should we reach you?')
    await h.send(h.u.text(user, 'Skip'))
    expect(answersOf(h, user)).toEqual({ contact: '' })
    expect(h.fake.lastTextTo(user.id)).toContain('What else do you need?')
    await h.send(h.u.text(user, 'done'))
    expect(h.fake.lastTextTo(user.id)).toBe('Please pick at least one option.')
    await h.send(h.u.text(user, 'a logo'), h.u.text(user, 'DONE ✔️'))
    expect(answersOf(h, user)).toEqual({ contact: '', extras: ['logo'] })
    expect(h.fake.textsTo(user.id).some((t) => t.includes('Please pick an option with the buttons'))).toBe(false)
    expect(h.errors()).toEqual([])
  })
})

/** A client at the questionnaire's second question (the first answered with its first button). */
async function atSecondQuestion(id: number) {
  const h = createHarness()
  const user = h.u.user(id, { first_name: 'Ира' })
  await h.send(h.u.callback(user, 'menu:discovery'))
  await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
  expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 10')
  return { h, user }
}

describe('something after a slash in the questionnaire', () => {
  it('is no command unless it is one of the bot’s: the question waits and takes its answer', async () => {
    const { h, user } = await atSecondQuestion(1250)
    await h.send(h.u.text(user, '/не знаю пока, лендинг наверное'))
    expect(h.fake.lastTextTo(user.id)).toBe('Такой команды нет — продолжим с того же места. Выйти — /cancel.')
    await h.send(h.u.text(user, 'Лендинг для салона'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 10')
  })
})

describe('a command typed in capitals', () => {
  it('is the command: /Menu leaves the questionnaire for the menu, /START greets, an unknown one keeps the question', async () => {
    const { h, user } = await atSecondQuestion(1251)
    await h.send(h.u.text(user, '/ЛЕНДИНГ'))
    expect(h.fake.lastTextTo(user.id)).toBe('Такой команды нет — продолжим с того же места. Выйти — /cancel.')
    await h.send(h.u.text(user, '/Menu'))
    expect(h.fake.lastTextTo(user.id)).toBe('Чем займёмся? Выберите в меню 👇')
    await h.send(h.u.text(user, 'Лендинг для салона'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('Вопрос 3 из 10')
    await h.send(h.u.text(user, '/START'))
    // The greeting, then the question of consent to news
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Ира')
    expect(h.fake.textsTo(user.id).some((t) => t.includes('/start?'))).toBe(false)
    expect(h.errors()).toEqual([])
  })
})

describe("a number question's example", () => {
  it('is one its limits take, round where it can be', () => {
    expect(numberExample()).toBe(150_000)
    expect(numberExample(1, 40)).toBe(20)
    expect(numberExample(1)).toBe(150_000)
    expect(numberExample(200_000)).toBe(200_000)
    expect(numberExample(undefined, 100)).toBe(100)
    expect(numberExample(1, 2)).toBe(2)
    expect(numberExample(0.5, 0.7)).toBe(0.5)
  })
})

describe('needs discovery: back, skip, keep, edit, cancel', () => {
  it('Back shows the previous answer with "Keep"; walking forward keeps answers', async () => {
    const h = createHarness()
    const user = h.u.user(1301)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Яндекс Карты')
    await h.send(h.u.text(user, 'Сайт для автосервиса с записью'))
    await press(h, user, 'Назад')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 10')
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас: Сайт для автосервиса с записью')
    await press(h, user, 'Назад')
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас: Яндекс Карты или 2ГИС')
    expect(latestButtons(h, user.id).map((b) => b.text)).toContain('✓ Яндекс Карты или 2ГИС')
    await press(h, user, 'Посоветовали знакомые') // changes the answer
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 10') // the answered next one comes again
    await press(h, user, 'Оставить как есть')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 10')
    expect(answersOf(h, user)).toEqual({ source: 'friends', task: 'Сайт для автосервиса с записью' })
  })

  it('/brief starts it as the menu does, from the middle of the quiz too', async () => {
    const h = createHarness()
    const user = h.u.user(1303, { first_name: 'Ирина' })
    await h.send(h.u.callback(user, 'menu:quiz'))
    h.fake.clearCalls()
    await h.send(h.u.text(user, '/brief'))
    expect(h.fake.textsTo(user.id)[0]).toContain('Ирина, ответьте на несколько вопросов')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 1 из 10')
  })

  it('a question left with Back keeps its text, without the note on how to answer it', async () => {
    const h = createHarness()
    const user = h.u.user(1302)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await answerDemoDiscoveryOpening(h, user)
    for (const option of ['В течение месяца', '60–150 тыс', 'Пропустить']) await press(h, user, option)
    expect(h.fake.lastTextTo(user.id)).toContain('Можно выбрать несколько')
    await press(h, user, 'Назад')
    const left = h.fake.callsOf('editMessageText').at(-1)?.payload
    expect(left?.text).toBe('<b>Вопрос 8 из 10</b>\nЧто для вас важнее всего?')
    expect(left?.reply_markup).toBeUndefined()
  })

  it('a question with as many options as the content check allows shows with every button of its own', async () => {
    const cities = Array.from({ length: 96 }, (_, i) => `        - { value: c${i}, label: Город ${i} }`).join('\n')
    const h = createHarness({
      content: discoveryContent(`    - { key: name, text: Как вас зовут?, type: text }
    - key: city
      text: В каких городах работаете?
      type: multi
      required: false
      options:
${cities}
    - { key: task, text: Какая задача?, type: text }
`),
    })
    const user = h.u.user(1307)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await h.send(h.u.text(user, 'Анна'))
    await press(h, user, 'Город 5')
    await press(h, user, 'Готово')
    await press(h, user, 'Назад')
    // 96 options, Done, Back, Skip and Keep as it is: the 100 buttons Telegram takes under a message
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас: Город 5')
    expect(latestButtons(h, user.id)).toHaveLength(100)
    expect(h.errors()).toEqual([])
  })

  it('Edit changes one answer without redoing the rest and returns to the summary', async () => {
    const h = createHarness()
    const user = h.u.user(1302)
    await answerDemoDiscovery(h, user)
    const before = answersOf(h, user)
    await press(h, user, 'Исправить')
    expect(h.fake.lastTextTo(user.id)).toBe('Какой ответ поправить? Остальные останутся как есть.')
    const list = h.fake.messageWithButton(user.id, buttonData(h, user, 'Определён ли бюджет')) as number
    await press(h, user, 'Определён ли бюджет')
    // The list shows which answer is changed and keeps no buttons: one way to each edit
    expect(h.fake.keyboardOf(user.id, list)).toBeUndefined()
    expect(h.fake.emulator.chat(user.id).messages.get(list)?.message.text).toBe(
      'Какой ответ поправить? Остальные останутся как есть.\n\n✔️ Определён ли бюджет? В каких рамках?',
    )
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас: 60–150 тыс. ₽')
    expect(latestButtons(h, user.id).map((b) => b.text)).not.toContain('← Назад')
    await press(h, user, '150–300')
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
    expect(h.fake.lastTextTo(user.id)).toContain('150–300 тыс. ₽')
    expect(answersOf(h, user)).toEqual({ ...before, budget: '150_300' })
    expect(eventCount(h, user, FUNNEL.discoveryDone)).toBe(1)

    await press(h, user, 'Исправить')
    await press(h, user, 'К итогам')
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
  })

  it('a summary made before an answer changed is out of date: its ✅ shows the new one, and the thanks come once', async () => {
    const h = createHarness()
    const user = h.u.user(1307)
    await answerDemoDiscovery(h, user)
    const firstOk = buttonData(h, user, 'Всё верно')
    const first = h.fake.messageWithButton(user.id, firstOk) as number
    await press(h, user, 'Исправить')
    await press(h, user, 'Определён ли бюджет')
    await press(h, user, '150–300')
    expect(h.fake.lastTextTo(user.id)).toContain('150–300 тыс. ₽')

    // The first summary still says 60–150: confirming it would confirm what the client changed
    const summaries = () => h.fake.textsTo(user.id).filter((t) => t.startsWith('Вот что получилось')).length
    const before = summaries()
    await h.send(h.u.callback(user, firstOk, { messageId: first }))
    expect(lastToast(h)).toBe('Итоги изменились — вот актуальные')
    expect(h.fake.keyboardOf(user.id, first)).toBeUndefined() // its buttons are gone
    expect(summaries()).toBe(before + 1)
    expect(h.fake.lastTextTo(user.id)).toContain('150–300 тыс. ₽')

    await press(h, user, 'Всё верно')
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('Спасибо'))).toHaveLength(1)
  })

  it('the question from Edit, left for the menu and then answered on screen, changes the answer', async () => {
    const h = createHarness()
    const user = h.u.user(1306)
    await answerDemoDiscovery(h, user)
    const before = answersOf(h, user)
    await press(h, user, 'Исправить')
    await press(h, user, 'Определён ли бюджет')
    const under60 = buttonData(h, user, 'до 60')
    await h.send(h.u.callback(user, 'menu:about'))
    await h.send(h.u.callback(user, under60))
    expect(lastToast(h)).toBeUndefined()
    expect(answersOf(h, user)).toEqual({ ...before, budget: 'lt60' })
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
    expect(h.fake.lastTextTo(user.id)).toContain('до 60 тыс. ₽')
    expect(eventCount(h, user, FUNNEL.discoveryDone)).toBe(1)
  })

  it('/cancel stops anywhere and keeps the answers; the client continues later where they stopped', async () => {
    const h = createHarness()
    const user = h.u.user(1303, { first_name: 'Вера' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    await h.send(h.u.text(user, 'Нужен сайт для пекарни'))
    await h.send(h.u.text(user, '/cancel'))
    expect(h.fake.lastTextTo(user.id)).toContain('Хорошо, остановились. Ваши ответы сохранены')
    await h.send(h.u.text(user, 'Есть только логотип'))
    expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
    expect(answersOf(h, user)).toEqual({ source: 'search', task: 'Нужен сайт для пекарни' })

    await h.send(h.u.callback(user, 'menu:discovery'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe(
      'С возвращением, Вера! Ваши ответы сохранены — продолжим с вопроса 3 из 10.',
    )
    expect(h.fake.lastTextTo(user.id)).toContain('Есть ли у вас фирменный стиль')
  })

  it('an optional multi-choice question with nothing picked counts as skipped; a required one asks for a pick', async () => {
    const h = createHarness()
    const user = h.u.user(1304)
    await h.send(h.u.callback(user, 'menu:discovery'))
    for (const label of ['Поиск', 'Есть и стиль']) {
      if (label === 'Есть и стиль') await h.send(h.u.text(user, 'Сайт для клиники с онлайн-записью'))
      await press(h, user, label)
    }
    await press(h, user, 'Есть ТЗ')
    await press(h, user, 'Срочно')
    await press(h, user, 'Пока не знаю')
    await h.send(h.u.text(user, 'https://example.com'))
    // priorities (required multi)
    await press(h, user, 'Готово')
    expect(lastToast(h)).toBe('Выберите хотя бы один вариант.')
    await press(h, user, 'Гарантия')
    await press(h, user, 'Сервис')
    await press(h, user, 'Гарантия')
    expect(
      latestButtons(h, user.id)
        .map((b) => b.text)
        .slice(0, 4),
    ).toEqual(['▫️ Цена', '▫️ Гарантия', '▫️ Сроки', '✅ Сервис и поддержка'])
    await press(h, user, 'Цена')
    await press(h, user, 'Готово')
    expect(answersOf(h, user).priorities).toEqual(['price', 'service'])
    expect(h.fake.textsTo(user.id).at(-2)).toContain('✔️ Цена, Сервис и поддержка')
  })
})

describe('needs discovery: progress survives restarts and version bumps', () => {
  it('a new bot instance on the same database continues the conversation', async () => {
    const h = createHarness()
    const user = h.u.user(1401)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Другое')
    const after = h.restart()
    await after.send(after.u.text(user, 'Сайт для студии йоги с расписанием'))
    expect(after.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 10')
    expect(answersOf(after, user)).toEqual({ source: 'other', task: 'Сайт для студии йоги с расписанием' })
  })

  it('dropped conversation state (a version bump) loses no answer: the tap on the question on screen counts', async () => {
    const h = createHarness()
    const user = h.u.user(1402)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Другое')
    await h.send(h.u.text(user, 'Сайт для студии йоги с расписанием'))
    const brandButton = buttonData(h, user, 'Есть только логотип')
    h.deps.db.delete(kv).run() // what a CONVERSATIONS_VERSION bump does to in-flight conversations
    await h.send(h.u.callback(user, brandButton))
    expect(lastToast(h)).toBeUndefined()
    expect(answersOf(h, user)).toMatchObject({ source: 'other', brand: 'logo_only' })
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 4 из 10')
    // Question 3 was not asked again
    expect(h.fake.sentTo(user.id).filter((c) => String(c.payload.text).includes('Вопрос 3 из 10'))).toHaveLength(1)
  })
})

describe('needs discovery: a paste longer than a message', () => {
  it('the parts Telegram splits it into are one answer refused as too long, not the tail stored as the answer', async () => {
    const h = createHarness()
    const user = h.u.user(1510)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    // 5,000 characters: two messages
    const replies = await pasteLong(h, user, 'Нам нужен сайт. '.repeat(313).slice(0, 5_000))
    expect(replies).toHaveLength(1)
    expect(replies[0]).toContain('Слишком длинно')
    expect(answersOf(h, user)).toEqual({ source: 'friends' })
    // A shorter answer written a minute later is the answer
    await writeLater(h, user, 'Нужны заявки на ремонт квартир')
    expect(answersOf(h, user)).toEqual({ source: 'friends', task: 'Нужны заявки на ремонт квартир' })
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 10')
  })
})

describe('needs discovery: stale, forged and foreign input', () => {
  it('a double tap stores once; an old question’s button is answered as old', async () => {
    const h = createHarness()
    const user = h.u.user(1501)
    await h.send(h.u.callback(user, 'menu:discovery'))
    const first = buttonData(h, user, 'Поиск')
    await h.send(h.u.callback(user, first), h.u.callback(user, first))
    expect(lastToast(h)).toBeUndefined() // the second tap of a double tap is answered quietly
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('Вопрос 2 из 10'))).toHaveLength(1)
    h.clock.advance(5_000) // the first question's button, pressed again later
    await h.send(h.u.callback(user, first))
    expect(lastToast(h)).toBe('Эта кнопка от другого вопроса — ответьте, пожалуйста, на последний 👇')
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('Вопрос 2 из 10'))).toHaveLength(1)
    expect(answersOf(h, user)).toEqual({ source: 'search' })
  })

  it('forged question data is answered and stores nothing', async () => {
    const h = createHarness()
    const user = h.u.user(1502)
    await h.send(h.u.callback(user, 'menu:discovery'))
    const real = buttonData(h, user, 'Поиск')
    for (const data of ['dq:source:zzzzzz:o:0', real.replace(/o:0$/, 'o:99'), real.replace(/o:0$/, 's:0'), 'dq:']) {
      await h.send(h.u.callback(user, data))
      expect(lastToast(h)).toBe('Эта кнопка от другого вопроса — ответьте, пожалуйста, на последний 👇')
    }
    expect(answersOf(h, user)).toEqual({})
    await press(h, user, 'Поиск') // still waiting for the real answer
    expect(answersOf(h, user)).toEqual({ source: 'search' })
  })

  it('another feature’s button ends the question (never trapped); summary buttons of an unfinished discovery resume it', async () => {
    const h = createHarness()
    const user = h.u.user(1503)
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.callback(user, 'menu:about'))
    expect(h.fake.lastTextTo(user.id)).toContain('Работаем:')
    await h.send(h.u.text(user, 'Поиск в Яндексе или Google'))
    expect(answersOf(h, user)).toEqual({})
    await h.send(h.u.callback(user, 'ds:ok'))
    expect(lastToast(h)).toBe('Остались вопросы без ответа — продолжим')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 1 из 10')
    await h.send(h.u.callback(user, 'ds:hack'), h.u.callback(user, 'de:Budget'))
    expect(lastToast(h)).toBe('Эта кнопка уже неактуальна. Откройте /menu')
    expect(h.errors()).toEqual([])
  })

  it('a content change between two answers: the old button is refused, the new version asked, nothing stored wrongly', async () => {
    const h = createHarness()
    const user = h.u.user(1504)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    await h.send(h.u.text(user, 'Сайт для цветочного магазина'))
    const oldButton = buttonData(h, user, 'Есть только логотип')
    const changed = DEMO_YAML.replace(
      '- { value: logo_only, label: { ru: Есть только логотип, en: Only a logo } }',
      '- { value: logo, label: { ru: Только логотип, en: Only a logo } }',
    )
    expect(h.deps.content.replace(changed, 'upload').ok).toBe(true)
    await h.send(h.u.callback(user, oldButton))
    expect(lastToast(h)).toBe('Вопрос только что обновился — вот актуальная версия.')
    expect(latestButtons(h, user.id).map((b) => b.text)).toContain('Только логотип')
    expect(answersOf(h, user).brand).toBeUndefined()
    await press(h, user, 'Только логотип')
    expect(answersOf(h, user).brand).toBe('logo')
  })

  it('a question removed while the client types: the answer is not stored, the next open question follows', async () => {
    const h = createHarness()
    const user = h.u.user(1505)
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    const start = DEMO_YAML.indexOf('    - key: task')
    const end = DEMO_YAML.indexOf('    - key: brand')
    expect(h.deps.content.replace(DEMO_YAML.slice(0, start) + DEMO_YAML.slice(end), 'upload').ok).toBe(true)
    await h.send(h.u.text(user, 'Сайт для цветочного магазина'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe('Список вопросов обновился — продолжим с актуального.')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 9</b>\nЕсть ли у вас фирменный стиль')
    expect(answersOf(h, user)).toEqual({ source: 'search' })
  })

  it('the content file drops the only open question: the discovery is complete, with its stage and funnel event', async () => {
    const h = createHarness()
    const user = h.u.user(1506)
    await answerDemoDiscovery(h, user)
    const client = findClientByTelegramId(h.deps.db, user.id)
    // Start over as a client who stopped before the last question
    h.deps.db
      .delete(events)
      .where(eq(events.clientId, client?.id ?? -1))
      .run()
    const start = DEMO_YAML.indexOf('    # The last question decides the route')
    const end = DEMO_YAML.indexOf('# ====', start)
    expect(h.deps.content.replace(DEMO_YAML.slice(0, start) + DEMO_YAML.slice(end), 'upload').ok).toBe(true)
    await h.send(h.u.callback(user, 'menu:discovery'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вот что получилось')
    expect(eventCount(h, user, FUNNEL.discoveryDone)).toBe(1)
  })
})
