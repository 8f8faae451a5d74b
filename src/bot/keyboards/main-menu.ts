import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { defineCallback } from '../callback-data.ts'
import type { BaseContext } from '../context.ts'

/** `ask`: "Ask a manager" offered under a message the bot did not understand (shows as chosen once pressed). */
export const MENU_ITEMS = ['main', 'quiz', 'discovery', 'booking', 'manager', 'ask', 'mine', 'about'] as const
export type MenuItem = (typeof MENU_ITEMS)[number]

export const menuCallback = defineCallback('menu', [z.enum(MENU_ITEMS)])

/** The main menu: every client screen leads back here and to a human. */
export function mainMenuKeyboard(ctx: BaseContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('menu-quiz'), menuCallback.pack('quiz'))
    .row()
    .text(ctx.t('menu-discovery'), menuCallback.pack('discovery'))
    .row()
    .text(ctx.t('menu-booking'), menuCallback.pack('booking'))
    .text(ctx.t('menu-manager'), menuCallback.pack('manager'))
    .row()
    .text(ctx.t('menu-mine'), menuCallback.pack('mine'))
    .text(ctx.t('menu-about'), menuCallback.pack('about'))
}

/** "Back to menu" and "talk to a person": the way out of any screen. */
export function backKeyboard(ctx: BaseContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('menu-back'), menuCallback.pack('main'))
    .text(ctx.t('menu-manager'), menuCallback.pack('manager'))
}
