/**
 * The emulated Bot API's rules, one by one: each is what Telegram does, and
 * each refusal carries Telegram's code and description. The world here is
 * closed (no open-world assumptions): only what was created exists.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { type StoredMessage, TelegramEmulator, UserActionError } from '../../src/sandbox/telegram/emulator.ts'
import { TelegramError } from '../../src/sandbox/telegram/errors.ts'

const TOKEN = '7000000009:emulator-test-token-000000000000000'
const GROUP = -1001000000009

function world(options: Partial<ConstructorParameters<typeof TelegramEmulator>[0]> = {}) {
  let now = Date.parse('2026-11-23T09:00:00Z')
  const em = new TelegramEmulator({ token: TOKEN, now: () => now, ...options })
  const anna = em.addUser({ id: 301, first_name: 'Анна', language_code: 'ru' })
  const owner = em.addUser({ id: 101, first_name: 'Ольга', started: true })
  const group = em.addGroup({
    id: GROUP,
    title: 'Команда',
    forum: true,
    members: [
      [owner.id, 'creator'],
      [102, 'member'],
    ],
  })
  em.addUser({ id: 102, first_name: 'Мария', started: true })
  em.userMessage(anna.id, anna.id, { text: '/start' })
  return { em, anna, owner, group, tick: (ms: number) => (now += ms) }
}

/** The refusal a call gets, as `{ code, description }` (fails the test if the call succeeds). */
async function refusal(call: Promise<unknown>): Promise<{ code: number; description: string }> {
  try {
    await call
  } catch (err) {
    if (err instanceof TelegramError) return { code: err.code, description: err.description }
    throw err
  }
  throw new Error('the call was accepted')
}

describe('sending messages', () => {
  it('gives each chat its own message ids, shared by the people and the bot', async () => {
    const { em, anna, owner } = world()
    const first = (await em.call('sendMessage', { chat_id: anna.id, text: 'Здравствуйте' })) as { message_id: number }
    expect(first.message_id).toBe(2) // after Anna's /start
    const other = (await em.call('sendMessage', { chat_id: owner.id, text: 'Привет' })) as { message_id: number }
    expect(other.message_id).toBe(1)
    expect(em.userMessage(anna.id, anna.id, { text: 'Спасибо' }).message_id).toBe(3)
  })

  it('counts 4096 characters of text after entity parsing, and 1024 of a caption', async () => {
    const { em, anna } = world()
    const exact = 'я'.repeat(4096)
    await expect(em.call('sendMessage', { chat_id: anna.id, text: exact })).resolves.toBeTruthy()
    // Tags and &amp; are not text: 4096 visible characters inside <b> still fit
    const tagged = `<b>${'я'.repeat(4095)}</b>&amp;`
    await expect(em.call('sendMessage', { chat_id: anna.id, text: tagged, parse_mode: 'HTML' })).resolves.toBeTruthy()
    expect(await refusal(em.call('sendMessage', { chat_id: anna.id, text: `${exact}я` }))).toEqual({
      code: 400,
      description: 'Bad Request: message is too long',
    })
    const photo = { chat_id: anna.id, photo: 'https://pics.example.com/a.png' }
    const accepting = world({ urlFiles: 'accept' })
    await expect(
      accepting.em.call('sendPhoto', { ...photo, chat_id: accepting.anna.id, caption: 'к'.repeat(1024) }),
    ).resolves.toBeTruthy()
    expect(
      await refusal(
        accepting.em.call('sendPhoto', { ...photo, chat_id: accepting.anna.id, caption: 'к'.repeat(1025) }),
      ),
    ).toEqual({ code: 400, description: 'Bad Request: message caption is too long' })
  })

  it('refuses half of an emoji, in a text or a button, and takes whole ones', async () => {
    const { em, anna } = world()
    const rocket = '🚀'
    await expect(em.call('sendMessage', { chat_id: anna.id, text: `Запуск ${rocket}` })).resolves.toBeTruthy()
    expect(await refusal(em.call('sendMessage', { chat_id: anna.id, text: `Запуск ${rocket.slice(0, 1)}` }))).toEqual({
      code: 400,
      description: 'Bad Request: text must be encoded in UTF-8',
    })
    const button = { text: `Лендинг ${rocket.slice(1)}`, callback_data: 'x' }
    const markup = { inline_keyboard: [[button]] }
    expect(await refusal(em.call('sendMessage', { chat_id: anna.id, text: 'Счёт', reply_markup: markup }))).toEqual({
      code: 400,
      description: 'Bad Request: reply_markup must be encoded in UTF-8',
    })
  })

  it('refuses an empty text, also one that is only spaces or only tags', async () => {
    const { em, anna } = world()
    for (const text of [undefined, '', '   \n ', '<b> </b>']) {
      expect(await refusal(em.call('sendMessage', { chat_id: anna.id, text, parse_mode: 'HTML' }))).toEqual({
        code: 400,
        description: 'Bad Request: message text is empty',
      })
    }
  })

  it('turns HTML into text and entities, trimming the edges as Telegram does', async () => {
    const { em, anna } = world()
    const sent = (await em.call('sendMessage', {
      chat_id: anna.id,
      text: '\n 👋 <b>Анна</b>, <i>счёт</i> &lt;№1&gt; &amp; <a href="https://pay.example.com/1">оплата</a> &nbsp;\n',
      parse_mode: 'HTML',
    })) as { text: string; entities: unknown[] }
    expect(sent.text).toBe('👋 Анна, счёт <№1> & оплата &nbsp;')
    // Offsets count UTF-16 code units: the emoji takes two
    expect(sent.entities).toEqual([
      { type: 'bold', offset: 3, length: 4 },
      { type: 'italic', offset: 9, length: 4 },
      { type: 'text_link', offset: 21, length: 6, url: 'https://pay.example.com/1' },
    ])
  })

  it("refuses HTML Telegram can't parse, naming the UTF-8 byte offset", async () => {
    const { em, anna } = world()
    const cases: [string, string][] = [
      ['Цена <div>100</div>', 'Unsupported start tag "div" at byte offset 9'],
      ['<b>жирный', "Can't find end tag corresponding to start tag b"],
      ['<b>ж<i>к</b></i>', 'Unmatched end tag at byte offset 10, expected "</i>", found "</b>"'],
      ['ж</b>', 'Unexpected end tag at byte offset 2'],
      ['2 < 3', 'Unsupported start tag "" at byte offset 2'],
      ['<a href="x"', 'Unclosed start tag at byte offset 0'],
      ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ]
    for (const [text, detail] of cases) {
      expect(await refusal(em.call('sendMessage', { chat_id: anna.id, text, parse_mode: 'HTML' }))).toEqual({
        code: 400,
        description: `Bad Request: can't parse entities: ${detail}`,
      })
    }
    // Without parse_mode the same text is just text
    await expect(em.call('sendMessage', { chat_id: anna.id, text: '2 < 3 <div>' })).resolves.toBeTruthy()
  })

  it('needs the message replied to, unless told to send anyway', async () => {
    const { em, anna } = world()
    expect(
      await refusal(em.call('sendMessage', { chat_id: anna.id, text: 'ответ', reply_parameters: { message_id: 99 } })),
    ).toEqual({ code: 400, description: 'Bad Request: message to be replied not found' })
    const sent = (await em.call('sendMessage', {
      chat_id: anna.id,
      text: 'ответ',
      reply_parameters: { message_id: 99, allow_sending_without_reply: true },
    })) as { reply_to_message?: unknown }
    expect(sent.reply_to_message).toBeUndefined()
    const reply = (await em.call('sendMessage', {
      chat_id: anna.id,
      text: 'ответ',
      reply_parameters: { message_id: 1 },
    })) as { reply_to_message?: { text?: string } }
    expect(reply.reply_to_message?.text).toBe('/start')
  })

  it('does not know chats it has never seen', async () => {
    const { em } = world()
    expect(await refusal(em.call('sendMessage', { chat_id: 4242, text: 'x' }))).toEqual({
      code: 400,
      description: 'Bad Request: chat not found',
    })
    expect(await refusal(em.call('getChat', { chat_id: -100777 }))).toMatchObject({ code: 400 })
    expect(await refusal(em.call('sendMessage', { text: 'x' }))).toEqual({
      code: 400,
      description: 'Bad Request: chat_id is empty',
    })
  })
})

