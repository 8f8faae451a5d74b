import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { jobs } from '../../db/schema.ts'
import { NUDGE_JOB } from '../../src/services/nudges.ts'
import { book, bookingsOf, noFreeTimeContent, reachConfirm, slotData } from '../helpers/booking.ts'
import { contentFrom, latestButtons, press } from '../helpers/flows.ts'
import { createHarness, forgetData, type Harness } from '../helpers/harness.ts'
import { QUIZ_YAML } from '../helpers/quiz-content.ts'
import type { TestUser } from '../helpers/updates.ts'

const MINUTE = 60_000

function nudges(h: Harness, user: TestUser) {
  const client = findClientByTelegramId(h.deps.db, user.id)
  return h.deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, NUDGE_JOB.kind), eq(jobs.clientId, client?.id ?? -1)))
    .orderBy(jobs.id)
    .all()
}

/** The nudges a client got: with answers ("Ответы сохранены") or none yet ("…Продолжим?"). */
const nudgeTexts = (h: Harness, user: TestUser) =>
  h.fake.textsTo(user.id).filter((t) => /Ответы сохранены|[Пп]родолжим\?/.test(t))

/** A client who picked Monday's time `slot` (the fake clock: Monday 23 November, 12:00) and stopped at the phone. */
async function stoppedAtPhone(id: number, slot: string) {
  const h = createHarness()
  const user = h.u.user(id)
  await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-23'))
  await h.send(h.u.callback(user, slotData(slot)))
  expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
  return { h, user }
}

