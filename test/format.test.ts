import { describe, expect, it } from 'vitest'
import {
  backAt,
  businessCalendar,
  calendarDate,
  callWindow,
  clientLocale,
  clockTime,
  clockTimes,
  dayAndTime,
  describeWorkingHours,
  englishMoneyOf,
  englishOf,
  formatSpan,
  formatWhen,
  negotiateLocale,
  personLocale,
  shortWhen,
  writeEnglishAsIn,
  zoneLabel,
} from '../src/format.ts'
import { isWorkingTime } from '../src/services/time.ts'
import { demoContent } from './helpers/harness.ts'

const winter = Date.parse('2026-01-15T12:00:00Z')
const summer = Date.parse('2026-07-15T12:00:00Z')

describe('zoneLabel: one way to name a time zone', () => {
  it('says the zone as people say it with the offset at that instant', () => {
    expect(zoneLabel('Europe/Moscow', 'ru', winter)).toBe('Москва, UTC+3')
    expect(zoneLabel('Europe/Moscow', 'en', winter)).toBe('Moscow Time, UTC+3')
    // summer time changes the offset, not the name
    expect(zoneLabel('Europe/Berlin', 'ru', winter)).toBe('Германия, UTC+1')
    expect(zoneLabel('Europe/Berlin', 'ru', summer)).toBe('Германия, UTC+2')
    expect(zoneLabel('Asia/Kolkata', 'en', winter)).toBe('India Time, UTC+5:30')
    expect(zoneLabel('America/New_York', 'en', winter)).toBe('ET, UTC−5')
    expect(zoneLabel('UTC', 'ru', winter)).toBe('UTC')
    // As London and Dublin say it, not "United Kingdom Time" or "Великобритания"
    expect(zoneLabel('Europe/London', 'en', winter)).toBe('UK time, UTC')
    expect(zoneLabel('Europe/London', 'ru', summer)).toBe('Лондон, UTC+1')
    expect(zoneLabel('Europe/Dublin', 'en', summer)).toBe('Irish time, UTC+1')
  })
})

