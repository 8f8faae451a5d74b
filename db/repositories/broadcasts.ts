/**
 * Broadcasts and their recipients. One row per recipient is written before anything is
 * sent; a row moves pending → sending (right before the Bot API call) → sent / blocked /
 * failed / skipped, or back to pending after a 429. A row still `sending` when a process
 * starts was interrupted mid-call: it becomes `uncertain` and is never sent again.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, min, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { broadcastRecipients, broadcasts } from '../schema.ts'

export type BroadcastRow = typeof broadcasts.$inferSelect
export type BroadcastRecipientRow = typeof broadcastRecipients.$inferSelect
export type RecipientStatus = BroadcastRecipientRow['status']
export type BroadcastStatus = BroadcastRow['status']

/**
 * Why a row is `skipped` when an owner stopped its broadcast before it reached the row: these
 * rows, and only these, are who "send it to the rest" sends it to (`reviveStoppedRecipients`).
 */
export const STOPPED_REASON = 'cancelled'

export function createBroadcastDraft(
  db: Db,
  input: { ownerId: number; sourceChatId: number; sourceMessageId: number; segment: unknown; plan: unknown },
  now: number,
): BroadcastRow {
  return db
    .insert(broadcasts)
    .values({
      ownerId: input.ownerId,
      sourceChatId: input.sourceChatId,
      sourceMessageId: input.sourceMessageId,
      segment: input.segment,
      plan: input.plan,
      createdAt: now,
    })
    .returning()
    .get()
}

export function findBroadcast(db: Db, id: number): BroadcastRow | undefined {
  return db.select().from(broadcasts).where(eq(broadcasts.id, id)).get()
}

export function broadcastPlan(db: Db, id: number): unknown {
  return db.select({ plan: broadcasts.plan }).from(broadcasts).where(eq(broadcasts.id, id)).get()?.plan ?? undefined
}

export function setBroadcastSegment(db: Db, id: number, segment: unknown): void {
  db.update(broadcasts)
    .set({ segment })
    .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
    .run()
}

/**
 * The owner's message that carries the broadcast's progress and Stop button now (the newest); the
 * one before it joins the earlier ones, edited with it when the broadcast ends.
 */
export function setProgressMessage(db: Db, id: number, messageId: number): void {
  db.transaction((tx) => {
    const row = tx
      .select({ current: broadcasts.progressMessageId, earlier: broadcasts.earlierProgressIds })
      .from(broadcasts)
      .where(eq(broadcasts.id, id))
      .get()
    if (!row) return
    tx.update(broadcasts)
      .set({ progressMessageId: messageId, earlierProgressIds: withEarlier(row.current, row.earlier, messageId) })
      .where(eq(broadcasts.id, id))
      .run()
  })
}

/**
 * The number owners will know it by, set with its first schedule or start (`broadcasts.number`):
 * the one after the highest given, or the one it has (put off, then sent).
 */
const numbered = sql`coalesce(${broadcasts.number}, (select coalesce(max(${broadcasts.number}), 0) + 1 from ${broadcasts}))`

/**
 * Turns a draft whose recipient rows are written into a sending broadcast. Returns how many
 * recipients it has (0: it stays a draft, there is nobody to send to), or false when it is
 * no longer a draft (a second press of "Send", or it was discarded).
 */
export function startBroadcast(db: Db, id: number, now: number): number | false {
  return db.transaction((tx) => {
    const draft = tx
      .select({ id: broadcasts.id })
      .from(broadcasts)
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
      .get()
    if (!draft) return false
    const total =
      tx.select({ n: count() }).from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, id)).get()?.n ?? 0
    if (total === 0) return 0
    tx.update(broadcasts)
      .set({ status: 'sending', startedAt: now, number: numbered })
      .where(eq(broadcasts.id, id))
      .run()
    return total
  })
}

/** A draft put off to `at`; `noticeMessageId`: the owner's message that says so. False if it is no draft. */
export function scheduleDraft(db: Db, id: number, at: number, noticeMessageId: number | null): boolean {
  return db.transaction((tx) => {
    const draft = tx
      .select({ noticeMessageId: broadcasts.noticeMessageId, earlier: broadcasts.earlierNoticeIds })
      .from(broadcasts)
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
      .get()
    if (!draft) return false
    tx.update(broadcasts)
      .set({
        scheduledAt: at,
        number: numbered,
        noticeMessageId,
        earlierNoticeIds: withEarlier(draft.noticeMessageId, draft.earlier, noticeMessageId),
      })
      .where(eq(broadcasts.id, id))
      .run()
    return true
  })
}

