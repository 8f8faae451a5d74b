/**
 * The status mark at the start of each client's topic title, following the
 * request's life: 🟡 waiting for the team's first answer, 🔴 the SLA passed
 * without one (or, later, the client's message went unanswered past it), 💬 answered, ⏳ waiting for the client's "yes, solved", ✅ closed (the
 * topic itself stays open: see wanted).
 *
 * Telegram allows about 20 messages a minute into the whole group and a rename
 * or a close is one of them, so the topic is changed only when the wanted state
 * differs from the one last applied, through the outbox like every other group
 * message, and coalesced: while a status row waits in the client's lane no other
 * is queued, and the row applies whatever is wanted when it is sent.
 */
import type { Db } from '../../../db/client.ts'
import { findClientTopic, topicsClosedByBot, updateClientTopic } from '../../../db/repositories/client-topics.ts'
import { findClientById } from '../../../db/repositories/clients.ts'
import { listHandoffs } from '../../../db/repositories/handoffs.ts'
import type { HandoffRow, TopicStatus } from '../../../db/schema.ts'
import type { Clock } from '../../clock.ts'
import { clip } from '../../text.ts'
import { firstWaitOver } from '../handoff/model.ts'
import type { Outbox } from '../outbox.ts'
import type { StaffGroups } from '../staff-groups.ts'

export const STATUS_MARKS: Record<TopicStatus, string> = {
  waiting: '🟡',
  breached: '🔴',
  answered: '💬',
  client: '⏳',
  closed: '✅',
}

/** The outbox row that brings a topic's title and open/closed state up to date. */
export const TOPIC_STATUS_KIND = 'topic_status'

/** What the topic should show. */
export interface TopicState {
  status: TopicStatus
  closed: boolean
}

/** What was last applied in Telegram; `neutral` when the topic carries the `#id` name Telegram accepted instead. */
export interface AppliedTopicState extends TopicState {
  neutral?: boolean
}

/**
 * The status of the client's latest request (none, or closed: ✅). 🔴 is an answer time passed:
 * the first answer's, or, in an answered request, that of the client's message still unanswered.
 */
export function requestStatus(
  handoff: Pick<HandoffRow, 'status' | 'firstResponseAt' | 'settledAt' | 'slaBreachedAt' | 'replyLateAt'> | undefined,
): TopicStatus {
  if (!handoff || handoff.status === 'closed') return 'closed'
  if (handoff.status === 'closing') return 'client'
  // Answered, or its first wait settled with nothing owed: 💬, or 🔴 for a later message gone late
  if (firstWaitOver(handoff)) return handoff.replyLateAt !== null ? 'breached' : 'answered'
  return handoff.slaBreachedAt !== null ? 'breached' : 'waiting'
}

/** The topic's title: the mark, then the name (Telegram allows 128 characters). */
export function topicTitle(status: TopicStatus, name: string): string {
  return clip(`${STATUS_MARKS[status]} ${name}`, 128)
}

export type TopicStatusService = ReturnType<typeof createTopicStatusService>

export function createTopicStatusService(deps: { db: Db; clock: Clock; outbox: Outbox; groups: StaffGroups }) {
  const { db, outbox, groups } = deps

  /** What Telegram shows, kept with the rest of the topic's bookkeeping (`client_topics`). */
  function applied(clientId: number): AppliedTopicState | undefined {
    const row = findClientTopic(db, clientId)
    if (!row?.titleStatus) return undefined
    return { status: row.titleStatus, closed: row.topicClosed, ...(row.neutralTitle ? { neutral: true } : {}) }
  }

  /**
   * The bot never closes a topic itself: after a request the work goes on there (/done, a
   * second invoice, /followups, the manager's own "your site is ready"), and a closed topic
   * takes messages from admins only, so managers who are plain members would be shut out
   * until the client wrote again. ✅ says the request is closed. A topic closed by hand stays
   * closed while no request is open (the hand's choice); an open request needs it open.
   */
  function wanted(clientId: number): TopicState {
    const status = requestStatus(listHandoffs(db, clientId, 1)[0])
    const row = findClientTopic(db, clientId)
    return { status, closed: status === 'closed' && row?.topicClosed === true && row.closedByHand }
  }

  const same = (a: TopicState, b: TopicState | undefined) =>
    b !== undefined && a.status === b.status && a.closed === b.closed

  /**
   * Call after the client's request changed (opened, answered, SLA passed, asked
   * to close, closed). Queues one status row when the topic shows something else.
   */
  /** True when it queued a row. `quiet`: the row goes only while the group has nothing else to send. */
  function sync(clientId: number, { quiet = false } = {}): boolean {
    const client = findClientById(db, clientId)
    // No topic yet: it is created with the right mark
    if (!client || client.topicId === null || client.deletedAt !== null) return false
    const lane = { chatId: groups.groupOf(clientId), clientId }
    if (outbox.pending(lane, TOPIC_STATUS_KIND)) return false
    if (same(wanted(clientId), applied(clientId))) return false
    outbox.enqueue({ ...lane, method: TOPIC_STATUS_KIND, payload: quiet ? { quiet: true } : {} })
    outbox.kick()
    return true
  }

  return {
    wanted,

    applied,

    /**
     * The bot renamed the client's topic: Telegram put a service message in it that shows the
     * new title, their name ("topic renamed to «💬 Вера Кузякина · #1»"), and told its id only in
     * the update about it. Kept as what a status row put into the group, where /forget finds
     * what the bot posted (src/services/erasure.ts), to delete it.
     */
    renamed(clientId: number, chatId: number, messageId: number): void {
      outbox.recordPosted({ chatId, clientId, method: TOPIC_STATUS_KIND, payload: {} }, messageId)
    },

    /** Records what Telegram now shows (after a topic was created, renamed, closed or reopened). */
    markApplied(clientId: number, state: AppliedTopicState): void {
      const facts = { titleStatus: state.status, topicClosed: state.closed, neutralTitle: state.neutral === true }
      // Open again: a person's earlier close no longer holds
      updateClientTopic(db, clientId, state.closed ? facts : { ...facts, closedByHand: false }, deps.clock.now())
    },

    /**
     * Someone closed or reopened the client's topic by hand in Telegram. The bot, allowed
     * to manage topics, may post into a closed topic and is never refused there, so this is
     * how it learns what the topic shows. Closed while the request is open (the team's
     * members could not answer in it): reopened ('reopening', for the topic to be told why).
     * Otherwise the hand's choice stays until the request changes.
     */
    changedByHand(clientId: number, closed: boolean): 'reopening' | undefined {
      updateClientTopic(db, clientId, { topicClosed: closed, closedByHand: closed }, deps.clock.now())
      return closed && !wanted(clientId).closed && sync(clientId) ? 'reopening' : undefined
    },

    /**
     * At start-up: the topics an earlier version closed at a closed request (it did so for every
     * one) are reopened, so that managers who are plain members can work in them again. Queued
     * to go only while the group has nothing else to send: a business with hundreds of them
     * must not make its clients' messages wait. Returns how many were queued.
     */
    reopenClosedByBot(): number {
      return topicsClosedByBot(db).filter((clientId) => sync(clientId, { quiet: true })).length
    },

    sync,
  }
}
