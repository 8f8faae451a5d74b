/**
 * The test suite's Telegram: a thin layer over the sandbox's Bot API emulator
 * (src/sandbox/telegram/emulator.ts), passed to grammY as `client.fetch`, so it
 * sees every call — from handlers, from jobs and from inside conversations
 * alike. The emulator holds the rules (lengths, entity parsing, keyboards,
 * edits, topics, blocked users, button answers, flood limits); this layer adds
 * what tests need on top: a record of calls, failures on demand (`fail`),
 * overridden results (`on`), and an open world, since tests build their own
 * updates (test/helpers/updates.ts tells the emulator about each one).
 */
import type { InlineKeyboardMarkup, Update, UserFromGetMe } from 'grammy/types'
import {
  type ChatState,
  type ForumTopic,
  type StoredMessage,
  TelegramEmulator,
} from '../../src/sandbox/telegram/emulator.ts'
import { TelegramError } from '../../src/sandbox/telegram/errors.ts'
import type { RateLimiter, RateRules } from '../../src/sandbox/telegram/rate-limits.ts'
import { readBotApiRequest } from '../../src/sandbox/telegram/request.ts'

export interface ApiCall {
  method: string
  // biome-ignore lint/suspicious/noExplicitAny: Bot API payloads are loosely typed on purpose here
  payload: Record<string, any>
  files: Record<string, { filename: string; data: Buffer }>
  ok: boolean
  error?: TelegramErrorSpec
  /** What the call returned (a sent message, with its id), when it succeeded. */
  result?: unknown
}

export interface TelegramErrorSpec {
  error_code: number
  description: string
  retry_after?: number
}

export interface FailureRule extends TelegramErrorSpec {
  method?: string | RegExp
  chatId?: number
  /** only calls whose parameters pass this */
  where?: (payload: ApiCall['payload']) => boolean
  /** how many matching calls fail; default 1 */
  times?: number
}

type Handler = (payload: ApiCall['payload'], call: ApiCall) => unknown

export const BOT_ID = 7_000_000_001

export const SEND_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendVoice',
  'sendVideo',
  'sendVideoNote',
  'sendAudio',
  'sendAnimation',
  'sendSticker',
  'sendLocation',
  'sendContact',
  'sendMediaGroup',
  'sendInvoice',
  'copyMessage',
  'copyMessages',
  'forwardMessage',
])

export interface FakeTelegramOptions {
  /**
   * Enforce Telegram's flood limits (429 with retry_after beyond them). Off by default:
   * most tests run on a fake clock that never moves, at no human pace at all.
   */
  rateLimits?: boolean | Partial<RateRules>
  /** The emulator's time, ms (message dates, the rate limits); defaults to the real time. */
  now?: () => number
}

/**
 * The suite's groups have a history: a group's first new message is #100 (so the
 * first topic created in it is #100, as the suite has always seen).
 */
const GROUP_HISTORY = 99

export class FakeTelegram {
  /** The emulated Telegram the calls go to. */
  readonly emulator: TelegramEmulator
  readonly calls: ApiCall[] = []
  /**
   * The forum topics of the first group the bot talks to, by thread id (tests may add and
   * delete topics); other groups (several staff groups) have their own, as in Telegram.
   */
  readonly topics = new Map<number, ForumTopic>()
  private readonly otherTopics = new Map<number, Map<number, ForumTopic>>()
  private firstGroup: number | undefined
  /** The bot's admin rights in the suite's groups (when it is an admin). */
  readonly botRights = { can_manage_topics: true, can_pin_messages: true, can_delete_messages: true }
  readonly blockedChats: Set<number>
  /** Files users "sent", by file_id: getFile describes them and the file URL serves them. */
  readonly files: Map<string, Buffer>

  private forum = true
  private admin = true
  private readonly rules: FailureRule[] = []
  private readonly handlers = new Map<string, Handler>()
  private readonly holds: { match: (call: ApiCall) => boolean; released: Promise<void>; answered: boolean }[] = []

