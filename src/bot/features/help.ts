import { backKeyboard } from '../keyboards/main-menu.ts'
import type { BotScopes } from '../scopes.ts'

/** /help: what the bot can do, in plain words, and the client's invitation link. Staff see their commands too. */
export function registerHelpFeature(scopes: BotScopes): void {
  const feature = scopes.private
  feature.command('help', async (ctx) => {
    const staff = ctx.staffRole ? `\n\n${ctx.t(ctx.staffRole === 'owner' ? 'help-owner' : 'help-staff')}` : ''
    // The client's own invitation link: a friend who opens it is recorded as their referral
    const link = ctx.client
      ? `\n\n${ctx.t('help-referral', { link: `https://t.me/${ctx.me.username}?start=ref_${ctx.client.id}` })}`
      : ''
    await ctx.reply(ctx.t('help-text') + link + staff, {
      reply_markup: backKeyboard(ctx),
      link_preview_options: { is_disabled: true },
    })
  })
}
