/**
 * What /forget used to leave behind: the topic and card a client left in their old staff
 * group after an owner's /move (and, erased before the new card was posted, a rename and an
 * edit of another client's topic and card in the new group, under the same ids); a card that
 * /card replaced more than a week before; a birthday greeting whose key and time show the
 * birthday; a business account the person connected, and the owners' notice naming them;
 * what an owner typed about the client and was answered in their own chat with the bot, kept
 * as the owner's transcript; everyone's /followups an owner read in that chat; a reminder on
 * its way as they erased their data, which a 429 put back on the schedule, or which was still
 * waiting for room in the chat and went out as composed before.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { businessConnections, type JobRow, jobs, messages } from '../../db/schema.ts'
import { downloadTelegramFile } from '../../src/bot/files.ts'
import type { Content } from '../../src/content/schema.ts'
import { keepLast } from '../../src/text.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { deletedMessageIds } from '../helpers/desk.ts'
import { type ApiCall, FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, demoContent, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'
import type { TestUser } from '../helpers/updates.ts'

const SECOND = -1009876543210
const ERASED_TOPIC = '🗑 Данные клиента удалены'
const ERASED_CARD = '🗑 Клиент удалил свои данные (/forget)'

async function forget(h: Harness, user: TestUser): Promise<void> {
  await forgetData(h, user)
  await h.flush(60 * 60_000)
}

/** What the staff of a group see: a topic's name, a message's text (unless deleted). */
const topicName = (h: Harness, chatId: number, threadId: number) =>
  h.fake.emulator.chat(chatId).topics.get(threadId)?.name
function shown(h: Harness, chatId: number, messageId: number): string | undefined {
  const stored = h.fake.emulator.chat(chatId).messages.get(messageId)
  return stored && !stored.deleted ? (stored.message.text ?? stored.message.caption) : undefined
}
/** The card the bot posted into this topic of the group (the first message it sent there). */
function cardIn(h: Harness, chatId: number, threadId: number): number {
  const call = h.fake
    .sentTo(chatId, threadId)
    .find((c) => c.ok && c.method === 'sendMessage' && String(c.payload.text).includes('Запрос открыт'))
  const id = (call?.result as { message_id?: number } | undefined)?.message_id
  if (id === undefined) throw new Error(`no card in topic ${threadId} of ${chatId}`)
  return id
}

