/**
 * The updates being handled right now. Telegram counts an update as delivered once the
 * bot has fetched it (or answered its webhook request), so a shutdown lets these finish
 * before it closes the database: otherwise a reply still waiting for the send budget is
 * never sent and a handler halfway through fails on a closed database.
 */
export interface UpdatesInFlight {
  /** An update starts being handled; call what it returns once it is done, however it ended. */
  start(): () => void
  /** How many updates are being handled. */
  count(): number
  /**
   * Resolves `true` once no update is being handled, or `false` at `deadline`
   * (`Date.now()` milliseconds) while some still are.
   */
  settled(deadline: number): Promise<boolean>
}

export function createUpdatesInFlight(): UpdatesInFlight {
  let running = 0
  const waiting = new Set<() => void>()
  return {
    start() {
      running++
      let done = false
      return () => {
        if (done) return
        done = true
        running--
        if (running > 0) return
        for (const wake of [...waiting]) wake()
      }
    },
    count: () => running,
    settled(deadline) {
      if (running === 0) return Promise.resolve(true)
      return new Promise((resolve) => {
        const finish = (idle: boolean) => {
          clearTimeout(timer)
          waiting.delete(wake)
          resolve(idle)
        }
        const wake = () => finish(true)
        // Not unref'd: the shutdown still reaches its end (database closed, exit code) when
        // nothing else keeps the process alive
        const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()))
        waiting.add(wake)
      })
    },
  }
}
