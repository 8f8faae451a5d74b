import { Composer } from 'grammy'
import { NAME_CONVERSATION } from '../../../conversations/name.ts'
import type { BotContext } from '../context.ts'

/** /name: change how the bot addresses the client. */
export function createProfileFeature() {
  const composer = new Composer<BotContext>()
  const feature = composer.chatType('private')
  feature.command('name', (ctx) => ctx.conversation.enter(NAME_CONVERSATION))
  return composer
}
