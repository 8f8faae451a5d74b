import type { Conversation } from '@grammyjs/conversations'
import { InlineKeyboard, Keyboard } from 'grammy'
import { DateTime } from 'luxon'
import type { BookingRow } from '../db/schema.ts'
import { chatKind, replyKeyboardsAllowed } from '../src/bot/client-chat.ts'
import { commandOf, leavesFlow } from '../src/bot/commands.ts'
import type { BaseContext, BotContext, Translate } from '../src/bot/context.ts'
import { removeButtons, setButtons } from '../src/bot/courtesy.ts'
import {
  bookAgainKeyboard,
  CLIENT_EARLY_MORNING,
  CLIENT_NIGHT,
  callWhen,
  clientHours,
  dayCallback,
  dayHeading,
  daysKeyboard,
  flowCallback,
  hoursLegend,
  hoursMark,
  manageBookingKeyboard,
  mineCallback,
  minutesToSlot,
  movedCallWhen,
  promisedTime,
  SLOTS_SHOWN,
  slotCallback,
  slotsKeyboard,
} from '../src/bot/keyboards/booking.ts'
import { backKeyboard, clientMarkup } from '../src/bot/keyboards/main-menu.ts'
import { noAnswerText, showChosenAnswer } from '../src/bot/questions.ts'
import { zoneForReader } from '../src/bot/reader-zone.ts'
import { classifyTelegramError } from '../src/bot/telegram-errors.ts'
import {
  asksToCancelCall,
  givesUp,
  isYesToConfirm,
  isYesToMove,
  isYesToThisNumber,
  ordinalChoice,
} from '../src/bot/typed-answers.ts'
import type { Deps } from '../src/deps.ts'
import {
  callWindow,
  clientName,
  clockTime,
  formatSpan,
  formatWhen,
  quietHoursRange,
  slashesMonthFirst,
  zoneLabel,
} from '../src/format.ts'
import { formatPhone, mistypesAPhone, parsePhone, phoneExample, phoneInText, phonesInText } from '../src/phone.ts'
import { type BookingService, callTime } from '../src/services/booking.ts'
import { plusDays, timezoneOf } from '../src/services/followups/kinds.ts'
import { daysToWeekday, localDate, localDateTime, parseClock, weekdayOf } from '../src/services/time.ts'
import { waitForAnswer } from './continuation.ts'
import { createLongPasteGuard } from './long-paste.ts'
import { getsNews, zonePressed, zoneQuestion, zoneReader, zoneSetText } from './timezone.ts'
import { passToManager, repliesToAnother, requestState } from './to-manager.ts'
import {
  type ClockSaid,
  clockAmong,
  clockReadings,
  clockSaidIn,
  type DayHours,
  matchLabel,
  plainLabel,
  reasonAfterTime,
  typedClock,
  typedDay,
  typedFromNow,
  typedHourInPart,
  zoneSaidIn,
} from './typed-label.ts'

/** A day typed on the day picker: the one offered, or one not offered and why, with the time said, if any. */
type DaySaid = (
  | { date: string }
  | {
      date: null
      /** Why the day said offers no time; `time-passed`: today, with a time said that has gone by. */
      why: ReturnType<BookingService['whyNoTimes']> | 'time-passed'
    }
) & { clock?: ReturnType<typeof typedClock>; hours?: DayHours }

/** The part of a day said with it, its hours on `zone`'s clock (`date` on that zone's calendar). */
type DayPart = DayHours & { date: string; zone: string }

export const BOOKING_CONVERSATION = 'booking'

/** What the flow was entered with (JSON: it is stored with the conversation). */
export interface BookingArgs {
  /** The product the call is about (from a product card). */
  productId?: string | null
  /** Move this booking instead of making a new one. */
  rescheduleId?: number | null
  /**
   * Entered by the client's own message, a day or a time typed under a manager's offer of a call
   * (/offer): that message is the first answer, read as one typed at the day picker — no picker
   * is shown first. The words reach the manager by the relay, not by this flow.
   */
  typed?: boolean
  /**
   * A time the client's words asked the call moved to, by how much sooner or later ("на час
   * позже" under the bot's word about it): read as that time typed for its day — taken when free,
   * the confirmation next, else why not above that day's times.
   */
  at?: number
}

type Step = 'days' | 'slots' | 'phone' | 'comment' | 'confirm'
/** A day or a time on the live picker, by its button's words. */
type Offered = { label: string; date?: string; start?: number }

/** Every update replays the conversation: keep it short and always ending. */
const MAX_TURNS = 30
const MAX_COMMENT_LENGTH = 500

/**
 * Booking a callback: day → time → phone (Telegram's contact button or typed) → optional
 * comment → confirmation that states the exact window and the time zone; or "call me now"
 * → phone → an honest window. Also moves an existing booking (day → time → confirm); a call
 * that can no longer be moved (cancelled, marked as held, its window over) is refused at the
 * client's next step, not at the confirmation.
 *
 * A small state machine rather than a fixed sequence: any of its own buttons is accepted at
 * any step, so a day or time pressed on an older message simply becomes the new choice, and a
 * slot that was taken or has passed meanwhile gets a clear answer and fresh choices. A picker
 * sent again (after a typed message) is the one to answer: the one above loses its buttons, and
 * a tap still reaching it is told to look below. A day or time typed as its button reads is
 * taken as the tap. A time
 * taken is shown on its picker ("✔️ 11:00", as a quiz question shows its answer) and the
 * picker's buttons go, so the next step is asked once: a later tap on it (a quick second tap)
 * is told so and changes nothing; another time comes from the confirmation's button. Every
 * read of the clock or the database goes through `conversation.external` (replay-safe), and
 * the capacity check happens in the service's transaction at the moment of confirmation.
 * Other buttons and commands leave the flow (`halt({ next: true })`), and words that give the
 * booking up ("cancel", «передумала»: `givesUp`) or every step's way-out button end it, so the
 * client is never trapped; the buttons of the client's own calls (/mybookings, a reminder) are answered
 * outside while the step stays, so a call cancelled there is told at the next tap here.
 */
