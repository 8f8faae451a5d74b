import { readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { listQuizResults } from '../../db/repositories/quiz-results.ts'
import {
  bookings,
  type ClientRow,
  clients,
  contentVersions,
  events,
  feedback,
  handoffs,
  messages,
  orders,
  STAGES,
} from '../../db/schema.ts'
import { setOwnerMenus } from '../../src/bot/commands.ts'
import { CLIENT_CSV_COLUMNS } from '../../src/services/data-export.ts'
import { windows1251 } from '../content/helpers.ts'
import { contentWith } from '../helpers/booking.ts'
import { pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { parseCsv } from '../helpers/csv.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { contentFrom, press } from '../helpers/flows.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import {
  createHarness,
  DEMO_CONTENT_PATH,
  forgetData,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
  yamlDocument,
} from '../helpers/harness.ts'
import { QUIZ_YAML } from '../helpers/quiz-content.ts'
import { ownerStats, statsLine } from '../helpers/stats.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'
import type { TestUser } from '../helpers/updates.ts'

const DAY = 86_400_000

function lastDocument(h: Harness, chatId: number) {
  const call = h.fake
    .sentTo(chatId)
    .filter((c) => c.method === 'sendDocument')
    .at(-1)
  if (!call) throw new Error('no document sent')
  return { caption: String(call.payload.caption ?? ''), file: call.files.document! }
}

/** A closed request of two days ago, first answered `minutes` after it opened by `by`. */
function answeredRequest(h: Harness, clientId: number, minutes: number, by = 777): void {
  const openedAt = h.clock.now() - 2 * DAY
  h.deps.db
    .insert(handoffs)
    .values({
      clientId,
      reason: 'asked',
      openedAt,
      firstResponseAt: openedAt + minutes * 60_000,
      firstResponderId: by,
      status: 'closed',
    })
    .run()
}

describe('/stats', () => {
  it('sends the numbers as text and a PNG chart', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const now = h.clock.now()
    const a = seedClient(h.deps, 601)
    const b = seedClient(h.deps, 602)
    const db = h.deps.db
    for (const [clientId, type] of [
      [a.id, 'start'],
      [b.id, 'start'],
      [a.id, 'discovery_done'],
      [a.id, 'paid'],
    ] as const) {
      db.insert(events)
        .values({ clientId, type, createdAt: now - DAY })
        .run()
    }
    answeredRequest(h, a.id, 4)
    db.insert(feedback)
      .values({ clientId: a.id, kind: 'nps', score: 10, createdAt: now - DAY })
      .run()
    db.insert(orders)
      .values({
        clientId: a.id,
        amount: 4_500_000,
        currency: 'RUB',
        status: 'paid',
        createdAt: now - DAY,
        paidAt: now - DAY,
      })
      .run()

    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней'))
    expect(text?.split('\n')[0]).toBe('📊 Статистика за 7 дней (16 нояб., 12:00 – 23 нояб., 12:00)')
    expect(text).toContain('Старт — 2')
    expect(text).toContain('Анкета: дошли сюда или дальше — 1 (50% от предыдущего шага, 50% от старта)')
    expect(text).toContain('медиана 4 мин')
    expect(text).toContain('готовность рекомендовать +100 (NPS), оценок: 1')
    expect(text).toContain('• id 777: обращений 1')

    const photo = h.fake.sentTo(owner.id).find((c) => c.method === 'sendPhoto')
    const png = photo?.files.photo?.data
    expect(png?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png!.readUInt32BE(16)).toBe(1200) // width from the IHDR chunk
    if (process.env.STATS_PNG) writeFileSync(process.env.STATS_PNG, png!)

    // As a Russian owner types it, the same week
    await h.send(h.u.text(owner, '/stats 7д'))
    expect(h.fake.textsTo(owner.id).filter((t) => t.includes('Статистика за 7 дней'))).toHaveLength(2)
    await h.send(h.u.text(owner, '/stats 14d'))
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Период: /stats 7d, /stats 30d или /stats 90d — или словом: сегодня, вчера, неделя, месяц, квартал (по умолчанию 30 дней).',
    )
  })

  it('on a bot nobody has asked or rated yet, says there were none instead of "0 из 0 — —"', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней')) ?? ''
    expect(text).toContain('💬 Обращений к менеджеру за период не было.')
    expect(text).toContain('⭐ Оценок после заказа за период не было.')
    expect(text).not.toContain('медиана —')
    expect(text).not.toContain('оценок: 0')
    // One line for the requests, as docs/owners.md promises: no closed line of zeros under it
    expect(text).not.toContain('✅ Закрыто')
  })

  it('answer times read as spans: "3 ч 5 мин", not "185 мин"', async () => {
    const h = createHarness()
    const a = seedClient(h.deps, 611)
    answeredRequest(h, a.id, 185)
    const text = await ownerStats(h)
    expect(text).toContain('первый ответ (в рабочее время): медиана 3 ч 5 мин, 90% — за 3 ч 5 мин;')
    expect(text).toContain('• id 777: обращений 1, медиана ответа 3 ч 5 мин,')
  })

  it('answer times count working hours, as the SLA share beside them: asked at 22:00, answered at 10:20 is 20 minutes', async () => {
    const h = createHarness()
    const a = seedClient(h.deps, 612)
    // Thursday 22:00 in Moscow; the demo business opens at 10:00 on Friday
    const openedAt = Date.parse('2026-11-19T22:00:00+03:00')
    h.deps.db
      .insert(handoffs)
      .values({
        clientId: a.id,
        reason: 'asked',
        openedAt,
        firstResponseAt: Date.parse('2026-11-20T10:20:00+03:00'),
        firstResponderId: 777,
        status: 'closed',
      })
      .run()
    const text = await ownerStats(h)
    expect(text).toContain('первый ответ (в рабочее время): медиана 20 мин, 90% — за 20 мин;')
    expect(text).toContain('• id 777: обращений 1, медиана ответа 20 мин,')
  })

  it('answer times keep the working hours they were counted on: changing the hours later does not rewrite them', async () => {
    // Thursday 19 November, 22:00 in Moscow: asked after hours; answered at 10:20 the next morning
    const h = createHarness({ clock: createFakeClock('2026-11-19T19:00:00Z') })
    const { topicId } = await clientInHandoff(h, 613, 'Анна')
    h.clock.set('2026-11-20T07:20:00Z')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Доброе утро! Смотрю ваш вопрос.'))
    await h.flush()
    h.clock.set('2026-11-21T09:00:00Z')
    expect(await ownerStats(h)).toContain('первый ответ (в рабочее время): медиана 20 мин, 90% — за 20 мин;')
    // From now on the business opens at 9:00 on weekdays: Friday's 9:00–10:20 was not working time then
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    expect(h.deps.content.replace(demo.replaceAll('["10:00-19:00"]', '["09:00-19:00"]'), 'file').ok).toBe(true)
    expect(await ownerStats(h)).toContain('первый ответ (в рабочее время): медиана 20 мин, 90% — за 20 мин;')
  })

  it('a report longer than one message comes whole, in several messages cut between lines, before the chart', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const now = h.clock.now()
    // 36 managers with long names (emoji count twice in Telegram's length), each with a rated request
    const managers = Array.from({ length: 36 }, (_, i) => ({
      id: 5_200_000 + i,
      name: `Менеджер №${i + 1} 🌟🌟🌟 Константинопольская-Длинноимённая Александра Вячеславовна 🚀🚀🚀 отдел ${i + 1}`,
    }))
    managers.forEach((m, i) => {
      h.deps.services.staff.add(m.id, 'manager', OWNER_ID, m.name)
      const client = seedClient(h.deps, 6_000 + i)
      const [handoff] = h.deps.db
        .insert(handoffs)
        .values({
          clientId: client.id,
          reason: 'asked',
          openedAt: now - 2 * DAY,
          firstResponseAt: now - 2 * DAY + 4 * 60_000,
          firstResponderId: m.id,
          managerId: m.id,
          status: 'closed',
        })
        .returning()
        .all()
      h.deps.db
        .insert(feedback)
        .values([
          {
            clientId: client.id,
            kind: 'handoff_speed',
            score: 5,
            handoffId: handoff!.id,
            managerId: m.id,
            createdAt: now - DAY,
          },
          {
            clientId: client.id,
            kind: 'handoff_quality',
            score: 4,
            handoffId: handoff!.id,
            managerId: m.id,
            createdAt: now - DAY,
          },
        ])
        .run()
      // Money in several currencies, for the revenue lines
      const currency = ['RUB', 'USD', 'EUR'][i % 3]!
      h.deps.db
        .insert(orders)
        .values({
          clientId: client.id,
          amount: 100_000 + i,
          currency,
          status: 'paid',
          createdAt: now - DAY,
          paidAt: now - DAY,
        })
        .run()
    })

    await h.send(h.u.text(owner, '/stats 7d'))
    const sent = h.fake.sentTo(owner.id)
    expect(sent.at(-1)?.method).toBe('sendPhoto')
    const texts = sent.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text))
    const first = texts.findIndex((t) => t.startsWith('📊 Статистика за 7 дней'))
    expect(first).toBeGreaterThan(0) // after "counting…"
    const parts = texts.slice(first)
    expect(parts.length).toBeGreaterThan(1)
    // Each within Telegram's 4096 UTF-16 units, no part starting or ending on a cut line
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096)
      expect(part).toBe(part.trim())
    }
    // The whole report, in order: every manager's line whole, once
    const lines = parts.join('\n').split('\n')
    expect(lines.find((l) => l.startsWith('💰 Оплачено за период:'))).toContain('(счетов: 36)')
    const managerLines = lines.filter((l) => l.startsWith('• '))
    expect(managerLines).toEqual(
      managers.map(
        (m) =>
          `• ${m.name}: обращений 1, медиана ответа 4 мин, в срок 100%, оценки ответов: скорость 5,0, качество 4,0 — по 1 обращению`,
      ),
    )
    // The managers' heading opens a message: the overview and the managers are read apart
    expect(parts.slice(1).some((p) => p.startsWith('👥 Менеджеры'))).toBe(true)
  })

  it('in English, a count of one reads in the singular: "1 request", "1 no-show", "1 working minute"', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'en' })
    const now = h.clock.now()
    const a = seedClient(h.deps, 601)
    h.deps.db
      .insert(events)
      .values({ clientId: a.id, type: 'start', createdAt: now - DAY })
      .run()
    answeredRequest(h, a.id, 4)
    for (const [status, day] of [
      ['no_answer', 3],
      ['called', 2],
      ['called', 1],
    ] as const) {
      h.deps.db
        .insert(bookings)
        .values({
          clientId: a.id,
          slotStart: now - day * DAY,
          slotEnd: now - day * DAY + 30 * 60_000,
          status,
          createdAt: now - 4 * DAY,
          updatedAt: now - day * DAY,
        })
        .run()
    }

    // A one-minute answer time too
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    expect(h.deps.content.replace(demo.replace('sla_minutes: 15', 'sla_minutes: 1'), 'upload').ok).toBe(true)

    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.startsWith('📊 Stats for 7 days')) ?? ''
    expect(text).toContain('• id 777: 1 request, median reply 4 min, in time 0%, no answer ratings')
    expect(text).toContain('booked in the period; of those due in it, 2 held, 1 no-show (33% of those held or missed)')
    expect(text).toContain("in time (each request's own deadline; now 1 working minute):")
  })

  it("a team member's own /start is no client's start, even after they leave the team; their /start as a client then is", async () => {
    const h = createHarness()
    const manager = h.u.user(5_000_078, { first_name: 'Игорь' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    await h.send(h.u.text(manager, '/start'))
    h.deps.services.staff.remove(manager.id)
    h.clock.advance(60_000)
    expect(await ownerStats(h)).toContain('Воронка: новых клиентов за период не было')
    // Served as a client from now on: greeted as one who is new, and counted
    h.clock.advance(60_000)
    await h.send(h.u.text(manager, '/start'))
    expect(h.fake.textsTo(manager.id).at(-2)).toMatch(/^Здравствуйте, Игорь!/)
    h.clock.advance(60_000)
    expect(await ownerStats(h)).toContain('Старт — 1')
  })

  it('money counts clients only: a manager paying (and refunded) on themselves is not revenue', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const manager = h.u.user(5_000_077, { first_name: 'Менеджер' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    // The manager tries the bot as a client: a request, an invoice, marked paid
    await h.send(h.u.text(manager, '/start'), h.u.text(manager, '/manager'))
    await h.drain()
    const row = findClientByTelegramId(h.deps.db, manager.id) as ClientRow
    expect(row.topicId).toBeTruthy()
    await h.send(h.u.staffText(manager, row.topicId as number, '/invoice 100 тест оплаты'))
    await h.send(h.u.staffText(manager, row.topicId as number, '/paid'))
    await h.drain()
    expect(h.deps.db.select().from(orders).all()).toMatchObject([{ clientId: row.id, status: 'paid' }])
    // …and an earlier test order of theirs refunded in the period
    const now = h.clock.now()
    h.deps.db
      .insert(orders)
      .values({
        clientId: row.id,
        amount: 50_000,
        currency: 'RUB',
        status: 'refunded',
        createdAt: now - 10 * DAY,
        paidAt: now - 10 * DAY,
        refundedAt: now - DAY,
      })
      .run()

    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней'))
    expect(text).toContain('Воронка: новых клиентов за период не было')
    expect(text).toContain('💰 Оплат за период не было.')
    expect(text).not.toContain('↩️ Возвраты')

    // A client's payment in the same period is counted
    const client = seedClient(h.deps, 601)
    h.deps.db
      .insert(orders)
      .values({ clientId: client.id, amount: 4_500_000, currency: 'RUB', status: 'paid', createdAt: now, paidAt: now })
      .run()
    // Asked a minute later: the period ends at the moment of asking, that moment left out
    h.clock.advance(60_000)
    await h.send(h.u.text(owner, '/stats 7d'))
    const after = h.fake
      .textsTo(owner.id)
      .filter((t) => t.includes('Статистика за 7 дней'))
      .at(-1)
    expect(after).toContain('💰 Оплачено за период: 45')
    expect(after).toContain('(счетов: 1)')
  })

  it('the funnel shows how far clients got: a step skipped on the way counts as passed, none above 100%', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const now = h.clock.now()
    // Three clients answer the questions, take the quiz, book a call and pay; one of them also
    // asked for a manager, who answered in time; one more went straight to the quiz
    const ids = [601, 602, 603, 604].map((t) => seedClient(h.deps, t).id)
    const rows: { clientId: number; type: string; createdAt: number }[] = []
    for (const clientId of ids.slice(0, 3)) {
      for (const [i, type] of ['start', 'discovery_done', 'quiz_done', 'booked'].entries()) {
        rows.push({ clientId, type, createdAt: now - 5 * DAY + i * 3_600_000 })
      }
      const paidAt = now - 4 * DAY
      const order = { clientId, amount: 4_500_000, currency: 'RUB', status: 'paid' as const, createdAt: paidAt, paidAt }
      h.deps.db.insert(orders).values(order).run()
    }
    rows.push({ clientId: ids[0]!, type: 'handoff_opened', createdAt: now - 4 * DAY })
    rows.push({ clientId: ids[0]!, type: 'answered_in_sla', createdAt: now - 4 * DAY + 60_000 })
    rows.push({ clientId: ids[3]!, type: 'start', createdAt: now - 3 * DAY })
    rows.push({ clientId: ids[3]!, type: 'quiz_done', createdAt: now - 3 * DAY + 60_000 })
    h.deps.db.insert(events).values(rows).run()

    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней'))!
    const funnel = text.split('\n\n')[1]
    expect(funnel).toBe(
      [
        'Воронка: сколько из начавших за период дошли до каждого шага (пошедшие дальше, не закончив шаг, — тоже)',
        'Старт — 4',
        'Анкета: дошли сюда или дальше — 4 (100% от предыдущего шага, 100% от старта); из них сами закончили этот шаг — 3',
        'Квиз: дошли сюда или дальше — 4 (100% от предыдущего шага, 100% от старта)',
        'Запись / менеджер: дошли сюда или дальше — 3 (75% от предыдущего шага, 75% от старта)',
        'Оплата: дошли сюда или дальше — 3 (100% от предыдущего шага, 75% от старта)',
        'Переход к отзыву: дошли сюда или дальше — 0 (0% от предыдущего шага, 0% от старта)',
        '(клиенты: записались на звонок — 3, переданы менеджеру — 1, из них хоть раз получили ответ в срок — 1)',
      ].join('\n'),
    )
  })

  it('a request that went late is the miss of the manager who had it, not of the colleague it was passed to', async () => {
    const h = createHarness()
    const SVETA = 5_100_002
    const OLEG = 5_100_003
    h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
    h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
    const sveta = h.u.user(SVETA, { first_name: 'Светлана' })
    const oleg = h.u.user(OLEG, { first_name: 'Олег' })
    const inGeneral = (from: TestUser, text: string) => h.u.text(from, text, { chatId: STAFF_GROUP_ID })
    await sendThroughOutbox(h, inGeneral(sveta, '/duty on'), inGeneral(oleg, '/duty on'))
    const user = h.u.user(4201, { first_name: 'Клиент' })
    await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)

    // Sveta lets the 15 working minutes pass: the request goes to Oleg
    h.clock.advance(16 * 60_000)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(OLEG)
    const managers = (text: string) => text.split('👥 Менеджеры\n')[1]!.split('\n')
    expect(managers(await ownerStats(h))).toEqual([
      '• Светлана: обращений 1, медиана ответа —, в срок 0%, оценок ответов нет',
    ])

    // Oleg answers a minute after he got it: his answer, not his miss; still Sveta's
    h.clock.advance(60_000)
    await h.send(h.u.staffText(oleg, client.topicId!, 'Здравствуйте! Извините за ожидание.'))
    await h.drain()
    const text = await ownerStats(h)
    expect(managers(text)).toEqual([
      '• Светлана: обращений 1, медиана ответа —, в срок 0%, оценок ответов нет',
      '• Олег: обращений 1 (из них 1 пришло уже просроченным: ответ через 1 мин после просрочки), медиана ответа —, в срок —, оценок ответов нет',
      'Просроченное обращение — промах того, у кого оно было к сроку; у того, кому оно досталось позже, оно не учитывается ни в медиане, ни в доле «в срок».',
    ])
    // The team missed it all the same
    expect(text).toContain('в срок (свой у каждого обращения; сейчас 15 мин рабочего времени): 0 из 1 — 0%')
  })

  it("a client's rating is filed with the request: under the colleague who answered it, not the one on duty", async () => {
    const h = createHarness()
    const SVETA = 5_100_002
    const OLEG = 5_100_003
    h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
    h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
    const sveta = h.u.user(SVETA, { first_name: 'Светлана' })
    const oleg = h.u.user(OLEG, { first_name: 'Олег' })
    await sendThroughOutbox(h, h.u.text(sveta, '/duty on', { chatId: STAFF_GROUP_ID }))
    const user = h.u.user(4203, { first_name: 'Клиент' })
    await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(SVETA)

    // Oleg answers Sveta's client and closes; the client rates speed 5 and quality 4
    h.clock.advance(2 * 60_000)
    await h.send(
      h.u.staffText(oleg, client.topicId!, 'Здравствуйте! Отвечу я.'),
      h.u.staffText(oleg, client.topicId!, '/close'),
    )
    await h.drain()
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[0]!.data!))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[4]!.data!))
    await h.send(h.u.callback(user, h.fake.lastButtonsTo(user.id)[3]!.data!))

    h.clock.advance(60_000)
    const managers = (await ownerStats(h)).split('👥 Менеджеры\n')[1]!.split('\n')
    expect(managers).toEqual([
      '• Олег: обращений 1, медиана ответа 2 мин, в срок 100%, оценки ответов: скорость 5,0, качество 4,0 — по 1 обращению',
    ])
  })

  it('a request answered in time stays in time when the answer time is shortened later, in every line', async () => {
    const h = createHarness()
    const manager = h.u.user(5_000_077, { first_name: 'Менеджер' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    const { user, topicId } = await clientInHandoff(h, 700, 'Анна')
    const promise = h.fake.lastTextTo(user.id)!.match(/Ответим до [\d:]+/)?.[0]
    expect(promise).toBeDefined()
    // The owner asks for faster answers: the client's request keeps the time it was promised
    const yaml = readFileSync(DEMO_CONTENT_PATH, 'utf8').replace('sla_minutes: 15', 'sla_minutes: 5')
    expect(h.deps.content.replace(yaml, 'upload', OWNER_ID).ok).toBe(true)
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain(promise)
    // 10 minutes: within the 15 it was opened with, no alert
    h.clock.advance(10 * 60_000)
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте!'))
    await h.drain()

    const lines = (await ownerStats(h)).split('\n')
    expect(lines.find((l) => l.includes('получили ответ в срок'))).toContain(
      'из них хоть раз получили ответ в срок — 1',
    )
    // The label does not say the request was measured against today's 5 minutes: it names them as now's
    expect(lines.find((l) => l.startsWith('💬'))).toContain(
      'в срок (свой у каждого обращения; сейчас 5 мин рабочего времени): 1 из 1 — 100%',
    )
    expect(lines.find((l) => l.includes('Менеджер:'))).toContain('в срок 100%')
    // The same in English
    await h.send(h.u.text(h.u.user(OWNER_ID, { language_code: 'en' }), '/stats 7d'))
    const english = h.fake.textsTo(OWNER_ID).find((t) => t.startsWith('📊 Stats for 7 days')) ?? ''
    expect(english).toContain("in time (each request's own deadline; now 5 working minutes): 1 of 1 — 100%")
  })

  it("retention counts a customer's own activity only: the bot's re-engagement does not keep a silent one", async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const user = h.u.user(901, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
    const client = h.deps.services.dataExport.findClient('901')!
    const now = h.clock.now()
    const [order] = h.deps.db
      .insert(orders)
      .values({ clientId: client.id, amount: 4_500_000, currency: 'RUB', createdAt: now })
      .returning()
      .all()
    h.deps.services.orders.markPaid(order!.id, 'staff')

    // 91 days of silence (reengage_after_days is 90): the sweep writes to her, she does not answer
    h.clock.set(now + 91 * DAY)
    expect((await h.deps.services.followups.sweep()).reengage).toBe(1)
    h.clock.set(now + 91 * DAY + 8 * 3_600_000) // after quiet hours
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('давно не общались')

    const retention = async () => statsLine(await ownerStats(h, '30d'), '🔁')
    // 120 days after her last own action she is no longer a customer
    h.clock.set(now + 120 * DAY)
    expect(await retention()).toContain('на начало периода 0, на конец 0')
    // Once she writes, she is one again
    await h.send(h.u.text(user, 'Здравствуйте, я снова с вами'))
    expect(await retention()).toContain('на начало периода 0, на конец 1')
    // The periods before, when she was one, are listed…
    const history = () =>
      h.fake
        .textsTo(owner.id)
        .filter((t) => t.includes('Статистика за 30 дней'))
        .at(-1)
        ?.split('\n')
        .filter((l) => l.startsWith('Удержание по периодам'))
    expect(history()).toEqual([expect.stringMatching(/^Удержание по периодам: .*\d+%/)])
    // …but a business with no customer in any earlier period gets no "— → — → —"
    const fresh = createHarness()
    await fresh.send(fresh.u.text(fresh.u.user(OWNER_ID), '/stats 30d'))
    expect(fresh.fake.textsTo(OWNER_ID).join('\n')).not.toContain('Удержание по периодам')
  })
})

