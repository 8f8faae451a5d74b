/**
 * A flow left waiting (a booking at its day picker, the quiz at a question) and a question the
 * bot asked after it — an order's check-in, NPS, "Is your question solved?" and the ratings that
 * follow it: what the client types right under the newer question answers it, and the older step
 * waits as it was, still taking its own answers.
 */
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { buttonData, press } from '../helpers/flows.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID } from '../helpers/harness.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MANAGER_ID = 5_000_201
const DAY_PICKER = 'Когда вам удобно поговорить? Выберите день 👇'
const QUIZ_FIRST = 'Что сайт должен делать в первую очередь?'
const USE_BUTTONS = 'Выберите, пожалуйста, вариант кнопкой'
const CHECKIN = 'Ирина, как всё прошло с заказом «Правки»?'
const NPS = 'насколько вероятно, что вы порекомендуете нас'

type Flow = 'booking' | 'quiz'
const FLOWS: readonly Flow[] = ['booking', 'quiz']
/** What the flow's waiting step asks: the day picker, or the quiz's first question. */
const STEP: Record<Flow, string> = { booking: DAY_PICKER, quiz: QUIZ_FIRST }

/**
 * Ирина asked for a manager (Monday noon); `staffSay` is what her manager writes in her topic.
 * Every update is followed by what the outbox holds, at Telegram's pace.
 */
async function setup() {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.flush()
  }
  const { user, client, topicId } = await clientInHandoff(h, 4701, 'Ирина')
  const staffSay = (text: string) => h.send(h.u.staffText(manager, topicId, text))
  /** The bot's messages to her (edits left out), from the `from`-th on. */
  const saidSince = (from: number) =>
    h.fake
      .sentTo(user.id)
      .slice(from)
      .map((c) => String(c.payload.text ?? ''))
  const feedback = () => h.deps.sqlite.prepare('select kind, score from feedback order by id').all()
  return { h, user, client, staffSay, saidSince, feedback }
}

/**
 * She starts `flow` from the menu's button and leaves it at its first step: the data of that
 * step's button `label` (a day, the quiz's first option), to press later.
 */
async function leaveFlow(h: Harness, user: User, flow: Flow): Promise<string> {
  await h.send(h.u.callback(user, flow === 'booking' ? 'menu:booking' : 'menu:quiz'))
  expect(h.fake.lastTextTo(user.id)).toContain(STEP[flow])
  return buttonData(h, user, flow === 'booking' ? 'пн, 30 нояб.' : 'Собирать заявки')
}

/**
 * She leaves `flow` at its first step half an hour before what is due `ms` from now (a check-in,
 * a review request) arrives: a step left a day ends its flow at her next message (on the bot's
 * clock), so the newer question comes while the step still waits — and before the step's own
 * reminder to go on.
 */
async function leaveFlowBefore(h: Harness, user: User, flow: Flow, ms: number): Promise<string> {
  await later(h, ms - HOUR / 2)
  const button = await leaveFlow(h, user, flow)
  await later(h, HOUR / 2)
  return button
}

/** Moves the clock `ms` on and runs what is due then (the nudge, a check-in). */
async function later(h: Harness, ms: number): Promise<void> {
  h.clock.advance(ms)
  await h.deps.scheduler.runDue()
  await h.flush()
}

/** Her invoice paid and its work done; /close asked, answered "Да, решён" and both ratings pressed 5. */
async function paidDoneAndRated(h: Harness, user: User, staffSay: (text: string) => Promise<void>) {
  await staffSay('/invoice 3000 Правки')
  await staffSay('/paid')
  await staffSay('/done')
  await staffSay('/close')
  await press(h, user, 'Да, решён')
  await press(h, user, '5')
  await press(h, user, '5')
}

