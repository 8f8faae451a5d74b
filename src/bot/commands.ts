import type { Api, MiddlewareFn } from 'grammy'
import type { BotCommand } from 'grammy/types'
import type { Content } from '../content/schema.ts'
import type { Deps } from '../deps.ts'
import { clientLocale, negotiateLocale } from '../format.ts'
import { LANGUAGES } from '../locales/languages.ts'
import type { Logger } from '../logger.ts'
import { closest } from '../text.ts'
import type { BaseContext } from './context.ts'
import type { TypedI18n } from './i18n.ts'
import { menuItemOffered } from './keyboards/main-menu.ts'

/** Commands shown in Telegram's menu, per audience. Only built commands are listed. */
export const CLIENT_COMMANDS = [
  'start',
  'menu',
  'quiz',
  'brief',
  'manager',
  'book',
  'mybookings',
  'name',
  'timezone',
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
  'unsend',
  'offer',
  'call',
  'today',
  'invoice',
  'due',
  'paid',
  'done',
  'followups',
  'unsubscribe',
  'move',
  'duty',
  'handover',
  'find',
] as const
export const OWNER_COMMANDS = [
  'broadcast',
  'stats',
  'export',
  'backup',
  'content',
  'staff',
  'followups',
  'refund',
  'refunded',
  'business',
] as const
type CommandName = (typeof CLIENT_COMMANDS | typeof STAFF_COMMANDS | typeof OWNER_COMMANDS)[number]
/** The staff and owner commands the staff group takes anywhere in it; the others are about one client (its topic) or the owners' own (their chat). */
export const GROUP_WIDE_COMMANDS = [
  'today',
  'find',
  'duty',
  'handover',
  'followups',
  'refund',
  'refunded',
] as const satisfies readonly CommandName[]

const BOT_COMMANDS = new Set<string>([...CLIENT_COMMANDS, ...STAFF_COMMANDS, ...OWNER_COMMANDS])
const GROUP_WIDE = new Set<string>(GROUP_WIDE_COMMANDS)
const STAFF = new Set<string>(STAFF_COMMANDS)
const OWNERS = new Set<string>(OWNER_COMMANDS)
const CLIENTS = new Set<string>(CLIENT_COMMANDS)

/**
 * Where a command works, for a team member who gave it where nothing took it: anywhere in
 * the staff group; in a client's topic (the commands about one client); in the private chat
 * with the bot (a client's commands, an owner's own); only an owner's (an owner's command
 * given by a manager: sending them to their private chat would only get them a refusal
 * there); or nowhere (a typo, another bot's).
 */
export type CommandPlace = 'anywhere' | 'topic' | 'private' | 'owner' | 'unknown'
export function commandPlace(command: string, role: 'owner' | 'manager'): CommandPlace {
  if (GROUP_WIDE.has(command)) return 'anywhere'
  if (STAFF.has(command)) return 'topic'
  if (OWNERS.has(command)) return role === 'owner' ? 'private' : 'owner'
  return CLIENTS.has(command) ? 'private' : 'unknown'
}

/**
 * The command a typo most likely meant ("/cards" → "card"), among those that work where it was
 * typed: the topic's and the group's in a client's topic, the group's in its General ("/fnd" →
 * "find"), a client's (and an owner's own) in a private chat. Undefined when none is close.
 */
export function meantCommand(
  typed: string,
  where: 'topic' | 'group' | 'private',
  role?: 'owner' | 'manager',
): string | undefined {
  // Of two as close, the first listed is taken: an owner's own come first, since an owner types
  // them far more often than a client's ("/stat" is one letter from /start and from /stats, and
  // an owner meant /stats). A client is offered only what they can use
  const candidates: readonly string[] =
    where === 'topic'
      ? [...STAFF_COMMANDS, ...GROUP_WIDE_COMMANDS]
      : where === 'group'
        ? GROUP_WIDE_COMMANDS
        : [...(role === 'owner' ? OWNER_COMMANDS : []), ...CLIENT_COMMANDS]
  return typed.length > 1 ? closest(typed, candidates) : undefined
}

