import type { Message, Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { findActiveHandoff } from '../../db/repositories/handoffs.ts'
import { aroundStatements, countRuns, createTestDb, statementsBuilt } from '../helpers/db.ts'
import { settle } from '../helpers/desk.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { clientInHandoff, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER_ID = 5_100_001

/** A client who asked for a manager, with their topic created, and a manager in the team. */
async function clientInTopic(h: Harness, id = 901) {
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Иван')
  const user = h.u.user(id, { first_name: 'Мария' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)!
  const manager = h.u.user(MANAGER_ID, { first_name: 'Иван' })
  return { user, manager, clientId: client.id, topicId: client.topicId! }
}

const idOf = (u: Update) => u.message!.message_id

/**
 * The update of an admin writing with "Remain anonymous" on: from GroupAnonymousBot, with the
 * staff group itself as the sender.
 */
function anonymously(update: Update): Update {
  Object.assign(update.message as Message, {
    from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
    sender_chat: { id: STAFF_GROUP_ID, type: 'supergroup', title: 'Staff' },
  })
  return update
}

/** A manager's album of two photos in the topic reaches the client as one album. */
async function expectAlbumReaches(h: Harness, manager: TestUser, topicId: number, clientId: number) {
  const parts = [1, 2].map(() => h.u.photo(manager, { chatId: STAFF_GROUP_ID, threadId: topicId, mediaGroupId: 'm-1' }))
  await h.send(...parts)
  h.clock.advance(2_000)
  await h.drain()
  expect(copiesTo(h, clientId)).toMatchObject([{ method: 'copyMessages', payload: { message_ids: parts.map(idOf) } }])
}

function copiesTo(h: Harness, chatId: number): ApiCall[] {
  return h.fake.calls.filter(
    (c) =>
      c.ok &&
      ['copyMessage', 'copyMessages', 'sendMediaGroup'].includes(c.method) &&
      Number(c.payload.chat_id) === chatId,
  )
}

describe('relay: client → topic', () => {
  it('every message type is copied into the client topic, in order, and stored in the transcript', async () => {
    const h = createHarness()
    const { user, topicId, clientId } = await clientInTopic(h)
    h.fake.clearCalls()
    const updates = [
      h.u.text(user, 'Добрый день! Вот материалы'),
      h.u.photo(user, { caption: 'фото витрины' }),
      h.u.document(user, { fileName: 'brief.pdf' }),
      h.u.voice(user),
      h.u.video(user),
      h.u.videoNote(user),
      h.u.audio(user),
      h.u.sticker(user),
      h.u.location(user),
      h.u.contact(user, '+79991234567'),
    ]
    await h.send(...updates)
    // The bot does not answer "pick from the menu": the manager has it
    expect(h.fake.sentTo(user.id)).toEqual([])
    await h.drain()
    const copies = copiesTo(h, STAFF_GROUP_ID)
    expect(copies.map((c) => c.payload.message_id)).toEqual(updates.map(idOf))
    expect(copies.every((c) => c.payload.from_chat_id === user.id && c.payload.message_thread_id === topicId)).toBe(
      true,
    )
    const rows = h.deps.sqlite
      .prepare("select type, topic_message_id from messages where client_id = ? and direction = 'in' order by id")
      .all(clientId) as { type: string; topic_message_id: number | null }[]
    expect(rows.slice(-10).map((r) => r.type)).toEqual([
      'text',
      'photo',
      'document',
      'voice',
      'video',
      'video_note',
      'audio',
      'sticker',
      'location',
      'contact',
    ])
    expect(rows.slice(-10).every((r) => r.topic_message_id !== null)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it("a relayed message and its delivery build no query anew: the second client's run the statements prepared for the first", async () => {
    const h = createHarness()
    const anna = await clientInHandoff(h, 903, 'Анна')
    const boris = await clientInHandoff(h, 904, 'Борис')
    const built = statementsBuilt(h.deps.sqlite)
    for (const [n, { user }] of [anna, boris].entries()) {
      built.length = 0
      await h.send(h.u.text(user, `Вопрос по заказу №${n}`))
      await h.drain()
    }
    expect(built).toEqual([])
    expect(relayedToGroup(h, boris.user.id)).toHaveLength(1)
  })

  it("the first message after the team's answer starts its answer time and reads nothing: the answer, the outbox's queue and the request are known as written; its writes, then the copy's marks", async () => {
    const database = createTestDb()
    // Every statement run from the client's message to its copy in the topic
    let counting = false
    const ran: string[] = []
    aroundStatements(database.sqlite, (source, method, execute) => {
      if (counting) ran.push(`${method} ${source.split(' ').slice(0, 3).join(' ')}`)
      return execute()
    })
    const h = createHarness({ database })
    const { user, manager, topicId, clientId } = await clientInTopic(h)
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте! Смотрю.'))
    await h.drain()
    counting = true
    await h.send(h.u.text(user, 'А доставка сколько стоит?'))
    await h.drain()
    counting = false
    expect(ran).toEqual([
      'get update "clients" set', // the visit
      'get insert into "messages"', // the transcript row
      // One commit: the row for the topic, the wait and its check
      'get insert into "outbox"',
      'run update "handoffs" set',
      'get insert into "jobs"',
      // The delivery: marked sending, then the copy's id and the sent mark in one commit
      'run update "outbox" set',
      'run update "messages" set',
      'run update "outbox" set',
    ])
    expect(relayedToGroup(h, user.id)).toHaveLength(1)
    expect(findActiveHandoff(h.deps.db, clientId)?.clientWaitingSince).not.toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('a text copied into the topic alone reads no transcript row: only one that others join is read, and goes with them', async () => {
    const h = createHarness()
    const byId = countRuns(h.deps.sqlite, /from "messages" where "messages"\."id" = \?$/)
    const { user, topicId } = await clientInTopic(h)
    h.fake.clearCalls()
    const before = byId()
    await h.send(h.u.text(user, 'Когда будет готово?'))
    await h.drain()
    expect(copiesTo(h, STAFF_GROUP_ID)).toEqual([
      expect.objectContaining({
        method: 'copyMessage',
        payload: expect.objectContaining({ message_thread_id: topicId }),
      }),
    ])
    expect(byId()).toBe(before)
    // Two texts queued before the outbox runs go as one message, read for it
    h.fake.clearCalls()
    await h.send(h.u.text(user, 'И ещё:'), h.u.text(user, 'сколько стоит доставка?'))
    await h.drain()
    const sent = h.fake.calls.filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(sent.map((c) => c.method)).toEqual(['sendMessage'])
    expect(String(sent[0]?.payload.text)).toContain('И ещё:')
    expect(String(sent[0]?.payload.text)).toContain('сколько стоит доставка?')
    expect(byId()).toBe(before + 1)
    expect(h.errors()).toEqual([])
  })

  it('an album goes as one album; menu buttons and commands still work during a handoff', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInTopic(h)
    h.fake.clearCalls()
    const parts = [1, 2, 3].map(() => h.u.photo(user, { mediaGroupId: 'album-1' }))
    await h.send(...parts)
    await h.drain()
    // Parts wait a moment for their siblings
    expect(copiesTo(h, STAFF_GROUP_ID)).toEqual([])
    h.clock.advance(2_000)
    await h.drain()
    const copies = copiesTo(h, STAFF_GROUP_ID)
    expect(copies).toHaveLength(1)
    expect(copies[0]).toMatchObject({
      method: 'copyMessages',
      payload: { message_ids: parts.map(idOf), message_thread_id: topicId },
    })

    await h.send(h.u.callback(user, 'menu:about'))
    expect(h.fake.lastTextTo(user.id)).toContain('Лаконика')
    await h.send(h.u.text(user, '/help'))
    expect(h.fake.lastTextTo(user.id)).toContain('Что я умею')
    await h.drain()
    expect(copiesTo(h, STAFF_GROUP_ID)).toHaveLength(1)
  })
})

describe('a message the client forwarded', () => {
  it("is forwarded into the topic under its author's name, never merged with the client's own texts", async () => {
    const h = createHarness()
    const { user, topicId } = await clientInTopic(h)
    const own = h.u.text(user, 'Вот что пишет бухгалтер:')
    const forwarded = h.u.forwarded(
      user,
      'Оплату по счёту не проводим до подписания договора',
      h.u.user(4242, { first_name: 'Ольга', last_name: 'Бухгалтер' }),
    )
    const after = h.u.text(user, 'Что скажете?')
    await h.send(own, forwarded, after)
    await h.drain()
    const toTopic = h.fake.sentTo(STAFF_GROUP_ID, topicId).slice(-3)
    expect(toTopic.map((c) => c.method)).toEqual(['copyMessage', 'forwardMessage', 'copyMessage'])
    // Telegram shows whose words they are over the message
    const shown = toTopic[1]?.result as { forward_origin?: { sender_user?: { first_name: string } } }
    expect(shown.forward_origin?.sender_user?.first_name).toBe('Ольга')
    expect(relayedToGroup(h, user.id).slice(-3)).toEqual([idOf(own), idOf(forwarded), idOf(after)])
  })
})

describe('relay: topic → client', () => {
  it('the card says how soon the first answer came: "within a minute", not "after 0 min"', async () => {
    const h = createHarness()
    const { manager, topicId, clientId } = await clientInTopic(h)
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте! Смотрю.'))
    await h.flush()
    const card = h.deps.services.handoff.topics.card(clientId)
    const shown = card && h.fake.emulator.chat(STAFF_GROUP_ID).messages.get(card.messageId)?.message.text
    expect(shown?.split('\n').find((l) => l.startsWith('✔️ первый ответ'))).toMatch(
      /^✔️ первый ответ .+ \(меньше чем через минуту\)$/,
    )
  })

  it('an answer that opens with the name of another client with a request open: the topic is told at once, while /unsend can still take it back', async () => {
    const h = createHarness()
    const { manager, topicId } = await clientInTopic(h)
    const jess = h.u.user(902, { first_name: 'Jess', language_code: 'en' })
    await h.send(h.u.text(jess, '/start'), h.u.text(jess, '/manager'))
    await h.drain()
    const wrong = h.u.staffText(manager, topicId, 'Hi Jess, so sorry about the fringe! We will fix it free of charge.')
    await h.send(wrong)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '⚠️ Сообщение начинается с имени «Jess» — так зовут другого клиента с открытым запросом, не этого. Если ошиблись темой — удалите его у этого клиента (ответьте на него /unsend) и напишите тому клиенту в его теме.',
    )
    // Her own name, or a name nobody with a request has: nothing to say
    const before = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(
      h.u.staffText(manager, topicId, 'Добрый день, Мария! Смотрю.'),
      h.u.staffText(manager, topicId, 'Ольга, наш дизайнер, пришлёт макет.'),
    )
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toHaveLength(before)
    expect(h.errors()).toEqual([])
  })

  it('every message type from a manager reaches the client; the first answer is recorded', async () => {
    const h = createHarness()
    const { user, manager, topicId, clientId } = await clientInTopic(h)
    h.fake.clearCalls()
    h.clock.advance(3 * 60_000)
    const updates = [
      h.u.staffText(manager, topicId, 'Здравствуйте, Мария! Я Иван, посмотрю материалы.'),
      h.u.photo(manager, { chatId: STAFF_GROUP_ID, threadId: topicId, caption: 'пример' }),
      h.u.document(manager, { chatId: STAFF_GROUP_ID, threadId: topicId, fileName: 'kp.pdf' }),
      h.u.voice(manager, { chatId: STAFF_GROUP_ID, threadId: topicId }),
      h.u.video(manager, { chatId: STAFF_GROUP_ID, threadId: topicId }),
      h.u.videoNote(manager, { chatId: STAFF_GROUP_ID, threadId: topicId }),
      h.u.audio(manager, { chatId: STAFF_GROUP_ID, threadId: topicId }),
      h.u.sticker(manager, { chatId: STAFF_GROUP_ID, threadId: topicId }),
      h.u.location(manager, { chatId: STAFF_GROUP_ID, threadId: topicId }),
      h.u.contact(manager, '+74951234567', true, { chatId: STAFF_GROUP_ID, threadId: topicId }),
    ]
    const answeredAt = h.clock.now()
    await h.send(...updates)
    await h.flush() // about one a second into the client's chat
    const copies = copiesTo(h, user.id)
    expect(copies.map((c) => c.payload.message_id)).toEqual(updates.map(idOf))
    expect(
      copies.every((c) => c.payload.from_chat_id === STAFF_GROUP_ID && c.payload.reply_parameters === undefined),
    ).toBe(true)
    const handoff = h.deps.services.handoff.current(clientId)!
    expect(handoff).toMatchObject({
      firstResponderId: MANAGER_ID,
      managerId: MANAGER_ID,
      firstResponseAt: answeredAt,
    })
    const events = h.deps.sqlite.prepare('select type from events where client_id = ?').all(clientId) as {
      type: string
    }[]
    expect(events.map((e) => e.type)).toContain('answered_in_sla')
    // The SLA job is off: nobody is alerted later
    expect(h.deps.sqlite.prepare("select status from jobs where kind = 'handoff_sla'").get()).toEqual({
      status: 'cancelled',
    })
  })

  it('a manager album reaches the client as one album', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    h.fake.clearCalls()
    await expectAlbumReaches(h, manager, topicId, user.id)
  })
})

describe('replies and edits', () => {
  it('a reply in each direction quotes the right message; the topic creation "reply" is ignored', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const question = h.u.text(user, 'Сколько стоит лендинг?')
    await h.send(question)
    await h.drain()
    const questionCopy = h.deps.sqlite
      .prepare('select topic_message_id as id from messages where client_message_id = ?')
      .get(idOf(question)) as { id: number }

    // The manager replies to the copy in the topic → the client sees a reply to their own message
    const answer = h.u.staffText(manager, topicId, 'От 45 000 ₽', { replyTo: questionCopy.id })
    // A plain message: in a topic it "replies" to the topic creation message
    const plain = h.u.staffText(manager, topicId, 'Пришлю примеры')
    await h.send(answer, plain)
    await h.drain()
    const [answerCopy, plainCopy] = copiesTo(h, user.id).slice(-2)
    expect(answerCopy?.payload.reply_parameters).toEqual({
      message_id: idOf(question),
      allow_sending_without_reply: true,
    })
    expect(plainCopy?.payload.reply_parameters).toBeUndefined()

    // The client replies to the manager's answer → the topic shows a reply to the manager's message
    const answerInClientChat = h.deps.sqlite
      .prepare('select client_message_id as id from messages where topic_message_id = ?')
      .get(idOf(answer)) as { id: number }
    const followUp = h.u.text(user, 'А что входит?', { replyTo: answerInClientChat.id })
    await h.send(followUp)
    await h.drain()
    expect(copiesTo(h, STAFF_GROUP_ID).at(-1)?.payload.reply_parameters).toEqual({
      message_id: idOf(answer),
      allow_sending_without_reply: true,
    })
  })

  it("a reply to a message of the bot's the topic never showed comes under a line saying what it answers", async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 4471, 'Фёдор')
    const confirmation = await h.bot.api.sendMessage(user.id, '✅ Оплата получена: заказ #3, 45 000 ₽.')
    await h.send(h.u.text(user, 'А чек будет?', { replyTo: confirmation.message_id }))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '↩️ В ответ на сообщение бота «✅ Оплата получена: заказ #3, 45 000 ₽.»:\nА чек будет?',
    )
    expect(h.errors()).toEqual([])
  })
  it('edits follow both ways; an edit that cannot be made is reported with the reason', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const clientMsg = h.u.text(user, 'Бюджет 50 тысяч')
    const staffMsg = h.u.staffText(manager, topicId, 'Сделаем за 10 дней')
    await h.send(clientMsg, staffMsg)
    await h.drain()
    const copyInTopic = (
      h.deps.sqlite
        .prepare('select topic_message_id as id from messages where client_message_id = ?')
        .get(idOf(clientMsg)) as { id: number }
    ).id
    const copyAtClient = (
      h.deps.sqlite
        .prepare('select client_message_id as id from messages where topic_message_id = ?')
        .get(idOf(staffMsg)) as { id: number }
    ).id

    await h.send(h.u.edited(user, idOf(clientMsg), 'Бюджет 60 тысяч'))
    await h.send(
      h.u.edited(manager, idOf(staffMsg), 'Сделаем за 12 дней', { chatId: STAFF_GROUP_ID, threadId: topicId }),
    )
    await h.drain()
    const edits = h.fake
      .callsOf('editMessageText')
      .filter((c) => c.payload.message_id === copyInTopic || c.payload.message_id === copyAtClient)
    expect(edits.map((c) => [c.payload.chat_id, c.payload.message_id, c.payload.text])).toEqual([
      [STAFF_GROUP_ID, copyInTopic, 'Бюджет 60 тысяч'],
      [user.id, copyAtClient, 'Сделаем за 12 дней'],
    ])

    h.fake.fail({
      method: 'editMessageText',
      chatId: user.id,
      error_code: 400,
      description: "Bad Request: message can't be edited",
    })
    await h.send(
      h.u.edited(manager, idOf(staffMsg), 'Сделаем за 14 дней', { chatId: STAFF_GROUP_ID, threadId: topicId }),
    )
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      'Не удалось изменить сообщение у клиента (сообщение уже нельзя изменить)',
    )
  })
})

