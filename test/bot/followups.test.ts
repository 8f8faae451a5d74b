import { readFileSync } from 'node:fs'
import { and, eq } from 'drizzle-orm'
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientById, findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import { insertFeedback } from '../../db/repositories/followups.ts'
import { insertHandoff, setFirstResponse } from '../../db/repositories/handoffs.ts'
import { events, feedback, type JobRow, jobs, orders } from '../../db/schema.ts'
import type { Content, ReviewLink } from '../../src/content/schema.ts'
import { reviewLinkFingerprint } from '../../src/services/followups/index.ts'
import { FUNNEL } from '../../src/services/funnel.ts'
import { book } from '../helpers/booking.ts'
import { deletedMessageIds } from '../helpers/desk.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { cardLines, cardText, clientInHandoff } from '../helpers/handoff.ts'
import {
  createHarness,
  DEMO_CONTENT_PATH,
  demoContent,
  forgetData,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
} from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MANAGER_ID = 5_000_201

function jobsOf(h: Harness, kind: string, clientId?: number): JobRow[] {
  return h.deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), clientId === undefined ? undefined : eq(jobs.clientId, clientId)))
    .orderBy(jobs.runAt, jobs.id)
    .all()
}

/**
 * Invoice #1's first reminder, a few hours after it: one with no due date has a second, days
 * later (`pay:1:again:3`), which these tests of the first leave be.
 */
function firstReminder(h: Harness): JobRow {
  return only(jobsOf(h, 'payment_reminder').filter((j) => j.dedupeKey === 'pay:1:first'))
}

function only<T>(rows: T[]): T {
  expect(rows).toHaveLength(1)
  return rows[0] as T
}

async function setup(options: { content?: Content } = {}) {
  const h = createHarness(options)
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  // At a person's pace: what the bot queued for the topic arrives before the next step
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.drain()
  }
  return { h, manager }
}

function withFollowups(patch: Partial<Content['followups']>): Content {
  const demo = demoContent()
  return { ...demo, followups: { ...demo.followups, ...patch } }
}

describe('payment reminders', () => {
  it('go out before, on and after the due date, each with the amount, what for and how to pay', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 401)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    const amount = '45\u00a0000\u00a0₽'
    const expectFull = (text: string, overdue: boolean) => {
      expect(text).toContain(`Сумма: ${amount}`)
      expect(text).toContain('За что: Лендинг под ключ')
      // An overdue one names the day that passed in its first line, not as "pay by"
      if (overdue) expect(text).not.toContain('Оплатить до:')
      else expect(text).toContain('Оплатить до: 25 декабря')
      expect(text).toContain('Как оплатить:\nОплата переводом на счёт ИП Смирнова')
      expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
    }
    const sent = () => h.fake.sentTo(user.id).length

    const steps: Array<[string, string]> = [
      ['2026-11-23T11:00:00Z', 'Анна, напоминаю про счёт №1'],
      ['2026-12-24T08:00:00Z', 'Анна, завтра срок оплаты счёта №1.'],
      ['2026-12-25T08:00:00Z', 'Анна, сегодня последний день оплаты счёта №1.'],
      ['2026-12-26T08:00:00Z', 'Анна, срок оплаты счёта №1 был 25 декабря — '],
      ['2026-12-28T08:00:00Z', 'Анна, срок оплаты счёта №1 был 25 декабря — '],
    ]
    for (const [at, opening] of steps) {
      const before = sent()
      h.clock.set(Date.parse(at) - 60_000)
      await h.deps.scheduler.runDue()
      await h.drain()
      expect(sent(), `nothing early at ${at}`).toBe(before)
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
      expect(sent(), `one reminder at ${at}`).toBe(before + 1)
      expect(h.fake.lastTextTo(user.id)).toContain(opening)
      expectFull(h.fake.lastTextTo(user.id), opening.includes(' был '))
    }
    expect(h.fake.lastTextTo(user.id)).toContain('нужны другие реквизиты — напишите')
    expect(jobsOf(h, 'payment_reminder').map((j) => j.status)).toEqual(Array(5).fill('done'))
  })

  it('an overdue one due on a day the business is closed waits for its opening: it invites an answer nobody would give', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 402)
    // Due Saturday 28 November: its first overdue reminder falls on Sunday, when the studio is closed
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 28.11 landing'))
    const overdue = () => h.fake.textsTo(user.id).filter((t) => t.includes('срок оплаты счёта №1 был 28 ноября'))
    h.clock.set('2026-11-29T08:00:00Z') // Sunday 11:00 in Moscow
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(overdue()).toEqual([])
    h.clock.set('2026-11-30T06:59:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(overdue()).toEqual([])
    h.clock.set('2026-11-30T07:00:00Z') // Monday 10:00: open
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(overdue()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('/invoice names the time an overdue one on a closed day goes, as /followups does: the opening, not its planned hour', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 403)
    // Due Saturday 28 November: "overdue 1" is planned for Sunday 11:00, when the studio is closed
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 28.11 landing'))
    const summary = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Напоминания, пока не оплачено'))
    const invoiceTimes = /Напоминания, пока не оплачено: (.*)\.$/m.exec(summary ?? '')?.[1]?.split('; ')
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const listTimes = h.fake
      .lastTextTo(STAFF_GROUP_ID)
      .split('\n')
      .flatMap((l) => /^\d+\. (.*) — напоминание об оплате счёта №1/.exec(l)?.[1] ?? [])
    expect(invoiceTimes).toEqual([
      'пн, 23 нояб., 14:00',
      'пт, 27 нояб., 11:00',
      'сб, 28 нояб., 11:00',
      'пн, 30 нояб., 10:00', // Monday's opening
      'вт, 1 дек., 11:00',
    ])
    expect(listTimes).toEqual(invoiceTimes)
  })

  it('two overdue ones whose days are both closed (due 31 December: 1 and 3 January) are one reminder at the opening: listed once by /invoice and /followups, sent once', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 405)
    h.clock.set('2026-12-15T09:00:00Z') // Tuesday 15 December, 12:00 in Moscow
    await h.send(h.u.staffText(manager, topicId, '/invoice 112500 31.12 остаток'))
    const summary = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Напоминания, пока не оплачено'))
    const invoiceTimes = /Напоминания, пока не оплачено: (.*)\.$/m.exec(summary ?? '')?.[1]?.split('; ')
    // 1 January (a holiday) and Sunday 3 January both wait for Monday's opening: one reminder then
    expect(invoiceTimes).toEqual([
      'вт, 15 дек., 14:00',
      'ср, 30 дек., 11:00',
      'чт, 31 дек., 11:00',
      'пн, 4 янв. 2027 г., 10:00',
    ])
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const list = h.fake.lastTextTo(STAFF_GROUP_ID)
    const listTimes = list.split('\n').flatMap((l) => /^\d+\. (.*) — напоминание об оплате счёта №1/.exec(l)?.[1] ?? [])
    expect(listTimes).toEqual(invoiceTimes)
    // One ✖ for each line
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).filter((b) => b.text.startsWith('✖'))).toHaveLength(4)
    const overdue = () => h.fake.textsTo(user.id).filter((t) => t.includes('срок оплаты счёта №1 был 31 декабря'))
    for (const at of [
      '2026-12-30T08:00:00Z',
      '2026-12-31T08:00:00Z',
      '2027-01-01T08:00:00Z',
      '2027-01-03T08:00:00Z',
      '2027-01-04T07:00:00Z', // Monday 10:00
      '2027-01-05T08:00:00Z',
    ]) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    expect(overdue()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('planned while the day was open, then the owner closed it: /followups marks the earlier one "will not be sent", as its run will skip it', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 406)
    // 1 January a working day when the invoice is made: "1 day over" goes then, "3 days over" (a Sunday) on the 4th
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    expect(h.deps.content.replace(demo.replace('    - "01-01"\n', ''), 'file').ok).toBe(true)
    h.clock.set('2026-12-15T09:00:00Z')
    await h.send(h.u.staffText(manager, topicId, '/invoice 112500 31.12 остаток'))
    // The owner closes 1 January after all: both wait for Monday's opening
    expect(h.deps.content.replace(demo, 'file').ok).toBe(true)
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const lines = h.fake
      .lastTextTo(STAFF_GROUP_ID)
      .split('\n')
      .filter((l) => l.includes('напоминание об оплате счёта №1'))
    expect(lines.at(-2)).toContain('пн, 4 янв. 2027 г., 10:00')
    expect(lines.at(-2)).toContain('⛔ не будет отправлено: по этому счёту уйдёт одно напоминание — более позднее')
    expect(lines.at(-1)).toContain('пн, 4 янв. 2027 г., 10:00')
    expect(lines.at(-1)).not.toContain('⛔')
    const overdue = () => h.fake.textsTo(user.id).filter((t) => t.includes('срок оплаты счёта №1 был 31 декабря'))
    for (const at of ['2026-12-31T08:00:00Z', '2027-01-01T08:00:00Z', '2027-01-04T07:00:00Z']) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    expect(overdue()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('an overdue one moved to the next opening still keeps to the client’s daytime: not at 7:00 on their clock', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 404, { client: { timezone: 'Europe/London' } })
    // Due Saturday 28 November: "overdue 1" falls on Sunday, closed; Monday's 10:00 in Moscow is
    // 7:00 in London, the client's night by their quiet hours: it goes at 9:00 theirs, 12:00 ours
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 28.11 landing'))
    const summary = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Напоминания, пока не оплачено'))
    expect(summary).toContain('пн, 30 нояб., 12:00 (у клиента 9:00)')
    expect(summary).not.toContain('(у клиента 7:00)')
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      'пн, 30 нояб., 12:00 (у клиента 9:00) — напоминание об оплате счёта №1',
    )
    const overdue = () => h.fake.textsTo(user.id).filter((t) => t.includes('срок оплаты счёта №1 был 28 ноября'))
    h.clock.set('2026-11-29T08:00:00Z') // Sunday 11:00 in Moscow: closed
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.set('2026-11-30T07:00:00Z') // Monday 10:00 in Moscow: open, 7:00 in London
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(overdue()).toEqual([])
    // The job itself waits for that time, not for the opening and then again for the morning
    const overdueJob = jobsOf(h, 'payment_reminder').find((j) => j.dedupeKey === 'pay:1:overdue:1')
    expect(overdueJob?.runAt).toBe(Date.parse('2026-11-30T09:00:00Z'))
    h.clock.set('2026-11-30T09:00:00Z') // 9:00 in London
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(overdue()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('turned off in the content file, are not sent for an invoice issued before; the due-day one still is', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 401)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))

    // Clients found them pushy: the owner keeps only the reminder on the due day
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const edited = demo
      .replace('first_after_hours: 2', 'first_after_hours: 0')
      .replace('before_due_days: 1', 'before_due_days: 0')
      .replace('overdue_days: [1, 3]', 'overdue_days: []')
    expect(h.deps.content.replace(edited, 'file').ok).toBe(true)

    const reminders: string[] = []
    for (const at of [
      '2026-11-23T11:00:00Z',
      '2026-12-24T08:00:00Z',
      '2026-12-25T08:00:00Z',
      '2026-12-26T08:00:00Z',
      '2026-12-28T08:00:00Z',
    ]) {
      const before = h.fake.textsTo(user.id).length
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
      reminders.push(...h.fake.textsTo(user.id).slice(before))
    }
    expect(reminders.map((text) => text.split('\n')[0])).toEqual(['Анна, сегодня последний день оплаты счёта №1.'])
  })
  it('moved to another day in the content file, the old days are not sent for an invoice issued before', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 410)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    // Overdue reminders on day 2 now, not on days 1 and 3
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const edited = demo.replace('overdue_days: [1, 3]', 'overdue_days: [2]')
    expect(edited).not.toBe(demo)
    expect(h.deps.content.replace(edited, 'file').ok).toBe(true)
    h.clock.set('2026-12-25T12:00:00Z') // after the due-day reminder
    await h.deps.scheduler.runDue()
    await h.drain()
    const before = h.fake.textsTo(user.id).length
    for (const at of ['2026-12-26T08:00:00Z', '2026-12-27T08:00:00Z', '2026-12-28T08:00:00Z']) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([])
    const overdue = jobsOf(h, 'payment_reminder').filter((j) => (j.payload as { stage: string }).stage === 'overdue')
    expect(overdue.map((j) => [j.status, j.outcome])).toEqual([
      ['skipped', expect.stringContaining('No longer planned')],
      ['skipped', expect.stringContaining('No longer planned')],
    ])
  })

  it('a day added in the content file does not silence, after downtime, the reminders an invoice issued before has', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 411)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    h.clock.set('2026-11-23T11:00:00Z') // the first reminder
    await h.deps.scheduler.runDue()
    await h.drain()
    // A reminder on the 2nd overdue day too: planned for invoices issued from now on
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const edited = demo.replace('overdue_days: [1, 3]', 'overdue_days: [1, 2, 3]')
    expect(edited).not.toBe(demo)
    expect(h.deps.content.replace(edited, 'file').ok).toBe(true)

    // The bot was off until Sunday 27 December, 12:00 Moscow: "tomorrow", "today" and "overdue 1"
    // are all late, and the studio is closed on Sundays: the overdue one waits for Monday's opening
    const before = h.fake.textsTo(user.id).length
    h.clock.set('2026-12-27T09:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([])
    // On Monday "overdue 3" is that day's: it alone goes, not "overdue 1" at 10:00 and it at 11:00
    for (const at of ['2026-12-28T07:00:00Z', '2026-12-28T08:00:00Z']) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    expect(h.fake.textsTo(user.id).slice(before)).toEqual([
      expect.stringMatching(/^Анна, срок оплаты счёта №1 был 25 декабря — /),
    ])
    expect(jobsOf(h, 'payment_reminder').map((j) => [j.dedupeKey, j.status])).toEqual([
      ['pay:1:first', 'done'],
      ['pay:1:before:1', 'skipped'],
      ['pay:1:due', 'skipped'],
      ['pay:1:overdue:1', 'skipped'],
      ['pay:1:overdue:3', 'done'],
    ])
  })

  it('stop when the order is paid or cancelled, skipping with the reason if one was already due', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 402)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000 26.12'))
    // Paid behind the reminders' back (another poller was mid-run): the due reminder re-checks and skips
    h.clock.set('2026-11-23T11:00:00Z')
    h.deps.db.update(orders).set({ status: 'paid' }).where(eq(orders.id, 1)).run()
    await h.send(h.u.callback(manager, 'pay:cancelyes:2', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    h.fake.clearCalls()
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(0)
    expect(jobsOf(h, 'payment_reminder').find((j) => j.dedupeKey === 'pay:1:first')).toMatchObject({
      status: 'skipped',
      outcome: 'The order is paid.',
    })
    expect(
      jobsOf(h, 'payment_reminder')
        .filter((j) => j.dedupeKey?.startsWith('pay:2:'))
        .map((j) => j.status),
    ).toEqual(Array(5).fill('cancelled'))
  })

  it('a reminder Telegram asked to wait (429) checks again before it goes: paid meanwhile, it does not', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 403)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    h.clock.set('2026-11-23T11:00:00Z') // the first reminder is due
    const isReminder = (c: ApiCall) =>
      c.method === 'sendMessage' && c.payload.chat_id === user.id && String(c.payload.text).includes('напоминаю')
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: user.id }, 20)
    // A second try of the reminder, if any, is held until the client has paid
    let tries = 0
    const release = h.fake.hold((c) => isReminder(c) && ++tries === 2)
    const running = h.deps.scheduler.runDue()
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve))
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    release()
    await running
    h.clock.advance(30_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('оплата по счёту №1')
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('напоминаю'))).toEqual([])
    // Put back to wait, it was among those the payment called off
    expect(jobsOf(h, 'payment_reminder').find((j) => j.dedupeKey === 'pay:1:first')).toMatchObject({
      status: 'cancelled',
      outcome: 'The order is paid.',
    })
  })

  it('a reminder Telegram asked to wait a moment (429, 2 s) goes back to wait unmarked, and goes once', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 405)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    h.clock.set('2026-11-23T11:00:00Z') // the first reminder is due
    const reminder = () => jobsOf(h, 'payment_reminder').find((j) => j.dedupeKey === 'pay:1:first')
    const before = reminder()
    expect(before).toMatchObject({ status: 'pending' })
    h.fake.tooManyRequests({ method: 'sendMessage', chatId: user.id }, 2)
    await h.deps.scheduler.runDue()
    await h.drain()
    // Short as the wait is, it is not waited out inside the call marked sending (and resent
    // unchecked after): the job is put back, unmarked, its attempt not spent
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('напоминаю'))).toEqual([])
    expect(reminder()).toMatchObject({ status: 'pending', attempts: before?.attempts, sendingAt: null })
    h.clock.advance(2_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('напоминаю'))).toHaveLength(1)
    expect(reminder()).toMatchObject({ status: 'done' })
  })

  it('wait for the morning in quiet hours (business time zone by default)', async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 403)
    h.clock.set('2026-11-23T16:30:00Z') // 19:30 in Moscow: the reminder falls at 21:30
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    // Planned for when it can go: 09:00 Moscow
    const first = firstReminder(h)
    expect(first.runAt).toBe(Date.parse('2026-11-24T06:00:00Z'))
    // The client gives their zone meanwhile: 09:00 Moscow is 01:00 in New York, so it waits again
    h.deps.services.clients.setTimezone(client.id, 'America/New_York')
    h.fake.clearCalls()
    h.clock.set(first.runAt)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(0)
    expect(firstReminder(h)).toMatchObject({
      status: 'pending',
      runAt: Date.parse('2026-11-24T14:00:00Z'), // 09:00 New York
      outcome: expect.stringContaining('Quiet hours (America/New_York)'),
    })
    h.clock.set('2026-11-24T14:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(1)
  })

  it('are skipped for a client who blocked the bot, and a 403 while sending marks them blocked', async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 404)
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000 25.12'))
    h.fake.blockedChats.add(user.id)
    h.clock.set('2026-11-23T11:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(findClientById(h.deps.db, client.id)?.blockedAt).not.toBeNull()
    expect(jobsOf(h, 'payment_reminder')[0]).toMatchObject({
      status: 'skipped',
      outcome: 'The client blocked the bot.',
    })
    h.clock.set('2026-12-24T08:00:00Z')
    const toClient = () => h.fake.calls.filter((c) => Number(c.payload.chat_id) === user.id)
    const calls = toClient().length
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(toClient()).toHaveLength(calls) // not even tried (the card in the topic drops it)
    expect(jobsOf(h, 'payment_reminder')[1]).toMatchObject({
      status: 'skipped',
      outcome: 'The client blocked the bot.',
    })
  })

  it('catch up after a long downtime: only the latest due reminder is sent, stale ones are skipped', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 405)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'), h.u.staffText(manager, topicId, '/done'))
    h.fake.clearCalls()

    // The bot was off from 23 November to 29 December
    h.clock.set('2026-12-29T09:30:00Z')
    const restarted = h.restart()
    await restarted.deps.scheduler.runDue()
    await restarted.drain()

    const texts = h.fake.textsTo(user.id)
    expect(texts.filter((t) => t.includes('счёта №1'))).toEqual([expect.stringContaining('был 25 декабря')])
    const reminders = jobsOf(h, 'payment_reminder')
    expect(reminders.map((j) => j.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'done'])
    expect(reminders[1]?.outcome).toContain('A later reminder for this order is already due')
    // The check-in was due on 26 November: a month late it is no longer care
    expect(only(jobsOf(h, 'checkin'))).toMatchObject({
      status: 'skipped',
      outcome: expect.stringContaining('Too late'),
    })
    // NPS (due 23 December) is within its limit
    expect(only(jobsOf(h, 'nps')).status).toBe('done')
  })

  it('a "tomorrow" or "today" reminder whose day passed while the bot was off is left to that day’s own reminder', async () => {
    const { h, manager } = await setup()
    const eve = await clientWithTopic(h, 406) // due 25 December: "tomorrow" was planned for the 24th
    const due = await clientWithTopic(h, 407) // due 24 December: "today" was planned for the 24th
    await h.send(h.u.staffText(manager, eve.topicId, '/invoice 45000 25.12'))
    await h.send(h.u.staffText(manager, due.topicId, '/invoice 1000 24.12'))
    h.clock.set('2026-12-23T08:00:00Z') // "due tomorrow" for the second, on time
    await h.deps.scheduler.runDue()
    await h.drain()
    h.fake.clearCalls()

    // Off from 24 December 10:00 to 25 December 08:30 Moscow
    h.clock.set('2026-12-25T05:30:00Z')
    const bot = h.restart()
    await bot.deps.scheduler.runDue()
    h.clock.set('2026-12-25T06:00:00Z') // 09:00 Moscow: the two late ones come up
    await bot.deps.scheduler.runDue()
    await bot.drain()
    expect(h.fake.sentTo(eve.user.id)).toEqual([])
    expect(h.fake.sentTo(due.user.id)).toEqual([])
    const late = jobsOf(h, 'payment_reminder').filter((j) =>
      ['pay:1:before:1', 'pay:2:due'].includes(j.dedupeKey ?? ''),
    )
    expect(late.map((j) => [j.status, j.outcome])).toEqual(
      Array(2).fill(['skipped', expect.stringContaining("today's reminder for this order is still to come")]),
    )

    h.clock.set('2026-12-25T08:00:00Z') // 11:00 Moscow: each client gets the one that is true today
    await bot.deps.scheduler.runDue()
    await bot.drain()
    expect(h.fake.textsTo(eve.user.id)).toEqual([
      expect.stringMatching(/^Анна, сегодня последний день оплаты счёта №1\./),
    ])
    expect(h.fake.textsTo(due.user.id)).toEqual([
      expect.stringMatching(/^Анна, срок оплаты счёта №2 был 24 декабря — /),
    ])
  })

  it('held by "I paid" past its day, then "not received": the next day brings that day’s reminder, not "today"', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 408)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    // 25 December, 10:00 Moscow: the client says they paid; the 11:00 reminder is held
    h.clock.set('2026-12-25T07:00:00Z')
    await h.send(h.u.callback(user, 'pay:claim:1'))
    for (const at of ['2026-12-25T08:00:00Z', '2026-12-25T11:00:00Z', '2026-12-25T14:00:00Z', '2026-12-25T17:00:00Z']) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
    }
    // 22:00 Moscow: the manager checked the bank and says "not received yet"
    h.clock.set('2026-12-25T19:00:00Z')
    await h.send(h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    h.fake.clearCalls()
    for (const at of ['2026-12-25T20:00:00Z', '2026-12-26T06:00:00Z', '2026-12-26T08:00:00Z']) {
      h.clock.set(at) // quiet hours, 09:00 and 11:00 Moscow on 26 December
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    expect(h.fake.textsTo(user.id)).toEqual([expect.stringMatching(/^Анна, срок оплаты счёта №1 был 25 декабря — /)])
  })

  it('late with no reminder planned that day, it goes out in the words true on the day it is sent', async () => {
    const { h, manager } = await setup({
      content: withFollowups({
        payment_reminders: {
          first_after_hours: 0,
          before_due_days: 3,
          overdue_days: [3],
        },
      }),
    })
    const { user, topicId } = await clientWithTopic(h, 409)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    h.fake.clearCalls()
    const morning = async (bootAt: string, at: string) => {
      h.clock.set(bootAt)
      const bot = h.restart()
      await bot.deps.scheduler.runDue()
      h.clock.set(at)
      await bot.deps.scheduler.runDue()
      await bot.drain()
      return h.fake.lastTextTo(user.id).split('\n')[0]
    }
    // Off on 22 December, when "in 3 days" was due; back the next morning
    expect(await morning('2026-12-23T05:30:00Z', '2026-12-23T06:00:00Z')).toBe(
      'Анна, через 2 дня срок оплаты счёта №1.',
    )
    // Off on the due day; back the next morning
    expect(await morning('2026-12-26T05:30:00Z', '2026-12-26T06:00:00Z')).toMatch(
      /^Анна, срок оплаты счёта №1 был 25 декабря — /,
    )
    expect(h.fake.textsTo(user.id)).toHaveLength(2)
  })
})

