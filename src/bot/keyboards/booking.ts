/**
 * What the booking feature shows: its validated button data, the day and slot pickers, and
 * how dates, call windows and time zones read. Shared by the booking conversation, the
 * client and staff features and the reminder jobs, so every screen says the same thing the
 * same way. Texts come through `t` (a Context's `ctx.t`, or the i18n for a job).
 */
import { InlineKeyboard } from 'grammy'
import { DateTime } from 'luxon'
import { z } from 'zod'
import type { BookingRow, ClientRow, OrderRow } from '../../../db/schema.ts'
import type { Content } from '../../content/schema.ts'
import type { ContentStore } from '../../content/store.ts'
import {
  calendarDate,
  callWindow,
  clockTimes,
  dateLocale,
  formatWhen,
  longDay,
  quietHoursRange,
  relativeDay,
  shortWeekday,
  shortWhen,
  zoneLabel,
} from '../../format.ts'
import { formatPhone } from '../../phone.ts'
import { callTime } from '../../services/booking.ts'
import { isOverdue } from '../../services/orders.ts'
import { isQuietTime, localDate } from '../../services/time.ts'
import { clip, MESSAGE_MAX } from '../../text.ts'
import { defineCallback, idPart } from '../callback-data.ts'
import type { Translate } from '../context.ts'
import { orderDue } from '../followup-texts.ts'
import type { TypedI18n } from '../i18n.ts'
import { zoneForReader } from '../reader-zone.ts'
import { menuCallback } from './main-menu.ts'

/** Texts in a fixed locale, for messages not answering an update (jobs, messages to the other side). */
export function translator(i18n: TypedI18n, locale: string): Translate {
  return (key, vars) => i18n.t(locale, key, vars)
}

const MINUTE_MS = 60_000
const datePart = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
/** Slot starts travel as whole minutes since the epoch: short, and every slot starts on a minute. */
const minutePart = z.coerce.number().int().positive().max(100_000_000)
const productPart = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/)
  .max(32)

/** Booking flow (inside the conversation): a day, a slot, or a step action. */
export const dayCallback = defineCallback('bkd', [datePart])
export const slotCallback = defineCallback('bks', [minutePart])
/** `resume`: the reminder of an unfinished booking (src/jobs/nudge.ts) — the step it stopped at, shown again. */
export const FLOW_ACTIONS = ['days', 'now', 'skip', 'ok', 'other', 'stop', 'resume', 'all'] as const
export const flowCallback = defineCallback('bk', [z.enum(FLOW_ACTIONS)])
/** "Book a call about this product" on a product card. */
export const bookProductCallback = defineCallback('bookp', [productPart])
/**
 * The client's own booking: reschedule, cancel (asks first), confirm the cancel, keep it. The
 * confirmation carries the call's start as the question named it (minutes), so a Yes under a
 * question about a time the call has since left cancels nothing. (Questions asked before the
 * start was carried have none: they are not checked.)
 */
export const mineCallback = defineCallback('bkm', [
  z.enum(['resched', 'cancel', 'cancelyes', 'keep']),
  idPart,
  minutePart.optional(),
])
/**
 * Staff outcome buttons on the reminder in the staff group, with the call's start (minutes):
 * a reminder of a call the client has moved since must not finish or move the new one.
 * (Reminders posted before the start was carried have none: they are not checked.)
 */
export const outcomeCallback = defineCallback('bko', [
  z.enum(['called', 'noans', 'resched', 'back', 'cancel', 'cancelyes', 'noansyes']),
  idPart,
  minutePart.optional(),
])
/**
 * Correcting a call's outcome under the message that shows it, while that may be done: `ask` (the
 * _Fix_ button: the question), `yes` (corrected), `keep` (back to the mark with its _Fix_); the
 * outcome it becomes, which must be the other one than marked (a stale button changes nothing).
 */
