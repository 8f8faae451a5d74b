/**
 * What an owner's next message means, when a step asked for one: the message to
 * broadcast, or the person to add to the staff. Stored in the database (not in memory),
 * so a restart between the question and the answer loses nothing; it expires after a
 * while so a forgotten step never captures a message sent days later.
 */

import type { Db } from '../../db/client.ts'
import { KvStorage } from '../../db/storage.ts'
import type { Clock } from '../clock.ts'

export type OwnerInput =
  | { kind: 'broadcast'; at: number; rejectedGroup?: string }
  | { kind: 'staff-add'; role: 'manager' | 'owner'; at: number }
  | { kind: 'staff-confirm'; role: 'manager' | 'owner'; id: number; name: string | null; at: number }

const TTL_MS = 30 * 60_000

export type OwnerInputService = ReturnType<typeof createOwnerInputService>

export function createOwnerInputService({ db, clock }: { db: Db; clock: Clock }) {
  const storage = new KvStorage<OwnerInput>(db, 'owner-input:', () => clock.now())
  return {
    expect(ownerId: number, input: OwnerInput): void {
      storage.write(String(ownerId), input)
    },
    /** The pending step, or undefined (none, or expired). */
    pending(ownerId: number): OwnerInput | undefined {
      const value = storage.read(String(ownerId))
      if (!value) return undefined
      if (clock.now() - value.at > TTL_MS) {
        storage.delete(String(ownerId))
        return undefined
      }
      return value
    },
    clear(ownerId: number): boolean {
      const had = storage.read(String(ownerId)) !== undefined
      storage.delete(String(ownerId))
      return had
    },
  }
}
