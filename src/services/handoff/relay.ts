/**
 * The relay between a client's chat and their topic: which message goes where,
 * as which outbox row, and which message a reply or an edit refers to on the
 * other side. An album's parts arrive as separate updates and are merged into
 * one row; a plain text is marked so that several queued ones can go to the
 * topic as one message. A client who writes to the owner's own account
 * (Telegram Business) is relayed the same way, with what the owner types there
 * and what is deleted there shown in the topic too.
 */
import type { Db } from '../../../db/client.ts'
import { findClientById } from '../../../db/repositories/clients.ts'
import { findActiveHandoff, setHandoffDetail } from '../../../db/repositories/handoffs.ts'
import { invoiceSummaryAt } from '../../../db/repositories/invoice-summaries.ts'
import {
  albumIsNote,
  type ClientChatRef,
  findByClientMessageId,
  findByTopicMessageId,
  findMessage,
  listByTopicMessageId,
  listStaffAlbum,
} from '../../../db/repositories/messages.ts'
import {
  type OutboxRow,
  outboxQueueOf,
  outboxQueuesMessage,
  sentPostAt,
  transcriptWaitsFor,
  updateOutboxPayload,
} from '../../../db/repositories/outbox.ts'
import type { MessageRow } from '../../../db/schema.ts'
import type { Clock } from '../../clock.ts'
import { clip } from '../../text.ts'
import type { Outbox } from '../outbox.ts'
import type { StaffGroups } from '../staff-groups.ts'
import {
  ALBUM_WAIT_MS,
  type EditPayload,
  OUTBOX_KIND,
  questionQuote,
  type RelayPayload,
  type StaffPostPayload,
  type UnsendPayload,
} from './model.ts'
import type { StaffRoute } from './staff-route.ts'
import type { Transcript } from './transcript.ts'

export type Relay = ReturnType<typeof createRelay>

/**
 * What /unsend found in the message it replies to (`row`: its transcript row, when it has one).
 * 'queued': a staff answer the client got, or is about to get — typed in the topic, or a saved
 * reply (replied to the post that shows it went out) — its deletion is on its way. Else why not:
 * the client's own message, a note, what the bot itself told the client ('bot'), the bot's message
 * sent on a team member's command ('command': an /offer, a call booked or moved — the bot's words,
 * whose subject stays when the words go), an invoice's summary ('invoice', of the order `orderId`:
 * an unpaid invoice is undone by its cancel, a paid one by a refund), what the owner typed in their own Business chat (the topic shows it by the
 * bot), a colleague's answer (its author's or an owner's to take back), one deleted at the client
 * already, or one that never reached them; 'none': a post for the team alone, or nothing known.
 */
export type Unsending =
  | {
      status: 'queued' | 'client' | 'note' | 'bot' | 'command' | 'owner-own' | 'deleted' | 'undelivered'
      row: MessageRow
    }
  | { status: 'not-theirs'; row: MessageRow & { senderId: number } }
  | { status: 'invoice'; orderId: number }
  | { status: 'none' }

/** How much of a message's old and new words a notice of its edit quotes: enough to find it, and to read it. */
const EDIT_BEFORE_QUOTED = 200
const EDIT_AFTER_QUOTED = 1000

/** Words for a notice, on one line and clipped; 'none' for a caption there is not (the notice says so). */
function quoted(text: string | null, max: number): string {
  const line = text?.replace(/\s+/g, ' ').trim() ?? ''
  return line === '' ? 'none' : clip(line, max)
}

/**
 * Which of the messages sent as one into the topic a reply means: the one holding
 * the quoted text when Telegram says what was quoted (the bot's answer shown under the
 * client's question too), else the last of the client's — a reply to their question with
 * the bot's answer under it answers them, not the bot. With none of theirs (what the bot said,
 * shown on its own), its first: its answer to them (the prices), not the "passing you to a
 * manager" after it.
 */
export function quotedPart(parts: MessageRow[], quote: string | undefined): MessageRow | undefined {
  const wanted = quote?.trim()
  const quoted = wanted ? parts.find((p) => p.text?.includes(wanted)) : undefined
  return quoted ?? parts.findLast((p) => p.direction !== 'bot') ?? parts[0]
}

