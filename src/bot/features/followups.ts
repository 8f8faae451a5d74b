import { type Filter, InlineKeyboard, type NextFunction } from 'grammy'
import type { Message } from 'grammy/types'
import { NPS_PROMOTER_MIN } from '../../../db/repositories/followups.ts'
import type { ClientRow, JobRow, OrderRow } from '../../../db/schema.ts'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { LANGUAGES } from '../../locales/languages.ts'
import { timezoneOf } from '../../services/followups/index.ts'
import type { HandoffReason } from '../../services/handoff/index.ts'
import { describeClientForStaff } from '../../services/staff-bridge.ts'
import { FOLLOWUP_TYPED_SCORE_MS } from '../../services/time.ts'
import { clip, MESSAGE_MAX } from '../../text.ts'
import { plannedThroughBusiness, replyKeyboardsAllowed } from '../client-chat.ts'
import type { BaseContext, BotContext, Translate } from '../context.ts'
import { buttonsLeft, dropPressedButton, rewritePressed } from '../courtesy.ts'
import { noteEtaTold } from '../desk/night.ts'
import { checkinQuestion, clientVoice, followupLabel, orderSuffix } from '../followup-texts.ts'
import { chatOf, isAcknowledgement } from '../handoff/message-entry.ts'
import { actingStaffName, etaText, excerpt } from '../handoff/texts.ts'
import { cancelFollowupCallback, checkinCallback, npsCallback, reviewCallback } from '../keyboards/followups.ts'
import { backKeyboard, clientMarkup } from '../keyboards/main-menu.ts'
import { refuseAnotherClient } from '../owner-guard.ts'
import { ratingAnswer, showChosenAnswer } from '../questions.ts'
import { staffDayAndTime } from '../reader-zone.ts'
import type { BotScopes } from '../scopes.ts'
import { crossOutLine, withoutLastLine } from '../shown-text.ts'
import { answerStaff } from '../staff-answer.ts'
import {
  asksToStopWriting,
  onlyRemarks,
  onlyTells,
  praisesSomething,
  saysReviewLeft,
  wantsNoMarketing,
} from '../typed-answers.ts'
import { askConsentAgain, optOut } from './privacy.ts'
import { asksForTheButtons } from './unhandled.ts'

/** How much of what the client wrote with a low score the team's alert quotes (all of it is in the topic's history). */
const SAID_SHOWN = 500

/** Entries per list: a message stays readable and under Telegram's limits. */
const LIST_LIMIT = 20
/** Kept in the list's message for its title, the headings, the "…and N more" lines and the hint. */
const LIST_ROOM = 850

/**
 * How many lines of each list fit in `room` characters, shared a line of each in turn, so a
 * long list (60 entries with long names pass Telegram's 4096) shows some of every kind; the
 * rest are counted instead. A line of a list may grow later by that list's `growth` (a mark
 * added when it is crossed out): it is measured so.
 */
function share(lists: string[][], room: number, growth: readonly number[] = []): number[] {
  const shown = lists.map(() => 0)
  let left = room
  let open = [...lists.keys()]
  while (open.length > 0) {
    // A list drops out at its first line that does not fit, or when it has none left
    open = open.filter((i) => {
      const n = shown[i] ?? 0
      const line = lists[i]?.[n]
      const size = line === undefined ? 0 : line.length + 1 + (growth[i] ?? 0)
      if (line === undefined || size > left) return false
      left -= size
      shown[i] = n + 1
      return true
    })
  }
  return shown
}

const BUTTONS_PER_ROW = 5

/** What the list says after a line whose button was pressed: cancelled, sent meanwhile, or gone otherwise. */
type CrossedOut = 'cancelled' | 'sent' | 'other'
const CROSSED_OUT: readonly CrossedOut[] = ['cancelled', 'sent', 'other']

/**
 * `/followups`: staff list and cancel a client's scheduled follow-ups in the client's topic;
 * owners list everyone's in their private chat (or the group's General topic). Also the
 * client's answers to follow-ups: check-in ratings (low ones go to a manager at once), NPS,
 * and review link clicks (recorded, then the link is given).
 */
