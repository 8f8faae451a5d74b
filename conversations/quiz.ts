import { sendResults } from '../src/bot/product-cards.ts'
import type { Deps } from '../src/deps.ts'
import { buildQuestionFlow } from './question-flow.ts'

export const QUIZ_CONVERSATION = 'quiz'

/**
 * The quiz (see question-flow.ts: one question per run, answers stored at once). It offers
 * no skip. After the last answer the result is scored, stored as the client's current
 * result and shown as product cards; the card buttons are handled outside any
 * conversation (src/bot/features/quiz.ts), so they keep working later.
 */
export function buildQuizConversation(deps: Deps) {
  const service = deps.services.quiz
  return buildQuestionFlow({
    id: QUIZ_CONVERSATION,
    service,
    texts: {
      empty: 'quiz-empty',
      emptyButton: 'quiz-consult-button',
      intro: 'quiz-intro',
      resume: 'quiz-resume',
      friend: 'quiz-friend',
    },
    skip: 'ask-again',
    withManager: (clientId) => deps.services.handoff.isOpen(clientId),
    finish: async (conversation, ctx, clientId) => {
      const locale = await ctx.i18n.getLocale()
      await sendResults(ctx, await conversation.external(() => service.finish(clientId, locale)))
    },
  })
}
