import { describe, expect, it } from 'vitest'
import { book } from '../helpers/booking.ts'
import { cardEdits, clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 12:00 in Moscow (the demo's zone)
const MONDAY = '2026-11-23'

describe('the comment a client adds when booking', () => {
  it('is on the client card in their topic and in the booking notice there', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 8301, 'Анна')
    await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z', comment: 'Про лендинг для кофейни' })
    await h.deps.scheduler.runDue()
    await h.drain()
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Новая запись на звонок'))
    expect(notice).toContain('Про лендинг для кофейни')
    const card = cardEdits(h).at(-1)
    expect(card).toContain('15:00')
    expect(card).toContain('Про лендинг для кофейни')
    expect(h.errors()).toEqual([])
  })
})
