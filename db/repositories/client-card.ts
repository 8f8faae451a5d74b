/**
 * Everything a manager sees about a client on the card in their topic
 * (docs/managers.md), read straight from the other features' tables.
 */
import { and, asc, count, desc, eq, gte, notInArray } from 'drizzle-orm'
import type { Db } from '../client.ts'
import {
  answers,
  type BookingRow,
  bookings,
  type ClientRow,
  clients,
  feedback,
  handoffs,
  type JobRow,
  jobs,
  type MessageRow,
  messages,
  type OrderRow,
  orders,
  productFeedback,
  quizResults,
} from '../schema.ts'
import { listAnswers, type StoredAnswer } from './answers.ts'
import { lastTakeResult } from './quiz-results.ts'
import { listTags } from './tags.ts'

export type AnswerRow = typeof answers.$inferSelect
export type QuizResultRow = typeof quizResults.$inferSelect
export type FeedbackRow = typeof feedback.$inferSelect

export interface ClientCardData {
  client: ClientRow
  referrer?: Pick<ClientRow, 'id' | 'firstName' | 'displayName'>
  tags: string[]
  discovery: AnswerRow[]
  quiz?: QuizResultRow
  /**
   * The answers of a quiz take under way, in the order given: the client stopped before its end
   * (asked for a manager at a question, say), so no result holds them yet. Empty when the answers
   * stored are the current result's, or there are none.
   */
  quizUnderway: readonly StoredAnswer[]
  /** Products the client gave a 👎 on the current quiz result. */
  rejectedProducts: string[]
  bookings: BookingRow[]
  orders: OrderRow[]
  feedback: FeedbackRow[]
  /** How many of the client's requests are closed: all of them, not only as many as the card lists of other things. */
  earlierRequests: number
  notes: MessageRow[]
  /** The soonest pending jobs the card lists, and how many more there are. */
  followups: JobRow[]
  followupsMore: number
}

export function loadClientCard(
  db: Db,
  clientId: number,
  now: number,
  limits = { notes: 5, items: 5 },
  /** Job kinds the card does not list (the request's own timers): they take no place in it. */
  unlistedJobs: readonly string[] = [],
): ClientCardData | undefined {
  const client = db.select().from(clients).where(eq(clients.id, clientId)).get()
  if (!client) return undefined
  const referrer =
    client.referrerId === null
      ? undefined
      : db
          .select({ id: clients.id, firstName: clients.firstName, displayName: clients.displayName })
          .from(clients)
          .where(eq(clients.id, client.referrerId))
          .get()
  const quiz = db
    .select()
    .from(quizResults)
    .where(and(eq(quizResults.clientId, clientId), eq(quizResults.isCurrent, true)))
    .orderBy(desc(quizResults.id))
    .get()
  const rejectedProducts = quiz
    ? db
        .select({ productId: productFeedback.productId })
        .from(productFeedback)
        .where(and(eq(productFeedback.resultId, quiz.id), eq(productFeedback.vote, -1)))
        .all()
        .map((r) => r.productId)
    : []
  const listed = and(
    eq(jobs.clientId, clientId),
    eq(jobs.status, 'pending'),
    unlistedJobs.length > 0 ? notInArray(jobs.kind, [...unlistedJobs]) : undefined,
  )
  const followups = db.select().from(jobs).where(listed).orderBy(asc(jobs.runAt)).limit(limits.items).all()
  // Counted only when the list is full
  const followupsMore =
    followups.length < limits.items
      ? 0
      : (db.select({ n: count() }).from(jobs).where(listed).get()?.n ?? 0) - followups.length
  return {
    client,
    referrer,
    tags: listTags(db, clientId),
    discovery: db
      .select()
      .from(answers)
      .where(and(eq(answers.clientId, clientId), eq(answers.kind, 'discovery')))
      .orderBy(asc(answers.id))
      .all(),
    quiz,
    quizUnderway: lastTakeResult(db, clientId) === undefined ? listAnswers(db, clientId, 'quiz') : [],
    rejectedProducts,
    // Upcoming first, then the latest past ones
    bookings: db
      .select()
      .from(bookings)
      .where(and(eq(bookings.clientId, clientId), gte(bookings.slotEnd, now - 30 * 86_400_000)))
      .orderBy(desc(bookings.slotStart))
      .limit(limits.items)
      .all(),
    orders: db
      .select()
      .from(orders)
      .where(eq(orders.clientId, clientId))
      .orderBy(desc(orders.id))
      .limit(limits.items)
      .all(),
    feedback: db
      .select()
      .from(feedback)
      .where(eq(feedback.clientId, clientId))
      .orderBy(desc(feedback.id))
      .limit(limits.items * 2)
      .all(),
    // Counted, not read: the card shows only the number, and a list capped at `limits.items`
    // undercounted (5 closed and 1 open read as 4). Not prepared, as nothing here is: the
    // card is built when a refresh is delivered, not on every update
    earlierRequests:
      db
        .select({ n: count() })
        .from(handoffs)
        .where(and(eq(handoffs.clientId, clientId), eq(handoffs.status, 'closed')))
        .get()?.n ?? 0,
    notes: db
      .select()
      .from(messages)
      .where(and(eq(messages.clientId, clientId), eq(messages.direction, 'note')))
      .orderBy(desc(messages.id))
      .limit(limits.notes)
      .all(),
    followups,
    followupsMore,
  }
}
