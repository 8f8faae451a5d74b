/**
 * The owner's numbers (docs/owners.md, "Stats"), as pure functions over plain rows: no database,
 * no clock, no Telegram. `db/repositories/stats.ts` loads the rows; the feature renders
 * the result as text and a chart. All times are UTC epoch milliseconds; a period is
 * the half-open interval [from, to).
 */

import { NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN } from '../../db/repositories/followups.ts'
import type {
  ActivityRow,
  BookingStatRow,
  CustomerRow,
  EventRow,
  FeedbackStatRow,
  HandoffStatRow,
  ReplyLateRow,
  ReplyWaitRow,
  StatsRows,
} from '../../db/repositories/stats.ts'
import type { Locale } from '../locales/languages.ts'
import { FUNNEL } from './funnel.ts'
import { DAY_MS, localDayBounds } from './time.ts'

// The rows are declared where they are loaded; the maths here only reads them
export type {
  ActivityRow,
  BookingStatRow,
  CustomerRow,
  EventRow,
  FeedbackStatRow,
  HandoffStatRow,
  ReplyLateRow,
  ReplyWaitRow,
} from '../../db/repositories/stats.ts'

/** The rolling periods: that many times 24 hours up to the moment of asking. */
export const STATS_PERIODS = { '7d': 7, '30d': 30, '90d': 90 } as const
export type StatsPeriod = keyof typeof STATS_PERIODS
/** The period of a /stats with none given. */
export const DEFAULT_STATS_PERIOD: StatsPeriod = '30d'

/**
 * The business's days: a local calendar day from its midnight, by its distance from today — today
 * up to the moment of asking, yesterday whole (`statsDaySpan`).
 */
export const STATS_DAYS = { today: 0, yesterday: -1 } as const
export type StatsDay = keyof typeof STATS_DAYS
/** What /stats counts: a rolling period or a day. */
export type StatsRange = StatsPeriod | StatsDay

export const isStatsDay = (range: StatsRange): range is StatsDay => Object.hasOwn(STATS_DAYS, range)

/**
 * A day of /stats as UTC instants, [from, to): its local midnight in the business's `timezone`,
 * and the moment of asking for today, the next midnight for yesterday.
 */
export function statsDaySpan(now: number, day: StatsDay, timezone: string): { from: number; to: number } {
  const { from, to } = localDayBounds(now, timezone, STATS_DAYS[day])
  return { from, to: Math.min(to, now) }
}

/**
 * The periods and days in words, as owners type them — today, yesterday, a week, a month, a
 * quarter (three months) — in each language the bot speaks. The parser takes the words of every
 * language; /help and the answer to a period it does not take name the first word of each in the
 * owner's language.
 */
const STATS_PERIOD_WORDS: Readonly<Record<Locale, Readonly<Record<string, StatsRange>>>> = {
  ru: {
    сегодня: 'today',
    день: 'today',
    вчера: 'yesterday',
    неделя: '7d',
    неделю: '7d',
    нед: '7d',
    месяц: '30d',
    мес: '30d',
    квартал: '90d',
    '3 месяца': '90d',
  },
  en: {
    today: 'today',
    day: 'today',
    yesterday: 'yesterday',
    week: '7d',
    month: '30d',
    quarter: '90d',
    '3 months': '90d',
  },
}
const PERIOD_WORDS: Readonly<Record<string, StatsRange>> = Object.assign({}, ...Object.values(STATS_PERIOD_WORDS))

/**
 * What /stats takes, for the owner to read (/help, the answer to a period it does not take): the
 * periods ("7d", "30d", "90d") and one word for each day and period in `locale` ("сегодня",
 * "вчера", "неделя", "месяц", "квартал").
 */
export function statsPeriodForms(locale: string): { periods: StatsPeriod[]; words: string[] } {
  // The owner's language is one the bot has texts in (src/locales/languages.ts), each of which has words here
  if (!Object.hasOwn(STATS_PERIOD_WORDS, locale)) throw new Error(`no words for the stats periods in "${locale}"`)
  const periods = Object.keys(STATS_PERIODS) as StatsPeriod[]
  const words = Object.entries(STATS_PERIOD_WORDS[locale as Locale])
  const ranges: StatsRange[] = [...(Object.keys(STATS_DAYS) as StatsDay[]), ...periods]
  return {
    periods,
    words: ranges.flatMap((range) => words.find(([, r]) => r === range)?.[0] ?? []),
  }
}

