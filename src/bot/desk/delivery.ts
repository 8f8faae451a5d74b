/**
 * Turns the desk's outbox rows into Bot API calls: a topic's status mark and
 * open/closed state, answers to staff commands, and saved replies to clients.
 * It plugs into the handoff's deliverer (src/bot/handoff/delivery.ts), whose
 * topic creation and failure handling it shares.
 */
import { type Api, InlineKeyboard } from 'grammy'
import { updateMessage } from '../../../db/repositories/messages.ts'
import type { OutboxRow } from '../../../db/repositories/outbox.ts'
import type { ClientRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import {
  type ButtonSpec,
  SAVED_REPLY_KIND,
  type SavedReplyPayload,
  STAFF_POST_KIND,
  type StaffPostPayload,
} from '../../services/desk/staff-messages.ts'
import { TOPIC_STATUS_KIND, topicTitle } from '../../services/desk/topic-status.ts'
import type { NoticeLine } from '../../services/handoff.ts'
import type { DeliveryResult } from '../../services/outbox.ts'
import { excerpt } from '../handoff/texts.ts'

type Failure = { kind: string; reason?: string; afterMs?: number }

/** What the handoff's deliverer lends the desk. */
export interface DeliveryTools {
  group: number
  classifyFailure(err: unknown, toGroup: boolean): Failure
  /** The client's topic, created when there is none (or why it cannot be now). */
  ensureTopic(
    clientId: number,
  ): Promise<{ ok: true; topicId: number; count: number } | { ok: false; result: DeliveryResult }>
  /** What to do after a call into the client's topic failed (`count`: messages it put there before). */
  topicFailure(
    row: OutboxRow,
    topic: { clientId: number; topicId: number; count: number },
    err: unknown,
  ): Promise<DeliveryResult>
  /** What to do after a call to a client failed (reported in the topic). */
  clientFailure(row: OutboxRow, err: unknown, what: { type: string; text: string | null } | undefined): DeliveryResult
  rateResult(afterMs: number): DeliveryResult
  /** The group is not usable: owners are told, everything waits. */
  misconfigured(): Promise<DeliveryResult>
  /** The topic's name without the status mark. */
  topicName(client: ClientRow): string
  report(clientId: number | null, lines: NoticeLine[]): void
}

export interface DeskDelivery {
  handlers: Record<string, (row: OutboxRow) => Promise<DeliveryResult>>
  /** Messages a desk row puts into its chat; undefined for rows of other kinds. */
  weight(row: OutboxRow): number | undefined
  /** A desk row a crash interrupted; undefined for rows of other kinds. */
  interrupted(row: OutboxRow): 'resend' | 'give-up' | undefined
}

const HTML = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } }

function keyboardOf(rows: ButtonSpec[][] | undefined): InlineKeyboard | undefined {
  if (!rows || rows.length === 0) return undefined
  const keyboard = new InlineKeyboard()
  rows.forEach((row, i) => {
    if (i > 0) keyboard.row()
    for (const button of row) {
      if (button.url) keyboard.url(button.text, button.url)
      else keyboard.text(button.text, button.data ?? '')
    }
  })
  return keyboard
}

