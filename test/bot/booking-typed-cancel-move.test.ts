/**
 * A booked call kept, cancelled or moved in the client's own words, as Russian-speaking clients of
 * the demo studio write them: under "Отменить звонок: …?" (also after the bot's "use the buttons"
 * to a word it misread), and a move asked without the word "звонок" right under the bot's word
 * about the call.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { book, bookingsOf } from '../helpers/booking.ts'
import { createHarness, type Harness, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow (the demo's time
// zone, UTC+3); the demo studio works Mon–Fri 10–19, calls of 30 minutes, reminders an hour before
const MONDAY = '2026-11-23'
const KEPT = 'Хорошо, звонок остаётся: понедельник, 23 ноября, 15:00–15:30 (Москва, UTC+3).'
const KEPT_ANY = /^Хорошо, звонок остаётся: понедельник, 23 ноября/
const NUDGE = 'Я бот и лучше понимаю кнопки'

/** A client with a call today (at 15:00, or `slot`), asked "Отменить звонок: …?" by its button. */
async function askedToCancel(h: Harness, id: number, slot = '2026-11-23T12:00Z') {
  const user = h.u.user(id, { first_name: 'Ольга' })
  const call = await book(h, user, { day: MONDAY, slot })
  await h.send(h.u.callback(user, `bkm:cancel:${call.id}`))
  expect(h.fake.lastTextTo(user.id)).toMatch(/^Отменить звонок: понедельник, 23 ноября, .* \(Москва, UTC\+3\)\?$/)
  return { user, call, question: h.fake.messageWithButton(user.id, `bkm:keep:${call.id}`) ?? 0 }
}

/** The client's copies of their words in the staff group (the manager reading the chat). */
const copies = (h: Harness) => h.fake.callsOf('copyMessage').filter((c) => c.payload.chat_id === STAFF_GROUP_ID).length

describe('"Отменить звонок: …?" answered in words', () => {
  it('"не не оставьте", "не надо отменять", "оставьте" keep the call; "да отменяйте", "отмените" cancel it', async () => {
    const h = createHarness()
    for (const [n, [typed, status]] of [
      ['не не оставьте', 'booked'],
      ['не надо отменять', 'booked'],
      ['оставьте', 'booked'],
      ['нет, оставьте пожалуйста', 'booked'],
      ['не отменяйте', 'booked'],
      ['да отменяйте', 'cancelled'],
      ['отмените', 'cancelled'],
    ].entries()) {
      // Each its own time: 13:30, 14:00, … Moscow
      const slot = new Date(Date.parse('2026-11-23T10:30Z') + n * 30 * 60_000).toISOString()
      const { user, question } = await askedToCancel(h, 9201 + n, slot)
      await h.send(h.u.text(user, typed as string))
      expect(bookingsOf(h, user)[0]?.status, typed).toBe(status)
      expect(h.fake.lastTextTo(user.id), typed).toMatch(status === 'booked' ? KEPT_ANY : /^Звонок отменён/)
      // The question answered loses its buttons, as when pressed
      expect(h.fake.keyboardOf(user.id, question), typed).toBeUndefined()
    }
    // "Не оставляйте" keeps nothing: no "kept" for it
    const { user } = await askedToCancel(h, 9220, '2026-11-23T15:00Z')
    await h.send(h.u.text(user, 'не оставляйте'))
    expect(h.fake.lastTextTo(user.id)).not.toMatch(KEPT_ANY)
    expect(h.errors()).toEqual([])
  })

  it('with a request open, "не не оставьте" keeps the call, answered by the bot, not left in the topic alone', async () => {
    const h = createHarness()
    const user = h.u.user(9230, { first_name: 'Ольга' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const call = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, `bkm:cancel:${call.id}`))
    await h.drain()
    const before = copies(h)
    await h.send(h.u.text(user, 'не не оставьте'))
    expect(h.fake.lastTextTo(user.id)).toBe(KEPT)
    expect(bookingsOf(h, user)[0]?.status).toBe('booked')
    await h.drain()
    expect(copies(h)).toBe(before)
    expect(h.errors()).toEqual([])
  })

  it('a "нет" after the bot’s "use the buttons" to a word it misread still answers the question', async () => {
    const h = createHarness()
    const { user, question } = await askedToCancel(h, 9240)
    await h.send(h.u.text(user, 'эээ'))
    expect(h.fake.lastTextTo(user.id)).toContain(NUDGE)
    await h.send(h.u.text(user, 'нет'))
    expect(h.fake.lastTextTo(user.id)).toBe(KEPT)
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    expect(bookingsOf(h, user)[0]?.status).toBe('booked')
    // A cancel said the same way: cancelled
    const other = await askedToCancel(h, 9241, '2026-11-23T13:00Z')
    await h.send(h.u.text(other.user, 'эээ'), h.u.text(other.user, 'да, отмените'))
    expect(h.fake.lastTextTo(other.user.id)).toMatch(/^Звонок отменён/)
    expect(bookingsOf(h, other.user)[0]?.status).toBe('cancelled')
    // Something else said between (a question: a request for the manager) is a change of subject:
    // the "да" after it is the manager's to read, and cancels nothing
    const asking = await askedToCancel(h, 9242, '2026-11-23T14:00Z')
    await h.send(h.u.text(asking.user, 'а сколько стоит сайт?'), h.u.text(asking.user, 'да'))
    expect(bookingsOf(h, asking.user)[0]?.status).toBe('booked')
    expect(h.errors()).toEqual([])
  })
})

