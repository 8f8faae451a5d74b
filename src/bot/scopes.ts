import { type ChatTypeContext, Composer, type Filter, type Middleware, type MiddlewareFn } from 'grammy'
import type { ClientRow } from '../../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { BotContext } from './context.ts'
import { answerStaff } from './staff-answer.ts'

/** Updates in a private chat: clients, and staff or owners talking to the bot. */
export type PrivateContext = ChatTypeContext<BotContext, 'private'>
/** Updates anywhere in a staff group (the General topic and clients' topics), from anyone: handlers check roles. */
export type StaffGroupContext = ChatTypeContext<BotContext, 'supergroup'>
/** A staff member's message (or its edit) in a client's topic. */
export type ClientTopicContext = Filter<StaffGroupContext, 'message' | 'edited_message'> & {
  /** The client this topic belongs to. */
  topicClient: ClientRow
  /** The topic's message_thread_id. */
  threadId: number
}

/**
 * Where features register their handlers. Built once by `createBot`: which chat an
 * update comes from is decided once, and the client whose topic it is looked up once
 * (`ctx.topicClient`, also for buttons pressed in a topic), whatever number of
 * features listen there.
 */
export interface BotScopes {
  private: Composer<PrivateContext>
  staffGroup: Composer<StaffGroupContext>
  /** Only staff get here: anyone else in a client's topic is refused (commands) or ignored. */
  clientTopic: Composer<ClientTopicContext>
  /** Every update, from any chat: for the last word on what nobody handled. */
  all: Composer<BotContext>
}

/**
 * A scope that keeps the order of registration across scopes: each handler registered
 * on it goes at once to the end of the bot's chain behind the scope's check (every
 * Composer method ends in `use`). So a command valid anywhere in the staff group that a
 * feature registers before the relay (`/today`) still comes before the relay's "unknown
 * command" in a client's topic, exactly as the features are listed in `createBot`.
 */
class Scope<C extends BotContext> extends Composer<C> {
  constructor(
    private readonly chain: Composer<BotContext>,
    private readonly belongs: (ctx: BotContext) => ctx is C,
  ) {
    super()
  }

  override use(...middleware: Parameters<Composer<C>['use']>): Composer<C> {
    const composer = new Composer<C>(...middleware)
    const { belongs } = this
    this.chain.use((ctx, next) => (belongs(ctx) ? composer.middleware()(ctx, next) : next()))
    return composer
  }

  /**
   * grammY's `filter` (under `command`, `on`, `callbackQuery`…) goes through `lazy`,
   * which awaits the check and builds a new Composer every time an update passes: an
   * update handled last (a client's message to their manager) went through some 160 of
   * them. Here the check is made in place; the handlers are the same, in the same order.
   */
  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Middleware<D>[]): Composer<D>
  override filter(predicate: (ctx: C) => boolean | Promise<boolean>, ...middleware: Middleware<C>[]): Composer<C>
  override filter(predicate: (ctx: C) => boolean | Promise<boolean>, ...middleware: Middleware<C>[]): Composer<C> {
    const composer = new Composer<C>(...middleware)
    const run: MiddlewareFn<C> = (ctx, next) => composer.middleware()(ctx, next)
    this.use((ctx, next) => {
      const passes = predicate(ctx)
      if (passes instanceof Promise) return passes.then((yes) => (yes ? run(ctx, next) : next()))
      return passes ? run(ctx, next) : next()
    })
    return composer
  }
}

/**
 * Installs the one middleware that places each update (after the role and i18n are
 * known), and returns the scopes features register on.
 */
export function createScopes(deps: Deps, chain: Composer<BotContext>): BotScopes {
  const { staffGroups } = deps.services
  const inStaffGroup = (ctx: BotContext): ctx is StaffGroupContext =>
    ctx.chat?.type === 'supergroup' && staffGroups.isStaffGroup(ctx.chat.id)

  /**
   * Notes whose topic an update in the staff group comes from; false when it is a
   * message in a client's topic from someone who is not staff (refused, not handled).
   */
  function place(ctx: BotContext): boolean {
    const msg = ctx.msg
    if (!inStaffGroup(ctx) || msg?.is_topic_message !== true || msg.message_thread_id === undefined) return true
    const client = staffGroups.clientByTopic(ctx.chat.id, msg.message_thread_id)
    if (!client) return true // a topic of the group's own, not a client's
    ctx.topicClient = client
    ctx.threadId = msg.message_thread_id
    // Roles are checked on every update; buttons check them in their handlers
    if (ctx.staffRole || !(ctx.message || ctx.editedMessage)) return true
    if (ctx.message?.text?.startsWith('/')) answerStaff(deps, ctx, ctx.t('staff-only'), { clientId: client.id })
    ctx.log.info('non-staff member in a client topic ignored')
    return false
  }
  chain.use(async (ctx, next) => {
    if (place(ctx)) await next()
  })

  return {
    private: new Scope(chain, (ctx): ctx is PrivateContext => ctx.chat?.type === 'private'),
    staffGroup: new Scope(chain, inStaffGroup),
    clientTopic: new Scope(
      chain,
      (ctx): ctx is ClientTopicContext =>
        inStaffGroup(ctx) && ctx.topicClient !== undefined && (ctx.message ?? ctx.editedMessage) !== undefined,
    ),
    all: chain,
  }
}