/**
 * The owner's message that offers to cancel a scheduled draft now (the newest such offer); the one
 * before it joins the earlier ones, edited with it from then on.
 */
export function setScheduledNotice(db: Db, id: number, noticeMessageId: number): void {
  db.transaction((tx) => {
    const draft = tx
      .select({ noticeMessageId: broadcasts.noticeMessageId, earlier: broadcasts.earlierNoticeIds })
      .from(broadcasts)
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
      .get()
    if (!draft) return
    tx.update(broadcasts)
      .set({ noticeMessageId, earlierNoticeIds: withEarlier(draft.noticeMessageId, draft.earlier, noticeMessageId) })
      .where(eq(broadcasts.id, id))
      .run()
  })
}

/** The earlier messages (notices, progress) once `next` takes the place of `current` (which joins them, unless it is `next`). */
function withEarlier(current: number | null, earlier: number[], next: number | null): number[] {
  return current === null || current === next ? earlier : [...earlier, current]
}

/** Drafts put off to the end of the quiet hours, whoever put them off, oldest first. */
export function scheduledDrafts(db: Db): BroadcastRow[] {
  return db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.status, 'draft'), isNotNull(broadcasts.scheduledAt)))
    .orderBy(asc(broadcasts.id))
    .all()
}

/** A scheduled draft that did not go (nobody fits): a draft again, no longer scheduled, with no notice. */
export function unscheduleDraft(db: Db, id: number): void {
  db.update(broadcasts)
    .set({ scheduledAt: null, noticeMessageId: null, earlierNoticeIds: [] })
    .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
    .run()
}

/** Drops the recipient rows of a draft (left by a confirmation that was interrupted). */
export function clearDraftRecipients(db: Db, id: number, { after, upTo }: { after: number; upTo: number }): void {
  db.run(sql`delete from ${broadcastRecipients} where ${broadcastRecipients.broadcastId} = ${id}
    and ${broadcastRecipients.clientId} > ${after} and ${broadcastRecipients.clientId} <= ${upTo}
    and exists (select 1 from ${broadcasts} where ${broadcasts.id} = ${id} and ${broadcasts.status} = 'draft')`)
}

/** Deletes a draft (nothing was sent; its approved rows go with it); false if it was not a draft. */
export function discardDraft(db: Db, id: number): boolean {
  return (
    db
      .delete(broadcasts)
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
      .run().changes === 1
  )
}

export function broadcastsWithStatus(db: Db, status: BroadcastStatus): BroadcastRow[] {
  return db.select().from(broadcasts).where(eq(broadcasts.status, status)).orderBy(asc(broadcasts.id)).all()
}

/**
 * The broadcasts made after `id` that went, go or are planned to: sending, done, or a draft put off
 * to the end of the quiet hours. Not one stopped, nor a draft not sent.
 */
export function broadcastsSentAfter(db: Db, id: number): BroadcastRow[] {
  return db
    .select()
    .from(broadcasts)
    .where(
      and(
        gt(broadcasts.id, id),
        or(
          inArray(broadcasts.status, ['sending', 'done']),
          and(eq(broadcasts.status, 'draft'), isNotNull(broadcasts.scheduledAt)),
        ),
      ),
    )
    .orderBy(asc(broadcasts.id))
    .all()
}

/** The newest broadcast of this owner that is still sending. */
export function activeBroadcastOf(db: Db, ownerId: number): BroadcastRow | undefined {
  return db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.ownerId, ownerId), eq(broadcasts.status, 'sending')))
    .orderBy(sql`${broadcasts.id} desc`)
    .get()
}

export function broadcastStatus(db: Db, id: number): BroadcastStatus | undefined {
  return db.select({ status: broadcasts.status }).from(broadcasts).where(eq(broadcasts.id, id)).get()?.status
}

/** Ends a sending broadcast; false if it was not sending (already done or cancelled). */
export function finishBroadcast(db: Db, id: number, status: 'done' | 'cancelled', now: number): boolean {
  return (
    db
      .update(broadcasts)
      .set({ status, finishedAt: now })
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'sending')))
      .run().changes > 0
  )
}

/** The broadcast's rows still to go, due or put off to their recipients' morning. */
const pendingOf = (broadcastId: number) =>
  and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.status, 'pending'))

