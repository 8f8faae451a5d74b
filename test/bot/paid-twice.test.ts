/**
 * A client who pays both an invoice and the one issued while it still waited (the replacement its
 * summary warned about: a discount, a correction) may have paid for one thing twice: the topic and
 * the owners are told, with both invoices and how to give one back; nothing goes back by itself.
 * Paid one, the other's payment reminders wait for the team's word: cancel it, or a separate order.
 */
import { eq } from 'drizzle-orm'
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientById } from '../../db/repositories/clients.ts'
import { jobs } from '../../db/schema.ts'
import { formatMoney } from '../../src/money.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const MANAGER_ID = 5_000_101
const PROVIDER_TOKEN = '381764678:TEST:100500'
const rub = (whole: number) => formatMoney(whole * 100, 'RUB', 'ru')

async function setup() {
  const h = createHarness({ config: { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } })
  h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const c = await clientWithTopic(h, 301)
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.flush()
  }
  const press = (user: User, data: string) =>
    h.send(h.u.callback(user, data, { chatId: STAFF_GROUP_ID, threadId: c.topicId }))
  /** 18 500 ₽ for the landing page, then 17 000 ₽ for it after a discount: the summary warns about the first. */
  const issueBoth = async () => {
    await h.send(h.u.staffText(manager, c.topicId, '/invoice 18500 25.12 landing'))
    await h.send(h.u.staffText(manager, c.topicId, '/invoice 17000 25.12 landing со скидкой'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, c.topicId).at(-1)).toContain(
      `⚠️ У клиента есть и другой неоплаченный счёт: №1 (${rub(18500)}).`,
    )
  }
  return { h, manager, ...c, press, issueBoth }
}

/** The client pays invoice `id` from the Telegram invoice they got for it (the first, or a reminder's). */
async function pay(h: Harness, user: User, id: number) {
  const invoice = h.fake.payments.invoices.filter((i) => i.payload === `order:${id}`).at(-1)
  if (!invoice) throw new Error(`no invoice #${id} was sent`)
  await h.send(h.u.preCheckout(user, invoice))
  await h.send(h.u.successfulPayment(user, invoice).update)
}

/** Telegram invoices the client got for order `id`: the first, then one per payment reminder. */
const invoicesOf = (h: Harness, id: number) => h.fake.payments.invoices.filter((i) => i.payload === `order:${id}`)

/** The moments the invoices' reminders are planned for (23 November, 12:00 in Moscow, is when they are issued). */
const REMINDER_DAYS = [
  '2026-11-23T12:00:00Z', // two hours after
  '2026-11-24T12:00:00Z',
  '2026-12-24T09:00:00Z', // the day before the due date
  '2026-12-25T09:00:00Z', // the due date
  '2026-12-26T09:00:00Z', // a day overdue
]

async function throughReminders(h: Harness, moments = REMINDER_DAYS) {
  for (const at of moments) {
    if (Date.parse(at) <= h.clock.now()) continue
    h.clock.set(at)
    await h.deps.scheduler.runDue()
    await h.flush()
  }
}

function payJobs(h: Harness, orderId: number) {
  return h.deps.db
    .select()
    .from(jobs)
    .where(eq(jobs.kind, 'payment_reminder'))
    .all()
    .filter((j) => (j.payload as { orderId?: number }).orderId === orderId)
}