describe('who the bot may write to', () => {
  it('cannot write first to someone who never opened the chat', async () => {
    const { em } = world()
    const stranger = em.addUser({ id: 555, first_name: 'Гость' })
    expect(await refusal(em.call('sendMessage', { chat_id: stranger.id, text: 'Привет' }))).toEqual({
      code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    })
    em.userMessage(stranger.id, stranger.id, { text: '/start' })
    await expect(em.call('sendMessage', { chat_id: stranger.id, text: 'Привет' })).resolves.toBeTruthy()
  })

  it('gets 403 from someone who blocked it, and a my_chat_member update both ways', async () => {
    const { em, anna } = world()
    em.setBlocked(anna.id, true)
    for (const [method, extra] of [
      ['sendMessage', { text: 'x' }],
      ['sendPhoto', { photo: 'AgAC-unknown' }],
      ['copyMessage', { from_chat_id: anna.id, message_id: 1 }],
      ['sendChatAction', { action: 'typing' }],
    ] as const) {
      expect(await refusal(em.call(method, { chat_id: anna.id, ...extra }))).toEqual({
        code: 403,
        description: 'Forbidden: bot was blocked by the user',
      })
    }
    expect(() => em.userMessage(anna.id, anna.id, { text: 'hi' })).toThrow(UserActionError)
    em.setBlocked(anna.id, false)
    await expect(em.call('sendMessage', { chat_id: anna.id, text: 'x' })).resolves.toBeTruthy()
    const statuses = em
      .pending()
      .filter((u) => u.my_chat_member)
      .map((u) => u.my_chat_member?.new_chat_member.status)
    expect(statuses).toEqual(['kicked', 'member'])
  })
})