/** Pending rows due by `now`: not those put off to their recipients' morning (`not_before`) yet. */
export function pendingRecipients(db: Db, broadcastId: number, limit: number, now: number): BroadcastRecipientRow[] {
  return db
    .select()
    .from(broadcastRecipients)
    .where(
      and(pendingOf(broadcastId), or(isNull(broadcastRecipients.notBefore), lte(broadcastRecipients.notBefore, now))),
    )
    .orderBy(asc(broadcastRecipients.clientId))
    .limit(limit)
    .all()
}

/** Whether any row is still pending, due or put off to its recipient's morning. */
export function anyPendingRecipient(db: Db, broadcastId: number): boolean {
  return (
    db
      .select({ clientId: broadcastRecipients.clientId })
      .from(broadcastRecipients)
      .where(pendingOf(broadcastId))
      .limit(1)
      .get() !== undefined
  )
}

/** A pending row is not taken before `at` (its recipient's morning). False if it is not pending. */
export function putOffRecipient(db: Db, broadcastId: number, clientId: number, at: number): boolean {
  return (
    db
      .update(broadcastRecipients)
      .set({ notBefore: at })
      .where(and(pendingOf(broadcastId), eq(broadcastRecipients.clientId, clientId)))
      .run().changes > 0
  )
}

/** The earliest time a pending row put off to its recipient's morning comes due; undefined if none is. */
export function nextPutOffRecipient(db: Db, broadcastId: number): number | undefined {
  return (
    db
      .select({ at: min(broadcastRecipients.notBefore) })
      .from(broadcastRecipients)
      .where(pendingOf(broadcastId))
      .get()?.at ?? undefined
  )
}

/** pending → sending, right before the call. False if the row was not pending (never send then). */
export function markRecipientSending(db: Db, broadcastId: number, clientId: number): boolean {
  return (
    db
      .update(broadcastRecipients)
      .set({ status: 'sending' })
      .where(and(pendingOf(broadcastId), eq(broadcastRecipients.clientId, clientId)))
      .run().changes > 0
  )
}

/** Records the outcome of a row in `from` status (sending, or pending for skips). */
export function setRecipientResult(
  db: Db,
  broadcastId: number,
  clientId: number,
  from: RecipientStatus,
  result: { status: RecipientStatus; messageId?: number | null; error?: string | null; sentAt?: number | null },
): boolean {
  return (
    db
      .update(broadcastRecipients)
      .set({
        status: result.status,
        messageId: result.messageId ?? null,
        error: result.error ?? null,
        sentAt: result.sentAt ?? null,
      })
      .where(
        and(
          eq(broadcastRecipients.broadcastId, broadcastId),
          eq(broadcastRecipients.clientId, clientId),
          eq(broadcastRecipients.status, from),
        ),
      )
      .run().changes > 0
  )
}

/**
 * At start-up no send is in flight, so a `sending` row belongs to a process that died
 * mid-call: whether the message arrived is unknown, and it is never sent again.
 * Returns the number of rows per broadcast.
 */
export function markInterruptedUncertain(db: Db): Map<number, number> {
  const rows = db
    .update(broadcastRecipients)
    .set({ status: 'uncertain', error: 'interrupted by a restart during the send' })
    .where(eq(broadcastRecipients.status, 'sending'))
    .returning({ broadcastId: broadcastRecipients.broadcastId })
    .all()
  const byBroadcast = new Map<number, number>()
  for (const r of rows) byBroadcast.set(r.broadcastId, (byBroadcast.get(r.broadcastId) ?? 0) + 1)
  return byBroadcast
}

/**
 * A stopped broadcast sent on to the rest: its rows the stop left unsent (`STOPPED_REASON`), of
 * the clients with ids in `after < id ≤ upTo`, are pending again, not before `notBefore` (the end
 * of the quiet hours; null: now). Rows that were sent, blocked, failed, skipped for another reason
 * or are uncertain stay as they are: nobody gets it twice. Returns how many.
 */
export function reviveStoppedRecipients(
  db: Db,
  broadcastId: number,
  notBefore: number | null,
  { after, upTo }: { after: number; upTo: number },
): number {
  // A row that waited for its client's own morning keeps the later of the two; one of a client who
  // erased their data since (no chat left) stays as the stop left it, counted as it was
  const waits =
    notBefore === null
      ? broadcastRecipients.notBefore
      : sql`max(coalesce(${broadcastRecipients.notBefore}, 0), ${notBefore})`
  return db
    .update(broadcastRecipients)
    .set({ status: 'pending', error: null, notBefore: waits })
    .where(
      and(
        eq(broadcastRecipients.broadcastId, broadcastId),
        gt(broadcastRecipients.clientId, after),
        lte(broadcastRecipients.clientId, upTo),
        eq(broadcastRecipients.status, 'skipped'),
        eq(broadcastRecipients.error, STOPPED_REASON),
        isNotNull(broadcastRecipients.chatId),
      ),
    )
    .run().changes
}

