import { describe, expect, it } from 'vitest'
import { findClientById, findClientByTelegramId } from '../../db/repositories/clients.ts'
import { handoffs } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { clientInHandoff, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, forgetData, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('/forget while a manager is handling the client', () => {
  it('closes the request, deletes the topic, tells the group, and never recreates a topic for the erased client', async () => {
    const h = createHarness()
    const { user, client, topicId } = await clientInHandoff(h, 8101, 'Лена')
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)

    await h.send(h.u.text(user, 'ещё вопрос'))
    await forgetData(h, user)
    await h.drain()

    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    expect(
      h.deps.db
        .select()
        .from(handoffs)
        .all()
        .map((r) => r.status),
    ).toEqual(['closed'])
    // The topic went whole (the bot may delete messages): the group hears of it in General
    expect(h.fake.emulator.chat(STAFF_GROUP_ID).topics.get(topicId)?.deleted).toBe(true)
    const notice = h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload
    expect(notice?.text).toContain('его тема удалена')
    expect(notice?.message_thread_id).toBeUndefined()
    expect(h.fake.callsOf('createForumTopic')).toHaveLength(1)
    expect(findClientById(h.deps.db, client.id)?.topicId).toBeNull()

    // a manager writing into the old topic gets told, nothing reaches anyone
    const owner = h.u.user(OWNER_ID)
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.staffText(owner, topicId, 'Лена, вы тут?'))
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    expect(h.errors()).toEqual([])
  })

  it('"I take this client" under an SLA alert from before the erasure is out of date and takes nobody', async () => {
    const clock = createFakeClock('2026-11-23T09:00:00Z') // Monday 12:00 Moscow, working hours
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    const user = h.u.user(8102, { first_name: 'Евлампия' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const topicId = client.topicId!
    h.clock.advance(15 * 60_000)
    expect(await h.deps.scheduler.runDue()).toBe(1) // the SLA alert, with the claim button, in the topic
    await h.drain()
    expect(h.fake.messageWithButton(STAFF_GROUP_ID, `hclaim:${client.id}`)).toBeDefined()
    await forgetData(h, user)
    await h.flush()

    h.fake.clearCalls()
    await h.send(h.u.callback(h.u.user(OWNER_ID), `hclaim:${client.id}`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.flush()
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Эта кнопка уже неактуальна.')
    expect(h.deps.services.clients.get(client.id)?.managerId).toBeNull()
    expect(h.fake.callsOf('sendMessage')).toEqual([])
    expect(h.logs.filter((l) => l.msg === 'outbox row failed')).toEqual([])
  })
})

describe('the client card follows the data', () => {
  it('is edited in place when an invoice is issued or a callback booked', async () => {
    const h = createHarness()
    const { topicId } = await clientInHandoff(h, 8102, 'Марк')
    const card = h.fake.sentTo(STAFF_GROUP_ID, topicId)[0]!
    const cardId = Number(
      (h.fake.calls.find((c) => c.method === 'pinChatMessage')?.payload.message_id as number | undefined) ?? -1,
    )
    expect(cardId).toBeGreaterThan(0)
    expect(String(card.payload.text)).not.toContain('Заказы')

    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, '/invoice 45000 landing'))
    await h.drain()
    const edits = h.fake.callsOf('editMessageText').filter((c) => c.payload.message_id === cardId)
    expect(edits.length).toBeGreaterThan(0)
    expect(String(edits.at(-1)?.payload.text)).toContain('Заказы')
    expect(String(edits.at(-1)?.payload.text)).toMatch(/45\s?000/)
  })
})

describe('a trigger word in the middle of a flow', () => {
  it('ends the flow, so this message and the next go to the manager', async () => {
    const h = createHarness()
    const user = h.u.user(8103, { first_name: 'Ира' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'menu:discovery'))
    const firstQuestion = h.fake.lastButtonsTo(user.id)[0]!
    await h.send(h.u.callback(user, firstQuestion.data!))
    const complaint = h.u.text(user, 'Сайт для кофейни, но это какой-то обман')
    await h.send(complaint)
    // The client is told who answers and by when (15 minutes of working time from Monday 12:00)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Ира, передаю вас менеджеру вместе со всей нашей перепиской — повторять ничего не нужно. ' +
        'Вопросом займётся первый свободный менеджер. Ответим до 12:15 (Москва, UTC+3). ' +
        'Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.',
    )
    expect(h.deps.db.select().from(handoffs).all()).toMatchObject([{ status: 'open', reason: 'trigger' }])
    const when = h.u.text(user, 'Когда ответите?')
    await h.send(when)
    expect(h.fake.lastTextTo(user.id)).not.toContain('кнопкой')
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    // Both reached the topic, in order, with the note that the owner was told of the complaint between
    expect(relayedToGroup(h, user.id)).toEqual([complaint.message?.message_id, when.message?.message_id])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain('📣 Похоже на жалобу — владельцу сообщено.')
  })
})