/**
 * "7d" / "30d" / "90d" (or nothing: 30 days), also as a Russian owner types them — "7д", "7 дней",
 * "30", "неделя", "месяц", "квартал" — and in English words; a day, "сегодня" / "today" ("1d",
 * "день", "за день") or "вчера" / "yesterday"; undefined for anything else.
 */
export function parseStatsPeriod(arg: string | undefined): StatsRange | undefined {
  const a = (arg ?? '').trim().toLowerCase().replace(/\s+/g, ' ')
  if (a === '') return DEFAULT_STATS_PERIOD
  // "за неделю", "последние 30 дней", "last 7 days": the period is the rest; "1 неделя", "мес.",
  // "7 д." are the same words shortened or counted
  const said = a.replace(/^((за|последн\S*|last|the|past) )+/u, '').replace(/\.$/, '')
  const word = PERIOD_WORDS[said] ?? PERIOD_WORDS[said.replace(/^1 /, '')]
  if (word) return word
  const days = /^(\d+) ?(d|days?|д|дн|дня|дней|день)?$/u.exec(said)?.[1]
  // One day is the business's day so far: the 24 hours before asking would be half of two days
  if (days === '1') return 'today'
  const period = `${days}d`
  return days !== undefined && period in STATS_PERIODS ? (period as StatsPeriod) : undefined
}

/**
 * The funnel steps, in the order a client goes through them; a step is reached with any of
 * its event types. A `paid` row is an order still paid (the loader's; a refunded order is
 * not paid). "Answered within the SLA" is not a step: it is the team's speed, not how
 * far a client got, and a client who books a call and pays never asks for a manager.
 */
export const FUNNEL_STEPS = [
  { key: 'start', types: [FUNNEL.start] },
  { key: 'discovery', types: [FUNNEL.discoveryDone] },
  { key: 'quiz', types: [FUNNEL.quizDone] },
  { key: 'engaged', types: [FUNNEL.booked, FUNNEL.handoffOpened] },
  { key: 'paid', types: [FUNNEL.paid] },
  { key: 'reviewed', types: [FUNNEL.reviewed] },
] as const
export type FunnelStepKey = (typeof FUNNEL_STEPS)[number]['key']

export interface FunnelStep {
  key: FunnelStepKey
  /** The cohort's clients who got this far: reached this step or a later one. */
  clients: number
  /** Of them, those who did this step itself (the rest skipped it on their way further). */
  did: number
  /** % of the previous step (null for the first, or when the previous is 0); never over 100. */
  ofPrevious: number | null
  /** % of the clients who started. */
  ofStart: number | null
}

export interface Funnel {
  steps: FunnelStep[]
  /** The "booked / handed off" step split in two: who did each (not counting later steps). */
  booked: number
  handedOff: number
  /** Of those handed off, answered by a manager within the SLA. */
  answeredInSla: number
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = create()
    map.set(key, value)
  }
  return value
}

export const pct = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null)

/**
 * A cohort funnel: the clients whose `start` is in [from, to), and how far each of them has
 * got so far (events from `from` on, whenever they happened). Counting a cohort rather than
 * the period's events keeps every step about the same people. A step counts those who
 * reached it or any later one: steps can be skipped (the quiz without the questions, paying
 * without booking a call), and a client who paid has got past booking all the same; counted
 * each on its own, a later step could hold more clients than the one before it (300%).
 */
