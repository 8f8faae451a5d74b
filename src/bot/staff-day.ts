import { DateTime } from 'luxon'
import { parseDate } from '../services/questions.ts'
import { dayOffsetIn, weekdayIn } from '../services/time.ts'

/**
 * A day a team member names after a command (/today, /offer): a word ("завтра", "вчера"); a
 * weekday ("пт", "в пятницу": the next one, today's when it is today); or a date ("5.12", the
 * nearest one either way). `today` (YYYY-MM-DD) is the business's; undefined when the words name
 * no day.
 */
export function staffDay(arg: string, today: string, tz: string, now: number): string | undefined {
  const weekday = weekdayIn(arg)
  const todayWeekday = DateTime.fromISO(today, { zone: tz }).weekday
  const offset = dayOffsetIn(arg) ?? (weekday === undefined ? undefined : (weekday - todayWeekday + 7) % 7)
  if (offset !== undefined) return DateTime.fromISO(today, { zone: tz }).plus({ days: offset }).toISODate() ?? undefined
  const date = parseDate(arg, now, { timeZone: tz, nearest: true })
  return typeof date === 'string' ? date : undefined
}
