import { describe, expect, it } from 'vitest'
import {
  addWorkingMinutes,
  afterQuietHours,
  dayOffsetIn,
  isQuietTime,
  isWorkingTime,
  localDate,
  localDateTime,
  localDayBounds,
  nearestDate,
  nextWorkingTime,
  type WorkingCalendar,
  weekdayIn,
  weekdayOf,
  workingMinutesBetween,
  workingTimeline,
} from '../../src/services/time.ts'

/** An instant written with its local offset, e.g. at('2026-11-23T10:00+03:00'). */
const at = (text: string): number => {
  const ms = Date.parse(text)
  if (Number.isNaN(ms)) throw new Error(`bad instant ${text}`)
  return ms
}
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString())

const WEEKDAY = ['09:00-13:00', '14:00-18:00']
/** Moscow has no DST: UTC+3 all year. 4 November is a public holiday. */
const moscow: WorkingCalendar = {
  timezone: 'Europe/Moscow',
  hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY },
  holidays: ['2026-11-04'],
}
const berlin: WorkingCalendar = {
  timezone: 'Europe/Berlin',
  hours: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
  holidays: [],
}
const closed: WorkingCalendar = { timezone: 'Europe/Moscow', hours: {}, holidays: [] }

describe('workingMinutesBetween', () => {
  it('counts only the open hours on the way: the lunch break, the night, the weekend and a holiday are left out', () => {
    // Inside one interval, and across lunch
    expect(workingMinutesBetween(at('2026-11-23T10:00+03:00'), at('2026-11-23T10:20+03:00'), moscow)).toBe(20)
    expect(workingMinutesBetween(at('2026-11-23T12:50+03:00'), at('2026-11-23T14:10+03:00'), moscow)).toBe(20)
    // Asked at 22:00 on Monday, answered at 09:20 on Tuesday: 20 minutes of the team's time
    expect(workingMinutesBetween(at('2026-11-23T22:00+03:00'), at('2026-11-24T09:20+03:00'), moscow)).toBe(20)
    // Friday 17:50 to Monday 09:10: 10 + 10 minutes
    expect(workingMinutesBetween(at('2026-11-27T17:50+03:00'), at('2026-11-30T09:10+03:00'), moscow)).toBe(20)
    // Over the holiday of 4 November: Tuesday 17:00 to Thursday 10:00 is 60 + 60
    expect(workingMinutesBetween(at('2026-11-03T17:00+03:00'), at('2026-11-05T10:00+03:00'), moscow)).toBe(120)
    // All closed, or the wrong way round: nothing
    expect(workingMinutesBetween(at('2026-11-28T10:00+03:00'), at('2026-11-29T18:00+03:00'), moscow)).toBe(0)
    expect(workingMinutesBetween(at('2026-11-23T11:00+03:00'), at('2026-11-23T10:00+03:00'), moscow)).toBe(0)
    expect(workingMinutesBetween(at('2026-11-23T10:00+03:00'), at('2026-11-30T10:00+03:00'), closed)).toBe(0)
  })

  it('is the inverse of addWorkingMinutes, across a DST switch too', () => {
    for (const [cal, start] of [
      [moscow, '2026-11-23T16:30+03:00'],
      [berlin, '2026-03-27T16:00+01:00'],
      [berlin, '2026-10-23T16:30+02:00'],
    ] as const) {
      for (const minutes of [1, 45, 480, 1000]) {
        const end = addWorkingMinutes(at(start), minutes, cal)
        expect(workingMinutesBetween(at(start), end as number, cal), `${cal.timezone} ${start} +${minutes}`).toBe(
          minutes,
        )
      }
    }
  })
})

