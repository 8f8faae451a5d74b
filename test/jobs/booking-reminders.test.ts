import { readFileSync } from 'node:fs'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { answers, bookings } from '../../db/schema.ts'
import { BOOKING_JOBS } from '../../src/services/booking.ts'
import { book, bookingsOf, contentWith, jobsOfKind, slotData } from '../helpers/booking.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, DEMO_CONTENT_PATH, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MONDAY = '2026-11-23'
/** 15:00 Moscow on Monday; the client reminder is due an hour earlier. */
const SLOT = '2026-11-23T12:00Z'

/** Texts a chat got after `from` calls were recorded. */
const newTexts = (h: Harness, chatId: number, from: number) =>
  h.fake.calls
    .slice(from)
    .filter((c) => c.ok && c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId)
    .map((c) => String(c.payload.text))

async function runAt(h: Harness, iso: string): Promise<number> {
  h.clock.set(iso)
  const mark = h.fake.calls.length
  await h.deps.scheduler.runDue()
  await h.drain()
  return mark
}

describe('booking reminders', () => {
  it('reminds the client reminder_minutes before, and the staff at the time with the client’s details', async () => {
    const h = createHarness()
    const user = h.u.user(901, { first_name: 'Олег', username: 'oleg_k' })
    await h.send(h.u.callback(user, 'bookp:landing'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData(SLOT)), h.u.text(user, '+79161234567'))
    await h.send(h.u.text(user, 'Лучше после обеда'))
    await h.send(h.u.callback(user, 'bk:ok'))
    const clientId = findClientByTelegramId(h.deps.db, user.id)!.id
    const now = h.clock.now()
    h.deps.db
      .insert(answers)
      .values([
        { clientId, kind: 'discovery', questionKey: 'budget', value: '60_150', createdAt: now, updatedAt: now },
        {
          clientId,
          kind: 'discovery',
          questionKey: 'priorities',
          value: ['price', 'speed'],
          createdAt: now,
          updatedAt: now,
        },
        { clientId, kind: 'discovery', questionKey: 'task', value: 'Сайт для кофейни', createdAt: now, updatedAt: now },
        { clientId, kind: 'quiz', questionKey: 'goal', value: 'leads', createdAt: now, updatedAt: now },
      ])
      .run()

    let mark = await runAt(h, '2026-11-23T10:59Z')
    expect(newTexts(h, user.id, mark)).toEqual([])
    mark = await runAt(h, '2026-11-23T11:00Z')
    const [reminder] = newTexts(h, user.id, mark)
    expect(reminder).toContain('Олег, напоминаю о звонке: понедельник, 23 ноября, 15:00–15:30')
    expect(reminder).toContain('Москва, UTC+3')
    expect(reminder).toContain('+7 916 123 45 67')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([
      `bkm:resched:${bookingsOf(h, user)[0]?.id}`,
      `bkm:cancel:${bookingsOf(h, user)[0]?.id}`,
      'menu:main',
    ])

    mark = await runAt(h, '2026-11-23T11:59Z')
    expect(newTexts(h, STAFF_GROUP_ID, mark)).toEqual([])
    mark = await runAt(h, '2026-11-23T12:00Z')
    const [staff] = newTexts(h, STAFF_GROUP_ID, mark)
    expect(staff).toContain('📞 Пора звонить: понедельник, 23 ноября, 15:00–15:30')
    // Named once, by the route to General (the card under the header does not name them again)
    expect(staff?.match(/👤/g)).toHaveLength(1)
    expect(staff).toMatch(/\n\n👤 Олег \(@oleg_k\) #\d+$/)
    expect(staff).toContain('📱 +7 916 123 45 67')
    expect(staff).toContain('🎯 Тема: Лендинг под ключ')
    expect(staff).toContain('💬 Комментарий: Лучше после обеда')
    expect(staff).toContain(
      'Какую задачу вы хотите решить с помощью сайта? Расскажите своими словами. — Сайт для кофейни',
    )
    expect(staff).toContain('Определён ли бюджет? В каких рамках? — 60–150 тыс. ₽')
    expect(staff).toContain('— Цена, Сроки')
    expect(staff).not.toContain('leads')
    const sent = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
    expect(sent?.payload.message_thread_id).toBeUndefined() // no topic yet: the General topic
    // Each carries the call's start (minutes), so a reminder of a call moved since acts on nothing
    const call = `${bookingsOf(h, user)[0]?.id}:${Date.parse('2026-11-23T12:00Z') / 60_000}`
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data)).toEqual([
      `bko:called:${call}`,
      `bko:noans:${call}`,
      `bko:resched:${call}`,
      `bko:cancel:${call}`,
    ])
    expect(h.errors()).toEqual([])
  })

  it('goes into the client’s topic when there is one, and to General if it was deleted', async () => {
    const h = createHarness()
    const user = h.u.user(902)
    await book(h, user, { day: MONDAY, slot: SLOT })
    const other = h.u.user(903)
    await book(h, other, { day: MONDAY, slot: '2026-11-23T12:30Z' })
    h.fake.topics.set(150, { name: 'client', deleted: false })
    h.fake.topics.set(151, { name: 'other', deleted: true })
    updateClient(h.deps.db, findClientByTelegramId(h.deps.db, user.id)!.id, { topicId: 150 })
    updateClient(h.deps.db, findClientByTelegramId(h.deps.db, other.id)!.id, { topicId: 151 })
    await runAt(h, '2026-11-23T12:30Z')
    const reminders = h.fake.sentTo(STAFF_GROUP_ID).filter((c) => String(c.payload.text).includes('Пора звонить'))
    expect(reminders.map((c) => c.payload.message_thread_id)).toEqual([150, undefined])
    expect(h.errors()).toEqual([])
  })

  it('with a request open, the client’s reminder is one line in their topic, as a follow-up is; with none, nothing', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 912, 'Борис')
    await book(h, user, { day: MONDAY, slot: SLOT })
    const other = h.u.user(913)
    await book(h, other, { day: MONDAY, slot: '2026-11-23T12:30Z' })
    const mark = await runAt(h, '2026-11-23T11:30Z')
    expect(newTexts(h, user.id, mark).filter((t) => t.includes('Борис, напоминаю о звонке'))).toHaveLength(1)
    expect(newTexts(h, other.id, mark).filter((t) => t.includes('напоминаю о звонке'))).toHaveLength(1)
    // Only the client with a request open: the other has no topic to tell
    const mirrors = h.fake.calls
      .slice(mark)
      .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && String(c.payload.text).startsWith('🤖'))
    expect(mirrors.map((c) => [c.payload.text, c.payload.message_thread_id])).toEqual([
      ['🤖 Бот отправил клиенту: напоминание о звонке', topicId],
    ])
    expect(h.errors()).toEqual([])
  })

  it('in the client’s topic too, names who to call as General does: the name the bot uses, @username, number', async () => {
    const h = createHarness()
    const user = h.u.user(911, { first_name: 'Борис', last_name: 'Ким', username: 'boris_k' })
    await book(h, user, { day: MONDAY, slot: SLOT })
    const client = findClientByTelegramId(h.deps.db, user.id)!
    h.deps.services.clients.setDisplayName(client.id, 'Боря')
    h.fake.topics.set(152, { name: 'client', deleted: false })
    updateClient(h.deps.db, client.id, { topicId: 152 })
    const mark = await runAt(h, '2026-11-23T12:00Z')
    const staff = newTexts(h, STAFF_GROUP_ID, mark).find((t) => t.startsWith('📞 Пора звонить'))
    expect(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.message_thread_id).toBe(152)
    expect(staff).toContain('📞 Пора звонить: понедельник, 23 ноября, 15:00–15:30')
    expect(staff).toContain('📱 +7 916 123 45 67')
    expect(staff?.match(/👤/g)).toHaveLength(1)
    expect(staff).toMatch(new RegExp(`\\n\\n👤 Боря \\(@boris_k\\) #${client.id}$`))
    expect(h.errors()).toEqual([])
  })

  it('is never sent twice, across restarts too', async () => {
    const h = createHarness()
    const user = h.u.user(904)
    await book(h, user, { day: MONDAY, slot: SLOT })
    const after = h.restart()
    after.clock.set('2026-11-23T11:00Z')
    await after.deps.scheduler.runDue()
    await after.drain()
    await after.deps.scheduler.runDue()
    await after.drain()
    const again = after.restart()
    await again.deps.scheduler.runDue()
    await again.drain()
    const reminders = h.fake.textsTo(user.id).filter((t) => t.includes('напоминаю о звонке'))
    expect(reminders).toHaveLength(1)
    expect(jobsOfKind(again, BOOKING_JOBS.clientReminder.kind).map((j) => j.status)).toEqual(['done'])
  })

  it('follows the booking: a moved call is reminded at its new time only, a cancelled one never', async () => {
    const h = createHarness()
    const user = h.u.user(905)
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T14:00Z')))
    await h.send(h.u.callback(user, 'bk:ok'))
    let mark = await runAt(h, '2026-11-23T12:00Z')
    expect(newTexts(h, user.id, mark)).toEqual([])
    expect(newTexts(h, STAFF_GROUP_ID, mark).some((t) => t.includes('Пора звонить'))).toBe(false)
    mark = await runAt(h, '2026-11-23T13:00Z')
    expect(newTexts(h, user.id, mark)[0]).toContain('17:00–17:30')

    const other = h.u.user(906)
    const second = await book(h, other, { day: '2026-11-24', slot: '2026-11-24T12:00Z' })
    // Even if a job outlived its booking (changed behind the service's back), it does nothing
    h.deps.db.update(bookings).set({ status: 'cancelled' }).where(eq(bookings.id, second.id)).run()
    mark = await runAt(h, '2026-11-24T12:00Z')
    expect(newTexts(h, other.id, mark)).toEqual([])
    expect(jobsOfKind(h, BOOKING_JOBS.clientReminder.kind).at(-1)?.outcome).toBe('the booking is cancelled')
  })

  it('waits for the end of quiet hours when it can still arrive in time', async () => {
    const h = createHarness({ content: contentWith({ booking: { reminder_minutes: 180 } }) })
    const user = h.u.user(907)
    await book(h, user, { day: '2026-11-24', slot: '2026-11-24T07:00Z' }) // Tuesday 10:00 Moscow
    let mark = await runAt(h, '2026-11-24T04:00Z') // 07:00 Moscow: quiet until 09:00
    expect(newTexts(h, user.id, mark)).toEqual([])
    expect(jobsOfKind(h, BOOKING_JOBS.clientReminder.kind)[0]?.runAt).toBe(Date.parse('2026-11-24T06:00Z'))
    mark = await runAt(h, '2026-11-24T06:00Z')
    expect(newTexts(h, user.id, mark)[0]).toContain('напоминаю о звонке')
  })

  it('keeps to the client’s own night once they gave their zone, not the business’s', async () => {
    const h = createHarness({ content: contentWith({ booking: { reminder_minutes: 180 } }) })
    // Monday 12:00 in Moscow: 16:00 for a client at UTC+7, 04:00 for one at UTC−5
    const east = h.u.user(921)
    const west = h.u.user(922)
    await h.send(h.u.text(east, '/timezone'), h.u.text(east, '16:00'))
    await h.send(h.u.text(west, '/timezone'), h.u.text(west, '4:00'))
    await book(h, east, { day: '2026-11-24', slot: '2026-11-24T07:00Z' }) // Tuesday 10:00 Moscow, 14:00 theirs
    await book(h, west, { day: '2026-11-24', slot: '2026-11-24T15:00Z' }) // Tuesday 18:00 Moscow, 10:00 theirs
    // 07:00 in Moscow, before the business's quiet hours end, is 11:00 for the client in the east
    let mark = await runAt(h, '2026-11-24T04:00Z')
    expect(newTexts(h, east.id, mark)[0]).toContain('напоминаю о звонке')
    // 15:00 in Moscow is 07:00 for the client in the west: their reminder waits for their 09:00
    mark = await runAt(h, '2026-11-24T12:00Z')
    expect(newTexts(h, west.id, mark)).toEqual([])
    mark = await runAt(h, '2026-11-24T13:59Z')
    expect(newTexts(h, west.id, mark)).toEqual([])
    mark = await runAt(h, '2026-11-24T14:00Z')
    expect(newTexts(h, west.id, mark)[0]).toContain('напоминаю о звонке')
  })

  it('no reminder when turned off, when booked too close to the call, or for a client who blocked the bot', async () => {
    const off = createHarness({ content: contentWith({ booking: { reminder_minutes: 0 } }) })
    await book(off, off.u.user(908), { day: MONDAY, slot: SLOT })
    expect(jobsOfKind(off, BOOKING_JOBS.clientReminder.kind)).toEqual([])
    expect(jobsOfKind(off, BOOKING_JOBS.staffReminder.kind)).toHaveLength(1)

    // (the flow's answers take a few seconds at Telegram's pace: the slot must stay bookable)
    const soon = createHarness({ content: contentWith({ booking: { min_lead_minutes: 30 } }) })
    const hurry = soon.u.user(909)
    await book(soon, hurry, { day: MONDAY, slot: '2026-11-23T10:00Z' }) // 13:00, an hour from now
    expect(jobsOfKind(soon, BOOKING_JOBS.clientReminder.kind)).toEqual([])
    expect(soon.fake.lastTextTo(hurry.id)).not.toContain('напомню') // and none is promised
    expect(soon.fake.lastTextTo(hurry.id)).toContain('Перенести или отменить звонок можно')

    const h = createHarness()
    const user = h.u.user(910)
    await book(h, user, { day: MONDAY, slot: SLOT })
    h.fake.blockedChats.add(user.id)
    await runAt(h, '2026-11-23T11:00Z')
    expect(jobsOfKind(h, BOOKING_JOBS.clientReminder.kind)[0]).toMatchObject({
      status: 'skipped',
      outcome: 'the client blocked the bot',
    })
    expect(findClientByTelegramId(h.deps.db, user.id)?.blockedAt).not.toBeNull()
    expect(h.errors()).toEqual([])
  })
})

