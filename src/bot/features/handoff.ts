import { InlineKeyboard } from 'grammy'
import type { MaybeInaccessibleMessage, Message } from 'grammy/types'
import type { ClientRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { clientName } from '../../format.ts'
import type { OpenResult, SettlingAction } from '../../services/handoff/model.ts'
import { RATING_STANDS_MS } from '../../services/time.ts'
import { chatKind, replyKeyboardsAllowed } from '../client-chat.ts'
import type { BotContext } from '../context.ts'
import { removeButtons } from '../courtesy.ts'
import { noteEtaTold } from '../desk/night.ts'
import { closeCallback, rateCallback } from '../handoff/callbacks.ts'
import { chatOf } from '../handoff/message-entry.ts'
import { showBotWords, updateRecorded } from '../handoff/recorder.ts'
import { closeQuestionText, handoffOpenedText, requestEtaText } from '../handoff/texts.ts'
import { clientMarkup, mainMenuKeyboard, menuBackKeyboard, menuCallback } from '../keyboards/main-menu.ts'
import { askAfterPress, ratingAnswer, showChosenAnswer } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'
import { onlyRemarks, praisesSomething } from '../typed-answers.ts'
import { askConsentAgain } from './privacy.ts'
import { asksForTheButtons } from './unhandled.ts'

function ratingKeyboard(handoffId: number, kind: 'speed' | 'quality'): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  for (let score = 1; score <= 5; score++) keyboard.text(`${score}`, rateCallback.pack(handoffId, kind, score))
  return keyboard
}

/** "Thank you! How fast did we answer, from 1 to 5?": the first rating after "yes, solved". */
function speedQuestion(ctx: BotContext, client: ClientRow): string {
  return ctx.t('handoff-rate-speed', { name: clientName(client) || ctx.t('start-friend') })
}

/** The speed rating, the first of the two after "yes, solved", with its buttons. */
function speedRating(ctx: BotContext, client: ClientRow, handoffId: number) {
  return [speedQuestion(ctx, client), { reply_markup: ratingKeyboard(handoffId, 'speed') }] as const
}

/**
 * After "yes, solved" typed: the speed rating as a message of its own (pressed, it replaces the
 * question while that is the last message in the chat) — or, for a client who rated a request
 * within the week (`ratingsDue`), thanks and the menu.
 */
export async function askRatings(ctx: BotContext, deps: Deps, client: ClientRow, handoffId: number): Promise<void> {
  if (!deps.services.handoff.ratingsDue(client.id)) return thankSolved(ctx, deps, client)
  await ctx.reply(...speedRating(ctx, client, handoffId))
}

/** "Glad it is solved": the last word of a request closed by the client, when no ratings are asked. */
async function thankSolved(ctx: BotContext, deps: Deps, client: ClientRow): Promise<void> {
  await ctx.reply(solvedThanksText(ctx, client), clientMarkup(ctx, mainMenuKeyboard(ctx, deps.content.get())))
}

/** That last word's text: what a score typed under it is told apart by. */
export function solvedThanksText(ctx: BotContext, client: ClientRow): string {
  return ctx.t('handoff-solved-thanks', { name: clientName(client) || ctx.t('start-friend') })
}

/** What was good in a low rating: the other kind rated well, or the words typed with it. */
type RatedWell = 'speed' | 'quality' | 'words' | 'none'
const RATED_WELL: readonly RatedWell[] = ['speed', 'quality', 'words', 'none']

/**
 * A low rating's last word: the apology and the invitation to say what went wrong (what they write
 * right under it opens a request that says so: the relay), not a menu to pick from right under it.
 * A mixed one — a good speed and a low quality, or words of praise with a low score — thanks for
 * what was good before it apologises for what was not: a bare "sorry it was not what you expected"
 * read wrong to a client who had just praised the manager.
 */
export async function sayRatedLow(
  ctx: BotContext,
  rating: { good?: 'speed' | 'quality'; words?: string | undefined },
): Promise<void> {
  const good: RatedWell =
    rating.good ?? (rating.words !== undefined && praisesSomething(rating.words) ? 'words' : 'none')
  await ctx.reply(ctx.t('handoff-rate-sorry', { good }), clientMarkup(ctx, menuBackKeyboard(ctx)))
}

/** Whether `text` is the apology for a low rating, in any of its forms (`sayRatedLow`). */
export function isRatedLowText(ctx: BotContext, text: string | undefined): boolean {
  return RATED_WELL.some((good) => ctx.t('handoff-rate-sorry', { good }) === text)
}

