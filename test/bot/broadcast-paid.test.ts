/**
 * "Clients who paid" for a broadcast: read from their orders, not their stage — a payer who paid
 * again or went on to leave a review has moved on from the stage "customer (one order paid)".
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, ownerIn, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

describe('clients who paid, whatever their stage now', () => {
  /**
   * Six clients who agreed to news: one order paid (customer), two paid (repeat), paid and then
   * went to leave a review (advocate), paid and refunded, an invoice not paid, none at all.
   */
  function clients(h: Harness) {
    const { orders, clients: people, payments } = h.deps.services
    const paid = (telegramId: number, times: number) => {
      const client = seedClient(h.deps, telegramId)
      for (let i = 0; i < times; i++) orders.markPaid(unpaidInvoice(h, client.id).id)
      return client
    }
    paid(701, 1)
    paid(702, 2)
    const advocate = paid(703, 1)
    people.advanceStage(people.get(advocate.id)!, 'advocate')
    const refunded = paid(704, 1)
    const [order] = orders.paid(refunded.id)
    payments.recordRefund(order!.id, OWNER_ID)
    unpaidInvoice(h, seedClient(h.deps, 705).id)
    seedClient(h.deps, 706)
    expect(people.get(advocate.id)?.stage).toBe('advocate')
  }

  const said = {
    ru: {
      button: '💳 Оплаты: не важно',
      choice: 'есть оплаченный заказ',
      menu: 'Сейчас: есть оплаченный заказ (возвраты не в счёт)\nПолучателей: 3',
      preview: 'Предпросмотр',
      send: 'Отправить',
      stageNote: 'Этап — где клиент сейчас',
    },
    en: {
      button: '💳 Payments: any',
      choice: 'has a paid order',
      menu: 'Now: has a paid order (refunds do not count)\nRecipients: 3',
      preview: 'Preview',
      send: 'Send',
      stageNote: 'The stage is where the client is now',
    },
  }
  for (const language of ['ru', 'en'] as const) {
    it(`"has a paid order" picks the customer, the repeat one and the advocate, not the refunded (${language})`, async () => {
      const h = createHarness()
      clients(h)
      const owner = await ownerIn(h, language)
      await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: спасибо, что вы с нами'))
      // The stage picker says what a stage is, and where the payers are
      await pressMatching(h, owner, 'bcp:1:stage')
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].stageNote)
      await pressMatching(h, owner, 'bcm:1:menu')
      await pressMatching(h, owner, said[language].button)
      await pressMatching(h, owner, said[language].choice)
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].menu)
      await pressMatching(h, owner, said[language].preview)
      await pressMatching(h, owner, said[language].send)
      await h.deps.services.broadcasts.idle()
      for (const chat of [701, 702, 703]) expect(broadcastTo(h, chat), String(chat)).toHaveLength(1)
      for (const chat of [704, 705, 706]) expect(broadcastTo(h, chat), String(chat)).toHaveLength(0)
      expect(h.errors()).toEqual([])
    })
  }

  it('counts in SQL, and combines with the other conditions', async () => {
    const h = createHarness()
    clients(h)
    const { broadcasts } = h.deps.services
    expect(await broadcasts.count({ paid: true })).toBe(3)
    expect(await broadcasts.count({ paid: true, stage: 'customer' })).toBe(1)
    // The stage alone: only the one whose stage is still "customer", and the refunded one
    expect(broadcasts.recipients({ stage: 'customer' }).map((c) => c.telegramId)).toEqual([701, 704])
  })
})
