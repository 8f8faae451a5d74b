import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import {
  bookableDates,
  checkSlot,
  firstFreeSlot,
  freeDays,
  freeSlotsOn,
  isBookableDate,
  type SlotQuery,
  type SlotRules,
  slotsOfDate,
} from '../../src/services/slots.ts'
import type { WorkingCalendar } from '../../src/services/time.ts'

/** An instant written with its local offset, e.g. at('2026-11-23T10:00+03:00'). */
const at = (text: string): number => {
  const ms = Date.parse(text)
  if (Number.isNaN(ms)) throw new Error(`bad instant ${text}`)
  return ms
}
const MINUTE = 60_000
const local = (ms: number, tz: string) => DateTime.fromMillis(ms, { zone: tz }).toFormat('HH:mm')
const localWithOffset = (ms: number, tz: string) => DateTime.fromMillis(ms, { zone: tz }).toFormat('HH:mm ZZ')

/** Moscow: UTC+3 all year. Tuesday has a lunch break; 2026-11-04 is a holiday; Sunday is closed. */
const moscow: WorkingCalendar = {
  timezone: 'Europe/Moscow',
  hours: {
    mon: ['10:00-19:00'],
    tue: ['10:00-13:00', '14:00-19:00'],
    wed: ['10:00-19:00'],
    thu: ['10:00-19:00'],
    fri: ['10:00-19:00'],
    sat: ['11:00-16:00'],
  },
  holidays: ['2026-11-04'],
}
const rules: SlotRules = { slotMinutes: 30, capacity: 1, minLeadMinutes: 60, daysAhead: 14 }
/** Monday 23 November 2026, 08:00 in Moscow: before opening. */
const MONDAY_8AM = at('2026-11-23T08:00+03:00')

function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return { now: MONDAY_8AM, calendar: moscow, rules, busy: [], ...overrides }
}

describe('slotsOfDate', () => {
  it('cuts weekday hours into slots, skipping lunch, holidays and closed days', () => {
    const monday = slotsOfDate('2026-11-23', moscow, 30)
    expect(monday).toHaveLength(18)
    expect(local(monday[0]!.start, 'Europe/Moscow')).toBe('10:00')
    expect(local(monday.at(-1)!.start, 'Europe/Moscow')).toBe('18:30')
    expect(monday.at(-1)!.end).toBe(at('2026-11-23T19:00+03:00'))

    const tuesday = slotsOfDate('2026-11-24', moscow, 30).map((s) => local(s.start, 'Europe/Moscow'))
    expect(tuesday).toHaveLength(16)
    expect(tuesday).toContain('12:30')
    expect(tuesday).not.toContain('13:00')
    expect(tuesday).not.toContain('13:30')
    expect(tuesday).toContain('14:00')

    expect(slotsOfDate('2026-11-28', moscow, 30)).toHaveLength(10) // Saturday 11–16
    expect(slotsOfDate('2026-11-29', moscow, 30)).toEqual([]) // Sunday
    expect(slotsOfDate('2026-11-04', moscow, 30)).toEqual([]) // holiday
  })

  it('does not offer a remainder shorter than a slot', () => {
    const short: WorkingCalendar = { ...moscow, hours: { mon: ['10:00-11:45'] } }
    expect(slotsOfDate('2026-11-23', short, 45).map((s) => local(s.start, 'Europe/Moscow'))).toEqual(['10:00', '10:45'])
  })
})

