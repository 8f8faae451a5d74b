// The WAL keeper's thread (src/services/wal-keeper.ts): one passive checkpoint of the
// bot's database file on a connection of its own, then it reports and is ended. Plain
// JavaScript with only the SQLite driver, so the thread costs a few MB while it runs.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

let reply
try {
  const db = new Database(workerData.path)
  // A checkpoint already running on the bot's connection (its safety net) is waited for briefly
  db.pragma('busy_timeout = 1000')
  db.pragma('wal_autocheckpoint = 0')
  reply = { ok: true, result: db.pragma('wal_checkpoint(PASSIVE)')[0] }
  db.close()
} catch (err) {
  reply = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
}
parentPort?.postMessage(reply)
