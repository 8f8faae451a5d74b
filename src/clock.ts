/** The only source of "now" for services and jobs, so tests can move time by hand. */
export interface Clock {
  /** UTC epoch milliseconds */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
