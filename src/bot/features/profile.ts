import { NAME_CONVERSATION } from '../../../conversations/name.ts'
import type { BotScopes } from '../scopes.ts'

/** /name: change how the bot addresses the client. */
export function registerProfileFeature(scopes: BotScopes): void {
  const feature = scopes.private
  feature.command('name', (ctx) => ctx.conversation.enter(NAME_CONVERSATION))
}
