/**
 * Callback bookings. Synchronous, plain rows. Capacity is enforced inside one synchronous
 * better-sqlite3 transaction (count, then write), so two clients can never take the last
 * place of a slot, whatever order their updates are handled in.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { answers, type BookingRow, bookings, clients } from '../schema.ts'

export type BookingStatus = BookingRow['status']
/** How a call that took place, or was tried, went. */
export type CallOutcome = Extract<BookingStatus, 'called' | 'no_answer'>

/** The database or a transaction on it: the reads below run in both. */
type Reader = Pick<Db, 'select'>

export interface NewBooking {
  clientId: number
  kind: BookingRow['kind']
  slotStart: number
  slotEnd: number
  phone: string
  comment: string | null
  productId: string | null
}

/** Take the write lock at the start, so another process cannot slip in between the count and the write. */
const IMMEDIATE = { behavior: 'immediate' } as const

/** Why a booking could not be written. */
export type BookingConflict = 'full' | 'has_upcoming'

export type InsertBookingResult = { ok: true; booking: BookingRow } | { ok: false; reason: BookingConflict }

/**
 * The one rule for which bookings hold a place in [from, to): booked slot callbacks
 * (not "call me now"). /forget cancels a client's bookings, so an erased client holds
 * none. The listing of free times and the capacity check at confirmation both use it,
 * so they cannot disagree.
 */
function holdingPlaceIn(from: number, to: number, exceptId?: number) {
  return and(
    eq(bookings.status, 'booked'),
    eq(bookings.kind, 'slot'),
    lt(bookings.slotStart, to),
    gt(bookings.slotEnd, from),
    exceptId === undefined ? undefined : ne(bookings.id, exceptId),
  )
}

/** Booked slot-kind callbacks overlapping [from, to): the places they hold. "Call me now" requests hold none. */
export function listBusy(db: Db, from: number, to: number, exceptId?: number): { start: number; end: number }[] {
  return db
    .select({ start: bookings.slotStart, end: bookings.slotEnd })
    .from(bookings)
    .where(holdingPlaceIn(from, to, exceptId))
    .all()
}

function countOverlapping(db: Reader, start: number, end: number, exceptId?: number): number {
  const row = db
    .select({ n: count() })
    .from(bookings)
    .where(holdingPlaceIn(start, end, exceptId))
    .get()
  return row?.n ?? 0
}

/** The client's booked callbacks that have not ended by `now`, soonest first. */
export function listUpcomingForClient(db: Reader, clientId: number, now: number): BookingRow[] {
  return db
    .select()
    .from(bookings)
    .where(and(eq(bookings.clientId, clientId), eq(bookings.status, 'booked'), gt(bookings.slotEnd, now)))
    .orderBy(asc(bookings.slotStart), asc(bookings.id))
    .all()
}

/**
 * Inserts a booking if the client has no other upcoming one and, for a slot, a place is
 * left (`capacity`). One synchronous transaction: nothing can run between the checks and
 * the insert.
 */
export function insertBookingIfFree(db: Db, values: NewBooking, capacity: number, now: number): InsertBookingResult {
  return db.transaction((tx) => {
    if (listUpcomingForClient(tx, values.clientId, now).length > 0) {
      return { ok: false, reason: 'has_upcoming' } as const
    }
    if (values.kind === 'slot' && countOverlapping(tx, values.slotStart, values.slotEnd) >= capacity) {
      return { ok: false, reason: 'full' } as const
    }
    const booking = tx
      .insert(bookings)
      .values({ ...values, status: 'booked', createdAt: now, updatedAt: now })
      .returning()
      .get()
    return { ok: true, booking } as const
  }, IMMEDIATE)
}

export type MoveBookingResult =
  | { ok: true; booking: BookingRow; previous: BookingRow }
  | { ok: false; reason: 'full' | 'not_booked' }
  | { ok: false; reason: 'has_upcoming'; upcoming: BookingRow }

/**
 * Moves a booked callback to a new slot if a place is left there (the booking itself not
 * counted) and the client has no other upcoming callback (`upcoming`: the one they have) — a
 * missed call moved after the client booked again would be their second. One transaction, as
 * `insertBookingIfFree`.
 */
