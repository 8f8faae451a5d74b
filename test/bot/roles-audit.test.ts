/**
 * Roles and button data at every entry point: forged and stale presses and commands from
 * people who may not use them, in every chat they can arrive in (a client's private chat, the
 * staff group's General and client topics, an owner's private chat, a chat of an owner's
 * Telegram Business account). Each case asserts what the presser reads and that nothing changed.
 */

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { broadcasts, contentVersions, orders } from '../../db/schema.ts'
import { book } from '../helpers/booking.ts'
import { seedClient } from '../helpers/clients.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, DEMO_CONTENT_PATH, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
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
      `bkx:yes:${booking.id}:called`,
    ]) {
      await h.send(inTopic(h, manager, anna.topicId, data))
      expect(lastAnswer(h)?.text, data).toBe(OTHER_CLIENT)
    }
    expect(h.deps.services.booking.get(booking.id)).toMatchObject({ status: 'booked', slotStart: Date.parse(SLOT) })
  })
})

/** Texts the presser reads. */
const STALE = 'Эта кнопка уже неактуальна. Откройте /menu'
const OWNER_BUTTON_ONLY = 'Эта кнопка — только для владельца бота.'
const STAFF_BUTTON_ONLY = 'Эта кнопка — только для сотрудников.'

/**
 * Anna, a client with a topic, an invoice (its payment reminders are listed follow-ups), a call
 * booked and its staff reminder in her topic; the manager has /r and /followups lists there.
 */
async function annaWithEverything() {
  const { h, manager, anna, boris } = await twoClients()
  const booking = await book(h, anna.user, { day: MONDAY, slot: SLOT })
  await h.send(h.u.staffText(manager, anna.topicId, '/invoice 45000 25.12 landing'))
  await h.send(h.u.staffText(manager, anna.topicId, '/r'), h.u.staffText(manager, anna.topicId, '/followups'))
  h.clock.set(SLOT)
  await h.deps.scheduler.runDue()
  await h.flush()
  const order = h.deps.db.select().from(orders).get()
  if (!order) throw new Error('no order')
  const job = h.deps.services.followups.list({ clientId: anna.client.id, limit: 20 }).upcoming.at(-1)
  if (!job) throw new Error('no follow-up listed')
  const at = Date.parse(SLOT) / 60_000
  /** Every staff button the group shows about Anna, with what someone not on the team reads. */
  const staffButtons: [string, string][] = [
    [`hclaim:${anna.client.id}`, STAFF_BUTTON_ONLY],
    [`dr:${anna.client.id}:hello`, STAFF_BUTTON_ONLY],
    [`pay:cancel:${order.id}`, STAFF_BUTTON_ONLY],
    [`fux:${job.id}`, STAFF_BUTTON_ONLY],
    [`bko:called:${booking.id}:${at}`, STAFF_BUTTON_ONLY],
    [`bko:resched:${booking.id}:${at}`, STAFF_BUTTON_ONLY],
  ]
  // Shown in the group (the claim button only until someone answered Anna: the manager did)
  for (const [data] of staffButtons.slice(1)) {
    const shown = h.fake.messageWithButton(STAFF_GROUP_ID, data)
    expect(h.fake.keyboardOf(STAFF_GROUP_ID, shown ?? 0)?.inline_keyboard.flat(), data).toContainEqual(
      expect.objectContaining({ callback_data: data }),
    )
  }
  const lead = h.deps.services.handoff.current(anna.client.id)?.managerId
  expect(lead).toBe(MANAGER_ID)
  /** Nothing a press could change has changed (`leadNow`: the request's lead as it should be then). */
  const unchanged = (leadNow: number | null | undefined = lead) => {
    expect(h.deps.services.handoff.current(anna.client.id)?.managerId).toBe(leadNow)
    expect(h.deps.services.orders.get(order.id)?.status).toBe('unpaid')
    expect(h.deps.services.booking.get(booking.id)).toMatchObject({ status: 'booked', slotStart: Date.parse(SLOT) })
    expect(h.deps.services.followups.list({ clientId: anna.client.id, limit: 20 }).upcoming.map((j) => j.id)).toContain(
      job.id,
    )
  }
  unchanged()
  return { h, manager, anna, boris, order, booking, job, staffButtons, unchanged }
}

