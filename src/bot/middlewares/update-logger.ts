import type { MiddlewareFn } from 'grammy'
import { chatForLog, type Logger, lazyChild } from '../../logger.ts'
import type { BaseContext } from '../context.ts'

/**
 * Gives each update a child logger (update id, and a group's id) and logs how long it
 * took. A client is named by their internal id, added once they are known (see
 * middlewares/client.ts); Telegram ids of people never go into the logs.
 */
export function createUpdateLogger(logger: Logger): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    ctx.log = lazyChild(logger, { update_id: ctx.update.update_id, chat_id: chatForLog(ctx.chat?.id) })
    // Asked first, so an update that logs nothing never makes its child logger (see lazyChild)
    if (!logger.isLevelEnabled('debug')) return next()
    const started = performance.now()
    const kind = Object.keys(ctx.update).find((k) => k !== 'update_id')
    ctx.log.debug({ kind }, 'update received')
    await next()
    ctx.log.debug({ kind, ms: Math.round(performance.now() - started) }, 'update handled')
  }
}
