import { Composer, type Filter } from 'grammy'
import type { ClientRow } from '../../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { BotContext } from './context.ts'
import { answerStaff } from './staff-answer.ts'

/**
 * A link that opens a client's topic in the staff group, for the group's members:
 * https://t.me/c/<group id without -100>/<topic id>.
 */
export function topicLink(staffGroupId: number, topicId: number): string {
  return `https://t.me/c/${String(staffGroupId).replace(/^-100/, '')}/${topicId}`
}

export type StaffTopicContext = Filter<BotContext, 'message'> & {
  /** The client this topic belongs to. */
  topicClient: ClientRow
  /** The topic's message_thread_id. */
  threadId: number
}

/**
 * Scope for staff work inside a client's topic in the staff group. Messages
 * from the General topic, from other chats and from topics that belong to no
 * client pass by untouched; a non-staff member gets a short refusal for
 * commands and is otherwise ignored (roles are checked on every update).
 * Usage: `const topic = staffTopicScope(deps, composer); topic.command('close', …)`.
 */
export function staffTopicScope(deps: Deps, parent: Composer<BotContext>): Composer<StaffTopicContext> {
  const scope = new Composer<StaffTopicContext>()
  parent
    .chatType('supergroup')
    .on('message')
    .filter(
      (ctx) =>
        deps.services.staffGroups.isStaffGroup(ctx.chat.id) &&
        ctx.msg.message_thread_id !== undefined &&
        ctx.msg.is_topic_message === true,
    )
    .use(async (ctx, next) => {
      const threadId = ctx.msg.message_thread_id as number
      const client = deps.services.staffGroups.clientByTopic(ctx.chat.id, threadId)
      if (!client) return next()
      if (!ctx.staffRole) {
        if (ctx.msg.text?.startsWith('/')) answerStaff(deps, ctx, ctx.t('staff-only'), { clientId: client.id })
        ctx.log.info('non-staff member in a client topic ignored')
        return
      }
      const scoped = ctx as unknown as StaffTopicContext
      scoped.topicClient = client
      scoped.threadId = threadId
      await scope.middleware()(scoped, next)
    })
  return scope
}