describe('an edit in the topic the client will not see', () => {
  const inTopic = (topicId: number) => ({ chatId: STAFF_GROUP_ID, threadId: topicId })

  it('a note edited into words for the client, or an answer edited into a note or command: the topic says the client keeps what they had', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const note = h.u.staffText(manager, topicId, '// перезвонить после 18')
    const answer = h.u.staffText(manager, topicId, 'Цена — 500 USD')
    await h.send(note, answer)
    await h.drain()
    const toClient = () =>
      h.fake.sentTo(user.id).length +
      h.fake.callsOf('editMessageText').filter((c) => c.payload.chat_id === user.id).length
    const before = toClient()

    await h.send(h.u.edited(manager, idOf(note), 'Добрый день! Перезвоню после 18', inTopic(topicId)))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      '✏️ Это заметка: клиент её не видит, и правка ему не уйдёт. Написать клиенту — новым сообщением.',
    )
    for (const text of ['// цена 5 USD', '/note цена 5 USD']) {
      await h.send(h.u.edited(manager, idOf(answer), text, inTopic(topicId)))
      await h.drain()
      expect(h.fake.lastTextTo(STAFF_GROUP_ID), text).toBe(
        '✏️ Правка не передана: у клиента осталось прежнее сообщение. Заметку или команду отправьте новым сообщением, а забрать сообщение у клиента — ответьте на него /unsend.',
      )
    }
    expect(toClient()).toBe(before)
    expect(h.errors()).toEqual([])
  })

  it('a note edited as a note: the card shows the new words', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const note = h.u.staffText(manager, topicId, '// заметка старая')
    await h.send(note)
    await h.drain()
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.edited(manager, idOf(note), '// заметка новая', inTopic(topicId)))
    await h.drain()
    const card = h.fake.callsOf('editMessageText').at(-1)?.payload.text as string
    expect(card).toContain('заметка новая')
    expect(card).not.toContain('заметка старая')
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
  })

  it('someone taken off the team edits an answer of theirs: the topic says it did not reach the client', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const answer = h.u.staffText(manager, topicId, 'Цена — 500 USD')
    await h.send(answer)
    await h.drain()
    h.deps.services.staff.remove(MANAGER_ID)
    await h.drain()
    await h.send(h.u.edited(manager, idOf(answer), 'Цена — 5 USD', inTopic(topicId)))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Эта правка до клиента не дошла: отсюда пишут клиентам только сотрудники. Владелец может добавить вас в команду.',
    )
    expect(h.fake.callsOf('editMessageText').filter((c) => c.payload.chat_id === user.id)).toEqual([])
  })
})

