/**
 * A fake Telegram Bot API at the network edge: it is passed to grammY as
 * `client.fetch`, so it sees every call — from handlers, from jobs and from
 * inside conversations alike. It records calls, returns realistic results
 * (message ids per chat, forum topics) and fails on demand.
 */
import type { UserFromGetMe } from 'grammy/types'
import { RateLimiter, type RateRules, TELEGRAM_RATE_RULES } from '../../src/sandbox/telegram/rate-limits.ts'

export interface ApiCall {
  method: string
  // biome-ignore lint/suspicious/noExplicitAny: Bot API payloads are loosely typed on purpose here
  payload: Record<string, any>
  files: Record<string, { filename: string; data: Buffer }>
  ok: boolean
  error?: TelegramErrorSpec
}

export interface TelegramErrorSpec {
  error_code: number
  description: string
  retry_after?: number
}

export interface FailureRule extends TelegramErrorSpec {
  method?: string | RegExp
  chatId?: number
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
  /** The emulator's time, ms (for the rate limits); defaults to the real time. */
  now?: () => number
}

export class FakeTelegram {
  readonly botInfo: UserFromGetMe = {
    id: BOT_ID,
    is_bot: true,
    first_name: 'ClientDesk',
    username: 'clientdesk_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: true,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  }
  readonly calls: ApiCall[] = []
  /** Staff group state, as the startup check and the handoff see it. */
  forumEnabled = true
  botIsAdmin = true
  /** The bot's admin rights in the staff group (when it is an admin). */
  readonly botRights = { can_manage_topics: true, can_pin_messages: true, can_delete_messages: true }
  readonly blockedChats = new Set<number>()
  readonly topics = new Map<number, { name: string; deleted: boolean; closed?: boolean }>()
  /** Files users "sent", by file_id: getFile describes them and the file URL serves them. */
  readonly files = new Map<string, Buffer>()

  /** The flood limits, when enforced (see FakeTelegramOptions). */
  readonly limiter: RateLimiter | undefined

  constructor(options: FakeTelegramOptions = {}) {
    if (options.rateLimits) {
      const rules = options.rateLimits === true ? {} : options.rateLimits
      this.limiter = new RateLimiter(options.now ?? Date.now, { ...TELEGRAM_RATE_RULES, ...rules })
    }
  }

  private readonly rules: FailureRule[] = []
  private readonly handlers = new Map<string, Handler>()
  private readonly lastMessageId = new Map<number, number>()
  private nextTopicId = 100

  /** Pass as `client: { fetch }`; grammY POSTs JSON or multipart to .../bot<token>/<method>. */
  readonly fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // File downloads: <root>/file/bot<token>/<file_path>
    const download = /\/file\/bot[^/]+\/documents\/(.+)$/.exec(String(url))
    if (download) {
      const data = this.files.get(decodeURIComponent(download[1] ?? ''))
      return data ? new Response(new Uint8Array(data)) : new Response('Not Found', { status: 404 })
    }
    const method = String(url).split('/').pop() ?? ''
    const { payload, files } = await readBody(init)
    const call: ApiCall = { method, payload, files, ok: true }
    this.calls.push(call)
    const error = this.errorFor(call)
    if (error) {
      call.ok = false
      call.error = error
      return json({
        ok: false,
        error_code: error.error_code,
        description: error.description,
        ...(error.retry_after ? { parameters: { retry_after: error.retry_after } } : {}),
      })
    }
    const custom = this.handlers.get(method)
    const result = custom ? custom(payload, call) : undefined
    return json({ ok: true, result: result ?? this.defaultResult(method, payload) })
  }

  /** Make matching calls fail (FIFO among rules). */
  fail(rule: FailureRule): void {
    this.rules.push({ times: 1, ...rule })
  }

