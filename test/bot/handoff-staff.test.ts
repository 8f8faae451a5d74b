import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { claimDueJobs } from '../../db/repositories/jobs.ts'
import { feedback } from '../../db/schema.ts'
import { book } from '../helpers/booking.ts'
import { aroundStatements, createTestDb } from '../helpers/db.ts'
import { settle } from '../helpers/desk.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { answerDemoDiscovery, discoveryContent, press } from '../helpers/flows.ts'
import { cardEdits } from '../helpers/handoff.ts'
import { createHarness, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_100_002

async function setUp(h: Harness) {
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID)
  const user = h.u.user(1101, { first_name: 'Олег' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await h.drain()
  const client = findClientByTelegramId(h.deps.db, user.id)!
  return { user, clientId: client.id, topicId: client.topicId!, manager: h.u.user(MANAGER_ID, { first_name: 'Света' }) }
}

/** A client whose request the manager closed and who answered "Да, решён": the ratings come next. */
async function solved() {
  const h = createHarness()
  const { user, clientId, topicId, manager } = await setUp(h)
  await h.send(h.u.staffText(manager, topicId, 'Готово'), h.u.staffText(manager, topicId, '/close'))
  await h.flush()
  await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // Да, решён
  return { h, user, clientId, topicId }
}

/** The topic and the owners told once of a request rated 1 for speed and 1 for quality, nothing else about its scores. */
function expectOneAlertOfBothOnes(h: Harness, clientId: number, topicId: number): void {
  expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️') || t.startsWith('⭐'))).toEqual([
    '⚠️ Низкая оценка клиента: скорость 1/5, качество 1/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
  ])
  expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('низкая оценка закрытого запроса'))).toEqual([
    expect.stringMatching(
      new RegExp(
        `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 1/5, качество 1/5\\.`,
      ),
    ),
  ])
}

