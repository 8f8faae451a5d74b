/**
 * The outbox engine: delivers the rows of the `outbox` table in order, within
 * Telegram's rate limits, across restarts, each exactly once. It knows nothing
 * about Telegram: a deliverer (src/bot/handoff/deliverer.ts) turns a row into
 * Bot API calls and reports the outcome.
 *
 * - Order: rows are grouped in lanes (chat + client); only a lane's oldest
 *   unfinished row may be sent. One client's messages keep their order; a
 *   client whose topic is being repaired does not hold up the others, nor does
 *   one client's flood: the oldest row goes first, but a lane that sent more
 *   than 6 messages in the last minute takes turns with the others.
 * - Priority: of the heads that may go, the highest priority first (the deliverer's
 *   `priority`); a lane holding a row of a higher one behind its head (a new request's card, or
 *   an answer someone waits for, behind a client's message) lends it to the head, so the rows
 *   before it go at that priority too instead of waiting for everything queued.
 * - Answers first: a row someone waits for (the deliverer's `place`: 'answer', the reply to a
 *   command just typed) goes before the upkeep queued ahead of it in its lane ('upkeep': a card's
 *   pin, the card edited where it is, the topic's title — rows whose place among the topic's
 *   messages no reader sees), never before any other row; the upkeep follows, in its order.
 * - Answers take turns: of a chat's messages, at most every other goes ahead of older rows by an
 *   answer's priority (its own, or lent by an answer queued behind it). After one did, the chat's
 *   next message is the one that would go without answers waiting: an answer then goes by its
 *   age, at priority 0 — a team typing command after command never keeps the rest from the chat.
 * - Restarts: the priorities rows lend are read again from the unfinished rows at start-up, so
 *   an answer queued before a restart still goes first after it.
 * - Rate: the bot's one send budget (src/services/send-budget.ts) decides
 *   when a chat has room — the same counts every other sender uses, so the
 *   staff group has one window of 20 a minute, not one here and one there. A
 *   429 holds the whole chat until its `retry_after`, persisted in the rows'
 *   `not_before`, so it survives a restart.
 * - Exactly once: a row is marked 'sending' right before the call and 'sent'
 *   right after. A row found 'sending' when the engine starts was interrupted
 *   by a crash: the deliverer decides whether it is resent (with a visible
 *   "possible repeat" mark) or reported to a person — never resent silently.
 * - Never blocking: the engine waits with timers, not inside a call, so the bot
 *   keeps answering while a chat is held by a 429.
 */
import { afterCommit, type Db } from '../../db/client.ts'
import {
  deliveredBefore,
  deliveredIds,
  findOldestUnfinishedInLane,
  findOutbox,
  findPendingInLane,
  followingInLane,
  holdChat,
  insertOutbox,
  type LaneHead,
  laneHeads,
  listSending,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSending,
  markOutboxSent,
  type NewOutboxRow,
  type OutboxRow,
  outboxWrites,
  pruneOutbox,
  unfinishedInChat,
  unfinishedRows,
} from '../../db/repositories/outbox.ts'
import { type Clock, timerOn } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { SendBudget } from './send-budget.ts'

export type { OutboxRow } from '../../db/repositories/outbox.ts'

export type DeliveryResult =
  /**
   * `messageId`: the message it put into the chat (the first, when several); `messageIds`: all
   * of them, when it put several (an album). `record`: what the deliverer writes about what it
   * sent (which message is whose copy), written in one transaction with the sent mark, so that a
   * crash leaves both or neither.
   */
  | { status: 'sent'; messageId?: number | null; messageIds?: number[]; record?: () => void }
  /** Try again in `afterMs`; `holdChat` (a 429) holds every row of the chat. */
  | { status: 'retry'; afterMs?: number; reason: string; holdChat?: boolean }
  /** Cannot be delivered; the deliverer has told a person why. */
  | { status: 'failed'; reason: string }

/** A sent result that also writes `more` with its sent mark, after what it records already; others as they are. */
export function recordAlso(result: DeliveryResult, more: () => void): DeliveryResult {
  if (result.status !== 'sent') return result
  const { record } = result
  return {
    ...result,
    record: () => {
      record?.()
      more()
    },
  }
}

