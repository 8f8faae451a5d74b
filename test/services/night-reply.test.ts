import { describe, expect, it } from 'vitest'
import { nightReplyDue } from '../../src/services/desk/night-reply.ts'
import type { WorkingCalendar } from '../../src/services/time.ts'

const CAL: WorkingCalendar = {
  timezone: 'Europe/Moscow',
  hours: { mon: ['10:00-19:00'], tue: ['10:00-19:00'], fri: ['10:00-19:00'] },
  holidays: [],
}
const at = (iso: string) => Date.parse(iso)

describe('the night auto-reply rule', () => {
  it('is never due in working hours', () => {
    expect(nightReplyDue(at('2026-11-23T09:00:00Z'), CAL, undefined)).toEqual({ due: false })
  })

  it('is due once per closed stretch: the first message of the night, not the next ones', () => {
    const evening = at('2026-11-23T18:30:00Z') // Monday 21:30 in Moscow
    const first = nightReplyDue(evening, CAL, undefined)
    const tuesdayTen = at('2026-11-24T07:00:00Z')
    expect(first).toEqual({ due: true, backAt: tuesdayTen })
    // Later that night, and in the small hours: the same stretch
    expect(nightReplyDue(evening + 60_000, CAL, tuesdayTen)).toEqual({ due: false })
    expect(nightReplyDue(at('2026-11-24T02:00:00Z'), CAL, tuesdayTen)).toEqual({ due: false })
    // The next night is a new stretch
    expect(nightReplyDue(at('2026-11-24T18:00:00Z'), CAL, tuesdayTen)).toEqual({
      due: true,
      backAt: at('2026-11-27T07:00:00Z'), // closed Wednesday and Thursday: back on Friday
    })
  })

  it('a stretch of days off (a weekend) is one stretch', () => {
    const backMonday = at('2026-11-30T07:00:00Z')
    expect(nightReplyDue(at('2026-11-27T17:00:00Z'), CAL, undefined)).toEqual({ due: true, backAt: backMonday })
    expect(nightReplyDue(at('2026-11-29T12:00:00Z'), CAL, backMonday)).toEqual({ due: false })
  })

  it('with a calendar that never opens again the client is told once, for good', () => {
    const never: WorkingCalendar = { ...CAL, hours: { mon: ['10:00-19:00'] }, holidays: [] }
    const closed = { ...never, hours: {} }
    expect(nightReplyDue(at('2026-11-23T20:00:00Z'), closed, undefined)).toEqual({ due: true, backAt: undefined })
    expect(nightReplyDue(at('2026-11-25T20:00:00Z'), closed, 0)).toEqual({ due: false })
  })
})