describe('an order’s check-in asked after a flow’s step', () => {
  for (const flow of FLOWS) {
    it(`a ${flow} left the morning the check-in comes: "5" under the check-in is its rating, and the step still takes its answer`, async () => {
      const { h, user, saidSince, feedback, staffSay } = await setup()
      await paidDoneAndRated(h, user, staffSay)
      await leaveFlowBefore(h, user, flow, 3 * DAY)
      expect(h.fake.lastTextTo(user.id)).toContain(CHECKIN)
      const checkin = h.fake.sentTo(user.id).at(-1)?.result as { message_id: number }
      const from = h.fake.sentTo(user.id).length
      await h.send(h.u.text(user, '5'))
      expect(saidSince(from)).toEqual(['Спасибо, Ирина! Очень рады, что всё понравилось 😊'])
      expect(feedback()).toContainEqual({ kind: 'checkin', score: 5 })
      // The check-in keeps the score under it and loses its buttons, as when pressed
      const shown = h.fake.emulator.chats.get(user.id)?.messages.get(checkin.message_id)?.message
      expect(shown?.text).toMatch(/\n\n✔️ 5$/)
      expect(shown?.reply_markup).toBeUndefined()
      // The step was left where it was: its own answer typed now is read as before
      const step = h.fake.sentTo(user.id).length
      await h.send(h.u.text(user, flow === 'booking' ? 'в понедельник' : 'Продавать онлайн'))
      const answered = saidSince(step).join('\n')
      expect(answered).not.toContain(USE_BUTTONS)
      expect(answered).toContain(
        flow === 'booking' ? 'Понедельник, 30 ноября — выберите удобное время' : 'Сколько страниц или товаров',
      )
    })

    it(`a ❤️ sticker under the check-in while a ${flow} step waits is its top rating: the step asks nothing, and still takes its answer`, async () => {
      const { h, user, saidSince, feedback, staffSay } = await setup()
      await paidDoneAndRated(h, user, staffSay)
      await leaveFlowBefore(h, user, flow, 3 * DAY)
      const checkin = h.fake.sentTo(user.id).at(-1)?.result as { message_id: number }
      const from = h.fake.sentTo(user.id).length
      await h.send(h.u.sticker(user, { emoji: '❤️' }))
      expect(saidSince(from)).toEqual(['Спасибо, Ирина! Очень рады, что всё понравилось 😊'])
      expect(feedback().filter((row) => (row as { kind: string }).kind === 'checkin')).toEqual([
        { kind: 'checkin', score: 5 },
      ])
      expect(h.fake.emulator.chats.get(user.id)?.messages.get(checkin.message_id)?.message.text).toMatch(/\n\n✔️ 5$/)
      // The step was left where it was: its own answer typed now is read as before
      const step = h.fake.sentTo(user.id).length
      await h.send(h.u.text(user, flow === 'booking' ? 'в понедельник' : 'Продавать онлайн'))
      expect(saidSince(step).join('\n')).toContain(
        flow === 'booking' ? 'Понедельник, 30 ноября — выберите удобное время' : 'Сколько страниц или товаров',
      )
    })

    it(`a 😡 sticker under the check-in while a ${flow} step waits is a low rating: the apology and a manager, not the step`, async () => {
      const { h, user, client, saidSince, feedback, staffSay } = await setup()
      await paidDoneAndRated(h, user, staffSay)
      await leaveFlow(h, user, flow)
      await later(h, 3 * DAY)
      const from = h.fake.sentTo(user.id).length
      await h.send(h.u.sticker(user, { emoji: '😡' }))
      const said = saidSince(from)
      expect(said).toHaveLength(1)
      expect(said[0]).toMatch(/^Ирина, простите, что не всё прошло гладко/)
      expect(said.join('\n')).not.toContain(USE_BUTTONS)
      expect(feedback()).toContainEqual({ kind: 'checkin', score: 1 })
      expect(h.deps.services.handoff.current(client.id)).toMatchObject({ reason: 'low_rating' })
    })
  }

  it('a number typed at a flow step asked after the check-in is the step’s: the check-in stays unanswered', async () => {
    const { h, user, feedback, staffSay } = await setup()
    await paidDoneAndRated(h, user, staffSay)
    await later(h, 3 * DAY)
    expect(h.fake.lastTextTo(user.id)).toContain(CHECKIN)
    // The quiz begun after the check-in: its question is the newest, and "2" picks its second option
    await leaveFlow(h, user, 'quiz')
    await h.send(h.u.text(user, '2'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сколько страниц или товаров будет на сайте?')
    expect(feedback()).not.toContainEqual(expect.objectContaining({ kind: 'checkin' }))
  })

  it('a day typed under the check-in while the booking waits is the booking’s: the check-in has no such answer', async () => {
    const { h, user, saidSince, feedback, staffSay } = await setup()
    await paidDoneAndRated(h, user, staffSay)
    await leaveFlowBefore(h, user, 'booking', 3 * DAY)
    const from = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'в понедельник'))
    const answered = saidSince(from).join('\n')
    expect(answered).toContain('Понедельник, 30 ноября — выберите удобное время')
    expect(answered).not.toContain(USE_BUTTONS)
    expect(feedback()).not.toContainEqual(expect.objectContaining({ kind: 'checkin' }))
  })
})

