/**
 * A request's first answer is the team's first message that reached the client, not the first
 * one a manager typed: one refused on its way (the client blocked the bot, Telegram's 24 hours
 * in the owner's Business chat ran out) leaves the request waiting — the topic's mark, the card,
 * the SLA alert and /stats' response times — until an answer is delivered.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { businessCalendar } from '../../src/format.ts'
import { statsReport } from '../../src/services/stats-report.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { settle, topicState } from '../helpers/desk.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_100_041
const CONNECTION = 'bc-olga'
const HOUR = 3_600_000
const MINUTE = 60_000

/** The card staff see after /card in the topic (posted anew from the data as it is). */
async function cardAfterCommand(h: Harness, manager: ReturnType<Harness['u']['user']>, topicId: number) {
  await h.send(h.u.staffText(manager, topicId, '/card'))
  await settle(h)
  const card = h.fake
    .textsTo(STAFF_GROUP_ID, topicId)
    .filter((t) => t.includes('Запрос открыт'))
    .at(-1)
  if (!card) throw new Error('no card was posted')
  return card
}

const firstAnswerLine = (card: string) => card.split('\n').find((l) => l.startsWith('✔️ первый ответ'))
/** How long after the request the card's first-answer line says it came ("через 2 дн., 1 ч"), and how much of it was working time. */
const answeredAfter = (card: string) =>
  /\(через (.+?)(?:; рабочего времени — (.+))?\)$/.exec(firstAnswerLine(card) ?? '')?.slice(1)

/** The manager's messages copied to the client (the message ids in the topic). */
const copiedTo = (h: Harness, chatId: number) =>
  h.fake.calls
    .filter((c) => c.ok && c.method === 'copyMessage' && Number(c.payload.chat_id) === chatId)
    .map((c) => c.payload.message_id as number)

/** The SLA alerts staff read in the topic. */
const slaAlerts = (h: Harness, topicId: number) =>
  h.fake
    .textsTo(STAFF_GROUP_ID, topicId)
    .filter((t) => t.startsWith('⏰ Никто не ответил') || t.includes('ответ до клиента так и не дошёл'))

const eventsOf = (h: Harness, clientId: number, type: string) =>
  (h.deps.sqlite.prepare('select type from events where client_id = ? and type = ?').all(clientId, type) as unknown[])
    .length

/** /stats' response times (as the owner's report computes them) read the request's first response. */
function responseStats(h: Harness) {
  const content = h.deps.content.get()
  return statsReport(h.deps.db, {
    period: '7d',
    now: h.clock.now(),
    slaMinutes: content.handoff.sla_minutes,
    calendar: businessCalendar(content),
    retentionWindowMs: 30 * 24 * HOUR,
    unoffered: [],
  }).stats.responses
}

