/**
 * Bot API methods that put, copy, change, remove and pin messages — with
 * Telegram's checks: who the bot may write to, the topic, text and caption
 * lengths after entity parsing, keyboards, the message replied to, and what
 * may be edited (only the bot's own messages, and only into something new).
 */
import type { InputMedia, Message, MessageEntity, PhotoSize, Update } from 'grammy/types'
import {
  businessOf,
  type ChatState,
  CONTENT_FIELDS,
  type Method,
  type StoredMessage,
  type TelegramEmulator,
  withoutReply,
} from '../emulator.ts'
import { refuse } from '../errors.ts'
import type { FileKind, FileRecord } from '../files.ts'
import { type Markup, readMarkup } from '../markup.ts'
import { chatIdOf, int, json, type Params, str, type UploadedFile } from '../request.ts'
import { type FormattedText, parseHtml, trimFormatted } from '../text.ts'

/** Telegram's limits, in UTF-16 code units after entity parsing. */
const TEXT_MAX = 4096
const CAPTION_MAX = 1024

/** Text or caption as Telegram stores it: parsed by parse_mode (or given entities), trimmed. */
function formatted(p: Params, field: 'text' | 'caption', prefix = ''): FormattedText {
  const raw = str(p, `${prefix}${field}`) ?? ''
  const mode = str(p, `${prefix}parse_mode`)
  let result: FormattedText
  if (!mode) {
    const entities = json<MessageEntity[]>(p, field === 'text' ? 'entities' : `${prefix}caption_entities`) ?? []
    result = { text: raw, entities }
  } else if (mode.toLowerCase() === 'html') result = parseHtml(raw)
  else throw refuse.parseMode(mode)
  return trimFormatted(result)
}

function textContent(p: Params): Partial<Message> {
  if (str(p, 'text') === undefined) throw refuse.textEmpty()
  const { text, entities } = formatted(p, 'text')
  if (!text) throw refuse.textEmpty()
  if (text.length > TEXT_MAX) throw refuse.textTooLong()
  return { text, ...(entities.length ? { entities } : {}) }
}

function captionContent(p: Params, prefix = ''): Partial<Message> {
  const { text, entities } = formatted(p, 'caption', prefix)
  if (text.length > CAPTION_MAX) throw refuse.captionTooLong()
  return text ? { caption: text, ...(entities.length ? { caption_entities: entities } : {}) } : {}
}

/** Width and height of a PNG (from its header); other images get a typical photo size. */
function imageSize(data: Buffer | undefined): { width: number; height: number } {
  if (data && data.length > 24 && data.toString('latin1', 1, 4) === 'PNG') {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
  }
  return { width: 1280, height: 960 }
}

/** The message field that shows a file of this kind. */
function mediaField(em: TelegramEmulator, kind: FileKind, file: FileRecord, p: Params): Partial<Message> {
  const base = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size }
  const duration = int(p, 'duration') ?? file.duration ?? 0
  switch (kind) {
    case 'photo':
      return { photo: [{ ...base, ...imageSize(em.files.data.get(file.file_id)) } as PhotoSize] }
    case 'document':
      return {
        document: {
          ...base,
          ...(file.file_name ? { file_name: file.file_name } : {}),
          ...(file.mime_type ? { mime_type: file.mime_type } : {}),
        },
      }
    case 'audio':
      return { audio: { ...base, duration, ...(file.file_name ? { file_name: file.file_name } : {}) } }
    case 'voice':
      return { voice: { ...base, duration, mime_type: 'audio/ogg' } }
    case 'video':
      return { video: { ...base, width: 640, height: 360, duration } }
    case 'video_note':
      return { video_note: { ...base, length: 240, duration } }
    case 'animation':
      return { animation: { ...base, width: 480, height: 270, duration } }
    case 'sticker':
      // A sticker sent again by its file_id is the same sticker: its emoji and set go with it
      return {
        sticker: {
          ...base,
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          ...(file.emoji ? { emoji: file.emoji } : {}),
          ...(file.set_name ? { set_name: file.set_name } : {}),
        },
      }
  }
}