  constructor(options: FakeTelegramOptions = {}) {
    this.emulator = new TelegramEmulator({
      token: `${BOT_ID}:fake-telegram-token`,
      botName: 'ClientDesk',
      botUsername: 'clientdesk_test_bot',
      ...(options.now ? { now: options.now } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      // Product cards link photos on example domains; no test downloads anything
      urlFiles: 'accept',
      openWorld: {
        chat: (id) => ({
          isForum: this.forum,
          botStatus: this.admin ? 'administrator' : 'member',
          topics: this.topicsOf(id),
          botRights: this.botRights,
          lastMessageId: GROUP_HISTORY,
        }),
      },
    })
    this.blockedChats = this.emulator.blockedBy
    this.files = this.emulator.files.data
  }

  get botInfo(): UserFromGetMe {
    return this.emulator.bot
  }

  /** Invoices, checkouts and charges (the emulator's, with Telegram's rules for them). */
  get payments(): TelegramEmulator['payments'] {
    return this.emulator.payments
  }

  /** Business accounts connected to the bot, and their chats (the emulator's). */
  get business(): TelegramEmulator['business'] {
    return this.emulator.business
  }

  /** The flood limits, when enforced (see FakeTelegramOptions). */
  get limiter(): RateLimiter | undefined {
    return this.emulator.limiter
  }

  /** Staff group state, as the startup check and the handoff see it. */
  get forumEnabled(): boolean {
    return this.forum
  }

  set forumEnabled(on: boolean) {
    this.forum = on
    for (const chat of this.groups()) chat.isForum = on
  }

  get botIsAdmin(): boolean {
    return this.admin
  }

  set botIsAdmin(on: boolean) {
    this.admin = on
    for (const chat of this.groups()) chat.botStatus = on ? 'administrator' : 'member'
  }

  private groups(): ChatState[] {
    return [...this.emulator.chats.values()].filter((c) => c.type !== 'private')
  }

  /** Pass as `client: { fetch }`; grammY POSTs JSON or multipart to .../bot<token>/<method>. */
  readonly fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = String(url instanceof Request ? url.url : url)
    // File downloads: <root>/file/bot<token>/<file_path>
    const download = /\/file\/bot[^/]+\/(.+)$/.exec(href)
    if (download) {
      const found = this.emulator.files.download(decodeURIComponent(download[1] ?? ''))
      return found ? new Response(new Uint8Array(found.data)) : new Response('Not Found', { status: 404 })
    }
    const method = href.split('/').pop() ?? ''
    const type = new Headers(init?.headers).get('content-type') ?? 'application/json'
    const request = await readBotApiRequest(init?.body as never, type)
    const call: ApiCall = { method, ...recorded(request, type.startsWith('multipart/')), ok: true }
    this.calls.push(call)
    for (const hold of [...this.holds]) if (!hold.answered && hold.match(call)) await hold.released
    const failure = this.takeRule(call)
    if (failure) return this.failed(call, failure)
    const custom = this.handlers.get(method)?.(call.payload, call)
    if (custom !== undefined) {
      call.result = custom
      return json({ ok: true, result: custom })
    }
    try {
      const result = await this.emulator.call(method, request.params, request.files, init?.signal ?? undefined)
      call.result = result
      for (const hold of [...this.holds]) if (hold.answered && hold.match(call)) await hold.released
      return json({ ok: true, result })
    } catch (err) {
      if (!(err instanceof TelegramError)) throw err
      return this.failed(call, {
        error_code: err.code,
        description: err.description,
        ...(err.parameters?.retry_after ? { retry_after: err.parameters.retry_after } : {}),
      })
    }
  }

  /** Make matching calls fail (FIFO among rules), before the emulator sees them. */
  fail(rule: FailureRule): void {
    this.rules.push({ times: 1, ...rule })
  }

