import { InlineKeyboard } from 'grammy'
import { BOOKING_CONVERSATION, type BookingArgs } from '../../../conversations/booking.ts'
import { clockSaidIn, matchLabel, saysDayOrTime, typedClock, typedDay } from '../../../conversations/typed-label.ts'
import type { BookingRow, ClientRow, OrderRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { calendarDate, clientLocale, clientName } from '../../format.ts'
import { formatMoney } from '../../money.ts'
import { byJob, orderWhat } from '../../services/orders.ts'
import { DAY_MS, localDate, localDateTime, weekdayOf } from '../../services/time.ts'
import type { BotContext, Translate } from '../context.ts'
import { removeButtons, setButtons } from '../courtesy.ts'
import { deskPayCallback } from '../desk/callbacks.ts'
import { chatOf } from '../handoff/message-entry.ts'
import {
  bookAgainKeyboard,
  bookProductCallback,
  callWhen,
  callZone,
  dayCallback,
  flowCallback,
  isFlowData,
  manageBookingKeyboard,
  mineCallback,
  orderState,
  slotCallback,
  slotToMinutes,
  translator,
} from '../keyboards/booking.ts'
import { clientMarkup, menuCallback, offersManager } from '../keyboards/main-menu.ts'
import type { BotScopes } from '../scopes.ts'
import {
  asksAnotherTime,
  asksMoreBeside,
  asksToCancelCall,
  asksToMoveCall,
  asksToMoveIt,
  isNoToCancel,
  isPlainNo,
  isPlainYes,
  isYesToCancel,
  saysCancel,
} from '../typed-answers.ts'
import { askTeamAboutUnmarked, callLines } from './my-call.ts'
import { asksForTheButtons } from './unhandled.ts'

/**
 * A day or a time typed under the bot's word about the client's call, or under its offer of a call
 * (/offer), is its answer this long after it (as a typed "yes" under the cancel question).
 */
const TYPED_MOVE_MS = DAY_MS
/** At most this long, a message is a day or a time said, not a letter to the manager. */
const TYPED_TIME_TEXT = 80

/**
 * The bot's words about the client's call that a new day and time typed under answers as a move:
 * the call booked, moved or kept, its reminder ("Move or cancel it with the buttons below"), and
 * the call missed ("we called you but couldn't reach you" — a new call then).
 */
const ABOUT_THE_CALL = [
  'booking-done',
  'booking-booked-by-staff',
  'booking-moved',
  'booking-moved-by-staff',
  'booking-moved-by-staff-missed',
  'booking-reminder-client',
  'booking-has-upcoming',
  'booking-cancel-kept',
  'booking-no-answer-client',
  'booking-no-answer-client-now',
] as const
/** What stands for a message's every variable while its words are matched ("\u0001": never typed, never sent). */
const ANY = '\u0001'
/** The reminder's promise of those messages, by each of its phrasings (none, an hour, another span). */
const REMINDER_PHRASINGS = [0, 60, 15]
/** Each language's patterns of those messages, made once: every short text with a day in it is matched. */
const aboutTheCallPatterns = new Map<string, RegExp[]>()
/**
 * Whether `text` (the bot's last message to the client) is one of its words about the client's
 * call (ABOUT_THE_CALL): its whole text as the message reads, whatever its times, name and number.
 */
function isAboutTheCall(text: string, t: Translate, locale: string): boolean {
  let patterns = aboutTheCallPatterns.get(locale)
  if (patterns === undefined) {
    patterns = ABOUT_THE_CALL.flatMap((key) =>
      REMINDER_PHRASINGS.flatMap((reminder) =>
        // Naming /mybookings (the bot's chat) or not (the owner's own chat, where it does nothing)
        (['yes', 'no'] as const).map((mine) => {
          const vars = { name: ANY, window: ANY, zone: ANY, phone: ANY, from: ANY, before: ANY, reminder, mine }
          const words = t(key, vars)
            .split(ANY)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          return new RegExp(`^${words.join('[\\s\\S]*?')}$`, 'u')
        }),
      ),
    )
    aboutTheCallPatterns.set(locale, patterns)
  }
  return patterns.some((pattern) => pattern.test(text))
}

/**
 * Whether `text` (the bot's last message to the client) is an offer of a call, or of moving one:
 * by its closing line, which names no time (the times in it change from one offer to the next).
 */
function isOfferText(text: string, t: Translate): boolean {
  const closing = (key: 'booking-offer-client' | 'booking-offer-move-client') =>
    t(key, { name: '', named: 'no', times: '', zone: '', when: '', callZone: '' }).split('\n').at(-1)?.trim() ?? ''
  return [closing('booking-offer-client'), closing('booking-offer-move-client')].some(
    (line) => line !== '' && text.trimEnd().endsWith(line),
  )
}

/**
 * What may have come since the bot's word a typed answer answers: nothing written to or by the
 * client but the answer, or the bot's "use the buttons" to words it misread in between (and
 * those words) — "не не оставьте" misread, then "нет": that "нет" went unanswered.
 */
function sinceTheBotsWord(ctx: BotContext): { nothingSince: true; nudge: (text: string) => boolean } {
  return { nothingSince: true, nudge: (text) => asksForTheButtons(text, ctx.t.bind(ctx)) }
}

/** A Confirm pressed again this soon after a call was booked or moved is that same Confirm. */
const JUST_BOOKED_MS = 60_000

/** A button's text at most ("Yes, cancel it"): a longer one is never a button's typed. */
const BUTTON_TEXT = 40

/**
 * The client's side of callbacks outside the booking conversation: its entry points (menu
 * button, /book, "book a call about this product" on a product card), "My stuff"
 * (/mybookings: upcoming calls with Reschedule / Cancel, open orders and their payment
 * state with Pay under each unpaid one — the saved replies' Pay button), and the answers to
 * booking buttons that outlived their flow. Every button that acts on a booking is checked
 * against the client pressing it.
 */
/**
 * An order in "My stuff": what it is, its amount and its `state`; `part`: an invoice of an order
 * billed in parts after its first one (the balance after a prepayment), shown under it.
 */
function orderLine(
  content: Deps['content'],
  o: OrderRow,
  state: string,
  { locale, t, part = false }: { locale: string; t: Translate; part?: boolean },
): string {
  return t(part ? 'booking-mine-order-part' : 'booking-mine-order', {
    title: orderWhat(o, content, locale) ?? t('booking-order-number', { id: String(o.id) }),
    amount: formatMoney(o.amount, o.currency, locale),
    state,
  })
}

/**
 * The client's calls (`callLines`: upcoming ones, and the last one nobody marked) and open orders
 * as "My stuff" lists them, each list under its heading ("Звонки:", "Заказы:") or saying there is
 * none planned: /mybookings, and /mydata's summary.
 */
export function callsAndOrders(
  deps: Pick<Deps, 'services' | 'content' | 'clock'>,
  client: Pick<ClientRow, 'id' | 'timezone'>,
  { locale, t }: { locale: string; t: Translate },
): {
  calls: string[]
  orders: string[]
  upcoming: BookingRow[]
  unmarked: BookingRow | undefined
  open: OrderRow[]
} {
  const { services, content } = deps
  const now = deps.clock.now()
  const { lines, upcoming, unmarked } = callLines(deps, client, { locale, t })
  const open = services.booking.openOrders(client.id)
  const calls = [t('booking-mine-calls'), ...lines]
  if (upcoming.length === 0) calls.push(t('booking-mine-no-calls'))
  const orders = [t('booking-mine-orders')]
  if (open.length === 0) orders.push(t('booking-mine-no-orders'))
  for (const { order: o, part } of byJob(open)) {
    orders.push(orderLine(content, o, orderState(o, now, content.get(), locale, t), { locale, t, part }))
  }
  return { calls, orders, upcoming, unmarked, open }
}

/**
 * Starts the booking flow; a client with an upcoming call is shown it instead (one call at a
 * time). The entry of every way into booking: the menu, /book, a product card, a move, an offer.
 */
async function startBookingFlow(
  deps: Pick<Deps, 'services' | 'clock'>,
  ctx: BotContext,
  args: BookingArgs,
): Promise<void> {
  const { services, clock } = deps
  const client = ctx.client
  if (!client) return
  await ctx.conversation.exitAll()
  if (!args.rescheduleId) {
    const upcoming = services.booking.upcomingFor(client.id)[0]
    if (upcoming) {
      const tz = services.booking.timezone()
      const locale = await ctx.i18n.getLocale()
      await ctx.reply(
        ctx.t('booking-has-upcoming', {
          window: callWhen(upcoming, { tz, locale, now: clock.now(), t: ctx.t.bind(ctx) }),
          zone: callZone(upcoming, tz, locale, { t: ctx.t.bind(ctx), clientTz: ctx.client?.timezone }),
        }),
        clientMarkup(ctx, manageBookingKeyboard(upcoming, ctx.t.bind(ctx))),
      )
      return
    }
  }
  if (!args.rescheduleId) services.booking.flowStarted(client.id)
  await ctx.conversation.enter(BOOKING_CONVERSATION, args)
}

export function registerBookingFeature(deps: Deps, scopes: BotScopes): void {
  const { services, content, clock } = deps
  const feature = scopes.private

  const startBooking = (ctx: BotContext, args: BookingArgs) => startBookingFlow(deps, ctx, args)

  async function showMine(ctx: BotContext): Promise<void> {
    const client = ctx.client
    if (!client) return
    const locale = await ctx.i18n.getLocale()
    const tz = services.booking.timezone()
    const now = clock.now()
    const t = ctx.t.bind(ctx)
    const mine = callsAndOrders(deps, client, { locale, t })
    const { upcoming, open: orders } = mine
    // Shown a call nobody marked, with "a manager will check": the team is asked to
    if (mine.unmarked !== undefined) askTeamAboutUnmarked(deps, client, mine.unmarked)

    const lines = [ctx.t('booking-mine-title', { name: clientName(client) || ctx.t('booking-friend') }), '']
    lines.push(...mine.calls, '', ...mine.orders)
    // What they had before: a client coming back months later asked a manager what they paid for
    const finished = services.booking.finishedOrders(client.id)
    if (finished.length > 0) lines.push('', ctx.t('booking-mine-finished'))
    for (const { order: o, part } of byJob(finished)) {
      const at = o.status === 'refunded' ? o.refundedAt : o.doneAt
      const date = calendarDate(localDate(at ?? o.createdAt, tz), tz, locale, now)
      lines.push(
        orderLine(
          content,
          o,
          ctx.t(o.status === 'refunded' ? 'booking-order-refunded' : 'booking-order-done', { date }),
          { locale, t, part },
        ),
      )
    }

    const keyboard = new InlineKeyboard()
    for (const b of upcoming) {
      const when = callWhen(b, { tz, locale, now, t, short: true })
      keyboard
        .text(ctx.t('booking-mine-reschedule-button', { when }), mineCallback.pack('resched', b.id))
        .row()
        .text(ctx.t('booking-mine-cancel-button', { when }), mineCallback.pack('cancel', b.id))
        .row()
    }
    // An invoice lost far up the chat is paid from here: it comes again
    for (const o of orders) {
      if (o.status !== 'unpaid' || o.clientReportedPaidAt !== null) continue
      const amount = formatMoney(o.amount, o.currency, locale)
      keyboard.text(ctx.t('booking-mine-pay-button', { id: String(o.id), amount }), deskPayCallback.pack(o.id)).row()
    }
    if (upcoming.length === 0) keyboard.text(ctx.t('menu-booking'), menuCallback.pack('booking')).row()
    keyboard.text(ctx.t('menu-back'), menuCallback.pack('main'))
    if (offersManager(ctx)) keyboard.text(ctx.t('menu-manager'), menuCallback.pack('manager'))
    // In the owner's own chat, the calls' and orders' own buttons, and a call to book when none is
    // (`clientMarkup`)
    await ctx.reply(lines.join('\n'), clientMarkup(ctx, keyboard, { offers: 'booking' }))
  }

  feature.callbackQuery(menuCallback.filter, async (ctx, next) => {
    const [item] = menuCallback.unpack(ctx.callbackQuery.data) ?? []
    if (item === 'booking') {
      await ctx.answerCallbackQuery()
      return startBooking(ctx, {})
    }
    if (item === 'mine') {
      await ctx.answerCallbackQuery()
      return showMine(ctx)
    }
    return next()
  })

  feature.command('book', (ctx) => startBooking(ctx, {}))
  feature.command('mybookings', (ctx) => showMine(ctx))

  feature.callbackQuery(bookProductCallback.filter, async (ctx, next) => {
    const [productId] = bookProductCallback.unpack(ctx.callbackQuery.data) ?? []
    if (!productId) return next()
    if (!content.get().products.some((p) => p.id === productId)) {
      // The product was removed from the content since the card was sent.
      await ctx.answerCallbackQuery({ text: ctx.t('booking-product-gone') })
      return startBooking(ctx, {})
    }
    await ctx.answerCallbackQuery()
    return startBooking(ctx, { productId })
  })

  feature.callbackQuery(mineCallback.filter, async (ctx, next) => {
    const [action, bookingId, askedAt] = mineCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!action || bookingId === undefined || !client) return next()
    const own = services.booking.ownUpcoming(client.id, bookingId)
    if (own === 'missing') {
      // Erased by its client's /forget (the same person may press it after a new /start): it is
      // nobody's booking now, and "someone else's" would mislead
      ctx.log.info({ bookingId }, 'button of a booking that no longer exists')
      await ctx.answerCallbackQuery({ text: ctx.t('booking-gone') })
      await removeButtons(ctx)
      return
    }
    if (own === 'not_yours') {
      // A forwarded message, or forged data: never act on someone else's booking.
      ctx.log.info({ bookingId }, 'booking button pressed by someone else')
      await ctx.answerCallbackQuery({ text: ctx.t('booking-not-yours'), show_alert: true })
      return
    }
    if (own === 'not_booked') {
      // "Move" on a call that did not happen (no answer): the client wants a new time, not to
      // hear there is nothing to move
      const missed = services.booking.get(bookingId)
      if (
        action === 'resched' &&
        missed?.status === 'no_answer' &&
        services.booking.upcomingFor(client.id).length === 0
      ) {
        await ctx.answerCallbackQuery({ text: ctx.t('booking-missed-rebook') })
        await removeButtons(ctx)
        return startBooking(ctx, { productId: missed.productId })
      }
      // A call that took place: said so. "Cancelled or over" and "no calls planned" under the
      // reminder's Cancel, pressed after the call, told the client nothing of the call they had
      if (missed?.status === 'called' && services.booking.upcomingFor(client.id).length === 0) {
        await ctx.answerCallbackQuery()
        await removeButtons(ctx)
        const locale = await ctx.i18n.getLocale()
        const t = ctx.t.bind(ctx)
        const window = callWhen(missed, { tz: services.booking.timezone(), locale, now: clock.now(), t })
        await ctx.reply(
          ctx.t('booking-call-held', { window }),
          clientMarkup(ctx, bookAgainKeyboard(t), { offers: 'booking' }),
        )
        return
      }
      await ctx.answerCallbackQuery({ text: ctx.t('booking-not-active') })
      await removeButtons(ctx)
      return showMine(ctx)
    }
    const tz = services.booking.timezone()
    const locale = await ctx.i18n.getLocale()
    const window = callWhen(own, { tz, locale, now: clock.now(), t: ctx.t.bind(ctx) })
    const zone = callZone(own, tz, locale, { t: ctx.t.bind(ctx), clientTz: ctx.client?.timezone })
    // Yes under a question about another time (the call was moved since, by the client or a
    // manager): it is asked again about the call as it is now
    const moved = action === 'cancelyes' && askedAt !== undefined && askedAt !== slotToMinutes(own.slotStart)
    await ctx.answerCallbackQuery(moved ? { text: ctx.t('booking-cancel-moved') } : {})

    if (action === 'resched') return startBooking(ctx, { rescheduleId: own.id, productId: own.productId })
    if (action === 'cancel' || moved) {
      if (moved) await removeButtons(ctx)
      return askCancel(ctx, own, { window, zone })
    }
    await removeButtons(ctx) // the question is answered
    return answerCancel(ctx, own, action !== 'keep', { window, zone })
  })

  /** "Cancel the call …?", with its Yes and No. */
  async function askCancel(ctx: BotContext, own: BookingRow, when: { window: string; zone: string }): Promise<void> {
    await ctx.reply(ctx.t('booking-cancel-ask', when), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('booking-cancel-yes-button'), mineCallback.pack('cancelyes', own.id, slotToMinutes(own.slotStart)))
        .row()
        .text(ctx.t('booking-cancel-no-button'), mineCallback.pack('keep', own.id)),
    })
  }

  /** The answer to "Cancel the call …?": cancelled, or kept with its buttons again. */
  async function answerCancel(
    ctx: BotContext,
    own: BookingRow,
    cancel: boolean,
    when: { window: string; zone: string },
  ): Promise<void> {
    if (!cancel) {
      await ctx.reply(
        ctx.t('booking-cancel-kept', when),
        clientMarkup(ctx, manageBookingKeyboard(own, ctx.t.bind(ctx))),
      )
      return
    }
    const result = services.booking.cancel({ bookingId: own.id, clientId: own.clientId })
    if (!result.ok) return showMine(ctx)
    await ctx.reply(
      ctx.t('booking-cancelled', when),
      clientMarkup(ctx, bookAgainKeyboard(ctx.t.bind(ctx)), { offers: 'booking' }),
    )
  }

  /**
   * Whether the bot's last word in the client's chat is about their call (ABOUT_THE_CALL: booked,
   * moved, kept, its reminder), right above what they typed now (within TYPED_MOVE_MS, nothing
   * written between): what a move asked there without naming the call is said of.
   */
  async function underTheCall(ctx: BotContext, clientId: number, chat: string | null): Promise<boolean> {
    const asked = services.handoff.openQuestion(clientId, chat, TYPED_MOVE_MS, sinceTheBotsWord(ctx))
    return asked !== undefined && isAboutTheCall(asked.text, ctx.t.bind(ctx), await ctx.i18n.getLocale())
  }

  // "Да" or "нет" typed under "Отменить звонок: …?" while it is the last thing the bot said in
  // that chat: its Yes or No. It used to open a request for a manager (or, in one, only reach
  // the topic), and the call stayed booked. Also under the bot's "use the buttons" to words it
  // misread since: the "нет" typed after it went unanswered, the question keeping its buttons
  feature.on('message:text', async (ctx, next) => {
    const client = ctx.client
    const text = ctx.msg.text
    // The question must be the bot's last word in that chat (from memory) before the words are
    // read: every message a client writes passes here
    if (!client || !services.handoff.botSaidLast(client.id, chatOf(ctx.msg), DAY_MS)) return next()
    // Or a button's own words typed ("Да, отменить"), or a yes or a no that says what to do ("да,
    // отменяйте", "не не оставьте", "не надо отменять"): a button's words are looked up only for a short text
    const button =
      text.length <= BUTTON_TEXT
        ? matchLabel(text, ['yes', 'no'] as const, (answer: 'yes' | 'no') => ctx.t(`booking-cancel-${answer}-button`))
        : undefined
    const yes = isPlainYes(text) || isYesToCancel(text) || button === 'yes'
    if (!(yes || isPlainNo(text) || isNoToCancel(text) || button === 'no')) return next()
    const asked = services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS, sinceTheBotsWord(ctx))
    if (asked === undefined) return next()
    // After the bot's "use the buttons", a bare "ага" may answer it, or the "wait, I'll check"
    // before it: only a keep or a cancel said in words answers the question (it cancelled the call)
    if (asked.nudged && yes && !saysCancel(text)) return next()
    const tz = services.booking.timezone()
    const locale = await ctx.i18n.getLocale()
    const t = ctx.t.bind(ctx)
    for (const booking of services.booking.upcomingFor(client.id)) {
      const when = {
        window: callWhen(booking, { tz, locale, now: clock.now(), t }),
        zone: callZone(booking, tz, locale, { t, clientTz: client.timezone }),
      }
      if (asked.text !== ctx.t('booking-cancel-ask', when)) continue
      ctx.log.info({ bookingId: booking.id, cancel: yes }, 'a typed answer to the cancel question')
      if (asked.clientMessageId) await setButtons(ctx, asked.clientMessageId, null, 'the answered cancel question')
      return answerCancel(ctx, booking, yes, when)
    }
    return next()
  })

  // "Отмените звонок пожалуйста, не получится", "cancel my call" with one call booked: the question
  // its Cancel button asks; "можно перенести звонок на пятницу?": its Move, the days to pick from.
  // They went to a manager (in a request, with no word back), and the call stayed as it was while
  // the client believed it cancelled or moved. Right under the bot's word about the call (its
  // reminder, "звонок остаётся"), the call needs no naming: "можно перенести на вторник в 5?"
  feature.on('message:text', async (ctx, next) => {
    const client = ctx.client
    const text = ctx.msg.text
    const cancel = asksToCancelCall(text)
    const today = localDate(clock.now(), services.booking.timezone())
    const saysWhen = (words: string) => saysDayOrTime(words, today)
    // Or another day or time asked with no verb ("на следующую неделю", "давайте на другой день",
    // "на час позже", "an hour later"): under the bot's word about the call, its move too
    const another = cancel ? undefined : asksAnotherTime(text)
    const move =
      !cancel &&
      (asksToMoveCall(text) ||
        (client !== undefined &&
          (asksToMoveIt(text, saysWhen) || another !== undefined) &&
          (await underTheCall(ctx, client.id, chatOf(ctx.msg)))))
    if (!client || !(cancel || move)) return next()
    const calls = services.booking.upcomingFor(client.id)
    const own = calls[0]
    if (own === undefined || calls.length > 1) return next()
    // (A "call me now" is moved by booking a time: its Move button is none of these words)
    if (move && own.kind !== 'slot') return next()
    ctx.log.info({ bookingId: own.id, cancel }, 'the client asked in words to move or cancel their call')
    // With the time said ("move my call to friday at 11"), the move reads it as typed at its day
    // picker: it was asked for a day, and the time said was lost
    const typed = move && saysDayOrTime(text, today)
    // By how much later or sooner ("на час позже"): the call's own time moved so, proposed
    const shifted = another?.minutes === undefined ? {} : { at: own.slotStart + another.minutes * 60_000 }
    const when = typed ? { typed } : shifted
    if (move) await startBooking(ctx, { rescheduleId: own.id, productId: own.productId, ...when })
    else {
      const tz = services.booking.timezone()
      const locale = await ctx.i18n.getLocale()
      const t = ctx.t.bind(ctx)
      await askCancel(ctx, own, {
        window: callWhen(own, { tz, locale, now: clock.now(), t }),
        zone: callZone(own, tz, locale, { t, clientTz: client.timezone }),
      })
    }
    // With a manager reading the chat, the words reach them too, as any: a reason given with them
    // ("не получится") is theirs to read (with none reading, the buttons are the whole answer)
    if (services.handoff.isOpen(client.id)) {
      // Answered by the bot, unless it asks something more ("…? и сколько стоит доставка")
      const asked = (s: string) => asksToCancelCall(s) || asksToMoveIt(s, saysWhen) || asksAnotherTime(s) !== undefined
      if (!asksMoreBeside(text, asked)) ctx.answeredByBot = true
      return next()
    }
  })

  // A day or a time typed right under the bot's word about the client's call, or under its offer
  // of a call (/offer), while it is the last thing said in that chat ("Done! Your call is booked" →
  // "can we do tomorrow at 3 instead?"; "we called you but couldn't reach you" → "sorry missed it!
  // can we do tomorrow at 3 instead?"; the offer → «давайте завтра в 14:00» instead of its button):
  // read as typed at the booking's day picker — the time taken when free, else that day's free
  // times or the days — as the move of the call, or a new one after the call missed or under a
  // plain offer. It opened a request for a manager ("We are closed now…" after hours), or reached
  // the topic alone, and nothing was booked or moved. One handler for both: they are one answer
  // to the bot, each kind with its own rules below
  feature.on('message:text', async (ctx, next) => {
    const client = ctx.client
    const text = ctx.msg.text
    if (!client || text.length > TYPED_TIME_TEXT || text.startsWith('/')) return next()
    // Under no word of the bot's there is nothing to answer: asked before the words are read,
    // the longest reading of a typed text (most texts in a request are under a manager's answer)
    if (!services.handoff.botSaidLast(client.id, chatOf(ctx.msg), TYPED_MOVE_MS)) return next()
    const tz = services.booking.timezone()
    const today = localDate(clock.now(), tz)
    const typed = saysDayOrTime(text, today)
    // Or another time asked with none named ("давайте в другой раз", "не сегодня", "some other
    // time"): which day suits them, the days to pick from (under the bot's word about the call, the
    // handler above has moved it already); by how much later or sooner, the call's own time moved so
    const another = typed ? undefined : asksAnotherTime(text)
    if (!typed && another === undefined) return next()
    const asked = services.handoff.openQuestion(client.id, chatOf(ctx.msg), TYPED_MOVE_MS, sinceTheBotsWord(ctx))
    if (asked === undefined) return next()
    // Each read in the language it was written in: the words about the call mostly in the update's
    // (a reply), the offer in the client's own (it is sent from the topic, outside their update)
    const under = isAboutTheCall(asked.text, ctx.t.bind(ctx), await ctx.i18n.getLocale())
      ? 'call'
      : isOfferText(asked.text, translator(deps.i18n, clientLocale(client, deps)))
        ? 'offer'
        : undefined
    if (under === undefined) return next()
    const calls = services.booking.upcomingFor(client.id)
    const [own] = calls
    // Under the bot's word about the call, a call booked is that one moved (one at a time; a "call
    // me now" is moved by booking a time, with its button). Under an offer, the call booked is moved
    // (an offer to move names it, the first); with none, a new one (a "call me now" booked since is
    // shown: one call at a time)
    if (under === 'call' && (calls.length > 1 || (own !== undefined && own.kind !== 'slot'))) return next()
    const moving = own?.kind === 'slot' ? own : undefined
    // "На час позже" says nothing of when with no call to shift
    if (another?.minutes !== undefined && moving === undefined) return next()
    // Its own time said back ("хорошо, в 15" under "booked for 15:00", "ok tomorrow then"; "завтра в
    // 10" under an offer to move the call at 10:00, which said nothing needs doing to keep it) agrees
    // to it: no move asked (it asked which day to move it to, or "move 10:00 to 10:00?"). The words
    // go on to the manager
    if (typed && moving !== undefined && saysItsOwnTime(text, moving.slotStart, tz, today)) return next()
    ctx.log.info({ clientId: client.id, bookingId: moving?.id, under }, "a day or time typed under the bot's word")
    const shifted = moving && another?.minutes !== undefined ? { at: moving.slotStart + another.minutes * 60_000 } : {}
    await startBooking(ctx, {
      ...(typed ? { typed: true } : shifted),
      ...(moving ? { rescheduleId: moving.id, productId: moving.productId } : {}),
    })
    // The manager reading the chat still reads the words, answered by the bot: no answer time runs
    // for them, no "we are closed" follows the bot's answer. Every word of them is a day's, a time's
    // or the words around a choice, after a reason at most ("я на работе, …": saysDayOrTime reads
    // no other), or of another time wished (asksAnotherTime): an "ok?" or "можно?" beside the time
    // asks for it, which the bot answered, and a question of anything else ("завтра в 3? и сколько
    // это стоит") is no day typed, and never came here
    if (services.handoff.isOpen(client.id)) {
      ctx.answeredByBot = true
      return next()
    }
  })

  // A day, time or step button from a flow that is no longer running (finished, cancelled,
  // restarted, another person's forwarded message): say so and offer fresh choices. The
  // reminder's "Continue" of a booking that has ended since: a fresh booking, no word of it.
  feature.on('callback_query:data').filter(
    (ctx) => isFlowData(ctx.callbackQuery.data),
    async (ctx) => {
      // A second tap on "Confirm" that came while the first booked (or moved) the call: it is
      // booked, and the client read so — not a fresh start saying they already have a call.
      // A Confirm left from a flow that ended long ago is stale like any other button.
      const action = flowCallback.unpack(ctx.callbackQuery.data)?.[0]
      // The reminder's "Continue" (while the booking runs, the booking shows its step): no
      // stale button, a booking from its start
      if (action === 'resume') {
        await ctx.answerCallbackQuery()
        return startBooking(ctx, {})
      }
      const confirm = action === 'ok'
      const now = clock.now()
      const justBooked = (b: { updatedAt: number }) => now - b.updatedAt < JUST_BOOKED_MS
      if (confirm && ctx.client && services.booking.upcomingFor(ctx.client.id).some(justBooked)) {
        await ctx.answerCallbackQuery()
        return
      }
      // A move's day or time picker left when the flow ended (a command typed, /mybookings) and the
      // call cancelled since: that call is said to be gone, as the open flow says it, not a fresh
      // booking started without a word. A picker shown while a call was booked can only have been
      // a move's: a client who has a call is offered no new booking.
      const shownAt = (ctx.callbackQuery.message?.date ?? 0) * 1000
      const picker = dayCallback.unpack(ctx.callbackQuery.data) ?? slotCallback.unpack(ctx.callbackQuery.data)
      const gone =
        ctx.client && picker && shownAt > 0 ? services.booking.cancelledSince(ctx.client.id, shownAt) : undefined
      if (gone) {
        ctx.log.info({ data: ctx.callbackQuery.data }, 'a move picker pressed after its call was cancelled')
        await ctx.answerCallbackQuery()
        await removeButtons(ctx)
        const locale = await ctx.i18n.getLocale()
        const tz = services.booking.timezone()
        const window = callWhen(gone, { tz, locale, now: clock.now(), t: ctx.t.bind(ctx) })
        return ctx.reply(
          ctx.t('booking-move-cancelled', { window }),
          clientMarkup(ctx, bookAgainKeyboard(ctx.t.bind(ctx)), { offers: 'booking' }),
        )
      }
      ctx.log.info({ data: ctx.callbackQuery.data }, 'booking button outside its flow')
      await ctx.answerCallbackQuery({ text: ctx.t('booking-stale') })
      await removeButtons(ctx)
      await startBooking(ctx, {})
    },
  )
}

/**
 * Whether typed words say a call's own time (`slotStart`, in the business zone `tz`): its clock
 * ("в 15", "at 3" for 15:00), its day ("завтра" for tomorrow's), or both — and no other.
 */
function saysItsOwnTime(text: string, slotStart: number, tz: string, today: string): boolean {
  const said = clockSaidIn(text)?.rest ?? text
  const day = typedDay(said, today)
  const clock = day === undefined ? typedClock(said) : day.clock
  const { date, time } = localDateTime(slotStart, tz)
  const [hours = 0, minutes = 0] = time.split(':').map(Number)
  const at = hours * 60 + minutes
  // "в 3" is 15:00 where 15:00 is the time, as the day picker reads it
  const sameClock =
    clock === undefined || clock.minutes === at || (clock.half === undefined && clock.minutes + 12 * 60 === at)
  const sameDay = day === undefined || ('date' in day ? day.date === date : day.weekday === weekdayOf(date))
  return (day !== undefined || clock !== undefined) && sameClock && sameDay && day?.hours === undefined
}
