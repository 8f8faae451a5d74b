/**
 * Who takes a staff group's new requests: staff members who said `/duty on` in
 * that group (for the rest of that working day: dutyEndsAt) and are within their own working hours (the content file's `managers:`; without an entry, whenever
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
import { isWorkingTime, nextWorkingTime } from '../time.ts'

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

/**
 * When a duty begun at `since` ends: a duty is a shift, to the end of the business's day it covers
 * — the day of the first working moment at or after `since`, in the business's time zone (`/duty on`
 * at night is for the next working day). A `/duty off` forgotten at the end of a day sent new
 * clients, promised that person by name, to someone who was not there, for a week. Undefined when
 * the calendar has no working time ahead (the duty covers no day).
 */
export function dutyEndsAt(since: number, content: Content): number | undefined {
  const covered = nextWorkingTime(since, businessCalendar(content))
  if (covered === undefined) return undefined
  return DateTime.fromMillis(covered, { zone: content.business.timezone }).endOf('day').toMillis() + 1
}

/** True when the member may take a request at `now`: inside their own hours, if the file gives them. */
export function withinOwnHours(telegramId: number, now: number, content: Content): boolean {
  const own = content.managers.find((m) => m.id === telegramId)
  if (!own) return true
  const { timezone, holidays } = content.business
  return isWorkingTime(now, { timezone, holidays, hours: own.hours })
}

export function createDutyService(deps: { db: Db; clock: Clock; content: ContentStore; staff: StaffService }) {
  const { db, clock } = deps

  /** On duty in the group now: still staff, and the day their duty covers not over (dutyEndsAt). */
  function onDuty(groupId: number, now: number, content: Content): DutyMember[] {
    return listOnDuty(db, groupId).filter((m) => {
      const ends = dutyEndsAt(m.changedAt, content)
      return deps.staff.isStaff(m.telegramId) && ends !== undefined && now < ends
    })
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