/** The manager marks the work done and three days pass: the check-in "how did it go?" goes out. */
async function doneAndCheckinDue(h: Harness, manager: User, topicId: number) {
  await h.send(h.u.staffText(manager, topicId, '/done'))
  h.clock.advance(3 * DAY)
  await h.deps.scheduler.runDue()
  await h.drain()
}

/** The client rates 5 each check-in as it comes, over `days` days from now: one comes a day. */
async function rateCheckinsDayByDay(h: Harness, user: User, days: number) {
  for (let day = 0; day < days; day++) {
    if (day > 0) h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    for (const checkin of jobsOf(h, 'checkin').filter((j) => j.status === 'done'))
      await h.send(h.u.callback(user, `ci:${checkin.id}:5`))
  }
}

describe('an unpaid invoice whose reminders ran out', () => {
  /** Runs what is due at each of `times` (ISO), in turn, as the days go by. */
  async function runThrough(h: Harness, times: string[]) {
    for (const at of times) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
  }
  /** 10:00 and 11:00 in Moscow on each day from `from` to `to` (YYYY-MM-DD): when dated reminders go. */
  const mornings = (from: string, to: string): string[] => {
    const out: string[] = []
    for (let day = Date.parse(`${from}T07:00:00Z`); day <= Date.parse(`${to}T07:00:00Z`); day += DAY) {
      out.push(new Date(day).toISOString(), new Date(day + HOUR).toISOString())
    }
    return out
  }
  const told = (h: Harness, thread?: number) => h.fake.textsTo(STAFF_GROUP_ID, thread).filter((t) => t.startsWith('💳'))

  it('the topic is told once, as each invoice’s last reminder goes; the earlier ones tell nobody', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 471)
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 30000 08.12 landing'),
      h.u.staffText(manager, topicId, '/invoice 35000 10.12 landing Вторая часть'),
    )
    // Reminders: 23 Nov (first), the day before, the day, a day after and three days after each
    // due date (#2's last falls on Sunday 13 December, closed: it goes at Monday's opening)
    await runThrough(h, ['2026-11-23T11:00:00Z', ...mornings('2026-12-07', '2026-12-10')])
    expect(told(h)).toEqual([])
    await runThrough(h, mornings('2026-12-11', '2026-12-11'))
    expect(told(h, topicId)).toEqual([
      '💳 Счёт №1 (30\u00a0000\u00a0₽ — Лендинг под ключ) не оплачен: бот отправил клиенту последнее напоминание и больше напоминать не будет — решите, что делать. Если оплата пришла — /paid 1.',
    ])
    await runThrough(h, mornings('2026-12-12', '2026-12-13'))
    expect(told(h)).toHaveLength(1)
    await runThrough(h, mornings('2026-12-14', '2026-12-20'))
    expect(told(h, topicId)).toEqual([
      expect.stringContaining('💳 Счёт №1 (30\u00a0000\u00a0₽'),
      '💳 Счёт №2 (35\u00a0000\u00a0₽ — Лендинг под ключ — Вторая часть) не оплачен: бот отправил клиенту последнее напоминание и больше напоминать не будет — решите, что делать. Если оплата пришла — /paid 2.',
    ])
    // It came with the client's last reminder, not instead of it (alone, or in one message with #1's due with it)
    const overdue2 = /срок оплаты счёта №2 был 10 декабря|Счёт №2: [^\n]*срок оплаты был 10 декабря/
    expect(h.fake.textsTo(user.id).filter((t) => overdue2.test(t))).toHaveLength(2)
    expect(h.errors()).toEqual([])
  })

  it('the client blocked the bot: the topic hears it once, and when the last reminder could not go, that it did not reach them', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 472)
    await h.send(h.u.staffText(manager, topicId, '/invoice 30000 08.12 landing'))
    await h.drain()
    // Blocked, and Telegram says so again (a re-delivery): one line; the card alone changed unseen
    await h.send(h.u.myChatMember(user, 'kicked'), h.u.myChatMember(user, 'kicked'))
    await h.drain()
    const blockedLines = () =>
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⛔ Клиент заблокировал бота'))
    expect(blockedLines()).toEqual([
      '⛔ Клиент заблокировал бота: сообщения отсюда до него не дойдут, пока он его не разблокирует.',
    ])
    // Every reminder is skipped; the last one's day tells the team, saying none reached the client
    await runThrough(h, ['2026-11-23T11:00:00Z', ...mornings('2026-12-07', '2026-12-10')])
    expect(told(h)).toEqual([])
    await runThrough(h, mornings('2026-12-11', '2026-12-20'))
    expect(told(h, topicId)).toEqual([
      '💳 Счёт №1 (30\u00a0000\u00a0₽ — Лендинг под ключ) не оплачен, а последнее напоминание о нём до клиента не дошло: клиент заблокировал бота. Бот больше напоминать не будет — решите, что делать (например, позвонить, если телефон есть в карточке). Если оплата пришла — /paid 1.',
    ])
    expect(h.fake.sentTo(user.id)).toHaveLength(1) // the invoice, before the block: no reminder
    expect(blockedLines()).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('a block learnt only as the last reminder fails: the same notice, and no second line when Telegram then says so', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 473)
    await h.send(h.u.staffText(manager, topicId, '/invoice 30000 08.12 landing'))
    await runThrough(h, ['2026-11-23T11:00:00Z', ...mornings('2026-12-07', '2026-12-10')])
    h.fake.blockedChats.add(user.id)
    await runThrough(h, mornings('2026-12-11', '2026-12-20'))
    expect(told(h, topicId)).toEqual([
      expect.stringMatching(
        /^💳 Счёт №1 .* не оплачен, а последнее напоминание о нём до клиента не дошло: клиент заблокировал бота\./,
      ),
    ])
    await h.send(h.u.myChatMember(user, 'kicked'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⛔'))).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('paid, or the last reminder cancelled: nothing, or the one before it tells', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 472)
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 30000 08.12 landing'),
      h.u.staffText(manager, topicId, '/invoice 35000 10.12 landing'),
    )
    await runThrough(h, ['2026-11-23T11:00:00Z', ...mornings('2026-12-07', '2026-12-09')])
    await h.send(h.u.staffText(manager, topicId, '/paid 1'))
    // Issued while #1 waited, #2 is held by its payment until the team says it is a separate order
    await h.send(h.u.callback(manager, 'lnk:resume:2', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    // Staff took #2's reminder three days after off /followups: the one a day after is its last
    const three = jobsOf(h, 'payment_reminder').find((j) => j.dedupeKey === 'pay:2:overdue:3')
    await h.send(h.u.callback(manager, `fux:${three?.id}`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(jobsOf(h, 'payment_reminder').find((j) => j.id === three?.id)?.status).toBe('cancelled')
    await runThrough(h, mornings('2026-12-10', '2026-12-11'))
    expect(told(h, topicId)).toEqual([expect.stringMatching(/^💳 Счёт №2 /)])
    await runThrough(h, mornings('2026-12-12', '2026-12-20'))
    expect(told(h)).toHaveLength(1)
  })

  it('a client with no topic: in General, named; an invoice with no due date is told in its topic after its second reminder', async () => {
    const { h, manager } = await setup()
    const user = h.u.user(473, { first_name: 'Борис', username: 'boris_k' })
    await h.send(h.u.text(user, '/start'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const { topicId } = await clientWithTopic(h, 474)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    unpaidInvoice(h, client.id, { dueDate: '2026-12-08' })
    await runThrough(h, ['2026-11-23T11:00:00Z', ...mornings('2026-11-26', '2026-11-26')])
    // The undated one: reminded a few hours after, then three days on, and then the topic told
    expect(told(h, topicId)).toEqual([
      expect.stringMatching(/^💳 Счёт №1 \(45\u00a0000\u00a0₽\) не оплачен: бот отправил клиенту последнее/),
    ])
    await runThrough(h, mornings('2026-12-07', '2026-12-20'))
    expect(told(h).filter((t) => !t.startsWith('💳 Счёт №1 '))).toEqual([
      `💳 Счёт №2 (15\u00a0000\u00a0₽ — Визитка) не оплачен: бот отправил клиенту последнее напоминание и больше напоминать не будет — решите, что делать. Если оплата пришла — /paid 2.\n\n👤 Борис (@boris_k) #${client.id}`,
    ])
    expect(
      h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).startsWith('💳'))?.payload.message_thread_id,
    ).toBeUndefined()
  })
})

describe('check-in, review request and NPS', () => {
  it('/done at night: the check-in and the NPS question are planned for the morning after quiet hours, and said so', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 419)
    h.clock.set('2026-11-24T01:07Z') // 04:07 in Moscow, in quiet hours (21:00–09:00)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    const said = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(said).toMatch(/Спросим клиента, как всё прошло: .*27 нояб.*, 9:00\./)
    expect(said).toMatch(/порекомендуете ли нас.*: .*24 дек.*, 9:00/)
    expect(new Date(only(jobsOf(h, 'checkin')).runAt).toISOString()).toBe('2026-11-27T06:00:00.000Z')
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(/1\. .*27 нояб.*9:00 — «Как всё прошло\?»/)
  })

  it('/done: a question that would fall on the business’s day off (a holiday, a closed weekday) is planned for its next working day, same time', async () => {
    const { h, manager } = await setup()
    // Tuesday 8 December, 12:00 in Moscow: the NPS question's 30 days end on 7 January, a holiday
    h.clock.set('2026-12-08T09:00Z')
    const first = await clientWithTopic(h, 421)
    await h.send(h.u.staffText(manager, first.topicId, '/done'))
    const said = h.fake.textsTo(STAFF_GROUP_ID, first.topicId).at(-1)
    expect(said).toMatch(/порекомендуете ли нас.*: пт, 8 янв\. 2027 г\., 12:00/)
    expect(new Date(only(jobsOf(h, 'nps', first.client.id)).runAt).toISOString()).toBe('2027-01-08T09:00:00.000Z')
    expect(said).toMatch(/Спросим клиента, как всё прошло: пт, 11 дек\., 12:00\./)

    // Thursday 10 December: the check-in's 3 days end on a Sunday, the studio's day off
    h.clock.set('2026-12-10T09:00Z')
    const second = await clientWithTopic(h, 422)
    await h.send(h.u.staffText(manager, second.topicId, '/done'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, second.topicId).at(-1)).toMatch(
      /Спросим клиента, как всё прошло: пн, 14 дек\., 12:00\./,
    )
    expect(new Date(only(jobsOf(h, 'checkin', second.client.id)).runAt).toISOString()).toBe('2026-12-14T09:00:00.000Z')
    expect(h.errors()).toEqual([])
  })

  it('asks how it went 3 days after /done; a low rating apologises and goes to the manager at once', async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 411)
    // What staff added to the product's title is about paying: the check-in asks about the product
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 45000 landing предоплата 50%'),
      h.u.staffText(manager, topicId, '/done'),
    )
    h.fake.clearCalls()
    h.clock.advance(3 * DAY - 60_000)
    await h.deps.scheduler.runDue() // the invoice's first reminder only
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('как всё прошло'))).toEqual([])
    h.clock.advance(60_000)
    await h.deps.scheduler.runDue()
    await h.drain()

    const checkin = only(jobsOf(h, 'checkin'))
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, как всё прошло с заказом «Лендинг под ключ»?')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      ...[1, 2, 3, 4, 5].map((n) => ({ text: String(n), data: `ci:${checkin.id}:${n}` })),
      { text: '💬 Написать менеджеру', data: 'menu:manager' },
    ])

    await h.send(h.u.callback(user, `ci:${checkin.id}:2`))
    // With the time the manager will answer by, as when they ask for one
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Анна, простите, что не всё прошло гладко. Вашу оценку уже передали менеджеру — он свяжется с вами и поможет всё исправить. Ответим до 12:15 (Москва, UTC+3).',
    )
    // No request was open: the way to a manager stays under it, as under every answer of the bot's
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:main', 'menu:manager'])
    // the escalation opens a handoff: card, transcript, "client waits" notice, then the summary
    await h.drain()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).some((t) => t.includes('низкая оценка'))).toBe(true)
    const alert = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(alert).toContain('Низкая оценка: 2/5')
    // The team reads the invoice whole
    expect(alert).toContain('(счёт №1 — Лендинг под ключ — предоплата 50%)')
    expect(h.deps.db.select().from(feedback).all()).toEqual([
      expect.objectContaining({ clientId: client.id, kind: 'checkin', score: 2, orderId: 1 }),
    ])
    expect(jobsOf(h, 'review_request')).toEqual([])

    // A second tap is answered, not counted
    await h.send(h.u.callback(user, `ci:${checkin.id}:5`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже записан')
    expect(h.deps.db.select().from(feedback).all()).toHaveLength(1)
  })

  it('the NPS question announced at /done and dropped after a low rating: the topic is told which and why, once', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 431)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Вопрос «порекомендуете ли нас» (один раз)')
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:2`))
    for (let day = 0; day < 30; day++) {
      h.clock.advance(DAY)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    expect(only(jobsOf(h, 'nps')).status).toBe('skipped')
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('порекомендуете'))).toEqual([])
    expect(
      h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('🗓 Запланированное после /done')),
    ).toEqual([
      '🗓 Запланированное после /done: вопрос «порекомендуете ли нас» (NPS) — ⛔ не будет отправлено: уже после планирования клиент поставил низкую оценку, пожаловался или попросил вернуть деньги',
    ])
  })

  it('a low rating given while the client is with a manager already: the apology offers no "talk to a manager", nor does NPS’s', async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 431)
    await doneAndCheckinDue(h, manager, topicId)
    const checkin = only(jobsOf(h, 'checkin'))
    // Asked how it went, the client asks for a manager instead, then rates it under the question
    await h.send(h.u.text(user, '/manager'))
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    await h.send(h.u.callback(user, `ci:${checkin.id}:2`))
    expect(h.fake.lastTextTo(user.id)).toContain('Вашу оценку уже передали менеджеру')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: '← В меню', data: 'menu:main' }])

    // A client asked "would you recommend us?" who is with a manager when they answer 2
    const other = await clientWithTopic(h, 433)
    await h.send(h.u.staffText(manager, other.topicId, '/done'))
    h.clock.advance(30 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const nps = only(jobsOf(h, 'nps', other.client.id))
    expect(h.fake.lastTextTo(other.user.id)).toContain('порекомендуете нас')
    await h.send(h.u.text(other.user, '/manager'))
    await h.send(h.u.callback(other.user, `nps:${nps.id}:2`))
    expect(h.fake.lastTextTo(other.user.id)).toContain('Спасибо за честный ответ')
    expect(h.fake.lastButtonsTo(other.user.id)).toEqual([{ text: '← В меню', data: 'menu:main' }])
    expect(h.errors()).toEqual([])
  })

  it('in English: the apology under a low rating during a request has only the way back to the menu', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 432, { user: { first_name: 'Kate', language_code: 'en' } })
    await doneAndCheckinDue(h, manager, topicId)
    const checkin = only(jobsOf(h, 'checkin'))
    await h.send(h.u.text(user, '/manager'))
    await h.send(h.u.callback(user, `ci:${checkin.id}:1`))
    expect(h.fake.lastTextTo(user.id)).toContain('I have passed your rating to your manager')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toEqual(['← Menu'])
  })

  it('asks an English client without an invoice how everything went, in words that name nothing they did not buy', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 423, { user: { first_name: 'Kate', language_code: 'en' } })
    await doneAndCheckinDue(h, manager, topicId)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Kate, how did everything go? If you have any questions, just ask. Please rate your experience from 1 to 5 — it takes a second.',
    )
  })

  it('a good rating thanks the client and asks for a review a day later; clicks are tracked', async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 412)
    await doneAndCheckinDue(h, manager, topicId)
    const checkin = only(jobsOf(h, 'checkin'))
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, как всё прошло?')

    await h.send(h.u.callback(user, `ci:${checkin.id}:5`))
    // Thanked; and, never having answered the news question, asked it once more
    expect(h.fake.textsTo(user.id).slice(-2)).toEqual([
      expect.stringContaining('Спасибо, Анна! Очень рады'),
      expect.stringContaining('И один вопрос: можно иногда присылать вам полезные советы и новости?'),
    ])
    const review = only(jobsOf(h, 'review_request'))
    expect(review.runAt).toBe(h.clock.now() + DAY)

    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const request = h.fake.lastTextTo(user.id)
    expect(request).toContain('спасибо ещё раз за высокую оценку')
    expect(request).not.toMatch(/скидк|бонус|подар/i) // no incentive for a review
    const links = h.deps.content.get().followups.review_links
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      { text: 'Яндекс Карты', data: `rv:${review.id}:0:${reviewLinkFingerprint(links[0] as ReviewLink)}` },
      { text: '2ГИС', data: `rv:${review.id}:1:${reviewLinkFingerprint(links[1] as ReviewLink)}` },
      { text: 'Google', data: `rv:${review.id}:2:${reviewLinkFingerprint(links[2] as ReviewLink)}` },
      { text: '💬 Написать менеджеру', data: 'menu:manager' },
    ])
    const rows: unknown[][] = h.fake.sentTo(user.id).at(-1)?.payload.reply_markup.inline_keyboard
    expect(rows.map((row) => row.length)).toEqual([1, 1, 1, 1])

    const [yandex, twoGis] = h.fake.lastButtonsTo(user.id)
    await h.send(h.u.callback(user, String(twoGis?.data)))
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      { text: 'Открыть 2ГИС ↗', url: 'https://2gis.ru/moscow/firm/70000001012345678/tab/reviews' },
    ])
    await h.send(h.u.callback(user, String(yandex?.data)))
    const clicks = h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.clientId, client.id), eq(events.type, 'review_click')))
      .all()
    expect(clicks.map((e) => (e.data as { link: number }).link)).toEqual([1, 0])
    const reviewed = h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.clientId, client.id), eq(events.type, FUNNEL.reviewed)))
      .all()
    expect(reviewed).toHaveLength(1)
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('advocate')

    // Someone else's button does nothing
    const other = await clientWithTopic(h, 413)
    await h.send(h.u.callback(other.user, `rv:${review.id}:0`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
  })

  it('a review button opens the site it names after the owner edits the review links', async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 412)
    await doneAndCheckinDue(h, manager, topicId)
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:5`))
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const review = only(jobsOf(h, 'review_request'))
    const [yandex, twoGis] = h.fake.lastButtonsTo(user.id)
    expect(twoGis?.text).toBe('2ГИС')

    // The owner drops Yandex Maps from the file before the client taps
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const edited = demo.replace(
      '    - name: { ru: Яндекс Карты, en: Yandex Maps }\n      url: https://yandex.ru/maps/org/lakonika/1234567890/reviews/\n',
      '',
    )
    expect(edited).not.toBe(demo)
    expect(h.deps.content.replace(edited, 'upload', OWNER_ID).ok).toBe(true)

    await h.send(h.u.callback(user, String(twoGis?.data)))
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      { text: 'Открыть 2ГИС ↗', url: 'https://2gis.ru/moscow/firm/70000001012345678/tab/reviews' },
    ])
    const clicks = () =>
      h.deps.db
        .select()
        .from(events)
        .where(and(eq(events.clientId, client.id), eq(events.type, 'review_click')))
        .all()
        .map((e) => (e.data as { url: string }).url)
    expect(clicks()).toEqual(['https://2gis.ru/moscow/firm/70000001012345678/tab/reviews'])

    // The site taken out: its button is old, not another site's
    await h.send(h.u.callback(user, String(yandex?.data)))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    expect(clicks()).toHaveLength(1)

    // A button sent before buttons carried the fingerprint goes by its position
    await h.send(h.u.callback(user, `rv:${review.id}:1`))
    expect(h.fake.lastButtonsTo(user.id)).toEqual([
      { text: 'Открыть Google ↗', url: 'https://g.page/r/lakonika-example/review' },
    ])
  })

  it('review_min_rating decides: below it a manager is called, from it a review is asked', async () => {
    const { h, manager } = await setup({ content: withFollowups({ review_min_rating: 5, review_after_days: 0 }) })
    const { user, topicId } = await clientWithTopic(h, 414)
    await doneAndCheckinDue(h, manager, topicId)
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:4`))
    expect(h.fake.lastTextTo(user.id)).toContain('простите')
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Низкая оценка: 4/5')
    expect(jobsOf(h, 'review_request')).toEqual([])
  })

  it('a review request is not sent once the rated order was refunded', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 418)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/paid'))
    await doneAndCheckinDue(h, manager, topicId)
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:5`))
    expect(jobsOf(h, 'review_request')).toHaveLength(1)

    // Something went wrong later that day: the money went back
    h.clock.advance(3 * HOUR)
    await h.send(h.u.text(h.u.user(OWNER_ID, { first_name: 'Ольга' }), '/refunded 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    h.fake.clearCalls()
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('высокую оценку'))).toEqual([])
    expect(only(jobsOf(h, 'review_request'))).toMatchObject({ status: 'skipped', outcome: 'The order was refunded.' })
  })

  it('without review links: a good rating plans no request, and one planned before the owner removed them says it will not go', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 420)
    await doneAndCheckinDue(h, manager, topicId)
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:5`))
    expect(jobsOf(h, 'review_request')).toHaveLength(1)

    // The owner takes the links out of the content file: the request waiting says so
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const noLinks = demo.replace(/ {2}review_links:\n( {4}.*\n)+/, '  review_links: []\n')
    expect(noLinks).toContain('  review_links: []\n')
    expect(h.deps.content.replace(noLinks, 'upload', OWNER_ID).ok).toBe(true)
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toMatch(
      /просьба об отзыве.*⛔ не будет отправлено: в контенте нет ссылок для отзывов \(followups\.review_links\)/,
    )
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('напишите пару слов о нас'))).toEqual([])

    // The next good rating plans nothing that would not go
    h.clock.advance(100 * DAY)
    await doneAndCheckinDue(h, manager, topicId)
    await h.send(h.u.callback(user, `ci:${jobsOf(h, 'checkin').at(-1)?.id}:5`))
    expect(jobsOf(h, 'review_request').map((j) => j.status)).toEqual(['skipped'])
  })

  it('two orders rated well ask for one review; a client who opened a review link is not asked again', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 419)
    const asked = () => h.fake.textsTo(user.id).filter((t) => t.includes('напишите пару слов о нас'))
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 45000 landing'),
      h.u.staffText(manager, topicId, '/invoice 12000 support'),
    )
    await h.send(h.u.staffText(manager, topicId, '/done 1'), h.u.staffText(manager, topicId, '/done 2'))
    h.clock.advance(3 * DAY)
    await rateCheckinsDayByDay(h, user, 2)
    h.fake.clearCalls()
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(asked()).toHaveLength(1)
    const requestButtons = h.fake.lastButtonsTo(user.id)
    // Nothing is planned that would not go, so /followups promises no review request
    const goodRatingLater = async (days: number) => {
      h.clock.advance(days * DAY)
      await doneAndCheckinDue(h, manager, topicId)
      await h.send(h.u.callback(user, `ci:${jobsOf(h, 'checkin').at(-1)?.id}:5`))
      await h.send(h.u.staffText(manager, topicId, '/followups'))
      expect(h.fake.lastTextTo(STAFF_GROUP_ID)).not.toContain('просьба об отзыве')
      h.clock.advance(DAY)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    // A month later, a third good order: asked less than 90 days ago
    await goodRatingLater(30)
    expect(asked()).toHaveLength(1)

    // Half a year later: a link opened before, a fourth good order asks for nothing
    await h.send(h.u.callback(user, String(requestButtons[0]?.data)))
    await goodRatingLater(180)
    expect(asked()).toHaveLength(1)
    expect(jobsOf(h, 'review_request').map((j) => j.status)).toEqual(['done'])
  })

  it('asks NPS once, 30 days after the first service; a detractor alerts the topic', async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 415)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.clock.advance(30 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const nps = only(jobsOf(h, 'nps'))
    expect(h.fake.lastTextTo(user.id)).toContain('насколько вероятно, что вы порекомендуете нас')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual([
      ...Array.from({ length: 11 }, (_, n) => `nps:${nps.id}:${n}`),
      'menu:manager', // a way to a human, as under every follow-up
    ])
    const rows: unknown[][] = h.fake.sentTo(user.id).at(-1)?.payload.reply_markup.inline_keyboard
    expect(rows.map((row) => row.length)).toEqual([6, 5, 1]) // Telegram takes at most 8 in a row
    await h.send(h.u.callback(user, `nps:${nps.id}:3`))
    expect(h.fake.lastTextTo(user.id)).toContain('Спасибо за честный ответ')
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('NPS: 3/10')
    // The request it opens says why in words, in the topic and on the card
    const staffSaw = h.fake.textsTo(STAFF_GROUP_ID).join('\n')
    expect(staffSaw).toContain('низкая оценка NPS (0–6)')
    expect(staffSaw).not.toContain('nps_detractor')
    // The owners hear of it: who it is, their name opening their topic
    expect(h.fake.textsTo(OWNER_ID).filter((t) => t.includes('порекомендует'))).toEqual([
      `⚠️ Клиент <a href="https://t.me/c/1234567890/${topicId}">Анна #${client.id}</a> — 3 из 10 на вопрос, порекомендует ли нас: менеджера уже позвали в тему клиента.`,
    ])
    expect(h.deps.db.select().from(feedback).where(eq(feedback.kind, 'nps')).all()).toEqual([
      expect.objectContaining({ clientId: client.id, score: 3 }),
    ])

    // Later services never ask again
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(jobsOf(h, 'nps')).toHaveLength(1)
  })

  it('a low answer reaches the topic even when Telegram refuses the reply to the client', async () => {
    const { h, manager } = await setup()
    const anna = await clientWithTopic(h, 419)
    const boris = await clientWithTopic(h, 420)
    await h.send(
      h.u.staffText(manager, anna.topicId, '/invoice 45000 landing'),
      h.u.staffText(manager, anna.topicId, '/done'),
      h.u.staffText(manager, boris.topicId, '/done'),
    )
    // The reply cannot go (as in a Business chat past its 24 hours): the staff must hear all the same
    const refuse = (chatId: number) =>
      h.fake.fail({ method: 'sendMessage', chatId, error_code: 403, description: 'Forbidden: not enough rights' })
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    refuse(anna.user.id)
    await h.send(h.u.callback(anna.user, `ci:${only(jobsOf(h, 'checkin', anna.client.id)).id}:1`))
    h.clock.advance(27 * DAY)
    await h.deps.scheduler.runDue()
    refuse(boris.user.id)
    await h.send(h.u.callback(boris.user, `nps:${only(jobsOf(h, 'nps', boris.client.id)).id}:2`))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, anna.topicId).some((t) => t.includes('Низкая оценка: 1/5'))).toBe(true)
    expect(h.fake.textsTo(STAFF_GROUP_ID, boris.topicId).some((t) => t.includes('NPS: 2/10'))).toBe(true)
  })

  it('a rating tapped stays under its question, as a quiz answer does: the check-in and the NPS question show the score chosen', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 424, {
      client: { consentAt: 1, consentVersion: 'marketing-v1' },
    })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 landing'), h.u.staffText(manager, topicId, '/done'))
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    // The question as the client has it in the chat now
    const onScreen = (id: number) => h.fake.emulator.chats.get(user.id)?.messages.get(id)?.message
    const asked = (words: string) => {
      const sent = h.fake.sentTo(user.id).findLast((c) => String(c.payload.text).includes(words))
      if (!sent) throw new Error(`not asked: ${words}`)
      return { id: (sent.result as { message_id: number }).message_id, text: String(sent.payload.text) }
    }
    const checkin = asked('как всё прошло с заказом')
    expect(checkin.text).toContain('Анна, как всё прошло с заказом «Лендинг под ключ»?')
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:4`))
    expect(onScreen(checkin.id)).toMatchObject({ text: `${checkin.text}\n\n✔️ 4` })
    expect(onScreen(checkin.id)?.reply_markup).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('Спасибо, Анна! Очень рады')

    h.clock.advance(27 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const nps = asked('порекомендуете нас')
    await h.send(h.u.callback(user, `nps:${only(jobsOf(h, 'nps')).id}:9`))
    expect(onScreen(nps.id)).toMatchObject({ text: `${nps.text}\n\n✔️ 9` })
    expect(onScreen(nps.id)?.reply_markup).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('Для нас это очень ценно')
  })

  it('NPS takes no emoji (its answer is a number); a number typed under the bot’s "use the buttons" that followed is its answer', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 416)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.clock.advance(30 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const nps = only(jobsOf(h, 'nps'))
    const question = h.fake.messageWithButton(user.id, `nps:${nps.id}:9`)
    await h.send(h.u.sticker(user, { emoji: '❤️' }))
    expect(h.fake.lastTextTo(user.id)).toContain('Я бот и лучше понимаю кнопки')
    expect(h.deps.db.select().from(feedback).all()).toEqual([])
    await h.send(h.u.text(user, '9'))
    expect(h.deps.db.select().from(feedback).all()).toEqual([expect.objectContaining({ kind: 'nps', score: 9 })])
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(question ?? -1)?.message.text).toMatch(/\n\n✔️ 9$/)
    expect(h.errors()).toEqual([])
  })

  it('a promoter is thanked without an alert', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 416)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.clock.advance(30 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    const staffBefore = h.fake.sentTo(STAFF_GROUP_ID).length
    await h.send(h.u.callback(user, `nps:${only(jobsOf(h, 'nps')).id}:10`))
    expect(h.fake.lastTextTo(user.id)).toContain('Для нас это очень ценно')
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toHaveLength(staffBefore)
  })
})

describe('escalations reach staff', () => {
  it('opens a topic (or recreates a deleted one) with the card when the client has none', async () => {
    const { h } = await setup()
    const noTopic = await clientWithTopic(h, 417, { user: { username: 'anna_k' }, client: { topicId: null } })
    const deleted = await clientWithTopic(h, 418)
    h.fake.deleteTopic(deleted.topicId)
    for (const c of [noTopic, deleted]) {
      h.deps.services.followups.scheduleAfterDone({ clientId: c.client.id, orderId: null, doneAt: h.clock.now() })
    }
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    for (const c of [noTopic, deleted]) {
      await h.send(h.u.callback(c.user, `ci:${only(jobsOf(h, 'checkin', c.client.id)).id}:1`))
    }
    await h.drain()
    expect(h.fake.callsOf('createForumTopic').filter((c) => c.ok)).toHaveLength(2)
    for (const c of [noTopic, deleted]) {
      const topicId = findClientByTelegramId(h.deps.db, c.user.id)?.topicId
      expect(topicId).not.toBe(deleted.topicId)
      const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId ?? -1)
      expect(texts.at(-1)).toBe(
        '⚠️ Низкая оценка: 1/5 на вопрос «Как всё прошло?». Клиент получил извинение и ждёт, что менеджер свяжется.',
      )
    }
  })

  it('a forged answer to a check-in that was never sent is refused', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 419)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:1`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    expect(h.deps.db.select().from(feedback).all()).toEqual([])
    // only the /done reply (after the client card the topic gets with its first message)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => !t.startsWith('👤'))).toHaveLength(1)
  })
})

