import { describe, expect, it } from 'vitest'
import {
  clockSaidIn,
  labelAlike,
  labelForSpan,
  labelInRange,
  matchLabel,
  matchLabels,
  numbered,
  reasonAfterTime,
  saysDayOrTime,
  typedClock,
  typedDay,
  typedFromNow,
  withoutReason,
} from '../../conversations/typed-label.ts'

const pick = (typed: string, labels: string[]) => matchLabel(typed, labels, (label) => label)

describe('a label typed instead of tapped', () => {
  it('its first words before a comma or a dash name it when no other label starts with them', () => {
    expect(pick('нет', ['Есть ТЗ', 'Нет — поможете составить?'])).toBe('Нет — поможете составить?')
    expect(pick('Срочно!', ['Срочно, за 2 недели', 'В течение месяца'])).toBe('Срочно, за 2 недели')
    // Another label starts with the same word: no guess
    expect(pick('нет', ['Нет, нужно сделать', 'Нет логотипа'])).toBeUndefined()
    expect(pick('есть', ['Есть ТЗ', 'Есть бриф или описание'])).toBeUndefined()
    // A decimal comma is no head: "1" names nothing
    expect(pick('1', ['1,5–3 млн ₽', 'больше 3 млн ₽'])).toBeUndefined()
    // The whole label still wins over a head
    expect(pick('нет', ['Нет', 'Нет, но скоро будет'])).toBe('Нет')
  })
})

