/**
 * What the bot's messages in groups show, as its own sends and edits there left them, so the
 * outbound path (src/bot/outbound.ts) answers an edit that would show the same itself, as
 * Telegram would ("message is not modified"), instead of sending it: Telegram counts a bot's
 * edits in a group with its messages against the group's 20 a minute (`editWeight`), and a
 * refused one spent its place all the same — a card refreshed with the same data, the buttons
 * of a staff post taken off again after a press took them, a keyboard set to the one it has.
 *
 * A look is a digest of what an edit can change: the text (or the caption) with its formatting,
 * and the inline buttons. Only what this process sent and saw confirmed is known — forgotten at
 * a restart, where the first such edit goes to Telegram as before — and a message whose change
 * may or may not have happened (a call that failed, any other edit, a deletion) is forgotten:
 * an edit is answered here only when its every part is known to be shown already.
 */
import { createHash } from 'node:crypto'

/** What a message shows, as far as it is known: its text or caption, and its inline buttons. */
interface Look {
  body?: string
  buttons?: string
}

/** Sends whose message shows a caption, the one text an edit can change on it. */
const CAPTIONED = new Set(['sendPhoto', 'sendDocument', 'sendVideo', 'sendAnimation', 'sendAudio', 'sendVoice'])

const digest = (parts: unknown[]): string => createHash('sha1').update(JSON.stringify(parts)).digest('base64')

type Payload = Record<string, unknown>

function textLook(p: Payload): string {
  return digest(['text', p.text ?? '', p.parse_mode ?? null, p.entities ?? null, p.link_preview_options ?? null])
}

function captionLook(p: Payload): string {
  const above = p.show_caption_above_media ?? null
  return digest(['caption', p.caption ?? '', p.parse_mode ?? null, p.caption_entities ?? null, above])
}

/**
 * The inline buttons a call leaves the message with: none when it names none (an edit without
 * `reply_markup` takes them off, as an empty keyboard does); unknown for another kind of markup.
 */
function buttonsLook(p: Payload): string | undefined {
  const markup = p.reply_markup as { inline_keyboard?: unknown[][] } | undefined
  if (markup === undefined) return ''
  if (!Array.isArray(markup.inline_keyboard)) return undefined
  const rows = markup.inline_keyboard.filter((row) => Array.isArray(row) && row.length > 0)
  return rows.length === 0 ? '' : digest(rows)
}

/** What a call sets of its message's look; undefined for a call that sets none of it (or what we cannot tell). */
function lookOf(method: string, p: Payload): Look | undefined {
  const buttons = buttonsLook(p)
  const withButtons = (look: Look): Look => (buttons === undefined ? look : { ...look, buttons })
  switch (method) {
    case 'sendMessage':
    case 'editMessageText':
      return withButtons({ body: textLook(p) })
    case 'editMessageCaption':
      return withButtons({ body: captionLook(p) })
    case 'editMessageReplyMarkup':
      return buttons === undefined ? undefined : { buttons }
    default:
      return CAPTIONED.has(method) ? withButtons({ body: captionLook(p) }) : undefined
  }
}

/** Edits a look can tell unchanged; any other edit (media, a live location) changes what is not known. */
const COMPARED_EDITS = new Set(['editMessageText', 'editMessageCaption', 'editMessageReplyMarkup'])

/** The message a call changes or removes in its chat, when it names one the memory may hold. */
function changedMessages(method: string, p: Payload): number[] {
  if (p.business_connection_id !== undefined || p.inline_message_id !== undefined) return []
  if (method === 'deleteMessages') return Array.isArray(p.message_ids) ? p.message_ids.map(Number) : []
  if (method.startsWith('editMessage') || method === 'deleteMessage') {
    const id = Number(p.message_id)
    return Number.isSafeInteger(id) ? [id] : []
  }
  return []
}

export class ShownInGroups {
  private readonly looks = new Map<string, Look>()
  constructor(private readonly capacity = 10_000) {}

  /** Whether `method` would leave the message showing exactly what it shows already. */
  unchanged(method: string, chatId: number, p: Payload): boolean {
    if (!COMPARED_EDITS.has(method)) return false
    const [id] = changedMessages(method, p)
    const look = lookOf(method, p)
    const known = id === undefined ? undefined : this.looks.get(`${chatId}:${id}`)
    if (!look || !known) return false
    return (
      (look.body === undefined || look.body === known.body) &&
      (look.buttons === undefined || look.buttons === known.buttons)
    )
  }

  /**
   * A call about to leave: what it changes is unknown until Telegram answers (`answered`).
   * Returns what its message was known to show before, for `answered`.
   */
  leaving(method: string, chatId: number, p: Payload): Look | undefined {
    const [id, ...more] = changedMessages(method, p)
    for (const other of more) this.looks.delete(`${chatId}:${other}`)
    if (id === undefined) return undefined
    const key = `${chatId}:${id}`
    const before = this.looks.get(key)
    this.looks.delete(key)
    return before
  }

  /**
   * Telegram's answer to a call: a send or an edit done, or an edit refused as changing nothing
   * (the message shows what it asked for), leaves its message with that look; `before` is what
   * `leaving` returned (the parts an edit leaves as they were).
   */
  answered(
    method: string,
    chatId: number,
    p: Payload,
    answer: { ok?: boolean; result?: unknown; description?: string },
    before: Look | undefined,
  ): void {
    const look = lookOf(method, p)
    if (!look) return
    const unchanged = answer.ok === false && /message is not modified/i.test(answer.description ?? '')
    if (answer.ok !== true && !unchanged) return
    if (method.startsWith('editMessage')) {
      const [id] = changedMessages(method, p)
      if (id !== undefined) this.remember(`${chatId}:${id}`, { ...before, ...look })
      return
    }
    if (p.business_connection_id !== undefined) return
    const sent = (answer.result as { message_id?: unknown } | undefined)?.message_id
    if (typeof sent === 'number') this.remember(`${chatId}:${sent}`, look)
  }

  private remember(key: string, look: Look): void {
    this.looks.delete(key) // the most recent last
    this.looks.set(key, look)
    if (this.looks.size > this.capacity) this.looks.delete(this.looks.keys().next().value as string)
  }
}

/** Telegram's answer to an edit that changes nothing, word for word. */
export const NOT_MODIFIED_ANSWER = {
  ok: false,
  error_code: 400,
  description:
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
} as const