type Content = (em: TelegramEmulator, p: Params, uploads: Record<string, UploadedFile>) => Promise<Partial<Message>>

const withFile =
  (kind: FileKind): Content =>
  async (em, p, uploads) => {
    // Captions are checked before the file is fetched: a bad call costs no download
    const caption = kind === 'sticker' || kind === 'video_note' ? {} : captionContent(p)
    const file = await em.files.resolve(p[kind], uploads, kind, kind)
    return { ...mediaField(em, kind, file, p), ...caption }
  }

/** A send method: checks in Telegram's order, counts against the flood limits last, then posts. */
function sendMethod(name: string, content: Content): Method {
  return async (em, p, uploads) => {
    const chat = em.writableChat(p)
    const threadId = em.thread(chat, p)
    const body = await content(em, p, uploads)
    const markup = readMarkup(json(p, 'reply_markup'))
    const replyTo = em.replyTarget(chat, p)
    em.admit(name, p)
    return em.post(chat, body, { from: em.botUser(), fromBot: true, threadId, replyTo, markup })
  }
}

/** What a copy of a message takes: its content, never its keyboard or who sent it. */
function contentOf(source: StoredMessage & { assumed?: boolean }): Partial<Message> {
  if (source.assumed) return {}
  if (source.service) throw refuse.cantCopy()
  const content: Record<string, unknown> = {}
  for (const field of CONTENT_FIELDS) {
    const value = (source.message as unknown as Record<string, unknown>)[field]
    if (value !== undefined) content[field] = value
  }
  if (Object.keys(content).length === 0) throw refuse.cantCopy()
  return content as Partial<Message>
}

function sourceOf(em: TelegramEmulator, p: Params): ChatState {
  return em.chat(chatIdOf(p, 'from_chat_id'))
}

/** copyMessages / forwardMessages: the ids, strictly increasing; missing ones are skipped. */
function idsOf(p: Params): number[] {
  const ids = json<number[]>(p, 'message_ids')
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) throw refuse.missing('message_ids')
  return ids.map(Number)
}

/** Copies of several messages; an album keeps together under a new media_group_id. */
function copyMany(em: TelegramEmulator, p: Params, name: string, forward: boolean) {
  const chat = em.ownChat(p)
  const threadId = em.thread(chat, p)
  const from = sourceOf(em, p)
  const sources = idsOf(p)
    .map((id) => em.findMessage(from, id))
    .filter((s): s is StoredMessage => !!s && !s.service)
  em.admit(name, p)
  const groups = new Map<string, string>()
  return sources.map((source) => {
    const album = source.message.media_group_id
    if (album && !groups.has(album)) groups.set(album, `${Date.now()}${groups.size}`)
    const sent = em.post(
      chat,
      {
        ...contentOf(source),
        ...(album ? { media_group_id: groups.get(album) } : {}),
        ...(forward ? forwardOrigin(source) : {}),
      },
      { from: em.botUser(), fromBot: true, threadId },
    )
    return { message_id: sent.message_id }
  })
}

function forwardOrigin(source: StoredMessage): Partial<Message> {
  // A forward of a forward names the first author, as Telegram does
  if (source.message.forward_origin) return { forward_origin: source.message.forward_origin }
  const from = source.message.from
  return {
    forward_origin: from
      ? { type: 'user', sender_user: from, date: source.message.date }
      : { type: 'hidden_user', sender_user_name: 'Unknown', date: source.message.date },
  } as Partial<Message>
}

