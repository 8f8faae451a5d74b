/**
 * Orders (invoices): amounts in minor units (kopecks, cents), times in UTC ms. State changes
 * are single conditional UPDATEs (`… WHERE status = 'unpaid'`), so a double press or two
 * managers at once change an order only once; each returns the changed row or undefined.
 */
import { and, desc, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import {
  type InvoiceDraft,
  type InvoiceDraftRow,
  type InvoiceKind,
  invoiceDrafts,
  type OrderRow,
  orderEarlier,
  orders,
  type PaidVia,
} from '../schema.ts'

export type OrderStatus = OrderRow['status']

export interface NewOrder {
  clientId: number
  amount: number
  currency: string
  productId: string | null
  description: string | null
  /** YYYY-MM-DD, see `orders.dueDate`. */
  dueDate: string | null
  createdBy: number | null
  invoiceKind: InvoiceKind
  /** The staff message it is made from, if any (see `orders.sourceMessageId`). */
  sourceChatId?: number
  sourceMessageId?: number
  /** The first invoice of the job it is a part of (see `orders.partOf`). */
  partOf?: number
}

/** Inserts an order; undefined when one was made from the same staff message already. */
export function insertOrder(db: Db, order: NewOrder, now: number): OrderRow | undefined {
  return db
    .insert(orders)
    .values({ ...order, createdAt: now })
    .onConflictDoNothing()
    .returning()
    .get()
}

/** Orders from before migration 0036 with a due date kept only as a moment (`orders.dueAt`). */
export function listOrdersDueAtOnly(db: Db): { id: number; dueAt: number }[] {
  return db
    .select({ id: orders.id, dueAt: sql<number>`${orders.dueAt}` })
    .from(orders)
    .where(and(isNull(orders.dueDate), isNotNull(orders.dueAt)))
    .all()
}

export function setOrderDueDate(db: Db, id: number, dueDate: string): void {
  db.update(orders).set({ dueDate }).where(eq(orders.id, id)).run()
}

export function findOrder(db: Db, id: number): OrderRow | undefined {
  return db.select().from(orders).where(eq(orders.id, id)).get()
}

/** A client's orders, newest first; optionally only some statuses. */
export function listClientOrders(db: Db, clientId: number, statuses?: readonly OrderStatus[]): OrderRow[] {
  return db
    .select()
    .from(orders)
    .where(
      and(eq(orders.clientId, clientId), statuses === undefined ? undefined : inArray(orders.status, [...statuses])),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .all()
}

/**
 * A client's orders whose work is not marked done yet (`/done`), newest first: unpaid or paid,
 * or only `statuses` of them (a paid one not done: the client paid for work still owed).
 */
export function listNotDoneOrders(
  db: Db,
  clientId: number,
  statuses: readonly ('unpaid' | 'paid')[] = ['unpaid', 'paid'],
): OrderRow[] {
  return listClientOrders(db, clientId, statuses).filter((o) => o.doneAt === null)
}

/** Unpaid orders whose client says they paid, waiting for staff to check (few: an answer clears it). */
export function listReportedUnpaid(db: Db): OrderRow[] {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.status, 'unpaid'), isNotNull(orders.clientReportedPaidAt)))
    .all()
}

export function markOrderPaid(db: Db, id: number, now: number, via: PaidVia): OrderRow | undefined {
  return db
    .update(orders)
    .set({ status: 'paid', paidAt: now, paidVia: via })
    .where(and(eq(orders.id, id), eq(orders.status, 'unpaid')))
    .returning()
    .get()
}

/**
 * The client could not be told of the payment now (their chat is closed to the bot): held for
 * their next message. The client it is held for, or undefined when the order is not paid.
 */
export function holdPaidConfirmation(db: Db, id: number, now: number): number | undefined {
  return db
    .update(orders)
    .set({ paidUntoldAt: now })
    .where(and(eq(orders.id, id), eq(orders.status, 'paid')))
    .returning({ clientId: orders.clientId })
    .get()?.clientId
}

/** The clients a payment confirmation is held for (see `takeHeldPaidConfirmations`). */
export function clientsWithHeldPaidConfirmation(db: Db): number[] {
  return db
    .selectDistinct({ clientId: orders.clientId })
    .from(orders)
    .where(isNotNull(orders.paidUntoldAt))
    .all()
    .map((row) => row.clientId)
}

