import { fileURLToPath } from 'node:url'
import { I18n } from '@grammyjs/i18n'
import { type Locale, SUPPORTED_LOCALES } from '../config.ts'
import { negotiateLocale } from '../format.ts'
import type { BaseContext } from './context.ts'

export const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url))

/**
 * Fluent translations from src/locales/<locale>/*.ftl (one file per feature).
 * The locale comes from the client row, never from a session, so it is right
 * inside conversations too (they have no session): conversations install the same client
 * loader before this middleware.
 */
export function createI18n(
  defaultLocale: Locale,
  allowed: () => readonly Locale[] = () => SUPPORTED_LOCALES,
): I18n<BaseContext> {
  return new I18n<BaseContext>({
    defaultLocale,
    directory: LOCALES_DIR,
    useSession: false,
    // Unicode isolation marks around variables show up as garbage in Telegram clients
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => negotiateLocale(ctx.client?.language, ctx.from?.language_code, defaultLocale, allowed()),
  })
}
