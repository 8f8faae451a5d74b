import type { Clock } from '../../src/clock.ts'

export interface FakeClock extends Clock {
  set(ms: number | string): void
  advance(ms: number): void
  sleep(ms: number): Promise<void>
}

/** A clock tests move by hand; accepts ISO strings for readability. */
export function createFakeClock(start: number | string = '2026-11-23T09:00:00Z'): FakeClock {
  let now = typeof start === 'string' ? Date.parse(start) : start
  return {
    now: () => now,
    set: (ms) => {
      now = typeof ms === 'string' ? Date.parse(ms) : ms
    },
    advance: (ms) => {
      now += ms
    },
    // Time jumps forward at once; yielding to the event loop lets other pending work run first
    sleep: async (ms) => {
      now += Math.max(0, ms)
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}