export const outcomeFixCallback = defineCallback('bkx', [
  z.enum(['ask', 'yes', 'keep']),
  idPart,
  z.enum(['called', 'noans']),
])
/**
 * Staff picking a new day / slot for a booking under its reminder, with the call's start as
 * the reminder showed it (as `outcomeCallback`): a picker opened before the client moved the
 * call must not move it again. (Pickers opened before the start was carried have none.)
 */
export const staffDayCallback = defineCallback('bkod', [idPart, datePart, minutePart.optional()])
export const staffSlotCallback = defineCallback('bkos', [idPart, minutePart, minutePart.optional()])
/**
 * /call's question of whose clock a time is on (a client on another clock than ours): the client,
 * the start chosen, and the number typed after the time, as its digits (with "+" if it had one).
 */
export const staffCallZoneCallback = defineCallback('bkcz', [
  idPart,
  minutePart,
  z
    .string()
    .regex(/^\+?\d{10,15}$/)
    .optional(),
])

export function isFlowData(data: string): boolean {
  return [dayCallback, slotCallback, flowCallback].some((c) => c.unpack(data) !== undefined)
}

export const slotToMinutes = (start: number): number => Math.round(start / MINUTE_MS)
export const minutesToSlot = (minutes: number): number => minutes * MINUTE_MS

// ---------------------------------------------------------------- how times read

/**
 * "23 ноября, пн" style day label; today and tomorrow are named — only while the reader's
 * calendar day (`readerTz`, the client's zone) is the business's too (see relativeDay).
 */
export function dayLabel(date: string, tz: string, locale: string, now: number, t: Translate, readerTz = tz): string {
  const day = DateTime.fromISO(date, { zone: tz, locale: dateLocale(locale) })
  const short = day.toLocaleString({ day: 'numeric', month: 'short' })
  const relative = relativeDay(date, tz, now, readerTz)
  if (relative === 'today') return t('booking-day-today', { date: short })
  if (relative === 'tomorrow') return t('booking-day-tomorrow', { date: short })
  return day.toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' })
}

/**
 * The day above its times, in the day buttons' words and in full: "Сегодня, 23 ноября",
 * "Завтра, 24 ноября", "Понедельник, 30 ноября" (it opens a sentence: a Russian weekday's
 * capital is added). Today and tomorrow as `dayLabel` names them.
 */
export function dayHeading(date: string, tz: string, locale: string, now: number, t: Translate, readerTz = tz): string {
  const relative = relativeDay(date, tz, now, readerTz)
  const full = calendarDate(date, tz, locale, now)
  if (relative === 'today') return t('booking-day-today', { date: full })
  if (relative === 'tomorrow') return t('booking-day-tomorrow', { date: full })
  const day = longDay(Date.parse(`${date}T12:00:00Z`), 'UTC', locale)
  return day.charAt(0).toLocaleUpperCase(locale) + day.slice(1)
}

/** What names a call's time: a booked slot by its window, a "call me now" by its deadline. */
type CallTimes = Pick<BookingRow, 'kind' | 'slotStart' | 'slotEnd'>

/**
 * The time a "call me now" was promised for, its deadline: "12:15 PM", with its day when that
 * is not `now`'s ("Tue, Nov 24, 10:10 AM": asked at closing, it is due the next morning).
 */
export function promisedTime(call: Pick<BookingRow, 'slotEnd'>, tz: string, locale: string, now: number): string {
  return formatWhen(call.slotEnd, tz, locale, now)
}

/**
 * When a call is, as every message to the client and the staff names it: a booked slot by its
 * window ("Monday, November 23, 3:00 PM–3:30 PM"; `short`, for a button: "Nov 23, 3:00 PM");
 * a "call me now" by the time promised ("by 12:15 PM") — its start is the moment the client
 * asked, which is nobody's call time, and a range from it reads as a booked window.
 */
export function callWhen(
  call: CallTimes,
  opts: { tz: string; locale: string; now: number; t: Translate; short?: boolean },
): string {
  const { tz, locale, now, t } = opts
  if (call.kind === 'now') return t('booking-call-by', { time: promisedTime(call, tz, locale, now) })
  return opts.short ? shortWhen(call.slotStart, tz, locale) : callWindow(call.slotStart, call.slotEnd, tz, locale)
}

