/**
 * The bot's send budget: Telegram's limits are shared by everything the bot
 * sends (replies, conversations, jobs, the outbox, broadcasts), so one budget
 * per process decides when each message may go. The Bot API client's `fetch`
 * asks it before every call that puts a message into a chat, or edits one in
 * a group (src/bot/outbound.ts); the outbox asks it which lanes may go now.
 *
 * - Limits: about 30 messages a second in total, about one a second per
 *   private chat with a small burst, 20 a minute per group (all its topics
 *   together). Ours are a little under Telegram's, so a 429 stays rare even
 *   when answers take different times to arrive.
 * - Priorities: people waiting for an answer first, then background work
 *   (jobs, the staff outbox), broadcasts only from what is left. A waiter held
 *   by the total budget keeps lower priorities waiting too, so a reply that
 *   needs two places is never starved by a broadcast taking them one by one.
 * - A 429 on a call to a chat holds that chat until `retry_after` for every
 *   sender alike; a 429 on a call that names no chat holds only its method
 *   (see `holdMethod`), never the total.
 * - State (send times, holds) sits behind `BudgetState`, kept in memory now;
 *   several instances sharing one database would keep it there instead. What no
 *   window or hold needs any more is forgotten a step at a time during calls
 *   (see `upkeep`), so a broadcast to 100,000 chats leaves nothing behind.
 *
 * Waiting uses the clock's timers, so a simulated clock runs a burst in seconds.
 */
import { type Clock, timerOn } from '../clock.ts'

export type SendPriority = 'interactive' | 'background' | 'bulk'
const PRIORITY_ORDER: Record<SendPriority, number> = { interactive: 0, background: 1, bulk: 2 }

export interface RateWindow {
  /** At most this many messages… */
  max: number
  /** …in any rolling window of this many ms. */
  windowMs: number
}

export interface SendLimits {
  /** For the whole bot. */
  global: RateWindow[]
  /** Per private chat (a small burst, then about one a second). */
  privateChat: RateWindow[]
  /** Per group or supergroup, all forum topics together. */
  group: RateWindow[]
  /** Extra caps on broadcasts (within the global budget). */
  bulk: RateWindow[]
}

/**
 * Telegram allows about 30 messages a second, about one a second per private
 * chat (short bursts pass) and 20 a minute per group. Each window here is a
 * little tighter, so an answer that reaches Telegram later or sooner than the
 * next one does not make a 429.
 */
export const SEND_LIMITS: SendLimits = {
  // Evenly spaced as well: a burst that reaches Telegram a little out of step would spill over
  global: [
    { max: 29, windowMs: 1_000 },
    { max: 10, windowMs: 345 },
  ],
  privateChat: [{ max: 4, windowMs: 4_000 }],
  group: [{ max: 20, windowMs: 60_500 }],
  bulk: [],
}

/**
 * Where the counts live. In memory for one process; a shared database would
 * implement the same operations (and run `readyAt` + `record` of one grant in
 * a transaction).
 */
export interface BudgetState {
  /** Send times (ms, ascending) of `key` after `since`; older ones may be forgotten. */
  times(key: string, since: number): readonly number[]
  record(key: string, at: number, count: number): void
  holdUntil(key: string): number
  hold(key: string, until: number): void
  /**
   * Upkeep, a step at a time: looks at up to `limit` keys, going on from where the
   * last step stopped, and forgets each one whose newest send is at or before
   * `sentBy` and whose hold ended by `heldBy`. True when the step finished a pass
   * over every key.
   */
  sweep(sentBy: number, heldBy: number, limit: number): boolean
  /** Keys kept now (metrics, tests). */
  size(): number
}

/** A key's send times and its hold (0: none), kept together so one sweep sees both. */
interface KeyState {
  times: number[]
  heldUntil: number
}

