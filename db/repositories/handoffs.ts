/**
 * Handoffs to a manager: one row per request, from opening to the client's
 * "yes, solved". A client has at most one active (open or closing) handoff.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, max, or, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { keptUntilWrite, perConnection } from '../prepared.ts'
import {
  type ClientRow,
  clients,
  events,
  type FEEDBACK_KINDS,
  feedback,
  type HandoffAnswerRow,
  type HandoffRow,
  handoffAnswers,
  handoffs,
  messages,
} from '../schema.ts'

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]
/** How the client settled a wait themselves (`settled_by`). */
type SettledBy = NonNullable<HandoffRow['settledBy']>

/** Statuses in which the client is "with a manager": messages are relayed, flows stay quiet. */
export const ACTIVE_HANDOFF_STATUSES = ['open', 'closing'] as const
const ACTIVE_IN = `(${ACTIVE_HANDOFF_STATUSES.map((status) => `'${status}'`).join(', ')})`
const ACTIVE_STATUSES: ReadonlySet<HandoffRow['status']> = new Set(ACTIVE_HANDOFF_STATUSES)

// Asked on every client message (is it for the manager?)
const activeOf = perConnection((db) =>
  db
    .select()
    .from(handoffs)
    // The statuses written into the SQL, not bound: only then may SQLite read the partial
    // index of open requests (handoffs_active_idx, whose condition lists the same two)
    .where(and(eq(handoffs.clientId, sql.placeholder('clientId')), sql`${handoffs.status} in ${sql.raw(ACTIVE_IN)}`))
    .orderBy(desc(handoffs.id))
    .limit(1)
    .prepare(),
)

/**
 * Each client's active request (or that there is none): a client message asks twice (a
 * trigger word? relay it?), the outbox and the night reply ask again. Every write to
 * `handoffs` goes through this module and drops what it may have changed: a write to one
 * request's own columns only that request (`wroteRequest`: the first message after an answer
 * writes one, and every other client's request was read again after it), one of a client's
 * rows only that client's, and a write that may make a request active for a client kept as
 * having none (a closed one reopened) everything.
 */
const activeSinceWrite = keptUntilWrite<number, HandoffRow>()
const wrote = activeSinceWrite.wrote
/** A write to request `id`'s own columns, not its status: a client kept with another request, or none, is not changed. */
const wroteRequest = (db: Db, id: number) => activeSinceWrite.wroteRows(db, (row) => row.id === id)

/**
 * The id of the client's active request, as a column of a statement that writes their row (the
 * visit every update makes returns it: `clients.ts`); null says they have none.
 */
export const ACTIVE_REQUEST_ID = sql<number | null>`(select h.id from handoffs h indexed by handoffs_active_idx
  where h.client_id = "clients"."id" and h.status in ${sql.raw(ACTIVE_IN)} order by h.id desc limit 1)`

/**
 * The client has no active request, as a statement just read (`ACTIVE_REQUEST_ID` null): kept as
 * a read of it would be, so the update's own questions (the menu's, a message's) read nothing.
 */
export function noActiveRequest(db: Db, clientId: number): void {
  activeSinceWrite.keep(db, clientId, undefined)
}

export function findActiveHandoff(db: Db, clientId: number): HandoffRow | undefined {
  const known = activeSinceWrite.get(db, clientId)
  if (known !== undefined) return known ?? undefined
  return activeSinceWrite.keep(db, clientId, activeOf(db).get({ clientId }))
}

/**
 * The first names of the clients other than `exceptClientId` with a request open (or closing): a
 * manager's answer that opens with one of them was likely meant for that client. Reads the few open
 * requests (their partial index), not the clients.
 */
export function openClientFirstNames(db: Db, exceptClientId: number): string[] {
  return db
    .select({ firstName: clients.firstName })
    .from(handoffs)
    .innerJoin(clients, eq(clients.id, handoffs.clientId))
    .where(
      and(
        sql`${handoffs.status} in ${sql.raw(ACTIVE_IN)}`,
        sql`${handoffs.clientId} <> ${exceptClientId}`,
        isNull(clients.deletedAt),
      ),
    )
    .all()
    .flatMap((row) => (row.firstName ? [row.firstName] : []))
}

/** A request someone leads: its client, and who handed it to them when (`handedBy`, `handedAt`). */
export type LedRequest = Pick<HandoffRow, 'clientId' | 'handedBy' | 'handedAt'>

