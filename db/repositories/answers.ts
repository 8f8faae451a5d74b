/**
 * Discovery and quiz answers: one current row per client, kind and question
 * (a new answer replaces the old one). Written the moment an answer is given,
 * so /cancel, a restart or a conversation version bump never loses one.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { answers } from '../schema.ts'

export type AnswerKind = 'discovery' | 'quiz'
/** choice → option value; multi → values; number → number; typed answers → text; skipped → ''. */
export type AnswerValue = string | number | string[]

export interface StoredAnswer {
  questionKey: string
  value: AnswerValue
  updatedAt: number
}

const p = sql.placeholder
/** Every step of a question flow saves an answer and reads the answers so far. */
const statements = perConnection((db) => ({
  save: db
    .insert(answers)
    .values({
      clientId: p('clientId'),
      kind: p('kind'),
      questionKey: p('questionKey'),
      value: p('value'),
      createdAt: p('now'),
      updatedAt: p('now'),
    })
    .onConflictDoUpdate({
      target: [answers.clientId, answers.kind, answers.questionKey],
      set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare(),
  list: db
    .select({ questionKey: answers.questionKey, value: answers.value, updatedAt: answers.updatedAt })
    .from(answers)
    .where(and(eq(answers.clientId, p('clientId')), eq(answers.kind, p('kind'))))
    .prepare(),
}))

export function saveAnswer(
  db: Db,
  input: { clientId: number; kind: AnswerKind; questionKey: string; value: AnswerValue },
  now: number,
): void {
  statements(db).save.run({ ...input, now })
}

export function listAnswers(db: Db, clientId: number, kind: AnswerKind): StoredAnswer[] {
  return statements(db).list.all({ clientId, kind }) as StoredAnswer[]
}

export function deleteAnswers(db: Db, clientId: number, kind: AnswerKind): void {
  db.delete(answers)
    .where(and(eq(answers.clientId, clientId), eq(answers.kind, kind)))
    .run()
}
