import type { MiddlewareFn } from 'grammy'
import type { ClientRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { languagesOf, negotiateLocale } from '../../format.ts'
import { lazyChild } from '../../logger.ts'
import type { Role } from '../../services/staff.ts'
import { replyKeyboardsAllowed } from '../client-chat.ts'
import { setOwnMenu } from '../commands.ts'
import type { BaseContext } from '../context.ts'
import { personName } from '../handoff/message-entry.ts'

/**
 * What the client middleware loaded for the update being handled in a private chat (one
 * update per chat at a time), so conversations replaying inside that update reuse it.
 * `writes` tells whether the client row may have changed since (see `clientWrites`).
 */
interface Loaded {
  client: ClientRow
  role: Role | undefined
  writes: number
}
const loaded = new Map<number, Loaded>()

/**
 * The id of the client whose private update is being handled, if it is `telegramId`'s and
 * no client row was written since it was loaded (an erasure among such writes): what the
 * bot sends them meanwhile is recorded without looking the client up again. Undefined
 * otherwise, and the caller asks the database.
 */
export function clientIdInFlight(telegramId: number, writes: number): number | undefined {
  const current = loaded.get(telegramId)
  return current && current.writes === writes ? current.client.id : undefined
}

/**
 * Upserts the client on every private update and looks up the sender's staff
 * role as the database has it (checked on every use: the team's rows are kept only
 * until the next write to them).
 * Telegram's language is followed until the client picks one with /language (the chat's own
 * command menu with it: setOwnMenu).
 */
export function createClientMiddleware(deps: Deps): MiddlewareFn<BaseContext> {
  const { services, config } = deps
  return async (ctx, next) => {
    const from = ctx.from
    if (from && !from.is_bot) {
      // Where the team works (the staff groups, their chat with the bot; not an owner's Business
      // chats), a team member's name is learnt from what they write or press: see `roleOf`
      const teamChat =
        (ctx.chat?.type === 'private' && replyKeyboardsAllowed(ctx)) || services.staffGroups.isStaffGroup(ctx.chat?.id)
      ctx.staffRole = services.staff.roleOf(from.id, teamChat ? personName(from) : undefined)
      if (ctx.chat?.type === 'private') {
        const profile = {
          telegramId: from.id,
          firstName: from.first_name,
          lastName: from.last_name ?? null,
          username: from.username ?? null,
          languageCode: from.language_code ?? null,
        }
        const languages = languagesOf(ctx, deps.content.get())
        const telegramLocale = negotiateLocale(undefined, from.language_code, config.DEFAULT_LOCALE, languages)
        const pressed = ctx.callbackQuery
        // Only what they do in their chat with the bot says they unblocked it
        const where = { inBotChat: replyKeyboardsAllowed(ctx) }
        const known = pressed ? services.clients.touchKnown(profile, where) : undefined
        // Someone who erased their data a moment ago and presses a button right above /forget's
        // question: its date is within the leeway, but it is theirs from before all the same
        const erasedJustNow = pressed !== undefined && known === undefined && services.erasure.justErased(from.id)
        if (
          erasedJustNow ||
          (pressed && sentBefore(pressed.message?.date ?? 0, known?.createdAt ?? deps.clock.now()))
        ) {
          // A button under a message the bot sent before this person was its client: one left in
          // the chat of someone who erased their data (/forget). It leads nowhere — it neither makes
          // them a client again nor picks up the flow it belonged to. (In their Telegram's language:
          // this runs before the i18n plugin, which reads the client.)
          ctx.log.info('a button from before the client was (erased since): out of date')
          const stale = replyKeyboardsAllowed(ctx) ? 'stale-button-menu' : 'stale-button'
          await ctx.answerCallbackQuery({ text: deps.i18n.t(telegramLocale, stale) })
          return
        }
        const client = known ?? services.clients.touch(profile, where).client
        // A choice the bot no longer offers (new content dropped the language, or the person
        // left the team) is forgotten: Telegram's language is followed again, and the chat's
        // menu, set in that choice, is put right (new content does not go through every client)
        const dropped = client.languageChosen && !(languages as readonly string[]).includes(client.language ?? '')
        if (dropped || (!client.languageChosen && client.language !== telegramLocale)) {
          services.clients.setLanguage(client.id, telegramLocale, false)
          client.language = telegramLocale
          client.languageChosen = false
          // The chat's own menu goes with a forgotten choice (an owner's is set anew), and an owner's,
          // always their chat's own, follows the language the bot speaks with them
          if (dropped || ctx.staffRole === 'owner') await setOwnMenu(ctx.api, deps, from.id)
        }
        ctx.client = client
        ctx.requestOpen = () => services.handoff.isOpen(client.id)
        // Deferred as the update's own is (see lazyChild): a child of it is made only when used
        ctx.log = ctx.log.child({ clientId: client.id })
        loaded.set(from.id, { client, role: ctx.staffRole, writes: deps.services.clients.writes() })
        try {
          return await next()
        } finally {
          loaded.delete(from.id)
        }
      }
    }
    await next()
  }
}

/**
 * Whether a message sent at `date` (Telegram's, in seconds; 0 for one Telegram no longer shows
 * the bot) predates `since` (ms): by more than a minute, so that a server clock a little ahead
 * of Telegram's never takes a client's first buttons (the greeting's) for old ones.
 */
function sentBefore(date: number, since: number): boolean {
  return date > 0 && date * 1000 < since - 60_000
}

/**
 * The read-only version for conversations: a conversation replays every past
 * update, so it must not write on each replay; it only needs the current row
 * (for the locale and the name) and a logger. The row and role the client
 * middleware loaded for this update are reused unless the row was written since.
 */
export function createConversationClientPlugin(deps: Deps): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    ctx.log = lazyChild(deps.logger, { conversation: true })
    if (ctx.from && ctx.chat?.type === 'private') {
      const current = loaded.get(ctx.from.id)
      const writes = deps.services.clients.writes()
      if (current && current.writes === writes) {
        ctx.client = current.client
        ctx.staffRole = current.role
      } else {
        ctx.client = deps.services.clients.byTelegramId(ctx.from.id)
        ctx.staffRole = deps.services.staff.roleOf(ctx.from.id)
        if (current && ctx.client) Object.assign(current, { client: ctx.client, role: ctx.staffRole, writes })
      }
      const client = ctx.client
      if (client) {
        ctx.log = ctx.log.child({ clientId: client.id })
        ctx.requestOpen = () => deps.services.handoff.isOpen(client.id)
      }
    }
    await next()
  }
}

/**
 * Keeps `blocked_at` in step with Telegram's my_chat_member updates: the
 * reliable signal that a client blocked (or unblocked) the bot.
 */
export function createBlockedStatusMiddleware(deps: Deps): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    const update = ctx.myChatMember
    if (update?.chat.type !== 'private') return next()
    const status = update.new_chat_member.status
    if (status === 'kicked') {
      const clientId = deps.services.clients.markBlocked(update.from.id)
      ctx.log.info('client blocked the bot')
      // Their topic hears it, once a block (as it hears "✅ Клиент снова на связи"): only the card
      // changed, unseen. A block learnt first from a failed answer is said by that answer's "❌ Не
      // доставлено" line, and this update then is no news
      const topicId = clientId === undefined ? null : (deps.services.clients.get(clientId)?.topicId ?? null)
      if (clientId !== undefined && topicId !== null) {
        deps.services.handoff.notifyTopic(clientId, [{ key: 'handoff-topic-client-blocked-now' }])
      }
    } else if (status === 'member') {
      deps.services.clients.touch({
        telegramId: update.from.id,
        firstName: update.from.first_name,
        lastName: update.from.last_name ?? null,
        username: update.from.username ?? null,
        languageCode: update.from.language_code ?? null,
      })
    }
  }
}
