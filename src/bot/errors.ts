import { GrammyError, HttpError, type MiddlewareFn } from 'grammy'
import type { BaseContext } from './context.ts'

/** Finds a Telegram API error, also when a conversation wrapped it in a plain Error's `cause`. */
export function findTelegramError(err: unknown): GrammyError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof GrammyError) return e
  }
  return undefined
}

/** 403 from a private chat: the user blocked the bot (or deleted their account). */
export function isBlockedError(err: unknown): boolean {
  const e = findTelegramError(err)
  return e?.error_code === 403
}

/**
 * The outermost middleware: no update can crash the bot or leave the client
 * without an answer. Logs the failure with the update, marks a client who
 * blocked the bot, and tells the client briefly that something went wrong.
 */
export function createErrorBoundary(onBlocked: (telegramId: number) => void): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    try {
      await next()
    } catch (err) {
      const log = ctx.log
      const chatId = ctx.chat?.id
      if (isBlockedError(err) && chatId !== undefined && chatId > 0) {
        onBlocked(chatId)
        log?.info({ chatId }, 'client blocked the bot')
        return
      }
      const network = err instanceof HttpError
      log?.error({ err, update: ctx.update }, network ? 'network error while handling update' : 'update failed')
      const text =
        typeof ctx.t === 'function' ? ctx.t('error-generic') : 'Something went wrong. Please try again: /menu'
      try {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text })
        else if (ctx.chat?.type === 'private') await ctx.reply(text)
      } catch (replyErr) {
        log?.warn({ err: replyErr }, 'could not tell the client about the error')
      }
    }
  }
}
