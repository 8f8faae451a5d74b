import type { Conversation } from '@grammyjs/conversations'
import type { MiddlewareFn } from 'grammy'
import type { BaseContext, BotContext } from '../src/bot/context.ts'

/**
 * Long flows as a chain of short conversation runs (every update
 * replays the run's whole log, so a 20-question run would get slower with
 * every answer). A run handles one question; when it ends it asks, through
 * `continueWith`, to be entered again for the next one, and the middleware
 * below does that once the run has finished. The replay log therefore never
 * holds more than one question, whatever the length of the flow; durable
 * progress lives in the `answers` table, not in the log.
 */
const pending = new WeakMap<object, { id: string; args: unknown }>()

/**
 * A flow left open this long ends by itself: the client's next message then reaches the rest
 * of the bot (a manager, the menu) instead of being taken as the answer to a question asked
 * a day ago. Durable progress stays: the flow's button continues where they stopped.
 * Measured on the bot's clock (`waitForAnswer`).
 */
export const ABANDONED_AFTER_MS = 24 * 60 * 60_000

/**
 * The flow's next update, as `conversation.wait` gives it, unless the client took
 * ABANDONED_AFTER_MS or more to send it: then the flow ends and the update goes on to the rest
 * of the bot. Timed on the bot's clock (`now`), read through `external` so a replay reads what
 * the first run read — not on the computer's, as the plugin's own limit is: the sandbox's clock
 * moved three days ahead ages a step as it ages the reminders, and every limit of the bot runs
 * on one clock.
 */
export async function waitForAnswer(
  conversation: Conversation<BotContext, BaseContext>,
  now: () => number,
): Promise<BaseContext> {
  const asked = await conversation.external(() => now())
  const update = await conversation.wait()
  const answered = await conversation.external(() => now())
  if (answered - asked >= ABANDONED_AFTER_MS) await conversation.halt({ next: true })
  return update
}

/** How many runs one update may chain (a run that re-enters at once, e.g. after a content change). */
const MAX_CHAIN = 5

/** Ends the current run with a request to enter conversation `id` again with `args`. */
export async function continueWith(
  conversation: Conversation<BotContext, BaseContext>,
  id: string,
  args: unknown,
): Promise<void> {
  // `external` gets the outside context of this update; on replays it is not run again
  await conversation.external((outside) => {
    pending.set(outside, { id, args })
  })
}

/** Installed before the conversations: after they handled an update, enters the requested next run. */
/** Whether a flow of the chat is running (a step waits for its answer): an entry with no run left is none. */
export function flowRunning(ctx: BotContext): boolean {
  return Object.values(ctx.conversation.active()).some((runs) => runs > 0)
}

export function createContinuation(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    await next()
    for (let i = 0; i < MAX_CHAIN; i++) {
      const request = pending.get(ctx)
      if (!request) return
      pending.delete(ctx)
      // A run entered by a handler in this same update that is already over (a tap on the
      // question on screen: src/bot/questions.ts) leaves an empty entry that refuses the next
      // enter; with no run active, clearing it ends nothing
      if (!flowRunning(ctx)) await ctx.conversation.exitAll()
      await ctx.conversation.enter(request.id, request.args)
    }
  }
}
