import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Api, InputFile } from 'grammy'
import { describe, expect, it } from 'vitest'
import { createBotApis } from '../../src/bot/api.ts'
import { latestButtons } from '../helpers/flows.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID, TEST_TOKEN } from '../helpers/harness.ts'

describe('recording what the bot says, with grammY’s default fetch (node-fetch)', () => {
  it('records JSON and multipart sends to a client and hands grammY the response unchanged', async () => {
    const h = createHarness()
    const user = h.u.user(1301)
    await h.send(h.u.text(user, '/help'))
    const bodies: string[] = []
    let nextId = 50
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'))
        const method = req.url?.split('/').pop()
        const result =
          method === 'getMe'
            ? h.fake.botInfo
            : {
                message_id: nextId++,
                date: 0,
                chat: { id: user.id, type: 'private', first_name: 'Client' },
                ...(method === 'sendDocument'
                  ? { document: { file_id: 'doc-x', file_unique_id: 'dx' }, caption: 'файл' }
                  : { text: 'привет' }),
              }
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ ok: true, result }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      // The bot's own composition (recorder over the outbound path) on grammY's default fetch
      const api = new Api(TEST_TOKEN, createBotApis(h.deps, { apiRoot: `http://127.0.0.1:${port}` }).client)
      expect((await api.sendMessage(user.id, 'привет')).message_id).toBe(50)
      const doc = await api.sendDocument(user.id, new InputFile(Buffer.from('<b>x</b>'), 'x.html'), { caption: 'файл' })
      expect(doc.message_id).toBe(51)
      expect((await api.getMe()).id).toBe(h.fake.botInfo.id)
      expect(bodies[1]).toContain('filename=x.html')
    } finally {
      server.close()
    }
    const rows = h.deps.sqlite
      .prepare("select type, text, file_id, client_message_id from messages where direction = 'bot' order by id")
      .all()
    expect(rows.slice(-2)).toEqual([
      { type: 'text', text: 'привет', file_id: null, client_message_id: 50 },
      { type: 'document', text: 'файл', file_id: 'doc-x', client_message_id: 51 },
    ])
  })
})

describe('recording what the bot edits', () => {
  it("a quiz step's edit of the question message changes that message's text in the transcript", async () => {
    const h = createHarness()
    const user = h.u.user(1302)
    await h.send(h.u.text(user, '/start'))
    await h.send(h.u.callback(user, 'menu:quiz'))
    const answer = latestButtons(h, user.id).find((b) => b.data && !b.data.startsWith('menu:'))
    if (!answer?.data) throw new Error('the quiz showed no answer buttons')
    // The same message id in the client's business chat with the owner: another chat, not edited
    const question = h.fake.calls.filter((c) => c.ok && c.payload.reply_markup).at(-1)?.result as { message_id: number }
    const clientId = (
      h.deps.sqlite.prepare('select id from clients where telegram_id = ?').get(user.id) as { id: number }
    ).id
    h.deps.sqlite
      .prepare(`insert into messages (client_id, direction, type, text, client_message_id, business_connection_id,
        created_at) values (?, 'bot', 'text', 'в другом чате', ?, 'bc-1', 0)`)
      .run(clientId, question.message_id)
    h.fake.clearCalls()
    const pressedAt = h.clock.now()
    await h.send(h.u.callback(user, answer.data))
    const edit = h.fake.calls.find((c) => c.ok && c.method === 'editMessageText')
    if (!edit) throw new Error('the quiz step edited no message')
    // The message as the client now sees it (Telegram's answer: the text without its markup)
    const { message_id: messageId, text } = edit.result as { message_id: number; text: string }
    expect(text).toContain('✔️')
    expect(messageId).toBe(question.message_id)
    const rows = h.deps.sqlite
      .prepare('select direction, text, edited_at from messages where client_message_id = ? order by id')
      .all(messageId) as { direction: string; text: string; edited_at: number }[]
    expect(rows).toEqual([
      { direction: 'bot', text, edited_at: expect.any(Number) },
      { direction: 'bot', text: 'в другом чате', edited_at: null },
    ])
    expect(rows[0]?.edited_at).toBeGreaterThanOrEqual(pressedAt)
  })
})

