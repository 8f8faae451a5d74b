import type { Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import {
  checkStaffGroup,
  describeStaffGroup,
  inspectStaffGroup,
  type StaffGroupState,
} from '../../src/bot/staff-group-check.ts'
import { BOT_ID } from '../helpers/fake-telegram.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('bad input gets a short, clear answer and never crashes the bot', () => {
  it('unknown commands, stickers, places and free text in a private chat: a person is offered', async () => {
    const h = createHarness()
    const user = h.u.user(501)
    await h.send(h.u.text(user, '/start'))
    h.fake.clearCalls()
    await h.send(h.u.text(user, '/teleport now'))
    expect(h.fake.lastTextTo(user.id)).toBe('Такой команды я не знаю. Список команд — /help')
    // Logged by its shape only: what follows the slash may be a phone number or a name
    await h.send(h.u.text(user, '/89161234567'), h.u.text(user, '/Export@clientdesk_bot'))
    expect(h.fake.lastTextTo(user.id)).toBe('Такой команды я не знаю. Список команд — /help')
    const logged = h.logs.filter((l) => l.msg === 'unknown command')
    expect(logged.map((l) => ({ command: l.command, length: l.length }))).toEqual([
      { command: undefined, length: 9 },
      { command: undefined, length: 12 },
      { command: 'export', length: 22 },
    ])
    expect(JSON.stringify(h.logs)).not.toContain('89161234567')
    // A typo of a command that works here: which one it likely was
    await h.send(h.u.text(user, '/strat'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Может быть, вы имели в виду /start?\nТакой команды я не знаю. Список команд — /help',
    )
    // Kept in the transcript as a text is, and followed into the topic as themselves: a person is offered
    // (Minutes apart: an attachment moments after the offer is under the offer already made). A voice
    // message or a photo opens a request by itself: client-files.test.ts
    for (const update of [h.u.sticker(user), h.u.location(user)]) {
      h.clock.advance(3 * 60_000)
      await h.send(update)
      expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
      expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:ask', 'menu:main'])
    }
    // What the transcript cannot keep (a story forwarded) gets the menu
    const story = h.u.text(user, '')
    const { text: _none, ...rest } = story.message as NonNullable<Update['message']>
    await h.send({ ...story, message: { ...rest, story: { chat: rest.chat, id: 7 } } })
    expect(h.fake.lastTextTo(user.id)).toContain('пока не умею обрабатывать')
    await h.send(h.u.text(user, 'я'.repeat(4096)))
    expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
    // a question the bot cannot answer is one tap from a person, who sees it in the transcript
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:ask', 'menu:main'])
    expect(h.fake.calls.every((c) => c.ok)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('"/stat" from an owner is taken for /stats, their own command, not /start; a client, who has no /stats, is offered /start', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/stat'))
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Может быть, вы имели в виду /stats?\nТакой команды я не знаю. Список команд — /help',
    )
    // An owner's typo of a client's command is still that command
    await h.send(h.u.text(owner, '/strat'))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^Может быть, вы имели в виду \/start\?\n/)
    const user = h.u.user(508)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/stat'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Может быть, вы имели в виду \/start\?\n/)
    expect(h.errors()).toEqual([])
  })

  it('a sticker added moments after a few words is under the offer already made, as are a few words more: not a copy of it', async () => {
    const h = createHarness()
    const user = h.u.user(507)
    await h.send(h.u.text(user, '/start'))
    const before = h.fake.sentTo(user.id).length
    // A few words, no question: the offer (a question would open a request at once)
    await h.send(h.u.text(user, 'Такой сайт'), h.u.sticker(user))
    expect(
      h.fake
        .sentTo(user.id)
        .slice(before)
        .map((c) => String(c.payload.text)),
    ).toEqual([expect.stringContaining('нажмите «💬 Написать менеджеру»')])
    // A few words more, still no question: under the same offer too (read with the words before)
    await h.send(h.u.text(user, 'И сроки'))
    expect(h.fake.sentTo(user.id).slice(before)).toHaveLength(1)
    // Minutes later a sticker is no longer under that offer: offered again
    h.clock.advance(3 * 60_000)
    await h.send(h.u.sticker(user))
    expect(h.fake.sentTo(user.id).slice(before)).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('a question in Chinese or Japanese reaches a manager, as one in Russian does, under the offer standing too', async () => {
    const h = createHarness()
    for (const [n, question] of [
      // No spaces between words, and the full-width question mark
      '你好，我想做一个网站，多少钱？',
      '我们公司需要一个新的网站，包括在线商店和博客功能，请尽快联系我',
      'ウェブサイトを作りたいです',
    ].entries()) {
      const user = h.u.user(520 + n, { first_name: 'Wei', language_code: 'en' })
      // Emoji alone first: the offer of a manager stands when the question comes
      await h.send(h.u.text(user, '/start'), h.u.text(user, '👍👍🔥'), h.u.text(user, question))
      expect(h.fake.lastTextTo(user.id), question).toContain("I'm passing you to a manager")
    }
    // A thanks in those languages is a word or three: no request, the offer at most
    for (const [n, thanks] of ['ありがとう', '谢谢你们', '好的，谢谢', '谢谢你的帮助', 'ขอบคุณครับ'].entries()) {
      const user = h.u.user(530 + n, { first_name: 'Wei', language_code: 'en' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, thanks))
      expect(h.fake.lastTextTo(user.id), thanks).not.toContain("I'm passing you to a manager")
      expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, user.id)!.id), thanks).toBe(false)
    }
    expect(h.errors()).toEqual([])
  })

  it('a menu item’s words typed: asking for a person is done at once, any other is its button, one tap away', async () => {
    const h = createHarness()
    const user = h.u.user(508, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    await h.send(h.u.text(user, 'Book a callback'))
    expect(h.fake.lastTextTo(user.id)).toBe('It is in the menu — tap the button 👇')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: '📞 Book a callback', data: 'menu:booking' }])
    await h.send(h.u.text(user, 'talk to a manager'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Kate, I'm passing you to a manager/)
    expect(h.deps.services.handoff.current(findClientByTelegramId(h.deps.db, user.id)!.id)).toBeDefined()
    // In Russian too, without the emoji and capitals
    const ru = h.u.user(509)
    await h.send(h.u.text(ru, '/start'), h.u.text(ru, 'заказать звонок'))
    expect(h.fake.lastButtonsTo(ru.id)).toEqual([{ text: '📞 Заказать звонок', data: 'menu:booking' }])
    // A call wished for in other words is booking's too; one not wanted is not
    const wish = h.u.user(511)
    await h.send(h.u.text(wish, '/start'), h.u.text(wish, 'хочу звонок'))
    expect(h.fake.lastButtonsTo(wish.id)).toEqual([{ text: '📞 Заказать звонок', data: 'menu:booking' }])
    await h.send(h.u.text(wish, 'звонок не нужен'))
    expect(h.fake.lastTextTo(wish.id)).not.toBe('Это есть в меню — нажмите кнопку 👇')
    // Said among a few words of their own; after a closed request too, which it does not reopen
    const said = h.u.user(510, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.text(said, '/start'), h.u.text(said, 'I want to find the right service'))
    expect(h.fake.lastButtonsTo(said.id)).toEqual([{ text: '🎯 Find the right service', data: 'menu:quiz' }])
    await h.drain()
    const { id: kate, topicId } = findClientByTelegramId(h.deps.db, user.id)!
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId!, '/close force договорились'))
    expect(h.deps.services.handoff.isOpen(kate)).toBe(false)
    await h.send(h.u.text(user, 'can I book a callback please'))
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: '📞 Book a callback', data: 'menu:booking' }])
    expect(h.deps.services.handoff.isOpen(kate)).toBe(false)
    // Many more words are a message of their own
    await h.send(h.u.text(ru, 'мне бы заказать звонок на завтра после обеда если можно'))
    expect(h.fake.lastTextTo(ru.id)).not.toBe('Это есть в меню — нажмите кнопку 👇')
    expect(h.errors()).toEqual([])
  })

  it('an unknown command in a client topic is answered there and logged by its shape only', async () => {
    const h = createHarness()
    h.deps.services.staff.add(5_100_001, 'manager', OWNER_ID, 'Иван')
    const user = h.u.user(901, { first_name: 'Мария', username: 'maria_k' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId as number
    const manager = h.u.user(5_100_001, { first_name: 'Иван' })
    // The client's number or @username pasted after a slash by mistake
    await h.send(
      h.u.staffText(manager, topicId, '/89161234567 перезвонить'),
      h.u.staffText(manager, topicId, '/maria_k'),
    )
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Такой команды нет')
    const logged = h.logs.filter((l) => l.msg === 'command a client topic does not take')
    expect(logged.map((l) => ({ command: l.command, length: l.length }))).toEqual([
      { command: undefined, length: 12 },
      { command: undefined, length: 8 },
    ])
    expect(JSON.stringify(h.logs)).not.toContain('89161234567')
    expect(JSON.stringify(h.logs)).not.toContain('maria_k')
    // A typo of one of the topic's commands: which one it likely was, first
    await h.send(h.u.staffText(manager, topicId, '/cards'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toMatch(/^Может быть, вы имели в виду \/card\?\nТакой команды нет\./)
    // Another place's command typed in a topic: where it works, and what the topic takes
    await h.send(h.u.staffText(manager, topicId, '/help'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      [
        '/help работает в личном чате с ботом. Здесь, в общем чате группы и в любой теме: /today, /find, /duty, /handover, /followups (владельцы).',
        'В теме клиента: /r, /close, /assign, /tag, /card, /note, /unsend, /offer, /call, /invoice, /paid, /done, /followups, /duty, /handover, /find, /today; начните сообщение с //, чтобы оставить заметку.',
      ].join('\n'),
    )
  })

  it('stale or forged buttons are answered, nothing is stored', async () => {
    const h = createHarness()
    const user = h.u.user(502)
    await h.send(h.u.text(user, '/start'))
    for (const data of ['menu:hack', 'consent:maybe', 'forget:', 'quiz:1:999999', 'x'.repeat(64)]) {
      await h.send(h.u.callback(user, data))
      expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
        'Эта кнопка уже неактуальна. Откройте /menu',
      )
    }
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client?.consentAt).toBeNull()
    expect(client?.deletedAt).toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('every main menu entry leads somewhere: no dead end, no stale-button answer', async () => {
    const h = createHarness()
    const user = h.u.user(503)
    await h.send(h.u.text(user, '/start'))
    const entries: string[] = []
    const menu = h.fake.sentTo(user.id)[0]?.payload.reply_markup.inline_keyboard.flat() as { callback_data: string }[]
    entries.push(...menu.map((b) => b.callback_data))
    expect(entries).toHaveLength(6)
    for (const data of entries) {
      await h.send(h.u.text(user, '/menu'))
      const before = h.fake.calls.length
      await h.send(h.u.callback(user, data))
      const after = h.fake.calls.slice(before)
      const toast = after.find((c) => c.method === 'answerCallbackQuery')?.payload.text
      expect(toast, data).not.toBe('Эта кнопка уже неактуальна. Откройте /menu')
      expect(
        after.some((c) => c.ok && c.payload.chat_id === user.id && c.method.startsWith('send')),
        data,
      ).toBe(true)
    }
    expect(h.errors()).toEqual([])
  })

  it('About shows the business, working hours in words and contacts', async () => {
    const h = createHarness()
    const user = h.u.user(504)
    await h.send(h.u.callback(user, 'menu:about'))
    const text = h.fake.lastTextTo(user.id)
    expect(text).toContain('Лаконика')
    expect(text).toMatch(/Работаем: пн–пт 10:00–19:00, сб 11:00–16:00 \(Москва, UTC\+3\)/i)
  })

  it('About reads the working hours to an English client on the clock of every other time they see', async () => {
    const h = createHarness()
    const user = h.u.user(506, { language_code: 'en' })
    await h.send(h.u.callback(user, 'menu:about'))
    expect(h.fake.lastTextTo(user.id)).toContain('🕐 Open: Mon–Fri 10:00–19:00, Sat 11:00–16:00 (Moscow Time, UTC+3)')
  })

  it('client commands in the staff group get a hint; other groups are ignored', async () => {
    const h = createHarness()
    const manager = h.u.user(505)
    await h.send(h.u.text(manager, '/start', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe('Эта команда работает в личном чате с ботом.')
    await h.send(h.u.text(manager, '/start', { chatId: -1009999 }), h.u.text(manager, 'hi', { chatId: -1009999 }))
    expect(h.fake.sentTo(-1009999)).toEqual([])
    expect(findClientByTelegramId(h.deps.db, manager.id)).toBeUndefined()
  })
})

describe('staff commands outside a client topic', () => {
  it("a topic's or an owner's command in General gets a hint where it works; a stranger's and another bot's get nothing", async () => {
    const h = createHarness()
    h.deps.services.staff.add(5_050_001, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(5_050_001, { first_name: 'Мария' })
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(manager, '/invoice 5000', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    const hint = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(hint).toContain('/invoice работает в теме клиента')
    expect(hint).toContain('/today')
    await h.send(h.u.text(owner, '/stats', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/stats работает в личном чате с ботом')
    // A manager is not sent to their private chat for a refusal there
    await h.send(h.u.text(manager, '/stats', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('/stats — команда владельца бота')
    // Any of a client's commands (/help too) works in the private chat; the team hears what works here
    await h.send(h.u.text(manager, '/help', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      '/help работает в личном чате с ботом. Здесь, в общем чате группы и в любой теме: /today, /find, /duty, /handover, /followups (владельцы).',
    )
    // A typo of one of the group's own: which one it likely was, first, as in a topic
    await h.send(h.u.text(manager, '/fnd Анна', { chatId: STAFF_GROUP_ID }))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      [
        'Может быть, вы имели в виду /find?',
        'Такой команды нет. Здесь, в общем чате группы и в любой теме: /today, /find, /duty, /handover, /followups (владельцы).',
      ].join('\n'),
    )
    const before = h.fake.sentTo(STAFF_GROUP_ID).length
    await h.send(
      h.u.text(h.u.user(5_050_002), '/invoice 5000', { chatId: STAFF_GROUP_ID }),
      h.u.text(manager, '/invoice@some_other_bot 5000', { chatId: STAFF_GROUP_ID }),
    )
    await h.drain()
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toHaveLength(before)
    expect(h.errors()).toEqual([])
  })
})

describe('Telegram errors', () => {
  it('a 403 marks the client blocked; their next message unblocks them', async () => {
    const h = createHarness()
    const user = h.u.user(601)
    await h.send(h.u.text(user, '/start'))
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.text(user, '/help'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.blockedAt).toBe(h.clock.now())
    expect(h.errors()).toEqual([])

    // jobs send through bot.api: the same rule applies there
    h.fake.blockedChats.delete(user.id)
    await h.send(h.u.text(user, '/help'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.blockedAt).toBeNull()
    h.fake.blockedChats.add(user.id)
    await expect(h.bot.api.sendMessage(user.id, 'reminder')).rejects.toThrow(/blocked/)
    expect(findClientByTelegramId(h.deps.db, user.id)?.blockedAt).toBe(h.clock.now())
  })

  it('my_chat_member "kicked" marks the client blocked without counting as activity', async () => {
    const h = createHarness()
    const user = h.u.user(602)
    await h.send(h.u.text(user, '/start'))
    const seen = findClientByTelegramId(h.deps.db, user.id)!.lastSeenAt
    h.clock.advance(60_000)
    await h.send(h.u.myChatMember(user, 'kicked'))
    expect(findClientByTelegramId(h.deps.db, user.id)).toMatchObject({ blockedAt: h.clock.now(), lastSeenAt: seen })
    await h.send(h.u.myChatMember(user, 'member'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.blockedAt).toBeNull()
  })

  it('retries a 429 after retry_after and a 5xx, so the client still gets the answer', async () => {
    const h = createHarness()
    const user = h.u.user(603)
    h.fake.tooManyRequests({ method: 'sendMessage' }, 1)
    h.fake.fail({ method: 'sendMessage', error_code: 500, description: 'Internal Server Error' })
    await h.send(h.u.text(user, '/help'))
    const sends = h.fake.callsOf('sendMessage')
    expect(sends.map((c) => c.ok)).toEqual([false, false, true])
    expect(h.fake.lastTextTo(user.id)).toContain('Что я умею')
  })

  it('an unexpected failure is logged with the kind of update and the client gets a brief answer', async () => {
    const h = createHarness()
    const user = h.u.user(604_318_977, { first_name: 'Зинаида' })
    h.fake.fail({ method: 'sendMessage', error_code: 400, description: 'Bad Request: message is too long' })
    await h.send(h.u.text(user, '/help'))
    expect(h.errors()).toHaveLength(1)
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.errors()[0]).toMatchObject({
      msg: 'update failed',
      update: 'message',
      clientId: client.id,
      err: { method: 'sendMessage', description: 'Bad Request: message is too long' },
    })
    // Who it was and what the bot was saying stay out of the logs (the request's chat and text too)
    const line = JSON.stringify(h.errors()[0])
    expect(line).not.toContain(String(user.id))
    expect(line).not.toContain('Зинаида')
    expect(line).not.toContain('payload')
    expect(h.fake.lastTextTo(user.id)).toContain('что-то пошло не так')
  })
})

describe('staff group check', () => {
  it('explains each misconfiguration', async () => {
    const h = createHarness()
    expect(await checkStaffGroup(h.bot.api, STAFF_GROUP_ID, BOT_ID)).toEqual([])
    h.fake.forumEnabled = false
    h.fake.botIsAdmin = false
    expect(await checkStaffGroup(h.bot.api, STAFF_GROUP_ID, BOT_ID)).toEqual(['topics-off', 'bot-not-admin'])
    h.fake.fail({ method: 'getChat', error_code: 400, description: 'Bad Request: chat not found' })
    expect(await checkStaffGroup(h.bot.api, STAFF_GROUP_ID, BOT_ID)).toEqual(['not-found'])
    expect(h.deps.i18n.t('ru', 'staff-check-topics-off')).toContain('«Темы»')
  })

  it('tells which admin rights the bot uses but lacks, apart from what stops handoffs', async () => {
    const h = createHarness()
    expect(await inspectStaffGroup(h.bot.api, STAFF_GROUP_ID, BOT_ID)).toEqual({ problems: [], missingRights: [] })
    h.fake.botRights.can_pin_messages = false
    h.fake.botRights.can_delete_messages = false
    const state = await inspectStaffGroup(h.bot.api, STAFF_GROUP_ID, BOT_ID)
    expect(state).toEqual({ problems: [], missingRights: ['pin', 'delete'] })
    // A group without Pin and Delete still takes handoffs
    expect(await checkStaffGroup(h.bot.api, STAFF_GROUP_ID, BOT_ID)).toEqual([])
    h.fake.botRights.can_manage_topics = false
    expect(await inspectStaffGroup(h.bot.api, STAFF_GROUP_ID, BOT_ID)).toEqual({
      problems: ['no-topic-rights'],
      missingRights: ['pin', 'delete'],
    })
  })

  it('has a text in every language for every problem and right it can report', () => {
    const h = createHarness()
    const everything: StaffGroupState = {
      problems: ['not-found', 'not-supergroup', 'topics-off', 'bot-not-admin', 'no-topic-rights'],
      missingRights: ['pin', 'delete'],
    }
    const lines = describeStaffGroup(STAFF_GROUP_ID, everything, [STAFF_GROUP_ID])
    expect(lines).toHaveLength(8)
    for (const locale of ['ru', 'en']) {
      // A missing key would show as its name
      for (const line of lines) expect(h.deps.i18n.t(locale, line.key)).not.toMatch(/staff-check-/)
    }
    expect(describeStaffGroup(STAFF_GROUP_ID, { problems: [], missingRights: [] }, [STAFF_GROUP_ID])).toEqual([])
    expect(describeStaffGroup(STAFF_GROUP_ID, { problems: [], missingRights: ['pin'] }, [STAFF_GROUP_ID])).toEqual([
      { key: 'staff-check-rights-title' },
      { key: 'staff-check-no-pin-rights' },
    ])
  })
})
