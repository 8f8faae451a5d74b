/**
 * The client's answers to follow-ups: a check-in rating (a good one schedules a review
 * request), the NPS score and a click on a review link. Each counts once.
 */
import { hasJobEvent } from '../../../db/repositories/events.ts'
import { findPendingJob, insertFeedback, lastSentJob, NPS_DETRACTOR_MAX } from '../../../db/repositories/followups.ts'
import { listHandoffs } from '../../../db/repositories/handoffs.ts'
import { getJob } from '../../../db/repositories/jobs.ts'
import { findOrder } from '../../../db/repositories/orders.ts'
import type { ClientRow, JobRow, OrderRow } from '../../../db/schema.ts'
import type { ReviewLink } from '../../content/schema.ts'
import { FUNNEL } from '../funnel.ts'
import { payloadOf } from '../jobs.ts'
import { FOLLOWUP_TYPED_SCORE_MS } from '../time.ts'
import {
  type AnswerResult,
  DAY,
  FOLLOWUP,
  FOLLOWUP_JOBS,
  type FollowupDeps,
  type FollowupKind,
  questionAt,
  questionsDeclinedAt,
  reviewLinkFingerprint,
} from './kinds.ts'
import { reviewAskedAlready, reviewUndone } from './policy.ts'

/**
 * A button answers a follow-up only if that follow-up is this client's, of this kind, and
 * was actually sent (forged data could name a job still pending).
 */
function wasSent(job: JobRow | undefined, kind: FollowupKind, client: ClientRow): job is JobRow {
  return job !== undefined && job.kind === kind && job.clientId === client.id && job.sendingAt !== null
}

/** The event each score question records when answered. */
const ANSWERED = { [FOLLOWUP.checkin]: 'checkin_answered', [FOLLOWUP.nps]: 'nps_answered' } as const

