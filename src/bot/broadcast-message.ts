/**
 * How a broadcast message reaches each recipient, with an opt-out hint that is honest
 * and cannot break the owner's formatting:
 * - text: sent as text with the owner's own entities (bold, links, Cyrillic offsets all
 *   unchanged) and the hint appended as a last italic line;
 * - photo, video, document, audio, animation, voice: copied with `copyMessage` (media and
 *   formatting survive) and the hint appended to the caption;
 * - anything without a caption (stickers, video notes, polls…) or where the hint would
 *   exceed Telegram's length limit: copied as is, with an "Unsubscribe" button instead.
 * One message per recipient either way, so exactly-once holds for the hint too.
 */
import { type Api, InlineKeyboard } from 'grammy'
import type { LinkPreviewOptions, Message, MessageEntity } from 'grammy/types'
import { CAPTION_MAX, MESSAGE_MAX } from '../text.ts'
import { consentCallback } from './features/privacy.ts'
import { describeMessage } from './handoff/message-entry.ts'

/**
 * `what`: the kind of message it is, as the transcript names one (`describeMessage`: "photo",
 * "sticker"…), what names a broadcast with no words to its owner; none in a plan stored before it was.
 */
export type DeliveryPlan =
  | { kind: 'text'; text: string; entities?: MessageEntity[]; linkPreview?: LinkPreviewOptions }
  | { kind: 'caption'; caption: string; entities?: MessageEntity[]; media?: string; what?: string }
  | { kind: 'copy'; media?: string; what?: string }

/**
 * Telegram's lasting id of the message's file (the largest photo size), the same for the same
 * file sent or forwarded again: what tells two broadcasts of one photo from two of different ones.
 */
function mediaOf(msg: Message): string | undefined {
  const file = msg.photo?.at(-1) ?? msg.video ?? msg.document ?? msg.audio ?? msg.animation ?? msg.voice ?? msg.sticker
  return (file ?? msg.video_note)?.file_unique_id
}

/** The plan for an owner's message, or undefined when Telegram cannot copy it. */
export function planDelivery(msg: Message): DeliveryPlan | undefined {
  const media = mediaOf(msg)
  const what = describeMessage(msg)?.type
  if (msg.text !== undefined) {
    return {
      kind: 'text',
      text: msg.text,
      ...(msg.entities ? { entities: msg.entities } : {}),
      ...(msg.link_preview_options ? { linkPreview: msg.link_preview_options } : {}),
    }
  }
  if (msg.photo || msg.video || msg.document || msg.audio || msg.animation || msg.voice) {
    return {
      kind: 'caption',
      caption: msg.caption ?? '',
      ...(msg.caption_entities ? { entities: msg.caption_entities } : {}),
      ...(media ? { media } : {}),
      ...(what ? { what } : {}),
    }
  }
  // Service messages, invoices, paid media and giveaways cannot be copied by bots
  if (msg.sticker || msg.video_note || msg.poll || msg.location || msg.venue || msg.contact || msg.dice) {
    return { kind: 'copy', ...(media ? { media } : {}), ...(what ? { what } : {}) }
  }
  return undefined
}

/**
 * Whether two broadcasts would put the same message into a client's chat: the same text (or
 * caption) and the same file. Formatting aside — the client reads the same words twice anyway.
 * A message without a file the bot can compare (a poll, a location, a plan stored before files
 * were) is never taken for another: asking about it would be a guess.
 */
export function sameMessage(a: DeliveryPlan, b: DeliveryPlan): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'text') return a.text === (b as typeof a).text
  if (a.media === undefined || a.media !== (b as typeof a).media) return false
  return a.kind === 'copy' || a.caption === (b as typeof a).caption
}

/**
 * Reads a stored plan defensively; an unreadable one falls back to a plain copy. A copy keeps its
 * file and its kind: what tells the same sticker sent twice, and names it to the owner.
 */
