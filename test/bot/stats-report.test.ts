/**
 * How the owner's /stats report reads: that each line says what it counts, so that two lines
 * side by side never seem to contradict each other. The numbers themselves are tested in
 * test/services/stats.test.ts and test/bot/owner-tools.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { bookings, events, feedback, orders } from '../../db/schema.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { ownerStats, statsLine } from '../helpers/stats.ts'
import type { TestUser } from '../helpers/updates.ts'

const DAY = 86_400_000
const SVETA = 5_100_002
const OLEG = 5_100_003

const managerLines = (text: string, heading = '👥 Менеджеры') => text.split(`${heading}\n`)[1]!.split('\n')

/** Sveta and Oleg on the team; `onDuty` take requests. */
async function team(h: Harness, onDuty: number[]) {
  h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
  h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
  const sveta = h.u.user(SVETA, { first_name: 'Светлана' })
  const oleg = h.u.user(OLEG, { first_name: 'Олег' })
  const users = new Map<number, TestUser>([
    [SVETA, sveta],
    [OLEG, oleg],
  ])
  await sendThroughOutbox(h, ...onDuty.map((id) => h.u.text(users.get(id)!, '/duty on', { chatId: STAFF_GROUP_ID })))
  return { sveta, oleg }
}

/** A client who asked for a manager, waiting in their topic. */
async function asking(h: Harness, telegramId: number) {
  const user = h.u.user(telegramId, { first_name: 'Клиент' })
  await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  return { user, client: findClientByTelegramId(h.deps.db, user.id)! }
}

