/**
 * The outbox engine: delivers the rows of the `outbox` table in order, within
 * Telegram's rate limits, across restarts, each exactly once. It knows nothing
 * about Telegram: a deliverer (src/bot/handoff/delivery.ts) turns a row into
 * Bot API calls and reports the outcome.
 *
 * - Order: rows are grouped in lanes (chat + client); only a lane's oldest
 *   unfinished row may be sent. One client's messages keep their order; a
 *   client whose topic is being repaired does not hold up the others.
 * - Rate: a sliding window per chat (about 20 messages a minute into a group)
 *   decides when the next row may go; a 429 holds the whole chat until its
 *   `retry_after`, persisted in the rows' `not_before`, so it survives a restart.
 * - Exactly once: a row is marked 'sending' right before the call and 'sent'
 *   right after. A row found 'sending' when the engine starts was interrupted
 *   by a crash: the deliverer decides whether it is resent (with a visible
 *   "possible repeat" mark) or reported to a person — never resent silently.
 * - Never blocking: the engine waits with timers, not inside a call, so the bot
 *   keeps answering while a chat is held by a 429.
 */
import type { Db } from '../../db/client.ts'
import {
  findOutbox,
  holdChat,
  insertOutbox,
  laneHeads,
  listSending,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSending,
  markOutboxSent,
  type NewOutboxRow,
  type OutboxRow,
  pruneOutbox,
} from '../../db/repositories/outbox.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'

export type DeliveryResult =
  /** Delivered; `count` is how many messages it put into the chat (default: the row's weight). */
  | { status: 'sent'; messageId?: number | null; count?: number }
  /** Try again in `afterMs`; `holdChat` (a 429) holds every row of the chat. */
  | { status: 'retry'; afterMs?: number; reason: string; holdChat?: boolean; count?: number }
  /** Cannot be delivered; the deliverer has told a person why. */
  | { status: 'failed'; reason: string; count?: number }

export interface OutboxDeliverer {
  deliver(row: OutboxRow): Promise<DeliveryResult>
  /** How many messages the row will put into its chat, for the rate limit. */
  weight(row: OutboxRow): number
  /**
   * A row a previous process left in 'sending' (it died during the call, so
   * whether it arrived is unknown). 'resend' puts it back in the queue;
   * 'give-up' marks it failed — the deliverer reports it to a person.
   */
  interrupted(row: OutboxRow): 'resend' | 'give-up'
}

export interface RateLimit {
  max: number
  windowMs: number
}

export interface OutboxOptions {
  db: Db
  clock: Clock
  logger: Logger
  /** The limit for a chat, or undefined for none (then only 429s slow it down). */
  limitFor?: (chatId: number) => RateLimit | undefined
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

/** Telegram: "no more than 20 messages per minute in the same group". */
export const GROUP_RATE_LIMIT: RateLimit = { max: 20, windowMs: 60_000 }

/** `last_error` of a row put back after a crash interrupted its call starts with this. */
export const INTERRUPTED = 'interrupted'

/** Delivered rows are kept a week (re-delivered updates are recognised by them), failed ones a month. */
const KEEP_SENT_MS = 7 * 86_400_000
const KEEP_FAILED_MS = 30 * 86_400_000
const PRUNE_EVERY_MS = 3_600_000

const BACKOFF_BASE_MS = 1_000
const BACKOFF_MAX_MS = 10 * 60_000

/** Delay before retrying a transient failure after `attempts` tries. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS)
}

export function createOutbox({
  db,
  clock,
  logger,
  limitFor = (chatId) => (chatId < 0 ? GROUP_RATE_LIMIT : undefined),
  pollMs = 5_000,
}: OutboxOptions) {
  const log = logger.child({ module: 'outbox' })
  let deliverer: OutboxDeliverer | undefined
  /** Send times per chat within the current window. */
  const sent = new Map<number, number[]>()
  /** Chats held by a 429 until then: rows queued after the 429 wait too. */
  const held = new Map<number, number>()
  let recovered = false
  let running: Promise<RunResult> | undefined
  let again = false
  let started = false
  let timer: NodeJS.Timeout | undefined
  let prunedAt = Number.NEGATIVE_INFINITY

  /** The earliest time `weight` more messages fit into the chat's window (now when they fit). */
  function allowedAt(chatId: number, weight: number, now: number): number {
    const hold = held.get(chatId) ?? 0
    if (hold > now) return hold
    const limit = limitFor(chatId)
    if (!limit) return now
    const times = (sent.get(chatId) ?? []).filter((t) => t > now - limit.windowMs)
    sent.set(chatId, times)
    const need = Math.min(weight, limit.max)
    if (times.length + need <= limit.max) return now
    // The window must lose enough old sends to make room
    return (times[times.length + need - limit.max - 1] as number) + limit.windowMs
  }

