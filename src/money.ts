/**
 * Money, one way for the whole bot. An amount is stored as an integer in the currency's
 * minor units with the exponent ISO 4217 gives it (RUB 2: kopecks; JPY 0: yen; KWD 3:
 * fils), read from what people type and formatted for a locale here and nowhere else.
 * The exponents come from the ISO 4217 list (the `currency-codes` package), not from
 * Intl: Intl uses CLDR's display digits, which differ for some currencies (HUF, IDR, COP
 * show no decimals there but have two in ISO 4217) and accept any three letters.
 * Telegram Stars (XTR) are not in ISO 4217 but are Telegram's currency for payments in
 * Stars: whole Stars, shown with ⭐.
 */
import { code as isoCurrency } from 'currency-codes'
import { scaleOf } from './spoken-numbers.ts'
import { telegramMinimum } from './telegram-currencies.ts'

/** Symbols people type instead of a code. */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  '₽': 'RUB',
  $: 'USD',
  '€': 'EUR',
  '¥': 'JPY',
  '£': 'GBP',
  '₸': 'KZT',
  '₴': 'UAH',
}

/** One of `CURRENCY_SYMBOLS`, as a regular expression's character class: "[₽$€¥£₸₴]". */
export const CURRENCY_SIGN = `[${Object.keys(CURRENCY_SYMBOLS).join('')}]`

/**
 * Currencies named in words, as managers write them onto the amount or apart ("45000руб",
 * "30 000 руб.", "1 500 рублей", "45 euro", "20 dollars"), in any case: a manager's "руб" used to
 * become the first word of what the client was billed for ("За что: руб Поддержка"), and so did
 * "euro" ("For: euro colouring deposit").
 */
const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ...['руб', 'руб.', 'р', 'р.', 'рубль', 'рубля', 'рублей'].map((w) => [w, 'RUB'] as const),
  ...['euro', 'euros', 'евро'].map((w) => [w, 'EUR'] as const),
  ...['dollar', 'dollars', 'доллар', 'доллара', 'долларов'].map((w) => [w, 'USD'] as const),
  ...['pound', 'pounds', 'фунт', 'фунта', 'фунтов'].map((w) => [w, 'GBP'] as const),
  ...['тг', 'тг.', 'тенге'].map((w) => [w, 'KZT'] as const),
  ...['грн', 'грн.', 'гривна', 'гривны', 'гривен', 'гривня', 'гривні', 'гривень'].map((w) => [w, 'UAH'] as const),
  // Central Asia's, as Russian writes them and Uzbek Cyrillic («сўм»): the Uzbek sum, the Kyrgyz som,
  // the Tajik somoni. Not «лей»: the Romanian leu's word as much as the Moldovan one's
  ...['сум', 'сўм', 'сумов'].map((w) => [w, 'UZS'] as const),
  ...['сом', 'сомов'].map((w) => [w, 'KGS'] as const),
  ['сомони', 'TJS'],
])

/**
 * The currencies whose amounts take a dot between thousands and a comma before the kopecks, as
 * Russians, Kazakhs, Ukrainians, Belarusians and Uzbeks write money: «12.500 руб.» is twelve thousand
 * five hundred, «1.200.000 тг» one million two hundred thousand, «12.500,50» with its kopecks.
 * Their minor units have two digits, so three after a dot cannot be kopecks. Elsewhere a dot
 * before three digits is read either way — "$12.500" is twelve and a half in English and 12 500
 * in German — and is not guessed at (`unreadThousands`); whoever writes, whatever the team's
 * language, the currency decides, as it decides how many decimals an amount may have.
 */
const DOT_THOUSANDS: ReadonlySet<string> = new Set(['RUB', 'KZT', 'UAH', 'BYN', 'UZS'])

/** The currency a symbol, a currency's word or a code (in `case` as given) names, if any. */
function currencyOf(written: string): string | undefined {
  return CURRENCY_WORDS.get(written.toLowerCase()) ?? CURRENCY_SYMBOLS[written] ?? written.toUpperCase()
}