/** The message an edit names; only the bot's own, non-service messages may change. */
function editable(em: TelegramEmulator, p: Params): { chat: ChatState; stored: StoredMessage & { assumed?: boolean } } {
  if (p.inline_message_id !== undefined) throw refuse.editNotFound()
  const chat = p.business_connection_id !== undefined ? em.writableChat(p) : em.chat(chatIdOf(p))
  const stored = em.findMessage(chat, int(p, 'message_id'))
  if (!stored) throw refuse.editNotFound()
  if (!stored.fromBot || stored.service) throw refuse.cantEdit()
  return { chat, stored }
}

/** Edits take an inline keyboard or none (which removes the one the message had). */
function editMarkup(p: Params): Markup {
  const markup = readMarkup(json(p, 'reply_markup'))
  if (markup.kind !== 'inline' && markup.kind !== 'none') throw refuse.keyboardInvalid()
  return markup
}

const CAPTIONED = ['photo', 'video', 'document', 'audio', 'animation', 'voice'] as const

const COMPARED = ['text', 'entities', 'caption', 'caption_entities', 'reply_markup'] as const

/** The file a message shows, by its unique id (a photo by its largest size): another file is a change. */
function shownFile(m: Message): string {
  const media = m as unknown as Record<string, { file_unique_id?: string } | { file_unique_id?: string }[] | undefined>
  for (const field of CAPTIONED) {
    const value = media[field]
    const file = Array.isArray(value) ? value.at(-1) : value
    if (file) return `${field}:${file.file_unique_id ?? ''}`
  }
  return ''
}

function sameContent(a: Message, b: Message): boolean {
  const norm = (m: Message, f: (typeof COMPARED)[number]) => {
    const v = (m as unknown as Record<string, unknown>)[f]
    return JSON.stringify(Array.isArray(v) && v.length === 0 ? undefined : v) ?? ''
  }
  return COMPARED.every((f) => norm(a, f) === norm(b, f)) && shownFile(a) === shownFile(b)
}

/**
 * Applies an edit: "message is not modified" when nothing would change. An edit in a group
 * counts against its flood limit (see rate-limits.ts), checked after every other rule.
 */
function applyEdit(
  em: TelegramEmulator,
  method: string,
  chat: ChatState,
  stored: StoredMessage & { assumed?: boolean },
  change: Partial<Message>,
  markup: Markup,
): Message {
  const next = { ...stored.message, ...change } as Message & Record<string, unknown>
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete next[key]
  delete next.reply_markup
  if (markup.kind === 'inline' && markup.markup.inline_keyboard.some((r) => r.length > 0)) {
    next.reply_markup = markup.markup
  }
  if (!stored.assumed && sameContent(stored.message, next)) throw refuse.notModified()
  em.admit(method, { chat_id: chat.id })
  const edited = { ...next, edit_date: Math.floor(em.now() / 1000) } as Message
  em.replace(chat, edited)
  return edited
}

const editMessageText: Method = (em, p) => {
  const { chat, stored } = editable(em, p)
  if (!stored.assumed && stored.message.text === undefined) throw refuse.noTextToEdit()
  const { text, entities } = textContent(p) as { text: string; entities?: MessageEntity[] }
  return applyEdit(em, 'editMessageText', chat, stored, { text, entities }, editMarkup(p))
}

const editMessageCaption: Method = (em, p) => {
  const { chat, stored } = editable(em, p)
  if (!stored.assumed && !CAPTIONED.some((f) => f in stored.message)) throw refuse.noCaptionToEdit()
  const caption = captionContent(p)
  return applyEdit(
    em,
    'editMessageCaption',
    chat,
    stored,
    { caption: caption.caption, caption_entities: caption.caption_entities },
    editMarkup(p),
  )
}

const editMessageReplyMarkup: Method = (em, p) => {
  const { chat, stored } = editable(em, p)
  return applyEdit(em, 'editMessageReplyMarkup', chat, stored, {}, editMarkup(p))
}