describe('the nudge of an unfinished flow', () => {
  it('is armed when discovery starts, moves with every answer, is sent once about 2 hours after the client stops', async () => {
    // Monday 12:00 in Moscow, inside working hours
    const h = createHarness()
    const user = h.u.user(3101, { first_name: 'Анна' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    const [armed] = nudges(h, user)
    expect(armed).toMatchObject({
      status: 'pending',
      payload: { flow: 'discovery' },
      runAt: h.clock.now() + 120 * MINUTE,
    })
    expect(armed?.dedupeKey).toMatch(/^nudge:\d+:discovery:\d+:1$/)

    h.clock.advance(30 * MINUTE)
    await press(h, user, 'Поиск')
    expect(nudges(h, user)).toHaveLength(1)
    expect(nudges(h, user)[0]?.runAt).toBe(h.clock.now() + 120 * MINUTE)

    h.clock.advance(119 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toEqual([])
    h.clock.advance(2 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Анна, вы начали отвечать на вопросы, но мы не закончили. Ответы сохранены — продолжим с того же места? Это пара минут.',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:discovery', 'menu:manager'])
    expect(nudges(h, user)[0]?.status).toBe('done')

    // Continuing and stopping again in the same run: no second nudge
    await h.send(h.u.callback(user, 'menu:discovery'))
    await h.send(h.u.text(user, 'Сайт для автомастерской'))
    h.clock.advance(300 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toHaveLength(1)
    expect(nudges(h, user)).toHaveLength(1)

    // The button continues where they stopped
    await h.send(h.u.callback(user, 'menu:discovery'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 10')
  })

  it('a step in one flow moves the nudge of that flow only', async () => {
    const h = createHarness()
    const user = h.u.user(3107)
    await h.send(h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Собирать заявки')
    h.clock.advance(10 * MINUTE)
    // The newer nudge is another flow's
    await h.send(h.u.callback(user, 'menu:discovery'))
    const discoveryDue = h.clock.now() + 120 * MINUTE
    h.clock.advance(10 * MINUTE)
    await h.send(h.u.callback(user, 'menu:quiz'))
    const answer = latestButtons(h, user.id).find((b) => b.data && !b.data.startsWith('menu:'))
    await press(h, user, answer?.text ?? 'an answer button')
    expect(nudges(h, user).map((j) => [j.payload, j.status, j.runAt])).toEqual([
      [{ flow: 'quiz' }, 'pending', h.clock.now() + 120 * MINUTE],
      [{ flow: 'discovery' }, 'pending', discoveryDue],
    ])
  })

  it('one reminder of what was left unfinished: of the flow left last, and none again within a day', async () => {
    const h = createHarness()
    const user = h.u.user(3115, { first_name: 'Ирина' })
    // Discovery left after an answer; the quiz opened 44 seconds later and left too
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    h.clock.advance(44_000)
    await h.send(h.u.callback(user, 'menu:quiz'))
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    // One reminder: of the quiz, the flow the client was in last; discovery's waits for it
    expect(nudgeTexts(h, user)).toEqual(['Ирина, подбор займёт пару минут — продолжим?'])
    expect(nudges(h, user).map((j) => [j.payload, j.status])).toEqual([
      [{ flow: 'discovery' }, 'pending'],
      [{ flow: 'quiz' }, 'done'],
    ])
    // …and at its next look, with the quiz's gone out, is dropped
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toHaveLength(1)
    expect(nudges(h, user)[0]).toMatchObject({
      status: 'skipped',
      outcome: 'another unfinished flow was reminded of less than a day ago',
    })

    // Booking started and left an hour later: its reminder does not follow the same day
    h.clock.advance(60 * MINUTE)
    await h.send(h.u.text(user, '/book'))
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toHaveLength(1)
    expect(nudges(h, user).at(-1)).toMatchObject({ payload: { flow: 'booking' }, status: 'skipped' })
    expect(h.errors()).toEqual([])
  })

  it('a reminder put off for a flow the client went on to goes after all when they finish that one', async () => {
    const h = createHarness()
    const user = h.u.user(3116, { first_name: 'Ирина' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    // Nearly two hours later the quiz, still open when discovery's reminder comes up
    h.clock.advance(119 * MINUTE)
    await h.send(h.u.callback(user, 'menu:quiz'))
    h.clock.advance(2 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toEqual([])
    expect(nudges(h, user).map((j) => [j.payload, j.status])).toEqual([
      [{ flow: 'discovery' }, 'pending'],
      [{ flow: 'quiz' }, 'pending'],
    ])
    // The quiz is left with /cancel (no reminder for it): discovery's goes at its next look
    await h.send(h.u.text(user, '/cancel'))
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toEqual([
      'Ирина, вы начали отвечать на вопросы, но мы не закончили. Ответы сохранены — продолжим с того же места? Это пара минут.',
    ])
    expect(h.errors()).toEqual([])
  })

  it('is cancelled when the client finishes', async () => {
    const h = createHarness({ content: contentFrom(QUIZ_YAML) })
    const user = h.u.user(3102)
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Всё сразу')
    expect(nudges(h, user).map((j) => j.status)).toEqual(['pending'])
    await press(h, user, 'Быстро')
    await press(h, user, 'Готово')
    expect(nudges(h, user)[0]).toMatchObject({ status: 'cancelled', outcome: 'the client finished' })
    h.clock.advance(300 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('вы начали подбор'))).toEqual([])
  })

  it('is cancelled when the client says /cancel, in every flow; another menu button keeps it', async () => {
    const h = createHarness()
    const user = h.u.user(3108)
    await h.send(h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Собирать заявки')
    await h.send(h.u.text(user, '/cancel'))
    expect(h.fake.lastTextTo(user.id)).toContain('Хорошо')
    expect(nudges(h, user)[0]).toMatchObject({ status: 'cancelled', outcome: 'the client cancelled the flow' })

    // Left for the menu instead, the flow is only paused: its reminder stays
    await h.send(h.u.callback(user, 'menu:discovery'))
    await h.send(h.u.text(user, '/menu'))
    expect(nudges(h, user).map((j) => [(j.payload as { flow: string }).flow, j.status])).toEqual([
      ['quiz', 'cancelled'],
      ['discovery', 'pending'],
    ])
    h.clock.advance(300 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('вы начали подбор'))).toEqual([])
    // Nothing answered in that discovery: an invitation, no progress claimed
    expect(
      h.fake.textsTo(user.id).filter((t) => t.includes('ответьте, пожалуйста, на несколько вопросов — это пара минут')),
    ).toHaveLength(1)
  })

  it('starting the flow afresh cancels the old one and arms a new one with its own key', async () => {
    const h = createHarness({ content: contentFrom(QUIZ_YAML) })
    const user = h.u.user(3103)
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Всё сразу')
    await press(h, user, 'Ничего')
    await press(h, user, 'Готово')
    h.clock.advance(MINUTE)
    await h.send(h.u.text(user, '/quiz'))
    const [first, second] = nudges(h, user)
    expect(first?.status).toBe('cancelled')
    expect(second).toMatchObject({ status: 'pending', payload: { flow: 'quiz' } })
    expect(second?.dedupeKey).not.toBe(first?.dedupeKey)
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    // The new take has no answers yet (the finished take's are history): no progress claimed
    expect(h.fake.lastTextTo(user.id)).toContain('подбор займёт пару минут')
    expect(h.fake.lastButtonsTo(user.id)[0]?.data).toBe('menu:quiz')
  })

  it('claims no progress when the client answered nothing yet: "answers saved" only with answers', async () => {
    const h = createHarness({ content: contentFrom(QUIZ_YAML) })
    const anna = h.u.user(3111, { first_name: 'Анна' })
    const john = h.u.user(3112, { first_name: 'John', language_code: 'en' })
    // Opened the quiz and discovery, answered nothing
    await h.send(h.u.text(anna, '/quiz'), h.u.text(john, '/quiz'))
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(anna.id)).toBe('Анна, подбор займёт пару минут — продолжим?')
    // Named as the menu names it: "🎯 Find the right service"
    expect(h.fake.lastTextTo(john.id)).toBe(
      'John, finding the right service takes a couple of minutes — shall we go on?',
    )
    expect(h.fake.lastButtonsTo(anna.id).map((b) => b.data)).toEqual(['menu:quiz', 'menu:manager'])

    const demo = createHarness()
    const vera = demo.u.user(3113, { first_name: 'Вера' })
    await demo.send(demo.u.callback(vera, 'menu:discovery'))
    demo.clock.advance(121 * MINUTE)
    await demo.deps.scheduler.runDue()
    expect(demo.fake.lastTextTo(vera.id)).toBe(
      'Вера, ответьте, пожалуйста, на несколько вопросов — это пара минут. Продолжим?',
    )
    expect(demo.fake.lastButtonsTo(vera.id).map((b) => b.data)).toEqual(['menu:discovery', 'menu:manager'])

    // One answer given in a new run: the text says the answers are kept
    const oleg = h.u.user(3114, { first_name: 'Олег' })
    await h.send(h.u.text(oleg, '/quiz'))
    await press(h, oleg, 'Всё сразу')
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(oleg.id)).toBe(
      'Олег, вы начали подбор, но не закончили. Ответы сохранены — продолжим с того же места?',
    )
    const kate = h.u.user(3115, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(kate, '/quiz'))
    await press(h, kate, 'Всё сразу')
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(kate.id)).toBe(
      'Kate, you started finding the right service but did not finish. Your answers are saved — shall we continue where you stopped?',
    )
  })

  it('waits for working hours (outside quiet hours) in the business time zone', async () => {
    const h = createHarness()
    h.clock.set('2026-11-27T15:30:00Z') // Friday 18:30 in Moscow; Saturday opens 11:00
    const user = h.u.user(3104)
    await h.send(h.u.callback(user, 'menu:discovery'))
    h.clock.set('2026-11-27T17:31:00Z') // 20:31, closed
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toEqual([])
    expect(nudges(h, user)[0]).toMatchObject({ status: 'pending', runAt: Date.parse('2026-11-28T08:00:00Z') })
    h.clock.set('2026-11-28T08:00:00Z')
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, user)).toHaveLength(1)
    expect(nudges(h, user)[0]?.status).toBe('done')
  })

  it('waits for the client’s morning on their own clock once they gave it, and skips a client whose night is our whole day', async () => {
    const h = createHarness()
    // Monday 12:00 in Moscow: 04:00 for a client at UTC−5, 01:00 for one at UTC−8
    const west = h.u.user(3120)
    const farWest = h.u.user(3121)
    await h.send(h.u.text(west, '/timezone'), h.u.text(west, '4:00'))
    await h.send(h.u.text(farWest, '/timezone'), h.u.text(farWest, '1:00'))
    await h.send(h.u.callback(west, 'menu:discovery'))
    await h.send(h.u.callback(farWest, 'menu:discovery'))
    h.clock.set('2026-11-23T11:01:00Z') // 14:01 in Moscow, the nudges are due: 06:01 and 03:01 for them
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, west)).toEqual([])
    // 09:00 on their clock, 17:00 in Moscow
    expect(nudges(h, west)[0]).toMatchObject({ status: 'pending', runAt: Date.parse('2026-11-23T14:00:00Z') })
    // Moscow's 10:00–19:00 is 23:00–08:00 at UTC−8: no working hour is their daytime
    expect(nudgeTexts(h, farWest)).toEqual([])
    expect(nudges(h, farWest)[0]).toMatchObject({ status: 'skipped' })
    h.clock.set('2026-11-23T14:00:00Z')
    await h.deps.scheduler.runDue()
    expect(nudgeTexts(h, west)).toHaveLength(1)
  })

  it('nothing goes to a client who blocked the bot, said /stop, or had their data deleted', async () => {
    const h = createHarness()
    const [blocked, stopped, forgotten] = [h.u.user(3105), h.u.user(3106), h.u.user(3107)]
    for (const user of [blocked, stopped, forgotten]) await h.send(h.u.callback(user, 'menu:discovery'))
    await h.send(h.u.myChatMember(blocked, 'kicked'))
    await h.send(h.u.text(stopped, '/stop'))
    await forgetData(h, forgotten)
    const forgottenJob = h.deps.db.select().from(jobs).where(eq(jobs.kind, NUDGE_JOB.kind)).all().at(-1)
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    for (const user of [blocked, stopped]) expect(nudgeTexts(h, user)).toEqual([])
    expect(nudgeTexts(h, forgotten)).toEqual([])
    expect(nudges(h, blocked)[0]).toMatchObject({ status: 'skipped', outcome: 'The client blocked the bot.' })
    expect(nudges(h, stopped)[0]).toMatchObject({
      status: 'skipped',
      outcome: 'The client asked not to be messaged (/stop).',
    })
    expect(
      h.deps.db
        .select()
        .from(jobs)
        .where(eq(jobs.id, forgottenJob?.id ?? -1))
        .get()?.status,
    ).toBe('cancelled')
  })

  it('the booking flow gets its own text, and a button its conversation answers', async () => {
    const h = createHarness()
    const user = h.u.user(3108, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    const client = findClientByTelegramId(h.deps.db, user.id)
    h.deps.services.nudges.arm(client?.id ?? -1, 'booking')
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toBe('John, you started booking a callback but did not finish. Shall we go on?')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      { text: 'Continue', data: 'bk:resume' },
      { text: '💬 Talk to a manager', data: 'menu:manager' },
    ])
  })
})