describe('/stats reads as what it counts', () => {
  it('the ⭐ line is the ratings after an order, the managers\' are of their answers: no bare "no ratings" beside a rated manager', async () => {
    const h = createHarness()
    const { oleg } = await team(h, [OLEG])
    const { user, client } = await asking(h, 4301)
    // Oleg answers and closes; the client says it is solved and rates speed 5, quality 4
    h.clock.advance(2 * 60_000)
    await h.send(h.u.staffText(oleg, client.topicId!, 'Здравствуйте!'), h.u.staffText(oleg, client.topicId!, '/close'))
    await h.drain()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[4]!.data!))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[3]!.data!))
    h.clock.advance(60_000)

    const text = await ownerStats(h)
    expect(statsLine(text, '⭐')).toBe(
      '⭐ Оценок после заказа за период не было; ответы менеджеров клиенты оценили — ниже.',
    )
    expect(managerLines(text)).toEqual([
      '• Олег: обращений 1, медиана ответа 2 мин, в срок 100%, оценки ответов: скорость 5,0, качество 4,0 — по 1 обращению',
    ])
    const english = await ownerStats(h, '7d', { language: 'en' })
    expect(statsLine(english, '⭐')).toBe(
      "⭐ No ratings after an order in this period; clients did rate the managers' answers — see below.",
    )
    expect(managerLines(english, '👥 Managers')).toEqual([
      '• Олег: 1 request, median reply 2 min, in time 100%, answers rated: speed 5.0, quality 4.0 on 1 request',
    ])

    // The check-in after an order is the ⭐ line's, named as such
    h.deps.db
      .insert(feedback)
      .values({ clientId: client.id, kind: 'checkin', score: 5, createdAt: h.clock.now() - 60_000 })
      .run()
    // Only the kinds given are named: no NPS with no ratings beside them
    expect(statsLine(await ownerStats(h), '⭐')).toBe(
      '⭐ Оценки после заказа: средняя оценка 5,0 из 5 (CSAT), довольны 100%, оценок: 1',
    )
    expect(statsLine(await ownerStats(h, '7d', { language: 'en' }), '⭐')).toBe(
      '⭐ Ratings after an order: average score 5.0 of 5 (CSAT), 100% satisfied, ratings: 1',
    )
    h.deps.db
      .insert(feedback)
      .values({ clientId: client.id, kind: 'nps', score: 9, createdAt: h.clock.now() - 60_000 })
      .run()
    expect(statsLine(await ownerStats(h), '⭐')).toBe(
      '⭐ Оценки после заказа: средняя оценка 5,0 из 5 (CSAT), довольны 100%, оценок: 1; готовность рекомендовать +100 (NPS), оценок: 1',
    )
  })

  it('a manager with no rated answer reads as such, not as the business having no ratings', async () => {
    const h = createHarness()
    const { oleg } = await team(h, [OLEG])
    const { client } = await asking(h, 4302)
    h.clock.advance(2 * 60_000)
    await h.send(h.u.staffText(oleg, client.topicId!, 'Здравствуйте!'))
    await h.drain()
    h.clock.advance(60_000)
    const text = await ownerStats(h)
    expect(statsLine(text, '⭐')).toBe('⭐ Оценок после заказа за период не было.')
    expect(managerLines(text)).toEqual(['• Олег: обращений 1, медиана ответа 2 мин, в срок 100%, оценок ответов нет'])
    expect(managerLines(await ownerStats(h, '7d', { language: 'en' }), '👥 Managers')).toEqual([
      '• Олег: 1 request, median reply 2 min, in time 100%, no answer ratings',
    ])
  })

  it('the header gives the exact span counted: 7 days are 7 × 24 hours up to the moment of asking, not 8 dates', async () => {
    const h = createHarness()
    const now = h.clock.now() // Monday 23 November, 12:00 in Moscow
    // Two clients start a minute either side of the 7-day boundary; one the moment the owner asks
    const [before, at, asked] = [701, 702, 703].map((t) => seedClient(h.deps, t).id)
    h.deps.db
      .insert(events)
      .values([
        { clientId: before!, type: 'start', createdAt: now - 7 * DAY - 60_000 },
        { clientId: at!, type: 'start', createdAt: now - 7 * DAY },
        { clientId: asked!, type: 'start', createdAt: now },
        { clientId: asked!, type: 'discovery_done', createdAt: now },
      ])
      .run()

    const week = await ownerStats(h, '7d')
    expect(week.split('\n')[0]).toBe('📊 Статистика за 7 дней (16 нояб., 12:00 – 23 нояб., 12:00)')
    // The span shown is the one counted: from its first minute, up to (not including) its last
    expect(statsLine(week, 'Старт —')).toBe('Старт — 1')
    expect(statsLine(week, 'Анкета:')).toMatch(/^Анкета: дошли сюда или дальше — 0 /)
    expect((await ownerStats(h, '30d')).split('\n')[0]).toBe(
      '📊 Статистика за 30 дней (24 окт., 12:00 – 23 нояб., 12:00)',
    )
    expect((await ownerStats(h, '90d')).split('\n')[0]).toBe(
      '📊 Статистика за 90 дней (25 авг., 12:00 – 23 нояб., 12:00)',
    )
    expect((await ownerStats(h, '7d', { language: 'en' })).split('\n')[0]).toBe(
      '📊 Stats for 7 days (16 Nov, 12:00 – 23 Nov, 12:00)',
    )
    // Across the new year both ends name their year, as a card's dates do
    const january = createHarness({ clock: createFakeClock('2027-01-05T09:00:00Z') })
    expect((await ownerStats(january, '90d')).split('\n')[0]).toBe(
      '📊 Статистика за 90 дней (7 окт. 2026 г., 12:00 – 5 янв. 2027 г., 12:00)',
    )
    expect((await ownerStats(january, '7d')).split('\n')[0]).toBe(
      '📊 Статистика за 7 дней (29 дек. 2026 г., 12:00 – 5 янв. 2027 г., 12:00)',
    )
    // Asked a minute later, the span moves on with the clock: the first-minute start is out, the latest one in
    h.clock.advance(60_000)
    const later = await ownerStats(h, '7d')
    expect(later.split('\n')[0]).toBe('📊 Статистика за 7 дней (16 нояб., 12:01 – 23 нояб., 12:01)')
    expect(statsLine(later, 'Старт —')).toBe('Старт — 1')
    expect(statsLine(later, 'Анкета:')).toMatch(/^Анкета: дошли сюда или дальше — 1 /)
  })

  it('the funnel says a step counts everyone who got that far, not that they all took it', async () => {
    const h = createHarness()
    const now = h.clock.now()
    // One client answers the questions and books a call; one skips it all and pays
    const [careful, quick] = [801, 802].map((t) => seedClient(h.deps, t).id)
    h.deps.db
      .insert(events)
      .values([
        { clientId: careful!, type: 'start', createdAt: now - 3 * DAY },
        { clientId: careful!, type: 'discovery_done', createdAt: now - 3 * DAY + 60_000 },
        { clientId: careful!, type: 'booked', createdAt: now - 3 * DAY + 120_000 },
        { clientId: quick!, type: 'start', createdAt: now - 2 * DAY },
      ])
      .run()
    const paidAt = now - DAY
    h.deps.db
      .insert(orders)
      .values({ clientId: quick!, amount: 4_500_000, currency: 'RUB', status: 'paid', createdAt: paidAt, paidAt })
      .run()

    const funnel = (await ownerStats(h)).split('\n\n')[1]
    expect(funnel).toBe(
      [
        'Воронка: сколько из начавших за период дошли до каждого шага (пошедшие дальше, не закончив шаг, — тоже)',
        'Старт — 2',
        'Анкета: дошли сюда или дальше — 2 (100% от предыдущего шага, 100% от старта); из них сами закончили этот шаг — 1',
        // Nobody did it: said so, not "did it themselves — 0" under a step of two
        'Квиз: дошли сюда или дальше — 2 (100% от предыдущего шага, 100% от старта); этот шаг никто из них не закончил: пошли дальше без него (пропустили или начали и бросили)',
        'Запись / менеджер: дошли сюда или дальше — 2 (100% от предыдущего шага, 100% от старта); из них сами закончили этот шаг — 1',
        'Оплата: дошли сюда или дальше — 1 (50% от предыдущего шага, 50% от старта)',
        'Переход к отзыву: дошли сюда или дальше — 0 (0% от предыдущего шага, 0% от старта)',
        '(клиенты: записались на звонок — 1, переданы менеджеру — 0, из них хоть раз получили ответ в срок — 0)',
      ].join('\n'),
    )
    const english = (await ownerStats(h, '7d', { language: 'en' })).split('\n\n')[1]!.split('\n')
    expect(english.slice(0, 7)).toEqual([
      'Funnel: how many who started in the period reached each step (those who went further without finishing it count too)',
      'Started — 2',
      'Questionnaire: reached it or went further — 2 (100% of the previous step, 100% of start); of them finished this step themselves — 1',
      'Quiz: reached it or went further — 2 (100% of the previous step, 100% of start); none of them finished this step: they went further without it (skipped, or started and stopped)',
      'A call / a manager: reached it or went further — 2 (100% of the previous step, 100% of start); of them finished this step themselves — 1',
      'Payment: reached it or went further — 1 (50% of the previous step, 50% of start)',
      'Going to leave a review: reached it or went further — 0 (0% of the previous step, 0% of start)',
    ])
  })

  it('a step the content file has no questions for is left out unless someone did it: no questionnaire "reached" by all', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, discovery: { questions: [] } } })
    const now = h.clock.now()
    const [a, b] = [811, 812].map((t) => seedClient(h.deps, t).id)
    h.deps.db
      .insert(events)
      .values([
        { clientId: a!, type: 'start', createdAt: now - 3 * DAY },
        { clientId: a!, type: 'quiz_done', createdAt: now - 3 * DAY + 60_000 },
        { clientId: b!, type: 'start', createdAt: now - 2 * DAY },
        { clientId: b!, type: 'booked', createdAt: now - 2 * DAY + 60_000 },
      ])
      .run()
    const steps = () => ownerStats(h).then((text) => text.split('\n\n')[1]!.split('\n').slice(1, -1))
    expect(await steps()).toEqual([
      'Старт — 2',
      'Квиз: дошли сюда или дальше — 2 (100% от предыдущего шага, 100% от старта); из них сами закончили этот шаг — 1',
      'Запись / менеджер: дошли сюда или дальше — 1 (50% от предыдущего шага, 50% от старта)',
      'Оплата: дошли сюда или дальше — 0 (0% от предыдущего шага, 0% от старта)',
      'Переход к отзыву: дошли сюда или дальше — 0 (— от предыдущего шага, 0% от старта)',
    ])
    // The questionnaire was taken out after someone filled it in: their step stays
    h.deps.db
      .insert(events)
      .values({ clientId: b!, type: 'discovery_done', createdAt: now - 2 * DAY + 30_000 })
      .run()
    expect((await steps())[1]).toBe(
      'Анкета: дошли сюда или дальше — 2 (100% от предыдущего шага, 100% от старта); из них сами закончили этот шаг — 1',
    )
  })

  it('a request passed on already late: the one who got it says so, and a line says whose miss it is', async () => {
    const h = createHarness()
    const { oleg } = await team(h, [SVETA, OLEG])
    const { client } = await asking(h, 4303)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)
    // Sveta lets the 15 working minutes pass: the request goes to Oleg, who answers
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(OLEG)
    h.clock.advance(60_000)
    await h.send(h.u.staffText(oleg, client.topicId!, 'Здравствуйте! Извините за ожидание.'))
    await h.drain()

    const text = await ownerStats(h)
    expect(managerLines(text)).toEqual([
      '• Светлана: обращений 1, медиана ответа —, в срок 0%, оценок ответов нет',
      // He answered a minute after it went late: the line says so, as it is no part of his median
      '• Олег: обращений 1 (из них 1 пришло уже просроченным: ответ через 1 мин после просрочки), медиана ответа —, в срок —, оценок ответов нет',
      'Просроченное обращение — промах того, у кого оно было к сроку; у того, кому оно досталось позже, оно не учитывается ни в медиане, ни в доле «в срок».',
    ])
    expect(managerLines(await ownerStats(h, '7d', { language: 'en' }), '👥 Managers')).toEqual([
      '• Светлана: 1 request, median reply —, in time 0%, no answer ratings',
      '• Олег: 1 request (1 received already late: answered 1 min after it went late), median reply —, in time —, no answer ratings',
      'A late request is the miss of whoever had it at its deadline; for whoever got it later it is in neither the median nor “in time”.',
    ])
  })

  it('without a request passed on late, the managers carry no footnote', async () => {
    const h = createHarness()
    const { oleg } = await team(h, [OLEG])
    const { client } = await asking(h, 4304)
    h.clock.advance(60_000)
    await h.send(h.u.staffText(oleg, client.topicId!, 'Здравствуйте!'))
    await h.drain()
    h.clock.advance(60_000)
    expect(managerLines(await ownerStats(h))).toEqual([
      '• Олег: обращений 1, медиана ответа 1 мин, в срок 100%, оценок ответов нет',
    ])
  })
})

