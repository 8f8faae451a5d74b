/**
 * What a failed Bot API call means for an outbox row: wait and retry (a 429,
 * Telegram or the network down), repair (a lost or closed topic), wait for the
 * owners to fix the group, or fail the row and tell a person why. Nothing is
 * dropped silently.
 */
import type { Api } from 'grammy'
import type { MessageRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import type { Logger } from '../../logger.ts'
import { type NoticeLine, OUTBOX_KIND } from '../../services/handoff/index.ts'
import { type DeliveryResult, INTERRUPTED, type OutboxRow } from '../../services/outbox.ts'
import type { Translate } from '../context.ts'
import { classifyTelegramError, type TelegramFailureKind } from '../telegram-errors.ts'
import { excerpt } from './texts.ts'

/** What every part of the deliverer shares. */
export interface DeliveryContext {
  deps: Deps
  /** The outbox's Api: waits only briefly for room, a 429 comes back at once. */
  api: Api
  log: Logger
  botId: () => number
  /** A text in the staff's language. */
  t: Translate
  /**
   * Tells the client's topic (queued behind what is already queued there); `sent`: the lines
   * show that message to the client as sent (StaffPostPayload.sent).
   */
  report: (clientId: number | null, lines: NoticeLine[], options?: { sent?: number }) => void
}

/** Transient failures towards a person are retried this many times, then reported. */
export const MAX_PERSON_ATTEMPTS = 10

/** Failures that may pass by themselves: the row is tried again later. */
export function transient(kind: TelegramFailureKind): boolean {
  return kind === 'server' || kind === 'network' || kind === 'internal'
}

/**
 * A row towards a client that may go again when nobody knows whether it arrived: the close
 * question (its buttons make a repeat harmless), an edit (a repeat changes nothing) and a
 * deletion (a repeat finds nothing to delete). Anything else that adds a message is reported
 * to the topic instead, never sent twice.
 */
export function harmlessToRepeat(row: Pick<OutboxRow, 'method'>): boolean {
  return (
    row.method === OUTBOX_KIND.clientPrompt || row.method === OUTBOX_KIND.editOut || row.method === OUTBOX_KIND.unsend
  )
}

/** A 429 (Telegram's, or the send budget's): the whole chat waits. */
export function rateResult(afterMs: number): DeliveryResult {
  return { status: 'retry', afterMs, reason: `429: retry after ${afterMs / 1000}s`, holdChat: true }
}

/** How the topic side handles what only it can repair (see topic-keeper.ts). */
export interface TopicRepairs {
  lost(groupId: number, clientId: number, topicId: number): DeliveryResult
  reopen(groupId: number, clientId: number, topicId: number): Promise<DeliveryResult>
  misconfigured(groupId: number): Promise<DeliveryResult>
}

/**
 * After a call into a client's topic failed: a closed topic is reopened, a lost one
 * recreated, a misconfigured group reported to the owners; `onPermanent` reports
 * what cannot be delivered and returns the row's result.
 */
export async function groupFailure(
  ctx: DeliveryContext,
  repairs: TopicRepairs,
  row: OutboxRow,
  topicId: number,
  err: unknown,
  onPermanent: (reason: string) => DeliveryResult,
): Promise<DeliveryResult> {
  const failure = classifyTelegramError(err)
  const clientId = row.clientId
  switch (failure.kind) {
    case 'rate':
      return rateResult(failure.retryAfterMs)
    case 'thread-lost':
      return clientId === null ? onPermanent(failure.reason) : repairs.lost(row.chatId, clientId, topicId)
    case 'topic-closed':
      return clientId === null ? onPermanent(failure.reason) : repairs.reopen(row.chatId, clientId, topicId)
    case 'no-access':
      return repairs.misconfigured(row.chatId)
    // The call left and no answer came: it goes again as after a crash mid-call, so a
    // client's message comes under the "may already be above" mark (relay-delivery.ts)
    case 'network':
      return failure.mayHaveArrived
        ? { status: 'retry', reason: `${INTERRUPTED}: no answer from Telegram to this call (${failure.reason})` }
        : { status: 'retry', reason: failure.reason }
    case 'server':
    case 'internal':
      return { status: 'retry', reason: failure.reason }
    // An edit with nothing new: the group shows it already
    case 'not-modified':
      return { status: 'sent' }
    case 'source-gone':
      return onPermanent(ctx.t('handoff-reason-source-gone'))
    case 'target-gone':
      return onPermanent(ctx.t('handoff-reason-target-gone'))
    default:
      ctx.log.warn({ err, rowId: row.id }, 'call into the staff group failed')
      return onPermanent(failure.reason)
  }
}

/**
 * A failure sending to a client: blocked (marked, and the topic told), gone, possibly
 * delivered (the topic told, never sent again), or retried a while and then reported in
 * the topic with what was not delivered.
 */
export function clientFailure(
  ctx: DeliveryContext,
  row: OutboxRow,
  err: unknown,
  what: Pick<MessageRow, 'type' | 'text'> | undefined,
): DeliveryResult {
  const clientId = row.clientId
  const failure = classifyTelegramError(err)
  if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
  const quote = excerpt(ctx.deps, what)
  // The call left and no answer came back: the client may have it already. As after a crash
  // mid-send (the deliverer's `interrupted`), a person decides and the client never gets a
  // silent duplicate; what is harmless to repeat is retried
  if (failure.kind === 'network' && failure.mayHaveArrived && !harmlessToRepeat(row)) {
    ctx.report(clientId, [{ key: 'handoff-topic-uncertain', args: { excerpt: quote } }])
    return { status: 'failed', reason: `may have arrived: ${failure.reason}` }
  }
  if (transient(failure.kind) && row.attempts < MAX_PERSON_ATTEMPTS) {
    return { status: 'retry', reason: failure.reason }
  }
  if (failure.kind === 'not-modified') return { status: 'sent' }
  if (failure.kind === 'blocked') {
    ctx.deps.services.clients.markBlocked(row.chatId)
    ctx.report(clientId, [{ key: 'handoff-topic-blocked', args: { excerpt: quote } }])
    return { status: 'failed', reason: 'client blocked the bot' }
  }
  const reason =
    failure.kind === 'source-gone'
      ? ctx.t('handoff-reason-source-gone')
      : failure.kind === 'target-gone'
        ? ctx.t('handoff-reason-target-gone')
        : failure.reason
  const key = row.method === OUTBOX_KIND.editOut ? 'handoff-topic-edit-failed' : 'handoff-topic-undelivered'
  ctx.report(clientId, [{ key, args: { reason, excerpt: quote } }])
  return { status: 'failed', reason }
}