export function createFollowupAnswers({ db, clock, content, clients, scheduler }: FollowupDeps) {
  const settings = () => content.get().followups
  return {
    /**
     * The score question (check-in or NPS) the client was sent last, within FOLLOWUP_TYPED_SCORE_MS, if it
     * waits for its answer and is still the newest question on their screen: a "5" typed under it
     * is that answer, not a new question for a manager (it used to open a request, and then the
     * request's own two ratings). Not once a request opened since: a number then answers the
     * manager, or that request's speed rating.
     */
    awaitingScore(
      client: ClientRow,
    ): { jobId: number; kind: typeof FOLLOWUP.checkin | typeof FOLLOWUP.nps; orderId: number | null } | undefined {
      const since = clock.now() - FOLLOWUP_TYPED_SCORE_MS
      const job = lastSentJob(db, client.id, [FOLLOWUP.checkin, FOLLOWUP.nps], since)
      if (!job) return undefined
      const request = listHandoffs(db, client.id, 1)[0]
      if (request && job.sendingAt !== null && request.openedAt >= job.sendingAt) return undefined
      const kind = job.kind === FOLLOWUP.nps ? FOLLOWUP.nps : FOLLOWUP.checkin
      if (hasJobEvent(db, { clientId: client.id, jobId: job.id, type: ANSWERED[kind] })) return undefined
      const orderId = kind === FOLLOWUP.checkin ? payloadOf(FOLLOWUP_JOBS.checkin, job).orderId : null
      return { jobId: job.id, kind, orderId }
    },

    /**
     * The client's 1–5 answer to a check-in. Counted once per check-in. A rating from
     * `review_min_rating` up schedules a review request `review_after_days` later (a day apart
     * from the client's other questions), unless one would not go: a request already waiting
     * asks for this rating too, and a client asked within REVIEW_MIN_INTERVAL_DAYS or who opened
     * a review link, or rating an order since refunded or cancelled, is not asked (the policy's
     * rules), and nobody is while the content file lists no review sites. A lower one is `low`: the caller apologises and escalates to a manager at once.
     * `comment`: what the client wrote with a typed rating ("2 stars. slow"), kept with it.
     */
    answerCheckin(
      jobId: number,
      client: ClientRow,
      score: number,
      comment?: string,
    ): AnswerResult<{ low: boolean; order: OrderRow | undefined; reviewAt?: number }> {
      const job = getJob(db, jobId)
      if (!wasSent(job, FOLLOWUP.checkin, client) || !(score >= 1 && score <= 5)) {
        return { status: 'invalid' }
      }
      const now = clock.now()
      if (!clients.recordJobEvent(client.id, jobId, ANSWERED[FOLLOWUP.checkin], { score })) {
        return { status: 'already' }
      }
      const { orderId } = payloadOf(FOLLOWUP_JOBS.checkin, job)
      const order = orderId === null ? undefined : findOrder(db, orderId)
      insertFeedback(db, { clientId: client.id, kind: 'checkin', score, orderId, comment }, now)
      const f = settings()
      if (score < f.review_min_rating) return { status: 'recorded', value: { low: true, order } }
      // A day apart from the client's other questions (a second order's check-in): the request
      // then stands for that rating too. Its own check-in is the question it answers
      const reviewAt = questionAt(
        { db, content },
        { clientId: client.id, at: now + f.review_after_days * DAY, apart: [jobId] },
      )
      // One request per client: a waiting one asks for this rating too (two good ratings used
      // to plan two, one of which was skipped, and /followups listed both). None about an
      // order the business took back since the check-in went (refunded, cancelled), nor to a
      // client who asked for no more questions (an old check-in's button pressed since)
      const waiting = findPendingJob(db, client.id, FOLLOWUP.review)
      if (
        waiting ||
        f.review_links.length === 0 ||
        questionsDeclinedAt(db, client.id) !== undefined ||
        reviewAskedAlready(db, { clientId: client.id, at: reviewAt }) ||
        reviewUndone(db, [orderId])
      ) {
        return { status: 'recorded', value: { low: false, order } }
      }
      scheduler.enqueue(FOLLOWUP_JOBS.review, {
        runAt: reviewAt,
        payload: { checkinJobId: jobId, rating: score, at: reviewAt },
        clientId: client.id,
        dedupeKey: `review:${jobId}`,
      })
      return { status: 'recorded', value: { low: false, order, reviewAt } }
    },

    /** The client's 0–10 answer to the NPS question, once; 0–6 is a detractor. */
    answerNps(jobId: number, client: ClientRow, score: number, comment?: string): AnswerResult<{ detractor: boolean }> {
      const job = getJob(db, jobId)
      if (!wasSent(job, FOLLOWUP.nps, client) || !(score >= 0 && score <= 10)) {
        return { status: 'invalid' }
      }
      const now = clock.now()
      if (!clients.recordJobEvent(client.id, jobId, ANSWERED[FOLLOWUP.nps], { score })) {
        return { status: 'already' }
      }
      insertFeedback(db, { clientId: client.id, kind: 'nps', score, comment }, now)
      return { status: 'recorded', value: { detractor: score <= NPS_DETRACTOR_MAX } }
    },

    /**
     * A click on a review link button: recorded (the first click of a request counts as
     * `reviewed` in the funnel and makes the client an advocate), then the link is returned.
     * The link is the one whose URL the button's fingerprint names, wherever the owner has
     * since moved it in the list; none when it was taken out or its address changed (the
     * button is old). A button without a fingerprint (sent by an earlier version) has only
     * its position to go by.
     */
    reviewClick(jobId: number, client: ClientRow, index: number, fingerprint?: string): ReviewLink | undefined {
      const job = getJob(db, jobId)
      const links = settings().review_links
      const at =
        fingerprint === undefined ? index : links.findIndex((link) => reviewLinkFingerprint(link) === fingerprint)
      const link = links[at]
      if (!wasSent(job, FOLLOWUP.review, client) || !link) return undefined
      clients.recordEvent(client.id, 'review_click', { job: jobId, link: at, url: link.url })
      if (clients.recordJobEvent(client.id, jobId, FUNNEL.reviewed)) {
        clients.advanceStage(client, 'advocate')
      }
      return link
    },
  }
}
