/**
 * The team's reminder of a client's "I paid" nobody answered: through the bot's updates, the
 * real scheduler and the outbox, on the demo hours (Mon–Fri 10–19, Sat 11–16, Moscow).
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { jobs } from '../../db/schema.ts'
import type { Content } from '../../src/content/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, demoContent, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const MANAGER_ID = 5_000_101
/** How Intl writes 60 000 ₽ in Russian: no-break spaces. */
const RUB_60000 = '60\u00a0000\u00a0₽'
const REMINDER = '⏰ Оплату счёта №1'
const OWNER_ALERT = 'Оплату счёта №1'

async function setup(start = '2026-11-23T09:00:00Z', content?: Content) {
  const h = createHarness({ clock: createFakeClock(start), ...(content ? { content } : {}) })
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const c = await clientWithTopic(h, 601)
  await h.send(h.u.staffText(manager, c.topicId, '/invoice 60000 Лендинг'))
  await h.flush()
  await h.send(h.u.callback(c.user, 'pay:claim:1'))
  await h.flush()
  return { h, manager, ...c }
}

/** Moves the clock to `iso`, runs what is due and delivers what it queued. */
async function at(h: Harness, iso: string): Promise<void> {
  h.clock.set(iso)
  await h.deps.scheduler.runDue()
  await h.drain()
}

const reminders = (h: Harness, topicId: number) =>
  h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith(REMINDER))
const ownerAlerts = (h: Harness) => h.fake.textsTo(OWNER_ID).filter((t) => t.includes(OWNER_ALERT))
/** The bot's messages in the staff group that carry a button with `data` now. */
const carrying = (h: Harness, data: string) =>
  [...(h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.values() ?? [])]
    .filter((m) => m.fromBot && !m.deleted)
    .filter((m) =>
      m.message.reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data === data),
    )
    .map((m) => m.message.message_id)
const checkJobs = (h: Harness) =>
  h.deps.db.select().from(jobs).where(eq(jobs.kind, 'paid_check')).orderBy(jobs.id).all()