describe('after the bot’s "use the buttons", a bare yes cancels nothing', () => {
  it('"подождите, уточню у коллеги", then "ага" to the bot’s "use the buttons": the call stays, its question still asked', async () => {
    const h = createHarness()
    for (const [n, yes] of ['ага', 'да', 'ok'].entries()) {
      const { user, question } = await askedToCancel(h, 9280 + n, `2026-11-23T1${2 + n}:00Z`)
      await h.send(h.u.text(user, 'подождите, уточню у коллеги'))
      expect(h.fake.lastTextTo(user.id), yes).toContain(NUDGE)
      await h.send(h.u.text(user, yes))
      expect(bookingsOf(h, user)[0]?.status, yes).toBe('booked')
      expect(
        h.fake.textsTo(user.id).some((t) => /^Звонок отменён/.test(t)),
        yes,
      ).toBe(false)
      // The question still has its buttons: the client can still answer it
      expect(h.fake.keyboardOf(user.id, question), yes).toBeDefined()
    }
    expect(h.errors()).toEqual([])
  })

  it('more than the answer written after the bot’s "use the buttons": a "нет" then answers nothing', async () => {
    const h = createHarness()
    const { user, question } = await askedToCancel(h, 9290)
    await h.send(h.u.text(user, 'эээ'))
    expect(h.fake.lastTextTo(user.id)).toContain(NUDGE)
    await h.send(h.u.text(user, 'сейчас посмотрю расписание'), h.u.text(user, 'нет'))
    expect(h.fake.textsTo(user.id)).not.toContain(KEPT)
    expect(h.fake.keyboardOf(user.id, question)).toBeDefined()
    expect(h.errors()).toEqual([])
  })
})

