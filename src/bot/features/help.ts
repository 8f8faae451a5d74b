import { Composer } from 'grammy'
import type { BotContext } from '../context.ts'
import { backKeyboard } from '../keyboards/main-menu.ts'

/** /help: what the bot can do, in plain words. Staff see their commands too. */
export function createHelpFeature() {
  const composer = new Composer<BotContext>()
  const feature = composer.chatType('private')
  feature.command('help', async (ctx) => {
    const staff = ctx.staffRole ? `\n\n${ctx.t(ctx.staffRole === 'owner' ? 'help-owner' : 'help-staff')}` : ''
    await ctx.reply(ctx.t('help-text') + staff, { reply_markup: backKeyboard(ctx) })
  })
  return composer
}
