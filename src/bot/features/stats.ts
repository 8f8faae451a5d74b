import { InputFile } from 'grammy'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { clockTime, formatSpan, shortWhen } from '../../format.ts'
import { formatMoney } from '../../money.ts'
import {
  DEFAULT_STATS_PERIOD,
  isStatsDay,
  parseStatsPeriod,
  STATS_PERIODS,
  type Stats,
  type StatsPeriod,
  statsPeriodForms,
} from '../../services/stats.ts'
import { buildStatsSvg, renderPng } from '../../services/stats-chart.ts'
import type { RevenueRow, StatsReport } from '../../services/stats-report.ts'
import { localDate } from '../../services/time.ts'
import { clip, MESSAGE_MAX, splitMessage } from '../../text.ts'
import type { BaseContext } from '../context.ts'
import { ownerOnly } from '../owner-guard.ts'
import type { BotScopes } from '../scopes.ts'

/** A percentage for people: whole numbers, "—" when there is nothing to divide by. */
const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v)}%`)
/** A number in the owner's language ("0,7" in Russian, "0.7" in English), with `min`–`max` decimals. */
const numeral = (v: number, locale: string, max: number, min = 0) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max }).format(v)
/** An answer time: "4,5 мин", "2 ч 5 мин" (the card's spans), or "—" with none to measure. */
const answerTime = (v: number | null, locale: string) => (v === null ? '—' : formatSpan(v, locale))
/** What of the business's name fits the chart's title line with the period after it. */
const CHART_NAME_MAX = 40

/** An average score, one decimal always ("4,0"). */
const decimal = (v: number | null, locale: string) => (v === null ? '—' : numeral(v, locale, 1, 1))
/** An NPS score with its sign, as the scale from −100 to +100 reads ("+40", "0", "-20"). */
const npsScore = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${Math.round(v)}`)

/**
 * /stats [7d|30d|90d] for owners: the funnel with conversions, calls and no-shows,
 * first-response times against the SLA, the ratings after an order, retention (CRR) per period
 * and per-manager numbers — as text (in several messages when long) and as a PNG chart.
 * /stats сегодня (today) or вчера (yesterday): the business's day, as text alone — the funnel in
 * counts, no retention and no chart (docs/owners.md, "A day").
 */
export function registerStatsFeature(deps: Deps, scopes: BotScopes): void {
  const { content, services } = deps
  const feature = scopes.private

  feature.command(
    'stats',
    ownerOnly(async (ctx) => {
      const period = parseStatsPeriod(ctx.match)
      if (!period) return ctx.reply(ctx.t('stats-usage', await statsForms(ctx, '/stats ')))
      // Counted off the event loop: on a large database it takes a while, and the bot keeps answering
      await ctx.reply(ctx.t('stats-working'))
      const report = await services.stats.report(period)
      const timezone = content.get().business.timezone
      const locale = await ctx.i18n.getLocale()
      // Some 30 managers with long names pass one message's 4096: the report comes in several, in order
      for (const part of splitMessage(statsText(ctx, report, timezone, locale), MESSAGE_MAX)) await ctx.reply(part)
      // A day has no chart: its funnel's shares and retention bars need weeks, and its key numbers are the text's
      if (isStatsDay(period)) return
      const { stats } = report
      // The chart is forwarded and saved on its own: it says whose numbers these are (a name longer
      // than the title's line is cut, not run off the image)
      const business = clip(pickText(content.get().business.name, locale), CHART_NAME_MAX)
      const png = await renderPng(buildStatsSvg(chartInput(ctx, stats, period, business, timezone, locale)))
      return ctx.replyWithPhoto(new InputFile(png, `stats-${period}.png`))
    }),
  )
}

/**
 * What /stats takes, in the owner's language, for `help-stats` and `stats-usage`: the periods
 * (each after `before`: "/stats 7d, /stats 30d или /stats 90d"), a word for each ("неделя, месяц,
 * квартал") and the days of a /stats with none. From the parser's own lists, so what the owner is
 * told is what it takes.
 */
