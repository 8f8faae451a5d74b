import { describe, expect, it } from 'vitest'
import { book, bookingsOf, slotData } from '../helpers/booking.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow (the demo's
// time zone, UTC+3); the demo studio works Mon–Fri 10–19; "call me now" promises 15 minutes
// of working time; slots of 30 minutes, at least 60 minutes ahead.
const ZONE = 'Moscow Time, UTC+3'

/** An English client asks for a call now and gives their number; returns the request. */
async function askCallNow(h: Harness, id: number, language_code = 'en') {
  const user = h.u.user(id, { first_name: 'Jane', language_code })
  await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+44 20 7946 0958'))
  const call = bookingsOf(h, user)[0]
  if (call?.kind !== 'now') throw new Error(`no "call me now" request: ${h.fake.lastTextTo(user.id)}`)
  return { user, call }
}

const lastPopUp = (h: Harness) => h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text
const buttonTexts = (h: Harness, chatId: number) => h.fake.lastButtonsTo(chatId).map((b) => b.text)

describe('a "call me now" is named by the time promised, everywhere', () => {
  it('asked at noon: /mybookings, its buttons, a move and its confirmation say 12:15, never 12:00', async () => {
    const h = createHarness()
    const { user, call } = await askCallNow(h, 7101)
    expect(h.fake.lastTextTo(user.id)).toContain(`A manager will call you back by 12:15 (${ZONE}).`)

    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain(`• We will call you back, at the latest: 12:15 (${ZONE})`)
    expect(buttonTexts(h, user.id).slice(0, 2)).toEqual(['🔄 Move the call (by 12:15)', '✖ Cancel the call (by 12:15)'])

    await h.send(h.u.callback(user, `bkm:resched:${call.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Your call: by 12:15.')
    await h.send(h.u.callback(user, 'bkd:2026-11-24'), h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.lastTextTo(user.id)).toBe(
      `Move the call?\nCurrently: by 12:15\nNew time: Tuesday 24 November, 11:00–11:30 (${ZONE})`,
    )
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      `Moved ✅ Your call is now Tuesday 24 November, 11:00–11:30 (${ZONE}).\nWas: by 12:15.`,
    )
    // The moment the client asked is nobody's call time
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('12:00'))).toEqual([])
    expect(buttonTexts(h, user.id).join(' ')).not.toContain('12:00')
    expect(bookingsOf(h, user)).toMatchObject([{ kind: 'slot', slotStart: Date.parse('2026-11-24T08:00Z') }])
    expect(h.errors()).toEqual([])
  })

  it("asked five minutes before closing: the next morning's promise, not a range from the evening", async () => {
    const h = createHarness()
    h.clock.set('2026-11-23T15:55Z') // 18:55 in Moscow, closing at 19:00
    const { user, call } = await askCallNow(h, 7102)
    expect(h.fake.lastTextTo(user.id)).toContain(`A manager will call you back by Tue 24 Nov, 10:10 (${ZONE}).`)
    const by = 'by Tue 24 Nov, 10:10'

    await h.send(h.u.text(user, '/mybookings'))
    expect(buttonTexts(h, user.id).slice(0, 2)).toEqual([`🔄 Move the call (${by})`, `✖ Cancel the call (${by})`])
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain(`You already have a call booked: ${by} (${ZONE}).`)
    await h.send(h.u.callback(user, `bkm:resched:${call.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain(`Your call: ${by}.`)

    await h.send(h.u.callback(user, `bkm:cancel:${call.id}`))
    expect(h.fake.lastTextTo(user.id)).toBe(`Cancel the call: ${by} (${ZONE})?`)
    await h.send(h.u.callback(user, `bkm:keep:${call.id}`))
    expect(h.fake.lastTextTo(user.id)).toBe(`All right, the call stays: ${by} (${ZONE}).`)
    await h.send(h.u.callback(user, `bkm:cancel:${call.id}`))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toBe(`The call (${by}) is cancelled. Book again whenever you need.`)
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('18:55'))).toEqual([])
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')
  })

  it('"No answer" to a "call me now" tells the client they were called back as asked, naming no time of its own', async () => {
    const h = createHarness()
    const { user, call } = await askCallNow(h, 7103, 'ru')
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.set('2026-11-23T09:10Z')
    const at = call.slotStart / 60_000
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bko:noans:${call.id}:${at}`, { chatId: STAFF_GROUP_ID }))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain('Jane, мы перезвонили вам, как вы просили, но не дозвонились.')
  })
})

describe('a "call me now" whose promised time has passed stays the client’s open call until staff mark it', () => {
  it('20 minutes later: /mybookings shows it running late, and Cancel asks about it and cancels it', async () => {
    const h = createHarness()
    const { user, call } = await askCallNow(h, 7111)
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.set('2026-11-23T09:20Z') // 12:20: nobody has called, nobody has marked the call

    await h.send(h.u.text(user, '/mybookings'))
    const mine = h.fake.lastTextTo(user.id)
    expect(mine).toContain(
      `• We promised to call you back by 12:15 (${ZONE}) and are running late: we will call as soon as we are free.`,
    )
    expect(mine).not.toContain('No calls scheduled.')
    expect(buttonTexts(h, user.id).slice(0, 2)).toEqual(['🔄 Move the call (by 12:15)', '✖ Cancel the call (by 12:15)'])

    await h.send(h.u.callback(user, `bkm:cancel:${call.id}`))
    expect(lastPopUp(h)).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toBe(`Cancel the call: by 12:15 (${ZONE})?`)
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toBe('The call (by 12:15) is cancelled. Book again whenever you need.')
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')
    // Nothing ever told the client the call had been held
    expect(h.fake.textsTo(user.id).some((t) => /taken place|No calls scheduled/.test(t))).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('20 minutes later: Move takes it to a real time; the staff alert’s buttons then say it was moved', async () => {
    const h = createHarness()
    const { user, call } = await askCallNow(h, 7112)
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.set('2026-11-23T09:20Z')

    await h.send(h.u.callback(user, `bkm:resched:${call.id}`))
    expect(lastPopUp(h)).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('Your call: by 12:15.')
    await h.send(h.u.callback(user, 'bkd:2026-11-23'), h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id)).toContain('Moved ✅ Your call is now Monday 23 November, 15:00–15:30')
    expect(bookingsOf(h, user)).toMatchObject([
      { status: 'booked', kind: 'slot', slotStart: Date.parse('2026-11-23T12:00Z') },
    ])

    const at = call.slotStart / 60_000
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bko:called:${call.id}:${at}`, { chatId: STAFF_GROUP_ID }))
    expect(lastPopUp(h)).toContain('Этот звонок уже перенесли')
    expect(bookingsOf(h, user)[0]?.status).toBe('booked')
  })

  it('one call at a time: a client whose request is late is shown it, not a second booking', async () => {
    const h = createHarness()
    const { user, call } = await askCallNow(h, 7113)
    h.clock.set('2026-11-23T09:20Z')
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain(`You already have a call booked: by 12:15 (${ZONE}).`)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain(`bkm:resched:${call.id}`)
    // A "call me now" left on an older message asks for nothing either
    await h.send(h.u.callback(user, 'bk:now'))
    await h.send(h.u.text(user, '+44 20 7946 0958'))
    expect(bookingsOf(h, user)).toHaveLength(1)
    // A day after the time promised, one nobody marked keeps them from booking no more
    h.clock.set('2026-11-24T09:20Z')
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('You already have a call booked')
  })

  it('once staff mark it made, it is over: Move says the call took place', async () => {
    const h = createHarness()
    const { user, call } = await askCallNow(h, 7114)
    h.clock.set('2026-11-23T09:20Z')
    const at = call.slotStart / 60_000
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bko:called:${call.id}:${at}`, { chatId: STAFF_GROUP_ID }))
    await h.send(h.u.callback(user, `bkm:resched:${call.id}`))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^This call has already taken place \(.+\)\. To talk again, book a new call/,
    )
    expect(h.fake.textsTo(user.id).join('\n')).not.toContain('No calls scheduled.')
  })

  it('staff cannot move a missed call onto a client whose later "call me now" is still open', async () => {
    const h = createHarness()
    const vera = h.u.user(7115, { first_name: 'Вера' })
    const slot = '2026-11-23T12:00Z' // 15:00 in Moscow
    const missed = await book(h, vera, { day: '2026-11-23', slot })
    h.clock.set('2026-11-23T12:40Z') // 15:40: the slot's window is over, nobody marked it
    await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bk:now'), h.u.text(vera, '+79161234567'))
    expect(bookingsOf(h, vera).map((b) => b.kind)).toEqual(['slot', 'now'])
    h.clock.set('2026-11-23T13:00Z') // 16:00: the request's 15:55 has passed too, unmarked

    const owner = h.u.user(OWNER_ID)
    const at = Date.parse(slot) / 60_000
    const press = (data: string) => h.send(h.u.callback(owner, data, { chatId: STAFF_GROUP_ID }))
    await press(`bko:resched:${missed.id}:${at}`)
    await press(`bkod:${missed.id}:2026-11-24:${at}`)
    await press(`bkos:${missed.id}:${Date.parse('2026-11-24T08:00Z') / 60_000}:${at}`)
    expect(lastPopUp(h)).toBe(
      'Клиент уже записался на другой звонок: до 15:55. Этот звонок не перенести — отметьте, как он прошёл.',
    )
    expect(bookingsOf(h, vera)).toMatchObject([
      { kind: 'slot', status: 'booked', slotStart: Date.parse(slot) },
      { kind: 'now', status: 'booked' },
    ])
  })
})

describe('the end of a booked slot', () => {
  it('a slot call whose time passed unmarked is over for the client, and the bot does not say it took place', async () => {
    const h = createHarness()
    const jane = h.u.user(7121, { first_name: 'Jane', language_code: 'en' })
    const booking = await book(h, jane, { day: '2026-11-23', slot: '2026-11-23T12:00Z', phone: '+44 20 7946 0958' })
    h.clock.set('2026-11-23T12:31Z') // 15:31: its window is over, nobody marked it
    await h.send(h.u.callback(jane, `bkm:cancel:${booking.id}`))
    expect(lastPopUp(h)).toBe('This call has been cancelled or its time is over. Here is what is current:')
    await h.send(h.u.callback(jane, `bkm:resched:${booking.id}`))
    expect(h.fake.textsTo(jane.id).some((t) => t.includes('taken place'))).toBe(false)
  })
})

describe('the hint at a step that wants a button', () => {
  it('names the manager button by the words on it, in English and in Russian', async () => {
    const h = createHarness()
    for (const [id, language_code] of [
      [7131, 'en'],
      [7132, 'ru'],
    ] as const) {
      const user = h.u.user(id, { language_code })
      await h.send(h.u.text(user, '/book'), h.u.text(user, 'any time next week?'))
      const hint = h.fake.lastTextTo(user.id)
      const named = /[“«]([^”»]+)[”»]/.exec(hint)?.[1]
      expect(named, language_code).toBeDefined()
      // Named as the button reads, its emoji included (the content's \`menu\` may word it)
      expect(buttonTexts(h, user.id), `${language_code}: ${hint}`).toContain(named)
      expect(named, language_code).toMatch(/^💬 /)
    }
  })
})

describe('a "call me now" asked just before closing', () => {
  it('alerts the team at once, and again when it opens, before the deadline the next morning', async () => {
    const h = createHarness()
    h.clock.set('2026-11-23T15:55:00Z') // Monday 18:55 in Moscow: 15 working minutes end at 10:10 on Tuesday
    const { call } = await askCallNow(h, 7201, 'ru')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.startsWith('🔥'))).toEqual([
      expect.stringContaining('🔥 Клиент просит перезвонить сейчас. Обещанный срок: вт, 24 нояб., 10:10'),
    ])
    // Tuesday 10:00: the team opens, and the call comes first
    h.clock.set('2026-11-24T07:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(
      h.fake
        .textsTo(STAFF_GROUP_ID)
        .filter((t) => t.startsWith('🔥'))
        .at(-1),
    ).toContain(
      '🔥 Клиент просил перезвонить перед закрытием (пн, 23 нояб., 18:55) — обещали до 10:10 (Москва, UTC+3). Позвоните в первую очередь.',
    )
    // Marked called before the deadline: nothing more
    await h.send(
      h.u.callback(h.u.user(OWNER_ID), `bko:called:${call.id}:${call.slotStart / 60_000}`, { chatId: STAFF_GROUP_ID }),
    )
    h.clock.set('2026-11-24T07:15:00Z')
    expect(await h.deps.scheduler.runDue()).toBe(0)
    expect(h.errors()).toEqual([])
  })

  it('the morning reminder does not come after the deadline (the bot was down): the late one says it', async () => {
    const h = createHarness()
    h.clock.set('2026-11-23T15:55:00Z')
    await askCallNow(h, 7202, 'ru')
    await h.deps.scheduler.runDue()
    await h.drain()
    // Back at 10:20 on Tuesday, past the 10:10 deadline
    h.clock.set('2026-11-24T07:20:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    const alerts = h.fake.textsTo(STAFF_GROUP_ID).filter((t) => /^(🔥|⏰)/.test(t))
    expect(alerts.some((t) => t.includes('перед закрытием'))).toBe(false)
    expect(alerts.at(-1)).toContain('Не успели перезвонить к обещанному сроку')
    expect(h.errors()).toEqual([])
  })
})