/** Telegram Stars' currency code. */
export const STARS = 'XTR'

/** True for an active ISO 4217 code ("RUB", "JPY") or Telegram Stars; letters only, upper case. */
export function isCurrency(code: string): boolean {
  return code === STARS || (/^[A-Z]{3}$/.test(code) && isoCurrency(code) !== undefined)
}

/**
 * Digits after the decimal point in ISO 4217 (RUB 2, JPY 0, KWD 3).
 * @throws RangeError for a code that is not in ISO 4217.
 */
export function minorDigits(currency: string): number {
  if (currency === STARS) return 0
  const record = isCurrency(currency) ? isoCurrency(currency) : undefined
  if (!record) throw new RangeError(`Unknown currency "${currency}": expected an ISO 4217 code such as RUB or USD`)
  return record.digits
}

/**
 * The smallest amount a manager's typed /invoice takes in `currency`, in its minor units: less is a
 * slip ("0.50" for 500, "5 тг" for 5 000). About ten US cents' worth — a tenth of Telegram's
 * smallest invoice (`telegramMinimum`: about a dollar in each currency, so one measure of what an
 * amount is worth in all of them), rounded up to a round figure (10 ₽, 50 ₸, 5 ₴, 20 ¥) — and never less than one
 * whole unit ($1, €1, 1 ⭐: a fee of $5 is real, of 50 cents a slip). One rule for every currency:
 * "one whole unit" alone let "5 тг", about a cent, through as an invoice.
 */
export function leastInvoiced(currency: string): number {
  const unit = 10 ** minorDigits(currency)
  const minimum = telegramMinimum(currency)
  return minimum === undefined ? unit : Math.max(unit, roundUp(minimum / 10))
}

/** The first of 1, 2, 5, 10, 20, 50… at or above `value`: "a round figure" (749.7 → 1000, 4308.4 → 5000). */
function roundUp(value: number): number {
  let step = 1
  while (step * 10 <= value) step *= 10
  return [step, 2 * step, 5 * step, 10 * step].find((v) => v >= value) ?? 10 * step
}

/** An amount as written: "45000", "1250,50", "500USD", "500$", "1.250 KWD" without the space. */
export interface WrittenAmount {
  /** Whole units. */
  units: number
  /** The digits after the decimal separator, as typed ("5" in "1250,5"). */
  fraction: string
  /** The currency written with it (a code or a symbol), if any. */
  currency?: string
  /**
   * The mark written between thousands: groups of three after a first one of one to three digits
   * ("12.500", "1.200.000", "12.500,50"; "1,500", "12,500.50"), read so in `units` and `fraction`.
   * A currency takes a dot there or none (`DOT_THOUSANDS`): `writtenToMinor` decides. One group
   * with nothing after it ("12.345") may be a decimal point: read so where it is not thousands.
   */
  grouped?: '.' | ','
}

/**
 * An amount with its scale's word: a symbol before it at most, up to three decimals, and a word
 * for thousands or millions (`scaleOf`: "к", "тыс", "тысяч", "млн", "thousand"), or "т.р.";
 * after a scale's word cut short, a currency may follow onto it ("15тыс.руб.").
 */
const SCALED = new RegExp(
  `^(${CURRENCY_SIGN})?(\\d{1,10})(?:[.,](\\d{1,3}))?\\s?(т\\.?\\s?р\\.?|\\p{L}+\\.?)((?<=\\.)(?:\\p{L}+\\.?|${CURRENCY_SIGN}))?$`,
  'iu',
)

/** What a scale's word written after an amount multiplies it by ("тыс." 1000, "т.р." 1000, "млн" a million). */
function scaleWritten(word: string): number | undefined {
  return /^т\.?\s?р\.?$/iu.test(word) ? 1000 : scaleOf(word.replace(/\.$/u, ''))
}

/**
 * A word for thousands or millions that may stand apart from its number ("45 тыс", "5 тысяч",
 * "2 млн"), its currency maybe written onto it ("тыс.руб."), or a Latin "k" ("15 k"): no word
 * of either language is "k". Not another letter alone ("к", "m"), which apart may be a word of
 * the description ("5000 к оплате"): see `SCALE_LETTER`.
 */
