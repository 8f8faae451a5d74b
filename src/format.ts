/**
 * How the bot writes things for people, one way each: the client's language outside an
 * update, the business calendar, moments, days and call windows, time-zone labels, working
 * hours, contacts and names.
 * Money has its own module (src/money.ts), used the same way everywhere. Pure functions:
 * no grammY, no database, so services, jobs and features all use them.
 */
import { DateTime } from 'luxon'
import { type Content, parseTimeRange } from './content/schema.ts'
import { pickText } from './content/text.ts'
import { LANGUAGES, type Locale } from './locales/languages.ts'
import { writeMoneyIn } from './money.ts'
import type { Role } from './services/staff.ts'
import {
  isQuietTime,
  isWorkingTime,
  localDate,
  localDateTime,
  type QuietHours,
  type WorkingCalendar,
} from './services/time.ts'

// ---------------------------------------------------------------- language

/**
 * The languages the bot speaks with a person: with a client, those the business speaks
 * (content `business.languages`); with someone on the team (an owner, a manager), every one it
 * has. The clients' list says nothing of the team's language, and every text of the team's
 * tools exists in each: an owner of a business serving English-speaking clients may well
 * read them in Russian, as the staff group does.
 */
export function languagesFor(staff: boolean, content: Content): readonly Locale[] {
  return staff ? LANGUAGES : content.business.languages
}

/** languagesFor the sender of the update being handled: on the team if they have a role. */
export function languagesOf(ctx: { staffRole?: Role }, content: Content): readonly Locale[] {
  return languagesFor(ctx.staffRole !== undefined, content)
}

/** Stored choice first, then Telegram's language if we speak it, then the default. */
export function negotiateLocale(
  stored: string | null | undefined,
  telegram: string | null | undefined,
  fallback: Locale,
  /** The languages the bot speaks with this person (languagesFor). */
  allowed: readonly Locale[] = LANGUAGES,
): Locale {
  for (const candidate of [stored, telegram?.slice(0, 2).toLowerCase()]) {
    if (candidate && (allowed as readonly string[]).includes(candidate)) return candidate as Locale
  }
  return allowed.includes(fallback) ? fallback : (allowed[0] ?? fallback)
}

interface LocaleDeps {
  services: {
    clients: { byTelegramId(telegramId: number): { language: string | null } | undefined }
    staff: { isStaff(telegramId: number): boolean }
  }
  config: { DEFAULT_LOCALE: Locale }
  content: { get(): Content }
}

/**
 * The language to write to a client in outside their own update (jobs, staff commands,
 * the outbox): the same rule as inside one, from the stored choice alone (someone on the
 * team trying the bot as a client keeps their own).
 */
export function clientLocale(
  client: { language: string | null; telegramId: number | null } | undefined,
  deps: LocaleDeps,
): Locale {
  const { DEFAULT_LOCALE } = deps.config
  const asClient = negotiateLocale(client?.language, null, DEFAULT_LOCALE, languagesFor(false, deps.content.get()))
  const asStaff = negotiateLocale(client?.language, null, DEFAULT_LOCALE, LANGUAGES)
  // Who they are is looked up (a query) only when it changes the answer: this runs for
  // every message the bot writes to a client outside their update
  if (asClient === asStaff || client?.telegramId == null) return asClient
  return deps.services.staff.isStaff(client.telegramId) ? asStaff : asClient
}

/** The language of a person the bot writes to by Telegram id (an owner, an owner's alert): as clientLocale. */
export function personLocale(deps: LocaleDeps, telegramId: number): Locale {
  const person = deps.services.clients.byTelegramId(telegramId)
  return clientLocale({ language: person?.language ?? null, telegramId }, deps)
}

// ---------------------------------------------------------------- time

/** The business's working calendar (time zone, hours, holidays) for the rules in services/time.ts. */
export function businessCalendar(content: Content): WorkingCalendar {
  const { timezone, hours, holidays } = content.business
  return { timezone, hours, holidays }
}

