/**
 * Numbers said in words, as clients type them where the bot asks for one: an amount («сто двадцать
 * тысяч», «тысяч сто двадцать», «полтора миллиона», "a hundred and twenty thousand") or a span of
 * time («на полтора часа», «сорок пять минут», "two hours"); and as a manager bills one ("/invoice
 * пять тысяч Лендинг"). They are read into the digits the
 * client could have typed instead, and those are read as digits are: one way for both.
 */

/** Russian numbers under a thousand by their words, in the cases an amount is said in («до двухсот», «около ста»). */
const RUSSIAN: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['один', 'одна', 'одно', 'одну', 'одного', 'одной']],
  [2, ['два', 'две', 'двух']],
  [3, ['три', 'трех']],
  [4, ['четыре', 'четырех']],
  [5, ['пять', 'пяти']],
  [6, ['шесть', 'шести']],
  [7, ['семь', 'семи']],
  [8, ['восемь', 'восьми']],
  [9, ['девять', 'девяти']],
  [10, ['десять', 'десяти']],
  [11, ['одиннадцать', 'одиннадцати']],
  [12, ['двенадцать', 'двенадцати']],
  [13, ['тринадцать', 'тринадцати']],
  [14, ['четырнадцать', 'четырнадцати']],
  [15, ['пятнадцать', 'пятнадцати']],
  [16, ['шестнадцать', 'шестнадцати']],
  [17, ['семнадцать', 'семнадцати']],
  [18, ['восемнадцать', 'восемнадцати']],
  [19, ['девятнадцать', 'девятнадцати']],
  [20, ['двадцать', 'двадцати']],
  [30, ['тридцать', 'тридцати']],
  [40, ['сорок', 'сорока']],
  [50, ['пятьдесят', 'пятидесяти']],
  [60, ['шестьдесят', 'шестидесяти']],
  [70, ['семьдесят', 'семидесяти']],
  [80, ['восемьдесят', 'восьмидесяти']],
  [90, ['девяносто', 'девяноста']],
  [100, ['сто', 'ста']],
  [200, ['двести', 'двухсот']],
  [300, ['триста', 'трехсот']],
  [400, ['четыреста', 'четырехсот']],
  [500, ['пятьсот', 'пятисот']],
  [600, ['шестьсот', 'шестисот']],
  [700, ['семьсот', 'семисот']],
  [800, ['восемьсот', 'восьмисот']],
  [900, ['девятьсот', 'девятисот']],
]
const ENGLISH = [
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  ...['eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'],
]
const ENGLISH_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
/** A word of a number under a thousand, and its value. */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...RUSSIAN.flatMap(([value, forms]) => forms.map((form) => [form, value] as const)),
  ...ENGLISH.map((word, i) => [word, i + 1] as const),
  ...ENGLISH_TENS.map((word, i) => [word, (i + 2) * 10] as const),
  // "Пару тысяч", "пара часов": two, as people count them
  ...['пара', 'пару', 'пары'].map((word) => [word, 2] as const),
])
/** The words an amount is said roughly with («около 100 тысяч», "about 50k"), wherever one is read. */
export const ROUGHLY = [
  'около',
  'примерно',
  'приблизительно',
  'порядка',
  'ну',
  'about',
  'around',
  'roughly',
  'approximately',
]
/** One and a half, a number of its own: «полтора миллиона», «полторы тысячи», «на полтора часа». */
const ONE_AND_A_HALF = new Set(['полтора', 'полторы', 'полутора'])

/** The place a word holds in a number under a thousand: its hundreds, its tens, or its last digit (a teen's too). */
function placeOf(value: number): 0 | 1 | 2 {
  return value >= 100 ? 0 : value >= 20 ? 1 : 2
}

/**
 * The number under a thousand said by the words from `at` on («сто двадцать», «две», «полтора»,
 * "one hundred and twenty", "a hundred"), with how many words it took: each place said once,
 * largest first («сто двести» is two numbers, as in «сто-двести тысяч»). Undefined when none begins there.
 */
