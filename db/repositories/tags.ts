import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { clientTags } from '../schema.ts'

export function listTags(db: Db, clientId: number): string[] {
  return db
    .select({ tag: clientTags.tag })
    .from(clientTags)
    .where(eq(clientTags.clientId, clientId))
    .orderBy(asc(clientTags.tag))
    .all()
    .map((r) => r.tag)
}

export function addTags(db: Db, clientId: number, tags: readonly string[], now: number): void {
  if (tags.length === 0) return
  db.insert(clientTags)
    .values(tags.map((tag) => ({ clientId, tag, createdAt: now })))
    .onConflictDoNothing()
    .run()
}

export function removeTags(db: Db, clientId: number, tags: readonly string[]): void {
  if (tags.length === 0) return
  db.delete(clientTags)
    .where(and(eq(clientTags.clientId, clientId), inArray(clientTags.tag, [...tags])))
    .run()
}
