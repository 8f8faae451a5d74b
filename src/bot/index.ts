import { sequentialize } from '@grammyjs/runner'
import { type ApiClientOptions, Bot } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import pLimit from 'p-limit'
import { createConversationHandlers, createConversationsControl } from '../../conversations/index.ts'
import type { Deps } from '../deps.ts'
import { forgetKeptTexts } from '../text.ts'
import { type BotApis, createBotApis } from './api.ts'
import { commandsInAnyCase } from './commands.ts'
import type { BotContext } from './context.ts'
import { createErrorBoundary } from './errors.ts'
import { registerAnswerEditsFeature } from './features/answer-edits.ts'
import { registerBookingFeature } from './features/booking.ts'
import { registerBookingOfferFeature } from './features/booking-offer.ts'
import { registerBookingStaffFeature } from './features/booking-staff.ts'
import { registerBroadcastFeature } from './features/broadcast.ts'
import {
  createBusinessGate,
  createBusinessRouter,
  createBusinessTeamOnly,
  createReachWatch,
  registerBusinessFeature,
} from './features/business.ts'
import { registerDataFeature } from './features/data.ts'
import { registerDeskFeature } from './features/desk.ts'
import { registerDiscoveryFeature } from './features/discovery.ts'
import { registerFollowupsFeature } from './features/followups.ts'
import { registerHandoffFeature, registerManagerCommand } from './features/handoff.ts'
import { registerHandoffRelay } from './features/handoff-relay.ts'
import { registerHandoffStaffFeature } from './features/handoff-staff.ts'
import { registerHelpFeature } from './features/help.ts'
import { registerLanguageFeature } from './features/language.ts'
import { registerMenuFeature } from './features/menu.ts'
import { registerMyCallFeature } from './features/my-call.ts'
import { registerOrdersFeature } from './features/orders.ts'
import { createPaymentsFeature, registerRefundCommands } from './features/payments.ts'
import { registerPrivacyFeature } from './features/privacy.ts'
import { registerProfileFeature } from './features/profile.ts'
import { registerQuizFeature } from './features/quiz.ts'
import { registerStaffFeature } from './features/staff.ts'
import { registerStartFeature } from './features/start.ts'
import { registerStatsFeature } from './features/stats.ts'
import { registerTimezoneFeature } from './features/timezone.ts'
import { registerUnhandledFeature } from './features/unhandled.ts'
import { createHandoffDelivery } from './handoff/deliverer.ts'
import { createTranscriptRecorder } from './handoff/recorder.ts'
import { createBlockedStatusMiddleware, createClientMiddleware } from './middlewares/client.ts'
import { createRepeatTapGuard } from './middlewares/repeat-tap.ts'
import { createUpdateLogger } from './middlewares/update-logger.ts'
import { answersNewerQuestion } from './newer-question.ts'
import { createScopes } from './scopes.ts'

export interface CreateBotOptions {
  /** Known bot info skips getMe; without it `handleUpdate` needs `bot.init()` first (tests pass it). */
  botInfo?: UserFromGetMe
  /** Extra client options; tests pass the fake API's `fetch` here. */
  client?: ApiClientOptions
  /**
   * Called for every update received, before anything handles it (the health report's "last
   * update"); what it returns is called once the update is done, however it ended (a shutdown
   * waits for the updates in flight, see in-flight.ts). Given the update's id.
   */
  onUpdate?: (updateId: number) => (() => void) | undefined
}

/** The bot and its other Bot API clients (jobs, outbox, broadcasts), all on one outbound path. */
export type ClientDeskBot = Bot<BotContext> & { readonly apis: BotApis }

/**
 * Updates allowed through the bot's features at once (more wait, in order, after
 * `sequentialize`, where a waiting update costs little). During a burst most updates wait
 * for Telegram's send budget (about 30 messages a second), deep inside the middleware
 * chain, each holding some 170 KB of suspended handlers: grammY's runner would let 500 do
 * so. This many keep the budget busy (two seconds of it) without the memory. Each chat
 * runs one update at a time, so one chat never holds more than one of these places.
 */
const RUNNING_UPDATES = 64

