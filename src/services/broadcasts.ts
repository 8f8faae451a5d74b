/**
 * Broadcast rules that do not depend on Telegram: who a segment selects, drafts, the
 * switch from draft to sending (recipient rows written before anything is sent),
 * cancelling, and counts for reports. The sending itself is a worker in
 * src/jobs/broadcast-sender.ts, attached here so features can wake it.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import {
  activeBroadcastOf,
  anyPendingRecipient,
  type BroadcastRecipientRow,
  type BroadcastRow,
  broadcastPlan,
  broadcastStatus,
  broadcastsOfClient,
  broadcastsSentAfter,
  broadcastsWithStatus,
  clearDraftRecipients,
  createBroadcastDraft,
  discardDraft,
  findBroadcast,
  finishBroadcast,
  markInterruptedUncertain,
  markRecipientSending,
  nextPutOffRecipient,
  pendingRecipients,
  putOffRecipient,
  type RecipientStatus,
  recipientCounts,
  resumeBroadcast,
  reviveStoppedRecipients,
  STOPPED_REASON,
  scheduleDraft,
  scheduledDrafts,
  setBroadcastSegment,
  setProgressMessage,
  setRecipientResult,
  setScheduledNotice,
  skipPendingRecipients,
  startBroadcast,
  unscheduleDraft,
} from '../../db/repositories/broadcasts.ts'
import {
  addSegmentRecipients,
  heldNow,
  lastClientId,
  type SegmentFilter,
  segmentRecipients,
  type Unreachable,
} from '../../db/repositories/segments.ts'
import { STAGES } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import { isTimeZone } from '../content/schema.ts'
import type { ContentStore } from '../content/store.ts'
import { defineJob, type Scheduler } from './jobs.ts'
import { afterQuietHours } from './time.ts'
import type { ReadWorker } from './worker/read-worker.ts'

export type { BroadcastRecipientRow, BroadcastRow } from '../../db/repositories/broadcasts.ts'
export type { SegmentFilter } from '../../db/repositories/segments.ts'

/** Whatever sends broadcasts in the background (one per process). */
export interface BroadcastWorker {
  /** Look for sending broadcasts and run those not running yet. Never blocks. */
  wake(): void
  /** Resolves when no broadcast is being sent. */
  idle(): Promise<void>
  /**
   * An owner stopped this broadcast (it is cancelled): a wait of its sending — a 429's pause, a
   * message's wait for room in the send budget — ends now, so the report follows the sends
   * still in flight, not the end of the wait. `answered`: settles once the one who stopped it
   * has been answered ("Stopping…"); the run's last edit of its progress message ("stopped")
   * and the report wait for it, or they would overtake that answer.
   */
  cancelled(id: number, answered?: Promise<void>): void
  /**
   * Stops launching sends, lets the ones in flight finish (a 429's pause or a wait for room in
   * the send budget is not waited out: its message has not left); sending broadcasts resume on
   * the next start.
   */
  stop(): Promise<void>
  /** Stops at once as a crash would: nothing more is sent or recorded (tests and the bench). */
  kill(): void
  /**
   * True while this worker is sending the broadcast, or holds one that waits for its recipients'
   * morning (`not_before`): it finishes either on a stop — the progress message and the report.
   */
  isRunning(id: number): boolean
  /**
   * A draft put off to the end of the quiet hours found nobody to send to when they ended: its
   * owner's "🕘 goes at 9:00" notice says it did not go (naming it), and loses its ✖ (the worker edits the
   * notice when one starts, too), with how many it left out as they wait for a manager after a
   * complaint (`heldBack`), and how many who fit when it was planned have left since (`left`).
   * Never throws.
   */
  scheduledEmpty(
    b: Pick<BroadcastRow, 'id' | 'number' | 'ownerId' | 'noticeMessageId' | 'earlierNoticeIds' | 'plan' | 'segment'>,
    heldBack: number,
    left: number,
  ): Promise<void>
}

/** Active within N days: the choices offered as buttons. */
export const ACTIVE_DAYS_CHOICES = [7, 30, 90] as const

/** Joined (first came to the bot) within N days: the choices offered as buttons. */
export const JOINED_DAYS_CHOICES = [7, 30] as const

