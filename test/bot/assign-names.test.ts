/**
 * /assign as a Russian team says a colleague's name: "Маша" for Мария, "Саша" for Александр or
 * Александра. A colleague the bot has no team name for is named as it knows them, or the answer
 * says how they get one — not a bare "id 100001" among names.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARIA = 5_100_102
const OLGA = 5_100_201
const SASHA_M = 5_100_301
const SASHA_F = 5_100_302
const ZHENYA = 5_100_401

async function setUp(h: Harness) {
  h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария')
  h.deps.services.staff.add(OLGA, 'manager', OWNER_ID, 'Ольга Петрова')
  const olga = h.u.user(OLGA, { first_name: 'Ольга', last_name: 'Петрова' })
  const user = h.u.user(1301, { first_name: 'Игорь' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)!
  const topicId = client.topicId!
  const assign = async (arg: string) => {
    await h.send(h.u.staffText(olga, topicId, `/assign ${arg}`))
    await h.drain()
    return h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
  }
  return { clientId: client.id, assign }
}

describe('/assign by the name a colleague goes by', () => {
  it('a short form finds the full name: "Маша" is Мария, "Оля" Ольга; "Саша" asks which of two', async () => {
    const h = createHarness()
    const { clientId, assign } = await setUp(h)
    expect(await assign('Маша')).toMatch(
      new RegExp(
        `^👤 <a href="tg://user\\?id=${MARIA}">Мария</a>, клиента передали вам — теперь его ведёте вы\\. Кто передал: Ольга Петрова\\.`,
      ),
    )
    expect(h.deps.services.handoff.leadOf(clientId)).toBe(MARIA)
    // Her own name as she is called: she takes the client back
    expect(await assign('оля петрова')).toMatch(/^👤 Клиента теперь ведёт Ольга Петрова\./)
    expect(h.deps.services.handoff.leadOf(clientId)).toBe(OLGA)

    h.deps.services.staff.add(SASHA_M, 'manager', OWNER_ID, 'Александр Ким')
    h.deps.services.staff.add(SASHA_F, 'manager', OWNER_ID, 'Александра')
    h.deps.services.staff.add(ZHENYA, 'manager', OWNER_ID, 'Евгения Лебедева')
    expect(await assign('Саша')).toMatch(
      new RegExp(`^«Саша» — в команде таких несколько: Александр Ким \\(${SASHA_M}\\), Александра \\(${SASHA_F}\\)\\.`),
    )
    expect(await assign('Саша Ким')).toContain(`<a href="tg://user?id=${SASHA_M}">Александр Ким</a>`)
    expect(await assign('Женя')).toContain(`<a href="tg://user?id=${ZHENYA}">Евгения Лебедева</a>`)
    expect(h.errors()).toEqual([])
  })

  it('an owner from the settings is named by their Telegram name the bot saw (their account connected), else the answer says how they get one', async () => {
    const h = createHarness()
    const { clientId, assign } = await setUp(h)
    const unknown = await assign('Петя')
    expect(unknown).toContain(
      `«Петя» — такого человека в команде нет. Команда: id ${OWNER_ID}, Мария (${MARIA}), Ольга Петрова (${OLGA}).`,
    )
    expect(unknown).toContain(
      `ℹ️ Имени id ${OWNER_ID} бот пока не знает: оно появится, когда этот человек напишет что-нибудь в рабочей группе или в чате с ботом. До тех пор — по id: /assign ${OWNER_ID}.`,
    )

    // The owner connects the bot to their own Telegram account (Business): the bot learns the name
    const owner = h.u.user(OWNER_ID, { first_name: 'Игорь', last_name: 'Смирнов' })
    await h.send(h.u.businessConnection(owner))
    await h.drain()
    expect(await assign('Вася')).toContain(
      `Команда: Игорь Смирнов (${OWNER_ID}), Мария (${MARIA}), Ольга Петрова (${OLGA}).`,
    )
    await assign('Игорь')
    expect(h.deps.services.handoff.leadOf(clientId)).toBe(OWNER_ID)
    expect(h.errors()).toEqual([])
  })
})
