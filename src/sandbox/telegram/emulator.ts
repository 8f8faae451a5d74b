/**
 * The emulated Telegram: one world of users, chats, messages (ids per chat),
 * forum topics, pins, files, button presses and bot settings, and a Bot API
 * that acts on it by Telegram's rules — strictly: what Telegram refuses, this
 * refuses with the same error. The sandbox serves it over HTTP (./http.ts);
 * the test suite's fake (test/helpers/fake-telegram.ts) is a thin layer over
 * it, so what the tests prove is what the sandbox shows.
 *
 * Two sides act on the world:
 * - the bot, through `call(method, params, uploads)`: one handler per Bot API
 *   method (./methods/*.ts, registered by name; a new area such as payments or
 *   Business connections is one more module of handlers);
 * - people, through `userMessage`, `pressButton`, `setBlocked`, …: each action
 *   changes the world and becomes an update the bot receives by long polling
 *   (`getUpdates` with offsets) or at its webhook.
 * Listeners (`on`) hear every change, so a page can show the chats live.
 */
import type {
  BotCommand,
  CallbackQuery,
  Chat,
  Message,
  ReplyKeyboardMarkup,
  Update,
  User,
  UserFromGetMe,
} from 'grammy/types'
import { Business, type BusinessSnapshot } from './business.ts'
import { refuse, TelegramError } from './errors.ts'
import { FileStore, type FilesSnapshot } from './files.ts'
import { inlineOf, type Markup } from './markup.ts'
import { botMethods } from './methods/bot.ts'
import { businessMethods } from './methods/business.ts'
import { chatMethods } from './methods/chats.ts'
import { messageMethods } from './methods/messages.ts'
import { paymentMethods } from './methods/payments.ts'
import { opusDuration, silentVoice } from './ogg.ts'
import { Payments, type PaymentsSnapshot } from './payments.ts'
import { RateLimiter, type RateRules, TELEGRAM_RATE_RULES } from './rate-limits.ts'
import { bool, chatIdOf, int, json, type Params, type UploadedFile } from './request.ts'
import { typedText } from './text.ts'

/** One Bot API method: reads its parameters, checks them by Telegram's rules, acts, returns the result. */
export type Method = (
  em: TelegramEmulator,
  params: Params,
  uploads: Record<string, UploadedFile>,
  signal?: AbortSignal,
) => unknown

