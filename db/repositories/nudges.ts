/** The queries the nudge service needs over the jobs table. */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { perConnection } from '../prepared.ts'
import { type JobRow, jobs } from '../schema.ts'

const p = sql.placeholder
const ofFlow = and(
  eq(jobs.clientId, p('clientId')),
  eq(jobs.kind, p('kind')),
  sql`json_extract(${jobs.payload}, '$.flow') = ${p('flow')}`,
)
// Every step of a flow moves its nudge
const statements = perConnection((db) => ({
  byFlow: db.select().from(jobs).where(ofFlow).orderBy(desc(jobs.id)).prepare(),
  // The pending nudge moved in the statement that finds it: a step of a flow (each quiz
  // answer) is one statement here, not a look-up and then an update by its key
  movePending: db
    .update(jobs)
    // A step is the client's news: what the nudge waited for before (another flow's) is over
    .set({ runAt: sql`${p('runAt')}`, updatedAt: sql`${p('now')}`, outcome: null })
    .where(
      eq(
        jobs.id,
        sql`(select ${jobs.id} from ${jobs} where ${and(ofFlow, eq(jobs.status, 'pending'))} order by ${jobs.id} desc limit 1)`,
      ),
    )
    .prepare(),
  // Another flow's nudge of the client: one still to come after this one (in run order, id
  // breaking a tie; running too: the scheduler claims every due job of a pass at once, so
  // two reminders due together both run) and not itself waiting for this one's (`waiting`, its
  // outcome then: put off, its time is later, and the two would wait for each other), or one
  // sent since `since`
  otherFlow: db
    .select({ status: jobs.status })
    .from(jobs)
    .where(
      and(
        eq(jobs.clientId, p('clientId')),
        eq(jobs.kind, p('kind')),
        sql`json_extract(${jobs.payload}, '$.flow') <> ${p('flow')}`,
        sql`((${jobs.status} in ('pending', 'running') and coalesce(${jobs.outcome}, '') <> ${p('waiting')}
            and (${jobs.runAt} > ${p('runAt')} or (${jobs.runAt} = ${p('runAt')} and ${jobs.id} > ${p('id')})))
          or (${jobs.status} in ('done', 'uncertain') and ${jobs.sendingAt} >= ${p('since')}))`,
      ),
    )
    .limit(1)
    .prepare(),
}))

export interface NudgeOfFlow {
  clientId: number
  kind: string
  flow: string
}

/** Every `nudge` job of one client and flow, newest first, whatever its status. */
export function findNudgeJobs(db: Db, { clientId, kind, flow }: NudgeOfFlow): JobRow[] {
  return statements(db).byFlow.all({ clientId, kind, flow })
}

/** The client's pending nudge of this flow is due at `runAt` now; false when none is pending. */
export function movePendingNudge(db: Db, { clientId, kind, flow }: NudgeOfFlow, runAt: number, now: number): boolean {
  return statements(db).movePending.run({ clientId, kind, flow, runAt, now }).changes === 1
}

/**
 * What comes of the client's other flows' nudges for the nudge `job`: `later` when one is still
 * to come after it (the client left that flow last), `sent` when one went since `since`.
 */
export function otherFlowNudge(
  db: Db,
  job: Pick<JobRow, 'id' | 'runAt'> & NudgeOfFlow,
  { since, waiting }: { since: number; waiting: string },
): 'later' | 'sent' | undefined {
  const row = statements(db).otherFlow.get({ ...job, since, waiting })
  if (!row) return undefined
  return row.status === 'pending' || row.status === 'running' ? 'later' : 'sent'
}
