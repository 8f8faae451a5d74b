import type { BaseContext } from './context.ts'

/**
 * Wraps an owner command or button: the role is read from the database on every update
 * (`ctx.staffRole`), so a removed owner loses access at once. Managers get a short refusal (a
 * button answers with a toast), and the attempt is logged. A client who typed an owner's
 * command gets the answer to any command they do not have: to them the team's roles mean
 * nothing, and "for the owner only" leads nowhere.
 */
export function ownerOnly<C extends BaseContext>(handler: (ctx: C) => unknown) {
  return async (ctx: C): Promise<void> => {
    if (ctx.staffRole !== 'owner') {
      ctx.log.info({ role: ctx.staffRole ?? 'client' }, 'owner-only action refused')
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('owner-button-only') })
      else await ctx.reply(ctx.t(ctx.staffRole ? 'owner-only' : 'unknown-command'))
      return
    }
    await handler(ctx)
  }
}

/**
 * Whether a staff command or button about `clientId` comes from another client's topic. What
 * staff do about a client is done in that client's topic or outside every client's topic
 * (General, a topic the client left after /move); every button the bot puts into a topic is
 * about that topic's client, so one about anyone else there is forged, never acted on.
 */
export function aboutAnotherClient(ctx: BaseContext, clientId: number): boolean {
  return ctx.topicClient !== undefined && ctx.topicClient.id !== clientId
}

/**
 * For a staff button, after its role check: true (the press answered with a short toast and
 * logged, the caller changes nothing) when it is about another client than the topic's.
 */
export async function refusedInAnotherTopic(ctx: BaseContext, clientId: number): Promise<boolean> {
  if (!aboutAnotherClient(ctx, clientId)) return false
  await refuseAnotherClient(ctx, clientId)
  return true
}

/**
 * Answers a staff button found to be about another client than the topic's (`clientId`, null
 * for a row about no client) with a short toast, and logs it.
 */
export async function refuseAnotherClient(ctx: BaseContext, clientId: number | null): Promise<void> {
  ctx.log.info(
    { clientId, topicClientId: ctx.topicClient?.id },
    "a staff button about another client in a client's topic refused",
  )
  await ctx.answerCallbackQuery({ text: ctx.t('staff-other-client') })
}