export function moveBookingIfFree(
  db: Db,
  id: number,
  slot: { start: number; end: number },
  capacity: number,
  now: number,
  /**
   * `phone`: another number to call (a team member gave it with the new time); `note`: what the
   * client said with the new time, added after the comment the call had.
   */
  change: { phone?: string; note?: string } = {},
): MoveBookingResult {
  return db.transaction((tx) => {
    const previous = tx.select().from(bookings).where(eq(bookings.id, id)).get()
    if (previous?.status !== 'booked') return { ok: false, reason: 'not_booked' } as const
    const upcoming = listUpcomingForClient(tx, previous.clientId, now).find((b) => b.id !== id)
    if (upcoming) return { ok: false, reason: 'has_upcoming', upcoming } as const
    if (countOverlapping(tx, slot.start, slot.end, id) >= capacity) {
      return { ok: false, reason: 'full' } as const
    }
    const booking = tx
      .update(bookings)
      .set({
        kind: 'slot',
        slotStart: slot.start,
        slotEnd: slot.end,
        updatedAt: now,
        ...(change.phone ? { phone: change.phone } : {}),
        ...(change.note ? { comment: withNote(previous.comment, change.note) } : {}),
      })
      .where(eq(bookings.id, id))
      .returning()
      .get()
    return { ok: true, booking, previous } as const
  }, IMMEDIATE)
}

/** A comment with the client's later words after it; the same words twice are kept once. */
function withNote(comment: string | null, note: string): string {
  if (!comment || comment === note || comment.endsWith(`; ${note}`)) return comment || note
  return `${comment}; ${note}`
}

/**
 * Changes the status of a booked callback (cancelled, called, no answer). Only a `booked` row
 * changes, so two staff members pressing at once record one outcome. Returns the updated row.
 */
export function finishBooking(
  db: Db,
  id: number,
  status: Exclude<BookingStatus, 'booked'>,
  now: number,
): BookingRow | undefined {
  return db
    .update(bookings)
    .set({ status, updatedAt: now })
    .where(and(eq(bookings.id, id), eq(bookings.status, 'booked')))
    .returning()
    .get()
}

/**
 * A call's outcome corrected: `from` becomes `to`. Only a row still marked `from` changes, so a
 * correction pressed twice, or against an outcome corrected meanwhile, changes nothing. Returns
 * the updated row.
 */
export function changeOutcome(
  db: Db,
  id: number,
  from: CallOutcome,
  to: CallOutcome,
  now: number,
): BookingRow | undefined {
  return db
    .update(bookings)
    .set({ status: to, updatedAt: now })
    .where(and(eq(bookings.id, id), eq(bookings.status, from)))
    .returning()
    .get()
}

/** The client's call cancelled last, if it was booked before `at` and cancelled at or after it. */
export function lastCancelledAround(db: Db, clientId: number, at: number): BookingRow | undefined {
  return db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.clientId, clientId),
        eq(bookings.status, 'cancelled'),
        lte(bookings.createdAt, at),
        gte(bookings.updatedAt, at),
      ),
    )
    .orderBy(desc(bookings.updatedAt), desc(bookings.id))
    .limit(1)
    .get()
}

export function getBooking(db: Db, id: number): BookingRow | undefined {
  return db.select().from(bookings).where(eq(bookings.id, id)).get()
}

/** Longer than any closed stretch between a "call me now" and its deadline (a long holiday). */
const NOW_ASKED_BEFORE_MS = 31 * 86_400_000

/**
 * The calls of a range (a day) that were not cancelled, earliest first, with their client
 * (erased ones left out): those starting in it and the "call me now" requests due in it.
 */
export function listBookingsBetween(db: Db, from: number, to: number) {
  return db
    .select({ booking: bookings, client: clients })
    .from(bookings)
    .innerJoin(clients, eq(clients.id, bookings.clientId))
    .where(
      and(
        // A call in the range, or a "call me now" asked before it and due in it (asked at
        // closing time, it is due at the next opening); one is asked at most a closed stretch
        // before its deadline, which NOW_ASKED_BEFORE_MS bounds so the index on the start serves
        or(
          and(gte(bookings.slotStart, from), lt(bookings.slotStart, to)),
          and(
            gte(bookings.slotStart, from - NOW_ASKED_BEFORE_MS),
            lt(bookings.slotStart, from),
            eq(bookings.kind, 'now'),
            gte(bookings.slotEnd, from),
            lt(bookings.slotEnd, to),
          ),
        ),
        inArray(bookings.status, ['booked', 'called', 'no_answer']),
        isNull(clients.deletedAt),
      ),
    )
    .orderBy(asc(bookings.slotStart), asc(bookings.id))
    .all()
}

/** The client's discovery answers (what the manager should know before calling). */
export function listDiscoveryAnswers(db: Db, clientId: number): { questionKey: string; value: unknown }[] {
  return db
    .select({ questionKey: answers.questionKey, value: answers.value })
    .from(answers)
    .where(and(eq(answers.clientId, clientId), eq(answers.kind, 'discovery')))
    .all()
}
