/**
 * Telegram Business in the fake Bot API, with Telegram's rules: business accounts people
 * connect to the bot, and the bot's calls on their behalf (`business_connection_id`). A
 * chat of a business account is not the bot's chat with the same person: its messages
 * have their own ids and come from the account. The bot may write there only while the
 * connection is enabled, with the right to reply, within 24 hours of the client's last
 * message; reply keyboards are not allowed there.
 */
import type { BusinessBotRights, BusinessConnection, User } from 'grammy/types'
import type { TelegramErrorSpec } from './fake-telegram.ts'

// biome-ignore lint/suspicious/noExplicitAny: Bot API payloads are loosely typed on purpose here
type Payload = Record<string, any>

/** Telegram's own rule for business chats. */
const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000

/** Methods that write into a chat on the account's behalf. */
const WRITES = /^(send|copyMessage$|forwardMessage$|editMessage|deleteMessage|sendChatAction)/

const bad = (description: string): TelegramErrorSpec => ({
  error_code: 400,
  description: `Bad Request: ${description}`,
})

export class FakeBusiness {
  readonly connections = new Map<string, { connection: BusinessConnection; account: User }>()
  /** `<connection>:<chat>` → when the client last wrote there. */
  private readonly lastIncoming = new Map<string, number>()
  private readonly lastMessageId = new Map<string, number>()
  private nextId = 1

  constructor(
    private readonly now: () => number,
    private readonly bot: User,
  ) {}

  /** The account connects the bot (or changes the connection): what Telegram then tells the bot. */
  connect(
    account: User,
    {
      id,
      enabled = true,
      rights = { can_reply: true, can_read_messages: true },
    }: {
      id?: string
      enabled?: boolean
      rights?: BusinessBotRights
    } = {},
  ): BusinessConnection {
    const connectionId = id ?? `bc-${this.nextId++}`
    const connection: BusinessConnection = {
      id: connectionId,
      user: account,
      user_chat_id: account.id,
      date: Math.floor(this.now() / 1000),
      rights,
      is_enabled: enabled,
    }
    this.connections.set(connectionId, { connection, account })
    return connection
  }

  /** The next message id in a business chat (a series of its own). */
  nextMessageId(connectionId: string, chatId: number): number {
    const key = `${connectionId}:${chatId}`
    const id = (this.lastMessageId.get(key) ?? 0) + 1
    this.lastMessageId.set(key, id)
    return id
  }

  /** A client wrote in the business chat: the bot may answer there for 24 hours. */
  noteIncoming(connectionId: string, chatId: number): void {
    this.lastIncoming.set(`${connectionId}:${chatId}`, this.now())
  }

  /** Telegram's refusal of a call on an account's behalf, or undefined when it would succeed. */
  refuse(method: string, p: Payload): TelegramErrorSpec | undefined {
    if (method === 'getBusinessConnection') {
      return this.connections.has(String(p.business_connection_id)) ? undefined : bad('BUSINESS_CONNECTION_INVALID')
    }
    if (p.business_connection_id === undefined || !WRITES.test(method)) return undefined
    const entry = this.connections.get(String(p.business_connection_id))
    if (!entry) return bad('BUSINESS_CONNECTION_INVALID')
    if (!entry.connection.is_enabled) return bad('BUSINESS_CONNECTION_NOT_ALLOWED')
    if (!entry.connection.rights?.can_reply) return bad('BOT_ACCESS_FORBIDDEN: the bot has no right to reply')
    const last = this.lastIncoming.get(`${entry.connection.id}:${Number(p.chat_id)}`)
    if (last === undefined || this.now() - last > REPLY_WINDOW_MS) {
      return bad('BUSINESS_PEER_USAGE_MISSING: no message from the user in the last 24 hours')
    }
    if (p.reply_markup?.keyboard !== undefined) return bad('reply keyboards are not supported in business chats')
    return undefined
  }

  /** What a call on an account's behalf returns; undefined for calls that are not. */
  result(method: string, p: Payload, message: (extra: Record<string, unknown>) => Record<string, unknown>): unknown {
    if (method === 'getBusinessConnection') return this.connections.get(String(p.business_connection_id))?.connection
    const entry =
      p.business_connection_id === undefined ? undefined : this.connections.get(String(p.business_connection_id))
    if (!entry || !/^send/.test(method)) return undefined
    const chatId = Number(p.chat_id)
    // Sent on the account's behalf: from the account, in the account's chat, with its own ids
    return message({
      message_id: this.nextMessageId(entry.connection.id, chatId),
      from: entry.account,
      business_connection_id: entry.connection.id,
      sender_business_bot: this.bot,
    })
  }
}
