import { InlineKeyboard } from 'grammy'
import { QUIZ_CONVERSATION } from '../../../conversations/quiz.ts'
import type { Deps } from '../../deps.ts'
import type { AnswerTap } from '../../services/quiz.ts'
import type { BotContext } from '../context.ts'
import { replaceButtons } from '../courtesy.ts'
import { clientMarkup, menuCallback, offersManager } from '../keyboards/main-menu.ts'
import {
  againCallback,
  cardKeyboard,
  detailsCallback,
  moreCallback,
  sendBatch,
  sendDetails,
  voteCallback,
} from '../product-cards.ts'
import { questionCallbacks, takeTapOnScreen, tickedIndexes } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'

/**
 * "Pick a product": /quiz and the menu enter the quiz conversation; the
 * result cards' buttons (👍/👎, Show more, Details) are handled here, outside
 * any conversation, and checked against the database: the result must be the
 * pressing client's own and current, the product one of its matches.
 */
export function registerQuizFeature(deps: Deps, scopes: BotScopes): void {
  const service = deps.services.quiz
  const feature = scopes.private

  const start = async (ctx: BotContext) => {
    await ctx.conversation.exitAll()
    await ctx.conversation.enter(QUIZ_CONVERSATION, { mode: 'start' })
  }

  feature.command('quiz', start)

  feature.callbackQuery(menuCallback.filter, async (ctx, next) => {
    const [item] = menuCallback.unpack(ctx.callbackQuery.data) ?? []
    if (item !== 'quiz') return next()
    await ctx.answerCallbackQuery()
    await start(ctx)
  })

  // "Take again" under the results: always a new take (the menu's entry continues an unfinished one)
  feature.callbackQuery(againCallback.filter, async (ctx, next) => {
    const client = ctx.client
    if (!againCallback.unpack(ctx.callbackQuery.data) || !client) return next()
    await ctx.answerCallbackQuery()
    service.newTake(client.id)
    await start(ctx)
  })

  feature.callbackQuery(voteCallback.filter, async (ctx, next) => {
    const parts = voteCallback.unpack(ctx.callbackQuery.data)
    const client = ctx.client
    if (!parts || !client) return next()
    const [resultId, productId, direction] = parts
    const result = service.vote(client.id, resultId, productId, direction === 'up' ? 1 : -1)
    if (result.status === 'stale') return next()
    if (result.status === 'old') return ctx.answerCallbackQuery({ text: ctx.t('quiz-old-result') })
    await ctx.answerCallbackQuery({ text: ctx.t(result.vote === 1 ? 'quiz-liked' : 'quiz-disliked') })
    if (result.status === 'same') return // a double tap: already recorded
    const card = clientMarkup(ctx, cardKeyboard(ctx, resultId, productId, result.vote)).reply_markup
    await replaceButtons(ctx, card ?? { inline_keyboard: [] })
    if (result.vote === -1 && result.allShownRejected) {
      // Both options rejected: two more if there are any, and a person either way
      // (A person: not to a client whose request is open, who is with one already)
      const rows = [
        result.remaining > 0
          ? [InlineKeyboard.text(ctx.t('quiz-more-button'), moreCallback.pack(resultId, result.offset))]
          : [],
        offersManager(ctx) ? [InlineKeyboard.text(ctx.t('quiz-consult-button'), menuCallback.pack('manager'))] : [],
        result.remaining === 0 ? [InlineKeyboard.text(ctx.t('quiz-again-button'), againCallback.pack('new'))] : [],
      ]
      const keyboard = InlineKeyboard.from(rows.filter((row) => row.length > 0))
      await ctx.reply(
        ctx.t(result.remaining > 0 ? 'quiz-rejected-more' : 'quiz-rejected-none'),
        clientMarkup(ctx, keyboard),
      )
    }
  })

  feature.callbackQuery(moreCallback.filter, async (ctx, next) => {
    const parts = moreCallback.unpack(ctx.callbackQuery.data)
    const client = ctx.client
    if (!parts || !client) return next()
    const [resultId, offset] = parts
    const batch = service.more(client.id, resultId, offset, await ctx.i18n.getLocale())
    if (batch === 'stale') return next()
    if (batch === 'old') return ctx.answerCallbackQuery({ text: ctx.t('quiz-old-result') })
    if (batch === 'shown') return ctx.answerCallbackQuery({ text: ctx.t('quiz-already-shown') })
    if (batch.cards.length === 0) return ctx.answerCallbackQuery({ text: ctx.t('quiz-nothing-more') })
    await ctx.answerCallbackQuery()
    await sendBatch(ctx, deps, batch)
  })

  feature.callbackQuery(detailsCallback.filter, async (ctx, next) => {
    const parts = detailsCallback.unpack(ctx.callbackQuery.data)
    const client = ctx.client
    if (!parts || !client) return next()
    const product = service.product(client.id, parts[0], parts[1])
    if (!product) return next()
    if (product === 'removed') return ctx.answerCallbackQuery({ text: ctx.t('quiz-product-removed') })
    await ctx.answerCallbackQuery()
    await sendDetails(ctx, product)
  })

  // A question's button with no conversation waiting for it: the question the take stands at
  // takes the tap; any other continues the quiz where it stopped. Once the take has its
  // results, a tap that repeats a stored answer is "already recorded"; any other (another
  // option of a question still in the chat) changes nothing, and the client is told so and
  // how to retake, rather than led to think the new choice counted
  feature.callbackQuery(questionCallbacks.quiz.filter, async (ctx, next) => {
    const parts = questionCallbacks.quiz.unpack(ctx.callbackQuery.data)
    const client = ctx.client
    if (!parts || !client) return next()
    const [key, fingerprint, action, index] = parts
    if (service.standsAt(client.id, key, fingerprint) && (await takeTapOnScreen(ctx, QUIZ_CONVERSATION, key))) return
    if (!service.isUnfinished(client.id)) {
      const markup = ctx.callbackQuery.message?.reply_markup
      const tap: AnswerTap | undefined =
        action === 'o'
          ? { kind: 'option', index }
          : action === 'k'
            ? { kind: 'keep' }
            : action === 'd'
              ? { kind: 'done', ticked: tickedIndexes('quiz', key, fingerprint, markup) }
              : undefined
      const repeated = tap !== undefined && service.repeatsAnswer(client.id, key, fingerprint, tap)
      await ctx.answerCallbackQuery({ text: ctx.t(repeated ? 'question-already-answered' : 'quiz-finished-retake') })
      return
    }
    await ctx.answerCallbackQuery({ text: ctx.t('question-resuming') })
    await start(ctx)
  })
}