describe('/close and the rating', () => {
  it('yes → closed, then speed and quality 1–5 are stored and shown to the team', async () => {
    const h = createHarness()
    const { user, clientId, topicId, manager } = await setUp(h)
    await h.send(h.u.staffText(manager, topicId, 'Готово, макет на почте'), h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    // The question comes after the manager's last message, never before it
    const toClient = h.fake.sentTo(user.id).slice(-2)
    expect(toClient.map((c) => c.method)).toEqual(['copyMessage', 'sendMessage'])
    expect(toClient[1]?.payload.text).toBe('Олег, ваш вопрос решён?')
    const [yes, no] = h.fake.lastButtonsTo(user.id)
    expect([yes?.text, no?.text]).toEqual(['Да, решён', 'Нет, ещё нет'])
    // The answer to /close (the card then shows the first answer delivered after it)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContainEqual(expect.stringContaining('Клиента спросили'))
    expect(h.deps.services.handoff.current(clientId)?.status).toBe('closing')

    // A stranger cannot press the client's buttons
    await h.send(h.u.callback(h.u.user(1102), yes!.data!))
    expect(h.deps.services.handoff.current(clientId)?.status).toBe('closing')

    await h.send(h.u.callback(user, yes!.data!))
    expect(h.deps.services.handoff.current(clientId)).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[4]!.data!))
    expect(h.fake.lastTextTo(user.id)).toContain('качество помощи')
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[3]!.data!))
    // The thanks and — rated well, never having answered it — the news question once more, in the menu's place
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Спасибо за оценку')
    expect(h.fake.lastTextTo(user.id)).toContain('можно иногда присылать вам полезные советы')
    // Pressing again does not add a second rating
    await h.send(h.u.callback(user, 'hrate:1:quality:1'))
    const feedback = h.deps.sqlite.prepare('select kind, score, manager_id from feedback order by id').all()
    expect(feedback).toEqual([
      { kind: 'handoff_speed', score: 5, manager_id: MANAGER_ID },
      { kind: 'handoff_quality', score: 4, manager_id: MANAGER_ID },
    ])
    await h.drain()
    const topicTexts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topicTexts).toContain('✅ Клиент подтвердил, что вопрос решён. Запрос закрыт.')
    expect(topicTexts).toContain('⭐ Оценка клиента: скорость 5/5, качество 4/5.')
    // The card names each kind of rating once, its scores newest first
    expect(cardEdits(h).at(-1)).toContain('⭐ качество 4 · скорость 5 (сначала новые)')
  })

  it('/stats files the rating under the manager who led the request when it closed, not the colleague who answered first', async () => {
    const h = createHarness()
    const { user, topicId, manager } = await setUp(h)
    const OLGA = 5_100_003
    h.deps.services.staff.add(OLGA, 'manager', OWNER_ID, 'Ольга')
    const olga = h.u.user(OLGA, { first_name: 'Ольга' })
    // Света answers first and hands the client to Ольга, who serves them and closes the request
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте! Передаю вас коллеге'))
    await h.send(h.u.staffText(manager, topicId, `/assign ${OLGA}`))
    await h.send(h.u.staffText(olga, topicId, 'Готово, макет на почте'), h.u.staffText(olga, topicId, '/close'))
    await h.flush()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)) // Да, решён
    await h.send(h.u.callback(user, 'hrate:1:speed:5'), h.u.callback(user, 'hrate:1:quality:4'))
    await h.send(h.u.text(h.u.user(OWNER_ID), '/stats 7d'))
    const stats = h.fake.textsTo(OWNER_ID).findLast((t) => t.includes('Статистика за 7 дней'))!
    const lineOf = (name: string) => stats.split('\n').find((l) => l.startsWith(`• ${name}:`))
    expect(lineOf('Ольга')).toContain('оценки ответов: скорость 5,0, качество 4,0 — по 1 обращению')
    expect(lineOf('Света')).toContain('оценок ответов нет')
    expect(h.errors()).toEqual([])
  })

  it('a low rating gets an apology, not a cheerful thanks; the topic is asked to get in touch and the owner hears', async () => {
    const { h, user, clientId, topicId } = await solved()
    await h.send(h.u.callback(user, 'hrate:1:speed:4'), h.u.callback(user, 'hrate:1:quality:2'))
    // The last word is the invitation to say what went wrong, not a menu to pick from; a good
    // speed beside the low quality is thanked for before the apology
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо за оценку — рады, что ответили вам быстро. А за то, что с самой помощью получилось не так, как вы ждали, простите. Мы передали оценку руководителю. Если напишете, что пошло не так, мы разберёмся.',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:main'])
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      '⚠️ Низкая оценка клиента: скорость 4/5, качество 2/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('⭐ Оценка клиента')
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(
      new RegExp(
        `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 4/5, качество 2/5\\.`,
      ),
    )
    // What they write next reaches the team as what went wrong: a request that says so
    await h.send(h.u.text(user, 'Долго отвечали, пришлось напоминать'))
    expect(h.deps.services.handoff.current(clientId)).toMatchObject({ reason: 'low_rating' })
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Спасибо, что рассказали\. Олег, передаю вас менеджеру/)
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '🔔 Новый запрос: клиент объясняет низкую оценку прошлого запроса.',
    )
    expect(h.errors()).toEqual([])
  })

  it('both ratings low get the plain apology; a mixed one in English thanks for what was good', async () => {
    const { h, user } = await solved()
    await h.send(h.u.callback(user, 'hrate:1:speed:2'), h.u.callback(user, 'hrate:1:quality:1'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо за честную оценку — и простите, что получилось не так, как вы ждали. Мы передали её руководителю. Если напишете, что пошло не так, мы разберёмся.',
    )
    const en = createHarness()
    en.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID)
    const anna = en.u.user(1103, { first_name: 'Anna', language_code: 'en' })
    await en.send(en.u.text(anna, '/start'), en.u.text(anna, '/manager'))
    await en.drain()
    const topicId = findClientByTelegramId(en.deps.db, anna.id)!.topicId!
    const sveta = en.u.user(MANAGER_ID, { first_name: 'Света' })
    await en.send(en.u.staffText(sveta, topicId, 'Done'), en.u.staffText(sveta, topicId, '/close'))
    await en.flush()
    await en.send(en.u.callback(anna, en.fake.lastButtonsTo(anna.id)[0]!.data!))
    await en.send(en.u.callback(anna, 'hrate:1:speed:5'), en.u.callback(anna, 'hrate:1:quality:2'))
    expect(en.fake.lastTextTo(anna.id)).toBe(
      'Thank you for the rating — we are glad we answered you quickly. And we are sorry the help itself was not what you expected. We have passed the rating on to the person in charge. If you tell us what went wrong, we will look into it.',
    )
    expect([...h.errors(), ...en.errors()]).toEqual([])
  })

  it('a low speed and the quality given right after make one alert with both scores, for the topic and the owners', async () => {
    const { h, user, clientId, topicId } = await solved()
    await h.send(h.u.callback(user, 'hrate:1:speed:1'))
    await h.drain()
    // The quality question is on her screen: nobody is told half of it yet (and the card lists
    // no "alert" scheduled for her: the team's own timer)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка'))).toEqual([])
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).not.toContain('сигнал команде')
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, 'hrate:1:quality:1'))
    await h.drain()
    await h.deps.scheduler.runDue()
    h.clock.advance(3_600_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expectOneAlertOfBothOnes(h, clientId, topicId)
    expect(h.errors()).toEqual([])
  })

  it('a low speed from a client who then stops is heard minutes later; the quality given days after completes the scores, with no second alert', async () => {
    const { h, user, clientId, topicId } = await solved()
    await h.send(h.u.callback(user, 'hrate:1:speed:1'))
    await h.drain()
    h.clock.advance(10 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    // What she gave, and nothing for the quality she left unanswered (it read "качество —")
    const low = '⚠️ Низкая оценка клиента: скорость 1/5. Свяжитесь с клиентом и разберитесь, что пошло не так.'
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(low)
    const ownerAlerts = () => h.fake.textsTo(OWNER_ID).filter((t) => t.includes('низкая оценка закрытого запроса'))
    expect(ownerAlerts()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^⚠️ Клиент <a href="[^"]+">[^<]+ #${clientId}</a> — низкая оценка закрытого запроса: скорость 1/5\\.$`,
        ),
      ),
    ])
    // Days later she rates the quality after all: the scores complete, the apology, no second alert
    h.clock.advance(2 * 86_400_000)
    await h.send(h.u.callback(user, 'hrate:1:quality:5'))
    await h.drain()
    // A mixed rating: thanks for the help, the apology for the wait
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо за оценку — рады, что смогли помочь. А за то, что ответа пришлось ждать дольше, чем хотелось бы, простите. Мы передали оценку руководителю. Если напишете, что пошло не так, мы разберёмся.',
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain('⭐ Оценка клиента: скорость 1/5, качество 5/5.')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка'))).toEqual([low])
    expect(ownerAlerts()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('the quality given while the waiting alert is already taken for running still makes one alert with both scores', async () => {
    const { h, user, clientId, topicId } = await solved()
    await h.send(h.u.callback(user, 'hrate:1:speed:1'))
    await h.drain()
    h.clock.advance(10 * 60_000)
    // The scheduler has claimed the due alert with others in its batch and not run it yet (an
    // earlier job of the batch awaits Telegram) when her quality answer comes in
    const [claimed] = claimDueJobs(h.deps.db, h.clock.now(), { limit: 10, lockMs: 60_000 })
    expect(claimed?.kind).toBe('handoff_rated_low')
    await h.send(h.u.callback(user, 'hrate:1:quality:1'))
    await h.drain()
    h.clock.advance(2 * 60_000) // its lock runs out: the alert runs, finds the quality, and is skipped
    await h.deps.scheduler.runDue()
    await h.drain()
    expectOneAlertOfBothOnes(h, clientId, topicId)
    expect(h.errors()).toEqual([])
  })

  it('scores typed instead of pressed rate the speed, then the quality, and open no request', async () => {
    const { h, user, clientId, topicId } = await solved()
    const speed = h.fake.messageWithButton(user.id, 'hrate:1:speed:2')
    await h.send(h.u.text(user, '2 😐'))
    expect(h.fake.lastTextTo(user.id)).toBe('И качество помощи, от 1 до 5:')
    // The question answered keeps the score under it and loses its buttons, as when pressed
    expect(h.fake.keyboardOf(user.id, speed ?? 0)).toBeUndefined()
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(speed ?? 0)?.message.text).toMatch(
      /скорость ответа.*\n\n✔️ 2$/s,
    )
    await h.send(h.u.text(user, '4/5'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Спасибо за оценку — рады, что смогли помочь. А за то, что ответа пришлось ждать дольше, чем хотелось бы, простите. Мы передали оценку руководителю. Если напишете, что пошло не так, мы разберёмся.',
    )
    await h.drain()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⚠️ Низкая оценка'))).toEqual([
      '⚠️ Низкая оценка клиента: скорость 2/5, качество 4/5. Свяжитесь с клиентом и разберитесь, что пошло не так.',
    ])
    // Both given: a number now is words for the team again, and opens a request
    await h.send(h.u.text(user, '5'))
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(h.errors()).toEqual([])
  })

  it('a client who rated a request within the week is not asked to rate the next: thanked, with the menu', async () => {
    const { h, user, clientId, topicId } = await solved()
    await h.send(h.u.text(user, '5'), h.u.text(user, '5'))
    expect(h.deps.sqlite.prepare('select count(*) as n from feedback').get()).toEqual({ n: 2 })
    const manager = h.u.user(OWNER_ID)
    const closeAgain = async (yes: () => Promise<void>) => {
      h.clock.advance(2 * 24 * 3_600_000)
      await h.send(h.u.text(user, 'Ещё вопрос: можно поменять цвет?'))
      await h.send(h.u.staffText(manager, topicId, 'Да, поменяли'), h.u.staffText(manager, topicId, '/close'))
      await h.flush()
      await yes()
    }
    // Two days later, pressed: no ratings, thanks
    await closeAgain(() => h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)))
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.fake.lastTextTo(user.id)).toBe('Рады, что всё решили, Олег! Если что-то понадобится — пишите, мы рядом.')
    expect(h.fake.lastButtonsTo(user.id).some((b) => b.data?.startsWith('hrate:'))).toBe(false)
    // Typed, too
    await closeAgain(() => h.send(h.u.text(user, 'да, спасибо')))
    expect(h.fake.lastTextTo(user.id)).toBe('Рады, что всё решили, Олег! Если что-то понадобится — пишите, мы рядом.')
    // A score typed under that thanks, as they rated the last time, is no new request: a ❤ takes it
    const reactions = h.fake.callsOf('setMessageReaction').length
    await h.send(h.u.text(user, '5'))
    await h.flush()
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.fake.callsOf('setMessageReaction')).toHaveLength(reactions + 1)
    // A week after the rating: asked again
    h.clock.advance(4 * 24 * 3_600_000)
    await closeAgain(() => h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!)))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Спасибо, Олег! Оцените, пожалуйста, скорость ответа/)
    expect(h.errors()).toEqual([])
  })

  it('a score said on its scale in words ("2 из 5", "4 out of 5") is the rating, and opens no request', async () => {
    const { h, user, clientId } = await solved()
    await h.send(h.u.text(user, '2 из 5'))
    expect(h.fake.lastTextTo(user.id)).toBe('И качество помощи, от 1 до 5:')
    await h.send(h.u.text(user, '4 out of 5'))
    await h.drain()
    expect(h.deps.sqlite.prepare('select kind, score from feedback order by id').all()).toEqual([
      { kind: 'handoff_speed', score: 2 },
      { kind: 'handoff_quality', score: 4 },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('a good score with praise is the rating, its words shown in the topic; a low one with words, or a question, goes to the team', async () => {
    const { h, user, clientId, topicId } = await solved()
    await h.send(h.u.text(user, '5'))
    await h.send(h.u.text(user, '4 - great work'))
    await h.drain()
    expect(h.deps.sqlite.prepare('select kind, score from feedback order by id').all()).toEqual([
      { kind: 'handoff_speed', score: 5 },
      { kind: 'handoff_quality', score: 4 },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain('💬 К оценке клиент добавил: great work')
    // Long praise, or an exclamation, is praise too
    // …and a word to whoever reads it is nothing more said ("5 stars mate" opened a request)
    for (const typed of [
      '5, всё супер, большое спасибо вам',
      '5, как быстро!',
      '5 - great work, thank you so much',
      '5 stars mate',
      // A star of the team, and a kiss: praise (it opened a request, then a week of apologies and alerts)
      '5 - Priya is a star x',
      '5, вы лучшие, всем рекомендую',
      // Praise in a face, with no word of it
      '5 stars! bike rides like new 😍',
    ]) {
      const praised = await solved()
      await praised.h.send(praised.h.u.text(praised.user, typed))
      expect(praised.h.deps.services.handoff.isOpen(praised.clientId), typed).toBe(false)
      // No "the client added: mate" in the topic
      expect(praised.h.fake.textsTo(STAFF_GROUP_ID, praised.topicId).join('\n'), typed).not.toContain('mate')
      expect(praised.h.errors()).toEqual([])
    }
    // The same words typed with both ratings: shown once (they were posted twice, around the scores)
    const twice = await solved()
    await twice.h.send(twice.h.u.text(twice.user, '5, вы лучшие'))
    await twice.h.send(twice.h.u.text(twice.user, '5, вы лучшие'))
    await twice.h.drain()
    const words = twice.h.fake.textsTo(STAFF_GROUP_ID, twice.topicId).filter((t) => t.includes('вы лучшие'))
    expect(words).toEqual(['💬 К оценке клиент добавил: вы лучшие'])
    expect(twice.h.deps.sqlite.prepare('select kind, score, comment from feedback order by id').all()).toEqual([
      { kind: 'handoff_speed', score: 5, comment: 'вы лучшие' },
      { kind: 'handoff_quality', score: 5, comment: 'вы лучшие' },
    ])
    // A low score with words, words that ask, a "but", a manager asked for: the team's
    for (const typed of [
      '2, медленно',
      '5, а когда будет готово',
      '4, но есть вопрос',
      '5, позовите менеджера',
      // A glad face beside a request or a "not" is no praise
      '4, refund please 👍',
      '4 - not good 👍',
    ]) {
      const other = await solved()
      await other.h.send(other.h.u.text(other.user, typed))
      expect(other.h.deps.services.handoff.isOpen(other.clientId), typed).toBe(true)
    }
    // …and a low one is the rating as well: its score counts, its question shows it (it was lost,
    // and the question stayed waiting under the complaint)
    const slow = await solved()
    await slow.h.send(slow.h.u.text(slow.user, '2, you took ages tbh'))
    await slow.h.drain()
    expect(slow.h.deps.sqlite.prepare('select kind, score, comment from feedback').all()).toEqual([
      { kind: 'handoff_speed', score: 2, comment: 'you took ages tbh' },
    ])
    const shown = [...slow.h.fake.emulator.chat(slow.user.id).messages.values()].map((m) => m.message.text ?? '')
    expect(shown.filter((t) => /от 1 до 5:\n\n✔️ 2$/.test(t))).toHaveLength(1)
    expect(slow.h.fake.textsTo(STAFF_GROUP_ID, slow.topicId).join('\n')).not.toContain('К оценке клиент добавил')
    expect(h.errors()).toEqual([])
  })

  it('a rating said in a word is that mark, as at school: "хорошо" a four, "Всё отлично, спасибо!" a five; "не очень" is words for the team', async () => {
    const { h, user, clientId } = await solved()
    await h.send(h.u.text(user, 'хорошо'))
    expect(h.fake.lastTextTo(user.id)).toBe('И качество помощи, от 1 до 5:')
    await h.send(h.u.text(user, 'Всё отлично, спасибо!'))
    await h.drain()
    const scores = h.deps.sqlite.prepare('select kind, score from feedback order by id').all()
    expect(scores).toEqual([
      { kind: 'handoff_speed', score: 4 },
      { kind: 'handoff_quality', score: 5 },
    ])
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(false)
    // Hedged, or said as people say a middling one: the rating, no new request
    const hedged = await solved()
    const before = hedged.h.fake.textsTo(hedged.user.id).length
    await hedged.h.send(hedged.h.u.text(hedged.user, 'на 4 наверно'), hedged.h.u.text(hedged.user, 'meh'))
    await hedged.h.drain()
    expect(hedged.h.deps.sqlite.prepare('select kind, score from feedback order by id').all()).toEqual([
      { kind: 'handoff_speed', score: 4 },
      { kind: 'handoff_quality', score: 3 },
    ])
    expect(hedged.h.deps.services.handoff.isOpen(hedged.clientId)).toBe(false)
    const after = hedged.h.fake.textsTo(hedged.user.id).slice(before)
    expect(after.some((t) => t.includes('передаю вас менеджеру'))).toBe(false)
    // A mark leading praise: the rating, the words shown in the topic
    const praised = await solved()
    await praised.h.send(praised.h.u.text(praised.user, 'Отлично, всё быстро'))
    await praised.h.flush()
    expect(praised.h.fake.lastTextTo(praised.user.id)).toBe('И качество помощи, от 1 до 5:')
    expect(praised.h.fake.textsTo(STAFF_GROUP_ID, praised.topicId)).toContain('💬 К оценке клиент добавил: всё быстро')
    const vague = await solved()
    await vague.h.send(vague.h.u.text(vague.user, 'не очень'))
    expect(vague.h.deps.services.handoff.isOpen(vague.clientId)).toBe(true)
    expect(vague.h.deps.sqlite.prepare('select count(*) as n from feedback').get()).toEqual({ n: 0 })
    expect(h.errors()).toEqual([])
  })

  it('a score of another scale, typed over a week after the question or after a manager wrote again, is no rating', async () => {
    const { h, user, clientId } = await solved()
    await h.send(h.u.text(user, '9/10'))
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(h.errors()).toEqual([])
    const later = await solved()
    later.h.clock.advance(8 * 86_400_000)
    await later.h.send(later.h.u.text(later.user, '5'))
    expect(later.h.deps.services.handoff.isOpen(later.clientId)).toBe(true)
    expect(later.h.errors()).toEqual([])
    // The manager asks something after the close: "5" answers them, and reaches the topic
    const asked = await solved()
    await asked.h.send(asked.h.u.staffText(asked.h.u.user(MANAGER_ID), asked.topicId, 'Сколько мест вам нужно?'))
    await asked.h.flush()
    await asked.h.send(asked.h.u.text(asked.user, '5'))
    expect(asked.h.deps.services.handoff.isOpen(asked.clientId)).toBe(true)
    expect(asked.h.deps.db.select().from(feedback).all()).toEqual([])
    expect(asked.h.errors()).toEqual([])
  })

  it('each rating question keeps the score chosen under it, as a quiz question keeps its answer', async () => {
    const h = createHarness()
    const { user, topicId, manager } = await setUp(h)
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    // The question as the client has it in the chat now
    const onScreen = (id: number) => h.fake.emulator.chats.get(user.id)?.messages.get(id)?.message
    const withButton = (n: number) => {
      const data = h.fake.lastButtonsTo(user.id)[n]!.data!
      return { data, id: h.fake.messageWithButton(user.id, data)! }
    }
    await h.send(h.u.callback(user, withButton(0).data))
    const speed = withButton(4)
    await h.send(h.u.callback(user, speed.data))
    expect(onScreen(speed.id)).toMatchObject({
      text: 'Спасибо, Олег! Оцените, пожалуйста, скорость ответа от 1 до 5:\n\n✔️ 5',
    })
    expect(onScreen(speed.id)?.reply_markup).toBeUndefined()
    // The next question comes below it, with its own buttons
    const quality = withButton(3)
    expect(quality.id).not.toBe(speed.id)
    await h.send(h.u.callback(user, quality.data))
    expect(onScreen(quality.id)).toMatchObject({ text: 'И качество помощи, от 1 до 5:\n\n✔️ 4' })
    expect(onScreen(quality.id)?.reply_markup).toBeUndefined()
    // The thanks (then the news question, asked once more in the menu's place)
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Спасибо за оценку')
  })

  it('"yes" pressed on the question while it is the last message: the speed rating takes its place', async () => {
    const h = createHarness()
    const { user, topicId, manager } = await setUp(h)
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.flush()
    const yes = h.fake.lastButtonsTo(user.id)[0]!.data!
    const asked = h.fake.messageWithButton(user.id, yes)!
    const sent = h.fake.sentTo(user.id).length
    await h.send(h.u.callback(user, yes))
    // An edit, nothing new in the chat: the client is looking at that very message
    expect(h.fake.sentTo(user.id)).toHaveLength(sent)
    expect(h.fake.messageWithButton(user.id, 'hrate:1:speed:1')).toBe(asked)
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(asked)?.message.text).toBe(
      'Спасибо, Олег! Оцените, пожалуйста, скорость ответа от 1 до 5:',
    )
  })

  it('"yes" pressed on the question after another message came below it: the speed rating comes at the bottom, the question keeps the answer', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID)
    const user = h.u.user(1103, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/start'))
    // A call booked for 17:00 Moscow: its reminder comes at 16:00 (13:00 UTC)
    await book(h, user, { day: '2026-11-23', slot: '2026-11-23T14:00Z' })
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const { topicId } = findClientByTelegramId(h.deps.db, user.id)!
    await h.send(h.u.staffText(h.u.user(MANAGER_ID, { first_name: 'Света' }), topicId!, '/close'))
    await h.flush()
    const yes = h.fake.lastButtonsTo(user.id)[0]!.data!
    const asked = h.fake.messageWithButton(user.id, yes)!
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(asked)?.message.text).toBe('Анна, ваш вопрос решён?')

    h.clock.set('2026-11-23T13:00Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    const reminder = h.fake.sentTo(user.id).at(-1)
    expect(reminder?.payload.text).toContain('напоминаю о звонке')

    await h.send(h.u.callback(user, yes))
    // The speed question is a new message below the reminder, with its buttons: Telegram
    // notifies of it, and it is where the client looks next
    const speed = h.fake.sentTo(user.id).at(-1)
    expect(speed?.method).toBe('sendMessage')
    expect(speed?.payload.text).toBe('Спасибо, Анна! Оцените, пожалуйста, скорость ответа от 1 до 5:')
    expect(buttonsOf(speed?.payload).map((b) => b.text)).toEqual(['1', '2', '3', '4', '5'])
    const speedId = h.fake.messageWithButton(user.id, buttonsOf(speed?.payload)[0]!.data!)!
    expect(speedId).toBeGreaterThan(asked + 1)
    // The question up the chat keeps the answer given under it and cannot be pressed again
    const question = h.fake.emulator.chats.get(user.id)?.messages.get(asked)?.message
    expect(question?.text).toBe('Анна, ваш вопрос решён?\n\n✔️ Да, решён')
    expect(question?.reply_markup).toBeUndefined()

    // The rating goes on as ever: the quality question follows the speed
    await h.send(h.u.callback(user, buttonsOf(speed?.payload)[4]!.data!))
    expect(h.fake.lastTextTo(user.id)).toContain('качество помощи')
    expect(h.errors()).toEqual([])
  })

  it('no → stays open and the topic is alerted; the client can write on', async () => {
    const h = createHarness()
    const { user, clientId, topicId, manager } = await setUp(h)
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.drain()
    const no = h.fake.lastButtonsTo(user.id)[1]!
    const asked = h.fake.messageWithButton(user.id, no.data!)!
    await h.send(h.u.callback(user, no.data!))
    expect(h.fake.lastTextTo(user.id)).toContain('менеджер продолжит')
    // The question keeps the answer chosen under it, as a rating does, and loses its buttons
    const question = h.fake.emulator.chats.get(user.id)?.messages.get(asked)?.message
    expect(question?.text).toBe('Олег, ваш вопрос решён?\n\n✔️ Нет, ещё нет')
    expect(question?.reply_markup).toBeUndefined()
    // They are with the manager already: the menu, no "Ask a manager" beside it
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:main'])
    expect(h.deps.services.handoff.current(clientId)?.status).toBe('open')
    await h.send(h.u.text(user, 'Не пришёл макет'))
    await h.drain()
    const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(texts).toContain('⚠️ Клиент ответил, что вопрос НЕ решён — продолжите, пожалуйста.')
    expect(h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)?.method).toBe('copyMessage')
    // A second press of an answered question is stale
    await h.send(h.u.callback(user, no.data!))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
  })

  it('"всё плохо" or "ничего не решили" typed under the question is the client’s No, not words written without answering', async () => {
    for (const said of ['всё плохо', 'Ничего не решили', "didn't help"]) {
      const h = createHarness()
      const { user, topicId, manager } = await setUp(h)
      await h.send(h.u.staffText(manager, topicId, '/close'))
      await h.drain()
      await h.send(h.u.text(user, said))
      await h.drain()
      expect(h.fake.lastTextTo(user.id), said).toContain('менеджер продолжит')
      const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
      expect(
        texts.some((t) => t.startsWith('⚠️ Клиент ответил, что вопрос НЕ решён — продолжите, пожалуйста.')),
        said,
      ).toBe(true)
      expect(
        texts.some((t) => t.includes('не ответив на «Вопрос решён?»')),
        said,
      ).toBe(false)
      expect(h.errors()).toEqual([])
    }
  })

  it('/close without an open request says so', async () => {
    const h = createHarness()
    const { user, topicId, manager } = await setUp(h)
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.drain()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await h.drain()
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe('У клиента нет открытого запроса.')
  })
})

describe('staff tools in the topic', () => {
  it('someone removed from the team leads nobody: the card says no manager is assigned', async () => {
    const h = createHarness()
    const { topicId, manager } = await setUp(h)
    await h.send(h.u.staffText(manager, topicId, '/assign'))
    await h.drain()
    expect(cardEdits(h).at(-1)).toContain('👤 ведёт: Света')
    h.deps.services.staff.remove(MANAGER_ID)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
    await h.drain()
    // (the topic's notice that they left starts with 👤 too)
    const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.startsWith('👤') && t.includes('\n'))
    expect(card).toContain('👤 менеджер не назначен')
    expect(card).not.toContain(`id ${MANAGER_ID}`)
  })

  it('/assign by id names someone the bot has not seen write yet by their Telegram name, not "id …", and tells them', async () => {
    const h = createHarness()
    const { topicId, manager } = await setUp(h)
    // The owner from the settings, in the group, who has written nothing yet
    h.fake.emulator.addUser({ id: OWNER_ID, first_name: 'Ольга', last_name: 'Смирнова' })
    h.fake.emulator.chat(STAFF_GROUP_ID).members.set(OWNER_ID, 'member')
    await h.send(h.u.staffText(manager, topicId, `/assign ${OWNER_ID}`))
    await h.drain()
    // Handed to a colleague: the notice mentions her, so Telegram tells her
    // …and what the client waits for
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      `👤 <a href="tg://user?id=${OWNER_ID}">Ольга Смирнова</a>, клиента передали вам — теперь его ведёте вы. Кто передал: Света.\n⏳ клиент ждёт ответа с 12:00, ответить до 12:15`,
    )
    expect(cardEdits(h).at(-1)).toContain('👤 ведёт: Ольга Смирнова')
    // Handed to her again: nothing changes, and she is not mentioned a second time
    const before = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(h.u.staffText(manager, topicId, `/assign ${OWNER_ID}`))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(before)).toEqual([
      'Этого клиента уже ведёт Ольга Смирнова — ничего не изменилось.',
    ])
    // She leads the client and sends a bare /assign: she likely meant to hand them over, and reads how
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', last_name: 'Смирнова' })
    await h.send(h.u.staffText(owner, topicId, '/assign'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      'Этого клиента уже ведёт Ольга Смирнова — ничего не изменилось.\nПередать клиента коллеге: ответьте /assign на его сообщение или напишите /assign и его имя, как на карточке, @ник или id. Просто /assign — взять клиента себе.',
    )
    expect(h.errors()).toEqual([])
  })

  it('/assign by name finds an owner from the settings once she wrote in the group, and a manager who wrote only to the bot; the team lists them by name', async () => {
    const database = createTestDb()
    // Every statement naming the team's table, counted from the start (the role lookup is prepared at start-up)
    const staffStatements: string[] = []
    aroundStatements(database.sqlite, (source, method, execute) => {
      if (/\bstaff\b/.test(source.replace(/former_staff/g, ''))) staffStatements.push(`${method} ${source}`)
      return execute()
    })
    const h = createHarness({ database, config: { DEFAULT_LOCALE: 'en' } })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID)
    const maria = h.u.user(MANAGER_ID, { first_name: 'Maria', language_code: 'en' })
    const client = h.u.user(1201, { first_name: 'Priya', language_code: 'en' })
    await h.send(h.u.text(client, '/start'), h.u.text(client, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, client.id)!.topicId!
    const topic = () => h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    // The owner from the settings says good morning in the group's General topic, nowhere near a client
    const olga = h.u.user(OWNER_ID, { first_name: 'Olga', last_name: 'Smith', language_code: 'en' })
    await h.send(h.u.text(olga, 'Good morning, team', { chatId: STAFF_GROUP_ID }))
    await h.send(h.u.staffText(maria, topicId, '/assign Somebody'))
    await h.drain()
    expect(topic()).toBe(
      [
        `Nobody on the team is “Somebody”. The team: Maria (${MANAGER_ID}), Olga Smith (${OWNER_ID}).`,
        'To hand the client to a colleague: reply /assign to their message, or write /assign and their name as the card shows it, their @username or id. /assign alone takes the client yourself.',
      ].join('\n'),
    )
    await h.send(h.u.staffText(maria, topicId, '/assign Olga'))
    await h.drain()
    expect(topic()).toBe(
      `👤 <a href="tg://user?id=${OWNER_ID}">Olga Smith</a>, this client was handed to you — you lead them now (handed over by Maria).\n⏳ waiting for an answer since 12:00, answer by 12:15`,
    )
    expect(h.deps.services.handoff.leadOf(findClientByTelegramId(h.deps.db, client.id)!.id)).toBe(OWNER_ID)

    // A manager added by id who has only pressed a button in their chat with the bot
    h.deps.services.staff.add(5_100_003, 'manager', OWNER_ID)
    const ivan = h.u.user(5_100_003, { first_name: 'Ivan', last_name: 'Petrov', language_code: 'en' })
    await h.send(h.u.callback(ivan, 'menu:main'))
    await h.send(h.u.staffText(maria, topicId, '/assign ivan petrov'))
    await h.drain()
    expect(topic()).toContain(`<a href="tg://user?id=5100003">Ivan Petrov</a>, this client was handed to you`)

    // A name stored follows their Telegram name: Olga, who took her husband's name in Telegram,
    // is renamed by her next message, one write; messages under the name as stored write nothing,
    // and a client's update reads nothing of the team's table (its rows are kept from their last
    // read until the next write to it)
    const writes = () => staffStatements.filter((s) => !/^(get|all) select /.test(s))
    staffStatements.length = 0
    const renamed = { ...olga, last_name: 'Brown' }
    await h.send(h.u.text(renamed, 'Lunch at one?', { chatId: STAFF_GROUP_ID }))
    expect(writes()).toEqual([expect.stringMatching(/^run update "staff" set "name" = \?/)])
    staffStatements.length = 0
    await h.send(h.u.text(renamed, 'Or at two', { chatId: STAFF_GROUP_ID }))
    await h.send(h.u.text(ivan, '/help'))
    expect(writes()).toEqual([])
    await h.send(h.u.staffText(maria, topicId, '/assign Nobody'))
    await h.drain()
    expect(topic()).toContain(`The team: Ivan Petrov (5100003), Maria (${MANAGER_ID}), Olga Brown (${OWNER_ID}).`)
    staffStatements.length = 0
    await h.send(h.u.text(client, 'Hello?'))
    expect(staffStatements).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('/assign to a team member who is not in the staff group hands the client over and says they see nothing there', async () => {
    const h = createHarness()
    const { clientId, topicId, manager } = await setUp(h)
    // Added to the team by the owner, never added to the group
    h.deps.services.staff.add(5_000_303, 'manager', OWNER_ID)
    h.fake.emulator.addUser({ id: 5_000_303, first_name: 'Ирина' })
    await h.send(h.u.staffText(manager, topicId, '/assign 5000303'))
    await h.drain()
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(5_000_303)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      [
        '👤 <a href="tg://user?id=5000303">Ирина</a>, клиента передали вам — теперь его ведёте вы. Кто передал: Света.',
        '⏳ клиент ждёт ответа с 12:00, ответить до 12:15',
        '⚠️ Ирина не состоит в этой рабочей группе: не видит ни темы клиента, ни оповещений в ней. Добавьте в группу — или передайте клиента тому, кто в ней есть.',
      ].join('\n'),
    )
    // One Telegram does not know in the group at all ("user not found"): warned the same way
    h.deps.services.staff.add(5_000_304, 'manager', OWNER_ID, 'Олег')
    await h.send(h.u.staffText(manager, topicId, '/assign 5000304'))
    await h.drain()
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(5_000_304)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('⚠️ Олег не состоит в этой рабочей группе')
    // Once in the group, no warning
    h.fake.emulator.chat(STAFF_GROUP_ID).members.set(5_000_303, 'member')
    await h.send(h.u.staffText(manager, topicId, '/assign'), h.u.staffText(manager, topicId, '/assign Ирина'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).not.toContain('⚠️')
    expect(h.errors()).toEqual([])
  })

  it('claim button and /assign set the manager shown on the card and to the client', async () => {
    const h = createHarness()
    const { user, clientId, topicId, manager } = await setUp(h)
    await h.send(h.u.callback(manager, 'hclaim:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Клиент ваш.')
    await h.drain()
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain('ведёт: Света')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe('👤 Клиента ведёт Света.')
    // The client asking again learns who answers
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вашим вопросом займётся Света')

    // A colleague pressing an old claim button does not take the client away
    await h.send(h.u.callback(h.u.user(OWNER_ID), 'hclaim:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('Клиента уже ведёт Света')
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(MANAGER_ID)

    const stranger = h.u.user(1103)
    await h.send(h.u.callback(stranger, 'hclaim:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({ show_alert: true })

    await h.send(h.u.staffText(manager, topicId, `/assign ${OWNER_ID}`))
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(OWNER_ID)
    // Replying /assign to a colleague's message hands the client to them
    const colleague = h.u.staffText(manager, topicId, 'Я на связи')
    await h.send(colleague)
    await h.send(
      h.u.staffText(h.u.user(OWNER_ID), topicId, '/assign', {
        replyTo: colleague.message!.message_id,
        replyFrom: manager,
      }),
    )
    expect(h.deps.services.handoff.current(clientId)?.managerId).toBe(MANAGER_ID)
    await h.send(h.u.staffText(manager, topicId, `/assign ${OWNER_ID}`))
    await h.send(h.u.staffText(manager, topicId, '/assign 424242'))
    await h.drain()
    // Not on the team: the team to pick from, as for a name not found
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(
      /^«424242» — такого человека в команде нет\. Команда: .*Света \(\d+\)/,
    )
    expect(findClientByTelegramId(h.deps.db, user.id)?.managerId).toBe(OWNER_ID)
    // Света takes the client back with a bare /assign: the owner, who led them, is told by name
    await h.send(h.u.staffText(manager, topicId, '/assign'))
    await h.drain()
    const taken = h.fake.sentTo(STAFF_GROUP_ID).at(-1)
    expect(taken?.payload.text).toBe(
      `👤 Клиента теперь ведёт Света. До этого — <a href="tg://user?id=${OWNER_ID}">User${OWNER_ID}</a>.`,
    )
    expect(findClientByTelegramId(h.deps.db, user.id)?.managerId).toBe(MANAGER_ID)
  })

  it('a manager who renamed themselves in Telegram is named anew from their next message: to the client, on the card, in /staff; never by their @username to a client', async () => {
    const h = createHarness()
    // Added by a forward of her message, under the name she had then
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Света')
    const user = h.u.user(1101, { first_name: 'Олег' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    const topicId = findClientByTelegramId(h.deps.db, user.id)!.topicId!
    const sveta = h.u.user(MANAGER_ID, { first_name: 'Света', username: 'sveta_sales' })
    await h.send(h.u.callback(sveta, 'hclaim:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.drain()
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вашим вопросом займётся Света.')

    // She changes her name in Telegram, then writes in the topic
    const svetlana = { ...sveta, first_name: 'Светлана', last_name: 'Орлова' }
    await h.send(h.u.staffText(svetlana, topicId, 'Добрый день! Смотрю ваш вопрос'))
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вашим вопросом займётся Светлана Орлова.')
    await h.send(h.u.staffText(svetlana, topicId, '/card'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('👤 ведёт: Светлана Орлова')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/staff'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(`Светлана Орлова (${MANAGER_ID})`)
    // The client reads her name, never her @username
    expect(h.fake.textsTo(user.id).join('\n')).not.toContain('sveta_sales')
    expect(h.errors()).toEqual([])
  })

  it('/tag adds and removes tags, /card re-posts the card, non-staff are refused', async () => {
    const h = createHarness()
    const { topicId, clientId, manager } = await setUp(h)
    await h.send(h.u.staffText(manager, topicId, '/tag vip опт #срочно'))
    await h.send(h.u.staffText(manager, topicId, '/tag -опт'))
    expect(h.deps.services.handoff.tags(clientId)).toEqual(['vip', 'срочно'])
    await h.send(h.u.staffText(manager, topicId, '/tag Bad Tag!'))
    await h.drain()
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Сейчас: #vip #срочно')
    // A doubled minus, or a tag the client does not have: no 👌 for nothing done, the tags as they are
    const reactions = h.fake.callsOf('setMessageReaction').length
    await h.send(h.u.staffText(manager, topicId, '/tag --vip'), h.u.staffText(manager, topicId, '/tag -опт'))
    await h.drain()
    expect(h.fake.callsOf('setMessageReaction')).toHaveLength(reactions)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(-2)).toEqual([
      expect.stringContaining('/tag vip опт — добавить теги'),
      'Теги не изменились. Сейчас: #vip #срочно',
    ])
    expect(h.deps.services.handoff.tags(clientId)).toEqual(['vip', 'срочно'])
    expect(h.fake.callsOf('editMessageText').at(-1)?.payload.text).toContain('🏷 #vip #срочно')

    const pinsBefore = h.fake.callsOf('pinChatMessage').length
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await h.drain()
    expect(h.fake.callsOf('pinChatMessage')).toHaveLength(pinsBefore + 1)
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('<b>Олег</b>')

    for (const command of ['/tag x', '/assign', '/card', '/note x', '/close']) {
      await h.send(h.u.staffText(h.u.user(1104), topicId, command))
      await h.drain()
      expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('только для сотрудников')
    }
    expect(h.deps.services.handoff.tags(clientId)).toEqual(['vip', 'срочно'])
  })

  it('/tag answers with the client tags even when they are hundreds: the first ones and how many more', async () => {
    const h = createHarness()
    const { topicId, clientId, manager } = await setUp(h)
    const tag = (i: number) => `long_tag_for_a_very_careful_${String(i).padStart(3, '0')}`
    for (let from = 0; from < 300; from += 100) {
      const words = Array.from({ length: 100 }, (_, i) => tag(from + i)).join(' ')
      await h.send(h.u.staffText(manager, topicId, `/tag ${words}`))
    }
    const tags = h.deps.services.handoff.tags(clientId)
    expect(tags).toHaveLength(300)
    await h.drain()
    await h.send(h.u.staffText(manager, topicId, '/tag -nothere'))
    await h.drain()
    // (The card, cut to what one message holds, comes out the same after the second hundred: "not modified")
    const tooLong = h.fake.calls.filter((c) => !c.ok && /too long/.test(c.error?.description ?? ''))
    expect(tooLong).toEqual([])
    const answer = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    const shown = /^Теги не изменились\. Сейчас: (.+?) и ещё ([\d\s]+)$/u.exec(answer)
    expect(shown).not.toBeNull()
    const listed = (shown?.[1] ?? '').split(' ')
    expect(listed.slice(0, 2)).toEqual([`#${tags[0]}`, `#${tags[1]}`])
    expect(listed.length + Number((shown?.[2] ?? '').replace(/\s/g, ''))).toBe(300)
  })

  it('the card shows what other features stored: answers, quiz, bookings, orders, ratings, follow-ups', async () => {
    const h = createHarness()
    const { clientId } = await setUp(h)
    const now = h.clock.now()
    const db = h.deps.sqlite
    db.prepare(
      "insert into answers (client_id, kind, question_key, value, created_at, updated_at) values (?, 'discovery', 'budget', '\"60_150\"', ?, ?)",
    ).run(clientId, now, now)
    db.prepare(
      "insert into answers (client_id, kind, question_key, value, created_at, updated_at) values (?, 'discovery', 'priorities', '[\"price\",\"speed\"]', ?, ?)",
    ).run(clientId, now, now)
    db.prepare(
      'insert into quiz_results (client_id, answers, ranking, outcome, created_at) values (?, \'{}\', \'[{"productId":"landing","score":7}]\', \'match\', ?)',
    ).run(clientId, now)
    db.prepare(
      "insert into bookings (client_id, slot_start, slot_end, phone, created_at, updated_at) values (?, ?, ?, '+79990001122', ?, ?)",
    ).run(clientId, now + 86_400_000, now + 86_400_000 + 1_800_000, now, now)
    db.prepare(
      "insert into orders (client_id, amount, currency, status, created_at) values (?, 4500000, 'RUB', 'unpaid', ?)",
    ).run(clientId, now)
    db.prepare(
      "insert into jobs (kind, run_at, client_id, created_at, updated_at) values ('payment_reminder', ?, ?, ?, ?)",
    ).run(now + 3_600_000, clientId, now, now)
    h.deps.services.handoff.refreshCard(clientId)
    await h.drain()
    const edit = h.fake.callsOf('editMessageText').at(-1)
    // the card pinned in the client's topic is the one brought up to date
    const pinned = h.fake.callsOf('pinChatMessage').filter((c) => c.payload.chat_id === STAFF_GROUP_ID)
    expect(pinned.map((c) => c.payload.message_id)).toContain(edit?.payload.message_id)
    const card = edit?.payload.text as string
    expect(card).toContain('<b>Олег</b>')
    expect(card).toContain('Определён ли бюджет? В каких рамках?: <b>60–150 тыс. ₽</b>')
    expect(card).toContain('<b>Цена, Сроки</b>')
    expect(card).toContain('Квиз')
    expect(card).toContain('Лендинг под ключ (7 баллов)')
    expect(card).toContain('+7 999 000 11 22')
    expect(card).toMatch(/45\s000\s₽ — не оплачен/)
    expect(card).toContain('payment_reminder')
  })
})

describe('the card follows what the client answers during a request', () => {
  it('an answer changed with "Edit" after the summary: one edit of the card brings the new answer', async () => {
    const h = createHarness()
    const { user } = await setUp(h)
    await answerDemoDiscovery(h, user)
    await h.flush()
    expect(cardEdits(h).at(-1)).toContain('Определён ли бюджет? В каких рамках?: <b>60–150 тыс. ₽</b>')
    const edits = cardEdits(h).length

    await press(h, user, 'Исправить')
    await press(h, user, 'Определён ли бюджет')
    await press(h, user, '150–300')
    expect(h.fake.lastTextTo(user.id)).toContain('150–300 тыс. ₽') // the client's summary
    await h.flush()
    expect(cardEdits(h)).toHaveLength(edits + 1)
    expect(cardEdits(h).at(-1)).toContain('Определён ли бюджет? В каких рамках?: <b>150–300 тыс. ₽</b>')
  })

  it('an option the client rejects with 👎 reaches the card, and 👍 after it takes it off', async () => {
    const h = createHarness()
    const { user } = await setUp(h)
    await h.send(h.u.callback(user, 'menu:quiz'))
    for (const label of ['Собирать заявки', 'Одна страница', 'Срочно', 'до 60 тыс', 'Продвижение в поиске', 'Готово']) {
      await press(h, user, label)
    }
    await h.flush()
    expect(cardEdits(h).at(-1)).toContain('Лендинг под ключ')
    expect(cardEdits(h).at(-1)).not.toContain('👎')

    const resultId = h.deps.sqlite.prepare('select id from quiz_results where is_current = 1').pluck().get()
    await h.send(h.u.callback(user, `qv:${resultId}:landing:down`))
    await h.flush()
    expect(cardEdits(h).at(-1)).toContain('👎 отклонил: Лендинг под ключ')
    await h.send(h.u.callback(user, `qv:${resultId}:landing:up`))
    await h.flush()
    expect(cardEdits(h).at(-1)).not.toContain('👎')
  })

  it('each answer reads as in the client’s summary: a skipped one as skipped, numbers and dates written out', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: area
      text: Площадь, м²?
      type: number
    - key: start
      text: Когда начать?
      type: date
    - key: examples
      text: Примеры, которые нравятся?
      type: text
      required: false
`),
    })
    const { user } = await setUp(h)
    await h.send(h.u.callback(user, 'menu:discovery'), h.u.text(user, '1250,5'), h.u.text(user, '1.3.2026'))
    await press(h, user, 'Пропустить')
    const summary = h.fake.lastTextTo(user.id)
    expect(summary).toMatch(/<b>Площадь, м²\?<\/b>\n1\s250,5\n/)
    expect(summary).toContain('<b>Когда начать?</b>\n1 марта 2026 г.\n')
    expect(summary).toContain('<b>Примеры, которые нравятся?</b>\n— (пропущено)')
    await h.flush()
    const card = cardEdits(h).at(-1) ?? ''
    expect(card).toMatch(/• Площадь, м²\?: <b>1\s250,5<\/b>/)
    expect(card).toContain('• Когда начать?: <b>1 марта 2026 г.</b>')
    expect(card).toContain('• Примеры, которые нравятся?: — (пропущено)')
  })
})

describe('notes written as captions', () => {
  it('a photo captioned "// …" stays in the topic as a note and never reaches the client', async () => {
    const h = createHarness()
    const { user, topicId, manager } = await setUp(h)
    const before = h.fake.sentTo(user.id).length
    await h.send(
      h.u.photo(manager, { chatId: STAFF_GROUP_ID, threadId: topicId, caption: '// скрин договора, клиенту не слать' }),
    )
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    expect(h.fake.callsOf('copyMessage').filter((c) => c.payload.chat_id === user.id)).toEqual([])
  })
})

describe('a manager removed from the team', () => {
  const SVETA = 5_100_002
  /** Светлана, on the team, answers Анна's first request (so she leads her). */
  async function svetaAnswersAnna() {
    const h = createHarness()
    h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
    const sveta = h.u.user(SVETA, { first_name: 'Светлана' })
    const anna = h.u.user(7001, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, '/manager'))
    await settle(h)
    const topicId = findClientByTelegramId(h.deps.db, anna.id)?.topicId as number
    await h.send(h.u.staffText(sveta, topicId, 'Здравствуйте!'))
    return { h, sveta, anna, topicId }
  }

  it("leads nobody: the client's next request is the team's, a colleague takes it, nobody gone is promised", async () => {
    const { h, sveta, anna, topicId } = await svetaAnswersAnna()
    const OLEG = 5_100_003
    h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
    const oleg = h.u.user(OLEG, { first_name: 'Олег' })
    // Sveta led Anna's first request; then it is closed
    await h.send(h.u.staffText(sveta, topicId, '/close force решили по телефону'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, anna.id)!
    expect(client.managerId).toBe(SVETA)
    expect(h.deps.services.staff.remove(SVETA)).toBe(true)

    h.clock.advance(7 * 24 * 3600_000)
    await h.send(h.u.text(anna, '/manager'))
    await settle(h)
    expect(h.fake.lastTextTo(anna.id)).not.toContain(String(SVETA))
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBeNull()
    await h.send(h.u.callback(oleg, `hclaim:${client.id}`, { chatId: STAFF_GROUP_ID, messageId: 1 }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).not.toContain('уже ведёт')
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(OLEG)
  })

  it('the open request they led is free at once: the topic says so with the take button, and the card has it too', async () => {
    const { h, topicId } = await svetaAnswersAnna()
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, 7001)!
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)
    expect(h.deps.services.staff.remove(SVETA)).toBe(true)
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBeNull()

    const posts = h.fake.sentTo(STAFF_GROUP_ID, topicId)
    const notice = posts.findLast((c) => String(c.payload.text).includes('больше не в команде'))
    expect(notice?.payload.text).toBe('👤 Светлана больше не в команде — клиента никто не ведёт. Возьмите его:')
    expect(buttonsOf(notice?.payload)).toEqual([{ text: '🙋 Беру клиента', data: `hclaim:${client.id}` }])
    const card = h.deps.services.handoff.topics.card(client.id)
    const shown = card && h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(card.messageId)
    expect(shown?.message.text).not.toContain('Светлана')
    expect(buttonsOf({ reply_markup: shown?.message.reply_markup } as never).map((b) => b.text)).toContain(
      '🙋 Беру клиента',
    )
  })

  it('keeps their name on what they did: their notes on the card, their line in /stats', async () => {
    const { h, sveta, topicId } = await svetaAnswersAnna()
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    await h.send(h.u.staffText(sveta, topicId, '// просила перезвонить после 18'))
    await settle(h)
    expect(h.deps.services.staff.remove(SVETA)).toBe(true)

    await h.send(h.u.staffText(owner, topicId, '/card'))
    await settle(h)
    const card = h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.includes('просила перезвонить'))
    expect(card).toContain('Светлана: просила перезвонить после 18')
    await h.send(h.u.text(owner, '/stats 7d'))
    const stats = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней'))
    expect(stats).toContain('Светлана')
    expect(stats).not.toContain(String(SVETA))
    // Back on the team under another name: what they did reads the name they have now
    h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Света Иванова')
    await h.send(h.u.staffText(owner, topicId, '/card'))
    await settle(h)
    const again = h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.includes('просила перезвонить'))
    expect(again).toContain('Света Иванова: просила перезвонить после 18')
  })

  it('a client again, they take that name with them when they erase their data: their notes then read "former team member", not their id', async () => {
    const { h, sveta, topicId } = await svetaAnswersAnna()
    await h.send(h.u.staffText(sveta, topicId, '// просила перезвонить после 18'))
    await settle(h)
    h.deps.services.staff.remove(SVETA)
    expect(h.deps.services.staff.nameOf(SVETA)).toBe('Светлана')
    await h.send(h.u.text(sveta, '/start'))
    await forgetData(h, sveta)
    await settle(h)
    expect(h.fake.lastTextTo(SVETA)).toContain('ваши данные удалены')
    expect(h.deps.services.staff.nameOf(SVETA)).toBeUndefined()

    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/card'))
    await settle(h)
    const card = h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.includes('просила перезвонить')) ?? ''
    expect(card).toContain('бывший сотрудник: просила перезвонить после 18')
    expect(card).not.toContain(String(SVETA))
  })
})
