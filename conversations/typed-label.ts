import { DateTime } from 'luxon'
import { asksAboutPrice, ordinalChoice, spanAt } from '../src/bot/typed-answers.ts'
import { offeredZones, zoneForTypedTime, zoneNamedIn } from '../src/services/client-zones.ts'
import { plusDays } from '../src/services/followups/kinds.ts'
import { DAY_MS, daysAheadIn, monthIn, upcomingDate, weekdayWord } from '../src/services/time.ts'
import { numberAt, numbersInDigits, ROUGHLY, scaleOf } from '../src/spoken-numbers.ts'
import { keepLast } from '../src/text.ts'

/**
 * A button's words typed instead of a tap: "готово" for «Готово ✔️», "15.00" for «15:00». People
 * type without the button's emoji, arrows or capitals, and often with «е» for «ё».
 */
export function plainLabel(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * A label's head: its words before the first comma or dash that sets off the rest ("нет" of
 * «Нет, нужно сделать» and «Нет — поможете составить?», "завтра" of «Завтра, 24 нояб.»); the
 * whole label's words when it has no such part.
 */
function labelHead(label: string): string {
  // A comma followed by a space: "1,5–3 млн ₽" has a decimal comma, not a head
  return plainLabel(label.split(/,\s|\s[—–-]\s/u)[0] ?? '')
}

/**
 * A label's words and head, read once: the matchers compare every label several times on every
 * message a client types (a relayed one too), and labels are few — the content's and the
 * locales' buttons. Typed texts are never kept. Emptied when full, in case a content file
 * with ever new labels is edited for months without a restart.
 */
const labelForms = new Map<string, { words: string; head: string }>()
const LABEL_FORMS_MAX = 2_000
function formsOf(label: string): { words: string; head: string } {
  let forms = labelForms.get(label)
  if (forms === undefined) {
    if (labelForms.size >= LABEL_FORMS_MAX) labelForms.clear()
    forms = { words: plainLabel(label), head: labelHead(label) }
    labelForms.set(label, forms)
  }
  return forms
}

/**
 * The one item whose label `typed` is: the very label (case aside) first, then its words
 * (`plainLabel`), then its head (`labelHead`: people answer «Нет, нужно сделать» with "нет").
 * Undefined when none is, or when several are (a guess would pick for the client).
 */
export function matchLabel<T>(typed: string, items: readonly T[], labelOf: (item: T) => string): T | undefined {
  const exact = typed.trim().toLowerCase()
  const same = items.filter((item) => labelOf(item).trim().toLowerCase() === exact)
  if (same.length > 0) return same.length === 1 ? same[0] : undefined
  const words = plainLabel(typed)
  // A label of emoji alone has no words: only the very label names it
  if (words === '') return undefined
  // (Its words run together too: "ebike" is «E-bike», "checkin" «Check-in»)
  const joined = words.replaceAll(' ', '')
  const alike = items.filter((item) => {
    const label = formsOf(labelOf(item)).words
    return label === words || label.replaceAll(' ', '') === joined
  })
  if (alike.length > 0) return alike.length === 1 ? alike[0] : undefined
  const headed = items.filter((item) => formsOf(labelOf(item)).head === words)
  // Only when no other label starts with those words: "нет" beside «Нет, нужно сделать» and
  // «Нет логотипа» could be either
  const startsSo = items.filter((item) => `${formsOf(labelOf(item)).words} `.startsWith(`${words} `))
  return headed.length === 1 && startsSo.length === 1 ? headed[0] : undefined
}

/**
 * The one item whose label's head (`labelHead`: "no" of "No — can you help write one?") the typed
 * text begins with, and whose rest it says again in words of its own, asked as the label asks it:
 * "no could you help with that?", "No, can you help?", «нет, поможете с этим?». A "no" is any of
 * its forms ("nope", «неа»). After the head every word must be one of the label's rest (in any
 * form, `sameWord`; one at least) or of asking (`ASKING`: "could you", "with that", «а вы
 * можете»). A question of its own is no answer: a price asked ("no, how much would it cost?") or
 * anything the label does not say ("no, could you help with the hosting too?"); those are for a
 * person. Undefined when no label, or more than one, begins so.
 */
export function labelByHead<T>(typed: string, items: readonly T[], labelOf: (item: T) => string): T | undefined {
  if (asksAboutPrice(typed)) return undefined
  const said = plainLabel(typed).split(' ')
  const first = said[0] ?? ''
  const heads = items.flatMap((item) => {
    const { words, head } = formsOf(labelOf(item))
    if (head === words || head === '') return []
    const headWords = head.split(' ')
    const begins =
      headWords.length === 1 && SAID_NO.test(head)
        ? SAID_NO.test(first)
        : said.slice(0, headWords.length).join(' ') === head
    return begins ? [{ item, rest: stemsOf(words).slice(headWords.length), at: headWords.length }] : []
  })
  const [only] = heads
  if (heads.length !== 1 || only === undefined) return undefined
  // Nor a no when another label begins with one too («Нет логотипа» beside «Нет — поможете?»)
  const beginsWithNo = (item: T) => SAID_NO.test(formsOf(labelOf(item)).words.split(' ')[0] ?? '')
  if (SAID_NO.test(first) && items.some((item) => item !== only.item && beginsWithNo(item))) return undefined
  const rest = stemsOf(said.slice(only.at).join(' '))
  const echoes = rest.filter((w) => !ASKING.has(w) && only.rest.some((l) => sameWord(w, l)))
  const asking = (w: string) => ASKING.has(w) || LITTLE_OR_FILLER.has(w) || POLITE.has(w) || POINTING.has(w)
  return echoes.length > 0 && rest.every((w) => asking(w) || echoes.includes(w)) ? only.item : undefined
}
/** A "no" said: "no", "nope", "nah", «нет», «неа», «не». */
const SAID_NO = /^(?:no|nope|nah|нет|неа|не)$/u
/** Words a request is asked with, by their stems (`stemsOf`): "could you", "with that", «а вы можете», «с этим». */
const ASKING = new Set([
  ...['could', 'can', 'would', 'will', 'you', 'u', 'me', 'us', 'with', 'that', 'it', 'this', 'then', 'maybe'],
  ...['а', 'вы', 'може', 'могли', 'бы', 'с', 'этим', 'это', 'мне', 'нам', 'тогда', 'то'],
])

/**
 * The one item whose label's words the typed text says among a few words of its own ("I want to
 * find the right service" for «🎯 Find the right service», "хочу заказать звонок"): at most
 * `extra` more words than the label. Undefined when none is, or when several are.
 */
export function labelWithin<T>(
  typed: string,
  items: readonly T[],
  labelOf: (item: T) => string,
  extra = 3,
): T | undefined {
  const words = plainLabel(typed)
  if (words === '') return undefined
  const count = words.split(' ').length
  const found = items.filter((item) => {
    const label = formsOf(labelOf(item)).words
    return label !== '' && count <= label.split(' ').length + extra && ` ${words} `.includes(` ${label} `)
  })
  return found.length === 1 ? found[0] : undefined
}

/**
 * The one item whose label the typed words say as people type it: in another order ("заявки
 * собирать"), with another ending or a slip in one ("в течении месяца", "одна страничка": words
 * compared by their first five letters), or with one word of the label left out, never a "не"
 * ("не знаю" for «Пока не знаю», "60-150" for «60–150 тыс. ₽»; but "нужен сайт" is not «Не нужен
 * сайт») — two words at least, or one of five letters or more for a label of two ("продавать" for
 * «Продавать онлайн»). Undefined when none is, or several are.
 */
export function labelAlike<T>(typed: string, items: readonly T[], labelOf: (item: T) => string): T | undefined {
  // A "please" or a "thanks" around the answer ("colour please", "ногти, пожалуйста") is no word of it
  const without = (stems: string[], words: ReadonlySet<string>) =>
    stems.some((w) => !words.has(w)) ? stems.filter((w) => !words.has(w)) : stems
  const said = without(stemsOf(plainLabel(typed)), POLITE)
  // …nor, when the words alone name none, a "the … one" around it ("the catalogue one"); then the
  // little words of English left out of both ("tune up" for «A general tune-up», "talk to a
  // mechanic" for «I'd like to talk to a mechanic»)
  const little = without(said, LITTLE)
  // Last, the way people chat: filler dropped ("sell stuff online", "asap lol", "ну типа продавать
  // онлайн") and a word said for a label's (`SAID_FOR`: "asap" for "urgently", "idk" for "not sure",
  // "just" for "only"); then, when that names none, the filler "just" too ("just sell online")
  const chatty = (stems: string[]) => without(stems, FILLER)
  return (
    alikeTo(said, items, labelOf) ??
    alikeTo(without(said, POINTING), items, labelOf) ??
    alikeTo(little, items, labelOf, LITTLE) ??
    alikeTo(chatty(little.flatMap((w) => SAID_FOR.get(w) ?? [w])), items, labelOf, LITTLE_OR_FILLER) ??
    alikeTo(chatty(little), items, labelOf, LITTLE_OR_FILLER) ??
    // Last, a word of the label's own that no other label has, in any form of it and hedged
    // ("одну страничку наверное" for «Одна страница», "I think rent" for «Rent a bike»)
    namedByOwnWords(
      said.filter((w) => !POLITE.has(w) && !POINTING.has(w) && !LITTLE_OR_FILLER.has(w) && !HEDGE.has(w)),
      items,
      labelOf,
    ) ??
    dictated(said, items, labelOf)
  )
}
/**
 * The one item an answer said aloud (dictated) names amid the filler of speech: «ну значит так мне
 * нужно чтоб заявки собирал» for «Собирать заявки», «ой нет подождите я передумала мне наверно
 * магазин нужен чтоб продавать» for «Продавать онлайн». A change of mind said first («ой нет
 * подождите я передумала», "oh wait, actually") is no part of the answer; the filler (`SPOKEN`:
 * «ну», «значит», «так», «мне нужно», «хотелось бы», «наверно») is left out of both sides. What is
 * left must name one label as `labelAlike` reads it (its words in any order, one long word of its
 * own) — after a «чтоб» («магазин нужен чтоб продавать»), what it is for, a word before it aside
 * when no label has it («магазин»). Never with a «не» (no label is named by what is refused: «ну
 * мне не нужно продавать»), with words of two labels, or a word no label has elsewhere ("rent a
 * scooter" is no «Rent a bike»); nor a label with a number, which `labelInRange` and `labelForSpan`
 * read (the «через» and «месяц» of «через месяц» are «Через 2–3 месяца»'s too).
 */
