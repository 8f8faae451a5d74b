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
  const alike = items.filter((item) => plainLabel(labelOf(item)) === words)
  if (alike.length > 0) return alike.length === 1 ? alike[0] : undefined
  const headed = items.filter((item) => labelHead(labelOf(item)) === words)
  // Only when no other label starts with those words: "нет" beside «Нет, нужно сделать» and
  // «Нет логотипа» could be either
  const startsSo = items.filter((item) => `${plainLabel(labelOf(item))} `.startsWith(`${words} `))
  return headed.length === 1 && startsSo.length === 1 ? headed[0] : undefined
}

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
    const label = plainLabel(labelOf(item))
    return label !== '' && count <= label.split(' ').length + extra && ` ${words} `.includes(` ${label} `)
  })
  return found.length === 1 ? found[0] : undefined
}

/**
 * Labels typed as a list ("сроки, гарантия"): every part must name one item, or the list
 * names none (a part that is no label may be a note for a person, not a choice).
 */
export function matchLabels<T>(typed: string, items: readonly T[], labelOf: (item: T) => string): T[] | undefined {
  const parts = typed
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
  if (parts.length < 2) return undefined
  const found: T[] = []
  for (const part of parts) {
    const item = matchLabel(part, items, labelOf)
    if (item === undefined) return undefined
    if (!found.includes(item)) found.push(item)
  }
  return found
}

/**
 * A time of day typed where times are offered ("15", "15:30", "в 15.00", "3pm", "at 3 PM", "15 ч"):
 * minutes after midnight, and whether "am" or "pm" was said (without it, "3" may be 3:00 or
 * 15:00: the caller knows which of them it offers). Undefined for anything else.
 */
export function typedClock(text: string): { minutes: number; half?: 'am' | 'pm' } | undefined {
  const match =
    /^(?:в|во|к|около|at|around)?\s*(\d{1,2})(?:[:.\-\s](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|ч\.?|час(?:а|ов)?|h)?$/u.exec(
      text.trim().toLowerCase(),
    )
  if (!match) return undefined
  const hours = Number(match[1])
  const minutes = Number(match[2] ?? 0)
  const half = match[3]?.startsWith('a') ? 'am' : match[3]?.startsWith('p') ? 'pm' : undefined
  if (minutes > 59 || hours > (half ? 12 : 23) || (half && hours === 0)) return undefined
  const at = (half === 'pm' ? (hours % 12) + 12 : half === 'am' ? hours % 12 : hours) * 60 + minutes
  return half ? { minutes: at, half } : { minutes: at }
}