export const segmentFilterSchema = z.object({
  tag: z.string().min(1).max(100).optional(),
  product: z.string().min(1).max(64).optional(),
  stage: z.enum(STAGES).optional(),
  language: z.string().min(2).max(10).optional(),
  activeDays: z.number().int().min(1).max(3650).optional(),
  paid: z.literal(true).optional(),
  unpaid: z.literal(true).optional(),
  joinedDays: z.number().int().min(1).max(3650).optional(),
  rested: z.literal(true).optional(),
})

/** A stored segment, read defensively: anything malformed means "everyone who consented". */
export function parseSegment(value: unknown): SegmentFilter {
  const parsed = segmentFilterSchema.safeParse(value)
  if (!parsed.success) return {}
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as SegmentFilter
}

/**
 * `total`: its recipients — who the owner approved, and who fits its conditions since; `reachable`:
 * how many of them may get it now (the rest left since: the worker skips them, and the report
 * counts them). `empty` with `left`: nobody may get it now, though that many had been approved.
 */
export type ConfirmResult =
  | { ok: true; total: number; reachable: number }
  | { ok: false; reason: 'not-draft' }
  | { ok: false; reason: 'empty'; left: number }

/**
 * A stopped broadcast sent on to the rest: how many of them may get it now, and when it goes (the
 * end of the quiet hours; undefined: now). `not-stopped`: it is not stopped (sent on already, or
 * never stopped); `ending`: its run is still writing its report; `empty`: none of the rest may get it now.
 */
export type ResumeResult =
  | { ok: true; total: number; at: number | undefined }
  | { ok: false; reason: 'not-stopped' | 'ending' | 'empty' }

/**
 * A draft to be sent when the quiet hours end (confirmed then, as the owner's "Send" would:
 * handler in src/jobs/broadcast-sender.ts). Discarding or sending the draft meanwhile leaves
 * the job nothing to do.
 */
export const BROADCAST_START_JOB = defineJob(
  'broadcast_start',
  z.object({ broadcastId: z.number().int().positive() }),
  'fu-kind-broadcast_start',
)

/**
 * A sending broadcast whose rows wait for their recipients' morning (`not_before`): its worker
 * takes them at `runAt` (handler in src/jobs/broadcast-sender.ts). A job, not a run asleep for
 * hours: it outlives a restart, and `idle()` (tests, the sandbox's clock) does not wait the night.
 */
export const BROADCAST_WAKE_JOB = defineJob(
  'broadcast_wake',
  z.object({ broadcastId: z.number().int().positive() }),
  'fu-kind-broadcast_wake',
)

/** Client ids covered by one batch of recipient rows (about a couple of thousand rows, a few ms). */
const RECIPIENT_BATCH = 5_000

/**
 * Rows per status; `waiting`: pending rows put off to their recipients' morning, not due yet;
 * `putOff`: per status, the rows that were put off (who got it in their own morning, say).
 */
export type BroadcastReport = Record<RecipientStatus, number> & {
  total: number
  waiting: number
  putOff: Record<RecipientStatus, number>
}

export type BroadcastService = ReturnType<typeof createBroadcastService>