describe('booking reminders after the owner changes reminder_minutes', () => {
  /** The demo content file with another `booking.reminder_minutes`, put in place. */
  function setReminderMinutes(h: Harness, minutes: number): void {
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const edited = demo.replace('reminder_minutes: 60 ', `reminder_minutes: ${minutes} `)
    expect(edited).not.toBe(demo)
    expect(h.deps.content.replace(edited, 'file').ok).toBe(true)
  }

  it('turned off (0): a call booked before gets no reminder; the staff reminder stays', async () => {
    const h = createHarness()
    const user = h.u.user(911, { first_name: 'Олег' })
    await book(h, user, { day: MONDAY, slot: SLOT })
    setReminderMinutes(h, 0)
    let mark = await runAt(h, '2026-11-23T11:00Z')
    expect(newTexts(h, user.id, mark)).toEqual([])
    expect(jobsOfKind(h, BOOKING_JOBS.clientReminder.kind)[0]).toMatchObject({
      status: 'skipped',
      outcome: expect.stringContaining('booking.reminder_minutes: 0'),
    })
    mark = await runAt(h, '2026-11-23T12:00Z')
    expect(newTexts(h, STAFF_GROUP_ID, mark).some((t) => t.includes('Пора звонить'))).toBe(true)
  })

  it('shortened: a call booked before is reminded at the new time', async () => {
    const h = createHarness()
    const user = h.u.user(912, { first_name: 'Олег' })
    await book(h, user, { day: MONDAY, slot: SLOT })
    setReminderMinutes(h, 15)
    let mark = await runAt(h, '2026-11-23T11:00Z')
    expect(newTexts(h, user.id, mark)).toEqual([])
    mark = await runAt(h, '2026-11-23T11:45Z')
    expect(newTexts(h, user.id, mark)).toEqual([expect.stringContaining('Олег, напоминаю о звонке')])
  })
})