describe('workingTimeline', () => {
  it('answers as workingMinutesBetween for any pair, inside its range and out of it, over holidays and DST switches', () => {
    for (const [cal, from, to] of [
      [moscow, '2026-10-20T00:00+03:00', '2026-11-25T12:00+03:00'],
      [berlin, '2026-03-20T12:00+01:00', '2026-04-02T12:00+02:00'],
      [berlin, '2026-10-20T12:00+02:00', '2026-11-02T12:00+01:00'],
    ] as const) {
      const minutes = workingTimeline(at(from), at(to), cal)
      const span = at(to) - at(from)
      // Pairs spread over the range and a day either side of it, at odd minutes
      for (let i = 0; i < 400; i++) {
        const a =
          at(from) - 86_400_000 + Math.floor(((((i * 7919) % 1000) / 1000) * (span + 86_400_000)) / 60_000) * 60_000
        const b = a + ((i * 104_729) % (5 * 1440)) * 60_000 + (i % 7) * 1000
        const pair = `${cal.timezone} ${new Date(a).toISOString()} → ${new Date(b).toISOString()}`
        expect(minutes(a, b), pair).toBeCloseTo(workingMinutesBetween(a, b, cal), 9)
        expect(minutes(b, a), pair).toBe(0)
      }
    }
  })
})

describe('isWorkingTime', () => {
  it('is open inside weekday hours and closed at lunch, after closing, at weekends and holidays', () => {
    expect(isWorkingTime(at('2026-11-23T09:00+03:00'), moscow)).toBe(true) // Monday opening
    expect(isWorkingTime(at('2026-11-23T08:59+03:00'), moscow)).toBe(false)
    expect(isWorkingTime(at('2026-11-23T13:30+03:00'), moscow)).toBe(false) // lunch
    expect(isWorkingTime(at('2026-11-23T17:59+03:00'), moscow)).toBe(true)
    expect(isWorkingTime(at('2026-11-23T18:00+03:00'), moscow)).toBe(false) // closing is exclusive
    expect(isWorkingTime(at('2026-11-28T12:00+03:00'), moscow)).toBe(false) // Saturday
    expect(isWorkingTime(at('2026-11-04T12:00+03:00'), moscow)).toBe(false) // holiday
    expect(isWorkingTime(at('2026-11-05T12:00+03:00'), moscow)).toBe(true)
  })

  it('keeps a holiday written as MM-DD every year, and one written with its year only that year', () => {
    const cal = { ...moscow, holidays: ['01-05', '2027-01-06'] }
    // 5 January: a Tuesday in 2027, a Wednesday in 2028
    expect(isWorkingTime(at('2027-01-05T12:00+03:00'), cal)).toBe(false)
    expect(isWorkingTime(at('2028-01-05T12:00+03:00'), cal)).toBe(false)
    expect(isWorkingTime(at('2027-01-06T12:00+03:00'), cal)).toBe(false)
    expect(isWorkingTime(at('2028-01-06T12:00+03:00'), cal)).toBe(true)
  })

  it('reads the local day, not the UTC day', () => {
    // 23:30 UTC on Sunday is already Monday 02:30 in Moscow; 07:00Z Monday is 10:00 local.
    const earlyMonday: WorkingCalendar = { ...moscow, hours: { mon: ['00:00-24:00'] } }
    expect(isWorkingTime(at('2026-11-22T23:30+00:00'), earlyMonday)).toBe(true)
    expect(isWorkingTime(at('2026-11-23T21:30+00:00'), earlyMonday)).toBe(false) // Tue 00:30 local
  })

  it('rejects malformed hours and unknown zones', () => {
    const t = at('2026-11-23T10:00+03:00')
    expect(() => isWorkingTime(t, { ...moscow, hours: { mon: ['9-18'] } })).toThrow(/09:30/)
    expect(() => isWorkingTime(t, { ...moscow, hours: { mon: ['18:00-09:00'] } })).toThrow(/end before/)
    expect(() => isWorkingTime(t, { ...moscow, timezone: 'Mars/Olympus' })).toThrow(/time zone/)
  })
})

