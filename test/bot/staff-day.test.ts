import { describe, expect, it } from 'vitest'
import { clockAmong } from '../../conversations/typed-label.ts'
import { staffCallTime } from '../../src/bot/staff-day.ts'

const MONDAY = '2026-11-23'
const MOSCOW = 'Europe/Moscow'

describe('the day and time a team member names after /call', () => {
  it('reads a day and a time as a client types them, in either language; a time alone is today', () => {
    expect(staffCallTime('завтра 15:00', MONDAY, MOSCOW)).toEqual({ date: '2026-11-24', clock: { minutes: 900 } })
    expect(staffCallTime('в среду в 10:30', MONDAY, MOSCOW)).toEqual({ date: '2026-11-25', clock: { minutes: 630 } })
    expect(staffCallTime('tomorrow at 3pm', MONDAY, MOSCOW)).toEqual({
      date: '2026-11-24',
      clock: { minutes: 900, half: 'pm' },
    })
    expect(staffCallTime('11.12 10:30', MONDAY, MOSCOW)).toEqual({ date: '2026-12-11', clock: { minutes: 630 } })
    // A weekday is the next one, today's on its day
    expect(staffCallTime('пн 11', MONDAY, MOSCOW)).toEqual({ date: MONDAY, clock: { minutes: 660 } })
    expect(staffCallTime('fri 11', MONDAY, MOSCOW)).toEqual({ date: '2026-11-27', clock: { minutes: 660 } })
    expect(staffCallTime('16:30', MONDAY, MOSCOW)).toEqual({ date: MONDAY, clock: { minutes: 990 } })
    // A day with no time: the date, for the caller to ask for one
    expect(staffCallTime('в пятницу', MONDAY, MOSCOW)).toEqual({ date: '2026-11-27' })
    // Words that name neither
    expect(staffCallTime('как договорились', MONDAY, MOSCOW)).toBeUndefined()
    expect(staffCallTime('завтра в 15 нет', MONDAY, MOSCOW)).toBeUndefined()
  })

  it('an hour said without its half is the afternoon’s when only that one is among the free times (the booking flow’s rule too)', () => {
    const day = [600, 630, 900, 930] // 10:00, 10:30, 15:00, 15:30
    expect(clockAmong({ minutes: 180 }, day)).toBe(900) // "3"
    expect(clockAmong({ minutes: 600 }, day)).toBe(600) // "10": as written
    expect(clockAmong({ minutes: 180, half: 'am' }, day)).toBeUndefined() // "3am" is no afternoon
    expect(clockAmong({ minutes: 720 }, day)).toBeUndefined() // 12:00 is taken
  })
})