describe('/export and /mydata', () => {
  it('exports every client as CSV with a BOM that Excel reads, commas, quotes and line breaks intact', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 701, { firstName: 'Ёлкина, "Мария"\nИвановна', tags: ['vip', 'опт'], phone: '+7 999 123-45-67' })
    seedClient(h.deps, 702, { firstName: 'Пётр', consent: false })
    seedClient(h.deps, 703, { forgotten: true })
    await h.send(h.u.text(owner, '/export'))
    const { caption, file } = lastDocument(h, owner.id)
    expect(file.filename).toMatch(/^clients-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/)
    expect(file.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const rows = parseCsv(file.data.toString('utf8').slice(1))
    const header = rows[0]!
    const col = (name: string) => header.indexOf(name)
    const byTelegram = new Map(rows.slice(1).map((r) => [r[col('telegram_id')], r]))
    expect(byTelegram.get('701')?.[col('first_name')]).toBe('Ёлкина, "Мария"\nИвановна')
    expect(byTelegram.get('701')?.[col('tags')]).toBe('vip; опт')
    // Grouped as its country writes it, whichever way it was stored: text to a spreadsheet
    expect(byTelegram.get('701')?.[col('phone')]).toBe('+7 999 123 45 67')
    expect(byTelegram.get('701')?.[col('marketing_consent')]).toBe('granted')
    expect(byTelegram.get('702')?.[col('marketing_consent')]).toBe('not_asked')
    // the erased client is not there
    expect([...byTelegram.keys()].sort()).toEqual(['701', '702'])
    // The file's times carry no zone: the caption names it
    expect(caption).toBe(
      'Клиентов: 2 (без команды и без удаливших свои данные через /forget: их /stats считает обезличенно). Время — Москва, UTC+3. Google Таблицы открывают файл сразу, Excel — через «Данные → Из текста/CSV».',
    )
  })

  /** Each stage (STAGES' order) as the bot names it to the team, in each language. */
  const STAGE_NAMES = {
    en: [
      'first contact',
      'discovery',
      'choosing',
      'deciding',
      'customer (one order paid)',
      'repeat customer (paid a second order)',
      'went to leave a review',
    ],
    ru: [
      'первый контакт',
      'выяснение задачи',
      'подбор вариантов',
      'решение',
      'клиент (оплачен один заказ)',
      'повторный клиент (оплачен второй заказ)',
      'переход к отзыву',
    ],
  } as const
  it.each(['en', 'ru'] as const)(
    'names each stage one way (%s): the export’s last column, the broadcast’s stage buttons and segment, the card',
    async (language) => {
      const names = STAGE_NAMES[language]
      const h = createHarness({ config: { DEFAULT_LOCALE: language } })
      const owner = h.u.user(OWNER_ID, { language_code: language })
      for (const [i, stage] of STAGES.entries()) seedClient(h.deps, 711 + i, { stage })

      // The export: the code, and beside it in a last column (every column before it keeps its place) the name
      await h.send(h.u.text(owner, '/export'))
      const rows = parseCsv(lastDocument(h, owner.id).file.data.toString('utf8').slice(1))
      const header = rows[0]!
      expect(header.slice(0, -1)).toEqual([...CLIENT_CSV_COLUMNS].slice(0, -1))
      expect(header.at(-1)).toBe('stage_name')
      const byTelegram = new Map(rows.slice(1).map((r) => [r[header.indexOf('telegram_id')], r]))
      const exported = STAGES.map((_, i) => {
        const row = byTelegram.get(String(711 + i))!
        return [row[header.indexOf('stage')], row.at(-1)]
      })
      expect(exported).toEqual(STAGES.map((stage, i) => [stage, names[i]]))

      // The broadcast's stage buttons, in the same words, and the segment picked by one
      await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость'))
      await pressMatching(h, owner, '📍')
      const choices = h.fake.lastButtonsTo(owner.id).map((b) => b.text)
      // (one client at each stage)
      expect(choices.slice(0, STAGES.length)).toEqual(names.map((name) => `${name} (1)`))
      await pressMatching(h, owner, names[5])
      expect(h.fake.lastTextTo(owner.id)).toContain(`${language === 'ru' ? 'этап' : 'stage'}: ${names[5]}`)
      expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toContain(
        `📍 ${language === 'ru' ? 'Этап' : 'Stage'}: ${names[5]}`,
      )

      // The card a manager reads
      const { topicId } = await clientWithTopic(h, 721, { client: { stage: 'repeat' } })
      await h.send(h.u.staffText(owner, topicId, '/card'))
      await settle(h)
      const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('🆔'))
      expect(card).toContain(`${language === 'ru' ? 'этап' : 'stage'}: ${names[5]} ·`)
      expect(h.errors()).toEqual([])
    },
  )

  it('writes a phone as text a spreadsheet keeps (grouped the international way) and sums as numbers beside the totals', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    // Typed as Russians dial it, in a request for a call: stored as +79121112233
    const user = h.u.user(704, { first_name: 'Дарья' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Перезвоните мне, пожалуйста: 8 912 111-22-33'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(client.phone).toBe('+79121112233')
    const now = h.clock.now()
    const paid = { clientId: client.id, currency: 'RUB', status: 'paid' as const, createdAt: now, paidAt: now }
    h.deps.db
      .insert(orders)
      .values([
        { ...paid, amount: 9_500_000 },
        { ...paid, amount: 125_050 },
        { ...paid, amount: 2_000_000, status: 'refunded' as const, refundedAt: now },
        { clientId: client.id, amount: 1_500_000, currency: 'RUB', status: 'unpaid' as const, createdAt: now },
      ])
      .run()
    // Billed in two currencies: no one number sums them
    const mixed = seedClient(h.deps, 705, { phone: '+44 20 7946 0958' })
    h.deps.db
      .insert(orders)
      .values([
        { clientId: mixed.id, amount: 3_050, currency: 'EUR', status: 'paid', createdAt: now, paidAt: now },
        { clientId: mixed.id, amount: 100_000, currency: 'RUB', status: 'paid', createdAt: now, paidAt: now },
      ])
      .run()
    // A number kept as typed (no country code to group it by) and no orders
    seedClient(h.deps, 706, { phone: '916 123-45-67' })

    await h.send(h.u.text(owner, '/export'))
    const text = lastDocument(h, owner.id).file.data.toString('utf8')
    const rows = parseCsv(text.slice(1))
    const header = rows[0]!
    const row = (telegramId: number) => {
      const found = rows.find((r) => r[header.indexOf('telegram_id')] === String(telegramId))!
      return (name: string) => found[header.indexOf(name)]
    }
    const dasha = row(704)
    // Spaces make it text to Excel and Google Sheets ("+79121112233" became 7,91211E+10), with its "+"
    // and no apostrophe: a phone is no formula
    expect(dasha('phone')).toBe('+7 912 111 22 33')
    expect(text).toContain(',+7 912 111 22 33,')
    // The text totals as before; beside them the same sums as plain numbers in the client's currency
    expect(dasha('paid_total')).toBe('96250.50 RUB')
    expect([dasha('currency'), dasha('paid_amount'), dasha('unpaid_amount'), dasha('refunded_amount')]).toEqual([
      'RUB',
      '96250.5',
      '15000',
      '20000',
    ])
    const other = row(705)
    expect(other('phone')).toBe('+44 20 7946 0958')
    expect(other('paid_total')).toBe('30.50 EUR; 1000.00 RUB')
    expect([other('currency'), other('paid_amount'), other('unpaid_amount'), other('refunded_amount')]).toEqual([
      '',
      '',
      '',
      '',
    ])
    const local = row(706)
    expect(local('phone')).toBe('916 123-45-67')
    expect([local('currency'), local('paid_amount')]).toEqual(['', ''])
    // The columns before stay where they were: the new ones come after them (and `stage_name`, added later, after these)
    expect(header.slice(-5, -1)).toEqual(['currency', 'paid_amount', 'unpaid_amount', 'refunded_amount'])
  })

  it('keeps currencies as their codes, for a spreadsheet to compare: a salon in Minsk reads "Br" in the bot, "BYN" in the file', async () => {
    const h = createHarness({ content: contentWith({ business: { timezone: 'Europe/Minsk' } }) })
    const client = seedClient(h.deps, 707)
    const now = h.clock.now()
    h.deps.db
      .insert(orders)
      .values([
        { clientId: client.id, amount: 12_050, currency: 'BYN', status: 'paid', createdAt: now, paidAt: now },
        { clientId: client.id, amount: 5_000, currency: 'BYN', status: 'unpaid', createdAt: now },
      ])
      .run()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/export'))
    const rows = parseCsv(lastDocument(h, owner.id).file.data.toString('utf8').slice(1))
    const header = rows[0]!
    const row = rows.find((r) => r[header.indexOf('telegram_id')] === '707')!
    const cell = (name: string) => row[header.indexOf(name)]
    expect([cell('paid_total'), cell('unpaid_total')]).toEqual(['120.50 BYN', '50.00 BYN'])
    expect([cell('currency'), cell('paid_amount'), cell('unpaid_amount')]).toEqual(['BYN', '120.5', '50'])
    // The bot's own words write the sign, as the salon's clients read it
    const { topicId } = await clientWithTopic(h, 708)
    await h.send(h.u.staffText(owner, topicId, '/invoice 120,50 BYN окрашивание'))
    await h.flush()
    expect(h.fake.lastTextTo(708)).toContain('Сумма: 120,50\u00a0Br')
    expect(h.errors()).toEqual([])
  })

  it('names a zone with summer time by its name: one offset would be wrong for half the year’s rows', async () => {
    const h = createHarness({ content: contentWith({ business: { timezone: 'Europe/Berlin' } }) })
    seedClient(h.deps, 703)
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export'))
    await h.drain()
    expect(lastDocument(h, OWNER_ID).caption).toBe(
      'Клиентов: 1 (без команды и без удаливших свои данные через /forget: их /stats считает обезличенно). Время — Europe/Berlin. Google Таблицы открывают файл сразу, Excel — через «Данные → Из текста/CSV».',
    )
  })

  it('counts only clients: the owner and a manager who write to the bot are staff, in the export and the stats', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const manager = h.u.user(5_000_077, { first_name: 'Менеджер' })
    const client = h.u.user(5_000_078, { first_name: 'Клиентка' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    for (const user of [owner, manager, client]) {
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
    }
    await h.send(h.u.text(manager, '/manager'), h.u.text(client, '/manager'))

    await h.send(h.u.text(owner, '/export'))
    const { caption, file } = lastDocument(h, owner.id)
    const rows = parseCsv(file.data.toString('utf8').slice(1))
    const col = rows[0]!.indexOf('telegram_id')
    expect(rows.slice(1).map((r) => r[col])).toEqual([String(client.id)])
    expect(caption).toContain('Клиентов: 1')

    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней'))
    expect(text).toContain('Старт — 1')

    // Nor one by one: by number, Telegram id or username, a team member's row is no client's
    const ownerRow = findClientByTelegramId(h.deps.db, OWNER_ID)!
    const managerRow = findClientByTelegramId(h.deps.db, manager.id)!
    for (const reference of [`#${ownerRow.id}`, `${managerRow.id}`, String(manager.id)]) {
      await h.send(h.u.text(owner, `/export ${reference}`))
      expect(h.fake.lastTextTo(owner.id)).toBe(
        `«${reference}» — человек из команды, не клиент: /export выгружает только клиентов.`,
      )
    }

    // Nor by their name: the answer a number or a username gets, not "no client is named so"
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID, 'Ксения Менеджерова')
    for (const reference of ['Ксения', 'Ксения Менеджерова']) {
      await h.send(h.u.text(owner, `/export ${reference}`))
      expect(h.fake.lastTextTo(owner.id)).toBe(
        `«${reference}» — человек из команды, не клиент: /export выгружает только клиентов.`,
      )
    }

    // Someone who leaves the team is a client again
    h.deps.services.staff.remove(manager.id)
    await h.send(h.u.text(owner, '/export'))
    expect(lastDocument(h, owner.id).caption).toContain('Клиентов: 2')
    await h.send(h.u.text(owner, `/export #${managerRow.id}`))
    expect(lastDocument(h, owner.id).caption).toContain(`#${managerRow.id}`)
  })

  it('exports one client as JSON by id or @username; a client gets their own data without internal notes', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const user = h.u.user(711, { username: 'olga_k', first_name: 'Ольга' })
    await h.send(h.u.text(user, '/start'))
    const client = h.deps.services.dataExport.findClient('@OLGA_K')!
    const now = h.clock.now()
    h.deps.db
      .insert(messages)
      .values([
        { clientId: client.id, direction: 'in', type: 'text', text: 'Нужен сайт', createdAt: now },
        { clientId: client.id, direction: 'note', type: 'text', text: 'VIP, перезвонить', createdAt: now },
      ])
      .run()

    await h.send(h.u.text(owner, '/export @olga_k'))
    const staffView = JSON.parse(lastDocument(h, owner.id).file.data.toString('utf8'))
    expect(staffView.client).toMatchObject({ id: client.id, telegram_id: 711, username: 'olga_k', first_name: 'Ольга' })
    // the transcript also holds the greeting the bot recorded; the note is there for staff
    expect(staffView.messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining(['Нужен сайт', 'VIP, перезвонить']),
    )
    await h.send(h.u.text(owner, `/export ${client.id}`))
    expect(lastDocument(h, owner.id).file.filename).toBe(`client-${client.id}.json`)
    // As the card and the topic's title write the client's number; "#711" is no Telegram id
    h.fake.clearCalls()
    await h.send(h.u.text(owner, `/export #${client.id}`))
    expect(lastDocument(h, owner.id).file.filename).toBe(`client-${client.id}.json`)
    await h.send(h.u.text(owner, '/export #711'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Клиент «#711» не найден')
    await h.send(h.u.text(owner, '/export @nobody_here'))
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Клиента с ником @nobody_here нет: бот знает ник, с которым клиент писал ему последний раз. Если клиент удалил свои данные (/forget), его ник нигде не хранится — найти его можно только по номеру клиента (#12).',
    )

    await h.send(h.u.text(user, '/mydata'))
    const own = lastDocument(h, user.id)
    expect(own.file.filename).toBe('my-data.json')
    const mine = JSON.parse(own.file.data.toString('utf8'))
    expect(mine.client.first_name).toBe('Ольга')
    expect(mine.client.manager_id).toBeUndefined()
    const ownTexts = mine.messages.map((m: { text: string }) => m.text)
    expect(ownTexts).toContain('Нужен сайт')
    expect(ownTexts).not.toContain('VIP, перезвонить')
    expect(mine.events.map((e: { type: string }) => e.type)).toContain('start')
  })
  it("one client's JSON names the manager who leads them as the topic does: nobody, once that manager left the team", async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const manager = h.u.user(5_000_079, { first_name: 'Алексей' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID, 'Алексей')
    const user = h.u.user(712, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'))
    const client = h.deps.services.dataExport.findClient('712')!
    h.deps.services.handoff.assign(client.id, manager.id)
    const managerIn = async () => {
      await h.send(h.u.text(owner, `/export #${client.id}`))
      return JSON.parse(lastDocument(h, owner.id).file.data.toString('utf8')).client.manager_id
    }
    expect(await managerIn()).toBe(manager.id)
    h.deps.services.staff.remove(manager.id)
    expect(await managerIn()).toBeNull()
  })

  it('/export of a client who erased their data says so by their number; by their id or username: only the number finds them', async () => {
    const h = createHarness()
    const user = h.u.user(713, { first_name: 'Jake', username: 'jake_rush' })
    await h.send(h.u.text(user, '/start'))
    const client = h.deps.services.dataExport.findClient('713')!
    await forgetData(h, user)
    await h.send(h.u.text(h.u.user(OWNER_ID), `/export #${client.id}`))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `Клиент #${client.id} удалил свои данные (/forget): выгружать нечего — в статистике остались только обезличенные цифры.`,
    )
    // By their username: no "give the @username" to an owner who gave one — it is gone too
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export @jake_rush'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Клиента с ником @jake_rush нет: бот знает ник, с которым клиент писал ему последний раз. Если клиент удалил свои данные (/forget), его ник нигде не хранится — найти его можно только по номеру клиента (#12).',
    )
    await h.send(h.u.text(h.u.user(OWNER_ID, { language_code: 'en' }), '/export @jake_rush'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'No client has the username @jake_rush: the bot knows the one a client last wrote to it with. A client who erased their data (/forget) left no username anywhere: only their client number (#12) finds them.',
    )
    // By their Telegram id: no "give the Telegram id" to an owner who gave one
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export 713'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Клиента с номером или Telegram id 713 нет. Если клиент удалил свои данные (/forget), его Telegram id нигде не хранится — найти его можно только по номеру клиента (#12).',
    )
  })

  it('a name after /export exports the one client it matches, lists several, each with its command; none: the owner is told so, and where /find looks further', async () => {
    const h = createHarness()
    const user = h.u.user(712, { first_name: 'Анна', last_name: 'Петрова' })
    await h.send(h.u.text(user, '/start'))
    const anna = findClientByTelegramId(h.deps.db, user.id)!
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export Анна'))
    // The one client of that name is exported straight away, as /export #12 does: a command to send
    // again for the only client there was asked for a step that chose nothing
    expect(h.fake.sentTo(OWNER_ID).at(-1)?.payload.caption).toBe(`Все данные клиента #${anna.id}.`)
    // Several: up to five, and where the rest are
    const others = [1, 2, 3, 4, 5].map((n) => h.u.user(720 + n, { first_name: 'Анна', username: `anna_${n}` }))
    for (const other of others) await h.send(h.u.text(other, '/start'))
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export Анна'))
    const list = h.fake.lastTextTo(OWNER_ID).split('\n')
    expect(list[0]).toBe('Нашлись клиенты с именем «Анна». Чтобы выгрузить данные, отправьте команду из нужной строки:')
    expect(list.slice(1, -1)).toHaveLength(5)
    expect(list[1]).toMatch(/^\/export #\d+ — Анна @anna_\d$/)
    expect(list.at(-1)).toBe('Это не все: остальных найдёт /find Анна в рабочей группе.')
    // Nobody by the name: said so, and where a wider search looks — no example number to copy
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export Зинаида'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Клиентов с именем «Зинаида» нет. В рабочей группе /find Зинаида ищет шире: ещё по телефону, почте и переписке.',
    )
    // In English, and by the name in the other alphabet, as /find finds it
    await h.send(h.u.text(h.u.user(OWNER_ID, { language_code: 'en' }), '/export Anna Petrova'))
    expect(h.fake.sentTo(OWNER_ID).at(-1)?.payload.caption).toBe(`Everything stored about client #${anna.id}.`)
    // One Latin word may be a username as well: none has it, so it is read as the name it also is…
    await h.send(h.u.text(h.u.user(OWNER_ID, { language_code: 'en' }), '/export Anna'))
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(
      /^Several clients are named “Anna”. To export a client's data, send the command on their line:\n/,
    )
    // …and when it names nobody either, the name's answer: letters alone read as a name, typed small too
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export zinaida'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Клиентов с именем «zinaida» нет. В рабочей группе /find zinaida ищет шире: ещё по телефону, почте и переписке.',
    )
    await h.send(h.u.text(h.u.user(OWNER_ID, { language_code: 'en' }), '/export Zinaida Orlova'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'No client is named “Zinaida Orlova”. In the staff group, /find Zinaida Orlova searches wider: phones, e-mails and conversations too.',
    )
    // A username (with @ or without: /export takes both) that matches nobody: only the number finds a
    // client who erased their data
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export @nobody_here'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Клиента с ником @nobody_here нет: бот знает ник, с которым клиент писал ему последний раз. Если клиент удалил свои данные (/forget), его ник нигде не хранится — найти его можно только по номеру клиента (#12).',
    )
    await h.send(h.u.text(h.u.user(OWNER_ID), '/export nobody_here'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Клиента с ником @nobody_here нет: бот знает ник, с которым клиент писал ему последний раз. Если клиент удалил свои данные (/forget), его ник нигде не хранится — найти его можно только по номеру клиента (#12).',
    )
    expect(h.errors()).toEqual([])
  })

  it('/export Emma is a name, not a username: a client gone or never there is answered as a name is, and @emma as a username', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    // Emma wrote to the bot, then erased her data
    const emma = h.u.user(731, { first_name: 'Emma', username: 'emma' })
    await h.send(h.u.text(emma, '/start'))
    await forgetData(h, emma)
    await h.send(h.u.text(owner, '/export Emma'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'No client is named “Emma”. In the staff group, /find Emma searches wider: phones, e-mails and conversations too.',
    )
    await h.send(h.u.text(owner, '/export Oliver'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'No client is named “Oliver”. In the staff group, /find Oliver searches wider: phones, e-mails and conversations too.',
    )
    // Sam goes by @oliver in Telegram: "Oliver", a name, lists him for the owner to choose, with
    // his username beside him (the one client of a name is exported at once: his is not it); "oliver", typed as a username is, exports him
    const sam = h.u.user(732, { first_name: 'Sam', username: 'oliver' })
    await h.send(h.u.text(sam, '/start'))
    const samId = findClientByTelegramId(h.deps.db, sam.id)!.id
    await h.send(h.u.text(owner, '/export Oliver'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `One client is named “Oliver”. To export their data, send this command:\n/export #${samId} — Sam @oliver`,
    )
    await h.send(h.u.text(owner, '/export oliver'))
    expect(h.fake.sentTo(OWNER_ID).at(-1)?.payload.caption).toBe(`Everything stored about client #${samId}.`)
    // With @ it is a username; so is a word with a digit or an underscore, which no name has
    const username =
      'No client has the username @emma: the bot knows the one a client last wrote to it with. A client who erased their data (/forget) left no username anywhere: only their client number (#12) finds them.'
    await h.send(h.u.text(owner, '/export @emma'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(username)
    await h.send(h.u.text(owner, '/export emma_k'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(username.replace('@emma:', '@emma_k:'))
    expect(h.errors()).toEqual([])
  })

  it('/mydata and /export give every quiz take with its own answers and the 👍/👎 on its cards', async () => {
    const h = createHarness({ content: contentFrom(QUIZ_YAML) })
    const owner = h.u.user(OWNER_ID)
    const user = h.u.user(2_990_001, { first_name: 'Кира' })
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Всё сразу')
    await press(h, user, 'Ничего')
    await press(h, user, 'Готово')
    const [first] = listQuizResults(h.deps.db, findClientByTelegramId(h.deps.db, user.id)?.id ?? -1)
    await h.send(h.u.callback(user, `qv:${first?.id}:alpha:down`))
    // Taken again, only the first question answered: the first take's answers leave the current ones
    await h.send(h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Любое')

    await h.send(h.u.text(user, '/mydata'))
    const mine = JSON.parse(lastDocument(h, user.id).file.data.toString('utf8'))
    const take = { answers: { goal: 'all', extras: ['nothing'] }, votes: [{ product: 'alpha', vote: 'down' }] }
    expect(mine.quiz_results).toMatchObject([take])
    await h.send(h.u.text(owner, `/export ${user.id}`))
    const staffView = JSON.parse(lastDocument(h, owner.id).file.data.toString('utf8'))
    expect(staffView.quiz_results).toMatchObject([take])
  })

  it('exports an order in a code not in ISO 4217 (stored before codes were checked) as stored', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const user = h.u.user(803, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'))
    const client = h.deps.services.dataExport.findClient('803')!
    const now = h.clock.now()
    h.deps.db
      .insert(orders)
      .values([
        { clientId: client.id, amount: 4_500_000, currency: 'RUR', status: 'paid', createdAt: now, paidAt: now },
        { clientId: client.id, amount: 100_000, currency: 'HRK', status: 'paid', createdAt: now, paidAt: now },
      ])
      .run()

    await h.send(h.u.text(owner, '/export'))
    const rows = parseCsv(lastDocument(h, owner.id).file.data.toString('utf8').slice(1))
    expect(rows[1]![rows[0]!.indexOf('paid_total')]).toBe('100000 HRK; 4500000 RUR')

    await h.send(h.u.text(user, '/mydata'))
    const mine = JSON.parse(lastDocument(h, user.id).file.data.toString('utf8'))
    expect(mine.orders.map((o: { amount: number; currency: string }) => `${o.amount} ${o.currency}`)).toEqual([
      '4500000 RUR',
      '100000 HRK',
    ])
  })
  it("sends an export over Telegram's 50 MB for a bot's file as several files, each with the header row", async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    // 600 clients with 90 KB of names each stand in for a large client base: 54 MB of CSV
    const name = 'Ж'.repeat(15_000)
    const now = h.clock.now()
    h.deps.db
      .insert(clients)
      .values(
        Array.from({ length: 600 }, (_, i) => ({
          telegramId: 9_000_000 + i,
          firstName: name,
          lastName: name,
          displayName: name,
          createdAt: now,
          lastSeenAt: now,
        })),
      )
      .run()

    await h.send(h.u.text(owner, '/export'))
    const documents = h.fake.sentTo(owner.id).filter((c) => c.method === 'sendDocument')
    expect(documents.map((c) => c.ok)).toEqual([true, true])
    const header = documents[0]!.files.document!.data.subarray(0, 1000).toString('utf8').split('\r\n')[0]!
    expect(header).toMatch(/^\uFEFFid,telegram_id,username,first_name,/)
    let rows = 0
    for (const [i, call] of documents.entries()) {
      const { filename, data } = call.files.document!
      expect(filename).toMatch(new RegExp(`^clients-\\d{4}-\\d{2}-\\d{2}-\\d{4}-${i + 1}-of-2\\.csv$`))
      expect(call.payload.caption).toBe(
        `Клиентов: 600 (без команды и удаливших свои данные), файл ${i + 1} из 2. Время — Москва, UTC+3. Telegram не принимает от бота файлы больше 50 МБ, поэтому список разделён на несколько; в каждом файле есть строка заголовков.`,
      )
      expect(data.length).toBeLessThanOrEqual(50 * 1024 * 1024)
      const text = data.toString('utf8')
      expect(text.startsWith(`${header}\r\n`)).toBe(true)
      rows += text.split('\r\n').length - 2
    }
    expect(rows).toBe(600)
    expect(h.fake.textsTo(owner.id).join('\n')).not.toContain('пошло не так')
  })
})

describe('/backup', () => {
  it('sends a consistent SQLite snapshot that opens with all the data', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 801)
    await h.send(h.u.text(owner, '/backup'))
    const { file, caption } = lastDocument(h, owner.id)
    expect(file.filename).toMatch(/^clientdesk-.*\.sqlite$/)
    expect(file.data.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0')
    expect(caption).toContain('персональные данные')
    const copy = new Database(file.data)
    expect(copy.prepare('select telegram_id from clients where telegram_id = 801').get()).toEqual({ telegram_id: 801 })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
  })

  it('an upload Telegram answers with 429 goes again after the wait, the same file whole', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 802)
    h.fake.tooManyRequests({ method: 'sendDocument', chatId: owner.id }, 3)
    const start = h.clock.now()
    await h.send(h.u.text(owner, '/backup'))
    const uploads = h.fake.calls.filter((c) => c.method === 'sendDocument')
    expect(uploads.map((c) => c.ok)).toEqual([false, true])
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(3000)
    const { file, caption } = lastDocument(h, owner.id)
    expect(caption).toContain('персональные данные')
    const copy = new Database(file.data)
    expect(copy.prepare('select telegram_id from clients where telegram_id = 802').get()).toEqual({ telegram_id: 802 })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
  })
})

describe('content import', () => {
  const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')

  it('applies a valid YAML document and reports what it holds', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const yaml = demo.replace(/^(\s*)name: .*$/m, '$1name: Студия «Новая»')
    await h.send(yamlDocument(h, owner, yaml))
    expect(h.fake.lastTextTo(owner.id)).toContain('Новый контент применён: Студия «Новая»')
    expect(h.deps.content.get().business.name).toBe('Студия «Новая»')
    const saved = h.deps.db.select().from(contentVersions).all().at(-1)
    expect(saved).toMatchObject({ source: 'upload', uploadedBy: OWNER_ID })
  })

  it('takes a file Windows saved as "content.yaml.txt" (Notepad adds .txt, Explorer hides it); another document gets a hint', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const yaml = demo.replace(/^(\s*)name: .*$/m, '$1name: Студия «Блокнот»')
    await h.send(yamlDocument(h, owner, yaml, 'content.yaml.txt'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Новый контент применён: Студия «Блокнот»')
    expect(h.deps.content.get().business.name).toBe('Студия «Блокнот»')

    const before = h.deps.content.get()
    await h.send(yamlDocument(h, owner, yaml, 'content.txt'))
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Это не файл контента: я беру только файл с именем на .yaml или .yml. Если это он, переименуйте «content.txt» в content.yaml и пришлите снова.',
    )
    expect(h.deps.content.get()).toBe(before)
  })

  it('rejects an invalid file with the line-numbered report and keeps the content', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const before = h.deps.content.get()
    const yaml = demo.replace('timezone: Europe/Moscow', 'timezone: Moscow')
    await h.send(yamlDocument(h, owner, yaml, 'new.yml'))
    const reply = h.fake.lastTextTo(owner.id)
    expect(reply).toContain('бот продолжает работать на прежней версии')
    expect(reply).toContain('Исправьте файл и пришлите его снова.')
    expect(reply).toMatch(/business → timezone: unknown time zone "Moscow".*\(line \d+\)/)
    expect(h.deps.content.get()).toBe(before)

    await h.send(yamlDocument(h, owner, 'business: [unclosed', 'broken.yaml'))
    expect(h.fake.lastTextTo(owner.id)).toContain('YAML syntax error')
    expect(h.deps.content.get()).toBe(before)
  })

  it('a line with two ": " in it is reported once, not once for each', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const line = '    ru: Маникюр: педикюр и брови в центре города. Звоните: +7 999 000-00-00'
    const yaml = demo.replace(/^ {4}ru: Делаем понятные сайты.*$/m, line)
    await h.send(yamlDocument(h, owner, yaml))
    const at = yaml.split('\n').indexOf(line) + 1
    const reported = `Ошибка в записи (YAML) — YAML syntax error: a text with ": " in it: put the whole text in quotes (line ${at})`
    const reply = h.fake.lastTextTo(owner.id)
    expect(reply.split('\n').filter((l) => l === reported)).toHaveLength(1)
  })

  it('a price written as text is refused with the form to write it in, as docs/content.md writes it', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const before = h.deps.content.get()
    const yaml = demo.replace('    price: { amount: 45000, currency: RUB, from: true }', '    price: от 45000 руб')
    await h.send(yamlDocument(h, owner, yaml))
    const at = yaml.split('\n').indexOf('    price: от 45000 руб') + 1
    expect(h.fake.lastTextTo(owner.id)).toContain(
      `products → #1 (landing) → price: expected a mapping of keys to values, got "от 45000 руб" (write it like { amount: 45000, currency: RUB, from: true }) (line ${at})`,
    )
    expect(readFileSync('docs/content.md', 'utf8')).toContain('price: { amount: 45000, currency: RUB, from: true }')
    expect(h.deps.content.get()).toBe(before)
    // A price left out is still just required
    await h.send(yamlDocument(h, owner, demo.replace('    price: { amount: 45000, currency: RUB, from: true }\n', '')))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/products → #1 \(landing\) → price: is required \(line \d+\)/)
  })

  it('a file saved in Windows-1251 is refused with what to do; the content in force stays', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const before = h.deps.content.get()
    const update = h.u.document(owner, { fileName: 'content.yaml' })
    h.fake.files.set(update.message!.document!.file_id, windows1251(demo))
    await h.send(update)
    expect(h.fake.lastTextTo(owner.id)).toContain('бот продолжает работать на прежней версии')
    expect(h.fake.lastTextTo(owner.id)).toMatch(/the file is not saved as UTF-8 .*: save it with the encoding UTF-8/)
    expect(h.deps.content.get()).toBe(before)
  })

  it('a report longer than a message is cut the way a file edited on the server is: whole lines, then the rest counted', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    // Indented with tabs: a problem on almost every line
    const tabs = demo.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2))
    await h.send(yamlDocument(h, owner, tabs))
    const reply = h.fake.sentTo(owner.id).at(-1)
    expect(reply?.ok).toBe(true)
    expect(String(reply?.payload.text)).toContain('YAML syntax error')
    // The rest counted in the owner's words (they may have sent it from their phone), whole in the log
    const text = String(reply?.payload.text)
    expect(text).toMatch(
      /\n…и ещё \d+: исправьте эти — следующая проверка покажет остальные \(все сразу: npm run content:check на сервере\)\.\n\nФайл не прочитался целиком, поэтому остальное в нём пока не проверено — проверю, когда это исправите\.$/,
    )
    const left = Number(/…и ещё (\d+)/.exec(text)?.[1])
    const logged = h.logs.find((l) => l.msg === 'uploaded content rejected') as { report?: string } | undefined
    expect(logged?.report?.split('\n').length).toBe(
      text.split('\n').filter((l) => /\(line \d+\)$/.test(l)).length + left,
    )
  })

  it('a content file sent while a /staff question waits is the content, not an answer to it', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, 'staffadd:manager'))
    expect(h.deps.services.ownerInput.pending(OWNER_ID)?.kind).toBe('staff-add')
    await h.send(yamlDocument(h, owner, demo.replace('Веб-студия «Лаконика»', 'Студия «Новая»')))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^✅ Новый контент применён: Студия «Новая»/)
    expect(h.deps.content.get().business.name).toMatchObject({ ru: 'Студия «Новая»' })
    // Also once the id is given and "Add them?" waits for yes or no
    await h.send(h.u.text(owner, '5000777'))
    expect(h.deps.services.ownerInput.pending(OWNER_ID)?.kind).toBe('staff-confirm')
    await h.send(yamlDocument(h, owner, demo.replace('Веб-студия «Лаконика»', 'Студия «Третья»')))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^✅ Новый контент применён: Студия «Третья»/)
  })

  it('a text too long for one message is refused with its path and the limit; clients keep reading "About" and "Details"', async () => {
    const h = createHarness({ content: contentFrom(QUIZ_YAML) })
    const owner = h.u.user(OWNER_ID)
    const long = 'Мы делаем сайты с 2012 года. '.repeat(150) // ~4 350 characters: a long "About us" page
    const withValues = QUIZ_YAML.replace('  about: Делаем сайты\n', `  about: Делаем сайты\n  values: "${long}"\n`)
    await h.send(yamlDocument(h, owner, withValues))
    expect(h.fake.lastTextTo(owner.id)).toContain('бот продолжает работать на прежней версии')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'business → values: must be at most 3555 characters long (it has 4349)',
    )
    const withDescription = QUIZ_YAML.replace('    description: Первый продукт\n', `    description: "${long}"\n`)
    await h.send(yamlDocument(h, owner, withDescription))
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'products → #1 (alpha) → description: must be at most 3583 characters long (it has 4349)',
    )

    // A client opens "About" and a product's "Details": the last good content, never the generic error
    const user = h.u.user(2601)
    await h.send(h.u.callback(user, 'menu:about'))
    expect(h.fake.sentTo(user.id).at(-1)).toMatchObject({ ok: true })
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Студия\nДелаем сайты\n/)
    await h.send(h.u.text(user, '/quiz'))
    await press(h, user, 'Всё сразу')
    await press(h, user, 'Быстро')
    await press(h, user, 'Готово')
    const [result] = listQuizResults(h.deps.db, findClientByTelegramId(h.deps.db, user.id)?.id ?? -1)
    await h.send(h.u.callback(user, `qd:${result?.id}:alpha`)) // "ℹ️ Подробнее" on the first card
    expect(h.fake.sentTo(user.id).at(-1)).toMatchObject({ ok: true })
    expect(h.fake.lastTextTo(user.id)).toContain('<b>Альфа</b>\nПервый продукт')
    expect(h.fake.textsTo(user.id).join('\n')).not.toContain('Ой, что-то пошло не так')
  })

  it('refuses a file too big to be content, and survives a failed download', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(yamlDocument(h, owner, 'x'.repeat(600 * 1024)))
    expect(h.fake.lastTextTo(owner.id)).toContain('слишком большой')
    // The owner is told what to aim for: the limit docs/content.md gives
    await h.send(yamlDocument(h, owner, 'x'.repeat(15 * 1024 * 1024)))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/слишком большой.*до 512 КБ/)
    await h.send(h.u.document(owner, { fileName: 'lost.yaml' })) // the fake has no bytes for it
    expect(h.fake.lastTextTo(owner.id)).toContain('Не удалось скачать файл')
    expect(h.errors()).toEqual([])
  })
})