describe('a move asked without the word "звонок", right under the bot’s word about the call', () => {
  it('under the reminder, "можно перенести на завтра в 5" is the move to that time; no request for a manager', async () => {
    const h = createHarness()
    const user = h.u.user(9250, { first_name: 'Ольга' })
    // Tuesday 24 November, 14:00 Moscow; the reminder an hour before
    const call = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T11:00Z' })
    h.clock.set('2026-11-24T10:00Z')
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('напоминаю о звонке')
    await h.send(h.u.text(user, 'можно перенести на завтра в 5'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/\nСтанет: среда, 25 ноября, 17:00–17:30/)
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([
      { id: call.id, slotStart: Date.parse('2026-11-25T14:00Z'), status: 'booked' },
    ])
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(h.deps.services.handoff.current(client?.id ?? 0)).toBeUndefined()
    // After the bot's "use the buttons" to a word it misread, the time typed still moves the call
    h.clock.set('2026-11-25T13:00Z')
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('напоминаю о звонке')
    await h.send(h.u.text(user, 'эээ'))
    expect(h.fake.lastTextTo(user.id)).toContain(NUDGE)
    await h.send(h.u.text(user, 'а можно на пятницу в 5'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/\nСтанет: пятница, 27 ноября, 17:00–17:30/)
    expect(h.errors()).toEqual([])
  })

  it('under the reminder, "можно перенести?" and "перенесите пожалуйста" are its Move; a time the bot cannot read yet still starts it', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'можно перенести?',
      'перенесите пожалуйста',
      'а можно перенести на завтра часиков в 5',
    ].entries()) {
      const user = h.u.user(9255 + n, { first_name: 'Ольга' })
      // Tuesday 24 November, 14:00, 14:30, 15:00 Moscow; the reminder an hour before
      const slot = new Date(Date.parse('2026-11-24T11:00Z') + n * 30 * 60_000)
      await book(h, user, { day: '2026-11-24', slot: slot.toISOString() })
      h.clock.set(slot.getTime() - 60 * 60_000)
      await h.deps.scheduler.runDue()
      expect(h.fake.lastTextTo(user.id), typed).toContain('напоминаю о звонке')
      await h.send(h.u.text(user, typed))
      // The move: the days to pick from, or that time's confirmation once the time is read
      expect(h.fake.lastTextTo(user.id), typed).toMatch(
        /^Ваш звонок: вторник, 24 ноября, .*На какой день перенести\?|\nСтанет: /s,
      )
      const client = findClientByTelegramId(h.deps.db, user.id)
      expect(h.deps.services.handoff.current(client?.id ?? 0), typed).toBeUndefined()
    }
    expect(h.errors()).toEqual([])
  })

  it('under "звонок остаётся", with a request open: "можно перенести на вторник в 5?" and "давайте перенесём на вторник в 5" move it, answered by the bot', async () => {
    const h = createHarness()
    for (const [n, typed] of ['можно перенести на вторник в 5?', 'давайте перенесём на вторник в 5'].entries()) {
      const user = h.u.user(9260 + n, { first_name: 'Ольга' })
      await h.send(h.u.text(user, '/manager'))
      await h.drain()
      const call = await book(h, user, { day: MONDAY, slot: `2026-11-23T1${2 + n}:00Z` })
      await h.send(h.u.callback(user, `bkm:cancel:${call.id}`), h.u.callback(user, `bkm:keep:${call.id}`))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^Хорошо, звонок остаётся/)
      await h.drain()
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/\nСтанет: вторник, 24 ноября, 17:00–17:30/)
      // The manager reads the words too, with what the bot answered them
      await h.drain()
      expect(h.fake.textsTo(STAFF_GROUP_ID).at(-1), typed).toMatch(
        new RegExp(
          `^🕐 12:00\\n${typed.replace('?', '\\?')}\\n\\n🕐 12:00\\n🤖 Бот отправил клиенту: Переносим звонок\\?`,
        ),
      )
    }
    expect(h.errors()).toEqual([])
  })

  it('elsewhere, or of something else, a "перенесите" without the call moves nothing', async () => {
    const h = createHarness()
    const user = h.u.user(9270, { first_name: 'Ольга' })
    const call = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    // Under the confirmation, the payment is no call
    await h.send(h.u.text(user, 'перенесите оплату на пятницу'))
    expect(h.fake.lastTextTo(user.id)).not.toMatch(/Станет|перенести/)
    // Nor is a block of the site or the old photos: "на главную", "в корзину" name no time
    for (const [n, typed] of ['перенесите на главную блок с отзывами', 'перенесите в корзину старые фото'].entries()) {
      const other = h.u.user(9271 + n, { first_name: 'Ольга' })
      const booked = await book(h, other, { day: MONDAY, slot: `2026-11-23T1${3 + n}:00Z` })
      expect(h.fake.lastTextTo(other.id), typed).toMatch(/^Готово, Ольга! 🙌 Звонок назначен/)
      await h.send(h.u.text(other, typed))
      expect(h.fake.lastTextTo(other.id), typed).not.toMatch(/Станет|На какой день перенести/)
      expect(bookingsOf(h, other), typed).toMatchObject([{ id: booked.id, slotStart: booked.slotStart }])
    }
    // Under the menu, nothing is about the call
    await h.send(h.u.text(user, '/menu'), h.u.text(user, 'можно перенести на завтра в 5'))
    expect(h.fake.lastTextTo(user.id)).not.toMatch(/Станет/)
    expect(bookingsOf(h, user)).toMatchObject([{ id: call.id, slotStart: call.slotStart }])
    expect(h.errors()).toEqual([])
  })
})

