import { afterEach, describe, expect, it, vi } from 'vitest'
import { sleepOn, systemClock } from '../src/clock.ts'
import { createSandboxClock } from '../src/sandbox/clock.ts'
import { createFakeClock } from './helpers/clock.ts'
import { createSimClock } from './helpers/sim-clock.ts'

describe('sleepOn with a signal', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('on a simulated clock: an abort ends the wait at once and takes its timer away', async () => {
    const clock = createSimClock()
    const start = clock.now()
    const stop = new AbortController()
    let over = false
    const wait = sleepOn(clock, 120_000, stop.signal).then(() => {
      over = true
    })
    await clock.run(clock.sleep(10_000))
    expect(over).toBe(false)
    stop.abort()
    await clock.run(wait)
    expect(clock.now() - start).toBe(10_000)
    expect(clock.pending()).toBe(0)
  })

  it('on a simulated clock: without an abort it waits the whole time', async () => {
    const clock = createSimClock()
    const start = clock.now()
    await clock.run(sleepOn(clock, 120_000, new AbortController().signal))
    expect(clock.now() - start).toBe(120_000)
  })

  it('a signal aborted already: no wait at all', async () => {
    const clock = createSimClock()
    const stop = new AbortController()
    stop.abort()
    await sleepOn(clock, 120_000, stop.signal)
    expect(clock.pending()).toBe(0)
  })

  it('on the system clock: an abort clears the real timer', async () => {
    vi.useFakeTimers()
    const stop = new AbortController()
    const wait = sleepOn(systemClock, 120_000, stop.signal)
    expect(vi.getTimerCount()).toBe(1)
    stop.abort()
    await wait
    expect(vi.getTimerCount()).toBe(0)
  })

  it('on the sandbox clock: an abort clears the real timer too (nothing keeps the process up after a stop)', async () => {
    vi.useFakeTimers()
    const stop = new AbortController()
    const wait = sleepOn(createSandboxClock(), 120_000, stop.signal)
    expect(vi.getTimerCount()).toBe(1)
    stop.abort()
    await wait
    expect(vi.getTimerCount()).toBe(0)
  })

  it('on a clock that only jumps (sleep, no timers): an abort ends the wait too', async () => {
    const clock = createFakeClock()
    let release = () => {}
    clock.sleep = () =>
      new Promise<void>((resolve) => {
        release = resolve
      })
    const stop = new AbortController()
    const wait = sleepOn(clock, 120_000, stop.signal)
    stop.abort()
    await wait
    release() // the clock's own sleep ending later changes nothing
  })
})