export function buildBookingConversation(deps: Deps) {
  const { booking } = deps.services

  return async function bookingFlow(
    conversation: Conversation<BotContext, BaseContext>,
    ctx: BaseContext,
    args: BookingArgs = {},
  ) {
    const clientId = ctx.client?.id
    if (!clientId) return
    /** Left on purpose, not half-way: no reminder to come back follows. */
    const ended = (reason: string) => conversation.external(() => booking.flowEnded(clientId, reason))
    /** Whether the client gets news now (`getsNews`): /timezone's answer at a step promises it only then. */
    const newsNow = () => conversation.external(() => getsNews(deps, clientId))
    /**
     * The client said no to booking (or to moving): the flow ends, and the menu's button is named
     * for later. Left at the phone, its "Share my number" keyboard goes with the word (a message
     * can take it away or carry the menu's buttons, not both): left under the chat, it would
     * offer a booking that is over. The phone question's own button goes too.
     */
    const stop = async (at: BaseContext) => {
      await ended('the client said no')
      await closePhoneAsk(at)
      const keyboardShown = step === 'phone' && replyKeyboardsAllowed(at)
      await at.reply(
        t(mode === 'move' ? 'booking-move-stopped' : 'booking-stopped', {
          button: t('menu-booking'),
          chat: chatKind(at),
        }),
        keyboardShown ? { reply_markup: { remove_keyboard: true } } : clientMarkup(at, backKeyboard(at)),
      )
    }
    const rescheduleId = args.rescheduleId ?? null
    const productId = args.productId ?? null
    const setup = await conversation.external(() => {
      const client = deps.services.clients.get(clientId)
      // The number they gave last ("my number changed: it's now …", written to the manager) is the
      // one asked about; the one on record stays a button beside it
      const known = deps.services.clients.lastPhoneGiven(clientId)
      const tz = booking.timezone()
      const own = client ? timezoneOf(client, tz) : tz
      return {
        tz,
        knownPhone: known,
        clientTz: client?.timezone ?? null,
        // The client's own zone, once they gave one other than ours (and one a clock knows)
        ownTz: own !== tz ? own : null,
        otherPhone: client?.phone && client.phone !== known ? client.phone : null,
        name: clientName(client),
        slotMinutes: deps.content.get().booking.slot_minutes,
        daysAhead: deps.content.get().booking.days_ahead,
      }
    })
    const { tz } = setup
    const locale = await ctx.i18n.getLocale()

    let mode: 'book' | 'now' | 'move' = rescheduleId === null ? 'book' : 'move'
    let step: Step = 'days'
    let date: string | null = null
    /**
     * The part of the day the client said with it ("tmrw after 5", "в пятницу утром"): its times
     * alone are shown for that day — the whole day's, from 10:00, answered "after 5" with times the
     * client had just ruled out — with a button for all of them. Its hours are on `zone`'s clock
     * (`partSaid`): a client's own evening is theirs.
     */
    let dayPart: DayPart | null = null
    // Set by takeSlot too: declared wide, so the loop's checks do not narrow it to its first value
    let slot = null as { start: number; end: number } | null
    /** The slot was checked free this very turn (taken): the next step needs no second look. */
    let slotTakenNow = false
    let phone: string | null = null
    /** The numbers of a message that had several ("рабочий … а лучше на …"): the client is asked which. */
    let phonesToPick: string[] = []
    let comment: string | null | undefined
    /**
     * A reason the client said after the day or the time they typed ("завтра в 18, я на работе до
     * 17": `reasonAfterTime`): what they add to it for whoever calls, kept as the comment once a time
     * is taken, when none was given — the comment question is then not asked.
     */
    let saidAfter: string | undefined
    /** A line shown above the next screen: why the client sees it (taken, past, invalid phone…). */
    let notice: string | null = null
    let current: BaseContext = ctx
    /** The message holding the current day/slot picker: pressing it edits it in place. */
    let pickerMessageId: number | null = null
    /** Pickers a time was taken on: they show it, and a tap that still reaches one is too late. */
    const answeredPickers = new Set<number>()
    /** Pickers sent again below (after a typed message): a tap still reaching one answers nothing. */
    const replacedPickers = new Set<number>()
    /** What the live picker offers, by the words of its buttons: a day or a time typed as it reads. */
    let offered: Offered[] = []
    /** The comment question on screen with its "No comment" button, until the comment is given. */
    let commentAskId: number | null = null
    let commentAskText: string | null = null
    /** What this booking asked the client (pickers, the phone's and the comment's questions, the confirmation): a reply to one is a try at the step. */
    const asked = new Set<number>()
    /**
     * The phone question with its "Don't book" button, where no reply keyboard can carry it (the
     * owner's own chat): the button goes once the step is over, or a later tap would find no booking.
     */
    let phoneAskId: number | null = null
    /** Takes the button off the phone question, when it has one. */
    async function closePhoneAsk(at: BaseContext): Promise<void> {
      if (phoneAskId === null) return
      const id = phoneAskId
      phoneAskId = null
      await setButtons(at, id, null, 'taking "Don\'t book" off the phone question')
    }

    const t: Translate = (key, vars) => current.t(key, vars)
    const withNotice = (text: string) => (notice ? `${notice}\n\n${text}` : text)
    const now = () => conversation.external(() => deps.clock.now())
    /** The client's zone on record; set here too when a time said on "my time" asked for it. */
    let clientTz = setup.clientTz
    /**
     * The client's own zone, once they gave one other than ours: a number they type without its
     * country code is read as dialled in its country too (`parsePhone`).
     */
    let ownTz = setup.ownTz
    /** Whose calendar "today" and "tomorrow" are told in: the client's, once they gave their zone. */
    let readerTz = ownTz ?? tz
    /** A time said on "my time" while the client's zone was unknown: asked for, then read (`zoneAsked`). */
    let zoneAsked: string | null = null
    /**
     * A time said with no day, the client asked which day (`booking-time-which-day`): the day they
     * pick next, tapped or typed, takes it — on the clock it was said on (`zone`; `own`: "my time"),
     * named as the question named it (`label`). For that one answer: anything else drops it (she
     * tapped "Сегодня" under "в какой день в 15:00?" and had to find 15:00 among the day's times).
     */
    let timeForDay = null as {
      clock: NonNullable<ReturnType<typeof typedClock>>
      zone: string
      own: boolean
      label: string
    } | null
    /**
     * The client's night or early morning on their own clock, once they gave a zone other than
     * ours (`clientHours`: what a person calls so, not the quiet hours): the pickers mark its times
     * 🌙 or 🌅 and a time typed in it is said to be one.
     */
    const theirHours = (start: number) => (ownTz ? clientHours(start, ownTz) : undefined)
    /** Those hours in words on the client's clock, for the legend: "10:00 PM–7:00 AM". */
    const hoursOf = (part: 'night' | 'early') =>
      quietHoursRange(part === 'night' ? CLIENT_NIGHT : CLIENT_EARLY_MORNING, locale)
    /**
     * Whether a time starts within the part of its day the client said, on its clock: ours, as the
     * times read, or the client's own (then on the day said, on their calendar).
     */
    const withinHours = (start: number, { date, from, to, zone }: DayPart) =>
      (zone === tz || localDate(start, zone) === date) &&
      minuteOfDay(start, zone) >= from &&
      minuteOfDay(start, zone) < to
    /** A time's minutes after midnight on our clock, as the times read (or on `zone`'s). */
    function minuteOfDay(start: number, zone = tz): number {
      const [h = 0, m = 0] = localDateTime(start, zone).time.split(':').map(Number)
      return h * 60 + m
    }
    /**
     * That part of the day in words, for the line above its times: "после 17:00", "до 12:00", "с
     * 12:00 до 18:00"; on the client's clock when it is theirs (`own`: said "по вашим часам").
     */
    const hoursWords = ({ date, from, to, zone }: DayPart) => {
      const at = (minutes: number) =>
        clockTime(DateTime.fromISO(date, { zone }).plus({ minutes }).toMillis(), zone, locale)
      const kind = from === 0 ? 'before' : to >= 24 * 60 ? 'after' : 'between'
      return { kind, from: at(from), to: at(to), own: zone === tz ? 'no' : 'yes' }
    }
    /**
     * The part of the day said with `date` (`hours`), on the clock its words are on (`zone`: the
     * one named with them, else the client's own once they gave it — "в понедельник вечером" from
     * Vladivostok is her evening, our morning; hours counted from a time said, "после 17", are read
     * on ours, as a time typed is). On the client's clock it keeps to their waking hours: their
     * evening or morning, never their night (`CLIENT_NIGHT`).
     */
    const partSaid = (date: string, hours: DayHours, zone: string): DayPart => {
      if (zone === tz) return { date, from: hours.from, to: hours.to, zone }
      const [wake, sleep] = [parseClock(CLIENT_NIGHT.end), parseClock(CLIENT_NIGHT.start)]
      return { date, from: Math.max(hours.from, wake), to: Math.min(hours.to, sleep), zone }
    }
    /**
     * The zone of the times written, with the client's own clock beside it once they gave their
     * zone (/timezone); a picker (`picker`), whose times are on their clock (`pickerTz`), names
     * theirs first, then ours and by how much it differs.
     */
    const zoneFor = (at: number, picker = false) =>
      zoneForReader(t, { businessTz: tz, clientTz, locale, at, difference: picker, yours: picker && ownTz !== null })
    /**
     * The clock a day's times are written on, and a time typed on them read on: the client's own
     * once they gave a zone other than ours (a London client subtracted three hours from every
     * button, and was told nowhere that the last one was 15:30 for her), else ours.
     */
    const pickerTz = () => ownTz ?? tz
    /** The call being moved, as its "Currently:" and "Was:" name it (`movedCallWhen`, as a move by the team's does). */
    const movedCall = (call: Parameters<typeof callWhen>[0], at: number): string =>
      movedCallWhen(call, { tz, locale, now: at, t, clientTz })

    /** Shows a picker: edits the message the client pressed if it is the live picker, else sends a new one. */
    async function showPicker(text: string, keyboard: InlineKeyboard): Promise<void> {
      const pressed = current.callbackQuery?.message?.message_id
      if (pickerMessageId !== null && pressed === pickerMessageId) {
        const edited = await current
          .editMessageText(text, clientMarkup(current, keyboard))
          .then(() => true)
          .catch((err) => {
            // Unchanged or too old to edit: a fresh picker instead; anything else is a failure
            const kind = classifyTelegramError(err).kind
            if (kind === 'not-modified' || kind === 'target-gone') return false
            throw err
          })
        if (edited) return
      }
      // One picker to answer: the one above (asked again after a typed message) loses its buttons
      // first, so the new one stays the last message in the chat
      if (pickerMessageId !== null) {
        replacedPickers.add(pickerMessageId)
        await setButtons(current, pickerMessageId, null, 'taking the buttons off the picker above')
      }
      const sent = await current.reply(text, clientMarkup(current, keyboard))
      pickerMessageId = sent.message_id
      asked.add(sent.message_id)
    }

    /**
     * What each confirmation sent showed, by its message: Confirm books only a confirmation
     * of the current choice (a later one may show another time, phone or comment).
     */
    const confirmations = new Map<number, string>()
    /** What each confirmation says, by its message: pressed, it keeps the choice under it. */
    const confirmationTexts = new Map<number, string>()
    /** The confirmation sent last: the one a typed yes answers. */
    let lastConfirmation: number | null = null
    /**
     * Confirmations left for another step (a new day typed at one: "actually Friday morning"):
     * their buttons went with them, and a tap still reaching one answers nothing.
     */
    const leftConfirmations = new Set<number>()
    const choice = () => JSON.stringify([mode, slot?.start, slot?.end, phone, comment])

    /**
     * The call being moved as it is now, with the time read then; null once it cannot be moved
     * (what `reschedule` refuses).
     */
    const movable = (id: number) =>
      conversation.external(() => {
        const own = booking.ownUpcoming(clientId, id)
        const asOf = deps.clock.now()
        if (typeof own === 'string') {
          // Cancelled (from /mybookings or a reminder while this picker was open) is said as such
          const row = own === 'not_booked' ? booking.get(id) : undefined
          const cancelled =
            row?.status === 'cancelled' ? { kind: row.kind, slotStart: row.slotStart, slotEnd: row.slotEnd } : null
          return { call: null, cancelled, now: asOf }
        }
        return { call: { kind: own.kind, slotStart: own.slotStart, slotEnd: own.slotEnd }, cancelled: null, now: asOf }
      })
    /** Said when the call cannot be moved (and why, when it was cancelled), with what the client can do instead. */
    const refuseMove = (cancelled?: { window: string }) =>
      current.reply(
        cancelled ? t('booking-move-cancelled', cancelled) : t('booking-move-impossible'),
        clientMarkup(current, bookAgainKeyboard(t), { offers: 'booking' }),
      )

    /** Renders the current step. False when the flow has nothing left to offer and ended. */
    async function render(): Promise<boolean> {
      offered = []
      /** Moving: where the call is now (a manager may have moved it meanwhile). */
      let from = ''
      if (rescheduleId !== null) {
        // Read at every step: a call cancelled, marked as held or whose window passed since the
        // client pressed "Move" is refused at their next tap, not after a day, a time and Confirm
        const moving = await movable(rescheduleId)
        if (moving.call === null) {
          const gone = moving.cancelled
          await refuseMove(gone ? { window: callWhen(gone, { tz, locale, now: moving.now, t }) } : undefined)
          return false
        }
        from = movedCall(moving.call, moving.now)
      }
      // The confirmation above is over once another step is asked: its Confirm, left live, was
      // pressed under the new times and sent them again (it books nothing)
      if (step !== 'confirm' && lastConfirmation !== null && !leftConfirmations.has(lastConfirmation)) {
        leftConfirmations.add(lastConfirmation)
        await setButtons(current, lastConfirmation, null, 'the confirmation, left for another step')
      }
      // Likewise the phone question's button, once the step is another (or asked again below)
      await closePhoneAsk(current)
      const checkedNow = slotTakenNow
      slotTakenNow = false
      if (slot !== null && !checkedNow && (step === 'phone' || step === 'comment' || step === 'confirm')) {
        // The time chosen may have gone, or been booked by someone else, while the client was
        // away (a reminder's "Continue" hours later): said now, not after a phone, a comment and
        // Confirm
        const start = slot.start
        const status = await conversation.external(() => booking.checkSlot(start, rescheduleId ?? undefined).status)
        if (status !== 'free') {
          const leaving = step
          rejectSlot(status, start)
          // Left at the phone, its "share my number" keyboard is still under the chat: it goes
          // with the reason, ahead of the times (a message with buttons cannot take it away)
          if (leaving === 'phone' && notice !== null && replyKeyboardsAllowed(current)) {
            await current.reply(notice, { reply_markup: { remove_keyboard: true } })
            notice = null
          }
        }
      }
      if (step === 'slots' && date !== null) {
        const day = date
        const { slots, asOf } = await conversation.external(() => ({
          slots: booking.freeSlots(day, rescheduleId ?? undefined),
          asOf: deps.clock.now(),
        }))
        // The part of the day said with it ("after 5"): its times, or all of them, said so, when it
        // has none — on the client's own clock, the nearest that are not their night (their
        // "вечером" from Vladivostok was offered Moscow's evening, all of it her night)
        const part = dayPart?.date === day ? dayPart : null
        const within = part ? slots.filter((slot) => withinHours(slot.start, part)) : slots
        const awake = slots.filter((slot) => theirHours(slot.start) !== 'night')
        const instead = part !== null && part.zone !== tz && awake.length > 0 ? awake : slots
        const none = part !== null && within.length === 0 && slots.length > 0
        if (none) notice = notice ?? t('booking-hours-none', hoursWords(part))
        const narrowed = part !== null && (none ? instead : within).length < slots.length && slots.length > 0
        const shown = none ? instead : narrowed ? within : slots
        const first = shown[0]?.start
        if (first !== undefined) {
          // Times in the client's night or early morning on their clock are marked 🌙 or 🌅, and the
          // marks explained
          const marked = shown.slice(0, SLOTS_SHOWN).map((slot) => slot.start)
          // The times name their day (the day picker they replace is gone), as its button did
          // A time after the client's midnight (far east of us) names its day on her clock: the heading's is ours
          const keyboard = slotsKeyboard(shown, {
            tz: pickerTz(),
            locale,
            t,
            mark: hoursMark(ownTz),
            all: narrowed,
            day,
          })
          const question = t('booking-pick-time', {
            day: dayHeading(day, tz, locale, asOf, t, readerTz),
            zone: zoneFor(first, true),
            minutes: setup.slotMinutes,
          })
          const only = narrowed && part && !none ? ` ${t('booking-hours-shown', hoursWords(part))}` : ''
          const legend = hoursLegend(marked, ownTz, { t, locale })
            .map((line) => ` ${line}`)
            .join('')
          await showPicker(withNotice(`${question}${only}${legend}`), keyboard)
          offered = offeredOn(keyboard)
          return true
        }
        notice = notice ?? t('booking-day-full')
        step = 'days'
      }
      if (step === 'days' || step === 'slots') {
        const data = await conversation.external(() => ({
          days: booking.freeDays(rescheduleId ?? undefined),
          now: deps.clock.now(),
          // Offered only while someone can call back now (an old button pressed later is told when)
          callNow: booking.callNowEnabled() && booking.callNowAvailability().open,
        }))
        if (data.days.length === 0) {
          await ended('there was no free time to offer')
          await current.reply(
            t('booking-no-slots', { days: setup.daysAhead }),
            clientMarkup(current, backKeyboard(current)),
          )
          return false
        }
        const zone = zoneFor(data.now, true)
        const intro = mode === 'move' ? 'booking-move-pick-day' : 'booking-pick-day'
        const keyboard = daysKeyboard(data.days, {
          tz,
          locale,
          now: data.now,
          callNow: data.callNow && mode !== 'move',
          t,
          readerTz,
        })
        // Where the client has not said their zone, the way to is named (Telegram never tells it)
        const own = clientTz ? 'yes' : 'no'
        await showPicker(withNotice(t(intro, { zone, from, own })), keyboard)
        offered = offeredOn(keyboard)
        step = 'days'
        return true
      }
      if (step === 'phone') {
        // A number the bot knows is asked about by name: the client used to be asked "which
        // number?" at every booking, the known one only a button under the chat
        const known = setup.knownPhone
          ? { phone: formatPhone(setup.knownPhone), now: mode === 'now' ? 'yes' : 'no' }
          : undefined
        if (!replyKeyboardsAllowed(current)) {
          const ask = known
            ? t('booking-phone-ask-known-typed', known)
            : t(mode === 'now' ? 'booking-phone-ask-now-typed' : 'booking-phone-ask-typed', {
                example: phoneExample(locale, { zone: ownTz, neutral: t('phone-example-any') }),
              })
          // The way out, as the other steps have theirs ("Don't book" under the confirmation, the
          // menu under the pickers): the phone question had none, and words did not leave it
          const sent = await current.reply(withNotice(ask), {
            reply_markup: new InlineKeyboard().text(t('booking-stop-button'), flowCallback.pack('stop')),
          })
          phoneAskId = sent.message_id
          asked.add(sent.message_id)
          return true
        }
        const keyboard = new Keyboard().requestContact(t('booking-phone-share-button'))
        // The numbers of the last message, one button each, when it had several: one tap answers "which?"
        const buttons = phonesToPick.length > 0 ? phonesToPick : [setup.knownPhone, setup.otherPhone]
        for (const number of buttons) if (number) keyboard.row().text(formatPhone(number))
        // The way out, last: its words come back as a message, read as any giving up (`leaves`)
        keyboard.row().text(t('booking-stop-button'))
        const ask = known
          ? t('booking-phone-ask-known', known)
          : t(mode === 'now' ? 'booking-phone-ask-now' : 'booking-phone-ask', {
              example: phoneExample(locale, { zone: ownTz, neutral: t('phone-example-any') }),
            })
        asked.add((await current.reply(withNotice(ask), { reply_markup: keyboard.resized().oneTime() })).message_id)
        return true
      }
      if (step === 'comment') {
        commentAskText = withNotice(t('booking-comment-ask'))
        const sent = await current.reply(commentAskText, {
          reply_markup: new InlineKeyboard().text(t('booking-comment-skip'), flowCallback.pack('skip')),
        })
        commentAskId = sent.message_id
        asked.add(sent.message_id)
        return true
      }
      // confirm
      const chosen = slot as { start: number; end: number }
      const window = callWindow(chosen.start, chosen.end, tz, locale)
      const zone = zoneFor(chosen.start)
      // A move shows the words said after its time: they are added to the call's comment
      const text =
        mode === 'move'
          ? [
              t('booking-move-confirm', { window, zone, from }),
              ...(saidAfter ? [t('booking-confirm-comment', { comment: saidAfter })] : []),
            ].join('\n')
          : confirmText(window, zone)
      const shownText = withNotice(text)
      // The one above showed another choice: its buttons go, or once this one is confirmed its
      // Confirm stays up there, live to the eye and answering nothing
      if (lastConfirmation !== null) {
        await setButtons(current, lastConfirmation, null, 'an earlier confirmation, a new one below')
      }
      const sent = await current.reply(shownText, {
        reply_markup: new InlineKeyboard()
          .text(t(mode === 'move' ? 'booking-move-ok-button' : 'booking-ok-button'), flowCallback.pack('ok'))
          .row()
          .text(t('booking-other-time-button'), flowCallback.pack('other'))
          .text(t(mode === 'move' ? 'booking-move-keep-button' : 'booking-stop-button'), flowCallback.pack('stop')),
      })
      confirmations.set(sent.message_id, choice())
      confirmationTexts.set(sent.message_id, shownText)
      lastConfirmation = sent.message_id
      asked.add(sent.message_id)
      return true
    }

    /** The days or times on a picker, by the words of their buttons (read as the client reads them). */
    function offeredOn(keyboard: InlineKeyboard): Offered[] {
      return keyboard.inline_keyboard.flat().flatMap((button): Offered[] => {
        const data = 'callback_data' in button ? button.callback_data : ''
        const day = dayCallback.unpack(data)?.[0]
        if (day !== undefined) return [{ label: button.text, date: day }]
        const minutes = slotCallback.unpack(data)?.[0]
        return minutes === undefined ? [] : [{ label: button.text, start: minutesToSlot(minutes) }]
      })
    }

    /**
     * The start of the one time offered on the picker that `text` says ("15", "3pm"; "3" is 3:00
     * or 15:00, whichever is offered), undefined when none or both are.
     */
    function offeredAt(text: string): number | undefined {
      const clock = typedClock(text) ?? typedHourInPart(text)
      if (clock === undefined) return undefined
      return startAt(
        clock,
        offered.flatMap((o) => (o.start === undefined ? [] : [o.start])),
        pickerTz(),
      )
    }

    /**
     * Why a time said is not taken: one gone by ("сегодня в 10" at noon) is told so, as is one
     * between the times calls start at ("quarter to 5" where they start every half hour) —
     * "taken or outside our hours" was untrue of both — else it is taken or out of hours.
     */
    async function timeRefused(
      clock: NonNullable<ReturnType<typeof typedClock>>,
      day: string,
      /** The time as the client was last told it ("В какой день … в 15:00?"): named again, not "that time". */
      named?: string,
    ): Promise<string> {
      const passed = await timePassed(clock, day, named)
      if (passed !== undefined) return passed
      if (await tooSoon(instantsSaid(clock, day, tz))) {
        return named === undefined
          ? t('booking-time-not-offered', { why: 'soon' })
          : t('booking-time-said-not-offered', { time: named, why: 'soon' })
      }
      // Against every start of the day, free or taken: a taken 16:00 is no time "between"
      const starts = (await conversation.external(() => booking.slotStarts(day))).map((start) => minuteOfDay(start))
      const said = clockReadings(clock)
      // Inside one of the day's calls, not at its start ("16:45" where they start at 16:30 and 17:00)
      const between =
        !said.some((m) => starts.includes(m)) &&
        said.some((m) => starts.some((start) => start < m && m < start + setup.slotMinutes))
      if (between) return t('booking-time-between', { minutes: setup.slotMinutes })
      return named === undefined
        ? t('booking-time-not-offered', { why: 'other' })
        : t('booking-time-said-not-offered', { time: named, why: 'other' })
    }

    /**
     * "That time has already passed" (`named`: as `timeRefused` takes it) when the time said, on
     * our clock that day (or `zone`'s: the client's own, on a picker of their times), has; else undefined.
     */
    async function timePassed(
      clock: NonNullable<ReturnType<typeof typedClock>>,
      day: string,
      named?: string,
      zone = tz,
    ): Promise<string | undefined> {
      if (!(await gonePast(instantsSaid(clock, day, zone)))) return undefined
      return named === undefined
        ? t('booking-time-not-offered', { why: 'passed' })
        : t('booking-time-said-not-offered', { time: named, why: 'passed' })
    }

    /** Each reading of a time said ("2" is 2:00 or 14:00) as an instant on `day`, on the clock of `zone`. */
    function instantsSaid(clock: NonNullable<ReturnType<typeof typedClock>>, day: string, zone: string): number[] {
      return clockReadings(clock).map((minutes) =>
        DateTime.fromISO(day, { zone })
          .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
          .toMillis(),
      )
    }

    /**
     * Whether a time said (its readings, `instantsSaid`) has gone by: one reading is over, and
     * none still to come falls within the hours calls are taken that day — "в 9" at 11:00 is 9:00,
     * gone, not 21:00, after hours; "в 3" at 11:00 is 15:00, taken when it is not free; "в 2:15"
     * at noon is 14:15, between two calls' starts, and told so.
     */
    async function gonePast(readings: readonly number[]): Promise<boolean> {
      const { asOf, starts } = await conversation.external(() => ({
        asOf: deps.clock.now(),
        starts: [...new Set(readings.map((at) => localDate(at, tz)))].flatMap((day) => booking.slotStarts(day)),
      }))
      const slotMs = setup.slotMinutes * 60_000
      const inHours = (at: number) => starts.some((start) => start <= at && at < start + slotMs)
      return readings.some((at) => at < asOf) && !readings.some((at) => at >= asOf && inHours(at))
    }

    /**
     * Whether a time said (its readings) is still to come but sooner than calls are booked ahead
     * (content's min_lead_minutes): "сегодня в 12:30" at noon is no time taken, only too soon.
     */
    async function tooSoon(readings: readonly number[]): Promise<boolean> {
      return conversation.external(() => {
        const now = deps.clock.now()
        return readings.some((at) => at >= now && booking.checkSlot(at).status === 'gone')
      })
    }

    /**
     * A time said for a day on our clock ("завтра в 15", or 15:00 and then the day asked for):
     * taken when one of the day's free times starts then, else why not, above the day's times
     * (`named`: as `timeRefused` takes it). The day's times are the step the caller set.
     */
    async function timeOnDay(
      at: BaseContext,
      clock: NonNullable<ReturnType<typeof typedClock>>,
      day: string,
      named?: string,
    ): Promise<void> {
      const starts = await conversation.external(() =>
        booking.freeSlots(day, rescheduleId ?? undefined).map((free) => free.start),
      )
      const start = startAt(clock, starts)
      if (start !== undefined) await takeSlot(at, start)
      else notice = await timeRefused(clock, day, named)
    }

    /**
     * A time the client asked the call at, as an instant (a shift of the call's own time, "на час
     * позже"; a time counted from now, "через час"): as "that day at that time" typed at the day
     * picker, on our clock (its own readings: 9:00 is no 21:00 here) — taken when free, else why
     * not above that day's times.
     */
    async function timeAt(at: BaseContext, instant: number): Promise<void> {
      const day = localDate(instant, tz)
      const [hours = 0, minutes = 0] = localDateTime(instant, tz).time.split(':').map(Number)
      const clock = hours * 60 + minutes
      date = day
      dayPart = null
      step = 'slots'
      await timeOnDay(at, { minutes: clock, half: clock < 12 * 60 ? 'am' : 'pm' }, day, clockTime(instant, tz, locale))
    }

    /**
     * A time counted from now ("через час", "минут через 20": `typedFromNow`), on the times calls
     * start at: the start nearest to it (a later one when two are as near; "через 2 часа" at 12:07
     * is 14:00, "через час" at 12:20 13:30) — or, with none within half a call of it (after hours),
     * the nearest time a call could start on the hour's grid, said not to be free. A time asked no
     * sooner than calls are booked ahead, made too soon only by that rounding, is the next start:
     * "через час" at 12:00 and a few seconds is 13:30 where calls are booked an hour ahead (13:00 was
     * "too soon", of the client's own hour); one asked sooner ("через полчаса") is said to be so.
     */
    async function timeFromNow(at: BaseContext, minutes: number): Promise<void> {
      const instant = await conversation.external(() => {
        const asOf = deps.clock.now()
        const wanted = asOf + minutes * 60_000
        const slotMs = setup.slotMinutes * 60_000
        const starts = booking.slotStarts(localDate(wanted, tz))
        const near = starts
          .filter((start) => Math.abs(start - wanted) * 2 <= slotMs)
          .sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || b - a)[0]
        if (near === undefined) {
          const midnight = DateTime.fromMillis(wanted, { zone: tz }).startOf('day').toMillis()
          return midnight + Math.round((wanted - midnight) / slotMs) * slotMs
        }
        const soonest = asOf + deps.content.get().booking.min_lead_minutes * 60_000
        if (near >= soonest || wanted < soonest) return near
        return starts.find((start) => start > near && start - wanted <= slotMs) ?? near
      })
      await timeAt(at, instant)
    }

    /**
     * A day and a time said for it, read on the clock the time was said on (`said.zone`): ours, or
     * the client's own — "завтра в 15" from a client who gave her zone is her tomorrow at her 15:00,
     * as the buttons she reads and a time typed alone are (it was read on ours, three hours off for
     * London) — or another named (`own`: "my time"). Also the day picked after "which day?"
     * (`timeForDay`, named as the question named it: `label`).
     */
    async function timeOnDayOnClock(
      at: BaseContext,
      day: string,
      said: { clock: NonNullable<ReturnType<typeof typedClock>>; zone: string; own: boolean; label?: string },
    ): Promise<void> {
      if (said.zone === tz) await timeOnDay(at, said.clock, day, said.label)
      else await timeOnTheirClock(at, said.clock, day, said.zone, said.own)
    }

    /** The one of `starts` at the time said (without "am" or "pm", "3" is 3:00 or 15:00, whichever there is). */
    function startAt(
      clock: NonNullable<ReturnType<typeof typedClock>>,
      starts: readonly number[],
      /** The clock the time was said on: ours, or the client's own on a picker of their times (`pickerTz`). */
      zone = tz,
    ): number | undefined {
      const minutes = starts.map((start) => minuteOfDay(start, zone))
      const meant = clockAmong(clock, minutes)
      return meant === undefined ? undefined : starts[minutes.indexOf(meant)]
    }

    /**
     * The day offered that words typed say ("в понедельник в 12", "завтра в 15", "25.11":
     * `typedDay`), the nearest such weekday after today; with the time said, if any. Offered: on
     * the live day picker, its days; on a day's times, the free days (a day said there moves to it).
     * Undefined for words that say no day; `date: null` for a day said that is not offered.
     */
    async function offeredDayIn(
      text: string,
      /** The clock a time said with the day is on (the client's "my time", another zone named). */
      zone = tz,
    ): Promise<DaySaid | undefined> {
      // The client's today, as the day buttons name it: "завтра" typed at 00:30 in Vladivostok
      // is their Wednesday, not Moscow's Tuesday
      const today = localDate(await now(), readerTz)
      const said = typedDay(text, today, slashesMonthFirst(tz))
      if (said === undefined) return undefined
      // A weekday is the nearest one after today ("в понедельник" said on a Monday is the next one):
      // that one or none, never the week after when it is full
      const meant = 'date' in said ? said.date : plusDays(today, daysToWeekday(said.weekday, weekdayOf(today)) || 7)
      // (Entered by a day typed under an offer, no picker was shown yet: the free days are those offered)
      const offeredDay =
        step === 'days' && pickerMessageId !== null
          ? offered.some((o) => o.date === meant)
          : await conversation.external(() =>
              booking.freeDays(rescheduleId ?? undefined).some((day) => day.date === meant),
            )
      const clock = said.clock ? { clock: said.clock } : {}
      if (offeredDay) return { date: meant, ...clock, ...(said.hours ? { hours: said.hours } : {}) }
      // Not offered: why, in the business's calendar (the client's day, read there, is near enough)
      const why = await conversation.external(() => booking.whyNoTimes(meant))
      // Today with nothing left, a time said that is over ("сегодня в 10" in the evening): that is why
      if (why === 'full' && said.clock && (await gonePast(instantsSaid(said.clock, meant, zone)))) {
        return { date: null, why: 'time-passed', ...clock }
      }
      return { date: null, why, ...clock }
    }

    /** "Let's double-check": the window, phone, product and comment, then the question. */
    function confirmText(window: string, zone: string): string {
      const product = deps.content.productTitle(productId, locale)
      return [
        t('booking-confirm', { window, zone, phone: formatPhone(phone ?? '—') }),
        ...(product ? [t('booking-confirm-product', { product })] : []),
        ...(comment ? [t('booking-confirm-comment', { comment })] : []),
        '',
        t('booking-confirm-question'),
      ].join('\n')
    }

    /**
     * The time taken, on the picker it was tapped on (the question with "✔️ 11:00" under it, no
     * buttons: the quiz's way, `showChosenAnswer`); typed, the live picker loses its buttons, as a
     * question does under a typed answer. The live picker, when the tap came from an older one (of
     * an earlier run), loses its buttons too: one choice on screen, and the next picker is a new message.
     */
    async function markTaken(at: BaseContext, start: number): Promise<void> {
      const tapped = at.callbackQuery?.message?.message_id
      // A time typed: the live picker just loses its buttons (below), the answer follows it in the chat
      if (tapped !== undefined) {
        const asOf = await now()
        const question = t('booking-pick-time', {
          day: dayHeading(localDate(start, tz), tz, locale, asOf, t, readerTz),
          zone: zoneFor(start, true),
          minutes: setup.slotMinutes,
        })
        await showChosenAnswer(at, question, clockTime(start, pickerTz(), locale))
        answeredPickers.add(tapped)
      }
      if (pickerMessageId !== null && pickerMessageId !== tapped) {
        await setButtons(at, pickerMessageId, null, 'taking the buttons off the live picker')
        answeredPickers.add(pickerMessageId)
      }
      pickerMessageId = null
    }

    /**
     * The comment given: "No comment" pressed shows on the question it answered ("✔️ No comment",
     * the quiz's way, `showChosenAnswer`); a comment typed, or pressed on an older question, takes
     * the button off the live one, so it cannot be pressed again.
     */
    async function closeCommentAsk(at: BaseContext): Promise<void> {
      const tapped = at.callbackQuery?.message?.message_id
      // The question as it was sent (a notice above it, "that time was taken", stays)
      const asked = tapped === commentAskId && commentAskText !== null ? commentAskText : t('booking-comment-ask')
      if (tapped !== undefined) await showChosenAnswer(at, asked, t('booking-comment-skip'))
      if (commentAskId !== null && commentAskId !== tapped) {
        await setButtons(at, commentAskId, null, 'taking "No comment" off the comment question')
      }
      commentAskId = null
    }

    /** A time tapped or typed: taken if still free, else fresh choices with the reason. */
    async function takeSlot(at: BaseContext, start: number): Promise<void> {
      const check = await conversation.external(() => booking.checkSlot(start, rescheduleId ?? undefined))
      if (check.status !== 'free') {
        rejectSlot(check.status, start)
        return
      }
      slot = { start: check.slot.start, end: check.slot.end }
      slotTakenNow = true
      date = localDate(start, tz)
      await markTaken(at, start)
      if (mode === 'now') mode = 'book'
      if (mode === 'book' && comment === undefined && saidAfter !== undefined) comment = saidAfter
      step = mode === 'move' || (phone !== null && comment !== undefined) ? 'confirm' : phone ? 'comment' : 'phone'
      // A time typed ("завтра в 3") is said back as it was understood, in whose time: a tapped one
      // shows on its picker, and the confirmation (the next step of a move) names it itself
      if (at.callbackQuery === undefined) {
        // In the client's night or early morning on their clock, as the picker marks it: "в 3" is read on ours
        const part = theirHours(slot.start)
        const night = part
          ? t(part === 'night' ? 'booking-time-typed-night' : 'booking-time-typed-early', {
              hours: hoursOf(part),
              other: t('booking-other-time-button'),
              // Above the confirmation, its button is right below
              below: step === 'confirm' ? 'yes' : 'no',
            })
          : undefined
        // On the client's clock, ours named after it, as her buttons name them (`pickerTz`)
        const typed = t('booking-time-typed', {
          window: callWindow(slot.start, slot.end, pickerTz(), locale),
          zone: zoneFor(slot.start, true),
        })
        // The confirmation names the time itself: above it, only the night, when it is one
        if (step !== 'confirm') notice = [typed, night].filter(Boolean).join(' ')
        else if (night !== undefined) notice = night
      }
    }

    /**
     * A new time said at the comment question ("actually make it 4"): no comment, and the
     * question's "No comment" goes — the confirmation follows with the new time.
     */
    async function leaveComment(at: BaseContext): Promise<void> {
      if (step !== 'comment') return
      comment = null
      await closeCommentAsk(at)
    }

    /**
     * /timezone's question, sent at a step of this booking (`askZone`): its message, the zones its
     * buttons offer and the client's zone then; answered, the step is shown again below it.
     */
    // (Declared wide: set in askZone, the loop's checks must not narrow it to its first value)
    let zoneAsk = null as { messageId: number; offered: string[]; current: string | null } | null

    /**
     * /timezone sent at a step (the day picker names it): a place or a clock given with it is the
     * answer, else /timezone's question is asked here, with its buttons — the client stays at
     * the step. It left the booking: their zone set, the next "10am my time" found no booking to read it.
     */
    async function askZone(at: BaseContext, given: string): Promise<'set' | 'asked'> {
      const zone = given === '' ? undefined : await zoneTyped(given)
      if (zone !== undefined) {
        await zoneSet(zone === tz ? null : zone)
        return 'set'
      }
      const question = zoneQuestion(t, {
        locale,
        businessTz: tz,
        now: await now(),
        current: clientTz,
        reader: zoneReader(at, locale),
      })
      const sent = await at.reply(question.text, { reply_markup: question.keyboard })
      zoneAsk = { messageId: sent.message_id, offered: question.offered, current: clientTz }
      asked.add(sent.message_id)
      return 'asked'
    }

    /** The zone given at /timezone's question (null: ours, `keep`: the one they have): set, and said above the step. */
    async function zoneSet(zone: string | null | 'keep'): Promise<void> {
      const kept = zone === 'keep'
      if (!kept) await zoneGiven(zone ?? tz)
      notice = zoneSetText(t, kept ? clientTz : zone, kept, {
        locale,
        businessTz: tz,
        now: await now(),
        news: await newsNow(),
      })
    }

    /** The zone a client's answer to "where are you?" names, read as /timezone reads it (`zoneSaidIn`). */
    const zoneTyped = async (text: string) => zoneSaidIn(text, await now(), tz).zone

    /** The client's zone, said: kept (none when it is ours), and the pickers read on it from now on. */
    const zoneGiven = async (zone: string): Promise<void> => {
      await conversation.external(() => deps.services.clients.setTimezone(clientId, zone === tz ? null : zone))
      clientTz = zone
      ownTz = zone === tz ? null : zone
      readerTz = ownTz ?? tz
    }

    /**
     * A place said beside a day or a time, set off by a comma ("i'm in new york, 10am"): its zone,
     * and the rest of the words without it; undefined when no part names one or the rest says no
     * day or time (a clock, "11:05", is a time here, not a zone).
     */
    async function placeBeside(text: string): Promise<{ zone: string; rest: string } | undefined> {
      const parts = text
        .split(/[,;]|\s[—–-]\s/u)
        .map((part) => part.trim())
        .filter(Boolean)
      if (parts.length < 2) return undefined
      const today = localDate(await now(), tz)
      for (const [i, part] of parts.entries()) {
        if (typedClock(part) !== undefined) continue
        const zone = await zoneTyped(part)
        const rest = parts.filter((_, j) => j !== i).join(', ')
        if (zone !== undefined && (typedClock(rest) !== undefined || typedDay(rest, today) !== undefined)) {
          return { zone, rest }
        }
      }
      return undefined
    }

    /**
     * A time said on a clock named (`said`: "my time", ours, "мск"), with its day or the day on
     * screen: read on that clock, and taken when one of our times starts then, or refused saying
     * what it is on ours. "My time" of a client whose zone is unknown asks for it (`zoneAsked`).
     * False when the words say no time (`rest` is read as any words are).
     */
    async function timeOnClock(at: BaseContext, text: string, said: ClockSaid, rest: string): Promise<boolean> {
      const zone = said === 'ours' ? tz : said === 'own' ? clientTz : said.zone
      if (zone === null) {
        // Not guessed: asked, the way /timezone asks (their city or their clock now)
        if (typedClock(rest) === undefined && typedDay(rest, localDate(await now(), tz)) === undefined) return false
        zoneAsked = text
        notice = t('booking-own-zone-ask', { zone: zoneLabel(tz, locale, await now()) })
        return true
      }
      const saidDay: DaySaid | undefined = /\p{L}/u.test(rest) ? await offeredDayIn(rest, zone) : undefined
      if (saidDay?.date === null) {
        notice = t('booking-day-not-offered', { why: saidDay.why, on: step === 'slots' ? 'times' : step })
        return true
      }
      const clock = saidDay ? saidDay.clock : typedClock(rest)
      const day = saidDay?.date ?? date
      // A day alone, or a time with no day to read it on: read as any words are
      if (clock === undefined || day === null || zone === tz) return false
      await timeOnTheirClock(at, clock, day, zone, said === 'own')
      return true
    }

    /**
     * A time said on another clock than ours (`zone`; `own`: the client's "my time") for a day:
     * taken when one of our times starts then, else that day's times and what it is on ours.
     */
    async function timeOnTheirClock(
      at: BaseContext,
      clock: NonNullable<ReturnType<typeof typedClock>>,
      day: string,
      zone: string,
      own: boolean,
    ): Promise<void> {
      // The day said is the client's (on their clock): each reading of the time ("2" is 2:00 or
      // 14:00) an instant, which is one of our times or none
      const readings = instantsSaid(clock, day, zone)
      const days = [...new Set(readings.map((ms) => localDate(ms, tz)))]
      const starts = await conversation.external(() =>
        days.flatMap((d) => booking.freeSlots(d, rescheduleId ?? undefined).map((free) => free.start)),
      )
      const found = readings.filter((ms) => starts.includes(ms))
      const first = readings[0] as number
      if (found.length === 1) {
        await leaveComment(at)
        await takeSlot(at, found[0] as number)
        return
      }
      if (step === 'comment') await closeCommentAsk(at)
      // None (or two: "2" where 2:00 and 14:00 both are): that day's times, and what it is on ours
      // — or that it is over ("today 2am my time" at 4 AM there)
      const why = (await gonePast(readings)) ? 'passed' : (await tooSoon(readings)) ? 'soon' : 'other'
      date = localDate(first, tz)
      dayPart = null
      step = 'slots'
      notice =
        readings.length === 1
          ? t('booking-time-theirs-not-offered', {
              theirs: clockTime(first, zone, locale),
              own: own ? 'yes' : 'no',
              clock: zoneLabel(zone, locale, first),
              ours: clockTime(first, tz, locale),
              zone: zoneLabel(tz, locale, first),
              why,
            })
          : t('booking-time-not-offered', { why })
    }

    /**
     * "Нет", "пропустить", a dash at the comment question: its "No comment" in the client's words
     * ("?" or "🙏" stays a comment: the manager may read something into it).
     */
    function saysNoComment(text: string): boolean {
      return (
        /^[\s\-–—.]+$/.test(text) ||
        t('booking-comment-none-words').split(',').map(plainLabel).includes(plainLabel(text)) ||
        // "Нет, не нужно", "спасибо, не надо", "nvm": no more to say, the booking kept
        (givesUp(text) && !givesUp(text, { atAQuestion: true }))
      )
    }

    /** Where a rejected slot leaves the client: fresh times of its day, or fresh days. */
    function rejectSlot(reason: string, start: number): void {
      notice = t(`booking-slot-${reason === 'full' ? 'full' : reason === 'gone' ? 'gone' : 'invalid'}`)
      date = reason === 'invalid' ? null : localDate(start, tz)
      step = date === null ? 'days' : 'slots'
      slot = null
    }

    /** "Call me now" outside working hours: when the team is back, honestly. */
    async function closedNotice(nextOpen: number | null): Promise<string> {
      if (nextOpen === null) return t('booking-now-closed-unknown')
      return t('booking-now-closed', {
        opens: formatWhen(nextOpen, tz, locale, await now()),
        zone: zoneFor(nextOpen),
      })
    }

    async function showExisting(existing: BookingRow[]): Promise<void> {
      const first = existing[0]
      if (!first) return
      await current.reply(
        t('booking-has-upcoming', {
          window: callWhen(first, { tz, locale, now: await now(), t }),
          zone: zoneFor(callTime(first)),
        }),
        clientMarkup(current, manageBookingKeyboard(first, t)),
      )
    }

    /**
     * Books the choice confirmed (moves the call, when moving one): true when the flow is over
     * (booked, moved, or told why not), false when a step is asked again (the time was taken).
     */
    const confirmChoice = async (next: BaseContext, chosen: { start: number; end: number }): Promise<boolean> => {
      const moving = rescheduleId
      if (mode === 'move' && moving !== null) {
        const result = await conversation.external(() =>
          booking.reschedule({ bookingId: moving, slotStart: chosen.start, clientId, note: saidAfter }),
        )
        if (result.ok) {
          const at = await now()
          await next.reply(
            t('booking-moved', {
              window: callWhen(result.booking, { tz, locale, now: at, t }),
              zone: zoneFor(callTime(result.booking)),
              from: movedCall(result.previous, at),
            }),
            clientMarkup(next, manageBookingKeyboard(result.booking, t)),
          )
          return true
        }
        if (result.reason === 'missing' || result.reason === 'not_yours' || result.reason === 'not_booked') {
          await refuseMove()
          return true
        }
        if (result.reason === 'has_upcoming') {
          await showExisting([result.upcoming])
          return true
        }
        rejectSlot(result.reason, chosen.start)
        return false
      }
      const result = await conversation.external(() =>
        booking.book({
          clientId,
          slotStart: chosen.start,
          phone: phone ?? '',
          comment: comment ?? null,
          productId,
        }),
      )
      if (result.ok) {
        // In the owner's own chat the bot may write only within a day of the client's last message
        // there (the booking is confirmed by a press, which does not count): a reminder later than
        // that goes only if they write again, so it is not promised
        const openUntil = replyKeyboardsAllowed(next)
          ? Number.POSITIVE_INFINITY
          : await conversation.external(() => deps.services.business.openUntil(clientId) ?? 0)
        const reminderSure = result.reminderAt !== null && result.reminderAt <= openUntil
        const reminderMinutes =
          result.reminderAt === null || !reminderSure
            ? 0
            : Math.round((result.booking.slotStart - result.reminderAt) / 60_000)
        await next.reply(
          t('booking-done', {
            name: setup.name || t('booking-friend'),
            window: callWindow(result.booking.slotStart, result.booking.slotEnd, tz, locale),
            zone: zoneFor(result.booking.slotStart),
            phone: formatPhone(result.booking.phone ?? ''),
            // Promise a reminder only when one is really armed, and can reach them
            reminder: reminderMinutes,
            before: formatSpan(reminderMinutes, locale),
            // Not named in the owner's own chat: the bot writes there as the owner, whose words name no bot command
            mine: replyKeyboardsAllowed(next) ? 'yes' : 'no',
          }),
          clientMarkup(next, manageBookingKeyboard(result.booking, t)),
        )
        return true
      }
      if (result.reason === 'has_upcoming') {
        await showExisting(await conversation.external(() => booking.upcomingFor(clientId)))
        return true
      }
      rejectSlot(result.reason, chosen.start)
      return false
    }

    const commentPaste = createLongPasteGuard(MAX_COMMENT_LENGTH)
    /** False after an update that needs no answer: the step on screen stays as it is. */
    let answer = true
    /** The message the flow was entered by (`args.typed`): the first answer, with no step asked before it. */
    const seed = args.typed === true ? ctx : undefined
    // The time asked by how much later or sooner (`args.at`)
    if (args.at !== undefined && mode === 'move') await timeAt(ctx, args.at)
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      // Each step the flow answers puts off the "you did not pick a time" reminder (moving a
      // call has none); in `external`, so a replay does not arm it again
      if (turn > 0 && answer && rescheduleId === null) await conversation.external(() => booking.flowStep(clientId))
      const seeded = turn === 0 && seed !== undefined
      if (answer && !seeded && !(await render())) return
      answer = true
      notice = null
      const next = seeded ? seed : await waitForAnswer(conversation, () => deps.clock.now())
      if (!next.message && !next.callbackQuery) {
        // An edit of an earlier message, a reaction: no answer to the step, which stays as it is
        answer = false
        continue
      }
      current = next
      const data = next.callbackQuery?.data
      // The time said with no day is for this answer alone, a day picked: anything else drops it
      const timeSaid = timeForDay
      timeForDay = null
      // A button pressed instead of saying where they are: the zone question is over (a later
      // "I'm in the Boston office" in a comment is no answer to it)
      if (data !== undefined) zoneAsked = null

      // A button of /timezone's question asked at this step: the zone set, the step shown again
      const zonePicked =
        data !== undefined && zoneAsk !== null ? zonePressed(data, zoneAsk.offered, zoneAsk.current) : undefined
      if (zoneAsk !== null && zonePicked !== undefined) {
        const question = zoneAsk.messageId
        zoneAsk = null
        await next.answerCallbackQuery()
        await setButtons(next, question, null, 'taking the zone buttons off: one was pressed')
        await zoneSet(zonePicked)
        continue
      }
      // Another button pressed instead: the question is over (a "15:00" typed later is a time, not their clock)
      if (data !== undefined && zoneAsk !== null) {
        const question = zoneAsk.messageId
        zoneAsk = null
        await setButtons(next, question, null, 'taking the zone buttons off: another button was pressed')
      }

      if (data !== undefined) {
        const day = dayCallback.unpack(data)
        const pick = slotCallback.unpack(data)
        const action = flowCallback.unpack(data)?.[0]
        if (!day && !pick && !action) {
          // The client's own call's buttons (/mybookings, a reminder: Cancel, Keep) are answered
          // outside while this step waits: a call cancelled there is told at the next tap here,
          // instead of that tap finding no flow and starting a new booking without a word
          if (mineCallback.unpack(data)) await conversation.skip({ next: true })
          // Menu, a product card, anything else: that feature takes over.
          await conversation.halt({ next: true })
        }
        const pressedOn = next.callbackQuery?.message?.message_id ?? 0
        // (A confirmation left for the times below is one such: at the confirmation step again, an
        // earlier one's Confirm is said to be for an earlier choice, below)
        if (replacedPickers.has(pressedOn) || (leftConfirmations.has(pressedOn) && step !== 'confirm')) {
          await next.answerCallbackQuery({ text: t('booking-picker-again') })
          // Told to answer below: the question there, with its time, still stands
          timeForDay = timeSaid
          answer = false
          continue
        }
        // A picker a time was taken on (a quick second tap got there before its buttons went), or
        // "No comment" once the comment is settled: the choice stands, and the step on screen
        // stays as it is (not a second confirmation)
        const settled = action === 'skip' && step !== 'comment'
        if (settled || answeredPickers.has(pressedOn)) {
          await next.answerCallbackQuery({ text: t('question-already-answered') })
          // The step on screen stays, and with it "which day at 15:00?"
          timeForDay = timeSaid
          answer = false
          continue
        }
        await next.answerCallbackQuery()

        if (day) {
          date = day[0]
          dayPart = null
          step = 'slots'
          if (timeSaid !== null) await timeOnDayOnClock(next, day[0], timeSaid)
          continue
        }
        if (pick) {
          await takeSlot(next, minutesToSlot(pick[0]))
          continue
        }
        if (action === 'stop') {
          await stop(next)
          return
        }
        if (action === 'days') {
          step = 'days'
          dayPart = null
          continue
        }
        if (action === 'all') {
          dayPart = null
          step = 'slots'
          continue
        }
        // The reminder's "Continue": the step the client stopped at, asked again
        if (action === 'resume') continue
        if (action === 'other') {
          step = date === null ? 'days' : 'slots'
          continue
        }
        if (action === 'skip') {
          comment = null
          step = 'confirm'
          await closeCommentAsk(next)
          continue
        }
        if (action === 'now') {
          // Not offered when moving a booking, or switched off since the button was sent
          const availability = await conversation.external(() =>
            mode !== 'move' && booking.callNowEnabled() ? booking.callNowAvailability() : null,
          )
          if (availability === null) continue
          if (!availability.open) {
            notice = await closedNotice(availability.nextOpen)
            step = 'days'
            continue
          }
          mode = 'now'
          step = 'phone'
          continue
        }
        // action === 'ok'
        if (step !== 'confirm' || slot === null) continue
        if (confirmations.get(next.callbackQuery?.message?.message_id ?? 0) !== choice()) {
          // Confirm on an earlier confirmation, which showed another choice: it books nothing
          notice = t('booking-confirm-outdated')
          continue
        }
        // Answered: the confirmation keeps the choice under it ("✔️ Подтвердить"), as every
        // other step's question does, and loses its buttons
        const shown = confirmationTexts.get(pressedOn)
        const label = t(mode === 'move' ? 'booking-move-ok-button' : 'booking-ok-button').replace(
          /^\p{Extended_Pictographic}\uFE0F?\s*/u,
          '',
        )
        if (shown !== undefined) await showChosenAnswer(next, shown, label)
        else await removeButtons(next)
        if (await confirmChoice(next, slot)) return
        continue
      }

      let text = next.message?.text?.trim()
      // /timezone, which the day picker names: asked here, and the client stays at the step
      const command = text === undefined ? undefined : commandOf(text)
      if (text && command?.name === 'timezone' && (command.addressee ?? next.me.username) === next.me.username) {
        if ((await askZone(next, text.replace(/^\/\S+/, '').trim())) === 'asked') answer = false
        continue
      }
      // The answer to that question typed (a city, the time there): set, and the step shown again;
      // other words are read as the step reads them, and the question is over
      const asking = zoneAsk
      zoneAsk = null
      if (asking !== null && next.message) {
        const zone = text ? await zoneTyped(text) : undefined
        await setButtons(next, asking.messageId, null, 'taking the zone buttons off: the client wrote')
        if (zone !== undefined) {
          await zoneSet(zone === tz ? null : zone)
          continue
        }
      }
      if (text?.startsWith('/')) {
        // One of the bot's commands leaves the booking; anything else after a slash is said to be
        // no command, and the step is asked again (it ended the booking, its choices lost, in silence)
        if (leavesFlow(text)) await conversation.halt({ next: true })
        notice = t('flow-unknown-command')
        continue
      }
      // A reply to another of the bot's messages (a broadcast's "reply to book", a reminder)
      // answers that, not this step: the relay hands it to the team; the step keeps waiting
      if (next.message && repliesToAnother(next, next.message, asked)) await conversation.skip({ next: true })
      // "Нет, лучше отмените звонок совсем" while moving it: the question its Cancel asks, outside
      // the flow (the move's pickers have no such button; it was told to use the buttons)
      if (mode === 'move' && text && asksToCancelCall(text)) await conversation.halt({ next: true })
      // The booking given up in words at any step ("cancel", "never mind, dont book", «передумала»),
      // or the way out's own words (the phone keyboard's button sends them): it ends as /cancel ends
      // it. At the phone step it was asked for a number again and again, and with a manager reading
      // the words went to them alone. At the comment question a "не надо" is "No comment"
      const leaveLabel = t(mode === 'move' ? 'booking-move-keep-button' : 'booking-stop-button')
      // (At the comment question "не нужно", "спасибо, не надо", "nvm" say no comment: only plain words end it there)
      const atComment = step === 'comment'
      const leaves =
        text !== undefined &&
        (givesUp(text, { atAQuestion: atComment }) || matchLabel(text, [leaveLabel], (label) => label) !== undefined) &&
        !(atComment && saysNoComment(text))
      if (leaves) {
        await stop(next)
        return
      }
      /**
       * A message that is no answer to the step goes to the manager while one reads the client's
       * messages. At the confirmation the client is told so, and that nothing is booked yet: it
       * used to go on in silence, the booking left unconfirmed.
       */
      const toManager = async () => {
        // The message the flow was entered by goes to the manager by the relay, after the flow
        if (!next.message || seeded) return
        const told =
          step === 'confirm'
            ? () =>
                next.reply(
                  t('booking-confirm-passed', {
                    mode,
                    button: t(mode === 'move' ? 'booking-move-ok-button' : 'booking-ok-button'),
                    other: t('booking-other-time-button'),
                  }),
                )
            : undefined
        await passToManager(
          conversation,
          () => requestState(deps.services.handoff, clientId),
          next.message,
          undefined,
          { told },
        )
      }

      if (step === 'phone') {
        const contact = next.message?.contact
        if (contact && contact.user_id !== next.from?.id) {
          await toManager()
          // A contact card can reach the owner's chat (attached from the app), but no share button is there
          notice = t(replyKeyboardsAllowed(next) ? 'booking-phone-not-own' : 'booking-phone-not-own-typed')
          continue
        }
        // "Да" to "Позвонить на +7 916 …?" is that number; "второй" to "which one?" the second
        const given = contact
          ? parsePhone(contact.phone_number, { shared: true })
          : text
            ? (phoneInText(text, { zone: ownTz }) ??
              // (Not while the numbers of the last message are the buttons: "этот" is none of them)
              (setup.knownPhone && phonesToPick.length === 0 && isYesToThisNumber(text)
                ? setup.knownPhone
                : undefined) ??
              phonesToPick[ordinalChoice(text, phonesToPick.length) ?? -1])
            : undefined
        // Two numbers ("+7 916 … рабочий, а лучше на 8-903-…"): a try at the step, asked which
        const several = !given && text ? phonesInText(text, { zone: ownTz }) : []
        if (several.length > 1) {
          phonesToPick = several
          notice = t(replyKeyboardsAllowed(next) ? 'booking-phone-which' : 'booking-phone-which-typed', {
            phones: several.map(formatPhone).join(', '),
          })
          continue
        }
        if (!given) {
          // A number mistyped is a try at the step, answered as such, also among a few words ("ну
          // ладно пишите 8 916 123 45 6": passed on in silence, it left her sure it was taken);
          // other words or a photo are for the manager, and the client is told a number is what
          // the step needs (a file: that it is kept)
          const mistyped = text !== undefined && mistypesAPhone(text, { zone: ownTz })
          if (!mistyped) await toManager()
          const needed = t('booking-phone-needed')
          notice = mistyped ? t('booking-phone-invalid') : next.message ? noAnswerText(t, next.message, needed) : needed
          continue
        }
        phone = given
        phonesToPick = []
        await closePhoneAsk(next)
        await conversation.external(() => deps.services.clients.setPhone(clientId, given))
        const saved = await next.reply(
          t('booking-phone-saved', { phone: formatPhone(given) }),
          replyKeyboardsAllowed(next) ? { reply_markup: { remove_keyboard: true } } : {},
        )
        asked.add(saved.message_id)
        if (mode === 'now') {
          const result = await conversation.external(() =>
            booking.requestCallNow({ clientId, phone: given, productId }),
          )
          if (result.ok) {
            await next.reply(
              t('booking-now-done', {
                name: setup.name || t('booking-friend'),
                // The one deadline every later screen names too (callWhen), read from the moment asked
                until: promisedTime(result.booking, tz, locale, result.booking.slotStart),
                zone: zoneFor(callTime(result.booking)),
              }),
              clientMarkup(next, backKeyboard(next)),
            )
            return
          }
          if (result.reason === 'has_upcoming') {
            await showExisting(await conversation.external(() => booking.upcomingFor(clientId)))
            return
          }
          // Closed, or switched off, while the client was typing: offer a time instead
          mode = 'book'
          notice = result.reason === 'off' ? t('booking-now-off') : await closedNotice(result.nextOpen)
          step = 'days'
          continue
        }
        step = comment === undefined ? 'comment' : 'confirm'
        continue
      }

      // A reason said after a day or a time ("завтра в 18, я на работе до 17"): the comment, once a
      // time is taken (read as typed: a clock named with it, "по мск", is read below in lower case)
      const after = text && (step === 'days' || step === 'slots') ? reasonAfterTime(text) : undefined
      if (after !== undefined) saidAfter = after
      // The client's zone, asked for a time said on "my time" while it was unknown: their city or
      // their clock now ("London", "11:05"), and then that time read; anything else, as it is
      const pending = zoneAsked
      zoneAsked = null
      const given = pending !== null && text ? await zoneTyped(text) : undefined
      if (pending !== null && given !== undefined) {
        await zoneGiven(given)
        text = pending
      }
      // A time said on a clock named ("wednesday 2pm my time", "в 16 по москве", "11am PT"): read
      // on that clock and matched against ours (it was read as ours, three hours off)
      let onClock = text ? clockSaidIn(text) : undefined
      // "I'm in New York, 10am my time", «я в Новосибирске, завтра в 15 по моему времени»: the place
      // said beside it is where the client is, as their answer to "where are you?" would be (the
      // whole was "pick with the buttons")
      const placed = onClock?.clock === 'own' && clientTz === null ? await placeBeside(onClock.rest) : undefined
      if (onClock !== undefined && placed !== undefined) {
        await zoneGiven(placed.zone)
        onClock = { clock: onClock.clock, rest: placed.rest }
      }
      /** The zone of the clock a time typed is on: the one named, else ours. */
      const clockZone =
        onClock === undefined || onClock.clock === 'ours' ? tz : onClock.clock === 'own' ? clientTz : onClock.clock.zone
      if (text && onClock !== undefined) {
        if (await timeOnClock(next, text, onClock.clock, onClock.rest)) continue
        // On a picker the rest is read as any words are; a comment or an answer to the manager
        // keeps the client's words whole ("try again after 6pm my time, I am in LA")
        if (step === 'days' || step === 'slots') text = onClock.rest
      }

      // A day or a time typed as its button on the live picker reads ("15:00", "3:00 PM")
      const typed = text && offered.length > 0 ? matchLabel(text, offered, (o) => o.label) : undefined
      if (typed?.date !== undefined) {
        date = typed.date
        step = 'slots'
        if (timeSaid !== null) await timeOnDayOnClock(next, typed.date, timeSaid)
        continue
      }
      if (typed?.start !== undefined) {
        await takeSlot(next, typed.start)
        continue
      }
      // A day typed as people say it ("в понедельник в 12", "завтра в 15", "25.11"): its times, or
      // with a time said that is free then, that time at once; a day not offered is said to be full.
      // On a day's times too: "завтра в 16" there was passed to a manager as a message
      // (there, only a day said in words: "10.10" on a day's times is ten past ten, not 10 October)
      // At the confirmation too: "нет, давайте в четверг в 11" is another time, as its button would be
      // At the comment question too: "actually can we make it thursday instead" was kept as the
      // comment of a call booked for another day ("перезвоните в пятницу" says more: a comment)
      // A time counted from now at the day picker or on a day's times ("через 2 часа", "in half an
      // hour"; also typed under the offer or the bot's word about the call, which entered the flow by
      // it): that time today, on the times calls start at. It was "pick with the buttons"
      const fromNow = (step === 'days' || step === 'slots') && text ? typedFromNow(text) : undefined
      if (fromNow !== undefined) {
        await timeFromNow(next, fromNow)
        continue
      }
      const dayWords =
        step === 'days' || ((step === 'slots' || step === 'confirm' || step === 'comment') && /\p{L}/u.test(text ?? ''))
      // The clock a time said with the day is on: the one named ("по мск"), else the client's own, as
      // her buttons are (`pickerTz`)
      const sayingZone = onClock === undefined ? pickerTz() : (clockZone ?? tz)
      const saidDay: DaySaid | undefined = dayWords && text ? await offeredDayIn(text, sayingZone) : undefined
      if (saidDay?.date === null) {
        // Said above what stays below it: the days, the day's times still shown, or the comment
        // question asked again — the time chosen stays (the days list had thrown it away)
        notice = t('booking-day-not-offered', { why: saidDay.why, on: step === 'slots' ? 'times' : step })
        continue
      }
      if (saidDay?.date) {
        const day: string = saidDay.date
        date = day
        // (On the clock named with it, "по мск"; else a part named is the client's own)
        const partZone = onClock !== undefined ? (clockZone ?? tz) : saidDay.hours?.byClock ? tz : (ownTz ?? tz)
        dayPart = saidDay.hours ? partSaid(day, saidDay.hours, partZone) : null
        // Said at the comment question, a day and a time are no comment: back to the confirmation
        if (saidDay.clock) await leaveComment(next)
        step = 'slots'
        if (saidDay.clock) {
          await timeOnDayOnClock(next, day, {
            clock: saidDay.clock,
            zone: sayingZone,
            own: onClock === undefined || onClock.clock === 'own',
          })
        }
        // The day alone, asked which day for a time said ("в 15" → "завтра"); a part of the day said
        // with it ("завтра утром") is a new wish: its times
        else if (timeSaid !== null && !saidDay.hours) await timeOnDayOnClock(next, day, timeSaid)
        continue
      }
      // A time typed as people say it ("15", "в 15.30", "3pm"): the one time offered then — or, under
      // the part of the day they said ("after 5"), one of the day's others they changed their mind to
      const said = step === 'slots' && text ? offeredAt(text) : undefined
      if (said !== undefined) {
        await takeSlot(next, said)
        continue
      }
      const clock = step === 'slots' && text ? (typedClock(text) ?? typedHourInPart(text)) : undefined
      const day = date
      if (clock !== undefined && day !== null && dayPart !== null) {
        const starts = await conversation.external(() =>
          booking.freeSlots(day, rescheduleId ?? undefined).map((free) => free.start),
        )
        // (On the clock the times are written on, as the one offered)
        const start = startAt(clock, starts, pickerTz())
        if (start !== undefined) {
          await takeSlot(next, start)
          continue
        }
      }
      // A time of the day on screen that has gone by ("10:00" on today's times at noon): said so,
      // above the times (it was told to use the buttons, and passed to a manager reading the chat)
      const passed =
        clock !== undefined && day !== null ? await timePassed(clock, day, undefined, pickerTz()) : undefined
      if (passed !== undefined) {
        notice = passed
        continue
      }

      // "Да", "yes" typed under the confirmation on screen: its Confirm (it used to be told to
      // use the buttons, or passed to a manager reading the client's messages)
      const confirming = lastConfirmation
      const shownNow = confirming !== null && confirmations.get(confirming) === choice()
      // Moving, the button's own words too: "yes move it", "да, переносите" (it was asked what to change)
      const yes = text !== undefined && (mode === 'move' ? isYesToMove(text) : isYesToConfirm(text))
      if (step === 'confirm' && slot !== null && text && yes && shownNow) {
        await setButtons(next, confirming, null, 'the confirmation answered by a typed yes')
        if (await confirmChoice(next, slot)) return
        continue
      }
      // The confirmation's other buttons typed as they read ("другое время", "не записываться"); a
      // plain "нет", as any words it cannot read, is asked what to change below
      // Another time alone ("no, make it quarter to 5", "давайте лучше в 12"): that time of the day
      // on screen. At the comment question too ("actually make it 4", "лучше в 16": it was kept as
      // the comment, the call left at 3), with words or a clock's colon ("4" alone may be a note)
      const timeAlone =
        text !== undefined &&
        slot !== null &&
        (step === 'confirm' || (step === 'comment' && /[\p{L}:]/u.test(text) && text.length <= MAX_COMMENT_LENGTH))
      const clockAlone = timeAlone && date !== null ? typedClock(text ?? '') : undefined
      if (clockAlone !== undefined && date !== null) {
        const day = date
        const starts = await conversation.external(() =>
          booking.freeSlots(day, rescheduleId ?? undefined).map((free) => free.start),
        )
        const start = startAt(clockAlone, starts)
        if (start !== undefined) {
          await leaveComment(next)
          await takeSlot(next, start)
        } else {
          if (step === 'comment') await closeCommentAsk(next)
          notice = await timeRefused(clockAlone, day)
          step = 'slots'
        }
        continue
      }
      if (step === 'confirm' && slot !== null && text) {
        const keep = mode === 'move' ? 'booking-move-keep-button' : 'booking-stop-button'
        const said = matchLabel(text, ['other', 'stop'] as const, (b) =>
          t(b === 'other' ? 'booking-other-time-button' : keep),
        )
        if (said === 'other') {
          step = date === null ? 'days' : 'slots'
          continue
        }
        if (said === 'stop') {
          await stop(next)
          return
        }
        // Another number typed there ("лучше на 8 903 111-22-33"): the one to call, shown again to confirm
        const otherPhone = mode === 'book' ? phoneInText(text, { zone: ownTz }) : undefined
        if (otherPhone !== undefined && otherPhone !== phone) {
          phone = otherPhone
          await conversation.external(() => deps.services.clients.setPhone(clientId, otherPhone))
          continue
        }
      }

      if (step === 'comment' && text && next.message) {
        if (commentPaste.isRest(next.message)) {
          answer = false
          continue
        }
        commentPaste.judged(next.message, text.length <= MAX_COMMENT_LENGTH)
        // Whatever is typed here is the comment (too long, it is still one, and the client is told)
        if (text.length > MAX_COMMENT_LENGTH) {
          notice = t('booking-comment-too-long', { max: MAX_COMMENT_LENGTH })
          continue
        }
        comment = saysNoComment(text) ? null : text
        step = 'confirm'
        await closeCommentAsk(next)
        continue
      }

      // A time said with no day on the day picker ("10am my time"): which day is asked, with the
      // time as it was read ("pick with the buttons" said nothing of it), and the day picked next
      // takes it. Not a time that may be morning or evening ("3"): no guess
      const timeNoDay = step === 'days' && text ? (typedClock(text) ?? typedHourInPart(text)) : undefined
      if (timeNoDay !== undefined && clockReadings(timeNoDay).length === 1 && clockZone !== null) {
        const today = localDate(await now(), clockZone)
        const at = DateTime.fromISO(today, { zone: clockZone }).plus({ minutes: timeNoDay.minutes }).toMillis()
        const label = clockTime(at, clockZone, locale)
        notice = t('booking-time-which-day', { time: label, zone: zoneLabel(clockZone, locale, at) })
        // The day picked next takes that time (`timeForDay`)
        timeForDay = { clock: timeNoDay, zone: clockZone, own: onClock?.clock === 'own', label }
        continue
      }
      await toManager()
      // The button named as the menu shows it (content `menu` may word it)
      // At the confirmation, whose buttons bring no manager: what can be changed there, and how
      const what =
        step === 'comment'
          ? t('booking-comment-text-only')
          : step === 'confirm'
            ? t('booking-confirm-what-to-change', { button: t('booking-other-time-button') })
            : t('booking-use-buttons', { button: t('menu-manager') })
      notice = next.message ? noAnswerText(t, next.message, what) : what
    }
    await current.reply(t('booking-too-many-turns'), clientMarkup(current, backKeyboard(current)))
  }
}
