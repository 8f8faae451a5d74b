import { describe, expect, it } from 'vitest'
import { createHarness } from '../helpers/harness.ts'

describe('why a day offers no call time', () => {
  it('is a day off, a day beyond the days booking looks ahead, or a day whose times are gone', () => {
    // Monday 23 November 2026, 12:00 in Moscow; the demo works Monday to Saturday, 30 days ahead
    const h = createHarness()
    const { booking } = h.deps.services
    expect(booking.whyNoTimes('2026-11-29')).toBe('closed')
    expect(booking.whyNoTimes('2027-02-25')).toBe('far')
    expect(booking.whyNoTimes('2026-11-22')).toBe('past')
    h.clock.set('2026-11-23T16:45Z')
    expect(booking.whyNoTimes('2026-11-23')).toBe('full')
  })
})
