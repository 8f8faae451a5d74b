import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { parsePhone } from '../../src/phone.ts'
import { bookingsOf, slotData } from '../helpers/booking.ts'
import { sendThroughOutbox } from '../helpers/desk.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

// A number typed without a country code cannot be grouped by its country: the client, the
// confirmation and the staff see it spaced the way the client typed it, not as a run of digits.
describe('a phone typed without a country code', () => {
  it('is shown as typed in the read-back, the confirmation and the staff notice', async () => {
    const h = createHarness()
    const user = h.u.user(8801, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-23'))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.text(user, '  020   7946\u00a00958 '))
    expect(h.fake.textsTo(user.id).at(-2)).toBe('Number saved: 020 7946 0958')
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('020 7946 0958')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id)).toContain('020 7946 0958')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('📱 020 7946 0958')
    expect(bookingsOf(h, user).at(-1)?.phone).toBe('020 7946 0958')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('020 7946 0958')
    // The digits find the client however the number was typed
    h.deps.services.staff.add(8802, 'manager', OWNER_ID, 'Светлана')
    await sendThroughOutbox(h, h.u.text(h.u.user(8802), '/find 02079460958', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Jane')
    expect(h.errors()).toEqual([])
  })
})

describe('parsePhone', () => {
  it('keeps a local number as typed, its whitespace made single spaces', () => {
    expect(parsePhone('020 7946 0958')).toBe('020 7946 0958')
    expect(parsePhone(' 916\t123-45-67 ')).toBe('916 123-45-67')
    expect(parsePhone('(916) 123\u201145\u201167')).toBe('(916) 123-45-67')
    expect(parsePhone('9161234567')).toBe('9161234567')
  })
})