describe('a label typed as people type it', () => {
  const alike = (typed: string, labels: string[]) => labelAlike(typed, labels, (label) => label)
  const budget = ['до 60 тыс. ₽', '60–150 тыс. ₽', '150–300 тыс. ₽', 'больше 300 тыс. ₽', 'Пока не знаю']
  const when = ['Срочно, за 2 недели', 'В течение месяца', 'За 2–3 месяца', 'Сроки не горят']
  it('in another order, with other endings, or with one word of the label left out', () => {
    expect(alike('не знаю', budget)).toBe('Пока не знаю')
    expect(alike('60-150', budget)).toBe('60–150 тыс. ₽')
    expect(alike('до 60', budget)).toBe('до 60 тыс. ₽')
    expect(alike('в течении месяца', when)).toBe('В течение месяца')
    expect(alike('заявки собирать', ['Собирать заявки', 'Продавать онлайн'])).toBe('Собирать заявки')
    expect(alike('знакомые посоветовали', ['Посоветовали знакомые', 'Другое'])).toBe('Посоветовали знакомые')
    expect(alike('одна страничка', ['Одна страница', '5–15 страниц'])).toBe('Одна страница')
    // One long word of a label of two
    expect(alike('ПРОДАВАТЬ', ['Собирать заявки', 'Продавать онлайн'])).toBe('Продавать онлайн')
    expect(alike('знакомые', ['Посоветовали знакомые', 'Другое'])).toBe('Посоветовали знакомые')
    // With a "please" or a "thanks" around it
    const salon = ['A fresh cut', 'New colour', 'My nails']
    expect(alike('colour please', salon)).toBe('New colour')
    expect(alike('nails pls', salon)).toBe('My nails')
    expect(alike('заявки собирать, пожалуйста', ['Собирать заявки', 'Продавать онлайн'])).toBe('Собирать заявки')
    expect(alike('please', salon)).toBeUndefined()
    // One long word only one label has, whatever its length; pointed at ("the … one") too
    const goal = ['Sell online', 'A catalogue of 50+ products', 'Urgently, within 2 weeks', 'Not urgent']
    expect(alike('urgent', goal)).toBe('Urgently, within 2 weeks')
    expect(alike('the catalogue one', goal)).toBe('A catalogue of 50+ products')
    expect(alike('catalogue', goal)).toBe('A catalogue of 50+ products')
    // The little words of English left out of the label, and its words run together
    const bikes = ['A general tune-up', 'E-bike service', "I'd like to talk to a mechanic", 'Wheel building']
    expect(alike('tune up', bikes)).toBe('A general tune-up')
    expect(alike('talk to a mechanic', bikes)).toBe("I'd like to talk to a mechanic")
    expect(pick('ebike service', bikes)).toBe('E-bike service')
    expect(pick('Checkin', ['Check-in', 'Check-out'])).toBe('Check-in')
    // Not a word two labels have, a short one, nor a label it leaves a "not" of
    expect(alike('online', ['Sell online', 'Online booking'])).toBeUndefined()
    expect(alike('sell', ['Sell online and ship', 'Collect leads'])).toBeUndefined()
    expect(alike('нужен', ['Да, есть свой домен', 'Нет, нужен домен'])).toBeUndefined()
    // Words of a long label, more than one left out
    const extras = ['A logo and brand style', 'Search promotion', 'Card payments on the site', 'None of these']
    expect(alike('card payments', extras)).toBe('Card payments on the site')
    expect(alike('brand style', extras)).toBe('A logo and brand style')
    // A label of one word pointed at is that word ("one page")
    expect(alike('one page', ['One page', 'Many pages'])).toBe('One page')
    // Chat's filler dropped, and a word said for a label's ("asap", "idk", "just", a friend)
    expect(alike('sell stuff online', goal)).toBe('Sell online')
    expect(alike('asap lol', goal)).toBe('Urgently, within 2 weeks')
    expect(alike('idk', ['Sell online', 'Not sure yet'])).toBe('Not sure yet')
    expect(alike('хз', budget)).toBe('Пока не знаю')
    const brand = ['Both a brand style and a logo', 'Only a logo', 'No, we need one']
    expect(alike('just a logo', brand)).toBe('Only a logo')
    expect(alike('a logo lol', brand)).toBeUndefined()
    expect(alike('a friend recommended u', ['Yandex or Google search', 'Recommended by someone', 'Other'])).toBe(
      'Recommended by someone',
    )
    expect(alike('lol', goal)).toBeUndefined()
  })
  it('an amount in the range a label says, in its scale; not a count of something, a place, or two ranges', () => {
    const ru = ['до 60 тыс. ₽', '60–150 тыс. ₽', '150–300 тыс. ₽', 'больше 300 тыс. ₽', 'Пока не знаю']
    const range = (typed: string, labels: string[]) => labelInRange(typed, labels, (l) => l)
    for (const typed of ['около 100 тысяч', '100к', '100 000', '100000 рублей', 'тысяч 100', 'где-то 120'])
      expect(range(typed, ru), typed).toBe('60–150 тыс. ₽')
    // …and thousands as said in chat
    for (const typed of ['120 тыр', '120 тыщ', '120 тыщи', 'тыщ 120', '120 тр', '120 к'])
      expect(range(typed, ru), typed).toBe('60–150 тыс. ₽')
    expect(range('2 тыщи', ['до 3 тыс. ₽', '3–5 тыс. ₽', 'больше 5 тыс. ₽'])).toBe('до 3 тыс. ₽')
    expect(range('500', ru)).toBe('больше 300 тыс. ₽')
    expect(range('до 50', ru)).toBe('до 60 тыс. ₽')
    const euro = ['up to €50', '€50–120', 'Not sure yet']
    expect(range('around 100 euro', euro)).toBe('€50–120')
    expect(range('€30', euro)).toBe('up to €50')
    expect(range('1m', ['up to 60k ₽', '60–150k ₽', 'over 300k ₽'])).toBe('over 300k ₽')
    expect(range('150к', ['до 100 тыс.', 'от 100 до 300 тыс.', 'больше 300 тыс.'])).toBe('от 100 до 300 тыс.')
    // 60 is in two; "2" is a button's place; words that count something else; no amount in the labels
    for (const typed of ['60', '2', '2 варианта', '5 страниц', 'два', 'два магазина'])
      expect(range(typed, ru), typed).toBeUndefined()
    // …said in words, read as the digits are; a range typed, the band both its ends are in
    for (const typed of ['сто тысяч', 'тысяч сто', 'сто двадцать тысяч', '120 т.р.', 'от 100 тысяч', 'от 100 до 150'])
      expect(range(typed, ru), typed).toBe('60–150 тыс. ₽')
    expect(range('полтора миллиона', ru)).toBe('больше 300 тыс. ₽')
    expect(range('от 150', ru)).toBe('150–300 тыс. ₽')
    expect(range('до 150', ru)).toBe('60–150 тыс. ₽')
    expect(range('не больше 150', ru)).toBe('60–150 тыс. ₽')
    expect(range('сто-двести тысяч', ru)).toBeUndefined()
    expect(range('500', euro)).toBeUndefined()
    // Another currency than the labels say is none of theirs; the labels' own, sign or word, is read
    const k = ['up to 60k ₽', '60–150k ₽', '150–300k ₽', 'over 300k ₽', 'Not sure yet']
    for (const typed of ['about £500', '$2000', '500 dollars', '100 euro', '500 евро', '1000 долларов'])
      expect(range(typed, k), typed).toBeUndefined()
    expect(range('100k ₽', k)).toBe('60–150k ₽')
    expect(range('from 150k', k)).toBe('150–300k ₽')
    expect(range('a hundred and twenty thousand', k)).toBe('60–150k ₽')
    expect(range('100 тысяч рублей', ru)).toBe('60–150 тыс. ₽')
    expect(range('£30', euro)).toBeUndefined()
    // A number under a thousand is in the labels' thousands, but not past ten times their largest amount
    expect(range('500', ['до 3 тыс. ₽', '3–5 тыс. ₽', 'больше 5 тыс. ₽'])).toBeUndefined()
    expect(range('2 недели', ['Срочно, за 2 недели', 'В течение месяца'])).toBeUndefined()
  })
  it('a count said with its word: the range of a label that counts the same, in any form of the word', () => {
    const size = ['Одна страница', '5–15 страниц', 'Каталог от 50 товаров', 'Пока не знаю']
    const range = (typed: string, labels: string[]) => labelInRange(typed, labels, (l) => l)
    for (const typed of ['10 страниц', 'страниц 10', 'около 12 страничек', '10 стр', '5 страниц'])
      expect(range(typed, size), typed).toBe('5–15 страниц')
    for (const typed of ['200 товаров', 'от 60 товаров', 'каталог 100'])
      expect(range(typed, size), typed).toBe('Каталог от 50 товаров')
    // Another word counts something else: no label's, or the label's range is not it
    for (const typed of ['10 товаров', '60 страниц', '10 дней', '10 с'])
      expect(range(typed, size), typed).toBeUndefined()
    expect(range('10 pages', ['One page', '5–15 pages', 'A catalogue of 50+ products'])).toBe('5–15 pages')
    expect(range('3 месяца', ['Срочно, за 2 недели', 'В течение месяца', 'Через 2–3 месяца'])).toBe('Через 2–3 месяца')
  })

  it('never a label whose "не" was left out, nor one of several, nor a word alone out of more', () => {
    expect(alike('нужен сайт', ['Не нужен сайт', 'Нужна поддержка'])).toBeUndefined()
    expect(alike('300', budget)).toBeUndefined()
    expect(alike('месяца', when)).toBeUndefined()
    expect(alike('тыщ 50', budget)).toBeUndefined()
    expect(alike('2 недели', when)).toBeUndefined()
    // A short word alone is too little; a long one only one label has names it, however long the label
    expect(alike('есть', ['Есть ТЗ', 'Нет — поможете составить?'])).toBeUndefined()
    expect(alike('логотип', ['Логотип и фирменный стиль', 'Продвижение в поиске'])).toBe('Логотип и фирменный стиль')
  })

  it('the one label a word names that no other label has, in another form, with a hedge around it', () => {
    const size = ['Одна страница', '5–15 страниц', 'Каталог от 50 товаров', 'Пока не знаю']
    // Another case, a diminutive, a hedge after: «Одна страница»
    for (const typed of ['одну страничку наверное', 'одну страницу', 'наверное одну', 'пожалуй, одна страничка'])
      expect(alike(typed, size), typed).toBe('Одна страница')
    const bikes = ['Fix my bike', 'A full service', 'Rent a bike']
    // The word only one label has, however short, with "I think" or "probably" around it
    for (const typed of ['rent', 'Rent!', 'I think rent', 'rent probably', 'renting a bike'])
      expect(alike(typed, bikes), typed).toBe('Rent a bike')
    expect(alike('probably a full service', bikes)).toBe('A full service')
    expect(alike('fix probably', bikes)).toBe('Fix my bike')
    // A word two labels have stays asked; so does a word no label has beside it, or a "не"
    for (const typed of ['bike', 'a bike I think', 'rent a scooter', 'страничку', 'наверное', 'не одну'])
      expect(alike(typed, [...bikes, ...size]), typed).toBeUndefined()
    // Nor the label's "не" left out: "знаю" is no «Пока не знаю»
    expect(alike('знаю', size)).toBeUndefined()
  })
})