  function countSent(chatId: number, count: number, at: number): void {
    if (count <= 0 || !limitFor(chatId)) return
    const times = sent.get(chatId) ?? []
    for (let i = 0; i < count; i++) times.push(at)
    sent.set(chatId, times)
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
  }

  async function deliverOne(d: OutboxDeliverer, row: OutboxRow, weight: number): Promise<void> {
    let result: DeliveryResult
    try {
      result = await d.deliver(row)
    } catch (err) {
      // A bug or the database: keep the row, try later
      log.error({ err, rowId: row.id, method: row.method }, 'outbox delivery threw')
      result = { status: 'retry', reason: err instanceof Error ? err.message : String(err), count: 0 }
    }
    const now = clock.now()
    switch (result.status) {
      case 'sent':
        markOutboxSent(db, row.id, result.messageId ?? null)
        countSent(row.chatId, result.count ?? weight, now)
        break
      case 'retry': {
        const attempts = row.attempts + 1
        const at = now + (result.afterMs ?? outboxBackoffMs(attempts))
        markOutboxRetry(db, row.id, at, result.reason)
        if (result.holdChat) {
          holdChat(db, row.chatId, at)
          held.set(row.chatId, at)
        }
        countSent(row.chatId, result.count ?? 0, now)
        log.warn({ rowId: row.id, method: row.method, retryAt: at, reason: result.reason }, 'outbox row postponed')
        break
      }
      case 'failed':
        markOutboxFailed(db, row.id, result.reason)
        countSent(row.chatId, result.count ?? 0, now)
        log.warn({ rowId: row.id, method: row.method, reason: result.reason }, 'outbox row failed')
        break
    }
  }

  async function runOnce(): Promise<RunResult> {
    const d = deliverer
    if (!d) return { attempted: 0 }
    if (!recovered) recover(d)
    if (clock.now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = clock.now()
      pruneOutbox(db, { sentBefore: prunedAt - KEEP_SENT_MS, failedBefore: prunedAt - KEEP_FAILED_MS })
    }
    let attempted = 0
    for (;;) {
      const now = clock.now()
      let nextAt: number | undefined
      let chosen: { row: OutboxRow; weight: number } | undefined
      const full = new Map<number, number>() // chat → when it has room for one message
      for (const head of laneHeads(db)) {
        if (head.status !== 'pending') continue
        // A chat whose window is full: no head of it can go, whatever its weight
        const room = full.get(head.chatId) ?? allowedAt(head.chatId, 1, now)
        if (room > now) {
          full.set(head.chatId, room)
          nextAt = Math.min(nextAt ?? room, Math.max(room, head.notBefore))
          continue
        }
        const weight = d.weight(head)
        const at = Math.max(head.notBefore, allowedAt(head.chatId, weight, now))
        if (at <= now) {
          chosen = { row: head, weight }
          break
        }
        nextAt = nextAt === undefined ? at : Math.min(nextAt, at)
      }
      if (!chosen) return { attempted, nextAt }
      // Written before the call: a crash from here on is an interrupted row, not a silent resend
      if (!markOutboxSending(db, chosen.row.id)) continue
      attempted++
      await deliverOne(d, chosen.row, chosen.weight)
    }
  }

  function schedule(at: number | undefined): void {
    if (!started) return
    if (timer) clearTimeout(timer)
    const delay = Math.max(0, Math.min(at === undefined ? pollMs : at - clock.now(), pollMs))
    timer = setTimeout(() => {
      timer = undefined
      void runDue()
    }, delay)
    timer.unref?.()
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
        } while (again)
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
    /** Writes a row; it is delivered by the next run (call `kick` to start one now). */
    enqueue(row: Omit<NewOutboxRow, 'notBefore'> & { notBefore?: number }): OutboxRow {
      return insertOutbox(db, { ...row, notBefore: row.notBefore ?? clock.now() }, clock.now())
    },
    get: (id: number) => findOutbox(db, id),
    /** Connects the deliverer (the bot does this when it is built). */
    attach(d: OutboxDeliverer): void {
      deliverer = d
      recovered = false
    },
    /** New work: start a run soon (only once started; tests call `drain`). */
    kick(): void {
      if (!started) return
      if (running) again = true
      else setImmediate(() => void runDue())
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
      if (timer) clearTimeout(timer)
      timer = undefined
      if (running) await running
    },
  }
}
