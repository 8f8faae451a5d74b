import { InlineKeyboard } from 'grammy'
import { labelWithin, matchLabel } from '../../../conversations/typed-label.ts'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { describeContacts, describeWorkingHours } from '../../format.ts'
import { chatKind, replyKeyboardsAllowed } from '../client-chat.ts'
import {
  backKeyboard,
  clientMarkup,
  MAIN_MENU_ITEMS,
  mainMenuKeyboard,
  menuCallback,
  menuItemOffered,
} from '../keyboards/main-menu.ts'
import { zoneForReader } from '../reader-zone.ts'
import type { BotScopes } from '../scopes.ts'
import { wantsACall } from '../typed-answers.ts'
import { talkToManager } from './handoff.ts'

/**
 * The menu buttons "back to menu" and About/contacts (every other entry is handled by its own
 * feature), and a menu item's words typed.
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
      return ctx.reply(
        ctx.t('menu-title', { chat: chatKind(ctx) }),
        clientMarkup(ctx, mainMenuKeyboard(ctx, deps.content.get())),
      )
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
          // In the business's zone, named as every other time the client reads is — and, hours
          // being a list of times, by how much the client's clock differs once they gave it
          zone: zoneForReader(ctx.t.bind(ctx), {
            businessTz: content.business.timezone,
            clientTz: ctx.client?.timezone,
            locale,
            at: deps.clock.now(),
            difference: true,
          }),
          contacts: describeContacts(content, locale),
        }),
        { ...clientMarkup(ctx, backKeyboard(ctx)), link_preview_options: { is_disabled: true } },
      )
    }
    return next()
  })

  // A menu item's words typed ("заказать звонок", "I want to find the right service"): what its
  // button does — asking for a person is done at once; any other is its button, one tap away.
  // Not while a request is open (a manager reads the words), nor in a team member's own chat;
  // after a closed one too, where writing again would reopen it
  feature.on('message:text', async (ctx, next) => {
    const text = ctx.msg.text
    if (!ctx.client || text.startsWith('/') || (ctx.staffRole && replyKeyboardsAllowed(ctx))) return next()
    // (Asked first: most words typed in a request are for its manager, and reading them against
    // every label cost more than this one look-up)
    if (deps.services.handoff.isOpen(ctx.client.id)) return next()
    // Each label translated once: the matchers read every label several times, on every message
    // Only what the menu offers: "подобрать услугу" with no quiz would get a button to nothing
    const content = deps.content.get()
    const items = MAIN_MENU_ITEMS.filter((item) => menuItemOffered(item, content)).map((item) => ({
      item,
      label: ctx.t(`menu-${item}`),
    }))
    // …or a call wished for in other words ("хочу звонок", "можно звонок заказать"): booking's
    const found =
      matchLabel(text, items, (i) => i.label) ??
      labelWithin(text, items, (i) => i.label) ??
      (wantsACall(text) ? items.find((i) => i.item === 'booking') : undefined)
    if (found === undefined) return next()
    if (found.item === 'manager') return talkToManager(ctx, deps)
    // In the owner's own chat only a flow's button goes (`clientMarkup`): "О нас" or "Мои звонки"
    // typed there is a message like any other
    const markup = clientMarkup(ctx, new InlineKeyboard().text(found.label, menuCallback.pack(found.item)), {
      offers: found.item,
    })
    if (markup.reply_markup === undefined) return next()
    return ctx.reply(ctx.t('free-text-menu-item', { chat: chatKind(ctx) }), markup)
  })
}
