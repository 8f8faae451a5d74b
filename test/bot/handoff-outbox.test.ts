import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { countOutbox } from '../../db/repositories/outbox.ts'
import { clientInHandoff, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const relayed = relayedToGroup

async function openFor(h: Harness, id: number) {
  const user = h.u.user(id)
  await h.send(h.u.text(user, '/manager'))
  return user
}

/** Moves the fake clock to the next moment the outbox may send, until it is empty. */
async function settle(h: Harness, maxSteps = 500): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    const { nextAt } = await h.deps.services.outbox.drain()
    if (nextAt === undefined) return
    h.clock.set(Math.max(nextAt, h.clock.now()))
  }
  throw new Error('outbox did not settle')
}

/** Anna (`id`) and Boris (`id` + 1) in a handoff, a minute after their requests reached the group. */
async function annaAndBoris(id: number) {
  const h = createHarness()
  const anna = await openFor(h, id)
  const boris = await openFor(h, id + 1)
  await settle(h)
  // A new minute: what their requests put into the group (topics, cards, pins) is behind them
  h.clock.advance(61_000)
  return { h, anna, boris }
}

/** Anna sends `count` photos, then Boris a question; then a drain. */
async function photosThenQuestion(id: number, count: number) {
  const { h, anna, boris } = await annaAndBoris(id)
  const photos: number[] = []
  for (let i = 0; i < count; i++) {
    const u = h.u.photo(anna, { caption: `комната ${i}` })
    photos.push(u.message!.message_id)
    await h.send(u)
  }
  const question = h.u.text(boris, 'Можно перенести звонок на завтра?')
  await h.send(question)
  await h.drain()
  return { h, anna, boris, photos, question }
}