/**
 * Wires the bot. The order matters:
 * onUpdate (updates in flight) → error boundary → logger → double taps → per-chat sequencing →
 * RUNNING_UPDATES (not checkouts) → business router → blocked status → client
 * upsert + role → i18n → payments inside Telegram → transcript recorder → conversations control →
 * business gate → global commands (work even mid-flow) → conversations (not for an answer to a
 * question the bot asked after the flow's step: newer-question.ts) → features → business
 * team-only (typed answers none took) → handoff relay → unhandled.
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
    bot.use(async (ctx, next) => {
      const done = onUpdate(ctx.update.update_id)
      try {
        await next()
      } finally {
        done?.()
      }
    })
  }
  bot.use(createErrorBoundary(deps, apis.answered))
  // The texts read this update (src/text.ts keepLast) go with it: nobody's words stay in memory
  // once their update is handled
  bot.use(async (_ctx, next) => {
    try {
      await next()
    } finally {
      forgetKeptTexts()
    }
  })
  bot.use(createUpdateLogger(deps.logger))
  // Before the per-chat queue: a double tap is told by when its taps arrive
  bot.use(createRepeatTapGuard(deps.clock))
  // One update at a time per chat (webhook mode delivers concurrently); chats run in parallel.
  // A person's chat with the owner's account (Telegram Business) has their chat's id, so it
  // shares the line: one client row, updated in order (the flows of each keep apart by their
  // own key, see conversations/index.ts)
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()))
  // …but not too many chats at once: see RUNNING_UPDATES. A checkout does not wait for a
  // place: Telegram cancels the payment unless the bot answers within 10 seconds, and in a
  // burst the places stay taken longer than that (it is one quick answer, with no chat to pace)
  const running = pLimit(RUNNING_UPDATES)
  bot.use((ctx, next) => (ctx.update.pre_checkout_query ? next() : running(next)))
  // "/START" is /start, before anything reads a command (the Business router too)
  bot.use(commandsInAnyCase())
  // A client's message in the owner's own chats (Telegram Business) becomes a message in their chat
  bot.use(createBusinessRouter(deps))
  bot.use(createBlockedStatusMiddleware(deps))
  bot.use(createClientMiddleware(deps))
  // Before anything of the update is recorded: the card follows where the client's answers can go
  bot.use(createReachWatch(deps))
  bot.use(deps.i18n)
  // Telegram waits only 10 seconds for a checkout answer: before the transcript and every flow
  bot.use(createPaymentsFeature(deps))
  bot.use(createTranscriptRecorder(deps))
  bot.use(createConversationsControl(deps))
  // After the conversations control: a flow waiting in the owner's chat takes its own steps there
  bot.use(createBusinessGate(deps, apis.answered))

  // Features register on the scopes in this order, which is the order they see updates in
  const scopes = createScopes(deps, bot)

  // Owner tools (each refuses non-owners) and /mydata: before the global commands, so an
  // owner's /cancel can stop a broadcast and an owner's pending step gets their next message
  registerBroadcastFeature(deps, scopes)
  registerStaffFeature(deps, scopes)
  registerBusinessFeature(deps, scopes)
  registerRefundCommands(deps, scopes)
  registerStatsFeature(deps, scopes)
  registerDataFeature(deps, scopes)

  // Global: handled before any conversation sees the update
  registerStartFeature(deps, scopes)
  registerLanguageFeature(deps, scopes)
  registerPrivacyFeature(deps, scopes)
  registerHelpFeature(deps, scopes)
  registerManagerCommand(deps, scopes)

  // Conversations run in private chats only, and not for what answers a question the bot asked
  // after the step a flow waits at (a check-in, "Is your question solved?"): that goes on to its
  // reader below, and the step waits as it was
  scopes.private.filter((ctx) => !answersNewerQuestion(deps, ctx), createConversationHandlers(deps))

  registerOrdersFeature(deps, scopes)
  registerFollowupsFeature(deps, scopes)
  registerProfileFeature(scopes)
  registerTimezoneFeature(deps, scopes)
  registerDiscoveryFeature(deps, scopes)
  registerQuizFeature(deps, scopes)
  registerAnswerEditsFeature(deps, scopes)
  registerBookingFeature(deps, scopes)
  registerMyCallFeature(deps, scopes)
  registerBookingStaffFeature(deps, scopes)
  registerBookingOfferFeature(deps, scopes)
  registerMenuFeature(deps, scopes)
  registerHandoffFeature(deps, scopes)
  registerDeskFeature(deps, scopes)
  registerHandoffStaffFeature(deps, scopes)

  // A typed answer let on from the owner's chat that nobody took goes to the team, as the gate would
  scopes.private.use(createBusinessTeamOnly(deps))
  // Last before unhandled: what nobody handled goes between a client and their manager
  registerHandoffRelay(deps, scopes)
  registerUnhandledFeature(deps, scopes)
  return bot
}