/**
 * What goes to the team or an owner outside the business's working hours (its night, a day off):
 * without a sound. Nothing there is for the small hours, the morning reads it, and a broadcast's
 * report at 2:00 (a client's own morning far east) woke the owner.
 */
export function offHoursSilence(content: Content, now: number): { disable_notification?: true } {
  return isWorkingTime(now, businessCalendar(content)) ? {} : { disable_notification: true }
}

/**
 * How an instant reads, in the locale's own clock (24-hour in Russian, "3:00 PM" in the English
 * of a business in New York: see `english`) and the business's time zone. One formatter per
 * style, zone and locale, kept: every relayed message carries a time, and a formatter costs far
 * more to build than to use.
 */
const TIME_STYLES = {
  clock: { hour: 'numeric', minute: '2-digit' },
  dayAndTime: { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  dayAndTimeWithYear: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  },
  longDay: { weekday: 'long', day: 'numeric', month: 'long' },
  weekday: { weekday: 'short' },
  shortDay: { day: 'numeric', month: 'short' },
  shortDayWithYear: { day: 'numeric', month: 'short', year: 'numeric' },
  date: { day: 'numeric', month: 'long' },
  dateWithYear: { day: 'numeric', month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * English dates and clocks as the business's part of the world writes them: "Mon 7 Dec, 15:00"
 * in London or Moscow, "Mon, Dec 7, 3:00 PM" in New York, "Mon, 7 Dec, 3:00 pm" in Sydney.
 * Telegram tells a bot a person's language and never their region, so the business's time zone
 * decides, for every English reader of that business alike (a client's own clock beside ours
 * reads in the same style as ours). One business per process: the content sets it as it is
 * applied (src/content/store.ts); until then, American English, as Intl's "en".
 */
let english = 'en-US'

/**
 * The English of a business in `timezone` (see `english`): month first and AM/PM in the United
 * States and Canada (their zones, named by their cities); elsewhere in the Americas dates are day
 * first, as in most of the world.
 */
export function englishOf(timezone: string): string {
  if (AMERICAN.test(timezone) || CANADIAN.test(timezone)) return 'en-US'
  if (timezone.startsWith('Australia/')) return 'en-AU'
  if (timezone === 'Pacific/Auckland') return 'en-NZ'
  if (timezone === 'Asia/Kolkata' || timezone === 'Asia/Calcutta') return 'en-IN'
  if (timezone === 'Europe/Dublin') return 'en-IE'
  return 'en-GB'
}

const AMERICAN =
  /^(US\/|Pacific\/Honolulu$|America\/(Indiana|Kentucky|North_Dakota)\/|America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Juneau|Sitka|Metlakatla|Yakutat|Nome|Adak|Boise|Detroit|Menominee|Puerto_Rico)$)/
const CANADIAN =
  /^(Canada\/|America\/(Toronto|Vancouver|Edmonton|Winnipeg|Regina|Swift_Current|Halifax|Glace_Bay|Goose_Bay|Moncton|St_Johns|Whitehorse|Dawson|Dawson_Creek|Fort_Nelson|Creston|Iqaluit|Rankin_Inlet|Resolute|Cambridge_Bay|Inuvik|Atikokan|Blanc-Sablon|Thunder_Bay|Nipigon|Rainy_River|Montreal|Yellowknife|Pangnirtung)$)/
const BRITISH = /^(GB|Europe\/(London|Belfast|Guernsey|Jersey|Isle_of_Man))$/

/**
 * The English a business in `timezone` writes money in (formatMoney): its country's, so the
 * country's own currency has the bare sign and another that shares it is told apart: "$1,250"
 * Canadian and "US$900" in Toronto, where Intl's American "en" wrote "CA$1,250" for the client's
 * own dollar and "$900" for the US one. Canada's dates are American (englishOf), its money is
 * not. Where englishOf's British English only stands for the rest of the world (Moscow, Dubai),
 * Intl's "en": the business has no dollar of its own to tell the US one from, so no "US$".
 * Australia's English writes a foreign currency as its code ("USD 900", "EUR 900"), as
 * Australians read them; India's groups by lakhs ("₹1,25,000"), as Indians do.
 */
export function englishMoneyOf(timezone: string): string {
  if (CANADIAN.test(timezone)) return 'en-CA'
  const english = englishOf(timezone)
  return english === 'en-GB' && !BRITISH.test(timezone) ? 'en' : english
}

/**
 * The Russian a business in `timezone` writes money in (formatMoney): Belarus's (CLDR's "ru-BY")
 * for a business there, whose rouble is "Br" (Intl's Russian has only its code, «5 000 BYN», and
 * elsewhere it reads «бел. руб.»: money.ts); Intl's "ru" everywhere else, where it writes every
 * other currency alike.
 */
export function russianMoneyOf(timezone: string): string {
  return timezone === 'Europe/Minsk' ? 'ru-BY' : 'ru'
}

/** Dates and clocks in English from now on as a business in `timezone` writes them (see `english`). */
export function writeEnglishAsIn(timezone: string): void {
  english = englishOf(timezone)
}

/** Money from now on as a business in `timezone` writes it: in English (`englishMoneyOf`) and in Russian (`russianMoneyOf`). */
export function writeMoneyAsIn(timezone: string): void {
  writeMoneyIn({ en: englishMoneyOf(timezone), ru: russianMoneyOf(timezone) })
}

/** The English-speaking country a business in `timezone` is in, where its zone tells. */
export function englishCountryOf(timezone: string): 'US' | 'CA' | 'AU' | 'GB' | 'IE' | undefined {
  if (AMERICAN.test(timezone)) return 'US'
  if (CANADIAN.test(timezone)) return 'CA'
  if (timezone.startsWith('Australia/')) return 'AU'
  if (timezone === 'Europe/Dublin') return 'IE'
  return BRITISH.test(timezone) ? 'GB' : undefined
}

/**
 * Whether a date typed with slashes reads month first ("12/10" is December 10) for a business in
 * `timezone`: as the United States and Canada write dates (englishOf), whichever language the
 * client writes in. Elsewhere day first, as dots always are.
 */
export function slashesMonthFirst(timezone: string): boolean {
  return englishOf(timezone) === 'en-US'
}

/**
 * How a day with slashes and no year ("11/12") is written where the business is: month first in
 * the United States and Canada, day first in Britain, Ireland, Australia and New Zealand. Elsewhere
 * (Moscow) dates are written with dots, and "11/12" is more likely words ("24/7", "50/50").
 */
export function slashedDayOrder(timezone: string): 'month-first' | 'day-first' | undefined {
  if (slashesMonthFirst(timezone)) return 'month-first'
  const country = englishCountryOf(timezone)
  return country !== undefined || timezone === 'Pacific/Auckland' ? 'day-first' : undefined
}

/** The locale Intl and Luxon write dates and clocks in: a language, English with its region. */
export function dateLocale(locale: string): string {
  return locale === 'en' ? english : locale
}

function timeFormat(style: keyof typeof TIME_STYLES, tz: string, locale: string): Intl.DateTimeFormat {
  const key = `${style} ${tz} ${dateLocale(locale)}`
  let format = timeFormats.get(key)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(dateLocale(locale), { ...TIME_STYLES[style], timeZone: tz })
    timeFormats.set(key, format)
  }
  return format
}

