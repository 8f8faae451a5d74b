/**
 * The transcript: what the client sent ('in'), what staff sent them ('out'),
 * what the bot said ('bot') and internal notes ('note') — for every client,
 * handoff or not, so a manager who takes over sees the whole conversation.
 * It also remembers how far the transcript has been posted into the topic.
 */
import type { Db } from '../../../db/client.ts'
import {
  findByClientMessageId,
  findByTopicMessageId,
  insertMessage,
  updateMessage,
} from '../../../db/repositories/messages.ts'
import type { MessageRow } from '../../../db/schema.ts'
import { KvStorage } from '../../../db/storage.ts'
import type { Clock } from '../../clock.ts'
import type { MessageEntry } from './model.ts'

export type Transcript = ReturnType<typeof createTranscript>

export function createTranscript({ db, clock }: { db: Db; clock: Clock }) {
  /** How far the transcript was posted into the topic, per client. */
  const mark = new KvStorage<{ toId: number }>(db, 'handoff:transcript:', clock.now)

  function insert(
    clientId: number,
    entry: MessageEntry,
    side:
      | { direction: 'in'; clientMessageId: number | null }
      | { direction: 'out'; senderId: number; topicMessageId: number | null }
      | { direction: 'bot'; clientMessageId: number | null }
      | { direction: 'note'; senderId: number; topicMessageId: number | null },
  ): MessageRow {
    return insertMessage(db, {
      clientId,
      direction: side.direction,
      senderId: 'senderId' in side ? side.senderId : null,
      type: entry.type,
      text: entry.text,
      fileId: entry.fileId,
      clientMessageId: 'clientMessageId' in side ? side.clientMessageId : null,
      topicMessageId: 'topicMessageId' in side ? side.topicMessageId : null,
      mediaGroupId: entry.mediaGroupId ?? null,
      createdAt: clock.now(),
    })
  }

  return {
    /** Stores what the client sent; a re-delivered update is recognised (`duplicate`). */
    recordIncoming(
      clientId: number,
      entry: MessageEntry,
      clientMessageId: number,
    ): { row: MessageRow; duplicate: boolean } {
      const existing = findByClientMessageId(db, clientId, clientMessageId)
      return existing
        ? { row: existing, duplicate: true }
        : { row: insert(clientId, entry, { direction: 'in', clientMessageId }), duplicate: false }
    },

    /** Stores a button the client pressed (its label), so the transcript shows their choices. */
    recordButton(clientId: number, label: string): void {
      insert(clientId, { type: 'button', text: label, fileId: null }, { direction: 'in', clientMessageId: null })
    },

    /** Stores what the bot sent the client (captured at the API client, see src/bot/handoff/recorder.ts). */
    recordBot(clientId: number, entry: MessageEntry, clientMessageId: number | null): void {
      if (clientMessageId !== null && findByClientMessageId(db, clientId, clientMessageId)) return
      insert(clientId, entry, { direction: 'bot', clientMessageId })
    },

    /** An edit of a bot message in the client's chat: the transcript keeps the latest text. */
    recordBotEdit(clientId: number, clientMessageId: number, text: string): void {
      const row = findByClientMessageId(db, clientId, clientMessageId)
      if (row?.direction === 'bot') updateMessage(db, row.id, { text, editedAt: clock.now() })
    },

    /** Stores a staff member's message written in the client's topic; a re-delivered update is recognised. */
    recordOutgoing(
      clientId: number,
      staffId: number,
      entry: MessageEntry,
      topicMessageId: number,
    ): { row: MessageRow; duplicate: boolean } {
      const existing = findByTopicMessageId(db, clientId, topicMessageId)
      return existing
        ? { row: existing, duplicate: true }
        : { row: insert(clientId, entry, { direction: 'out', senderId: staffId, topicMessageId }), duplicate: false }
    },

    /** A text staff send the client from the bot, not typed in the topic (a saved reply). */
    recordStaffText(clientId: number, staffId: number, text: string): MessageRow {
      return insert(
        clientId,
        { type: 'text', text, fileId: null },
        { direction: 'out', senderId: staffId, topicMessageId: null },
      )
    },

    /** An internal note: stays in the topic (shown on the card). */
    recordNote(clientId: number, staffId: number, text: string, topicMessageId: number | null): MessageRow {
      return insert(
        clientId,
        { type: 'text', text, fileId: null },
        { direction: 'note', senderId: staffId, topicMessageId },
      )
    },

    /** The message now has a copy in the client's topic (or in their chat). */
    linkCopy(rowId: number, side: { topicMessageId: number } | { clientMessageId: number }): void {
      updateMessage(db, rowId, side)
    },

    /** A new text of a message, from an edit. */
    edited(rowId: number, text: string): void {
      updateMessage(db, rowId, { text, editedAt: clock.now() })
    },

    /** How far the transcript has been posted into the topic (0: nothing yet, or the topic was lost). */
    postedUpTo: (clientId: number): number => mark.read(String(clientId))?.toId ?? 0,
    markPosted(clientId: number, toId: number): void {
      mark.write(String(clientId), { toId })
    },
    /** The topic was lost: the next transcript covers everything, so the manager sees the whole story. */
    resetPosted(clientId: number): void {
      mark.delete(String(clientId))
    },
  }
}
