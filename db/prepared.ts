import type { Db } from './client.ts'

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