describe('quiet hours', () => {
  it('use the client’s own time zone when known', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 421, { client: { timezone: 'Asia/Vladivostok' } })
    h.clock.set('2026-11-23T12:00:00Z') // 15:00 in Moscow, 22:00 in Vladivostok
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.fake.clearCalls()
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(0)
    expect(only(jobsOf(h, 'checkin')).runAt).toBe(Date.parse('2026-11-26T23:00:00Z')) // 09:00 Vladivostok
  })

  it('a payment reminder in the client’s night is planned for their morning: /invoice and /followups name one time, with their clock', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 422, { client: { timezone: 'Asia/Vladivostok' } })
    h.clock.set('2026-11-23T12:00:00Z') // 15:00 in Moscow, 22:00 in Vladivostok
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 Лендинг'))
    await h.drain()
    const summary = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((t) => t.includes('Напоминания, пока не оплачено'))
    // 09:00 in Vladivostok is 02:00 in Moscow: the team reads both
    expect(summary).toContain(
      'Напоминания, пока не оплачено: вт, 24 нояб., 2:00 (у клиента 9:00); чт, 26 нояб., 11:00 (у клиента 18:00).',
    )
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      '1. вт, 24 нояб., 2:00 (у клиента 9:00) — напоминание об оплате счёта №1',
    )
    // Cancelled from that list: the confirmation names the same two clocks
    const reminder = firstReminder(h)
    await h.send(h.u.callback(manager, `fux:${reminder.id}`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain(' — вт, 24 нояб., 2:00 (у клиента 9:00).')
    // So does /done: the check-in three days later, in the client's morning
    await h.send(h.u.staffText(manager, topicId, '/paid'), h.u.staffText(manager, topicId, '/done'))
    await h.drain()
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('пт, 27 нояб., 2:00 (у клиента 9:00)')
  })

  it('are DST-safe: the morning after the autumn and the spring switch is 09:00 local', async () => {
    const { h, manager } = await setup()
    const { topicId, client } = await clientWithTopic(h, 422, { client: { timezone: 'Europe/Berlin' } })
    // autumn: 22:30 CEST on 24 October; clocks go back that night
    h.clock.set('2026-10-21T20:30:00Z')
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.clock.set('2026-10-24T20:30:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    // Sunday 25 October is the studio's day off: Monday's 09:00, on the winter clock (CET)
    expect(only(jobsOf(h, 'checkin')).runAt).toBe(Date.parse('2026-10-26T08:00:00Z'))
    h.clock.set('2026-10-26T08:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(only(jobsOf(h, 'checkin')).status).toBe('done')

    // spring: 22:00 CET on 28 March; clocks go forward that night
    h.clock.set('2027-03-25T21:00:00Z')
    h.deps.services.followups.scheduleAfterDone({ clientId: client.id, orderId: null, doneAt: h.clock.now() })
    h.clock.set('2027-03-28T21:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    const spring = jobsOf(h, 'checkin').find((j) => j.dedupeKey?.endsWith(String(Date.parse('2027-03-25T21:00:00Z'))))
    expect(spring?.runAt).toBe(Date.parse('2027-03-29T07:00:00Z')) // 09:00 CEST
  })
})

describe('marketing follow-ups', () => {
  const consent = { consentAt: 1, consentVersion: 'marketing-v1' }

  it('re-engage a consenting client after 90 days of silence, once, in the morning', async () => {
    const { h } = await setup()
    const { user, client } = await clientWithTopic(h, 431, { client: consent })
    const silent = await clientWithTopic(h, 432) // no consent
    h.clock.set(client.lastSeenAt + 91 * DAY) // 21 February, 12:00 Moscow
    h.clock.set(Date.parse('2027-02-22T03:00:00Z')) // 06:00 Moscow: the sweep's time
    h.deps.services.followups.ensureSweepScheduled()
    await h.deps.scheduler.runDue() // the sweep
    await h.deps.scheduler.runDue() // what it scheduled: quiet hours until 09:00
    expect(h.fake.sentTo(user.id)).toHaveLength(0)
    h.clock.set('2027-02-22T06:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, давно не общались!')
    expect(h.fake.lastTextTo(user.id)).toContain('/stop')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['menu:main', 'menu:manager'])
    expect(h.fake.sentTo(silent.user.id)).toHaveLength(0)
    expect(jobsOf(h, 'reengage', silent.client.id)).toEqual([])

    // The next days' sweeps do not repeat it
    h.clock.set('2027-02-23T03:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.set('2027-02-24T06:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(1)
    expect(jobsOf(h, 'followups_sweep').map((j) => j.status)).toEqual(['done', 'done', 'done', 'pending'])
  })

  it('at most once per 90 days even when the client comes back and goes quiet again', async () => {
    const { h } = await setup({ content: withFollowups({ reengage_after_days: 30 }) })
    const { user, client } = await clientWithTopic(h, 433, { client: consent })
    h.clock.set(client.lastSeenAt + 31 * DAY)
    await h.deps.services.followups.sweep()
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(1)
    h.clock.advance(5 * DAY)
    await h.send(h.u.text(user, '/menu')) // back for a moment
    h.clock.advance(31 * DAY)
    expect((await h.deps.services.followups.sweep()).reengage).toBe(0)
    h.clock.advance(60 * DAY)
    expect((await h.deps.services.followups.sweep()).reengage).toBe(1)
  })

  it('respect /stop, blocked and forgotten clients', async () => {
    const { h } = await setup()
    const stop = await clientWithTopic(h, 434, { client: consent })
    const blocked = await clientWithTopic(h, 435, { client: consent })
    const forgotten = await clientWithTopic(h, 436, { client: consent })
    h.clock.advance(91 * DAY)
    expect((await h.deps.services.followups.sweep()).reengage).toBe(3)
    await h.send(h.u.text(stop.user, '/stop'))
    await h.send(h.u.myChatMember(blocked.user, 'kicked'))
    await forgetData(h, forgotten.user)
    h.fake.clearCalls()
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.calls.filter((c) => c.method === 'sendMessage')).toEqual([])
    expect(only(jobsOf(h, 'reengage', stop.client.id)).outcome).toContain('No marketing consent')
    expect(only(jobsOf(h, 'reengage', blocked.client.id)).outcome).toBe('The client blocked the bot.')
    expect(only(jobsOf(h, 'reengage', forgotten.client.id)).status).toBe('cancelled')
  })

  it('leave out the team: a manager who once agreed to news as a client is not re-engaged', async () => {
    const { h } = await setup()
    const client = await clientWithTopic(h, 442, { client: consent })
    const manager = await clientWithTopic(h, 443, { client: consent })
    const joinsLater = await clientWithTopic(h, 444, { client: consent })
    h.deps.services.staff.add(manager.user.id, 'manager', OWNER_ID, 'Мария')
    // Silent in private for 91 days (the team works in the staff group); one joins after the sweep
    h.clock.advance(91 * DAY) // 12:00 Moscow
    expect(await h.deps.services.followups.sweep()).toEqual({ reengage: 2, greetings: 0 })
    h.deps.services.staff.add(joinsLater.user.id, 'manager', OWNER_ID, 'Пётр')
    h.fake.clearCalls()
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(client.user.id)).toContain('давно не общались')
    expect(h.fake.sentTo(manager.user.id)).toEqual([])
    expect(h.fake.sentTo(joinsLater.user.id)).toEqual([])
    expect(only(jobsOf(h, 'reengage', joinsLater.client.id)).outcome).toBe('On the team now: marketing is for clients.')
  })

  it('greet on the birthday and the anniversary of the first contact, only with those dates', async () => {
    const { h } = await setup()
    const birthday = await clientWithTopic(h, 437, { client: { ...consent, birthday: '1990-11-24' } })
    const customer = await clientWithTopic(h, 438, {
      client: { ...consent, stage: 'customer', createdAt: Date.parse('2025-11-24T10:00:00Z') },
    })
    const nothing = await clientWithTopic(h, 439, { client: consent })
    const noConsent = await clientWithTopic(h, 440, { client: { birthday: '1990-11-24' } })
    expect(await h.deps.services.followups.sweep()).toEqual({ reengage: 0, greetings: 2 })

    h.clock.set('2026-11-24T08:00:00Z') // 11:00 Moscow
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(birthday.user.id)).toContain('Анна, с днём рождения! 🎉')
    expect(h.fake.lastTextTo(birthday.user.id)).toContain('Ваша команда: Веб-студия «Лаконика»')
    expect(h.fake.lastTextTo(customer.user.id)).toContain('ровно 1 год назад вы впервые написали нам')
    expect(h.fake.sentTo(nothing.user.id)).toHaveLength(0)
    expect(h.fake.sentTo(noConsent.user.id)).toHaveLength(0)
  })

  it('at most one marketing message a day; service messages are exempt', async () => {
    const { h, manager } = await setup()
    // Birthday and first-contact anniversary on the same day, and an invoice reminder
    const { user, topicId } = await clientWithTopic(h, 441, {
      client: {
        ...consent,
        birthday: '1990-11-24',
        stage: 'customer',
        createdAt: Date.parse('2025-11-24T10:00:00Z'),
      },
    })
    h.clock.set('2026-11-24T06:00:00Z')
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    await h.deps.services.followups.sweep()
    h.clock.set('2026-11-24T08:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    const [first, second] = jobsOf(h, 'greeting')
    expect(first?.status).toBe('done')
    expect(second).toMatchObject({
      status: 'pending',
      runAt: Date.parse('2026-11-25T08:00:00Z'),
      outcome: 'Another marketing message went to this client in the last 24 hours.',
    })
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('Ваша команда'))).toHaveLength(1)
    // The payment reminder (service) still goes out the same day
    expect(firstReminder(h).status).toBe('done')
    // A day later the date has passed: the second greeting is dropped, not sent late
    h.clock.set('2026-11-25T08:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(jobsOf(h, 'greeting')[1]).toMatchObject({
      status: 'skipped',
      outcome: 'The date of the greeting has passed.',
    })
  })
})

