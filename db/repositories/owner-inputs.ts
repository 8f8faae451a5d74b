/** The step an owner's next message answers, one per owner (see src/services/owner-input.ts). */
import { eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { ownerInputs } from '../schema.ts'

export type OwnerInputRow = typeof ownerInputs.$inferSelect

export function findOwnerInput(db: Db, ownerId: number): OwnerInputRow | undefined {
  return db.select().from(ownerInputs).where(eq(ownerInputs.ownerId, ownerId)).get()
}

export function saveOwnerInput(db: Db, ownerId: number, step: unknown, startedAt: number): void {
  db.insert(ownerInputs)
    .values({ ownerId, step, startedAt })
    .onConflictDoUpdate({ target: ownerInputs.ownerId, set: { step, startedAt } })
    .run()
}

/** True when there was one. */
export function deleteOwnerInput(db: Db, ownerId: number): boolean {
  return db.delete(ownerInputs).where(eq(ownerInputs.ownerId, ownerId)).run().changes === 1
}
