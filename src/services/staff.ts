import type { Db } from '../../db/client.ts'
import {
  findStaff,
  listStaff,
  type Role,
  rememberStaffName,
  removeSettingOwnersNotIn,
  removeStaff,
  renameStaff,
  setWelcomeOwed,
  staffMemberName,
  upsertSettingOwner,
  upsertStaff,
} from '../../db/repositories/staff.ts'
import type { StaffRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import { sameFirstName } from '../name-spellings.ts'
import { folded } from '../text.ts'

export type { Role } from '../../db/repositories/staff.ts'
export type StaffService = ReturnType<typeof createStaffService>

/**
 * Who is staff. Owners listed in OWNER_IDS are owners whatever the table says
 * (so an owner can never lock themselves out); everyone else's role is what
 * the `staff` table says at every check (its rows kept in memory until the next
 * write to it: db/repositories/staff.ts). The setting's owners are copied into the
 * table without `added_by` (owners added with /staff name who added them): those rows
 * follow the setting, see `retireFormerOwners`.
 */
export function createStaffService({ db, clock, ownerIds }: { db: Db; clock: Clock; ownerIds: readonly number[] }) {
  for (const id of ownerIds) {
    if (findStaff(db, id)?.role !== 'owner') upsertSettingOwner(db, id, clock.now())
  }
  const leaving: ((former: StaffRow) => void)[] = []
  return {
    /** `listener` runs for everyone taken off the team, however (`remove`, `retireFormerOwners`). */
    onRemoved(listener: (former: StaffRow) => void): void {
      leaving.push(listener)
    },
    /**
     * At start-up: the owners that came from OWNER_IDS and are no longer in it are
     * removed from the team (a partner who left loses the owner tools); owners added
     * with /staff stay. `tell` runs for each, in the same transaction, so the other
     * owners hear of it exactly once. Returns the removed rows.
     */
    retireFormerOwners(tell: (former: StaffRow) => void): StaffRow[] {
      return db.transaction(() => {
        const removed = removeSettingOwnersNotIn(db, ownerIds, clock.now())
        for (const former of removed) {
          tell(former)
          for (const listener of leaving) listener(former)
        }
        return removed
      })
    },
    /**
     * Their role; with `name` (their Telegram name as an update of theirs in a staff group or
     * their chat with the bot gives it), a team member's stored name follows it, compared with
     * the row the role was read from: an owner from OWNER_IDS, a manager added by id, is named
     * on cards and found by /assign from their first message or button press, and one who
     * renamed themselves in Telegram (the name they were added with is the one a forward showed
     * then) is named anew from their next. Written only when it differs, so an update under the
     * name as stored writes nothing. A client's update reads the row it read before, nothing
     * more; an owner from the setting, whose role needs no read, has theirs read only with a name.
     */
    roleOf(telegramId: number, name?: string): Role | undefined {
      const permanent = ownerIds.includes(telegramId)
      if (permanent && name === undefined) return 'owner'
      const row = findStaff(db, telegramId)
      if (row && name && row.name !== name) renameStaff(db, telegramId, name)
      return permanent ? 'owner' : row?.role
    },
    isStaff(telegramId: number): boolean {
      return this.roleOf(telegramId) !== undefined
    },
    /** An owner from OWNER_IDS: their role changes only in the setting, never with /staff. */
    isPermanentOwner(telegramId: number): boolean {
      return ownerIds.includes(telegramId)
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
    /** A staff member's row (name, role), if they are on the team. */
    find: (telegramId: number) => findStaff(db, telegramId),
    /** The name of someone on the team or who was on it (else their name as a client), for what they did (notes, answers, stats). */
    nameOf: (telegramId: number) => staffMemberName(db, telegramId),
    /**
     * Who on the team `query` names, by their name as cards show it (`nameOf`), case, "ё"/"е"
     * and spacing aside: everyone with exactly that name, else everyone whose name has each of
     * its words ("мария" for Мария Петрова), else each of them as people say a first name every
     * day ("маша" for Мария, "саша" for Александр and Александра: `sameFirstName`). More than
     * one: the caller asks which.
     */
    named(query: string): StaffRow[] {
      const words = (text: string) => folded(text).split(/\s+/).filter(Boolean)
      const wanted = words(query)
      if (wanted.length === 0) return []
      const team = listStaff(db).flatMap((row) => {
        const name = staffMemberName(db, row.telegramId)
        return name ? [{ row, name: words(name) }] : []
      })
      const whole = team.filter(({ name }) => name.join(' ') === wanted.join(' '))
      const each = team.filter(({ name }) => wanted.every((w) => name.includes(w)))
      const said = team.filter(({ name }) => wanted.every((w) => name.some((n) => sameFirstName(w, n))))
      const found = whole.length > 0 ? whole : each.length > 0 ? each : said
      return found.map(({ row }) => row)
    },
    /**
     * Keeps the Telegram name of a staff member who has none yet, for cards and lists, as another's
     * message or Telegram shows it (their own updates keep it current: `roleOf`).
     */
    rememberName(telegramId: number, name: string): void {
      rememberStaffName(db, telegramId, name)
    },
    add(telegramId: number, role: Role, addedBy: number, name?: string): void {
      upsertStaff(db, { telegramId, role, addedBy, name: name ?? null }, clock.now())
    },
    /**
     * The bot's welcome did not reach them (Telegram refused their chat): `owed` until it is given,
     * at their next /start. One delivered later (added again) gives it too.
     */
    welcomeOwed(telegramId: number, owed: boolean): void {
      setWelcomeOwed(db, telegramId, owed)
    },
    /** Owners from OWNER_IDS cannot be removed here: edit the setting instead. */
    remove(telegramId: number): boolean {
      if (this.isPermanentOwner(telegramId)) return false
      const former = removeStaff(db, telegramId, clock.now())
      if (former) for (const listener of leaving) listener(former)
      return former !== undefined
    },
  }
}