function timeText(style: keyof typeof TIME_STYLES, ms: number, tz: string, locale: string): string {
  return timeFormat(style, tz, locale).format(ms)
}

/** The clock: "9:05", "15:00" / "3:00 PM". */
export function clockTime(ms: number, tz: string, locale: string): string {
  return timeText('clock', ms, tz, locale)
}

/** The short weekday of a moment: "ср" / "Wed". */
export function shortWeekday(ms: number, tz: string, locale: string): string {
  return timeText('weekday', ms, tz, locale)
}

/**
 * The clock times of moments read side by side (a day's slots, today's calls). A local time
 * that comes at two UTC offsets among them (the autumn night the clocks go back) carries its offset,
 * "2:00 (UTC+02:00)" and "2:00 (UTC+01:00)", so the two are told apart.
 */
export function clockTimes(moments: readonly number[], tz: string, locale: string): string[] {
  const labels = moments.map((ms) => clockTime(ms, tz, locale))
  const offsets = moments.map((ms) => DateTime.fromMillis(ms, { zone: tz }).toFormat("'UTC'ZZ"))
  // The same clock time at another offset: not two moments within a minute (a "call me now" asked at 11:00:20)
  const twice = (i: number) => labels.some((label, j) => label === labels[i] && offsets[j] !== offsets[i])
  return labels.map((label, i) => (twice(i) ? `${label} (${offsets[i]})` : label))
}