describe('the nudge of an unfinished booking', () => {
  it('is armed when the booking flow starts, sent once if the client leaves, cancelled when they book', async () => {
    const h = createHarness()
    const leaver = h.u.user(3201, { first_name: 'Илья' })
    await h.send(h.u.callback(leaver, 'menu:booking'))
    expect(nudges(h, leaver)).toMatchObject([{ status: 'pending', payload: { flow: 'booking' } }])
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(leaver.id)).toBe('Илья, вы начали записываться на звонок, но не закончили. Продолжим?')
    expect(nudges(h, leaver)[0]?.status).toBe('done')

    const booker = h.u.user(3202, { first_name: 'Нина' })
    await book(h, booker, { day: '2026-11-24', slot: '2026-11-24T08:00:00Z' })
    expect(bookingsOf(h, booker)).toHaveLength(1)
    expect(nudges(h, booker).map((j) => j.status)).toEqual(['cancelled'])
  })

  it('counts from the client’s last step in the flow, not from when it was opened', async () => {
    const h = createHarness()
    const user = h.u.user(3205, { first_name: 'Илья' })
    await h.send(h.u.text(user, '/book'))
    // The client comes back 110 minutes later and goes on: a day, a time, the phone
    h.clock.advance(110 * MINUTE)
    await h.send(h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T08:00Z')))
    await h.send(h.u.text(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain('Хотите что-то передать менеджеру')
    // 11 minutes after their last step (121 after opening) they are still writing the comment
    h.clock.advance(11 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('Хотите что-то передать менеджеру')
    // 120 minutes after the last step the reminder comes, once
    h.clock.advance(110 * MINUTE)
    await h.deps.scheduler.runDue()
    // Past the time and the phone, it does not say no time was picked
    expect(h.fake.lastTextTo(user.id)).toBe('Илья, вы начали записываться на звонок, но не закончили. Продолжим?')
    expect(nudges(h, user).map((j) => j.status)).toEqual(['done'])
    // "Continue" asks again what the booking stopped at: the comment, not the day from the start
    await h.send(h.u.callback(user, 'bk:resume'))
    expect(h.fake.lastTextTo(user.id)).toContain('Хотите что-то передать менеджеру')
    await h.send(h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toMatchObject([{ phone: '+79161234567', slotStart: Date.parse('2026-11-24T08:00Z') }])
  })

  it('Continue at the confirmation shows it again, as it is', async () => {
    const h = createHarness()
    const user = h.u.user(3207, { first_name: 'Илья' })
    await reachConfirm(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00:00Z' })
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.send(h.u.callback(user, 'bk:resume'))
    const shown = h.fake.lastTextTo(user.id)
    expect(shown).toMatch(/^Проверим:\n📞 Звонок: вторник, 24 ноября, 11:00–11:30/)
    expect(shown).not.toContain('прежнего выбора')
    expect(bookingsOf(h, user)).toEqual([])
  })

  it('Continue after the time chosen has gone says so at once, with fresh times, not after a phone and a comment', async () => {
    // Monday 12:00: a time at 14:00 that day, and the client stops at the phone
    const { h, user } = await stoppedAtPhone(3208, '2026-11-23T11:00Z')
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    // 14:31: "Continue" — 14:00 is gone
    h.clock.advance(30 * MINUTE)
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.callback(user, 'bk:resume'))
    // The reason first, taking the phone step's "share my number" keyboard away, then fresh times
    const [reason, picker, ...more] = h.fake.sentTo(user.id).slice(before)
    expect(more).toEqual([])
    expect(reason?.payload.text).toBe('Это время уже прошло или до него слишком мало времени.')
    expect(reason?.payload.reply_markup).toEqual({ remove_keyboard: true })
    expect(String(picker?.payload.text)).not.toContain('На какой номер позвонить?')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain(slotData('2026-11-23T11:00Z'))
    expect(bookingsOf(h, user)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('Continue when that day has no time left: the reason, then other days — no "here are the options" before "none left"', async () => {
    // Monday 12:00: the last time of the day, 18:30, and the client stops at the phone
    const { h, user } = await stoppedAtPhone(3209, '2026-11-23T15:30Z')
    h.clock.set('2026-11-23T16:00Z')
    const before = h.fake.sentTo(user.id).length
    await h.send(h.u.callback(user, 'bk:resume'))
    const texts = h.fake
      .sentTo(user.id)
      .slice(before)
      .map((c) => String(c.payload.text))
    expect(texts[0]).toBe('Это время уже прошло или до него слишком мало времени.')
    expect(texts[1]).toMatch(/^На этот день свободного времени уже не осталось — выберите другой\./)
    expect(texts).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('Continue after the booking it was about ended begins a booking afresh', async () => {
    const h = createHarness()
    const user = h.u.user(3206, { first_name: 'Илья' })
    await h.send(h.u.text(user, '/book'))
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    // The reminder's button stays under it after the client left the booking
    await h.send(h.u.text(user, '/cancel'))
    await h.send(h.u.callback(user, 'bk:resume'))
    // Not told the button is out of date: it is what it says
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('Когда вам удобно поговорить? Выберите день')
    expect(h.errors()).toEqual([])
  })

  it('is not sent to a client who said no at the confirmation', async () => {
    const h = createHarness()
    const user = h.u.user(3203, { first_name: 'Илья' })
    await reachConfirm(h, user, { day: '2026-11-24', slot: '2026-11-24T08:00:00Z' })
    await h.send(h.u.callback(user, 'bk:stop'))
    expect(h.fake.lastTextTo(user.id)).toContain('Хорошо, не записываю')
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toContain('Хорошо, не записываю')
    expect(nudges(h, user).map((j) => j.status)).toEqual(['cancelled'])
  })

  it('is not sent when there was no free time to offer', async () => {
    const h = createHarness({ content: noFreeTimeContent() })
    const user = h.u.user(3204, { first_name: 'Илья' })
    await h.send(h.u.text(user, '/book'))
    const told = h.fake.lastTextTo(user.id)
    expect(told).toContain('свободного времени для звонка нет')
    h.clock.advance(121 * MINUTE)
    await h.deps.scheduler.runDue()
    expect(h.fake.lastTextTo(user.id)).toBe(told)
    expect(nudges(h, user).map((j) => j.status)).toEqual(['cancelled'])
  })
})
