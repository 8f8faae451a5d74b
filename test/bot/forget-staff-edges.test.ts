/**
 * /forget without the right to delete messages (with it the topic goes whole, its card with it)
 * edits the client's card and renames their topic. When Telegram refuses (not
 * because the card or topic is gone, or already cleared), the name may still show there:
 * that is said in the log, not passed over as if done. And a card that reaches the group
 * after the erasure (the topic was being made at that moment) is cleared like the rest.
 */
import { describe, expect, it } from 'vitest'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, forgetData, STAFF_GROUP_ID } from '../helpers/harness.ts'

async function forget(h: ReturnType<typeof createHarness>, user: { id: number }): Promise<void> {
  const from = h.u.user(user.id)
  await forgetData(h, from)
  await h.flush()
}

/** A client in a handoff forgets, and Telegram answers the card's edit with `description`. */
async function forgetWhenCardEditFails(telegramId: number, name: string, description: string) {
  const h = createHarness()
  const { user } = await clientInHandoff(h, telegramId, name)
  h.fake.botRights.can_delete_messages = false
  h.fake.fail({ method: 'editMessageText', chatId: STAFF_GROUP_ID, error_code: 400, description })
  await forget(h, user)
  return h
}

const refusedLine = (h: ReturnType<typeof createHarness>) =>
  h.logs.find((l) => l.msg.startsWith('Telegram refused to clear a topic name, card or message of an erased client'))

describe('/forget when Telegram refuses to clear the card', () => {
  it('warns that the card may still show the client, with Telegram’s reason', async () => {
    const h = await forgetWhenCardEditFails(7_210_000_301, 'Евдокия', 'Bad Request: MESSAGE_EDIT_FORBIDDEN')
    expect(refusedLine(h)).toMatchObject({
      level: 40,
      refused: [expect.stringMatching(/^card \d+: .*MESSAGE_EDIT_FORBIDDEN/)],
    })
    expect(h.errors()).toEqual([])
  })

  it('warns when Telegram will not edit the card ("message can\'t be edited", or its edit time expired): it is still there', async () => {
    for (const [id, description] of [
      [7_210_000_304, "Bad Request: message can't be edited"],
      [7_210_000_305, 'Bad Request: MESSAGE_EDIT_TIME_EXPIRED'],
    ] as const) {
      const h = await forgetWhenCardEditFails(id, 'Евдокия', description)
      expect(refusedLine(h), description).toMatchObject({
        level: 40,
        refused: [`card ${h.fake.calls.find((c) => !c.ok)?.payload.message_id}: ${description}`],
      })
      expect(h.errors()).toEqual([])
    }
  })

  it('says nothing when the card was deleted already: nothing of the client is left in it', async () => {
    const h = await forgetWhenCardEditFails(7_210_000_302, 'Пелагея', 'Bad Request: message to edit not found')
    expect(h.fake.callsOf('editMessageText').some((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID)).toBe(true)
    expect(refusedLine(h)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })
})

describe('/forget while the topic is being made', () => {
  it('the card that reaches the group after the erasure is cleared too, and nothing of the client is recorded', async () => {
    const h = createHarness()
    const user = h.u.user(7_210_000_303, { first_name: 'Феврония' })
    h.fake.botRights.can_delete_messages = false
    await h.send(h.u.text(user, '/start'))
    // Telegram has not answered the card yet when the client erases their data
    const isCard = (call: ApiCall) =>
      call.method === 'sendMessage' &&
      Number(call.payload.chat_id) === STAFF_GROUP_ID &&
      String(call.payload.text).includes('Феврония')
    const release = h.fake.hold(isCard)
    await h.send(h.u.text(user, '/manager'))
    const delivering = h.drain()
    for (let i = 0; i < 200 && !h.fake.calls.some(isCard); i++) await new Promise((resolve) => setImmediate(resolve))
    expect(h.fake.calls.filter(isCard)).toHaveLength(1)
    await forgetData(h, user)
    release()
    await delivering
    await h.flush()

    const card = h.fake.calls.find(isCard)
    const cardId = (card?.result as { message_id: number } | undefined)?.message_id
    expect(cardId).toBeDefined()
    const edits = h.fake
      .callsOf('editMessageText')
      .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID && c.payload.message_id === cardId)
    expect(edits.map((c) => c.payload.text)).toEqual([expect.stringContaining('Клиент удалил свои данные')])
    const topics = h.deps.sqlite.prepare('select * from client_topics').all()
    expect(topics).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
