/** Read-only queries for exports: every client at once, or everything about one client. */
import { asc, eq, sql } from 'drizzle-orm'
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
  payments,
  productFeedback,
  quizResults,
} from '../schema.ts'
import { STAFF_CLIENT_IDS } from './clients.ts'
import { recordEvent } from './events.ts'

export interface ClientSummaryRow {
  id: number
  telegramId: number | null
  username: string | null
  firstName: string | null
  lastName: string | null
  displayName: string | null
  language: string | null
  phone: string | null
  email: string | null
  birthday: string | null
  source: string | null
  referrerId: number | null
  stage: ClientRow['stage']
  consentAskedAt: number | null
  consentAt: number | null
  consentDeclinedAt: number | null
  consentVersion: string | null
  optOutAt: number | null
  blockedAt: number | null
  createdAt: number
  lastSeenAt: number
  /** Tags in alphabetical order. */
  tags: string[]
  /** The product the current quiz result ranks first. */
  topProduct: string | null
  bookings: number
  paidOrders: number
  /** Sum of paid orders per currency (alphabetical), minor units. */
  paidTotals: Record<string, number>
  /** Orders paid and given back since (not among the paid ones). */
  refundedOrders: number
  /** Their sums per currency (alphabetical), minor units. */
  refundedTotals: Record<string, number>
  /** Invoices still to pay (a payment the client reported but staff have not confirmed included). */
  unpaidOrders: number
  /** Their sums per currency (alphabetical), minor units: what the client owes. */
  unpaidTotals: Record<string, number>
}

/**
 * Every client (not the team: STAFF_CLIENT_IDS) who has not erased their data, oldest first, with a few aggregates, one at
 * a time (one query; each aggregate uses the client's own index), so a large export never
 * holds every client in memory.
 */
export function* eachClientSummary(db: Db): Generator<ClientSummaryRow> {
  const rows = db.$client
    .prepare(
      `select c.id, c.telegram_id as telegramId, c.username, c.first_name as firstName, c.last_name as lastName,
        c.display_name as displayName, c.language, c.phone, c.email, c.birthday, c.source, c.referrer_id as referrerId,
        c.stage, c.consent_asked_at as consentAskedAt, c.consent_at as consentAt,
        c.consent_declined_at as consentDeclinedAt, c.consent_version as consentVersion, c.opt_out_at as optOutAt,
        c.blocked_at as blockedAt,
        c.created_at as createdAt, c.last_seen_at as lastSeenAt,
        (select json_group_array(tag order by tag) from client_tags t where t.client_id = c.id) as tags,
        (select json_extract(q.ranking, '$[0].productId') from quiz_results q
          where q.client_id = c.id and q.is_current = 1 and q.outcome != 'no_match' order by q.id desc limit 1) as topProduct,
        (select count(*) from bookings b where b.client_id = c.id) as bookings,
        (select json_group_array(json_array(status, currency, n, total)) from (select status, currency,
          count(*) as n, sum(amount) as total from orders o
          where o.client_id = c.id and o.status in ('paid', 'refunded', 'unpaid') group by status, currency order by currency)) as orders
      from clients c where c.deleted_at is null and c.id not in ${STAFF_CLIENT_IDS} order by c.id`,
    )
    .iterate() as IterableIterator<Omit<ClientSummaryRow, 'tags' | keyof OrderSums> & { tags: string; orders: string }>
  for (const { orders, tags, ...row } of rows) {
    const sums: OrderSums = {
      paidOrders: 0,
      paidTotals: {},
      refundedOrders: 0,
      refundedTotals: {},
      unpaidOrders: 0,
      unpaidTotals: {},
    }
    const of = {
      paid: ['paidOrders', 'paidTotals'],
      refunded: ['refundedOrders', 'refundedTotals'],
      unpaid: ['unpaidOrders', 'unpaidTotals'],
    } as const
    for (const [status, currency, n, total] of JSON.parse(orders) as [keyof typeof of, string, number, number][]) {
      const [count, totals] = of[status]
      sums[count] += n
      sums[totals][currency] = total
    }
    yield { ...row, ...sums, tags: JSON.parse(tags) }
  }
}

type OrderSums = Pick<
  ClientSummaryRow,
  'paidOrders' | 'paidTotals' | 'refundedOrders' | 'refundedTotals' | 'unpaidOrders' | 'unpaidTotals'
>

/**
 * By internal id, Telegram id or @username (case-insensitive); a "#12" the caller reads
 * first (parseClientNumber), as it is the internal id alone.
 */
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
    /** 👍/👎 on the cards of their quiz results (each result's own rows). */
    productVotes: db
      .select({
        resultId: productFeedback.resultId,
        productId: productFeedback.productId,
        vote: productFeedback.vote,
        createdAt: productFeedback.createdAt,
      })
      .from(productFeedback)
      .innerJoin(quizResults, eq(quizResults.id, productFeedback.resultId))
      .where(eq(quizResults.clientId, clientId))
      .orderBy(asc(productFeedback.resultId), asc(productFeedback.createdAt))
      .all(),
    bookings: db.select().from(bookings).where(eq(bookings.clientId, clientId)).orderBy(asc(bookings.id)).all(),
    handoffs: db.select().from(handoffs).where(eq(handoffs.clientId, clientId)).orderBy(asc(handoffs.id)).all(),
    orders: db.select().from(orders).where(eq(orders.clientId, clientId)).orderBy(asc(orders.id)).all(),
    payments: db.select().from(payments).where(eq(payments.clientId, clientId)).orderBy(asc(payments.id)).all(),
    feedback: db.select().from(feedback).where(eq(feedback.clientId, clientId)).orderBy(asc(feedback.id)).all(),
    messages: db.select().from(messages).where(eq(messages.clientId, clientId)).orderBy(asc(messages.id)).all(),
    events: db.select().from(events).where(eq(events.clientId, clientId)).orderBy(asc(events.id)).all(),
  }
}

/**
 * The event that records an all-clients export sent to an owner: about no client, so every
 * /forget keeps it, and a client's /forget finds by it the files that may hold their row.
 */
export const CLIENTS_EXPORTED = 'clients_exported'

export interface ClientsExportRecord {
  /** The chat it was sent to: an owner's chat with the bot. */
  chat: number
  /** The file's name without `.csv`; a file of several parts names each `<name>-N-of-M.csv`. */
  name: string
  parts: number
  /** The highest client number in it: clients are written in the order of their number, so no later one is. */
  lastId: number
}

/** Records an all-clients export sent at `at` (the moment its rows were read). */
export function recordClientsExport(db: Db, record: ClientsExportRecord, at: number): void {
  recordEvent(db, null, CLIENTS_EXPORTED, at, record)
}

/**
 * The all-clients exports sent since the client became one (their number is no higher than the
 * file's last), oldest first: each may hold their row (the bot keeps no copy to look).
 */
export function exportsHolding(db: Db, clientId: number): (ClientsExportRecord & { at: number })[] {
  return db
    .all<{ at: number; data: string }>(
      sql`select created_at as at, data from events
        where type = ${CLIENTS_EXPORTED} and json_extract(data, '$.lastId') >= ${clientId} order by created_at, id`,
    )
    .map(({ at, data }) => ({ ...(JSON.parse(data) as ClientsExportRecord), at }))
}
