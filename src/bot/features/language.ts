import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import type { Deps } from '../../deps.ts'
import { languagesOf } from '../../format.ts'
import { LANGUAGES } from '../../locales/languages.ts'
import { defineCallback } from '../callback-data.ts'
import { setOwnMenu } from '../commands.ts'
import { removeButtons } from '../courtesy.ts'
import { backKeyboard } from '../keyboards/main-menu.ts'
import type { BotScopes } from '../scopes.ts'

export const languageCallback = defineCallback('lang', [z.enum(LANGUAGES)])

/**
 * /language: the client's choice is stored and from then on wins over
 * Telegram's language. Registered before the conversations, so it works in
 * the middle of a flow too; the flow continues in the new language.
 */
export function registerLanguageFeature(deps: Deps, scopes: BotScopes): void {
  const feature = scopes.private

  feature.command('language', async (ctx) => {
    const keyboard = new InlineKeyboard()
    // A client: only the languages this business speaks; someone on the team: any (languagesOf)
    for (const locale of languagesOf(ctx, deps.content.get())) {
      keyboard.text(ctx.t(`language-name-${locale}`), languageCallback.pack(locale))
    }
    await ctx.reply(ctx.t('language-choose'), { reply_markup: keyboard })
  })

  feature.callbackQuery(languageCallback.filter, async (ctx, next) => {
    const [locale] = languageCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!locale || !client || !languagesOf(ctx, deps.content.get()).includes(locale)) {
      return next()
    }
    deps.services.clients.setLanguage(client.id, locale, true)
    client.language = locale
    ctx.i18n.useLocale(locale)
    await ctx.answerCallbackQuery()
    await removeButtons(ctx)
    await ctx.reply(ctx.t('language-set'), { reply_markup: backKeyboard(ctx) })
    // The chat's own menu, in the new language: the per-language ones follow the app's
    await setOwnMenu(ctx.api, deps, ctx.from.id)
  })
}