describe('options typed by their place, and as a list', () => {
  const options = ['Окна', 'Духовка', 'Холодильник']
  const byPlace = (typed: string, labels = options) => numbered(typed, labels, (label) => label)
  const listed = (typed: string) => matchLabels(typed, options, (label) => label)
  it('a place on the buttons, as a number or a word; not where a label has a digit of its own', () => {
    expect(byPlace('2')).toBe('Духовка')
    expect(byPlace('№ 3')).toBe('Холодильник')
    expect(byPlace('вариант 1')).toBe('Окна')
    expect(byPlace('второй')).toBe('Духовка')
    expect(byPlace('the first one')).toBe('Окна')
    expect(byPlace('4')).toBeUndefined()
    expect(byPlace('2', ['1 комната', '2 комнаты'])).toBeUndefined()
    // Labels that say a number or a time: a bare digit means that; marked as a place, it is one
    expect(byPlace('2', ['Студия', 'Однушка', 'Двушка'])).toBeUndefined()
    expect(byPlace('3', ['Утром', 'Днём', 'Вечером'])).toBeUndefined()
    expect(byPlace('вариант 3', ['Утром', 'Днём', 'Вечером'])).toBe('Вечером')
    expect(byPlace('2 окна')).toBeUndefined()
  })
  it('a list joined with commas, "и" or "and", each part a label, its words or its place', () => {
    expect(listed('окна и духовку')).toEqual(['Окна', 'Духовка'])
    expect(listed('Окна and холодильник')).toEqual(['Окна', 'Холодильник'])
    expect(listed('1, 3')).toEqual(['Окна', 'Холодильник'])
    expect(listed('окна и балкон')).toBeUndefined()
    // A label with an "и" of its own, in a list: that label
    const salon = ['Стрижка и укладка', 'Окрашивание']
    expect(matchLabels('Стрижка и укладка, окрашивание', salon, (label) => label)).toEqual(salon)
  })
})