function dictated<T>(said: readonly string[], items: readonly T[], labelOf: (item: T) => string): T | undefined {
  const changed = said.findLastIndex((w) => CHANGE_OF_MIND.has(w))
  const lead = changed >= 0 && said.slice(0, changed).every((w) => AROUND_A_CHANGE.has(w)) ? changed + 1 : 0
  const spoken = said.slice(lead)
  if (!spoken.some((w) => SPOKEN.has(w)) && lead === 0) return undefined
  const meant = (part: readonly string[]) =>
    part.filter((w) => !SPOKEN.has(w) && !LITTLE_OR_FILLER.has(w) && !HEDGE.has(w) && !PURPOSE.has(w))
  const labelWords = items.flatMap((item) => stemsOf(formsOf(labelOf(item)).words))
  const known = (w: string) => labelWords.some((l) => sameWord(w, l))
  const purpose = spoken.findIndex((w) => PURPOSE.has(w))
  const before = purpose < 0 ? [] : meant(spoken.slice(0, purpose))
  const words = meant(purpose < 0 ? spoken : spoken.slice(purpose + 1))
  if (spoken.some((w) => NEGATION.test(w)) || before.length > 1 || before.some(known)) return undefined
  if (words.length === 0 || !words.every(known)) return undefined
  const leftOut = new Set([...SPOKEN, ...LITTLE_OR_FILLER])
  const found = alikeTo(words, items, labelOf, leftOut) ?? namedByOwnWords(words, items, labelOf)
  return found === undefined || /\d/.test(labelOf(found)) ? undefined : found
}
/** What a purpose is said after: «чтоб», «чтобы» («магазин нужен чтоб продавать»). */
const PURPOSE = new Set(['чтоб', 'чтобы'])
/**
 * Words of speech around an answer said aloud, by their stems (`stemsOf`): «ну», «значит», «так»,
 * «вот», «мне нужно», «надо», «хочу», «хотелось бы», "well", "um", "we need".
 */
const SPOKEN = new Set([
  ...['ну', 'значи', 'так', 'вот', 'мне', 'нам', 'нужно', 'нужен', 'нужна', 'нужны', 'надо', 'хочу', 'хотим'],
  ...['хотел', 'бы', 'я', 'мы', 'у', 'нас', 'меня', 'это', 'как', 'ой', 'эээ', 'ммм'],
  ...['well', 'um', 'umm', 'uh', 'so', 'basic', 'we', 'need', 'want'],
])
/** A change of mind said before the answer, by its stems: «передумала», «подождите», «точнее», "wait", "actually". */
const CHANGE_OF_MIND = new Set(['перед', 'подож', 'погод', 'стоп', 'точне', 'верне', 'wait', 'actua'])
/** The words a change of mind is said with: «ой нет подождите я передумала», "oh no wait, actually". */
const AROUND_A_CHANGE = new Set([
  ...CHANGE_OF_MIND,
  ...['ой', 'ах', 'ай', 'нет', 'не', 'ну', 'я', 'а', 'хотя', 'извин', 'секун', 'все', 'таки'],
  ...['oh', 'no', 'sorry', 'hmm', 'i', 'changed', 'my', 'mind', 'hold', 'on'],
])
/**
 * Words that hedge an answer, by their stems: «наверное», «пожалуй», «думаю», «скорее всего»,
 * «может быть», «мне кажется», "I think", "probably", "maybe", "I guess", "perhaps".
 */
const HEDGE = new Set([
  ...['навер', 'пожал', 'думаю', 'скоре', 'всего', 'может', 'быть', 'мне', 'кажет', 'вроде'],
  ...['think', 'proba', 'maybe', 'guess', 'perha', 'suppo'],
])
/**
 * The one item every word typed (`said`: stems, the words around an answer left out) names, and
 * whose own words — those no other label has — are all among them: "rent" for «Rent a bike» beside
 * «Fix my bike» (its "bike" is the other's too), "одну страничку" for «Одна страница» beside «5–15
 * страниц», a word in another form or cut short (`sameWord`). Not "bike" (two labels), "sell" for
 * «Sell online and ship» (its "online" and "ship" are its own too: more than was said), a word no
 * label has beside it ("rent a scooter"), a number (`labelInRange`'s) or a "не", nor a label whose
 * "не" was left out ("знаю" is no «Пока не знаю»).
 */
function namedByOwnWords<T>(said: readonly string[], items: readonly T[], labelOf: (item: T) => string): T | undefined {
  if (said.length === 0 || said.some((w) => /\d/.test(w) || NEGATION.test(w))) return undefined
  const labels = items.map((item) => ({
    item,
    words: stemsOf(formsOf(labelOf(item)).words).filter((w) => !LITTLE_OR_FILLER.has(w)),
  }))
  const names = (word: string, words: readonly string[]) => words.some((w) => sameWord(word, w))
  const found = labels.filter(
    ({ words }) => !words.some((w) => NEGATION.test(w)) && said.every((word) => names(word, words)),
  )
  const [only] = found
  if (found.length !== 1 || only === undefined) return undefined
  const own = only.words.filter((w) => !labels.some((other) => other !== only && names(w, other.words)))
  return own.length > 0 && own.every((w) => names(w, said)) ? only.item : undefined
}
/**
 * Whether two stems (`stemsOf`) are one word's in any of its forms: the same; the same but for
 * their endings («одну», «одна», «одной»; "bikes", "bike"), three letters left at least; or one cut
 * short of the other, four letters at least ("rent" of "renting", "rental").
 */
function sameWord(a: string, b: string): boolean {
  const root = (w: string) => {
    const bare = /\p{Script=Cyrillic}/u.test(w) ? w.replace(/[аеиоуыэюяйь]{1,2}$/u, '') : w.replace(/s$/, '')
    return bare.length >= 3 ? bare : w
  }
  return root(a) === root(b) || (Math.min(a.length, b.length) >= 4 && sameStem(a, b))
}
/** English's little words, which a label says and a client typing it leaves out: "a", "the", "to", "I'd". */
const LITTLE = new Set(['a', 'an', 'the', 'to', 'of', 'i', 'd', 'm', 'll', 's', 'my'])
/**
 * Words of chat that say nothing of the answer, by their stems: "stuff", "lol", "just", "u" (the
 * client's "you": "a friend recommended u"), «ну», «типа», «просто». Dropped from both sides, as
 * `LITTLE` is. A label that says one still matches its other words.
 */
const FILLER = new Set([
  ...['stuff', 'thing', 'lol', 'lmao', 'haha', 'just', 'u', 'you', 'ya', 'us', 'like', 'kinda', 'really'],
  ...['ну', 'типа', 'прост', 'короч', 'чисто', 'лол', 'всяко', 'вам', 'вас'],
])
const LITTLE_OR_FILLER = new Set([...LITTLE, ...FILLER])
/**
 * Words people type for a label's words, by stems, each to the stems it means: "asap" for "urgent(ly)",
 * "idk" and "dunno" for "not sure", "just" for "only" ("just a logo" for «Only a logo»), a friend
 * for "someone" («Recommended by someone»); «хз» for «не знаю», «побыстрее» for «срочно», «просто»
 * for «только», «друг» for «знакомые». Read only when a label's own words name none, and still one
 * label or none: "a logo lol" beside «Only a logo» and «Both a brand style and a logo» is no guess.
 */
const SAID_FOR: ReadonlyMap<string, readonly string[]> = new Map([
  ['asap', ['urgen']],
  ['idk', ['not', 'sure']],
  ['dunno', ['not', 'sure']],
  ['just', ['only']],
  ['frien', ['someo']],
  ['mate', ['someo']],
  ['хз', ['не', 'знаю']],
  ['незна', ['не', 'знаю']],
  ['побыс', ['срочн']],
  ['поско', ['срочн']],
  ['прост', ['тольк']],
  ['друг', ['знако']],
  ['друзь', ['знако']],
  ['подру', ['знако']],
])

function alikeTo<T>(
  said: readonly string[],
  items: readonly T[],
  labelOf: (item: T) => string,
  leftOut: ReadonlySet<string> = new Set(),
): T | undefined {
  if (said.length === 0) return undefined
  const found = items.filter((item) => {
    const label = stemsOf(formsOf(labelOf(item)).words).filter((w) => !leftOut.has(w))
    if (said.some((w) => !label.includes(w))) return false
    const left = label.filter((w) => !said.includes(w))
    if (left.length === 0) return true
    if (left.some((w) => NEGATION.test(w))) return false
    // A word left out of a longer label, or more when the words said are words, not numbers
    // ("card payments" for «Card payments on the site»; "2 недели" is no «Срочно, за 2 недели»);
    // or one long word, of five letters or more, that only one label has ("продавать" for
    // «Продавать онлайн», "urgent" for «Urgently, within 2 weeks», "catalogue" for «A catalogue
    // of 50+ products»: a label that says "not" beside it is none)
    if (said.length >= 2) return left.length === 1 || said.every((w) => /^\p{L}{3}/u.test(w))
    return (said[0]?.length ?? 0) >= 5
  })
  return found.length === 1 ? found[0] : undefined
}
const NEGATION = /^(не|нет|без|ни|no|not|non|without)$/
/** Words of courtesy around an answer, by their stems (`stemsOf`): "пожалуйста", "please", "thanks". */
const POLITE = new Set(['пожал', 'плиз', 'спаси', 'pleas', 'pls', 'plz', 'thank', 'thx'])
/** Words that point at a button rather than say it ("the catalogue one", «вот этот вариант»), by their stems. */
const POINTING = new Set(['the', 'one', 'that', 'this', 'optio', 'вот', 'этот', 'тот', 'вариа'])
/** Words by their first five letters: enough to tell labels apart, not their endings. */
function stemsOf(words: string): string[] {
  return words === '' ? [] : words.split(' ').map((w) => (w.length > 5 ? w.slice(0, 5) : w))
}
/**
 * Whether two stems (`stemsOf`) are one word's: the same, or one cut short of the other, three
 * letters at least ("стр" of «страниц», "page" of "pages").
 */
function sameStem(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  return a === b || (short.length >= 3 && long.startsWith(short))
}

