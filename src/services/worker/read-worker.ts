/**
 * Long reads off the event loop. better-sqlite3 is synchronous: a query that scans every
 * client (stats, an export, the daily sweep, a segment count) would stop every chat while
 * it runs. Such a read is a task (./tasks.ts) run by a worker thread on its own read-only
 * connection to the same file (WAL lets it read while the bot writes), so the bot keeps
 * answering meanwhile.
 *
 * The thread starts on the first task and stops after half a minute without one, so an idle bot
 * does not carry its memory. An in-memory database (tests) cannot be opened twice: there
 * the tasks run on the bot's own connection, the same code with the same answers.
 */
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { Db } from '../../../db/client.ts'
import type { Logger } from '../../logger.ts'
import { READ_TASKS, type ReadTaskInput, type ReadTaskName, type ReadTaskOutput } from './tasks.ts'

export interface ReadWorker {
  /** Runs a read task away from the event loop; resolves with its result, rejects with its error. */
  run<K extends ReadTaskName>(name: K, input: ReadTaskInput<K>): Promise<ReadTaskOutput<K>>
  /** Stops the thread (tasks still running are rejected). */
  stop(): Promise<void>
}

/** What the thread answers for one task. */
export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string }

/** Running compiled (dist/, what `npm start` runs) rather than from the TypeScript sources (tests, tsx). */
const COMPILED = import.meta.url.endsWith('.js')

/** How long an idle thread is kept for the next task before it is stopped. */
const IDLE_MS = 30_000

export function createReadWorker({
  db,
  sqlite,
  logger,
  idleMs = IDLE_MS,
}: {
  db: Db
  sqlite: Database.Database
  logger: Logger
  idleMs?: number
}): ReadWorker {
  const log = logger.child({ module: 'read-worker' })
  if (sqlite.memory) {
    return {
      // A task's input and output cross a thread boundary in production: clone them here too,
      // so what could not cross fails in tests as well
      run: async (name, input) => structuredClone(READ_TASKS[name](db, structuredClone(input) as never)) as never,
      stop: async () => undefined,
    }
  }

  let thread: Worker | undefined
  let nextId = 1
  let idleTimer: NodeJS.Timeout | undefined
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void; name: string }>()

  const failAll = (err: Error) => {
    for (const task of pending.values()) task.reject(err)
    pending.clear()
  }

  function start(): Worker {
    const worker = COMPILED
      ? new Worker(new URL('./thread.js', import.meta.url), { workerData: { path: sqlite.name } })
      : // From the sources, a .mjs bootstrap registers tsx in the thread (Node 20 ignores loaders passed in execArgv)
        new Worker(new URL('./register-tsx.mjs', import.meta.url), {
          workerData: { entry: new URL('./thread.ts', import.meta.url).href, path: sqlite.name },
        })
    worker.on('message', (reply: TaskReply) => {
      const task = pending.get(reply.id)
      if (!task) return
      pending.delete(reply.id)
      if (reply.ok) task.resolve(reply.output)
      else task.reject(new Error(`read task ${task.name} failed: ${reply.error}`))
      if (pending.size === 0) idle()
    })
    worker.on('error', (err) => {
      log.error({ err }, 'read worker crashed; the next task starts a new one')
      failAll(err)
    })
    worker.on('exit', (code) => {
      if (thread === worker) thread = undefined
      if (pending.size > 0) failAll(new Error(`read worker exited (code ${code}) before answering`))
    })
    log.debug('read worker started')
    return worker
  }

  function idle() {
    thread?.unref()
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      const worker = thread
      thread = undefined
      if (worker) void worker.terminate().then(() => log.debug('idle read worker stopped'))
    }, idleMs)
    idleTimer.unref()
  }

  return {
    run(name, input) {
      clearTimeout(idleTimer)
      thread ??= start()
      // Keeps the process alive while a task is running
      thread.ref()
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, name })
        thread?.postMessage({ id, name, input })
      })
    },
    async stop() {
      clearTimeout(idleTimer)
      const worker = thread
      thread = undefined
      failAll(new Error('the read worker was stopped'))
      await worker?.terminate()
    },
  }
}
