import { afterCommit, type Db } from './client.ts'

/**
 * Statements prepared once per connection, on first use. Building a drizzle query costs
 * far more than running it (about 180 µs against 10 µs for a reused statement), so the
 * queries on every update's path are built once with `sql.placeholder` and reused.
 *
 *   const q = perConnection((db) => ({ byId: db.select().from(t).where(eq(t.id, sql.placeholder('id'))).prepare() }))
 *   q(db).byId.get({ id })
 *
 * Built lazily, so a connection prepares them only after its migrations ran.
 */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>()
  return (db) => {
    let statements = cache.get(db)
    if (statements === undefined) {
      statements = build(db)
      cache.set(db, statements)
    }
    return statements
  }
}

/**
 * Rows read since the last write to their table, per connection: the services one update
 * passes through ask for the same row again and again, and while nothing in the table was
 * written meanwhile, the row read first is still the row. Every writer of the table calls
 * `wrote`. Callers get copies (some change theirs); nothing read inside a transaction (it
 * may still roll back) or on a read-only connection (it never sees the writes) is kept.
 * At most `limit` keys between two writes (a job walking many rows reads each once).
 */
export function keptUntilWrite<Key, Row extends object>(limit = 1_000) {
  const rows = perConnection((_db) => new Map<Key, Row | null>())
  /** Writes to the table through this module, per connection: a row kept when its write commits is still the row if none came since. */
  const writes = perConnection((_db) => ({ n: 0 }))
  const dropping = (db: Db) => {
    writes(db).n++
    return rows(db)
  }
  return {
    /** The kept row (a copy), null when kept as absent, undefined when not kept. */
    get(db: Db, key: Key): Row | null | undefined {
      const known = rows(db).get(key)
      return known ? { ...known } : known
    },
    /** Keeps what was just read or written for `key` (undefined: there is none) and hands back a copy. */
    keep<Found extends Row | undefined>(db: Db, key: Key, row: Found): Found {
      if (db.$client.inTransaction || db.$client.readonly) return row
      const kept = rows(db)
      if (kept.size >= limit) kept.clear()
      kept.set(key, row ?? null)
      return (row && { ...row }) as Found
    },
    /**
     * The row a write just made for `key`, known without reading it (the write's own values over
     * the row kept before it): kept once the write commits, unless the table was written again by
     * then. Call it after the write's `wrote…`.
     */
    keepWritten(db: Db, key: Key, row: Row): void {
      if (db.$client.readonly) return
      const at = writes(db).n
      afterCommit(db, () => {
        if (writes(db).n !== at) return
        const kept = rows(db)
        if (kept.size >= limit) kept.clear()
        kept.set(key, { ...row })
      })
    },
    /** The kept row (a copy) and its key that `pick` finds, if any. */
    find(db: Db, pick: (row: Row) => boolean): { key: Key; row: Row } | undefined {
      for (const [key, row] of rows(db)) if (row !== null && pick(row)) return { key, row: { ...row } }
      return undefined
    },
    wrote(db: Db): void {
      dropping(db).clear()
    },
    /** A write about `key` alone: what is kept for the other keys stays. */
    wroteFor(db: Db, key: Key): void {
      dropping(db).delete(key)
    },
    /**
     * A write that changed only rows `changed` picks among those kept, and made none appear
     * where one is kept as absent: those are dropped, the rest stay.
     */
    wroteRows(db: Db, changed: (row: Row) => boolean): void {
      const kept = dropping(db)
      for (const [key, row] of kept) if (row !== null && changed(row)) kept.delete(key)
    },
  }
}