/**
 * After their No to "Is your question solved?" (of request `handoffId`), pressed or typed: the
 * manager goes on, and the way back to the menu (no "Ask a manager" to a client who has one).
 * `said`: the No told what is left, so they are not asked to write it. A No to a request closed
 * since (an old question pressed days later) opened a new one: by when it is answered, as every
 * opening says it (it used to say no time at all).
 */
export async function sayNotSolved(ctx: BotContext, deps: Deps, handoffId: number, said = false): Promise<void> {
  const words = ctx.t(said ? 'handoff-not-solved-said' : 'handoff-not-solved-client')
  const client = ctx.client
  const opened = client && deps.services.handoff.current(client.id)
  const eta = opened && opened.id !== handoffId ? deps.services.handoff.eta(opened.clientId) : undefined
  const when =
    client && eta && !eta.answered && !eta.late
      ? requestEtaText(deps, ctx.t, await ctx.i18n.getLocale(), client, eta)
      : undefined
  await ctx.reply(when === undefined ? words : `${words} ${when}`, clientMarkup(ctx, menuBackKeyboard(ctx)))
  // When the team is back, said at night: tonight's reply (a request opened, as at any opening)
  if (client && eta && when !== undefined) noteEtaTold(deps, client.id, { ...eta, created: true })
}

/**
 * Opens (or reuses) the client's handoff and tells them who answers and when: they asked for a
 * person (`asked`), wrote a question the bot has no answer for (`question`, with its words), or
 * sent what it cannot read (`file`: a photo, a voice message…, by its kind).
 * `intro` goes first in that answer (what the bot made of their words). The request as opened,
 * or undefined when none could be.
 */
export async function talkToManager(
  ctx: BotContext,
  deps: Deps,
  why:
    | { reason: 'asked' }
    | {
        reason: 'question'
        words: string
        /** What the client may do themselves that answers the question (`settledBy`: a call booked, their zone set). */
        settles?: readonly SettlingAction[]
      }
    | { reason: 'file'; kind: string } = { reason: 'asked' },
  intro?: string,
): Promise<OpenResult | undefined> {
  const client = ctx.client
  if (!client) return undefined
  await ctx.conversation.exitAll() // the client chose a person: no flow keeps their next message
  // Asked "Is your question solved?", they want a person again: it is not, the request is open again
  // (the topic is told so, and needs no "asks again" line too)
  const topicTold = deps.services.closing.clientWrote(client.id, why.reason === 'asked' ? 'asked' : 'wrote')
  const detail = why.reason === 'question' ? why.words : why.reason === 'file' ? why.kind : undefined
  const result = deps.services.handoff.open(client.id, why.reason, detail, {
    topicTold,
    ...(why.reason === 'question' && why.settles !== undefined ? { settles: why.settles } : {}),
  })
  if (!result) {
    await ctx.reply(ctx.t('error-generic', { chat: chatKind(ctx) }))
    return undefined
  }
  // A team member trying the clients' button in their own chat: a request about themselves is what
  // they get (trying every client path is theirs to do), said plainly — it reads as a client's in
  // the group, with its reminders and apologies — with how to close it and to try without it
  const team = ctx.staffRole !== undefined && replyKeyboardsAllowed(ctx)
  const opened = team
    ? ctx.t('handoff-team-own-request', { created: result.created ? 'yes' : 'no' })
    : handoffOpenedText(deps, ctx.t, await ctx.i18n.getLocale(), client, result, {
        messageStored: updateRecorded(ctx),
      })
  await ctx.reply(intro ? `${intro}\n\n${opened}` : opened, clientMarkup(ctx, menuBackKeyboard(ctx)))
  noteEtaTold(deps, client.id, result)
  // The topic reads it too, after the history: who answers and by when, as the client was told
  showBotWords(deps, ctx)
  return result
}

/**
 * News that asks nothing from a client who never had a request («Оплатила! пришлю чек вечером»,
 * `words`): a manager gets it as a message, once — a request opened for it (its topic, its card
 * saying so), with no answer time: no "we will answer by 12:15" for a question nobody asked, no
 * apology later for an answer nobody owed. The client is thanked and told it went on. The request
 * as opened, or undefined when none could be.
 */
