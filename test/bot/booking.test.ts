import { readFileSync } from 'node:fs'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { events } from '../../db/schema.ts'
import { BOOKING_JOBS } from '../../src/services/booking.ts'
import { FUNNEL } from '../../src/services/funnel.ts'
import {
  allJobs,
  book,
  bookingsOf,
  contentWith,
  jobsOfKind,
  noFreeTimeContent,
  reachConfirm,
  slotData,
} from '../helpers/booking.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { answerDemoDiscovery, lastToast, pasteLong, writeLater } from '../helpers/flows.ts'
import {
  createHarness,
  DEMO_CONTENT_PATH,
  demoContent,
  forgetData,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
} from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC = 12:00 in Moscow (the demo's
// time zone, UTC+3); the demo studio works Mon–Fri 10–19, Sat 11–16; slots of 30 minutes,
// one place each, at least 60 minutes ahead, 14 days ahead, reminders 60 minutes before.
const MONDAY = '2026-11-23'
const ZONE = 'Москва, UTC+3'
const MOVE_IMPOSSIBLE =
  'Этот звонок уже нельзя перенести — возможно, он отменён или уже прошёл. Записаться на новый звонок можно кнопкой ниже.'

describe('booking a callback', () => {
  it('day → time → phone (contact button) → comment → confirmation with the exact window and zone', async () => {
    const h = createHarness()
    const user = h.u.user(801, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    expect(h.fake.lastTextTo(user.id)).toContain(ZONE)
    const days = h.fake.lastButtonsTo(user.id)
    expect(days[0]).toEqual({ text: 'Сегодня, 23 нояб.', data: `bkd:${MONDAY}`, url: undefined })
    expect(days.map((b) => b.data)).not.toContain('bkd:2026-11-29') // Sunday: closed
    expect(days.map((b) => b.data)).toContain('bk:now')
    expect(days.map((b) => b.data)).toContain('menu:manager')

    await h.send(h.u.callback(user, `bkd:${MONDAY}`))
    // The time picker names the day it is for: the day picker it replaces is gone from the screen
    expect(h.fake.lastTextTo(user.id)).toBe(
      `Сегодня, 23 ноября — выберите удобное время (${ZONE}). На звонок отводим до 30 мин.`,
    )
    const times = h.fake.lastButtonsTo(user.id)
    // 12:00 now + 60 minutes' lead → the first slot is 13:00; the last starts at 18:30
    expect(times[0]).toMatchObject({ text: '13:00', data: slotData('2026-11-23T10:00Z') })
    expect(times.filter((b) => b.data?.startsWith('bks:')).at(-1)?.text).toBe('18:30')

    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z'))) // 15:00 Moscow
    const phoneAsk = h.fake.sentTo(user.id).at(-1)
    expect(phoneAsk?.payload.text).toContain('На какой номер позвонить?')
    expect(phoneAsk?.payload.reply_markup.keyboard[0][0]).toMatchObject({ request_contact: true })

    await h.send(h.u.contact(user, '79161234567'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe('Номер записан: +7 916 123 45 67')
    expect(h.fake.sentTo(user.id).at(-2)?.payload.reply_markup).toEqual({ remove_keyboard: true })
    expect(h.fake.lastTextTo(user.id)).toContain('Хотите что-то передать менеджеру')

    await h.send(h.u.text(user, 'Интересует лендинг для кофейни'))
    const confirm = h.fake.lastTextTo(user.id)
    expect(confirm).toContain('понедельник, 23 ноября, 15:00–15:30')
    expect(confirm).toContain(ZONE)
    expect(confirm).toContain('+7 916 123 45 67')
    expect(confirm).toContain('Интересует лендинг для кофейни')
    expect(bookingsOf(h, user)).toEqual([]) // nothing is booked before the confirmation

    const asked = h.fake.messageWithButton(user.id, 'bk:ok')
    await h.send(h.u.callback(user, 'bk:ok', { messageId: asked }))
    // The confirmation keeps the choice under it, as every step's question does
    const answered = h.fake.emulator.chats.get(user.id)?.messages.get(asked ?? 0)?.message
    expect(answered?.text).toMatch(/Всё верно\?\n\n✔️ Подтвердить$/)
    expect(answered?.reply_markup).toBeUndefined()
    const done = h.fake.lastTextTo(user.id)
    expect(done).toContain('Готово, Анна!')
    expect(done).toContain('📞 понедельник, 23 ноября, 15:00–15:30')
    expect(done).toContain(`🕐 ${ZONE}`)
    expect(done).toContain('За час до звонка я напомню')
    const [booking] = bookingsOf(h, user)
    expect(booking).toMatchObject({
      kind: 'slot',
      status: 'booked',
      slotStart: Date.parse('2026-11-23T12:00Z'),
      slotEnd: Date.parse('2026-11-23T12:30Z'),
      phone: '+79161234567',
      comment: 'Интересует лендинг для кофейни',
      productId: null,
    })
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([
      `bkm:resched:${booking?.id}`,
      `bkm:cancel:${booking?.id}`,
      'menu:main',
    ])

    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client?.phone).toBe('+79161234567')
    expect(client?.stage).toBe('close')
    const booked = h.deps.db.select().from(events).where(eq(events.type, FUNNEL.booked)).all()
    expect(booked).toHaveLength(1)
    expect(jobsOfKind(h, BOOKING_JOBS.clientReminder.kind).map((j) => j.runAt)).toEqual([
      Date.parse('2026-11-23T11:00Z'),
    ])
    expect(jobsOfKind(h, BOOKING_JOBS.staffReminder.kind).map((j) => j.runAt)).toEqual([
      Date.parse('2026-11-23T12:00Z'),
    ])

    // The staff group hears of the new booking right away
    await h.deps.scheduler.runDue()
    await h.drain()
    const notice = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(notice).toContain('Новая запись на звонок: понедельник, 23 ноября, 15:00–15:30')
    expect(notice).toContain('👤 Анна')
    expect(notice).toContain('+7 916 123 45 67')
    expect(notice).not.toContain('🗣')
    // A client the bot speaks English to: whoever calls reads so (it was learnt on the phone)
    const bob = h.u.user(870, { first_name: 'Bob', language_code: 'en' })
    await book(h, bob, { day: MONDAY, slot: '2026-11-23T13:00Z', phone: '+44 20 7946 0958' })
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID).split('\n').slice(0, 3)).toEqual([
      '🗓 Новая запись на звонок: понедельник, 23 ноября, 16:00–16:30 (Москва, UTC+3)',
      '📱 +44 20 7946 0958',
      '🗣 Клиент говорит по-английски',
    ])
    expect(h.errors()).toEqual([])
  })

  it('the questionnaire’s answers come with a booking posted to General, not with its move, nor into a topic whose card has them', async () => {
    const h = createHarness()
    const anna = h.u.user(809, { first_name: 'Анна' })
    await answerDemoDiscovery(h, anna)
    const booking = await book(h, anna, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('📝 Ответы клиента:')
    await h.send(h.u.callback(anna, `bkm:resched:${booking.id}`), h.u.callback(anna, 'bkd:2026-11-24'))
    await h.send(h.u.callback(anna, slotData('2026-11-24T08:00Z')))
    await h.send(h.u.callback(anna, 'bk:ok'))
    await h.deps.scheduler.runDue()
    await h.drain()
    const moved = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(moved).toContain('Клиент перенёс звонок')
    expect(moved).not.toContain('📝 Ответы клиента:')
    // A client with a topic: its pinned card has the answers, the notice there does not repeat them
    const oleg = h.u.user(810, { first_name: 'Олег' })
    await answerDemoDiscovery(h, oleg)
    await h.send(h.u.text(oleg, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, oleg.id)?.topicId ?? 0
    await book(h, oleg, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    await h.deps.scheduler.runDue()
    await h.drain()
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Новая запись на звонок'))
    expect(notice).toContain('+7')
    expect(notice).not.toContain('📝 Ответы клиента:')
    expect(h.errors()).toEqual([])
  })

  it('a year of days ahead and 5-minute slots: the pickers stay within what Telegram shows', async () => {
    const h = createHarness({
      content: contentWith({ booking: { days_ahead: 365, slot_minutes: 5, min_lead_minutes: 0 } }),
    })
    const user = h.u.user(802, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/book'))
    const days = h.fake.lastButtonsTo(user.id)
    expect(days.filter((b) => b.data?.startsWith('bkd:'))).toHaveLength(60)
    // A working day of 5-minute slots has more than a keyboard holds: the first ones are offered
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('Выберите день')
    const times = h.fake.lastButtonsTo(user.id)
    expect(times.filter((b) => b.data?.startsWith('bks:')).length).toBeGreaterThan(80)
    expect(times.length).toBeLessThanOrEqual(100)
    expect(times[0]?.text).toBe('10:00')
    expect(h.errors()).toEqual([])
  })

  it('Confirm on an earlier confirmation books nothing: the client is shown what is chosen now', async () => {
    const h = createHarness()
    const user = h.u.user(804, { first_name: 'Анна' })
    await reachConfirm(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    const first = h.fake.messageWithButton(user.id, 'bk:ok')
    expect(h.fake.lastTextTo(user.id)).toContain('15:00–15:30')
    // Another time: a new confirmation for 16:00
    await h.send(h.u.callback(user, 'bk:other'))
    await h.send(h.u.callback(user, slotData('2026-11-23T13:00Z')))
    expect(h.fake.lastTextTo(user.id)).toContain('16:00–16:30')
    // The first one loses its buttons: left, its Confirm would stay live to the eye once this is confirmed
    expect(h.fake.keyboardOf(user.id, first ?? 0)).toBeUndefined()
    // Confirm on the first one (a tap racing that), which says 15:00
    await h.send(h.u.callback(user, 'bk:ok', { messageId: first }))
    expect(bookingsOf(h, user)).toHaveLength(0)
    const shown = h.fake.lastTextTo(user.id)
    expect(shown).toContain('Эта кнопка была от прежнего выбора')
    expect(shown).toContain('16:00–16:30')
    // Typing at the confirmation sends it again; the one before, showing the same choice, still books
    const same = h.fake.messageWithButton(user.id, 'bk:ok')
    await h.send(h.u.text(user, 'да'))
    expect(h.fake.messageWithButton(user.id, 'bk:ok')).not.toBe(same)
    await h.send(h.u.callback(user, 'bk:ok', { messageId: same }))
    expect(bookingsOf(h, user).map((b) => new Date(b.slotStart).toISOString())).toEqual(['2026-11-23T13:00:00.000Z'])
    expect(h.errors()).toEqual([])
  })

  it('a comment pasted longer than a message is refused as a whole, not stored as its last part', async () => {
    const h = createHarness()
    const user = h.u.user(805)
    await h.send(h.u.text(user, '/book'))
    await h.send(h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.text(user, '+7 916 123-45-67'))
    // 4,300 characters: two messages
    const replies = await pasteLong(h, user, 'Позвоните после обеда. '.repeat(187).slice(0, 4_300))
    expect(replies).toHaveLength(1)
    expect(replies[0]).toContain('500')
    expect(replies[0]).not.toContain('Всё верно?')
    await writeLater(h, user, 'Лучше после обеда')
    expect(h.fake.lastTextTo(user.id)).toContain('Лучше после обеда')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user).map((b) => b.comment)).toEqual(['Лучше после обеда'])
  })

  it('a second tap on Confirm after the call is booked changes nothing and says nothing more', async () => {
    const h = createHarness()
    const user = h.u.user(803, { first_name: 'Анна' })
    await reachConfirm(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, 'bk:ok'))
    const told = h.fake.textsTo(user.id).length
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toHaveLength(1)
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('a Confirm left from a move the client walked away from is stale, not silently taken as done', async () => {
    const h = createHarness()
    const user = h.u.user(806, { first_name: 'Анна' })
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    // Moving, the way out keeps the call where it is: it does not read as "do not book"
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toEqual([
      '✅ Перенести',
      '🔄 Другое время',
      '✖ Оставить прежнее время',
    ])
    const moveConfirm = h.fake.messageWithButton(user.id, 'bk:ok')
    await h.send(h.u.text(user, '/start')) // the move is left; the call stays where it was
    h.clock.advance(10 * 60_000)
    await h.send(h.u.callback(user, 'bk:ok', { messageId: moveConfirm }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Этот выбор устарел — вот свежие варианты.')
    expect(bookingsOf(h, user)).toMatchObject([{ id: booking.id, slotStart: Date.parse('2026-11-23T12:00Z') }])
    expect(h.errors()).toEqual([])
  })

  it('the client card names the scheduled reminders for people, never by their job kind', async () => {
    const h = createHarness()
    const user = h.u.user(809, { first_name: 'Вера' })
    await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.deps.scheduler.runDue() // the staff notice of the new booking
    await h.send(h.u.text(user, '/manager'))
    await h.drain()

    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId
    const card = String(h.fake.sentTo(STAFF_GROUP_ID, topicId ?? -1)[0]?.payload.text)
    expect(card).toContain('Запланировано')
    expect(card).toMatch(/• напоминание клиенту о звонке — .*14:00/)
    expect(card).toMatch(/• напоминание команде о звонке — .*15:00/)
    expect(card).not.toMatch(/booking_\w+|handoff_sla/)
  })

  it('from a product card: the booking carries the product; an unknown product books a general call', async () => {
    const h = createHarness()
    const user = h.u.user(802)
    await reachConfirm(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z', start: '/start' })
    await h.send(h.u.callback(user, 'bookp:landing'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    await h.send(h.u.callback(user, `bkd:${MONDAY}`), h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.text(user, '8 (916) 123-45-67'), h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('🎯 Тема: Лендинг под ключ')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)[0]).toMatchObject({ productId: 'landing', phone: '+79161234567', comment: null })

    const other = h.u.user(803)
    await h.send(h.u.callback(other, 'bookp:no_such_product'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('больше нет в списке')
    expect(h.fake.lastTextTo(other.id)).toContain('Выберите день')
    await h.send(h.u.callback(other, 'bookp:DROP TABLE'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Эта кнопка уже неактуальна. Откройте /menu',
    )
  })

  it('the menu button starts the flow and My stuff lists the call', async () => {
    const h = createHarness()
    const user = h.u.user(804)
    await h.send(h.u.callback(user, 'menu:booking'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    await h.send(h.u.callback(user, 'menu:mine'))
    expect(h.fake.lastTextTo(user.id)).toContain('Запланированных звонков нет.')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain('menu:booking')
  })

  it('an edit of an earlier message during the flow is no answer: the step on screen stays, nothing refused', async () => {
    const h = createHarness()
    const user = h.u.user(806)
    const earlier = h.u.text(user, 'Здравствуйте, хочу созвониться')
    await h.send(earlier, h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    const sent = h.fake.sentTo(user.id).length
    // The client fixes a typo in a message they wrote before the flow
    await h.send(h.u.edited(user, earlier.message?.message_id as number, 'Здравствуйте, хочу созвониться завтра'))
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    await h.send(h.u.text(user, '+7 916 765-43-21'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe('Номер записан: +7 916 765 43 21')
  })

  it('phone: typed numbers are validated, someone else’s contact is refused', async () => {
    const h = createHarness()
    const user = h.u.user(805)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    // Words are no number: what the step needs (they go to a manager if one reads the chat)
    await h.send(h.u.text(user, 'позвоните мне'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Здесь нужен номер телефона\.\n\nНа какой номер позвонить\?/)
    for (const bad of ['12345', '+7 916 123 45 67 89 00 11', '0000000000']) {
      await h.send(h.u.text(user, bad))
      expect(h.fake.lastTextTo(user.id)).toContain('Не получилось распознать номер')
    }
    // What went wrong, then the question with how to give the number: said once
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Не получилось распознать номер — проверьте, пожалуйста, цифры.\n\nНа какой номер позвонить? Нажмите «Поделиться номером» внизу или напишите номер, например +7 916 123 45 67.',
    )
    await h.send(h.u.contact(user, '+79990000000', false))
    expect(h.fake.lastTextTo(user.id)).toContain('Это не ваш контакт')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBeNull()
    await h.send(h.u.sticker(user))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Здесь нужен номер телефона\./)
    // A photo is kept for the manager, and the client hears so
    await h.send(h.u.photo(user))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^📎 Фото сохранено в переписке: позовёте менеджера — он его увидит\. Здесь нужен номер телефона\./,
    )
    // A document is a file, and called so
    await h.send(h.u.document(user, { fileName: 'реквизиты.pdf' }))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^📎 Файл сохранён в переписке/)
    // Ten digits without a country code: kept as typed, never made another country's "+916…"
    await h.send(h.u.text(user, '916 765-43-21'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe('Номер записан: 916 765-43-21')
    await h.send(h.u.callback(user, 'bk:stop'))
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.text(user, '+7 (916) 765-43-21'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe('Номер записан: +7 916 765 43 21')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79167654321')

    // A known number is offered as a button next time
    await h.send(h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    const again = h.u.user(805)
    await h.send(h.u.callback(again, `bkm:cancelyes:${bookingsOf(h, user)[0]?.id}`))
    await h.send(h.u.text(again, '/book'), h.u.callback(again, `bkd:${MONDAY}`))
    await h.send(h.u.callback(again, slotData('2026-11-23T13:00Z')))
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_markup.keyboard[1]).toEqual([{ text: '+7 916 765 43 21' }])
  })

  it('phone: a number pasted from a site or typed with smart dashes (non-breaking hyphen, en dash) is taken', async () => {
    for (const [id, typed] of [
      [806, '+7 916 123\u201145\u201167'],
      [807, '+7 916 123\u201345\u201367'],
    ] as const) {
      const h = createHarness()
      const user = h.u.user(id)
      await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
      await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
      await h.send(h.u.text(user, typed))
      expect(h.fake.textsTo(user.id).at(-2)).toBe('Номер записан: +7 916 123 45 67')
    }
  })

  it('a long comment is refused kindly; the flow can be left with its own button, /cancel or the menu', async () => {
    const h = createHarness()
    const user = h.u.user(806)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')), h.u.text(user, '+79161234567'))
    await h.send(h.u.text(user, 'а'.repeat(501)))
    expect(h.fake.lastTextTo(user.id)).toContain('уложитесь, пожалуйста, в 500 символов')
    await h.send(h.u.callback(user, 'bk:skip'), h.u.callback(user, 'bk:stop'))
    expect(h.fake.lastTextTo(user.id)).toContain('Хорошо, не записываю')
    expect(bookingsOf(h, user)).toEqual([])

    // /cancel says what the flow's own button says: nothing chosen is kept
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`), h.u.text(user, '/cancel'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Хорошо, не записываю. Если передумаете — кнопка «📞 Заказать звонок» в меню.',
    )
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'menu:about'))
    expect(h.fake.lastTextTo(user.id)).toContain('Работаем:')
    await h.send(h.u.text(user, 'привет'))
    expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
  })

  it('pressing the live day/time picker edits it in place instead of piling up messages', async () => {
    const h = createHarness()
    const user = h.u.user(812)
    await h.send(h.u.text(user, '/book')) // the client's message is #1 in the chat, the picker #2
    await h.send(h.u.callback(user, `bkd:${MONDAY}`, { messageId: 2 }))
    const edit = h.fake.callsOf('editMessageText').at(-1)?.payload
    expect(edit).toMatchObject({ chat_id: user.id, message_id: 2 })
    expect(edit?.text).toContain('Сегодня, 23 ноября — выберите удобное время')
    await h.send(h.u.callback(user, 'bk:days', { messageId: 2 }))
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain('Выберите день')
    // A day after tomorrow is named by its weekday, in full, as its button names it in short
    await h.send(h.u.callback(user, 'bkd:2026-11-25', { messageId: 2 }))
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain(
      'Среда, 25 ноября — выберите удобное время',
    )
    expect(h.fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === user.id)).toHaveLength(1)
  })

  it('quick taps on times: one phone question, the picker shows the time taken, a later tap on it is told so', async () => {
    const h = createHarness()
    const user = h.u.user(813)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    const question = 'Завтра, 24 ноября — выберите удобное время (Москва, UTC+3). На звонок отводим до 30 мин.'
    expect(h.fake.lastTextTo(user.id)).toBe(question)
    const picker = h.fake.messageWithButton(user.id, slotData('2026-11-24T08:00Z'))
    // Built before any is handled, so each carries the picker with its buttons, as quick taps do:
    // 11:00 twice, then 12:00, arriving together as Telegram delivers them
    const tap = (iso: string) => h.u.callback(user, slotData(iso), { messageId: picker })
    const taps = [tap('2026-11-24T08:00Z'), tap('2026-11-24T08:00Z'), tap('2026-11-24T09:00Z')]
    await Promise.all(taps.map((u) => h.bot.handleUpdate(u)))

    const asked = h.fake.textsTo(user.id).filter((t) => t.includes('На какой номер позвонить?'))
    expect(asked).toHaveLength(1)
    // The picker is answered, as a quiz or discovery question is: the time chosen, no buttons
    const onScreen = h.fake.emulator.chats.get(user.id)?.messages.get(picker ?? 0)?.message
    expect(onScreen?.text).toBe(`${question}\n\n✔️ 11:00`)
    expect(onScreen?.reply_markup).toBeUndefined()
    // The tap that came after is told the time is chosen, and changes nothing
    const late = h.fake
      .callsOf('answerCallbackQuery')
      .find((c) => c.payload.callback_query_id === taps[2]?.callback_query?.id)
    expect(late?.payload.text).toBe('Этот ответ уже записан 👍')

    await h.send(h.u.text(user, '+7 916 123-45-67'), h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('вторник, 24 ноября, 11:00–11:30')
    expect(h.errors()).toEqual([])
  })

  it('"No comment" shows on the question it answered and leaves no button; a later tap on it is told so', async () => {
    const h = createHarness()
    const user = h.u.user(815)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')), h.u.text(user, '+7 916 123-45-67'))
    const ask = h.fake.messageWithButton(user.id, 'bk:skip')
    const question = 'Хотите что-то передать менеджеру перед звонком? Напишите коротко — или нажмите «Без комментария».'
    expect(h.fake.lastTextTo(user.id)).toBe(question)
    await h.send(h.u.callback(user, 'bk:skip', { messageId: ask }))
    const onScreen = h.fake.emulator.chats.get(user.id)?.messages.get(ask ?? 0)?.message
    expect(onScreen?.text).toBe(`${question}\n\n✔️ Без комментария`)
    expect(onScreen?.reply_markup).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('Всё верно?')

    // Pressed again later (an app showing the old buttons): nothing sent again, the choice stands
    h.clock.advance(3_000)
    const sent = h.fake.sentTo(user.id).length
    const again = h.u.callback(user, 'bk:skip', { messageId: ask })
    await h.send(again)
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    const answer = h.fake
      .callsOf('answerCallbackQuery')
      .find((c) => c.payload.callback_query_id === again.callback_query?.id)
    expect(answer?.payload.text).toBe('Этот ответ уже записан 👍')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user).map((b) => b.comment)).toEqual([null])
    expect(h.errors()).toEqual([])
  })

  it('"пропустить", "нет" or a dash typed at the comment question is "No comment", not a comment for the manager; "?" is a comment; in English, English words', async () => {
    const cases = [
      [817, 'ru', 'пропустить', null],
      [818, 'ru', 'Нет', null],
      [819, 'ru', '-', null],
      [820, 'ru', 'без комментария', null],
      [821, 'ru', '?', '?'],
      // An English-speaking client's words for it are English ones
      [822, 'en', 'No comment', null],
      [823, 'en', 'skip', null],
      [825, 'en', 'nah', null],
      [826, 'ru', 'Нет, спасибо', null],
      [824, 'en', 'нет', 'нет'],
    ] as const
    for (const [id, language, typed, comment] of cases) {
      const h = createHarness()
      const user = h.u.user(id, { language_code: language })
      await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
      await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')), h.u.text(user, '+7 916 123-45-67'))
      const ask = h.fake.messageWithButton(user.id, 'bk:skip')
      expect(ask).toBeDefined()
      await h.send(h.u.text(user, typed))
      expect(h.fake.emulator.chats.get(user.id)?.messages.get(ask ?? 0)?.message.reply_markup).toBeUndefined()
      const [check, label] =
        language === 'ru' ? ['Всё верно?', 'Комментарий'] : ['Does everything look right?', 'Comment']
      expect(h.fake.lastTextTo(user.id), typed).toContain(check)
      if (comment === null) expect(h.fake.lastTextTo(user.id), typed).not.toContain(label)
      else expect(h.fake.lastTextTo(user.id), typed).toContain(`💬 ${label}: ${comment}`)
      await h.send(h.u.callback(user, 'bk:ok'))
      expect(bookingsOf(h, user).map((b) => b.comment)).toEqual([comment])
      expect(h.errors()).toEqual([])
    }
  })

  it('another day said at the comment question is another day, not a comment on the call', async () => {
    for (const [id, language, typed] of [
      [827, 'en', 'actually can we make it thursday instead'],
      [828, 'ru', 'давайте лучше в четверг'],
    ] as const) {
      const h = createHarness()
      const user = h.u.user(id, { language_code: language })
      await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
      await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')), h.u.text(user, '+7 916 123-45-67'))
      await h.send(h.u.text(user, typed))
      // Thursday's times (the booking kept "actually can we make it thursday instead" as its comment)
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/26 (November|ноября)/)
      await h.send(h.u.callback(user, slotData('2026-11-26T08:00Z')))
      // The comment is asked again, and the call is Thursday's, with no comment
      expect(h.fake.messageWithButton(user.id, 'bk:skip'), typed).toBeDefined()
      await h.send(h.u.callback(user, 'bk:skip'))
      await h.send(h.u.callback(user, 'bk:ok'))
      expect(
        bookingsOf(h, user).map((b) => [b.slotStart, b.comment]),
        typed,
      ).toEqual([[Date.parse('2026-11-26T08:00Z'), null]])
      expect(h.errors()).toEqual([])
    }
  })

  it('a day that is not offered, said at the comment question: said so, the time chosen kept, not a button that is not there', async () => {
    const h = createHarness()
    const user = h.u.user(829, { language_code: 'en' })
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')), h.u.text(user, '+7 916 123-45-67'))
    // Sunday is a day off in the demo
    await h.send(h.u.text(user, 'can we do sunday instead'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^We do not work that day — the call keeps its time \(another can be picked at the next step\) 👇\n\nAnything the manager should know/,
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['bk:skip'])
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('Tuesday 24 November, 11:00–11:30')
    expect(h.errors()).toEqual([])
  })

  it('a comment typed instead of "No comment" takes the button off the question', async () => {
    const h = createHarness()
    const user = h.u.user(816)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')), h.u.text(user, '+7 916 123-45-67'))
    const ask = h.fake.messageWithButton(user.id, 'bk:skip')
    await h.send(h.u.text(user, 'Лучше после обеда'))
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(ask ?? 0)?.message.reply_markup).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('💬 Комментарий: Лучше после обеда')
    expect(h.errors()).toEqual([])
  })

  it('each mistyped time sends the times again, and only the newest picker answers: the ones above lose their buttons, a tap still reaching one is told so', async () => {
    const h = createHarness()
    const user = h.u.user(814)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    const eleven = slotData('2026-11-24T08:00Z')
    const pickers = [h.fake.messageWithButton(user.id, eleven)]
    for (const typed of ['после обеда', 'утром', 'около полудня']) {
      await h.send(h.u.text(user, typed)) // a hint and the times again, as a new message
      pickers.push(h.fake.messageWithButton(user.id, eleven))
    }
    expect(new Set(pickers).size).toBe(4)
    const onScreen = (id: number | undefined) => h.fake.emulator.chats.get(user.id)?.messages.get(id ?? 0)?.message
    expect(pickers.map((id) => onScreen(id)?.reply_markup !== undefined)).toEqual([false, false, false, true])
    expect(h.fake.lastTextTo(user.id)).toContain('Завтра, 24 ноября — выберите удобное время')

    // A tap on a picker above that was on its way (an app showing the old buttons): nothing is taken
    await h.send(h.u.callback(user, eleven, { messageId: pickers[0] }))
    expect(lastToast(h)).toBe('Варианты отправлены ещё раз ниже — выберите, пожалуйста, там 👇')
    expect(h.fake.textsTo(user.id).some((t) => t.includes('На какой номер позвонить?'))).toBe(false)
    expect(onScreen(pickers[3])?.reply_markup).toBeDefined()
    // The newest takes the tap, and shows the time taken
    await h.send(h.u.callback(user, slotData('2026-11-24T09:00Z'), { messageId: pickers[3] }))
    expect(onScreen(pickers[3])?.text).toContain('✔️ 12:00')
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    expect(h.errors()).toEqual([])
  })

  it('a time typed as its button reads is taken as the tap; so is a day typed as its button reads', async () => {
    const h = createHarness()
    const user = h.u.user(817)
    await h.send(h.u.text(user, '/book'), h.u.text(user, 'завтра, 24 нояб.'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Завтра, 24 ноября — выберите удобное время (Москва, UTC+3). На звонок отводим до 30 мин.',
    )
    const picker = h.fake.messageWithButton(user.id, slotData('2026-11-24T12:00Z'))
    await h.send(h.u.text(user, '15:00'))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    // The picker is answered: its buttons go, as under a typed answer to a question
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(picker ?? 0)?.message.reply_markup).toBeUndefined()
    await h.send(h.u.text(user, '+7 916 123-45-67'), h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('вторник, 24 ноября, 15:00–15:30')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user).map((b) => b.slotStart)).toEqual([Date.parse('2026-11-24T12:00Z')])

    // In English a business in Moscow writes the time as Russian does, "15:00"; "3:00 pm" is it too
    const jane = h.u.user(818, { language_code: 'en' })
    await h.send(h.u.text(jane, '/book'), h.u.callback(jane, 'bkd:2026-11-25'))
    expect(h.fake.lastButtonsTo(jane.id).map((b) => b.text)).toContain('15:00')
    await h.send(h.u.text(jane, '3:00 pm'))
    expect(h.fake.lastTextTo(jane.id)).toContain('Which number should we call?')
    // A business in Moscow: a Russian number in English too, the country's own
    expect(h.fake.lastTextTo(jane.id)).toContain('e.g. +7 916 123 45 67.')
    await h.send(h.u.text(jane, '+44 20 7946 0958'), h.u.callback(jane, 'bk:skip'))
    expect(h.fake.lastTextTo(jane.id)).toContain('Wednesday 25 November, 15:00–15:30')
    expect(h.errors()).toEqual([])
  })

  it("English dates and clocks read as the business's part of the world writes them: New York, London, Sydney", async () => {
    // Monday 23 November 2026, 09:00 UTC: 4:00 in New York, 9:00 in London, 20:00 in Sydney
    const bookIn = async (timezone: string, day: string, typed: string) => {
      const h = createHarness({ content: contentWith({ business: { timezone } }) })
      const sam = h.u.user(820, { language_code: 'en' })
      await h.send(h.u.text(sam, '/book'))
      const days = h.fake.lastButtonsTo(sam.id).map((b) => b.text)
      await h.send(h.u.callback(sam, `bkd:${day}`))
      const times = h.fake.lastButtonsTo(sam.id).map((b) => b.text)
      // A time typed as its button reads is taken as the tap
      await h.send(h.u.text(sam, typed), h.u.text(sam, '+44 20 7946 0958'))
      await h.send(h.u.callback(sam, 'bk:skip'))
      return { days, times, check: h.fake.lastTextTo(sam.id), errors: h.errors() }
    }
    const newYork = await bookIn('America/New_York', '2026-11-25', '3:00 PM')
    expect(newYork.days).toContain('Wed, Nov 25')
    expect(newYork.times).toContain('3:00 PM')
    expect(newYork.check).toContain('📞 Call: Wednesday, November 25, 3:00 PM–3:30 PM\n')
    const london = await bookIn('Europe/London', '2026-11-25', '15:00')
    expect(london.days).toContain('Wed 25 Nov')
    expect(london.times).toContain('15:00')
    expect(london.check).toContain('📞 Call: Wednesday 25 November, 15:00–15:30\n')
    const sydney = await bookIn('Australia/Sydney', '2026-11-25', '3:00 pm')
    expect(sydney.days).toContain('Wed, 25 Nov')
    expect(sydney.times).toContain('3:00 pm')
    expect(sydney.check).toContain('📞 Call: Wednesday 25 November, 3:00 pm–3:30 pm\n')
    expect([...newYork.errors, ...london.errors, ...sydney.errors]).toEqual([])

    // A content file moving the business to New York changes how English reads from then on
    const h = createHarness()
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    expect(
      h.deps.content.replace(demo.replace('timezone: Europe/Moscow', 'timezone: America/New_York'), 'file').ok,
    ).toBe(true)
    const kim = h.u.user(821, { language_code: 'en' })
    await h.send(h.u.text(kim, '/book'), h.u.callback(kim, 'bkd:2026-11-25'))
    expect(h.fake.lastButtonsTo(kim.id).map((b) => b.text)).toContain('3:00 PM')
  })

  it('a time said as people say it, a number among words and a typed yes book the call, with a manager reading too', async () => {
    const h = createHarness()
    const user = h.u.user(819)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'), h.u.text(user, 'в 15'))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    await h.send(h.u.text(user, 'мой номер 8 916 123-45-67'), h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('вторник, 24 ноября, 15:00–15:30')
    const confirmation = h.fake.messageWithButton(user.id, 'bk:ok')
    await h.send(h.u.text(user, 'Да'))
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-24T12:00Z'), phone: '+79161234567' }])
    // "ок", "подтверждаю", its button's word: a yes to "Всё верно?" too, also with a manager reading
    // "that's fine" and "всё верно" too: passed on as a thanks to the manager reading, they booked nothing
    for (const [n, typed] of ['ок', 'подтверждаю', 'ок, подтвердить', "that's fine", 'всё верно'].entries()) {
      const other = h.u.user(840 + n)
      await h.send(h.u.text(other, '/start'), h.u.text(other, '/manager'))
      await h.send(h.u.text(other, '/book'), h.u.callback(other, 'bkd:2026-11-26'), h.u.text(other, `в ${10 + n}`))
      await h.send(h.u.text(other, `+7 916 123-45-${60 + n}`), h.u.callback(other, 'bk:skip'))
      await h.send(h.u.text(other, typed))
      expect(bookingsOf(h, other), typed).toMatchObject([{ status: 'booked' }])
    }
    expect(h.fake.keyboardOf(user.id, confirmation ?? 0)).toBeUndefined()
    // In English "3pm" and "yes", while a manager reads the
    // client's messages: the flow takes them, nothing is left for the manager to sort out
    const jane = h.u.user(820, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(jane, '/start'), h.u.text(jane, '/manager'))
    await h.send(h.u.text(jane, '/book'), h.u.callback(jane, 'bkd:2026-11-25'), h.u.text(jane, '3pm'))
    expect(h.fake.lastTextTo(jane.id)).toContain('Which number should we call?')
    await h.send(h.u.text(jane, 'my number is 0044 7700 900123'), h.u.callback(jane, 'bk:skip'))
    await h.send(h.u.text(jane, 'yes'))
    expect(bookingsOf(h, jane)).toMatchObject([{ slotStart: Date.parse('2026-11-25T12:00Z'), phone: '+447700900123' }])
    // "4" is 16:00 where 4:00 is not offered
    const ann = h.u.user(821)
    await h.send(h.u.text(ann, '/book'), h.u.callback(ann, 'bkd:2026-11-24'), h.u.text(ann, '4'))
    expect(h.fake.lastTextTo(ann.id)).toContain('На какой номер позвонить?')
    await h.send(h.u.text(ann, '+7 916 765-43-21'), h.u.callback(ann, 'bk:skip'))
    expect(h.fake.lastTextTo(ann.id)).toContain('вторник, 24 ноября, 16:00–16:30')
    // Said roughly, as people do: "часа в 2" is the 14:00 offered
    const ivan = h.u.user(822)
    await h.send(h.u.text(ivan, '/book'), h.u.callback(ivan, 'bkd:2026-11-24'), h.u.text(ivan, 'часа в 2'))
    expect(h.fake.lastTextTo(ivan.id)).toContain('На какой номер позвонить?')
    await h.send(h.u.text(ivan, '+7 916 765-43-22'), h.u.callback(ivan, 'bk:skip'))
    expect(h.fake.lastTextTo(ivan.id)).toContain('вторник, 24 ноября, 14:00–14:30')
    // Wrapped in the words of a choice: "ну давайте в 5 тогда" is the 17:00 offered
    const dima = h.u.user(823)
    await h.send(h.u.text(dima, '/book'), h.u.callback(dima, 'bkd:2026-11-24'), h.u.text(dima, 'ну давайте в 5 тогда'))
    await h.send(h.u.text(dima, '+7 916 765-43-23'), h.u.callback(dima, 'bk:skip'))
    expect(h.fake.lastTextTo(dima.id)).toContain('вторник, 24 ноября, 17:00–17:30')
    // As people text it: "tmrw after 5" is tomorrow's times from 17:00, with a button for all of them
    const kate = h.u.user(824, { language_code: 'en' })
    await h.send(h.u.text(kate, '/book'), h.u.text(kate, 'tmrw after 5'))
    expect(h.fake.lastTextTo(kate.id)).toMatch(/^Tomorrow, 24 November — pick a time .* Showing times from 17:00\./)
    const evening = h.fake.lastButtonsTo(kate.id).map((b) => b.text)
    expect(evening.slice(0, 5)).toEqual(['17:00', '17:30', '18:00', '18:30', '🕐 All times that day'])
    await h.send(h.u.callback(kate, 'bk:all'))
    expect(h.fake.lastButtonsTo(kate.id)[0]?.text).toBe('10:00')
    expect(h.fake.lastButtonsTo(kate.id).some((b) => b.data === 'bk:all')).toBe(false)
    // A time of the day's others, typed under the part said: that one
    const liz = h.u.user(829, { language_code: 'en' })
    await h.send(h.u.text(liz, '/book'), h.u.text(liz, 'tomorrow morning'), h.u.text(liz, '1pm'))
    expect(h.fake.lastTextTo(liz.id)).toContain('Which number should we call?')
    // A part of the day with no free time: all of the day's, and why
    const max = h.u.user(830)
    await h.send(h.u.text(max, '/book'), h.u.text(max, 'завтра после 9 вечера'))
    expect(h.fake.lastTextTo(max.id)).toMatch(
      /^После 21:00 в этот день свободного времени нет — вот всё свободное время\./,
    )
    expect(h.fake.lastButtonsTo(max.id)[0]?.text).toBe('10:00')
    // "half 6 tomorrow", as Ireland says it, is 18:30 tomorrow; "yes grand" confirms it
    const aoife = h.u.user(825, { language_code: 'en' })
    await h.send(h.u.text(aoife, '/book'), h.u.text(aoife, 'half 6 tomorrow'))
    expect(h.fake.lastTextTo(aoife.id)).toContain('Which number should we call?')
    await h.send(h.u.text(aoife, '+353 87 123 4567'), h.u.callback(aoife, 'bk:skip'), h.u.text(aoife, 'yes grand'))
    expect(bookingsOf(h, aoife)).toMatchObject([{ slotStart: Date.parse('2026-11-24T15:30Z'), status: 'booked' }])
    // "в пол седьмого" on a day picked: 18:30
    const olga = h.u.user(826)
    await h.send(h.u.text(olga, '/book'), h.u.callback(olga, 'bkd:2026-11-26'), h.u.text(olga, 'в пол седьмого'))
    await h.send(h.u.text(olga, '+7 916 765-43-26'), h.u.callback(olga, 'bk:skip'))
    expect(h.fake.lastTextTo(olga.id)).toContain('четверг, 26 ноября, 18:30–19:00')
    expect(h.errors()).toEqual([])
  })

  it('a day asked with a "?" is that day, also while a manager reads the chat ("а можно в пятницу после обеда?")', async () => {
    const h = createHarness()
    const anna = h.u.user(848)
    await h.send(h.u.text(anna, '/book'), h.u.text(anna, 'а можно в пятницу после обеда?'))
    expect(h.fake.lastTextTo(anna.id)).toMatch(/^Пятница, 27 ноября/)
    expect(h.fake.lastButtonsTo(anna.id)[0]?.text).toBe('14:00')
    // With a request open it went to the manager, and the picker waited
    const vera = h.u.user(849)
    await h.send(h.u.text(vera, '/start'), h.u.text(vera, '/manager'))
    await h.send(h.u.text(vera, '/book'), h.u.text(vera, 'а можно в пятницу?'))
    expect(h.fake.lastTextTo(vera.id)).toMatch(/^Пятница, 27 ноября/)
    await h.send(h.u.text(vera, 'в 15?'))
    expect(h.fake.lastTextTo(vera.id)).toContain('На какой номер позвонить?')
    expect(h.errors()).toEqual([])
  })

  it('two numbers at the phone step: asked which, also while a manager reads the chat; the one typed then is taken', async () => {
    const h = createHarness()
    const user = h.u.user(827, { first_name: 'Дима' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'), h.u.text(user, 'в 15'))
    const two = h.u.text(user, '+7 (916) 765-43-21 рабочий, а лучше на 8-903-111-22-33')
    await h.send(two)
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^В сообщении номера \+7 916 765 43 21, \+7 903 111 22 33\. На какой позвонить\? Нажмите его кнопку внизу или напишите один\./,
    )
    // Each number a button under the chat: one tap answers "which?"
    const keyboard = h.fake.sentTo(user.id).at(-1)?.payload.reply_markup?.keyboard as { text: string }[][]
    // (and the way out last, as at every phone question)
    expect(keyboard.slice(1)).toEqual([
      [{ text: '+7 916 765 43 21' }],
      [{ text: '+7 903 111 22 33' }],
      [{ text: '✖ Не записываться' }],
    ])
    await h.send(h.u.text(user, '8-903-111-22-33'))
    expect(h.fake.lastTextTo(user.id)).toContain('Хотите что-то передать менеджеру')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79031112233')
    // Or by its place, as people answer "which?": "на второй"
    const ira = h.u.user(828)
    await h.send(h.u.text(ira, '/book'), h.u.callback(ira, 'bkd:2026-11-24'), h.u.text(ira, 'в 16'))
    await h.send(h.u.text(ira, '+7 916 765-43-20 или 8-903-111-22-30'), h.u.text(ira, 'на второй'))
    expect(h.fake.lastTextTo(ira.id)).toContain('Хотите что-то передать менеджеру')
    expect(findClientByTelegramId(h.deps.db, ira.id)?.phone).toBe('+79031112230')
    expect(h.errors()).toEqual([])
  })

  it('"этот" after "which of the two?" names neither: the number on record, no longer a button, is not taken', async () => {
    const h = createHarness()
    const user = h.u.user(888)
    const first = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z', phone: '+7 916 123-45-67' })
    await h.send(h.u.callback(user, `bkm:cancel:${first.id}`), h.u.callback(user, `bkm:cancelyes:${first.id}`))
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.lastTextTo(user.id)).toContain('Позвонить на +7 916 123 45 67?')
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '+7 926 555-01-10 или 8-903-111-22-31'), h.u.text(user, 'этот'))
    expect(
      h.fake
        .textsTo(user.id)
        .slice(before)
        .some((t) => t.startsWith('Номер записан')),
    ).toBe(false)
    await h.send(h.u.text(user, 'второй'))
    expect(h.fake.textsTo(user.id)).toContain('Номер записан: +7 903 111 22 31')
    expect(h.errors()).toEqual([])
  })

  it('a day typed as Americans write it, for a business in New York: "11/25", "Nov 25", "November 25 at 3pm"', async () => {
    const h = createHarness({ content: contentWith({ business: { timezone: 'America/New_York' } }) })
    for (const [n, typed] of ['11/25', 'Nov 25', 'november 25th'].entries()) {
      const user = h.u.user(830 + n, { language_code: 'en' })
      await h.send(h.u.text(user, '/book'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^Wednesday, November 25 — pick a time/)
    }
    const sam = h.u.user(833, { language_code: 'en' })
    await h.send(h.u.text(sam, '/book'), h.u.text(sam, 'November 25 at 3pm'))
    expect(h.fake.lastTextTo(sam.id)).toContain('✔️ Call: Wednesday, November 25, 3:00 PM–3:30 PM')
    // The number's example is an American one, not London's
    expect(h.fake.lastTextTo(sam.id)).toContain('type it, e.g. +1 212 555 0142.')
    // A weekday in short, as the day buttons write it
    const pn = h.u.user(835, { language_code: 'en' })
    await h.send(h.u.text(pn, '/book'), h.u.text(pn, 'wed at 3pm'))
    expect(h.fake.lastTextTo(pn.id)).toContain('✔️ Call: Wednesday, November 25, 3:00 PM–3:30 PM')
    // In Moscow a date with slashes reads day first, and a month in short is one too
    const moscow = createHarness()
    const anna = h.u.user(834)
    await moscow.send(moscow.u.text(anna, '/book'), moscow.u.text(anna, '25/11'))
    expect(moscow.fake.lastTextTo(anna.id)).toMatch(/^Среда, 25 ноября — выберите удобное время/)
    await moscow.send(moscow.u.text(anna, '/book'), moscow.u.text(anna, '25 ноя'))
    expect(moscow.fake.lastTextTo(anna.id)).toMatch(/^Среда, 25 ноября — выберите удобное время/)
    await moscow.send(moscow.u.text(anna, '/book'), moscow.u.text(anna, 'ср в 12'))
    expect(moscow.fake.lastTextTo(anna.id)).toContain('✔️ Звонок: среда, 25 ноября, 12:00–12:30')
    // A Dublin salon's clients read an Irish number, not London's
    const dublin = createHarness({ content: contentWith({ business: { timezone: 'Europe/Dublin' } }) })
    const aoife = dublin.u.user(836, { language_code: 'en' })
    await dublin.send(dublin.u.text(aoife, '/book'), dublin.u.text(aoife, 'Nov 25 at 3pm'))
    expect(dublin.fake.lastTextTo(aoife.id)).toContain('type it, e.g. +353 20 910 1234.')
    expect([...h.errors(), ...moscow.errors(), ...dublin.errors()]).toEqual([])
  })

  it('the confirmation answered in words: a new day and time, another number, its buttons as they read, a plain "нет" asked what to change', async () => {
    const h = createHarness()
    const user = h.u.user(824)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'), h.u.text(user, 'в 15'))
    await h.send(h.u.text(user, '+7 916 123-45-67'))
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('📞 Звонок: вторник, 24 ноября, 15:00–15:30')
    // A plain no: what can be changed, and how; the confirmation stays
    await h.send(h.u.text(user, 'нет'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Что поменять\? Время — кнопка «🔄 Другое время» или напишите/)
    expect(h.fake.lastTextTo(user.id)).toContain('📞 Звонок: вторник, 24 ноября, 15:00–15:30')
    // Words it cannot read: the same, not a button the confirmation does not have
    await h.send(h.u.text(user, 'комментарий уберите'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Что поменять\?/)
    expect(h.fake.lastTextTo(user.id)).not.toContain('Написать менеджеру')
    // Another day and time said there: that time, confirmed afresh
    await h.send(h.u.text(user, 'ой нет, давайте в четверг в 11'))
    expect(h.fake.lastTextTo(user.id)).toContain('📞 Звонок: четверг, 26 ноября, 11:00–11:30')
    // Another time alone: that time of the same day; one between the times calls start at is told so
    await h.send(h.u.text(user, 'давайте лучше в 16'))
    expect(h.fake.lastTextTo(user.id)).toContain('📞 Звонок: четверг, 26 ноября, 16:00–16:30')
    await h.send(h.u.text(user, 'нет, в 11:45'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Звонки начинаются каждые 30 мин — выберите ближайшее свободное время 👇\n\nЧетверг, 26 ноября/,
    )
    // A time calls start at, taken by another client: taken, not "between"
    const other = seedClient(h.deps, 8250)
    h.deps.services.booking.book({
      clientId: other.id,
      slotStart: Date.parse('2026-11-26T14:00Z'),
      phone: '+79990000050',
      comment: null,
      productId: null,
    })
    await h.send(h.u.text(user, 'давайте в 17'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Это время (в тот день занято|только что заняли)/)
    await h.send(h.u.text(user, 'в 11'))
    // Another number: the one to call
    await h.send(h.u.text(user, 'лучше на 8-903-111-22-33'))
    expect(h.fake.lastTextTo(user.id)).toContain('📞 Звонок: четверг, 26 ноября, 11:00–11:30')
    expect(h.fake.lastTextTo(user.id)).toContain('+7 903 111 22 33')
    // Its button's words: that day's times again
    await h.send(h.u.text(user, 'Другое время'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Четверг, 26 ноября — выберите удобное время/)
    await h.send(h.u.text(user, '12:00'))
    await h.send(h.u.text(user, 'да'))
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-26T09:00Z'), phone: '+79031112233' }])
    // "Не записываться" typed: no booking
    const ann = h.u.user(825)
    await h.send(h.u.text(ann, '/book'), h.u.callback(ann, 'bkd:2026-11-24'), h.u.text(ann, 'в 16'))
    await h.send(h.u.text(ann, '+7 916 765-43-21'))
    await h.send(h.u.callback(ann, 'bk:skip'))
    await h.send(h.u.text(ann, 'не записываться'))
    expect(h.fake.lastTextTo(ann.id)).toMatch(/^Хорошо, не записываю\./)
    expect(bookingsOf(h, ann)).toEqual([])
    // An English-speaking client writing Russian, with a request open: a new time, not "use the buttons"
    const alex = h.u.user(826, { first_name: 'Alex', language_code: 'en' })
    await h.send(h.u.text(alex, '/start'), h.u.text(alex, '/manager'))
    await h.send(h.u.text(alex, '/book'), h.u.callback(alex, 'bkd:2026-11-24'), h.u.text(alex, '3pm'))
    await h.send(h.u.text(alex, '+44 20 7946 0958'))
    await h.send(h.u.callback(alex, 'bk:skip'))
    await h.send(h.u.text(alex, 'нет же, в четверг в 11 надо'))
    expect(h.fake.lastTextTo(alex.id)).toContain('📞 Call: Thursday 26 November, 11:00–11:30')
    expect(h.errors()).toEqual([])
  })

  it('a day said as people say it on the day picker: with a time free then, that time; alone, its times; a closed day is said to be full', async () => {
    const h = createHarness()
    const user = h.u.user(822)
    await h.send(h.u.text(user, '/book'), h.u.text(user, 'в среду в 15'))
    // Said back as it was understood: a tapped time shows on its picker, a typed one here
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^✔️ Звонок: среда, 25 ноября, 15:00–15:30 \(Москва, UTC\+3\)\.\n\nНа какой номер позвонить\?/,
    )
    await h.send(h.u.text(user, '+7 916 123-45-67'), h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('среда, 25 ноября, 15:00–15:30')
    // A date alone: that day's times
    const ann = h.u.user(823)
    await h.send(h.u.text(ann, '/book'), h.u.text(ann, '26.11'))
    expect(h.fake.lastButtonsTo(ann.id).some((b) => b.data === slotData('2026-11-26T07:00Z'))).toBe(true)
    // "В понедельник" said on a Monday is next Monday; a day the studio is closed cannot be booked
    const bob = h.u.user(824)
    await h.send(h.u.text(bob, '/book'), h.u.text(bob, 'в понедельник'))
    expect(h.fake.lastButtonsTo(bob.id).some((b) => b.data === slotData('2026-11-30T07:00Z'))).toBe(true)
    const eve = h.u.user(825)
    await h.send(h.u.text(eve, '/book'), h.u.text(eve, 'в воскресенье'))
    expect(h.fake.lastTextTo(eve.id)).toContain('В этот день мы не работаем — выберите, пожалуйста, день из списка')
    expect(h.fake.lastButtonsTo(eve.id)[0]?.data).toBe(`bkd:${MONDAY}`)
    // Said on a day's times, which stay below: pick one of them, or another day
    await h.send(h.u.callback(eve, 'bkd:2026-11-24'), h.u.text(eve, 'в воскресенье в 12'))
    expect(h.fake.lastTextTo(eve.id)).toMatch(
      /^В этот день мы не работаем — выберите время ниже или другой день кнопкой «← Другой день» 👇\n\nЗавтра, 24 ноября/,
    )
    // The nearest Wednesday a holiday: not the one a week later
    const demo = demoContent()
    const holiday = createHarness({ content: { ...demo, business: { ...demo.business, holidays: ['2026-11-25'] } } })
    const ivan = holiday.u.user(828)
    await holiday.send(holiday.u.text(ivan, '/book'), holiday.u.text(ivan, 'в среду в 15'))
    expect(holiday.fake.lastTextTo(ivan.id)).toContain('В этот день мы не работаем')
    // A day beyond the days booking looks ahead
    await holiday.send(holiday.u.text(ivan, '25.02'))
    expect(holiday.fake.lastTextTo(ivan.id)).toContain('Так далеко вперёд запись пока не открыта')
    expect(holiday.deps.sqlite.prepare('select count(*) as n from bookings').get()).toEqual({ n: 0 })
    // A time that is not free that day: that day's times, and why
    const tom = h.u.user(827)
    await h.send(h.u.text(tom, '/book'), h.u.text(tom, 'завтра в 22'))
    expect(h.fake.lastTextTo(tom.id)).toContain('Это время в тот день занято или нерабочее')
    expect(h.fake.lastButtonsTo(tom.id).some((b) => b.data === slotData('2026-11-24T07:00Z'))).toBe(true)
    // The hour in words, with the part of the day or without it where only one is offered
    const ira = h.u.user(829)
    await h.send(h.u.text(ira, '/book'), h.u.text(ira, 'завтра в три часа дня'))
    await h.send(h.u.text(ira, '+7 916 222-33-44'), h.u.callback(ira, 'bk:skip'))
    expect(h.fake.lastTextTo(ira.id)).toContain('вторник, 24 ноября, 15:00–15:30')
    // A day and a time typed on another day's times: that day and time
    const kim = h.u.user(832)
    await h.send(h.u.text(kim, '/book'), h.u.callback(kim, 'bkd:2026-11-24'), h.u.text(kim, 'в среду в 15'))
    expect(h.fake.lastTextTo(kim.id)).toMatch(/^✔️ Звонок: среда, 25 ноября, 15:00–15:30/)
    // …and a dotted time there is a time, not a date
    const lev = h.u.user(833)
    await h.send(h.u.text(lev, '/book'), h.u.callback(lev, 'bkd:2026-11-24'), h.u.text(lev, '11.00'))
    expect(h.fake.lastTextTo(lev.id)).toMatch(/^✔️ Звонок: вторник, 24 ноября, 11:00–11:30/)
    const oleg = h.u.user(830)
    await h.send(h.u.text(oleg, '/book'), h.u.callback(oleg, 'bkd:2026-11-24'), h.u.text(oleg, 'в четыре'))
    await h.send(h.u.text(oleg, '+7 916 333-44-55'), h.u.callback(oleg, 'bk:skip'))
    expect(h.fake.lastTextTo(oleg.id)).toContain('вторник, 24 ноября, 16:00–16:30')
    // In English
    const jane = h.u.user(826, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(jane, '/start'), h.u.text(jane, '/book'), h.u.text(jane, 'on Friday at 3pm'))
    expect(h.fake.lastTextTo(jane.id)).toContain('Which number should we call?')
    const sam = h.u.user(831, { first_name: 'Sam', language_code: 'en' })
    await h.send(h.u.text(sam, '/start'), h.u.text(sam, '/book'), h.u.text(sam, 'tomorrow at noon'))
    await h.send(h.u.text(sam, '+44 20 7946 0959'), h.u.callback(sam, 'bk:skip'))
    expect(h.fake.lastTextTo(sam.id)).toContain('Tuesday 24 November, 12:00–12:30')
    expect(h.errors()).toEqual([])
  })

  it('typing instead of pressing a day or a time gets a hint and the same choices again', async () => {
    const h = createHarness()
    const user = h.u.user(807)
    await h.send(h.u.text(user, '/book'), h.u.text(user, 'как-нибудь на неделе'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите, пожалуйста, вариант кнопкой')
    expect(h.fake.lastButtonsTo(user.id)[0]?.data).toBe(`bkd:${MONDAY}`)
    // A day with a part of it, no hour: that day's times, to pick the hour from
    await h.send(h.u.text(user, 'завтра после обеда'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Завтра, 24 ноября — выберите удобное время/)
    await h.send(h.u.callback(user, 'bk:days'))
    // The first word of a day's button («Завтра, 24 нояб.») picks that day
    await h.send(h.u.text(user, 'завтра'))
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data === slotData('2026-11-24T07:00Z'))).toBe(true)
    await h.send(h.u.callback(user, 'bk:days'))
    // A photo is no choice either, but it is kept for the manager, and the client hears so
    await h.send(h.u.photo(user))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^📎 Фото сохранено в переписке: позовёте менеджера — он его увидит\. Выберите, пожалуйста, вариант кнопкой/,
    )
    expect(h.fake.lastButtonsTo(user.id)[0]?.data).toBe(`bkd:${MONDAY}`)
  })

  it('speaks English to an English-speaking client, with the zone named in English', async () => {
    const h = createHarness()
    const user = h.u.user(813, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain('Pick a day')
    expect(h.fake.lastButtonsTo(user.id)[0]?.text).toBe('Today, 23 Nov')
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Tomorrow, 24 November — pick a time that suits you (Moscow Time, UTC+3). A call takes up to 30 min.',
    )
    await h.send(h.u.callback(user, 'bk:days'))
    await h.send(h.u.callback(user, `bkd:${MONDAY}`), h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.text(user, '+44 20 7946 0958'), h.u.callback(user, 'bk:skip'))
    const check = h.fake.lastTextTo(user.id)
    expect(check).toMatch(/^Let's double-check:\n📞 Call: Monday 23 November, 15:00–15:30\n/)
    expect(check).toMatch(/\n\nDoes everything look right\?$/)
    await h.send(h.u.callback(user, 'bk:ok'))
    const done = h.fake.lastTextTo(user.id)
    expect(done).toContain('Done, Jane!')
    expect(done).toContain('📞 Monday 23 November, 15:00–15:30')
    expect(done).toContain('🕐 Moscow Time, UTC+3')
    expect(done).toContain('+44 20 7946 0958')
  })

  it('promises the reminder in words a person would use: "за час", "за 2 часа", "за 1 ч 30 мин"', async () => {
    const promise = async (minutes: number, language = 'ru') => {
      const h = createHarness({ content: contentWith({ booking: { reminder_minutes: minutes } }) })
      const user = h.u.user(817, { language_code: language })
      await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
      return h.fake.lastTextTo(user.id).split('\n').at(-1)
    }
    expect(await promise(60)).toMatch(/^За час до звонка я напомню\./)
    expect(await promise(120)).toMatch(/^За 2 часа до звонка я напомню\./)
    expect(await promise(90)).toMatch(/^За 1 ч 30 мин до звонка я напомню\./)
    expect(await promise(30)).toMatch(/^За 30 мин до звонка я напомню\./)
    expect(await promise(60, 'en')).toMatch(/^I will remind you an hour before the call\./)
    expect(await promise(120, 'en')).toMatch(/^I will remind you 2 hours before the call\./)
  })

  it('a reminder an hour before that falls in the client’s night is promised, and planned, for their morning', async () => {
    const h = createHarness()
    const user = h.u.user(818, { language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    h.deps.services.clients.setTimezone(findClientByTelegramId(h.deps.db, user.id)!.id, 'America/New_York')
    // 17:30 in Moscow is 9:30 in New York: an hour before is 8:30 there, in their quiet hours (till 9:00)
    await book(h, user, { day: '2026-11-24', slot: '2026-11-24T14:30Z' })
    expect(h.fake.lastTextTo(user.id).split('\n').at(-1)).toMatch(/^I will remind you 30 min before the call\./)
    expect(jobsOfKind(h, BOOKING_JOBS.clientReminder.kind).map((j) => j.runAt)).toEqual([
      Date.parse('2026-11-24T14:00Z'),
    ])
    expect(h.errors()).toEqual([])
  })

  it('moving a call, a client in another zone reads the call it was at their time too ("Currently:", "Was:")', async () => {
    const h = createHarness()
    const user = h.u.user(819, { language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    h.deps.services.clients.setTimezone(findClientByTelegramId(h.deps.db, user.id)!.id, 'America/New_York')
    const call = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T14:00Z' })
    await h.send(h.u.callback(user, `bkm:resched:${call.id}`), h.u.callback(user, 'bkd:2026-11-25'))
    await h.send(h.u.callback(user, slotData('2026-11-25T14:00Z')))
    expect(h.fake.lastTextTo(user.id).split('\n').slice(0, 2)).toEqual([
      'Move the call?',
      'Currently: Tuesday 24 November, 17:00–17:30 (Moscow Time, UTC+3 — 9:00 your time)',
    ])
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id).split('\n')[1]).toBe(
      'Was: Tuesday 24 November, 17:00–17:30 (Moscow Time, UTC+3 — 9:00 your time).',
    )
    expect(h.errors()).toEqual([])
  })

  it('a client with an upcoming call is shown it instead of a second booking', async () => {
    const h = createHarness()
    const user = h.u.user(808)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain('У вас уже назначен звонок: понедельник, 23 ноября, 15:00–15:30')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain(`bkm:resched:${booking.id}`)
    // and a second flow opened before the first one finished cannot book twice
    const other = h.u.user(809)
    await reachConfirm(h, other, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    await book(h, other, { day: MONDAY, slot: '2026-11-23T14:00Z' }) // restarts the flow and books
    await h.send(h.u.callback(other, 'bk:ok')) // the confirmation of the first flow, pressed late
    expect(bookingsOf(h, other)).toHaveLength(1)
  })

  it('no free slot within the horizon: says so and offers a manager', async () => {
    const h = createHarness({ content: noFreeTimeContent() })
    const user = h.u.user(810)
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastTextTo(user.id)).toContain('в ближайшие 1 дн. свободного времени для звонка нет')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:main', 'menu:manager'])
  })

  it('no free slot within a one-day horizon, in English: "in the next day", not "the next 1 days"', async () => {
    const h = createHarness({ content: noFreeTimeContent() }) // days_ahead: 1
    const john = h.u.user(9921, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.text(john, '/book'))
    expect(h.fake.lastTextTo(john.id)).toContain("there's no free time for a call in the next day.")
  })

  it('survives a restart of the bot in the middle of the flow', async () => {
    const h = createHarness()
    const user = h.u.user(811)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    const after = h.restart()
    await after.send(after.u.callback(user, slotData('2026-11-23T12:00Z')))
    expect(after.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    await after.send(after.u.text(user, '+79161234567'), after.u.callback(user, 'bk:skip'))
    await after.send(after.u.callback(user, 'bk:ok'))
    expect(bookingsOf(after, user)).toHaveLength(1)
  })
})

describe('capacity and stale choices', () => {
  it('two clients confirming the last place at once: one gets it, the other is told and shown fresh times', async () => {
    const h = createHarness()
    const a = h.u.user(821, { first_name: 'Аня' })
    const b = h.u.user(822, { first_name: 'Боря' })
    const slot = '2026-11-23T12:00Z'
    await reachConfirm(h, a, { day: MONDAY, slot })
    await reachConfirm(h, b, { day: MONDAY, slot, comment: 'перезвоните' })
    await Promise.all([h.send(h.u.callback(a, 'bk:ok')), h.send(h.u.callback(b, 'bk:ok'))])

    const winners = [a, b].filter((u) => bookingsOf(h, u).length === 1)
    const losers = [a, b].filter((u) => bookingsOf(h, u).length === 0)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(1)
    const loser = losers[0]!
    expect(h.fake.lastTextTo(winners[0]!.id)).toContain('Готово')
    expect(h.fake.lastTextTo(loser.id)).toContain('Это время только что заняли')
    const fresh = h.fake.lastButtonsTo(loser.id).map((b) => b.data)
    expect(fresh).toContain(slotData('2026-11-23T11:30Z'))
    expect(fresh).not.toContain(slotData(slot))

    // The loser keeps their phone and comment: a new time leads straight to the confirmation
    await h.send(h.u.callback(loser, slotData('2026-11-23T12:30Z')))
    expect(h.fake.lastTextTo(loser.id)).toContain('15:30–16:00')
    await h.send(h.u.callback(loser, 'bk:ok'))
    expect(bookingsOf(h, loser)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('with capacity 2 both get the slot, a third does not', async () => {
    const h = createHarness({ content: contentWith({ booking: { capacity: 2 } }) })
    const users = [831, 832, 833].map((id) => h.u.user(id))
    for (const u of users) await reachConfirm(h, u, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await Promise.all(users.map((u) => h.send(h.u.callback(u, 'bk:ok'))))
    expect(users.map((u) => bookingsOf(h, u).length).sort()).toEqual([0, 1, 1])
  })

  it('a time taken or past while the keyboard was open: a clear answer and fresh choices', async () => {
    const h = createHarness()
    const a = h.u.user(841)
    const b = h.u.user(842)
    await h.send(h.u.text(a, '/book'), h.u.callback(a, `bkd:${MONDAY}`))
    await book(h, b, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(a, slotData('2026-11-23T12:00Z')))
    expect(h.fake.lastTextTo(a.id)).toContain('Это время только что заняли')
    expect(h.fake.lastButtonsTo(a.id).map((x) => x.data)).not.toContain(slotData('2026-11-23T12:00Z'))

    h.clock.set('2026-11-23T11:10Z') // 14:10 Moscow: 14:30 is now too soon, 13:00 long gone
    await h.send(h.u.callback(a, slotData('2026-11-23T11:30Z')))
    expect(h.fake.lastTextTo(a.id)).toContain('уже прошло или до него слишком мало времени')
    expect(h.fake.lastButtonsTo(a.id)[0]?.text).toBe('15:30')

    // a forged or no-longer-offered time (misaligned, closed day) is not booked either
    await h.send(h.u.callback(a, slotData('2026-11-23T12:45Z')))
    expect(h.fake.lastTextTo(a.id)).toContain('расписание изменилось')
    await h.send(h.u.callback(a, slotData('2026-11-29T09:00Z')))
    expect(h.fake.lastTextTo(a.id)).toContain('расписание изменилось')
    expect(bookingsOf(h, a)).toEqual([])
  })

  it('a slot that filled up after the confirmation screen was shown is refused at confirm', async () => {
    const h = createHarness()
    const a = h.u.user(851)
    const b = h.u.user(852)
    await reachConfirm(h, a, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    h.clock.set('2026-11-23T11:30Z') // 14:30: the 15:00 slot is now inside the lead time
    await h.send(h.u.callback(a, 'bk:ok'))
    expect(h.fake.lastTextTo(a.id)).toContain('уже прошло')
    expect(bookingsOf(h, a)).toEqual([])
    await reachConfirm(h, b, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    expect(h.fake.lastTextTo(b.id)).toContain('16:00–16:30')
  })

  it('forged days are answered, not crashed on', async () => {
    const h = createHarness()
    const user = h.u.user(862)
    await h.send(h.u.text(user, '/book'))
    for (const data of ['bkd:2026-11-99', 'bkd:2027-11-23', 'bkd:1999-01-01', 'bks:1', 'bks:-5', 'bk:fly']) {
      await h.send(h.u.callback(user, data))
    }
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('another entry point pressed mid-flow restarts the flow cleanly', async () => {
    const h = createHarness()
    const user = h.u.user(863)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, `bkd:${MONDAY}`))
    h.clock.advance(5_000) // the same button again a moment later, from the older message
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой день перенести?')
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Отменить звонок:')
    await h.send(h.u.callback(user, `bkm:cancelyes:${booking.id}`), h.u.text(user, '/book'))
    await h.send(h.u.callback(user, `bkd:${MONDAY}`), h.u.callback(user, 'bookp:store'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    await h.send(h.u.callback(user, `bkd:${MONDAY}`), h.u.callback(user, slotData('2026-11-23T13:00Z')))
    await h.send(h.u.text(user, '+79161234567'), h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user).map((b) => [b.status, b.productId])).toEqual([
      ['cancelled', null],
      ['booked', 'store'],
    ])
    expect(h.errors()).toEqual([])
  })

  it('a client who erases their data frees their place; their reminders are cancelled', async () => {
    const h = createHarness()
    const user = h.u.user(864)
    await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    expect(h.deps.services.booking.checkSlot(Date.parse('2026-11-23T12:00Z')).status).toBe('full')
    await forgetData(h, user)
    expect(h.deps.services.booking.checkSlot(Date.parse('2026-11-23T12:00Z')).status).toBe('free')
    expect(jobsOfKind(h, BOOKING_JOBS.staffReminder.kind).map((j) => j.status)).toEqual(['cancelled'])
    expect(h.deps.services.booking.callsOn()).toEqual([])
  })

  it('after /forget and a new /start, the old confirmation’s buttons say the booking is gone, not someone else’s', async () => {
    const h = createHarness()
    const user = h.u.user(865)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await forgetData(h, user)
    await h.send(h.u.text(user, '/start'))
    const confirmation = h.fake.messageWithButton(user.id, `bkm:cancel:${booking.id}`)
    expect(confirmation).toBeDefined()
    for (const action of ['cancel', 'cancelyes', 'resched']) {
      await h.send(h.u.callback(user, `bkm:${action}:${booking.id}`))
      const answer = h.fake.callsOf('answerCallbackQuery').at(-1)?.payload
      expect(answer?.text, action).toBe('Этой записи больше нет.')
      expect(answer?.show_alert, action).toBeFalsy()
    }
    // The old confirmation's buttons are taken away: they lead nowhere
    expect(h.fake.keyboardOf(user.id, confirmation ?? -1)).toBeUndefined()
    // A booking that does not exist at all reads the same
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id + 100}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Этой записи больше нет.')
    // Nothing booked or cancelled for the new client, and the place stays free
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.deps.services.booking.checkSlot(Date.parse('2026-11-23T12:00Z')).status).toBe('free')
    expect(h.errors()).toEqual([])
  })

  it('buttons of a flow that is over get a clear answer and fresh choices', async () => {
    const h = createHarness()
    const user = h.u.user(861)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`), h.u.text(user, '/cancel'))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Этот выбор устарел — вот свежие варианты.')
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    expect(bookingsOf(h, user)).toEqual([])
  })

  it('buttons pressed by someone else (a forwarded message) are refused; nothing is stored', async () => {
    const h = createHarness()
    const owner = h.u.user(871)
    const stranger = h.u.user(872)
    const booking = await book(h, owner, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    for (const action of ['cancel', 'cancelyes', 'resched']) {
      await h.send(h.u.callback(stranger, `bkm:${action}:${booking.id}`))
      const answer = h.fake.callsOf('answerCallbackQuery').at(-1)?.payload
      expect(answer?.text).toContain('чужой записи')
      expect(answer?.show_alert).toBe(true)
    }
    expect(bookingsOf(h, owner)[0]?.status).toBe('booked')
    // the owner's confirm button, forwarded: the stranger just gets their own fresh flow
    await h.send(h.u.callback(stranger, 'bk:ok'))
    expect(h.fake.lastTextTo(stranger.id)).toContain('Выберите день')
    expect(bookingsOf(h, stranger)).toEqual([])
  })
})

describe('reschedule and cancel', () => {
  it('moves the booking, frees the old slot, confirms, re-arms reminders and tells the staff', async () => {
    const h = createHarness()
    const user = h.u.user(881)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain('• понедельник, 23 ноября, 15:00–15:30')
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Ваш звонок: понедельник, 23 ноября, 15:00–15:30.')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('bk:now')
    await h.send(h.u.callback(user, 'bkd:2026-11-24'), h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.lastTextTo(user.id)).toContain('Станет: вторник, 24 ноября, 11:00–11:30')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id)).toContain('Перенесли ✅ Теперь звонок: вторник, 24 ноября, 11:00–11:30')
    expect(bookingsOf(h, user)).toMatchObject([{ id: booking.id, slotStart: Date.parse('2026-11-24T08:00Z') }])
    expect(h.deps.services.booking.checkSlot(Date.parse('2026-11-23T12:00Z')).status).toBe('free')

    const client = jobsOfKind(h, BOOKING_JOBS.clientReminder.kind)
    expect(client.map((j) => [j.status, j.runAt])).toEqual([
      ['cancelled', Date.parse('2026-11-23T11:00Z')],
      ['pending', Date.parse('2026-11-24T07:00Z')],
    ])
    expect(jobsOfKind(h, BOOKING_JOBS.staffReminder.kind).map((j) => j.status)).toEqual(['cancelled', 'pending'])
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      'Клиент перенёс звонок: понедельник, 23 ноября, 15:00–15:30 → вторник, 24 ноября, 11:00–11:30',
    )

    // Moving back to the first time revives its reminders rather than losing them
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(
      jobsOfKind(h, BOOKING_JOBS.clientReminder.kind)
        .filter((j) => j.status === 'pending')
        .map((j) => j.runAt),
    ).toEqual([Date.parse('2026-11-23T11:00Z')])
  })

  it('a reschedule can be abandoned; the booking stays', async () => {
    const h = createHarness()
    const user = h.u.user(882)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T13:00Z')))
    await h.send(h.u.callback(user, 'bk:stop'))
    expect(h.fake.lastTextTo(user.id)).toContain('оставляем звонок в прежнее время')
    expect(bookingsOf(h, user)[0]?.slotStart).toBe(Date.parse('2026-11-23T12:00Z'))

    // /cancel in the middle of a move says the same
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.text(user, '/cancel'))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, оставляем звонок в прежнее время.')
    expect(bookingsOf(h, user)[0]?.slotStart).toBe(Date.parse('2026-11-23T12:00Z'))
  })

  it('cancel asks first, frees the slot, cancels the reminders and tells the staff', async () => {
    const h = createHarness()
    const user = h.u.user(883)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Отменить звонок: понедельник, 23 ноября, 15:00–15:30')
    await h.send(h.u.callback(user, `bkm:keep:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('звонок остаётся')
    expect(bookingsOf(h, user)[0]?.status).toBe('booked')

    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`), h.u.callback(user, `bkm:cancelyes:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонок отменён (понедельник, 23 ноября, 15:00–15:30)')
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')
    expect(h.deps.services.booking.checkSlot(Date.parse('2026-11-23T12:00Z')).status).toBe('free')
    expect(
      [...jobsOfKind(h, BOOKING_JOBS.clientReminder.kind), ...jobsOfKind(h, BOOKING_JOBS.staffReminder.kind)].map(
        (j) => j.status,
      ),
    ).toEqual(['cancelled', 'cancelled'])
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Клиент отменил звонок: понедельник, 23 ноября, 15:00–15:30')

    // pressing cancel again on the old message: the booking is no longer active
    await h.send(h.u.callback(user, `bkm:cancelyes:${booking.id}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже отменён или прошёл')
    expect(h.fake.lastTextTo(user.id)).toContain('Запланированных звонков нет.')
  })

  it('a client whose number the bot knows is asked about that number, and a typed "да" takes it', async () => {
    const h = createHarness()
    const user = h.u.user(886)
    const first = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z', phone: '+7 916 123-45-67' })
    await h.send(h.u.callback(user, `bkm:cancel:${first.id}`), h.u.callback(user, `bkm:cancelyes:${first.id}`))
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Позвонить на +7 916 123 45 67? Нажмите номер внизу — или «Поделиться номером», или напишите другой.',
    )
    const keyboard = h.fake.sentTo(user.id).at(-1)?.payload.reply_markup?.keyboard as { text: string }[][]
    expect(keyboard.flat().map((b) => b.text)).toContain('+7 916 123 45 67')
    await h.send(h.u.text(user, 'да'))
    expect(h.fake.textsTo(user.id)).toContain('Номер записан: +7 916 123 45 67')
    await h.send(h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user).at(-1)).toMatchObject({ status: 'booked', phone: '+79161234567' })
    // As people say it to that question: "да, на этот"
    const other = h.u.user(889)
    const earlier = await book(h, other, { day: MONDAY, slot: '2026-11-23T13:00Z', phone: '+7 916 123-45-68' })
    await h.send(h.u.callback(other, `bkm:cancel:${earlier.id}`), h.u.callback(other, `bkm:cancelyes:${earlier.id}`))
    await h.send(h.u.text(other, '/book'), h.u.callback(other, 'bkd:2026-11-24'))
    await h.send(h.u.callback(other, slotData('2026-11-24T09:00Z')), h.u.text(other, 'да на этот'))
    expect(h.fake.textsTo(other.id)).toContain('Номер записан: +7 916 123 45 68')
    expect(h.errors()).toEqual([])
  })

  it('a number the client wrote to the manager since is the one asked about, the one on record a button beside it', async () => {
    const h = createHarness()
    const user = h.u.user(887, { first_name: 'Daniel' })
    const first = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z', phone: '+7 916 123-45-67' })
    await h.send(h.u.callback(user, `bkm:cancel:${first.id}`), h.u.callback(user, `bkm:cancelyes:${first.id}`))
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.text(user, 'Около 80 товаров. И у меня сменился номер телефона, теперь такой: +7 926 555-01-99'))
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Позвонить на +7 926 555 01 99? Нажмите номер внизу — или «Поделиться номером», или напишите другой.',
    )
    const keyboard = h.fake.sentTo(user.id).at(-1)?.payload.reply_markup?.keyboard as { text: string }[][]
    expect(
      keyboard
        .flat()
        .map((b) => b.text)
        .slice(1),
    ).toEqual(['+7 926 555 01 99', '+7 916 123 45 67', '✖ Не записываться'])
    await h.send(h.u.text(user, 'да'))
    expect(h.fake.textsTo(user.id)).toContain('Номер записан: +7 926 555 01 99')
    expect(findClientByTelegramId(h.deps.db, user.id)?.phone).toBe('+79265550199')
    expect(h.errors()).toEqual([])
  })

  it('"да" or "нет" typed under the cancel question is its button, also while a manager reads the chat', async () => {
    const h = createHarness()
    const user = h.u.user(885)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`))
    const question = h.fake.messageWithButton(user.id, `bkm:keep:${booking.id}`)
    await h.send(h.u.text(user, 'нет'))
    expect(h.fake.lastTextTo(user.id)).toContain('звонок остаётся')
    expect(h.fake.keyboardOf(user.id, question ?? 0)).toBeUndefined()
    expect(bookingsOf(h, user)[0]?.status).toBe('booked')
    // With a request open, "да, пожалуйста" is no message for the manager: the call is cancelled
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const copies = () => h.fake.callsOf('copyMessage').filter((c) => c.payload.chat_id === STAFF_GROUP_ID).length
    const before = copies()
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`), h.u.text(user, 'да, пожалуйста'))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонок отменён (понедельник, 23 ноября, 15:00–15:30)')
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')
    await h.drain()
    expect(copies()).toBe(before)
    // Once answered, a "да" is words again: the manager reads it
    await h.send(h.u.text(user, 'да'))
    await h.drain()
    expect(copies()).toBe(before + 1)
    // Asked again, and the client writes to the manager before a "да": that "да" answers the manager
    const again = await book(h, user, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    await h.send(h.u.callback(user, `bkm:cancel:${again.id}`))
    await h.send(h.u.text(user, 'а можно лучше в среду?'))
    await h.send(h.u.text(user, 'да'))
    expect(bookingsOf(h, user).at(-1)).toMatchObject({ id: again.id, status: 'booked' })
    expect(h.errors()).toEqual([])
  })

  it('asked in words to cancel the call ("отмените звонок пожалуйста, не получится"): the question its button asks, also with a request open', async () => {
    const h = createHarness()
    const user = h.u.user(886)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    await h.send(h.u.text(user, 'отмените звонок пожалуйста, не получится'))
    expect(h.fake.lastTextTo(user.id)).toBe('Отменить звонок: понедельник, 23 ноября, 15:00–15:30 (Москва, UTC+3)?')
    // The manager reading the chat reads the words too (their reason is theirs to read), and the
    // bot's question under them
    await h.drain()
    const words = h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('отмените звонок пожалуйста, не получится'))
    expect(words).toHaveLength(1)
    expect(words[0]).toContain('🤖 Бот отправил клиенту: Отменить звонок: понедельник, 23 ноября, 15:00–15:30')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([
      `bkm:cancelyes:${booking.id}:${Date.parse('2026-11-23T12:00Z') / 60_000}`,
      `bkm:keep:${booking.id}`,
    ])
    await h.send(h.u.text(user, 'да'))
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')
    // Not cancelling ("не отменяйте звонок"), or with no call booked: words as any
    const other = h.u.user(887, { language_code: 'en' })
    await book(h, other, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    await h.send(h.u.text(other, 'please cancel my call'))
    expect(h.fake.lastTextTo(other.id)).toMatch(/^Cancel the call: Monday 23 November, 16:00–16:30/)
    const keep = h.u.user(888)
    await book(h, keep, { day: MONDAY, slot: '2026-11-23T14:00Z' })
    await h.send(h.u.text(keep, 'не отменяйте звонок, я просто уточнить'))
    expect(h.fake.lastTextTo(keep.id)).not.toContain('Отменить звонок')
    // Asked to move it to a day: its Move, and that day's times to pick from (the day said is read,
    // as typed at the move's day picker)
    await h.send(h.u.text(keep, 'а можно перенести звонок на пятницу?'))
    expect(h.fake.lastTextTo(keep.id)).toMatch(/^Пятница, 27 ноября — выберите удобное время/)
    await h.send(h.u.callback(keep, slotData('2026-11-27T12:00Z')))
    expect(h.fake.lastTextTo(keep.id)).toContain('Было: понедельник, 23 ноября, 17:00–17:30')
    await h.send(h.u.callback(keep, 'bk:ok'))
    expect(bookingsOf(h, keep).at(-1)).toMatchObject({ slotStart: Date.parse('2026-11-27T12:00Z'), status: 'booked' })
    // Asked to cancel it while moving it: the question, not "use the buttons" (the move has no such button)
    const ira = h.u.user(889)
    await book(h, ira, { day: MONDAY, slot: '2026-11-23T15:00Z' })
    await h.send(h.u.text(ira, 'звонок можно перенести?'))
    expect(h.fake.lastTextTo(ira.id)).toMatch(/^Ваш звонок: понедельник, 23 ноября, 18:00–18:30\./)
    await h.send(h.u.text(ira, 'нет, лучше отмените звонок совсем'))
    expect(h.fake.lastTextTo(ira.id)).toBe('Отменить звонок: понедельник, 23 ноября, 18:00–18:30 (Москва, UTC+3)?')
    expect(h.errors()).toEqual([])
  })

  it('a yes that says what to do, or a button\'s own words typed, answers "Cancel the call …?"', async () => {
    const h = createHarness()
    for (const [i, [typed, status]] of [
      ['да, отменяйте', 'cancelled'],
      ['Да, отменить', 'cancelled'],
      ['отмените звонок', 'cancelled'],
      ['Нет, оставить', 'booked'],
    ].entries()) {
      const user = h.u.user(890 + i)
      const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
      await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`), h.u.text(user, typed as string))
      expect(bookingsOf(h, user)[0]?.status, typed).toBe(status)
    }
    // In English too: "yes cancel it"
    const emma = h.u.user(899, { language_code: 'en' })
    const call = await book(h, emma, { day: MONDAY, slot: '2026-11-23T13:00Z' })
    await h.send(h.u.callback(emma, `bkm:cancel:${call.id}`), h.u.text(emma, 'yes cancel it'))
    expect(bookingsOf(h, emma)[0]?.status).toBe('cancelled')
    expect(h.errors()).toEqual([])
  })

  it('"Yes, cancel" under a question about a time the call has since left cancels nothing: it asks again', async () => {
    const h = createHarness()
    const user = h.u.user(884)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Отменить звонок: понедельник, 23 ноября, 15:00–15:30')
    const yes = h.fake.lastButtonsTo(user.id)[0]?.data ?? ''
    // Instead the call is moved to Tuesday (here by the client; a manager's move is the same)
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)[0]).toMatchObject({ status: 'booked', slotStart: Date.parse('2026-11-24T08:00Z') })

    // The old question's Yes is pressed: the Tuesday call stays, and the question is asked about it
    await h.send(h.u.callback(user, yes))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('Звонок с тех пор перенесли')
    expect(bookingsOf(h, user)[0]).toMatchObject({ status: 'booked', slotStart: Date.parse('2026-11-24T08:00Z') })
    expect(h.fake.lastTextTo(user.id)).toContain('Отменить звонок: вторник, 24 ноября, 11:00–11:30')
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонок отменён (вторник, 24 ноября, 11:00–11:30)')
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')
  })
  it('a call marked as held while the client is moving it: their next tap says it cannot be moved, not a Confirm later', async () => {
    const h = createHarness()
    const user = h.u.user(885)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    h.clock.set('2026-11-23T12:05Z') // 15:05: the call's window (until 15:30) is on, its reminder out
    await h.deps.scheduler.runDue()
    await h.drain()
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('Ваш звонок: понедельник, 23 ноября, 15:00–15:30.')

    // The manager calls and marks it; the client, still at the day picker, picks a day
    const at = Date.parse('2026-11-23T12:00Z') / 60_000
    await h.send(h.u.callback(h.u.user(OWNER_ID), `bko:called:${booking.id}:${at}`, { chatId: STAFF_GROUP_ID }))
    expect(bookingsOf(h, user)[0]?.status).toBe('called')
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastTextTo(user.id)).toBe(MOVE_IMPOSSIBLE)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:booking', 'menu:main', 'menu:manager'])
    // The flow is over: the old picker's times are stale buttons, not a step towards "Перенести звонок?"
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.textsTo(user.id).some((t) => t.includes('Переносим звонок?'))).toBe(false)
    expect(bookingsOf(h, user)).toMatchObject([{ status: 'called', slotStart: Date.parse('2026-11-23T12:00Z') }])

    // "Move" and "Cancel" on the old reminder are refused at the first tap: the call took place
    for (const action of ['resched', 'cancel']) {
      await h.send(h.u.callback(user, `bkm:${action}:${booking.id}`))
      expect(h.fake.lastTextTo(user.id)).toBe(
        'Этот звонок уже состоялся (понедельник, 23 ноября, 15:00–15:30). Понадобится созвониться снова — запишитесь по кнопке ниже.',
      )
      expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain('menu:booking')
    }
    expect(bookingsOf(h, user)[0]?.status).toBe('called')
    expect(h.errors()).toEqual([])
  })

  it('a call cancelled from another message while its move picker is open: a day tapped there says the call is cancelled and offers a new one', async () => {
    const h = createHarness()
    const user = h.u.user(887)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.text(user, '/mybookings'))
    const mine = h.fake.messageWithButton(user.id, `bkm:cancel:${booking.id}`)
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой день перенести?')
    const picker = h.fake.messageWithButton(user.id, 'bkd:2026-11-24')

    // «Отменить» under /mybookings, and «Да, отменить»
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`, { messageId: mine }))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонок отменён (понедельник, 23 ноября, 15:00–15:30)')
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')

    // A day on the move picker above: no silent new booking, the client learns why
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.callback(user, 'bkd:2026-11-24', { messageId: picker }))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Этот звонок (понедельник, 23 ноября, 15:00–15:30) уже отменён — переносить нечего. Записаться на новый звонок можно кнопкой ниже.',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:booking', 'menu:main', 'menu:manager'])
    const after = h.fake.textsTo(user.id).slice(before)
    expect(after.some((t) => t.includes('Когда вам удобно поговорить?'))).toBe(false)
    await h.send(h.u.callback(user, 'menu:booking'))
    expect(h.fake.lastTextTo(user.id)).toContain('Когда вам удобно поговорить? Выберите день 👇')
    expect(h.errors()).toEqual([])
  })

  it('something after a slash that is no command keeps the booking where it was; a command leaves it', async () => {
    const h = createHarness()
    const user = h.u.user(891)
    await h.send(
      h.u.text(user, '/book'),
      h.u.callback(user, `bkd:${MONDAY}`),
      h.u.callback(user, slotData('2026-11-23T12:00Z')),
    )
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    await h.send(h.u.text(user, '/не знаю номер'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Такой команды нет — продолжим с того же места\. Выйти — \/cancel\.\n\nНа какой номер позвонить\?/,
    )
    await h.send(h.u.text(user, '+7 916 123-45-67'))
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('понедельник, 23 ноября, 15:00–15:30')
    // One of the bot's commands is that command
    await h.send(h.u.text(user, '/menu'))
    expect(h.fake.lastTextTo(user.id)).toContain('Чем займёмся?')
  })

  it('a move picker left when /mybookings ended the flow, pressed after the call was cancelled there: the call is said to be gone', async () => {
    // Telegram dates its messages on the same clock as the bot's
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    const user = h.u.user(889)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    const picker = h.fake.messageWithButton(user.id, 'bkd:2026-11-24')
    // /mybookings typed ends the move; the call is cancelled from its answer
    h.clock.advance(60_000)
    await h.send(h.u.text(user, '/mybookings'))
    await h.send(h.u.callback(user, `bkm:cancel:${booking.id}`))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(bookingsOf(h, user)[0]?.status).toBe('cancelled')
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, 'bkd:2026-11-24', { messageId: picker }))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Этот звонок (понедельник, 23 ноября, 15:00–15:30) уже отменён — переносить нечего. Записаться на новый звонок можно кнопкой ниже.',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:booking', 'menu:main', 'menu:manager'])
    // A new booking's picker left before a call booked and cancelled later was no move's: a fresh start
    h.clock.advance(60_000)
    await h.send(h.u.text(user, '/book'))
    const newer = h.fake.messageWithButton(user.id, 'bkd:2026-11-25')
    await h.send(h.u.text(user, '/menu'))
    h.clock.advance(60_000)
    const second = await book(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00Z' })
    await h.send(h.u.callback(user, `bkm:cancel:${second.id}`))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, 'bkd:2026-11-25', { messageId: newer }))
    expect(h.fake.textsTo(user.id).at(-1)).toContain('Когда вам удобно поговорить?')
    // A day picker of a new booking, with no call cancelled since it was shown, is a fresh start
    const other = h.u.user(890)
    await h.send(h.u.text(other, '/book'))
    const fresh = h.fake.messageWithButton(other.id, 'bkd:2026-11-24')
    await h.send(h.u.text(other, '/menu'))
    await h.send(h.u.callback(other, 'bkd:2026-11-24', { messageId: fresh }))
    expect(h.fake.textsTo(other.id).at(-1)).toContain('Когда вам удобно поговорить?')
    expect(h.errors()).toEqual([])
  })

  it('a call whose window passes while the client is moving it: the time they tap next is refused at once', async () => {
    const h = createHarness()
    const user = h.u.user(886)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    h.clock.set('2026-11-23T12:25Z') // 15:25: five minutes of the call's window left
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`), h.u.callback(user, 'bkd:2026-11-24'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain(slotData('2026-11-24T08:00Z'))
    h.clock.set('2026-11-23T12:31Z') // 15:31: the window is over
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.lastTextTo(user.id)).toBe(MOVE_IMPOSSIBLE)
    expect(h.fake.textsTo(user.id).some((t) => t.includes('Переносим звонок?'))).toBe(false)
    expect(bookingsOf(h, user)[0]?.slotStart).toBe(Date.parse('2026-11-23T12:00Z'))
    expect(h.errors()).toEqual([])
  })
})

describe('call me now', () => {
  it('in working hours: an honest window, a booking of kind "now" and an alert to the staff', async () => {
    const h = createHarness()
    const user = h.u.user(891, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер перезвонить?')
    await h.send(h.u.contact(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain(`Принято, Вера! Менеджер перезвонит вам до 12:15 (${ZONE}).`)
    expect(bookingsOf(h, user)).toMatchObject([
      { kind: 'now', slotStart: h.clock.now(), slotEnd: h.clock.now() + 15 * 60_000, status: 'booked' },
    ])
    expect(findClientByTelegramId(h.deps.db, user.id)?.stage).toBe('close')
    await h.deps.scheduler.runDue()
    await h.drain()
    const alert = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
    expect(alert?.payload.text).toContain('Клиент просит перезвонить сейчас. Обещанный срок: 12:15')
    expect(alert?.payload.text).toContain('+7 916 123 45 67')
    expect(alert?.payload.message_thread_id).toBeUndefined()
    expect(alert?.payload.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual([
      '✅ Позвонили',
      '📵 Не дозвонились',
      '🔄 Перенести',
      '✖ Отменить',
    ])
  })

  it('left at its phone question for /start: the number shared later books nothing, and the client is told so', async () => {
    const h = createHarness()
    const user = h.u.user(897, { first_name: 'Олег' })
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'))
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_markup.keyboard[0][0]).toMatchObject({ request_contact: true })
    // He starts over; Telegram keeps the "share my number" keyboard, and he taps it later
    await h.send(h.u.text(user, '/start'), h.u.contact(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо! Номер записан: +7 916 123 45 67. Звонок этим не заказан: если он нужен, нажмите «📞 Заказать звонок» в меню или отправьте /book.',
    )
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_markup).toEqual({ remove_keyboard: true })
    expect(bookingsOf(h, user)).toEqual([])
    // With a call booked, the number simply joins the client's card
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+79161234567'))
    expect(bookingsOf(h, user)).toHaveLength(1)
    await h.send(h.u.contact(user, '+79161234568'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо! Номер записан: +7 916 123 45 68. Менеджер увидит его, если понадобится перезвонить.',
    )
    expect(h.errors()).toEqual([])
  })

  it('near closing the window runs into the next opening, and says so', async () => {
    const h = createHarness()
    h.clock.set('2026-11-23T15:55Z') // 18:55 Moscow, closing at 19:00
    const user = h.u.user(892)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain('Менеджер перезвонит вам до вт, 24 нояб., 10:10')
  })

  it('switched off in the content file: no button, and an old one does nothing', async () => {
    const h = createHarness({ content: contentWith({ booking: { call_now: false } }) })
    const user = h.u.user(896)
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('bk:now')
    await h.send(h.u.callback(user, 'bk:now'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    expect(bookingsOf(h, user)).toEqual([])
  })

  it('My stuff shows a "call me now" request by its deadline', async () => {
    const h = createHarness()
    const user = h.u.user(897)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+79161234567'))
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain(`• Перезвоним вам, крайний срок: 12:15 (${ZONE})`)
  })

  it('outside working hours: not offered; a button left from earlier tells the next opening time and offers to book', async () => {
    const h = createHarness()
    h.clock.set('2026-11-22T09:00Z') // Sunday noon in Moscow: closed
    const user = h.u.user(893)
    await h.send(h.u.text(user, '/book'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('bk:now')
    await h.send(h.u.callback(user, 'bk:now'))
    const text = h.fake.lastTextTo(user.id)
    expect(text).toContain(`Сейчас мы не на связи. Начинаем работу: пн, 23 нояб., 10:00 (${ZONE})`)
    expect(text).toContain('Выберите день')
    expect(h.fake.lastButtonsTo(user.id)[0]?.data).toBe('bkd:2026-11-23')
    // …and the picker under it no longer offers it
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('bk:now')
    expect(bookingsOf(h, user)).toEqual([])
  })

  it('switched off while the client types the phone: nothing requested, the days to pick a time', async () => {
    const h = createHarness()
    const user = h.u.user(898)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'))
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    expect(h.deps.content.replace(demo.replace('call_now: true', 'call_now: false'), 'file').ok).toBe(true)
    await h.send(h.u.text(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонок «прямо сейчас» больше недоступен. Номер сохранили')
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('bk:now')
    expect(bookingsOf(h, user)).toEqual([])
  })

  it('the window changed while the client types the phone: the promise says the window the request got', async () => {
    const h = createHarness()
    const user = h.u.user(899, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'))
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const edited = demo.replace('call_now_within_minutes: 15', 'call_now_within_minutes: 30')
    expect(h.deps.content.replace(edited, 'file').ok).toBe(true)
    await h.send(h.u.text(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain(`Принято, Вера! Менеджер перезвонит вам до 12:30 (${ZONE}).`)
  })

  it('closing while the client types the phone: nothing booked, the next opening and the days', async () => {
    const h = createHarness()
    h.clock.set('2026-11-23T15:59Z')
    const user = h.u.user(894)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'))
    h.clock.set('2026-11-23T16:01Z') // 19:01: closed
    await h.send(h.u.text(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain('Начинаем работу: вт, 24 нояб., 10:00')
    expect(bookingsOf(h, user)).toEqual([])
  })
})

describe('My stuff', () => {
  it('lists upcoming calls, open orders with their payment state, and the latest finished ones', async () => {
    const h = createHarness()
    const user = h.u.user(895)
    await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    const clientId = findClientByTelegramId(h.deps.db, user.id)!.id
    const now = h.clock.now()
    const insert = (values: Record<string, unknown>) =>
      h.deps.sqlite
        .prepare(
          `insert into orders (client_id, amount, currency, description, due_date, status, created_at, client_reported_paid_at, paid_at, done_at)
           values (@clientId, @amount, 'RUB', @description, @dueDate, @status, @createdAt, @reported, @paidAt, @doneAt)`,
        )
        .run({ clientId, dueDate: null, reported: null, paidAt: null, doneAt: null, createdAt: now, ...values })
    insert({ amount: 1_125_000, description: 'Предоплата за лендинг', dueDate: '2026-11-26', status: 'unpaid' })
    insert({ amount: 500_000, description: 'Логотип', dueDate: '2026-11-22', status: 'unpaid' })
    insert({ amount: 300_000, description: null, status: 'unpaid', reported: now })
    insert({ amount: 2_700_000, description: 'Дизайн', status: 'paid', paidAt: now })
    insert({ amount: 100_000, description: 'Старый заказ', status: 'paid', paidAt: now, doneAt: now })
    insert({ amount: 100_000, description: 'Отменённый', status: 'cancelled' })

    await h.send(h.u.callback(user, 'menu:mine'))
    const text = h.fake.lastTextTo(user.id)
    expect(text).toContain('• понедельник, 23 ноября, 15:00–15:30')
    expect(text).toMatch(/Предоплата за лендинг: 11\s250\s₽ — ждёт оплаты до 26 ноября/)
    expect(text).toMatch(/Логотип: 5\s000\s₽ — срок оплаты \(22 ноября\) прошёл/)
    expect(text).toMatch(/Заказ №3: 3\s000\s₽ — вы сообщили об оплате, мы проверяем/)
    expect(text).toMatch(/Дизайн: 27\s000\s₽ — оплачен, работа идёт/)
    expect(text).not.toContain('Отменённый')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toContain('🔄 Перенести звонок (23 нояб., 15:00)')

    // Months later, with the work done and one paid order refunded: what they had, the latest first
    const later = Date.parse('2027-05-17T09:00:00Z')
    h.deps.sqlite.prepare("update orders set done_at = ? where description = 'Дизайн'").run(later - 86_400_000)
    insert({ amount: 200_000, description: 'Хостинг', status: 'refunded', paidAt: now })
    h.deps.sqlite.prepare("update orders set refunded_at = ? where description = 'Хостинг'").run(later)
    h.clock.set(later)
    await h.send(h.u.text(user, '/mybookings'))
    const after = h.fake.lastTextTo(user.id)
    expect(after).toContain('Прошлые заказы:')
    expect(after.slice(after.indexOf('Прошлые заказы:'))).toMatch(
      /Хостинг: 2\s000\s₽ — деньги возвращены 17 мая\n• Дизайн: 27\s000\s₽ — выполнен 16 мая\n• Старый заказ: 1\s000\s₽ — выполнен 23 ноября 2026 г\./,
    )
    expect(after).not.toContain('Отменённый')
  })

  it('names an order by its number as the invoice does, never grouped as an amount is', async () => {
    const h = createHarness()
    const user = h.u.user(896, { language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    const clientId = findClientByTelegramId(h.deps.db, user.id)!.id
    h.deps.sqlite
      .prepare(
        `insert into orders (id, client_id, amount, currency, status, created_at) values (1234, ?, 4500000, 'RUB', 'unpaid', ?)`,
      )
      .run(clientId, h.clock.now())
    await h.send(h.u.text(user, '/mybookings'))
    // "Order #1,234" in English, "Заказ №1 234" in Russian before
    expect(h.fake.lastTextTo(user.id)).toMatch(/• Order #1234: ₽45,000 — awaiting payment/)
  })
})

describe('a booking and what follows it are stored together', () => {
  /** The database refuses one kind of row, as a full disk would, after the booking's own row went in. */
  function refuse(h: Harness, table: 'jobs' | 'events', kind: string): () => void {
    const column = table === 'jobs' ? 'kind' : 'type'
    h.deps.sqlite.exec(
      `CREATE TEMP TRIGGER refuse_once BEFORE INSERT ON main.${table} WHEN new.${column} = '${kind}' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    )
    return () => h.deps.sqlite.exec('DROP TRIGGER temp.refuse_once')
  }

  it('a call whose reminders cannot be stored is not left booked without them; the next try books it', async () => {
    const h = createHarness()
    const user = h.u.user(891)
    const allow = refuse(h, 'jobs', BOOKING_JOBS.staffReminder.kind)
    await reachConfirm(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id)).toContain('Ой, что-то пошло не так')
    expect(bookingsOf(h, user)).toEqual([])
    expect(allJobs(h).filter((j) => j.kind.startsWith('booking_'))).toEqual([])
    expect(h.deps.services.booking.checkSlot(Date.parse('2026-11-23T12:00Z')).status).toBe('free')

    allow()
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    expect(booking.status).toBe('booked')
    expect(jobsOfKind(h, BOOKING_JOBS.staffReminder.kind).map((j) => j.status)).toEqual(['pending'])
  })

  it('a move that cannot be recorded leaves the call and its reminders at the old time', async () => {
    const h = createHarness()
    const user = h.u.user(892)
    const booking = await book(h, user, { day: MONDAY, slot: '2026-11-23T12:00Z' })
    const remindersBefore = allJobs(h).filter((j) => j.kind.startsWith('booking_') && j.status === 'pending')
    refuse(h, 'events', 'booking_moved')
    await h.send(h.u.callback(user, `bkm:resched:${booking.id}`))
    await h.send(h.u.callback(user, 'bkd:2026-11-24'), h.u.callback(user, slotData('2026-11-24T08:00Z')))
    expect(h.fake.lastTextTo(user.id)).toContain('Станет: вторник, 24 ноября, 11:00–11:30')
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(h.fake.lastTextTo(user.id)).toContain('Ой, что-то пошло не так')
    expect(bookingsOf(h, user)[0]?.slotStart).toBe(Date.parse('2026-11-23T12:00Z'))
    expect(allJobs(h).filter((j) => j.kind.startsWith('booking_') && j.status === 'pending')).toEqual(remindersBefore)
  })
})