const editMessageMedia: Method = async (em, p, uploads) => {
  const { chat, stored } = editable(em, p)
  const media = json<InputMedia>(p, 'media')
  if (!media || !['photo', 'video', 'document', 'audio', 'animation'].includes(media.type)) {
    throw refuse.missing('media')
  }
  const kind = media.type as FileKind
  const file = await em.files.resolve(media.media, uploads, kind, kind)
  const change: Partial<Message> = { ...mediaField(em, kind, file, {}), ...captionContent(media as unknown as Params) }
  for (const field of CAPTIONED) if (field !== kind) (change as Record<string, unknown>)[field] = undefined
  if (!change.caption) Object.assign(change, { caption: undefined, caption_entities: undefined })
  // A text message edited into a file is a file with a caption: its text goes
  Object.assign(change, { text: undefined, entities: undefined, link_preview_options: undefined })
  return applyEdit(em, 'editMessageMedia', chat, stored, change, editMarkup(p))
}

/** Telegram deletes a message only within 48 hours of its sending. */
const DELETE_WITHIN_MS = 48 * 3_600_000

/**
 * The message `id` of a chat to delete, or why it may not go: 'gone' (never sent — in an open
 * world, an id the chat has not given yet —, or deleted already) or 'kept' (Telegram's rules:
 * older than 48 hours, the service message that opened a forum topic). Whose message it is and
 * the rights that takes are the caller's to check.
 */
export function toDelete(em: TelegramEmulator, chat: ChatState, id: number): StoredMessage | 'gone' | 'kept' {
  const stored = em.findMessage(chat, id)
  // An open world takes a message it never saw for one of the bot's, sent before it watched
  if (!stored || (stored.assumed && id > chat.lastMessageId)) return 'gone'
  const tooOld = !stored.assumed && em.now() - stored.message.date * 1000 >= DELETE_WITHIN_MS
  return tooOld || stored.message.forum_topic_created ? 'kept' : stored
}

/** Marks messages deleted (unpinned with it) and tells the listeners. */
export function markDeleted(em: TelegramEmulator, chat: ChatState, ids: number[]): void {
  for (const id of ids) {
    const stored = chat.messages.get(id) ?? em.findMessage(chat, id)
    if (stored) chat.messages.set(id, { ...stored, deleted: true })
  }
  chat.pinned = chat.pinned.filter((p) => !ids.includes(p))
  if (ids.length) em.emit({ type: 'deleted', chatId: chat.id, messageIds: ids, ...businessOf(chat) })
}

/**
 * What may go: the bot's own messages, and others' where it has the right to delete; never a
 * message older than 48 hours or the service message that opened a forum topic (`toDelete`).
 * `deleteMessage` refuses what may not go; `deleteMessages` skips it.
 */
function removeMessages(em: TelegramEmulator, chat: ChatState, ids: number[], strict: boolean): boolean {
  const removed: number[] = []
  for (const id of ids) {
    const stored = toDelete(em, chat, id)
    if (stored === 'gone') {
      if (strict) throw refuse.deleteNotFound()
      continue
    }
    if (stored === 'kept' || (!stored.fromBot && !em.botMay(chat, 'can_delete_messages'))) {
      if (strict) throw refuse.cantDelete()
      continue
    }
    removed.push(id)
  }
  markDeleted(em, chat, removed)
  return true
}

/**
 * A group gets a service message for a pin, in the pinned message's topic. The bot gets it as
 * an update, as from Telegram: the Bot API server's `need_skip_update_message` keeps a bot's
 * outgoing pins (as it keeps its topic changes), while it skips the bot's other messages.
 */
