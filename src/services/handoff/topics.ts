/**
 * What the bot remembers about clients' topics and the staff groups' health:
 * which topic is a client's, where their card is, a topic that was lost and
 * is being recreated, problems the owners were told about. The deliverer
 * (src/bot/handoff/topic-keeper.ts) reads and writes these through here.
 */
import type { Db } from '../../../db/client.ts'
import { findClientById, updateClient } from '../../../db/repositories/clients.ts'
import type { ClientRow } from '../../../db/schema.ts'
import { KvStorage } from '../../../db/storage.ts'
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
  const cards = new KvStorage<CardRef>(db, 'handoff:card:', clock.now)
  /** Set when a client's topic was lost or left behind, until the new one has the whole transcript. */
  const lost = new KvStorage<{ at: number; why?: 'deleted' | 'moved' }>(db, 'handoff:topic-lost:', clock.now)
  /** Staff-group problems the owners were told about, per group. */
  const problems = new KvStorage<{ at: number }>(db, 'handoff:problem:', clock.now)
  /** Clients whose topic Telegram refused even under a neutral name (owners told once). */
  const refused = new KvStorage<{ at: number }>(db, 'handoff:topic-refused:', clock.now)
  const at = () => ({ at: clock.now() })

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
      lost.write(String(clientId), { ...at(), why })
      transcript.resetPosted(clientId)
    },
    wasLost: (clientId: number): boolean => lost.read(String(clientId)) !== undefined,
    /** Why the client's new topic starts with the whole story. */
    lostWhy: (clientId: number): 'deleted' | 'moved' => lost.read(String(clientId))?.why ?? 'deleted',
    /** The new topic has the whole transcript now. */
    restored(clientId: number): void {
      lost.delete(String(clientId))
    },

    card: (clientId: number): CardRef | undefined => cards.read(String(clientId)),
    cardPosted(clientId: number, ref: CardRef): void {
      cards.write(String(clientId), ref)
    },

    /** Of these problems, the ones the owners have not been told about yet (and now are). */
    newProblems(groupId: number, found: readonly StaffGroupProblem[]): StaffGroupProblem[] {
      const fresh = found.filter((p) => !problems.read(`${groupId}:${p}`))
      for (const p of fresh) problems.write(`${groupId}:${p}`, at())
      return fresh
    },
    /** A topic could be created: whatever was wrong with the group is fixed. */
    groupHealthy(groupId: number): void {
      for (const p of STAFF_GROUP_PROBLEMS) problems.delete(`${groupId}:${p}`)
    },

    /** True the first time only: the owners are told once that this client's topic was refused. */
    firstRefusal(clientId: number): boolean {
      if (refused.read(String(clientId))) return false
      refused.write(String(clientId), at())
      return true
    },
  }
}
