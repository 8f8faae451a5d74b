/**
 * The transcript: what the client sent ('in'), what staff sent them ('out': from
 * the topic, or typed by the owner in their own Business chat), what the bot said
 * ('bot') and internal notes ('note') — for every client, handoff or not, so a
 * manager who takes over sees the whole conversation. A message in the client's
 * chat is known by its id there and the chat (the bot's, or an owner's account's:
 * see `ClientChatRef`). It also remembers how far the transcript has been posted
 * into the topic.
 */
import type { Db } from '../../../db/client.ts'
import { findClientTopic, updateClientTopic } from '../../../db/repositories/client-topics.ts'
import {
  anyMessageBelow,
  type ClientChatRef,
  clientSaidMoreThan,
  countIncomingAfter,
  editBotMessage,
  findBotLine,
  findByClientMessageId,
  findByTopicMessageId,
  findMessage,
  findMessages,
  forgetTopicMessageIds,
  insertMessage,
  insertMessageOnce,
  lastMessageId,
  lastMessageToClient,
  listByClientMessageIds,
  listByTopicMessageId,
  listTopicNotes,
  listTranscript,
  teamInTopicAfter,
  updateMessage,
} from '../../../db/repositories/messages.ts'
import type { MessageRow, TopicNote } from '../../../db/schema.ts'
import type { Clock } from '../../clock.ts'
import type { MessageEntry } from './model.ts'

export type Transcript = ReturnType<typeof createTranscript>

/**
 * The bot's "use the buttons" a question may lie under (`openQuestion`'s `nudge`) at most: a
 * second misread word gets none (the offer of a manager stands), so more are a conversation of
 * their own.
 */
const NUDGES_OVER_A_QUESTION = 2

