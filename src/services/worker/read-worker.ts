/**
 * Long reads off the event loop. better-sqlite3 is synchronous: a query that scans every
 * client (stats, an export, the daily sweep, a segment count) would stop every chat while
 * it runs. Such a read is a task (./tasks.ts) run by a worker thread on its own read-only
 * connection to the same file (WAL lets it read while the bot writes), so the bot keeps
 * answering meanwhile.
 *
 * The thread starts on the first task and stops after half a minute without one, so an idle bot
 * does not carry its memory. A task asked for while that thread is still exiting goes to a new
 * thread at once; only a thread that dies under a task fails that task. An in-memory database
 * (tests) cannot be opened twice: there the tasks run on the bot's own connection, the same
 * code with the same answers.
 */
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { Db } from '../../../db/client.ts'
import type { Logger } from '../../logger.ts'
import { READ_TASKS, type ReadTaskInput, type ReadTaskName, type ReadTaskOutput } from './tasks.ts'

export interface ReadWorker {
  /** Runs a read task away from the event loop; resolves with its result, rejects with its error. */
  run<K extends ReadTaskName>(name: K, input: ReadTaskInput<K>): Promise<ReadTaskOutput<K>>
  /** Stops the thread, and waits for any still exiting (tasks still running are rejected). */
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

  /** One task asked for and not answered yet. */
  interface Task {
    id: number
    name: string
    input: unknown
    resolve(value: unknown): void
    reject(err: Error): void
  }
  /**
   * One thread and the tasks given to it, oldest first. Each thread keeps its own tasks: a
   * thread's exit concerns only what was given to that thread. (With one list for all, the
   * exit of an idle thread being stopped, seen after a task had gone to its successor,
   * failed that task: "read worker exited (code 1) before answering".)
   */
  interface Thread {
    worker: Worker
    tasks: Map<number, Task>
    /** We are ending it (idle, or `stop()`): its exit is expected. */
    stopping: boolean
  }

  /** The thread new tasks go to. A thread being stopped or found dead is never it again. */
  let current: Thread | undefined
  /** Every thread not yet exited, the ones on their way out included: `stop()` waits for them all. */
  const threads = new Set<Thread>()
  let nextId = 1
  let idleTimer: NodeJS.Timeout | undefined

  function start(): Thread {
    const worker = COMPILED
      ? new Worker(new URL('./thread.js', import.meta.url), { workerData: { path: sqlite.name } })
      : // From the sources, a .mjs bootstrap registers tsx in the thread (Node 20 ignores loaders passed in execArgv)
        new Worker(new URL('./register-tsx.mjs', import.meta.url), {
          workerData: { entry: new URL('./thread.ts', import.meta.url).href, path: sqlite.name },
        })
    const thread: Thread = { worker, tasks: new Map(), stopping: false }
    threads.add(thread)
    worker.on('message', (reply: TaskReply) => {
      const task = thread.tasks.get(reply.id)
      if (!task) return
      thread.tasks.delete(reply.id)
      if (reply.ok) task.resolve(reply.output)
      else task.reject(new Error(`read task ${task.name} failed: ${reply.error}`))
      if (thread === current && thread.tasks.size === 0) idle()
    })
    worker.on('error', (err) => {
      log.error({ err }, 'read worker crashed; the next task starts a new one')
      lost(
        thread,
        (task) => new Error(`read task ${task.name} failed: the read worker crashed: ${err.message}`, { cause: err }),
      )
    })
    worker.on('exit', (code) => {
      threads.delete(thread)
      if (!thread.stopping && thread.tasks.size > 0)
        log.warn({ code }, 'read worker exited on its own while running a task')
      lost(thread, () => new Error(`read worker exited (code ${code}) before answering`))
    })
    log.debug('read worker started')
    return thread
  }

  /**
   * A thread is gone (it crashed, or exited), whether or not we were stopping it. No task may
   * go to it any more. The thread runs its tasks one at a time in the order given, so only the
   * oldest one left can have been under way: that one fails, with why (it may be what killed
   * the thread; running it again could kill the next one). The ones behind it never started:
   * they go to a fresh thread, as if they had been asked for now. Every death fails at least
   * one task, so a thread that keeps dying cannot keep a task going round.
   */
  function lost(thread: Thread, failure: (task: Task) => Error) {
    if (current === thread) current = undefined
    const [underWay, ...notStarted] = thread.tasks.values()
    thread.tasks.clear()
    if (underWay) underWay.reject(failure(underWay))
    for (const task of notStarted) dispatch(task)
  }

  /** Gives a task to the current thread, starting one if there is none. */
  function dispatch(task: Task) {
    clearTimeout(idleTimer)
    let thread: Thread | undefined
    try {
      current ??= start()
      thread = current
      // Keeps the process alive while a task is running
      thread.worker.ref()
      thread.tasks.set(task.id, task)
      thread.worker.postMessage({ id: task.id, name: task.name, input: task.input })
    } catch (err) {
      // No thread could be started, or the input cannot cross to it: this task fails, and a
      // thread left with nothing to do is let go as after any last answer
      thread?.tasks.delete(task.id)
      task.reject(err instanceof Error ? err : new Error(String(err)))
      if (thread && thread === current && thread.tasks.size === 0) idle()
    }
  }

  function idle() {
    current?.worker.unref()
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      const thread = current
      // A task given meanwhile cancels this timer; the check only keeps a busy thread from ever being stopped here
      if (!thread || thread.tasks.size > 0) return
      // From here on nothing is given to this thread: the next task starts a new one at once,
      // even while this one is still exiting. Its exit, when seen, concerns only its own
      // (empty) list of tasks, so an idle stop is invisible to whoever asks next.
      current = undefined
      thread.stopping = true
      thread.worker.terminate().then(
        () => log.debug('idle read worker stopped'),
        (err: unknown) => log.warn({ err }, 'stopping the idle read worker failed'),
      )
    }, idleMs)
    idleTimer.unref()
  }

  return {
    run(name, input) {
      return new Promise((resolve, reject) => {
        dispatch({ id: nextId++, name, input, resolve: resolve as (value: unknown) => void, reject })
      })
    },
    async stop() {
      clearTimeout(idleTimer)
      current = undefined
      const all = [...threads]
      // Their tasks are failed before the threads are ended, so that no exit hands them on to a new thread
      const stopped = new Error('the read worker was stopped')
      for (const thread of all) {
        thread.stopping = true
        for (const task of thread.tasks.values()) task.reject(stopped)
        thread.tasks.clear()
      }
      // Threads still on their way out after an idle stop are waited for too: none outlives stop()
      await Promise.all(all.map((thread) => thread.worker.terminate()))
    },
  }
}