/**
 * The one item whose label is a range of amounts the typed amount falls in: "около 100 тысяч",
 * "100к", "100 000", "120 т.р." for «60–150 тыс. ₽», "around 100 euro" for «€50–120», "500" for «больше 300
 * тыс. ₽» (a number under a thousand typed beside labels in thousands is in thousands, as people
 * answer a question whose buttons are — unless that is over ten times the labels' largest amount:
 * "500" beside «до 3 тыс. ₽» is no 500 thousand, and the buttons are asked for). An amount said in
 * words is read as its digits would be («сто двадцать тысяч», «тысяч сто двадцать», «полтора
 * миллиона»: `numbersInDigits`). A label's amounts
 * are its numbers, ranged by "до"/"up to" (to), "от"/"больше"/"over"/"from" (from) or a dash
 * (between), in thousands or millions when it says so; a typed one too ("от 100 до 150 тысяч",
 * "100-150к": the label both ends are in), and a single amount said with "от" or "до" is read as
 * the amount, its "от" taking the range that starts there and its "до" the one that ends there
 * when it is where two meet ("от 150" beside «60–150» and «150–300»). Undefined for a text with no amount, one in
 * no range or in two (60 for «до 60» and «60–150»: the client's to say which), and one in another
 * currency than the labels say ("about £500", "500 евро" beside «… ₽»: no rate is guessed, and
 * its number read as rubles named a band the client never meant). A number said with what it
 * counts ("10 страниц", "страниц 10") is in the ranges of the labels that count the same, in any
 * form of the word («5–15 страниц»; "10 стр" cut short too), and of no other: "10 товаров" is no
 * «5–15 страниц», nor "5 страниц" «до 60 тыс. ₽», nor «у нас два магазина» any amount.
 */
export function labelInRange<T>(typed: string, items: readonly T[], labelOf: (item: T) => string): T | undefined {
  const text = numbersInDigits(typed)
  // A bare digit is a button's place ("2"), which `numbered` leaves alone where labels say numbers
  // (said in a word too, "два": the same number)
  if (/^\s*\d\s*$/.test(text)) return undefined
  const said = amountIn(text)
  if (said === undefined) return undefined
  const counting = items.filter((item) => {
    const words = stemsOf(formsOf(labelOf(item)).words)
    return said.counts.every((counted) => words.some((word) => sameStem(counted, word)))
  })
  const ranges = counting.flatMap((item) => {
    const range = rangeOf(labelOf(item))
    return range ? [{ item, range }] : []
  })
  // The labels' currency, when they say one: an amount typed in another is none of theirs (labels
  // that say none leave it to the content: the reader cannot tell)
  const typedIn = currenciesIn(typed)
  const labelsIn = new Set(ranges.flatMap((r) => [...currenciesIn(labelOf(r.item))]))
  if (labelsIn.size > 0 && [...typedIn].some((currency) => !labelsIn.has(currency))) return undefined
  const scaled = ranges.some((r) => r.range.scale > 1)
  const largest = Math.max(...ranges.flatMap((r) => [r.range.from, r.range.to].filter(Number.isFinite)))
  const inThousands = !said.scaled && scaled && said.to < 1000
  if (inThousands && said.to * 1000 > largest * 10) return undefined
  const [low, high] = inThousands ? [said.from * 1000, said.to * 1000] : [said.from, said.to]
  const within = ranges.filter(({ range }) => low >= range.from && high <= range.to)
  // Where two ranges meet ("от 150" beside «60–150» and «150–300»): "от" the one that starts there,
  // "до" the one that ends there
  const found =
    within.length > 1 && said.toward !== undefined
      ? within.filter(({ range }) => (said.toward === 'up' ? range.to !== low : range.from !== low))
      : within
  return found.length === 1 ? found[0]?.item : undefined
}
/**
 * The currencies a text names, by sign or word: "₽", "руб", "£", "pounds", "евро", "$", "долларов"
 * (another sign, "¥" or "₸", by itself). One text may name several: none is guessed over another.
 */
function currenciesIn(text: string): Set<string> {
  const lower = text.toLowerCase().replaceAll('ё', 'е')
  const found = new Set<string>()
  for (const [code, re] of CURRENCY_WORDS) if (re.test(lower)) found.add(code)
  for (const sign of lower.match(/\p{Sc}/gu) ?? []) found.add(CURRENCY_SIGNS.get(sign) ?? sign)
  return found
}
const CURRENCY_SIGNS: ReadonlyMap<string, string> = new Map([
  ['₽', 'RUB'],
  ['€', 'EUR'],
  ['$', 'USD'],
  ['£', 'GBP'],
])
/** A currency's words ("р" of "100р" too), not inside another word: "europe" or "pounding" name none. */
const CURRENCY_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['RUB', /(?<!\p{L})(?:руб\p{L}*|р|rub|rubles?|roubles?)(?!\p{L})/u],
  ['EUR', /(?<!\p{L})(?:евро|eur|euros?)(?!\p{L})/u],
  ['USD', /(?<!\p{L})(?:долл\p{L}*|бакс\p{L}*|usd|dollars?|bucks)(?!\p{L})/u],
  ['GBP', /(?<!\p{L})(?:фунт\p{L}*|gbp|pounds?|quid)(?!\p{L})/u],
]
/**
 * Words an amount is said with: a hedge («наверно», «думаю»: "страниц 5 наверно"), a range's words,
 * a currency, its scale. Any other ("2 варианта", "5 страниц") says what the number counts: only a
 * label that counts the same is its range.
 */
const AROUND_AN_AMOUNT = new RegExp(
  `^(?:${ROUGHLY.join('|')}|где|то|до|от|между|и|не|больше|более|свыше|меньше|менее|минимум|максимум|бюджет|мой|наверное|наверно|думаю|пожалуй|вроде|probably|тысяч\\p{L}*|тыс|тыщ\\p{L}*|тыр|тр|к|млн|миллион\\p{L}*|лям\\p{L}*|руб\\p{L}*|р|евро|долл\\p{L}*|фунт\\p{L}*|up|to|from|between|and|over|above|under|below|more|less|than|at|least|most|no|not|max|budget|my|is|maybe|k|m|thousands?|millions?|euros?|eur|dollars?|usd|bucks|pounds?|gbp|quid|rub|rubles?|roubles?|бакс\\p{L}*)$`,
  'u',
)
/** The words that put an amount at the bottom of a range ("от 100 тысяч", "over 300k", "at least"). */
const FROM_AN_AMOUNT = /^(?:от|больше|более|свыше|минимум|from|over|above|more|least)$/u
/** …and at its top ("до 50", "up to 50k", "under", "максимум"). */
const UP_TO_AN_AMOUNT = /^(?:до|меньше|менее|максимум|to|under|below|less|most|max)$/u
/** What joins the two ends of a range typed: "100-150", "от 100 до 150", "between 100 and 150". */
const RANGE_JOINER = /^\s*(?:[-–—]|до|to|и|and)\s*$/u
/**
 * The one amount typed ("около 100 тысяч", "100к", "100 000 ₽", "€100"; `text` in digits:
 * `numbersInDigits`), or the range ("от 100 до 150 тысяч", "100-150к", the scale said at one end
 * taken by both, as a label's is): its ends scaled, whether a scale was said, which way an "от"
 * or a "до" before a single amount points, and the stems (`stemsOf`) of the words saying what it
 * counts ("страниц" of "10 страниц").
 */
function amountIn(
  text: string,
): { from: number; to: number; scaled: boolean; toward?: 'up' | 'down'; counts: string[] } | undefined {
  const counts = stemsOf((text.match(/\p{L}+/gu) ?? []).filter((word) => !AROUND_AN_AMOUNT.test(word)).join(' '))
  const numbers = [...text.matchAll(/(\d{1,3}(?:[\s\u00a0]\d{3})+|\d+(?:[.,]\d+)?)\s*(\p{L}+)?/gu)]
  const numberOf = (n: RegExpExecArray) => Number((n[1] ?? '').replace(/[\s\u00a0]/g, '').replace(',', '.'))
  const [first, second, ...more] = numbers
  if (first === undefined || more.length > 0) return undefined
  const firstScale = scaleOf(first[2])
  if (second === undefined) {
    const value = numberOf(first) * (firstScale ?? 1)
    const toward = towardOf(text.slice(0, first.index))
    if (!Number.isFinite(value)) return undefined
    return { from: value, to: value, scaled: firstScale !== undefined, counts, ...(toward ? { toward } : {}) }
  }
  // The words between the ends join them, after the first one's scale if it has one
  const firstEnd = first.index + (firstScale === undefined ? (first[1] ?? '').length : first[0].length)
  if (!RANGE_JOINER.test(text.slice(firstEnd, second.index))) return undefined
  const secondScale = scaleOf(second[2])
  const from = numberOf(first) * (firstScale ?? secondScale ?? 1)
  const to = numberOf(second) * (secondScale ?? firstScale ?? 1)
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) return undefined
  return { from, to, scaled: firstScale !== undefined || secondScale !== undefined, counts }
}
/** Which way the words before an amount point it ("от" up, "до" down; "не больше", "no more than" down). */
function towardOf(before: string): 'up' | 'down' | undefined {
  const said = before.match(/\p{L}+/gu) ?? []
  // "More than", "less than": the word before the "than"
  const end = said.at(-1) === 'than' ? said.length - 1 : said.length
  const [word = '', previous = ''] = [said[end - 1], said[end - 2]]
  const way = FROM_AN_AMOUNT.test(word) ? 'up' : UP_TO_AN_AMOUNT.test(word) ? 'down' : undefined
  if (way === undefined || !/^(?:не|no|not)$/u.test(previous)) return way
  return way === 'up' ? 'down' : 'up'
}
/** A label's range of amounts, and its scale (1 when it says none). */
function rangeOf(label: string): { from: number; to: number; scale: number } | undefined {
  const text = label.toLowerCase().replaceAll('ё', 'е')
  const numbers = [...text.matchAll(/(\d+(?:[.,]\d+)?)\s*(\p{L}+)?/gu)]
  if (numbers.length === 0 || numbers.length > 2) return undefined
  const scale = numbers.map((n) => scaleOf(n[2])).find((s) => s !== undefined) ?? 1
  const [a = 0, b] = numbers.map((n) => Number((n[1] ?? '').replace(',', '.')) * scale)
  // (Not \b: it knows no Cyrillic letters)
  if (b !== undefined) return /[–—-]|(?:^|\s)(?:to|до)\s/u.test(text) ? { from: a, to: b, scale } : undefined
  if (/(?:^|\s)(?:до|up to|under|below|less than|меньше|менее)\s/u.test(text)) return { from: 0, to: a, scale }
  if (/(?:^|\s)(?:от|больше|более|свыше|over|from|above|more than)\s/u.test(text) || /\+/.test(text))
    return { from: a, to: Number.POSITIVE_INFINITY, scale }
  return undefined
}

/**
 * The one item whose label is a span of time the typed one is in ("ну через месяц наверно" for «В
 * течение месяца», "наверное через пару недель" for «Срочно, за 2 недели», "in a couple of weeks" for
 * "Urgent, within 2 weeks", "через 2 месяца" for «За 2–3 месяца»), as a timeline is answered: of the
 * labels whose span holds it, the narrowest (two weeks is «за 2 недели» rather than «в течение
 * месяца»); of none, the nearest, when it is within a quarter of the span said ("через 5 недель" is
 * the month; "через полгода" none of a month or 2–3 months). A label's span: "за", «в течение»,
 * "within" a time are up to it, "через", "in" that time, a range ("2–3 месяца") from one end to the
 * other, «больше», "over" from it on. The typed words must be a span — a number or a word of one with
 * its unit, days to years ("месяц" alone is none) — and hedges ("наверное", "думаю", "probably").
 * Undefined when no label is a span, or two are as near (a guess would pick for the client).
 */