describe('the history of a message the bot turned into the next question', () => {
  it('reads in the order it happened: each new question and the thanks come after the answer before them', async () => {
    const h = createHarness()
    h.deps.services.staff.add(5_000_111, 'manager', OWNER_ID, 'Иван')
    const { user, client, topicId } = await clientInHandoff(h, 7444, 'Олег')
    const manager = h.u.user(5_000_111, { first_name: 'Иван' })
    await h.send(h.u.staffText(manager, topicId, 'Готово'), h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    // "Solved?" → yes; the same message asks for the speed (and keeps the score under it), then
    // the quality (kept under it too) and the thanks follow as messages of their own
    await h.send(h.u.callback(user, latestButtons(h, user.id)[0]?.data as string))
    await h.send(h.u.callback(user, latestButtons(h, user.id)[4]?.data as string))
    await h.send(h.u.callback(user, latestButtons(h, user.id)[3]?.data as string))
    const rows = h.deps.sqlite
      .prepare(
        "select direction, text from messages where client_id = ? and id > (select id from messages where client_id = ? and direction = 'out') order by id",
      )
      .all(client.id, client.id) as { direction: string; text: string }[]
    expect(rows.map((r) => `${r.direction}: ${r.text.split('\n')[0]}`)).toEqual([
      'bot: Олег, ваш вопрос решён?',
      'in: Да, решён',
      expect.stringMatching(/^bot: .*скорость ответа/),
      'in: 5',
      expect.stringMatching(/^bot: .*качество помощи/),
      'in: 4',
      expect.stringMatching(/^bot: Спасибо за оценку/),
      // Rated well: the news question once more, in the menu's place
      expect.stringMatching(/^bot: И один вопрос: можно иногда присылать/),
    ])
  })
})

describe('a team member’s chat with the bot', () => {
  it('is not recorded — neither what they write nor what the bot answers — unless they try the bot as a client with a request of their own open', async () => {
    const h = createHarness()
    const manager = h.u.user(5_000_301, { first_name: 'Мария' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    const transcript = () =>
      h.deps.sqlite
        .prepare(
          'select m.direction, m.text from messages m join clients c on c.id = m.client_id where c.telegram_id = ? order by m.id',
        )
        .all(manager.id) as { direction: string; text: string | null }[]
    await h.send(h.u.text(manager, '/start'), h.u.text(manager, '/find vera_k'), h.u.text(manager, 'это обман'))
    // A notice sent from outside their chat's update: not recorded either
    const clientId = h.deps.services.clients.idByTelegramId(manager.id) as number
    await h.bot.api.sendMessage(manager.id, 'Уведомление')
    expect(transcript()).toEqual([])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false) // a trigger word of theirs opens nothing

    // Trying a request on themselves: what they write reaches their topic, as a client's does
    await h.send(h.u.text(manager, '/manager'))
    await h.drain()
    await h.send(h.u.text(manager, 'Проверка связи'))
    await h.drain()
    expect(transcript()).toContainEqual({ direction: 'in', text: 'Проверка связи' })
    const inGroup = () => [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()].map((m) => m.message.text)
    expect(inGroup()).toContain('Проверка связи')

    // Closed, they write again: the request reopens and the message reaches the topic, as a client's does;
    // their commands meanwhile are still not recorded
    expect(h.deps.services.closing.force(clientId, OWNER_ID, 'проверили')).toBe('closed')
    await h.drain()
    await h.send(h.u.text(manager, '/export @vera_k'))
    expect(transcript().map((m) => m.text)).not.toContain('/export @vera_k')
    await h.send(h.u.text(manager, 'И ещё один вопрос по заказу'))
    await h.drain()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(inGroup()).toContain('И ещё один вопрос по заказу')
  })
})

describe('an owner whose own test request closed answers an owner prompt', () => {
  const setup = async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Олег' })
    await h.send(h.u.text(owner, '/start'))
    const clientId = h.deps.services.clients.idByTelegramId(owner.id) as number
    // Trying the bot as a client: a request of their own, then closed
    await h.send(h.u.text(owner, '/manager'))
    await h.drain()
    await h.send(h.u.text(owner, 'Проверка связи'))
    await h.drain()
    expect(h.deps.services.closing.force(clientId, OWNER_ID, 'проверили')).toBe('closed')
    await h.drain()
    const transcript = () =>
      (
        h.deps.sqlite.prepare('select direction, text from messages where client_id = ? order by id').all(clientId) as {
          direction: string
          text: string | null
        }[]
      ).map((r) => r.text)
    const inGroup = () => [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()].map((m) => m.message.text ?? '')
    return { h, owner, clientId, transcript, inGroup }
  }

  it('the broadcast text with a trigger word opens no request of the owner and is not kept in their transcript', async () => {
    const { h, owner, clientId, transcript, inGroup } = await setup()
    const groupBefore = inGroup().length
    await h.send(h.u.text(owner, '/broadcast'))
    const text = 'Есть жалоба на сервис? Напишите нам — разберёмся за день'
    await h.send(h.u.text(owner, text))
    await h.drain()
    // The prompt took it: a draft exists
    expect(h.deps.sqlite.prepare('select count(*) as n from broadcasts').get()).toEqual({ n: 1 })
    // …and nothing else: no request of the owner's opened by its trigger word, nothing in the group
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(inGroup().slice(groupBefore)).toEqual([])
    expect(transcript()).not.toContain(text)
  })

  it('the broadcast text without a trigger word is not recorded, and is not posted to the topic when the request reopens', async () => {
    const { h, owner, clientId, transcript, inGroup } = await setup()
    await h.send(h.u.text(owner, '/broadcast'))
    const text = 'Скидка 20% на лендинги до пятницы для постоянных клиентов'
    await h.send(h.u.text(owner, text))
    await h.drain()
    expect(transcript()).not.toContain(text)
    // Later the owner tries a request again (/manager): the broadcast text must not reach the topic
    await h.send(h.u.text(owner, '/manager'))
    await h.drain()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(inGroup().join('\n')).not.toContain('Скидка 20%')
  })

  it("/staff: the forwarded message naming the new manager is not recorded and not posted to the owner's topic", async () => {
    const { h, owner, clientId, transcript, inGroup } = await setup()
    await h.send(h.u.text(owner, '/staff'))
    await h.send(h.u.callback(owner, 'staffadd:manager'))
    const forwarded = h.u.forwarded(
      owner,
      'Иван, вот мой личный номер 89161112233',
      h.u.user(777, { first_name: 'Иван', last_name: 'Петров' }),
    )
    await h.send(forwarded)
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду менеджером: Иван Петров (777)?')
    await h.send(h.u.text(owner, '/manager'))
    await h.drain()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(inGroup().join('\n')).not.toContain('89161112233')
    expect(transcript().join('\n')).not.toContain('89161112233')
  })
})