export function computeFunnel(events: readonly EventRow[], from: number, to: number): Funnel {
  const cohort = new Set<number>()
  for (const e of events) {
    if (e.type === FUNNEL.start && e.clientId !== null && e.createdAt >= from && e.createdAt < to)
      cohort.add(e.clientId)
  }
  const reached = new Map<string, Set<number>>()
  for (const e of events) {
    if (e.clientId === null || !cohort.has(e.clientId) || e.createdAt < from) continue
    getOrCreate(reached, e.type, () => new Set<number>()).add(e.clientId)
  }
  const countOf = (types: readonly string[]) => {
    const union = new Set<number>()
    for (const t of types) for (const id of reached.get(t) ?? []) union.add(id)
    return union.size
  }
  // From the last step back: who got at least this far
  const gotThisFar = new Set<number>()
  const counts: number[] = []
  for (const step of [...FUNNEL_STEPS].reverse()) {
    const ids = step.key === 'start' ? [...cohort] : step.types.flatMap((t) => [...(reached.get(t) ?? [])])
    for (const id of ids) gotThisFar.add(id)
    counts.unshift(gotThisFar.size)
  }
  const steps: FunnelStep[] = FUNNEL_STEPS.map((step, i) => ({
    key: step.key,
    clients: counts[i]!,
    did: step.key === 'start' ? cohort.size : countOf(step.types),
    ofPrevious: i === 0 ? null : pct(counts[i]!, counts[i - 1]!),
    ofStart: pct(counts[i]!, cohort.size),
  }))
  return {
    steps,
    booked: countOf([FUNNEL.booked]),
    handedOff: countOf([FUNNEL.handoffOpened]),
    answeredInSla: countOf([FUNNEL.answeredInSla]),
  }
}

/**
 * The funnel without the steps named in `unoffered` (a content file with no discovery or no
 * quiz questions) that nobody in it did: a salon without a questionnaire was shown one that
 * everyone "reached" (100%) and nobody did. A step someone did stays, as the questions may have
 * been removed since. Each step left is compared with the one shown before it.
 */
export function offeredFunnel(funnel: Funnel, unoffered: readonly FunnelStepKey[]): Funnel {
  const steps: FunnelStep[] = []
  for (const step of funnel.steps) {
    if (unoffered.includes(step.key) && step.did === 0) continue
    const previous = steps.at(-1)
    steps.push({ ...step, ofPrevious: previous === undefined ? null : pct(step.clients, previous.clients) })
  }
  return { ...funnel, steps }
}

/** The middle value (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** Nearest-rank percentile (p in 0–100): the smallest value with at least p% at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * s.length))
  return s[rank - 1] as number
}

export interface BookingStats {
  /** Bookings made in the period. */
  made: number
  /** Calls scheduled in the period, whatever became of them (one not yet marked is still `booked`). */
  due: number
  /** Of the calls scheduled in the period and already due: */
  called: number
  noShows: number
  cancelled: number
  /**
   * Still `booked`: due, and nobody on the team marked it ✅ or 📵 — the clients who may never
   * have been called (left out of every other figure, the line lost them).
   */
  unmarked: number
  /** no-shows / (called + no-shows), %. */
  noShowRate: number | null
}

export function computeBookings(rows: readonly BookingStatRow[], from: number, to: number): BookingStats {
  const made = rows.filter((b) => b.createdAt >= from && b.createdAt < to).length
  const due = rows.filter((b) => b.slotStart >= from && b.slotStart < to)
  const called = due.filter((b) => b.status === 'called').length
  const noShows = due.filter((b) => b.status === 'no_answer').length
  const cancelled = due.filter((b) => b.status === 'cancelled').length
  const unmarked = due.filter((b) => b.status === 'booked').length
  return { made, due: due.length, called, noShows, cancelled, unmarked, noShowRate: pct(noShows, called + noShows) }
}

export interface ResponseStats {
  opened: number
  answered: number
  /** First-response times in minutes of working time, as the SLA counts them (`WorkingTime`). */
  medianMinutes: number | null
  p90Minutes: number | null
  /** Answered before the SLA deadline (working hours counted), of those due by `now`. */
  withinSla: number
  slaDue: number
  withinSlaPct: number | null
}

/**
 * The business's working hours as the answer times count them: a request's deadline counted
 * from the content as it is (for requests opened before theirs was stored), and the working
 * minutes between two moments. A reply time is working time, as the SLA share next to it:
 * a request made at 22:00 and answered at 10:20 waited 20 minutes of it, not twelve hours,
 * so a team answering every evening request first thing in the morning reads as fast, not as
 * late as the wall clock made it.
 */
