/**
 * Discovery and quiz answers: one current row per client, kind and question
 * (a new answer replaces the old one). Written the moment an answer is given,
 * so /cancel, a restart or a conversation version bump never loses one.
 */
import { and, eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { answers } from '../schema.ts'

export type AnswerKind = 'discovery' | 'quiz'
/** choice → option value; multi → values; number → number; typed answers → text; skipped → ''. */
export type AnswerValue = string | number | string[]

export interface StoredAnswer {
  questionKey: string
  value: AnswerValue
  updatedAt: number
}

export function saveAnswer(
  db: Db,
  input: { clientId: number; kind: AnswerKind; questionKey: string; value: AnswerValue },
  now: number,
): void {
  db.insert(answers)
    .values({ ...input, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [answers.clientId, answers.kind, answers.questionKey],
      set: { value: input.value, updatedAt: now },
    })
    .run()
}

export function listAnswers(db: Db, clientId: number, kind: AnswerKind): StoredAnswer[] {
  return db
    .select({ questionKey: answers.questionKey, value: answers.value, updatedAt: answers.updatedAt })
    .from(answers)
    .where(and(eq(answers.clientId, clientId), eq(answers.kind, kind)))
    .all() as StoredAnswer[]
}

export function deleteAnswers(db: Db, clientId: number, kind: AnswerKind): void {
  db.delete(answers)
    .where(and(eq(answers.clientId, clientId), eq(answers.kind, kind)))
    .run()
}
