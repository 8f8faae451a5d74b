/**
 * Keeps the write-ahead log short without the bot's thread paying for it.
 *
 * In WAL mode every write appends pages to the `-wal` file, and a checkpoint copies them
 * back into the database file. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1,000 pages: a client's /start or one batch of a broadcast's recipient list then
 * waited while about 4 MB were copied and the file synced — 10 to 100 ms of a frozen event
 * loop on a 2-core server (`npm run bench -- scale`, confirming a broadcast to 100k
 * clients: a 107 ms block, 10 ms without it). Here a short-lived thread does it
 * (./worker/checkpoint-thread.mjs): every second, once the log has grown past 4 MB
 * since the last complete checkpoint, a passive checkpoint on a connection of its own (it
 * never waits for readers or writers; what a long read still needs is copied on a later
 * round). The bot's connection checkpoints by itself only past 64 MB, a safety net for a
 * thread that cannot run (db/client.ts).
 */
import { stat } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger.ts'

/** What SQLite reports for a checkpoint: pages in the log, pages copied, busy (1: a lock was taken). */
export interface WalCheckpoint {
  busy: number
  log: number
  checkpointed: number
}

/**
 * How often the log's size is looked at (one stat of the file). Every second: the start-up
 * sweep at 100k clients writes about 10 MB of log a second, which in 5 s went past the
 * 64 MB at which the bot's own connection checkpoints on the event loop.
 */
const CHECK_EVERY_MS = 1_000
/**
 * After a round a reader cut short (it still needs part of the log: /stats, a backup, the
 * sweep's plan read for seconds), the next one waits this long rather than starting a
 * thread every second to copy nothing more.
 */
const AFTER_PARTIAL_MS = 5_000
/** Past this size the log is checkpointed (SQLite's own default point: 1,000 pages of 4 KB). */
const CHECKPOINT_FROM_BYTES = 4 * 1024 * 1024

/** One passive checkpoint on a thread of its own, which ends once it has answered. */
function checkpointOnThread(path: string): Promise<WalCheckpoint> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL('./worker/checkpoint-thread.mjs', import.meta.url), { workerData: { path } })
    thread.once('message', (reply: { ok: true; result: WalCheckpoint } | { ok: false; error: string }) => {
      if (reply.ok) resolve(reply.result)
      else reject(new Error(`checkpoint failed: ${reply.error}`))
    })
    thread.once('error', reject)
    // After an answer this changes nothing; without one it is the failure
    thread.once('exit', (code) => reject(new Error(`the checkpoint thread exited (code ${code}) without answering`)))
  })
}

export type WalKeeper = ReturnType<typeof createWalKeeper>

export function createWalKeeper({ path, logger }: { path: string; logger: Logger }) {
  const log = logger.child({ module: 'wal-keeper' })
  let timer: NodeJS.Timeout | undefined
  let stopped = true
  /**
   * The log file as the last complete checkpoint left it: it keeps its size until the next
   * write starts it over, and a log already copied is not copied again.
   */
  let done: { size: number; mtimeMs: number } | undefined
  /** After a round a reader cut short, no new thread before then (performance.now()). */
  let waitUntil = 0

  /** Checkpoints when the log has grown enough; undefined when it has not (or there is no log). */
  async function tick(): Promise<WalCheckpoint | undefined> {
    let file: { size: number; mtimeMs: number }
    try {
      file = await stat(`${path}-wal`)
    } catch (err) {
      // No log yet (nothing written since it was last emptied), or an in-memory database
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
    if (file.size < CHECKPOINT_FROM_BYTES) return undefined
    if (done && done.size === file.size && done.mtimeMs === file.mtimeMs) return undefined
    if (performance.now() < waitUntil) return undefined
    const result = await checkpointOnThread(path)
    const complete = result.checkpointed === result.log
    done = complete ? { size: file.size, mtimeMs: file.mtimeMs } : undefined
    waitUntil = complete ? 0 : performance.now() + AFTER_PARTIAL_MS
    log.debug({ bytes: file.size, ...result }, 'write-ahead log checkpointed')
    return result
  }

  /** The round under way, if any: its thread has the database open until it ends. */
  let round: Promise<void> | undefined

  function schedule(): void {
    if (stopped) return
    timer = setTimeout(() => {
      round = tick()
        .then(
          () => undefined,
          (err: unknown) => {
            // The log keeps growing until a round succeeds; the bot's own safety net caps it
            log.warn({ err }, 'could not checkpoint the write-ahead log; trying again soon')
          },
        )
        .finally(() => {
          round = undefined
          schedule()
        })
    }, CHECK_EVERY_MS)
    timer.unref()
  }

  return {
    tick,
    /** Looks at the log every second until `stop()`. */
    start(): void {
      if (path === ':memory:' || !stopped) return
      stopped = false
      // Started again while a round stopped earlier still runs: its end schedules the next
      if (round === undefined) schedule()
    },
    /**
     * No more rounds; resolves once the one under way has ended, so that the database
     * can be closed (and its files removed) with no thread of this keeper still in it.
     */
    async stop(): Promise<void> {
      stopped = true
      clearTimeout(timer)
      await round
    },
  }
}
