/**
 * A client's own time zone (/timezone): the bot writes its times in the business's zone, and
 * beside them the client's own clock once the client has said where they are; automatic
 * messages keep the client's quiet hours (`timezoneOf`). Telegram never tells a bot a user's
 * zone, so the client says it: a zone from a short list, its city typed, or the time it is where
 * they are now.
 */
import { DateTime } from 'luxon'
import { citiesIn } from '../city-zones.ts'
import { zoneLabel } from '../format.ts'
import { words } from '../text.ts'

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

/** Whether `zone` is one of Russia's. */
export function isRussianZone(zone: string): boolean {
  return RUSSIA.has(zone)
}

/** The zone's offset from UTC at `ms`, in minutes. */
export function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset
}

/**
 * The zones of the United States (not Arizona's: beside Mountain Time it read as the same button
 * all winter — typed, "Phoenix", it is known), Canada, Europe as seen from Britain and Ireland, and
 * Australia and New Zealand.
 */
const US_BUTTONS = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
] as const
const CANADA_BUTTONS = [
  'America/Halifax',
  'America/Toronto',
  'America/Winnipeg',
  'America/Edmonton',
  'America/Vancouver',
] as const
const EUROPE_BUTTONS = [
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Athens',
] as const
const OCEANIA_BUTTONS = [
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
] as const
/**
 * A reader from elsewhere, or whose region Telegram does not say — most English readers: Telegram's
 * apps mostly send "en" alone — where people who write in English most often are, America's four
 * mainland zones among them.
 */
const WORLD_BUTTONS = [
  'Europe/London',
  'Europe/Berlin',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Australia/Sydney',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
] as const
/** A reader's buttons by the region of their Telegram language ("en-US": US). */
const REGION_BUTTONS: Readonly<Record<string, readonly string[]>> = {
  US: US_BUTTONS,
  CA: CANADA_BUTTONS,
  GB: EUROPE_BUTTONS,
  IE: EUROPE_BUTTONS,
  AU: OCEANIA_BUTTONS,
  NZ: OCEANIA_BUTTONS,
}

/**
 * The zones offered as buttons. A reader of the bot in Russian (`reader` undefined or `ru`): Russia's
 * when the business is in one of them, else none — the client types their time. Any other reader
 * (`reader`, Telegram's language with its region: "en-US", "en-GB", "en"): the zones of their
 * region, or of where English-writing clients most often are when it says none — an American was
 * offered Kaliningrad to Kamchatka. The business's own zone is among them, in place of the one with
 * its offset (or last): "same as yours" is one tap.
 */
