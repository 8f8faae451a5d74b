import { createHash } from 'node:crypto'
import { InlineKeyboard } from 'grammy'
import type { User } from 'grammy/types'
import { z } from 'zod'
import { STAGES, type Stage } from '../../../db/schema.ts'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { clientLocale, clockTime, personLocale, quietHoursRange } from '../../format.ts'
import {
  broadcastRestKeyboard,
  broadcastStopCallback,
  broadcastStopKeyboard,
  editScheduledNotice,
  endedProgressText,
  reportText,
  restOf,
} from '../../jobs/broadcast-sender.ts'
import {
  ACTIVE_DAYS_CHOICES,
  type BroadcastRow,
  JOINED_DAYS_CHOICES,
  type SegmentFilter,
} from '../../services/broadcasts.ts'
import { writtenIn } from '../../text.ts'
import { deliverBroadcast, planDelivery, readPlan, sameMessage, slotsIn } from '../broadcast-message.ts'
import { broadcastName, broadcastNumber, segmentText } from '../broadcast-name.ts'
import { defineCallback, idPart } from '../callback-data.ts'
import type { BaseContext } from '../context.ts'
import { logCourtesyFailure, removeButtons, showInPlace } from '../courtesy.ts'
import { staffName } from '../handoff/texts.ts'
import { translator } from '../keyboards/booking.ts'
import { broadcastMenuCallback, broadcastRestCallback } from '../keyboards/broadcast.ts'
import { languageName } from '../keyboards/language.ts'
import { ownerOnly } from '../owner-guard.ts'
import { staffDayAndTime } from '../reader-zone.ts'
import type { BotScopes } from '../scopes.ts'
import { stageName } from '../stage-name.ts'

const DIMENSIONS = ['tag', 'product', 'stage', 'language', 'active', 'joined', 'paid'] as const
type Dimension = (typeof DIMENSIONS)[number]

/** The choices of one dimension, a page at a time (no page: the first). */
export const broadcastPickCallback = defineCallback('bcp', [
  idPart,
  z.enum(DIMENSIONS),
  z.coerce.number().int().min(0).max(10_000).optional(),
])
/** Choices per page of the picker, two to a row: well under Telegram's 100 buttons per message. */
const PICK_PAGE = 30
export const broadcastSetCallback = defineCallback('bcs', [
  idPart,
  z.enum(DIMENSIONS),
  z.string().regex(/^[a-z0-9_-]{1,32}$/),
])

/** Tags are free text set by managers: buttons carry a short hash, matched against the tags in use. */
export const tagKey = (tag: string) => createHash('sha256').update(tag).digest('hex').slice(0, 10)

/**
 * Broadcasts for owners (private chat): /broadcast → the owner sends or forwards any
 * message → picks a segment with buttons (conditions combine) → sees the recipient count
 * and a preview exactly as clients will get it → sends (or tests on themselves). Sending
 * runs in the background (src/jobs/broadcast-sender.ts); /cancel or the button under the
 * progress message stops it.
 */
