/**
 * What the bot remembers about clients' topics and the staff groups' health:
 * which topic is a client's, where their card is, a topic that was lost and
 * is being recreated, problems the owners were told about. The deliverer
 * (src/bot/handoff/topic-keeper.ts) reads and writes these through here.
 */
import type { Db } from '../../../db/client.ts'
import {
  clearProblems,
  findClientTopic,
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
  /** The staff group it is in (absent in refs from before several groups: the client's group). */
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
  const update = (clientId: number, facts: Parameters<typeof updateClientTopic>[2]) =>
    updateClientTopic(db, clientId, facts, clock.now())

  return {
    client: (clientId: number): ClientRow | undefined => findClientById(db, clientId),

    created(clientId: number, topicId: number): void {
      updateClient(db, clientId, { topicId })
    },

    /**
     * The topic is gone (staff deleted it) or left behind (the client moved to another
     * group): forget it, so the next message creates a new one with the whole story.
     */
    lost(clientId: number, why: 'deleted' | 'moved' = 'deleted'): void {
      updateClient(db, clientId, { topicId: null })
      update(clientId, { lostAt: clock.now(), lostWhy: why })
      transcript.resetPosted(clientId)
    },
    wasLost: (clientId: number): boolean => topic(clientId)?.lostAt != null,
    /** Why the client's new topic starts with the whole story. */
    lostWhy: (clientId: number): 'deleted' | 'moved' => topic(clientId)?.lostWhy ?? 'deleted',
    /** The new topic has the whole transcript now. */
    restored(clientId: number): void {
      if (topic(clientId)?.lostAt != null) update(clientId, { lostAt: null, lostWhy: null })
    },

    card(clientId: number): CardRef | undefined {
      const row = topic(clientId)
      if (row?.cardTopicId == null || row.cardMessageId == null) return undefined
      return { topicId: row.cardTopicId, messageId: row.cardMessageId }
    },
    cardPosted(clientId: number, ref: CardRef): void {
      update(clientId, { cardTopicId: ref.topicId, cardMessageId: ref.messageId })
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