describe('/stats: the managers with nothing to show', () => {
  it('a request nobody led is not "no requests" under the managers, beside the requests line counting it', async () => {
    const h = createHarness()
    await team(h, []) // nobody on duty: the request waits for the team, led by no one
    const { client } = await asking(h, 4305)
    expect(h.deps.services.handoff.current(client.id)?.managerId ?? null).toBeNull()
    h.clock.advance(60_000)
    const text = await ownerStats(h)
    expect(statsLine(text, '💬')).toMatch(/^💬 Обращения к менеджеру, открытые за период: 1, ответили 0/)
    expect(managerLines(text)).toEqual(['Никто из менеджеров не вёл обращений за период.'])
    expect(managerLines(await ownerStats(h, '7d', { language: 'en' }), '👥 Managers')).toEqual([
      'No manager led a request in this period.',
    ])
  })

  it('with no requests at all, the managers say so', async () => {
    const h = createHarness()
    const text = await ownerStats(h)
    expect(statsLine(text, '💬')).toBe('💬 Обращений к менеджеру за период не было.')
    expect(managerLines(text)).toEqual(['За период обращений не было.'])
    expect(managerLines(await ownerStats(h, '7d', { language: 'en' }), '👥 Managers')).toEqual([
      'No requests in this period.',
    ])
  })
})

/** The owner's last chart: its PNG height (from the IHDR chunk). */
function chartHeight(h: Harness): number {
  const photo = h.fake
    .sentTo(OWNER_ID)
    .filter((c) => c.method === 'sendPhoto')
    .at(-1)
  return photo!.files.photo!.data.readUInt32BE(20)
}

