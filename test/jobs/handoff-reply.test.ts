/**
 * A client's message in an answered request has an answer time too: the first answer's SLA covers
 * the request's first message only, and a client who asks again after the manager's answer must
 * not be left unanswered without anyone knowing (docs/managers.md, "Answer time (SLA)").
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { settle, topicState } from '../helpers/desk.ts'
import { cardEdits, cardText, ownerAlerts, relayedToGroup } from '../helpers/handoff.ts'
import { createHarness, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

const MANAGER_ID = 5_100_071
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** What @BotFather gives for a test shop of a payment provider. */
const PROVIDER_TOKEN = '381764678:TEST:100500'
/** Олег as the topic's notices mention him (Telegram notifies whoever is mentioned so). */
const OLEG = `<a href="tg://user?id=${MANAGER_ID}">Олег</a>`

/** Moves the clock to `ms` and runs what is due there, the outbox included. */
async function runAt(h: Harness, ms: number): Promise<void> {
  h.clock.set(ms)
  await h.deps.scheduler.runDue()
  await settle(h)
}

/** A moment as the topic's notices give it the same day: "12:20" in Moscow (UTC+3, no DST). */
const moscowTime = (ms: number) => new Date(ms + 3 * 60 * MINUTE).toISOString().slice(11, 16)

/** The late-answer alerts staff read in the topic, whole. */
const lateAlertsWhole = (h: Harness, topicId: number) =>
  h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))
/** Their first lines (the next says what the client was told, read whole where it matters). */
const lateAlerts = (h: Harness, topicId: number) => lateAlertsWhole(h, topicId).map((t) => t.split('\n')[0])

/**
 * Monday 12:00 in Moscow (demo hours Mon–Fri 10–19, answer time 15 minutes): Вера asks for a
 * manager, Олег answers her at once and leads her request from then on.
 */
async function answered(telegramId: number, { provider = false }: { provider?: boolean } = {}) {
  const h = createHarness({
    clock: createFakeClock('2026-11-23T09:00:00Z'),
    ...(provider ? { config: { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } } : {}),
  })
  h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Олег')
  await h.send(h.u.text(h.u.user(OWNER_ID), '/start'))
  const manager = h.u.user(MANAGER_ID, { first_name: 'Олег' })
  const user = h.u.user(telegramId, { first_name: 'Вера' })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
  const topicId = client.topicId as number
  await h.send(h.u.staffText(manager, topicId, 'Вера, здравствуйте! Сделаем за неделю.'))
  await settle(h)
  expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
  // Whatever the first answer's SLA left behind has run
  h.clock.advance(20 * MINUTE)
  await h.deps.scheduler.runDue()
  await settle(h)
  h.fake.clearCalls()
  return { h, manager, user, client, topicId }
}

/**
 * Monday 12:00 in Moscow: a client asks for a manager and nobody ever answers; three weeks
 * later, every reminder of that wait has gone (the team's alerts so far: `before`).
 */
async function unansweredForWeeks(telegramId: number, firstName: string) {
  const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Олег')
  const user = h.u.user(telegramId, { first_name: firstName })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const topicId = (findClientByTelegramId(h.deps.db, user.id) as ClientRow).topicId as number
  for (let day = 0; day < 21; day++) await runAt(h, h.clock.now() + DAY)
  return { h, user, topicId, before: lateAlerts(h, topicId).length }
}