describe('an invoice and the one that replaced it, both paid', () => {
  it('the old one first, then the replacement: the replacement is not chased meanwhile; paid too, the topic and the owner read it may be twice', async () => {
    const { h, manager, user, client, topicId, issueBoth, press } = await setup()
    await issueBoth()

    await pay(h, user, 1)
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.some((t) => t.includes(`✅ Счёт №1 (${rub(18500)}) оплачен в Telegram`))).toBe(true)
    const question = topic.at(-1)
    expect(question).toBe(
      `⏸ Счёт №2 (${rub(17000)}) ещё не оплачен, а связанный с ним счёт №1 (${rub(18500)}) только что оплачен: №2 выставлен, когда №1 ещё ждал оплаты. Напоминания клиенту по счёту №2 приостановлены, чтобы не просить заплатить за одно и то же дважды. Если он больше не нужен — отмените его; если это отдельный заказ — напоминания пойдут дальше.`,
    )
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID)).toEqual([
      { text: '✖ Отменить счёт №2', data: 'lnk:cancel:2' },
      { text: '🔔 Это отдельный заказ — напоминать', data: 'lnk:resume:2' },
    ])
    // Nothing to the owner yet: nobody has paid twice
    expect(h.fake.textsTo(OWNER_ID)).toEqual([])

    // The days its reminders were planned for pass: not one invoice #2 again, nor a word of it
    const told = h.fake.textsTo(user.id).length
    await throughReminders(h)
    expect(invoicesOf(h, 2)).toHaveLength(1)
    expect(h.fake.textsTo(user.id).slice(told)).toEqual([])
    expect(payJobs(h, 2).some((j) => j.status === 'pending')).toBe(true)
    // /followups says why they wait
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('⏸ на паузе: оплачен связанный с ним счёт')

    // The client pays the replacement anyway, from the invoice in their chat
    await pay(h, user, 2)
    const twice = `⚠️ Возможно, клиент оплатил одно и то же дважды: оплачены и счёт №1 (${rub(18500)}), и счёт №2 (${rub(17000)}) — №2 выставлен, когда №1 ещё ждал оплаты. Если это один заказ, одну из оплат нужно вернуть: /refunded 1 или /refunded 2 (возврат оформляет владелец, он уже предупреждён). Если заказы разные — ничего делать не нужно.`
    const after = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(after.at(-2)).toContain(`✅ Счёт №2 (${rub(17000)}) оплачен в Telegram`)
    expect(after.at(-1)).toBe(twice)
    // The owner, the client named as in every alert about one
    const [alert, ...more] = h.fake.textsTo(OWNER_ID)
    expect(more).toEqual([])
    expect(alert).toMatch(
      /^⚠️ Возможно, у клиента <a href="https:\/\/t\.me\/c\/\d+\/\d+">Анна #1<\/a> одно и то же оплачено дважды: счёт №1 \(18\s500\s₽\) и счёт №2 \(17\s000\s₽\) — №2 выставлен, когда №1 ещё ждал оплаты\. Если это один заказ, верните одну из оплат и отметьте возврат: \/refunded 1 или \/refunded 2 /u,
    )
    // The question above, a month old, asks nothing now: a press on it changes nothing
    await press(manager, 'lnk:resume:2')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('На этот вопрос уже ответили.')

    // The client read the two invoices and two thanks, nothing more: a person decides what goes back
    expect(h.fake.textsTo(user.id)).toEqual([
      'Анна, вот ваш счёт №1. Оплатить можно прямо здесь, в Telegram.\nЗа что: Лендинг под ключ\nОплатить до: 25 декабря',
      'Анна, вот ваш счёт №2. Оплатить можно прямо здесь, в Telegram.\nЗа что: Лендинг под ключ — со скидкой\nОплатить до: 25 декабря',
      `Анна, оплата по счёту №1 (${rub(18500)}) получена. Спасибо! 🙌`,
      `Анна, оплата по счёту №2 (${rub(17000)}) получена. Спасибо! 🙌`,
    ])
    // Nothing was refunded or cancelled by itself
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(h.deps.services.orders.get(2)?.status).toBe('paid')
    expect(h.fake.callsOf('refundStarPayment')).toEqual([])
    // One thing bought: a customer, not a repeat one
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('customer')
    expect(h.errors()).toEqual([])
  })

  it('the replacement first, then the old one confirmed by a manager (/paid): the old one is held, then the same warning', async () => {
    const { h, manager, user, client, topicId, issueBoth } = await setup()
    await issueBoth()

    await pay(h, user, 2)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      `⏸ Счёт №1 (${rub(18500)}) ещё не оплачен, а связанный с ним счёт №2 (${rub(17000)}) только что оплачен: №2 выставлен, когда №1 ещё ждал оплаты. Напоминания клиенту по счёту №1 приостановлены`,
    )
    const told = h.fake.textsTo(user.id).length
    await throughReminders(h)
    expect(invoicesOf(h, 1)).toHaveLength(1)
    expect(h.fake.textsTo(user.id).slice(told)).toEqual([])

    // The client paid the old one by a transfer after all; the manager marks it
    await h.send(h.u.staffText(manager, topicId, '/paid 1'))
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.at(-2)).toContain(`✅ Счёт №1 (${rub(18500)}) оплачен.`)
    expect(topic.at(-1)).toContain(
      `⚠️ Возможно, клиент оплатил одно и то же дважды: оплачены и счёт №1 (${rub(18500)}), и счёт №2 (${rub(17000)}) — №2 выставлен, когда №1 ещё ждал оплаты. Если это один заказ, одну из оплат нужно вернуть: /refunded 1 или /refunded 2`,
    )
    expect(h.fake.textsTo(OWNER_ID)).toHaveLength(1)
    expect(h.fake.textsTo(OWNER_ID)[0]).toContain('>Анна #1</a> одно и то же оплачено дважды: счёт №1')
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('customer')

    // The owner records the refund the alert names: the second payment is given back as any is
    await h.send(h.u.text(h.u.user(OWNER_ID, { first_name: 'Ольга' }), '/refunded 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    expect(h.fake.lastTextTo(user.id)).toContain(`Счёт №1: оформили возврат ${rub(18500)}`)
    expect(h.errors()).toEqual([])
  })

  it('invoices in Stars name /refund for them; the question about the second loses its buttons once it is paid', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 250XTR Чек-лист'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 200XTR Чек-лист со скидкой'))
    await pay(h, user, 1)
    expect(h.fake.messageWithButton(STAFF_GROUP_ID, 'lnk:resume:2')).toBeDefined()
    await pay(h, user, 2)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      'одну из оплат нужно вернуть: /refund 1 или /refund 2',
    )
    // The question about #2, paid now, loses its buttons
    expect(h.fake.messageWithButton(STAFF_GROUP_ID, 'lnk:resume:2')).toBeUndefined()
    expect(h.fake.textsTo(OWNER_ID).at(-1)).toContain('/refund 1 или /refund 2')
  })
})