describe('a team member removed from the team', () => {
  it('loses every staff button at once, under messages the group showed them before; their words in the topic go nowhere', async () => {
    const { h, manager, anna, staffButtons, unchanged } = await annaWithEverything()
    const earlier = h.u.staffText(manager, anna.topicId, 'Анна, добрый день!')
    await h.send(earlier)
    await h.flush()
    const toAnna = h.fake.sentTo(anna.user.id).length
    const editsToAnna = () => h.fake.callsOf('editMessageText').filter((c) => c.payload.chat_id === anna.user.id)
    const edited = editsToAnna().length

    // The owner removes them with /staff
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, `staffrm:${MANAGER_ID}:ask:manager`))
    await h.send(h.u.callback(owner, `staffrm:${MANAGER_ID}:yes:manager`))
    expect(h.deps.services.staff.roleOf(MANAGER_ID)).toBeUndefined()

    for (const [data, refusal] of staffButtons) {
      h.clock.advance(5_000)
      await h.send(
        h.u.callback(manager, data, {
          chatId: STAFF_GROUP_ID,
          threadId: anna.topicId,
          messageId: h.fake.messageWithButton(STAFF_GROUP_ID, data),
        }),
      )
      expect(lastAnswer(h)?.text, data).toBe(refusal)
    }
    // What they write or edit in the topic reaches nobody
    await h.send(h.u.staffText(manager, anna.topicId, 'Я всё ещё здесь'))
    await h.send(
      h.u.edited(manager, earlier.message?.message_id ?? 0, 'Анна, переведите деньги мне лично', {
        chatId: STAFF_GROUP_ID,
        threadId: anna.topicId,
      }),
    )
    await h.send(h.u.staffText(manager, anna.topicId, '/close force ушёл'))
    await h.flush()
    expect(h.fake.sentTo(anna.user.id)).toHaveLength(toAnna)
    expect(editsToAnna()).toHaveLength(edited)
    expect(h.deps.services.handoff.isOpen(anna.client.id)).toBe(true)
    // The request they led was freed when they left (for a colleague to take), nothing else changed
    unchanged(null)
  })
})

