/**
 * The desk's outbox rows as Bot API calls: a topic's status mark and its
 * open/closed state, and saved replies to clients. Part of the handoff's
 * deliverer (src/bot/handoff/deliverer.ts), whose topic keeper and failure
 * handling it uses.
 */
import { clientNumber } from '../../format.ts'
import type { SavedReplyPayload } from '../../services/desk/reply-sender.ts'
import { TOPIC_STATUS_KIND, topicTitle } from '../../services/desk/topic-status.ts'
import { OUTBOX_KIND } from '../../services/handoff/index.ts'
import type { DeliveryResult, LanePlace, OutboxRow } from '../../services/outbox.ts'
import { toMarkup } from '../buttons.ts'
import { rowChat } from '../client-chat.ts'
import { clientFailure, type DeliveryContext, groupFailure } from '../handoff/failures.ts'
import { excerpt, sentEcho, staffName } from '../handoff/texts.ts'
import type { TopicKeeper } from '../handoff/topic-keeper.ts'
import { classifyTelegramError } from '../telegram-errors.ts'

const failed = (reason: string): DeliveryResult => ({ status: 'failed', reason })

export function createDeskDelivery(ctx: DeliveryContext, keeper: TopicKeeper) {
  const { deps, api } = ctx
  const { handoff, topicStatus } = deps.services

  /** The calls a status row needs now: a rename, a close or a reopen (each a message in the group). */
  function statusCalls(clientId: number): number {
    const want = topicStatus.wanted(clientId)
    const had = topicStatus.applied(clientId)
    return Number(want.status !== had?.status) + Number(want.closed !== (had?.closed ?? false))
  }

  /** 1 for a change Telegram made, 0 when it already was so (TOPIC_NOT_MODIFIED). */
  async function applied(call: Promise<unknown>): Promise<number> {
    try {
      await call
      return 1
    } catch (err) {
      if (classifyTelegramError(err).kind === 'not-modified') return 0
      throw err
    }
  }

  async function status(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const client = handoff.client(clientId)
    // No topic: the next one is created with the wanted mark
    if (!client || client.deletedAt !== null || client.topicId === null) return { status: 'sent' }
    const topicId = client.topicId
    const want = topicStatus.wanted(clientId)
    const had = topicStatus.applied(clientId)
    let state = { status: had?.status ?? want.status, closed: had?.closed ?? false, neutral: had?.neutral }
    try {
      if (want.status !== had?.status) {
        const name = had?.neutral ? clientNumber(client.id) : keeper.topicName(client)
        await applied(api.editForumTopic(row.chatId, topicId, { name: topicTitle(want.status, name) }))
        state = { ...state, status: want.status }
        topicStatus.markApplied(clientId, state)
      }
      if (want.closed !== state.closed) {
        await applied(
          want.closed ? api.closeForumTopic(row.chatId, topicId) : api.reopenForumTopic(row.chatId, topicId),
        )
        state = { ...state, closed: want.closed }
        topicStatus.markApplied(clientId, state)
      }
      // The request may have changed while Telegram answered (the client wrote again during the
      // rename to ✅): what was wanted then was compared with the title before this row's change
      // and found nothing to do. Compared again now, the next row follows
      topicStatus.sync(clientId)
      return { status: 'sent' }
    } catch (err) {
      return groupFailure(ctx, keeper.repairs, row, topicId, err, failed)
    }
  }

  async function savedReply(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as SavedReplyPayload
    // The bot's chat, or the owner's business chat the client last wrote to
    const chat = rowChat(ctx, row, { type: 'text', text: p.text })
    if (!chat.ok) return chat.result
    try {
      const sent = await api.sendMessage(chat.chatId, p.text, {
        ...chat.extra,
        link_preview_options: { is_disabled: true },
        reply_markup: toMarkup(p.buttons),
      })
      handoff.transcript.linkCopy(p.rowId, { clientMessageId: sent.message_id, businessConnectionId: chat.business })
      const by = handoff.transcript.message(p.rowId)?.senderId
      // The manager sees what went out, and who sent it (a colleague's reply read as the lead's
      // own) — and takes it back with /unsend under it
      const staff = staffName(deps, by) ?? deps.i18n.t(deps.config.DEFAULT_LOCALE, 'staff-former')
      ctx.report(
        clientId,
        sentEcho(
          deps,
          { key: 'desk-reply-sent', args: { name: p.name, staff } },
          p.text,
          p.buttons,
          p.buttonNotes ?? p.pays ?? [],
        ),
        { sent: p.rowId },
      )
      // It reached the client: now it answers their request
      return handoff.answeredOnDelivery(row, { status: 'sent', messageId: sent.message_id }, by)
    } catch (err) {
      return clientFailure(ctx, row, err, { type: 'text', text: p.text })
    }
  }

  return {
    handlers: { [TOPIC_STATUS_KIND]: status, [OUTBOX_KIND.savedReply]: savedReply },

    /** Messages a desk row puts into its chat; undefined for other kinds. */
    weight(row: OutboxRow): number | undefined {
      if (row.method === TOPIC_STATUS_KIND && row.clientId !== null) return statusCalls(row.clientId)
      return undefined
    },

    /** A desk row's priority (see OutboxDeliverer); undefined for other kinds. */
    priority(row: OutboxRow): number | undefined {
      // A topic an earlier version closed, reopened at start-up: only while the group is quiet
      if (row.method === TOPIC_STATUS_KIND) return (row.payload as { quiet?: boolean }).quiet ? -1 : 0
      return undefined
    },

    /** A desk row's place in its lane (see LanePlace); undefined for other kinds. */
    place(row: OutboxRow): LanePlace | undefined {
      // The topic's title and open/closed state: its service message says what it changed to,
      // wherever it comes among the topic's messages. A topic it would reopen takes the answer
      // all the same (the bot manages topics: a closed one does not refuse it)
      if (row.method === TOPIC_STATUS_KIND) return 'upkeep'
      // A saved reply is a message to the client, read in turn
      if (row.method === OUTBOX_KIND.savedReply) return 'kept'
      return undefined
    },

    /** A desk row a crash interrupted; undefined for other kinds. */
    interrupted(row: OutboxRow): 'resend' | 'give-up' | undefined {
      if (row.method === TOPIC_STATUS_KIND) return 'resend'
      if (row.method !== OUTBOX_KIND.savedReply) return undefined
      // Towards a client: a person decides, the client never gets a silent duplicate
      const { text } = row.payload as SavedReplyPayload
      ctx.report(row.clientId, [
        { key: 'handoff-topic-uncertain', args: { excerpt: excerpt(deps, { type: 'text', text }) } },
      ])
      return 'give-up'
    },
  }
}