/**
 * The active requests `managerId` leads: those whose client waits for the team's answer first,
 * the longest waiting first (`WAITING_SINCE`, of an open request: one asking "solved?" waits for
 * the client), then the rest, the longest-open first.
 */
export function findRequestsLedBy(db: Db, managerId: number): LedRequest[] {
  const waits = sql`case when ${handoffs.status} = 'open' then ${WAITING_SINCE} end`
  return db
    .select({ clientId: handoffs.clientId, handedBy: handoffs.handedBy, handedAt: handoffs.handedAt })
    .from(handoffs)
    .where(and(eq(handoffs.managerId, managerId), sql`${handoffs.status} in ${sql.raw(ACTIVE_IN)}`))
    .orderBy(sql`${waits} is null`, waits, handoffs.id)
    .all()
}

/**
 * `managerId` leads nobody's active request (open, or asking "solved?") any more: each is left
 * without a lead. Returns those requests' clients.
 */
export function releaseRequestsLedBy(db: Db, managerId: number): number[] {
  // Active requests only, as every kept one is
  activeSinceWrite.wroteRows(db, (row) => row.managerId === managerId)
  return db
    .update(handoffs)
    .set({ managerId: null, handedBy: null, handedAt: null })
    .where(and(eq(handoffs.managerId, managerId), sql`${handoffs.status} in ${sql.raw(ACTIVE_IN)}`))
    .returning({ clientId: handoffs.clientId })
    .all()
    .map((r) => r.clientId)
}

/**
 * When the client began to wait for the team in a request: its opening while nobody has
 * answered it, or their first message since the team's last answer (`clientWaitingSince`).
 * `waitingSince` in src/services/handoff/model.ts, in SQL (the list is ordered by it): the two change together.
 */
const WAITING_SINCE = sql<number>`case when ${handoffs.firstResponseAt} is null and ${handoffs.settledAt} is null then ${handoffs.openedAt} else ${handoffs.clientWaitingSince} end`
/** Open requests the team owes an answer (not those asking "solved?": those wait for the client). */
const OWED = and(
  // Both statuses written as the partial index of active requests has them: only then may SQLite read it
  sql`${handoffs.status} in ${sql.raw(ACTIVE_IN)}`,
  eq(handoffs.status, 'open'),
  sql`${WAITING_SINCE} is not null`,
  isNull(clients.deletedAt),
)

/** What a client is escalated to the owners for in a request (`boss`: asked for them; `complaint`: its words). */
export type Escalation = 'boss' | 'complaint'

/** The event of a client escalated to the owners in a request, for `why`. */
export const escalatedEvent = (why: Escalation) => `escalated_${why}`

/**
 * Whether the request is a complaint: opened by the content's trigger words, or the owners were told
 * of a complaint in it ("📣 Клиент #5 жалуется", `escalatedEvent('complaint')` since it opened).
 */
const COMPLAINED = sql<number>`(${handoffs.reason} = 'trigger' or exists (select 1 from ${events} where ${events.clientId} = ${handoffs.clientId} and ${events.type} = ${escalatedEvent('complaint')} and ${events.createdAt} >= ${handoffs.openedAt}))`

/** A request /today lists: its client, whether it is a complaint (`COMPLAINED`), and `since` (what its list orders by). */
export interface ListedRequest {
  handoff: HandoffRow
  client: ClientRow
  since: number
  complained: boolean
}

/** The requests `where` selects, ordered by `since` (oldest first; at most `limit`), and how many there are in all. */
function listRequests(
  db: Db,
  where: ReturnType<typeof and>,
  since: ReturnType<typeof sql<number>>,
  limit: number,
): { total: number; requests: ListedRequest[] } {
  const requests = db
    .select({ handoff: handoffs, client: clients, since, complained: COMPLAINED })
    .from(handoffs)
    .innerJoin(clients, eq(clients.id, handoffs.clientId))
    .where(where)
    .orderBy(since, handoffs.id)
    .limit(limit)
    .all()
    .map((r) => ({ ...r, complained: Boolean(r.complained) }))
  const total =
    requests.length < limit
      ? requests.length
      : (db
          .select({ n: count() })
          .from(handoffs)
          .innerJoin(clients, eq(clients.id, handoffs.clientId))
          .where(where)
          .get()?.n ?? 0)
  return { total, requests }
}

/**
 * The requests whose clients wait for the team's answer, the longest waiting first (at most
 * `limit`), with since when each waits, and how many there are in all.
 */