describe('hours written with one digit', () => {
  it('"9:00-18:00" works like "09:00-18:00" (the content file allows both)', () => {
    const cal = { timezone: 'Europe/Moscow', hours: { mon: ['9:00-18:00'] }, holidays: [] }
    expect(isWorkingTime(Date.parse('2026-11-23T06:30:00Z'), cal)).toBe(true) // 09:30 Moscow
    expect(isWorkingTime(Date.parse('2026-11-23T05:30:00Z'), cal)).toBe(false) // 08:30
    expect(isQuietTime(Date.parse('2026-11-23T05:30:00Z'), 'Europe/Moscow', { start: '21:00', end: '9:00' })).toBe(true)
  })
})

describe('nextWorkingTime', () => {
  it('is the instant itself when open', () => {
    const t = at('2026-11-23T10:17+03:00')
    expect(nextWorkingTime(t, moscow)).toBe(t)
  })

  it('jumps over lunch, the weekend and a holiday', () => {
    expect(iso(nextWorkingTime(at('2026-11-23T13:05+03:00'), moscow))).toBe(iso(at('2026-11-23T14:00+03:00')))
    expect(iso(nextWorkingTime(at('2026-11-27T18:30+03:00'), moscow))).toBe(
      iso(at('2026-11-30T09:00+03:00')), // Friday evening → Monday morning
    )
    expect(iso(nextWorkingTime(at('2026-11-03T19:00+03:00'), moscow))).toBe(
      iso(at('2026-11-05T09:00+03:00')), // Wednesday is a holiday
    )
  })

  it('is undefined for a calendar that never opens', () => {
    expect(nextWorkingTime(at('2026-11-23T10:00+03:00'), closed)).toBeUndefined()
  })
})

describe('asked again and again (each answer is remembered until its stretch ends)', () => {
  it('answers as a fresh calendar would, forward, backward and across every boundary of a week', () => {
    const fresh = (): WorkingCalendar => ({ ...moscow, hours: { ...moscow.hours } })
    const start = at('2026-11-02T00:00+03:00') // the week of the 4 November holiday
    const instants: number[] = []
    for (let t = start; t < start + 8 * 86_400_000; t += 7 * 60_000) instants.push(t)
    // …and back again, then boundaries to the millisecond
    instants.push(...[...instants].reverse().filter((_, i) => i % 5 === 0))
    for (const day of [2, 3, 5, 6]) {
      for (const hm of ['09:00', '13:00', '14:00', '18:00']) {
        const edge = at(`2026-11-0${day}T${hm}+03:00`)
        instants.push(edge - 1, edge, edge + 1, edge - 1)
      }
    }
    for (const t of instants) {
      expect(isWorkingTime(t, moscow), new Date(t).toISOString()).toBe(isWorkingTime(t, fresh()))
      expect(nextWorkingTime(t, moscow), new Date(t).toISOString()).toBe(nextWorkingTime(t, fresh()))
    }
  })
})

describe('addWorkingMinutes', () => {
  it('counts only working time across lunch, closing time and the weekend', () => {
    const add = (from: string, minutes: number) => iso(addWorkingMinutes(at(from), minutes, moscow))
    expect(add('2026-11-23T10:00+03:00', 30)).toBe(iso(at('2026-11-23T10:30+03:00')))
    expect(add('2026-11-23T12:45+03:00', 30)).toBe(iso(at('2026-11-23T14:15+03:00')))
    expect(add('2026-11-27T17:30+03:00', 60)).toBe(iso(at('2026-11-30T09:30+03:00')))
    expect(add('2026-11-28T11:00+03:00', 15)).toBe(iso(at('2026-11-30T09:15+03:00'))) // from Saturday
    // 8 working hours a day: two days' worth from Friday 10:00 ends Tuesday 10:00.
    expect(add('2026-11-27T10:00+03:00', 16 * 60)).toBe(iso(at('2026-12-01T10:00+03:00')))
  })

  it('ends at closing time when the minutes run out exactly then', () => {
    expect(iso(addWorkingMinutes(at('2026-11-27T17:00+03:00'), 60, moscow))).toBe(iso(at('2026-11-27T18:00+03:00')))
  })

  it('adds zero minutes as "the next working instant"', () => {
    const open = at('2026-11-23T10:00+03:00')
    expect(addWorkingMinutes(open, 0, moscow)).toBe(open)
    expect(iso(addWorkingMinutes(at('2026-11-28T11:00+03:00'), 0, moscow))).toBe(iso(at('2026-11-30T09:00+03:00')))
  })

  it('is undefined when it never opens, and rejects negative minutes', () => {
    expect(addWorkingMinutes(at('2026-11-23T10:00+03:00'), 30, closed)).toBeUndefined()
    expect(() => addWorkingMinutes(0, -1, moscow)).toThrow(RangeError)
  })
})