export function createTranscript({ db, clock }: { db: Db; clock: Clock }) {
  /** Whether `last` (the last message to a client) is the bot's in `chat`, within `withinMs` of now. */
  function saidLately(
    last: Pick<MessageRow, 'direction' | 'businessConnectionId' | 'createdAt' | 'editedAt'> | undefined,
    chat: ClientChatRef,
    withinMs: number,
  ): boolean {
    return (
      last?.direction === 'bot' &&
      last.businessConnectionId === chat &&
      (last.editedAt ?? last.createdAt) >= clock.now() - withinMs
    )
  }

  /** What a row says of the message itself, stored now. */
  function content(entry: MessageEntry) {
    return {
      type: entry.type,
      text: entry.text,
      fileId: entry.fileId,
      mediaGroupId: entry.mediaGroupId ?? null,
      entities: entry.entities?.length ? entry.entities : null,
      createdAt: clock.now(),
    }
  }

  /**
   * A row for no message of the client's chat (a pressed button, a topic message, a note); a
   * button keeps the chat it was pressed in (`chat`).
   */
  function insert(
    clientId: number,
    entry: MessageEntry,
    side:
      | { direction: 'in' }
      | { direction: 'bot'; senderId: number | null }
      | { direction: 'out' | 'note'; senderId: number; topicMessageId: number | null },
    chat: ClientChatRef = null,
  ): MessageRow {
    return insertMessage(db, {
      clientId,
      direction: side.direction,
      senderId: 'senderId' in side ? side.senderId : null,
      clientMessageId: null,
      businessConnectionId: chat,
      topicMessageId: 'topicMessageId' in side ? side.topicMessageId : null,
      ...content(entry),
    })
  }

  /** A message of the client's chat, unless its row is there already (then undefined). */
  function insertOnce(
    clientId: number,
    entry: MessageEntry,
    side: { direction: 'in' | 'out' | 'bot'; senderId: number | null },
    clientMessageId: number,
    chat: ClientChatRef,
  ): MessageRow | undefined {
    return insertMessageOnce(db, { clientId, ...side, clientMessageId, chat, ...content(entry) })
  }

  /** Stores a message of the client's chat; a re-delivered one is found as the row already there. */
  function recordOnce(
    clientId: number,
    entry: MessageEntry,
    side: { direction: 'in' | 'out'; senderId: number | null },
    clientMessageId: number,
    chat: ClientChatRef,
  ): { row: MessageRow; duplicate: boolean } {
    const row = insertOnce(clientId, entry, side, clientMessageId, chat)
    if (row) return { row, duplicate: false }
    return { row: findByClientMessageId(db, clientId, chat, clientMessageId) as MessageRow, duplicate: true }
  }

  return {
    /**
     * Whether there is a conversation to pass on besides the message that opens the request:
     * anything the client said or chose before it, /start aside (the bot's greeting to it is none
     * of theirs). None for a first message, one after only /start, or the first after they erased
     * their data (/forget). `recorded`: that message is in the transcript already (one with
     * words of a complaint opens the request before it is stored).
     */
    hasHistory(clientId: number, { recorded = true }: { recorded?: boolean } = {}): boolean {
      return clientSaidMoreThan(db, clientId, recorded ? 1 : 0)
    },

    /** Stores what the client sent in `chat`; a re-delivered update is recognised (`duplicate`). */
    recordIncoming(
      clientId: number,
      entry: MessageEntry,
      clientMessageId: number,
      chat: ClientChatRef = null,
    ): { row: MessageRow; duplicate: boolean } {
      return recordOnce(clientId, entry, { direction: 'in', senderId: null }, clientMessageId, chat)
    },

    /**
     * Stores what the owner typed to the client in their own Business chat (`connectionId`):
     * a staff answer that starts in the client's chat. A re-delivered update is recognised.
     */
    recordOwner(
      clientId: number,
      ownerId: number,
      entry: MessageEntry,
      clientMessageId: number,
      connectionId: string,
    ): { row: MessageRow; duplicate: boolean } {
      return recordOnce(clientId, entry, { direction: 'out', senderId: ownerId }, clientMessageId, connectionId)
    },

    /**
     * Stores a button the client pressed (its label) in `chat`, so the transcript shows their
     * choices — and where they were (the bot's chat or the owner's account: see
     * services/business.ts, `movedFromBot`).
     */
    recordButton(clientId: number, label: string, chat: ClientChatRef = null): void {
      insert(clientId, { type: 'button', text: label, fileId: null }, { direction: 'in' }, chat)
    },

    /**
     * Stores what the bot sent the client in `chat` (captured at the API client, see
     * src/bot/handoff/recorder.ts); its row, or undefined when it was there already. `by`: the
     * team member whose command sent it (an /offer, an invoice, a call booked): the bot's words
     * all the same, not theirs, and no answer /unsend takes back.
     */
    recordBot(
      clientId: number,
      entry: MessageEntry,
      clientMessageId: number | null,
      chat: ClientChatRef = null,
      by: number | null = null,
    ): MessageRow | undefined {
      if (clientMessageId === null) return insert(clientId, entry, { direction: 'bot', senderId: by })
      // Already there (a staff answer recorded as itself, a call sent again): nothing to add
      return insertOnce(clientId, entry, { direction: 'bot', senderId: by }, clientMessageId, chat)
    },

    /** An edit of a bot message in the client's chat: the transcript keeps the latest text. */
    recordBotEdit(clientId: number, chat: ClientChatRef, clientMessageId: number, text: string): void {
      editBotMessage(db, clientId, chat, clientMessageId, text, clock.now())
    },

    /**
     * Stores a staff member's message written in the client's topic (`note`: a part of an album
     * captioned "// …"); a re-delivered update is recognised.
     */
    recordOutgoing(
      clientId: number,
      staffId: number,
      entry: MessageEntry,
      topicMessageId: number,
      direction: 'out' | 'note' = 'out',
    ): { row: MessageRow; duplicate: boolean } {
      const existing = findByTopicMessageId(db, clientId, topicMessageId)
      return existing
        ? { row: existing, duplicate: true }
        : { row: insert(clientId, entry, { direction, senderId: staffId, topicMessageId }), duplicate: false }
    },

    /** Staff messages that turned out to be parts of a note (an album captioned "// …"): they stay in the topic. */
    markNotes(rows: readonly MessageRow[]): void {
      for (const row of rows) if (row.direction === 'out') updateMessage(db, row.id, { direction: 'note' })
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

    /** The message now has a copy in the client's topic, or in their chat (the bot's, or a business chat). */
    linkCopy(
      rowId: number,
      side: { topicMessageId: number } | { clientMessageId: number; businessConnectionId: ClientChatRef },
    ): void {
      updateMessage(db, rowId, side)
    },

    /** Messages deleted in a business chat: marked so (the transcript keeps what was said); returns them. */
    deletedInChat(clientId: number, connectionId: string, clientMessageIds: readonly number[]): MessageRow[] {
      const rows = listByClientMessageIds(db, clientId, connectionId, clientMessageIds).filter(
        (r) => r.deletedAt === null,
      )
      for (const row of rows) updateMessage(db, row.id, { deletedAt: clock.now() })
      return rows
    },

    /** Staff answers whose copies were deleted in the client's chat (/unsend): kept for the team, marked so. */
    markDeleted(rowIds: readonly number[]): void {
      for (const id of rowIds) updateMessage(db, id, { deletedAt: clock.now() })
    },

    /** A new text of a message, from an edit, with its formatting (a message sent again by content shows it). */
    edited(rowId: number, text: string, entities?: unknown[] | null): void {
      updateMessage(db, rowId, { text, entities: entities?.length ? entities : null, editedAt: clock.now() })
    },

    /** Reading the transcript (the deliverer renders and relays these rows). */
    message: (id: number): MessageRow | undefined => findMessage(db, id),
    /**
     * Whether the bot itself sent this message of the client's chat with the bot (what a reply
     * answers): not a manager's answer it carried, nor one from before the client erased their
     * data, which their transcript no longer has. With `text`, one that says it: a message the bot
     * sent into the owner's own chat with the client (Telegram Business) is numbered apart, and
     * its number may be another message's in the bot's chat.
     */
    sentByBot(clientId: number, clientMessageId: number, text?: string): boolean {
      const row = findByClientMessageId(db, clientId, null, clientMessageId)
      return row?.direction === 'bot' && (text === undefined || row.text === text)
    },
    /** When the team last wrote in the client's topic after `after` (above message `below`: `teamInTopicAfter`). */
    teamInTopicAfter: (clientId: number, after: number, below?: number): number | undefined =>
      teamInTopicAfter(db, clientId, after, below),
    /**
     * When the bot's message `clientMessageId` in the client's chat `chat` came to say what it
     * says now: sent, edited into it (a question put in place of the one answered), or last
     * edited — the time `openQuestion` reads a question by. Undefined for a message that is not
     * the bot's, or is no longer kept (the client erased their data).
     */
    botSaidAt(clientId: number, chat: ClientChatRef, clientMessageId: number): number | undefined {
      const line = findBotLine(db, clientId, chat, clientMessageId)
      return line && (line.editedAt ?? line.createdAt)
    },
    /**
     * Whether a person wrote to the client last (a manager's answer, the owner from their own
     * account), not the bot: the team is talking with them, and what they type next is most
     * likely for it, not for a question of the bot's above.
     */
    personWroteLast: (clientId: number): boolean => lastMessageToClient(db, clientId)?.direction === 'out',
    /**
     * Whether the last thing the client was told is the bot's, in `chat`, within `withinMs`: what
     * `openQuestion` needs before anything else, from memory. A reader whose words take long to read
     * (a day or a time typed) asks it first, and most texts — a manager's answer above them, or
     * the bot's word a day old — are read no further.
     */
    botSaidLast: (clientId: number, chat: ClientChatRef, withinMs: number): boolean =>
      saidLately(lastMessageToClient(db, clientId), chat, withinMs),
    /**
     * The question the bot asked last, when it is still the last thing the client was told — by
     * the bot, in `chat` (the one the answer was typed in: the bot's own, null, or the owner's
     * account's), within `withinMs` of its last edit (nobody wrote to them since): what a typed
     * yes, no or score answers, with when it was sent (`at`). Undefined otherwise. With
     * `nothingSince`, only while the client wrote nothing after it but the message answering it
     * (already in the transcript when features run): a "да" a day after "Отменить звонок?", with
     * "а можно в среду?" to the manager between, answers the manager, not the question. With
     * `peopleSince`, the bot's last question though a person (a manager) wrote to the client after
     * it: for words only that question is about ("ладно удаляйте" under /forget's). `nudge`: the bot's words that only asked for the buttons (its "I'm a bot and understand buttons best"
     * to words it misread): the question below them is still open, and what the client wrote
     * between — the words misread — changes no subject ("не не оставьте" misread, then "нет"), as
     * long as the client wrote only the answer after the last of them (and, with `nothingSince`,
     * one message before each). `nudged` says one was skipped: what came between may have been
     * "wait, I'll check", so a bare "ага" after it is no answer to a question that acts.
     */
    openQuestion(
      clientId: number,
      chat: string | null,
      withinMs: number,
      {
        nothingSince = false,
        peopleSince = false,
        nudge,
      }: { nothingSince?: boolean; peopleSince?: boolean; nudge?: (text: string) => boolean } = {},
    ): { text: string; clientMessageId: number | null; at: number; nudged: boolean } | undefined {
      let last = lastMessageToClient(db, clientId, { byBot: peopleSince })
      // The question is at most as recent as the last thing said, the bot's in that chat: anything
      // else is answered before reading the words of a "use the buttons" (a translation each)
      if (!saidLately(last, chat, withinMs)) return undefined
      // The newest "use the buttons" skipped, and how many
      let nudgedAt: number | undefined
      let nudges = 0
      for (; nudge !== undefined && nudges < NUDGES_OVER_A_QUESTION; nudges++) {
        if (last?.direction !== 'bot' || last.businessConnectionId !== chat || !nudge(last.text ?? '')) break
        nudgedAt ??= last.id
        last = lastMessageToClient(db, clientId, { byBot: peopleSince, beforeId: last.id })
      }
      if (last?.direction !== 'bot' || last.businessConnectionId !== chat || last.text === null) return undefined
      if ((last.editedAt ?? last.createdAt) < clock.now() - withinMs) return undefined
      // The answer alone after the last nudge, and one misread message before each nudge: more
      // is a conversation of its own ("подождите, уточню", the nudge, "ок, сейчас", "да")
      if (nothingSince && countIncomingAfter(db, clientId, last.id) > nudges + 1) return undefined
      if (nothingSince && nudgedAt !== undefined && countIncomingAfter(db, clientId, nudgedAt) > 1) return undefined
      return {
        text: last.text,
        clientMessageId: last.clientMessageId,
        at: last.createdAt,
        nudged: nudgedAt !== undefined,
      }
    },
    /**
     * Whether message `clientMessageId` of the client's chat `chat` is still the last one there,
     * where the client reads on: nothing was said below it since, by anyone.
     */
    lastInChat: (clientId: number, chat: ClientChatRef, clientMessageId: number): boolean =>
      !anyMessageBelow(db, clientId, chat, clientMessageId),
    messages: (ids: readonly number[]): MessageRow[] => findMessages(db, ids),
    /** The parts (an album's photos) of one message in the client's topic. */
    byTopicMessage: (clientId: number, topicMessageId: number): MessageRow[] =>
      listByTopicMessageId(db, clientId, topicMessageId),
    /** The client's transcript after `afterId` (up to `toId`), oldest first. */
    list: (clientId: number, range: { afterId: number; toId?: number }): MessageRow[] =>
      listTranscript(db, clientId, range),
    lastId: (clientId: number): number => lastMessageId(db, clientId),

    /** How far the transcript has been posted into the topic (0: nothing yet, or the topic was lost). */
    postedUpTo: (clientId: number): number => findClientTopic(db, clientId)?.transcriptPostedTo ?? 0,
    markPosted(clientId: number, toId: number): void {
      updateClientTopic(db, clientId, { transcriptPostedTo: toId }, clock.now())
    },
    /**
     * The client moved to another staff group, which numbers its messages on its own: the
     * ids in the old one no longer lead to their rows (a manager's message in the new topic
     * would be taken for one of them). Returns the managers' notes that were in the old group
     * (in the topic left, or in one of theirs deleted there before: ids Telegram never gives
     * again), for /forget to find there: the notes never went through the outbox, which keeps
     * the rest.
     */
    leftGroup(clientId: number): TopicNote[] {
      const notes = listTopicNotes(db, clientId)
      forgetTopicMessageIds(db, clientId)
      return notes
    },
    /** The topic was lost: the next transcript covers everything, so the manager sees the whole story. */
    resetPosted(clientId: number): void {
      updateClientTopic(db, clientId, { transcriptPostedTo: 0 }, clock.now())
    },
  }
}
