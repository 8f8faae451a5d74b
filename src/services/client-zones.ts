/**
 * A client's own time zone (/timezone): the bot writes its times in the business's zone, and
 * beside them the client's own clock once the client has said where they are; automatic
 * messages keep the client's quiet hours (`timezoneOf`). Telegram never tells a bot a user's
 * zone, so the client says it: a zone from a short list, or the time it is where they are now.
 */
import { DateTime } from 'luxon'

/** Russia's zones, one city each for the buttons: none with summer time. */
const RUSSIA_BUTTONS = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
] as const
/** Every zone of Russia: a business in any of them is offered Russia's buttons (its own among them). */
const RUSSIA = new Set<string>([
  ...RUSSIA_BUTTONS,
  'Europe/Kirov',
  'Europe/Volgograd',
  'Europe/Astrakhan',
  'Europe/Saratov',
  'Europe/Ulyanovsk',
  'Europe/Simferopol',
  'Asia/Barnaul',
  'Asia/Tomsk',
  'Asia/Novokuznetsk',
  'Asia/Krasnoyarsk',
  'Asia/Chita',
  'Asia/Khandyga',
  'Asia/Ust-Nera',
  'Asia/Sakhalin',
  'Asia/Srednekolymsk',
  'Asia/Anadyr',
])

/** The zone's offset from UTC at `ms`, in minutes. */
export function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset
}

/**
 * The zones offered as buttons: Russia's when the business is in one of them, its own in place
 * of the one with its offset; otherwise none — the client types their time.
 */
export function offeredZones(businessTz: string, ms: number): string[] {
  if (!RUSSIA.has(businessTz)) return []
  const own = offsetAt(businessTz, ms)
  return RUSSIA_BUTTONS.map((zone) => (offsetAt(zone, ms) === own ? businessTz : zone))
}

/**
 * The zone whose clock shows `typedMinutes` (after midnight, a 24-hour clock unless "pm" was
 * said) at `now`: the business's own if its clock shows it, else a zone of that offset without
 * summer time — Etc/GMT±N for whole hours, named by its offset alone ("UTC+5": no city is
 * guessed). People round their clock ("2:00" when it shows 01:55): the nearest quarter hour is
 * the offset meant, as a whole minute is at most 7 from one quarter hour and at least 8 from any
 * other. Undefined when no zone keeps that offset (UTC+7:15): then no zone's clock is within 7
 * minutes of the time typed.
 */
export function zoneForTypedTime(typedMinutes: number, now: number, businessTz: string): string | undefined {
  const utc = DateTime.fromMillis(now, { zone: 'UTC' })
  const difference = typedMinutes - (utc.hour * 60 + utc.minute)
  const offset = Math.round(difference / 15) * 15
  // Both sides of the date line show the same clock: −10 and −11 (Hawaii, Samoa) are people's
  // clocks far more often than +14 and +13
  let normal = ((offset % (24 * 60)) + 24 * 60) % (24 * 60)
  if (normal > 12 * 60) normal -= 24 * 60
  // The business's clock, compared as a clock: New Zealand's summer +13 reads as −11 above
  if ((normal - offsetAt(businessTz, now)) % (24 * 60) === 0) return businessTz
  if (normal % 60 === 0) return normal === 0 ? 'UTC' : `Etc/GMT${normal > 0 ? '-' : '+'}${Math.abs(normal / 60)}`
  // Half and quarter hours (India, Nepal): a zone that keeps that offset all year
  return Intl.supportedValuesOf('timeZone').find((zone) => {
    const january = offsetAt(zone, utc.set({ month: 1, day: 15 }).toMillis())
    const july = offsetAt(zone, utc.set({ month: 7, day: 15 }).toMillis())
    return january === normal && july === normal
  })
}