/** Мария asks for a manager; Иван, a manager, is on the team. */
async function mariaAsks(telegramId: number) {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Иван')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Иван' })
  const user = h.u.user(telegramId, { first_name: 'Мария' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
  return { h, manager, user, client, topicId: client.topicId as number }
}

describe('a manager’s answer the client never got', () => {
  it('a client who blocked the bot: the request stays unanswered (🟡, the card waits, the SLA alert comes); the answer delivered later is the first', async () => {
    const { h, manager, user, client, topicId } = await mariaAsks(4101)
    expect(topicState(h, topicId).name).toBe(`🟡 Мария · #${client.id}`)

    // She blocks the bot; the manager answers, and staff read that it did not reach her
    h.fake.blockedChats.add(user.id)
    h.clock.advance(2 * MINUTE)
    await h.send(h.u.staffText(manager, topicId, 'Мария, добрый день! Смотрю ваш вопрос.'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      '❌ Не доставлено: клиент заблокировал бота. «Мария, добрый день! Смотрю ваш вопрос.»',
    )
    expect(topicState(h, topicId).name).toBe(`🟡 Мария · #${client.id}`)
    // Nor does what staff send her through the bot (payment details, a saved reply) answer her
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 лендинг'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: null })
    await h.send(h.u.staffText(manager, topicId, '/r hello'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('❌ Не доставлено'))).toHaveLength(3)

    // Still waiting for an answer: the topic's mark, the card, the request itself
    expect(topicState(h, topicId).name).toBe(`🟡 Мария · #${client.id}`)
    const card = await cardAfterCommand(h, manager, topicId)
    expect(firstAnswerLine(card)).toBeUndefined()
    expect(card).toContain('⏳ ждёт ответа — ответить до')
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: null, firstResponderId: null })
    expect(eventsOf(h, client.id, 'answered_in_sla')).toBe(0)

    // The SLA passes: staff are alerted, the topic turns 🔴
    h.clock.advance(16 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    // Not "nobody answered" — the manager did, two minutes in: none of it got through
    expect(slaAlerts(h, topicId)).toEqual([
      expect.stringMatching(
        /^⏰ За 15 мин ответ до клиента так и не дошёл .*Клиент заблокировал бота: написать ему отсюда нельзя/,
      ),
    ])
    expect(topicState(h, topicId).name).toBe(`🔴 Мария · #${client.id}`)
    expect(responseStats(h)).toMatchObject({ opened: 1, answered: 0, withinSla: 0, slaDue: 1 })
    // The pinned card follows: the deadline passed, not a deadline still ahead
    const pinned = h.fake
      .callsOf('editMessageText')
      .map((c) => String(c.payload.text))
      .filter((text) => text.includes('Запрос открыт'))
      .at(-1)
    expect(pinned).toMatch(/🔴 ждёт ответа — не ответили до пн, 23 нояб., \d+:\d\d/)

    // She unblocks the bot and writes; the manager's next answer reaches her: that is the first answer
    h.fake.blockedChats.delete(user.id)
    await h.send(h.u.myChatMember(user, 'member'), h.u.text(user, 'Извините, случайно заблокировала'))
    await settle(h)
    // Staff, told earlier that nothing reached her, hear once that it will now
    const unblocked = h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('✅ Клиент снова на связи'))
    expect(unblocked).toEqual([
      '✅ Клиент снова на связи: бот разблокирован, и ответы отсюда теперь доходят. Если что-то не дошло — отправьте ещё раз.',
    ])
    h.clock.advance(MINUTE)
    const answeredAt = h.clock.now()
    const answer = h.u.staffText(manager, topicId, 'Ничего страшного! Отвечаю: лендинг — от 40 000 ₽.')
    await h.send(answer)
    await settle(h)
    expect(copiedTo(h, user.id)).toEqual([answer.message?.message_id])
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({
      firstResponseAt: answeredAt,
      firstResponderId: MANAGER_ID,
    })
    expect(topicState(h, topicId).name).toBe(`💬 Мария · #${client.id}`)
    const openedAt = h.deps.services.handoff.current(client.id)?.openedAt ?? 0
    expect(Math.round((answeredAt - openedAt) / MINUTE)).toBe(19)
    expect(answeredAfter(await cardAfterCommand(h, manager, topicId))).toEqual(['19 мин', undefined])
    expect(responseStats(h)).toMatchObject({ opened: 1, answered: 1, withinSla: 0, slaDue: 1 })
    expect(slaAlerts(h, topicId)).toHaveLength(1)
  })

  it('after 24 hours of a Business client’s silence: "⚠️ Не отправлено", and the request stays unanswered until an answer goes through', async () => {
    const clock = createFakeClock()
    const h = createHarness({
      clock,
      fake: new FakeTelegram({ now: () => clock.now() }),
      content: { ...demoContent(), telegram_business: { auto_reply: 'never' } },
    })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(4102, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: CONNECTION }))
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Здравствуйте! Сколько стоит сайт?'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
    const topicId = client.topicId as number
    const opened = h.deps.services.handoff.current(client.id)
    if (!opened) throw new Error('her message opens a request')

    // Two days later the owner answers in her topic: Telegram no longer lets the bot write there
    h.clock.advance(49 * HOUR)
    await h.send(h.u.staffText(owner, topicId, 'Анна, простите за задержку! Сайт — от 40 000 ₽.'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '⚠️ Не отправлено клиенту через аккаунт владельца: «Анна, простите за задержку! Сайт — от 40 000 ₽.»',
    )
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: null })
    expect(topicState(h, topicId).name).not.toMatch(/^💬/)
    const card = await cardAfterCommand(h, owner, topicId)
    expect(firstAnswerLine(card)).toBeUndefined()
    // The SLA check still finds it unanswered: staff are alerted, the topic turns 🔴
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(slaAlerts(h, topicId)).toHaveLength(1)
    expect(topicState(h, topicId).name).toBe(`🔴 Анна · #${client.id}`)
    expect(responseStats(h)).toMatchObject({ opened: 1, answered: 0 })

    // She writes again: the chat is open to the bot, and the answer that now reaches her is the first
    await h.send(h.u.businessMessage(user, CONNECTION, user.id, 'Актуально ещё?'))
    await settle(h)
    h.clock.advance(MINUTE)
    const answeredAt = h.clock.now()
    await h.send(h.u.staffText(owner, topicId, 'Да! Сайт — от 40 000 ₽.'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({
      firstResponseAt: answeredAt,
      firstResponderId: OWNER_ID,
    })
    expect(topicState(h, topicId).name).toBe(`💬 Анна · #${client.id}`)
    // 2,941 minutes, read as people do
    expect(Math.round((answeredAt - opened.openedAt) / MINUTE)).toBe(2941)
    // …and the team's working hours in between (the card reads both: the wait the client lived
    // and the one the answer time counts)
    // Monday 12:00–19:00, Tuesday 10:00–19:00 and Wednesday 10:00–13:01 of the demo's hours
    expect(answeredAfter(await cardAfterCommand(h, owner, topicId))).toEqual(['2 дня 1 ч', '19 ч 1 мин'])
    expect(responseStats(h)).toMatchObject({ opened: 1, answered: 1 })
    expect(h.errors()).toEqual([])
  })

  it('an answer typed right before /close force answers the request it was written to, delivered after the close', async () => {
    const { h, manager, user, client, topicId } = await mariaAsks(4104)
    const request = h.deps.services.handoff.current(client.id)
    // Both taken in before the answer goes out
    await h.send(h.u.staffText(manager, topicId, 'Договорились, закрываю.'))
    await h.send(h.u.staffText(manager, topicId, '/close force решили по телефону'))
    await settle(h)
    expect(copiedTo(h, user.id)).toHaveLength(1)
    expect(h.deps.services.handoff.handoff(request?.id ?? 0)).toMatchObject({
      status: 'closed',
      firstResponderId: MANAGER_ID,
      firstResponseAt: expect.any(Number),
    })
    expect(responseStats(h)).toMatchObject({ opened: 1, answered: 1 })
  })

  it('an answer whose delivery was retried is the first answer once, timed when it was written', async () => {
    const { h, manager, user, client, topicId } = await mariaAsks(4103)

    // Telegram fails on the way to her, long enough for the outbox to put the row back; later it goes
    h.fake.fail({
      method: 'copyMessage',
      chatId: user.id,
      error_code: 500,
      description: 'Internal Server Error',
      times: 3,
    })
    h.clock.advance(3 * MINUTE)
    const typedAt = h.clock.now()
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте! Смотрю.'))
    await h.drain()
    expect(h.deps.sqlite.prepare("select status from outbox where method = 'relay_out'").get()).toEqual({
      status: 'pending',
    })
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: null })
    expect(topicState(h, topicId).name).toBe(`🟡 Мария · #${client.id}`)
    await settle(h)
    expect(copiedTo(h, user.id)).toHaveLength(1)
    const handoff = h.deps.services.handoff.current(client.id)
    expect(handoff?.firstResponseAt).toBe(typedAt)
    expect(handoff?.firstResponderId).toBe(MANAGER_ID)
    expect(eventsOf(h, client.id, 'answered_in_sla')).toBe(1)
    expect(topicState(h, topicId).name).toBe(`💬 Мария · #${client.id}`)
    expect(h.deps.sqlite.prepare("select status from jobs where kind = 'handoff_sla'").get()).toEqual({
      status: 'cancelled',
    })
  })

  it('an answer written in time and held up by Telegram past the deadline is no miss: the check waits for it', async () => {
    const { h, manager, user, client, topicId } = await mariaAsks(4104)
    // One minute before the 15-minute deadline the manager answers; Telegram holds her chat for 3 minutes
    h.clock.advance(14 * MINUTE)
    const typedAt = h.clock.now()
    h.fake.tooManyRequests({ method: 'copyMessage', chatId: user.id }, 180)
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте! Смотрю.'))
    await h.drain()
    expect(copiedTo(h, user.id)).toEqual([])
    h.clock.advance(2 * MINUTE)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(slaAlerts(h, topicId)).toEqual([])
    // It goes; the check finds the request answered, in time
    await settle(h)
    expect(copiedTo(h, user.id)).toHaveLength(1)
    h.clock.advance(2 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(slaAlerts(h, topicId)).toEqual([])
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ firstResponseAt: typedAt, slaBreachedAt: null })
    expect(eventsOf(h, client.id, 'answered_in_sla')).toBe(1)
    expect(h.errors()).toEqual([])
  })
})
