/**
 * The transcript: what the client sent ('in'), what staff sent them ('out'),
 * what the bot said ('bot') and internal notes ('note'). It is also the map
 * between a message in the client's chat and its copy in the staff topic.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  max,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { Db } from '../client.ts'
import { keptUntilWrite, perConnection } from '../prepared.ts'
import { type MessageRow, messages, type TopicNote } from '../schema.ts'

export type MessageDirection = MessageRow['direction']
export type NewMessage = Omit<MessageRow, 'id' | 'editedAt' | 'deletedAt' | 'businessConnectionId' | 'entities'> & {
  editedAt?: number | null
  businessConnectionId?: string | null
  entities?: unknown[] | null
}

const p = sql.placeholder
/** Every update and every message sent to a client writes or looks up a transcript row. */
const statements = perConnection((db) => ({
  insert: db
    .insert(messages)
    .values({
      clientId: p('clientId'),
      direction: p('direction'),
      senderId: p('senderId'),
      type: p('type'),
      text: p('text'),
      fileId: p('fileId'),
      clientMessageId: p('clientMessageId'),
      businessConnectionId: p('businessConnectionId'),
      topicMessageId: p('topicMessageId'),
      mediaGroupId: p('mediaGroupId'),
      entities: p('entities'),
      createdAt: p('createdAt'),
      editedAt: p('editedAt'),
    })
    .returning()
    .prepare(),
  byClientMessageId: db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.clientId, p('clientId')),
        eq(messages.clientMessageId, p('messageId')),
        // The chat: null (the bot's own) matches null only
        sql`${messages.businessConnectionId} IS ${p('chat')}`,
      ),
    )
    .orderBy(asc(messages.id))
    .limit(1)
    .prepare(),
  /** `findBotLine`: the bot's latest line for its message, not the first row of any direction. */
  botLine: db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.clientId, p('clientId')),
        eq(messages.clientMessageId, p('messageId')),
        eq(messages.direction, 'bot'),
        sql`${messages.businessConnectionId} IS ${p('chat')}`,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1)
    .prepare(),
  byId: db
    .select()
    .from(messages)
    .where(eq(messages.id, p('id')))
    .prepare(),
  // The bot edits its own quiz and booking messages at every step: one statement, not a lookup
  // and an update. In place — in the message's latest line of the history — when nothing came
  // after that line, or when the edit keeps what it said (a tick under a question); otherwise
  // it changes nothing here, and the edit is a new line (see editBotMessage)
  editBot: db
    .update(messages)
    .set({ text: sql`${p('text')}`, editedAt: sql`${p('editedAt')}` })
    .where(
      and(
        sql`${messages.id} = (select max(m.id) from ${messages} m where m.client_id = ${p('clientId')}
              and m.client_message_id = ${p('messageId')} and m.business_connection_id is ${p('chat')}
              and m.direction = 'bot')`,
        sql`(substr(${p('text')}, 1, length(coalesce(${messages.text}, ''))) = coalesce(${messages.text}, '')
              or not exists (select 1 from ${messages} later where later.client_id = ${p('clientId')}
                and later.created_at >= ${messages.createdAt} and later.id > ${messages.id}))`,
      ),
    )
    .prepare(),
  byTopicMessageId: db
    .select()
    .from(messages)
    .where(and(eq(messages.clientId, p('clientId')), eq(messages.topicMessageId, p('messageId'))))
    .orderBy(asc(messages.id))
    .limit(1)
    .prepare(),
}))

/** What `lastMessageToClient` reads of a row. */
type LastToClient = Pick<
  MessageRow,
  'id' | 'direction' | 'text' | 'clientMessageId' | 'businessConnectionId' | 'createdAt' | 'editedAt'
