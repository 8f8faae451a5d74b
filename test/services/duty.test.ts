import { describe, expect, it } from 'vitest'
import type { Content } from '../../src/content/schema.ts'
import { createContentStore } from '../../src/content/store.ts'
import { createDutyService, dutyShift, pickRoundRobin } from '../../src/services/desk/duty.ts'
import { createStaffService } from '../../src/services/staff.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createTestDb } from '../helpers/db.ts'
import { contentYaml, demoContent } from '../helpers/harness.ts'

const OWNER = 1
const SVETA = 101
const OLEG = 102
const IRA = 103
const GROUP = -1001234567890
const OTHER_GROUP = -1009876543210

function setUp(content: Content = demoContent()) {
  const { db } = createTestDb()
  const clock = createFakeClock('2026-11-23T09:00:00Z') // Monday 12:00 in Moscow
  const staff = createStaffService({ db, clock, ownerIds: [OWNER] })
  for (const id of [SVETA, OLEG, IRA]) staff.add(id, 'manager', OWNER, `m${id}`)
  const duty = createDutyService({
    db,
    clock,
    staff,
    content: createContentStore({ db, clock }, content, contentYaml(content)),
  })
  return { db, clock, staff, duty }
}

describe('round-robin', () => {
  it('picks whoever was given a request longest ago (never first), ties by id, passing over `exclude`', () => {
    expect(pickRoundRobin([])).toBeUndefined()
    expect(
      pickRoundRobin([
        { telegramId: 7, lastAssignedAt: 50 },
        { telegramId: 5, lastAssignedAt: null },
        { telegramId: 3, lastAssignedAt: 10 },
      ]),
    ).toBe(5)
    expect(
      pickRoundRobin([
        { telegramId: 7, lastAssignedAt: 10 },
        { telegramId: 3, lastAssignedAt: 10 },
      ]),
    ).toBe(3)
    expect(pickRoundRobin([{ telegramId: 3, lastAssignedAt: 10 }], 3)).toBeUndefined()
  })
})