describe('the question about an invoice whose reminders a linked payment held', () => {
  it('"a separate order": its reminders go again, paid it is no second payment of the same, and the client becomes a repeat one', async () => {
    const { h, manager, user, client, topicId, issueBoth, press } = await setup()
    await issueBoth()
    await pay(h, user, 1)
    await throughReminders(h, REMINDER_DAYS.slice(0, 2))
    expect(invoicesOf(h, 2)).toHaveLength(1)

    await press(manager, 'lnk:resume:2')
    // The question says who answered what, and loses its buttons; the answer follows it
    expect(
      h.fake.textsTo(STAFF_GROUP_ID).some((t) => t.endsWith('\n\n✔️ 🔔 Это отдельный заказ — напоминать — Мария')),
    ).toBe(true)
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).some((b) => b.data?.startsWith('lnk:'))).toBe(false)
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.at(-1)).toBe(`🔔 Счёт №2 (${rub(17000)}) — отдельный заказ: напоминания об оплате снова идут (Мария).`)
    // A double tap, or a colleague a moment later: answered already, nothing changes
    await press(manager, 'lnk:resume:2')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('На этот вопрос уже ответили.')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(topic.at(-1))

    // The next reminder goes: invoice #2 again, to pay from
    await throughReminders(h, ['2026-11-24T15:00:00Z', ...REMINDER_DAYS.slice(2, 3)])
    expect(invoicesOf(h, 2).length).toBeGreaterThan(1)

    await pay(h, user, 2)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(`✅ Счёт №2 (${rub(17000)}) оплачен в Telegram`)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).not.toContain('Возможно, клиент оплатил')
    expect(h.fake.textsTo(OWNER_ID)).toEqual([])
    // Two orders: a repeat customer
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('repeat')
    expect(h.errors()).toEqual([])
  })

  it('"cancel" asks first; "no" brings the question back; "yes" cancels the invoice, the client is told, nothing is reminded', async () => {
    const { h, manager, user, topicId, issueBoth, press } = await setup()
    await issueBoth()
    await pay(h, user, 1)

    await press(manager, 'lnk:cancel:2')
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID)).toEqual([
      { text: '✖ Да, отменить счёт №2', data: 'lnk:yes:2' },
      { text: '← Не отменять', data: 'lnk:back:2' },
    ])
    await press(manager, 'lnk:back:2')
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID)).toEqual([
      { text: '✖ Отменить счёт №2', data: 'lnk:cancel:2' },
      { text: '🔔 Это отдельный заказ — напоминать', data: 'lnk:resume:2' },
    ])
    expect(h.deps.services.orders.get(2)?.status).toBe('unpaid')

    await press(manager, 'lnk:cancel:2')
    await press(manager, 'lnk:yes:2')
    expect(h.deps.services.orders.get(2)?.status).toBe('cancelled')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain('Счёт №2 отменён, напоминания остановлены (Мария).')
    expect(h.fake.lastTextTo(user.id)).toContain('№2')
    expect(h.fake.lastTextTo(user.id)).toContain('отмен')
    // The question's buttons went with it: a press left on a stale copy changes nothing
    expect(h.fake.messageWithButton(STAFF_GROUP_ID, 'lnk:resume:2')).toBeUndefined()
    await press(manager, 'lnk:resume:2')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('На этот вопрос уже ответили.')
    expect(h.deps.services.orders.get(2)?.status).toBe('cancelled')

    const told = h.fake.textsTo(user.id).length
    await throughReminders(h)
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(invoicesOf(h, 2)).toHaveLength(1)
    expect(h.errors()).toEqual([])
  })

  it('is for staff only, and button data that is not its own does nothing', async () => {
    const { h, user, issueBoth, press } = await setup()
    await issueBoth()
    await pay(h, user, 1)

    const stranger = h.u.user(777_001, { first_name: 'Пётр' })
    await press(stranger, 'lnk:resume:2')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({
      text: 'Эта кнопка — только для сотрудников.',
      show_alert: true,
    })
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    for (const forged of ['lnk:resume:abc', 'lnk:drop:2', 'lnk:resume:-2', 'lnk:resume']) {
      await press(manager, forged)
    }
    expect(h.deps.services.orders.get(2)).toMatchObject({ status: 'unpaid', remindersHeldBy: 1 })
    // An invoice that was never held: nothing to answer
    await h.send(h.u.staffText(manager, h.deps.services.clients.get(1)?.topicId ?? 0, '/invoice 5000 Правки'))
    await press(manager, 'lnk:resume:3')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('На этот вопрос уже ответили.')
    expect(h.errors()).toEqual([])
  })
})