/**
 * The zone that goes with `callWhen`, with its UTC offset at the call's time — and, for a client
 * (`reader`), their own clock beside it once they gave their zone (/timezone); for the team
 * (`reader.staff`), the client's clock ("у клиента 1:00").
 */
export function callZone(
  call: CallTimes,
  tz: string,
  locale: string,
  reader?: { t: Translate; clientTz: string | null | undefined; staff?: boolean },
): string {
  const at = callTime(call)
  if (!reader) return zoneLabel(tz, locale, at)
  return zoneForReader(reader.t, { businessTz: tz, clientTz: reader.clientTz, locale, at, staff: reader.staff })
}

/**
 * A call as it was before a move, for the client's "Было:" (and "Сейчас:" while they move it
 * themselves), whoever moved it: `callWhen`, with its zone and their own clock beside it once
 * they gave a zone other than ours — a New York client read a bare "18:00" there.
 */
export function movedCallWhen(
  call: CallTimes,
  opts: { tz: string; locale: string; now: number; t: Translate; clientTz: string | null | undefined },
): string {
  const { tz, locale, t, clientTz } = opts
  const when = callWhen(call, opts)
  return clientTz && clientTz !== tz ? `${when} (${callZone(call, tz, locale, { t, clientTz })})` : when
}

// ---------------------------------------------------------------- client keyboards

/**
 * Telegram refuses an inline keyboard of more than 100 buttons, and the content allows
 * more days ahead and shorter slots than that: the pickers offer the first 60 days and 92
 * slots of a day (with the buttons around them), not a message Telegram refuses.
 */
const DAYS_SHOWN = 60
export const SLOTS_SHOWN = 92

/** Days with free slots, two per row; "call me now" when offered; the way out. */
export function daysKeyboard(
  days: readonly { date: string }[],
  opts: { tz: string; locale: string; now: number; callNow: boolean; t: Translate; readerTz?: string },
): InlineKeyboard {
  const { tz, locale, now, callNow, t, readerTz } = opts
  const buttons = days
    .slice(0, DAYS_SHOWN)
    .map((day) => InlineKeyboard.text(dayLabel(day.date, tz, locale, now, t, readerTz), dayCallback.pack(day.date)))
  const kb = InlineKeyboard.from([buttons]).toFlowed(2)
  if (callNow) kb.row(InlineKeyboard.text(t('booking-now-button'), flowCallback.pack('now')))
  return kb.row(
    InlineKeyboard.text(t('menu-back'), menuCallback.pack('main')),
    InlineKeyboard.text(t('menu-manager'), menuCallback.pack('manager')),
  )
}

/**
 * The times of slots read side by side (`clockTimes`: the autumn night's repeated hour shows its
 * offset), those in the client's night (`night`, on their clock) marked 🌙: a call there is one
 * to think twice about; or marked as `mark` says (the booking's pickers: 🌙 and 🌅, `clientHours`).
 */
export function slotLabels(
  starts: readonly number[],
  {
    tz,
    locale,
    night,
    mark,
    day,
  }: {
    tz: string
    locale: string
    night?: ((start: number) => boolean) | undefined
    mark?: ((start: number) => string | undefined) | undefined
    /**
     * The day the times are picked for (YYYY-MM-DD): a time that falls on another date on `tz`'s
     * clock names its weekday, "🌙 ср 0:30" — a far-east client's late times are after her
     * midnight, and read as the small hours of the day above them.
     */
    day?: string | undefined
  },
): string[] {
  return clockTimes(starts, tz, locale).map((label, i) => {
    const start = starts[i] as number
    const sign = mark ? mark(start) : night?.(start) ? '🌙' : undefined
    const dated =
      day !== undefined && localDate(start, tz) !== day ? `${shortWeekday(start, tz, locale)} ${label}` : label
    return sign ? `${sign} ${dated}` : dated
  })
}

