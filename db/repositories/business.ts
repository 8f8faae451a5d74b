/**
 * Telegram Business: connections of business accounts to the bot, and clients' chats with
 * those accounts (see `businessConnections` and `businessChats` in schema.ts).
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { keptUntilWrite, perConnection } from '../prepared.ts'
import {
  type BusinessChatRow,
  type BusinessConnectionRow,
  businessChats,
  businessConnections,
  type ClientRow,
  clients,
  handoffs,
} from '../schema.ts'
import { ACTIVE_HANDOFF_STATUSES } from './handoffs.ts'

export function findBusinessConnection(db: Db, id: string): BusinessConnectionRow | undefined {
  return db.select().from(businessConnections).where(eq(businessConnections.id, id)).get()
}

export function listBusinessConnections(db: Db): BusinessConnectionRow[] {
  return db.select().from(businessConnections).orderBy(asc(businessConnections.connectedAt)).all()
}

/** Stores the connection as Telegram describes it now (`connectedAt`: as the service decided, see services/business.ts). */
export function saveBusinessConnection(db: Db, row: BusinessConnectionRow): BusinessConnectionRow {
  const { id: _, ...changes } = row
  return db
    .insert(businessConnections)
    .values(row)
    .onConflictDoUpdate({ target: businessConnections.id, set: changes })
    .returning()
    .get()
}

/**
 * Each client's chat with a business account (or that they have none), read on every update of a
 * client with a topic: kept until a write to that client's row, and every write to
 * `business_chats` goes through this module (the erasure's delete included).
 */
const chatsSinceWrite = keptUntilWrite<number, BusinessChatRow>()

/** The client wrote (`message`) or pressed a button in a business account's chat at `now`. */
export function noteBusinessChat(
  db: Db,
  clientId: number,
  connectionId: string,
  now: number,
  message: boolean,
): BusinessChatRow {
  chatsSinceWrite.wroteFor(db, clientId)
  const seen = { connectionId, lastSeenAt: now, ...(message ? { lastInAt: now } : {}) }
  return db
    .insert(businessChats)
    .values({ clientId, connectionId, lastInAt: message ? now : 0, lastSeenAt: now, createdAt: now })
    .onConflictDoUpdate({ target: businessChats.clientId, set: seen })
    .returning()
    .get()
}

/** Read on every update of a client with a topic (where their answers go, for their card): built once. */
const statements = perConnection((db) => ({
  chatOf: db
    .select()
    .from(businessChats)
    .where(eq(businessChats.clientId, sql.placeholder('clientId')))
    .prepare(),
}))

export function findBusinessChat(db: Db, clientId: number): BusinessChatRow | undefined {
  const known = chatsSinceWrite.get(db, clientId)
  if (known !== undefined) return known ?? undefined
  return chatsSinceWrite.keep(db, clientId, statements(db).chatOf.get({ clientId }))
}

/** /forget: which business account the client wrote to, and when, is deleted. */
export function eraseBusinessChat(db: Db, clientId: number): void {
  chatsSinceWrite.wroteFor(db, clientId)
  db.delete(businessChats).where(eq(businessChats.clientId, clientId)).run()
}

/** Clients with a chat with this business account, an open request and a topic. */
export function openRequestsInChatsOf(db: Db, connectionId: string): ClientRow[] {
  return db
    .selectDistinct({ client: clients })
    .from(businessChats)
    .innerJoin(clients, eq(clients.id, businessChats.clientId))
    .innerJoin(handoffs, eq(handoffs.clientId, businessChats.clientId))
    .where(
      and(
        eq(businessChats.connectionId, connectionId),
        isNull(clients.deletedAt),
        isNotNull(clients.topicId),
        inArray(handoffs.status, [...ACTIVE_HANDOFF_STATUSES]),
      ),
    )
    .orderBy(asc(businessChats.clientId))
    .all()
    .map((row) => row.client)
}