describe('long answers never make the staff reminder undeliverable', () => {
  it('shortens discovery answers so the reminder fits one message', async () => {
    const h = createHarness()
    const user = h.u.user(9301, { first_name: 'Длинный' })
    await h.send(h.u.text(user, '/start'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    for (const key of ['task', 'examples']) {
      h.deps.db
        .insert(answers)
        .values({
          clientId: client.id,
          kind: 'discovery',
          questionKey: key,
          value: 'я'.repeat(2000),
          createdAt: 1,
          updatedAt: 1,
        })
        .run()
    }
    await book(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00:00Z', comment: 'к'.repeat(400) })
    h.clock.set('2026-11-24T08:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    const reminder = jobsOfKind(h, 'booking_staff_reminder')[0]
    expect(reminder?.status).toBe('done')
    const sent = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
    expect(String(sent?.payload.text).length).toBeLessThanOrEqual(4096)
    expect(String(sent?.payload.text)).toContain('…')
  })
})

describe('a booked call nobody marked', () => {
  /** Monday 18:00–18:30 Moscow, the day's last call: an hour of working time after it is Tuesday 10:30. */
  const EVENING = '2026-11-23T15:00Z'
  const NUDGE = '2026-11-24T07:30Z'
  const HEADER =
    '⏰ Никто не отметил, как прошёл звонок: понедельник, 23 ноября, 18:00–18:30 (Москва, UTC+3; у клиента 10:00). Позвонили — нажмите «✅ Позвонили». Звонили, но не дозвонились — «📵 Не дозвонились»: клиенту напишут, что не дозвонились, и предложат другое время. Не звонили — «🔄 Перенести»: выберите новое время, клиенту напишут, когда менеджер позвонит.'

  /** Боб, whose clock is 8 hours behind Moscow (10:00 at the call), books the evening call. */
  async function bobBooks(h: Harness, id: number) {
    const bob = h.u.user(id, { first_name: 'Боб', username: 'bob_w' })
    await h.send(h.u.text(bob, '/timezone'), h.u.text(bob, '4:00'))
    const booking = await book(h, bob, { day: MONDAY, slot: EVENING })
    // The notice of the new booking goes now, out of the way
    await h.deps.scheduler.runDue()
    await h.drain()
    return { bob, booking }
  }

  const nudges = (h: Harness, from: number) =>
    newTexts(h, STAFF_GROUP_ID, from).filter((t) => t.startsWith('⏰ Никто не отметил'))

  it('the team is asked once, an hour of working time after the window, with the outcome buttons; the client hears nothing', async () => {
    const h = createHarness()
    const { bob, booking } = await bobBooks(h, 931)
    let mark = await runAt(h, EVENING)
    expect(newTexts(h, STAFF_GROUP_ID, mark)[0]).toMatch(
      /^📞 Пора звонить: понедельник, 23 ноября, 18:00–18:30 \(Москва, UTC\+3; у клиента 10:00\)\n/,
    )
    // Closing time (19:00) and the night go by: nobody works then
    mark = await runAt(h, '2026-11-23T16:00Z')
    expect(nudges(h, mark)).toEqual([])
    const clientMark = h.fake.calls.length
    mark = await runAt(h, '2026-11-24T07:29Z')
    expect(nudges(h, mark)).toEqual([])
    mark = await runAt(h, NUDGE)
    const [nudge, ...more] = newTexts(h, STAFF_GROUP_ID, mark)
    expect(more).toEqual([])
    const client = findClientByTelegramId(h.deps.db, bob.id)!
    expect(nudge).toBe(`${HEADER}\n📱 +7 916 123 45 67\n\n👤 Боб (@bob_w) #${client.id}`)
    // Where the call's reminder went: General, for a client with no topic
    expect(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.message_thread_id).toBeUndefined()
    const call = `${booking.id}:${Date.parse(EVENING) / 60_000}`
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data)).toEqual([
      `bko:called:${call}`,
      `bko:noans:${call}`,
      `bko:resched:${call}`,
      `bko:cancel:${call}`,
    ])
    // Once: nothing more the next days, and nothing to the client
    mark = await runAt(h, '2026-11-26T09:00Z')
    expect(nudges(h, mark)).toEqual([])
    expect(newTexts(h, bob.id, clientMark)).toEqual([])
    expect(jobsOfKind(h, BOOKING_JOBS.outcomeNudge.kind).map((j) => j.status)).toEqual(['done'])
    expect(h.errors()).toEqual([])
  })

  it('an hour that ends at closing time is asked then, not the next morning', async () => {
    const h = createHarness()
    const user = h.u.user(938)
    // 17:30–18:00: an hour of working time after it is 19:00, the closing
    await book(h, user, { day: MONDAY, slot: '2026-11-23T14:30Z' })
    await h.deps.scheduler.runDue()
    await h.drain()
    await runAt(h, '2026-11-23T14:30Z')
    let mark = await runAt(h, '2026-11-23T15:59Z')
    expect(nudges(h, mark)).toEqual([])
    mark = await runAt(h, '2026-11-23T16:00Z')
    expect(nudges(h, mark)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('goes into the client’s topic when they have one, as the call’s reminder does', async () => {
    const h = createHarness()
    const { bob } = await bobBooks(h, 932)
    h.fake.topics.set(160, { name: 'Боб', deleted: false })
    updateClient(h.deps.db, findClientByTelegramId(h.deps.db, bob.id)!.id, { topicId: 160 })
    await runAt(h, EVENING)
    const mark = await runAt(h, NUDGE)
    expect(nudges(h, mark)).toHaveLength(1)
    expect(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.message_thread_id).toBe(160)
  })

  it('a call marked before then is not asked about; one changed behind the service’s back neither', async () => {
    const h = createHarness()
    const { booking } = await bobBooks(h, 933)
    await runAt(h, EVENING)
    const reminder = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('Пора звонить'))
    await h.send(
      h.u.callback(h.u.user(OWNER_ID), `bko:called:${booking.id}:${Date.parse(EVENING) / 60_000}`, {
        chatId: STAFF_GROUP_ID,
        messageId: h.fake.calls.indexOf(reminder!), // any stable id will do for the fake
      }),
    )
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('called')
    let mark = await runAt(h, NUDGE)
    expect(nudges(h, mark)).toEqual([])
    expect(jobsOfKind(h, BOOKING_JOBS.outcomeNudge.kind)[0]).toMatchObject({
      status: 'cancelled',
      outcome: 'call outcome recorded: called',
    })

    // The job re-reads the booking when it comes up: one marked by any other way is left alone
    const other = h.u.user(934)
    const second = await book(h, other, { day: '2026-11-24', slot: '2026-11-24T12:00Z' })
    h.deps.db.update(bookings).set({ status: 'no_answer' }).where(eq(bookings.id, second.id)).run()
    mark = await runAt(h, '2026-11-24T14:00Z')
    expect(nudges(h, mark)).toEqual([])
    expect(jobsOfKind(h, BOOKING_JOBS.outcomeNudge.kind)[1]).toMatchObject({
      status: 'skipped',
      outcome: 'the booking is no_answer',
    })
  })

  it('a call moved is asked about after its new time only', async () => {
    const h = createHarness()
    const { bob, booking } = await bobBooks(h, 935)
    await h.send(h.u.callback(bob, `bkm:resched:${booking.id}`), h.u.callback(bob, 'bkd:2026-11-24'))
    await h.send(h.u.callback(bob, slotData('2026-11-24T08:00Z'))) // Tuesday 11:00–11:30
    await h.send(h.u.callback(bob, 'bk:ok'))
    let mark = await runAt(h, NUDGE)
    expect(nudges(h, mark)).toEqual([])
    await runAt(h, '2026-11-24T08:00Z') // its reminder
    mark = await runAt(h, '2026-11-24T09:29Z')
    expect(nudges(h, mark)).toEqual([])
    mark = await runAt(h, '2026-11-24T09:30Z') // 12:30: an hour after the new window
    expect(nudges(h, mark)).toEqual([
      expect.stringMatching(/^⏰ Никто не отметил, как прошёл звонок: вторник, 24 ноября, 11:00–11:30 /),
    ])
  })

  it('after a reminder that came late (the bot was down), it waits an hour of working time after that one', async () => {
    const h = createHarness()
    await bobBooks(h, 936)
    // The bot is back on Tuesday at 12:00: the late reminder asks for the outcome itself
    let mark = await runAt(h, '2026-11-24T09:00Z')
    const posted = newTexts(h, STAFF_GROUP_ID, mark)
    expect(posted).toEqual([expect.stringMatching(/^⏰ Напоминание пришло с опозданием/)])
    mark = await runAt(h, '2026-11-24T09:59Z')
    expect(nudges(h, mark)).toEqual([])
    mark = await runAt(h, '2026-11-24T10:00Z')
    expect(nudges(h, mark)).toEqual([expect.stringContaining(HEADER)])
  })
})
