/**
 * The persistent outbox: Bot API work written down before it is attempted and
 * delivered in order per lane (one chat and one client). Statuses:
 * pending → sending (written right before the call) → sent | failed, or back
 * to pending with a `not_before` after a 429 or a transient error.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { outbox } from '../schema.ts'

export type OutboxRow = typeof outbox.$inferSelect

export interface NewOutboxRow {
  chatId: number
  clientId?: number | null
  method: string
  payload: unknown
  messageRowId?: number | null
  notBefore: number
}

const p = sql.placeholder
/** Every relayed message and every staff-group post goes through these: prepared once per connection. */
const statements = perConnection((db) => {
  const lanes = db
    .select({ id: sql<number>`min(${outbox.id})`.as('head_id'), unfinished: sql<number>`count(*)`.as('unfinished') })
    .from(outbox)
    // Written out, not bound: only then may SQLite read the partial index of unfinished rows
    .where(sql`${outbox.status} in ('pending', 'sending')`)
    .groupBy(outbox.chatId, outbox.clientId)
    .as('lanes')
  const inLane = (clientId: 'null' | 'id') =>
    and(
      eq(outbox.chatId, p('chatId')),
      clientId === 'null' ? isNull(outbox.clientId) : eq(outbox.clientId, p('clientId')),
      eq(outbox.status, 'pending'),
      gt(outbox.id, p('id')),
    )
  const following = (clientId: 'null' | 'id') =>
    db.select().from(outbox).where(inLane(clientId)).orderBy(asc(outbox.id)).limit(p('limit')).prepare()
  return {
    insert: db
      .insert(outbox)
      .values({
        chatId: p('chatId'),
        clientId: p('clientId'),
        method: p('method'),
        payload: p('payload'),
        messageRowId: p('messageRowId'),
        notBefore: p('notBefore'),
        createdAt: p('createdAt'),
      })
      .returning()
      .prepare(),
    byId: db
      .select()
      .from(outbox)
      .where(eq(outbox.id, p('id')))
      .prepare(),
    laneHeads: db
      .select({ row: outbox, unfinished: lanes.unfinished })
      .from(outbox)
      .innerJoin(lanes, eq(outbox.id, lanes.id))
      .orderBy(asc(outbox.id))
      .prepare(),
    markSending: db
      .update(outbox)
      .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1` })
      .where(and(eq(outbox.id, p('id')), eq(outbox.status, 'pending')))
      .prepare(),
    markSent: db
      .update(outbox)
      .set({
        status: 'sent',
        resultMessageId: sql`${p('resultMessageId')}`,
        resultMessageIds: sql`${p('resultMessageIds')}`,
        lastError: null,
      })
      .where(eq(outbox.id, p('id')))
      .prepare(),
    followingNoClient: following('null'),
    followingOfClient: following('id'),
    // Unfinished rows only, the status written out: SQLite then reads the few rows of the
    // partial index of unfinished rows instead of the week of sent rows kept beside them
    queuesMessage: db
      .select({ status: outbox.status })
      .from(outbox)
      .where(
        sql`${outbox.status} in ('pending', 'sending') and (${outbox.messageRowId} = ${p('rowId')}
          or exists (select 1 from json_each(${outbox.payload}, '$.rowIds') where value = ${p('rowId')}))`,
      )
      .orderBy(sql`${outbox.status} = 'sending' desc`)
      .limit(1)
      .prepare(),
  }
})

/**
 * How many writes to `outbox` this connection made: every write goes through this module (the
 * erasure's delete included), so the engine knows the unfinished rows without reading them while
 * every write since it last did was its own (src/services/outbox.ts).
 */
const writeCount = perConnection((_db) => ({ n: 0 }))
export function outboxWrites(db: Db): number {
  return writeCount(db).n
}
function wrote(db: Db): void {
  writeCount(db).n++
}

export function insertOutbox(db: Db, row: NewOutboxRow, now: number): OutboxRow {
  wrote(db)
  return statements(db).insert.get({
    ...row,
    clientId: row.clientId ?? null,
    messageRowId: row.messageRowId ?? null,
    createdAt: now,
  }) as OutboxRow
}

export function findOutbox(db: Db, id: number): OutboxRow | undefined {
  return statements(db).byId.get({ id })
}

/**
 * A client's delivered posts of `method` whose payload asked for the claim button and
 * that no `followUp` row was written for yet (the button is still on them).
 */
export function sentClaimPosts(db: Db, clientId: number, method: string, followUp: string): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.clientId, clientId),
        eq(outbox.method, method),
        eq(outbox.status, 'sent'),
        sql`${outbox.resultMessageId} IS NOT NULL`,
        sql`json_extract(${outbox.payload}, '$.claim') = 1`,
        sql`NOT EXISTS (SELECT 1 FROM ${outbox} f WHERE f.method = ${followUp} AND f.client_id = ${clientId}
            AND json_extract(f.payload, '$.rowId') = ${outbox.id})`,
      ),
    )
    .orderBy(asc(outbox.id))
    .all()
}

/** The rows of `row`'s lane and method delivered before it (newest first, at most `limit`): their messages are in the chat. */
export function deliveredBefore(db: Db, row: Pick<OutboxRow, 'id' | 'chatId' | 'clientId' | 'method'>, limit: number) {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.chatId, row.chatId),
        row.clientId === null ? sql`${outbox.clientId} IS NULL` : eq(outbox.clientId, row.clientId),
        eq(outbox.method, row.method),
        eq(outbox.status, 'sent'),
        sql`${outbox.resultMessageId} IS NOT NULL`,
        sql`${outbox.id} < ${row.id}`,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all()
}

/** A client's posts of `method`, queued, under way or delivered, that `what` picks, the oldest first. */
function livePosts(db: Db, clientId: number, method: string, what: SQL): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.clientId, clientId),
        eq(outbox.method, method),
        inArray(outbox.status, ['pending', 'sending', 'sent']),
        what,
      ),
    )
    .orderBy(asc(outbox.id))
    .all()
}

/** A client's posts of `method`, queued, under way or delivered, that carry buttons of their own. */
export function postsWithButtons(db: Db, clientId: number, method: string): OutboxRow[] {
  return livePosts(db, clientId, method, sql`json_extract(${outbox.payload}, '$.buttons') IS NOT NULL`)
}

/** The client's posts of `method` that sum up invoice `orderId` (`StaffPostPayload.invoice`), queued or sent. */
export function invoicePosts(db: Db, clientId: number, method: string, orderId: number): OutboxRow[] {
  return livePosts(db, clientId, method, sql`json_extract(${outbox.payload}, '$.invoice') = ${orderId}`)
}

/**
 * The client's post of `method` delivered as message `messageId` of group `chatId` (what someone
 * there replied to), while its row is kept (a week).
 */
export function sentPostAt(
  db: Db,
  { clientId, chatId, messageId, method }: { clientId: number; chatId: number; messageId: number; method: string },
): OutboxRow | undefined {
  const delivered = sql`${outbox.status} = 'sent' and ${outbox.chatId} = ${chatId} and ${outbox.resultMessageId} = ${messageId}`
  return livePosts(db, clientId, method, delivered)[0]
}

/** A lane's first unfinished row, and how many unfinished rows the lane holds (the head among them). */
export interface LaneHead {
  row: OutboxRow
  unfinished: number
}

/**
 * The first unfinished row of every lane (chat + client), oldest first. Only a
 * lane's head may be sent, which keeps each client's messages in order while
 * one client's waiting album or failing topic never holds up another client.
 */
export function laneHeads(db: Db): LaneHead[] {
  return statements(db).laneHeads.all()
}

/** Rows a previous process left in 'sending': it died during the call. */
export function listSending(db: Db): OutboxRow[] {
  return db.select().from(outbox).where(eq(outbox.status, 'sending')).orderBy(asc(outbox.id)).all()
}

/** pending → sending, counting the attempt. False when the row is no longer pending. */
export function markOutboxSending(db: Db, id: number): boolean {
  wrote(db)
  return statements(db).markSending.run({ id }).changes === 1
}

/**
 * False when the row is gone: its client's data was erased during the call. `messageIds`:
 * every message the delivery put into the chat, when it was more than one (an album).
 */
export function markOutboxSent(
  db: Db,
  id: number,
  resultMessageId: number | null,
  messageIds?: readonly number[],
): boolean {
  wrote(db)
  const resultMessageIds = messageIds && messageIds.length > 1 ? JSON.stringify(messageIds) : null
  return statements(db).markSent.run({ id, resultMessageId, resultMessageIds }).changes === 1
}

/** Every message a delivered row put into its chat (an album's parts, a single message, or none). */
export function sentMessageIds(row: OutboxRow): number[] {
  return deliveredIds(row.resultMessageId, row.resultMessageIds)
}

/** Every message a delivery put into the chat: its albums' ids, else its one message, if any. */
export function deliveredIds(messageId: number | null, messageIds: readonly number[] | null | undefined): number[] {
  return messageIds ? [...messageIds] : messageId === null ? [] : [messageId]
}

export function markOutboxRetry(db: Db, id: number, notBefore: number, error: string): void {
  wrote(db)
  db.update(outbox).set({ status: 'pending', notBefore, lastError: error }).where(eq(outbox.id, id)).run()
}

export function markOutboxFailed(db: Db, id: number, error: string): void {
  wrote(db)
  db.update(outbox).set({ status: 'failed', lastError: error }).where(eq(outbox.id, id)).run()
}

/** A 429 holds the whole chat: no pending row of it is sent before `notBefore` (persisted across restarts). */
export function holdChat(db: Db, chatId: number, notBefore: number): void {
  wrote(db)
  db.update(outbox)
    .set({ notBefore })
    .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'pending'), lt(outbox.notBefore, notBefore)))
    .run()
}

/** Rows of one lane (a chat, and a client's messages in it) with this method. */
function inLane(lane: { chatId: number; clientId: number | null }, method: string): SQL {
  return and(
    eq(outbox.chatId, lane.chatId),
    lane.clientId === null ? isNull(outbox.clientId) : eq(outbox.clientId, lane.clientId),
    eq(outbox.method, method),
  ) as SQL
}

/** The newest pending row of a lane with this method (to merge album parts, to skip a duplicate card refresh). */
export function findPendingInLane(
  db: Db,
  lane: { chatId: number; clientId: number | null },
  method: string,
): OutboxRow | undefined {
  return db
    .select()
    .from(outbox)
    .where(and(inLane(lane, method), eq(outbox.status, 'pending')))
    .orderBy(sql`${outbox.id} desc`)
    .get()
}

/** The rows of a lane with this method written since `since` and not failed, newest first. */
export function findRecentInLane(
  db: Db,
  lane: { chatId: number; clientId: number | null },
  method: string,
  since: number,
): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(inLane(lane, method), gte(outbox.createdAt, since), ne(outbox.status, 'failed')))
    .orderBy(desc(outbox.id))
    .all()
}

/** The oldest unfinished row (pending, or being sent now) of a lane with this method. */
export function findOldestUnfinishedInLane(
  db: Db,
  lane: { chatId: number; clientId: number | null },
  method: string,
): OutboxRow | undefined {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        inLane(lane, method),
        // Written out, so SQLite reads the partial index of unfinished rows
        sql`${outbox.status} in ('pending', 'sending')`,
      ),
    )
    .orderBy(asc(outbox.id))
    .get()
}

/**
 * The unfinished rows (pending, or being sent now) of a whole chat, every lane's, oldest first:
 * what may go together with a row into one message of that chat (`takeFollowing`'s `inChat`).
 */
export function unfinishedInChat(db: Db, chatId: number, limit: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.chatId, chatId),
        // Written out, so SQLite reads the partial index of unfinished rows
        sql`${outbox.status} in ('pending', 'sending')`,
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all()
}

/**
 * Every unfinished row (pending, or being sent now), oldest first: read once as the outbox starts,
 * for the priorities the rows queued before it lend the rows ahead of them in their lanes.
 */
export function unfinishedRows(db: Db): OutboxRow[] {
  return (
    db
      .select()
      .from(outbox)
      // Written out, so SQLite reads the partial index of unfinished rows
      .where(sql`${outbox.status} in ('pending', 'sending')`)
      .orderBy(asc(outbox.id))
      .all()
  )
}

/** Pending rows queued after `row` in its lane, oldest first. */
export function followingInLane(db: Db, row: OutboxRow, limit: number): OutboxRow[] {
  const { followingNoClient, followingOfClient } = statements(db)
  return row.clientId === null
    ? followingNoClient.all({ chatId: row.chatId, id: row.id, limit })
    : followingOfClient.all({ chatId: row.chatId, clientId: row.clientId, id: row.id, limit })
}

/**
 * A row's payload rewritten while it is in one of `statuses` (by default still queued): false
 * when it is no longer. A delivered post's payload is what the edits that follow it render
 * (taking a button off renders its buttons from it).
 */
export function updateOutboxPayload(
  db: Db,
  id: number,
  payload: unknown,
  { notBefore, statuses = ['pending'] }: { notBefore?: number; statuses?: readonly OutboxRow['status'][] } = {},
): boolean {
  wrote(db)
  return (
    db
      .update(outbox)
      .set({ payload, ...(notBefore === undefined ? {} : { notBefore }) })
      .where(and(eq(outbox.id, id), inArray(outbox.status, [...statuses])))
      .run().changes === 1
  )
}

/**
 * Whether an unfinished row of the client's lane (`chatId`) is of one of `methods`, or of one
 * of `methodsBy` with a `by` in its payload (who on the team sent it).
 */
export function unfinishedOfKinds(
  db: Db,
  {
    clientId,
    chatId,
    methods,
    methodsBy,
  }: { clientId: number; chatId: number; methods: string[]; methodsBy: string[] },
): boolean {
  return (
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.chatId, chatId),
          eq(outbox.clientId, clientId),
          inArray(outbox.status, ['pending', 'sending']),
          or(
            inArray(outbox.method, methods),
            and(inArray(outbox.method, methodsBy), sql`json_extract(${outbox.payload}, '$.by') is not null`),
          ),
        ),
      )
      .limit(1)
      .get() !== undefined
  )
}

/**
 * Whether a row of the lane written at or after `since` is unfinished (pending, or being sent
 * now): what a request opened then brought to its topic is still on its way to the group.
 */
export function unfinishedInLaneSince(db: Db, lane: { chatId: number; clientId: number }, since: number): boolean {
  return (
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.chatId, lane.chatId),
          eq(outbox.clientId, lane.clientId),
          // Written out, so SQLite reads the partial index of unfinished rows
          sql`${outbox.status} in ('pending', 'sending')`,
          gte(outbox.createdAt, since),
        ),
      )
      .limit(1)
      .get() !== undefined
  )
}

/** Rows waiting to go into a chat (how busy a staff group is). */
export function countPending(db: Db, chatId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'pending')))
      .get()?.n ?? 0
  )
}

/**
 * A client moved to another staff group: what still waits for their old topic goes to the new one.
 * `rowId`: a row of theirs being sent there when they moved, whose call failed since — it goes too.
 */
export function moveLane(db: Db, clientId: number, fromChatId: number, toChatId: number, rowId?: number): number {
  wrote(db)
  const waiting = eq(outbox.status, 'pending')
  return db
    .update(outbox)
    .set({ chatId: toChatId })
    .where(
      and(
        eq(outbox.clientId, clientId),
        eq(outbox.chatId, fromChatId),
        rowId === undefined ? waiting : or(waiting, eq(outbox.id, rowId)),
      ),
    )
    .run().changes
}

/** The client's delivered rows that are still kept (a week), oldest first: what the bot put where. */
export function deliveredRowsOf(db: Db, clientId: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.clientId, clientId), eq(outbox.status, 'sent')))
    .orderBy(asc(outbox.id))
    .all()
}

/**
 * The delivered rows of chat `chatId` recorded as its message `messageId`, oldest first: a row and
 * those that went with it as that one message (an owner's alerts about several clients).
 */
export function rowsSentAs(db: Db, chatId: number, messageId: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'sent'), eq(outbox.resultMessageId, messageId)))
    .orderBy(asc(outbox.id))
    .all()
}

/**
 * Rows whose payload names this client among those it is about (`about`: a /find result, the
 * day's calls — posted in General or in another client's topic), whatever their status,
 * oldest first.
 */
export function rowsAbout(db: Db, clientId: number): OutboxRow[] {
  return db.select().from(outbox).where(aboutClient(clientId)).orderBy(asc(outbox.id)).all()
}

/**
 * Every kept row that answers a command (`payload.command`: a /find, an owner's list), whoever
 * it is about: an erasure reads what each was asked and says. Read through the whole table (sent
 * rows are kept a week, failed ones a month), on an erasure only.
 */
export function rowsAnsweringCommands(db: Db): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(sql`json_type(${outbox.payload}, '$.command') = 'object'`)
    .orderBy(asc(outbox.id))
    .all()
}

/** Forgets these rows (an erasure's: their payloads name the person). */
export function deleteOutboxRows(db: Db, ids: readonly number[]): void {
  if (ids.length === 0) return
  wrote(db)
  db.delete(outbox)
    .where(inArray(outbox.id, [...ids]))
    .run()
}

/**
 * /forget: every row for the person or their chat, or naming them among others, is deleted,
 * pending ones too (so nothing with their data is delivered).
 */
export function eraseOutboxOf(db: Db, { clientId, telegramId }: { clientId: number; telegramId: number | null }): void {
  wrote(db)
  db.delete(outbox)
    .where(
      or(
        eq(outbox.clientId, clientId),
        telegramId === null ? undefined : eq(outbox.chatId, telegramId),
        aboutClient(clientId),
      ),
    )
    .run()
}

/** The payload's `about` list holds this client. */
export function aboutClient(clientId: number): SQL {
  return sql`exists (select 1 from json_each(${outbox.payload}, '$.about') where value = ${clientId})`
}

/** Rows per status (tests, benches, stats). */
export function countOutbox(db: Db): Record<OutboxRow['status'], number> {
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 }
  for (const row of db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.status)
    .all()) {
    counts[row.status] = row.n
  }
  return counts
}

/**
 * True when a row waiting or being sent carries this transcript row, alone or as part of an
 * album (a delivered one has linked the row to its copy: the row itself says so).
 */
export function outboxQueuesMessage(db: Db, messageRowId: number): boolean {
  return outboxQueueOf(db, messageRowId) !== undefined
}

/**
 * How far the unfinished rows carrying this transcript row are: 'sending' when one is in its
 * call now (its copy may be made already, with the text the message had then), 'pending' when
 * they all wait, undefined when none is left.
 */
export function outboxQueueOf(db: Db, messageRowId: number): 'pending' | 'sending' | undefined {
  return statements(db).queuesMessage.get({ rowId: messageRowId })?.status as 'pending' | 'sending' | undefined
}

/**
 * Whether a history of the client's chat waiting to go into their topic (`method`: the
 * transcript's kind) covers this transcript row: it is rendered when sent, so it will show the
 * row as it is then. One in its call now may have been rendered already: not counted.
 */
export function transcriptWaitsFor(db: Db, clientId: number, method: string, messageRowId: number): boolean {
  return (
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.clientId, clientId),
          eq(outbox.method, method),
          eq(outbox.status, 'pending'),
          sql`json_extract(${outbox.payload}, '$.afterId') < ${messageRowId}`,
          sql`json_extract(${outbox.payload}, '$.toId') >= ${messageRowId}`,
        ),
      )
      .limit(1)
      .get() !== undefined
  )
}

/** Forgets delivered rows created before `sentBefore` and failed ones before `failedBefore`; returns how many. */
export function pruneOutbox(
  db: Db,
  { sentBefore, failedBefore }: { sentBefore: number; failedBefore: number },
): number {
  wrote(db)
  return db
    .delete(outbox)
    .where(
      sql`(${outbox.status} = 'sent' and ${outbox.createdAt} < ${sentBefore}) or (${outbox.status} = 'failed' and ${outbox.createdAt} < ${failedBefore})`,
    )
    .run().changes
}