describe('/content', () => {
  const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
  const CAPTIONS = {
    ru: '📄 Файл контента, на котором бот работает сейчас. Чтобы изменить: откройте его в текстовом редакторе (сохраните в UTF-8, отступы — пробелами), поправьте и пришлите сюда как файл .yaml — бот проверит его и применит, если ошибок нет. Что где в файле — в руководстве по файлу контента (на английском): это файл docs/content.md в папке с программой бота; если у вас его нет, попросите того, кто устанавливал бота.',
    en: "📄 The content file the bot runs on now. To change it: open it in a text editor (save it as UTF-8, indent with spaces), edit it and send it back here as a .yaml file — the bot checks it and applies it if it has no mistakes. What goes where is in the content guide: the file docs/content.md in the bot's program folder; if you do not have it, ask whoever installed the bot.",
  }

  it.each(['ru', 'en'] as const)(
    'sends the owner the content file in force, as it was applied, with how to send it back (%s)',
    async (language) => {
      const h = createHarness()
      const owner = h.u.user(OWNER_ID, { language_code: language })
      // The file the bot started on
      await h.send(h.u.text(owner, '/content'))
      const first = lastDocument(h, owner.id)
      expect(first.file.filename).toMatch(/^content-\d{4}-\d{2}-\d{2}-\d{4}\.yaml$/)
      expect(first.file.data.toString('utf8')).toBe(demo)
      expect(first.caption).toBe(CAPTIONS[language])

      // A file sent in the chat since: that one, to the byte, its comments and spacing kept
      const sent = `# правки Ольги\n${demo.replace(/^(\s*)name: .*$/m, '$1name:   Студия «Новая»   # было: Лаконика')}`
      await h.send(yamlDocument(h, owner, sent))
      expect(h.deps.content.get().business.name).toBe('Студия «Новая»')
      await h.send(h.u.text(owner, '/content'))
      expect(lastDocument(h, owner.id).file.data.toString('utf8')).toBe(sent)

      // An invalid one changes nothing: still the one in force
      await h.send(yamlDocument(h, owner, demo.replace('timezone: Europe/Moscow', 'timezone: Moscow')))
      await h.send(h.u.text(owner, '/content'))
      expect(lastDocument(h, owner.id).file.data.toString('utf8')).toBe(sent)
      // What it sends is taken back as it is
      await h.send(yamlDocument(h, owner, lastDocument(h, owner.id).file.data))
      expect(h.fake.lastTextTo(owner.id)).toMatch(
        language === 'ru' ? /^✅ Новый контент применён/ : /^✅ New content applied/,
      )
      expect(h.errors()).toEqual([])
    },
  )

  it.each([
    ['ru', 'Эта команда — только для владельца бота.', 'Такой команды я не знаю. Список команд — /help'],
    ['en', "This command is for the bot's owner only.", "I don't know that command. See /help"],
  ] as const)(
    'is refused to a manager as an owner command, and unknown to a client (%s)',
    async (language, ownerOnly, unknown) => {
      const h = createHarness()
      h.deps.services.staff.add(6_000_002, 'manager', OWNER_ID)
      const manager = h.u.user(6_000_002, { language_code: language })
      const client = h.u.user(940, { language_code: language })
      await h.send(h.u.text(manager, '/content'), h.u.text(client, '/content'))
      expect(h.fake.lastTextTo(manager.id)).toBe(ownerOnly)
      expect(h.fake.lastTextTo(client.id)).toBe(unknown)
      expect(
        [...h.fake.sentTo(manager.id), ...h.fake.sentTo(client.id)].filter((c) => c.method === 'sendDocument'),
      ).toEqual([])
    },
  )

  it.each([
    ['ru', '\n/content — Файл контента (YAML): получить, чтобы поправить', 'Файл контента'],
    ['en', '\n/content — The content file (YAML), to edit it', 'The content file'],
  ] as const)('is in the owner’s /help and command menu (%s)', async (language, line, menu) => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { language_code: language })
    h.fake.emulator.chat(OWNER_ID)
    await h.send(h.u.text(owner, '/help'))
    const help = h.fake.lastTextTo(OWNER_ID)
    expect(help).toContain(line)
    // The owners' line says where the file to edit comes from
    expect(help.split('\n')[0]).toContain('/content')
    await setOwnerMenus(h.bot.api, h.deps)
    const commands = h.fake.emulator.commandsFor(OWNER_ID, OWNER_ID)
    expect(commands.find((c) => c.command === 'content')?.description).toContain(menu)
  })
})