export function listOwedAnswers(db: Db, limit: number): { total: number; requests: ListedRequest[] } {
  return listRequests(db, OWED, WAITING_SINCE, limit)
}

/**
 * The team's last answer in the request: whatever counted as one (`lastAnswerAt`: a message, a
 * saved reply, /offer, /invoice, a call booked or moved, _Called_), and — for a request last
 * answered before that was kept — their newest message written since it opened (a typed message,
 * a saved reply, the owner's own in a Business chat), else its first answer; for one nobody
 * answered whose first wait ended with nothing owed, when it did (`settledAt`).
 */
const LAST_ANSWERED = sql<number>`max(coalesce(${handoffs.lastAnswerAt}, 0), coalesce((select max(${messages.createdAt}) from ${messages} where ${messages.clientId} = ${handoffs.clientId} and ${messages.direction} = 'out' and ${messages.deletedAt} is null and ${messages.createdAt} >= ${handoffs.openedAt}), 0), coalesce(${handoffs.firstResponseAt}, ${handoffs.settledAt}))`
/**
 * Open requests the team answered, or whose first wait ended with nothing owed (`settledAt`), and
 * owes nothing now (the client has not written since): they wait for the team's next step, or to
 * be closed. Not those asking "solved?" (they close by themselves).
 */
const ANSWERED_OPEN = and(
  sql`${handoffs.status} in ${sql.raw(ACTIVE_IN)}`,
  eq(handoffs.status, 'open'),
  sql`(${handoffs.firstResponseAt} is not null or ${handoffs.settledAt} is not null)`,
  isNull(handoffs.clientWaitingSince),
  isNull(clients.deletedAt),
)

/**
 * The open requests answered and waiting on the team's next step or its /close (`ANSWERED_OPEN`),
 * the longest since the team's last message first (`since`, at most `limit`), and how many there are.
 */
export function listAnsweredOpen(db: Db, limit: number): { total: number; requests: ListedRequest[] } {
  return listRequests(db, ANSWERED_OPEN, LAST_ANSWERED, limit)
}

export function findHandoff(db: Db, id: number): HandoffRow | undefined {
  return db.select().from(handoffs).where(eq(handoffs.id, id)).get()
}

export function insertHandoff(
  db: Db,
  row: {
    clientId: number
    reason: string
    detail?: string | null
    openedAt: number
    managerId?: number | null
    slaDueAt?: number | null
    settledAt?: number | null
    waitSettles?: string | null
  },
): HandoffRow {
  activeSinceWrite.wroteFor(db, row.clientId)
  return db.insert(handoffs).values(row).returning().get()
}

/** The client's requests, newest first. */
export function listHandoffs(db: Db, clientId: number, limit: number): HandoffRow[] {
  return db.select().from(handoffs).where(eq(handoffs.clientId, clientId)).orderBy(desc(handoffs.id)).limit(limit).all()
}

/**
 * When the client last closed a request with their own "yes, solved" at or after `since` (each
 * such close asks them to rate the speed and the quality), or undefined.
 */
export function lastSolvedByClientAt(db: Db, clientId: number, since: number): number | undefined {
  const row = db
    .select({ at: max(handoffs.closedAt) })
    .from(handoffs)
    .where(and(eq(handoffs.clientId, clientId), eq(handoffs.closedBy, 'client'), gte(handoffs.closedAt, since)))
    .get()
  return row?.at ?? undefined
}

/**
 * Records the first staff answer once, with how many working minutes it took (`minutes`, on
 * the hours of today); false when one was recorded before.
 */
export function setFirstResponse(db: Db, id: number, at: number, staffId: number, minutes: number): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ firstResponseAt: at, firstResponderId: staffId, firstResponseMinutes: minutes })
      .where(and(eq(handoffs.id, id), isNull(handoffs.firstResponseAt)))
      .run().changes === 1
  )
}

/**
 * One answer of the team to request `handoffId` (see `handoffAnswers`); a message that answered
 * already (`messageId`) is not recorded twice.
 */
export function recordHandoffAnswer(
  db: Db,
  row: { handoffId: number; at: number; staffId: number; messageId: number | null },
): void {
  db.insert(handoffAnswers).values(row).onConflictDoNothing().run()
}

