import { DateTime } from 'luxon'
import { typedClock, typedDay } from '../../conversations/typed-label.ts'
import { slashesMonthFirst } from '../format.ts'
import { parseDate } from '../services/questions.ts'
import { dayOffsetIn, daysToWeekday, weekdayIn } from '../services/time.ts'

/**
 * A day a team member names after a command (/today, /offer): a word ("завтра", "вчера"); a
 * weekday ("пт", "в пятницу": the next one, today's when it is today); or a date ("5.12", the
 * nearest one either way). `today` (YYYY-MM-DD) is the business's; undefined when the words name
 * no day.
 */
export function staffDay(arg: string, today: string, tz: string, now: number): string | undefined {
  const weekday = weekdayIn(arg)
  const todayWeekday = DateTime.fromISO(today, { zone: tz }).weekday
  const offset = dayOffsetIn(arg) ?? (weekday === undefined ? undefined : daysToWeekday(weekday, todayWeekday))
  if (offset !== undefined) return DateTime.fromISO(today, { zone: tz }).plus({ days: offset }).toISODate() ?? undefined
  const date = parseDate(arg, now, { timeZone: tz, nearest: true })
  return typeof date === 'string' ? date : undefined
}

/**
 * A call's day and time a team member names after /call ("завтра 15:00", "пт в 11", "11.12
 * 10:30", "15:00" for today), as a client types them (typedDay, typedClock), read on the
 * business's clock: the date, and the time when one was said. A weekday is the next one
 * (today's when it is today). Undefined when the words name no day or time.
 */
export function staffCallTime(
  arg: string,
  today: string,
  tz: string,
): { date: string; clock?: NonNullable<ReturnType<typeof typedClock>> } | undefined {
  const said = typedDay(arg, today, slashesMonthFirst(tz))
  if (said === undefined) {
    const clock = typedClock(arg)
    return clock === undefined ? undefined : { date: today, clock }
  }
  const day = DateTime.fromISO(today, { zone: tz })
  const date =
    'date' in said ? said.date : (day.plus({ days: daysToWeekday(said.weekday, day.weekday) }).toISODate() ?? today)
  return said.clock === undefined ? { date } : { date, clock: said.clock }
}
