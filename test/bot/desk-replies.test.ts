import { describe, expect, it } from 'vitest'
import { escapeHtml } from '../../src/bot/html.ts'
import { checkMessageLengths } from '../../src/content/message-length.ts'
import type { Content } from '../../src/content/schema.ts'
import { sendThroughOutbox, settle } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, demoContent, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

const MANAGER_ID = 5_100_002
/** How Intl writes 45 000 ₽ in Russian: no-break spaces. */
const RUB_45000 = '45\u00a0000\u00a0₽'
const EVERY_VARIABLE =
  '{name}|{manager}|{next_call}|{order_amount}|{order_number}|{order_due}|{business_name}|{business_phone}|{business_email}|{business_telegram}|{website}|{address}|{hours}|{payment_details}'

function contentWithEveryVariable(): Content {
  const demo = demoContent()
  return {
    ...demo,
    replies: [
      ...demo.replies,
      { name: 'all', text: EVERY_VARIABLE, buttons: ['book', 'pay', 'manager', 'menu'], links: [] },
    ],
  }
}

async function setUp(h: Harness) {
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
  const { user, client, topicId } = await clientInHandoff(h, 3101, 'Анна')
  return { user, client, topicId, manager }
}

/** A call tomorrow at 11:30 Moscow time and an unpaid invoice due on 25 December. */
function giveCallAndInvoice(h: Harness, clientId: number, invoiceKind: 'details' | 'provider' = 'details') {
  const booked = h.deps.services.booking.book({
    clientId,
    slotStart: Date.parse('2026-11-24T08:30:00Z'),
    phone: '+79990001122',
    comment: null,
    productId: null,
  })
  if (!booked.ok) throw new Error(`booking failed: ${booked.reason}`)
  return unpaidInvoice(h, clientId, { createdBy: MANAGER_ID, invoiceKind, amount: 4_500_000, description: 'Лендинг' })
}

