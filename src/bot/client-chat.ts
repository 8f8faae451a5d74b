/**
 * Where a message to a client goes now: the bot's chat with them, or — when they last
 * wrote to the owner's own account (Telegram Business) — that chat, sent on the
 * account's behalf with `business_connection_id`. Telegram lets the bot write there only
 * while the connection is on, with the right to reply, and within 24 hours of the
 * client's last message there; when it may not, staff are told why (in the client's
 * topic, or General) instead of the send failing. Every sender to a client outside the
 * client's own update asks here: the outbox (what staff send, the relay, invoices) and
 * the jobs (reminders, follow-ups).
 */

import type { ClientRow } from '../../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { BusinessRefusal } from '../services/business.ts'
import type { DeliveryResult, OutboxRow } from '../services/outbox.ts'
import type { DeliveryContext } from './handoff/failures.ts'
import { excerpt } from './handoff/texts.ts'

/**
 * Whether a reply keyboard may go with what the bot says in the chat of this update: not in
 * the owner's own chats (Telegram Business), where Telegram refuses a message carrying one (a
 * "share my number" button, or taking one away) — there the client types their number.
 */
export function replyKeyboardsAllowed(ctx: { readonly businessConnectionId?: string | undefined }): boolean {
  return ctx.businessConnectionId === undefined
}

/**
 * Which chat a text is worded for (the `$chat` of the texts that differ): the bot's own, or the
 * owner's own chat (Telegram Business), where the bot writes as the owner and shows no menu.
 */
export function chatKind(where: { readonly businessConnectionId?: string | undefined }): 'bot' | 'business' {
  return where.businessConnectionId === undefined ? 'bot' : 'business'
}

/**
 * What a send or an edit in the chat of this update carries: in the owner's own chats
 * (Telegram Business) the bot's messages are the account's, so each call names the
 * connection; without it Telegram looks in the bot's own chat with that person.
 */
export function onBehalfOf(ctx: { readonly businessConnectionId?: string | undefined }): {
  business_connection_id?: string
} {
  return ctx.businessConnectionId === undefined ? {} : { business_connection_id: ctx.businessConnectionId }
}

/**
 * Staff reading what is planned for a client who writes to the owner's own account: the bot
 * may write there only within 24 hours of the client's last message, so each planned message
 * goes only if they wrote in the day before it; a lead the owner wrote to first must answer
 * first; and with the account's connection off (or without the right to reply) nothing goes
 * until that is fixed. The line that says which, or undefined for a client of the bot's own chat.
 */
export function plannedThroughBusiness(
  deps: Pick<Deps, 'services'>,
  t: (key: 'followups-business-window' | 'followups-business-not-written' | 'followups-business-off') => string,
  client: Pick<ClientRow, 'id' | 'lastSeenAt'>,
): string | undefined {
  const route = deps.services.business.route(client)
  if (route.via === 'bot') return undefined
  if (route.via === 'business' || route.reason === 'window') return t('followups-business-window')
  return t(route.reason === 'not-written' ? 'followups-business-not-written' : 'followups-business-off')
}

export type ClientChat =
  | {
      ok: true
      chatId: number
      /** The business connection the chat belongs to; null for the bot's own chat. */
      business: string | null
      /** What every send and edit there carries. */
      extra: { business_connection_id?: string }
    }
  | { ok: false; reason: BusinessRefusal }

export function clientChat(deps: Pick<Deps, 'services'>, client: ClientRow, chatId: number): ClientChat {
  const route = deps.services.business.route(client)
  switch (route.via) {
    case 'bot':
      return { ok: true, chatId, business: null, extra: {} }
    case 'business':
      return { ok: true, chatId, business: route.connectionId, extra: { business_connection_id: route.connectionId } }
    default:
      return { ok: false, reason: route.reason }
  }
}

/**
 * Why a message staff send the client now would not reach them, by the rule the outbox applies
 * as it sends (`clientChat`): asked before the message is queued, so that what staff are told
 * never says the client got what the outbox will refuse (the owner's chat closed to the bot).
 * Undefined when it may go.
 */
export function refusalNow(deps: Pick<Deps, 'services'>, client: ClientRow): BusinessRefusal | undefined {
  const chat = clientChat(deps, client, client.telegramId ?? 0)
  return chat.ok ? undefined : chat.reason
}

/**
 * What did not go, for staff: a message (its type and text, quoted as an excerpt) or the
 * name of one the bot was to send ("«Как всё прошло?»", already written as a name).
 */
export type Unsent = { type: string; text: string | null } | { label: string }

/**
 * The client's chat for a message now; when the owner's account may not be used, staff are
 * told that `what` did not go, and why — unless `quiet` (a nudge is not worth their time).
 */
export function reachableChat(
  deps: Deps,
  client: ClientRow,
  chatId: number,
  what: Unsent,
  { quiet = false }: { quiet?: boolean } = {},
): ClientChat {
  const chat = clientChat(deps, client, chatId)
  if (!chat.ok && !quiet) reportUnreachable(deps, client.id, chat.reason, what)
  return chat
}

/** Why a job did not send: for its record. */
export function unreachableReason(reason: BusinessRefusal | 'no-stars'): string {
  return `the client's business chat is closed to the bot now (${reason})`
}

/**
 * Tells staff that a message (`what`) did not go to the client through
 * the owner's account, and why — in the client's topic, or General when they have none.
 */
export function reportUnreachable(
  deps: Deps,
  clientId: number,
  /** no-stars: an invoice in Stars, which Telegram does not let a bot send on an account's behalf. */
  reason: BusinessRefusal | 'no-stars',
  what: Unsent,
): void {
  deps.services.handoff.postToStaff(clientId, {
    lines: [
      { key: 'business-undelivered', args: { excerpt: 'label' in what ? what.label : excerpt(deps, what) } },
      { key: `business-refusal-${reason}` },
    ],
    general: true,
  })
}

/**
 * For the outbox: the chat of the client an outbox row is for. When they erased their
 * data, or the owner's account may not be used now (`what` did not go: staff are told
 * why), the row's result instead. `inBotChat`: the bot's own chat with them, wherever they
 * talk to the team (`MessagePayload.inBotChat`).
 */
export function rowChat(
  ctx: DeliveryContext,
  row: OutboxRow,
  what: Unsent,
  { inBotChat = false }: { inBotChat?: boolean } = {},
): (Extract<ClientChat, { ok: true }> & { client: ClientRow }) | { ok: false; result: DeliveryResult } {
  const clientId = row.clientId as number
  const client = ctx.deps.services.handoff.client(clientId)
  if (!client || client.deletedAt !== null || client.telegramId !== row.chatId) {
    ctx.report(clientId, [{ key: 'handoff-topic-deleted-client' }])
    return { ok: false, result: { status: 'failed', reason: 'client erased their data' } }
  }
  if (inBotChat) return { ok: true, chatId: row.chatId, business: null, extra: {}, client }
  const chat = reachableChat(ctx.deps, client, row.chatId, what)
  if (chat.ok) return { ...chat, client }
  return { ok: false, result: { status: 'failed', reason: `business chat: ${chat.reason}` } }
}
