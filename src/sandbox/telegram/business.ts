/**
 * Telegram Business in the emulated Telegram: accounts that connected the bot, and
 * their chats with people. An account's chat with a person is not the bot's chat
 * with them, though the ids match: it has its own messages and numbering, and what
 * the bot sends there comes from the account. Telegram lets the bot write (and
 * edit) there only while the connection is enabled, with the right to reply, and
 * within 24 hours of the person's last message; reply keyboards are not allowed.
 * The Bot API side is ./methods/business.ts; sends and edits with
 * `business_connection_id` land here through `TelegramEmulator.writableChat`.
 */
import type { BusinessBotRights, BusinessConnection, CallbackQuery, Message, User } from 'grammy/types'
import {
  type ChatSnapshot,
  type ChatState,
  chatFromSnapshot,
  chatSnapshot,
  type TelegramEmulator,
  UserActionError,
} from './emulator.ts'
import { refuse } from './errors.ts'
import { str } from './request.ts'
import { typedText } from './text.ts'

/** Telegram's own rule for business chats. */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000

/** What is kept across restarts of a sandbox. */
export interface BusinessSnapshot {
  connections: [string, { connection: BusinessConnection; account: User }][]
  chats: [string, ChatSnapshot][]
  lastIncoming: [string, number][]
  seq: number
}

export class Business {
  readonly connections = new Map<string, { connection: BusinessConnection; account: User }>()
  /** `<connection>:<person>` → the account's chat with that person. */
  private readonly chats = new Map<string, ChatState>()
  /** `<connection>:<person>` → when the person last wrote there. */
  private readonly lastIncoming = new Map<string, number>()
  private seq = 0

  constructor(private readonly em: TelegramEmulator) {}

  snapshot(): BusinessSnapshot {
    return {
      connections: [...this.connections],
      chats: [...this.chats].map(([key, chat]) => [key, chatSnapshot(chat)]),
      lastIncoming: [...this.lastIncoming],
      seq: this.seq,
    }
  }

  restore(snapshot: BusinessSnapshot): void {
    for (const [id, entry] of snapshot.connections) this.connections.set(id, entry)
    for (const [key, chat] of snapshot.chats) this.chats.set(key, chatFromSnapshot(chat))
    for (const [key, at] of snapshot.lastIncoming) this.lastIncoming.set(key, at)
    this.seq = snapshot.seq
  }

  /** The account connects the bot, or changes or ends the connection: what Telegram tells the bot. */
  connect(
    account: User,
    {
      id,
      enabled = true,
      rights = { can_reply: true, can_read_messages: true },
    }: { id?: string; enabled?: boolean; rights?: BusinessBotRights } = {},
  ): BusinessConnection {
    const connectionId = id ?? `bc-${++this.seq}`
    const connection: BusinessConnection = {
      id: connectionId,
      user: account,
      user_chat_id: account.id,
      date: Math.floor(this.em.now() / 1000),
      rights,
      is_enabled: enabled,
    }
    this.connections.set(connectionId, { connection, account })
    return connection
  }

  /** The account's chat with a person (created on first use). */
  chat(connectionId: string, personId: number): ChatState {
    const key = `${connectionId}:${personId}`
    const known = this.chats.get(key)
    if (known) return known
    const entry = this.connections.get(connectionId)
    if (!entry) throw refuse.businessConnectionInvalid()
    const chat: ChatState = {
      id: personId,
      type: 'private',
      title: '',
      isForum: false,
      botStatus: 'member',
      botRights: { can_manage_topics: false, can_pin_messages: false, can_delete_messages: false },
      members: new Map(),
      topics: new Map(),
      messages: new Map(),
      lastMessageId: 0,
      pinned: [],
      business: { connectionId, account: entry.account },
    }
    this.chats.set(key, chat)
    return chat
  }

  /** The newest message id of the account, in any of its chats (one sequence: see `TelegramEmulator.nextMessageId`). */
  lastId(connectionId: string): number {
    return Math.max(0, ...this.chatsOf(connectionId).map((chat) => chat.lastMessageId))
  }

