/**
 * Callback slots: pure maths over the business calendar (src/services/time.ts). Working
 * intervals are cut into slot-length pieces in real elapsed time, so a day with a DST switch
 * inside its hours simply has fewer or more slots, and every slot is a real instant (UTC ms).
 * Which slots are taken is the caller's input (`busy`); nothing here reads a clock or a database.
 */
import { DateTime } from 'luxon'
import { localDate, openingIntervals, type WorkingCalendar } from './time.ts'

const MINUTE_MS = 60_000

export interface SlotRules {
  /** Length of one slot, minutes. */
  slotMinutes: number
  /** Booked callbacks one slot holds (how many managers can call at once). */
  capacity: number
  /** The earliest bookable slot starts at least this many minutes after now. */
  minLeadMinutes: number
  /** Bookable local dates: today and the next `daysAhead` days. */
  daysAhead: number
}

/** Time held by a booked callback, [start, end) in UTC ms. */
export interface BusyInterval {
  start: number
  end: number
}

/** A slot, [start, end) in UTC ms, with the places still free in it. */
export interface Slot {
  start: number
  end: number
  free: number
}

export interface SlotQuery {
  now: number
  calendar: WorkingCalendar
  rules: SlotRules
  /** Booked callbacks; those overlapping a slot take one place each. */
  busy: readonly BusyInterval[]
}

export type SlotCheck =
  | { status: 'free'; slot: Slot }
  /** Every place in the slot is booked. */
  | { status: 'full' }
  /** The slot has started, or starts sooner than the minimum lead time. */
  | { status: 'gone' }
  /** Not a slot at all: forged data, beyond the horizon, or hours changed since the button was sent. */
  | { status: 'invalid' }

/**
 * Every slot of a local date (YYYY-MM-DD in the business time zone), earliest first:
 * each working interval cut into `slotMinutes` pieces from its opening; a remainder shorter
 * than a slot is not offered. Holidays and closed days have none.
 */
export function slotsOfDate(date: string, calendar: WorkingCalendar, slotMinutes: number): BusyInterval[] {
  const length = slotMinutes * MINUTE_MS
  const slots: BusyInterval[] = []
  for (const [open, close] of openingIntervals(date, calendar)) {
    for (let start = open; start + length <= close; start += length) slots.push({ start, end: start + length })
  }
  return slots
}

/** The local dates a client may book, in the business time zone: today and the next `daysAhead` days. */
export function bookableDates(now: number, timezone: string, daysAhead: number): string[] {
  const today = DateTime.fromISO(localDate(now, timezone), { zone: 'UTC' })
  return Array.from({ length: daysAhead + 1 }, (_, i) => today.plus({ days: i }).toFormat('yyyy-MM-dd'))
}

/** True when a local date (YYYY-MM-DD) is one of the `bookableDates`; cheaper than listing them. */
export function isBookableDate(date: string, now: number, timezone: string, daysAhead: number): boolean {
  const today = localDate(now, timezone)
  const last = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: daysAhead }).toFormat('yyyy-MM-dd')
  // ISO dates compare correctly as strings; a forged "2026-11-99" is no date at all
  return date >= today && date <= last && DateTime.fromFormat(date, 'yyyy-MM-dd', { zone: 'UTC' }).isValid
}

/** Free slots of one local date, earliest first; none outside the horizon. */
export function freeSlotsOn(date: string, query: SlotQuery): Slot[] {
  const { now, calendar, rules } = query
  if (!isBookableDate(date, now, calendar.timezone, rules.daysAhead)) return []
  return slotsWithPlaces(date, query).filter((slot) => slot.free > 0)
}

/** The dates within the horizon that have at least one free slot, with how many, earliest first. */
export function freeDays(query: SlotQuery): Array<{ date: string; free: number }> {
  const { now, calendar, rules } = query
  return bookableDates(now, calendar.timezone, rules.daysAhead)
    .map((date) => ({ date, free: slotsWithPlaces(date, query).filter((slot) => slot.free > 0).length }))
    .filter((day) => day.free > 0)
}

/** The earliest free slot within the horizon, or undefined when every slot is taken. */
export function firstFreeSlot(query: SlotQuery): Slot | undefined {
  for (const day of freeDays(query)) {
    const slot = freeSlotsOn(day.date, query)[0]
    if (slot) return slot
  }
  return undefined
}

/**
 * Whether the slot starting at `start` (UTC ms, typically from a button pressed some time
 * ago) can be booked now. Only exact slot starts of the current calendar are valid.
 */
export function checkSlot(start: number, query: SlotQuery): SlotCheck {
  const { now, calendar, rules } = query
  if (!Number.isFinite(start)) return { status: 'invalid' }
  if (start < earliestStart(query)) return { status: 'gone' }
  const date = localDate(start, calendar.timezone)
  if (!isBookableDate(date, now, calendar.timezone, rules.daysAhead)) return { status: 'invalid' }
  const slot = slotsWithPlaces(date, query).find((s) => s.start === start)
  if (!slot) return { status: 'invalid' }
  return slot.free > 0 ? { status: 'free', slot } : { status: 'full' }
}

function earliestStart({ now, rules }: SlotQuery): number {
  return now + rules.minLeadMinutes * MINUTE_MS
}

/** The date's slots that start late enough, with their free places. */
function slotsWithPlaces(date: string, query: SlotQuery): Slot[] {
  const { calendar, rules, busy } = query
  const slots = slotsOfDate(date, calendar, rules.slotMinutes)
  const first = slots[0]
  const last = slots.at(-1)
  if (!first || !last) return []
  // Only the day's bookings can overlap its slots: filter once, not per slot.
  const dayBusy = busy.filter((b) => b.start < last.end && b.end > first.start)
  const earliest = earliestStart(query)
  return slots
    .filter((slot) => slot.start >= earliest)
    .map((slot) => {
      const taken = dayBusy.filter((b) => b.start < slot.end && b.end > slot.start).length
      return { ...slot, free: Math.max(0, rules.capacity - taken) }
    })
}