/**
 * A day with its time: "пн, 23 нояб., 15:00" / "Mon, Nov 23, 3:00 PM" / "Mon 23 Nov, 15:00". Given
 * `now`, with the year when it is not this one ("Wed 6 Jan 2027, 10:46", in the same style): a
 * reminder next March must not read as last week's.
 */
export function dayAndTime(ms: number, tz: string, locale: string, now?: number): string {
  const otherYear = now !== undefined && localDate(ms, tz).slice(0, 4) !== localDate(now, tz).slice(0, 4)
  if (!otherYear) return timeText('dayAndTime', ms, tz, locale)
  // The weekday set apart as without the year: British English writes "Thu 10 Dec, 10:46" but
  // "Wed, 6 Jan 2027, 10:46", two styles side by side in one list of reminders
  const full = timeText('dayAndTimeWithYear', ms, tz, locale)
  const [weekday, withYear] = timeFormat('dayAndTimeWithYear', tz, locale).formatToParts(ms)
  const [, without] = timeFormat('dayAndTime', tz, locale).formatToParts(ms)
  if (weekday?.type !== 'weekday' || withYear?.type !== 'literal' || without?.type !== 'literal') return full
  const lead = weekday.value + withYear.value
  return full.startsWith(lead) ? weekday.value + without.value + full.slice(lead.length) : full
}

/** A moment as people read it: the time alone if it is today, else with its day (and year, see dayAndTime). */
export function formatWhen(ms: number, tz: string, locale: string, now: number): string {
  return localDate(ms, tz) === localDate(now, tz) ? clockTime(ms, tz, locale) : dayAndTime(ms, tz, locale, now)
}

/**
 * When the team is back, for the text `back-at`: "сегодня в 10:00", "завтра в 10:00",
 * "30 ноября в 10:00" ("вернёмся 10:00" does not read). `day` picks the words; `readerTz` is
 * the client's zone (see relativeDay). Asked in the small hours (`SMALL_HOURS`, on the reader's
 * clock), a time later that day is named by its part of the day, "утром, в 11:00" / "this
 * morning at 11:00": at 00:40 people read "today" as the day that just ended.
 */
export function backAt(
  ms: number,
  tz: string,
  locale: string,
  now: number,
  readerTz = tz,
): { day: RelativeDay | DayPart; date: string; at: string } {
  const date = localDate(ms, tz)
  const relative = relativeDay(date, tz, now, readerTz)
  return {
    day: relative === 'today' && isQuietTime(now, readerTz, SMALL_HOURS) ? dayPartOf(ms, readerTz) : relative,
    date: calendarDate(date, tz, locale, now),
    at: clockTime(ms, tz, locale),
  }
}

/** From midnight to the morning: "today" still reads as the day just ended. */
const SMALL_HOURS: QuietHours = { start: '00:00', end: '06:00' }

