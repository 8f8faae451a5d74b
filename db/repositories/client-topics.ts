/**
 * The bot's bookkeeping of clients' topics (`client_topics`, `left_topics`: those left in
 * another group by /move, and `replaced_cards`: cards a newer one replaced) and of staff groups' problems
 * the owners were told about (`staff_group_problems`). Small synchronous queries.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { clientTopics, leftTopics, replacedCards, staffGroupProblems } from '../schema.ts'

export type ClientTopicRow = typeof clientTopics.$inferSelect
type ClientTopicFacts = Partial<Omit<ClientTopicRow, 'clientId' | 'updatedAt'>>

// Read for every message a client's topic gets (whether it still lacks its card): prepared once
const statements = perConnection((db) => ({
  byClient: db
    .select()
    .from(clientTopics)
    .where(eq(clientTopics.clientId, sql.placeholder('clientId')))
    .prepare(),
}))

export function findClientTopic(db: Db, clientId: number): ClientTopicRow | undefined {
  return statements(db).byClient.get({ clientId })
}

/** Whether the client's card is posted in topic `topicId` of group `chatId` (not one of another topic, nor of a topic of the same id elsewhere). */
export function cardShownIn(row: ClientTopicRow | undefined, chatId: number, topicId: number | null): boolean {
  return row?.cardMessageId != null && row.cardTopicId === topicId && (row.cardChatId ?? chatId) === chatId
}

/** Sets these facts of the client's topic, creating its row with the first one. */
export function updateClientTopic(db: Db, clientId: number, facts: ClientTopicFacts, now: number): void {
  db.insert(clientTopics)
    .values({ clientId, ...facts, updatedAt: now })
    .onConflictDoUpdate({ target: clientTopics.clientId, set: { ...facts, updatedAt: now } })
    .run()
}

/** Clients whose topic the bot closed (not a person): closed at a closed request by earlier versions. */
export function topicsClosedByBot(db: Db): number[] {
  return db
    .select({ clientId: clientTopics.clientId })
    .from(clientTopics)
    .where(and(eq(clientTopics.topicClosed, true), eq(clientTopics.closedByHand, false)))
    .orderBy(asc(clientTopics.clientId))
    .all()
    .map((row) => row.clientId)
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

// Topics clients left behind in another staff group when an owner moved them (`left_topics`):
// what /forget must still rename, edit and delete there

export type LeftTopicRow = typeof leftTopics.$inferSelect

/** Records the topic (the card and the managers' notes in it) the client leaves behind in that group. */
export function recordLeftTopic(db: Db, row: LeftTopicRow): void {
  db.insert(leftTopics)
    .values(row)
    .onConflictDoUpdate({
      target: [leftTopics.chatId, leftTopics.topicId],
      set: { clientId: row.clientId, cardMessageId: row.cardMessageId, notes: row.notes, leftAt: row.leftAt },
    })
    .run()
}

/** Who left this topic behind in this group, if anyone did. */
export function findLeftTopic(db: Db, chatId: number, topicId: number): LeftTopicRow | undefined {
  return db
    .select()
    .from(leftTopics)
    .where(and(eq(leftTopics.chatId, chatId), eq(leftTopics.topicId, topicId)))
    .get()
}

/** The topics the client left behind, oldest first. */
export function listLeftTopics(db: Db, clientId: number): LeftTopicRow[] {
  return db.select().from(leftTopics).where(eq(leftTopics.clientId, clientId)).orderBy(asc(leftTopics.leftAt)).all()
}

// Cards a newer card replaced (`replaced_cards`): what /forget must still edit

export type ReplacedCardRow = typeof replacedCards.$inferSelect

export function recordReplacedCard(db: Db, row: ReplacedCardRow): void {
  db.insert(replacedCards).values(row).onConflictDoNothing().run()
}

/** The client's replaced cards, oldest first. */
export function listReplacedCards(db: Db, clientId: number): ReplacedCardRow[] {
  return db
    .select()
    .from(replacedCards)
    .where(eq(replacedCards.clientId, clientId))
    .orderBy(asc(replacedCards.replacedAt))
    .all()
}
