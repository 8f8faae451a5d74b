import { and, eq } from 'drizzle-orm'
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientById } from '../../db/repositories/clients.ts'
import { clients, events, jobs, orders, payments } from '../../db/schema.ts'
import type { Content } from '../../src/content/schema.ts'
import { formatMoney } from '../../src/money.ts'
import { FUNNEL } from '../../src/services/funnel.ts'
import { createHarness, demoContent, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { ownerStats, statsLine } from '../helpers/stats.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MANAGER_ID = 5_000_101
/** What @BotFather gives for a test shop of a provider. */
const PROVIDER_TOKEN = '381764678:TEST:100500'
const rub = (whole: number) => formatMoney(whole * 100, 'RUB', 'ru')

/** The demo content with a digital product sold in Stars, and receipt data for the provider. */
function paymentsContent(): Content {
  const demo = demoContent()
  const [first] = demo.products
  if (!first) throw new Error('the demo has products')
  return {
    ...demo,
    products: [
      ...demo.products,
      {
        ...first,
        id: 'checklist',
        title: { ru: 'Чек-лист запуска сайта', en: 'Website launch checklist' },
        price: { amount: 250, currency: 'XTR', from: false },
        digital: true,
      },
    ],
    payments: {
      ...demo.payments,
      need_email: true,
      send_email_to_provider: true,
      provider_data: {
        receipt: {
          items: [
            {
              description: '{description}',
              quantity: '1.00',
              amount: { value: '{amount}', currency: '{currency}' },
              vat_code: 1,
            },
          ],
        },
      },
    },
  }
}

/** A second staff group (STAFF_GROUP_IDS). */
const SECOND_GROUP = -1009876543210

async function setup({ provider = true, config = {} }: { provider?: boolean; config?: Record<string, string> } = {}) {
  const h = createHarness({
    content: paymentsContent(),
    config: { ...(provider ? { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN } : {}), ...config },
  })
  h.fake.payments.providerTokens.add(PROVIDER_TOKEN)
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
  const c = await clientWithTopic(h, 301)
  // At a person's pace: what the bot queued for the client and the topic arrives before the next step
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.flush()
  }
  return { h, manager, owner, ...c }
}

function payJobs(h: Harness) {
  return h.deps.db.select().from(jobs).where(eq(jobs.kind, 'payment_reminder')).orderBy(jobs.runAt).all()
}

/** The client pays the last invoice they got: Telegram asks the bot, the bot says ok, the money moves. */
async function payLastInvoice(h: Harness, user: User) {
  const invoice = h.fake.payments.lastInvoiceTo(user.id)
  if (!invoice) throw new Error('no invoice was sent to the client')
  await h.send(h.u.preCheckout(user, invoice))
  const paid = h.u.successfulPayment(user, invoice)
  await h.send(paid.update)
  return { invoice, ...paid }
}

function lastAnswer(h: Harness) {
  const call = h.fake.callsOf('answerPreCheckoutQuery').at(-1)
  return { ok: call?.payload.ok, error: call?.payload.error_message as string | undefined }
}

