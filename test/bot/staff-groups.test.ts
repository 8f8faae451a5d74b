/**
 * Several staff groups (STAFF_GROUP_IDS): each client belongs to one, for good;
 * new clients go where the content file says or to the least busy group; each
 * group has its own budget, topics and cards; an owner can move a client.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { countOutbox } from '../../db/repositories/outbox.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { press } from '../helpers/flows.ts'
import { clientInHandoff, relayedToGroup } from '../helpers/handoff.ts'
import {
  createHarness,
  DEMO_CONTENT_PATH,
  demoContent,
  forgetData,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
} from '../helpers/harness.ts'

const SECOND = -1009876543210
const TWO_GROUPS = { STAFF_GROUP_IDS: `${STAFF_GROUP_ID},${SECOND}` }

const groupOf = (h: Harness, userId: number) => findClientByTelegramId(h.deps.db, userId)?.staffGroupId
const topicOf = (h: Harness, userId: number) => findClientByTelegramId(h.deps.db, userId)?.topicId ?? -1

async function settle(h: Harness): Promise<void> {
  await h.flush(60 * 60_000)
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((resolve) => setImmediate(resolve))
  if (!cond()) throw new Error('condition never met')
}

/**
 * Boris and Anna talk to managers in the first group; Anna writes, and an owner moves her to
 * the second group while the copy of her message is on its way to her old topic, whose
 * answer `answer` then gives (and lets the move go first).
 */
async function moveDuringCopy(h: Harness, text: string, answer: () => void) {
  const { user: boris, topicId: borisTopic } = await clientInHandoff(h, 9161, 'Борис')
  await settle(h)
  const { user: anna, topicId: oldTopic } = await clientInHandoff(h, 9162, 'Анна')
  await settle(h)
  expect([groupOf(h, boris.id), groupOf(h, anna.id)]).toEqual([STAFF_GROUP_ID, STAFF_GROUP_ID])
  const message = h.u.text(anna, text)
  const isCopy = (c: ApiCall) =>
    c.method === 'copyMessage' &&
    c.payload.message_id === message.message?.message_id &&
    Number(c.payload.chat_id) === STAFF_GROUP_ID
  const release = h.fake.hold(isCopy)
  answer()
  await h.send(message)
  const delivering = h.drain()
  await until(() => h.fake.calls.some(isCopy))
  await h.send(h.u.staffText(h.u.user(OWNER_ID), oldTopic, '/move 2'))
  release()
  await delivering
  await settle(h)
  expect(groupOf(h, anna.id)).toBe(SECOND)
  return { anna, boris, borisTopic, oldTopic, message, newTopic: topicOf(h, anna.id) }
}

/** The owners replace the staff group in the settings with a new one and restart the bot. */
async function restartWithNewGroup(h: Harness): Promise<Harness> {
  const after = createHarness({
    config: { STAFF_GROUP_ID: String(SECOND) },
    clock: h.clock,
    database: h.database,
    fake: h.fake,
  })
  await settle(after)
  return after
}

