import { I18n } from '@grammyjs/i18n'
import type { MiddlewareFn } from 'grammy'
import { negotiateLocale } from '../format.ts'
import { LOCALES_DIR } from '../locales/generate-keys.ts'
import type { LocaleKey } from '../locales/keys.ts'
import { LANGUAGES, type Locale } from '../locales/languages.ts'
import type { BaseContext, TranslationArgs } from './context.ts'

/**
 * The plugin with `t` / `translate` taking only keys the .ftl files define (the plugin's
 * own signatures take any string; the functions are the same).
 */
export interface TypedI18n extends Omit<I18n<BaseContext>, 't' | 'translate' | 'middleware'> {
  t(locale: string, key: LocaleKey, args?: TranslationArgs): string
  translate(locale: string, key: LocaleKey, args?: TranslationArgs): string
  middleware(): MiddlewareFn<BaseContext>
}

/**
 * Fluent translations from src/locales/<locale>/*.ftl (one file per feature).
 * In a private chat the locale comes from the client row, never from a session, so it is
 * right inside conversations too (they have no session): conversations install the same
 * client loader before this middleware. In any other chat (the staff group) it is
 * `defaultLocale`, the staff's language: what the bot writes there is read by every
 * colleague, so it must not follow the Telegram language of whoever wrote or pressed —
 * the answer to a manager's command reads as the card above it does, and so does the
 * toast of a button pressed there. An update without a chat (a pre-checkout query) is the
 * sender's own and keeps the sender's language.
 */
export function createI18n(
  defaultLocale: Locale,
  /** The languages the bot speaks with the update's sender, client or team (languagesOf). */
  allowed: (ctx: BaseContext) => readonly Locale[] = () => LANGUAGES,
  /** The business's own words for a key (contentWording), taking the place of the .ftl text. */
  wording?: (locale: string, key: string) => string | undefined,
): TypedI18n {
  const i18n = new I18n<BaseContext>({
    defaultLocale,
    directory: LOCALES_DIR,
    useSession: false,
    // Unicode isolation marks around variables show up as garbage in Telegram clients
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) =>
      ctx.chat && ctx.chat.type !== 'private'
        ? defaultLocale
        : negotiateLocale(ctx.client?.language, ctx.from?.language_code, defaultLocale, allowed(ctx)),
  })
  if (wording) {
    // Every translation goes through this one call (ctx.t, i18n.t, a locale's withLocale), so
    // the business's words reach each place the key is shown, and follow a new content file
    const { fluent } = i18n
    const translate = fluent.translate.bind(fluent)
    fluent.translate = (locales, key, variables) =>
      wording((Array.isArray(locales) ? locales[0] : locales) ?? defaultLocale, key) ??
      translate(locales, key, variables)
  }
  // The plugin types keys and its context's `t` as any string; ours are the known keys only
  return i18n as unknown as TypedI18n
}
