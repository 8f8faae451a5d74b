/**
 * One route to the staff group: every message the group gets comes from a
 * delivered outbox row (counted in the group's one rate window), and what staff
 * send a client goes through that client's lane.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createHandoffDelivery } from '../../src/bot/handoff/deliverer.ts'
import { book } from '../helpers/booking.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { clientInHandoff, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const DAY = 86_400_000
const MANAGER_ID = 5_300_001

/** Calls that put a message into a chat, as Telegram counts them (service messages too). */
const PUTS_A_MESSAGE = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendMediaGroup',
  'sendVoice',
  'sendVideo',
  'sendAudio',
  'sendSticker',
  'sendLocation',
  'sendContact',
  'copyMessage',
  'copyMessages',
  'forwardMessage',
  'createForumTopic',
  'editForumTopic',
  'closeForumTopic',
  'reopenForumTopic',
  'pinChatMessage',
])

/**
 * Wraps the outbox's deliverer to note which calls each delivered row made; returns
 * the group messages no row accounts for.
 */
function watchGroup(h: Harness): { unaccounted: () => ApiCall[]; accounted: () => ApiCall[] } {
  const byRow = new Set<number>()
  const inner = createHandoffDelivery(h.deps, h.bot.apis.outbox, () => h.bot.botInfo.id)
  h.deps.services.outbox.attach({
    ...inner,
    async deliver(row) {
      const from = h.fake.calls.length
      const result = await inner.deliver(row)
      for (let i = from; i < h.fake.calls.length; i++) byRow.add(i)
      return result
    },
  })
  const groupMessages = () =>
    h.fake.calls
      .map((call, index) => ({ call, index }))
      .filter(
        ({ call }) => call.ok && PUTS_A_MESSAGE.has(call.method) && Number(call.payload.chat_id) === STAFF_GROUP_ID,
      )
  return {
    unaccounted: () =>
      groupMessages()
        .filter(({ index }) => !byRow.has(index))
        .map(({ call }) => call),
    accounted: () =>
      groupMessages()
        .filter(({ index }) => byRow.has(index))
        .map(({ call }) => call),
  }
}

