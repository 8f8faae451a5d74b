import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { LANGUAGES, type Locale } from '../../locales/languages.ts'
import { defineCallback } from '../callback-data.ts'
import type { Translate } from '../context.ts'

/**
 * /language's choice. Stored by the language feature; a question flow waiting for an
 * answer takes it too, to ask its question again in the new language.
 */
export const languageCallback = defineCallback('lang', [z.enum(LANGUAGES)])

/**
 * A language by its own name, as /language offers it ("🇬🇧 English"). A stored code the bot
 * does not speak (any more) has no name: it is shown as it is.
 */
export function languageName(t: Translate, code: string): string {
  return (LANGUAGES as readonly string[]).includes(code) ? t(`language-name-${code as Locale}`) : code
}

/** One button per language, each named in its own words. */
export function languageKeyboard(t: Translate, locales: readonly Locale[]): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  for (const locale of locales) keyboard.text(languageName(t, locale), languageCallback.pack(locale))
  return keyboard
}