/**
 * What a person calls the hours of their day, on their clock: night from 22:00 to 7:00, early
 * morning from 7:00 to 9:00. A call the client picks is marked by these, not by the quiet hours
 * of the content (21:00–9:00 by default): those keep the bot from *writing* first while people
 * may sleep, and are wide on purpose; a 7:00 AM call is early, not night.
 */
export const CLIENT_NIGHT = { start: '22:00', end: '07:00' } as const
export const CLIENT_EARLY_MORNING = { start: '07:00', end: '09:00' } as const
export const HOURS_MARK = { night: '🌙', early: '🌅' } as const
/** The part of the client's day a time falls in on their clock (`zone`): night, early morning, or neither. */
export function clientHours(at: number, zone: string): 'night' | 'early' | undefined {
  if (isQuietTime(at, zone, CLIENT_NIGHT)) return 'night'
  return isQuietTime(at, zone, CLIENT_EARLY_MORNING) ? 'early' : undefined
}

/** A time's mark on the client's clock (`zone`, their own when it is not ours): 🌙, 🌅 or none. */
export function hoursMark(zone: string | null | undefined): (start: number) => string | undefined {
  return (start) => {
    const part = zone ? clientHours(start, zone) : undefined
    return part && HOURS_MARK[part]
  }
}

/** What the marks among `starts` mean, one line each ("🌙 — night where you are (10:00 PM–7:00 AM your time)."). */
export function hoursLegend(
  starts: readonly number[],
  zone: string | null | undefined,
  { t, locale }: { t: Translate; locale: string },
): string[] {
  const parts = new Set(zone ? starts.map((start) => clientHours(start, zone)) : [])
  return [
    ...(parts.has('night') ? [t('booking-pick-night', { hours: quietHoursRange(CLIENT_NIGHT, locale) })] : []),
    ...(parts.has('early') ? [t('booking-pick-early', { hours: quietHoursRange(CLIENT_EARLY_MORNING, locale) })] : []),
  ]
}

/** Free slots of a day, four per row (`slotLabels`). */
export function slotsKeyboard(
  slots: readonly { start: number }[],
  opts: {
    tz: string
    locale: string
    t: Translate
    night?: ((start: number) => boolean) | undefined
    mark?: ((start: number) => string | undefined) | undefined
    /** The times are the part of the day the client said ("after 5"): a button shows them all. */
    all?: boolean
    /** The day they are for: a time on another date on `tz`'s clock names its weekday (`slotLabels`). */
    day?: string
  },
): InlineKeyboard {
  const { t } = opts
  slots = slots.slice(0, SLOTS_SHOWN)
  const labels = slotLabels(
    slots.map((s) => s.start),
    opts,
  )
  const buttons = slots.map((slot, i) =>
    InlineKeyboard.text(labels[i] as string, slotCallback.pack(slotToMinutes(slot.start))),
  )
  const keyboard = InlineKeyboard.from([buttons]).toFlowed(4)
  if (opts.all) keyboard.row(InlineKeyboard.text(t('booking-all-times-button'), flowCallback.pack('all')))
  return keyboard
    .row(InlineKeyboard.text(t('booking-other-day-button'), flowCallback.pack('days')))
    .row(
      InlineKeyboard.text(t('menu-back'), menuCallback.pack('main')),
      InlineKeyboard.text(t('menu-manager'), menuCallback.pack('manager')),
    )
}

/** A new booking, then the way out: under a call the client can no longer change (cancelled, held, over). */
export function bookAgainKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('menu-booking'), menuCallback.pack('booking'))
    .row()
    .text(t('menu-back'), menuCallback.pack('main'))
    .text(t('menu-manager'), menuCallback.pack('manager'))
}

