import { asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { contentVersions } from '../schema.ts'

export type ContentVersion = typeof contentVersions.$inferSelect

export function latestContentVersion(db: Db, source?: ContentVersion['source']): ContentVersion | undefined {
  const q = db.select().from(contentVersions)
  return (source ? q.where(eq(contentVersions.source, source)) : q).orderBy(desc(contentVersions.id)).limit(1).get()
}

export function saveContentVersion(
  db: Db,
  row: { source: ContentVersion['source']; hash: string; yaml: string; uploadedBy?: number | null },
  now: number,
): ContentVersion {
  return db
    .insert(contentVersions)
    .values({ ...row, createdAt: now })
    .returning()
    .get()
}

/** The text of every saved version, oldest first. */
export function contentVersionTexts(db: Db): string[] {
  return db
    .select({ yaml: contentVersions.yaml })
    .from(contentVersions)
    .orderBy(asc(contentVersions.id))
    .all()
    .map((r) => r.yaml)
}
