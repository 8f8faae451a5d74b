/**
 * The ratings after "Вопрос решён?" typed as Russian-speaking clients say a mark: in a school
 * mark's word, hedged ("ну на четверку"), with what they think of it after ("долго ждал").
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { settle } from '../helpers/desk.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const SPEED = 'Спасибо, Олег! Оцените, пожалуйста, скорость ответа от 1 до 5:'
const QUALITY = 'И качество помощи, от 1 до 5:'

/** A client whose request the owner closed and who answered "да": the speed rating waits. */
async function solved(id = 1201) {
  const closed = await closedByOwner({ id, first_name: 'Олег' }, 'Готово')
  await closed.h.send(closed.h.u.text(closed.user, 'да'))
  expect(closed.h.fake.lastTextTo(closed.user.id)).toBe(SPEED)
  return closed
}

const scores = (h: Awaited<ReturnType<typeof solved>>['h']) =>
  h.deps.sqlite.prepare('select kind, score, comment from feedback order by id').all()

/**
 * A client who asked for a manager, whose request the owner answered (`answer`) and closed with
 * /close: "Is your question solved?" waits for them.
 */
async function closedByOwner(profile: { id: number; first_name: string; language_code?: string }, answer: string) {
  const h = createHarness()
  const { id, ...names } = profile
  const user = h.u.user(id, names)
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)
  const topicId = client?.topicId ?? 0
  const owner = h.u.user(OWNER_ID)
  await h.send(h.u.staffText(owner, topicId, answer), h.u.staffText(owner, topicId, '/close'))
  await h.flush()
  return { h, user, clientId: client?.id ?? 0, topicId }
}

describe('a rating typed in words', () => {
  it('"ну на четверку, долго ждал" is the speed rated 4 with its words, shown to the team; "пятёрка" the quality', async () => {
    const { h, user, clientId, topicId } = await solved()
    const speed = h.fake.messageWithButton(user.id, 'hrate:1:speed:4') ?? 0
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'ну на четверку, долго ждал'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    // The question keeps the score under it, as when pressed
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(speed)?.message.text).toBe(`${SPEED}\n\n✔️ 4`)
    await h.send(h.u.text(user, 'пятёрка'))
    await h.drain()
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 4, comment: 'долго ждал' },
      { kind: 'handoff_quality', score: 5, comment: null },
    ])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain('💬 К оценке клиент добавил: долго ждал')
    // No request opened again for a rating
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(
      h.fake
        .textsTo(user.id)
        .slice(before)
        .some((t) => t.includes('передаю вас менеджеру')),
    ).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('a mark hedged before it ("где-то на четверку", "наверное тройка, долго") or named as at school ("пятерка") is that mark', async () => {
    for (const [n, [typed, score, comment]] of [
      ['где-то на четверку', 4, null],
      ['наверное тройка, долго', 3, 'долго'],
      ['Пятерка', 5, null],
      ['ну 4, долго ждал', 4, 'долго ждал'],
      ['5, долго ждали ответа', 5, 'долго ждали ответа'],
    ].entries()) {
      const { h, user, clientId } = await solved(1210 + n)
      await h.send(h.u.text(user, typed as string))
      expect(h.fake.lastTextTo(user.id), typed as string).toBe(QUALITY)
      expect(scores(h), typed as string).toEqual([{ kind: 'handoff_speed', score, comment }])
      expect(h.deps.services.handoff.isOpen(clientId), typed as string).toBe(false)
    }
  })

  it('"пятерка" typed under the quality rating is recorded', async () => {
    const { h, user, clientId } = await solved(1220)
    await h.send(h.u.callback(user, 'hrate:1:speed:5'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    await h.send(h.u.text(user, 'пятерка'))
    await h.drain()
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 5, comment: null },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('words that say it was not solved, ask or ask for anything, are no mark: they reach the team', async () => {
    for (const [n, typed] of [
      'так и не решили',
      'ну не решили ничего',
      'вопрос не решён, на связь никто не выходил',
      'ну на четверку, а когда будет готово',
      'ну на четверку, удалите старую версию',
      '4 - not good',
      'на 5 минут опоздали',
    ].entries()) {
      const { h, user, clientId } = await solved(1230 + n)
      await h.send(h.u.text(user, typed))
      expect(scores(h), typed).toEqual([])
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(true)
    }
  })

  it('a good mark with words that say something is still wrong, ask or ask for anything reopens the request: the team reads them', async () => {
    for (const [n, typed] of [
      '5, счёт так и не пришёл',
      '4. Сайт до сих пор не открывается',
      'ну 5, а предоплату вернёте',
      '5, отлично, а предоплату вернёте',
      'три, сайт не работает',
      'пять, пришлите акт',
    ].entries()) {
      const { h, user, clientId, topicId } = await solved(1250 + n)
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, typed))
      await h.drain()
      // No rating taken: the question still waits, the client is not thanked or asked the quality
      expect(scores(h), typed).toEqual([])
      expect(h.fake.textsTo(user.id).slice(before), typed).not.toContain(QUALITY)
      // The request is open again and the team has the words
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(true)
      const copied = h.fake
        .callsOf('copyMessage')
        .filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID && c.payload.message_thread_id === topicId)
      expect(copied.length, typed).toBeGreaterThan(0)
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId), typed).not.toContain(`💬 К оценке клиент добавил: ${typed}`)
    }
  })
})