/** A part of the day a time falls in on `tz`'s clock, for the words of a time later tonight's "today". */
type DayPart = 'morning' | 'afternoon' | 'evening'
function dayPartOf(ms: number, tz: string): DayPart {
  const hour = Number(localDateTime(ms, tz).time.slice(0, 2))
  return hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening'
}

export type RelativeDay = 'today' | 'tomorrow' | 'later'

/**
 * A local date (YYYY-MM-DD) as people name it from `now`: today, tomorrow, or another day.
 * Named so only when the reader's calendar day (`readerTz`) is the zone's too: at 06:00 on
 * Tuesday in Vladivostok it is Monday night in Moscow, and "tomorrow" would mean Wednesday.
 */
export function relativeDay(date: string, tz: string, now: number, readerTz = tz): RelativeDay {
  const today = localDate(now, tz)
  if (readerTz !== tz && localDate(now, readerTz) !== today) return 'later'
  if (date === today) return 'today'
  // Dates, not moments: the next calendar day whatever the clocks do that night
  return date === DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: 1 }).toISODate() ? 'tomorrow' : 'later'
}

/**
 * A span of time read at a glance, by its two largest units, whole: "45 мин", "2 ч 5 мин",
 * "1 день 3 ч" / "45 min", "2 hr 5 min", "1 day 3 hr" ("2 965 мин" is arithmetic); under ten
 * minutes to a tenth, "4,5 мин"; under a minute in seconds, "6 с" / "6 sec" ("0,1 мин" is
 * arithmetic too). Days in full: the short form, "1 дн.", reads as a plural.
 * Whole hours in full too, as a person says them ("за 2 часа", not "за 120 мин" or "за 2 ч");
 * minutes stay short, the one form that fits any phrase ("за 1 минуту" but "1 минута").
 */
export function formatSpan(minutes: number, locale: string): string {
  // Zero stays "0 мин": a whole number of minutes (a card's, a reminder's) reads as it did
  const seconds = Math.round(minutes * 60)
  if (seconds > 0 && seconds < 60) return spanUnit('second', seconds, locale)
  // Under ten minutes a tenth still tells two quick answers apart ("4,5 мин")
  if (minutes < 10) return spanUnit('minute', Math.max(0, Math.round(minutes * 10) / 10), locale)
  const m = Math.round(minutes)
  const parts: [unit: 'day' | 'hour' | 'minute', n: number][] =
    m < 60
      ? [['minute', m]]
      : m < 1440
        ? [
            ['hour', Math.floor(m / 60)],
            ['minute', m % 60],
          ]
        : [
            ['day', Math.floor(m / 1440)],
            ['hour', Math.floor((m % 1440) / 60)],
          ]
  const shown = parts.filter(([, n], i) => n > 0 || i === 0)
  const [only] = shown
  if (shown.length === 1 && only?.[0] === 'hour') return spanUnit('hour', only[1], locale, 'long')
  return shown.map(([unit, n]) => spanUnit(unit, n, locale)).join(' ')
}

function spanUnit(
  unit: 'day' | 'hour' | 'minute' | 'second',
  n: number,
  locale: string,
  display: 'long' | 'short' = unit === 'day' ? 'long' : 'short',
): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: display,
    maximumFractionDigits: 1,
  }).format(n)
}

/** A day in full: "понедельник, 23 ноября" / "Monday, November 23". */
export function longDay(ms: number, tz: string, locale: string): string {
  return timeText('longDay', ms, tz, locale)
}

/** A day in short: "23 нояб." / "Nov 23" (`withYear`: "23 нояб. 2026 г." / "Nov 23, 2026"). */
export function shortDay(ms: number, tz: string, locale: string, withYear = false): string {
  return timeText(withYear ? 'shortDayWithYear' : 'shortDay', ms, tz, locale)
}

/** Short, for a button or a log line: "23 нояб., 15:00" / "Nov 23, 3:00 PM" (`withYear`, see shortDay). */
export function shortWhen(ms: number, tz: string, locale: string, withYear = false): string {
  return `${shortDay(ms, tz, locale, withYear)}, ${clockTime(ms, tz, locale)}`
}

