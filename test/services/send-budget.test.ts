import { describe, expect, it } from 'vitest'
import { createSendBudget, type SendPriority } from '../../src/services/send-budget.ts'
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
})
