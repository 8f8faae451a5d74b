import { sequentialize } from '@grammyjs/runner'
import { type ApiClientOptions, Bot } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { createConversationHandlers, createConversationsControl } from '../../conversations/index.ts'
import type { Deps } from '../deps.ts'
import { type BotApis, createBotApis } from './api.ts'
import type { BotContext } from './context.ts'
import { createErrorBoundary } from './errors.ts'
import { createBookingFeature } from './features/booking.ts'
import { createBookingOfferFeature } from './features/booking-offer.ts'
import { createBookingStaffFeature } from './features/booking-staff.ts'
import { createBroadcastFeature } from './features/broadcast.ts'
import { createBusinessFeature, createBusinessGate, createBusinessRouter } from './features/business.ts'
import { createDataFeature } from './features/data.ts'
import { createDeskFeature } from './features/desk.ts'
import { createDiscoveryFeature } from './features/discovery.ts'
import { createFollowupsFeature } from './features/followups.ts'
import { createHandoffFeature, createManagerCommand } from './features/handoff.ts'
import { createHandoffRelay } from './features/handoff-relay.ts'
import { createHandoffStaffFeature } from './features/handoff-staff.ts'
import { createHelpFeature } from './features/help.ts'
import { createLanguageFeature } from './features/language.ts'
import { createMenuFeature } from './features/menu.ts'
import { createOrdersFeature } from './features/orders.ts'
import { createPaymentsFeature } from './features/payments.ts'
import { createPrivacyFeature } from './features/privacy.ts'
import { createProfileFeature } from './features/profile.ts'
import { createQuizFeature } from './features/quiz.ts'
import { createStaffFeature } from './features/staff.ts'
import { createStartFeature } from './features/start.ts'
import { createStatsFeature } from './features/stats.ts'
import { createUnhandledFeature } from './features/unhandled.ts'
import { createHandoffDelivery } from './handoff/deliverer.ts'
import { createLeaveFlowsOnTrigger, createTranscriptRecorder } from './handoff/recorder.ts'
import { createBlockedStatusMiddleware, createClientMiddleware } from './middlewares/client.ts'
import { createUpdateLogger } from './middlewares/update-logger.ts'

export interface CreateBotOptions {
  /** Known bot info skips getMe; without it `handleUpdate` needs `bot.init()` first (tests pass it). */
  botInfo?: UserFromGetMe
  /** Extra client options; tests pass the fake API's `fetch` here. */
  client?: ApiClientOptions
  /** Called for every update received, before anything handles it (the health report's "last update"). */
  onUpdate?: () => void
}

/** The bot and its other Bot API clients (jobs, outbox, broadcasts), all on one outbound path. */
export type ClientDeskBot = Bot<BotContext> & { readonly apis: BotApis }

/**
 * Wires the bot. The order matters:
 * error boundary → logger → per-chat sequencing → blocked status → client
 * upsert + role → i18n → payments inside Telegram → transcript recorder → conversations control →
 * global commands (work even mid-flow) → conversations → features → handoff
 * relay → unhandled.
 */
export function createBot(deps: Deps, options: CreateBotOptions = {}): ClientDeskBot {
  const { config } = deps
  const apis = createBotApis(deps, options.client)
  // Conversations build their own Api from these same client options, so they share the outbound path
  const bot = Object.assign(
    new Bot<BotContext>(config.BOT_TOKEN, {
      ...(options.botInfo ? { botInfo: options.botInfo } : {}),
      client: apis.client,
    }),
    { apis },
  )
  deps.services.outbox.attach(createHandoffDelivery(deps, apis.outbox, () => bot.botInfo.id))

  const { onUpdate } = options
  if (onUpdate) {
    bot.use((_ctx, next) => {
      onUpdate()
      return next()
    })
  }
  bot.use(createErrorBoundary(deps, apis.answered))
  bot.use(createUpdateLogger(deps.logger))
  // One update at a time per chat (webhook mode delivers concurrently); chats run in parallel
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()))
  // A client's message in the owner's own chats (Telegram Business) becomes a message in their chat
  bot.use(createBusinessRouter(deps))
  bot.use(createBlockedStatusMiddleware(deps))
  bot.use(createClientMiddleware(deps))
  bot.use(deps.i18n)
  // Telegram waits only 10 seconds for a checkout answer: before the transcript and every flow
  bot.use(createPaymentsFeature(deps))
  bot.use(createTranscriptRecorder(deps))
  bot.use(createBusinessGate(deps))
  bot.use(createConversationsControl(deps))
  bot.use(createLeaveFlowsOnTrigger())

  // Owner tools (each refuses non-owners) and /mydata: before the global commands, so an
  // owner's /cancel can stop a broadcast and an owner's pending step gets their next message
  bot.use(createBroadcastFeature(deps))
  bot.use(createStaffFeature(deps))
  bot.use(createBusinessFeature(deps))
  bot.use(createStatsFeature(deps))
  bot.use(createDataFeature(deps))

  // Global: handled before any conversation sees the update
  bot.use(createStartFeature(deps))
  bot.use(createLanguageFeature(deps))
  bot.use(createPrivacyFeature(deps))
  bot.use(createHelpFeature())
  bot.use(createManagerCommand(deps))

  bot.use(createConversationHandlers(deps))

  bot.use(createOrdersFeature(deps))
  bot.use(createFollowupsFeature(deps))
  bot.use(createProfileFeature())
  bot.use(createDiscoveryFeature(deps))
  bot.use(createQuizFeature(deps))
  bot.use(createBookingFeature(deps))
  bot.use(createBookingStaffFeature(deps))
  bot.use(createBookingOfferFeature(deps))
  bot.use(createMenuFeature(deps))
  bot.use(createHandoffFeature(deps))
  bot.use(createDeskFeature(deps))
  bot.use(createHandoffStaffFeature(deps))

  // Last before unhandled: what nobody handled goes between a client and their manager
  bot.use(createHandoffRelay(deps))
  bot.use(createUnhandledFeature(deps))
  return bot
}
