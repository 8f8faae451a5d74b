import { InlineKeyboard } from 'grammy'
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types'
import { z } from 'zod'
import type { Content, MenuWordingItem } from '../../content/schema.ts'
import { defineCallback } from '../callback-data.ts'
import type { BaseContext } from '../context.ts'

/** `ask`: "Ask a manager" offered under a message the bot did not understand (shows as chosen once pressed). */
export const MENU_ITEMS = ['main', 'quiz', 'discovery', 'booking', 'manager', 'ask', 'mine', 'about'] as const
export type MenuItem = (typeof MENU_ITEMS)[number]

export const menuCallback = defineCallback('menu', [z.enum(MENU_ITEMS)])

/**
 * The main menu's items, row by row (each labelled `menu-<item>`, which the content's `menu` may
 * word: an item added here is one the content file must know too).
 */
const MAIN_MENU_ROWS = [
  ['quiz'],
  ['discovery'],
  ['booking', 'manager'],
  ['mine', 'about'],
] as const satisfies readonly (readonly MenuWordingItem[])[]
/** The main menu's items: also what a client may type the words of instead of tapping. */
export const MAIN_MENU_ITEMS = MAIN_MENU_ROWS.flat()

/**
 * Whether the content has something behind a menu item: a quiz or discovery without questions
 * would only answer "ask a manager", a button the menu has anyway (a salon's file may have no
 * discovery at all).
 */
export function menuItemOffered(item: MenuWordingItem, content: Pick<Content, 'quiz' | 'discovery'>): boolean {
  if (item === 'quiz') return content.quiz.questions.length > 0
  if (item === 'discovery') return content.discovery.questions.length > 0
  return true
}

/**
 * Whether "talk to a manager" is offered this client: not while their request is open — they are
 * with a person already, and a "💬 Написать менеджеру" under a product card or the menu read as if
 * nobody had their chat (pressed, it only says so).
 */
export function offersManager(ctx: BaseContext): boolean {
  return ctx.requestOpen?.() !== true
}

/** The main menu: every client screen leads back here and to a human (but one they are with: `offersManager`). */
export function mainMenuKeyboard(ctx: BaseContext, content: Pick<Content, 'quiz' | 'discovery'>): InlineKeyboard {
  const manager = offersManager(ctx)
  return InlineKeyboard.from(
    MAIN_MENU_ROWS.map((row) =>
      row
        .filter((item) => menuItemOffered(item, content) && (item !== 'manager' || manager))
        .map((item) => InlineKeyboard.text(ctx.t(`menu-${item}`), menuCallback.pack(item))),
    ).filter((row) => row.length > 0),
  )
}

/** "Back to menu" alone: for a client already with a person (no "talk to a manager" to offer them). */
export function menuBackKeyboard(ctx: BaseContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('menu-back'), menuCallback.pack('main'))
}

/** "Back to menu" and "talk to a person" (to one not with a person already: `offersManager`): the way out of any screen. */
export function backKeyboard(ctx: BaseContext): InlineKeyboard {
  const keyboard = menuBackKeyboard(ctx)
  return offersManager(ctx) ? keyboard.text(ctx.t('menu-manager'), menuCallback.pack('manager')) : keyboard
}

/**
 * The menu's buttons that may go alone under a message in the owner's own chats: one that starts or
 * goes on with a flow running in the chat it began in (booking's times are picked by buttons; the
 * quiz's and the brief's answers too).
 */
const FLOWS_IN_ANY_CHAT: ReadonlySet<MenuItem> = new Set(['booking', 'quiz', 'discovery'])

/**
 * What goes under a message to a client, by the chat it goes to (`businessConnectionId`: the
 * owner's own chat, Telegram Business). In the bot's own chat, `keyboard` as built. In the owner's
 * chat the bot writes as the owner, and a bot's menu there reads as a bot pretending and leads to
 * what belongs in the bot's chat: the menu's buttons go ("← В меню", "Написать менеджеру" —
 * writing is the way there —, "Мои звонки", "О нас", and the flows: the main menu, whatever it
 * holds, is no message of the owner's), but for the one flow the message itself offers, named by
 * the caller (`offers`: booking under the apology for a late answer, "Продолжить" under a nudge,
 * a new call under a cancelled one). The rest of the keyboard (a flow's own buttons: days, times,
 * "Перенести") stays as built; nothing left, no markup. Every message to a client with menu
 * buttons takes its markup from here (`clientMarkup(ctx, backKeyboard(ctx))`), and a text that
 * points at the menu has a wording for the owner's chat (`$chat`, `chatKind`).
 */
export function clientMarkup(
  where: { readonly businessConnectionId?: string | undefined },
  keyboard: InlineKeyboardMarkup,
  { offers }: { offers?: MenuItem | undefined } = {},
): { reply_markup?: InlineKeyboardMarkup } {
  if (where.businessConnectionId === undefined) return { reply_markup: keyboard }
  const kept = (button: InlineKeyboardButton) => {
    const item = 'callback_data' in button ? menuCallback.unpack(button.callback_data)?.[0] : undefined
    return item === undefined || (item === offers && FLOWS_IN_ANY_CHAT.has(item))
  }
  const rows = keyboard.inline_keyboard.map((row) => row.filter(kept)).filter((row) => row.length > 0)
  return rows.length === 0 ? {} : { reply_markup: InlineKeyboard.from(rows) }
}
