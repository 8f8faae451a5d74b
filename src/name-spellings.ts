/**
 * A name in the other alphabet: "Иван" as Ivan, "Maria" as Мария. Clients' Telegram names are
 * often in Latin letters while a manager types what they heard on the phone in Cyrillic, and
 * the other way round. There is no one romanization (Юлия is Yulia, Yuliya, Iuliia, Julia in
 * passports, cards and profiles alike), so a name has several spellings: the usual ones first,
 * at most `SPELLINGS_MAX` in all. Only Russian's Cyrillic and plain Latin letters are read; a text
 * with anything else (a digit, another alphabet, both alphabets) has none.
 */

/** Most spellings of one text: each one is another phrase for the search index to look up. */
const SPELLINGS_MAX = 16

/**
 * Cyrillic to Latin, as names are written in Latin letters: the most common way first (the
 * passport's and the everyday one), then others met in profiles. Longer pieces are read first
 * ("ия" of Мария is "ia" or "iya", "кс" of Алексей may be "x").
 */
const TO_LATIN: readonly (readonly [string, readonly string[]])[] = [
  // Дж is how Russian writes an English "j" (Джессика, Джейн) and Джон is John, Джонс Jones
  ['джон', ['dzhon', 'john', 'jon']],
  ['дж', ['dzh', 'j']],
  ['ия', ['ia', 'iya', 'iia']],
  ['ий', ['iy', 'y', 'ii', 'ij', 'i']],
  ['ый', ['y', 'iy']],
  ['кс', ['ks', 'x']],
  ['а', ['a']],
  ['б', ['b']],
  ['в', ['v']],
  ['г', ['g']],
  ['д', ['d']],
  ['е', ['e']],
  ['ё', ['e', 'yo']],
  ['ж', ['zh']],
  ['з', ['z']],
  ['и', ['i']],
  ['й', ['y', 'i', 'j']],
  // English names as Russians write them: Джессика is Jessica, Смит Smith
  ['к', ['k', 'c']],
  ['л', ['l']],
  ['м', ['m']],
  ['н', ['n']],
  ['о', ['o']],
  ['п', ['p']],
  ['р', ['r']],
  ['с', ['s']],
  ['т', ['t', 'th']],
  ['у', ['u']],
  ['ф', ['f']],
  ['х', ['kh', 'h']],
  ['ц', ['ts', 'c']],
  ['ч', ['ch']],
  ['ш', ['sh']],
  ['щ', ['shch', 'sch']],
  ['ъ', ['']],
  ['ы', ['y']],
  ['ь', ['']],
  // Э is how Russian writes an English "a" heard in a name too: Фрэнк is Frank, Дэниел Daniel
  ['э', ['e', 'a']],
  ['ю', ['yu', 'iu', 'ju']],
  ['я', ['ya', 'ia', 'ja']],
]
/** At a word's start е is often "ye" (Елена: Elena, Yelena), and э is "e". */
const WORD_START_TO_LATIN: readonly (readonly [string, readonly string[]])[] = [
  ['е', ['e', 'ye']],
  // Э that begins a name is E (Элла, Эмма): the English "a" is heard after a consonant
  ['э', ['e']],
]

/**
 * Latin to Cyrillic, as a Russian name written in Latin letters reads: longer pieces first
 * ("shch", "zh", "ia" of Maria, which is Мария, or Наталья for Natalia).
 */
const TO_CYRILLIC: readonly (readonly [string, readonly string[]])[] = [
  ['shch', ['щ']],
  ['sch', ['щ', 'ш']],
  ['zh', ['ж']],
  ['kh', ['х']],
  ['ts', ['ц']],
  ['ch', ['ч']],
  ['sh', ['ш']],
  ['yu', ['ю']],
  ['iu', ['ю']],
  ['ju', ['ю']],
  ['ya', ['я', 'ья']],
  ['ia', ['ия', 'ья', 'я']],
  ['ja', ['я']],
  ['yo', ['е']],
  ['ye', ['е']],
  // Mariya, Iuliia: "ия" read whole, before "iy" and "ii" take its first letters
  ['iya', ['ия', 'ья']],
  ['iia', ['ия']],
  ['iy', ['ий']],
  ['ij', ['ий']],
  ['ii', ['ий', 'ии']],
  ['ey', ['ей', 'эй']],
  ['ck', ['к']],
  ['ph', ['ф']],
  ['a', ['а']],
  ['b', ['б']],
  ['c', ['к', 'ц']],
  ['d', ['д']],
  ['e', ['е', 'э']],
  ['f', ['ф']],
  ['g', ['г']],
  ['h', ['х']],
  ['i', ['и', 'й']],
  ['j', ['й', 'дж']],
  ['k', ['к']],
  ['l', ['л', 'ль']],
  ['m', ['м']],
  ['n', ['н']],
  ['o', ['о']],
  ['p', ['п']],
  ['q', ['к']],
  ['r', ['р']],
  ['s', ['с']],
  ['t', ['т']],
  ['u', ['у']],
  ['v', ['в']],
  ['w', ['в']],
  ['x', ['кс']],
  ['y', ['ы', 'й', 'и']],
  ['z', ['з']],
]

