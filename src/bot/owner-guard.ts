import type { BaseContext } from './context.ts'

/**
 * Wraps an owner command or button: the role is read from the database on every update
 * (`ctx.staffRole`), so a removed owner loses access at once. Clients and managers get a
 * short refusal (a button answers with a toast), and the attempt is logged.
 */
export function ownerOnly<C extends BaseContext>(handler: (ctx: C) => unknown) {
  return async (ctx: C): Promise<void> => {
    if (ctx.staffRole !== 'owner') {
      ctx.log.info({ role: ctx.staffRole ?? 'client' }, 'owner-only action refused')
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('owner-only') })
      else await ctx.reply(ctx.t('owner-only'))
      return
    }
    await handler(ctx)
  }
}
