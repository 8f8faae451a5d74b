/**
 * A client's own time zone (/timezone): the bot writes its times in the business's zone, and
 * beside them the client's own clock once the client has said where they are; automatic
 * messages keep the client's quiet hours (`timezoneOf`). Telegram never tells a bot a user's
 * zone, so the client says it: a zone from a short list, or the time it is where they are now.
 */
import { DateTime } from 'luxon'

/** Russia's zones, one city each: where most clients of a Russian business are, none with summer time. */
const RUSSIA = [
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

/** The zone's offset from UTC at `ms`, in minutes. */
export function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset
}

/**
 * The zones offered as buttons: Russia's when the business is in one of them (its own among
 * them); otherwise none — the client types their time.
 */
export function offeredZones(businessTz: string, ms: number): string[] {
  if (!(RUSSIA as readonly string[]).includes(businessTz)) return []
  // Zones with the business's offset are the business's own: one button for them, its own
  return RUSSIA.filter((zone) => zone === businessTz || offsetAt(zone, ms) !== offsetAt(businessTz, ms))
}

/**
 * The zone whose clock shows `typedMinutes` (after midnight, a 24-hour clock unless "pm" was
 * said) at `now`: the business's own if its clock shows it, an offered zone with that offset now,
 * else a zone without summer time with it (Etc/GMT±N for whole hours). Undefined for a time no
 * zone shows now.
 */
export function zoneForTypedTime(
  typedMinutes: number,
  now: number,
  { offered, businessTz }: { offered: readonly string[]; businessTz: string },
): string | undefined {
  const utc = DateTime.fromMillis(now, { zone: 'UTC' })
  // A quarter of an hour at most between zones' clocks; the typed minute may be a minute behind
  let offset = Math.round((typedMinutes - (utc.hour * 60 + utc.minute)) / 15) * 15
  if (offset <= -12 * 60) offset += 24 * 60
  if (offset > 14 * 60) offset -= 24 * 60
  if (offset < -12 * 60) return undefined
  if (offset === offsetAt(businessTz, now)) return businessTz
  const listed = offered.find((zone) => offsetAt(zone, now) === offset)
  if (listed) return listed
  if (offset % 60 === 0) return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset / 60)}`
  // Half and quarter hours (India, Nepal): a zone that keeps that offset all year
  const year = DateTime.fromMillis(now, { zone: 'UTC' })
  return Intl.supportedValuesOf('timeZone').find((zone) => {
    const january = offsetAt(zone, year.set({ month: 1, day: 15 }).toMillis())
    const july = offsetAt(zone, year.set({ month: 7, day: 15 }).toMillis())
    return january === offset && july === offset
  })
}