describe('a day typed where days are offered', () => {
  // Monday 23 November 2026
  const day = (typed: string) => typedDay(typed, '2026-11-23')
  it('reads weekdays, days from today and dates, with a time after them', () => {
    expect(day('в понедельник')).toEqual({ weekday: 1 })
    expect(day('Во вторник в 12:30')).toEqual({ weekday: 2, clock: { minutes: 12 * 60 + 30 } })
    expect(day('в среду')).toEqual({ weekday: 3 })
    expect(day('завтра в 15')).toEqual({ date: '2026-11-24', clock: { minutes: 15 * 60 } })
    expect(day('25 ноября в 11')).toEqual({ date: '2026-11-25', clock: { minutes: 11 * 60 } })
    expect(day('5.01')).toEqual({ date: '2027-01-05' })
    expect(day('friday at 3pm')).toEqual({ weekday: 5, clock: { minutes: 15 * 60, half: 'pm' } })
    // A dotted number after "в" is a time, not a date
    expect(day('завтра в 10.30')).toEqual({ date: '2026-11-24', clock: { minutes: 10 * 60 + 30 } })
    expect(day('в 10.11')).toBeUndefined()
    // Asked rather than said, and with a "pls": the same day (both were refused)
    expect(day('а можно в пятницу после обеда?')).toEqual({ weekday: 5, hours: { from: 14 * 60, to: 24 * 60 } })
    expect(day('в понедельник?')).toEqual({ weekday: 1 })
    expect(day('tomorrow afternoon pls')).toEqual({ date: '2026-11-24', hours: { from: 12 * 60, to: 18 * 60 } })
    expect(typedClock('в 15?')).toEqual({ minutes: 15 * 60 })
    // Another word asks something else
    expect(day('в воскресенье работаете?')).toBeUndefined()
  })
  it('reads an hour said in words and the part of the day said after it', () => {
    expect(day('завтра в три')).toEqual({ date: '2026-11-24', clock: { minutes: 3 * 60 } })
    expect(day('завтра в три часа дня')).toEqual({ date: '2026-11-24', clock: { minutes: 15 * 60, half: 'pm' } })
    expect(day('в пятницу в 9 вечера')).toEqual({ weekday: 5, clock: { minutes: 21 * 60, half: 'pm' } })
    expect(day('в среду в час дня')).toEqual({ weekday: 3, clock: { minutes: 13 * 60, half: 'pm' } })
    expect(day('завтра в 10 утра')).toEqual({ date: '2026-11-24', clock: { minutes: 10 * 60, half: 'am' } })
    expect(day('завтра в полдень')).toEqual({ date: '2026-11-24', clock: { minutes: 12 * 60, half: 'pm' } })
    expect(day('tomorrow at five')).toEqual({ date: '2026-11-24', clock: { minutes: 5 * 60 } })
    expect(day("friday at 3 o'clock")).toEqual({ weekday: 5, clock: { minutes: 3 * 60 } })
    expect(day('friday at 3 o’clock')).toEqual({ weekday: 5, clock: { minutes: 3 * 60 } })
    // Said roughly: the hour they mean
    expect(day('завтра часа в 3 дня')).toEqual({
      date: '2026-11-24',
      clock: { minutes: 15 * 60, half: 'pm', rough: true },
    })
    expect(day('в четверг где-то к 5')).toEqual({ weekday: 4, clock: { minutes: 5 * 60, rough: true } })
    expect(day('в пятницу в районе 11')).toEqual({ weekday: 5, clock: { minutes: 11 * 60, rough: true } })
    expect(day('friday about 4pm')).toEqual({ weekday: 5, clock: { minutes: 16 * 60, half: 'pm', rough: true } })
    // A rough time is no clock to read a zone by (/timezone): it says so
    expect(typedClock('где-то 14:30')).toEqual({ minutes: 14 * 60 + 30, rough: true })
    expect(day('завтра часа')).toBeUndefined()
    // The hour's other colloquial forms, with their "в" or "к": "часов 5" alone is five hours or so
    expect(day('завтра часиков в 5')).toEqual({ date: '2026-11-24', clock: { minutes: 5 * 60, rough: true } })
    expect(day('в понедельник часов в 5')).toEqual({ weekday: 1, clock: { minutes: 5 * 60, rough: true } })
    expect(typedClock('часика в 3')).toEqual({ minutes: 3 * 60, rough: true })
    expect(typedClock('часам к 5')).toEqual({ minutes: 5 * 60, rough: true })
    expect(typedClock('к 5 часам')).toEqual({ minutes: 5 * 60 })
    expect(typedClock('в 5 часиков вечера')).toEqual({ minutes: 17 * 60, half: 'pm' })
    for (const not of ['часов 5', 'часиков 5', 'завтра часов 5', 'часов в'])
      expect(typedClock(not) ?? day(not), not).toBeUndefined()
    // As people text it: "tmrw", "next tue", and a time after which any will do (the day's times)
    expect(day('tmrw at 3pm')).toEqual({ date: '2026-11-24', clock: { minutes: 15 * 60, half: 'pm' } })
    expect(day('next tue morning')).toEqual({ weekday: 2, hours: { from: 0, to: 12 * 60 } })
    expect(day('tmrw after 5')).toEqual({ date: '2026-11-24', hours: { from: 17 * 60, to: 24 * 60, byClock: true } })
    expect(day('в среду после 17')).toEqual({ weekday: 3, hours: { from: 17 * 60, to: 24 * 60, byClock: true } })
    // Wrapped in the words of a choice: "давайте в 3", "в 15 можно"
    expect(typedClock('давайте в 3')).toEqual({ minutes: 3 * 60 })
    expect(typedClock('ну в три тогда')).toEqual({ minutes: 3 * 60 })
    expect(typedClock('в 15:00, пожалуйста')).toEqual({ minutes: 15 * 60 })
    expect(typedClock('нет')).toBeUndefined()
    // A no after the time refuses it; before it, it changes a mind
    expect(typedClock('в 15 нет')).toBeUndefined()
    expect(typedClock('3pm no')).toBeUndefined()
    expect(typedClock('нет, в 16')).toEqual({ minutes: 16 * 60 })
    // …and so does a "не" set off by its comma ("не, давайте в 16"): "не в 16" is none
    expect(typedClock('не, давайте в 16')).toEqual({ minutes: 16 * 60 })
    expect(typedClock('не в 16')).toBeUndefined()
    // "Ночи" is the night on either side of midnight
    expect(day('завтра в 11 ночи')).toEqual({ date: '2026-11-24', clock: { minutes: 23 * 60, half: 'pm' } })
    expect(day('завтра в 12 ночи')).toEqual({ date: '2026-11-24', clock: { minutes: 0, half: 'am' } })
    expect(day('завтра в 2 ночи')).toEqual({ date: '2026-11-24', clock: { minutes: 2 * 60, half: 'am' } })
    expect(day('завтра в 7 ночи')).toBeUndefined()
    // A word that is no hour, even one every object has
    expect(day('завтра в constructor')).toBeUndefined()
  })
  it('reads minutes said in words — "half six", "quarter to 5", "пол седьмого" — and a time said before the day', () => {
    // As Britain and Ireland say it: "half six" is 6:30
    expect(typedClock('half 6')).toEqual({ minutes: 6 * 60 + 30 })
    expect(typedClock('at half six')).toEqual({ minutes: 6 * 60 + 30 })
    expect(typedClock('half past 10')).toEqual({ minutes: 10 * 60 + 30 })
    expect(typedClock('half 6 pm')).toEqual({ minutes: 18 * 60 + 30, half: 'pm' })
    expect(typedClock('quarter past 10')).toEqual({ minutes: 10 * 60 + 15 })
    expect(typedClock('quarter to 5')).toEqual({ minutes: 4 * 60 + 45 })
    // Half of the seventh hour
    expect(typedClock('в пол седьмого')).toEqual({ minutes: 6 * 60 + 30 })
    expect(typedClock('полседьмого вечера')).toEqual({ minutes: 18 * 60 + 30, half: 'pm' })
    expect(typedClock('пол-первого')).toEqual({ minutes: 12 * 60 + 30 })
    expect(day('завтра в пол седьмого')).toEqual({ date: '2026-11-24', clock: { minutes: 6 * 60 + 30 } })
    // The time first, then the day
    expect(day('half 6 tomorrow')).toEqual({ date: '2026-11-24', clock: { minutes: 6 * 60 + 30 } })
    expect(day('6pm tomorrow')).toEqual({ date: '2026-11-24', clock: { minutes: 18 * 60, half: 'pm' } })
    expect(day('в 3 завтра')).toEqual({ date: '2026-11-24', clock: { minutes: 3 * 60 } })
    // No hour, or words that are none
    for (const not of ['half', 'half 13', 'пол второго дня ночи', 'hello tomorrow', 'пол часа']) {
      expect(typedClock(not) ?? day(not), not).toBeUndefined()
    }
  })

  it('reads a part of the day said without an hour as the day and its hours, whose times are the answer', () => {
    const h = (from: number, to = 24) => ({ from: from * 60, to: to * 60 })
    expect(day('в пятницу после обеда')).toEqual({ weekday: 5, hours: h(14) })
    expect(day('завтра утром')).toEqual({ date: '2026-11-24', hours: h(0, 12) })
    expect(day('в понедельник во второй половине дня')).toEqual({ weekday: 1, hours: h(12) })
    expect(day('tomorrow afternoon')).toEqual({ date: '2026-11-24', hours: h(12, 18) })
    expect(day('friday after lunch')).toEqual({ weekday: 5, hours: h(14) })
    expect(day('on Monday in the morning')).toEqual({ weekday: 1, hours: h(0, 12) })
    expect(day('завтра вечером')).toEqual({ date: '2026-11-24', hours: h(17) })
    // The evening's later part, towards it, after work
    expect(day('в понедельник попозже вечером')).toEqual({ weekday: 1, hours: h(19) })
    expect(day('завтра вечером попозже')).toEqual({ date: '2026-11-24', hours: h(19) })
    expect(day('tomorrow later in the evening')).toEqual({ date: '2026-11-24', hours: h(19) })
    expect(day('в среду ближе к вечеру')).toEqual({ weekday: 3, hours: h(16, 19) })
    expect(day('friday towards evening')).toEqual({ weekday: 5, hours: h(16, 19) })
    expect(day('завтра после работы')).toEqual({ date: '2026-11-24', hours: h(18) })
    expect(day('tomorrow after work')).toEqual({ date: '2026-11-24', hours: h(18) })
    // "after 5" is 17:00, as "в 5" is where 17:00 is offered; "after 10" is ten in the morning —
    // counted from a time said (`byClock`), not a part of the day named
    const clock = (from: number) => ({ ...h(from), byClock: true })
    expect(day('thursday after 5')).toEqual({ weekday: 4, hours: clock(17) })
    expect(day('tomorrow after 10')).toEqual({ date: '2026-11-24', hours: clock(10) })
    expect(day('завтра после 9 вечера')).toEqual({ date: '2026-11-24', hours: clock(21) })
    // Anything more is still no day
    expect(day('в пятницу после обеда не могу')).toBeUndefined()
  })
  it('reads slashes month first for a business that writes dates so, and a day with its month named first', () => {
    expect(day('12/10')).toEqual({ date: '2027-10-12' })
    expect(typedDay('11/25', '2026-11-23', true)).toEqual({ date: '2026-11-25' })
    expect(typedDay('25/11', '2026-11-23', true)).toEqual({ date: '2026-11-25' })
    expect(day('Dec 10')).toEqual({ date: '2026-12-10' })
    expect(day('November 25th at 3pm')).toEqual({ date: '2026-11-25', clock: { minutes: 15 * 60, half: 'pm' } })
    // Words around a choice: before it, not a "no" after it
    expect(day('ой нет, давайте в пятницу')).toEqual({ weekday: 5 })
    // A "не" set off by its comma is the colloquial "nah" before the new choice, as "нет," is
    expect(day('не, давайте лучше в пятницу')).toEqual({ weekday: 5 })
    expect(day('Не, в пятницу в 11')).toEqual({ weekday: 5, clock: { minutes: 11 * 60 } })
    for (const not of ['в пятницу нет', 'friday no', 'а пятницы нет', 'не в пятницу', 'не, не в пятницу'])
      expect(day(not), not).toBeUndefined()
  })

  it('is no day when the words say more, or two days', () => {
    for (const words of ['завтра в тридцать', 'завтра в 3pm дня', 'в понедельник или вторник', '31.02']) {
      expect(day(words), words).toBeUndefined()
    }
  })
})