export function numberAt(said: readonly string[], at: number): { value: number; length: number } | undefined {
  const first = said[at]
  if (first === undefined) return undefined
  if (ONE_AND_A_HALF.has(first)) return { value: 1.5, length: 1 }
  let value = 0
  let i = at
  let place = -1
  // "A hundred": English says its hundreds with a word of its own
  if (first === 'a' && said[at + 1] === 'hundred') {
    value = 100
    i = at + 2
    place = 0
  }
  while (i < said.length) {
    const word = said[i] as string
    // "One hundred and twenty"
    if (word === 'and' && place === 0 && NUMBER_WORDS.has(said[i + 1] ?? '')) {
      i++
      continue
    }
    const worth = NUMBER_WORDS.get(word)
    if (worth === undefined || placeOf(worth) <= place) break
    // «Пару» counts alone ("пару тысяч"): no digit of a larger number
    const couple = /^пар/.test(word)
    if (couple && i !== at) break
    value += worth
    place = placeOf(worth)
    i++
    if (couple) break
    // "Two hundred": the digit said times a hundred
    if (said[i] === 'hundred' && value === worth && worth < 10) {
      value *= 100
      place = 0
      i++
    }
  }
  return i > at ? { value, length: i - at } : undefined
}

/** A word for thousands or millions after a number, as people write it («тыс», «тыщ», «т.р.» typed "тр", «лям»), and its scale. */
export function scaleOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined
  if (/^(?:к|k|тыс\p{L}*|тыщ\p{L}*|тыр|тр|thousands?)$/iu.test(word)) return 1000
  if (/^(?:млн|миллион\p{L}*|лям\p{L}*|m|mln|millions?)$/iu.test(word)) return 1_000_000
  return undefined
}
/** A scale said alone for one of it («тысяча», «миллион»; "thousand" after "a"): one thousand, one million. */
const ONE_OF_A_SCALE = /^(?:тысяча|тысячу|тыща|тыщу|миллион|лям|thousand|million)$/u
/**
 * A scale said before its number, in the case that says "about" («тысяч сто», «тыщ пятьдесят»,
 * «миллиона два»): the number times it. «Миллион двести» is another thing (1 200 000, said short),
 * and not read.
 */
const SCALE_FIRST = /^(?:тысяч|тысячи|тыщ|тыщи|миллиона|миллионов|ляма|лямов)$/u

/**
 * The text with each number said in words written in digits, the words of its scale kept
 * («сто двадцать тысяч» "120 тысяч", «тысяч сто двадцать» "120 тысяч", «полтора миллиона» "1.5
 * миллиона", «полмиллиона» "0.5 миллиона", «тысяча двести» "1200", "a hundred and twenty thousand"
 * "120 thousand"), the rest as it was. Small letters, «ё» as «е»; a number's words standing apart
 * («сто-двести тысяч») stay two numbers ("100-200 тысяч"), as digits typed so would be.
 */
export function numbersInDigits(text: string): string {
  const lower = text
    .toLowerCase()
    .replaceAll('ё', 'е')
    // «Полмиллиона», «пол-ляма», «полтысячи»: half of the scale
    .replace(/(?<!\p{L})пол-?(?=(?:миллион|лям|тысяч|тыщ)\p{L}*)/gu, 'пол ')
    // Thousands of rubles written short, «120 т.р.», «120 т. р.»: "120 тр", as it is typed too
    .replace(/(?<=\d\s?)т\.?\s?р\.?(?!\p{L})/gu, 'тр')
  const tokens = [...lower.matchAll(/\p{L}+|\d+(?:[.,]\d+)?/gu)]
  const said = tokens.map((t) => t[0])
  let out = ''
  let from = 0
  for (let i = 0; i < said.length; ) {
    const read = spokenAt(said, i)
    // A scale after digits is theirs ("120 тысяч"): read as typed
    if (read === undefined || /^\d/.test(said[i - 1] ?? '')) {
      i++
      continue
    }
    // Only spaces or a hyphen between its words, no stop: «сто, двадцать» is no number
    const parts = tokens.slice(i, i + read.length)
    const gaps = parts.slice(1).map((part, k) => {
      const before = parts[k] as RegExpExecArray
      return lower.slice(before.index + before[0].length, part.index)
    })
    if (gaps.some((gap) => !/^[\s-]*$/u.test(gap))) {
      i++
      continue
    }
    const start = parts[0] as RegExpExecArray
    const end = parts.at(-1) as RegExpExecArray
    out += lower.slice(from, start.index) + read.digits
    from = end.index + end[0].length
    i += read.length
  }
  return out + lower.slice(from)
}

