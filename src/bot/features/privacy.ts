import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { flowRunning } from '../../../conversations/continuation.ts'
import type { ForgetQuestion } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { clientLocale } from '../../format.ts'
import { timezoneOf } from '../../services/followups/index.ts'
import { DAY_MS, isQuietTime } from '../../services/time.ts'
import { defineCallback } from '../callback-data.ts'
import { chatKind, refusalNow, replyKeyboardsAllowed } from '../client-chat.ts'
import { setOwnMenu } from '../commands.ts'
import type { BaseContext, BotContext } from '../context.ts'
import { logCourtesyFailure, removeButtons, setButtons } from '../courtesy.ts'
import { chatOf } from '../handoff/message-entry.ts'
import { botWordsToldOtherwise } from '../handoff/recorder.ts'
import { translator } from '../keyboards/booking.ts'
import { backKeyboard, clientMarkup } from '../keyboards/main-menu.ts'
import { showChosenAnswer, showPressedAnswer } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'
import {
  aboutErasing,
  agreesToErase,
  asksMoreBeside,
  asksToErase,
  declinesErasure,
  declinesNews,
  isPlainNo,
  isYesToNews,
  stopsAmong,
} from '../typed-answers.ts'
import { asksForTheButtons } from './unhandled.ts'

/** The answer to the consent question; `privacy`: pressed under /privacy, whose text then says the new state. */
export const consentCallback = defineCallback('consent', [z.enum(['yes', 'no']), z.enum(['privacy']).optional()])
export const forgetCallback = defineCallback('forget', [z.enum(['yes', 'no'])])

/**
 * The consent question with its buttons: at a client's first /start, and once more after a moment
 * of value (`askConsentAgain`). One text, so a typed yes or no under either is read as its answer.
 */
export async function askConsent(ctx: BaseContext): Promise<void> {
  await ctx.reply(ctx.t('consent-question'), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t('consent-yes-button'), consentCallback.pack('yes'))
      .text(ctx.t('consent-no-button'), consentCallback.pack('no')),
  })
}

/**
 * After a moment of value (a closed request rated well, a good check-in), the consent question
 * once more to a client who never answered it — asked at their first /start, it is mostly left
 * unanswered under the question they were typing or the quiz they began. Never to one who declined
 * or withdrew, never a third time (`mayAskConsentAgain`), and only where and when it fits: in the
 * bot's own chat (broadcasts go from there, not through the owner's account), not to a team
 * member, not inside a flow (its step waits for an answer), not in the client's quiet hours.
 * True when it was asked: the caller's own next word (the menu after a rating's thanks) then waits.
 */
export async function askConsentAgain(deps: Deps, ctx: BotContext): Promise<boolean> {
  const client = ctx.client
  const { clients } = deps.services
  if (!client || ctx.staffRole || !replyKeyboardsAllowed(ctx) || flowRunning(ctx)) return false
  if (!clients.mayAskConsentAgain(client)) return false
  const { timezone } = deps.content.get().business
  if (isQuietTime(deps.clock.now(), timezoneOf(client, timezone), deps.content.get().followups.quiet_hours)) {
    return false
  }
  clients.markConsentAskedAgain(client.id)
  ctx.log.info({ clientId: client.id }, 'the consent question asked once more, after a moment of value')
  await askConsent(ctx)
  return true
}

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
  const result = await optOut(deps, ctx)
  if (result === undefined) return undefined
  const already = result === 'already' ? 'yes' : 'no'
  // (With a request open they are talking to a manager already: the menu only)
  await ctx.reply(ctx.t('stop-done', { already }), clientMarkup(ctx, backKeyboard(ctx)))
  return result
}

/**
 * The opt-out of /stop, said by the caller: no more marketing, and the newsletter question, when it
 * is the last thing the bot asked, loses its buttons. Undefined without a client.
 */