export interface WorkingTime {
  slaDeadline(openedAt: number): number | undefined
  minutesBetween(from: number, to: number): number
}

/**
 * Whether a request was answered within its SLA: true or false once it is due, undefined
 * while it is not. Its deadline is the one it was opened with (`slaDueAt`), counted in
 * working hours, so a request opened at night is not "late" by morning and a later change
 * of the answer time does not rescore it; one still open and unanswered at its deadline
 * was missed. One closed before its deadline without a reply (spam closed with `/close
 * force`, a client who erased their data a minute after asking) was never late: the SLA
 * alert is cancelled with it, and it is not due.
 */
function answeredInTime(h: HandoffStatRow, now: number, working: WorkingTime): boolean | undefined {
  const deadline = h.slaDueAt ?? working.slaDeadline(h.openedAt)
  // Its first wait ended with nothing owed before any answer (the client settled it, or it opened
  // with news alone): not due when that came before its deadline, as a request closed then is;
  // settled only after it, the deadline was missed
  if (h.settledAt !== null) return deadline === undefined || h.settledAt <= deadline ? undefined : false
  if (h.firstResponseAt !== null) return deadline === undefined || h.firstResponseAt <= deadline
  if (deadline !== undefined && deadline < now && (h.closedAt === null || h.closedAt > deadline)) return false
  return undefined
}

/**
 * The working minutes a request waited for its first answer: as counted when it came, so a
 * later change of the working hours does not rewrite last week's figures; on the hours as they
 * are for a request answered before that was stored.
 */
function firstResponseMinutes(h: HandoffStatRow, answeredAt: number, working: WorkingTime): number {
  return h.firstResponseMinutes ?? working.minutesBetween(h.openedAt, answeredAt)
}

/** First responses to handoffs opened in [from, to), and the share within the SLA (`answeredInTime`). */
export function computeResponses(
  rows: readonly HandoffStatRow[],
  from: number,
  to: number,
  now: number,
  working: WorkingTime,
): ResponseStats {
  const opened = rows.filter((h) => h.openedAt >= from && h.openedAt < to)
  const times: number[] = []
  let withinSla = 0
  let slaDue = 0
  for (const h of opened) {
    // (An answer after the client settled its first wait answered nothing owed: no first answer)
    if (h.firstResponseAt !== null && h.settledAt === null)
      times.push(firstResponseMinutes(h, h.firstResponseAt, working))
    const inTime = answeredInTime(h, now, working)
    if (inTime !== undefined) slaDue++
    if (inTime) withinSla++
  }
  return {
    opened: opened.length,
    answered: times.length,
    medianMinutes: median(times),
    p90Minutes: percentile(times, 90),
    withinSla,
    slaDue,
    withinSlaPct: pct(withinSla, slaDue),
  }
}

export interface ClosureStats {
  /** Closed with the client's "yes, solved" (the only closing that counts as their agreement). */
  byClient: number
  /** Closed by themselves: the client did not answer "Is your question solved?" in time. */
  byTimeout: number
  /** Closed by staff (`/close force`), without asking the client. */
  byStaff: number
}

/**
 * Requests closed in [from, to), by who closed them. Those closed when the client erased
 * their data are left out; those closed before closers were recorded could only be closed
 * by the client's "yes".
 */
export function computeClosures(rows: readonly HandoffStatRow[], from: number, to: number): ClosureStats {
  const stats: ClosureStats = { byClient: 0, byTimeout: 0, byStaff: 0 }
  for (const h of rows) {
    if (h.closedAt === null || h.closedAt < from || h.closedAt >= to) continue
    if (h.closedBy === 'timeout') stats.byTimeout++
    else if (h.closedBy === 'staff') stats.byStaff++
    else if (h.closedBy === 'client' || h.closedBy === null) stats.byClient++
  }
  return stats
}

export interface SurveyStats {
  /** CSAT on 1–5: average and % of 4–5 ("satisfied"); the check-in "Как всё прошло?" is this question. */
  csat: { n: number; average: number | null; satisfiedPct: number | null }
  /** NPS on 0–10: % promoters (9–10) − % detractors (0–6), from −100 to 100. */
  nps: { n: number; score: number | null; promoters: number; detractors: number }
  /** CES: average effort score (lower = easier). */
  ces: { n: number; average: number | null }
}