export interface ForumTopic {
  name: string
  deleted: boolean
  closed?: boolean
  iconColor?: number
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'left' | 'kicked'

export interface BotRights {
  can_manage_topics: boolean
  can_pin_messages: boolean
  can_delete_messages: boolean
}

export interface ChatState {
  id: number
  type: 'private' | 'supergroup'
  title: string
  isForum: boolean
  /** The bot's place in a group. */
  botStatus: MemberStatus
  botRights: BotRights
  /** People in a group. */
  members: Map<number, MemberStatus>
  topics: Map<number, ForumTopic>
  messages: Map<number, StoredMessage>
  lastMessageId: number
  /** Pinned message ids, oldest first. */
  pinned: number[]
  /** The reply keyboard the bot shows in this chat now. */
  keyboard?: ReplyKeyboardMarkup
  /** A business account's chat with a person (see ./business.ts): the bot writes there for the account. */
  business?: { connectionId: string; account: User }
}

export interface StoredMessage {
  message: Message
  fromBot: boolean
  /** Topic created, message pinned…: not content, cannot be copied or edited. */
  service?: boolean
  deleted?: boolean
  /** The bot's reaction (setMessageReaction). */
  reactions?: string[]
}

export interface Person {
  user: User
  /** Has opened the chat with the bot (a bot cannot write first). */
  started: boolean
}

export type EmulatorEvent =
  /** `business`: the message is in that business connection's chat with the person `chatId`. */
  | { type: 'message'; chatId: number; messageId: number; edited?: boolean; business?: string }
  | { type: 'deleted'; chatId: number; messageIds: number[]; business?: string }
  /** Topics, pins, the keyboard, blocking, members: anything about the chat itself. */
  | { type: 'chat'; chatId: number }
  /**
   * The bot's answer to what a person did (a button's answer, a checkout's "no"): a toast or an
   * alert, in the business connection's chat when the button was under one of its messages.
   */
  | {
      type: 'answer'
      chatId: number
      userId: number
      text?: string
      showAlert: boolean
      url?: string
      business?: string
    }
  | { type: 'action'; chatId: number; threadId?: number; action: string }

/** For an event: the business connection whose chat it is, when it is one. */
export function businessOf(chat: ChatState): { business?: string } {
  return chat.business ? { business: chat.business.connectionId } : {}
}

/** A person tried something the Telegram app would not let them do. */
export class UserActionError extends Error {
  override name = 'UserActionError'
}

export type UserContent =
  | { text: string }
  | { photo: { data: Buffer; filename: string; width?: number; height?: number }; caption?: string }
  | { document: { data: Buffer; filename: string; mime?: string }; caption?: string }
  /** The person's own number (the "share my number" button). */
  | { contact: { phone_number: string } }
  /** Someone else's contact card: with `user_id` when that someone is on Telegram. */
  | { contactCard: { phone_number: string; first_name: string; last_name?: string; user_id?: number } }
  /** One of the built-in stickers (STICKERS), by its emoji. */
  | { sticker: { emoji: string } }
  /** A voice message: an Ogg Opus file (see ./ogg.ts); without one, a second of silence. */
  | { voice: { data?: Buffer }; caption?: string }
  | { location: { latitude: number; longitude: number } }
  /** A text the person forwards from someone else. */
  | { forwarded: { text: string; from: ForwardSource } }

/**
 * Whose message a forward carries: a person in this world, someone whose account is hidden
 * (their privacy settings, or anyone the world does not have: only their name comes), or a channel.
 */
export type ForwardSource =
  | { user: number }
  | { hiddenUser: string }
  | { channel: string; username?: string; signature?: string }

/**
 * The stickers a person can send: a small set of the sandbox's own. Each is one file, stored
 * on first use, so its file_id and file_unique_id stay the same every time, as a sticker's do.
 */
export const STICKERS = { set: 'ClientDeskSandbox', emoji: ['👍', '😡', '❤️'] } as const

/** A 1×1 transparent WebP: the picture behind every sandbox sticker (the page shows the emoji). */
const STICKER_PICTURE = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')

export interface EmulatorOptions {
  /** The bot's token; its number before ':' is the bot's id. */
  token: string
  botName?: string
  botUsername?: string
  /** The world's time, ms (message dates, flood limits). Default: real time. */
  now?: () => number
  /** Enforce Telegram's flood limits (429 with retry_after). */
  rateLimits?: boolean | Partial<RateRules>
  /** 'fetch' (default): http(s) links in file parameters are downloaded; 'accept': taken as they are. */
  urlFiles?: 'fetch' | 'accept'
  /**
   * The test suite builds updates itself, so the world cannot know every chat,
   * message, button press or file beforehand. In an open world a chat is created
   * when first named (`chat(id)` gives its settings), and a message, callback
   * query or file id the emulator never saw is taken to exist. Everything it did
   * see is held to the rules.
   */
  openWorld?: { chat(id: number): Partial<ChatState> }
  /** A folder that keeps the files' contents (a sandbox's, across restarts); default: memory only. */
  filesDir?: string
}

/** A chat as plain data. */
export type ChatSnapshot = Omit<ChatState, 'members' | 'topics' | 'messages'> & {
  members: [number, MemberStatus][]
  topics: [number, ForumTopic][]
  messages: StoredMessage[]
}

export function chatSnapshot(chat: ChatState): ChatSnapshot {
  return { ...chat, members: [...chat.members], topics: [...chat.topics], messages: [...chat.messages.values()] }
}

export function chatFromSnapshot(chat: ChatSnapshot): ChatState {
  return {
    ...chat,
    members: new Map(chat.members),
    topics: new Map(chat.topics),
    messages: new Map(chat.messages.map((m) => [m.message.message_id, m])),
  }
}

/** The world as plain data, to keep it across restarts of a sandbox. */
export interface WorldSnapshot {
  version: 1
  people: Person[]
  chats: ChatSnapshot[]
  blockedBy: number[]
  commands: [string, BotCommand[]][]
  allowedUpdates?: string[]
  updates: { next: number; queue: Update[] }
  files: FilesSnapshot
  /** Absent in worlds saved before payments and Telegram Business were kept. */
  payments?: PaymentsSnapshot
  business?: BusinessSnapshot
}

/** Updates Telegram sends when allowed_updates was never given (or was empty). */
const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count'])

/** Message fields that are content (what a copy takes); a message with none of them is a service message. */
export const CONTENT_FIELDS = [
  'text',
  'entities',
  'photo',
  'document',
  'audio',
  'voice',
  'video',
  'video_note',
  'animation',
  'sticker',
  'location',
  'venue',
  'contact',
  'caption',
  'caption_entities',
  'has_media_spoiler',
  'show_caption_above_media',
  'story',
  'poll',
  'dice',
  'game',
] as const

export class TelegramEmulator {
  readonly token: string
  readonly bot: UserFromGetMe
  readonly people = new Map<number, Person>()
  readonly chats = new Map<number, ChatState>()
  /** Users who blocked the bot. */
  readonly blockedBy = new Set<number>()
  readonly files: FileStore
  /** The flood limits, while enforced. */
  limiter: RateLimiter | undefined
  /** Callback queries by id: answered once, then never again. */
  readonly queries = new Map<string, { answered: boolean; chatId?: number; userId?: number; business?: string }>()
  /** setMyCommands lists by scope and language (see `commandsKey`). */
  readonly commands = new Map<string, BotCommand[]>()
  allowedUpdates: string[] | undefined
  /** Invoices, checkouts and charges (./payments.ts). */
  readonly payments: Payments
  /** Business accounts connected to the bot and their chats (./business.ts). */
  readonly business: Business
  webhook: { url: string; secret?: string; lastError?: string; lastErrorDate?: number; failures: number } | undefined

  readonly now: () => number
  readonly openWorld: EmulatorOptions['openWorld']
  private readonly rateRules: RateRules
  private readonly methods = new Map<string, Method>()
  private readonly listeners = new Set<(event: EmulatorEvent) => void>()
  private queue: Update[] = []
  private nextUpdateId = 1
  private poller: { wake(): void; conflict(): void; abort(): void } | undefined
  private delivering = false
  private closed = false
  private seq = 0