describe('a middling mark typed with what the client thinks of it', () => {
  const EN_SPEED = 'Thank you, Emma! How fast did we answer, from 1 to 5?'
  const EN_QUALITY = 'And how helpful was it, from 1 to 5?'

  /** An English client whose request the owner closed and who answered "yes": the speed rating waits. */
  async function emmaSolved(id: number) {
    const closed = await closedByOwner({ id, first_name: 'Emma', language_code: 'en' }, 'Done')
    await closed.h.send(closed.h.u.text(closed.user, 'yes'))
    expect(closed.h.fake.lastTextTo(closed.user.id)).toBe(EN_SPEED)
    return closed
  }

  it('"3, it was ok but slow" is the speed rated 3: its words go to the team with it, the buttons go, no request opens', async () => {
    for (const [n, [typed, comment]] of [
      ['3, it was ok but slow', 'it was ok but slow'],
      ['3, it was ok', 'it was ok'],
      ['3 - not bad but a bit slow', 'not bad but a bit slow'],
      ['3, нормально, но долго', 'нормально, но долго'],
    ].entries()) {
      const { h, user, clientId, topicId } = await emmaSolved(1270 + n)
      const speed = h.fake.messageWithButton(user.id, 'hrate:1:speed:3') ?? 0
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, typed as string))
      await h.drain()
      expect(scores(h), typed).toEqual([{ kind: 'handoff_speed', score: 3, comment }])
      expect(h.fake.lastTextTo(user.id), typed).toBe(EN_QUALITY)
      // Answered: the question keeps the score under it and loses its buttons, as when pressed
      const shown = h.fake.emulator.chats.get(user.id)?.messages.get(speed)?.message
      expect(shown?.text, typed).toBe(`${EN_SPEED}\n\n✔️ 3`)
      expect(shown?.reply_markup, typed).toBeUndefined()
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId), typed).toContain(`💬 К оценке клиент добавил: ${comment}`)
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(false)
      expect(
        h.fake
          .textsTo(user.id)
          .slice(before)
          .some((t) => t.includes('passing you to a manager')),
        typed,
      ).toBe(false)
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('"5, really quick fix" under the quality after a typed "5" is the quality with its reason, in either language: no request opens, nothing passed to a manager', async () => {
    for (const [n, [typed, score, comment]] of [
      ['5, really quick fix', 5, 'really quick fix'],
      ['5 - quick fix, thanks', 5, 'quick fix, thanks'],
      ['5, быстро починили', 5, 'быстро починили'],
      ['4 — всё ок, но долго', 4, 'всё ок, но долго'],
    ].entries()) {
      const { h, user, clientId, topicId } = await emmaSolved(1300 + n)
      await h.send(h.u.text(user, '5'))
      expect(h.fake.lastTextTo(user.id), typed as string).toBe(EN_QUALITY)
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, typed as string))
      await h.drain()
      expect(scores(h), typed as string).toEqual([
        { kind: 'handoff_speed', score: 5, comment: null },
        { kind: 'handoff_quality', score, comment },
      ])
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId), typed as string).toContain(
        `💬 К оценке клиент добавил: ${comment}`,
      )
      expect(h.deps.services.handoff.isOpen(clientId), typed as string).toBe(false)
      const said = h.fake.textsTo(user.id).slice(before)
      expect(
        said.some((t) => t.includes('passing you to a manager')),
        typed as string,
      ).toBe(false)
      expect(h.errors(), typed as string).toEqual([])
    }
  })

  it('a good mark with a new request after it ("5, but can you also fix my brakes?") still reaches a manager', async () => {
    for (const [n, typed] of [
      '5, but can you also fix my brakes?',
      '5, quick fix, now fix my brakes',
      '5, быстро, почините ещё тормоза',
    ].entries()) {
      const { h, user, clientId } = await emmaSolved(1310 + n)
      await h.send(h.u.text(user, '5'))
      await h.send(h.u.text(user, typed))
      await h.drain()
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(true)
    }
  })

  it('a middling mark with a request in its words is recorded, and the words reach the team as the request opens again', async () => {
    for (const [n, [typed, comment]] of [
      ['3, but please send the invoice again', 'but please send the invoice again'],
      ['3, пришлите акт', 'пришлите акт'],
    ].entries()) {
      const { h, user, clientId, topicId } = await emmaSolved(1280 + n)
      const speed = h.fake.messageWithButton(user.id, 'hrate:1:speed:3') ?? 0
      await h.send(h.u.text(user, typed as string))
      await h.drain()
      expect(scores(h), typed).toEqual([{ kind: 'handoff_speed', score: 3, comment }])
      expect(h.fake.emulator.chats.get(user.id)?.messages.get(speed)?.message.reply_markup, typed).toBeUndefined()
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(true)
      const copied = h.fake
        .callsOf('copyMessage')
        .filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID && c.payload.message_thread_id === topicId)
      expect(copied.length, typed).toBeGreaterThan(0)
    }
  })

  it('a question with the mark still goes to a manager, unrecorded', async () => {
    const { h, user, clientId } = await emmaSolved(1290)
    await h.send(h.u.text(user, '3, when will the invoice come?'))
    await h.drain()
    expect(scores(h)).toEqual([])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
  })

  it('an "ok" with a request after it agrees, and rates nothing: "ok, but call me tomorrow"', async () => {
    for (const [n, typed] of ['ok, but call me tomorrow', 'fine but I still need the logo'].entries()) {
      const { h, user, clientId } = await emmaSolved(1295 + n)
      await h.send(h.u.text(user, typed))
      await h.drain()
      expect(scores(h), typed).toEqual([])
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(true)
    }
  })
})