describe('outbox towards the staff group', () => {
  it('30 texts queued together reach the topic as one message, in order, after the card', async () => {
    const h = createHarness()
    const user = await openFor(h, 1001)
    const sent: number[] = []
    for (let i = 0; i < 30; i++) {
      const u = h.u.text(user, `сообщение ${i}`)
      sent.push(u.message!.message_id)
      await h.send(u)
    }
    await settle(h)
    // Queued together, the 30 texts went as one message after the topic and its card: nothing lost, in order
    expect(relayed(h, user.id)).toEqual(sent)
    const groupSends = h.fake.calls.filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(groupSends.map((c) => c.method)).toEqual([
      'createForumTopic',
      'sendMessage', // the card (no transcript: the client only said /manager so far)
      'sendMessage', // what the bot told them and the 30 texts, each part marked with its time
      'pinChatMessage',
    ])
    expect(String(groupSends[2]?.payload.text)).toMatch(
      /^🕐 12:00\n🤖 Бот отправил клиенту: .*передаю вас менеджеру.*\n\n🕐 12:00\nсообщение 0\n\n🕐 12:00\nсообщение 1/,
    )
    expect(h.fake.calls.every((c) => c.ok)).toBe(true)
  })

  it('30 photos of one client, beyond the group limit of 20 a minute: paced, in order, each once', async () => {
    const h = createHarness()
    const user = await openFor(h, 1011)
    await h.drain()
    const sent: number[] = []
    for (let i = 0; i < 30; i++) {
      const u = h.u.photo(user, { caption: `фото ${i}` })
      sent.push(u.message!.message_id)
      await h.send(u)
    }
    const start = h.clock.now()
    await h.drain()
    const groupSends = () => h.fake.calls.filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID).length
    // The topic and its card took 2: the minute's other 18 went at once (the pin waits for room)
    expect(groupSends()).toBe(20)
    await settle(h)
    expect(relayed(h, user.id)).toEqual(sent)
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(60_000)
    expect(h.fake.calls.every((c) => c.ok)).toBe(true)
  })

  it("one client's 60 photos do not hold up another client's message: clients take turns", async () => {
    const { h, anna, boris, photos, question } = await photosThenQuestion(1021, 60)
    // The group's minute is spent; Boris's question went within it, between Anna's photos
    const borisTopic = findClientByTelegramId(h.deps.db, boris.id)?.topicId ?? -1
    expect(h.fake.sentTo(STAFF_GROUP_ID, borisTopic).map((c) => c.payload.message_id)).toContain(
      question.message!.message_id,
    )
    await settle(h)
    // Anna's photos all arrived, in order, once
    expect(relayed(h, anna.id)).toEqual(photos)
    expect(relayed(h, boris.id)).toEqual([question.message!.message_id])
  })

  it("a client's three photos queued before another client's question go first: only a flood takes turns", async () => {
    const { h, photos, question } = await photosThenQuestion(1031, 3)
    // Oldest first: each of her photos waiting a round of the other clients would make everyone's longest wait longer
    const copies = h.fake.calls.filter(
      (c) => c.ok && c.method === 'copyMessage' && c.payload.chat_id === STAFF_GROUP_ID,
    )
    expect(copies.map((c) => c.payload.message_id)).toEqual([...photos, question.message!.message_id])
  })

  it("a client's eight photos then another client's question: the question goes once she has sent seven in a minute", async () => {
    const { h, photos, question } = await photosThenQuestion(1041, 8)
    const copies = h.fake.calls.filter(
      (c) => c.ok && c.method === 'copyMessage' && c.payload.chat_id === STAFF_GROUP_ID,
    )
    expect(copies.map((c) => c.payload.message_id)).toEqual([
      ...photos.slice(0, 7),
      question.message!.message_id,
      photos[7],
    ])
  })

  it('photos sent one at a time count too: after seven this minute, her next three take turns with a question', async () => {
    const { h, anna, boris } = await annaAndBoris(1061)
    const photo = (i: number) => h.u.photo(anna, { caption: `комната ${i}` })
    const single = Array.from({ length: 7 }, (_, i) => photo(i))
    for (const u of single) {
      await h.send(u)
      await h.drain()
    }
    const queued = Array.from({ length: 3 }, (_, i) => photo(7 + i))
    await h.send(...queued)
    const question = h.u.text(boris, 'Можно перенести звонок на завтра?')
    await h.send(question)
    await h.drain()
    const ids = (list: typeof single) => list.map((u) => u.message!.message_id)
    const copies = h.fake.calls.filter(
      (c) => c.ok && c.method === 'copyMessage' && c.payload.chat_id === STAFF_GROUP_ID,
    )
    expect(copies.map((c) => c.payload.message_id)).toEqual([
      ...ids(single),
      ...ids(queued.slice(0, 1)),
      question.message!.message_id,
      ...ids(queued.slice(1)),
    ])
  })

  it("a client's two albums of ten then another client's question: the question goes right after the first album", async () => {
    // The group's minute has room for an album and then the other album or the question
    const { h, anna, boris } = await annaAndBoris(1051)
    const albums = ['a1', 'a2'].map((group) =>
      Array.from({ length: 10 }, () => h.u.photo(anna, { mediaGroupId: group })),
    )
    for (const album of albums) await h.send(...album)
    // Their parts all came: each album waits no more for others
    h.clock.advance(2_000)
    const question = h.u.text(boris, 'Можно перенести звонок на завтра?')
    await h.send(question)
    await settle(h)
    // Counted by its messages, one album is already a flood: the question does not wait for the second
    const order = h.fake.calls
      .filter((c) => c.ok && c.payload.chat_id === STAFF_GROUP_ID && /^copyMessages?$/.test(c.method))
      .map((c) => (c.method === 'copyMessage' ? 'question' : `album of ${(c.payload.message_ids as unknown[]).length}`))
    expect(order).toEqual(['album of 10', 'question', 'album of 10'])
  })

  it('a client whose photos wait gets a turn every minute while other clients keep writing one line each', async () => {
    const h = createHarness()
    const { user: anna } = await clientInHandoff(h, 1101, 'Анна')
    const others = []
    for (let i = 0; i < 30; i++) {
      const user = h.u.user(1200 + i, { first_name: `Клиент ${i}` })
      await h.send(h.u.text(user, '/manager'))
      await h.flush(60 * 60_000) // their topic and card, in the group's pace
      others.push(user)
    }
    // Anna fills the group's minute with her photos and 20 more wait; then 30 others write a line
    // each, one every 3 s: as fast as the group takes messages
    for (let i = 0; i < 40; i++) await h.send(h.u.photo(anna, { caption: `фото ${i}` }))
    await h.drain()
    for (const user of others) {
      h.clock.advance(3_000)
      await h.send(h.u.text(user, 'Здравствуйте, есть вопрос'))
      await h.drain()
    }
    await h.flush(30 * 60_000)
    // Who reached the group, in order, from the first of the others on
    const othersIds = new Set(others.map((u) => u.id))
    const order = h.fake.calls
      .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
      .map((c) => {
        const from = Number(c.payload.from_chat_id)
        return from === anna.id ? 'A' : othersIds.has(from) || String(c.payload.text).includes('есть вопрос') ? 'o' : ''
      })
      .filter(Boolean)
      .join('')
    const fromOthers = order.slice(order.indexOf('o'))
    expect(fromOthers.match(/A/g)).toHaveLength(40 - order.indexOf('o'))
    // Between two of her photos, at most a minute of the others' lines: she is not overtaken by all
    for (const run of fromOthers.split('A')) expect(run.length).toBeLessThanOrEqual(20)
    expect(relayedToGroup(h, anna.id)).toHaveLength(40)
  })

  it("a new card's pin waiting for a quiet group does not hold up an answer in General while clients keep writing", async () => {
    const h = createHarness()
    const { user: anna } = await clientInHandoff(h, 1031, 'Анна')
    await h.flush(60 * 60_000)
    // Anna sends a photo every 2.5 s: 24 a minute, a little over the group's 20
    let n = 0
    const photoEvery = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await h.send(h.u.photo(anna, { caption: `фото ${n++}` }))
        h.clock.advance(2_500)
        await h.drain()
      }
    }
    await photoEvery(12)
    // A new client's topic and card go first; the card's pin waits for a quiet moment
    const boris = h.u.user(1032, { first_name: 'Борис' })
    await h.send(h.u.text(boris, '/start'), h.u.text(boris, '/manager'))
    await photoEvery(12)
    const pins = h.fake.callsOf('pinChatMessage').length
    // An owner asks who is on duty, in General
    const before = h.fake.calls.length
    await h.send(h.u.text(h.u.user(OWNER_ID), '/duty', { chatId: STAFF_GROUP_ID }))
    const answered = () =>
      h.fake.calls
        .slice(before)
        .some(
          (c) =>
            c.ok &&
            c.method === 'sendMessage' &&
            Number(c.payload.chat_id) === STAFF_GROUP_ID &&
            c.payload.message_thread_id === undefined,
        )
    // The answer comes within a few minutes though Anna goes on; the pin, in Boris's lane, still
    // waits for the quiet (it used to go first, in General's lane, ahead of the answer)
    await photoEvery(72)
    expect(answered()).toBe(true)
    expect(h.fake.callsOf('pinChatMessage').length).toBe(pins)
    // Anna stops: the group is quiet, and the pin goes
    await h.flush(60 * 60_000)
    expect(h.fake.callsOf('pinChatMessage').length).toBe(pins + 1)
  })

  it('a 429 storm: waits for retry_after (persisted), never blocks the bot, loses and repeats nothing', async () => {
    const h = createHarness()
    const a = await openFor(h, 1002)
    const b = await openFor(h, 1003)
    await h.drain()
    h.fake.tooManyRequests({ chatId: STAFF_GROUP_ID, times: 3 }, 30)
    const sentA: number[] = []
    const sentB: number[] = []
    for (let i = 0; i < 5; i++) {
      const ua = h.u.text(a, `A${i}`)
      const ub = h.u.text(b, `B${i}`)
      sentA.push(ua.message!.message_id)
      sentB.push(ub.message!.message_id)
      await h.send(ua, ub)
    }
    await h.drain()
    expect(relayed(h, a.id)).toEqual([])
    // The hold is in the database: a restart honours it too
    const notBefore = h.deps.sqlite
      .prepare("select min(not_before) as t from outbox where status = 'pending'")
      .get() as {
      t: number
    }
    expect(notBefore.t).toBe(h.clock.now() + 30_000)
    // Meanwhile the bot answers clients at once; what is queued after the 429 waits for the hold too
    const groupCalls = () => h.fake.calls.filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID).length
    const before = groupCalls()
    h.clock.advance(10_000)
    await h.send(h.u.text(h.u.user(1004), '/help'), h.u.text(h.u.user(1004), '/manager'))
    expect(h.fake.lastTextTo(1004)).toContain('передаю вас менеджеру')
    await h.drain()
    expect(groupCalls()).toBe(before)

    await settle(h)
    expect(relayed(h, a.id)).toEqual(sentA)
    expect(relayed(h, b.id)).toEqual(sentB)
    expect(countOutbox(h.deps.db)).toMatchObject({ pending: 0, sending: 0, failed: 0 })
  })

  it('a restart with queued messages delivers each exactly once, in order', async () => {
    const h = createHarness()
    const user = await openFor(h, 1005)
    const sent: number[] = []
    for (let i = 0; i < 8; i++) {
      const u = h.u.text(user, `до перезапуска ${i}`)
      sent.push(u.message!.message_id)
      await h.send(u)
    }
    // The process dies before anything was sent
    const after = h.restart()
    await settle(after)
    await settle(after)
    expect(relayed(after, user.id)).toEqual(sent)
    expect(after.fake.callsOf('createForumTopic')).toHaveLength(1)
  })

  it('a call interrupted by a crash: towards staff it is resent with a mark, towards the client it is reported', async () => {
    const h = createHarness()
    const user = await openFor(h, 1006)
    await h.drain()
    const clientId = findClientByTelegramId(h.deps.db, user.id)!.id
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    await h.send(
      h.u.text(user, 'прерванное'),
      h.u.staffText(h.u.user(OWNER_ID), topicId, 'ответ, который мог не дойти'),
    )
    // Simulate a crash during both calls: rows left in 'sending'
    h.deps.sqlite.prepare("update outbox set status = 'sending', attempts = 1 where status = 'pending'").run()
    h.fake.clearCalls()

    const after = h.restart()
    await after.drain()
    const topicTexts = after.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topicTexts[0]).toContain('могло уже прийти выше')
    expect(relayed(after, user.id)).toHaveLength(1)
    expect(after.fake.sentTo(user.id)).toEqual([])
    expect(topicTexts.at(-1)).toContain('неизвестно, дошло ли сообщение «ответ, который мог не дойти»')
    expect(countOutbox(after.deps.db)).toMatchObject({ pending: 0, sending: 0, failed: 1 })
    expect(after.deps.services.handoff.current(clientId)).toBeDefined()
  })

  it('an answer to the client whose connection dropped after it left: sent once, the topic is told as after a crash', async () => {
    const h = createHarness()
    const user = await openFor(h, 1009)
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    // Telegram makes the copy in the client's chat; the answer is lost with the connection
    const dropped = h.fake.dropAfterDelivery('copyMessage', (payload) => Number(payload.chat_id) === user.id)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Цена — 15 000 ₽'))
    await h.flush()

    expect(dropped()).toBe(true)
    const shown = [...(h.fake.emulator.chats.get(user.id)?.messages.values() ?? [])]
    expect(shown.filter((m) => m.fromBot && String(m.message.text).includes('Цена — 15 000'))).toHaveLength(1)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('неизвестно, дошло ли сообщение «Цена — 15 000 ₽»')
  })

  it('an invoice whose connection timed out after it left: the client gets one, the topic is told', async () => {
    const h = createHarness()
    const user = await openFor(h, 1010)
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const dropped = h.fake.dropAfterDelivery(
      'sendMessage',
      (payload) => Number(payload.chat_id) === user.id && String(payload.text).includes('Сумма'),
      'ETIMEDOUT',
    )
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/invoice 45000 25.12 landing'))
    await h.flush()

    expect(dropped()).toBe(true)
    const shown = [...(h.fake.emulator.chats.get(user.id)?.messages.values() ?? [])]
    expect(shown.filter((m) => m.fromBot && String(m.message.text).includes('Сумма'))).toHaveLength(1)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('неизвестно, дошло ли сообщение')
  })

  it('a misconfigured group: owners get one clear message per problem; messages wait and go once fixed', async () => {
    const h = createHarness()
    h.fake.forumEnabled = false
    const user = await openFor(h, 1007)
    const msg = h.u.text(user, 'Ау?')
    await h.send(msg)
    await h.drain()
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('В группе выключены темы')
    h.clock.advance(60_000)
    await h.drain()
    h.clock.advance(60_000)
    await h.send(h.u.text(h.u.user(1008), '/manager'))
    await h.drain()
    expect(h.fake.sentTo(OWNER_ID)).toHaveLength(1)

    h.fake.forumEnabled = true
    await settle(h)
    expect(relayed(h, user.id)).toEqual([msg.message!.message_id])
    expect(h.fake.callsOf('createForumTopic').filter((c) => c.ok)).toHaveLength(2)
  })
})

