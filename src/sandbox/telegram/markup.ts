/**
 * reply_markup as Telegram checks it: an inline keyboard's buttons each do
 * exactly one thing, callback data is 1–64 bytes, links are links; a reply
 * keyboard's buttons become objects; a keyboard can be removed.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup } from 'grammy/types'
import { refuse } from './errors.ts'

export type Markup =
  | { kind: 'none' }
  | { kind: 'inline'; markup: InlineKeyboardMarkup }
  | { kind: 'keyboard'; markup: ReplyKeyboardMarkup }
  | { kind: 'remove' }
  | { kind: 'force_reply' }

/** Telegram's limit on callback_data, in bytes. */
const CALLBACK_DATA_MAX_BYTES = 64
/** Telegram's limit on the buttons of one inline keyboard. */
const INLINE_BUTTONS_MAX = 100

const ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const

function checkUrl(url: unknown): void {
  if (typeof url !== 'string') throw refuse.buttonUrlInvalid()
  try {
    const scheme = new URL(url).protocol
    if (!['http:', 'https:', 'tg:'].includes(scheme)) throw new Error(scheme)
  } catch {
    throw refuse.buttonUrlInvalid()
  }
}

function checkInlineButton(button: InlineKeyboardButton): void {
  if (typeof button !== 'object' || button === null || typeof button.text !== 'string') {
    throw refuse.keyboardInvalid()
  }
  const actions = ACTIONS.filter((a) => a in button)
  if (actions.length !== 1) throw refuse.buttonTypeInvalid()
  if ('callback_data' in button) {
    const bytes = Buffer.byteLength(String(button.callback_data))
    if (typeof button.callback_data !== 'string' || bytes < 1 || bytes > CALLBACK_DATA_MAX_BYTES) {
      throw refuse.buttonDataInvalid()
    }
  }
  if ('url' in button) checkUrl(button.url)
}

/** Validates reply_markup (already decoded from JSON). */
export function readMarkup(value: unknown): Markup {
  if (value === undefined || value === null) return { kind: 'none' }
  if (typeof value !== 'object') throw refuse.keyboardInvalid()
  const v = value as Record<string, unknown>
  if ('inline_keyboard' in v) {
    const rows = v.inline_keyboard
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw refuse.keyboardInvalid()
    for (const row of rows as InlineKeyboardButton[][]) for (const button of row) checkInlineButton(button)
    if ((rows as unknown[][]).reduce((n, row) => n + row.length, 0) > INLINE_BUTTONS_MAX) throw refuse.markupTooLong()
    return { kind: 'inline', markup: { inline_keyboard: rows as InlineKeyboardButton[][] } }
  }
  if ('keyboard' in v) {
    const rows = v.keyboard
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw refuse.keyboardInvalid()
    const keyboard = (rows as (string | KeyboardButton)[][]).map((row) =>
      row.map((b) => {
        const button = typeof b === 'string' ? { text: b } : b
        if (typeof button?.text !== 'string' || button.text === '') throw refuse.keyboardInvalid()
        return button
      }),
    )
    return { kind: 'keyboard', markup: { ...(v as unknown as ReplyKeyboardMarkup), keyboard } }
  }
  if (v.remove_keyboard === true) return { kind: 'remove' }
  if (v.force_reply === true) return { kind: 'force_reply' }
  throw refuse.keyboardInvalid()
}

/** The inline keyboard a message keeps (the other kinds belong to the chat, not the message). */
export function inlineOf(markup: Markup): InlineKeyboardMarkup | undefined {
  return markup.kind === 'inline' && markup.markup.inline_keyboard.some((row) => row.length > 0)
    ? markup.markup
    : undefined
}
