import { and, eq, isNull, notInArray } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { keptUntilWrite, perConnection } from '../prepared.ts'
import { formerStaff, type StaffRow, staff } from '../schema.ts'

export type Role = StaffRow['role']

const allRows = perConnection((db) => db.select().from(staff).prepare())

/**
 * The team's rows by Telegram id: whose role is asked on every update, a client's as much as a
 * manager's. The whole table (the team: a few rows) is read once and kept until the next write
 * to it, and every write to `staff` goes through this module and drops it: a manager taken off
 * the team loses access with their next update all the same, and a client's update reads
 * nothing (it read the table by their id).
 */
const teamSinceWrite = keptUntilWrite<'team', { byId: ReadonlyMap<number, StaffRow> }>()
const wrote = teamSinceWrite.wrote

function team(db: Db): ReadonlyMap<number, StaffRow> {
  const known = teamSinceWrite.get(db, 'team')
  if (known) return known.byId
  const byId = new Map(
    allRows(db)
      .all()
      .map((row) => [row.telegramId, Object.freeze(row)] as const),
  )
  return teamSinceWrite.keep(db, 'team', { byId }).byId
}

export function findStaff(db: Db, telegramId: number): StaffRow | undefined {
  const row = team(db).get(telegramId)
  // A copy: some callers change theirs
  return row && { ...row }
}

export function listStaff(db: Db): StaffRow[] {
  return [...team(db).values()].map((row) => ({ ...row }))
}

/**
 * Adds a team member, or gives one on the team their new role. `added_by` is who did it last: the
 * owner whose adding stands now (the welcome still owed to someone who had not opened the bot
 * names them with the role they gave, not whoever added them first with another); an adding
 * that names nobody keeps the one recorded. So does one with no name (by id, asked before the bot
 * knew theirs) keep the name stored: it emptied the name cards and /staff showed them by.
 */
export function upsertStaff(
  db: Db,
  row: { telegramId: number; role: Role; name?: string | null; addedBy?: number | null },
  now: number,
): void {
  wrote(db)
  db.insert(staff)
    .values({ ...row, createdAt: now })
    .onConflictDoUpdate({
      target: staff.telegramId,
      set: {
        role: row.role,
        ...(row.name != null ? { name: row.name } : {}),
        ...(row.addedBy != null ? { addedBy: row.addedBy } : {}),
      },
    })
    .run()
}

/**
 * Their name as Telegram gives it now, when it is no longer the one stored (they renamed
 * themselves): one write, only when it changed (the caller compares it with the row it read).
 */
export function renameStaff(db: Db, telegramId: number, name: string): void {
  wrote(db)
  db.update(staff).set({ name }).where(eq(staff.telegramId, telegramId)).run()
}

/** Staff rows have a name only when someone gave one: keep the Telegram name of a manager who acts. */
export function rememberStaffName(db: Db, telegramId: number, name: string): void {
  wrote(db)
  db.update(staff)
    .set({ name })
    .where(and(eq(staff.telegramId, telegramId), isNull(staff.name)))
    .run()
}

/** Whether the bot's welcome is still theirs to get (`staff.welcomeOwed`); nobody on the team: nothing. */
export function setWelcomeOwed(db: Db, telegramId: number, owed: boolean): void {
  wrote(db)
  db.update(staff).set({ welcomeOwed: owed }).where(eq(staff.telegramId, telegramId)).run()
}

/** Takes them off the team (their duty rows go with them) and keeps their name for what they did. */
export function removeStaff(db: Db, telegramId: number, now: number): StaffRow | undefined {
  wrote(db)
  return db.transaction(() => {
    const removed = db.delete(staff).where(eq(staff.telegramId, telegramId)).returning().all()
    rememberFormer(db, removed, now)
    return removed[0]
  })
}

function rememberFormer(db: Db, rows: readonly StaffRow[], now: number): void {
  for (const { telegramId, name } of rows) {
    db.insert(formerStaff)
      .values({ telegramId, name, removedAt: now })
      .onConflictDoUpdate({ target: formerStaff.telegramId, set: { name, removedAt: now } })
      .run()
  }
}

/**
 * The name of someone on the team, or who was on it (what they did still says who did it), else
 * the one they have as a client, else their Telegram name as their own account connected to the
 * bot showed it (Telegram Business: an owner from the settings who never wrote in the group): the
 * team's one chain of names (stats reads the same one).
 */
const nameById = perConnection((db) =>
  db.$client.prepare<{ id: number }, { name: string | null }>(
    `select coalesce(
       (select name from staff where telegram_id = :id),
       (select name from former_staff where telegram_id = :id),
       (select coalesce(display_name, first_name) from clients where telegram_id = :id),
       (select name from business_connections where user_id = :id and name is not null
         order by updated_at desc limit 1)
     ) as name`,
  ),
)

export function staffMemberName(db: Db, telegramId: number): string | undefined {
  return nameById(db).get({ id: telegramId })?.name ?? undefined
}

/**
 * An owner from the OWNER_IDS setting: their row has no `added_by` (owners and managers
 * added with /staff name the owner who added them). A manager listed in the setting
 * becomes such an owner; their name is kept.
 */
export function upsertSettingOwner(db: Db, telegramId: number, now: number): void {
  wrote(db)
  db.insert(staff)
    .values({ telegramId, role: 'owner', addedBy: null, createdAt: now })
    .onConflictDoUpdate({ target: staff.telegramId, set: { role: 'owner', addedBy: null } })
    .run()
}

/** Removes the owners that came from OWNER_IDS and are no longer in it; returns their rows. */
export function removeSettingOwnersNotIn(db: Db, ownerIds: readonly number[], now: number): StaffRow[] {
  wrote(db)
  return db.transaction(() => {
    const removed = db
      .delete(staff)
      .where(and(eq(staff.role, 'owner'), isNull(staff.addedBy), notInArray(staff.telegramId, [...ownerIds])))
      .returning()
      .all()
    rememberFormer(db, removed, now)
    return removed
  })
}