export function labelForSpan<T>(
  typed: string,
  items: readonly T[],
  labelOf: (item: T) => string,
  /** The day the client said it (YYYY-MM-DD): a date said as the time it is wanted by counts from it. */
  today?: string,
): T | undefined {
  const said = spanIn(typed, true, today)
  if (said === undefined) return undefined
  const spans = items.flatMap((item) => {
    const span = spanIn(labelOf(item), false)
    return span ? [{ item, span }] : []
  })
  const holding = spans.filter(({ span }) => span.from <= said.from && said.to <= span.to)
  const [only] = fewest(holding, ({ span }) => span.to - span.from)
  if (holding.length > 0) return only?.item
  if (!Number.isFinite(said.to)) return undefined
  const gap = ({ span }: (typeof spans)[number]) => Math.max(0, span.from - said.to, said.from - span.to)
  const near = fewest(
    spans.filter((s) => gap(s) <= said.to / 4),
    gap,
  )
  return near.length === 1 ? near[0]?.item : undefined
}
/** The items of the least `measure`: one, or several when they tie. */
function fewest<T>(items: readonly T[], measure: (item: T) => number): T[] {
  const least = Math.min(...items.map(measure))
  return items.filter((item) => measure(item) === least)
}
/**
 * The span of days a text says ("через 2 недели", «за 2–3 месяца», "within a month"), from and to;
 * undefined when it says none, or two units. `typed`: every other word must be a hedge
 * (`AROUND_A_SPAN`), and a number or a span's word said — a label may say more ("Срочно, …").
 */
function spanIn(text: string, typed: boolean, today?: string): { from: number; to: number } | undefined {
  const said =
    text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/\p{L}+|\d+(?:[.,]\d+)?|[–—-]/gu) ?? []
  // A span is typed in a few words: more is a message of its own
  if (typed && said.length > SPAN_WORDS) return undefined
  let way: 'within' | 'after' | 'over' | undefined
  let low: number | undefined
  let high: number | undefined
  let unit: number | undefined
  /** Days till a date the launch is wanted by («к новому году»), from `today`. */
  let by: number | undefined
  for (let i = 0; i < said.length; ) {
    const word = said[i] as string
    const deadline = typed && today !== undefined && by === undefined ? deadlineAt(said, i, today) : undefined
    if (deadline !== undefined) {
      by = deadline.days
      i += deadline.length
      continue
    }
    const ways = low === undefined ? spanWayAt(said, i) : undefined
    if (ways !== undefined && way === undefined) {
      way = ways.way
      i += ways.length
      continue
    }
    // "A month": one of it
    if (/^(?:a|an)$/.test(word) && low === undefined && unitOf(said[i + 1] ?? '') !== undefined) {
      low = 1
      i++
      continue
    }
    const days = SPAN_UNITS.get(word) ?? unitOf(word)
    if (days !== undefined) {
      if (unit !== undefined) return undefined
      unit = days
      // «Полгода», "a fortnight": a span in a word, one of it
      if (SPAN_UNITS.has(word)) low ??= 1
      i++
      continue
    }
    const number = low === undefined ? spanNumberAt(said, i) : undefined
    if (number !== undefined) {
      // After its unit only with a span's word between («месяца через три»): "месяц-два" is a range
      if (unit !== undefined && way === undefined) return undefined
      low = number.value
      i += number.length
      // "2–3", «2-3»
      const to = /^[–—-]$/.test(said[i] ?? '') ? spanNumberAt(said, i + 1) : undefined
      if (to !== undefined) {
        high = to.value
        i += to.length + 1
      }
      continue
    }
    if (typed && !AROUND_A_SPAN.has(word) && !/^[–—-]$/.test(word)) return undefined
    i++
  }
  // A date said is the span till it, as "через" a span is: nothing else may be said with it
  if (by !== undefined)
    return unit === undefined && low === undefined && way === undefined ? { from: by, to: by } : undefined
  if (unit === undefined || (typed && low === undefined && way === undefined)) return undefined
  const from = (low ?? 1) * unit
  const to = (high ?? low ?? 1) * unit
  if (high !== undefined) return from <= to ? { from, to } : undefined
  if (way === 'within') return { from: 0, to }
  if (way === 'over') return { from, to: Number.POSITIVE_INFINITY }
  return { from, to }
}
/**
 * A date a launch is wanted by, at `at` in `said`: «к новому году», «до нового года», "by new year",
 * "by the new year's", «к марту», «до сентября», "by March" (the first of the month, the next one
 * to come) — the days from `today` (YYYY-MM-DD) till it, and how many words it takes.
 */
function deadlineAt(said: readonly string[], at: number, today: string): { days: number; length: number } | undefined {
  if (!/^(?:к|до|by|before|till|until)$/u.test(said[at] ?? '')) return undefined
  const from = said[at + 1] === 'the' ? at + 2 : at + 1
  const [first = '', second = '', third = ''] = said.slice(from, from + 3)
  const year = Number(today.slice(0, 4))
  const until = (date: string | undefined, length: number) =>
    date === undefined ? undefined : { days: Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS), length }
  if (/^(?:новому|нового)$/u.test(first) && /^(?:году|года)$/u.test(second)) {
    return until(`${year + 1}-01-01`, from - at + 2)
  }
  if (first === 'new' && /^years?$/u.test(second))
    return until(`${year + 1}-01-01`, from - at + 2 + (third === 's' ? 1 : 0))
  const month = monthIn(first)
  return month === undefined ? undefined : until(upcomingDate(month, 1, today), from - at + 1)
}
/** The most words a span is typed in, hedges and all ("ну где-то через пару недель наверное" is seven). */
const SPAN_WORDS = 10
/** Days in a span's unit ("недели" 7, "months" 30). */
function unitOf(word: string): number | undefined {
  if (/^(?:день|дня|дней|денек|денька|деньков|day|days)$/u.test(word)) return 1
  if (/^(?:недел[яиюе]|недель|неделька|недельк[иу]|week|weeks)$/u.test(word)) return 7
  if (/^(?:месяц|месяца|месяцев|месяцок|month|months)$/u.test(word)) return 30
  if (/^(?:год|года|лет|year|years)$/u.test(word)) return 365
  return undefined
}
/** Spans said in one word, in days. */
const SPAN_UNITS: ReadonlyMap<string, number> = new Map([
  ['полмесяца', 15],
  ['полгода', 182],
  ['fortnight', 14],
])
/** A number of a span: digits, words («пару», «три», «полтора»), "a couple (of)". */
function spanNumberAt(said: readonly string[], at: number): { value: number; length: number } | undefined {
  const word = said[at] ?? ''
  if (/^\d+(?:[.,]\d+)?$/.test(word)) return { value: Number(word.replace(',', '.')), length: 1 }
  if (word === 'couple') return { value: 2, length: said[at + 1] === 'of' ? 2 : 1 }
  return numberAt(said, at)
}
/** The words that say which way a span goes, and how many words they take. */
function spanWayAt(
  said: readonly string[],
  at: number,
): { way: 'within' | 'after' | 'over'; length: number } | undefined {
  const [word = '', next = ''] = [said[at], said[at + 1]]
  if (word === 'в' && /^(?:течение|течении)$/.test(next)) return { way: 'within', length: 2 }
  if ((word === 'up' && next === 'to') || (word === 'less' && next === 'than')) return { way: 'within', length: 2 }
  if (word === 'more' && next === 'than') return { way: 'over', length: 2 }
  if (/^(?:за|within|до|under)$/.test(word)) return { way: 'within', length: 1 }
  if (/^(?:через|спустя|in|after)$/.test(word)) return { way: 'after', length: 1 }
  if (/^(?:от|больше|более|свыше|over)$/.test(word)) return { way: 'over', length: 1 }
  return undefined
}
/** The words a span is typed with that change nothing: hedges, a "ну", "где-то", "or so". */
const AROUND_A_SPAN = new Set([
  ...['ну', 'наверное', 'наверно', 'думаю', 'может', 'быть', 'где', 'то', 'примерно', 'около', 'приблизительно'],
  ...['скорее', 'всего', 'пожалуй', 'мне', 'кажется', 'вроде', 'как', 'а', 'так', 'нам', 'нужно', 'надо'],
  // A wish: «хотелось бы», «хотим», "we'd like it", "ideally"
  ...['хотелось', 'бы', 'хотим', 'хочу', 'желательно', 'we', 'd', 'like', 'it', 'ideally'],
  ...['probably', 'maybe', 'i', 'think', 'guess', 'perhaps', 'about', 'around', 'roughly', 'or', 'so', 'a', 'of'],
])

/** What separates the parts of a list of labels typed ("сроки, гарантия"). */
export const LIST_SEPARATOR = /[,;\n]/

/** A list's parts joined in words too: "окна и духовка", "windows and oven", "сайт + логотип". */
const LIST_JOINER = /\s+(?:и|а также|and|&|\+)\s+/iu

/**
 * Labels typed as a list ("сроки, гарантия", "окна и духовку", "1, 3"): every part must name one
 * item — its label, its words as people type them, or its place on the buttons — or the list
 * names none (a part that is no label may be a note for a person, not a choice).
 */
export function matchLabels<T>(typed: string, items: readonly T[], labelOf: (item: T) => string): T[] | undefined {
  const one = (part: string) =>
    matchLabel(part, items, labelOf) ?? labelAlike(part, items, labelOf) ?? numbered(part, items, labelOf)
  // Split by commas first, and by "и" only within a part that is no label: «Стрижка и укладка,
  // окрашивание» names a label that has an "и" of its own
  const parts = typed
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => (one(part) === undefined ? part.split(LIST_JOINER).map((p) => p.trim()) : [part]))
    .filter((part) => part !== '')
  if (parts.length < 2) return undefined
  const found: T[] = []
  for (const part of parts) {
    const item = one(part)
    if (item === undefined) return undefined
    if (!found.includes(item)) found.push(item)
  }
  return found
}

/**
 * The item typed by its place on the buttons, counted as they are read: "второй", "the first
 * one", "№ 3", "вариант 2", "option 1"; a bare "2" too, unless a label says a number or a time
 * of its own — "2 недели", «Двушка», «Вечером» — where "2" or "3" (o'clock) means that instead.
 */
