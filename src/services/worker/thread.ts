/**
 * The read worker's thread: one read-only connection to the bot's database file, and
 * the tasks of ./tasks.ts run one at a time as the main thread asks for them.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../../../db/client.ts'
import type { TaskReply } from './read-worker.ts'
import { READ_TASKS, type ReadTaskName } from './tasks.ts'

const port = parentPort
if (!port) throw new Error('thread.ts runs only as a worker thread')
const { db } = openDatabase(String(workerData.path), { readonly: true })

port.on('message', ({ id, name, input }: { id: number; name: ReadTaskName; input: never }) => {
  let reply: TaskReply
  try {
    reply = { id, ok: true, output: READ_TASKS[name](db, input) }
  } catch (err) {
    reply = { id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
  }
  port.postMessage(reply)
})
