/**
 * Closing what clients never close. `/close` asks the client "Is your question
 * solved?" and waits `handoff.auto_close_days`; without an answer by then the
 * request closes by itself (recorded as closed by timeout, with a note in the
 * topic, which says so when the question never reached the client); a client who writes instead of answering has not had their question solved, and
 * the request is open again. `/close force <reason>` closes at once, recorded as closed by staff.
 * Only the client's own "yes" counts as their agreement in the stats.
 */
import type { Db } from '../../../db/client.ts'
import {
  findActiveHandoff,
  findHandoff,
  moveHandoff,
  setCloseAsked,
  setCloseUndelivered,
} from '../../../db/repositories/handoffs.ts'
import { listClientOrders } from '../../../db/repositories/orders.ts'
import type { Clock } from '../../clock.ts'
import type { ContentStore } from '../../content/store.ts'
import type { Logger } from '../../logger.ts'
import { AUTO_CLOSE_JOB, type CloseRequest, type HandoffService, slaKey } from '../handoff/index.ts'
import type { JobPayload, Scheduler } from '../jobs.ts'
import { DAY_MS } from '../time.ts'
import type { TopicStatusService } from './topic-status.ts'

export type AutoClosePayload = JobPayload<typeof AUTO_CLOSE_JOB>

type CloseAsked = Extract<CloseRequest, { status: 'asked' }>

export type ClosingService = ReturnType<typeof createClosingService>

export function createClosingService(deps: {
  db: Db
  clock: Clock
  content: ContentStore
  scheduler: Scheduler
  handoff: HandoffService
  topicStatus: TopicStatusService
  logger: Logger
}) {
  const { db, clock, scheduler, handoff } = deps
  const log = deps.logger.child({ module: 'closing' })

  /** Stops the request's timers: the SLA and any auto-close. */
  function cancelTimers(clientId: number, handoffId: number, why: string): void {
    scheduler.cancel({ dedupeKey: slaKey(handoffId) }, why)
    scheduler.cancel({ clientId, kinds: [AUTO_CLOSE_JOB.kind] }, why)
  }

  return {
    /**
     * `/close`: asks the client and starts the auto-close timer. `closesAt` is when
     * the request closes by itself without an answer.
     */
    request(clientId: number): Exclude<CloseRequest, { status: 'asked' }> | (CloseAsked & { closesAt: number }) {
      return db.transaction(() => {
        const result = handoff.requestClose(clientId)
        if (result.status !== 'asked') return result
        const askedAt = clock.now()
        const closesAt = askedAt + deps.content.get().handoff.auto_close_days * DAY_MS
        setCloseAsked(db, result.handoff.id, askedAt)
        scheduler.cancel({ clientId, kinds: [AUTO_CLOSE_JOB.kind] }, 'the client was asked again')
        scheduler.enqueue(AUTO_CLOSE_JOB, {
          runAt: closesAt,
          dedupeKey: `${AUTO_CLOSE_JOB.kind}:${result.handoff.id}:${askedAt}`,
          clientId,
          payload: { handoffId: result.handoff.id, askedAt },
        })
        return { ...result, closesAt }
      })
    },

    /**
     * `/close force <reason>`: closes the open request at once, as staff; the one who leads it,
     * when it is someone else, is mentioned in the topic's notice.
     */
    force(clientId: number, staffId: number, reason: string): 'closed' | 'none' {
      const active = findActiveHandoff(db, clientId)
      if (!active) return 'none'
      const closed = db.transaction(() => {
        const moved = moveHandoff(db, active.id, ['open', 'closing'], 'closed', {
          closedAt: clock.now(),
          closedBy: 'staff',
          closeReason: reason,
        })
        if (moved) {
          cancelTimers(clientId, active.id, 'staff closed the request')
          // Closed by someone else than who leads it: the lead is mentioned, so Telegram tells them
          const lead = active.managerId !== null && active.managerId !== staffId ? active.managerId : undefined
          handoff.notifyTopic(
            clientId,
            [
              { key: 'desk-closed-force', args: { manager: { mention: staffId }, reason } },
              ...(lead === undefined
                ? []
                : [{ key: 'desk-closed-force-lead' as const, args: { lead: { mention: lead } } }]),
              // The answer to the /close force just typed: before what is queued for the group
            ],
            { answering: true },
          )
        }
        return moved
      })
      if (!closed) return 'none'
      log.info({ clientId, handoffId: active.id }, 'request closed by staff')
      handoff.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
      return 'closed'
    },

    /**
     * The client wrote, or asked for a manager, while "Is your question solved?" waits for
     * their answer: a new question is not a solved one. The request is open again, as after
     * their No, and no longer closes by itself. False when no question waits for them.
     */
    clientWrote(clientId: number, how: 'wrote' | 'asked' = 'wrote'): boolean {
      const asked = findActiveHandoff(db, clientId)
      if (asked?.status !== 'closing') return false
      const reopened = db.transaction(() => {
        if (!handoff.notSolved(asked.id, clientId, how)) return false
        scheduler.cancel({ clientId, kinds: [AUTO_CLOSE_JOB.kind] }, 'the client wrote instead of answering')
        return true
      })
      if (reopened) log.info({ clientId, handoffId: asked.id }, 'the client wrote instead of answering: request open')
      return reopened
    },

    /**
     * "Is your question solved?" did not reach the client (the deliverer has told the topic
     * why): the auto-close of this ask will not say the client did not answer.
     */
    undelivered(handoffId: number): void {
      setCloseUndelivered(db, handoffId, clock.now())
    },

    /**
     * The auto-close timer: closes the request when it still waits for the client's
     * answer to this very ask. 'stale' when it was answered, closed or asked again.
     */
    expire({ handoffId, askedAt }: AutoClosePayload): 'closed' | 'stale' {
      const current = findHandoff(db, handoffId)
      if (current?.status !== 'closing' || current.closeAskedAt !== askedAt) return 'stale'
      const closed = db.transaction(() => {
        if (!moveHandoff(db, handoffId, ['closing'], 'closed', { closedAt: clock.now(), closedBy: 'timeout' })) {
          return false
        }
        scheduler.cancel({ dedupeKey: slaKey(handoffId) }, 'the request closed by itself')
        // A question that never reached the client went unanswered for that reason, not theirs
        const undelivered = current.closeUndeliveredAt !== null && current.closeUndeliveredAt >= askedAt
        const key = undelivered ? 'desk-closed-undelivered' : 'desk-closed-timeout'
        // An invoice the client still has to pay is named: a request closed in silence with money
        // owed read as settled, and nobody looked at the invoice again
        const unpaid = listClientOrders(db, current.clientId, ['unpaid']).map((o) => ({
          key: 'desk-closed-unpaid' as const,
          args: { id: String(o.id), amount: { money: { minor: o.amount, currency: o.currency } } },
        }))
        handoff.notifyTopic(current.clientId, [{ key, args: { asked: { time: askedAt } } }, ...unpaid])
        return true
      })
      if (!closed) return 'stale'
      log.info({ clientId: current.clientId, handoffId }, 'request closed: no answer from the client')
      handoff.refreshCard(current.clientId)
      deps.topicStatus.sync(current.clientId)
      return 'closed'
    },
  }
}
