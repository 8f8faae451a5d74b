import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { describeContacts, describeWorkingHours, zoneLabel } from '../../format.ts'
import { backKeyboard, mainMenuKeyboard, menuCallback } from '../keyboards/main-menu.ts'
import type { BotScopes } from '../scopes.ts'

/**
 * The menu buttons "back to menu" and About/contacts; every other entry is
 * handled by its own feature.
 * Installed after the conversations, so a flow in progress decides first
 * whether a menu button ends it.
 */
export function registerMenuFeature(deps: Deps, scopes: BotScopes): void {
  const feature = scopes.private

  feature.callbackQuery(menuCallback.filter, async (ctx, next) => {
    const [item] = menuCallback.unpack(ctx.callbackQuery.data) ?? []
    if (!item) return next() // forged or stale: the unhandled handler answers it
    if (item === 'main') {
      await ctx.answerCallbackQuery()
      return ctx.reply(ctx.t('menu-title'), { reply_markup: mainMenuKeyboard(ctx) })
    }
    const locale = await ctx.i18n.getLocale()
    const content = deps.content.get()
    if (item === 'about') {
      await ctx.answerCallbackQuery()
      const values = content.business.values ? `\n\n${pickText(content.business.values, locale)}` : ''
      return ctx.reply(
        ctx.t('about-text', {
          business: pickText(content.business.name, locale),
          about: pickText(content.business.about, locale),
          values,
          hours: describeWorkingHours(content, locale),
          // In the business's zone, named as every other time the client reads is
          zone: zoneLabel(content.business.timezone, locale, deps.clock.now()),
          contacts: describeContacts(content, locale),
        }),
        { reply_markup: backKeyboard(ctx), link_preview_options: { is_disabled: true } },
      )
    }
    return next()
  })
}
