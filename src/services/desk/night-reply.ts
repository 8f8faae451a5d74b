/**
 * "We are closed now, back at 10:00": a client who writes outside working hours
 * is told when the team is back once per closed stretch (a night, a weekend),
 * not once per message. A stretch is known by the moment it ends, so telling is
 * recorded as that moment; the first message after it ends starts afresh.
 */
import type { Db } from '../../../db/client.ts'
import { findClientById, updateClient } from '../../../db/repositories/clients.ts'
import type { Clock } from '../../clock.ts'
import type { ContentStore } from '../../content/store.ts'
import { businessCalendar } from '../../format.ts'
import { isWorkingTime, nextWorkingTime, type WorkingCalendar } from '../time.ts'

/**
 * Whether the client should be told now, and when the team is back. Not during
 * working hours; not again within the stretch ending at `toldBackAt`. `backAt`
 * is undefined when the calendar never opens again (then they are told once).
 */
export function nightReplyDue(
  now: number,
  cal: WorkingCalendar,
  toldBackAt: number | null | undefined,
): { due: false } | { due: true; backAt: number | undefined } {
  if (isWorkingTime(now, cal)) return { due: false }
  const backAt = nextWorkingTime(now, cal)
  // A stretch without an end is stored as 0: told once, for good
  if (toldBackAt !== undefined && toldBackAt === (backAt ?? 0)) return { due: false }
  return { due: true, backAt }
}

export type NightReplyService = ReturnType<typeof createNightReplyService>

export function createNightReplyService(deps: { db: Db; clock: Clock; content: ContentStore }) {
  const { db } = deps
  const calendar = () => businessCalendar(deps.content.get())

  return {
    /**
     * The client wrote: when they have not been told in this closed stretch yet,
     * records that they are told now and returns when the team is back. `quiet`, asked only
     * then: nothing is to be said this time (the stretch counts as told all the same).
     */
    take(clientId: number, quiet?: () => boolean): { backAt: number | undefined } | undefined {
      const due = nightReplyDue(deps.clock.now(), calendar(), findClientById(db, clientId)?.nightReplyBackAt)
      if (!due.due) return undefined
      updateClient(db, clientId, { nightReplyBackAt: due.backAt ?? 0 })
      return quiet?.() ? undefined : { backAt: due.backAt }
    },

    /**
     * Whether the client was told in this closed stretch already when the team is back (by the
     * night's reply or a request's answer time): false during working hours. What else the bot
     * tells them that night ("your question is already with the managers") says it no more.
     */
    toldThisStretch(clientId: number): boolean {
      const now = deps.clock.now()
      if (isWorkingTime(now, calendar())) return false
      return !nightReplyDue(now, calendar(), findClientById(db, clientId)?.nightReplyBackAt).due
    },

    /**
     * The client needs no "we are closed" now: they were just told when the team is back some
     * other way (the "passing you to a manager" answer), or someone on the team wrote to them.
     * Written once a closed stretch: a manager's every message at night reads, and writes nothing more.
     */
    toldNow(clientId: number): void {
      const due = nightReplyDue(deps.clock.now(), calendar(), findClientById(db, clientId)?.nightReplyBackAt)
      if (due.due) updateClient(db, clientId, { nightReplyBackAt: due.backAt ?? 0 })
    },
  }
}