describe('a client forging staff and owner buttons', () => {
  /** What a client reads for each forged button (their own order and call among them). */
  const forged = (c: Awaited<ReturnType<typeof annaWithEverything>>, stale = STALE): [string, string][] => [
    [`hclaim:${c.anna.client.id}`, stale],
    [`dr:${c.anna.client.id}:hello`, stale],
    [`pay:ok:${c.order.id}`, stale],
    [`pay:paid:${c.order.id}`, stale],
    [`pay:cancel:${c.order.id}`, stale],
    [`bko:called:${c.booking.id}`, stale],
    [`bkx:yes:${c.booking.id}:called`, stale],
    [`bkos:${c.booking.id}:${Date.parse('2026-11-24T08:00Z') / 60_000}`, stale],
    [`fux:${c.job.id}`, STAFF_BUTTON_ONLY],
    ['bcm:1:send', OWNER_BUTTON_ONLY],
    ['bcstop:1', OWNER_BUTTON_ONLY],
    ['staffadd:owner', OWNER_BUTTON_ONLY],
    [`staffok:yes:${c.anna.user.id}:owner`, OWNER_BUTTON_ONLY],
    [`staffrm:${OWNER_ID}:yes:owner`, OWNER_BUTTON_ONLY],
  ]

  it('in their own chat with the bot: a short answer each, nothing changes', async () => {
    const c = await annaWithEverything()
    const { h, anna } = c
    for (const [data, answer] of forged(c)) {
      h.clock.advance(5_000)
      await h.send(h.u.callback(anna.user, data))
      expect(lastAnswer(h)?.text, data).toBe(answer)
    }
    // Nor as a staff member's press in the group: she is not in the team
    for (const [data, refusal] of c.staffButtons) {
      h.clock.advance(5_000)
      await h.send(inTopic(h, anna.user, anna.topicId, data))
      expect(lastAnswer(h)?.text, data).toBe(refusal)
    }
    await h.flush()
    c.unchanged()
    expect(h.deps.services.staff.roleOf(anna.user.id)).toBeUndefined()
    expect(h.deps.services.staff.roleOf(OWNER_ID)).toBe('owner')
    expect(h.deps.db.select().from(broadcasts).all()).toEqual([])
  })

  it("in the owner's business chat: a short answer each, nothing changes", async () => {
    const c = await annaWithEverything()
    const { h, anna } = c
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(anna.user, 'bc-olga', anna.user.id, 'Здравствуйте'))
    // No /menu to point to in the owner's chat: the bot may not be the one answering there
    for (const [data, answer] of forged(c, 'Эта кнопка уже неактуальна.')) {
      h.clock.advance(5_000)
      await h.send(h.u.callback(anna.user, data, { businessConnectionId: 'bc-olga' }))
      expect(lastAnswer(h)?.text, data).toBe(answer)
    }
    // The owner pressing there is not taken for the client, nor for an owner at their desk
    await h.send(
      h.u.callback(owner, `pay:claim:${c.order.id}`, { chatId: anna.user.id, businessConnectionId: 'bc-olga' }),
    )
    expect(lastAnswer(h)?.text).toBe('Это кнопка клиента: нажать её может только он.')
    await h.send(h.u.callback(owner, 'staffadd:manager', { chatId: anna.user.id, businessConnectionId: 'bc-olga' }))
    expect(lastAnswer(h)?.text).toBe('Это кнопка клиента: нажать её может только он.')
    await h.flush()
    c.unchanged()
    expect(h.deps.services.ownerInput.pending(OWNER_ID)).toBeUndefined()
    expect(h.deps.services.orders.get(c.order.id)?.clientReportedPaidAt ?? null).toBeNull()
  })
})