describe('inline keyboards', () => {
  const keyboard = (data: string) => ({ inline_keyboard: [[{ text: 'Да', callback_data: data }]] })

  it('takes callback_data of 1 to 64 bytes: Cyrillic counts two bytes a letter', async () => {
    const { em, anna } = world()
    await expect(
      em.call('sendMessage', { chat_id: anna.id, text: 'x', reply_markup: keyboard('a'.repeat(64)) }),
    ).resolves.toBeTruthy()
    for (const data of ['a'.repeat(65), 'я'.repeat(33), '']) {
      expect(
        await refusal(em.call('sendMessage', { chat_id: anna.id, text: 'x', reply_markup: keyboard(data) })),
      ).toEqual({ code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' })
    }
  })

  it('wants each button to do exactly one thing, and links to be links', async () => {
    const { em, anna } = world()
    const send = (button: Record<string, unknown>) =>
      em.call('sendMessage', { chat_id: anna.id, text: 'x', reply_markup: { inline_keyboard: [[button]] } })
    expect(await refusal(send({ text: 'x' }))).toEqual({ code: 400, description: 'Bad Request: BUTTON_TYPE_INVALID' })
    expect(await refusal(send({ text: 'x', callback_data: 'a', url: 'https://a.example' }))).toMatchObject({
      description: 'Bad Request: BUTTON_TYPE_INVALID',
    })
    expect(await refusal(send({ text: 'x', url: 'javascript:alert(1)' }))).toEqual({
      code: 400,
      description: 'Bad Request: BUTTON_URL_INVALID',
    })
  })

  it('turns a press into a callback query the bot answers once', async () => {
    const { em, anna } = world()
    const sent = (await em.call('sendMessage', { chat_id: anna.id, text: 'Верно?', reply_markup: keyboard('ok') })) as {
      message_id: number
    }
    const query = em.pressButton(anna.id, anna.id, sent.message_id, 'ok')
    const update = em.pending().find((u) => u.callback_query)?.callback_query
    expect(update).toMatchObject({ id: query.id, data: 'ok', from: { id: anna.id } })
    expect(update?.message?.reply_markup).toEqual(keyboard('ok'))
    const answers: unknown[] = []
    em.on((e) => e.type === 'answer' && answers.push(e))
    await expect(em.call('answerCallbackQuery', { callback_query_id: query.id, text: 'Готово' })).resolves.toBe(true)
    expect(answers).toEqual([{ type: 'answer', chatId: anna.id, userId: anna.id, text: 'Готово', showAlert: false }])
    const tooOld = {
      code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    }
    expect(await refusal(em.call('answerCallbackQuery', { callback_query_id: query.id }))).toEqual(tooOld)
    expect(await refusal(em.call('answerCallbackQuery', { callback_query_id: 'forged' }))).toEqual(tooOld)
    // A button that is not on the message cannot be pressed
    expect(() => em.pressButton(anna.id, anna.id, sent.message_id, 'other')).toThrow(UserActionError)
  })
})

describe('editing messages', () => {
  it('refuses an edit that changes nothing: same text, same keyboard', async () => {
    const { em, anna } = world()
    const markup = { inline_keyboard: [[{ text: 'Да', callback_data: 'y' }]] }
    const { message_id } = (await em.call('sendMessage', {
      chat_id: anna.id,
      text: '<b>Итог</b>',
      parse_mode: 'HTML',
      reply_markup: markup,
    })) as { message_id: number }
    const notModified = {
      code: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    }
    const edit = (extra: Record<string, unknown>) =>
      em.call('editMessageText', { chat_id: anna.id, message_id, parse_mode: 'HTML', ...extra })
    expect(await refusal(edit({ text: '<b>Итог</b>', reply_markup: markup }))).toEqual(notModified)
    expect(
      await refusal(em.call('editMessageReplyMarkup', { chat_id: anna.id, message_id, reply_markup: markup })),
    ).toEqual(notModified)
    // The same words, no longer bold: a change
    await expect(edit({ text: 'Итог', reply_markup: markup })).resolves.toMatchObject({ text: 'Итог' })
    // Without reply_markup an edit removes the keyboard
    const plain = (await edit({ text: 'Итог' })) as { reply_markup?: unknown; edit_date?: number }
    expect(plain.reply_markup).toBeUndefined()
    expect(plain.edit_date).toBeGreaterThan(0)
    expect(await refusal(em.call('editMessageReplyMarkup', { chat_id: anna.id, message_id }))).toEqual(notModified)
  })

  it("edits only the bot's own messages that exist, text only where there is text", async () => {
    const { em, anna } = world()
    expect(await refusal(em.call('editMessageText', { chat_id: anna.id, message_id: 1, text: 'x' }))).toEqual({
      code: 400,
      description: "Bad Request: message can't be edited",
    })
    expect(await refusal(em.call('editMessageText', { chat_id: anna.id, message_id: 77, text: 'x' }))).toEqual({
      code: 400,
      description: 'Bad Request: message to edit not found',
    })
    const photo = world({ urlFiles: 'accept' })
    const sent = (await photo.em.call('sendPhoto', {
      chat_id: photo.owner.id,
      photo: 'https://pics.example.com/p.png',
      caption: 'подпись',
    })) as { message_id: number }
    expect(
      await refusal(
        photo.em.call('editMessageText', { chat_id: photo.owner.id, message_id: sent.message_id, text: 'x' }),
      ),
    ).toEqual({ code: 400, description: 'Bad Request: there is no text in the message to edit' })
    await expect(
      photo.em.call('editMessageCaption', { chat_id: photo.owner.id, message_id: sent.message_id, caption: 'новая' }),
    ).resolves.toMatchObject({ caption: 'новая' })
  })

  it('replaces a file, of any age, by another: a new file is a change though the caption stays; a text becomes a file', async () => {
    const { em, owner, tick } = world()
    const upload = (data: string, filename: string) => ({ data: Buffer.from(data), filename })
    const sent = (await em.call(
      'sendDocument',
      { chat_id: owner.id, caption: 'Все данные клиента #12.' },
      { document: upload('{"name":"Анна"}', 'client-12.json') },
    )) as { message_id: number }
    tick(3 * 86_400_000) // a bot edits its own messages at any age, past the 48 hours to delete them
    const replace = (caption: string, message_id = sent.message_id) =>
      em.call(
        'editMessageMedia',
        { chat_id: owner.id, message_id, media: { type: 'document', media: 'attach://f', caption } },
        { f: upload('erased', 'erased.txt') },
      ) as Promise<{ document: { file_id: string; file_name: string }; caption?: string; text?: string }>
    const replaced = await replace('🗑')
    expect([replaced.document.file_name, replaced.caption]).toEqual(['erased.txt', '🗑'])
    expect(em.files.data.get(replaced.document.file_id)?.toString()).toBe('erased')
    await expect(replace('🗑')).resolves.toMatchObject({ caption: '🗑' })
    const text = (await em.call('sendMessage', { chat_id: owner.id, text: 'Анна' })) as { message_id: number }
    const fromText = await replace('🗑', text.message_id)
    expect([fromText.text, fromText.document.file_name]).toEqual([undefined, 'erased.txt'])
  })

  it('lets a person edit their own message, and tells the bot', () => {
    const { em, anna } = world()
    const sent = em.userMessage(anna.id, anna.id, { text: 'Нужен сайт' })
    em.userEdit(anna.id, anna.id, sent.message_id, 'Нужен лендинг')
    const edited = em.pending().find((u) => u.edited_message)?.edited_message
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'Нужен лендинг' })
    expect(() => em.userEdit(anna.id, anna.id, 1_000, 'x')).toThrow(UserActionError)
    // An edit holds no more than a new message would: 4096 characters of text
    expect(() => em.userEdit(anna.id, anna.id, sent.message_id, 'я'.repeat(4097))).toThrow(
      'A message holds at most 4096 characters',
    )
    em.userEdit(anna.id, anna.id, sent.message_id, 'я'.repeat(4096))
    // Saved unchanged, as Telegram does it: no "edited" mark and nothing for the bot
    const before = em.pending().length
    const same = em.userEdit(anna.id, anna.id, sent.message_id, 'я'.repeat(4096))
    expect(em.pending()).toHaveLength(before)
    expect(em.userEdit(anna.id, anna.id, sent.message_id, ` ${'я'.repeat(4096)} `)).toBe(same)
  })
})

