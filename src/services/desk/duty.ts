/**
 * Who takes a staff group's new requests: staff members who said `/duty on` in
 * that group (until that working day's hours close: dutyShift) and are within their own working
 * hours (the content file's `managers:`; without an entry, whenever they are on duty). New requests go round-robin among them, the one given a
 * request longest ago first; a client's own manager keeps them when available, so
 * nobody is bounced between people. With nobody available the caller keeps the
 * old way: the whole group sees the request and anyone takes it.
 */
import { DateTime } from 'luxon'
import type { Db } from '../../../db/client.ts'
import { type DutyMember, hasDutyRow, listOnDuty, markAssigned, setDuty } from '../../../db/repositories/duty.ts'
import type { Clock } from '../../clock.ts'
import type { Content } from '../../content/schema.ts'
import type { ContentStore } from '../../content/store.ts'
import { businessCalendar } from '../../format.ts'
import type { StaffService } from '../staff.ts'
import { isWorkingTime, localDate, nextWorkingTime, openingIntervals, type WorkingCalendar } from '../time.ts'

export type DutyService = ReturnType<typeof createDutyService>

export interface DutyCandidate {
  telegramId: number
  lastAssignedAt: number | null
}

/**
 * Round-robin: the candidate given a request longest ago (never first), ties by
 * id so the order is stable; `exclude` is passed over (the one who let the SLA slip).
 */
export function pickRoundRobin(candidates: readonly DutyCandidate[], exclude?: number | null): number | undefined {
  let best: DutyCandidate | undefined
  for (const c of candidates) {
    if (c.telegramId === exclude) continue
    const at = c.lastAssignedAt ?? Number.NEGATIVE_INFINITY
    const bestAt = best?.lastAssignedAt ?? Number.NEGATIVE_INFINITY
    if (!best || at < bestAt || (at === bestAt && c.telegramId < best.telegramId)) best = c
  }
  return best?.telegramId
}

/** A `/duty on` this long before the next working time is for that day (the evening before, the night). */
const DUTY_AHEAD_MS = 16 * 60 * 60_000
/** A duty not ended by a closing lasts this long at least (begun just before midnight where the hours run on past it). */
const DUTY_AT_LEAST_MS = 8 * 60 * 60_000

/**
 * The shift a duty begun at `since` is: the day it covers and when it ends. A duty is a shift, to
 * the end of its working day — the day of the first working moment at or after `since` on the
 * member's own hours (the content's `managers:`, else the business's), when that comes within
 * DUTY_AHEAD_MS (`/duty on` in the evening is for the next morning), else the day it was begun
 * (not the day after a week's holidays). It ends when that day's hours close (`closes`): a duty
 * that ran on to midnight took the night's requests, and the client was promised by name someone
 * who had gone home and whose duty was over by morning, the alert then naming nobody. Hours that
 * run on past midnight (a business open round the clock), and a duty begun on a closed day, end
 * with the day instead, DUTY_AT_LEAST_MS at least (no further than the hours after midnight run).
 * A `/duty off` forgotten at the end of a day sent new clients, promised that person by name, to
 * someone who was not there, for a week.
 */
export function dutyShift(since: number, telegramId: number, content: Content): DutyShift {
  const cal = memberCalendar(telegramId, content)
  const next = nextWorkingTime(since, cal)
  const working = next !== undefined && next - since <= DUTY_AHEAD_MS
  const day = working ? next : since
  const zone = content.business.timezone
  const endOfDay = DateTime.fromMillis(day, { zone }).endOf('day').toMillis() + 1
  const closing = working ? openingIntervals(localDate(day, zone), cal).at(-1)?.[1] : undefined
  // The day's hours close before midnight: the duty ends then
  if (closing !== undefined && closing > day && !isWorkingTime(closing, cal))
    return { day, ends: closing, closes: true }
  const atLeast = Math.max(endOfDay, day + DUTY_AT_LEAST_MS)
  // Open on past midnight: to the end of the hours that follow it, when they end before
  const after = closing !== undefined && isWorkingTime(endOfDay, cal) ? closingAfter(endOfDay, cal) : undefined
  return { day, ends: after === undefined ? atLeast : Math.min(atLeast, after), closes: false }
}

export interface DutyShift {
  /** A moment of the day the duty covers. */
  day: number
  /** When it ends by itself. */
  ends: number
  /** It ends when that day's working hours close (else at the end of the day, or later). */
  closes: boolean
}