export async function passNewsToManager(ctx: BotContext, deps: Deps, words: string): Promise<OpenResult | undefined> {
  const client = ctx.client
  if (!client) return undefined
  await ctx.conversation.exitAll() // a manager reads what they write next: no flow keeps it
  const result = deps.services.handoff.open(client.id, 'news', words)
  if (!result) {
    await ctx.reply(ctx.t('error-generic', { chat: chatKind(ctx) }))
    return undefined
  }
  await ctx.reply(
    ctx.t('handoff-news-passed', { name: clientName(client) || ctx.t('start-friend') }),
    clientMarkup(ctx, menuBackKeyboard(ctx)),
  )
  // The topic reads it too, after the history: what the client was told
  showBotWords(deps, ctx)
  return result
}

/**
 * /manager: a global command (installed with /start and /help, before the
 * conversations), so the client can ask for a person from anywhere.
 */
export function registerManagerCommand(deps: Deps, scopes: BotScopes): void {
  scopes.private.command('manager', (ctx) => talkToManager(ctx, deps))
}

/**
 * The client's side of the handoff: "Talk to a manager" in the menu, the
 * answer to "Is your question solved?" and the speed/quality rating after it.
 * Buttons are checked against the client who owns the handoff.
 */
export function registerHandoffFeature(deps: Deps, scopes: BotScopes): void {
  const { handoff } = deps.services
  const feature = scopes.private

  feature.callbackQuery(menuCallback.filter, async (ctx, next) => {
    const [item] = menuCallback.unpack(ctx.callbackQuery.data) ?? []
    if (item !== 'manager' && item !== 'ask') return next()
    await ctx.answerCallbackQuery()
    // The offer under a message the bot did not understand is a question answered, as a quiz one
    // is: it keeps its text with the choice under it and loses its buttons. Only while it has them:
    // a later tap would add the choice twice (the request it opens again is the same one)
    const offer = ctx.callbackQuery.message
    if (item === 'ask' && offer?.reply_markup && 'text' in offer && offer.text) {
      await showChosenAnswer(ctx, offer.text, ctx.t('free-text-manager-button'))
    }
    await talkToManager(ctx, deps)
  })

  feature.callbackQuery(closeCallback.filter, async (ctx, next) => {
    const [handoffId, answer] = closeCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!handoffId || !answer || !client) return next()
    const asked = ctx.callbackQuery.message
    const pressed = asked && { chat: asked.business_connection_id ?? null, messageId: asked.message_id }
    const outcome = handoff.answerClose(handoffId, client.id, answer === 'yes', pressed)
    if (outcome === 'stale') return next() // not this client's, or already answered: the unhandled answer
    if (outcome === 'outdated') {
      // The conversation went on below the question: the unhandled answer, and its buttons go, so
      // that it is not pressed again (a question asked again takes them off the same way)
      await next()
      return removeButtons(ctx)
    }
    await ctx.answerCallbackQuery()
    // A yes to a request that closed without them long ago: it keeps the answer under it, and
    // they are thanked — no ratings of a request long past, and while a newer one of theirs is
    // open, nothing more (their manager is on it)
    if (outcome === 'past') {
      await showChosenAnswer(ctx, closeQuestionText(ctx.t, client), ctx.t('handoff-close-yes'))
      if (!handoff.isOpen(client.id)) await thankSolved(ctx, deps, client)
      return
    }
    if (outcome === 'closed') {
      const answered = { question: closeQuestionText(ctx.t, client), answer: ctx.t('handoff-close-yes') }
      // A late yes to an earlier request (closed by itself or by staff) while a newer one of theirs
      // is open: kept, and nothing more — no ratings of it asked in the middle of the conversation
      // with their manager (they could not even be answered once the team wrote). The newer
      // request's own yes asks them, once
      if (handoff.isOpen(client.id)) {
        await showChosenAnswer(ctx, answered.question, answered.answer)
        return
      }
      if (!handoff.ratingsDue(client.id)) {
        await showChosenAnswer(ctx, answered.question, answered.answer)
        await thankSolved(ctx, deps, client)
        return
      }
      // The speed question goes where the client looks next: in place of the question pressed,
      // or at the bottom when something came below it since (a call's reminder)
      const pressed = ctx.callbackQuery.message
      const last =
        pressed !== undefined &&
        handoff.lastInChat(client.id, pressed.business_connection_id ?? null, pressed.message_id)
      const [question, { reply_markup }] = speedRating(ctx, client, handoffId)
      await askAfterPress(ctx, last, answered, question, reply_markup)
      return
    }
    // The question keeps the answer chosen under it, as a rating does ("✔️ Нет, ещё нет")
    await showChosenAnswer(ctx, closeQuestionText(ctx.t, client), ctx.t('handoff-close-no'))
    await sayNotSolved(ctx, deps, handoffId)
  })

  /** What follows a rating, pressed or typed: the quality question after the speed, then thanks. */
  async function rated(
    ctx: BotContext,
    handoffId: number,
    kind: 'speed' | 'quality',
    result: { low: boolean; good?: 'speed' | 'quality' },
    words?: string,
  ) {
    if (kind === 'speed') {
      await ctx.reply(ctx.t('handoff-rate-quality'), { reply_markup: ratingKeyboard(handoffId, 'quality') })
      return
    }
    if (result.low) return sayRatedLow(ctx, { ...(result.good ? { good: result.good } : {}), words })
    await ctx.reply(ctx.t('handoff-rate-thanks'))
    // Rated well, with no words of its own: a moment to ask about news once more, if they never
    // answered — in place of the menu, not after it (a thanks, the menu and a question in a row
    // read as pushing)
    if (words === undefined && (await askConsentAgain(deps, ctx))) return
    // The menu under it in the bot's own chat; in the owner's, the thanks is all (`clientMarkup`: no menu there)
    if (replyKeyboardsAllowed(ctx)) {
      await ctx.reply(ctx.t('menu-title', { chat: 'bot' }), { reply_markup: mainMenuKeyboard(ctx, deps.content.get()) })
    }
  }

  /**
   * When the pressed question was asked: by its line in the client's history, as a typed answer's
   * question is read (`openQuestion`) — or, in a chat not recorded (a team member trying the bot
   * as a client, once their request closed), by Telegram's own time for the message (0 for one it
   * no longer shows the bot: too old).
   */
  function askedAtOf(clientId: number, pressed: MaybeInaccessibleMessage): number {
    const line = handoff.botSaidAt(clientId, pressed.business_connection_id ?? null, pressed.message_id)
    if (line !== undefined) return line
    return 1000 * (('edit_date' in pressed ? pressed.edit_date : undefined) ?? pressed.date)
  }

  feature.callbackQuery(rateCallback.filter, async (ctx, next) => {
    const [handoffId, kind, score] = rateCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!handoffId || !kind || !score || !client) return next()
    // A press counts as a typed score does (RATING_STANDS_MS): on the rating the client's last
    // request waits for, asked within the week. One past it is out of date, as any old button,
    // and its buttons go: they took a press at any age, and a low one weeks on alerted the team
    // about a request long past, under whatever they were doing with the client now
    const awaited = handoff.awaitingRating(client.id)
    const pressed = ctx.callbackQuery.message
    const askedAt = pressed && askedAtOf(client.id, pressed)
    const stands =
      awaited?.handoffId === handoffId &&
      awaited.kind === kind &&
      askedAt !== undefined &&
      askedAt >= deps.clock.now() - RATING_STANDS_MS
    if (!stands) {
      await next()
      // (A message showing no such button was answered already: nothing to take away)
      const shown = pressed?.reply_markup?.inline_keyboard.flat()
      if (shown?.some((b) => 'callback_data' in b && b.callback_data === ctx.callbackQuery.data)) {
        await removeButtons(ctx)
      }
      return
    }
    const result = handoff.rate(handoffId, client.id, kind === 'speed' ? 'handoff_speed' : 'handoff_quality', score)
    if (!result) return next()
    await ctx.answerCallbackQuery()
    // Each question keeps the score chosen under it, as a discovery or quiz question does; the
    // next one (the quality, then the thanks) follows as a message of its own
    const question = kind === 'speed' ? speedQuestion(ctx, client) : ctx.t('handoff-rate-quality')
    await showChosenAnswer(ctx, question, String(score))
    await rated(ctx, handoffId, kind, result)
  })

  // A score typed instead of pressed ("5", "4/5", "ну на четверку"), or emoji alone (a ❤️ or a 👎,
  // typed or a sticker), under the rating question waiting: that rating. It used to reach the
  // relay as writing again, and reopened the request it rated
  feature.on(['message:text', 'message:sticker'], async (ctx, next) => {
    const client = ctx.client
    const typed = client && typedRating(deps, ctx, client, ctx.msg)
    if (!client || !typed) return next()
    const { words, complaint, asked, expected, question } = typed
    const kind = asked.kind === 'speed' ? 'handoff_speed' : 'handoff_quality'
    // With words for the team, nothing more is asked (they go on to a manager): a low one is
    // alerted at once with the scores given
    const result = handoff.rate(asked.handoffId, client.id, kind, typed.score, words, { last: complaint })
    if (!result) return next()
    ctx.log.info({ clientId: client.id, kind: asked.kind }, 'a request rating typed')
    if (complaint) {
      // A 1 or a 2 with words ("2, долго ждали"): what went wrong — the request they open says so
      // (it opened as "the client wrote again", and they heard the plain hand-off)
      if (result.low && typed.score <= 2) ctx.lowRatingWords = words
      if (question.clientMessageId)
        await showChosenAnswer(ctx, expected, String(typed.score), undefined, question.clientMessageId)
      return next()
    }
    if (words !== undefined && !result.saidBefore) {
      handoff.notifyTopic(client.id, [{ key: 'handoff-topic-rated-words', args: { words } }])
    }
    // Answered: the question keeps the score under it and loses its buttons, as when pressed
    if (question.clientMessageId)
      await showChosenAnswer(ctx, expected, String(typed.score), undefined, question.clientMessageId)
    await rated(ctx, asked.handoffId, asked.kind, result, words)
  })
}