const CYRILLIC_NAME = /^[а-яё]+(?:[ '’-][а-яё]+)*$/u
const LATIN_NAME = /^[a-z]+(?:[ '’-][a-z]+)*$/u

/**
 * The other alphabet's spellings of a name (lower case; ё is е in Cyrillic ones, as the
 * search index keeps it), the most usual first; none for a text that is no plain name.
 */
export function otherSpellings(name: string): string[] {
  const text = name.trim().toLowerCase().replace(/\s+/g, ' ')
  const table = CYRILLIC_NAME.test(text) ? TO_LATIN : LATIN_NAME.test(text) ? TO_CYRILLIC : undefined
  if (table === undefined) return []
  // Each spelling with how far it is from the usual one (the sum of its pieces' places in
  // their lists of ways): the nearest are kept when there are too many
  let spellings = [{ text: '', unusual: 0 }]
  for (let i = 0; i < text.length; ) {
    const atWordStart = i === 0 || text[i - 1] === ' ' || text[i - 1] === '-'
    const rule =
      (table === TO_LATIN && atWordStart
        ? WORD_START_TO_LATIN.find(([piece]) => text.startsWith(piece, i))
        : undefined) ?? table.find(([piece]) => text.startsWith(piece, i))
    const [piece, ways] = rule ?? [text[i] as string, [text[i] as string]]
    spellings = spellings
      .flatMap((start) => ways.map((way, n) => ({ text: start.text + way, unusual: start.unusual + n })))
      .sort((a, b) => a.unusual - b.unusual)
      .slice(0, SPELLINGS_MAX)
    i += piece.length
  }
  return [...new Set(spellings.map((s) => s.text))].filter((s) => s !== text)
}

/** The locales whose readers read Cyrillic: a Cyrillic name stays as it is for them. */
const READ_CYRILLIC = new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'tg', 'mn'])

/**
 * A name as a reader of `locale` can read it: "Мария" is Maria to a client who talks to the bot
 * in English (each Cyrillic word in its usual romanization, its capitals kept), and stays Мария
 * in Russian. Latin letters are read everywhere, and stay.
 */
export function nameForReader(name: string, locale: string): string {
  if (READ_CYRILLIC.has(locale.split('-')[0] ?? locale)) return name
  return name.replace(/[а-яё]+/giu, (word) => {
    const latin = otherSpellings(word)[0]
    if (latin === undefined) return word
    if (word.length > 1 && word === word.toUpperCase()) return latin.toUpperCase()
    return word[0] === word[0]?.toLowerCase() ? latin : latin.charAt(0).toUpperCase() + latin.slice(1)
  })
}

/**
 * Russian first names as people call each other every day, and the full names they stand for:
 * a colleague is "Маша" in the office and "Мария" on the card (`sameFirstName`). Folded: lower
 * case, "ё" as "е" (Серёжа is "сережа", Пётр "петр").
 */
const SHORT_FORMS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    маша: ['мария'],
    оля: ['ольга'],
    саша: ['александр', 'александра'],
    шура: ['александр', 'александра'],
    женя: ['евгений', 'евгения'],
    дима: ['дмитрий'],
    лена: ['елена'],
    катя: ['екатерина'],
    настя: ['анастасия'],
    таня: ['татьяна'],
    юля: ['юлия'],
    аня: ['анна'],
    наташа: ['наталья', 'наталия'],
    сережа: ['сергей'],
    миша: ['михаил'],
    коля: ['николай'],
    вова: ['владимир'],
    володя: ['владимир'],
    паша: ['павел'],
    света: ['светлана'],
    ира: ['ирина'],
    лида: ['лидия'],
    люда: ['людмила'],
    надя: ['надежда'],
    галя: ['галина'],
    вика: ['виктория'],
    витя: ['виктор'],
    валя: ['валентина', 'валентин'],
    даша: ['дарья'],
    ксюша: ['ксения'],
    лиза: ['елизавета'],
    соня: ['софья', 'софия'],
    поля: ['полина'],
    тоня: ['антонина'],
    люба: ['любовь'],
    леша: ['алексей'],
    ваня: ['иван'],
    петя: ['петр'],
    гриша: ['григорий'],
    костя: ['константин'],
    слава: ['вячеслав', 'владислав', 'ярослав', 'станислав'],
    стас: ['станислав'],
    влад: ['владислав'],
    рома: ['роман'],
    тема: ['артем'],
    макс: ['максим'],
    гена: ['геннадий'],
    толя: ['анатолий'],
    федя: ['федор'],
    боря: ['борис'],
    леня: ['леонид'],
    андрюша: ['андрей'],
    жора: ['георгий'],
  }),
)

/**
 * Whether two words (folded, see SHORT_FORMS) name the same person's first name: the same word,
 * or one the everyday form of the other ("маша" and "мария", either way round — a colleague may
 * go by "Маша" in Telegram too).
 */
export function sameFirstName(a: string, b: string): boolean {
  return a === b || (SHORT_FORMS.get(a)?.includes(b) ?? false) || (SHORT_FORMS.get(b)?.includes(a) ?? false)
}
