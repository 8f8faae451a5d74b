/** What staff see of the follow-ups in /followups, and cancelling one. */
import { countJobs, listJobs } from '../../../db/repositories/followups.ts'
import { cancelJobs, getJob } from '../../../db/repositories/jobs.ts'
import type { JobRow } from '../../../db/schema.ts'
import { DAY, type FollowupDeps, isListedKind, LISTED_KINDS } from './kinds.ts'

/** How long uncertain sends stay listed for staff. */
const UNCERTAIN_LISTED_DAYS = 30

export function createFollowupStaffList({ db, clock }: FollowupDeps) {
  return {
    /**
     * What staff see: pending follow-ups (soonest first; all clients when `clientId` is
     * omitted) and recent uncertain sends (the bot stopped mid-send: maybe delivered).
     */
    list({ clientId, limit }: { clientId?: number; limit: number }): {
      upcoming: JobRow[]
      more: number
      uncertain: JobRow[]
    } {
      const pending = { kinds: LISTED_KINDS, statuses: ['pending'] as const, clientId }
      const upcoming = listJobs(db, pending, limit)
      const total = countJobs(db, pending)
      const uncertain = listJobs(
        db,
        {
          kinds: LISTED_KINDS,
          statuses: ['uncertain'],
          clientId,
          updatedSince: clock.now() - UNCERTAIN_LISTED_DAYS * DAY,
        },
        limit,
      )
      return { upcoming, more: Math.max(0, total - upcoming.length), uncertain }
    },

    /** Cancels a pending follow-up; with `clientId`, only that client's. */
    cancel(jobId: number, { clientId, by }: { clientId?: number; by: string }): JobRow | undefined {
      const job = getJob(db, jobId)
      if (job?.status !== 'pending' || !isListedKind(job.kind)) return undefined
      if (clientId !== undefined && job.clientId !== clientId) return undefined
      const n = cancelJobs(db, { id: jobId }, `Cancelled by staff (${by}).`, clock.now())
      return n === 1 ? getJob(db, jobId) : undefined
    },
  }
}