describe('a time said with its clock', () => {
  it('is read with the words people agree or insist with: "11:30 works", "no I said make it 4pm", "11:30 подойдёт"', () => {
    expect(typedClock('11:30 works')).toEqual({ minutes: 11 * 60 + 30 })
    expect(typedClock('11:30 is fine for me')).toEqual({ minutes: 11 * 60 + 30 })
    expect(typedClock('no I said make it 4pm')).toEqual({ minutes: 16 * 60, half: 'pm' })
    expect(typedClock('11:30 подойдёт')).toEqual({ minutes: 11 * 60 + 30 })
    expect(typedClock('я же сказала в 16')).toEqual({ minutes: 16 * 60 })
    // A no after the time still refuses it
    expect(typedClock('11:30 is no good')).toBeUndefined()
  })

  it("names whose clock: the client's own, ours or a zone, and leaves the rest to read", () => {
    expect(clockSaidIn('wednesday 2pm my time')).toEqual({ clock: 'own', rest: 'wednesday 2pm' })
    expect(clockSaidIn('9am local time')).toEqual({ clock: 'own', rest: '9am' })
    expect(clockSaidIn('в 21 по-моему времени')).toEqual({ clock: 'own', rest: 'в 21' })
    expect(clockSaidIn('в среду в 20:00 по моему времени')).toEqual({ clock: 'own', rest: 'в среду в 20:00' })
    expect(clockSaidIn('в 16 (по вашему времени)')).toEqual({ clock: 'ours', rest: 'в 16' })
    expect(clockSaidIn('в 22 по мск')).toEqual({ clock: { zone: 'Europe/Moscow' }, rest: 'в 22' })
    expect(clockSaidIn('завтра в 18 по Москве')).toEqual({ clock: { zone: 'Europe/Moscow' }, rest: 'завтра в 18' })
    expect(clockSaidIn('11am PT')).toEqual({ clock: { zone: 'America/Los_Angeles' }, rest: '11am' })
    // "По-моему" alone is "I think", no clock; two clocks name none
    expect(clockSaidIn('по-моему, в 11 лучше')).toBeUndefined()
    expect(clockSaidIn('2pm my time, 5pm ET')).toBeUndefined()
  })
})