describe('/forget after an owner moved the client to another staff group', () => {
  /**
   * Two groups; Boris (English: the content sends him to the second) and Anna (the first)
   * each open a request: as the first topic of their group, their topics and cards have the
   * same ids. Then an owner moves Anna to the second group.
   */
  async function movedClient() {
    const demo = demoContent()
    const content: Content = { ...demo, handoff: { ...demo.handoff, groups: [{ group: SECOND, languages: ['en'] }] } }
    const h = createHarness({ config: { STAFF_GROUP_IDS: `${STAFF_GROUP_ID},${SECOND}` }, content })
    const boris = h.u.user(7_318_500_001, { first_name: 'Boris', language_code: 'en' })
    const anna = h.u.user(7_318_500_002, { first_name: 'Анна', last_name: 'Переездова' })
    await h.send(h.u.text(boris, '/start'), h.u.text(boris, '/manager'))
    await h.flush(60 * 60_000)
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, '/manager'))
    await h.flush(60 * 60_000)
    const borisTopic = findClientByTelegramId(h.deps.db, boris.id)?.topicId as number
    const annaTopic = findClientByTelegramId(h.deps.db, anna.id)?.topicId as number
    const borisCard = cardIn(h, SECOND, borisTopic)
    const annaCard = cardIn(h, STAFF_GROUP_ID, annaTopic)
    // The same ids in the two groups: applied in the wrong group, Anna's would hit Boris's
    expect([annaTopic, annaCard]).toEqual([borisTopic, borisCard])
    expect(topicName(h, STAFF_GROUP_ID, annaTopic)).toContain('Анна Переездова')
    expect(shown(h, STAFF_GROUP_ID, annaCard)).toContain('Анна')

    await h.send(h.u.staffText(h.u.user(OWNER_ID), annaTopic, '/move 2'))
    expect(findClientByTelegramId(h.deps.db, anna.id)?.staffGroupId).toBe(SECOND)
    return { h, anna, annaTopic, annaCard, borisTopic, borisCard }
  }

  /** Boris's topic and card in the second group are as they were. */
  function borisUntouched(h: Harness, topic: number, card: number): void {
    expect(topicName(h, SECOND, topic)).toContain('Boris')
    expect(h.fake.emulator.chat(SECOND).topics.get(topic)?.deleted).toBe(false)
    expect(shown(h, SECOND, card)).toContain('Boris')
    const renamed = h.fake.calls
      .filter((c) => c.method === 'editForumTopic' || c.method === 'deleteForumTopic')
      .filter((c) => Number(c.payload.chat_id) === SECOND && Number(c.payload.message_thread_id) === topic)
    expect(renamed).toEqual([])
    const edited = h.fake
      .callsOf('editMessageText')
      .filter((c) => Number(c.payload.chat_id) === SECOND && Number(c.payload.message_id) === card)
    expect(edited.filter((c) => String(c.payload.text).includes('🗑'))).toEqual([])
  }

  it('erased before the new card is posted: the old topic goes, with its card, in the old group only', async () => {
    const { h, anna, annaTopic, annaCard, borisTopic, borisCard } = await movedClient()
    await forget(h, anna) // the move's card for the second group is still queued

    expect(h.fake.emulator.chat(STAFF_GROUP_ID).topics.get(annaTopic)?.deleted).toBe(true)
    expect(shown(h, STAFF_GROUP_ID, annaCard)).toBeUndefined()
    borisUntouched(h, borisTopic, borisCard)
    expect(h.errors()).toEqual([])
  })

  it('erased in the new group: both topics go, with their cards, each in its own group', async () => {
    const { h, anna, annaTopic, annaCard, borisTopic, borisCard } = await movedClient()
    await h.flush(60 * 60_000) // the new topic in the second group, with a new card
    const newTopic = findClientByTelegramId(h.deps.db, anna.id)?.topicId as number
    expect(newTopic).not.toBe(borisTopic)
    const newCard = cardIn(h, SECOND, newTopic)
    expect(topicName(h, SECOND, newTopic)).toContain('Анна Переездова')

    await forget(h, anna)
    expect(h.fake.emulator.chat(STAFF_GROUP_ID).topics.get(annaTopic)?.deleted).toBe(true)
    expect(shown(h, STAFF_GROUP_ID, annaCard)).toBeUndefined()
    expect(h.fake.emulator.chat(SECOND).topics.get(newTopic)?.deleted).toBe(true)
    expect(shown(h, SECOND, newCard)).toBeUndefined()
    borisUntouched(h, borisTopic, borisCard)
    // Nothing in either group still bears her name
    for (const chat of [STAFF_GROUP_ID, SECOND]) {
      const topics = [...h.fake.emulator.chat(chat).topics.values()]
      const names = topics
        .filter((t) => !t.deleted)
        .map((t) => t.name)
        .join('\n')
      expect(names).not.toContain('Переездова')
    }
    expect(h.errors()).toEqual([])
  })
})

