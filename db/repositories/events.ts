import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { events } from '../schema.ts'

export function recordEvent(db: Db, clientId: number | null, type: string, now: number, data?: unknown): void {
  db.insert(events)
    .values({ clientId, type, createdAt: now, data: data ?? null })
    .run()
}

export function hasEvent(db: Db, clientId: number, type: string): boolean {
  const row = db
    .select({ n: count() })
    .from(events)
    .where(and(eq(events.clientId, clientId), eq(events.type, type)))
    .get()
  return (row?.n ?? 0) > 0
}