describe('a day or a time said (saysDayOrTime)', () => {
  it('reads each text it is asked of, one after another and back again, on the day it is asked', () => {
    expect(saysDayOrTime('tomorrow at 3pm my time', '2026-11-23')).toBe(true)
    expect(saysDayOrTime('tomorrow at 3pm my time', '2026-11-23')).toBe(true)
    expect(saysDayOrTime('hello, how much is a logo?', '2026-11-23')).toBe(false)
    expect(saysDayOrTime('давайте 25.11 в 14:00', '2026-11-23')).toBe(true)
    // 30.02 is no day of any year, whatever the day it is asked on
    expect(saysDayOrTime('30.02', '2026-11-23')).toBe(false)
    expect(saysDayOrTime('tomorrow at 3pm my time', '2026-11-24')).toBe(true)
  })
})

describe('a time counted from now, and a reason said before a day (typedFromNow, withoutReason)', () => {
  it('reads "через час", "минут через 20", "in half an hour" with the words around a choice, and no other', () => {
    const read = (typed: string) => typedFromNow(typed)
    expect(read('через час')).toBe(60)
    expect(read('минут через 20')).toBe(20)
    expect(read('через минут 40')).toBe(40)
    expect(read('часа через два')).toBe(120)
    expect(read('через 2,5 часа')).toBe(150)
    expect(read('давайте примерно через полтора часа')).toBe(90)
    expect(read('can you call me back in about an hour?')).toBe(60)
    expect(read('in 30 minutes please')).toBe(30)
    expect(read('сейчас неудобно, перезвоните через час')).toBe(60)
    // A span of days is a day; more said is a message of its own; a time of day is no span
    for (const typed of [
      'через неделю',
      'через 2 дня',
      'через час буду свободна',
      'сделаете через 2 часа?',
      'в 2 часа',
    ])
      expect(read(typed), typed).toBeUndefined()
  })

  it('passes over a short reason before a day or a time, not a question nor anything else said', () => {
    expect(withoutReason('я на работе, давайте завтра в 18')).toBe('давайте завтра в 18')
    expect(withoutReason("I'm at work, can we do tomorrow at 6 instead?")).toBe('can we do tomorrow at 6 instead?')
    expect(withoutReason('ой, я за рулём — можно завтра в 10?')).toBe('можно завтра в 10?')
    expect(withoutReason('сегодня не получится, давайте в среду')).toBe('давайте в среду')
    expect(typedDay('Занята. Давайте в среду в 12', '2026-11-23')).toMatchObject({
      weekday: 3,
      clock: { minutes: 720 },
    })
    for (const typed of [
      'вы работаете в субботу? завтра в 3',
      'я в Москве, завтра в 3',
      'нет, давайте завтра в 3',
      'сейчас удобно, давайте в 3',
    ])
      expect(withoutReason(typed), typed).toBe(typed)
  })

  it('passes over a reason said after the day or the time, and keeps its words as what the client added', () => {
    const day = (typed: string) => typedDay(typed, '2026-11-23')
    expect(day('завтра в 18, я на работе до 17')).toEqual({ date: '2026-11-24', clock: { minutes: 18 * 60 } })
    expect(reasonAfterTime('завтра в 18, я на работе до 17')).toBe('я на работе до 17')
    expect(day("tomorrow at 6pm, I'm at work till 5")).toEqual({
      date: '2026-11-24',
      clock: { minutes: 18 * 60, half: 'pm' },
    })
    expect(reasonAfterTime("tomorrow at 6pm, I'm at work till 5")).toBe("I'm at work till 5")
    expect(day('в среду в 12, сейчас за рулём')).toEqual({ weekday: 3, clock: { minutes: 12 * 60 } })
    expect(typedClock('в 18, раньше не смогу')).toEqual({ minutes: 18 * 60 })
    // The reason's "till 5" tells which "6" it is: after work, 18:00
    expect(day("tomorrow at 6, I'm at work till 5")).toEqual({
      date: '2026-11-24',
      clock: { minutes: 18 * 60, half: 'pm' },
    })
    // …and said first, as it is said after
    expect(day('я на работе до 17, давайте завтра в 18')).toEqual({ date: '2026-11-24', clock: { minutes: 18 * 60 } })
    expect(reasonAfterTime('я на работе до 17, давайте завтра в 18')).toBeUndefined()
    // A day alone: its times after then
    expect(day('завтра, я на работе до 17')).toEqual({
      date: '2026-11-24',
      hours: { from: 17 * 60, to: 24 * 60, byClock: true },
    })
    // A time while the client says they are busy is for a person to read
    for (const typed of ['я на работе до 18, завтра в 3', 'завтра в 3, я на работе до 18'])
      expect(day(typed), typed).toBeUndefined()
    expect(typedFromNow('через час, я на работе до 17')).toBeUndefined()
    // More than a reason after it is a message of its own
    for (const typed of [
      'завтра в 18, я в Москве',
      'завтра в 18, а сколько стоит сайт?',
      'завтра в 18, если получится',
    ])
      expect(day(typed), typed).toBeUndefined()
    expect(reasonAfterTime('завтра в 18')).toBeUndefined()
    expect(reasonAfterTime('завтра в 18, пожалуйста')).toBeUndefined()
  })
})

