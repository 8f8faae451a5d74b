/**
 * A call's time said as people say it when they cannot talk now: counted from now («через час»,
 * «минут через 20», "in half an hour"), a wish for another time with no day named («давайте в
 * другой раз», «не сегодня», "another time"), and a reason said first («я на работе, давайте
 * завтра в 18», "I'm at work, can we do tomorrow at 6 instead?") or after («завтра в 18, я на работе
 * до 17», "tomorrow at 6pm, I'm at work till 5") — under the manager's offer of a call, under the
 * bot's word about the call, or at the booking's day or time step.
 */
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { book, bookingsOf } from '../helpers/booking.ts'
import { clientInHandoff, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow (the demo's time
// zone, UTC+3); the demo studio works Mon–Fri 10–19, calls of 30 minutes booked an hour ahead at
// the soonest, reminders an hour before

/** A client in a manager's chat, offered a call there (/offer); in English when `language` says so. */
async function offered(h: Harness, id: number, language = 'ru'): Promise<User> {
  const user = h.u.user(id, { first_name: language === 'ru' ? 'Ада' : 'Ada', language_code: language })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  // (The topic is made in the background: all of it done, as a manager would find it)
  await h.flush()
  const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? 0
  expect(topicId).toBeGreaterThan(0)
  await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
  await h.flush()
  return user
}

/** A client with a call on Tuesday 24 November at `slot`, reminded of it an hour before. */
async function reminded(h: Harness, id: number, slot: string, language = 'ru'): Promise<User> {
  const user = h.u.user(id, { first_name: 'Ольга', language_code: language })
  await book(h, user, { day: '2026-11-24', slot })
  h.clock.set(Date.parse(slot) - 60 * 60_000)
  await h.deps.scheduler.runDue()
  expect(h.fake.lastTextTo(user.id)).toMatch(/напоминаю о звонке|reminder/i)
  return user
}

const request = (h: Harness, user: User) =>
  h.deps.services.handoff.current(findClientByTelegramId(h.deps.db, user.id)?.id ?? 0)

describe('a time counted from now («через час», "in an hour")', () => {
  it('under the offer, «через 2 часа» books 14:00, «давайте через полтора часа» 13:30; the words still reach the manager', async () => {
    const h = createHarness()
    for (const [n, [typed, window]] of (
      [
        ['через 2 часа', '14:00–14:30'],
        ['давайте через полтора часа', '13:30–14:00'],
        ['можно через 3 часика?', '15:00–15:30'],
      ] as const
    ).entries()) {
      const user = await offered(h, 9501 + n)
      await h.send(h.u.text(user, typed))
      await h.flush()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(
        new RegExp(
          `^✔️ Звонок: понедельник, 23 ноября, ${window} \\(Москва, UTC\\+3\\)\\.\\n\\nНа какой номер позвонить\\?`,
        ),
      )
      // The manager reads the words, as any message
      expect(relayedToGroup(h, user.id), typed).toHaveLength(1)
      // A booking under way, and confirmed it is that time
      await h.send(h.u.text(user, `+7 916 123-45-0${n}`), h.u.callback(user, 'bk:skip'))
      await h.send(h.u.callback(user, 'bk:ok'))
      expect(bookingsOf(h, user), typed).toMatchObject([{ status: 'booked', slotStart: expect.any(Number) }])
    }
    expect(h.errors()).toEqual([])
  })

  it('rounded to the nearest time calls start at: «через 2 часа» at 12:07 is 14:00, «минут через 80» 13:30, «через час» at 12:20 is 13:30', async () => {
    const h = createHarness()
    const users: User[] = []
    for (const n of [0, 1, 2, 3]) users.push(await offered(h, 9511 + n))
    for (const [n, [at, typed, window]] of (
      [
        ['2026-11-23T09:07Z', 'через 2 часа', '14:00–14:30'],
        ['2026-11-23T09:07Z', 'минут через 80', '13:30–14:00'],
        ['2026-11-23T09:20Z', 'перезвоните через час', '13:30–14:00'],
        ['2026-11-23T09:20Z', 'через 70 минут', '13:30–14:00'],
      ] as const
    ).entries()) {
      const user = users[n] as User
      h.clock.set(Date.parse(at))
      await h.send(h.u.text(user, typed))
      await h.flush()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(new RegExp(`^✔️ Звонок: понедельник, 23 ноября, ${window} `))
    }
    expect(h.errors()).toEqual([])
  })

  it('«через час» as calls are booked an hour ahead at the soonest: the next time, not "too soon" of the client’s own hour', async () => {
    const h = createHarness()
    // 12:00 and the seconds the chat took: 13:00 is a few seconds too soon, 13:30 the next time
    const user = await offered(h, 9519)
    await h.send(h.u.text(user, 'через час'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toMatch(/^✔️ Звонок: понедельник, 23 ноября, 13:30–14:00 /)
    expect(h.errors()).toEqual([])
  })

  it('sooner than calls are booked ahead, or after hours: said so above that day’s free times, as a time typed is', async () => {
    const h = createHarness()
    const soon = await offered(h, 9521)
    await h.send(h.u.text(soon, 'минут через 20'))
    await h.flush()
    expect(h.fake.lastTextTo(soon.id)).toMatch(
      /^12:30 уже слишком скоро — выберите из свободных 👇\n\nСегодня, 23 ноября/,
    )
    const late = await offered(h, 9522)
    await h.send(h.u.text(late, 'через 8 часов'))
    await h.flush()
    expect(h.fake.lastTextTo(late.id)).toMatch(/^20:00 в этот день занято или нерабочее — выберите из свободных 👇/)
    expect(bookingsOf(h, soon)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('in English under the offer: "in 2 hours", "can you call me back in an hour and a half?"; "in half an hour" is too soon', async () => {
    const h = createHarness()
    for (const [n, [typed, window]] of (
      [
        ['in 2 hours', '14:00–14:30'],
        ['can you call me back in an hour and a half?', '13:30–14:00'],
      ] as const
    ).entries()) {
      const user = await offered(h, 9531 + n, 'en')
      await h.send(h.u.text(user, typed))
      await h.flush()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(
        new RegExp(
          `^✔️ Call: Monday 23 November, ${window} \\(Moscow Time, UTC\\+3\\)\\.\\n\\nWhich number should we call\\?`,
        ),
      )
    }
    const soon = await offered(h, 9535, 'en')
    await h.send(h.u.text(soon, 'in half an hour'))
    await h.flush()
    expect(h.fake.lastTextTo(soon.id)).toMatch(/^12:30 is too soon to book — please pick a free one 👇/)
    expect(h.errors()).toEqual([])
  })

  it('at the booking’s day picker and on a day’s times: «через 2 часа» is today at 14:00', async () => {
    const h = createHarness()
    const anna = h.u.user(9541, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/book'))
    expect(h.fake.lastTextTo(anna.id)).toContain('Выберите день')
    await h.send(h.u.text(anna, 'через 2 часа'))
    expect(h.fake.lastTextTo(anna.id)).toMatch(
      /^✔️ Звонок: понедельник, 23 ноября, 14:00–14:30 .*\n\nНа какой номер позвонить\?/s,
    )
    // On Tuesday's times, "in 2 hours" is still today's 14:00
    const ivan = h.u.user(9542, { first_name: 'Иван' })
    await h.send(h.u.text(ivan, '/book'), h.u.callback(ivan, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(ivan.id)).toContain('24 ноября — выберите удобное время')
    await h.send(h.u.text(ivan, 'через 2,5 часа'))
    expect(h.fake.lastTextTo(ivan.id)).toMatch(/^✔️ Звонок: понедельник, 23 ноября, 14:30–15:00 /)
    expect(h.errors()).toEqual([])
  })

  it('under the reminder, «перезвоните через 2 часа» moves the call to that time; no request for a manager', async () => {
    const h = createHarness()
    const user = await reminded(h, 9551, '2026-11-24T11:00Z')
    await h.send(h.u.text(user, 'перезвоните через 2 часа'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Переносим звонок\?\nБыло: вторник, 24 ноября, 14:00–14:30.*\nСтанет: вторник, 24 ноября, 15:00–15:30/s,
    )
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T12:00Z'), status: 'booked' }])
    expect(request(h, user)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('not counted from now: «через час буду свободна, что по цене?», «сделаете через 2 часа?» go to the manager as they did', async () => {
    const h = createHarness()
    for (const [n, typed] of ['через час буду свободна, что по цене?', 'сделаете через 2 часа?'].entries()) {
      const user = await offered(h, 9561 + n)
      await h.send(h.u.text(user, typed))
      await h.flush()
      expect(h.fake.lastTextTo(user.id), typed).not.toMatch(/Звонок:|Станет|выберите/)
      expect(bookingsOf(h, user), typed).toEqual([])
    }
    expect(h.errors()).toEqual([])
  })
})

describe('another time asked with no day named («в другой раз», «не сегодня», "another time")', () => {
  it('under the reminder, «давайте в другой раз», «не сегодня», «можно в другой раз?» start the move: the days to pick from', async () => {
    const h = createHarness()
    for (const [n, typed] of ['давайте в другой раз', 'не сегодня', 'можно в другой раз?'].entries()) {
      const user = await reminded(h, 9601 + n, `2026-11-24T${String(11 + n).padStart(2, '0')}:00Z`)
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^Ваш звонок: вторник, 24 ноября, .*На какой день перенести\?/s)
      expect(request(h, user), typed).toBeUndefined()
    }
    expect(h.errors()).toEqual([])
  })

  it('under the offer, «в другой раз», «не сегодня», "some other time" ask which day suits them: the days to pick from', async () => {
    const h = createHarness()
    for (const [n, [typed, language]] of (
      [
        ['давайте в другой раз', 'ru'],
        ['не сегодня', 'ru'],
        ['some other time', 'en'],
        ['another time please', 'en'],
      ] as const
    ).entries()) {
      const user = await offered(h, 9611 + n, language)
      await h.send(h.u.text(user, typed))
      await h.flush()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(
        /^Когда вам удобно поговорить\? Выберите день|^When would you like to talk\? Pick a day/,
      )
      expect(bookingsOf(h, user), typed).toEqual([])
    }
    expect(h.errors()).toEqual([])
  })

  it('under the offer to move a call, «в другой раз» is that call’s move', async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientInHandoff(h, 9621, 'Ия')
    expect(
      h.deps.services.booking.book({
        clientId: client.id,
        slotStart: Date.parse('2026-11-24T07:00Z'),
        phone: '+79990000001',
        comment: null,
        productId: null,
      }).ok,
    ).toBe(true)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    await h.send(h.u.text(user, 'давайте в другой раз'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Ваш звонок: вторник, 24 ноября, 10:00–10:30.*На какой день перенести\?/s,
    )
    expect(h.errors()).toEqual([])
  })

  it('under a question of something else («можно присылать новости?»), «давайте в другой раз» books nothing', async () => {
    const h = createHarness()
    const user = h.u.user(9632, { first_name: 'Ольга' })
    await h.send(h.u.text(user, '/start'))
    expect(h.fake.lastTextTo(user.id)).toContain('И один вопрос: можно иногда присылать вам полезные советы и новости?')
    await h.send(h.u.text(user, 'давайте в другой раз'))
    expect(h.fake.lastTextTo(user.id)).not.toMatch(/Выберите день|Звонок/)
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('not under the call or an offer, «в другой раз» books nothing and moves nothing', async () => {
    const h = createHarness()
    const user = h.u.user(9631, { first_name: 'Ольга' })
    const call = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T11:00Z' })
    await h.send(h.u.text(user, '/menu'), h.u.text(user, 'давайте в другой раз'))
    expect(h.fake.lastTextTo(user.id)).not.toMatch(/На какой день перенести|Выберите день/)
    expect(bookingsOf(h, user)).toMatchObject([{ id: call.id, slotStart: call.slotStart }])
    expect(h.errors()).toEqual([])
  })
})

describe('a reason said before the day or time («я на работе, …», "I\'m at work, …")', () => {
  it('under the offer: «я на работе, давайте завтра в 18», «сейчас неудобно, перезвоните через час», «ой, я за рулём — можно завтра в 10?»', async () => {
    const h = createHarness()
    for (const [n, [typed, when]] of (
      [
        ['я на работе, давайте завтра в 18', 'вторник, 24 ноября, 18:00–18:30'],
        ['сейчас неудобно, перезвоните через час', 'понедельник, 23 ноября, 13:30–14:00'],
        ['ой, я за рулём — можно завтра в 10?', 'вторник, 24 ноября, 10:00–10:30'],
        ['Занята. Давайте в среду в 12', 'среда, 25 ноября, 12:00–12:30'],
      ] as const
    ).entries()) {
      const user = await offered(h, 9701 + n)
      await h.send(h.u.text(user, typed))
      await h.flush()
      expect(h.fake.lastTextTo(user.id), typed).toMatch(new RegExp(`^✔️ Звонок: ${when} `))
    }
    expect(h.errors()).toEqual([])
  })

  it('under the reminder, "I\'m at work, can we do tomorrow at 6 instead?" moves the call to 6 PM tomorrow', async () => {
    const h = createHarness()
    const user = await reminded(h, 9711, '2026-11-24T11:00Z', 'en')
    await h.send(h.u.text(user, "I'm at work, can we do tomorrow at 6 instead?"))
    expect(h.fake.lastTextTo(user.id)).toMatch(/\nNew time: Wednesday 25 November, 18:00–18:30/)
    expect(h.errors()).toEqual([])
  })

  it('a question of something else still reaches the manager: «завтра в 3? и сколько это стоит», «я на работе, а сколько стоит сайт?»', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'завтра в 3? и сколько это стоит',
      'я на работе, завтра в 3? и сколько это стоит',
      'я на работе, а сколько стоит сайт?',
    ].entries()) {
      const user = await offered(h, 9721 + n)
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, typed))
      await h.flush()
      expect(h.fake.textsTo(user.id).slice(before).join('\n'), typed).not.toMatch(/Звонок:|Выберите день|выберите/)
      expect(bookingsOf(h, user), typed).toEqual([])
    }
    expect(h.errors()).toEqual([])
  })
})

describe('a reason said after the day and time («завтра в 18, я на работе до 17», "tomorrow at 6pm, I\'m at work till 5")', () => {
  it('at the day picker books that time, and the reason is the comment the team reads: no comment question', async () => {
    for (const [n, [typed, language, when, comment, check]] of (
      [
        [
          'завтра в 18, я на работе до 17',
          'ru',
          '✔️ Звонок: вторник, 24 ноября, 18:00–18:30',
          'я на работе до 17',
          '💬 Комментарий: я на работе до 17',
        ],
        [
          "tomorrow at 6pm, I'm at work till 5",
          'en',
          '✔️ Call: Tuesday 24 November, 18:00–18:30',
          "I'm at work till 5",
          "💬 Comment: I'm at work till 5",
        ],
        // "6" after work till 5 is 6 PM
        [
          "tomorrow at 6, I'm at work till 5",
          'en',
          '✔️ Call: Tuesday 24 November, 18:00–18:30',
          "I'm at work till 5",
          "💬 Comment: I'm at work till 5",
        ],
      ] as const
    ).entries()) {
      // (Each in a studio of its own: the time one booked is no longer free for the next)
      const h = createHarness()
      const user = h.u.user(9741 + n, { first_name: 'Ада', language_code: language })
      await h.send(h.u.text(user, '/book'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toContain(when)
      await h.send(h.u.text(user, `+7 916 123-45-4${n}`))
      // Straight to the confirmation, the reason shown as the comment
      expect(h.fake.lastTextTo(user.id), typed).toContain(check)
      await h.send(h.u.callback(user, 'bk:ok'))
      expect(bookingsOf(h, user), typed).toMatchObject([
        { status: 'booked', slotStart: Date.parse('2026-11-24T15:00Z'), comment },
      ])
      // The team's notice of the call says it
      await h.deps.scheduler.runDue()
      await h.drain()
      expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n'), typed).toContain(comment)
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('moving a call, the reason is added to its comment: the confirmation shows it, the team reads it with the move', async () => {
    const h = createHarness()
    const user = h.u.user(9761, { first_name: 'Ольга' })
    const call = await book(h, user, { day: '2026-11-23', slot: '2026-11-23T12:00Z', comment: 'про доставку' })
    await h.deps.scheduler.runDue()
    await h.drain()
    await h.send(h.u.callback(user, `bkm:resched:${call.id}`), h.u.text(user, 'завтра в 18, я на работе до 17'))
    const confirm = h.fake.lastTextTo(user.id)
    expect(confirm).toContain('Станет: вторник, 24 ноября, 18:00–18:30')
    expect(confirm).toContain('💬 Комментарий: я на работе до 17')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id)).toContain('Перенесли ✅')
    // What the client said at booking stays, the new words after it
    expect(bookingsOf(h, user)).toMatchObject([
      { id: call.id, slotStart: Date.parse('2026-11-24T15:00Z'), comment: 'про доставку; я на работе до 17' },
    ])
    await h.deps.scheduler.runDue()
    await h.drain()
    const notice = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(notice).toContain('Клиент перенёс звонок')
    expect(notice).toContain('💬 Комментарий: про доставку; я на работе до 17')
    // A move with no words after the time leaves the comment as it was
    await h.send(h.u.callback(user, `bkm:resched:${call.id}`), h.u.text(user, 'в среду в 12'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('💬')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ comment: 'про доставку; я на работе до 17' }])
    expect(h.errors()).toEqual([])
  })

  it('a time the client says they are busy at («завтра в 3, я на работе до 18») is read by nobody but a person: no booking', async () => {
    const h = createHarness()
    const user = h.u.user(9751, { first_name: 'Ада' })
    await h.send(h.u.text(user, '/book'), h.u.text(user, 'завтра в 3, я на работе до 18'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('✔️ Звонок')
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