  constructor(options: EmulatorOptions) {
    this.token = options.token
    this.now = options.now ?? Date.now
    this.openWorld = options.openWorld
    const botId = Number(options.token.split(':')[0])
    this.bot = {
      id: botId,
      is_bot: true,
      first_name: options.botName ?? 'ClientDesk',
      username: options.botUsername ?? 'clientdesk_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    } as UserFromGetMe
    this.files = new FileStore({
      urlFiles: options.urlFiles ?? 'fetch',
      openWorld: !!options.openWorld,
      ...(options.filesDir ? { dir: options.filesDir } : {}),
    })
    this.rateRules = { ...TELEGRAM_RATE_RULES, ...(typeof options.rateLimits === 'object' ? options.rateLimits : {}) }
    this.setRateLimits(!!options.rateLimits)
    this.payments = new Payments(this)
    this.business = new Business(this)
    for (const registry of [botMethods, chatMethods, messageMethods, paymentMethods, businessMethods]) {
      for (const [name, method] of Object.entries(registry)) this.methods.set(name.toLowerCase(), method)
    }
  }

  // ------------------------------------------------------------ keeping the world

  snapshot(): WorldSnapshot {
    return {
      version: 1,
      people: [...this.people.values()],
      chats: [...this.chats.values()].map(chatSnapshot),
      blockedBy: [...this.blockedBy],
      commands: [...this.commands],
      ...(this.allowedUpdates ? { allowedUpdates: this.allowedUpdates } : {}),
      updates: { next: this.nextUpdateId, queue: this.queue },
      files: this.files.snapshot(),
      payments: this.payments.snapshot(),
      business: this.business.snapshot(),
    }
  }

  /** Loads a snapshot into this (new, empty) world. */
  restore(snapshot: WorldSnapshot): void {
    for (const person of snapshot.people) this.people.set(person.user.id, person)
    for (const chat of snapshot.chats) this.chats.set(chat.id, chatFromSnapshot(chat))
    for (const id of snapshot.blockedBy) this.blockedBy.add(id)
    for (const [key, list] of snapshot.commands) this.commands.set(key, list)
    this.allowedUpdates = snapshot.allowedUpdates
    this.nextUpdateId = snapshot.updates.next
    this.queue = snapshot.updates.queue
    this.files.restore(snapshot.files)
    if (snapshot.payments) this.payments.restore(snapshot.payments)
    if (snapshot.business) this.business.restore(snapshot.business)
  }

  // ------------------------------------------------------------ the bot's side

  /**
   * Runs one Bot API method. Method names are case-insensitive, as Telegram's are.
   * @throws TelegramError with Telegram's code and description
   */
  async call(
    method: string,
    params: Params = {},
    uploads: Record<string, UploadedFile> = {},
    signal?: AbortSignal,
  ): Promise<unknown> {
    const handler = this.methods.get(method.toLowerCase())
    if (!handler) throw refuse.notFound()
    for (const [name, value] of Object.entries(params)) if (hasLoneSurrogate(value)) throw refuse.notUtf8(name)
    return handler(this, params, uploads, signal)
  }

  /** Whether the emulator has a handler for this method. */
  knows(method: string): boolean {
    return this.methods.has(method.toLowerCase())
  }

  setRateLimits(on: boolean): void {
    this.limiter = on ? new RateLimiter(this.now, this.rateRules) : undefined
  }

  /** Counts a call that puts messages into a chat, or refuses it with 429 (checked last, after every other rule). */
  admit(method: string, params: Params): void {
    if (!this.limiter) return
    const payload: Params = { ...params }
    for (const list of ['media', 'message_ids']) if (params[list] !== undefined) payload[list] = json(params, list)
    const verdict = this.limiter.take(method, payload)
    if (!verdict.ok) throw refuse.tooManyRequests(verdict.retryAfter ?? 1)
  }

  // ------------------------------------------------------------ chats and people

  /** A chat by id; in an open world it is created on first mention. */
  chat(id: number): ChatState {
    const known = this.chats.get(id)
    if (known) return known
    if (!this.openWorld || !Number.isSafeInteger(id) || id === 0) throw refuse.chatNotFound()
    if (id > 0) {
      this.people.set(id, { user: { id, is_bot: false, first_name: `User${id}` }, started: true })
      return this.addChat({ id, type: 'private' })
    }
    return this.addChat({ id, type: 'supergroup', title: 'Staff', isForum: true, ...this.openWorld.chat(id) })
  }

  private addChat(init: Partial<ChatState> & Pick<ChatState, 'id' | 'type'>): ChatState {
    const chat: ChatState = {
      title: '',
      isForum: false,
      botStatus: init.type === 'private' ? 'member' : 'administrator',
      botRights: { can_manage_topics: true, can_pin_messages: true, can_delete_messages: true },
      members: new Map(),
      topics: new Map(),
      messages: new Map(),
      lastMessageId: 0,
      pinned: [],
      ...init,
    }
    this.chats.set(chat.id, chat)
    return chat
  }

  /**
   * The chat a send goes to, once the bot may write there; with `business_connection_id`,
   * a business account's chat with the person, by Telegram Business's rules.
   */
  writableChat(params: Params, name = 'chat_id'): ChatState {
    if (params.business_connection_id !== undefined) return this.business.writableChat(params, chatIdOf(params, name))
    const chat = this.chat(chatIdOf(params, name))
    if (chat.type === 'private') {
      if (this.blockedBy.has(chat.id)) throw refuse.blocked()
      if (this.people.get(chat.id)?.started === false) throw refuse.cantInitiate()
    } else if (chat.botStatus === 'left' || chat.botStatus === 'kicked') throw refuse.notMember()
    return chat
  }

  /**
   * The chat a method without `business_connection_id` writes to (copies, forwards,
   * invoices): the bot's own chat — Telegram ignores the field there, it does not send on
   * a business account's behalf.
   */
  ownChat(params: Params, name = 'chat_id'): ChatState {
    const { business_connection_id: _ignored, ...own } = params
    return this.writableChat(own, name)
  }

  /** The forum topic a message goes to (`message_thread_id`), checked. */
  thread(chat: ChatState, params: Params): number | undefined {
    const id = int(params, 'message_thread_id')
    if (id === undefined || chat.type === 'private') return undefined
    const topic = chat.isForum ? chat.topics.get(id) : undefined
    if (!topic || topic.deleted) throw refuse.threadNotFound()
    if (topic.closed && !this.botMay(chat, 'can_manage_topics')) throw refuse.topicClosed()
    return id
  }

  botMay(chat: ChatState, right: keyof BotRights): boolean {
    return chat.type === 'private' || (chat.botStatus === 'administrator' && chat.botRights[right])
  }

  /** The Chat object messages carry. */
  chatObject(chat: ChatState): Chat {
    if (chat.type === 'private') {
      const u = this.people.get(chat.id)?.user
      return {
        id: chat.id,
        type: 'private',
        first_name: u?.first_name ?? '',
        ...(u?.last_name ? { last_name: u.last_name } : {}),
        ...(u?.username ? { username: u.username } : {}),
      }
    }
    return { id: chat.id, type: 'supergroup', title: chat.title, ...(chat.isForum ? { is_forum: true } : {}) } as Chat
  }

  botUser(): User {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username }
  }

