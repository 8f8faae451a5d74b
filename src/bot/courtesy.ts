/**
 * Small calls around an answer whose failure must not fail the answer itself:
 * removing the buttons of a message that was answered, a reaction, a "typing…"
 * indicator, showing a menu in place of the pressed message. Each failure is
 * either an expected outcome, handled on purpose, or logged with its reason.
 */
import type { Context } from 'grammy'
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReactionTypeEmoji } from 'grammy/types'
import type { Logger } from '../logger.ts'
import { onBehalfOf } from './client-chat.ts'
import type { ShownText } from './shown-text.ts'
import { classifyTelegramError } from './telegram-errors.ts'

type Ctx = Context & { log: Logger }

/**
 * Logs why a courtesy call failed. Expected: the message is too old to edit or
 * gone (`target-gone`), or it already looks like that (`not-modified`: a second
 * tap on a button whose buttons were just removed).
 */
export function logCourtesyFailure(log: Logger, err: unknown, what: string): void {
  const failure = classifyTelegramError(err)
  const fields = { reason: failure.kind, detail: failure.reason }
  if (failure.kind === 'not-modified') log.debug(fields, `${what}: nothing to change`)
  else if (failure.kind === 'target-gone') log.info(fields, `${what}: the message is gone or too old to edit`)
  else log.warn({ err, ...fields }, `${what} failed`)
}

/** Removes the buttons of the message whose button was pressed: it has been answered. */
export async function removeButtons(ctx: Ctx): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup()
  } catch (err) {
    logCourtesyFailure(ctx.log, err, 'removing the answered buttons')
  }
}

/**
 * The pressed message was answered: its buttons go, and a line under its text says which was
 * pressed and by whom ("✔️ ✅ Оплата пришла — Мария"). The answer itself may come later, behind
 * the staff group's other messages, and whoever scrolls past sees the question was dealt with,
 * and how. Its formatting stays (its entities: a line after the text moves none of their
 * offsets). A press that does not carry the message's text (one too old for Telegram to show
 * the bot) just takes the buttons away.
 */
export async function markPressed(ctx: Ctx, by: string): Promise<void> {
  const message = ctx.callbackQuery?.message
  const data = ctx.callbackQuery?.data
  const text = message && 'text' in message ? message.text : undefined
  const pressed = message?.reply_markup?.inline_keyboard
    .flat()
    .find((button) => 'callback_data' in button && button.callback_data === data)
  if (!message || !text || !pressed) return removeButtons(ctx)
  try {
    await ctx.editMessageText(`${text}\n\n✔️ ${pressed.text} — ${by}`, {
      ...('entities' in message && message.entities ? { entities: message.entities } : {}),
    })
  } catch (err) {
    logCourtesyFailure(ctx.log, err, 'marking the pressed button')
    // Not shown (a text near Telegram's length): the buttons go all the same
    if (classifyTelegramError(err).kind !== 'not-modified') await removeButtons(ctx)
  }
}

/**
 * Sets the buttons of an earlier message of the bot in this update's chat (not the pressed one):
 * none (`null`) on one that is no longer the one to answer — an older copy of a question, a
 * picker replaced by a newer one — or `markup` (a question's ticks, for labels typed). `what`
 * names it in the log line of a failure.
 */
export async function setButtons(
  ctx: Ctx,
  messageId: number,
  markup: InlineKeyboardMarkup | null,
  what: string,
): Promise<void> {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return
  try {
    await ctx.api.editMessageReplyMarkup(chatId, messageId, {
      ...(markup ? { reply_markup: markup } : {}),
      ...onBehalfOf(ctx),
    })
  } catch (err) {
    logCourtesyFailure(ctx.log, err, what)
  }
}

/**
 * The buttons of the pressed message without the pressed one (rows left empty go); undefined
 * when the message does not show it (a press Telegram sends without its buttons, or one already
 * taken off).
 */
export function buttonsLeft(ctx: Ctx): InlineKeyboardButton[][] | undefined {
  const rows = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard
  const data = ctx.callbackQuery?.data
  if (!rows) return undefined
  const kept = rows
    .map((row) => row.filter((button) => !('callback_data' in button) || button.callback_data !== data))
    .filter((row) => row.length > 0)
  return kept.flat().length === rows.flat().length ? undefined : kept
}

/**
 * Takes the pressed button off its message, the others left as they are (none left: the
 * keyboard goes): a list whose line was dealt with (a follow-up cancelled) offers it no more.
 */
export async function dropPressedButton(ctx: Ctx): Promise<void> {
  const kept = buttonsLeft(ctx)
  if (!kept) return
  await (kept.length > 0 ? replaceButtons(ctx, { inline_keyboard: kept }) : removeButtons(ctx))
}

/**
 * Shows the pressed message as `shown` (its text with the entities it keeps) with the `kept`
 * buttons (none: they go), in one edit: a list whose line was dealt with says so where it
 * stood. Not shown (a text grown past Telegram's limit, a message gone), the pressed button
 * goes all the same.
 */
export async function rewritePressed(ctx: Ctx, shown: ShownText, kept: InlineKeyboardButton[][]): Promise<void> {
  try {
    await ctx.editMessageText(shown.text, {
      ...(shown.entities.length > 0 ? { entities: shown.entities } : {}),
      ...(kept.length > 0 ? { reply_markup: { inline_keyboard: kept } } : {}),
    })
  } catch (err) {
    logCourtesyFailure(ctx.log, err, 'showing what became of the pressed line')
    if (classifyTelegramError(err).kind !== 'not-modified') await dropPressedButton(ctx)
  }
}

/** Replaces the buttons of the pressed message (a toggle, a next page). */
export async function replaceButtons(ctx: Ctx, markup: InlineKeyboardMarkup): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: markup })
  } catch (err) {
    logCourtesyFailure(ctx.log, err, 'updating the buttons')
  }
}

/** A reaction confirms a staff command quietly; a group may not allow this emoji. */
export async function react(ctx: Ctx, emoji: ReactionTypeEmoji['emoji']): Promise<void> {
  try {
    await ctx.react(emoji)
  } catch (err) {
    logCourtesyFailure(ctx.log, err, `reacting ${emoji}`)
  }
}

/** "Uploading…" while a file is prepared; the file follows either way. */
export async function showAction(ctx: Ctx, action: 'upload_photo' | 'upload_document' | 'typing'): Promise<void> {
  try {
    await ctx.replyWithChatAction(action)
  } catch (err) {
    logCourtesyFailure(ctx.log, err, `showing "${action}"`)
  }
}

/**
 * Shows `text` in place of the pressed message (menus that change as the person
 * taps). Nothing is sent when the message already shows exactly that; a message
 * too old to edit is answered with a fresh one instead.
 */
export async function showInPlace(ctx: Ctx, text: string, markup?: InlineKeyboardMarkup): Promise<void> {
  const current = ctx.callbackQuery?.message
  const sameText = current && 'text' in current && current.text === text
  const sameButtons =
    JSON.stringify(current?.reply_markup?.inline_keyboard ?? []) === JSON.stringify(markup?.inline_keyboard ?? [])
  if (sameText && sameButtons) return
  try {
    await ctx.editMessageText(text, markup ? { reply_markup: markup } : {})
  } catch (err) {
    const failure = classifyTelegramError(err)
    if (failure.kind === 'not-modified') return
    if (failure.kind !== 'target-gone') throw err
    ctx.log.info({ detail: failure.reason }, 'the pressed message cannot be edited: answering with a new one')
    await ctx.reply(text, markup ? { reply_markup: markup } : {})
  }
}
