import { describe, expect, it } from 'vitest'
import { raceForLastPlace } from '../helpers/race.ts'

describe('booking the last place: a real race', () => {
  it('two worker threads on one SQLite file, 100 rounds: exactly one gets the place, no slot over capacity', {
    timeout: 180_000,
  }, async () => {
    const race = await raceForLastPlace({ rounds: 100, racers: 2, capacity: 2 })
    expect(race.errors).toEqual([])
    expect(race.winners).toEqual(Array(100).fill(1))
    expect(race.overCapacity).toBe(0)
    // both threads won rounds: they really met at the last place, neither always came first alone
    for (const wins of race.winsPerRacer) expect(wins).toBeGreaterThan(0)
  })
})
