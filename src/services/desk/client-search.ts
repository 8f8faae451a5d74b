/**
 * /find: what a manager typed → the matching clients (up to 10). `@name` looks
 * for a username, digits for a phone (any writing: +7 999 123-45-67, 8999…,
 * the last digits), an address for an e-mail, `#12` for a client number; any
 * other text for names, contacts and then the transcript (what the client and
 * staff wrote, notes), newest conversations first. A name is also looked up in the
 * other alphabet (src/name-spellings.ts).
 */
import type { Db } from '../../../db/client.ts'
import {
  type ClientHitRow,
  clientHits,
  indexQueuedMessages,
  searchClientIndex,
  searchTranscript,
} from '../../../db/repositories/client-search.ts'
import { parseClientNumber } from '../../format.ts'
import type { Logger } from '../../logger.ts'
import { otherSpellings } from '../../name-spellings.ts'
import { parsePhone } from '../../phone.ts'

/** How many clients /find shows at most. */
export const FIND_LIMIT = 10
/** The index matches parts of words of this many characters or more. */
export const FIND_MIN_LENGTH = 3
/** Transcript messages read at most per search (newest first), so a very common word stays quick. */
const TRANSCRIPT_SCAN_LIMIT = 5_000
/** Clients ranked at most per search (the newest that match), so a very common fragment stays quick. */
const CANDIDATES = 500
/**
 * New transcript messages wait in a queue and are indexed together (one FTS5 segment per
 * batch instead of one per message, see db/migrations/0012_search_index_in_batches.sql):
 * this often in the background, and always before a transcript search.
 */
const INDEX_EVERY_MS = 5_000
/** Messages indexed per transaction: a few milliseconds, then the event loop is free again. */
const INDEX_BATCH = 1_000

export type FindQuery =
  | { kind: 'username'; text: string }
  /** `text`: as typed, for the conversation, where a number is written in any way. */
  /** `international`: the number's last ten digits once given its country code (parsePhone), when they differ. */
  | { kind: 'phone'; digits: string; text: string; international?: string }
  | { kind: 'email'; text: string }
  | { kind: 'id'; id: number }
  | { kind: 'text'; text: string }
  | { kind: 'too-short' }

export type FindMatch = 'username' | 'phone' | 'email' | 'id' | 'name' | 'contact' | 'transcript' | 'note'

export interface FindHit {
  client: ClientHitRow
  matched: FindMatch
  /** The transcript message that matched. */
  excerpt?: string
}

const PHONE = /^\+?[\d\s().-]+$/
const EMAIL = /^[^\s@]+@[^\s@]+$/

/** Reads what follows /find. */
export function parseFindQuery(input: string): FindQuery {
  const text = input.trim().replace(/\s+/g, ' ')
  const id = parseClientNumber(text)
  if (id !== undefined) return { kind: 'id', id }
  if (text.startsWith('@') && /^@\w{2,}$/.test(text)) return { kind: 'username', text: text.toLowerCase() }
  if (EMAIL.test(text)) return { kind: 'email', text: text.toLowerCase() }
  if (PHONE.test(text)) {
    const digits = text.replace(/\D/g, '')
    // The last ten digits: +7 999…, 8 999… and 999… are the same number. Also as a client's is
    // read now (parsePhone): a Dublin business's "087 123 4567" is stored as +353 87 … — and as
    // typed, for one stored before that
    const international = parsePhone(text)?.replace(/\D/g, '').slice(-10)
    if (digits.length >= 4) {
      const found = { kind: 'phone' as const, digits: digits.slice(-10), text }
      return international && international !== found.digits ? { ...found, international } : found
    }
  }
  if (Array.from(text).length < FIND_MIN_LENGTH) return { kind: 'too-short' }
  return { kind: 'text', text }
}

export type ClientSearch = ReturnType<typeof createClientSearch>

