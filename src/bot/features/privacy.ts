import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { flowRunning } from '../../../conversations/continuation.ts'
import type { Deps } from '../../deps.ts'
import { DAY_MS } from '../../services/time.ts'
import { defineCallback } from '../callback-data.ts'
import { replyKeyboardsAllowed } from '../client-chat.ts'
import { setOwnMenu } from '../commands.ts'
import type { BaseContext } from '../context.ts'
import { logCourtesyFailure, removeButtons, setButtons } from '../courtesy.ts'
import { chatOf } from '../handoff/message-entry.ts'
import { backKeyboard, menuBackKeyboard } from '../keyboards/main-menu.ts'
import { showChosenAnswer, showPressedAnswer } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'
import { aboutErasing, agreesToErase, asksMoreBeside, asksToErase, isPlainNo, isYesToNews } from '../typed-answers.ts'

/** The answer to the consent question; `privacy`: pressed under /privacy, whose text then says the new state. */
export const consentCallback = defineCallback('consent', [z.enum(['yes', 'no']), z.enum(['privacy']).optional()])
export const forgetCallback = defineCallback('forget', [z.enum(['yes', 'no'])])

const forgetKeyboard = (ctx: BaseContext) =>
  new InlineKeyboard()
    .text(ctx.t('forget-yes-button'), forgetCallback.pack('yes'))
    .row()
    .text(ctx.t('forget-no-button'), forgetCallback.pack('no'))

/**
 * /stop, or its words typed ("стоп", "не пишите мне больше"): no more marketing; what still comes
 * is said, and to one who was not subscribed, that nothing changed. The newsletter question, when
 * it is the last thing the bot asked, loses its buttons: "стоп" answered it. Returns what the
 * opt-out made of it (`already`: nothing changed); undefined without a client.
 */
export async function stopNewsletters(
  deps: Deps,
  ctx: BaseContext,
): Promise<ReturnType<Deps['services']['clients']['optOut']> | undefined> {
  const client = ctx.client
  if (!client) return undefined
  const result = deps.services.clients.optOut(client.id)
  const asked = ctx.msg && deps.services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS)
  if (asked?.clientMessageId && asked.text === ctx.t('consent-question')) {
    await setButtons(ctx, asked.clientMessageId, null, 'the newsletter question answered by a stop')
  }
  const already = result === 'already' ? 'yes' : 'no'
  // With a request open they are talking to a manager already: the menu only
  const keyboard = deps.services.handoff.isOpen(client.id) ? menuBackKeyboard(ctx) : backKeyboard(ctx)
  await ctx.reply(ctx.t('stop-done', { already }), { reply_markup: keyboard })
  return result
}

/**
 * /privacy (what is stored and why, consent status with a toggle), marketing
 * consent answers, /stop (marketing opt-out; service messages continue) and
 * /forget (erase personal data after an explicit confirmation), and what /forget must
 * find later that only an update tells (the service messages of the bot's topic renames).
 */