  /** Matching calls get Telegram's 429: "retry after" that many seconds (once, unless `times`). */
  tooManyRequests(rule: Omit<FailureRule, keyof TelegramErrorSpec>, retryAfterS: number): void {
    this.fail({
      ...rule,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfterS}`,
      retry_after: retryAfterS,
    })
  }

  /**
   * Matching calls get no answer until the returned function is called: Telegram slow to
   * answer, for a test that must act while a send is still on its way. `answered`: Telegram
   * has done what was asked (a copy is made, with the message as it was then), the answer
   * has not come back yet.
   */
  hold(match: (call: ApiCall) => boolean, { answered = false }: { answered?: boolean } = {}): () => void {
    let release = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const hold = { match, released, answered }
    this.holds.push(hold)
    return () => {
      const at = this.holds.indexOf(hold)
      if (at >= 0) this.holds.splice(at, 1)
      release()
    }
  }

  /** Override the result of a method (return undefined to let the emulator answer). */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler)
  }

  /**
   * The next matching call is carried out, then its connection drops before the answer comes
   * back (`ECONNRESET`, or `ETIMEDOUT` for a read that timed out): the bot cannot know whether
   * it arrived. Returns whether it has happened yet.
   */
  dropAfterDelivery(
    method: string,
    where: (payload: ApiCall['payload']) => boolean,
    code: 'ECONNRESET' | 'ETIMEDOUT' = 'ECONNRESET',
  ): () => boolean {
    let dropped = false
    this.on(method, (payload) => {
      if (dropped || !where(payload)) return undefined
      dropped = true
      void this.emulator.call(method, payload as never)
      throw Object.assign(new Error(code === 'ECONNRESET' ? 'socket hang up' : 'read ETIMEDOUT'), { code })
    })
    return () => dropped
  }

  /** The message id the next message in this chat gets; shared by the bot's and the user's messages. */
  nextMessageId(chatId: number): number {
    return this.emulator.nextMessageId(this.emulator.chat(chatId))
  }

  /**
   * Tells the emulator about an update a test built (test/helpers/updates.ts): the
   * user's message is then in the chat (to be copied or replied to), and a button
   * press is a callback query to be answered once.
   */
  learn(update: Update): void {
    const message = update.message ?? update.edited_message
    if (message) {
      const chat = this.emulator.chat(message.chat.id)
      const known = chat.messages.get(message.message_id)
      chat.messages.set(message.message_id, {
        message: update.message ? message : { ...(known?.message ?? {}), ...message },
        fromBot: false,
      })
      chat.lastMessageId = Math.max(chat.lastMessageId, message.message_id)
      // Whoever writes in a group is in it, as Telegram's app allows only its members to
      const from = message.from
      // Who writes to the bot has opened its chat (Telegram's Start), as the emulator's own users do
      const person = chat.type === 'private' && from ? this.emulator.people.get(from.id) : undefined
      if (person) person.started = true
      if (chat.type !== 'private' && from && !from.is_bot && !chat.members.has(from.id)) {
        chat.members.set(from.id, 'member')
      }
    }
    const query = update.callback_query
    if (query) {
      const chatId = query.message?.chat.id
      this.emulator.queries.set(query.id, { answered: false, userId: query.from.id, ...(chatId ? { chatId } : {}) })
    }
  }

  /** The newest message of the bot in a chat with a button carrying `data` (where a press comes from). */
  messageWithButton(chatId: number, data: string): number | undefined {
    const chat = this.emulator.chats.get(chatId)
    return chat ? newestWithButton(chat.messages.values(), data) : undefined
  }

  /** The inline keyboard a message of the bot has now (a press carries it, as Telegram's does). */
  keyboardOf(chatId: number, messageId: number): InlineKeyboardMarkup | undefined {
    const stored = this.emulator.chats.get(chatId)?.messages.get(messageId)
    return stored?.fromBot && !stored.deleted ? stored.message.reply_markup : undefined
  }

  /** Deletes a topic (in the first group, or in `chatId`) as staff do in the app: its messages go with it. */
  deleteTopic(threadId: number, chatId?: number): void {
    const topic = (chatId === undefined ? this.topics : this.topicsOf(chatId)).get(threadId)
    if (topic) topic.deleted = true
    const group = this.emulator.chats.get(chatId ?? this.firstGroup ?? 0)
    for (const [id, stored] of group?.messages ?? []) {
      if (stored.message.message_thread_id === threadId) group?.messages.set(id, { ...stored, deleted: true })
    }
  }

  /** The topics of a group: the first group's are `topics`. */
  private topicsOf(chatId: number): Map<number, ForumTopic> {
    if (chatId > 0) return new Map() // a private chat has none
    this.firstGroup ??= chatId
    if (chatId === this.firstGroup) return this.topics
    let topics = this.otherTopics.get(chatId)
    if (!topics) {
      topics = new Map()
      this.otherTopics.set(chatId, topics)
    }
    return topics
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method)
  }

  /** Every call Telegram refused, as `method: description`, oldest first. */
  refused(): string[] {
    return this.calls.filter((c) => !c.ok).map((c) => `${c.method}: ${c.error?.description}`)
  }

  /** Successful sends into a chat (optionally one forum topic), oldest first. */
  sentTo(chatId: number, threadId?: number): ApiCall[] {
    return this.calls.filter(
      (c) =>
        c.ok &&
        SEND_METHODS.has(c.method) &&
        Number(c.payload.chat_id) === chatId &&
        (threadId === undefined || Number(c.payload.message_thread_id) === threadId),
    )
  }

  /** Texts (or captions) the chat received, including edits, oldest first. */
  textsTo(chatId: number, threadId?: number): string[] {
    return this.calls
      .filter(
        (c) =>
          c.ok &&
          (SEND_METHODS.has(c.method) || c.method.startsWith('editMessage')) &&
          Number(c.payload.chat_id) === chatId &&
          (threadId === undefined || Number(c.payload.message_thread_id) === threadId),
      )
      .map((c) => String(c.payload.text ?? c.payload.caption ?? c.payload.description ?? ''))
  }

  lastTextTo(chatId: number): string {
    return this.textsTo(chatId).at(-1) ?? ''
  }

  /**
   * The text (or caption) of the last message put into the chat, edits left out: in a staff group
   * an answer goes before the card's edit, pin or rename queued ahead of it, which come after it.
   */
  lastPostTo(chatId: number): string {
    const last = this.sentTo(chatId).at(-1)
    return last ? String(last.payload.text ?? last.payload.caption ?? last.payload.description ?? '') : ''
  }

  /** All inline button texts and callback data of the last message (or edit) to a chat. */
  lastButtonsTo(chatId: number): { text: string; data?: string; url?: string }[] {
    const last = this.calls
      .filter(
        (c) =>
          c.ok &&
          (SEND_METHODS.has(c.method) || c.method.startsWith('editMessage')) &&
          Number(c.payload.chat_id) === chatId,
      )
      .at(-1)
    return buttonsOf(last?.payload)
  }

  /** Forget recorded calls (state such as topics and ids is kept). */
  clearCalls(): void {
    this.calls.length = 0
  }

  private takeRule(call: ApiCall): TelegramErrorSpec | undefined {
    const chatId = Number(call.payload.chat_id)
    const idx = this.rules.findIndex(
      (r) =>
        (r.method === undefined ||
          (typeof r.method === 'string' ? r.method === call.method : r.method.test(call.method))) &&
        (r.chatId === undefined || r.chatId === chatId) &&
        (r.where === undefined || r.where(call.payload)),
    )
    if (idx < 0) return undefined
    const rule = this.rules[idx] as FailureRule
    rule.times = (rule.times ?? 1) - 1
    if (rule.times <= 0) this.rules.splice(idx, 1)
    return rule
  }

  private failed(call: ApiCall, error: TelegramErrorSpec): Response {
    call.ok = false
    call.error = error
    return json({
      ok: false,
      error_code: error.error_code,
      description: error.description,
      ...(error.retry_after ? { parameters: { retry_after: error.retry_after } } : {}),
    })
  }
}

/**
 * A call as tests read it: multipart fields decoded from JSON where they are JSON,
 * and a file sent as `attach://<name>` found under the field that refers to it.
 */
function recorded(request: Awaited<ReturnType<typeof readBotApiRequest>>, multipart: boolean) {
  const payload: ApiCall['payload'] = { ...request.params }
  const files: ApiCall['files'] = { ...request.files }
  if (multipart) {
    for (const [key, value] of Object.entries(payload)) {
      if (typeof value !== 'string') continue
      try {
        payload[key] = JSON.parse(value)
      } catch {
        // plain text stays text
      }
    }
  }
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === 'string' && value.startsWith('attach://')) {
      const file = request.files[value.slice('attach://'.length)]
      if (file) files[key] = file
    }
  }
  return { payload, files }
}

export function buttonsOf(payload: ApiCall['payload'] | undefined): { text: string; data?: string; url?: string }[] {
  const rows = (payload?.reply_markup?.inline_keyboard ?? []) as {
    text: string
    callback_data?: string
    url?: string
  }[][]
  return rows.flat().map((b) => ({ text: b.text, data: b.callback_data, url: b.url }))
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
}

/** The newest message the bot sent among `messages` with a button of `data` (else the newest with any button). */
export function newestWithButton(messages: Iterable<StoredMessage>, data: string): number | undefined {
  let fallback: number | undefined
  for (const stored of [...messages].reverse()) {
    if (!stored.fromBot || stored.deleted) continue
    const buttons = stored.message.reply_markup?.inline_keyboard.flat() ?? []
    if (buttons.some((b) => 'callback_data' in b && b.callback_data === data)) return stored.message.message_id
    if (fallback === undefined && buttons.length > 0) fallback = stored.message.message_id
  }
  return fallback
}
