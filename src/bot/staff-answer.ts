/**
 * Answers to staff in a staff group go through the one route to the group (an
 * outbox row), like every other message there: into the topic of the client it
 * is about (after what is queued for that topic), or into the forum topic where
 * the command was given. In someone's private chat (an owner's lists) the answer
 * goes into that chat's lane the same way, so that one naming clients (`about`)
 * is found and deleted by their /forget, as in the group.
 */
import type { InlineKeyboard } from 'grammy'
import type { Deps } from '../deps.ts'
import { type MessagePayload, OUTBOX_KIND } from '../services/handoff/index.ts'
import { toButtons } from './buttons.ts'
import type { BaseContext } from './context.ts'

export interface StaffAnswer {
  keyboard?: InlineKeyboard
  html?: boolean
  /** The client it is about; by default the client whose topic the command came from, if any. */
  clientId?: number
  /** The clients it names besides the one it is for (found again by /forget). */
  about?: readonly number[]
  /**
   * It repeats what was typed and names nobody (a search that found nothing): it keeps its
   * command all the same, so that /forget of a client those words name deletes both.
   */
  echoes?: boolean
  /** The order it sums up (/invoice's answer): it says what became of it later (`StaffPostPayload.invoice`). */
  invoice?: number
  /** The summary's warning names these other unpaid invoices of the client (`StaffPostPayload.others`). */
  others?: readonly number[]
}

/**
 * What an answer naming clients keeps of the command it answers (`MessagePayload.command`): a
 * command typed in the chat (not a button), whose text /forget reads to know if it names them.
 */
export function commandAnswered(ctx: BaseContext): MessagePayload['command'] {
  const msg = ctx.message
  return msg?.text?.startsWith('/') ? { messageId: msg.message_id, text: msg.text } : undefined
}

export function answerStaff(deps: Deps, ctx: BaseContext, text: string, options: StaffAnswer = {}): void {
  const { route } = deps.services.handoff
  const command = options.about?.length || options.echoes ? commandAnswered(ctx) : undefined
  const post = {
    text,
    ...(options.html ? { html: true } : {}),
    ...(options.keyboard ? { buttons: toButtons(options.keyboard) } : {}),
    ...(options.about?.length ? { about: [...new Set(options.about)] } : {}),
    ...(command ? { command } : {}),
  }
  if (ctx.chat?.type === 'private') {
    route.toLane({ chatId: ctx.chat.id, clientId: null }, OUTBOX_KIND.message, post satisfies MessagePayload)
    return
  }
  const chatId = ctx.chat?.id ?? (deps.services.staffGroups.ids[0] as number)
  // Someone typed it and waits for the answer: it goes before what is queued at the group's 20
  // a minute — a morning's new requests too, whose cards come seconds later (a /find waited 40 s)
  const summary =
    options.invoice === undefined
      ? {}
      : { invoice: options.invoice, ...(options.others?.length ? { others: [...options.others] } : {}) }
  const waitedFor = { ...post, answering: true, ...summary }
  // The topic's client was found once for the update (src/bot/scopes.ts)
  const clientId = options.clientId ?? ctx.topicClient?.id
  if (clientId !== undefined) route.post(clientId, waitedFor)
  else route.postTo(chatId, ctx.msg?.message_thread_id, waitedFor)
}
