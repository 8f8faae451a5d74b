/**
 * The read worker's thread comes and goes: it stops after a while without a task, and it
 * may die on its own. A task must never be lost to a thread on its way out. A real file
 * and real threads; the order of events that matters is forced by holding a thread's
 * messages back, never by waiting for time to pass.
 */
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/logger.ts'
import { createReadWorker } from '../../src/services/worker/read-worker.ts'
import { createTestDbFile } from '../helpers/db.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const IDLE_MS = 1_000

/**
 * A database file and its read worker, with every thread it starts listed in `threads` (in
 * order) and every message to a thread going through `deliver`: by default at once.
 */
function setUp() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  const handle = createTestDbFile()
  const reads = createReadWorker({
    db: handle.db,
    sqlite: handle.sqlite,
    logger: createLogger({ level: 'silent' }),
    idleMs: IDLE_MS,
  })
  const threads: Worker[] = []
  const post = Worker.prototype.postMessage
  const control = {
    deliver: (_thread: Worker, send: () => void) => send(),
  }
  vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, message: unknown) {
    if (!threads.includes(this)) threads.push(this)
    control.deliver(this, () => post.call(this, message))
  })
  cleanups.push(() => handle.remove())
  cleanups.push(async () => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    await reads.stop()
  })
  return { reads, threads, control, post }
}

/** How a task ended, without leaving a rejection unhandled while another is awaited. */
const settle = (task: Promise<unknown>) =>
  task.then(
    (value) => ({ ok: true, value }),
    (err: Error) => ({ ok: false, value: err.message }),
  )

const exited = (thread: Worker) => new Promise<number>((resolve) => thread.once('exit', resolve))

describe('the read worker', () => {
  it('a task asked for as the idle thread is being stopped goes to a new thread and gets its answer', async () => {
    const { reads, threads, control } = setUp()
    expect(await reads.run('segmentTags', {})).toEqual([]) // e.g. an /export
    const [first] = threads
    const firstExit = exited(first!)

    // Half a minute later the idle stop begins: the old thread is terminating, its exit not seen yet
    vi.advanceTimersByTime(IDLE_MS)
    // The owner's /broadcast asks for the segment buttons right then. The new thread gets the
    // task only once the old thread's exit has been seen, so that exit comes first, as in the log
    control.deliver = (thread, send) => {
      if (thread === first) send()
      else void firstExit.then(send)
    }
    const settled = settle(reads.run('segmentTags', {}))
    expect(await firstExit).toBe(1) // terminate() ends a thread with code 1
    expect(await settled).toEqual({ ok: true, value: [] })
    expect(threads).toHaveLength(2)
    expect(threads[1]).not.toBe(first)
  })

  it('a thread that dies on its own fails the task it was on, clearly; the tasks queued behind it go to a new thread', async () => {
    const { reads, threads, control } = setUp()
    // The thread gets nothing: it dies (here: something outside the read worker ends it) before answering
    control.deliver = (thread, send) => {
      if (thread !== threads[0]) send()
    }
    const running = settle(reads.run('segmentTags', {}))
    const queued = settle(reads.run('segmentLanguages', {}))
    const [doomed] = threads
    await doomed!.terminate()

    // The task it was on is not run again (it may be what killed it): it fails with the reason
    expect(await running).toEqual({
      ok: false,
      value: expect.stringMatching(/^read worker exited \(code \d\) before answering$/),
    })
    // The one behind it had not started: a new thread runs it
    expect(await queued).toEqual({ ok: true, value: [] })
    // And what comes next goes to that new thread, not to the dead one
    expect(await reads.run('segmentCount', { filter: {}, now: Date.now() })).toEqual({ count: 0, heldBack: 0 })
    expect(threads).toHaveLength(2)
  })

  it('a thread that crashes fails the task it was on with the crash; the next tasks go to a new thread', async () => {
    const { reads, threads, control, post } = setUp()
    control.deliver = (thread, send) => {
      if (thread !== threads[0]) send()
    }
    const running = settle(reads.run('segmentTags', {}))
    const queued = settle(reads.run('segmentLanguages', {}))
    const [doomed] = threads
    const gone = exited(doomed!)
    // A message the thread cannot read throws outside its task's try: an uncaught error, a real crash
    post.call(doomed!, null)
    expect(await running).toEqual({
      ok: false,
      value: expect.stringMatching(/^read task segmentTags failed: the read worker crashed: /),
    })
    expect(await queued).toEqual({ ok: true, value: [] })
    await gone
    expect(await reads.run('segmentTags', {})).toEqual([])
    expect(threads).toHaveLength(2)
  })

  it('stopping waits for a thread still on its way out after an idle stop', async () => {
    const { reads, threads } = setUp()
    await reads.run('segmentTags', {})
    const [first] = threads
    let gone = false
    void exited(first!).then(() => {
      gone = true
    })
    vi.advanceTimersByTime(IDLE_MS)
    await reads.stop()
    expect(gone).toBe(true)
  })
})
