/**
 * What /forget used to leave in the staff groups besides: the managers' notes in the client's
 * topic ("// …" and /note), which are kept in the transcript but never go through the outbox;
 * the cards of the clients the person referred, which named them as the referrer; and, for a
 * "call me now", the staff notice naming the time the client asked instead of the call's.
 */
import type { Update, User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { Content } from '../../src/content/schema.ts'
import { bookingsOf } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { deletedMessageIds } from '../helpers/desk.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, demoContent, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const HOUR = 3_600_000
const SECOND_GROUP = -1009876543210

/**
 * A harness whose Telegram keeps the bot's time (message dates, the 48 hours); `content`: other
 * content; `rateLimits`: Telegram refuses a group's 21st message or edit in a minute.
 */
function harness(opts: { content?: Content; groups?: 1 | 2; rateLimits?: boolean } = {}): Harness {
  const clock = createFakeClock()
  return createHarness({
    clock,
    fake: new FakeTelegram({ now: () => clock.now(), rateLimits: opts.rateLimits ?? false }),
    ...(opts.content ? { content: opts.content } : {}),
    ...(opts.groups === 2 ? { config: { STAFF_GROUP_IDS: `${STAFF_GROUP_ID},${SECOND_GROUP}` } } : {}),
  })
}

async function forget(h: Harness, user: User): Promise<void> {
  await forgetData(h, user)
  await h.flush()
}

/** A manager's message in the topic (in this group), sent; its id there. */
async function written(h: Harness, update: Update): Promise<number> {
  await h.send(update)
  await h.flush()
  const id = update.message?.message_id
  if (id === undefined) throw new Error('not a message')
  return id
}

/** Агафья in a topic with a note naming her 50 hours old and a fresh one (`fresh`: its text); their ids. */
async function oldAndFreshNotes(h: Harness, id: number, fresh: string) {
  const { user, topicId } = await clientInHandoff(h, id, 'Агафья')
  const owner = h.u.user(OWNER_ID)
  const old = await written(h, h.u.staffText(owner, topicId, '// Агафья — постоянная клиентка'))
  h.clock.advance(50 * HOUR)
  return { user, old, fresh: await written(h, h.u.staffText(owner, topicId, fresh)) }
}

/**
 * Telegram refuses to delete topics: the notes then go by their own rule (with the right to
 * delete messages a client's topic otherwise goes whole, its notes with it).
 */
function topicsKept(h: Harness): void {
  h.fake.fail({
    method: 'deleteForumTopic',
    error_code: 400,
    description: 'Bad Request: CHAT_ADMIN_REQUIRED',
    times: 10,
  })
}

/** The group's message under this id, unless deleted. */
function shown(h: Harness, chatId: number, id: number): string | undefined {
  const stored = h.fake.emulator.chat(chatId).messages.get(id)
  return stored && !stored.deleted ? (stored.message.text ?? stored.message.caption) : undefined
}

describe('/forget and the managers’ notes in the topic', () => {
  it('with the right to delete, every note goes with the topic, an old one too', async () => {
    const h = harness()
    const { user, old, fresh } = await oldAndFreshNotes(h, 7_510_000_107, '// спросить про доставку')
    await forget(h, user)
    expect([shown(h, STAFF_GROUP_ID, old), shown(h, STAFF_GROUP_ID, fresh)]).toEqual([undefined, undefined])
  })

  it('a topic Telegram will not delete: the notes that show the name or contacts go, "// …" and /note alike; a note that shows nothing stays', async () => {
    const h = harness()
    topicsKept(h)
    const { user, topicId } = await clientInHandoff(h, 7_510_000_101, 'Глафира')
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(user, 'Мой телефон +7 903 111-22-33'))
    await h.flush()
    const named = await written(h, h.u.staffText(owner, topicId, '// Глафира просила перезвонить вечером'))
    const phone = await written(h, h.u.staffText(owner, topicId, '/note второй номер: 8 903 111 22 33'))
    const plain = await written(h, h.u.staffText(owner, topicId, '// спросить про доставку'))
    expect(shown(h, STAFF_GROUP_ID, named)).toContain('Глафира')

    await forget(h, user)
    expect({
      named: shown(h, STAFF_GROUP_ID, named),
      phone: shown(h, STAFF_GROUP_ID, phone),
      plain: shown(h, STAFF_GROUP_ID, plain),
    }).toEqual({ named: undefined, phone: undefined, plain: '// спросить про доставку' })
    expect(h.errors()).toEqual([])
  })

  it('as the managers’ other messages: not without the right to delete, nor after 48 hours', async () => {
    const h = harness()
    const { user, old, fresh } = await oldAndFreshNotes(h, 7_510_000_102, '/note Агафья просила счёт')

    h.fake.botRights.can_delete_messages = false
    await forget(h, user)
    expect(shown(h, STAFF_GROUP_ID, old)).toContain('Агафья')
    expect(shown(h, STAFF_GROUP_ID, fresh)).toContain('Агафья')
    expect(deletedMessageIds(h)).not.toContain(old)
    expect(deletedMessageIds(h)).not.toContain(fresh)
  })

  it('older than 48 hours a note stays, a fresh one goes, with the right, in a topic Telegram will not delete', async () => {
    const h = harness()
    topicsKept(h)
    const { user, old, fresh } = await oldAndFreshNotes(h, 7_510_000_103, '// Агафья просила счёт')

    await forget(h, user)
    expect(shown(h, STAFF_GROUP_ID, old)).toContain('Агафья') // Telegram keeps it
    expect(shown(h, STAFF_GROUP_ID, fresh)).toBeUndefined()
  })

  it('deletes the note in the group the client’s topic is in, not under the same id in another', async () => {
    const demo = demoContent()
    const content: Content = {
      ...demo,
      handoff: { ...demo.handoff, groups: [{ group: SECOND_GROUP, languages: ['en'] }] },
    }
    const h = harness({ content, groups: 2 })
    topicsKept(h)
    const owner = h.u.user(OWNER_ID)
    const boris = h.u.user(7_510_000_104, { first_name: 'Boris', language_code: 'en' })
    await h.send(h.u.text(boris, '/start'), h.u.text(boris, '/manager'))
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, boris.id)!
    expect(client.staffGroupId).toBe(SECOND_GROUP)
    const update = h.u.text(owner, '// Boris asked for a discount', {
      chatId: SECOND_GROUP,
      threadId: client.topicId as number,
    })
    const note = await written(h, update)
    expect(shown(h, SECOND_GROUP, note)).toContain('Boris')

    h.fake.clearCalls()
    await forget(h, boris)
    const deletedIn = (chatId: number) =>
      h.fake.calls
        .filter((c) => (c.method === 'deleteMessages' || c.method === 'deleteMessage') && c.payload.chat_id === chatId)
        .flatMap((c) => (c.payload.message_ids as number[] | undefined) ?? [c.payload.message_id as number])
    expect(shown(h, SECOND_GROUP, note)).toBeUndefined()
    expect(deletedIn(SECOND_GROUP)).toContain(note)
    expect(deletedIn(STAFF_GROUP_ID)).toEqual([])
  })

  it('a note written before the client was moved to another group is not deleted there under its old id', async () => {
    const h = harness({ groups: 2 })
    const owner = h.u.user(OWNER_ID)
    const { user, topicId } = await clientInHandoff(h, 7_510_000_105, 'Ефросинья')
    const note = await written(h, h.u.staffText(owner, topicId, '// Ефросинья ждёт звонка'))
    await h.send(h.u.staffText(owner, topicId, '/move 2'))
    await h.flush()
    expect(findClientByTelegramId(h.deps.db, user.id)?.staffGroupId).toBe(SECOND_GROUP)

    // The second group has a message under that id (the new topic's): deleting it there would hit it
    expect(h.fake.emulator.chat(SECOND_GROUP).messages.has(note)).toBe(true)
    h.fake.clearCalls()
    await forget(h, user)
    const deletedInSecond = h.fake.calls
      .filter((c) => c.method.startsWith('deleteMessage') && c.payload.chat_id === SECOND_GROUP)
      .flatMap((c) => (c.payload.message_ids as number[] | undefined) ?? [c.payload.message_id as number])
    expect(deletedInSecond).not.toContain(note)
  })

  it('a note written before the client was moved is deleted in the group they left, with the topic it is in', async () => {
    const h = harness({ groups: 2 })
    const owner = h.u.user(OWNER_ID)
    topicsKept(h)
    const { user, topicId } = await clientInHandoff(h, 7_510_000_106, 'Евлампия')
    const named = await written(h, h.u.staffText(owner, topicId, '// Евлампия просила скидку'))
    const plain = await written(h, h.u.staffText(owner, topicId, '// спросить про доставку'))
    await h.send(h.u.staffText(owner, topicId, '/move 2'))
    await h.flush()
    expect(findClientByTelegramId(h.deps.db, user.id)?.staffGroupId).toBe(SECOND_GROUP)
    expect(shown(h, STAFF_GROUP_ID, named)).toContain('Евлампия')

    await forget(h, user)
    expect({ named: shown(h, STAFF_GROUP_ID, named), plain: shown(h, STAFF_GROUP_ID, plain) }).toEqual({
      named: undefined,
      plain: '// спросить про доставку',
    })
    expect(h.errors()).toEqual([])
  })
})

