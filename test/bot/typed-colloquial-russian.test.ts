/**
 * Answers a Russian-speaking tester typed as people say them in conversation, instead of pressing
 * a button: a time with "часиков в 5" or "часов в 5" at the booking's day picker, a day with its
 * part and an hour in it («четверг после обеда часа в 4», or with no day where the day is known:
 * «после обеда часа в 4» at a day's times), a timeline in a span («ну через месяц
 * наверно») or by a date («ну к новому году хотелось бы»), a page count
 * with its word at the quiz ("10 страниц", «страниц 5 наверно»), a budget in "тыр" or "тыщ", in «т.р.», in words
 * («тысяч сто двадцать», «полтора миллиона») or from and up to an amount («от 100 тысяч»), and an
 * answer dictated with the filler of speech around it («ну значит так мне нужно чтоб заявки собирал»).
 */
import { describe, expect, it, vi } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { bookingsOf } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { discoveryContent, press } from '../helpers/flows.ts'
import { createHarness, type Harness } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

function answersOf(h: Harness, user: TestUser, flow: 'discovery' | 'quiz'): Record<string, unknown> {
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client) return {}
  return Object.fromEntries(listAnswers(h.deps.db, client.id, flow).map((a) => [a.questionKey, a.value]))
}

const USE_BUTTONS = 'Выберите, пожалуйста, вариант кнопкой'

