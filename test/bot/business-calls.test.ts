/**
 * A call booked in the owner's own chat (Telegram Business): what the client is told there, and
 * what the team and the client get once Telegram's 24 hours there have run out.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { bookingsOf, slotData } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { buttonsOf, FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const there = { businessConnectionId: 'bc-olga' }

/** The bot answers in the owner's chat by itself (always); Telegram's clock is the harness's. */
function setup(autoReply: 'always' | 'outside_hours' = 'always') {
  const clock = createFakeClock()
  const h = createHarness({
    clock,
    fake: new FakeTelegram({ now: () => clock.now() }),
    content: { ...demoContent(), telegram_business: { auto_reply: autoReply } },
  })
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
  const user = h.u.user(403, { first_name: 'Анна' })
  const onBehalf = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
  return { h, owner, user, onBehalf }
}

/**
 * She books a call there on `day` at `slot` (UTC), typing her number, and confirms it: the
 * bot's confirmation there.
 */
async function bookThere(s: ReturnType<typeof setup>, day: string, slot: string): Promise<string> {
  const { h, owner, user, onBehalf } = s
  await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
  await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
  await h.send(h.u.callback(user, 'menu:booking', there))
  await h.send(h.u.callback(user, `bkd:${day}`, there))
  await h.send(h.u.callback(user, slotData(slot), there))
  await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '+7 916 123-45-67'))
  await h.send(h.u.callback(user, 'bk:skip', there))
  const confirmation = (onBehalf().at(-1)?.result as { message_id: number } | undefined)?.message_id
  await h.send(h.u.callback(user, 'bk:ok', { ...there, messageId: confirmation }))
  expect(h.errors()).toEqual([])
  return String(onBehalf().at(-1)?.payload.text)
}

const clientOf = (h: Harness, telegramId: number) => findClientByTelegramId(h.deps.db, telegramId) as ClientRow

describe('a call booked in the owner’s chat', () => {
  it('is confirmed there without /mybookings, which does nothing in that chat', async () => {
    // Tomorrow: the reminder an hour before falls within the day her message opened
    const soon = await bookThere(setup(), '2026-11-24', '2026-11-24T09:00Z')
    expect(soon).toContain('За час до звонка я напомню. Перенести или отменить — кнопками ниже.')
    expect(soon).not.toContain('/mybookings')
    // The day after tomorrow: no reminder promised
    const later = await bookThere(setup(), '2026-11-25', '2026-11-25T12:00Z')
    expect(later).toContain('Перенести или отменить звонок можно кнопками ниже.')
    expect(later).not.toContain('/mybookings')
  })

  it('a move typed right under that confirmation is the call’s move, as under the bot’s chat’s', async () => {
    const s = setup()
    const { h, user, onBehalf } = s
    await bookThere(s, '2026-11-24', '2026-11-24T09:00Z')
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'можно перенести на четверг?'))
    expect(String(onBehalf().at(-1)?.payload.text)).toContain('Четверг, 26 ноября — выберите удобное время')
    expect(h.errors()).toEqual([])
  })

  it('booked by the team with /call for a client of the owner’s chat: the message there names no /mybookings', async () => {
    const s = setup('outside_hours') // Monday 12:00 in Moscow: the team answers there
    const { h, owner, user, onBehalf } = s
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Перезвоните мне завтра в 3, пожалуйста'))
    await h.drain()
    const topicId = clientOf(h, user.id).topicId as number
    await h.send(h.u.staffText(owner, topicId, '/call завтра 3 +7 916 123-45-67'))
    await h.flush()
    expect(bookingsOf(h, user)).toHaveLength(1)
    const told = String(onBehalf().at(-1)?.payload.text)
    expect(told).toContain('Анна, менеджер записал вас на звонок:')
    // (No reminder promised: it would fall past the day her message opened there)
    expect(told).toContain('Перенести или отменить звонок можно кнопками ниже.')
    expect(told).not.toContain('/mybookings')
    expect(h.errors()).toEqual([])
  })
})

/** The staff reminder of her call, once its time comes: its message in the group. */
async function reminderAt(h: Harness, slot: string): Promise<number> {
  h.clock.set(slot)
  await h.deps.scheduler.runDue()
  await h.flush()
  const reminder = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).includes('Пора звонить'))
  const messageId = (reminder?.result as { message_id: number } | undefined)?.message_id
  if (messageId === undefined) throw new Error('no staff reminder')
  return messageId
}

