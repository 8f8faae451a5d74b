/**
 * A discrete-event clock for tests and benches at Telegram's pace: time stands
 * still while there is work to do, and jumps to the next timer only when
 * everything that could run has run. Timers (`timer`, `sleep`) fire in time
 * order, so a simulated minute of pacing takes milliseconds, and the fake Bot
 * API sees calls at the simulated instant they are made.
 */
import type { FakeClock } from './clock.ts'

export interface SimClock extends FakeClock {
  timer(ms: number, fn: () => void): () => void
  sleep(ms: number): Promise<void>
  /** Runs the simulation until `task` settles, firing timers in order; throws when nothing is left to fire. */
  run<T>(task: Promise<T>): Promise<T>
  /** Timers waiting (benches). */
  pending(): number
}

/**
 * Turns of the event loop that let every chain of promises reach its next wait. Real
 * zero-delay timers count too: the conversations plugin waits on `setTimeout(0)` to
 * see whether the update's work is over.
 */
const SETTLE_TURNS = 2

/**
 * `zeroTimers: false` settles with `setImmediate` only: much faster, for runs with no
 * conversation in them (a broadcast alone).
 */
export function createSimClock(
  start: number | string = '2026-11-23T09:00:00Z',
  { zeroTimers = true }: { zeroTimers?: boolean } = {},
): SimClock {
  let now = typeof start === 'string' ? Date.parse(start) : start
  let seq = 0
  const timers: { at: number; seq: number; fn: () => void }[] = []
  const settle = async () => {
    for (let i = 0; i < SETTLE_TURNS; i++) {
      await new Promise((resolve) => setImmediate(resolve))
      if (zeroTimers) await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }
  const clock: SimClock = {
    now: () => now,
    set: (ms) => {
      now = typeof ms === 'string' ? Date.parse(ms) : ms
    },
    advance: (ms) => {
      now += ms
    },
    timer(ms, fn) {
      const entry = { at: now + Math.max(0, ms), seq: seq++, fn }
      timers.push(entry)
      return () => {
        const i = timers.indexOf(entry)
        if (i >= 0) timers.splice(i, 1)
      }
    },
    sleep: (ms) => new Promise((resolve) => clock.timer(ms, () => resolve())),
    async run(task) {
      let done = false
      let failed = false
      let error: unknown
      const watched = task.then(
        (value) => {
          done = true
          return value
        },
        (err: unknown) => {
          done = true
          failed = true
          error = err
          return undefined as never
        },
      )
      for (;;) {
        await settle()
        if (done) break
        if (timers.length === 0) throw new Error('simulation stalled: the task waits and no timer is set')
        // Every timer due at the earliest instant fires now, in the order they were set
        const at = Math.min(...timers.map((t) => t.at))
        const due = timers.filter((t) => t.at === at).sort((a, b) => a.seq - b.seq)
        for (const t of due) timers.splice(timers.indexOf(t), 1)
        now = Math.max(now, at)
        for (const t of due) t.fn()
      }
      if (failed) throw error
      return watched
    },
    pending: () => timers.length,
  }
  return clock
}