export function createMemoryBudgetState(): BudgetState {
  /** One entry per key: a chat, the total, a held method. */
  const entries = new Map<string, KeyState>()
  /** Where the sweep stopped; a Map's iterator goes on correctly past deletions and additions. */
  let cursor: Iterator<[string, KeyState]> | undefined
  return {
    times(key, since) {
      const entry = entries.get(key)
      if (!entry) return []
      const list = entry.times
      let drop = 0
      while (drop < list.length && (list[drop] as number) <= since) drop++
      if (drop > 0) list.splice(0, drop)
      // A hold outlives the send times; the sweep forgets it once it is over
      if (list.length === 0 && entry.heldUntil === 0) entries.delete(key)
      return list
    },
    record(key, at, count) {
      let entry = entries.get(key)
      if (!entry) {
        entry = { times: [], heldUntil: 0 }
        entries.set(key, entry)
      }
      for (let i = 0; i < count; i++) entry.times.push(at)
    },
    holdUntil: (key) => entries.get(key)?.heldUntil ?? 0,
    hold(key, until) {
      const entry = entries.get(key)
      if (!entry) entries.set(key, { times: [], heldUntil: until })
      else if (until > entry.heldUntil) entry.heldUntil = until
    },
    sweep(sentBy, heldBy, limit) {
      cursor ??= entries.entries()
      for (let i = 0; i < limit; i++) {
        const next = cursor.next()
        if (next.done) {
          cursor = undefined
          return true
        }
        const [key, { times, heldUntil }] = next.value
        const newest = times[times.length - 1]
        if ((newest === undefined || newest <= sentBy) && heldUntil <= heldBy) entries.delete(key)
      }
      return false
    },
    size: () => entries.size,
  }
}

export interface SendRequest {
  /** The chat the message goes to; undefined counts only against the total. */
  chatId?: number
  /** Messages the call puts into the chat (an album: one per item). */
  count: number
  priority: SendPriority
  /** Give up when the message could not go by then (UTC ms of the clock). */
  deadline?: number
  signal?: AbortSignal
}

export type Grant = { ok: true } | { ok: false; readyAt: number }

interface Waiter {
  req: SendRequest
  resolve: (grant: Grant) => void
  reject: (err: unknown) => void
  onAbort?: () => void
}

export type SendBudget = ReturnType<typeof createSendBudget>

const GLOBAL = 'global'
const BULK = 'bulk'
const chatKey = (chatId: number) => `chat:${chatId}`
const methodKey = (method: string) => `method:${method}`

/** How often a pass of the upkeep starts, and how many keys one call looks at while it runs. */
const SWEEP_EVERY_MS = 60_000
const SWEEP_STEP = 2_000