describe("a client's message after the team answered", () => {
  it('unanswered past the answer time: the lead is mentioned in the topic, the owner told, the topic 🔴 until an answer', async () => {
    const { h, manager, user, client, topicId } = await answered(7101)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'А доставка в Казань сколько стоит?'))
    await settle(h)
    const wrote = moscowTime(wroteAt) // Moscow
    const toClient = h.fake.textsTo(user.id).length

    h.clock.set(wroteAt + 14 * MINUTE)
    expect(await h.deps.scheduler.runDue()).toBe(0)
    h.clock.set(wroteAt + 15 * MINUTE)
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await settle(h)
    // The client is not left in silence: sorry, and by when — as after their first message; the
    // topic reads what they were told
    const by = moscowTime(wroteAt + 30 * MINUTE)
    expect(lateAlertsWhole(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${wrote}).\nКлиенту отправлены извинения и срок — ${by}.`,
    ])
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([
      `Вера, простите, что заставляем ждать — менеджеры сейчас заняты. Ответим до ${by} (Москва, UTC+3). Если удобнее, закажите звонок — перезвоним в выбранное время.`,
    ])
    expect(ownerAlerts(h)).toEqual([
      `⏰ Клиент <a href="https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}">Вера #${client.id}</a> снова ждёт ответа менеджера — уже дольше 15 мин рабочего времени (ждёт с ${wrote}).`,
    ])
    expect(topicState(h, topicId).name).toBe(`🔴 Вера · #${client.id}`)

    // The answer puts the topic back to 💬; the next working day's reminder does not come
    await h.send(h.u.staffText(manager, topicId, 'Доставка в Казань — 900 ₽.'))
    await settle(h)
    expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lateAlerts(h, topicId)).toHaveLength(1)
    expect(ownerAlerts(h)).toHaveLength(1)
    // Told once: the answer came, nothing more from the bot
    expect(h.fake.textsTo(user.id).slice(toClient)).toHaveLength(2)
  })

  it('the time the apology gave is watched: unanswered by then, the topic and the owner hear again; the client is apologised to once', async () => {
    const { h, user, client, topicId } = await answered(7121)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'А доставка в Казань сколько стоит?'))
    await runAt(h, wroteAt + 15 * MINUTE)
    const wrote = moscowTime(wroteAt)
    const by = moscowTime(wroteAt + 30 * MINUTE)
    expect(h.fake.textsTo(user.id).at(-1)).toContain(`Ответим до ${by} (Москва, UTC+3).`)
    const toClient = h.fake.textsTo(user.id).length
    await runAt(h, wroteAt + 29 * MINUTE)
    expect(lateAlerts(h, topicId)).toHaveLength(1)

    // The time promised passes, nobody answered: the team hears it, as of a first answer's promise
    await runAt(h, wroteAt + 30 * MINUTE)
    expect(lateAlerts(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${wrote}).`,
      `⏰ ${OLEG}, клиенту обещали ответ до ${by} — ответа всё ещё нет (ждёт с ${wrote}).`,
    ])
    expect(ownerAlerts(h).at(-1)).toBe(
      `⏰ Клиент <a href="https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}">Вера #${client.id}</a>: ответа к обещанному времени (${by}) так и нет, ждёт с ${wrote}.`,
    )
    // One apology a wait, while the team is at work: keeping the promise is the team's
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([])
  })

  it('the card shows the client waiting again on a message since the answer: since when, and by when', async () => {
    const { h, manager, user, topicId } = await answered(7123)
    await h.send(h.u.text(user, 'А доставка в Казань сколько стоит?'))
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await settle(h)
    const card = () =>
      h.fake
        .textsTo(STAFF_GROUP_ID, topicId)
        .filter((t) => t.includes('первый ответ'))
        .at(-1)
    expect(card()).toContain('⏳ снова ждёт ответа с пн, 23 нояб., 12:20 — ответить до пн, 23 нояб., 12:35')
  })

  it('the card never shows a wait that is over: an answer, or a call booked with /call, takes it off', async () => {
    const { h, manager, user, client, topicId } = await answered(7124)
    const waitLine = () =>
      cardText(h, client.id)
        .split('\n')
        .find((l) => l.includes('снова ждёт ответа')) ?? null
    // 12:20: she writes again; /card draws the wait
    await h.send(h.u.text(user, 'А доставка в Казань сколько стоит?'))
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await settle(h)
    expect(waitLine()).toBe('⏳ снова ждёт ответа с пн, 23 нояб., 12:20 — ответить до пн, 23 нояб., 12:35')
    // 12:25: Олег answers; the card loses the wait, and an hour later still says nothing of one
    h.clock.advance(5 * MINUTE)
    await h.send(h.u.staffText(manager, topicId, 'Доставка 500 ₽.'))
    await settle(h)
    expect(waitLine()).toBeNull()
    await runAt(h, h.clock.now() + 60 * MINUTE)
    expect(waitLine()).toBeNull()
    // 13:25: she asks for a call; 13:30: Олег books one with /call, which answers her
    await h.send(h.u.text(user, 'Можно созвониться?'))
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await settle(h)
    expect(waitLine()).toBe('⏳ снова ждёт ответа с пн, 23 нояб., 13:25 — ответить до пн, 23 нояб., 13:40')
    h.clock.advance(5 * MINUTE)
    await h.send(h.u.staffText(manager, topicId, '/call 16:00 +7 916 123-45-67'))
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toContain('16:00')
    expect(waitLine()).toBeNull()
  })

  it('a burst of messages in one wait edits no card; past the answer time it reads 🔴', async () => {
    const { h, user, client } = await answered(7125)
    const edits = cardEdits(h).length
    const firstAt = h.clock.now()
    for (const text of ['А доставка в Казань?', 'И сколько по времени?', 'Можно курьером?', 'Или почтой?']) {
      await h.send(h.u.text(user, text))
      await settle(h)
      h.clock.advance(MINUTE)
    }
    // The messages are the topic's newest: a card edit for each wait would take the group's turns
    expect(cardEdits(h).length - edits).toBe(0)
    await runAt(h, firstAt + 15 * MINUTE)
    expect(cardEdits(h).length - edits).toBe(1)
    expect(cardText(h, client.id)).toContain(
      '🔴 снова ждёт ответа с пн, 23 нояб., 12:20 — не ответили до пн, 23 нояб., 12:35',
    )
  })

  it('the time the apology gave falls at closing: past it, the client hears when the team is back', async () => {
    const { h, user, topicId } = await answered(7122)
    // Monday 18:30 Moscow: due 18:45, the apology promises 19:00, the closing time
    h.clock.set(Date.parse('2026-11-23T15:30:00Z'))
    await h.send(h.u.text(user, 'А можно ещё логотип поправить?'))
    await runAt(h, Date.parse('2026-11-23T15:45:00Z'))
    expect(h.fake.textsTo(user.id).at(-1)).toContain('Ответим до 19:00 (Москва, UTC+3).')
    await runAt(h, Date.parse('2026-11-23T16:00:00Z'))
    expect(h.fake.textsTo(user.id).at(-1)).toMatch(
      /^Вера, простите — к 19:00 ответить не получилось, а сейчас мы уже не работаем\. Вернёмся завтра в 10:00 \(Москва, UTC\+3\) и сразу ответим\./,
    )
    expect(lateAlerts(h, topicId).at(-1)).toBe(
      `⏰ ${OLEG}, клиенту обещали ответ до 19:00 — ответа всё ещё нет (ждёт с 18:30).`,
    )
  })

  it("past the answer time in the client's night on their clock: the team is alerted, the client is not woken", async () => {
    const { h, user, topicId } = await answered(7109)
    // 12:20 in Moscow is 01:20 in Los Angeles (PST, UTC−8)
    await h.send(h.u.text(user, '/timezone Los Angeles'))
    await settle(h)
    const toClient = h.fake.textsTo(user.id).length
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'А доставка в Казань сколько стоит?'))
    await runAt(h, wroteAt + 15 * MINUTE)
    expect(lateAlertsWhole(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${moscowTime(wroteAt)}).`,
    ])
    expect(h.fake.textsTo(user.id)).toHaveLength(toClient)
  })

  it('answered in time: no alert; the next message after that answer has its own answer time', async () => {
    const { h, manager, user, topicId } = await answered(7102)
    await h.send(h.u.text(user, 'А можно добавить форму заявки?'))
    h.clock.advance(5 * MINUTE)
    await h.send(h.u.staffText(manager, topicId, 'Можно, это +2 дня.'))
    await settle(h)
    h.clock.advance(30 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lateAlerts(h, topicId)).toEqual([])

    // Several messages before the next answer share one wait: one alert, from the first of them
    const firstAt = h.clock.now()
    await h.send(h.u.text(user, 'Хорошо. А оплата частями возможна?'))
    h.clock.advance(5 * MINUTE)
    await h.send(h.u.text(user, 'И договор нужен на ИП.'))
    await runAt(h, firstAt + 15 * MINUTE)
    const wrote = moscowTime(firstAt)
    expect(lateAlerts(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${wrote}).`,
    ])
  })

  it('thanks alone need no answer: "спасибо", 👍 start no answer time', async () => {
    const { h, user, topicId } = await answered(7103)
    await h.send(h.u.text(user, 'Спасибо!'), h.u.text(user, '👍'))
    await settle(h)
    h.clock.advance(60 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(topicState(h, topicId).name).toContain('💬')
  })

  it('a message written at night is due an answer time into the next working morning', async () => {
    const { h, user, topicId } = await answered(7104)
    // Monday 23:00 Moscow
    h.clock.set(Date.parse('2026-11-23T20:00:00Z'))
    await h.send(h.u.text(user, 'Забыла спросить: хостинг входит?'))
    await settle(h)
    // Tuesday 10:14 Moscow: not yet; 10:15: the team hears
    h.clock.set(Date.parse('2026-11-24T07:14:00Z'))
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lateAlerts(h, topicId)).toEqual([])
    h.clock.set(Date.parse('2026-11-24T07:15:00Z'))
    expect(await h.deps.scheduler.runDue()).toBe(1)
    await settle(h)
    expect(lateAlerts(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с пн, 23 нояб., 23:00).`,
    ])
  })

  it('still unanswered: the topic reminded once each working day, a working week in all; the owners each working day', async () => {
    const { h, user, topicId } = await answered(7105)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'Когда будет готово?'))
    await settle(h)
    const wrote = moscowTime(wroteAt)
    for (let day = 0; day < 10; day++) {
      h.clock.advance(DAY)
      await h.deps.scheduler.runDue()
      await settle(h)
    }
    // The alert with the apology's time, then that time's check and a working week of its reminders
    const alerts = lateAlerts(h, topicId)
    expect(alerts).toHaveLength(6)
    const by = moscowTime(wroteAt + 15 * MINUTE)
    expect(alerts.slice(1)).toEqual(
      Array(5).fill(
        `⏰ ${OLEG}, клиенту обещали ответ до вт, 24 нояб., ${by} — ответа всё ещё нет (ждёт с пн, 23 нояб., ${wrote}).`,
      ),
    )
    // The owners: the first alert, the promise missed, then one message each working day the
    // client still waits — past the topic's working week (Sunday closed)
    const owners = ownerAlerts(h)
    expect(owners).toHaveLength(9)
    for (const daily of owners.slice(2)) expect(daily).toMatch(/^⏰ Всё ещё ждёт ответа менеджера 1 клиент:/)
  })

  it('the owners: one message each working day while clients wait, through ten days, none on a closed day or once answered', async () => {
    const { h, manager, user, client, topicId } = await answered(7113)
    await h.send(h.u.text(user, 'Когда будет готово?'))
    // Another client asks for a manager at the same time, and nobody answers either
    const other = h.u.user(7114, { first_name: 'Лев' })
    await h.send(h.u.text(other, '/start'), h.u.text(other, '/manager'))
    await settle(h)
    const otherId = (findClientByTelegramId(h.deps.db, other.id) as ClientRow).id
    const daily = () => h.fake.textsTo(OWNER_ID).filter((t) => t.startsWith('⏰ Всё ещё жд'))
    // Monday 23 November, to its close: the day's own alerts come as they happen
    for (let step = 0; step < 26; step++) await runAt(h, h.clock.now() + 15 * MINUTE)
    const perDay: number[] = []
    for (let day = 0; day < 10; day++) {
      const before = h.fake.textsTo(OWNER_ID).length
      const seen = daily().length
      await runAt(h, h.clock.now() + DAY)
      // Each day’s message is the only one the owner gets that day
      expect(h.fake.textsTo(OWNER_ID).length - before).toBe(daily().length - seen)
      perDay.push(daily().length - seen)
    }
    // Tue–Sat (the demo works Saturdays), then Mon–Thu, past a working week: Sunday, closed, brings nothing
    expect(perDay).toEqual([1, 1, 1, 1, 1, 0, 1, 1, 1, 1])
    const last = daily().at(-1) ?? ''
    expect(last.split('\n')[0]).toBe('⏰ Всё ещё ждут ответа менеджера 2 клиента:')
    expect(last).toContain(`Вера #${client.id}</a> всё ещё ждёт ответа менеджера (с пн, 23 нояб., 12:20).`)
    expect(last).toContain(`Лев #${otherId}</a> всё ещё ждёт ответа менеджера (с пн, 23 нояб., 12:20).`)
    // Answered both: the next working day has nothing to say, and says nothing
    await h.send(h.u.staffText(manager, topicId, 'Готово завтра.'))
    const otherTopic = (findClientByTelegramId(h.deps.db, other.id) as ClientRow).topicId as number
    await h.send(h.u.staffText(manager, otherTopic, 'Здравствуйте!'))
    await settle(h)
    const count = daily().length
    for (let day = 0; day < 3; day++) await runAt(h, h.clock.now() + DAY)
    expect(daily()).toHaveLength(count)
    expect(h.errors()).toEqual([])
  })

  it('a client the owners’ list of the day names erases their data: the list is edited to the others, counted anew', async () => {
    const { h, user, client } = await answered(7115)
    await h.send(h.u.text(user, 'Когда будет готово?'))
    const other = h.u.user(7116, { first_name: 'Лев', last_name: 'Толстой' })
    await h.send(h.u.text(other, '/start'), h.u.text(other, '/manager'))
    await settle(h)
    const lev = findClientByTelegramId(h.deps.db, other.id) as ClientRow
    // Through Monday, and Tuesday's opening brings the day's list of both
    for (let step = 0; step < 26; step++) await runAt(h, h.clock.now() + 15 * MINUTE)
    await runAt(h, h.clock.now() + DAY)
    const list = h.fake
      .sentTo(OWNER_ID)
      .filter((c) => String(c.payload.text).startsWith('⏰ Всё ещё жд'))
      .at(-1)
    expect(String(list?.payload.text).split('\n')[0]).toBe('⏰ Всё ещё ждут ответа менеджера 2 клиента:')
    const messageId = (list?.result as { message_id: number } | undefined)?.message_id ?? -1

    await forgetData(h, other)
    await settle(h)
    // The list stays, for Вера alone; nothing in the owner's chat names Лев any more
    const edited = h.fake.callsOf('editMessageText').filter((c) => c.payload.message_id === messageId)
    const text = String(edited.at(-1)?.payload.text)
    expect(text.split('\n')[0]).toBe('⏰ Всё ещё ждёт ответа менеджера 1 клиент:')
    expect(text).toContain(`Вера #${client.id}</a> всё ещё ждёт ответа менеджера`)
    const shown = [...h.fake.emulator.chat(OWNER_ID).messages.values()]
      .filter((m) => !m.deleted)
      .map((m) => m.message.text ?? '')
      .join('\n')
    expect(shown).not.toContain('Толстой')
    expect(shown).not.toContain(`#${lev.id}`)
    expect(h.errors()).toEqual([])
  })

  it('still unanswered with an invoice overdue: the daily alert names it, as its payment reminders wait for the answer', async () => {
    const { h, user, client, topicId } = await answered(7106)
    // Due last Friday, unpaid; another, due at Christmas, is not overdue and is not named
    unpaidInvoice(h, client.id, { createdBy: MANAGER_ID, dueDate: '2026-11-20' })
    unpaidInvoice(h, client.id, { createdBy: MANAGER_ID })
    await h.send(h.u.text(user, 'Когда будет готово?'))
    await settle(h)
    for (let day = 0; day < 3; day++) await runAt(h, h.clock.now() + DAY)
    const overdue =
      '💳 Счёт №1 (15\u00a0000\u00a0₽) просрочен и не оплачен: напоминания клиенту об оплате ждут, пока ему ответят.'
    const still = lateAlertsWhole(h, topicId).filter((t) => t.includes('ответа всё ещё нет'))
    expect(still.length).toBeGreaterThan(0)
    for (const alert of still) expect(alert.split('\n')).toEqual([expect.stringContaining('⏰'), overdue])
    expect(
      ownerAlerts(h)
        .filter((t) => t.includes('к обещанному времени'))
        .at(-1),
    ).toContain('💳 Счёт №1 (15\u00a0000\u00a0₽) просрочен')
    expect(h.errors()).toEqual([])
  })

  it('each reminder replies to the client’s first unanswered message in the topic, not to the topic’s first message', async () => {
    const { h, user, topicId } = await answered(7111)
    await h.send(h.u.text(user, 'Когда будет готово?'))
    h.clock.advance(MINUTE)
    await h.send(h.u.text(user, 'Алло?'))
    await settle(h)
    const copy = h.deps.sqlite
      .prepare("select topic_message_id as id from messages where text = 'Когда будет готово?'")
      .get() as { id: number | null }
    expect(copy.id).not.toBeNull()
    for (let day = 0; day < 3; day++) {
      h.clock.advance(DAY)
      await h.deps.scheduler.runDue()
      await settle(h)
    }
    const alerts = h.fake
      .sentTo(STAFF_GROUP_ID, topicId)
      .filter((c) => c.method === 'sendMessage' && String(c.payload.text).startsWith('⏰'))
    expect(alerts.map((c) => String(c.payload.text).slice(0, 40))).toHaveLength(3)
    for (const alert of alerts) {
      expect(alert.payload.reply_parameters).toEqual({ message_id: copy.id, allow_sending_without_reply: true })
    }
  })

  it('a client back weeks later, their reminders run out: the team hears once more, an answer time after, once a day', async () => {
    const { h, user, topicId } = await answered(7109)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'Когда будет готово?'))
    await settle(h)
    for (let day = 0; day < 21; day++) await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId)).toHaveLength(6)
    // Monday three weeks on, 12:20: she writes again, twice
    await runAt(h, Date.parse('2026-12-14T09:20:00Z'))
    await h.send(h.u.text(user, 'Вы тут? Есть новости?'))
    await settle(h)
    await runAt(h, h.clock.now() + 5 * MINUTE)
    await h.send(h.u.text(user, 'Ау'))
    await settle(h)
    await runAt(h, h.clock.now() + 15 * MINUTE)
    const wrote = `пн, 23 нояб., ${moscowTime(wroteAt)}`
    expect(lateAlerts(h, topicId).slice(6)).toEqual([`⏰ ${OLEG}, клиент всё ещё ждёт ответа (с ${wrote}).`])
    // She heard the team knows once, as the team was reminded once: not at every line
    const acks = () => h.fake.textsTo(user.id).filter((t) => t.includes('простите, что так долго нет ответа'))
    expect(acks()).toHaveLength(1)
    await h.send(h.u.text(user, 'Алло'))
    expect(acks()).toHaveLength(1)
    // The owners read it in their message of the day
    expect(ownerAlerts(h).at(-1)).toMatch(
      /\n⏰ Клиент <a href="[^"]+">[^<]+ #\d+<\/a> всё ещё ждёт ответа менеджера \(с пн, 23 нояб\./,
    )
    // No week of reminders again: that one alert, until she writes on another day
    for (let day = 0; day < 7; day++) await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId)).toHaveLength(7)
    await h.send(h.u.text(user, 'Напишите хоть что-нибудь'))
    await settle(h)
    await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId)).toHaveLength(8)
    expect(h.errors()).toEqual([])
  })

  it('a client back weeks later to a request nobody ever answered: the team hears too', async () => {
    const { h, user, topicId, before } = await unansweredForWeeks(7110, 'Эмма')
    await h.send(h.u.text(user, 'hello?? nobody answered me'))
    // She is not left to wonder whether anyone reads it
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Эмма, простите, что так долго нет ответа. Ваше сообщение у менеджеров, и команда знает, что вы ждёте.',
    )
    await settle(h)
    await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId).slice(before)).toEqual([
      '⏰ Клиент всё ещё ждёт ответа (с пн, 23 нояб., 12:00), и запрос никто не ведёт: возьмите его.',
    ])
    expect(h.errors()).toEqual([])
  })

  it('a client back weeks later whom staff then ask "Is your question solved?": no "still waiting" alert follows', async () => {
    const { h, user, topicId, before } = await unansweredForWeeks(7112, 'Эмма')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Олег' })
    await h.send(h.u.text(user, 'hello?? nobody answered me'))
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId).slice(before)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('asking for a manager again weeks later, nobody having answered, is writing again: the team hears once more', async () => {
    const { h, user, topicId, before } = await unansweredForWeeks(7111, 'Дмитрий')
    await h.send(h.u.text(user, '/manager'))
    expect(h.fake.lastTextTo(user.id)).toContain('Простите, что ответ задерживается: команда знает, что вы ждёте.')
    await settle(h)
    await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId).slice(before)).toEqual([
      '⏰ Клиент всё ещё ждёт ответа (с пн, 23 нояб., 12:00), и запрос никто не ведёт: возьмите его.',
    ])
    expect(h.errors()).toEqual([])
  })

  it('"Is your question solved?" ends the wait; the client\'s "No" starts one', async () => {
    const { h, manager, user, topicId } = await answered(7106)
    await h.send(h.u.text(user, 'Поняла, спасибо, подумаю'))
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    h.clock.advance(30 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lateAlerts(h, topicId)).toEqual([])

    const saidNo = h.clock.now()
    const ask = h.fake.lastButtonsTo(user.id).find((b) => b.text.includes('Нет'))
    expect(ask).toBeDefined()
    await h.send(h.u.callback(user, ask!.data!))
    await settle(h)
    await runAt(h, saidNo + 15 * MINUTE)
    const wrote = moscowTime(saidNo)
    expect(lateAlerts(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${wrote}).`,
    ])
  })

  it('nobody leads the request any more: the alert asks whoever is there to take it, with the button', async () => {
    const { h, user, client, topicId } = await answered(7107)
    h.deps.services.staff.remove(MANAGER_ID)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'Есть кто-нибудь?'))
    await settle(h)
    await runAt(h, wroteAt + 15 * MINUTE)
    const wrote = moscowTime(wroteAt)
    const text = `⏰ Клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${wrote}), и запрос никто не ведёт: возьмите его.`
    expect(lateAlerts(h, topicId)).toEqual([text])
    const alert = [...h.fake.emulator.chats.get(STAFF_GROUP_ID)!.messages.values()].find((m) =>
      m.message.text?.startsWith(text.replace(/<[^>]+>/g, '')),
    )
    expect(
      alert?.message.reply_markup?.inline_keyboard.flat().map((b) => ('callback_data' in b ? b.callback_data : '')),
    ).toEqual([`hclaim:${client.id}`])
  })

  it('a client who erased their data meanwhile: nothing comes, nothing names them', async () => {
    const { h, user, topicId } = await answered(7108)
    await h.send(h.u.text(user, 'Вопрос по смете'))
    await forgetData(h, user)
    await settle(h)
    h.clock.advance(60 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
  })

  it('a message written while the answer before it was held up on its way waits once that answer is delivered', async () => {
    const { h, manager, user, topicId } = await answered(7109)
    await h.send(h.u.text(user, 'Пришлите смету, пожалуйста'))
    // The manager answers; Telegram holds the copy a minute (429), and meanwhile she writes again
    h.fake.tooManyRequests({ method: 'copyMessage', chatId: user.id }, 60)
    await h.send(h.u.staffText(manager, topicId, 'Смета во вложении'))
    await h.deps.services.outbox.drain()
    h.clock.advance(10_000)
    const secondAt = h.clock.now()
    await h.send(h.u.text(user, 'И срок заодно напишите'))
    await settle(h)
    // Delivered: her first message is answered, the second is not — its answer time runs from it
    expect(h.fake.sentTo(user.id).filter((c) => c.ok && c.method === 'copyMessage')).toHaveLength(1)
    await runAt(h, secondAt + 15 * MINUTE)
    const wrote = moscowTime(secondAt)
    expect(lateAlerts(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${wrote}).`,
    ])
  })

  it('a client who blocked the bot is not watched; once back, a new message is', async () => {
    const { h, user, topicId } = await answered(7110)
    await h.send(h.u.text(user, 'Вопрос по оплате'))
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.myChatMember(user, 'kicked'))
    h.clock.advance(60 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(lateAlerts(h, topicId)).toEqual([])
    // She unblocks the bot and asks again
    h.fake.blockedChats.delete(user.id)
    await h.send(h.u.myChatMember(user, 'member'))
    const againAt = h.clock.now()
    await h.send(h.u.text(user, 'Так можно оплатить частями?'))
    await runAt(h, againAt + 15 * MINUTE)
    expect(lateAlerts(h, topicId)).toHaveLength(1)
  })

  it('the wait of a client who blocked the bot leaves the card when its check finds it unwatched', async () => {
    const { h, manager, user, client, topicId } = await answered(7126)
    const waitLine = () =>
      cardText(h, client.id)
        .split('\n')
        .find((l) => l.includes('снова ждёт ответа')) ?? null
    await h.send(h.u.text(user, 'Вопрос по оплате'))
    await h.send(h.u.staffText(manager, topicId, '/card'))
    await settle(h)
    expect(waitLine()).toContain('⏳ снова ждёт ответа')
    h.fake.blockedChats.add(user.id)
    await h.send(h.u.myChatMember(user, 'kicked'))
    await settle(h)
    // Drawn since she blocked the bot: still waiting, as far as the card knows
    expect(waitLine()).toContain('⏳ снова ждёт ответа')
    h.clock.advance(60 * MINUTE)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(waitLine()).toBeNull()
  })

  it('a low rating the client gives while a manager is already with them is a message the team owes an answer', async () => {
    const { h, client, topicId } = await answered(7111)
    // A check-in asked before this request, answered now (staff read the summary in the topic)
    const ratedAt = h.clock.now()
    h.deps.services.staffBridge.escalate(client.id, 'low_rating', 'Низкая оценка: 2/5')
    await settle(h)
    await runAt(h, ratedAt + 15 * MINUTE)
    expect(lateAlerts(h, topicId)).toHaveLength(1)
  })
})