describe('several staff groups', () => {
  it('a new client goes to the least busy group and stays there', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9101, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/manager'))
    expect(groupOf(h, anna.id)).toBe(STAFF_GROUP_ID) // both idle: the first
    // Anna's messages wait for the first group (nothing delivered yet)
    for (let i = 0; i < 5; i++) await h.send(h.u.photo(anna, { caption: `фото ${i}` }))
    const boris = h.u.user(9102, { first_name: 'Борис' })
    await h.send(h.u.text(boris, '/manager'), h.u.text(boris, 'Добрый день'))
    expect(groupOf(h, boris.id)).toBe(SECOND)
    // Now the second group is busier: Anna stays where she is
    for (let i = 0; i < 10; i++) await h.send(h.u.photo(boris, { caption: `фото ${i}` }))
    await h.send(h.u.text(anna, 'Ещё вопрос'))
    expect(groupOf(h, anna.id)).toBe(STAFF_GROUP_ID)
    await settle(h)
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicOf(h, anna.id)).length).toBeGreaterThan(0)
    expect(h.fake.sentTo(SECOND, topicOf(h, boris.id)).length).toBeGreaterThan(0)
    expect(h.fake.sentTo(SECOND).some((c) => c.payload.from_chat_id === anna.id)).toBe(false)
    expect(relayedToGroup(h, anna.id)).toHaveLength(6)
  })

  it('no group is chosen before a client needs a topic: not by a consent answered at /start', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9103, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'), h.u.callback(anna, 'consent:yes'))
    await h.send(h.u.text(anna, '/stop'), h.u.callback(anna, 'consent:yes'))
    await h.drain()
    expect(groupOf(h, anna.id)).toBeNull()
    // Chosen when she asks for a manager, by the rules then
    await h.send(h.u.text(anna, '/manager'))
    expect(groupOf(h, anna.id)).toBe(STAFF_GROUP_ID)
  })

  it('a rule of the content file sends a client to their group (by language)', async () => {
    const content = demoContent()
    const h = createHarness({
      config: TWO_GROUPS,
      content: { ...content, handoff: { ...content.handoff, groups: [{ group: SECOND, languages: ['en'] }] } },
    })
    const john = h.u.user(9111, { first_name: 'John', language_code: 'en' })
    const vera = h.u.user(9112, { first_name: 'Вера' })
    await h.send(h.u.text(john, '/start'), h.u.text(john, '/manager'))
    await h.send(h.u.text(vera, '/start'), h.u.text(vera, '/manager'))
    expect(groupOf(h, john.id)).toBe(SECOND)
    expect(groupOf(h, vera.id)).toBe(STAFF_GROUP_ID)
  })

  it('a rule by product catches a client whose quiz picked it, not one for whom it found no match', async () => {
    const content = demoContent()
    const h = createHarness({
      config: TWO_GROUPS,
      content: {
        ...content,
        quiz: {
          match_threshold: 3,
          questions: [
            {
              key: 'goal',
              text: 'Что нужно?',
              type: 'choice',
              options: [
                { value: 'landing', label: 'Лендинг', weights: { landing: 3 } },
                { value: 'unsure', label: 'Пока не знаю', weights: {} },
              ],
            },
          ],
        },
        handoff: { ...content.handoff, groups: [{ group: SECOND, products: ['landing'] }] },
      },
    })
    const anna = h.u.user(9113, { first_name: 'Анна' })
    const boris = h.u.user(9114, { first_name: 'Борис' })
    for (const [user, answer] of [
      [anna, 'Лендинг'],
      [boris, 'Пока не знаю'],
    ] as const) {
      await h.send(h.u.text(user, '/quiz'))
      await press(h, user, answer)
      await h.send(h.u.text(user, '/manager'))
    }
    expect(h.fake.textsTo(boris.id).join('\n')).toMatch(/не нашлось готового решения/) // no match
    expect(groupOf(h, anna.id)).toBe(SECOND)
    // With nothing picked, Boris goes to the least busy group, not to the landing's
    expect(groupOf(h, boris.id)).toBe(STAFF_GROUP_ID)
  })

  it('each group has its own budget: both get their 20 in the same minute', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const clients = [h.u.user(9121), h.u.user(9122)]
    for (const user of clients) await h.send(h.u.text(user, '/manager'))
    for (let i = 0; i < 25; i++) for (const user of clients) await h.send(h.u.photo(user, { caption: `${i}` }))
    await h.drain()
    const groupMessages = (chat: number) =>
      h.fake.calls.filter((c) => c.ok && Number(c.payload.chat_id) === chat).length
    expect(groupMessages(STAFF_GROUP_ID)).toBe(20)
    expect(groupMessages(SECOND)).toBe(20)
  })

  it('with one staff group, /move says there is nowhere to move a client and how a second group is added', async () => {
    const h = createHarness()
    const anna = h.u.user(9132, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/manager'))
    await settle(h)
    const topic = topicOf(h, anna.id)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topic, '/move 2'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topic).at(-1)).toBe(
      'Переводить некуда: рабочая группа одна. Чтобы делить клиентов между группами (по языкам, услугам), добавьте группы в STAFF_GROUP_IDS в .env и перезапустите бота.',
    )
  })

  it('an owner moves a client: the old topic is told, the new one gets the card and the whole story', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9131, { first_name: 'Анна' })
    await h.send(h.u.text(anna, 'Нужен сайт'), h.u.text(anna, '/manager'), h.u.text(anna, 'Когда сможете?'))
    await settle(h)
    const oldTopic = topicOf(h, anna.id)
    const owner = h.u.user(OWNER_ID)
    // Only an owner, with a group number
    await h.send(h.u.staffText(h.u.user(9199), oldTopic, '/move 2'))
    await h.send(h.u.staffText(owner, oldTopic, '/move 7'))
    await settle(h)
    expect(groupOf(h, anna.id)).toBe(STAFF_GROUP_ID)
    expect(h.fake.textsTo(STAFF_GROUP_ID, oldTopic).at(-1)).toContain(
      'Как перевести клиента: /move &lt;номер группы&gt;',
    )

    await h.send(h.u.staffText(owner, oldTopic, '/move 2'))
    await settle(h)
    expect(groupOf(h, anna.id)).toBe(SECOND)
    expect(h.fake.textsTo(STAFF_GROUP_ID, oldTopic).at(-1)).toContain('Клиент переведён в группу №2')
    const newTopic = topicOf(h, anna.id)
    const there = h.fake.textsTo(SECOND, newTopic)
    expect(there[0]).toContain('Запрос открыт')
    expect(there.join('\n')).toContain('Нужен сайт')
    expect(there.join('\n')).toContain('Когда сможете?')
    expect(there.at(-1)).toContain('переведён сюда из другой группы')

    // The conversation goes on in the new group, both ways
    const next = h.u.text(anna, 'Я тут')
    await h.send(next)
    const manager = h.u.user(OWNER_ID)
    await h.send(h.u.text(manager, 'Здравствуйте, Анна!', { chatId: SECOND, threadId: newTopic }))
    await settle(h)
    expect(relayedToGroup(h, anna.id).at(-1)).toBe(next.message?.message_id)
    expect(h.fake.sentTo(SECOND, newTopic).some((c) => c.payload.message_id === next.message?.message_id)).toBe(true)
    expect(h.fake.sentTo(anna.id).at(-1)).toMatchObject({ method: 'copyMessage', payload: { from_chat_id: SECOND } })
  })

  it("a card's pin still waiting when its client moves goes with them, and pins nothing in the new group", async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9132, { first_name: 'Анна' })
    await h.send(h.u.text(anna, 'Нужен сайт'), h.u.text(anna, '/manager'))
    await settle(h)
    const oldTopic = topicOf(h, anna.id)
    const client = findClientByTelegramId(h.deps.db, anna.id)!
    // The old group's card pin, queued in her lane (it waits for a quiet group), as the move finds it
    const card = h.fake.sentTo(STAFF_GROUP_ID, oldTopic)[0]?.result as { message_id: number }
    h.deps.services.handoff.route.toLane({ chatId: STAFF_GROUP_ID, clientId: client.id }, 'pin', {
      messageId: card.message_id,
      chatId: STAFF_GROUP_ID,
    })
    await h.send(h.u.staffText(h.u.user(OWNER_ID), oldTopic, '/move 2'))
    await settle(h)
    expect(groupOf(h, anna.id)).toBe(SECOND)
    // Her new card there is pinned, once; the old group's message id (some other message there) is not
    const newCard = h.fake.sentTo(SECOND, topicOf(h, anna.id))[0]?.result as { message_id: number }
    const pinnedThere = h.fake.callsOf('pinChatMessage').filter((c) => Number(c.payload.chat_id) === SECOND)
    expect(pinnedThere.map((c) => c.payload.message_id)).toEqual([newCard.message_id])
    expect(h.errors()).toEqual([])
  })

  it('a manager answering in the old topic after a move is told it reached nobody, there', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9631, { first_name: 'Анна' })
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(anna, 'Нужен сайт'), h.u.text(anna, '/manager'))
    await settle(h)
    const oldTopic = topicOf(h, anna.id)
    await h.send(h.u.staffText(owner, oldTopic, '/move 2'))
    await settle(h)
    expect(groupOf(h, anna.id)).toBe(SECOND)
    const toAnna = h.fake.sentTo(anna.id).length

    await h.send(h.u.staffText(owner, oldTopic, 'Анна, цена — 50 000 ₽, начнём в понедельник'))
    await settle(h)
    expect(h.fake.sentTo(anna.id)).toHaveLength(toAnna)
    expect(h.fake.textsTo(STAFF_GROUP_ID, oldTopic).at(-1)).toContain(
      'Не отправлено: клиент переведён в группу №2, отсюда ему ничего не уходит',
    )
    // Nothing is said in the new topic: the message was not for it
    expect(h.fake.textsTo(SECOND, topicOf(h, anna.id)).join('\n')).not.toContain('Не отправлено')
  })

  it("after a move, every manager message in the new group's topic reaches the client", async () => {
    // Each group numbers its messages on its own: the new topic's ids run into the old one's
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9133, { first_name: 'Анна' })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, '/manager'))
    await settle(h)
    const oldTopic = topicOf(h, anna.id)
    for (let i = 0; i < 5; i++) {
      await h.send(h.u.text(anna, `Вопрос ${i}`), h.u.staffText(owner, oldTopic, `Ответ ${i}`))
      await settle(h)
    }
    await h.send(h.u.staffText(owner, oldTopic, '/move 2'))
    await settle(h)
    const newTopic = topicOf(h, anna.id)

    const sent: number[] = []
    for (let i = 0; i < 20; i++) {
      const message = h.u.text(owner, `Новое сообщение ${i}`, { chatId: SECOND, threadId: newTopic })
      sent.push(message.message?.message_id as number)
      await h.send(message)
      await settle(h)
    }
    const delivered = h.fake
      .sentTo(anna.id)
      .filter((c) => c.ok && c.method === 'copyMessage' && c.payload.from_chat_id === SECOND)
      .map((c) => c.payload.message_id)
    expect(delivered).toEqual(sent)
  })

  it("a message whose copy failed while its client was moved reaches their new topic, not another client's", async () => {
    const h = createHarness({ config: TWO_GROUPS })
    // The copy comes back with a 429: it is tried again after the move
    const { anna, borisTopic, newTopic } = await moveDuringCopy(h, 'Мой адрес: ул. Ленина 5, кв 12', () =>
      h.fake.tooManyRequests({ method: 'copyMessage', chatId: STAFF_GROUP_ID }, 30),
    )
    // The new topic's thread id in the second group is no topic of Anna's in the first
    expect(h.fake.sentTo(STAFF_GROUP_ID, borisTopic).filter((c) => c.payload.from_chat_id === anna.id)).toEqual([])
    expect(
      h.fake.calls.filter(
        (c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && c.payload.from_chat_id === anna.id,
      ),
    ).toEqual([])
    // It is in the new topic, once
    const there = h.fake.textsTo(SECOND, newTopic).join('\n')
    expect(there.split('ул. Ленина 5').length - 1).toBe(1)
    expect(countOutbox(h.deps.db)).toMatchObject({ pending: 0, sending: 0, failed: 0 })
  })

  it('a message copied into the old topic during the move is not taken for a message of the new one', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const { anna, message, newTopic } = await moveDuringCopy(h, 'Перезвоните в 10', () => {})
    // Anna corrects the message that stayed in her old topic: the new group has no copy of it to edit
    await h.send(h.u.edited(anna, message.message?.message_id as number, 'Перезвоните в 11'))
    await settle(h)
    expect(h.fake.callsOf('editMessageText').filter((c) => Number(c.payload.chat_id) === SECOND)).toEqual([])
    expect(h.fake.textsTo(SECOND, newTopic).join('\n')).toContain('Перезвоните в 10')
  })

  it('a group replaced in the settings: what waited for it reaches the topic in the new one, in order', async () => {
    const h = createHarness()
    const { user: anna } = await clientInHandoff(h, 9171, 'Анна')
    await settle(h)
    // The bot is removed from the group: the client's message and an answer in General wait
    h.fake.fail({
      chatId: STAFF_GROUP_ID,
      error_code: 403,
      description: 'Forbidden: bot was kicked from the supergroup chat',
      times: 10_000,
    })
    const waited = h.u.text(anna, 'Вы меня слышите?')
    await h.send(waited, h.u.text(h.u.user(OWNER_ID), '/duty', { chatId: STAFF_GROUP_ID }))
    await h.flush(5 * 60_000)
    expect(relayedToGroup(h, anna.id)).toEqual([])
    // The owners make a new group and restart the bot with it
    const after = await restartWithNewGroup(h)
    expect(groupOf(after, anna.id)).toBe(SECOND)
    const topic = topicOf(after, anna.id)
    const there = after.fake.textsTo(SECOND, topic)
    expect(there.join('\n')).toContain('переведён сюда из другой группы')
    // Minutes late, it says when it was written
    expect(there.at(-1)).toMatch(/^🕐 \d{1,2}:\d{2}\n.*Вы меня слышите\?/s)
    const next = h.u.text(anna, 'Ау?')
    await after.send(next)
    await settle(after)
    expect(relayedToGroup(after, anna.id)).toEqual([waited.message?.message_id, next.message?.message_id])
    // Nothing waits for the old group any more: the answer in its General is given up
    expect(countOutbox(after.deps.db)).toMatchObject({ pending: 0, sending: 0, failed: 1 })
  })

  it('/forget after the group was replaced in the settings says nothing in another client’s topic of the new group', async () => {
    const h = createHarness()
    const { user: anna } = await clientInHandoff(h, 9172, 'Анна')
    await settle(h)
    const after = await restartWithNewGroup(h)
    // Boris is the new group's first topic: the same thread id as Anna's old one
    const boris = after.u.user(9173, { first_name: 'Борис' })
    await after.send(after.u.text(boris, '/manager'))
    await settle(after)
    const borisTopic = topicOf(after, boris.id)
    await forgetData(after, anna)
    await settle(after)
    expect(after.fake.textsTo(SECOND, borisTopic).join('\n')).not.toContain('удалил свои данные')
    expect(after.errors()).toEqual([])
  })

  it("/find after the group was replaced in the settings links to no other client's topic and moves nobody", async () => {
    const h = createHarness()
    const { user: anna } = await clientInHandoff(h, 9174, 'Анна')
    await settle(h)
    const annaOldTopic = topicOf(h, anna.id)
    const after = await restartWithNewGroup(h)
    // Boris is the new group's first topic: the same thread id as Anna's old one
    const boris = after.u.user(9175, { first_name: 'Борис' })
    await after.send(after.u.text(boris, '/manager'))
    await settle(after)
    expect(topicOf(after, boris.id)).toBe(annaOldTopic)

    await after.send(after.u.text(after.u.user(OWNER_ID), '/find Анна', { chatId: SECOND }))
    await settle(after)
    const found = after.fake.textsTo(SECOND).find((t) => t.includes('Анна'))
    expect(found).toContain('Анна (темы ещё нет)')
    expect(found).not.toContain('<a href')
    // Looking her up left her where she was: her old topic, not yet moved
    expect([groupOf(after, anna.id), topicOf(after, anna.id)]).toEqual([STAFF_GROUP_ID, annaOldTopic])
  })

  it('a topic deleted in one group is recreated there; the other group goes on', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9141, { first_name: 'Анна' })
    const boris = h.u.user(9142, { first_name: 'Борис' })
    await h.send(h.u.text(anna, '/manager'))
    await h.send(h.u.photo(anna, { caption: 'занято' })) // keeps the first group busier for Boris's choice
    await h.send(h.u.text(boris, '/manager'))
    await settle(h)
    expect([groupOf(h, anna.id), groupOf(h, boris.id)]).toEqual([STAFF_GROUP_ID, SECOND])
    h.fake.deleteTopic(topicOf(h, anna.id), STAFF_GROUP_ID)
    const lost = h.u.text(anna, 'Вы тут?')
    const other = h.u.text(boris, 'А у меня всё хорошо')
    await h.send(lost, other)
    await settle(h)
    expect(groupOf(h, anna.id)).toBe(STAFF_GROUP_ID)
    const annaTopic = topicOf(h, anna.id)
    expect(h.fake.textsTo(STAFF_GROUP_ID, annaTopic).join('\n')).toContain('Тема клиента была удалена')
    expect(relayedToGroup(h, anna.id).at(-1)).toBe(lost.message?.message_id)
    expect(relayedToGroup(h, boris.id)).toEqual([other.message?.message_id])
    expect(h.fake.callsOf('createForumTopic').filter((c) => Number(c.payload.chat_id) === SECOND)).toHaveLength(1)
  })

  it('a group that breaks while the bot runs is named in the owners’ alert, as at start-up', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    await h.send(h.u.text(h.u.user(OWNER_ID), '/start'))
    // Topics are turned off in the first group only
    h.fake.emulator.chat(STAFF_GROUP_ID).isForum = false
    for (const id of [9171, 9172, 9173, 9174]) {
      const user = h.u.user(id, { first_name: 'Клиент' })
      await h.send(h.u.text(user, '/manager'))
      await h.drain()
    }
    expect([9171, 9172, 9173, 9174].map((id) => groupOf(h, id))).toContain(STAFF_GROUP_ID)
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('настроена не до конца'))).toEqual([
      `Группа ${STAFF_GROUP_ID}:\n` +
        '⚠️ Рабочая группа для менеджеров настроена не до конца — клиентов пока нельзя передавать менеджерам:\n' +
        'В группе выключены темы. Настройки группы → «Темы» → включить.',
    ])
  })

  it('a restart with messages queued for both groups delivers each once, in order', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const anna = h.u.user(9151, { first_name: 'Анна' })
    const boris = h.u.user(9152, { first_name: 'Борис' })
    await h.send(h.u.text(anna, '/manager'), h.u.photo(anna, { caption: 'первое' }))
    await h.send(h.u.text(boris, '/manager'))
    const sent = new Map<number, number[]>([
      [anna.id, []],
      [boris.id, []],
    ])
    for (let i = 0; i < 12; i++) {
      for (const user of [anna, boris]) {
        const u = i % 3 === 0 ? h.u.text(user, `текст ${i}`) : h.u.photo(user, { caption: `фото ${i}` })
        sent.get(user.id)?.push(u.message?.message_id ?? 0)
        await h.send(u)
      }
    }
    await h.drain() // part of it goes, then the process stops
    const after = h.restart()
    await after.flush(60 * 60_000)
    expect(relayedToGroup(after, anna.id).slice(1)).toEqual(sent.get(anna.id))
    expect(relayedToGroup(after, boris.id)).toEqual(sent.get(boris.id))
    expect(new Set([groupOf(after, anna.id), groupOf(after, boris.id)]).size).toBe(2)
    expect(countOutbox(after.deps.db)).toMatchObject({ pending: 0, sending: 0, failed: 0 })
  })
})

describe('a rule of the content file naming a group the settings do not have', () => {
  it('is reported to the owners when the file is applied, with the group; rules of known groups are not', async () => {
    const h = createHarness({ config: TWO_GROUPS })
    const owner = h.u.user(OWNER_ID)
    const upload = async (groups: string) => {
      const yaml = readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(/^handoff:\n/m, `handoff:\n  groups:\n${groups}`)
      const update = h.u.document(owner, { fileName: 'content.yaml' })
      h.fake.files.set(update.message!.document!.file_id, Buffer.from(yaml, 'utf8'))
      await h.send(update)
      await h.drain()
    }
    const warnings = () => h.fake.textsTo(OWNER_ID).filter((t) => t.includes('STAFF_GROUP_IDS'))
    await upload(`    - group: ${SECOND}\n      languages: [en]\n    - group: -1001111111111\n      languages: [ru]\n`)
    expect(h.deps.content.get().handoff.groups).toHaveLength(2)
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]).toContain('-1001111111111')
    expect(warnings()[0]).not.toContain(String(SECOND))

    await upload(`    - group: ${SECOND}\n      languages: [en]\n`)
    expect(h.deps.content.get().handoff.groups).toHaveLength(1)
    expect(warnings()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})
