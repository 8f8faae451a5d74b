/**
 * Money received in Telegram (see `payments` in schema.ts): one row per Telegram charge id,
 * so inserting the same charge twice is a no-op that says so.
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type PaymentRow, payments } from '../schema.ts'

export type NewPayment = Omit<PaymentRow, 'id' | 'refundedAt'>

/** The new row, or undefined when this charge was already recorded. */
export function insertPayment(db: Db, payment: NewPayment): PaymentRow | undefined {
  return db.insert(payments).values(payment).onConflictDoNothing().returning().get()
}

export function findPaymentByCharge(db: Db, telegramChargeId: string): PaymentRow | undefined {
  return db.select().from(payments).where(eq(payments.telegramChargeId, telegramChargeId)).get()
}

/** The order's newest payment that was not refunded. */
export function findRefundablePayment(db: Db, orderId: number): PaymentRow | undefined {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), isNull(payments.refundedAt)))
    .orderBy(desc(payments.id))
    .get()
}

/** When the order's last refunded payment went back; undefined when none of its payments was refunded. */
export function lastPaymentRefundAt(db: Db, orderId: number): number | undefined {
  const row = db
    .select({ at: payments.refundedAt })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), isNotNull(payments.refundedAt)))
    .orderBy(desc(payments.refundedAt))
    .get()
  return row?.at ?? undefined
}

export function markPaymentRefunded(db: Db, id: number, now: number): PaymentRow | undefined {
  return db
    .update(payments)
    .set({ refundedAt: now })
    .where(and(eq(payments.id, id), isNull(payments.refundedAt)))
    .returning()
    .get()
}
