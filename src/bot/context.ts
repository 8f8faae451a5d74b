import type { ConversationFlavor } from '@grammyjs/conversations'
import type { I18nFlavor } from '@grammyjs/i18n'
import type { Context } from 'grammy'
import type { ClientRow } from '../../db/schema.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { Logger } from '../logger.ts'
import type { Role } from '../services/staff.ts'

/**
 * Values for a message's variables. Fluent writes a number the locale's way, thousands
 * grouped ("1 234", "1,234"): right for a count or an amount, wrong for an identifier,
 * which must read as the card, the topic's name and /find write it ("#1234") so it can be
 * copied and looked up. So an id — a variable named `id` or ending in `Id` — is passed as
 * text (`String(order.id)`), and a number there does not type-check.
 */
export type TranslationArgs = Record<string, string | number> & { id?: string; [name: `${string}Id`]: string }
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
  /**
   * Whether the client has a request open now, a person on it (set with `client`; asked when a
   * screen is built, since the update itself may open or close one): no "talk to a manager" is
   * offered them then (`offersManager`).
   */
  requestOpen?: () => boolean
  /** The sender's staff role, as the database has it at every update (db/repositories/staff.ts). */
  staffRole?: Role
  /** In a staff group, the client whose topic the update (a message, an edit, a button) comes from. */
  topicClient?: ClientRow
  /** With `topicClient`: the topic's message_thread_id. */
  threadId?: number
  /** A child logger carrying the update id, chat and sender. */
  log: Logger
  /**
   * Set by a feature that answered a client's message itself (a call cancelled or moved in words,
   * an erasure asked for) and passes it on for the manager reading the chat: it owes the team no
   * answer, so no answer time runs for it (the relay reads it).
   */
  answeredByBot?: true
  /**
   * Set by the handoff feature when the message is a low rating of the closed request typed with
   * what went wrong ("2, долго ждали"), recorded, and passed on for the team: the request it opens
   * is for that low rating, quoting these words (the relay reads it).
   */
  lowRatingWords?: string
}

/** What handlers and conversations see. */
export type BaseContext = Context & LocaleFlavor & ClientDeskFlavor
/** The outer context: can enter conversations. */
export type BotContext = ConversationFlavor<BaseContext>