const SAYS_A_NUMBER =
  /\d|одн|дв[аеоуи]|тр[её]|четыр|пят|шест|утр|дн[её]м|вечер|ноч|час|one|two|three|four|five|morning|afternoon|evening|night|hour/iu
export function numbered<T>(typed: string, items: readonly T[], labelOf: (item: T) => string): T | undefined {
  const said = ordinalChoice(typed, items.length)
  if (said !== undefined) return items[said]
  const marked = /^\s*(?:№|#|вариант|option)\s*(\d{1,2})\s*[.)]?\s*$/iu.exec(typed)?.[1]
  const bare = /^\s*(\d{1,2})\s*[.)]?\s*$/u.exec(typed)?.[1]
  const place = marked ?? (items.some((item) => SAYS_A_NUMBER.test(labelOf(item))) ? undefined : bare)
  return place === undefined ? undefined : items[Number(place) - 1]
}

/** Hours said in words ("в три", "at five"); "час" alone is one o'clock ("в час дня"). */
const HOUR_WORDS: ReadonlyMap<string, number> = new Map([
  ...[
    'час',
    'два',
    'три',
    'четыре',
    'пять',
    'шесть',
    'семь',
    'восемь',
    'девять',
    'десять',
    'одиннадцать',
    'двенадцать',
  ].map((word, i) => [word, i + 1] as const),
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map(
    (word, i) => [word, i + 1] as const,
  ),
])
/**
 * The part of the day said after an hour: "в 3 дня" is 15:00, "в 9 вечера" 21:00, "в 9 утра"
 * 9:00. "Ночи" is the night on either side of midnight: "в 11 ночи" 23:00, "в 2 ночи" 2:00;
 * "в 7 ночи" is no time anyone means (null: not read).
 */
function partOfDay(word: string | undefined, hours: number): 'am' | 'pm' | null | undefined {
  if (word === 'утра') return 'am'
  if (word === 'дня' || word === 'вечера') return 'pm'
  if (word === 'ночи') return hours === 12 || hours <= 5 ? 'am' : hours >= 9 && hours <= 11 ? 'pm' : null
  return undefined
}
/** Noon, said as a word: 12:00 with nothing more said about it. */
const NOON = new Set(['полдень', 'noon', 'midday'])

/**
 * A time of day typed where times are offered ("15", "15:30", "в 15.00", "3pm", "at 3 PM", "15 ч",
 * "в три", "в 3 часа дня", "at five", "в полдень"), also said roughly ("часа в 3", "где-то к 5",
 * "примерно в 11", "about 4pm": the offered time is the one they mean): minutes after midnight,
 * and whether "am" or "pm" was said, or the part of the day (without it, "3" may be 3:00 or 15:00:
 * the caller knows which of them it offers). Undefined for anything else.
 */
