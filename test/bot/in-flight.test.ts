/** The count of updates being handled that a stop waits on (src/bot/in-flight.ts). */
import { describe, expect, it } from 'vitest'
import { createUpdatesInFlight } from '../../src/bot/in-flight.ts'

describe('updates in flight', () => {
  it('settles once the last update is done, each counted once however often its end is reported', async () => {
    const inFlight = createUpdatesInFlight()
    expect(await inFlight.settled(0)).toBe(true)
    const first = inFlight.start()
    const second = inFlight.start()
    const settled = inFlight.settled(Date.now() + 60_000)
    first()
    first()
    expect(inFlight.count()).toBe(1)
    second()
    expect(inFlight.count()).toBe(0)
    expect(await settled).toBe(true)
  })

  it('gives up at a deadline already past while an update is still being handled', async () => {
    const inFlight = createUpdatesInFlight()
    const done = inFlight.start()
    expect(await inFlight.settled(Date.now() - 1)).toBe(false)
    expect(inFlight.count()).toBe(1)
    done()
    expect(await inFlight.settled(Date.now() - 1)).toBe(true)
  })
})