describe('/forget and a card posted again with /card', () => {
  it('clears the earlier card too, however long ago it was replaced', async () => {
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    const user = h.u.user(7_410_000_301, { first_name: 'Евлампия', last_name: 'Кузякина', username: 'evlampia_k42' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const first = cardIn(h, STAFF_GROUP_ID, topicId)
    expect(shown(h, STAFF_GROUP_ID, first)).toContain('@evlampia_k42')
    // Without the right to delete messages the topic stays, its cards edited (with it they go with the topic)
    h.fake.botRights.can_delete_messages = false

    // A manager brings the card down with /card; ten days later (the outbox's record of the
    // first card is long pruned) the client erases their data
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
    await h.flush()
    const second = h.deps.services.handoff.topics.card(findClientByTelegramId(h.deps.db, user.id)!.id)!.messageId
    expect(second).not.toBe(first)
    h.clock.advance(10 * 24 * 60 * 60_000)
    await h.flush()
    await forget(h, user)
    expect(shown(h, STAFF_GROUP_ID, first)).toContain(ERASED_CARD)
    expect(shown(h, STAFF_GROUP_ID, second)).toContain(ERASED_CARD)
  })
})

describe('/forget of a client with more cards than the group takes in a minute', () => {
  it('clears every one of them, a part at a time, and Telegram never refuses one', async () => {
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ rateLimits: true, now: () => clock.now() }) })
    const user = h.u.user(7_410_000_302, { first_name: 'Евлампия', username: 'evlampia_k43' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.flush()
    const clientId = findClientByTelegramId(h.deps.db, user.id)!.id
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    // The card brought down with /card, again and again: each earlier one still shows the client
    const cards = [h.deps.services.handoff.topics.card(clientId)!.messageId]
    for (let i = 0; i < 24; i++) {
      await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
      await h.flush()
      cards.push(h.deps.services.handoff.topics.card(clientId)!.messageId)
    }
    expect(new Set(cards).size).toBe(25)
    // Without the right to delete messages the topic stays, its cards edited (with it they go with the topic)
    h.fake.botRights.can_delete_messages = false
    h.fake.clearCalls()
    await forget(h, user)
    for (const card of cards) expect(shown(h, STAFF_GROUP_ID, card), `card ${card}`).toContain(ERASED_CARD)
    expect(topicName(h, STAFF_GROUP_ID, topicId)).toBe(ERASED_TOPIC)
    expect(h.fake.refused()).toEqual([])
  })
})

describe('/forget and the birthday', () => {
  it('leaves no job from which the birthday or the time zone can be read', async () => {
    const demo = demoContent()
    // The content asks for the birthday (a date question keyed `birthday`): the greeting's
    const content: Content = {
      ...demo,
      discovery: {
        ...demo.discovery,
        questions: [
          { key: 'birthday', text: { ru: 'Когда у вас день рождения?' }, type: 'date', required: false, options: [] },
        ],
      },
    }
    const h = createHarness({ content }) // 2026-11-23, 09:00 UTC
    const user = h.u.user(7_318_500_003, { first_name: 'Зинаида' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, '24.11.1990'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(client.birthday).toBe('1990-11-24')
    updateClient(h.deps.db, client.id, { timezone: 'Asia/Vladivostok' }) // 19:00 there: the birthday is tomorrow
    await h.deps.services.followups.sweep()
    // 11:00 in Vladivostok on 24 November: the key names the birthday, the time gives day and zone
    const greetingAt = Date.parse('2026-11-24T01:00:00Z')
    const ofClient = () =>
      h.deps.db
        .select()
        .from(jobs)
        .all()
        .filter((j) => j.clientId === client.id)
    expect(ofClient()).toContainEqual(
      expect.objectContaining({ dedupeKey: `greeting:birthday:${client.id}:2026`, runAt: greetingAt }),
    )

    await forget(h, user)
    const left = ofClient()
    expect(left.filter((j) => j.dedupeKey?.includes('birthday'))).toEqual([])
    expect(left.filter((j) => j.runAt === greetingAt)).toEqual([])
    expect(left.filter((j) => j.kind === 'greeting')).toEqual([])
    // Nor is it sent, or planned again
    await h.deps.services.followups.sweep()
    h.clock.set(greetingAt + 60_000)
    await h.deps.scheduler.runDue()
    expect(ofClient().filter((j) => j.kind === 'greeting')).toEqual([])
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('с днём рождения'))).toEqual([])
  })
})

