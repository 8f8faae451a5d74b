import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { BOOKING_JOBS } from '../../src/services/booking.ts'
import { book, bookingsOf, contentWith, jobsOfKind, slotData } from '../helpers/booking.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { deletedMessageIds } from '../helpers/desk.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import {
  createHarness,
  DEMO_CONTENT_PATH,
  forgetData,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
} from '../helpers/harness.ts'
import { ownerStats, statsLine } from '../helpers/stats.ts'

const MONDAY = '2026-11-23'
const SLOT = '2026-11-23T12:00Z' // 15:00 Moscow
/** The call's start as the reminder's buttons carry it (minutes since 1970). */
const AT = Date.parse(SLOT) / 60_000

/** Books a call for a new client and delivers the staff reminder; returns the reminder's message id. */
async function remindedBooking(h: Harness, userId: number) {
  const user = h.u.user(userId, { first_name: 'Клиент' })
  await book(h, user, { day: MONDAY, slot: SLOT })
  return remindedBookingOf(h, user)
}

/** The call `user` booked, at its time: the staff reminder with its outcome buttons posted. */
async function remindedBookingOf(h: Harness, user: Parameters<typeof bookingsOf>[1]) {
  const [booking] = bookingsOf(h, user)
  if (!booking) throw new Error('no booking')
  h.clock.set(SLOT)
  await h.deps.scheduler.runDue()
  await h.drain()
  const reminder = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('Пора звонить'))
  if (!reminder) throw new Error('no staff reminder')
  const messageId = h.fake.calls.indexOf(reminder) // any stable id will do for the fake
  return { user, booking, messageId }
}

const press = (h: Harness, userId: number, data: string, messageId = 1) =>
  h.send(h.u.callback(h.u.user(userId), data, { chatId: STAFF_GROUP_ID, messageId }))
const lastAnswer = (h: Harness) => h.fake.callsOf('answerCallbackQuery').at(-1)?.payload

/** The buttons of the day and time picker the staff see now (under the reminder). */
const pickerButtons = (h: Harness): string[] => lastKeyboard(h).map((b: { callback_data: string }) => b.callback_data)

/**
 * The buttons the newest edit of a message's buttons set: a picker's day changes the reminder's
 * text with them (editMessageText), the rest only the buttons (editMessageReplyMarkup).
 */
const lastKeyboard = (h: Harness) =>
  h.fake.calls
    .filter((c) => c.method === 'editMessageReplyMarkup' || (c.method === 'editMessageText' && c.payload.reply_markup))
    .at(-1)
    ?.payload.reply_markup?.inline_keyboard.flat() ?? []