const average = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

export function computeSurveys(rows: readonly FeedbackStatRow[], from: number, to: number): SurveyStats {
  const inPeriod = rows.filter((f) => f.createdAt >= from && f.createdAt < to)
  const scores = (kind: string) => inPeriod.filter((f) => f.kind === kind).map((f) => f.score)
  // The follow-ups' check-in ("how did it go?", 1–5) is the overall satisfaction question
  const csat = [...scores('csat'), ...scores('checkin')]
  const nps = scores('nps')
  const ces = scores('ces')
  const promoters = nps.filter((s) => s >= NPS_PROMOTER_MIN).length
  const detractors = nps.filter((s) => s <= NPS_DETRACTOR_MAX).length
  return {
    csat: {
      n: csat.length,
      average: average(csat),
      satisfiedPct: pct(csat.filter((s) => s >= 4).length, csat.length),
    },
    nps: {
      n: nps.length,
      score: nps.length > 0 ? ((promoters - detractors) / nps.length) * 100 : null,
      promoters,
      detractors,
    },
    ces: { n: ces.length, average: average(ces) },
  }
}

export interface Retention {
  from: number
  to: number
  /** S: customers at the start. */
  start: number
  /** E: customers at the end. */
  end: number
  /** N: customers at the end who became customers during the period. */
  new: number
  /**
   * R: customers at the end who paid before the period but were not customers at its start
   * (silent past the re-engagement threshold then) and came back in it: neither kept nor new.
   */
  returned: number
  /** CRR = (E − N − R) / S × 100%, those at the start still customers at the end: 0–100%; null when S = 0. */
  crr: number | null
  /** 100% − CRR. */
  churn: number | null
}

/**
 * Customers "at" an instant T: paid at least once by T, not erased or blocked by T, and
 * active (any event, order, booking, feedback or message) within `windowMs` before T — a
 * customer silent for longer (the re-engagement threshold) counts as lost.
 */
export function customersAt(
  customers: readonly CustomerRow[],
  lastActivityBefore: (clientId: number, t: number) => number | undefined,
  t: number,
  windowMs: number,
): Set<number> {
  const result = new Set<number>()
  for (const c of customers) {
    if (c.firstPaidAt > t || (c.goneAt !== null && c.goneAt <= t)) continue
    const last = lastActivityBefore(c.clientId, t)
    if (last !== undefined && last > t - windowMs) result.add(c.clientId)
  }
  return result
}