export async function statsForms(
  ctx: BaseContext,
  before = '',
): Promise<{ periods: string; words: string; days: number }> {
  const locale = await ctx.i18n.getLocale()
  const { periods, words } = statsPeriodForms(locale)
  return {
    periods: new Intl.ListFormat(locale, { type: 'disjunction' }).format(periods.map((p) => `${before}${p}`)),
    words: words.join(', '),
    days: STATS_PERIODS[DEFAULT_STATS_PERIOD],
  }
}

/**
 * A period's ends as it is counted, each with its time: its days × 24 hours up to the moment of
 * asking, "16 нояб., 12:00 – 23 нояб., 12:00". The dates alone ("16–23 нояб.") named eight days for seven.
 * Across the new year each end names its year ("29 дек. 2026 г., 12:00 – 5 янв. 2027 г., 12:00").
 */
function periodBounds(period: { from: number; to: number }, timezone: string, locale: string): [string, string] {
  const years = localDate(period.from, timezone).slice(0, 4) !== localDate(period.to, timezone).slice(0, 4)
  return [shortWhen(period.from, timezone, locale, years), shortWhen(period.to, timezone, locale, years)]
}

function dateRange(period: { from: number; to: number }, timezone: string, locale: string): string {
  return periodBounds(period, timezone, locale).join(' – ')
}

/**
 * A day's span: today's from its midnight to the moment of asking, "23 нояб., 0:00 – 16:05" (one
 * date for the two ends of one day); yesterday's whole, to the midnight it ended with, each end
 * with its date as a period's ("22 нояб., 0:00 – 23 нояб., 0:00").
 */
function dayRange(day: { from: number; to: number }, timezone: string, locale: string): string {
  if (localDate(day.from, timezone) !== localDate(day.to, timezone)) return dateRange(day, timezone, locale)
  return `${shortWhen(day.from, timezone, locale)} – ${clockTime(day.to, timezone, locale)}`
}

/** The report's heading: the period and its span, "📊 Статистика за 7 дней (…)", "📊 Статистика за день (сегодня, …)". */
function title(ctx: BaseContext, s: Stats, timezone: string, locale: string): string {
  return isStatsDay(s.period)
    ? ctx.t('stats-title-day', { day: s.period, range: dayRange(s, timezone, locale) })
    : ctx.t('stats-title', { days: STATS_PERIODS[s.period], range: dateRange(s, timezone, locale) })
}

