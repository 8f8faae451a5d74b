import type { MiddlewareFn } from 'grammy'
import type { Logger } from '../../logger.ts'
import type { BaseContext } from '../context.ts'

/** Gives each update a child logger (update id, chat, sender) and logs how long it took. */
export function createUpdateLogger(logger: Logger): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    ctx.log = logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, user_id: ctx.from?.id })
    const started = performance.now()
    const kind = Object.keys(ctx.update).find((k) => k !== 'update_id')
    ctx.log.debug({ kind }, 'update received')
    await next()
    ctx.log.debug({ kind, ms: Math.round(performance.now() - started) }, 'update handled')
  }
}
