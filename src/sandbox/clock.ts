/**
 * The sandbox's clock: real time plus an offset that only grows. Moving it
 * forward (+1 hour, +3 days, to a date) lets an owner see tomorrow's reminders
 * and next week's check-ins now; time keeps running from there.
 */
import { DateTime } from 'luxon'
import type { Clock } from '../clock.ts'

export class ClockError extends Error {
  override name = 'ClockError'
}

export interface SandboxClock extends Clock {
  /** How far the sandbox is ahead of real time, ms. */
  offset(): number
  /** Moves the clock forward to `target` (UTC ms). */
  moveTo(target: number): void
  /** Throws the ClockError `moveTo(target)` would, without moving: a move checked before it begins. */
  check(target: number): void
}

/** The end of the year 9999, UTC: as far as the sandbox clock goes. */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59)

export function createSandboxClock(offset = 0, realNow: () => number = Date.now): SandboxClock {
  let ahead = offset
  return {
    now: () => realNow() + ahead,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
    // A wait cut short (a stop during a 429's pause) clears its timer rather than leaving it to run out
    timer(ms, fn) {
      const handle = setTimeout(fn, Math.max(0, ms))
      return () => clearTimeout(handle)
    },
    offset: () => ahead,
    check(target) {
      if (!Number.isFinite(target)) throw new ClockError('not a time')
      // Dates end somewhere: past this the bot could not write a date, even after a restart
      if (target > LATEST) throw new ClockError('too far ahead: the sandbox clock goes up to the year 9999')
      if (target < realNow() + ahead) throw new ClockError('the sandbox clock only moves forward')
    },
    moveTo(target) {
      this.check(target)
      ahead += target - (realNow() + ahead)
    },
  }
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }

/**
 * Where a move goes: `+3d`, `+1h`, `+90m`, `+1d12h`, `+2w`, or a date and time —
 * ISO with a zone (`2026-12-01T07:00:00Z`), or without one (`2026-12-01T10:00`,
 * `2026-12-01 10:00`, `2026-12-01`) read in the business's time zone.
 * @throws ClockError with a short reason
 */
export function clockTarget(input: string, now: number, zone: string): number {
  const text = input.trim()
  if (text.startsWith('+')) {
    const parts = [...text.slice(1).matchAll(/(\d+(?:\.\d+)?)\s*([mhdw])/gi)]
    const rest = text
      .slice(1)
      .replace(/(\d+(?:\.\d+)?)\s*([mhdw])/gi, '')
      .trim()
    if (parts.length === 0 || rest) throw new ClockError(`"${text}": write it as +30m, +1h, +3d or +1d12h`)
    return now + parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNITS[(unit ?? '').toLowerCase()] ?? 0), 0)
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text)
  const at = DateTime.fromISO(text.replace(' ', 'T'), hasZone ? { setZone: true } : { zone })
  if (!at.isValid) throw new ClockError(`"${text}" is not a date and time (e.g. 2026-12-01T10:00)`)
  return at.toMillis()
}