>
/** The columns of a row `lastMessageToClient` reads: a change to another (a copy's id in the topic) changes nothing of it. */
const LAST_TO_CLIENT_COLUMNS: ReadonlySet<string> = new Set([
  'clientId',
  'direction',
  'text',
  'clientMessageId',
  'businessConnectionId',
  'createdAt',
  'editedAt',
])
const isToClient = (direction: string) => direction === 'bot' || direction === 'out'

/**
 * Each client's last message to them, by anyone and by the bot alone (`lastMessageToClient`
 * without `beforeId`): asked of every text they type, kept until a write that may change it — a
 * message to the client written, edited, turned into a note, deleted. What the client writes
 * (most of what is written) and its copy's id in the topic change nothing of it. Every write
 * to `messages` goes through this module, the erasure's delete included.
 */
const lastSinceWrite = [keptUntilWrite<number, LastToClient>(), keptUntilWrite<number, LastToClient>()] as const
const lastKept = (byBot: boolean) => lastSinceWrite[byBot ? 1 : 0]
/** A message to the client written or changed (a row of another direction changes nothing). */
function wroteToClient(db: Db, clientId: number): void {
  for (const kept of lastSinceWrite) kept.wroteFor(db, clientId)
}
/**
 * Row `id` is about to change (`values`): its client's last message to them may. Returns what to
 * call once it did: a kept last message whose own columns changed (a staff answer's id in the
 * client's chat, once delivered; an edit's text) is kept as written.
 */
function wroteRow(db: Db, id: number, values: Partial<Omit<MessageRow, 'id'>>): () => void {
  const none = () => {}
  if (!Object.keys(values).some((column) => LAST_TO_CLIENT_COLUMNS.has(column))) return none
  // Made a message to a client (a note back to an answer) or moved: whose, only the row knows
  if (values.clientId !== undefined || (values.direction !== undefined && isToClient(values.direction))) {
    for (const kept of lastSinceWrite) kept.wrote(db)
    return none
  }
  const found = lastSinceWrite.map((kept) => kept.find(db, (row) => row.id === id))
  for (const kept of lastSinceWrite) kept.wroteRows(db, (row) => row.id === id)
  // Made something else (a note): no longer a message to the client, read again
  if (values.direction !== undefined) return none
  return () => {
    for (const [i, kept] of lastSinceWrite.entries()) {
      const was = found[i]
      if (was === undefined) continue
      const row = { ...was.row }
      for (const column of LAST_TO_CLIENT_COLUMNS) {
        const value = values[column as keyof typeof values]
        if (value !== undefined && column in row) Object.assign(row, { [column]: value })
      }
      kept.keepWritten(db, was.key, row)
    }
  }
}

/**
 * A message to the client just inserted: the newest of their rows, so their last one from now on
 * (once it commits), known without reading it — the client's next typed text asks for it.
 */
function insertedToClient(db: Db, row: MessageRow | undefined): void {
  if (row === undefined || !isToClient(row.direction)) return
  const { id, direction, text, clientMessageId, businessConnectionId, createdAt, editedAt } = row
  const last = { id, direction, text, clientMessageId, businessConnectionId, createdAt, editedAt }
  lastKept(false).keepWritten(db, row.clientId, last)
  if (direction === 'bot') lastKept(true).keepWritten(db, row.clientId, last)
}

export function insertMessage(db: Db, row: NewMessage): MessageRow {
  if (isToClient(row.direction)) wroteToClient(db, row.clientId)
  const inserted = statements(db).insert.get({
    ...row,
    editedAt: row.editedAt ?? null,
    businessConnectionId: row.businessConnectionId ?? null,
    entities: row.entities ?? null,
  }) as MessageRow
  insertedToClient(db, inserted)
  return inserted
}

/**
 * Inserts a message of the client's chat unless that chat already has a row for its
 * message id — a re-delivered update, a call sent again, a staff answer already recorded
 * as itself: one statement for both, as every message to and from a client passes here.
 * The new row, or undefined when it was there.
 */