describe('a part of the day and an hour said together', () => {
  const day = (typed: string) => typedDay(typed, '2026-11-23')
  const h = (from: number, to = 24) => ({ from: from * 60, to: to * 60 })
  it('is the hour in that part: «четверг после обеда часа в 4» is 16:00, «ближе к вечеру часов в 6» 18:00', () => {
    expect(day('ЧЕТВЕРГ ПОСЛЕ ОБЕДА ЧАСА В 4')).toEqual({
      weekday: 4,
      clock: { minutes: 16 * 60, half: 'pm', rough: true },
      hours: h(14),
    })
    expect(day('в пятницу ближе к вечеру часов в 6')).toEqual({
      weekday: 5,
      clock: { minutes: 18 * 60, half: 'pm', rough: true },
      hours: h(16, 19),
    })
    expect(day('завтра в 4 после обеда')).toEqual({
      date: '2026-11-24',
      clock: { minutes: 16 * 60, half: 'pm' },
      hours: h(14),
    })
    expect(day('в понедельник утром в 10')).toEqual({
      weekday: 1,
      clock: { minutes: 10 * 60, half: 'am' },
      hours: h(0, 12),
    })
    expect(day('thursday afternoon at 3')).toEqual({
      weekday: 4,
      clock: { minutes: 15 * 60, half: 'pm' },
      hours: h(12, 18),
    })
    // An hour that is in no reading of the part: the two disagree, and a person reads it
    for (const typed of ['завтра утром в 5 вечера', 'в пятницу вечером в 11 утра', 'завтра после обеда в 11 утра'])
      expect(day(typed), typed).toBeUndefined()
  })
})