describe('call outcomes in the staff group', () => {
  it('Called: staff only; recorded once; the reminder shows who, its buttons replaced by the one to correct it', async () => {
    const h = createHarness()
    const { booking } = await remindedBooking(h, 911)
    await press(h, 912, `bko:called:${booking.id}`) // a group member who is not staff
    expect(lastAnswer(h)).toMatchObject({ text: 'Эта кнопка — только для сотрудников.', show_alert: true })
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('booked')

    await press(h, OWNER_ID, `bko:called:${booking.id}`)
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('called')
    const edit = h.fake.callsOf('editMessageText').at(-1)?.payload
    expect(edit?.text).toContain(
      '✅ Позвонили. Кто отметил: User5000001\n\nОшиблись с итогом? Исправить можно до 15:30 — кнопкой ниже.',
    )
    expect(edit?.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual([
      '✏️ Исправить на «📵 Не дозвонились»',
    ])

    // The other outcome pressed again by the one who marked it: it stands, and they are asked whether to change it
    await press(h, OWNER_ID, `bko:noans:${booking.id}`)
    expect(lastAnswer(h)?.text).toBe('Уже отмечено: позвонили.')
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('called')
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain(
      'Изменить итог на «📵 Не дозвонились»? Клиенту напишут, что не дозвонились, и предложат другое время.',
    )
  })

  it('Called: the client’s reminder loses its buttons, and a press on the call’s buttons says the call took place', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow; the call at 15:00
    const user = h.u.user(919, { first_name: 'Клиент' })
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    h.clock.set('2026-11-23T11:00Z') // 14:00: the client's reminder
    await h.deps.scheduler.runDue()
    await h.drain()
    const reminderId = h.fake.messageWithButton(user.id, `bkm:cancel:${booking.id}`)
    expect(reminderId).toBeDefined()
    h.clock.set('2026-11-23T12:10Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    await press(h, OWNER_ID, `bko:called:${booking.id}:${AT}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('called')
    // The reminder's buttons go with the call made (an edit in the client's chat, not the group's)
    expect(h.fake.keyboardOf(user.id, reminderId ?? 0)).toBeUndefined()

    // Cancel pressed after the call on a message that kept it (the booking's confirmation): the call
    // is named as held, not "no calls planned"
    const confirmationId = h.fake.messageWithButton(user.id, `bkm:cancel:${booking.id}`)
    expect(confirmationId).toBeDefined()
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`, { messageId: confirmationId, shown: true }))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Этот звонок уже состоялся (понедельник, 23 ноября, 15:00–15:30). Понадобится созвониться снова — запишитесь по кнопке ниже.',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:booking', 'menu:main', 'menu:manager'])
    expect(h.fake.keyboardOf(user.id, confirmationId ?? 0)).toBeUndefined()
    expect(h.fake.textsTo(user.id).join('\n')).not.toContain('Запланированных звонков нет')
    expect(h.errors()).toEqual([])
  })

  it('two managers pressing an outcome at once: one is recorded, the other told so, and no edit is refused on the way', async () => {
    const h = createHarness()
    h.deps.services.staff.add(913, 'manager', OWNER_ID, 'Светлана')
    const { booking } = await remindedBooking(h, 914)
    const reminder = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('Пора звонить'))
    const messageId = (reminder?.result as { message_id: number } | undefined)?.message_id as number
    const before = h.fake.calls.length
    await Promise.all([
      h.send(h.u.callback(h.u.user(OWNER_ID), `bko:called:${booking.id}:${AT}`, { chatId: STAFF_GROUP_ID, messageId })),
      h.send(h.u.callback(h.u.user(913), `bko:noans:${booking.id}:${AT}`, { chatId: STAFF_GROUP_ID, messageId })),
    ])
    await h.drain()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('called')
    // Not one to correct it (she neither marked it nor leads the client): who may, and until when
    expect(lastAnswer(h)).toMatchObject({
      text: 'Уже отмечено: позвонили (User5000001). Исправить до 15:30 может User5000001, менеджер клиента или владелец.',
      show_alert: true,
    })
    const shown = h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(messageId)?.message
    expect(shown?.text).toContain('✅ Позвонили. Кто отметил: User5000001')
    expect(shown?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      '✏️ Исправить на «📵 Не дозвонились»',
    ])
    // The group is told the two presses differed, and which one counts
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      '⚠️ Итог звонка отметили по-разному: User5000001 — «✅ Позвонили», User913 — «📵 Не дозвонились». Засчитан первый: «✅ Позвонили».',
    )
    // Telegram refused nothing ("message is not modified" to taking off buttons gone already)
    expect(h.fake.calls.slice(before).filter((c) => !c.ok)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a "call me now" marked done shows on the card when it was marked, not the deadline it was promised by', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 918, 'Дмитрий')
    // Monday 12:00: promised by 12:15
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+79161112233'))
    const [call] = bookingsOf(h, user)
    h.clock.advance(2 * 60_000)
    expect(h.deps.services.booking.recordOutcome(call?.id as number, 'called')).toMatchObject({ ok: true })
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
    await h.drain()
    const card = h.fake
      .textsTo(STAFF_GROUP_ID, topicId)
      .filter((t) => t.startsWith('👤'))
      .at(-1)
    expect(card).toContain('• пн, 23 нояб., 12:02 — состоялся')
    expect(h.errors()).toEqual([])
  })

  it('the reminder mentions the manager who leads the client, so Telegram tells them it is time to call', async () => {
    const h = createHarness()
    h.deps.services.staff.add(916, 'manager', OWNER_ID, 'Светлана')
    const { user, topicId } = await clientInHandoff(h, 917, 'Клиент')
    await h.send(h.u.staffText(h.u.user(916, { first_name: 'Светлана' }), topicId, 'Здравствуйте! Созвонимся?'))
    await h.drain()
    await book(h, user, { day: MONDAY, slot: SLOT })
    h.clock.set(SLOT)
    await h.deps.scheduler.runDue()
    await h.drain()
    const reminder = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('Пора звонить'))
    expect(String(reminder?.payload.text).split('\n').slice(0, 2)).toEqual([
      '📞 Пора звонить: понедельник, 23 ноября, 15:00–15:30 (Москва, UTC+3)',
      '<a href="tg://user?id=916">Светлана</a>, это ваш клиент.',
    ])
    expect(reminder?.payload.message_thread_id).toBe(topicId)
    // Nobody leads a client who only booked: the reminder names nobody
    const h2 = createHarness()
    await remindedBooking(h2, 918)
    const alone = h2.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('Пора звонить'))
    expect(String(alone?.payload.text)).not.toContain('ваш клиент')
    expect(h.errors()).toEqual([])
    expect(h2.errors()).toEqual([])
  })

  it('a bot that was down through the call time: the staff are told the reminder is late, the client gets no stale one', async () => {
    const h = createHarness()
    const user = h.u.user(913, { first_name: 'Клиент' })
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    const toClient = h.fake.sentTo(user.id).length
    // Three days without the bot running
    h.clock.set('2026-11-26T09:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    const staff = h.fake.sentTo(STAFF_GROUP_ID).map((c) => String(c.payload.text))
    expect(staff.some((t) => t.includes('Пора звонить'))).toBe(false)
    const late = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('с опозданием'))
    expect(late?.payload.text).toContain(
      '⏰ Напоминание пришло с опозданием — время звонка: понедельник, 23 ноября, 15:00–15:30 (Москва, UTC+3). Если клиенту ещё не звонили — позвоните как можно скорее и отметьте итог.',
    )
    // The outcome buttons, as on a reminder in time
    const buttons = late?.payload.reply_markup.inline_keyboard
      .flat()
      .map((b: { callback_data: string }) => b.callback_data)
    expect(buttons).toContain(`bko:called:${booking.id}:${AT}`)
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(h.errors()).toEqual([])
  })

  it("a reminder's buttons leave alone a call the client moved since (the new time stays booked)", async () => {
    const h = createHarness()
    const { user, booking } = await remindedBooking(h, 915)
    const buttons = h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data ?? '')
    expect(buttons).toHaveLength(4)
    // 15:05, before anyone called: the client moves the call to tomorrow 11:00
    h.clock.set('2026-11-23T12:05Z')
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    await h.send(h.u.callback(user, 'bk:ok', { messageId: h.fake.messageWithButton(user.id, 'bk:ok') }))
    expect(h.fake.lastTextTo(user.id)).toContain('Перенесли')
    h.fake.clearCalls()
    // 15:20: a manager presses each button of the 15:00 reminder
    for (const data of buttons) await press(h, OWNER_ID, data)
    await h.flush()
    expect(lastAnswer(h)).toMatchObject({
      text: expect.stringContaining('Этот звонок уже перенесли: теперь вторник, 24 ноября, 11:00–11:30'),
      show_alert: true,
    })
    expect(h.deps.services.booking.get(booking.id)).toMatchObject({
      status: 'booked',
      slotStart: Date.parse('2026-11-24T08:00Z'),
    })
    expect(h.fake.sentTo(user.id)).toEqual([])
    const pending = (kind: string) => jobsOfKind(h, kind).filter((j) => j.status === 'pending')
    expect(pending(BOOKING_JOBS.clientReminder.kind)).toHaveLength(1)
    expect(pending(BOOKING_JOBS.staffReminder.kind)).toHaveLength(1)
  })

  it('a day and time picker opened before the client moved the call leaves the new time alone', async () => {
    const h = createHarness()
    const { user, booking, messageId } = await remindedBooking(h, 918)
    // 15:02: a manager presses Reschedule on the 15:00 reminder and opens Tuesday's times
    h.clock.set('2026-11-23T12:02Z')
    await press(h, OWNER_ID, `bko:resched:${booking.id}:${AT}`, messageId)
    const shown = () => pickerButtons(h)
    const tuesday = shown().find((data) => data.startsWith(`bkod:${booking.id}:2026-11-24`))
    await press(h, OWNER_ID, tuesday ?? '', messageId)
    const at16 = shown().find((data) =>
      data.startsWith(`bkos:${booking.id}:${Date.parse('2026-11-24T13:00Z') / 60_000}`),
    )
    // 15:05: meanwhile the client moves the call to Wednesday 11:00
    h.clock.set('2026-11-23T12:05Z')
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, 'bkd:2026-11-25'))
    await h.send(h.u.callback(user, slotData('2026-11-25T08:00Z')))
    await h.send(h.u.callback(user, 'bk:ok', { messageId: h.fake.messageWithButton(user.id, 'bk:ok') }))
    expect(h.fake.lastTextTo(user.id)).toContain('Перенесли')
    h.fake.clearCalls()
    // 15:06: the manager taps Tuesday 16:00 in the picker still open under the old reminder
    h.clock.set('2026-11-23T12:06Z')
    await press(h, OWNER_ID, at16 ?? '', messageId)
    await h.flush()
    expect(lastAnswer(h)).toMatchObject({
      text: expect.stringContaining('Этот звонок уже перенесли: теперь среда, 25 ноября, 11:00–11:30'),
      show_alert: true,
    })
    expect(h.deps.services.booking.get(booking.id)?.slotStart).toBe(Date.parse('2026-11-25T08:00Z'))
    expect(h.fake.sentTo(user.id)).toEqual([])
  })

  it('two managers in one picker: the second tap finds the call moved by the first and leaves it there', async () => {
    const h = createHarness()
    const COLLEAGUE = 919
    h.deps.services.staff.add(COLLEAGUE, 'manager', OWNER_ID, 'Мария')
    const { user, booking, messageId } = await remindedBooking(h, 920)
    await press(h, OWNER_ID, `bko:resched:${booking.id}:${AT}`, messageId)
    const shown = () => pickerButtons(h)
    await press(h, OWNER_ID, shown().find((data) => data.startsWith(`bkod:${booking.id}:2026-11-24`)) ?? '', messageId)
    const slot = (iso: string) =>
      shown().find((data) => data.startsWith(`bkos:${booking.id}:${Date.parse(iso) / 60_000}`)) ?? ''
    // Both saw the same times: the owner takes Tuesday 16:00, the colleague then taps 17:00
    const at16 = slot('2026-11-24T13:00Z')
    const at17 = slot('2026-11-24T14:00Z')
    await press(h, OWNER_ID, at16, messageId)
    await h.flush()
    const toClient = h.fake.sentTo(user.id).length
    await press(h, COLLEAGUE, at17, messageId)
    await h.flush()
    expect(lastAnswer(h)).toMatchObject({
      text: expect.stringContaining('Этот звонок уже перенесли: теперь вторник, 24 ноября, 16:00–16:30'),
      show_alert: true,
    })
    expect(h.deps.services.booking.get(booking.id)?.slotStart).toBe(Date.parse('2026-11-24T13:00Z'))
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
  })

  it('No answer: counted as a no-show, the client is offered a new time and can book again', async () => {
    const h = createHarness()
    h.deps.services.staff.add(913, 'manager', OWNER_ID, 'Мария')
    const { user, booking } = await remindedBooking(h, 914)
    await press(h, 913, `bko:noans:${booking.id}`)
    await h.flush() // the offer goes through the client's lane
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('no_answer')
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain(
      'Не дозвонились. Кто отметил: User913.\nКлиенту предложено выбрать новое время.',
    )
    expect(h.fake.lastTextTo(user.id)).toContain('мы звонили вам (понедельник, 23 ноября, 15:00–15:30')
    // "Pick a new time" is the missed call's own: its press is about that call
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([`bkm:resched:${booking.id}`, 'menu:manager'])

    // "Move" on the call's earlier reminder: a new time, not "nothing to move"
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    expect(lastAnswer(h)).toMatchObject({ text: 'Тот звонок не состоялся — выберите новое время 👇' })
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    await h.send(h.u.callback(user, 'menu:booking'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    await h.send(h.u.callback(user, `bkd:${MONDAY}`), h.u.callback(user, slotData('2026-11-23T14:00Z')))
    await h.send(h.u.text(user, '+79161234567'), h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user).map((b) => b.status)).toEqual(['no_answer', 'booked'])
    // With a new call booked, the old reminder's Move is out of date: no "pick a new time"
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    expect(lastAnswer(h)?.text).toBe('Этот звонок уже отменён или прошёл. Вот актуальное:')
  })

  it('No answer at the client’s night (her clock): she hears of the missed call in one message at her morning, not at night; the topic says when', async () => {
    const h = createHarness() // the call at 15:00 Moscow: 22:00 in Vladivostok
    h.deps.services.staff.add(915, 'manager', OWNER_ID, 'Мария')
    const user = h.u.user(916, { first_name: 'Клиент' })
    await book(h, user, { day: MONDAY, slot: SLOT })
    updateClient(h.deps.db, findClientByTelegramId(h.deps.db, user.id)!.id, { timezone: 'Asia/Vladivostok' })
    const { booking } = await remindedBookingOf(h, user)
    const before = h.fake.textsTo(user.id).length
    await press(h, 915, `bko:noans:${booking.id}`)
    await h.flush()
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([])
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain(
      'Не дозвонились. Кто отметил: User915.\nКлиенту предложено выбрать новое время — сообщение придёт ему завтра в 9:00 по его времени (у нас завтра в 2:00), не ночью.',
    )
    // 9:00 in Vladivostok, 23:00 UTC: one message, that we called and what next
    h.clock.set('2026-11-23T22:59Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([])
    h.clock.set('2026-11-23T23:00Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    const told = h.fake.textsTo(user.id).slice(before)
    expect(told).toHaveLength(1)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([`bkm:resched:${booking.id}`, 'menu:manager'])
    expect(told[0]).toMatch(
      /^Клиент, мы звонили вам \(.*\), но не дозвонились\.\nВыберите другое удобное время — или напишите менеджеру в любой момент\.$/,
    )
    expect(h.errors()).toEqual([])
  })

  it('No answer at the client’s night, and she books another call before her morning: no “we called you” then, the new call is what counts', async () => {
    const h = createHarness() // the call at 15:00 Moscow: 22:00 in Vladivostok
    h.deps.services.staff.add(915, 'manager', OWNER_ID, 'Мария')
    const user = h.u.user(917, { first_name: 'Клиент' })
    await book(h, user, { day: MONDAY, slot: SLOT })
    updateClient(h.deps.db, findClientByTelegramId(h.deps.db, user.id)!.id, { timezone: 'Asia/Vladivostok' })
    const { booking } = await remindedBookingOf(h, user)
    await press(h, 915, `bko:noans:${booking.id}`)
    await h.flush()
    // 23:30 hers: she saw the missed call and books Tuesday's 10:00 (Moscow) herself
    h.clock.set('2026-11-23T13:30Z')
    await book(h, user, { day: '2026-11-24', slot: '2026-11-24T07:00Z' })
    expect(bookingsOf(h, user).map((b) => b.status)).toEqual(['no_answer', 'booked'])
    const before = h.fake.textsTo(user.id).length
    // Her morning comes: the missed call is not brought up again
    h.clock.set('2026-11-23T23:00Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(
      h.fake
        .textsTo(user.id)
        .slice(before)
        .filter((t) => t.includes('не дозвонились')),
    ).toEqual([])
    expect(jobsOfKind(h, BOOKING_JOBS.noAnswerClient.kind).map((j) => j.status)).toEqual(['skipped'])
    expect(h.errors()).toEqual([])
  })

  it('No answer under the client’s “nobody called”: the manager is warned before the client hears “we called”; not called, Reschedule tells them the new time plainly', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow; the call at 15:00
    const { user, booking } = await remindedBooking(h, 931)
    const reminderId = h.fake.messageWithButton(STAFF_GROUP_ID, `bko:noans:${booking.id}:${AT}`) ?? 0
    const shownText = () => h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(reminderId)?.message.text
    const reminder = shownText() ?? ''
    const tap = (data: string) =>
      h.send(h.u.callback(h.u.user(OWNER_ID), data, { chatId: STAFF_GROUP_ID, messageId: reminderId, shown: true }))
    h.clock.set('2026-11-23T12:40Z') // 15:40
    await h.send(h.u.text(user, 'вы так и не позвонили((( я ждала'))
    await h.flush()
    const told = h.fake.textsTo(user.id).length

    await tap(`bko:noans:${booking.id}:${AT}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('booked')
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(shownText()).toBe(
      `${reminder}\n\n⚠️ Клиент написал в 15:40: «вы так и не позвонили((( я ждала». «📵 Не дозвонились» скажет ему «мы звонили вам, но не дозвонились». Если не звонили — «🔄 Перенести»: клиенту придёт новое время звонка.`,
    )
    expect(pickerButtons(h)).toEqual([
      `bko:noansyes:${booking.id}:${AT}`,
      `bko:resched:${booking.id}:${AT}`,
      `bko:back:${booking.id}:${AT}`,
    ])
    // Back: the reminder as it went, with its buttons
    await tap(`bko:back:${booking.id}:${AT}`)
    expect(shownText()).toBe(reminder)
    expect(pickerButtons(h)[1]).toBe(`bko:noans:${booking.id}:${AT}`)

    // Not called: moved to a new time, the client told plainly when the manager will call
    await tap(`bko:noans:${booking.id}:${AT}`)
    await tap(`bko:resched:${booking.id}:${AT}`)
    await tap(`bkod:${booking.id}:2026-11-23:${AT}`)
    await tap(`bkos:${booking.id}:${Date.parse('2026-11-23T13:30Z') / 60_000}:${AT}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)).toMatchObject({
      status: 'booked',
      slotStart: Date.parse('2026-11-23T13:30Z'),
    })
    expect(h.fake.textsTo(user.id).slice(told)).toEqual([
      'Клиент, менеджер позвонит вам в новое время: понедельник, 23 ноября, 16:30–17:00 (Москва, UTC+3).\nЕсли время не подходит — перенесите или отмените кнопками ниже.',
    ])
    expect(shownText()).toContain('🔄 Перенесено, новое время: понедельник, 23 ноября, 16:30–17:00 — User5000001.')
    // A time typed under it is said of that call, as under any message about it
    await h.send(h.u.text(user, 'а можно на час позже?'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Переносим звонок\?\n.*\nСтанет: понедельник, 23 ноября, 17:30–18:00/s)
    expect(h.errors()).toEqual([])
  })

  it('No answer under the client’s “nobody called”, pressed again after the warning: recorded, the client offered a new time', async () => {
    const h = createHarness()
    const { user, booking } = await remindedBooking(h, 932)
    h.clock.set('2026-11-23T12:40Z')
    await h.send(h.u.text(user, 'Мне так никто и не позвонил'))
    await h.flush()
    await press(h, OWNER_ID, `bko:noans:${booking.id}:${AT}`)
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('booked')
    await press(h, OWNER_ID, `bko:noansyes:${booking.id}:${AT}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('no_answer')
    expect(h.fake.lastTextTo(user.id)).toContain('мы звонили вам (понедельник, 23 ноября, 15:00–15:30')
    expect(h.errors()).toEqual([])
  })

  it('No answer after a “waiting for your call” written before the call’s time: recorded at once', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow; the call at 15:00
    const user = h.u.user(933, { first_name: 'Клиент' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Жду звонка в три'))
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    h.clock.set('2026-11-23T12:40Z')
    await press(h, OWNER_ID, `bko:noans:${booking.id}:${AT}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('no_answer')
    expect(h.errors()).toEqual([])
  })

  it('Called answers the client: a wait in their open request ends there, as a manager’s message ends it — no 🔴, no daily “still waiting”', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    h.deps.services.staff.add(913, 'manager', OWNER_ID, 'Андрей')
    const { user, client, topicId } = await clientInHandoff(h, 915, 'Клиент')
    await h.send(h.u.staffText(h.u.user(913), topicId, 'Здравствуйте! Запишитесь на звонок, обсудим'))
    await h.flush()
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    await h.send(h.u.text(user, 'Жду звонка, у меня много вопросов по проекту'))
    await h.flush()
    expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince).not.toBeNull()
    h.clock.set(SLOT)
    await h.deps.scheduler.runDue()
    await h.flush()

    const shown = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await press(h, 913, `bko:called:${booking.id}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('called')
    expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince).toBeNull()
    // The working days after: nobody is reminded the client waits
    for (let day = 0; day < 3; day++) {
      h.clock.advance(24 * 3_600_000)
      await h.deps.scheduler.runDue()
      await h.flush()
    }
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(shown).join('\n')).not.toContain('ждёт ответа')
    expect(h.fake.topics.get(topicId)?.name).not.toContain('🔴')
    expect(h.errors()).toEqual([])
  })

  it('No answer answers nothing: the client’s written questions still wait — 🔴, /today’s “waiting”, no first answer in /stats', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    h.deps.services.staff.add(913, 'manager', OWNER_ID, 'Андрей')
    const { user, client, topicId } = await clientInHandoff(h, 917, 'Ольга')
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    for (let i = 0; i < 6; i++) await h.send(h.u.text(user, 'а можно вопрос?'))
    await h.flush()
    h.clock.set(SLOT)
    await h.deps.scheduler.runDue()
    await h.flush()

    await press(h, 913, `bko:noans:${booking.id}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('no_answer')
    // The client is told of the call, as before
    expect(h.fake.lastTextTo(user.id)).toContain('не дозвонились')
    // …and her questions still wait: no first answer, the wait goes on, the topic is not 💬
    const request = h.deps.services.handoff.current(client.id)
    expect(request?.firstResponseAt).toBeNull()
    expect(h.fake.topics.get(topicId)?.name.startsWith('🔴')).toBe(true)
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    const today = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(today).toContain('💬 Ждут ответа команды (1):')
    expect(today).not.toContain('Открытые, ждут нашего шага')
    const stats = await ownerStats(h)
    expect(stats).not.toContain('Андрей')
    // The answer-time alerts go on the next working day: she still waits
    const shown = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    h.clock.advance(24 * 3_600_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(shown).join('\n')).toContain('ждёт')
    expect(h.errors()).toEqual([])
  })

  it('Reschedule: staff pick a day and a time there; the client is told; reminders follow the move', async () => {
    const h = createHarness()
    const { user, booking, messageId } = await remindedBooking(h, 915)
    await press(h, OWNER_ID, `bko:resched:${booking.id}`, messageId)
    const days = lastKeyboard(h)
    expect(days[0]).toMatchObject({ callback_data: `bkod:${booking.id}:${MONDAY}:${AT}` })
    expect(days.at(-1)).toMatchObject({ callback_data: `bko:back:${booking.id}:${AT}` })

    await press(h, OWNER_ID, `bkod:${booking.id}:2026-11-24`, messageId)
    const slots = lastKeyboard(h)
    expect(slots[0]).toMatchObject({
      text: '10:00',
      callback_data: `bkos:${booking.id}:${Date.parse('2026-11-24T07:00Z') / 60_000}:${AT}`,
    })

    await press(h, OWNER_ID, `bkos:${booking.id}:${Date.parse('2026-11-24T08:00Z') / 60_000}`, messageId)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)).toMatchObject({
      status: 'booked',
      slotStart: Date.parse('2026-11-24T08:00Z'),
    })
    expect(h.fake.lastTextTo(user.id)).toContain(
      'менеджер перенёс ваш звонок. Новое время: вторник, 24 ноября, 11:00–11:30 (Москва, UTC+3).\nБыло: понедельник, 23 ноября, 15:00–15:30.\n',
    )
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain(
      '🔄 Перенесено, новое время: вторник, 24 ноября, 11:00–11:30 — User5000001.\nКлиент получил уведомление.',
    )
    expect(
      jobsOfKind(h, BOOKING_JOBS.staffReminder.kind)
        .filter((j) => j.status === 'pending')
        .map((j) => j.runAt),
    ).toEqual([Date.parse('2026-11-24T08:00Z')])

    // The slot is taken by someone else before staff press it: fresh days, nothing moved
    const other = h.u.user(916)
    await book(h, other, { day: '2026-11-24', slot: '2026-11-24T09:00Z' })
    await press(h, OWNER_ID, `bkos:${booking.id}:${Date.parse('2026-11-24T09:00Z') / 60_000}`)
    expect(lastAnswer(h)?.text).toContain('только что заняли')
    expect(h.deps.services.booking.get(booking.id)?.slotStart).toBe(Date.parse('2026-11-24T08:00Z'))
  })

  it('/call in the topic: the client’s call with the reminder’s buttons; Cancel asks first, then cancels it and tells the client', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8301, 'Галина')
    const owner = h.u.user(OWNER_ID)
    // No call yet: said so, with the way to offer one
    await h.send(h.u.staffText(owner, topicId, '/call'))
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      'У клиента нет назначенного звонка. /offer — предложить время; /call завтра 15:00 — записать клиента на это время.',
    )
    const booking = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00Z' })
    await h.send(h.u.staffText(owner, topicId, '/call'))
    await h.flush()
    const posted = h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(String(posted?.payload.text)).toMatch(
      /^📞 Звонок клиента: вторник, 24 ноября, 11:00–11:30 \(Москва, UTC\+3\)/,
    )
    const at = Date.parse('2026-11-24T08:00Z') / 60_000
    // A day ahead, how it went is no question yet: moved or cancelled only
    expect(buttonsOf(posted?.payload).map((b) => b.data)).toEqual([
      `bko:resched:${booking.id}:${at}`,
      `bko:cancel:${booking.id}:${at}`,
    ])
    const messageId = (posted?.result as { message_id: number } | undefined)?.message_id ?? 0
    // A "no answer" pressed on an older message before the call: refused, the client told nothing
    const told = h.fake.textsTo(user.id).length
    await press(h, OWNER_ID, `bko:noans:${booking.id}:${at}`, messageId)
    expect(lastAnswer(h)).toMatchObject({
      text: 'Время звонка ещё не пришло: вторник, 24 ноября, 11:00–11:30. Отметить, как он прошёл, можно после звонка; перенести или отменить — кнопками под сообщением.',
      show_alert: true,
    })
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('booked')
    await h.flush()
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    // A team member only
    await press(h, 8309, `bko:cancel:${booking.id}:${at}`, messageId)
    expect(lastAnswer(h)).toMatchObject({ text: 'Эта кнопка — только для сотрудников.', show_alert: true })
    // Asked first: a slip would cancel it and tell the client (pressed on the message as it reads)
    const pressShown = (data: string) =>
      h.send(h.u.callback(owner, data, { chatId: STAFF_GROUP_ID, messageId, shown: true }))
    await pressShown(`bko:cancel:${booking.id}:${at}`)
    expect(lastKeyboard(h).map((b: { callback_data: string }) => b.callback_data)).toEqual([
      `bko:cancelyes:${booking.id}:${at}`,
      `bko:back:${booking.id}:${at}`,
    ])
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('booked')
    const edits = () => h.fake.callsOf('editMessageText').filter((c) => c.payload.message_id === messageId)
    expect(edits().at(-1)?.payload.text).toMatch(
      /\n\nОтменить звонок клиента\? Клиент получит сообщение, что звонок отменён\.$/,
    )
    // "← Не отменять": the reminder as it was, the question gone with its buttons
    await pressShown(`bko:back:${booking.id}:${at}`)
    await h.flush()
    expect(edits().at(-1)?.payload.text).toBe(String(posted?.payload.text))
    await pressShown(`bko:cancel:${booking.id}:${at}`)
    await press(h, OWNER_ID, `bko:cancelyes:${booking.id}:${at}`, messageId)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('cancelled')
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Галина, по вашей просьбе звонок отменён: вторник, 24 ноября, 11:00–11:30 (Москва, UTC+3).\nПонадобится созвониться — выберите время по кнопке ниже.',
    )
    const noted = h.fake.callsOf('editMessageText').filter((c) => c.payload.message_id === messageId)
    expect(noted.at(-1)?.payload.text).toContain('✖ Звонок отменён — User5000001.\nКлиент получил уведомление.')
    // No "the client cancelled" notice: the team did, and the message says so
    expect(h.fake.textsTo(STAFF_GROUP_ID).some((t) => t.startsWith('✖ Клиент отменил звонок'))).toBe(false)
    // No reminder comes for it
    expect(jobsOfKind(h, BOOKING_JOBS.staffReminder.kind).filter((j) => j.status === 'pending')).toEqual([])
    // A second press (not a double tap): already done
    h.clock.advance(5_000)
    await press(h, OWNER_ID, `bko:cancelyes:${booking.id}:${at}`, messageId)
    expect(lastAnswer(h)?.text).toBe('Этот звонок отменён.')
    expect(h.errors()).toEqual([])
  })

  it('/call with a day and time books the client the call they agreed in words, on the number they gave, and tells them', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8311, 'Лариса')
    const owner = h.u.user(OWNER_ID)
    const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    // No number on record: nothing is booked, and the topic says how to give one
    await h.send(h.u.staffText(owner, topicId, '/call завтра 3'))
    await h.flush()
    expect(topic()).toBe('Не записал: номера клиента нет. Добавьте его после времени: /call завтра 3 +7 916 123 45 67')
    expect(bookingsOf(h, user)).toEqual([])
    // Someone in the group who is not on the team cannot
    await h.send(h.u.staffText(h.u.user(8319), topicId, '/call завтра 3 +7 916 123-45-67'))
    await h.flush()
    expect(bookingsOf(h, user)).toEqual([])
    const told = h.fake.textsTo(user.id).length

    // "3" is the afternoon's 15:00 (3:00 is no time of the working day)
    await h.send(h.u.staffText(owner, topicId, '/call завтра 3 8 916 123-45-67'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([
      { slotStart: Date.parse('2026-11-24T12:00Z'), phone: '+79161234567', status: 'booked' },
    ])
    const sent = [
      'Лариса, менеджер записал вас на звонок:',
      '📞 вторник, 24 ноября, 15:00–15:30',
      '🕐 Москва, UTC+3',
      'Менеджер позвонит на номер +7 916 123 45 67.',
      'За час до звонка я напомню. Перенести или отменить — кнопками ниже или командой /mybookings.',
    ]
    expect(h.fake.textsTo(user.id).slice(told)).toEqual([sent.join('\n')])
    const [call] = bookingsOf(h, user)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([
      `bkm:resched:${call?.id}`,
      `bkm:cancel:${call?.id}`,
      'menu:main',
    ])
    // The topic sees what the client got — and no "new booking" notice as if the client booked it
    expect(topic()).toBe(
      [
        '📤 Клиент записан на звонок — ему отправлено:',
        `<blockquote expandable>${sent.join('\n')}</blockquote>`,
        'Кнопки: [🔄 Перенести] [✖ Отменить] [← В меню]',
      ].join('\n'),
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID).some((t) => t.includes('Новая запись на звонок'))).toBe(false)
    // The number is the client's now (the card, their next booking)
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79161234567')
    // As a booking of their own: reminded before it, and theirs to cancel
    expect(jobsOfKind(h, BOOKING_JOBS.staffReminder.kind).filter((j) => j.status === 'pending')).toHaveLength(1)
    await h.send(h.u.callback(user, `bkm:cancel:${call?.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Отменить звонок')
    expect(h.errors()).toEqual([])
  })

  it('/call books an English client in English, on the number typed after the time', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const user = h.u.user(8331, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? 0
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/call tomorrow 3pm +44 20 7946 0958'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Jane, a manager has booked you a call:\n📞 Tuesday.* 24 November.*15:00–15:30\n.*\nA manager will call \+44 20 7946 0958\./,
    )
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T12:00Z'), phone: '+442079460958' }])
    // /call in the topic shows her call with the language whoever calls must speak
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/call'))
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('\n🗣 Клиент говорит по-английски')
    expect(h.errors()).toEqual([])
  })

  it('/call without a number takes the one the client just typed in the chat, and the topic says it came from their message', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8341, 'Олег')
    const owner = h.u.user(OWNER_ID)
    const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    await h.send(h.u.staffText(owner, topicId, 'На какой номер позвонить?'))
    await h.drain()
    h.clock.advance(55 * 60_000) // 12:55
    await h.send(h.u.text(user, '+7 926 700-11-22'))
    await h.drain()
    // With none on record, the number she typed in her request is hers at once: on the card
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79267001122')
    let told = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(owner, topicId, '/call сегодня 14:00'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-23T11:00Z'), phone: '+79267001122' }])
    expect(h.fake.textsTo(user.id).slice(told).join('\n')).toContain('Менеджер позвонит на номер +7 926 700 11 22.')
    expect(topic()).toMatch(/^📤 Клиент записан на звонок — ему отправлено:\n/)
    // Another number written since the one on record: the call moved to a new time goes to it
    h.clock.advance(15 * 60_000) // 13:10
    await h.send(h.u.text(user, 'да, давайте лучше завтра в 15:00, номер 8 903 111 22 33'))
    await h.drain()
    told = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(owner, topicId, '/call завтра 15:00'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T12:00Z'), phone: '+79031112233' }])
    expect(h.fake.textsTo(user.id).slice(told)).toHaveLength(1)
    expect(topic()).toMatch(
      /^📤 Звонок перенесён \(было: 14:00\), звонить на \+7 903 111 22 33 — номер из сообщения клиента в 13:10\. Клиенту отправлено:\n/,
    )
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79031112233')
    // The number on record and written nowhere since: the topic's notice is as before
    await h.send(h.u.staffText(owner, topicId, '/call завтра 16:00'))
    await h.flush()
    expect(topic()).toMatch(/^📤 Звонок перенесён \(было: вт, 24 нояб\., 15:00\) — клиенту отправлено:\n/)
    expect(h.errors()).toEqual([])
  })

  it('/call in English takes the number an English client typed among words', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const user = h.u.user(8342, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? 0
    await h.send(h.u.text(user, '+44 7700 900123 cheers'))
    await h.drain()
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/call tomorrow 3pm'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T12:00Z'), phone: '+447700900123' }])
    expect(h.fake.lastTextTo(user.id)).toContain('A manager will call +44 7700 900123.')
    // The number was on her card since she typed it: the call goes where the card says
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(/^📤 Клиент записан на звонок — ему отправлено:\n/)
    expect(h.errors()).toEqual([])
  })

  it('/call for a client on another clock asks whose time it is before anything reaches them; words that say whose book at once', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, client, topicId } = await clientInHandoff(h, 8351, 'Лариса')
    h.deps.services.clients.setTimezone(client.id, 'Europe/London')
    const owner = h.u.user(OWNER_ID)
    const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    const told = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(owner, topicId, '/call завтра 15:00 +7 916 123-45-67'))
    await h.flush()
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    const question = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
    expect(question?.payload.message_thread_id).toBe(topicId)
    expect(question?.payload.text).toBe(
      '🕐 «завтра 15:00» — по чьему времени? У клиента Лондон, UTC, у нас Москва, UTC+3. Клиенту пока ничего не отправлено.',
    )
    const buttons = buttonsOf(question?.payload)
    expect(buttons.map((b) => b.text)).toEqual(['15:00 у нас (у клиента 12:00)', '15:00 у клиента (у нас 18:00)'])
    const messageId = (question?.result as { message_id: number } | undefined)?.message_id as number
    const pressIt = (userId: number, data: string) =>
      h.send(h.u.callback(h.u.user(userId), data, { chatId: STAFF_GROUP_ID, messageId, threadId: topicId }))
    // Someone in the group who is not on the team; data that is not the button's
    await pressIt(8359, buttons[1]?.data as string)
    expect(lastAnswer(h)).toMatchObject({ text: 'Эта кнопка — только для сотрудников.', show_alert: true })
    await pressIt(OWNER_ID, `bkcz:${client.id}:abc`)
    await h.flush()
    expect(bookingsOf(h, user)).toEqual([])

    await pressIt(OWNER_ID, buttons[1]?.data as string)
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T15:00Z'), phone: '+79161234567' }])
    expect(h.fake.textsTo(user.id).slice(told)).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).toContain('📞 вторник, 24 ноября, 18:00–18:30')
    const edit = h.fake.callsOf('editMessageText').findLast((c) => c.payload.message_id === messageId)?.payload
    expect(edit?.text).toContain('✔️ 15:00 у клиента (у нас 18:00). Кто выбрал: User5000001')
    expect(edit?.reply_markup).toBeUndefined()
    // A second press of the same button books nothing twice
    await pressIt(OWNER_ID, buttons[1]?.data as string)
    await h.flush()
    expect(bookingsOf(h, user)).toHaveLength(1)

    // Whose clock said with the time: no question
    await h.send(h.u.staffText(owner, topicId, '/call завтра 11:00 по его времени'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T11:00Z') }])
    await h.send(h.u.staffText(owner, topicId, '/call завтра 16 по Москве'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T13:00Z') }])
    await h.send(h.u.staffText(owner, topicId, '/call tomorrow 5pm my time'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T14:00Z') }])
    await h.send(h.u.staffText(owner, topicId, '/call tomorrow 10am client time'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T10:00Z') }])
    expect(topic()).toMatch(/^📤 Звонок перенесён/)
    expect(h.errors()).toEqual([])
  })

  it('/call with a time moves the call a client has; the same time again, a busy time, a day off and other words are said in the topic', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8321, 'Нина')
    const owner = h.u.user(OWNER_ID)
    const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    const booking = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00Z' }) // Tue 11:00
    // Wednesday 10:00 is another client's
    const other = seedClient(h.deps, 8322)
    expect(
      h.deps.services.booking.book({
        clientId: other.id,
        slotStart: Date.parse('2026-11-25T07:00Z'),
        phone: '+79990000000',
        comment: null,
        productId: null,
      }).ok,
    ).toBe(true)
    await h.flush()

    await h.send(h.u.staffText(owner, topicId, '/call ср 10:00'))
    await h.flush()
    expect(topic()).toMatch(
      /^Не записал: «ср 10:00» \(среда, 25 ноября\) — это время уже занято\. Свободно в этот день: 10:30, 11:00, .*, 18:30\.$/,
    )
    await h.send(h.u.staffText(owner, topicId, '/call вс 12'))
    await h.flush()
    expect(topic()).toBe('Не записал: воскресенье, 29 ноября — нерабочий день.')
    await h.send(h.u.staffText(owner, topicId, '/call как договорились'))
    await h.flush()
    expect(topic()).toContain('/call завтра 15:00, /call пт 11, /call 11.12 10:30 — записать клиента на это время')
    await h.send(h.u.staffText(owner, topicId, '/call завтра 11:00'))
    await h.flush()
    expect(topic()).toBe('Звонок клиента уже в это время: вт, 24 нояб., 11:00.')
    expect(h.deps.services.booking.get(booking.id)?.slotStart).toBe(Date.parse('2026-11-24T08:00Z'))

    const told = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(owner, topicId, '/call в среду в 10:30 +7 903 111-22-33'))
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)).toMatchObject({
      slotStart: Date.parse('2026-11-25T07:30Z'),
      phone: '+79031112233',
      status: 'booked',
    })
    const moved =
      'Нина, менеджер перенёс ваш звонок. Новое время: среда, 25 ноября, 10:30–11:00 (Москва, UTC+3).\nБыло: вторник, 24 ноября, 11:00–11:30.\nЕсли время не подходит — перенесите или отмените кнопками ниже.'
    expect(h.fake.textsTo(user.id).slice(told)).toEqual([moved])
    expect(topic()).toMatch(/^📤 Звонок перенесён \(было: вт, 24 нояб\., 11:00\) — клиенту отправлено:\n/)
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79031112233')
    // One call, one reminder for the team, at its new time
    expect(bookingsOf(h, user)).toHaveLength(1)
    const reminders = jobsOfKind(h, BOOKING_JOBS.staffReminder.kind).filter(
      (j) => j.status === 'pending' && j.clientId === booking.clientId,
    )
    expect(reminders.map((j) => j.runAt)).toEqual([Date.parse('2026-11-25T07:30Z')])
    expect(h.errors()).toEqual([])
  })

  it('/call books a free time sooner than clients may book themselves; a time it cannot book is refused with its true reason', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, topicId } = await clientInHandoff(h, 8361, 'Вера')
    const owner = h.u.user(OWNER_ID)
    const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    const free = 'Свободно в этот день: 12:30, 13:00, 13:30,'
    h.clock.advance(20 * 60_000) // 12:20: the client's own picker starts at 13:30 (an hour ahead)
    // Gone by
    await h.send(h.u.staffText(owner, topicId, '/call сегодня 10:30 +7 916 123-45-67'))
    await h.flush()
    expect(topic()).toMatch(
      /^Не записал: «сегодня 10:30» \(понедельник, 23 ноября\) — это время уже прошло\. Свободно в этот день: 12:30, 13:00, 13:30,/,
    )
    // The one that has begun is gone too
    await h.send(h.u.staffText(owner, topicId, '/call 12:00 +7 916 123-45-67'))
    await h.flush()
    expect(topic()).toContain('— это время уже прошло.')
    // Outside the working hours
    await h.send(h.u.staffText(owner, topicId, '/call 20:00 +7 916 123-45-67'))
    await h.flush()
    expect(topic()).toMatch(/^Не записал: «20:00» \(понедельник, 23 ноября\) — в это время мы не работаем\. /)
    expect(topic()).toContain(free)
    // Between two times calls start at
    await h.send(h.u.staffText(owner, topicId, '/call 14:15 +7 916 123-45-67'))
    await h.flush()
    expect(topic()).toMatch(/^Не записал: «14:15» \(понедельник, 23 ноября\) — звонки начинаются каждые 30 мин\. /)
    // Taken by another client
    const other = seedClient(h.deps, 8362)
    const taken = Date.parse('2026-11-23T11:00Z') // 14:00
    expect(
      h.deps.services.booking.book({
        clientId: other.id,
        slotStart: taken,
        phone: '+79990000000',
        comment: null,
        productId: null,
      }).ok,
    ).toBe(true)
    await h.send(h.u.staffText(owner, topicId, '/call 14:00 +7 916 123-45-67'))
    await h.flush()
    expect(topic()).toMatch(/^Не записал: «14:00» \(понедельник, 23 ноября\) — это время уже занято\. /)
    expect(bookingsOf(h, user)).toEqual([])

    // The time just agreed, 40 minutes ahead: booked
    await h.send(h.u.staffText(owner, topicId, '/call 13:00 +7 916 123-45-67'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-23T10:00Z'), status: 'booked' }])
    expect(h.fake.lastTextTo(user.id)).toContain('📞 понедельник, 23 ноября, 13:00–13:30')
    // And moved to the one after it, sooner than the client's own move would allow
    await h.send(h.u.staffText(owner, topicId, '/call 12:30'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-23T09:30Z'), status: 'booked' }])
    expect(topic()).toMatch(/^📤 Звонок перенесён/)
    expect(h.errors()).toEqual([])
  })

  it('/call with an hour that is free both morning and evening books neither and says so', async () => {
    const demo = contentWith({})
    const h = createHarness({
      content: contentWith({ business: { hours: { ...demo.business.hours, tue: ['02:00-20:00'] } } }),
    })
    const { user, topicId } = await clientInHandoff(h, 8371, 'Зоя')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/call завтра 3 +7 916 123-45-67'))
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      /^Не записал: «завтра 3» \(вторник, 24 ноября\) — непонятно, утро это или вечер: напишите время полностью, например 15:00\. Свободно в этот день: 2:00, /,
    )
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('/call for a time gone by late in the day, with no time left in it, says there is none', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow; calls until 19:00
    const { user, topicId } = await clientInHandoff(h, 8372, 'Яна')
    h.clock.advance(6 * 60 * 60_000 + 45 * 60_000) // 18:45: the day's last call (18:30) has begun
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/call 18:30 +7 916 123-45-67'))
    await h.flush()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      'Не записал: «18:30» (понедельник, 23 ноября) — это время уже прошло. Свободного времени в этот день больше нет.',
    )
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a call the team moves tells the client the time it had, as their own move does, with their clock beside it', async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const user = h.u.user(8341, { first_name: 'Priya', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    h.deps.services.clients.setTimezone(client.id, 'Europe/London')
    const booking = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00Z' }) // Tue 11:00 Moscow, 8:00 London
    const ZONE = 'Moscow Time, UTC+3'
    // Moved with /call in the topic
    await h.send(h.u.staffText(h.u.user(OWNER_ID), client.topicId!, '/call wednesday 11:00 my time'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toBe(
      [
        `Priya, a manager has moved your call. The new time: Wednesday 25 November, 11:00–11:30 (${ZONE} — 8:00 your time).`,
        `Was: Tuesday 24 November, 11:00–11:30 (${ZONE} — 8:00 your time).`,
        'If that time does not suit you, move or cancel it with the buttons below.',
      ].join('\n'),
    )
    // Moved from its reminder: Reschedule → a day → a time
    const at = Date.parse('2026-11-25T08:00Z')
    h.clock.set(at)
    await h.deps.scheduler.runDue()
    await h.drain()
    await press(h, OWNER_ID, `bko:resched:${booking.id}:${at / 60_000}`)
    await press(h, OWNER_ID, `bkod:${booking.id}:2026-11-26:${at / 60_000}`)
    await press(h, OWNER_ID, `bkos:${booking.id}:${Date.parse('2026-11-26T09:00Z') / 60_000}:${at / 60_000}`)
    await h.flush()
    expect(h.deps.services.booking.get(booking.id)?.slotStart).toBe(Date.parse('2026-11-26T09:00Z'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      [
        `Priya, a manager has moved your call. The new time: Thursday 26 November, 12:00–12:30 (${ZONE} — 9:00 your time).`,
        `Was: Wednesday 25 November, 11:00–11:30 (${ZONE} — 8:00 your time).`,
        'If that time does not suit you, move or cancel it with the buttons below.',
      ].join('\n'),
    )
    expect(h.errors()).toEqual([])
  })

  it('Cancel pressed once the call’s time is over: nothing to cancel, how it went to mark', async () => {
    const h = createHarness()
    const { booking, messageId } = await remindedBooking(h, 918)
    h.clock.set('2026-11-23T13:00Z') // an hour after its start, its 30 minutes over
    await press(h, OWNER_ID, `bko:cancel:${booking.id}:${AT}`, messageId)
    await press(h, OWNER_ID, `bko:cancelyes:${booking.id}:${AT}`, messageId)
    expect(lastAnswer(h)).toMatchObject({
      text: 'Время звонка уже прошло — отменять нечего. Отметьте, как он прошёл.',
      show_alert: true,
    })
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('booked')
    expect(pickerButtons(h)[0]).toBe(`bko:called:${booking.id}:${AT}`)
    expect(h.errors()).toEqual([])
  })

  it('Reschedule asks for a day under the reminder; the day picked is named above its times; Keep shows the reminder as it went', async () => {
    const h = createHarness()
    const { user, booking } = await remindedBooking(h, 921)
    const reminderId = h.fake.messageWithButton(STAFF_GROUP_ID, `bko:resched:${booking.id}:${AT}`) ?? 0
    const shownText = () => h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(reminderId)?.message.text
    const reminder = shownText() ?? ''
    expect(reminder).toContain('📞 Пора звонить: понедельник, 23 ноября, 15:00–15:30 (Москва, UTC+3)')
    // As Telegram sends a press: with the text the message shows now
    const tap = (data: string) =>
      h.send(h.u.callback(h.u.user(OWNER_ID), data, { chatId: STAFF_GROUP_ID, messageId: reminderId, shown: true }))

    // The days come with a line saying what to do with them, as the times do (it was only a toast,
    // gone in a moment, and the reminder's text above the days said nothing of them)
    const pickDay = `${reminder}\n\nВыберите новый день и время`
    await tap(`bko:resched:${booking.id}:${AT}`)
    expect(shownText()).toBe(pickDay)
    expect(pickerButtons(h)[0]).toBe(`bkod:${booking.id}:${MONDAY}:${AT}`)
    await tap(`bkod:${booking.id}:2026-11-24:${AT}`)
    expect(shownText()).toBe(`${reminder}\n\nНовый день звонка: вторник, 24 ноября — выберите время:`)
    expect(pickerButtons(h)[0]).toBe(`bkos:${booking.id}:${Date.parse('2026-11-24T07:00Z') / 60_000}:${AT}`)
    // Another day: the days under the reminder, asked for again, then that day named instead
    await tap(`bko:resched:${booking.id}:${AT}`)
    expect(shownText()).toBe(pickDay)
    await tap(`bkod:${booking.id}:2026-11-25:${AT}`)
    expect(shownText()).toBe(`${reminder}\n\nНовый день звонка: среда, 25 ноября — выберите время:`)
    // Keep the time: the reminder as it went, with its outcome buttons
    await tap(`bko:back:${booking.id}:${AT}`)
    expect(shownText()).toBe(reminder)
    expect(pickerButtons(h)).toEqual([
      `bko:called:${booking.id}:${AT}`,
      `bko:noans:${booking.id}:${AT}`,
      `bko:resched:${booking.id}:${AT}`,
      `bko:cancel:${booking.id}:${AT}`,
    ])
    // A time picked: what happened goes under the reminder, the picker's line gone with its buttons
    await tap(`bko:resched:${booking.id}:${AT}`)
    await tap(`bkod:${booking.id}:2026-11-24:${AT}`)
    await tap(`bkos:${booking.id}:${Date.parse('2026-11-24T08:00Z') / 60_000}:${AT}`)
    await h.flush()
    expect(shownText()).toBe(
      `${reminder}\n\n🔄 Перенесено, новое время: вторник, 24 ноября, 11:00–11:30 — User5000001.\nКлиент получил уведомление.`,
    )
    expect(h.fake.lastTextTo(user.id)).toContain('Новое время: вторник, 24 ноября, 11:00–11:30')
    expect(h.errors()).toEqual([])
  })

  it('a missed call is not moved for a client who booked another call since: one call at a time', async () => {
    const h = createHarness()
    const { user, booking, messageId } = await remindedBooking(h, 919)
    // Nobody records an outcome. 16:00: the call is over, the client books Tuesday 11:00 themselves
    h.clock.set('2026-11-23T13:00Z')
    await h.send(h.u.text(user, '/book'))
    await h.send(h.u.callback(user, 'bkd:2026-11-24'), h.u.callback(user, slotData('2026-11-24T08:00Z')))
    await h.send(h.u.text(user, '+79161234567'), h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user).map((b) => b.status)).toEqual(['booked', 'booked'])
    h.fake.clearCalls()
    // 16:30: a manager catches up on the 15:00 reminder and moves it to Tuesday 14:00
    h.clock.set('2026-11-23T13:30Z')
    await press(h, OWNER_ID, `bko:resched:${booking.id}:${AT}`, messageId)
    await press(h, OWNER_ID, `bkod:${booking.id}:2026-11-24:${AT}`, messageId)
    await press(h, OWNER_ID, `bkos:${booking.id}:${Date.parse('2026-11-24T11:00Z') / 60_000}:${AT}`, messageId)
    await h.flush()
    expect(lastAnswer(h)).toMatchObject({
      text: 'Клиент уже записался на другой звонок: вторник, 24 ноября, 11:00–11:30. Этот звонок не перенести — отметьте, как он прошёл.',
      show_alert: true,
    })
    // The reminder's outcome buttons are back, to record how the missed call went
    const buttons = lastKeyboard(h)
    expect(buttons.map((b: { callback_data: string }) => b.callback_data)).toEqual([
      `bko:called:${booking.id}:${AT}`,
      `bko:noans:${booking.id}:${AT}`,
      `bko:resched:${booking.id}:${AT}`,
      `bko:cancel:${booking.id}:${AT}`,
    ])
    expect(h.deps.services.booking.upcomingFor(booking.clientId).map((b) => b.slotStart)).toEqual([
      Date.parse('2026-11-24T08:00Z'),
    ])
    expect(h.deps.services.booking.get(booking.id)?.slotStart).toBe(Date.parse(SLOT))
    expect(h.fake.sentTo(user.id)).toEqual([])
  })

  it('a client in another zone: the reminder names their clock, and the move picker marks their night 🌙 and early morning 🌅 as their own picker does', async () => {
    const h = createHarness()
    const user = h.u.user(931, { first_name: 'Алёна' })
    await h.send(h.u.text(user, '/start'))
    h.deps.services.clients.setTimezone(findClientByTelegramId(h.deps.db, user.id)!.id, 'Asia/Vladivostok')
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    h.clock.set(SLOT)
    await h.deps.scheduler.runDue()
    await h.drain()
    const reminder = h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.includes('Пора звонить'))
    expect(reminder).toContain('15:00–15:30 (Москва, UTC+3; у клиента 22:00)')
    // The day's list names it as the reminder does
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')[1]).toBe(
      '🕐 15:00–15:30 (у клиента 22:00) — Алёна #1, +7 916 123 45 67',
    )
    await press(h, OWNER_ID, `bko:resched:${booking.id}:${AT}`)
    await press(h, OWNER_ID, `bkod:${booking.id}:2026-11-24:${AT}`)
    expect(lastAnswer(h)?.text).toBe(
      'Время — по нашему поясу (Москва, UTC+3; у клиента на 7 часов больше). 🌙 — ночь у клиента (22:00–7:00 по его часам).',
    )
    const labels: string[] = lastKeyboard(h).map((b: { text: string }) => b.text)
    // 15:00 in Moscow is 22:00 in Vladivostok: night there (21:00 is evening, the client's picker says so too)
    expect(labels.slice(0, 12)).toEqual([
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '12:00',
      '12:30',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '🌙 15:00',
      '🌙 15:30',
    ])
    // A client in Los Angeles: our 10:00 is their 23:00 the night before, our 18:00 their 7:00 — early morning
    const west = h.u.user(932, { first_name: 'Jake' })
    await h.send(h.u.text(west, '/start'))
    h.deps.services.clients.setTimezone(findClientByTelegramId(h.deps.db, west.id)!.id, 'America/Los_Angeles')
    const call = await book(h, west, { day: '2026-11-24', slot: '2026-11-24T12:00Z' })
    await press(h, OWNER_ID, `bko:resched:${call.id}:${Date.parse('2026-11-24T12:00Z') / 60_000}`)
    await press(h, OWNER_ID, `bkod:${call.id}:2026-11-25:${Date.parse('2026-11-24T12:00Z') / 60_000}`)
    expect(lastAnswer(h)?.text).toContain('🌅 — раннее утро (7:00–9:00).')
    const westLabels: string[] = lastKeyboard(h).map((b: { text: string }) => b.text)
    expect(westLabels.slice(14, 18)).toEqual(['🌙 17:00', '🌙 17:30', '🌅 18:00', '🌅 18:30'])
    expect(h.errors()).toEqual([])
  })

  it('"Keep the time" brings the outcome buttons back; forged and misplaced presses are refused', async () => {
    const h = createHarness()
    const { booking } = await remindedBooking(h, 917)
    await press(h, OWNER_ID, `bko:resched:${booking.id}`)
    await press(h, OWNER_ID, `bko:back:${booking.id}`)
    const buttons = lastKeyboard(h)
    expect(buttons.map((b: { callback_data: string }) => b.callback_data)).toEqual([
      `bko:called:${booking.id}:${AT}`,
      `bko:noans:${booking.id}:${AT}`,
      `bko:resched:${booking.id}:${AT}`,
      `bko:cancel:${booking.id}:${AT}`,
    ])

    await press(h, OWNER_ID, 'bko:called:999999')
    expect(lastAnswer(h)?.text).toBe('Этот звонок уже обработан.')
    // In the staff group, no /menu to point to
    await press(h, OWNER_ID, 'bko:explode:1')
    expect(lastAnswer(h)?.text).toBe('Эта кнопка уже неактуальна.')
    // the reminder forwarded to a private chat: not the staff group, not acted on
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bko:called:${booking.id}`))
    expect(lastAnswer(h)?.text).toBe('Эта кнопка уже неактуальна. Откройте /menu')
    expect(h.deps.services.booking.get(booking.id)?.status).toBe('booked')
    expect(h.errors()).toEqual([])
  })
})

/** Open round the clock in Berlin: on Sunday 25 October 2026 the clocks go from 03:00 back to 02:00. */
function openRoundTheClockInBerlin(now: string): Harness {
  const always = ['00:00-24:00']
  return createHarness({
    content: contentWith({
      business: {
        timezone: 'Europe/Berlin',
        hours: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
      },
    }),
    clock: createFakeClock(now),
  })
}

describe('correcting a call’s outcome', () => {
  const IRINA = 931
  const ANNA = 932
  const OLEG = 933
  const NAMES = new Map([
    [IRINA, 'Ирина'],
    [ANNA, 'Анна'],
    [OLEG, 'Олег'],
  ])

  /**
   * A salon of three managers: Ирина leads the client (she answered her in her topic), Анна and Олег
   * do not. The client's call is booked and its reminder posted in her topic.
   */
  async function salon(h: Harness, userId: number, zone?: string) {
    h.deps.services.staff.add(IRINA, 'manager', OWNER_ID, 'Ирина')
    h.deps.services.staff.add(ANNA, 'manager', OWNER_ID, 'Анна')
    h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
    const { user, client, topicId } = await clientInHandoff(h, userId, 'Вера')
    await h.send(
      h.u.staffText(h.u.user(IRINA, { first_name: 'Ирина' }), topicId, 'Здравствуйте! Запишитесь на звонок, обсудим'),
    )
    await h.flush()
    if (zone) updateClient(h.deps.db, client.id, { timezone: zone })
    const booking = await book(h, user, { day: MONDAY, slot: SLOT })
    h.clock.set(SLOT)
    await h.deps.scheduler.runDue()
    await h.flush()
    const reminder = h.fake
      .sentTo(STAFF_GROUP_ID)
      .findLast((c) => /Пора звонить|Time to call/.test(String(c.payload.text)))
    if (!reminder) throw new Error('no staff reminder')
    const messageId = (reminder.result as { message_id: number }).message_id
    const pressOn = (userId: number, data: string) =>
      h.send(
        h.u.callback(h.u.user(userId, { first_name: NAMES.get(userId) }), data, {
          chatId: STAFF_GROUP_ID,
          threadId: topicId,
          messageId,
          shown: true,
        }),
      )
    return { user, topicId, booking, messageId, pressOn }
  }

  const shownIn = (h: Harness, messageId: number) =>
    h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(messageId)?.message
  const buttonsOn = (h: Harness, messageId: number) =>
    shownIn(h, messageId)
      ?.reply_markup?.inline_keyboard.flat()
      .map((b) => ('callback_data' in b ? b.callback_data : b.text)) ?? []
  const statusOf = (h: Harness, bookingId: number) => h.deps.services.booking.get(bookingId)?.status

  /** The calls line of the owner's /stats for the last 7 days. */
  const statsCalls = async (h: Harness) => statsLine(await ownerStats(h), '📞')

  it('the lead’s “Called” at the instant a colleague pressed “No answer”: the topic is told which stands, the lead corrects it, the client gets one word that it was a mistake, /stats counts a call held', async () => {
    const h = createHarness() // Monday 23 November; the call at 15:00 Moscow
    const { user, topicId, booking, messageId, pressOn } = await salon(h, 941)
    const toClient = h.fake.textsTo(user.id).length
    await Promise.all([
      pressOn(ANNA, `bko:noans:${booking.id}:${AT}`),
      pressOn(IRINA, `bko:called:${booking.id}:${AT}`),
    ])
    await h.flush()
    // Анна's press came first: it stands, and the client was told so
    expect(statusOf(h, booking.id)).toBe('no_answer')
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([
      expect.stringContaining('Вера, мы звонили вам (понедельник, 23 ноября, 15:00–15:30'),
    ])
    // Ирина leads the client: her press is answered with the question whether to change it, under the mark
    expect(lastAnswer(h)?.text).toBe('Уже отмечено: не дозвонились.')
    expect(shownIn(h, messageId)?.text).toContain(
      '📵 Не дозвонились. Кто отметил: Анна.\nКлиенту предложено выбрать новое время.\n\nИзменить итог на «✅ Позвонили»? Если клиенту уже написали, что не дозвонились, ему придёт поправка.',
    )
    expect(buttonsOn(h, messageId)).toEqual([`bkx:yes:${booking.id}:called`, `bkx:keep:${booking.id}:called`])
    // The topic is told two outcomes were pressed, which one counts, and how to correct it
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '⚠️ Итог звонка отметили по-разному: Анна — «📵 Не дозвонились», Ирина — «✅ Позвонили». Засчитан первый: «📵 Не дозвонились». Если он неверный, исправьте его до 15:30 кнопкой «✏️ Исправить» под напоминанием — это может Анна, менеджер клиента или владелец.',
    )

    // Someone in the group who is not on the team, and Олег, who neither marked it nor leads the client: refused
    await h.send(
      h.u.callback(h.u.user(912), `bkx:yes:${booking.id}:called`, {
        chatId: STAFF_GROUP_ID,
        threadId: topicId,
        messageId,
      }),
    )
    expect(lastAnswer(h)).toMatchObject({ text: 'Эта кнопка — только для сотрудников.', show_alert: true })
    await pressOn(OLEG, `bkx:yes:${booking.id}:called`)
    expect(lastAnswer(h)).toMatchObject({
      text: 'Исправить итог может тот, кто его отметил (Анна), менеджер клиента или владелец.',
      show_alert: true,
    })
    expect(statusOf(h, booking.id)).toBe('no_answer')

    h.clock.advance(2 * 60_000)
    await pressOn(IRINA, `bkx:yes:${booking.id}:called`)
    await h.flush()
    expect(statusOf(h, booking.id)).toBe('called')
    expect(shownIn(h, messageId)?.text).toContain(
      '📵 Не дозвонились. Кто отметил: Анна.\nКлиенту предложено выбрать новое время.\n\n✏️ Итог исправлен на «✅ Позвонили». Кто исправил: Ирина.\nКлиенту отправлена поправка: сообщение «не дозвонились» ушло по ошибке, звонок состоялся.',
    )
    expect(shownIn(h, messageId)?.reply_markup).toBeUndefined()
    // One word more to the client, saying the first was a mistake — never a bare contradiction
    // (and the first's "pick a new time" taken off, an edit of no words)
    expect(
      h.fake
        .textsTo(user.id)
        .slice(toClient)
        .filter((text) => text !== ''),
    ).toEqual([
      expect.stringContaining('но не дозвонились'),
      'Вера, простите: сообщение о том, что мы вам не дозвонились, ушло по ошибке — звонок состоялся. Выбирать новое время не нужно.',
    ])

    // Corrected once: back the other way is refused, and nothing changes
    await pressOn(ANNA, `bkx:yes:${booking.id}:noans`)
    expect(lastAnswer(h)).toMatchObject({
      text: 'Итог этого звонка уже не исправить: его исправляют один раз и только в первые 30 мин после отметки.',
      show_alert: true,
    })
    expect(statusOf(h, booking.id)).toBe('called')
    expect(await statsCalls(h)).toContain('состоялось 1, клиент не ответил — 0')

    // Nothing planned by the first outcome goes later: no job left, nothing more to the client
    expect(jobsOfKind(h, 'booking_outcome_fix').map((j) => j.status)).toEqual(['cancelled'])
    expect(jobsOfKind(h, 'booking_no_answer_client')).toEqual([])
    const told = h.fake.textsTo(user.id).length
    h.clock.advance(24 * 3_600_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(h.fake.textsTo(user.id).slice(told).join('\n')).not.toContain('дозвонились')
    expect(h.errors()).toEqual([])
  })

  it('“No answer” marked in the client’s night and corrected by whoever marked it: the morning’s “we could not reach you” does not go, and no correction either', async () => {
    const h = createHarness() // the call at 15:00 Moscow: 22:00 in Vladivostok
    const { user, topicId, booking, messageId, pressOn } = await salon(h, 942, 'Asia/Vladivostok')
    const toClient = h.fake.textsTo(user.id).length
    await pressOn(ANNA, `bko:noans:${booking.id}:${AT}`)
    await h.flush()
    expect(shownIn(h, messageId)?.text).toContain(
      // Her morning is tomorrow on either clock: 9:00 hers, 2:00 ours
      'сообщение придёт ему завтра в 9:00 по его времени (у нас завтра в 2:00), не ночью.\n\nОшиблись с итогом? Исправить можно до 15:30 — кнопкой ниже.',
    )
    expect(buttonsOn(h, messageId)).toEqual([`bkx:ask:${booking.id}:called`])
    // Asked first; "keep" puts the mark back as it was, with its button
    await pressOn(ANNA, `bkx:ask:${booking.id}:called`)
    expect(buttonsOn(h, messageId)).toEqual([`bkx:yes:${booking.id}:called`, `bkx:keep:${booking.id}:called`])
    await pressOn(ANNA, `bkx:keep:${booking.id}:called`)
    expect(shownIn(h, messageId)?.text).toMatch(
      /не ночью\.\n\nОшиблись с итогом\? Исправить можно до 15:30 — кнопкой ниже\.$/,
    )
    expect(buttonsOn(h, messageId)).toEqual([`bkx:ask:${booking.id}:called`])

    await pressOn(ANNA, `bkx:ask:${booking.id}:called`)
    await pressOn(ANNA, `bkx:yes:${booking.id}:called`)
    await h.flush()
    expect(statusOf(h, booking.id)).toBe('called')
    expect(shownIn(h, messageId)?.text).toMatch(
      /не ночью\.\n\n✏️ Итог исправлен на «✅ Позвонили»\. Кто исправил: Анна\.\nСообщение «не дозвонились» ждало утра клиента и не уйдёт\.$/,
    )
    expect(jobsOfKind(h, 'booking_no_answer_client').map((j) => j.status)).toEqual(['cancelled'])
    // Her morning comes: nothing — she was never told anything to correct
    h.clock.set('2026-11-23T23:00Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([])
    // One person changed her own mark: nothing to tell the team of two outcomes
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('по-разному')
    expect(h.errors()).toEqual([])
  })

  it('“Called” corrected to “No answer” by the client’s lead: the client is told of the missed call and offered a new time, /stats counts a no-show', async () => {
    const h = createHarness()
    const { user, booking, messageId, pressOn } = await salon(h, 943)
    const toClient = h.fake.textsTo(user.id).length
    await pressOn(OLEG, `bko:called:${booking.id}:${AT}`)
    await h.flush()
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([])
    await pressOn(IRINA, `bkx:ask:${booking.id}:noans`)
    expect(shownIn(h, messageId)?.text).toContain(
      'Изменить итог на «📵 Не дозвонились»? Клиенту напишут, что не дозвонились, и предложат другое время.',
    )
    await pressOn(IRINA, `bkx:yes:${booking.id}:noans`)
    await h.flush()
    expect(statusOf(h, booking.id)).toBe('no_answer')
    expect(shownIn(h, messageId)?.text).toMatch(
      /✅ Позвонили\. Кто отметил: Олег\n\n✏️ Итог исправлен на «📵 Не дозвонились»\. Кто исправил: Ирина\.\nКлиенту написали, что не дозвонились, и предложили выбрать новое время\.$/,
    )
    const told = h.fake.textsTo(user.id).slice(toClient)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(/^Вера, мы звонили вам \(понедельник, 23 ноября, 15:00–15:30.*\), но не дозвонились\./)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([`bkm:resched:${booking.id}`])
    expect(await statsCalls(h)).toContain('состоялось 0, клиент не ответил — 1')
    expect(h.errors()).toEqual([])
  })

  /** The client's "we could not reach you" in their chat with the bot, as it shows there now. */
  function missedMessageOf(h: Harness, userId: number) {
    const sent = h.fake
      .callsOf('sendMessage')
      .findLast((c) => Number(c.payload.chat_id) === userId && String(c.payload.text).includes('но не дозвонились'))
    const id = (sent?.result as { message_id: number } | undefined)?.message_id
    if (id === undefined) throw new Error('no "we could not reach you" in the client’s chat')
    const shown = h.fake.emulator.chats.get(userId)?.messages.get(id)?.message
    const buttons = shown?.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? []
    return { id, buttons }
  }

  it('“No answer” corrected to “Called” after the client read it: the “pick a new time” button goes from their message, and a late press on it says the call took place', async () => {
    const h = createHarness()
    const { user, booking, pressOn } = await salon(h, 945)
    await pressOn(ANNA, `bko:noans:${booking.id}:${AT}`)
    await h.flush()
    // The client reads it, with the way to a new time under it (their request is open: no manager button)
    const missed = missedMessageOf(h, user.id)
    expect(missed.buttons).toEqual(['📞 Выбрать новое время'])

    h.clock.advance(5 * 60_000)
    await pressOn(ANNA, `bkx:ask:${booking.id}:called`)
    await pressOn(ANNA, `bkx:yes:${booking.id}:called`)
    await h.flush()
    expect(statusOf(h, booking.id)).toBe('called')
    expect(h.fake.lastPostTo(user.id)).toBe(
      'Вера, простите: сообщение о том, что мы вам не дозвонились, ушло по ошибке — звонок состоялся. Выбирать новое время не нужно.',
    )
    // The message it corrects keeps its words and loses the button that would start a new booking
    expect(missedMessageOf(h, user.id)).toEqual({ id: missed.id, buttons: [] })

    // A press that still reaches it (an app that has not redrawn the message): told the call took
    // place, no booking started
    const data = `bkm:resched:${booking.id}`
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.callback(user, data, { messageId: missed.id }))
    await h.flush()
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([
      'Этот звонок уже состоялся (понедельник, 23 ноября, 15:00–15:30). Понадобится созвониться снова — запишитесь по кнопке ниже.',
    ])
    expect(bookingsOf(h, user).map((b) => b.status)).toEqual(['called'])
    // Forged: someone else's call, or one that never was
    const stranger = h.u.user(946)
    await h.send(h.u.callback(stranger, data, { messageId: missed.id }))
    expect(lastAnswer(h)).toMatchObject({
      text: 'Эта кнопка относится к чужой записи — нажать её может только тот, кто записывался.',
      show_alert: true,
    })
    await h.send(h.u.callback(user, 'bkm:resched:99999', { messageId: missed.id }))
    expect(lastAnswer(h)?.text).toBe('Этой записи больше нет.')
    expect(bookingsOf(h, user).map((b) => b.status)).toEqual(['called'])
    expect(h.errors()).toEqual([])
  })

  it('“No answer” corrected to “Called” before its message left: it goes without the “pick a new time” button', async () => {
    const h = createHarness()
    const { user, booking, pressOn } = await salon(h, 947)
    await pressOn(ANNA, `bko:noans:${booking.id}:${AT}`)
    // Corrected at once, the message still in the client's queue
    await pressOn(ANNA, `bkx:ask:${booking.id}:called`)
    await pressOn(ANNA, `bkx:yes:${booking.id}:called`)
    await h.flush()
    expect(missedMessageOf(h, user.id).buttons).toEqual([])
    expect(h.fake.lastPostTo(user.id)).toContain('ушло по ошибке — звонок состоялся')
    // Nothing to edit: it went as it is now
    expect(h.fake.callsOf('editMessageReplyMarkup').filter((c) => Number(c.payload.chat_id) === user.id)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('“No answer” left as marked: the button under the client’s message starts the new booking', async () => {
    const h = createHarness()
    const { user, booking, pressOn } = await salon(h, 948)
    await pressOn(ANNA, `bko:noans:${booking.id}:${AT}`)
    await h.flush()
    const missed = missedMessageOf(h, user.id)
    expect(h.fake.keyboardOf(user.id, missed.id)?.inline_keyboard.flat()).toEqual([
      { text: '📞 Выбрать новое время', callback_data: `bkm:resched:${booking.id}` },
    ])
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`, { messageId: missed.id }))
    expect(lastAnswer(h)?.text).toBe('Тот звонок не состоялся — выберите новое время 👇')
    // The days to pick from
    expect(h.fake.lastButtonsTo(user.id).some((b) => String(b.data).startsWith('bkd:'))).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('an outcome marked late in the evening: the time to correct it and the client’s morning name their day', async () => {
    const h = createHarness() // the call at 15:00 Moscow on Monday; quiet hours 21:00–9:00
    const { user, booking, messageId, pressOn } = await salon(h, 949)
    // Marked at 23:50: the time to correct it ends at 0:20 on Tuesday, the client hears of it at 9:00 on Tuesday
    h.clock.set('2026-11-23T20:50Z')
    await pressOn(ANNA, `bko:noans:${booking.id}:${AT}`)
    await h.flush()
    expect(shownIn(h, messageId)?.text).toContain(
      '📵 Не дозвонились. Кто отметил: Анна.\nКлиенту предложено выбрать новое время — сообщение придёт ему завтра в 9:00, не ночью.\n\nОшиблись с итогом? Исправить можно до вт, 24 нояб., 0:20 — кнопкой ниже.',
    )
    // Олег may not correct it: told who may, and until when
    await pressOn(OLEG, `bko:called:${booking.id}:${AT}`)
    expect(lastAnswer(h)).toMatchObject({
      text: 'Уже отмечено: не дозвонились (Анна). Исправить до вт, 24 нояб., 0:20 может Анна, менеджер клиента или владелец.',
      show_alert: true,
    })
    // Past midnight the window is today's: its time alone
    h.clock.set('2026-11-23T21:05Z')
    await pressOn(ANNA, `bkx:ask:${booking.id}:called`)
    await pressOn(ANNA, `bkx:keep:${booking.id}:called`)
    expect(shownIn(h, messageId)?.text).toMatch(/Исправить можно до 0:20 — кнопкой ниже\.$/)
    expect(h.fake.textsTo(user.id).join('\n')).not.toContain('не дозвонились')
    expect(h.errors()).toEqual([])
  })

  it('“Called” corrected to “No answer” in English at night: the morning it goes names its day', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    const { booking, messageId, pressOn } = await salon(h, 950)
    h.clock.set('2026-11-23T20:40Z') // 23:40 Moscow
    await pressOn(OLEG, `bko:called:${booking.id}:${AT}`)
    await pressOn(IRINA, `bkx:ask:${booking.id}:noans`)
    await pressOn(IRINA, `bkx:yes:${booking.id}:noans`)
    await h.flush()
    expect(shownIn(h, messageId)?.text).toMatch(
      /The client was offered a new time — the message reaches them tomorrow at 9:00, not at night\.$/,
    )
    expect(h.errors()).toEqual([])
  })

  it('the ✏️ goes when the time to correct the outcome is over; pressed after that, it changes nothing', async () => {
    const h = createHarness()
    const { user, topicId, booking, messageId, pressOn } = await salon(h, 944)
    await pressOn(OLEG, `bko:called:${booking.id}:${AT}`)
    await h.flush()
    // The team's own timer: the card does not list it among what is planned for the client
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
    await h.drain()
    const card = h.fake
      .textsTo(STAFF_GROUP_ID, topicId)
      .filter((t) => t.startsWith('👤'))
      .at(-1)
    expect(card).toContain('состоялся')
    expect(card).not.toContain('исправить итог')
    h.clock.set('2026-11-23T12:29Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(buttonsOn(h, messageId)).toEqual([`bkx:ask:${booking.id}:noans`])
    h.clock.set('2026-11-23T12:30Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    // The mark as it was made, nothing offered under it
    expect(shownIn(h, messageId)?.text).toMatch(/✅ Позвонили\. Кто отметил: Олег$/)
    expect(shownIn(h, messageId)?.reply_markup).toBeUndefined()
    const toClient = h.fake.textsTo(user.id).length
    await pressOn(OLEG, `bkx:yes:${booking.id}:noans`)
    expect(lastAnswer(h)).toMatchObject({
      text: 'Итог этого звонка уже не исправить: его исправляют один раз и только в первые 30 мин после отметки.',
      show_alert: true,
    })
    // The other outcome on the reminder's old button: already marked, as before
    await pressOn(IRINA, `bko:noans:${booking.id}:${AT}`)
    expect(lastAnswer(h)?.text).toBe('Уже отмечено: позвонили.')
    await h.flush()
    expect(statusOf(h, booking.id)).toBe('called')
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('moving a call across the autumn clock change', () => {
  it('the night 2:00 comes twice reads with its offset in the staff picker, as in the client’s', async () => {
    const h = openRoundTheClockInBerlin('2026-10-24T10:00Z')
    const user = h.u.user(931)
    const booking = await book(h, user, { day: '2026-10-24', slot: '2026-10-24T14:00Z' })
    const at = Date.parse('2026-10-24T14:00Z') / 60_000
    const firstTwo = Date.parse('2026-10-25T00:00Z') // 02:00 summer time
    const secondTwo = Date.parse('2026-10-25T01:00Z') // 02:00 winter time, an hour later
    const labelsOf = (buttons: { text: string; callback_data: string }[], minutes: number) =>
      buttons.filter((b) => b.callback_data.split(':').includes(String(minutes))).map((b) => b.text)

    // The client moving it tells the two apart
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, 'bkd:2026-10-25'))
    const clientButtons = h.fake.lastButtonsTo(user.id).map((b) => ({ text: b.text, callback_data: String(b.data) }))
    expect(labelsOf(clientButtons, firstTwo / 60_000)).toEqual(['2:00 (UTC+02:00)'])
    expect(labelsOf(clientButtons, secondTwo / 60_000)).toEqual(['2:00 (UTC+01:00)'])

    // And so does a manager moving it from the call's reminder
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bko:resched:${booking.id}:${at}`, { chatId: STAFF_GROUP_ID }))
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bkod:${booking.id}:2026-10-25:${at}`, { chatId: STAFF_GROUP_ID }))
    const staffButtons = lastKeyboard(h)
    // (marked as night by our clock: the client gave no zone of their own)
    expect(labelsOf(staffButtons, firstTwo / 60_000)).toEqual(['🌙 2:00 (UTC+02:00)'])
    expect(labelsOf(staffButtons, secondTwo / 60_000)).toEqual(['🌙 2:00 (UTC+01:00)'])
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Время — по нашему поясу (Германия, UTC+2). 🌙 — ночь (22:00–7:00): часовой пояс клиента не знаем, считаем по нашему. 🌅 — раннее утро (7:00–9:00).',
    )
    expect(h.errors()).toEqual([])
  })
})