/**
 * The rating the client's last request waits for (`awaitingRating`: its speed, then its quality),
 * while its question is the last thing the bot said in the chat `msg` is in, within
 * RATING_STANDS_MS: what a typed score answers, with the question's text and message.
 */
export function ratingQuestionStanding(
  deps: Deps,
  ctx: BotContext,
  client: ClientRow,
  msg: Pick<Message, 'business_connection_id'>,
) {
  const { handoff } = deps.services
  const asked = handoff.awaitingRating(client.id)
  if (!asked) return undefined
  const expected = asked.kind === 'speed' ? speedQuestion(ctx, client) : ctx.t('handoff-rate-quality')
  // Only right under the question: a number typed after a manager wrote again ("how many seats?")
  // is an answer to them. Words that opened a request again under it leave the bot's own
  // answer to them between ("passing you to a manager", the night's word): the question is
  // still the one a score answers, while no person wrote since. So does the bot's "I'm a bot and
  // understand buttons best" to what it could not read under it (a sticker, a photo)
  const nudge = asked.reopened
    ? (text: string) => text !== expected
    : (text: string) => asksForTheButtons(text, ctx.t.bind(ctx))
  const question = handoff.openQuestion(client.id, chatOf(msg), RATING_STANDS_MS, { nudge })
  return question?.text === expected ? { asked, expected, question } : undefined
}

