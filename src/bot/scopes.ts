import { type ChatTypeContext, Composer, type Filter, type Middleware, type MiddlewareFn } from 'grammy'
import type { ClientRow } from '../../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { BotContext } from './context.ts'
import { describeEdit, describeMessage, noteIn } from './handoff/message-entry.ts'
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

/** Whether a handler takes the update: its scope's check, then its own (`command`, `on`…), if any. */
type Check = (ctx: BotContext) => boolean | Promise<boolean>

/**
 * Every handler registered on any scope, in the order of registration, run by one
 * middleware of the bot's chain: a loop passes over the handlers whose checks fail, with
 * no promise, no closure and no Composer made for them. grammY's own way, a `filter` per
 * handler, awaits each check and builds a new Composer every time an update passes, and
 * a link of the chain is two async functions more: a client's message to their manager,
 * handled last, went through some 160 of them (see docs/architecture.md).
 */
class Handlers {
  private readonly list: { check: Check; run: MiddlewareFn<BotContext> }[] = []

  add(check: Check, run: MiddlewareFn<BotContext>): void {
    this.list.push({ check, run })
  }

  middleware(): MiddlewareFn<BotContext> {
    const { list } = this
    return (ctx, next) => {
      const from = (first: number): unknown => {
        for (let i = first; i < list.length; i++) {
          const { check, run } = list[i] as (typeof list)[number]
          const takes = check(ctx)
          if (!takes) continue
          let called = false
          const rest = async () => {
            // As grammY's chain does: a handler calling next twice is a bug, not a second pass
            if (called) throw new Error('`next` already called before!')
            called = true
            await from(i + 1)
          }
          if (takes === true) return run(ctx, rest)
          // An awaited check (any thenable), as grammY awaits it
          return Promise.resolve(takes).then((yes) => (yes ? run(ctx, rest) : from(i + 1)))
        }
        return next()
      }
      return from(0)
    }
  }
}

/**
 * A scope that keeps the order of registration across scopes: each handler registered
 * on it goes at once to the end of the one list of handlers, behind the scope's check
 * (every Composer method ends in `use` or `filter`). So a command valid anywhere in the
 * staff group that a feature registers before the relay (`/today`) still comes before
 * the relay's "unknown command" in a client's topic, exactly as the features are listed
 * in `createBot`.
 */
class Scope<C extends BotContext> extends Composer<C> {
  constructor(
    private readonly handlers: Handlers,
    private readonly belongs: (ctx: BotContext) => ctx is C,
  ) {
    super()
  }

  override use(...middleware: Parameters<Composer<C>['use']>): Composer<C> {
    return this.filter(() => true, ...middleware)
  }

  /** A handler's own check (under `command`, `on`, `callbackQuery`…) is made in the loop too. */
  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Middleware<D>[]): Composer<D>
  override filter(predicate: (ctx: C) => boolean | Promise<boolean>, ...middleware: Middleware<C>[]): Composer<C>
  override filter(predicate: (ctx: C) => boolean | Promise<boolean>, ...middleware: Middleware<C>[]): Composer<C> {
    const composer = new Composer<C>(...middleware)
    const { belongs } = this
    // The composer's middleware is read when it runs: handlers may be added to it later
    this.handlers.add(
      (ctx) => belongs(ctx) && predicate(ctx),
      (ctx, next) => composer.middleware()(ctx as C, next),
    )
    return composer
  }
}

/** A topic's service message saying it was closed, reopened or renamed. */
const topicStateChange = (msg: BotContext['message']): boolean =>
  msg?.forum_topic_closed !== undefined ||
  msg?.forum_topic_reopened !== undefined ||
  msg?.forum_topic_edited !== undefined

/**
 * Installs the middleware that places each update (after the role and i18n are known)
 * and the one that runs every scope's handlers, and returns the scopes features register
 * on. Middleware added to the chain itself afterwards runs after all of those handlers:
 * features register on a scope (`all` for every update).
 */
