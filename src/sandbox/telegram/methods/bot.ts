/**
 * Bot API methods about the bot itself: who it is, how it receives updates
 * (long polling or a webhook, never both), its command menus per scope and
 * language, and its files.
 */
import type { BotCommand, BotCommandScope } from 'grammy/types'
import type { Method, TelegramEmulator } from '../emulator.ts'
import { refuse } from '../errors.ts'
import { bool, json, type Params, str } from '../request.ts'

/** Telegram's limits on a command menu. */
const MAX_COMMANDS = 100
const COMMAND = /^[a-z0-9_]{1,32}$/
const DESCRIPTION_MAX = 256
const SECRET = /^[A-Za-z0-9_-]{1,256}$/

/** The key a command list is stored under: its scope and language. */
function commandsKey(em: TelegramEmulator, p: Params): string {
  const scope = json<BotCommandScope>(p, 'scope') ?? { type: 'default' }
  const language = str(p, 'language_code') ?? ''
  if (language && !/^[a-z]{2}$/.test(language)) throw refuse.missing('language_code')
  let key: string
  switch (scope.type) {
    case 'default':
    case 'all_private_chats':
    case 'all_group_chats':
    case 'all_chat_administrators':
      key = scope.type
      break
    case 'chat':
    case 'chat_administrators':
    case 'chat_member': {
      const chat = em.chat(Number(scope.chat_id))
      key = `${scope.type}:${chat.id}${scope.type === 'chat_member' ? `:${scope.user_id}` : ''}`
      break
    }
    default:
      throw refuse.missing('scope')
  }
  return `${key}|${language}`
}

export const botMethods: Record<string, Method> = {
  getMe: (em) => em.bot,
  logOut: () => true,
  close: () => true,

  getUpdates: (em, p, _uploads, signal) => em.getUpdates(p, signal),

  setWebhook: (em, p) => {
    const url = str(p, 'url') ?? ''
    const secret = str(p, 'secret_token')
    if (secret !== undefined && !SECRET.test(secret)) throw refuse.secretTokenInvalid()
    const allowed = json<string[]>(p, 'allowed_updates')
    if (allowed) em.allowedUpdates = allowed
    if (!url) {
      em.setWebhook(undefined, bool(p, 'drop_pending_updates'))
      return true
    }
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw refuse.badWebhook('invalid webhook URL specified')
    }
    // Like a local Bot API server, plain http is accepted (the sandbox runs on loopback)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw refuse.badWebhook('An HTTPS URL must be provided for webhook')
    }
    em.setWebhook({ url, ...(secret ? { secret } : {}) }, bool(p, 'drop_pending_updates'))
    return true
  },

  deleteWebhook: (em, p) => {
    em.setWebhook(undefined, bool(p, 'drop_pending_updates'))
    return true
  },

  getWebhookInfo: (em) => {
    const hook = em.webhook
    return {
      url: hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: em.pending().length,
      ...(hook?.lastError ? { last_error_date: hook.lastErrorDate, last_error_message: hook.lastError } : {}),
      ...(em.allowedUpdates ? { allowed_updates: em.allowedUpdates } : {}),
    }
  },

  setMyCommands: (em, p) => {
    const commands = json<BotCommand[]>(p, 'commands')
    if (!Array.isArray(commands)) throw refuse.missing('commands')
    if (commands.length > MAX_COMMANDS) throw refuse.tooManyCommands()
    for (const c of commands) {
      if (typeof c?.command !== 'string' || !COMMAND.test(c.command)) throw refuse.commandInvalid()
      if (typeof c.description !== 'string' || !c.description.trim() || c.description.length > DESCRIPTION_MAX) {
        throw refuse.commandDescriptionInvalid()
      }
    }
    const key = commandsKey(em, p)
    if (commands.length === 0) em.commands.delete(key)
    else em.commands.set(key, commands)
    return true
  },

  getMyCommands: (em, p) => em.commands.get(commandsKey(em, p)) ?? [],

  deleteMyCommands: (em, p) => {
    em.commands.delete(commandsKey(em, p))
    return true
  },

  getFile: (em, p) => {
    const id = str(p, 'file_id')
    if (!id) throw refuse.missing('file_id')
    const { file_id, file_unique_id, file_size, file_path } = em.files.describe(id)
    return { file_id, file_unique_id, file_size, file_path }
  },
}
