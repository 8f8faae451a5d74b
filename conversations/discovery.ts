import type { Conversation } from '@grammyjs/conversations'
import { InlineKeyboard } from 'grammy'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { sendDiscoverySummary } from '../src/bot/discovery-summary.ts'
import { menuCallback } from '../src/bot/keyboards/main-menu.ts'
import type { Deps } from '../src/deps.ts'
import { clientName } from '../src/format.ts'
import type { FlowNext, FlowStep } from '../src/services/questions.ts'
import { continueWith } from './continuation.ts'
import { askQuestion } from './question-step.ts'

export const DISCOVERY_CONVERSATION = 'discovery'

/**
 * Needs discovery, one question per run: a run asks one question, stores the
 * answer at once (answers table) and re-enters itself for the next one
 * (see continuation.ts), so the replay log stays one question long and a
 * restart, /cancel or a version bump never costs an answer. After the last
 * question: "Вот что я понял" with Correct / Edit (handled in
 * src/bot/features/discovery.ts, outside any conversation).
 */
export function buildDiscoveryConversation(deps: Deps) {
  const service = deps.services.discovery
  return async function discovery(
    conversation: Conversation<BotContext, BaseContext>,
    ctx: BaseContext,
    step: FlowStep = { mode: 'start' },
  ) {
    const clientId = ctx.client?.id
    if (!clientId) return
    const plan = await conversation.external(() => service.plan(clientId, step))
    if (plan.kind === 'empty') {
      await ctx.reply(ctx.t('discovery-empty'), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('discovery-next-manager'), menuCallback.pack('manager'))
          .row()
          .text(ctx.t('menu-back'), menuCallback.pack('main')),
      })
      return
    }
    if (plan.kind === 'done') {
      await sendDiscoverySummary(ctx, await conversation.external(() => service.summary(clientId)))
      return
    }
    const q = plan.question
    const name = clientName(ctx.client) || ctx.t('discovery-friend')
    if (plan.intro === 'fresh') await ctx.reply(ctx.t('discovery-intro', { name, total: q.total }))
    if (plan.intro === 'resume') await ctx.reply(ctx.t('discovery-resume', { name, number: q.number, total: q.total }))
    if (plan.changed) await ctx.reply(ctx.t('question-list-changed'))

    const outcome = await askQuestion(conversation, ctx, q, () => service.fingerprint(q.key))
    const mode = { walk: q.walk, edit: q.edit }
    let next: FlowNext
    switch (outcome.kind) {
      case 'answer':
        next = await conversation.external(() => service.answer(clientId, q.key, outcome.value, mode))
        break
      case 'skip':
        next = await conversation.external(() => service.answer(clientId, q.key, '', mode))
        break
      case 'keep':
        next = await conversation.external(() => service.keep(clientId, q.key, mode))
        break
      case 'back':
        next = (await conversation.external(() => service.back(q.key))) ?? { mode: 'ask', key: q.key }
        break
      case 'changed':
      case 'again':
        next = { mode: 'ask', key: q.key, ...(q.walk ? { walk: true } : {}), ...(q.edit ? { edit: true } : {}) }
        break
    }
    if (next.mode === 'done') {
      await sendDiscoverySummary(ctx, await conversation.external(() => service.summary(clientId)))
      return
    }
    await continueWith(conversation, DISCOVERY_CONVERSATION, next)
  }
}
