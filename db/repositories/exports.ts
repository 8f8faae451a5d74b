/** Read-only queries for exports: every client at once, or everything about one client. */
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import {
  answers,
  bookings,
  type ClientRow,
  clients,
  clientTags,
  events,
  feedback,
  handoffs,
  messages,
  orders,
  quizResults,
} from '../schema.ts'
import { isClient } from './clients.ts'

export interface ClientSummaryRow {
  client: ClientRow
  tags: string[]
  topProduct: string | null
  bookings: number
  paidOrders: number
  /** Sum of paid orders per currency, minor units. */
  paidTotals: Record<string, number>
}

/** Every client (not staff, see `isClient`) who has not erased their data, oldest first, with a few aggregates. */
export function allClientSummaries(db: Db): ClientSummaryRow[] {
  const rows = db
    .select()
    .from(clients)
    .where(and(isNull(clients.deletedAt), isClient()))
    .orderBy(asc(clients.id))
    .all()
  const tags = new Map<number, string[]>()
  for (const t of db.select().from(clientTags).orderBy(asc(clientTags.tag)).all()) {
    const list = tags.get(t.clientId) ?? []
    list.push(t.tag)
    tags.set(t.clientId, list)
  }
  const top = new Map<number, string>()
  for (const q of db
    .select({
      clientId: quizResults.clientId,
      product: sql<string | null>`json_extract(${quizResults.ranking}, '$[0].productId')`,
    })
    .from(quizResults)
    .where(and(eq(quizResults.isCurrent, true), sql`${quizResults.outcome} != 'no_match'`))
    .all()) {
    if (q.product) top.set(q.clientId, q.product)
  }
  const bookingCounts = new Map(
    db
      .select({ clientId: bookings.clientId, n: count() })
      .from(bookings)
      .groupBy(bookings.clientId)
      .all()
      .map((r) => [r.clientId, r.n]),
  )
  const paid = new Map<number, { n: number; totals: Record<string, number> }>()
  for (const o of db
    .select({
      clientId: orders.clientId,
      currency: orders.currency,
      n: count(),
      sum: sql<number>`sum(${orders.amount})`,
    })
    .from(orders)
    .where(eq(orders.status, 'paid'))
    .groupBy(orders.clientId, orders.currency)
    .all()) {
    const entry = paid.get(o.clientId) ?? { n: 0, totals: {} }
    entry.n += o.n
    entry.totals[o.currency] = Number(o.sum)
    paid.set(o.clientId, entry)
  }
  return rows.map((client) => ({
    client,
    tags: tags.get(client.id) ?? [],
    topProduct: top.get(client.id) ?? null,
    bookings: bookingCounts.get(client.id) ?? 0,
    paidOrders: paid.get(client.id)?.n ?? 0,
    paidTotals: paid.get(client.id)?.totals ?? {},
  }))
}

/** By internal id, Telegram id or @username (case-insensitive). */
export function findClientByReference(db: Db, reference: string): ClientRow | undefined {
  const ref = reference.trim()
  if (/^\d{1,15}$/.test(ref)) {
    const n = Number(ref)
    return (
      db.select().from(clients).where(eq(clients.id, n)).get() ??
      db.select().from(clients).where(eq(clients.telegramId, n)).get()
    )
  }
  const username = /^@?([A-Za-z0-9_]{3,32})$/.exec(ref)?.[1]
  if (!username) return undefined
  return db.select().from(clients).where(sql`lower(${clients.username}) = ${username.toLowerCase()}`).get()
}

/** Everything stored about one client, table by table (plain rows). */
export function clientDataRows(db: Db, clientId: number) {
  return {
    tags: db.select().from(clientTags).where(eq(clientTags.clientId, clientId)).all(),
    answers: db.select().from(answers).where(eq(answers.clientId, clientId)).orderBy(asc(answers.id)).all(),
    quizResults: db
      .select()
      .from(quizResults)
      .where(eq(quizResults.clientId, clientId))
      .orderBy(asc(quizResults.id))
      .all(),
    bookings: db.select().from(bookings).where(eq(bookings.clientId, clientId)).orderBy(asc(bookings.id)).all(),
    handoffs: db.select().from(handoffs).where(eq(handoffs.clientId, clientId)).orderBy(asc(handoffs.id)).all(),
    orders: db.select().from(orders).where(eq(orders.clientId, clientId)).orderBy(asc(orders.id)).all(),
    feedback: db.select().from(feedback).where(eq(feedback.clientId, clientId)).orderBy(asc(feedback.id)).all(),
    messages: db.select().from(messages).where(eq(messages.clientId, clientId)).orderBy(asc(messages.id)).all(),
    events: db.select().from(events).where(eq(events.clientId, clientId)).orderBy(asc(events.id)).all(),
  }
}
