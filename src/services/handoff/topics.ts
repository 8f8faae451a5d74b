/**
 * What the bot remembers about clients' topics and the staff groups' health:
 * which topic is a client's, where their card is, a topic that was lost and
 * is being recreated, problems the owners were told about. The deliverer
 * (src/bot/handoff/topic-keeper.ts) reads and writes these through here.
 */
import type { Db } from '../../../db/client.ts'
import {
  cardShownIn,
  clearProblems,
  findClientTopic,
  findLeftTopic,
  recordLeftTopic,
  recordReplacedCard,
  tellNewProblems,
  updateClientTopic,
} from '../../../db/repositories/client-topics.ts'
import { findClientById, updateClient } from '../../../db/repositories/clients.ts'
import type { ClientRow } from '../../../db/schema.ts'
import type { Clock } from '../../clock.ts'
import type { Transcript } from './transcript.ts'

export interface CardRef {
  topicId: number
  messageId: number
  /** The staff group it is in (absent in refs recorded before it was kept: not known). */
  chatId?: number
}

/** Problems a staff group can have (each has a locale key `staff-check-<problem>`). */
export const STAFF_GROUP_PROBLEMS = [
  'not-found',
  'not-supergroup',
  'topics-off',
  'bot-not-admin',
  'no-topic-rights',
] as const
export type StaffGroupProblem = (typeof STAFF_GROUP_PROBLEMS)[number]

export type Topics = ReturnType<typeof createTopics>

export function createTopics({ db, clock, transcript }: { db: Db; clock: Clock; transcript: Transcript }) {
  const topic = (clientId: number) => findClientTopic(db, clientId)
  function cardRef(row: ReturnType<typeof topic>): CardRef | undefined {
    if (row?.cardTopicId == null || row.cardMessageId == null) return undefined
    const ref: CardRef = { topicId: row.cardTopicId, messageId: row.cardMessageId }
    if (row.cardChatId != null) ref.chatId = row.cardChatId
    return ref
  }
  const update = (clientId: number, facts: Parameters<typeof updateClientTopic>[2]) =>
    updateClientTopic(db, clientId, facts, clock.now())

  /**
   * The topic is gone (staff deleted it) or left behind (the client moved to another
   * group): forget it, so the next message creates a new one with the whole story.
   */
  function lost(clientId: number, why: 'deleted' | 'moved' = 'deleted'): void {
    updateClient(db, clientId, { topicId: null })
    // Its pins went with it (deleted), or stay in the group left: the new topic's card unpins nothing
    update(clientId, { lostAt: clock.now(), lostWhy: why, pinnedCardId: null })
    transcript.resetPosted(clientId)
  }
  /** Clients who left a group in this process (see `departures`). */
  let departed = 0

  return {
    client: (clientId: number): ClientRow | undefined => findClientById(db, clientId),

    created(clientId: number, topicId: number): void {
      updateClient(db, clientId, { topicId })
    },

    lost,
    /**
     * The client moves from this group to another: their topic here, still named after them,
     * the card and the managers' notes in it are remembered for /forget (src/services/erasure.ts);
     * the card is no longer theirs to edit (the new topic gets a new one), nor the ids of the
     * messages there. Then the topic is lost.
     */
    leftBehind(clientId: number, groupId: number): void {
      const topicId = findClientById(db, clientId)?.topicId
      const notes = transcript.leftGroup(clientId)
      if (topicId != null) {
        const row = topic(clientId)
        const card =
          row?.cardMessageId != null && row.cardTopicId === topicId && (row.cardChatId ?? groupId) === groupId
            ? row.cardMessageId
            : null
        recordLeftTopic(db, { clientId, chatId: groupId, topicId, cardMessageId: card, notes, leftAt: clock.now() })
        if (card !== null) update(clientId, { cardTopicId: null, cardMessageId: null, cardChatId: null })
      }
      lost(clientId, 'moved')
      departed++
    },
    /** The client who left this topic behind in this group (/move), if any: nothing written there reaches them. */
    leftBy: (groupId: number, topicId: number): number | undefined => findLeftTopic(db, groupId, topicId)?.clientId,
    /**
     * How many clients have left a group so far: unchanged across a call into a topic, nobody
     * was moved during it (a copy made then is checked, the rest need no look at the client).
     */
    departures: (): number => departed,
    wasLost: (clientId: number): boolean => topic(clientId)?.lostAt != null,
    /**
     * What the client's topic still lacks: its card (one posted in it, in this group) and,
     * after a lost topic, the whole transcript. Each is recorded as it goes out (`cardPosted`,
     * `restored`), so creating a topic that a failure cut short is finished, never repeated.
     */
    owed(clientId: number, chatId: number, topicId: number): { card: boolean; history: boolean } {
      const row = topic(clientId)
      return { card: !cardShownIn(row, chatId, topicId), history: row?.lostAt != null }
    },
    /** Why the client's new topic starts with the whole story. */
    lostWhy: (clientId: number): 'deleted' | 'moved' => topic(clientId)?.lostWhy ?? 'deleted',
    /** The new topic has the whole transcript now. */
    restored(clientId: number): void {
      if (topic(clientId)?.lostAt != null) update(clientId, { lostAt: null, lostWhy: null })
    },

    card(clientId: number): CardRef | undefined {
      return cardRef(topic(clientId))
    },
    /** The client's card when it is posted in topic `topicId` of group `chatId` (`cardShownIn`), else undefined. */
    cardIn(clientId: number, chatId: number, topicId: number | null): CardRef | undefined {
      const row = topic(clientId)
      return cardShownIn(row, chatId, topicId) ? cardRef(row) : undefined
    },
    /** A new card is the client's; the one it replaces is remembered for /forget (it still names them). */
    cardPosted(clientId: number, ref: CardRef): void {
      const old = topic(clientId)
      // A card recorded before its group was kept: in the new one's group when in the same
      // topic, else unknown — and a message id means nothing without its group
      const oldChat = old?.cardChatId ?? (old?.cardTopicId === ref.topicId ? ref.chatId : undefined)
      if (
        old?.cardMessageId != null &&
        oldChat != null &&
        (old.cardMessageId !== ref.messageId || oldChat !== ref.chatId)
      ) {
        recordReplacedCard(db, { clientId, chatId: oldChat, messageId: old.cardMessageId, replacedAt: clock.now() })
      }
      update(clientId, { cardTopicId: ref.topicId, cardMessageId: ref.messageId, cardChatId: ref.chatId ?? null })
    },

    /** The card the bot last pinned in the client's topic (in its group), if it knows of one still pinned. */
    pinnedCard(clientId: number): number | undefined {
      return topic(clientId)?.pinnedCardId ?? undefined
    },
    /** The card now pinned in the client's topic: `messageId`, or none (null: the one before is unpinned). */
    cardPinned(clientId: number, messageId: number | null): void {
      update(clientId, { pinnedCardId: messageId })
    },

    /** Of these problems, the ones the owners have not been told about yet (and now are). */
    newProblems(groupId: number, found: readonly StaffGroupProblem[]): StaffGroupProblem[] {
      const told = new Set(tellNewProblems(db, groupId, found, clock.now()))
      return found.filter((p) => told.has(p))
    },
    /** A topic could be created: whatever was wrong with the group is fixed. */
    groupHealthy(groupId: number): void {
      clearProblems(db, groupId, STAFF_GROUP_PROBLEMS)
    },

    /** True the first time only: the owners are told once that this client's topic was refused. */
    firstRefusal(clientId: number): boolean {
      if (topic(clientId)?.refusedAt != null) return false
      update(clientId, { refusedAt: clock.now() })
      return true
    },
  }
}