describe('/forget while a payment reminder of theirs is on its way', () => {
  const MANAGER_ID = 5_000_201

  /** A client with an invoice whose first reminder is due now. */
  async function dueReminder(h: Harness, userId: number) {
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const { user, client, topicId } = await clientWithTopic(h, userId)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.drain()
    h.clock.set('2026-11-23T11:00:00Z') // the first reminder is due
    const isReminder = (c: ApiCall) =>
      c.method === 'sendMessage' && c.payload.chat_id === user.id && String(c.payload.text).includes('напоминаю')
    const reminder = (): JobRow | undefined =>
      h.deps.db
        .select()
        .from(jobs)
        .all()
        .find((j) => j.dedupeKey === 'pay:1:first')
    return { user, client, isReminder, reminder }
  }

  /** Whatever comes due later runs: nothing goes to the client, staff are not asked to write to them. */
  async function later(h: Harness, user: TestUser, job: JobRow | undefined) {
    h.fake.clearCalls()
    h.clock.advance(60 * 60_000)
    await h.deps.scheduler.runDue()
    await h.flush(60_000)
    expect(h.fake.sentTo(user.id)).toEqual([])
    expect(
      h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('не отправлено') || t.includes(`#${job?.id}`)),
    ).toEqual([])
  }

  it('answered with a 429 after the erasure: it is not scheduled again', async () => {
    const h = createHarness()
    const { user, isReminder, reminder } = await dueReminder(h, 4_990_201)
    // The reminder is on its way when the client erases their data; Telegram then answers 429
    h.fake.tooManyRequests(
      { method: 'sendMessage', chatId: user.id, where: (p) => String(p.text).includes('напоминаю') },
      20,
    )
    const release = h.fake.hold(isReminder)
    const running = h.deps.scheduler.runDue()
    for (let i = 0; i < 50 && !h.fake.calls.some(isReminder); i++) await new Promise((resolve) => setImmediate(resolve))
    expect(h.fake.calls.some(isReminder)).toBe(true)
    await forget(h, user)
    release()
    await running

    // Everything scheduled for them is cancelled, this one too
    expect(reminder()).toMatchObject({ status: 'cancelled', outcome: 'the client erased their data' })
    await later(h, user, reminder())
  })

  it('still waiting for room in the chat at the erasure: it does not go out as composed before', async () => {
    const h = createHarness()
    const { user, client, isReminder, reminder } = await dueReminder(h, 4_990_202)
    // Telegram asked the bot to wait before writing to this chat again: the reminder waits its turn,
    // and the client's "Yes" to /forget (the erasure it runs) comes meanwhile
    h.deps.services.sendBudget.hold(user.id, h.clock.now() + 5_000)
    const sleep = h.clock.sleep
    const erased = vi.fn(() => h.deps.services.erasure.erase(client.id))
    h.clock.sleep = async (ms) => {
      if (erased.mock.calls.length === 0) erased()
      return sleep(ms)
    }
    await h.deps.scheduler.runDue()
    h.clock.sleep = sleep

    expect(erased).toHaveReturnedWith(true)
    expect(h.fake.calls.filter(isReminder)).toEqual([])
    expect(reminder()).toMatchObject({ status: 'cancelled' })
    await later(h, user, reminder())
  })
})