export function readPlan(value: unknown): DeliveryPlan {
  const v = value as Partial<DeliveryPlan> | undefined
  if (v?.kind === 'text' && typeof (v as { text?: unknown }).text === 'string') return v as DeliveryPlan
  if (v?.kind === 'caption' && typeof (v as { caption?: unknown }).caption === 'string') return v as DeliveryPlan
  const copy = v?.kind === 'copy' ? (v as { media?: unknown; what?: unknown }) : {}
  return {
    kind: 'copy',
    ...(typeof copy.media === 'string' ? { media: copy.media } : {}),
    ...(typeof copy.what === 'string' ? { what: copy.what } : {}),
  }
}

/**
 * The client's name in a broadcast: `{name}` or `{имя}` and the other ways owners write it in
 * mail tools and form builders — `{{name}}`, `{first_name}`, `{firstName}`, `{client name}`,
 * `{имя клиента}` — in any case. Nothing else is guessed at: other words in braces are the
 * owner's own text, sent as written, and the owner is told so (`slotsIn`) above the recipients
 * menu and under the preview, before Send.
 */
const NAME_WORDS = String.raw`(?:name|first[ _]?name|client[ _]?name|имя|имя[ _]клиента)`
const NAME_SLOT = new RegExp(String.raw`\{\{\s*${NAME_WORDS}\s*\}\}|\{\s*${NAME_WORDS}\s*\}`, 'giu')
/** Words in braces, as a placeholder is written: up to four words ("{город доставки}"), not a sentence. */
const ANY_SLOT = /\{\{?\s*[\p{L}_][\p{L}\p{N}_]*(?:[ -]+[\p{L}\p{N}_]+){0,3}\s*\}?\}/gu

/** The plan's words: its text or caption (none for a sticker, a poll…). */
export const wordsOf = (plan: DeliveryPlan): string =>
  plan.kind === 'text' ? plan.text : plan.kind === 'caption' ? plan.caption : ''

/**
 * The placeholders of the client's name the message has, as the owner typed them (`name`: empty
 * when there are none), and the words in braces it will send as written (`unknown`).
 */
export function slotsIn(plan: DeliveryPlan): { name: string[]; unknown: string[] } {
  const words = wordsOf(plan)
  const name = [...words.matchAll(NAME_SLOT)].map((m) => m[0])
  const unknown = [...words.matchAll(ANY_SLOT)].map((m) => m[0]).filter((slot) => slot.match(NAME_SLOT) === null)
  return { name: [...new Set(name)], unknown: [...new Set(unknown)] }
}

/**
 * `body` with every `{name}` made `name`, and the formatting moved with the words it covered
 * (offsets in UTF-16 code units, as Telegram's): bold after the name stays on its word, bold over
 * `{name}` covers the name. An empty name takes the placeholder out with the comma or space before
 * it ("Здравствуйте, {name}!" → "Здравствуйте!").
 */
function withName(body: string, entities: MessageEntity[] | undefined, name: string) {
  const cuts: { start: number; end: number; to: string }[] = []
  for (const m of body.matchAll(NAME_SLOT)) {
    const end = m.index + m[0].length
    const start = name === '' ? m.index - (/,?\s$/u.exec(body.slice(0, m.index))?.[0].length ?? 0) : m.index
    cuts.push({ start, end, to: name })
  }
  let text = ''
  let from = 0
  for (const cut of cuts) {
    text += body.slice(from, cut.start) + cut.to
    from = cut.end
  }
  text += body.slice(from)
  // Where a position of the template lands in the text: inside a cut, at its start or its end
  const moved = (at: number, side: 'start' | 'end'): number => {
    let shift = 0
    for (const cut of cuts) {
      if (at <= cut.start) break
      if (at < cut.end) return cut.start + shift + (side === 'end' ? cut.to.length : 0)
      shift += cut.to.length - (cut.end - cut.start)
    }
    return at + shift
  }
  const kept = (entities ?? [])
    .map((e) => {
      const offset = moved(e.offset, 'start')
      return { ...e, offset, length: moved(e.offset + e.length, 'end') - offset }
    })
    .filter((e) => e.length > 0)
  return { text, entities: kept.length > 0 ? kept : undefined }
}