describe('an invoice paid inside Telegram', () => {
  it('goes invoice → checkout ok → paid: reminders stop, the topic is told, /done leads to the check-in', async () => {
    const { h, manager, user, client, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата'))

    // A real invoice, not payment details: no "I paid" button anywhere
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    expect(invoice).toMatchObject({
      title: 'Счёт №1',
      currency: 'RUB',
      totalAmount: 4_500_000,
      payload: 'order:1',
      providerToken: PROVIDER_TOKEN,
      needEmail: true,
    })
    expect(invoice?.description).toBe(
      'Анна, вот ваш счёт №1. Оплатить можно прямо здесь, в Telegram.\nЗа что: Лендинг под ключ — Предоплата\nОплатить до: 25 декабря',
    )
    expect(JSON.parse(invoice?.providerData ?? '{}')).toEqual({
      receipt: {
        items: [
          {
            description: 'Лендинг под ключ — Предоплата',
            quantity: '1.00',
            amount: { value: '45000.00', currency: 'RUB' },
            vat_code: 1,
          },
        ],
      },
    })
    expect(h.fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === user.id)).toEqual([])
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Клиент оплатит прямо в Telegram — оплата отметится сама.')
    expect(payJobs(h)).toHaveLength(5)

    if (!invoice) throw new Error('no invoice')
    await h.send(h.u.preCheckout(user, invoice))
    expect(lastAnswer(h)).toEqual({ ok: true, error: undefined })

    const { update } = h.u.successfulPayment(user, invoice)
    await h.send(update)
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidVia: 'provider', paidAt: h.clock.now() })
    expect(h.deps.db.select().from(payments).all()).toEqual([
      expect.objectContaining({
        orderId: 1,
        method: 'provider',
        amount: 4_500_000,
        currency: 'RUB',
        telegramChargeId: expect.stringMatching(/^tg-charge-/),
        providerChargeId: expect.stringMatching(/^provider-charge-/),
      }),
    ])
    expect(h.fake.lastTextTo(user.id)).toBe(`Анна, оплата по счёту №1 (${rub(45000)}) получена. Спасибо! 🙌`)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      `✅ Счёт №1 (${rub(45000)}) оплачен в Telegram через платёжного провайдера.`,
    )
    expect(payJobs(h).map((j) => j.status)).toEqual(Array(5).fill('cancelled'))
    expect(findClientById(h.deps.db, client.id)?.stage).toBe('customer')

    // The same chain as after /paid: /done → the check-in three days later
    await h.send(h.u.staffText(manager, topicId, '/done'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Работа по счёту №1 отмечена выполненной')
    h.clock.advance(3 * DAY + HOUR)
    await h.deps.scheduler.runDue()
    expect(h.fake.textsTo(user.id).join('\n')).toContain('как всё прошло')
  })

  it("comes again from /mybookings' Pay button, a Telegram invoice the client pays from", async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата'))
    await h.send(h.u.text(user, '/mybookings'), h.u.callback(user, 'dpay:1'))
    const invoices = h.fake.callsOf('sendInvoice').filter((c) => Number(c.payload.chat_id) === user.id)
    expect(invoices).toHaveLength(2)
    expect(invoices[1]?.payload).toMatchObject({ title: 'Счёт №1', payload: 'order:1' })
    await payLastInvoice(h, user)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
  })

  it('is in the client’s /mydata: the payment with its charge ids, and how and when the order was paid', async () => {
    const { h, manager, owner, user, client, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing Предоплата'))
    await payLastInvoice(h, user)
    const [payment] = h.deps.db.select().from(payments).all()

    await h.send(h.u.text(user, '/mydata'))
    const file = h.fake.callsOf('sendDocument').at(-1)?.files.document
    const mine = JSON.parse(file?.data.toString('utf8') ?? '{}')
    const paidAt = new Date(payment?.createdAt ?? 0).toISOString()
    expect(mine.payments).toEqual([
      {
        id: payment?.id,
        order_id: 1,
        method: 'provider',
        amount: 45000,
        currency: 'RUB',
        telegram_charge_id: payment?.telegramChargeId,
        provider_charge_id: payment?.providerChargeId,
        at: paidAt,
        refunded_at: null,
      },
    ])
    expect(mine.orders).toEqual([
      expect.objectContaining({
        id: 1,
        status: 'paid',
        invoice_kind: 'provider',
        paid_via: 'provider',
        paid_at: paidAt,
      }),
    ])
    expect(mine.orders[0]).toMatchObject({ client_reported_paid_at: null, refunded_at: null })
    expect(mine.orders[0].created_by).toBeUndefined() // who on the team issued it is staff's
    expect(mine.events).toContainEqual({
      type: 'paid',
      data: { order: 1, amount: 45_000, currency: 'RUB', via: 'provider' },
      at: paidAt,
    })

    // The owner's /export of the client has the same, and who issued the invoice
    await h.send(h.u.text(owner, `/export ${client.id}`))
    const staffFile = h.fake.callsOf('sendDocument').at(-1)?.files.document
    const staffView = JSON.parse(staffFile?.data.toString('utf8') ?? '{}')
    expect(staffView.payments).toEqual(mine.payments)
    expect(staffView.orders[0]).toMatchObject({ paid_via: 'provider', created_by: MANAGER_ID })
  })

  it('bills thousands with a currency written onto them in full: "45 000₽" is 45 000 ₽, not 45 ₽', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45 000₽ landing'))
    // The Telegram invoice the client can pay at once, and the order it marks paid
    expect(h.fake.payments.lastInvoiceTo(user.id)).toMatchObject({ currency: 'RUB', totalAmount: 4_500_000 })
    expect(h.fake.payments.lastInvoiceTo(user.id)?.description).toContain('Лендинг под ключ')
    expect(h.deps.services.orders.get(1)).toMatchObject({ amount: 4_500_000, productId: 'landing', description: null })
  })

  it('is refused at checkout for a paid, cancelled, someone else’s or changed order, with words the client reads', async () => {
    const { h, manager, user, topicId } = await setup()
    const other = await clientWithTopic(h, 302)
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'), h.u.staffText(manager, topicId, '/invoice 2000'))
    const first = h.fake.payments.invoices[0]
    const second = h.fake.payments.invoices[1]
    if (!first || !second) throw new Error('two invoices expected')

    // someone else's
    await h.send(h.u.preCheckout(other.user, first))
    expect(lastAnswer(h)).toEqual({ ok: false, error: expect.stringContaining('выставлен другому человеку') })
    // changed: the amount Telegram reports is not the order's
    await h.send(h.u.preCheckout(user, first, { totalAmount: 99_900 }))
    expect(lastAnswer(h)).toEqual({ ok: false, error: expect.stringContaining('изменился') })
    await h.send(h.u.preCheckout(user, first, { currency: 'USD' }))
    expect(lastAnswer(h)).toEqual({ ok: false, error: expect.stringContaining('изменился') })
    // not ours at all
    await h.send(h.u.preCheckout(user, first, { payload: 'something-else' }))
    expect(lastAnswer(h)).toEqual({ ok: false, error: expect.stringContaining('больше не действует') })

    // paid
    await h.send(h.u.preCheckout(user, first))
    await h.send(h.u.successfulPayment(user, first).update)
    await h.send(h.u.preCheckout(user, first))
    expect(lastAnswer(h)).toEqual({ ok: false, error: 'Этот счёт уже оплачен — второй раз платить не нужно.' })

    // cancelled
    await h.send(h.u.callback(manager, 'pay:cancelyes:2', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.preCheckout(user, second))
    expect(lastAnswer(h)).toEqual({ ok: false, error: 'Этот счёт отменён — оплачивать его не нужно.' })
    expect(h.deps.services.orders.get(2)?.status).toBe('cancelled')
    expect(h.errors()).toEqual([])
  })

  it('a second Pay while the first payment of the invoice is under way is refused; once it failed, a while later, it goes', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    const invoice = h.fake.payments.invoices[0]
    if (!invoice) throw new Error('an invoice expected')
    await h.send(h.u.preCheckout(user, invoice))
    expect(lastAnswer(h)).toEqual({ ok: true })
    // A double tap, or a second device: the first payment has not landed yet
    await h.send(h.u.preCheckout(user, invoice))
    expect(lastAnswer(h)).toEqual({ ok: false, error: expect.stringContaining('уже проходит') })
    // The first never landed (the bank declined it): a few minutes later the client may pay
    h.clock.advance(5 * 60_000)
    await h.send(h.u.preCheckout(user, invoice))
    expect(lastAnswer(h)).toEqual({ ok: true })
    await h.send(h.u.successfulPayment(user, invoice).update)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(h.errors()).toEqual([])
  })

  it('is refused as not found to a client who erased their data (/forget) and pays an invoice from before', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    const invoice = h.fake.payments.invoices[0]
    if (!invoice) throw new Error('an invoice expected')
    await forgetData(h, user)

    // The invoice is still in their chat; the person pressing Pay is not told it is someone else's
    await h.send(h.u.preCheckout(user, invoice))
    expect(lastAnswer(h)).toEqual({
      ok: false,
      error: 'Этот счёт больше не действует. Если остались вопросы по оплате — напишите менеджеру.',
    })
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
  })

  it('an invoice paid before the client erased their data, paid again from the old message, invites no second payment', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    const { invoice } = await payLastInvoice(h, user)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    await forgetData(h, user)

    await h.send(h.u.preCheckout(user, invoice))
    const { ok, error } = lastAnswer(h)
    expect(ok).toBe(false)
    expect(error).toBe('Этот счёт больше не действует. Если остались вопросы по оплате — напишите менеджеру.')
    expect(error).not.toMatch(/нов/)
  })

  it('money for an invoice whose client erased their data between the checkout and the payment: recorded, the owners told, nobody named', async () => {
    const { h, manager, owner, user, client, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('an invoice expected')
    await h.send(h.u.preCheckout(user, invoice))
    expect(lastAnswer(h).ok).toBe(true)
    // The payment form is open; the client erases their data; then the money moves
    await forgetData(h, user)
    const toGroup = h.fake.textsTo(STAFF_GROUP_ID).length
    const logsBefore = h.logs.length
    const { update, charge } = h.u.successfulPayment(user, invoice)
    await h.send(update)

    // Kept for the accounts against the anonymous order, not tied to the person writing now
    expect(h.deps.db.select().from(payments).all()).toEqual([
      expect.objectContaining({ orderId: 1, clientId: client.id, telegramChargeId: charge.telegramChargeId }),
    ])
    expect(h.deps.services.orders.get(1)?.status).toBe('unpaid')
    // The owners learn of the money, with what a refund needs, and no name
    const notice = h.fake.lastTextTo(OWNER_ID) ?? ''
    expect(notice).toContain(`По счёту №1 пришла оплата ${rub(1000)}`)
    expect(notice).toContain('удалил свои данные')
    expect(notice).toContain(charge.telegramChargeId)
    expect(notice).toContain(charge.providerChargeId)
    expect(notice).toContain('/refunded 1')
    expect(notice).not.toContain('Анна')
    expect(notice).not.toContain(String(user.id))
    // Nothing in the staff group puts the person next to the erased client's invoice
    expect(h.fake.textsTo(STAFF_GROUP_ID).slice(toGroup)).toEqual([])
    // The payer learns the invoice was no longer valid
    expect(h.fake.lastTextTo(user.id)).toContain('больше не действует')
    // No log line ties the person's new client row to the erased client's order
    const ids = new Set(
      h.deps.db
        .select()
        .from(clients)
        .all()
        .map((c) => c.id),
    )
    ids.delete(client.id)
    const linking = h.logs.slice(logsBefore).filter((l) => l.orderId !== undefined && ids.has(l.clientId as number))
    expect(linking).toEqual([])

    // The owner refunds it in the provider's dashboard and records it
    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.deps.db.select().from(payments).all()[0]?.refundedAt).not.toBeNull()
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `↩️ Счёт №1: возврат ${rub(1000)} записан, клиент удалил свои данные — сообщить некому (Ольга).`,
    )
    expect(h.errors()).toEqual([])
  })

  it('Stars that arrive for an invoice whose client erased their data go straight back; the owners are told', async () => {
    const { h, manager, user, client, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('an invoice expected')
    await h.send(h.u.preCheckout(user, invoice))
    await forgetData(h, user)
    const { update, charge } = h.u.successfulPayment(user, invoice)
    await h.send(update)

    // Only now does the bot know who paid: later nobody could give the Stars back
    expect(h.fake.callsOf('refundStarPayment').map((c) => c.payload)).toEqual([
      { user_id: user.id, telegram_payment_charge_id: charge.telegramChargeId },
    ])
    expect(h.deps.db.select().from(payments).all()).toEqual([
      expect.objectContaining({ orderId: 1, clientId: client.id, refundedAt: expect.any(Number) }),
    ])
    const notice = h.fake.lastTextTo(OWNER_ID) ?? ''
    expect(notice).toContain('По счёту №1 пришла оплата 250 ⭐')
    expect(notice).toContain('вернул')
    expect(notice).not.toContain('Анна')
    expect(h.fake.lastTextTo(user.id)).toContain('вернули')

    // Telegram's own report of that refund changes nothing and tells no one
    const toOwner = h.fake.textsTo(OWNER_ID).length
    const toGroup = h.fake.textsTo(STAFF_GROUP_ID).length
    await h.send(h.u.refundedPayment(user, charge))
    expect(h.fake.textsTo(OWNER_ID)).toHaveLength(toOwner)
    expect(h.fake.textsTo(STAFF_GROUP_ID)).toHaveLength(toGroup)
    expect(h.errors()).toEqual([])
  })

  it('Stars Telegram will not give back after the erasure: the payer keeps the payment’s id, not a promise', async () => {
    const { h, manager, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('an invoice expected')
    await h.send(h.u.preCheckout(user, invoice))
    await forgetData(h, user)
    h.fake.fail({ method: 'refundStarPayment', error_code: 400, description: 'Bad Request: CHARGE_ALREADY_REFUNDED' })
    const { update, charge } = h.u.successfulPayment(user, invoice)
    await h.send(update)

    expect(h.deps.db.select().from(payments).all()).toEqual([expect.objectContaining({ refundedAt: null })])
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Telegram отказал')
    const toPayer = h.fake.lastTextTo(user.id) ?? ''
    expect(toPayer).toContain('Вернуть Stars сразу не получилось')
    expect(toPayer).toContain(charge.telegramChargeId)
    expect(toPayer).not.toContain('вернут тем же способом')
  })

  it('counts a payment Telegram delivers twice once', async () => {
    const { h, manager, user, client, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    const { invoice, update, charge } = await payLastInvoice(h, user)
    const toClient = h.fake.textsTo(user.id).length
    const toTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length

    await h.send(update, h.u.successfulPayment(user, invoice, charge).update)
    expect(h.deps.db.select().from(payments).all()).toHaveLength(1)
    const paidEvents = h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.clientId, client.id), eq(events.type, FUNNEL.paid)))
      .all()
    expect(paidEvents).toHaveLength(1)
    expect(h.fake.textsTo(user.id)).toHaveLength(toClient)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toHaveLength(toTopic)
  })

  it('tells staff when money arrives for an order that was settled meanwhile', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('no invoice')
    await h.send(h.u.preCheckout(user, invoice))
    // Between the checkout and the money, a manager confirmed a bank transfer
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    await h.send(h.u.successfulPayment(user, invoice).update)

    expect(h.deps.db.select().from(payments).all()).toEqual([expect.objectContaining({ orderId: 1 })])
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidVia: 'staff' })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      `⚠️ Клиент заплатил ${rub(45000)} в Telegram по счёту №1, но этот счёт уже был оплачен.`,
    )
    expect(h.fake.lastTextTo(user.id)).toContain('Менеджер проверит')
  })

  it('"Cancel invoice" pressed while the client’s payment lands says the invoice is paid, not cancelled', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('no invoice')

    // Telegram is slow to answer the press; the client's payment arrives meanwhile
    const release = h.fake.hold((c) => c.method === 'answerCallbackQuery')
    const cancelling = h.bot.handleUpdate(
      h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }),
    )
    for (let i = 0; i < 200 && h.fake.callsOf('answerCallbackQuery').length === 0; i++) {
      await new Promise((r) => setImmediate(r))
    }
    expect(h.fake.callsOf('answerCallbackQuery')).toHaveLength(1)
    await h.bot.handleUpdate(h.u.preCheckout(user, invoice))
    await h.bot.handleUpdate(h.u.successfulPayment(user, invoice).update)
    release()
    await cancelling
    await h.flush()

    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic).toContain('Счёт №1 уже оплачен — отменять нечего.')
    expect(topic.join('\n')).not.toContain('уже отменён')
  })

  it('"Cancel invoice" comes off the invoice’s summary in the topic once it is paid, in Telegram or confirmed by staff', async () => {
    const { h, manager, user, topicId } = await setup()
    const cancelOf = (id: number) => {
      const data = `pay:cancelyes:${id}`
      const messageId = h.fake.messageWithButton(STAFF_GROUP_ID, data)
      if (messageId === undefined) throw new Error(`no message with ${data}`)
      return () => (h.fake.keyboardOf(STAFF_GROUP_ID, messageId)?.inline_keyboard.flat() ?? []).map((b) => b.text)
    }
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    const first = cancelOf(1)
    expect(first()).toEqual(['Отменить счёт'])
    await payLastInvoice(h, user)
    await h.flush()
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(first()).toEqual([])

    // The client says they paid the next one; a manager confirms it with /paid
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000'))
    // #1's work is not marked done: asked whether this is its balance — a new order
    await h.send(h.u.callback(manager, 'invj:1:new', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    const second = cancelOf(2)
    await h.send(h.u.callback(user, 'pay:claim:2'))
    const report = h.fake.messageWithButton(STAFF_GROUP_ID, 'pay:ok:2') as number
    const reportButtons = () =>
      (h.fake.keyboardOf(STAFF_GROUP_ID, report)?.inline_keyboard.flat() ?? []).map((b) => b.text)
    expect(reportButtons()).toEqual(['✅ Оплата пришла', '❌ Пока не пришла'])
    await h.send(h.u.staffText(manager, topicId, '/paid 2'))
    await h.flush()
    expect(h.deps.services.orders.get(2)?.status).toBe('paid')
    expect(second()).toEqual([])
    // Nothing is left to answer under the client's report either
    expect(reportButtons()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('sends a payment reminder as a fresh invoice the client can pay from', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    h.clock.advance(2 * HOUR)
    await h.deps.scheduler.runDue()
    const reminder = h.fake.payments.lastInvoiceTo(user.id)
    expect(h.fake.payments.invoices).toHaveLength(2)
    expect(reminder?.description).toContain('Анна, напоминаю про счёт №1')
    expect(reminder?.payload).toBe('order:1')
    await payLastInvoice(h, user)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
  })

  it('an overdue reminder’s invoice names the day that passed, with no "pay by" that day under it', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    h.clock.set('2026-12-24T08:00:00Z')
    await h.deps.scheduler.runDue()
    expect(h.fake.payments.lastInvoiceTo(user.id)?.description).toContain('Оплатить до: 25 декабря')
    h.clock.set('2026-12-26T08:00:00Z')
    await h.deps.scheduler.runDue()
    const overdue = h.fake.payments.lastInvoiceTo(user.id)?.description
    expect(overdue).toMatch(/^Анна, срок оплаты счёта №1 был 25 декабря, оплатить можно кнопкой ниже\./)
    expect(overdue).not.toContain('Оплатить до')
  })

  it('goes to the client after a manager message still queued for them, and the transcript has it', async () => {
    const { h, manager, user, client, topicId } = await setup()
    // Telegram holds the client's chat for a moment: the manager's answer waits in the outbox
    h.fake.tooManyRequests({ method: 'copyMessage', chatId: user.id }, 3)
    // (Sent without the test's pacing, so the outbox still holds the answer when /invoice comes)
    await h.bot.handleUpdate(h.u.staffText(manager, topicId, 'Лендинг — 45 000 ₽, выставляю счёт'))
    await h.drain()
    await h.bot.handleUpdate(h.u.staffText(manager, topicId, '/invoice 45000 landing'))
    await h.flush()
    expect(h.fake.sentTo(user.id).map((c) => c.method)).toEqual(['copyMessage', 'sendInvoice'])
    const rows = h.deps.sqlite
      .prepare("select type, text from messages where client_id = ? and direction = 'bot' order by id")
      .all(client.id) as { type: string; text: string }[]
    expect(rows.at(-1)).toEqual({ type: 'invoice', text: expect.stringContaining('Счёт №1\nАнна, вот ваш счёт №1') })
  })

  it('falls back to payment details when Telegram does not take the invoice', async () => {
    const { h, manager, user, topicId } = await setup()
    h.fake.fail({ method: 'sendInvoice', error_code: 400, description: 'Bad Request: CURRENCY_INVALID' })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
    expect(h.fake.lastTextTo(user.id)).toContain('Как оплатить:')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Telegram не принял счёт')
    expect(h.deps.services.orders.get(1)?.invoiceKind).toBe('details')
  })

  it('sends the reminders of an invoice Telegram no longer takes (the provider’s token taken out of .env) as payment details, and the topic says why', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12'))
    expect(h.deps.services.orders.get(1)?.invoiceKind).toBe('provider')
    // The owner goes back to payment details: the token is taken out of .env, the bot restarted
    const later = createHarness({ clock: h.clock, database: h.database, fake: h.fake, content: paymentsContent() })
    h.fake.clearCalls()
    h.clock.advance(2 * HOUR)
    await later.deps.scheduler.runDue()
    await later.flush()
    // Telegram refused the invoice; the reminder reached her as payment details with "I paid"
    expect(
      h.fake
        .sentTo(user.id)
        .filter((c) => c.ok)
        .map((c) => c.method),
    ).toEqual(['sendMessage'])
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, напоминаю про счёт №1')
    expect(h.fake.lastTextTo(user.id)).toContain('Как оплатить:')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain('Telegram не принял счёт')
    expect(payJobs(later)[0]?.status).toBe('done')
    // The invoice is paid by details from now on: the next reminder does not try Telegram again
    expect(later.deps.services.orders.get(1)?.invoiceKind).toBe('details')
    h.fake.clearCalls()
    h.clock.set('2026-12-24T08:00:00Z')
    await later.deps.scheduler.runDue()
    expect(h.fake.callsOf('sendInvoice')).toEqual([])
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, завтра срок оплаты счёта №1.')
    expect(later.errors()).toEqual([])
  })

  it('keeps today’s flow without a provider: payment details and “I paid”, no Telegram invoice', async () => {
    const { h, manager, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    expect(h.fake.callsOf('sendInvoice')).toEqual([])
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, вот ваш счёт №1')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
    expect(h.deps.services.orders.get(1)?.invoiceKind).toBe('details')
  })
})

describe('amounts too small to be meant', () => {
  it('/invoice 0.50, 1 ₽ or 9 ₽ is refused in the topic as a likely typo: no order, nothing to the client', async () => {
    const { h, manager, user, topicId } = await setup()
    h.fake.clearCalls()
    for (const [typed, kopecks] of [
      ['0.50', 50],
      ['1 ₽', 100],
      ['9,99', 999],
    ] as const) {
      await h.send(h.u.staffText(manager, topicId, `/invoice ${typed} Лендинг`))
      expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
        `Счёт на ${formatMoney(kopecks, 'RUB', 'ru')}? Похоже на опечатку — счёт не выставлен. Меньше ${rub(10)} счёт не выставляется: напишите полную сумму, например /invoice 4500.`,
      )
    }
    expect(h.deps.services.orders.get(1)).toBeUndefined()
    expect(h.fake.sentTo(user.id)).toEqual([])
    // $0.50 too: under one whole dollar
    await h.send(h.u.staffText(manager, topicId, '/invoice $0.50'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(`Меньше ${formatMoney(100, 'USD', 'ru')} счёт не выставляется`)
    expect(h.deps.services.orders.get(1)).toBeUndefined()
  })

  it('an amount the bot takes but Telegram refuses as under its minimum reaches the client as payment details, and the topic says why', async () => {
    const { h, manager, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 50 Доставка'))
    expect(h.fake.callsOf('sendInvoice').map((c) => c.ok)).toEqual([false])
    expect(h.fake.lastTextTo(user.id)).toContain('Как оплатить:')
    // Why, in words, not Telegram's code (CURRENCY_TOTAL_AMOUNT_INVALID)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '⚠️ Telegram не принимает счёт на такую сумму (в любой валюте — примерно от 1 до 10 000 долларов)',
    )
    expect(h.errors()).toEqual([])
  })
})

describe('the way to pay is chosen where the client pays', () => {
  it('an invoice made before the provider was set up is a Telegram invoice when the client presses Pay after it is', async () => {
    const { h, manager, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
    // The owner sets the provider's token in .env and restarts; the client finds the invoice in /mybookings
    const later = createHarness({
      clock: h.clock,
      database: h.database,
      fake: h.fake,
      content: paymentsContent(),
      config: { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN },
    })
    await later.send(later.u.text(user, '/mybookings'))
    await later.flush()
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toContain('dpay:1')
    h.fake.clearCalls()
    await later.send(later.u.callback(user, 'dpay:1'))
    await later.flush()
    expect(h.fake.payments.lastInvoiceTo(user.id)).toMatchObject({ payload: 'order:1', providerToken: PROVIDER_TOKEN })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      '💳 Клиент нажал «Оплатить» в чате с ботом и получил счёт №1 в Telegram: оплата отметится сама.',
    )
    expect(later.deps.services.orders.get(1)?.invoiceKind).toBe('provider')
    expect(later.errors()).toEqual([])
  })

  it('"оплатила" about an invoice first sent as payment details, since a Telegram invoice: the team checks it, no "has not come through", no Pay', async () => {
    const { h, manager, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 25.12 landing'))
    expect(h.fake.lastTextTo(user.id)).toContain('Как оплатить:')
    // The provider is set up after it; the client presses Pay and gets a Telegram invoice
    const later = createHarness({
      clock: h.clock,
      database: h.database,
      fake: h.fake,
      content: paymentsContent(),
      config: { PAYMENT_PROVIDER_TOKEN: PROVIDER_TOKEN },
    })
    await later.send(later.u.callback(user, 'dpay:1'))
    await later.flush()
    expect(later.deps.services.orders.get(1)?.invoiceKind).toBe('provider')
    h.fake.clearCalls()
    // They may have paid by the details they saw first: that is for the team to check
    await later.send(later.u.text(user, 'оплатила'))
    await later.flush()
    expect(later.deps.services.orders.get(1)?.clientReportedPaidAt).not.toBeNull()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).toContain('💳 Клиент сообщает, что оплатил счёт №1')
    expect(topic).not.toContain('не поступала')
    expect(h.fake.textsTo(user.id).join('\n')).not.toContain('не поступила')
    expect(h.fake.textsTo(user.id).at(-1)).toMatch(/^Спасибо, Анна! Передали менеджеру: платёж сверят/)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).not.toContain('dpay:1')
    expect(later.errors()).toEqual([])
  })

  it('an invoice Telegram refused stays payment details: Pay does not try Telegram again', async () => {
    const { h, manager, user, topicId } = await setup()
    h.fake.fail({ method: 'sendInvoice', error_code: 400, description: 'Bad Request: CURRENCY_INVALID' })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Telegram не принял счёт')
    h.fake.clearCalls()
    await h.send(h.u.callback(user, 'dpay:1'))
    expect(h.fake.callsOf('sendInvoice')).toEqual([])
    expect(h.fake.lastTextTo(user.id)).toContain('Как оплатить:')
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['pay:claim:1', 'menu:manager'])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toEqual([])
  })
})