export function createScopes(deps: Deps, chain: Composer<BotContext>): BotScopes {
  const { staffGroups } = deps.services
  const inStaffGroup = (ctx: BotContext): ctx is StaffGroupContext =>
    ctx.chat?.type === 'supergroup' && staffGroups.isStaffGroup(ctx.chat.id)

  /**
   * When someone not on the team was last told, in a topic, that their words went nowhere: told
   * again only after a while (an album is one message; a chatty outsider is not answered line by
   * line, each notice costing one of the group's 20 messages a minute). In memory: after a
   * restart they are told once more.
   */
  const outsiderToldAt = new Map<string, number>()
  const OUTSIDER_NOTICE_EVERY_MS = 10 * 60_000
  function tellOutsiderNow(chatId: number, thread: number, userId: number): boolean {
    const now = deps.clock.now()
    for (const [key, at] of outsiderToldAt) if (now - at >= OUTSIDER_NOTICE_EVERY_MS) outsiderToldAt.delete(key)
    const key = `${chatId}:${thread}:${userId}`
    if (outsiderToldAt.has(key)) return false
    outsiderToldAt.set(key, now)
    return true
  }

  /**
   * Notes whose topic an update in the staff group comes from; false when it is a
   * message in a client's topic from someone who is not staff (refused, not handled), or
   * an anonymous admin's answer or command (answered, not handled).
   */
  function place(ctx: BotContext): boolean {
    const msg = ctx.msg
    if (!inStaffGroup(ctx)) return true
    const thread = msg?.is_topic_message === true ? msg.message_thread_id : undefined
    const client = thread === undefined ? undefined : staffGroups.clientByTopic(ctx.chat.id, thread)
    // An admin writing with "Remain anonymous" on: Telegram sends it from GroupAnonymousBot with
    // the group itself as the sender, and the bot cannot tell who wrote, nor whether it is staff.
    // An answer to a client or a command is therefore neither sent nor run, and said so
    const message = ctx.message
    const anonymous = message !== undefined && message.sender_chat?.id === ctx.chat.id
    if (anonymous && describeMessage(message) && (client || message.text?.startsWith('/'))) {
      answerStaff(deps, ctx, ctx.t('staff-anonymous'), client ? { clientId: client.id } : {})
      ctx.log.info('message of an anonymous admin not handled')
      return false
    }
    if (!client || thread === undefined) return true // a topic of the group's own, not a client's
    ctx.topicClient = client
    ctx.threadId = thread
    // Roles are checked on every update; buttons check them in their handlers. A topic closed,
    // reopened or renamed is a fact about the topic, whoever (an admin not on the team, the bot) did it
    if (ctx.staffRole || !(ctx.message || ctx.editedMessage) || topicStateChange(ctx.message)) return true
    // Someone not on the team (a manager the owner removed, say): nothing they write reaches the
    // client nor is obeyed, and they — and colleagues reading the topic — are told so, not left to
    // think the client got it. A `//` note is a message too, not a command
    if (message && describeMessage(message)) {
      const text = message.text ?? ''
      const command = text.startsWith('/') && noteIn(text) === undefined
      // A command is answered each time (it is asked for); words at most once in a while
      if (command || tellOutsiderNow(ctx.chat.id, thread, message.from?.id ?? 0)) {
        answerStaff(deps, ctx, ctx.t(command ? 'staff-only' : 'staff-only-message'), { clientId: client.id })
      }
    }
    // An edit of theirs (an answer they sent while on the team, say) does not follow either
    const edited = ctx.editedMessage
    if (edited && describeEdit(edited) && tellOutsiderNow(ctx.chat.id, thread, edited.from?.id ?? 0)) {
      answerStaff(deps, ctx, ctx.t('staff-only-edit'), { clientId: client.id })
    }
    ctx.log.info('non-staff member in a client topic ignored')
    return false
  }
  chain.use(async (ctx, next) => {
    if (place(ctx)) await next()
  })
  const handlers = new Handlers()
  chain.use(handlers.middleware())

  return {
    private: new Scope(handlers, (ctx): ctx is PrivateContext => ctx.chat?.type === 'private'),
    staffGroup: new Scope(handlers, inStaffGroup),
    clientTopic: new Scope(
      handlers,
      (ctx): ctx is ClientTopicContext =>
        inStaffGroup(ctx) && ctx.topicClient !== undefined && (ctx.message ?? ctx.editedMessage) !== undefined,
    ),
    all: new Scope(handlers, (_ctx): _ctx is BotContext => true),
  }
}