export function createClientSearch({ db, logger }: { db: Db; logger: Logger }) {
  let timer: NodeJS.Timeout | undefined
  /** Indexes the queued transcript messages, a batch per transaction; returns how many. */
  const indexQueued = (): number => {
    let total = 0
    for (let n = indexQueuedMessages(db, INDEX_BATCH); n > 0; n = indexQueuedMessages(db, INDEX_BATCH)) total += n
    return total
  }
  /**
   * One batch now, then the next one after a short pause (at once while the queue is long).
   * Real time, like the outbox's safety poll: indexing is upkeep, not a business deadline.
   */
  const tick = () => {
    let n = 0
    try {
      n = indexQueuedMessages(db, INDEX_BATCH)
    } catch (err) {
      // The queue stays as it is: the next tick or the next /find indexes it
      logger.error({ err }, 'could not index new transcript messages for /find')
    }
    timer = setTimeout(tick, n === INDEX_BATCH ? 0 : INDEX_EVERY_MS)
    timer.unref()
  }
  return {
    indexQueued,
    /** Indexes new transcript messages in the background until `stop()`. */
    start(): void {
      if (timer === undefined) tick()
    },
    stop(): void {
      clearTimeout(timer)
      timer = undefined
    },
    /**
     * The client whose @username is exactly `username` (without @, any case), as they last wrote
     * to the bot: a name Telegram will not let a bot look up. Undefined when nobody with it did.
     */
    byUsername(username: string): ClientHitRow | undefined {
      const wanted = username.toLowerCase()
      return searchClientIndex(db, 'name', username, { limit: 1, exactUsername: username }).find(
        (hit) => hit.username?.toLowerCase() === wanted,
      )
    },
    /** Up to 10 clients for a parsed query; `[]` for one that is too short. */
    find(query: FindQuery): FindHit[] {
      const hits: FindHit[] = []
      const add = (rows: ClientHitRow[], matched: FindMatch) => {
        for (const client of rows) {
          if (hits.length >= FIND_LIMIT) return
          if (!hits.some((hit) => hit.client.id === client.id)) hits.push({ client, matched })
        }
      }
      /** Then the conversations, for the places left: what the client wrote, what staff wrote, notes. */
      const inConversation = (text: string) => {
        if (hits.length >= FIND_LIMIT || Array.from(text).length < FIND_MIN_LENGTH) return hits
        indexQueued() // what was written a moment ago is found too
        const found = searchTranscript(db, text, {
          limit: FIND_LIMIT - hits.length,
          skip: new Set(hits.map((hit) => hit.client.id)),
          scanLimit: TRANSCRIPT_SCAN_LIMIT,
        })
        const rows = new Map(
          clientHits(
            db,
            found.map((f) => f.clientId),
          ).map((row) => [row.id, row]),
        )
        for (const match of found) {
          const client = rows.get(match.clientId)
          if (client && hits.length < FIND_LIMIT) {
            hits.push({ client, matched: match.direction === 'note' ? 'note' : 'transcript', excerpt: match.text })
          }
        }
        return hits
      }
      switch (query.kind) {
        case 'too-short':
          return []
        case 'id':
          add(clientHits(db, [query.id]), 'id')
          return hits
        case 'username':
          // @anna before @anna_p and @annabel
          add(
            searchClientIndex(db, 'name', query.text, { limit: FIND_LIMIT, exactUsername: query.text.slice(1) }),
            'username',
          )
          return hits
        // A phone or an e-mail pasted into the chat or a note is found there too, as typed
        case 'phone':
          add(
            searchClientIndex(db, 'contact', query.international ? [query.digits, query.international] : query.digits, {
              limit: FIND_LIMIT,
              candidates: CANDIDATES,
            }),
            'phone',
          )
          return inConversation(query.text)
        case 'email':
          add(searchClientIndex(db, 'contact', query.text, { limit: FIND_LIMIT, candidates: CANDIDATES }), 'email')
          return inConversation(query.text)
        case 'text': {
          add(searchClientIndex(db, 'name', query.text, { limit: FIND_LIMIT, candidates: CANDIDATES }), 'name')
          add(searchClientIndex(db, 'contact', query.text, { limit: FIND_LIMIT, candidates: CANDIDATES }), 'contact')
          // The name as heard, in the other alphabet: "/find иван" finds Ivan, "/find maria" Мария
          const spellings = otherSpellings(query.text).filter((s) => Array.from(s).length >= FIND_MIN_LENGTH)
          if (spellings.length > 0 && hits.length < FIND_LIMIT) {
            add(searchClientIndex(db, 'name', spellings, { limit: FIND_LIMIT, candidates: CANDIDATES }), 'name')
          }
          return inConversation(query.text)
        }
      }
    },
  }
}