describe('a caption removed in an edit', () => {
  /** What a chat shows as a message's caption now. */
  const captionIn = (h: Harness, chatId: number, messageId: number) =>
    h.fake.emulator.chats.get(chatId)?.messages.get(messageId)?.message.caption

  it("goes both ways: the other side's copy loses its caption", async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const fromClient = h.u.photo(user, { caption: 'Вот референс, бюджет 50 тысяч' })
    const fromManager = h.u.photo(manager, { chatId: STAFF_GROUP_ID, threadId: topicId, caption: 'Итого 50 000 ₽' })
    await h.send(fromClient, fromManager)
    await h.drain()
    const copyOf = (column: 'client_message_id' | 'topic_message_id', id: number, other: string) =>
      (h.deps.sqlite.prepare(`select ${other} as id from messages where ${column} = ?`).get(id) as { id: number }).id
    const copyInTopic = copyOf('client_message_id', idOf(fromClient), 'topic_message_id')
    const copyAtClient = copyOf('topic_message_id', idOf(fromManager), 'client_message_id')
    expect(captionIn(h, STAFF_GROUP_ID, copyInTopic)).toBe('Вот референс, бюджет 50 тысяч')
    expect(captionIn(h, user.id, copyAtClient)).toBe('Итого 50 000 ₽')

    await h.send(h.u.captionEdited(fromClient), h.u.captionEdited(fromManager))
    await h.drain()
    expect(captionIn(h, STAFF_GROUP_ID, copyInTopic)).toBeUndefined()
    expect(captionIn(h, user.id, copyAtClient)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })
})