export function insertMessageOnce(
  db: Db,
  row: Pick<MessageRow, 'clientId' | 'senderId' | 'type' | 'text' | 'fileId' | 'mediaGroupId' | 'createdAt'> & {
    direction: 'in' | 'out' | 'bot'
    clientMessageId: number
    chat: ClientChatRef
    entities: unknown[] | null
  },
): MessageRow | undefined {
  if (isToClient(row.direction)) wroteToClient(db, row.clientId)
  const inserted = once(db).get({
    clientId: row.clientId,
    direction: row.direction,
    senderId: row.senderId,
    type: row.type,
    text: row.text,
    fileId: row.fileId,
    messageId: row.clientMessageId,
    chat: row.chat,
    mediaGroupId: row.mediaGroupId,
    entities: row.entities === null ? null : JSON.stringify(row.entities),
    createdAt: row.createdAt,
  })
  insertedToClient(db, inserted)
  return inserted
}

/**
 * The values are in the table's column order: drizzle names every column, so a column
 * added later makes this fail to prepare rather than put a value in the wrong place.
 */
const once = perConnection((db) =>
  db
    .insert(messages)
    .select(
      sql`select null, ${p('clientId')}, ${p('direction')}, ${p('senderId')}, ${p('type')}, ${p('text')},
                 ${p('fileId')}, ${p('messageId')}, ${p('chat')}, null, ${p('mediaGroupId')}, ${p('entities')},
                 ${p('createdAt')}, null, null
           where not exists (select 1 from messages where client_id = ${p('clientId')}
                               and client_message_id = ${p('messageId')} and business_connection_id is ${p('chat')})`,
    )
    .returning()
    .prepare(),
)

export function findMessage(db: Db, id: number): MessageRow | undefined {
  return statements(db).byId.get({ id })
}

/**
 * Which of the client's chats a message id is in: null for their chat with the bot, or the
 * business connection of the owner's account they write to (its ids are numbered apart).
 */
export type ClientChatRef = string | null

/** A message in the client's chat (theirs or one sent to them), by its id there. */
export function findByClientMessageId(
  db: Db,
  clientId: number,
  chat: ClientChatRef,
  clientMessageId: number,
): MessageRow | undefined {
  return statements(db).byClientMessageId.get({ clientId, messageId: clientMessageId, chat })
}

/**
 * The latest line of the history for a message the bot sent into a client's chat: what it says
 * now (one edited into the next question after the client answered it is a new line, sent then:
 * `editBotMessage`). Undefined for a message that is not the bot's, or is no longer kept.
 */
export function findBotLine(
  db: Db,
  clientId: number,
  chat: ClientChatRef,
  clientMessageId: number,
): MessageRow | undefined {
  return statements(db).botLine.get({ clientId, messageId: clientMessageId, chat })
}

/**
 * The new text of a message the bot sent into a client's chat and has edited (none on record:
 * nothing changes). One that turned into something else after the client answered it (the
 * next question, a thank-you) is a new line of the history, after that answer: the history
 * reads in the order it happened, not "thanks" before the rating it thanks for.
 */
export function editBotMessage(
  db: Db,
  clientId: number,
  chat: ClientChatRef,
  clientMessageId: number,
  text: string,
  at: number,
): void {
  wroteToClient(db, clientId)
  const edited = statements(db).editBot.run({ clientId, messageId: clientMessageId, chat, text, editedAt: at })
  if (edited.changes > 0) return
  const sent = statements(db).byClientMessageId.get({ clientId, messageId: clientMessageId, chat })
  if (sent?.direction !== 'bot') return
  statements(db).insert.get({
    clientId,
    direction: 'bot',
    senderId: null,
    type: sent.type,
    text,
    fileId: sent.fileId,
    clientMessageId,
    businessConnectionId: chat,
    topicMessageId: null,
    mediaGroupId: null,
    entities: null,
    createdAt: at,
    editedAt: null,
  })
}

