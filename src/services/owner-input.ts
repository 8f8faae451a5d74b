/**
 * What an owner's next message means, when a step asked for one: the message to
 * broadcast, or the person to add to the staff. Stored in the database (not in memory),
 * so a restart between the question and the answer loses nothing; it expires after a
 * while so a forgotten step never captures a message sent days later.
 */
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { deleteOwnerInput, findOwnerInput, saveOwnerInput } from '../../db/repositories/owner-inputs.ts'
import type { Clock } from '../clock.ts'

const role = z.enum(['manager', 'owner'])
/** The steps an owner's next message may answer; `at` is when the step began. */
const ownerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('broadcast'), at: z.number(), rejectedGroup: z.string().optional() }),
  z.object({ kind: z.literal('staff-add'), role, at: z.number() }),
  z.object({
    kind: z.literal('staff-confirm'),
    role,
    id: z.number().int(),
    name: z.string().nullable(),
    at: z.number(),
  }),
])
export type OwnerInput = z.infer<typeof ownerInput>

const TTL_MS = 30 * 60_000

export type OwnerInputService = ReturnType<typeof createOwnerInputService>

export function createOwnerInputService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    expect(ownerId: number, input: OwnerInput): void {
      saveOwnerInput(db, ownerId, input, input.at)
    },
    /** The pending step, or undefined (none, expired, or stored by a version that had other steps). */
    pending(ownerId: number): OwnerInput | undefined {
      const row = findOwnerInput(db, ownerId)
      if (!row) return undefined
      const step = ownerInput.safeParse(row.step)
      if (!step.success || clock.now() - row.startedAt > TTL_MS) {
        deleteOwnerInput(db, ownerId)
        return undefined
      }
      return step.data
    },
    /**
     * Ends the pending step. True only if one was still live: an expired step is gone
     * already for every other purpose, so /cancel must not answer "cancelled" for it (and
     * skip stopping the broadcast the owner meant).
     */
    clear(ownerId: number): boolean {
      const live = this.pending(ownerId) !== undefined
      deleteOwnerInput(db, ownerId)
      return live
    },
  }
}