describe("a manager's message on its way at the erasure", () => {
  it('waiting for room in the chat when the client erases their data: it does not go out', async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientWithTopic(h, 4_990_301)
    const manager = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const before = h.fake.sentTo(user.id).length
    // The outbox takes the message while the chat has room; then another sender (the client's
    // own answer) takes it, and the message waits its turn, sent as far as the outbox knows
    const budget = h.deps.services.sendBudget
    const readyAt = budget.chatReadyAt
    budget.chatReadyAt = () => h.clock.now()
    budget.hold(user.id, h.clock.now() + 2_000)
    const sleep = h.clock.sleep
    const erased = vi.fn(() => h.deps.services.erasure.erase(client.id))
    h.clock.sleep = async (ms) => {
      if (erased.mock.calls.length === 0) erased()
      return sleep(ms)
    }
    await h.send(h.u.staffText(manager, topicId, 'И ещё: бюджет примерно какой?'))
    await h.drain()
    h.clock.sleep = sleep
    budget.chatReadyAt = readyAt

    expect(erased).toHaveReturnedWith(true)
    expect(
      h.fake
        .sentTo(user.id)
        .slice(before)
        .map((c) => c.payload.text ?? c.method),
    ).toEqual([])
    // Nor is it written down again anywhere: no row quotes it ("may have arrived")
    const rows = h.deps.db.all<{ payload: string }>(sql`select payload from outbox`)
    expect(rows.filter((r) => r.payload.includes('бюджет примерно'))).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('/forget by someone who connected their business account', () => {
  it('deletes their connection (not an owner’s) and no log names them', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const person = h.u.user(7_318_500_004, { first_name: 'Виссарион', username: 'vissarion_b' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-owner' }))
    await h.send(h.u.businessConnection(person, { id: 'bc-person' }))
    await h.send(h.u.text(person, '/start'))
    const rows = () => h.deps.db.select().from(businessConnections).all()
    expect(rows().map((r) => r.id)).toEqual(['bc-owner', 'bc-person'])

    await forget(h, person)
    // Their account, name and username are gone; the owner's own stays, and is still served
    expect(rows().map((r) => r.id)).toEqual(['bc-owner'])
    expect(JSON.stringify(rows())).not.toContain('Виссарион')
    expect(h.deps.services.business.served('bc-owner')).toBeDefined()
    const logs = JSON.stringify(h.logs)
    for (const trace of [String(person.id), 'Виссарион', 'vissarion_b']) expect(logs).not.toContain(trace)
  })

  it('leaves nothing naming them in the owner’s chat or the database', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const person = h.u.user(7_318_500_004, { first_name: 'Виссарион', username: 'vissarion_b' })
    await h.send(h.u.text(owner, '/start'))
    await h.send(h.u.businessConnection(person, { id: 'bc-person' }))
    await h.send(h.u.text(person, '/start'))
    await forget(h, person)

    const traces = ['Виссарион', 'vissarion_b', String(person.id)]
    const inDatabase = h.deps.db
      .select({ clientId: messages.clientId, text: messages.text })
      .from(messages)
      .all()
      .filter((m) => traces.some((t) => (m.text ?? '').includes(t)))
    const inOwnerChat = [...h.fake.emulator.chat(OWNER_ID).messages.values()]
      .filter((m) => !m.deleted)
      .map((m) => m.message.text ?? '')
      .filter((t) => traces.some((x) => t.includes(x)))
    expect({ inDatabase, inOwnerChat }).toEqual({ inDatabase: [], inOwnerChat: [] })
  })
})

describe('/forget and what the owner said and was told about the client in their own chat', () => {
  it('no transcript row names the erased client or points to a file about them, and /find finds nobody by their username', async () => {
    const h = createHarness()
    const MANAGER_ID = 5_000_201
    const TRACE = /Вера|Кузякина|vera_k/
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const a = await clientWithTopic(h, 466, { user: { first_name: 'Вера', last_name: 'Кузякина', username: 'vera_k' } })
    await h.send(h.u.staffText(manager, a.topicId, '/done')) // follow-ups for her, in everyone's /followups
    await h.drain()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/followups'), h.u.text(owner, '/export @vera_k'), h.u.text(owner, '/backup'))
    await h.drain()
    await h.flush()

    await forget(h, a.user)

    const left = h.deps.db
      .select({ clientId: messages.clientId, direction: messages.direction, text: messages.text })
      .from(messages)
      .all()
      .filter((m) => TRACE.test(m.text ?? ''))
    // The owner's export of her and the backup, as files the bot could still fetch from Telegram by a stored id
    const readable: string[] = []
    for (const { fileId } of h.deps.db.select({ fileId: messages.fileId }).from(messages).all()) {
      if (!fileId) continue
      const bytes = (await downloadTelegramFile(h.bot.api, fileId, 1 << 20)).toString('utf8')
      if (TRACE.test(bytes)) readable.push(bytes.startsWith('SQLite format 3') ? 'a /backup naming her' : 'her export')
    }
    await h.send(h.u.text(manager, '/find vera_k', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    const findAnswer = String(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.text)

    expect({ left, readable, findAnswer }).toEqual({
      left: [],
      readable: [],
      findAnswer: 'По запросу «vera_k» никого не найдено.',
    })
  })
})

describe('/forget and the owner’s /export of the client', () => {
  it('deletes the file from the owner’s chat; an export of someone else stays', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const vera = h.u.user(7_318_500_011, { first_name: 'Вера', username: 'vera_k' })
    const boris = h.u.user(7_318_500_012, { first_name: 'Борис', username: 'boris_b' })
    await h.send(h.u.text(vera, '/start'), h.u.text(boris, '/start'))
    await h.send(h.u.text(owner, '/export @vera_k'), h.u.text(owner, '/export @boris_b'))
    await h.drain()
    const files = () =>
      [...h.fake.emulator.chat(OWNER_ID).messages.values()]
        .filter((m) => !m.deleted && m.message.document)
        .map((m) => m.message.document?.file_name)
    const [veraFile, borisFile] = files()
    expect(veraFile).toMatch(/^client-\d+\.json$/)
    expect(borisFile).toMatch(/^client-\d+\.json$/)

    await forget(h, vera)
    expect(files()).toEqual([borisFile])
    // The owner's command named her too
    const commands = [...h.fake.emulator.chat(OWNER_ID).messages.values()]
      .filter((m) => !m.deleted && m.message.text?.startsWith('/export'))
      .map((m) => m.message.text)
    expect(commands).toEqual(['/export @boris_b'])
    expect(h.errors()).toEqual([])
  })

  it('deletes the list /export gave for her name, and the owner’s command with it', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const vera = h.u.user(7_318_500_014, { first_name: 'Вера', username: 'vera_k' })
    // Two of the name: the one client of a name is exported straight away, with no list
    const other = h.u.user(7_318_500_024, { first_name: 'Вера', username: 'vera_s' })
    await h.send(h.u.text(vera, '/start'), h.u.text(other, '/start'), h.u.text(owner, '/export Вера'))
    await h.drain()
    const named = () =>
      [...h.fake.emulator.chat(OWNER_ID).messages.values()]
        .filter((m) => !m.deleted && /Вера/.test(m.message.text ?? ''))
        .map((m) => m.message.text)
    expect(named()).toEqual([
      '/export Вера',
      expect.stringMatching(
        /^Нашлись клиенты с именем «Вера».*\n\/export #\d+ — Вера @vera_s\n\/export #\d+ — Вера @vera_k$/,
      ),
    ])
    await forget(h, vera)
    expect(named()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  /** A harness whose Telegram keeps the bot's time: the 48 hours it lets a bot delete its messages in. */
  function timed(): Harness {
    const clock = createFakeClock()
    return createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
  }
  /** What the owner's chat shows of a message: its text or caption, and the name and content of its file. */
  function inOwnerChat(h: Harness, messageId: number) {
    const stored = h.fake.emulator.chat(OWNER_ID).messages.get(messageId)
    if (!stored || stored.deleted) return undefined
    const { text, caption, document } = stored.message
    return {
      shows: text ?? caption,
      ...(document ? { file: document.file_name, content: h.fake.files.get(document.file_id)?.toString('utf8') } : {}),
    }
  }
  /** The id of the last message the bot sent the owner with `method`. */
  function sentToOwner(h: Harness, method: string): number {
    const call = h.fake
      .sentTo(OWNER_ID)
      .filter((c) => c.ok && c.method === method)
      .at(-1)
    const id = (call?.result as { message_id?: number } | undefined)?.message_id
    if (id === undefined) throw new Error(`no ${method} to the owner`)
    return id
  }

  it('a file too old to delete is replaced by a note file, in the owner’s own language: her data can no longer be downloaded', async () => {
    const h = timed()
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    const vera = h.u.user(7_318_500_013, { first_name: 'Вера', username: 'vera_k' })
    await h.send(h.u.text(owner, '/start'), h.u.text(vera, '/start'))
    const number = findClientByTelegramId(h.deps.db, vera.id)?.id
    await h.send(h.u.text(owner, `/export #${number}`))
    await h.drain()
    const file = sentToOwner(h, 'sendDocument')
    expect(inOwnerChat(h, file)?.content).toContain('vera_k')
    h.clock.advance(3 * 86_400_000) // past the 48 hours Telegram lets a bot delete its messages in
    h.fake.clearCalls()
    await forget(h, vera)

    expect(inOwnerChat(h, file)).toEqual({
      shows: '🗑 Deleted: the client deleted their data (/forget).',
      file: 'client-data-erased.txt',
      content:
        "This was a file with a client's data (/export). The client deleted their data (/forget), so the bot replaced the file with this note.\n",
    })
    // A file has no text to edit: nothing tried that Telegram refuses, and nothing left to tell the owner
    expect(h.fake.calls.filter((c) => !c.ok)).toEqual([])
    expect(h.fake.sentTo(OWNER_ID).filter((c) => c.method === 'sendMessage')).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a list /export gave for her name, too old to delete, no longer names her; the owner hears of the command naming her, which stays', async () => {
    const h = timed()
    const owner = h.u.user(OWNER_ID)
    const vera = h.u.user(7_318_500_015, { first_name: 'Вера', username: 'vera_k' })
    // Two of the name: the one client of a name is exported straight away, with no list
    const other = h.u.user(7_318_500_025, { first_name: 'Вера', username: 'vera_s' })
    await h.send(h.u.text(vera, '/start'), h.u.text(other, '/start'), h.u.text(owner, '/export Вера'))
    await h.drain()
    const list = sentToOwner(h, 'sendMessage')
    expect(inOwnerChat(h, list)?.shows).toMatch(/\n\/export #\d+ — Вера @vera_k$/)
    h.clock.advance(3 * 86_400_000)
    await forget(h, vera)

    expect(inOwnerChat(h, list)).toEqual({ shows: '🗑 Удалено: клиент удалил свои данные (/forget).' })
    // The owner's own message: Telegram lets the bot delete it within 48 hours only
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      [
        '🗑 Клиент удалил свои данные (/forget), но в этом чате остались сообщения о нём, которые бот удалить уже не может (Telegram даёт на это 48 часов). Удалите их сами:',
        '• пн, 23 нояб., 12:00 — ваша команда с именем или контактом клиента',
      ].join('\n'),
    )
    expect(h.errors()).toEqual([])
  })

  it('a file Telegram refuses to replace stays: the owner is told which one to delete', async () => {
    const h = timed()
    const owner = h.u.user(OWNER_ID)
    const vera = h.u.user(7_318_500_016, { first_name: 'Вера', username: 'vera_k' })
    await h.send(h.u.text(vera, '/start'))
    const number = findClientByTelegramId(h.deps.db, vera.id)?.id
    await h.send(h.u.text(owner, `/export #${number}`))
    await h.drain()
    const file = sentToOwner(h, 'sendDocument')
    h.clock.advance(3 * 86_400_000)
    h.fake.fail({
      method: 'editMessageMedia',
      chatId: OWNER_ID,
      error_code: 400,
      description: "Bad Request: message can't be edited",
    })
    await forget(h, vera)

    expect(inOwnerChat(h, file)?.file).toBe(`client-${number}.json`)
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      [
        '🗑 Клиент удалил свои данные (/forget), но в этом чате остались сообщения о нём, которые бот удалить уже не может (Telegram даёт на это 48 часов). Удалите их сами:',
        '• пн, 23 нояб., 12:00 — файл с данными клиента (/export): Telegram не дал заменить его заметкой',
      ].join('\n'),
    )
  })
})

describe('/forget and everyone’s /followups in the owner’s private chat', () => {
  const MANAGER_ID = 5_000_201
  /** Vera with follow-ups scheduled (her request done), and a manager. */
  async function veraDone(h: Harness) {
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const vera = await clientWithTopic(h, 466, {
      user: { first_name: 'Вера', last_name: 'Кузякина', username: 'vera_k' },
    })
    await h.send(h.u.staffText(manager, vera.topicId, '/done'))
    await h.drain()
    return vera
  }
  /** What the owner's chat still shows of her. */
  const shownToOwner = (h: Harness) =>
    [...h.fake.emulator.chat(OWNER_ID).messages.values()]
      .filter((m) => !m.deleted)
      .map((m) => m.message.text ?? '')
      .filter((t) => /Вера|Кузякина|vera_k/.test(t))

  it('deletes the list that named the client, as in the staff group', async () => {
    const h = createHarness()
    const vera = await veraDone(h)
    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups'))
    await h.drain()
    const list = h.fake
      .sentTo(OWNER_ID)
      .filter((c) => c.ok && c.method === 'sendMessage' && String(c.payload.text).includes('все клиенты'))
      .at(-1)
    expect(String(list?.payload.text)).toContain('Вера Кузякина (@vera_k)')
    const listId = (list?.result as { message_id: number } | undefined)?.message_id

    await forget(h, vera.user)
    expect({ deleted: deletedMessageIds(h).includes(listId ?? 0), shown: shownToOwner(h) }).toEqual({
      deleted: true,
      shown: [],
    })
  })

  it('deletes a list that reached the owner while the erasure ran', async () => {
    const h = createHarness()
    const vera = await veraDone(h)
    const client = findClientByTelegramId(h.deps.db, vera.user.id)!
    let erased = false
    h.fake.on('sendMessage', (payload) => {
      // She confirms /forget (another update) while the list naming her is on its way
      if (Number(payload.chat_id) === OWNER_ID && String(payload.text).includes('все клиенты') && !erased) {
        erased = true
        h.deps.services.erasure.erase(client.id)
      }
      return undefined
    })
    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups'))
    await h.flush(60 * 60_000)
    expect(erased).toBe(true)
    expect(shownToOwner(h)).toEqual([])
  })
})

describe('/forget and the buttons left in the chat', () => {
  it('an old question, quiz or "book a call" button leads nowhere: nobody is made a client again, no flow picks up, also after /start', async () => {
    // Telegram dates its messages on the bot's clock here, as it does in production
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    const user = h.u.user(7_410_001, { first_name: 'Катя' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/quiz'))
    const quizQuestion = h.fake.lastButtonsTo(user.id).find((b) => b.data?.startsWith('qq:'))?.data
    await h.send(h.u.text(user, '/brief'))
    const question = h.fake.lastButtonsTo(user.id).find((b) => b.data?.startsWith('dq:'))?.data
    expect([question, quizQuestion]).toEqual([expect.any(String), expect.any(String)])
    // The messages those buttons are under (the card's "book a call" is a quiz card's in life)
    const under = new Map(
      [question, quizQuestion].map((data) => [data as string, h.fake.messageWithButton(user.id, data as string)]),
    )
    under.set('bookp:landing', under.get(quizQuestion as string))
    h.clock.advance(5 * 60_000)
    await forget(h, user)
    const clients = () => h.deps.sqlite.prepare('select count(*) as n from clients').get()
    const before = clients()
    const sent = h.fake.sentTo(user.id).length

    const pressAll = async () => {
      for (const data of [question, quizQuestion, 'bookp:landing'] as string[]) {
        h.clock.advance(5_000)
        await h.send(h.u.callback(user, data, { messageId: under.get(data) }))
        expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text, data).toBe(
          'Эта кнопка уже неактуальна. Откройте /menu',
        )
      }
    }
    await pressAll()
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    expect(clients()).toEqual(before)
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()

    // Back with /start: a new client, and the old buttons are still nobody's
    await h.send(h.u.text(user, '/start'))
    const greeted = h.fake.sentTo(user.id).length
    await pressAll()
    expect(h.fake.sentTo(user.id)).toHaveLength(greeted)
    // Two hours on, no reminder of a flow nobody restarted
    h.clock.advance(3 * 3_600_000)
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(
      h.fake
        .textsTo(user.id)
        .slice(greeted)
        .filter((t) => t.includes('Продолжим')),
    ).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('"Talk to a manager" pressed seconds after /forget, under the message right above it, opens nothing', async () => {
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    const user = h.u.user(7_410_002, { first_name: 'Лена' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:no'))
    const greeting = h.fake.messageWithButton(user.id, 'menu:manager')
    clock.advance(10_000)
    await h.send(h.u.text(user, '/forget'))
    clock.advance(5_000)
    await h.send(h.u.callback(user, 'forget:yes'))
    clock.advance(10_000)
    const sent = h.fake.sentTo(user.id).length
    const staffPosts = h.fake.sentTo(STAFF_GROUP_ID).length

    // Within the minute Telegram's dates are given against the clock: still theirs from before
    await h.send(h.u.callback(user, 'menu:manager', { messageId: greeting }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Эта кнопка уже неактуальна. Откройте /menu',
    )
    await h.flush()
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toHaveLength(staffPosts)
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })
})

describe('the texts read once per update', () => {
  it('are forgotten when the update is handled: a client’s words are held no longer than their update', async () => {
    const h = createHarness()
    let reads = 0
    const read = keepLast((text) => {
      reads++
      return text.length
    })
    read('Меня зовут Анна, мой номер +7 916 123-45-67')
    read('Меня зовут Анна, мой номер +7 916 123-45-67')
    expect(reads).toBe(1) // held
    await h.send(h.u.text(h.u.user(7901), '/start'))
    read('Меня зовут Анна, мой номер +7 916 123-45-67')
    expect(reads).toBe(2) // forgotten with the update, read anew
  })
})
