/** The only source of "now" for services and jobs, so tests can move time by hand. */
export interface Clock {
  /** UTC epoch milliseconds */
  now(): number
  /**
   * Waits `ms` of this clock's time. Pacing code waits through the clock, so a fake
   * clock moves time forward instead of making a test wait. Optional: without it,
   * code waits with a timer (see `sleepOn`).
   */
  sleep?(ms: number): Promise<void>
  /**
   * Calls `fn` after `ms` of this clock's time; returns a cancel. A simulated clock
   * implements it to run timers in its own time (see `timerOn`).
   */
  timer?(ms: number, fn: () => void): () => void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  timer(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms))
    return () => clearTimeout(handle)
  },
}

/**
 * Waits `ms` on the clock's own time when it can, else with a real timer. With a `signal`,
 * the wait ends (resolves) as soon as it aborts, its timer cancelled: a long pause that a stop
 * makes pointless is not waited out. The caller reads `signal.aborted` to tell the two apart.
 */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) {
    if (clock.sleep) return clock.sleep(ms)
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
  }
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    let cancel: (() => void) | undefined
    const end = () => {
      cancel?.()
      signal.removeEventListener('abort', end)
      resolve()
    }
    signal.addEventListener('abort', end, { once: true })
    cancel = timerOn(clock, ms, end)
  })
}

/**
 * Calls `fn` after `ms` of the clock's time; returns a cancel. A clock with only
 * `sleep` (a test clock that jumps forward) gets a sleep whose result is ignored
 * once cancelled.
 */
export function timerOn(clock: Clock, ms: number, fn: () => void): () => void {
  if (clock.timer) return clock.timer(ms, fn)
  if (clock.sleep) {
    let live = true
    void clock.sleep(ms).then(() => {
      if (live) fn()
    })
    return () => {
      live = false
    }
  }
  const handle = setTimeout(fn, Math.max(0, ms))
  return () => clearTimeout(handle)
}
