/** Who of the staff is on duty, and when each was last given a request (round-robin). */
import { eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type DutyRow, duty, staff } from '../schema.ts'

export type DutyMember = DutyRow & { name: string | null }

/** Turns duty on or off for a staff member (their row is created on first use). */
export function setDuty(db: Db, telegramId: number, onDuty: boolean, now: number): void {
  db.insert(duty)
    .values({ telegramId, onDuty, changedAt: now })
    .onConflictDoUpdate({ target: duty.telegramId, set: { onDuty, changedAt: now } })
    .run()
}

/** Staff members on duty (removed staff drop out with their row). */
export function listOnDuty(db: Db): DutyMember[] {
  return db
    .select({
      telegramId: duty.telegramId,
      onDuty: duty.onDuty,
      changedAt: duty.changedAt,
      lastAssignedAt: duty.lastAssignedAt,
      name: staff.name,
    })
    .from(duty)
    .innerJoin(staff, eq(staff.telegramId, duty.telegramId))
    .where(eq(duty.onDuty, true))
    .all()
}

export function findDuty(db: Db, telegramId: number): DutyRow | undefined {
  return db.select().from(duty).where(eq(duty.telegramId, telegramId)).get()
}

export function markAssigned(db: Db, telegramId: number, at: number): void {
  db.update(duty).set({ lastAssignedAt: at }).where(eq(duty.telegramId, telegramId)).run()
}