describe('a message that only tells the team something owes no answer', () => {
  /**
   * Вера's request is answered; Олег sends a Telegram invoice and she pays it in the chat, the
   * payment confirmed by itself. `words`: what she writes then, five minutes on.
   */
  async function paidThenWrites(telegramId: number, ...words: string[]) {
    const { h, manager, user, client, topicId } = await answered(telegramId, { provider: true })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата'))
    await settle(h)
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('no invoice was sent')
    await h.send(h.u.preCheckout(user, invoice))
    await h.send(h.u.successfulPayment(user, invoice).update)
    await settle(h)
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidVia: 'provider' })
    h.clock.advance(5 * MINUTE)
    const toClient = h.fake.textsTo(user.id).length
    const wroteAt = h.clock.now()
    const sent = words.map((text) => h.u.text(user, text))
    await h.send(...sent)
    await settle(h)
    // Her words reach the topic as any message
    expect(relayedToGroup(h, user.id)).toEqual(expect.arrayContaining(sent.map((u) => u.message?.message_id)))
    // An hour, then a working day: past every answer time and its first reminder
    await runAt(h, wroteAt + 60 * MINUTE)
    await runAt(h, wroteAt + DAY)
    const apologies = h.fake
      .textsTo(user.id)
      .slice(toClient)
      .filter((t) => t.includes('простите'))
    return { h, client, topicId, apologies }
  }

  it('"Оплатила! Тексты пришлю вечером" after her payment was confirmed: no apology, no alert, the topic reads it', async () => {
    const { h, topicId, apologies } = await paidThenWrites(7140, 'Оплатила! Тексты пришлю вечером')
    expect(apologies).toEqual([])
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(topicState(h, topicId).name).toContain('💬')
    expect(h.errors()).toEqual([])
  })

  it('"скину завтра", "I\'ll send the texts tonight", «фото пришлю в понедельник, спасибо»: no answer owed either', async () => {
    const { h, topicId, apologies } = await paidThenWrites(
      7141,
      'скину завтра',
      "I'll send the texts tonight",
      'фото пришлю в понедельник, спасибо',
    )
    expect(apologies).toEqual([])
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
  })

  it('with a question, a request or a complaint beside it, the client waits: the apology and the alerts come', async () => {
    for (const [i, words] of [
      'Оплатила! Тексты пришлю вечером. А когда будет готово?',
      'Оплатила! Тексты пришлю вечером, посмотрите пожалуйста договор',
      'Тексты пришлю вечером, но вы опять сорвали сроки',
      'пришлите реквизиты, оплачу вечером',
      'send me the brief tonight',
    ].entries()) {
      const { h, topicId, apologies } = await paidThenWrites(7150 + i, words)
      expect(apologies, words).toHaveLength(1)
      expect(lateAlerts(h, topicId)[0], words).toMatch(/клиент снова ждёт ответа/)
      expect(ownerAlerts(h)[0], words).toMatch(/снова ждёт ответа менеджера/)
    }
  })

  it('"Оплатила!" with no payment the bot knows of is the team\'s to check: the client waits', async () => {
    const { h, user, client, topicId } = await answered(7160)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'Оплатила! Тексты пришлю вечером'))
    await runAt(h, wroteAt + 15 * MINUTE)
    expect(h.deps.services.orders.paid(client.id)).toEqual([])
    expect(lateAlerts(h, topicId)).toHaveLength(1)
    expect(h.fake.textsTo(user.id).at(-1)).toMatch(/^Вера, простите, что заставляем ждать/)
  })
})

