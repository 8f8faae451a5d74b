/**
 * Callback booking rules that do not depend on Telegram: free days and slots from the content
 * file's calendar and booking settings, booking with capacity, "call me now", rescheduling,
 * cancelling, call outcomes, and the durable reminders that go with each booking.
 *
 * Reminders are jobs whose dedupe keys contain the slot (`booking:<id>:client:<slotStart>`), so
 * a moved booking gets fresh reminders, the old ones are cancelled, and none is ever sent twice.
 */
import { DateTime } from 'luxon'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import {
  type BookingConflict,
  type CallOutcome,
  changeOutcome,
  finishBooking,
  getBooking,
  insertBookingIfFree,
  lastCancelledAround,
  listBookingsBetween,
  listBusy,
  listDiscoveryAnswers,
  listUpcomingForClient,
  moveBookingIfFree,
} from '../../db/repositories/bookings.ts'
import { listFinishedOrders, listOpenOrders } from '../../db/repositories/client-orders.ts'
import { findClientById, updateClient } from '../../db/repositories/clients.ts'
import { lastEventAt } from '../../db/repositories/events.ts'
import { findJobByKey, reviveCancelledJob, setJobPayload } from '../../db/repositories/jobs.ts'
import { currentQuizResult } from '../../db/repositories/quiz-results.ts'
import type { BookingRow, ClientRow, OrderRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { Content } from '../content/schema.ts'
import type { ContentStore } from '../content/store.ts'
import { businessCalendar } from '../format.ts'
import type { ClientService } from './clients.ts'
import { FUNNEL } from './funnel.ts'
import { defineJob, type EnqueueInput, type JobDefinition, type JobPayload, payloadOf, type Scheduler } from './jobs.ts'
import type { NudgeService } from './nudges.ts'
import { answersForStaff } from './questions.ts'
import {
  checkSlot,
  freeDays,
  freeSlotsOn,
  isBookableDate,
  type Slot,
  type SlotCheck,
  type SlotQuery,
  type SlotRules,
  slotsOfDate,
} from './slots.ts'
import {
  addWorkingMinutes,
  afterQuietHours,
  DAY_MS,
  isQuietTime,
  isWorkingTime,
  localDate,
  nextWorkingTime,
  openingIntervals,
} from './time.ts'

const MINUTE_MS = 60_000

/** Payload of the reminder jobs: the slot they were armed for, so a moved booking's old job does nothing. */
const reminderPayload = z.object({
  bookingId: z.number().int().positive(),
  slotStart: z.number().int(),
  /** The team's reminder at the next opening of a "call me now" asked just before closing. */
  opening: z.literal(true).optional(),
  /**
   * The client's reminder, once it went to their chat with the bot: its message there, whose
   * _Move_ and _Cancel_ go once the call is marked made (`clientReminderMessage`).
   */
  messageId: z.number().int().optional(),
})

export const STAFF_NOTICE_CHANGES = ['booked', 'moved', 'cancelled'] as const

/**
 * The time a call's outcome may be corrected, while it is open (`BOOKING_JOBS.outcomeFix`): what was
 * marked and by whom, the message in the staff group that shows the mark (its text as marked, without
 * the line offering the correction), and whether the client was told of a missed call at once.
 */
const outcomeFixPayload = z.object({
  bookingId: z.number().int().positive(),
  outcome: z.enum(['called', 'no_answer']),
  by: z.number().int(),
  chatId: z.number().int(),
  messageId: z.number().int(),
  text: z.string(),
  /** "We called you and could not reach you" was queued for the client at once (not put off to their morning, not refused). */
  told: z.boolean(),
})

/** Job kinds of the booking feature (handlers: src/jobs/booking-reminders.ts). */
export const BOOKING_JOBS = {
  /** To the client, `booking.reminder_minutes` before the call. */
  clientReminder: defineJob('booking_client_reminder', reminderPayload, 'fu-kind-booking_client_reminder'),
  /** To the staff group at the time of the call (or at once for "call me now"), with outcome buttons. */
  staffReminder: defineJob('booking_staff_reminder', reminderPayload, 'fu-kind-booking_staff_reminder'),
  /**
   * A "call me now" nobody marked by its deadline: the client was told "if we are late, we will
   * call as soon as we can and let you know" — they are told, and the team is reminded.
   */
  callNowLate: defineJob('booking_call_now_late', reminderPayload, 'fu-kind-booking_call_now_late'),
  /**
   * A booked call whose time is over and nobody recorded how it went: the team is asked once,
   * with the outcome buttons (`OUTCOME_NUDGE_WORKING_MINUTES` of working time after the window).
   * The client is not written to: whether they were called is the team's to say, and "No answer"
   * is what offers them a new time.
   */
  outcomeNudge: defineJob('booking_outcome_nudge', reminderPayload, 'fu-kind-booking_outcome_nudge'),
  /**
   * "We called you and could not reach you" to a client whose call was marked _No answer_ in her
   * night (her clock): said at her morning, if no call was booked since.
   */
  noAnswerClient: defineJob('booking_no_answer_client', reminderPayload, 'fu-kind-booking_no_answer_client'),
  /**
   * The end of the time a call's outcome may be corrected (`OUTCOME_FIX_MINUTES` after it was
   * marked): the message showing the mark loses its _Fix_ button. While it is pending, its payload
   * is that time's record (`outcomeFix`); a correction cancels it.
   */
  outcomeFix: defineJob('booking_outcome_fix', outcomeFixPayload, 'fu-kind-booking_outcome_fix'),
  /**
   * To the staff group: a callback was booked, moved or cancelled by the client. Queued by an
   * earlier version: the notice is written with the change now (`noticeStaff`); rows left run.
   */
  staffNotice: defineJob(
    'booking_staff_notice',
    z.object({
      bookingId: z.number().int().positive(),
      change: z.enum(STAFF_NOTICE_CHANGES),
      /** For a move: where the booking was. */
      fromStart: z.number().int().optional(),
      fromEnd: z.number().int().optional(),
      /** For a move: what the booking was; a "call me now" is named by its deadline, not as a range from the moment asked. */
      fromKind: z.enum(['slot', 'now']).optional(),
    }),
    'fu-kind-booking_staff_notice',
  ),
}

export type ReminderPayload = JobPayload<typeof BOOKING_JOBS.clientReminder>
export type { CallOutcome } from '../../db/repositories/bookings.ts'
export type OutcomeFix = JobPayload<typeof BOOKING_JOBS.outcomeFix>
export type StaffNoticePayload = JobPayload<typeof BOOKING_JOBS.staffNotice>
export type StaffNoticeChange = StaffNoticePayload['change']

/**
 * How much of the team's working time a booked call's outcome may go unrecorded before they are
 * asked: an hour after the window (or after a reminder that came late) is time enough to call
 * and press a button, and counted in working time a call at closing is asked about in the morning.
 */
export const OUTCOME_NUDGE_WORKING_MINUTES = 60

/**
 * How long after a call's outcome was marked the team may correct it (once): long enough to see a
 * colleague's mark under the reminder and say it is wrong, short enough that what the client was
 * told and the jobs it planned are still fresh. Who may: the one who marked it, the client's lead,
 * an owner.
 */
export const OUTCOME_FIX_MINUTES = 30

/** A client reminder is pointless right after booking: it is armed only if due at least this much later. */
const REMINDER_MIN_GAP_MS = 10 * MINUTE_MS
/** A client reminder put off by their quiet hours must still arrive this long before the call. */
export const REMINDER_MARGIN_MS = 5 * MINUTE_MS
/** Finished orders "My stuff" lists: enough to recall what was bought, not a ledger. */
const FINISHED_ORDERS_SHOWN = 5

/** Who books or moves a call: the client (within the lead time), or the team (any free time still to come). */
export type Booker = 'client' | 'staff'

/**
 * Why the team cannot book a call at a moment of a working day: its time has come or gone, it is
 * outside the day's hours (`closed`), calls do not start then (`between` two starts), or another
 * client has it (`taken`).
 */
export type StaffRefusal = 'past' | 'closed' | 'between' | 'taken'

/** Why a slot cannot be booked (see SlotCheck), or the client already has an upcoming call. */
export type BookFailure = 'full' | 'gone' | 'invalid' | BookingConflict

/** `reminderAt`: when the client will be reminded (UTC ms), or null when they will not be. */
export type BookResult =
  | { ok: true; booking: BookingRow; reminderAt: number | null }
  | { ok: false; reason: BookFailure }

export type CallNowResult =
  | { ok: true; booking: BookingRow }
  | { ok: false; reason: 'closed'; nextOpen: number | null }
  /** The owner switched "call me now" off in the content while the client was on the way. */
  | { ok: false; reason: 'off' }
  | { ok: false; reason: 'has_upcoming' }

export type CallNowAvailability = { open: true; until: number } | { open: false; nextOpen: number | null }

export type RescheduleResult =
  | { ok: true; booking: BookingRow; previous: BookingRow }
  | { ok: false; reason: 'full' | 'gone' | 'invalid' | 'missing' | 'not_yours' | 'not_booked' }
  /** The client has another upcoming call (`upcoming`): one call at a time. */
  | { ok: false; reason: 'has_upcoming'; upcoming: BookingRow }

export type CancelResult =
  | { ok: true; booking: BookingRow }
  | { ok: false; reason: 'missing' | 'not_yours' | 'not_booked' }

export type OutcomeResult =
  | { ok: true; booking: BookingRow }
  | { ok: false; reason: 'not_booked'; booking?: BookingRow }

/** The time to correct a call's outcome, while it is open: its record, and when it ends (UTC ms). */
export type OpenOutcomeFix = OutcomeFix & { until: number }

/**
 * A correction made (`fix`: the time to correct it, as it was), or why not: the time to correct it
 * is over, or it was corrected already (`closed`). Corrected to _Called_, `missed` says what became
 * of the client's "we could not reach you": `told` — they have it, or it is on its way (they are owed
 * a word); `held` — it waited for their morning and will not go; `none` — it never went to them.
 */
export type CorrectionResult =
  | { ok: true; booking: BookingRow; fix: OpenOutcomeFix; missed: 'told' | 'held' | 'none' }
  | { ok: false; reason: 'closed' }

export type BookingService = ReturnType<typeof createBookingService>

/**
 * When a call happens, as people name it: a booked slot's start, or for "call me now" the
 * time promised (its start is when the client asked, already past).
 */
export function callTime(call: Pick<BookingRow, 'kind' | 'slotStart' | 'slotEnd'>): number {
  return call.kind === 'now' ? call.slotEnd : call.slotStart
}

/** How long past its deadline an unmarked "call me now" is still the client's open call. */
const CALL_NOW_OPEN_AFTER_MS = 24 * 60 * 60_000

/**
 * Whether a call is still the client's to move or cancel: booked, and for a slot, its window
 * not over. A "call me now" stays open past its deadline until staff mark it: the client was
 * promised "if we are held up, we will call as soon as we are free", and the alert's buttons
 * still wait for an outcome, so it is neither held nor gone. Not for ever: a day later, one
 * nobody marked no longer keeps the client from booking a call again.
 */
export function isOpenCall(call: Pick<BookingRow, 'kind' | 'status' | 'slotEnd'>, now: number): boolean {
  if (call.status !== 'booked') return false
  return call.kind === 'now' ? call.slotEnd + CALL_NOW_OPEN_AFTER_MS > now : call.slotEnd > now
}

/**
 * Whether a call's time is over with no outcome recorded: booked, its window (a "call me now":
 * the time promised) past. Not "booked" any more to whoever reads it: someone has to say how it went.
 */
export function isUnmarkedCall(call: Pick<BookingRow, 'status' | 'slotEnd'>, now: number): boolean {
  return call.status === 'booked' && call.slotEnd <= now
}

/**
 * How far back /today looks for calls nobody marked: the week's are still worth marking (the client
 * may be waiting for a call back); older ones would only grow a line nobody acts on.
 */
const UNMARKED_LOOKBACK_DAYS = 7

/**
 * How far back a client's own call nobody marked is still theirs to hear of (/mybookings, "вы мне
 * звонили или нет?"): a client asked a week after one, and was told she had no calls.
 */
const CLIENT_UNMARKED_LOOKBACK_DAYS = 14
/** The event of a client shown a call nobody marked: the team is told once a call (`askedAboutUnmarked`). */
const UNMARKED_ASKED_EVENT = 'call_unmarked_asked'

/**
 * The client's open calls (`isOpenCall`), soonest first. Read from their booked ones ending a
 * day back: the repository's "upcoming" ends at the deadline, and a late "call me now" is open.
 */
export function listOpenCalls(db: Pick<Db, 'select'>, clientId: number, now: number): BookingRow[] {
  return listUpcomingForClient(db, clientId, now - CALL_NOW_OPEN_AFTER_MS).filter((call) => isOpenCall(call, now))
}

export function slotRulesOf(content: Content): SlotRules {
  const b = content.booking
  return {
    slotMinutes: b.slot_minutes,
    capacity: b.capacity,
    minLeadMinutes: b.min_lead_minutes,
    daysAhead: b.days_ahead,
  }
}

export function createBookingService(deps: {
  db: Db
  clock: Clock
  content: ContentStore
  scheduler: Scheduler
  clients: ClientService
  nudges: NudgeService
  /**
   * Posts the team's notice of a client's booking, move or cancellation (src/jobs/booking-reminders.ts:
   * its words are the bot's), called inside the change's transaction: its outbox row comes before
   * whatever the client writes next.
   */
  noticeStaff: (notice: StaffNoticePayload) => void
  /**
   * The client booked or moved a call themselves (not the team with /call, nor a move from a
   * reminder): a question of theirs about a call that waits for the team is answered by it
   * (`handoff.settle`), called inside the change's transaction, after its notice.
   */
  clientBookedCall?: (clientId: number) => void
  /** The client cancelled a call of theirs: a wait their booking had settled waits again (`handoff.callCancelled`). */
  clientCancelledCall?: (clientId: number) => void
}) {
  const { db, clock, content, scheduler, clients, nudges } = deps

  /**
   * The slot maths' input as of now; `exceptId` leaves one booking out (it is being moved). `by`
   * the team: any time still to come — the lead time (`booking.min_lead_minutes`) gives the team
   * room to get ready for a call a client booked, and a call the team books is one they are ready
   * for ("/call 11:00" at 10:20, the time just agreed with the client, was refused as taken).
   */
  function slotQuery(exceptId?: number, by: Booker = 'client'): SlotQuery {
    const c = content.get()
    const now = clock.now()
    const rules = by === 'staff' ? { ...slotRulesOf(c), minLeadMinutes: 0 } : slotRulesOf(c)
    // The horizon spans at most days_ahead + 1 local days; two extra days cover any offset.
    const to = now + (rules.daysAhead + 2) * 24 * 60 * MINUTE_MS
    return { now, calendar: businessCalendar(c), rules, busy: listBusy(db, now - 24 * 60 * MINUTE_MS, to, exceptId) }
  }

  function reminderKeys(booking: Pick<BookingRow, 'id' | 'slotStart'>) {
    return {
      client: `booking:${booking.id}:client:${booking.slotStart}`,
      staff: `booking:${booking.id}:staff:${booking.slotStart}`,
      late: `booking:${booking.id}:late:${booking.slotStart}`,
      opening: `booking:${booking.id}:opening:${booking.slotStart}`,
      unmarked: `booking:${booking.id}:unmarked:${booking.slotStart}`,
    }
  }

  /** The client's "we could not reach you" put off to their morning: one per call. */
  const missedLaterKey = (bookingId: number) => `booking-no-answer:${bookingId}`
  /** The time to correct a call's outcome: one per call, so a correction is made once. */
  const outcomeFixKey = (bookingId: number) => `booking:${bookingId}:fix`

  /** The time to correct a call's outcome, while it is open (`BOOKING_JOBS.outcomeFix`): its record and its end. */
  function openFix(bookingId: number): OpenOutcomeFix | undefined {
    const job = findJobByKey(db, outcomeFixKey(bookingId))
    if (job?.status !== 'pending' || job.runAt <= clock.now()) return undefined
    return { ...payloadOf(BOOKING_JOBS.outcomeFix, job), until: job.runAt }
  }

  /**
   * A booking's change and what follows from it — its reminders armed or cancelled, the funnel
   * event, the staff's notice — commit together: a crash between them left a call booked that
   * nobody was reminded of, or a moved one reminded at its old time. Immediate: it writes, and a
   * second process on the file waits for it instead of failing half-way.
   */
  const atomically = <T>(work: () => T): T => db.transaction(work, { behavior: 'immediate' })

  function enqueueOrRevive(
    job: JobDefinition<ReminderPayload>,
    input: EnqueueInput<ReminderPayload> & { dedupeKey: string },
  ) {
    if (!scheduler.enqueue(job, input)) reviveCancelledJob(db, input.dedupeKey, input.runAt, clock.now())
  }

  /** When the client's reminder for this booking is due, or null when there is none (off, or booked too late for one). */
  function clientReminderAt(booking: Pick<BookingRow, 'kind' | 'slotStart' | 'clientId'>): number | null {
    const minutes = content.get().booking.reminder_minutes
    if (booking.kind !== 'slot' || minutes === 0) return null
    const runAt = booking.slotStart - minutes * MINUTE_MS
    if (runAt < clock.now() + REMINDER_MIN_GAP_MS) return null
    // In the client's quiet hours, on their clock, it waits for their morning while that is still
    // before the call (as the job does when it runs): the booking's "I will remind you …" names
    // that moment. It promised "an hour before" to a New York client reminded 30 minutes before
    const c = content.get()
    const tz = findClientById(db, booking.clientId)?.timezone ?? c.business.timezone
    if (!isQuietTime(runAt, tz, c.followups.quiet_hours)) return runAt
    const morning = afterQuietHours(runAt, tz, c.followups.quiet_hours)
    return morning <= booking.slotStart - REMINDER_MARGIN_MS ? morning : runAt
  }

  function armReminders(booking: BookingRow): void {
    const keys = reminderKeys(booking)
    const payload: ReminderPayload = { bookingId: booking.id, slotStart: booking.slotStart }
    const runAt = clientReminderAt(booking)
    if (runAt !== null) {
      enqueueOrRevive(BOOKING_JOBS.clientReminder, {
        runAt,
        dedupeKey: keys.client,
        clientId: booking.clientId,
        payload,
      })
    }
    enqueueOrRevive(BOOKING_JOBS.staffReminder, {
      runAt: booking.kind === 'now' ? clock.now() : booking.slotStart,
      dedupeKey: keys.staff,
      clientId: booking.clientId,
      payload,
    })
    // A "call me now" has its own word when its deadline passes unmarked (callNowLate)
    if (booking.kind === 'slot') {
      enqueueOrRevive(BOOKING_JOBS.outcomeNudge, {
        runAt: outcomeNudgeAt(booking),
        dedupeKey: keys.unmarked,
        clientId: booking.clientId,
        payload,
      })
    }
    if (booking.kind === 'now') {
      enqueueOrRevive(BOOKING_JOBS.callNowLate, {
        runAt: booking.slotEnd,
        dedupeKey: keys.late,
        clientId: booking.clientId,
        payload,
      })
      // Asked just before closing, the deadline is on the next working day: the alert came the
      // evening before, and the team is reminded again when it opens, before the deadline — not
      // only told at it that it was missed
      const opening = openingBefore(booking.slotEnd)
      if (opening !== undefined) {
        enqueueOrRevive(BOOKING_JOBS.staffReminder, {
          runAt: opening,
          dedupeKey: keys.opening,
          clientId: booking.clientId,
          payload: { ...payload, opening: true },
        })
      }
    }
  }

  /** The opening of the working day `deadline` falls on, when that is a later day than today and the opening comes first. */
  function openingBefore(deadline: number): number | undefined {
    const c = content.get()
    const tz = c.business.timezone
    const now = clock.now()
    const day = localDate(deadline, tz)
    if (day === localDate(now, tz)) return undefined
    const opening = nextWorkingTime(DateTime.fromISO(day, { zone: tz }).toMillis(), businessCalendar(c))
    return opening !== undefined && opening > now && opening < deadline ? opening : undefined
  }

  function disarmReminders(booking: BookingRow, reason: string): void {
    const keys = reminderKeys(booking)
    scheduler.cancel({ dedupeKey: keys.client }, reason)
    scheduler.cancel({ dedupeKey: keys.staff }, reason)
    scheduler.cancel({ dedupeKey: keys.late }, reason)
    scheduler.cancel({ dedupeKey: keys.opening }, reason)
    scheduler.cancel({ dedupeKey: keys.unmarked }, reason)
  }

  /**
   * When the team is asked how a booked call went: `OUTCOME_NUDGE_WORKING_MINUTES` of working time
   * after its window, or after the staff reminder when that came later (the bot was down through
   * the call: the late reminder asked for the outcome itself, and a second post right under it
   * would say it twice). Without working time ahead, a day after.
   */
  function outcomeNudgeAt(booking: Pick<BookingRow, 'id' | 'slotStart' | 'slotEnd'>): number {
    const reminder = findJobByKey(db, reminderKeys(booking).staff)
    const asked = reminder?.status === 'done' ? Math.max(booking.slotEnd, reminder.updatedAt) : booking.slotEnd
    return addWorkingMinutes(asked, OUTCOME_NUDGE_WORKING_MINUTES, businessCalendar(content.get())) ?? asked + DAY_MS
  }

  function noticeStaff(booking: BookingRow, change: StaffNoticeChange, previous?: BookingRow): void {
    const payload: StaffNoticePayload = {
      bookingId: booking.id,
      change,
      ...(previous ? { fromStart: previous.slotStart, fromEnd: previous.slotEnd, fromKind: previous.kind } : {}),
    }
    deps.noticeStaff(payload)
  }

  /** The phone goes on the client too: managers see it on the card, and the next booking offers it. */
  function afterBooked(booking: BookingRow): void {
    updateClient(db, booking.clientId, { phone: booking.phone })
    const client = findClientById(db, booking.clientId)
    if (client) clients.advanceStage(client, 'close')
    clients.recordEvent(booking.clientId, FUNNEL.booked, { bookingId: booking.id, kind: booking.kind })
    armReminders(booking)
    nudges.disarm(booking.clientId, 'booking', 'the client booked a callback')
  }

  const openCallsOf = (clientId: number): BookingRow[] => listOpenCalls(db, clientId, clock.now())

  /**
   * An open call of this client (`isOpenCall`). `missing`: no such booking, or one
   * whose client erased their data (/forget) — nobody's any more, the same person back with a
   * new /start included; `not_yours`: another living client's.
   */
  function ownUpcoming(clientId: number, bookingId: number): BookingRow | 'missing' | 'not_yours' | 'not_booked' {
    const booking = getBooking(db, bookingId)
    if (!booking) return 'missing'
    if (booking.clientId !== clientId) {
      const owner = findClientById(db, booking.clientId)
      return owner && owner.deletedAt === null ? 'not_yours' : 'missing'
    }
    if (!isOpenCall(booking, clock.now())) return 'not_booked'
    return booking
  }

  /**
   * In working hours: the honest deadline for "call me now", `call_now_within_minutes` of
   * working time from now (so near closing it runs into the next opening). Outside them:
   * the next opening, or null when the calendar never opens.
   */
  function callNowAvailability(): CallNowAvailability {
    const c = content.get()
    const now = clock.now()
    const calendar = businessCalendar(c)
    if (isWorkingTime(now, calendar)) {
      const until = addWorkingMinutes(now, c.booking.call_now_within_minutes, calendar)
      if (until !== undefined) return { open: true, until }
    }
    return { open: false, nextOpen: nextWorkingTime(now, calendar) ?? null }
  }

  return {
    /** A booking flow began: one gentle reminder if the client leaves it without booking. */
    flowStarted(clientId: number): void {
      nudges.arm(clientId, 'booking', { restart: true })
    },

    /** The client took a step in the booking flow: the reminder counts from their last step. */
    flowStep(clientId: number): void {
      nudges.arm(clientId, 'booking')
    },

    /**
     * A booking flow ended without a booking on purpose (the client said no, or there was no
     * free time to offer): no "you started booking but did not pick a time" reminder follows.
     */
    flowEnded(clientId: number, reason: string): void {
      nudges.disarm(clientId, 'booking', reason)
    },

    /** When the team is asked how a booked call went; its job reads it again when it comes up. */
    outcomeNudgeAt,

    /** The business time zone (IANA). */
    timezone(): string {
      return content.get().business.timezone
    },

    /** Local dates (YYYY-MM-DD) within the horizon that have a free slot, with how many; see `freeSlots`. */
    freeDays(exceptBookingId?: number, by: Booker = 'client'): Array<{ date: string; free: number }> {
      return freeDays(slotQuery(exceptBookingId, by))
    },

    /** Where a local date's calls start, free or taken: what a time said "between" them is not. */
    slotStarts(date: string): number[] {
      const c = content.get()
      return slotsOfDate(date, businessCalendar(c), c.booking.slot_minutes).map((slot) => slot.start)
    },

    /**
     * Free slots of a local date; `exceptBookingId` counts that booking's own place as free (a
     * move); `by` the team, those sooner than the lead time too (`slotQuery`).
     */
    freeSlots(date: string, exceptBookingId?: number, by: Booker = 'client'): Slot[] {
      return freeSlotsOn(date, slotQuery(exceptBookingId, by))
    },

    /**
     * Why the team cannot book a call starting at `start` (UTC ms) — `exceptBookingId` as for
     * `freeSlots` — or undefined when they can. For a day that has times to book (`whyNoTimes`
     * says `full` of it, or it has free ones): each refusal of /call says its own reason — a time
     * inside the lead time, one gone by and one outside the hours all read "no place", and a
     * manager told the client the agreed time was taken.
     */
    staffRefusal(start: number, exceptBookingId?: number): StaffRefusal | undefined {
      const c = content.get()
      const check = checkSlot(start, slotQuery(exceptBookingId, 'staff'))
      if (check.status === 'free') return undefined
      if (check.status === 'full') return 'taken'
      if (check.status === 'gone') return 'past'
      // Inside the day's hours with a whole call's time before closing: calls only start on the slot grid
      const length = c.booking.slot_minutes * MINUTE_MS
      const intervals = openingIntervals(localDate(start, c.business.timezone), businessCalendar(c))
      return intervals.some(([open, close]) => start >= open && start + length <= close) ? 'between' : 'closed'
    },

    /**
     * Why a local date offers no call time: the business does not work then (a day off, a
     * holiday), it lies beyond the days booking looks ahead, it is over, or its times are taken or
     * gone. For a client who typed that day: "that day cannot be booked" said no why.
     */
    whyNoTimes(date: string): 'closed' | 'far' | 'past' | 'full' {
      const c = content.get()
      const now = clock.now()
      if (date < localDate(now, c.business.timezone)) return 'past'
      if (!isBookableDate(date, now, c.business.timezone, c.booking.days_ahead)) return 'far'
      return openingIntervals(date, businessCalendar(c)).length === 0 ? 'closed' : 'full'
    },

    /** Whether a slot start (from a button) can be booked now; `exceptBookingId` as for `freeSlots`. */
    checkSlot(start: number, exceptBookingId?: number): SlotCheck {
      return checkSlot(start, slotQuery(exceptBookingId))
    },

    /** Whether "call me now" is offered at all (content `booking.call_now`). */
    callNowEnabled(): boolean {
      return content.get().booking.call_now
    },

    callNowAvailability,

    /**
     * Whether a call of the client's was cancelled at `since` or later — by them, or by the team at
     * their word: a callback they asked for before that is no longer wanted.
     */
    anyCancelledSince(clientId: number, since: number): boolean {
      const at = lastEventAt(db, clientId, 'booking_cancelled', 'booking_cancelled')
      return at !== undefined && at >= since
    },

    /** The client's open calls (`isOpenCall`: a late "call me now" included), soonest first. */
    upcomingFor(clientId: number): BookingRow[] {
      return openCallsOf(clientId)
    },

    /** The client's booking if it is theirs and open (`isOpenCall`); otherwise why not. */
    ownUpcoming,

    /** The client's reminder of `booking` went to their chat with the bot as `messageId`: kept on its job. */
    clientReminderSent(booking: Pick<BookingRow, 'id' | 'slotStart'>, messageId: number): void {
      const job = findJobByKey(db, reminderKeys(booking).client)
      if (!job) return
      setJobPayload(db, job.id, { ...payloadOf(BOOKING_JOBS.clientReminder, job), messageId }, clock.now())
    },

    /**
     * The message of the client's reminder of `booking` at its time now, in their chat with the
     * bot (`clientReminderSent`); undefined when none went there.
     */
    clientReminderMessage(booking: Pick<BookingRow, 'id' | 'slotStart'>): number | undefined {
      const job = findJobByKey(db, reminderKeys(booking).client)
      return job?.status === 'done' ? payloadOf(BOOKING_JOBS.clientReminder, job).messageId : undefined
    },

    /**
     * The client's latest call of the last CLIENT_UNMARKED_LOOKBACK_DAYS whose time is over with no
     * outcome recorded (`isUnmarkedCall`) and that is no longer open (a late "call me now" is still
     * theirs to wait for): nobody knows whether it took place.
     */
    unmarkedFor(clientId: number): BookingRow | undefined {
      const now = clock.now()
      return listUpcomingForClient(db, clientId, now - CLIENT_UNMARKED_LOOKBACK_DAYS * 24 * 60 * MINUTE_MS)
        .filter((call) => isUnmarkedCall(call, now) && !isOpenCall(call, now))
        .at(-1)
    },

    /**
     * The client was shown `call` (`unmarkedFor`) and told a manager will check: recorded, and true
     * the first time for that call (the team is asked once; each time after, the client's words reach
     * them as any do).
     */
    askedAboutUnmarked(call: BookingRow): boolean {
      const before = lastEventAt(db, call.clientId, UNMARKED_ASKED_EVENT, UNMARKED_ASKED_EVENT)
      clients.recordEvent(call.clientId, UNMARKED_ASKED_EVENT, { bookingId: call.id })
      return before === undefined || before < call.slotEnd
    },

    get(bookingId: number): BookingRow | undefined {
      return getBooking(db, bookingId)
    },

    /**
     * The client's call that was booked at `at` and cancelled since (the last such), when they have
     * none booked now: what a picker shown at `at` was moving, a new booking being refused then.
     */
    cancelledSince(clientId: number, at: number): BookingRow | undefined {
      if (openCallsOf(clientId).length > 0) return undefined
      return lastCancelledAround(db, clientId, at)
    },

    /**
     * Books a slot (UTC ms start, as offered) for the client. Re-checks the slot against the
     * current calendar and bookings, then inserts inside one transaction with the capacity
     * check; on success stores the phone on the client, moves the stage to `close`, records
     * the funnel event and arms the reminders. Booked by the client (the default), the staff
     * group hears of it; by a team member (`by: 'staff'`, /call with a time), the one who booked
     * it sees it where they typed it, and any free time still to come is theirs to book (`slotQuery`).
     */
    book(input: {
      clientId: number
      slotStart: number
      phone: string
      comment: string | null
      productId: string | null
      by?: Booker
    }): BookResult {
      const check = checkSlot(input.slotStart, slotQuery(undefined, input.by))
      if (check.status !== 'free') return { ok: false, reason: check.status }
      return atomically((): BookResult => {
        // One call at a time, a late "call me now" included (the insert's own check ends at its deadline)
        if (openCallsOf(input.clientId).length > 0) return { ok: false, reason: 'has_upcoming' }
        const result = insertBookingIfFree(
          db,
          {
            clientId: input.clientId,
            kind: 'slot',
            slotStart: check.slot.start,
            slotEnd: check.slot.end,
            phone: input.phone,
            comment: input.comment,
            productId: input.productId,
          },
          content.get().booking.capacity,
          clock.now(),
        )
        if (!result.ok) return result
        afterBooked(result.booking)
        if (input.by !== 'staff') {
          noticeStaff(result.booking, 'booked')
          deps.clientBookedCall?.(input.clientId)
        }
        return { ...result, reminderAt: clientReminderAt(result.booking) }
      })
    },

    /**
     * "Call me now": in working hours a booking of kind `now` whose window ends at the honest
     * deadline, and an immediate alert to the staff group; outside working hours nothing is
     * stored and the next opening is returned.
     */
    requestCallNow(input: { clientId: number; phone: string; productId: string | null }): CallNowResult {
      const c = content.get()
      if (!c.booking.call_now) return { ok: false, reason: 'off' }
      const availability = callNowAvailability()
      if (!availability.open) return { ok: false, reason: 'closed', nextOpen: availability.nextOpen }
      const now = clock.now()
      return atomically((): CallNowResult => {
        // One call at a time, a late "call me now" included (the insert's own check ends at its deadline)
        if (openCallsOf(input.clientId).length > 0) return { ok: false, reason: 'has_upcoming' }
        const result = insertBookingIfFree(
          db,
          {
            clientId: input.clientId,
            kind: 'now',
            slotStart: now,
            slotEnd: availability.until,
            phone: input.phone,
            comment: null,
            productId: input.productId,
          },
          c.booking.capacity,
          now,
        )
        if (!result.ok) return { ok: false, reason: 'has_upcoming' }
        afterBooked(result.booking)
        deps.clientBookedCall?.(input.clientId)
        return { ok: true, booking: result.booking }
      })
    },

    /**
     * Moves a booked callback to another free slot. `clientId` set: the client moves their own
     * booking (the staff hear of it); unset: staff move it, to any free time still to come
     * (`slotQuery`). Refused when the client has
     * another open call (staff may move a missed call after the client booked again).
     * The old reminders are cancelled and new ones armed for the new slot. `phone`: the number
     * to call from now on (staff gave it with the time), kept on the client too. `note`: what the
     * client said after the new time ("я на работе до 17"), added to the call's comment.
     */
    reschedule(input: {
      bookingId: number
      slotStart: number
      clientId?: number
      phone?: string
      note?: string
    }): RescheduleResult {
      if (input.clientId !== undefined) {
        const own = ownUpcoming(input.clientId, input.bookingId)
        if (typeof own === 'string') return { ok: false, reason: own }
      }
      // Moved by the team (no client named): any free time still to come, as the team books
      const check = checkSlot(
        input.slotStart,
        slotQuery(input.bookingId, input.clientId === undefined ? 'staff' : 'client'),
      )
      if (check.status !== 'free') return { ok: false, reason: check.status }
      return atomically((): RescheduleResult => {
        // Another open call of the client — a late "call me now" too, which the move's own check
        // does not see past its deadline — keeps this one where it is (one call at a time)
        const moving = getBooking(db, input.bookingId)
        const upcoming =
          moving?.status === 'booked' ? openCallsOf(moving.clientId).find((call) => call.id !== moving.id) : undefined
        if (upcoming) return { ok: false, reason: 'has_upcoming', upcoming }
        const result = moveBookingIfFree(
          db,
          input.bookingId,
          { start: check.slot.start, end: check.slot.end },
          content.get().booking.capacity,
          clock.now(),
          { phone: input.phone, note: input.note },
        )
        if (!result.ok) return result
        if (input.phone) updateClient(db, result.booking.clientId, { phone: input.phone })
        disarmReminders(result.previous, 'the callback was moved to another time')
        armReminders(result.booking)
        clients.recordEvent(result.booking.clientId, 'booking_moved', { bookingId: result.booking.id })
        if (input.clientId !== undefined) {
          noticeStaff(result.booking, 'moved', result.previous)
          deps.clientBookedCall?.(input.clientId)
        }
        return result
      })
    },

    /**
     * An upcoming callback cancelled: the place is freed, reminders cancelled. By the client
     * (the default), the staff are told; by a team member (`by: 'staff'`, the client asked them),
     * the one who pressed sees it where they pressed, and the client is told by the caller.
     */
    cancel(input: { bookingId: number; clientId: number; by?: Booker }): CancelResult {
      const own = ownUpcoming(input.clientId, input.bookingId)
      if (typeof own === 'string') return { ok: false, reason: own }
      const by = input.by ?? 'client'
      return atomically((): CancelResult => {
        const booking = finishBooking(db, own.id, 'cancelled', clock.now())
        if (!booking) return { ok: false, reason: 'not_booked' }
        disarmReminders(booking, `the ${by === 'staff' ? 'team' : 'client'} cancelled the callback`)
        clients.recordEvent(booking.clientId, 'booking_cancelled', { bookingId: booking.id, by })
        if (by === 'client') {
          noticeStaff(booking, 'cancelled')
          deps.clientCancelledCall?.(booking.clientId)
        }
        return { ok: true, booking }
      })
    },

    /**
     * Staff record how the call went (`by`: who pressed). Only a booked callback takes an outcome,
     * so two managers pressing at once record one; a wrong one is corrected (`correctOutcome`).
     * `no_answer` counts as a no-show in the stats.
     */
    recordOutcome(bookingId: number, outcome: CallOutcome, by?: number): OutcomeResult {
      return atomically((): OutcomeResult => {
        const booking = finishBooking(db, bookingId, outcome, clock.now())
        if (!booking) {
          const current = getBooking(db, bookingId)
          return current ? { ok: false, reason: 'not_booked', booking: current } : { ok: false, reason: 'not_booked' }
        }
        disarmReminders(booking, `call outcome recorded: ${outcome}`)
        clients.recordEvent(booking.clientId, 'call_outcome', { bookingId: booking.id, outcome, ...(by ? { by } : {}) })
        return { ok: true, booking }
      })
    },

    /**
     * "We called you and could not reach you" for a call marked _No answer_ in the client's night,
     * said at `runAt`, their morning — unless they booked another call by then, or the outcome was
     * corrected (src/jobs/booking-reminders.ts).
     */
    tellMissedLater(booking: Pick<BookingRow, 'id' | 'clientId' | 'slotStart'>, runAt: number): void {
      scheduler.enqueue(BOOKING_JOBS.noAnswerClient, {
        runAt,
        clientId: booking.clientId,
        dedupeKey: missedLaterKey(booking.id),
        payload: { bookingId: booking.id, slotStart: booking.slotStart },
      })
    },

    /**
     * The outcome just marked on `booking` may be corrected for OUTCOME_FIX_MINUTES from when it was
     * marked, from the message that shows it (`fix`); returns that time, undefined when the call
     * has no outcome to correct or had its time already (one per call).
     */
    openOutcomeFix(booking: BookingRow, fix: Omit<OutcomeFix, 'bookingId' | 'outcome'>): OpenOutcomeFix | undefined {
      if (booking.status !== 'called' && booking.status !== 'no_answer') return undefined
      const until = booking.updatedAt + OUTCOME_FIX_MINUTES * MINUTE_MS
      const payload: OutcomeFix = { ...fix, bookingId: booking.id, outcome: booking.status }
      const job = scheduler.enqueue(BOOKING_JOBS.outcomeFix, {
        runAt: until,
        clientId: booking.clientId,
        dedupeKey: outcomeFixKey(booking.id),
        payload,
      })
      return job ? { ...payload, until } : undefined
    },

    /** The time to correct the call's outcome while it is open: what was marked, by whom, where, until when. */
    outcomeFix: openFix,

    /**
     * The call's outcome corrected to `to` (by `by`, whose right to it the caller checked), within
     * the time to correct it, once: its status, so /stats and the card count the corrected one
     * only, and the event. Corrected to _Called_, a "we could not reach you" still put off to the
     * client's morning is not sent; `missed` says what became of it (`CorrectionResult`).
     */
    correctOutcome(bookingId: number, to: CallOutcome, by: number): CorrectionResult {
      return atomically((): CorrectionResult => {
        const fix = openFix(bookingId)
        const from: CallOutcome = to === 'called' ? 'no_answer' : 'called'
        if (fix?.outcome !== from) return { ok: false, reason: 'closed' }
        const booking = changeOutcome(db, bookingId, from, to, clock.now())
        if (!booking) return { ok: false, reason: 'closed' }
        scheduler.cancel({ dedupeKey: outcomeFixKey(bookingId) }, `the call's outcome was corrected to ${to}`)
        let missed: 'told' | 'held' | 'none' = 'none'
        if (to === 'called') {
          const later = findJobByKey(db, missedLaterKey(bookingId))
          const held =
            scheduler.cancel(
              { dedupeKey: missedLaterKey(bookingId) },
              'the call took place: its outcome was corrected',
            ) > 0
          // Put off to their morning: told once it ran (or may have: `running`, `uncertain`), else never
          const told = later === undefined ? fix.told : ['running', 'done', 'uncertain'].includes(later.status)
          missed = held ? 'held' : told ? 'told' : 'none'
        }
        clients.recordEvent(booking.clientId, 'call_outcome', { bookingId, outcome: to, by, corrected: from })
        return { ok: true, booking, fix, missed }
      })
    },

    /**
     * A day's callbacks (a business date, YYYY-MM-DD; today by default) that were not cancelled,
     * with their clients, earliest first: those starting that day and the "call me now" requests
     * due then (asked before, so listed first).
     */
    callsOn(date?: string): { booking: BookingRow; client: ClientRow }[] {
      const tz = content.get().business.timezone
      const day = DateTime.fromISO(date ?? localDate(clock.now(), tz), { zone: tz })
      return listBookingsBetween(db, day.startOf('day').toMillis(), day.plus({ days: 1 }).startOf('day').toMillis())
    },

    /**
     * The calls of the `UNMARKED_LOOKBACK_DAYS` days before `date` (a business date; today by
     * default) that nobody marked (`isUnmarkedCall`), earliest first: what /today reminds of.
     */
    unmarkedBefore(date?: string): BookingRow[] {
      const tz = content.get().business.timezone
      const day = DateTime.fromISO(date ?? localDate(clock.now(), tz), { zone: tz })
      const now = clock.now()
      return (
        listBookingsBetween(db, day.minus({ days: UNMARKED_LOOKBACK_DAYS }).toMillis(), day.startOf('day').toMillis())
          .map(({ booking }) => booking)
          // A "call me now" asked on an earlier evening and due today is today's, listed with it
          .filter((booking) => isUnmarkedCall(booking, now) && callTime(booking) < day.startOf('day').toMillis())
      )
    },

    /** The client's open orders (unpaid, or paid with the work not done yet). */
    openOrders(clientId: number): OrderRow[] {
      return listOpenOrders(db, clientId)
    },

    /** The client's latest finished orders (done or refunded), for "My stuff". */
    finishedOrders(clientId: number): OrderRow[] {
      return listFinishedOrders(db, clientId, FINISHED_ORDERS_SHOWN)
    },

    /**
     * What the client answered, for a call notice, in `locale`: discovery's answers, then the
     * quiz's behind its current pick (`answersForStaff`, as the card reads them); skipped
     * questions left out.
     */
    clientAnswers(clientId: number, locale: string): { question: string; answer: string }[] {
      const { discovery, quiz } = answersForStaff(
        content.get(),
        listDiscoveryAnswers(db, clientId),
        currentQuizResult(db, clientId),
        locale,
      )
      return [...discovery, ...quiz].flatMap(({ question, answer }) =>
        answer === undefined ? [] : [{ question, answer }],
      )
    },
  }
}