/** Аглая Пригласилова (`id`) brought Борис (`id + 1`), who asked for a manager: his topic has his card. */
async function referral(h: Harness, id: number) {
  const referrer = h.u.user(id, { first_name: 'Аглая', last_name: 'Пригласилова' })
  await h.send(h.u.text(referrer, '/start'))
  const referrerId = findClientByTelegramId(h.deps.db, referrer.id)!.id
  const friend = h.u.user(id + 1, { first_name: 'Борис' })
  await h.send(h.u.text(friend, `/start ref_${referrerId}`), h.u.text(friend, '/manager'))
  await h.flush()
  const client = findClientByTelegramId(h.deps.db, friend.id)!
  return { referrer, referrerId, friendId: client.id, topicId: client.topicId as number }
}

describe('/forget of a client who referred others', () => {
  it('the cards of those they referred stop naming them', async () => {
    const h = harness()
    const { referrer, referrerId, friendId } = await referral(h, 7_510_000_201)
    const card = h.deps.services.handoff.topics.card(friendId)!.messageId
    expect(shown(h, STAFF_GROUP_ID, card)).toContain(`📍 источник: приглашение другого клиента · кто пригласил: Аглая`)

    await forget(h, referrer)
    const after = shown(h, STAFF_GROUP_ID, card) ?? ''
    expect(after).toContain('Борис') // still the friend's card
    expect(after).not.toMatch(/Аглая|Пригласилова/)
    // The referrer is a number only: the anonymous row's id
    expect(after).toContain(`кто пригласил: #${referrerId}`)
    expect(h.errors()).toEqual([])
  })

  it('their earlier cards, one /card replaced and one left in the group they were moved out of, stop naming them', async () => {
    const h = harness({ groups: 2 })
    const owner = h.u.user(OWNER_ID)
    const { referrer, referrerId, friendId, topicId } = await referral(h, 7_510_000_203)
    const first = h.deps.services.handoff.topics.card(friendId)!.messageId
    await h.send(h.u.staffText(owner, topicId, '/card'))
    await h.flush()
    const second = h.deps.services.handoff.topics.card(friendId)!.messageId
    expect(second).not.toBe(first)
    await h.send(h.u.staffText(owner, topicId, '/move 2'))
    await h.flush()
    const current = h.deps.services.handoff.topics.card(friendId)!
    expect(current.chatId).toBe(SECOND_GROUP)
    for (const card of [first, second]) expect(shown(h, STAFF_GROUP_ID, card)).toContain('кто пригласил: Аглая')

    await forget(h, referrer)
    const note =
      '🗂 Прежняя карточка клиента стёрта: в ней мог быть указан пригласивший его человек, а он удалил свои данные (/forget). Актуальная карточка — в теме клиента.'
    expect(shown(h, STAFF_GROUP_ID, first)).toBe(note)
    expect(shown(h, STAFF_GROUP_ID, second)).toBe(note)
    expect(shown(h, SECOND_GROUP, current.messageId)).toContain(`кто пригласил: #${referrerId}`)
    expect(h.errors()).toEqual([])
  })
})

