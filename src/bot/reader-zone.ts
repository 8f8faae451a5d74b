import { DateTime } from 'luxon'
import { clockTime, dayAndTime, formatSpan, zoneLabel } from '../format.ts'
import { offsetAt } from '../services/client-zones.ts'
import { localDate } from '../services/time.ts'
import type { Translate } from './context.ts'

/**
 * The zone a time is written in, as a client reads it: "Москва, UTC+3" — and for a client whose
 * own zone (/timezone) has another offset at `at`, their clock beside it: "Москва, UTC+3; у вас
 * 19:00" (with their day when it is another: "у вас вс, 22 нояб., 23:00"). A picker of times
 * (`difference`) says by how much their clocks differ instead ("у вас на 4 часа больше"): it is
 * read for a while, and every time on it is one to convert. `yours`: the times are written on the
 * client's own clock (the booking's pickers): theirs named first, ours and the difference after it
 * ("ваше время, Лондон, UTC; у нас на 3 часа больше: Москва, UTC+3"). `staff`: as the team reads a
 * time of that client's ("Москва, UTC+3; у клиента 1:00"), so a call moved to the client's night shows.
 */
export function zoneForReader(
  t: Translate,
  {
    businessTz,
    clientTz,
    locale,
    at,
    difference = false,
    yours = false,
    staff = false,
  }: {
    businessTz: string
    clientTz: string | null | undefined
    locale: string
    at: number
    difference?: boolean
    yours?: boolean
    staff?: boolean
  },
): string {
  const zone = zoneLabel(businessTz, locale, at)
  const other = otherClock(businessTz, clientTz, at)
  if (other === undefined) return zone
  const { ahead } = other
  if (yours) {
    return t('zone-yours', {
      own: zoneLabel(other.zone, locale, at),
      zone,
      difference: formatSpan(Math.abs(ahead), locale),
      ahead: ahead > 0 ? 'yes' : 'no',
    })
  }
  if (difference) {
    return t(staff ? 'zone-for-staff-difference' : 'zone-for-reader-difference', {
      zone,
      difference: formatSpan(Math.abs(ahead), locale),
      ahead: ahead > 0 ? 'yes' : 'no',
    })
  }
  return t(staff ? 'zone-for-staff' : 'zone-for-reader', {
    zone,
    local: clientClock(at, businessTz, other.zone, locale),
  })
}

/**
 * A day and time the team reads in the business's zone ("вт, 24 нояб., 2:00"), with the client's
 * clock after it when theirs differs: "вт, 24 нояб., 2:00 (у клиента 9:00)". A reminder planned for
 * the client's morning reads as the middle of the night otherwise.
 */
export function staffDayAndTime(
  t: Translate,
  at: number,
  {
    businessTz,
    clientTz,
    locale,
    now,
  }: { businessTz: string; clientTz: string | null | undefined; locale: string; now: number },
): string {
  return withClientClock(t, dayAndTime(at, businessTz, locale, now), { businessTz, clientTz, locale, at })
}

/** `when` (a time the team reads, written already), with the client's clock after it when theirs differs. */
export function withClientClock(
  t: Translate,
  when: string,
  {
    businessTz,
    clientTz,
    locale,
    at,
  }: { businessTz: string; clientTz: string | null | undefined; locale: string; at: number },
): string {
  const other = otherClock(businessTz, clientTz, at)
  if (other === undefined) return when
  return t('client-clock', { when, local: clientClock(at, businessTz, other.zone, locale) })
}

/**
 * The client's zone and by how many minutes its clock is ahead of the business's at `at`;
 * undefined when it shows the same time (or is unknown).
 */
function otherClock(
  businessTz: string,
  clientTz: string | null | undefined,
  at: number,
): { zone: string; ahead: number } | undefined {
  // Only a zone luxon knows: a bad value on record must not break the texts it appears in
  if (!clientTz || clientTz === businessTz || !DateTime.fromMillis(at, { zone: clientTz }).isValid) return undefined
  const ahead = offsetAt(clientTz, at) - offsetAt(businessTz, at)
  return ahead === 0 ? undefined : { zone: clientTz, ahead }
}

/** The client's clock at `at`, with their day when it is not the business's (either way round: ours beside theirs). */
export function clientClock(at: number, businessTz: string, clientTz: string, locale: string): string {
  const sameDay = localDate(at, clientTz) === localDate(at, businessTz)
  return sameDay ? clockTime(at, clientTz, locale) : dayAndTime(at, clientTz, locale, at)
}