/** The answers that were the messages `messageIds` leave their requests' lists (taken back); returns them. */
export function takeBackHandoffAnswers(db: Db, messageIds: readonly number[]): HandoffAnswerRow[] {
  if (messageIds.length === 0) return []
  return db
    .delete(handoffAnswers)
    .where(inArray(handoffAnswers.messageId, [...messageIds]))
    .returning()
    .all()
}

/** The answers the request has, the first first. */
export function listHandoffAnswers(db: Db, handoffId: number): HandoffAnswerRow[] {
  return db
    .select()
    .from(handoffAnswers)
    .where(eq(handoffAnswers.handoffId, handoffId))
    .orderBy(asc(handoffAnswers.at), asc(handoffAnswers.id))
    .all()
}

/** /forget: the answers to the client's requests go (none of them can be taken back any more). */
export function eraseHandoffAnswers(db: Db, clientId: number): void {
  db.delete(handoffAnswers)
    .where(
      inArray(
        handoffAnswers.handoffId,
        db.select({ id: handoffs.id }).from(handoffs).where(eq(handoffs.clientId, clientId)),
      ),
    )
    .run()
}

/**
 * The request's first answer is now `first` (the earliest of those not taken back), or none: it
 * waits for its first answer again, and nothing it waited for since an answer stands — unless its
 * first wait had ended with nothing owed before any answer (`keepWait`, for a `settled_at` one).
 */
export function resetFirstResponse(
  db: Db,
  id: number,
  first: { at: number; staffId: number; minutes: number } | null,
  { keepWait = false }: { keepWait?: boolean } = {},
): void {
  wroteRequest(db, id)
  db.update(handoffs)
    .set({
      firstResponseAt: first?.at ?? null,
      firstResponderId: first?.staffId ?? null,
      firstResponseMinutes: first?.minutes ?? null,
      ...(first === null && !keepWait ? { clientWaitingSince: null, replyLateAt: null } : {}),
    })
    .where(eq(handoffs.id, id))
    .run()
}

/** The team's last answer in the request is now the one at `at` (the later ones taken back), or none. */
export function resetLastAnswer(db: Db, id: number, at: number | null): void {
  wroteRequest(db, id)
  db.update(handoffs).set({ lastAnswerAt: at }).where(eq(handoffs.id, id)).run()
}

/** The team answered the request at `at` (`lastAnswerAt`), unless a later answer is recorded already. */
export function setLastAnswer(db: Db, id: number, at: number): void {
  wroteRequest(db, id)
  db.update(handoffs)
    .set({ lastAnswerAt: at })
    .where(and(eq(handoffs.id, id), sql`coalesce(${handoffs.lastAnswerAt}, 0) < ${at}`))
    .run()
}

/** Moves the handoff from one of `from` to `to`; false when it was in another status (a stale button). */
export function moveHandoff(
  db: Db,
  id: number,
  from: readonly HandoffRow['status'][],
  to: HandoffRow['status'],
  extra: Partial<
    Pick<HandoffRow, 'closedAt' | 'closedBy' | 'closeReason' | 'closeAskedAt' | 'clientWaitingSince' | 'replyLateAt'>
  > = {},
): boolean {
  // From an active status the row is its client's kept one, or no kept one; from another it
  // may become active for a client kept as having none
  if (from.every((status) => ACTIVE_STATUSES.has(status))) wroteRequest(db, id)
  else wrote(db)
  return (
    db
      .update(handoffs)
      .set({ status: to, ...extra })
      .where(and(eq(handoffs.id, id), inArray(handoffs.status, [...from])))
      .run().changes === 1
  )
}

/**
 * The client wrote at `at` in an answered request and waits for the team; false when they waited
 * already. `settles`: what the client may do themselves that answers the message (`wait_settles`).
 * The request kept before is kept as written (once it commits): the delivery of the message that
 * started the wait asks for it again.
 */
/** Prepared: the first message of a wait (a relay's hot path) writes it, and building the update cost more than running it. */
const startWaiting = perConnection((db) =>
  db
    .update(handoffs)
    .set({
      clientWaitingSince: sql`${sql.placeholder('at')}`,
      waitSettles: sql`${sql.placeholder('settles')}`,
      settledBy: null,
    })
    .where(and(eq(handoffs.id, sql.placeholder('id')), isNull(handoffs.clientWaitingSince)))
    .prepare(),
)