describe('a score led by thanks, typed after "Да, решён" pressed', () => {
  const GALINA_SPEED = 'Спасибо, Галина! Оцените, пожалуйста, скорость ответа от 1 до 5:'

  /** Галина's request, closed by the owner; she pressed «Да, решён» and the speed rating waits. */
  async function pressedSolved(id: number) {
    const closed = await closedByOwner({ id, first_name: 'Галина' }, 'Готово')
    await closed.h.send(closed.h.u.callback(closed.user, 'hclose:1:yes'))
    expect(closed.h.fake.lastTextTo(closed.user.id)).toBe(GALINA_SPEED)
    return closed
  }

  it('"5 конечно спасибо вам большое" is the quality rated 5, its thanks with it: no request opens, and no apology or alert follows for days', async () => {
    const { h, user, clientId, topicId } = await pressedSolved(1301)
    await h.send(h.u.callback(user, 'hrate:1:speed:5'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '5 конечно спасибо вам большое'))
    await settle(h)
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 5, comment: 'спасибо вам большое' },
    ])
    const told = h.fake.textsTo(user.id).slice(before)
    expect(told).toContain('Спасибо за оценку! Если что-то понадобится — пишите, мы рядом.')
    expect(told.some((t) => t.includes('передаю вас менеджеру'))).toBe(false)
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    // Days pass: no answer was owed, so nobody apologises to her or chases the team
    for (let day = 0; day < 3; day++) {
      h.clock.advance(24 * 60 * 60_000)
      await h.deps.scheduler.runDue()
      await settle(h)
    }
    expect(
      h.fake
        .textsTo(user.id)
        .slice(before)
        .some((t) => t.includes('заставляем ждать')),
    ).toBe(false)
    const alerts = [...h.fake.textsTo(STAFF_GROUP_ID, topicId), ...h.fake.textsTo(OWNER_ID)].filter((t) =>
      t.startsWith('⏰'),
    )
    expect(alerts).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a score with thanks or praise right after it, no stop between, is the rating: "5 спасибо", "5 отлично всё", "4 благодарю"', async () => {
    for (const [n, [typed, score, comment]] of [
      ['5 спасибо', 5, 'спасибо'],
      ['5 отлично всё', 5, 'отлично всё'],
      ['4 благодарю', 4, 'благодарю'],
      ['5 конечно', 5, null],
      // Kazakh thanks, as «спасибо»: "5 рахмет" had opened the request again
      ['5 рахмет', 5, 'рахмет'],
      ['5, көп рахмет', 5, 'көп рахмет'],
    ].entries()) {
      const { h, user, clientId } = await pressedSolved(1310 + n)
      await h.send(h.u.text(user, typed as string))
      expect(h.fake.lastTextTo(user.id), typed as string).toBe(QUALITY)
      expect(scores(h), typed as string).toEqual([{ kind: 'handoff_speed', score, comment }])
      expect(h.deps.services.handoff.isOpen(clientId), typed as string).toBe(false)
    }
  })

  it('"5" alone under the quality question after her words opened the request again is still her rating: taken, not left unanswered', async () => {
    const { h, user, clientId, topicId } = await pressedSolved(1320)
    await h.send(h.u.callback(user, 'hrate:1:speed:5'))
    // A good mark with a request beside it: the request opens again for the team, no rating taken
    await h.send(h.u.text(user, '5, а счёт мне пришлите ещё раз'))
    await h.drain()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(h.fake.lastTextTo(user.id)).toContain('передаю вас менеджеру')
    const quality = h.fake.messageWithButton(user.id, 'hrate:1:quality:5') ?? 0
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '5'))
    await h.drain()
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 5, comment: null },
    ])
    expect(h.fake.textsTo(user.id).slice(before)).toContain(
      'Спасибо за оценку! Если что-то понадобится — пишите, мы рядом.',
    )
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(quality)?.message.text).toBe(`${QUALITY}\n\n✔️ 5`)
    // The request her words opened stays open for them; the team reads the "5" with the bot's thanks
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    await h.flush()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).toContain('🤖 Бот отправил клиенту: Спасибо за оценку!')
    expect(h.errors()).toEqual([])
  })

  it('once a manager answered the request her words opened again, a number she types is theirs, not the rating', async () => {
    const { h, user, clientId, topicId } = await pressedSolved(1321)
    await h.send(h.u.callback(user, 'hrate:1:speed:5'))
    await h.send(h.u.text(user, '5, а счёт мне пришлите ещё раз'))
    await h.flush()
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Сколько экземпляров счёта нужно?'))
    await h.flush()
    await h.send(h.u.text(user, '2'))
    expect(scores(h)).toEqual([{ kind: 'handoff_speed', score: 5, comment: null }])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(h.errors()).toEqual([])
  })
})

