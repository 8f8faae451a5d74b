/**
 * Staff buttons and /unsend on a message in a client's topic older than the outbox's week of
 * records: the outbox has pruned what it delivered by then, and each still does what it says —
 * from its own data and what is kept for as long as it matters — or, where nothing is left to do,
 * says so and its button comes off.
 */
import { and, eq } from 'drizzle-orm'
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { outbox } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const MANAGER_ID = 5_300_001
const DAY = 86_400_000
const RUB_60000 = '60\u00a0000\u00a0₽'

/** Monday 12:00 in Moscow, inside working hours; Telegram keeps the bot's time. */
function harness(): { h: Harness; manager: User } {
  const clock = createFakeClock('2026-11-23T09:00:00Z')
  const h = createHarness({ clock, fake: new FakeTelegram({ now: () => clock.now() }) })
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  return { h, manager: h.u.user(MANAGER_ID, { first_name: 'Мария' }) }
}

/**
 * Eight days later, the outbox's hourly prune run as it runs in production (its next round after
 * the clock moved): its record of the group's message `messageId` is gone.
 */
async function weekPassed(h: Harness, messageId: number): Promise<void> {
  h.clock.advance(8 * DAY)
  await h.drain()
  const record = h.deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.chatId, STAFF_GROUP_ID), eq(outbox.resultMessageId, messageId)))
    .all()
  expect(record).toEqual([])
  h.fake.clearCalls()
}

/** `who` presses the button `data` on the topic's message `messageId`. */
async function press(h: Harness, who: User, data: string, topicId: number, messageId: number): Promise<void> {
  await h.send(h.u.callback(who, data, { chatId: STAFF_GROUP_ID, threadId: topicId, messageId, shown: true }))
  await h.flush()
}

/** The message's text and the data of the buttons it shows now. */
function shown(h: Harness, messageId: number) {
  const message = h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(messageId)?.message
  const buttons = message?.reply_markup?.inline_keyboard.flat() ?? []
  return { text: message?.text, data: buttons.map((b) => ('callback_data' in b ? b.callback_data : b.text)) }
}

const toast = (h: Harness) => h.fake.callsOf('answerCallbackQuery').at(-1)?.payload

