/**
 * Wall-clock rules over UTC instants. Every instant in and out is UTC epoch milliseconds;
 * a time zone (IANA name, e.g. "Europe/Moscow") is used only to read the local date and
 * time. Durations are real elapsed time, so a working day that contains a DST switch is
 * an hour shorter or longer. Pure functions: no clock, no I/O.
 */
import { DateTime } from 'luxon'

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

/** Luxon's weekday numbers (1 = Monday) mapped to our keys. */
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

export interface WorkingCalendar {
  /** IANA time zone of the business. */
  timezone: string
  /** Opening intervals per weekday, local "HH:MM-HH:MM" ("24:00" may end a day); a missing day is closed. */
  hours: Partial<Record<Weekday, string[]>>
  /** Closed local dates, YYYY-MM-DD, or MM-DD for the same day every year. */
  holidays: string[]
}

/** Local "HH:MM" start and end of the quiet window; it may cross midnight (22:00–09:00). */
export interface QuietHours {
  start: string
  end: string
}

/** How far ahead to look for an opening: a calendar closed this long is treated as never open. */
const HORIZON_DAYS = 60

const MINUTE_MS = 60_000
/** A day of plain time: "a working day later" starts from it (nextWorkingTime). */
export const DAY_MS = 86_400_000

/**
 * How long "is your question solved?" takes a yes or a no typed instead of pressed (and what is
 * read right under the bot's apology for a low rating): asked while the client is in the
 * conversation, it is answered then or not at all. Its ratings stand longer, by a rule of their
 * own (RATING_STANDS_MS) — and so does a score typed under its "glad it's solved", a rating too.
 */
export const TYPED_SCORE_MS = 2 * DAY_MS

/**
 * How long a closed request's rating question (its speed, then its quality) takes its answer after
 * it was asked — pressed or typed, one rule: a client reads the question the same whichever way
 * they answer it. A week, the time within which a client who rated is not asked to rate again: a
 * "5" typed under the question three days on counted no more (two days) while its button still
 * did, and a press weeks on alerted the team of a low rating about a request long past. Within it,
 * only while it is the rating the client's last request waits for (awaitingRating); typed, only
 * right under it (nothing said to the client since), which is what ties a number to it at all.
 */
export const RATING_STANDS_MS = 7 * DAY_MS

/**
 * How long after a request closed without the client's word (by itself, or by staff's `/close
 * force`) its "Вопрос решён?" still takes their answer: a late _Yes_ is their agreement (the ratings
 * follow), a late _No_ opens a request that says the question is not solved. Pressed later, the
 * buttons are out of date: the request is long past, and a "not yet" there is a way back to the
 * team (a client carrying on to buy had it read as her complaint), a "yes" a thanks to answer.
 * A week, as a rating question stands (RATING_STANDS_MS).
 */
export const CLOSE_ANSWER_STANDS_MS = 7 * DAY_MS

/**
 * How long a follow-up's score question (a check-in, NPS) takes a score typed instead of pressed,
 * while it waits for its answer and is still the last word in the chat. It comes days after the
 * work, unasked for, and is answered at leisure: a "2, gears slipping again" four days later
 * became a new request, no rating kept and no alert of it. Its buttons take a press at any age (a
 * press can mean nothing else); a bare number a week on, with nothing between, is too far from
 * the question to be read as its answer.
 */
export const FOLLOWUP_TYPED_SCORE_MS = 7 * DAY_MS

/** True when `ms` falls inside an opening interval of a non-holiday day. */
export function isWorkingTime(ms: number, cal: WorkingCalendar): boolean {
  return workingStretch(ms, cal).working
}

/**
 * The first working instant at or after `ms` (so `ms` itself when open), or undefined when
 * the calendar has no opening within about 60 days.
 */
export function nextWorkingTime(ms: number, cal: WorkingCalendar): number | undefined {
  const stretch = workingStretch(ms, cal)
  return stretch.working ? ms : stretch.until
}

interface Stretch {
  timezone: string
  holidays: readonly string[]
  from: number
  /** Open: when this interval closes. Closed: the next opening (undefined: none ahead). */
  until: number | undefined
  working: boolean
}

/**
 * The last stretch found per calendar, keyed by its `hours` object (one per content
 * version or staff member): every relayed message asks whether the business is open, and
 * the answer stays the same until the stretch ends. Reading it costs a comparison, not a
 * date computation.
 */
const lastStretch = new WeakMap<object, Stretch>()

