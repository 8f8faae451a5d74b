import type { Db } from '../../db/client.ts'
import { rememberStaffName } from '../../db/repositories/handoffs.ts'
import { findStaff, listStaff, type Role, removeStaff, upsertStaff } from '../../db/repositories/staff.ts'
import type { Clock } from '../clock.ts'

export type { Role }
export type StaffService = ReturnType<typeof createStaffService>

/**
 * Who is staff. Owners listed in OWNER_IDS are owners whatever the table says
 * (so an owner can never lock themselves out); everyone else's role is read
 * from the `staff` table on every check.
 */
export function createStaffService({ db, clock, ownerIds }: { db: Db; clock: Clock; ownerIds: readonly number[] }) {
  for (const id of ownerIds) {
    if (findStaff(db, id)?.role !== 'owner') upsertStaff(db, { telegramId: id, role: 'owner' }, clock.now())
  }
  return {
    roleOf(telegramId: number): Role | undefined {
      if (ownerIds.includes(telegramId)) return 'owner'
      return findStaff(db, telegramId)?.role
    },
    isStaff(telegramId: number): boolean {
      return this.roleOf(telegramId) !== undefined
    },
    isOwner(telegramId: number): boolean {
      return this.roleOf(telegramId) === 'owner'
    },
    owners(): number[] {
      return [
        ...new Set([
          ...ownerIds,
          ...listStaff(db)
            .filter((s) => s.role === 'owner')
            .map((s) => s.telegramId),
        ]),
      ]
    },
    list: () => listStaff(db),
    /** A staff member's row (name, role), if they are in the table. */
    find: (telegramId: number) => findStaff(db, telegramId),
    /** Keeps the Telegram name of a staff member who has none yet, for cards and lists. */
    rememberName(telegramId: number, name: string): void {
      rememberStaffName(db, telegramId, name)
    },
    add(telegramId: number, role: Role, addedBy: number, name?: string): void {
      upsertStaff(db, { telegramId, role, addedBy, name: name ?? null }, clock.now())
    },
    /** Owners from OWNER_IDS cannot be removed here: edit the setting instead. */
    remove(telegramId: number): boolean {
      if (ownerIds.includes(telegramId)) return false
      return removeStaff(db, telegramId)
    },
  }
}