describe('a school mark or a score with a remark after a comma', () => {
  /** The low-rating alerts the topic and the owner got so far. */
  const lowAlerts = (h: Awaited<ReturnType<typeof solved>>['h'], topicId: number) => [
    ...h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка')),
    ...h.fake.textsTo(OWNER_ID).filter((t) => t.includes('низкая оценка закрытого запроса')),
  ]

  it('«3, долго ждали утром» typed after «Да, решён» pressed is the speed with its remark: the quality follows, no request opens, the alert waits for the quality', async () => {
    const { h, user, clientId, topicId } = await closedByOwner({ id: 1401, first_name: 'Светлана' }, 'Готово')
    await h.send(h.u.callback(user, 'hclose:1:yes'))
    const speedQuestion = 'Спасибо, Светлана! Оцените, пожалуйста, скорость ответа от 1 до 5:'
    expect(h.fake.lastTextTo(user.id)).toBe(speedQuestion)
    const speed = h.fake.messageWithButton(user.id, 'hrate:1:speed:3') ?? 0
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '3, долго ждали утром'))
    await settle(h)
    expect(scores(h)).toEqual([{ kind: 'handoff_speed', score: 3, comment: 'долго ждали утром' }])
    // The quality question follows, as after a press, and the speed question keeps the score
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(speed)?.message.text).toBe(`${speedQuestion}\n\n✔️ 3`)
    const told = h.fake.textsTo(user.id).slice(before)
    expect(told.some((t) => t.includes('передаю вас менеджеру'))).toBe(false)
    // The remark reaches the topic with the rating; no new request
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic).toContain('💬 К оценке клиент добавил: долго ждали утром')
    expect(topic.join('\n')).not.toContain('клиент снова написал после закрытого запроса')
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    // She thinks a few minutes over the quality: nobody is told half of it meanwhile
    h.clock.advance(5 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lowAlerts(h, topicId)).toEqual([])
    await h.send(h.u.callback(user, 'hrate:1:quality:4'))
    h.clock.advance(10 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lowAlerts(h, topicId)).toEqual([
      '⚠️ Низкая оценка клиента: скорость 3/5, качество 4/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
      expect.stringMatching(
        new RegExp(
          `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 3/5, качество 4/5\\.`,
        ),
      ),
    ])
    expect(h.errors()).toEqual([])
  })

  it('«ну на четверку, дороговато» under the quality after a typed yes and a «5» is the quality 4 with its remark: the buttons go, no request opens', async () => {
    const { h, user, clientId, topicId } = await closedByOwner({ id: 1402, first_name: 'Анна' }, 'Готово')
    await h.send(h.u.text(user, 'да вроде всё, спасибо большое!'))
    expect(h.fake.lastTextTo(user.id)).toBe('Спасибо, Анна! Оцените, пожалуйста, скорость ответа от 1 до 5:')
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    const quality = h.fake.messageWithButton(user.id, 'hrate:1:quality:4') ?? 0
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'ну на четверку, дороговато'))
    await settle(h)
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 4, comment: 'дороговато' },
    ])
    const shown = h.fake.emulator.chats.get(user.id)?.messages.get(quality)?.message
    expect(shown?.text).toBe(`${QUALITY}\n\n✔️ 4`)
    expect(shown?.reply_markup).toBeUndefined()
    const told = h.fake.textsTo(user.id).slice(before)
    expect(told).toContain('Спасибо за оценку! Если что-то понадобится — пишите, мы рядом.')
    expect(told.some((t) => t.includes('передаю вас менеджеру'))).toBe(false)
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain('💬 К оценке клиент добавил: дороговато')
    expect(h.errors()).toEqual([])
  })

  it('school marks in words, hedged or not, with a remark on the price or the pace after a comma: the mark, the remark kept with it', async () => {
    for (const [n, [typed, score, comment]] of [
      ['на четверку, дороговато', 4, 'дороговато'],
      ['четвёрка, дороговато', 4, 'дороговато'],
      ['на троечку, долго ждали утром', 3, 'долго ждали утром'],
      ['пятёрка, но дороговато', 5, 'но дороговато'],
      ['твёрдая четвёрка, немного дорого', 4, 'немного дорого'],
      ['на пять, хоть и недёшево', 5, 'хоть и недёшево'],
      ['на 4, дороговато для нас', 4, 'дороговато для нас'],
      ['наверное на четверку, дороговато', 4, 'дороговато'],
      ['где-то на троечку, сначала долго ждали', 3, 'сначала долго ждали'],
      ['4, a bit pricey', 4, 'a bit pricey'],
      ['3, slow in the morning', 3, 'slow in the morning'],
    ].entries()) {
      const { h, user, clientId } = await solved(1410 + n)
      await h.send(h.u.text(user, typed as string))
      await h.drain()
      expect(scores(h), typed as string).toEqual([{ kind: 'handoff_speed', score, comment }])
      expect(h.fake.lastTextTo(user.id), typed as string).toBe(QUALITY)
      expect(h.deps.services.handoff.isOpen(clientId), typed as string).toBe(false)
    }
  })
})

