import { describe, expect, it } from 'vitest'
import { ClockError, clockTarget, createSandboxClock } from '../../src/sandbox/clock.ts'

const NOW = Date.parse('2026-11-30T12:00:00Z')
const ZONE = 'Europe/Moscow'

describe('where the sandbox clock moves to', () => {
  it('reads steps forward: minutes, hours, days, weeks and their sums', () => {
    expect(clockTarget('+90m', NOW, ZONE) - NOW).toBe(90 * 60_000)
    expect(clockTarget('+1h', NOW, ZONE) - NOW).toBe(3_600_000)
    expect(clockTarget('+3d', NOW, ZONE) - NOW).toBe(3 * 86_400_000)
    expect(clockTarget('+1d12h', NOW, ZONE) - NOW).toBe(36 * 3_600_000)
    expect(clockTarget('+2w', NOW, ZONE) - NOW).toBe(14 * 86_400_000)
  })

  it('reads a date and time: with a zone as given, without one in the business time zone', () => {
    expect(clockTarget('2026-12-07T07:30:00Z', NOW, ZONE)).toBe(Date.parse('2026-12-07T07:30:00Z'))
    expect(clockTarget('2026-12-07T10:30', NOW, ZONE)).toBe(Date.parse('2026-12-07T07:30:00Z'))
    expect(clockTarget('2026-12-07 10:30', NOW, ZONE)).toBe(Date.parse('2026-12-07T07:30:00Z'))
    expect(clockTarget('2026-12-07', NOW, ZONE)).toBe(Date.parse('2026-12-06T21:00:00Z'))
  })

  it('explains what it cannot read', () => {
    expect(() => clockTarget('tomorrow', NOW, ZONE)).toThrow(ClockError)
    expect(() => clockTarget('+3x', NOW, ZONE)).toThrow('+30m, +1h, +3d')
    expect(() => clockTarget('+', NOW, ZONE)).toThrow(ClockError)
  })
})

describe('the sandbox clock', () => {
  it('runs with real time and only moves forward', () => {
    let real = NOW
    const clock = createSandboxClock(0, () => real)
    clock.moveTo(NOW + 3 * 86_400_000)
    expect(clock.now()).toBe(NOW + 3 * 86_400_000)
    real += 1000
    expect(clock.now()).toBe(NOW + 3 * 86_400_000 + 1000)
    expect(clock.offset()).toBe(3 * 86_400_000)
    expect(() => clock.moveTo(NOW)).toThrow('only moves forward')
    // Kept across restarts as its offset
    expect(createSandboxClock(clock.offset(), () => real).now()).toBe(clock.now())
  })
})