describe('an edit made while its message is still on its way', () => {
  it('a manager’s edit whose connection dropped is tried again: the client sees the corrected text, and the topic is not told it may not have arrived', async () => {
    const h = createHarness()
    const manager = h.u.user(OWNER_ID)
    const user = h.u.user(1301, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.flush()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const price = h.u.staffText(manager, topicId, 'Цена 10 000 ₽')
    await h.send(price)
    await h.flush()
    const copyAtClient = (
      h.deps.sqlite
        .prepare('select client_message_id as id from messages where topic_message_id = ?')
        .get(price.message!.message_id) as { id: number }
    ).id

    // The edit's requests leave; the connection drops before any answer, for a few seconds
    // (a blip of a few seconds: every try of the outbound path meets it)
    let drops = 0
    const dropped = () => drops > 0
    h.fake.on('editMessageText', (payload) => {
      if (drops >= 4 || Number(payload.chat_id) !== user.id) return undefined
      drops++
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    })
    await h.send(
      h.u.edited(manager, price.message!.message_id, 'Цена 12 000 ₽', { chatId: STAFF_GROUP_ID, threadId: topicId }),
    )
    await h.flush()
    expect(dropped()).toBe(true)

    const shown = h.fake.emulator.chats.get(user.id)?.messages.get(copyAtClient)
    expect(shown?.message.text).toBe('Цена 12 000 ₽')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).not.toContain('неизвестно, дошло ли')
  })

  /** What a chat shows in a message now. */
  function shownIn(h: Harness, chatId: number, messageId: number): string | undefined {
    const message = h.fake.emulator.chat(chatId).messages.get(messageId)?.message as Message | undefined
    return message?.text ?? message?.caption
  }

  /**
   * Telegram has made the copy into `chatId` (with the text the message had then) and the bot
   * has not heard back when `whileOnItsWay` runs; returns the copy's id.
   */
  async function copyAnsweredLate(h: Harness, chatId: number, whileOnItsWay: () => Promise<void>): Promise<number> {
    const isCopy = (call: ApiCall) => call.method === 'copyMessage' && Number(call.payload.chat_id) === chatId
    const release = h.fake.hold(isCopy, { answered: true })
    const delivering = h.drain()
    for (let i = 0; i < 200 && !h.fake.calls.find(isCopy)?.result; i++) await new Promise((r) => setImmediate(r))
    expect(h.fake.calls.find(isCopy)?.result).toBeDefined()
    await whileOnItsWay()
    release()
    await delivering
    await h.flush()
    return (h.fake.calls.find(isCopy)?.result as { message_id: number } | undefined)?.message_id ?? 0
  }

  it("the client's correction reaches the topic", async () => {
    const h = createHarness()
    const { user, topicId } = await clientInTopic(h)
    const budget = h.u.text(user, 'Бюджет 50 000')
    await h.send(budget)
    const copy = await copyAnsweredLate(h, STAFF_GROUP_ID, () =>
      h.send(h.u.edited(user, idOf(budget), 'Бюджет 80 000')),
    )
    expect(shownIn(h, STAFF_GROUP_ID, copy)).toBe('Бюджет 80 000')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('Не удалось')
  })

  it("a manager's corrected price reaches the client", async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const price = h.u.staffText(manager, topicId, 'Цена 10 000 ₽')
    await h.send(price)
    const copy = await copyAnsweredLate(h, user.id, () =>
      h.send(h.u.edited(manager, idOf(price), 'Цена 12 000 ₽', { chatId: STAFF_GROUP_ID, threadId: topicId })),
    )
    expect(shownIn(h, user.id, copy)).toBe('Цена 12 000 ₽')
  })
})