describe('a mark in a word with an opinion word and a comment after it, as a figure with one', () => {
  it('«пятёрка наверно, мария хорошая только долго отвечала» under the quality is the quality 5 with its remark, as «5 наверно, …» is: no request opens, no apology', async () => {
    for (const [n, typed] of [
      '5 наверно, мария хорошая только долго отвечала',
      'пятёрка наверно, мария хорошая только долго отвечала',
      'пятерка конечно, спасибо',
      'отлично наверное, мария хорошая',
    ].entries()) {
      const { h, user, clientId, topicId } = await solved(1450 + n)
      await h.send(h.u.callback(user, 'hrate:1:speed:5'))
      expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
      const before = h.fake.textsTo(user.id).length
      await h.send(h.u.text(user, typed))
      await settle(h)
      const comment = typed.replace(/^\S+ \S+, /u, '')
      expect(scores(h), typed).toEqual([
        { kind: 'handoff_speed', score: 5, comment: null },
        { kind: 'handoff_quality', score: 5, comment },
      ])
      const told = h.fake.textsTo(user.id).slice(before)
      expect(told, typed).toContain('Спасибо за оценку! Если что-то понадобится — пишите, мы рядом.')
      expect(
        told.filter((t) => /передаю вас менеджеру|извин/i.test(t)),
        typed,
      ).toEqual([])
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(false)
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId), typed).toContain(`💬 К оценке клиент добавил: ${comment}`)
      expect(h.errors()).toEqual([])
    }
  })
})

