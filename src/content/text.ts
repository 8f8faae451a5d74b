/**
 * A user-facing text in the content file: either one string (used for every
 * language) or a per-language map such as `{ ru: 'Привет', en: 'Hello' }`.
 */
export type Text = string | Readonly<Record<string, string>>

/**
 * The language a text falls back to when it has no variant in the reader's: the first the bot
 * speaks, the main language of a file that lists no `languages`. A file whose first language is
 * another has that one in every text written per language (loader.ts checks it), and with the
 * two languages the bot speaks, a text without the reader's then holds only that one, which
 * pickText's last resort takes.
 */
export const DEFAULT_LANGUAGE = 'ru'

/**
 * Picks the variant of `text` for `locale`: the exact locale, then its base
 * language (`en-US` → `en`, since Telegram may send regional codes), then
 * `fallbackLocale`, then whatever variant exists, so a client never sees an
 * empty message because one translation is missing.
 */
export function pickText(text: Text, locale: string, fallbackLocale: string = DEFAULT_LANGUAGE): string {
  if (typeof text === 'string') return text
  const baseLanguage = locale.split(/[-_]/)[0] ?? locale
  for (const candidate of [locale, baseLanguage, fallbackLocale]) {
    const value = text[candidate]
    if (value !== undefined) return value
  }
  return Object.values(text)[0] ?? ''
}