/**
 * The client's paid orders whose confirmation was held back, taken: each is returned once (the
 * mark is cleared in the same statement), so two messages at once send it once. One refunded
 * meanwhile is taken and not returned: "paid" would no longer be true.
 */
export function takeHeldPaidConfirmations(db: Db, clientId: number): OrderRow[] {
  return db
    .update(orders)
    .set({ paidUntoldAt: null })
    .where(and(eq(orders.clientId, clientId), isNotNull(orders.paidUntoldAt)))
    .returning()
    .all()
    .filter((o) => o.status === 'paid')
    .sort((a, b) => a.id - b.id)
}

/**
 * The client promised to pay by `until` (YYYY-MM-DD): kept on each of their unpaid orders, the
 * latest promise standing. The orders it was kept on.
 */
export function setPayPromise(db: Db, clientId: number, until: string): OrderRow[] {
  return db
    .update(orders)
    .set({ payPromisedUntil: until })
    .where(and(eq(orders.clientId, clientId), eq(orders.status, 'unpaid')))
    .returning()
    .all()
}

/** The reminder after the client's promise went (it mentioned the promise): the promise is spent. */
export function clearPayPromise(db: Db, id: number): void {
  db.update(orders).set({ payPromisedUntil: null }).where(eq(orders.id, id)).run()
}

/** A Telegram invoice could not be sent: the order falls back to payment details. */
export function setInvoiceKind(db: Db, id: number, kind: InvoiceKind): OrderRow | undefined {
  return db.update(orders).set({ invoiceKind: kind }).where(eq(orders.id, id)).returning().get()
}

/** The order's payment details went to the client at `now`: the first time is kept. */
export function setDetailsSent(db: Db, id: number, now: number): void {
  db.update(orders)
    .set({ detailsSentAt: now })
    .where(and(eq(orders.id, id), isNull(orders.detailsSentAt)))
    .run()
}

/** Telegram refused the order's provider invoice at `now`: payment details from now on. */
export function setProviderRefused(db: Db, id: number, now: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ invoiceKind: 'details', providerRefusedAt: now })
    .where(eq(orders.id, id))
    .returning()
    .get()
}

/** The money went back to the client: only a paid order, once. */
export function markOrderRefunded(db: Db, id: number, now: number, by: number | null): OrderRow | undefined {
  return db
    .update(orders)
    .set({ status: 'refunded', refundedAt: now, refundedBy: by })
    .where(and(eq(orders.id, id), eq(orders.status, 'paid')))
    .returning()
    .get()
}

/** Who refunded an order Telegram's report recorded without a name: only when none is set. */
export function setOrderRefundedBy(db: Db, id: number, by: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ refundedBy: by })
    .where(and(eq(orders.id, id), eq(orders.status, 'refunded'), isNull(orders.refundedBy)))
    .returning()
    .get()
}

export function cancelOrder(db: Db, id: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ status: 'cancelled' })
    .where(and(eq(orders.id, id), eq(orders.status, 'unpaid')))
    .returning()
    .get()
}

/** The client pressed "I paid": only on their own unpaid order, once until staff answer. */
export function setClientReportedPaid(db: Db, id: number, clientId: number, now: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ clientReportedPaidAt: now })
    .where(
      and(
        eq(orders.id, id),
        eq(orders.clientId, clientId),
        eq(orders.status, 'unpaid'),
        isNull(orders.clientReportedPaidAt),
      ),
    )
    .returning()
    .get()
}

/** Staff did not find the payment: the order is plainly unpaid again (reminders resume). */
export function clearClientReportedPaid(db: Db, id: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ clientReportedPaidAt: null })
    .where(and(eq(orders.id, id), eq(orders.status, 'unpaid'), sql`${orders.clientReportedPaidAt} IS NOT NULL`))
    .returning()
    .get()
}

export function markOrderDone(db: Db, id: number, now: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ doneAt: now })
    .where(and(eq(orders.id, id), isNull(orders.doneAt), ne(orders.status, 'cancelled')))
    .returning()
    .get()
}

/** The job an order is of: its first invoice's id (`orders.partOf`). */
export const jobOf = (order: Pick<OrderRow, 'id' | 'partOf'>): number => order.partOf ?? order.id

/** SQL for the job of each order (`jobOf`). */
const JOB = sql`coalesce(${orders.partOf}, ${orders.id})`