/**
 * A calendar date (YYYY-MM-DD, a due date) with the year only when it is not the current
 * one: "25 декабря" / "December 25", "25 января 2027 г." / "January 25, 2027".
 */
export function calendarDate(date: string, tz: string, locale: string, now: number): string {
  const thisYear = localDate(now, tz).slice(0, 4) === date.slice(0, 4)
  // The date is already the local one: read at its UTC midnight, it stays that date
  return timeText(thisYear ? 'date' : 'dateWithYear', Date.parse(`${date}T00:00:00Z`), 'UTC', locale)
}

/** A call window: "понедельник, 23 ноября, 15:00–15:30"; across days both ends get their day. */
export function callWindow(start: number, end: number, tz: string, locale: string): string {
  const sameDay = localDate(start, tz) === localDate(end - 1, tz)
  const from = `${longDay(start, tz, locale)}, ${clockTime(start, tz, locale)}`
  return sameDay
    ? `${from}–${clockTime(end, tz, locale)}`
    : `${from} – ${longDay(end, tz, locale)}, ${clockTime(end, tz, locale)}`
}

/**
 * The zone as people say it, with its UTC offset at `ms` (which changes with summer time):
 * "Москва, UTC+3", "Germany Time, UTC+2". The offset is there because ICU names some zones
 * after a neighbour (Asia/Novosibirsk reads "Красноярск") or only by country.
 */
export function zoneLabel(timezone: string, locale: string, ms: number): string {
  const offset = formatOffset(DateTime.fromMillis(ms, { zone: timezone }).offset)
  const name =
    ZONE_NAMES[timezone]?.[locale === 'ru' ? 'ru' : 'en'] ??
    new Intl.DateTimeFormat(locale, { timeZone: timezone, timeZoneName: 'shortGeneric' })
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')?.value
  return name && !/^(GMT|UTC)/.test(name) ? `${name}, ${offset}` : offset
}

/**
 * Zones ICU names as nobody there says them: "United Kingdom Time" and "Ireland Time" read like a
 * system setting to a salon's clients in London and Dublin, "Великобритания" to a Russian one.
 */
const ZONE_NAMES: Readonly<Record<string, { en: string; ru: string }>> = {
  'Europe/London': { en: 'UK time', ru: 'Лондон' },
  'Europe/Dublin': { en: 'Irish time', ru: 'Дублин' },
}

/**
 * The zone of times spread over a year (an export's), for a reader: `zoneLabel` where the offset
 * never changes ("Москва, UTC+3"), else the zone's name ("Europe/Berlin"), as one offset would be
 * wrong for the other season's times.
 */
export function zoneOfTimes(timezone: string, locale: string, now: number): string {
  const year = DateTime.fromMillis(now, { zone: timezone })
  const steady = year.set({ month: 1, day: 1 }).offset === year.set({ month: 7, day: 1 }).offset
  return steady ? zoneLabel(timezone, locale, now) : timezone
}

/** "UTC+3", "UTC−4", "UTC+5:30", "UTC". */
function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC'
  const sign = offsetMinutes > 0 ? '+' : '−'
  const abs = Math.abs(offsetMinutes)
  const minutes = abs % 60
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/**
 * An interval of the content's clock times ("10:00-19:00": working hours, the quiet hours) on the
 * reader's clock, as every other time they read (clockTime): "10:00 AM–7:00 PM" in American English,
 * "9:00–20:00" in Russian whether the owner wrote "9:00" or "09:00" (a day written each way read
 * "пн 9:00–20:00, вт–пт 09:00–20:00"). "24:00" ends a day on a 24-hour clock, which would read
 * "0:00" there.
 */