describe('/stats in plain words', () => {
  it('a period with nobody new says so in one funnel line, and one calls line, instead of rows of zeros and dashes', async () => {
    const h = createHarness()
    const text = await ownerStats(h)
    expect(text.split('\n\n')[1]).toBe('Воронка: новых клиентов за период не было — считать шаги не от кого.')
    expect(text).not.toContain('дошли сюда')
    expect(text).not.toContain('(клиенты:')
    expect(statsLine(text, '📞')).toBe(
      '📞 Звонков за период не было: никто не записался, и на этот срок ничего не назначено.',
    )
    const english = await ownerStats(h, '7d', { language: 'en' })
    expect(english.split('\n\n')[1]).toBe('Funnel: nobody new started in this period — no steps to count.')
    expect(statsLine(english, '📞')).toBe('📞 No calls in this period: none booked, none due.')
  })

  it('the title writes its days out: "за 7 дней", "за 30 дней"', async () => {
    const h = createHarness()
    expect((await ownerStats(h, '7d')).split('\n')[0]).toMatch(/^📊 Статистика за 7 дней \(/)
    expect((await ownerStats(h, '30d')).split('\n')[0]).toMatch(/^📊 Статистика за 30 дней \(/)
    expect((await ownerStats(h, '90d')).split('\n')[0]).toMatch(/^📊 Статистика за 90 дней \(/)
  })

  it('retention counts paying customers, named so: not "клиенты" beside a funnel of clients who started', async () => {
    const h = createHarness()
    const now = h.clock.now()
    const client = seedClient(h.deps, 821).id
    h.deps.db
      .insert(events)
      .values({ clientId: client, type: 'start', createdAt: now - 3 * DAY })
      .run()
    h.deps.db
      .insert(orders)
      .values({
        clientId: client,
        amount: 4_500_000,
        currency: 'RUB',
        status: 'paid',
        createdAt: now - DAY,
        paidAt: now - DAY,
      })
      .run()
    const text = await ownerStats(h, '30d')
    // Nobody was a customer at the start: no retention to count, and no "— … —" for it
    expect(statsLine(text, '🔁')).toBe('🔁 Удержание покупателей: на начало периода 0, на конец 1, из них новых 1.')
    expect(statsLine(await ownerStats(h, '30d', { language: 'en' }), '🔁')).toBe(
      '🔁 Retention of paying customers: 0 at the start of the period, 1 at the end, 1 of them new.',
    )
    // Thirty days on she is one at the start, and still one at the end (she wrote to the bot)
    h.clock.advance(30 * DAY)
    h.deps.db
      .insert(events)
      .values({ clientId: client, type: 'discovery_done', createdAt: h.clock.now() - DAY })
      .run()
    expect(statsLine(await ownerStats(h, '30d'), '🔁')).toBe(
      '🔁 Удержание покупателей: на начало периода 1, на конец 1, из них новых 0; из тех, кто был на начало, остались 100% (CRR), ушли 0%.',
    )
    expect(statsLine(await ownerStats(h, '30d', { language: 'en' }), '🔁')).toBe(
      '🔁 Retention of paying customers: 1 at the start of the period, 1 at the end, 0 of them new; of those at the start, 100% stayed (CRR), 0% left.',
    )
  })

  it('a customer back after a silence is counted as returned, not as kept: no CRR above 100%', async () => {
    const h = createHarness()
    const now = h.clock.now()
    const paid = (clientId: number, at: number) =>
      h.deps.db
        .insert(orders)
        .values({ clientId, amount: 4_500_000, currency: 'RUB', status: 'paid', createdAt: at, paidAt: at })
        .run()
    // Two customers since before the period, paid 60 days ago: customers at its start and its end
    for (const telegramId of [851, 852]) paid(seedClient(h.deps, telegramId).id, now - 60 * DAY)
    // One silent for 91 days when the period began (reengage_after_days is 90), who pays again in it
    const back = seedClient(h.deps, 853).id
    paid(back, now - (30 + 91) * DAY)
    paid(back, now - 5 * DAY)
    // And one new: the first payment in the period
    paid(seedClient(h.deps, 854).id, now - 3 * DAY)

    const text = await ownerStats(h, '30d')
    expect(statsLine(text, '🔁')).toBe(
      '🔁 Удержание покупателей: на начало периода 2, на конец 4, из них новых 1, вернувшихся после перерыва 1; из тех, кто был на начало, остались 100% (CRR), ушли 0%.',
    )
    expect(statsLine(await ownerStats(h, '30d', { language: 'en' }), '🔁')).toBe(
      '🔁 Retention of paying customers: 2 at the start of the period, 4 at the end, 1 of them new, 1 back after a break; of those at the start, 100% stayed (CRR), 0% left.',
    )
  })

  it('ratings and calls in plain words, the abbreviations in brackets', async () => {
    const h = createHarness()
    const now = h.clock.now()
    const client = seedClient(h.deps, 831).id
    h.deps.db
      .insert(feedback)
      .values([
        { clientId: client, kind: 'checkin', score: 5, createdAt: now - DAY },
        { clientId: client, kind: 'nps', score: 9, createdAt: now - DAY },
        { clientId: client, kind: 'nps', score: 10, createdAt: now - DAY },
      ])
      .run()
    for (const [status, day] of [
      ['no_answer', 3],
      ['called', 2],
    ] as const) {
      const slotStart = now - day * DAY
      h.deps.db
        .insert(bookings)
        .values({
          clientId: client,
          slotStart,
          slotEnd: slotStart + 1_800_000,
          status,
          createdAt: now - 8 * DAY,
          updatedAt: slotStart,
        })
        .run()
    }
    const text = await ownerStats(h)
    // The share says what it is a share of; a period's calls with no outcome yet have none (the line above)
    expect(statsLine(text, '📞')).toBe(
      '📞 Звонки: записались за период — 0; из назначенных на период: состоялось 1, клиент не ответил — 1 (50% от состоявшихся и пропущенных), отменено 0',
    )
    expect(statsLine(await ownerStats(h, '7d', { language: 'en' }), '📞')).toBe(
      '📞 Calls: 0 booked in the period; of those due in it, 1 held, 1 no-show (50% of those held or missed), 0 cancelled',
    )
    expect(statsLine(text, '⭐')).toBe(
      '⭐ Оценки после заказа: средняя оценка 5,0 из 5 (CSAT), довольны 100%, оценок: 1; готовность рекомендовать +100 (NPS), оценок: 2',
    )
    expect(text).not.toContain('n=')
    expect(statsLine(await ownerStats(h, '7d', { language: 'en' }), '⭐')).toBe(
      '⭐ Ratings after an order: average score 5.0 of 5 (CSAT), 100% satisfied, ratings: 1; would recommend +100 (NPS), ratings: 2',
    )
  })

  it('the chart leaves out the retention bars while no period has any to show', async () => {
    const h = createHarness()
    await ownerStats(h, '30d')
    const bare = chartHeight(h)
    // A customer at the start of the last period: retention has a bar to show
    const client = seedClient(h.deps, 841).id
    h.deps.db
      .insert(orders)
      .values({
        clientId: client,
        amount: 4_500_000,
        currency: 'RUB',
        status: 'paid',
        createdAt: h.clock.now() - 40 * DAY,
        paidAt: h.clock.now() - 40 * DAY,
      })
      .run()
    h.deps.db
      .insert(events)
      .values({ clientId: client, type: 'start', createdAt: h.clock.now() - 2 * DAY })
      .run()
    await ownerStats(h, '30d')
    expect(chartHeight(h)).toBe(780)
    expect(bare).toBeLessThan(600)
  })
})

describe('/stats says what the owner may not know', () => {
  it('a call due in the period that nobody marked is counted so, not lost from the calls line', async () => {
    const h = createHarness()
    const now = h.clock.now()
    const client = seedClient(h.deps, 851).id
    // Booked last week: held two days ago, and two since that nobody marked ✅ or 📵; one still ahead
    for (const [status, slotStart, createdAt] of [
      ['called', now - 2 * DAY, now - 8 * DAY],
      ['booked', now - DAY, now - 8 * DAY],
      ['booked', now - 3 * 3_600_000, now - 8 * DAY],
      ['booked', now + DAY, now - DAY],
    ] as const) {
      h.deps.db
        .insert(bookings)
        .values({
          clientId: client,
          slotStart,
          slotEnd: slotStart + 1_800_000,
          status,
          createdAt,
          updatedAt: createdAt,
        })
        .run()
    }
    expect(statsLine(await ownerStats(h, '7d', { language: 'en' }), '📞')).toBe(
      '📞 Calls: 1 booked in the period; of those due in it, 1 held, 0 no-shows (0% of those held or missed), 0 cancelled, 2 not marked yet (nobody pressed ✅ Called or 📵 No answer)',
    )
    expect(statsLine(await ownerStats(h), '📞')).toBe(
      '📞 Звонки: записались за период — 1; из назначенных на период: состоялось 1, клиент не ответил — 0 (0% от состоявшихся и пропущенных), отменено 0, итог не отмечен — 2 (никто не нажал «✅ Позвонили» или «📵 Не дозвонились»)',
    )
    // A call due but not marked, with nothing else in the period: not "no calls", and said what it is
    const alone = createHarness()
    const other = seedClient(alone.deps, 852).id
    const slotStart = alone.clock.now() - DAY
    alone.deps.db
      .insert(bookings)
      .values({
        clientId: other,
        slotStart,
        slotEnd: slotStart + 1_800_000,
        status: 'booked',
        createdAt: slotStart - 9 * DAY,
        updatedAt: slotStart - 9 * DAY,
      })
      .run()
    expect(statsLine(await ownerStats(alone, '7d', { language: 'en' }), '📞')).toBe(
      '📞 Calls: 0 booked in the period; of those due in it, 0 held, 0 no-shows, 0 cancelled, 1 not marked yet (nobody pressed ✅ Called or 📵 No answer)',
    )
  })

  it('an answer within a minute reads in seconds, and a request not yet due says no "0 of 0 — —"', async () => {
    const h = createHarness()
    const { oleg } = await team(h, [OLEG])
    const { client } = await asking(h, 4311)
    // Nobody has answered yet, and the answer time has not run out: nothing to say about either
    h.clock.advance(60_000)
    expect(statsLine(await ownerStats(h, '7d', { language: 'en' }), '💬')).toBe(
      '💬 Requests for a manager opened in the period: 1, answered 0',
    )
    expect(statsLine(await ownerStats(h), '💬')).toBe('💬 Обращения к менеджеру, открытые за период: 1, ответили 0')
    // Oleg answers 6 seconds after the request came
    const second = await asking(h, 4312)
    h.clock.advance(6_000)
    await h.send(h.u.staffText(oleg, second.client.topicId!, 'Здравствуйте!'))
    await h.drain()
    h.clock.advance(60_000)
    const english = await ownerStats(h, '7d', { language: 'en' })
    expect(statsLine(english, '💬')).toBe(
      "💬 Requests for a manager opened in the period: 2, answered 1; first reply (in working hours): median 6 sec, 90% within 6 sec; in time (each request's own deadline; now 15 working minutes): 1 of 1 — 100%",
    )
    expect(managerLines(english, '👥 Managers')[0]).toBe(
      '• Олег: 2 requests, median reply 6 sec, in time 100%, no answer ratings',
    )
    const russian = await ownerStats(h)
    expect(statsLine(russian, '💬')).toBe(
      '💬 Обращения к менеджеру, открытые за период: 2, ответили 1; первый ответ (в рабочее время): медиана 6 с, 90% — за 6 с; в срок (свой у каждого обращения; сейчас 15 мин рабочего времени): 1 из 1 — 100%',
    )
    expect(client.id).toBeGreaterThan(0)
  })

  it('a request closed when the client did not answer "is it solved?" reads as what happened, not as the client closing it', async () => {
    const h = createHarness()
    const { oleg } = await team(h, [OLEG])
    const { client } = await asking(h, 4313)
    h.clock.advance(60_000)
    await sendThroughOutbox(
      h,
      h.u.staffText(oleg, client.topicId!, 'Здравствуйте!'),
      h.u.staffText(oleg, client.topicId!, '/close'),
    )
    await settle(h)
    // The client never answers: the request closes on its own
    h.clock.advance(3 * DAY + 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    h.clock.advance(60_000)
    expect(statsLine(await ownerStats(h, '7d', { language: 'en' }), '✅')).toBe(
      '✅ Requests closed in the period, incl. ones opened earlier: the client confirmed “yes, solved” — 0; closed automatically, as the client did not answer “Is your question solved?” — 1; closed by staff without asking the client — 0',
    )
    expect(statsLine(await ownerStats(h), '✅')).toBe(
      '✅ Закрыто запросов за период, включая открытые раньше: клиент подтвердил «вопрос решён» — 0; закрыты автоматически, потому что клиент не ответил на «Вопрос решён?» — 1; закрыл сотрудник, не спросив клиента — 0',
    )
  })
})

describe("/stats for a two-person studio's week", () => {
  /** Dana owns the studio and answers clients herself; Светлана is the other manager. Nobody uses /duty. */
  async function studio() {
    const h = createHarness()
    h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
    const dana = h.u.user(OWNER_ID, { first_name: 'Дана', last_name: 'Смирнова' })
    return { h, dana }
  }

  /** Dana's last report for the period, in her language (as herself: the team's names are written from what they send). */
  const report = (h: Harness, period: '7d' | '30d' = '7d', language = 'ru') =>
    ownerStats(h, period, { from: h.u.user(OWNER_ID, { first_name: 'Дана', last_name: 'Смирнова' }), language })

  /** Moves the clock to `iso` and runs what is due there, the outbox included. */
  async function runAt(h: Harness, iso: string) {
    h.clock.set(Math.max(Date.parse(iso), h.clock.now()))
    await h.deps.scheduler.runDue()
    await settle(h)
  }

  /** `from` writes in the client's topic at `iso` (the demo business: Moscow, 10–19 on weekdays, 15 minutes to answer). */
  async function answerAt(h: Harness, iso: string, from: TestUser, topicId: number, text: string) {
    await runAt(h, iso)
    await sendThroughOutbox(h, h.u.staffText(from, topicId, text))
    await settle(h)
  }

  it('a request that waited in the group is not "arrived late" on the line of whoever answered it, and the follow-up waits gone late are counted', async () => {
    const { h, dana } = await studio()
    // Monday 12:00: two clients ask, Dana answers each within minutes
    await runAt(h, '2026-11-23T09:00:00Z')
    const anna = await asking(h, 4401)
    await answerAt(h, '2026-11-23T09:02:00Z', dana, anna.client.topicId!, 'Анна, здравствуйте!')
    const boris = await asking(h, 4402)
    await answerAt(h, '2026-11-23T09:05:00Z', dana, boris.client.topicId!, 'Борис, здравствуйте!')
    // Tuesday 11:00: a new client's first request sits in the group; nobody takes it
    await runAt(h, '2026-11-24T08:00:00Z')
    const vera = await asking(h, 4403)
    expect(h.deps.services.handoff.current(vera.client.id)?.managerId ?? null).toBeNull()
    // 11:15 the answer time runs out (the alert offers it to the group); 11:45 Dana answers it
    await runAt(h, '2026-11-24T08:15:00Z')
    await answerAt(h, '2026-11-24T08:45:00Z', dana, vera.client.topicId!, 'Вера, простите за ожидание!')
    // Wednesday: one more, answered at once
    await runAt(h, '2026-11-25T09:00:00Z')
    const gleb = await asking(h, 4404)
    await answerAt(h, '2026-11-25T09:03:00Z', dana, gleb.client.topicId!, 'Глеб, здравствуйте!')
    // Thursday 12:00: Анна writes again in her answered request; nobody answers within 15 minutes
    await runAt(h, '2026-11-26T09:00:00Z')
    await sendThroughOutbox(h, h.u.text(anna.user, 'А сроки можно сдвинуть?'))
    await runAt(h, '2026-11-26T09:16:00Z')
    await answerAt(h, '2026-11-26T09:30:00Z', dana, anna.client.topicId!, 'Да, сдвинем.')
    // 14:00: so does Борис; 15:00: Глеб, answered in time (no miss)
    await runAt(h, '2026-11-26T11:00:00Z')
    await sendThroughOutbox(h, h.u.text(boris.user, 'Когда будет макет?'))
    await runAt(h, '2026-11-26T11:16:00Z')
    await answerAt(h, '2026-11-26T11:40:00Z', dana, boris.client.topicId!, 'Завтра.')
    await runAt(h, '2026-11-26T12:00:00Z')
    await sendThroughOutbox(h, h.u.text(gleb.user, 'Спасибо, а счёт пришлёте?'))
    await answerAt(h, '2026-11-26T12:05:00Z', dana, gleb.client.topicId!, 'Пришлю сегодня.')
    const ownerAlerts = h.fake.textsTo(OWNER_ID).filter((t) => t.includes('снова ждёт ответа менеджера'))
    expect(ownerAlerts).toHaveLength(2)

    // Friday 12:00: Dana asks for the week
    await runAt(h, '2026-11-27T09:00:00Z')
    const text = await report(h)
    expect(statsLine(text, '💬')).toBe(
      '💬 Обращения к менеджеру, открытые за период: 4, ответили 4; первый ответ (в рабочее время): медиана 3 мин, 90% — за 45 мин; в срок (свой у каждого обращения; сейчас 15 мин рабочего времени): 3 из 4 — 75%',
    )
    expect(statsLine(text, '⏰')).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: 2 из 3 раз',
    )
    expect(managerLines(text)).toEqual([
      // Vera's request was nobody's when it went late: it waited in the group, it did not come to her late
      '• Дана Смирнова: обращений 4 (из них 1 ждало в группе: к сроку его никто не взял, ответ через 30 мин после срока), медиана ответа 3 мин, в срок 100%, клиенты писали снова после ответа и ждали дольше срока — 2 из 3 раз, оценок ответов нет',
      'Обращение, которое к сроку никто не взял, — промах команды: оно в доле «в срок» строки «Обращения» выше, а у ответившего не учитывается ни в медиане, ни в доле «в срок».',
    ])
    expect(text).not.toContain('просроченным')

    const english = await report(h, '7d', 'en')
    expect(statsLine(english, '⏰')).toBe(
      '⏰ Clients who wrote again in an answered request waited past the answer time: 2 of 3 times',
    )
    expect(managerLines(english, '👥 Managers')).toEqual([
      '• Дана Смирнова: 4 requests (1 waited in the group with nobody taking it by its deadline: answered 30 min after it went late), median reply 3 min, in time 100%, clients who wrote again after an answer waited past the answer time 2 of 3 times, no answer ratings',
      "A request nobody took by its deadline is the team's miss: it is in the “in time” of the requests line above, and for whoever answered it in neither the median nor “in time”.",
    ])
    expect(english).not.toContain('received already late')
    expect(h.errors()).toEqual([])
  })

  it("a follow-up wait gone late in a request nobody leads counts for the team, in no manager's line", async () => {
    const { h, dana } = await studio()
    const sveta = h.u.user(SVETA, { first_name: 'Светлана' })
    await runAt(h, '2026-11-23T09:00:00Z')
    const anna = await asking(h, 4411)
    await answerAt(h, '2026-11-23T09:02:00Z', sveta, anna.client.topicId!, 'Анна, здравствуйте!')
    // Светлана leaves the team: nobody leads the request when Анна writes again and waits
    h.deps.services.staff.remove(SVETA)
    await settle(h)
    expect(h.deps.services.handoff.leadOf(anna.client.id)).toBeUndefined()
    await runAt(h, '2026-11-24T09:00:00Z')
    await sendThroughOutbox(h, h.u.text(anna.user, 'А сроки можно сдвинуть?'))
    await runAt(h, '2026-11-24T09:16:00Z')
    await answerAt(h, '2026-11-24T09:30:00Z', dana, anna.client.topicId!, 'Да, сдвинем.')
    await runAt(h, '2026-11-25T09:00:00Z')
    const text = await report(h)
    expect(statsLine(text, '⏰')).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: 1 из 1 раза',
    )
    expect(managerLines(text)).toEqual([
      '• Светлана: обращений 1, медиана ответа 2 мин, в срок 100%, оценок ответов нет',
    ])
  })

  it('a week with requests and no follow-up wait gone late says "never"; one counted only since the upgrade says since when', async () => {
    const { h, dana } = await studio()
    await runAt(h, '2026-11-23T09:00:00Z')
    const anna = await asking(h, 4421)
    await answerAt(h, '2026-11-23T09:02:00Z', dana, anna.client.topicId!, 'Анна, здравствуйте!')
    await runAt(h, '2026-11-24T09:00:00Z')
    expect(statsLine(await report(h), '⏰')).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: ни разу',
    )
    expect(statsLine(await report(h, '7d', 'en'), '⏰')).toBe(
      '⏰ Clients who wrote again in an answered request waited past the answer time: never',
    )
    // A database that watched these waits before they were kept: the upgrade marked the moment
    // (Sunday 22 November, 15:00 in Moscow), after the week's start
    h.deps.db
      .insert(events)
      .values({ clientId: null, type: 'reply_late_counted_from', createdAt: Date.parse('2026-11-22T12:00:00Z') })
      .run()
    expect(statsLine(await report(h), '⏰')).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: ни разу (считается с 22 нояб., 15:00: раньше такие ожидания не сохранялись)',
    )
    expect(statsLine(await report(h, '7d', 'en'), '⏰')).toBe(
      '⏰ Clients who wrote again in an answered request waited past the answer time: never (counted since 22 Nov, 15:00: such waits were not kept before)',
    )
    // A month counted whole since then would say so too; a period that starts after the mark does not
    expect(statsLine(await report(h, '30d'), '⏰')).toContain('(считается с 22 нояб., 15:00')
  })

  it('with no request in the period and no wait gone late, no ⏰ line', async () => {
    const { h } = await studio()
    expect(statsLine(await report(h), '⏰')).toBeUndefined()
  })
})