describe('Telegram Stars', () => {
  it('a digital product is invoiced in Stars at its price; the owner refunds it once; Telegram’s own report changes nothing', async () => {
    // Stars need no provider
    const { h, manager, owner, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    expect(invoice).toMatchObject({ currency: 'XTR', totalAmount: 250, providerToken: '' })
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Счёт №1: 250 ⭐ — Чек-лист запуска сайта')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Счёт в Telegram Stars')
    const { charge } = await payLastInvoice(h, user)
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidVia: 'stars' })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('оплачен в Telegram Stars')

    // A manager may not refund (the owners are asked); the owner may, in the client's topic
    await h.send(h.u.staffText(manager, topicId, '/refund 1'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Возврат оформляет владелец')
    expect(h.fake.callsOf('refundStarPayment')).toEqual([])
    await h.send(h.u.staffText(owner, topicId, '/refunded 1'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('верните их командой /refund 1')

    await h.send(h.u.staffText(owner, topicId, '/refund 1'))
    expect(h.fake.callsOf('refundStarPayment').map((c) => c.payload)).toEqual([
      { user_id: user.id, telegram_payment_charge_id: charge.telegramChargeId },
    ])
    expect(h.fake.payments.charges.get(charge.telegramChargeId)?.refunded).toBe(true)
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'refunded', refundedBy: OWNER_ID })
    expect(h.fake.lastTextTo(user.id)).toBe('Счёт №1: вернули 250 ⭐ — они уже на вашем балансе в Telegram.')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('Счёт №1: возврат 250 ⭐ записан')

    // Again: nothing to refund; Telegram's refund message changes nothing either
    await h.send(h.u.text(owner, '/refund 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('уже возвращена')
    const toTopic = h.fake.textsTo(STAFF_GROUP_ID).length
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.refundedPayment(user, charge))
    expect(h.fake.textsTo(STAFF_GROUP_ID)).toHaveLength(toTopic)
    expect(h.fake.textsTo(user.id)).toHaveLength(toClient)
    expect(h.fake.callsOf('refundStarPayment')).toHaveLength(1)
  })

  it('a client’s /refund refunds nothing: the team is asked, the words reach the client’s topic, the client is told so', async () => {
    const { h, manager, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    await payLastInvoice(h, user)
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    const posted = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    const asked = h.u.text(user, '/refund 1 не подошло')
    await h.send(asked)
    await h.drain()
    expect(h.fake.callsOf('refundStarPayment')).toEqual([])
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Возвратами занимаются менеджеры.\n\n' +
        'Анна, ваш вопрос уже у менеджеров — пишите сюда, все сообщения дойдут. ' +
        'Вопросом займётся первый свободный менеджер. Ответим до 12:15 (Москва, UTC+3).',
    )
    // The request was open already: the words are posted to the topic as the client's message,
    // what the bot told them under it
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(posted)).toEqual([
      expect.stringMatching(
        /^🕐 12:00\n\/refund 1 не подошло\n\n🕐 12:00\n🤖 Бот отправил клиенту: Возвратами занимаются/,
      ),
    ])
  })

  it('a client’s /refund with no request open opens one, its words on the card; /refunded too; the owner’s commands never run', async () => {
    const h = createHarness({ content: paymentsContent() })
    const user = h.u.user(5_000_401, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'))
    await h.send(h.u.text(user, '/refund 12 верните деньги'))
    await h.drain()
    const clientId = h.deps.services.clients.idByTelegramId(user.id) as number
    expect(h.deps.services.handoff.isOpen(clientId)).toBe(true)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Возвратами занимаются менеджеры.\n\n' +
        // Nothing said before but /start: no conversation is promised to go with her
        'Вера, передаю вас менеджеру. ' +
        'Вопросом займётся первый свободный менеджер. Ответим до 12:15 (Москва, UTC+3). ' +
        'Пишите сюда всё, что важно: текст, фото, документы, голосовые — всё дойдёт.',
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).toContain('клиент написал: «/refund 12 верните деньги»')
    await h.send(h.u.text(user, '/refunded 12'))
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^Возвратами занимаются менеджеры\.\n\nВера, ваш вопрос уже у менеджеров/,
    )
    expect(h.fake.callsOf('refundStarPayment')).toEqual([])
  })

  it('a Stars /refund in the owner’s own chat is written into the client’s topic, once, Telegram’s report after it too', async () => {
    const { h, manager, owner, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const { charge } = await payLastInvoice(h, user)
    await h.send(h.u.text(owner, '/refund 1'))
    await h.drain()
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    const refunded = (texts: string[]) => texts.filter((t) => t.includes('возврат 250 ⭐ записан'))
    expect(refunded(h.fake.textsTo(STAFF_GROUP_ID, topicId))).toEqual([
      expect.stringMatching(/^↩️ Счёт №1: возврат 250 ⭐ записан, клиенту сообщили \(.+\)\.$/),
    ])
    // Telegram's own message about it comes after: recorded already, nothing more in the topic
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(h.u.refundedPayment(user, charge))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toHaveLength(inTopic)
  })

  it('an amount without a currency before a product sold in Stars is refused, not billed as 45 000 ⭐', async () => {
    const { h, manager, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000 checklist'))
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Услуга checklist продаётся за Telegram Stars, а сумма без валюты — это не Stars. Счёт по её цене: /invoice checklist. Другая сумма в Stars: /invoice 200XTR checklist.',
    )
    expect(h.deps.db.select().from(orders).all()).toEqual([])
    expect(h.fake.payments.invoices).toEqual([])
    // Another amount in Stars, written as such
    await h.send(h.u.staffText(manager, topicId, '/invoice 200XTR checklist'))
    expect(h.fake.payments.lastInvoiceTo(user.id)).toMatchObject({ currency: 'XTR', totalAmount: 200 })
  })

  it('paid twice: refunding the second payment leaves the order paid by the first, whoever records it', async () => {
    const { h, manager, owner, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const { invoice, charge: first } = await payLastInvoice(h, user)
    // The client paid the same invoice again (a second tap on Pay): staff are told to refund it
    const second = h.u.successfulPayment(user, invoice)
    await h.send(second.update)
    expect(h.deps.db.select().from(payments).all()).toHaveLength(2)

    await h.send(h.u.staffText(owner, topicId, '/refund 1'))
    expect(h.fake.callsOf('refundStarPayment').map((c) => c.payload.telegram_payment_charge_id)).toEqual([
      second.charge.telegramChargeId,
    ])
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidVia: 'stars' })
    // Telegram's report of that refund changes nothing; the first payment stays unrefunded
    await h.send(h.u.refundedPayment(user, second.charge))
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    const refunded = h.deps.db
      .select()
      .from(payments)
      .all()
      .map((p) => [p.telegramChargeId, p.refundedAt !== null])
    expect(refunded).toEqual([
      [first.telegramChargeId, false],
      [second.charge.telegramChargeId, true],
    ])
    // The second payment itself is an error for people to act on, and the only one
    expect(h.errors().map((e) => e.msg)).toEqual(['money arrived for no unpaid order'])
  })

  it('/refund whose refunded_payment Telegram delivers before refundStarPayment answers: done, the client told once', async () => {
    const { h, manager, owner, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const { charge } = await payLastInvoice(h, user)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')

    // Telegram is slow to answer refundStarPayment; its refunded_payment message arrives meanwhile
    const release = h.fake.hold((c) => c.method === 'refundStarPayment')
    const refunding = h.bot.handleUpdate(h.u.text(owner, '/refund 1'))
    for (let i = 0; i < 200 && h.fake.callsOf('refundStarPayment').length === 0; i++) {
      await new Promise((r) => setImmediate(r))
    }
    expect(h.fake.callsOf('refundStarPayment')).toHaveLength(1)
    await h.bot.handleUpdate(h.u.refundedPayment(user, charge))
    release()
    await refunding
    await h.flush()

    // The owner did refund it: not "already refunded", as if someone else had
    expect(h.fake.lastTextTo(OWNER_ID)).toBe('↩️ Счёт №1: возврат 250 ⭐ записан, клиенту сообщили (Ольга).')
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'refunded', refundedBy: OWNER_ID })
    const told = (texts: string[]) => texts.filter((t) => t.includes('вернули 250 ⭐'))
    expect(told(h.fake.textsTo(user.id))).toEqual(['Счёт №1: вернули 250 ⭐ — они уже на вашем балансе в Telegram.'])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Telegram сообщил о возврате оплаты по счёту №1')

    // Another /refund now finds it refunded and tells no one again
    await h.send(h.u.text(owner, '/refund 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('уже возвращена')
    expect(told(h.fake.textsTo(user.id))).toHaveLength(1)
    expect(h.fake.callsOf('refundStarPayment')).toHaveLength(1)
  })

  it('/refund on an invoice refunded before says when the money went back, and who gave it back where that is known', async () => {
    const { h, manager, owner, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    await payLastInvoice(h, user)
    await h.send(h.u.text(owner, '/refund 1'))
    h.clock.advance(DAY)
    const already = 'Оплата по счёту №1 уже возвращена: пн, 23 нояб., 12:00 — Ольга.'
    await h.send(h.u.text(owner, '/refund 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(already)
    await h.send(h.u.staffText(owner, topicId, '/refunded 1'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(already)
    // A manager asking for it in the topic reads the same, and the owners are not asked
    await h.send(h.u.staffText(manager, topicId, '/refund 1'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(already)

    // Refunded outside the bot: Telegram's report names no one, so only when is said
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const { charge } = await payLastInvoice(h, user)
    await h.send(h.u.refundedPayment(user, charge))
    h.clock.advance(HOUR)
    await h.send(h.u.text(owner, '/refund 2'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe('Оплата по счёту №2 уже возвращена: вт, 24 нояб., 12:00.')
    expect(h.errors()).toEqual([])
  })

  it('records a refund Telegram reports that the bot did not make', async () => {
    const { h, manager, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    const { charge } = await payLastInvoice(h, user)
    await h.send(h.u.refundedPayment(user, charge))
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'refunded', refundedBy: null })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain('Telegram сообщил о возврате оплаты по счёту №1')
  })
})

describe('refunds with several staff groups', () => {
  it('/refund and /refunded answer in the client’s topic of the group they belong to', async () => {
    const { h, manager, owner } = await setup({
      provider: false,
      config: { STAFF_GROUP_IDS: `${STAFF_GROUP_ID},${SECOND_GROUP}` },
    })
    const { user, topicId } = await clientWithTopic(h, 303, { client: { staffGroupId: SECOND_GROUP } })
    const inTopic = (from: User, text: string, topic = topicId) =>
      h.u.text(from, text, { chatId: SECOND_GROUP, threadId: topic })
    await h.send(inTopic(manager, '/invoice checklist'))
    const { charge } = await payLastInvoice(h, user)

    await h.send(inTopic(manager, '/refund 1'))
    expect(h.fake.textsTo(SECOND_GROUP, topicId).at(-1)).toContain('Возврат оформляет владелец')
    await h.send(inTopic(owner, '/refund 1'))
    expect(h.fake.callsOf('refundStarPayment').map((c) => c.payload.telegram_payment_charge_id)).toEqual([
      charge.telegramChargeId,
    ])
    expect(h.fake.textsTo(SECOND_GROUP, topicId).at(-1)).toContain('Счёт №1: возврат 250 ⭐ записан')
    expect(h.fake.lastTextTo(user.id)).toBe('Счёт №1: вернули 250 ⭐ — они уже на вашем балансе в Telegram.')
    // In another client's topic this invoice is not theirs
    const other = await clientWithTopic(h, 304, { client: { staffGroupId: SECOND_GROUP } })
    await h.send(inTopic(owner, '/refunded 1', other.topicId))
    expect(h.fake.textsTo(SECOND_GROUP, other.topicId).at(-1)).toContain('Счёт №1 не найден')
    expect(h.fake.textsTo(STAFF_GROUP_ID).filter((t) => t.includes('Счёт №1'))).toEqual([])
  })
})

describe('/refunded', () => {
  it('a manager’s /refunded in the client’s topic refunds nothing: the owners are asked, with the topic a tap away', async () => {
    const { h, manager, owner, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    await payLastInvoice(h, user)
    const told = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(manager, topicId, '/refunded 1 клиент требует вернуть деньги'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      'Возврат оформляет владелец — я передал ему вашу просьбу со ссылкой на эту тему.',
    )
    const asked = h.fake.sentTo(OWNER_ID).at(-1)
    expect(String(asked?.payload.text)).toMatch(
      /^↩️ <a href="tg:\/\/user\?id=\d+">[^<]+<\/a> просит оформить возврат по счёту №1 \(45\s000\s₽\)\. Клиент: <a href="https:\/\/t\.me\/c\/1234567890\/\d+">[^<]+ #\d+<\/a>\. Оплачен через платёжного провайдера: верните деньги в его кабинете и отметьте возврат — \/refunded 1\.$/,
    )
    // The invoice, not the words after it: they may be the client's, and the topic the client's name opens has them
    expect(String(asked?.payload.text)).not.toContain('требует')
    // The client's topic, to open from the owner's chat
    expect(JSON.stringify(asked?.payload)).toContain(`${topicId}`)
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    // An invoice that is none of this client's is said so, and nobody is asked
    const asks = () => h.fake.textsTo(OWNER_ID).filter((t) => t.startsWith('↩️')).length
    const before = asks()
    await h.send(h.u.staffText(manager, topicId, '/refund 999'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe(
      'Счёт №999 не найден (в теме клиента — только его счета).',
    )
    expect(asks()).toBe(before)
    // …and one never paid has nothing to give back
    await h.send(h.u.staffText(manager, topicId, '/invoice 1000 Доплата'))
    await h.send(h.u.staffText(manager, topicId, '/refunded 2'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toBe('Счёт №2 не оплачен — возвращать нечего.')
    expect(asks()).toBe(before)
    // The owner does it: recorded
    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.deps.services.orders.get(1)?.status).toBe('refunded')
    expect(h.errors()).toEqual([])
  })

  it('records a refund made in the provider’s dashboard, once, for owners only; /refund points there', async () => {
    const { h, manager, owner, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    await payLastInvoice(h, user)

    await h.send(h.u.text(owner, '/refund 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('оплачен не в Stars')
    await h.send(h.u.text(manager, '/refunded 1'))
    expect(h.fake.lastTextTo(MANAGER_ID)).toContain('только для владельца')
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')

    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'refunded', refundedBy: OWNER_ID })
    const refundedAt = h.deps.services.orders.get(1)?.refundedAt
    expect(refundedAt).toEqual(expect.any(Number))
    expect(h.deps.db.select().from(payments).get()?.refundedAt).toBe(refundedAt)
    expect(h.fake.lastTextTo(user.id)).toContain('оформили возврат')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(`Счёт №1: возврат ${rub(45000)} записан`)
    // Recorded in the owner's own chat: the client's topic, where the managers work, learns it too
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      new RegExp(`^↩️ Счёт №1: возврат ${rub(45000)} записан, клиенту сообщили \\(.+\\)\\.$`),
    )
    // The client's buttons of that invoice now say it was refunded, not paid or being checked
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('no invoice')
    await h.send(h.u.preCheckout(user, invoice))
    expect(lastAnswer(h)).toEqual({ ok: false, error: expect.stringContaining('Деньги по этому счёту вернули') })
    await h.send(h.u.callback(user, 'pay:claim:1'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Деньги по этому счёту вернули — оплачивать его не нужно.',
    )
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, 'dpay:1'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Деньги по этому счёту вернули — оплачивать его не нужно.',
    )
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'refunded', clientReportedPaidAt: null })

    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('уже возвращена')
    await h.send(h.u.text(owner, '/refunded 77'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Счёт №77 не найден')
    expect(h.deps.db.select().from(orders).all()).toHaveLength(1)
  })

  it('tells the owner what cannot be refunded in words that fit: a part, a cancelled invoice', async () => {
    const { h, manager, owner, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'), h.u.staffText(manager, topicId, '/paid'))
    // A part of the money given back: the bot records whole refunds only, and says so
    await h.send(h.u.text(owner, '/refunded 1 20000'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Частичный возврат бот не записывает')
    expect(h.deps.services.orders.get(1)?.status).toBe('paid')
    // Cancelled before anyone paid: not "not paid", but cancelled (a new order, not #1's balance)
    await h.send(h.u.staffText(manager, topicId, '/invoice 3000'))
    await h.send(h.u.callback(manager, 'invj:1:new', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.callback(manager, 'pay:cancelyes:2', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(h.deps.services.orders.get(2)?.status).toBe('cancelled')
    for (const command of ['/refunded 2', '/refund 2']) {
      await h.send(h.u.text(owner, command))
      expect(h.fake.lastTextTo(OWNER_ID), command).toBe('Счёт №2 отменён, его не оплатили — возвращать нечего.')
    }
  })

  it('records the refund of a provider payment that came for an invoice a manager had cancelled', async () => {
    const { h, manager, owner, user, topicId } = await setup()
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    const invoice = h.fake.payments.lastInvoiceTo(user.id)
    if (!invoice) throw new Error('no invoice')
    await h.send(h.u.preCheckout(user, invoice))
    // The manager cancels the invoice while the money is on its way: staff are asked to refund it
    await h.send(h.u.callback(manager, 'pay:cancelyes:1', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.successfulPayment(user, invoice).update)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toContain(
      `⚠️ Клиент заплатил ${rub(45000)} в Telegram по счёту №1, но этот счёт отменён.`,
    )
    await h.send(h.u.text(owner, '/refund 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('оплачен не в Stars')

    // The owner refunds it in the provider's dashboard, as the bot asked, and records it
    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(`↩️ Счёт №1: возврат ${rub(45000)} записан, клиенту сообщили (Ольга).`)
    expect(h.deps.db.select().from(payments).get()?.refundedAt).toBe(h.clock.now())
    expect(h.fake.lastTextTo(user.id)).toBe(
      `Счёт №1: оформили возврат ${rub(45000)}. Деньги вернутся тем же способом, которым вы платили (обычно за несколько дней).`,
    )
    // The invoice stays cancelled (it was never paid), and a second /refunded changes nothing
    expect(h.deps.services.orders.get(1)?.status).toBe('cancelled')
    const toClient = h.fake.textsTo(user.id).length
    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('уже возвращена')
    // Nor is it "cancelled, never paid" to /refund: its money was paid and went back ("please" is no amount)
    await h.send(h.u.text(owner, '/refund 1 пожалуйста'))
    // (when it went back; who gave it back is kept for a refunded invoice, not for a payment alone)
    expect(h.fake.lastTextTo(OWNER_ID)).toBe('Оплата по счёту №1 уже возвращена: пн, 23 нояб., 12:00.')
    // A manager asking the owners for it reads the same, and nobody is asked
    const asked = h.fake.textsTo(OWNER_ID).length
    await h.send(h.u.staffText(manager, topicId, '/refund 1'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe('Оплата по счёту №1 уже возвращена: пн, 23 нояб., 12:00.')
    expect(h.fake.textsTo(OWNER_ID)).toHaveLength(asked)
    expect(h.fake.textsTo(user.id)).toHaveLength(toClient)
  })

  it('/refund of an order a manager confirmed (a bank transfer) points to /refunded, with no provider named', async () => {
    const { h, manager, owner, user, topicId } = await setup({ provider: false })
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    await h.send(h.u.staffText(manager, topicId, '/paid'))
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'paid', paidVia: 'staff' })
    await h.send(h.u.text(owner, '/refund 1'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      'Счёт №1 отметили оплаченным в теме (/paid или кнопкой «✅ Оплата пришла»): верните деньги тем же способом, каким клиент платил, и запишите возврат: /refunded 1.',
    )
    expect(h.fake.callsOf('refundStarPayment')).toEqual([])
    // …and that is how it is recorded
    await h.send(h.u.text(owner, '/refunded 1'))
    expect(h.deps.services.orders.get(1)).toMatchObject({ status: 'refunded', refundedBy: OWNER_ID })
    expect(h.fake.lastTextTo(user.id)).toContain('оформили возврат')
  })
})

describe('/stats', () => {
  it('counts the money by currency and by how it was paid, and refunds apart', async () => {
    const { h, manager, owner, user, topicId } = await setup()
    const pay = () => payLastInvoice(h, user)
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    await pay()
    // Each a new order, not the balance of the one before (asked while a paid one's work is not
    // marked done; the checklist at its price is a whole order)
    const newOrder = (held: number) =>
      h.send(h.u.callback(manager, `invj:${held}:new`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000'))
    await newOrder(1)
    await pay()
    await h.send(h.u.staffText(manager, topicId, '/invoice checklist'))
    await pay()
    // Paid by bank transfer after all: a manager confirms it
    await h.send(h.u.staffText(manager, topicId, '/invoice 5000'))
    await newOrder(2)
    await h.send(h.u.staffText(manager, topicId, '/paid 4'))
    await h.send(h.u.text(owner, '/refunded 2'))

    h.clock.advance(60_000) // a period is [from, now)
    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(owner.id).find((t) => t.includes('Статистика за 7 дней')) ?? ''
    expect(text).toContain(`💰 Оплачено за период: ${rub(50000)} + 250 ⭐ (счетов: 3)`)
    expect(text).toContain(
      `Как платили: подтвердил менеджер — 1 (${rub(5000)}); в Telegram через провайдера — 1 (${rub(45000)}); в Telegram Stars — 1 (250 ⭐)`,
    )
    expect(text).toContain(`↩️ Возвраты: 1 (${rub(15000)}) — возвращённые счета в «Оплачено» уже не входят.`)
  })

  it('a client whose payment went back has not got as far as "paid" in the funnel, until they pay again', async () => {
    const { h, manager, owner, user, topicId } = await setup()
    const report = async () => {
      h.clock.advance(60_000) // a period is [from, now)
      const text = await ownerStats(h, '7d', { from: owner })
      return { text, paid: statsLine(text, 'Оплата:') }
    }
    await h.send(h.u.staffText(manager, topicId, '/invoice 45000'))
    await payLastInvoice(h, user)
    await h.send(h.u.text(owner, '/refunded 1'))

    const refunded = await report()
    expect(refunded.text).toContain('💰 Оплачено за период: —')
    expect(refunded.text).toContain(`↩️ Возвраты: 1 (${rub(45000)})`)
    expect(refunded.paid).toMatch(/^Оплата: дошли сюда или дальше — 0 /)

    await h.send(h.u.staffText(manager, topicId, '/invoice 30000'))
    await payLastInvoice(h, user)
    expect((await report()).paid).toMatch(/^Оплата: дошли сюда или дальше — 1 /)
  })
})
