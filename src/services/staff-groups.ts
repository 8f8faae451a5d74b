/**
 * The staff groups: forum supergroups where each client who talks to a person
 * gets a topic. With several groups (STAFF_GROUP_IDS) each client belongs to
 * one of them for good (sticky), so their topic, card and history stay in one
 * place: chosen when they first need a topic, by the content file's rules
 * (`handoff.groups`: language, product) or else the group with the least work
 * queued. Each group has its own rate budget (the send budget counts per chat).
 */
import type { Db } from '../../db/client.ts'
import { findClientById, findClientByTopic, updateClient } from '../../db/repositories/clients.ts'
import { countPending } from '../../db/repositories/outbox.ts'
import { currentQuizResult, quizPick } from '../../db/repositories/quiz-results.ts'
import type { ClientRow } from '../../db/schema.ts'
import type { ContentStore } from '../content/store.ts'

export type StaffGroups = ReturnType<typeof createStaffGroups>

/** A client leaves group `from` for `to`: their topic there is left behind, what waits for it goes along. */
export type LeaveGroup = (clientId: number, from: number, to: number) => void

export function createStaffGroups({ db, ids, content }: { db: Db; ids: readonly number[]; content: ContentStore }) {
  const [first] = ids
  if (first === undefined) throw new Error('at least one staff group is needed')
  /** Set by the handoff (`onLeave`), which keeps the topics and the queue. */
  let leave: LeaveGroup | undefined

  /** The first group a rule of the content file sends this client to, if any. */
  function ruleFor(client: ClientRow): number | undefined {
    const result = currentQuizResult(db, client.id)
    const product = result && quizPick(result)
    for (const rule of content.get().handoff.groups) {
      if (!ids.includes(rule.group)) continue
      if (rule.languages && !(client.language && rule.languages.includes(client.language))) continue
      if (rule.products && !(product && rule.products.includes(product))) continue
      return rule.group
    }
    return undefined
  }

  /** The group with the least work queued (the first of equals). */
  function leastLoaded(): number {
    let best = first as number
    let bestLoad = Number.POSITIVE_INFINITY
    for (const id of ids) {
      const load = countPending(db, id)
      if (load < bestLoad) {
        best = id
        bestLoad = load
      }
    }
    return best
  }

  return {
    ids,
    isStaffGroup: (chatId: number | undefined): boolean => chatId !== undefined && ids.includes(chatId),

    /**
     * Groups the content file's rules (`handoff.groups`) name that the settings do not have:
     * their rules are skipped. The content check cannot see the settings, so the bot says so.
     */
    unknownRuleGroups(): number[] {
      return [...new Set(content.get().handoff.groups.map((rule) => rule.group))].filter((id) => !ids.includes(id))
    },

    /** The group a client's topic lives in; chosen (and kept) the first time they need one. */
    groupOf(clientId: number): number {
      const client = findClientById(db, clientId)
      if (!client) return first
      if (client.staffGroupId !== null && ids.includes(client.staffGroupId)) return client.staffGroupId
      // A topic from before several groups lives in the one group there was
      const chosen =
        client.staffGroupId === null && client.topicId !== null ? first : (ruleFor(client) ?? leastLoaded())
      // A group taken out of the settings: its topic is out of reach, a new one starts with the
      // whole story, and what waited for the old one goes to the new one (as after /move)
      const from = client.staffGroupId
      if (from !== null) leave?.(clientId, from, chosen)
      updateClient(db, clientId, { staffGroupId: chosen, ...(from !== null ? { topicId: null } : {}) })
      return chosen
    },

    /**
     * The group the client's topic is in, read without choosing or moving (`groupOf` would):
     * undefined when it was taken out of the settings — the topic's id there is another
     * client's in the group that replaced it. Ask only about a client who has a topic.
     */
    topicGroupOf(client: Pick<ClientRow, 'staffGroupId'>): number | undefined {
      // A topic from before several groups lives in the one group there was
      if (client.staffGroupId === null) return first
      return ids.includes(client.staffGroupId) ? client.staffGroupId : undefined
    },

    /** How a client leaves a group (the handoff's part: their topic, their queue). */
    onLeave(fn: LeaveGroup): void {
      leave = fn
    },

    /** The client whose topic this is in this group. */
    clientByTopic: (groupId: number, topicId: number): ClientRow | undefined =>
      findClientByTopic(db, groupId, topicId, first),

    /** 1 for the first group, 2 for the second…, for people; undefined for a chat that is none. */
    numberOf: (chatId: number): number | undefined => {
      const i = ids.indexOf(chatId)
      return i < 0 ? undefined : i + 1
    },
  }
}
