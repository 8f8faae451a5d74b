import { describe, expect, it } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { parsePhone, phoneInText, phonesInText, writePhonesAsIn } from '../../src/phone.ts'
import { bookingsOf, slotData } from '../helpers/booking.ts'
import { sendThroughOutbox } from '../helpers/desk.ts'
import { discoveryContent } from '../helpers/flows.ts'
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

// A client who lives elsewhere than the business types their number as it is dialled where they
// live: read by their own zone's country (the staff calling from Moscow dial it as shown)
describe('a phone typed without a country code by a client in another country', () => {
  it('a London client of a Moscow business books a call: staff see the British number in its international form', async () => {
    const h = createHarness()
    const user = h.u.user(8811, { first_name: 'Jane', language_code: 'en-GB' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone London'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.timezone).toBe('Europe/London')
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T12:00Z')))
    await h.send(h.u.text(user, '07911 123456'))
    expect(h.fake.textsTo(user.id)).toContain('Number saved: +44 7911 123456')
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('+44 7911 123456')
    await h.send(h.u.callback(user, 'bk:ok'))
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('📱 +44 7911 123456')
    expect(bookingsOf(h, user).at(-1)?.phone).toBe('+447911123456')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+447911123456')
    expect(h.errors()).toEqual([])
  })

  it('a client who gave no zone of their own: the number stays as typed, as before', async () => {
    const h = createHarness()
    const user = h.u.user(8812, { first_name: 'Jane', language_code: 'en-GB' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T12:00Z')))
    await h.send(h.u.text(user, '07911 123456'))
    expect(h.fake.textsTo(user.id)).toContain('Number saved: 07911 123456')
    await h.send(h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('📱 07911 123456')
    expect(bookingsOf(h, user).at(-1)?.phone).toBe('07911 123456')
    expect(h.errors()).toEqual([])
  })

  it('the discovery phone question reads it by the client’s zone too', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: phone
      text: Phone?
      type: phone
    - key: task
      text: Task?
      type: text
`),
    })
    const user = h.u.user(8813, { first_name: 'Jane', language_code: 'en-GB' })
    await h.send(h.u.text(user, '/timezone London'))
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, '07911 123456'))
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client?.phone).toBe('+447911123456')
    expect(listAnswers(h.deps.db, client?.id ?? -1, 'discovery').map((a) => a.value)).toEqual(['+447911123456'])
    expect(h.errors()).toEqual([])
  })

  it('a number written to the manager is the one the booking asks about, in its international form', async () => {
    const h = createHarness()
    const user = h.u.user(8815, { first_name: 'Jane', language_code: 'en-GB' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone London'))
    await h.send(h.u.text(user, '/manager'), h.u.text(user, '07911 123456'))
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T12:00Z')))
    expect(h.fake.lastTextTo(user.id)).toContain('Call you on +44 7911 123456?')
    expect(h.errors()).toEqual([])
  })

  it('a number given with a question for a person: the card has it in its international form', async () => {
    const h = createHarness()
    const user = h.u.user(8814, { first_name: 'Jane', language_code: 'en-GB' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/timezone London'))
    await h.send(h.u.text(user, 'Please call me back on 07911 123456'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client?.phone).toBe('+447911123456')
    expect(h.fake.textsTo(STAFF_GROUP_ID, client?.topicId ?? -1).join('\n')).toContain('+44 7911 123456')
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

  it('with the client’s own zone: a number as dialled in that zone’s country, else as the business’s', () => {
    // The demo business is in Moscow
    expect(parsePhone('07911 123456', { zone: 'Europe/London' })).toBe('+447911123456')
    expect(parsePhone('07911 123456')).toBe('07911 123456')
    expect(parsePhone('(212) 555-0142', { zone: 'America/New_York' })).toBe('+12125550142')
    expect(parsePhone('917 555 4433', { zone: 'America/New_York' })).toBe('+19175554433')
    // A Russian mobile written as Russians write it, by a client in New York: no American number
    expect(parsePhone('917 555 44 33', { zone: 'America/New_York' })).toBe('917 555 44 33')
    expect(parsePhone('9175554433', { zone: 'America/New_York' })).toBe('9175554433')
    expect(parsePhone('087 123 4567', { zone: 'Europe/Dublin' })).toBe('+353871234567')
    // A zone that names no country (a clock typed, Dubai): the business's country's reading
    expect(parsePhone('07911 123456', { zone: 'Etc/GMT-4' })).toBe('07911 123456')
    // A Moscow mobile typed without its 8 is no London number, whoever types it
    expect(parsePhone('916 123 45 67', { zone: 'Europe/London' })).toBe('916 123 45 67')
    try {
      writePhonesAsIn('Europe/Dublin')
      expect(parsePhone('087 123 4567', { zone: null })).toBe('+353871234567')
      expect(parsePhone('07911 123456', { zone: 'Europe/London' })).toBe('+447911123456')
      // A client in Russia: a ten-digit number there stays as typed (it may be Kazakhstan's)
      expect(parsePhone('916 123-45-67', { zone: 'Europe/Moscow' })).toBe('916 123-45-67')
      // A number that is none of the client's country is read as the business's: a London
      // client's (or a Moscow one's) Irish mobile, given to a Dublin salon
      expect(parsePhone('087 123 4567', { zone: 'Europe/Moscow' })).toBe('+353871234567')
      expect(parsePhone('087 123 4567', { zone: 'Europe/London' })).toBe('+353871234567')
    } finally {
      writePhonesAsIn('Europe/Moscow')
    }
    // Among words, and two of them
    expect(phoneInText('call me on 07911 123456', { zone: 'Europe/London' })).toBe('+447911123456')
    expect(phonesInText('07911 123456 or 020 7946 0958', { zone: 'Europe/London' })).toEqual([
      '+447911123456',
      '+442079460958',
    ])
  })
})
