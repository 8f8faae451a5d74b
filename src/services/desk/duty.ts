/**
 * Who takes a staff group's new requests: staff members who said `/duty on` in
 * that group (for the rest of that working day: dutyShift) and are within their own working hours (the content file's `managers:`; without an entry, whenever
 * they are on duty). New requests go round-robin among them, the one given a
 * request longest ago first; a client's own manager keeps them when available, so
 * nobody is bounced between people. With nobody available the caller keeps the
 * old way: the whole group sees the request and anyone takes it.
 */
import { DateTime } from 'luxon'
import type { Db } from '../../../db/client.ts'
import { type DutyMember, listOnDuty, markAssigned, setDuty } from '../../../db/repositories/duty.ts'
import type { Clock } from '../../clock.ts'
import type { Content } from '../../content/schema.ts'
import type { ContentStore } from '../../content/store.ts'
import { businessCalendar } from '../../format.ts'
import type { StaffService } from '../staff.ts'
import { isWorkingTime, nextWorkingTime, type WorkingCalendar } from '../time.ts'

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
/** A duty lasts this long at least (begun just before midnight where the hours run to 24:00). */
const DUTY_AT_LEAST_MS = 8 * 60 * 60_000

/**
 * The shift a duty begun at `since` is: the day it covers and when it ends. A duty is a shift, to
 * the end of its day — the day of the first working moment at or after `since` on the member's
 * own hours (the content's `managers:`, else the business's), when that comes within
 * DUTY_AHEAD_MS (`/duty on` in the evening is for the next morning), else the day it was begun
 * (not the day after a week's holidays); DUTY_AT_LEAST_MS at least. A `/duty off` forgotten at
 * the end of a day sent new clients, promised that person by name, to someone who was not there,
 * for a week.
 */
export function dutyShift(since: number, telegramId: number, content: Content): { day: number; ends: number } {
  const next = nextWorkingTime(since, memberCalendar(telegramId, content))
  const day = next !== undefined && next - since <= DUTY_AHEAD_MS ? next : since
  const endOfDay = DateTime.fromMillis(day, { zone: content.business.timezone }).endOf('day').toMillis() + 1
  return { day, ends: Math.max(endOfDay, day + DUTY_AT_LEAST_MS) }
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
