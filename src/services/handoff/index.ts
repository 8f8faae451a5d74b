/**
 * Handoff to a manager, without Telegram, in one facade over its parts:
 * - lifecycle.ts: open, answer, assign, close, rate (and the honest ETA);
 * - transcript.ts: what was said, by whom, and how far the topic has it;
 * - relay.ts: which message goes where and what a reply or an edit refers to;
 * - staff-route.ts: the one route to the staff group and, from staff, to a client;
 * - topics.ts: clients' topics, cards and the staff groups' health.
 * Everything that must reach the staff group or a client is an outbox row
 * written in the same synchronous step (src/services/outbox.ts); the bot's
 * deliverer (src/bot/handoff/deliverer.ts) turns rows into Bot API calls.
 */
import type { Db } from '../../../db/client.ts'
import { loadClientCard } from '../../../db/repositories/client-card.ts'
import { findClientById, updateClient } from '../../../db/repositories/clients.ts'
import { listAnsweredOpen, listOwedAnswers, openClientFirstNames } from '../../../db/repositories/handoffs.ts'
import { moveLane, type OutboxRow, unfinishedOfKinds } from '../../../db/repositories/outbox.ts'
import type { ClientRow, MessageRow } from '../../../db/schema.ts'
import type { Clock } from '../../clock.ts'
import type { ContentStore } from '../../content/store.ts'
import type { Logger } from '../../logger.ts'
import { addressedName, folded } from '../../text.ts'
import type { ClientService } from '../clients.ts'
import type { DutyService } from '../desk/duty.ts'
import type { NightReplyService } from '../desk/night-reply.ts'
import type { TopicStatusService } from '../desk/topic-status.ts'
import type { Scheduler } from '../jobs.ts'
import { type DeliveryResult, type Outbox, recordAlso } from '../outbox.ts'
import type { StaffService } from '../staff.ts'
import type { StaffGroups } from '../staff-groups.ts'
import { createLifecycle } from './lifecycle.ts'
import { type MessagePayload, OUTBOX_KIND, type RelayPayload, type SettlingAction } from './model.ts'
import { createRelay } from './relay.ts'
import { createStaffRoute } from './staff-route.ts'
import { createTopics } from './topics.ts'
import { createTranscript } from './transcript.ts'

export type { ListedRequest } from '../../../db/repositories/handoffs.ts'
export type { Unreachable } from './lifecycle.ts'
export * from './model.ts'
export { quotedPart, type Unsending } from './relay.ts'
export type { StaffRoute } from './staff-route.ts'
export { type CardRef, STAFF_GROUP_PROBLEMS, type StaffGroupProblem, type Topics } from './topics.ts'
export type { Transcript } from './transcript.ts'

export type HandoffService = ReturnType<typeof createHandoffService>

