/**
 * The topic of a client who erased their data (/forget) belongs to nobody: what the team writes
 * there goes nowhere, and whoever wrote is told so, a command too — not left to think the client
 * got it, nor told that the command works "in a client's topic".
 */
import type { Message, Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_310_001
const ERASED =
  '⚠️ Клиент удалил свои данные (/forget): тема больше ни с кем не связана — отсюда ничего не уходит, команды клиента здесь не работают.'

/**
 * A staff message in a topic as Telegram sends it: replying to the topic's first message, the
 * service message it was created with (who created it, and the name it had then).
 */
function inTopic(h: Harness, update: Update, topicId: number): Update {
  const root = h.fake.emulator.chat(STAFF_GROUP_ID).messages.get(topicId)?.message
  if (!root?.forum_topic_created) throw new Error(`no creation message for topic ${topicId}`)
  ;(update.message as Message).reply_to_message = root as Message['reply_to_message']
  return update
}

async function erasedClientTopic(h: Harness) {
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID)
  const { user, topicId } = await clientInHandoff(h, 7_310_000_001, 'Фёдор')
  // Without the right to delete messages the topic stays (with it, /forget deletes it whole)
  h.fake.botRights.can_delete_messages = false
  await forgetData(h, user)
  await h.flush()
  return { user, topicId, manager: h.u.user(MANAGER_ID, { first_name: 'Света' }) }
}

describe('the topic of a client who erased their data', () => {
  it('answers a manager’s message there: it went nowhere; a topic the team made, or a client’s who is still there, is as ever', async () => {
    const h = createHarness()
    const { user, topicId, manager } = await erasedClientTopic(h)
    const toClient = h.fake.sentTo(user.id).length
    await h.send(inTopic(h, h.u.staffText(manager, topicId, 'Фёдор, вы тут?'), topicId))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(ERASED)
    expect(h.fake.sentTo(user.id)).toHaveLength(toClient)
    const { client: other, topicId: otherTopic } = await clientInHandoff(h, 7_310_000_002, 'Ирина')
    // A topic of the team's own, named like a client's: not the bot's
    const own = inTopic(h, h.u.staffText(manager, topicId, 'Планёрка в 10'), topicId)
    const root = (own.message as Message).reply_to_message
    ;(own.message as Message).reply_to_message = root && { ...root, from: manager }
    const sent = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(own)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toHaveLength(sent)
    // The other client's topic is theirs: a message there goes to them as always
    const answer = inTopic(h, h.u.staffText(manager, otherTopic, 'Ирина, добрый день!'), otherTopic)
    await h.send(answer)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, otherTopic)).not.toContain(ERASED)
    expect(h.fake.sentTo(other.telegramId!).at(-1)?.payload).toMatchObject({
      from_chat_id: STAFF_GROUP_ID,
      message_id: answer.message!.message_id,
    })
    expect(h.errors()).toEqual([])
  })

  it('answers /card and /close there with the same notice, not "it works in a client’s topic"', async () => {
    const h = createHarness()
    const { topicId, manager } = await erasedClientTopic(h)
    for (const command of ['/card', '/close']) {
      await h.send(inTopic(h, h.u.staffText(manager, topicId, command), topicId))
      await h.drain()
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(ERASED)
    }
  })
})
