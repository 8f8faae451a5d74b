/**
 * Staff commands in a client's topic as a manager types them: /close with words after it,
 * /tag that changes nothing, /assign by a colleague's name or @username.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { mention } from '../helpers/desk.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const SVETA = 5_300_001
const MARIA = 5_300_002
const PETR = 5_300_003
const IVANOVA = 5_300_004

async function setUp(h: Harness) {
  h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Света')
  const user = h.u.user(1301, { first_name: 'Олег' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)!
  return { user, clientId: client.id, topicId: client.topicId!, sveta: h.u.user(SVETA, { first_name: 'Света' }) }
}

/** The card's edits in the staff group so far. */
const cardEdits = (h: Harness) =>
  h.fake
    .callsOf('editMessageText')
    .filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID && String(c.payload.text).startsWith('👤')).length

describe('/close with words after it', () => {
  it('asks the client nothing and says which command does what, with the words as the reason', async () => {
    const h = createHarness()
    const { user, clientId, topicId, sveta } = await setUp(h)
    const toClient = h.fake.sentTo(user.id).length
    await h.send(h.u.staffText(sveta, topicId, '/close решено по телефону'))
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    expect(h.deps.services.handoff.current(clientId)?.status).toBe('open')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      'Ничего не сделано: /close без слов спрашивает клиента, решён ли вопрос. Закрыть сразу, без вопроса клиенту: /close force решено по телефону',
    )
    // As it says: the bare command asks, force with a reason closes
    await h.send(h.u.staffText(sveta, topicId, '/close force решено по телефону'))
    await h.drain()
    expect(h.deps.services.handoff.current(clientId)).toBeUndefined()
  })
})

describe('/tag that changes nothing', () => {
  it('leaves the card alone (Telegram would refuse the same card, and the edit costs one of the group’s messages)', async () => {
    const h = createHarness()
    const { topicId, clientId, sveta } = await setUp(h)
    await h.send(h.u.staffText(sveta, topicId, '/tag vip'))
    await h.drain()
    const edits = cardEdits(h)
    expect(edits).toBeGreaterThan(0)
    await h.send(h.u.staffText(sveta, topicId, '/tag -nonexistent'), h.u.staffText(sveta, topicId, '/tag vip'))
    await h.drain()
    expect(cardEdits(h)).toBe(edits)
    // The manager still hears what happened
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(-2)).toEqual([
      'Теги не изменились. Сейчас: #vip',
      'Теги не изменились. Сейчас: #vip',
    ])
    expect(h.deps.services.handoff.tags(clientId)).toEqual(['vip'])
    // A change is drawn
    await h.send(h.u.staffText(sveta, topicId, '/tag -vip'))
    await h.drain()
    expect(cardEdits(h)).toBe(edits + 1)
  })
})

describe('/assign by name or @username', () => {
  it('hands the client to a colleague named by their @username, which the bot learns from Telegram', async () => {
    const h = createHarness()
    const { clientId, topicId, sveta } = await setUp(h)
    // Added by id: the bot has never seen her write, nor her username
    h.deps.services.staff.add(MARIA, 'manager', OWNER_ID)
    h.fake.emulator.addUser({ id: MARIA, first_name: 'Мария', last_name: 'Петрова', username: 'maria_manager' })
    h.fake.emulator.chat(STAFF_GROUP_ID).members.set(MARIA, 'member')
    await h.send(h.u.staffText(sveta, topicId, '/assign @Maria_Manager'))
    await h.drain()
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(MARIA)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      `👤 ${mention(MARIA, 'Мария Петрова')}, клиента передали вам — теперь его ведёте вы. Кто передал: Света.\n⏳ клиент ждёт ответа с 12:00, ответить до 12:15`,
    )
    // One without a username, picked from Telegram's list of mentions: Telegram says who it is
    h.deps.services.staff.add(PETR, 'manager', OWNER_ID)
    const petr = h.u.user(PETR, { first_name: 'Пётр' })
    const picked = h.u.staffText(sveta, topicId, '/assign Пётр')
    Object.assign(picked.message ?? {}, {
      entities: [
        { type: 'bot_command', offset: 0, length: 7 },
        { type: 'text_mention', offset: 8, length: 4, user: petr },
      ],
    })
    await h.send(picked)
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(PETR)
    expect(h.errors()).toEqual([])
  })

  it('hands the client to a colleague named as cards show them, whatever the case and ё; a first name alone when it is theirs only', async () => {
    const h = createHarness()
    const { clientId, topicId, sveta } = await setUp(h)
    h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария Петрова')
    h.deps.services.staff.add(PETR, 'manager', OWNER_ID, 'Пётр Сидоров')
    await h.send(h.u.staffText(sveta, topicId, '/assign петр  СИДОРОВ'))
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(PETR)
    await h.send(h.u.staffText(sveta, topicId, '/assign мария'))
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(MARIA)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      `👤 ${mention(MARIA, 'Мария Петрова')}, клиента передали вам`,
    )
  })

  it('an ambiguous name lists who it could be; an unknown one, or an @username nobody on the team has, lists the team', async () => {
    const h = createHarness()
    const { clientId, topicId, sveta } = await setUp(h)
    h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария Петрова')
    h.deps.services.staff.add(IVANOVA, 'manager', OWNER_ID, 'Мария Иванова')
    h.deps.services.staff.add(OWNER_ID, 'owner', OWNER_ID, 'Ольга')
    const usage =
      'Передать клиента коллеге: ответьте /assign на его сообщение или напишите /assign и его имя, как на карточке, @ник или id. Просто /assign — взять клиента себе.'
    await h.send(h.u.staffText(sveta, topicId, '/assign Мария'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      `«Мария» — в команде таких несколько: Мария Иванова (${IVANOVA}), Мария Петрова (${MARIA}).\n${usage}`,
    )
    const team = `Мария Иванова (${IVANOVA}), Мария Петрова (${MARIA}), Ольга (${OWNER_ID}), Света (${SVETA})`
    await h.send(h.u.staffText(sveta, topicId, '/assign Фёкла'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      `«Фёкла» — такого человека в команде нет. Команда: ${team}.\n${usage}`,
    )
    await h.send(h.u.staffText(sveta, topicId, '/assign @maria_manager'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      `«@maria_manager» — такого человека в команде нет. Команда: ${team}.\n${usage}`,
    )
    // Nobody was given the client by a guess
    expect(h.deps.services.handoff.current(clientId)?.managerId).not.toBe(MARIA)
    expect(h.deps.services.handoff.current(clientId)?.managerId).not.toBe(IVANOVA)
  })
})