  // ------------------------------------------------------------ messages

  /**
   * The next message id in a chat (the bot's and people's messages share the counter). A
   * business account numbers the messages of all its private chats in one sequence, as Telegram
   * numbers a user account's: deleteBusinessMessages names messages by id alone.
   */
  nextMessageId(chat: ChatState): number {
    if (chat.business)
      chat.lastMessageId = Math.max(chat.lastMessageId, this.business.lastId(chat.business.connectionId))
    chat.lastMessageId++
    return chat.lastMessageId
  }

  /**
   * A message in a chat; in an open world a message the emulator never saw is
   * taken to be one of the bot's, content unknown (`assumed`).
   */
  findMessage(chat: ChatState, id: number | undefined): (StoredMessage & { assumed?: boolean }) | undefined {
    if (id === undefined || !Number.isSafeInteger(id)) return undefined
    const stored = chat.messages.get(id)
    if (stored) return stored.deleted ? undefined : stored
    if (!this.openWorld || id <= 0) return undefined
    return {
      message: { message_id: id, date: 0, chat: this.chatObject(chat), from: this.botUser() } as Message,
      fromBot: true,
      assumed: true,
    }
  }

  /** The message a reply points at (`reply_parameters` or the older `reply_to_message_id`). */
  replyTarget(chat: ChatState, params: Params): StoredMessage | undefined {
    const given = json<{ message_id?: number; chat_id?: number; allow_sending_without_reply?: boolean }>(
      params,
      'reply_parameters',
    )
    const legacy = int(params, 'reply_to_message_id')
    const wanted = given ?? (legacy !== undefined ? { message_id: legacy } : undefined)
    if (!wanted) return undefined
    const allowMissing = given ? !!given.allow_sending_without_reply : bool(params, 'allow_sending_without_reply')
    const target = this.findMessage(chat, Number(wanted.message_id))
    if (target) return target
    if (allowMissing) return undefined
    throw refuse.replyNotFound()
  }

  /** A topic's creation message: what every message in the topic "replies" to. */
  private topicRoot(chat: ChatState, threadId: number): Message {
    const stored = chat.messages.get(threadId)?.message
    if (stored) return stored
    const topic = chat.topics.get(threadId)
    return {
      message_id: threadId,
      date: 0,
      chat: this.chatObject(chat),
      message_thread_id: threadId,
      forum_topic_created: { name: topic?.name ?? '', icon_color: topic?.iconColor ?? 7322096 },
      is_topic_message: true,
    } as Message
  }

  /** Puts a new message into a chat and tells the listeners. */
  post(
    chat: ChatState,
    content: Partial<Message>,
    opts: {
      from: User
      fromBot: boolean
      threadId?: number
      replyTo?: StoredMessage
      markup?: Markup
      service?: boolean
      /** The service message that opens a forum topic: its id is the topic's. */
      opensTopic?: boolean
    },
  ): Message {
    if (chat.business && opts.markup?.kind === 'keyboard') throw refuse.businessKeyboard()
    const id = this.nextMessageId(chat)
    // What the bot sends for a business account comes from the account
    const onBehalf = chat.business && opts.fromBot
    const message = {
      message_id: id,
      from: onBehalf ? chat.business?.account : opts.from,
      ...(chat.business ? { business_connection_id: chat.business.connectionId } : {}),
      ...(onBehalf ? { sender_business_bot: this.botUser() } : {}),
      date: Math.floor(this.now() / 1000),
      chat: this.chatObject(chat),
      ...(opts.opensTopic ? { message_thread_id: id, is_topic_message: true } : {}),
      ...(opts.threadId !== undefined ? { message_thread_id: opts.threadId, is_topic_message: true } : {}),
      ...(opts.replyTo
        ? { reply_to_message: withoutReply(opts.replyTo.message) }
        : opts.threadId !== undefined
          ? { reply_to_message: withoutReply(this.topicRoot(chat, opts.threadId)) }
          : {}),
      ...content,
    } as Message
    const inline = opts.markup ? inlineOf(opts.markup) : undefined
    if (inline) message.reply_markup = inline
    chat.messages.set(message.message_id, {
      message,
      fromBot: opts.fromBot,
      ...(opts.service ? { service: true } : {}),
    })
    if (opts.markup?.kind === 'keyboard') chat.keyboard = opts.markup.markup
    if (opts.markup?.kind === 'remove') chat.keyboard = undefined
    this.emit({ type: 'message', chatId: chat.id, messageId: message.message_id, ...businessOf(chat) })
    if (opts.markup?.kind === 'keyboard' || opts.markup?.kind === 'remove') this.emit({ type: 'chat', chatId: chat.id })
    return message
  }

