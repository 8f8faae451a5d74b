/**
 * The languages the bot speaks: its own texts (`src/locales/<code>/*.ftl`) exist in these. The
 * one list: the settings' DEFAULT_LOCALE, the content file's languages, /language and the
 * command menus all read it.
 */
export const LANGUAGES = ['ru', 'en'] as const
export type Locale = (typeof LANGUAGES)[number]
