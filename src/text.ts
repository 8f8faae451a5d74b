import { createHash } from 'node:crypto'

/** Telegram's limits on what one message can carry. */
export const MESSAGE_MAX = 4096
export const CAPTION_MAX = 1024
/** Telegram's limit on a callback answer's text (the pop-up under a pressed button). */
export const CALLBACK_ANSWER_MAX = 200

/**
 * What an order is for (the product's title and what staff typed after /invoice), at most this
 * long in its invoice and reminders: the content check keeps room for it beside the payment details.
 */
export const ORDER_WHAT_MAX = 300

/**
 * Six hex characters over `text`: what a button carries to tell whether the thing it was made
 * for (a question's options, a summary's answers, a review link) is still the same. Short, as
 * callback data is; not a secret.
 */
export function shortFingerprint(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 6)
}

/**
 * Lower case, with ё as е: Russian writes Фёдор and Федор alike, so names and words are
 * compared folded (search, erasure, thanks, staff names).
 */
export function folded(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е')
}

/**
 * The first paragraph of a text, on one line: what a reply answers, without the lines under it
 * (a broadcast's "Отписаться от рассылки: /stop", a confirmation's "how to cancel"), or the
 * client's question as the card quotes it.
 */
export function leadParagraph(text: string): string {
  return (text.trim().split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim()
}

/**
 * Shortens text to at most `max` characters, ending with "…" when cut. Cuts on
 * code points, so an emoji is never split into half a surrogate pair (which
 * Telegram rejects). Apply it to plain text, before any HTML escaping.
 */
export function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text
}

/**
 * Whether `text` ends a sentence itself ("тиснение А.Н.", "Срочно!", "лендинг…"): a template that
 * closes it with a dot says 'yes' and adds none ("…А.Н.. Отправлен клиенту" read as a typo).
 */
export function endsSentence(text: string): 'yes' | 'no' {
  return /[.!?…]$/u.test(text.trimEnd()) ? 'yes' : 'no'
}

/**
 * The first line of a text with words in it, on one line and at most `max` characters: cut at a
 * word when one ends in its second half, the punctuation before the cut dropped, "…" after it
 * ("Скидка 20% на лендинги до пятницы…"). What names a message among others like it. Plain text.
 */
export function headline(text: string, max: number): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').replace(/\s+/g, ' ').trim()
  const chars = Array.from(line)
  if (chars.length <= max) return line
  const cut = chars.slice(0, max - 1).join('')
  // Cut at a space (or right before one): no half word, unless the word is most of the line
  const space = chars[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ')
  const words = space >= cut.length / 2 ? cut.slice(0, space) : cut
  return `${words.replace(/[\s,;:.!?—–-]+$/u, '')}…`
}

/**
 * The first `shown` items of a list, joined with `separator`, and how many are left out: a
 * list that grows with the business (products, saved replies, tags) is named in a message
 * of at most 4096 characters by its head and a count, never in full.
 */
export function headOf(items: readonly string[], shown: number, separator: string): { list: string; more: number } {
  return { list: items.slice(0, shown).join(separator), more: Math.max(0, items.length - shown) }
}

/** Clips to `max` UTF-16 units, as Telegram counts a message's length (an emoji is two). */
export function clipUtf16(text: string, max: number): string {
  let out = clip(text, max)
  while (out.length > max) out = clip(out, Array.from(out).length - 1)
  return out
}

/**
 * A plain text (no parse mode) as messages of at most `max` UTF-16 units, for a report that
 * must arrive whole rather than be cut short. Sections (parted by a blank line) stay together
 * where they fit: one that does not fit what is left of a message starts the next, and one
 * longer than a whole message starts its own and is cut between its lines. A single line
 * longer than a message is clipped. Never used on HTML: a cut there could leave a tag open.
 */
export function splitMessage(text: string, max: number): string[] {
  if (text.length <= max) return [text]
  const messages: string[] = []
  let current = ''
  const flush = () => {
    // Telegram refuses a message of nothing but spaces
    if (current.trim()) messages.push(current)
    current = ''
  }
  const fits = (separator: string, piece: string) => current.length + separator.length + piece.length <= max
  for (const section of text.split('\n\n')) {
    if (current && fits('\n\n', section)) {
      current += `\n\n${section}`
      continue
    }
    flush()
    if (section.length <= max) {
      current = section
      continue
    }
    for (const line of section.split('\n')) {
      const piece = clipUtf16(line, max)
      if (current && fits('\n', piece)) current += `\n${piece}`
      else {
        flush()
        current = piece
      }
    }
  }
  flush()
  return messages
}

