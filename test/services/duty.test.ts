import { describe, expect, it } from 'vitest'
import type { Content } from '../../src/content/schema.ts'
import { createContentStore } from '../../src/content/store.ts'
import { createDutyService, pickRoundRobin } from '../../src/services/desk/duty.ts'
import { createStaffService } from '../../src/services/staff.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createTestDb } from '../helpers/db.ts'
import { demoContent } from '../helpers/harness.ts'

const OWNER = 1
const SVETA = 101
const OLEG = 102
const IRA = 103

function setUp(content: Content = demoContent()) {
  const { db } = createTestDb()
  const clock = createFakeClock('2026-11-23T09:00:00Z') // Monday 12:00 in Moscow
  const staff = createStaffService({ db, clock, ownerIds: [OWNER] })
  for (const id of [SVETA, OLEG, IRA]) staff.add(id, 'manager', OWNER, `m${id}`)
  const duty = createDutyService({ db, clock, staff, content: createContentStore({ db, clock }, content) })
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
    expect(duty.assignNext()).toBeUndefined()
    expect(duty.anyoneAvailable()).toBe(false)
    duty.set(SVETA, true)
    duty.set(OLEG, true)
    const turns: (number | undefined)[] = []
    for (let i = 0; i < 4; i++) {
      clock.advance(1_000)
      turns.push(duty.assignNext())
    }
    expect(turns).toEqual([SVETA, OLEG, SVETA, OLEG])
    duty.set(SVETA, false)
    clock.advance(1_000)
    expect([duty.assignNext(), duty.assignNext()]).toEqual([OLEG, OLEG])
    expect(duty.roster().map((m) => m.telegramId)).toEqual([OLEG])
  })

  it("keeps the client's own manager when they are on duty, and passes over the one excluded", () => {
    const { duty, clock } = setUp()
    duty.set(SVETA, true)
    duty.set(OLEG, true)
    clock.advance(1_000)
    expect(duty.assignNext({ keep: OLEG })).toBe(OLEG)
    clock.advance(1_000)
    expect(duty.assignNext({ keep: IRA })).toBe(SVETA) // Ira is not on duty: the turn goes on
    clock.advance(1_000)
    expect(duty.assignNext({ exclude: OLEG })).toBe(SVETA)
    expect(duty.assignNext({ keep: OLEG, exclude: OLEG })).toBe(SVETA)
    duty.set(SVETA, false)
    expect(duty.assignNext({ exclude: OLEG })).toBeUndefined()
  })

  it('a manager outside their own working hours is skipped; a removed one drops out', () => {
    const content = {
      ...demoContent(),
      managers: [{ id: OLEG, hours: { mon: ['14:00-20:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }],
    }
    const { duty, clock, staff } = setUp(content)
    duty.set(SVETA, true)
    duty.set(OLEG, true)
    expect(duty.roster().map((m) => [m.telegramId, m.available])).toEqual([
      [SVETA, true],
      [OLEG, false],
    ])
    expect([duty.assignNext(), duty.assignNext()]).toEqual([SVETA, SVETA])
    clock.set('2026-11-23T12:00:00Z') // 15:00 in Moscow: Oleg's shift
    expect(duty.assignNext()).toBe(OLEG)
    staff.remove(SVETA)
    expect(duty.roster().map((m) => m.telegramId)).toEqual([OLEG])
    expect(duty.set(SVETA, true)).toBe(false) // not staff any more
  })
})