describe('the team’s outcome of a call of a client who writes to the owner’s account', () => {
  it('No answer more than a day after her last message there: the reminder says she was offered nothing, and why, and the topic is not told twice', async () => {
    const s = setup()
    const { h, owner, user, onBehalf } = s
    // Wednesday 15:00: two days after her last message there
    await bookThere(s, '2026-11-25', '2026-11-25T12:00Z')
    const [call] = bookingsOf(h, user)
    const messageId = await reminderAt(h, '2026-11-25T12:00Z')
    const sent = onBehalf().length
    const staffPosts = h.fake.textsTo(STAFF_GROUP_ID).length
    await h.send(
      h.u.callback(owner, `bko:noans:${call?.id}:${Date.parse('2026-11-25T12:00Z') / 60_000}`, {
        chatId: STAFF_GROUP_ID,
        messageId,
        shown: true,
      }),
    )
    await h.flush()
    const note = String(h.fake.callsOf('editMessageText').at(-1)?.payload.text)
    expect(note).toContain('📵 Не дозвонились. Кто отметил: Ольга.')
    expect(note).not.toContain('Клиенту предложено выбрать новое время')
    expect(note).toContain('⚠️ Новое время клиенту не предложено. Клиент писал в аккаунт больше суток назад')
    expect(note).toContain('написать ему может только владелец аккаунта, из своего Telegram')
    // Nothing was queued for her: no second word of it in the group
    expect(onBehalf().length).toBe(sent)
    expect(h.fake.textsTo(STAFF_GROUP_ID).slice(staffPosts).join('\n')).not.toContain('Не отправлено клиенту')
    expect(h.deps.services.booking.get(call?.id ?? 0)?.status).toBe('no_answer')
    expect(h.errors()).toEqual([])
  })

  it('No answer corrected to Called: the message there keeps its button, nothing is edited in either chat, and a press on it says the call took place', async () => {
    const s = setup()
    const { h, owner, user, onBehalf } = s
    // Monday 17:00, the day her message opened there
    await bookThere(s, '2026-11-23', '2026-11-23T14:00Z')
    const [call] = bookingsOf(h, user)
    const messageId = await reminderAt(h, '2026-11-23T14:00Z')
    const pressOn = (data: string) =>
      h.send(h.u.callback(owner, data, { chatId: STAFF_GROUP_ID, messageId, shown: true }))
    await pressOn(`bko:noans:${call?.id}:${Date.parse('2026-11-23T14:00Z') / 60_000}`)
    await h.flush()
    const missed = onBehalf().findLast((c) => String(c.payload.text).includes('но не дозвонились'))
    const missedId = (missed?.result as { message_id: number } | undefined)?.message_id
    expect(missedId).toBeDefined()
    // Written as the owner: the call's own button, no "Написать менеджеру" of the bot's
    expect(buttonsOf(missed?.payload).map((b) => b.data)).toEqual([`bkm:resched:${call?.id}`])
    const edits = h.fake.calls.filter((c) => c.method.startsWith('editMessage')).length
    await pressOn(`bkx:ask:${call?.id}:called`)
    await pressOn(`bkx:yes:${call?.id}:called`)
    await h.flush()
    expect(String(onBehalf().at(-1)?.payload.text)).toContain('ушло по ошибке — звонок состоялся')
    // The bot changes nothing of hers there (as it leaves the call's reminder there), nor in its own chat
    const editedSince = h.fake.calls.filter((c) => c.method.startsWith('editMessage')).slice(edits)
    expect(editedSince.filter((c) => Number(c.payload.chat_id) === user.id)).toEqual([])
    // Pressed there: the call took place, no booking started
    await h.send(h.u.callback(user, `bkm:resched:${call?.id}`, { ...there, messageId: missedId }))
    await h.flush()
    expect(String(onBehalf().at(-1)?.payload.text)).toContain('Этот звонок уже состоялся')
    expect(bookingsOf(h, user).map((b) => b.status)).toEqual(['called'])
    expect(h.errors()).toEqual([])
  })

  it('/call more than a day after her last message there: booked, and the topic says nothing went to her, and why', async () => {
    const s = setup('outside_hours') // Monday 12:00 in Moscow: the team answers there
    const { h, owner, user, onBehalf } = s
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Перезвоните мне, пожалуйста'))
    await h.flush()
    const topicId = clientOf(h, user.id).topicId as number
    h.clock.advance(25 * 3_600_000) // Tuesday 13:00
    const sent = onBehalf().length
    await h.send(h.u.staffText(owner, topicId, '/call завтра 3 +7 916 123-45-67'))
    await h.flush()
    expect(bookingsOf(h, user)).toMatchObject([{ slotStart: Date.parse('2026-11-25T12:00Z'), status: 'booked' }])
    expect(onBehalf().length).toBe(sent)
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).toContain('Звонок записан (ср, 25 нояб., 15:00), но клиенту об этом ничего не отправлено.')
    expect(topic).toContain('Клиент писал в аккаунт больше суток назад')
    expect(topic).not.toContain('Не отправлено клиенту')
    expect(h.errors()).toEqual([])
  })
})