export function isScaleWord(word: string): boolean {
  if (!/^\p{L}./u.test(word) && !/^k$/i.test(word)) return false
  const read = readAmount(`1${word}`)
  return read !== undefined && read.units >= 1000
}

/**
 * A letter for thousands or millions standing apart after an amount, which may also be a word:
 * «к» (thousands, or the preposition: «5000 к оплате»), "m" (millions, or metres), «т» (thousands,
 * or tonnes), "kk" or «кк» (millions). Its scale; undefined for any other word.
 */
export function scaleLetter(word: string): 'thousand' | 'million' | undefined {
  if (/^[кт]$/iu.test(word)) return 'thousand'
  if (/^(?:m|kk|кк)$/iu.test(word)) return 'million'
  return undefined
}

/**
 * An amount with thousands set apart by a mark, the same one throughout: a first group of one to
 * three digits (not a zero), groups of three, and maybe decimals after the other mark ("12.500",
 * "1.200.000", "12.500,50", "1,500", "12,500.50"); then its currency, as `readAmount` takes one.
 */
const GROUPED = new RegExp(
  `^(${CURRENCY_SIGN})?([1-9]\\d{0,2}([.,])\\d{3}(?:\\3\\d{3})*)(?:(?!\\3)[.,](\\d{1,4}))?([A-Za-z]{3}|\\p{L}+\\.?|${CURRENCY_SIGN})?$`,
  'u',
)
/** An amount as `readAmount` takes one without thousands marks: its sign, digits, decimals and currency. */
const PLAIN = new RegExp(
  `^(${CURRENCY_SIGN})?(\\d{1,13})(?:[.,](\\d{1,4}))?([A-Za-z]{3}|\\p{L}+\\.?|${CURRENCY_SIGN})?$`,
  'u',
)

/**
 * Reads an amount typed by a person: digits, an optional `.` or `,` and up to four more
 * digits, and an optional currency code, symbol or currency's word straight after (`45000руб`) — or
 * a symbol before, as English writes it (`€500`). Thousands may be set apart by a dot or a comma
 * (`12.500`, `1.200.000`, `12.500,50`, `1,500`: `grouped`), or said short (`45к`, `2,5тыс`).
 * Undefined when it is not an amount or the currency is not an ISO 4217 code.
 */
export function readAmount(text: string): WrittenAmount | undefined {
  // Thousands or millions said short, as people write a price: "45к", "45k", "1,5к", "45тыс",
  // "45 т.р.", "5тысяч", "1,5млн", "15тыс.руб."
  const scaled = SCALED.exec(text.trim())
  const scale = scaled?.[4] === undefined ? undefined : scaleWritten(scaled[4])
  if (scaled && scale !== undefined) {
    const [, symbol, whole = '', part = '', , after] = scaled
    const written = symbol ?? after
    const currency = written ? currencyOf(written) : undefined
    if ((symbol && after) || (currency !== undefined && !isCurrency(currency))) return undefined
    return {
      units: Number(whole) * scale + (Number(part.padEnd(3, '0')) * scale) / 1000,
      fraction: '',
      ...(currency ? { currency } : {}),
    }
  }
  const grouped = GROUPED.exec(text.trim())
  const plain = grouped ? undefined : PLAIN.exec(text.trim())
  const [symbol, digits, part, after] = grouped
    ? [grouped[1], grouped[2], grouped[4], grouped[5]]
    : [plain?.[1], plain?.[2], plain?.[3], plain?.[4]]
  if (digits === undefined || (symbol && after)) return undefined
  const written = symbol ?? after
  const currency = written ? currencyOf(written) : undefined
  if (currency !== undefined && !isCurrency(currency)) return undefined
  const mark = grouped?.[3] === '.' || grouped?.[3] === ',' ? grouped[3] : undefined
  return {
    units: Number(mark === undefined ? digits : digits.replaceAll(mark, '')),
    fraction: part ?? '',
    ...(currency ? { currency } : {}),
    ...(mark ? { grouped: mark } : {}),
  }
}