/** Reschedule / cancel for one booking, then the way out. */
export function manageBookingKeyboard(booking: Pick<BookingRow, 'id'>, t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('booking-reschedule-button'), mineCallback.pack('resched', booking.id))
    .text(t('booking-cancel-button'), mineCallback.pack('cancel', booking.id))
    .row()
    .text(t('menu-back'), menuCallback.pack('main'))
}

// ---------------------------------------------------------------- My stuff

export function orderState(order: OrderRow, now: number, content: Content, locale: string, t: Translate): string {
  if (order.status === 'paid') return t('booking-order-paid')
  if (order.clientReportedPaidAt !== null) return t('booking-order-reported')
  const due = orderDue(order, content, locale, now)
  if (due === undefined) return t('booking-order-unpaid')
  const overdue = isOverdue(order, now, content.business.timezone)
  return t(overdue ? 'booking-order-overdue' : 'booking-order-unpaid-due', { due })
}

// ---------------------------------------------------------------- staff messages

export interface StaffCardInput {
  booking: BookingRow
  client: ClientRow
  content: Pick<ContentStore, 'productTitle'>
  answers: readonly { question: string; answer: string }[]
  locale: string
  t: Translate
  /** The language the bot speaks with the client, when it is not the team's: whoever calls should know. */
  speaks?: string
}

/** The client's answers and the comment are shortened in staff messages; the card has them in full. */
const ANSWER_MAX = 300

/** What the call is about: phone, product, comment and the client's answers (plain text; who it is, the post says). */
export function staffCard({ booking, client, content, answers, locale, t, speaks }: StaffCardInput): string {
  // The one route to the group names the client under a post in General, and under a call
  // reminder in their topic too (post-delivery.ts): a name here too was the client twice
  const lines = [t('booking-staff-phone', { phone: formatPhone(booking.phone ?? client.phone ?? '—') })]
  // A client the bot speaks English to, in a Russian team's General (no card there says so): the
  // manager learnt it from the client's comment, or on the phone
  if (speaks !== undefined && speaks !== locale) lines.push(t('booking-staff-language', { language: speaks }))
  const product = content.productTitle(booking.productId, locale)
  if (product) lines.push(t('booking-staff-product', { product }))
  if (booking.comment) lines.push(t('booking-staff-comment', { comment: clip(booking.comment, ANSWER_MAX) }))
  if (answers.length > 0) {
    lines.push(t('booking-staff-answers'))
    for (const a of answers) lines.push(`• ${clip(a.question, 120)} — ${clip(a.answer, ANSWER_MAX)}`)
  }
  // Long typed answers must never make the reminder undeliverable (the call would be missed)
  return clip(lines.join('\n'), MESSAGE_MAX - 200)
}

/** The call a reminder's buttons are about: the booking and its start when the reminder went. */
type RemindedCall = Pick<BookingRow, 'id' | 'slotStart'>
const outcome = (
  action: 'called' | 'noans' | 'resched' | 'back' | 'cancel' | 'cancelyes' | 'noansyes',
  call: RemindedCall,
) => outcomeCallback.pack(action, call.id, slotToMinutes(call.slotStart))

/**
 * A booked time too far ahead to say how the call went: "called" or "no answer" then is a slip
 * (a no-answer tells the client "we called you and could not reach you" a day early). A call made
 * a little early is marked as made; a "call me now" is due from the moment asked.
 */
const OUTCOME_EARLY_MS = 30 * MINUTE_MS
export function callNotYet(call: Pick<BookingRow, 'kind' | 'slotStart'>, now: number): boolean {
  return call.kind === 'slot' && now < call.slotStart - OUTCOME_EARLY_MS
}

/**
 * Buttons under the staff reminder (and under /call): how the call went, or it moved or cancelled
 * — before its time (`callNotYet`), moved or cancelled only.
 */
export function outcomeKeyboard(
  call: RemindedCall & Pick<BookingRow, 'kind'>,
  t: Translate,
  now: number,
): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  if (!callNotYet(call, now)) {
    keyboard
      .text(t('booking-outcome-called'), outcome('called', call))
      .text(t('booking-outcome-noans'), outcome('noans', call))
      .row()
  }
  return keyboard
    .text(t('booking-outcome-resched'), outcome('resched', call))
    .text(t('booking-outcome-cancel'), outcome('cancel', call))
}