describe('an "I paid" nobody on the team answered', () => {
  it('reminds the topic after 8 working hours, then each working day; the owners hear at the second', async () => {
    // Reported Monday 12:00: 7 working hours that day, the 8th on Tuesday morning
    const { h, topicId } = await setup()
    await at(h, '2026-11-23T15:59:00Z') // Monday 18:59
    await at(h, '2026-11-24T07:59:00Z') // Tuesday 10:59
    expect(reminders(h, topicId)).toEqual([])

    await at(h, '2026-11-24T08:00:00Z') // Tuesday 11:00
    expect(reminders(h, topicId)).toEqual([
      `⏰ Оплату счёта №1 (${RUB_60000} — Лендинг) ещё не проверили: клиент ждёт подтверждения с пн, 23 нояб., 12:00. Проверьте поступление:`,
    ])
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => [b.text, b.data])).toEqual([
      ['✅ Оплата пришла', 'pay:ok:1'],
      ['❌ Пока не пришла', 'pay:no:1'],
    ])
    expect(ownerAlerts(h)).toEqual([])

    // A working day later: the topic again, and the owners
    await at(h, '2026-11-25T07:59:00Z')
    expect(reminders(h, topicId)).toHaveLength(1)
    await at(h, '2026-11-25T08:00:00Z') // Wednesday 11:00
    expect(reminders(h, topicId)).toHaveLength(2)
    // Named as in the owners' other alerts, their name the way to their topic
    expect(ownerAlerts(h)).toEqual([
      `⏰ Оплату счёта №1 (${RUB_60000}) ещё не проверили: клиент <a href="https://t.me/c/1234567890/${topicId}">Анна #1</a> ждёт подтверждения с пн, 23 нояб., 12:00.`,
    ])
    // The third: the topic only
    await at(h, '2026-11-26T08:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(3)
    expect(ownerAlerts(h)).toHaveLength(1)
    // Neither on the card nor in /followups: it is the team's own timer, not a message to the client
    const card = h.deps.services.handoff.topics.card(1)
    const cardText = card && h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(card.messageId)?.message.text
    expect(cardText ?? '').not.toContain('проверить оплату')

    // "Not received yet" on the latest: every post about this report loses its answers, and it ends
    await h.send(
      h.u.callback(h.u.user(MANAGER_ID), 'pay:no:1', {
        chatId: STAFF_GROUP_ID,
        threadId: topicId,
        messageId: h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:no:1'),
      }),
    )
    await h.flush()
    expect(carrying(h, 'pay:no:1')).toEqual([])
    expect(carrying(h, 'pay:ok:1')).toEqual([])
    await at(h, '2026-11-27T08:00:00Z')
    await at(h, '2026-11-30T08:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(3)
    expect(checkJobs(h).map((j) => j.status)).toEqual(['done', 'done', 'done', 'cancelled'])
    expect(h.errors()).toEqual([])
  })

  it('a Friday evening report is reminded of on Monday, not on Saturday', async () => {
    // Friday 19:30 Moscow, after hours: Saturday's 5 working hours, then Monday's first 3
    const { h, topicId } = await setup('2026-11-27T16:30:00Z')
    await at(h, '2026-11-28T13:00:00Z') // Saturday 16:00, closing
    await at(h, '2026-11-29T12:00:00Z') // Sunday
    await at(h, '2026-11-30T09:59:00Z') // Monday 12:59
    expect(reminders(h, topicId)).toEqual([])
    await at(h, '2026-11-30T10:00:00Z') // Monday 13:00
    expect(reminders(h, topicId)).toHaveLength(1)
    expect(reminders(h, topicId)[0]).toContain('клиент ждёт подтверждения с пт, 27 нояб., 19:30.')
    // The repeat a working day later, Tuesday 13:00
    await at(h, '2026-12-01T09:59:00Z')
    expect(reminders(h, topicId)).toHaveLength(1)
    await at(h, '2026-12-01T10:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(2)
    expect(ownerAlerts(h)).toHaveLength(1)
  })

  it('stops at "payment received", on the first reminder too', async () => {
    const { h, manager, user, topicId } = await setup()
    await at(h, '2026-11-24T08:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(1)
    const messageId = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:ok:1')
    await h.send(h.u.callback(manager, 'pay:ok:1', { chatId: STAFF_GROUP_ID, threadId: topicId, messageId }))
    await h.flush()
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(h.fake.lastTextTo(user.id)).toContain('оплата по счёту №1')
    // The first request's buttons come off too: nothing about it is left to answer
    expect(carrying(h, 'pay:ok:1')).toEqual([])
    await at(h, '2026-11-25T08:00:00Z')
    await at(h, '2026-11-26T08:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(1)
    expect(ownerAlerts(h)).toEqual([])
    expect(checkJobs(h).map((j) => j.status)).toEqual(['done', 'cancelled'])
  })

  it('stops at "not received yet"; a new "I paid" after it starts its own wait', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain('мы пока не видим оплату по счёту №1')
    await at(h, '2026-11-24T08:00:00Z')
    await at(h, '2026-11-25T08:00:00Z')
    expect(reminders(h, topicId)).toEqual([])
    expect(checkJobs(h).map((j) => j.status)).toEqual(['cancelled'])

    // Wednesday 11:00 she presses "I paid" again: its 8 working hours end at closing time, so the
    // team hears at Thursday's opening rather than as they leave
    await h.send(h.u.callback(user, 'pay:claim:1'))
    await h.flush()
    await at(h, '2026-11-25T16:00:00Z') // Wednesday 19:00
    await at(h, '2026-11-26T06:59:00Z') // Thursday 9:59
    expect(reminders(h, topicId)).toEqual([])
    await at(h, '2026-11-26T07:00:00Z')
    expect(reminders(h, topicId)).toEqual([
      `⏰ Оплату счёта №1 (${RUB_60000} — Лендинг) ещё не проверили: клиент ждёт подтверждения с ср, 25 нояб., 11:00. Проверьте поступление:`,
    ])
    // The first request's buttons came off at "not received yet"; the new report's are live
    expect(carrying(h, 'pay:no:1')).toHaveLength(2)
  })

  it('stops at /paid and at a cancelled invoice', async () => {
    const paid = await setup()
    await paid.h.send(paid.h.u.staffText(paid.manager, paid.topicId, '/paid'))
    await paid.h.flush()
    expect(paid.h.deps.services.orders.get(1)?.status).toBe('paid')

    const cancelled = await setup()
    await cancelled.h.send(
      cancelled.h.u.callback(cancelled.manager, 'pay:cancelyes:1', {
        chatId: STAFF_GROUP_ID,
        threadId: cancelled.topicId,
      }),
    )
    await cancelled.h.flush()
    expect(cancelled.h.deps.services.orders.get(1)?.status).toBe('cancelled')

    for (const { h, topicId } of [paid, cancelled]) {
      await at(h, '2026-11-24T08:00:00Z')
      await at(h, '2026-11-25T08:00:00Z')
      expect(reminders(h, topicId)).toEqual([])
      expect(ownerAlerts(h)).toEqual([])
      expect(checkJobs(h).map((j) => j.status)).toEqual(['cancelled'])
    }
  })

  it('once per due time across restarts, even when a run was cut short after it posted', async () => {
    const { h, topicId } = await setup()
    // The bot restarts before the reminder is due: the new process reminds, once
    const second = h.restart()
    await at(second, '2026-11-24T08:00:00Z')
    expect(reminders(second, topicId)).toHaveLength(1)
    expect(await second.deps.scheduler.runDue()).toBe(0)

    // The process died after the reminder was queued, before its run was recorded: the run's
    // claim expires and the job comes up again after a restart
    h.deps.db
      .update(jobs)
      .set({ status: 'running', lockedUntil: second.clock.now() - 1, attempts: 1 })
      .where(and(eq(jobs.kind, 'paid_check'), eq(jobs.status, 'done')))
      .run()
    const third = second.restart()
    await at(third, '2026-11-24T08:05:00Z')
    expect(reminders(third, topicId)).toHaveLength(1)
    expect(checkJobs(third).map((j) => j.status)).toEqual(['skipped', 'pending'])

    // The next working day's reminder, once, with the owners' alert, once
    await at(third, '2026-11-25T08:00:00Z')
    await at(third.restart(), '2026-11-25T08:01:00Z')
    expect(reminders(third, topicId)).toHaveLength(2)
    expect(ownerAlerts(third)).toHaveLength(1)
  })

  it('a client who erased their data while the team had not checked: /forget takes the reminder with it, and nobody is reminded of an order no one can be told of', async () => {
    const { h, user, topicId } = await setup()
    await forgetData(h, user)
    await h.flush()
    await at(h, '2026-11-24T08:00:00Z') // Tuesday 11:00, when the reminder was due
    await at(h, '2026-11-25T08:00:00Z') // and the owners' round
    expect(reminders(h, topicId)).toEqual([])
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('ещё не проверили'))).toEqual([])
    expect(ownerAlerts(h)).toEqual([])
    expect(checkJobs(h).map((j) => j.status)).not.toContain('pending')
    expect(h.errors()).toEqual([])
  })

  it('a report made before a closure longer than the calendar looks ahead (a season off) is reminded of when the team is back', async () => {
    // Reported Monday 23 November at 12:00; closed from the next day for 70 days, open again on
    // Tuesday 2 February at 10:00
    const demo = demoContent()
    const day = (n: number) => new Date(Date.UTC(2026, 10, 24 + n)).toISOString().slice(0, 10)
    const holidays = Array.from({ length: 70 }, (_, n) => day(n))
    expect(holidays.at(-1)).toBe('2027-02-01')
    const { h, topicId } = await setup('2026-11-23T09:00:00Z', { ...demo, business: { ...demo.business, holidays } })
    await at(h, '2026-11-24T09:00:00Z')
    await at(h, '2026-12-20T09:00:00Z')
    await at(h, '2027-01-20T09:00:00Z')
    await at(h, '2027-02-02T06:59:00Z') // Tuesday 9:59, before opening
    expect(reminders(h, topicId)).toEqual([])
    await at(h, '2027-02-02T07:00:00Z') // Tuesday 10:00: the first working minute
    expect(reminders(h, topicId)).toEqual([
      expect.stringContaining('клиент ждёт подтверждения с пн, 23 нояб. 2026 г., 12:00.'),
    ])
    // And a working day later, the topic again, with the owners
    await at(h, '2027-02-03T07:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(2)
    expect(ownerAlerts(h)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('failing for good (a database error) is the log’s: the topic is not told that a message to the client did not go', async () => {
    const { h, topicId } = await setup()
    vi.spyOn(h.deps.services.paidChecks, 'remind').mockImplementation(() => {
      throw new Error('SQLITE_IOERR: disk I/O error')
    })
    await at(h, '2026-11-24T08:00:00Z')
    for (let i = 0; i < 8 && checkJobs(h)[0]?.status !== 'failed'; i++) {
      await at(h, new Date(h.clock.now() + 6 * 3_600_000).toISOString())
    }
    expect(checkJobs(h).map((j) => j.status)).toEqual(['failed'])
    expect(h.errors().map((l) => l.msg)).toContain('job failed for good')
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('Автоматическое сообщение клиенту'))).toEqual([])
    expect(reminders(h, topicId)).toEqual([])
  })

  it("a client of the owner's own account (Telegram Business) is reminded of in the same topic; she hears nothing", async () => {
    const clock = createFakeClock()
    const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
    const user = h.u.user(401, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте! Выставьте счёт, пожалуйста'))
    await h.flush()
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId as number
    await h.send(h.u.staffText(manager, topicId, '/invoice 60000 Лендинг'))
    await h.flush()
    await h.send(h.u.callback(user, 'pay:claim:1', { businessConnectionId: 'bc-olga' }))
    await h.flush()
    const toHer = h.fake.textsTo(user.id).length

    await at(h, '2026-11-24T08:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(1)
    expect(h.fake.textsTo(user.id)).toHaveLength(toHer)
    await at(h, '2026-11-25T08:00:00Z')
    expect(reminders(h, topicId)).toHaveLength(2)
    expect(ownerAlerts(h)).toHaveLength(1)
    expect(h.fake.textsTo(user.id)).toHaveLength(toHer)
  })
})

describe('an "I paid" reported before the reminder existed', () => {
  it('gets its reminder once the bot starts: the waiting reports are armed, each once', async () => {
    const { h, topicId } = await setup()
    // As a report made by an earlier version left it: the report, and no reminder of it
    h.deps.db.delete(jobs).where(eq(jobs.kind, 'paid_check')).run()
    h.deps.services.paidChecks.armWaiting()
    h.deps.services.paidChecks.armWaiting() // a second start arms nothing more
    expect(checkJobs(h)).toHaveLength(1)
    await at(h, '2026-11-24T08:00:00Z') // Tuesday 11:00, 8 working hours after the report
    expect(reminders(h, topicId)).toHaveLength(1)
  })
})
