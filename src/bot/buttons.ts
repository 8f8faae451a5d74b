/**
 * Buttons as an outbox row carries them (plain data: text + callback data or a
 * link) and back as Telegram's inline keyboard.
 */
import type { InlineKeyboard } from 'grammy'
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types'
import type { Button } from '../services/handoff/index.ts'

/** Rows of buttons from a keyboard built with grammY (callback and link buttons). */
export function toButtons(keyboard: InlineKeyboard | InlineKeyboardMarkup): Button[][] {
  return keyboard.inline_keyboard
    .map((row) =>
      row.flatMap((b: InlineKeyboardButton): Button[] => {
        if ('callback_data' in b && b.callback_data !== undefined) return [{ text: b.text, data: b.callback_data }]
        if ('url' in b && b.url !== undefined) return [{ text: b.text, url: b.url }]
        return []
      }),
    )
    .filter((row) => row.length > 0)
}

/** The inline keyboard for Telegram, or undefined for no buttons. */
export function toMarkup(rows: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!rows || rows.length === 0) return undefined
  return {
    inline_keyboard: rows.map((row) =>
      row.map((b) => ('data' in b ? { text: b.text, callback_data: b.data } : { text: b.text, url: b.url })),
    ),
  }
}