export function createHandoffService(deps: {
  db: Db
  clock: Clock
  content: ContentStore
  scheduler: Scheduler
  outbox: Outbox
  clients: ClientService
  staff: StaffService
  groups: StaffGroups
  /** Who is on duty: new requests are assigned round-robin among them. */
  duty: DutyService
  /** The status mark in a topic's title follows the request. */
  topicStatus: TopicStatusService
  /** Staff answering out of hours counts as the client's "we are closed" for the night. */
  nightReply: Pick<NightReplyService, 'toldNow'>
  logger: Logger
}) {
  const { db, clock, outbox, groups } = deps
  const transcript = createTranscript({ db, clock })
  const route = createStaffRoute({ db, outbox, staff: deps.staff, groups })
  const lifecycle = createLifecycle({ ...deps, route, transcript })
  const relay = createRelay({ db, clock, outbox, route, transcript, groups, isNewRequest: lifecycle.isNewRequest })
  const topics = createTopics({ db, clock, transcript })
  // The topic in the old group is left behind; what waits for it goes to the new one
  const leave = (clientId: number, from: number, to: number) => {
    topics.leftBehind(clientId, from)
    moveLane(db, clientId, from, to)
  }
  groups.onLeave(leave)

  return {
    ...lifecycle,
    // The transcript
    recordIncoming: transcript.recordIncoming,
    recordOwner: transcript.recordOwner,
    recordButton: transcript.recordButton,
    recordBot: transcript.recordBot,
    recordBotEdit: transcript.recordBotEdit,
    recordOutgoing: transcript.recordOutgoing,
    sentByBot: transcript.sentByBot,
    botSaidAt: transcript.botSaidAt,
    personWroteLast: transcript.personWroteLast,
    botSaidLast: transcript.botSaidLast,
    openQuestion: transcript.openQuestion,
    lastInChat: transcript.lastInChat,
    // The relay
    isRelayed: relay.isRelayed,
    relayToTopic: relay.toTopic,
    botToTopic: relay.botToTopic,
    /**
     * What the client wrote, for their topic (`relayToTopic`); in an answered request it starts
     * the team's answer time (`clientWaits`; `acknowledgement`: what needs none — thanks alone, a
     * payment promised, news alone: the relay's to read, docs/managers.md "What makes a client waiting").
     * One commit for both (a message that starts no wait, the common case, is the relay's alone).
     * `settles`: what the client may do themselves that answers the message (the relay reads it:
     * a question about a call is answered by their booking one); a message that asks something
     * narrows what settles the wait it joins (`waitTakesIn`). None known when not given.
     */
    relayFromClient(
      clientId: number,
      row: MessageRow,
      acknowledgement: boolean,
      replyToClientMessageId?: number,
      forwardedFrom?: string,
      settles: readonly SettlingAction[] = [],
    ): { remindedAgain: boolean } {
      const starts = lifecycle.waitStartsIn(clientId, acknowledgement) !== undefined
      const again = starts ? undefined : lifecycle.waitRemindedOut(clientId, acknowledgement)
      if (!starts && !again) {
        relay.toTopic(clientId, row, replyToClientMessageId, forwardedFrom)
        if (!acknowledgement) lifecycle.waitTakesIn(clientId, settles)
        return { remindedAgain: false }
      }
      // Told the client only when the team is reminded now (once a day), not at every message
      return db.transaction(() => {
        relay.toTopic(clientId, row, replyToClientMessageId, forwardedFrom)
        if (again) {
          lifecycle.waitTakesIn(clientId, settles)
          return { remindedAgain: lifecycle.remindAgain(again) }
        }
        // Since the message itself (recorded a moment before): the reminders of the wait find it
        lifecycle.clientWaits(clientId, acknowledgement, row.createdAt, settles)
        return { remindedAgain: false }
      })
    },
    relayToClient: relay.toClient,
    editIncoming: relay.editIncoming,
    deletedInChat: relay.deletedInChat,
    editOutgoing: relay.editOutgoing,
    unsend: relay.unsend,
    editNote: relay.editNote,
    staffRowIn: relay.staffRowIn,
    // Messages for staff and, from staff, for clients
    notifyTopic: route.notifyTopic,
    notifyOwners: route.notifyOwners,
    tellPerson: route.tellPerson,
    postToStaff: route.post,
    /**
     * A message for the client through their lane (`route.toClient`); `by` says who sends it. One
     * a staff member's action sends (an offer, an invoice, a payment confirmed) is the team's
     * answer, as a typed message is: once delivered, the request's first response, so no apology
     * or SLA alert follows. It goes in the row (`by`) and is recorded by the delivery
     * (`noteStaffReply`), not here: one the client never gets answers nothing. Null for the bot's
     * own word on the client's doing (their button, their payment). False when the client erased
     * their data.
     */
    sendToClient: (clientId: number, message: MessagePayload, by: number | null): boolean =>
      route.toClient(clientId, by === null ? message : { ...message, by }),
    /** The Telegram invoice for the client's order (`route.invoiceToClient`); `by` as for `sendToClient`. */
    sendInvoice: (clientId: number, orderId: number, by: number | null): boolean =>
      route.invoiceToClient(clientId, orderId, by ?? undefined),
    /**
     * A row a staff member (`by`) sent the client, delivered: it answers the request open when it
     * was queued (`noteStaffReply`), written with the row's sent mark — once, and never for one
     * that did not reach them (blocked, the owner's Business chat closed to the bot). Rows with
     * no `by` (the bot's own word) and results other than sent pass as they are.
     */
    answeredOnDelivery(row: OutboxRow, result: DeliveryResult, by: number | null | undefined): DeliveryResult {
      const clientId = row.clientId
      if (by == null || clientId === null) return result
      // The message it was (a staff answer, a saved reply): what /unsend takes back
      return recordAlso(result, () => lifecycle.noteStaffReply(clientId, by, row.createdAt, row.messageRowId))
    },
    /**
     * Whether something a staff member sent the client is still on its way (queued, or held by
     * Telegram's limits): it answers the request once delivered, so the SLA check waits for it.
     */
    answerUnderway(clientId: number): boolean {
      const chatId = findClientById(db, clientId)?.telegramId
      return (
        chatId != null &&
        unfinishedOfKinds(db, {
          clientId,
          chatId,
          methods: [OUTBOX_KIND.relayOut, OUTBOX_KIND.savedReply],
          methodsBy: [OUTBOX_KIND.message, OUTBOX_KIND.invoice],
        })
      )
    },
    /** The requests whose clients wait for the team's answer, the longest waiting first: what /today lists to act on. */
    owedAnswers: (limit: number) => listOwedAnswers(db, limit),
    /**
     * The open requests answered and quiet since (the client has not written): each waits for the
     * team's next step, or its close, the longest since the team's last message first. What
     * /today lists below who waits for an answer: with nothing owed, they fell out of sight.
     */
    answeredOpen: (limit: number) => listAnsweredOpen(db, limit),
    refreshCard: route.refreshCard,
    client: (clientId: number): ClientRow | undefined => findClientById(db, clientId),
    /**
     * The name a staff answer opens with (`addressedName`) when it is none of this client's and
     * another client with a request open goes by it: the answer was likely typed in the wrong
     * topic ("Hi Jess, so sorry about the fringe!" in Sophie's went to Sophie).
     */
    namesAnotherClient(clientId: number, text: string): string | undefined {
      const name = addressedName(text)
      const client = name === undefined ? undefined : findClientById(db, clientId)
      if (name === undefined || client === undefined) return undefined
      const same = (other: string | null) => other !== null && folded(other) === folded(name)
      const own = [client.firstName, client.lastName, client.username, ...(client.displayName?.split(/\s+/) ?? [])]
      if (own.some(same)) return undefined
      return openClientFirstNames(db, clientId).some(same) ? name : undefined
    },
    /**
     * What the client card shows (the client, their answers, orders, bookings, scheduled jobs…),
     * read at once; `unlistedJobs`: job kinds the card does not list.
     */
    cardData: (clientId: number, unlistedJobs: readonly string[] = []) =>
      loadClientCard(db, clientId, clock.now(), undefined, unlistedJobs),

    /**
     * Moves the client to another staff group: their old topic is told where they went,
     * what waits for it goes to the new group, where a new topic starts with the whole
     * conversation (at once, when a request is open).
     */
    moveToGroup(clientId: number, groupId: number): 'moved' | 'same' | 'unknown-group' | 'no-client' {
      const client = findClientById(db, clientId)
      if (!client || client.deletedAt !== null) return 'no-client'
      if (!groups.ids.includes(groupId)) return 'unknown-group'
      const from = groups.groupOf(clientId)
      if (from === groupId) return 'same'
      db.transaction(() => {
        if (client.topicId !== null) {
          route.postTo(from, client.topicId, {
            lines: [{ key: 'handoff-topic-moved', args: { group: String(groups.numberOf(groupId) ?? groupId) } }],
          })
        }
        updateClient(db, clientId, { staffGroupId: groupId })
        leave(clientId, from, groupId)
        if (lifecycle.isOpen(clientId)) route.toTopic(clientId, OUTBOX_KIND.card, { urgent: true })
      })
      deps.logger.info({ clientId, from, to: groupId }, 'client moved to another staff group')
      return 'moved'
    },
    /**
     * A row for the client's topic that was on its way into a group they left meanwhile (moved
     * during its call, which failed): what it carries is in the new topic's history already
     * ('covered'), or the row goes to their group now, first in its lane as it was in the old one.
     */
    catchUp(row: OutboxRow, groupId: number): 'covered' | 'moved' {
      const clientId = row.clientId as number
      const rowIds = row.method === OUTBOX_KIND.relayIn ? (row.payload as RelayPayload).rowIds : []
      const last = rowIds[rowIds.length - 1]
      if (last !== undefined && last <= transcript.postedUpTo(clientId)) return 'covered'
      moveLane(db, clientId, row.chatId, groupId, row.id)
      return 'moved'
    },
    /** The parts the deliverer works with. */
    route,
    topics,
    transcript,
  }
}