export function registerBroadcastFeature(deps: Deps, scopes: BotScopes): void {
  const { services, content } = deps
  const feature = scopes.private

  // A saved segment may name a product since taken out of the content: its remembered title
  const productTitle = (id: string, locale: string) => content.productTitle(id, locale) ?? id

  async function describe(ctx: BaseContext, filter: SegmentFilter): Promise<string> {
    return segmentText(ctx.t, content, filter, await ctx.i18n.getLocale())
  }

  /** A broadcast to go or going, as the owner's messages name it: its number, its text's first line, its recipients. */
  async function nameOf(ctx: BaseContext, b: BroadcastRow): Promise<string> {
    return broadcastName(ctx.t, content, b, await ctx.i18n.getLocale())
  }

  /**
   * What the bot fills in and what it sends as the owner wrote it ({name}, {город}): said above
   * the recipients menu each time it is shown, so a filter picked does not take it away.
   */
  function slotNotes(ctx: BaseContext, id: number): string {
    const slots = slotsIn(readPlan(services.broadcasts.plan(id)))
    const notes = [
      ...(slots.name.length > 0 ? [ctx.t('broadcast-name-slot', { slot: slots.name.join(', ') })] : []),
      ...unknownSlots(ctx, slots.unknown),
    ]
    return notes.length > 0 ? `${notes.join('\n')}\n\n` : ''
  }

  /**
   * The words in braces the bot will not fill in, said as a warning with the placeholder it does
   * know (in the owner's language): above the menu, and again under the preview, by Send — the
   * preview shows them as clients will read them, and a note far up the chat is easily missed.
   */
  function unknownSlots(ctx: BaseContext, unknown: string[]): string[] {
    if (unknown.length === 0) return []
    return [ctx.t('broadcast-unknown-slots', { slots: unknown.join(', '), slot: ctx.t('broadcast-name-placeholder') })]
  }

  /**
   * Those the conditions select who may not get news, by why ("1 без согласия на рассылку, 1
   * отписался"), and how many in all: one rule for the recipient count and each picker choice's,
   * so a tag whose clients mostly never agreed reads so whatever its count. Undefined when none.
   */
  async function leftOut(
    ctx: BaseContext,
    filter: SegmentFilter,
  ): Promise<{ count: number; reasons: string } | undefined> {
    const { noConsent, optedOut, blocked } = await services.broadcasts.unreachable(filter)
    const count = noConsent + optedOut + blocked
    if (count === 0) return undefined
    const reasons = [
      ...(noConsent > 0 ? [ctx.t('broadcast-unreachable-no-consent', { count: noConsent })] : []),
      ...(optedOut > 0 ? [ctx.t('broadcast-unreachable-opted-out', { count: optedOut })] : []),
      ...(blocked > 0 ? [ctx.t('broadcast-unreachable-blocked', { count: blocked })] : []),
    ]
    return { count, reasons: reasons.join(', ') }
  }

  /**
   * Beside the recipient count, whatever it is: how many the conditions select who may not get
   * news, and why, on a line of its own ("🚫 3 clients fit but cannot get it: …") — with 0 the
   * owner knows the tag matched, with more that it reaches fewer than it holds. Empty when none.
   */
  async function unreachableLine(ctx: BaseContext, filter: SegmentFilter): Promise<string> {
    const left = await leftOut(ctx, filter)
    return left ? `\n${ctx.t('broadcast-unreachable', left)}` : ''
  }

  async function menu(ctx: BaseContext, id: number, filter: SegmentFilter) {
    const locale = await ctx.i18n.getLocale()
    const any = ctx.t('broadcast-any')
    const empty = Object.keys(filter).length === 0
    const { count, heldBack } = await services.broadcasts.countWithHeld(filter)
    const text =
      slotNotes(ctx, id) +
      ctx.t('broadcast-segment', {
        segment: await describe(ctx, filter),
        count,
        // "0" with a complaint open reads as a wrong condition otherwise
        held: heldBack > 0 ? ctx.t('broadcast-held-back', { count: heldBack }) : '',
        // So does "0" for a tag whose clients did not agree to news, and "1" for a tag of two
        unreachable: await unreachableLine(ctx, filter),
      })
    const keyboard = new InlineKeyboard()
      .text(`${empty ? '✓ ' : ''}${ctx.t('broadcast-btn-all')}`, broadcastMenuCallback.pack(id, 'all'))
      .row()
      .text(ctx.t('broadcast-btn-tag', { value: filter.tag ?? any }), broadcastPickCallback.pack(id, 'tag'))
      .text(
        ctx.t('broadcast-btn-product', { value: filter.product ? productTitle(filter.product, locale) : any }),
        broadcastPickCallback.pack(id, 'product'),
      )
      .row()
      .text(
        ctx.t('broadcast-btn-stage', { value: filter.stage ? stageName(ctx.t, filter.stage) : any }),
        broadcastPickCallback.pack(id, 'stage'),
      )
      .text(
        ctx.t('broadcast-btn-language', { value: filter.language ? languageName(ctx.t, filter.language) : any }),
        broadcastPickCallback.pack(id, 'language'),
      )
      .row()
      .text(
        ctx.t('broadcast-btn-active', {
          value: filter.activeDays ? ctx.t('broadcast-days', { days: filter.activeDays }) : any,
        }),
        broadcastPickCallback.pack(id, 'active'),
      )
      .text(
        ctx.t('broadcast-btn-joined', {
          value: filter.joinedDays ? ctx.t('broadcast-days', { days: filter.joinedDays }) : any,
        }),
        broadcastPickCallback.pack(id, 'joined'),
      )
      .row()
      .text(
        ctx.t('broadcast-btn-paid', {
          value: filter.paid ? ctx.t('broadcast-paid-yes') : filter.unpaid ? ctx.t('broadcast-unpaid-yes') : any,
        }),
        broadcastPickCallback.pack(id, 'paid'),
      )
      .row()
      .text(ctx.t('broadcast-btn-preview'), broadcastMenuCallback.pack(id, 'preview'))
      .row()
      .text(ctx.t('broadcast-btn-discard'), broadcastMenuCallback.pack(id, 'discard'))
    return { text, keyboard }
  }

  /**
   * The choices of a dimension as its picker offers them, a page at a time (`asked`, kept within
   * the pages there are). Each says how many it would reach with it picked, the other conditions
   * kept ("за 7 дней (12)", "vip (40)"), counted as the menu's recipient count is — those the team
   * owes an answer left out — and, when it holds clients who may not get news, how many and why
   * ("керамика: 1 из 2 (1 без согласия на рассылку)"), as the menu says beside its count: two reads
   * a choice, off the event loop. Only the page's choices are counted: managers may have set
   * hundreds of tags.
   */
  async function options(
    ctx: BaseContext,
    dimension: Dimension,
    filter: SegmentFilter,
    asked: number,
  ): Promise<{
    shown: { label: string; value: string; long?: boolean }[]
    page: number
    pages: number
    total: number
  }> {
    const choices = await choicesOf(ctx, dimension)
    const pages = Math.max(1, Math.ceil(choices.length / PICK_PAGE))
    const page = Math.min(asked, pages - 1)
    // A tag's choice is labelled with the tag itself: the tags read once for every choice's count
    const inUse = dimension === 'tag' ? choices.map((c) => c.label) : undefined
    const shown = await Promise.all(
      choices.slice(page * PICK_PAGE, (page + 1) * PICK_PAGE).map(async ({ label, value }) => {
        const picked = await applyChoice(filter, dimension, value, inUse)
        if (!picked) return { label: ctx.t('broadcast-choice-count', { choice: label, count: 0 }), value }
        const [count, left] = await Promise.all([services.broadcasts.count(picked), leftOut(ctx, picked)])
        // Those it holds who may not get news, said as the recipient count says them
        return left
          ? {
              label: ctx.t('broadcast-choice-left-out', {
                choice: label,
                count,
                total: count + left.count,
                reasons: left.reasons,
              }),
              value,
              long: true,
            }
          : { label: ctx.t('broadcast-choice-count', { choice: label, count }), value }
      }),
    )
    return { shown, page, pages, total: choices.length }
  }

  async function choicesOf(ctx: BaseContext, dimension: Dimension): Promise<{ label: string; value: string }[]> {
    const locale = await ctx.i18n.getLocale()
    switch (dimension) {
      case 'tag':
        return (await services.broadcasts.tags()).map((tag) => ({ label: tag, value: tagKey(tag) }))
      case 'product':
        return content.get().products.map((p) => ({ label: pickText(p.title, locale), value: p.id }))
      case 'stage':
        return STAGES.map((s) => ({ label: stageName(ctx.t, s), value: s }))
      case 'language':
        return (await services.broadcasts.languages()).map((l) => ({ label: languageName(ctx.t, l), value: l }))
      case 'active':
        return ACTIVE_DAYS_CHOICES.map((d) => ({ label: ctx.t('broadcast-days', { days: d }), value: String(d) }))
      case 'joined':
        return JOINED_DAYS_CHOICES.map((d) => ({ label: ctx.t('broadcast-days', { days: d }), value: String(d) }))
      case 'paid':
        return [
          { label: ctx.t('broadcast-paid-yes'), value: 'yes' },
          { label: ctx.t('broadcast-unpaid-yes'), value: 'unpaid' },
        ]
    }
  }

  /**
   * The filter with one dimension set from button data, or undefined if the value is not (or no
   * longer) valid. `inUse`: the tags in use, when the caller has read them.
   */
  async function applyChoice(
    filter: SegmentFilter,
    dimension: Dimension,
    value: string,
    inUse?: readonly string[],
  ): Promise<SegmentFilter | undefined> {
    const next: SegmentFilter = { ...filter }
    if (value === 'any') {
      if (dimension === 'active') delete next.activeDays
      else if (dimension === 'joined') delete next.joinedDays
      else if (dimension === 'paid') {
        // One condition of payments at a time: paid, or an invoice not paid
        delete next.paid
        delete next.unpaid
      } else delete next[dimension]
      return next
    }
    switch (dimension) {
      case 'tag': {
        const tag = (inUse ?? (await services.broadcasts.tags())).find((t) => tagKey(t) === value)
        if (!tag) return undefined
        next.tag = tag
        return next
      }
      case 'product':
        if (!content.get().products.some((p) => p.id === value)) return undefined
        next.product = value
        return next
      case 'stage':
        if (!(STAGES as readonly string[]).includes(value)) return undefined
        next.stage = value as Stage
        return next
      case 'language':
        if (!/^[a-z]{2,3}$/.test(value)) return undefined
        next.language = value
        return next
      case 'active': {
        const days = Number(value)
        if (!(ACTIVE_DAYS_CHOICES as readonly number[]).includes(days)) return undefined
        next.activeDays = days
        return next
      }
      case 'joined': {
        const days = Number(value)
        if (!(JOINED_DAYS_CHOICES as readonly number[]).includes(days)) return undefined
        next.joinedDays = days
        return next
      }
      case 'paid':
        // One condition of payments at a time: the other one picked before gives way
        delete next.paid
        delete next.unpaid
        if (value === 'yes') next.paid = true
        else if (value === 'unpaid') next.unpaid = true
        else return undefined
        return next
    }
  }

  /**
   * The language of the preview's unsubscribe line, as the clients get it (each in their own):
   * the segment's language, or else the default one, which every client without a choice gets.
   */
  const previewLocale = (filter: SegmentFilter) =>
    clientLocale({ language: filter.language ?? null, telegramId: null }, deps)

  /** Says, when the segment mixes languages, that the unsubscribe line follows each client's. */
  function previewIntro(ctx: BaseContext, filter: SegmentFilter): string {
    const mixed = filter.language === undefined && content.get().business.languages.length > 1
    return mixed
      ? ctx.t('broadcast-preview-intro-mixed', { language: languageName(ctx.t, previewLocale(filter)) })
      : ctx.t('broadcast-preview-intro')
  }

  async function sendPreview(ctx: BaseContext, id: number): Promise<boolean> {
    const draft = services.broadcasts.get(id)
    const chatId = ctx.chat?.id
    if (!draft || chatId === undefined) return false
    const locale = previewLocale(services.broadcasts.segmentOf(draft))
    await deliverBroadcast(
      ctx.api,
      chatId,
      { chatId: draft.sourceChatId, messageId: draft.sourceMessageId },
      readPlan(services.broadcasts.plan(id)),
      { hint: deps.i18n.t(locale, 'broadcast-optout-hint'), button: deps.i18n.t(locale, 'broadcast-optout-button') },
      // The owner's own name where each client will read theirs
      ctx.from?.first_name ?? '',
    )
    return true
  }

  /**
   * The question under a preview: how many it goes to now, and the buttons to send it (at the end
   * of the quiet hours too), test it, change the recipients or drop it; with nobody to send it to,
   * only the ways to change it.
   */
  async function confirmation(ctx: BaseContext, id: number, filter: SegmentFilter, counted: number) {
    // The clients "Send (N)" counts are written down: what goes is counted against them
    const count = counted > 0 ? await services.broadcasts.approve(id) : 0
    const keyboard = new InlineKeyboard()
    // In the quiet hours the owner may send it when they end instead: a broadcast is marketing
    const morning = count > 0 ? services.broadcasts.quietUntil() : undefined
    const { timezone } = deps.content.get().business
    const locale = await ctx.i18n.getLocale()
    const at = morning === undefined ? '' : clockTime(morning, timezone, locale)
    if (morning !== undefined) {
      keyboard.text(ctx.t('broadcast-btn-morning', { at, count }), broadcastMenuCallback.pack(id, 'morning')).row()
      // Its own action: "Send" from a preview shown before the quiet hours began is asked again
      keyboard.text(ctx.t('broadcast-btn-send-now', { count }), broadcastMenuCallback.pack(id, 'sendnow')).row()
    } else if (count > 0) {
      keyboard.text(ctx.t('broadcast-btn-send', { count }), broadcastMenuCallback.pack(id, 'send')).row()
    }
    // A client a broadcast reached in the last 24 hours gets a second (or third) in a day: said,
    // with the offer to leave them out (a condition of the segment, so one put off to 9:00 leaves
    // out those reached in the day before it goes); once left out, the way to take them back
    const lately = count > 0 && !filter.rested ? await services.broadcasts.reachedLately(filter) : 0
    if (lately > 0 && lately < count) {
      keyboard
        .text(ctx.t('broadcast-btn-rested', { count: count - lately }), broadcastMenuCallback.pack(id, 'rested'))
        .row()
    }
    if (filter.rested) keyboard.text(ctx.t('broadcast-btn-unrested'), broadcastMenuCallback.pack(id, 'unrested')).row()
    const recentLine =
      lately > 0 ? `\n${ctx.t('broadcast-recent', { count: lately, total: count, others: count - lately })}` : ''
    const { quiet_hours: quiet } = deps.content.get().followups
    const quietLine =
      morning === undefined ? '' : `\n\n${ctx.t('broadcast-quiet-now', { hours: quietHoursRange(quiet, locale), at })}`
    keyboard
      .text(ctx.t('broadcast-btn-test'), broadcastMenuCallback.pack(id, 'test'))
      .row()
      .text(ctx.t('broadcast-btn-change'), broadcastMenuCallback.pack(id, 'menu'))
      .row()
      .text(ctx.t('broadcast-btn-discard'), broadcastMenuCallback.pack(id, 'discard'))
    // Nobody, while some wait on a complaint: changing the conditions would not reach them
    const heldBack = count > 0 ? 0 : (await services.broadcasts.countWithHeld(filter)).heldBack
    // Those who gave their own zone and are in their night now get it in their morning (the worker
    // puts them off): the owner is not left to think "now" means everyone
    const night = count > 0 ? await services.broadcasts.inTheirNight(filter) : 0
    const nightLine = night > 0 ? `\n${ctx.t('broadcast-night-now', { count: night })}` : ''
    const languageLine = count > 0 ? await otherLanguageLine(ctx, id, filter, count) : ''
    const warning = unknownSlots(ctx, slotsIn(readPlan(services.broadcasts.plan(id))).unknown)
    const text =
      warning.map((line) => `${line}\n\n`).join('') +
      ctx.t(count > 0 ? 'broadcast-confirm' : 'broadcast-nobody', {
        count,
        segment: await describe(ctx, filter),
        held: heldBack > 0 ? ctx.t('broadcast-held-back', { count: heldBack }) : '',
        unreachable: await unreachableLine(ctx, filter),
        // How it can be stopped, as the buttons offer it: put off to the morning, its ✖ cancels it
        // until then (/cancel does not); once going, the Stop under its progress message
        when: morning === undefined ? 'now' : 'morning',
        at,
      }) +
      recentLine +
      nightLine +
      languageLine +
      quietLine
    return { text, keyboard }
  }

  /**
   * Recipients the bot speaks another language with than the text is written in (`writtenIn`): a
   * Russian text to a segment with English-speaking clients reaches them as it is, with only the
   * unsubscribe line in their language, and the owner had no word of it. With a language picked,
   * whether it is the text's: an English text sent to the Russian readers is as likely a slip.
   * Empty when the business speaks one language, or the text's cannot be told (a photo alone, a
   * brand name).
   */
  async function otherLanguageLine(ctx: BaseContext, id: number, filter: SegmentFilter, total: number) {
    const languages = content.get().business.languages
    if (languages.length < 2) return ''
    const plan = readPlan(services.broadcasts.plan(id))
    const written = writtenIn(plan.kind === 'text' ? plan.text : plan.kind === 'caption' ? plan.caption : '')
    if (written === undefined) return ''
    if (filter.language !== undefined) {
      // The language the bot speaks with the clients picked, as the preview's unsubscribe line is in
      const language = previewLocale(filter)
      return language === written ? '' : `\n${ctx.t('broadcast-picked-language', { count: total, written, language })}`
    }
    const other = languages.find((language) => language !== written)
    if (other === undefined) return ''
    const readers = await services.broadcasts.count({ ...filter, language: other })
    return readers > 0 ? `\n${ctx.t('broadcast-other-language', { count: readers, total, language: other })}` : ''
  }

  /**
   * "вт, 24 нояб., 9:00": when a scheduled broadcast goes, as its notice and the answers naming it
   * say it — the day by its date, as every staff time is written (`staffDayAndTime`; no client's
   * clock beside it). Its notice stays in the chat for hours: "завтра в 9:00" written at 22:00 was
   * wrong after midnight, and a date needs no edit at midnight to stay true (a job to re-render
   * each notice and the messages pointing to it then would be one more thing to fail).
   */
  async function whenText(ctx: BaseContext, at: number): Promise<string> {
    const { timezone } = deps.content.get().business
    return staffDayAndTime(ctx.t, at, {
      businessTz: timezone,
      clientTz: null,
      locale: await ctx.i18n.getLocale(),
      now: deps.clock.now(),
    })
  }

  /** The owner's own drafts put off to the end of the quiet hours (only its author may cancel one). */
  const scheduledOf = (ownerId: number) =>
    services.broadcasts.underWay().filter((b) => b.status === 'draft' && b.ownerId === ownerId)

  const discardKeyboard = (ctx: BaseContext, id: number) =>
    new InlineKeyboard().text(ctx.t('broadcast-btn-discard'), broadcastMenuCallback.pack(id, 'discard'))

  /**
   * A scheduled broadcast named again with its ✖ (the answer to /cancel or /broadcast): that
   * message is its notice from now on — edited when it goes, is cancelled or finds nobody — and
   * the one before it loses its button, pointing here, so no ✖ is left under a broadcast gone.
   * The earlier ones say when it goes anew, and are edited with the notice when it goes.
   */
  async function offerDiscard(ctx: BaseContext, b: BroadcastRow, text: string): Promise<void> {
    // The earlier one first, so that "below" is the message that follows it at once
    if (b.noticeMessageId !== null) {
      const at = await whenText(ctx, Number(b.scheduledAt))
      await editScheduledNotice(
        ctx.api,
        ctx.log,
        b,
        ctx.t('broadcast-notice-moved', { name: await nameOf(ctx, b), at }),
      )
    }
    const sent = await ctx.reply(text, { reply_markup: discardKeyboard(ctx, b.id) })
    services.broadcasts.moveNotice(b.id, sent.message_id)
  }

  /**
   * Says a broadcast is being sent, with its Stop button: the owner's own ("📤 #3 is being sent"),
   * or one another owner started, named (any owner may stop it). The owner's own answer is its
   * progress message from now on — edited as it goes and when it ends, so no Stop button is left
   * under a broadcast that is over (the answer kept it for good) — and the one before points here,
   * until it ends: then each reads the final figures too, pointing to no Stop button gone.
   */
  async function offerStop(ctx: BaseContext & { from: User }, b: BroadcastRow): Promise<void> {
    const own = b.ownerId === ctx.from.id
    const text = own
      ? ctx.t('broadcast-already-sending', { name: await nameOf(ctx, b) })
      : ctx.t('broadcast-stop-other-ask', { name: await nameOf(ctx, b), owner: staffName(deps, b.ownerId) ?? '' })
    const sent = await ctx.reply(text, { reply_markup: broadcastStopKeyboard(b.id, ctx.t('broadcast-stop-button')) })
    if (!own) return
    // (The one before joins its earlier progress messages, which the run's last edit reaches too)
    services.broadcasts.setProgressMessage(b.id, sent.message_id)
    const edit = async (messageId: number, words: string, what: string) => {
      try {
        await ctx.api.editMessageText(ctx.from.id, messageId, words, { reply_markup: { inline_keyboard: [] } })
      } catch (err) {
        logCourtesyFailure(ctx.log, err, what)
      }
    }
    const ended = () => {
      const now = services.broadcasts.get(b.id)
      return now && now.status !== 'sending' ? now : undefined
    }
    let over = ended()
    if (!over && b.progressMessageId !== null) {
      await edit(
        b.progressMessageId,
        ctx.t('broadcast-progress-moved', { name: await nameOf(ctx, b) }),
        'pointing the progress message of a broadcast below',
      )
      over = ended()
    }
    if (!over) return
    // Ended while these were on their way: the run's last edit may have gone before them (to the
    // messages it knew then, or before "moved" here); both read as it does, with no Stop button
    const words = endedProgressText(deps, over, await ctx.i18n.getLocale())
    for (const messageId of [b.progressMessageId, sent.message_id]) {
      if (messageId !== null) await edit(messageId, words, 'the progress message of a broadcast that ended')
    }
  }

  /**
   * A broadcast still to go — scheduled or being sent, by anyone — with the same message as this
   * draft: confirming the draft would give the clients in both the same words twice (an owner
   * who sent /cancel at night thought the scheduled one was gone and sent it again).
   */
  function twinOf(draft: BroadcastRow): BroadcastRow | undefined {
    const plan = readPlan(draft.plan)
    const same = (b: BroadcastRow) => b.id !== draft.id && sameMessage(readPlan(b.plan), plan)
    // One stopped halfway too, the newest: it did not reach everyone, and sending the same message
    // again to reach the rest gives it twice to those it did reach — its rest is offered instead.
    // One that finished reached whom it could: sending it again is a choice, not a slip
    return services.broadcasts.underWay().find(same) ?? services.broadcasts.stopped().findLast(same)
  }

  // An owner's /cancel ends their pending step, or leaves the flow they are in (the quiz
  // they try as a client would: the global /cancel), or else stops their broadcast. A
  // broadcast another owner started is only offered to stop, with a button: a /cancel
  // meant for something else must not end a colleague's broadcast.
  feature.command('cancel', async (ctx, next) => {
    if (ctx.staffRole !== 'owner') return next()
    if (services.ownerInput.clear(ctx.from.id)) return ctx.reply(ctx.t('owner-step-cancelled'))
    if (Object.keys(await ctx.conversation.active()).length > 0) return next()
    const active = services.broadcasts.activeOf(ctx.from.id)
    // One that only waits for its recipients' morning may wait for hours: a /cancel meant for
    // something else the next morning must not silently drop them — its Stop button instead
    if (active && services.broadcasts.delivery.waitsForMornings(active.id)) return offerStop(ctx, active)
    if (active) return stopBroadcast(ctx, active)
    const mine = scheduledOf(ctx.from.id)
    const others = services.broadcasts.sending()
    if (mine.length === 0 && others.length === 0) return next()
    // A scheduled broadcast is not ended by /cancel (a command meant for a step or a flow must not
    // cancel tomorrow's broadcast), and "nothing to cancel" would read as if it were gone: its button
    for (const b of mine) {
      await offerDiscard(
        ctx,
        b,
        ctx.t('broadcast-scheduled-not-cancelled', {
          name: await nameOf(ctx, b),
          at: await whenText(ctx, Number(b.scheduledAt)),
        }),
      )
    }
    for (const b of others) await offerStop(ctx, b)
  })

  /** The owner who started a broadcast hears who stopped it (the final report follows). */
  async function tellStarter(ctx: BaseContext & { from: User }, b: BroadcastRow, startedBy: number): Promise<void> {
    const locale = personLocale(deps, startedBy)
    const name = staffName(deps, ctx.from.id) ?? ''
    try {
      await ctx.api.sendMessage(
        startedBy,
        deps.i18n.t(locale, 'broadcast-stopped-by', {
          name: broadcastName(translator(deps.i18n, locale), content, b, locale),
          owner: name,
        }),
      )
    } catch (err) {
      // They still get the final report (or read the figures in /stats)
      ctx.log.warn({ err, broadcastId: b.id }, 'could not tell the owner who started the broadcast that it was stopped')
    }
  }

  async function stopBroadcast(ctx: BaseContext & { from: User }, b: BroadcastRow): Promise<void> {
    // The run's last edit ("stopped") and its report wait for this answer ("Stopping…"): a new
    // message waits for its place in the send budget, an edit in a private chat does not
    let answered = () => {}
    const answer = new Promise<void>((resolve) => {
      answered = resolve
    })
    try {
      await answerStop(ctx, b, answer)
    } finally {
      answered()
    }
  }

  async function answerStop(
    ctx: BaseContext & { from: User },
    b: BroadcastRow,
    answer: Promise<void>,
  ): Promise<unknown> {
    const { id } = b
    // Read before the cancel: a run live then sends the final report itself, however soon it
    // ends (the cancel ends its waits at once); read after, a run that ended meanwhile would
    // have sent one, and this one a second
    const running = services.broadcasts.worker()?.isRunning(id) ?? false
    if (!(await services.broadcasts.cancel(id, answer))) {
      return ctx.reply(ctx.t('broadcast-not-running', { name: await nameOf(ctx, b) }))
    }
    ctx.log.info({ broadcastId: id }, 'broadcast cancelled by an owner')
    const startedBy = b.ownerId
    // One taken off the team meanwhile is told nothing: the report goes to every owner then
    const byAnother = startedBy !== ctx.from.id && services.staff.isOwner(startedBy)
    if (byAnother) await tellStarter(ctx, b, startedBy)
    // The worker sends the final report, to the owner who started it (or to every owner, if they
    // are no longer one), once the sends in flight are recorded
    if (running) {
      return ctx.reply(
        byAnother
          ? ctx.t('broadcast-stopping-other', { name: await nameOf(ctx, b), owner: staffName(deps, startedBy) ?? '' })
          : ctx.t('broadcast-stopping', { name: await nameOf(ctx, b) }),
      )
    }
    const rest = await restOf(deps, id)
    return ctx.reply(
      reportText(deps, b, services.broadcasts.report(id), await ctx.i18n.getLocale(), 'broadcast-report-cancelled'),
      rest > 0 ? { reply_markup: broadcastRestKeyboard(id, ctx.t('broadcast-btn-rest', { count: rest })) } : {},
    )
  }

  feature.command(
    'broadcast',
    ownerOnly(async (ctx) => {
      // What is still to go is said first, with its button: an owner who believes a scheduled
      // broadcast gone (or does not see the one under way) would otherwise send it again. A
      // colleague's scheduled one too — the same news from two owners reaches the clients twice —
      // with who put it off, and no ✖: only its author cancels it (its notice is in their chat)
      for (const b of services.broadcasts.underWay()) {
        if (b.status === 'sending') {
          await offerStop(ctx, b)
        } else if (b.ownerId === ctx.from.id) {
          await offerDiscard(
            ctx,
            b,
            ctx.t('broadcast-already-scheduled', {
              name: await nameOf(ctx, b),
              at: await whenText(ctx, Number(b.scheduledAt)),
            }),
          )
        } else if (services.staff.isOwner(b.ownerId)) {
          // (One whose author is no owner now is dropped when its time comes: it is not going)
          await ctx.reply(
            ctx.t('broadcast-scheduled-by-other', {
              name: await nameOf(ctx, b),
              at: await whenText(ctx, Number(b.scheduledAt)),
              owner: staffName(deps, b.ownerId) ?? '',
            }),
          )
        }
      }
      services.ownerInput.expect(ctx.from.id, { kind: 'broadcast', at: deps.clock.now() })
      // What goes out is a copy of one whole message (its formatting, its photo): the words after
      // the command are not it, and an owner who typed them is told so rather than left to guess
      const compose = ctx.t('broadcast-compose')
      await ctx.reply(ctx.match.trim() ? `${ctx.t('broadcast-text-after-command')}\n\n${compose}` : compose)
    }),
  )

  // The message to broadcast: whatever the owner sends next (commands pass through)
  feature.on('message', async (ctx, next) => {
    if (ctx.staffRole !== 'owner') return next()
    const pending = services.ownerInput.pending(ctx.from.id)
    if (pending?.kind !== 'broadcast') return next()
    if (ctx.msg.text?.startsWith('/')) return next()
    const group = ctx.msg.media_group_id
    if (group) {
      // Albums arrive as several messages: answer once, keep waiting for a single message
      if (pending.rejectedGroup !== group) {
        services.ownerInput.expect(ctx.from.id, { ...pending, rejectedGroup: group })
        await ctx.reply(ctx.t('broadcast-album'))
      }
      return
    }
    const plan = planDelivery(ctx.msg)
    if (!plan) return ctx.reply(ctx.t('broadcast-unsupported'))
    services.ownerInput.clear(ctx.from.id)
    const draft = services.broadcasts.createDraft({
      ownerId: ctx.from.id,
      sourceChatId: ctx.chat.id,
      sourceMessageId: ctx.msg.message_id,
      plan,
    })
    ctx.log.info({ broadcastId: draft.id, kind: plan.kind }, 'broadcast draft created')
    const { text, keyboard } = await menu(ctx, draft.id, {})
    await ctx.reply(text, { reply_markup: keyboard })
  })

  feature.callbackQuery(
    broadcastMenuCallback.filter,
    ownerOnly(async (ctx) => {
      const [id, action] = broadcastMenuCallback.unpack(ctx.callbackQuery.data) ?? []
      const draft = id ? services.broadcasts.draftOf(id, ctx.from.id) : undefined
      if (id && action && !draft) {
        // A broadcast put off to the morning went meanwhile: its "Don't send" says so, and comes off
        const row = services.broadcasts.get(id)
        if (row?.status === 'sending' || row?.status === 'done') {
          await ctx.answerCallbackQuery({ text: ctx.t('broadcast-already-sent', { id: broadcastNumber(row) }) })
          return removeButtons(ctx)
        }
      }
      if (!id || !action || !draft) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-stale') })
      const filter = services.broadcasts.segmentOf(draft)
      if ((action === 'send' || action === 'sendsame') && services.broadcasts.quietUntil() !== undefined) {
        // "Send" (or "send this one too") under a question shown in the day, pressed in the quiet hours: their question now
        // (send at their end, or now), in place, not a marketing message at 22:30 unasked
        await ctx.answerCallbackQuery({ text: ctx.t('broadcast-quiet-began') })
        const { text, keyboard } = await confirmation(ctx, id, filter, await services.broadcasts.count(filter))
        return showInPlace(ctx, text, keyboard)
      }
      const twin = action === 'send' || action === 'sendnow' || action === 'morning' ? twinOf(draft) : undefined
      if (twin) {
        // The same message is already on its way: sent again only when the owner says so (another
        // segment is a reason to; a second try after /cancel at night is not)
        await ctx.answerCallbackQuery()
        const count = await services.broadcasts.count(filter)
        // "At 9:00" pressed under a preview shown before the quiet hours ended: now it can only go now
        const quietEnd = action === 'morning' ? services.broadcasts.quietUntil() : undefined
        const morning = quietEnd !== undefined
        const keyboard = new InlineKeyboard()
          .text(
            morning
              ? ctx.t('broadcast-btn-twin-morning', {
                  at: clockTime(quietEnd, deps.content.get().business.timezone, await ctx.i18n.getLocale()),
                  count,
                })
              : ctx.t('broadcast-btn-twin-send', { count }),
            // Asked in the quiet hours, "send now" again is said so: pressed later, it is not asked about
            broadcastMenuCallback.pack(id, morning ? 'morningsame' : action === 'sendnow' ? 'sendnowsame' : 'sendsame'),
          )
          .row()
          .text(ctx.t('broadcast-btn-change'), broadcastMenuCallback.pack(id, 'menu'))
          .row()
          .text(ctx.t('broadcast-btn-discard'), broadcastMenuCallback.pack(id, 'discard'))
        const args = {
          other: broadcastNumber(twin),
          name: await nameOf(ctx, twin),
          action: morning ? 'morning' : 'now',
        }
        if (twin.status === 'cancelled') {
          // Stopped halfway: its rest is the first choice, exact — those it reached are not sent it again
          const r = services.broadcasts.report(twin.id)
          const rest = await restOf(deps, twin.id)
          const text = ctx.t('broadcast-twin-stopped', { ...args, sent: r.sent, total: r.total, rest })
          const choices =
            rest > 0
              ? broadcastRestKeyboard(
                  twin.id,
                  ctx.t('broadcast-btn-twin-rest', { other: broadcastNumber(twin), count: rest }),
                  id,
                  // (append starts its own rows: a row() before it left an empty one)
                ).append(keyboard)
              : keyboard
          return showInPlace(ctx, text, choices)
        }
        const text =
          twin.status === 'sending'
            ? ctx.t('broadcast-twin-sending', args)
            : ctx.t('broadcast-twin-scheduled', { ...args, at: await whenText(ctx, Number(twin.scheduledAt)) })
        return showInPlace(ctx, text, keyboard)
      }
      switch (action) {
        case 'menu':
        case 'all': {
          const next = action === 'all' ? {} : filter
          if (action === 'all') await services.broadcasts.setSegment(id, next)
          await ctx.answerCallbackQuery()
          const { text, keyboard } = await menu(ctx, id, next)
          return showInPlace(ctx, text, keyboard)
        }
        case 'preview': {
          await ctx.answerCallbackQuery()
          await removeButtons(ctx)
          const count = await services.broadcasts.count(filter)
          await ctx.reply(previewIntro(ctx, filter))
          await sendPreview(ctx, id)
          const { text, keyboard } = await confirmation(ctx, id, filter, count)
          return ctx.reply(text, { reply_markup: keyboard })
        }
        case 'rested':
        case 'unrested': {
          // The conditions change: the count and the question are shown anew in place, under the preview
          const next = { ...filter }
          if (action === 'rested') next.rested = true
          else delete next.rested
          await services.broadcasts.setSegment(id, next)
          await ctx.answerCallbackQuery()
          const { text, keyboard } = await confirmation(ctx, id, next, await services.broadcasts.count(next))
          return showInPlace(ctx, text, keyboard)
        }
        case 'test': {
          await sendPreview(ctx, id)
          return ctx.answerCallbackQuery({ text: ctx.t('broadcast-test-sent') })
        }
        case 'discard': {
          await services.broadcasts.discard(id)
          await ctx.answerCallbackQuery()
          if (draft.scheduledAt === null) return showInPlace(ctx, ctx.t('broadcast-discarded'))
          // A scheduled one cancelled from another message (the answer to /cancel or /broadcast):
          // its notice says so too, and no longer offers to cancel it
          const cancelled = ctx.t('broadcast-notice-cancelled', { name: await nameOf(ctx, draft) })
          await showInPlace(ctx, cancelled)
          await editScheduledNotice(ctx.api, ctx.log, draft, cancelled, {
            except: ctx.callbackQuery.message?.message_id,
          })
          return
        }
        case 'morning':
        case 'morningsame': {
          // The message it is shown in becomes its notice: edited when it goes, or is cancelled
          const at = services.broadcasts.schedule(id, ctx.callbackQuery.message?.message_id)
          // The quiet hours ended meanwhile (or it was just sent): "Send now" beside it is the way
          if (at === undefined) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-quiet-over') })
          ctx.log.info({ broadcastId: id, at }, 'broadcast scheduled for the end of the quiet hours')
          await ctx.answerCallbackQuery()
          const when = await whenText(ctx, at)
          // Numbered as it was put off: read again
          const named = services.broadcasts.get(id) ?? draft
          const scheduled = ctx.t('broadcast-scheduled', { name: await nameOf(ctx, named), at: when })
          return showInPlace(ctx, scheduled, discardKeyboard(ctx, id))
        }
        case 'send':
        case 'sendnow':
        case 'sendsame':
        case 'sendnowsame': {
          const result = await services.broadcasts.confirm(id)
          if (!result.ok && result.reason === 'empty') {
            // The count on the button was right when shown: since then the clients left (/forget,
            // /stop) or changed. The question is put right, so no stale number stays on screen
            await ctx.answerCallbackQuery({ text: ctx.t('broadcast-empty') })
            const { text, keyboard } = await confirmation(ctx, id, filter, 0)
            return showInPlace(ctx, text, keyboard)
          }
          if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-stale') })
          ctx.log.info({ broadcastId: id, recipients: result.total }, 'broadcast confirmed')
          await ctx.answerCallbackQuery()
          // The worker posts the progress message itself, so it always comes before the report.
          // Who the owner approved and has left since is said now, not only in the report
          const left = result.total - result.reachable
          // Numbered as it started: read again
          const started = services.broadcasts.get(id) ?? draft
          await showInPlace(
            ctx,
            ctx.t('broadcast-started', { name: await nameOf(ctx, started), total: result.reachable, left }),
          )
          return
        }
      }
    }),
  )

  feature.callbackQuery(
    broadcastPickCallback.filter,
    ownerOnly(async (ctx) => {
      const [id, dimension, asked = 0] = broadcastPickCallback.unpack(ctx.callbackQuery.data) ?? []
      const draft = id ? services.broadcasts.draftOf(id, ctx.from.id) : undefined
      if (!id || !dimension || !draft) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-stale') })
      await ctx.answerCallbackQuery()
      // Managers may have set hundreds of tags: every one can be chosen, a page at a time
      const { shown, page, pages, total } = await options(ctx, dimension, services.broadcasts.segmentOf(draft), asked)
      // Two choices a row (one, when a choice says who it leaves out: a half-row would cut it
      // off); grammY's flow leaves no empty row when there are none
      const keyboard = InlineKeyboard.from([
        shown.map((c) => InlineKeyboard.text(c.label, broadcastSetCallback.pack(id, dimension, c.value))),
      ]).toFlowed(shown.some((c) => c.long) ? 1 : 2)
      const turns = [
        ...(page > 0 ? [InlineKeyboard.text('◀', broadcastPickCallback.pack(id, dimension, page - 1))] : []),
        ...(page < pages - 1 ? [InlineKeyboard.text('▶', broadcastPickCallback.pack(id, dimension, page + 1))] : []),
      ]
      if (turns.length > 0) keyboard.row(...turns)
      keyboard.row(
        InlineKeyboard.text(ctx.t('broadcast-any'), broadcastSetCallback.pack(id, dimension, 'any')),
        InlineKeyboard.text(ctx.t('broadcast-btn-back'), broadcastMenuCallback.pack(id, 'menu')),
      )
      const dimensionName = ctx.t(`broadcast-dim-${dimension}`)
      const text =
        (total === 0
          ? ctx.t('broadcast-pick-none', { dimension })
          : pages > 1
            ? ctx.t('broadcast-pick-page', { dimension: dimensionName, page: page + 1, pages })
            : ctx.t('broadcast-pick', { dimension: dimensionName })) +
        // A stage is where the client is now: "customer (one order paid)" lets go of one who paid
        // again or went to leave a review, and an owner thanking those who paid would miss them
        (dimension === 'stage' ? `\n\n${ctx.t('broadcast-pick-stage-note')}` : '') +
        // What "an unpaid invoice" takes in, and what it does not: said where it is chosen
        (dimension === 'paid' ? `\n\n${ctx.t('broadcast-pick-paid-note')}` : '')
      return showInPlace(ctx, text, keyboard)
    }),
  )

  feature.callbackQuery(
    broadcastSetCallback.filter,
    ownerOnly(async (ctx) => {
      const [id, dimension, value] = broadcastSetCallback.unpack(ctx.callbackQuery.data) ?? []
      const draft = id ? services.broadcasts.draftOf(id, ctx.from.id) : undefined
      if (!id || !dimension || !value || !draft) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-stale') })
      const filter = await applyChoice(services.broadcasts.segmentOf(draft), dimension, value)
      if (!filter) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-stale') })
      await services.broadcasts.setSegment(id, filter)
      await ctx.answerCallbackQuery()
      const { text, keyboard } = await menu(ctx, id, filter)
      return showInPlace(ctx, text, keyboard)
    }),
  )

  // A stopped broadcast sent on to the recipients it did not reach (the button under its report,
  // or under the question about the same message again). Any owner may, as any may stop it
  feature.callbackQuery(
    broadcastRestCallback.filter,
    ownerOnly(async (ctx) => {
      const [id, draftId] = broadcastRestCallback.unpack(ctx.callbackQuery.data) ?? []
      const row = id ? services.broadcasts.get(id) : undefined
      if (!id || !row) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-stale') })
      // The same message sent again since (its question answered "send it again anyway", or a
      // broadcast of its own): the rest got it, or will — sending this one on would give it twice
      const plan = readPlan(row.plan)
      const again = services.broadcasts.sentAfter(id).find((b) => sameMessage(readPlan(b.plan), plan))
      if (again) {
        await ctx.answerCallbackQuery({
          text: ctx.t('broadcast-rest-sent-again', { id: broadcastNumber(row), again: broadcastNumber(again) }),
          show_alert: true,
        })
        return draftId === undefined ? removeButtons(ctx) : undefined
      }
      const result = await services.broadcasts.resume(id)
      if (!result.ok) {
        const args = { id: broadcastNumber(row) }
        if (result.reason === 'ending') return ctx.answerCallbackQuery({ text: ctx.t('broadcast-rest-ending', args) })
        // Sent on already (another press, another owner), or nobody of the rest may get it now:
        // the button comes off, as it would offer nothing
        await ctx.answerCallbackQuery({
          text: ctx.t(result.reason === 'empty' ? 'broadcast-rest-none' : 'broadcast-rest-gone', args),
        })
        return draftId === undefined ? removeButtons(ctx) : undefined
      }
      ctx.log.info({ broadcastId: id, recipients: result.total }, 'a stopped broadcast sent on to the rest')
      await ctx.answerCallbackQuery()
      // Asked about the same message again: the new draft is not needed, the stopped one goes on instead
      const draft = draftId === undefined ? undefined : services.broadcasts.draftOf(draftId, ctx.from.id)
      if (draft) await services.broadcasts.discard(draft.id)
      const { timezone } = deps.content.get().business
      const at = result.at === undefined ? '' : clockTime(result.at, timezone, await ctx.i18n.getLocale())
      // The worker posts its progress message (to whoever started it), then the report
      return showInPlace(
        ctx,
        ctx.t('broadcast-rest-started', {
          name: await nameOf(ctx, row),
          count: result.total,
          at,
          when: at === '' ? 'now' : 'morning',
        }),
      )
    }),
  )

  feature.callbackQuery(
    broadcastStopCallback.filter,
    ownerOnly(async (ctx) => {
      const [id] = broadcastStopCallback.unpack(ctx.callbackQuery.data) ?? []
      // Any owner may stop any broadcast: the one who started it may be away
      const row = id ? services.broadcasts.get(id) : undefined
      if (!id || !row) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-stale') })
      await ctx.answerCallbackQuery()
      await removeButtons(ctx)
      return stopBroadcast(ctx, row)
    }),
  )
}
