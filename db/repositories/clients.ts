import { and, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../client.ts'
import { type ClientRow, clients, type Stage, staff } from '../schema.ts'

/**
 * Who counts as a client in exports and stats: a client row of someone who is not on
 * the team. Owners and managers who write to the bot get client rows like anyone (every
 * private chat does); the staff table lists them all, the OWNER_IDS owners included
 * (src/services/staff.ts). Rows without a client (null) and erased clients (no Telegram
 * id) pass. `clientId` is the column (or expression) holding the client's internal id.
 */
export function isClient(clientId: SQLiteColumn | SQL = clients.id): SQL {
  return sql`(${clientId} is null or ${clientId} not in (select c.id from ${clients} c join ${staff} s on s.telegram_id = c.telegram_id))`
}

export interface TelegramProfile {
  telegramId: number
  firstName: string | null
  lastName: string | null
  username: string | null
  languageCode: string | null
}

export function findClientById(db: Db, id: number): ClientRow | undefined {
  return db.select().from(clients).where(eq(clients.id, id)).get()
}

export function findClientByTelegramId(db: Db, telegramId: number): ClientRow | undefined {
  return db.select().from(clients).where(eq(clients.telegramId, telegramId)).get()
}

/**
 * Creates the client on first contact, otherwise refreshes the Telegram
 * profile and activity time. Returns the row and whether it was new.
 * A message from a client clears `blocked_at`: they evidently unblocked the bot.
 */
export function upsertClient(db: Db, profile: TelegramProfile, now: number): { client: ClientRow; created: boolean } {
  const existing = findClientByTelegramId(db, profile.telegramId)
  if (!existing) {
    const client = db
      .insert(clients)
      .values({
        telegramId: profile.telegramId,
        firstName: profile.firstName,
        lastName: profile.lastName,
        username: profile.username,
        createdAt: now,
        lastSeenAt: now,
      })
      .returning()
      .get()
    return { client, created: true }
  }
  const client = db
    .update(clients)
    .set({
      firstName: profile.firstName,
      lastName: profile.lastName,
      username: profile.username,
      lastSeenAt: now,
      blockedAt: null,
    })
    .where(eq(clients.id, existing.id))
    .returning()
    .get()
  return { client, created: false }
}

export function updateClient(db: Db, id: number, values: Partial<Omit<ClientRow, 'id'>>): ClientRow | undefined {
  return db.update(clients).set(values).where(eq(clients.id, id)).returning().get()
}

/** Sets the source/referrer only if neither was recorded before ("captured once"). */
export function setAttributionOnce(db: Db, id: number, attribution: { source?: string; referrerId?: number }): boolean {
  const res = db
    .update(clients)
    .set({ source: attribution.source ?? null, referrerId: attribution.referrerId ?? null })
    .where(and(eq(clients.id, id), isNull(clients.source), isNull(clients.referrerId)))
    .run()
  return res.changes > 0
}

export function setStage(db: Db, id: number, stage: Stage): void {
  db.update(clients).set({ stage }).where(eq(clients.id, id)).run()
}

export function markBlocked(db: Db, telegramId: number, now: number): void {
  db.update(clients)
    .set({ blockedAt: now })
    .where(and(eq(clients.telegramId, telegramId), isNull(clients.blockedAt)))
    .run()
}

/**
 * The client whose topic this is in a staff group (topic ids are per group). Clients
 * from before several groups have no group yet: theirs is `legacyGroup`.
 */
export function findClientByTopic(
  db: Db,
  groupId: number,
  topicId: number,
  legacyGroup: number,
): ClientRow | undefined {
  return db
    .select()
    .from(clients)
    .where(
      and(
        eq(clients.topicId, topicId),
        groupId === legacyGroup
          ? or(eq(clients.staffGroupId, groupId), isNull(clients.staffGroupId))
          : eq(clients.staffGroupId, groupId),
      ),
    )
    .get()
}

/**
 * The clients marketing may go to, as SQL: reachable (not erased, not blocked),
 * consented and not opted out — the same rule as `canReceiveMarketing` in
 * src/services/clients.ts. Broadcasts, re-engagement and greetings all use it.
 */
export function marketingAudience(): SQL {
  return and(
    isNotNull(clients.telegramId),
    isNull(clients.deletedAt),
    isNull(clients.blockedAt),
    isNotNull(clients.consentAt),
    isNull(clients.optOutAt),
  ) as SQL
}