describe('moments: one clock per language, today or not', () => {
  const tz = 'Europe/Moscow'
  const afternoon = Date.parse('2026-11-23T12:00:00Z') // 15:00 in Moscow, a Monday
  const morning = Date.parse('2026-11-23T06:05:00Z') // 09:05
  const dayBefore = Date.parse('2026-11-22T12:00:00Z')

  it('reads the clock as the language does', () => {
    expect(clockTime(afternoon, tz, 'ru')).toBe('15:00')
    expect(clockTime(morning, tz, 'ru')).toBe('9:05')
    expect(clockTime(afternoon, tz, 'en')).toBe('3:00 PM')
  })

  it('gives the time alone today and the day with the same clock on another day', () => {
    expect(formatWhen(afternoon, tz, 'en', morning)).toBe('3:00 PM')
    expect(formatWhen(afternoon, tz, 'en', dayBefore)).toBe('Mon, Nov 23, 3:00 PM')
    expect(formatWhen(afternoon, tz, 'ru', morning)).toBe('15:00')
    expect(formatWhen(afternoon, tz, 'ru', dayBefore)).toBe('пн, 23 нояб., 15:00')
    expect(dayAndTime(morning, tz, 'ru')).toBe('пн, 23 нояб., 9:05')
  })

  it('reads a span by its two largest units', () => {
    expect(formatSpan(0, 'ru')).toBe('0 мин')
    expect(formatSpan(45, 'ru')).toBe('45 мин')
    expect(formatSpan(4.53, 'ru')).toBe('4,5 мин')
    expect(formatSpan(9.97, 'en')).toBe('10 min')
    // Under a minute in seconds: "0,1 мин" read as arithmetic
    expect(formatSpan(0.1, 'ru')).toBe('6 с')
    expect(formatSpan(0.75, 'en')).toBe('45 sec')
    expect(formatSpan(0.999, 'en')).toBe('1 min')
    // Whole hours in words, as said aloud ("за 2 часа"); hours with minutes stay short
    expect(formatSpan(60, 'ru')).toBe('1 час')
    expect(formatSpan(120, 'ru')).toBe('2 часа')
    expect(formatSpan(300, 'ru')).toBe('5 часов')
    expect(formatSpan(90, 'ru')).toBe('1 ч 30 мин')
    expect(formatSpan(60, 'en')).toBe('1 hour')
    expect(formatSpan(120, 'en')).toBe('2 hours')
    expect(formatSpan(90, 'en')).toBe('1 hr 30 min')
    expect(formatSpan(125, 'ru')).toBe('2 ч 5 мин')
    expect(formatSpan(1620, 'ru')).toBe('1 день 3 ч')
    expect(formatSpan(2965, 'ru')).toBe('2 дня 1 ч')
    expect(formatSpan(2965, 'en')).toBe('2 days 1 hr')
  })

  it('says when the team is back as today, tomorrow or a date, across a month, a year and a clock change', () => {
    const at = (iso: string) => Date.parse(iso)
    expect(backAt(at('2026-11-23T07:00:00Z'), tz, 'ru', at('2026-11-23T03:30:00Z'))).toEqual({
      day: 'today',
      date: '23 ноября',
      at: '10:00',
    })
    // In the small hours (02:30) "today" reads as the day just ended: the part of the day instead
    expect(backAt(at('2026-11-23T07:00:00Z'), tz, 'ru', at('2026-11-22T23:30:00Z')).day).toBe('morning')
    expect(backAt(at('2026-11-23T11:00:00Z'), tz, 'ru', at('2026-11-22T23:30:00Z')).day).toBe('afternoon')
    expect(backAt(at('2026-11-23T15:00:00Z'), tz, 'ru', at('2026-11-22T23:30:00Z')).day).toBe('evening')
    expect(backAt(at('2026-12-01T07:00:00Z'), tz, 'ru', at('2026-11-30T19:00:00Z')).day).toBe('tomorrow')
    expect(backAt(at('2027-01-04T07:00:00Z'), tz, 'en', at('2026-12-31T19:00:00Z'))).toEqual({
      day: 'later',
      date: 'January 4, 2027',
      at: '10:00 AM',
    })
    expect(backAt(at('2027-01-01T07:00:00Z'), tz, 'ru', at('2026-12-31T19:00:00Z')).day).toBe('tomorrow')
    // For a reader whose own day is already the next one, the date instead
    expect(backAt(at('2026-11-24T07:00:00Z'), tz, 'ru', at('2026-11-23T20:00:00Z'), 'Asia/Vladivostok').day).toBe(
      'later',
    )
    expect(backAt(at('2026-11-24T07:00:00Z'), tz, 'ru', at('2026-11-23T12:00:00Z'), 'Asia/Vladivostok').day).toBe(
      'tomorrow',
    )
    // Berlin's clocks go back on the night of 25 October 2026: Monday is still "tomorrow" on Sunday
    expect(backAt(at('2026-10-26T09:00:00Z'), 'Europe/Berlin', 'en', at('2026-10-25T20:00:00Z')).day).toBe('tomorrow')
  })

  it('names the year of a moment in another year than now, and only then', () => {
    const nextYear = morning + 365 * 24 * 3_600_000
    expect(dayAndTime(nextYear, tz, 'ru', morning)).toBe('вт, 23 нояб. 2027 г., 9:05')
    expect(dayAndTime(nextYear, tz, 'en', morning)).toBe('Tue, Nov 23, 2027, 9:05 AM')
    expect(formatWhen(nextYear, tz, 'ru', morning)).toBe('вт, 23 нояб. 2027 г., 9:05')
    expect(dayAndTime(afternoon, tz, 'ru', morning)).toBe('пн, 23 нояб., 15:00')
    // English as Britain writes it (a business in London or Moscow): one comma style with the year
    // or without ("Thu 10 Dec, 10:46" stood next to "Wed, 6 Jan 2027, 10:46" in one list)
    writeEnglishAsIn('Europe/London')
    try {
      const december = Date.parse('2026-12-10T10:46:00Z')
      const january = Date.parse('2027-01-06T10:46:00Z')
      expect(dayAndTime(december, 'Europe/London', 'en', december)).toBe('Thu 10 Dec, 10:46')
      expect(dayAndTime(january, 'Europe/London', 'en', december)).toBe('Wed 6 Jan 2027, 10:46')
      expect(formatWhen(january, 'Europe/London', 'en', december)).toBe('Wed 6 Jan 2027, 10:46')
    } finally {
      // As the other tests read English: the test setup's business, in New York
      writeEnglishAsIn('America/New_York')
    }
  })

  it('writes call windows and button labels with the same clock', () => {
    const end = afternoon + 30 * 60_000
    expect(callWindow(afternoon, end, tz, 'en')).toBe('Monday, November 23, 3:00 PM–3:30 PM')
    expect(callWindow(afternoon, end, tz, 'ru')).toBe('понедельник, 23 ноября, 15:00–15:30')
    expect(callWindow(afternoon, afternoon + 86_400_000, tz, 'ru')).toBe(
      'понедельник, 23 ноября, 15:00 – вторник, 24 ноября, 15:00',
    )
    expect(shortWhen(afternoon, tz, 'en')).toBe('Nov 23, 3:00 PM')
  })

  it('writes a due date without the year when it is this year’s', () => {
    // On 31 December in Moscow, whatever UTC says, the next day is in the next year
    const newYearsEve = Date.parse('2026-12-31T22:00:00Z') // 1 January 2027, 01:00 in Moscow
    expect(calendarDate('2027-01-25', tz, 'ru', newYearsEve)).toBe('25 января')
    expect(calendarDate('2027-01-25', 'UTC', 'ru', newYearsEve)).toBe('25 января 2027 г.')
    expect(calendarDate('2026-12-25', tz, 'en', afternoon)).toBe('December 25')
  })

  it('takes the day in the business’s zone, not the server’s', () => {
    // 23:30 UTC on Sunday is already Monday 02:30 in Moscow
    const lateSunday = Date.parse('2026-11-22T23:30:00Z')
    expect(formatWhen(lateSunday, tz, 'ru', morning)).toBe('2:30')
    expect(formatWhen(lateSunday, 'UTC', 'ru', morning)).toBe('вс, 22 нояб., 23:30')
  })
})