/** The invoices of the job whose first invoice is `jobId`, oldest first. */
export function listJobOrders(db: Db, jobId: number): OrderRow[] {
  return db
    .select()
    .from(orders)
    .where(or(eq(orders.id, jobId), eq(orders.partOf, jobId)))
    .orderBy(orders.id)
    .all()
}

/**
 * How many of the client's jobs (an order with its parts: `orders.partOf`) were paid, refunded
 * since or not, not counting the jobs `exceptJobs`: a client who paid for two has, whichever was
 * given back and when. A balance paid after a prepayment is the same job, not a second one.
 */
export function countJobsEverPaid(db: Db, clientId: number, exceptJobs: readonly number[] = []): number {
  const row = db
    .select({ n: sql<number>`count(distinct ${JOB})` })
    .from(orders)
    .where(
      and(
        eq(orders.clientId, clientId),
        inArray(orders.status, ['paid', 'refunded']),
        exceptJobs.length === 0 ? undefined : notInArray(JOB, [...exceptJobs]),
      ),
    )
    .get()
  return row?.n ?? 0
}

/** Links invoice `orderId` to the client's invoices that waited to be paid when it was issued (`orderEarlier`). */
export function insertEarlier(db: Db, orderId: number, earlierIds: readonly number[]): void {
  if (earlierIds.length === 0) return
  db.insert(orderEarlier)
    .values(earlierIds.map((earlierId) => ({ orderId, earlierId })))
    .onConflictDoNothing()
    .run()
}

/**
 * The invoices linked to `orderId` either way (`orderEarlier`): those that waited when it was
 * issued, and those issued while it waited. Oldest first.
 */
export function listLinkedOrders(db: Db, orderId: number): OrderRow[] {
  const earlier = db.select({ id: orderEarlier.earlierId }).from(orderEarlier).where(eq(orderEarlier.orderId, orderId))
  const later = db.select({ id: orderEarlier.orderId }).from(orderEarlier).where(eq(orderEarlier.earlierId, orderId))
  return db
    .select()
    .from(orders)
    .where(or(inArray(orders.id, earlier), inArray(orders.id, later)))
    .orderBy(orders.id)
    .all()
}

/** The two invoices are no longer linked (the team said they are separate orders): whichever way they were. */
export function unlinkOrders(db: Db, a: number, b: number): void {
  db.delete(orderEarlier)
    .where(
      or(
        and(eq(orderEarlier.orderId, a), eq(orderEarlier.earlierId, b)),
        and(eq(orderEarlier.orderId, b), eq(orderEarlier.earlierId, a)),
      ),
    )
    .run()
}

/**
 * The unpaid order's payment reminders wait for the team, held by the payment of `by`
 * (`orders.remindersHeldBy`): once, the first such payment standing. The row, or undefined when it
 * is not unpaid or is held already.
 */
export function holdOrderReminders(db: Db, id: number, by: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ remindersHeldBy: by })
    .where(and(eq(orders.id, id), eq(orders.status, 'unpaid'), isNull(orders.remindersHeldBy)))
    .returning()
    .get()
}

/** The order's reminders held by a linked payment go again: once (a second press finds it released). */
export function releaseOrderReminders(db: Db, id: number): OrderRow | undefined {
  return db
    .update(orders)
    .set({ remindersHeldBy: null })
    .where(and(eq(orders.id, id), isNotNull(orders.remindersHeldBy)))
    .returning()
    .get()
}

/**
 * Holds an /invoice until staff say whether it is a part of an order under way; undefined when
 * that /invoice message was held already (Telegram delivered it again).
 */
export function insertInvoiceDraft(
  db: Db,
  draft: {
    clientId: number
    draft: InvoiceDraft
    createdBy: number | null
    sourceChatId: number
    sourceMessageId: number
  },
  now: number,
): InvoiceDraftRow | undefined {
  return db
    .insert(invoiceDrafts)
    .values({ ...draft, createdAt: now })
    .onConflictDoNothing()
    .returning()
    .get()
}

export function findInvoiceDraft(db: Db, id: number): InvoiceDraftRow | undefined {
  return db.select().from(invoiceDrafts).where(eq(invoiceDrafts.id, id)).get()
}

/** Takes the held /invoice (it is deleted): once, so a second press finds nothing. */
export function takeInvoiceDraft(db: Db, id: number): InvoiceDraftRow | undefined {
  return db.delete(invoiceDrafts).where(eq(invoiceDrafts.id, id)).returning().get()
}