export function registerFollowupsFeature(deps: Deps, scopes: BotScopes): void {
  const { services, content, config, i18n } = deps

  async function renderList(
    ctx: BaseContext,
    clientId?: number,
  ): Promise<{ text: string; keyboard: InlineKeyboard; about: number[] }> {
    const locale = await ctx.i18n.getLocale()
    const tz = content.get().business.timezone
    const t: Translate = (key, vars) => ctx.t(key, vars)
    const { upcoming, holds, more, calls, callsMore, uncertain, failed } = services.followups.list({
      clientId,
      limit: LIST_LIMIT,
    })
    // Each client read once: their name and their zone go on each of their lines (one client's
    // list is all theirs)
    const clients = new Map<number, ClientRow | undefined>()
    const clientOf = (job: JobRow) => {
      if (job.clientId === null) return undefined
      if (!clients.has(job.clientId)) clients.set(job.clientId, services.clients.get(job.clientId))
      return clients.get(job.clientId)
    }
    const who = (job: JobRow) => {
      if (clientId !== undefined) return ''
      const client = clientOf(job)
      return client ? ` · ${describeClientForStaff(client)}` : ''
    }
    // What keeps it from going as things stand, by the rule its run applies: said plainly beside it
    const held = (job: JobRow) => {
      const hold = holds.get(job.id)
      // How the list marks a pending message its run will skip or hold as things stand
      return hold ? ` ${ctx.t(`followups-hold-${hold.code}`)}` : ''
    }
    // With the client's clock beside ours when it differs: a reminder planned for their morning
    // reads "2:00" here otherwise
    const when = (job: JobRow, at: number) =>
      staffDayAndTime(t, at, {
        businessTz: tz,
        clientTz: clientOf(job)?.timezone,
        locale,
        now: deps.clock.now(),
      })
    // When it goes, as its run lets it (none while it waits on the client's request: the hold says so)
    const item = (job: JobRow, i: number) => {
      const goes = services.followups.goesAt(job, holds.get(job.id))
      const what = followupLabel(t, job)
      const line =
        goes === undefined
          ? ctx.t('followups-item-held', { n: i + 1, what })
          : ctx.t('followups-item', { n: i + 1, when: when(job, goes), what })
      return line + who(job) + held(job)
    }
    /** An unnumbered line: a send that needs a person (when it was sent) or a call's reminder (when it goes). */
    const bullet = (job: JobRow, at: number) =>
      ctx.t('followups-noted-item', {
        when: when(job, at),
        what: followupLabel(t, job),
      }) + who(job)
    const noted = (job: JobRow) => bullet(job, job.sendingAt ?? job.updatedAt)
    const [planned, unsure, given, booked] = [
      upcoming.map(item),
      uncertain.map(noted),
      failed.map(noted),
      calls.map((job) => bullet(job, job.runAt)),
    ]
    // A numbered line measured as it reads once crossed out, its mark after it: a press's edit fits too
    const widestMark = Math.max(...CROSSED_OUT.map((how) => ctx.t('followups-item-off', { how }).length + 1))
    const [plannedShown = 0, unsureShown = 0, givenShown = 0, bookedShown = 0] = share(
      [planned, unsure, given, booked],
      MESSAGE_MAX - LIST_ROOM,
      [widestMark],
    )
    const lines = [ctx.t(clientId === undefined ? 'followups-title-all' : 'followups-title')]
    const client = clientId === undefined || upcoming.length === 0 ? undefined : deps.services.clients.get(clientId)
    const window = client && plannedThroughBusiness(deps, ctx.t, client)
    if (window) lines.push(window)
    lines.push(...planned.slice(0, plannedShown))
    if (upcoming.length === 0 && calls.length === 0) lines.push(ctx.t('followups-empty'))
    const notShown = more + upcoming.length - plannedShown
    if (notShown > 0) lines.push(ctx.t('followups-more', { count: notShown }))
    // Each with what did not fit and, for the calls, what was not fetched (beyond LIST_LIMIT)
    for (const [title, section, count, beyond] of [
      ['followups-calls-title', booked, bookedShown, callsMore],
      ['followups-uncertain-title', unsure, unsureShown, 0],
      ['followups-failed-title', given, givenShown, 0],
    ] as const) {
      if (section.length === 0) continue
      lines.push('', ctx.t(title), ...section.slice(0, count))
      const left = section.length - count + beyond
      if (left > 0) lines.push(ctx.t('followups-more', { count: left }))
    }
    const shown = upcoming.slice(0, plannedShown)
    const named = [
      ...shown,
      ...calls.slice(0, bookedShown),
      ...uncertain.slice(0, unsureShown),
      ...failed.slice(0, givenShown),
    ]
    const keyboard = InlineKeyboard.from([
      shown.map((job, i) =>
        InlineKeyboard.text(ctx.t('followups-cancel-button', { n: i + 1 }), cancelFollowupCallback.pack(job.id)),
      ),
    ]).toFlowed(BUTTONS_PER_ROW)
    if (shown.length > 0) lines.push('', ctx.t('followups-cancel-hint'))
    // The clients the list names (everyone's list): /forget finds the post by them
    const about = named.flatMap((job) => (job.clientId === null ? [] : [job.clientId]))
    return { text: lines.join('\n'), keyboard, about }
  }

  // In a client's topic: that client's follow-ups, for any staff member.
  scopes.clientTopic.command('followups', async (ctx) => {
    const { text, keyboard } = await renderList(ctx, ctx.topicClient.id)
    answerStaff(deps, ctx, text, { keyboard, clientId: ctx.topicClient.id })
  })

  // Everyone's: owners only, in their private chat or outside client topics in the staff group.
  // Through the outbox in both (answerStaff): /forget finds a list that named the client and deletes it.
  async function listAll(ctx: BaseContext, next: NextFunction): Promise<void> {
    if (!ctx.staffRole) return next() // a client: "unknown command" from the unhandled feature
    if (ctx.staffRole !== 'owner') return answerStaff(deps, ctx, ctx.t('followups-owner-only'))
    const { text, keyboard, about } = await renderList(ctx)
    answerStaff(deps, ctx, text, { keyboard, about })
  }
  scopes.private.command('followups', listAll)
  scopes.staffGroup.command('followups', listAll)

  /**
   * The list a cancel button was pressed in, with the pressed one's line crossed out and what
   * became of it said after it (`how`), its button gone and, with the last button, the line
   * about the buttons: one edit of the list's own text, as Telegram sends it with the press (a
   * list rendered now would number what is left anew, and the other buttons name the numbers
   * it was sent with). A press Telegram sends without the text (a message too old to show the
   * bot) or on a list not found as sent just loses its button.
   */
  async function crossOut(ctx: Filter<BaseContext, 'callback_query:data'>, how: CrossedOut): Promise<void> {
    const { message } = ctx.callbackQuery
    const kept = buttonsLeft(ctx)
    if (!kept) return // not on the message as Telegram shows it: taken off already
    const text = message && 'text' in message ? message.text : undefined
    const pressed = message?.reply_markup?.inline_keyboard
      .flat()
      .find((button) => 'callback_data' in button && button.callback_data === ctx.callbackQuery.data)?.text
    // Its number, as the list wrote it on the button and began the line with it
    const digits = Number(pressed?.match(/\d+/)?.[0])
    const n = ctx.t('followups-cancel-button', { n: digits }) === pressed ? digits : undefined
    const crossed =
      text === undefined || n === undefined
        ? undefined
        : crossOutLine(
            { text, entities: (message && 'entities' in message && message.entities) || [] },
            ctx.t('followups-item-held', { n, what: '' }),
            ctx.t('followups-item-off', { how }),
          )
    if (!crossed) return dropPressedButton(ctx)
    // In whichever language the list was written: an owner may have changed theirs since
    const hints = LANGUAGES.map((locale) => i18n.t(locale, 'followups-cancel-hint'))
    await rewritePressed(ctx, kept.length > 0 ? crossed : withoutLastLine(crossed, hints), kept)
  }

  async function cancelPressed(ctx: Filter<BaseContext, 'callback_query:data'>, next: NextFunction): Promise<void> {
    const [jobId] = cancelFollowupCallback.unpack(ctx.callbackQuery.data) ?? []
    if (jobId === undefined) return next()
    if (!ctx.staffRole) {
      await ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
      return
    }
    // A manager cancels only within a client's topic, only that client's follow-ups.
    const { topicClient } = ctx
    if (ctx.staffRole !== 'owner' && !topicClient) {
      await ctx.answerCallbackQuery({ text: ctx.t('followups-owner-only'), show_alert: true })
      return
    }
    const by = actingStaffName(deps, ctx.from)
    const result = services.followups.cancel(jobId, { clientId: topicClient?.id, by })
    if (result.status === 'another-client') {
      await refuseAnotherClient(ctx, result.clientId)
      return
    }
    if (result.status === 'gone') {
      await ctx.answerCallbackQuery({ text: ctx.t('followups-cancel-gone') })
      return crossOut(ctx, result.now === 'cancelled' ? 'cancelled' : result.now === 'done' ? 'sent' : 'other')
    }
    const before = result.job
    await ctx.answerCallbackQuery()
    await crossOut(ctx, 'cancelled')
    ctx.log.info({ jobId, kind: before.kind }, 'follow-up cancelled by staff')
    const locale = await ctx.i18n.getLocale()
    const what = followupLabel((key, vars) => ctx.t(key, vars), before)
    // The time the list named (when it would have gone), not the job's own: an overdue reminder on
    // a closed Sunday comes up then only to wait for Monday's opening, and the list said Monday
    const { goes } = result
    const text =
      goes === undefined
        ? ctx.t('followups-cancelled-held', { what, by })
        : ctx.t('followups-cancelled', {
            what,
            when: staffDayAndTime((key, vars) => ctx.t(key, vars), goes, {
              businessTz: content.get().business.timezone,
              clientTz: before.clientId === null ? null : services.clients.get(before.clientId)?.timezone,
              locale,
              now: deps.clock.now(),
            }),
            by,
          })
    answerStaff(deps, ctx, text)
  }
  scopes.private.callbackQuery(cancelFollowupCallback.filter, cancelPressed)
  scopes.staffGroup.callbackQuery(cancelFollowupCallback.filter, cancelPressed)

  // ---------------------------------------------------------------- the client's answers

  const client = scopes.private
  const staffT: Translate = (key, vars) => i18n.t(config.DEFAULT_LOCALE, key, vars)

  /**
   * Brings a manager in; returns when they will answer, for the client's apology (" Ответим до
   * 10:15 (Москва)"; nothing when a manager is already talking with them).
   */
  function escalate(ctx: BaseContext, client: ClientRow, reason: HandoffReason, summary: string): string {
    ctx.log.info({ clientId: client.id, reason }, 'escalating to staff')
    const opened = services.staffBridge.escalate(client.id, reason, summary)
    if (!opened || (!opened.created && opened.answered)) return ''
    // At night that says when the team is back: tonight's "we are closed" is said
    noteEtaTold(deps, client.id, opened)
    const { timezone } = content.get().business
    const { locale } = clientVoice(deps, client)
    return ` ${etaText(deps, ctx.t, locale, opened, timezoneOf(client, timezone))}`
  }

  /** What the client wrote with a typed score, for the team's alert: the reason, in their words. */
  const said = (comment: string | undefined) =>
    comment ? `\n${staffT('escalate-said', { text: clip(comment, SAID_SHOWN) })}` : ''

  /** What follows a check-in's rating, pressed or typed: thanks, or an apology and a manager. */
  async function checkinAnswered(
    ctx: BotContext,
    me: ClientRow,
    score: number,
    { low, order }: { low: boolean; order: OrderRow | undefined },
    comment?: string,
  ): Promise<unknown> {
    const { name } = clientVoice(deps, me)
    if (!low) {
      await ctx.reply(ctx.t('checkin-thanks', { name }), clientMarkup(ctx, backKeyboard(ctx)))
      // A good check-in said with no words of its own (a "4, долго ждал" is no moment to ask
      // anything): a moment to ask about news once more, if they never answered
      if (comment === undefined) return askConsentAgain(deps, ctx)
      return
    }
    // Under the apology, built before the rating brings a manager in: a client whose request was
    // open already is not offered "talk to a manager" (`offersManager`) — the apology says that
    // manager will be in touch, and the button only asked again
    const keyboard = clientMarkup(ctx, backKeyboard(ctx))
    // Staff first: a reply Telegram refuses (a Business chat past its 24 hours) must not lose the alert
    const orderText = order
      ? staffT('escalate-low-rating-order', {
          id: String(order.id),
          what: orderSuffix(order, content, config.DEFAULT_LOCALE),
        })
      : ''
    const eta = escalate(
      ctx,
      me,
      'low_rating',
      staffT('escalate-low-rating', { score, order: orderText }) + said(comment),
    )
    // The owners hear of a low rating of an order as of one of a request
    services.handoff.notifyOwners([{ key: 'owner-checkin-low', args: { id: String(me.id), score } }], me.id)
    // A low score with words of praise is a mixed one: the kind words are thanked for first
    const praised = comment !== undefined && praisesSomething(comment) ? 'yes' : 'no'
    return ctx.reply(ctx.t('checkin-sorry', { name, praised }) + eta, keyboard)
  }

  /** What follows an NPS score, pressed or typed: thanks in its words, a manager for a detractor. */
  async function npsAnswered(
    ctx: BaseContext,
    me: ClientRow,
    score: number,
    detractor: boolean,
    comment?: string,
  ): Promise<unknown> {
    const { name } = clientVoice(deps, me)
    const key = detractor
      ? 'nps-thanks-detractor'
      : score >= NPS_PROMOTER_MIN
        ? 'nps-thanks-promoter'
        : 'nps-thanks-passive'
    // (Built before a detractor's score brings a manager in, as under the check-in's apology)
    const keyboard = clientMarkup(ctx, backKeyboard(ctx))
    // Staff first, as for the check-in
    const eta = detractor
      ? escalate(ctx, me, 'nps_detractor', staffT('escalate-nps-detractor', { score }) + said(comment))
      : ''
    if (detractor) services.handoff.notifyOwners([{ key: 'owner-nps-low', args: { id: String(me.id), score } }], me.id)
    return ctx.reply(ctx.t(key, { name }) + eta, keyboard)
  }

  client.callbackQuery(checkinCallback.filter, async (ctx, next) => {
    const [jobId, score] = checkinCallback.unpack(ctx.callbackQuery.data) ?? []
    const me = ctx.client
    if (jobId === undefined || score === undefined || !me) return next()
    const result = services.followups.answerCheckin(jobId, me, score)
    if (result.status === 'invalid') return next()
    if (result.status === 'already') return ctx.answerCallbackQuery({ text: ctx.t('answer-already') })
    await ctx.answerCallbackQuery()
    const { t, name, locale } = clientVoice(deps, me)
    // The question as the job asked it, with the rating chosen under it
    await showChosenAnswer(ctx, checkinQuestion(t, { name, order: result.value.order, content, locale }), String(score))
    await checkinAnswered(ctx, me, score, result.value)
  })

  client.callbackQuery(npsCallback.filter, async (ctx, next) => {
    const [jobId, score] = npsCallback.unpack(ctx.callbackQuery.data) ?? []
    const me = ctx.client
    if (jobId === undefined || score === undefined || !me) return next()
    const result = services.followups.answerNps(jobId, me, score)
    if (result.status === 'invalid') return next()
    if (result.status === 'already') return ctx.answerCallbackQuery({ text: ctx.t('answer-already') })
    await ctx.answerCallbackQuery()
    const { t, name } = clientVoice(deps, me)
    await showChosenAnswer(ctx, t('nps-question', { name }), String(score))
    await npsAnswered(ctx, me, score, result.value.detractor)
  })

  // Words under a follow-up that need no manager (none while a request is open: the client's words
  // go to the team then). Asked to write no more ("всё нормально, хватит уже писать", «больше такое
  // не присылайте») under the check-in, the NPS question or the review request: the questions still
  // planned after an order are cancelled, and none is planned for a later order (the wish is kept) — a service's, not marketing's, so /stop's consent is
  // left as it is unless the words are /stop's as well («не пишите мне больше»: then both) — the
  // client is told so in a line, and the topic reads their words. A review said left («оставила
  // отзыв на Яндексе») under the review request or the link it opened: thanked. Both had opened a
  // request, its answer time and, half an hour on, an apology for a wait nobody had
  client.on('message:text', async (ctx, next) => {
    const me = ctx.client
    if (!me || services.handoff.isOpen(me.id)) return next()
    const { text } = ctx.msg
    const acknowledges = (part: string) => isAcknowledgement({ text: part })
    if (asksToStopWriting(text, { acknowledges })) {
      const under = followupQuestionStanding(deps, me, ctx.msg) !== undefined || reviewAskedStanding(deps, me, ctx.msg)
      if (!under) return next()
      const count = services.followups.declineQuestions(me.id, 'the client asked in words for no more of them')
      const news = wantsNoMarketing(text) && replyKeyboardsAllowed(ctx)
      if (news) await optOut(deps, ctx)
      ctx.log.info({ clientId: me.id, count, news }, 'the client asked for no more follow-ups')
      const words = excerpt(deps, { type: 'text', text })
      services.handoff.notifyTopic(me.id, [{ key: 'followups-stopped-topic', args: { words, count } }])
      const { name } = clientVoice(deps, me)
      return ctx.reply(ctx.t('followups-stopped', { name, news: news ? 'yes' : 'no' }))
    }
    const reviewed =
      saysReviewLeft(text) &&
      onlyTells(text, { acknowledges, paidKnown: () => false }) &&
      reviewAskedStanding(deps, me, ctx.msg)
    if (!reviewed) return next()
    ctx.log.info({ clientId: me.id }, 'the client said they left a review')
    const { name } = clientVoice(deps, me)
    return ctx.reply(ctx.t('review-left-thanks', { name }))
  })

  // A score typed instead of pressed ("5", "4/5", "2 stars. slow") under the check-in or NPS
  // question sent last (`typedFollowupScore`): that answer, with the words after it kept as its
  // comment (and shown to the team with a low one). It used to reach the relay as a new question,
  // opening a request and then asking the request's own two ratings. A check-in answered with a
  // ❤️ or a 👎, sticker or typed alone, is read too (`ratingAnswer`): it got "use the buttons"
  client.on(['message:text', 'message:sticker'], async (ctx, next) => {
    const me = ctx.client
    const typed = me && typedFollowupScore(deps, me, ctx.msg)
    if (!me || !typed) return next()
    const { asked, score, comment, question, shown } = typed
    // Answered: the question keeps the score under it and loses its buttons, as when pressed (a 4
    // pressed later was "already recorded")
    const answered = () =>
      shown.clientMessageId
        ? showChosenAnswer(ctx, question, String(score), undefined, shown.clientMessageId)
        : undefined
    if (asked.kind === 'checkin') {
      const result = services.followups.answerCheckin(asked.jobId, me, score, comment)
      if (result.status !== 'recorded') return next()
      ctx.log.info({ clientId: me.id, jobId: asked.jobId }, 'a check-in rating typed')
      await answered()
      return checkinAnswered(ctx, me, score, result.value, comment)
    }
    const result = services.followups.answerNps(asked.jobId, me, score, comment)
    if (result.status !== 'recorded') return next()
    ctx.log.info({ clientId: me.id, jobId: asked.jobId }, 'an NPS score typed')
    await answered()
    return npsAnswered(ctx, me, score, result.value.detractor, comment)
  })

  client.callbackQuery(reviewCallback.filter, async (ctx, next) => {
    const [jobId, index, fingerprint] = reviewCallback.unpack(ctx.callbackQuery.data) ?? []
    const me = ctx.client
    if (jobId === undefined || index === undefined || !me) return next()
    const link = services.followups.reviewClick(jobId, me, index, fingerprint)
    if (!link) return next()
    await ctx.answerCallbackQuery()
    const site = pickText(link.name, await ctx.i18n.getLocale())
    await ctx.reply(ctx.t('review-open'), {
      reply_markup: new InlineKeyboard().url(ctx.t('review-open-button', { site }), link.url),
    })
  })
}