function statsText(
  ctx: BaseContext,
  { stats: s, managerNames: names, revenue }: StatsReport,
  timezone: string,
  locale: string,
): string {
  const lines: string[] = []
  const day = isStatsDay(s.period)
  lines.push(title(ctx, s, timezone, locale), '')
  lines.push(...(day ? dayFunnelLines(ctx, s.funnel) : funnelLines(ctx, s.funnel)), '')
  const { bookings } = s
  // A period without calls says so in one line, as the requests and ratings do: "0 (—)" read as broken
  lines.push(
    // (a call due that nobody marked yet is still a call: "nothing was due" would be false)
    bookings.made + bookings.due === 0
      ? ctx.t('stats-bookings-none')
      : ctx.t('stats-bookings', {
          made: bookings.made,
          called: bookings.called,
          noshows: bookings.noShows,
          measured: bookings.noShowRate === null ? 'no' : 'yes',
          rate: percent(bookings.noShowRate),
          cancelled: bookings.cancelled,
          // Named as the reminder's buttons are, so the owner knows what the team did not press
          unmarked: bookings.unmarked,
          markCalled: ctx.t('booking-outcome-called'),
          markMissed: ctx.t('booking-outcome-noans'),
        }),
  )
  // Nothing to measure yet reads as such: "0 из 0 — —" and "медиана —" looked broken
  lines.push(
    s.responses.opened === 0
      ? ctx.t('stats-handoffs-none')
      : ctx.t('stats-handoffs', {
          opened: s.responses.opened,
          answered: s.responses.answered,
          median: answerTime(s.responses.medianMinutes, locale),
          p90: answerTime(s.responses.p90Minutes, locale),
          sla: s.slaMinutes,
          within: s.responses.withinSla,
          due: s.responses.slaDue,
          pct: percent(s.responses.withinSlaPct),
        }),
  )
  // A period with no request opened or closed says so in the one line above, not a line of zeros
  const { byClient, byTimeout, byStaff } = s.closures
  const requests = s.responses.opened > 0 || byClient + byTimeout + byStaff > 0
  if (requests) {
    lines.push(ctx.t('stats-closures', { client: byClient, timeout: byTimeout, staff: byStaff }))
  }
  // The clients who wrote again after an answer and waited past the answer time, out of every time
  // they wrote again: a wait in a request opened before the period counts too, so the line comes
  // whenever there was one
  const { repliesLate, repliesWaited } = s
  if (requests || repliesWaited.waits > 0) {
    lines.push(
      ctx.t('stats-replies-late', {
        waits: repliesLate.waits,
        of: repliesWaited.waits,
        from: repliesLate.countedFrom === null ? 'none' : shortWhen(repliesLate.countedFrom, timezone, locale),
      }),
    )
  }
  const { csat, nps, ces } = s.surveys
  // The managers' lines below carry the ratings of their answers: "no ratings" here read as contradicting them
  const answersRated = s.managers.some((m) => m.rated > 0)
  lines.push(
    csat.n + nps.n + ces.n === 0
      ? ctx.t(answersRated ? 'stats-surveys-none-answers-rated' : 'stats-surveys-none')
      : ctx.t('stats-surveys', {
          // Only the kinds given: "NPS — (n=0)" beside a CSAT read as a figure of its own
          list: [
            csat.n > 0 &&
              ctx.t('stats-survey-csat', {
                csat: decimal(csat.average, locale),
                satisfied: percent(csat.satisfiedPct),
                n: csat.n,
              }),
            nps.n > 0 &&
              ctx.t('stats-survey-nps', {
                nps: npsScore(nps.score),
                n: nps.n,
              }),
            ces.n > 0 && ctx.t('stats-survey-ces', { ces: decimal(ces.average, locale), n: ces.n }),
          ]
            .filter(Boolean)
            .join('; '),
        }),
  )
  const current = s.retention.at(-1)
  if (current) {
    lines.push(
      ctx.t('stats-retention', {
        // No customers at the start: nothing to keep, and "— … —" was noise
        measured: current.crr === null ? 'no' : 'yes',
        crr: percent(current.crr),
        churn: percent(current.churn),
        start: current.start,
        end: current.end,
        new: current.new,
        returned: current.returned,
      }),
    )
    // Earlier periods with no customers at their start measure nothing: "— → — → —" was noise to a new business
    if (s.retention.slice(0, -1).some((r) => r.crr !== null)) {
      lines.push(ctx.t('stats-retention-history', { values: s.retention.map((r) => percent(r.crr)).join(' → ') }))
    }
  }
  lines.push(...revenueLines(ctx, revenue, locale))
  lines.push('', ctx.t('stats-managers-title'))
  if (s.managers.length === 0) lines.push(ctx.t('stats-managers-none', { requests: s.responses.opened }))
  for (const m of s.managers) {
    lines.push(
      ctx.t('stats-manager', {
        name: names[m.managerId] ?? `id ${m.managerId}`,
        handoffs: m.handoffs,
        median: answerTime(m.medianMinutes, locale),
        pct: percent(m.withinSlaPct),
        speed: decimal(m.speed, locale),
        quality: decimal(m.quality, locale),
        rated: m.rated,
        late: lateParts(ctx, m, locale),
        repliesLate: m.repliesLate,
        // Each wait gone late in their requests is among them: never fewer
        repliesOf: s.repliesWaited.byManager.find((r) => r.managerId === m.managerId)?.waits ?? m.repliesLate,
      }),
    )
  }
  if (s.managers.some((m) => m.receivedLate > 0)) lines.push(ctx.t('stats-managers-late-note'))
  if (s.managers.some((m) => m.unclaimedLate > 0)) lines.push(ctx.t('stats-managers-unclaimed-note'))
  // What a day leaves out, said so: its absence would read as forgotten, or as nothing to show
  if (day) lines.push('', ctx.t('stats-day-left-out'))
  return lines.join('\n')
}

