import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { events } from '../schema.ts'

const p = sql.placeholder
const statements = perConnection((db) => ({
  insert: db
    .insert(events)
    .values({ clientId: p('clientId'), type: p('type'), createdAt: p('now'), data: p('data') })
    .prepare(),
  has: db
    .select({ one: sql<number>`1` })
    .from(events)
    .where(and(eq(events.clientId, p('clientId')), eq(events.type, p('type'))))
    .limit(1)
    .prepare(),
  // The client's index, named: for max(created_at) the planner otherwise takes the index of the
  // type and time, and reads every client's starts (30 ms a /start at 100,000 clients)
  lastAt: db.$client.prepare<[number, string, string], { at: number | null }>(
    'select max(created_at) as at from events indexed by events_client_idx where client_id = ? and type in (?, ?)',
  ),
  // `first` when the client has neither it nor `again`, else `again`; returns when the last of them
  // was (the inserted row is newer than any: `e.id < events.id` leaves it out)
  firstOrAgain: db.$client.prepare<
    { clientId: number; first: string; again: string; now: number },
    { last: number | null }
  >(
    `insert into events (client_id, type, data, created_at)
       select @clientId, case when last is null then @first else @again end, null, @now
       from (select max(created_at) as last from events indexed by events_client_idx
             where client_id = @clientId and type in (@first, @again))
     returning (select max(e.created_at) from events e indexed by events_client_idx
                where e.client_id = @clientId and e.type in (@first, @again) and e.id < events.id) as last`,
  ),
}))

export function recordEvent(db: Db, clientId: number | null, type: string, now: number, data?: unknown): void {
  statements(db).insert.run({ clientId, type, now, data: data ?? null })
}

export function hasEvent(db: Db, clientId: number, type: string): boolean {
  return statements(db).has.get({ clientId, type }) !== undefined
}

/**
 * Records `first` for the client when they have neither it nor `again` on record, else `again`
 * (a /start, then each later one), in one statement; returns when the last of them was before
 * this one (undefined: this is the first).
 */
export function recordFirstOrAgain(
  db: Db,
  clientId: number,
  { first, again }: { first: string; again: string },
  now: number,
): number | undefined {
  return statements(db).firstOrAgain.get({ clientId, first, again, now })?.last ?? undefined
}

/** When `type` or `other` was last recorded for the client; undefined when never. */
export function lastEventAt(db: Db, clientId: number, type: string, other: string): number | undefined {
  return statements(db).lastAt.get(clientId, type, other)?.at ?? undefined
}

/** Whether `type` is recorded for (client, job): a question answered, say. */
export function hasJobEvent(
  db: Db,
  { clientId, jobId, type }: { clientId: number; jobId: number; type: string },
): boolean {
  const seen = db
    .select({ id: events.id })
    .from(events)
    .where(
      and(eq(events.clientId, clientId), eq(events.type, type), sql`json_extract(${events.data}, '$.job') = ${jobId}`),
    )
    .get()
  return seen !== undefined
}

/**
 * Records `type` for (client, job) unless it is already recorded; true when this call
 * recorded it. One synchronous transaction, so a double tap counts once.
 */
export function recordJobEventOnce(
  db: Db,
  { clientId, jobId, type, data }: { clientId: number; jobId: number; type: string; data?: Record<string, unknown> },
  now: number,
): boolean {
  return db.transaction((tx) => {
    const seen = tx
      .select({ id: events.id })
      .from(events)
      .where(
        and(
          eq(events.clientId, clientId),
          eq(events.type, type),
          sql`json_extract(${events.data}, '$.job') = ${jobId}`,
        ),
      )
      .get()
    if (seen) return false
    tx.insert(events)
      .values({ clientId, type, data: { job: jobId, ...data }, createdAt: now })
      .run()
    return true
  })
}

/**
 * Withdraws what was recorded as `type` of the client's request `handoffId` (`data.handoffId`):
 * a fact that no longer holds (the answer that was "answered in time" taken back).
 */
export function deleteHandoffEvents(
  db: Db,
  { clientId, handoffId, type }: { clientId: number; handoffId: number; type: string },
): void {
  db.delete(events)
    .where(
      and(
        eq(events.clientId, clientId),
        eq(events.type, type),
        sql`json_extract(${events.data}, '$.handoffId') = ${handoffId}`,
      ),
    )
    .run()
}