/** "Cancel the client's call?" under the reminder: a slip would cancel it and tell the client. */
export function staffCancelKeyboard(call: RemindedCall, t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('booking-staff-cancel-yes'), outcome('cancelyes', call))
    .text(t('booking-staff-cancel-no'), outcome('back', call))
}

/**
 * "No answer" pressed under the client's own "nobody called": the team tells them "we called"
 * only on a second word (`noansyes`); not called, _Reschedule_ gives them a new time; or back.
 */
export function staffNoAnswerKeyboard(call: RemindedCall, t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('booking-staff-noans-yes'), outcome('noansyes', call))
    .row()
    .text(t('booking-outcome-resched'), outcome('resched', call))
    .text(t('booking-staff-noans-back'), outcome('back', call))
}

/** The outcome a correction of `marked` makes: the other one. */
const correctedTo = (marked: 'called' | 'no_answer') => (marked === 'called' ? 'noans' : 'called')

/** Under a call's outcome while it may be corrected: _Fix_, naming what it becomes. */
export function outcomeFixKeyboard(call: Pick<BookingRow, 'id'>, marked: 'called' | 'no_answer', t: Translate) {
  const to = correctedTo(marked)
  return new InlineKeyboard().text(
    t('booking-outcome-fix-button', { outcome: to === 'called' ? 'called' : 'no_answer' }),
    outcomeFixCallback.pack('ask', call.id, to),
  )
}

/** "Change the outcome to …?" under the mark: a slip would write to the client. */
export function outcomeFixAskKeyboard(call: Pick<BookingRow, 'id'>, marked: 'called' | 'no_answer', t: Translate) {
  const to = correctedTo(marked)
  return new InlineKeyboard()
    .text(t('booking-outcome-fix-yes'), outcomeFixCallback.pack('yes', call.id, to))
    .text(t('booking-outcome-fix-keep'), outcomeFixCallback.pack('keep', call.id, to))
}

/** Staff moving a booking: free days (three per row), and a way back to the outcome buttons. */
export function staffDaysKeyboard(
  call: RemindedCall,
  days: readonly { date: string }[],
  opts: { tz: string; locale: string; now: number; t: Translate },
): InlineKeyboard {
  const { tz, locale, now, t } = opts
  const at = slotToMinutes(call.slotStart)
  const buttons = days
    .slice(0, DAYS_SHOWN)
    .map((day) =>
      InlineKeyboard.text(dayLabel(day.date, tz, locale, now, t), staffDayCallback.pack(call.id, day.date, at)),
    )
  return InlineKeyboard.from([buttons])
    .toFlowed(3)
    .row(InlineKeyboard.text(t('booking-staff-keep-button'), outcome('back', call)))
}

/** Staff moving a booking: free slots of the chosen day, read as the client reads them (`slotLabels`). */
export function staffSlotsKeyboard(
  call: RemindedCall,
  slots: readonly { start: number }[],
  opts: { tz: string; locale: string; t: Translate; mark?: (start: number) => string | undefined },
): InlineKeyboard {
  const { t } = opts
  const at = slotToMinutes(call.slotStart)
  slots = slots.slice(0, SLOTS_SHOWN)
  const labels = slotLabels(
    slots.map((s) => s.start),
    opts,
  )
  const buttons = slots.map((slot, i) =>
    InlineKeyboard.text(labels[i] as string, staffSlotCallback.pack(call.id, slotToMinutes(slot.start), at)),
  )
  return InlineKeyboard.from([buttons])
    .toFlowed(4)
    .row(
      InlineKeyboard.text(t('booking-other-day-button'), outcome('resched', call)),
      InlineKeyboard.text(t('booking-staff-keep-button'), outcome('back', call)),
    )
}
