/**
 * The sandbox's Telegram world before anyone touches it: the bot, the
 * business owner (the OWNER_IDS owner), a manager, and the staff forum with
 * the bot as an admin who may manage topics — what a real owner sets up by
 * hand with BotFather and a supergroup. Clients are added on the page.
 */
import { type EmulatorOptions, TelegramEmulator, type WorldSnapshot } from './telegram/emulator.ts'

/** Not a real token: it only opens the sandbox's own Bot API. */
export const SANDBOX_TOKEN = '7000000001:SANDBOX-local-only-not-a-telegram-token'
export const OWNER = { id: 100_001, first_name: 'Ольга', last_name: 'Смирнова', username: 'olga_owner' }
export const MANAGER = { id: 100_002, first_name: 'Мария', username: 'maria_manager' }
export const STAFF_GROUP = { id: -1_001_000_000_001, title: 'Лаконика · команда' }
/** The connection the owner's own account (Telegram Business) makes with the bot, when they connect it on the page. */
export const OWNER_BUSINESS = 'bc-sandbox-owner'
/** A payment provider's test shop, as @BotFather gives one: invoices in the sandbox are Telegram's, with Pay. */
export const SANDBOX_PROVIDER_TOKEN = '100000001:TEST:sandbox-shop'

/** The world as set up, or as it was when the sandbox last stopped (`saved`). */
export function createWorld(options: Omit<EmulatorOptions, 'token'>, saved?: WorldSnapshot): TelegramEmulator {
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
  em.addUser({ ...OWNER, language_code: 'ru', started: true })
  em.addUser({ ...MANAGER, language_code: 'ru', started: true })
  em.addGroup({
    id: STAFF_GROUP.id,
    title: STAFF_GROUP.title,
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
