import type { Conversation } from '@grammyjs/conversations'
import { InlineKeyboard } from 'grammy'
import type { AnswerMessage } from '../db/repositories/answers.ts'
import { conversationKey } from '../db/storage.ts'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { menuCallback } from '../src/bot/keyboards/main-menu.ts'
import { pickText } from '../src/content/text.ts'
import { clientName } from '../src/format.ts'
import type { LocaleKey } from '../src/locales/keys.ts'
import type { AnswerValue, FlowNext, FlowPlan, FlowStep } from '../src/services/questions.ts'
import { continueWith } from './continuation.ts'
import { askQuestion, quietEarlierCopy } from './question-step.ts'
import type { RequestState } from './to-manager.ts'

type FlowConversation = Conversation<BotContext, BaseContext>

/** What a question flow needs from its service (discovery and the quiz have the same shape). */
export interface QuestionFlowService {
  plan(clientId: number, step: FlowStep): FlowPlan | { kind: 'results' }
  fingerprint(key: string): string | undefined
  answer(
    clientId: number,
    key: string,
    value: AnswerValue,
    mode: { walk?: boolean; edit?: boolean },
    from?: AnswerMessage,
  ): FlowNext
  keep(clientId: number, key: string, mode: { walk?: boolean; edit?: boolean }): FlowNext
  back(key: string): FlowNext | undefined
}

export interface QuestionFlowOptions {
  /** The conversation's id: the next run is entered under it (continuation.ts). */
  id: string
  service: QuestionFlowService
  /**
   * Locale keys: `empty` (no questions in the content) with `emptyButton` to a manager;
   * `intro` ({ $name }, { $total }) and `resume` (also { $number }); `friend` when the
   * name is unknown.
   */
  texts: { empty: LocaleKey; emptyButton: LocaleKey; intro: LocaleKey; resume: LocaleKey; friend: LocaleKey }
  /** A skipped optional question is stored as an empty answer, or (a flow that offers no skip) asked again. */
  skip: 'store-empty' | 'ask-again'
  /** The client's request, open or closing (see askQuestion: what is no answer goes to the manager). */
  request(clientId: number): RequestState
  /** After the last question (or when the service says the results are due): summary, product cards. */
  finish(conversation: FlowConversation, ctx: BaseContext, clientId: number): Promise<void>
  /** The bot's clock, which a question left unanswered ages by. */
  now(): number
}

/** Chats whose question copy is remembered at most; the oldest is forgotten first. */
const COPIES_KEPT = 10_000

/**
 * Per chat, the message holding the copy of the flow's question to answer, so the run that asks
 * it again (after /menu and /quiz, the reminder's "Продолжить") takes the buttons off the copy
 * above. Kept in memory: after a restart an old copy keeps its buttons, and a tap on it while
 * the question waits is still refused (askQuestion).
 */
function createCopyBook() {
  const copies = new Map<string, number>()
  return {
    get(chat: string): number | undefined {
      return copies.get(chat)
    },
    replace(chat: string, id: number): number | undefined {
      const before = copies.get(chat)
      copies.delete(chat)
      copies.set(chat, id)
      const oldest = copies.keys().next()
      if (copies.size > COPIES_KEPT && !oldest.done) copies.delete(oldest.value)
      return before
    },
    done(chat: string, id: number): void {
      if (copies.get(chat) === id) copies.delete(chat)
    },
  }
}

/**
 * A flow of questions, one question per run: a run asks one question, stores the answer
 * at once (answers table) and re-enters itself for the next one (see continuation.ts), so
 * the replay log stays one question long and a restart, /cancel or a version bump never
 * costs an answer. Discovery and the quiz are this flow with their own texts and ending.
 */
export function buildQuestionFlow({ id, service, texts, skip, request, finish, now }: QuestionFlowOptions) {
  const copies = createCopyBook()
  return async function questionFlow(
    conversation: FlowConversation,
    ctx: BaseContext,
    step: FlowStep = { mode: 'start' },
  ): Promise<void> {
    const clientId = ctx.client?.id
    if (!clientId) return
    const plan = await conversation.external(() => service.plan(clientId, step))
    if (plan.kind === 'empty') {
      await ctx.reply(ctx.t(texts.empty), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t(texts.emptyButton), menuCallback.pack('manager'))
          .row()
          .text(ctx.t('menu-back'), menuCallback.pack('main')),
      })
      return
    }
    if (plan.kind !== 'ask') return finish(conversation, ctx, clientId)

    const q = plan.question
    // The tap that entered this run is for the question on screen: the run takes it over
    const onScreen = step.mode === 'ask' && step.onScreen === true && !plan.changed
    const chat = conversationKey(ctx.chatId ?? 0, ctx.businessConnectionId)
    const checks = {
      fingerprint: () => service.fingerprint(q.key),
      request: () => request(clientId),
      copy: () => copies.get(chat),
      newCopy: (message: number) => copies.replace(chat, message),
      copyDone: (message: number) => copies.done(chat, message),
      now,
    }
    if (!onScreen) await quietEarlierCopy(conversation, ctx, checks)
    const name = clientName(ctx.client) || ctx.t(texts.friend)
    if (plan.intro === 'fresh') {
      const intro = ctx.t(texts.intro, { name, total: q.total })
      const locale = await ctx.i18n.getLocale()
      const known = (plan.known ?? []).map(
        (a) => `${a.number}. ${pickText(a.text, locale)} — ${pickText(a.label, locale)}`,
      )
      await ctx.reply(
        known.length > 0
          ? `${intro}\n\n${ctx.t('question-known', { answers: known.join('\n'), left: q.total - known.length })}`
          : intro,
      )
    }
    if (plan.intro === 'resume') await ctx.reply(ctx.t(texts.resume, { name, number: q.number, total: q.total }))
    if (plan.changed) await ctx.reply(ctx.t('question-list-changed'))

    const outcome = await askQuestion(conversation, ctx, q, checks, onScreen)
    const mode = { walk: q.walk, edit: q.edit }
    const again: FlowNext = {
      mode: 'ask',
      key: q.key,
      ...(q.walk ? { walk: true } : {}),
      ...(q.edit ? { edit: true } : {}),
    }
    let next: FlowNext
    switch (outcome.kind) {
      case 'answer':
        next = await conversation.external(() => service.answer(clientId, q.key, outcome.value, mode, outcome.from))
        break
      case 'skip':
        next =
          skip === 'store-empty' ? await conversation.external(() => service.answer(clientId, q.key, '', mode)) : again
        break
      case 'keep':
        next = await conversation.external(() => service.keep(clientId, q.key, mode))
        break
      case 'back':
        next = (await conversation.external(() => service.back(q.key))) ?? { mode: 'ask', key: q.key }
        break
      case 'changed':
      case 'again':
        next = again
        break
    }
    if (next.mode === 'done') return finish(conversation, ctx, clientId)
    await continueWith(conversation, id, next)
  }
}
