/** The query the nudge service needs over the jobs table. */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { type JobRow, jobs } from '../schema.ts'

const p = sql.placeholder
// Every step of a flow moves its nudge
const byFlow = perConnection((db) =>
  db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.clientId, p('clientId')),
        eq(jobs.kind, p('kind')),
        sql`json_extract(${jobs.payload}, '$.flow') = ${p('flow')}`,
      ),
    )
    .orderBy(desc(jobs.id))
    .prepare(),
)

/** Every `nudge` job of one client and flow, newest first, whatever its status. */
export function findNudgeJobs(db: Db, clientId: number, kind: string, flow: string): JobRow[] {
  return byFlow(db).all({ clientId, kind, flow })
}
