import { describe, expect, it } from 'vitest'
import { book, slotData } from '../helpers/booking.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 12:00 in Moscow (the demo's zone)
const MONDAY = '2026-11-23'

describe('the notice that a client moved their call', () => {
  it('comes in their topic before what the client writes right after the move', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 8311, 'Анна')
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.deps.scheduler.runDue()
    await h.drain()
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    // Confirmed, and a word typed at once: nothing ran in between (the jobs run after it)
    const thanks = h.u.text(user, 'Так мне удобнее, спасибо')
    await h.send(h.u.callback(user, 'bk:ok'), thanks)
    await h.deps.scheduler.runDue()
    await h.drain()
    // What came into the topic, in order: the bot's posts by their text, the client's message by
    // its copy (or its words, when they went in a post of the bot's)
    const topic = h.fake.calls
      .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && !c.method.startsWith('edit'))
      .filter((c) => Number(c.payload.message_thread_id) === topicId)
      .map((c) =>
        Number(c.payload.from_chat_id) === user.id && Number(c.payload.message_id) === thanks.message?.message_id
          ? 'Так мне удобнее, спасибо'
          : String(c.payload.text ?? c.payload.caption ?? ''),
      )
    const moved = topic.findIndex((t) => t.includes('Клиент перенёс звонок'))
    const words = topic.findIndex((t) => t.includes('Так мне удобнее, спасибо'))
    expect(moved).toBeGreaterThanOrEqual(0)
    expect(words).toBeGreaterThan(moved)
    expect(topic[moved]).toContain('вторник, 24 ноября, 11:00–11:30')
    expect(h.errors()).toEqual([])
  })
})