describe('/today and /offer on the night 2:00 comes twice', () => {
  it('read each 2:00 with its offset, as the pickers do', async () => {
    // 00:59 on the Sunday, summer time: the first time offered (and booked below) is an hour
    // and a minute ahead, so delivering the offer and its echo in the topic does not make it too near
    const h = openRoundTheClockInBerlin('2026-10-24T22:59Z')
    // The first free times of the night: 2:00 and 2:30 in summer time, then again in winter time
    const { user, topicId } = await clientInHandoff(h, 941, 'Зоя')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/offer'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Сегодня, 25 окт.: 2:00 (UTC+02:00), 2:30 (UTC+02:00), 2:00 (UTC+01:00), 2:30 (UTC+01:00)',
    )

    // A call at each 2:00; a call at 5:00 keeps its plain time
    for (const [id, slot] of [
      [942, '2026-10-25T00:00Z'],
      [943, '2026-10-25T01:00Z'],
      [944, '2026-10-25T04:00Z'],
    ] as const) {
      const client = seedClient(h.deps, id, { firstName: `Клиент${id}` })
      const booked = h.deps.services.booking.book({
        clientId: client.id,
        slotStart: Date.parse(slot),
        phone: `+7999000${id}`,
        comment: null,
        productId: null,
      })
      expect(booked.ok).toBe(true)
    }
    // The booking notices go with the bookings: in the group before /today is asked
    await h.drain()
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/today'))
    await h.flush()
    const lines = h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')
    expect(lines.filter((l) => l.startsWith('🕐') && l.includes(' — '))).toEqual([
      '🕐 2:00 (UTC+02:00)–2:30 (UTC+02:00) — Клиент942 #2, +7999000942',
      '🕐 2:00 (UTC+01:00)–2:30 (UTC+01:00) — Клиент943 #3, +7999000943',
      '🕐 5:00–5:30 — Клиент944 #4, +7999000944',
    ])
    expect(h.errors()).toEqual([])
  })
})

