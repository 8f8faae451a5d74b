/**
 * How follow-ups and payments reach the staff: escalations (a low rating, an NPS detractor),
 * one-line mirrors of what the bot sent a client who is with a manager, and questions with
 * buttons (a client says they paid). Written against a small interface so the handoff
 * feature can take it over (open the handoff, post through its ordered outbox); the simple
 * implementation here posts into the client's topic, or the staff group's General topic
 * when the client has none (or it was deleted).
 *
 * No grammY import: `StaffApi` is the one Bot API method used, which grammY's `Api` satisfies.
 */
import type { Db } from '../../db/client.ts'
import { findClientById } from '../../db/repositories/clients.ts'
import { hasOpenHandoff } from '../../db/repositories/handoffs.ts'
import type { ClientRow } from '../../db/schema.ts'
import type { Logger } from '../logger.ts'
import type { NoticeLine } from './handoff.ts'

/** A button for staff: callback data built with `defineCallback`. */
export interface StaffButton {
  text: string
  data: string
}

export interface StaffBridge {
  /** Brings a manager in at once: `reason` is a short machine word, `summary` what staff read. */
  escalate(clientId: number, reason: string, summary: string): Promise<void>
  /** One short line in the topic about a follow-up the client got, only while they are with a manager. */
  mirror(clientId: number, line: string): Promise<void>
  /** A message to staff about the client, with buttons (rows of buttons). */
  post(clientId: number, text: string, buttons?: StaffButton[][]): Promise<void>
}

export interface StaffApi {
  sendMessage(
    chatId: number,
    text: string,
    other?: {
      message_thread_id?: number
      reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] }
      link_preview_options?: { is_disabled?: boolean }
    },
  ): Promise<unknown>
}

/** "Анна Петрова (@anna), клиент #12": who the message is about, for General. */
export function describeClientForStaff(
  client: Pick<ClientRow, 'id' | 'displayName' | 'firstName' | 'lastName' | 'username'>,
): string {
  const name = client.displayName ?? [client.firstName, client.lastName].filter(Boolean).join(' ')
  return [name || '—', client.username ? `(@${client.username})` : '', `#${client.id}`].filter(Boolean).join(' ')
}

function isThreadGone(err: unknown): boolean {
  const description = (err as { description?: unknown })?.description
  return typeof description === 'string' && /thread not found|topic.*(deleted|closed)|TOPIC_/i.test(description)
}

export function createStaffBridge({
  db,
  api,
  staffGroupId,
  logger,
}: {
  db: Db
  api: StaffApi
  staffGroupId: number
  logger: Logger
}): StaffBridge {
  const log = logger.child({ module: 'staff-bridge' })

  async function post(clientId: number, text: string, buttons?: StaffButton[][]): Promise<void> {
    const client = findClientById(db, clientId)
    const reply_markup = buttons
      ? { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) }
      : undefined
    const options = { link_preview_options: { is_disabled: true }, ...(reply_markup ? { reply_markup } : {}) }
    if (client?.topicId) {
      try {
        await api.sendMessage(staffGroupId, text, { ...options, message_thread_id: client.topicId })
        return
      } catch (err) {
        if (!isThreadGone(err)) throw err
        log.warn({ clientId, topicId: client.topicId }, "client's topic is gone: posting to General")
      }
    }
    const who = client ? describeClientForStaff(client) : `#${clientId}`
    await api.sendMessage(staffGroupId, `${text}\n\n👤 ${who}`, options)
  }

  return {
    post,
    escalate: (clientId, reason, summary) => {
      log.info({ clientId, reason }, 'escalating to staff')
      return post(clientId, summary)
    },
    async mirror(clientId, line) {
      if (!hasOpenHandoff(db, clientId)) return
      const client = findClientById(db, clientId)
      if (!client?.topicId) return
      await post(clientId, line)
    },
  }
}

/** The part of the handoff service the bridge needs. */
export interface HandoffForBridge {
  open(clientId: number, reason: string, detail?: string): unknown
  isOpen(clientId: number): boolean
  notifyTopic(clientId: number, lines: NoticeLine[]): void
}

/**
 * The bridge over the handoff: an escalation opens (or reuses) the client's
 * handoff — topic, card, transcript, SLA timer — and adds the summary to the
 * topic; mirrors go through the same ordered, rate-limited outbox as the relay.
 * Messages with buttons still use `fallback` (the outbox carries no buttons).
 */
export function createHandoffStaffBridge({
  handoff,
  fallback,
}: {
  handoff: HandoffForBridge
  fallback: StaffBridge
}): StaffBridge {
  const line = (text: string): NoticeLine => ({ key: 'staff-bridge-line', args: { text } })
  return {
    post: fallback.post,
    async escalate(clientId, reason, summary) {
      if (!handoff.open(clientId, reason)) return fallback.escalate(clientId, reason, summary)
      handoff.notifyTopic(clientId, [line(summary)])
    },
    async mirror(clientId, text) {
      if (handoff.isOpen(clientId)) handoff.notifyTopic(clientId, [line(text)])
    },
  }
}
