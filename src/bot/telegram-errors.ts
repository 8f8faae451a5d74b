/**
 * What a failed Bot API call means, in one typed place. Every caller decides by
 * the `kind` (retry later, report to a person, mark the client blocked, or an
 * expected outcome such as "the message is not modified"), never by matching
 * Telegram's texts itself.
 */
import { GrammyError, HttpError } from 'grammy'

export type TelegramFailure =
  /** 429: Telegram's flood limit, or the bot's own send budget had no room in time. */
  | { kind: 'rate'; retryAfterMs: number; reason: string }
  /** 403 from a private chat: the person blocked the bot or deleted their account. */
  | { kind: 'blocked'; reason: string }
  /**
   * 403 from a private chat the person never opened: the bot may not write first (a
   * client who only wrote to the owner's own account, Telegram Business). Not a block.
   */
  | { kind: 'not-started'; reason: string }
  /** A private chat that no longer exists for the bot (deactivated user, unknown chat). */
  | { kind: 'chat-gone'; reason: string }
  /** The forum topic was deleted (or the thread id is wrong). */
  | { kind: 'thread-lost'; reason: string }
  | { kind: 'topic-closed'; reason: string }
  /** An edit with the same content: nothing to change. */
  | { kind: 'not-modified'; reason: string }
  /** The message to copy or forward is gone. */
  | { kind: 'source-gone'; reason: string }
  /**
   * The message to edit, pin, delete or react to is gone or too old to edit. `stillThere`:
   * Telegram did not say it is gone but that it will not change it ("message can't be
   * edited", "can't be deleted", the edit time expired): it still shows what it showed.
   * Most callers need not tell (either way there is nothing more to do with it); one that
   * clears what a message shows (the erasure) must.
   */
  | { kind: 'target-gone'; reason: string; stillThere: boolean }
  /** A text edit of a message without text (a photo, a file): its caption is what can be edited. */
  | { kind: 'no-text'; reason: string }
  /** A callback query older than Telegram keeps them (about 15 s after a long wait) or answered already. */
  | { kind: 'query-expired'; reason: string }
  /**
   * The owner's own chat with a client (Telegram Business) is closed to the bot now: the client
   * has not written there for 24 hours (a button pressed does not count), the bot has no right
   * to reply there, or the connection is off or gone. Nothing sent there goes until that changes.
   */
  | { kind: 'business-closed'; reason: string }
  /** The bot may not do this in a group: not a member, not an admin, missing rights, not a forum. */
  | { kind: 'no-access'; reason: string }
  /** Telegram said it did not process the call (a 5xx other than a gateway's): try again later. */
  | { kind: 'server'; reason: string }
  /**
   * The request did not get Telegram's answer (no route, timeout, connection reset, or a
   * gateway's 502 / 504 or error page: see `gatewayAnswer`).
   * `mayHaveArrived`: false only when the connection failed before any byte left.
   */
  | { kind: 'network'; reason: string; mayHaveArrived: boolean }
  /** Any other refusal (bad request): trying again will not help. */
  | { kind: 'rejected'; reason: string }
  /** Not a Bot API failure at all (a bug, the database). */
  | { kind: 'internal'; reason: string }

export type TelegramFailureKind = TelegramFailure['kind']

/** Finds a Telegram API error, also when a conversation wrapped it in a plain Error's `cause`. */
export function findTelegramError(err: unknown): GrammyError | HttpError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof GrammyError || e instanceof HttpError) return e
  }
  return undefined
}

const THREAD_LOST = /message thread not found|TOPIC_DELETED|TOPIC_ID_INVALID|thread_id_invalid/i
const TOPIC_CLOSED = /TOPIC_CLOSED/i
const NOT_MODIFIED = /message is not modified|TOPIC_NOT_MODIFIED/i
const SOURCE_GONE =
  /message to (copy|forward) not found|messages to copy not found|MESSAGE_IDS_EMPTY|message_id_invalid/i
const TARGET_GONE = /message to (edit|pin|unpin|delete|react to) not found|MESSAGE_ID_INVALID/i
/** Of the target-gone answers, those about a message that is there and stays as it is. */
const TARGET_KEPT = /message can't be (edited|deleted)|MESSAGE_EDIT_TIME_EXPIRED/i
const NO_TEXT = /there is no text in the message to edit/i
const QUERY_EXPIRED = /query is too old|query ID is invalid|QUERY_ID_INVALID/i
const NOT_STARTED = /can't initiate conversation/i
const BUSINESS_CLOSED =
  /BUSINESS_PEER_USAGE_MISSING|BUSINESS_CONNECTION_NOT_ALLOWED|BUSINESS_CONNECTION_INVALID|BOT_ACCESS_FORBIDDEN/i
