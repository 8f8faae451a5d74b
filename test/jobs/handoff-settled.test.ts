/**
 * A wait the client settles themselves ends with no alarm (docs/managers.md, "What makes a client
 * waiting"): a question about a call answered by the call they book, one about the time zone by
 * the zone they set, anything by their «разобралась» or «уже не нужно». The request stays open;
 * the topic reads one line of it, is 💬, and /today and /stats count no wait and nothing late.
 * Anything more asked in the wait keeps it waiting.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { book } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { settle, topicState } from '../helpers/desk.ts'
import { ownerAlerts } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { ownerStats, statsLine } from '../helpers/stats.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER_ID = 5_100_081
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** Tuesday 24 November, 12:00 in Moscow: a free callback time the day after. */
const TUESDAY = '2026-11-24'
const SLOT = '2026-11-24T09:00:00Z'

/** Moves the clock to `ms` and runs what is due there, the outbox included. */
async function runAt(h: Harness, ms: number): Promise<void> {
  h.clock.set(ms)
  await h.deps.scheduler.runDue()
  await settle(h)
}

/** Monday 12:00 in Moscow (demo hours Mon–Fri 10–19, answer time 15 minutes), with Олег on the team. */
function monday() {
  const h = createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Олег')
  return { h, manager: h.u.user(MANAGER_ID, { first_name: 'Олег' }) }
}

const clientOf = (h: Harness, user: TestUser) => findClientByTelegramId(h.deps.db, user.id) as ClientRow

/** What the topic read, the card aside (it is edited in place, not posted again). */
const topicTexts = (h: Harness, topicId: number) => h.fake.textsTo(STAFF_GROUP_ID, topicId)
/** The late-answer alerts in the topic (not a call's reminder, ⏰ too), and the owner's. */
const lateAlerts = (h: Harness, topicId: number) =>
  topicTexts(h, topicId).filter((t) => t.startsWith('⏰') && /ответ/.test(t.split('\n')[0] ?? ''))
/** The lines saying the client settled it themselves. */
const settledLines = (h: Harness, topicId: number) => topicTexts(h, topicId).filter((t) => t.startsWith('✔️ Клиент'))
/** What the client was apologised to for a wait. */
const apologies = (h: Harness, user: TestUser) => h.fake.textsTo(user.id).filter((t) => t.includes('простите'))

/** /today in the staff group, as the owner reads it. */
async function today(h: Harness): Promise<string> {
  await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
  await settle(h)
  return h.fake.lastTextTo(STAFF_GROUP_ID)
}

/** The owner's /stats for the week: its requests line and its line of follow-up waits gone late. */
async function stats(h: Harness): Promise<{ requests: string | undefined; repliesLate: string | undefined }> {
  const report = await ownerStats(h)
  await settle(h)
  return { requests: statsLine(report, '💬 Обращения'), repliesLate: statsLine(report, '⏰') }
}

/** Presses the zone button labelled `label` under the question /timezone asked last. */
async function pressZone(h: Harness, user: TestUser, label: string): Promise<void> {
  const button = h.fake.lastButtonsTo(user.id).find((b) => b.text === label)
  if (!button?.data) throw new Error(`no zone button "${label}"`)
  await h.send(h.u.callback(user, button.data))
}