describe('bookableDates', () => {
  it('is today and the next days_ahead days, by the business date, not the UTC date', () => {
    // 22:30 UTC on Sunday is already Monday 01:30 in Moscow
    expect(bookableDates(at('2026-11-22T22:30Z'), 'Europe/Moscow', 2)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ])
    expect(bookableDates(at('2026-12-31T12:00+03:00'), 'Europe/Moscow', 1)).toEqual(['2026-12-31', '2027-01-01'])
  })

  it('isBookableDate agrees with the list and rejects what is not a date', () => {
    const now = at('2026-11-23T12:00+03:00')
    const listed = bookableDates(now, 'Europe/Moscow', 14)
    for (const date of [...listed, '2026-11-22', '2026-12-08']) {
      expect(isBookableDate(date, now, 'Europe/Moscow', 14), date).toBe(listed.includes(date))
    }
    for (const forged of ['2026-11-99', '2026-11-3', '2026-11-30x', '', '2026-11-30T00:00']) {
      expect(isBookableDate(forged, now, 'Europe/Moscow', 14), forged).toBe(false)
    }
    expect(freeSlotsOn('2026-11-99', query())).toEqual([])
  })
})

describe('free slots', () => {
  it('respects the minimum lead time', () => {
    const now = at('2026-11-23T10:10+03:00')
    const slots = freeSlotsOn('2026-11-23', query({ now }))
    expect(local(slots[0]!.start, 'Europe/Moscow')).toBe('11:30') // 10:10 + 60 min → first start at or after 11:10
    expect(checkSlot(at('2026-11-23T11:00+03:00'), query({ now })).status).toBe('gone')
    expect(checkSlot(at('2026-11-23T09:00+03:00'), query({ now })).status).toBe('gone')
  })

  it('fills a slot up to its capacity', () => {
    const ten = at('2026-11-23T10:00+03:00')
    const booked = { start: ten, end: ten + 30 * MINUTE }
    expect(checkSlot(ten, query({ busy: [booked] })).status).toBe('full')
    expect(freeSlotsOn('2026-11-23', query({ busy: [booked] })).map((s) => s.start)).not.toContain(ten)

    const two = { ...rules, capacity: 2 }
    const one = checkSlot(ten, query({ rules: two, busy: [booked] }))
    expect(one).toEqual({ status: 'free', slot: { start: ten, end: ten + 30 * MINUTE, free: 1 } })
    expect(checkSlot(ten, query({ rules: two, busy: [booked, booked] })).status).toBe('full')
  })

  it('a booking that overlaps two slots (slot length changed since) takes a place in both', () => {
    const ten = at('2026-11-23T10:00+03:00')
    const long = { start: ten, end: ten + 45 * MINUTE }
    expect(checkSlot(ten, query({ busy: [long] })).status).toBe('full')
    expect(checkSlot(ten + 30 * MINUTE, query({ busy: [long] })).status).toBe('full')
    expect(checkSlot(ten + 60 * MINUTE, query({ busy: [long] })).status).toBe('free')
  })

  it('rejects what is not a slot: misaligned, closed, a holiday, beyond the horizon, nonsense', () => {
    expect(checkSlot(at('2026-11-23T10:15+03:00'), query()).status).toBe('invalid')
    expect(checkSlot(at('2026-11-23T19:00+03:00'), query()).status).toBe('invalid')
    expect(checkSlot(at('2026-11-29T12:00+03:00'), query()).status).toBe('invalid') // Sunday
    expect(checkSlot(at('2026-11-04T12:00+03:00'), query({ now: at('2026-11-02T08:00+03:00') })).status).toBe('invalid')
    expect(checkSlot(at('2026-12-08T12:00+03:00'), query()).status).toBe('invalid') // 15 days ahead
    expect(checkSlot(at('2026-12-07T12:00+03:00'), query()).status).toBe('free') // 14 days ahead
    expect(checkSlot(Number.NaN, query()).status).toBe('invalid')
    expect(freeSlotsOn('2026-12-08', query())).toEqual([])
  })

  it('lists the days with a free slot and how many, skipping closed, holiday and full days', () => {
    const small: SlotRules = { ...rules, daysAhead: 6 }
    const monday = slotsOfDate('2026-11-23', moscow, 30).map((s) => ({ ...s }))
    const days = freeDays(query({ rules: small, busy: monday }))
    expect(days).toEqual([
      { date: '2026-11-24', free: 16 },
      { date: '2026-11-25', free: 18 },
      { date: '2026-11-26', free: 18 },
      { date: '2026-11-27', free: 18 },
      { date: '2026-11-28', free: 10 },
    ])
    expect(local(firstFreeSlot(query({ rules: small, busy: monday }))!.start, 'Europe/Moscow')).toBe('10:00')
  })

  it('nothing free within the horizon: no days, no first slot', () => {
    const closedSoon: WorkingCalendar = { ...moscow, hours: { sun: ['10:00-11:00'] } }
    const q = query({ calendar: closedSoon, rules: { ...rules, daysAhead: 5 } }) // Mon–Sat only
    expect(freeDays(q)).toEqual([])
    expect(firstFreeSlot(q)).toBeUndefined()
  })
})

