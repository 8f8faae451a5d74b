import type { ConversationFlavor } from '@grammyjs/conversations'
import type { I18nFlavor } from '@grammyjs/i18n'
import type { Context } from 'grammy'
import type { Role } from '../../db/repositories/staff.ts'
import type { ClientRow } from '../../db/schema.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { Logger } from '../logger.ts'

/** Values for a message's variables. */
export type TranslationArgs = Record<string, string | number>
/** A translator bound to a locale: only keys the .ftl files define type-check (src/locales/keys.ts). */
export type Translate = (key: LocaleKey, args?: TranslationArgs) => string

/**
 * The i18n plugin's context, with `t` taking only known keys. Declared as methods so the
 * plugin's own middleware (typed with string keys) still fits this context.
 */
export interface LocaleFlavor extends Omit<I18nFlavor, 't' | 'translate'> {
  t(key: LocaleKey, args?: TranslationArgs): string
  translate(key: LocaleKey, args?: TranslationArgs): string
}

export interface ClientDeskFlavor {
  /** The client record, in private chats (refreshed on every update). */
  client?: ClientRow
  /** The sender's staff role, read from the database on every update (never cached). */
  staffRole?: Role
  /** A child logger carrying the update id, chat and sender. */
  log: Logger
}

/** What handlers and conversations see. */
export type BaseContext = Context & LocaleFlavor & ClientDeskFlavor
/** The outer context: can enter conversations. */
export type BotContext = ConversationFlavor<BaseContext>
