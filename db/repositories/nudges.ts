/** Queries the nudge service needs over tables it does not own (jobs, handoffs). */
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { handoffs, type JobRow, jobs } from '../schema.ts'

/** Every `nudge` job of one client and flow, newest first, whatever its status. */
export function findNudgeJobs(db: Db, clientId: number, kind: string, flow: string): JobRow[] {
  return db
    .select()
    .from(jobs)
    .where(
      and(eq(jobs.clientId, clientId), eq(jobs.kind, kind), sql`json_extract(${jobs.payload}, '$.flow') = ${flow}`),
    )
    .orderBy(desc(jobs.id))
    .all()
}

/** True while a manager has the conversation (the bot does not interrupt it with automated messages). */
export function hasOpenHandoff(db: Db, clientId: number): boolean {
  const row = db
    .select({ id: handoffs.id })
    .from(handoffs)
    .where(and(eq(handoffs.clientId, clientId), inArray(handoffs.status, ['open', 'closing'])))
    .get()
  return row !== undefined
}