describe('a rough time said with "часиков", "часов", "часика" at the day picker', () => {
  // The fake clock starts on Monday 23 November 2026, 12:00 in Moscow, the demo's zone; the studio
  // works 10–19 on weekdays, so "5" is 17:00
  it('"завтра часиков в 5", "в понедельник часов в 6", "завтра к 6 часам" book that time, as "в четверг в 5" does', async () => {
    const h = createHarness()
    // (Each at its own time: a time booked is no longer free for the next client)
    for (const [n, [typed, start]] of (
      [
        ['завтра часиков в 5', '2026-11-24T14:00Z'],
        ['в понедельник часиков в 5', '2026-11-30T14:00Z'],
        ['в понедельник часов в 6', '2026-11-30T15:00Z'],
        ['завтра часика в 3', '2026-11-24T12:00Z'],
        ['завтра в 4 часика', '2026-11-24T13:00Z'],
        ['завтра к 6 часам', '2026-11-24T15:00Z'],
        ['в среду часам к 5', '2026-11-25T14:00Z'],
        ['в среду около 4', '2026-11-25T13:00Z'],
        ['в среду где-то в 3', '2026-11-25T12:00Z'],
        ['в четверг часиков в 11', '2026-11-26T08:00Z'],
        // What worked before keeps working
        ['в четверг в 5', '2026-11-26T14:00Z'],
        ['в понедельник к 4', '2026-11-30T13:00Z'],
        ['в четверг часа в 3', '2026-11-26T12:00Z'],
      ] as const
    ).entries()) {
      const user = h.u.user(7601 + n, { first_name: 'Вера' })
      await h.send(h.u.text(user, '/book'), h.u.text(user, typed))
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain(USE_BUTTONS)
      expect(h.fake.lastTextTo(user.id), typed).toContain('На какой номер позвонить?')
      await h.send(h.u.text(user, `+7 916 123-45-${String(10 + n)}`))
      await h.send(h.u.callback(user, 'bk:skip'))
      await h.send(h.u.callback(user, 'bk:ok'))
      expect(bookingsOf(h, user), typed).toMatchObject([{ slotStart: Date.parse(start), status: 'booked' }])
    }
    expect(h.errors()).toEqual([])
  })

  it('"часов 5" with no "в" is a duration ("about five hours"), no time: the buttons are asked for', async () => {
    const h = createHarness()
    const user = h.u.user(7630, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/book'), h.u.text(user, 'завтра часов 5'))
    expect(h.fake.lastTextTo(user.id)).toContain(USE_BUTTONS)
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('a day, the part of it and an hour in that part said together at the day picker', () => {
  // Thursday 26 and Friday 27 November 2026; Moscow is UTC+3
  it('«ЧЕТВЕРГ ПОСЛЕ ОБЕДА ЧАСА В 4» books Thursday 16:00, «в пятницу ближе к вечеру часов в 6» Friday 18:00', async () => {
    const h = createHarness()
    for (const [n, [typed, start, shown]] of (
      [
        ['ЧЕТВЕРГ ПОСЛЕ ОБЕДА ЧАСА В 4', '2026-11-26T13:00Z', 'четверг, 26 ноября, 16:00–16:30'],
        ['в пятницу ближе к вечеру часов в 6', '2026-11-27T15:00Z', 'пятница, 27 ноября, 18:00–18:30'],
      ] as const
    ).entries()) {
      const user = h.u.user(7631 + n, { first_name: 'Вера' })
      await h.send(h.u.text(user, '/book'), h.u.text(user, typed))
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain(USE_BUTTONS)
      expect(h.fake.lastTextTo(user.id), typed).toContain(`✔️ Звонок: ${shown}`)
      await h.send(h.u.text(user, `+7 916 123-45-2${n}`))
      await h.send(h.u.callback(user, 'bk:skip'))
      await h.send(h.u.callback(user, 'bk:ok'))
      expect(bookingsOf(h, user), typed).toMatchObject([{ slotStart: Date.parse(start), status: 'booked' }])
    }
    expect(h.errors()).toEqual([])
  })

  it('16:00 taken, «четверг после обеда часа в 4» says so above the afternoon’s times', async () => {
    const h = createHarness()
    const first = h.u.user(7635, { first_name: 'Вера' })
    await h.send(h.u.text(first, '/book'), h.u.text(first, 'в четверг в 16'))
    await h.send(h.u.text(first, '+7 916 123-45-30'))
    await h.send(h.u.callback(first, 'bk:skip'))
    await h.send(h.u.callback(first, 'bk:ok'))
    expect(bookingsOf(h, first)).toMatchObject([{ slotStart: Date.parse('2026-11-26T13:00Z') }])
    const user = h.u.user(7636, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/book'), h.u.text(user, 'ЧЕТВЕРГ ПОСЛЕ ОБЕДА ЧАСА В 4'))
    const times = h.fake.lastButtonsTo(user.id).map((b) => b.text)
    // Its times after lunch, 16:00 not among them
    expect(times).toContain('14:00')
    expect(times).not.toContain('16:00')
    expect(times).not.toContain('10:00')
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('the part of the day and an hour in it, with no day, said where the day is known', () => {
  it('at a day\'s times: «после обеда часа в 4», «утром в 11», "in the afternoon around 4" take that time', async () => {
    for (const [n, [typed, language, shown]] of (
      [
        ['после обеда часа в 4', 'ru', '✔️ Звонок: вторник, 24 ноября, 16:00–16:30'],
        ['ну ближе к вечеру часов в 6', 'ru', '✔️ Звонок: вторник, 24 ноября, 18:00–18:30'],
        ['утром в 11', 'ru', '✔️ Звонок: вторник, 24 ноября, 11:00–11:30'],
        ['in the afternoon around 4', 'en', '✔️ Call: Tuesday 24 November, 16:00–16:30'],
      ] as const
    ).entries()) {
      const h = createHarness()
      const user = h.u.user(7641 + n, { first_name: 'Вера', language_code: language })
      await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toContain(shown)
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('an hour the part of the day disagrees with («утром в 5 вечера») or one refused («утром в 11 нет») is not taken', async () => {
    for (const [n, typed] of ['утром в 5 вечера', 'утром в 11 нет'].entries()) {
      const h = createHarness()
      const user = h.u.user(7651 + n, { first_name: 'Вера' })
      await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).not.toContain('✔️ Звонок')
      expect(bookingsOf(h, user), typed).toEqual([])
    }
  })

  it('at the day picker, «утром в 11» asks which day, and the day picked takes 11:00', async () => {
    const h = createHarness()
    const user = h.u.user(7661, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/book'), h.u.text(user, 'утром в 11'))
    expect(h.fake.lastTextTo(user.id)).toContain('В какой день вам удобно в 11:00')
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    expect(h.fake.textsTo(user.id).at(-2)).toContain('✔️ 11:00')
    expect(h.errors()).toEqual([])
  })
})

describe('a timeline said as a span at a question whose options are spans', () => {
  it('«ну через месяц наверно» is «В течение месяца» at the quiz, «наверное через пару недель» «Срочно, за 2 недели» at the questionnaire', async () => {
    const h = createHarness()
    const quiz = h.u.user(7637, { first_name: 'Галина' })
    await h.send(h.u.text(quiz, '/quiz'))
    await press(h, quiz, 'Собирать заявки')
    await press(h, quiz, 'Одна страница')
    await h.send(h.u.text(quiz, 'ну через месяц наверно'))
    expect(answersOf(h, quiz, 'quiz').urgency).toBe('month')
    expect(h.fake.textsTo(quiz.id).join('\n')).toContain('✔️ В течение месяца')
    expect(h.fake.textsTo(quiz.id).join('\n')).not.toContain(USE_BUTTONS)
    const asked = h.u.user(7638, { first_name: 'Вера' })
    await h.send(h.u.callback(asked, 'menu:discovery'))
    await press(h, asked, 'Посоветовали знакомые')
    await h.send(h.u.text(asked, 'Нужен сайт для пекарни'))
    await press(h, asked, 'Есть только логотип')
    await press(h, asked, 'Есть бриф')
    await h.send(h.u.text(asked, 'наверное через пару недель'))
    expect(answersOf(h, asked, 'discovery').deadline).toBe('asap')
    expect(h.fake.textsTo(asked.id).join('\n')).toContain('✔️ Срочно, за 2 недели')
    // Far from every option, none is guessed: the buttons
    const far = h.u.user(7639, { first_name: 'Вера' })
    await h.send(h.u.callback(far, 'menu:discovery'))
    await press(h, far, 'Посоветовали знакомые')
    await h.send(h.u.text(far, 'Нужен сайт для пекарни'))
    await press(h, far, 'Есть только логотип')
    await press(h, far, 'Есть бриф')
    await h.send(h.u.text(far, 'через полгода'))
    expect(answersOf(h, far, 'discovery').deadline).toBeUndefined()
    expect(h.fake.textsTo(far.id).join('\n')).toContain(USE_BUTTONS)
    expect(h.errors()).toEqual([])
  })
})

describe('a count typed with its word at a quiz question whose labels count the same', () => {
  async function atSize(h: Harness, id: number): Promise<TestUser> {
    const user = h.u.user(id, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Собирать заявки')
    expect(h.fake.lastTextTo(user.id)).toContain('Сколько страниц или товаров будет на сайте?')
    return user
  }

  it('"10 страниц", "страниц 10", "12 страничек" pick «5–15 страниц»; "10 товаров" or "60 страниц" none', async () => {
    const h = createHarness()
    for (const [n, typed] of ['10 страниц', 'страниц 10', 'около 12 страничек'].entries()) {
      const user = await atSize(h, 7640 + n)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'quiz').size, typed).toBe('few')
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain('✔️ 5–15 страниц')
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain(USE_BUTTONS)
    }
    // Another unit is not the label's: ten products are no catalogue of 50, nor 60 pages one of 5–15
    for (const [n, typed] of ['10 товаров', '60 страниц', '10 дней'].entries()) {
      const user = await atSize(h, 7650 + n)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'quiz').size, typed).toBeUndefined()
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain(USE_BUTTONS)
    }
    // …but a catalogue's count of products is
    const big = await atSize(h, 7660)
    await h.send(h.u.text(big, '200 товаров'))
    expect(answersOf(h, big, 'quiz').size).toBe('catalog')
    expect(h.errors()).toEqual([])
  })

  it('«одну страничку наверное» picks «Одна страница»: its own word in another case, a diminutive, a hedge after', async () => {
    const h = createHarness()
    for (const [n, typed] of ['одну страничку наверное', 'пожалуй одну страницу'].entries()) {
      const user = await atSize(h, 7665 + n)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'quiz').size, typed).toBe('one')
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain('✔️ Одна страница')
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain(USE_BUTTONS)
    }
    // «Страничку» alone is in two labels («5–15 страниц» too): the buttons again
    const either = await atSize(h, 7668)
    await h.send(h.u.text(either, 'страничку наверное'))
    expect(answersOf(h, either, 'quiz').size).toBeUndefined()
    expect(h.fake.textsTo(either.id).join('\n')).toContain(USE_BUTTONS)
    expect(h.errors()).toEqual([])
  })
})

describe('a budget typed in "тыр" or "тыщ"', () => {
  async function atBudget(h: Harness, user: TestUser): Promise<void> {
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    await h.send(h.u.text(user, 'Нужен сайт для пекарни'))
    await press(h, user, 'Есть только логотип')
    await press(h, user, 'Есть бриф')
    await press(h, user, 'В течение месяца')
    expect(h.fake.lastTextTo(user.id)).toContain('Определён ли бюджет?')
  }

  it('"120 тыр", "120 тыщ", "тыщ 120", "120 тр", "120 к" are 120 thousand, as "120 тыс" is', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      '120 тыр',
      '120 тыщ',
      'тыщ 120',
      'около 120 тыщ',
      '120 тр',
      '120 к',
      '120 тыс',
    ].entries()) {
      const user = h.u.user(7670 + n, { first_name: 'Вера' })
      await atBudget(h, user)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').budget, typed).toBe('60_150')
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain(USE_BUTTONS)
    }
    expect(h.errors()).toEqual([])
  })
})

describe('a budget said in words, in «т.р.», or from or up to an amount', () => {
  async function atBudget(h: Harness, user: TestUser): Promise<void> {
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    await h.send(h.u.text(user, 'Нужен сайт для пекарни'))
    await press(h, user, 'Есть только логотип')
    await press(h, user, 'Есть бриф')
    await press(h, user, 'В течение месяца')
    expect(h.fake.lastTextTo(user.id)).toContain('Определён ли бюджет?')
  }

  it('«тысяч сто двадцать», «сто двадцать тысяч», «120 т.р.», «полтора миллиона», «около 50к», «от 100 тысяч» pick the band the digits pick', async () => {
    const h = createHarness()
    for (const [n, [typed, band, label]] of (
      [
        ['тысяч сто двадцать', '60_150', '60–150 тыс. ₽'],
        ['сто двадцать тысяч', '60_150', '60–150 тыс. ₽'],
        ['сто двадцать тысяч рублей', '60_150', '60–150 тыс. ₽'],
        ['120 т.р.', '60_150', '60–150 тыс. ₽'],
        ['120 тр', '60_150', '60–150 тыс. ₽'],
        ['полтора миллиона', 'gt300', 'больше 300 тыс. ₽'],
        ['полмиллиона', 'gt300', 'больше 300 тыс. ₽'],
        ['около 50к', 'lt60', 'до 60 тыс. ₽'],
        ['где-то двести тысяч', '150_300', '150–300 тыс. ₽'],
        ['от 100 тысяч', '60_150', '60–150 тыс. ₽'],
        // Where two bands meet, "от" is the one that starts there and "до" the one that ends there
        ['от 150 тысяч', '150_300', '150–300 тыс. ₽'],
        ['до 150 тысяч', '60_150', '60–150 тыс. ₽'],
        ['больше 300', 'gt300', 'больше 300 тыс. ₽'],
        // A range typed: the band both its ends are in
        ['от 100 до 150 тысяч', '60_150', '60–150 тыс. ₽'],
        ['100-150к', '60_150', '60–150 тыс. ₽'],
      ] as const
    ).entries()) {
      const user = h.u.user(7701 + n, { first_name: 'Вера' })
      await atBudget(h, user)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').budget, typed).toBe(band)
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain(`✔️ ${label}`)
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain(USE_BUTTONS)
    }
    expect(h.errors()).toEqual([])
  })

  it('a number word of something else, a range over two bands or a bare «пять» picks none: the buttons are asked for', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'у нас два магазина',
      'сто лет не обновляли сайт',
      'пять',
      'сто-двести тысяч',
      'от 100 до 200 тысяч',
    ].entries()) {
      const user = h.u.user(7731 + n, { first_name: 'Вера' })
      await atBudget(h, user)
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'discovery').budget, typed).toBeUndefined()
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain(USE_BUTTONS)
    }
    expect(h.errors()).toEqual([])
  })

  it('at a number question: «сто двадцать тысяч», «120к», «полтора миллиона», «около 50к» are that number; «от 100 тысяч» or other words are asked again', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: budget
      text: { ru: "Ваш бюджет, ₽?", en: "Your budget, ₽?" }
      type: number
    - key: task
      text: { ru: Задача?, en: Task? }
      type: text
`),
    })
    for (const [n, [typed, value]] of (
      [
        ['сто двадцать тысяч', 120_000],
        ['тысяч сто двадцать', 120_000],
        ['120к', 120_000],
        ['120 тыс', 120_000],
        ['120 т.р.', 120_000],
        ['полтора миллиона', 1_500_000],
        ['около 50к', 50_000],
        ['двести пятьдесят', 250],
      ] as const
    ).entries()) {
      const user = h.u.user(7741 + n, { first_name: 'Вера' })
      await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toContain('Задача?')
      expect(answersOf(h, user, 'discovery'), typed).toEqual({ budget: value })
    }
    // A range is no number, nor are words of something else: asked again, nothing kept
    for (const [n, typed] of ['от 100 тысяч', 'сто лет', '120 тысяч долларов'].entries()) {
      const user = h.u.user(7761 + n, { first_name: 'Вера' })
      await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toContain('Здесь нужно одно число')
      expect(answersOf(h, user, 'discovery'), typed).toEqual({})
    }
    expect(h.errors()).toEqual([])
  })
})

describe('an answer dictated with the filler of speech around it', () => {
  async function atQuiz(h: Harness, id: number, answered: readonly string[]): Promise<TestUser> {
    const user = h.u.user(id, { first_name: 'Ольга' })
    await h.send(h.u.text(user, '/quiz'))
    for (const option of answered) await press(h, user, option)
    return user
  }

  it('«ну значит так мне нужно чтоб заявки собирал», «ой нет подождите я передумала мне наверно магазин нужен чтоб продавать» pick their option', async () => {
    const h = createHarness()
    for (const [n, [typed, value, shown]] of (
      [
        ['ну значит так мне нужно чтоб заявки собирал', 'leads', '✔️ Собирать заявки'],
        ['ой нет подождите я передумала мне наверно магазин нужен чтоб продавать', 'sell', '✔️ Продавать онлайн'],
        ['ну вот мне надо чтобы продавать', 'sell', '✔️ Продавать онлайн'],
      ] as const
    ).entries()) {
      const user = await atQuiz(h, 7771 + n, [])
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'quiz').goal, typed).toBe(value)
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain(shown)
      expect(h.fake.textsTo(user.id).join('\n'), typed).not.toContain(USE_BUTTONS)
    }
    // Fillers do not make two options one, nor a «не» an option
    for (const [n, typed] of [
      'ну мне нужно чтоб заявки собирал и продавать',
      'ну мне не нужно продавать',
      'ну значит так мне нужно чтоб красиво было',
    ].entries()) {
      const user = await atQuiz(h, 7781 + n, [])
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'quiz').goal, typed).toBeUndefined()
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain(USE_BUTTONS)
    }
    expect(h.errors()).toEqual([])
  })

  it('«страниц 5 наверно» is «5–15 страниц», as «5 страниц» is', async () => {
    const h = createHarness()
    for (const [n, typed] of ['страниц 5 наверно', 'ну страниц 5 думаю'].entries()) {
      const user = await atQuiz(h, 7791 + n, ['Собирать заявки'])
      await h.send(h.u.text(user, typed))
      expect(answersOf(h, user, 'quiz').size, typed).toBe('few')
      expect(h.fake.textsTo(user.id).join('\n'), typed).toContain('✔️ 5–15 страниц')
    }
    expect(h.errors()).toEqual([])
  })

  it('«ну к новому году хотелось бы» is read from the day it is said: within a month in December, in 2–3 months in October', async () => {
    // The message's own date is the day it is read from: Telegram's, which the updates take from Date
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      for (const [n, [today, value, shown]] of (
        [
          ['2026-12-07T09:00Z', 'month', '✔️ В течение месяца'],
          ['2026-10-20T09:00Z', 'later', '✔️ Через 2–3 месяца'],
        ] as const
      ).entries()) {
        vi.setSystemTime(Date.parse(today))
        const h = createHarness({ clock: createFakeClock(today) })
        const user = await atQuiz(h, 7795 + n, ['Собирать заявки', 'Одна страница'])
        await h.send(h.u.text(user, 'ну к новому году хотелось бы'))
        expect(answersOf(h, user, 'quiz').urgency, today).toBe(value)
        expect(h.fake.textsTo(user.id).join('\n'), today).toContain(shown)
        expect(h.errors()).toEqual([])
      }
      // In September the New Year is four months away: no option is near, the buttons are asked for
      vi.setSystemTime(Date.parse('2026-09-01T09:00Z'))
      const h = createHarness({ clock: createFakeClock('2026-09-01T09:00Z') })
      const far = await atQuiz(h, 7799, ['Собирать заявки', 'Одна страница'])
      await h.send(h.u.text(far, 'ну к новому году хотелось бы'))
      expect(answersOf(h, far, 'quiz').urgency).toBeUndefined()
      expect(h.fake.textsTo(far.id).join('\n')).toContain(USE_BUTTONS)
    } finally {
      vi.useRealTimers()
    }
  })
})
