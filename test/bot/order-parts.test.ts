/**
 * One job billed in parts — a prepayment, then the balance: the second invoice is a part of the
 * first one's order (by its words, or by the manager's answer when they say nothing), so /done
 * marks the whole job once, the client is asked "how did it go?" once, the stage moves to
 * "repeat" only with a second job, and the card, /mybookings and /stats show it as one order.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientById } from '../../db/repositories/clients.ts'
import { jobs, orders } from '../../db/schema.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const DAY = 86_400_000
const MANAGER_ID = 5_000_101
/** How Intl writes an amount in roubles in Russian: no-break spaces. */
const rub = (n: number) => `${n.toLocaleString('ru-RU')}\u00a0₽`.replace(/\s/g, '\u00a0')

async function setup() {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
  const c = await clientWithTopic(h, 301)
  // At a person's pace: what the bot queued for the client and the topic arrives before the next step
  const send = h.send
  h.send = async (...updates) => {
    await send(...updates)
    await h.flush()
  }
  const staffSays = (text: string) => h.send(h.u.staffText(manager, c.topicId, text))
  const press = (data: string) => h.send(h.u.callback(manager, data, { chatId: STAFF_GROUP_ID, threadId: c.topicId }))
  const card = () =>
    h.fake
      .textsTo(STAFF_GROUP_ID)
      .filter((t) => t.includes('🧾 <b>Заказы</b>'))
      .at(-1) ?? ''
  const checkins = () =>
    h.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.clientId, c.client.id), eq(jobs.kind, 'checkin')))
      .all()
  const stage = () => findClientById(h.deps.db, c.client.id)?.stage
  return { h, manager, staffSays, press, card, checkins, stage, ...c }
}

describe('a balance after a prepayment', () => {
  it('is a part of the same order: sent at once, one /done marks both, one check-in, the stage stays "customer"', async () => {
    const { h, user, staffSays, card, checkins, stage } = await setup()
    await staffSays('/invoice 25000 Предоплата 50% за лендинг')
    await staffSays('/paid')
    expect(stage()).toBe('customer')
    await staffSays('/invoice 25000 остаток за лендинг')
    // «остаток»: the balance of the order under way — no question, the invoice goes
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, вот ваш счёт №2')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain(
      '🧩 Часть заказа №1: /done отметит выполненной работу по всему заказу, и «Как всё прошло?» клиента спросят один раз.',
    )
    expect(h.deps.services.orders.get(2)?.partOf).toBe(1)
    await staffSays('/paid')
    // The second payment of one job: still one order paid
    expect(stage()).toBe('customer')

    const doneAt = h.clock.now()
    await staffSays('/done')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('✔️ Работа по заказу №1 (счета №1 и №2) отмечена выполненной.')
    expect([h.deps.services.orders.get(1)?.doneAt, h.deps.services.orders.get(2)?.doneAt]).toEqual([doneAt, doneAt])
    expect(checkins().map((j) => j.dedupeKey)).toEqual(['checkin:order:1'])
    // Again: the job is done, nothing is asked or planned twice
    await staffSays('/done')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('уже')
    expect(checkins()).toHaveLength(1)

    // The card shows the balance under the order it completes, both done
    const lines = card().split('\n')
    const first = lines.findIndex((l) => l.startsWith('• #1 '))
    expect(lines[first]).toContain(`• #1 ${rub(25000)} — оплачен · ✔️ выполнен`)
    expect(lines[first + 1]).toMatch(
      new RegExp(`^ {2}↳ #2 ${rub(25000)} — оплачен · ✔️ выполнен .* · остаток за лендинг$`),
    )

    // The client's "My stuff": one order with its parts
    await h.send(h.u.text(user, '/mybookings'))
    const mine = h.fake.lastTextTo(user.id)
    expect(mine).toContain(
      `Прошлые заказы:\n• Предоплата 50% за лендинг: ${rub(25000)} — выполнен 23 ноября\n   ↳ остаток за лендинг: ${rub(25000)} — выполнен 23 ноября`,
    )
    expect(h.errors()).toEqual([])
  })

  it('issued while the prepayment waits is its part too; the client sees both, the balance under it', async () => {
    const { h, user, staffSays } = await setup()
    await staffSays('/invoice 25000 Предоплата 50% за лендинг')
    await staffSays('/invoice 25000 доплата за лендинг')
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, вот ваш счёт №2')
    expect(h.deps.services.orders.get(2)?.partOf).toBe(1)
    // Not a replacement of the first: no "cancel the old one" warning
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).not.toContain('⚠️')
    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      `• Предоплата 50% за лендинг: ${rub(25000)} — ждёт оплаты\n   ↳ доплата за лендинг: ${rub(25000)} — ждёт оплаты`,
    )
  })
})

