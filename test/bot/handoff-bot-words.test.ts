/**
 * What the bot itself tells a client whose request is open — that it passes them on, that the team
 * is closed tonight, that the person in charge knows — reaches their topic too, in its place among
 * the client's messages: the manager reads what the client was told before answering them.
 */
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { bookingsOf, contentWith, slotData } from '../helpers/booking.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

/** How the topic marks what the bot sent the client (as a history and a follow-up's line do). */
const BOT = '🤖 The bot sent the client: '

/** What staff read in the client's topic, message by message in the order they came (a copy by its text). */
function topicView(h: Harness, user: User): string[] {
  const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId
  return [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()]
    .filter((m) => topicId != null && m.message.message_thread_id === topicId)
    .map((m) => m.message.text ?? m.message.caption ?? '')
    .filter((text) => text !== '')
}

/** The topic's message holding `words`, which must be one. */
function messageWith(h: Harness, user: User, words: string): string {
  const found = topicView(h, user).filter((text) => text.includes(words))
  expect(found).toHaveLength(1)
  return found[0] ?? ''
}

/** English staff and an English-speaking client, on Monday 23 November 2026 at 12:00 in Moscow (working hours). */
async function englishClient(id: number, name: string) {
  const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
  const user = h.u.user(id, { first_name: name, language_code: 'en' })
  await h.send(h.u.text(user, '/start'))
  return { h, user }
}

