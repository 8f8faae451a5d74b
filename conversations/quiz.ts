import type { Conversation } from '@grammyjs/conversations'
import { InlineKeyboard } from 'grammy'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { menuCallback } from '../src/bot/keyboards/main-menu.ts'
import { sendResults } from '../src/bot/product-cards.ts'
import type { Deps } from '../src/deps.ts'
import { clientName } from '../src/format.ts'
import type { FlowNext, FlowStep } from '../src/services/questions.ts'
import { continueWith } from './continuation.ts'
import { askQuestion } from './question-step.ts'

export const QUIZ_CONVERSATION = 'quiz'

/**
 * The quiz, one question per run like discovery (see continuation.ts). After
 * the last answer the result is scored, stored as the client's current result
 * and shown as product cards; the card buttons are handled outside any
 * conversation (src/bot/features/quiz.ts), so they keep working later.
 */
export function buildQuizConversation(deps: Deps) {
  const service = deps.services.quiz
  return async function quiz(
    conversation: Conversation<BotContext, BaseContext>,
    ctx: BaseContext,
    step: FlowStep = { mode: 'start' },
  ) {
    const clientId = ctx.client?.id
    if (!clientId) return
    const showResults = async () => {
      const locale = await ctx.i18n.getLocale()
      await sendResults(ctx, await conversation.external(() => service.finish(clientId, locale)))
    }
    const plan = await conversation.external(() => service.plan(clientId, step))
    if (plan.kind === 'empty') {
      await ctx.reply(ctx.t('quiz-empty'), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('quiz-consult-button'), menuCallback.pack('manager'))
          .row()
          .text(ctx.t('menu-back'), menuCallback.pack('main')),
      })
      return
    }
    if (plan.kind === 'results' || plan.kind === 'done') return showResults()

    const q = plan.question
    const name = clientName(ctx.client) || ctx.t('quiz-friend')
    if (plan.intro === 'fresh') await ctx.reply(ctx.t('quiz-intro', { name, total: q.total }))
    if (plan.intro === 'resume') await ctx.reply(ctx.t('quiz-resume', { name, number: q.number, total: q.total }))
    if (plan.changed) await ctx.reply(ctx.t('question-list-changed'))

    const outcome = await askQuestion(conversation, ctx, q, () => service.fingerprint(q.key))
    const mode = { walk: q.walk }
    let next: FlowNext
    switch (outcome.kind) {
      case 'answer':
        next = await conversation.external(() => service.answer(clientId, q.key, outcome.value, mode))
        break
      case 'keep':
        next = await conversation.external(() => service.keep(clientId, q.key, mode))
        break
      case 'back':
        next = (await conversation.external(() => service.back(q.key))) ?? { mode: 'ask', key: q.key }
        break
      default:
        // skip is not offered in the quiz; changed / again: the same question afresh
        next = { mode: 'ask', key: q.key, ...(q.walk ? { walk: true } : {}) }
    }
    if (next.mode === 'done') return showResults()
    await continueWith(conversation, QUIZ_CONVERSATION, next)
  }
}