export function setClientWaiting(db: Db, id: number, at: number, settles = ''): boolean {
  const kept = activeSinceWrite.find(db, (row) => row.id === id)
  wroteRequest(db, id)
  const set = startWaiting(db).run({ id, at, settles }).changes === 1
  if (set && kept) {
    activeSinceWrite.keepWritten(db, kept.key, {
      ...kept.row,
      clientWaitingSince: at,
      waitSettles: settles,
      settledBy: null,
    })
  }
  return set
}

/** Prepared: a message joining a wait (a relay's hot path) may narrow it. */
const narrowSettles = perConnection((db) =>
  db
    .update(handoffs)
    .set({ waitSettles: sql`${sql.placeholder('settles')}` })
    .where(eq(handoffs.id, sql.placeholder('id')))
    .prepare(),
)

/**
 * What would settle everything asked in the request's wait now (`wait_settles`), as a message
 * joining it narrowed it. The request kept before is kept as written.
 */
export function setWaitSettles(db: Db, id: number, settles: string): void {
  const kept = activeSinceWrite.find(db, (row) => row.id === id)
  wroteRequest(db, id)
  narrowSettles(db).run({ id, settles })
  if (kept) activeSinceWrite.keepWritten(db, kept.key, { ...kept.row, waitSettles: settles })
}

/**
 * The team answered at `at`: a client waiting since then or before waits no more (one who wrote
 * after that answer was written still does). False when nothing changed.
 */
export function clearClientWaiting(db: Db, id: number, at: number): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ clientWaitingSince: null, replyLateAt: null })
      .where(and(eq(handoffs.id, id), lte(handoffs.clientWaitingSince, at)))
      .run().changes === 1
  )
}

/** The client's wait since `since` went past the answer time; false when recorded before or answered. */
/**
 * Open requests the team owes an answer past its answer time: never answered and alerted
 * (`slaBreachedAt`), or a client's message since the last answer gone late (`replyLateAt`); the
 * longest wait first.
 */
export function listLateWaits(db: Db): HandoffRow[] {
  return db
    .select()
    .from(handoffs)
    .where(
      and(
        eq(handoffs.status, 'open'),
        or(
          and(isNull(handoffs.firstResponseAt), isNull(handoffs.settledAt), isNotNull(handoffs.slaBreachedAt)),
          and(isNotNull(handoffs.clientWaitingSince), isNotNull(handoffs.replyLateAt)),
        ),
      ),
    )
    .orderBy(handoffs.openedAt, handoffs.id)
    .all()
}

export function setReplyLate(db: Db, id: number, since: number, at: number): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ replyLateAt: at })
      .where(and(eq(handoffs.id, id), eq(handoffs.clientWaitingSince, since), isNull(handoffs.replyLateAt)))
      .run().changes === 1
  )
}

/** Records when staff asked the client to confirm (the auto-close counts from it). */
export function setCloseAsked(db: Db, id: number, at: number): void {
  wroteRequest(db, id)
  db.update(handoffs).set({ closeAskedAt: at }).where(eq(handoffs.id, id)).run()
}

/** The close question of a request still waiting for its answer did not reach the client. */
export function setCloseUndelivered(db: Db, id: number, at: number): void {
  wroteRequest(db, id)
  db.update(handoffs)
    .set({ closeUndeliveredAt: at })
    .where(and(eq(handoffs.id, id), eq(handoffs.status, 'closing')))
    .run()
}

/**
 * Records that the SLA passed without an answer, with who led the request then; false when
 * it was recorded before or the request is answered.
 */
export function setSlaBreached(db: Db, id: number, at: number, managerId: number | null): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ slaBreachedAt: at, slaBreachedBy: managerId })
      .where(
        and(
          eq(handoffs.id, id),
          isNull(handoffs.slaBreachedAt),
          isNull(handoffs.firstResponseAt),
          isNull(handoffs.settledAt),
        ),
      )
      .run().changes === 1
  )
}

/**
 * The request's first wait ended at `at` with nothing owed, before any answer (`settled_at`): the
 * client settled it themselves (`by`), or — with no `by` — it opened with news alone. False when it
 * was answered or settled before.
 */
export function setSettled(db: Db, id: number, at: number, by: SettledBy): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ settledAt: at, settledBy: by, waitSettles: null })
      .where(and(eq(handoffs.id, id), isNull(handoffs.firstResponseAt), isNull(handoffs.settledAt)))
      .run().changes === 1
  )
}

/**
 * The client's wait since `since` ended with nothing owed: they settled it themselves (`by`). False
 * when it was not that wait any more (answered, or a newer one).
 */
