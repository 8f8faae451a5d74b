/**
 * Telegram Business, Telegram-agnostic: the owner's own account connected to the bot, and
 * the rules for serving clients who write to it. The bot serves only accounts of owners
 * (anyone with Telegram Business can connect any bot; a stranger's clients must not reach
 * the staff group), answers by itself only as the content file allows, and writes there
 * only within Telegram's rules: the connection is enabled, it has the right to reply, and
 * the client wrote within the last 24 hours.
 */

import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import {
  findBusinessChat,
  findBusinessConnection,
  listBusinessConnections,
  noteBusinessChat,
  openRequestsInChatsOf,
  saveBusinessConnection,
} from '../../db/repositories/business.ts'
import { movePendingJob } from '../../db/repositories/jobs.ts'
import { chatWrittenBefore, inBotChatSince, wroteInBusinessChat } from '../../db/repositories/messages.ts'
import type { BusinessChatRow, BusinessConnectionRow, ClientRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { ContentStore } from '../content/store.ts'
import { businessCalendar } from '../format.ts'
import type { ClientService } from './clients.ts'
import { defineJob, type Scheduler } from './jobs.ts'
import type { StaffService } from './staff.ts'
import { isWorkingTime } from './time.ts'

/** The source of a client who first came through the owner's own account (the card says so in words). */
export const BUSINESS_SOURCE = 'business'

/** Telegram lets a business bot write in a chat for this long after the client's last message. */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000

/**
 * The end of Telegram's day in a client's chat with the account (handler:
 * src/jobs/business-window.ts): the card in their topic, which said an answer from there goes to
 * them, says it would not reach them now. One per chat, moved by each of the client's messages
 * there; it sends the client nothing.
 */
export const BUSINESS_WINDOW_JOB = defineJob('business_window', z.object({}), 'fu-kind-business_window')

export interface ConnectionUpdate {
  id: string
  userId: number
  userChatId: number
  name: string | null
  username: string | null
  enabled: boolean
  rights: Record<string, boolean>
  /** When the connection was made, ms. */
  date: number
}

/** What changed for the owners to hear about. */
export type ConnectionChange = 'connected' | 'disconnected' | 'rights' | 'unchanged'

/** Why the bot cannot write to a client's business chat now. */
export type BusinessRefusal = 'not-served' | 'disabled' | 'no-reply-right' | 'not-written' | 'window'

/**
 * Why the bot may not delete what it sent in a chat of a connection (`deleteRefusal`): the
 * connection is off or no longer served, or it lacks the business bot right to delete.
 */
export type BusinessDeleteRefusal = 'off' | 'right'

/** Where a message to a client goes (see `route`). */
export type BusinessRoute =
  | { via: 'bot' }
  | { via: 'business'; connectionId: string }
  | { via: 'blocked'; connectionId: string; reason: BusinessRefusal }

export type BusinessService = ReturnType<typeof createBusinessService>

/** An account as staff and owners read it: "Ольга Смирнова (@olga)". */
export function accountName(connection: Pick<BusinessConnectionRow, 'name' | 'username' | 'userId'>): string {
  const name = connection.name ?? `id ${connection.userId}`
  return connection.username ? `${name} (@${connection.username})` : name
}

export function createBusinessService({
  db,
  clock,
  content,
  staff,
  clients,
  scheduler,
}: {
  db: Db
  clock: Clock
  content: ContentStore
  staff: StaffService
  clients: ClientService
  scheduler: Scheduler
}) {
  /** Only an owner's account is served, checked on every use (a removed owner's account stops at once). */
  const ownedByOwner = (connection: Pick<BusinessConnectionRow, 'userId'>) => staff.isOwner(connection.userId)

  /** Why the bot may not write in the client's business chat now; undefined when it may. */
  function refusal(chat: BusinessChatRow): BusinessRefusal | undefined {
    const connection = findBusinessConnection(db, chat.connectionId)
    if (!connection || !ownedByOwner(connection)) return 'not-served'
    if (!connection.enabled) return 'disabled'
    if (!connection.rights.can_reply) return 'no-reply-right'
    // A lead the owner wrote to first: their chat is there, but never opened to the bot
    if (chat.lastInAt === 0) return 'not-written'
    if (clock.now() - chat.lastInAt > REPLY_WINDOW_MS) return 'window'
    return undefined
  }

  /**
   * The client wrote in their chat with the account at `at`: the watch of its closing waits for
   * the first moment the bot may not write there, a day later — the chat's pending one moved
   * there, or a new one when none waits (the last one ran: the chat had closed, or was closing
   * as this message came).
   */
  function watchWindow(clientId: number, at: number): void {
    const closesAt = at + REPLY_WINDOW_MS + 1
    if (movePendingJob(db, { clientId, kind: BUSINESS_WINDOW_JOB.kind }, closesAt, at)) return
    scheduler.enqueue(BUSINESS_WINDOW_JOB, {
      runAt: closesAt,
      payload: {},
      dedupeKey: `${BUSINESS_WINDOW_JOB.kind}:${clientId}:${at}`,
      clientId,
      maxAttempts: 3,
    })
  }

  const service = {
    /** Stores a `business_connection` update; says what changed. */
    record(update: ConnectionUpdate): { connection: BusinessConnectionRow; change: ConnectionChange } {
      const before = findBusinessConnection(db, update.id)
      const connection = saveBusinessConnection(db, {
        id: update.id,
        userId: update.userId,
        userChatId: update.userChatId,
        name: update.name,
        username: update.username,
        enabled: update.enabled,
        rights: update.rights,
        // Since when it is on: a reconnection starts anew (Telegram's `date` is when this
        // connection was made); a change of rights or a repeat of the same state keeps it
        connectedAt: before && !(update.enabled && !before.enabled) ? before.connectedAt : update.date,
        updatedAt: clock.now(),
      })
      let change: ConnectionChange = 'unchanged'
      if (connection.enabled && !before?.enabled) change = 'connected'
      else if (!connection.enabled && (before?.enabled ?? true)) change = 'disconnected'
      else if (Boolean(connection.rights.can_reply) !== Boolean(before?.rights.can_reply)) change = 'rights'
      return { connection, change }
    },

    connections: () => listBusinessConnections(db),
    /** A connection as last recorded, served or not. */
    connection: (connectionId: string): BusinessConnectionRow | undefined => findBusinessConnection(db, connectionId),

    /**
     * Why the bot may not delete what it sent for the account in its chats (a staff answer taken
     * back); undefined when it may: Telegram asks for the business bot right to delete sent
     * messages, or all messages. Telegram's own limits (48 hours) are Telegram's to say.
     */
    deleteRefusal(connectionId: string): BusinessDeleteRefusal | undefined {
      const connection = findBusinessConnection(db, connectionId)
      if (!connection?.enabled || !ownedByOwner(connection)) return 'off'
      const { rights } = connection
      return rights.can_delete_outgoing_messages || rights.can_delete_all_messages ? undefined : 'right'
    },

    /** A connection the bot works for: enabled and an owner's. */
    served(connectionId: string): BusinessConnectionRow | undefined {
      const connection = findBusinessConnection(db, connectionId)
      return connection?.enabled && ownedByOwner(connection) ? connection : undefined
    },

    ownedByOwner,

    /** The content file's switch: does the bot answer business clients by itself right now? */
    answersNow(): boolean {
      const c = content.get()
      const mode = c.telegram_business.auto_reply
      if (mode === 'always') return true
      if (mode === 'never') return false
      return !isWorkingTime(clock.now(), businessCalendar(c))
    },

    /**
     * The client wrote to the business account (`message`), or pressed a button there, or the
     * owner wrote there first to someone new: their chat is there now; only the client's own
     * message opens it to the bot for 24 hours (and moves the watch of its closing, `watchWindow`).
     * A client new to the bot came through it: the account is their source. One who started in
     * the bot's chat (a plain /start leaves the source unknown) keeps that first start, on the
     * card and in the funnel.
     */
    noteClient(client: ClientRow, connectionId: string, { message }: { message: boolean }): void {
      const before = findBusinessChat(db, client.id)
      // A press in a chat the bot may not write in now (it opens nothing, a message does) by a
      // client who has been in the bot's chat since they were last here: they stay there, so
      // what staff send them (the answer to "I paid" pressed here) goes to the chat that is open
      if (
        !message &&
        before?.connectionId === connectionId &&
        refusal(before) !== undefined &&
        inBotChatSince(db, client.id, before.lastSeenAt)
      ) {
        return
      }
      // Started already: in the bot's chat, or here before (the source was set then). A first
      // message here is recorded as the start only after this (createBusinessGate); a lead the
      // owner wrote to first has none
      const started = clients.hasStarted(client)
      const now = clock.now()
      // The chat opened for a day and its watch moved in one commit: a crash between them would
      // leave the card to change at the old day's end, when the chat is still open (the run does
      // nothing then), and never at the new one's
      if (message) {
        db.transaction(() => {
          noteBusinessChat(db, client.id, connectionId, now, true)
          watchWindow(client.id, now)
        })
      } else noteBusinessChat(db, client.id, connectionId, now, false)
      if (!started) clients.captureAttribution(client, { kind: 'source', source: BUSINESS_SOURCE })
    },

    /**
     * Where a message to the client goes: their business chat when they last wrote there
     * (not in the bot's chat since), else the bot's chat. A business chat the bot may not
     * write to now comes with the reason. Being seen in the bot's chat since is not enough:
     * only a message or a press there moves them (paying an invoice that could only be sent
     * there, or pinning a message, is no sign of where they talk to the team).
     */
    route(client: Pick<ClientRow, 'id' | 'lastSeenAt'>): BusinessRoute {
      const chat = findBusinessChat(db, client.id)
      if (!chat) return { via: 'bot' }
      if (chat.lastSeenAt < client.lastSeenAt && inBotChatSince(db, client.id, chat.lastSeenAt)) return { via: 'bot' }
      const reason = refusal(chat)
      return reason
        ? { via: 'blocked', connectionId: chat.connectionId, reason }
        : { via: 'business', connectionId: chat.connectionId }
    },

    /**
     * Why the bot may not write in the client's chat with this account now (as `route` reads
     * Telegram's rules), whatever chat their answers go to; undefined when it may, or when their
     * chat on record is with another account.
     */
    closedChat(clientId: number, connectionId: string): BusinessRefusal | undefined {
      const chat = findBusinessChat(db, clientId)
      return chat?.connectionId === connectionId ? refusal(chat) : undefined
    },

    /**
     * Until when the bot may write in the client's chat with the account: a day after their last
     * message there (a button pressed does not count: Telegram's rule). Undefined without one.
     */
    openUntil(clientId: number): number | undefined {
      const chat = findBusinessChat(db, clientId)
      return chat && chat.lastInAt > 0 ? chat.lastInAt + REPLY_WINDOW_MS : undefined
    },

    /**
     * The client's chat with the account is open to the bot now but closes before `at` (a day
     * after their last message there): an answer from the topic given at `at` would not reach
     * them, only the account's owner could answer, from their own Telegram. When it closes, and
     * the account, named for the team; undefined when they talk to the bot, the chat is still
     * open at `at`, or it is closed already (what staff send is refused then, with why).
     */
    closesBefore(
      client: Pick<ClientRow, 'id' | 'lastSeenAt'>,
      at: number,
    ): { until: number; account: string } | undefined {
      const route = service.route(client)
      if (route.via !== 'business') return undefined
      const until = service.openUntil(client.id)
      if (until === undefined || until >= at) return undefined
      const connection = findBusinessConnection(db, route.connectionId)
      return { until, account: connection ? accountName(connection) : '—' }
    },

    /**
     * The owner's account the client's chat is with (`route`), named for the team ("Ольга
     * Смирнова (@olga)"): undefined when they write to the bot. A connection forgotten since
     * (its owner erased their data) is not named.
     */
    accountOf(client: Pick<ClientRow, 'id' | 'lastSeenAt'>): string | undefined {
      const route = service.route(client)
      if (route.via === 'bot') return undefined
      const connection = findBusinessConnection(db, route.connectionId)
      return connection ? accountName(connection) : '—'
    },

    /**
     * The client's message (row `rowId`) in a Business chat follows one they wrote to the bot:
     * they moved from the bot's chat to the account's (answers go there from now on).
     */
    movedFromBot(clientId: number, rowId: number): boolean {
      return chatWrittenBefore(db, clientId, rowId) === null
    },

    /**
     * The owner took the client's chat with their account (`connectionId`) during the request
     * opened at `since`: they wrote there themselves. The bot says nothing more of its own there
     * until the request closes (docs/business.md, "When you answer yourself").
     */
    ownerTook(clientId: number, connectionId: string, since: number): boolean {
      const connection = findBusinessConnection(db, connectionId)
      return (
        connection !== undefined &&
        wroteInBusinessChat(db, { clientId, senderId: connection.userId, connectionId, since })
      )
    },

    /**
     * The clients with an open request whose messages go through this account now (`route`),
     * each with where a staff answer goes: what a change of the connection means in each topic.
     */
    answeredThrough(connectionId: string): { clientId: number; route: BusinessRoute }[] {
      return openRequestsInChatsOf(db, connectionId).flatMap((client) => {
        const route = service.route(client)
        return route.via !== 'bot' && route.connectionId === connectionId ? [{ clientId: client.id, route }] : []
      })
    },
  }
  return service
}
