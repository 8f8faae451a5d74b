import { NAME_CONVERSATION } from '../../../conversations/name.ts'
import { TIMEZONE_CONVERSATION } from '../../../conversations/timezone.ts'
import type { BotScopes } from '../scopes.ts'

/**
 * /name: change how the bot addresses the client; `/name Эмма` gives the name at once.
 * /timezone: where the client is, so the bot writes times for their clock too.
 */
export function registerProfileFeature(scopes: BotScopes): void {
  const feature = scopes.private
  feature.command('name', (ctx) => ctx.conversation.enter(NAME_CONVERSATION, ctx.match))
  feature.command('timezone', (ctx) => ctx.conversation.enter(TIMEZONE_CONVERSATION, ctx.match))
}
