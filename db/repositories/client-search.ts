/**
 * /find over the full-text indexes `client_search` (names, @username, e-mail,
 * phone digits) and `message_search` (what the client and staff wrote, notes),
 * kept in step by triggers (db/migrations/0007_client_search.sql; the transcript's
 * through a queue indexed in batches, 0012_search_index_in_batches.sql). Both use the
 * trigram tokenizer: any part of a word of 3 characters or more, any case, any
 * alphabet. Erased clients have no entries left, and are skipped besides.
 */
import { and, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { clients } from '../schema.ts'
import { isClient, STAFF_CLIENT_IDS } from './clients.ts'

export interface ClientHitRow {
  id: number
  firstName: string | null
  lastName: string | null
  displayName: string | null
  username: string | null
  topicId: number | null
  /** The group the topic is in (see `StaffGroups.topicGroupOf`). */
  staffGroupId: number | null
  lastSeenAt: number
}

const hitColumns = {
  id: clients.id,
  firstName: clients.firstName,
  lastName: clients.lastName,
  displayName: clients.displayName,
  username: clients.username,
  topicId: clients.topicId,
  staffGroupId: clients.staffGroupId,
  lastSeenAt: clients.lastSeenAt,
}

/**
 * ё is written as е as often as not (Фёдор, Федор): the indexes keep е for both, in either
 * case (the trigram tokenizer folds case, not letters), and every query is folded the same
 * way. The names' triggers fold in SQL (db/migrations/0020_search_folds_yo.sql).
 */
const foldYoSql = (column: string) => `replace(replace(${column}, 'ё', 'е'), 'Ё', 'Е')`
const foldYo = (text: string) => text.replaceAll('ё', 'е').replaceAll('Ё', 'Е')

/**
 * Indexes up to `limit` queued transcript messages (oldest first) in one transaction and
 * one statement, so FTS5 writes one segment for the batch; returns how many it took off
 * the queue. A queued message whose text is gone by now is only dequeued.
 */
export function indexQueuedMessages(db: Db, limit: number): number {
  return indexing(db)(limit)
}

const indexing = perConnection((db) => {
  const sqlite = db.$client
  const batch = sqlite.prepare(
    `select min(message_id) as first, max(message_id) as last, count(*) as n
       from (select message_id from message_search_queue order by message_id limit ?)`,
  )
  const index = sqlite.prepare(
    `insert into message_search (rowid, text)
     select m.id, ${foldYoSql('m.text')} from message_search_queue q join messages m on m.id = q.message_id
      where q.message_id between ? and ? and m.text is not null`,
  )
  const dequeue = sqlite.prepare('delete from message_search_queue where message_id between ? and ?')
  return sqlite.transaction((limit: number): number => {
    const { first, last, n } = batch.get(limit) as { first: number | null; last: number | null; n: number }
    if (first === null || last === null) return 0
    index.run(first, last)
    dequeue.run(first, last)
    return n
  })
})

/** A phrase for an FTS5 query: quoted, inner quotes doubled, so nothing in it is query syntax. */
function phrase(text: string): string {
  return `"${foldYo(text).replaceAll('"', '""')}"`
}

/**
 * Clients whose name (`name`: every form of it and the @username) or contacts
 * (`contact`: e-mail and the phone's digits) contain `text` (or any of several texts:
 * a name's spellings), most recently active first; `exactUsername` (without @) comes
 * before everyone else. With `candidates`, only that many of the newest clients that
 * match are ranked, so a fragment half of all names contain stays quick.
 */
export function searchClientIndex(
  db: Db,
  column: 'name' | 'contact',
  text: string | readonly string[],
  { limit, candidates = -1, exactUsername = '' }: { limit: number; candidates?: number; exactUsername?: string },
): ClientHitRow[] {
  return db.$client
    .prepare(
      `select c.id, c.first_name as firstName, c.last_name as lastName, c.display_name as displayName,
              c.username, c.topic_id as topicId, c.staff_group_id as staffGroupId, c.last_seen_at as lastSeenAt
         from (select rowid from client_search where client_search match ? order by rowid desc limit ?) s
         join clients c on c.id = s.rowid
        where c.deleted_at is null and c.id not in ${STAFF_CLIENT_IDS}
        order by coalesce(lower(c.username) = ?, 0) desc, c.last_seen_at desc, c.id desc
        limit ?`,
    )
    .all(
      `${column} : (${(typeof text === 'string' ? [text] : text).map(phrase).join(' OR ')})`,
      candidates,
      exactUsername.toLowerCase(),
      limit,
    ) as ClientHitRow[]
}

export interface TranscriptHit {
  clientId: number
  text: string
  /** Whose message it is: a note (staff's own, never sent) is told apart from the conversation. */
  direction: 'in' | 'out' | 'bot' | 'note'
}

/**
 * The newest transcript message of each client that contains `text`, newest
 * first, for up to `limit` clients other than `skip`. Reads matches newest first
 * and stops once it has enough, looking at no more than `scanLimit` messages.
 */
export function searchTranscript(
  db: Db,
  text: string,
  { limit, skip, scanLimit }: { limit: number; skip: ReadonlySet<number>; scanLimit: number },
): TranscriptHit[] {
  const hits: TranscriptHit[] = []
  const seen = new Set(skip)
  const matches = db.$client
    .prepare(
      `select m.client_id as clientId, m.text as text, m.direction as direction
         from message_search s join messages m on m.id = s.rowid
        where message_search match ?
        order by s.rowid desc
        limit ?`,
    )
    .iterate(phrase(text), scanLimit) as IterableIterator<TranscriptHit>
  for (const match of matches) {
    if (seen.has(match.clientId)) continue
    seen.add(match.clientId)
    hits.push(match)
    if (hits.length >= limit) break
  }
  return hits
}

/** Clients by id, in the order of `ids`; erased ones are left out. */
export function clientHits(db: Db, ids: readonly number[]): ClientHitRow[] {
  if (ids.length === 0) return []
  const rows = db
    .select(hitColumns)
    .from(clients)
    .where(and(inArray(clients.id, [...ids]), isNull(clients.deletedAt), isClient()))
    .all()
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
