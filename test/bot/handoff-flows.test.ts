/**
 * The bot's own questions stop while a manager talks with the client: a questionnaire the
 * client left unfinished must not take their messages to the manager as its answers.
 */
import { describe, expect, it, vi } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { press } from '../helpers/flows.ts'
import { createHarness, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('a flow left unfinished when a manager opens the chat', () => {
  it("the client's next message goes to the manager, not to the flow's question", async () => {
    const h = createHarness()
    const user = h.u.user(3301, { first_name: 'Анна' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    const asked = h.fake.textsTo(user.id).length
    // Days later the chat with a manager opens from the staff's side (a low rating, say)
    const client = findClientByTelegramId(h.deps.db, user.id)
    if (!client) throw new Error('no client')
    h.deps.services.handoff.open(client.id, 'low_rating')
    await h.drain()

    await h.send(h.u.text(user, 'Хочу заказать сайт для автомастерской'))
    await h.drain()
    // No next question of the questionnaire…
    expect(
      h.fake
        .textsTo(user.id)
        .slice(asked)
        .some((t) => t.includes('Вопрос')),
    ).toBe(false)
    // …the message is in the client's topic
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId
    expect(topicId).toBeTruthy()
    const inTopic = h.fake.callsOf('copyMessage').filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(inTopic.map((c) => c.payload.message_thread_id)).toContain(topicId)
    expect(h.errors()).toEqual([])
  })
})

describe('a flow left for a day', () => {
  it('ends by itself: the next message is not taken as the answer to a question asked a day ago', async () => {
    const h = createHarness()
    const user = h.u.user(3302, { first_name: 'Борис' })
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      await h.send(h.u.callback(user, 'menu:discovery'))
      await press(h, user, 'Поиск')
      const asked = h.fake.textsTo(user.id).length
      vi.setSystemTime(Date.now() + 25 * 3_600_000)
      await h.send(h.u.text(user, 'Хочу заказать сайт для автомастерской'))
      const after = h.fake.textsTo(user.id).slice(asked)
      expect(after.some((t) => t.includes('Вопрос 3 из'))).toBe(false)
      const client = findClientByTelegramId(h.deps.db, user.id)
      const answers = h.deps.sqlite.prepare('select value from answers where client_id = ?').all(client?.id) as {
        value: string
      }[]
      expect(answers.map((a) => a.value).join()).not.toContain('автомастерской')
      // The flow's button continues where they stopped
      await h.send(h.u.callback(user, 'menu:discovery'))
      expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из')
      expect(h.errors()).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })

  it('leaves no state behind: a week later the flow’s state is dropped, and the client still continues where they stopped', async () => {
    const h = createHarness()
    const gone = h.u.user(3303)
    const recent = h.u.user(3304)
    const later = h.u.user(3305)
    const stateOf = (user: { id: number }) =>
      h.deps.sqlite.prepare('select count(*) as n from kv where key like ?').get(`%${user.id}%`) as { n: number }
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      await h.send(h.u.callback(gone, 'menu:discovery'))
      await press(h, gone, 'Поиск')
      expect(stateOf(gone).n).toBe(1)
      vi.setSystemTime(Date.now() + 2 * 24 * 3_600_000)
      await h.send(h.u.callback(recent, 'menu:quiz'))
      expect(stateOf(recent).n).toBe(1)
      // Eight days after the first client left, someone else's flow writes its state
      vi.setSystemTime(Date.now() + 6 * 24 * 3_600_000)
      await h.send(h.u.callback(later, 'menu:quiz'))
      expect(stateOf(gone).n).toBe(0)
      expect(stateOf(recent).n).toBe(1) // six days old: kept
      expect(stateOf(later).n).toBe(1)
      // The first client comes back: their message is not an answer, and the button continues
      await h.send(h.u.text(gone, 'Добрый день, я вернулся'))
      expect(h.fake.lastTextTo(gone.id)).not.toContain('Вопрос')
      await h.send(h.u.callback(gone, 'menu:discovery'))
      expect(h.fake.lastTextTo(gone.id)).toContain('Вопрос 2 из')
      expect(h.errors()).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })
})