export function typedClock(text: string): { minutes: number; half?: 'am' | 'pm'; rough?: true } | undefined {
  // The words people wrap a choice in change nothing: "давайте в 3", "ну в три тогда", "в 15 можно"
  // — but a no after the time refuses it ("в 15 нет"), as after a day (typedDay)
  const apart = reasonApart(text)
  const typedWords = nahAsNo(apart.rest)
    .trim()
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/\s+/)
    // "в 15?" asks for 15:00, as the picker offers it
    .map((word) => word.replace(/^[,!;]+|[,!;.?]+$/g, ''))
  const time = typedWords.findIndex((word) => /\d/.test(word) || HOUR_WORDS.has(word) || NOON.has(word))
  if (time >= 0 && typedWords.slice(time + 1).some((word) => word === 'нет' || word === 'no')) return undefined
  const plain = typedWords.filter((word) => word !== '' && !AROUND_A_CHOICE.has(word)).join(' ')
  // Said roughly ("часа в 3", "about 4pm"): the lead goes, and the time after it is read as any
  const lead = ROUGH_LEAD.exec(plain)?.[0] ?? ''
  const clock = withMinutesSpoken(plain.slice(lead.length))
  const match =
    /^(?:(?:в|во|к|около|at|around)(?:\s+|(?=\d)))?(\d{1,2}|\p{L}+)(?:[:.\-\s](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:ч\.?|час(?:а|ов|ам|ика|иков)?|h|o['’]?\s?clock)?\s*(утра|ночи|дня|вечера)?$/u.exec(
      clock,
    )
  if (!match) return undefined
  const said = match[1] as string
  const noon = NOON.has(said)
  const hours = /^\d/.test(said) ? Number(said) : noon ? 12 : HOUR_WORDS.get(said)
  if (hours === undefined) return undefined
  const minutes = Number(match[2] ?? 0)
  const marked = match[3]?.startsWith('a') ? 'am' : match[3]?.startsWith('p') ? 'pm' : undefined
  const part = partOfDay(match[4], hours)
  const half = noon ? 'pm' : (marked ?? part)
  // "3pm дня" says the half twice; noon takes nothing after it
  if ((marked && match[4]) || (noon && (marked || match[4] || match[2])) || half === null) return undefined
  if (minutes > 59 || hours > (half ? 12 : 23) || (half && hours === 0)) return undefined
  const at = (half === 'pm' ? (hours % 12) + 12 : half === 'am' ? hours % 12 : hours) * 60 + minutes
  // Said roughly ("около 5", "часа в 3"): the time offered then, but no clock to read a zone by
  const rough = lead !== '' || AROUND_A_TIME.test(clock) ? { rough: true as const } : {}
  const read = half ? { minutes: at, half, ...rough } : { minutes: at, ...rough }
  // Busy till a time ("в 6, я на работе до 5"): the reading after it
  return apart.until === undefined ? read : clockWhere(read, (m) => m >= (apart.until as number))
}

/**
 * A clock said (`typedClock`) read where its readings ("4" is 4:00 or 16:00: `clockReadings`) are
 * those `fits` keeps: the one left, its half said ("после обеда часа в 4" is 16:00); the clock as it
 * was when both are; undefined when none is (what else was said disagrees with it).
 */
function clockWhere(
  clock: NonNullable<ReturnType<typeof typedClock>>,
  fits: (minutes: number) => boolean,
): ReturnType<typeof typedClock> {
  const readings = clockReadings(clock)
  const kept = readings.filter(fits)
  const [only] = kept
  if (only === undefined) return undefined
  if (kept.length === readings.length) return clock
  return { minutes: only, half: only < 12 * 60 ? 'am' : 'pm', ...(clock.rough ? { rough: true as const } : {}) }
}

/** The hours' ordinals of "пол седьмого" (half past six: half of the seventh hour), first to twelfth. */
const HOUR_ORDINALS = [
  'первого',
  'второго',
  'третьего',
  'четвертого',
  'пятого',
  'шестого',
  'седьмого',
  'восьмого',
  'девятого',
  'десятого',
  'одиннадцатого',
  'двенадцатого',
]
/**
 * Minutes said in words, written as a clock: "half six", "half past 6" (6:30, as Britain and
 * Ireland say it), "quarter past 10" (10:15), "quarter to 5" (4:45), "пол седьмого" or
 * "полседьмого" (6:30: half of the seventh hour). The words before the hour ("в", "at") and
 * after it ("вечера", "pm") stay. The text as it was otherwise.
 */
function withMinutesSpoken(text: string): string {
  const at = /^((?:в|во|к|около|at|around)\s+)?/u.exec(text)?.[0] ?? ''
  const said = text.slice(at.length)
  const hourOf = (word: string) => (/^\d{1,2}$/.test(word) ? Number(word) : HOUR_WORDS.get(word))
  const clock = (hours: number, minutes: number, rest: string) =>
    `${at}${hours}:${String(minutes).padStart(2, '0')}${rest}`
  const english = /^(half(?:\s+past)?|quarter\s+past|quarter\s+to)\s+(\d{1,2}|\p{L}+)(?![:.\d])(.*)$/u.exec(said)
  if (english) {
    const hours = hourOf(english[2] as string)
    if (hours === undefined || hours < 1 || hours > 12) return text
    const how = english[1] as string
    if (how.startsWith('half')) return clock(hours, 30, english[3] as string)
    return how.endsWith('past')
      ? clock(hours, 15, english[3] as string)
      : clock(hours === 1 ? 12 : hours - 1, 45, english[3] as string)
  }
  const russian = /^пол[\s-]?(\p{L}+)(.*)$/u.exec(said)
  const ordinal = russian ? HOUR_ORDINALS.indexOf(russian[1] as string) : -1
  if (russian && ordinal >= 0) return clock(ordinal === 0 ? 12 : ordinal, 30, russian[2] as string)
  return text
}

/**
 * The times of day a clock said may mean, in minutes after midnight: "3" is 3:00 or 15:00, "3pm"
 * and "15" one of them. Offered times tell which (`clockAmong`).
 */
export function clockReadings(clock: NonNullable<ReturnType<typeof typedClock>>): number[] {
  return clock.half || clock.minutes >= 12 * 60 ? [clock.minutes] : [clock.minutes, clock.minutes + 12 * 60]
}

/**
 * The one of `starts` (minutes after midnight of the times offered) a clock said means — "3" is
 * 15:00 where 3:00 is not offered; undefined when none is, or both are (no guess).
 */
export function clockAmong(clock: NonNullable<ReturnType<typeof typedClock>>, starts: readonly number[]) {
  const found = clockReadings(clock).filter((minutes) => starts.includes(minutes))
  return found.length === 1 ? found[0] : undefined
}

/**
 * Words that make the time after them a rough one ("часа в 3", "где-то к 5", "about 4pm"). The
 * hour's other colloquial forms lead a time only with its "в" or "к" after them ("часиков в 5",
 * "часов в 5", "часика в 3"): "часов 5" alone is "about five hours", a duration.
 */
const ROUGH_LEAD =
  /^(?:часа|часам|(?:часов|часиков|часика)(?=\s+(?:в|во|к)\s)|где[-\s]?то|примерно|приблизительно|(?:в\s+)?районе|about|approximately|roughly)\s+/u
/** The words of "at" that say "about" too ("около 5", "around 4pm"). */
const AROUND_A_TIME = /^(?:около|around)(?:\s|(?=\d))/u

/** Words said before a time ("в 15", "at 3pm"). */
const AT_TIME = new Set(['в', 'во', 'к', 'около', 'at', 'around'])
/** Words around a day and a time that change nothing ("в понедельник в 12", "on friday at 3pm"). */
// ("to": a call moved to a day, "move my call to friday"; not among a choice's words, whose "quarter
// to 5" is a time)
const AROUND_DAY = new Set(['в', 'во', 'на', 'к', 'около', 'on', 'at', 'around', 'the', 'this', 'next', 'to'])

/**
 * Words people wrap a day in when they change their mind or agree to it ("ой нет, давайте в
 * четверг в 11", "нет же, в четверг в 11 надо", "лучше в пятницу", "no, make it Friday at 3pm"):
 * passed over as the words around a day are. A "не" is none of them: "не в четверг" names no day
 * (but "не, давайте в четверг" is a "нет": `nahAsNo`).
 */
const AROUND_A_CHOICE = new Set([
  'ой',
  'нет',
  'же',
  'давайте',
  'давай',
  'лучше',
  'тогда',
  'ну',
  'а',
  'можно',
  'надо',
  'нужно',
  'пожалуйста',
  'ладно',
  'хорошо',
  'no',
  'actually',
  'better',
  'rather',
  'then',
  'please',
  'pls',
  'plz',
  'make',
  'it',
  'lets',
  'let',
  'us',
  'ok',
  'okay',
  // "can we make it Thursday instead", "could we do Monday" ("about" is a rough time's: "about 4pm")
  'can',
  'could',
  'we',
  'do',
  'instead',
  // "no I said make it 4pm", "я же сказала в 16", "I meant 4": said again, the time is the same
  'i',
  'said',
  'meant',
  'я',
  'сказал',
  'сказала',
  'говорил',
  'говорила',
  // Agreeing to a time, as people do ("11:30 works", "11:30 is fine for me", "давайте в 11:30,
  // подойдёт"): it was refused ("pick with the buttons") while "11:30" alone was taken
  'works',
  'work',
  'is',
  'fine',
  'good',
  'suits',
  'me',
  'for',
  'подойдет',
  'подходит',
  'устроит',
  'устраивает',
  'годится',
  'удобно',
  'мне',
  // Asked as a favour ("can you call me tomorrow at 3?", "could you ring me back on Friday",
  // "позвоните мне завтра в 16", "можно перезвонить в пятницу?"): "tomorrow at 3" alone was taken,
  // wrapped so it was "pick with the buttons"
  'you',
  'call',
  'ring',
  'phone',
  'back',
  'would',
  'позвоните',
  'перезвоните',
  'позвонить',
  'перезвонить',
  'наберите',
  'меня',
  // A move of the call booked, its time said ("could you move my call to friday at 11", «перенесите
  // мой звонок на пятницу в 11»), or after an apology for a call missed ("sorry missed it! can we do
  // tomorrow at 3 instead?"): the day and the time are what it says to the picker
  'move',
  'reschedule',
  'my',
  'sorry',
  'missed',
  'your',
  'перенести',
  'перенесите',
  // («давайте перенесём на вторник в 5», «перенеси на завтра»: the same move, as typed-answers asks it)
  'перенесем',
  'перенеси',
  'мой',
  'звонок',
  'извините',
  'простите',
  'пропустил',
  'пропустила',
])

/**
 * A "не" set off by its comma at the start ("не, давайте лучше в пятницу", «Не, в 11») is the
 * colloquial "nah" before the new choice, read as the "нет" it stands for; without its comma it
 * refuses what follows ("не в пятницу" names no day).
 */
function nahAsNo(text: string): string {
  return text.replace(/^(\s*)не(?=\s*,)/iu, '$1нет')
}

/** The evening's later part, from 19:00: «попозже вечером», «вечером попозже», «поздно вечером», "later in the evening". */
const LATE_EVENING =
  /^(?:(?:попозже|позже|поздно) вечером|вечером (?:попозже|позже)|поздним вечером|(?:later|late) (?:in )?evening|(?:in )?evening later)$/
/** Towards the evening, 16:00 to 19:00: «ближе к вечеру», «под вечер», "towards evening", "early evening". */
const TOWARD_EVENING = /^(?:ближе вечеру|под вечер|ранним вечером|towards? evening|closer evening|early evening)$/
/** After the working day, from 18:00: «после работы», "after work". */
const AFTER_WORK = /^(?:после работы|after work)$/

/**
 * A part of the day said after a day, with no hour, or a time after which any will do ("after
 * 5", "после 17"): the words a day's times answer. (The words around a day — в, во, к, at, the,
 * to — are dropped before: "в обед" is read as "обед", «ближе к вечеру» as "ближе вечеру".)
 */
const PART_OF_DAY =
  /^(?:утром|днем|вечером|(?:с )?утра|(?:до|после) обеда|обед|(?:первой|второй) половине дня|(?:in )?(?:morning|afternoon|evening)|(?:after|before) lunch|lunch(?: ?time)?|(?:after|после) \d{1,2}(?:[:.]\d{2})?(?: (?:am|pm|утра|дня|вечера))?)$/
/** Whether words say a part of the day (`PART_OF_DAY`, or the evening's later part, towards it, after work). */
function saysPartOfDay(words: string): boolean {
  return PART_OF_DAY.test(words) || LATE_EVENING.test(words) || TOWARD_EVENING.test(words) || AFTER_WORK.test(words)
}

/**
 * The hours of a day a part of it names: from `from`, before `to` (minutes after midnight).
 * `byClock` when they are counted from a time said ("after 5", "после 17"), not a part named
 * ("вечером", "after lunch"): a client's own clock reads the one, the clock times are read on the other.
 */
export interface DayHours {
  from: number
  to: number
  byClock?: true
}
const HOUR = 60
/**
 * The hours a part of the day said after it means (`saysPartOfDay`'s words): the morning before
 * noon, the afternoon from noon to six, "после обеда" from two, the evening from five — «попозже
 * вечером» from seven, «ближе к вечеру» from four to seven, «после работы» from six — "after 5" from
 * 17:00 (an hour up to seven said alone is the afternoon's or evening's, as "в 5" is read where
 * 17:00 is offered), "после 17" from 17:00. Undefined for words it has no hours for.
 */
function hoursOfPart(words: string): DayHours | undefined {
  const day = 24 * HOUR
  if (/^(?:утром|(?:с )?утра|(?:in )?(?:the )?morning)$/.test(words)) return { from: 0, to: 12 * HOUR }
  if (/^(?:до обеда|(?:в )?первой половине дня|before lunch)$/.test(words)) return { from: 0, to: 13 * HOUR }
  if (/^(?:днем|(?:in )?(?:the )?afternoon)$/.test(words)) return { from: 12 * HOUR, to: 18 * HOUR }
  if (/^(?:(?:во )?второй половине дня)$/.test(words)) return { from: 12 * HOUR, to: day }
  if (/^(?:после обеда|after lunch)$/.test(words)) return { from: 14 * HOUR, to: day }
  if (/^(?:обед|lunch(?: ?time)?)$/.test(words)) return { from: 12 * HOUR, to: 14 * HOUR }
  if (/^(?:вечером|(?:in )?(?:the )?evening)$/.test(words)) return { from: 17 * HOUR, to: day }
  if (LATE_EVENING.test(words)) return { from: 19 * HOUR, to: day }
  if (TOWARD_EVENING.test(words)) return { from: 16 * HOUR, to: 19 * HOUR }
  if (AFTER_WORK.test(words)) return { from: 18 * HOUR, to: day }
  const after = /^(?:after|после) (\d{1,2}(?:[:.]\d{2})?(?: (?:am|pm|утра|дня|вечера))?)$/.exec(words)?.[1]
  const clock = after === undefined ? undefined : typedClock(after)
  if (clock === undefined) return undefined
  return { from: laterHour(clock), to: day, byClock: true }
}

/**
 * A time said as the end or the start of a wait ("after 5", "до 17", "till 5"), in minutes after
 * midnight: an hour up to seven said alone is the afternoon's or evening's (17:00), as "в 5" is read
 * where 17:00 is offered; any other as said.
 */
function laterHour(clock: NonNullable<ReturnType<typeof typedClock>>): number {
  const evening = clock.half === undefined && clock.minutes >= HOUR && clock.minutes < 8 * HOUR
  return clock.minutes + (evening ? 12 * HOUR : 0)
}

/**
 * A day typed where days are offered, as people say it — "в понедельник", "завтра в 15", "25.11",
 * "25 ноября в 12:30", "friday at 3pm", "half 6 tomorrow" — with the time said after it or before
 * it, if any (`typedClock`). A
 * weekday is left to the caller (the nearest one it offers); a date is the nearest one from
 * `today` (YYYY-MM-DD) on. Undefined when the words say anything else: they are for a person.
 */
export function typedDay(
  text: string,
  today: string,
  /** Slashes read month first ("11/25"), as the business writes dates (slashesMonthFirst). */
  monthFirst = false,
):
  | (({ date: string } | { weekday: number }) & { clock?: ReturnType<typeof typedClock>; hours?: DayHours })
  | undefined {
  const apart = reasonApart(text)
  const tokens = nahAsNo(apart.rest)
    .toLowerCase()
    .replaceAll('ё', 'е')
    // "November 25th": the day's number
    .replace(/(\d)(?:st|nd|rd|th)\b/g, '$1')
    .match(/\p{L}+|\d{1,2}[.:/]\d{1,2}(?:[.:/]\d{2,4})?|\d+/gu)
  // Asked rather than said ("а можно в пятницу после обеда?", "в понедельник?"): the same day,
  // as every other word must be a day's or a time's (it was refused, and with a manager reading
  // passed to them while the picker waited)
  if (!tokens) return undefined
  let day: { date: string } | { weekday: number } | undefined
  const rest: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    // (…but the "в" of "часиков в 5" stays: that lead reads a time only with it, ROUGH_LEAD)
    if (AROUND_DAY.has(token) && !ROUGH_LEAD.test(`${rest.at(-1) ?? ''} ${token} `)) continue
    // ("after work" is a part of the day: its "work" agrees to nothing, as in "11:30 works")
    if (AROUND_A_CHOICE.has(token) && !(token === 'work' && rest.at(-1) === 'after')) {
      // Before the day it changes a mind ("нет, давайте в пятницу"); after it, a no refuses that day
      if (day !== undefined && (token === 'нет' || token === 'no')) return undefined
      continue
    }
    const weekday = weekdayWord(token)
    const ahead = daysAheadIn(token)
    // (The months' words are read only next to a day's number: each is a dozen patterns, and every
    // short private text is read here)
    const month = /^\d{1,2}$/.test(token) ? monthIn(tokens[i + 1] ?? '') : undefined
    // "Dec 10", "December 10": the month's word first, as English says it
    const monthThen = /^\d{1,2}$/.test(tokens[i + 1] ?? '') ? monthIn(token) : undefined
    // "в 10.11" is a time, said with its preposition: a date is said without one
    const dotted = AT_TIME.has(tokens[i - 1] ?? '') ? null : /^(\d{1,2})([./])(\d{1,2})$/.exec(token)
    let found: { date: string } | { weekday: number } | undefined
    if (weekday !== undefined) found = { weekday }
    else if (ahead !== undefined) found = { date: plusDays(today, ahead) }
    else if (month !== undefined) {
      const date = upcomingDate(month, Number(token), today)
      if (date === undefined) return undefined
      found = { date }
      i++ // the month's word
    } else if (monthThen !== undefined) {
      const date = upcomingDate(monthThen, Number(tokens[i + 1]), today)
      if (date === undefined) return undefined
      found = { date }
      i++ // the day's number
    } else if (dotted && day === undefined && rest.length === 0) {
      // "25.11" before any time: a date ("12.30" after a day is its time); "12/10" month first
      // where the business writes dates so (New York), as the day buttons read there
      const [first, second] = [Number(dotted[1]), Number(dotted[3])]
      // (or the one reading that is a date: "25/11" in New York)
      const american = dotted[2] === '/' && monthFirst && first <= 12
      const date = american ? upcomingDate(first, second, today) : upcomingDate(second, first, today)
      if (date !== undefined) found = { date }
    }
    if (found === undefined) {
      rest.push(token)
      continue
    }
    // Two days, or words before the day — but a time may come first ("6pm tomorrow", "half 6 tomorrow")
    if (day !== undefined || (rest.length > 0 && typedClock(rest.join(' ')) === undefined)) return undefined
    day = found
  }
  if (day === undefined) return undefined
  // Busy till a time ("завтра, я на работе до 17"): the day's times after it, a time said not before it
  const { until } = apart
  const notBefore = (hours: DayHours | undefined): DayHours | undefined =>
    until === undefined || (hours !== undefined && hours.from >= until)
      ? hours
      : { from: Math.max(hours?.from ?? 0, until), to: hours?.to ?? 24 * HOUR, byClock: true }
  // "в пятницу после обеда", "tomorrow morning": the day, whose times the client then picks from
  if (rest.length === 0) {
    const hours = notBefore(undefined)
    return hours ? { ...day, hours } : day
  }
  if (saysPartOfDay(rest.join(' '))) {
    const hours = notBefore(hoursOfPart(rest.join(' ')))
    if (hours !== undefined && hours.from >= hours.to) return undefined
    return hours ? { ...day, hours } : day
  }
  const clock = typedClock(rest.join(' '))
  if (clock !== undefined) {
    const after = until === undefined ? clock : clockWhere(clock, (m) => m >= until)
    return after === undefined ? undefined : { ...day, clock: after }
  }
  // The part of the day and an hour in it ("после обеда часа в 4", "ближе к вечеру часов в 6", "в 4
  // после обеда", "afternoon at 3"): the hour in that part, whose times are the day's when it is taken
  const inPart = partAndClock(rest)
  if (inPart === undefined) return undefined
  const after = until === undefined ? inPart.clock : clockWhere(inPart.clock, (m) => m >= until)
  return after === undefined ? undefined : { ...day, clock: after, hours: inPart.hours }
}