export function createDeskDelivery(deps: Deps, api: Api, tools: DeliveryTools): DeskDelivery {
  const { services } = deps
  const { group } = tools
  const log = deps.logger.child({ module: 'desk-delivery' })

  /** The calls a status row needs now: a rename, a close or a reopen. */
  function statusCalls(clientId: number): { rename: boolean; openClose: boolean } {
    const want = services.topicStatus.wanted(clientId)
    const had = services.topicStatus.applied(clientId)
    return { rename: want.status !== had?.status, openClose: want.closed !== (had?.closed ?? false) }
  }

  async function topicStatus(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const client = services.handoff.client(clientId)
    // No topic: the next one is created with the wanted mark
    if (!client || client.deletedAt !== null || client.topicId === null) return { status: 'sent', count: 0 }
    const topicId = client.topicId
    const want = services.topicStatus.wanted(clientId)
    const had = services.topicStatus.applied(clientId)
    let state = { status: had?.status ?? want.status, closed: had?.closed ?? false, neutral: had?.neutral }
    let count = 0
    try {
      if (want.status !== had?.status) {
        const name = had?.neutral ? `#${client.id}` : tools.topicName(client)
        count += await applied(api.editForumTopic(group, topicId, { name: topicTitle(want.status, name) }))
        state = { ...state, status: want.status }
        services.topicStatus.markApplied(clientId, state)
      }
      if (want.closed !== state.closed) {
        count += await applied(want.closed ? api.closeForumTopic(group, topicId) : api.reopenForumTopic(group, topicId))
        state = { ...state, closed: want.closed }
        services.topicStatus.markApplied(clientId, state)
      }
      return { status: 'sent', count }
    } catch (err) {
      return tools.topicFailure(row, { clientId, topicId, count }, err)
    }
  }

  /** 1 for a change Telegram made (a service message in the group), 0 when it already was so. */
  async function applied(call: Promise<unknown>): Promise<number> {
    try {
      await call
      return 1
    } catch (err) {
      if (tools.classifyFailure(err, true).kind === 'not-modified') return 0
      throw err
    }
  }

  async function staffPost(row: OutboxRow): Promise<DeliveryResult> {
    const p = row.payload as StaffPostPayload
    const reply_markup = keyboardOf(p.keyboard)
    if (row.clientId !== null) {
      const clientId = row.clientId
      const topic = await tools.ensureTopic(clientId)
      if (!topic.ok) return topic.result
      try {
        const sent = await api.sendMessage(group, p.html, { ...HTML, message_thread_id: topic.topicId, reply_markup })
        return { status: 'sent', messageId: sent.message_id, count: topic.count + 1 }
      } catch (err) {
        return tools.topicFailure(row, { clientId, topicId: topic.topicId, count: topic.count }, err)
      }
    }
    try {
      const sent = await api.sendMessage(group, p.html, {
        ...HTML,
        ...(p.threadId ? { message_thread_id: p.threadId } : {}),
        reply_markup,
      })
      return { status: 'sent', messageId: sent.message_id }
    } catch (err) {
      const failure = tools.classifyFailure(err, true)
      if (failure.kind === 'rate') return tools.rateResult(failure.afterMs ?? 5_000)
      if (failure.kind === 'transient') return { status: 'retry', reason: failure.reason ?? 'network' }
      if (failure.kind === 'misconfig') return tools.misconfigured()
      // The thread was deleted meanwhile: the answer has nowhere to go
      log.warn({ err, threadId: p.threadId }, 'could not answer a staff command')
      return { status: 'failed', reason: failure.reason ?? failure.kind }
    }
  }

  async function savedReply(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as SavedReplyPayload
    const client = services.handoff.client(clientId)
    if (!client || client.deletedAt !== null || client.telegramId !== row.chatId) {
      tools.report(clientId, [{ key: 'handoff-topic-deleted-client' }])
      return { status: 'failed', reason: 'client erased their data' }
    }
    try {
      const sent = await api.sendMessage(row.chatId, p.text, {
        link_preview_options: { is_disabled: true },
        reply_markup: keyboardOf(p.keyboard),
      })
      updateMessage(deps.db, p.rowId, { clientMessageId: sent.message_id })
      // The manager sees exactly what went out
      const buttons = p.keyboard.flat().map((b) => `[${b.text}]`)
      tools.report(clientId, [
        { key: 'desk-reply-sent', args: { name: p.name } },
        { key: 'desk-reply-text', args: { text: p.text } },
        ...(buttons.length > 0 ? [{ key: 'desk-reply-buttons' as const, args: { buttons: buttons.join(' ') } }] : []),
      ])
      return { status: 'sent', messageId: sent.message_id }
    } catch (err) {
      return tools.clientFailure(row, err, { type: 'text', text: p.text })
    }
  }

  const handlers = {
    [TOPIC_STATUS_KIND]: topicStatus,
    [STAFF_POST_KIND]: staffPost,
    [SAVED_REPLY_KIND]: savedReply,
  }

  return {
    handlers,
    weight(row) {
      if (row.method === TOPIC_STATUS_KIND && row.clientId !== null) {
        const calls = statusCalls(row.clientId)
        return Number(calls.rename) + Number(calls.openClose)
      }
      if (row.method === STAFF_POST_KIND) return 1
      if (row.method === SAVED_REPLY_KIND) return 1
      return undefined
    },
    interrupted(row) {
      if (row.method === TOPIC_STATUS_KIND || row.method === STAFF_POST_KIND) return 'resend'
      if (row.method === SAVED_REPLY_KIND) {
        // Towards a client: a person decides, the client never gets a silent duplicate
        const p = row.payload as SavedReplyPayload
        tools.report(row.clientId, [
          { key: 'handoff-topic-uncertain', args: { excerpt: excerpt(deps, { type: 'text', text: p.text }) } },
        ])
        return 'give-up'
      }
      return undefined
    },
  }
}
