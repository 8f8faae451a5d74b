/**
 * One reading of a phone number, wherever the bot takes one (a discovery question, the
 * booking's phone step): as people type it, or as Telegram's "share my number" button sends it;
 * and how a stored number is shown. A number typed without its country code is read as dialled
 * in the client's own country, when their zone (/timezone) names one, else the business's.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'
import { englishCountryOf } from './format.ts'
import { isRussianZone } from './services/client-zones.ts'
import { words } from './text.ts'

/** Numbers from the ranges each country keeps for fiction: a hint's example is nobody's phone. */
const EXAMPLES = {
  RU: '+7 916 123 45 67',
  US: '+1 212 555 0142',
  CA: '+1 416 555 0142',
  AU: '+61 491 570 006',
  GB: '+44 20 7946 0958',
  IE: '+353 20 910 1234',
} as const
type PhoneCountry = keyof typeof EXAMPLES
let businessCountry: PhoneCountry | undefined

/** The country whose numbers people in `zone` dial at home, where the zone tells: Russia or an English-speaking one. */
function countryOf(zone: string): PhoneCountry | undefined {
  return isRussianZone(zone) ? 'RU' : englishCountryOf(zone)
}

/**
 * The business is in `timezone` from now on: hints show a number of its country (`phoneExample`),
 * and a number typed without its country code is read as dialled there (`parsePhone`), unless the
 * client's own zone names another country.
 */
export function writePhonesAsIn(timezone: string): void {
  businessCountry = countryOf(timezone)
}

/**
 * Whose number is read: `zone` is the client's own time zone, when they gave one (/timezone; none
 * on record is the business's). A number typed without its country code is then read as dialled
 * in that zone's country, when it names one: a London client of a Moscow business types
 * "07911 123456", which the staff in Moscow could not dial as typed. Staff typing a number keep
 * the business's country.
 */
interface WhoseNumber {
  zone?: string | null
}

/**
 * The phone number a hint shows ("напишите номер, например …", "type it, e.g. …"): one of the
 * client's own country when their zone (`zone`, /timezone) names one — a London client of a
 * Moscow business reads a London number, as her "07911 123456" is read as dialled there — else of
 * the business's, in whichever language: a client of a Toronto business reads a Toronto number,
 * not a London one. A client's zone that names no country this module knows (Berlin, Dubai) gets
 * `neutral`, the number's shape with no country guessed ("+(country code) (number)"): the
 * business's own country was the wrong one there. Where the business's zone tells no country
 * either, Russia's in Russian and Britain's in English, as before.
 */
export function phoneExample(locale: string, { zone, neutral }: WhoseNumber & { neutral?: string } = {}): string {
  const own = zone ? countryOf(zone) : undefined
  if (own !== undefined) return EXAMPLES[own]
  if (zone && neutral !== undefined && businessCountry !== undefined) return neutral
  return EXAMPLES[businessCountry ?? (locale === 'ru' ? 'RU' : 'GB')]
}

/**
 * Text that is a try at a phone number, one that may have failed ("8 916 123 45"): digits and
 * what people type between them, nothing else. Not a try: words, a question.
 */
export function looksLikePhone(text: string): boolean {
  return /\d/.test(text) && phoneChars(text) !== undefined
}

/**
 * A try at a phone number that failed: text typed as one ("8 916 123 45": `looksLikePhone`), or
 * among a few words a run of seven digits or more that is no number ("ну ладно пишите 8 916 123 45
 * 6", a digit short). A phone question answers it as a try — the number could not be read —
 * rather than pass the words on to the manager in silence: the client who typed it believed it
 * was taken. A number that reads, or one among many words, is `phonesInText`'s to say.
 */
export function mistypesAPhone(text: string, { zone }: WhoseNumber = {}): boolean {
  if (looksLikePhone(text)) return true
  if (words(text).length > MAX_WORDS_AROUND) return false
  return (text.match(NUMBER_RUN) ?? []).some(
    (run) => run.replace(/\D/g, '').length >= 7 && parsePhone(run.trim(), { zone }) === undefined,
  )
}

/**
 * The text, trimmed, when it holds only what a number is typed with — digits, spaces, "+",
 * brackets, dots and dashes, any dash as a site's page or a phone's keyboard writes it (the
 * non-breaking hyphen, so a number never wraps; an en or em dash; a minus) read as "-".
 */
function phoneChars(text: string): string | undefined {
  const plain = text.trim().replace(/[\u2010-\u2015\u2212]/g, '-')
  return /^[\d\s+().-]+$/.test(plain) ? plain : undefined
}