describe('mirroring while a client is with a manager', () => {
  it('posts one line in the topic for each follow-up sent during an open handoff', async () => {
    const { h, manager } = await setup()
    const { topicId, client } = await clientWithTopic(h, 451)
    const other = await clientWithTopic(h, 452)
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 45000'),
      h.u.staffText(manager, other.topicId, '/invoice 45000'),
    )
    // A request in conversation: answered, the client waiting for nothing (a question still
    // unanswered would hold the payment reminder, see orders.test.ts)
    const open = insertHandoff(h.deps.db, { clientId: client.id, reason: 'client_asked', openedAt: h.clock.now() })
    setFirstResponse(h.deps.db, open.id, h.clock.now(), MANAGER_ID, 0)
    h.fake.clearCalls()
    h.clock.advance(3 * HOUR)
    await h.deps.scheduler.runDue()
    await h.drain()
    // (the card in each topic is also refreshed; the mirror is the bot's one line)
    const mirrored = (id: number) => h.fake.textsTo(STAFF_GROUP_ID, id).filter((t) => t.startsWith('🤖'))
    expect(mirrored(topicId)).toEqual(['🤖 Бот отправил клиенту: напоминание об оплате счёта №1'])
    expect(mirrored(other.topicId)).toEqual([])
  })

  it('names which payment reminder went: the due day’s and an overdue one read as the client’s messages differ', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientInHandoff(h, 453, 'Дина')
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 завтра'))
    await h.drain()
    for (let day = 0; day < 5; day++) {
      h.clock.advance(DAY)
      await h.deps.scheduler.runDue()
      await h.flush()
    }
    const mirrored = h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('🤖'))
    expect(mirrored).toContain('🤖 Бот отправил клиенту: напоминание об оплате счёта №1 (последний день)')
    expect(mirrored).toContain('🤖 Бот отправил клиенту: напоминание об оплате счёта №1 (срок прошёл)')
    // The last one is told in full instead of in a line: the bot will not remind again
    expect(mirrored).toHaveLength(2)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('💳'))).toEqual([
      expect.stringMatching(
        /^💳 Счёт №1 \(45\u00a0000\u00a0₽\) не оплачен: бот отправил клиенту последнее напоминание/,
      ),
    ])
  })
})

