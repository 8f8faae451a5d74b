import { eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type StaffRow, staff } from '../schema.ts'

export type Role = StaffRow['role']

export function findStaff(db: Db, telegramId: number): StaffRow | undefined {
  return db.select().from(staff).where(eq(staff.telegramId, telegramId)).get()
}

export function listStaff(db: Db): StaffRow[] {
  return db.select().from(staff).all()
}

export function upsertStaff(
  db: Db,
  row: { telegramId: number; role: Role; name?: string | null; addedBy?: number | null },
  now: number,
): void {
  db.insert(staff)
    .values({ ...row, createdAt: now })
    .onConflictDoUpdate({ target: staff.telegramId, set: { role: row.role, name: row.name ?? null } })
    .run()
}

export function removeStaff(db: Db, telegramId: number): boolean {
  return db.delete(staff).where(eq(staff.telegramId, telegramId)).run().changes > 0
}
