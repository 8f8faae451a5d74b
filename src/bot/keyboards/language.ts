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

/** One button per language, each named in its own words. */
export function languageKeyboard(t: Translate, locales: readonly Locale[]): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  for (const locale of locales) keyboard.text(t(`language-name-${locale}`), languageCallback.pack(locale))
  return keyboard
}