describe('another day or time asked without a verb, right under the bot’s word about the call', () => {
  /** A client with a call on Tuesday 24 November at `slot`, just booked ("Готово, Ольга!"). */
  async function booked(h: Harness, id: number, slot = '2026-11-24T11:00Z') {
    const user = h.u.user(id, { first_name: 'Ольга' })
    const call = await book(h, user, { day: '2026-11-24', slot })
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Готово, Ольга! 🙌 Звонок назначен/)
    return { user, call }
  }
  const request = (h: Harness, userId: number) =>
    h.deps.services.handoff.current(findClientByTelegramId(h.deps.db, userId)?.id ?? 0)

  it('«на следующую неделю», «давайте на другой день», «можно в другое время?» start the move: the days to pick from, no request for a manager', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'на следующую неделю',
      'давайте на следующей неделе',
      'давайте на другой день',
      'а можно в другой день?',
      'можно на другое время?',
    ].entries()) {
      const { user } = await booked(h, 9301 + n, `2026-11-24T${String(7 + n).padStart(2, '0')}:00Z`)
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^Ваш звонок: вторник, 24 ноября, .*На какой день перенести\?/s)
      expect(request(h, user.id), typed).toBeUndefined()
    }
    expect(h.errors()).toEqual([])
  })

  it('«можно на полчаса пораньше?», and «на час позже» under the reminder, propose that time; confirmed, the call is moved', async () => {
    const h = createHarness()
    const { user, call } = await booked(h, 9311)
    await h.send(h.u.text(user, 'можно на полчаса пораньше?'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Переносим звонок\?\nБыло: вторник, 24 ноября, 14:00–14:30.*\nСтанет: вторник, 24 ноября, 13:30–14:00/s,
    )
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ id: call.id, slotStart: Date.parse('2026-11-24T10:30Z') }])
    // The reminder an hour before the call (13:30 Moscow)
    h.clock.set('2026-11-24T09:30Z')
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('напоминаю о звонке')
    await h.send(h.u.text(user, 'на час позже'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/\nСтанет: вторник, 24 ноября, 14:30–15:00/)
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ id: call.id, slotStart: Date.parse('2026-11-24T11:30Z') }])
    expect(request(h, user.id)).toBeUndefined()
    // Sooner than calls are booked ahead: said so, with the day's times
    h.clock.set('2026-11-24T10:30Z')
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('напоминаю о звонке')
    await h.send(h.u.text(user, 'давайте на полчаса пораньше'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^14:00 уже слишком скоро — выберите из свободных 👇\n\nСегодня, 24 ноября — выберите/,
    )
    expect(h.errors()).toEqual([])
  })

  it('"на 30 минут позже", «на пару часов попозже», «перенесите на час позже» read the time said; one not free is said so, above that day’s times', async () => {
    const h = createHarness()
    // Each call at 14:00 Moscow of its own day, Tuesday to Friday
    for (const [n, [typed, day, at]] of (
      [
        ['на 30 минут позже', 'вторник, 24 ноября', '14:30–15:00'],
        ['давайте на пару часов попозже', 'среда, 25 ноября', '16:00–16:30'],
        ['перенесите на час позже', 'четверг, 26 ноября', '15:00–15:30'],
        ['можно перенести звонок на полтора часа раньше?', 'пятница, 27 ноября', '12:30–13:00'],
      ] as const
    ).entries()) {
      const user = h.u.user(9321 + n, { first_name: 'Ольга' })
      const date = `2026-11-${24 + n}`
      await book(h, user, { day: date, slot: `${date}T11:00Z` })
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(new RegExp(`\\nСтанет: ${day}, ${at}`))
    }
    // 18:30, the last time of the day: an hour later is after hours
    const { user } = await booked(h, 9330, '2026-11-24T15:30Z')
    await h.send(h.u.text(user, 'на час позже'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^19:30 в этот день занято или нерабочее — выберите из свободных 👇\n\nЗавтра, 24 ноября — выберите удобное время/,
    )
    expect(h.errors()).toEqual([])
  })

  it('after hours with a request open, «можно на полчаса пораньше?» is answered by the bot: no «we are closed», the manager reads it with the move under it', async () => {
    const h = createHarness()
    const user = h.u.user(9351, { first_name: 'Ольга' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    await book(h, user, { day: '2026-11-24', slot: '2026-11-24T11:00Z' })
    await h.drain()
    // 20:00 Moscow: closed. The move answers the question: no "we are closed" follows it
    h.clock.set('2026-11-23T17:00Z')
    const sent = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'можно на полчаса пораньше?'))
    expect(h.fake.textsTo(user.id).slice(sent)).toEqual([
      expect.stringMatching(/^Переносим звонок\?\n.*\nСтанет: вторник, 24 ноября, 13:30–14:00/s),
    ])
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID).at(-1)).toMatch(
      /^🕐 20:00\nможно на полчаса пораньше\?\n\n🕐 20:00\n🤖 Бот отправил клиенту: Переносим звонок\?/,
    )
    expect(h.errors()).toEqual([])
  })

  it('words of something else go to the team as they did: «на следующей неделе буду в отпуске», «у меня другой день рождения»', async () => {
    const h = createHarness()
    for (const [n, typed] of ['на следующей неделе буду в отпуске', 'у меня другой день рождения'].entries()) {
      const { user, call } = await booked(h, 9341 + n, `2026-11-24T1${n}:00Z`)
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).not.toMatch(/Станет|На какой день перенести/)
      expect(bookingsOf(h, user), typed).toMatchObject([{ id: call.id, slotStart: call.slotStart }])
      expect(request(h, user.id), typed).toBeDefined()
    }
    // Under the menu, nothing is about the call
    const { user, call } = await booked(h, 9345, '2026-11-24T13:00Z')
    await h.send(h.u.text(user, '/menu'), h.u.text(user, 'на час позже'))
    expect(h.fake.lastTextTo(user.id)).not.toMatch(/Станет/)
    expect(bookingsOf(h, user)).toMatchObject([{ id: call.id, slotStart: call.slotStart }])
    expect(h.errors()).toEqual([])
  })
})