/**
 * An hour said with the part of the day it is in and no day ("после обеда часа в 4", "утром в 11",
 * "in the afternoon around 4"), where the day is already chosen: the hour's reading in that part
 * (`partAndClock`), after a time the client is busy till when one is said. Undefined for anything
 * else, a no among the words included ("утром в 11 нет").
 */
export function typedHourInPart(text: string): ReturnType<typeof typedClock> {
  const apart = reasonApart(text)
  const words =
    nahAsNo(apart.rest)
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/\p{L}+|\d{1,2}[.:]\d{2}|\d+/gu) ?? []
  // The words around a day or a choice go, as typedDay drops them (the "в" of "часа в 4" stays)
  const kept = words.filter(
    (word, i) =>
      !(AROUND_DAY.has(word) && !ROUGH_LEAD.test(`${words[i - 1] ?? ''} ${word} `)) &&
      !(AROUND_A_CHOICE.has(word) && word !== 'нет' && word !== 'no'),
  )
  const clock = partAndClock(kept)?.clock
  return clock === undefined || apart.until === undefined
    ? clock
    : clockWhere(clock, (m) => m >= (apart.until as number))
}

/** The most words a part of the day and an hour are said in ("во второй половине дня часиков в 5"). */
const PART_AND_CLOCK_WORDS = 8
/**
 * A part of the day (`saysPartOfDay`) and an hour (`typedClock`) said together, either first, in
 * `words`: the hour's reading in that part ("после обеда часа в 4" is 16:00, "утром в 10" 10:00) and
 * the part's hours. Undefined when they are not so, or disagree ("утром в 5 вечера").
 */
function partAndClock(
  words: readonly string[],
): { clock: NonNullable<ReturnType<typeof typedClock>>; hours: DayHours } | undefined {
  // (Every short text is read here: a long one is no such pair)
  if (words.length > PART_AND_CLOCK_WORDS) return undefined
  for (let cut = 1; cut < words.length; cut++) {
    const head = words.slice(0, cut).join(' ')
    const tail = words.slice(cut).join(' ')
    for (const [part, time] of [
      [head, tail],
      [tail, head],
    ] as const) {
      if (!saysPartOfDay(part)) continue
      const hours = hoursOfPart(part)
      const clock = hours === undefined ? undefined : typedClock(time)
      if (hours === undefined || clock === undefined) continue
      const within = clockWhere(clock, (m) => m >= hours.from && m < hours.to)
      // (Both of the hour's readings in the part, "после 9 в 10": no guess)
      return within === undefined || clockReadings(within).length > 1 ? undefined : { clock: within, hours }
    }
  }
  return undefined
}

/**
 * Whether words typed say a day or a time, as the booking's day picker reads them (on any clock
 * named): what a booking started by those words reads first (`BookingArgs.typed`).
 */
export function saysDayOrTime(text: string, today: string): boolean {
  // Asked of each short private text (a day typed under the bot's offer or word about the call),
  // and again when a move is asked in words: read once, as `words` reads a text once (the day
  // asked on is part of the key)
  return saysDayOrTimeOn(`${today}\n${text}`)
}
const saysDayOrTimeOn = keepLast((key: string): boolean => {
  const today = key.slice(0, key.indexOf('\n'))
  const text = key.slice(key.indexOf('\n') + 1)
  const words = clockSaidIn(text)?.rest ?? text
  return typedDay(words, today) !== undefined || typedClock(words) !== undefined || typedFromNow(words) !== undefined
})

/**
 * A time counted from now, as people put a call off a little ("через час", "через 2 часа", "через
 * полтора часа", "минут через 20", "через минут 40", "перезвоните через часик", "in an hour", "in
 * 30 minutes", "can you call me back in half an hour?"): how many minutes from now. The words
 * around it are those around a choice (`AROUND_A_CHOICE`), a "примерно" or an "about" beside it,
 * and a reason said first ("я на работе, перезвоните через час": `withoutReason`); any other ("через
 * час буду свободна", "сделаете через 2 часа?") makes it none, as does a span of days ("через
 * неделю": a day, not a time). Undefined when none is said.
 */
export function typedFromNow(text: string): number | undefined {
  const apart = reasonApart(text)
  // Busy till a time ("через час, я на работе до 17"): whether the hour is after it, a person reads
  if (apart.until !== undefined) return undefined
  const said =
    nahAsNo(apart.rest)
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/\p{L}+|\d+(?:[.,]\d+)?/gu) ?? []
  let minutes: number | undefined
  for (let i = 0; i < said.length; ) {
    const word = said[i] as string
    if (minutes === undefined && FROM_NOW.has(word)) {
      // "Через примерно час", "in about an hour"
      const from = ROUGHLY_SAID.has(said[i + 1] ?? '') ? i + 2 : i + 1
      const span = spanAt(said, from)
      if (span !== undefined) {
        minutes = span.minutes
        i = from + span.length
        continue
      }
    }
    // «Минут через 20», «часа через два»: the unit before the "через", its number after
    const unitFirst =
      minutes === undefined && FROM_NOW.has(said[i + 1] ?? '') ? spanAt([word, ...said.slice(i + 2)], 0) : undefined
    if (unitFirst !== undefined) {
      minutes = unitFirst.minutes
      i += unitFirst.length + 1
      continue
    }
    if (!AROUND_A_CHOICE.has(word) && !AROUND_FROM_NOW.has(word) && !ROUGHLY_SAID.has(word)) return undefined
    i++
  }
  return minutes
}
/** The words a time counted from now follows: "через", "in". */
const FROM_NOW = new Set(['через', 'in'])
/** The words that make it rough, which change nothing here: "примерно через час", "in about an hour". */
const ROUGHLY_SAID = new Set(['примерно', 'приблизительно', 'где', 'то', 'about', 'around', 'roughly'])
/** Words a call put off is asked with, besides those around a choice: "могли бы перезвонить через час?". */
const AROUND_FROM_NOW = new Set(['могли', 'можете', 'сможете', 'бы', 'вы', 'ли', 'нам'])

/**
 * The text without a short reason said before a day or a time ("я на работе, давайте завтра в 18",
 * "сейчас неудобно, перезвоните через час", "ой, я за рулём — можно завтра в 10?", "I'm at work,
 * can we do tomorrow at 6 instead?", «Занята. Давайте в среду в 12») or after it ("завтра в 18, я на
 * работе до 17", "tomorrow at 6pm, I'm at work till 5"): its clauses, up to a comma, a stop or a dash
 * set apart, each of a few words of being busy (`BUSY`) and the words said around it (`AROUND_BUSY`,
 * those around a choice), and a time it lasts till ("до 17", "till 5") — a reason tells why another
 * time, and asks nothing. The text as it was when no such reason begins or ends it: a question ("вы
 * работаете в субботу? завтра в 3") or any other word ("я в Москве, завтра в 3") is more than a
 * reason, and the day after it is read as the whole text is.
 */
export function withoutReason(text: string): string {
  return reasonApart(text).rest
}

/**
 * The words of a reason said after the day or the time ("я на работе до 17" of "завтра в 18, я на
 * работе до 17"), as typed: what the client adds to the time they chose, for whoever calls. One said
 * first ("я на работе, давайте завтра в 18") only tells why not now: undefined, as for no reason.
 */
export function reasonAfterTime(text: string): string | undefined {
  return reasonApart(text).after
}

/**
 * A text's reasons set apart (`withoutReason`): the rest, the reason said after it as typed, and the
 * time the client is busy till ("до 17": minutes after midnight, `laterHour`), which a time said with
 * it must not be before.
 */