describe('DST', () => {
  it('opens at 09:00 local on the Monday after the spring switch (Berlin)', () => {
    // Friday 09:00 is CET (+01:00); Monday 09:00 is CEST (+02:00).
    expect(isWorkingTime(at('2026-03-27T08:00+00:00'), berlin)).toBe(true)
    expect(iso(nextWorkingTime(at('2026-03-27T17:30+01:00'), berlin))).toBe('2026-03-30T07:00:00.000Z')
    expect(isWorkingTime(at('2026-03-30T06:30+00:00'), berlin)).toBe(false) // 08:30 CEST
    expect(iso(addWorkingMinutes(at('2026-03-27T16:30+01:00'), 60, berlin))).toBe('2026-03-30T07:30:00.000Z')
  })

  it('opens at 09:00 local on the Monday after the autumn switch (Berlin)', () => {
    expect(iso(nextWorkingTime(at('2026-10-23T17:30+02:00'), berlin))).toBe('2026-10-26T08:00:00.000Z')
    expect(isWorkingTime(at('2026-10-26T07:30+00:00'), berlin)).toBe(false) // 08:30 CET
  })

  it('opens at 09:00 local after both switches in New York', () => {
    const ny: WorkingCalendar = { ...berlin, timezone: 'America/New_York' }
    expect(iso(nextWorkingTime(at('2026-03-06T18:00-05:00'), ny))).toBe('2026-03-09T13:00:00.000Z')
    expect(iso(nextWorkingTime(at('2026-10-30T18:00-04:00'), ny))).toBe('2026-11-02T14:00:00.000Z')
  })

  it('counts real time on a day that is 23 or 25 hours long', () => {
    const sundays: WorkingCalendar = { ...berlin, hours: { sun: ['00:00-24:00'] } }
    // 29 March: from local midnight (CET) to the next local midnight (CEST) is 23 hours.
    expect(iso(addWorkingMinutes(at('2026-03-29T00:00+01:00'), 23 * 60, sundays))).toBe('2026-03-29T22:00:00.000Z')
    // 25 October is 25 hours long.
    expect(iso(addWorkingMinutes(at('2026-10-25T00:00+02:00'), 25 * 60, sundays))).toBe('2026-10-25T23:00:00.000Z')
  })
})

describe('localDayBounds (a day of /stats)', () => {
  it("is the business's day, from its local midnight: in Moscow 21:00 UTC, whatever the UTC date", () => {
    // 02:30 on Monday 23 November in Moscow is still Sunday in UTC
    const monday = { from: at('2026-11-23T00:00+03:00'), to: at('2026-11-24T00:00+03:00') }
    expect(localDayBounds(at('2026-11-23T02:30+03:00'), 'Europe/Moscow')).toEqual(monday)
    expect(localDayBounds(at('2026-11-23T23:59+03:00'), 'Europe/Moscow')).toEqual(monday)
    expect(localDayBounds(at('2026-11-24T00:00+03:00'), 'Europe/Moscow', -1)).toEqual(monday)
    expect(localDayBounds(at('2026-11-23T00:00+03:00'), 'Europe/Moscow', -1)).toEqual({
      from: at('2026-11-22T00:00+03:00'),
      to: monday.from,
    })
  })

  it('is 23 or 25 hours long on the days the clocks change, and the day before one is a whole day', () => {
    const spring = localDayBounds(at('2026-03-29T15:00+02:00'), 'Europe/Berlin')
    expect(spring).toEqual({ from: at('2026-03-29T00:00+01:00'), to: at('2026-03-30T00:00+02:00') })
    expect(spring.to - spring.from).toBe(23 * 3_600_000)
    const autumn = localDayBounds(at('2026-10-26T08:00+01:00'), 'Europe/Berlin', -1)
    expect(autumn).toEqual({ from: at('2026-10-25T00:00+02:00'), to: at('2026-10-26T00:00+01:00') })
    expect(autumn.to - autumn.from).toBe(25 * 3_600_000)
  })
})