/**
 * A score typed instead of pressed ("5", "4/5", "ну на четверку"), or emoji alone (a ❤️ or a 👎,
 * typed or a sticker: `ratingAnswer`), under the rating question standing
 * (`ratingQuestionStanding`), with the words after it, if any, and whether they are a complaint
 * for the team. Undefined for any other message.
 */
export function typedRating(
  deps: Deps,
  ctx: BotContext,
  client: ClientRow,
  msg: Pick<Message, 'text' | 'sticker' | 'business_connection_id'>,
) {
  // The request and the bot's last word first (kept in memory), then the words: most texts in a
  // request are no score, under a manager's answer
  const { handoff } = deps.services
  if (!handoff.mayAwaitRating(client.id) || !handoff.botSaidLast(client.id, chatOf(msg), RATING_STANDS_MS))
    return undefined
  const typed = ratingAnswer(msg)
  if (!typed || typed.outOf === 10 || typed.score < 1 || typed.score > 5) return undefined
  // A score with words about it: a good one's that ask or ask for anything are for the team, and
  // the relay brings them (it opens the request again); a good or middling one's words on how it
  // went, praise ("4 - great work", "5, всё супер, спасибо вам большое", "5 stars! rides like new
  // 😍") or not ("ну на четверку, долго ждал", "3, it was ok but slow"), are the rating's, shown
  // in the topic — passed on, they reopened the request just closed and the client heard
  // "passing you to a manager" for a rating. A low one's ("2, you took ages"), and a middling
  // one's that ask for anything ("3, пришлите акт"), are the rating and a message for the team:
  // recorded, and then the relay brings the words (the request opens again) — passed on alone,
  // the score was lost and the rating question stayed unanswered
  const words = typed.comment
  const remark = words === undefined || onlyRemarks(words)
  // "ok, but call me tomorrow", "fine but I still need the logo": an okay and a request, no mark
  if (!remark && (typed.score >= 4 || typed.okay)) return undefined
  const standing = ratingQuestionStanding(deps, ctx, client, msg)
  if (!standing) return undefined
  return { ...standing, score: typed.score, words, complaint: words !== undefined && (typed.score <= 2 || !remark) }
}
