import type { Api } from 'grammy'
import type { BotCommand } from 'grammy/types'
import { SUPPORTED_LOCALES } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { TypedI18n } from './i18n.ts'

/** Commands shown in Telegram's menu, per audience. Only built commands are listed. */
export const CLIENT_COMMANDS = [
  'start',
  'menu',
  'quiz',
  'manager',
  'book',
  'mybookings',
  'name',
  'language',
  'privacy',
  'mydata',
  'stop',
  'forget',
  'help',
  'cancel',
] as const
export const STAFF_COMMANDS = [
  'r',
  'close',
  'assign',
  'tag',
  'card',
  'note',
  'offer',
  'today',
  'invoice',
  'paid',
  'done',
  'followups',
  'move',
  'duty',
  'find',
] as const
export const OWNER_COMMANDS = [
  'broadcast',
  'stats',
  'export',
  'backup',
  'staff',
  'followups',
  'refund',
  'refunded',
  'business',
] as const
type CommandName = (typeof CLIENT_COMMANDS | typeof STAFF_COMMANDS | typeof OWNER_COMMANDS)[number]

const BOT_COMMANDS = new Set<string>([...CLIENT_COMMANDS, ...STAFF_COMMANDS, ...OWNER_COMMANDS])

/**
 * An unknown command as the logs may hold it. What was typed after the slash may be a phone
 * number or a name ("/89161234567", "/maria_k"), which /forget cannot take out of the logs:
 * only its length is logged, and its name when it is one of the bot's own commands (another
 * role's, or meant for another chat), which names nobody.
 */
export function commandForLog(text: string): { command: string | undefined; length: number } {
  const word = text.split(/\s/)[0] ?? ''
  const name = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?$/.exec(word)?.[1]?.toLowerCase()
  return { command: name !== undefined && BOT_COMMANDS.has(name) ? name : undefined, length: word.length }
}

function describe(i18n: TypedI18n, locale: string, names: readonly CommandName[]): BotCommand[] {
  return names.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }))
}

/**
 * Sets the command menus per scope: clients (every language we speak), each
 * staff group, and each owner's private chat. Failures are warnings: the bot
 * works without menus.
 */
export async function setCommandMenus(
  api: Api,
  {
    i18n,
    staffGroupIds,
    ownerIds,
    logger,
    defaultLocale = 'ru',
  }: {
    i18n: TypedI18n
    staffGroupIds: readonly number[]
    ownerIds: number[]
    logger: Logger
    /** Staff and owner menus, and clients whose language is neither ru nor en. */
    defaultLocale?: string
  },
): Promise<void> {
  const calls: [string, () => Promise<unknown>][] = []
  for (const locale of SUPPORTED_LOCALES) {
    calls.push([
      `clients (${locale})`,
      () => api.setMyCommands(describe(i18n, locale, CLIENT_COMMANDS), { language_code: locale }),
    ])
  }
  calls.push(['clients (default)', () => api.setMyCommands(describe(i18n, defaultLocale, CLIENT_COMMANDS))])
  for (const staffGroupId of staffGroupIds) {
    calls.push([
      `staff group ${staffGroupId}`,
      () =>
        api.setMyCommands(describe(i18n, defaultLocale, STAFF_COMMANDS), {
          scope: { type: 'chat', chat_id: staffGroupId },
        }),
    ])
  }
  for (const ownerId of ownerIds) {
    calls.push([
      `owner ${ownerId}`,
      () =>
        api.setMyCommands(describe(i18n, defaultLocale, [...CLIENT_COMMANDS, ...OWNER_COMMANDS]), {
          scope: { type: 'chat', chat_id: ownerId },
        }),
    ])
  }
  for (const [scope, call] of calls) {
    try {
      await call()
    } catch (err) {
      logger.warn({ err, scope }, `could not set the command menu for ${scope}; the bot works without it`)
    }
  }
}
