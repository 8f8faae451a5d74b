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
 * read for a while, and every time on it is one to convert.
 */
export function zoneForReader(
  t: Translate,
  {
    businessTz,
    clientTz,
    locale,
    at,
    difference = false,
  }: { businessTz: string; clientTz: string | null | undefined; locale: string; at: number; difference?: boolean },
): string {
  const zone = zoneLabel(businessTz, locale, at)
  // Only a zone luxon knows: a bad value on record must not break the texts it appears in
  if (!clientTz || clientTz === businessTz || !DateTime.fromMillis(at, { zone: clientTz }).isValid) return zone
  const ahead = offsetAt(clientTz, at) - offsetAt(businessTz, at)
  if (ahead === 0) return zone
  if (difference) {
    return t('zone-for-reader-difference', {
      zone,
      difference: formatSpan(Math.abs(ahead), locale),
      ahead: ahead > 0 ? 'yes' : 'no',
    })
  }
  const sameDay = localDate(at, clientTz) === localDate(at, businessTz)
  const local = sameDay ? clockTime(at, clientTz, locale) : dayAndTime(at, clientTz, locale, at)
  return t('zone-for-reader', { zone, local })
}
