import { type ConversationData, conversations, createConversation, type VersionedState } from '@grammyjs/conversations'
import { Composer } from 'grammy'
import { CONVERSATION_KEY_PREFIX, conversationKey, KvStorage } from '../db/storage.ts'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { createConversationClientPlugin } from '../src/bot/middlewares/client.ts'
import type { Deps } from '../src/deps.ts'
import { BOOKING_CONVERSATION, buildBookingConversation } from './booking.ts'
import { createContinuation } from './continuation.ts'
import { buildDiscoveryConversation, DISCOVERY_CONVERSATION } from './discovery.ts'
import { buildNameConversation, NAME_CONVERSATION } from './name.ts'
import { buildQuizConversation, QUIZ_CONVERSATION } from './quiz.ts'
import { buildTimezoneConversation, TIMEZONE_CONVERSATION } from './timezone.ts'

/**
 * Bump when a conversation's code changes in a way that breaks replay of
 * in-flight conversations: their old state is then dropped and the
 * client starts that flow afresh. Durable answers live in our own tables.
 */
export const CONVERSATIONS_VERSION = 38

/**
 * The conversations() control middleware, with state in the kv table and the
 * same client loader + i18n inside every conversation as outside.
 */
export function createConversationsControl(deps: Deps) {
  return conversations<BotContext, BaseContext>({
    storage: {
      type: 'key',
      version: CONVERSATIONS_VERSION,
      prefix: CONVERSATION_KEY_PREFIX,
      // Not the chat's id alone: a client's chat with the owner's account has the bot chat's id
      getStorageKey: (ctx) =>
        ctx.chatId === undefined ? undefined : conversationKey(ctx.chatId, ctx.businessConnectionId),
      adapter: new KvStorage<VersionedState<ConversationData>>(deps.db, '', () => deps.clock.now()),
    },
    plugins: [createConversationClientPlugin(deps), deps.i18n],
  })
}

/** Registers every conversation; installed after the global commands so /cancel and /start always win. */
export function createConversationHandlers(deps: Deps) {
  const composer = new Composer<BotContext>()
  // First: enters the next run of a flow kept as a chain of short runs (see continuation.ts)
  composer.use(createContinuation())
  composer.use(createConversation(buildNameConversation(deps), NAME_CONVERSATION))
  composer.use(createConversation(buildTimezoneConversation(deps), TIMEZONE_CONVERSATION))
  composer.use(createConversation(buildDiscoveryConversation(deps), DISCOVERY_CONVERSATION))
  composer.use(createConversation(buildQuizConversation(deps), QUIZ_CONVERSATION))
  composer.use(createConversation(buildBookingConversation(deps), BOOKING_CONVERSATION))
  return composer
}
