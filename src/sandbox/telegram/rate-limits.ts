/**
 * Telegram's flood limits as the emulated Bot API enforces them (the sandbox's
 * server and the test suite's fake). These are the emulator's own rules, written
 * from Telegram's published guidance, never read from the bot's code: the bot
 * must keep them by itself, and a test or bench against the emulator proves it.
 *
 * - about 30 messages a second in total, for the whole bot;
 * - about one message a second per private chat, with a short burst allowed;
 * - 20 messages a minute per group (all of a forum's topics together).
 *
 * A call over a limit is refused with 429 and `retry_after` (whole seconds, as
 * Telegram sends it) and is not counted. Anything that puts a message into a
 * chat counts, service messages included (a new topic, a pin, a renamed topic).
 * In a group an edit counts as well: Telegram's people say a bot edits about as
 * often as it sends in one chat, and both share the group's 20 a minute
 * (tdlib/td#2592). In a private chat edits are not counted here.
 */

export interface RateRules {
  /** Messages per rolling second for the whole bot. */
  globalPerSecond: number
  /** A private chat's bucket: this many at once, then `privateRefillPerSecond`. */
  privateBurst: number
  privateRefillPerSecond: number
  /** Messages per rolling minute into one group or supergroup. */
  groupPerMinute: number
}

export const TELEGRAM_RATE_RULES: RateRules = {
  globalPerSecond: 30,
  privateBurst: 5,
  privateRefillPerSecond: 1,
  groupPerMinute: 20,
}

/** How many messages a call puts into its chat, or counts as there (0: it does not count). */
export function messagesPut(method: string, payload: Record<string, unknown>): number {
  if (method.startsWith('editMessage')) {
    return Number(payload.chat_id) < 0 ? 1 : 0
  }
  switch (method) {
    case 'sendMediaGroup':
      return Array.isArray(payload.media) ? payload.media.length : 1
    case 'copyMessages':
    case 'forwardMessages':
      return Array.isArray(payload.message_ids) ? payload.message_ids.length : 1
    case 'createForumTopic':
    case 'editForumTopic':
    case 'closeForumTopic':
    case 'reopenForumTopic':
    case 'pinChatMessage':
    case 'copyMessage':
    case 'forwardMessage':
    case 'sendInvoice':
      return 1
    default:
      return method.startsWith('send') && method !== 'sendChatAction' ? 1 : 0
  }
}

export interface RateVerdict {
  ok: boolean
  /** Seconds to wait (429's `retry_after`), when refused. */
  retryAfter?: number
  /** Which limit refused it. */
  limit?: 'global' | 'private' | 'group'
}

/**
 * Counts what each chat and the whole bot received and refuses what would go
 * over a limit. Time comes from `now` (ms), so a simulated clock works.
 */
export class RateLimiter {
  private readonly global: number[] = []
  private readonly groups = new Map<number, number[]>()
  private readonly privates = new Map<number, { tokens: number; at: number }>()
  /** The highest number of messages seen in any rolling second (benches report it). */
  peakPerSecond = 0
  refused = 0

  constructor(
    private readonly now: () => number,
    readonly rules: RateRules = TELEGRAM_RATE_RULES,
  ) {}

  /** Decides a call and, when it goes through, counts it. */
  take(method: string, payload: Record<string, unknown>): RateVerdict {
    const count = messagesPut(method, payload)
    if (count === 0) return { ok: true }
    const chatId = Number(payload.chat_id)
    const now = this.now()
    const verdict = this.check(chatId, count, now)
    if (!verdict.ok) {
      this.refused++
      return verdict
    }
    for (let i = 0; i < count; i++) this.global.push(now)
    this.peakPerSecond = Math.max(this.peakPerSecond, this.global.length)
    if (chatId < 0) {
      const times = this.groups.get(chatId) ?? []
      for (let i = 0; i < count; i++) times.push(now)
      this.groups.set(chatId, times)
    } else if (chatId > 0) {
      const bucket = this.bucket(chatId, now)
      bucket.tokens -= count
    }
    return { ok: true }
  }

  private check(chatId: number, count: number, now: number): RateVerdict {
    const { rules } = this
    prune(this.global, now - 1000)
    if (this.global.length + count > rules.globalPerSecond) {
      return refuse('global', waitFor(this.global, count, rules.globalPerSecond, 1000, now))
    }
    if (chatId < 0) {
      const times = this.groups.get(chatId) ?? []
      prune(times, now - 60_000)
      if (times.length + count > rules.groupPerMinute) {
        return refuse('group', waitFor(times, count, rules.groupPerMinute, 60_000, now))
      }
    } else if (chatId > 0) {
      const bucket = this.bucket(chatId, now)
      // An album bigger than the burst goes when the bucket is full, and the chat then waits longer
      const need = Math.min(count, rules.privateBurst)
      if (bucket.tokens < need) {
        const missing = need - bucket.tokens
        return refuse('private', (missing / rules.privateRefillPerSecond) * 1000)
      }
    }
    return { ok: true }
  }

  private bucket(chatId: number, now: number): { tokens: number; at: number } {
    const { privateBurst, privateRefillPerSecond } = this.rules
    let bucket = this.privates.get(chatId)
    if (!bucket) {
      bucket = { tokens: privateBurst, at: now }
      this.privates.set(chatId, bucket)
    }
    bucket.tokens = Math.min(privateBurst, bucket.tokens + ((now - bucket.at) / 1000) * privateRefillPerSecond)
    bucket.at = now
    return bucket
  }
}

function prune(times: number[], after: number): void {
  let drop = 0
  while (drop < times.length && (times[drop] as number) <= after) drop++
  if (drop > 0) times.splice(0, drop)
}

/** Ms until `count` more fit into a rolling window that holds `max`. */
function waitFor(times: number[], count: number, max: number, windowMs: number, now: number): number {
  const index = Math.min(times.length - 1, Math.max(0, times.length + count - max - 1))
  return (times[index] ?? now) + windowMs - now
}

function refuse(limit: RateVerdict['limit'], waitMs: number): RateVerdict {
  // Telegram answers whole seconds, at least one
  return { ok: false, limit, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) }
}