/** Invoice `id`'s summary in the topic (what /invoice answered with) as it reads now. */
function summaryOf(h: Harness, id: number): string | undefined {
  const row = h.deps.services.handoff.route.invoiceSummary(id)
  const stored =
    row?.messageId == null ? undefined : h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(row.messageId)
  return (stored?.message as { text?: string } | undefined)?.text
}

/** Message `messageId` of the staff group as it reads now, with its buttons. */
function messageOf(h: Harness, messageId: number | undefined) {
  const stored =
    messageId === undefined ? undefined : h.fake.emulator.chats.get(STAFF_GROUP_ID)?.messages.get(messageId)
  const message = stored?.message as { text?: string; reply_markup?: { inline_keyboard: unknown[][] } } | undefined
  return { text: message?.text, buttons: message?.reply_markup?.inline_keyboard.flat() ?? [] }
}

describe("the held invoice's summary in the topic", () => {
  it('says its reminders wait for the answer (and /due keeps them waiting), then lists them again once it is a separate order', async () => {
    const { h, manager, user, topicId, issueBoth, press } = await setup()
    await issueBoth()
    expect(summaryOf(h, 2)).toContain('Напоминания, пока не оплачено:')

    await pay(h, user, 1)
    const held = summaryOf(h, 2) ?? ''
    expect(held).toContain('⏸ Напоминания на паузе: оплачен связанный счёт №1 — ответьте на вопрос ниже.')
    expect(held).not.toContain('Напоминания, пока не оплачено:')
    // The warning about #1, paid now, is gone; the first line and the due date stay
    expect(held).not.toContain('другой неоплаченный счёт')
    expect(held.split('\n')[0]).toContain('Счёт №2')
    expect(held).toContain('Срок оплаты: 25 декабря')

    // A later date agreed: kept, and the reminders still wait for the answer, in the reply and the summary
    await h.send(h.u.staffText(manager, topicId, '/due #2 30.12'))
    const answer = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(answer).toContain('перенесён с 25 декабря')
    expect(answer).toContain('⏸ Напоминания на паузе: оплачен связанный счёт №1 — ответьте на вопрос ниже.')
    expect(answer).not.toContain('Напоминания, пока не оплачено:')
    expect(answer).toContain('Сводка счёта выше исправлена.')
    const moved = summaryOf(h, 2) ?? ''
    expect(moved).toContain('Срок оплаты: 30 декабря')
    expect(moved).toContain('⏸ Напоминания на паузе: оплачен связанный счёт №1 — ответьте на вопрос ниже.')
    expect(moved).not.toContain('Напоминания, пока не оплачено:')
    expect(h.deps.services.orders.get(2)).toMatchObject({ dueDate: '2026-12-30', remindersHeldBy: 1 })

    // A separate order: the reminders are listed again, as they will go
    await press(manager, 'lnk:resume:2')
    const resumed = summaryOf(h, 2) ?? ''
    expect(resumed).toMatch(/Напоминания, пока не оплачено: .*30 дек/u)
    expect(resumed).not.toContain('⏸')
    expect(resumed).toContain('Срок оплаты: 30 декабря')
    expect(h.errors()).toEqual([])
  })
})

