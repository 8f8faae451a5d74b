/**
 * The transcript: what the client sent ('in'), what staff sent them ('out'),
 * what the bot said ('bot') and internal notes ('note'). It is also the map
 * between a message in the client's chat and its copy in the staff topic.
 */
import { and, asc, desc, eq, gt, inArray, lte, max } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type MessageRow, messages } from '../schema.ts'

export type MessageDirection = MessageRow['direction']
export type NewMessage = Omit<MessageRow, 'id' | 'editedAt'> & { editedAt?: number | null }

export function insertMessage(db: Db, row: NewMessage): MessageRow {
  return db.insert(messages).values(row).returning().get()
}

export function findMessage(db: Db, id: number): MessageRow | undefined {
  return db.select().from(messages).where(eq(messages.id, id)).get()
}

/** A message in the client's private chat (theirs or one sent to them), by its id there. */
export function findByClientMessageId(db: Db, clientId: number, clientMessageId: number): MessageRow | undefined {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.clientMessageId, clientMessageId)))
    .orderBy(asc(messages.id))
    .get()
}

/** A message in the client's staff topic, by its id there. */
export function findByTopicMessageId(db: Db, clientId: number, topicMessageId: number): MessageRow | undefined {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.topicMessageId, topicMessageId)))
    .orderBy(asc(messages.id))
    .get()
}

/** Every message sharing one message in the topic (several texts sent there as one), oldest first. */
export function listByTopicMessageId(db: Db, clientId: number, topicMessageId: number): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.topicMessageId, topicMessageId)))
    .orderBy(asc(messages.id))
    .all()
}

export function findMessages(db: Db, ids: readonly number[]): MessageRow[] {
  if (ids.length === 0) return []
  return db
    .select()
    .from(messages)
    .where(inArray(messages.id, [...ids]))
    .orderBy(asc(messages.id))
    .all()
}

export function updateMessage(db: Db, id: number, values: Partial<Omit<MessageRow, 'id'>>): void {
  db.update(messages).set(values).where(eq(messages.id, id)).run()
}

/** Transcript rows with `afterId < id <= toId`, oldest first; notes are left out. */
export function listTranscript(db: Db, clientId: number, range: { afterId: number; toId?: number }): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        gt(messages.id, range.afterId),
        range.toId === undefined ? undefined : lte(messages.id, range.toId),
        inArray(messages.direction, ['in', 'out', 'bot']),
      ),
    )
    .orderBy(asc(messages.id))
    .all()
}

/** The newest transcript row id of the client (0 when there is none). */
export function lastMessageId(db: Db, clientId: number): number {
  return (
    db
      .select({ id: max(messages.id) })
      .from(messages)
      .where(eq(messages.clientId, clientId))
      .get()?.id ?? 0
  )
}

/** Every row of the client's transcript, notes included, oldest first. */
export function listClientMessages(db: Db, clientId: number): MessageRow[] {
  return db.select().from(messages).where(eq(messages.clientId, clientId)).orderBy(asc(messages.id)).all()
}

/** Internal notes, newest first. */
export function listNotes(db: Db, clientId: number, limit: number): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.direction, 'note')))
    .orderBy(desc(messages.id))
    .limit(limit)
    .all()
}
