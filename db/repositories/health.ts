/**
 * What the health endpoint reports about the work waiting in the database.
 * Each count runs over an index (or a table kept small by pruning), so a
 * monitor polling every few seconds costs next to nothing.
 */
import { and, count, eq, inArray, lte, min, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { broadcastRecipients, broadcasts, jobs, outbox } from '../schema.ts'

export interface QueueDepths {
  /** Messages for the staff group or from managers to clients not yet delivered. */
  outboxPending: number
  /** When the oldest of them was queued (UTC ms), or null. */
  outboxOldestAt: number | null
  /** Scheduled jobs whose time has come and that have not run yet. */
  jobsDue: number
  /** Broadcasts being sent, and how many of their messages are still to go. */
  broadcastsSending: number
  broadcastMessagesLeft: number
}

export function queueDepths(db: Db, now: number): QueueDepths {
  const pending = db
    .select({ n: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    // Written out, not bound: only then may SQLite read the partial index of unfinished rows
    // instead of the week of delivered rows kept beside them
    .where(sql`${outbox.status} in ('pending', 'sending')`)
    .get()
  const due = db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)))
    .get()
  const sending = db.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.status, 'sending')).all()
  const left = sending.length
    ? db
        .select({ n: count() })
        .from(broadcastRecipients)
        .where(
          and(
            inArray(
              broadcastRecipients.broadcastId,
              sending.map((b) => b.id),
            ),
            inArray(broadcastRecipients.status, ['pending', 'sending']),
          ),
        )
        .get()
    : undefined
  return {
    outboxPending: pending?.n ?? 0,
    outboxOldestAt: pending?.oldest ?? null,
    jobsDue: due?.n ?? 0,
    broadcastsSending: sending.length,
    broadcastMessagesLeft: left?.n ?? 0,
  }
}