describe('nothing is lost', () => {
  it('a deleted topic is recreated with the card and the whole conversation, then the message goes there', async () => {
    const h = createHarness()
    const { user, manager, topicId, clientId } = await clientInTopic(h)
    await h.send(h.u.text(user, 'Первое сообщение'), h.u.staffText(manager, topicId, 'Ответ менеджера'))
    await h.drain()
    h.fake.deleteTopic(topicId)
    h.fake.clearCalls()
    const lost = h.u.text(user, 'Сообщение после удаления темы')
    await h.send(lost)
    await h.drain()
    const newTopic = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    expect(newTopic).not.toBe(topicId)
    expect(h.fake.callsOf('createForumTopic')).toHaveLength(1)
    const texts = h.fake.textsTo(STAFF_GROUP_ID, newTopic)
    expect(texts[0]).toContain('<b>Мария</b>') // the card, pinned again
    expect(h.fake.callsOf('pinChatMessage').at(-1)?.ok).toBe(true)
    expect(texts[1]).toContain('Первое сообщение')
    expect(texts[1]).toContain('Ответ менеджера')
    expect(texts[2]).toContain('Тема клиента была удалена')
    // The message that recreated the topic is its copy after the history, not a line in it too
    expect(texts.join('\n')).not.toContain('Сообщение после удаления темы')
    expect(copiesTo(h, STAFF_GROUP_ID).map((c) => [c.payload.message_id, c.payload.message_thread_id])).toEqual([
      [idOf(lost), newTopic],
    ])
    expect(h.deps.services.handoff.current(clientId)).toBeDefined()
  })

  it('messages that waited for a deleted topic while the group was broken reach the new one once each', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    await h.send(h.u.staffText(manager, topicId, 'Ответ менеджера'))
    await h.drain()
    h.fake.deleteTopic(topicId)
    h.fake.botIsAdmin = false
    h.fake.clearCalls()
    await h.send(h.u.text(user, 'Раз'), h.u.text(user, 'Два'), h.u.text(user, 'Три'))
    await h.drain()
    expect(h.fake.sentTo(OWNER_ID).length).toBeGreaterThan(0) // the owners are told what is wrong
    h.fake.botIsAdmin = true
    h.clock.advance(61_000)
    await h.flush()
    const newTopic = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const texts = h.fake.textsTo(STAFF_GROUP_ID, newTopic)
    expect(texts[1]).toContain('Ответ менеджера') // the history, then the note, then what waited, once
    expect(texts[2]).toContain('Тема клиента была удалена')
    expect(texts.slice(3).map((t) => t.replace(/🕐 \S+\n/g, ''))).toEqual(['Раз\n\nДва\n\nТри'])
    expect(texts.slice(0, 3).join('\n')).not.toMatch(/Раз|Два|Три/)
    expect(copiesTo(h, STAFF_GROUP_ID)).toEqual([])
  })

  for (const [n, what] of ['the card', 'the history', 'the note'].entries()) {
    it(`a 429 on ${what} of a recreated topic: it still gets the card, the history and the note, each once`, async () => {
      const h = createHarness()
      const { user, manager, topicId } = await clientInTopic(h)
      await h.send(h.u.text(user, 'Первое сообщение'), h.u.staffText(manager, topicId, 'Ответ менеджера'))
      await h.drain()
      h.fake.deleteTopic(topicId)
      h.fake.clearCalls()
      // The n-th message into the group after the new topic (card, history, note) is refused
      const refuse = () => h.fake.tooManyRequests({ method: 'sendMessage', chatId: STAFF_GROUP_ID }, 30)
      if (n === 0) refuse()
      let posted = 0
      h.fake.on('sendMessage', (p) => {
        if (Number(p.chat_id) === STAFF_GROUP_ID && ++posted === n) refuse()
        return undefined
      })
      const lost = h.u.text(user, 'Сообщение после удаления темы')
      await h.send(lost)
      await settle(h)
      // The copy found the topic gone; then one 429
      expect(h.fake.calls.filter((c) => !c.ok).map((c) => c.method)).toEqual(['copyMessage', 'sendMessage'])
      expect(h.fake.callsOf('createForumTopic')).toHaveLength(1)
      const newTopic = findClientByTelegramId(h.deps.db, user.id)!.topicId!
      const texts = h.fake.textsTo(STAFF_GROUP_ID, newTopic)
      const count = (part: string) => texts.filter((t) => t.includes(part)).length
      expect([count('👤 <b>Мария</b>'), count('Ответ менеджера'), count('Тема клиента была удалена')]).toEqual([
        1, 1, 1,
      ])
      expect(copiesTo(h, STAFF_GROUP_ID).map((c) => [c.payload.message_id, c.payload.message_thread_id])).toEqual([
        [idOf(lost), newTopic],
      ])
    })
  }

  it('a card Telegram refuses for good does not hold the client’s messages back', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    await h.send(h.u.text(user, 'Первое сообщение'), h.u.staffText(manager, topicId, 'Ответ менеджера'))
    await h.drain()
    h.fake.deleteTopic(topicId)
    h.fake.clearCalls()
    // Every card into the group is refused as unreadable (a bug of ours, say)
    h.fake.fail({
      method: 'sendMessage',
      chatId: STAFF_GROUP_ID,
      where: (p) => String(p.text).includes('👤'),
      error_code: 400,
      description: "Bad Request: can't parse entities",
      times: 100,
    })
    const lost = h.u.text(user, 'Сообщение после удаления темы')
    await h.send(lost)
    await settle(h)
    await h.send(h.u.text(user, 'И ещё одно'))
    await settle(h)
    const newTopic = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    // The history and both messages are there; the card was tried once
    expect(h.fake.textsTo(STAFF_GROUP_ID, newTopic).some((t) => t.includes('Ответ менеджера'))).toBe(true)
    expect(copiesTo(h, STAFF_GROUP_ID).map((c) => c.payload.message_thread_id)).toEqual([newTopic, newTopic])
    expect(
      h.fake.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('👤')),
    ).toHaveLength(1)
  })

  it('a client who blocked the bot: the manager is told in the topic, with what was not delivered', async () => {
    const h = createHarness()
    const { user, manager, topicId, clientId } = await clientInTopic(h)
    h.fake.blockedChats.add(user.id)
    const before = h.clock.now()
    await h.send(h.u.staffText(manager, topicId, 'Счёт готов, отправляю'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      '❌ Не доставлено: клиент заблокировал бота. «Счёт готов, отправляю»',
    )
    const blockedAt = h.deps.services.handoff.client(clientId)?.blockedAt
    expect(blockedAt).toBeGreaterThanOrEqual(before)
    expect(blockedAt).toBeLessThanOrEqual(h.clock.now())
  })

  it("the card says when the client blocked the bot, from Telegram's notice or a refused answer, until they write again", async () => {
    const h = createHarness()
    const { user, manager, topicId, clientId } = await clientInTopic(h)
    await h.send(h.u.staffText(manager, topicId, 'Мария, добрый день! Сейчас пришлю макет'))
    await settle(h)
    const card = () => {
      const at = h.deps.services.handoff.topics.card(clientId)?.messageId
      const posted = h.fake.calls.filter(
        (c) =>
          c.ok &&
          Number(c.payload.chat_id) === STAFF_GROUP_ID &&
          ((c.method === 'editMessageText' && c.payload.message_id === at) ||
            (c.method === 'sendMessage' && (c.result as { message_id?: number } | undefined)?.message_id === at)),
      )
      return String(posted.at(-1)?.payload.text)
    }
    expect(card()).not.toContain('заблокировал бота')

    // Telegram tells the bot she blocked it
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.myChatMember(user, 'kicked'))
    await settle(h)
    expect(card()).toContain('⛔ заблокировал бота')

    // She unblocks it and writes: the card no longer says so
    h.fake.blockedChats.delete(user.id)
    await h.send(h.u.myChatMember(user, 'member'), h.u.text(user, 'Случайно заблокировала, извините'))
    await settle(h)
    expect(card()).not.toContain('заблокировал бота')

    // Blocked again without a notice: the manager's next answer is refused, and the card says so
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.staffText(manager, topicId, 'Вот макет'))
    await settle(h)
    expect(card()).toContain('⛔ заблокировал бота')
  })

  it('a message the client deleted before it was copied, or an edit the topic copy cannot take, is reported', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInTopic(h)
    const kept = h.u.text(user, 'Цена устраивает')
    await h.send(kept)
    await h.drain()
    h.fake.fail({
      method: 'copyMessage',
      chatId: STAFF_GROUP_ID,
      error_code: 400,
      description: 'Bad Request: message to copy not found',
    })
    await h.send(h.u.text(user, 'Удалю через секунду'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      '⚠️ Не удалось переслать сообщение клиента (сообщение удалено до пересылки). В истории: «Удалю через секунду»',
    )
    h.fake.fail({
      method: 'editMessageText',
      chatId: STAFF_GROUP_ID,
      error_code: 400,
      description: 'Bad Request: message to edit not found',
    })
    await h.send(h.u.edited(user, idOf(kept), 'Цена НЕ устраивает'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Теперь оно такое: «Цена НЕ устраивает»')
  })

  it('texts queued behind a photo whose copy fails still reach the topic; the notice quotes the photo', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInTopic(h)
    // A photo and two texts arrive before the outbox runs; the photo is deleted before its copy
    const photo = h.u.photo(user, { caption: 'не то фото' })
    await h.send(photo, h.u.text(user, 'Извините, не то фото'), h.u.text(user, 'Нужен сайт к пятнице'))
    h.fake.fail({
      method: 'copyMessage',
      chatId: STAFF_GROUP_ID,
      error_code: 400,
      description: 'Bad Request: message to copy not found',
    })
    await h.drain()
    const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(texts.find((t) => t.includes('Не удалось переслать сообщение клиента'))).toContain('«не то фото»')
    // They were to go in the photo's caption: they go without it
    const sent = texts.find((t) => t.includes('Извините, не то фото'))
    expect(sent).toContain('Нужен сайт к пятнице')
    expect(sent).not.toContain('Не удалось')
  })

  it('the General topic, other topics and non-staff members are never relayed or obeyed', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInTopic(h)
    const stranger = h.u.user(777, { first_name: 'Чужой' })
    const owner = h.u.user(OWNER_ID)
    h.fake.clearCalls()
    await h.send(
      h.u.text(owner, 'Всем привет', { chatId: STAFF_GROUP_ID }), // General
      h.u.staffText(owner, 999, 'Тема без клиента'),
      h.u.staffText(stranger, topicId, 'Я не сотрудник'),
      h.u.staffText(stranger, topicId, '/close'),
    )
    await h.drain()
    expect(copiesTo(h, user.id)).toEqual([])
    expect(h.fake.sentTo(user.id)).toEqual([])
    // Told in the topic, for them and for colleagues who read it: their message did not go, nor their command run
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual([
      'Это сообщение до клиента не дошло: отсюда пишут клиентам только сотрудники. Владелец может добавить вас в команду.',
      'Эта команда — только для сотрудников. Владелец может добавить вас в команду.',
    ])
    // More of their words (a "//" note among them: a message, not a command, and not kept) are
    // not answered line by line: once in ten minutes
    h.fake.clearCalls()
    await h.send(
      h.u.staffText(stranger, topicId, '// перезвонить завтра'),
      h.u.staffText(stranger, topicId, 'Ещё одно'),
    )
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual([])
    h.clock.advance(10 * 60_000)
    await h.send(h.u.staffText(stranger, topicId, '// перезвонить завтра'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual([
      'Это сообщение до клиента не дошло: отсюда пишут клиентам только сотрудники. Владелец может добавить вас в команду.',
    ])
    const notes = h.deps.sqlite.prepare("select count(*) as n from messages where direction = 'note'").get() as {
      n: number
    }
    expect(notes.n).toBe(0)
    expect(h.deps.services.handoff.current(1)?.status).toBe('open')
  })

  it('an anonymous admin is told that their answer did not go and their command did not run', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInTopic(h)
    const admin = h.u.user(1087968824)
    h.fake.clearCalls()
    await h.send(anonymously(h.u.staffText(admin, topicId, 'Мария, счёт пришлю сегодня')))
    await h.drain()
    expect(h.fake.sentTo(user.id)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Не отправлено: вы пишете анонимно')

    // A command is not run, in the topic or in General
    await h.send(
      anonymously(h.u.staffText(admin, topicId, '/close')),
      anonymously(h.u.text(admin, '/today', { chatId: STAFF_GROUP_ID })),
    )
    await h.drain()
    expect(h.fake.sentTo(user.id)).toEqual([])
    expect(h.deps.services.handoff.current(1)?.status).toBe('open')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes('вы пишете анонимно'))).toHaveLength(2)
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('вы пишете анонимно'))).toHaveLength(3)
    expect(h.errors()).toEqual([])
  })

  it('internal notes stay in the topic and appear on the card; unknown commands are never relayed', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    h.fake.clearCalls()
    await h.send(
      h.u.staffText(manager, topicId, '// клиент торопится, бюджет гибкий'),
      h.u.staffText(manager, topicId, '/note перезвонить в пятницу'),
      // "//" typed on a Russian layout without Shift: a note all the same (it reached the client)
      h.u.staffText(manager, topicId, '\\\\ чувствителен к цене'),
      h.u.staffText(manager, topicId, '/invoce 5000'),
    )
    await h.drain()
    expect(h.fake.sentTo(user.id)).toEqual([])
    const card = h.fake.callsOf('editMessageText').at(-1)?.payload.text as string
    expect(card).toContain('клиент торопится, бюджет гибкий')
    expect(card).toContain('перезвонить в пятницу')
    expect(card).toContain('чувствителен к цене')
    expect(h.fake.callsOf('setMessageReaction')).toHaveLength(3)
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Такой команды нет')
    // Another place's command says where it works, and nothing reaches the client
    await h.send(h.u.staffText(manager, topicId, '/stats'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/stats — команда владельца бота')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/stats'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/stats работает в личном чате с ботом')
    await h.send(h.u.staffText(manager, topicId, '/help'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/help работает в личном чате с ботом')
    expect(h.fake.sentTo(user.id)).toEqual([])
  })

  it('an album captioned "// …" is a note, whichever part has the caption: none of it reaches the client', async () => {
    const h = createHarness()
    const { user, manager, clientId, topicId } = await clientInTopic(h)
    h.fake.clearCalls()
    const album = (mediaGroupId: string, captionAt: number) =>
      [0, 1, 2].map((i) =>
        h.u.photo(manager, {
          chatId: STAFF_GROUP_ID,
          threadId: topicId,
          mediaGroupId,
          ...(i === captionAt ? { caption: '// сканы паспорта клиента, не отправлять' } : {}),
        }),
      )
    // Telegram puts an album's caption on its first item; a manager may caption any item instead
    await h.send(...album('scan-1', 0), ...album('scan-2', 2))
    h.clock.advance(2_000)
    await h.drain()
    expect(h.fake.sentTo(user.id)).toEqual([])
    const card = h.fake.callsOf('editMessageText').at(-1)?.payload.text as string
    expect(card).toContain('[фото] сканы паспорта клиента, не отправлять')
    expect(h.fake.callsOf('setMessageReaction')).toHaveLength(2)
    // A note is no answer to the client
    expect(h.deps.services.handoff.current(clientId)?.firstResponseAt).toBeNull()

    // The manager's next album reaches the client, as one album
    await expectAlbumReaches(h, manager, topicId, user.id)
  })

  it('a note album whose other photos come after its captioned one went out: none of them reaches the client', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    h.fake.clearCalls()
    const part = (caption?: string) =>
      h.u.photo(manager, {
        chatId: STAFF_GROUP_ID,
        threadId: topicId,
        mediaGroupId: 'passport',
        ...(caption ? { caption } : {}),
      })
    // The captioned photo, then — later than the album's wait (a slow upload, a restart) — the other two
    await h.send(part('// сканы паспорта клиента, не отправлять'))
    h.clock.advance(2_000)
    await h.drain()
    await h.send(part(), part())
    h.clock.advance(2_000)
    await h.drain()
    expect(h.fake.sentTo(user.id)).toEqual([])
  })

  it('a re-delivered update (after a crash) is not relayed twice', async () => {
    const h = createHarness()
    const { user, manager, topicId } = await clientInTopic(h)
    const fromClient = h.u.text(user, 'Один раз')
    const fromManager = h.u.staffText(manager, topicId, 'И я один раз')
    await h.send(fromClient, fromManager, fromClient, fromManager)
    await h.drain()
    await h.send(fromClient, fromManager)
    await h.drain()
    expect(copiesTo(h, STAFF_GROUP_ID).filter((c) => c.payload.message_id === idOf(fromClient))).toHaveLength(1)
    expect(copiesTo(h, user.id).filter((c) => c.payload.message_id === idOf(fromManager))).toHaveLength(1)
  })

  it('a re-delivered message whose copy had failed is copied then, and only once', async () => {
    const h = createHarness()
    const { user } = await clientInTopic(h)
    const message = h.u.text(user, 'Пришлю смету позже')
    h.fake.fail({
      method: 'copyMessage',
      chatId: STAFF_GROUP_ID,
      error_code: 400,
      description: 'Bad Request: message to copy not found',
    })
    await h.send(message)
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Не удалось переслать сообщение клиента')
    const copiesOfIt = () => copiesTo(h, STAFF_GROUP_ID).filter((c) => c.payload.message_id === idOf(message))
    expect(copiesOfIt()).toHaveLength(0)
    // Telegram hands the update out again (the bot stopped before confirming it): this time the copy goes
    await h.send(message)
    await h.drain()
    expect(copiesOfIt()).toHaveLength(1)
    await h.send(message)
    await h.drain()
    expect(copiesOfIt()).toHaveLength(1)
  })
})