/**
 * A currency written on its own after an amount ("45 000 USD", "500 ₽", "30 000 руб", "45 euro"):
 * a symbol, a currency's word, or a code in capitals. A code in small letters is not taken: "all", "top", "try" are codes
 * too, and words a description may well start with.
 */
export function readCurrency(text: string): string | undefined {
  const named = CURRENCY_WORDS.get(text.toLowerCase())
  const currency = named ?? CURRENCY_SYMBOLS[text] ?? (/^[A-Z]{3}$/.test(text) ? text : undefined)
  return currency !== undefined && isCurrency(currency) ? currency : undefined
}

/**
 * A written amount in minor units of `currency`; undefined when it has more decimals than
 * the currency has (a JPY amount with sen, a RUB amount with three decimals), or thousands set
 * apart by a mark the currency's amounts do not take there (`unreadThousands` says which).
 * Thousands apart by a dot are read in the currencies that write them so (`DOT_THOUSANDS`:
 * «12.500 руб.» is 12 500 ₽); a lone group of three after a mark that is not, with nothing after
 * it, is decimals when the currency has three ("12.345 KWD", "12,345 KWD").
 */
export function writtenToMinor(
  amount: Pick<WrittenAmount, 'units' | 'fraction' | 'grouped'>,
  currency: string,
): number | undefined {
  const digits = minorDigits(currency)
  let { units, fraction } = amount
  if (amount.grouped !== undefined && !(amount.grouped === '.' && DOT_THOUSANDS.has(currency))) {
    // "12.345", "1,500": the mark as a decimal point, one group and nothing after it
    if (fraction !== '' || units >= 1_000_000) return undefined
    fraction = String(units % 1000).padStart(3, '0')
    units = Math.floor(units / 1000)
  }
  if (fraction.length > digits) return undefined
  return units * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0)
}

/**
 * Why `writtenToMinor` read no amount, when it is the thousands: the mark written between them
 * that `currency`'s amounts do not take there — a comma in any ("1,500": 1 500 in English, one
 * and a half in Russian), a dot outside `DOT_THOUSANDS` ("$12.500": twelve and a half in
 * English, 12 500 in German). Undefined for another reason (too many decimals: "12.500,505",
 * "0.001", "1234.500").
 */
export function unreadThousands(
  amount: Pick<WrittenAmount, 'units' | 'fraction' | 'grouped'>,
  currency: string,
): '.' | ',' | undefined {
  if (amount.grouped === undefined || (amount.grouped === '.' && DOT_THOUSANDS.has(currency))) return undefined
  return writtenToMinor(amount, currency) === undefined ? amount.grouped : undefined
}

/** An amount in whole units (content prices: `45000`, `99.99`) → minor units, rounded to the currency's digits. */
export function majorToMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency))
}

/**
 * Minor units → whole units as a number (JSON exports): 125050 RUB → 1250.5, 1000 JPY → 1000;
 * a code not in ISO 4217 as stored (see `decimalAmount`).
 */
export function minorToMajor(minor: number, currency: string): number {
  return Number(decimalAmount(minor, currency))
}

/**
 * Minor units as a plain decimal with exactly the currency's digits, no grouping and no
 * symbol, for files (CSV): 125050 RUB → "1250.50", 1000 JPY → "1000", 1250 KWD → "1.250".
 * A code that is not in ISO 4217 (typed before codes were checked: RUR, or HRK since
 * retired) has no known exponent, so its amount is written as stored: 4500000 RUR →
 * "4500000". The same rule for people (`formatMoney`) and for files.
 */