export async function optOut(
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
      await ctx.reply(thanks, clientMarkup(ctx, backKeyboard(ctx)))
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
   * orders paid and their work not done (`paid`), that nobody can reach them about that work.
   * With any order (`records`), that the records of the orders and payments stay without their
   * name, for accounting (db/repositories/erasure.ts keeps them): a client with a prepayment asked
   * "а оплата моя тоже пропадет?", and "only anonymous statistics remain" was not so
   */
  const forgetQuestion = (
    ctx: BaseContext,
    request: 'yes' | 'no',
    invoices: number,
    paid: number,
    records: 'yes' | 'no',
  ) => ctx.t('forget-confirm', { request, invoices, paid, records })
  /** Its plain form, which every form of it begins with: what a message is known to be it by. */
  const plainForgetQuestion = (ctx: BaseContext) => forgetQuestion(ctx, 'no', 0, 0, 'no')
  /** Whether /forget keeps records of this client: their orders and payments, for accounting. */
  const recordsOf = (clientId: number | undefined): 'yes' | 'no' =>
    clientId !== undefined && services.orders.all(clientId).length > 0 ? 'yes' : 'no'
  /**
   * What erasing would cancel now, as the question names it: the open request, the unpaid
   * invoices, the paid orders whose work is not done — and `named`, the same by their ids, kept
   * with the question asked: a Yes erases only while it is still what the question named. By
   * ids, not by the question's words: an invoice paid and another issued since, or a request
   * closed and another opened, leave the words as they were, and the client agreed to the others.
   */
  const consequencesOf = (clientId: number) => {
    const request = services.handoff.current(clientId)
    const unpaid = services.orders.unpaid(clientId)
    const paid = services.orders.notDone(clientId).filter((o) => o.status === 'paid')
    const ids = (orders: readonly { id: number }[]) => orders.map((o) => o.id).sort((a, b) => a - b)
    const named = JSON.stringify({ request: request?.id ?? null, unpaid: ids(unpaid), paid: ids(paid) })
    return { request: request !== undefined, invoices: unpaid.length, paid: paid.length, named }
  }
  /** The chat of this update in the client's: the bot's own (null), or the owner's account's. */
  const chatHere = (ctx: BaseContext) => ctx.businessConnectionId ?? null
  /**
   * A copy of /forget's question that no longer stands (`question`, in this chat) loses its
   * buttons — not `except`, the message the update answers, which the caller shows answered.
   * Too old to edit, it keeps them: a Yes there asks again all the same.
   */
  const dropButtons = async (ctx: BaseContext, question: ForgetQuestion | undefined, except?: number) => {
    if (question === undefined || question.chat !== chatHere(ctx) || question.messageId === except) return
    await setButtons(ctx, question.messageId, null, "an earlier copy of /forget's question")
  }
  /**
   * Sends `text` with the question's buttons as the copy that stands now, naming `named`; the copy
   * that stood loses its buttons first (the pressed one is the caller's to show answered).
   */
  const sendStanding = async (ctx: BaseContext, clientId: number, text: string, named: string) => {
    await dropButtons(ctx, services.clients.forgetQuestion(clientId), ctx.callbackQuery?.message?.message_id)
    const sent = await ctx.reply(text, { reply_markup: forgetKeyboard(ctx) })
    services.clients.setForgetQuestion(clientId, { chat: chatHere(ctx), messageId: sent.message_id, named })
  }
  /**
   * Asks /forget's question as things stand for this client (`lead` above it), which becomes the
   * one that stands: its Yes erases; any earlier copy's asks again.
   */
  const askToForget = async (ctx: BaseContext, lead?: string) => {
    const client = ctx.client
    const now = client === undefined ? undefined : consequencesOf(client.id)
    const question = forgetQuestion(
      ctx,
      now?.request ? 'yes' : 'no',
      now?.invoices ?? 0,
      now?.paid ?? 0,
      recordsOf(client?.id),
    )
    const text = lead ? `${lead}\n\n${question}` : question
    if (client && now) await sendStanding(ctx, client.id, text, now.named)
    else await ctx.reply(text, { reply_markup: forgetKeyboard(ctx) })
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
  /**
   * The erasure is confirmed with its button only, and this says so, with the buttons again: they
   * are the question's now (the copy above loses its own). When what the question named no longer
   * holds (an invoice issued since), or none stands, the question follows it as things stand.
   */
  const askForButtons = async (ctx: BaseContext) => {
    const buttons = { yes: ctx.t('forget-yes-button'), no: ctx.t('forget-no-button') }
    const text = ctx.t('forget-use-buttons', buttons)
    const client = ctx.client
    const standing = client && services.clients.forgetQuestion(client.id)
    const now = client && consequencesOf(client.id)
    if (!client || !now || standing?.chat !== chatHere(ctx) || standing.named !== now.named) {
      return askToForget(ctx, text)
    }
    await sendStanding(ctx, client.id, text, standing.named)
  }
  /**
   * The client keeps their data (No pressed, or a no typed): no question stands any more, and the
   * copy that stood loses its buttons (`answered`: the message answered, which shows the answer).
   */
  const keepData = async (ctx: BotContext, clientId: number, answered: number | undefined) => {
    const standing = services.clients.forgetQuestion(clientId)
    if (standing) services.clients.setForgetQuestion(clientId, null)
    await dropButtons(ctx, standing, answered)
    // Asked in the middle of a flow ("удалите мои данные" at a booking's comment): its question
    // still waits, and the menu's buttons would lead away from it
    const inFlow = flowRunning(ctx)
    await ctx.reply(
      ctx.t('forget-kept', { flow: inFlow ? 'yes' : 'no' }),
      inFlow ? {} : clientMarkup(ctx, backKeyboard(ctx)),
    )
    tellTopic(clientId, 'forget-staff-kept')
  }

  // A yes or a no typed under the newsletter question or /forget's, when it is the last thing
  // the bot said: the newsletter's is that answer; /forget's no is its "No, keep it" (harmless:
  // "wait no", "no keep it", even the button's words had gone to the team unanswered, and a bare
  // "no" was told to confirm with a button), its yes — the erasure, which cannot be undone — is
  // asked again with its buttons (a typed "yes delete everything" used to reopen a closed request).
  // The erasure asked for in words ("удалите мои данные"), in a flow or out of one: /forget's
  // question — it had gone to the team as any message, or been taken as a booking's comment, and
  // the client was never told the bot does it
  feature.on('message:text', async (ctx, next) => {
    const client = ctx.client
    if (!client) return next()
    const text = ctx.msg.text
    const erase = asksToErase(text)
    // A yes or a no answers a question of the bot's only while the bot said the last word in the
    // chat (`openQuestion`), asked first from memory: most texts (under a manager's answer, or a
    // word of the bot's a day old) are not read for one
    const answers = services.handoff.botSaidLast(client.id, chatOf(ctx.msg), DAY_MS)
    const yes = answers && isYesToNews(text)
    const no = answers && !yes && isPlainNo(text)
    const keeps = answers && !yes && declinesErasure(text)
    // A no to the newsletter's question in the client's own words ("I'd rather not"): its No only
    const declines = answers && !yes && !no && declinesNews(text)
    if (!(yes || no || keeps || erase || declines || aboutErasing(text))) return next()
    // Asked in the chat it is typed in: the bot's own, or the owner's account's where the bot asked it
    const asked = services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS)
    const question = asked?.text
    // (Whatever it said of a request, invoices or paid orders then, and after "asked in words" too:
    // its plain form is in it; or it is the copy that stands, the "use the buttons" below it)
    const plain = plainForgetQuestion(ctx)
    const standing = services.clients.forgetQuestion(client.id)
    const onStanding =
      asked?.clientMessageId != null &&
      standing?.chat === chatOf(ctx.msg) &&
      standing.messageId === asked.clientMessageId
    if (question !== undefined && (onStanding || question.includes(plain))) {
      if (keeps) {
        ctx.log.info({ clientId: client.id }, 'a no typed to /forget: nothing erased')
        // The question shows the answer under it, as pressed, and loses its buttons
        const answered = asked?.clientMessageId ?? undefined
        if (answered !== undefined)
          await showChosenAnswer(ctx, question, ctx.t('forget-no-button'), undefined, answered)
        return keepData(ctx, client.id, answered)
      }
      if (yes || no || erase || aboutErasing(text)) {
        ctx.log.info({ clientId: client.id }, 'a typed answer to /forget: asked again with its buttons')
        return askForButtons(ctx)
      }
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
      // A stop said with it («вы мне больше не пишите и удалите меня отовсюду»): done at once, as
      // /stop would do it (the erasure waits for its button, and may be declined), and said above
      // the question — the bigger ask, whose answer decides the rest. In the bot's own chat only,
      // as a stop typed alone (no broadcast goes to the owner's: there it is said to them)
      const stops = stopsAmong(text) && replyKeyboardsAllowed(ctx)
      const stopped = stops ? await optOut(deps, ctx) : undefined
      const news = stopped === undefined ? 'none' : stopped === 'already' ? 'already' : 'done'
      await askToForget(ctx, ctx.t('forget-asked-in-words', { stopped: news }))
      // A manager reading the chat reads the words too, as any (a flow's step would take them as
      // its answer), and the line that the bot asked them to confirm after them. An opt-out made
      // now has its notice there already ("the bot answered them itself"), and that line says the
      // question: what the bot told them is not shown under the words as well — it said the stop
      // a second time
      if (services.handoff.isOpen(client.id) && !flowRunning(ctx)) {
        if (!asksMoreBeside(text, asksToErase)) ctx.answeredByBot = true
        if (news === 'done') botWordsToldOtherwise(ctx)
        await next()
      }
      tellTopic(client.id, 'forget-staff-asked')
      return
    }
    // The newsletter's question, also with the bot's "I'm a bot and understand buttons best" to words
    // it misread below it ("I'd rather not" once was): a "no thanks" after that went unanswered, the
    // question keeping its buttons. Only a no there: a bare yes after words misread may answer them
    const consent = ctx.t('consent-question')
    const news =
      question === consent
        ? asked
        : services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS, {
            nudge: (said) => asksForTheButtons(said, ctx.t.bind(ctx)),
          })
    if (news?.text !== consent || !(yes || no || declines) || (yes && news.nudged)) return next()
    services.clients.answerConsent(client.id, yes)
    ctx.log.info({ clientId: client.id, agreed: yes }, 'a typed answer to the newsletter question')
    if (news.clientMessageId) await setButtons(ctx, news.clientMessageId, null, 'the answered newsletter question')
    return ctx.reply(ctx.t(yes ? 'consent-thanks' : 'consent-declined'))
  })

  feature.command('stop', (ctx) => stopNewsletters(deps, ctx))
  // /unsubscribe typed by a client in their own chat is /stop: the word says what they want, and
  // "I don't know that command" answered it (it is only the staff's, in a client's topic, below).
  // A team member in their own chat with the bot means that one: the hint says where it works
  feature.command('unsubscribe', (ctx, next) =>
    ctx.staffRole && replyKeyboardsAllowed(ctx) ? next() : stopNewsletters(deps, ctx),
  )

  // /unsubscribe in a client's topic: the client asked in words the bot could not be sure of ("and
  // please, no more of those offers, they annoy me") and stayed subscribed — the manager had no way
  // to unsubscribe them. Their consent is withdrawn by the team member on their word (recorded as
  // withdrawn, by whom: not a decline), and they are told so in their language
  scopes.clientTopic.command('unsubscribe', (ctx) => {
    const client = ctx.topicClient
    const status = services.clients.withdrawByStaff(client.id, ctx.from?.id)
    const reply = (text: string) => answerStaff(deps, ctx, text, { clientId: client.id })
    if (status !== 'done') {
      const now = status === 'declined' || status === 'withdrawn' ? status : 'other'
      return reply(ctx.t('unsubscribe-staff-not-subscribed', { status: now }))
    }
    ctx.log.info({ clientId: client.id }, "marketing consent withdrawn by staff on the client's word")
    const refusal = refusalNow(deps, client)
    const t = translator(deps.i18n, clientLocale(client, deps))
    const queued =
      refusal === undefined &&
      services.handoff.sendToClient(client.id, { text: t('unsubscribe-staff-client') }, ctx.from?.id ?? null)
    const why = refusal ? ctx.t(`business-refusal-${refusal}`) : ctx.t('order-client-gone')
    return reply(ctx.t('unsubscribe-staff-done', { told: queued ? 'yes' : 'no', why }))
  })

  feature.command('forget', async (ctx) => {
    await askToForget(ctx)
    if (ctx.client) tellTopic(ctx.client.id, 'forget-staff-asked')
  })

  feature.callbackQuery(forgetCallback.filter, async (ctx, next) => {
    const [answer] = forgetCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!answer || !client) return next()
    await ctx.answerCallbackQuery()
    const pressed = ctx.callbackQuery.message?.message_id
    if (answer === 'no') {
      // The question keeps the answer under it, as every question pressed does
      await showPressedAnswer(ctx, ctx.t('forget-no-button'))
      return keepData(ctx, client.id, pressed)
    }
    // Only the question that stands erases, while what it named still holds. A Yes on an earlier
    // copy, on one answered since, or on one asked before an invoice, a paid order or a request
    // it would cancel came: erased at once a week after "No, keep it", under a question that never
    // named the invoice issued since. It asks again as things stand, and erases nothing
    const standing = services.clients.forgetQuestion(client.id)
    const onIt = standing !== undefined && standing.chat === chatHere(ctx) && standing.messageId === pressed
    if (!onIt || standing.named !== consequencesOf(client.id).named) {
      ctx.log.info({ clientId: client.id, onIt }, "a Yes on /forget's question that no longer stands: asked again")
      await removeButtons(ctx)
      await askToForget(ctx, ctx.t('forget-asked-again', { why: onIt ? 'changed' : 'earlier' }))
      tellTopic(client.id, 'forget-staff-asked')
      return
    }
    await showPressedAnswer(ctx, ctx.t('forget-yes-button'))
    await ctx.conversation.exitAll()
    // Read before the erasure, which keeps the orders but no longer ties them to anyone
    const records = recordsOf(client.id)
    services.erasure.erase(client.id)
    // The chat's own menu, in the language they had chosen, goes with the choice (an owner's is
    // set again, in the language of a newcomer). Before the reply: a reply that fails (a 5xx, the
    // client blocking the bot) would leave it, and nothing later takes it away. setOwnMenu
    // never throws, so the reply still goes
    if (client.languageChosen || ctx.staffRole === 'owner') await setOwnMenu(ctx.api, deps, ctx.from.id)
    await ctx.reply(ctx.t('forget-done', { chat: chatKind(ctx), records }))
  })

  // The bot's rename of a client's topic leaves a service message with their name in the
  // title; Telegram tells its id only in this update: noted for /forget to delete
  scopes.clientTopic.on('message:forum_topic_edited', (ctx) => {
    if (ctx.from?.id === ctx.me.id) services.topicStatus.renamed(ctx.topicClient.id, ctx.chat.id, ctx.msg.message_id)
  })
}
