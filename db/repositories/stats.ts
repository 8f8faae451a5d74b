/**
 * Loads the plain rows the stats maths needs (src/services/stats.ts), from `since` on.
 * Read-only; every query uses an index on its time column or a small table. Only
 * clients count: what the team did with the bot themselves is left out (`isClient`).
 */
import { and, eq, gte, isNotNull, min, or, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { bookings, clients, events, feedback, handoffs, messages, orders } from '../schema.ts'
import { isClient } from './clients.ts'

export function loadStatsRows(db: Db, since: number) {
  const eventRows = db
    .select({ clientId: events.clientId, type: events.type, createdAt: events.createdAt })
    .from(events)
    .where(and(gte(events.createdAt, since), isClient(events.clientId)))
    .all()
  const bookingRows = db
    .select({
      clientId: bookings.clientId,
      status: bookings.status,
      slotStart: bookings.slotStart,
      createdAt: bookings.createdAt,
    })
    .from(bookings)
    .where(and(or(gte(bookings.createdAt, since), gte(bookings.slotStart, since)), isClient(bookings.clientId)))
    .all()
  const handoffRows = db
    .select({
      id: handoffs.id,
      openedAt: handoffs.openedAt,
      firstResponseAt: handoffs.firstResponseAt,
      firstResponderId: handoffs.firstResponderId,
      managerId: handoffs.managerId,
    })
    .from(handoffs)
    .where(and(gte(handoffs.openedAt, since), isClient(handoffs.clientId)))
    .all()
  const feedbackRows = db
    .select({
      kind: feedback.kind,
      score: feedback.score,
      managerId: feedback.managerId,
      createdAt: feedback.createdAt,
    })
    .from(feedback)
    .where(and(gte(feedback.createdAt, since), isClient(feedback.clientId)))
    .all()
  // A customer: someone with a paid order, from their first payment on
  const customerRows = db
    .select({
      clientId: orders.clientId,
      firstPaidAt: min(orders.paidAt),
      deletedAt: clients.deletedAt,
      blockedAt: clients.blockedAt,
    })
    .from(orders)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .where(and(eq(orders.status, 'paid'), isNotNull(orders.paidAt), isClient(orders.clientId)))
    .groupBy(orders.clientId)
    .all()
    .map((r) => ({
      clientId: r.clientId,
      firstPaidAt: r.firstPaidAt as number,
      goneAt: minOf(r.deletedAt, r.blockedAt),
    }))
  // Any sign of life: events, orders, bookings, feedback, messages from the client
  const activity = db.all<{ clientId: number; at: number }>(sql`
    select clientId, at from (
    select ${events.clientId} as clientId, ${events.createdAt} as at from ${events}
      where ${events.clientId} is not null and ${events.createdAt} >= ${since}
    union all select ${orders.clientId}, ${orders.createdAt} from ${orders} where ${orders.createdAt} >= ${since}
    union all select ${orders.clientId}, ${orders.paidAt} from ${orders} where ${orders.paidAt} >= ${since}
    union all select ${bookings.clientId}, ${bookings.createdAt} from ${bookings} where ${bookings.createdAt} >= ${since}
    union all select ${feedback.clientId}, ${feedback.createdAt} from ${feedback} where ${feedback.createdAt} >= ${since}
    union all select ${messages.clientId}, ${messages.createdAt} from ${messages}
      where ${messages.direction} = 'in' and ${messages.createdAt} >= ${since}
    ) where ${isClient(sql`clientId`)}
  `)
  return {
    events: eventRows,
    bookings: bookingRows,
    handoffs: handoffRows,
    feedback: feedbackRows,
    customers: customerRows,
    activity,
  }
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.min(a, b)
}

/** Display names of staff members (staff.name, else their client row's name). */
export function staffNames(db: Db, ids: readonly number[]): Map<number, string> {
  const names = new Map<number, string>()
  for (const id of ids) {
    const row = db.all<{ name: string | null }>(sql`
      select coalesce(
        (select name from staff where telegram_id = ${id}),
        (select coalesce(display_name, first_name) from clients where telegram_id = ${id})
      ) as name`)[0]
    if (row?.name) names.set(id, row.name)
  }
  return names
}
