import { InlineKeyboard } from 'grammy'
import type { Message } from 'grammy/types'
import { ABANDONED_AFTER_MS, flowRunning } from '../../../conversations/continuation.ts'
import type { ClientRow, HandoffRow, MessageRow, OrderRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { clientName } from '../../format.ts'
import { questionQuote } from '../../services/handoff/index.ts'
import { DAY_MS, RATING_STANDS_MS, TYPED_SCORE_MS } from '../../services/time.ts'
import { toButtons } from '../buttons.ts'
import { replyKeyboardsAllowed } from '../client-chat.ts'
import { commandForLog, commandOf, commandPlace, meantCommand } from '../commands.ts'
import type { BotContext } from '../context.ts'
import { react } from '../courtesy.ts'
import { deskPayCallback } from '../desk/callbacks.ts'
import { noteEtaTold, takeNightReply } from '../desk/night.ts'
import { clientVoice, orderAmount } from '../followup-texts.ts'
import {
  chatOf,
  describeEdit,
  describeMessage,
  forwardedFrom,
  isAcknowledgement,
  isServiceMessage,
  noteIn,
  realReplyTo,
  repliedWords,
  thanksForClosedRequest,
} from '../handoff/message-entry.ts'
import {
  botAnsweredUpdate,
  botWordsToldOtherwise,
  recordedMessage,
  recordTeamMemberWritingAgain,
  showBotWords,
} from '../handoff/recorder.ts'
import { noteRefundAsked, refundAsked } from '../handoff/refund.ts'
import { closeQuestionText, excerpt, handoffOpenedText } from '../handoff/texts.ts'
import { notePayLaterAsked } from '../pay-later.ts'
import { showChosenAnswer, typedScore } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'
import {
  asksForTheBoss,
  claimsPaid,
  invoiceNumberNamed,
  namesAPerson,
  onlyRemarks,
  onlyTells,
  promisedPayDays,
  promisesToPay,
  saysWhatIsLeft,
  settledBy,
  settlesItself,
  solvedAnswer,
  wantsNoMarketing,
} from '../typed-answers.ts'
import { askRatings, isRatedLowText, sayNotSolved, sayRatedLow, solvedThanksText } from './handoff.ts'
import { tellPaidReported } from './orders.ts'
import { stopNewsletters } from './privacy.ts'
import { answerPriceQuestion } from './unhandled.ts'

/** How long "you are with a manager…" stands as said, for a client asking for one again right under it. */
const SAID_ALREADY_MS = 30 * 60_000

/**
 * "Is your question solved?" of `request` (closing), while it is the last thing the client was told
 * in the chat `msg` is in, by the bot, from when it was asked on (nobody wrote to them since: a "да"
 * to a manager's or the owner's "shall we call tomorrow?" after /close answers them) — told by time,
 * not by its words, which a change of name or language since would make differ; within
 * TYPED_SCORE_MS. The bot's line it stands as, or undefined.
 */
export function closeQuestionStanding(
  deps: Deps,
  client: ClientRow,
  request: HandoffRow,
  msg: Pick<Message, 'business_connection_id'>,
) {
  if (request.status !== 'closing' || request.closeAskedAt === null) return undefined
  const asked = deps.services.handoff.openQuestion(client.id, chatOf(msg), TYPED_SCORE_MS)
  return asked && asked.at >= request.closeAskedAt ? asked : undefined
}

/**
 * "Is your question solved?" answered in words instead of its buttons, right under it
 * (`closeQuestionStanding`): "Да, спасибо" is the client's yes, "нет, ещё вопрос: …" their No, with
 * the words and the question's line. A sign is an answer too, typed or as a sticker's emoji
 * (`solvedAnswer`: a 👍 a yes, a 👎 a no). Undefined for anything else.
 */
export function typedCloseAnswer(
  deps: Deps,
  client: ClientRow,
  request: HandoffRow,
  msg: Pick<Message, 'text' | 'caption' | 'sticker' | 'business_connection_id'>,
) {
  // A sticker by the emoji it stands for: a 👍 sticker answers as a typed 👍 does
  const words = msg.text ?? msg.caption ?? msg.sticker?.emoji
  const answer = words === undefined ? undefined : solvedAnswer(words)
  if (words === undefined || answer === undefined) return undefined
  const asked = closeQuestionStanding(deps, client, request, msg)
  return asked && { yes: answer === 'yes', words, asked }
}

/**
 * "Is your question solved?" (`request` is closing) answered in words right under it
 * (`typedCloseAnswer`): a yes closes the request and its ratings are asked, a No opens it again as
 * after the button (not "wrote without answering"); the topic has the words already. False, and
 * nothing done, for anything else.
 */
export async function closeAnsweredInWords(
  ctx: BotContext,
  deps: Deps,
  client: ClientRow,
  request: HandoffRow,
  msg: Message,
): Promise<'yes' | 'no' | undefined> {
  const { handoff } = deps.services
  const typed = typedCloseAnswer(deps, client, request, msg)
  if (!typed) return undefined
  const { yes, words, asked } = typed
  if (handoff.answerClose(request.id, client.id, yes) !== (yes ? 'closed' : 'reopened')) return undefined
  ctx.log.info({ clientId: client.id, yes }, 'a typed answer to "is your question solved?"')
  // Answered: the question keeps the answer under it and loses its buttons, as when pressed ("✔️
  // Да, решён"; a later tap on it would only say it is out of date)
  const question = closeQuestionText(ctx.t, client)
  if (asked.clientMessageId && asked.text === question) {
    const answer = ctx.t(yes ? 'handoff-close-yes' : 'handoff-close-no')
    await showChosenAnswer(ctx, question, answer, undefined, asked.clientMessageId)
  }
  // Told what the button tells: the ratings, or that the manager goes on
  if (yes) await askRatings(ctx, deps, client, request.id)
  else await sayNotSolved(ctx, deps, request.id, saysWhatIsLeft(words))
  return yes ? 'yes' : 'no'
}

/**
 * A score ("5", "5 ⭐", "2") typed right under "Рады, что всё решили" — a request the client closed
 * with no ratings asked (they rated one within the week): their mark for it, as they gave the
 * last time, not a new question. It opened a request, and apologies and alerts for days. With
 * words of the rating's own (`ratingsOwnWords`: «5, спасибо большое», «3, долго ждала ответа»)
 * it is that mark too, with them; anything more ("5, а счёт пришлите", a thanks after a low
 * one) is the team's to read. Read as a rating question's typed answer is: right under it,
 * within RATING_STANDS_MS, 1 to 5.
 */
export function scoreUnderSolvedThanks(
  ctx: BotContext,
  deps: Deps,
  client: ClientRow,
  msg: Pick<Message, 'text' | 'business_connection_id'>,
): ReturnType<typeof typedScore> {
  const score = msg.text === undefined ? undefined : typedScore(msg.text)
  if (score === undefined || score.outOf === 10 || score.score < 1 || score.score > 5) return undefined
  if (score.comment !== undefined && !ratingsOwnWords(score.score, score.comment)) return undefined
  return solvedThanksStanding(ctx, deps, client, msg) ? score : undefined
}

/** Whether "Рады, что всё решили" is the last thing the client was told in the chat `msg` is in (within RATING_STANDS_MS). */
export function solvedThanksStanding(
  ctx: BotContext,
  deps: Deps,
  client: ClientRow,
  msg: Pick<Message, 'business_connection_id'>,
): boolean {
  const asked = deps.services.handoff.openQuestion(client.id, chatOf(msg), RATING_STANDS_MS)
  return asked?.text === solvedThanksText(ctx, client)
}

/**
 * Words after a score that are the rating's own, as under a rating question: a thanks with a good
 * one ("5 спасибо"), or words on how it went (`onlyRemarks`: «3, долго ждала ответа», "4 - great
 * work", "2, you took ages"). A thanks after a low one ("2, спасибо") says two things: the team's.
 */
function ratingsOwnWords(score: number, words: string): boolean {
  if (isAcknowledgement({ text: words })) return score >= 4
  return onlyRemarks(words)
}

/**
 * The mark typed under "Рады, что всё решили" (`scoreUnderSolvedThanks`) kept as the rating of the
 * help in the request it closed, as a typed answer to the quality question is: a low one is the
 * team's and the owners' to hear at once (no question follows), and the client hears the apology
 * a low rating gets — a ❤ under a "2" read as thanks. A good one, or one that request has already,
 * gets the ❤. Its words, if any, go to the topic. A re-delivered update was answered the first time.
 */
async function rateUnderSolvedThanks(
  ctx: BotContext,
  deps: Deps,
  client: ClientRow,
  msg: Message,
  { score, comment }: NonNullable<ReturnType<typeof typedScore>>,
): Promise<void> {
  const { handoff } = deps.services
  const request = handoff.awaitingRating(client.id)
  const result =
    request === undefined
      ? undefined
      : handoff.rate(request.handoffId, client.id, 'handoff_quality', score, comment, { last: true })
  // Its words shown to the team as a rating question's are ("долго ждала ответа" beside a 3)
  if (result && comment !== undefined && !result.saidBefore) {
    handoff.notifyTopic(client.id, [{ key: 'handoff-topic-rated-words', args: { words: comment } }])
  }
  if (result?.low) return sayRatedLow(ctx, { ...(result.good ? { good: result.good } : {}), words: comment })
  // (Not in an owner's Business chat, where a reaction would land in the bot's own chat)
  if (chatOf(msg) === null) await react(ctx, '❤')
}

/**
 * The unpaid invoice a client's message only promises to pay ("сейчас оплачу", "оплачу завтра"):
 * no question for the team, so no answer time runs for it. A request opened for one apologised to
 * a client who had paid a minute later, and chased the owner for days. The promise is kept on the
 * client's unpaid invoices, until the day its words name (`promisedPayDays`): their reminders wait
 * for the morning after it. (Kept again, the same, where one message is looked at twice.)
 */
export function promisedPayment(deps: Deps, clientId: number, msg: Pick<Message, 'text'>): OrderRow | undefined {
  const text = msg.text
  // A complaint's words with it (the content's trigger words) are the owners' to hear of
  if (text === undefined || !promisesToPay(text) || deps.services.handoff.matchTrigger(text)) return undefined
  return deps.services.orders.notePayPromise(clientId, (today) => promisedPayDays(text, today))[0]
}

/**
 * A payment promised after the client's request closed (`order`, from `promisedPayment`): no new request — the
 * topic is told, with the client's words, and the message gets a 👌 where a reaction reaches the
 * client (not in the owner's account: it would land in the bot's own chat). True when it was one.
 */
export async function notePaymentPromise(
  ctx: BotContext,
  deps: Deps,
  clientId: number,
  msg: Pick<Message, 'text'>,
  { order, duplicate, reacts }: { order: OrderRow | undefined; duplicate: boolean; reacts: boolean },
): Promise<boolean> {
  // The words first (`order`): most messages are no promise, and cost no query
  if (!order || !deps.services.handoff.wasClosed(clientId)) return false
  // A re-delivered update was told the first time
  if (duplicate) return true
  // With the time its reminders wait for: the manager knows when the bot asks again, and need not
  const until = deps.services.followups.promiseEnds(order)
  deps.services.handoff.notifyTopic(clientId, [
    {
      key: 'handoff-pay-promise',
      args: { id: String(order.id), words: excerpt(deps, { type: 'text', text: msg.text ?? '' }) },
    },
    ...(until === undefined ? [] : [{ key: 'handoff-pay-promise-until' as const, args: { until: { time: until } } }]),
  ])
  if (reacts) await react(ctx, '👌')
  return true
}

/**
 * A message that only tells the team something (`onlyTells`): "Оплатила! Тексты пришлю вечером"
 * once the bot has her payment confirmed, "скину завтра", "I'll send the texts tonight". Nobody
 * owes an answer to it: it reaches the topic as any message, and starts no answer time, as a
 * thanks does — it had the client apologised to for a wait she did not have, and the owners told
 * she waited. Not with a complaint's words (the content's trigger words): the owners are to hear.
 */
export function onlyInforms(deps: Deps, clientId: number, msg: Pick<Message, 'text'>): boolean {
  const text = msg.text
  if (text === undefined) return false
  const tells = onlyTells(text, {
    acknowledges: (part) => isAcknowledgement({ text: part }),
    paidKnown: () => paymentConfirmedLately(deps, clientId, text),
  })
  return tells && deps.services.handoff.matchTrigger(text) === undefined
}

/**
 * The client's word that what they asked is settled by themselves (`settlesItself`: «разобралась,
 * спасибо», «уже не нужно», "never mind, found it"): no answer is owed to it, and the wait going on
 * ends. Not with a complaint's words (the content's trigger words).
 */
export function settlesInWords(deps: Deps, msg: Pick<Message, 'text'>): boolean {
  const text = msg.text
  if (text === undefined) return false
  const settles = settlesItself(text, { acknowledges: (part) => isAcknowledgement({ text: part }) })
  return settles && deps.services.handoff.matchTrigger(text) === undefined
}

/**
 * A message after the client's request closed that needs no answer: news alone (`onlyInforms`:
 * «Получила посылку», «скину фото завтра», «Оплатила, спасибо» once the bot has the payment), or
 * the question taken back (`settlesInWords`). It opens no request again — that ran the answer
 * time for news and had it go late. News reaches the topic in one line with its words, for the
 * team to read, and the client's message gets a 👌 where a reaction reaches them (not in the
 * owner's account: it would land in the bot's own chat); words that settle it get the ❤ a thanks
 * does. False for anything else. A re-delivered update was told the first time.
 */
async function noteNewsAfterClose(
  ctx: BotContext,
  deps: Deps,
  clientId: number,
  msg: Message,
  duplicate: boolean,
): Promise<boolean> {
  const news = onlyInforms(deps, clientId, msg)
  if (!news && !settlesInWords(deps, msg)) return false
  if (duplicate) return true
  ctx.log.info({ clientId, news }, 'words needing no answer after a closed request: no request opened')
  if (news) {
    const words = excerpt(deps, { type: 'text', text: msg.text ?? '' })
    deps.services.handoff.notifyTopic(clientId, [{ key: 'handoff-news-after-close', args: { words } }])
  }
  if (chatOf(msg) === null) await react(ctx, news ? '👌' : '❤')
  return true
}

/** How long after the bot had a payment confirmed a client's "Оплатила!" is news of it. */
const PAID_NEWS_MS = DAY_MS

/**
 * Whether a payment the client says they made (`saysPaid`) is one the bot has confirmed already:
 * none of their invoices is unpaid, and one was paid within PAID_NEWS_MS (the one they name, when
 * they name one). Otherwise it is the team's to check (an invoice unpaid is the "I've paid"
 * button's, `paymentClaimed`; a payment the bot knows nothing of is the team's to find).
 */
function paymentConfirmedLately(deps: Deps, clientId: number, text: string): boolean {
  const { orders } = deps.services
  if (orders.unpaid(clientId).length > 0) return false
  const named = invoiceNumberNamed(text)
  const since = deps.clock.now() - PAID_NEWS_MS
  return orders
    .paid(clientId)
    .some((order) => (named === undefined || order.id === named) && order.paidAt !== null && order.paidAt >= since)
}

/**
 * The unpaid invoice a bare "I've paid" (`claimsPaid`) is about: the client's one unpaid invoice,
 * or the one whose number they name. With several and none named, undefined: which one is the
 * team's to ask (the message reaches them as before). Not where a complaint's words come with it
 * (the content's trigger words: the owners are to hear of it), nor for a number of theirs that is
 * not unpaid (paid, cancelled: the team reads why they say so).
 */
function paidClaimTarget(deps: Deps, clientId: number, text: string | undefined): OrderRow | undefined {
  if (text === undefined || !claimsPaid(text) || deps.services.handoff.matchTrigger(text)) return undefined
  const { orders } = deps.services
  const number = invoiceNumberNamed(text)
  // A number named is that invoice, or none: never another one in its place
  const unpaid = number === undefined ? orders.unpaid(clientId) : []
  const order = number !== undefined ? orders.get(number) : unpaid.length === 1 ? unpaid[0] : undefined
  return order?.clientId === clientId && order.status === 'unpaid' ? order : undefined
}

/**
 * The unpaid invoice a client's words say is paid ("я оплатил", "I've paid": `paidClaimTarget`,
 * read once), by its kind. `claimed`: it may have been paid by its payment details, the kind that
 * has an "I've paid" button — a "details" one, or one whose details the client was sent before it
 * became a Telegram invoice (made before a provider was set up, shown in the owner's chat): they
 * may have paid by bank transfer, and "not come through, press Pay" could have them pay twice.
 * `unarrived`: a Telegram invoice only ever sent as one (a provider's, Stars), paid in Telegram and
 * confirmed by it, never by a word — its payment would have marked it paid by itself, so none has
 * come, and the bot says so (`notePaymentNotArrived`); only in the bot's own chat: in the owner's
 * Business chat, where no Telegram invoice can be paid, the words reach the team as any message.
 */
function paymentClaimed(
  deps: Deps,
  clientId: number,
  msg: Pick<Message, 'text' | 'business_connection_id'>,
): { claimed?: OrderRow; unarrived?: OrderRow } {
  const order = paidClaimTarget(deps, clientId, msg.text)
  if (order === undefined) return {}
  if (deps.services.orders.paidByDetailsMaybe(order)) return { claimed: order }
  return chatOf(msg) === null ? { unarrived: order } : {}
}

/** A payment claimed in words of an invoice whose details may have been paid (`paymentClaimed`'s `claimed`). */
export function claimedPayment(deps: Deps, clientId: number, msg: Pick<Message, 'text'>): OrderRow | undefined {
  return paymentClaimed(deps, clientId, msg).claimed
}

/**
 * "I've paid" for a Telegram invoice no payment has come for (`order`, from
 * `paymentClaimed`): the client is told gently that it has not come through yet, that a
 * payment with the invoice's Pay arrives by itself, and is given the invoice again to pay; the
 * topic reads that no payment came through Telegram, with the amount, and `/paid` for money that
 * came another way. The bot answered it: no answer is owed for it, so the invoice's reminders do
 * not wait on it. `relayed`: the topic got the message itself (an open request); otherwise the
 * words go with the staff line.
 */
function notePaymentNotArrived(
  ctx: BotContext,
  deps: Deps,
  client: ClientRow,
  msg: Pick<Message, 'text'>,
  { order, duplicate, relayed }: { order: OrderRow; duplicate: boolean; relayed: boolean },
): void {
  // A re-delivered update was answered the first time
  if (duplicate) return
  const { services } = deps
  const id = String(order.id)
  const words = relayed ? undefined : excerpt(deps, { type: 'text', text: msg.text ?? '' })
  ctx.log.info({ clientId: client.id, orderId: order.id }, 'a Telegram invoice claimed paid in words, no payment came')
  services.handoff.notifyTopic(client.id, [
    {
      key: 'paid-claim-not-arrived',
      args: { id, amount: { money: { minor: order.amount, currency: order.currency } } },
    },
    ...(words === undefined ? [] : [{ key: 'paid-confirm-words' as const, args: { words } }]),
  ])
  const v = clientVoice(deps, client)
  const amount = orderAmount(order, v.locale)
  // The invoice again, the way the Pay under /mybookings sends it (desk.ts): one tap to pay
  const pay = new InlineKeyboard().text(v.t('booking-mine-pay-button', { id, amount }), deskPayCallback.pack(order.id))
  // The bot's own word, not the team's answer (by: null); in the bot's chat, where the invoice is paid
  services.handoff.sendToClient(
    client.id,
    { text: v.t('payment-not-arrived', { name: v.name, id, amount }), buttons: toButtons(pay), inBotChat: true },
    null,
  )
}

/**
 * A payment claimed in words (`order`, from `claimedPayment`): what the "I've paid" button does —
 * the report recorded, staff asked to confirm it with its buttons, the client thanked (or, reported
 * already, told it is being checked) — and no answer owed for it. `relayed`: the topic got the
 * message itself (an open request); otherwise the words go with the staff line. False when the
 * invoice can no longer be reported (paid or cancelled a moment ago): the message goes on as any.
 */
export async function notePaymentClaim(
  ctx: BotContext,
  deps: Deps,
  client: ClientRow,
  msg: Pick<Message, 'text'>,
  { order, duplicate, relayed }: { order: OrderRow; duplicate: boolean; relayed: boolean },
): Promise<boolean> {
  // A re-delivered update was handled the first time
  if (duplicate) return true
  const { services } = deps
  const result = services.orders.clientReportsPaid(order.id, client.id)
  const words = relayed ? undefined : excerpt(deps, { type: 'text', text: msg.text ?? '' })
  ctx.log.info({ clientId: client.id, orderId: order.id, status: result.status }, 'a payment claimed in words')
  if (result.status === 'reported') {
    tellPaidReported(deps, client, result.order, words)
    return true
  }
  if (result.status !== 'already') return false
  if (words !== undefined) {
    services.handoff.notifyTopic(client.id, [{ key: 'paid-claim-again', args: { id: String(order.id), words } }])
  }
  services.handoff.sendToClient(client.id, { text: ctx.t('payment-reported-already') }, null)
  return true
}

/**
 * The relay, installed right before the unhandled feature, so that flows,
 * menus and other features' commands (also staff commands in topics) come
 * first:
 * - a client with an open handoff: what nobody else handled goes to their
 *   topic, instead of the bot's "pick from the menu";
 * - staff in a client's topic: messages go to the client, `//` notes stay,
 *   edits follow; unknown commands get a hint and are never relayed.
 * The General topic, other chats and non-staff members are never relayed.
 */
export function registerHandoffRelay(deps: Deps, scopes: BotScopes): void {
  const { handoff } = deps.services

  // ------------------------------------------------------------ client → topic
  scopes.private.on('message', async (ctx, next) => {
    const client = ctx.client
    const msg = ctx.msg
    if (!client || msg.text?.startsWith('/')) return next()
    // A kind of message this code does not know (a story, paid media…) is still copied to the
    // manager: nothing a client sends during a handoff may vanish; a failed copy is reported there
    if (isServiceMessage(msg)) return next()
    const recorded = recordedMessage(ctx) ?? recordTeamMemberWritingAgain(deps, ctx)
    if (!recorded) return next()
    const locale = await ctx.i18n.getLocale()
    const active = handoff.current(client.id)
    // A payment promised ("оплачу завтра") owes no answer: it opens no request, nor runs an answer time
    const promised = promisedPayment(deps, client.id, msg)
    // …nor does a payment claimed ("я оплатил"): it is the "I've paid" button in words; nor one of
    // a Telegram invoice, whose payment marks it paid by itself (`unarrived`): the bot says none came
    const { claimed, unarrived } = promised === undefined ? paymentClaimed(deps, client.id, msg) : {}
    if (!active) {
      // A ❤ says a "спасибо" was read (once; not in an owner's Business chat, where a reaction
      // would land in the bot's own chat)
      if (thanksForClosedRequest(handoff, client.id, msg)) {
        if (!recorded.duplicate && chatOf(msg) === null) await react(ctx, '❤')
        return
      }
      const mark = scoreUnderSolvedThanks(ctx, deps, client, msg)
      if (mark !== undefined) {
        if (!recorded.duplicate) await rateUnderSolvedThanks(ctx, deps, client, msg, mark)
        return
      }
      const promise = { order: promised, duplicate: recorded.duplicate, reacts: chatOf(msg) === null }
      if (await notePaymentPromise(ctx, deps, client.id, msg, promise)) return
      const claim = { duplicate: recorded.duplicate, relayed: false }
      if (claimed && (await notePaymentClaim(ctx, deps, client, msg, { ...claim, order: claimed }))) return
      if (unarrived) return notePaymentNotArrived(ctx, deps, client, msg, { ...claim, order: unarrived })
      // "stop" alone, under a broadcast or a follow-up after a closed request: /stop, not a new
      // request with an answer time (in the bot's own chat: no broadcast goes to an owner's account)
      // (A re-delivered one was answered the first time)
      if (msg.text !== undefined && wantsNoMarketing(msg.text) && replyKeyboardsAllowed(ctx))
        return recorded.duplicate ? undefined : stopNewsletters(deps, ctx)
      // News alone after a closed request («Оплатила, спасибо» once the bot has the payment,
      // «Получила посылку», «скину фото завтра»), or the question taken back («разобралась, спасибо»):
      // nothing to answer, so no request opens again — the news goes to the topic for the team to
      // read, with no answer time to run and nothing to go late
      if (handoff.wasClosed(client.id) && (await noteNewsAfterClose(ctx, deps, client.id, msg, recorded.duplicate))) {
        return
      }
      // Writing again after a closed request reopens it (the topic too), and an answer to one of
      // the bot's own messages ("Reply" to a broadcast's offer) opens one, with what it answers:
      // the message goes to the team. A thanks in reply is no question; a reply to a manager's
      // answer is writing again; one to a message from before the client erased their data is
      // none of the bot's any more (its words may be the erased data)
      const reply = isAcknowledgement(msg) ? undefined : repliedWords(msg)
      const answering = reply && handoff.sentByBot(client.id, reply.messageId) ? reply.words : undefined
      if (!handoff.wasClosed(client.id) && answering === undefined) return next()
      if (recorded.duplicate) return next()
      // A low score typed with what went wrong ("2, долго ждали", recorded by the handoff feature),
      // or words right under the apology for a low rating, which asked what went wrong: the
      // request is for that low rating
      const rated = ctx.lowRatingWords
      const explaining =
        rated === undefined &&
        answering === undefined &&
        !isAcknowledgement(msg) &&
        isRatedLowText(ctx, handoff.openQuestion(client.id, chatOf(msg), TYPED_SCORE_MS)?.text)
      const transcriptBefore = recorded.row.id
      const reopened =
        rated !== undefined
          ? handoff.open(client.id, 'low_rating', questionQuote(rated), { transcriptBefore })
          : answering !== undefined
            ? handoff.open(client.id, 'reply', answering || undefined, { transcriptBefore })
            : explaining
              ? handoff.open(client.id, 'low_rating', 'request', { transcriptBefore })
              : handoff.open(client.id, 'returned', undefined, { transcriptBefore })
      if (!reopened) return next()
      ctx.log.info({ clientId: client.id, reason: reopened.handoff.reason }, 'a client wrote: request opened')
      // Asking what things cost, as a first request does (the unhandled feature)
      if (msg.text !== undefined) await answerPriceQuestion(ctx, deps, msg.text)
      const opened = handoffOpenedText(deps, ctx.t, locale, client, reopened)
      // Thanked for telling — and, with the score itself, the apology its rating did not get
      const heard = rated !== undefined || explaining
      const sorry = rated !== undefined ? 'yes' : 'no'
      await ctx.reply(heard ? `${ctx.t('handoff-low-rating-heard', { sorry })} ${opened}` : opened)
      noteEtaTold(deps, client.id, reopened)
    }
    // A re-delivered update that was already queued (or sent) is not queued again
    if (recorded.duplicate && handoff.isRelayed(recorded.row)) return
    // "stop" during a request is the newsletter's (below): no answer is owed to it, so no answer time runs
    const stop = msg.text !== undefined && wantsNoMarketing(msg.text) && replyKeyboardsAllowed(ctx)
    // In an answered request the team's answer time runs for it (thanks alone need none, nor a
    // payment promised, nor what the bot answered itself: a call cancelled or moved in words, a
    // Telegram invoice's payment that has not come; nor news alone: "скину завтра")
    const answeredAlready = claimed !== undefined || unarrived !== undefined || ctx.answeredByBot === true
    const informs = !answeredAlready && promised === undefined && !stop && onlyInforms(deps, client.id, msg)
    // "разобралась, спасибо", "уже не нужно": what they waited for is settled by themselves — no
    // answer is owed to it, and the wait going on ends with it (below, once it is in the topic)
    const settles = !answeredAlready && !informs && !stop && settlesInWords(deps, msg)
    // "и перезвоните мне в 11:30, +7 916 …" written after the words that opened the request: the
    // number is theirs to be called on, as it would be in the words that opened it (a forwarded
    // message's is someone else's). Kept before it goes to the topic, so the card shows it
    if (msg.text !== undefined && !recorded.duplicate && forwardedFrom(msg) === undefined) {
      deps.services.clients.keepTypedPhone(client.id, msg.text)
    }
    const { remindedAgain } = handoff.relayFromClient(
      client.id,
      recorded.row,
      isAcknowledgement(msg) || stop || promised !== undefined || answeredAlready || informs || settles,
      realReplyTo(msg),
      forwardedFrom(msg),
      // What the client may do themselves that answers it: a question about a call, their booking one
      msg.text === undefined ? [] : settledBy(msg.text),
    )
    // Settled in words: the wait ends, the topic reads one line of it under their words
    if (settles && !recorded.duplicate) handoff.settle(client.id, 'words')
    // A flow's question waits (the step passed the message on), and nothing answered it so far
    const stepWaits = flowRunning(ctx) && !botAnsweredUpdate(ctx)
    // What the bot answered the message before it was relayed (the prices, "passing you to a
    // manager" as the request opened again, a flow's "passed on to the manager", a call cancelled
    // in words) goes under it in the topic: the history posted as the request opened stops before
    // the message, and a team that does not know what the client was told (the prices, that a
    // product is not available till February, that nothing is booked yet) may say otherwise
    showBotWords(deps, ctx)
    // Asked to pay later ("can I pay mid-January?"): under it, the reminders that still go by the
    // invoice's date and how to move it, for the manager about to say yes (a bare promise with a day
    // puts the reminders off by itself; a re-delivered message was noted the first time)
    if (msg.text !== undefined && promised === undefined && !recorded.duplicate)
      notePayLaterAsked(deps, client, msg.text)
    // (Settling words need no answer either: told nothing at night, as news is not)
    const said = { promised, claimed, unarrived, stop, informs: informs || settles, remindedAgain, stepWaits }
    await answerInRequest(ctx, { client, msg, recorded, active, locale, ...said })
    // And what it answered here (when the team is back, that the boss knows), in its place after
    // what the answer told the team (the owners alerted): the manager reads what the client read
    showBotWords(deps, ctx)
  })

  /**
   * What the bot itself says to a client's message in their request, once it is on its way to
   * their topic: their answer to "Is your question solved?" typed in words, a payment claimed,
   * "stop", a call for the boss, for a person, the night's reply, the late wait's apology.
   */
  async function answerInRequest(
    ctx: BotContext,
    {
      client,
      msg,
      recorded,
      active,
      locale,
      promised,
      claimed,
      unarrived,
      stop,
      informs,
      remindedAgain,
      stepWaits,
    }: {
      client: ClientRow
      msg: Message
      recorded: { row: MessageRow; duplicate: boolean }
      active: HandoffRow | undefined
      locale: string
      promised: OrderRow | undefined
      claimed: OrderRow | undefined
      unarrived: OrderRow | undefined
      stop: boolean
      informs: boolean
      remindedAgain: boolean
      stepWaits: boolean
    },
  ): Promise<void> {
    if (active?.status === 'closing') {
      // Anything but a yes or a no written instead of answering "Is your question solved?" is a
      // new question, the request open again (after a no, the night's notice may still follow)
      const answered = await closeAnsweredInWords(ctx, deps, client, active, msg)
      if (answered === 'yes') return
      // A payment promised keeps the question and its closing by itself: reopened with no answer
      // time owed, the request would stay open for good
      if (answered === undefined && promised === undefined && claimed === undefined && unarrived === undefined) {
        deps.services.closing.clientWrote(client.id)
      }
    }
    // The "I've paid" button in words: the staff line with its buttons under the message, the client thanked
    if (claimed) {
      await notePaymentClaim(ctx, deps, client, msg, { order: claimed, duplicate: recorded.duplicate, relayed: true })
      return
    }
    // A Telegram invoice's payment that has not come: said to the client, the topic told under the message
    if (unarrived) {
      notePaymentNotArrived(ctx, deps, client, msg, { order: unarrived, duplicate: recorded.duplicate, relayed: true })
      return
    }
    // "stop" alone during a request (under a broadcast, most likely): the newsletter opt-out it is
    // outside one, said back to the client — it used to reach the team only, and the news went on.
    // The team reads the word too; the request goes on, as /stop says (a re-delivered one: the
    // opt-out again, which changes nothing, and no second answer)
    if (stop) {
      if (recorded.duplicate) deps.services.clients.optOut(client.id)
      // The topic's notice of an opt-out made now says what the bot answered: not shown twice
      // (told they were not subscribed, with no notice, the topic reads that)
      else if ((await stopNewsletters(deps, ctx)) !== 'already') botWordsToldOtherwise(ctx)
      return
    }
    // Someone above the team asked for ("позовите руководителя"), or a complaint's words ("верните
    // деньги", the content's trigger words): the owners are told, once a request — a demand for
    // the boss reached nobody above the manager, a complaint only when nobody answered in time.
    // The client who asked for the boss hears so; a re-delivered message was heard the first time.
    // The money asked back politely ("can I get my money back?") is no complaint: the topic reads
    // what was paid and how a refund is made
    if (msg.text !== undefined && !recorded.duplicate) {
      const refund = refundAsked(deps, msg.text)
      if (refund) noteRefundAsked(deps, client.id)
      // Both in one message ("это обман. Позовите руководителя!"): one alert that says both
      const boss = asksForTheBoss(msg.text)
      const complaint = !refund && handoff.matchTrigger(msg.text) !== undefined
      const whys = [...(complaint ? (['complaint'] as const) : []), ...(boss ? (['boss'] as const) : [])]
      const told = whys.length > 0 ? handoff.escalate(client.id, whys)?.boss : undefined
      // Asked again, they hear the boss knows already — "you are with a manager" read as a brush-off
      if (told && replyKeyboardsAllowed(ctx)) {
        await ctx.reply(ctx.t(told === 'told' ? 'handoff-boss-told' : 'handoff-boss-knows'))
        return
      }
    }
    // A low score typed with what went wrong while their request is open (words typed under the
    // rating question opened it): the apology its rating did not get, with where their question
    // stands — the words reached the topic in silence. The team was alerted as it was recorded.
    // (Not when the message opened the request: that answer said so)
    if (ctx.lowRatingWords !== undefined && active?.status === 'open' && !recorded.duplicate) {
      const eta = { ...handoff.eta(client.id), created: false }
      const stands = handoffOpenedText(deps, ctx.t, locale, client, eta)
      await ctx.reply(`${ctx.t('handoff-low-rating-heard', { sorry: 'yes' })} ${stands}`)
      noteEtaTold(deps, client.id, eta)
      return
    }
    // Asking for a person while one is on it ("can i talk to a real person pls", "позовите
    // менеджера"): told they are with the team, and by when — the words reached the topic in
    // silence, and read as lost. Not the message that opened the request (it was told so), nor in
    // an owner's own chat (the owner answers there); a thanks needs nothing
    const asking = msg.text !== undefined && namesAPerson(msg.text) && !isAcknowledgement(msg)
    const openBefore = active?.status === 'open' && active.openedAt < recorded.row.createdAt
    if (asking && openBefore && replyKeyboardsAllowed(ctx)) {
      if (recorded.duplicate) return
      const eta = { ...handoff.eta(client.id), created: false }
      const told = handoffOpenedText(deps, ctx.t, locale, client, eta)
      // Once while it stands: asked again right under it ("менеджер!!" three times), it is said already
      if (handoff.openQuestion(client.id, chatOf(msg), SAID_ALREADY_MS)?.text === told) return
      await ctx.reply(told)
      noteEtaTold(deps, client.id, eta)
      return
    }
    // At night: once, when the team is back — but not in the owner's own chat once they wrote
    // there themselves during the request: it is theirs until the request closes
    const chat = chatOf(msg)
    const ownersChat = () => {
      const request = handoff.current(client.id)
      return (
        chat !== null && request !== undefined && deps.services.business.ownerTook(client.id, chat, request.openedAt)
      )
    }
    // A thanks alone needs no answer: "a manager will answer in the morning" would promise one
    // nobody is asked for (no answer time runs for it); a real message later tonight gets it. Nor
    // news alone ("скину завтра"), nor what the bot answered itself (a call moved in words: "we
    // are closed" came right below its new time, as if the move waited for the morning)
    if (isAcknowledgement(msg) || promised !== undefined || informs || ctx.answeredByBot === true) return
    const night = takeNightReply(deps, ctx.t, locale, client, undefined, ownersChat)
    if (night) await ctx.reply(night)
    // Back after the team's reminders of their wait ran out (days of silence): told the team
    // knows, once a day as the team is reminded, not left to wonder whether anyone reads
    else if (remindedAgain && !ownersChat()) {
      await ctx.reply(ctx.t('handoff-late-ack', { name: clientName(client) || ctx.t('start-friend') }))
    }
    // Passed on from a flow's step that still waits for its answer (`passToManager`); not in an
    // owner's own chat, where the bot speaks only as its auto-reply, and the owner answers
    else if (stepWaits && !recorded.duplicate && replyKeyboardsAllowed(ctx)) await tellStepWaits(ctx, client, msg)
  }

  /**
   * A message went on to the team from a flow's step whose question still waits, and nothing
   * else answered it: the client is told once that it went on, and that the question above still
   * waits — at night, with nobody reading, their words met silence, and the question seemed
   * answered or gone. Not while the team talks with them (a person wrote last: the manager
   * answers, and a word from the bot there would be it nagging in their conversation), and not
   * again while it stands as the bot's last word (a flow's question waits a day at most).
   */
  async function tellStepWaits(ctx: BotContext, client: ClientRow, msg: Message): Promise<void> {
    if (handoff.personWroteLast(client.id)) return
    const waits = ctx.t('handoff-step-waits')
    if (handoff.openQuestion(client.id, chatOf(msg), ABANDONED_AFTER_MS)?.text === waits) return
    await ctx.reply(waits)
  }

  // ------------------------------------------------------------ topic → client

  // Closed or reopened by hand in Telegram: the topic's status follows (reopened while a request is open)
  scopes.clientTopic.on(['message:forum_topic_closed', 'message:forum_topic_reopened'], (ctx) => {
    if (ctx.from?.id === ctx.me.id) return // the bot's own change, recorded when it made it
    const closed = ctx.msg.forum_topic_closed !== undefined
    ctx.log.info({ clientId: ctx.topicClient.id, closed }, 'client topic closed or reopened by hand')
    // Reopened at once while the request is open: said why, or whoever closed it tries again
    if (deps.services.topicStatus.changedByHand(ctx.topicClient.id, closed) === 'reopening') {
      handoff.notifyTopic(ctx.topicClient.id, [{ key: 'desk-topic-reopened' }], { answering: true })
    }
  })

  scopes.clientTopic.on('message', async (ctx, next) => {
    const msg = ctx.msg
    const clientId = ctx.topicClient.id
    // A photo or file captioned "// …" is a note too: it must never reach the client
    const text = msg.text ?? msg.caption ?? ''
    const note = noteIn(text)
    const isNote = note !== undefined
    // An album's caption comes on one of its parts, each part an update of its own: the
    // album is queued as usual and the relay keeps all of it in the topic (see relayToClient)
    if (isNote && !msg.media_group_id) {
      if (note) {
        handoff.addNote(clientId, ctx.from.id, note, msg.message_id)
        await react(ctx, '✍')
      }
      return
    }
    if (!isNote && text.startsWith('/')) {
      // Another place's command (a client's, an owner's own) says where it works; a typo lists the topic's
      const logged = commandForLog(text)
      const { command } = logged
      const role = ctx.staffRole === 'owner' ? 'owner' : 'manager' // only the team's messages reach a topic's handlers
      const where = command === undefined ? 'unknown' : commandPlace(command, role)
      ctx.log.info({ ...logged, where }, 'command a client topic does not take')
      const elsewhere = where === 'private' || where === 'owner'
      const typed = commandOf(text)?.name
      const meant = elsewhere || typed === undefined ? undefined : meantCommand(typed, 'topic')
      handoff.notifyTopic(
        clientId,
        [
          ...(meant ? [{ key: 'command-meant' as const, args: { command: meant } }] : []),
          // Typed in a topic, what the topic takes is named too (/help there listed the group's only)
          ...(elsewhere
            ? [
                { key: 'staff-group-command-elsewhere' as const, args: { command: command ?? '', where } },
                { key: 'handoff-topic-commands' as const },
              ]
            : [{ key: 'handoff-unknown-command' as const }]),
        ],
        { answering: true },
      )
      return
    }
    const entry = describeMessage(msg)
    if (!entry) return next() // topic service messages (pins, renames)
    const { row, duplicate } = handoff.recordOutgoing(
      clientId,
      ctx.from.id,
      note === undefined ? entry : { ...entry, text: note, entities: null },
      msg.message_id,
      isNote ? 'note' : 'out',
    )
    // A re-delivered part of a note album is a note already: it stays in the topic
    if (duplicate && (row.direction === 'note' || handoff.isRelayed(row))) return
    const repliedTo = realReplyTo(msg)
    // Several texts of the client may share one message in the topic: the quoted part says which
    const queued = handoff.relayToClient(
      clientId,
      row,
      repliedTo === undefined ? undefined : { topicMessageId: repliedTo, quote: msg.quote?.text },
    )
    if (!queued) {
      handoff.notifyTopic(clientId, [{ key: 'handoff-topic-deleted-client' }], { answering: true })
      return
    }
    if (isNote) await react(ctx, '✍')
    // A colleague answered this client a moment ago too: both go, and the topic says so
    if (!isNote && !duplicate) handoff.answeredToo(clientId, row)
    // An answer that opens with another client's name: said at once, while an edit still mends the
    // client's copy (it had gone to the wrong client, and counted as their first answer, unnoticed)
    const other = isNote || duplicate ? undefined : handoff.namesAnotherClient(clientId, text)
    if (other !== undefined) {
      // Before what is queued for the group: 37 s later the client had read it long since
      handoff.notifyTopic(clientId, [{ key: 'handoff-topic-other-name', args: { name: other } }], { answering: true })
    }
    // Not the request's answer yet: it is one once it reaches the client (relayOut's record),
    // and none when it does not (blocked, the owner's Business chat closed to the bot)
  })

  // Edits by staff in a client's topic follow to the client's copy; one the client will not see
  // (a note stays a note, an answer does not become one) is said, not dropped without a word
  scopes.clientTopic.on('edited_message', (ctx) => {
    const edit = describeEdit(ctx.editedMessage)
    if (!edit) return
    const clientId = ctx.topicClient.id
    const messageId = ctx.editedMessage.message_id
    const note = noteIn(edit.text)
    const was = handoff.staffRowIn(clientId, messageId)
    if (was === 'note') {
      if (note === undefined)
        return handoff.notifyTopic(clientId, [{ key: 'handoff-edit-note-stays' }], { answering: true })
      if (note) handoff.editNote(clientId, messageId, note)
      return
    }
    if (was !== 'out') return
    if (note !== undefined || edit.text.startsWith('/')) {
      return handoff.notifyTopic(clientId, [{ key: 'handoff-edit-kept' }], { answering: true })
    }
    // Taken back with /unsend (or deleted in the owner's chat): the client has nothing to change
    if (handoff.editOutgoing(clientId, messageId, edit) === 'deleted') {
      handoff.notifyTopic(clientId, [{ key: 'handoff-edit-unsent' }], { answering: true })
    }
  })
}
