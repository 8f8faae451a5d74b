/**
 * The client card pinned in the client's topic: one at a time. A new card (/card, or a refresh
 * that posts the card again) is pinned and the card it replaces unpinned, by its message id: in
 * a forum Telegram's unpinChatMessage without one takes the newest pin of the whole group, any
 * client's. The fake Bot API keeps Telegram's pins; a manager sees the pinned bar of the topic.
 */
import { describe, expect, it } from 'vitest'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARIA = 5_400_001

async function desk() {
  const h = createHarness()
  h.deps.services.staff.add(MARIA, 'manager', OWNER_ID, 'Мария')
  const maria = h.u.user(MARIA, { first_name: 'Мария' })
  const oleg = await clientInHandoff(h, 1401, 'Олег')
  const vera = await clientInHandoff(h, 1402, 'Вера')
  await h.flush()
  return { h, maria, oleg, vera }
}

/** The messages pinned in the topic, as Telegram keeps them (oldest pin first). */
function pinnedIn(h: Harness, topicId: number): number[] {
  const group = h.fake.emulator.chats.get(STAFF_GROUP_ID)
  return (group?.pinned ?? []).filter((id) => group?.messages.get(id)?.message.message_thread_id === topicId)
}

/** The client's card now, as the bot knows it. */
const cardOf = (h: Harness, clientId: number) => h.deps.services.handoff.topics.card(clientId)?.messageId

describe('the pinned client card', () => {
  it('/card pins the new card and unpins the one it replaces: the topic keeps one pinned card, and other topics theirs', async () => {
    const { h, maria, oleg, vera } = await desk()
    const first = cardOf(h, oleg.client.id)
    expect(pinnedIn(h, oleg.topicId)).toEqual([first])
    const verasCard = cardOf(h, vera.client.id)
    expect(pinnedIn(h, vera.topicId)).toEqual([verasCard])

    for (let i = 0; i < 2; i++) {
      const before = cardOf(h, oleg.client.id)
      await h.send(h.u.staffText(maria, oleg.topicId, '/card'))
      await h.flush()
      const card = cardOf(h, oleg.client.id)
      expect(card).not.toBe(before)
      expect(pinnedIn(h, oleg.topicId)).toEqual([card])
    }
    // Vera's card, pinned before Oleg's new ones, is still pinned in her topic
    expect(pinnedIn(h, vera.topicId)).toEqual([verasCard])
    expect(h.errors()).toEqual([])
  })

  it('/card twice before the first new card is pinned: still one pinned card, the newest', async () => {
    const { h, maria, oleg } = await desk()
    await h.send(h.u.staffText(maria, oleg.topicId, '/card'), h.u.staffText(maria, oleg.topicId, '/card'))
    await h.flush()
    expect(pinnedIn(h, oleg.topicId)).toEqual([cardOf(h, oleg.client.id)])
    expect(h.errors()).toEqual([])
  })

  it('a card posted again because the old one was deleted is pinned; unpinning the gone one fails, is logged why, and stops nothing', async () => {
    const { h, maria, oleg } = await desk()
    const gone = cardOf(h, oleg.client.id) as number
    // A manager deleted the card in the group: its pin went with it
    await h.fake.emulator.call('deleteMessage', { chat_id: STAFF_GROUP_ID, message_id: gone })
    expect(pinnedIn(h, oleg.topicId)).toEqual([])
    // The next change of the card finds it gone and posts it again
    await h.send(h.u.staffText(maria, oleg.topicId, '/tag vip'))
    await h.flush()
    const card = cardOf(h, oleg.client.id)
    expect(card).not.toBe(gone)
    expect(h.fake.textsTo(STAFF_GROUP_ID, oleg.topicId).at(-1)).toMatch(/^👤 .*vip/s)
    expect(pinnedIn(h, oleg.topicId)).toEqual([card])
    const unpin = h.fake.callsOf('unpinChatMessage').at(-1)
    expect(unpin).toMatchObject({ ok: false, payload: { message_id: gone } })
    expect(unpin?.error?.description).toBe('Bad Request: message to unpin not found')
    expect(h.logs.some((l) => l.level === 30 && /nothing to unpin/.test(String(l.msg)))).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('an unpin Telegram fails for a while is tried again, before the new card is pinned: one pinned card, pinned once', async () => {
    const { h, maria, oleg } = await desk()
    const old = cardOf(h, oleg.client.id)
    h.fake.fail({ method: 'unpinChatMessage', error_code: 500, description: 'Internal Server Error' })
    await h.send(h.u.staffText(maria, oleg.topicId, '/card'))
    await h.flush()
    const card = cardOf(h, oleg.client.id)
    expect(pinnedIn(h, oleg.topicId)).toEqual([card])
    expect(h.fake.callsOf('unpinChatMessage').map((c) => [c.payload.message_id, c.ok])).toEqual([
      [old, false],
      [old, true],
    ])
    expect(h.fake.callsOf('pinChatMessage').filter((c) => c.payload.message_id === card)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })
})
