import { and, eq, getTableColumns, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../client.ts'
import { keptUntilWrite, perConnection } from '../prepared.ts'
import { type ClientRow, clients, type ForgetQuestion, type Stage } from '../schema.ts'
import { ACTIVE_REQUEST_ID, noActiveRequest } from './handoffs.ts'

/**
 * Who counts as a client in exports and stats: anyone who is not on the team. Owners
 * and managers who write to the bot get client rows like anyone (every private chat
 * does); the staff table lists them all, the OWNER_IDS owners included
 * (src/services/staff.ts). This subquery is the team's client rows, for queries
 * written in SQL (`c.id not in ${STAFF_CLIENT_IDS}`); `isClient` is the same rule
 * for drizzle queries. It reads the staff table and looks each member up by Telegram id
 * (CROSS JOIN keeps that order in SQLite): a few rows, where the other order scans every
 * client — once per statement, so once per batch of a broadcast's recipient list.
 */
export const STAFF_CLIENT_IDS = '(select sc.id from staff ss cross join clients sc on sc.telegram_id = ss.telegram_id)'

/** True for rows of a client (see STAFF_CLIENT_IDS) or of no client (null) at all. */
export function isClient(clientId: SQLiteColumn | SQL = clients.id): SQL {
  return sql`(${clientId} is null or ${clientId} not in ${sql.raw(STAFF_CLIENT_IDS)})`
}

export interface TelegramProfile {
  telegramId: number
  firstName: string | null
  lastName: string | null
  username: string | null
  languageCode: string | null
}

const p = sql.placeholder
/**
 * What the visit (a client's every update) returns: their row, and whether they have a request
 * open — asked by most updates (the menu, a message for the team or not), and known then
 * without a read of its own for the clients who have none (`noActiveRequest`).
 */
const visitReturns = { ...getTableColumns(clients), activeRequest: ACTIVE_REQUEST_ID }

/** The client row the visit returned; that they have no request open is kept as read. */
function visited(db: Db, { activeRequest, ...client }: ClientRow & { activeRequest: number | null }): ClientRow {
  if (activeRequest === null) noActiveRequest(db, client.id)
  return client
}

/** The look-ups and the upsert every private update makes, prepared once per connection. */
const statements = perConnection((db) => ({
  byId: db
    .select()
    .from(clients)
    .where(eq(clients.id, p('id')))
    .prepare(),
  byTelegramId: db
    .select()
    .from(clients)
    .where(eq(clients.telegramId, p('telegramId')))
    .prepare(),
  idByTelegramId: db
    .select({ id: clients.id })
    .from(clients)
    .where(eq(clients.telegramId, p('telegramId')))
    .prepare(),
  touch: db
    .update(clients)
    .set({
      firstName: sql`${p('firstName')}`,
      lastName: sql`${p('lastName')}`,
      username: sql`${p('username')}`,
      lastSeenAt: sql`${p('now')}`,
    })
    .where(eq(clients.telegramId, p('telegramId')))
    .returning(visitReturns)
    .prepare(),
  // Apart from the visit: only a blocked client's next update writes `blocked_at`, so a
  // visit leaves the marketing audience's index (clients_audience_idx) as it was
  unblock: db
    .update(clients)
    .set({ blockedAt: null })
    .where(eq(clients.id, p('id')))
    .returning()
    .prepare(),
  create: db
    .insert(clients)
    .values({
      telegramId: p('telegramId'),
      firstName: p('firstName'),
      lastName: p('lastName'),
      username: p('username'),
      createdAt: p('now'),
      lastSeenAt: p('now'),
    })
    .returning(visitReturns)
    .prepare(),
}))

/**
 * Counts writes to client rows through this module, per connection. Every write to the
 * `clients` table goes through here, so a row read earlier in the same update is still
 * current while this number is unchanged (see src/bot/middlewares/client.ts).
 */
const writes = new WeakMap<Db, number>()
export function clientWrites(db: Db): number {
  return writes.get(db) ?? 0
}
function wrote(db: Db): void {
  writes.set(db, clientWrites(db) + 1)
  rowsSinceWrite.wrote(db)
}

/** Client rows read by id (the relay, the topic, the night reply, the card each ask for one). */
const rowsSinceWrite = keptUntilWrite<number, ClientRow>()

export function findClientById(db: Db, id: number): ClientRow | undefined {
  const known = rowsSinceWrite.get(db, id)
  if (known) return known
  const row = statements(db).byId.get({ id })
  return row && rowsSinceWrite.keep(db, id, row)
}

export function findClientByTelegramId(db: Db, telegramId: number): ClientRow | undefined {
  return statements(db).byTelegramId.get({ telegramId })
}

/** Only the client's id (the transcript of every message the bot sends needs no more). */
export function findClientIdByTelegramId(db: Db, telegramId: number): number | undefined {
  return statements(db).idByTelegramId.get({ telegramId })?.id
}

/**
 * Creates the client on first contact, otherwise refreshes the Telegram
 * profile and activity time. Returns the row, whether it was new and whether it was unblocked:
 * a message from a client in their chat with the bot clears `blocked_at`, they evidently
 * unblocked the bot (`inBotChat` false: one in an owner's Business chat, which says nothing
 * of it). A returning client (nearly every update) costs one statement.
 */
export function upsertClient(
  db: Db,
  profile: TelegramProfile,
  now: number,
  inBotChat = true,
): { client: ClientRow; created: boolean; unblocked: boolean } {
  const values = {
    telegramId: profile.telegramId,
    firstName: profile.firstName,
    lastName: profile.lastName,
    username: profile.username,
    now,
  }
  return (
    touchExisting(db, values, inBotChat) ?? {
      client: visited(db, statements(db).create.get(values) as ClientRow & { activeRequest: null }),
      created: true,
      unblocked: false,
    }
  )
}

/**
 * As `upsertClient` for someone already a client; undefined (and nothing written) for anyone
 * else: a button pressed by someone the bot does not know (they erased their data) must not
 * make them a client again.
 */
export function touchClient(
  db: Db,
  profile: TelegramProfile,
  now: number,
  inBotChat = true,
): { client: ClientRow; created: false; unblocked: boolean } | undefined {
  const { telegramId, firstName, lastName, username } = profile
  return touchExisting(db, { telegramId, firstName, lastName, username, now }, inBotChat)
}

function touchExisting(
  db: Db,
  values: Pick<TelegramProfile, 'telegramId' | 'firstName' | 'lastName' | 'username'> & { now: number },
  inBotChat: boolean,
): { client: ClientRow; created: false; unblocked: boolean } | undefined {
  wrote(db)
  const touched = statements(db).touch.get(values)
  if (!touched) return undefined
  const client = visited(db, touched)
  const row =
    client.blockedAt === null || !inBotChat ? client : (statements(db).unblock.get({ id: client.id }) ?? client)
  // The row as it now is: the services this update passes through read it by id
  return { client: rowsSinceWrite.keep(db, row.id, row), created: false, unblocked: row !== client }
}

type ClientValues = Partial<Omit<ClientRow, 'id'>>
/**
 * One statement per set of columns written, prepared on first use: each caller writes its
 * own few columns (a new client's language, the consent question asked, the topic…), some
 * on every new client's first update, so their updates are prepared like the look-ups.
 * Each value is mapped as its column maps it (the placeholder stands for the column).
 */
const updatesOf = perConnection((db) => {
  const prepared = new Map<string, ReturnType<typeof prepareUpdate>>()
  function prepareUpdate(columns: readonly string[]) {
    const set = Object.fromEntries(columns.map((column) => [column, p(column)])) as unknown as ClientValues
    return db
      .update(clients)
      .set(set)
      .where(eq(clients.id, p('id')))
      .returning()
      .prepare()
  }
  return (columns: readonly string[]) => {
    const key = columns.join(',')
    let statement = prepared.get(key)
    if (statement === undefined) {
      statement = prepareUpdate(columns)
      prepared.set(key, statement)
    }
    return statement
  }
})

export function updateClient(db: Db, id: number, values: ClientValues): ClientRow | undefined {
  wrote(db)
  const given = Object.entries(values).filter(([, value]) => value !== undefined)
  const columns = given.map(([column]) => column).sort()
  return updatesOf(db)(columns).get({ ...Object.fromEntries(given), id })
}

/**
 * /forget's question now standing in the client's chat, or none (null: answered). Not through
 * `updateClient`: its prepared statement writes a JSON column's null as the text "null".
 */
export function setForgetQuestion(db: Db, id: number, question: ForgetQuestion | null): void {
  wrote(db)
  db.update(clients).set({ forgetQuestion: question }).where(eq(clients.id, id)).run()
}

/** Someone who left the team leads none of their clients (one statement, whoever they led). */
export function releaseClientsLedBy(db: Db, managerId: number): void {
  wrote(db)
  db.update(clients).set({ managerId: null }).where(eq(clients.managerId, managerId)).run()
}

/** Sets the source/referrer only if neither was recorded before ("captured once"). */
export function setAttributionOnce(db: Db, id: number, attribution: { source?: string; referrerId?: number }): boolean {
  wrote(db)
  const res = db
    .update(clients)
    .set({ source: attribution.source ?? null, referrerId: attribution.referrerId ?? null })
    .where(and(eq(clients.id, id), isNull(clients.source), isNull(clients.referrerId)))
    .run()
  return res.changes > 0
}

export function setStage(db: Db, id: number, stage: Stage): void {
  wrote(db)
  db.update(clients).set({ stage }).where(eq(clients.id, id)).run()
}

/** The id of the client now marked; undefined when there is none, or they were marked already. */
export function markBlocked(db: Db, telegramId: number, now: number): number | undefined {
  wrote(db)
  return db
    .update(clients)
    .set({ blockedAt: now })
    .where(and(eq(clients.telegramId, telegramId), isNull(clients.blockedAt)))
    .returning({ id: clients.id })
    .get()?.id
}

/**
 * /forget's last step (db/repositories/erasure.ts): the row keeps what identifies
 * nobody (id, stage, source, language, consent facts, dates) so counts stay right.
 */
export function anonymiseClient(db: Db, id: number, now: number): void {
  wrote(db)
  db.update(clients)
    .set({
      telegramId: null,
      firstName: null,
      lastName: null,
      username: null,
      displayName: null,
      phone: null,
      email: null,
      birthday: null,
      timezone: null,
      referrerId: null,
      staffGroupId: null,
      topicId: null,
      nightReplyBackAt: null,
      forgetQuestion: null,
      deletedAt: now,
    })
    .where(eq(clients.id, id))
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
 * Why an owner is told a client cannot get a broadcast the filter's conditions select them for:
 * `blocked` the bot, `optedOut` (withdrew their consent: /stop, Unsubscribe), `noConsent` (never
 * gave it: declined, or was never asked).
 */
export type LeftOut = 'blocked' | 'optedOut' | 'noConsent'

/**
 * The rule of who marketing may go to, term by term: reachable (not erased, not blocked),
 * consented and not opted out — the same rule as `canReceiveMarketing` in
 * src/services/clients.ts. `marketingAudience` is all of them; a broadcast's "🚫 … cannot get it"
 * (`segmentUnreachable`) is those who fail one, each under the `told` of the first they fail, so
 * the count and the reasons beside it cannot part. `told` is null for a term whose failure is
 * nobody to tell of: an erased client, or one never in a private chat with the bot. In the order
 * the owner is told them: blocked before opted out before no consent (a /stop before any answer
 * leaves no consent and an opt-out, and reads "unsubscribed").
 * SQLite may read the terms from `clients_audience_idx`; with `byIndex: false` they are
 * worded so that it reads the table instead (`+column` is the same value, but no index's).
 */
export function marketingTerms({ byIndex = true }: { byIndex?: boolean } = {}): ReadonlyArray<{
  holds: SQL
  told: LeftOut | null
}> {
  const present = (column: SQLiteColumn) => (byIndex ? isNotNull(column) : sql`+${column} is not null`)
  return [
    { holds: present(clients.telegramId), told: null },
    { holds: isNull(clients.deletedAt), told: null },
    { holds: isNull(clients.blockedAt), told: 'blocked' },
    { holds: isNull(clients.optOutAt), told: 'optedOut' },
    { holds: present(clients.consentAt), told: 'noConsent' },
  ]
}

/**
 * The clients marketing may go to, as SQL: every term of `marketingTerms`. Broadcasts,
 * re-engagement and greetings all use it.
 */
export function marketingAudience({ byIndex = true }: { byIndex?: boolean } = {}): SQL {
  return and(...marketingTerms({ byIndex }).map((term) => term.holds)) as SQL
}