export function decimalAmount(minor: number, currency: string): string {
  const digits = isCurrency(currency) ? minorDigits(currency) : 0
  const sign = minor < 0 ? '-' : ''
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0')
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`
}

/**
 * The English money is written in: the business's country's (`englishMoneyOf` in format.ts
 * decides it from the time zone and sets it as the content is applied). Telegram tells a bot no
 * one's region, and a currency's sign depends on it: Intl's "en" is American, "CA$1,250" for the
 * Canadian dollar a client in Toronto calls "$1,250". One business per process; until the content
 * is applied, Intl's "en".
 */
let english = 'en'
/** The Russian money is written in, the same way (`russianMoneyOf`): "ru-BY" in Belarus, else Intl's "ru". */
let russian = 'ru'

/** Money from now on as these regional variants write it: English's ("en-CA") and Russian's ("ru-BY"). */
export function writeMoneyIn(locales: { en: string; ru: string }): void {
  english = locales.en
  russian = locales.ru
}

/** A language of the bot as Intl is to write money in it now (`english`, `russian`). */
const moneyLocale = (locale: string) => (locale === 'en' ? english : locale === 'ru' ? russian : locale)

/**
 * A currency's sign or short word in a language whose Intl writes it only by its code there, where
 * its readers write it otherwise (by Intl's locale, then currency). Russian: the Belarusian rouble is
 * «бел. руб.» («5 000 BYN» read as a bank's statement, and Intl's narrow «р.» is the Russian
 * rouble's; in Belarus "ru-BY" writes it "Br" itself), and the Georgian lari "₾", its own sign, as
 * English writes it (Intl's Russian has "GEL", and for a narrow one a letter of the old Georgian
 * script); the money of the former Soviet republics whose Russian-speaking clients read it in
 * words, as their price tags write it: the Uzbek «сум», the Tajik «сомони», the Moldovan «лей» (each
 * as is after any number, as Russian there writes them; Intl's Russian has "UZS", "TJS", "MDL" and
 * no narrow sign). The Turkmen manat is not among them (Intl's Russian writes it «ТМТ»), nor the
 * Kyrgyz som, which has its own sign ("⃀", `ownSign`). Other codes stay: Russian, as English,
 * writes "AED", "CHF", "PLN" by them, as prices in Dubai, Zurich or Warsaw read.
 */
const WRITTEN_SIGNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // (A no-break space: «бел.» is not left at a line's end)
  ru: { BYN: 'бел.\u00a0руб.', GEL: '₾', UZS: 'сум', TJS: 'сомони', MDL: 'лей' },
}

/**
 * `WRITTEN_SIGNS`' sign of a currency in `written` (a locale as Intl takes it, its region's too:
 * "ru-BY" is Russian), where Intl's would be its bare code.
 */
function writtenSign(currency: string, written: string): string | undefined {
  const sign = WRITTEN_SIGNS[written.split('-')[0] ?? written]?.[currency]
  return sign !== undefined && signOf(currency, written, display(currency, written)) === currency ? sign : undefined
}

/** A currency's sign in `locale`: its code when Intl's `display` has none ("RUB"). */
const signOf = (currency: string, locale: string, display: 'symbol' | 'narrowSymbol') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display })
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value ?? currency

/** Whether a language writes a currency by its own sign (`ownSign`), per "locale currency": found once each. */
const ownSigns = new Map<string, boolean>()

/**
 * Whether a language writes a currency with its sign where Intl's own is the bare code ("RUB
 * 45,000" in English, «45 000 KZT» in Russian): when the sign is that currency's alone — "₽", "₴",
 * "₸", not "$" or "£", which name other currencies too. Owners read "₽" in the content's own words
 * ("up to 60k ₽") beside the bot's amounts, and read "RUB 120,000" as another way of writing money;
 * a client in Almaty reads «5 000 ₸» on every price tag, and «5 000 KZT» only in a bank's statement.
 */
function ownSign(currency: string, locale: string): boolean {
  const key = `${locale} ${currency}`
  const known = ownSigns.get(key)
  if (known !== undefined) return known
  const sign = signOf(currency, locale, 'narrowSymbol')
  const own =
    signOf(currency, locale, 'symbol') === currency &&
    sign !== currency &&
    !/\p{L}/u.test(sign) &&
    Intl.supportedValuesOf('currency').every(
      (other) =>
        other === currency ||
        (signOf(other, locale, 'symbol') !== sign && signOf(other, locale, 'narrowSymbol') !== sign),
    )
  ownSigns.set(key, own)
  return own
}

/**
 * Minor units for people, in `locale`: "45 000 ₽", "$1,250.50", "￥1,000", "KWD 1.250", "250 ⭐".
 * A whole amount is shown without decimals; otherwise every digit the currency has.
 * A code that is not in ISO 4217 (typed before codes were checked) is shown as stored.
 *
 * English ("en") reads as the business's country writes money (`english`), with Intl's own sign
 * for each currency there ('symbol'): a region's own currency gets its bare sign and another
 * that shares it is told apart ("$1,250" and "US$900" in Canada, "$" and "CA$" in the United
 * States). Not 'narrowSymbol': it makes every dollar (US, Canadian, Australian, Hong Kong…) a
 * bare "$", and a Canadian business billing in US dollars would show two currencies alike. Russian
 * likewise as the business's country writes it (`russian`): only Belarus's differs, in its rouble,
 * "Br"; Russian has no Canadian variant to take, and writes "CA$" to say which dollar.
 * In every language a currency Intl knows there only by its code is written with its own sign
 * where it has one (`ownSign`): "₽45,000" in English, «45 000 ₸» in Russian, not «45 000 KZT»;
 * or as its readers write it (`WRITTEN_SIGNS`): «45 000 бел. руб.», not «45 000 BYN».
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  if (!isCurrency(currency)) return `${decimalAmount(minor, currency)} ${currency}`
  const written = moneyLocale(locale)
  // Intl knows no symbol for Stars
  if (currency === STARS) return `${new Intl.NumberFormat(written).format(minor)} ⭐`
  const digits = minorDigits(currency)
  const whole = minor % 10 ** digits === 0
  const format = new Intl.NumberFormat(written, {
    style: 'currency',
    currency,
    currencyDisplay: display(currency, written),
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: whole ? 0 : digits,
  })
  const amount = minor / 10 ** digits
  // The sign or word its readers write in place of Intl's bare code («5 000 бел. руб.»), where it stood
  const sign = writtenSign(currency, written)
  if (sign === undefined) return format.format(amount)
  return format
    .formatToParts(amount)
    .map((part) => (part.type === 'currency' ? sign : part.value))
    .join('')
}

/** How `formatMoney` writes a currency's sign in `written` (a locale as Intl takes it). */
const display = (currency: string, written: string) => (ownSign(currency, written) ? 'narrowSymbol' : 'symbol')

/**
 * A currency's sign as `formatMoney` writes it in `locale` ("₽", "$", "₸", «бел. руб.» in Russian;
 * "CA$"), or its code where it has none there ("KWD"); "⭐" for Stars.
 */
export function currencySign(currency: string, locale: string): string {
  if (currency === STARS) return '⭐'
  if (!isCurrency(currency)) return currency
  const written = moneyLocale(locale)
  return writtenSign(currency, written) ?? signOf(currency, written, display(currency, written))
}

/**
 * A currency as a manager types it apart after an amount (`readCurrency` reads it back): its sign
 * as `formatMoney` writes it where that names it ("₽", "$", "₸"), else its code ("CAD" for "CA$", "XTR").
 */
export function currencyTyped(currency: string, locale: string): string {
  const sign = currencySign(currency, locale)
  return readCurrency(sign) === currency ? sign : currency
}

/**
 * A currency by its name and sign, for a sentence that names it: "российский рубль (₽)",
 * "Russian Ruble (₽)", "Telegram Stars (⭐)"; a code Intl has no name for, as its code.
 */
export function currencyName(currency: string, locale: string): string {
  const sign = currencySign(currency, locale)
  const name =
    currency === STARS
      ? 'Telegram Stars'
      : isCurrency(currency)
        ? new Intl.DisplayNames([locale], { type: 'currency' }).of(currency)
        : undefined
  return name === undefined || name === currency ? sign : `${name} (${sign})`
}
