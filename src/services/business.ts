/**
 * Telegram Business, Telegram-agnostic: the owner's own account connected to the bot, and
 * the rules for serving clients who write to it. The bot serves only accounts of owners
 * (anyone with Telegram Business can connect any bot; a stranger's clients must not reach
 * the staff group), answers by itself only as the content file allows, and writes there
 * only within Telegram's rules: the connection is enabled, it has the right to reply, and
 * the client wrote within the last 24 hours.
 */

import type { Db } from '../../db/client.ts'
import {
  findBusinessChat,
  findBusinessConnection,
  listBusinessConnections,
  noteBusinessChat,
  openRequestsInChatsOf,
  saveBusinessConnection,
} from '../../db/repositories/business.ts'
import { chatWrittenBefore, wroteInBusinessChat } from '../../db/repositories/messages.ts'
import type { BusinessConnectionRow, ClientRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { ContentStore } from '../content/store.ts'
import { businessCalendar } from '../format.ts'
import type { ClientService } from './clients.ts'
import type { StaffService } from './staff.ts'
import { isWorkingTime } from './time.ts'

/** The source of a client who first came through the owner's own account (the card says so in words). */
export const BUSINESS_SOURCE = 'business'

/** Telegram lets a business bot write in a chat for this long after the client's last message. */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000

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

/** Where a message to a client goes (see `route`). */
export type BusinessRoute =
  | { via: 'bot' }
  | { via: 'business'; connectionId: string }
  | { via: 'blocked'; connectionId: string; reason: BusinessRefusal }

export type BusinessService = ReturnType<typeof createBusinessService>

export function createBusinessService({
  db,
  clock,
  content,
  staff,
  clients,
}: {
  db: Db
  clock: Clock
  content: ContentStore
  staff: StaffService
  clients: ClientService
}) {
  /** Only an owner's account is served, checked on every use (a removed owner's account stops at once). */
  const ownedByOwner = (connection: Pick<BusinessConnectionRow, 'userId'>) => staff.isOwner(connection.userId)

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
        connectedAt: before?.connectedAt ?? update.date,
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
     * message opens it to the bot for 24 hours; a client whose source is not known yet came
     * through it.
     */
    noteClient(client: ClientRow, connectionId: string, { message }: { message: boolean }): void {
      noteBusinessChat(db, client.id, connectionId, clock.now(), message)
      clients.captureAttribution(client, { kind: 'source', source: BUSINESS_SOURCE })
    },

    /**
     * Where a message to the client goes: their business chat when they last wrote there
     * (not in the bot's chat since), else the bot's chat. A business chat the bot may not
     * write to now comes with the reason.
     */
    route(client: Pick<ClientRow, 'id' | 'lastSeenAt'>): BusinessRoute {
      const chat = findBusinessChat(db, client.id)
      if (!chat || chat.lastSeenAt < client.lastSeenAt) return { via: 'bot' }
      const connectionId = chat.connectionId
      const connection = findBusinessConnection(db, connectionId)
      if (!connection || !ownedByOwner(connection)) return { via: 'blocked', connectionId, reason: 'not-served' }
      if (!connection.enabled) return { via: 'blocked', connectionId, reason: 'disabled' }
      if (!connection.rights.can_reply) return { via: 'blocked', connectionId, reason: 'no-reply-right' }
      // A lead the owner wrote to first: their chat is there, but never opened to the bot
      if (chat.lastInAt === 0) return { via: 'blocked', connectionId, reason: 'not-written' }
      if (clock.now() - chat.lastInAt > REPLY_WINDOW_MS) return { via: 'blocked', connectionId, reason: 'window' }
      return { via: 'business', connectionId }
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
