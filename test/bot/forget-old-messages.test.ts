/**
 * /forget some days after the client talked to the team: Telegram lets a bot delete its own
 * messages within 48 hours only, but edit them at any time. What the erasure would delete and
 * may not any more (older than 48 hours, the bot's own) is edited into a short note instead —
 * a text into the note, a photo's or a file's caption into it (the media itself stays) — a
 * part at a time, as the group's 20 messages and edits a minute allow.
 */
import type { Message, User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { erasurePart } from '../../src/bot/handoff/erasure-delivery.ts'
import { DELETABLE_FOR_MS } from '../../src/services/erasure.ts'
import type { ErasurePayload } from '../../src/services/handoff/index.ts'
import { book } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, forgetData, type Harness, STAFF_GROUP_ID } from '../helpers/harness.ts'

const HOUR = 3_600_000
const MONDAY = '2026-11-23'
const SLOT = '2026-11-23T12:00Z'
const NOTE = '🗑 Удалено: клиент удалил свои данные (/forget).'

/**
 * A harness whose Telegram keeps the bot's time (message dates, the 48 hours); `rateLimits`: the
 * group's 20 a minute. The bot may not delete messages: with that right the client's topic goes
 * whole (test/bot/forget-staff-group.test.ts), and what is here is what stays without it.
 */
function harness(rateLimits = false): Harness {
  const clock = createFakeClock()
  const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now(), rateLimits }) })
  h.fake.botRights.can_delete_messages = false
  return h
}

async function forget(h: Harness, user: User): Promise<void> {
  await forgetData(h, user)
  await h.flush()
}

/** The group's messages Telegram still shows (not deleted), service messages aside. */
function shownInGroup(h: Harness): Message[] {
  return [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()]
    .filter((m) => !m.deleted && !m.service)
    .map((m) => m.message)
}

/** The id of the group message (not deleted) whose text or caption contains `text`. */
function groupMessageWith(h: Harness, text: string): number {
  const found = shownInGroup(h).find((m) => (m.text ?? m.caption ?? '').includes(text))
  if (!found) throw new Error(`no group message with "${text}"`)
  return found.message_id
}

function inGroup(h: Harness, id: number): Message | undefined {
  const stored = h.fake.emulator.chat(STAFF_GROUP_ID).messages.get(id)
  return stored && !stored.deleted ? stored.message : undefined
}

/** Анна Петрова (@anna_p) books a call, is reminded of, writes to a manager with a photo, all on Monday. */
async function annaOnMonday(h: Harness) {
  const user = h.u.user(7_610_000_101, { first_name: 'Анна', last_name: 'Петрова', username: 'anna_p' })
  await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
  await book(h, user, { day: MONDAY, slot: SLOT, phone: '+7 916 555-44-33' })
  await h.deps.scheduler.runDue()
  await h.flush()
  const booked = groupMessageWith(h, 'Новая запись на звонок')
  h.clock.set(SLOT)
  await h.deps.scheduler.runDue()
  await h.flush()
  const reminder = groupMessageWith(h, 'Пора звонить')
  await h.send(h.u.text(user, '/manager'))
  await h.flush()
  await h.send(h.u.text(user, 'Перезвоните мне на +7 916 555-44-33, это Анна'))
  await h.flush()
  const text = groupMessageWith(h, 'это Анна')
  await h.send(h.u.photo(user, { caption: 'Мой паспорт, Анна Петрова' }))
  await h.flush()
  const photo = groupMessageWith(h, 'Мой паспорт')
  await h.send(h.u.photo(user))
  await h.flush()
  const bare = Math.max(
    ...shownInGroup(h)
      .filter((m) => m.photo && !m.caption)
      .map((m) => m.message_id),
  )
  // Telegram tells the bot of its own changes to the topic (the renames name her)
  await h.send(...h.u.ownTopicChanges())
  await h.flush()
  return { user, booked, reminder, text, photo, bare }
}

