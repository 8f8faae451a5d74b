/**
 * Answers to staff in a staff group go through the one route to the group (an
 * outbox row), like every other message there: into the topic of the client it
 * is about (after what is queued for that topic), or into the forum topic where
 * the command was given.
 */
import type { InlineKeyboard } from 'grammy'
import type { Deps } from '../deps.ts'
import { toButtons } from './buttons.ts'
import type { BaseContext } from './context.ts'

export interface StaffAnswer {
  keyboard?: InlineKeyboard
  html?: boolean
  /** The client it is about; by default the client whose topic the command came from, if any. */
  clientId?: number
}

export function answerStaff(deps: Deps, ctx: BaseContext, text: string, options: StaffAnswer = {}): void {
  const { route } = deps.services.handoff
  const post = {
    text,
    ...(options.html ? { html: true } : {}),
    ...(options.keyboard ? { buttons: toButtons(options.keyboard) } : {}),
  }
  const { staffGroups } = deps.services
  const chatId = ctx.chat?.id ?? (staffGroups.ids[0] as number)
  const thread = ctx.msg?.message_thread_id ?? ctx.callbackQuery?.message?.message_thread_id
  const clientId =
    options.clientId ?? (thread === undefined ? undefined : staffGroups.clientByTopic(chatId, thread)?.id)
  if (clientId !== undefined) route.post(clientId, post)
  else route.postTo(chatId, thread, post)
}