/** Whether `ms` is working time, and until when that holds. */
function workingStretch(ms: number, cal: WorkingCalendar): Stretch {
  const hit = lastStretch.get(cal.hours)
  const current =
    hit !== undefined &&
    hit.timezone === cal.timezone &&
    hit.holidays === cal.holidays &&
    hit.from <= ms &&
    // A calendar closed beyond the horizon is looked at again a day later (the horizon moves)
    ms < (hit.until ?? hit.from + 86_400_000)
  if (current) return hit
  const stretch = findStretch(ms, cal)
  lastStretch.set(cal.hours, stretch)
  return stretch
}

function findStretch(ms: number, cal: WorkingCalendar): Stretch {
  const base = { timezone: cal.timezone, holidays: cal.holidays, from: ms }
  const first = localNoon(ms, cal.timezone)
  const open = openIntervals(first, cal).find(([start, close]) => start <= ms && ms < close)
  if (open) return { ...base, working: true, until: open[1] }
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    for (const [start, close] of openIntervals(first.plus({ days: i }), cal)) {
      if (close > ms) return { ...base, working: false, until: Math.max(start, ms) }
    }
  }
  return { ...base, working: false, until: undefined }
}

/**
 * The instant when `minutes` of working time, counted from `ms`, have passed (SLA deadlines,
 * honest ETAs). Closed time does not count; a deadline that lands exactly on closing time
 * is closing time, not the next opening. Undefined when the calendar has no opening for
 * about 60 days in a row on the way.
 */
export function addWorkingMinutes(ms: number, minutes: number, cal: WorkingCalendar): number | undefined {
  if (!(minutes >= 0)) throw new RangeError(`minutes must be zero or more, got ${minutes}`)
  let remaining = minutes * MINUTE_MS
  let day = localNoon(ms, cal.timezone)
  for (let closedDays = 0; closedDays <= HORIZON_DAYS; day = day.plus({ days: 1 })) {
    const intervals = openIntervals(day, cal).filter(([, close]) => close > ms)
    closedDays = intervals.length === 0 ? closedDays + 1 : 0
    for (const [open, close] of intervals) {
      const begin = Math.max(open, ms)
      if (remaining <= close - begin) return begin + remaining
      remaining -= close - begin
    }
  }
  return undefined
}

/**
 * Minutes of working time between `from` and `to` (how long a client waited as the team's
 * hours count it: a request at 22:00 answered at 10:20 waited 20 minutes of it), unrounded:
 * /stats takes medians of them, the card rounds.
 * Days past the horizon (`HORIZON_DAYS` beyond `from`) are not counted.
 */
export function workingMinutesBetween(from: number, to: number, cal: WorkingCalendar): number {
  let total = 0
  let day = localNoon(from, cal.timezone)
  for (let days = 0; days <= HORIZON_DAYS; days++, day = day.plus({ days: 1 })) {
    const intervals = openIntervals(day, cal)
    for (const [open, close] of intervals) total += Math.max(0, Math.min(close, to) - Math.max(open, from))
    if (day.startOf('day').toMillis() > to) break
  }
  return total / MINUTE_MS
}

/**
 * `workingMinutesBetween` for many pairs of moments inside [from, to] (/stats times thousands
 * of requests): the opening intervals of those days are built once, with the working time
 * before each, and a pair costs two binary searches instead of a walk over its days with a
 * date computation for each. A pair reaching outside the range is counted the long way. The
 * same answers, but for a wait longer than the long way's horizon (60 days), counted whole here.
 */
export function workingTimeline(from: number, to: number, cal: WorkingCalendar): (a: number, b: number) => number {
  const starts: number[] = []
  const ends: number[] = []
  /** Working milliseconds in the range before each interval. */
  const before: number[] = []
  let total = 0
  let day = localNoon(from, cal.timezone)
  const first = day.startOf('day').toMillis()
  let last = first
  while (last <= to) {
    for (const [open, close] of openIntervals(day, cal)) {
      starts.push(open)
      ends.push(close)
      before.push(total)
      total += close - open
    }
    day = day.plus({ days: 1 })
    last = day.startOf('day').toMillis()
  }
  /** Working milliseconds in the range up to `t`. */
  const upTo = (t: number): number => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((starts[mid] as number) <= t) lo = mid + 1
      else hi = mid
    }
    const i = lo - 1
    return i < 0 ? 0 : (before[i] as number) + Math.min(t, ends[i] as number) - (starts[i] as number)
  }
  return (a, b) => {
    if (b <= a) return 0
    if (a < first || b > last) return workingMinutesBetween(a, b, cal)
    return (upTo(b) - upTo(a)) / MINUTE_MS
  }
}

