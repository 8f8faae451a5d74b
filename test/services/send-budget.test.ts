import { describe, expect, it } from 'vitest'
import { createSendBudget, type SendPriority } from '../../src/services/send-budget.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createSimClock } from '../helpers/sim-clock.ts'

// This test's own rules: 10 a second in total, 2 per 2 s per private chat, 3 a minute per group
const limits = {
  global: [{ max: 10, windowMs: 1_000 }],
  privateChat: [{ max: 2, windowMs: 2_000 }],
  group: [{ max: 3, windowMs: 60_000 }],
  bulk: [],
}

function setUp() {
  const clock = createSimClock()
  const budget = createSendBudget({ clock, limits })
  const granted: { tag: string; at: number }[] = []
  const ask = (tag: string, chatId: number, priority: SendPriority, count = 1, deadline?: number) =>
    budget.acquire({ chatId, count, priority, deadline }).then((grant) => {
      if (grant.ok) granted.push({ tag, at: clock.now() - start })
      return grant
    })
  const start = clock.now()
  return { clock, budget, granted, ask, start }
}

describe('the send budget', () => {
  it('people waiting for an answer go before broadcasts; broadcasts use what is left', async () => {
    const { clock, granted, ask } = setUp()
    const all: Promise<unknown>[] = []
    for (let i = 0; i < 15; i++) all.push(ask(`bulk${i}`, 1000 + i, 'bulk'))
    for (let i = 0; i < 5; i++) all.push(ask(`reply${i}`, 2000 + i, 'interactive'))
    await clock.run(Promise.all(all))
    // The first 10 places of the second went at once, to the first askers; then replies first
    const second = granted.filter((g) => g.at > 0).map((g) => g.tag)
    expect(second.slice(0, 5)).toEqual(['reply0', 'reply1', 'reply2', 'reply3', 'reply4'])
    for (const g of granted) {
      expect(granted.filter((o) => o.at > g.at - 1_000 && o.at <= g.at).length).toBeLessThanOrEqual(10)
    }
  })

  it('a chat that has no room does not hold up other chats; one chat keeps its order', async () => {
    const { clock, granted, ask } = setUp()
    const all = [
      ask('a1', 1, 'interactive'),
      ask('a2', 1, 'interactive'),
      ask('a3', 1, 'interactive'),
      ask('b1', 2, 'bulk'),
      ask('a4', 1, 'bulk'),
    ]
    await clock.run(Promise.all(all))
    expect(granted.filter((g) => g.tag.startsWith('a')).map((g) => g.tag)).toEqual(['a1', 'a2', 'a3', 'a4'])
    expect(granted.find((g) => g.tag === 'b1')?.at).toBe(0)
    expect(granted.find((g) => g.tag === 'a3')?.at).toBe(2_000)
  })

  it('an album needing several places is not starved by single messages of a lower priority', async () => {
    const { clock, granted, ask } = setUp()
    const all: Promise<unknown>[] = []
    for (let i = 0; i < 9; i++) all.push(ask(`fill${i}`, 3000 + i, 'bulk'))
    await clock.run(Promise.all(all))
    all.length = 0
    all.push(ask('album', 4000, 'interactive', 2))
    for (let i = 0; i < 20; i++) all.push(ask(`bulk${i}`, 5000 + i, 'bulk'))
    await clock.run(Promise.all(all))
    const album = granted.find((g) => g.tag === 'album')
    expect(album?.at).toBe(1_000)
    expect(granted.filter((g) => g.tag.startsWith('bulk') && g.at < 1_000)).toHaveLength(0)
  })

  it('a group: 3 a minute; a 429 holds the chat; a deadline gives up with when it could go', async () => {
    const { clock, budget, granted, ask } = setUp()
    const group = -100
    await clock.run(Promise.all([ask('g1', group, 'background'), ask('g2', group, 'background')]))
    budget.hold(group, clock.now() + 30_000)
    const late = await ask('g3', group, 'background', 1, clock.now() + 5_000)
    expect(late).toEqual({ ok: false, readyAt: clock.now() + 30_000 })
    await clock.run(Promise.all([ask('g3', group, 'background'), ask('g4', group, 'background')]))
    expect(granted.map((g) => [g.tag, g.at])).toEqual([
      ['g1', 0],
      ['g2', 0],
      ['g3', 30_000],
      ['g4', 60_000],
    ])
    // Two more fit once g3 has left the window
    expect(budget.chatReadyAt(group, 2)).toBe(clock.now() + 30_000)
  })

  it('forgets chats whose sends have left every window and holds that are over, and only those', async () => {
    const clock = createFakeClock()
    // Room for a thousand at once in total; the chats keep this test's own windows
    const budget = createSendBudget({ clock, limits: { ...limits, global: [{ max: 2_000, windowMs: 1_000 }] } })
    const start = clock.now()
    const broadcast: Promise<unknown>[] = []
    for (let i = 0; i < 1_000; i++) broadcast.push(budget.acquire({ chatId: 10_000 + i, count: 1, priority: 'bulk' }))
    await Promise.all(broadcast)
    const held = 7
    budget.hold(held, start + 2 * 3_600_000)
    budget.hold(8, start + 30_000)
    expect(budget.trackedKeys()).toBeGreaterThanOrEqual(1_001)

    // An hour later a group fills its window; every chat of the broadcast is long out of its own
    clock.advance(3_600_000)
    const group = -200
    for (let i = 0; i < 3; i++) await budget.acquire({ chatId: group, count: 1, priority: 'background' })
    for (let i = 0; i < 100; i++) budget.chatReadyAt(group, 1)
    // What is still needed stays: the group's window, the chat held for two hours (and the total's sends)
    expect(budget.trackedKeys()).toBeLessThanOrEqual(3)
    expect(budget.chatReadyAt(group, 1)).toBe(clock.now() + 60_000)
    expect(budget.chatReadyAt(held, 1)).toBe(start + 2 * 3_600_000)

    // Once the hold is over and the group's window has passed, nothing is kept
    clock.advance(2 * 3_600_000)
    for (let i = 0; i < 100; i++) budget.chatReadyAt(group, 1)
    expect(budget.trackedKeys()).toBe(0)
  })
})
