/**
 * The relay's rows as Bot API calls: a client's messages into their topic (a
 * copy each, an album as one; plain texts queued together go as one message,
 * each part marked with its time, within Telegram's 4,096 characters — or in
 * the caption of a photo or file queued before them, within 1,024), a
 * manager's messages to the client, and edits both ways (an edit of one part
 * of such a message updates that message).
 */
import type { InputMediaAudio, InputMediaDocument, InputMediaPhoto, InputMediaVideo } from 'grammy/types'
import { findMessage, findMessages, listByTopicMessageId } from '../../../db/repositories/messages.ts'
import type { OutboxRow } from '../../../db/repositories/outbox.ts'
import type { MessageRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { type EditPayload, OUTBOX_KIND, type RelayPayload } from '../../services/handoff/index.ts'
import { type DeliveryResult, INTERRUPTED } from '../../services/outbox.ts'
import { escapeHtml } from '../html.ts'
import { clientFailure, type DeliveryContext, groupFailure } from './failures.ts'
import { excerpt, formatWhen } from './texts.ts'
import { HTML, type TopicKeeper } from './topic-keeper.ts'

/** Telegram's limits for a message's text and for a caption. */
const TEXT_MAX = 4096
const CAPTION_MAX = 1024
/** Messages whose copy can carry the texts queued after them in its caption. */
const CAPTIONED = new Set(['photo', 'video', 'document', 'audio', 'animation', 'voice'])
/** Texts sent as one message at most (a long queue goes in several). */
const TEXTS_MAX = 50

/** "10:42" (the day too when not today), the mark of each part of a combined message. */
function partMark(deps: Deps, row: MessageRow): string {
  const { timezone } = deps.content.get().business
  return `🕐 ${formatWhen(row.createdAt, timezone, deps.config.DEFAULT_LOCALE, deps.clock.now())}`
}

/**
 * Several messages of a client as one message for the topic (HTML), each part marked
 * with its time: plain texts, or a photo's (file's…) caption and the texts after it.
 */
export function renderTexts(deps: Deps, rows: MessageRow[]): string {
  return rows
    .map((r) => `<i>${escapeHtml(partMark(deps, r))}${r.editedAt ? ' ✏️' : ''}</i>\n${escapeHtml(r.text ?? '')}`)
    .join('\n\n')
}

/** Its length as Telegram counts it (the marks and text, not the HTML around them). */
function partLength(deps: Deps, row: MessageRow): number {
  return partMark(deps, row).length + 3 + 1 + (row.text?.length ?? 0) + 2
}

function replyParameters(messageId: number | null | undefined) {
  return messageId ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {}
}

const interrupted = (row: OutboxRow) => row.lastError?.startsWith(INTERRUPTED) === true

export function createRelayDelivery(ctx: DeliveryContext, keeper: TopicKeeper) {
  const { deps, api, t, report } = ctx
  const { db } = deps
  const { transcript } = deps.services.handoff

  /** An album as InputMedia from stored file ids (to send it as a reply, which copyMessages cannot). */
  function albumMedia(rows: MessageRow[]) {
    const media: (InputMediaPhoto | InputMediaVideo | InputMediaDocument | InputMediaAudio)[] = []
    for (const row of rows) {
      if (!row.fileId || !['photo', 'video', 'document', 'audio'].includes(row.type)) return undefined
      media.push({ type: row.type as 'photo', media: row.fileId, ...(row.text ? { caption: row.text } : {}) })
    }
    return media
  }

  /**
   * Copies one message or an album; returns the new ids in order (an album may
   * come back shorter when some part was deleted meanwhile).
   */
  async function copy(
    to: number,
    p: RelayPayload,
    replyTo: number | null | undefined,
    extra: { message_thread_id?: number },
  ): Promise<number[]> {
    if (p.messageIds.length === 1) {
      const res = await api.copyMessage(to, p.fromChatId, p.messageIds[0] as number, {
        ...extra,
        ...replyParameters(replyTo),
      })
      return [res.message_id]
    }
    const media = replyTo ? albumMedia(findMessages(db, p.rowIds)) : undefined
    if (media && media.length === p.messageIds.length) {
      // Telegram checks that an album mixes only photos and videos, or is all documents or all audio
      const sent = await api.sendMediaGroup(to, media as InputMediaPhoto[], { ...extra, ...replyParameters(replyTo) })
      return sent.map((m) => m.message_id)
    }
    const res = await api.copyMessages(to, p.fromChatId, p.messageIds, extra)
    return res.map((m) => m.message_id)
  }

  /** Links each copy to its transcript row; an album that came back short is reported in the topic. */
  function copied(
    clientId: number,
    p: RelayPayload,
    ids: number[],
    side: 'topicMessageId' | 'clientMessageId',
  ): DeliveryResult {
    ids.forEach((id, i) => {
      const rowId = p.rowIds[i]
      if (rowId !== undefined)
        transcript.linkCopy(rowId, side === 'topicMessageId' ? { topicMessageId: id } : { clientMessageId: id })
    })
    if (ids.length < p.messageIds.length) {
      report(clientId, [{ key: 'handoff-topic-album-partial', args: { sent: ids.length, total: p.messageIds.length } }])
    }
    return { status: 'sent', messageId: ids[0] ?? null }
  }

  /**
   * The plain texts queued right after this message, as many as fit with it into one
   * message (or into its copy's caption); none when it goes as it is.
   */
  function textsAfter(row: OutboxRow, first: MessageRow | undefined, replyTo: number | null | undefined): MessageRow[] {
    const p = row.payload as RelayPayload
    if (!first || interrupted(row) || replyTo || p.messageIds.length !== 1) return []
    const max = p.plain ? TEXT_MAX : CAPTIONED.has(first.type) ? CAPTION_MAX : 0
    let length = partLength(deps, first)
    const taken = deps.services.outbox.takeFollowing(row, TEXTS_MAX, (next) => {
      const q = next.payload as RelayPayload
      if (next.method !== OUTBOX_KIND.relayIn || !q.plain || interrupted(next)) return false
      const message = findMessage(db, q.rowIds[0] ?? 0)
      if (!message) return false
      length += partLength(deps, message)
      return length <= max
    })
    return findMessages(
      db,
      taken.flatMap((r) => (r.payload as RelayPayload).rowIds),
    )
  }

  async function edit(chatId: number, messageId: number, p: EditPayload, toGroup: boolean): Promise<void> {
    // Entities came from Telegram with the edit; the copy had the same ones
    const entities = p.entities as never
    if (p.caption) {
      await api.editMessageCaption(chatId, messageId, {
        caption: p.text,
        ...(entities ? { caption_entities: entities } : {}),
      })
    } else {
      await api.editMessageText(chatId, messageId, p.text, {
        ...(entities ? { entities } : {}),
        ...(toGroup ? { link_preview_options: { is_disabled: true } } : {}),
      })
    }
  }

  return {
    async relayIn(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const group = row.chatId
      const p = row.payload as RelayPayload
      const topic = await keeper.ensure(group, clientId)
      if (!topic.ok) return topic.result
      const thread = { message_thread_id: topic.topicId }
      const first = findMessage(db, p.rowIds[0] ?? 0)
      const replyTo = p.replyToRowId ? findMessage(db, p.replyToRowId)?.topicMessageId : undefined
      try {
        if (interrupted(row)) await api.sendMessage(group, t('handoff-topic-resumed'), thread)
        const more = textsAfter(row, first, replyTo)
        if (first && more.length > 0) {
          const parts = [first, ...more]
          const text = renderTexts(deps, parts)
          const sent =
            first.type === 'text'
              ? await api.sendMessage(group, text, { ...HTML, ...thread })
              : await api.copyMessage(group, p.fromChatId, p.messageIds[0] as number, {
                  ...thread,
                  caption: text,
                  parse_mode: 'HTML',
                })
          for (const part of parts) transcript.linkCopy(part.id, { topicMessageId: sent.message_id })
          return { status: 'sent', messageId: sent.message_id }
        }
        return copied(clientId, p, await copy(group, p, replyTo, thread), 'topicMessageId')
      } catch (err) {
        return groupFailure(ctx, keeper.repairs, row, topic.topicId, err, (reason) => {
          report(clientId, [{ key: 'handoff-topic-copy-failed', args: { reason, excerpt: excerpt(deps, first) } }])
          return { status: 'failed', reason }
        })
      }
    },

    async relayOut(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const p = row.payload as RelayPayload
      const first = findMessage(db, p.rowIds[0] ?? 0)
      const client = deps.services.handoff.client(clientId)
      if (!client || client.deletedAt !== null || client.telegramId !== row.chatId) {
        report(clientId, [{ key: 'handoff-topic-deleted-client' }])
        return { status: 'failed', reason: 'client erased their data' }
      }
      const replyTo = p.replyToRowId ? findMessage(db, p.replyToRowId)?.clientMessageId : undefined
      try {
        return copied(clientId, p, await copy(row.chatId, p, replyTo, {}), 'clientMessageId')
      } catch (err) {
        return clientFailure(ctx, row, err, first)
      }
    },

    async editIn(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const p = row.payload as EditPayload
      const target = findMessage(db, p.rowId)
      if (!target?.topicMessageId) return { status: 'sent' }
      const client = deps.services.handoff.client(clientId)
      // Sent as part of one message with other texts: that message shows the new text in its place
      const parts = listByTopicMessageId(db, clientId, target.topicMessageId)
      try {
        if (parts.length > 1 && parts[0]?.type === 'text') {
          await api.editMessageText(row.chatId, target.topicMessageId, renderTexts(deps, parts), HTML)
        } else if (parts.length > 1) {
          await api.editMessageCaption(row.chatId, target.topicMessageId, {
            caption: renderTexts(deps, parts),
            parse_mode: 'HTML',
          })
        } else {
          await edit(row.chatId, target.topicMessageId, p, true)
        }
        return { status: 'sent' }
      } catch (err) {
        return groupFailure(ctx, keeper.repairs, row, client?.topicId ?? 0, err, (reason) => {
          // The copy cannot change: show the new text instead, so the manager reads what the client meant
          report(clientId, [
            {
              key: 'handoff-topic-client-edited',
              args: { text: excerpt(deps, { type: 'text', text: p.text }, 1000), reason },
            },
          ])
          return { status: 'failed', reason }
        })
      }
    },

    async editOut(row: OutboxRow): Promise<DeliveryResult> {
      const p = row.payload as EditPayload
      const target = findMessage(db, p.rowId)
      if (!target?.clientMessageId) return { status: 'sent' }
      try {
        await edit(row.chatId, target.clientMessageId, p, false)
        return { status: 'sent' }
      } catch (err) {
        return clientFailure(ctx, row, err, target)
      }
    },
  }
}