describe('a low score typed with what went wrong', () => {
  /** What the client was sent since `before`, the rating question's edit (its "✔️ 2") left out. */
  const toldSince = (h: Awaited<ReturnType<typeof solved>>['h'], userId: number, before: number) =>
    h.fake
      .textsTo(userId)
      .slice(before)
      .filter((t) => !t.includes('✔️'))

  /** The low-rating alerts the topic and the owner got so far. */
  const lowAlerts = (h: Awaited<ReturnType<typeof solved>>['h'], topicId: number) => [
    ...h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка')),
    ...h.fake.textsTo(OWNER_ID).filter((t) => t.includes('низкая оценка закрытого запроса')),
  ]

  it('«2, долго ждали» under the speed is a low rating with its reason: the request opens saying so, the team is alerted at once with the speed alone, the client hears one apology', async () => {
    const { h, user, clientId, topicId } = await solved(1501)
    const speed = h.fake.messageWithButton(user.id, 'hrate:1:speed:2') ?? 0
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '2, долго ждали'))
    await h.drain()
    expect(scores(h)).toEqual([{ kind: 'handoff_speed', score: 2, comment: 'долго ждали' }])
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(speed)?.message.text).toBe(`${SPEED}\n\n✔️ 2`)
    // One answer: the apology with who answers and by when — no quality asked, no second apology
    const told = toldSince(h, user.id, before)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(/^Простите, что так вышло, и спасибо, что рассказали\. Олег, передаю вас менеджеру/)
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ reason: 'low_rating', detail: 'долго ждали' })
    // The topic reads why the request opened, in the client's words, and the alert with the speed alone
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic).toContainEqual(
      expect.stringMatching(
        /^🔔 Новый запрос: клиент низко оценил прошлый запрос и написал: «долго ждали»\. Ответить до/,
      ),
    )
    expect(topic.join('\n')).not.toContain('клиент снова написал')
    expect(lowAlerts(h, topicId)).toEqual([
      '⚠️ Низкая оценка клиента: скорость 2/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
      expect.stringMatching(
        new RegExp(
          `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 2/5\\.$`,
        ),
      ),
    ])
    // Minutes later nobody is told again, with a dash for a quality never asked
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lowAlerts(h, topicId)).toHaveLength(2)
    expect([...h.fake.textsTo(STAFF_GROUP_ID, topicId), ...h.fake.textsTo(OWNER_ID)].join('\n')).not.toContain(
      'качество —',
    )
    expect(h.errors()).toEqual([])
  })

  it('"2, you kept me waiting" from an English client: the apology in English, the request opened for the low rating', async () => {
    const { h, user, clientId, topicId } = await closedByOwner(
      { id: 1502, first_name: 'Emma', language_code: 'en' },
      'Done',
    )
    await h.send(h.u.text(user, 'yes'))
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '2, you kept me waiting'))
    await h.drain()
    const told = toldSince(h, user.id, before)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(
      /^We are sorry it went that way, and thank you for telling us\. Emma, I'm passing you to a manager/,
    )
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ reason: 'low_rating' })
    expect(lowAlerts(h, topicId)).toEqual([
      '⚠️ Низкая оценка клиента: скорость 2/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
      expect.stringMatching(
        new RegExp(
          `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 2/5\\.$`,
        ),
      ),
    ])
    expect(h.errors()).toEqual([])
  })

  it('«2, долго» under the quality after her words opened the request again: the alert at once, the apology with where her question stands', async () => {
    const closed = await closedByOwner({ id: 1504, first_name: 'Галина' }, 'Готово')
    const { h, user, clientId, topicId } = closed
    await h.send(h.u.callback(user, 'hclose:1:yes'), h.u.callback(user, 'hrate:1:speed:4'))
    await h.send(h.u.text(user, '5, а счёт мне пришлите ещё раз'))
    await h.drain()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '2, долго'))
    await h.drain()
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 4, comment: null },
      { kind: 'handoff_quality', score: 2, comment: 'долго' },
    ])
    expect(toldSince(h, user.id, before)).toEqual([
      expect.stringMatching(
        /^Простите, что так вышло, и спасибо, что рассказали\. Галина, ваш вопрос уже у менеджеров/,
      ),
    ])
    expect(lowAlerts(h, topicId)).toEqual([
      '⚠️ Низкая оценка клиента: скорость 4/5, качество 2/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
      expect.stringMatching(
        new RegExp(
          `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 4/5, качество 2/5\\.$`,
        ),
      ),
    ])
    expect(h.errors()).toEqual([])
  })

  it('«1, ничем не помогли» under the quality: both scores in one alert at once, the request opened for the low rating, one apology', async () => {
    const { h, user, clientId, topicId } = await solved(1503)
    await h.send(h.u.callback(user, 'hrate:1:speed:4'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '1, ничем не помогли'))
    await h.drain()
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 4, comment: null },
      { kind: 'handoff_quality', score: 1, comment: 'ничем не помогли' },
    ])
    const told = toldSince(h, user.id, before)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatch(/^Простите, что так вышло, и спасибо, что рассказали\. Олег, передаю вас менеджеру/)
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ reason: 'low_rating' })
    expect(lowAlerts(h, topicId)).toEqual([
      '⚠️ Низкая оценка клиента: скорость 4/5, качество 1/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
      expect.stringMatching(
        new RegExp(
          `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 4/5, качество 1/5\\.$`,
        ),
      ),
    ])
    expect(h.errors()).toEqual([])
  })
})

