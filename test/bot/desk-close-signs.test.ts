import type { Update, User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { sendThroughOutbox, settle, topicState } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_100_002

/** A client whose manager answered and ran /close: "Вопрос решён?" waits for her answer. */
async function askedToClose(id: number) {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
  const inHandoff = await clientInHandoff(h, id, 'Анна')
  await sendThroughOutbox(
    h,
    h.u.staffText(manager, inHandoff.topicId, 'Макет на почте'),
    h.u.staffText(manager, inHandoff.topicId, '/close'),
  )
  await settle(h)
  const handoffId = h.deps.services.handoff.current(inHandoff.client.id)?.id
  const question = h.fake.messageWithButton(inHandoff.user.id, `hclose:${handoffId}:yes`)
  if (question === undefined) throw new Error('no question was asked')
  return { h, ...inHandoff, question }
}

/** She answers with `answer` (a sticker or a text): what the topic, the request and her chat show after. */
async function answered(h: Harness, user: User, topicId: number, answer: (user: User) => Update) {
  const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
  const toHer = h.fake.textsTo(user.id).length
  await h.send(answer(user))
  await settle(h)
  return {
    topic: h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic),
    toHer: h.fake.textsTo(user.id).slice(toHer),
  }
}

const closedBy = (h: Harness) =>
  h.deps.sqlite.prepare('select status, closed_by as by from handoffs order by id').all() as {
    status: string
    by: string | null
  }[]

describe('"Вопрос решён?" answered with a sign: a 👍 is a yes, a 👎 a no, sticker or typed', () => {
  it('a 👍 sticker closes the request as her yes: the topic reads she confirmed, the ratings follow', async () => {
    const { h, user, client, topicId, question } = await askedToClose(6301)
    const seen = await answered(h, user, topicId, (u) => h.u.sticker(u, { emoji: '👍' }))
    expect(seen.topic).toContain('✅ Клиент подтвердил, что вопрос решён. Запрос закрыт.')
    expect(seen.topic.join('\n')).not.toContain('не ответив на «Вопрос решён?»')
    expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
    expect(closedBy(h)).toEqual([{ status: 'closed', by: 'client' }])
    expect(topicState(h, topicId).name).toBe(`✅ Анна · #${client.id}`)
    // The question keeps her answer under it and loses its buttons, as when pressed
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(question)?.message.text).toMatch(/\n\n✔️ Да, решён$/)
    expect(seen.toHer.at(-1)).toContain('скорость ответа')
    expect(h.errors()).toEqual([])
  })

  it('a 👍 typed alone, or 👌, ✅, with a skin tone, beside thanks, is her yes too', async () => {
    for (const [n, typed] of [
      '👍',
      '👍🏻',
      '👌',
      '✅',
      '👍👍',
      'спасибо 👍',
      '👍 спасибо большое!',
      'ок 👌',
      '👍🙏',
    ].entries()) {
      const { h, user, client, topicId } = await askedToClose(6310 + n)
      const seen = await answered(h, user, topicId, (u) => h.u.text(u, typed))
      expect(seen.topic, typed).toContain('✅ Клиент подтвердил, что вопрос решён. Запрос закрыт.')
      expect(h.deps.services.handoff.current(client.id), typed).toBeUndefined()
      expect(seen.toHer.at(-1), typed).toContain('скорость ответа')
    }
  })

  it('a 👎, sticker or typed, is her no: the topic reads it is NOT solved, she is asked what is left', async () => {
    for (const [n, answer] of [
      (u: User, h: Harness) => h.u.sticker(u, { emoji: '👎' }),
      (u: User, h: Harness) => h.u.text(u, '👎'),
    ].entries()) {
      const { h, user, client, topicId, question } = await askedToClose(6330 + n)
      const seen = await answered(h, user, topicId, (u) => answer(u, h))
      expect(seen.topic.at(-1)).toBe(
        '⚠️ Клиент ответил, что вопрос НЕ решён — продолжите, пожалуйста.\n🤖 Бот отправил клиенту: Поняли — менеджер продолжит. Напишите, что осталось нерешённым.',
      )
      expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
      expect(h.fake.emulator.chats.get(user.id)?.messages.get(question)?.message.text).toMatch(/\n\n✔️ Нет, ещё нет$/)
      expect(seen.toHer.at(-1)).toBe('Поняли — менеджер продолжит. Напишите, что осталось нерешённым.')
    }
  })

  it('other stickers and signs say no yes or no: the request is open again as after any words', async () => {
    const cases: [string, (u: User, h: Harness) => Update][] = [
      ['❤️ sticker', (u, h) => h.u.sticker(u, { emoji: '❤️' })],
      ['😡 sticker', (u, h) => h.u.sticker(u, { emoji: '😡' })],
      // A thanking emoji alone says less than a thanks in words: no answer (🙏 may be a "please")
      ['🙏', (u, h) => h.u.text(u, '🙏')],
      // A thumbs up with more to say, or asked back, or both signs
      ['👍 жду счёт', (u, h) => h.u.text(u, '👍 жду счёт')],
      ['👍?', (u, h) => h.u.text(u, '👍?')],
      ['👍👎', (u, h) => h.u.text(u, '👍👎')],
      ['👍🤔', (u, h) => h.u.text(u, '👍🤔')],
    ]
    for (const [n, [what, answer]] of cases.entries()) {
      const { h, user, client, topicId } = await askedToClose(6340 + n)
      const seen = await answered(h, user, topicId, (u) => answer(u, h))
      expect(seen.topic.at(-1), what).toBe(
        '⚠️ Клиент написал, не ответив на «Вопрос решён?»: запрос снова открыт. Если вопрос решён — /close ещё раз.',
      )
      expect(h.deps.services.handoff.current(client.id)?.status, what).toBe('open')
    }
  })
})