describe('who is on duty', () => {
  it('two managers on duty take turns; one going off duty leaves everything to the other', () => {
    const { duty, clock } = setUp()
    expect(duty.assignNext(GROUP)).toBeUndefined()
    duty.set(SVETA, GROUP, true)
    duty.set(OLEG, GROUP, true)
    const turns: (number | undefined)[] = []
    for (let i = 0; i < 4; i++) {
      clock.advance(1_000)
      turns.push(duty.assignNext(GROUP))
    }
    expect(turns).toEqual([SVETA, OLEG, SVETA, OLEG])
    duty.set(SVETA, GROUP, false)
    clock.advance(1_000)
    expect([duty.assignNext(GROUP), duty.assignNext(GROUP)]).toEqual([OLEG, OLEG])
    expect(duty.roster(GROUP).map((m) => m.telegramId)).toEqual([OLEG])
  })

  it("duty is per staff group: on duty in one group takes none of the other's requests", () => {
    const { duty } = setUp()
    duty.set(SVETA, GROUP, true)
    duty.set(OLEG, OTHER_GROUP, true)
    expect([duty.assignNext(GROUP), duty.assignNext(OTHER_GROUP), duty.assignNext(GROUP)]).toEqual([SVETA, OLEG, SVETA])
    duty.set(SVETA, GROUP, false)
    expect(duty.assignNext(GROUP)).toBeUndefined()
    expect(duty.roster(OTHER_GROUP).map((m) => m.telegramId)).toEqual([OLEG])
  })

  it("keeps the client's own manager when they are on duty, and passes over the one excluded", () => {
    const { duty, clock } = setUp()
    duty.set(SVETA, GROUP, true)
    duty.set(OLEG, GROUP, true)
    clock.advance(1_000)
    expect(duty.assignNext(GROUP, { keep: OLEG })).toBe(OLEG)
    clock.advance(1_000)
    expect(duty.assignNext(GROUP, { keep: IRA })).toBe(SVETA) // Ira is not on duty: the turn goes on
    clock.advance(1_000)
    expect(duty.assignNext(GROUP, { exclude: OLEG })).toBe(SVETA)
    expect(duty.assignNext(GROUP, { keep: OLEG, exclude: OLEG })).toBe(SVETA)
    duty.set(SVETA, GROUP, false)
    expect(duty.assignNext(GROUP, { exclude: OLEG })).toBeUndefined()
  })

  it('a manager outside their own working hours is skipped; a removed one drops out', () => {
    const content = {
      ...demoContent(),
      managers: [{ id: OLEG, hours: { mon: ['14:00-20:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }],
    }
    const { duty, clock, staff } = setUp(content)
    duty.set(SVETA, GROUP, true)
    duty.set(OLEG, GROUP, true)
    expect(duty.roster(GROUP).map((m) => [m.telegramId, m.available])).toEqual([
      [SVETA, true],
      [OLEG, false],
    ])
    expect([duty.assignNext(GROUP), duty.assignNext(GROUP)]).toEqual([SVETA, SVETA])
    clock.set('2026-11-23T12:00:00Z') // 15:00 in Moscow: Oleg's shift
    expect(duty.assignNext(GROUP)).toBe(OLEG)
    staff.remove(SVETA)
    expect(duty.roster(GROUP).map((m) => m.telegramId)).toEqual([OLEG])
    expect(duty.set(SVETA, GROUP, true)).toBe(false) // not staff any more
  })
})

describe('a duty is a shift', () => {
  const at = (iso: string) => Date.parse(iso)
  const shiftOf = (since: string, content: Content = demoContent(), id = SVETA) => {
    const { day, ends } = dutyShift(at(since), id, content)
    return { day: new Date(day).toISOString(), ends: new Date(ends).toISOString() }
  }

  it('ends when the day it covers closes: the day begun, or the next working morning when that is near', () => {
    // Monday 12:00 Moscow: to Monday's closing at 19:00, not midnight (the night's requests are
    // not promised to someone gone home)
    expect(shiftOf('2026-11-23T09:00:00Z').ends).toBe('2026-11-23T16:00:00.000Z')
    // Sunday 22:00 (a day off), Monday 10:00 twelve hours ahead: Monday's
    expect(shiftOf('2026-11-29T19:00:00Z')).toEqual({
      day: '2026-11-30T07:00:00.000Z',
      ends: '2026-11-30T16:00:00.000Z',
    })
    // Monday 21:00, after closing: Tuesday's, so tonight's requests go to whoever will be there in the morning
    expect(shiftOf('2026-11-23T18:00:00Z')).toEqual({
      day: '2026-11-24T07:00:00.000Z',
      ends: '2026-11-24T16:00:00.000Z',
    })
    // Before a long closure: the day it was begun (eight hours at least), not the day after the holidays
    const holidays = demoContent()
    holidays.business.holidays = ['12-31', '01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08']
    expect(shiftOf('2026-12-30T17:00:00Z', holidays).ends).toBe('2026-12-31T01:00:00.000Z')
  })

  it('follows the member’s own hours, and lasts a few hours at least when begun just before midnight with the hours running on', () => {
    const evening = demoContent()
    const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
    evening.managers = [{ id: SVETA, hours: { ...week, mon: ['19:00-23:00'], tue: ['19:00-23:00'] } }]
    // Monday 19:05: this evening's shift, to its 23:00, not Tuesday's too
    expect(shiftOf('2026-11-23T16:05:00Z', evening).ends).toBe('2026-11-23T20:00:00.000Z')
    // Hours past midnight, written across two days: to their end, not eight hours on into the closed morning
    const night = structuredClone(demoContent())
    night.business.hours = { ...week, mon: ['22:00-24:00'], tue: ['00:00-02:00', '22:00-24:00'] }
    expect(shiftOf('2026-11-23T19:05:00Z', night, OLEG).ends).toBe('2026-11-23T23:00:00.000Z')
    const allDay = demoContent()
    allDay.business.hours = { ...week, mon: ['00:00-24:00'], tue: ['00:00-24:00'] }
    // Monday 23:50 on a business open round the clock: eight hours, not ten minutes
    expect(shiftOf('2026-11-23T20:50:00Z', allDay).ends).toBe('2026-11-24T04:50:00.000Z')
  })
})
