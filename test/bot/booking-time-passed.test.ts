/**
 * A time said for today that has already gone by ("сегодня в 10" at noon, "today at 9am") is
 * told so — "That time has already passed" — above the free times that are left, wherever a
 * typed or picked time is read: the day picker, the day picked after "which day?", a day's
 * times, the comment question, the confirmation, a time on the client's clock, a move. It was
 * told "taken or outside our hours", which was not why. A time taken or outside the hours keeps
 * that answer.
 */
import { describe, expect, it } from 'vitest'
import { book, bookingsOf, slotButtons, slotData, startedClient } from '../helpers/booking.ts'
import { createHarness } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow (the demo's time
// zone); the demo studio works Mon–Fri 10–19, Sat 11–16, calls of 30 minutes at least 60 minutes
// ahead: 14:00 is among today's free times
const TODAY_TIMES = 'Сегодня, 23 ноября — выберите удобное время (Москва, UTC+3). На звонок отводим до 30 мин.'
const PASSED = 'Это время уже прошло — выберите из свободных 👇'

const client = startedClient

describe('a time said for today that has already passed', () => {
  it('on the day picker: "сегодня в 10", "сегодня в 9:00", "today at 9am" are said to have passed, above today’s free times', async () => {
    const h = createHarness()
    for (const [n, typed] of ['сегодня в 10', 'сегодня в 9:00', 'сегодня в 11:30'].entries()) {
      const anna = await client(h, 6101 + n)
      await h.send(h.u.text(anna, '/book'), h.u.text(anna, typed))
      expect(h.fake.lastTextTo(anna.id), typed).toBe(`${PASSED}\n\n${TODAY_TIMES}`)
      expect(slotButtons(h, anna.id), typed).toContain(slotData('2026-11-23T11:00Z'))
      expect(bookingsOf(h, anna)).toEqual([])
    }
    const emma = await client(h, 6111, 'en')
    await h.send(h.u.text(emma, '/book'), h.u.text(emma, 'today at 9am'))
    expect(h.fake.lastTextTo(emma.id)).toMatch(
      /^That time has already passed — please pick a free one 👇\n\nToday, 23 November — pick a time/,
    )
    expect(slotButtons(h, emma.id)).toContain(slotData('2026-11-23T11:00Z'))
    expect(h.errors()).toEqual([])
  })

  it('a time of today still to come but sooner than calls are booked ahead is said to be too soon, not taken', async () => {
    const h = createHarness()
    // 12:30 and 12:45 are inside the hour a call is booked ahead at the least
    for (const [n, typed] of ['сегодня в 12:30', 'сегодня в 12:45'].entries()) {
      const anna = await client(h, 6131 + n)
      await h.send(h.u.text(anna, '/book'), h.u.text(anna, typed))
      expect(h.fake.lastTextTo(anna.id), typed).toBe(
        `На это время уже не успеем записать — выберите из свободных 👇\n\n${TODAY_TIMES}`,
      )
      expect(bookingsOf(h, anna)).toEqual([])
    }
    const emma = await client(h, 6139, 'en')
    await h.send(h.u.text(emma, '/book'), h.u.text(emma, 'today at 12:30'))
    expect(h.fake.lastTextTo(emma.id)).toMatch(
      /^That time is too soon to book — please pick a free one 👇\n\nToday, 23 November/,
    )
    expect(h.errors()).toEqual([])
  })

  it('a time whose later reading falls within the hours is judged on that one: "в 2:15" at noon is 14:15, between two starts', async () => {
    const h = createHarness()
    for (const [n, typed] of ['сегодня в 2:15', 'сегодня в 4:45'].entries()) {
      const anna = await client(h, 6141 + n)
      await h.send(h.u.text(anna, '/book'), h.u.text(anna, typed))
      expect(h.fake.lastTextTo(anna.id), typed).not.toContain(PASSED)
      expect(h.fake.lastTextTo(anna.id), typed).toMatch(/^Звонки начинаются/)
    }
    expect(h.errors()).toEqual([])
  })

  it('a time taken or outside the hours keeps its answer', async () => {
    const h = createHarness()
    await book(h, await client(h, 6121), { day: '2026-11-23', slot: '2026-11-23T12:00Z' })
    const olga = await client(h, 6122)
    for (const typed of ['сегодня в 15', 'сегодня в 22']) {
      await h.send(h.u.text(olga, '/book'), h.u.text(olga, typed))
      expect(h.fake.lastTextTo(olga.id), typed).toBe(
        `Это время в тот день занято или нерабочее — выберите из свободных 👇\n\n${TODAY_TIMES}`,
      )
    }
    expect(h.errors()).toEqual([])
  })

  it('the day picked after "which day?": "в 10 утра", then "Сегодня", names the time that has passed', async () => {
    const h = createHarness()
    const olga = await client(h, 6131)
    await h.send(h.u.text(olga, '/book'), h.u.text(olga, 'в 10 утра'))
    expect(h.fake.lastTextTo(olga.id)).toContain('В какой день вам удобно в 10:00 (Москва, UTC+3)?')
    await h.send(h.u.callback(olga, 'bkd:2026-11-23'))
    expect(h.fake.lastTextTo(olga.id)).toBe(`10:00 уже прошло — выберите из свободных 👇\n\n${TODAY_TIMES}`)
    const emma = await client(h, 6132, 'en')
    await h.send(h.u.text(emma, '/book'), h.u.text(emma, 'at 10am'), h.u.text(emma, 'today'))
    expect(h.fake.lastTextTo(emma.id)).toMatch(
      /^10:00 has already passed — please pick a free one 👇\n\nToday, 23 November/,
    )
    expect(h.errors()).toEqual([])
  })

  it('typed on today’s times, at the comment question and at the confirmation', async () => {
    const h = createHarness()
    // On today's times: it was told to use the buttons
    const ira = await client(h, 6141)
    await h.send(h.u.text(ira, '/book'), h.u.callback(ira, 'bkd:2026-11-23'), h.u.text(ira, '10:00'))
    expect(h.fake.lastTextTo(ira.id)).toBe(`${PASSED}\n\n${TODAY_TIMES}`)
    // A time of today chosen, then an earlier one said instead
    const vera = await client(h, 6142)
    await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bkd:2026-11-23'))
    await h.send(h.u.callback(vera, slotData('2026-11-23T12:00Z')), h.u.text(vera, '+7 916 123-45-67'))
    await h.send(h.u.text(vera, 'лучше в 10'))
    expect(h.fake.lastTextTo(vera.id)).toBe(`${PASSED}\n\n${TODAY_TIMES}`)
    await h.send(h.u.callback(vera, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.callback(vera, 'bk:skip'))
    expect(h.fake.lastTextTo(vera.id)).toContain('Всё верно?')
    await h.send(h.u.text(vera, 'давайте в 11'))
    expect(h.fake.lastTextTo(vera.id)).toBe(`${PASSED}\n\n${TODAY_TIMES}`)
    expect(bookingsOf(h, vera)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('on the client’s clock: "today 2am my time" of a New York client is 10:00 here, gone by', async () => {
    const h = createHarness()
    const sam = await client(h, 6151, 'en', 'America/New_York')
    await h.send(h.u.text(sam, '/book'), h.u.text(sam, 'today 2am my time'))
    expect(h.fake.lastTextTo(sam.id)).toMatch(
      /^2:00 your time is 10:00 our time \(Moscow Time, UTC\+3\) — that time has already passed; please pick a free one 👇\n\nToday, 23 November/,
    )
    expect(h.errors()).toEqual([])
  })

  it('today with no free time left: said to have passed, above the days', async () => {
    const h = createHarness()
    const anna = await client(h, 6161)
    // 18:30 in Moscow: the last call of the day, 18:30, is too close
    h.clock.set('2026-11-23T15:30Z')
    await h.send(h.u.text(anna, '/book'), h.u.text(anna, 'сегодня в 10'))
    expect(h.fake.lastTextTo(anna.id)).toMatch(
      /^Это время уже прошло — выберите, пожалуйста, день из списка 👇\n\nКогда вам удобно поговорить\?/,
    )
    expect(h.errors()).toEqual([])
  })

  it('moving a call: "today at 10am" typed at the move’s days', async () => {
    const h = createHarness()
    const emma = await client(h, 6171, 'en')
    const call = await book(h, emma, { day: '2026-11-24', slot: '2026-11-24T08:00Z' })
    await h.send(h.u.callback(emma, `bkm:resched:${call.id}`), h.u.text(emma, 'today at 10am'))
    expect(h.fake.lastTextTo(emma.id)).toMatch(
      /^That time has already passed — please pick a free one 👇\n\nToday, 23 November/,
    )
    expect(bookingsOf(h, emma)).toMatchObject([{ id: call.id, slotStart: Date.parse('2026-11-24T08:00Z') }])
    expect(h.errors()).toEqual([])
  })
})