describe('"Вопрос решён?" answered with a thanks alone: her yes', () => {
  it('"спасибо!", "спасибо большое 🙏", a thanks to the manager by name close the request as her yes: the ratings follow, nothing reopens', async () => {
    for (const [n, typed] of [
      'спасибо!',
      'Спасибо большое 🙏',
      'спасибо вам огромное)))',
      'Спасибо за помощь!',
      'Спасибо, Светлана!',
      'благодарю',
      'Thank you so much!',
      'many thanks x',
    ].entries()) {
      const { h, user, client, topicId, question } = await askedToClose(6350 + n)
      const seen = await answered(h, user, topicId, (u) => h.u.text(u, typed))
      // The topic reads she confirmed — not that she wrote instead of answering
      expect(seen.topic.join('\n'), typed).toContain('✅ Клиент подтвердил, что вопрос решён. Запрос закрыт.')
      expect(seen.topic.join('\n'), typed).not.toContain('не ответив на «Вопрос решён?»')
      expect(closedBy(h), typed).toEqual([{ status: 'closed', by: 'client' }])
      expect(topicState(h, topicId).name, typed).toBe(`✅ Анна · #${client.id}`)
      // The question keeps the answer under it, as when pressed; the speed question follows
      expect(h.fake.keyboardOf(user.id, question), typed).toBeUndefined()
      expect(h.fake.emulator.chats.get(user.id)?.messages.get(question)?.message.text, typed).toMatch(
        /\n\n✔️ Да, решён$/,
      )
      expect(seen.toHer.at(-1), typed).toContain('скорость ответа')
      // Closed, its answer time goes: nobody is told later that she waits, nor does it close by
      // itself a second time; none of the request's timers is left to run
      const timers = () =>
        (
          h.deps.sqlite
            .prepare("select kind from jobs where client_id = ? and status = 'pending' and kind like 'handoff%'")
            .all(client.id) as { kind: string }[]
        ).map((j) => j.kind)
      expect(timers(), typed).not.toContain('handoff_sla')
      h.clock.advance(4 * 86_400_000)
      await h.deps.scheduler.runDue()
      await settle(h)
      expect(timers(), typed).toEqual([])
      expect(closedBy(h), typed).toEqual([{ status: 'closed', by: 'client' }])
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n'), typed).not.toContain('⏰')
      expect(h.fake.textsTo(OWNER_ID).join('\n'), typed).not.toContain('ждёт ответа')
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('a thanks with more said is a message, as before: the request is open again for it', async () => {
    for (const [n, typed] of [
      'спасибо, но макет не открывается',
      'Спасибо, а хостинг входит?',
      'спасибо, жду счёт',
      'спасибо?',
      'thanks, but one more thing',
    ].entries()) {
      const { h, user, client, topicId } = await askedToClose(6370 + n)
      const seen = await answered(h, user, topicId, (u) => h.u.text(u, typed))
      expect(seen.topic.at(-1), typed).toBe(
        '⚠️ Клиент написал, не ответив на «Вопрос решён?»: запрос снова открыт. Если вопрос решён — /close ещё раз.',
      )
      expect(h.deps.services.handoff.current(client.id)?.status, typed).toBe('open')
    }
  })
})
