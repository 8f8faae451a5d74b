import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { sendThroughOutbox, settle, topicState } from '../helpers/desk.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_100_002

/** A bot against a fake that enforces Telegram's flood limits (its own rules) on a fake clock. */
function limitedHarness(): Harness {
  const clock = createFakeClock()
  const h = createHarness({ clock, fake: new FakeTelegram({ rateLimits: true, now: clock.now }) })
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
  return h
}

async function openRequest(h: Harness, id = 3201) {
  const user = h.u.user(id, { first_name: 'Анна', username: 'anna' })
  await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id)!
  return { user, clientId: client.id, topicId: client.topicId! }
}

/** Refused topic calls: a rename or close Telegram found pointless (TOPIC_NOT_MODIFIED) would show here. */
const topicFailures = (h: Harness) => h.fake.refused().filter((f) => /ForumTopic:/.test(f))
const rateRefusals = (h: Harness) => h.fake.refused().filter((f) => f.includes('Too Many Requests'))

describe('the status mark in the topic title', () => {
  it('follows the request through its life, one rename or close per change, within the group limits', async () => {
    const h = limitedHarness()
    const manager = h.u.user(MANAGER_ID, { first_name: 'Света' })
    const { user, clientId, topicId } = await openRequest(h)
    expect(topicState(h, topicId)).toEqual({ name: `🟡 Анна @anna · #${clientId}`, closed: false })

    // Nobody answered within the SLA
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(topicState(h, topicId).name).toBe(`🔴 Анна @anna · #${clientId}`)

    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Здравствуйте! Смотрю ваш вопрос.'))
    await settle(h)
    expect(topicState(h, topicId).name).toBe(`💬 Анна @anna · #${clientId}`)

    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    expect(topicState(h, topicId).name).toBe(`⏳ Анна @anna · #${clientId}`)

    await sendThroughOutbox(h, h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
    await settle(h)
    // ✅, and the topic stays open: a manager who is a plain member still writes there (see
    // test/sandbox/server.test.ts, where Telegram's rule for closed topics applies)
    expect(topicState(h, topicId)).toEqual({ name: `✅ Анна @anna · #${clientId}`, closed: false })

    // The client writes again: the request reopens (🟡), and the message gets there
    const again = h.u.text(user, 'Ещё вопрос по макету')
    await sendThroughOutbox(h, again)
    await settle(h)
    expect(topicState(h, topicId)).toEqual({ name: `🟡 Анна @anna · #${clientId}`, closed: false })
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ status: 'open', reason: 'returned' })
    // (with what the bot told her under it)
    const shown = h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.includes(again.message!.text!))
    expect(shown).toHaveLength(1)
    expect(shown[0]).toContain('🤖 Бот отправил клиенту: ')

    // Exactly the changes, nothing more; no 429 and no "not modified" from Telegram on the way
    const mark = (name: unknown) => Array.from(String(name))[0]
    expect(h.fake.callsOf('editForumTopic').map((c) => mark(c.payload.name))).toEqual(['🔴', '💬', '⏳', '✅', '🟡'])
    expect(h.fake.callsOf('closeForumTopic')).toHaveLength(0)
    expect(h.fake.callsOf('reopenForumTopic')).toHaveLength(0)
    expect(topicFailures(h)).toEqual([])
    expect(rateRefusals(h)).toEqual([])
  })

  it('coalesces: while the group is busy only the latest wanted state is applied, and nothing when it did not change', async () => {
    const h = limitedHarness()
    const manager = h.u.user(MANAGER_ID, { first_name: 'Света' })
    const { user, clientId, topicId } = await openRequest(h)
    const topicCalls = (from: number) =>
      h.fake.calls
        .slice(from)
        .filter((c) => c.ok && /ForumTopic$/.test(c.method))
        .map((c) => (c.method === 'editForumTopic' ? Array.from(String(c.payload.name))[0] : c.method))
    /** Telegram holds the group for 30 s (a 429); the clients' chats go on meanwhile. */
    const busyGroup = async (...steps: (() => Promise<void>)[]) => {
      h.fake.tooManyRequests({ chatId: STAFF_GROUP_ID }, 30)
      // A person's pace: what the client's chat may take goes out before the next step
      for (const step of steps) {
        await step()
        await h.drain()
        h.clock.advance(5_000)
        await h.drain()
      }
      await settle(h)
    }

    // Answered, asked to close and closed while the group was busy: straight to ✅
    let from = h.fake.calls.length
    await busyGroup(
      () => sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Готово'), h.u.staffText(manager, topicId, '/close')),
      () => sendThroughOutbox(h, h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)),
    )
    expect(topicCalls(from)).toEqual(['✅'])
    expect(topicState(h, topicId)).toEqual({ name: `✅ Анна @anna · #${clientId}`, closed: false })

    // Reopened and answered again meanwhile: 💬 from ✅ directly
    from = h.fake.calls.length
    await busyGroup(
      () => sendThroughOutbox(h, h.u.text(user, 'И ещё')),
      () => sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Отвечаю')),
    )
    expect(topicCalls(from)).toEqual(['💬'])

    // Asked to close, and the client said "not yet" meanwhile: the title is right as it is, no call at all
    from = h.fake.calls.length
    await busyGroup(
      () => sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close')),
      () => sendThroughOutbox(h, h.u.callback(user, h.fake.lastButtonsTo(user.id)[1]!.data!)),
    )
    expect(topicCalls(from)).toEqual([])
    expect(topicState(h, topicId)).toEqual({ name: `💬 Анна @anna · #${clientId}`, closed: false })
    // Only the three holds were refused, and never a topic call
    expect(rateRefusals(h)).toEqual(Array(3).fill(expect.stringContaining('retry after 30')))
    expect(topicFailures(h)).toEqual([])
  })

  it('a topic closed by hand while its request is open is reopened; with no open request the hand decides', async () => {
    const h = limitedHarness()
    const manager = h.u.user(MANAGER_ID, { first_name: 'Света' })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const { user, clientId, topicId } = await openRequest(h, 3207)
    // A group admin (not on the team) closes the topic in Telegram: the bot, allowed to post into
    // a closed topic, is never refused there, so the service message is all it learns of it
    await sendThroughOutbox(h, h.u.topicClosedByHand(h.u.user(3299, { first_name: 'Админ' }), topicId, true))
    await settle(h)
    expect(topicState(h, topicId)).toEqual({ name: `🟡 Анна @anna · #${clientId}`, closed: false })
    expect(h.fake.callsOf('reopenForumTopic')).toHaveLength(1)
    // …and says why, so the one who closed it does not try again
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '🔓 Тема снова открыта: запрос клиента ещё открыт, а в закрытой теме менеджеры не смогут ему ответить. Вопрос решён — /close.',
    )
    const question = h.u.text(user, 'А можно оплатить частями?')
    await sendThroughOutbox(h, question)
    await settle(h)
    const copied = h.fake.sentTo(STAFF_GROUP_ID, topicId).filter((c) => c.method === 'copyMessage')
    expect(copied.at(-1)?.payload.message_id).toBe(question.message!.message_id)

    // Solved (✅, the topic left open); an owner closes it by hand to tidy up, and it stays closed,
    // then reopens it to look back: both stay, as no request is open
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Да, можно.'), h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    await sendThroughOutbox(h, h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
    await settle(h)
    expect(topicState(h, topicId)).toEqual({ name: `✅ Анна @anna · #${clientId}`, closed: false })
    await sendThroughOutbox(h, h.u.topicClosedByHand(owner, topicId, true))
    await settle(h)
    expect(topicState(h, topicId).closed).toBe(true)
    await sendThroughOutbox(h, h.u.topicClosedByHand(owner, topicId, false))
    await settle(h)
    expect(topicState(h, topicId).closed).toBe(false)
    await sendThroughOutbox(h, h.u.topicClosedByHand(owner, topicId, true))
    await settle(h)
    expect(topicState(h, topicId).closed).toBe(true)
    // The client writes again: the request needs the topic open, and the bot reopens it
    await sendThroughOutbox(h, h.u.text(user, 'И ещё вопрос'))
    await settle(h)
    expect(topicState(h, topicId)).toEqual({ name: `🟡 Анна @anna · #${clientId}`, closed: false })
    expect(h.fake.callsOf('closeForumTopic')).toHaveLength(0) // the bot closes none
    expect(h.fake.callsOf('reopenForumTopic')).toHaveLength(2)
    expect(topicFailures(h)).toEqual([])
  })

  it('after an upgrade, the topics an earlier version closed at closed requests reopen when the group is quiet; one closed by hand stays', async () => {
    const h = limitedHarness()
    const manager = h.u.user(MANAGER_ID, { first_name: 'Света' })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const anna = await openRequest(h, 3211)
    const boris = await openRequest(h, 3212)
    for (const { topicId } of [anna, boris]) {
      await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close force договорились'))
    }
    await settle(h)
    // What an earlier version left: Anna's topic closed by the bot at the close (its bookkeeping
    // says closed, by nobody's hand); Boris's an admin closed by hand
    await h.bot.api.closeForumTopic(STAFF_GROUP_ID, anna.topicId)
    h.deps.sqlite.prepare('update client_topics set topic_closed = 1 where client_id = ?').run(anna.clientId)
    await sendThroughOutbox(h, h.u.topicClosedByHand(owner, boris.topicId, true))
    await settle(h)
    expect(topicState(h, anna.topicId).closed).toBe(true)

    // The start-up queues Anna's reopening behind what people send: a client writing meanwhile goes first
    const vera = await openRequest(h, 3213)
    const from = h.fake.calls.length
    expect(h.deps.services.topicStatus.reopenClosedByBot()).toBe(1)
    await sendThroughOutbox(h, h.u.text(h.u.user(3213), 'Вопрос по счёту'))
    await settle(h)
    const groupCalls = h.fake.calls.slice(from).filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    const relayed = groupCalls.findIndex(
      (c) => c.method === 'copyMessage' && c.payload.message_thread_id === vera.topicId,
    )
    const reopened = groupCalls.findIndex((c) => c.method === 'reopenForumTopic')
    expect(relayed).toBeGreaterThanOrEqual(0)
    expect(reopened).toBeGreaterThan(relayed)
    expect(topicState(h, anna.topicId)).toEqual({ name: `✅ Анна @anna · #${anna.clientId}`, closed: false })
    expect(topicState(h, boris.topicId).closed).toBe(true)
    // Done once: the next start queues nothing
    expect(h.deps.services.topicStatus.reopenClosedByBot()).toBe(0)
    expect(topicFailures(h)).toEqual([])
  })

  it('a burst of new requests stays within 20 group messages a minute, each topic created with its mark', async () => {
    const h = limitedHarness()
    const users = Array.from({ length: 6 }, (_, i) => h.u.user(3300 + i, { first_name: `Клиент${i}` }))
    for (const user of users) await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
    // The clients' own answers went out this second; the bot's total of 30 a second is not what is measured here
    h.clock.advance(2_000)
    await settle(h)
    expect(h.fake.callsOf('createForumTopic').map((c) => Array.from(String(c.payload.name))[0])).toEqual(
      Array(6).fill('🟡'),
    )
    expect(h.fake.callsOf('editForumTopic')).toEqual([])
    expect(rateRefusals(h)).toEqual([])
    expect(h.fake.limiter?.refused).toBe(0)
  })
})