describe('clockTimes: moments read side by side', () => {
  it('gives the autumn night’s two 2:00s their offsets, and nothing else', () => {
    const berlin = 'Europe/Berlin' // on 25 October 2026 the clocks go from 03:00 back to 02:00
    expect(
      clockTimes(
        ['2026-10-25T00:00Z', '2026-10-25T00:30Z', '2026-10-25T01:00Z', '2026-10-25T04:00Z'].map(Date.parse),
        berlin,
        'ru',
      ),
    ).toEqual(['2:00 (UTC+02:00)', '2:30', '2:00 (UTC+01:00)', '5:00'])
    // Two moments within one minute (a "call me now" asked at 11:00:20 next to an 11:00 call) read alike
    expect(
      clockTimes(
        ['2026-11-23T08:00:20Z', '2026-11-23T08:00:00Z', '2026-11-23T08:30Z'].map(Date.parse),
        'Europe/Moscow',
        'ru',
      ),
    ).toEqual(['11:00', '11:00', '11:30'])
  })
})

describe('the client’s language', () => {
  const content = demoContent()
  const STAFF_ID = 77
  const deps = (languages: Array<'ru' | 'en'>, fallback: 'ru' | 'en' = 'ru') => {
    const d = {
      config: { DEFAULT_LOCALE: fallback },
      content: { get: () => ({ ...content, business: { ...content.business, languages } }) },
      services: {
        clients: { byTelegramId: (id: number) => (id === STAFF_ID ? { language: 'ru' } : undefined) },
        staff: {
          isStaff: (id: number) => {
            d.staffLookups++
            return id === STAFF_ID
          },
        },
      },
      /** How many times the staff table was asked (a query for each message to a client) */
      staffLookups: 0,
    }
    return d
  }
  const client = (language: string | null) => ({ language, telegramId: 1 })

  it('is the stored choice when the business speaks it, else the default, else the first language spoken', () => {
    const both = deps(['ru', 'en'])
    expect(clientLocale(client('en'), both)).toBe('en')
    expect(clientLocale(client(null), both)).toBe('ru')
    // Either way the answer is the same for someone on the team: the staff table is not asked
    expect(both.staffLookups).toBe(0)
    expect(clientLocale(client('en'), deps(['ru']))).toBe('ru')
    expect(clientLocale(client('de'), deps(['ru', 'en'], 'en'))).toBe('en')
    expect(clientLocale(client(null), deps(['en'], 'ru'))).toBe('en')
    expect(clientLocale(undefined, deps(['ru', 'en']))).toBe('ru')
  })

  it('of someone on the team is any language the bot has, whatever the business speaks with clients', () => {
    // Each answer differs for the team and for a client, so each asks the staff table once
    const manager = deps(['en'])
    expect(clientLocale({ language: 'ru', telegramId: STAFF_ID }, manager)).toBe('ru')
    expect(manager.staffLookups).toBe(1)
    const alerted = deps(['en'])
    expect(personLocale(alerted, STAFF_ID)).toBe('ru')
    expect(alerted.staffLookups).toBe(1)
    const unchosen = deps(['en'], 'ru')
    expect(clientLocale({ language: null, telegramId: STAFF_ID }, unchosen)).toBe('ru') // the team's
    expect(unchosen.staffLookups).toBe(1)
    const stranger = deps(['en'])
    expect(personLocale(stranger, 1)).toBe('en')
    expect(stranger.staffLookups).toBe(1)
  })

  it('inside an update Telegram’s language counts after the stored one', () => {
    expect(negotiateLocale(null, 'en-GB', 'ru')).toBe('en')
    expect(negotiateLocale('ru', 'en', 'en')).toBe('ru')
    expect(negotiateLocale(null, 'de', 'ru')).toBe('ru')
  })
})