/**
 * One of the bot's commands typed in capitals ("/START", "/Menu": caps lock, a keyboard that
 * capitalises) is that command. grammY matches commands as typed, so "/START" in the middle of
 * the quiz left it for "no such command": the command's name is lowercased in the message before
 * any handler reads it (what follows it, and a command that is none of the bot's, stay as typed).
 */
export function commandsInAnyCase(): MiddlewareFn<BaseContext> {
  return (ctx, next) => {
    // (Before createBusinessRouter, which reads a client's command to the owner's account too)
    const message = ctx.message ?? ctx.businessMessage
    const text = message?.text
    const command = text === undefined ? undefined : commandOf(text)
    if (message && text && command && command.typed !== command.name && BOT_COMMANDS.has(command.name)) {
      message.text = `/${command.name}${text.slice(command.name.length + 1)}`
    }
    return next()
  }
}

/**
 * The command a message starts with, and the bot it is addressed to (`/find@other_bot`) if
 * any; undefined when the text starts with no command. `name` is lowercased, for hints that
 * forgive "/Find" where it is none of the bot's commands; `typed` is as typed.
 */
export function commandOf(text: string): { name: string; typed: string; addressee: string | undefined } | undefined {
  const [, typed, addressee] = /^\/([A-Za-z0-9_]{1,32})(?:@(\w+))?(?:\s|$)/.exec(text) ?? []
  return typed === undefined ? undefined : { name: typed.toLowerCase(), typed, addressee }
}

/**
 * Whether text typed in a flow is one of the bot's commands, which leaves the flow for it ("/menu",
 * "/cancel", "/START"); anything else after a slash (a typo, "/не знаю") is no command, and the
 * flow's question still waits.
 */
export function leavesFlow(text: string): boolean {
  const command = commandOf(text)?.name
  return command !== undefined && BOT_COMMANDS.has(command)
}

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

/** The clients' commands that start what a main-menu item does, by the item: offered as the menu offers it. */
const MENU_ITEM_OF = { quiz: 'quiz', brief: 'discovery' } as const

/**
 * The clients' commands offered with this content: /quiz and /brief only when the file has their
 * questions, as the main menu shows their buttons (`menuItemOffered`). Typed, they still answer
 * (a manager helps instead), but a list (/help, Telegram's command menu) does not offer them.
 */
export function clientCommands(
  content: Pick<Content, 'quiz' | 'discovery'>,
): readonly (typeof CLIENT_COMMANDS)[number][] {
  return CLIENT_COMMANDS.filter((command) => {
    const item = MENU_ITEM_OF[command as keyof typeof MENU_ITEM_OF]
    return item === undefined || menuItemOffered(item, content)
  })
}

function describe(i18n: TypedI18n, locale: string, names: readonly CommandName[]): BotCommand[] {
  return names.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }))
}

type MenuDeps = Pick<Deps, 'i18n' | 'config' | 'content' | 'services' | 'logger'>

/** A menu is a convenience: a failure is a warning, the bot works without it. */
async function attempt(logger: Logger, scope: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call()
  } catch (err) {
    logger.warn({ err, scope }, `could not set the command menu for ${scope}; the bot works without it`)
  }
}

/**
 * Sets the command menus: clients (each language the business speaks, `business.languages`)
 * and each staff group. Telegram shows a person the menu of the narrowest scope set (their
 * chat's before all private chats'), in their app's language if that one is set, else the one
 * set without a language. The clients' commands are those the content offers (`clientCommands`).
 * Run at start-up and when new content changes the languages or the commands offered
 * (menusAfterContent). The menus of people's own chats are not set here: the owners' at
 * start-up (setOwnerMenus), in a language the content does not limit; clients' (a /language
 * choice) never gone through, as there may be a great many, and each is right until the
 * content drops its language, when it is put right as that client next writes
 * (src/bot/middlewares/client.ts).
 */