describe('/today', () => {
  it('lists today’s callbacks for staff; others are told it is for staff', async () => {
    const h = createHarness()
    const anna = h.u.user(921, { first_name: 'Анна', username: 'anna_k' })
    await h.send(h.u.callback(anna, 'bookp:store'), h.u.callback(anna, `bkd:${MONDAY}`))
    await h.send(h.u.callback(anna, slotData('2026-11-23T13:00Z')), h.u.text(anna, '+79161234567'))
    await h.send(h.u.callback(anna, 'bk:skip'))
    await h.send(h.u.callback(anna, 'bk:ok'))
    // Anna also asked for a manager, so she has a topic in the staff group
    await h.send(h.u.text(anna, '/manager'))
    await h.drain()
    const annaTopic = findClientByTelegramId(h.deps.db, anna.id)?.topicId
    expect(annaTopic).toEqual(expect.any(Number))
    // Named as the call reminder names him: by the name the bot calls him, with his number
    const boris = h.u.user(922, { first_name: 'Борис', last_name: 'Ким' })
    await h.send(h.u.text(boris, '/book'), h.u.callback(boris, 'bk:now'), h.u.text(boris, '+79990001122'))
    const borisId = findClientByTelegramId(h.deps.db, boris.id)?.id as number
    h.deps.services.clients.setDisplayName(borisId, 'Боря')
    await book(h, h.u.user(923), { day: '2026-11-24', slot: '2026-11-24T08:00Z' }) // tomorrow: not listed
    const cancelled = await book(h, h.u.user(924), { day: MONDAY, slot: '2026-11-23T14:00Z' })
    await h.send(h.u.callback(h.u.user(924), `bkm:cancelyes:${cancelled.id}`))
    // The booking notices go with the bookings: in the group before /today is asked
    await h.drain()

    await h.send(h.u.text(h.u.user(925), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Эта команда — только для сотрудников. Владелец может добавить вас в команду.',
    )

    h.fake.topics.set(160, { name: 't', deleted: false })
    await h.send(h.u.staffText(h.u.user(OWNER_ID), 160, '/today'))
    await h.flush()
    const today = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
    expect(today?.payload.message_thread_id).toBe(160)
    const lines = String(today?.payload.text).split('\n')
    expect(lines[0]).toBe('📅 Звонки на сегодня, понедельник, 23 ноября (Москва, UTC+3):')
    expect(today?.payload.parse_mode).toBe('HTML')
    // Telegram's link to a topic of a supergroup: t.me/c/<the id without -100>/<topic id>
    const topicUrl = `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${annaTopic}`
    expect(lines.slice(1, 3)).toEqual([
      `🕐 до 12:15 («позвоните сейчас») — Боря #${borisId}, +7 999 000 11 22`,
      `🕐 16:00–16:30 — <a href="${topicUrl}">Анна (@anna_k) #1</a>, +7 916 123 45 67 · Интернет-магазин`,
    ])
    expect(today?.payload.text).not.toContain('User923')
    expect(today?.payload.text).not.toContain('User924')

    // The next day's list, the day before: to plan ahead
    await h.send(h.u.staffText(h.u.user(OWNER_ID), 160, '/today завтра'))
    await h.flush()
    const tomorrow = String(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.text).split('\n')
    expect(tomorrow[0]).toBe('📅 Звонки на завтра, вторник, 24 ноября (Москва, UTC+3):')
    expect(tomorrow[1]).toContain('🕐 11:00–11:30 — User923')
    expect(tomorrow.join('\n')).not.toContain('Анна')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), 160, '/today сегодня'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('📅 Звонки на сегодня, понедельник, 23 ноября')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), 160, '/today вчера'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      '📅 Звонки вчера, воскресенье, 22 ноября (Москва, UTC+3):\nВчера звонков не было.',
    )
    await h.send(h.u.staffText(h.u.user(OWNER_ID), 160, '/today когда-нибудь'))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      '/today — звонки на сегодня и кто ждёт ответа; /today завтра, /today пт, /today вчера или /today 5.12 — на другой день.',
    )

    h.clock.set('2026-11-24T07:00Z')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('🕐 11:00–11:30 — User923')
  })

  it('lists below today’s calls who waits for the team’s answer, the longest waiting first, with who leads them', async () => {
    const h = createHarness()
    const topicUrl = (topicId: number) => `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}`
    const today = async (arg = '') => {
      await h.send(h.u.text(h.u.user(OWNER_ID), `/today${arg}`, { chatId: STAFF_GROUP_ID }))
      await h.flush()
      return h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')
    }
    // Asked for a manager at 12:00 and nobody answered within the answer time: 🔴
    const anna = await clientInHandoff(h, 941, 'Анна')
    // Answered, then asked something more at 12:40
    h.clock.set('2026-11-23T09:05Z')
    const boris = await clientInHandoff(h, 942, 'Борис')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), boris.topicId, 'Здравствуйте! Чем помочь?'))
    await h.drain()
    // Answered and quiet since; asked "Is your question solved?": none of them waits for the team
    const vera = await clientInHandoff(h, 943, 'Вера')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), vera.topicId, 'Сайт готов'))
    const gleb = await clientInHandoff(h, 944, 'Глеб')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), gleb.topicId, '/close'))
    await h.drain()
    h.clock.set('2026-11-23T09:40:30Z')
    await h.send(h.u.text(boris.user, 'А сколько это стоит?'))
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.set('2026-11-23T10:00Z')

    const lines = await today()
    expect(lines.slice(0, 2)).toEqual([
      '📅 Звонки на сегодня, понедельник, 23 ноября (Москва, UTC+3):',
      'Сегодня звонков нет.',
    ])
    expect(lines.slice(2)).toEqual([
      '',
      '💬 Ждут ответа команды (2):',
      `🔴 <a href="${topicUrl(anna.topicId)}">Анна #${anna.client.id}</a> — новый запрос, ждёт 1 час (с 12:00) · никто не ведёт`,
      `💬 <a href="${topicUrl(boris.topicId)}">Борис #${boris.client.id}</a> — новое сообщение, ждёт 20 мин (с 12:40) · ведёт User${OWNER_ID}`,
      // Vera, answered and quiet since, waits on the team's next step: listed apart (Gleb was asked "solved?")
      '',
      '💬 Открытые, ждут нашего шага или /close (1):',
      `💬 <a href="${topicUrl(vera.topicId)}">Вера #${vera.client.id}</a> — последний ответ 55 мин назад (12:05) · ведёт User${OWNER_ID}`,
    ])
    // Counted between the minutes shown, seconds aside: since 12:00:00 to 13:00:40 is 1 hour,
    // since 12:40 to 13:00 is 20 minutes; just now is under a minute, not a fraction of one
    h.clock.set('2026-11-23T10:00:40Z')
    expect((await today()).join('\n')).toMatch(/— новое сообщение, ждёт 20 мин \(с 12:40\)/)
    await h.send(h.u.text(boris.user, 'И ещё вопрос'))
    const fresh = await clientInHandoff(h, 945, 'Дина')
    expect(await today()).toContain(
      `🟡 <a href="${topicUrl(fresh.topicId)}">Дина #${fresh.client.id}</a> — новый запрос, ждёт меньше минуты (с 13:00) · никто не ведёт`,
    )
    // Another day's list is that day's calls alone
    expect((await today(' завтра')).join('\n')).not.toContain('Ждут ответа')

    // Answered, both leave the list; with nobody waiting, the list says so
    await h.send(h.u.staffText(h.u.user(OWNER_ID), anna.topicId, 'Добрый день!'))
    await h.send(h.u.staffText(h.u.user(OWNER_ID), boris.topicId, '15 000 ₽'))
    await h.send(h.u.staffText(h.u.user(OWNER_ID), fresh.topicId, 'Здравствуйте, Дина!'))
    await h.drain()
    expect((await today()).slice(2, 6)).toEqual([
      '',
      '💬 Ответа команды сейчас никто не ждёт.',
      '',
      '💬 Открытые, ждут нашего шага или /close (4):',
    ])
  })

  it('names ten waiting clients and counts the others (in English)', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    for (let i = 0; i < 12; i++) {
      h.clock.set(Date.parse('2026-11-23T09:00Z') + i * 60_000)
      await clientInHandoff(h, 950 + i, `Client${i}`)
    }
    h.clock.set('2026-11-23T10:00Z')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    const lines = h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')
    const at = lines.indexOf("💬 Waiting for the team's answer (12):")
    expect(at).toBeGreaterThan(0)
    const listed = lines.slice(at + 1)
    expect(listed).toHaveLength(11)
    // The mark is the topic's: 🟡 until the answer-time check has run
    expect(listed[0]).toMatch(
      /^🟡 <a href="[^"]+">Client0 #\d+<\/a> — new request, waiting 1 hour \(since 12:00\) · nobody leads$/,
    )
    expect(listed[9]).toContain('>Client9 #')
    expect(listed[10]).toBe('…and 2 more, waiting less long.')
  })

  it('a busy day with long names fits one message: the last calls and the waiting clients left out are counted', async () => {
    // Ten-minute calls: a day of them is more than one message holds
    const h = createHarness({ content: contentWith({ booking: { slot_minutes: 10 } }) })
    const long = (i: number) => ({ first_name: `Констанция-${i}-${'я'.repeat(60)}`, last_name: 'Ф'.repeat(64) })
    for (let i = 0; i < 12; i++) {
      const user = h.u.user(960 + i, long(i))
      await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    }
    const free = h.deps.services.booking.freeSlots(MONDAY).slice(0, 30)
    expect(free).toHaveLength(30)
    for (const [i, { start }] of free.entries()) {
      await book(h, h.u.user(980 + i, long(100 + i)), { day: MONDAY, slot: new Date(start).toISOString() })
    }
    await h.drain()
    h.clock.set('2026-11-23T09:30Z')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    const text = h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.startsWith('📅 Звонки')) ?? ''
    // Telegram counts the text without the markup: the list is within its 4096 with it
    expect(text.length).toBeLessThanOrEqual(4096)
    const lines = text.split('\n')
    const calls = lines.filter((l) => /^🕐 \d/.test(l))
    const counted = lines.find((l) => l.startsWith('…и ещё') && l.includes('звон'))
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.length + Number(counted?.match(/\d+/)?.[0])).toBe(30)
    const waiting = lines.slice(lines.indexOf('💬 Ждут ответа команды (12):') + 1)
    const named = waiting.filter((l) => l.startsWith('🟡 ')).length
    expect(named).toBeGreaterThan(0)
    expect(waiting.at(-1)).toBe(`…и ещё ${12 - named} — ждут меньше.`)
    // Names are clipped as /find clips them
    expect(calls[0]).toMatch(/ — Констанция-100-я+ Ф+…, \+7/)
  })

  it('a weekday, short or in full, in either language, is the next such day’s list (today’s on its day)', async () => {
    const h = createHarness()
    await book(h, h.u.user(927, { first_name: 'Анна' }), { day: '2026-11-25', slot: '2026-11-25T08:00Z' })
    // The booking's notice goes with it: in the group before /today is asked
    await h.drain()
    const today = async (arg: string) => {
      await h.send(h.u.text(h.u.user(OWNER_ID), `/today ${arg}`, { chatId: STAFF_GROUP_ID }))
      await h.flush()
      return String(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.text).split('\n')
    }
    for (const wednesday of ['ср', 'в среду', 'Среда', 'wed', 'on Wednesday']) {
      expect((await today(wednesday)).slice(0, 2)).toEqual([
        '📅 Звонки, среда, 25 ноября (Москва, UTC+3):',
        '🕐 11:00–11:30 — Анна #1, +7 916 123 45 67',
      ])
    }
    // Said on a Monday, Monday is today; Sunday is the coming one
    expect((await today('пн'))[0]).toBe('📅 Звонки на сегодня, понедельник, 23 ноября (Москва, UTC+3):')
    expect((await today('в понедельник'))[0]).toBe('📅 Звонки на сегодня, понедельник, 23 ноября (Москва, UTC+3):')
    expect((await today('вт.'))[0]).toBe('📅 Звонки на завтра, вторник, 24 ноября (Москва, UTC+3):')
    expect(await today('вс')).toEqual([
      '📅 Звонки, воскресенье, 29 ноября (Москва, UTC+3):',
      'В этот день звонков нет.',
    ])
    expect((await today('Sunday'))[0]).toBe('📅 Звонки, воскресенье, 29 ноября (Москва, UTC+3):')
    // Two days at once is no day
    expect(await today('пн вт')).toEqual([
      '/today — звонки на сегодня и кто ждёт ответа; /today завтра, /today пт, /today вчера или /today 5.12 — на другой день.',
    ])
    expect(h.errors()).toEqual([])
  })

  it('moves nobody: a client whose topic is in a group taken out of the settings is named without a link', async () => {
    const h = createHarness()
    const anna = h.u.user(926, { first_name: 'Анна' })
    await book(h, anna, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    await h.send(h.u.text(anna, '/manager'))
    await h.flush()
    const before = findClientByTelegramId(h.deps.db, anna.id)
    expect(before?.topicId).toEqual(expect.any(Number))

    // The owner replaced the staff group: the old topic is out of reach, its id means another topic in the new group
    const replaced = -1009876543210
    const after = createHarness({
      config: { STAFF_GROUP_ID: String(replaced) },
      clock: h.clock,
      database: h.database,
      fake: h.fake,
    })
    await after.send(after.u.text(after.u.user(OWNER_ID), '/today', { chatId: replaced }))
    await after.flush()
    const today = String(after.fake.sentTo(replaced).at(-1)?.payload.text)
    expect(today).toContain('🕐 16:00–16:30 — Анна #1, +7 916 123 45 67')
    expect(today).not.toContain('t.me/c/')
    // Still where the owner's settings and the next message of hers will decide, not moved by a list
    const now = findClientByTelegramId(after.deps.db, anna.id)
    expect(now).toMatchObject({ staffGroupId: before?.staffGroupId ?? null, topicId: before?.topicId })
    expect(after.errors()).toEqual([])
  })

  it('a "call me now" asked at closing time is on the next working day\'s list, and dated on the evening\'s', async () => {
    const h = createHarness()
    h.clock.set('2026-11-23T15:55Z') // Monday 18:55 in Moscow, five minutes before closing
    const vera = h.u.user(941, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/book'), h.u.callback(vera, 'bk:now'), h.u.text(vera, '+79161234567'))
    expect(h.fake.lastTextTo(vera.id)).toContain('вт, 24 нояб., 10:10')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('🕐 до вт, 24 нояб., 10:10 («позвоните сейчас») — Вера')
    h.clock.set('2026-11-24T06:30Z') // Tuesday 09:30: the manager looks at the day's calls
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('🕐 до 10:10 («позвоните сейчас») — Вера #1, +7 916 123 45 67')
    // Its time passed unmarked: on Tuesday's list, not counted again below it as an earlier day's
    h.clock.set('2026-11-24T09:00Z')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    const tuesday = String(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.text)
    expect(tuesday).toContain('Вера')
    expect(tuesday).not.toContain('Не отмечен')
  })

  it('a list that named a client who then erased their data is deleted from the group', async () => {
    const h = createHarness()
    const anna = h.u.user(931, { first_name: 'Анна' })
    await book(h, anna, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    const today = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
    expect(today?.payload.text).toContain('Анна')
    const todayId = (today?.result as { message_id: number } | undefined)?.message_id

    await forgetData(h, anna)
    await h.flush()
    const deleted = deletedMessageIds(h)
    expect(todayId).toEqual(expect.any(Number))
    expect(deleted).toContain(todayId)
    expect(h.errors()).toEqual([])
  })
})

describe('calls nobody marked', () => {
  /**
   * Saturday 28 November: Dmitry asks "call me now" at 11:08 (promised by 11:23) and John books
   * 14:00; nobody marks either. The clock then moves to Monday 10:00.
   */
  async function unmarkedWeekend() {
    const h = createHarness({ clock: createFakeClock('2026-11-28T08:08Z') })
    const dmitry = h.u.user(951, { first_name: 'Dmitry' })
    await h.send(h.u.text(dmitry, '/book'), h.u.callback(dmitry, 'bk:now'), h.u.text(dmitry, '+79161112233'))
    await h.send(h.u.text(dmitry, '/manager'))
    await h.drain()
    const john = h.u.user(952, { first_name: 'John' })
    await book(h, john, { day: '2026-11-28', slot: '2026-11-28T11:00Z', phone: '+79164445566' })
    h.clock.set('2026-11-30T07:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    const dmitryClient = findClientByTelegramId(h.deps.db, dmitry.id)
    const johnClient = findClientByTelegramId(h.deps.db, john.id)
    return { h, dmitry: dmitryClient?.id as number, topicId: dmitryClient?.topicId as number, john: johnClient?.id }
  }
  const today = async (h: Harness, arg = '') => {
    await h.send(h.u.text(h.u.user(OWNER_ID), `/today${arg ? ` ${arg}` : ''}`, { chatId: STAFF_GROUP_ID }))
    await h.flush()
    // The answer, not the card's or the reminder's edits that came with it
    return String(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.text)
  }

  it('/today names the earlier days with calls still unmarked; a past day lists its calls with their outcome', async () => {
    const { h, dmitry, topicId, john } = await unmarkedWeekend()
    expect(await today(h)).toBe(
      [
        '📅 Звонки на сегодня, понедельник, 30 ноября (Москва, UTC+3):',
        'Сегодня звонков нет.',
        '',
        '⚠️ Не отмечены 2 прошедших звонка: /today 28.11',
        '',
        // Dmitry asked for a manager on Saturday, and nobody has answered him since: the rest of
        // Saturday's hours, in working time as the alerts count it (Sunday is a day off)
        '💬 Ждут ответа команды (1):',
        `🔴 <a href="https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}">Dmitry #${dmitry}</a> — новый запрос, ждёт 1 день 22 ч — 4 ч 52 мин рабочего времени (с сб, 28 нояб., 11:08) · никто не ведёт`,
      ].join('\n'),
    )
    expect(await today(h, 'вчера')).toBe(
      ['📅 Звонки вчера, воскресенье, 29 ноября (Москва, UTC+3):', 'Вчера звонков не было.'].join('\n'),
    )
    const topicUrl = `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}`
    const saturday = await today(h, '28.11')
    expect(saturday.split('\n').slice(0, 3)).toEqual([
      '📅 Звонки, суббота, 28 ноября (Москва, UTC+3):',
      `⚠️ до 11:23 («позвоните сейчас») — <a href="${topicUrl}">Dmitry #${dmitry}</a>, +7 916 111 22 33 · не отмечен`,
      `⚠️ 14:00–14:30 — John #${john}, +7 916 444 55 66 · не отмечен`,
    ])
    // A business in New York names that day as its team types a date there, month first
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    expect(
      h.deps.content.replace(demo.replace('timezone: Europe/Moscow', 'timezone: America/New_York'), 'file').ok,
    ).toBe(true)
    expect(await today(h)).toContain('⚠️ Не отмечены 2 прошедших звонка: /today 11/28')
    expect((await today(h, '11/28')).split('\n')[0]).toContain('суббота, 28 ноября')
    expect(h.deps.content.replace(demo, 'file').ok).toBe(true)

    // Marked from the reminder: the day shows the outcome, and nothing is left to remind of
    const reminder = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('14:00'))
    const booking = h.deps.services.booking.callsOn('2026-11-28').find((c) => c.client.id === john)?.booking
    expect(reminder && booking).toBeTruthy()
    await press(h, OWNER_ID, `bko:called:${booking?.id}`)
    const dmitryCall = h.deps.services.booking.callsOn('2026-11-28').find((c) => c.client.id === dmitry)?.booking
    await press(h, OWNER_ID, `bko:noans:${dmitryCall?.id}`)
    const marked = await today(h, '28.11.2026')
    expect(marked.split('\n').slice(1, 3)).toEqual([
      `📵 до 11:23 («позвоните сейчас») — <a href="${topicUrl}">Dmitry #${dmitry}</a>, +7 916 111 22 33`,
      `✅ 14:00–14:30 — John #${john}, +7 916 444 55 66`,
    ])
    // The call not reached answers nothing Dmitry asked: his request still waits for the team
    expect(await today(h)).toBe(
      [
        '📅 Звонки на сегодня, понедельник, 30 ноября (Москва, UTC+3):',
        'Сегодня звонков нет.',
        '',
        '💬 Ждут ответа команды (1):',
        `🔴 <a href="${topicUrl}">Dmitry #${dmitry}</a> — новый запрос, ждёт 1 день 22 ч — 4 ч 52 мин рабочего времени (с сб, 28 нояб., 11:08) · никто не ведёт`,
      ].join('\n'),
    )
    expect(await today(h, 'потом')).toBe(
      '/today — звонки на сегодня и кто ждёт ответа; /today завтра, /today пт, /today вчера или /today 5.12 — на другой день.',
    )
    expect(h.errors()).toEqual([])
  })

  it('the card reads a call whose time passed with no outcome as not marked, not as booked', async () => {
    const { h, topicId } = await unmarkedWeekend()
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
    await h.drain()
    const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.includes('<b>Звонки</b>')) ?? ''
    expect(card).toContain('• сб, 28 нояб., 11:23 — время прошло, итог не отмечен · +7 916 111 22 33')
    expect(card).not.toContain('записан')
  })
})