describe('a button of the bot’s in the owner’s chat pressed when the chat is closed to the bot', () => {
  it('🔄 Перенести a day after her last message there: the pop-up says what to do, the team learns what she pressed, nothing fails', async () => {
    const s = setup()
    const { h, user, onBehalf } = s
    await bookThere(s, '2026-11-25', '2026-11-25T12:00Z')
    const [call] = bookingsOf(h, user)
    await h.flush()
    h.clock.advance(25 * 3_600_000) // Tuesday 13:00: her number was typed on Monday at 12:00
    const sent = onBehalf().length
    const answers = h.fake.callsOf('answerCallbackQuery').length
    const staff = h.fake.textsTo(STAFF_GROUP_ID).length
    await h.send(h.u.callback(user, `bkm:resched:${call?.id}`, { ...there, shown: true }))
    await h.flush()
    // One answer to the press: the pop-up, not an empty one (and no apology that cannot go either)
    const popups = h.fake.callsOf('answerCallbackQuery').slice(answers)
    expect(popups.map((c) => c.payload)).toEqual([
      {
        callback_query_id: expect.any(String),
        text: 'Не могу ответить здесь: Telegram даёт мне писать в этот чат только сутки после вашего сообщения. Напишите сюда что-нибудь и нажмите «🔄 Перенести» снова. Менеджер уже в курсе.',
        show_alert: true,
      },
    ])
    expect(
      onBehalf()
        .slice(sent)
        .filter((c) => c.ok),
    ).toEqual([])
    // The team reads what she pressed, under what, why the bot could not answer, and who can
    const told = h.fake.textsTo(STAFF_GROUP_ID).slice(staff).join('\n')
    expect(told).toContain('🔘 Клиент нажал «🔄 Перенести» под сообщением «Готово, Анна! 🙌 Звонок назначен:')
    expect(told).toContain('в чате с аккаунтом Ольга (@olga), но ответ бота туда не дошёл.')
    expect(told).toContain('Клиент писал в аккаунт больше суток назад')
    expect(h.errors()).toEqual([])
    expect(h.logs.filter((l) => l.msg === 'update failed')).toEqual([])

    // She writes, and presses it again: the move goes on there
    h.clock.advance(60_000)
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Хорошо, пишу'))
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, `bkm:resched:${call?.id}`, there))
    expect(String(onBehalf().at(-1)?.payload.text)).toContain('На какой день перенести?')
    expect(h.errors()).toEqual([])
  })

  it('a press whose answer the chat takes after all is answered as it was: the empty answer held back goes once it is done', async () => {
    const s = setup()
    const { h, user, onBehalf } = s
    await bookThere(s, '2026-11-25', '2026-11-25T12:00Z')
    h.clock.advance(25 * 3_600_000)
    const [call] = bookingsOf(h, user)
    // Telegram takes the bot's message there all the same (its clock a little behind ours, say)
    h.fake.on('sendMessage', (payload) =>
      payload.business_connection_id === 'bc-olga'
        ? { message_id: 9_001, date: 0, chat: { id: user.id, type: 'private', first_name: 'Анна' }, text: 'ok' }
        : undefined,
    )
    const answers = h.fake.callsOf('answerCallbackQuery').length
    await h.send(h.u.callback(user, `bkm:resched:${call?.id}`, there))
    expect(String(onBehalf().at(-1)?.payload.text)).toContain('На какой день перенести?')
    const answered = h.fake.callsOf('answerCallbackQuery').slice(answers)
    expect(answered.map((c) => c.payload.text)).toEqual([undefined])
    // …after the day picker went, not before it
    expect(h.fake.calls.indexOf(answered[0] as never)).toBeGreaterThan(h.fake.calls.indexOf(onBehalf().at(-1) as never))
    expect(h.errors()).toEqual([])
  })

  it('a press answered in a pop-up of its own (“this booking is gone”) is answered so, as before', async () => {
    const s = setup()
    const { h, user } = s
    await bookThere(s, '2026-11-25', '2026-11-25T12:00Z')
    h.clock.advance(25 * 3_600_000)
    const [call] = bookingsOf(h, user)
    // A call that is not hers (gone): refused in a pop-up of its own, which goes as it is
    const answers = h.fake.callsOf('answerCallbackQuery').length
    await h.send(h.u.callback(user, `bkm:resched:${(call?.id ?? 0) + 1}`, there))
    expect(
      h.fake
        .callsOf('answerCallbackQuery')
        .slice(answers)
        .map((c) => c.payload.text),
    ).toEqual(['Этой записи больше нет.'])
    expect(h.errors()).toEqual([])
  })
})