export function createBroadcastService({
  db,
  clock,
  reads,
  content,
  scheduler,
}: {
  db: Db
  clock: Clock
  reads: ReadWorker
  /** The quiet hours (`followups.quiet_hours`) and the business's time zone. */
  content: ContentStore
  scheduler: Pick<Scheduler, 'enqueue'>
}) {
  let worker: BroadcastWorker | undefined
  /** Drafts being confirmed now: a second press of "Send" meanwhile changes nothing. */
  const confirming = new Set<number>()
  /** Stopped broadcasts being sent on to the rest now: a second press meanwhile changes nothing. */
  const resuming = new Set<number>()
  /** Drafts being discarded now (their rows go in batches first): a "Send" meanwhile sends nothing. */
  const discarding = new Set<number>()

  /**
   * The recipients not reached yet are skipped, in batches of client ids with the bot
   * answering in between: a cancelled broadcast to 100,000 clients is one update of up to
   * 100,000 rows, some 100 ms with every chat waiting when written in one statement.
   */
  async function skipPending(id: number, reason: string): Promise<number> {
    let skipped = 0
    const last = lastClientId(db)
    for (let after = 0; after < last; after += RECIPIENT_BATCH) {
      if (after > 0) await nextTurn()
      skipped += skipPendingRecipients(db, id, reason, { after, upTo: after + RECIPIENT_BATCH })
    }
    return skipped
  }

  /**
   * When the quiet hours end in `timezone`, if they are on now: the business's (a broadcast prepared
   * in them) or a recipient's own (their broadcast waits for their morning).
   */
  function quietEndIn(timezone: string): number | undefined {
    const now = clock.now()
    const end = afterQuietHours(now, timezone, content.get().followups.quiet_hours)
    return end > now ? end : undefined
  }

  /**
   * Deletes a draft's approved rows in batches of client ids that let the bot answer in between:
   * at 100,000 clients one delete of them all took some 35 ms, and grows with the audience.
   */
  async function clearApproved(id: number): Promise<void> {
    const last = lastClientId(db)
    for (let after = 0; after < last; after += RECIPIENT_BATCH) {
      if (after > 0) await nextTurn()
      clearDraftRecipients(db, id, { after, upTo: after + RECIPIENT_BATCH })
    }
  }

  const service = {
    /**
     * Clients the segment selects who may get marketing now: the SQL form of
     * `clients.canReceiveMarketing` (`marketingAudience` in db/repositories/clients.ts).
     */
    recipients(filter: SegmentFilter): Array<{ id: number; telegramId: number }> {
      return segmentRecipients(db, filter, clock.now())
    },

    /** How many clients the segment selects, counted off the event loop. */
    async count(filter: SegmentFilter): Promise<number> {
      return (await reads.run('segmentCount', { filter, now: clock.now() })).count
    },

    /** The count, and how many more it would hold but for an unhappy request they wait on. */
    countWithHeld(filter: SegmentFilter): Promise<{ count: number; heldBack: number }> {
      return reads.run('segmentCount', { filter, now: clock.now(), held: true })
    },

    /**
     * How many of the clients the segment selects were sent a broadcast in the last 24 hours
     * (`RECENT_MS`), counted off the event loop: a fourth message in a day reads as spam, and the
     * owner is offered to leave them out (`rested`).
     */
    reachedLately(filter: SegmentFilter): Promise<number> {
      return reads.run('segmentReachedLately', { filter, now: clock.now() })
    },

    /**
     * The clients the filter's conditions select who may not get news, by why (no consent,
     * unsubscribed, blocked the bot): said beside a count of nobody, off the event loop. Read
     * from the same audience rule as the count, turned over (`segmentUnreachable`): nobody is in both.
     */
    unreachable(filter: SegmentFilter): Promise<Unreachable> {
      return reads.run('segmentUnreachable', { filter, now: clock.now() })
    },

    /** Saves the owner's message as a draft; `plan` says how to render it (opaque here). */
    createDraft(input: {
      ownerId: number
      sourceChatId: number
      sourceMessageId: number
      plan: unknown
    }): BroadcastRow {
      return createBroadcastDraft(db, { ...input, segment: {} }, clock.now())
    },

    get(id: number): BroadcastRow | undefined {
      return findBroadcast(db, id)
    },

    plan(id: number): unknown {
      return broadcastPlan(db, id)
    },

    /** The draft if it exists, belongs to this owner and is still a draft. */
    draftOf(id: number, ownerId: number): BroadcastRow | undefined {
      const row = findBroadcast(db, id)
      return row && row.ownerId === ownerId && row.status === 'draft' ? row : undefined
    },

    segmentOf(row: BroadcastRow): SegmentFilter {
      return parseSegment(row.segment)
    },

    /** Other conditions: whoever the draft's rows held were approved for the old ones. */
    async setSegment(id: number, filter: SegmentFilter): Promise<void> {
      setBroadcastSegment(db, id, filter)
      await clearApproved(id)
    },

    /**
     * The owner is shown "Send (N)": the N clients the segment selects now are written down as the
     * draft's rows (pending), so what is sent is counted against what they approved — one who says
     * /stop before the press is skipped, and said so in the report, not silently missing from a
     * smaller total. Written in batches of client ids, as `confirm` does; returns how many.
     */
    async approve(id: number): Promise<number> {
      const row = findBroadcast(db, id)
      if (row?.status !== 'draft' || confirming.has(id)) return 0
      const filter = parseSegment(row.segment)
      const now = clock.now()
      await clearApproved(id)
      let approved = 0
      const last = lastClientId(db)
      const held = heldNow(db)
      for (let after = 0; after < last; after += RECIPIENT_BATCH) {
        if (after > 0) await nextTurn()
        if (findBroadcast(db, id)?.status !== 'draft' || confirming.has(id)) return approved
        approved += addSegmentRecipients(db, id, filter, now, { after, upTo: after + RECIPIENT_BATCH, held })
      }
      return approved
    },

    /**
     * Draft → sending: adds one pending row per client the segment selects now to those the owner
     * approved (`approve`; a scheduled draft's, the night before), then wakes the worker. Who was
     * approved and has left since keeps their row: the worker skips it (or counts a block), so
     * the report says so. The rows are written in batches of client ids that let the bot answer
     * in between (a segment of 50,000 clients took 1.7 s in one go); the draft stays a draft
     * until all are written, so the sender never sees half a list, and an interrupted
     * confirmation leaves a draft that can be confirmed again. With nobody who may get it now
     * it stays a draft. A second confirmation of the same draft changes nothing.
     */
    async confirm(id: number): Promise<ConfirmResult> {
      const row = findBroadcast(db, id)
      if (row?.status !== 'draft' || confirming.has(id)) return { ok: false, reason: 'not-draft' }
      confirming.add(id)
      try {
        const filter = parseSegment(row.segment)
        const now = clock.now()
        const last = lastClientId(db)
        const held = heldNow(db)
        for (let after = 0; after < last; after += RECIPIENT_BATCH) {
          if (after > 0) await nextTurn()
          // Discarded meanwhile: its rows went with it
          if (findBroadcast(db, id)?.status !== 'draft' || discarding.has(id)) return { ok: false, reason: 'not-draft' }
          addSegmentRecipients(db, id, filter, now, { after, upTo: after + RECIPIENT_BATCH, held })
        }
        const reachable = await reads.run('unsentReachable', { broadcastId: id })
        if (reachable === 0) {
          const left = recipientCounts(db, id, now).counts.pending
          return findBroadcast(db, id)?.status === 'draft'
            ? { ok: false, reason: 'empty', left }
            : { ok: false, reason: 'not-draft' }
        }
        if (discarding.has(id)) return { ok: false, reason: 'not-draft' }
        const total = startBroadcast(db, id, now)
        if (total === false) return { ok: false, reason: 'not-draft' }
        if (total === 0) return { ok: false, reason: 'empty', left: 0 }
        worker?.wake()
        return { ok: true, total, reachable }
      } finally {
        confirming.delete(id)
      }
    },

    /**
     * When a recipient whose own time zone is `timezone` may get a broadcast, if it is their night
     * now: the end of the quiet hours on their clock (undefined: now). Only for a zone the client
     * gave (/timezone), as follow-ups keep it: one whose zone is unknown gets it on the business's
     * clock, when the owner chose to send it.
     */
    ownMorning(timezone: string | null): number | undefined {
      return timezone && isTimeZone(timezone) ? quietEndIn(timezone) : undefined
    },

    /** How many of the segment's clients it is night for now, on their own clock (`ownMorning`). */
    async inTheirNight(filter: SegmentFilter): Promise<number> {
      const zones = await reads.run('segmentZones', { filter, now: clock.now() })
      return zones
        .filter((z) => isTimeZone(z.timezone) && quietEndIn(z.timezone) !== undefined)
        .reduce((sum, z) => sum + z.n, 0)
    },

    /**
     * When the quiet hours in the business's time zone end, if they are on now: a broadcast is
     * marketing, and the owner is offered to send it then rather than into the clients' night.
     */
    quietUntil(): number | undefined {
      return quietEndIn(content.get().business.timezone)
    },

    /**
     * The draft goes when the quiet hours end (`quietUntil`), confirmed then (its recipients are
     * who the segment selects at that time). Undefined when it is no draft or they are not on.
     */
    schedule(id: number, noticeMessageId?: number): number | undefined {
      const at = service.quietUntil()
      // A "Send now" being confirmed this moment wins: nothing is put off
      if (at === undefined || confirming.has(id)) return undefined
      // Written on the broadcast too: /broadcast and /cancel name it, and its notice is kept true
      if (!scheduleDraft(db, id, at, noticeMessageId ?? null)) return undefined
      scheduler.enqueue(BROADCAST_START_JOB, {
        runAt: at,
        payload: { broadcastId: id },
        dedupeKey: `${BROADCAST_START_JOB.kind}:${id}:${at}`,
      })
      return at
    },

    /**
     * A scheduled draft found nobody to send to when its time came: it stays a draft, scheduled no
     * more (its notice, edited to say so, is no longer its notice).
     */
    unschedule(id: number): void {
      unscheduleDraft(db, id)
    },

    /** A newer message offering to cancel a scheduled draft becomes its notice (see the feature's `offerDiscard`). */
    moveNotice(id: number, noticeMessageId: number): void {
      setScheduledNotice(db, id, noticeMessageId)
    },

    /**
     * What is still to go, by number (the order they were scheduled or sent in): drafts put off to the end of the quiet hours and
     * broadcasts being sent, whoever started them. A new broadcast is checked against these.
     */
    underWay(): BroadcastRow[] {
      // By the number owners know them by: a draft made first and scheduled after another was
      // sent has the smaller id and the larger number (every one under way has a number)
      return [...scheduledDrafts(db), ...broadcastsWithStatus(db, 'sending')].sort(
        (a, b) => (a.number ?? a.id) - (b.number ?? b.id),
      )
    },

    /** Drops a draft the owner decided not to send (its approved rows first, in batches). */
    async discard(id: number): Promise<boolean> {
      if (findBroadcast(db, id)?.status !== 'draft' || confirming.has(id) || discarding.has(id)) {
        return discardDraft(db, id)
      }
      discarding.add(id)
      try {
        await clearApproved(id)
        return discardDraft(db, id)
      } finally {
        discarding.delete(id)
      }
    },

    setProgressMessage(id: number, messageId: number): void {
      setProgressMessage(db, id, messageId)
    },

    /** The owner's broadcast being sent now, if any. */
    activeOf(ownerId: number): BroadcastRow | undefined {
      return activeBroadcastOf(db, ownerId)
    },

    /** The broadcasts the client was a recipient of, newest first, with their row's outcome (`broadcastsOfClient`). */
    ofClient(clientId: number): ReturnType<typeof broadcastsOfClient> {
      return broadcastsOfClient(db, clientId)
    },

    /** Every broadcast being sent now, whoever started it: any owner may stop one. */
    sending(): BroadcastRow[] {
      return broadcastsWithStatus(db, 'sending')
    },

    /**
     * Stops a sending broadcast: recipients not reached yet are skipped, a message waiting out
     * a 429's pause among them. Sends already in flight finish and are recorded. False if it
     * was not sending. `answered`: see `BroadcastWorker.cancelled`.
     */
    async cancel(id: number, answered?: Promise<void>): Promise<boolean> {
      if (!finishBroadcast(db, id, 'cancelled', clock.now())) return false
      worker?.cancelled(id, answered)
      await skipPending(id, STOPPED_REASON)
      return true
    },

    /** Broadcasts an owner stopped before they reached everyone, oldest first: a new one is checked against these too. */
    stopped(): BroadcastRow[] {
      return broadcastsWithStatus(db, 'cancelled')
    },

    /** Broadcasts made after `id` that went, go, or wait for the morning (`broadcastsSentAfter`). */
    sentAfter(id: number): BroadcastRow[] {
      return broadcastsSentAfter(db, id)
    },

    /**
     * How many of the recipients a stopped broadcast did not reach may get it now (consent still
     * given, not blocked, not erased, not on the team, not waiting for the team): its "send to the
     * rest (N)". Off the event loop, as the segment's count: it reads the broadcast's rows.
     */
    rest(id: number): Promise<number> {
      return reads.run('unsentReachable', { broadcastId: id })
    },

    /**
     * A stopped broadcast goes on to the recipients the stop left unsent — the same broadcast, its
     * own rows: those it reached (sent, blocked, failed, uncertain) are never taken again, and each
     * of the rest is checked again as their message leaves, as in any run, so the exactness of the
     * sending (and its restart after a crash) is the worker's as ever. In the quiet hours they wait
     * for their end (`not_before`, the rows put off as a client's own morning is). The rows are
     * revived in batches while it is still `cancelled` (the worker does not look at it), then it
     * is `sending` again in one step; a crash in between leaves it stopped, and a second press
     * takes the rest.
     */
    async resume(id: number): Promise<ResumeResult> {
      if (findBroadcast(db, id)?.status !== 'cancelled' || resuming.has(id)) return { ok: false, reason: 'not-stopped' }
      // Its run still ending would send its report of "stopped" after the press, or of "done"
      if (worker?.isRunning(id)) return { ok: false, reason: 'ending' }
      resuming.add(id)
      try {
        const total = await service.rest(id)
        if (total === 0) return { ok: false, reason: 'empty' }
        const at = service.quietUntil()
        const last = lastClientId(db)
        for (let after = 0; after < last; after += RECIPIENT_BATCH) {
          if (after > 0) await nextTurn()
          if (findBroadcast(db, id)?.status !== 'cancelled') return { ok: false, reason: 'not-stopped' }
          reviveStoppedRecipients(db, id, at ?? null, { after, upTo: after + RECIPIENT_BATCH })
        }
        if (!resumeBroadcast(db, id)) return { ok: false, reason: 'not-stopped' }
        worker?.wake()
        return { ok: true, total, at }
      } finally {
        resuming.delete(id)
      }
    },

    report(id: number): BroadcastReport {
      const { counts, putOff, waiting } = recipientCounts(db, id, clock.now())
      const total = Object.values(counts).reduce((a, b) => a + b, 0)
      return { ...counts, total, waiting, putOff }
    },

    /**
     * Every tag in use, most used first (the segment buttons page through them); like the
     * languages, on the read worker (at 100,000 clients counting every tag took some 65 ms,
     * with every chat waiting).
     */
    tags(): Promise<string[]> {
      return reads.run('segmentTags', {})
    },

    languages(): Promise<string[]> {
      return reads.run('segmentLanguages', {})
    },

    /**
     * The worker's bookkeeping (src/jobs/broadcast-sender.ts): one recipient row at a
     * time, pending → sending right before the call → its outcome.
     */
    delivery: {
      status: (id: number) => broadcastStatus(db, id),
      withStatus: (status: BroadcastRow['status']) => broadcastsWithStatus(db, status),
      /** Rows left `sending` by a process that stopped mid-call become uncertain: per broadcast, how many. */
      markInterruptedUncertain: () => markInterruptedUncertain(db),
      /** Pending rows due now: not those put off to their recipients' morning yet. */
      pending: (id: number, limit: number): BroadcastRecipientRow[] => pendingRecipients(db, id, limit, clock.now()),
      /** Any row still to go, due or put off. */
      anyPending: (id: number): boolean => anyPendingRecipient(db, id),
      /** Rows still to go, all of them put off to their recipients' morning: it only waits for that. */
      waitsForMornings: (id: number): boolean =>
        anyPendingRecipient(db, id) && pendingRecipients(db, id, 1, clock.now()).length === 0,
      /** The row waits for its recipient's morning (`ownMorning`); false if it is not pending. */
      putOff: (id: number, clientId: number, at: number): boolean => putOffRecipient(db, id, clientId, at),
      /**
       * When the first row put off to its recipient's morning comes due, if any does: the worker is
       * woken then (`BROADCAST_WAKE_JOB`, once per broadcast and time).
       */
      wakeForMorning(id: number): number | undefined {
        const at = nextPutOffRecipient(db, id)
        if (at !== undefined) {
          scheduler.enqueue(BROADCAST_WAKE_JOB, {
            runAt: at,
            payload: { broadcastId: id },
            dedupeKey: `${BROADCAST_WAKE_JOB.kind}:${id}:${at}`,
          })
        }
        return at
      },
      markSending: (id: number, clientId: number): boolean => markRecipientSending(db, id, clientId),
      setResult: (
        id: number,
        clientId: number,
        from: RecipientStatus,
        result: Parameters<typeof setRecipientResult>[4],
      ): boolean => setRecipientResult(db, id, clientId, from, result),
      /** A stopped broadcast's rows not reached (a 429 put one back after the stop): skipped as the stop's. */
      skipStopped: (id: number): Promise<number> => skipPending(id, STOPPED_REASON),
      finish: (id: number, status: 'done' | 'cancelled'): boolean => finishBroadcast(db, id, status, clock.now()),
    },

    attachWorker(w: BroadcastWorker): void {
      worker = w
    },

    worker(): BroadcastWorker | undefined {
      return worker
    },

    /** Resolves when the worker has nothing to send (immediately without a worker). */
    async idle(): Promise<void> {
      await worker?.idle()
    },
  }
  return service
}
