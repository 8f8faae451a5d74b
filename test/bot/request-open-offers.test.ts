/**
 * A client with a request open is with a person already: the bot's screens offer them no "talk to
 * a manager" (the menu, a screen's way back, product cards and the quiz's footer). A "💬 Написать
 * менеджеру" under a product card read as if nobody had their chat yet. Once the request is
 * closed, the offers are back.
 */
import { describe, expect, it } from 'vitest'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { answerDemoDiscovery, contentFrom, press } from '../helpers/flows.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID } from '../helpers/harness.ts'
import { QUIZ_YAML } from '../helpers/quiz-content.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER = 'menu:manager'

/** Every button's data the client was sent or shown (edits too) after the `from`th call to them. */
function offeredSince(h: Harness, user: TestUser, from: number): (string | undefined)[] {
  return h.fake.calls
    .slice(from)
    .filter((c) => c.ok && Number(c.payload.chat_id) === user.id)
    .flatMap((c) => buttonsOf(c.payload).map((b) => b.data))
}

describe('with a request open', () => {
  it('the menu, a screen’s way back, the product cards, the quiz’s footer and an invoice offer no manager; closed, they do again', async () => {
    const h = createHarness({ content: contentFrom(QUIZ_YAML) })
    const { user, client, topicId } = await clientInHandoff(h, 8_880_001, 'Анна')
    const from = h.fake.calls.length
    await h.send(h.u.text(user, '/menu'))
    await h.send(h.u.callback(user, 'menu:about'))
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Всё сразу')
    await press(h, user, 'Ничего')
    await press(h, user, 'Готово')
    // An invoice the manager issues in the chat: "I paid" under it, no manager
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, '/invoice 45000 лендинг'))
    await h.flush()
    const offered = offeredSince(h, user, from)
    expect(offered.some((d) => d?.startsWith('pay:claim:'))).toBe(true)
    // (the screens came: the menu, the way back, the cards with their own buttons)
    expect(offered).toContain('menu:about')
    expect(offered).toContain('menu:main')
    expect(offered.some((d) => d?.startsWith('bookp:'))).toBe(true)
    expect(offered).not.toContain(MANAGER)
    // Closed ("Да, решён"): the menu offers a manager again
    await h.send(h.u.staffText(owner, topicId, 'Готово'), h.u.staffText(owner, topicId, '/close'))
    await h.flush()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]?.data ?? ''))
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    const closed = h.fake.calls.length
    await h.send(h.u.text(user, '/menu'))
    expect(offeredSince(h, user, closed)).toContain(MANAGER)
    expect(h.errors()).toEqual([])
  })

  it('the questionnaire done, the next step offers no "Discuss with a manager": the manager has the answers', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 8_880_002, 'Олег')
    await answerDemoDiscovery(h, user, { approach: 'Подробно' })
    await press(h, user, 'Всё верно')
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо, Олег! Теперь понятно, что вам нужно. Ответы есть и у менеджера, который ведёт ваш вопрос, — повторять ничего не придётся, пишите сюда.',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:booking', 'menu:quiz', 'menu:main'])
    expect(h.errors()).toEqual([])
  })
})
