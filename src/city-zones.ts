/**
 * Cities by the time zone they keep, as people name them: the one list both a client's /timezone
 * (src/services/client-zones.ts: "у нас в Хабаровске", "из Питера", "Екб") and the owner's content
 * check (src/content/schema.ts: `timezone: Kazan` — did you mean Europe/Moscow?) read. The time
 * zone database names a zone after one city: most of Russia's cities keep the time of another
 * (Kazan Moscow's, Khabarovsk Vladivostok's, Ufa Yekaterinburg's), and Russian names, the case a
 * sentence puts them in and nicknames it knows none of.
 */
import { splitWords } from './text.ts'

/**
 * Each zone (the first id this runtime knows: Node 20 may call Kyiv "Kiev") and its cities: every
 * Russian zone's main ones, the cities of Russia people most often live in, and the capitals of
 * the neighbours that write Russian, in Russian (as a sentence names it before its case: "москва")
 * and in English where the database names them otherwise. Words that are also a person's name or
 * a common word ("Владимир", "Орёл", "Мирный", "Влад") are left out: "я Владимир" names no city.
 */
const CITIES: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['Europe/Kaliningrad'], ['калининград', 'kaliningrad']],
  [
    ['Europe/Moscow'],
    [
      ...['москва', 'мск', 'moscow', 'подмосковье', 'подмосковья'],
      ...['санкт-петербург', 'петербург', 'питер', 'спб', 'ленинград'],
      ...['saint petersburg', 'st petersburg', 'petersburg', 'spb'],
      ...['казань', 'kazan', 'нижний новгород', 'nizhny novgorod', 'великий новгород'],
      ...['сочи', 'sochi', 'краснодар', 'krasnodar', 'ростов-на-дону', 'ростов', 'rostov-on-don', 'rostov'],
      ...['воронеж', 'voronezh', 'ярославль', 'yaroslavl', 'тула', 'рязань', 'тверь', 'смоленск', 'брянск'],
      ...['курск', 'белгород', 'липецк', 'тамбов', 'пенза', 'калуга', 'иваново', 'кострома', 'вологда'],
      ...['архангельск', 'мурманск', 'петрозаводск', 'псков', 'чебоксары', 'йошкар-ола', 'саранск'],
      ...['ставрополь', 'новороссийск', 'махачкала', 'владикавказ', 'нальчик', 'сыктывкар'],
    ],
  ],
  [['Europe/Simferopol'], ['симферополь', 'севастополь', 'крым', 'ялта']],
  [['Europe/Kirov'], ['киров']],
  [['Europe/Volgograd'], ['волгоград', 'volgograd']],
  [['Europe/Samara'], ['самара', 'samara', 'тольятти', 'ижевск', 'izhevsk']],
  [['Europe/Ulyanovsk'], ['ульяновск']],
  [['Europe/Saratov'], ['саратов']],
  [['Europe/Astrakhan'], ['астрахань']],
  [
    ['Asia/Yekaterinburg'],
    [
      ...['екатеринбург', 'екб', 'екат', 'ебург', 'yekaterinburg', 'ekaterinburg'],
      ...['уфа', 'ufa', 'челябинск', 'chelyabinsk', 'пермь', 'perm', 'тюмень', 'tyumen'],
      ...['оренбург', 'курган', 'магнитогорск', 'сургут', 'ханты-мансийск', 'нижневартовск', 'салехард'],
    ],
  ],
  [['Asia/Omsk'], ['омск']],
  [['Asia/Novosibirsk'], ['новосибирск', 'новосиб']],
  [['Asia/Barnaul'], ['барнаул', 'горно-алтайск', 'алтай']],
  [['Asia/Tomsk'], ['томск']],
  [['Asia/Novokuznetsk'], ['новокузнецк', 'кемерово', 'kemerovo']],
  [['Asia/Krasnoyarsk'], ['красноярск', 'абакан', 'кызыл', 'норильск']],
  [['Asia/Irkutsk'], ['иркутск', 'улан-удэ', 'братск', 'ulan-ude']],
  [['Asia/Chita'], ['чита']],
  [['Asia/Yakutsk'], ['якутск', 'благовещенск', 'якутия']],
  [
    ['Asia/Vladivostok'],
    ['владивосток', 'хабаровск', 'khabarovsk', 'находка', 'уссурийск', 'комсомольск-на-амуре', 'биробиджан'],
  ],
  [['Asia/Sakhalin'], ['южно-сахалинск', 'сахалин']],
  [['Asia/Magadan'], ['магадан']],
  [['Asia/Kamchatka'], ['петропавловск-камчатский', 'камчатка']],
  [['Asia/Anadyr'], ['анадырь', 'чукотка']],
  // Neighbours whose clients write Russian, and where those who left are
  [['Europe/Minsk'], ['минск']],
  [
    ['Europe/Kyiv', 'Europe/Kiev'],
    ['киев', 'київ'],
  ],
  [['Asia/Almaty'], ['алматы', 'алма-ата']],
  [['Asia/Tashkent'], ['ташкент']],
  [['Asia/Bishkek'], ['бишкек']],
  [['Asia/Tbilisi'], ['тбилиси']],
  [['Asia/Yerevan'], ['ереван']],
  [['Asia/Baku'], ['баку']],
  [['Europe/Riga'], ['рига']],
  [['Europe/Tallinn'], ['таллин', 'таллинн']],
  [['Europe/Vilnius'], ['вильнюс']],
  [['Europe/Berlin'], ['берлин']],
  [['Europe/London'], ['лондон']],
  [['Europe/Paris'], ['париж']],
  [['Europe/Prague'], ['прага']],
  [['Europe/Warsaw'], ['варшава']],
  [['Europe/Istanbul'], ['стамбул']],
  [['Asia/Dubai'], ['дубай']],
  [['Asia/Jerusalem'], ['тель-авив', 'израиль']],
  [['America/New_York'], ['нью-йорк']],
]