describe('/forget of a client whose messages in the staff group are older than 48 hours', () => {
  it('edits the bot’s own old messages into a note (a photo’s caption too), deletes the fresh ones, and leaves nothing of their name or contacts in the texts', async () => {
    const h = harness()
    const { user, booked, reminder, text, photo, bare } = await annaOnMonday(h)
    expect(inGroup(h, booked)?.text).toContain('555 44 33')
    expect(inGroup(h, booked)?.text).toContain('Петрова')
    expect(inGroup(h, reminder)?.text).toContain('555 44 33')

    // Two days and more later (within the week the records of what was delivered are kept)
    h.clock.advance(60 * HOUR)
    await h.send(h.u.text(user, 'Вы мне так и не позвонили, Анна Петрова'))
    await h.flush()
    const fresh = groupMessageWith(h, 'так и не позвонили')
    h.fake.clearCalls()

    await forget(h, user)
    for (const id of [booked, reminder, text]) {
      expect(inGroup(h, id)?.text, `message ${id}`).toBe(NOTE)
      expect(inGroup(h, id)?.reply_markup, `message ${id}`).toBeUndefined()
    }
    // A photo cannot become a text: its caption reads the note, the photo itself stays
    expect(inGroup(h, photo)?.caption).toBe(NOTE)
    expect(inGroup(h, photo)?.photo).toBeDefined()
    expect(inGroup(h, bare)?.caption).toBe(NOTE)
    // Under 48 hours: deleted, as before
    expect(inGroup(h, fresh)).toBeUndefined()

    const texts = shownInGroup(h)
      .map((m) => `${m.text ?? ''}\n${m.caption ?? ''}`)
      .join('\n')
    for (const shown of ['Анна', 'Петрова', 'anna_p', '555-44-33', '555 44 33', '9165554433', String(user.id)]) {
      expect(texts, shown).not.toContain(shown)
    }
    // The service messages of the topic's renames cannot be edited: nothing tried on them
    const service = [...h.fake.emulator.chat(STAFF_GROUP_ID).messages.values()]
      .filter((m) => m.service)
      .map((m) => m.message.message_id)
    const edited = h.fake.calls
      .filter((c) => c.method.startsWith('editMessage'))
      .map((c) => Number(c.payload.message_id))
    expect(edited.filter((id) => service.includes(id))).toEqual([])
    expect(h.fake.calls.filter((c) => !c.ok && c.method === 'editMessageCaption')).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a message gone already is no failure, and a row Telegram answers with 429 midway is tried again', async () => {
    const h = harness()
    const { user, booked, reminder, text, photo, bare } = await annaOnMonday(h)
    h.clock.advance(60 * HOUR)
    // Gone from the group already (a manager deleted it by hand): "message to edit not found"
    const chat = h.fake.emulator.chat(STAFF_GROUP_ID)
    const stored = chat.messages.get(booked)
    if (stored) chat.messages.set(booked, { ...stored, deleted: true })
    // The first caption edit meets Telegram's 429: the texts before it are the note already on the next try
    h.fake.tooManyRequests({ method: 'editMessageCaption', chatId: STAFF_GROUP_ID }, 5)
    h.fake.clearCalls()

    await forget(h, user)
    for (const id of [reminder, text]) expect(inGroup(h, id)?.text, `message ${id}`).toBe(NOTE)
    for (const id of [photo, bare]) expect(inGroup(h, id)?.caption, `message ${id}`).toBe(NOTE)
    const refusals = h.fake.calls.filter((c) => !c.ok).map((c) => c.error?.description ?? '')
    expect(refusals.some((r) => r.startsWith('Too Many Requests'))).toBe(true)
    expect(refusals.some((r) => r.includes('message to edit not found'))).toBe(true)
    // The retry sends none of the edits that went before the 429 again: the group shows the note
    // there already (Telegram would refuse them as "not modified", each one of the group's 20 a minute)
    const noted = h.fake.calls.filter(
      (c) => c.method === 'editMessageText' && [reminder, text].includes(Number(c.payload.message_id)),
    )
    expect(noted.map((c) => [Number(c.payload.message_id), c.ok])).toEqual([
      [reminder, true],
      [text, true],
    ])
    expect(refusals.some((r) => r.includes('message is not modified'))).toBe(false)
    expect(h.logs.filter((l) => l.msg.includes('could not be cleared'))).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a shared contact the bot copied has no text or caption to edit: it stays, and the log counts it', async () => {
    const h = harness()
    const user = h.u.user(7_610_000_103, { first_name: 'Анна', last_name: 'Петрова' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.flush()
    await h.send(h.u.contact(user, '+79165554433'))
    await h.flush()
    const contact = shownInGroup(h).find((m) => m.contact)
    expect(contact).toBeDefined()
    h.clock.advance(60 * HOUR)

    await forget(h, user)
    expect(inGroup(h, contact?.message_id ?? 0)?.contact?.phone_number).toBe('+79165554433')
    expect(h.logs.find((l) => l.msg.startsWith('messages of an erased client stay'))).toMatchObject({ unedited: 1 })
    expect(h.errors()).toEqual([])
  })

  it('an old message Telegram will not edit ("message can\'t be edited") stays as it was: counted unedited and named in the warning, not as cleared', async () => {
    const h = harness()
    const user = h.u.user(7_610_000_104, { first_name: 'Анна', last_name: 'Петрова' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.flush()
    await h.send(h.u.text(user, 'Перезвоните мне, это Анна Петрова'))
    await h.flush()
    const kept = groupMessageWith(h, 'это Анна Петрова')
    h.clock.advance(60 * HOUR)
    // Telegram refuses to edit some messages (the answer it gives for a message the bot may not change)
    h.fake.fail({
      method: 'editMessageText',
      chatId: STAFF_GROUP_ID,
      where: (p) => Number(p.message_id) === kept,
      error_code: 400,
      description: "Bad Request: message can't be edited",
    })

    await forget(h, user)
    expect(inGroup(h, kept)?.text).toContain('это Анна Петрова')
    expect(h.fake.calls.some((c) => !c.ok && c.error?.description.includes("can't be edited"))).toBe(true)
    const stay = h.logs.find((l) => l.msg.startsWith('messages of an erased client stay'))
    expect(stay).toMatchObject({ unedited: 1 })
    expect(h.logs.find((l) => l.msg.includes('were edited into a note'))).toBeUndefined()
    const warning = h.logs.find((l) => l.msg.startsWith('Telegram refused to clear'))
    expect(warning).toMatchObject({
      level: 40,
      refused: [`message ${kept}: Bad Request: message can't be edited`],
    })
    expect(h.errors()).toEqual([])
  })

  it('with more old messages than the group takes in a minute, edits every one of them, a part at a time, and Telegram never refuses one', async () => {
    const h = harness(true)
    const user = h.u.user(7_610_000_102, { first_name: 'Анна', last_name: 'Петрова', username: 'anna_p' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.flush()
    for (let i = 0; i < 30; i++) {
      await h.send(h.u.text(user, `Анна Петрова, вопрос ${i}`))
      await h.flush()
    }
    const copies = shownInGroup(h)
      .filter((m) => m.text?.includes('вопрос'))
      .map((m) => m.message_id)
    expect(copies.length).toBeGreaterThan(20)
    h.clock.advance(60 * HOUR)
    h.fake.clearCalls()

    await forget(h, user)
    for (const id of copies) expect(inGroup(h, id)?.text, `message ${id}`).toBe(NOTE)
    expect(h.fake.refused()).toEqual([])
    expect(shownInGroup(h).filter((m) => `${m.text}${m.caption}`.includes('Петрова'))).toEqual([])
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
  })
})

describe('the parts of an erasure row', () => {
  const at = Date.parse('2026-11-23T09:00Z')
  const old = (id: number) => ({ id, at: at - DELETABLE_FOR_MS - HOUR, own: true })

  it('deletes the fresh messages in the first part, and splits the bot’s old ones to edit across parts of at most 10 steps', () => {
    const payload: ErasurePayload = {
      topics: [{ threadId: 100 }],
      cards: [101, 102],
      remove: [
        ...Array.from({ length: 300 }, (_, i) => old(1000 + i)),
        { id: 5, at: at - HOUR, own: true },
        { id: 6, at: at - HOUR, own: false },
        // Other people's old messages and old service messages: neither deleted nor edited
        { id: 7, at: at - DELETABLE_FOR_MS - HOUR, own: false },
        { id: 8, at: at - DELETABLE_FOR_MS - HOUR, own: true, service: true },
      ],
    }
    let part = erasurePart(payload, at)
    const fresh = (p: ErasurePayload) => p.remove.filter((m) => at - m.at < DELETABLE_FOR_MS).map((m) => m.id)
    const toEdit = (p: ErasurePayload) =>
      p.remove.filter((m) => m.own && !m.service && at - m.at >= DELETABLE_FOR_MS).map((m) => m.id)
    expect(fresh(part.now)).toEqual([5, 6])
    expect(toEdit(part.now)).toHaveLength(7) // 10 steps: a rename, two cards, seven edits
    const edited = [...toEdit(part.now)]
    let parts = 1
    while (part.rest) {
      part = erasurePart(part.rest, at)
      parts++
      const steps = part.now.topics.length + part.now.cards.length + toEdit(part.now).length
      expect(steps).toBeLessThanOrEqual(10)
      expect(fresh(part.now)).toEqual([])
      edited.push(...toEdit(part.now))
    }
    expect(edited.sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => 1000 + i))
    expect(parts).toBe(1 + Math.ceil(293 / 10))
  })

  it('an old message of Telegram’s own making or a manager’s is no step of any part', () => {
    const payload: ErasurePayload = {
      topics: [],
      cards: [],
      remove: [
        { id: 7, at: at - DELETABLE_FOR_MS - HOUR, own: false },
        { id: 8, at: at - DELETABLE_FOR_MS - HOUR, own: true, service: true },
      ],
    }
    expect(erasurePart(payload, at).rest).toBeUndefined()
  })
})