const CHAT_GONE = /chat not found|user is deactivated|PEER_ID_INVALID/i
const NO_ACCESS =
  /not enough rights|CHAT_ADMIN_REQUIRED|not a forum|CHAT_WRITE_FORBIDDEN|have no rights|bot is not a member|bot was kicked|need administrator rights/i

/** The chat a failed call was meant for, from the request grammY kept on the error. */
function chatOf(err: GrammyError): number | undefined {
  const id = Number((err.payload as { chat_id?: unknown } | undefined)?.chat_id)
  return Number.isFinite(id) && id !== 0 ? id : undefined
}

/**
 * The token in a Bot API URL (`…/bot123:AA…/sendMessage`, also in file URLs). A network
 * error's message names the URL it failed on, and a reason may reach the staff group, an
 * owner's chat and the database: the token never goes with it.
 */
const TOKEN_IN_URL = /\/bot\d+:[\w-]+/g
const withoutToken = (text: string) => text.replace(TOKEN_IN_URL, '/bot[redacted]')

/** Connection errors that happen before any byte of the request left: resending cannot duplicate. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN'])

/** A network failure (as fetch threw it, or under grammY's HttpError) that no byte of the request got past. */
export function cannotHaveArrived(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return NOT_SENT.has(code)
    e = e instanceof HttpError ? e.error : (e as { cause?: unknown }).cause
  }
  return false
}

/**
 * An answer that is not Telegram's word on the call: a page that is not JSON (a proxy's
 * or a load balancer's, whatever its status), or a 502 / 504 — a gateway in front of the
 * Bot API (BOT_API_ROOT's proxy, Telegram's own front) got no answer from behind it, so
 * the request may have been carried out. A JSON 5xx other than these (500 "Internal
 * Server Error", 503) is the Bot API saying it did not do it: a send can go again.
 */
export function gatewayAnswer(answer: { error_code?: number } | undefined): boolean {
  return answer === undefined || answer.error_code === 502 || answer.error_code === 504
}

export function classifyTelegramError(err: unknown): TelegramFailure {
  const e = findTelegramError(err)
  if (!e) return { kind: 'internal', reason: withoutToken(err instanceof Error ? err.message : String(err)) }
  if (e instanceof HttpError) {
    const cause = e.error instanceof Error ? e.error.message : String(e.error)
    return { kind: 'network', reason: withoutToken(`${e.message} (${cause})`), mayHaveArrived: !cannotHaveArrived(e) }
  }
  const reason = e.description
  if (e.error_code === 429) {
    return { kind: 'rate', retryAfterMs: (e.parameters.retry_after ?? 5) * 1000, reason }
  }
  // A gateway's answer (a page that is not JSON comes as an HttpError above): maybe done
  if (gatewayAnswer(e)) return { kind: 'network', reason, mayHaveArrived: true }
  if (e.error_code >= 500) return { kind: 'server', reason }
  if (THREAD_LOST.test(reason)) return { kind: 'thread-lost', reason }
  if (TOPIC_CLOSED.test(reason)) return { kind: 'topic-closed', reason }
  if (NOT_MODIFIED.test(reason)) return { kind: 'not-modified', reason }
  if (QUERY_EXPIRED.test(reason)) return { kind: 'query-expired', reason }
  if (SOURCE_GONE.test(reason)) return { kind: 'source-gone', reason }
  if (TARGET_GONE.test(reason)) return { kind: 'target-gone', reason, stillThere: false }
  if (TARGET_KEPT.test(reason)) return { kind: 'target-gone', reason, stillThere: true }
  if (NO_TEXT.test(reason)) return { kind: 'no-text', reason }
  if (BUSINESS_CLOSED.test(reason)) return { kind: 'business-closed', reason }
  const chat = chatOf(e)
  const toPerson = chat !== undefined && chat > 0
  if (e.error_code === 403) {
    if (!toPerson) return { kind: 'no-access', reason }
    return neverStarted(reason) ? { kind: 'not-started', reason } : { kind: 'blocked', reason }
  }
  if (CHAT_GONE.test(reason)) return toPerson ? { kind: 'chat-gone', reason } : { kind: 'no-access', reason }
  if (NO_ACCESS.test(reason)) return { kind: 'no-access', reason }
  return { kind: 'rejected', reason }
}

/**
 * A 403's text saying the person never opened the chat with the bot (so nobody blocked
 * anything): the one reading of it, for the classification here and the outbound layer.
 */
export function neverStarted(description: string | undefined): boolean {
  return description !== undefined && NOT_STARTED.test(description)
}

/** 403 from a private chat: the user blocked the bot (or deleted their account). */
export function isBlockedError(err: unknown): boolean {
  return classifyTelegramError(err).kind === 'blocked'
}

/** A short reason for logs and staff notices. */
export function failureReason(err: unknown): string {
  return classifyTelegramError(err).reason
}
