/** The only source of "now" for services and jobs, so tests can move time by hand. */
export interface Clock {
  /** UTC epoch milliseconds */
  now(): number
  /**
   * Waits `ms` of this clock's time. Pacing code (the broadcast sender) waits through the
   * clock, so a fake clock moves time forward instead of making a test wait. Optional:
   * without it, code waits with a timer (see `sleepOn`).
   */
  sleep?(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
}

/** Waits `ms` on the clock's own time when it can, else with a real timer. */
export function sleepOn(clock: Clock, ms: number): Promise<void> {
  if (clock.sleep) return clock.sleep(ms)
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