describe('a question the client settles by what they do themselves', () => {
  it('«а время звонка по Москве?», nobody answered yet: /timezone set and a call booked — no alert, no apology, one line in the topic, 💬, nothing late', async () => {
    const { h } = monday()
    const user = h.u.user(7201, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'а время звонка по Москве?'))
    await settle(h)
    const client = clientOf(h, user)
    const topicId = client.topicId as number
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Вера, передаю вас менеджеру\. .*Ответим до 12:15/)
    expect(topicState(h, topicId).name).toBe(`🟡 Вера · #${client.id}`)

    // Before anyone answers, she sets her zone and books the call herself
    await h.send(h.u.text(user, '/timezone'), h.u.text(user, 'Новосибирск'))
    await book(h, user, { day: TUESDAY, slot: SLOT })
    await settle(h)
    // Her zone answered it: the topic says so once (the call booked after it finds nothing waiting)
    expect(settledLines(h, topicId)).toEqual([
      '✔️ Клиент сам указал свой часовой пояс — это ответ на его вопрос: ответа больше не ждёт, напоминаний не будет. Запрос открыт — написать ему можно как обычно.',
    ])
    expect(topicTexts(h, topicId).some((t) => t.startsWith('🗓 Новая запись на звонок'))).toBe(true)

    // Past the answer time, and a working day on: nobody is alerted, she hears no apology
    const wrote = h.clock.now()
    await runAt(h, wrote + 40 * MINUTE)
    await runAt(h, wrote + DAY)
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(apologies(h, user)).toEqual([])
    // The request stays open, waiting for nothing: 💬, nobody listed as waiting, none late in /stats
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
    const list = await today(h)
    expect(list).toContain('💬 Ответа команды сейчас никто не ждёт.')
    expect(list).toMatch(
      /💬 Открытые, ждут нашего шага или \/close \(1\):\n.*Вера.* — ответа не было, клиент сам снял вопрос/,
    )
    // Opened and not answered, yet never due: no "в срок" share with a miss in it
    expect((await stats(h)).requests).toBe('💬 Обращения к менеджеру, открытые за период: 1, ответили 0')
    expect(h.errors()).toEqual([])
  })

  it('in an answered request, «когда позвоните?» then a call booked by the client: the wait ends, the topic reads it under her question', async () => {
    const { h, manager } = monday()
    const user = h.u.user(7202, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await settle(h)
    const client = clientOf(h, user)
    const topicId = client.topicId as number
    await h.send(h.u.staffText(manager, topicId, 'Вера, здравствуйте! Чем помочь?'))
    await settle(h)
    await runAt(h, h.clock.now() + 20 * MINUTE)

    await h.send(h.u.text(user, 'когда позвоните?'))
    await settle(h)
    const asked = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => c.method === 'copyMessage')
    await book(h, user, { day: TUESDAY, slot: SLOT })
    await settle(h)
    const line = h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).startsWith('✔️ Клиент'))
    expect(line?.payload.text).toBe(
      '✔️ Клиент сам выбрал время звонка — это ответ на его вопрос: ответа больше не ждёт, напоминаний не будет. Запрос открыт — написать ему можно как обычно.',
    )
    // Under the question it answers, a tap away
    expect(line?.payload.reply_parameters).toMatchObject({
      message_id: (asked?.result as { message_id: number } | undefined)?.message_id,
    })

    await runAt(h, h.clock.now() + 40 * MINUTE)
    await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(apologies(h, user)).toEqual([])
    expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
    // Her wait counts among those the team had, not among the late ones
    expect((await stats(h)).repliesLate).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: 0 из 1 раза',
    )

    // Her next question waits again, as any does
    const againAt = h.clock.now()
    await h.send(h.u.text(user, 'а сколько стоит доставка в Казань?'))
    await runAt(h, againAt + 15 * MINUTE)
    expect(lateAlerts(h, topicId)).toEqual([expect.stringMatching(/^⏰ .*клиент снова ждёт ответа/)])
    expect(h.errors()).toEqual([])
  })

  it('only what answers all of it: a price asked beside the call, a call asked for on a clock, /manager alone — the booking or the zone settles nothing, the alert comes', async () => {
    const cases: { id: number; words?: string; does: 'book' | 'zone' }[] = [
      { id: 7211, words: 'а время звонка по Москве и сколько стоит сайт?', does: 'book' },
      { id: 7212, words: 'можно созвониться завтра в 15 по Москве?', does: 'zone' },
      { id: 7213, does: 'book' },
    ]
    for (const { id, words, does } of cases) {
      const { h } = monday()
      const user = h.u.user(id, { first_name: 'Вера' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, words ?? '/manager'))
      await settle(h)
      const topicId = clientOf(h, user).topicId as number
      if (does === 'book') await book(h, user, { day: TUESDAY, slot: SLOT })
      else await h.send(h.u.text(user, '/timezone'), h.u.text(user, 'Новосибирск'))
      await runAt(h, h.clock.now() + 40 * MINUTE)
      const label = words ?? '/manager'
      expect(settledLines(h, topicId), label).toEqual([])
      expect(lateAlerts(h, topicId), label).toEqual([expect.stringMatching(/^⏰ Никто не ответил за 15 мин/)])
      expect(ownerAlerts(h), label).toHaveLength(1)
      expect(h.errors()).toEqual([])
    }
  })

  it('the call that settled it cancelled by the client: the question waits again — 🟡, the alert and the apology at its time', async () => {
    const { h } = monday()
    const user = h.u.user(7215, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'а время звонка по Москве?'))
    await settle(h)
    const client = clientOf(h, user)
    const topicId = client.topicId as number
    const call = await book(h, user, { day: TUESDAY, slot: SLOT })
    await settle(h)
    expect(settledLines(h, topicId)).toHaveLength(1)
    expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
    await h.send(h.u.callback(user, `bkm:cancel:${call.id}`), h.u.callback(user, `bkm:cancelyes:${call.id}`))
    await settle(h)
    expect(h.deps.services.booking.get(call.id)?.status).toBe('cancelled')
    expect(topicTexts(h, topicId)).toContain(
      '↩️ Клиент отменил звонок, который сам выбрал, — его вопрос снова ждёт ответа.',
    )
    expect(topicState(h, topicId).name).toBe(`🟡 Вера · #${client.id}`)
    // Due at the time she was told when she asked (12:15)
    await runAt(h, Date.parse('2026-11-23T09:15:00Z'))
    expect(lateAlerts(h, topicId)).toEqual([expect.stringMatching(/^⏰ Никто не ответил за 15 мин/)])
    expect(apologies(h, user)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a zone button pressed settles a question about the zone alone («какой у вас часовой пояс?»)', async () => {
    const { h } = monday()
    const user = h.u.user(7221, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'какой у вас часовой пояс?'))
    await settle(h)
    const topicId = clientOf(h, user).topicId as number
    await h.send(h.u.text(user, '/timezone'))
    await pressZone(h, user, 'Иркутск, UTC+8')
    await runAt(h, h.clock.now() + 40 * MINUTE)
    expect(settledLines(h, topicId)).toHaveLength(1)
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('a question the client settles in words', () => {
  it('«Разобралась, спасибо!» before anyone answered: no alert, no night of reminders; the topic reads her words and one line', async () => {
    const { h } = monday()
    const user = h.u.user(7231, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'как оплатить картой из Казахстана?'))
    await settle(h)
    const client = clientOf(h, user)
    const topicId = client.topicId as number
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.text(user, 'Разобралась, спасибо!'))
    await settle(h)
    // Her words reach the topic as any message, and the line says what it means for the team
    expect(settledLines(h, topicId)).toEqual([
      '✔️ Клиент сам снял свой вопрос: ответа больше не ждёт, напоминаний не будет. Запрос открыт — написать ему можно как обычно.',
    ])
    // The bot says nothing back to it
    expect(h.fake.textsTo(user.id).slice(toClient)).toEqual([])
    await runAt(h, h.clock.now() + 40 * MINUTE)
    await runAt(h, h.clock.now() + DAY)
    expect(lateAlerts(h, topicId)).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(apologies(h, user)).toEqual([])
    expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(h.errors()).toEqual([])
  })

  it('«уже не нужно» after the alert went: 🔴 turns 💬 and the daily reminders stop; the miss stays counted', async () => {
    const { h, manager } = monday()
    const user = h.u.user(7232, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await settle(h)
    const client = clientOf(h, user)
    const topicId = client.topicId as number
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте!'))
    await settle(h)
    await runAt(h, h.clock.now() + 20 * MINUTE)
    const wroteAt = h.clock.now()
    await h.send(h.u.text(user, 'А можно перенести сдачу на пятницу?'))
    await runAt(h, wroteAt + 15 * MINUTE)
    expect(lateAlerts(h, topicId)).toHaveLength(1)
    expect(topicState(h, topicId).name).toBe(`🔴 Вера · #${client.id}`)

    await h.send(h.u.text(user, 'уже не нужно, спасибо'))
    await settle(h)
    expect(settledLines(h, topicId)).toHaveLength(1)
    expect(topicState(h, topicId).name).toBe(`💬 Вера · #${client.id}`)
    // The next working days bring no reminder of a wait that ended
    await runAt(h, wroteAt + DAY)
    await runAt(h, wroteAt + 2 * DAY)
    expect(lateAlerts(h, topicId)).toHaveLength(1)
    // It did go late before she took it back: /stats keeps that
    expect((await stats(h)).repliesLate).toBe(
      '⏰ Клиенты писали снова в отвеченных запросах и ждали ответа дольше срока: 1 из 1 раза',
    )
    expect(h.errors()).toEqual([])
  })

  it('«не разобралась», «разобралась, а доставка когда?»: still waiting, the alert comes', async () => {
    for (const [i, words] of ['не разобралась', 'разобралась, а доставка когда?'].entries()) {
      const { h } = monday()
      const user = h.u.user(7241 + i, { first_name: 'Вера' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, 'как оплатить картой из Казахстана?'))
      await settle(h)
      const topicId = clientOf(h, user).topicId as number
      await h.send(h.u.text(user, words))
      await runAt(h, h.clock.now() + 40 * MINUTE)
      expect(settledLines(h, topicId), words).toEqual([])
      expect(lateAlerts(h, topicId), words).toHaveLength(1)
      expect(h.errors()).toEqual([])
    }
  })
})