describe('a kind of message the bot does not know', () => {
  it('is still copied to the manager during a handoff (a forwarded story)', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 9601, 'Таня')
    const story = h.u.text(user, 'x')
    const message = story.message as unknown as Record<string, unknown>
    delete message.text
    message.story = { chat: { id: 1, type: 'private', first_name: 'Someone' }, id: 7 }
    await h.send(story)
    await h.drain()
    const copies = h.fake.calls.filter(
      (c) =>
        c.method === 'copyMessage' && c.payload.chat_id === STAFF_GROUP_ID && c.payload.message_thread_id === topicId,
    )
    expect(copies).toHaveLength(1)
    expect(h.fake.lastTextTo(user.id)).not.toContain('не умею обрабатывать')
  })
})

describe('an edit of a message the topic shows only in the history', () => {
  /** The latest card text (posted or edited) in the staff group: the one that quotes the request's reason. */
  const cardOf = (h: Harness, marker: string) =>
    h.fake
      .textsTo(STAFF_GROUP_ID)
      .filter((t) => t.includes(marker))
      .at(-1) ?? ''

  it('the question that opened the request, edited: the topic is told the new words once, and the card quotes them', async () => {
    const h = createHarness()
    const user = h.u.user(951, { first_name: 'Лиза' })
    await h.send(h.u.text(user, '/start'))
    const question = h.u.text(user, 'Нужен новый сайт для фотостудии, бюджет до 100 тысяч')
    await h.send(question)
    await h.drain()
    const { id: clientId, topicId } = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ reason: 'question' })
    // The team saw it only in the history and on the card: no copy of its own in the topic
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId!).join('\n')
    expect(topic).toContain('📜 Переписка с клиентом')
    expect(cardOf(h, 'Запрос открыт')).toContain(
      'клиент написал: «Нужен новый сайт для фотостудии, бюджет до 100 тысяч»',
    )

    h.fake.clearCalls()
    await h.send(h.u.edited(user, idOf(question), 'Нужен новый сайт для фотостудии, бюджет до 150 тысяч'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId!)).toEqual([
      '✏️ Клиент изменил сообщение из переписки выше.\n' +
        'Было: «Нужен новый сайт для фотостудии, бюджет до 100 тысяч»\n' +
        'Стало: «Нужен новый сайт для фотостудии, бюджет до 150 тысяч»',
    ])
    expect(cardOf(h, 'Запрос открыт')).toContain(
      'клиент написал: «Нужен новый сайт для фотостудии, бюджет до 150 тысяч»',
    )
    // /card the next day still shows it
    h.clock.advance(24 * 3_600_000)
    const manager = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(manager, topicId!, '/card'))
    await h.drain()
    expect(cardOf(h, 'Запрос открыт')).toContain('бюджет до 150 тысяч')

    // A later message, relayed as its own copy: its copy changes, and no notice besides
    const later = h.u.text(user, 'И ещё нужна онлайн-запись <на съёмку>')
    await h.send(later)
    await h.drain()
    h.fake.clearCalls()
    await h.send(h.u.edited(user, idOf(later), 'И ещё нужна онлайн-запись <на съёмку> & оплата'))
    await h.drain()
    expect(h.fake.callsOf('editMessageText').map((c) => c.payload.text)).toEqual([
      'И ещё нужна онлайн-запись <на съёмку> & оплата',
    ])
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('escaped and clipped; an edit before the history went out needs no notice; before any request, nothing reaches the team', async () => {
    const h = createHarness()
    const user = h.u.user(952, { first_name: 'Олег' })
    await h.send(h.u.text(user, '/start'))
    // Before any request: the transcript takes the edit, the team is not told (there is no topic)
    const hello = h.u.text(user, 'Добрый день')
    await h.send(hello, h.u.edited(user, idOf(hello), 'Добрый вечер'))
    await h.drain()
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toEqual([])
    // Later (no longer read together with the greeting), the question, edited before the history
    // reached the topic: it goes with the new words, no notice
    h.clock.advance(10 * 60_000)
    const question = h.u.text(user, 'Нужен сайт для салона, сколько стоит?')
    await h.send(question, h.u.edited(user, idOf(question), 'Нужен сайт для <салона> & магазина, сколько стоит?'))
    await h.drain()
    const { id: clientId, topicId } = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ reason: 'question' })
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId!)
    expect(topic.join('\n')).toContain('Добрый вечер')
    expect(topic.join('\n')).toContain('Нужен сайт для &lt;салона&gt; &amp; магазина, сколько стоит?')
    expect(topic.join('\n')).not.toContain('изменил')
    expect(cardOf(h, 'Запрос открыт')).toContain('клиент написал: «Нужен сайт для &lt;салона&gt; &amp; магазина')

    // Seen in the history now: an edit of a message from before the request is told too, HTML-escaped and clipped
    h.fake.clearCalls()
    const long = `Добрый вечер <b>${'очень '.repeat(400)}`
    await h.send(h.u.edited(user, idOf(hello), long))
    await h.drain()
    const [notice, ...more] = h.fake.textsTo(STAFF_GROUP_ID, topicId!)
    expect(more).toEqual([])
    expect(notice).toContain('Было: «Добрый вечер»\nСтало: «Добрый вечер &lt;b&gt;очень очень')
    expect(notice).toMatch(/…»$/)
    expect(notice!.length).toBeLessThan(1_200)
    // The card quotes the question, which did not change: it is not touched
    expect(cardOf(h, 'Запрос открыт')).toBe('')
    expect(h.deps.services.handoff.current(clientId)?.detail).toBe('Нужен сайт для <салона> & магазина, сколько стоит?')
    expect(h.errors()).toEqual([])
  })

  it('in an English staff group the notice is in English, and the card follows a question typed in pieces', async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    const user = h.u.user(953, { first_name: 'Ann', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Hello'))
    const question = h.u.text(user, 'we need a new website for a photo studio, budget 1000 dollars')
    await h.send(question)
    await h.drain()
    const { id: clientId, topicId } = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ reason: 'question' })
    expect(cardOf(h, 'Request open')).toContain(
      'the client wrote: “Hello / we need a new website for a photo studio, budget 1000 dollars”',
    )
    h.fake.clearCalls()
    await h.send(h.u.edited(user, idOf(question), 'we need a new website for a photo studio, budget 1500 dollars'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId!)).toEqual([
      '✏️ The client edited a message in the conversation above.\n' +
        'Was: “we need a new website for a photo studio, budget 1000 dollars”\n' +
        'Now: “we need a new website for a photo studio, budget 1500 dollars”',
    ])
    expect(cardOf(h, 'Request open')).toContain(
      'the client wrote: “Hello / we need a new website for a photo studio, budget 1500 dollars”',
    )
    expect(h.errors()).toEqual([])
  })
})