describe('a staff button on a message older than a week', () => {
  /** A client asks for a person and nobody answers in 15 minutes: the alert, with "take this client". */
  async function missed(h: Harness) {
    const { client, topicId } = await clientInHandoff(h, 7_300_001, 'Ира')
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    const alert = h.fake.messageWithButton(STAFF_GROUP_ID, `hclaim:${client.id}`)
    if (alert === undefined) throw new Error('no alert with "take this client"')
    return { client, topicId, alert }
  }

  it('"take this client": the client is taken, and the button comes off the alert', async () => {
    const { h, manager } = harness()
    const { client, topicId, alert } = await missed(h)
    await weekPassed(h, alert)

    await press(h, manager, `hclaim:${client.id}`, topicId, alert)
    expect(toast(h)?.text).toBe('Клиент ваш.')
    expect(h.deps.services.clients.get(client.id)?.managerId).toBe(MANAGER_ID)
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe('👤 Клиента ведёт Мария.')
    expect(shown(h, alert)).toMatchObject({ data: [] })
    expect(shown(h, alert).text).toContain('Никто не ответил за 15 мин')
    // Pressed again (a double tap, a colleague): nothing more is edited or posted
    const calls = h.fake.calls.length
    await press(h, h.u.user(OWNER_ID), `hclaim:${client.id}`, topicId, alert)
    expect(h.fake.calls.slice(calls).map((c) => c.method)).toEqual(['answerCallbackQuery'])
    expect(h.errors()).toEqual([])
  })

  it('"take this client" after the request closed: out of date, said so, and the button comes off', async () => {
    const { h, manager } = harness()
    const { client, topicId, alert } = await missed(h)
    await weekPassed(h, alert)
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force спам'))
    await h.flush()
    const posts = h.fake.textsTo(STAFF_GROUP_ID, topicId).length

    await press(h, manager, `hclaim:${client.id}`, topicId, alert)
    expect(toast(h)?.text).toBe('Эта кнопка уже неактуальна.')
    expect(h.deps.services.clients.get(client.id)?.managerId).toBeNull()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toHaveLength(posts)
    expect(shown(h, alert)).toMatchObject({ data: [] })
    expect(h.errors()).toEqual([])
  })

  /** An invoice for Анна, and her "I paid": the request to check it, with its answers, in her topic. */
  async function claimed(h: Harness, manager: User) {
    const { user, topicId } = await clientWithTopic(h, 7_300_101)
    await h.send(h.u.staffText(manager, topicId, '/invoice 60000 Лендинг'))
    await h.flush()
    await h.send(h.u.callback(user, 'pay:claim:1'))
    await h.flush()
    const request = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:ok:1')
    if (request === undefined) throw new Error('no request to check the payment')
    return { user, topicId, request }
  }

  it('"Оплата пришла" under a client\'s "I paid": the invoice is paid, the client told, the request marked', async () => {
    const { h, manager } = harness()
    const { user, topicId, request } = await claimed(h, manager)
    await weekPassed(h, request)

    await press(h, manager, 'pay:ok:1', topicId, request)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(h.fake.lastTextTo(user.id)).toBe(`Анна, оплата по счёту №1 (${RUB_60000}) получена. Спасибо! 🙌`)
    expect(shown(h, request).text).toMatch(/\n\n✔️ ✅ Оплата пришла — Мария$/)
    expect(shown(h, request).data).toEqual([])
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      `✅ Счёт №1 (${RUB_60000}) оплачен. Клиенту отправлено подтверждение, напоминания остановлены (Мария).`,
    )
    expect(h.errors()).toEqual([])
  })

  it('"Пока не пришла" under a client\'s "I paid": the client is told, the request marked', async () => {
    const { h, manager } = harness()
    const { user, topicId, request } = await claimed(h, manager)
    await weekPassed(h, request)

    await press(h, manager, 'pay:no:1', topicId, request)
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    expect(h.fake.lastTextTo(user.id)).toContain('мы пока не видим оплату по счёту №1')
    expect(shown(h, request).text).toMatch(/\n\n✔️ ❌ Пока не пришла — Мария$/)
    expect(shown(h, request).data).toEqual([])
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      'Клиенту ответили, что оплату пока не видим; напоминания продолжатся (Мария).',
    )
    expect(h.errors()).toEqual([])
  })

  it('"Оплата пришла" on the request after it was answered under a newer reminder: it says the invoice is paid already, and its buttons come off', async () => {
    const { h, manager } = harness()
    const { user, topicId, request } = await claimed(h, manager)
    // Unanswered: the team is reminded each working day, the last one a day ago
    for (const day of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30']) {
      h.clock.set(`${day}T08:00:00Z`)
      await h.deps.scheduler.runDue()
      await h.drain()
    }
    h.clock.set('2026-12-01T09:00:00Z')
    await weekPassed(h, request)
    const reminder = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:ok:1') as number
    expect(reminder).toBeGreaterThan(request)
    await press(h, manager, 'pay:ok:1', topicId, reminder)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    const posts = h.fake.textsTo(STAFF_GROUP_ID, topicId).length

    // Its buttons outlived the outbox's record of it: pressed, it says what became of the invoice
    await press(h, manager, 'pay:ok:1', topicId, request)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(posts)).toEqual([
      'Счёт №1 уже оплачен: ср, 9 дек., 12:00. Ничего не изменено.',
    ])
    expect(shown(h, request).data).toEqual([])
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('получена'))).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it("/paid's chooser: the invoice picked is paid, the client told, the chooser marked", async () => {
    const { h, manager } = harness()
    const { user, topicId } = await clientWithTopic(h, 7_300_201)
    await h.send(h.u.staffText(manager, topicId, '/invoice 60000 Лендинг'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000 правки'))
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    await h.flush()
    const chooser = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:paid:2')
    if (chooser === undefined) throw new Error("no /paid's chooser")
    await weekPassed(h, chooser)

    await press(h, manager, 'pay:paid:2', topicId, chooser)
    expect(h.deps.services.orders.get(2)?.status).toBe('paid')
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    expect(h.fake.textsTo(user.id)).toContain('Анна, оплата по счёту №2 (1\u00a0000\u00a0₽) получена. Спасибо! 🙌')
    expect(shown(h, chooser).text).toMatch(/\n\n✔️ №2 · 1\u00a0000\u00a0₽ — правки — Мария$/)
    expect(shown(h, chooser).data).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it("/unsend under an invoice's summary: it says what the summary is and how to take the invoice back; nothing is deleted", async () => {
    const { h, manager } = harness()
    const { user, topicId } = await clientInHandoff(h, 7_300_301, 'Мария')
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 лендинг'))
    await h.flush()
    const summary = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:cancel:1')
    if (summary === undefined) throw new Error("no invoice's summary")
    await weekPassed(h, summary)

    await h.send(h.u.staffText(manager, topicId, '/unsend', { replyTo: summary }))
    await h.flush()
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      '🗑 /unsend удаляет у клиента ответ, отправленный из этой темы, а это сводка счёта для команды. Чтобы отозвать неоплаченный счёт, отмените его кнопкой под сводкой — клиенту придёт, что счёт отменён.',
    )
    expect(h.fake.callsOf('deleteMessage')).toEqual([])
    expect(h.fake.sentTo(user.id)).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