/**
 * The check-in or NPS question whose score the client's answer is awaited for, while it is the
 * last thing the bot said in the chat `msg` is in (nobody wrote to them since, within
 * FOLLOWUP_TYPED_SCORE_MS) — or lies under the bot's "I'm a bot and understand buttons best" to
 * something it could not read there (a sticker, a photo: `asksForTheButtons`), which asked for its
 * buttons and left it open: a "5" typed then was read as nothing. The question, as the job asked
 * it, and the message it is. Undefined otherwise, and while the client's request is open (their
 * words go to the team then).
 */
export function followupQuestionStanding(deps: Deps, me: ClientRow, msg: Pick<Message, 'business_connection_id'>) {
  const { services, content } = deps
  // (Kept in memory: no read for a client with a request open)
  if (services.handoff.isOpen(me.id)) return undefined
  const asked = services.followups.awaitingScore(me)
  if (!asked) return undefined
  // Only right under the question, in the chat it is typed in: "5" or "хорошо" under a payment
  // reminder sent since answers that, not the check-in
  const { t, name, locale } = clientVoice(deps, me)
  const order = asked.orderId === null ? undefined : services.orders.get(asked.orderId)
  const question =
    asked.kind === 'checkin' ? checkinQuestion(t, { name, order, content, locale }) : t('nps-question', { name })
  const shown = services.handoff.openQuestion(me.id, chatOf(msg), FOLLOWUP_TYPED_SCORE_MS, {
    nudge: (said) => asksForTheButtons(said, t),
  })
  return shown?.text === question ? { asked, question, shown } : undefined
}

