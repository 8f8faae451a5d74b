/**
 * Quiz results: every run is kept (history), exactly one per client is
 * current. Card feedback (👍/👎) per result and product.
 */
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { productFeedback, quizResults } from '../schema.ts'
import { type AnswerValue, listAnswers } from './answers.ts'

export type QuizOutcome = 'match' | 'tie' | 'no_match'

/** One product in a stored ranking, best first. */
export interface RankedProduct {
  productId: string
  score: number
  /** Reached the content's `match_threshold`. */
  matched: boolean
  inStock: boolean
  /** Contributing answers, biggest first: question key, option value, points. */
  contributions: { question: string; option: string; points: number }[]
  /** The explanation in the client's language at the time ("нужны заявки", "срочно"). */
  reasons: string[]
  /**
   * Answers that count against it, most first ("бюджет до 60 тыс." for a store that costs more):
   * said on its card, so a match above the client's means is not shown as a plain fit. (Absent
   * in results stored before.)
   */
  against?: { question: string; option: string; points: number }[]
}

export type QuizResultRow = Omit<typeof quizResults.$inferSelect, 'answers' | 'ranking'> & {
  answers: Record<string, AnswerValue>
  ranking: RankedProduct[]
}

/** Stores a new result as the client's current one; earlier results stay as history. Returns its id. */
export function saveQuizResult(
  db: Db,
  input: { clientId: number; answers: Record<string, AnswerValue>; ranking: RankedProduct[]; outcome: QuizOutcome },
  now: number,
): number {
  return db.transaction((tx) => {
    tx.update(quizResults)
      .set({ isCurrent: false })
      .where(and(eq(quizResults.clientId, input.clientId), eq(quizResults.isCurrent, true)))
      .run()
    const row = tx
      .insert(quizResults)
      .values({ ...input, isCurrent: true, createdAt: now })
      .returning({ id: quizResults.id })
      .get()
    return row.id
  })
}

export function getQuizResult(db: Db, id: number): QuizResultRow | undefined {
  return db.select().from(quizResults).where(eq(quizResults.id, id)).get() as QuizResultRow | undefined
}

/** The current result is read on every quiz step (is this a retake?). */
const statements = perConnection((db) => ({
  current: db
    .select()
    .from(quizResults)
    .where(and(eq(quizResults.clientId, sql.placeholder('clientId')), eq(quizResults.isCurrent, true)))
    .orderBy(desc(quizResults.id))
    .limit(1)
    .prepare(),
}))

export function currentQuizResult(db: Db, clientId: number): QuizResultRow | undefined {
  return statements(db).current.get({ clientId }) as QuizResultRow | undefined
}

/**
 * The result of the client's last quiz answers: the current one, when they answered something
 * and nothing since it was stored. None after "Take again", which clears the answers: that take
 * is under way. Its `shownAt` is null when it never reached the client (its send failed): the
 * take is not over, and starting the quiz shows that result again.
 */
export function lastTakeResult(db: Db, clientId: number): QuizResultRow | undefined {
  const current = currentQuizResult(db, clientId)
  const answers = listAnswers(db, clientId, 'quiz')
  const done = current && answers.length > 0 && answers.every((a) => a.updatedAt <= current.createdAt)
  return done ? current : undefined
}

/**
 * The product the quiz picked for the client: the first of the ranking, unless no product
 * reached the threshold (`no_match`: the first is then just the highest score, maybe 0).
 * The broadcast segment "top quiz result" (segments.ts) and the export's quiz_top_product
 * (exports.ts) say the same in SQL.
 */
export function quizPick(result: Pick<QuizResultRow, 'outcome' | 'ranking'>): string | undefined {
  return result.outcome === 'no_match' ? undefined : result.ranking[0]?.productId
}

export function listQuizResults(db: Db, clientId: number): QuizResultRow[] {
  return db
    .select()
    .from(quizResults)
    .where(eq(quizResults.clientId, clientId))
    .orderBy(desc(quizResults.id))
    .all() as QuizResultRow[]
}

/** 1 = 👍, -1 = 👎. Returns whether anything changed (a repeated tap changes nothing). */
export function setProductVote(db: Db, resultId: number, productId: string, vote: 1 | -1, now: number): boolean {
  const result = db
    .insert(productFeedback)
    .values({ resultId, productId, vote, createdAt: now })
    .onConflictDoUpdate({
      target: [productFeedback.resultId, productFeedback.productId],
      set: { vote, createdAt: now },
      setWhere: ne(productFeedback.vote, vote),
    })
    .run()
  return result.changes > 0
}

export function listProductVotes(db: Db, resultId: number): Map<string, number> {
  const rows = db
    .select({ productId: productFeedback.productId, vote: productFeedback.vote })
    .from(productFeedback)
    .where(eq(productFeedback.resultId, resultId))
    .all()
  return new Map(rows.map((row) => [row.productId, row.vote]))
}

/** How far into a result's stored matches the client has been shown ("Show more" is idempotent against double taps). */
export function shownCount(db: Db, resultId: number): number {
  return (
    db.select({ shown: quizResults.shownCount }).from(quizResults).where(eq(quizResults.id, resultId)).get()?.shown ?? 0
  )
}

export function setShownCount(db: Db, resultId: number, count: number): void {
  db.update(quizResults).set({ shownCount: count }).where(eq(quizResults.id, resultId)).run()
}

/** The result reached the client (the first time counts). */
export function markQuizResultShown(db: Db, resultId: number, now: number): void {
  db.update(quizResults)
    .set({ shownAt: now })
    .where(and(eq(quizResults.id, resultId), isNull(quizResults.shownAt)))
    .run()
}