  /** Override the result of a method (return undefined to fall back to the default). */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler)
  }

  /** The message id the next message in this chat gets; shared by the bot's and the user's messages. */
  nextMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1
    this.lastMessageId.set(chatId, id)
    return id
  }

  deleteTopic(threadId: number): void {
    const topic = this.topics.get(threadId)
    if (topic) topic.deleted = true
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method)
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
      .map((c) => String(c.payload.text ?? c.payload.caption ?? ''))
  }

  lastTextTo(chatId: number): string {
    return this.textsTo(chatId).at(-1) ?? ''
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

  private errorFor(call: ApiCall): TelegramErrorSpec | undefined {
    const chatId = Number(call.payload.chat_id)
    const idx = this.rules.findIndex(
      (r) =>
        (r.method === undefined ||
          (typeof r.method === 'string' ? r.method === call.method : r.method.test(call.method))) &&
        (r.chatId === undefined || r.chatId === chatId),
    )
    if (idx >= 0) {
      const rule = this.rules[idx] as FailureRule
      rule.times = (rule.times ?? 1) - 1
      if (rule.times <= 0) this.rules.splice(idx, 1)
      return rule
    }
    const tooLong = lengthError(call)
    if (tooLong) return tooLong
    if (SEND_METHODS.has(call.method) && this.blockedChats.has(chatId)) {
      return { error_code: 403, description: 'Forbidden: bot was blocked by the user' }
    }
    const thread = call.payload.message_thread_id
    if (thread !== undefined && SEND_METHODS.has(call.method)) {
      const topic = this.topics.get(Number(thread))
      if (!topic || topic.deleted) {
        return { error_code: 400, description: 'Bad Request: message thread not found' }
      }
    }
    if (['editForumTopic', 'closeForumTopic', 'reopenForumTopic'].includes(call.method)) {
      const topic = this.topics.get(Number(call.payload.message_thread_id))
      if (!topic || topic.deleted) return { error_code: 400, description: 'Bad Request: TOPIC_ID_INVALID' }
      // Telegram refuses a change that changes nothing
      const unchanged =
        call.method === 'editForumTopic'
          ? call.payload.name === undefined || call.payload.name === topic.name
          : (call.method === 'closeForumTopic') === (topic.closed === true)
      if (unchanged) return { error_code: 400, description: 'Bad Request: TOPIC_NOT_MODIFIED' }
    }
    if (call.method === 'createForumTopic') {
      if (!this.forumEnabled) return { error_code: 400, description: 'Bad Request: the chat is not a forum' }
      if (!this.botIsAdmin || !this.botRights.can_manage_topics) {
        return { error_code: 400, description: 'Bad Request: not enough rights to create a topic' }
      }
    }
    if (call.method === 'pinChatMessage' && chatId < 0 && (!this.botIsAdmin || !this.botRights.can_pin_messages)) {
      return { error_code: 400, description: 'Bad Request: not enough rights to manage pinned messages in the chat' }
    }
    // Last: only a call that would otherwise succeed counts against the limits
    const verdict = this.limiter?.take(call.method, call.payload)
    if (verdict && !verdict.ok) {
      return {
        error_code: 429,
        description: `Too Many Requests: retry after ${verdict.retryAfter}`,
        retry_after: verdict.retryAfter,
      }
    }
    return undefined
  }

  private message(payload: ApiCall['payload'], extra: Record<string, unknown> = {}) {
    const chatId = Number(payload.chat_id)
    const thread = payload.message_thread_id
    return {
      message_id: this.nextMessageId(chatId),
      date: Math.floor(Date.now() / 1000),
      chat:
        chatId > 0
          ? { id: chatId, type: 'private', first_name: 'Client' }
          : { id: chatId, type: 'supergroup', title: 'Staff', is_forum: this.forumEnabled },
      from: { id: BOT_ID, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
      ...(thread !== undefined ? { message_thread_id: Number(thread), is_topic_message: true } : {}),
      ...(payload.text !== undefined ? { text: payload.text } : {}),
      ...(payload.caption !== undefined ? { caption: payload.caption } : {}),
      ...(payload.reply_markup !== undefined ? { reply_markup: payload.reply_markup } : {}),
      ...extra,
    }
  }

  private defaultResult(method: string, payload: ApiCall['payload']): unknown {
    switch (method) {
      case 'getMe':
        return this.botInfo
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVoice':
      case 'sendVideo':
      case 'sendVideoNote':
      case 'sendAudio':
      case 'sendAnimation':
      case 'sendSticker':
      case 'sendLocation':
      case 'sendContact':
      case 'forwardMessage':
        return this.message(payload)
      case 'sendMediaGroup':
        return (payload.media as unknown[]).map(() => this.message(payload))
      case 'copyMessage':
        return { message_id: this.nextMessageId(Number(payload.chat_id)) }
      case 'copyMessages':
      case 'forwardMessages':
        return (payload.message_ids as number[]).map(() => ({
          message_id: this.nextMessageId(Number(payload.chat_id)),
        }))
      case 'editMessageText':
      case 'editMessageCaption':
      case 'editMessageReplyMarkup':
      case 'editMessageMedia':
        return payload.inline_message_id
          ? true
          : { ...this.message(payload), message_id: Number(payload.message_id), edit_date: 1 }
      case 'editForumTopic':
      case 'closeForumTopic':
      case 'reopenForumTopic': {
        const topic = this.topics.get(Number(payload.message_thread_id))
        if (topic && method === 'editForumTopic') topic.name = String(payload.name)
        if (topic && method !== 'editForumTopic') topic.closed = method === 'closeForumTopic'
        return true
      }
      case 'createForumTopic': {
        const id = this.nextTopicId++
        this.topics.set(id, { name: String(payload.name), deleted: false })
        return { message_thread_id: id, name: payload.name, icon_color: 7322096 }
      }
      case 'getChat':
        return {
          id: Number(payload.chat_id),
          type: Number(payload.chat_id) > 0 ? 'private' : 'supergroup',
          title: 'Staff',
          is_forum: this.forumEnabled,
        }
      case 'getChatMember':
        return this.botIsAdmin
          ? {
              status: 'administrator',
              user: { id: Number(payload.user_id), is_bot: true, first_name: 'Bot' },
              ...this.botRights,
            }
          : { status: 'member', user: { id: Number(payload.user_id), is_bot: true, first_name: 'Bot' } }
      case 'getFile': {
        const data = this.files.get(String(payload.file_id))
        return {
          file_id: payload.file_id,
          file_unique_id: 'u',
          file_path: `documents/${data ? encodeURIComponent(String(payload.file_id)) : 'file'}`,
          ...(data ? { file_size: data.length } : {}),
        }
      }
      case 'getUpdates':
        return []
      default:
        return true
    }
  }
}

/** Visible length as Telegram counts it: HTML tags and entities do not count. */
function visibleLength(text: string, parseMode: unknown): number {
  const plain = parseMode === 'HTML' ? text.replace(/<[^>]+>/g, '').replace(/&(lt|gt|amp|quot|#\d+);/g, '.') : text
  return plain.length
}

/** Telegram refuses texts over 4096 and captions over 1024 characters; so does the fake. */
function lengthError(call: ApiCall): TelegramErrorSpec | undefined {
  const { text, caption, parse_mode } = call.payload
  if (typeof text === 'string' && visibleLength(text, parse_mode) > 4096) {
    return { error_code: 400, description: 'Bad Request: message is too long' }
  }
  if (typeof caption === 'string' && visibleLength(caption, parse_mode) > 1024) {
    return { error_code: 400, description: 'Bad Request: message caption is too long' }
  }
  return undefined
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

async function readBody(init?: RequestInit): Promise<Pick<ApiCall, 'payload' | 'files'>> {
  const body = init?.body
  if (body === undefined || body === null) return { payload: {}, files: {} }
  if (typeof body === 'string') return { payload: JSON.parse(body), files: {} }
  const chunks: Buffer[] = []
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk))
  }
  const raw = Buffer.concat(chunks)
  const type = new Headers(init?.headers).get('content-type') ?? ''
  const boundary = /boundary=(.+)$/.exec(type)?.[1]
  if (!boundary) return { payload: JSON.parse(raw.toString('utf8') || '{}'), files: {} }
  return parseMultipart(raw, boundary)
}

/** Enough of multipart/form-data to read what grammY uploads: fields (JSON-encoded when not strings) and files. */
function parseMultipart(raw: Buffer, boundary: string): Pick<ApiCall, 'payload' | 'files'> {
  const payload: ApiCall['payload'] = {}
  const files: ApiCall['files'] = {}
  const text = raw.toString('latin1')
  for (const part of text.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) continue
    const headers = part.slice(0, headerEnd)
    const content = part.slice(headerEnd + 4).replace(/\r\n$/, '')
    const name = /name="([^"]+)"/.exec(headers)?.[1]
    if (!name) continue
    // grammY writes the file name unquoted (filename=report.csv); browsers quote it
    const filename = /filename=(?:"([^"]*)"|([^\r\n;]*))/
      .exec(headers)
      ?.slice(1)
      .find((v) => v !== undefined)
    const data = Buffer.from(content, 'latin1')
    if (filename !== undefined) {
      files[name] = { filename, data }
    } else {
      const value = data.toString('utf8')
      try {
        payload[name] = JSON.parse(value)
      } catch {
        payload[name] = value
      }
    }
  }
  // grammY sends an attached file as `attach://<name>` in the field that refers to it
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === 'string' && value.startsWith('attach://')) {
      const file = files[value.slice('attach://'.length)]
      if (file) files[key] = file
    }
  }
  return { payload, files }
}
