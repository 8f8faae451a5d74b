import type { MiddlewareFn } from 'grammy'
import type { Deps } from '../deps.ts'
import type { LocaleKey } from '../locales/keys.ts'
import { chatKind } from './client-chat.ts'
import type { BaseContext } from './context.ts'
import type { AnsweredQueries } from './outbound.ts'
import { classifyTelegramError } from './telegram-errors.ts'

/**
 * The outermost middleware: no update can crash the bot or leave the client
 * without an answer. Every failed update is logged with its reason. The person
 * hears about it once, in a way that cannot fail the same way again:
 * - a button press not yet answered gets a short toast (never a second answer);
 * - when the chat was held by Telegram's limit (the reply could not go in
 *   time), a short apology waits in the outbox until the chat is free again;
 * - otherwise a short message, paced like every other.
 * A client who blocked the bot is only noted (the API layer marked them).
 */
export function createErrorBoundary(deps: Deps, answered: AnsweredQueries): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    try {
      await next()
    } catch (err) {
      const log = ctx.log ?? deps.logger.child({ update_id: ctx.update.update_id })
      const failure = classifyTelegramError(err)
      const chatId = ctx.chat?.id
      if (failure.kind === 'blocked') {
        log.info('client blocked the bot')
        return
      }
      // What kind of update, not what it said: the logs outlive a client's /forget
      const kind = Object.keys(ctx.update).find((k) => k !== 'update_id')
      log.error({ err, reason: failure.kind, detail: failure.reason, update: kind }, 'update failed')
      // In a client's chat with the owner's account /menu offers no menu: the apology does not name it
      const vars = { chat: chatKind(ctx) }
      const t = (key: LocaleKey) =>
        typeof ctx.t === 'function' ? ctx.t(key, vars) : deps.i18n.t(deps.config.DEFAULT_LOCALE, key, vars)
      const text = t(failure.kind === 'rate' ? 'error-busy' : 'error-generic')
      const query = ctx.callbackQuery
      try {
        if (query && !answered.has(query.id)) await ctx.answerCallbackQuery({ text })
        else if (ctx.chat?.type === 'private' && chatId !== undefined) {
          // One apology per chat, queued until the chat is free (paced like any message)
          if (failure.kind === 'rate')
            deps.services.handoff.route.toChatOnce(chatId, { text }, deps.clock.now() + failure.retryAfterMs)
          else await ctx.reply(text)
        }
      } catch (replyErr) {
        const why = classifyTelegramError(replyErr)
        // A toast after a long wait comes too late for Telegram: the message above is all that is left
        if (why.kind === 'query-expired') log.info('the button press expired before the apology')
        else log.warn({ err: replyErr, reason: why.kind }, 'could not tell the client about the error')
      }
    }
  }
}