const pinChatMessage: Method = (em, p) => {
  const chat = em.chat(chatIdOf(p))
  const stored = em.findMessage(chat, int(p, 'message_id'))
  if (!stored) throw refuse.pinNotFound()
  if (!em.botMay(chat, 'can_pin_messages')) throw refuse.noPinRights()
  em.admit('pinChatMessage', p)
  chat.pinned = [...chat.pinned.filter((id) => id !== stored.message.message_id), stored.message.message_id]
  if (chat.type !== 'private') {
    const threadId = stored.message.is_topic_message ? stored.message.message_thread_id : undefined
    const service = em.post(chat, { pinned_message: withoutReply(stored.message) } as Partial<Message>, {
      from: em.botUser(),
      fromBot: true,
      service: true,
      ...(threadId !== undefined ? { threadId } : {}),
    })
    em.enqueue({ message: service } as Omit<Update, 'update_id'>)
  }
  em.emit({ type: 'chat', chatId: chat.id })
  return true
}

/**
 * Unpins the message given, or without one the chat's newest pin — of the whole group, in a forum
 * whichever topic it is in (the method has no topic). A message not pinned, never sent or deleted
 * gets Telegram's one answer, "message to unpin not found".
 */
const unpinChatMessage: Method = (em, p) => {
  const chat = em.chat(chatIdOf(p))
  if (!em.botMay(chat, 'can_pin_messages')) throw refuse.noPinRights()
  const id = int(p, 'message_id') ?? chat.pinned.at(-1)
  if (id === undefined || !chat.pinned.includes(id) || !em.findMessage(chat, id)) throw refuse.unpinNotFound()
  chat.pinned = chat.pinned.filter((x) => x !== id)
  em.emit({ type: 'chat', chatId: chat.id })
  return true
}

const sendMediaGroup: Method = async (em, p, uploads) => {
  const chat = em.writableChat(p)
  const threadId = em.thread(chat, p)
  const media = json<InputMedia[]>(p, 'media')
  if (!Array.isArray(media) || media.length < 2 || media.length > 10) throw refuse.mediaGroupInvalid()
  const types = new Set(media.map((m) => m.type))
  const mixable = [...types].every((t) => t === 'photo' || t === 'video')
  if (!mixable && types.size !== 1) throw refuse.mediaGroupInvalid()
  const bodies: Partial<Message>[] = []
  for (const item of media) {
    const kind = item.type as FileKind
    const caption = captionContent(item as unknown as Params)
    const file = await em.files.resolve(item.media, uploads, kind, kind)
    bodies.push({ ...mediaField(em, kind, file, {}), ...caption })
  }
  const replyTo = em.replyTarget(chat, p)
  em.admit('sendMediaGroup', p)
  const group = `${em.now()}${chat.lastMessageId}`
  return bodies.map((body, i) =>
    em.post(
      chat,
      { ...body, media_group_id: group },
      { from: em.botUser(), fromBot: true, threadId, ...(i === 0 && replyTo ? { replyTo } : {}) },
    ),
  )
}

/** The emoji a bot may react with (Telegram's standard reactions). */
const REACTIONS = new Set(
  '👍 👎 ❤ 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤‍🔥 🌚 🌭 💯 🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👨‍💻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷‍♂ 🤷 🤷‍♀ 😡'.split(
    ' ',
  ),
)

const setMessageReaction: Method = (em, p) => {
  const chat = em.chat(chatIdOf(p))
  const stored = em.findMessage(chat, int(p, 'message_id'))
  if (!stored) throw refuse.reactNotFound()
  const reaction = json<{ type: string; emoji?: string }[]>(p, 'reaction') ?? []
  if (reaction.length > 1) throw refuse.reactionInvalid()
  const emoji = reaction.map((r) => (r.type === 'emoji' ? (r.emoji ?? '') : ''))
  if (emoji.some((e) => !REACTIONS.has(e))) throw refuse.reactionInvalid()
  chat.messages.set(stored.message.message_id, { ...stored, reactions: emoji })
  em.emit({ type: 'message', chatId: chat.id, messageId: stored.message.message_id, edited: true })
  return true
}