/** Messages of a business chat by their ids there, oldest first. */
export function listByClientMessageIds(
  db: Db,
  clientId: number,
  connectionId: string,
  clientMessageIds: readonly number[],
): MessageRow[] {
  if (clientMessageIds.length === 0) return []
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        eq(messages.businessConnectionId, connectionId),
        inArray(messages.clientMessageId, [...clientMessageIds]),
      ),
    )
    .orderBy(asc(messages.id))
    .all()
}

/** A message in the client's staff topic, by its id there. */
export function findByTopicMessageId(db: Db, clientId: number, topicMessageId: number): MessageRow | undefined {
  return statements(db).byTopicMessageId.get({ clientId, messageId: topicMessageId })
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

/** The managers' notes the client's topic holds: what /forget deletes there once the ids are gone. */
export function listTopicNotes(db: Db, clientId: number): TopicNote[] {
  const notes = db
    .select({ rowId: messages.id, topicMessageId: messages.topicMessageId })
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.direction, 'note'), isNotNull(messages.topicMessageId)))
    .orderBy(asc(messages.id))
    .all()
  // Never null: the query leaves those out
  return notes.map((n) => ({ rowId: n.rowId, topicMessageId: n.topicMessageId as number }))
}

/**
 * The client left their topic for another staff group: the ids of its messages stop
 * meaning anything. The new group numbers its messages on its own, so a manager's message
 * there would otherwise be taken for one of these (and dropped as already relayed).
 */
export function forgetTopicMessageIds(db: Db, clientId: number): void {
  db.update(messages)
    .set({ topicMessageId: null })
    .where(and(eq(messages.clientId, clientId), isNotNull(messages.topicMessageId)))
    .run()
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

/** One prepared update per set of columns (a relay sets the topic's message id, a bot edit the text). */
const updates = perConnection(() => new Map<string, { run(params: Record<string, unknown>): unknown }>())

export function updateMessage(db: Db, id: number, values: Partial<Omit<MessageRow, 'id'>>): void {
  const columns = Object.keys(values)
    .filter((k) => values[k as keyof typeof values] !== undefined)
    .sort()
  if (columns.length === 0) return
  const written = wroteRow(db, id, values)
  const key = columns.join(',')
  let statement = updates(db).get(key)
  if (!statement) {
    // Transcript columns are plain numbers and strings, but for the formatting's JSON (encoded below)
    const set = Object.fromEntries(columns.map((c) => [c, sql`${p(c)}`]))
    statement = db
      .update(messages)
      .set(set)
      .where(eq(messages.id, p('id')))
      .prepare()
    updates(db).set(key, statement)
  }
  statement.run({ ...values, ...(values.entities ? { entities: JSON.stringify(values.entities) } : {}), id })
  written()
}

/**
 * Whether the client said or chose (a button they pressed) more than `count` things, /start aside:
 * the bot's words (its greeting, a broadcast) are no conversation of theirs. A few rows read at
 * most: the search stops at the `count + 1`-th, and a client's rows come first in their index.
 */
export function clientSaidMoreThan(db: Db, clientId: number, count: number): boolean {
  const rows = db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        eq(messages.direction, 'in'),
        sql`not (${messages.type} = 'text' and (${messages.text} = '/start' or ${messages.text} like '/start %'))`,
      ),
    )
    .limit(count + 1)
    .all()
  return rows.length > count
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

/**
 * The last message the client was sent, by the bot or by a person (a manager's answer, the
 * owner writing from their own account): who sent it, its text, when, and where it is in their
 * chat. `byBot`: the bot's last, whoever wrote after it; `beforeId`: the last one before that row.
 */