/** When the working stretch open at `ms` closes: the end of the opening interval it falls in. */
function closingAfter(ms: number, cal: WorkingCalendar): number | undefined {
  return openingIntervals(localDate(ms, cal.timezone), cal).find(([open, close]) => open <= ms && ms < close)?.[1]
}

/** A member's working calendar: their own hours in the content file, else the business's. */
function memberCalendar(telegramId: number, content: Content): WorkingCalendar {
  const own = content.managers.find((m) => m.id === telegramId)
  return own ? { ...businessCalendar(content), hours: own.hours } : businessCalendar(content)
}

/** True when the member may take a request at `now`: inside their own hours, if the file gives them. */
export function withinOwnHours(telegramId: number, now: number, content: Content): boolean {
  if (!content.managers.some((m) => m.id === telegramId)) return true
  return isWorkingTime(now, memberCalendar(telegramId, content))
}

export function createDutyService(deps: { db: Db; clock: Clock; content: ContentStore; staff: StaffService }) {
  const { db, clock } = deps

  /**
   * When each duty ends, by the content file it was worked out with (`dutyShift` walks the
   * calendar from a past moment: done once per duty, not at every request)
   */
  const shiftEnds = new WeakMap<Content, Map<string, number>>()
  function endsAt(member: DutyMember, content: Content): number {
    const known = shiftEnds.get(content) ?? new Map<string, number>()
    shiftEnds.set(content, known)
    const key = `${member.telegramId}:${member.changedAt}`
    const ends = known.get(key) ?? dutyShift(member.changedAt, member.telegramId, content).ends
    known.set(key, ends)
    return ends
  }

  /** On duty in the group now: still staff, and the shift their duty is not over (dutyShift). */
  function onDuty(groupId: number, now: number, content: Content): DutyMember[] {
    return listOnDuty(db, groupId).filter((m) => deps.staff.isStaff(m.telegramId) && now < endsAt(m, content))
  }

  /** On duty in the group, and within their hours now. */
  function available(groupId: number): DutyMember[] {
    const now = clock.now()
    const content = deps.content.get()
    return onDuty(groupId, now, content).filter((m) => withinOwnHours(m.telegramId, now, content))
  }

  return {
    /** `/duty on|off` in a staff group; false when the person is not staff. */
    set(telegramId: number, groupId: number, on: boolean): boolean {
      if (!deps.staff.isStaff(telegramId)) return false
      setDuty(db, telegramId, groupId, on, clock.now())
      return true
    },

    /** Everyone on duty in the group, and whether each is within their hours now. */
    roster(groupId: number): (DutyMember & { available: boolean })[] {
      const now = clock.now()
      const content = deps.content.get()
      return onDuty(groupId, now, content)
        .map((m) => ({ ...m, available: withinOwnHours(m.telegramId, now, content) }))
        .sort((a, b) => a.telegramId - b.telegramId)
    },

    /**
     * Whether the member takes part in the group's rota (said `/duty on` or `off` there once) but
     * is not on duty in it now: their shift is over, by the clock or by their `/duty off` at its
     * end. A request they lead is not theirs to answer now — the team's, not to be told to the
     * client as theirs or counted as their miss. (One off the rota who still answers their own
     * clients in the day is read so too: their request goes to the group with the take button, the
     * client stays theirs — a mild mistake beside blaming one who went home as the docs say.)
     */
    offShift(telegramId: number, groupId: number): boolean {
      const now = clock.now()
      const content = deps.content.get()
      return (
        hasDutyRow(db, telegramId, groupId) && !onDuty(groupId, now, content).some((m) => m.telegramId === telegramId)
      )
    },

    /**
     * Picks who takes a request of the group and records it for the round-robin:
     * `keep` (the client's own manager) when available, else the next in turn, never
     * `exclude`. Undefined when nobody else is available: the whole group sees it.
     */
    assignNext(groupId: number, options: { keep?: number | null; exclude?: number | null } = {}): number | undefined {
      const members = available(groupId)
      const kept = members.find((m) => m.telegramId === options.keep && m.telegramId !== options.exclude)
      const chosen = kept?.telegramId ?? pickRoundRobin(members, options.exclude)
      if (chosen !== undefined) markAssigned(db, chosen, groupId, clock.now())
      return chosen
    },
  }
}
