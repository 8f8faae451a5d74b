/** What staff see of the follow-ups in /followups, and cancelling one. */
import { countJobs, listJobs } from '../../../db/repositories/followups.ts'
import { getJob } from '../../../db/repositories/jobs.ts'
import type { JobRow, JobStatus } from '../../../db/schema.ts'
import { BOOKING_JOBS } from '../booking.ts'
import { DAY, FOLLOWUP, FOLLOWUP_JOBS, type FollowupDeps, isListedKind, LISTED_KINDS } from './kinds.ts'
import type { Hold } from './policy.ts'

/** A client's pending follow-ups looked at for those held by their open request (`heldByRequest`). */
const HELD_LOOKED_AT = 20
/** How long sends that need a person (uncertain, given up) stay listed for staff. */
const NOTED_LISTED_DAYS = 30
/**
 * A booked call's reminders (the client's before it, the team's at its time): listed with the
 * rest, as the card lists them, but changed with the booking (moved, cancelled), not here.
 */
const CALL_REMINDER_KINDS = [BOOKING_JOBS.clientReminder.kind, BOOKING_JOBS.staffReminder.kind]

export function createFollowupStaffList(
  { db, clock, scheduler }: FollowupDeps,
  {
    holdOf,
    goesAt,
  }: { holdOf: (job: JobRow) => Hold | undefined; goesAt: (job: JobRow, hold: Hold | undefined) => number | undefined },
) {
  return {
    /**
     * What staff see: pending follow-ups (soonest first; all clients when `clientId` is
     * omitted) with what keeps each from going out as things stand (`holds`, by job id: the
     * client opted out or blocked the bot, a payment reminder waits for staff to confirm an
     * "I paid"), recent uncertain sends (no answer to the send: maybe delivered) and recent
     * ones given up (every try failed: not delivered); and the booked calls' reminders.
     */
    list({ clientId, limit }: { clientId?: number; limit: number }): {
      upcoming: JobRow[]
      holds: ReadonlyMap<number, Hold>
      more: number
      calls: JobRow[]
      /** Call reminders beyond `calls`. */
      callsMore: number
      uncertain: JobRow[]
      failed: JobRow[]
    } {
      const pending = { kinds: LISTED_KINDS, statuses: ['pending'] as const, clientId }
      const upcoming = listJobs(db, pending, limit)
      const total = countJobs(db, pending)
      const booked = { kinds: CALL_REMINDER_KINDS, statuses: ['pending'] as const, clientId }
      const calls = listJobs(db, booked, limit)
      const recent = (status: 'uncertain' | 'failed') =>
        listJobs(
          db,
          { kinds: LISTED_KINDS, statuses: [status], clientId, updatedSince: clock.now() - NOTED_LISTED_DAYS * DAY },
          limit,
        )
      const holds = new Map<number, Hold>()
      for (const job of upcoming) {
        const hold = holdOf(job)
        if (hold) holds.set(job.id, hold)
      }
      return {
        upcoming,
        holds,
        more: Math.max(0, total - upcoming.length),
        calls,
        callsMore: Math.max(0, countJobs(db, booked) - calls.length),
        uncertain: recent('uncertain'),
        failed: recent('failed'),
      }
    },

    /**
     * The client's pending follow-ups that wait for their open request to close (⏸, `request-open`:
     * a check-in, a review request, NPS), soonest first: what /today names beside a request that
     * only waits for its /close.
     */
    heldByRequest(clientId: number): JobRow[] {
      return listJobs(db, { kinds: LISTED_KINDS, statuses: ['pending'], clientId }, HELD_LOOKED_AT).filter(
        (job) => holdOf(job)?.code === 'request-open',
      )
    },

    /**
     * The payment reminders of order `orderId` (the client's, `clientId`) still to go, soonest
     * first, each with when it goes as /followups says it (`goesAt`; undefined while it waits on
     * the client's request) — but one a later one stands for (superseded): only that one goes.
     */
    paymentRemindersAhead(clientId: number, orderId: number): { job: JobRow; goes: number | undefined }[] {
      const pending = listJobs(db, { kinds: [FOLLOWUP.payment], statuses: ['pending'], clientId }, HELD_LOOKED_AT)
      return pending.flatMap((job) => {
        const read = FOLLOWUP_JOBS.payment.schema.safeParse(job.payload)
        if (!read.success || read.data.orderId !== orderId) return []
        const hold = holdOf(job)
        if (hold?.code === 'superseded') return []
        return [{ job, goes: goesAt(job, hold) }]
      })
    },

    /**
     * Cancels a pending follow-up; with `clientId` (a button in that client's topic), only
     * that client's: one about another client is refused as such, not taken for gone. One
     * no longer pending is gone, with what became of it (`now`: sent, cancelled, …; none when
     * there is no such follow-up). `goes`: when it would have gone, as the list named it
     * (`goesAt`, read before the cancel; undefined while it waited on the client's request).
     */
    cancel(
      jobId: number,
      { clientId, by }: { clientId?: number; by: string },
    ):
      | { status: 'cancelled'; job: JobRow; goes: number | undefined }
      | { status: 'gone'; now?: JobStatus }
      | { status: 'another-client'; clientId: number | null } {
      const job = getJob(db, jobId)
      if (!job || !isListedKind(job.kind)) return { status: 'gone' }
      if (job.status !== 'pending') return { status: 'gone', now: job.status }
      if (clientId !== undefined && job.clientId !== clientId)
        return { status: 'another-client', clientId: job.clientId }
      // The time the list named: its run's own (the job's `run_at` is when it comes up, and an overdue
      // reminder on a closed Sunday comes up then only to wait for Monday's opening)
      const goes = goesAt(job, holdOf(job))
      const n = scheduler.cancel({ id: jobId }, `Cancelled by staff (${by}).`)
      const cancelled = n === 1 ? getJob(db, jobId) : undefined
      if (cancelled) return { status: 'cancelled', job: cancelled, goes }
      // Taken by its run (or another press) between the read and the cancel
      const now = getJob(db, jobId)?.status
      return now ? { status: 'gone', now } : { status: 'gone' }
    },
  }
}