describe('/forget of a client whose referred client has more earlier cards than the group takes in a minute', () => {
  it('edits every one of them, a part at a time, and Telegram never refuses one', async () => {
    const h = harness({ rateLimits: true })
    const { referrer, friendId, topicId } = await referral(h, 7_510_000_205)
    const cards = [h.deps.services.handoff.topics.card(friendId)!.messageId]
    for (let i = 0; i < 24; i++) {
      await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
      await h.flush()
      cards.push(h.deps.services.handoff.topics.card(friendId)!.messageId)
    }
    const earlier = cards.slice(0, -1)
    expect(new Set(earlier).size).toBe(24)
    h.fake.clearCalls()
    await forget(h, referrer)
    for (const card of earlier) expect(shown(h, STAFF_GROUP_ID, card), `card ${card}`).toMatch(/^🗂 Прежняя карточка/)
    expect(shown(h, STAFF_GROUP_ID, cards.at(-1) as number)).toMatch(/^👤 Борис/)
    expect(h.fake.refused()).toEqual([])
  })
})

describe('/forget of a client waiting for a "call me now"', () => {
  it('tells staff the call’s time, not when the client asked', async () => {
    const h = harness() // Monday 12:00 in Moscow, working hours
    const user = h.u.user(7_510_000_301, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/book'), h.u.callback(user, 'bk:now'))
    await h.send(h.u.text(user, '+79161234567'))
    expect(bookingsOf(h, user)).toMatchObject([{ kind: 'now', status: 'booked' }])

    await forget(h, user)
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('отменён: клиент удалил'))).toEqual([
      '📞 Звонок на 12:15 отменён: клиент удалил свои данные, звонить некому.',
    ])
  })
})
