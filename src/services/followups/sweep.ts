/**
 * The daily sweep: a re-engagement for each consenting client silent for
 * `reengage_after_days`, and birthday/anniversary greetings for today and tomorrow (each
 * client's local date). Idempotent: dedupe keys make a second run a no-op.
 *
 * The plan is made on the read worker (`planSweep`: one query over every client, then each
 * candidate's local dates), and the main thread only writes the jobs, in short batches
 * that let the bot answer in between.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Db } from '../../../db/client.ts'
import { findSweepCandidates, type SweepCandidate } from '../../../db/repositories/followups.ts'
import type { JobRow } from '../../../db/schema.ts'
import type { EnqueueInput, JobDefinition } from '../jobs.ts'
import { localDate } from '../time.ts'
import {
  atLocal,
  DAY,
  FOLLOWUP_JOBS,
  type FollowupDeps,
  GREETING_TIME,
  type GreetingPayload,
  plusDays,
  REENGAGE_MIN_INTERVAL_DAYS,
  type ReengagePayload,
  sameDay,
  timezoneOf,
} from './kinds.ts'

/** Jobs written per transaction before the bot gets a turn (a few milliseconds' work). */
const BATCH = 200

const CUSTOMER_STAGES: readonly string[] = ['customer', 'repeat', 'advocate']

/**
 * Month-days ("MM-DD") of the UTC dates around `now` on which some client's local today or
 * tomorrow may fall (time zones run from UTC−12 to UTC+14), widened by a day for a first
 * contact's local date; with 29 February next to 28 February (celebrated then in other years).
 */
export function greetingMonthDays(now: number): string[] {
  const today = localDate(now, 'UTC')
  const days = [-2, -1, 0, 1, 2, 3].map((d) => plusDays(today, d).slice(5))
  if (days.includes('02-28') || days.includes('03-01')) days.push('02-29')
  return days
}

/** The greetings due for a client on `dates`, their local today and tomorrow. */
function greetingsFor(c: SweepCandidate, tz: string, dates: readonly string[]): EnqueueInput<GreetingPayload>[] {
  const found: EnqueueInput<GreetingPayload>[] = []
  for (const date of dates) {
    const year = Number(date.slice(0, 4))
    const kinds: Array<{ type: 'birthday' | 'anniversary'; years: number }> = []
    if (c.birthday && sameDay(c.birthday, date)) kinds.push({ type: 'birthday', years: 0 })
    const firstContact = localDate(c.createdAt, tz)
    const years = year - Number(firstContact.slice(0, 4))
    if (CUSTOMER_STAGES.includes(c.stage) && years >= 1 && sameDay(firstContact, date)) {
      kinds.push({ type: 'anniversary', years })
    }
    for (const g of kinds) {
      const at = atLocal(date, GREETING_TIME, tz)
      found.push({
        runAt: at,
        payload: { type: g.type, date, years: g.years, at },
        clientId: c.id,
        dedupeKey: `greeting:${g.type}:${c.id}:${year}`,
      })
    }
  }
  return found
}

export interface SweepInput {
  now: number
  reengageAfterDays: number
  businessTz: string
}

/** The jobs the sweep should enqueue now, greetings first (a read task: runs on the read worker). */
export function planSweep(
  db: Db,
  { now, reengageAfterDays, businessTz }: SweepInput,
): { greetings: EnqueueInput<GreetingPayload>[]; reengage: EnqueueInput<ReengagePayload>[] } {
  const candidates = findSweepCandidates(db, {
    monthDays: greetingMonthDays(now),
    silentBefore: now - reengageAfterDays * DAY,
    reengagedSince: now - REENGAGE_MIN_INTERVAL_DAYS * DAY,
  })
  const greetings: EnqueueInput<GreetingPayload>[] = []
  const greeted = new Set<number>()
  // Today and tomorrow per time zone: most clients share the business's
  const datesIn = new Map<string, string[]>()
  for (const candidate of candidates) {
    if (!candidate.greeting) continue
    const tz = timezoneOf(candidate, businessTz)
    let dates = datesIn.get(tz)
    if (!dates) {
      const today = localDate(now, tz)
      dates = [today, plusDays(today, 1)]
      datesIn.set(tz, dates)
    }
    const found = greetingsFor(candidate, tz, dates)
    if (found.length > 0) greeted.add(candidate.id)
    greetings.push(...found)
  }
  // A greeting is a warm hello already; a recent re-engagement must not repeat (the
  // next sweep after the interval picks the client up again).
  const reengage: EnqueueInput<ReengagePayload>[] = candidates
    .filter((candidate) => candidate.silent && !greeted.has(candidate.id))
    .map((candidate) => ({
      runAt: now,
      payload: { silentSince: candidate.lastSeenAt, at: now },
      clientId: candidate.id,
      dedupeKey: `reengage:${candidate.id}:${candidate.lastSeenAt}`,
    }))
  return { greetings, reengage }
}

export function createFollowupSweep({ db, clock, content, reads, scheduler, onScheduled }: FollowupDeps) {
  return {
    /** Schedules what is due; returns how many greetings and re-engagements were new. */
    async sweep(): Promise<{ reengage: number; greetings: number }> {
      const now = clock.now()
      const c = content.get()
      const plan = await reads.run('sweepPlan', {
        now,
        reengageAfterDays: c.followups.reengage_after_days,
        businessTz: c.business.timezone,
      })
      const greeted = await enqueueInBatches(FOLLOWUP_JOBS.greeting, plan.greetings)
      // A greeting waits for its morning, on the card meanwhile; a re-engagement goes at once
      // (its run tells the card)
      const clientIds = new Set(greeted.flatMap((g) => (g.clientId === null ? [] : [g.clientId])))
      for (const [i, clientId] of [...clientIds].entries()) {
        if (i > 0 && i % BATCH === 0) await nextTurn()
        onScheduled?.(clientId)
      }
      const reengaged = await enqueueInBatches(FOLLOWUP_JOBS.reengage, plan.reengage)
      return { reengage: reengaged.length, greetings: greeted.length }
    },
  }

  /** Enqueues in transactions of BATCH jobs, yielding to the event loop between them; returns the new ones. */
  async function enqueueInBatches<P>(job: JobDefinition<P>, list: readonly EnqueueInput<P>[]): Promise<JobRow[]> {
    const added: JobRow[] = []
    const write = db.$client.transaction((batch: readonly EnqueueInput<P>[]) => {
      for (const input of batch) {
        const row = scheduler.enqueue(job, input)
        if (row) added.push(row)
      }
    })
    for (let i = 0; i < list.length; i += BATCH) {
      if (i > 0) await nextTurn()
      write(list.slice(i, i + BATCH))
    }
    return added
  }
}
