import { DateTime } from 'luxon'
import { clockSaidIn, typedClock, typedDay } from '../../conversations/typed-label.ts'
import { slashesMonthFirst } from '../format.ts'
import { parseDate } from '../services/questions.ts'
import { dayOffsetIn, daysToWeekday, weekdayIn, weekdayOf } from '../services/time.ts'

/**
 * A day a team member names after a command (/today, /offer): a word ("завтра", "вчера"); a
 * weekday ("пт", "в пятницу": the next one, today's when it is today); or a date ("5.12", the
 * nearest one either way). `today` (YYYY-MM-DD) is the business's; undefined when the words name
 * no day.
 */
export function staffDay(arg: string, today: string, tz: string, now: number): string | undefined {
  const weekday = weekdayIn(arg)
  const offset = dayOffsetIn(arg) ?? (weekday === undefined ? undefined : daysToWeekday(weekday, weekdayOf(today)))
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

/** Whose clock the time after /call is on, as the manager says it: the business's, the client's, or a zone named. */
export type StaffClock = 'business' | 'client' | { zone: string }

const NOT_AFTER_A_LETTER = '(?<![\\p{L}\\d])'
const NOT_BEFORE_A_LETTER = '(?![\\p{L}])'
/**
 * The manager's words for whose clock a time is on. Theirs is the business's ("my time", "по
 * нашему", "у нас"); the client's is "their time", "client time", "по его времени", "у клиента" —
 * the other way round from a client's own "my time" (clockSaidIn), hence words of their own here.
 */
const STAFF_CLOCKS: ReadonlyArray<readonly [RegExp, 'business' | 'client']> = (
  [
    [/(?:in |on |at )?(?:my|our) (?:own )?(?:local )?(?:time(?: ?zone)?|clock)/, 'business'],
    [/по[\s-]нашему(?: времени)?|по нашим часам|по[\s-]моему времени|по моим часам|у нас/, 'business'],
    [
      /(?:in |on |at )?(?:their|his|her|the client[’']?s|client[’']?s|client) (?:own )?(?:local )?(?:time(?: ?zone)?|clock)/,
      'client',
    ],
    [
      /по (?:его|её|ее|их) (?:местному )?(?:времени|часам)|по времени клиента|по часам клиента|по клиентскому времени|у клиента/,
      'client',
    ],
  ] as const
).map(([re, whose]) => [new RegExp(`${NOT_AFTER_A_LETTER}(?:${re.source})${NOT_BEFORE_A_LETTER}`, 'u'), whose] as const)

/**
 * Whose clock a manager's /call time is on, when the words say so ("завтра 15:00 по его времени",
 * "tomorrow 3pm my time", a zone named as a client names one — "по Москве", "UK time", clockSaidIn),
 * and the words without them. No `clock` when they say none, or more than one.
 */
export function staffClockSaid(text: string): { clock?: StaffClock; rest: string } {
  const lower = text.toLowerCase().replaceAll('ё', 'е')
  const found = STAFF_CLOCKS.flatMap(([re, whose]) => {
    const match = re.exec(lower)
    return match ? [{ whose, match }] : []
  })
  if (found.length > 1) return { rest: text }
  const [one] = found
  if (one) {
    const rest = `${lower.slice(0, one.match.index)} ${lower.slice(one.match.index + one.match[0].length)}`
    return { clock: one.whose, rest: rest.replace(/\s+/g, ' ').trim() }
  }
  // A zone named; a client's "my time" or "your time" from a manager is nobody's for sure
  const named = clockSaidIn(text)
  return named !== undefined && typeof named.clock === 'object'
    ? { clock: named.clock, rest: named.rest }
    : { rest: text }
}
