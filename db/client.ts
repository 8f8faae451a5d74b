import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'

/**
 * The drizzle database; `$client` is its better-sqlite3 connection (for raw prepared statements).
 * Queries name their tables (db/schema.ts): drizzle is not handed the schema, which it would turn
 * into a relational query builder for each table every time a transaction starts (every
 * delivered outbox row writes its sent mark in one), for relational queries the bot never asks.
 */
export type Db = BetterSQLite3Database & { $client: Database.Database }

export interface DatabaseHandle {
  /** The raw connection: for pragmas, backups and synchronous transactions. */
  sqlite: Database.Database
  db: Db
  close(): void
}

/**
 * Opens the SQLite file (":memory:" for tests) with the pragmas the bot relies on:
 * WAL so readers never block the writer, foreign keys on, and a busy timeout so a
 * second process (a CLI, a backup) waits instead of failing at once. `readonly`: a
 * second connection for long reads in a worker thread (WAL lets it read while the
 * bot writes).
 * `secure_delete` overwrites deleted content with zeros: without it, what /forget
 * erased (and every older version of a changed row) stays readable in the file's
 * free space, and in every backup taken afterwards. Only "on" clears freed pages
 * too ("fast" leaves them).
 */
export function openDatabase(path: string, { readonly = false }: { readonly?: boolean } = {}): DatabaseHandle {
  const sqlite = new Database(path, { readonly })
  if (!readonly) {
    if (path !== ':memory:') sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('secure_delete = ON')
    // Checkpoints run on a short-lived thread of their own (src/services/wal-keeper.ts), off the
    // event loop; this connection does one itself only if the log passes 64 MB (16,384
    // pages), and a log emptied by a checkpoint is cut back to nothing on disk
    sqlite.pragma('wal_autocheckpoint = 16384')
    sqlite.pragma('journal_size_limit = 0')
  }
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite) as Db
  seeCommits(db)
  return {
    sqlite,
    db,
    close: () => {
      if (sqlite.open) sqlite.close()
    },
  }
}

/**
 * What waits for each transaction under way on a connection to commit (`afterCommit`), the
 * outermost first: one list for each `db.transaction` begun and not yet ended.
 */
const commitWaiters = new WeakMap<Database.Database, (() => void)[][]>()

/**
 * Makes the end of every `db.transaction` seen: what `afterCommit` asked for runs when the
 * outermost commits; a transaction (or a nested part of one, a savepoint) that rolls back drops
 * what was asked inside it. A transaction begun on the driver itself (`sqlite.transaction`) is
 * not seen: inside it `afterCommit` refuses.
 */
function seeCommits(db: Db): void {
  const sqlite = db.$client
  const stack: (() => void)[][] = []
  commitWaiters.set(sqlite, stack)
  const transaction = db.transaction.bind(db)
  db.transaction = ((run, config) => {
    // Inside one of the driver's own: what it writes is not known to commit, so nothing waits
    if (stack.length === 0 && sqlite.inTransaction) return transaction(run, config)
    const waiting: (() => void)[] = []
    stack.push(waiting)
    let result: ReturnType<typeof run>
    try {
      result = transaction(run, config)
    } finally {
      stack.pop()
    }
    // Committed (a savepoint released: its part now commits with the transaction around it)
    const outer = stack.at(-1)
    if (outer) outer.push(...waiting)
    else for (const done of waiting) done()
    return result
  }) as Db['transaction']
}

/**
 * Runs `done` once what was just written commits: at once outside a transaction, else when the
 * `db.transaction` around it commits, never if it rolls back. What a write makes known in
 * memory (the outbox's unfinished rows, a row as the write left it) is kept only then. False,
 * and `done` never runs, inside a transaction begun on the driver itself, whose end is not seen.
 */
export function afterCommit(db: Db, done: () => void): boolean {
  const sqlite = db.$client
  if (!sqlite.inTransaction) {
    done()
    return true
  }
  const waiting = commitWaiters.get(sqlite)?.at(-1)
  if (waiting === undefined) return false
  waiting.push(done)
  return true
}

/**
 * Copies every page of the write-ahead log into the database file and empties the
 * `-wal` file, which otherwise keeps old versions of pages (erased data among them)
 * until they happen to be overwritten. False when a reader still uses the log: try
 * again later. It does not wait for that reader (the busy timeout would block the
 * event loop for seconds).
 */
export function truncateWal(sqlite: Database.Database): boolean {
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number
  sqlite.pragma('busy_timeout = 0')
  try {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
    return result?.busy === 0
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`)
  }
}

/**
 * Whether a statement was refused only because a lock was held elsewhere — another connection
 * writing, or recovering the log after a crash, a snapshot gone stale — a temporary condition,
 * not a problem with the file. better-sqlite3 reports SQLite's extended codes as they are, so the
 * whole family counts: SQLITE_BUSY and SQLITE_LOCKED and every SQLITE_BUSY_… / SQLITE_LOCKED_…
 * (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED_SHAREDCACHE, …).
 */
export function isBusyError(err: unknown): boolean {
  const { code, cause } = (err ?? {}) as { code?: unknown; cause?: unknown }
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return true
  // drizzle reports a query that failed as its own error, with SQLite's as the cause
  return cause !== undefined && cause !== err && isBusyError(cause)
}
