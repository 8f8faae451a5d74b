/**
 * Payments made inside Telegram, Telegram-agnostic: whether a checkout may go ahead, the
 * money Telegram reports (recorded once per charge, even when the update comes twice)
 * and refunds. An order paid this way then follows the same road as one confirmed by
 * staff (`orders.markPaid`: reminders stop, the stage moves, /done → check-in).
 */
import type { Db } from '../../db/client.ts'
import { findClientById, findClientByTelegramId } from '../../db/repositories/clients.ts'
import { findOrder, markOrderRefunded, setOrderRefundedBy } from '../../db/repositories/orders.ts'
import {
  findPaymentByCharge,
  findRefundablePayment,
  insertPayment,
  lastPaymentRefundAt,
  markPaymentRefunded,
} from '../../db/repositories/payments.ts'
import type { OrderRow, PaymentRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import { STARS } from '../money.ts'
import type { ClientService } from './clients.ts'
import type { OrderService } from './orders.ts'

/** Why a checkout is refused; the client sees it in the payment form. */
export type CheckoutRefusal = 'not-found' | 'foreign' | 'paid' | 'refunded' | 'cancelled' | 'changed' | 'in-progress'

/**
 * How long a checkout the bot accepted holds the order against another one. Telegram reports
 * the money (`successful_payment`) seconds after the checkout; a second Pay meanwhile (a double
 * tap, another device) would charge the client twice. A payment the bank declined never
 * reports: after this the client may try again.
 */
const CHECKOUT_HOLD_MS = 3 * 60_000

/** What Telegram reports about a checkout or a payment, in plain values. */
export interface TelegramCheckout {
  /** From the invoice payload; undefined when the payload is not one of ours. */
  orderId: number | undefined
  /** Who pays. */
  telegramId: number
  /** Minor units of `currency`, tips included (the bot offers none). */
  amount: number
  currency: string
}

export interface TelegramCharge extends TelegramCheckout {
  telegramChargeId: string
  providerChargeId: string | null
}

export type RecordedPayment =
  /** `paidToo`, `held`: the invoices linked to it, paid already or now held (`orders.markPaid`). */
  | { status: 'paid'; order: OrderRow; repeat: boolean; payment: PaymentRow; paidToo: OrderRow[]; held: OrderRow[] }
  /** The same charge was already recorded: nothing changed. */
  | { status: 'duplicate' }
  /** Money arrived for an order that was not waiting for it (paid meanwhile, cancelled, unknown): staff must look. */
  | { status: 'unexpected'; payment: PaymentRow; order: OrderRow | undefined }
  /**
   * Money arrived for an order whose client erased their data after Telegram's checkout
   * (the form was open): recorded against the anonymous order, the order left as it was —
   * nobody is left to deliver to — for the owners to give the money back.
   */
  | { status: 'erased'; payment: PaymentRow; order: OrderRow }

export type StarsRefund =
  | { ok: true; order: OrderRow; payment: PaymentRow; telegramId: number }
  | { ok: false; reason: 'not-found' | 'not-paid' | 'already' | 'not-stars' | 'client-gone'; order?: OrderRow }

export type PaymentService = ReturnType<typeof createPaymentService>

export function createPaymentService({
  db,
  clock,
  clients,
  orders,
  onRefunded = () => {},
}: {
  db: Db
  clock: Clock
  clients: ClientService
  orders: OrderService
  /** An order was just refunded whole (`by`: the owner who recorded it; null: Telegram's report), as `orders`' `onSettled`. */
  onRefunded?: (order: OrderRow, by: number | null) => void
}) {
  /**
   * The orders with an accepted checkout, and when it was accepted. In memory: the hold lasts
   * minutes, and a restart in between (the bot answers each checkout at once) lets at most one
   * more through, which the payment's record then tells staff to refund.
   */
  const checkingOut = new Map<number, number>()

  return {
    /**
     * The last check before the client's money moves (Telegram allows 10 seconds for the
     * answer): the order exists, is the payer's, is still unpaid and not cancelled, and
     * its amount and currency are those of the invoice being paid. The order of a client
     * who erased their data is kept for the accounts but is nobody's: not found, also for
     * the person who erased themselves and presses Pay on an invoice still in their chat
     * (no longer the order's client, they would read that it was billed to someone else).
     */
    checkout(query: TelegramCheckout): { ok: true; order: OrderRow } | { ok: false; reason: CheckoutRefusal } {
      const order = query.orderId === undefined ? undefined : findOrder(db, query.orderId)
      if (!order || findClientById(db, order.clientId)?.deletedAt != null) return { ok: false, reason: 'not-found' }
      const client = findClientByTelegramId(db, query.telegramId)
      if (!client || client.id !== order.clientId) return { ok: false, reason: 'foreign' }
      if (order.status === 'paid' || order.status === 'refunded') return { ok: false, reason: order.status }
      if (order.status === 'cancelled') return { ok: false, reason: 'cancelled' }
      if (order.amount !== query.amount || order.currency !== query.currency) return { ok: false, reason: 'changed' }
      const now = clock.now()
      for (const [id, at] of checkingOut) if (now - at >= CHECKOUT_HOLD_MS) checkingOut.delete(id)
      if (checkingOut.has(order.id)) return { ok: false, reason: 'in-progress' }
      checkingOut.set(order.id, now)
      return { ok: true, order }
    },

    /**
     * Records a `successful_payment`: the charge once (by Telegram's charge id), and the
     * order paid when it was waiting for this payment.
     */
    recordPayment(charge: TelegramCharge): RecordedPayment {
      return db.transaction((): RecordedPayment => {
        const order = charge.orderId === undefined ? undefined : findOrder(db, charge.orderId)
        // The payer of an erased client's order is, by now, a new client row (or none): the
        // payment stays the anonymous order's, so nothing ties that row to the erased one
        const erased = order !== undefined && findClientById(db, order.clientId)?.deletedAt != null
        const client = erased ? undefined : findClientByTelegramId(db, charge.telegramId)
        const method = charge.currency === STARS ? 'stars' : 'provider'
        const payment = insertPayment(db, {
          orderId: order?.id ?? null,
          clientId: client?.id ?? order?.clientId ?? null,
          method,
          amount: charge.amount,
          currency: charge.currency,
          telegramChargeId: charge.telegramChargeId,
          providerChargeId: charge.providerChargeId,
          createdAt: clock.now(),
        })
        if (!payment) return { status: 'duplicate' }
        if (erased) return { status: 'erased', payment, order }
        const matches =
          order && client?.id === order.clientId && order.amount === charge.amount && order.currency === charge.currency
        if (!matches) return { status: 'unexpected', payment, order }
        checkingOut.delete(order.id)
        const paid = orders.markPaid(order.id, method)
        if (paid.status !== 'paid') return { status: 'unexpected', payment, order: paid.order ?? order }
        const { repeat, paidToo, held } = paid
        return { status: 'paid', order: paid.order, repeat, payment, paidToo, held }
      })
    },

    /**
     * What `/refund <order>` needs to give its Stars back, or why it cannot. An order paid
     * with no Telegram payment left to refund was paid otherwise (a manager confirmed a
     * transfer with /paid): 'not-stars', refunded by hand and recorded with /refunded.
     */
    starsRefund(orderId: number): StarsRefund {
      const order = findOrder(db, orderId)
      if (!order) return { ok: false, reason: 'not-found' }
      const payment = findRefundablePayment(db, order.id)
      if (!payment) {
        const reason = order.status === 'refunded' ? 'already' : order.status === 'paid' ? 'not-stars' : 'not-paid'
        return { ok: false, reason, order }
      }
      if (payment.method !== 'stars') return { ok: false, reason: 'not-stars', order }
      const client = findClientById(db, order.clientId)
      if (!client || client.telegramId === null) return { ok: false, reason: 'client-gone', order }
      return { ok: true, order, payment, telegramId: client.telegramId }
    },

    /**
     * The money went back (Stars refunded by the bot, a provider refund made in its
     * dashboard, or Telegram reporting a refund), recorded once: the payment of that
     * Telegram charge (`chargeId`; without one, the order's newest Telegram payment not
     * refunded yet) is marked refunded, and the order with it — unless another payment
     * still settles it (a second payment for one order: refunding either leaves the order
     * paid by the other), or it was settled otherwise. `by`: the owner, or null when
     * Telegram reported it.
     */
    recordRefund(
      orderId: number,
      by: number | null,
      chargeId?: string,
    ): { status: 'refunded'; order: OrderRow } | { status: 'unchanged' } {
      return db.transaction(() => {
        const now = clock.now()
        const current = findOrder(db, orderId)
        if (!current) return { status: 'unchanged' as const }
        const charged = chargeId === undefined ? undefined : findPaymentByCharge(db, chargeId)
        if (charged && (charged.orderId !== orderId || charged.refundedAt !== null))
          return { status: 'unchanged' as const }
        const payment = charged ?? findRefundablePayment(db, orderId)
        const refundedPayment = payment ? markPaymentRefunded(db, payment.id, now) : undefined
        const settledByIt =
          !payment || (current.paidVia === payment.method && findRefundablePayment(db, orderId) === undefined)
        const refundedOrder = settledByIt ? markOrderRefunded(db, orderId, now, by) : undefined
        if (!refundedPayment && !refundedOrder) return { status: 'unchanged' as const }
        const order = refundedOrder ?? current
        if (refundedOrder) onRefunded(refundedOrder, by)
        clients.recordEvent(order.clientId, 'refunded', {
          order: order.id,
          amount: order.amount,
          currency: order.currency,
        })
        return { status: 'refunded' as const, order }
      })
    },

    /**
     * The owner's /refund just gave back the Stars of `chargeId`, and Telegram's report of
     * that refund (`refunded_payment`, which comes in the client's chat and may be handled
     * while refundStarPayment is still answering) was recorded first: the refund is this
     * one. The order when that charge is its payment and recorded refunded (with `by` as who
     * refunded it, the report having named no one), else undefined.
     */
    refundRecordedMeanwhile(orderId: number, by: number | null, chargeId: string): OrderRow | undefined {
      return db.transaction(() => {
        const payment = findPaymentByCharge(db, chargeId)
        if (!payment || payment.orderId !== orderId || payment.refundedAt === null) return undefined
        const order = findOrder(db, orderId)
        if (!order) return undefined
        return (by === null ? undefined : setOrderRefundedBy(db, orderId, by)) ?? order
      })
    },

    /**
     * The order's Telegram payments: the newest not refunded yet, and when the last one refunded went
     * back (undefined: none was).
     */
    telegramPayments: (orderId: number): { unrefunded: PaymentRow | undefined; refundedAt: number | undefined } => ({
      unrefunded: findRefundablePayment(db, orderId),
      refundedAt: lastPaymentRefundAt(db, orderId),
    }),

    /** The order a Telegram charge paid, for a `refunded_payment` Telegram reports. */
    orderOfCharge(telegramChargeId: string): number | undefined {
      return findPaymentByCharge(db, telegramChargeId)?.orderId ?? undefined
    },
  }
}