describe('a score with thanks under «Рады, что всё решили»', () => {
  const SOLVED_THANKS = 'Рады, что всё решили, Олег! Если что-то понадобится — пишите, мы рядом.'

  /** Олег rated his last request, then closed another with "да": thanked, no ratings asked. */
  async function thankedWithoutRatings(id: number) {
    const rated = await solved(id)
    const { h, user, topicId } = rated
    await h.send(h.u.text(user, '5'), h.u.text(user, '5'))
    h.clock.advance(2 * 86_400_000)
    await h.send(h.u.text(user, 'Ещё вопрос: можно поменять цвет?'))
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, 'Да, поменяли'), h.u.staffText(owner, topicId, '/close'))
    await h.flush()
    await h.send(h.u.text(user, 'да'))
    expect(h.fake.lastTextTo(user.id)).toBe(SOLVED_THANKS)
    return rated
  }

  it('"5 спасибо" and «5, спасибо большое» are his mark, as a "5" is: a ❤, no request, nothing more said', async () => {
    for (const [n, typed] of ['5 спасибо', '5, спасибо большое', '4, thank you so much'].entries()) {
      const { h, user, clientId } = await thankedWithoutRatings(1601 + n)
      const before = h.fake.textsTo(user.id).length
      const reactions = h.fake.callsOf('setMessageReaction').length
      await h.send(h.u.text(user, typed))
      await settle(h)
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(false)
      expect(h.fake.callsOf('setMessageReaction'), typed).toHaveLength(reactions + 1)
      expect(h.fake.textsTo(user.id).slice(before), typed).toEqual([])
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('a bare low mark ("2") is his rating of the request, as under a rating question: kept, the team told, the apology — no ❤', async () => {
    const { h, user, clientId, topicId } = await thankedWithoutRatings(1621)
    const reactions = h.fake.callsOf('setMessageReaction').length
    // Days on, still right under it: a mark stands as long as a rating question's (a week)
    h.clock.advance(3 * 86_400_000)
    await h.send(h.u.text(user, '2'))
    await settle(h)
    expect(h.fake.callsOf('setMessageReaction')).toHaveLength(reactions)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо за честную оценку — и простите, что получилось не так, как вы ждали. Мы передали её руководителю. Если напишете, что пошло не так, мы разберёмся.',
    )
    // The two 5s of the request before, then this one's mark of the help
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 5, comment: null },
      { kind: 'handoff_quality', score: 2, comment: null },
    ])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка'))).toEqual([
      '⚠️ Низкая оценка клиента: качество 2/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
    ])
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('низкая оценка закрытого запроса'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: качество 2/5\\.`,
        ),
      ),
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    // What went wrong, written under the apology: a request for the low rating
    await h.send(h.u.text(user, 'долго отвечали'))
    await h.drain()
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ status: 'open', reason: 'low_rating' })
    expect(h.errors()).toEqual([])
  })

  it('a bare good mark ("5") is his rating too: kept, and a ❤ takes it', async () => {
    const { h, user, clientId } = await thankedWithoutRatings(1622)
    const reactions = h.fake.callsOf('setMessageReaction').length
    const before = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, '5'))
    await settle(h)
    expect(h.fake.callsOf('setMessageReaction')).toHaveLength(reactions + 1)
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([])
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 5, comment: null },
      { kind: 'handoff_quality', score: 5, comment: null },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('a low mark with words on how it went («3, долго ждала ответа», "2, you took ages") is his rating with them: kept, the team reads the words, the apology — no request', async () => {
    for (const [n, [typed, score, comment]] of (
      [
        ['3, долго ждала ответа', 3, 'долго ждала ответа'],
        ['2, you took ages', 2, 'you took ages'],
      ] as const
    ).entries()) {
      const { h, user, clientId, topicId } = await thankedWithoutRatings(1631 + n)
      await h.send(h.u.text(user, typed))
      await settle(h)
      expect(scores(h).at(-1), typed).toEqual({ kind: 'handoff_quality', score, comment })
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId), typed).toContain(`💬 К оценке клиент добавил: ${comment}`)
      expect(
        h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка')),
        typed,
      ).toEqual([`⚠️ Низкая оценка клиента: качество ${score}/5. Свяжитесь с клиентом и разберитесь, что пошло не так.`])
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^Спасибо за честную оценку/)
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(false)
      expect(h.errors(), typed).toEqual([])
    }
  })

  it('a low mark with words of praise («3, всё вежливо, но долго») is thanked for the kind words before the apology', async () => {
    const { h, user, clientId } = await thankedWithoutRatings(1641)
    await h.send(h.u.text(user, '3, всё вежливо, но долго'))
    await settle(h)
    expect(scores(h).at(-1)).toEqual({
      kind: 'handoff_quality',
      score: 3,
      comment: 'всё вежливо, но долго',
    })
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо за оценку и за добрые слова — нам очень приятно. А за то, что не всё получилось так, как вы ждали, простите. Мы передали оценку руководителю. Если напишете, что пошло не так, мы разберёмся.',
    )
    // What went wrong, written under that apology too: a request for the low rating
    await h.send(h.u.text(user, 'ответа ждала два дня'))
    await h.drain()
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ status: 'open', reason: 'low_rating' })
    expect(h.errors()).toEqual([])
  })

  it('a score with a request («5, а счёт пришлите ещё раз»), or a thanks after a low one («2, спасибо»), is words for the team', async () => {
    for (const [n, typed] of ['5, а счёт пришлите ещё раз', '2, спасибо'].entries()) {
      const { h, user, clientId } = await thankedWithoutRatings(1611 + n)
      await h.send(h.u.text(user, typed))
      await h.drain()
      expect(h.deps.services.handoff.isOpen(clientId), typed).toBe(true)
    }
  })
})

describe('a rating question takes its answer by one rule, pressed or typed', () => {
  const DAY = 86_400_000
  /** The toast an out-of-date button gets in the bot's chat. */
  const stale = (h: Awaited<ReturnType<typeof solved>>['h']) =>
    h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text

  it('three days on, a "5" typed right under the speed question and a "4" pressed on the quality both count', async () => {
    const { h, user, clientId } = await solved(1701)
    h.clock.advance(3 * DAY)
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    h.clock.advance(3 * DAY)
    await h.send(h.u.callback(user, 'hrate:1:quality:4'))
    await h.drain()
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 4, comment: null },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('the speed question put in place of «Вопрос решён?» when «Да, решён» was pressed stands a week from then, pressed or typed', async () => {
    for (const [n, answer] of ['typed', 'pressed'].entries()) {
      const closed = await closedByOwner({ id: 1702 + n, first_name: 'Олег' }, 'Готово')
      const { h, user } = closed
      h.clock.advance(5 * DAY)
      await h.send(h.u.callback(user, 'hclose:1:yes'))
      expect(h.fake.lastTextTo(user.id), answer).toBe(SPEED)
      h.clock.advance(6 * DAY)
      await h.send(answer === 'typed' ? h.u.text(user, '4') : h.u.callback(user, 'hrate:1:speed:4'))
      expect(h.fake.lastTextTo(user.id), answer).toBe(QUALITY)
      expect(scores(h), answer).toEqual([{ kind: 'handoff_speed', score: 4, comment: null }])
    }
  })

  it("a request the team closed, rated after the client's late «Да, решён»: a score typed takes the rating as a press does", async () => {
    const { h, user, clientId, topicId } = await closedByOwner({ id: 1705, first_name: 'Олег' }, 'Готово')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force ответили по телефону'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    await h.send(h.u.callback(user, 'hclose:1:yes'))
    expect(h.fake.lastTextTo(user.id)).toBe(SPEED)
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    await h.send(h.u.callback(user, 'hrate:1:quality:5'))
    expect(scores(h)).toEqual([
      { kind: 'handoff_speed', score: 5, comment: null },
      { kind: 'handoff_quality', score: 5, comment: null },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('over a week on, neither a press nor a typed score counts: the button says it is out of date and its buttons go, the number reaches the team', async () => {
    const pressed = await solved(1710)
    const speed = pressed.h.fake.messageWithButton(pressed.user.id, 'hrate:1:speed:5') ?? 0
    pressed.h.clock.advance(8 * DAY)
    await pressed.h.send(pressed.h.u.callback(pressed.user, 'hrate:1:speed:5'))
    expect(scores(pressed.h)).toEqual([])
    expect(stale(pressed.h)).toBe('Эта кнопка уже неактуальна. Откройте /menu')
    expect(pressed.h.fake.keyboardOf(pressed.user.id, speed)).toBeUndefined()
    expect(pressed.h.deps.services.handoff.isOpen(pressed.clientId)).toBe(false)
    expect(pressed.h.errors()).toEqual([])

    const typed = await solved(1711)
    typed.h.clock.advance(8 * DAY)
    await typed.h.send(typed.h.u.text(typed.user, '5'))
    expect(scores(typed.h)).toEqual([])
    expect(typed.h.deps.services.handoff.isOpen(typed.clientId)).toBe(true)
    expect(typed.h.errors()).toEqual([])
  })

  it('a rating question of a request a newer one went past is out of date, pressed as typed: the newer request is the one rated', async () => {
    const { h, user, clientId, topicId } = await solved(1720)
    const oldSpeed = h.fake.messageWithButton(user.id, 'hrate:1:speed:2') ?? 0
    await h.send(h.u.text(user, 'Ещё вопрос: можно поменять цвет?'))
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, 'Да, поменяли'), h.u.staffText(owner, topicId, '/close'))
    await h.flush()
    await h.send(h.u.text(user, 'да'))
    expect(h.fake.lastTextTo(user.id)).toBe(SPEED)
    // The first request's speed, pressed up the chat: out of date, no low alert about it
    await h.send(h.u.callback(user, 'hrate:1:speed:2', { messageId: oldSpeed }))
    await h.drain()
    expect(scores(h)).toEqual([])
    expect(stale(h)).toBe('Эта кнопка уже неактуальна. Откройте /menu')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка'))).toEqual([])
    // The newer one's question still takes its answer
    await h.send(h.u.text(user, '5'))
    expect(h.fake.lastTextTo(user.id)).toBe(QUALITY)
    expect(h.deps.sqlite.prepare('select handoff_id as handoffId, score from feedback').all()).toEqual([
      { handoffId: 2, score: 5 },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.errors()).toEqual([])
  })
})