describe('a span of time typed where the options are spans (labelForSpan)', () => {
  const span = (typed: string, labels: string[]) => labelForSpan(typed, labels, (label) => label)
  const when = ['Срочно, за 2 недели', 'В течение месяца', 'За 2–3 месяца', 'Сроки не горят']
  const launch = ['Срочно, за 2 недели', 'В течение месяца', 'Через 2–3 месяца']
  const english = ['Urgent, within 2 weeks', 'Within a month', 'In 2–3 months', 'No rush']
  it('is the option whose span it is in, the narrowest of those; else the nearest one, when it is near', () => {
    for (const typed of ['ну через месяц наверно', 'через месяц', 'думаю недели через 3', 'за месяц'])
      expect(span(typed, when), typed).toBe('В течение месяца')
    expect(span('ну через месяц наверно', launch)).toBe('В течение месяца')
    for (const typed of ['наверное через пару недель', 'через неделю', 'две недели', 'через 10 дней'])
      expect(span(typed, when), typed).toBe('Срочно, за 2 недели')
    expect(span('через 2 месяца', when)).toBe('За 2–3 месяца')
    expect(span('месяца через три', launch)).toBe('Через 2–3 месяца')
    // A little past the month: the month
    expect(span('через 5 недель', when)).toBe('В течение месяца')
    expect(span('in a month probably', english)).toBe('Within a month')
    expect(span('in a couple of weeks', english)).toBe('Urgent, within 2 weeks')
    expect(span('maybe 2 months', english)).toBe('In 2–3 months')
  })
  it('is none where it is far from every option, between two, not a span alone, or said with more', () => {
    for (const typed of [
      'через полгода',
      'через год',
      'полтора месяца',
      'не раньше чем через месяц',
      'через месяц сделаете?',
      'через 2 часа',
      'месяц',
      'неделя',
      'как можно скорее',
    ])
      expect(span(typed, when), typed).toBeUndefined()
    expect(span('через месяц', ['Одна страница', '5–15 страниц'])).toBeUndefined()
  })
})