describe('forum topics', () => {
  it('gives a topic the id of the service message that opens it; sends need a live topic', async () => {
    const { em, group } = world()
    await em.call('sendMessage', { chat_id: GROUP, text: 'General' })
    const topic = (await em.call('createForumTopic', { chat_id: GROUP, name: 'Анна · #1' })) as {
      message_thread_id: number
    }
    expect(topic.message_thread_id).toBe(2)
    expect(group.messages.get(2)?.message.forum_topic_created?.name).toBe('Анна · #1')
    const inTopic = (await em.call('sendMessage', {
      chat_id: GROUP,
      text: 'Карточка',
      message_thread_id: topic.message_thread_id,
    })) as { message_thread_id: number; is_topic_message: boolean; reply_to_message: { message_id: number } }
    // In a topic every message "replies" to the topic's first message
    expect(inTopic).toMatchObject({ message_thread_id: 2, is_topic_message: true, reply_to_message: { message_id: 2 } })
    const notFound = { code: 400, description: 'Bad Request: message thread not found' }
    expect(await refusal(em.call('sendMessage', { chat_id: GROUP, text: 'x', message_thread_id: 999 }))).toEqual(
      notFound,
    )
    await em.call('deleteForumTopic', { chat_id: GROUP, message_thread_id: topic.message_thread_id })
    expect(
      await refusal(em.call('sendMessage', { chat_id: GROUP, text: 'x', message_thread_id: topic.message_thread_id })),
    ).toEqual(notFound)
  })

  it('creates topics only in a forum, and only with the right to manage them', async () => {
    const { em, group } = world()
    group.isForum = false
    expect(await refusal(em.call('createForumTopic', { chat_id: GROUP, name: 't' }))).toEqual({
      code: 400,
      description: 'Bad Request: the chat is not a forum',
    })
    group.isForum = true
    group.botRights.can_manage_topics = false
    expect(await refusal(em.call('createForumTopic', { chat_id: GROUP, name: 't' }))).toEqual({
      code: 400,
      description: 'Bad Request: not enough rights to create a topic',
    })
  })

  it('closes and reopens a topic once each; a closed topic takes only admins', async () => {
    const { em } = world()
    const { message_thread_id } = (await em.call('createForumTopic', { chat_id: GROUP, name: 't' })) as {
      message_thread_id: number
    }
    await em.call('closeForumTopic', { chat_id: GROUP, message_thread_id })
    expect(() => em.userMessage(102, GROUP, { text: 'x' }, { threadId: message_thread_id })).toThrow('closed')
    em.userMessage(101, GROUP, { text: 'owner may' }, { threadId: message_thread_id })
    await em.call('reopenForumTopic', { chat_id: GROUP, message_thread_id })
    expect(await refusal(em.call('reopenForumTopic', { chat_id: GROUP, message_thread_id }))).toEqual({
      code: 400,
      description: 'Bad Request: TOPIC_NOT_MODIFIED',
    })
  })

  it('lets an admin close and reopen a topic by hand; the bot gets each service message', async () => {
    const { em } = world()
    const { message_thread_id } = (await em.call('createForumTopic', { chat_id: GROUP, name: 't' })) as {
      message_thread_id: number
    }
    expect(() => em.userSetTopicClosed(102, GROUP, message_thread_id, true)).toThrow('Only admins')
    em.userSetTopicClosed(101, GROUP, message_thread_id, true)
    expect(() => em.userMessage(102, GROUP, { text: 'x' }, { threadId: message_thread_id })).toThrow('closed')
    expect(() => em.userSetTopicClosed(101, GROUP, message_thread_id, true)).toThrow('closed already')
    em.userSetTopicClosed(101, GROUP, message_thread_id, false)
    em.userMessage(102, GROUP, { text: 'member may' }, { threadId: message_thread_id })
    const service = em
      .pending()
      .map((u) => u.message)
      .filter((m) => m?.message_thread_id === message_thread_id && m.from?.id === 101)
    expect(service.map((m) => Object.keys(m ?? {}).find((k) => k.startsWith('forum_topic_')))).toEqual([
      'forum_topic_closed',
      'forum_topic_reopened',
    ])
  })

  it('pins a message with a service message in its topic, and needs the right to', async () => {
    const { em, group } = world()
    const { message_thread_id } = (await em.call('createForumTopic', { chat_id: GROUP, name: 't' })) as {
      message_thread_id: number
    }
    const card = (await em.call('sendMessage', { chat_id: GROUP, text: 'Карточка', message_thread_id })) as {
      message_id: number
    }
    await em.call('pinChatMessage', { chat_id: GROUP, message_id: card.message_id })
    expect(group.pinned).toEqual([card.message_id])
    const service = group.messages.get(card.message_id + 1)
    expect(service?.message).toMatchObject({ message_thread_id, pinned_message: { message_id: card.message_id } })
    // The bot gets its own pin's service message, as from Telegram (the Bot API server keeps a
    // bot's outgoing pins, as its topic changes): the pinned message comes without its reply
    const updates = (await em.call('getUpdates', {})) as Update[]
    const pin = updates.map((u) => u.message).find((m) => m?.pinned_message)
    expect(pin).toMatchObject({ message_id: card.message_id + 1, message_thread_id, from: { id: em.bot.id } })
    expect(pin?.pinned_message).toMatchObject({ message_id: card.message_id, text: 'Карточка' })
    expect(pin?.pinned_message).not.toHaveProperty('reply_to_message')
    expect(
      await refusal(em.call('copyMessage', { chat_id: GROUP, from_chat_id: GROUP, message_id: message_thread_id })),
    ).toEqual({
      code: 400,
      description: "Bad Request: message can't be copied",
    })
    expect(await refusal(em.call('pinChatMessage', { chat_id: GROUP, message_id: 500 }))).toEqual({
      code: 400,
      description: 'Bad Request: message to pin not found',
    })
    group.botRights.can_pin_messages = false
    expect(await refusal(em.call('pinChatMessage', { chat_id: GROUP, message_id: card.message_id }))).toEqual({
      code: 400,
      description: 'Bad Request: not enough rights to manage pinned messages in the chat',
    })
  })

  it('unpins by message id, or without one the newest pin of the whole group, whatever its topic', async () => {
    const { em, group } = world()
    const topic = async (name: string) =>
      ((await em.call('createForumTopic', { chat_id: GROUP, name })) as { message_thread_id: number }).message_thread_id
    const card = async (message_thread_id: number) =>
      (
        (await em.call('sendMessage', { chat_id: GROUP, text: 'Карточка', message_thread_id })) as {
          message_id: number
        }
      ).message_id
    const anna = await topic('Анна')
    const boris = await topic('Борис')
    const annas = await card(anna)
    const boriss = await card(boris)
    const annasNew = await card(anna)
    for (const id of [annas, boriss, annasNew]) await em.call('pinChatMessage', { chat_id: GROUP, message_id: id })
    await em.call('unpinChatMessage', { chat_id: GROUP, message_id: annas })
    expect(group.pinned).toEqual([boriss, annasNew])
    // Not pinned (any more), never sent, or deleted: Telegram's one answer
    const notFound = { code: 400, description: 'Bad Request: message to unpin not found' }
    expect(await refusal(em.call('unpinChatMessage', { chat_id: GROUP, message_id: annas }))).toEqual(notFound)
    expect(await refusal(em.call('unpinChatMessage', { chat_id: GROUP, message_id: 5000 }))).toEqual(notFound)
    group.messages.set(boriss, { ...(group.messages.get(boriss) as StoredMessage), deleted: true })
    expect(await refusal(em.call('unpinChatMessage', { chat_id: GROUP, message_id: boriss }))).toEqual(notFound)
    // Without a message id, the group's newest pin goes: in a forum, whichever topic it is in
    const other = await card(boris)
    await em.call('pinChatMessage', { chat_id: GROUP, message_id: other })
    await em.call('unpinChatMessage', { chat_id: GROUP })
    expect(group.pinned).toEqual([boriss, annasNew])
    group.botRights.can_pin_messages = false
    expect(await refusal(em.call('unpinChatMessage', { chat_id: GROUP, message_id: annasNew }))).toEqual({
      code: 400,
      description: 'Bad Request: not enough rights to manage pinned messages in the chat',
    })
  })
})