/**
 * A stopped broadcast sending again (its rest revived): `sending`, with no finish time and no
 * progress message — the worker posts a new one, under the report that offered it. False if it
 * was not stopped (a second press, or it is being sent already).
 */
export function resumeBroadcast(db: Db, id: number): boolean {
  return (
    db
      .update(broadcasts)
      .set({ status: 'sending', finishedAt: null, progressMessageId: null, earlierProgressIds: [] })
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'cancelled')))
      .run().changes === 1
  )
}

/** Cancelled broadcasts: the rows not yet sent, of the clients with ids in `after < id ≤ upTo`, become skipped. */
export function skipPendingRecipients(
  db: Db,
  broadcastId: number,
  reason: string,
  { after, upTo }: { after: number; upTo: number },
): number {
  return db
    .update(broadcastRecipients)
    .set({ status: 'skipped', error: reason })
    .where(
      and(
        eq(broadcastRecipients.broadcastId, broadcastId),
        gt(broadcastRecipients.clientId, after),
        lte(broadcastRecipients.clientId, upTo),
        eq(broadcastRecipients.status, 'pending'),
      ),
    )
    .run().changes
}

/**
 * Rows per status, and of them those put off to their recipients' morning (`not_before` set):
 * per status, and how many of those still pending are not due by `now` (they wait for it).
 */
export function recipientCounts(
  db: Db,
  broadcastId: number,
  now: number,
): { counts: Record<RecipientStatus, number>; putOff: Record<RecipientStatus, number>; waiting: number } {
  const zero = (): Record<RecipientStatus, number> => ({
    pending: 0,
    sending: 0,
    sent: 0,
    blocked: 0,
    failed: 0,
    skipped: 0,
    uncertain: 0,
  })
  const counts = zero()
  const putOff = zero()
  let waiting = 0
  const rows = db
    .select({
      status: broadcastRecipients.status,
      n: count(),
      putOff: sql<number>`count(${broadcastRecipients.notBefore})`,
      waiting: sql<number>`coalesce(sum(${broadcastRecipients.notBefore} > ${now}), 0)`,
    })
    .from(broadcastRecipients)
    .where(eq(broadcastRecipients.broadcastId, broadcastId))
    .groupBy(broadcastRecipients.status)
    .all()
  for (const r of rows) {
    counts[r.status] = r.n
    putOff[r.status] = r.putOff
    if (r.status === 'pending') waiting = r.waiting
  }
  return { counts, putOff, waiting }
}

export function recipientsOf(db: Db, broadcastId: number, statuses?: RecipientStatus[]): BroadcastRecipientRow[] {
  return db
    .select()
    .from(broadcastRecipients)
    .where(
      statuses
        ? and(eq(broadcastRecipients.broadcastId, broadcastId), inArray(broadcastRecipients.status, statuses))
        : eq(broadcastRecipients.broadcastId, broadcastId),
    )
    .orderBy(asc(broadcastRecipients.clientId))
    .all()
}

/**
 * The broadcasts one client was a recipient of (sent, scheduled for the morning or stopped; not a
 * draft's approved rows), newest first, each with its row's outcome: what an owner's /export of the
 * client says reached them. From the recipients' client index: a row per broadcast.
 */
export function broadcastsOfClient(
  db: Db,
  clientId: number,
): Array<{ broadcast: BroadcastRow; status: RecipientStatus; sentAt: number | null }> {
  return db
    .select({ broadcast: broadcasts, status: broadcastRecipients.status, sentAt: broadcastRecipients.sentAt })
    .from(broadcastRecipients)
    .innerJoin(broadcasts, eq(broadcasts.id, broadcastRecipients.broadcastId))
    .where(and(eq(broadcastRecipients.clientId, clientId), ne(broadcasts.status, 'draft')))
    .orderBy(desc(sql`coalesce(${broadcastRecipients.sentAt}, ${broadcasts.startedAt})`), desc(broadcasts.id))
    .all()
}
