import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { book, startedClient } from '../helpers/booking.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

// The fake clock starts on Monday 23 November 2026, 09:00 UTC: 12:00 in Moscow (the demo's zone)
const THURSDAY = '2026-11-26'
/** Her call on Thursday at 10:00 in Moscow, as "My stuff" lists it. */
const THURSDAY_CALL = '• четверг, 26 ноября, 10:00–10:30 (Москва, UTC+3)'

/** Whether the client has a request open. */
const requestOpen = (h: Harness, user: TestUser) =>
  h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, user.id)?.id ?? 0)

describe('the client asking about their call in words', () => {
  it('is told its time as /mybookings lists it, with Move and Cancel, by day and at night, no manager called in', async () => {
    const h = createHarness()
    const user = await startedClient(h, 9501)
    await book(h, user, { day: THURSDAY, slot: '2026-11-26T07:00Z' })
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain(`Звонки:\n${THURSDAY_CALL}\n\nЗаказы:`)
    await h.drain()
    const group = h.fake.textsTo(STAFF_GROUP_ID).length
    const answer = `Ваш звонок:\n${THURSDAY_CALL}\nПеренести или отменить — кнопками ниже 👇`
    for (const text of [
      'доброе утро я что то забыла вы мне когда звоните сегодня или в четверг',
      'когда мой звонок?',
      'мои звонки',
      'Во сколько вы позвоните?',
    ]) {
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, text))
      expect(h.fake.textsTo(user.id).slice(before), text).toEqual([answer])
      expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toEqual(['🔄 Перенести', '✖ Отменить', '← В меню'])
    }
    // After hours it was "we are closed" and a manager in the morning
    h.clock.set('2026-11-23T19:30:00Z')
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'когда мой звонок?'))
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([answer])
    await h.drain()
    expect(requestOpen(h, user)).toBe(false)
    expect(h.fake.textsTo(STAFF_GROUP_ID).length).toBe(group)
    // Its Move is the call's
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой день перенести?')
    expect(h.errors()).toEqual([])
  })

  it('right under the booked call’s word, and in English', async () => {
    const h = createHarness()
    const user = await startedClient(h, 9502)
    await book(h, user, { day: THURSDAY, slot: '2026-11-26T07:00Z' })
    // The days she names are a question, not a move to them
    await h.send(h.u.text(user, 'вы мне когда звоните сегодня или в четверг'))
    expect(h.fake.lastTextTo(user.id)).toBe(`Ваш звонок:\n${THURSDAY_CALL}\nПеренести или отменить — кнопками ниже 👇`)
    const ann = await startedClient(h, 9503, 'en')
    await book(h, ann, { day: THURSDAY, slot: '2026-11-26T07:30Z' })
    await h.send(h.u.text(ann, 'when is my call?'))
    expect(h.fake.lastTextTo(ann.id)).toMatch(
      /^Your call:\n• Thursday 26 November, 10:30–11:00 \(Moscow Time, UTC\+3\)\nTo move or cancel it, use the buttons below 👇$/,
    )
    expect(h.errors()).toEqual([])
  })

  it('with no call booked, says so and offers one; a question with more in it still goes to the manager', async () => {
    const h = createHarness()
    const user = await startedClient(h, 9504)
    await h.send(h.u.text(user, 'когда мой звонок?'))
    expect(h.fake.lastTextTo(user.id)).toBe('Запланированных звонков у вас нет. Записаться на звонок — кнопкой ниже.')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain('menu:booking')
    expect(requestOpen(h, user)).toBe(false)
    // With a call, and a question beside it: the call's time, and the question to a manager
    await book(h, user, { day: THURSDAY, slot: '2026-11-26T07:00Z' })
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'Когда мой звонок? И сколько стоит лендинг под ключ'))
    const said = h.fake.textsTo(user.id).slice(before)
    expect(said[0]).toBe(`Ваш звонок:\n${THURSDAY_CALL}\nПеренести или отменить — кнопками ниже 👇`)
    expect(said.at(-1)).toMatch(/передаю вас менеджеру/)
    expect(requestOpen(h, user)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('a call of their own making, or a call asked for "when you can", is no question about theirs', async () => {
    const h = createHarness()
    const user = await startedClient(h, 9505)
    await book(h, user, { day: THURSDAY, slot: '2026-11-26T07:00Z' })
    for (const text of ['когда можно позвонить?', 'Позвоните мне, когда сможете', 'почему вы мне не позвонили?']) {
      await h.send(h.u.text(user, text))
      expect(h.fake.lastTextTo(user.id), text).not.toMatch(/^Ваш звонок/)
    }
    expect(h.errors()).toEqual([])
  })

  it('while a manager reads the chat, the question reaches the topic too, answered by the bot', async () => {
    const h = createHarness()
    const user = await startedClient(h, 9506)
    await book(h, user, { day: THURSDAY, slot: '2026-11-26T07:00Z' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    await h.send(h.u.text(user, 'когда мой звонок?'))
    expect(h.fake.lastTextTo(user.id)).toBe(`Ваш звонок:\n${THURSDAY_CALL}\nПеренести или отменить — кнопками ниже 👇`)
    await h.drain()
    const asked = h.fake.sentTo(user.id).length
    expect(relayedToGroup(h, user.id).length).toBeGreaterThan(0)
    expect(h.fake.textsTo(STAFF_GROUP_ID).some((text) => text.includes('когда мой звонок?'))).toBe(true)
    expect(h.fake.sentTo(user.id).length).toBe(asked)
    expect(h.errors()).toEqual([])
  })
})

describe('a call nobody marked', () => {
  /** A client whose Thursday call passed a week ago with no ✅ or 📵 pressed. */
  async function callUnmarked(h: Harness, id: number): Promise<TestUser> {
    const user = await startedClient(h, id, 'ru')
    await book(h, user, { day: THURSDAY, slot: '2026-11-26T07:00Z' })
    h.clock.set('2026-12-03T09:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    return user
  }
  const PAST_CALL =
    '• четверг, 26 ноября, 10:00–10:30 (Москва, UTC+3) — время прошло, а у нас нет отметки, что звонок состоялся. Менеджер проверит.'
  const ASKED =
    '❓ Клиент спрашивает о звонке четверг, 26 ноября, 10:00–10:30 (Москва, UTC+3), а никто не отметил, как он прошёл.'

  it('/mybookings shows it honestly, not "no calls", and the team is asked once, with the outcome buttons', async () => {
    const h = createHarness()
    const user = await callUnmarked(h, 9511)
    const group = h.fake.sentTo(STAFF_GROUP_ID).length
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain(`Звонки:\n${PAST_CALL}\nЗапланированных звонков нет.\n\nЗаказы:`)
    await h.drain()
    const posted = h.fake.sentTo(STAFF_GROUP_ID).slice(group)
    const asked = posted.filter((call) => String(call.payload.text).includes(ASKED))
    expect(asked).toHaveLength(1)
    expect(buttonsOf(asked[0]?.payload).map((b) => b.text)).toEqual(
      expect.arrayContaining(['✅ Позвонили', '📵 Не дозвонились']),
    )
    // Asked again, the team is not asked again
    await h.send(h.u.text(user, '/mybookings'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((text) => text.includes(ASKED))).toHaveLength(1)
    // «ВЫ МНЕ ЗВОНИЛИ ИЛИ НЕТ»: the same answer, and a request for a manager to answer it
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'ВЫ МНЕ ЗВОНИЛИ ИЛИ НЕТ'))
    const said = h.fake.textsTo(user.id).slice(before)
    expect(said[0]).toBe(`Ваш звонок:\n${PAST_CALL}\nНовых звонков не запланировано.`)
    expect(said.at(-1)).toMatch(/передаю вас менеджеру/)
    expect(requestOpen(h, user)).toBe(true)
    // Marked "no answer" from that post: she hears so, and the call is no longer unknown
    const noAnswer = buttonsOf(asked[0]?.payload).find((b) => b.text === '📵 Не дозвонились')
    const messageId = (asked[0]?.result as { message_id: number } | undefined)?.message_id
    await h.send(h.u.callback(h.u.user(OWNER_ID), noAnswer?.data ?? '', { chatId: STAFF_GROUP_ID, messageId }))
    await h.drain()
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Анна, мы звонили вам \(четверг, 26 ноября, 10:00–10:30, Москва, UTC\+3\), но не дозвонились/,
    )
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонки:\nЗапланированных звонков нет.\n\nЗаказы:')
    expect(h.errors()).toEqual([])
  })

  it('asked in words first: the answer, the team asked with its buttons, and a request open', async () => {
    const h = createHarness()
    const user = await callUnmarked(h, 9512)
    await h.send(h.u.text(user, 'вы мне звонили?'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe(`Ваш звонок:\n${PAST_CALL}\nНовых звонков не запланировано.`)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID).some((text) => text.includes(ASKED))).toBe(true)
    expect(requestOpen(h, user)).toBe(true)
    // Two weeks on, it is an old call: no calls, as before
    h.clock.set('2026-12-11T09:00:00Z')
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain('Звонки:\nЗапланированных звонков нет.')
    expect(h.errors()).toEqual([])
  })
})