/**
 * The forms a Russian word takes as a sentence puts it ("в Москве", "из Казани", "в Нижнем
 * Новгороде", "на Камчатке", "из Питера"), by how it ends; more than Russian has (both soft and hard
 * endings), as no text holds one that is not the city's. Latin words, short ones and those that do
 * not change (Сочи, Тбилиси, Улан-Удэ, Кемерово: "в Кемерово", and "Иванова" is a surname) stand
 * as they are.
 */
function caseForms(word: string): string[] {
  if (!/^[а-я]{3,}$/.test(word)) return [word]
  const stem = word.slice(0, -1)
  const last = word.at(-1) as string
  if (word.endsWith('ий') || word.endsWith('ый')) {
    const base = word.slice(0, -2)
    return [word, ...['ого', 'ому', 'ом', 'им', 'ым', 'его', 'ему', 'ем'].map((end) => base + end)]
  }
  if (last === 'а' || last === 'я')
    return [word, ...['ы', 'и', 'е', 'у', 'ю', 'ой', 'ей', 'ою'].map((end) => stem + end)]
  if (last === 'ь') return [word, ...['и', 'ью', 'я', 'ю', 'ем', 'е'].map((end) => stem + end)]
  if (last === 'й') return [word, ...['я', 'ю', 'ем', 'е'].map((end) => stem + end)]
  // A plural ("в Чебоксарах")
  if (last === 'ы') return [word, ...['ах', 'ам', 'ов'].map((end) => stem + end)]
  if (/[иоуэею]/.test(last)) return [word]
  return [word, ...['а', 'у', 'ом', 'е'].map((end) => word + end)]
}

/** A city's name as words, each with its forms, and its zone. */
interface City {
  zone: string
  forms: ReadonlyArray<ReadonlySet<string>>
}

let cities: ReadonlyMap<string, readonly City[]> | undefined
/** The cities this runtime knows the zone of, by each form of their name's first word. */
function citiesByFirstWord(): ReadonlyMap<string, readonly City[]> {
  if (cities) return cities
  const known = new Set(Intl.supportedValuesOf('timeZone'))
  const found = new Map<string, City[]>()
  for (const [ids, names] of CITIES) {
    const zone = ids.find((id) => known.has(id))
    if (zone === undefined) continue
    for (const name of names) {
      const forms = splitWords(name).map((word) => new Set(caseForms(word)))
      for (const first of forms[0] ?? []) found.set(first, [...(found.get(first) ?? []), { zone, forms }])
    }
  }
  cities = found
  return found
}

/**
 * The cities `said` (a text's words, as `splitWords` gives them) names, in any case and form:
 * each one's zone and the places of its words. The longest name at each place ("нижнем
 * новгороде", not a "новгород" of its own).
 */
export function citiesIn(said: readonly string[]): { zone: string; at: number[] }[] {
  const named: { zone: string; at: number[] }[] = []
  for (let i = 0; i < said.length; i++) {
    const longest = (citiesByFirstWord().get(said[i] as string) ?? [])
      .filter(({ forms }) => forms.every((form, k) => form.has(said[i + k] ?? '')))
      .sort((a, b) => b.forms.length - a.forms.length)[0]
    if (longest === undefined) continue
    const at = longest.forms.map((_, k) => i + k)
    named.push({ zone: longest.zone, at })
    i += at.length - 1
  }
  return named
}

/** The zone of the city a text is the whole name of, in any form ("Kazan", "saint_petersburg", "Уфа"). */
export function cityZone(name: string): string | undefined {
  const said = splitWords(name.replaceAll('_', ' '))
  const [city] = citiesIn(said)
  return city !== undefined && city.at.length === said.length ? city.zone : undefined
}
