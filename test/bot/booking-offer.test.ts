import { describe, expect, it } from 'vitest'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('/offer in a client topic', () => {
  it('sends the client the nearest free days and a button into the booking flow', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 8201, 'Зоя')
    const owner = h.u.user(OWNER_ID)

    await h.send(h.u.staffText(owner, topicId, '/offer'))
    await h.flush() // through the client's lane, behind anything the manager sent before
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Зоя, менеджер предлагает созвониться\. Ближайшие свободные дни: .+24 ноября/,
    )
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: '📞 Выбрать время звонка', data: 'menu:booking' }])

    await h.send(h.u.callback(user, 'menu:booking'))
    expect(h.fake.lastTextTo(user.id)).toContain('Выберите день')
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data?.startsWith('bkd:'))).toBe(true)

    // a client in the staff group who is not staff cannot use it
    const stranger = h.u.user(8299)
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(stranger, topicId, '/offer'))
    await h.drain()
    expect(h.fake.textsTo(user.id)).toHaveLength(before)
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('только для сотрудников')
  })
})
