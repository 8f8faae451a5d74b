/**
 * A time said with no day ("а можно в 15?", "10am my time") is asked which day; the day the
 * client then picks — tapped or typed — takes that time when it is free then, or shows the
 * day's times saying it is not. The time is kept for that one answer only.
 */
import { describe, expect, it } from 'vitest'
import { book, bookingsOf, reachConfirm, slotButtons, slotData, startedClient } from '../helpers/booking.ts'
import { createHarness } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow (the demo's time
// zone); the demo studio works Mon–Fri 10–19, Sat 11–16, calls of 30 minutes, one place each,
// reminders 60 minutes before
const WHICH_DAY_15 = 'В какой день вам удобно в 15:00 (Москва, UTC+3)? Выберите день ниже 👇'

const client = startedClient

describe('a time said with no day, then the day', () => {
  it('under the call reminder: "а можно в 15?", then "Сегодня" tapped, is the move to today 15:00 — not the day’s times to find 15:00 in again', async () => {
    const h = createHarness()
    const anna = await client(h, 5601)
    const call = await book(h, anna, { day: '2026-11-24', slot: '2026-11-24T08:00Z' })
    // Tuesday 10:00 in Moscow: the reminder of the 11:00 call comes
    h.clock.set('2026-11-24T07:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(anna.id)).toContain('11:00')
    await h.send(h.u.text(anna, 'а можно в 15?'))
    expect(h.fake.lastTextTo(anna.id)).toContain(WHICH_DAY_15)
    const before = h.fake.textsTo(anna.id).length
    await h.send(h.u.callback(anna, 'bkd:2026-11-24'))
    // The picker tapped shows the time taken, as a time tapped on it would; then the move to confirm
    const [picker, confirm, ...more] = h.fake.textsTo(anna.id).slice(before)
    expect(picker).toMatch(/^Сегодня, 24 ноября — выберите удобное время .*\n\n<b>✔️ 15:00<\/b>$/s)
    expect(confirm).toContain('Переносим звонок?')
    expect(confirm).toContain('Станет: вторник, 24 ноября, 15:00–15:30 (Москва, UTC+3)')
    expect(more).toEqual([])
    await h.send(h.u.callback(anna, 'bk:ok'))
    expect(bookingsOf(h, anna)).toMatchObject([
      { id: call.id, slotStart: Date.parse('2026-11-24T12:00Z'), status: 'booked' },
    ])
    expect(h.errors()).toEqual([])
  })

  it('a new booking: the day tapped takes 15:00, shown on the picker, and the number is asked next', async () => {
    const h = createHarness()
    const olga = await client(h, 5611)
    await h.send(h.u.text(olga, '/book'), h.u.text(olga, 'а можно в 15?'))
    expect(h.fake.lastTextTo(olga.id)).toContain(WHICH_DAY_15)
    const picker = h.fake.messageWithButton(olga.id, 'bkd:2026-11-24')
    await h.send(h.u.callback(olga, 'bkd:2026-11-24'))
    const texts = h.fake.textsTo(olga.id)
    // The picker tapped shows the time taken, as a time tapped on it would
    expect(texts.at(-2)).toMatch(/^Завтра, 24 ноября — выберите удобное время .*\n\n<b>✔️ 15:00<\/b>$/s)
    expect(h.fake.keyboardOf(olga.id, picker ?? 0)).toBeUndefined()
    expect(texts.at(-1)).toContain('На какой номер позвонить?')
    await h.send(h.u.text(olga, '+7 916 123-45-67'))
    await h.send(h.u.callback(olga, 'bk:skip'))
    expect(h.fake.lastTextTo(olga.id)).toContain('вторник, 24 ноября, 15:00–15:30')
    await h.send(h.u.callback(olga, 'bk:ok'))
    expect(bookingsOf(h, olga)).toMatchObject([{ slotStart: Date.parse('2026-11-24T12:00Z'), status: 'booked' }])
    expect(h.errors()).toEqual([])
  })

  it('an old button answered "already answered" in between keeps the question, and its time, on screen', async () => {
    const h = createHarness()
    const olga = await client(h, 5615)
    // A booking before, its "No comment" button still there
    await reachConfirm(h, olga, { day: '2026-11-25', slot: '2026-11-25T08:00Z' })
    await h.send(h.u.callback(olga, 'bk:ok'))
    await h.send(h.u.text(olga, '/book'), h.u.text(olga, 'а можно в 15?'))
    expect(h.fake.lastTextTo(olga.id)).toContain(WHICH_DAY_15)
    // That old "No comment" pressed: no comment is asked now, nothing changes
    await h.send(h.u.callback(olga, 'bk:skip'))
    expect(h.fake.lastTextTo(olga.id)).toContain(WHICH_DAY_15)
    const before = h.fake.textsTo(olga.id).length
    await h.send(h.u.callback(olga, 'bkd:2026-11-24'))
    expect(h.fake.textsTo(olga.id).slice(before).join('\n')).toContain('15:00–15:30')
    expect(h.errors()).toEqual([])
  })

  it('a day typed ("завтра") takes the time as "завтра в 15" would', async () => {
    const h = createHarness()
    const olga = await client(h, 5621)
    await h.send(h.u.text(olga, '/book'), h.u.text(olga, 'в 15'))
    expect(h.fake.lastTextTo(olga.id)).toContain(WHICH_DAY_15)
    await h.send(h.u.text(olga, 'завтра'))
    expect(h.fake.lastTextTo(olga.id)).toMatch(
      /^✔️ Звонок: вторник, 24 ноября, 15:00–15:30 \(Москва, UTC\+3\)\.\n\nНа какой номер позвонить\?/,
    )
    expect(h.errors()).toEqual([])
  })

  it('15:00 taken that day: the day’s times, with a line saying so; "← Другой день" drops the time', async () => {
    const h = createHarness()
    // Today 15:00 is someone else's call
    await book(h, await client(h, 5631), { day: '2026-11-23', slot: '2026-11-23T12:00Z' })
    const olga = await client(h, 5632)
    await h.send(h.u.text(olga, '/book'), h.u.text(olga, 'а можно в 15?'))
    await h.send(h.u.callback(olga, 'bkd:2026-11-23'))
    const shown = h.fake.lastTextTo(olga.id)
    expect(shown).toMatch(/^15:00 в этот день занято или нерабочее — выберите из свободных 👇\n\nСегодня, 23 ноября — /)
    expect(slotButtons(h, olga.id)).toContain(slotData('2026-11-23T13:00Z'))
    expect(slotButtons(h, olga.id)).not.toContain(slotData('2026-11-23T12:00Z'))
    expect(bookingsOf(h, olga)).toEqual([])
    // Another day after that: its times, 15:00 not taken for her
    await h.send(h.u.callback(olga, 'bk:days'), h.u.callback(olga, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(olga.id)).toMatch(/^Завтра, 24 ноября — выберите удобное время/)
    expect(slotButtons(h, olga.id)).toContain(slotData('2026-11-24T12:00Z'))
    expect(h.errors()).toEqual([])
  })

  it('is kept for the next answer only: words for the manager in between, or another time said, replace it', async () => {
    const h = createHarness()
    const olga = await client(h, 5641)
    await h.send(h.u.text(olga, '/book'), h.u.text(olga, 'в 15'), h.u.text(olga, 'а сколько стоит сайт?'))
    await h.send(h.u.callback(olga, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(olga.id)).toMatch(/^Завтра, 24 ноября — выберите удобное время/)
    expect(bookingsOf(h, olga)).toEqual([])
    // "в 15", then "нет, лучше в 16": 16:00 is the time the day takes
    const vera = await client(h, 5642)
    await h.send(h.u.text(vera, '/book'), h.u.text(vera, 'в 15'), h.u.text(vera, 'нет, лучше в 16'))
    expect(h.fake.lastTextTo(vera.id)).toContain('В какой день вам удобно в 16:00 (Москва, UTC+3)?')
    await h.send(h.u.callback(vera, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(vera.id)).toContain('На какой номер позвонить?')
    await h.send(h.u.text(vera, '+7 916 123-45-68'))
    await h.send(h.u.callback(vera, 'bk:skip'))
    expect(h.fake.lastTextTo(vera.id)).toContain('вторник, 24 ноября, 16:00–16:30')
    expect(h.errors()).toEqual([])
  })

  it('on the client’s clock as it was said: "10am my time" of a New York client is 18:00 here; a plain "в 15" is ours', async () => {
    const h = createHarness()
    const sam = await client(h, 5651, 'en', 'America/New_York')
    await h.send(h.u.text(sam, '/book'), h.u.text(sam, '10am my time'))
    expect(h.fake.lastTextTo(sam.id)).toContain('Which day would suit you at 10:00 (ET')
    // Wednesday 10:00 in New York is 18:00 in Moscow, free
    await h.send(h.u.callback(sam, 'bkd:2026-11-25'))
    expect(h.fake.lastTextTo(sam.id)).toContain('Which number should we call?')
    await h.send(h.u.text(sam, '+44 20 7946 0958'))
    await h.send(h.u.callback(sam, 'bk:skip'))
    await h.send(h.u.callback(sam, 'bk:ok'))
    expect(bookingsOf(h, sam)).toMatchObject([{ slotStart: Date.parse('2026-11-25T15:00Z'), status: 'booked' }])
    // Saturday 10:00 in New York is 18:00 in Moscow, after the studio's Saturday hours: said in both clocks
    const kim = await client(h, 5652, 'en', 'America/New_York')
    await h.send(h.u.text(kim, '/book'), h.u.text(kim, '10am my time'), h.u.callback(kim, 'bkd:2026-11-28'))
    expect(h.fake.lastTextTo(kim.id)).toMatch(
      /^10:00 your time is 18:00 our time \(Moscow Time, UTC\+3\) — that time is taken or outside our hours/,
    )
    expect(slotButtons(h, kim.id)).toContain(slotData('2026-11-28T08:00Z'))
    // Without "my time" a time is read on ours, as the question says
    const ira = await client(h, 5653, 'ru', 'Asia/Novosibirsk')
    await h.send(h.u.text(ira, '/book'), h.u.text(ira, 'в 15'))
    expect(h.fake.lastTextTo(ira.id)).toContain('В какой день вам удобно в 15:00 (Москва, UTC+3')
    await h.send(h.u.callback(ira, 'bkd:2026-11-24'), h.u.text(ira, '+7 916 123-45-69'))
    await h.send(h.u.callback(ira, 'bk:skip'))
    await h.send(h.u.callback(ira, 'bk:ok'))
    expect(bookingsOf(h, ira)).toMatchObject([{ slotStart: Date.parse('2026-11-24T12:00Z'), status: 'booked' }])
    expect(h.errors()).toEqual([])
  })
})