export function registerPrivacyFeature(deps: Deps, scopes: BotScopes): void {
  const { services } = deps
  const feature = scopes.private

  /** What is stored and why, the state of the newsletter, and the button that turns it over. */
  const privacyScreen = (ctx: BaseContext, subscribed: boolean) => ({
    text: ctx.t('privacy-text', { subscribed: subscribed ? 'yes' : 'no' }),
    keyboard: new InlineKeyboard().text(
      ctx.t(subscribed ? 'privacy-unsubscribe-button' : 'privacy-subscribe-button'),
      consentCallback.pack(subscribed ? 'no' : 'yes', 'privacy'),
    ),
  })

  feature.command('privacy', async (ctx) => {
    const client = ctx.client
    if (!client) return
    const { text, keyboard } = privacyScreen(ctx, services.clients.isSubscribed(client))
    await ctx.reply(text, { reply_markup: keyboard })
  })

  feature.callbackQuery(consentCallback.filter, async (ctx, next) => {
    const [answer, from] = consentCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!answer || !client) return next()
    const agreed = answer === 'yes'
    services.clients.answerConsent(client.id, agreed)
    await ctx.answerCallbackQuery()
    const thanks = ctx.t(agreed ? 'consent-thanks' : 'consent-declined')
    if (from === 'privacy') {
      // Its text said the old state ("not subscribed, subscribe below"): it says the new one
      const { text, keyboard } = privacyScreen(ctx, agreed)
      await ctx
        .editMessageText(text, { reply_markup: keyboard })
        .catch((err) => logCourtesyFailure(ctx.log, err, 'showing the new newsletter state'))
      await ctx.reply(thanks, { reply_markup: backKeyboard(ctx) })
      return
    }
    // The question asked at /start becomes the question, the answer and what it means, in place:
    // often answered in the middle of the questionnaire begun below it, a new message with menu
    // buttons there would push the question up and offer a way out of it
    const label = ctx.t(agreed ? 'consent-yes-button' : 'consent-no-button')
    if (!(await showChosenAnswer(ctx, ctx.t('consent-question'), label, thanks))) {
      await removeButtons(ctx)
      await ctx.reply(thanks)
    }
  })

  /**
   * /forget's question; with a request open (`request`), that it closes unanswered: a client who
   * asked for a call and then erased their data was not told the call request went too. With
   * orders paid and their work not done (`paid`), that nobody can reach them about that work
   * and what stays of the payment: a client with a prepayment asked "а оплата моя тоже пропадет?"
   */
  const forgetQuestion = (ctx: BaseContext, request: 'yes' | 'no', invoices: number, paid: number) =>
    ctx.t('forget-confirm', { request, invoices, paid })
  /** Its plain form, which every form of it begins with: what a message is known to be it by. */
  const plainForgetQuestion = (ctx: BaseContext) => forgetQuestion(ctx, 'no', 0, 0)
  /** The question as it is asked this client now: their open request, unpaid invoices and paid work not done named. */
  const forgetQuestionFor = (ctx: BaseContext) => {
    const client = ctx.client
    const open = client !== undefined && services.handoff.isOpen(client.id)
    const invoices = client === undefined ? 0 : services.orders.unpaid(client.id).length
    const paid = client === undefined ? 0 : services.orders.notDone(client.id).filter((o) => o.status === 'paid').length
    return forgetQuestion(ctx, open ? 'yes' : 'no', invoices, paid)
  }
  /**
   * With a request open, its topic hears that the client asked to erase their data and is asked
   * to confirm it, or that they kept it: the manager saw nothing of /forget and asked the client
   * what erasure they meant. The line goes as the bot's other notices there (the client's words,
   * when they asked in words, before it).
   */
  const tellTopic = (clientId: number, key: 'forget-staff-asked' | 'forget-staff-kept') => {
    if (services.handoff.isOpen(clientId)) services.handoff.notifyTopic(clientId, [{ key }])
  }
  /** The erasure is confirmed with its button only, and this says so, with the buttons again. */
  const askForButtons = (ctx: BaseContext) => {
    const buttons = { yes: ctx.t('forget-yes-button'), no: ctx.t('forget-no-button') }
    return ctx.reply(ctx.t('forget-use-buttons', buttons), { reply_markup: forgetKeyboard(ctx) })
  }

  // A yes or a no typed under the newsletter question or /forget's, when it is the last thing
  // the bot said: the newsletter's is that answer; the erasure, which cannot be undone, is asked
  // again with its buttons (a typed "yes delete everything" used to reopen a closed request).
  // The erasure asked for in words ("удалите мои данные"), in a flow or out of one: /forget's
  // question — it had gone to the team as any message, or been taken as a booking's comment, and
  // the client was never told the bot does it
  feature.on('message:text', async (ctx, next) => {
    const client = ctx.client
    const text = ctx.msg.text
    const yes = isYesToNews(text)
    const no = !yes && isPlainNo(text)
    const erase = asksToErase(text)
    if (!client || !(yes || no || erase || aboutErasing(text))) return next()
    // Asked in the chat it is typed in: the bot's own, or the owner's account's where the bot asked it
    const asked = services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS)
    const question = asked?.text
    // (Whatever it said of a request, invoices or paid orders then, and after "asked in words" too: its plain form is in it)
    const plain = plainForgetQuestion(ctx)
    if (question?.includes(plain)) {
      ctx.log.info({ clientId: client.id }, 'a typed answer to /forget: asked again with its buttons')
      return askForButtons(ctx)
    }
    // The erasure wanted in words ("ладно удаляйте", "удалите мои данные") under /forget's question
    // with a manager's message between ("А о каком удалении речь?"): its buttons still wait under
    // it, and the words went to the manager alone, the client waiting for an erasure nobody would
    // do. Asked again with the buttons; the manager, who was talking with them, reads the words too
    // and owes them an answer (they asked). Only words that can mean nothing else: after a
    // manager's "Может, про фото на сайте?", "фото с главной удалите" answers the manager
    if (
      (erase || agreesToErase(text)) &&
      services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS, { peopleSince: true })?.text.includes(plain)
    ) {
      ctx.log.info(
        { clientId: client.id },
        'erasure wanted in words under /forget, a manager between: asked for its buttons',
      )
      await askForButtons(ctx)
      // (A flow's step would take them as its answer; with no request open the buttons answer them)
      if (!services.handoff.isOpen(client.id) || flowRunning(ctx)) return
      return next()
    }
    if (erase) {
      ctx.log.info({ clientId: client.id }, 'the client asked in words to erase their data: asked to confirm')
      await ctx.reply(`${ctx.t('forget-asked-in-words')}\n\n${forgetQuestionFor(ctx)}`, {
        reply_markup: forgetKeyboard(ctx),
      })
      // A manager reading the chat reads the words too, as any (a flow's step would take them as
      // its answer), and the line that the bot asked them to confirm after them
      if (services.handoff.isOpen(client.id) && !flowRunning(ctx)) {
        if (!asksMoreBeside(text, asksToErase)) ctx.answeredByBot = true
        await next()
      }
      tellTopic(client.id, 'forget-staff-asked')
      return
    }
    if (question !== ctx.t('consent-question') || !(yes || no)) return next()
    services.clients.answerConsent(client.id, yes)
    ctx.log.info({ clientId: client.id, agreed: yes }, 'a typed answer to the newsletter question')
    if (asked?.clientMessageId) await setButtons(ctx, asked.clientMessageId, null, 'the answered newsletter question')
    return ctx.reply(ctx.t(yes ? 'consent-thanks' : 'consent-declined'))
  })

  feature.command('stop', (ctx) => stopNewsletters(deps, ctx))

  feature.command('forget', async (ctx) => {
    await ctx.reply(forgetQuestionFor(ctx), { reply_markup: forgetKeyboard(ctx) })
    if (ctx.client) tellTopic(ctx.client.id, 'forget-staff-asked')
  })

  feature.callbackQuery(forgetCallback.filter, async (ctx, next) => {
    const [answer] = forgetCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!answer || !client) return next()
    await ctx.answerCallbackQuery()
    // The question keeps the answer under it, as every question pressed does
    await showPressedAnswer(ctx, ctx.t(answer === 'yes' ? 'forget-yes-button' : 'forget-no-button'))
    if (answer === 'no') {
      // Asked in the middle of a flow ("удалите мои данные" at a booking's comment): its question
      // still waits, and the menu's buttons would lead away from it
      const inFlow = flowRunning(ctx)
      await ctx.reply(
        ctx.t('forget-kept', { flow: inFlow ? 'yes' : 'no' }),
        inFlow ? {} : { reply_markup: backKeyboard(ctx) },
      )
      tellTopic(client.id, 'forget-staff-kept')
      return
    }
    await ctx.conversation.exitAll()
    services.erasure.erase(client.id)
    // The chat's own menu, in the language they had chosen, goes with the choice (an owner's is
    // set again, in the language of a newcomer). Before the reply: a reply that fails (a 5xx, the
    // client blocking the bot) would leave it, and nothing later takes it away. setOwnMenu
    // never throws, so the reply still goes
    if (client.languageChosen || ctx.staffRole === 'owner') await setOwnMenu(ctx.api, deps, ctx.from.id)
    await ctx.reply(ctx.t('forget-done', { chat: replyKeyboardsAllowed(ctx) ? 'bot' : 'business' }))
  })

  // The bot's rename of a client's topic leaves a service message with their name in the
  // title; Telegram tells its id only in this update: noted for /forget to delete
  scopes.clientTopic.on('message:forum_topic_edited', (ctx) => {
    if (ctx.from?.id === ctx.me.id) services.topicStatus.renamed(ctx.topicClient.id, ctx.chat.id, ctx.msg.message_id)
  })
}