describe('/staff', () => {
  it('adds a manager from a forwarded message and an owner by id, with confirmations, and removes them', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/staff'))
    expect(h.fake.lastTextTo(owner.id)).toContain('из настроек бота (OWNER_IDS)')
    // the permanent owner has no remove button
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.data)).toEqual(['staffadd:manager', 'staffadd:owner'])

    await h.send(h.u.callback(owner, 'staffadd:manager'))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^Кого добавить менеджером\? Перешлите сюда любое сообщение/)
    const forwarded = h.u.forwarded(owner, 'Здравствуйте!', h.u.user(777, { first_name: 'Иван', last_name: 'Петров' }))
    await h.send(forwarded)
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду менеджером: Иван Петров (777)?')
    expect(h.deps.services.staff.roleOf(777)).toBeUndefined() // nothing before the confirmation
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.data)).toEqual([
      'staffok:yes:777:manager',
      'staffok:no:777:manager',
    ])
    await h.send(h.u.callback(owner, 'staffok:yes:777:manager'))
    expect(h.deps.services.staff.roleOf(777)).toBe('manager')
    expect(h.fake.lastTextTo(owner.id)).toContain('• Иван Петров (777)')

    await h.send(h.u.callback(owner, 'staffadd:owner'), h.u.text(owner, '888'))
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду владельцем: id 888?')
    await h.send(h.u.callback(owner, 'staffok:yes:888:owner'))
    expect(h.deps.services.staff.roleOf(888)).toBe('owner')
    const menu = h.fake.callsOf('setMyCommands').at(-1)
    expect(menu?.payload.scope).toEqual({ type: 'chat', chat_id: 888 })
    expect(menu?.payload.commands.map((c: { command: string }) => c.command)).toContain('broadcast')

    // the new owner can use owner commands at once
    await h.send(h.u.text(h.u.user(888), '/staff'))
    expect(h.fake.lastTextTo(888)).toContain('👥 Команда')

    await h.send(h.u.callback(owner, 'staffrm:888:ask:owner'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Убрать из команды: User888 (888), сейчас владелец?')
    await h.send(h.u.callback(owner, 'staffrm:888:yes:owner'))
    expect(h.deps.services.staff.roleOf(888)).toBeUndefined()
    // Out of the team is not out of the group: the owner is told what is left to do
    expect(h.fake.textsTo(owner.id)).toContain(
      '✅ User888 (888) больше не в команде: то, что этот человек пишет в рабочей группе, бот клиентам больше не передаёт. Если этот человек ещё в рабочей группе, удалите его аккаунт из группы — иначе переписка клиентов по-прежнему видна.',
    )
    expect(h.fake.callsOf('deleteMyCommands').at(-1)?.payload.scope).toEqual({ type: 'chat', chat_id: 888 })
    // No longer on the team: /staff is no command of theirs
    await h.send(h.u.text(h.u.user(888), '/staff'))
    expect(h.fake.lastTextTo(888)).toBe('Такой команды я не знаю. Список команд — /help')
  })

  it('the one added is told by the bot where the work is; the owner hears when Telegram lets the bot write to nobody', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    // Мария opened the bot before; 999 is an id Telegram has, of someone who never did
    const maria = h.u.user(4_401, { first_name: 'Mary', language_code: 'en' })
    await h.send(h.u.text(maria, '/start'))
    h.fake.emulator.addUser({ id: 999, first_name: 'Гость' })
    await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, String(maria.id)))
    await h.send(h.u.callback(owner, `staffok:yes:${maria.id}:manager`))
    expect(h.fake.textsTo(owner.id)).toContain(
      '✅ Mary (4401) теперь менеджер. Роль действует со следующего сообщения. Бот напишет этому человеку о новой роли и о том, где работа; если написать не получится — скажу. Если этого человека ещё нет в рабочей группе — добавьте: без этого темы клиентов не видны.',
    )
    await h.drain()
    // In her Telegram's language, naming who added her
    expect(h.fake.lastTextTo(maria.id)).toBe(
      [
        `👋 Lakonika Web Studio: you are on the team, your role is manager. Added by <a href="tg://user?id=${OWNER_ID}">Ольга</a>.`,
        'Client requests come to the staff group, each client in their own topic with the whole history: answer right in the topic, and the bot passes your answer to the client. If you are not in the group yet, ask the owner to add you.',
        'Your commands — /help.',
      ].join('\n'),
    )
    await h.send(
      h.u.callback(owner, 'staffadd:owner'),
      h.u.text(owner, '999'),
      h.u.callback(owner, 'staffok:yes:999:owner'),
    )
    await h.drain()
    expect(h.deps.services.staff.roleOf(999)).toBe('owner')
    expect(h.fake.textsTo(999)).toEqual([])
    expect(h.fake.lastTextTo(owner.id)).toBe(
      '⚠️ Сообщение о добавлении в команду не доставлено (id 999): этот человек ещё не открывал бота, или такого аккаунта нет (проверьте id). Пусть откроет t.me/clientdesk_test_bot и нажмёт «Старт» — тогда бот и передаст это сообщение; ошибочный id уберите в /staff. Роль уже выдана.',
    )
    expect(h.errors()).toEqual([])
  })

  it('explains hidden forwards, bots and unreadable answers; "no" changes nothing; permanent owners stay', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.callback(owner, 'staffadd:manager'))
    const hidden = h.u.text(owner, 'привет')
    hidden.message!.forward_origin = { type: 'hidden_user', date: 0, sender_user_name: 'Кто-то' }
    await h.send(hidden)
    expect(h.fake.lastTextTo(owner.id)).toContain('скрыт аккаунт')
    await h.send(h.u.text(owner, 'Вася'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Не удалось понять, кого добавить')
    // A @username of nobody who wrote to the bot: it says so and how to get the id
    await h.send(h.u.text(owner, '@petr_ivanov'))
    expect(h.fake.lastTextTo(owner.id)).toBe(
      'Никто с @petr_ivanov боту не писал, а искать людей по @username Telegram ботам не даёт. Перешлите сюда любое его сообщение или пришлите его числовой id (его покажет @userinfobot, если написать тому /start). Отменить — /cancel.',
    )
    // The bot's own id is a bot's too
    await h.send(h.u.text(owner, String(h.fake.botInfo.id)))
    expect(h.fake.lastTextTo(owner.id)).toContain('Это бот — ботов в команду добавить нельзя')
    expect(h.deps.services.staff.roleOf(h.fake.botInfo.id)).toBeUndefined()
    await h.send(h.u.text(owner, '999'), h.u.callback(owner, 'staffok:no:999:manager'))
    expect(h.deps.services.staff.roleOf(999)).toBeUndefined()
    expect(h.fake.lastTextTo(owner.id)).toContain('ничего не меняю')
    // a stale confirmation does nothing
    await h.send(h.u.callback(owner, 'staffok:yes:999:manager'))
    expect(h.deps.services.staff.roleOf(999)).toBeUndefined()
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    // a forged removal of a permanent owner is refused
    await h.send(h.u.callback(owner, `staffrm:${OWNER_ID}:yes:owner`))
    expect(h.fake.lastTextTo(owner.id)).toContain('OWNER_IDS')
    expect(h.deps.services.staff.roleOf(OWNER_ID)).toBe('owner')
    // /cancel ends a pending "who?" step
    await h.send(h.u.callback(owner, 'staffadd:owner'), h.u.text(owner, '/cancel'), h.u.text(owner, '555'))
    expect(h.deps.services.staff.roleOf(555)).toBeUndefined()
  })

  it('a @username of someone who wrote to the bot is that person: the owner confirms them by name and id', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const sam = h.u.user(7_700_001, { first_name: 'Sam', last_name: 'Price', username: 'Sam_P', language_code: 'en' })
    await h.send(h.u.text(sam, '/start'))
    await h.send(h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, '@sam_p'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Sam Price')
    expect(h.fake.lastTextTo(owner.id)).toContain('7700001')
    await h.send(h.u.callback(owner, 'staffok:yes:7700001:manager'))
    expect(h.deps.services.staff.roleOf(sam.id)).toBe('manager')
    expect(h.errors()).toEqual([])
  })

  it('someone on the team given a new role by id keeps the name the bot knows them by', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const petr = h.u.user(888, { first_name: 'Пётр', last_name: 'Сидоров' })
    await h.send(h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, '888'))
    await h.send(h.u.callback(owner, 'staffok:yes:888:manager'))
    // Asked by id while the bot knows no name of his; he writes before the owner says yes
    await h.send(h.u.callback(owner, 'staffadd:owner'), h.u.text(owner, '888'))
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду владельцем: id 888? Сейчас: менеджер.')
    // (In the staff group, where the bot keeps a team member's name: he is no client of the bot)
    await h.send(h.u.text(petr, 'Всем привет', { chatId: STAFF_GROUP_ID }))
    await h.send(h.u.callback(owner, 'staffok:yes:888:owner'))
    expect(h.deps.services.staff.roleOf(888)).toBe('owner')
    await h.send(h.u.text(owner, '/staff'))
    expect(h.fake.lastTextTo(owner.id)).toContain('• Пётр Сидоров (888)')
    expect(h.errors()).toEqual([])
  })

  it('an owner from OWNER_IDS given as the one to add is refused at once, and the next id is still asked for', async () => {
    const h = createHarness({ config: { OWNER_IDS: `${OWNER_ID},5000002` } })
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, '5000002'))
    expect(h.fake.lastTextTo(owner.id)).toBe('Это владелец из настройки OWNER_IDS — его роль меняется только там.')
    expect(h.fake.lastButtonsTo(owner.id)).toEqual([])
    await h.send(h.u.text(owner, '777'))
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду менеджером: id 777?')
  })

  it('a question of /staff answered keeps the answer under it, as the bot’s other questions do', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    const tom = h.u.user(777, { first_name: 'Tom', last_name: 'Baker' })
    /** What the owner's chat shows now of the bot's message `id`, and whether buttons are left under it. */
    const shown = (id: number) => {
      const message = h.fake.emulator.chat(owner.id).messages.get(id)?.message
      return { text: message?.text, buttons: message?.reply_markup?.inline_keyboard.flat().length ?? 0 }
    }
    const asked = (data: string) => h.fake.messageWithButton(owner.id, data) ?? 0

    await h.send(h.u.callback(owner, 'staffadd:manager'), h.u.forwarded(owner, 'Hi!', tom))
    const add = asked('staffok:yes:777:manager')
    await h.send(h.u.callback(owner, 'staffok:yes:777:manager', { shown: true }))
    expect(shown(add)).toEqual({ text: 'Add Tom Baker (777) as a manager?\n\n✔️ Yes', buttons: 0 })

    await h.send(h.u.callback(owner, 'staffadd:owner'), h.u.text(owner, '888'))
    const another = asked('staffok:no:888:owner')
    await h.send(h.u.callback(owner, 'staffok:no:888:owner', { shown: true }))
    expect(shown(another)).toEqual({ text: 'Add id 888 as an owner?\n\n✔️ No', buttons: 0 })

    await h.send(h.u.callback(owner, 'staffrm:777:ask:manager'))
    const remove = asked('staffrm:777:no:manager')
    await h.send(h.u.callback(owner, 'staffrm:777:no:manager', { shown: true }))
    expect(shown(remove)).toEqual({ text: 'Remove from the team: Tom Baker (777), now a manager?\n\n✔️ No', buttons: 0 })
    expect(h.deps.services.staff.roleOf(777)).toBe('manager')
    await h.send(h.u.callback(owner, 'staffrm:777:ask:manager'))
    const again = asked('staffrm:777:yes:manager')
    await h.send(h.u.callback(owner, 'staffrm:777:yes:manager', { shown: true }))
    expect(shown(again)).toEqual({
      text: 'Remove from the team: Tom Baker (777), now a manager?\n\n✔️ Yes',
      buttons: 0,
    })
    expect(h.deps.services.staff.roleOf(777)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('someone added again by id is named as the team knew them', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    h.deps.services.staff.add(777, 'manager', OWNER_ID, 'Sam Lee')
    h.deps.services.staff.remove(777)
    await h.send(h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, '777'))
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду менеджером: Sam Lee (777)?')
    await h.send(h.u.callback(owner, 'staffok:yes:777:manager'))
    expect(h.fake.lastTextTo(owner.id)).toContain('• Sam Lee (777)')
  })

  it('“Yes” or “No” under an older question is out of date: it neither adds nor drops the newer one', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    // "Add 777 as a manager?" — the owner does not answer yet
    await h.send(h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, '777'))
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду менеджером: id 777?')
    const first = h.fake.sentTo(owner.id).at(-1)?.result as { message_id: number }
    const [firstYes, firstNo] = h.fake.lastButtonsTo(owner.id).map((b) => b.data as string)
    // …then starts another addition: "Add 888 as an owner?"
    await h.send(h.u.callback(owner, 'staffadd:owner'), h.u.text(owner, '888'))
    expect(h.fake.lastTextTo(owner.id)).toBe('Добавить в команду владельцем: id 888?')
    const [newerYes] = h.fake.lastButtonsTo(owner.id).map((b) => b.data as string)

    // "Yes" under the first question: out of date, its buttons go, nobody is added
    await h.send(h.u.callback(owner, firstYes as string, { messageId: first.message_id }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Эта кнопка уже неактуальна: откройте /staff',
    )
    const edit = h.fake.callsOf('editMessageReplyMarkup').at(-1)
    expect(edit?.payload.message_id).toBe(first.message_id)
    expect(edit?.payload.reply_markup).toBeUndefined()
    expect(h.deps.services.staff.roleOf(888)).toBeUndefined()
    expect(h.deps.services.staff.roleOf(777)).toBeUndefined()
    // "No" under it does not drop the newer question either
    await h.send(h.u.callback(owner, firstNo as string, { messageId: first.message_id }))
    expect(h.deps.services.ownerInput.pending(OWNER_ID)).toMatchObject({
      kind: 'staff-confirm',
      id: 888,
      role: 'owner',
    })
    expect(h.fake.textsTo(owner.id).filter((t) => t.includes('ничего не меняю'))).toEqual([])

    // the newer question's own "Yes" still works
    await h.send(h.u.callback(owner, newerYes as string))
    expect(h.deps.services.staff.roleOf(888)).toBe('owner')
    expect(h.deps.services.staff.roleOf(777)).toBeUndefined()
  })

  it('“Yes” under “Remove … (now: manager)?” does not remove them once they are an owner', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    h.deps.services.staff.add(777, 'manager', OWNER_ID)
    await h.send(h.u.text(owner, '/staff'))
    const ask = h.fake.lastButtonsTo(owner.id).find((b) => b.data?.startsWith('staffrm:777:ask'))?.data
    await h.send(h.u.callback(owner, ask as string))
    expect(h.fake.lastTextTo(owner.id)).toBe('Убрать из команды: id 777, сейчас менеджер?')
    const question = h.fake.sentTo(owner.id).at(-1)?.result as { message_id: number }
    const [yes] = h.fake.lastButtonsTo(owner.id).map((b) => b.data as string)

    // before answering, the owner makes 777 an owner
    await h.send(h.u.callback(owner, 'staffadd:owner'), h.u.text(owner, '777'))
    await h.send(h.u.callback(owner, 'staffok:yes:777:owner'))
    expect(h.deps.services.staff.roleOf(777)).toBe('owner')

    // the old "Yes" was about a manager: out of date, its buttons go, the owner stays
    await h.send(h.u.callback(owner, yes as string, { messageId: question.message_id }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Эта кнопка уже неактуальна: откройте /staff',
    )
    expect(h.fake.callsOf('editMessageReplyMarkup').at(-1)?.payload.message_id).toBe(question.message_id)
    expect(h.deps.services.staff.roleOf(777)).toBe('owner')
    expect(h.fake.callsOf('deleteMyCommands')).toEqual([])
  })

  it.each([
    ['en', 'a manager', 'an owner'],
    ['ru', 'менеджер', 'владелец'],
  ] as const)(
    'the role reads as its language says it (%s): "is now a manager", "now an owner?"',
    async (language, manager, owner) => {
      const h = createHarness()
      const me = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: language })
      await h.send(h.u.callback(me, 'staffadd:manager'), h.u.text(me, '777'))
      await h.send(h.u.callback(me, 'staffok:yes:777:manager'))
      expect(h.fake.textsTo(me.id).at(-2)).toMatch(
        language === 'en'
          ? /^✅ id 777 is now a manager\. The role applies/
          : /^✅ id 777 теперь менеджер\. Роль действует/,
      )
      await h.send(h.u.callback(me, 'staffrm:777:ask:manager'))
      expect(h.fake.lastTextTo(me.id)).toBe(
        language === 'en'
          ? `Remove from the team: id 777, now ${manager}?`
          : `Убрать из команды: id 777, сейчас ${manager}?`,
      )
      h.deps.services.staff.add(888, 'owner', OWNER_ID)
      await h.send(h.u.callback(me, 'staffrm:888:ask:owner'))
      expect(h.fake.lastTextTo(me.id)).toBe(
        language === 'en'
          ? `Remove from the team: id 888, now ${owner}?`
          : `Убрать из команды: id 888, сейчас ${owner}?`,
      )
    },
  )

  it('removing team members logs their role, never their Telegram id (a menu that could not be updated neither)', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    h.deps.services.staff.add(7_318_645_111, 'manager', OWNER_ID, 'Мария')
    h.deps.services.staff.add(7_318_645_222, 'owner', OWNER_ID, 'Пётр')
    h.fake.fail({ method: 'deleteMyCommands', error_code: 400, description: 'Bad Request: chat not found' })
    await h.send(h.u.callback(owner, 'staffrm:7318645111:yes:manager'))
    await h.send(h.u.callback(owner, 'staffrm:7318645222:yes:owner'))
    expect(h.deps.services.staff.roleOf(7_318_645_111)).toBeUndefined()
    expect(h.deps.services.staff.roleOf(7_318_645_222)).toBeUndefined()
    expect(h.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'staff member removed',
        'could not set the command menu for a person; the bot works without it',
      ]),
    )
    const logged = JSON.stringify(h.logs)
    expect(logged).not.toContain('7318645111')
    expect(logged).not.toContain('7318645222')
  })
})