describe('describeWorkingHours: the week at a glance, in the reader’s clock', () => {
  it('groups days with the same hours; English reads them on its 12-hour clock, Russian as written', () => {
    const content = demoContent()
    expect(describeWorkingHours(content, 'ru')).toBe('пн–пт 10:00–19:00, сб 11:00–16:00')
    expect(describeWorkingHours(content, 'en')).toBe('Mon–Fri 10:00 AM–7:00 PM, Sat 11:00 AM–4:00 PM')
  })

  it('reads a lunch break and a day that runs to midnight in either clock', () => {
    const demo = demoContent()
    const none: string[] = []
    const hours = {
      mon: ['09:00-13:00', '14:00-18:00'],
      tue: none,
      wed: none,
      thu: none,
      fri: none,
      sat: ['18:00-24:00'],
      sun: none,
    }
    const content = { ...demo, business: { ...demo.business, hours } }
    // The day's two intervals joined as one day's: a comma there read as the next day's hours
    expect(describeWorkingHours(content, 'ru')).toBe('пн 9:00–13:00 и 14:00–18:00, сб 18:00–24:00')
    expect(describeWorkingHours(content, 'en')).toBe('Mon 9:00 AM–1:00 PM and 2:00 PM–6:00 PM, Sat 6:00 PM–12:00 AM')
    const three = { ...hours, mon: ['09:00-12:00', '13:00-15:00', '16:00-18:00'] }
    expect(describeWorkingHours({ ...demo, business: { ...demo.business, hours: three } }, 'ru')).toBe(
      'пн 9:00–12:00, 13:00–15:00 и 16:00–18:00; сб 18:00–24:00',
    )
    // "9:00" on one day and "09:00" on the next are the same hours: one group, as the bot writes times
    const mixed = { ...hours, mon: ['9:00-20:00'], tue: ['09:00-20:00'], wed: ['09:00-20:00'] }
    expect(describeWorkingHours({ ...demo, business: { ...demo.business, hours: mixed } }, 'ru')).toBe(
      'пн–ср 9:00–20:00, сб 18:00–24:00',
    )
  })
})

describe('businessCalendar', () => {
  it('is the content’s zone, hours and holidays', () => {
    const content = demoContent()
    const cal = businessCalendar(content)
    expect(cal).toEqual({
      timezone: content.business.timezone,
      hours: content.business.hours,
      holidays: content.business.holidays,
    })
    // Monday 12:00 in Moscow is open in the demo; Sunday is not
    expect(isWorkingTime(Date.parse('2026-11-23T09:00:00Z'), cal)).toBe(true)
    expect(isWorkingTime(Date.parse('2026-11-22T09:00:00Z'), cal)).toBe(false)
  })
})

describe('English by the business’s time zone', () => {
  it('month first and AM/PM in the Americas; day first elsewhere, with the clock of the place', () => {
    expect(englishOf('America/New_York')).toBe('en-US')
    expect(englishOf('America/Los_Angeles')).toBe('en-US')
    expect(englishOf('Pacific/Honolulu')).toBe('en-US')
    expect(englishOf('Europe/London')).toBe('en-GB')
    expect(englishOf('Europe/Moscow')).toBe('en-GB')
    expect(englishOf('Asia/Dubai')).toBe('en-GB')
    expect(englishOf('Australia/Sydney')).toBe('en-AU')
    expect(englishOf('Asia/Kolkata')).toBe('en-IN')
  })

  it('money as the country writes it: Canada’s own, not the American dates’; Intl’s English where no English country is named', () => {
    expect(englishMoneyOf('America/Toronto')).toBe('en-CA')
    expect(englishMoneyOf('Canada/Atlantic')).toBe('en-CA')
    expect(englishMoneyOf('America/New_York')).toBe('en-US')
    expect(englishMoneyOf('America/Puerto_Rico')).toBe('en-US')
    expect(englishMoneyOf('Europe/London')).toBe('en-GB')
    expect(englishMoneyOf('Europe/Dublin')).toBe('en-IE')
    expect(englishMoneyOf('Australia/Sydney')).toBe('en-AU')
    expect(englishMoneyOf('Europe/Moscow')).toBe('en')
    expect(englishMoneyOf('Asia/Dubai')).toBe('en')
    // Dates stay American in Canada
    expect(englishOf('America/Toronto')).toBe('en-US')
  })
})
