/**
 * One gentle reminder of an unfinished flow (discovery, quiz, booking): a
 * durable `nudge` job about `followups.nudge_after_minutes` after the client's
 * last step. Each answer pushes it later; finishing or restarting the flow
 * cancels it; it is sent at most once per run of the flow. The job handler
 * (src/jobs/nudge.ts) sends it only in working hours and never to blocked,
 * opted-out or forgotten clients.
 */
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { findNudgeJobs, movePendingNudge } from '../../db/repositories/nudges.ts'
import type { Clock } from '../clock.ts'
import type { ContentStore } from '../content/store.ts'
import { defineJob, type JobPayload, type Scheduler } from './jobs.ts'

export const NUDGE_FLOWS = ['discovery', 'quiz', 'booking'] as const
export const NUDGE_JOB = defineJob('nudge', z.object({ flow: z.enum(NUDGE_FLOWS) }), 'fu-kind-nudge')
export type NudgeFlow = JobPayload<typeof NUDGE_JOB>['flow']

/** Whether a name (a conversation's) is one of the flows that get a nudge. */
export const isNudgeFlow = (name: string): name is NudgeFlow => (NUDGE_FLOWS as readonly string[]).includes(name)

export type NudgeService = ReturnType<typeof createNudgeService>

export function createNudgeService({
  db,
  clock,
  content,
  scheduler,
  onScheduled,
}: {
  db: Db
  clock: Clock
  content: ContentStore
  scheduler: Scheduler
  /**
   * A nudge was added (not one moved on by the next step): the client card lists it. The
   * scheduler tells of a job run or cancelled, not of one enqueued.
   */
  onScheduled?: (clientId: number) => void
}) {
  const delayMs = () => content.get().followups.nudge_after_minutes * 60_000

  /** Cancels the flow's pending nudge (`jobs`: the flow's nudge jobs, when already read). */
  function cancelPending(
    clientId: number,
    flow: NudgeFlow,
    reason: string,
    jobs = findNudgeJobs(db, { clientId, kind: NUDGE_JOB.kind, flow }),
  ): number {
    let cancelled = 0
    for (const job of jobs) {
      if (job.status === 'pending' && job.dedupeKey) cancelled += scheduler.cancel({ dedupeKey: job.dedupeKey }, reason)
    }
    return cancelled
  }

  return {
    /**
     * The client made a step in `flow`. `restart`: the flow begins afresh (a new
     * quiz, discovery from the first question), so an earlier nudge is cancelled
     * and a new one armed. Otherwise the pending nudge moves to "delay after now";
     * if this run's nudge was already sent, none is added.
     */
    arm(clientId: number, flow: NudgeFlow, { restart = false }: { restart?: boolean } = {}): void {
      const now = clock.now()
      const runAt = now + delayMs()
      const nudge = { clientId, kind: NUDGE_JOB.kind, flow }
      if (!restart && movePendingNudge(db, nudge, runAt, now)) return
      const existing = findNudgeJobs(db, nudge)
      if (restart) cancelPending(clientId, flow, 'the client started this flow again', existing)
      // No nudge pending: this run was already nudged, or finished and reopened
      else if (existing.length > 0) return
      const armed = scheduler.enqueue(NUDGE_JOB, {
        runAt,
        payload: { flow },
        // start time + run number: unique even when two runs start within one millisecond
        dedupeKey: `nudge:${clientId}:${flow}:${now}:${existing.length + 1}`,
        clientId,
        maxAttempts: 3,
      })
      if (armed) onScheduled?.(clientId)
    },

    /** The flow is finished: its pending nudge is cancelled (a status change, kept for staff). */
    disarm(clientId: number, flow: NudgeFlow, reason = 'the client finished'): number {
      return cancelPending(clientId, flow, reason)
    },
  }
}
