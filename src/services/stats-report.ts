/**
 * The owner's /stats report: the rows are loaded and the maths (./stats.ts) run by the
 * read worker, so a report over a large database never stops the bot answering.
 */
import type { Db } from '../../db/client.ts'
import { loadRevenue, loadStatsRows, type RevenueRow, staffNames } from '../../db/repositories/stats.ts'
import type { Clock } from '../clock.ts'
import type { ContentStore } from '../content/store.ts'
import { businessCalendar } from '../format.ts'
import {
  computeDayStats,
  computeStats,
  dayStatsWindow,
  type FunnelStepKey,
  isStatsDay,
  offeredFunnel,
  type Stats,
  type StatsRange,
  statsWindow,
} from './stats.ts'
import { addWorkingMinutes, DAY_MS, type WorkingCalendar, workingTimeline } from './time.ts'
import type { ReadWorker } from './worker/read-worker.ts'

export type { RevenueRow } from '../../db/repositories/stats.ts'

export interface StatsReportInput {
  /** A rolling period, or the business's day in `calendar.timezone`. */
  period: StatsRange
  now: number
  slaMinutes: number
  /** Working hours: the SLA and the reply times count only working time; its zone is the business's. */
  calendar: WorkingCalendar
  /** Silence after which a customer counts as lost (the re-engagement threshold). */
  retentionWindowMs: number
  /** Funnel steps the content offers no questions for: left out unless someone did them. */
  unoffered: FunnelStepKey[]
}

export interface StatsReport {
  stats: Stats
  /** Display names of the managers in the report, by Telegram id. */
  managerNames: Record<number, string>
  /** Money paid in the period by currency and how it was paid, and refunds. */
  revenue: { paid: RevenueRow[]; refunds: RevenueRow[]; jobs: number }
}

/** The report from the database (a read task: runs on the read worker's connection). */
export function statsReport(db: Db, input: StatsReportInput): StatsReport {
  const { period, now, slaMinutes, calendar } = input
  const window = isStatsDay(period)
    ? dayStatsWindow(now, period, calendar.timezone)
    : statsWindow(now, period, input.retentionWindowMs)
  const rows = loadStatsRows(db, window)
  const working = {
    slaDeadline: (openedAt: number) => addWorkingMinutes(openedAt, slaMinutes, calendar),
    // The period's requests were opened in it and answered by now
    minutesBetween: workingTimeline(window.from, now, calendar),
  }
  const stats = isStatsDay(period)
    ? computeDayStats(rows, { day: period, now, timezone: calendar.timezone, slaMinutes, working })
    : computeStats(rows, { period, now, slaMinutes, working, retentionWindowMs: input.retentionWindowMs })
  stats.funnel = offeredFunnel(stats.funnel, input.unoffered)
  const names = staffNames(
    db,
    stats.managers.map((m) => m.managerId),
  )
  return { stats, managerNames: Object.fromEntries(names), revenue: loadRevenue(db, stats.from, stats.to) }
}

export type StatsService = ReturnType<typeof createStatsService>

export function createStatsService({
  reads,
  content,
  clock,
}: {
  reads: ReadWorker
  content: ContentStore
  clock: Clock
}) {
  return {
    /** The report for the period ending now (or the business's day), computed off the event loop. */
    report(period: StatsRange): Promise<StatsReport> {
      const c = content.get()
      return reads.run('stats', {
        period,
        now: clock.now(),
        slaMinutes: c.handoff.sla_minutes,
        calendar: businessCalendar(c),
        retentionWindowMs: c.followups.reengage_after_days * DAY_MS,
        unoffered: [
          ...(c.discovery.questions.length === 0 ? (['discovery'] as const) : []),
          ...(c.quiz.questions.length === 0 ? (['quiz'] as const) : []),
        ],
      })
    },
  }
}