export function lastMessageToClient(
  db: Db,
  clientId: number,
  { byBot = false, beforeId }: { byBot?: boolean; beforeId?: number } = {},
):
  | Pick<
      MessageRow,
      'id' | 'direction' | 'text' | 'clientMessageId' | 'businessConnectionId' | 'createdAt' | 'editedAt'
    >
  | undefined {
  const last = lastToClient(db)
  if (beforeId !== undefined) return (byBot ? last.byBotBefore : last.anyBefore).get({ clientId, beforeId })
  const kept = lastKept(byBot)
  const known = kept.get(db, clientId)
  if (known !== undefined) return known ?? undefined
  return kept.keep(db, clientId, (byBot ? last.byBot : last.any).get({ clientId }))
}

/** /forget: the client's transcript is deleted. */
export function eraseTranscript(db: Db, clientId: number): void {
  wroteToClient(db, clientId)
  db.delete(messages).where(eq(messages.clientId, clientId)).run()
}

/**
 * `lastMessageToClient`'s four shapes, prepared once: every typed text of a client is asked
 * whether it answers the bot's last question (built per call, the query cost more than the
 * rest of a relayed message's reading).
 */
const lastToClient = perConnection((db) => {
  const shaped = (byBot: boolean, before: boolean) =>
    db
      .select({
        id: messages.id,
        direction: messages.direction,
        text: messages.text,
        clientMessageId: messages.clientMessageId,
        businessConnectionId: messages.businessConnectionId,
        createdAt: messages.createdAt,
        editedAt: messages.editedAt,
      })
      .from(messages)
      .where(
        and(
          eq(messages.clientId, p('clientId')),
          inArray(messages.direction, byBot ? ['bot'] : ['bot', 'out']),
          before ? lt(messages.id, p('beforeId')) : undefined,
        ),
      )
      .orderBy(desc(messages.id))
      .limit(1)
      .prepare()
  return {
    any: shaped(false, false),
    anyBefore: shaped(false, true),
    byBot: shaped(true, false),
    byBotBefore: shaped(true, true),
  }
})

/** Every row of the client's transcript, notes included, oldest first. */
export function listClientMessages(db: Db, clientId: number): MessageRow[] {
  return db.select().from(messages).where(eq(messages.clientId, clientId)).orderBy(asc(messages.id)).all()
}

/**
 * Whether a row of the client's transcript is theirs to see (what /mydata gives): all but the
 * team's notes and the team's answers deleted in their chat (taken back with /unsend, or deleted
 * in the owner's Business chat) — they no longer have those, and one taken back may hold someone
 * else's data, the reason it was. `countClientMessages` counts by the same rule.
 */
export function theirsToSee(row: Pick<MessageRow, 'direction' | 'deletedAt'>): boolean {
  return row.direction !== 'note' && !(row.direction === 'out' && row.deletedAt !== null)
}

/** How many rows of the client's transcript are theirs to see (`theirsToSee`). */
export function countClientMessages(db: Db, clientId: number): number {
  return (
    db
      .select({ n: count() })
      .from(messages)
      .where(
        and(
          eq(messages.clientId, clientId),
          ne(messages.direction, 'note'),
          or(ne(messages.direction, 'out'), isNull(messages.deletedAt)),
        ),
      )
      .get()?.n ?? 0
  )
}

/** The parts of a staff album sent to the client (`mediaGroupId`), in order. */
export function listStaffAlbum(db: Db, clientId: number, mediaGroupId: string): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.mediaGroupId, mediaGroupId), eq(messages.direction, 'out')))
    .orderBy(asc(messages.id))
    .all()
}

/** Whether a staff album of this client's topic is a note: one of its parts is (its "// …" caption). */
export function albumIsNote(db: Db, clientId: number, mediaGroupId: string): boolean {
  return (
    db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(eq(messages.clientId, clientId), eq(messages.mediaGroupId, mediaGroupId), eq(messages.direction, 'note')),
      )
      .get() !== undefined
  )
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

/**
 * Who else on the team answered the client (`direction` 'out': a message, a saved reply, the owner's
 * own in a Business chat) after `since` and before the answer `beforeId`: the newest such answer's
 * author, other than `senderId`.
 */