/**
 * The opening intervals of a local date (YYYY-MM-DD in the calendar's time zone) as
 * [open, close) UTC ms pairs, earliest first; none on holidays and closed days. A DST
 * switch inside an interval makes it an hour shorter or longer in real time.
 */
export function openingIntervals(date: string, cal: WorkingCalendar): Array<[number, number]> {
  const day = DateTime.fromISO(date, { zone: zoneOf(cal.timezone) })
  if (!day.isValid) throw new Error(`Expected a date like "2026-11-23", got "${date}"`)
  // A copy: the built intervals are shared
  return openIntervals(day.set({ hour: 12 }), cal).map(([open, close]) => [open, close])
}

/** How many days ahead `nextDayOpening` looks for an opening (a season's closure is longer: none then). */
const OPENING_LOOKAHEAD_DAYS = 62

/** The first opening of the business's next working day after the day of `ms` (undefined: none within two months). */
export function nextDayOpening(ms: number, cal: WorkingCalendar): number | undefined {
  const today = DateTime.fromMillis(ms, { zone: zoneOf(cal.timezone) }).startOf('day')
  for (let ahead = 1; ahead <= OPENING_LOOKAHEAD_DAYS; ahead++) {
    const [first] = openingIntervals(today.plus({ days: ahead }).toISODate() as string, cal)
    if (first) return first[0]
  }
  return undefined
}

/**
 * A day in words, as staff type it after /today or as an invoice's due date, in both languages
 * the bot speaks and any case: how many days after today it is (undefined: not such a word).
 */
const DAY_WORDS: ReadonlyMap<string, number> = new Map([
  ['сегодня', 0],
  ['today', 0],
  ['завтра', 1],
  ['tomorrow', 1],
  // As people text it
  ['tmrw', 1],
  ['tmr', 1],
  ['tmrow', 1],
  ['tomorow', 1],
  ['+1', 1],
  ['послезавтра', 2],
])

export function daysAheadIn(word: string): number | undefined {
  return DAY_WORDS.get(word.toLowerCase())
}

/** Days before today in words: only where a past day makes sense (/today вчера), never as a due date. */
const PAST_DAY_WORDS: ReadonlyMap<string, number> = new Map([
  ['вчера', -1],
  ['yesterday', -1],
  ['позавчера', -2],
])

/** A day in words relative to today, past ones included (`daysAheadIn` and yesterday): days after today, negative before. */
export function dayOffsetIn(word: string): number | undefined {
  return daysAheadIn(word) ?? PAST_DAY_WORDS.get(word.toLowerCase())
}

/**
 * Weekdays as staff type them after /today (ISO numbers, Monday 1), in either language and any
 * case: short ("пн", "Mon", "tues.") or in full, in the forms a phrase gives them ("среду",
 * "пятницы").
 */
const WEEKDAY_WORDS: readonly [RegExp, number][] = [
  [/^(пн|понедельник[ауе]?|mon|monday)$/, 1],
  [/^(вт|вторник[ауе]?|tue|tues|tuesday)$/, 2],
  [/^(ср|сред[аеуы]|wed|weds|wednesday)$/, 3],
  [/^(чт|четверг[ауе]?|thu|thur|thurs|thursday)$/, 4],
  [/^(пт|пятниц[аеуы]|fri|friday)$/, 5],
  [/^(сб|суббот[аеуы]|sat|saturday)$/, 6],
  [/^(вс|воскресень[еяю]|sun|sunday)$/, 7],
]

/**
 * The weekday (ISO, Monday 1) that `text` names: a weekday alone or after its preposition, "пн",
 * "в понедельник", "во вторник", "on Friday". Undefined for any other words.
 */
export function weekdayIn(text: string): number | undefined {
  const words = text.trim().toLowerCase().replaceAll('ё', 'е').split(/\s+/)
  const [first, second] = words
  const word =
    words.length === 2 && /^(в|во|на|on)$/.test(first ?? '') ? second : words.length === 1 ? first : undefined
  return word === undefined ? undefined : weekdayWord(word)
}

/**
 * Days from a day that is `today` (ISO weekday) to the coming `weekday`: 0 on the day itself, as
 * staff name a day (/today, /call, an invoice's "due friday").
 */