  /** Replaces a stored message after an edit. */
  replace(chat: ChatState, message: Message): void {
    const stored = chat.messages.get(message.message_id)
    chat.messages.set(message.message_id, { message, fromBot: stored?.fromBot ?? true })
    this.emit({ type: 'message', chatId: chat.id, messageId: message.message_id, edited: true, ...businessOf(chat) })
  }

  // ------------------------------------------------------------ events

  on(listener: (event: EmulatorEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(event: EmulatorEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  // ------------------------------------------------------------ updates: long polling and webhooks

  private isAllowed(kind: string): boolean {
    const allowed = this.allowedUpdates
    return allowed && allowed.length > 0 ? allowed.includes(kind) : !NOT_BY_DEFAULT.has(kind)
  }

  /** Queues an update for the bot (dropped when the bot did not ask for its kind). */
  enqueue(update: Omit<Update, 'update_id'>): void {
    const kind = Object.keys(update)[0] ?? ''
    if (!this.isAllowed(kind)) return
    this.queue.push({ update_id: this.nextUpdateId++, ...update } as Update)
    this.poller?.wake()
    if (this.webhook) void this.pushToWebhook()
  }

  /** Updates not confirmed yet (their count is getWebhookInfo's pending_update_count). */
  pending(): readonly Update[] {
    return this.queue
  }

  /**
   * getUpdates: confirms what is below `offset`, returns what is queued, or waits up
   * to `timeout` seconds for something new. A second request while one waits ends
   * the first with 409, as Telegram does when two copies of a bot poll.
   */
  async getUpdates(params: Params, signal?: AbortSignal): Promise<Update[]> {
    if (this.webhook) throw refuse.webhookActive()
    const offset = int(params, 'offset')
    const limit = Math.min(100, Math.max(1, int(params, 'limit') ?? 100))
    const timeout = Math.max(0, int(params, 'timeout') ?? 0)
    const allowed = json<string[]>(params, 'allowed_updates')
    if (allowed) this.allowedUpdates = allowed
    if (offset !== undefined && !Number.isNaN(offset)) {
      this.queue = offset < 0 ? this.queue.slice(offset) : this.queue.filter((u) => u.update_id >= offset)
    }
    this.poller?.conflict()
    if (this.queue.length > 0 || timeout === 0 || this.closed) return this.queue.slice(0, limit)
    return new Promise<Update[]>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        if (this.poller === poller) this.poller = undefined
        outcome()
      }
      const onAbort = () => finish(() => resolve([]))
      const poller = {
        wake: () => finish(() => resolve(this.queue.slice(0, limit))),
        conflict: () => finish(() => reject(refuse.otherGetUpdates())),
        abort: onAbort,
      }
      const timer = setTimeout(poller.wake, timeout * 1000)
      signal?.addEventListener('abort', onAbort)
      this.poller = poller
    })
  }

  /** setWebhook / deleteWebhook: updates go to the URL (POST, with the secret header) instead of getUpdates. */
  setWebhook(hook: { url: string; secret?: string } | undefined, dropPending: boolean): void {
    if (dropPending) this.queue = []
    this.webhook = hook ? { ...hook, failures: 0 } : undefined
    if (hook) {
      this.poller?.conflict()
      void this.pushToWebhook()
    }
  }

