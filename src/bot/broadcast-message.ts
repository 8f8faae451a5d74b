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

export type DeliveryPlan =
  | { kind: 'text'; text: string; entities?: MessageEntity[]; linkPreview?: LinkPreviewOptions }
  | { kind: 'caption'; caption: string; entities?: MessageEntity[]; media?: string }
  | { kind: 'copy'; media?: string }

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
    }
  }
  // Service messages, invoices, paid media and giveaways cannot be copied by bots
  if (msg.sticker || msg.video_note || msg.poll || msg.location || msg.venue || msg.contact || msg.dice) {
    return { kind: 'copy', ...(media ? { media } : {}) }
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

/** Reads a stored plan defensively; an unreadable one falls back to a plain copy. */
export function readPlan(value: unknown): DeliveryPlan {
  const v = value as Partial<DeliveryPlan> | undefined
  if (v?.kind === 'text' && typeof (v as { text?: unknown }).text === 'string') return v as DeliveryPlan
  if (v?.kind === 'caption' && typeof (v as { caption?: unknown }).caption === 'string') return v as DeliveryPlan
  return { kind: 'copy' }
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
  plan: DeliveryPlan,
  optOut: OptOut,
): Promise<number> {
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
  const copied = await api.copyMessage(chatId, source.chatId, source.messageId, {
    reply_markup: new InlineKeyboard().text(optOut.button, consentCallback.pack('no')),
  })
  return copied.message_id
}