export function createRelay({
  db,
  clock,
  outbox,
  route,
  transcript,
  groups,
  isNewRequest,
}: {
  db: Db
  clock: Clock
  outbox: Outbox
  route: StaffRoute
  transcript: Transcript
  groups: StaffGroups
  /** A client whose request has not reached the staff yet: their first message goes first. */
  isNewRequest: (clientId: number) => boolean
}) {
  function mergeAlbumPart(
    lane: { chatId: number; clientId: number },
    method: string,
    mediaGroupId: string,
    part: { messageId: number; rowId: number },
  ): OutboxRow | undefined {
    const pending = outbox.pending(lane, method)
    const payload = pending?.payload as RelayPayload | undefined
    if (!pending || payload?.mediaGroupId !== mediaGroupId) return undefined
    const merged: RelayPayload = {
      ...payload,
      messageIds: [...payload.messageIds, part.messageId],
      rowIds: [...payload.rowIds, part.rowId],
    }
    return updateOutboxPayload(db, pending.id, merged, { notBefore: clock.now() + ALBUM_WAIT_MS })
      ? { ...pending, payload: merged }
      : undefined
  }

  function enqueue(
    lane: { chatId: number; clientId: number },
    method: string,
    row: MessageRow,
    payload: RelayPayload,
  ): OutboxRow {
    const messageId = payload.messageIds[0] as number
    if (payload.mediaGroupId) {
      const merged = mergeAlbumPart(lane, method, payload.mediaGroupId, { messageId, rowId: row.id })
      if (merged) return merged
    }
    const notBefore = clock.now() + (payload.mediaGroupId ? ALBUM_WAIT_MS : 0)
    const queued = outbox.enqueue({ ...lane, method, payload, messageRowId: row.id, notBefore })
    outbox.kick()
    return queued
  }

  /**
   * An edited message not copied yet whose copy is being made now: Telegram may have made it
   * with the old text, so the edit goes after it, in its lane, and finds it linked by then
   * (an edit to the same text is taken as done). A copy still to be made carries the new text.
   */
  function copyUnderWay(row: MessageRow): boolean {
    return outboxQueueOf(db, row.id) === 'sending'
  }

  /**
   * A message of the client's that staff saw in their topic only inside the history posted there
   * (with no copy of its own, none on its way): the history went, or is going, and nothing queued
   * will show it again. One not posted yet, or covered by a history still waiting (rendered when
   * sent), is shown as it is then. Without a topic nobody saw it.
   */
  function seenOnlyInHistory(clientId: number, row: MessageRow): boolean {
    if (row.direction !== 'in' || outboxQueuesMessage(db, row.id)) return false
    if (findClientById(db, clientId)?.topicId == null) return false
    if (row.id > transcript.postedUpTo(clientId)) return false
    return !transcriptWaitsFor(db, clientId, OUTBOX_KIND.transcript, row.id)
  }

  /**
   * The card quotes the question that opened the request (reason 'question', see questionQuote):
   * edited, the quote takes the new words. It is the edited message's if quoting its old text
   * gives the card's quote — alone, or after the words the client typed just before it, which
   * the bot read together with it (src/bot/features/unhandled.ts).
   */
  function requote(clientId: number, row: MessageRow, text: string): void {
    const active = findActiveHandoff(db, clientId)
    const quote = active?.detail
    if (active?.reason !== 'question' || !quote || row.text === null || row.createdAt > active.openedAt) return
    const before = row.text
    // Where the edited message's words may start in the quote: its start, or after a space
    const starts = [0, ...Array.from(quote.matchAll(/ /g), (m) => m.index + 1)]
    const start = starts.find((i) => questionQuote(quote.slice(0, i) + before) === quote)
    if (start === undefined) return
    const now = questionQuote(quote.slice(0, start) + text)
    if (now === quote || now === '') return
    setHandoffDetail(db, active.id, now)
    route.refreshCard(clientId)
  }

  /**
   * The rows queued here while their update is handled (the row object the update recorded):
   * asked whether it was relayed at the update's end, the answer needs no statement. Held
   * weakly, so nothing outlives its update.
   */
  const queuedRows = new WeakSet<MessageRow>()
  return {
    /**
     * True when the message was already relayed or is queued for it (a re-delivered update
     * must not queue it twice). One whose relay failed is not: it may go again.
     */
    isRelayed(row: MessageRow): boolean {
      // Both sides known: where it was written (the client's chat or the topic) and its copy
      if (row.clientMessageId !== null && row.topicMessageId !== null) return true
      if (queuedRows.has(row)) return true
      if (outboxQueuesMessage(db, row.id)) return true
      // Its copy made since `row` was read (the outbox's sent mark writes it on the stored row):
      // asked at the end of an update whose relay was delivered while the handler waited
      return row.clientMessageId !== null && findMessage(db, row.id)?.topicMessageId != null
    },

    /**
     * Queues a message of the client's chat for their topic (an album's parts are merged
     * into one row): the client's, or one the owner typed in their own Business chat.
     * `replyToClientMessageId`: the message it replies to in that chat, quoted on the
     * topic's side when it is there; `forwardedFrom`: whose words a forwarded message are.
     */
    toTopic(
      clientId: number,
      row: MessageRow,
      replyToClientMessageId?: number,
      forwardedFrom?: string,
    ): OutboxRow | undefined {
      const client = findClientById(db, clientId)
      if (!client?.telegramId || row.clientMessageId === null) return undefined
      const chat = row.businessConnectionId
      const replyTo =
        replyToClientMessageId === undefined
          ? undefined
          : findByClientMessageId(db, clientId, chat, replyToClientMessageId)
      const fromOwner = row.direction === 'out' && row.senderId !== null
      const urgent = !fromOwner && isNewRequest(clientId)
      const queued = enqueue(route.topicLane(clientId), OUTBOX_KIND.relayIn, row, {
        fromChatId: client.telegramId,
        messageIds: [row.clientMessageId],
        rowIds: [row.id],
        mediaGroupId: row.mediaGroupId,
        replyToRowId: replyTo?.id ?? null,
        ...(row.type === 'text' && !replyTo && !fromOwner && forwardedFrom === undefined ? { plain: true } : {}),
        ...(forwardedFrom !== undefined ? { forwardedFrom } : {}),
        ...(chat !== null ? { byContent: true } : {}),
        ...(fromOwner ? { ownerId: row.senderId as number } : {}),
        ...(urgent ? { urgent } : {}),
      })
      if (queued) queuedRows.add(row)
      return queued
    },

    /**
     * What the bot just said to a client whose request is open (its messages, by their transcript
     * rows `rowIds`, in order), for their topic, after what is queued there: its answer to the
     * message queued right before (the prices, "passing you to a manager", "we are closed now",
     * a flow's "passed on to the manager"), or its word as the request opened ("passing you to a
     * manager" after the history). Not what a history posted or queued for the topic holds
     * already, nor what the topic shows already; nothing once the request is closed. One post for
     * them all (`StaffPostPayload.botRows`), part of a new request as the client's words are.
     */
    botToTopic(clientId: number, rowIds: readonly number[]): void {
      if (rowIds.length === 0 || !findActiveHandoff(db, clientId)) return
      const posted = transcript.postedUpTo(clientId)
      const rows = transcript
        .messages(rowIds)
        .filter((r) => r.clientId === clientId && r.direction === 'bot' && r.id > posted && r.topicMessageId === null)
        .map((r) => r.id)
      if (rows.length === 0) return
      route.post(clientId, { botRows: rows, ...(isNewRequest(clientId) ? { urgent: true } : {}) })
    },

    /**
     * Queues a staff message for the client. `replyTo`: a real reply in the topic (not
     * the topic's creation message) and the text it quoted, if Telegram says; quoted
     * on the client's side. Undefined when the client erased their data.
     *
     * An album captioned "// …" is a note, whichever part carries the caption (the row of
     * that part is a note already): its parts wait together in one row, as any album's do,
     * so a part that comes before the caption is held back too. All of them become notes,
     * and the row sends nothing when its time comes.
     */
    toClient(
      clientId: number,
      row: MessageRow,
      replyTo?: { topicMessageId: number; quote?: string },
    ): OutboxRow | undefined {
      const client = findClientById(db, clientId)
      if (!client?.telegramId || row.topicMessageId === null) return undefined
      const target = replyTo
        ? quotedPart(listByTopicMessageId(db, clientId, replyTo.topicMessageId), replyTo.quote)
        : undefined
      const queued = enqueue({ chatId: client.telegramId, clientId }, OUTBOX_KIND.relayOut, row, {
        fromChatId: groups.groupOf(clientId),
        messageIds: [row.topicMessageId],
        rowIds: [row.id],
        mediaGroupId: row.mediaGroupId,
        replyToRowId: target?.id ?? null,
      })
      if (row.mediaGroupId === null) return queued
      // A part marked a note ("//" in its caption) makes the whole album one, also when the
      // captioned part went out in a row of its own already (the rest came later than the
      // album's wait: a slow upload, a restart); the parts queued together are read only then
      if (albumIsNote(db, clientId, row.mediaGroupId)) {
        transcript.markNotes(transcript.messages((queued.payload as RelayPayload).rowIds))
        route.refreshCard(clientId)
      }
      return queued
    },

    /**
     * A message of the client's chat was edited — the client's, or one the owner typed in
     * their Business chat: the transcript and its copy in the topic follow. A client's message
     * staff saw only in the history posted to the topic gets a notice with its new words there
     * instead, and the card's quote of the request's question follows it.
     */
    editIncoming(
      clientId: number,
      chat: ClientChatRef,
      clientMessageId: number,
      edit: Omit<EditPayload, 'rowId'>,
    ): void {
      const row = findByClientMessageId(db, clientId, chat, clientMessageId)
      if (row?.direction !== 'in' && !(row?.direction === 'out' && chat !== null)) return
      transcript.edited(row.id, edit.text, edit.entities)
      requote(clientId, row, edit.text)
      if (row.topicMessageId !== null || copyUnderWay(row)) {
        route.toTopic(clientId, OUTBOX_KIND.editIn, { rowId: row.id, ...edit } satisfies EditPayload, {
          messageRowId: row.id,
        })
      } else if (seenOnlyInHistory(clientId, row)) {
        // No copy of its own to edit: staff read the old words in the history, and would act on them
        route.notifyTopic(clientId, [
          {
            key: 'handoff-topic-client-edited-history',
            args: { before: quoted(row.text, EDIT_BEFORE_QUOTED), text: quoted(edit.text, EDIT_AFTER_QUOTED) },
          },
        ])
      }
      // Else its copy is still to be made (it carries the new words), or staff never saw it: the
      // history that shows it later shows it as it is then
    },

    /**
     * Messages were deleted in the client's Business chat (by them or by the owner): the
     * transcript marks them; returns those staff saw in the topic or will see there, so
     * they can be told.
     */
    deletedInChat(clientId: number, connectionId: string, clientMessageIds: readonly number[]): MessageRow[] {
      return transcript
        .deletedInChat(clientId, connectionId, clientMessageIds)
        .filter((r) => r.direction !== 'bot' && (r.topicMessageId !== null || outboxQueuesMessage(db, r.id)))
    },

    /** What the staff message `topicMessageId` in the client's topic is in the transcript: an answer, a note, or neither. */
    staffRowIn(clientId: number, topicMessageId: number): 'out' | 'note' | undefined {
      const direction = findByTopicMessageId(db, clientId, topicMessageId)?.direction
      return direction === 'out' || direction === 'note' ? direction : undefined
    },

    /** A note edited as a note: it takes its new words, and the card follows. */
    editNote(clientId: number, topicMessageId: number, words: string): void {
      const row = findByTopicMessageId(db, clientId, topicMessageId)
      if (row?.direction !== 'note') return
      transcript.edited(row.id, words, null)
      route.refreshCard(clientId)
    },

    /**
     * A staff member edited a relayed message: the client's copy follows. 'deleted': the client
     * no longer has it (taken back with /unsend, or deleted in the owner's Business chat), and
     * the transcript keeps the words they had.
     */
    editOutgoing(
      clientId: number,
      topicMessageId: number,
      edit: Omit<EditPayload, 'rowId'>,
    ): 'queued' | 'ignored' | 'deleted' {
      const row = findByTopicMessageId(db, clientId, topicMessageId)
      if (row?.direction !== 'out') return 'ignored'
      if (row.deletedAt !== null) return 'deleted'
      transcript.edited(row.id, edit.text, edit.entities)
      const client = findClientById(db, clientId)
      if (!client?.telegramId || (row.clientMessageId === null && !copyUnderWay(row))) return 'ignored'
      outbox.enqueue({
        chatId: client.telegramId,
        clientId,
        method: OUTBOX_KIND.editOut,
        payload: { rowId: row.id, ...edit } satisfies EditPayload,
        messageRowId: row.id,
      })
      outbox.kick()
      return 'queued'
    },

    /**
     * /unsend, replied to the message `topicMessageId` of the client's topic by team member
     * `by.id` (`by.owner`: an owner, who may take back anyone's answer): a staff answer of theirs
     * is deleted in the client's chat — every part of an album — by a row of the client's lane,
     * which goes after the answer's copy when that is still on its way (see `Unsending`).
     * `postedByBot`: the bot posted the message in the topic (a copy of what the owner typed in
     * their own Business chat, a post showing what went to the client, a notice, the card).
     */
    unsend(
      clientId: number,
      topicMessageId: number,
      by: { id: number; owner: boolean },
      postedByBot: boolean,
    ): Unsending {
      // An invoice's summary is about the invoice, found in what is kept with the invoice
      // (`invoice_summaries`), however old; the bot's post that shows what went to the client (a
      // saved reply's, an /offer's) is about that message (the outbox's record, a week, past
      // Telegram's 48 hours to delete it)
      const chatId = groups.groupOf(clientId)
      const summarised = postedByBot ? invoiceSummaryAt(db, { clientId, chatId, messageId: topicMessageId }) : undefined
      if (summarised !== undefined) return { status: 'invoice', orderId: summarised }
      const post = postedByBot
        ? (sentPostAt(db, { clientId, chatId, messageId: topicMessageId, method: OUTBOX_KIND.staffPost })?.payload as
            | StaffPostPayload
            | undefined)
        : undefined
      // (A summary posted before summaries were kept with the invoice)
      if (post?.invoice !== undefined) return { status: 'invoice', orderId: post.invoice }
      const echoed = post?.sent === undefined ? undefined : findMessage(db, post.sent)
      const row = echoed ?? findByTopicMessageId(db, clientId, topicMessageId)
      if (!row) return { status: 'none' }
      if (row.direction === 'in' || row.direction === 'note') {
        return { status: row.direction === 'in' ? 'client' : row.direction, row }
      }
      if (row.direction === 'bot') return { status: row.senderId === null ? 'bot' : 'command', row }
      if (postedByBot && echoed === undefined) return { status: 'owner-own', row }
      if (row.senderId !== null && row.senderId !== by.id && !by.owner) {
        return { status: 'not-theirs', row: { ...row, senderId: row.senderId } }
      }
      const parts = row.mediaGroupId === null ? [row] : listStaffAlbum(db, clientId, row.mediaGroupId)
      const shown = parts.filter((part) => part.deletedAt === null)
      if (shown.length === 0) return { status: 'deleted', row }
      // Its copy made, or still on its way: a failed one (blocked, the owner's chat closed) is neither
      if (!shown.some((part) => part.clientMessageId !== null || outboxQueuesMessage(db, part.id))) {
        return { status: 'undelivered', row }
      }
      const client = findClientById(db, clientId)
      if (!client?.telegramId) return { status: 'none' }
      outbox.enqueue({
        chatId: client.telegramId,
        clientId,
        method: OUTBOX_KIND.unsend,
        payload: { parts: shown.map((part) => part.id), by: by.id } satisfies UnsendPayload,
      })
      outbox.kick()
      return { status: 'queued', row }
    },
  }
}
