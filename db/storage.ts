import { eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { perConnection } from './prepared.ts'
import { kv } from './schema.ts'

const p = sql.placeholder
/** Conversations read (and often write) their state on every update. */
const statements = perConnection((db) => ({
  read: db
    .select({ value: kv.value })
    .from(kv)
    .where(eq(kv.key, p('key')))
    .prepare(),
  write: db
    .insert(kv)
    .values({ key: p('key'), value: p('value'), updatedAt: p('updatedAt') })
    .onConflictDoUpdate({ target: kv.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
    .prepare(),
  delete: db
    .delete(kv)
    .where(eq(kv.key, p('key')))
    .prepare(),
  /** Every key from `:from` up to (not including) `:to`, deleted; the keys come back. */
  deleteRange: db.$client.prepare<{ from: string; to: string }, { key: string }>(
    'delete from kv where key >= :from and key < :to returning key',
  ),
  /** A batch of this prefix's state last written before `before`, deleted; the keys come back. */
  prune: db.$client.prepare<{ before: number; prefix: string; limit: number }, { key: string }>(
    `delete from kv where rowid in (
       select rowid from kv where updated_at < :before and substr(key, 1, length(:prefix)) = :prefix limit :limit
     ) returning key`,
  ),
}))

/**
 * State last written this long ago belongs to a flow nobody will finish: every flow ends
 * after a day without an answer (ABANDONED_AFTER_MS in conversations/continuation.ts), and
 * a client who comes back later starts afresh from what the `answers` table holds. Without
 * pruning, the state of every flow ever left open stayed for good, in the table and in the
 * keys held in memory below.
 */
export const KEEP_STATE_MS = 7 * 24 * 3_600_000
/** How often a write looks for such state. */
const PRUNE_EVERY_MS = 3_600_000
/** Rows dropped at a time: a short statement, as the bot answers nobody while it runs. */
const PRUNE_BATCH = 500

/**
 * Every key the table holds, per connection, read once on first use and kept in step by
 * the writes below. The conversations plugin reads its state on every private update, and
 * nearly every client is in no conversation (a finished one deletes its key), so a key
 * not held here is answered without a statement. Only this module writes the table (an
 * erasure deletes rows, which a read then finds gone), and one bot process owns its file.
 */
const presentKeys = perConnection(
  (db) =>
    new Set(
      db
        .select({ key: kv.key })
        .from(kv)
        .all()
        .map((row) => row.key),
    ),
)

/**
 * A grammY StorageAdapter (read/write/delete) over the `kv` table, used for
 * conversation state. Values are JSON; the prefix keeps users of the table apart.
 * Synchronous under the hood (better-sqlite3), so a write is durable before the
 * next update is handled.
 */
export class KvStorage<T> {
  /** When the last prune found no more to drop (a write prunes again an hour later). */
  private prunedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly db: Db,
    private readonly prefix: string,
    /** The bot's clock, which the flows' steps age by (conversations/continuation.ts): the state ages by it too. */
    private readonly now: () => number = () => Date.now(),
  ) {}

  read(key: string): T | undefined {
    const full = this.prefix + key
    const present = presentKeys(this.db)
    if (!present.has(full)) return undefined
    const row = statements(this.db).read.get({ key: full })
    if (!row) present.delete(full)
    return row ? (JSON.parse(row.value) as T) : undefined
  }

  write(key: string, value: T): void {
    const full = this.prefix + key
    presentKeys(this.db).add(full)
    const now = this.now()
    statements(this.db).write.run({ key: full, value: JSON.stringify(value), updatedAt: now })
    if (now - this.prunedAt >= PRUNE_EVERY_MS) this.prune(now)
  }

  /**
   * Drops one batch of state older than KEEP_STATE_MS. A full batch means there may be
   * more: the next write drops the next batch, so a first prune of many rows is spread
   * over many writes instead of holding every chat.
   */
  private prune(now: number): void {
    const dropped = statements(this.db).prune.all({
      before: now - KEEP_STATE_MS,
      prefix: this.prefix,
      limit: PRUNE_BATCH,
    })
    const present = presentKeys(this.db)
    for (const { key } of dropped) present.delete(key)
    if (dropped.length < PRUNE_BATCH) this.prunedAt = now
  }

  delete(key: string): void {
    const full = this.prefix + key
    statements(this.db).delete.run({ key: full })
    presentKeys(this.db).delete(full)
  }
}

/** The conversations plugin keeps a chat's state under this prefix and `conversationKey`. */
export const CONVERSATION_KEY_PREFIX = 'conv:'

/**
 * Where a chat's conversation state is kept (after the prefix): the person's chat with the
 * bot by its id, as always; their chat with the owner's own account (Telegram Business) by
 * its id and the connection's. That chat has the same id but is another chat: a flow there
 * and one in the bot's chat each take their own answers and edit their own messages.
 */
export function conversationKey(chatId: number, businessConnectionId?: string): string {
  return businessConnectionId === undefined ? String(chatId) : `${chatId}${BUSINESS_SEPARATOR}${businessConnectionId}`
}
const BUSINESS_SEPARATOR = ':'
/** The character after the separator: the keys of a chat's business chats sort between the two. */
const AFTER_SEPARATOR = String.fromCharCode(BUSINESS_SEPARATOR.charCodeAt(0) + 1)

/**
 * Ends every flow of these people's chats, with the bot and with the owner's accounts: their
 * conversation state goes, so the client's next message is not taken as an answer (a
 * manager's chat has opened, the client erased their data). A flow begun afterwards has
 * state of its own.
 */
export function dropConversations(db: Db, chatIds: readonly number[]): void {
  const present = presentKeys(db)
  for (const chatId of chatIds) {
    const key = CONVERSATION_KEY_PREFIX + conversationKey(chatId)
    statements(db).delete.run({ key })
    present.delete(key)
    // The business chats' keys, found by the primary key's order
    const businessKeys = statements(db).deleteRange.all({
      from: key + BUSINESS_SEPARATOR,
      to: key + AFTER_SEPARATOR,
    })
    for (const row of businessKeys) present.delete(row.key)
  }
}