/**
 * A score typed instead of pressed ("5", "4/5", "2 stars. slow"), or emoji alone for a check-in
 * (a ❤️ or a 👎, typed or a sticker: `ratingAnswer`), under the check-in or NPS question standing
 * (`followupQuestionStanding`): that question, the score and the words after it (its comment).
 * Undefined for any other message.
 */
export function typedFollowupScore(
  deps: Deps,
  me: ClientRow,
  msg: Pick<Message, 'text' | 'sticker' | 'business_connection_id'>,
) {
  // The request first (kept in memory), then the words: most texts are no score
  if ((msg.text === undefined && msg.sticker === undefined) || deps.services.handoff.isOpen(me.id)) return undefined
  const typed = ratingAnswer(msg)
  if (!typed) return undefined
  const standing = followupQuestionStanding(deps, me, msg)
  if (!standing) return undefined
  // "4/5" is out of five: a check-in's scale, not NPS's (and "7/10" is not a check-in's)
  const { score, outOf, comment } = typed
  const { kind } = standing.asked
  if (outOf !== undefined && outOf !== (kind === 'checkin' ? 5 : 10)) return undefined
  // A good score with words that ask, say "but" or that something is still not done ("5,
  // перезвоните завтра", "отлично, а когда доставка", "хорошо, но курьер опоздал", "5, счёт так и
  // не пришёл") is for the team, by the same words as under a request's ratings: kept as a
  // comment, the request in them went unread. Praise or a word on the pace ("4, долго ждал") is
  // the rating's comment. A low one's words are quoted in its alert
  const good = score >= (kind === 'checkin' ? 4 : 7)
  if (comment !== undefined && good && !onlyRemarks(comment)) return undefined
  return { ...standing, score, comment }
}

