/** Latency figures for benches: nearest-rank percentiles of a list of durations in ms. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}

/** p50, p95 and max in ms, rounded to microseconds. */
export function latency(values: readonly number[]): { p50: number; p95: number; max: number } {
  const round = (n: number) => Number(n.toFixed(3))
  return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) }
}