describe('/stats: the follow-up waits gone late out of all of them', () => {
  /** Dana owns the studio and answers clients; Светлана is the other manager. The clock starts on Wednesday 18 November. */
  async function studio() {
    const h = createHarness({ clock: createFakeClock('2026-11-18T08:00:00Z') })
    h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
    const dana = h.u.user(OWNER_ID, { first_name: 'Дана', last_name: 'Смирнова' })
    const sveta = h.u.user(SVETA, { first_name: 'Светлана' })
    return { h, dana, sveta }
  }

  /** Dana's report for the week, in her language (as herself). */
  const report = (h: Harness, language = 'ru') =>
    ownerStats(h, '7d', { from: h.u.user(OWNER_ID, { first_name: 'Дана', last_name: 'Смирнова' }), language })

  /** Moves the clock to `iso` (Moscow is 3 hours ahead) and runs what is due there, the outbox included. */
  async function runAt(h: Harness, iso: string) {
    h.clock.set(Math.max(Date.parse(iso), h.clock.now()))
    await h.deps.scheduler.runDue()
    await settle(h)
  }

  async function answerAt(h: Harness, iso: string, from: TestUser, topicId: number, text: string) {
    await runAt(h, iso)
    await sendThroughOutbox(h, h.u.staffText(from, topicId, text))
    await settle(h)
  }

  async function writesAt(h: Harness, iso: string, user: TestUser, text: string) {
    await runAt(h, iso)
    await sendThroughOutbox(h, h.u.text(user, text))
    await settle(h)
  }

  it('"2 из 4": every time a client wrote again in an answered request in the period is the base, gone late or not, for the team and for each lead', async () => {
    const { h, dana, sveta } = await studio()
    // Before the week asked for (it starts on Friday 20 November, 12:00): Анна asks, Dana answers,
    // Анна writes again and is answered in time — no part of the week
    await runAt(h, '2026-11-18T09:00:00Z')
    const anna = await asking(h, 4501)
    await answerAt(h, '2026-11-18T09:02:00Z', dana, anna.client.topicId!, 'Анна, здравствуйте!')
    await writesAt(h, '2026-11-19T09:00:00Z', anna.user, 'А макет когда?')
    await answerAt(h, '2026-11-19T09:05:00Z', dana, anna.client.topicId!, 'Завтра.')
    // Friday 11:50, ten minutes before the week: Анна writes again; at 12:05 her wait goes late, in the week
    await writesAt(h, '2026-11-20T08:50:00Z', anna.user, 'Макета нет, что случилось?')
    await runAt(h, '2026-11-20T09:06:00Z')
    await answerAt(h, '2026-11-20T09:30:00Z', dana, anna.client.topicId!, 'Простите, вот он.')
    // Monday: Борис asks, Светлана answers and leads him; Tuesday he writes again and she answers
    // in time; Wednesday again, and she answers late
    await runAt(h, '2026-11-23T09:00:00Z')
    const boris = await asking(h, 4502)
    await answerAt(h, '2026-11-23T09:03:00Z', sveta, boris.client.topicId!, 'Борис, здравствуйте!')
    await writesAt(h, '2026-11-24T09:00:00Z', boris.user, 'А можно дешевле?')
    await answerAt(h, '2026-11-24T09:10:00Z', sveta, boris.client.topicId!, 'Можно, без анимации.')
    await writesAt(h, '2026-11-25T09:00:00Z', boris.user, 'Тогда без анимации, когда начнём?')
    await runAt(h, '2026-11-25T09:16:00Z')
    await answerAt(h, '2026-11-25T09:30:00Z', sveta, boris.client.topicId!, 'В понедельник.')
    // Глеб asks and Dana answers; Thursday he thanks her (nothing to answer: no wait), Friday 11:55 he
    // asks again — five minutes before the report, not late yet
    await runAt(h, '2026-11-23T10:00:00Z')
    const gleb = await asking(h, 4503)
    await answerAt(h, '2026-11-23T10:02:00Z', dana, gleb.client.topicId!, 'Глеб, здравствуйте!')
    await writesAt(h, '2026-11-26T09:00:00Z', gleb.user, 'Спасибо!')
    await writesAt(h, '2026-11-27T08:55:00Z', gleb.user, 'А счёт когда пришлёте?')
    // The owners were told of the two gone late
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('снова ждёт ответа менеджера'))).toHaveLength(2)

    await runAt(h, '2026-11-27T09:00:00Z')
    const text = await report(h)
    // Gone late in the week: Анна's (begun before it) and Борис's Wednesday one; of four: with them,
    // Борис's Tuesday one answered in time and Глеб's still in its answer time
    expect(statsLine(text, '⏰')).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: 2 из 4 раз',
    )
    const lines = managerLines(text)
    expect(lines.find((l) => l.startsWith('• Дана Смирнова'))).toContain(
      'клиенты писали снова после ответа и ждали дольше срока — 1 из 2 раз,',
    )
    expect(lines.find((l) => l.startsWith('• Светлана'))).toContain(
      'клиенты писали снова после ответа и ждали дольше срока — 1 из 2 раз,',
    )
    expect(statsLine(await report(h, 'en'), '⏰')).toBe(
      '⏰ Clients who wrote again in an answered request waited past the answer time: 2 of 4 times',
    )

    // Counted only since an upgrade on Tuesday 24 November, 12:05 (as the waits gone late are):
    // Борис's Tuesday wait, begun at 12:00, is no part of it
    h.deps.db
      .insert(events)
      .values({ clientId: null, type: 'reply_late_counted_from', createdAt: Date.parse('2026-11-24T09:05:00Z') })
      .run()
    expect(statsLine(await report(h), '⏰')).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: 2 из 3 раз (считается с 24 нояб., 12:05: раньше такие ожидания не сохранялись)',
    )
    expect(h.errors()).toEqual([])
  })

  it('with waits and none gone late, the line says out of how many: "0 из 1 раза"', async () => {
    const { h, dana } = await studio()
    await runAt(h, '2026-11-20T09:00:00Z')
    const anna = await asking(h, 4511)
    await answerAt(h, '2026-11-20T09:02:00Z', dana, anna.client.topicId!, 'Анна, здравствуйте!')
    // The week starts on Monday 23 November 12:00: the request opened before it
    await writesAt(h, '2026-11-24T09:00:00Z', anna.user, 'А макет когда?')
    await answerAt(h, '2026-11-24T09:05:00Z', dana, anna.client.topicId!, 'Завтра.')
    await runAt(h, '2026-11-30T08:00:00Z')
    const text = await report(h)
    expect(statsLine(text, '⏰')).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: 0 из 1 раза',
    )
    expect(statsLine(await report(h, 'en'), '⏰')).toBe(
      '⏰ Clients who wrote again in an answered request waited past the answer time: 0 of 1 time',
    )
    // Nobody's wait went late: the managers' lines say nothing of them
    expect(text).not.toContain('писали снова после ответа')
  })
})