export function clockRange(interval: string, locale: string): string {
  const range = parseTimeRange(interval)
  if (range === undefined) return interval.replace(/-/g, '–')
  // Read in UTC, which never changes its clocks; 24:00 is the next midnight, "12:00 AM"
  const at = (minutes: number) => clockTime(Date.UTC(2024, 0, 1, 0, minutes), 'UTC', locale)
  const end = range.end === 24 * 60 && !twelveHourClock(locale) ? '24:00' : at(range.end)
  return `${at(range.start)}–${end}`
}

/** The content's quiet hours as the reader reads them: "21:00–9:00" / "9:00 PM–9:00 AM". */
export function quietHoursRange(quiet: QuietHours, locale: string): string {
  return clockRange(`${quiet.start}-${quiet.end}`, locale)
}

/** Whether the locale reads the clock in twelve hours with AM and PM (English), not 24 (Russian). */
function twelveHourClock(locale: string): boolean {
  const { hourCycle } = new Intl.DateTimeFormat(dateLocale(locale), { hour: 'numeric' }).resolvedOptions()
  return hourCycle === 'h11' || hourCycle === 'h12'
}

/**
 * "пн–пт 10:00–19:00, сб 11:00–16:00" / "Mon–Fri 10:00 AM–7:00 PM, Sat 11:00 AM–4:00 PM":
 * consecutive days with the same hours are grouped. A day's intervals are joined as a list
 * ("пн 10:00–14:00 и 15:00–20:00"), and when a day has three or more, days are set apart by
 * semicolons ("пн 9:00–12:00, 13:00–15:00 и 16:00–18:00; сб …"): with a comma both within a day
 * and between days, a lunch break read as the start of the next day's hours.
 */
export function describeWorkingHours(content: Content, locale: string): string {
  // 2024-01-01 was a Monday: gives localized short weekday names without a table per language
  const dayName = (i: number) =>
    new Intl.DateTimeFormat(dateLocale(locale), { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i))
  const list = new Intl.ListFormat(locale, { type: 'conjunction' })
  const intervalsOf = (i: number) => content.business.hours[WEEKDAYS[i] as (typeof WEEKDAYS)[number]] ?? []
  const hoursOf = (i: number) => list.format(intervalsOf(i).map((interval) => clockRange(interval, locale)))
  const between = WEEKDAYS.some((_, i) => intervalsOf(i).length > 2) ? '; ' : ', '
  const groups: { from: number; to: number; hours: string }[] = []
  for (let i = 0; i < 7; i++) {
    const hours = hoursOf(i)
    const last = groups.at(-1)
    if (last && last.hours === hours && last.to === i - 1) last.to = i
    else groups.push({ from: i, to: i, hours })
  }
  return groups
    .filter((g) => g.hours !== '')
    .map((g) => `${dayName(g.from)}${g.to > g.from ? `–${dayName(g.to)}` : ''} ${g.hours}`)
    .join(between)
}

/** Contacts as lines, only those the business filled in. */
export function describeContacts(content: Content, locale: string): string {
  const c = content.business.contacts
  return [
    c.phone && `📞 ${c.phone}`,
    c.email && `✉️ ${c.email}`,
    c.telegram && `💬 ${c.telegram}`,
    c.website && `🌐 ${c.website}`,
    c.address && `📍 ${pickText(c.address, locale)}`,
  ]
    .filter(Boolean)
    .join('\n')
}

/**
 * A client's number as staff read and type it: "#12" (the card, General's posts, a topic
 * renamed after /forget; `/find #12`, `/export #12`). The id of the clients table.
 */
export function clientNumber(id: number): string {
  return `#${id}`
}

/** The client id in a "#12" typed by staff (see clientNumber), or undefined for anything else. */
export function parseClientNumber(text: string): number | undefined {
  const digits = /^#(\d{1,15})$/.exec(text.trim())?.[1]
  return digits === undefined ? undefined : Number(digits)
}

/** The name to address the client by: the form they gave, else Telegram's first name. */
export function clientName(client: { displayName: string | null; firstName: string | null } | undefined): string {
  return client?.displayName ?? client?.firstName ?? ''
}