describe('copies, reactions, chat info', () => {
  it('copies the content, not the keyboard; a missing message cannot be copied', async () => {
    const { em, anna } = world()
    const { message_thread_id } = (await em.call('createForumTopic', { chat_id: GROUP, name: 'Анна' })) as {
      message_thread_id: number
    }
    const said = em.userMessage(anna.id, anna.id, { text: 'Сколько стоит лендинг?' })
    const copy = (await em.call('copyMessage', {
      chat_id: GROUP,
      from_chat_id: anna.id,
      message_id: said.message_id,
      message_thread_id,
    })) as { message_id: number }
    expect(em.chat(GROUP).messages.get(copy.message_id)?.message).toMatchObject({
      text: 'Сколько стоит лендинг?',
      message_thread_id,
    })
    expect(await refusal(em.call('copyMessage', { chat_id: GROUP, from_chat_id: anna.id, message_id: 404 }))).toEqual({
      code: 400,
      description: 'Bad Request: message to copy not found',
    })
    const many = await em.call('copyMessages', {
      chat_id: GROUP,
      from_chat_id: anna.id,
      message_ids: [said.message_id, 404],
      message_thread_id,
    })
    expect(many).toHaveLength(1) // missing ones are skipped
  })

  it('reacts only with the standard emoji, on a message that exists', async () => {
    const { em, anna } = world()
    await expect(
      em.call('setMessageReaction', { chat_id: anna.id, message_id: 1, reaction: [{ type: 'emoji', emoji: '👌' }] }),
    ).resolves.toBe(true)
    expect(em.chat(anna.id).messages.get(1)?.reactions).toEqual(['👌'])
    expect(
      await refusal(
        em.call('setMessageReaction', { chat_id: anna.id, message_id: 1, reaction: [{ type: 'emoji', emoji: '🧾' }] }),
      ),
    ).toEqual({ code: 400, description: 'Bad Request: REACTION_INVALID' })
  })

  it('describes the staff group as the start-up check reads it', async () => {
    const { em, group } = world()
    expect(await em.call('getChat', { chat_id: GROUP })).toMatchObject({
      id: GROUP,
      type: 'supergroup',
      is_forum: true,
    })
    expect(await em.call('getChatMember', { chat_id: GROUP, user_id: em.bot.id })).toMatchObject({
      status: 'administrator',
      can_manage_topics: true,
      can_pin_messages: true,
    })
    expect(await em.call('getChatMember', { chat_id: GROUP, user_id: 101 })).toMatchObject({ status: 'creator' })
    group.botStatus = 'member'
    expect(await em.call('getChatMember', { chat_id: GROUP, user_id: em.bot.id })).toMatchObject({ status: 'member' })
    expect(await refusal(em.call('createForumTopic', { chat_id: GROUP, name: 't' }))).toMatchObject({
      description: 'Bad Request: not enough rights to create a topic',
    })
  })
})