/** /today as the staff group reads it: the lines of the section whose title starts with `title`. */
async function todaySection(h: Harness, title: string): Promise<string[]> {
  await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
  await settle(h)
  const lines = String(
    h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).startsWith('📅'))?.payload.text,
  ).split('\n')
  const at = lines.findIndex((l) => l.startsWith(title))
  if (at < 0) return []
  const end = lines.indexOf('', at)
  return lines.slice(at, end < 0 ? undefined : end)
}

describe('asking for a manager again in an answered request', () => {
  it.each([
    ['the menu’s button', 'menu:manager'],
    ['/manager', '/manager'],
  ])(
    '%s starts the wait a message does: the topic’s line is true, /today lists the client as waiting, the alert comes',
    async (_, how) => {
      const { h, user, client, topicId } = await answered(how === '/manager' ? 7131 : 7132)
      const askedAt = h.clock.now()
      await h.send(how === '/manager' ? h.u.text(user, how) : h.u.callback(user, how))
      await settle(h)
      const asked = moscowTime(askedAt)
      expect(
        h.fake
          .textsTo(STAFF_GROUP_ID, topicId)
          .find((t) => t.startsWith('🙋'))
          ?.split('\n')[0],
      ).toBe(`🙋 ${OLEG}, клиент снова просит менеджера и ждёт ответа.`)
      expect(await todaySection(h, '💬 Ждут ответа')).toEqual([
        '💬 Ждут ответа команды (1):',
        expect.stringContaining(`Вера #${client.id}</a>`),
      ])
      expect((await todaySection(h, '💬 Открытые')).join('\n')).not.toContain('Вера')

      // Unanswered at its answer time: the lead is mentioned, the owner told, the topic 🔴
      await runAt(h, askedAt + 15 * MINUTE)
      expect(lateAlerts(h, topicId)).toEqual([
        `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${asked}).`,
      ])
      expect(ownerAlerts(h)[0]).toContain(`#${client.id}</a> снова ждёт ответа менеджера`)
      expect(topicState(h, topicId).name).toBe(`🔴 Вера · #${client.id}`)
      expect(h.errors()).toEqual([])
    },
  )

  it('asked "Is your question solved?", pressing for a manager instead of answering starts the wait too', async () => {
    const { h, manager, user, topicId } = await answered(7133)
    await h.send(h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    const askedAt = h.clock.now()
    await h.send(h.u.callback(user, 'menu:manager'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).map((t) => t.split('\n')[0])).toContain(
      '⚠️ Клиент попросил менеджера, не ответив на «Вопрос решён?»: запрос снова открыт. Если вопрос решён — /close ещё раз.',
    )
    await runAt(h, askedAt + 15 * MINUTE)
    expect(lateAlerts(h, topicId)).toEqual([
      `⏰ ${OLEG}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с ${moscowTime(askedAt)}).`,
    ])
    expect(h.errors()).toEqual([])
  })
})
