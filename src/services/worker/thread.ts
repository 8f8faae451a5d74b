/**
 * The read worker's thread: one read-only connection to the bot's database file, and
 * the tasks of ./tasks.ts run one at a time as the main thread asks for them. Besides
 * reads it does one write, on a second connection opened for it: checkpoints of the
 * write-ahead log (see src/services/wal-keeper.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { openDatabase } from '../../../db/client.ts'
import { CHECKPOINT_TASK, type TaskReply } from './read-worker.ts'
import { READ_TASKS, type ReadTaskName } from './tasks.ts'

const port = parentPort
if (!port) throw new Error('thread.ts runs only as a worker thread')
const path = String(workerData.path)
const { db } = openDatabase(path, { readonly: true })

let checkpointer: Database.Database | undefined
/** Copies the log's pages into the database file as far as readers allow, without waiting for anyone. */
function checkpoint(): unknown {
  if (!checkpointer) {
    checkpointer = new Database(path)
    checkpointer.pragma('busy_timeout = 1000')
    checkpointer.pragma('wal_autocheckpoint = 0')
  }
  return (checkpointer.pragma('wal_checkpoint(PASSIVE)') as unknown[])[0]
}

port.on('message', ({ id, name, input }: { id: number; name: ReadTaskName | typeof CHECKPOINT_TASK; input: never }) => {
  let reply: TaskReply
  try {
    reply = { id, ok: true, output: name === CHECKPOINT_TASK ? checkpoint() : READ_TASKS[name](db, input) }
  } catch (err) {
    reply = { id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
  }
  port.postMessage(reply)
})
