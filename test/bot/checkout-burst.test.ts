/**
 * A checkout during a burst: Telegram cancels the payment unless the bot answers the
 * pre_checkout_query within 10 seconds, so it does not wait for one of the places for
 * running updates (the bot runs only so many at once) that the burst holds while it waits
 * for Telegram.
 */
import { describe, expect, it } from 'vitest'
import { invoicePayload } from '../../src/bot/telegram-invoice.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { createHarness } from '../helpers/harness.ts'

/** Lets the event loop run until `condition` holds, or `turns` times (no timer involved). */
async function turnsUntil(condition: () => boolean, turns = 1000): Promise<void> {
  for (let i = 0; i < turns && !condition(); i++) await new Promise((resolve) => setImmediate(resolve))
}

/** Lets the event loop run until `count` has not changed for `quiet` turns in a row. */
async function turnsUntilSteady(count: () => number, quiet = 50): Promise<void> {
  let last = -1
  let same = 0
  for (let i = 0; i < 5000 && same < quiet; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    same = count() === last ? same + 1 : 0
    last = count()
  }
}

/** Far more clients at once than any bot runs updates at once. */
const BURST = 300

describe('a checkout during a burst', () => {
  it('is answered while every place for running updates is taken by an update waiting for Telegram', async () => {
    const h = createHarness()
    const payer = h.u.user(8001, { first_name: 'Анна' })
    await h.send(h.u.text(payer, '/start'))
    const client = h.deps.services.clients.byTelegramId(payer.id)
    if (!client) throw new Error('the payer is a client after /start')
    const { order } = h.deps.services.orders.create({
      clientId: client.id,
      createdBy: null,
      invoiceKind: 'provider',
      amount: 4_500_000,
      currency: 'RUB',
      productId: null,
      description: 'Лендинг',
      dueDate: null,
    })!

    // A burst, each greeting held by Telegram: the bot takes some, the rest wait for a place
    const burst = Array.from({ length: BURST }, (_, i) => h.u.user(8100 + i))
    const chats = new Set(burst.map((u) => u.id))
    const held = (call: ApiCall) => call.method === 'sendMessage' && chats.has(Number(call.payload.chat_id))
    const release = h.fake.hold(held)
    const handling = burst.map((u) => h.bot.handleUpdate(h.u.text(u, '/start')))
    await turnsUntilSteady(() => h.fake.calls.filter(held).length)
    const waiting = h.fake.calls.filter(held).length
    expect(waiting).toBeGreaterThan(0)
    expect(waiting).toBeLessThan(BURST) // every place is taken

    const checkout = h.bot.handleUpdate(
      h.u.preCheckout(payer, { currency: 'RUB', totalAmount: order.amount, payload: invoicePayload(order.id) }),
    )
    await turnsUntil(() => h.fake.callsOf('answerPreCheckoutQuery').length > 0)
    expect(h.fake.callsOf('answerPreCheckoutQuery').map((c) => c.payload.ok)).toEqual([true])
    // …while the burst still waits for Telegram
    expect(h.fake.calls.filter((c) => held(c) && c.result !== undefined)).toEqual([])
    await checkout

    release()
    await Promise.all(handling)
    for (const u of burst) expect(h.fake.textsTo(u.id)[0]).toContain('Здравствуйте')
    expect(h.errors()).toEqual([])
  })
})