describe('quiet hours', () => {
  const night = { start: '22:00', end: '09:00' }

  it('handles a window that crosses midnight', () => {
    const tz = 'Europe/Moscow'
    expect(isQuietTime(at('2026-11-23T21:59+03:00'), tz, night)).toBe(false)
    expect(isQuietTime(at('2026-11-23T22:00+03:00'), tz, night)).toBe(true)
    expect(isQuietTime(at('2026-11-24T03:00+03:00'), tz, night)).toBe(true)
    expect(isQuietTime(at('2026-11-24T09:00+03:00'), tz, night)).toBe(false)

    const evening = at('2026-11-23T23:30+03:00')
    expect(iso(afterQuietHours(evening, tz, night))).toBe(iso(at('2026-11-24T09:00+03:00')))
    const earlyMorning = at('2026-11-24T06:15+03:00')
    expect(iso(afterQuietHours(earlyMorning, tz, night))).toBe(iso(at('2026-11-24T09:00+03:00')))
    const daytime = at('2026-11-24T12:00+03:00')
    expect(afterQuietHours(daytime, tz, night)).toBe(daytime)
  })

  it('handles a window within one day, and an empty window', () => {
    const tz = 'Europe/Moscow'
    const lunch = { start: '13:00', end: '14:00' }
    expect(iso(afterQuietHours(at('2026-11-23T13:20+03:00'), tz, lunch))).toBe(iso(at('2026-11-23T14:00+03:00')))
    expect(isQuietTime(at('2026-11-23T14:00+03:00'), tz, lunch)).toBe(false)
    expect(isQuietTime(at('2026-11-23T03:00+03:00'), tz, { start: '22:00', end: '22:00' })).toBe(false)
  })

  it('uses the client time zone, not the business one', () => {
    // 12:00 in Moscow is 04:00 in New York.
    const t = at('2026-11-23T12:00+03:00')
    expect(isQuietTime(t, 'Europe/Moscow', night)).toBe(false)
    expect(iso(afterQuietHours(t, 'America/New_York', night))).toBe('2026-11-23T14:00:00.000Z')
  })

  it('ends at local 09:00 across both DST switches', () => {
    // Saturday 23:00 CET → Sunday 09:00 CEST, and Saturday 23:00 CEST → Sunday 09:00 CET.
    expect(iso(afterQuietHours(at('2026-03-28T23:00+01:00'), 'Europe/Berlin', night))).toBe('2026-03-29T07:00:00.000Z')
    expect(iso(afterQuietHours(at('2026-10-24T23:00+02:00'), 'Europe/Berlin', night))).toBe('2026-10-25T08:00:00.000Z')
  })

  it('ends at the right one of two 02:30s on the autumn night, and after a skipped one', () => {
    const late = { start: '22:00', end: '02:30' }
    // 02:15 happens twice in Berlin on 25 October; each time the window ends at the next 02:30.
    expect(iso(afterQuietHours(at('2026-10-25T02:15+02:00'), 'Europe/Berlin', late))).toBe('2026-10-25T00:30:00.000Z')
    expect(iso(afterQuietHours(at('2026-10-25T02:15+01:00'), 'Europe/Berlin', late))).toBe('2026-10-25T01:30:00.000Z')
    // On 29 March 02:30 does not exist: the window ends at 03:30 CEST, an hour after 01:30 CET.
    expect(iso(afterQuietHours(at('2026-03-29T01:45+01:00'), 'Europe/Berlin', late))).toBe('2026-03-29T01:30:00.000Z')
  })
})

