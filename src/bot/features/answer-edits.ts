import type { Deps } from '../../deps.ts'
import { chatOf } from '../handoff/message-entry.ts'
import type { BotScopes } from '../scopes.ts'

/**
 * An answer the client corrects with Telegram's Edit while no question waits (after the
 * summary or the quiz's results, or a flow left for the menu): a waiting question tells them
 * the stored answer stays (conversations/question-step.ts), and so does this, with where an
 * answer is changed, rather than a silence they take for the change made. Only a message that
 * gave a stored answer is meant; with a manager reading the chat the edit is theirs (the
 * transcript recorder takes it to the topic).
 */
export function registerAnswerEditsFeature(deps: Deps, scopes: BotScopes): void {
  const { discovery, quiz, handoff } = deps.services
  scopes.private.on('edited_message', async (ctx, next) => {
    const client = ctx.client
    if (!client || handoff.isOpen(client.id)) return next()
    const from = { messageId: ctx.editedMessage.message_id, chat: chatOf(ctx.editedMessage) }
    const flow = discovery.answeredWith(client.id, from)
      ? 'discovery'
      : quiz.answeredWith(client.id, from)
        ? // Back is on the quiz's questions; after the results only a new take changes an answer
          quiz.isUnfinished(client.id)
          ? 'quiz'
          : 'quiz-finished'
        : undefined
    if (!flow) return next()
    ctx.log.info({ clientId: client.id, flow }, 'an answer edited with no question waiting: it stays')
    await ctx.reply(ctx.t('question-edit-ignored', { flow }))
  })
}
