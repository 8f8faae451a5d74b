import { NAME_CONVERSATION } from '../../../conversations/name.ts'
import type { BotScopes } from '../scopes.ts'

/** /name: change how the bot addresses the client; `/name Эмма` gives the name at once. */
export function registerProfileFeature(scopes: BotScopes): void {
  const feature = scopes.private
  feature.command('name', (ctx) => ctx.conversation.enter(NAME_CONVERSATION, ctx.match))
}
