import { DISCOVERY_CONVERSATION } from '../../../conversations/discovery.ts'
import { plainLabel } from '../../../conversations/typed-label.ts'
import type { ClientRow } from '../../../db/schema.ts'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { clientName } from '../../format.ts'
import { DAY_MS } from '../../services/time.ts'
import type { BotContext } from '../context.ts'
import { removeButtons, setButtons } from '../courtesy.ts'
import {
  editAnswerCallback,
  editChoiceKeyboard,
  nextStepKeyboard,
  sendDiscoverySummary,
  summaryCallback,
  summaryFingerprint,
} from '../discovery-summary.ts'
import { chatOf } from '../handoff/message-entry.ts'
import { clientMarkup, menuCallback, menuItemOffered, offersManager } from '../keyboards/main-menu.ts'
import { questionCallbacks, showChosenAnswer, takeTapOnScreen } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'
import { isYesToConfirm } from '../typed-answers.ts'

/**
 * "Tell us what you need": enters the discovery conversation (it continues
 * at the first unanswered question) and handles the summary's buttons —
 * Correct (next step), Edit (one answer) — outside any conversation, so they
 * work whenever the client comes back to them.
 */
export function registerDiscoveryFeature(deps: Deps, scopes: BotScopes): void {
  const service = deps.services.discovery
  const feature = scopes.private

  const start = async (ctx: BotContext) => {
    await ctx.conversation.exitAll()
    await ctx.conversation.enter(DISCOVERY_CONVERSATION, { mode: 'start' })
  }

  // The menu's "Tell us what you need" as a command, as /quiz is its "Pick a service"
  feature.command('brief', start)

  feature.callbackQuery(menuCallback.filter, async (ctx, next) => {
    const [item] = menuCallback.unpack(ctx.callbackQuery.data) ?? []
    if (item !== 'discovery') return next()
    await ctx.answerCallbackQuery()
    await start(ctx)
  })

  feature.callbackQuery(summaryCallback.filter, async (ctx, next) => {
    const [action, shown] = summaryCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!action || !client) return next()
    if (!service.isComplete(client.id)) {
      // The summary is out of date (a question was added, or the client has not finished): continue instead
      await ctx.answerCallbackQuery({ text: ctx.t('discovery-summary-outdated') })
      return start(ctx)
    }
    const items = service.summary(client.id)
    if (shown !== undefined && shown !== summaryFingerprint(items)) {
      // An answer changed since this summary (from Edit), or the questions did: confirming it would
      // confirm what it no longer shows
      await ctx.answerCallbackQuery({ text: ctx.t('discovery-summary-changed') })
      await removeButtons(ctx)
      return sendDiscoverySummary(ctx, items)
    }
    await ctx.answerCallbackQuery()
    if (action === 'ok') {
      await removeButtons(ctx) // confirmed: the summary's buttons are done
      return summaryConfirmed(ctx, client)
    }
    if (action === 'edit') {
      return ctx.reply(ctx.t('discovery-edit-which'), { reply_markup: await editChoiceKeyboard(ctx, items) })
    }
    return sendDiscoverySummary(ctx, items)
  })

  /**
   * The summary's Correct: the next step, a manager first for a client who wants it detailed. With
   * a request open, none is offered (`offersManager`): the manager has the chat, and the answers
   * on the card, and the words say so.
   */
  function summaryConfirmed(ctx: BotContext, client: ClientRow) {
    const wantsPerson = service.wantsPerson(client.id)
    const name = clientName(client) || ctx.t('discovery-friend')
    const quiz = menuItemOffered('quiz', deps.content.get())
    const key = !offersManager(ctx)
      ? 'discovery-next-request'
      : wantsPerson
        ? 'discovery-next-person'
        : 'discovery-next'
    // In the owner's own chat, a call to book and no menu (`clientMarkup`)
    return ctx.reply(
      ctx.t(key, { name, quiz: quiz ? 'yes' : 'no' }),
      clientMarkup(ctx, nextStepKeyboard(ctx, wantsPerson, quiz), { offers: 'booking' }),
    )
  }

  // "Да", "всё верно", "correct" typed under the summary while it is the last thing the bot said
  // in that chat: its Correct. The client used to be told the bot understands buttons best, or
  // (returning) got a request for a manager, and the summary stayed unconfirmed. Agreement as it is
  // typed to "Is that right?" ("yes thats right", "yep all correct", "да, всё так") is read as a
  // booking's "Всё верно?" reads it: a plain yes alone left those to the generic fallback
  feature.on('message:text', async (ctx, next) => {
    const client = ctx.client
    const text = ctx.msg.text
    // The button's words are read only for a short text: this runs on every client message
    const correct = () => text.length <= 40 && plainLabel(text) === plainLabel(ctx.t('discovery-correct-button'))
    // The summary must be the bot's last word (from memory) before the words are read: most texts
    // are under a manager's answer, or another word of the bot's a day old
    if (!client || !deps.services.handoff.botSaidLast(client.id, chatOf(ctx.msg), DAY_MS)) return next()
    if (!(isYesToConfirm(text) || correct())) return next()
    const asked = deps.services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS, { nothingSince: true })
    const name = clientName(client) || ctx.t('discovery-friend')
    const summary =
      asked?.text.startsWith(ctx.t('discovery-summary-title', { name })) &&
      asked.text.endsWith(ctx.t('discovery-summary-check'))
    if (!asked || !summary || !service.isComplete(client.id)) return next()
    ctx.log.info({ clientId: client.id }, 'the summary confirmed by a typed yes')
    if (asked.clientMessageId) await setButtons(ctx, asked.clientMessageId, null, 'the confirmed summary')
    return summaryConfirmed(ctx, client)
  })

  feature.callbackQuery(editAnswerCallback.filter, async (ctx, next) => {
    const [key] = editAnswerCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!key || !client) return next()
    const item = service.summary(client.id).find((i) => i.key === key)
    if (!item) {
      await ctx.answerCallbackQuery({ text: ctx.t('question-button-old') })
      return
    }
    await ctx.answerCallbackQuery()
    // The list is answered: it shows which answer is being changed and keeps no buttons (the
    // summary that follows has its own Edit)
    await showChosenAnswer(ctx, ctx.t('discovery-edit-which'), pickText(item.text, await ctx.i18n.getLocale()))
    await ctx.conversation.exitAll()
    await ctx.conversation.enter(DISCOVERY_CONVERSATION, { mode: 'ask', key, edit: true })
  })

  // A question's button with no conversation waiting for it (after /cancel, a restart on a
  // new conversation version, a second tap on the last question): the question the client
  // stands at takes the tap; so does, once discovery is complete, an answered question still
  // on screen with its buttons (asked from the summary's Edit, then left for the menu): the
  // tap changes that answer and the summary follows; any other continues where they stopped
  feature.callbackQuery(questionCallbacks.discovery.filter, async (ctx, next) => {
    const parts = questionCallbacks.discovery.unpack(ctx.callbackQuery.data)
    const client = ctx.client
    if (!parts || !client) return next()
    const [key, fingerprint] = parts
    if (service.standsAt(client.id, key, fingerprint) && (await takeTapOnScreen(ctx, DISCOVERY_CONVERSATION, key))) {
      return
    }
    if (service.isComplete(client.id)) {
      const taken =
        service.answeredAt(client.id, key, fingerprint) &&
        (await takeTapOnScreen(ctx, DISCOVERY_CONVERSATION, key, { edit: true }))
      if (taken) return
      await ctx.answerCallbackQuery({ text: ctx.t('question-already-answered') })
      return
    }
    await ctx.answerCallbackQuery({ text: ctx.t('question-resuming') })
    await start(ctx)
  })
}