describe('more of what Telegram refuses', () => {
  it('deletes only what exists, albums only of 2 to 10, answers of at most 200 characters', async () => {
    const { em, anna } = world({ urlFiles: 'accept' })
    const sent = (await em.call('sendMessage', { chat_id: anna.id, text: 'удалить' })) as { message_id: number }
    await expect(em.call('deleteMessage', { chat_id: anna.id, message_id: sent.message_id })).resolves.toBe(true)
    expect(await refusal(em.call('deleteMessage', { chat_id: anna.id, message_id: sent.message_id }))).toEqual({
      code: 400,
      description: 'Bad Request: message to delete not found',
    })
    const photo = { type: 'photo', media: 'https://pics.example.com/1.png' }
    expect(await refusal(em.call('sendMediaGroup', { chat_id: anna.id, media: [photo] }))).toMatchObject({ code: 400 })
    const album = (await em.call('sendMediaGroup', { chat_id: anna.id, media: [photo, photo] })) as {
      media_group_id: string
    }[]
    expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1)
    const markup = { inline_keyboard: [[{ text: 'Да', callback_data: 'y' }]] }
    const asked = (await em.call('sendMessage', { chat_id: anna.id, text: '?', reply_markup: markup })) as {
      message_id: number
    }
    const query = em.pressButton(anna.id, anna.id, asked.message_id, 'y')
    expect(
      await refusal(em.call('answerCallbackQuery', { callback_query_id: query.id, text: 'я'.repeat(201) })),
    ).toEqual({ code: 400, description: 'Bad Request: MESSAGE_TOO_LONG' })
  })

  it('in an open world (the test suite’s) takes a message it never saw for the bot’s, but never one with an id not given yet', async () => {
    const { em, anna } = world({ openWorld: { chat: () => ({}) } })
    const chat = em.chat(anna.id)
    // History from before the emulator watched: its ids are below the chat's last
    chat.lastMessageId += 5
    await expect(em.call('deleteMessage', { chat_id: anna.id, message_id: chat.lastMessageId - 1 })).resolves.toBe(true)
    expect(await refusal(em.call('deleteMessage', { chat_id: anna.id, message_id: chat.lastMessageId + 1 }))).toEqual({
      code: 400,
      description: 'Bad Request: message to delete not found',
    })
  })

  it('deletes within 48 hours only, and never the message that opened a topic', async () => {
    const { em, anna, tick } = world()
    const early = (await em.call('sendMessage', { chat_id: anna.id, text: 'раньше' })) as { message_id: number }
    tick(47 * 3_600_000)
    const late = (await em.call('sendMessage', { chat_id: anna.id, text: 'позже' })) as { message_id: number }
    tick(3_600_000)
    expect(await refusal(em.call('deleteMessage', { chat_id: anna.id, message_id: early.message_id }))).toEqual({
      code: 400,
      description: "Bad Request: message can't be deleted",
    })
    // Several at once: what may not go is skipped
    await expect(
      em.call('deleteMessages', { chat_id: anna.id, message_ids: [early.message_id, late.message_id] }),
    ).resolves.toBe(true)
    const left = [...(em.chats.get(anna.id)?.messages.values() ?? [])].filter((m) => !m.deleted)
    expect(left.map((m) => m.message.text)).toContain('раньше')
    expect(left.map((m) => m.message.text)).not.toContain('позже')

    const topic = (await em.call('createForumTopic', { chat_id: GROUP, name: 'Анна' })) as {
      message_thread_id: number
    }
    expect(await refusal(em.call('deleteMessage', { chat_id: GROUP, message_id: topic.message_thread_id }))).toEqual({
      code: 400,
      description: "Bad Request: message can't be deleted",
    })
  })

  it('speaks HTML only, and edits take inline keyboards only', async () => {
    const { em, anna } = world()
    expect(
      await refusal(em.call('sendMessage', { chat_id: anna.id, text: '*жирный*', parse_mode: 'MarkdownV2' })),
    ).toMatchObject({ code: 400, description: expect.stringContaining('parse_mode') })
    const sent = (await em.call('sendMessage', { chat_id: anna.id, text: 'x' })) as { message_id: number }
    const keyboard = { keyboard: [[{ text: 'Поделиться номером', request_contact: true }]] }
    expect(
      await refusal(
        em.call('editMessageReplyMarkup', { chat_id: anna.id, message_id: sent.message_id, reply_markup: keyboard }),
      ),
    ).toMatchObject({ code: 400 })
    // Sent with a message, a reply keyboard belongs to the chat; removing it takes it away
    await em.call('sendMessage', { chat_id: anna.id, text: 'Номер?', reply_markup: keyboard })
    expect(em.chat(anna.id).keyboard?.keyboard[0]?.[0]).toMatchObject({ request_contact: true })
    await em.call('sendMessage', { chat_id: anna.id, text: 'Спасибо', reply_markup: { remove_keyboard: true } })
    expect(em.chat(anna.id).keyboard).toBeUndefined()
  })
})

