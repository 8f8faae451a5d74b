/**
 * Who is on the team is asked on every update (a client's /start as much as a manager's
 * command): the team's rows are read once and kept until the next write to `staff`, so what
 * each asks must still be what the database says — a manager taken off the team loses access
 * with their next update.
 */
import { describe, expect, it } from 'vitest'
import {
  findStaff,
  rememberStaffName,
  removeSettingOwnersNotIn,
  removeStaff,
  renameStaff,
  setWelcomeOwed,
  upsertSettingOwner,
  upsertStaff,
} from '../../db/repositories/staff.ts'
import { countRuns, createTestDb } from '../helpers/db.ts'

const OWNER = 7001
const MANAGER = 7002
const CLIENT = 7003

/** Counts the reads of the staff table from now on. */
const staffReads = (sqlite: ReturnType<typeof createTestDb>['sqlite']) => countRuns(sqlite, /from "staff"/i, 'all')
const staffLookups = (sqlite: ReturnType<typeof createTestDb>['sqlite']) => countRuns(sqlite, /from "staff"/i, 'get')

describe("the team's rows", () => {
  it('are read once for everyone asked, clients and the team alike, until the next write', () => {
    const { db, sqlite } = createTestDb()
    const reads = staffReads(sqlite)
    const lookups = staffLookups(sqlite)
    upsertStaff(db, { telegramId: MANAGER, role: 'manager', addedBy: OWNER, name: 'Оля' }, 1_000)
    expect(findStaff(db, CLIENT)).toBeUndefined()
    expect(findStaff(db, MANAGER)?.role).toBe('manager')
    expect(findStaff(db, CLIENT + 1)).toBeUndefined()
    expect(findStaff(db, MANAGER)?.name).toBe('Оля')
    expect(reads() + lookups()).toBe(1)
  })

  it('every write through the repositories shows in the next read', () => {
    const { db } = createTestDb()
    expect(findStaff(db, MANAGER)).toBeUndefined()
    upsertStaff(db, { telegramId: MANAGER, role: 'manager', addedBy: OWNER }, 1_000)
    expect(findStaff(db, MANAGER)?.role).toBe('manager')
    rememberStaffName(db, MANAGER, 'Оля')
    expect(findStaff(db, MANAGER)?.name).toBe('Оля')
    renameStaff(db, MANAGER, 'Ольга')
    expect(findStaff(db, MANAGER)?.name).toBe('Ольга')
    setWelcomeOwed(db, MANAGER, true)
    expect(findStaff(db, MANAGER)?.welcomeOwed).toBe(true)
    upsertStaff(db, { telegramId: MANAGER, role: 'owner', addedBy: OWNER }, 2_000)
    expect(findStaff(db, MANAGER)?.role).toBe('owner')
    removeStaff(db, MANAGER, 3_000)
    expect(findStaff(db, MANAGER)).toBeUndefined()
    upsertSettingOwner(db, OWNER, 4_000)
    expect(findStaff(db, OWNER)?.role).toBe('owner')
    expect(removeSettingOwnersNotIn(db, [], 5_000).map((r) => r.telegramId)).toEqual([OWNER])
    expect(findStaff(db, OWNER)).toBeUndefined()
  })

  it('a caller changing its copy changes nobody else’s', () => {
    const { db } = createTestDb()
    upsertStaff(db, { telegramId: MANAGER, role: 'manager', addedBy: OWNER }, 1_000)
    const row = findStaff(db, MANAGER)
    if (!row) throw new Error('no row')
    row.role = 'owner'
    expect(findStaff(db, MANAGER)?.role).toBe('manager')
  })

  it('what was read inside a transaction that rolls back is not kept', () => {
    const { db, sqlite } = createTestDb()
    expect(findStaff(db, MANAGER)).toBeUndefined()
    expect(() =>
      sqlite.transaction(() => {
        upsertStaff(db, { telegramId: MANAGER, role: 'manager', addedBy: OWNER }, 1_000)
        expect(findStaff(db, MANAGER)?.role).toBe('manager')
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(findStaff(db, MANAGER)).toBeUndefined()
  })
})