export function daysToWeekday(weekday: number, today: number): number {
  return (weekday - today + 7) % 7
}

/** The ISO weekday (Monday 1) of a calendar date (YYYY-MM-DD). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7
}

/** The weekday (ISO, Monday 1) one word names, short or in full ("пн", "tues.", "пятницу"). */
export function weekdayWord(word: string): number | undefined {
  const bare = word.toLowerCase().replaceAll('ё', 'е').replace(/\.$/, '')
  return WEEKDAY_WORDS.find(([names]) => names.test(bare))?.[1]
}

/** "дня" in "3 дня", "days" in "in 10 days": the word after a number of days. */
const DAYS_WORD = /^(день|дня|дней|дн\.?|day|days)$/i

/** "+5": a number of days from today, as a due date is typed. */
export const PLUS_DAYS = /^\+\d{1,3}$/

/**
 * A day ahead as an invoice's due date is typed: a word (`daysAheadIn`), or a number of days,
 * "3 дня", "+3 дня", "через 10 дней", "in 10 days", "+3" — and how many of `words` it took. "3 дня"
 * used to become the start of what the client was billed for. "+3" is days whatever follows it
 * ("+5 Доработка формы"): the plus says "from today", and taking it as the manager's words put
 * "+5" before the client's "what for" with no due date at all.
 */
export function daysAheadPhrase(words: readonly string[]): { days: number; used: number } | undefined {
  const [first, second, third] = words
  if (first === undefined) return undefined
  // The days with their word first: "+1 день" is one phrase, not "+1" and the client's "день"
  const lead = /^(через|in)$/i.test(first) ? 1 : 0
  const count = lead ? second : first
  const unit = lead ? third : second
  if (count !== undefined && unit !== undefined && /^\+?\d{1,3}$/.test(count) && DAYS_WORD.test(unit))
    return { days: Number(count.replace('+', '')), used: lead + 2 }
  const word = daysAheadIn(first)
  if (word !== undefined) return { days: word, used: 1 }
  if (PLUS_DAYS.test(first)) return { days: Number(first.slice(1)), used: 1 }
  return undefined
}

/** The most days a bare "+N" ending an invoice's line is taken for: a quarter. */
const PLUS_AT_END_MAX = 90

/**
 * "+5" or "+5 дней" closing `words`, as a due date is typed at the end of an invoice's line
 * ("Доработка формы +5"): the days and how many words it took. Only with the plus: "Аренда 5
 * дней" is what the client rents. A bare "+N" of more than PLUS_AT_END_MAX days is more likely a
 * quantity ("Печать визиток +100"): not taken (the invoice then asks); "+100 дней" is days.
 */
export function daysAheadAtEnd(words: readonly string[]): { days: number; used: number } | undefined {
  const last = words.at(-1)
  const before = words.at(-2)
  if (last === undefined) return undefined
  if (PLUS_DAYS.test(last) && Number(last.slice(1)) <= PLUS_AT_END_MAX) return { days: Number(last.slice(1)), used: 1 }
  if (before !== undefined && PLUS_DAYS.test(before) && DAYS_WORD.test(last))
    return { days: Number(before.slice(1)), used: 2 }
  return undefined
}

/** Months as people write them with a day ("8 марта", "25 мая", "March 8"), in short too ("8 мар", "Dec 10"), or alone ("в мае"). */
const MONTHS: readonly RegExp[] = [
  /^(январ|янв$|january$|jan$)/,
  /^(феврал|февр?$|february$|feb$)/,
  /^(март|мар$|march$|mar$)/,
  /^(апрел|апр$|april$|apr$)/,
  /^(ма[яйе]$|may$)/,
  /^(июн|june$|jun$)/,
  /^(июл|july$|jul$)/,
  /^(август|авг$|august$|aug$)/,
  /^(сентябр|сент?$|september$|sept?$)/,
  /^(октябр|окт$|october$|oct$)/,
  /^(ноябр|нояб?$|november$|nov$)/,
  /^(декабр|дек$|december$|dec$)/,
]

/** The month (1–12) a word names ("марта", "мая", "march"); undefined for any other word. */
export function monthIn(word: string): number | undefined {
  const lower = word.toLowerCase()
  const index = MONTHS.findIndex((stem) => stem.test(lower))
  return index < 0 ? undefined : index + 1
}