describe('one route to the staff group', () => {
  it('every message the group gets, from every feature and job, is an outbox row', async () => {
    const h = createHarness()
    const group = watchGroup(h)
    const step = async (...updates: Parameters<Harness['send']>) => {
      await h.send(...updates)
      await h.flush()
    }
    const jobs = async (advanceMs: number) => {
      h.clock.advance(advanceMs)
      await h.deps.scheduler.runDue()
      await h.flush()
    }
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const owner = h.u.user(OWNER_ID)

    // A handoff: the topic, card, pin, transcript; relays both ways
    const { user, topicId } = await clientInHandoff(h, 7001, 'Анна')
    await step(h.u.text(user, 'Нужен лендинг'), h.u.photo(user, { caption: 'пример' }))
    await step(h.u.staffText(manager, topicId, 'Здравствуйте! Посмотрю.'))
    // Staff commands and their answers in the topic
    for (const command of ['/note позвонить в пятницу', '/tag vip', '/card', '/assign', '/followups', '/teleport']) {
      await step(h.u.staffText(manager, topicId, command))
    }
    await step(h.u.staffText(manager, topicId, '/invoice 45000 landing'))
    await step(h.u.callback(user, 'pay:claim:1')) // the topic is asked to confirm, with buttons
    await step(h.u.callback(manager, 'pay:ok:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await step(h.u.staffText(manager, topicId, '/done'))
    await step(h.u.staffText(manager, topicId, '/offer'))
    await step(h.u.staffText(h.u.user(7099), topicId, '/invoice 1')) // not staff: refused
    await step(h.u.text(manager, '/today', { chatId: STAFF_GROUP_ID }))
    await step(h.u.text(manager, '/start', { chatId: STAFF_GROUP_ID })) // a client command: a hint
    await step(h.u.text(owner, '/followups', { chatId: STAFF_GROUP_ID }))

    // A booking: notices and the reminder at the time of the call come from jobs
    const boris = h.u.user(7002, { first_name: 'Борис' })
    await book(h, boris, { day: '2026-11-23', slot: '2026-11-23T12:00Z' })
    await h.flush()
    await jobs(0)
    await jobs(3 * 3_600_000)
    // A low check-in rating escalates; an unanswered request alerts at its SLA
    await jobs(3 * DAY)
    const checkin = h.deps.sqlite.prepare("select id from jobs where kind = 'checkin'").get() as { id: number }
    await step(h.u.callback(user, `ci:${checkin.id}:1`))
    const vera = h.u.user(7003, { first_name: 'Вера' })
    await step(h.u.text(vera, '/manager'))
    await jobs(DAY)
    // An erasure is told to the topic
    await step(h.u.text(user, '/forget'))
    await step(h.u.callback(user, 'forget:yes'))

    expect(group.unaccounted()).toEqual([])
    // Not vacuous: the group got all of it, through the outbox
    const texts = group.accounted().map((c) => String(c.payload.text ?? c.payload.caption ?? ''))
    expect(group.accounted().some((c) => c.method === 'copyMessage' && c.payload.from_chat_id === user.id)).toBe(true)
    for (const expected of [
      'Этого клиента уже ведёт',
      'Счёт №1',
      'Клиент сообщает, что оплатил счёт №1',
      'Работа по счёту №1 отмечена выполненной',
      'Звонки на сегодня',
      '/start работает в личном чате с ботом.',
      'только для сотрудников',
      'Новая запись на звонок',
      'Клиент удалил свои данные',
    ]) {
      expect(
        texts.some((t) => t.includes(expected)),
        expected,
      ).toBe(true)
    }
    expect(group.accounted().filter((c) => c.method === 'createForumTopic').length).toBeGreaterThanOrEqual(2)
    expect(h.errors()).toEqual([])
  })

  it('an invoice sent while a manager message is still queued arrives after it', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const { user, topicId } = await clientInHandoff(h, 7011, 'Анна')
    await h.send(h.u.text(user, 'Сколько стоит?'))
    await h.drain()
    // Telegram holds the client's chat for a moment: the manager's answer waits in the outbox
    h.fake.tooManyRequests({ method: 'copyMessage', chatId: user.id }, 3)
    await h.send(h.u.staffText(manager, topicId, 'Лендинг — 45 000 ₽, выставляю счёт'))
    await h.drain()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'))
    await h.flush()
    const toClient = h.fake.sentTo(user.id).slice(-2)
    expect(toClient.map((c) => c.method)).toEqual(['copyMessage', 'sendMessage'])
    expect(toClient[1]?.payload.text).toContain('вот ваш счёт №1')
    // The invoice is in the client's transcript like any message the bot sent them
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const rows = h.deps.sqlite
      .prepare("select text from messages where client_id = ? and direction = 'bot' order by id")
      .all(client.id) as { text: string }[]
    expect(rows.at(-1)?.text).toContain('вот ваш счёт №1')
  })
})

describe('fewer group messages per client, nothing lost', () => {
  it('texts queued together go as one message, in order, each part with its time; a quoted reply and an edit find their part', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7021, 'Анна')
    const texts = ['Первое: нужен сайт', 'Второе: бюджет 50 тысяч', 'Третье: срок — месяц']
    const updates = texts.map((t) => h.u.text(user, t))
    for (const [i, u] of updates.entries()) {
      h.clock.advance(60_000 * i)
      await h.send(u)
    }
    await h.drain()
    const combined = h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(combined?.method).toBe('sendMessage')
    expect(combined?.payload.text).toBe(
      '🕐 12:00\nПервое: нужен сайт\n\n🕐 12:01\nВторое: бюджет 50 тысяч\n\n🕐 12:03\nТретье: срок — месяц',
    )
    // Each time mark in italics
    expect(combined?.payload.entities).toEqual([
      { type: 'italic', offset: 0, length: 8 },
      { type: 'italic', offset: 29, length: 8 },
      { type: 'italic', offset: 63, length: 8 },
    ])
    const combinedId = (combined?.result as { message_id: number } | undefined)?.message_id

    // The manager quotes the second part: the answer reaches the client as a reply to that message
    await h.send(
      h.u.staffText(h.u.user(OWNER_ID), topicId, 'Бюджета хватит', { replyTo: combinedId, quote: 'бюджет 50 тысяч' }),
    )
    // A reply without a quote means the last part
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Срок реальный', { replyTo: combinedId }))
    await h.flush()
    const answers = h.fake.callsOf('copyMessage').filter((c) => c.payload.chat_id === user.id)
    expect(answers.map((c) => c.payload.reply_parameters?.message_id)).toEqual([
      updates[1]?.message?.message_id,
      updates[2]?.message?.message_id,
    ])

    // The client edits the first part: that message in the topic shows the new text in its place
    await h.send(h.u.edited(user, updates[0]?.message?.message_id ?? 0, 'Первое: нужен интернет-магазин'))
    await h.drain()
    const edit = h.fake.callsOf('editMessageText').at(-1)
    expect(edit?.payload.message_id).toBe(combinedId)
    expect(edit?.payload.text).toContain('🕐 12:00 ✏️\nПервое: нужен интернет-магазин\n\n🕐 12:01\nВторое')
  })

  it("texts sent as one message keep the client's links and formatting, an edited part its new ones", async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7024, 'Анна')
    const url = 'https://example.com/portfolio/landing-42'
    // "вот такой сайт" links to the site, as the client's app sent it
    const first = h.u.text(user, 'Хочу вот такой сайт')
    Object.assign(first.message ?? {}, { entities: [{ type: 'text_link', offset: 5, length: 14, url }] })
    await h.send(first, h.u.text(user, 'Сколько будет стоить?'))
    await h.drain()
    const combined = h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(combined?.payload.text).toBe('🕐 12:00\nХочу вот такой сайт\n\n🕐 12:00\nСколько будет стоить?')
    type Entity = { type: string; offset: number; length: number; url?: string }
    const linked = (c: typeof combined) => ((c?.payload.entities ?? []) as Entity[]).find((e) => e.type === 'text_link')
    const link = linked(combined)
    expect(link?.url).toBe(url)
    expect(String(combined?.payload.text).slice(link?.offset, (link?.offset ?? 0) + (link?.length ?? 0))).toBe(
      'вот такой сайт',
    )
    // The client edits that part, the link now on other words: the message shows the new one
    const edited = h.u.edited(user, first.message?.message_id ?? 0, 'Хочу похожий сайт, вот он')
    Object.assign(edited.edited_message ?? {}, { entities: [{ type: 'text_link', offset: 19, length: 6, url }] })
    await h.send(edited)
    await h.drain()
    const edit = h.fake.callsOf('editMessageText').at(-1)
    const moved = linked(edit)
    expect(String(edit?.payload.text).slice(moved?.offset, (moved?.offset ?? 0) + (moved?.length ?? 0))).toBe('вот он')
  })

  it('a photo without a caption and the texts after it: the texts alone in its caption, no empty part first', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7024, 'Анна')
    await h.send(h.u.photo(user), h.u.text(user, 'А так?'))
    await h.drain()
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)?.payload.caption).toBe('🕐 12:00\nА так?')
  })

  it('a photo and the texts queued after it go as one message: the texts in its caption', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 7023, 'Анна')
    const photo = h.u.photo(user, { caption: 'Вот макет' })
    const text = h.u.text(user, 'Нравится цвет шапки?')
    await h.send(photo, text)
    await h.drain()
    const copy = h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(copy).toMatchObject({ method: 'copyMessage', payload: { message_id: photo.message?.message_id } })
    expect(copy?.payload.caption).toBe('🕐 12:00\nВот макет\n\n🕐 12:00\nНравится цвет шапки?')
    expect(relayedToGroup(h, user.id)).toEqual([photo.message?.message_id, text.message?.message_id])
    // An edit of the text shows in that caption
    await h.send(h.u.edited(user, text.message?.message_id ?? 0, 'Нравится цвет кнопок?'))
    await h.drain()
    const edit = h.fake.callsOf('editMessageCaption').at(-1)
    expect(edit?.payload.caption).toContain('Нравится цвет кнопок?')
    expect(edit?.payload.caption).toContain('Вот макет')
  })

  it('more text than fits one message goes as several, nothing lost or repeated', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 7022, 'Анна')
    const sent: number[] = []
    for (let i = 0; i < 6; i++) {
      const u = h.u.text(user, `${i}: ${'много слов '.repeat(100)}`)
      sent.push(u.message?.message_id ?? 0)
      await h.send(u)
    }
    await h.flush()
    const combined = h.fake.sentTo(STAFF_GROUP_ID).filter((c) => String(c.payload.text).startsWith('🕐'))
    expect(combined.length).toBeGreaterThan(1)
    for (const c of combined) expect(String(c.payload.text).length).toBeLessThanOrEqual(4096)
    expect(relayedToGroup(h, user.id)).toEqual(sent)
  })

  it('a new request reaches the staff before more messages of ongoing chats', async () => {
    const h = createHarness()
    // Two clients in ongoing chats keep sending photos (each one a group message)
    const ongoing = [await clientInHandoff(h, 7031, 'Анна'), await clientInHandoff(h, 7032, 'Борис')]
    for (let i = 0; i < 15; i++) {
      for (const { user } of ongoing) await h.send(h.u.photo(user, { caption: `фото ${i}` }))
    }
    await h.drain() // the group's minute is used up
    const queuedBefore = h.deps.sqlite.prepare("select count(*) as n from outbox where status = 'pending'").get() as {
      n: number
    }
    expect(queuedBefore.n).toBeGreaterThan(10)
    // A new client asks for a person and writes
    const vera = h.u.user(7033, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/manager'), h.u.text(vera, 'Срочно нужен звонок'))
    await h.flush()
    const order = h.fake.calls
      .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
      .map((c) =>
        c.method === 'createForumTopic' ? `topic:${c.payload.name}` : `${c.method}:${c.payload.from_chat_id ?? ''}`,
      )
    const veraTopic = order.findIndex((o) => o.startsWith('topic:🟡 Вера'))
    const veraFirst = order.indexOf(`copyMessage:${vera.id}`)
    const lastOngoing = order.findLastIndex((o) => ongoing.some(({ user }) => o === `copyMessage:${user.id}`))
    expect(veraTopic).toBeGreaterThan(0)
    // Her topic (with its card) and her first message came before the ongoing chats' remaining photos
    expect(veraFirst).toBeLessThan(lastOngoing)
    expect(
      order
        .slice(veraTopic, veraFirst + 1)
        .filter((o) => o.startsWith('copyMessage:') && o !== `copyMessage:${vera.id}`),
    ).toEqual([])
    for (const { user } of ongoing) expect(relayedToGroup(h, user.id)).toHaveLength(15)
  })

  it('the answer to a command a manager just typed goes before the new requests queued meanwhile', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
    // A busy morning: thirty clients ask for a person at once, each a topic, a card and its pin
    for (let i = 0; i < 30; i++) {
      const user = h.u.user(7050 + i, { first_name: `Клиент${i}` })
      await h.send(h.u.text(user, '/manager'))
    }
    await h.drain() // the group's minute is used up, the rest queued
    const queued = h.deps.sqlite.prepare("select count(*) as n from outbox where status = 'pending'").get() as {
      n: number
    }
    expect(queued.n).toBeGreaterThan(20)
    const manager = h.u.user(MANAGER_ID, { first_name: 'Света' })
    const from = h.fake.calls.length
    await h.send(h.u.text(manager, '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    const after = h.fake.calls
      .slice(from)
      .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
      .map((c) => (c.method === 'sendMessage' ? String(c.payload.text).split('\n')[0] : c.method))
    // Someone waits for it: the next message the group gets, before the new requests still queued
    // (Pins are service messages Telegram lets through on top: left out)
    const messages = after.filter((o) => o !== 'pinChatMessage')
    // Right after the moment a text waits for more to join it, not after the twenty cards queued
    const answer = messages.findIndex((o) => o?.startsWith('📅 Звонки на сегодня'))
    expect(answer).toBeGreaterThanOrEqual(0)
    expect(answer).toBeLessThan(5)
    expect(messages.length).toBeGreaterThan(20)
  })
})
