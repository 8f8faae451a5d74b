/** Small measuring helpers for the scale bench. */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { percentile, round } from '../../test/helpers/numbers.ts'

// The bench's own heap (seeded clients, earlier measurements) is collected before each
// timed operation, so a collection of the bench's garbage is not counted as the bot's block
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

export interface Latency {
  p50_ms: number
  p95_ms: number
  max_ms: number
}

/** Nearest-rank percentiles. */
export function latency(values: readonly number[]): Latency {
  const all = [...values]
  return {
    p50_ms: round(percentile(all, 50), 3),
    p95_ms: round(percentile(all, 95), 3),
    max_ms: round(Math.max(0, ...all), 3),
  }
}

export interface Timed<T> {
  result: T
  ms: number
  /** The longest the event loop was blocked while `work` ran (monitorEventLoopDelay's max). */
  block_ms: number
}

/** Runs `work`, timing it and watching the event loop for the longest block meanwhile. */
export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  collectGarbage()
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  const started = performance.now()
  const result = await work()
  const ms = performance.now() - started
  // One more turn so a block at the very end is sampled too
  await new Promise((resolve) => setTimeout(resolve, 10))
  histogram.disable()
  return { result, ms: round(ms, 1), block_ms: round(histogram.max / 1e6, 1) }
}