/**
 * What of a manager's requests went late before they answered, as it came to them: passed on by a
 * colleague who let it go late, or left waiting in the group with nobody taking it ("arrived late"
 * said of that one was untrue: it waited for anyone, them too). "none" without either.
 */
function lateParts(ctx: BaseContext, m: Stats['managers'][number], locale: string): string {
  const parts = [
    m.receivedLate > 0 &&
      ctx.t('stats-manager-late', { n: m.receivedLate, median: answerTime(m.lateMedianMinutes, locale) }),
    m.unclaimedLate > 0 &&
      ctx.t('stats-manager-unclaimed', { n: m.unclaimedLate, median: answerTime(m.unclaimedMedianMinutes, locale) }),
  ].filter((part): part is string => typeof part === 'string')
  return parts.length === 0 ? 'none' : parts.join('; ')
}

/**
 * The funnel, step by step with its conversions, and the booking step split in clients; one line
 * when nobody started in the period: six steps of "0 (— от предыдущего шага…)" said only that.
 */
function funnelLines(ctx: BaseContext, funnel: Stats['funnel']): string[] {
  if ((funnel.steps[0]?.clients ?? 0) === 0) return [ctx.t('stats-funnel-none')]
  const lines = [ctx.t('stats-funnel-title')]
  for (const step of funnel.steps) {
    lines.push(
      ctx.t(step.key === 'start' ? 'stats-funnel-first' : 'stats-funnel-step', {
        step: ctx.t(`stats-step-${step.key}`),
        clients: step.clients,
        previous: percent(step.ofPrevious),
        start: percent(step.ofStart),
        // Those who skipped the step on their way further are counted in it: said how many did it
        skipped: step.clients - step.did,
        did: step.did,
      }),
    )
  }
  lines.push(
    ctx.t('stats-funnel-split', { booked: funnel.booked, handed: funnel.handedOff, inSla: funnel.answeredInSla }),
  )
  return lines
}

/**
 * A day's funnel: how many started in it and how far they have got, in counts. Its shares are left
 * out — a day's few starters, most of whom pay days later, made "Оплата 0%" of a good day — and the
 * report says so (`stats-day-left-out`). One line when nobody started, as a period's.
 */
function dayFunnelLines(ctx: BaseContext, funnel: Stats['funnel']): string[] {
  const [start, ...steps] = funnel.steps
  if ((start?.clients ?? 0) === 0) return [ctx.t('stats-funnel-none')]
  return [
    ctx.t('stats-day-funnel', {
      started: start?.clients ?? 0,
      steps: steps
        .map((step) => ctx.t('stats-funnel-first', { step: ctx.t(`stats-step-${step.key}`), clients: step.clients }))
        .join(', '),
    }),
    ctx.t('stats-funnel-split', { booked: funnel.booked, handed: funnel.handedOff, inSla: funnel.answeredInSla }),
  ]
}

/** "45 000 ₽ + 250 ⭐": amounts per currency. */
function amounts(rows: readonly RevenueRow[], locale: string): string {
  const byCurrency = new Map<string, number>()
  for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.amount)
  return [...byCurrency].map(([currency, minor]) => formatMoney(minor, currency, locale)).join(' + ')
}