function reasonApart(text: string): { rest: string; after?: string; until?: number } {
  let rest = text
  let busy = false
  let until: number | undefined
  // Said first: clause by clause from the start
  for (;;) {
    const end = CLAUSE_END.exec(rest)
    if (end === null) break
    const reason = reasonIn(rest.slice(0, end.index))
    if (reason === undefined) break
    busy ||= reason.busy
    until ??= reason.until
    rest = rest.slice(end.index + end[0].length)
  }
  if (!busy || rest.trim() === '') {
    rest = text
    until = undefined
  }
  // Said after: clause by clause from the end
  const ends = [...rest.matchAll(CLAUSE_ENDS)]
  let cut = rest.length
  let busyAfter = false
  let untilAfter: number | undefined
  for (let k = ends.length - 1; k >= 0; k--) {
    const end = ends[k] as RegExpExecArray
    const reason = reasonIn(rest.slice(end.index + end[0].length, cut))
    if (reason === undefined) break
    busyAfter ||= reason.busy
    untilAfter ??= reason.until
    cut = end.index
  }
  const front = rest.slice(0, cut)
  if (!busyAfter || front.trim() === '') return until === undefined ? { rest } : { rest, until }
  const after = rest.slice(cut).replace(CLAUSE_START, '').trim()
  const till = until ?? untilAfter
  return till === undefined ? { rest: front, after } : { rest: front, after, until: till }
}

/**
 * A clause that is a reason (`withoutReason`), whether it says being busy (or only the words around
 * it), and the time it lasts till; undefined for a clause that says more.
 */
function reasonIn(clause: string): { busy: boolean; until?: number } | undefined {
  const tillSaid = UNTIL_TIME.exec(clause)
  const until = tillSaid ? typedClock(tillSaid[1] as string) : undefined
  if (tillSaid && until === undefined) return undefined
  const words = tillSaid ? clause.slice(0, tillSaid.index) + clause.slice(tillSaid.index + tillSaid[0].length) : clause
  // (Digits are a time's or a date's, and a question asks more: no reason has them)
  if (/[\d?？¿]/u.test(words)) return undefined
  const said: readonly string[] =
    words
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/\p{L}+/gu) ?? []
  const reason =
    said.length > 0 &&
    said.length <= REASON_WORDS &&
    said.every((w) => BUSY.test(w) || AROUND_BUSY.has(w) || AROUND_A_CHOICE.has(w))
  if (!reason) return undefined
  const busy = said.some((w) => BUSY.test(w)) || (said.includes('не') && said.some((w) => NOT_NOW.test(w)))
  return until === undefined ? { busy } : { busy, until: laterHour(until) }
}
/** The time a reason lasts till: "до 17", "до 17:00", "till 5", "until 5pm", "до 5 вечера". */
const UNTIL_TIME =
  /(?<![\p{L}\d])(?:до|till|til|until)\s+(\d{1,2}(?:[:.]\d{2})?(?:\s?(?:am|pm))?(?:\s(?:утра|дня|вечера))?)(?![\p{L}\d])/iu
/** What a reason said after the time begins with: the clause end before it. */
const CLAUSE_START = /^[\s,.;!…—–-]+/u
/** Where a reason's clause ends: a comma, a stop or an "!" and a space after, or a dash ("—", " - "). */
const CLAUSE_END = /(?:[,.;!…]+\s+|\s*[—–]+\s*|\s+-+\s+)/u
const CLAUSE_ENDS = new RegExp(CLAUSE_END.source, 'gu')
/** A reason is said in a few words: more is a message of its own. */
const REASON_WORDS = 6
/** Words of being busy now: at work, driving, in a meeting, «занята», «неудобно», "can't talk". */
const BUSY =
  /^(?:работ\p{L}*|занят\p{L}*|рулем|дороге|пути|неудобно|совещании|встрече|собрании|busy|work|working|driving|meeting|road|talk)$/u
/** …and, after a "не", of not being able to now: «сейчас не могу», «не удобно», «сегодня не получится», «раньше не смогу». */
const NOT_NOW = /^(?:могу|смогу|удобно|получается|получится)$/u
/** Words said around being busy: who, now, an "ой", a sorry («я сейчас на работе», "sorry, I'm in a meeting right now"). */
const AROUND_BUSY = new Set([
  ...['я', 'мы', 'сейчас', 'сегодня', 'пока', 'еще', 'уже', 'тут', 'на', 'за', 'в', 'не', 'к', 'сожалению', 'у'],
  ...['меня', 'прямо', 'могу', 'смогу', 'удобно', 'получается', 'получится', 'говорить', 'разговаривать', 'ой'],
  // («раньше не смогу» after the time: not before it)
  'раньше',
  ...['i', 'm', 'am', 'we', 're', 'are', 'at', 'in', 'a', 'on', 'the', 'right', 'now', 'today', 'sorry', 'oh'],
  ...['can', 't', 'cant', 'currently', 'still', 'just', 'call'],
])

/**
 * The zone a client's answer to "where are you?" names (/timezone's question, and booking's after a
 * "my time"): hours and minutes as a clock shows them now ("11:05"; "в три" or "около 5" is a time
 * for something else, and a bare hour cannot tell 15:00 from a quarter to four), else a city — a
 * button's ("Владивосток", "я в Новосибирске"), else one of the time zone database ("London").
 * `clock` when it was a clock, whether or not it named a zone.
 */
export function zoneSaidIn(text: string, at: number, businessTz: string): { zone?: string; clock: boolean } {
  const typed = /\d[:.]\d\d/.test(text) ? typedClock(text) : undefined
  if (typed !== undefined && !typed.rough) return { zone: zoneForTypedTime(typed.minutes, at, businessTz), clock: true }
  const zones = offeredZones(businessTz, at)
  return { zone: zoneNamedIn(text, zones, at) ?? cityWithItsTime(text, zones, at), clock: false }
}

/** How far the time said beside a city may be from its clock now: people round it ("десять вечера" at 21:40). */
const CITY_CLOCK_SLACK_MIN = 60
/** A place and its time are said in a few words: more is a message of its own. */
const CITY_AND_TIME_WORDS = 12
/**
 * A city named with the time it is there ("у нас в хабаровске сейчас десять вечера", "Омск, 14:05"):
 * its zone, when its clock shows about that time now (CITY_CLOCK_SLACK_MIN either way; "десять"
 * without its part of the day is 10:00 or 22:00) — the time, said in words or rounded, confirms
 * the city rather than giving a zone of its own. Undefined when no city is named, or its clock
 * shows another time (which of the two is wrong, only the client can say).
 */
function cityWithItsTime(text: string, zones: readonly string[], at: number): string | undefined {
  const pieces = text.trim().split(/\s+/)
  if (pieces.length > CITY_AND_TIME_WORDS) return undefined
  // The time: a few words in a row ("сейчас десять вечера", "в 22:00"), the city in the rest
  for (let from = 0; from < pieces.length; from++) {
    for (let to = from + 1; to <= Math.min(pieces.length, from + 4); to++) {
      const clock = typedClock(pieces.slice(from, to).join(' '))
      if (clock === undefined) continue
      const rest = [...pieces.slice(0, from), ...pieces.slice(to)].join(' ')
      const zone = zoneNamedIn(rest, zones, at)
      if (zone === undefined) continue
      const there = DateTime.fromMillis(at, { zone })
      const now = there.hour * 60 + there.minute
      const meant = clock.half === undefined ? [clock.minutes, clock.minutes + 12 * 60] : [clock.minutes]
      const off = (m: number) => Math.min(Math.abs(m - now), 24 * 60 - Math.abs(m - now))
      if (meant.some((m) => off(m % (24 * 60)) <= CITY_CLOCK_SLACK_MIN)) return zone
    }
  }
  return undefined
}

/**
 * Whose clock a time typed is on, when words say so: the client's own ("my time", "local time",
 * "по моему времени", "по-моему времени" — not "по-моему" alone, which is "I think"), ours
 * ("your time", "по вашему времени"), or a zone named ("мск", "по Москве", "ET", "Pacific time").
 */
export type ClockSaid = 'own' | 'ours' | { zone: string }
const B = '(?<![\\p{L}\\d])'
const E = '(?![\\p{L}])'
const ON_A_CLOCK: ReadonlyArray<readonly [RegExp, ClockSaid]> = [
  [/(?:in |on |at )?my (?:own )?(?:local )?(?:time(?: ?zone)?|clock)|local time/, 'own'],
  [
    /по[\s-]моему (?:местному )?времени|по моим часам|по моему часовому поясу|моего времени|по местному(?: времени)?/,
    'own',
  ],
  [
    /(?:in |on |at )?your (?:local )?(?:time(?: ?zone)?|clock)|по[\s-]вашему(?: времени)?|по вашим часам|вашего времени/,
    'ours',
  ],
  [
    /(?:по )?мск|msk|по москве|по московскому(?: времени)?|московского времени|(?:in )?moscow time/,
    { zone: 'Europe/Moscow' },
  ],
  // The two-letter names only right after a time ("11am PT", "3 ET"): "CT scan", "et cetera" and
  // "the Pacific account" name no clock
  [
    /(?<=\d\s?(?:[ap]\.?m\.?\s?)?)et|(?:in )?(?:est|edt|eastern time|(?:new york|nyc?) time)|по нью[\s-]йорку/,
    { zone: 'America/New_York' },
  ],
  [/(?<=\d\s?(?:[ap]\.?m\.?\s?)?)ct|(?:in )?(?:cst|cdt|central time|chicago time)/, { zone: 'America/Chicago' }],
  [/(?<=\d\s?(?:[ap]\.?m\.?\s?)?)mt|(?:in )?(?:mst|mdt|mountain time|denver time)/, { zone: 'America/Denver' }],
  [
    /(?<=\d\s?(?:[ap]\.?m\.?\s?)?)pt|(?:in )?(?:pst|pdt|pacific time|(?:la|california) time)/,
    { zone: 'America/Los_Angeles' },
  ],
  [/(?:in )?(?:gmt|bst|uk time|london time)|по лондону/, { zone: 'Europe/London' }],
].map(([re, said]) => [new RegExp(`${B}(?:${(re as RegExp).source})${E}`, 'u'), said as ClockSaid] as const)

/**
 * The clock a text says its time is on (`ClockSaid`), and the text without those words ("wednesday
 * 2pm my time" → "wednesday 2pm"); undefined when it names none, or more than one.
 */
export function clockSaidIn(text: string): { clock: ClockSaid; rest: string } | undefined {
  const lower = text.toLowerCase().replaceAll('ё', 'е')
  const found = ON_A_CLOCK.flatMap(([re, clock]) => {
    const match = re.exec(lower)
    return match ? [{ clock, match }] : []
  })
  if (found.length !== 1) return undefined
  const { clock, match } = found[0] as (typeof found)[number]
  const rest = `${lower.slice(0, match.index)} ${lower.slice(match.index + match[0].length)}`
    .replace(/[()]/g, ' ')
    .replace(/\s+[,;]|[,;]\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return { clock, rest }
}
