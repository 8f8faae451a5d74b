import type { ConversationFlavor } from '@grammyjs/conversations'
import type { I18nFlavor } from '@grammyjs/i18n'
import type { Context } from 'grammy'
import type { Role } from '../../db/repositories/staff.ts'
import type { ClientRow } from '../../db/schema.ts'
import type { Logger } from '../logger.ts'

export interface ClientDeskFlavor {
  /** The client record, in private chats (refreshed on every update). */
  client?: ClientRow
  /** The sender's staff role, read from the database on every update (never cached). */
  staffRole?: Role
  /** A child logger carrying the update id, chat and sender. */
  log: Logger
}

/** What handlers and conversations see. */
export type BaseContext = Context & I18nFlavor & ClientDeskFlavor
/** The outer context: can enter conversations. */
export type BotContext = ConversationFlavor<BaseContext>
