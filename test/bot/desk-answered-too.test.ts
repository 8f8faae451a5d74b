/**
 * Two managers answering the same client at once: both messages go, and the topic says so once,
 * so they agree on who carries on.
 */

import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { settle, twoManagers } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARIA = 5_400_001
const SVETA = 5_400_002
const SECOND = 1_000

function setUp() {
  const h = createHarness()
  return { h, ...twoManagers(h, [MARIA, SVETA]) }
}

/** Staff write in the topic, each `after` seconds after the one before, and what the bot queued goes. */
async function write(h: Harness, topicId: number, ...steps: [from: User, text: string, after?: number][]) {
  for (const [from, text, after = 0] of steps) {
    h.clock.advance(after * SECOND)
    await h.send(h.u.staffText(from, topicId, text))
  }
  await settle(h)
}

const TOO = '👥 Клиенту почти одновременно ответили двое'
const notices = (h: Harness, topicId: number) =>
  h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith(TOO))
/** What the client got from the team: copies of the managers' messages and the bot's texts. */
const copiesTo = (h: Harness, userId: number) => h.fake.sentTo(userId).filter((c) => c.method === 'copyMessage')

describe('two managers answering one client at once', () => {
  it('both answers go out; the topic is told once, mentioning the colleague, however the exchange goes on', async () => {
    const { h, maria, sveta } = setUp()
    const { user, topicId } = await clientInHandoff(h, 7501, 'Анна')
    await write(h, topicId, [maria, 'Здравствуйте! Сейчас посмотрю.'], [sveta, 'Добрый день, Анна! Чем помочь?', 20])
    expect(copiesTo(h, user.id)).toHaveLength(2)
    expect(notices(h, topicId)).toEqual([
      `${TOO}: <a href="tg://user?id=${MARIA}">Мария</a> и Светлана. Клиент получил оба сообщения — договоритесь, кто ведёт разговор.`,
    ])
    // They go on answering over each other: one clash, one notice
    await write(h, topicId, [maria, 'Анна, я уже смотрю ваш вопрос.', 20], [sveta, 'Хорошо, Мария, веди.', 20])
    expect(copiesTo(h, user.id)).toHaveLength(4)
    expect(notices(h, topicId)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('nothing for one manager writing several messages, a colleague’s note, or an answer minutes after another', async () => {
    const { h, maria, sveta } = setUp()
    const { user, topicId } = await clientInHandoff(h, 7502, 'Борис')
    await write(
      h,
      topicId,
      [maria, 'Здравствуйте!'],
      [maria, 'Сейчас пришлю макет.', 5],
      [sveta, '// клиент из рекомендации, скидка 10%', 5],
      // Three minutes on, Svetlana answers: she had Maria's messages in front of her
      [sveta, 'Борис, добавлю: скидка 10% для вас.', 180],
    )
    expect(copiesTo(h, user.id)).toHaveLength(3)
    expect(notices(h, topicId)).toEqual([])
  })

  it('after /assign, the new lead and the old one writing at once are told too; a saved reply counts as an answer', async () => {
    const { h, maria, sveta } = setUp()
    const { topicId } = await clientInHandoff(h, 7503, 'Вера')
    await write(
      h,
      topicId,
      [maria, 'Вера, здравствуйте!'],
      [maria, '/assign Светлана', 600],
      [maria, 'Вера, вас дальше ведёт Светлана.'],
      [sveta, '/r hello', 15],
    )
    expect(notices(h, topicId)).toEqual([
      `${TOO}: <a href="tg://user?id=${MARIA}">Мария</a> и Светлана. Клиент получил оба сообщения — договоритесь, кто ведёт разговор.`,
    ])
  })
})
