/**
 * The bot's bookkeeping of clients' topics (`client_topics`) and of staff groups' problems
 * the owners were told about (`staff_group_problems`). Small synchronous queries.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { clientTopics, staffGroupProblems } from '../schema.ts'

export type ClientTopicRow = typeof clientTopics.$inferSelect
type ClientTopicFacts = Partial<Omit<ClientTopicRow, 'clientId' | 'updatedAt'>>

export function findClientTopic(db: Db, clientId: number): ClientTopicRow | undefined {
  return db.select().from(clientTopics).where(eq(clientTopics.clientId, clientId)).get()
}

/** Sets these facts of the client's topic, creating its row with the first one. */
export function updateClientTopic(db: Db, clientId: number, facts: ClientTopicFacts, now: number): void {
  db.insert(clientTopics)
    .values({ clientId, ...facts, updatedAt: now })
    .onConflictDoUpdate({ target: clientTopics.clientId, set: { ...facts, updatedAt: now } })
    .run()
}

/** Records the problems not told yet and returns them (a problem stays told until cleared). */
export function tellNewProblems(db: Db, groupId: number, problems: readonly string[], now: number): string[] {
  if (problems.length === 0) return []
  return db
    .insert(staffGroupProblems)
    .values(problems.map((problem) => ({ groupId, problem, toldAt: now })))
    .onConflictDoNothing()
    .returning({ problem: staffGroupProblems.problem })
    .all()
    .map((row) => row.problem)
}

export function clearProblems(db: Db, groupId: number, problems: readonly string[]): void {
  db.delete(staffGroupProblems)
    .where(and(eq(staffGroupProblems.groupId, groupId), inArray(staffGroupProblems.problem, [...problems])))
    .run()
}