export interface OutboxDeliverer {
  deliver(row: OutboxRow): Promise<DeliveryResult>
  /** How many messages the row will put into its chat, or count as there (an edit in a group): it waits until they all fit. */
  weight(row: OutboxRow): number
  /**
   * Rows of a higher priority go first among the lanes that may send (default 0). One below 0
   * waits for a quiet chat only while it holds up nothing: with rows queued behind it in its
   * lane, it goes at 0 (they must not wait for the chat to be quiet).
   */
  priority?(row: OutboxRow): number
  /**
   * The row's place in its lane (default 'kept'): see LanePlace. Asked of a lane's head, and of
   * the rows behind it only while the lane holds a row of a priority above 0 not yet sent.
   */
  place?(row: OutboxRow): LanePlace
  /**
   * For a row below priority 0: how many more messages must still fit into its chat after it
   * (default 0), so that people's messages arriving right after a run of such rows find room.
   */
  spare?(row: OutboxRow): number
  /**
   * A row a previous process left in 'sending' (it died during the call, so
   * whether it arrived is unknown). 'resend' puts it back in the queue;
   * 'give-up' marks it failed — the deliverer reports it to a person.
   */
  interrupted(row: OutboxRow): 'resend' | 'give-up'
  /**
   * The row was delivered while its client erased their data (/forget deleted the row
   * during the call): what it put into the chat (`messageIds`, every part of an album) should go too.
   */
  erasedDuringDelivery?(row: OutboxRow, messageIds: number[]): void
}

/**
 * Where a row may go in its lane. 'kept': in its order (a person's words, a message read in turn,
 * anything whose place people read as the conversation's). 'upkeep': its place among the lane's
 * rows is seen by no reader (a card's pin, the card edited where it is, the topic's title): an
 * answer may go before it. 'answer': someone waits for it (the reply to a command just typed):
 * it goes before the upkeep queued ahead of it, never before a row kept in its place.
 */
export type LanePlace = 'kept' | 'upkeep' | 'answer'

export interface OutboxOptions {
  db: Db
  clock: Clock
  logger: Logger
  /** The bot's send budget: when a chat has room. */
  budget: Pick<SendBudget, 'chatReadyAt' | 'hold'>
  /** Safety poll while started, in ms: picks up rows written by another process. Default 5 s. */
  pollMs?: number
}

export interface RunResult {
  /** Rows attempted in this run. */
  attempted: number
  /** When the next row becomes deliverable (UTC ms), if any row is waiting. */
  nextAt?: number
}

export type Outbox = ReturnType<typeof createOutbox>

/** `last_error` of a row put back after a crash interrupted its call starts with this. */
export const INTERRUPTED = 'interrupted'

/** Delivered rows are kept a week (re-delivered updates are recognised by them), failed ones a month. */
const KEEP_SENT_MS = 7 * 86_400_000
const KEEP_FAILED_MS = 30 * 86_400_000
const PRUNE_EVERY_MS = 3_600_000

/**
 * A lane that put more messages than this into its chat within the last minute is a flood
 * (sixty photos, an album or two): it takes turns with the others, a row each, instead of going
 * by its oldest row. Every lane taking turns made a chatty client's two or three rows each wait
 * a whole round: at twice a group's 20 a minute, 95% of messages reached their topic within
 * 163-326 s instead of 80 s.
 */
const FLOOD_MESSAGES = 6
const FLOOD_WINDOW_MS = 60_000

/**
 * A row that lends its priority to the rows queued before it in its lane (`lifted`): its id, its
 * priority, and whether it is an answer someone waits for (the deliverer's `place`), whose lending
 * takes turns with the chat's other rows as its own priority does.
 */
interface Lift {
  id: number
  priority: number
  answer: boolean
}

/** An answer chosen before the upkeep ahead of it in its lane, and what that upkeep lends the lane after it. */
interface Passing {
  answer: OutboxRow
  lift: Lift | undefined
}

/**
 * The rows read behind a lane's upkeep head for an answer: a lane's upkeep is coalesced (one
 * title row, one card row, the newest card's pin), so an answer behind more waits its turn.
 */
const UPKEEP_READ = 20

/**
 * The unfinished rows of a chat read to find what may go with a row (`takeFollowing`'s
 * `inChat`): a person's private chat, where a few rows wait at a time.
 */
const CHAT_ROWS_READ = 500

const BACKOFF_BASE_MS = 1_000
const BACKOFF_MAX_MS = 10 * 60_000