/**
 * `read`, with the last text it read and its result kept: a client's message is read by a
 * dozen readers in one update (is it a yes, a no, a thanks, a claim to have paid, a call asked
 * for…), each of which split it into words again. One text is held, until the next one is read
 * or its update ends (`forgetKeptTexts`). The result must not be changed by its callers (frozen when it is an array).
 */
export function keepLast<T>(read: (text: string) => T): (text: string) => T {
  let last: { text: string; result: T } | undefined
  kept.add(() => {
    last = undefined
  })
  return (text) => {
    if (last?.text === text) return last.result
    const result = read(text)
    if (Array.isArray(result)) Object.freeze(result)
    last = { text, result }
    return result
  }
}

/**
 * The words of a text, in small letters, "ё" as "е", split anew each time: for texts of the
 * bot's own (a product's title) that must not take the client's text's place in `words`.
 */
export function splitWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(/\p{L}+/gu) ?? []
  )
}

/** How to forget what each `keepLast` holds. */
const kept = new Set<() => void>()

/**
 * Every text `keepLast` holds, forgotten: at the end of each update, so a client's words stay in
 * memory no longer than the update they came with (one who erased their data with /forget may
 * be the last to have written for hours).
 */
export function forgetKeptTexts(): void {
  for (const forget of kept) forget()
}

/** The words of a text, as `splitWords` gives them: what typed answers are read by. */
export const words: (text: string) => readonly string[] = keepLast(splitWords)

/** A greeting a message to a client opens with, before their name ("Hi Jess", "Добрый день, Анна!"). */
const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|привет|здравствуйте|добрый (?:день|вечер)|доброе утро)(?:[\s,!]+)/iu

/**
 * The name a message opens with, as one writes to a person: after a greeting ("Hi Jess, …",
 * "Добрый день, Анна!"), or alone before a comma or "!" ("Jess, so sorry…"). Undefined when it
 * opens otherwise.
 */
export function addressedName(text: string): string | undefined {
  const trimmed = text.trim()
  const rest = trimmed.replace(GREETING, '')
  const greeted = rest !== trimmed
  const name = (greeted ? /^(\p{Lu}[\p{Ll}'’-]+)(?![\p{L}])/u : /^(\p{Lu}[\p{Ll}'’-]+)(?=\s*[,!])/u).exec(rest)
  return name?.[1]
}

/**
 * The language a text is written in, as far as its letters tell: Russian when Cyrillic letters
 * are as many as Latin ones or more ("Скидка 10% на SEO"), English with no Cyrillic letter and two
 * words of three Latin letters or more ("Balayage deposit"; one word, "landing", or a brand, tells
 * nothing). Undefined otherwise. What a client reads in another language is said to the team.
 */
export function writtenIn(text: string): 'ru' | 'en' | undefined {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0
  if (cyrillic > 0) return cyrillic >= latin ? 'ru' : undefined
  return (text.match(/\p{Script=Latin}{3,}/gu)?.length ?? 0) >= 2 ? 'en' : undefined
}

/**
 * The words without the kisses a message may end with ("all sorted thanks x", "lovely xx",
 * "xoxo"): a sign-off, as a name is, not a word of the answer.
 */
export function withoutKisses(said: readonly string[]): string[] {
  let end = said.length
  while (end > 0 && /^(?:x+|(?:xo)+x?)$/.test(said[end - 1] as string)) end--
  return said.slice(0, end)
}

/** The closest candidate within a small edit distance, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3))
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance }
  }
  return best?.candidate
}

/** Edits (insert, delete, replace, swap two neighbours) to turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1)
      }
      row[j] = distance
    }
  }
  return at(a.length, b.length)
}

/** A file system error in plain words ("no such file", "permission denied"). */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES') return 'permission denied'
  if (code === 'EISDIR') return 'it is a folder, not a file'
  return (error as Error).message
}

/** Words quoted as the language quotes them: «…» in Russian, “…” in English. */
export function quoted(text: string, locale: string): string {
  return locale === 'en' ? `“${text}”` : `«${text}»`
}
