import { clockTime, zoneLabel } from '../format.ts'
import { offsetAt } from '../services/client-zones.ts'
import type { Translate } from './context.ts'

/**
 * The zone a time is written in, as a client reads it: "Москва, UTC+3" — and for a client whose
 * own zone (/timezone) has another offset at that moment, their clock beside it: "Москва, UTC+3;
 * у вас 20:00" (`now`: the moment is now, "у вас сейчас 20:00", as a picker of times says it).
 */
export function zoneForReader(
  t: Translate,
  {
    businessTz,
    clientTz,
    locale,
    at,
    now = false,
  }: {
    businessTz: string
    clientTz: string | null | undefined
    locale: string
    at: number
    now?: boolean
  },
): string {
  const zone = zoneLabel(businessTz, locale, at)
  if (!clientTz || clientTz === businessTz || offsetAt(clientTz, at) === offsetAt(businessTz, at)) return zone
  return t('zone-for-reader', { zone, local: clockTime(at, clientTz, locale), now: now ? 'yes' : 'no' })
}