describe('saved replies', () => {
  it('/r lists them as buttons; /r <name> sends it with every variable filled, and the topic shows exactly what went out', async () => {
    const h = createHarness({ content: contentWithEveryVariable() })
    const { user, client, topicId, manager } = await setUp(h)
    const order = giveCallAndInvoice(h, client.id)
    await settle(h)

    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('Шаблоны ответов')
    // As each would go to this client now
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      `<b>pay</b> — Анна, счёт №${order.id} на ${RUB_45000} ждёт оплаты — откройте его кнопко…`,
    )
    const list = h.fake.lastButtonsTo(STAFF_GROUP_ID)
    expect(list.map((b) => b.text)).toEqual(['hello', 'call', 'callsoon', 'pay', 'contacts', 'thanks', 'all'])
    expect(list[3]?.data).toBe(`dr:${client.id}:pay`)

    h.fake.clearCalls()
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r all'))
    await h.drain()
    const sent = h.fake.sentTo(user.id).at(-1)!
    const values = String(sent.payload.text).split('|')
    // The client's own data here; the business's fields are checked where the filling is (saved-replies.test.ts)
    expect(values.slice(0, 6)).toEqual([
      'Анна',
      'Светлана',
      expect.stringMatching(/^вт, 24 нояб\.,? 11:30 \(Москва, UTC\+3\)$/),
      expect.stringMatching(/^45\s000\s₽$/),
      String(order.id),
      '25 декабря',
    ])
    expect(values).toHaveLength(14)
    expect(values.every((value) => value.trim() !== '' && !/[{}]/.test(value))).toBe(true)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.text)).toEqual([
      '📞 Заказать звонок',
      '💳 Оплатить',
      '💬 Написать менеджеру',
      '← В меню',
    ])
    // The manager sees the very text the client got, and its buttons (the card, refreshed as the
    // delivered reply answers the request, may be edited after it)
    const echo = String(h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.includes('📤 Клиенту отправлен шаблон')))
    expect(echo).toContain('📤 Клиенту отправлен шаблон «all»')
    expect(echo).toContain(`<blockquote expandable>${escapeHtml(String(sent.payload.text))}</blockquote>`)
    expect(echo).toContain('Кнопки: [📞 Заказать звонок] [💳 Оплатить] [💬 Написать менеджеру] [← В меню]')
    // It is the manager's answer: in the transcript, and the request counts as answered
    const row = h.deps.sqlite
      .prepare("select sender_id as senderId, client_message_id as messageId from messages where direction = 'out'")
      .get()
    expect(row).toEqual({ senderId: MANAGER_ID, messageId: expect.any(Number) })
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({
      firstResponderId: MANAGER_ID,
      managerId: MANAGER_ID,
    })
  })

  it("the reply's buttons work for the client: booking, the invoice with how to pay, a person, the menu", async () => {
    const h = createHarness()
    const { user, client, topicId, manager } = await setUp(h)
    const order = giveCallAndInvoice(h, client.id)
    await h.send(h.u.staffText(manager, topicId, '/r pay'), h.u.staffText(manager, topicId, '/r call'))
    await settle(h)
    const [payText, callText] = h.fake
      .sentTo(user.id)
      .slice(-2)
      .map((c) => String(c.payload.text))
    expect(payText).toBe(
      `Анна, счёт №${order.id} на ${RUB_45000} ждёт оплаты — откройте его кнопкой ниже. Если что-то непонятно, просто напишите.`,
    )
    expect(callText).toContain('Анна, давайте обсудим голосом')
    // Her call is booked: the topic reads that its button offers to move it, not a new one
    const echo = String(
      h.fake.textsTo(STAFF_GROUP_ID).findLast((t) => t.includes('📤 Клиенту отправлен шаблон «call»')),
    )
    expect(echo).toContain(
      'У клиента уже назначен звонок — вторник, 24 ноября, 11:30–12:00: кнопка записи предложит перенести или отменить его.',
    )
    const payButton = h.fake.sentTo(user.id).at(-2)?.payload.reply_markup.inline_keyboard[0][0]
    expect(payButton).toEqual({ text: '💳 Оплатить', callback_data: `dpay:${order.id}` })

    await h.send(h.u.callback(user, `dpay:${order.id}`))
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toContain('ИП Смирнова')
    expect(h.fake.lastTextTo(user.id)).toMatch(/45\s000\s₽/)
    expect(h.fake.lastButtonsTo(user.id)[0]).toMatchObject({ data: `pay:claim:${order.id}` })
    // Someone else's invoice, or a forged one, is not shown
    await h.send(h.u.callback(h.u.user(3199), `dpay:${order.id}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    // Paid meanwhile: the button, pressed again later, says so
    h.deps.services.orders.markPaid(order.id)
    h.clock.advance(60_000)
    await h.send(h.u.callback(user, `dpay:${order.id}`))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('Этот счёт уже оплачен — спасибо!')

    // "Book a call" leads into booking, as the menu's button does
    await h.send(h.u.callback(user, 'menu:booking'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/звон/)
  })

  it('with a payment provider, Pay sends the Telegram invoice to pay right in the chat, as /invoice does', async () => {
    const token = '381764678:TEST:100500'
    const h = createHarness({ config: { PAYMENT_PROVIDER_TOKEN: token } })
    h.fake.payments.providerTokens.add(token)
    const { user, client, topicId, manager } = await setUp(h)
    const order = giveCallAndInvoice(h, client.id, 'provider')
    await h.send(h.u.staffText(manager, topicId, '/r pay'))
    await settle(h)
    await h.send(h.u.callback(user, `dpay:${order.id}`))
    await settle(h)
    expect(h.fake.sentTo(user.id).at(-1)?.method).toBe('sendInvoice')
    expect(h.fake.payments.lastInvoiceTo(user.id)).toMatchObject({
      currency: 'RUB',
      totalAmount: 4_500_000,
      payload: `order:${order.id}`,
      providerToken: token,
    })
  })

  it('{next_call} of a "call me now" request is the time promised, not the moment the client asked', async () => {
    const h = createHarness() // Monday 12:00 Moscow: working hours
    const { user, topicId, manager } = await setUp(h)
    await settle(h)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bk:now'), h.u.text(user, '+79161234567'))
    expect(h.fake.lastTextTo(user.id)).toContain('12:15')
    h.clock.advance(10 * 60_000)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r callsoon'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toContain('до встречи пн, 23 нояб., 12:15 (Москва, UTC+3)!')
  })

  it('a long reply reaches the client whole; the topic shows that it went out, its text quoted as far as fits', async () => {
    const terms = `Условия работы. ${'Предоплата 50%, остаток после сдачи проекта. '.repeat(78)}`.slice(0, 3500)
    const demo = demoContent()
    const content: Content = {
      ...demo,
      business: {
        ...demo.business,
        payment_details: `Реквизиты: ${'ИНН 7700000000, р/с 40702810000000000000. '.repeat(12)}`,
      },
      replies: [
        ...demo.replies,
        { name: 'terms', text: `${terms}\n\n{payment_details}`, buttons: ['book', 'manager', 'menu'], links: [] },
      ],
    }
    expect(checkMessageLengths(content)).toEqual([]) // the content check accepts it
    const h = createHarness({ content })
    const { user, topicId, manager } = await setUp(h)
    await settle(h)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r terms'))
    await settle(h)
    const sent = String(h.fake.sentTo(user.id).at(-1)?.payload.text)
    expect(sent.startsWith('Условия работы')).toBe(true)
    expect(sent.endsWith('40702810000000000000.')).toBe(true)
    const notice = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    expect(notice).toMatch(
      /^📤 Клиенту отправлен шаблон «terms» — Светлана:\n<blockquote expandable>Условия работы[^<]+…<\/blockquote>\nКнопки: /,
    )
  })

  it('a reply needing data the client has not got is not sent; the topic says why', async () => {
    const h = createHarness()
    const { user, topicId, manager } = await setUp(h)
    await settle(h)
    const before = h.fake.sentTo(user.id).length
    await sendThroughOutbox(
      h,
      h.u.staffText(manager, topicId, '/r callsoon'),
      h.u.staffText(manager, topicId, '/r pay'),
    )
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    const texts = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(texts).toContain(
      '⚠️ Шаблон «callsoon» не отправлен: у клиента нет предстоящего звонка. Напишите клиенту своими словами.',
    )
    expect(texts).toContain(
      '⚠️ Шаблон «pay» не отправлен: у клиента нет неоплаченного счёта. Напишите клиенту своими словами.',
    )
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r prise'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Шаблона «prise» нет. Есть: hello, call, callsoon, pay, contacts, thanks.',
    )
    // A slip on a name says which one it meant
    for (const [typed, meant] of [
      ['paymnt', 'pay'],
      ['hlelo', 'hello'],
      ['cont', 'contacts'],
    ] as const) {
      await sendThroughOutbox(h, h.u.staffText(manager, topicId, `/r ${typed}`))
      await h.drain()
      expect(h.fake.lastTextTo(STAFF_GROUP_ID), typed).toBe(
        `Может быть, /r ${meant}?\nШаблона «${typed}» нет. Есть: hello, call, callsoon, pay, contacts, thanks.`,
      )
    }
  })

  it('/r pay goes for an overdue invoice too: its text names no due day, and its button sends the invoice as overdue', async () => {
    const h = createHarness()
    const { user, client, topicId, manager } = await setUp(h)
    const order = giveCallAndInvoice(h, client.id) // due on 25 December
    h.clock.set('2026-12-26T06:00:00Z') // 09:00 in Moscow, the day after
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r pay'))
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toBe(
      `Анна, счёт №${order.id} на ${RUB_45000} ждёт оплаты — откройте его кнопкой ниже. Если что-то непонятно, просто напишите.`,
    )
    expect(h.fake.lastButtonsTo(user.id)[0]).toEqual({ text: '💳 Оплатить', data: `dpay:${order.id}` })
    const echo = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.startsWith('📤'))
    expect(echo?.split('\n').slice(-2)).toEqual([
      'Кнопки: [💳 Оплатить]',
      `Кнопка «Оплатить» — счёт №${order.id} (${RUB_45000}).`,
    ])
    // The invoice the button sends speaks as its overdue reminder does: no "pay by" a day gone
    await h.send(h.u.callback(user, `dpay:${order.id}`))
    await settle(h)
    const invoice = h.fake.lastTextTo(user.id)
    expect(invoice.split('\n')[0]).toBe(
      `Анна, срок оплаты счёта №${order.id} был 25 декабря — если оплата уже в пути, просто нажмите «Я оплатил(а)». Если что-то мешает или нужны другие реквизиты — напишите, вместе найдём решение.`,
    )
    expect(invoice).toContain(`Сумма: ${RUB_45000}\nЗа что: Лендинг\n\nКак оплатить:`)
    expect(invoice).not.toContain('Оплатить до')
  })

  it('a reply that names the due day ({order_due}) is not sent once that day has passed: the manager is told to write it themselves', async () => {
    const demo = demoContent()
    const due = {
      name: 'due',
      text: '{name}, счёт №{order_number} ждёт оплаты до {order_due}.',
      buttons: [],
      links: [],
    }
    const h = createHarness({ content: { ...demo, replies: [...demo.replies, due] } })
    const { user, client, topicId, manager } = await setUp(h)
    giveCallAndInvoice(h, client.id) // due on 25 December
    h.clock.set('2026-12-25T20:00:00Z') // the due day itself, 23:00 in Moscow: still in time
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r due'))
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Анна, счёт №\d+ ждёт оплаты до 25 декабря\.$/)

    const before = h.fake.sentTo(user.id).length
    h.clock.set('2026-12-26T06:00:00Z')
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r due'))
    await settle(h)
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      '⚠️ Шаблон «due» не отправлен: срок оплаты счёта клиента уже прошёл. Напишите клиенту своими словами.',
    )
  })

  it('with two unpaid invoices, the topic is told which one the Pay button sends, and which one waits too', async () => {
    const h = createHarness()
    const { user, client, topicId, manager } = await setUp(h)
    const first = giveCallAndInvoice(h, client.id)
    const newest = unpaidInvoice(h, client.id, {
      createdBy: MANAGER_ID,
      description: 'Доработка формы',
      dueDate: '2026-12-30',
    })
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r pay'))
    await settle(h)
    expect(h.fake.lastButtonsTo(user.id)[0]).toEqual({ text: '💳 Оплатить', data: `dpay:${newest.id}` })
    const echo = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((t) => t.startsWith('📤'))
    expect(echo?.split('\n').at(-1)).toBe(
      `Кнопка «Оплатить» — самый новый счёт, №${newest.id} (15\u00a0000\u00a0₽). Не оплачены и другие: №${first.id} (${RUB_45000}).`,
    )
  })

  it('the list buttons: staff only, role checked on every press; a double tap sends once', async () => {
    const h = createHarness()
    const { user, client, topicId, manager } = await setUp(h)
    await settle(h)
    const before = h.fake.sentTo(user.id).length
    const press = (who: typeof manager) =>
      h.u.callback(who, `dr:${client.id}:hello`, { chatId: STAFF_GROUP_ID, threadId: topicId })
    await sendThroughOutbox(h, press(h.u.user(3198)))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({ show_alert: true })
    // A double tap: the second tap is answered quietly
    await sendThroughOutbox(h, press(manager), press(manager))
    const answers = () => h.fake.callsOf('answerCallbackQuery').map((c) => c.payload.text)
    expect(answers().slice(-2)).toEqual(['Отправляю клиенту.', undefined])
    // Pressed again a moment later, while the reply is still on its way
    h.clock.advance(2_000)
    await sendThroughOutbox(h, press(manager))
    expect(answers().at(-1)).toBe('Этот шаблон уже отправляется клиенту.')
    await h.drain()
    expect(
      h.fake
        .sentTo(user.id)
        .slice(before)
        .map((c) => c.payload.text),
    ).toEqual([
      'Анна, здравствуйте! Меня зовут Светлана, я веду ваш запрос. Расскажите, пожалуйста, что для вас сейчас важнее всего — сроки, бюджет или что-то ещё?',
    ])
    // A colleague on the same list, minutes later: not sent twice, told when it went and how to
    // send it again (two managers' presses seconds apart sent the client the same text twice)
    const sentAt = h.clock.now()
    h.clock.advance(3 * 60_000)
    await sendThroughOutbox(h, press(h.u.user(OWNER_ID)))
    const time = new Intl.DateTimeFormat('ru-RU', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Moscow',
    }).format(sentAt - 2_000)
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload).toMatchObject({
      text: `«hello» уже ушёл клиенту в ${time} — второй раз не отправляю. Отправить ещё раз: /r hello`,
      show_alert: true,
    })
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(before + 1)
    // Typed by name it is meant; and the button sends once those minutes are over
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r hello'))
    await h.drain()
    h.clock.advance(11 * 60_000)
    await sendThroughOutbox(h, press(manager))
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(before + 3)
    // A forged name or client is a stale button
    await h.send(h.u.callback(manager, `dr:${client.id}:nope`, { chatId: STAFF_GROUP_ID, threadId: topicId }))
    await h.send(h.u.callback(manager, 'dr:999:hello', { chatId: STAFF_GROUP_ID, threadId: topicId }))
    expect(
      h.fake
        .callsOf('answerCallbackQuery')
        .slice(-2)
        .map((c) => c.payload.text),
    ).toEqual([expect.stringContaining('неактуальна'), expect.stringContaining('неактуальна')])
    // Not staff in the topic: refused, nothing sent
    await h.send(h.u.staffText(h.u.user(3198), topicId, '/r hello'))
    await h.drain()
    expect(h.fake.sentTo(user.id)).toHaveLength(before + 3)
  })
})

describe('the /r list', () => {
  it('shows each reply as it would go to this client; one their data lacks something for, as written, with what it lacks', async () => {
    const h = createHarness()
    const { topicId, manager } = await setUp(h)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r'))
    await h.drain()
    const lines = h.fake.lastTextTo(STAFF_GROUP_ID).split('\n')
    expect(lines).toContain('• <b>hello</b> — Анна, здравствуйте! Меня зовут Светлана, я веду ваш запрос.…')
    expect(lines.find((l) => l.startsWith('• <b>pay</b>'))).toMatch(
      /^• <b>pay<\/b> — \{name\}, счёт №\{order_number\}.*… ⛔ у клиента нет неоплаченного счёта$/,
    )
    expect(lines.find((l) => l.startsWith('• <b>callsoon</b>'))).toMatch(/⛔ у клиента нет предстоящего звонка$/)
    // Buttons only for the replies that can go now: the others would only be refused
    const buttons = h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.text)
    expect(buttons).toContain('hello')
    expect(buttons).not.toContain('pay')
    expect(buttons).not.toContain('callsoon')
    expect(h.errors()).toEqual([])
  })

  it('names a manager whose name the bot has not stored yet as Telegram gives it, not by their id', async () => {
    const h = createHarness()
    const { topicId } = await setUp(h)
    h.deps.services.staff.add(5_100_003, 'manager', OWNER_ID)
    await sendThroughOutbox(h, h.u.staffText(h.u.user(5_100_003, { first_name: 'Оля' }), topicId, '/r'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('• <b>hello</b> — Анна, здравствуйте! Меня зовут Оля,')
  })
})

describe('saved replies after the client erased their data', () => {
  it("a list's button pressed after /forget says the client is gone, and sends nothing", async () => {
    const h = createHarness()
    const { user, client, topicId, manager } = await setUp(h)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r'))
    await forgetData(h, user)
    await h.drain()
    const before = h.fake.sentTo(user.id).length
    await sendThroughOutbox(
      h,
      h.u.callback(manager, `dr:${client.id}:hello`, { chatId: STAFF_GROUP_ID, threadId: topicId }),
    )
    await h.drain()
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe(
      'Клиент удалил свои данные — сообщения ему больше не доставляются.',
    )
    expect(h.fake.sentTo(user.id)).toHaveLength(before)
    expect(h.errors()).toEqual([])
  })
})

describe('saved replies: who sends one', () => {
  const LENA = 5_100_003
  it.each([
    {
      staff: 'ru',
      client: 'ru',
      says: 'Анна, здравствуйте! Меня зовут Лена, я веду ваш запрос.',
      line: '📤 Клиенту отправлен шаблон «hello» — Лена:',
    },
    {
      staff: 'en',
      client: 'en',
      // The client's own name as Telegram gives it; the manager's as a reader of English reads it
      says: "Hello, Анна! I'm Lena, and I'm looking after your request.",
      line: '📤 Saved reply “hello” sent to the client by Лена:',
    },
  ])(
    'a colleague’s saved reply speaks in her name, not the lead’s, and the topic names her (staff $staff, client $client)',
    async ({ staff, client: language, says, line }) => {
      const h = createHarness({ config: { DEFAULT_LOCALE: staff } })
      h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Аня')
      h.deps.services.staff.add(LENA, 'manager', OWNER_ID, 'Лена')
      const anya = h.u.user(MANAGER_ID, { first_name: 'Аня' })
      const lena = h.u.user(LENA, { first_name: 'Лена' })
      const user = h.u.user(3102, { first_name: 'Анна', language_code: language })
      await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
      await settle(h)
      const { topicId, id } = h.deps.services.clients.byTelegramId(user.id)!
      // Аня answers first: she leads the client
      await sendThroughOutbox(h, h.u.staffText(anya, topicId!, 'Добрый день!'))
      await settle(h)
      expect(h.deps.services.handoff.leadOf(id)).toBe(MANAGER_ID)
      // Лена, covering for her, sends the greeting
      await sendThroughOutbox(h, h.u.staffText(lena, topicId!, '/r hello'))
      await settle(h)
      expect(h.fake.lastTextTo(user.id)).toContain(says)
      const echo = h.fake.textsTo(STAFF_GROUP_ID, topicId!).findLast((t) => t.startsWith('📤')) ?? ''
      expect(echo.split('\n')[0]).toBe(escapeHtml(line))
      expect(h.errors()).toEqual([])
    },
  )
})

describe('saved replies: the manager named for the client', () => {
  it('an English client reads the manager’s Cyrillic name in Latin letters, in the reply and in the list; a Russian one as it is', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Анна Кузнецова')
    const anna = h.u.user(MANAGER_ID, { first_name: 'Анна', last_name: 'Кузнецова' })
    const emma = h.u.user(3201, { first_name: 'Emma', language_code: 'en' })
    const vera = h.u.user(3202, { first_name: 'Вера', language_code: 'ru' })
    for (const user of [emma, vera]) await sendThroughOutbox(h, h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await settle(h)
    const topicOf = (user: typeof emma) => h.deps.services.clients.byTelegramId(user.id)?.topicId ?? 0

    // The list shows each reply as it would go to Emma
    await sendThroughOutbox(h, h.u.staffText(anna, topicOf(emma), '/r'))
    await settle(h)
    const list = h.fake.textsTo(STAFF_GROUP_ID, topicOf(emma)).findLast((t) => t.includes('<b>hello</b>')) ?? ''
    expect(list).toContain("<b>hello</b> — Hello, Emma! I'm Anna Kuznetsova, and I'm")
    expect(list).not.toContain('Кузнецова')

    await sendThroughOutbox(h, h.u.staffText(anna, topicOf(emma), '/r hello'))
    await sendThroughOutbox(h, h.u.staffText(anna, topicOf(vera), '/r hello'))
    await settle(h)
    expect(h.fake.lastTextTo(emma.id)).toBe(
      "Hello, Emma! I'm Anna Kuznetsova, and I'm looking after your request. What matters most to you right now — the timeline, the budget or something else?",
    )
    expect(h.fake.lastTextTo(vera.id)).toMatch(/^Вера, здравствуйте! Меня зовут Анна Кузнецова, я веду ваш запрос\./)
    // The topic shows what Emma got; who sent it, as the team knows her
    const echo = h.fake.textsTo(STAFF_GROUP_ID, topicOf(emma)).findLast((t) => t.startsWith('📤')) ?? ''
    expect(echo).toContain('📤 Клиенту отправлен шаблон «hello» — Анна Кузнецова:')
    expect(echo).toContain("I'm Anna Kuznetsova, and I'm looking after your request.")
    expect(h.errors()).toEqual([])
  })
})

describe('saved replies: many of them', () => {
  it('/r with a name there is none of still answers when the file has hundreds: a few names, how many more, and /r', async () => {
    const demo = demoContent()
    const many = Array.from({ length: 400 }, (_, i) => ({
      name: `answer_for_question_number_${i + 1}`,
      text: { ru: `Ответ ${i + 1}`, en: `Answer ${i + 1}` },
      buttons: [],
      links: [],
    }))
    const content: Content = { ...demo, replies: [...demo.replies, ...many] }
    const h = createHarness({ content })
    const { topicId, manager } = await setUp(h)
    await settle(h)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/r prise'))
    await h.drain()
    expect(h.fake.calls.filter((c) => !c.ok).map((c) => c.error?.description)).toEqual([])
    const answer = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1) ?? ''
    const named = /^Шаблона «prise» нет\. Есть: (.+?) и ещё ([\d\s]+) — (.+)$/u.exec(answer)
    expect(named).not.toBeNull()
    const names = (named?.[1] ?? '').split(', ')
    expect(names.slice(0, 2)).toEqual(['hello', 'call'])
    expect(names.length + Number((named?.[2] ?? '').replace(/\s/g, ''))).toBe(content.replies.length)
    expect(named?.[3]).toBe('любой из них отправит /r с его названием')
  })
})
