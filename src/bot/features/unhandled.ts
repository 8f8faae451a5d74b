import { Composer, InlineKeyboard } from 'grammy'
import type { Deps } from '../../deps.ts'
import type { BotContext } from '../context.ts'
import { takeNightReply } from '../desk/night.ts'
import { mainMenuKeyboard, menuCallback } from '../keyboards/main-menu.ts'
import { answerStaff } from '../staff-answer.ts'

/**
 * Last in the chain: whatever nobody handled gets a short, clear answer (in
 * private chats) or is ignored safely (groups), and is logged.
 */
export function createUnhandledFeature(deps: Deps) {
  const feature = new Composer<BotContext>()

  // A button from an old message, another flow, or forged data
  feature.on('callback_query', async (ctx) => {
    ctx.log.info({ data: ctx.callbackQuery.data?.slice(0, 64) }, 'stale or unknown button')
    await ctx.answerCallbackQuery({ text: ctx.t('stale-button'), show_alert: false })
  })

  const privateChat = feature.chatType('private')
  privateChat.on('message:text', async (ctx) => {
    if (ctx.msg.text.startsWith('/')) {
      ctx.log.info({ command: ctx.msg.text.split(/\s/)[0]?.slice(0, 32) }, 'unknown command')
      return ctx.reply(ctx.t('unknown-command'))
    }
    // No defined answer: a person can help (DOMAIN §4); the manager sees this message in the transcript.
    // At night the client also learns, once, when the team is back
    const night = ctx.client ? takeNightReply(deps, ctx.t, await ctx.i18n.getLocale(), ctx.client.id) : undefined
    return ctx.reply(night ? `${ctx.t('free-text')}\n\n${night}` : ctx.t('free-text'), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('free-text-manager-button'), menuCallback.pack('manager'))
        .row()
        .text(ctx.t('menu-back'), menuCallback.pack('main')),
    })
  })
  privateChat.on('message', async (ctx) => {
    ctx.log.info('unsupported message type')
    await ctx.reply(ctx.t('unsupported-message'), { reply_markup: mainMenuKeyboard(ctx) })
  })

  // Client commands sent in the staff group: a hint, not silence
  feature
    .chatType(['group', 'supergroup'])
    .filter((ctx) => deps.services.staffGroups.isStaffGroup(ctx.chat.id))
    .command(['start', 'menu', 'language', 'privacy', 'stop', 'forget'], (ctx) =>
      answerStaff(deps, ctx, ctx.t('private-only')),
    )

  // Anything else (other groups, channels, service messages) is ignored on purpose
  feature.use((ctx) => {
    ctx.log.debug('update ignored')
  })
  return feature
}