export function otherAnswerSince(
  db: Db,
  clientId: number,
  { senderId, since, beforeId }: { senderId: number; since: number; beforeId: number },
): number | undefined {
  const row = db
    .select({ senderId: messages.senderId })
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        eq(messages.direction, 'out'),
        gte(messages.createdAt, since),
        lt(messages.id, beforeId),
        isNotNull(messages.senderId),
        ne(messages.senderId, senderId),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1)
    .get()
  return row?.senderId ?? undefined
}

/**
 * Whether the client wrote or pressed a button in the bot's own chat after `since` (the
 * transcript keeps each press's chat too).
 */
export function inBotChatSince(db: Db, clientId: number, since: number): boolean {
  return anyMessage(
    db,
    and(
      eq(messages.clientId, clientId),
      eq(messages.direction, 'in'),
      isNull(messages.businessConnectionId),
      gt(messages.createdAt, since),
    ),
  )
}

/**
 * Whether a message came into the client's chat `chat` below message `clientMessageId` there:
 * theirs, the bot's or a person's (the ids of a chat grow, both sides sharing them). A pressed
 * button is no message of the chat, nor is a new text of an older message.
 */
export function anyMessageBelow(db: Db, clientId: number, chat: ClientChatRef, clientMessageId: number): boolean {
  return anyMessage(
    db,
    and(
      eq(messages.clientId, clientId),
      chat === null ? isNull(messages.businessConnectionId) : eq(messages.businessConnectionId, chat),
      gt(messages.clientMessageId, clientMessageId),
    ),
  )
}

/**
 * Whether a person (a manager, the owner from their own account) wrote to the client after the
 * client's first message or press below message `clientMessageId` of their chat `chat`: the
 * conversation went on past that message. False when the transcript does not have it.
 */
export function teamWroteAfterClientBelow(
  db: Db,
  clientId: number,
  chat: ClientChatRef,
  clientMessageId: number,
): boolean {
  const asked = findByClientMessageId(db, clientId, chat, clientMessageId)
  if (!asked) return false
  const answered = db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.direction, 'in'), gt(messages.id, asked.id)))
    .orderBy(asc(messages.id))
    .limit(1)
    .get()
  if (!answered) return false
  return anyMessage(
    db,
    and(eq(messages.clientId, clientId), eq(messages.direction, 'out'), gt(messages.id, answered.id)),
  )
}

/** Whether any transcript row matches `where` (the first one found is enough). */
function anyMessage(db: Db, where: SQL | undefined): boolean {
  return db.select({ id: messages.id }).from(messages).where(where).limit(1).get() !== undefined
}

/**
 * Whether `senderId` wrote to the client in the chat of Business connection `connectionId` at
 * or after `since` (the owner's own account: typed on their phone, or a topic answer sent from it).
 */
export function wroteInBusinessChat(
  db: Db,
  {
    clientId,
    senderId,
    connectionId,
    since,
  }: { clientId: number; senderId: number; connectionId: string; since: number },
): boolean {
  return anyMessage(
    db,
    and(
      eq(messages.clientId, clientId),
      gte(messages.createdAt, since),
      eq(messages.direction, 'out'),
      eq(messages.senderId, senderId),
      eq(messages.businessConnectionId, connectionId),
    ),
  )
}

/**
 * The chat the client last wrote or pressed a button in before message row `beforeId` (null:
 * the bot's chat, else the Business connection's); undefined when they did nothing before it.
 */
export function chatWrittenBefore(db: Db, clientId: number, beforeId: number): string | null | undefined {
  const row = db
    .select({ chat: messages.businessConnectionId })
    .from(messages)
    .where(and(eq(messages.clientId, clientId), eq(messages.direction, 'in'), lt(messages.id, beforeId)))
    .orderBy(desc(messages.id))
    .limit(1)
    .get()
  return row === undefined ? undefined : row.chat
}