describe('NPS asked after a flow’s step', () => {
  for (const flow of FLOWS) {
    it(`"9" under "would you recommend us?" while a ${flow} step waits is the NPS score`, async () => {
      const { h, user, saidSince, feedback, staffSay } = await setup()
      await staffSay('/done')
      await staffSay('/close')
      await press(h, user, 'Да, решён')
      await leaveFlow(h, user, flow)
      await later(h, 30 * DAY)
      expect(h.fake.lastTextTo(user.id)).toContain(NPS)
      const from = h.fake.sentTo(user.id).length
      await h.send(h.u.text(user, '9'))
      expect(saidSince(from).join('\n')).not.toContain(USE_BUTTONS)
      expect(saidSince(from)).toHaveLength(1)
      expect(feedback()).toContainEqual({ kind: 'nps', score: 9 })
    })
  }
})

describe('"Is your question solved?" asked after a flow’s step', () => {
  for (const flow of FLOWS) {
    it(`"да" typed under it while a ${flow} step waits closes the request; the ratings typed are recorded; the step still waits`, async () => {
      const { h, user, client, saidSince, feedback, staffSay } = await setup()
      const stepButton = await leaveFlow(h, user, flow)
      await staffSay('Готово, посмотрите, пожалуйста')
      await staffSay('/close')
      expect(h.fake.lastTextTo(user.id)).toBe('Ирина, ваш вопрос решён?')
      const from = h.fake.sentTo(user.id).length
      await h.send(h.u.text(user, 'да'))
      expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
      expect(h.fake.lastTextTo(user.id)).toBe('Спасибо, Ирина! Оцените, пожалуйста, скорость ответа от 1 до 5:')
      await h.send(h.u.text(user, '5'))
      expect(h.fake.lastTextTo(user.id)).toContain('качество')
      await h.send(h.u.text(user, '4'))
      expect(saidSince(from).join('\n')).not.toContain(USE_BUTTONS)
      expect(feedback()).toEqual([
        { kind: 'handoff_speed', score: 5 },
        { kind: 'handoff_quality', score: 4 },
      ])
      // Her step's button, pressed now, goes on
      await h.send(h.u.callback(user, stepButton))
      expect(h.fake.lastTextTo(user.id)).toContain(
        flow === 'booking' ? 'Понедельник, 30 ноября — выберите удобное время' : 'Сколько страниц или товаров',
      )
    })
  }
})

describe('the review request sent after a flow’s step', () => {
  it('"Спасибо!" under it while the booking waits is said to it (a ❤ back): the step asks nothing, and its button still works', async () => {
    const { h, user, saidSince, staffSay } = await setup()
    await paidDoneAndRated(h, user, staffSay)
    await later(h, 3 * DAY)
    await h.send(h.u.callback(user, buttonData(h, user, '5')))
    const day = await leaveFlowBefore(h, user, 'booking', DAY)
    expect(h.fake.lastTextTo(user.id)).toContain('напишите пару слов о нас')
    const from = h.fake.sentTo(user.id).length
    await h.send(h.u.text(user, 'Спасибо!'))
    expect(saidSince(from)).toEqual([])
    expect(h.fake.callsOf('setMessageReaction').at(-1)?.payload.reaction).toEqual([{ type: 'emoji', emoji: '❤' }])
    await h.send(h.u.callback(user, day))
    expect(h.fake.lastTextTo(user.id)).toContain('Понедельник, 30 ноября — выберите удобное время')
  })
})