describe('command menus', () => {
  it('checks commands and shows each person the narrowest menu set for them', async () => {
    const { em, anna, owner } = world()
    const menu = (...names: string[]) => names.map((command) => ({ command, description: `do ${command}` }))
    await em.call('setMyCommands', { commands: menu('start', 'help') })
    await em.call('setMyCommands', { commands: menu('start', 'pomosch'), language_code: 'ru' })
    await em.call('setMyCommands', { commands: menu('stats'), scope: { type: 'chat', chat_id: owner.id } })
    await em.call('setMyCommands', { commands: menu('close'), scope: { type: 'chat', chat_id: GROUP } })
    expect(em.commandsFor(anna.id, anna.id).map((c) => c.command)).toEqual(['start', 'pomosch'])
    expect(em.commandsFor(owner.id, owner.id).map((c) => c.command)).toEqual(['stats'])
    expect(em.commandsFor(GROUP, 102).map((c) => c.command)).toEqual(['close'])
    expect(await refusal(em.call('setMyCommands', { commands: menu('Start') }))).toEqual({
      code: 400,
      description: 'Bad Request: BOT_COMMAND_INVALID',
    })
    expect(
      await refusal(em.call('setMyCommands', { commands: [{ command: 'start', description: 'x'.repeat(257) }] })),
    ).toEqual({ code: 400, description: 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID' })
    await em.call('deleteMyCommands', { scope: { type: 'chat', chat_id: owner.id } })
    expect(em.commandsFor(owner.id, owner.id).map((c) => c.command)).toEqual(['start', 'help'])
  })
})

describe('updates', () => {
  it('hands out updates by offset: what is below the offset is confirmed and gone', async () => {
    const { em, anna } = world()
    em.userMessage(anna.id, anna.id, { text: 'два' })
    em.userMessage(anna.id, anna.id, { text: 'три' })
    const all = (await em.call('getUpdates', {})) as { update_id: number; message: { text: string } }[]
    expect(all.map((u) => u.message.text)).toEqual(['/start', 'два', 'три'])
    const rest = (await em.call('getUpdates', { offset: (all[0]?.update_id ?? 0) + 1, limit: 1 })) as unknown[]
    expect(rest).toHaveLength(1)
    expect(await em.call('getUpdates', { offset: (all[2]?.update_id ?? 0) + 1 })).toEqual([])
  })

  it('long polling waits for the next update and ends the older of two waiting requests with 409', async () => {
    const { em, anna } = world()
    const [start] = (await em.call('getUpdates', {})) as { update_id: number }[]
    const offset = (start?.update_id ?? 0) + 1
    const first = em.call('getUpdates', { offset, timeout: 30 })
    const second = em.call('getUpdates', { offset, timeout: 30 })
    expect(await refusal(first)).toEqual({
      code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    })
    em.userMessage(anna.id, anna.id, { text: 'ещё' })
    expect(((await second) as { message: { text: string } }[]).map((u) => u.message.text)).toEqual(['ещё'])
  })

  it('delivers only the kinds of updates the bot asked for', async () => {
    const { em, anna } = world()
    await em.call('getUpdates', { offset: -1, allowed_updates: ['callback_query'] })
    await em.call('getUpdates', { offset: 100 })
    em.userMessage(anna.id, anna.id, { text: 'не придёт' })
    expect(em.pending()).toEqual([])
  })

  it('refuses getUpdates while a webhook is set', async () => {
    const { em } = world()
    await em.call('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 'abc_DEF-123' })
    expect(await refusal(em.call('getUpdates', {}))).toEqual({
      code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    })
    expect(await refusal(em.call('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 'no spaces' }))).toEqual(
      { code: 400, description: 'Bad Request: secret token contains unallowed characters' },
    )
    await em.call('deleteWebhook', { drop_pending_updates: true })
    expect(await em.call('getUpdates', {})).toEqual([])
    em.close()
  })
})

describe('files', () => {
  it('knows only file ids it gave out, and refuses links it cannot download', async () => {
    const { em, anna } = world()
    const sent = em.userMessage(anna.id, anna.id, {
      document: { data: Buffer.from('name: test'), filename: 'my content.yaml' },
    })
    const file = (await em.call('getFile', { file_id: sent.document?.file_id })) as { file_path: string }
    expect(em.files.download(file.file_path)?.data.toString()).toBe('name: test')
    expect(await refusal(em.call('getFile', { file_id: 'BQAC-made-up' }))).toEqual({
      code: 400,
      description: 'Bad Request: invalid file_id',
    })
    expect(await refusal(em.call('sendDocument', { chat_id: anna.id, document: 'BQAC-made-up' }))).toEqual({
      code: 400,
      description: 'Bad Request: wrong file identifier/HTTP URL specified',
    })
    // example.com names never resolve: Telegram cannot fetch them either
    expect(
      await refusal(em.call('sendPhoto', { chat_id: anna.id, photo: 'https://lakonika.example.com/img/landing.jpg' })),
    ).toEqual({ code: 400, description: 'Bad Request: failed to get HTTP URL content' })
    // A "%" that starts no escape is a valid link, fetched (and here refused) like any other
    expect(
      await refusal(em.call('sendPhoto', { chat_id: anna.id, photo: 'https://example.com/landing-50%off.jpg' })),
    ).toEqual({ code: 400, description: 'Bad Request: failed to get HTTP URL content' })
    // A file id is sent again as the same file
    const again = (await em.call('sendDocument', { chat_id: anna.id, document: sent.document?.file_id })) as {
      document: { file_id: string }
    }
    expect(again.document.file_id).toBe(sent.document?.file_id)
  })
  it('takes uploads of up to 50 MB from a bot, and refuses a larger request whole', async () => {
    const { em, owner } = world()
    const upload = (bytes: number) =>
      em.call('sendDocument', { chat_id: owner.id }, { document: { data: Buffer.alloc(bytes), filename: 'big.csv' } })
    await expect(upload(50 * 1024 * 1024)).resolves.toBeTruthy()
    expect(await refusal(upload(50 * 1024 * 1024 + 1))).toEqual({ code: 413, description: 'Request Entity Too Large' })
  })
  it('keeps the contents in its folder, outside the saved world; a world saved with them inline moves them there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-files-'))
    const { em, anna } = world({ filesDir: dir })
    const brief = Buffer.from('%PDF brief')
    const sent = em.userMessage(anna.id, anna.id, { document: { data: brief, filename: 'brief.pdf' } })
    const id = sent.document?.file_id ?? ''
    const saved = em.snapshot()
    expect(JSON.stringify(saved)).not.toContain(brief.toString('base64'))
    const restored = (snapshot: typeof saved, filesDir: string) => {
      const again = new TelegramEmulator({ token: TOKEN, filesDir })
      again.restore(snapshot)
      return again
    }
    expect(restored(saved, dir).files.data.get(id)).toEqual(brief)
    // Saved before the contents had a folder: read from the world once, kept in the folder from then on
    const inline = { ...saved, files: { ...saved.files, data: [[id, brief.toString('base64')]] as [string, string][] } }
    const older = mkdtempSync(join(tmpdir(), 'cd-files-'))
    const moved = restored(inline, older).snapshot()
    expect(restored(moved, older).files.data.get(id)).toEqual(brief)
  })
})

describe('flood limits', () => {
  it('are checked last: a call refused for another reason costs nothing', async () => {
    const { em, anna } = world({ rateLimits: true })
    for (let i = 0; i < 5; i++) await em.call('sendMessage', { chat_id: anna.id, text: `${i}` })
    expect(await refusal(em.call('sendMessage', { chat_id: anna.id, text: 'x' }))).toMatchObject({ code: 429 })
    const other = world({ rateLimits: true })
    for (let i = 0; i < 5; i++) await refusal(other.em.call('sendMessage', { chat_id: other.anna.id, text: '' }))
    await expect(other.em.call('sendMessage', { chat_id: other.anna.id, text: 'x' })).resolves.toBeTruthy()
    expect(em.limiter?.refused).toBe(1)
  })

  it('can be switched off and on', async () => {
    const { em, anna } = world({ rateLimits: true })
    em.setRateLimits(false)
    for (let i = 0; i < 10; i++) await em.call('sendMessage', { chat_id: anna.id, text: `${i}` })
    em.setRateLimits(true)
    expect(em.limiter).toBeDefined()
  })
})