export function createSendBudget({
  clock,
  limits = SEND_LIMITS,
  state = createMemoryBudgetState(),
}: {
  clock: Clock
  limits?: SendLimits
  state?: BudgetState
}) {
  /** In priority order, first come first served within a priority. */
  const waiters: Waiter[] = []
  let wake: { at: number; cancel: () => void } | undefined

  const longest = (windows: RateWindow[]) => windows.reduce((ms, w) => Math.max(ms, w.windowMs), 0)
  /** No window looks further back than this. */
  const keepMs = longest([...limits.global, ...limits.privateChat, ...limits.group, ...limits.bulk])
  let sweepAt = clock.now() + SWEEP_EVERY_MS

  /**
   * Forgets keys whose newest send has left every window and whose hold is over (without
   * it a chat's entry stayed until that chat was sent to again, and holds stayed forever).
   * No timer: while a pass runs, each call takes a step of it, so no call pays for
   * 100,000 chats at once and an idle process has nothing to wake for.
   */
  function upkeep(now: number): void {
    if (now < sweepAt) return
    if (state.sweep(now - keepMs, now, SWEEP_STEP)) sweepAt = now + SWEEP_EVERY_MS
  }

  /** The earliest time `count` more fit into every window of `key` (now when they fit). */
  function windowsReadyAt(key: string, windows: RateWindow[], count: number, now: number): number {
    let at = Math.max(now, state.holdUntil(key))
    if (windows.length === 0) return at
    const times = state.times(key, now - longest(windows))
    for (const w of windows) {
      const recent = times.filter((t) => t > now - w.windowMs)
      // A call bigger than the window (a 10-photo album into a 4-per-window chat) goes into an empty one
      const need = Math.min(count, w.max)
      if (recent.length + need > w.max) {
        at = Math.max(at, (recent[recent.length + need - w.max - 1] as number) + w.windowMs)
      }
    }
    return at
  }

  function chatWindows(chatId: number): RateWindow[] {
    return chatId > 0 ? limits.privateChat : limits.group
  }

  function globalReadyAt(count: number, priority: SendPriority, now: number): number {
    const total = windowsReadyAt(GLOBAL, limits.global, count, now)
    return priority === 'bulk' ? Math.max(total, windowsReadyAt(BULK, limits.bulk, count, now)) : total
  }

  function chatReadyAt(chatId: number | undefined, count: number, now: number): number {
    if (chatId === undefined) return now
    return windowsReadyAt(chatKey(chatId), chatWindows(chatId), count, now)
  }

  function grant(req: SendRequest, now: number): void {
    state.record(GLOBAL, now, req.count)
    if (req.priority === 'bulk' && limits.bulk.length > 0) state.record(BULK, now, req.count)
    if (req.chatId !== undefined) state.record(chatKey(req.chatId), now, req.count)
  }

  function settle(w: Waiter, result: Grant): void {
    const i = waiters.indexOf(w)
    if (i >= 0) waiters.splice(i, 1)
    if (w.onAbort) w.req.signal?.removeEventListener('abort', w.onAbort)
    w.resolve(result)
  }

  /** Grants whatever may go now, in priority order; then sleeps until the next one may. */
  function pump(): void {
    const now = clock.now()
    upkeep(now)
    let next = Number.POSITIVE_INFINITY
    for (;;) {
      const chatsWaiting = new Set<number>()
      let granted = false
      for (const w of [...waiters]) {
        const { chatId, count, priority, deadline } = w.req
        // One chat's messages go in the order they were asked for
        if (chatId !== undefined && chatsWaiting.has(chatId)) continue
        const chatAt = chatReadyAt(chatId, count, now)
        const totalAt = globalReadyAt(count, priority, now)
        const at = Math.max(chatAt, totalAt)
        if (at <= now) {
          grant(w.req, now)
          settle(w, { ok: true })
          granted = true
          break
        }
        if (deadline !== undefined && at > deadline) {
          settle(w, { ok: false, readyAt: at })
          continue
        }
        next = Math.min(next, at)
        if (chatId !== undefined) chatsWaiting.add(chatId)
        // Its chat has room, only the total holds it: nobody after it may take the places it waits for
        if (chatAt <= now) break
      }
      if (!granted) break
      next = Number.POSITIVE_INFINITY
    }
    schedule(next)
  }

  function schedule(at: number): void {
    if (waiters.length === 0 || at === Number.POSITIVE_INFINITY) {
      wake?.cancel()
      wake = undefined
      return
    }
    // Deadlines pass while waiting too: wake for the earliest of them as well
    for (const w of waiters) if (w.req.deadline !== undefined) at = Math.min(at, w.req.deadline + 1)
    if (wake && wake.at <= at && wake.at > clock.now()) return
    wake?.cancel()
    const cancel = timerOn(clock, at - clock.now(), () => {
      if (wake?.cancel === cancel) wake = undefined
      pump()
    })
    wake = { at, cancel }
  }

  return {
    /**
     * Waits until the message may go (and counts it), by priority. Resolves
     * `{ ok: false, readyAt }` instead when it could not go by the deadline.
     */
    acquire(req: SendRequest): Promise<Grant> {
      if (req.signal?.aborted) return Promise.reject(req.signal.reason)
      return new Promise<Grant>((resolve, reject) => {
        const w: Waiter = { req, resolve, reject }
        if (req.signal) {
          w.onAbort = () => {
            const i = waiters.indexOf(w)
            if (i >= 0) waiters.splice(i, 1)
            reject(req.signal?.reason)
            pump()
          }
          req.signal.addEventListener('abort', w.onAbort, { once: true })
        }
        // Kept in priority order, first come first served within one priority
        const rank = PRIORITY_ORDER[req.priority]
        let at = waiters.length
        while (at > 0 && PRIORITY_ORDER[(waiters[at - 1] as Waiter).req.priority] > rank) at--
        waiters.splice(at, 0, w)
        pump()
      })
    },

    /**
     * When the chat has room for `count` more messages (its own windows and holds; the
     * total budget, which frees up within a second, is left to `acquire`).
     */
    chatReadyAt(chatId: number, count: number): number {
      const now = clock.now()
      upkeep(now)
      return chatReadyAt(chatId, count, now)
    },

    /** Telegram answered 429 for this chat: nothing goes there before `until`. */
    hold(chatId: number, until: number): void {
      state.hold(chatKey(chatId), until)
      pump()
    },

    /**
     * Telegram answered 429 to a call that names no chat (setMyCommands, answerCallbackQuery,
     * getMe…): only that method waits until `until`. Telegram's flood control for such calls
     * is per method, not a stop of all sending; holding the total budget instead froze every
     * chat for the `retry_after` (setMyCommands' can be minutes), so replies gave up and
     * clients got the "busy" apology. The method's own calls wait, nothing else does.
     */
    holdMethod(method: string, until: number): void {
      state.hold(methodKey(method), until)
    },

    /** When a call of `method` naming no chat may go (now when it may). */
    methodReadyAt(method: string): number {
      const now = clock.now()
      return Math.max(now, state.holdUntil(methodKey(method)))
    },

    /** Requests waiting now (benches, tests). */
    waiting: () => waiters.length,

    /**
     * Keys the budget keeps send times or a hold for (chats, the total, held methods):
     * memory it holds, for metrics and tests.
     */
    trackedKeys: () => state.size(),
  }
}