describe('the client card’s list of what is scheduled', () => {
  /** The first line of the card that holds `what` (a follow-up's with its reason), or ''. */
  const cardLine = (h: Harness, clientId: number, what: string): string =>
    cardLines(h, clientId).find((l) => l.includes(what)) ?? ''
  const NUDGE = 'напоминание о незавершённом шаге'

  /** A client whose request is done, then in discovery: the card lists the flow's reminder by itself. */
  async function inDiscoveryAfterDone(h: Harness, manager: User, id: number) {
    const found = await clientWithTopic(h, id)
    await h.send(h.u.staffText(manager, found.topicId, '/done'))
    await h.send(h.u.callback(found.user, 'menu:discovery'))
    await h.drain()
    return found
  }

  it('follows the jobs: a follow-up that went out comes off the card, by an edit of the card', async () => {
    const { h, manager } = await setup()
    const { client, topicId } = await clientWithTopic(h, 471)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(cardText(h, client.id)).toContain('«Как всё прошло?»')
    const card = h.deps.services.handoff.topics.card(client.id)?.messageId
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(only(jobsOf(h, 'checkin')).status).toBe('done')
    // The same card, edited: the rest of what is scheduled stays on it
    expect(h.deps.services.handoff.topics.card(client.id)?.messageId).toBe(card)
    expect(cardText(h, client.id)).toContain('(NPS)')
    expect(cardText(h, client.id)).not.toContain('«Как всё прошло?»')
    expect(h.errors()).toEqual([])
  })

  it("follows the client's answers: a check-in rating (and the review request it plans) and the NPS score", async () => {
    const { h, manager } = await setup()
    const { user, client, topicId } = await clientWithTopic(h, 478)
    await doneAndCheckinDue(h, manager, topicId)
    expect(cardText(h, client.id)).not.toContain('просьба об отзыве')
    await h.send(h.u.callback(user, `ci:${only(jobsOf(h, 'checkin')).id}:5`))
    await h.drain()
    expect(cardLine(h, client.id, '⭐')).toBe('⭐ как прошло 5')
    // Rated while the first request is still open: no "0 past requests" above it
    expect(cardText(h, client.id)).not.toContain('Прошлых запросов')
    expect(cardLine(h, client.id, 'просьба об отзыве')).toMatch(/^• просьба об отзыве — /)

    const nps = only(jobsOf(h, 'nps'))
    h.clock.set(nps.runAt)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('насколько вероятно, что вы порекомендуете нас')
    await h.send(h.u.callback(user, `nps:${nps.id}:9`))
    await h.drain()
    expect(cardLine(h, client.id, '⭐')).toBe('⭐ NPS 9 · как прошло 5 (сначала новые)')
    // A second order's check-in rated lower: its kind's scores together, newest first
    insertFeedback(h.deps.db, { clientId: client.id, kind: 'checkin', score: 2, orderId: null }, h.clock.now())
    h.deps.services.handoff.refreshCard(client.id, { editOnly: true })
    await h.drain()
    expect(cardLine(h, client.id, '⭐')).toBe('⭐ как прошло 2, 5 · NPS 9 (сначала новые)')
    expect(h.errors()).toEqual([])
  })

  it("lists the daily sweep's greeting, for the client with a topic", async () => {
    const { h } = await setup()
    const consent = { consentAt: 1, consentVersion: 'marketing-v1', birthday: '1990-11-24' }
    const { client } = await clientWithTopic(h, 479, { client: consent })
    h.deps.services.handoff.refreshCard(client.id)
    await h.drain()
    expect(cardText(h, client.id)).toContain('Анна')
    expect(cardText(h, client.id)).not.toContain('поздравление')
    expect(await h.deps.services.followups.sweep()).toEqual({ reengage: 0, greetings: 1 })
    await h.drain()
    expect(cardLine(h, client.id, 'поздравление')).toMatch(/^• поздравление — /)
    expect(h.errors()).toEqual([])
  })

  it('a follow-up cancelled with its button comes off the card', async () => {
    const { h, manager } = await setup()
    const { client, topicId } = await clientWithTopic(h, 474)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(cardText(h, client.id)).toContain('«Как всё прошло?»')
    const checkin = only(jobsOf(h, 'checkin'))
    await h.send(h.u.callback(manager, `fux:${checkin.id}`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.drain()
    expect(only(jobsOf(h, 'checkin')).status).toBe('cancelled')
    expect(cardText(h, client.id)).toContain('(NPS)')
    expect(cardText(h, client.id)).not.toContain('«Как всё прошло?»')
  })

  it('an edit in place queued with a full refresh does what the full one does: a deleted card is posted again', async () => {
    const { h, manager } = await setup()
    const { client, topicId } = await clientWithTopic(h, 473)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    const first = h.deps.services.handoff.topics.card(client.id)?.messageId as number
    // Someone deleted the card message: an edit in place leaves it so…
    const messages = h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages
    const shown = messages?.get(first)
    if (shown) messages?.set(first, { ...shown, deleted: true })
    // (A name changed in the database before each refresh: one that would show the card as it is
    // sends nothing)
    updateClient(h.deps.db, client.id, { displayName: 'Первое имя' })
    h.deps.services.handoff.refreshCard(client.id, { editOnly: true })
    await h.drain()
    expect(h.deps.services.handoff.topics.card(client.id)?.messageId).toBe(first)
    // …but not when a full refresh joins it before it goes
    updateClient(h.deps.db, client.id, { displayName: 'Второе имя' })
    h.deps.services.handoff.refreshCard(client.id, { editOnly: true })
    h.deps.services.handoff.refreshCard(client.id)
    await h.drain()
    const second = h.deps.services.handoff.topics.card(client.id)?.messageId
    expect(second).not.toBe(first)
    expect(cardText(h, client.id)).toContain('«Как всё прошло?»')
    expect(h.errors()).toEqual([])
  })

  it("a flow's reminder says its time moves with the client's steps, and that it waits while a request is open", async () => {
    const { h, manager } = await setup()
    const { client } = await inDiscoveryAfterDone(h, manager, 476)
    insertHandoff(h.deps.db, { clientId: client.id, reason: 'client_asked', openedAt: h.clock.now() })
    h.deps.services.handoff.refreshCard(client.id)
    await h.drain()
    only(jobsOf(h, 'nudge'))
    expect(cardLine(h, client.id, NUDGE)).toBe(
      `• напоминание о незавершённом шаге (рассказ о задаче, /brief) — пн, 23 нояб., 14:00, или позже, если клиент сделает шаг раньше ⛔ не будет отправлено, если в это время клиент ещё общается с менеджером (открыт запрос)`,
    )
    // The check-in keeps its time, not moved by steps: it waits for the request to close instead
    const checkin = cardLine(h, client.id, '«Как всё прошло?»')
    expect(checkin).toBe(
      '• «Как всё прошло?» — чт, 26 нояб., 12:00 ⏸ ждёт: у клиента открыт запрос — отправим, когда его закроют',
    )
    // Its day come and gone with the request still open: it has no time of its own any more (the
    // one it is looked at again is none), only what it waits for
    h.clock.set('2026-11-26T09:30Z')
    await h.deps.scheduler.runDue()
    h.deps.services.handoff.refreshCard(client.id)
    await h.drain()
    expect(cardLine(h, client.id, '«Как всё прошло?»')).toBe(
      '• «Как всё прошло?» ⏸ ждёт: у клиента открыт запрос — отправим, когда его закроют',
    )
    // /followups lists it so too: no time, what it waits for
    await h.send(h.u.staffText(manager, client.topicId as number, '/followups'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')[1]).toBe(
      '1. «Как всё прошло?» ⏸ ждёт: у клиента открыт запрос — отправим, когда его закроют',
    )
    expect(h.errors()).toEqual([])
  })

  it('a follow-up planned before the client gave their zone is listed when it goes: after their night', async () => {
    const { h, manager } = await setup()
    const { client } = await inDiscoveryAfterDone(h, manager, 477)
    // The check-in is planned for Thursday 12:00 in Moscow: 21:00 in Kamchatka, in her quiet hours
    // (from 21:00): it goes at 9:00 on her Friday, midnight in Moscow
    h.deps.services.clients.setTimezone(client.id, 'Asia/Kamchatka')
    h.deps.services.handoff.refreshCard(client.id)
    await h.drain()
    expect(cardLine(h, client.id, '«Как всё прошло?»')).toBe('• «Как всё прошло?» — пт, 27 нояб., 0:00')
    expect(h.errors()).toEqual([])
  })

  it("the request's own timers take no place of the card's list; what does not fit is counted, with /followups", async () => {
    const { h, manager } = await setup()
    const { client, topicId } = await clientInHandoff(h, 478, 'Анна')
    await h.send(h.u.staffText(manager, topicId, 'Здравствуйте! Выставляю счёт.'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 10.12 Лендинг'))
    await h.drain()
    const reminders = () =>
      cardText(h, client.id)
        .split('\n')
        .filter((line) => line.startsWith('• ') && line.includes('напоминание об оплате'))
    const before = reminders()
    expect(before.length).toBeGreaterThan(2)
    // Closing plans the request's own close: the list stays as it was
    await h.send(h.u.staffText(manager, topicId, '/close'))
    h.deps.services.handoff.refreshCard(client.id)
    await h.drain()
    expect(jobsOf(h, 'handoff_auto_close')).toHaveLength(1)
    expect(reminders()).toEqual(before)
    // More than fit: the last line counts them and points to /followups
    await h.send(h.u.staffText(manager, topicId, '/invoice 3000 20.12 Домен'))
    await h.drain()
    const card = cardText(h, client.id)
    expect(card).toMatch(/…и ещё \d+ — весь список: \/followups/)
    expect(h.errors()).toEqual([])
  })

  it("a flow's reminder the client left behind for another flow says it waits for that one's", async () => {
    const { h, manager } = await setup()
    const { client, user } = await inDiscoveryAfterDone(h, manager, 477)
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, 'menu:quiz'))
    h.deps.services.handoff.refreshCard(client.id)
    await h.drain()
    const reminders = cardText(h, client.id)
      .split('\n')
      .filter((line) => line.includes(NUDGE))
    expect(reminders).toHaveLength(2)
    expect(reminders[0]).toContain(
      '⏸ ждёт: потом клиент начал другое и не закончил — напомним о том; об этом — только если то он закончит',
    )
    expect(reminders[1]).not.toContain('⛔')
    expect(h.errors()).toEqual([])
  })

  it('follows what holds them: /stop, the client\'s consent, an "I\'ve paid" and staff\'s "not received"', async () => {
    const { h, manager } = await setup()
    const { client, topicId, user } = await inDiscoveryAfterDone(h, manager, 477)
    const lineOf = (what: string) => cardLine(h, client.id, what)
    const nudge = () => lineOf(NUDGE)
    expect(nudge()).toMatch(/^• напоминание о незавершённом шаге \(рассказ о задаче, \/brief\) — [^⛔]+$/)
    // Her consent, given and then withdrawn by /stop: the card's consent line and the flow's
    // reminder (which will not go now) follow by themselves
    await h.send(h.u.callback(user, 'consent:yes'))
    expect(lineOf('рассылки')).toContain('✅ рассылки: согласие дано')
    await h.send(h.u.text(user, '/stop'))
    expect(lineOf('рассылки')).toContain('🚫 рассылки: согласие отозвано')
    expect(nudge()).toContain('⛔ не будет отправлено: клиент отписался')

    // An invoice: its reminders pause while the client's "I've paid" is checked
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    const reminders = () =>
      cardLines(h, client.id).filter((l) => l.includes('оплат') && l.startsWith('• ') && !l.includes('#1'))
    expect(reminders().length).toBeGreaterThan(0)
    expect(reminders().some((l) => l.includes('⏸'))).toBe(false)
    await h.send(h.u.callback(user, 'pay:claim:1'))
    expect(reminders().length).toBeGreaterThan(0)
    expect(reminders().every((l) => l.includes('⏸ на паузе'))).toBe(true)
    // Staff found no money: the reminders go on, and the card says so without being asked
    await h.send(h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(reminders().some((l) => l.includes('⏸'))).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('/stop after a decline (no event on record) still refreshes the card: the flow reminder will not go', async () => {
    const { h, manager } = await setup()
    const { client, user } = await inDiscoveryAfterDone(h, manager, 478)
    await h.send(h.u.callback(user, 'consent:no'))
    const nudge = () => cardLine(h, client.id, NUDGE)
    expect(nudge()).toMatch(/^• напоминание о незавершённом шаге \(рассказ о задаче, \/brief\) — [^⛔]+$/)
    await h.send(h.u.text(user, '/stop'))
    expect(nudge()).toContain('⛔ не будет отправлено: клиент отписался')
  })

  it('a topic staff deleted is not brought back by a follow-up going out', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 472)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.fake.deleteTopic(topicId)
    h.fake.clearCalls()
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(only(jobsOf(h, 'checkin')).status).toBe('done')
    expect(h.fake.callsOf('createForumTopic')).toEqual([])
    expect(
      h.fake.calls.filter((c) => c.payload.chat_id === STAFF_GROUP_ID && c.ok && c.method !== 'editMessageText'),
    ).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('/followups', () => {
  it('lists a client’s upcoming follow-ups in the topic with cancel buttons', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 461)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'), h.u.staffText(manager, topicId, '/done'))
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const list = h.fake.lastTextTo(STAFF_GROUP_ID)
    expect(list).toContain('🗓 Запланировано для клиента:')
    expect(list).toMatch(/1\. .*23 нояб.*14:00 — напоминание об оплате счёта №1/)
    expect(list).toMatch(/2\. .*26 нояб.* — «Как всё прошло\?»/)
    expect(list).toMatch(/3\. .*23 дек.* — вопрос «порекомендуете ли нас» \(NPS\)/)
    expect(list).toMatch(/7\. .*28 дек.*11:00 — напоминание об оплате счёта №1/)
    const buttons = h.fake.lastButtonsTo(STAFF_GROUP_ID)
    expect(buttons).toHaveLength(7)
    const checkin = only(jobsOf(h, 'checkin'))
    expect(buttons[1]).toEqual({ text: '✖ 2', data: `fux:${checkin.id}` })

    const listId = h.fake.messageWithButton(STAFF_GROUP_ID, `fux:${checkin.id}`) as number
    await h.send(h.u.callback(manager, `fux:${checkin.id}`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(only(jobsOf(h, 'checkin'))).toMatchObject({ status: 'cancelled', outcome: 'Cancelled by staff (Мария).' })
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(/^Отменено \(Мария\): «Как всё прошло\?» — .*26 нояб.*\.$/)
    // The list loses the button of what is cancelled: nobody presses it again for a "gone"
    const left = (h.fake.keyboardOf(STAFF_GROUP_ID, listId)?.inline_keyboard ?? []).flat().map((b) => b.text)
    expect(left).toEqual(['✖ 1', '✖ 3', '✖ 4', '✖ 5', '✖ 6', '✖ 7'])
    h.clock.advance(60_000) // pressed again a minute later
    await h.send(h.u.callback(manager, `fux:${checkin.id}`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже отправлено или отменено')
  })

  it('a cancelled one is crossed out in the list, its number kept; with no button left the hint goes; one sent meanwhile says so', async () => {
    const { h, manager } = await setup()
    const { topicId } = await clientWithTopic(h, 476)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const [checkin, nps] = [only(jobsOf(h, 'checkin')), only(jobsOf(h, 'nps'))]
    const listId = h.fake.messageWithButton(STAFF_GROUP_ID, `fux:${nps.id}`) as number
    /** The list as staff see it now: its lines, the parts struck through, its buttons. */
    const shown = () => {
      const message = h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(listId)?.message
      const text = message?.text ?? ''
      return {
        lines: text.split('\n'),
        struck: (message?.entities ?? [])
          .filter((e) => e.type === 'strikethrough')
          .map((e) => text.slice(e.offset, e.offset + e.length)),
        buttons: (h.fake.keyboardOf(STAFF_GROUP_ID, listId)?.inline_keyboard ?? []).flat().map((b) => b.text),
      }
    }
    const before = shown().lines
    const [first, second] = [before[1] ?? '', before[2] ?? '']
    expect(first).toMatch(/^1\. .* — «Как всё прошло\?»$/)
    expect(second).toMatch(/^2\. .* — вопрос «порекомендуете ли нас» \(NPS\)$/)
    expect(before.at(-1)).toBe('Кнопки ниже отменяют сообщение с этим номером.')
    // As Telegram sends a press: with the text the list shows now
    const tap = (jobId: number) =>
      h.u.callback(manager, `fux:${jobId}`, { chatId: STAFF_GROUP_ID, threadId: topicId, shown: true })
    const press = (jobId: number) => h.send(tap(jobId))

    // Pressed twice before the list changed: the second press finds it cancelled and shows the same
    await h.send(tap(nps.id), tap(nps.id))
    expect(only(jobsOf(h, 'nps')).status).toBe('cancelled')
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.startsWith('Отменено ('))).toHaveLength(1)
    // Off the list where it stood: number 1 keeps its line and its button
    expect(shown()).toEqual({
      lines: [...before.slice(0, 2), `${second} ✖ отменено`, ...before.slice(3)],
      struck: [second.slice('2. '.length)],
      buttons: ['✖ 1'],
    })
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toMatch(
      /^Отменено \(Мария\): вопрос «порекомендуете ли нас» \(NPS\) — .*\.$/,
    )

    // The check-in went out meanwhile: its button finds it sent, and the line says so
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    expect(only(jobsOf(h, 'checkin')).status).toBe('done')
    await press(checkin.id)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('уже отправлено или отменено')
    // No button left: the line about the buttons goes with them
    expect(shown()).toEqual({
      lines: [before[0], `${first} ✔️ отправлено`, `${second} ✖ отменено`, ...before.slice(3, -2)],
      struck: [first.slice('1. '.length), second.slice('2. '.length)],
      buttons: [],
    })
    expect(h.errors()).toEqual([])
  })

  it("lists a booked call's reminders as the card does, apart and without cancel buttons: they change with the booking", async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 466)
    await book(h, user, { day: '2026-11-23', slot: '2026-11-23T12:00Z' })
    await h.send(h.u.staffText(manager, topicId, '/done'))
    h.fake.clearCalls()
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const list = h.fake.lastTextTo(STAFF_GROUP_ID)
    const calls = list.split('\n\n').find((part) => part.startsWith('📞 Напоминания о звонках'))
    expect(calls?.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^• .*23 нояб.*14:00 — напоминание клиенту о звонке$/),
      expect.stringMatching(/^• .*23 нояб.*15:00 — напоминание команде о звонке$/),
    ])
    // The cancel buttons are the numbered follow-ups' only
    expect(list).toMatch(/1\. .* — «Как всё прошло\?»/)
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.text)).toEqual(['✖ 1', '✖ 2'])
  })

  it('a manager cannot cancel another client’s follow-up from a topic; strangers cannot at all', async () => {
    const { h, manager } = await setup()
    const a = await clientWithTopic(h, 462)
    const b = await clientWithTopic(h, 463)
    await h.send(h.u.staffText(manager, a.topicId, '/done'))
    const checkin = only(jobsOf(h, 'checkin'))
    await h.send(h.u.callback(manager, `fux:${checkin.id}`, { chatId: STAFF_GROUP_ID, threadId: b.topicId }))
    // Said as every staff button about another client says it, not "already sent or cancelled"
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Эта кнопка — о другом клиенте: она работает только в его теме.',
    )
    await h.send(h.u.callback(h.u.user(499), `fux:${checkin.id}`, { chatId: STAFF_GROUP_ID, threadId: a.topicId }))
    await h.send(h.u.callback(a.user, `fux:${checkin.id}`))
    expect(only(jobsOf(h, 'checkin')).status).toBe('pending')
  })

  it('owners see everyone’s in their private chat; managers are pointed to topics; clients get nothing', async () => {
    const { h, manager } = await setup()
    const a = await clientWithTopic(h, 464, { user: { username: 'anna' } })
    const b = await clientWithTopic(h, 465, { user: { first_name: 'Борис' } })
    await h.send(h.u.staffText(manager, a.topicId, '/done'), h.u.staffText(manager, b.topicId, '/invoice 500'))
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/followups'))
    const list = h.fake.lastTextTo(OWNER_ID)
    expect(list).toContain('🗓 Запланировано (все клиенты):')
    expect(list).toMatch(/напоминание об оплате счёта №1 · Борис #\d+/)
    expect(list).toMatch(/«Как всё прошло\?» · Анна \(@anna\) #\d+/)
    await h.send(h.u.callback(owner, `fux:${only(jobsOf(h, 'checkin')).id}`, { chatId: OWNER_ID, shown: true }))
    expect(only(jobsOf(h, 'checkin')).status).toBe('cancelled')
    // Crossed out where it stood, the client named as before; the other keeps its button
    const edited = h.fake.callsOf('editMessageText').findLast((c) => c.payload.chat_id === OWNER_ID)
    expect(edited?.payload.text).toMatch(/\n\d\. .*«Как всё прошло\?» · Анна \(@anna\) #\d+ ✖ отменено\n/)

    await h.send(h.u.text(manager, '/followups'))
    expect(h.fake.lastTextTo(MANAGER_ID)).toContain('для владельца')
    await h.send(h.u.text(a.user, '/followups'))
    expect(h.fake.lastTextTo(a.user.id)).toContain('Такой команды я не знаю')
  })

  it('everyone’s list with long names and many entries still fits one message: what does not fit is counted', async () => {
    const { h } = await setup()
    const ids: number[] = []
    for (let i = 0; i < 60; i++) {
      const user = h.u.user(1_000 + i, {
        first_name: `Александра-${i} ${'Константиновна'.repeat(3)}`,
        last_name: 'Преображенская-Рождественская'.repeat(2),
        username: `client_with_a_long_name_${i}`,
      })
      await h.send(h.u.text(user, '/start'))
      ids.push(findClientByTelegramId(h.deps.db, user.id)?.id ?? 0)
    }
    const now = h.clock.now()
    const statuses = ['pending', 'uncertain', 'failed'] as const
    h.deps.db
      .insert(jobs)
      .values(
        ids.map((clientId, i) => ({
          kind: 'checkin',
          runAt: now + (i + 1) * HOUR,
          status: statuses[Math.floor(i / 20)],
          clientId,
          payload: {},
          createdAt: now,
          updatedAt: now,
        })),
      )
      .run()
    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups'))
    await h.flush()
    const list = h.fake.lastTextTo(OWNER_ID)
    expect(list).toContain('🗓 Запланировано (все клиенты):')
    expect(list).toContain('Александра-0 ')
    // Some of every kind, the rest counted
    for (const heading of ['⚠️ Не уверены, что дошло', '❌ Не отправлено']) {
      const section = list.slice(list.indexOf(heading)).split('\n\n')[0] ?? ''
      expect(section).toMatch(/\n• .+ · Александра-\d+/)
      expect(section).toMatch(/\n…и ещё \d+\.$/)
    }
    expect(list).toMatch(/\n…и ещё \d+\.\n\n⚠️/)
    expect(h.errors()).toEqual([])
  })

  it("call reminders beyond the list's 20 are counted, not dropped without a word", async () => {
    const { h } = await setup()
    const { client } = await clientWithTopic(h, 469)
    const now = h.clock.now()
    h.deps.db
      .insert(jobs)
      .values(
        Array.from({ length: 25 }, (_, i) => ({
          kind: 'booking_client_reminder',
          runAt: now + (i + 1) * HOUR,
          clientId: client.id,
          payload: { bookingId: i + 1, slotStart: now + (i + 2) * HOUR },
          createdAt: now,
          updatedAt: now,
        })),
      )
      .run()
    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups'))
    const list = h.fake.lastTextTo(OWNER_ID)
    const calls = list.slice(list.indexOf('📞 Напоминания о звонках')).split('\n\n')[0] ?? ''
    const shown = calls.split('\n').filter((line) => line.startsWith('• ')).length
    expect(shown).toBeGreaterThan(0)
    expect(calls).toMatch(new RegExp(`\\n…и ещё ${25 - shown}\\.$`))
  })

  it('a send that may not have arrived is no longer listed once the client erased their data', async () => {
    const { h, manager } = await setup()
    const gone = await clientWithTopic(h, 467, { user: { first_name: 'Глеб' } })
    const stays = await clientWithTopic(h, 468, { user: { first_name: 'Дина' } })
    // Telegram delivers each check-in, and the connection drops before its answer
    for (const { user, client, topicId } of [gone, stays]) {
      await h.send(h.u.staffText(manager, topicId, '/done'))
      // (3 days on, or the working day after them)
      h.clock.set(only(jobsOf(h, 'checkin', client.id)).runAt)
      h.fake.dropAfterDelivery('sendMessage', (payload) => Number(payload.chat_id) === user.id)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    expect(jobsOf(h, 'checkin').map((j) => j.status)).toEqual(['uncertain', 'uncertain'])

    await forgetData(h, gone.user)
    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups'))
    const list = h.fake.lastTextTo(OWNER_ID)
    // Nobody can check with a client who erased their data: only Дина's is left to check
    const unsure = list.slice(list.indexOf('⚠️ Не уверены, что дошло')).split('\n\n')[0] ?? ''
    expect(unsure.split('\n').slice(1)).toEqual([expect.stringMatching(/^• .+ — «Как всё прошло\?» · Дина #\d+$/)])
    expect(list).not.toContain('checkin')
  })

  it('marks a flow reminder held while the client is with a manager, as the runner then skips it', async () => {
    const { h } = await setup()
    const anna = await clientWithTopic(h, 475, { user: { first_name: 'Анна' } })
    await h.send(h.u.callback(anna.user, 'menu:discovery'))
    insertHandoff(h.deps.db, { clientId: anna.client.id, reason: 'client_asked', openedAt: h.clock.now() })
    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups'))
    const line = h.fake
      .lastTextTo(OWNER_ID)
      .split('\n')
      .find((l) => l.includes('напоминание о незавершённом шаге'))
    expect(line).toContain('⛔ не будет отправлено, если в это время клиент ещё общается с менеджером')
    h.clock.advance(3 * DAY)
    await h.deps.scheduler.runDue()
    expect(only(jobsOf(h, 'nudge'))).toMatchObject({ status: 'skipped' })
  })

  it('marks what will not go out as things stand (/stop, consent withdrawn, the bot blocked), as the runner then skips it', async () => {
    const { h, manager } = await setup()
    const consent = { consentAt: 1, consentVersion: 'marketing-v1', birthday: '1990-11-24' }
    const stop = await clientWithTopic(h, 471, { user: { first_name: 'Степан' }, client: consent })
    const withdrew = await clientWithTopic(h, 472, { user: { first_name: 'Ольга' }, client: consent })
    const blocked = await clientWithTopic(h, 473, { user: { first_name: 'Борис' }, client: consent })
    const stays = await clientWithTopic(h, 474, { user: { first_name: 'Вера' }, client: consent })
    // Tomorrow's birthday greetings; Степан starts the discovery (its reminder) and gets a check-in
    expect(await h.deps.services.followups.sweep()).toEqual({ reengage: 0, greetings: 4 })
    await h.send(h.u.callback(stop.user, 'menu:discovery'))
    await h.send(h.u.staffText(manager, stop.topicId, '/done'), h.u.staffText(manager, blocked.topicId, '/done'))
    await h.send(h.u.text(stop.user, '/stop'))
    await h.send(h.u.callback(withdrew.user, 'consent:no'))
    await h.send(h.u.myChatMember(blocked.user, 'kicked'))

    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups'))
    const lines = h.fake.lastTextTo(OWNER_ID).split('\n')
    const line = (what: string, who: string) => {
      const found = lines.filter((l) => /^\d+\. /.test(l) && l.includes(what) && l.includes(` · ${who} `))
      expect(found).toHaveLength(1)
      return found[0]
    }
    const optedOut = 'не будет отправлено: клиент отписался (/stop или /privacy)'
    const blockedBot = 'не будет отправлено: клиент заблокировал бота'
    expect(line('напоминание о незавершённом шаге', 'Степан')).toContain(optedOut)
    expect(line('поздравление', 'Степан')).toContain(optedOut)
    expect(line('поздравление', 'Ольга')).toContain(optedOut)
    expect(line('поздравление', 'Борис')).toContain(blockedBot)
    expect(line('«Как всё прошло?»', 'Борис')).toContain(blockedBot)
    // Not marketing: sent after /stop too; and a client with nothing in the way
    expect(line('«Как всё прошло?»', 'Степан')).not.toContain('не будет отправлено')
    expect(line('поздравление', 'Вера')).not.toContain('не будет отправлено')

    // What the list said is what happens
    h.fake.clearCalls()
    for (const at of ['2026-11-23T12:00:00Z', '2026-11-24T08:00:00Z', '2026-11-26T12:00:00Z']) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    const statuses = (user: User) => {
      const client = findClientByTelegramId(h.deps.db, user.id)
      return Object.fromEntries(
        ['nudge', 'greeting', 'checkin'].flatMap((kind) =>
          jobsOf(h, kind, client?.id).map((j) => [kind, j.status] as const),
        ),
      )
    }
    expect(statuses(stop.user)).toEqual({ nudge: 'skipped', greeting: 'skipped', checkin: 'done' })
    expect(statuses(withdrew.user)).toEqual({ greeting: 'skipped' })
    expect(statuses(blocked.user)).toEqual({ greeting: 'skipped', checkin: 'skipped' })
    expect(statuses(stays.user)).toEqual({ greeting: 'done' })
  })

  it('a payment reminder held by the client’s "I paid" reads paused until staff answer; "not received" lets it go', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 475)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.callback(user, 'pay:claim:1'))
    const reminders = async () => {
      await h.send(h.u.staffText(manager, topicId, '/followups'))
      const lines = h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')
      return lines.filter((l) => l.includes('напоминание об оплате счёта №1'))
    }
    const paused = '⏸ на паузе: клиент нажал «Я оплатил(а)», ждём подтверждения оплаты сотрудником'
    expect(await reminders()).toEqual([
      expect.stringMatching(/^1\. .*23 нояб.*14:00 — напоминание об оплате счёта №1/),
      expect.stringMatching(/^2\. .*24 дек/),
      expect.stringMatching(/^3\. .*25 дек/),
      expect.stringMatching(/^4\. .*26 дек/),
      expect.stringMatching(/^5\. .*28 дек/),
    ])
    for (const line of await reminders()) expect(line).toContain(paused)
    // Its time comes: nothing goes, and it still reads paused
    h.clock.set('2026-11-23T11:30:00Z')
    h.fake.clearCalls()
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toEqual([])
    const held = await reminders()
    expect(held).toHaveLength(5)
    for (const line of held) expect(line).toContain(paused)

    // The manager checked: not received yet. The reminders are due again
    await h.send(h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    const resumed = await reminders()
    expect(resumed).toHaveLength(5)
    for (const line of resumed) expect(line).not.toContain('на паузе')
  })

  it('an "I paid" nobody answers for weeks leaves one paused reminder per invoice, not one per day it passed; "not received" sends one', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 476)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.callback(user, 'pay:claim:1'))
    h.fake.clearCalls()
    const reminders = async () => {
      await h.send(h.u.staffText(manager, topicId, '/followups'))
      const lines = h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')
      return lines.filter((l) => l.includes('напоминание об оплате счёта №1'))
    }
    // Nobody answers; the first reminder, the day before, the due day and the day after come and are held
    for (const at of ['2026-11-23T11:30:00Z', '2026-12-24T08:30:00Z', '2026-12-25T08:30:00Z']) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    // The day after's time has come and its run has not: the due day's says it will not go
    h.clock.set('2026-12-26T08:30:00Z')
    expect(await reminders()).toEqual([
      expect.stringMatching(/^1\. .*25 дек.*⛔ не будет отправлено: по этому счёту уйдёт одно напоминание/),
      expect.stringMatching(/^2\. .*26 дек.*на паузе/),
      expect.stringMatching(/^3\. .*28 дек.*на паузе/),
    ])
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.sentTo(user.id)).toEqual([])
    const held = await reminders()
    // The day after's, still held, and the one of 28 December, still to come
    expect(held).toEqual([
      expect.stringMatching(/^1\. .*26 дек.*на паузе/),
      expect.stringMatching(/^2\. .*28 дек.*на паузе/),
    ])
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID)).toHaveLength(2)

    // "Not received yet": one reminder goes, the one true today
    await h.send(h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    h.fake.clearCalls()
    h.clock.set('2026-12-26T12:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('счёта №1'))).toEqual([
      expect.stringMatching(/^Анна, срок оплаты счёта №1 был 25 декабря — /),
    ])
    expect(h.errors()).toEqual([])
  })

  it('a later reminder staff cancelled does not stand for a held one: after "not received" the held one goes', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 478)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    await h.send(h.u.callback(user, 'pay:claim:1'))
    for (const at of ['2026-11-23T11:30:00Z', '2026-12-24T08:30:00Z', '2026-12-25T08:30:00Z']) {
      h.clock.set(at)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    // Staff cancel the reminders after the due day in /followups
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const cancels = h.fake
      .lastButtonsTo(STAFF_GROUP_ID)
      .filter((b) => b.data?.startsWith('fux:'))
      .slice(1)
    expect(cancels).toHaveLength(2)
    for (const b of cancels) {
      await h.send(h.u.callback(manager, b.data!, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    }
    h.clock.set('2026-12-29T08:30:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    await h.send(h.u.callback(manager, 'pay:no:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    h.fake.clearCalls()
    h.clock.set('2026-12-29T12:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('счёта №1'))).toEqual([
      expect.stringMatching(/^Анна, срок оплаты счёта №1 был 25 декабря — /),
    ])
    expect(h.errors()).toEqual([])
  })

  it('lists one review request for a client who rated two orders well, as one is sent; one order done twice plans one', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 477)
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 45000 landing'),
      h.u.staffText(manager, topicId, '/invoice 12000 support'),
    )
    // The first order marked done twice: one check-in for it
    await h.send(h.u.staffText(manager, topicId, '/done 1'), h.u.staffText(manager, topicId, '/done 1'))
    await h.send(h.u.staffText(manager, topicId, '/done 2'))
    expect(jobsOf(h, 'checkin')).toHaveLength(2)
    // Each rated well as it comes (the first one twice), one a day
    h.clock.advance(3 * DAY)
    await rateCheckinsDayByDay(h, user, 2)
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    const listed = h.fake
      .lastTextTo(STAFF_GROUP_ID)
      .split('\n')
      .filter((l) => l.includes('просьба об отзыве'))
    expect(listed).toHaveLength(1)

    h.fake.clearCalls()
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('напишите пару слов о нас'))).toHaveLength(1)
  })

  it('one review request for two good ratings still goes when the order it was planned for is refunded', async () => {
    const { h, manager } = await setup()
    const { user, topicId } = await clientWithTopic(h, 478)
    await h.send(
      h.u.staffText(manager, topicId, '/invoice 45000 landing'),
      h.u.staffText(manager, topicId, '/invoice 12000 support'),
      h.u.staffText(manager, topicId, '/paid 1'),
    )
    await h.send(h.u.staffText(manager, topicId, '/done 1'), h.u.staffText(manager, topicId, '/done 2'))
    h.clock.advance(3 * DAY)
    await rateCheckinsDayByDay(h, user, 2)
    await h.send(h.u.text(h.u.user(OWNER_ID, { first_name: 'Ольга' }), '/refunded 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    h.fake.clearCalls()
    h.clock.advance(DAY)
    await h.deps.scheduler.runDue()
    await h.drain()
    // The second order was rated well too, and stands
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('напишите пару слов о нас'))).toHaveLength(1)
  })

  it('everyone’s list posted in the staff group is deleted when a client it names erases their data', async () => {
    const { h, manager } = await setup()
    const a = await clientWithTopic(h, 466, { user: { first_name: 'Вера' } })
    await h.send(h.u.staffText(manager, a.topicId, '/done'))
    await h.send(h.u.text(h.u.user(OWNER_ID), '/followups', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    const list = h.fake
      .sentTo(STAFF_GROUP_ID)
      .filter((c) => String(c.payload.text).includes('все клиенты'))
      .at(-1)
    expect(list?.payload.text).toContain('Вера')
    const listId = (list?.result as { message_id: number } | undefined)?.message_id

    await forgetData(h, a.user)
    await h.flush()
    const deleted = deletedMessageIds(h)
    expect(listId).toEqual(expect.any(Number))
    expect(deleted).toContain(listId)
    expect(h.errors()).toEqual([])
  })
})