export function offeredZones(businessTz: string, ms: number, reader?: string): string[] {
  const [language = 'ru', region] = (reader ?? 'ru').split(/[-_]/)
  const russian = language.toLowerCase() === 'ru'
  if (russian && !RUSSIA.has(businessTz)) return []
  const zones = russian ? RUSSIA_BUTTONS : (REGION_BUTTONS[region?.toUpperCase() ?? ''] ?? WORLD_BUTTONS)
  const own = offsetAt(businessTz, ms)
  const offered = zones.map((zone) => (offsetAt(zone, ms) === own ? businessTz : zone))
  if (!offered.includes(businessTz)) offered.push(businessTz)
  // Two of the same offset as ours (Paris, Berlin for a Berlin business): ours once
  return [...new Set(offered)]
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

/**
 * Words that may come with a city named as where one is ("я живу во Владивостоке", "у нас в
 * Хабаровске сейчас", "на Камчатке", "in Omsk", "омское время"); anything else — "не", "офис", a
 * question, a number ("Москва +4": an offset from Moscow, not Moscow) — makes the text more than a
 * city named.
 */
const WITH_A_CITY = new Set([
  'я',
  'мы',
  'в',
  'во',
  'из',
  'на',
  'у',
  'меня',
  'нас',
  'живу',
  'живем',
  'нахожусь',
  'сейчас',
  'город',
  'г',
  'время',
  'по',
  'i',
  'am',
  'm',
  'im',
  'based',
  'currently',
  'in',
  'live',
  'from',
  'the',
  'city',
  'time',
  'now',
])
/**
 * The zone whose city `text` names, in Russian or English and as a sentence says it: first the one
 * of `zones` (the buttons' cities: "Владивосток", "во Владивостоке", "Novosibirsk"), a button's
 * label typed instead of tapped; else a city people name in Russia or near it, on another city's
 * time or by a nickname ("в Хабаровске", "из Питера", "Екб": src/city-zones.ts); else a city of
 * the time zone database ("London", "I live in New York", "Europe/Berlin"). Undefined when none is
 * named, more than one, or the text says more than where one is (see WITH_A_CITY).
 */
export function zoneNamedIn(text: string, zones: readonly string[], now: number): string | undefined {
  if (/[?\d+−]/.test(text)) return undefined
  const said = words(text)
  const names = (zone: string) =>
    ['ru', 'en'].flatMap((locale) => {
      const city = zoneLabel(zone, locale, now).split(',')[0] ?? ''
      // "Moscow Time": the city; a label without one ("UTC+5") names none
      return /UTC/.test(city) ? [] : words(city.replace(/ Time$/, '')).slice(0, 1)
    })
  // The name, or the name as a sentence bends it: "Москве", "Омске", "Владивостоке"
  const bends = (w: string, name: string) =>
    w.length <= name.length + 2 && (w.startsWith(name) || (name.length >= 5 && w.startsWith(name.slice(0, -1))))
  const found = zones.filter((zone) => {
    const cities = names(zone)
    const city = said.filter((w) => cities.some((name) => bends(w, name)))
    return city.length > 0 && said.every((w) => city.includes(w) || WITH_A_CITY.has(w))
  })
  if (found.length > 0) return found.length === 1 ? found[0] : undefined
  // Named as people name it ("Хабаровск" keeps Vladivostok's time), once or more ("Питер,
  // Санкт-Петербург"): one zone, and nothing more said
  const named = citiesIn(said)
  const places = new Set(named.flatMap((city) => city.at))
  if (named.length > 0 && named.every((city) => city.zone === named[0]?.zone)) {
    return said.every((w, i) => places.has(i) || WITH_A_CITY.has(w)) ? named[0]?.zone : undefined
  }
  // No button's city: a city of the time zone database, as it names it ("London", "New York";
  // "Europe/London" itself), which keeps its summer time — a clock typed gives an offset alone,
  // an hour off from spring. Alone, or said as where one is ("I live in Berlin"): "I'm Regina"
  // is a name, not Saskatchewan
  const byId = timeZoneCities().get(`id:${text.trim().toLowerCase()}`)
  if (byId !== undefined) return byId
  const rest = said.filter((w) => !WITH_A_CITY.has(w))
  const where = rest.length === said.length || said.some((w) => LOCATIVE.has(w))
  return where ? timeZoneCities().get(rest.join(' ')) : undefined
}

/** Words that say where one is, which a database city needs when more than its name is typed. */
const LOCATIVE = new Set(['в', 'во', 'из', 'живу', 'нахожусь', 'in', 'from', 'live'])
/**
 * Cities people name otherwise than the database's id, or that a runtime's older data spells
 * otherwise (Node 20: Europe/Kiev, Asia/Calcutta): each name, and the ids it may be, first known wins.
 */
const CITY_NAMES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['kyiv', ['Europe/Kyiv', 'Europe/Kiev']],
  ['kiev', ['Europe/Kyiv', 'Europe/Kiev']],
  ['kolkata', ['Asia/Kolkata', 'Asia/Calcutta']],
  ['calcutta', ['Asia/Kolkata', 'Asia/Calcutta']],
  ['ho chi minh', ['Asia/Ho_Chi_Minh', 'Asia/Saigon']],
  ['kathmandu', ['Asia/Kathmandu', 'Asia/Katmandu']],
  // Big cities no zone is named after, and how Americans write theirs ("LA", "NYC", "SF")
  ...(
    [
      [['America/New_York'], ['nyc', 'ny', 'boston', 'washington', 'dc', 'philadelphia', 'miami', 'atlanta']],
      [['America/Chicago'], ['dallas', 'houston', 'austin']],
      [['America/Los_Angeles'], ['la', 'sf', 'san francisco', 'seattle', 'san diego', 'las vegas', 'portland']],
      [['Europe/London'], ['manchester', 'birmingham', 'edinburgh', 'glasgow', 'liverpool']],
      [
        ['Asia/Kolkata', 'Asia/Calcutta'],
        ['mumbai', 'delhi', 'new delhi', 'bangalore', 'bengaluru'],
      ],
      [['Asia/Shanghai'], ['beijing', 'shenzhen']],
    ] as const
  ).flatMap(([ids, names]) => names.map((name) => [name, ids] as const)),
]
/** The database's parts of the world whose cities are places people live and say (not Antarctica's stations, not islands). */
const CITY_REGIONS = new Set(['Europe', 'Asia', 'America', 'Africa', 'Australia'])

let databaseCities: Map<string, string> | undefined
/**
 * The time zone database's cities by their name in small letters ("new york"): of a zone
 * `Region/City` of CITY_REGIONS only (America/Indiana/Petersburg is no "Petersburg"), with
 * CITY_NAMES; and each zone by `id:` and its id.
 */
function timeZoneCities(): Map<string, string> {
  if (databaseCities) return databaseCities
  const found = new Map<string, string>()
  const known = new Set(Intl.supportedValuesOf('timeZone'))
  for (const zone of known) {
    found.set(`id:${zone.toLowerCase()}`, zone)
    const [region, city, more] = zone.split('/')
    if (region && city && more === undefined && CITY_REGIONS.has(region)) {
      found.set(city.replaceAll('_', ' ').toLowerCase(), zone)
    }
  }
  for (const [name, ids] of CITY_NAMES) {
    const zone = ids.find((id) => known.has(id))
    if (zone) found.set(name, zone)
  }
  databaseCities = found
  return found
}
