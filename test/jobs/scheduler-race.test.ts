import { describe, expect, it } from 'vitest'
import { raceForDueJobs } from '../helpers/race.ts'

describe('claiming due jobs: a real race', () => {
  it('two schedulers in worker threads on one SQLite file, 100 rounds: every job runs exactly once', {
    timeout: 180_000,
  }, async () => {
    const race = await raceForDueJobs({ rounds: 100, racers: 2, jobsPerRound: 20 })
    expect(race.errors).toEqual([])
    expect(race.jobs).toBe(2_000)
    expect(race.ranTwice).toBe(0)
    expect(race.neverRan).toBe(0)
    expect(race.notDone).toBe(0)
    // both schedulers took part: the jobs were really contended
    for (const ran of race.perRacer) expect(ran).toBeGreaterThan(0)
  })
})
