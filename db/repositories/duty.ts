/** Who of the staff is on duty in which staff group, and when each was last given a request (round-robin). */
import { and, eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type DutyRow, duty, staff } from '../schema.ts'

export type DutyMember = DutyRow & { name: string | null }

/** Turns duty in a group on or off for a staff member (their row is created on first use). */
export function setDuty(db: Db, telegramId: number, groupId: number, onDuty: boolean, now: number): void {
  db.insert(duty)
    .values({ telegramId, groupId, onDuty, changedAt: now })
    .onConflictDoUpdate({ target: [duty.telegramId, duty.groupId], set: { onDuty, changedAt: now } })
    .run()
}

/** Staff members on duty in the group (removed staff drop out with their rows). */
export function listOnDuty(db: Db, groupId: number): DutyMember[] {
  return db
    .select({
      telegramId: duty.telegramId,
      groupId: duty.groupId,
      onDuty: duty.onDuty,
      changedAt: duty.changedAt,
      lastAssignedAt: duty.lastAssignedAt,
      name: staff.name,
    })
    .from(duty)
    .innerJoin(staff, eq(staff.telegramId, duty.telegramId))
    .where(and(eq(duty.groupId, groupId), eq(duty.onDuty, true)))
    .all()
}

export function markAssigned(db: Db, telegramId: number, groupId: number, at: number): void {
  db.update(duty)
    .set({ lastAssignedAt: at })
    .where(and(eq(duty.telegramId, telegramId), eq(duty.groupId, groupId)))
    .run()
}

/** Whether the staff member ever turned duty on or off in the group: they take part in its rota. */
export function hasDutyRow(db: Db, telegramId: number, groupId: number): boolean {
  return (
    db
      .select({ id: duty.telegramId })
      .from(duty)
      .where(and(eq(duty.telegramId, telegramId), eq(duty.groupId, groupId)))
      .get() !== undefined
  )
}
