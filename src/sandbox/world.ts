/**
 * The sandbox's Telegram world before anyone touches it: the bot, the
 * business owner (the OWNER_IDS owner), a manager, and the staff forum with
 * the bot as an admin who may manage topics — what a real owner sets up by
 * hand with BotFather and a supergroup. Clients are added on the page.
 */
import { type EmulatorOptions, TelegramEmulator, type WorldSnapshot } from './telegram/emulator.ts'

/** Not a real token: it only opens the sandbox's own Bot API. */
export const SANDBOX_TOKEN = '7000000001:SANDBOX-local-only-not-a-telegram-token'
export const OWNER = { id: 100_001, username: 'olga_owner' }
export const MANAGER = { id: 100_002, username: 'maria_manager' }
export const STAFF_GROUP = { id: -1_001_000_000_001 }

/**
 * The team in the business's language (`--locale`), and the forum named after the business as
 * an owner names theirs: a flower shop's sandbox is not a web studio's team.
 */
export interface WorldTeam {
  locale: 'ru' | 'en'
  /** The business's name in that language, from the content file (undefined: it cannot be read yet). */
  business: string | undefined
}
const TEAM_NAMES = {
  ru: { owner: { first_name: 'Ольга', last_name: 'Смирнова' }, manager: 'Мария', team: 'команда', fallback: 'Команда' },
  en: { owner: { first_name: 'Olga', last_name: 'Smith' }, manager: 'Maria', team: 'team', fallback: 'Team' },
} as const
/** The connection the owner's own account (Telegram Business) makes with the bot, when they connect it on the page. */
export const OWNER_BUSINESS = 'bc-sandbox-owner'
/** A payment provider's test shop, as @BotFather gives one: invoices in the sandbox are Telegram's, with Pay. */
export const SANDBOX_PROVIDER_TOKEN = '100000001:TEST:sandbox-shop'

/** The world as set up, or as it was when the sandbox last stopped (`saved`). */
export function createWorld(
  options: Omit<EmulatorOptions, 'token'>,
  team: WorldTeam,
  saved?: WorldSnapshot,
): TelegramEmulator {
  const em = new TelegramEmulator({
    token: SANDBOX_TOKEN,
    botName: 'ClientDesk',
    botUsername: 'clientdesk_sandbox_bot',
    ...options,
  })
  em.payments.providerTokens.add(SANDBOX_PROVIDER_TOKEN)
  if (saved) {
    em.restore(saved)
    return em
  }
  // The owner and the manager have opened the bot's chat: the bot may write to them
  const names = TEAM_NAMES[team.locale]
  em.addUser({ ...OWNER, ...names.owner, language_code: team.locale, started: true })
  em.addUser({ ...MANAGER, first_name: names.manager, language_code: team.locale, started: true })
  em.addGroup({
    id: STAFF_GROUP.id,
    title: team.business === undefined ? names.fallback : `${team.business} · ${names.team}`,
    forum: true,
    members: [
      [OWNER.id, 'creator'],
      [MANAGER.id, 'member'],
    ],
  })
  return em
}

/** A made-up phone number for a person, shared by Telegram's contact button. */
export function phoneOf(userId: number): string {
  return `+7999${String(userId).padStart(7, '0').slice(-7)}`
}