export async function setCommandMenus(api: Api, deps: MenuDeps): Promise<void> {
  const { i18n, config, logger } = deps
  const languages = deps.content.get().business.languages
  const commands = clientCommands(deps.content.get())
  for (const locale of LANGUAGES) {
    // A language the business does not speak: its menu (set before the content dropped it) goes,
    // so those clients see the one below, in the language the bot answers them in
    await attempt(logger, `clients (${locale})`, () =>
      languages.includes(locale)
        ? api.setMyCommands(describe(i18n, locale, commands), { language_code: locale })
        : api.deleteMyCommands({ language_code: locale }),
    )
  }
  // Any other app language: the language the bot speaks to those clients (see negotiateLocale)
  const fallback = negotiateLocale(undefined, undefined, config.DEFAULT_LOCALE, languages)
  await attempt(logger, 'clients (default)', () => api.setMyCommands(describe(i18n, fallback, commands)))
  for (const staffGroupId of config.STAFF_GROUP_IDS) {
    // The staff's language, as everything the bot writes in the group (src/bot/i18n.ts)
    await attempt(logger, `staff group ${staffGroupId}`, () =>
      api.setMyCommands(describe(i18n, config.DEFAULT_LOCALE, STAFF_COMMANDS), {
        scope: { type: 'chat', chat_id: staffGroupId },
      }),
    )
  }
}

/**
 * Sets each owner's menu of their own chat (setOwnMenu): at start-up, for an owner made in
 * OWNER_IDS or whose menu was lost meanwhile. Not on new content: the team's language is any
 * the bot has, whatever `business.languages` says.
 */
export async function setOwnerMenus(api: Api, deps: MenuDeps): Promise<void> {
  for (const ownerId of deps.services.staff.owners()) await setOwnMenu(api, deps, ownerId)
}

/**
 * The menu of one person's own chat with the bot, in the language the bot speaks with them
 * (personLocale), since a chat's menu is shown whatever the app's language: an owner's (client
 * and owner commands) in their /language choice, else their app's, as stored; anyone else's
 * (the client commands) only once they picked a language with /language — the per-language
 * menus follow the app's language, which the choice overrides. Nobody else has one of their
 * own. Set again when that changes: the role (/staff), the owner's language (/language, the
 * app's), a client's choice (/language, /forget, a choice the content no longer offers).
 */
export async function setOwnMenu(api: Api, deps: MenuDeps, telegramId: number): Promise<void> {
  const scope = { type: 'chat' as const, chat_id: telegramId }
  const owner = deps.services.staff.isOwner(telegramId)
  const person = deps.services.clients.byTelegramId(telegramId)
  const clients = clientCommands(deps.content.get())
  const commands = owner ? [...clients, ...OWNER_COMMANDS] : person?.languageChosen ? clients : undefined
  const locale = clientLocale({ language: person?.language ?? null, telegramId }, deps)
  // Not the person's id: no person's Telegram id goes into the logs (src/logger.ts)
  await attempt(deps.logger, owner ? 'an owner' : 'a person', () =>
    commands ? api.setMyCommands(describe(deps.i18n, locale, commands), { scope }) : api.deleteMyCommands({ scope }),
  )
}

/**
 * New content was applied: the menus follow when the languages the business speaks changed, or
 * the menu's words (`menu`), which describe the commands of its items, or which of those items
 * the file has (`clientCommands`: /quiz and /brief with their questions only); the owners' own
 * menus list those commands too. A client's own menu (a /language choice) keeps its words and
 * commands until it is set again.
 */
export async function menusAfterContent(api: Api, deps: MenuDeps, previous: Content): Promise<void> {
  const current = deps.content.get()
  // The menu's words, or which of its items the file has (a quiz added, a questionnaire dropped)
  const itemsChanged =
    JSON.stringify(previous.menu) !== JSON.stringify(current.menu) ||
    clientCommands(previous).join() !== clientCommands(current).join()
  if (itemsChanged || previous.business.languages.join() !== current.business.languages.join()) {
    await setCommandMenus(api, deps)
  }
  if (itemsChanged) await setOwnerMenus(api, deps)
}
