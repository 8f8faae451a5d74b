/**
 * The bot's send budget: Telegram's limits are shared by everything the bot
 * sends (replies, conversations, jobs, the outbox, broadcasts), so one budget
 * per process decides when each message may go. The Bot API client's `fetch`
 * asks it before every call that puts a message into a chat
 * (src/bot/outbound.ts); the outbox asks it which lanes may go now.
 *
 * - Limits: about 30 messages a second in total, about one a second per
 *   private chat with a small burst, 20 a minute per group (all its topics
 *   together). Ours are a little under Telegram's, so a 429 stays rare even
 *   when answers take different times to arrive.
 * - Priorities: people waiting for an answer first, then background work
 *   (jobs, the staff outbox), broadcasts only from what is left. A waiter held
 *   by the total budget keeps lower priorities waiting too, so a reply that
 *   needs two places is never starved by a broadcast taking them one by one.
 * - A 429 holds its chat until `retry_after` for every sender alike.
 * - State (send times, holds) sits behind `BudgetState`, kept in memory now;
 *   several instances sharing one database would keep it there instead.
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
 * implement the same four operations (and run `readyAt` + `record` of one
 * grant in a transaction).
 */
export interface BudgetState {
  /** Send times (ms, ascending) of `key` after `since`; older ones may be forgotten. */
  times(key: string, since: number): readonly number[]
  record(key: string, at: number, count: number): void
  holdUntil(key: string): number
  hold(key: string, until: number): void
}

export function createMemoryBudgetState(): BudgetState {
  const sends = new Map<string, number[]>()
  const holds = new Map<string, number>()
  return {
    times(key, since) {
      const list = sends.get(key)
      if (!list) return []
      let drop = 0
      while (drop < list.length && (list[drop] as number) <= since) drop++
      if (drop > 0) list.splice(0, drop)
      if (list.length === 0) sends.delete(key)
      return list
    },
    record(key, at, count) {
      const list = sends.get(key) ?? []
      for (let i = 0; i < count; i++) list.push(at)
      sends.set(key, list)
    },
    holdUntil: (key) => holds.get(key) ?? 0,
    hold(key, until) {
      if (until > (holds.get(key) ?? 0)) holds.set(key, until)
    },
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
      return chatReadyAt(chatId, count, clock.now())
    },

    /** Telegram answered 429 for this chat (or in general): nothing goes there before `until`. */
    hold(chatId: number | undefined, until: number): void {
      state.hold(chatId === undefined ? GLOBAL : chatKey(chatId), until)
      pump()
    },

    /** Requests waiting now (benches, tests). */
    waiting: () => waiters.length,
  }
}