/** Indexes activity for "the latest activity at or before t" look-ups. */
export function activityIndex(rows: readonly ActivityRow[]): (clientId: number, t: number) => number | undefined {
  const byClient = new Map<number, number[]>()
  for (const r of rows) {
    getOrCreate(byClient, r.clientId, () => [] as number[]).push(r.at)
  }
  for (const list of byClient.values()) list.sort((a, b) => a - b)
  return (clientId, t) => {
    const list = byClient.get(clientId)
    if (!list) return undefined
    let lo = 0
    let hi = list.length - 1
    let found: number | undefined
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const v = list[mid] as number
      if (v <= t) {
        found = v
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }
}

/**
 * CRR = (E − N − R) / S × 100% for the period [from, to) (docs/owners.md, "Stats"): the customers at
 * its start who are customers at its end. One who came back after a silence (R) is in E, and in
 * neither S nor N: left in the numerator, they made CRR exceed 100% and churn go negative.
 */
export function computeRetention(
  customers: readonly CustomerRow[],
  activity: readonly ActivityRow[],
  from: number,
  to: number,
  windowMs: number,
): Retention {
  const last = activityIndex(activity)
  const atStart = customersAt(customers, last, from, windowMs)
  const atEnd = customersAt(customers, last, to, windowMs)
  const firstPaid = new Map(customers.map((c) => [c.clientId, c.firstPaidAt]))
  let fresh = 0
  let kept = 0
  for (const id of atEnd) {
    if (atStart.has(id)) kept++
    else if ((firstPaid.get(id) as number) > from) fresh++
  }
  const crr = atStart.size > 0 ? (kept / atStart.size) * 100 : null
  return {
    from,
    to,
    start: atStart.size,
    end: atEnd.size,
    new: fresh,
    returned: atEnd.size - kept - fresh,
    crr,
    churn: crr === null ? null : 100 - crr,
  }
}

export interface ManagerStats {
  managerId: number
  handoffs: number
  answered: number
  medianMinutes: number | null
  withinSlaPct: number | null
  /** Averages of the clients' speed and quality ratings of this manager's requests. */
  speed: number | null
  quality: number | null
  /** How many requests of theirs the clients rated (one request: a speed and a quality score). */
  rated: number
  /**
   * Requests they answered that a colleague had let go late (the one who led it at its deadline,
   * `slaBreachedBy`; passed on to them, or answered by them in the colleague's stead): in
   * `handoffs` and `answered`, not in the reply times or the share. The report names them, or
   * the "—" beside an answer reads as a fault.
   */
  receivedLate: number
  /**
   * The median working time from those going late to their answer: how long the client waited
   * more once it was theirs to put right ("in time 100%" alone read as flawless for a manager who
   * answered them the next day). Null without such an answer.
   */
  lateMedianMinutes: number | null
  /**
   * Requests they answered that went late with nobody leading them (`slaBreachedBy` null: nobody
   * had taken it from the group, or the rota's lead was off duty): the team's miss, counted as
   * `receivedLate` is — in `handoffs` and `answered`, not in the times or the share — and named
   * for what it was: it waited in the group, it did not come to them late from anyone.
   */
  unclaimedLate: number
  /** As `lateMedianMinutes`, for `unclaimedLate`. */
  unclaimedMedianMinutes: number | null
  /**
   * Follow-up waits gone late in the period in requests they led then: a client wrote again after
   * an answer and waited past the answer time (`ReplyLateRow`), whenever the request was opened.
   */
  repliesLate: number
}

/**
 * Per manager: the requests they answered first (unanswered: the one leading it), their reply
 * times, SLA share and the clients' ratings. A request that went late is the miss of whoever
 * led it then (`slaBreachedBy`): it counts in their requests and share. The colleague it was
 * passed to, or who took it, got it already late: it counts in their requests and answers, not
 * in their reply times or share. One that went late with nobody leading it is the team's miss
 * (the requests line), in no manager's share; whoever answered it then has it counted as the
 * colleague's is, apart (`unclaimedLate`): it waited in the group. `repliesLate`: the follow-up
 * waits gone late in the period, by the lead of the request then (nobody: the team's only).
 */
export function computeManagers(
  handoffs: readonly HandoffStatRow[],
  feedback: readonly FeedbackStatRow[],
  from: number,
  to: number,
  now: number,
  working: WorkingTime,
  repliesLate: readonly ReplyLateRow[] = [],
): ManagerStats[] {
  interface Tally {
    handoffs: number
    times: number[]
    answered: number
    withinSla: number
    slaDue: number
    /** From a colleague who let it go late, and with nobody leading it: the minutes each was answered after going late. */
    lateTimes: number[]
    unclaimedTimes: number[]
    receivedLate: number
    unclaimedLate: number
    repliesLate: number
  }
  const tallies = new Map<number, Tally>()
  const tallyOf = (managerId: number) =>
    getOrCreate(
      tallies,
      managerId,
      (): Tally => ({
        handoffs: 0,
        times: [],
        answered: 0,
        withinSla: 0,
        slaDue: 0,
        lateTimes: [],
        unclaimedTimes: [],
        receivedLate: 0,
        unclaimedLate: 0,
        repliesLate: 0,
      }),
    )
  for (const h of handoffs) {
    if (h.openedAt < from || h.openedAt >= to) continue
    // Whose it was to answer in time, and who answered it
    const held = h.slaBreachedAt !== null ? h.slaBreachedBy : (h.firstResponderId ?? h.managerId)
    // (One answered after the client settled its first wait answered nothing owed: no first answer in /stats)
    const answeredBy = h.firstResponseAt === null || h.settledAt !== null ? null : (h.firstResponderId ?? held)
    if (held !== null) {
      const t = tallyOf(held)
      t.handoffs++
      const inTime = answeredInTime(h, now, working)
      if (inTime !== undefined) t.slaDue++
      if (inTime) t.withinSla++
      // Answered by whoever held it (answeredBy is set only with an answer: the first test is for the type checker)
      if (h.firstResponseAt !== null && answeredBy === held) {
        t.answered++
        t.times.push(firstResponseMinutes(h, h.firstResponseAt, working))
      }
    }
    if (answeredBy !== null && answeredBy !== held) {
      const t = tallyOf(answeredBy)
      t.handoffs++
      t.answered++
      // (Only a late request has another answerer than the one who held it: its answer came after it went late)
      const afterLate =
        h.slaBreachedAt !== null && h.firstResponseAt !== null
          ? [working.minutesBetween(h.slaBreachedAt, h.firstResponseAt)]
          : []
      // Nobody led it at its deadline (`held` null): it waited in the group, nobody's — it was not passed on late
      if (held === null) {
        t.unclaimedLate++
        t.unclaimedTimes.push(...afterLate)
      } else {
        t.receivedLate++
        t.lateTimes.push(...afterLate)
      }
    }
  }
  for (const r of repliesLate) if (r.managerId !== null) tallyOf(r.managerId).repliesLate += r.waits
  const ratingKinds = new Set(['handoff_speed', 'handoff_quality'])
  const ratings = feedback.filter(
    (f): f is FeedbackStatRow & { managerId: number } =>
      f.managerId !== null && ratingKinds.has(f.kind) && f.createdAt >= from && f.createdAt < to,
  )
  for (const f of ratings) tallyOf(f.managerId)
  const result: ManagerStats[] = []
  for (const [managerId, t] of tallies) {
    const theirs = ratings.filter((f) => f.managerId === managerId)
    const scores = (kind: string) => theirs.filter((f) => f.kind === kind).map((f) => f.score)
    // A request is rated once whatever it was rated for; a rating without its request counts alone
    const rated = new Set(theirs.map((f, i) => f.handoffId ?? `row ${i}`))
    result.push({
      managerId,
      handoffs: t.handoffs,
      answered: t.answered,
      medianMinutes: median(t.times),
      withinSlaPct: pct(t.withinSla, t.slaDue),
      speed: average(scores('handoff_speed')),
      quality: average(scores('handoff_quality')),
      rated: rated.size,
      receivedLate: t.receivedLate,
      lateMedianMinutes: median(t.lateTimes),
      unclaimedLate: t.unclaimedLate,
      unclaimedMedianMinutes: median(t.unclaimedTimes),
      repliesLate: t.repliesLate,
    })
  }
  return result.sort((a, b) => b.handoffs - a.handoffs || a.managerId - b.managerId)
}

/** The follow-up waits of the period (`Stats.repliesWaited`): the late ones and the rest, per lead. */
function repliesWaited(
  late: readonly ReplyLateRow[],
  notLate: readonly ReplyWaitRow[],
): { waits: number; byManager: ReplyWaitRow[] } {
  const byManager = new Map<number, number>()
  let waits = 0
  for (const r of [...late, ...notLate]) {
    waits += r.waits
    if (r.managerId !== null) byManager.set(r.managerId, (byManager.get(r.managerId) ?? 0) + r.waits)
  }
  return {
    waits,
    byManager: [...byManager].sort(([a], [b]) => a - b).map(([managerId, n]) => ({ managerId, waits: n })),
  }
}

/** The rows the maths reads: as loaded (db/repositories/stats.ts). */
export type StatsDataset = StatsRows

export interface Stats {
  /** A rolling period, or a day (`isStatsDay`): then no retention. */
  period: StatsRange
  from: number
  to: number
  funnel: Funnel
  bookings: BookingStats
  responses: ResponseStats
  closures: ClosureStats
  slaMinutes: number
  surveys: SurveyStats
  /**
   * Follow-up waits gone late in the period, team-wide (led by a manager or by nobody): a client
   * wrote again in an answered request and waited past the answer time. `countedFrom`: they were
   * kept only from then on (a moment inside the period); null when for the whole period.
   */
  repliesLate: { waits: number; countedFrom: number | null }
  /**
   * What `repliesLate` is out of: the follow-up waits of the period, each time a client wrote again
   * in an answered request — those gone late, and those begun in it that did not (answered in time,
   * still in their answer time, ended with the request), from `repliesLate.countedFrom` when it is
   * set. Per lead: the late ones as `repliesLate` has them (the lead when it went late), the others
   * by the request's lead; nobody's in the team's figure only.
   */
  repliesWaited: { waits: number; byManager: ReplyWaitRow[] }
  /**
   * This period last; earlier periods of the same length before it, oldest first. None for a
   * day: a customer counts as lost only after weeks of silence (`followups.reengage_after_days`),
   * so a day's share kept is 100% but for the odd one, and says nothing.
   */
  retention: Retention[]
  managers: ManagerStats[]
}

/** How many periods of retention history the report shows (the last one is the current). */
export const RETENTION_PERIODS = 6

/** Where the dataset must start for `computeStats` (activity needs one window more). */
export function datasetStart(to: number, period: StatsPeriod, windowMs: number): number {
  return to - RETENTION_PERIODS * STATS_PERIODS[period] * DAY_MS - windowMs
}

/**
 * The times the rows for `computeStats` are loaded for: the period, where the data starts,
 * and the instants retention is measured at (the boundaries of its periods).
 */
export function statsWindow(now: number, period: StatsPeriod, windowMs: number) {
  const length = STATS_PERIODS[period] * DAY_MS
  return {
    from: now - length,
    to: now,
    since: datasetStart(now, period, windowMs),
    retention: { first: now - RETENTION_PERIODS * length, step: length },
  }
}

/**
 * The rows for a day's figures: the day alone, with no customers or activity read (a day has no
 * retention, `Stats.retention`) — never more than a week's.
 */
export function dayStatsWindow(now: number, day: StatsDay, timezone: string) {
  const { from, to } = statsDaySpan(now, day, timezone)
  return { from, to, since: from, retention: null }
}

export function computeStats(
  data: StatsDataset,
  input: {
    period: StatsPeriod
    now: number
    slaMinutes: number
    working: WorkingTime
    /** Silence after which a customer counts as lost (the re-engagement threshold). */
    retentionWindowMs: number
  },
): Stats {
  const { period, now } = input
  const length = STATS_PERIODS[period] * DAY_MS
  const to = now
  const from = now - length
  const retention: Retention[] = []
  for (let i = RETENTION_PERIODS - 1; i >= 0; i--) {
    const end = to - i * length
    retention.push(computeRetention(data.customers, data.activity, end - length, end, input.retentionWindowMs))
  }
  return { period, ...spanStats(data, from, to, input), retention }
}

/**
 * A day's figures (`statsDaySpan`): those of a period, counted over the business's day, without
 * retention. A request opened in it is judged by now, as a period's are: yesterday's request
 * still unanswered past its deadline this morning was missed.
 */
export function computeDayStats(
  data: StatsDataset,
  input: { day: StatsDay; now: number; timezone: string; slaMinutes: number; working: WorkingTime },
): Stats {
  const { from, to } = statsDaySpan(input.now, input.day, input.timezone)
  return { period: input.day, ...spanStats(data, from, to, input), retention: [] }
}

/** Everything but retention, over [from, to), as of `now`. */
function spanStats(
  data: StatsDataset,
  from: number,
  to: number,
  input: { now: number; slaMinutes: number; working: WorkingTime },
): Omit<Stats, 'period' | 'retention'> {
  const { now } = input
  return {
    from,
    to,
    funnel: computeFunnel(data.events, from, to),
    bookings: computeBookings(data.bookings, from, to),
    responses: computeResponses(data.handoffs, from, to, now, input.working),
    closures: computeClosures(data.handoffs, from, to),
    slaMinutes: input.slaMinutes,
    surveys: computeSurveys(data.feedback, from, to),
    repliesLate: {
      waits: data.repliesLate.reduce((n, r) => n + r.waits, 0),
      countedFrom: data.repliesLateFrom,
    },
    repliesWaited: repliesWaited(data.repliesLate, data.repliesNotLate ?? []),
    managers: computeManagers(data.handoffs, data.feedback, from, to, now, input.working, data.repliesLate),
  }
}