/**
 * A number as people type it — "+7 (916) 123-45-67", "8 916 123 45 67" — or as a shared
 * contact carries it. 10–15 digits; a Russian "8…" of 11 digits becomes "+7…", another
 * 11 digits get a "+". A number of the home country (outside Russia) — the client's, when their
 * own `zone` names one (`WhoseNumber`), else the business's — as dialled there, gets its
 * international form ("087 123 4567" in Dublin is "+353871234567"). Other numbers typed without
 * "+" stay as typed, any run of spaces made one: "916 123-45-67" or "020 7946 0958" (from a
 * client of a business in Moscow who gave no zone) are local, and "+916…" would be another
 * country's. A shared contact is always international (Telegram writes it without the "+"), so
 * it gets one. Undefined when it is not a number (one digit over and over, "0000000000", is
 * nobody's).
 */
export function parsePhone(
  text: string,
  { shared = false, zone }: { shared?: boolean } & WhoseNumber = {},
): string | undefined {
  const trimmed = phoneChars(text)
  // A "+" only in front
  if (trimmed === undefined || trimmed.lastIndexOf('+') > 0) return undefined
  const digits = trimmed.replace(/\D/g, '')
  if (digits.length < 10 || digits.length > 15 || /^(\d)\1*$/.test(digits)) return undefined
  // An international number never starts with 0, and has a length its country's numbers can
  // have (libphonenumber's metadata; a country it does not know keeps the 10–15 digits)
  if (shared || trimmed.startsWith('+'))
    return digits.startsWith('0') || !possible(`+${digits}`) ? undefined : `+${digits}`
  // "0044 20 7946 0958": the international prefix dialled in most of the world, for the "+"
  if (digits.startsWith('00') && digits.length >= 12) return parsePhone(`+${digits.slice(2)}`)
  // "8 (916) …", "8-916-…": Russia's trunk 8 before the number, written apart — then 10 digits follow
  const trunk = /^8[\s(.-]/.test(trimmed)
  if (digits.length === 11 && digits.startsWith('8')) return `+7${digits.slice(1)}`
  if (trunk) return undefined
  if (digits.length === 11 && !digits.startsWith('0')) return `+${digits}`
  // A number of the home country — the client's own, when their zone names one, else the
  // business's — typed as its people dial it at home (a Dublin salon's "087 123 4567", a New York
  // one's "(212) 555-0142", a London one's "020 7946 0958", a London client's "07911 123456" to
  // a Moscow business): its international form, so the card and a call from abroad read it alike.
  // One that is no valid number of the client's country is tried as the business's: a London
  // client of a Dublin salon giving their Irish mobile
  const own = zone ? countryOf(zone) : undefined
  for (const home of new Set([own, businessCountry])) {
    // Ten digits are any North American number: from the client's zone alone, only as it is
    // written there ("917 555 4433", "(917) 555-4433") — a New York client of a Moscow business
    // typing their Russian mobile as Russians write it, "917 555 44 33", keeps it as typed
    const written = home !== businessCountry && (home === 'US' || home === 'CA') ? NORTH_AMERICAN.test(trimmed) : true
    const national = home === undefined || !written ? undefined : asDialledIn(home, trimmed, digits)
    if (national !== undefined) return national
  }
  // No country to group it by: the client's own spacing is what makes it readable back to
  // them and to the staff (search and erasure compare the digits alone)
  return trimmed.replace(/\s+/g, ' ')
}

/** A number as North Americans write it: three, three and four digits, the area code maybe in brackets. */
const NORTH_AMERICAN = /^(\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}$/

/**
 * The international form of a number typed as `country`'s people dial it at home, if it is a
 * valid one there. Only as dialled there — after the trunk 0 where the country dials one
 * (Britain, Ireland, Australia), ten digits in North America: a Moscow mobile typed without its
 * 8, "916 123 45 67", is no London number. Not Russia's: a ten-digit number there may be
 * Kazakhstan's, and stays as typed.
 */
function asDialledIn(country: PhoneCountry, typed: string, digits: string): string | undefined {
  if (country === 'RU') return undefined
  const dialledThere =
    country === 'US' || country === 'CA' ? digits.length === 10 : /^\(?0/.test(typed) && !digits.startsWith('00')
  const national = dialledThere ? parsePhoneNumberFromString(typed, country) : undefined
  return national?.isValid() ? national.number : undefined
}

/**
 * A number typed where one is asked, as `parsePhone` reads it (by the client's `zone` too) — or
 * said among a few words ("my number is +44 7700 900123", "звоните 8 916 123-45-67 после обеда"): the one number in
 * the text. Undefined when there is none or more than one (which to call is the client's
 * word), when the words are many or deny it ("мой старый … не работает"), and for a run of
 * more than 11 digits without "+" or "00": a number before it may have run into it ("в 15 8916…").
 * With `anyLength`, also among many words ("…also, my phone number changed: it's now +1 646…"):
 * where the question is which number the client gave last, not whether a message is one. Then
 * only a number written as phones are — "+…", or eleven digits from 8 or 7 — and no toll-free
 * 8 800 one (the business's own line, most likely): "ИНН 7701234567" or "заказ 4012345678" is none.
 */
export function phoneInText(
  text: string,
  { anyLength = false, zone }: { anyLength?: boolean } & WhoseNumber = {},
): string | undefined {
  const numbers = phonesInText(text, { anyLength, zone })
  return numbers.length === 1 ? numbers[0] : undefined
}

/**
 * The numbers said in `text` by phoneInText's rules: one for the text that is a number, none
 * when the words are many or deny them; two or more when the client gave two ("+7 916 … рабочий, а
 * лучше на 8-903-…"), which the one to call is their word.
 */
export function phonesInText(
  text: string,
  { anyLength = false, zone }: { anyLength?: boolean } & WhoseNumber = {},
): string[] {
  const whole = parsePhone(text, { zone })
  if (whole !== undefined) return [whole]
  if (looksLikePhone(text)) return []
  const said = words(text)
  if ((!anyLength && said.length > MAX_WORDS_AROUND) || said.some((w) => DENYING.has(w)) || NOT_WORKING.test(text)) {
    return []
  }
  const numbers = (text.match(NUMBER_RUN) ?? []).flatMap((run) => {
    const plain = run.trim()
    const unmarked = !plain.startsWith('+') && !plain.startsWith('00')
    const digits = plain.replace(/\D/g, '')
    if (unmarked && digits.length > 11) return []
    if (anyLength && !(plain.startsWith('+') || (/^[78]/.test(digits) && digits.length === 11))) return []
    if (anyLength && /^[78]800/.test(digits)) return []
    return parsePhone(plain, { zone }) ?? []
  })
  return [...new Set(numbers)]
}

/**
 * A number typed at the end of a command's words ("/call завтра 12:00 +7 916 123-45-67"): the
 * number, and the words before it. The longest run of the text's last words that is a number,
 * of at most 11 digits unless written with "+" or "00" (a time before it is not run into it:
 * "12 8 916 123 45 67" is 12 and 8 916…). Undefined when the text does not end with one.
 */
export function phoneAtEnd(text: string): { phone: string; before: string } | undefined {
  const words = text.trim().split(/\s+/)
  for (let from = 0; from < words.length; from++) {
    const tail = words.slice(from).join(' ')
    const digits = tail.replace(/\D/g, '')
    const marked = /^(?:\+|00)/.test(tail)
    if (!marked && digits.length > 11) continue
    // A number of one or two digits ahead of it is the time's ("завтра 10 30 87 …" is 10:30, not
    // a number from 30), unless it is how numbers start: Russia's 8 or 7, North America's 1, a 0…
    if (!marked && /^(?!0)\d{1,2}$/.test(words[from] ?? '') && !/^[178]$/.test(words[from] ?? '')) continue
    const phone = parsePhone(tail)
    if (phone !== undefined) return { phone, before: words.slice(0, from).join(' ') }
  }
  return undefined
}

/** Words around a number said in a sentence, at most: more is a message for a person. */
const MAX_WORDS_AROUND = 8
/** A run of digits as a number is typed among words, with what people type between them. */
const NUMBER_RUN = /\+?\d[\d\s().\u2010-\u2015\u2212-]*\d/g
/** Words that say a number in the text is not the one to call. */
const DENYING = new Set(['старый', 'прежний', 'бывший', 'old', 'former'])
const NOT_WORKING = /не\s+(работает|актуален|звонит[еь])|not\s+working|doesn[’']?t\s+work|don[’']?t\s+call/iu

/** False only for a number of a country libphonenumber knows that no number there can be. */
function possible(international: string): boolean {
  const number = parsePhoneNumberFromString(international)
  return number === undefined || number.isPossible()
}

/**
 * A stored number as people read it: an international one grouped the way its country
 * writes it ("+7 916 123 45 67", "+44 20 7946 0958"), by libphonenumber's metadata; a
 * local one, or one its metadata does not know, as stored. Telegram links either form.
 */
export function formatPhone(stored: string): string {
  if (!stored.startsWith('+')) return stored
  const number = parsePhoneNumberFromString(stored)
  return number?.isPossible() ? number.formatInternational() : stored
}
