/**
 * Keeps the write-ahead log short without the bot's thread paying for it.
 *
 * In WAL mode every write appends pages to the `-wal` file, and a checkpoint copies them
 * back into the database file. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1,000 pages: a client's /start or one batch of a broadcast's recipient list then
 * waited while about 4 MB were copied and the file synced — 10 to 100 ms of a frozen event
 * loop on a 2-core server (`npm run bench -- scale`, broadcast confirmation at 100k
 * clients: a 107 ms block, 8.5 ms without it). Here the read worker's thread does it: every
 * few seconds, once the log has grown past 4 MB, a passive checkpoint on its own
 * connection (it never waits for readers or writers; what a long read still needs is
 * copied on a later round). The bot's connection checkpoints by itself only past 64 MB, a
 * safety net for a worker that cannot run (db/client.ts).
 */
import { stat } from 'node:fs/promises'
import type { Logger } from '../logger.ts'
import type { ReadWorker, WalCheckpoint } from './worker/read-worker.ts'

/** How often the log's size is looked at. */
const CHECK_EVERY_MS = 5_000
/** Past this size the log is checkpointed (SQLite's own default point: 1,000 pages of 4 KB). */
const CHECKPOINT_FROM_BYTES = 4 * 1024 * 1024

export type WalKeeper = ReturnType<typeof createWalKeeper>

export function createWalKeeper({ path, reads, logger }: { path: string; reads: ReadWorker; logger: Logger }) {
  const log = logger.child({ module: 'wal-keeper' })
  let timer: NodeJS.Timeout | undefined
  let stopped = true

  /** Checkpoints when the log is long enough; undefined when it was not (or there is no log). */
  async function tick(): Promise<WalCheckpoint | undefined> {
    let size: number
    try {
      size = (await stat(`${path}-wal`)).size
    } catch (err) {
      // No log yet (nothing written since it was last emptied), or an in-memory database
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
    if (size < CHECKPOINT_FROM_BYTES) return undefined
    const result = await reads.checkpoint()
    log.debug({ bytes: size, ...result }, 'write-ahead log checkpointed')
    return result
  }

  function schedule(): void {
    if (stopped) return
    timer = setTimeout(() => {
      tick()
        .catch((err: unknown) => {
          // Stopping ends the worker under a round: expected. Otherwise the log keeps
          // growing until a round succeeds (the bot's own safety net caps it)
          if (stopped) log.debug({ err }, 'checkpoint cut short by the shutdown')
          else log.warn({ err }, 'could not checkpoint the write-ahead log; trying again soon')
        })
        .finally(schedule)
    }, CHECK_EVERY_MS)
    timer.unref()
  }

  return {
    tick,
    start(): void {
      if (path === ':memory:' || !stopped) return
      stopped = false
      schedule()
    },
    stop(): void {
      stopped = true
      clearTimeout(timer)
    },
  }
}
