import { describe, expect, it } from 'vitest'
import { businessConnections } from '../../db/schema.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'

const CO_OWNER_ID = 5_000_002
const MANAGER_ID = 5_000_101

function setup() {
  const h = createHarness()
  h.deps.services.staff.add(CO_OWNER_ID, 'owner', OWNER_ID, 'Игорь')
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', last_name: 'Смирнова', username: 'olga' })
  return { h, owner }
}

describe('a business connection', () => {
  it('is stored; connecting, losing the right to reply and disconnecting are told to every owner; /business shows it', async () => {
    const { h, owner } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    expect(h.deps.db.select().from(businessConnections).all()).toEqual([
      expect.objectContaining({
        id: 'bc-olga',
        userId: OWNER_ID,
        name: 'Ольга Смирнова',
        username: 'olga',
        enabled: true,
        rights: { can_reply: true, can_read_messages: true },
      }),
    ])
    for (const id of [OWNER_ID, CO_OWNER_ID]) {
      expect(h.fake.lastTextTo(id)).toContain('🔗 Бот подключён к аккаунту Ольга Смирнова (@olga)')
      expect(h.fake.lastTextTo(id)).toContain('Бот может отвечать от имени аккаунта.')
      expect(h.fake.lastTextTo(id)).toContain('только вне рабочего времени')
    }
    expect(h.fake.textsTo(MANAGER_ID)).toEqual([])

    await h.send(h.u.text(owner, '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(
      /• Ольга Смирнова \(@olga\): подключён, с .*; отвечать от имени аккаунта — да/,
    )

    // The same state again says nothing; the right to reply taken away is told
    const told = h.fake.textsTo(OWNER_ID).length
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    expect(h.fake.textsTo(OWNER_ID)).toHaveLength(told)
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', rights: { can_read_messages: true } }))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('отвечать клиентам он больше не может')

    await h.send(h.u.businessConnection(owner, { id: 'bc-olga', enabled: false }))
    expect(h.fake.lastTextTo(CO_OWNER_ID)).toContain('⚠️ Бот отключён от аккаунта Ольга Смирнова (@olga)')
    await h.send(h.u.text(owner, '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Ольга Смирнова (@olga): отключён')
  })

  it('of someone who is not an owner is not served, and owners are told', async () => {
    const { h } = setup()
    const stranger = h.u.user(777, { first_name: 'Незнакомец' })
    await h.send(h.u.businessConnection(stranger, { id: 'bc-x' }))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Это не владелец, поэтому бот его не обслуживает')
    expect(h.deps.services.business.served('bc-x')).toBeUndefined()
    await h.send(h.u.text(h.u.user(OWNER_ID), '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Незнакомец: не владелец — не обслуживается')
  })

  it('/business is for owners; without a connection it says how to connect', async () => {
    const { h } = setup()
    await h.send(h.u.text(h.u.user(MANAGER_ID), '/business'))
    expect(h.fake.lastTextTo(MANAGER_ID)).toContain('только для владельца')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/business'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Ни один аккаунт не подключён')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Business Mode')
  })
})
