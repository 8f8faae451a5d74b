/**
 * Read-only view of a client's orders for "My stuff". Orders are created and updated by the
 * staff's order commands; this module only reads them.
 */
import { and, asc, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type OrderRow, orders } from '../schema.ts'

/** Orders still open for the client: unpaid ones, and paid ones whose work is not done yet; oldest first. */
export function listOpenOrders(db: Db, clientId: number): OrderRow[] {
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.clientId, clientId),
        or(eq(orders.status, 'unpaid'), and(eq(orders.status, 'paid'), isNull(orders.doneAt))),
      ),
    )
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .all()
}

/**
 * The client's last `limit` finished orders: done (paid, and /done said the work is finished)
 * or refunded; the latest first. A client coming back months later sees what they had.
 */
export function listFinishedOrders(db: Db, clientId: number, limit: number): OrderRow[] {
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.clientId, clientId),
        or(and(eq(orders.status, 'paid'), isNotNull(orders.doneAt)), eq(orders.status, 'refunded')),
      ),
    )
    .orderBy(desc(sql`coalesce(${orders.refundedAt}, ${orders.doneAt}, ${orders.paidAt})`), desc(orders.id))
    .limit(limit)
    .all()
}
