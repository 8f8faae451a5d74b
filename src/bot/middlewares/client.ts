import type { MiddlewareFn } from 'grammy'
import { findClientByTelegramId } from '../../../db/repositories/clients.ts'
import type { Deps } from '../../deps.ts'
import { negotiateLocale } from '../../format.ts'
import type { BaseContext } from '../context.ts'

/**
 * Upserts the client on every private update and reads the sender's staff
 * role from the database (roles are checked on every use, never cached).
 * Telegram's language is followed until the client picks one with /language.
 */
export function createClientMiddleware(deps: Deps): MiddlewareFn<BaseContext> {
  const { services, config } = deps
  return async (ctx, next) => {
    const from = ctx.from
    if (from && !from.is_bot) {
      ctx.staffRole = services.staff.roleOf(from.id)
      if (ctx.chat?.type === 'private') {
        const { client } = services.clients.touch({
          telegramId: from.id,
          firstName: from.first_name,
          lastName: from.last_name ?? null,
          username: from.username ?? null,
          languageCode: from.language_code ?? null,
        })
        const telegramLocale = negotiateLocale(
          undefined,
          from.language_code,
          config.DEFAULT_LOCALE,
          deps.content.get().business.languages,
        )
        if (!client.languageChosen && client.language !== telegramLocale) {
          services.clients.setLanguage(client.id, telegramLocale, false)
          client.language = telegramLocale
        }
        ctx.client = client
        ctx.log = ctx.log.child({ clientId: client.id })
      }
    }
    await next()
  }
}

/**
 * The read-only version for conversations: a conversation replays every past
 * update, so it must not write on each replay; it only needs the current row
 * (for the locale and the name) and a logger.
 */
export function createConversationClientPlugin(deps: Deps): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    ctx.log = deps.logger.child({ conversation: true })
    if (ctx.from && ctx.chat?.type === 'private') {
      ctx.client = findClientByTelegramId(deps.db, ctx.from.id)
      ctx.staffRole = deps.services.staff.roleOf(ctx.from.id)
      if (ctx.client) ctx.log = ctx.log.child({ clientId: ctx.client.id })
    }
    await next()
  }
}

/**
 * Keeps `blocked_at` in step with Telegram's my_chat_member updates: the
 * reliable signal that a client blocked (or unblocked) the bot.
 */
export function createBlockedStatusMiddleware(deps: Deps): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    const update = ctx.myChatMember
    if (update?.chat.type !== 'private') return next()
    const status = update.new_chat_member.status
    if (status === 'kicked') {
      deps.services.clients.markBlocked(update.from.id)
      ctx.log.info('client blocked the bot')
    } else if (status === 'member') {
      deps.services.clients.touch({
        telegramId: update.from.id,
        firstName: update.from.first_name,
        lastName: update.from.last_name ?? null,
        username: update.from.username ?? null,
        languageCode: update.from.language_code ?? null,
      })
    }
  }
}