describe('"yes, cancel" under the hold question', () => {
  it('marks the question answered, as "a separate order" does; a second press only answers the press', async () => {
    const { h, manager, user, topicId, issueBoth, press } = await setup()
    await issueBoth()
    await pay(h, user, 1)

    await press(manager, 'lnk:cancel:2')
    const question = h.fake.messageWithButton(STAFF_GROUP_ID, 'lnk:yes:2')
    expect(question).toBeDefined()
    await press(manager, 'lnk:yes:2')
    expect(h.deps.services.orders.get(2)?.status).toBe('cancelled')
    // Marked as "a separate order" marks it: who pressed what, under its text (the fake's press
    // carries "…" for the message's text), and its buttons gone
    expect(messageOf(h, question).text?.endsWith('\n\n✔️ ✖ Да, отменить счёт №2 — Мария')).toBe(true)
    expect(messageOf(h, question).buttons).toEqual([])
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.at(-1)).toBe('Счёт №2 отменён, напоминания остановлены (Мария).')
    expect(summaryOf(h, 2)).toContain('✖ Отменён')

    // A double tap, or a colleague's press on the same question a moment later
    await press(manager, 'lnk:yes:2')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('На этот вопрос уже ответили.')
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual(topic)
    expect(h.errors()).toEqual([])
  })
})

describe('invoices that are not linked', () => {
  it('a new invoice after the first was paid is another order: no warning, no hold, a repeat customer', async () => {
    const { h, manager, user, client, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 18500 25.12 landing'))
    await pay(h, user, 1)
    await h.send(h.u.staffText(manager, topicId, '/done'))
    await h.send(h.u.staffText(manager, topicId, '/invoice 17000 25.12 Поддержка сайта'))
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).not.toContain('⚠️')
    await pay(h, user, 2)
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).not.toContain('Возможно, клиент оплатил')
    expect(topic).not.toContain('⏸')
    expect(h.fake.textsTo(OWNER_ID)).toEqual([])
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('repeat')
  })
})