describe('another unpaid invoice named under a new one', () => {
  it('a second balance of the same order, the first still unpaid: the warning names the first balance, not the prepayment it completes', async () => {
    const { h, user, staffSays } = await setup()
    await staffSays('/invoice 25000 Предоплата 50% за лендинг')
    await staffSays('/paid')
    await staffSays('/invoice 112500 остаток за лендинг')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).not.toContain('⚠️')
    // The same balance again (sent twice by mistake): it is the one it may replace
    await staffSays('/invoice 112500 остаток за лендинг')
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, вот ваш счёт №3')
    expect(h.deps.services.orders.get(3)?.partOf).toBe(1)
    const warning = h.fake
      .lastPostTo(STAFF_GROUP_ID)
      .split('\n')
      .find((l) => l.startsWith('⚠️'))
    expect(warning).toMatch(/^⚠️ У клиента есть и другой неоплаченный счёт: №2 \(/)
    expect(h.errors()).toEqual([])
  })

  it('a balance issued while its prepayment waits: no warning of the prepayment, a warning of another order’s invoice', async () => {
    const { h, staffSays, press } = await setup()
    await staffSays('/invoice 15000 Визитки')
    await staffSays('/invoice 25000 Предоплата 50% за лендинг')
    await staffSays('/invoice 25000 доплата за лендинг')
    // Two orders under way: the manager says which one it completes
    const part = h.fake.lastButtonsTo(STAFF_GROUP_ID).find((b) => b.text === '🧩 Часть заказа №2')
    await press(part?.data ?? '')
    expect(h.deps.services.orders.get(3)?.partOf).toBe(2)
    const warning = h.fake
      .lastPostTo(STAFF_GROUP_ID)
      .split('\n')
      .find((l) => l.startsWith('⚠️'))
    expect(warning).toMatch(/^⚠️ У клиента есть и другой неоплаченный счёт: №1 \(/)
    expect(h.errors()).toEqual([])
  })
})

describe('a second invoice that does not say what it is', () => {
  it('while a paid order’s work is not done: asked first, and sent once the manager answers "part of it"', async () => {
    const { h, user, staffSays, press, stage } = await setup()
    await staffSays('/invoice 45000 landing')
    await staffSays('/paid')
    const told = h.fake.textsTo(user.id).length
    await staffSays('/invoice 15000 Правки по макету')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      `❓ Счёт ещё не отправлен: ${rub(15000)} — Правки по макету. У клиента есть заказ, работа по которому не отмечена выполненной: №1 (${rub(45000)} — Лендинг под ключ, оплачен). Этот счёт — его часть (например, остаток после предоплаты) или новый заказ?`,
    )
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID)).toEqual([
      { text: '🧩 Часть заказа №1', data: 'invj:1:1' },
      { text: '🆕 Новый заказ', data: 'invj:1:new' },
    ])
    // Nothing billed yet
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(h.deps.db.select().from(orders).all()).toHaveLength(1)

    await press('invj:1:1')
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, вот ваш счёт №2')
    expect(h.fake.lastTextTo(user.id)).toContain('За что: Правки по макету')
    expect(h.deps.services.orders.get(2)?.partOf).toBe(1)
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain('🧩 Часть заказа №1')
    // Pressed again (a colleague's press on the same question): answered already, one invoice
    h.clock.advance(5_000)
    await press('invj:1:1')
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toBe('На этот вопрос уже ответили.')
    expect(h.deps.db.select().from(orders).all()).toHaveLength(2)
    await staffSays('/paid')
    expect(stage()).toBe('customer')
    expect(h.errors()).toEqual([])
  })

  it('answered after its due day has gone by: nothing billed, the manager told to issue it again', async () => {
    const { h, user, staffSays, press } = await setup()
    await staffSays('/invoice 45000 landing')
    await staffSays('/paid')
    await staffSays('/invoice 15000 завтра Правки по макету')
    const told = h.fake.textsTo(user.id).length
    h.clock.advance(3 * DAY)
    await press('invj:1:1')
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toBe(
      'Срок оплаты этого счёта (24 ноября) уже прошёл — счёт не выставлен. Выставьте его заново с новым сроком.',
    )
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(h.deps.db.select().from(orders).all()).toHaveLength(1)
  })

  it('"a new order" sends it as its own, and paying it makes a repeat customer', async () => {
    const { h, user, staffSays, press, stage } = await setup()
    await staffSays('/invoice 45000 landing')
    await staffSays('/paid')
    await staffSays('/invoice 15000 Логотип')
    await press('invj:1:new')
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, вот ваш счёт №2')
    expect(h.deps.services.orders.get(2)?.partOf).toBeNull()
    await staffSays('/paid')
    expect(stage()).toBe('repeat')
    // Two orders under way: /done asks which, one button per order
    await staffSays('/done')
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe('По какому счёту работа выполнена?')
    expect(h.fake.lastButtonsTo(STAFF_GROUP_ID).map((b) => b.data)).toEqual(['pay:done:2', 'pay:done:1'])
  })

  it('while only an unpaid invoice waits, is a new order as before; after a prepayment invoice, asked', async () => {
    const { h, user, staffSays, ...c } = await setup()
    await staffSays('/invoice 45000 Лендинг')
    await staffSays('/invoice 30000 Лендинг')
    expect(h.fake.lastTextTo(user.id)).toContain('вот ваш счёт №2')
    expect(h.deps.services.orders.get(2)?.partOf).toBeNull()

    const other = await clientWithTopic(h, 302)
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    await h.send(h.u.staffText(manager, other.topicId, '/invoice 20000 Аванс за съёмку'))
    await h.send(h.u.staffText(manager, other.topicId, '/invoice 20000 Съёмка'))
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain(`❓ Счёт ещё не отправлен: ${rub(20000)} — Съёмка.`)
    expect(h.fake.lastPostTo(STAFF_GROUP_ID)).toContain(`№3 (${rub(20000)} — Аванс за съёмку, не оплачен)`)
    // Pressed in another client's topic (a forwarded question): refused, nothing billed
    await h.send(h.u.callback(manager, 'invj:1:3', { chatId: STAFF_GROUP_ID, threadId: c.topicId }))
    expect(h.deps.services.orders.get(4)).toBeUndefined()
    h.clock.advance(5_000) // not the same tap twice
    await h.send(h.u.callback(manager, 'invj:1:3', { chatId: STAFF_GROUP_ID, threadId: other.topicId }))
    expect(h.deps.services.orders.get(4)?.partOf).toBe(3)
  })

  it('a prepayment for something new is a new order of its own, asked nothing', async () => {
    const { h, user, staffSays } = await setup()
    await staffSays('/invoice 45000 landing')
    await staffSays('/paid')
    await staffSays('/invoice 10000 Предоплата за логотип')
    expect(h.fake.lastTextTo(user.id)).toContain('вот ваш счёт №2')
    expect(h.deps.services.orders.get(2)?.partOf).toBeNull()
  })

  it('billing a product at its price, or in another currency, is a new order, asked nothing', async () => {
    const { h, user, staffSays } = await setup()
    await staffSays('/invoice 45000 landing')
    await staffSays('/paid')
    // Support at its price (15 000 ₽ a month) is a whole order, no balance
    await staffSays('/invoice support')
    expect(h.fake.lastTextTo(user.id)).toContain('вот ваш счёт №2')
    // A balance is paid in the prepayment's currency
    await staffSays('/invoice 150USD Hosting')
    expect(h.fake.lastTextTo(user.id)).toContain('вот ваш счёт №3')
    expect([2, 3].map((id) => h.deps.services.orders.get(id)?.partOf)).toEqual([null, null])
  })

  it('with an old paid order never marked done, is a new order as before', async () => {
    const { h, user, staffSays } = await setup()
    await staffSays('/invoice 45000 landing')
    await staffSays('/paid')
    h.clock.advance(90 * DAY)
    await staffSays('/invoice 15000 Логотип')
    expect(h.fake.lastTextTo(user.id)).toContain('вот ваш счёт №2')
    expect(h.deps.services.orders.get(2)?.partOf).toBeNull()
  })
})

describe('/stats', () => {
  it('counts a job billed in two invoices as one order, the money as paid', async () => {
    const { h, staffSays } = await setup()
    await staffSays('/invoice 25000 Предоплата 50% за лендинг')
    await staffSays('/paid')
    await staffSays('/invoice 25000 остаток за лендинг')
    await staffSays('/paid')
    h.clock.advance(60_000)
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/stats 7d'))
    const text = h.fake.textsTo(OWNER_ID).find((t) => t.includes('Статистика за 7 дней')) ?? ''
    expect(text).toContain(`💰 Оплачено за период: ${rub(50000)} (заказов: 1, счетов: 2)`)
  })
})