/**
 * Whether the review request ("…напишите пару слов о нас… Выберите, где удобнее:") is the last
 * thing the bot said in the chat `msg` is in, within FOLLOWUP_TYPED_SCORE_MS. Its answer is a
 * link's button; a thanks or a ❤ under it is said to it.
 */
export function reviewRequestStanding(
  deps: Deps,
  me: ClientRow,
  msg: Pick<Message, 'business_connection_id'>,
): boolean {
  const { t, name } = clientVoice(deps, me)
  const said = deps.services.handoff.openQuestion(me.id, chatOf(msg), FOLLOWUP_TYPED_SCORE_MS)
  return said?.text === t('review-request', { name })
}

/**
 * Whether the review request, or the link one of its buttons opened ("Спасибо! 🙏 Откройте ссылку…"),
 * is the last thing the bot said in the chat `msg` is in, within FOLLOWUP_TYPED_SCORE_MS: what the
 * client writes then ("оставила отзыв") is said to it.
 */
export function reviewAskedStanding(deps: Deps, me: ClientRow, msg: Pick<Message, 'business_connection_id'>): boolean {
  const { t, name } = clientVoice(deps, me)
  const said = deps.services.handoff.openQuestion(me.id, chatOf(msg), FOLLOWUP_TYPED_SCORE_MS)
  return said?.text === t('review-request', { name }) || said?.text === t('review-open')
}