describe('a topic Telegram refuses for one client', () => {
  it('is retried under a neutral name; if that fails too, owners are told and other clients still get through', async () => {
    const h = createHarness()
    const refused = { method: 'createForumTopic', error_code: 400, description: 'Bad Request: TOPIC_NAME_INVALID' }
    const anna = h.u.user(9401, { first_name: 'Анна' })
    h.fake.fail({ ...refused, times: 1 })
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, '/manager'))
    await h.drain()
    const annaRow = findClientByTelegramId(h.deps.db, anna.id)!
    expect(annaRow.topicId).not.toBeNull()
    expect(h.fake.callsOf('createForumTopic').at(-1)?.payload.name).toBe(`🟡 #${annaRow.id}`)

    const boris = h.u.user(9402, { first_name: 'Борис' })
    const vera = h.u.user(9403, { first_name: 'Вера' })
    // Telegram keeps refusing Boris's topic (6 tries: each of his queued messages tries again)
    h.fake.fail({ ...refused, times: 6 })
    await h.send(h.u.text(boris, '/start'), h.u.text(boris, '/manager'))
    await h.drain()
    const borisRow = findClientByTelegramId(h.deps.db, boris.id)!
    expect(borisRow.topicId).toBeNull()
    // Named as the team's lists name him: with no topic, no link
    const told = h.fake.textsTo(OWNER_ID).filter((t) => t.includes('не удалось создать для него тему'))
    expect(told).toEqual([
      `⚠️ Клиент Борис #${borisRow.id}: не удалось создать для него тему — его сообщения не попадут в группу. Напишите клиенту напрямую (контакты в /export ${borisRow.id}).`,
    ])

    await h.send(h.u.text(vera, '/start'), h.u.text(vera, '/manager'), h.u.text(vera, 'Здравствуйте'))
    await h.drain()
    const veraTopic = findClientByTelegramId(h.deps.db, vera.id)?.topicId
    expect(veraTopic).not.toBeNull()
    expect(h.fake.sentTo(STAFF_GROUP_ID, veraTopic ?? -1).length).toBeGreaterThan(0)
  })
})
