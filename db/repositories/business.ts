/**
 * Telegram Business: connections of business accounts to the bot, and clients' chats with
 * those accounts (see `businessConnections` and `businessChats` in schema.ts).
 */
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type BusinessChatRow, type BusinessConnectionRow, businessChats, businessConnections } from '../schema.ts'

export function findBusinessConnection(db: Db, id: string): BusinessConnectionRow | undefined {
  return db.select().from(businessConnections).where(eq(businessConnections.id, id)).get()
}

export function listBusinessConnections(db: Db): BusinessConnectionRow[] {
  return db.select().from(businessConnections).orderBy(asc(businessConnections.connectedAt)).all()
}

/** Stores the connection as Telegram describes it now. */
export function saveBusinessConnection(db: Db, row: BusinessConnectionRow): BusinessConnectionRow {
  const { id: _, connectedAt: __, ...changes } = row
  return db
    .insert(businessConnections)
    .values(row)
    .onConflictDoUpdate({ target: businessConnections.id, set: changes })
    .returning()
    .get()
}

/** The client wrote to a business account: that chat is theirs, written to `now`. */
export function noteBusinessChat(db: Db, clientId: number, connectionId: string, now: number): BusinessChatRow {
  return db
    .insert(businessChats)
    .values({ clientId, connectionId, lastInAt: now, createdAt: now })
    .onConflictDoUpdate({ target: businessChats.clientId, set: { connectionId, lastInAt: now } })
    .returning()
    .get()
}

export function findBusinessChat(db: Db, clientId: number): BusinessChatRow | undefined {
  return db.select().from(businessChats).where(eq(businessChats.clientId, clientId)).get()
}