/**
 * When the client first wrote after `after` (a message, not a button): what an answer written at
 * `after` cannot have answered. With `unseenSince`, for an answer typed in the topic, also what
 * they wrote since then that had not reached the topic yet (queued behind a busy group's 20
 * messages a minute): staff answered without it. Undefined when they have not.
 */
export function firstWrittenAfter(db: Db, clientId: number, after: number, unseenSince?: number): number | undefined {
  // Written before it but still on its way to the topic (a relay row of the outbox carries it,
  // unfinished): the answer typed there cannot have been to it either
  const unseen =
    unseenSince === undefined
      ? undefined
      : and(
          gte(messages.createdAt, unseenSince),
          isNull(messages.topicMessageId),
          sql`exists (select 1 from outbox where outbox.client_id = ${messages.clientId}
            and outbox.message_row_id = ${messages.id} and outbox.method = 'relay_in'
            and outbox.status in ('pending', 'sending'))`,
        )
  return db
    .select({ at: messages.createdAt })
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        eq(messages.direction, 'in'),
        unseen ? or(gt(messages.createdAt, after), unseen) : gt(messages.createdAt, after),
        ne(messages.type, 'button'),
      ),
    )
    .orderBy(asc(messages.id))
    .limit(1)
    .get()?.at
}

/**
 * When the team last wrote to the client in their topic after `after`: a staff message typed
 * there, or one of the owner's from their own chat copied there already (`below`: above topic
 * message `below` — ids in a chat grow). A message of the client's written at `after` and reaching
 * the topic only now (or as message `below`) comes under it, though it was written first.
 * Undefined when there is none.
 */
export function teamInTopicAfter(db: Db, clientId: number, after: number, below?: number): number | undefined {
  return db
    .select({ at: messages.createdAt })
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        eq(messages.direction, 'out'),
        gt(messages.createdAt, after),
        below === undefined ? isNotNull(messages.topicMessageId) : lt(messages.topicMessageId, below),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1)
    .get()?.at
}

/**
 * The client's first message written at or after `since` (not a button press) whose copy is in
 * their topic: the message a wait since then is for, as staff find it there. Undefined when
 * none is.
 */
export function firstInTopicSince(db: Db, clientId: number, since: number): MessageRow | undefined {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        eq(messages.direction, 'in'),
        gte(messages.createdAt, since),
        ne(messages.type, 'button'),
        isNotNull(messages.topicMessageId),
      ),
    )
    .orderBy(asc(messages.id))
    .limit(1)
    .get()
}

/** How many messages (and button presses) the client sent after the transcript row `afterId`. */
export function countIncomingAfter(db: Db, clientId: number, afterId: number): number {
  return incomingAfter(db).get({ clientId, afterId })?.n ?? 0
}

/** `countIncomingAfter`, prepared once: a typed yes or no under a question asks it. */
const incomingAfter = perConnection((db) =>
  db
    .select({ n: count() })
    .from(messages)
    .where(and(eq(messages.clientId, p('clientId')), gt(messages.id, p('afterId')), eq(messages.direction, 'in')))
    .prepare(),
)

/**
 * The client's newest texts and shared contacts (their own messages, not buttons), newest first,
 * at most `limit`: where a number they gave lately is (`ClientsService.lastPhoneGiven`).
 */
export function recentTextsFromClient(
  db: Db,
  clientId: number,
  limit: number,
): Pick<MessageRow, 'type' | 'text' | 'createdAt'>[] {
  return db
    .select({ type: messages.type, text: messages.text, createdAt: messages.createdAt })
    .from(messages)
    .where(
      and(
        eq(messages.clientId, clientId),
        eq(messages.direction, 'in'),
        inArray(messages.type, ['text', 'contact']),
        isNotNull(messages.text),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(limit)
    .all()
}
