/**
 * Discovery and quiz answers: one current row per client, kind and question
 * (a new answer replaces the old one). Written the moment an answer is given,
 * so /cancel, a restart or a conversation version bump never loses one.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { keptUntilWrite, perConnection } from '../prepared.ts'
import { answers } from '../schema.ts'

export type AnswerKind = 'discovery' | 'quiz'
/** choice → option value; multi → values; number → number; typed answers → text; skipped → ''. */
export type AnswerValue = string | number | string[]

/** The client's message a typed answer came in, and its chat (null: the chat with the bot, else the Business connection). */
export interface AnswerMessage {
  messageId: number
  chat: string | null
}

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
      messageId: p('messageId'),
      businessConnectionId: p('chat'),
      createdAt: p('now'),
      updatedAt: p('now'),
    })
    .onConflictDoUpdate({
      target: [answers.clientId, answers.kind, answers.questionKey],
      set: {
        value: sql`excluded.value`,
        messageId: sql`excluded.message_id`,
        businessConnectionId: sql`excluded.business_connection_id`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .prepare(),
  byMessage: db
    .select({ kind: answers.kind })
    .from(answers)
    .where(
      and(
        eq(answers.clientId, p('clientId')),
        eq(answers.messageId, p('messageId')),
        sql`${answers.businessConnectionId} IS ${p('chat')}`,
      ),
    )
    .limit(1)
    .prepare(),
  list: db
    .select({ questionKey: answers.questionKey, value: answers.value, updatedAt: answers.updatedAt })
    .from(answers)
    .where(and(eq(answers.clientId, p('clientId')), eq(answers.kind, p('kind'))))
    .prepare(),
  // A new take of the quiz clears the last one's answers
  clear: db
    .delete(answers)
    .where(and(eq(answers.clientId, p('clientId')), eq(answers.kind, p('kind'))))
    .prepare(),
}))

export function saveAnswer(
  db: Db,
  input: { clientId: number; kind: AnswerKind; questionKey: string; value: AnswerValue },
  now: number,
  /** The message a typed answer came in; none for a button. */
  from?: AnswerMessage,
): void {
  statements(db).save.run({ ...input, messageId: from?.messageId ?? null, chat: from?.chat ?? null, now })
  listsSinceWrite.wrote(db)
}

/** Which flow's stored answer the client's message gave, if any. */
export function answerKindOf(db: Db, clientId: number, from: AnswerMessage): AnswerKind | undefined {
  const row = statements(db).byMessage.get({ clientId, messageId: from.messageId, chat: from.chat }) as
    | { kind: AnswerKind }
    | undefined
  return row?.kind
}

/**
 * A flow step reads the client's answers once to store one (what comes next) and again as the
 * next question's run plans it: kept until the table is written. Frozen, rows and the values
 * they hold, since every reader gets the same ones. Every write of the table goes through this
 * module (the erasure's too), or the rows kept would outlive it; no client row is deleted
 * (erasure anonymises it), so the table's cascade never writes it behind this module's back.
 */
const listsSinceWrite = keptUntilWrite<string, { rows: readonly StoredAnswer[] }>()

export function listAnswers(db: Db, clientId: number, kind: AnswerKind): readonly StoredAnswer[] {
  const key = `${kind}:${clientId}`
  const kept = listsSinceWrite.get(db, key)
  if (kept) return kept.rows
  const rows = (statements(db).list.all({ clientId, kind }) as StoredAnswer[]).map((row) => {
    if (Array.isArray(row.value)) Object.freeze(row.value)
    return Object.freeze(row)
  })
  return listsSinceWrite.keep(db, key, { rows: Object.freeze(rows) }).rows
}

export function deleteAnswers(db: Db, clientId: number, kind: AnswerKind): void {
  statements(db).clear.run({ clientId, kind })
  listsSinceWrite.wrote(db)
}

/** The client erased their data (src/services/erasure.ts): every answer of theirs goes. */
export function eraseAnswersOf(db: Db, clientId: number): void {
  db.delete(answers).where(eq(answers.clientId, clientId)).run()
  listsSinceWrite.wrote(db)
}
