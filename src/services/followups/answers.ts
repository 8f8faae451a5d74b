/**
 * The client's answers to follow-ups: a check-in rating (a good one schedules a review
 * request), the NPS score and a click on a review link. Each counts once.
 */
import { insertFeedback, recordJobEventOnce } from '../../../db/repositories/followups.ts'
import { enqueueJob, getJob } from '../../../db/repositories/jobs.ts'
import { findOrder } from '../../../db/repositories/orders.ts'
import type { ClientRow, JobRow, OrderRow } from '../../../db/schema.ts'
import type { ReviewLink } from '../../content/schema.ts'
import { FUNNEL } from '../funnel.ts'
import {
  type AnswerResult,
  type CheckinPayload,
  DAY,
  FOLLOWUP,
  type FollowupDeps,
  type FollowupKind,
  type ReviewPayload,
} from './kinds.ts'

/**
 * A button answers a follow-up only if that follow-up is this client's, of this kind, and
 * was actually sent (forged data could name a job still pending).
 */
function wasSent(job: JobRow | undefined, kind: FollowupKind, client: ClientRow): job is JobRow {
  return job !== undefined && job.kind === kind && job.clientId === client.id && job.sendingAt !== null
}

export function createFollowupAnswers({ db, clock, content, clients }: FollowupDeps) {
  const settings = () => content.get().followups
  return {
    /**
     * The client's 1–5 answer to a check-in. Counted once per check-in. A rating from
     * `review_min_rating` up schedules a review request (`review_after_days` later);
     * a lower one is `low`: the caller apologises and escalates to a manager at once.
     */
    answerCheckin(
      jobId: number,
      client: ClientRow,
      score: number,
    ): AnswerResult<{ low: boolean; order: OrderRow | undefined; reviewAt?: number }> {
      const job = getJob(db, jobId)
      if (!wasSent(job, FOLLOWUP.checkin, client) || !(score >= 1 && score <= 5)) {
        return { status: 'invalid' }
      }
      const now = clock.now()
      if (!recordJobEventOnce(db, { clientId: client.id, jobId, type: 'checkin_answered', data: { score } }, now)) {
        return { status: 'already' }
      }
      const { orderId } = job.payload as CheckinPayload
      const order = orderId === null ? undefined : findOrder(db, orderId)
      insertFeedback(db, { clientId: client.id, kind: 'checkin', score, orderId }, now)
      const f = settings()
      if (score < f.review_min_rating) return { status: 'recorded', value: { low: true, order } }
      const reviewAt = now + f.review_after_days * DAY
      const payload: ReviewPayload = { checkinJobId: jobId, rating: score, at: reviewAt }
      enqueueJob(
        db,
        { kind: FOLLOWUP.review, runAt: reviewAt, payload, clientId: client.id, dedupeKey: `review:${jobId}` },
        now,
      )
      return { status: 'recorded', value: { low: false, order, reviewAt } }
    },

    /** The client's 0–10 answer to the NPS question, once; 0–6 is a detractor. */
    answerNps(jobId: number, client: ClientRow, score: number): AnswerResult<{ detractor: boolean }> {
      const job = getJob(db, jobId)
      if (!wasSent(job, FOLLOWUP.nps, client) || !(score >= 0 && score <= 10)) {
        return { status: 'invalid' }
      }
      const now = clock.now()
      if (!recordJobEventOnce(db, { clientId: client.id, jobId, type: 'nps_answered', data: { score } }, now)) {
        return { status: 'already' }
      }
      insertFeedback(db, { clientId: client.id, kind: 'nps', score }, now)
      return { status: 'recorded', value: { detractor: score <= 6 } }
    },

    /**
     * A click on a review link button: recorded (the first click of a request counts as
     * `reviewed` in the funnel and makes the client an advocate), then the link is returned.
     */
    reviewClick(jobId: number, client: ClientRow, index: number): ReviewLink | undefined {
      const job = getJob(db, jobId)
      const link = settings().review_links[index]
      if (!wasSent(job, FOLLOWUP.review, client) || !link) return undefined
      clients.recordEvent(client.id, 'review_click', { job: jobId, link: index, url: link.url })
      if (recordJobEventOnce(db, { clientId: client.id, jobId, type: FUNNEL.reviewed }, clock.now())) {
        clients.advanceStage(client, 'advocate')
      }
      return link
    },
  }
}