/**
 * A day of the year said without its year ("8 марта", "25.11"): the nearest one from `today`
 * (YYYY-MM-DD) on — this year's, else next year's — as YYYY-MM-DD. Undefined for no such day
 * ("31.02"; 29.02 waits for a leap year only one year ahead).
 */
export function upcomingDate(month: number, day: number, today: string): string | undefined {
  const year = Number(today.slice(0, 4))
  for (const candidate of [year, year + 1]) {
    const at = new Date(Date.UTC(candidate, month - 1, day))
    if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) continue
    const iso = at.toISOString().slice(0, 10)
    if (iso >= today) return iso
  }
  return undefined
}

/**
 * A day of the year said without its year, looked up either way from `today` (YYYY-MM-DD): the
 * nearest one, past or future, as YYYY-MM-DD ("5.12" on 7 December is two days ago, on 1 January
 * last month); the past one on a tie. Undefined for no such day within a year.
 */
export function nearestDate(month: number, day: number, today: string): string | undefined {
  const year = Number(today.slice(0, 4))
  const from = Date.parse(today)
  let best: { iso: string; distance: number } | undefined
  for (const candidate of [year - 1, year, year + 1]) {
    const at = new Date(Date.UTC(candidate, month - 1, day))
    if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) continue
    const distance = Math.abs(at.getTime() - from)
    if (best === undefined || distance < best.distance) best = { iso: at.toISOString().slice(0, 10), distance }
  }
  return best !== undefined && best.distance <= 366 * DAY_MS ? best.iso : undefined
}

/**
 * A local calendar day as UTC instants, [its midnight, the next day's midnight): the day of `ms`
 * in `tz`, or `offset` days from it (-1: the day before). A day with a summer-time switch is 23
 * or 25 hours long; one whose midnight the clocks skip starts at its first minute.
 */
export function localDayBounds(ms: number, tz: string, offset = 0): { from: number; to: number } {
  const day = DateTime.fromMillis(ms, { zone: zoneOf(tz) })
    .startOf('day')
    .plus({ days: offset })
  return { from: day.toMillis(), to: day.plus({ days: 1 }).startOf('day').toMillis() }
}

/** The local calendar date of `ms` in `tz`, as YYYY-MM-DD. */
export function localDate(ms: number, tz: string): string {
  return localDateTime(ms, tz).date
}

/**
 * One formatter per zone for the local date and time of an instant: many texts show a
 * time (each relayed message's mark, the ETAs), and a luxon DateTime per instant costs
 * several times more than reading the parts of one reused formatter.
 */
const dateTimeFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; local: LocalDateTime }>()

/** The local date (YYYY-MM-DD) and 24-hour time (HH:mm) of an instant. */
export interface LocalDateTime {
  readonly date: string
  readonly time: string
}

/**
 * The local date (YYYY-MM-DD) and 24-hour time (HH:mm) of `ms` in `tz`. The last minute read is
 * kept per zone: a private text asks for today's date on each update (is it a day typed under an
 * offer?), and every zone in use today moves by whole minutes, so one minute reads the same
 * throughout.
 */