describe('daylight saving time (Europe/Berlin)', () => {
  const allDay = ['00:00-24:00']
  const berlin: WorkingCalendar = {
    timezone: 'Europe/Berlin',
    hours: {
      mon: ['09:00-17:00'],
      fri: ['09:00-17:00'],
      sat: allDay,
      sun: allDay,
    },
    holidays: [],
  }

  it('spring forward: the short night has 46 half-hour slots and none at 02:xx', () => {
    const sunday = slotsOfDate('2026-03-29', berlin, 30)
    expect(slotsOfDate('2026-03-28', berlin, 30)).toHaveLength(48)
    expect(sunday).toHaveLength(46)
    const labels = sunday.map((s) => local(s.start, 'Europe/Berlin'))
    expect(labels.slice(2, 6)).toEqual(['01:00', '01:30', '03:00', '03:30'])
    expect(labels.filter((l) => l.startsWith('02:'))).toEqual([])
    expect(sunday.at(-1)!.end).toBe(at('2026-03-30T00:00+02:00'))
  })

  it('fall back: the long night has 50 slots and 02:00 comes twice, an hour apart', () => {
    const sunday = slotsOfDate('2026-10-25', berlin, 30)
    expect(sunday).toHaveLength(50)
    const twos = sunday.filter((s) => local(s.start, 'Europe/Berlin') === '02:00')
    expect(twos.map((s) => localWithOffset(s.start, 'Europe/Berlin'))).toEqual(['02:00 +02:00', '02:00 +01:00'])
    expect(twos[1]!.start - twos[0]!.start).toBe(60 * MINUTE)
    // every slot is a distinct instant, so capacity counts them apart
    expect(checkSlot(twos[1]!.start, { ...berlinQuery(at('2026-10-24T12:00+02:00')), busy: [twos[0]!] }).status).toBe(
      'free',
    )
  })

  it('working hours keep their wall-clock time on both sides of each switch', () => {
    const nineLocal = (date: string) => new Date(slotsOfDate(date, berlin, 30)[0]!.start).toISOString()
    expect(nineLocal('2026-03-27')).toBe('2026-03-27T08:00:00.000Z') // Friday, CET
    expect(nineLocal('2026-03-30')).toBe('2026-03-30T07:00:00.000Z') // Monday, CEST
    expect(nineLocal('2026-10-23')).toBe('2026-10-23T07:00:00.000Z') // Friday, CEST
    expect(nineLocal('2026-10-26')).toBe('2026-10-26T08:00:00.000Z') // Monday, CET
  })

  it('the lead time is real elapsed time across the switch', () => {
    // Saturday 23:30 CET + 3 h real time = Sunday 03:30 CEST (02:xx does not exist that night)
    const now = at('2026-03-28T23:30+01:00')
    const q = { ...berlinQuery(now), rules: { ...rules, minLeadMinutes: 180 } }
    expect(localWithOffset(freeSlotsOn('2026-03-29', q)[0]!.start, 'Europe/Berlin')).toBe('03:30 +02:00')
    expect(checkSlot(at('2026-03-29T03:00+02:00'), q).status).toBe('gone')
  })

  function berlinQuery(now: number): SlotQuery {
    return { now, calendar: berlin, rules, busy: [] }
  }
})
