/** Small measuring helpers for the scale bench. */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// The bench's own heap (seeded clients, earlier measurements) is collected before each
// timed operation, so a collection of the bench's garbage is not counted as the bot's block
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

export interface Latency {
  p50_ms: number
  p95_ms: number
  max_ms: number
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits))

/** Nearest-rank percentiles. */
export function latency(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  return { p50_ms: round(at(50)), p95_ms: round(at(95)), max_ms: round(sorted.at(-1) ?? 0) }
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