describe('what the bot tells a client with an open request, in their topic', () => {
  it('asked for a manager: the history posted into the topic ends with the bot passing them on, once', async () => {
    const { h, user } = await englishClient(9601, 'Anna')
    await h.send(h.u.text(user, '/manager'))
    const told = h.fake.lastTextTo(user.id)
    expect(told).toContain("Anna, I'm passing you to a manager")
    await h.drain()
    const shown = topicView(h, user)
    // The card, then the history: the bot's line in it, as its other lines, last
    expect(shown).toHaveLength(2)
    expect(shown[1]).toMatch(/^📜 Conversation with the client/)
    expect(shown[1]?.endsWith(`Bot: ${told}`)).toBe(true)
    expect(shown.filter((text) => text.includes("I'm passing you to a manager"))).toHaveLength(1)

    // Pressed again: the topic reads the client asking again, and under it what the bot answered
    // them, in one message
    await h.send(h.u.text(user, '/manager'))
    const again = h.fake.lastTextTo(user.id)
    expect(again).toContain('Anna, your question is already with our managers')
    await h.drain()
    const after = topicView(h, user).slice(shown.length)
    expect(after).toHaveLength(1)
    expect(after[0]).toMatch(/^🙋 The client asks for a manager again/)
    expect(after[0]?.endsWith(`\n${BOT}${again}`)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it("a later request in the same topic: its history ends with the bot's words, the topic's rename queued between them notwithstanding", async () => {
    const { h, user } = await englishClient(9610, 'Iris')
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicOf(h, user), '/close'))
    await h.drain()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    await h.drain()
    h.clock.advance(2 * 24 * 60 * 60_000)
    const seen = topicView(h, user).length
    const put = h.fake.calls.length
    await h.send(h.u.callback(user, 'menu:manager'))
    const told = h.fake.lastTextTo(user.id)
    expect(told).toContain("Iris, I'm passing you to a manager")
    await h.drain()
    const after = topicView(h, user).slice(seen)
    expect(after[0]).toMatch(/^🔔 New request/)
    expect(after[1]).toMatch(/^📜 Conversation with the client/)
    expect(after[1]?.endsWith(`Bot: ${told}`)).toBe(true)
    expect(after).toHaveLength(2)
    // The topic's title follows the request too: renamed, after the history
    const calls = h.fake.calls.slice(put).filter((c) => c.payload.chat_id === STAFF_GROUP_ID)
    expect(calls.map((c) => c.method)).toContain('editForumTopic')
    expect(h.errors()).toEqual([])
  })

  it('what the client writes right after is copied as ever: none more for the group', async () => {
    const { h, user } = await englishClient(9602, 'Ben')
    await h.send(h.u.text(user, '/manager'), h.u.text(user, 'I need a logo for my bakery'))
    await h.drain()
    const shown = topicView(h, user)
    expect(shown.at(-2)).toContain("Bot: Ben, I'm passing you to a manager")
    expect(shown.at(-1)).toBe('I need a logo for my bakery')
    // The topic, its card and the card's pin, the history, and the copy
    const put = h.fake.calls.filter((c) => c.ok && c.payload.chat_id === STAFF_GROUP_ID && c.method !== 'getChat')
    expect(put.map((c) => c.method).sort()).toEqual([
      'copyMessage',
      'createForumTopic',
      'pinChatMessage',
      'sendMessage',
      'sendMessage',
    ])
    expect(h.errors()).toEqual([])
  })

  it("with no history to end (a first /manager), the bot's words and what the client writes next go as one message", async () => {
    const h = createHarness({ config: { DEFAULT_LOCALE: 'en' } })
    const user = h.u.user(9608, { first_name: 'Gus', language_code: 'en' })
    const words = h.u.text(user, 'Hello, I need a website')
    await h.send(h.u.text(user, '/manager'), words)
    const told = h.fake.textsTo(user.id).find((text) => text.includes("I'm passing you to a manager")) ?? ''
    expect(told).toContain("Gus, I'm passing you to a manager")
    await h.drain()
    const shown = topicView(h, user)
    expect(shown).toHaveLength(2)
    expect(shown[1]).toContain(`${BOT}${told}`)
    expect(shown[1]?.indexOf(BOT)).toBeLessThan(shown[1]?.indexOf('Hello, I need a website') ?? -1)
    // The topic, its card and the card's pin, and that message: none for the bot's words alone
    const put = h.fake.calls.filter((c) => c.ok && c.payload.chat_id === STAFF_GROUP_ID && c.method !== 'getChat')
    expect(put.map((c) => c.method).sort()).toEqual([
      'createForumTopic',
      'pinChatMessage',
      'sendMessage',
      'sendMessage',
    ])
    // A manager's reply to it answers the client's words, not the bot's
    const joint = h.fake.sentTo(STAFF_GROUP_ID).find((c) => String(c.payload.text).includes('I need a website'))
      ?.result as { message_id: number }
    await h.send(
      h.u.staffText(h.u.user(OWNER_ID), topicOf(h, user), 'Hi Gus, happy to help!', { replyTo: joint.message_id }),
    )
    await h.drain()
    expect(h.fake.sentTo(user.id).at(-1)?.payload.reply_parameters?.message_id).toBe(words.message?.message_id)
    expect(h.errors()).toEqual([])
  })

  it('at night the client is told once when the team is back; the topic shows it under their message, and no later history repeats it', async () => {
    const { h, user } = await englishClient(9603, 'Cleo')
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicOf(h, user), 'Hi Cleo, on it!'))
    await h.drain()
    h.clock.set('2026-11-23T20:00:00Z') // Monday 23:00 in Moscow
    const sends = h.fake.sentTo(STAFF_GROUP_ID).length
    await h.send(h.u.text(user, 'Are you there?'))
    const night = h.fake.lastTextTo(user.id)
    expect(night).toMatch(/^We are closed right now — we are back tomorrow at 10:00/)
    await h.drain()
    const joint = messageWith(h, user, 'Are you there?')
    expect(joint).toContain(`${BOT}${night}`)
    expect(joint.indexOf('Are you there?')).toBeLessThan(joint.indexOf(BOT))
    // In the same message: none more for the group's 20 a minute
    expect(h.fake.sentTo(STAFF_GROUP_ID).length - sends).toBe(1)
    // Told once a night, shown once
    await h.send(h.u.text(user, 'Still waiting'))
    await h.drain()
    expect(topicView(h, user).filter((text) => text.includes('We are closed right now'))).toHaveLength(1)

    // The next request's history has what was said since, not the night's word again
    h.clock.set('2026-11-24T08:00:00Z')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicOf(h, user), '/close'))
    await h.drain()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    await h.drain()
    h.clock.advance(2 * 24 * 60 * 60_000)
    const seen = topicView(h, user).length
    await h.send(h.u.text(user, 'Hello again, can we start the website?'))
    await h.drain()
    const history = topicView(h, user)
      .slice(seen)
      .find((text) => text.startsWith('📜'))
    expect(history).toContain('Cleo, is your question solved?')
    expect(history).not.toContain('We are closed right now')
    expect(h.errors()).toEqual([])
  })

  it('asking for a person again, or for the boss: what the bot answered follows their words, or the line about them', async () => {
    const { h, user } = await englishClient(9604, 'Dana')
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    h.clock.advance(60_000)
    await h.send(h.u.text(user, 'can I talk to a real person please'))
    const already = h.fake.lastTextTo(user.id)
    expect(already).toContain('Dana, your question is already with our managers')
    await h.drain()
    const asked = messageWith(h, user, 'can I talk to a real person please')
    expect(asked).toContain(`${BOT}${already}`)

    const seen = topicView(h, user).length
    await h.send(h.u.text(user, 'I want to speak to your supervisor'))
    const boss = h.fake.lastTextTo(user.id)
    expect(boss).toBe("I'm letting the person in charge know — they will see our whole conversation.")
    await h.drain()
    // Her words, then the line that the owner was told, with what she was told under it
    const after = topicView(h, user).slice(seen)
    expect(after).toHaveLength(2)
    expect(after[0]).toContain('I want to speak to your supervisor')
    expect(after[1]).toMatch(/^📣 The client asks for someone in charge — the owner was told\.\n/)
    expect(after[1]?.endsWith(`\n${BOT}${boss}`)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it("a complaint's words open a request: the topic reads them, then the bot passing the client on", async () => {
    const { h, user } = await englishClient(9605, 'Eli')
    await h.send(h.u.text(user, 'This is a total rip-off'))
    const told = h.fake.lastTextTo(user.id)
    expect(told).toContain("Eli, I'm passing you to a manager")
    await h.drain()
    const joint = messageWith(h, user, 'This is a total rip-off')
    expect(joint).toContain(`${BOT}${told}`)
    expect(joint.indexOf('This is a total rip-off')).toBeLessThan(joint.indexOf(BOT))
    expect(topicView(h, user).filter((text) => text.includes("I'm passing you to a manager"))).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it("a flow's step that passes the words on says so to the client, and the topic reads that too", async () => {
    const h = createHarness({ content: contentWith({ business: { timezone: 'America/New_York' } }) })
    const kate = h.u.user(9606, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(kate, '/start'), h.u.text(kate, '/manager'))
    await h.send(h.u.text(kate, '/book'), h.u.text(kate, 'tmrw at 3pm'), h.u.text(kate, '+1 212 555 0100'))
    await h.send(h.u.callback(kate, 'bk:skip'))
    await h.drain()
    await h.send(h.u.text(kate, 'can you tell me about your prices first please'))
    const passed = h.fake.lastTextTo(kate.id)
    expect(passed).toMatch(/^I've passed that on to the manager\. The call is not booked yet/)
    await h.drain()
    const joint = messageWith(h, kate, 'can you tell me about your prices first please')
    // Staff read Russian here (the default language): the bot's line is theirs, its words the client's
    expect(joint).toContain(`🤖 Бот отправил клиенту: ${passed}`)
    // The flow goes on as before
    await h.send(h.u.callback(kate, 'bk:ok'))
    expect(bookingsOf(h, kate)).toMatchObject([{ status: 'booked' }])
    expect(h.errors()).toEqual([])
  })

  it('/start with a request open: the topic reads the greeting that told the client by when', async () => {
    const { h, user } = await englishClient(9609, 'Hana')
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const seen = topicView(h, user).length
    await h.send(h.u.text(user, '/start'))
    const greeting = h.fake.lastTextTo(user.id)
    expect(greeting).toContain('Hana, your question is already with our managers')
    await h.drain()
    expect(topicView(h, user).slice(seen)).toEqual([`${BOT}${greeting}`])
    expect(h.errors()).toEqual([])
  })

  it('a client with nothing open is not shown: the bot talks to them as before, and the group hears nothing', async () => {
    const { h, user } = await englishClient(9607, 'Finn')
    await h.send(h.u.text(user, 'Hello'), h.u.text(user, '/menu'))
    await h.drain()
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('what a flow takes from a client with an open request, in their topic', () => {
  /** How the topic marks what the bot sent the client, for Russian-speaking staff (the default). */
  const BOT_RU = '🤖 Бот отправил клиенту: '

  it("the number the manager asked for, taken by the booking's phone step, and a day and a time at its confirmation: each in the topic with what the bot answered", async () => {
    const h = createHarness() // Monday 23 November, 12:00 in Moscow
    const { user, client, topicId } = await clientInHandoff(h, 9620, 'Вера')
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, '/offer'))
    await h.flush()
    await h.send(h.u.callback(user, 'menu:booking'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T07:00Z')))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^На какой номер позвонить\?/)
    await h.send(h.u.staffText(owner, topicId, 'Давайте я запишу вас сам. Напишите номер?'))
    await h.drain()

    // Taken by the step as its number: the client is told so and asked the next step, and the
    // manager, who asked for the number, reads it with what the bot answered under it
    await h.send(h.u.text(user, 'да, 8 916 555 12 34'))
    const told = h.fake.textsTo(user.id).slice(-2)
    expect(told[0]).toBe('Номер записан: +7 916 555 12 34')
    expect(told[1]).toMatch(/^Хотите что-то передать менеджеру перед звонком\?/)
    await h.drain()
    const number = messageWith(h, user, 'да, 8 916 555 12 34')
    expect(number).toContain(`${BOT_RU}Номер записан: +7 916 555 12 34`)
    expect(number).toContain('Хотите что-то передать менеджеру перед звонком?')
    expect(number.indexOf('да, 8 916 555 12 34')).toBeLessThan(number.indexOf(BOT_RU))

    // At the confirmation, "nah, Friday rather": Friday's times, and the topic reads both
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Проверим:/)
    await h.send(h.u.text(user, 'не, давайте лучше в пятницу'))
    const friday = h.fake.lastTextTo(user.id)
    expect(friday).toMatch(/^Пятница, 27 ноября — выберите удобное время/)
    await h.drain()
    expect(messageWith(h, user, 'не, давайте лучше в пятницу')).toContain(`${BOT_RU}${friday}`)
    // …and the time typed on them: the confirmation, read by the manager too
    await h.send(h.u.text(user, 'в 11'))
    const confirmation = h.fake.lastTextTo(user.id)
    expect(confirmation).toMatch(/^Проверим:\n📞 Звонок: пятница, 27 ноября, 11:00–11:30/)
    await h.drain()
    const time = topicView(h, user).filter((text) => text.includes(`${BOT_RU}${confirmation}`))
    expect(time).toHaveLength(1)
    expect(time[0]).toMatch(/^🕐 12:00\nв 11\n/)
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([
      { status: 'booked', slotStart: Date.parse('2026-11-27T08:00Z'), phone: '+79165551234' },
    ])
    // What the bot answered by itself owes no answer from the team
    expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince).toBeNull()
    expect(h.errors()).toEqual([])
  })
})

function topicOf(h: Harness, user: User): number {
  const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId
  if (topicId == null) throw new Error('no topic')
  return topicId
}