/** Money paid in the period by currency, how it was paid, and refunds. */
function revenueLines(ctx: BaseContext, revenue: StatsReport['revenue'], locale: string): string[] {
  const count = (rows: readonly RevenueRow[]) => rows.reduce((n, r) => n + r.orders, 0)
  if (revenue.paid.length === 0 && revenue.refunds.length === 0) return [ctx.t('stats-revenue-none')]
  const invoices = count(revenue.paid)
  // Orders billed in parts (a prepayment and its balance) are one order each: both counts then
  const lines = [
    ctx.t('stats-revenue', {
      amounts: amounts(revenue.paid, locale) || '—',
      orders: invoices,
      jobs: revenue.jobs,
      parts: revenue.jobs < invoices ? 'yes' : 'no',
    }),
  ]
  const vias = (['staff', 'provider', 'stars'] as const)
    .map((via) => ({ via, rows: revenue.paid.filter((r) => r.via === via) }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ via, rows }) => ctx.t(`stats-via-${via}` as const, { orders: count(rows), amounts: amounts(rows, locale) }))
  if (vias.length > 0) lines.push(ctx.t('stats-paid-via', { list: vias.join('; ') }))
  if (revenue.refunds.length > 0) {
    lines.push(ctx.t('stats-refunds', { orders: count(revenue.refunds), amounts: amounts(revenue.refunds, locale) }))
  }
  return lines
}

function chartInput(
  ctx: BaseContext,
  s: Stats,
  period: StatsPeriod,
  business: string,
  timezone: string,
  locale: string,
) {
  // Two lines under a bar: the whole span does not fit the width of one
  const periodLabel = (r: { from: number; to: number }) => {
    const [from, to] = periodBounds(r, timezone, locale)
    return `${from} –\n${to}`
  }
  return {
    title: ctx.t('stats-chart-title', { business, days: STATS_PERIODS[period] }),
    subtitle: dateRange(s, timezone, locale),
    funnelTitle: ctx.t('stats-chart-funnel'),
    funnel: s.funnel.steps.map((step) => ({
      label: ctx.t(`stats-step-${step.key}`),
      value: step.clients,
      // Nobody started: no share of them to give, and "0 · —" on every bar read as broken
      note:
        step.ofStart === null || step.key === 'start'
          ? String(step.clients)
          : `${step.clients} · ${percent(step.ofStart)}`,
    })),
    factsTitle: ctx.t('stats-chart-facts'),
    facts: chartFacts(ctx, s, locale),
    retentionTitle: ctx.t('stats-chart-retention'),
    retention: s.retention.map((r) => ({ label: periodLabel(r), value: r.crr })),
  }
}

/**
 * The chart's key numbers. One with nothing to measure says why ("no requests"), not "—"; the
 * measures are named in words, with no CSAT, NPS or CRR to look up, and CES is not among them: no
 * flow asks it, so it would read "—" on every chart.
 */
function chartFacts(ctx: BaseContext, s: Stats, locale: string): { label: string; value: string }[] {
  const { responses, surveys } = s
  const crr = s.retention.at(-1)?.crr ?? null
  return [
    {
      label: ctx.t('stats-chart-response'),
      value:
        responses.opened === 0
          ? ctx.t('stats-chart-no-requests')
          : responses.answered === 0
            ? ctx.t('stats-chart-no-answers')
            : `${answerTime(responses.medianMinutes, locale)} / ${answerTime(responses.p90Minutes, locale)}`,
    },
    {
      label: ctx.t('stats-chart-sla', { sla: s.slaMinutes }),
      value:
        responses.opened === 0
          ? ctx.t('stats-chart-no-requests')
          : responses.withinSlaPct === null
            ? ctx.t('stats-chart-none-due')
            : percent(responses.withinSlaPct),
    },
    {
      label: ctx.t('stats-chart-noshow'),
      value: s.bookings.noShowRate === null ? ctx.t('stats-chart-no-calls') : percent(s.bookings.noShowRate),
    },
    {
      label: ctx.t('stats-chart-csat'),
      value:
        surveys.csat.average === null
          ? ctx.t('stats-chart-no-ratings')
          : ctx.t('stats-chart-csat-value', { csat: decimal(surveys.csat.average, locale) }),
    },
    {
      label: ctx.t('stats-chart-nps'),
      value: surveys.nps.score === null ? ctx.t('stats-chart-no-ratings') : npsScore(surveys.nps.score),
    },
    { label: ctx.t('stats-chart-crr'), value: crr === null ? ctx.t('stats-chart-no-customers') : percent(crr) },
  ]
}