/**
 * The plan as `name` reads it. One that would outgrow Telegram's limit with a long name goes
 * without it, as if the name were unknown: the message must still go.
 */
export function personalised(plan: DeliveryPlan, name: string): DeliveryPlan {
  if (plan.kind === 'copy' || slotsIn(plan).name.length === 0) return plan
  const max = plan.kind === 'text' ? MESSAGE_MAX : CAPTION_MAX
  const read = (who: string) => withName(wordsOf(plan), plan.entities, who)
  const named = read(name)
  const { text, entities } = named.text.length <= max ? named : read('')
  const rest = { ...(entities ? { entities } : {}) }
  if (plan.kind === 'text') {
    return { kind: 'text', text, ...rest, ...(plan.linkPreview ? { linkPreview: plan.linkPreview } : {}) }
  }
  return { kind: 'caption', caption: text, ...rest, ...(plan.media ? { media: plan.media } : {}) }
}

export interface OptOut {
  /** One short line, e.g. "Отписаться от рассылки: /stop". */
  hint: string
  /** Button text for messages that cannot carry the line. */
  button: string
}

function withHint(body: string, entities: MessageEntity[] | undefined, hint: string) {
  const separator = body === '' ? '' : '\n\n'
  const text = body + separator + hint
  // JS string length is in UTF-16 code units, as Telegram's entity offsets are
  const italic: MessageEntity = { type: 'italic', offset: body.length + separator.length, length: hint.length }
  return { text, entities: [...(entities ?? []), italic] }
}

/**
 * Sends one broadcast message to `chatId`; returns the new message id. Throws the Bot
 * API's error (GrammyError / HttpError) for the caller to classify.
 */
export async function deliverBroadcast(
  api: Api,
  chatId: number,
  source: { chatId: number; messageId: number },
  template: DeliveryPlan,
  optOut: OptOut,
  name: string,
): Promise<number> {
  const plan = personalised(template, name)
  const button = { reply_markup: new InlineKeyboard().text(optOut.button, consentCallback.pack('no')) }
  if (plan.kind === 'text' && plan.text.length + 2 + optOut.hint.length <= MESSAGE_MAX) {
    const { text, entities } = withHint(plan.text, plan.entities, optOut.hint)
    const sent = await api.sendMessage(chatId, text, {
      entities,
      ...(plan.linkPreview ? { link_preview_options: plan.linkPreview } : {}),
    })
    return sent.message_id
  }
  if (plan.kind === 'caption' && plan.caption.length + 2 + optOut.hint.length <= CAPTION_MAX) {
    const { text, entities } = withHint(plan.caption, plan.entities, optOut.hint)
    const copied = await api.copyMessage(chatId, source.chatId, source.messageId, {
      caption: text,
      caption_entities: entities,
    })
    return copied.message_id
  }
  // No room for the line: the button instead — and a message with the client's name in it is
  // sent with its name, not copied with the placeholder the owner typed
  if (plan !== template && plan.kind === 'text') {
    const sent = await api.sendMessage(chatId, plan.text, {
      ...(plan.entities ? { entities: plan.entities } : {}),
      ...(plan.linkPreview ? { link_preview_options: plan.linkPreview } : {}),
      ...button,
    })
    return sent.message_id
  }
  if (plan !== template && plan.kind === 'caption') {
    const copied = await api.copyMessage(chatId, source.chatId, source.messageId, {
      caption: plan.caption,
      ...(plan.entities ? { caption_entities: plan.entities } : {}),
      ...button,
    })
    return copied.message_id
  }
  const copied = await api.copyMessage(chatId, source.chatId, source.messageId, button)
  return copied.message_id
}