export function settleClientWait(db: Db, id: number, since: number, by: SettledBy): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ clientWaitingSince: null, replyLateAt: null, waitSettles: null, settledBy: by })
      .where(and(eq(handoffs.id, id), eq(handoffs.clientWaitingSince, since)))
      .run().changes === 1
  )
}

/**
 * The call that settled the request's first wait (`settled_by` call, nobody answered since) was
 * cancelled by the client: the first wait goes on again, as if never settled. False when it was not so.
 */
export function unsettleFirstWait(db: Db, id: number): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ settledAt: null, settledBy: null, waitSettles: 'call' })
      .where(and(eq(handoffs.id, id), isNull(handoffs.firstResponseAt), eq(handoffs.settledBy, 'call')))
      .run().changes === 1
  )
}

/** How the client last settled a wait no longer matters (the team answered, or a wait started since). */
export function clearSettledBy(db: Db, id: number): void {
  wroteRequest(db, id)
  db.update(handoffs).set({ settledBy: null }).where(eq(handoffs.id, id)).run()
}

/**
 * The request's first message reached the staff group at `at`, with the deadline that follows
 * (`slaDueAt`: moved when the answer time from then ends later); false when recorded before.
 */
export function setReachedGroup(db: Db, id: number, at: number, slaDueAt: number | null): boolean {
  wroteRequest(db, id)
  return (
    db
      .update(handoffs)
      .set({ reachedGroupAt: at, slaDueAt })
      .where(and(eq(handoffs.id, id), isNull(handoffs.reachedGroupAt)))
      .run().changes === 1
  )
}

/**
 * Who leads the request; null: nobody (the whole group sees it, and anyone takes it). `handed`:
 * a colleague handed it to them then (else who handed it to the lead before is forgotten).
 */
export function setHandoffManager(
  db: Db,
  id: number,
  managerId: number | null,
  handed?: { by: number; at: number },
): void {
  wroteRequest(db, id)
  db.update(handoffs)
    .set({ managerId, handedBy: handed?.by ?? null, handedAt: handed?.at ?? null })
    .where(eq(handoffs.id, id))
    .run()
}

/** What exactly opened the request, as it reads now (the client edited the words it quotes). */
export function setHandoffDetail(db: Db, id: number, detail: string): void {
  wroteRequest(db, id)
  db.update(handoffs).set({ detail }).where(eq(handoffs.id, id)).run()
}

/** /forget: what the client said about the request goes; when and who answered stays. */
export function eraseHandoffDetails(db: Db, clientId: number): void {
  activeSinceWrite.wroteFor(db, clientId)
  db.update(handoffs).set({ detail: null, closeReason: null }).where(eq(handoffs.clientId, clientId)).run()
}

/** The client's rating of one handoff, once per kind; false when it was already given. */
export function insertHandoffFeedback(
  db: Db,
  row: {
    clientId: number
    handoffId: number
    kind: FeedbackKind
    score: number
    managerId: number | null
    comment?: string | null
  },
  now: number,
): boolean {
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: feedback.id })
      .from(feedback)
      .where(and(eq(feedback.handoffId, row.handoffId), eq(feedback.kind, row.kind)))
      .get()
    if (existing) return false
    tx.insert(feedback)
      .values({ ...row, createdAt: now })
      .run()
    return true
  })
}

/** When the client last rated a closed request (its speed, the first of the two ratings); undefined when never. */
export function lastRequestRatedAt(db: Db, clientId: number): number | undefined {
  const row = db
    .select({ at: max(feedback.createdAt) })
    .from(feedback)
    .where(and(eq(feedback.clientId, clientId), eq(feedback.kind, 'handoff_speed')))
    .get()
  return row?.at ?? undefined
}

/** The words the client typed with the request's ratings (speed, quality), the ratings without words left out. */
export function handoffRatingComments(db: Db, handoffId: number): string[] {
  return db
    .select({ comment: feedback.comment })
    .from(feedback)
    .where(eq(feedback.handoffId, handoffId))
    .all()
    .flatMap((row) => (row.comment === null ? [] : [row.comment]))
}

export function handoffScores(db: Db, handoffId: number): Partial<Record<FeedbackKind, number>> {
  const scores: Partial<Record<FeedbackKind, number>> = {}
  for (const row of db
    .select({ kind: feedback.kind, score: feedback.score })
    .from(feedback)
    .where(eq(feedback.handoffId, handoffId))
    .all())
    scores[row.kind] = row.score
  return scores
}