describe('sweep scheduling', () => {
  it('runs once a day at 06:00 business time and re-arms itself', async () => {
    const { h } = await setup()
    h.deps.services.followups.ensureSweepScheduled()
    h.deps.services.followups.ensureSweepScheduled() // at every start-up: no duplicates
    expect(jobsOf(h, 'followups_sweep').map((j) => [j.dedupeKey, new Date(j.runAt).toISOString()])).toEqual([
      ['followups:sweep:2026-11-23', '2026-11-23T09:00:00.000Z'],
      ['followups:sweep:2026-11-24', '2026-11-24T03:00:00.000Z'],
    ])
    await h.deps.scheduler.runDue()
    await h.drain()
    h.clock.set('2026-11-24T03:00:00Z')
    await h.deps.scheduler.runDue()
    await h.drain()
    expect(jobsOf(h, 'followups_sweep').map((j) => [j.dedupeKey, j.status])).toEqual([
      ['followups:sweep:2026-11-23', 'done'],
      ['followups:sweep:2026-11-24', 'done'],
      ['followups:sweep:2026-11-25', 'pending'],
    ])
  })

  it('a bot started at night sweeps that day at once and every next day at 06:00', async () => {
    const { h } = await setup()
    const { user } = await clientWithTopic(h, 437, {
      client: { consentAt: 1, consentVersion: 'marketing-v1', birthday: '1990-11-26' },
    })
    h.clock.set('2026-11-23T00:30:00Z') // a restart at 03:30 Moscow
    h.deps.services.followups.ensureSweepScheduled()
    // Three days of a running bot, the scheduler looking every quarter of an hour
    for (let t = h.clock.now(); t <= Date.parse('2026-11-26T09:00:00Z'); t += 15 * 60_000) {
      h.clock.set(t)
      await h.deps.scheduler.runDue()
    }
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, с днём рождения! 🎉')
    expect(jobsOf(h, 'followups_sweep').map((j) => [j.dedupeKey, new Date(j.runAt).toISOString(), j.status])).toEqual([
      ['followups:sweep:2026-11-23', '2026-11-23T00:30:00.000Z', 'done'],
      ['followups:sweep:2026-11-24', '2026-11-24T03:00:00.000Z', 'done'],
      ['followups:sweep:2026-11-25', '2026-11-25T03:00:00.000Z', 'done'],
      ['followups:sweep:2026-11-26', '2026-11-26T03:00:00.000Z', 'done'],
      ['followups:sweep:2026-11-27', '2026-11-27T03:00:00.000Z', 'pending'],
    ])
  })
})
