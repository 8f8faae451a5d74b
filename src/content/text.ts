/**
 * A user-facing text in the content file: either one string (used for every
 * language) or a per-language map such as `{ ru: 'Привет', en: 'Hello' }`.
 */
export type Text = string | Readonly<Record<string, string>>

/** The language every per-language map must contain; the bot falls back to it. */
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