/**
 * The number said in words that `words` (a text split at its spaces, as a command's arguments
 * are) begin with — "пять тысяч лендинг", "сто двадцать тысяч рублей", "five hundred dollars",
 * "полторы тысячи" — in digits as `numbersInDigits` writes it ("5 тысяч", "120 тысяч", "500", "1.5
 * тысячи"), and how many of the words it took. Undefined when they begin with no number in words.
 */
export function numberSaidFirst(words: readonly string[]): { digits: string; length: number } | undefined {
  if (!/^\p{L}/u.test(words[0] ?? '')) return undefined
  // The longest run of words that is one number and its scale, nothing more
  for (let length = Math.min(words.length, LONGEST_NUMBER); length > 0; length--) {
    const digits = numbersInDigits(words.slice(0, length).join(' '))
    const said = /^\d+(?:\.\d+)?(?: (\p{L}+))?$/u.exec(digits)
    if (said && (said[1] === undefined || scaleOf(said[1]) !== undefined)) return { digits, length }
  }
  return undefined
}
/** The most words a number is said in here ("a hundred and twenty five thousand …"). */
const LONGEST_NUMBER = 10

/** The number said in words from `at` on, written in digits with its scale's word after, and how many words it took. */
function spokenAt(said: readonly string[], at: number): { digits: string; length: number } | undefined {
  const word = said[at] as string
  // «Тысяч сто двадцать», «тыщ 120»: the scale first, "about"
  if (SCALE_FIRST.test(word)) {
    const typed = said[at + 1] ?? ''
    const number = /^\d/.test(typed) ? { digits: typed, length: 1 } : spokenGroup(said, at + 1)
    const after = said[at + 1 + (number?.length ?? 0)]
    if (number === undefined || NUMBER_WORDS.has(after ?? '') || scaleOf(after) !== undefined) return undefined
    return { digits: `${number.digits} ${word}`, length: number.length + 1 }
  }
  let total = 0
  let group: number | undefined
  let scale: { value: number; word: string } | undefined
  let i = at
  while (i < said.length) {
    const here = said[i] as string
    // «Пол миллиона», "half a million": half of the scale after it
    const half = here === 'пол' || here === 'half' ? (said[i + 1] === 'a' ? 2 : 1) : 0
    if (half > 0 && group === undefined && scale === undefined && scaleOf(said[i + half]) !== undefined) {
      group = 0.5
      i += half
      continue
    }
    // "A thousand", "a million": one of it
    if (here === 'a' && group === undefined && ONE_OF_A_SCALE.test(said[i + 1] ?? '')) {
      i++
      continue
    }
    const size = scaleOf(here)
    if (size !== undefined) {
      // With its number before it, or alone as one of it («миллион», «тысяча»)
      if (group === undefined && !ONE_OF_A_SCALE.test(here)) break
      if (scale !== undefined && size >= scale.value) break
      total += (group ?? 1) * size
      scale = { value: size, word: here }
      group = undefined
      i++
      continue
    }
    if (group !== undefined) break
    const number = numberAt(said, i)
    // «Полтора» is a number alone, before its scale; hundreds after millions with no thousands'
    // word after them («миллион двести») may be the thousands said short (1 200 000): not read
    if (number === undefined || (number.value === 1.5 && scale !== undefined)) break
    const thousandsAfter = (scaleOf(said[i + number.length]) ?? 0) === 1000
    if (scale !== undefined && scale.value > 1000 && !thousandsAfter) break
    group = number.value
    i += number.length
  }
  // A lone "a" or «пол» says no number
  if (i === at || (group === undefined && scale === undefined)) return undefined
  const value = total + (group ?? 0)
  // Ending on its scale, the scale's word is kept after the number, as digits are typed ("120 тысяч")
  const digits =
    group === undefined && scale !== undefined ? `${written(value / scale.value)} ${scale.word}` : written(value)
  return { digits, length: i - at }
}

/** A number under a thousand said in words (`numberAt`), in digits. */
function spokenGroup(said: readonly string[], at: number): { digits: string; length: number } | undefined {
  const number = numberAt(said, at)
  return number === undefined ? undefined : { digits: written(number.value), length: number.length }
}

/** A number as digits, a decimal point where it has a fraction ("1.5"). */
function written(value: number): string {
  return String(Math.round(value * 1000) / 1000)
}