describe('display', () => {
  it('gives the local date', () => {
    expect(localDate(at('2026-11-23T22:30+00:00'), 'Europe/Moscow')).toBe('2026-11-24')
    expect(localDate(at('2026-11-23T22:30+00:00'), 'America/New_York')).toBe('2026-11-23')
  })

  it('reads each minute afresh, across midnight and a clock change, zone by zone', () => {
    // The last minute read is kept per zone: the next minute, another zone, and a minute read
    // before are each the time that minute shows there
    expect(localDateTime(at('2026-03-29T00:59:59.999+00:00'), 'Europe/London')).toEqual({
      date: '2026-03-29',
      time: '00:59',
    })
    expect(localDateTime(at('2026-03-29T01:00+00:00'), 'Europe/London')).toEqual({ date: '2026-03-29', time: '02:00' })
    expect(localDateTime(at('2026-03-29T01:00:30+00:00'), 'Europe/Moscow')).toEqual({
      date: '2026-03-29',
      time: '04:00',
    })
    expect(localDateTime(at('2026-03-29T01:00:59+00:00'), 'Europe/London')).toEqual({
      date: '2026-03-29',
      time: '02:00',
    })
    expect(localDateTime(at('2026-03-28T23:59+00:00'), 'Europe/London')).toEqual({ date: '2026-03-28', time: '23:59' })
    expect(localDate(at('2026-03-29T00:00+00:00'), 'Europe/London')).toBe('2026-03-29')
  })
})

describe('a day named to look back at (/today)', () => {
  it('a date without its year is the nearest such day, past or future', () => {
    expect(nearestDate(12, 5, '2026-12-07')).toBe('2026-12-05')
    expect(nearestDate(12, 9, '2026-12-07')).toBe('2026-12-09')
    // Across the new year either way
    expect(nearestDate(12, 30, '2027-01-02')).toBe('2026-12-30')
    expect(nearestDate(1, 3, '2026-12-30')).toBe('2027-01-03')
    expect(nearestDate(2, 31, '2026-12-07')).toBeUndefined()
  })

  it('yesterday in words, in either language; the days ahead as before', () => {
    expect(dayOffsetIn('Вчера')).toBe(-1)
    expect(dayOffsetIn('yesterday')).toBe(-1)
    expect(dayOffsetIn('позавчера')).toBe(-2)
    expect(dayOffsetIn('завтра')).toBe(1)
    expect(dayOffsetIn('когда-нибудь')).toBeUndefined()
  })

  it('a weekday, short or in full, in the forms a phrase gives it, in either language', () => {
    expect(['пн', 'ПН.', 'понедельник', 'в понедельник', 'mon', 'Monday'].map(weekdayIn)).toEqual([1, 1, 1, 1, 1, 1])
    expect(['во вторник', 'tues', 'в среду', 'на ср', 'четверг', 'Thurs.'].map(weekdayIn)).toEqual([2, 2, 3, 3, 4, 4])
    expect(['в пятницу', 'до пятницы', 'субботу', 'сб', 'в воскресенье', 'on Sunday'].map(weekdayIn)).toEqual([
      5,
      undefined,
      6,
      6,
      7,
      7,
    ])
    // Words that only begin like a weekday, or two days, are none
    expect(['понедельники', 'mond', 'sunday morning', 'пн вт', ''].map(weekdayIn)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('weekdayOf', () => {
  it('is the ISO weekday of a date, Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-11-23')).toBe(1)
    expect(weekdayOf('2026-11-29')).toBe(7)
    expect(weekdayOf('2028-02-29')).toBe(2)
  })
})
