/**
 * /forget edits the client's card and renames their topic. When Telegram refuses (not
 * because the card or topic is gone, or already cleared), the name may still show there:
 * that is said in the log, not passed over as if done.
 */
import { describe, expect, it } from 'vitest'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, STAFF_GROUP_ID } from '../helpers/harness.ts'

async function forget(h: ReturnType<typeof createHarness>, user: { id: number }): Promise<void> {
  const from = h.u.user(user.id)
  await h.send(h.u.text(from, '/forget'), h.u.callback(from, 'forget:yes'))
  await h.flush()
}

const refusedLine = (h: ReturnType<typeof createHarness>) =>
  h.logs.find((l) => l.msg.startsWith('Telegram refused to clear a topic name or card of an erased client'))

describe('/forget when Telegram refuses to clear the card', () => {
  it('warns that the card may still show the client, with Telegram’s reason', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 7_210_000_301, 'Евдокия')
    h.fake.fail({
      method: 'editMessageText',
      chatId: STAFF_GROUP_ID,
      error_code: 400,
      description: 'Bad Request: MESSAGE_EDIT_FORBIDDEN',
    })
    await forget(h, user)
    expect(refusedLine(h)).toMatchObject({
      level: 40,
      refused: [expect.stringMatching(/^card \d+: .*MESSAGE_EDIT_FORBIDDEN/)],
    })
    expect(h.errors()).toEqual([])
  })

  it('says nothing when the card was deleted already: nothing of the client is left in it', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 7_210_000_302, 'Пелагея')
    h.fake.fail({
      method: 'editMessageText',
      chatId: STAFF_GROUP_ID,
      error_code: 400,
      description: 'Bad Request: message to edit not found',
    })
    await forget(h, user)
    expect(h.fake.callsOf('editMessageText').some((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID)).toBe(true)
    expect(refusedLine(h)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })
})