export const messageMethods: Record<string, Method> = {
  setMessageReaction,
  sendMessage: sendMethod('sendMessage', async (_em, p) => textContent(p)),
  sendPhoto: sendMethod('sendPhoto', withFile('photo')),
  sendDocument: sendMethod('sendDocument', withFile('document')),
  sendAudio: sendMethod('sendAudio', withFile('audio')),
  sendVoice: sendMethod('sendVoice', withFile('voice')),
  sendVideo: sendMethod('sendVideo', withFile('video')),
  sendVideoNote: sendMethod('sendVideoNote', withFile('video_note')),
  sendAnimation: sendMethod('sendAnimation', withFile('animation')),
  sendSticker: sendMethod('sendSticker', withFile('sticker')),
  sendLocation: sendMethod('sendLocation', async (_em, p) => ({
    location: { latitude: Number(p.latitude), longitude: Number(p.longitude) },
  })),
  sendContact: sendMethod('sendContact', async (_em, p) => {
    const phone = str(p, 'phone_number')
    const name = str(p, 'first_name')
    if (!phone) throw refuse.missing('phone_number')
    if (!name) throw refuse.missing('first_name')
    return { contact: { phone_number: phone, first_name: name } }
  }),
  sendMediaGroup,

  sendChatAction: (em, p) => {
    const chat = em.writableChat(p)
    const threadId = em.thread(chat, p)
    em.emit({
      type: 'action',
      chatId: chat.id,
      action: str(p, 'action') ?? 'typing',
      ...(threadId !== undefined ? { threadId } : {}),
    })
    return true
  },

  copyMessage: (em, p) => {
    const chat = em.ownChat(p)
    const threadId = em.thread(chat, p)
    const source = em.findMessage(sourceOf(em, p), int(p, 'message_id'))
    if (!source) throw refuse.copyNotFound()
    const content = contentOf(source)
    if (p.caption !== undefined) {
      Object.assign(content, { caption: undefined, caption_entities: undefined }, captionContent(p))
    }
    const markup = readMarkup(json(p, 'reply_markup'))
    const replyTo = em.replyTarget(chat, p)
    em.admit('copyMessage', p)
    const sent = em.post(chat, content, { from: em.botUser(), fromBot: true, threadId, replyTo, markup })
    return { message_id: sent.message_id }
  },
  copyMessages: (em, p) => copyMany(em, p, 'copyMessages', false),

  forwardMessage: (em, p) => {
    const chat = em.ownChat(p)
    const threadId = em.thread(chat, p)
    const source = em.findMessage(sourceOf(em, p), int(p, 'message_id'))
    if (!source) throw refuse.forwardNotFound()
    const content = { ...contentOf(source), ...forwardOrigin(source) }
    em.admit('forwardMessage', p)
    return em.post(chat, content, { from: em.botUser(), fromBot: true, threadId })
  },
  forwardMessages: (em, p) => copyMany(em, p, 'forwardMessages', true),

  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  editMessageMedia,

  deleteMessage: (em, p) => removeMessages(em, em.chat(chatIdOf(p)), [int(p, 'message_id') ?? 0], true),
  deleteMessages: (em, p) => removeMessages(em, em.chat(chatIdOf(p)), idsOf(p), false),

  pinChatMessage,
  unpinChatMessage,
  unpinAllChatMessages: (em, p) => {
    const chat = em.chat(chatIdOf(p))
    if (!em.botMay(chat, 'can_pin_messages')) throw refuse.noPinRights()
    chat.pinned = []
    em.emit({ type: 'chat', chatId: chat.id })
    return true
  },
  unpinAllForumTopicMessages: (em, p) => {
    const chat = em.chat(chatIdOf(p))
    const threadId = int(p, 'message_thread_id')
    if (!em.botMay(chat, 'can_pin_messages')) throw refuse.noPinRights()
    chat.pinned = chat.pinned.filter((id) => chat.messages.get(id)?.message.message_thread_id !== threadId)
    em.emit({ type: 'chat', chatId: chat.id })
    return true
  },
}
