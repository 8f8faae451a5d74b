/**
 * Roles and button data at every entry point: forged and stale presses and commands from
 * people who may not use them, in every chat they can arrive in (a client's private chat, the
 * staff group's General and client topics, an owner's private chat, a chat of an owner's
 * Telegram Business account). Each case asserts what the presser reads and that nothing changed.
 */

import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { orders } from '../../db/schema.ts'
import { book } from '../helpers/booking.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER_ID = 5_300_001
const CO_OWNER_ID = 5_300_002
const MONDAY = '2026-11-23'
const SLOT = '2026-11-23T12:00Z'

const lastAnswer = (h: Harness) => h.fake.callsOf('answerCallbackQuery').at(-1)?.payload
const OTHER_CLIENT = 'Эта кнопка — о другом клиенте: она работает только в его теме.'

/** Two clients with open requests and topics, a manager; the handoff's posts delivered. */
async function twoClients() {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const anna = await clientInHandoff(h, 301, 'Анна')
  const boris = await clientInHandoff(h, 302, 'Борис')
  await h.flush()
  return { h, manager, anna, boris }
}

/** A press in a client's topic of the staff group. */
const inTopic = (h: Harness, who: TestUser, topicId: number, data: string) =>
  h.u.callback(who, data, { chatId: STAFF_GROUP_ID, threadId: topicId })

describe("a staff button in one client's topic carrying another client's id", () => {
  it('"I take this client" for another client takes nobody', async () => {
    const { h, manager, anna, boris } = await twoClients()
    await h.send(inTopic(h, manager, anna.topicId, `hclaim:${boris.client.id}`))
    expect(lastAnswer(h)?.text).toBe(OTHER_CLIENT)
    expect(h.deps.services.handoff.leadOf(boris.client.id)).toBeUndefined()
    expect(h.deps.services.handoff.leadOf(anna.client.id)).toBeUndefined()
    // The real one, in the client's own topic, works (a while later: not a double tap)
    h.clock.advance(5_000)
    await h.send(inTopic(h, manager, boris.topicId, `hclaim:${boris.client.id}`))
    expect(lastAnswer(h)?.text).toBe('Клиент ваш.')
    expect(h.deps.services.handoff.leadOf(boris.client.id)).toBe(MANAGER_ID)
  })

  it('a saved reply for another client sends them nothing', async () => {
    const { h, manager, anna, boris } = await twoClients()
    const before = h.fake.sentTo(boris.user.id).length
    await h.send(inTopic(h, manager, anna.topicId, `dr:${boris.client.id}:hello`))
    await h.flush()
    expect(lastAnswer(h)?.text).toBe(OTHER_CLIENT)
    expect(h.fake.sentTo(boris.user.id)).toHaveLength(before)
    expect(h.fake.sentTo(anna.user.id).filter((c) => String(c.payload.text).includes('Меня зовут'))).toEqual([])
  })

  it("an invoice's buttons for another client's order neither confirm nor cancel it", async () => {
    const { h, manager, anna, boris } = await twoClients()
    await h.send(h.u.staffText(manager, boris.topicId, '/invoice 45000 landing'))
    await h.flush()
    const order = h.deps.db.select().from(orders).get()
    expect(order?.clientId).toBe(boris.client.id)
    const toBoris = h.fake.sentTo(boris.user.id).length
    for (const action of ['ok', 'paid', 'no', 'cancel']) {
      await h.send(inTopic(h, manager, anna.topicId, `pay:${action}:${order?.id}`))
      expect(lastAnswer(h)?.text, action).toBe(OTHER_CLIENT)
    }
    await h.flush()
    expect(h.deps.services.orders.get(order?.id ?? 0)?.status).toBe('unpaid')
    expect(h.fake.sentTo(boris.user.id)).toHaveLength(toBoris)
  })

  it("a call reminder's buttons for another client's call leave it booked", async () => {
    const { h, manager, anna, boris } = await twoClients()
    const booking = await book(h, boris.user, { day: MONDAY, slot: SLOT })
    const at = Date.parse(SLOT) / 60_000
    for (const data of [
      `bko:called:${booking.id}:${at}`,
      `bko:noans:${booking.id}:${at}`,
      `bko:resched:${booking.id}:${at}`,
      `bkod:${booking.id}:2026-11-24:${at}`,
      `bkos:${booking.id}:${Date.parse('2026-11-24T08:00Z') / 60_000}:${at}`,
    ]) {
      await h.send(inTopic(h, manager, anna.topicId, data))
      expect(lastAnswer(h)?.text, data).toBe(OTHER_CLIENT)
    }
    expect(h.deps.services.booking.get(booking.id)).toMatchObject({ status: 'booked', slotStart: Date.parse(SLOT) })
  })
})

describe('an owner demoted to manager', () => {
  /** A co-owner; the owner demotes them through /staff, as the owner would. */
  async function coOwner() {
    const h = createHarness()
    h.deps.services.staff.add(CO_OWNER_ID, 'owner', OWNER_ID, 'Игорь')
    const co = h.u.user(CO_OWNER_ID, { first_name: 'Игорь' })
    const demote = async () => {
      const owner = h.u.user(OWNER_ID)
      await h.send(h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, String(CO_OWNER_ID)))
      await h.send(h.u.callback(owner, `staffok:yes:${CO_OWNER_ID}:manager`))
      expect(h.deps.services.staff.roleOf(CO_OWNER_ID)).toBe('manager')
    }
    return { h, co, demote }
  }
  it("their Telegram Business account is no longer served: a client's message and press there, and their own words, do nothing", async () => {
    const { h, co, demote } = await coOwner()
    await h.send(h.u.businessConnection(co, { id: 'bc-igor' }))
    const client = h.u.user(401, { first_name: 'Вера' })
    await h.send(h.u.businessMessage(client, 'bc-igor', client.id, 'Здравствуйте'))
    expect(findClientByTelegramId(h.deps.db, client.id)).toBeDefined()
    await h.flush() // her request reached the group
    await demote()
    const before = { group: h.fake.sentTo(STAFF_GROUP_ID).length, toClient: h.fake.sentTo(client.id).length }
    await h.send(h.u.businessMessage(client, 'bc-igor', client.id, 'Вы тут?'))
    await h.send(h.u.businessMessage(co, 'bc-igor', client.id, 'Да, тут'))
    await h.send(h.u.callback(client, 'menu:about', { businessConnectionId: 'bc-igor' }))
    expect(lastAnswer(h)?.text).toBe('Эта кнопка больше не работает.')
    await h.flush()
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toHaveLength(before.group)
    expect(h.fake.sentTo(client.id)).toHaveLength(before.toClient)
    const row = findClientByTelegramId(h.deps.db, client.id)
    expect(h.deps.services.handoff.current(row?.id ?? 0)?.managerId ?? null).not.toBe(CO_OWNER_ID)
  })
})
