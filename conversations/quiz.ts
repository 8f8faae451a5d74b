import { sendResults } from '../src/bot/product-cards.ts'
import type { Deps } from '../src/deps.ts'
import { buildQuestionFlow } from './question-flow.ts'
import { requestState } from './to-manager.ts'

export const QUIZ_CONVERSATION = 'quiz'

/**
 * The quiz (see question-flow.ts: one question per run, answers stored at once). It offers
 * no skip. After the last answer the result is scored, stored as the client's current
 * result and shown as product cards (a result whose send failed is shown by the next start
 * or tap of the take's buttons); the card buttons are handled outside any conversation
 * (src/bot/features/quiz.ts), so they keep working later.
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
    request: (clientId) => requestState(deps.services.handoff, clientId),
    now: () => deps.clock.now(),
    finish: async (conversation, ctx, clientId) => {
      const locale = await ctx.i18n.getLocale()
      const batch = await conversation.external(() => service.finish(clientId, locale))
      await sendResults(ctx, deps, batch)
      // Only once sent: results whose send failed are shown by the next start, not replaced by a new take
      await conversation.external(() => service.shown(batch.resultId))
    },
  })
}