export function localDateTime(ms: number, tz: string): LocalDateTime {
  const minute = Math.floor(ms / MINUTE_MS)
  let zone = dateTimeFormats.get(tz)
  if (zone?.minute === minute) return zone.local
  if (zone === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zoneOf(tz),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    zone = { format, minute: Number.NaN, local: { date: '', time: '' } }
    dateTimeFormats.set(tz, zone)
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {}
  for (const { type, value } of zone.format.formatToParts(ms)) part[type] = value
  zone.minute = minute
  zone.local = { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` }
  return zone.local
}

/**
 * True when the local time of `ms` in `tz` is inside the quiet window [start, end).
 * A window whose start equals its end is empty (never quiet).
 */
export function isQuietTime(ms: number, tz: string, quiet: QuietHours): boolean {
  const local = DateTime.fromMillis(ms, { zone: zoneOf(tz) })
  const minute = local.hour * 60 + local.minute
  const start = parseClock(quiet.start)
  const end = parseClock(quiet.end)
  return start <= end ? start <= minute && minute < end : minute >= start || minute < end
}

/**
 * `ms` itself when it is not quiet time in `tz`, else the instant the quiet window ends
 * (the local `end` time on the right day, DST-correct). Use it as the earliest send time.
 */
export function afterQuietHours(ms: number, tz: string, quiet: QuietHours): number {
  if (!isQuietTime(ms, tz, quiet)) return ms
  const local = DateTime.fromMillis(ms, { zone: zoneOf(tz) })
  const end = parseClock(quiet.end)
  // Inside the evening part of a window that crosses midnight, it ends tomorrow.
  const endDay = local.hour * 60 + local.minute >= end ? local.plus({ days: 1 }) : local
  const candidates = atLocalTime(endDay, end).getPossibleOffsets()
  // When the end time occurs twice (autumn DST night), take the first one still ahead.
  const after = candidates.map((dt) => dt.toMillis()).filter((t) => t > ms)
  return after.length > 0 ? Math.min(...after) : atLocalTime(endDay, end).toMillis()
}

/** The opening intervals of `day`'s local date as [open, close) in UTC ms; none on holidays. */
/**
 * Opening intervals already built, by calendar and local day: every message a client writes
 * asks whether the team works now, and building a day's intervals with luxon costs far more
 * than the rest of that answer. Keyed by the calendar's value (not its object, which callers
 * rebuild), and emptied when full so that it stays small.
 */
const builtIntervals = new Map<string, ReadonlyArray<readonly [number, number]>>()
const BUILT_INTERVALS_MAX = 1_000

function openIntervals(day: DateTime, cal: WorkingCalendar): ReadonlyArray<readonly [number, number]> {
  const key = `${cal.timezone}|${day.toMillis()}|${cal.holidays.join(',')}|${JSON.stringify(cal.hours)}`
  let intervals = builtIntervals.get(key)
  if (intervals === undefined) {
    if (builtIntervals.size >= BUILT_INTERVALS_MAX) builtIntervals.clear()
    intervals = buildOpenIntervals(day, cal)
    builtIntervals.set(key, intervals)
  }
  return intervals
}

function buildOpenIntervals(day: DateTime, cal: WorkingCalendar): Array<[number, number]> {
  // A date, or the same day every year ("01-01")
  if (cal.holidays.includes(day.toFormat('yyyy-MM-dd')) || cal.holidays.includes(day.toFormat('MM-dd'))) return []
  const ranges = cal.hours[WEEKDAYS[day.weekday - 1] as Weekday] ?? []
  return ranges
    .map((range): [number, number] => {
      const [open, close] = parseRange(range)
      return [atLocalTime(day, open).toMillis(), atLocalTime(day, close).toMillis()]
    })
    .sort((a, b) => a[0] - b[0])
}

/**
 * Noon of `ms`'s local date: stepping whole days from noon never lands in a DST gap (some
 * zones switch at midnight), so the local date stays right.
 */
function localNoon(ms: number, tz: string): DateTime {
  return DateTime.fromMillis(ms, { zone: zoneOf(tz) }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 })
}

/**
 * `day`'s local date at `minutes` after midnight (1440 = the next midnight). Built from the
 * date, not by adding to midnight, so the DST night does not shift the wall time; a time
 * inside a spring-forward gap moves forward by the gap.
 */
function atLocalTime(day: DateTime, minutes: number): DateTime {
  const date = minutes === 24 * 60 ? day.plus({ days: 1 }) : day
  return DateTime.fromObject(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: Math.floor(minutes / 60) % 24,
      minute: minutes % 60,
    },
    { zone: day.zone },
  )
}

function parseRange(range: string): [number, number] {
  const [from, to, extra] = range.split('-')
  if (from === undefined || to === undefined || extra !== undefined) {
    throw new Error(`Working hours must look like "09:00-18:00", got "${range}"`)
  }
  const open = parseClock(from.trim())
  const close = parseClock(to.trim(), true)
  if (close <= open) throw new Error(`Working hours "${range}" end before they start`)
  return [open, close]
}

/** "HH:MM" (or "H:MM", as the content file allows) → minutes after midnight; "24:00" only where a day may end. */
export function parseClock(text: string, allowMidnightEnd = false): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text)
  const hours = Number(match?.[1])
  const minutes = Number(match?.[2])
  const valid = match !== null && minutes < 60 && (hours < 24 || (allowMidnightEnd && hours === 24 && minutes === 0))
  if (!valid) throw new Error(`Expected a time like "09:30", got "${text}"`)
  return hours * 60 + minutes
}

/** Zones already found valid: checking builds a DateTime, and every time question asks. */
const validZones = new Set<string>()

function zoneOf(tz: string): string {
  if (validZones.has(tz)) return tz
  if (!DateTime.local().setZone(tz).isValid) throw new Error(`Unknown time zone "${tz}"`)
  validZones.add(tz)
  return tz
}