  /** The account's chats with people. */
  chatsOf(connectionId: string): ChatState[] {
    return [...this.chats.values()].filter((chat) => chat.business?.connectionId === connectionId)
  }

  /**
   * The account's chat holding message `id`, for deleteBusinessMessages, which names messages by
   * their ids alone; undefined when none holds it (never sent, or deleted).
   */
  chatWith(connectionId: string, id: number): ChatState | undefined {
    return this.chatsOf(connectionId).find((chat) => this.em.findMessage(chat, id) !== undefined)
  }

  /** A person wrote in the account's chat: the bot may answer there for 24 hours. */
  noteIncoming(connectionId: string, personId: number): void {
    this.lastIncoming.set(`${connectionId}:${personId}`, this.em.now())
  }

  /** The chat a send or an edit on the account's behalf goes to, once Telegram allows it. */
  writableChat(p: Record<string, unknown>, personId: number): ChatState {
    const entry = this.connections.get(str(p, 'business_connection_id') ?? '')
    if (!entry) throw refuse.businessConnectionInvalid()
    if (!entry.connection.is_enabled) throw refuse.businessConnectionDisabled()
    if (!entry.connection.rights?.can_reply) throw refuse.businessNoReplyRight()
    const last = this.lastIncoming.get(`${entry.connection.id}:${personId}`)
    if (last === undefined || this.em.now() - last > REPLY_WINDOW_MS) throw refuse.businessWindowClosed()
    return this.chat(entry.connection.id, personId)
  }

  // ------------------------------------------------------------ people's side (the sandbox)

  /** The account connects the bot (or changes the connection): the bot gets `business_connection`. */
  connectAndTell(userId: number, options: Parameters<Business['connect']>[1] = {}): BusinessConnection {
    const connection = this.connect(this.em.person(userId).user, options)
    this.em.enqueue({ business_connection: connection })
    return connection
  }

  /** A connection people can use: the account has connected the bot (enabled or not). */
  private entryFor(connectionId: string) {
    const entry = this.connections.get(connectionId)
    if (!entry) throw new UserActionError('The account has not connected the bot')
    return entry
  }

  /** Someone writes in an account's chat — the person, or the account's owner: the bot gets `business_message`. */
  message(connectionId: string, fromUserId: number, personId: number, text: string): Message {
    const entry = this.entryFor(connectionId)
    const from = fromUserId === entry.account.id ? entry.account : this.em.person(fromUserId).user
    const chat = this.chat(connectionId, personId)
    const formatted = typedText(text)
    const message = this.em.post(
      chat,
      { text, ...(formatted.entities.length ? { entities: formatted.entities } : {}) },
      { from, fromBot: false },
    )
    if (from.id === personId) this.noteIncoming(connectionId, personId)
    if (entry.connection.is_enabled) this.em.enqueue({ business_message: message } as never)
    return message
  }

  /**
   * The person presses a button under what the bot sent for the account: an ordinary
   * callback query whose message carries the connection (only while it is enabled).
   */
  pressButton(connectionId: string, personId: number, messageId: number, data: string): CallbackQuery {
    const entry = this.entryFor(connectionId)
    const chat = this.chat(connectionId, personId)
    const stored = chat.messages.get(messageId)
    const has = stored?.message.reply_markup?.inline_keyboard
      .flat()
      .some((b) => 'callback_data' in b && b.callback_data === data)
    if (!stored || stored.deleted || !has) throw new UserActionError('That button is no longer there')
    const query: CallbackQuery = {
      id: `${this.em.bot.id}b${++this.seq}`,
      from: this.em.person(personId).user,
      message: stored.message,
      chat_instance: `business-${connectionId}-${personId}`,
      data,
    }
    this.em.queries.set(query.id, { answered: false, chatId: personId, userId: personId, business: connectionId })
    if (entry.connection.is_enabled) this.em.enqueue({ callback_query: query })
    return query
  }
}