describe('commands in the wrong chat', () => {
  const STAFF_COMMANDS = [
    '/close force ok',
    '/invoice 100',
    '/paid',
    '/done',
    '/r hello',
    '/note секрет',
    '/unsend',
    '/tag vip',
    '/assign',
    '/move 1',
    '/card',
    '/offer',
    '/followups',
    '/unsubscribe',
    '/find Анна',
    '/today',
    '/duty on',
  ]

  it('staff commands typed in a private chat do nothing there: a client does not know them, the team is told where they work', async () => {
    const { h, manager, anna } = await twoClients()
    const before = { orders: h.deps.db.select().from(orders).all().length, group: h.fake.sentTo(STAFF_GROUP_ID).length }
    /** What the team reads for a command of the staff group typed in their own chat with the bot. */
    const where = (command: string) => {
      const name = (command.split(' ')[0] ?? '').slice(1)
      return ['/find', '/today', '/duty', '/followups'].includes(`/${name}`)
        ? `/${name} работает в рабочей группе: в общем чате и в любой теме. Список команд — /help`
        : `/${name} работает в рабочей группе, в теме клиента. Список команд — /help`
    }
    for (const user of [anna.user, manager]) {
      for (const command of STAFF_COMMANDS) {
        // (A client's /unsubscribe is their /stop: test/bot/privacy-own-words.test.ts)
        if (user === anna.user && command === '/unsubscribe') continue
        await h.send(h.u.text(user, command))
        const expected =
          user === anna.user
            ? 'Такой команды я не знаю. Список команд — /help'
            : command === '/followups'
              ? 'Список по всем клиентам — для владельца. В теме клиента /followups покажет его сообщения.'
              : where(command)
        await h.flush()
        expect(h.fake.lastTextTo(user.id), `${user.id} ${command}`).toBe(expected)
      }
    }
    const owner = h.u.user(OWNER_ID)
    for (const command of STAFF_COMMANDS.filter((c) => c !== '/followups')) {
      await h.send(h.u.text(owner, command))
      expect(h.fake.lastTextTo(OWNER_ID), command).toBe(where(command))
    }
    await h.flush()
    expect(h.deps.db.select().from(orders).all()).toHaveLength(before.orders)
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toHaveLength(before.group)
    expect(h.deps.services.duty.roster(STAFF_GROUP_ID)).toEqual([])
    expect(h.deps.services.handoff.tags(anna.client.id)).toEqual([])
  })

  it('client and owner commands in the staff group do nothing there: no data, no flow, no owner tool', async () => {
    const { h, manager, anna } = await twoClients()
    const stranger = h.u.user(399, { first_name: 'Гость' })
    const owner = h.u.user(OWNER_ID)
    const commands = [
      '/mydata',
      '/help',
      '/manager',
      '/book',
      '/quiz',
      '/name',
      '/mybookings',
      '/broadcast',
      '/stats',
      '/export',
      '/backup',
      '/content',
      '/staff',
      '/business',
    ]
    const toAnna = h.fake.sentTo(anna.user.id).length
    for (const user of [stranger, manager, owner]) {
      for (const command of commands) {
        await h.send(h.u.text(user, command, { chatId: STAFF_GROUP_ID }))
        await h.send(h.u.staffText(user, anna.topicId, command))
      }
      // The client's own commands say where they work
      await h.send(h.u.text(user, '/forget', { chatId: STAFF_GROUP_ID }))
    }
    await h.flush()
    const nonText = h.fake.calls.filter((c) => ['sendDocument', 'sendPhoto', 'sendInvoice'].includes(c.method))
    expect(nonText).toEqual([])
    for (const id of [stranger.id, manager.id, OWNER_ID]) expect(h.fake.sentTo(id), String(id)).toEqual([])
    expect(h.fake.sentTo(anna.user.id)).toHaveLength(toAnna)
    // Each of a client's commands in General (the seven above and /forget) says where it works: to
    // someone outside the team in a word, to the team with what works here
    const texts = h.fake.textsTo(STAFF_GROUP_ID)
    expect(texts.filter((t) => t === 'Эта команда работает в личном чате с ботом.')).toHaveLength(8)
    expect(texts.filter((t) => t.startsWith('/forget работает в личном чате с ботом. Здесь'))).toHaveLength(2)
    for (const id of [OWNER_ID, MANAGER_ID]) expect(h.deps.services.ownerInput.pending(id)).toBeUndefined()
    expect(findClientByTelegramId(h.deps.db, stranger.id)).toBeUndefined()
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
  const drafts = (h: Harness) => h.deps.db.select().from(broadcasts).all()

  it('a broadcast step they began: their next message is not a broadcast', async () => {
    const { h, co, demote } = await coOwner()
    seedClient(h.deps, 950)
    await h.send(h.u.text(co, '/broadcast'))
    await demote()
    await h.send(h.u.text(co, 'Скидка 50% всем!'))
    expect(drafts(h)).toEqual([])
    expect(h.fake.lastButtonsTo(CO_OWNER_ID).some((b) => b.data?.startsWith('bc'))).toBe(false)
    // Nor a content file sent in that step
    const update = h.u.document(co, { fileName: 'content.yaml' })
    h.fake.files.set(update.message?.document?.file_id ?? '', readFileSync(DEMO_CONTENT_PATH))
    await h.send(update)
    expect(h.fake.callsOf('getFile')).toEqual([])
    expect(h.deps.db.select().from(contentVersions).all()).toEqual([])
    expect(h.fake.sentTo(950)).toEqual([])
  })

  it('a team step they began: the person they name next is not asked about, nor added when they press Yes', async () => {
    const { h, co, demote } = await coOwner()
    const NEWCOMER = 123_456_789
    await h.send(h.u.callback(co, 'staffadd:owner'))
    await demote()
    await h.send(h.u.text(co, String(NEWCOMER)))
    expect(h.fake.lastButtonsTo(CO_OWNER_ID).some((b) => b.data?.startsWith('staffok'))).toBe(false)
    expect(h.deps.services.staff.roleOf(NEWCOMER)).toBeUndefined()

    // Asked before the demotion, answered after it
    h.deps.services.staff.add(CO_OWNER_ID, 'owner', OWNER_ID, 'Игорь')
    await h.send(h.u.callback(co, 'staffadd:owner'), h.u.text(co, String(NEWCOMER)))
    expect(h.fake.lastButtonsTo(CO_OWNER_ID).map((b) => b.data)).toContain(`staffok:yes:${NEWCOMER}:owner`)
    await demote()
    await h.send(h.u.callback(co, `staffok:yes:${NEWCOMER}:owner`))
    expect(lastAnswer(h)?.text).toBe(OWNER_BUTTON_ONLY)
    expect(h.deps.services.staff.roleOf(NEWCOMER)).toBeUndefined()
    // …nor remove anyone with a button they were shown as an owner
    await h.send(h.u.callback(co, `staffrm:${MANAGER_ID}:yes:manager`))
    expect(lastAnswer(h)?.text).toBe(OWNER_BUTTON_ONLY)
  })

  it('their draft, their running broadcast and everyone’s follow-ups are out of reach; a manager’s desk is not', async () => {
    const { h, co, demote } = await coOwner()
    for (let i = 0; i < 60; i++) seedClient(h.deps, 20_000 + i)
    // A broadcast still going (Telegram has not answered one send yet) and a draft
    const release = h.fake.hold((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === 20_030)
    await h.send(h.u.text(co, '/broadcast'), h.u.text(co, 'Новость'))
    const running = drafts(h)[0]?.id ?? 0
    await h.send(h.u.callback(co, `bcm:${running}:preview`), h.u.callback(co, `bcm:${running}:send`))
    expect(h.deps.services.broadcasts.get(running)?.status).toBe('sending')
    await h.send(h.u.text(co, '/broadcast'), h.u.text(co, 'Ещё новость'))
    const draft = drafts(h)[1]?.id ?? 0
    const anna = await clientInHandoff(h, 301, 'Анна')
    await h.send(h.u.staffText(co, anna.topicId, '/invoice 45000 25.12 landing'))
    await h.send(h.u.text(co, '/followups'))
    await h.flush()
    const cancel = h.fake.lastButtonsTo(CO_OWNER_ID).find((b) => b.data?.startsWith('fux:'))?.data ?? ''
    expect(cancel).not.toBe('')

    await demote()
    for (const data of [`bcstop:${running}`, `bcm:${draft}:send`, `bcm:${draft}:preview`, `bcs:${draft}:stage:new`]) {
      h.clock.advance(5_000)
      await h.send(h.u.callback(co, data))
      expect(lastAnswer(h)?.text, data).toBe(OWNER_BUTTON_ONLY)
    }
    await h.send(h.u.callback(co, cancel))
    expect(lastAnswer(h)?.text).toBe(
      'Список по всем клиентам — для владельца. В теме клиента /followups покажет его сообщения.',
    )
    await h.send(h.u.text(co, '/cancel'))
    expect(h.deps.services.broadcasts.get(running)?.status).toBe('sending')
    expect(h.deps.services.broadcasts.get(draft)?.status).toBe('draft')
    // In the client's topic: a manager now — /refund and /move are an owner's
    await h.send(h.u.staffText(co, anna.topicId, '/refund 1'), h.u.staffText(co, anna.topicId, '/move 1'))
    await h.flush()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, anna.topicId)
    // No refund done (a manager's request for an unpaid invoice is answered in the topic: nothing to give back)
    expect(topic).toContain('Счёт №1 не оплачен — возвращать нечего.')
    expect(topic.some((t) => t.includes('Переводить клиентов между группами может только владелец.'))).toBe(true)
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    // …while the desk stays theirs
    await h.send(h.u.staffText(co, anna.topicId, '/paid 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    release()
    await h.deps.services.broadcasts.idle()
  })

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
