/** The query the nudge service needs over the jobs table. */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { type JobRow, jobs } from '../schema.ts'

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