/** Delay before retrying a transient failure after `attempts` tries. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS)
}

export function createOutbox({ db, clock, logger, budget, pollMs = 5_000 }: OutboxOptions) {
  const log = logger.child({ module: 'outbox' })
  let deliverer: OutboxDeliverer | undefined
  let recovered = false
  let running: Promise<RunResult> | undefined
  let again = false
  let started = false
  /** Set by `stop`: the run under way ends after its current row (the rest wait, written down, for the next start). */
  let stopping = false
  /** Cancels the pending wake-up, if any. */
  let cancelTimer: (() => void) | undefined
  let prunedAt = Number.NEGATIVE_INFINITY
  /**
   * Rows the current delivery took along with its row (`takeFollowing`): they share its
   * outcome, but for a failure, which sends them back to the queue.
   */
  let taken: OutboxRow[] = []
  /**
   * The row being delivered (one at a time), and whether the erasure took it back while its
   * calls waited for their turn (`withdraw`): they then do not leave (`mayLeave`).
   */
  let delivering: { row: OutboxRow; withdrawn: boolean } | undefined
  /** Rows this engine has written: counted, so a lane read earlier is known to be unchanged. */
  let enqueued = 0
  /**
   * The row being delivered was the only unfinished row of its lane when the heads were
   * read, and `enqueued` then: while nothing is enqueued, no row can follow it, and
   * `takeFollowing` need not ask (one statement less for most relayed messages).
   */
  let alone: { id: number; enqueued: number } | undefined
  /**
   * The lanes served lately (forgotten at the hourly prune once they have no rows): `servedAt`,
   * since when the lane waits, in row ids — a lane whose row went while row N was the newest
   * waits from N + ½, one that emptied from its next row's id (0) — and `sends`, the messages
   * it put into its chat in the last FLOOD_WINDOW_MS, a row sent alone too. Of
   * the heads that may go at the highest priority, the oldest goes; but a lane that sent more
   * than FLOOD_MESSAGES in that window goes to the back after each of its rows (it waits from
   * `servedAt`): one client's flood holds up nobody, and a client whose rows wait is not
   * overtaken by everyone who writes after them.
   */
  const served = new Map<string, { servedAt: number; sends: { at: number; messages: number }[] }>()
  /** Whether the lane sent more than FLOOD_MESSAGES in the last FLOOD_WINDOW_MS (dropping what is older). */
  const flooding = (lane: { sends: { at: number; messages: number }[] }, now: number): boolean => {
    while ((lane.sends[0]?.at ?? now) <= now - FLOOD_WINDOW_MS) lane.sends.shift()
    return lane.sends.reduce((n, s) => n + s.messages, 0) > FLOOD_MESSAGES
  }
  /** The newest row id seen (enqueued here, or a head written by an earlier process). */
  let newest = 0
  const laneKey = (row: OutboxRow) => `${row.chatId}:${row.clientId ?? ''}`
  /**
   * Per lane, the row of the highest priority above 0 written into it and not yet sent (its id and
   * priority): the lane's head goes at that priority while the row waits behind it. Kept in memory
   * as rows are enqueued, and read again from the unfinished rows at start-up (`recover`): an
   * answer queued before a restart still goes first after it.
   */
  const lifted = new Map<string, Lift>()
  /**
   * The chats whose last message went ahead of older rows by an answer's priority: their next one
   * is the turn of the rest (an answer then goes by its age). In memory: right after a restart an
   * answer may follow one sent just before it — once.
   */
  const answeredLast = new Set<number>()
  /** A row lends its priority, when above 0, to the rows queued before it in its lane (the highest, the newest of it). */
  function lend(d: OutboxDeliverer | undefined, row: OutboxRow): void {
    const priority = d?.priority?.(row) ?? 0
    if (priority <= 0) return
    const key = laneKey(row)
    const lift = lifted.get(key)
    if (lift === undefined || priority >= lift.priority) {
      lifted.set(key, { id: row.id, priority, answer: d?.place?.(row) === 'answer' })
    }
  }
  /**
   * The unfinished rows (pending, or being sent), when the engine knows them without reading the
   * lanes' heads: learnt from a read of the heads that found every lane holding its head alone,
   * and kept while every write to the outbox since was the engine's own, each applied here as it
   * was made (`own`, counted against the repository's count of writes: `outboxWrites`). Anyone
   * else's write — a payload merged, a lane moved, a row failed or put back, the erasure's
   * delete, a row written inside a transaction that rolled back — forgets them, and the
   * heads are read again; so does the safety poll. A relayed message in a queue known empty,
   * most of them, is then sent without reading the heads at all.
   */
  let known: { rows: readonly OutboxRow[]; writes: number } | undefined

  /**
   * One of the engine's own writes (`expected` writes to the outbox in all), and what it does to
   * the unfinished rows known (`change`; undefined: no longer known). Any other write made
   * meanwhile forgets them. Made inside a transaction (a relayed message written with the wait it
   * starts), they are known once it commits, if no other write to the outbox came after it by
   * then; rolled back, or inside a transaction whose end is not seen, they stay forgotten.
   */
  function own<T>(
    expected: number,
    write: () => T,
    change: (rows: readonly OutboxRow[], result: T) => readonly OutboxRow[] | undefined,
  ): T {
    const rows = known !== undefined && known.writes === outboxWrites(db) ? known.rows : undefined
    known = undefined
    const before = outboxWrites(db)
    const result = write()
    const writes = outboxWrites(db)
    const next = rows !== undefined && writes - before === expected ? change(rows, result) : undefined
    if (next !== undefined) {
      afterCommit(db, () => {
        if (outboxWrites(db) === writes) known = { rows: next, writes }
      })
    }
    return result
  }

  /** A row marked as being sent (`markOutboxSending`), among the rows known. */
  const sending = (id: number) => (rows: readonly OutboxRow[], marked: boolean) =>
    marked
      ? rows.map((r) => (r.id === id ? { ...r, status: 'sending' as const, attempts: r.attempts + 1 } : r))
      : undefined

  /** The first unfinished row of every lane and how many the lane holds, oldest first: from the rows known, else read. */
  function heads(): LaneHead[] {
    if (known !== undefined && known.writes === outboxWrites(db)) {
      const lanes = new Map<string, LaneHead>()
      for (const row of [...known.rows].sort((a, b) => a.id - b.id)) {
        const lane = lanes.get(laneKey(row))
        if (lane) lane.unfinished++
        else lanes.set(laneKey(row), { row: { ...row }, unfinished: 1 })
      }
      return [...lanes.values()]
    }
    known = undefined
    const read = laneHeads(db)
    // Every lane holds its head alone: the heads are all the unfinished rows
    if (!db.$client.inTransaction && read.every(({ unfinished }) => unfinished === 1)) {
      known = { rows: read.map(({ row }) => ({ ...row })), writes: outboxWrites(db) }
    }
    return read
  }

  /**
   * Whether the row goes ahead of older rows by an answer's priority: lent by an answer queued
   * behind it (`raisedBy`), or its own, the row being an answer.
   */
  function byAnswer(d: OutboxDeliverer, row: OutboxRow, own: number, raisedBy: Lift | undefined): boolean {
    return raisedBy ? raisedBy.answer : own > 0 && d.place?.(row) === 'answer'
  }

  /**
   * The answer behind a lane's upkeep head with only upkeep between them, if any: it goes first.
   * The lane's head stays its oldest row, which the lane's turn and flood count go by.
   */
  function answerPastUpkeep(d: OutboxDeliverer, head: OutboxRow, now: number): Passing | undefined {
    if (d.place?.(head) !== 'upkeep') return undefined
    // The upkeep's own highest priority (a new request's card edited in place), lent to the lane
    // once the answer went, as the answer's was before
    let lift: Passing['lift']
    const passes = (row: OutboxRow) => {
      const priority = d.priority?.(row) ?? 0
      if (priority > 0 && (lift === undefined || priority >= lift.priority))
        lift = { id: row.id, priority, answer: false }
    }
    passes(head)
    for (const next of followingInLane(db, head, UPKEEP_READ)) {
      const place = d.place(next)
      // Not due yet (put back after a failure): the head goes meanwhile, as it would without it
      if (place === 'answer') return next.notBefore > now ? undefined : { answer: next, lift }
      if (place !== 'upkeep') return undefined
      passes(next)
    }
    return undefined
  }

  function recover(d: OutboxDeliverer): void {
    recovered = true
    for (const row of listSending(db)) {
      const decision = d.interrupted(row)
      const reason = `${INTERRUPTED}: the bot stopped during this call`
      if (decision === 'resend') markOutboxRetry(db, row.id, clock.now(), reason)
      else markOutboxFailed(db, row.id, reason)
      log.warn({ rowId: row.id, method: row.method, decision }, 'outbox row interrupted by a restart')
    }
    // What the rows queued before this start lend the rows ahead of them, as when they were enqueued
    for (const row of unfinishedRows(db)) lend(d, row)
  }

  /** Delivers the row and records its outcome; returns that outcome. */
  async function deliverOne(d: OutboxDeliverer, row: OutboxRow): Promise<DeliveryResult['status']> {
    let result: DeliveryResult
    const current = { row, withdrawn: false }
    delivering = current
    try {
      result = await d.deliver(row)
    } catch (err) {
      // A bug or the database: keep the row, try later
      log.error({ err, rowId: row.id, method: row.method }, 'outbox delivery threw')
      result = { status: 'retry', reason: err instanceof Error ? err.message : String(err) }
    } finally {
      delivering = undefined
    }
    if (current.withdrawn && result.status !== 'sent') {
      // Erased while it waited for its turn: the row is gone, and what failed for that says
      // nothing. One that left before is sent: what it put where the erasure had been is undone
      // below (`erasedDuringDelivery`)
      log.info({ rowId: row.id, method: row.method }, 'outbox row withdrawn by the erasure on its way')
      // The erasure deleted the erased person's rows; those it left (about others, taken along
      // into one message with theirs: owners' alerts) go back to the queue, to go without them
      for (const left of [row, ...taken]) {
        if (findOutbox(db, left.id)) markOutboxRetry(db, left.id, clock.now(), 'not sent: withdrawn with an erased row')
      }
      taken = []
      return 'failed'
    }
    const now = clock.now()
    const ids = [row.id, ...taken.map((t) => t.id)]
    taken = []
    switch (result.status) {
      case 'sent': {
        const { messageId = null, messageIds, record } = result
        // Whether the row itself was still there (the rows taken along share its outcome)
        const markSent = () => ids.map((id) => markOutboxSent(db, id, messageId, messageIds))[0]
        const gone = (rows: readonly OutboxRow[]) => rows.filter((r) => !ids.includes(r.id))
        let kept: boolean | undefined
        try {
          kept = own(
            ids.length,
            () =>
              db.transaction(() => {
                record?.()
                return markSent()
              }),
            gone,
          )
        } catch (err) {
          // It went out all the same: sent without its record, never sent twice
          log.error({ err, rowId: row.id, method: row.method }, 'outbox: the record of a sent row failed')
          kept = own(ids.length, markSent, gone)
        }
        if (!kept) d.erasedDuringDelivery?.(row, deliveredIds(messageId, messageIds))
        break
      }
      case 'retry': {
        const attempts = row.attempts + 1
        const at = now + (result.afterMs ?? outboxBackoffMs(attempts))
        for (const id of ids) markOutboxRetry(db, id, at, result.reason)
        if (result.holdChat) {
          holdChat(db, row.chatId, at)
          budget.hold(row.chatId, at)
        }
        log.warn({ rowId: row.id, method: row.method, retryAt: at, reason: result.reason }, 'outbox row postponed')
        break
      }
      case 'failed': {
        markOutboxFailed(db, row.id, result.reason)
        // What failed may be the row itself (its message deleted before the copy): the rows
        // taken along go back to the queue, to go on their own, never failed with it unseen
        for (const id of ids.slice(1)) markOutboxRetry(db, id, now, `not sent with row ${row.id}: ${result.reason}`)
        log.warn({ rowId: row.id, method: row.method, reason: result.reason }, 'outbox row failed')
        break
      }
    }
    return result.status
  }

  async function runOnce(): Promise<RunResult> {
    const d = deliverer
    if (!d) return { attempted: 0 }
    if (!recovered) recover(d)
    if (clock.now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = clock.now()
      pruneOutbox(db, { sentBefore: prunedAt - KEEP_SENT_MS, failedBefore: prunedAt - KEEP_FAILED_MS })
      // Lanes that emptied another way (their rows taken along, failed, moved, erased)
      const rows = heads().map(({ row }) => row)
      const open = new Set(rows.map(laneKey))
      for (const key of served.keys()) if (!open.has(key)) served.delete(key)
      for (const key of lifted.keys()) if (!open.has(key)) lifted.delete(key)
      const chats = new Set(rows.map((row) => row.chatId))
      for (const chat of answeredLast) if (!chats.has(chat)) answeredLast.delete(chat)
    }
    let attempted = 0
    for (;;) {
      if (stopping) return { attempted }
      const now = clock.now()
      let nextAt: number | undefined
      let chosen: OutboxRow | undefined
      let chosenPassing: Passing | undefined
      /** What raised the chosen row (a row behind it, else its own priority), unless it waits its turn. */
      let chosenRaised: { own: number; by: Lift | undefined } | undefined
      let chosenAlone = false
      let chosenWeight = 0
      let chosenPriority = Number.NEGATIVE_INFINITY
      let chosenSince = Number.POSITIVE_INFINITY
      const full = new Map<number, number>() // chat → when it has room for one more message
      let pendingHeads = 0
      for (const { row: head, unfinished } of heads()) {
        if (head.id > newest) newest = head.id
        if (head.status !== 'pending') continue
        pendingHeads++
        const key = laneKey(head)
        const lift = lifted.get(key)
        // The row that lent its priority is the head now, or gone: the lane goes by its own again
        if (lift !== undefined && lift.id <= head.id) lifted.delete(key)
        const lifting = lift !== undefined && lift.id > head.id ? lift : undefined
        // The row the lane sends next: its head, or an answer someone waits for with only upkeep
        // ahead of it (a card's pin, edit, the topic's rename), which is chosen here and nowhere
        // else. Looked for only behind a lane something lifts: a lane read more is a lane someone waits on
        const passing = lifting && answerPastUpkeep(d, head, now)
        const row = passing ? passing.answer : head
        const weight = d.weight(row)
        const own = d.priority?.(row) ?? 0
        // Raised by a row queued behind it: an answer someone waits for, a new request's post
        const raisedBy = lifting !== undefined && lifting.id > row.id && lifting.priority > own ? lifting : undefined
        // Ahead of older rows by an answer's priority (its own, or lent by an answer behind it)
        // after the chat's last message went so: this is the turn of the rest, and it goes by its
        // own priority (an answer's is then 0) and its age, never twice in a row by an answer's
        const turn = answeredLast.has(row.chatId) && byAnswer(d, row, own, raisedBy)
        const wanted = turn ? (raisedBy ? own : 0) : (raisedBy?.priority ?? own)
        // Below 0 only while it holds up nothing in its lane
        const priority = wanted < 0 && unfinished > 1 ? 0 : wanted
        // A chat without room: no row of it that counts there can go (an edit in a private chat can)
        const room = weight > 0 ? full.get(row.chatId) : undefined
        // Nobody waits for it: it leaves room behind it, so people's messages coming right after a run of such rows go at once
        const asked = priority < 0 && weight > 0 ? weight + (d.spare?.(row) ?? 0) : weight
        const at = Math.max(row.notBefore, room ?? budget.chatReadyAt(row.chatId, asked))
        if (at <= now) {
          // Of the highest priority, the lane whose head is oldest, a flood's from when it last sent (`served`)
          if (priority < chosenPriority) continue
          const lane = served.get(key)
          const waits = lane && flooding(lane, now) ? Math.max(lane.servedAt, head.id) : head.id
          // An answer waiting its turn goes by its own age, not by the upkeep's ahead of it
          const since = turn ? Math.max(waits, row.id) : waits
          if (priority > chosenPriority || since < chosenSince) {
            chosen = row
            chosenPassing = passing || undefined
            chosenRaised = turn ? undefined : { own, by: raisedBy }
            chosenAlone = unfinished === 1
            chosenWeight = weight
            chosenPriority = priority
            chosenSince = since
          }
          continue
        }
        if (weight > 0 && room === undefined) {
          const one = budget.chatReadyAt(row.chatId, 1)
          if (one > now) full.set(row.chatId, one)
        }
        nextAt = nextAt === undefined ? at : Math.min(nextAt, at)
      }
      if (!chosen) return { attempted, nextAt }
      // Written before the call: a crash from here on is an interrupted row, not a silent resend
      const id = chosen.id
      if (!own(1, () => markOutboxSending(db, id), sending(id))) continue
      alone = chosenAlone ? { id: chosen.id, enqueued } : undefined
      const key = laneKey(chosen)
      const lane = served.get(key) ?? { servedAt: 0, sends: [] }
      // A lane whose last row this is waits from its next row's id, newer than anything now
      lane.servedAt = chosenAlone ? 0 : newest + 0.5
      served.set(key, lane)
      attempted++
      const enqueuedBefore = enqueued
      const status = await deliverOne(d, chosen)
      // Only what went counts towards a flood (not a row put back after a 429)
      if (status === 'sent') lane.sends.push({ at: now, messages: chosenWeight })
      // Whose turn the chat's next message is: after an answer's, the rest's (a row that made no call is no turn)
      if (status === 'sent' && chosenWeight > 0) {
        if (chosenRaised && byAnswer(d, chosen, chosenRaised.own, chosenRaised.by)) answeredLast.add(chosen.chatId)
        else answeredLast.delete(chosen.chatId)
      }
      // The row that lent its priority went before the upkeep ahead of it: that upkeep, the
      // lane's head still, goes by its own priorities again (put back, it still lends it)
      if (status !== 'retry' && lifted.get(key)?.id === chosen.id) {
        if (chosenPassing?.lift) lifted.set(key, chosenPassing.lift)
        else lifted.delete(key)
      }
      // It was the only row waiting anywhere, it is done, and nothing was written since: the
      // queue is empty without reading the heads again (one statement less for most relayed
      // messages). Whatever else writes rows kicks, and a kick during the run runs it again.
      if (pendingHeads === 1 && chosenAlone && status !== 'retry' && enqueued === enqueuedBefore) return { attempted }
    }
  }

  function schedule(at: number | undefined): void {
    if (!started) return
    cancelTimer?.()
    if (at === undefined) {
      // Nothing waits: a safety poll in real time, for rows another process may write (read, not known)
      const handle = setTimeout(() => {
        cancelTimer = undefined
        known = undefined
        void runDue()
      }, pollMs)
      handle.unref?.()
      cancelTimer = () => clearTimeout(handle)
      return
    }
    // A row waits for its time (a hold, the rate window): on the clock's timers, so a
    // simulated clock runs the outbox in its own time
    cancelTimer = timerOn(clock, Math.max(0, Math.min(at - clock.now(), pollMs)), () => {
      cancelTimer = undefined
      void runDue()
    })
  }

  /**
   * Delivers every row that may go now, then returns when the next one may.
   * Never runs twice at once: a call during a run makes that run look again.
   */
  function runDue(): Promise<RunResult> {
    if (running) {
      again = true
      return running
    }
    const run = (async () => {
      let result: RunResult = { attempted: 0 }
      try {
        do {
          again = false
          const r = await runOnce()
          result = { attempted: result.attempted + r.attempted, nextAt: r.nextAt }
        } while (again && !stopping)
      } catch (err) {
        log.error({ err }, 'outbox run failed')
      } finally {
        running = undefined
      }
      schedule(result.nextAt)
      return result
    })()
    running = run
    return run
  }

  return {
    /**
     * Whether the call about to leave may go: false once the row it delivers was withdrawn by the
     * erasure. The outbox's API client asks right before each call leaves (BotApis.outbox).
     */
    mayLeave(): boolean {
      return !delivering?.withdrawn
    },
    /**
     * The person's rows were deleted (/forget): the one on its way now, theirs or to their chat,
     * sends nothing more. A call already on its way to Telegram cannot be called back.
     */
    withdraw(clientId: number, chatId: number | null): void {
      if (!delivering) return
      // A row taken along is as much on its way (an owner's alerts about several clients as one message)
      const theirs = (row: OutboxRow) => row.clientId === clientId || (chatId !== null && row.chatId === chatId)
      if (theirs(delivering.row) || taken.some(theirs)) delivering.withdrawn = true
    },
    /** Writes a row; it is delivered by the next run (call `kick` to start one now). */
    enqueue(row: Omit<NewOutboxRow, 'notBefore'> & { notBefore?: number }): OutboxRow {
      enqueued++
      const inserted = own(
        1,
        () => insertOutbox(db, { ...row, notBefore: row.notBefore ?? clock.now() }, clock.now()),
        (rows, added) => [...rows, { ...added }],
      )
      if (inserted.id > newest) newest = inserted.id
      // Someone waits for it (or it is a new request's): what is queued before it in its lane goes at its priority
      lend(deliverer, inserted)
      return inserted
    },
    /**
     * A message the bot posted itself, outside the queue (the history of a recreated topic),
     * recorded as a delivered row: /forget finds what the bot put into a group in these
     * records alone (src/services/erasure.ts).
     */
    recordPosted(row: Omit<NewOutboxRow, 'notBefore'>, messageId: number): void {
      // (Sent as it is written: the unfinished rows known stay as they were)
      own(
        2,
        () =>
          db.transaction(() => {
            const inserted = insertOutbox(db, { ...row, notBefore: clock.now() }, clock.now())
            markOutboxSent(db, inserted.id, messageId)
          }),
        (rows) => rows,
      )
    },
    get: (id: number) => findOutbox(db, id),
    /** The rows of `row`'s lane and method delivered before it, newest first (at most `limit`). */
    deliveredBefore: (row: OutboxRow, limit: number) => deliveredBefore(db, row, limit),
    /**
     * For the deliverer, during a delivery: takes the pending rows right after `row` in
     * its lane that `accept` agrees to (due now, until the first it refuses, at most
     * `max`), to send them in the same call. They are marked as being sent now and
     * share the delivery's outcome (a failure puts them back in the queue, to go on their
     * own: the row they went with may be what failed). A row written into the lane meanwhile by anyone but
     * this engine (another process, a client's rows moved from another staff group) may
     * be missed: it goes in the next call, in its order.
     *
     * `inChat`: the rows after it in its whole chat, of every lane (an owner's alerts about
     * several clients), each lane's still in its order: a row whose lane has an earlier
     * unfinished row not taken (not due yet, or queued before `row`) is not taken, and ends
     * the gathering, as a row `accept` refuses does — the chat's messages keep their order too.
     *
     * `pastUpkeep`: in its lane, the upkeep between (the deliverer's `place`: a topic's rename, a
     * card's pin or its edit in place, whose place among the messages no reader sees) neither
     * goes along nor ends the gathering; it goes after, as it does after an answer.
     */
    takeFollowing(
      row: OutboxRow,
      max: number,
      accept: (next: OutboxRow) => boolean,
      { inChat = false, pastUpkeep = false }: { inChat?: boolean; pastUpkeep?: boolean } = {},
    ): OutboxRow[] {
      const rows: OutboxRow[] = []
      const take = (next: OutboxRow) => {
        if (next.notBefore > clock.now() || !accept(next)) return false
        if (!own(1, () => markOutboxSending(db, next.id), sending(next.id))) return false
        rows.push(next)
        taken.push(next)
        return true
      }
      if (!inChat) {
        if (alone?.id === row.id && alone.enqueued === enqueued) return []
        for (const next of followingInLane(db, row, max)) {
          if (pastUpkeep && next.status === 'pending' && deliverer?.place?.(next) === 'upkeep') continue
          if (!take(next)) break
        }
        return rows
      }
      // Lanes with an unfinished row that stays: what follows in them waits for it
      const held = new Set<string>()
      for (const next of unfinishedInChat(db, row.chatId, CHAT_ROWS_READ)) {
        if (rows.length >= max) break
        if (next.id === row.id) continue
        const key = laneKey(next)
        if (next.id < row.id || next.status !== 'pending' || next.notBefore > clock.now()) {
          held.add(key)
          continue
        }
        if (held.has(key) || !take(next)) break
      }
      return rows
    },
    /** The newest pending row of a lane with this method, if any. */
    pending: (lane: { chatId: number; clientId: number | null }, method: string) => findPendingInLane(db, lane, method),
    /** The oldest row of a lane with this method not yet delivered (pending, or being sent now). */
    oldestUnfinished: (lane: { chatId: number; clientId: number | null }, method: string) =>
      findOldestUnfinishedInLane(db, lane, method),
    /** Connects the deliverer (the bot does this when it is built). */
    attach(d: OutboxDeliverer): void {
      deliverer = d
      recovered = false
    },
    /** New work: start a run soon (only once started; tests call `drain`). */
    kick(): void {
      if (!started) return
      if (running) again = true
      // Not if the bot stopped meanwhile: the row waits, written down, for the next start
      else
        setImmediate(() => {
          if (started) void runDue()
        })
    },
    runDue,
    /** Runs until nothing more may go now (tests and benches; the clock is not moved). */
    async drain(): Promise<RunResult> {
      if (running) await running
      return runDue()
    },
    /** Delivers in the background: at once, then whenever the next row may go (and every `pollMs`). */
    start(): void {
      if (started) return
      started = true
      void runDue()
    },
    /** Stops the background runs and waits for the current delivery to finish. */
    async stop(): Promise<void> {
      started = false
      stopping = true
      cancelTimer?.()
      cancelTimer = undefined
      if (running) await running
      stopping = false
    },
  }
}