  /** Delivers queued updates one by one; a failed delivery is retried with a growing pause. */
  private async pushToWebhook(): Promise<void> {
    if (this.delivering) return
    this.delivering = true
    try {
      while (this.webhook && this.queue.length > 0 && !this.closed) {
        const hook = this.webhook
        const update = this.queue[0] as Update
        try {
          const res = await fetch(hook.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(hook.secret ? { 'x-telegram-bot-api-secret-token': hook.secret } : {}),
            },
            body: JSON.stringify(update),
            signal: AbortSignal.timeout(60_000),
          })
          const body = await res.text()
          if (!res.ok) throw new Error(`Wrong response from the webhook: ${res.status} ${res.statusText}`)
          if (this.queue[0] === update) this.queue.shift()
          hook.failures = 0
          await this.webhookReply(body)
        } catch (err) {
          hook.failures++
          hook.lastError = err instanceof Error ? err.message : String(err)
          hook.lastErrorDate = Math.floor(this.now() / 1000)
          const pause = Math.min(60_000, 500 * 2 ** hook.failures)
          await new Promise((resolve) => setTimeout(resolve, pause).unref())
        }
      }
    } finally {
      this.delivering = false
    }
  }

  /** A webhook may answer with a method call in its response body; Telegram runs it. */
  private async webhookReply(body: string): Promise<void> {
    if (!body.trim().startsWith('{')) return
    let reply: Params
    try {
      reply = JSON.parse(body) as Params
    } catch {
      return // not a method call: Telegram ignores the body
    }
    const { method, ...params } = reply
    if (typeof method !== 'string') return
    try {
      await this.call(method, params)
    } catch (err) {
      // Telegram does not tell the bot about a failed webhook reply either
      if (!(err instanceof TelegramError)) throw err
    }
  }

  /** Ends waiting requests and webhook retries (the world is being replaced or shut down). */
  close(): void {
    this.closed = true
    this.poller?.abort()
    this.webhook = undefined
  }

  // ------------------------------------------------------------ people's side

  addUser(init: Omit<User, 'id' | 'is_bot'> & { id?: number; started?: boolean }): User {
    const { started = false, id = Math.max(200_000, ...this.people.keys()) + 1, ...rest } = init
    const user: User = { id, is_bot: false, ...rest }
    this.people.set(id, { user, started })
    this.ensurePrivate(id)
    return user
  }

  /** A private chat with a person (created with the person). */
  private ensurePrivate(userId: number): ChatState {
    return this.chats.get(userId) ?? this.addChat({ id: userId, type: 'private' })
  }

  addGroup(init: {
    id: number
    title: string
    forum?: boolean
    members?: [number, MemberStatus][]
    botRights?: Partial<BotRights>
  }): ChatState {
    return this.addChat({
      id: init.id,
      type: 'supergroup',
      title: init.title,
      isForum: init.forum ?? false,
      members: new Map(init.members ?? []),
      botRights: { can_manage_topics: true, can_pin_messages: true, can_delete_messages: true, ...init.botRights },
    })
  }

  person(userId: number): Person {
    const person = this.people.get(userId)
    if (!person) throw new UserActionError(`There is no user ${userId}`)
    return person
  }

  /** The chat a person writes in, and the topic, as the Telegram app would allow. */
  private placeFor(userId: number, chatId: number, threadId: number | undefined) {
    const person = this.person(userId)
    const chat = chatId === userId ? this.ensurePrivate(userId) : this.chats.get(chatId)
    if (!chat) throw new UserActionError(`There is no chat ${chatId}`)
    let status: MemberStatus = 'member'
    if (chat.type === 'private') {
      if (chat.id !== userId) throw new UserActionError('That is somebody else’s private chat')
      if (this.blockedBy.has(userId)) throw new UserActionError('Unblock the bot first')
    } else {
      status = chat.members.get(userId) ?? 'left'
      if (status === 'left' || status === 'kicked') throw new UserActionError('You are not a member of this group')
      if (threadId !== undefined) {
        const topic = chat.topics.get(threadId)
        if (!topic || topic.deleted) throw new UserActionError('This topic was deleted')
        if (topic.closed && status === 'member') throw new UserActionError('This topic is closed')
      }
    }
    return { person, chat, status }
  }

  /** A person sends a message; the bot gets it as an update. */
  userMessage(
    userId: number,
    chatId: number,
    content: UserContent,
    opts: { threadId?: number; replyTo?: number } = {},
  ): Message {
    const { person, chat } = this.placeFor(userId, chatId, opts.threadId)
    const threadId = chat.type === 'private' ? undefined : opts.threadId
    const replyTo = opts.replyTo !== undefined ? this.findMessage(chat, opts.replyTo) : undefined
    if (opts.replyTo !== undefined && !replyTo) throw new UserActionError('That message is gone')
    const body = this.contentOf(person, content)
    if (chat.type === 'private') person.started = true
    const message = this.post(chat, body, {
      from: person.user,
      fromBot: false,
      ...(threadId !== undefined ? { threadId } : {}),
      ...(replyTo ? { replyTo } : {}),
    })
    this.enqueue({ message } as Omit<Update, 'update_id'>)
    return message
  }

  /** What a person's message holds, as Telegram puts it in the Message. */
  private contentOf(person: Person, content: UserContent): Partial<Message> {
    if ('text' in content) {
      const text = content.text.trim()
      if (!text) throw new UserActionError('Type a message first')
      if (text.length > 4096) throw new UserActionError('A message holds at most 4096 characters')
      const formatted = typedText(text)
      return { text, ...(formatted.entities.length ? { entities: formatted.entities } : {}) }
    } else if ('photo' in content) {
      const file = this.files.add(content.photo.data, 'photo', content.photo.filename)
      const { width = 1280, height = 960 } = content.photo
      return {
        photo: [
          { file_id: file.file_id, file_unique_id: file.file_unique_id, width, height, file_size: file.file_size },
        ],
        ...captionOf(content.caption),
      }
    } else if ('document' in content) {
      const file = this.files.add(content.document.data, 'document', content.document.filename, content.document.mime)
      return {
        document: {
          file_id: file.file_id,
          file_unique_id: file.file_unique_id,
          file_name: content.document.filename,
          ...(file.mime_type ? { mime_type: file.mime_type } : {}),
          file_size: file.file_size,
        },
        ...captionOf(content.caption),
      }
    } else if ('contact' in content) {
      const u = person.user
      return {
        contact: {
          phone_number: content.contact.phone_number,
          first_name: u.first_name,
          ...(u.last_name ? { last_name: u.last_name } : {}),
          user_id: u.id,
        },
      }
    } else if ('contactCard' in content) {
      const card = content.contactCard
      const phone = card.phone_number.trim()
      const name = card.first_name.trim()
      if (!phone) throw new UserActionError('A contact needs a phone number')
      if (!name) throw new UserActionError('A contact needs a first name')
      if (card.user_id !== undefined && !this.people.has(card.user_id)) {
        throw new UserActionError(`There is no user ${card.user_id}`)
      }
      return {
        contact: {
          phone_number: phone,
          first_name: name,
          ...(card.last_name?.trim() ? { last_name: card.last_name.trim() } : {}),
          ...(card.user_id !== undefined ? { user_id: card.user_id } : {}),
        },
      }
    } else if ('sticker' in content) {
      const { emoji } = content.sticker
      const index = (STICKERS.emoji as readonly string[]).indexOf(emoji)
      if (index < 0) throw new UserActionError(`The sandbox's stickers are ${STICKERS.emoji.join(' ')}`)
      const name = `sticker-${index + 1}.webp`
      const file =
        this.files.find('sticker', name) ??
        this.files.add(STICKER_PICTURE, 'sticker', name, 'image/webp', { emoji, set_name: STICKERS.set })
      return {
        sticker: {
          file_id: file.file_id,
          file_unique_id: file.file_unique_id,
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          emoji,
          set_name: STICKERS.set,
          file_size: file.file_size,
        },
      }
    } else if ('voice' in content) {
      const data = content.voice.data ?? silentVoice(1)
      const duration = opusDuration(data)
      if (duration === undefined)
        throw new UserActionError('A voice message is an Ogg file with Opus audio (.ogg, .opus)')
      const file = this.files.add(data, 'voice', undefined, 'audio/ogg', { duration })
      return {
        voice: {
          file_id: file.file_id,
          file_unique_id: file.file_unique_id,
          duration,
          mime_type: 'audio/ogg',
          file_size: file.file_size,
        },
        ...captionOf(content.caption),
      }
    } else if ('location' in content) {
      const { latitude, longitude } = content.location
      if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
        throw new UserActionError('A location is a latitude from -90 to 90 and a longitude from -180 to 180')
      }
      return { location: { latitude, longitude } }
    }
    const text = content.forwarded.text.trim()
    if (!text) throw new UserActionError('Type the message to forward first')
    if (text.length > 4096) throw new UserActionError('A message holds at most 4096 characters')
    const formatted = typedText(text)
    return {
      forward_origin: this.forwardOrigin(content.forwarded.from),
      text,
      ...(formatted.entities.length ? { entities: formatted.entities } : {}),
    } as Partial<Message>
  }

  /** A forward's origin, as the Bot API (7.0+) describes it; the original was sent just now. */
  private forwardOrigin(source: ForwardSource): Message['forward_origin'] {
    const date = Math.floor(this.now() / 1000)
    if ('user' in source) return { type: 'user', date, sender_user: this.person(source.user).user }
    if ('hiddenUser' in source) {
      const name = source.hiddenUser.trim()
      if (!name) throw new UserActionError('Whose message is it? A name, please')
      return { type: 'hidden_user', date, sender_user_name: name }
    }
    const title = source.channel.trim()
    if (!title) throw new UserActionError('Which channel? Its title, please')
    const username = source.username?.replace(/^@/, '').trim()
    return {
      type: 'channel',
      date,
      // A channel the world does not hold: an id made from its title, the same each time
      chat: { id: channelIdOf(title), type: 'channel', title, ...(username ? { username } : {}) },
      message_id: ++this.seq,
      ...(source.signature?.trim() ? { author_signature: source.signature.trim() } : {}),
    }
  }

  /**
   * An admin closes or reopens a forum topic in the app: members can no longer write there
   * (admins and the bot still can), and the bot gets the service message as an update.
   */
  userSetTopicClosed(userId: number, chatId: number, threadId: number, closed: boolean): Message {
    const { person, chat, status } = this.placeFor(userId, chatId, undefined)
    const topic = chat.isForum ? chat.topics.get(threadId) : undefined
    if (!topic || topic.deleted) throw new UserActionError('This topic was deleted')
    if (status !== 'creator' && status !== 'administrator') throw new UserActionError('Only admins close topics')
    if ((topic.closed === true) === closed) {
      throw new UserActionError(closed ? 'This topic is closed already' : 'This topic is open already')
    }
    topic.closed = closed
    const message = this.post(chat, closed ? { forum_topic_closed: {} } : { forum_topic_reopened: {} }, {
      from: person.user,
      fromBot: false,
      service: true,
      threadId,
    })
    this.emit({ type: 'chat', chatId: chat.id })
    this.enqueue({ message } as Omit<Update, 'update_id'>)
    return message
  }

  /**
   * An admin adds a person to a group, as the app's "Add members" or an invite link they follow:
   * they may write there from now on, and the bot gets the service message (`new_chat_members`).
   */
  userAddMember(adminId: number, chatId: number, userId: number): Message {
    const { person, chat, status } = this.placeFor(adminId, chatId, undefined)
    if (chat.type === 'private') throw new UserActionError('Only a group has members to add')
    if (status !== 'creator' && status !== 'administrator') throw new UserActionError('Only admins add members')
    const joining = this.person(userId)
    const was = chat.members.get(userId) ?? 'left'
    if (was !== 'left' && was !== 'kicked') throw new UserActionError('Already a member of this group')
    chat.members.set(userId, 'member')
    const message = this.post(
      chat,
      { new_chat_members: [joining.user] },
      {
        from: person.user,
        fromBot: false,
        service: true,
      },
    )
    this.emit({ type: 'chat', chatId: chat.id })
    this.enqueue({ message } as Omit<Update, 'update_id'>)
    return message
  }

  /** A person edits their own text message. */
  userEdit(userId: number, chatId: number, messageId: number, text: string): Message {
    const { chat } = this.placeFor(userId, chatId, undefined)
    const stored = chat.messages.get(messageId)
    if (!stored || stored.deleted || stored.message.from?.id !== userId) {
      throw new UserActionError('You can edit only your own messages')
    }
    const next = text.trim()
    if (!next) throw new UserActionError('A message cannot be empty')
    if (stored.message.text === undefined && stored.message.caption === undefined) {
      throw new UserActionError('This message has no text to edit')
    }
    // An edit holds what a new message would
    if (stored.message.text !== undefined && next.length > 4096) {
      throw new UserActionError('A message holds at most 4096 characters')
    }
    if (stored.message.text === undefined && next.length > 1024) {
      throw new UserActionError('A caption holds at most 1024 characters')
    }
    // Saved unchanged: nothing happens, as in Telegram (no "edited" mark, no update for the bot)
    if (next === (stored.message.text ?? stored.message.caption)) return stored.message
    const formatted = typedText(next)
    const edited = {
      ...stored.message,
      ...(stored.message.text !== undefined
        ? { text: next, entities: formatted.entities }
        : { caption: next, caption_entities: formatted.entities }),
      edit_date: Math.floor(this.now() / 1000),
    } as Message
    if (!formatted.entities.length) {
      delete (edited as { entities?: unknown }).entities
      delete (edited as { caption_entities?: unknown }).caption_entities
    }
    this.replace(chat, edited)
    this.enqueue({ edited_message: edited } as Omit<Update, 'update_id'>)
    return edited
  }

  /** A person presses an inline button under a message; the bot gets a callback query to answer. */
  pressButton(userId: number, chatId: number, messageId: number, data: string): CallbackQuery {
    const { person, chat } = this.placeFor(userId, chatId, undefined)
    const stored = this.findMessage(chat, messageId)
    const has = stored?.message.reply_markup?.inline_keyboard
      .flat()
      .some((b) => 'callback_data' in b && b.callback_data === data)
    if (!stored || !has) throw new UserActionError('That button is no longer there')
    const query: CallbackQuery = {
      id: `${this.bot.id}${(++this.seq).toString().padStart(6, '0')}`,
      from: person.user,
      message: stored.message,
      chat_instance: String(Math.abs(chat.id * 7919) % 1_000_000_007),
      data,
    }
    this.queries.set(query.id, { answered: false, chatId: chat.id, userId })
    this.enqueue({ callback_query: query })
    return query
  }

  /** A person blocks (or unblocks) the bot: sends to them fail with 403, the bot gets my_chat_member. */
  setBlocked(userId: number, blocked: boolean): void {
    const person = this.person(userId)
    if (this.blockedBy.has(userId) === blocked) return
    if (blocked) this.blockedBy.add(userId)
    else this.blockedBy.delete(userId)
    const chat = this.ensurePrivate(userId)
    const bot = this.botUser()
    const was = blocked ? 'member' : 'kicked'
    const now = blocked ? 'kicked' : 'member'
    const member = (status: string) =>
      status === 'kicked' ? { status, user: bot, until_date: 0 } : { status, user: bot }
    this.enqueue({
      my_chat_member: {
        chat: this.chatObject(chat),
        from: person.user,
        date: Math.floor(this.now() / 1000),
        old_chat_member: member(was),
        new_chat_member: member(now),
      },
    } as Omit<Update, 'update_id'>)
    this.emit({ type: 'chat', chatId: userId })
  }

  // ------------------------------------------------------------ commands menu

  /** Which command list a person sees in a chat: the narrowest scope set, in their language or any. */
  commandsFor(chatId: number, userId: number): BotCommand[] {
    const chat = this.chats.get(chatId)
    const language = this.people.get(userId)?.user.language_code
    const admin = ['creator', 'administrator'].includes(chat?.members.get(userId) ?? '')
    const scopes =
      chat?.type === 'private'
        ? [`chat:${chatId}`, 'all_private_chats', 'default']
        : [
            `chat_member:${chatId}:${userId}`,
            ...(admin ? [`chat_administrators:${chatId}`] : []),
            `chat:${chatId}`,
            ...(admin ? ['all_chat_administrators'] : []),
            'all_group_chats',
            'default',
          ]
    for (const scope of scopes) {
      const found = (language && this.commands.get(`${scope}|${language}`)) || this.commands.get(`${scope}|`)
      if (found) return found
    }
    return []
  }
}

/** Telegram does not nest replies: a replied-to (or pinned) message comes without its own reply. */
export function withoutReply(message: Message): Message {
  const { reply_to_message: _, ...rest } = message as Message & { reply_to_message?: unknown }
  return rest as Message
}

/** A made-up channel's id: -100 and ten digits, from its title. */
function channelIdOf(title: string): number {
  let hash = 0
  for (const ch of title) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_000_000
  return -(1_002_000_000_000 + hash)
}

function captionOf(caption: string | undefined): Partial<Message> {
  const text = caption?.trim()
  if (!text) return {}
  if (text.length > 1024) throw new UserActionError('A caption holds at most 1024 characters')
  const formatted = typedText(text)
  return { caption: text, ...(formatted.entities.length ? { caption_entities: formatted.entities } : {}) }
}

/**
 * A string anywhere in the value holding half of a surrogate pair, as a cut in the middle of
 * an emoji leaves: JSON can carry one (`"\ud83d"`), UTF-8, which Telegram reads, cannot.
 */
function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value)
  if (Array.isArray(value)) return value.some(hasLoneSurrogate)
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasLoneSurrogate)
  return false
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
