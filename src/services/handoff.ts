/**
 * Handoff to a manager, without Telegram: who is with a manager, the honest
 * ETA, the transcript, the first response and the SLA, closing and ratings.
 * Everything that must reach the staff group or a client from here is written
 * to the outbox (src/services/outbox.ts) in the same synchronous step, so it
 * survives a restart and keeps its order; the bot's deliverer
 * (src/bot/handoff/delivery.ts) turns those rows into Bot API calls.
 *
 * Lanes in the outbox: the client's topic is (staff group, client), the
 * client's private chat is (client's chat, client).
 */
import type { Db } from '../../db/client.ts'
import { findClientById, updateClient } from '../../db/repositories/clients.ts'
import {
  type FeedbackKind,
  findActiveHandoff,
  findHandoff,
  handoffScores,
  insertHandoff,
  insertHandoffFeedback,
  listHandoffs,
  moveHandoff,
  setFirstResponse,
  setHandoffManager,
  setSlaBreached,
} from '../../db/repositories/handoffs.ts'
import {
  findByClientMessageId,
  findByTopicMessageId,
  insertMessage,
  lastMessageId,
  updateMessage,
} from '../../db/repositories/messages.ts'
import {
  findPendingInLane,
  type OutboxRow,
  outboxCarriesMessage,
  updateOutboxPayload,
} from '../../db/repositories/outbox.ts'
import { addTags, listTags, removeTags } from '../../db/repositories/tags.ts'
import type { ClientRow, HandoffRow, MessageRow } from '../../db/schema.ts'
import { KvStorage } from '../../db/storage.ts'
import type { Clock } from '../clock.ts'
import type { Content } from '../content/schema.ts'
import type { ContentStore } from '../content/store.ts'
import { businessCalendar } from '../format.ts'
import type { Scheduler } from '../jobs/scheduler.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { Logger } from '../logger.ts'
import type { ClientService } from './clients.ts'
import type { DutyService } from './desk/duty.ts'
import type { TopicStatusService } from './desk/topic-status.ts'
import { FUNNEL } from './funnel.ts'
import type { Outbox } from './outbox.ts'
import type { StaffService } from './staff.ts'
import { addWorkingMinutes, isWorkingTime, nextWorkingTime } from './time.ts'

export const HANDOFF_SLA_JOB = 'handoff_sla'

/** Why a handoff was opened; features may pass their own words too (shown as is). */
export const HANDOFF_REASONS = [
  'asked',
  'trigger',
  'quiz_no_match',
  'discovery_detailed',
  'low_rating',
  'not_solved',
  'returned',
] as const

/** The kinds of outbox rows the handoff writes. */
export const OUTBOX_KIND = {
  /** client's message(s) → their topic */
  relayIn: 'relay_in',
  /** staff message(s) in the topic → the client */
  relayOut: 'relay_out',
  editIn: 'edit_in',
  editOut: 'edit_out',
  card: 'card',
  transcript: 'transcript',
  notice: 'notice',
  ownerAlert: 'owner_alert',
  /** a question to the client with buttons ("Is your question solved?") */
  clientPrompt: 'client_prompt',
} as const

/** Album parts arrive as separate updates: wait this long after the last one, then send them together. */
export const ALBUM_WAIT_MS = 1_500

/** What the transcript keeps of a message. */
export interface MessageEntry {
  /** text, photo, document, voice, video, video_note, audio, sticker, location, contact, animation, … */
  type: string
  /** The text or caption; for a location or contact, a readable description. */
  text: string | null
  fileId: string | null
  mediaGroupId?: string | null
}

/**
 * An argument of a notice, rendered by the deliverer in the staff group's language;
 * `mention` is a staff member's name that notifies them.
 */
export type NoticeArg =
  | string
  | number
  | { time: number }
  | { reason: string; detail?: string | null }
  | { mention: number }
export interface NoticeLine {
  key: LocaleKey
  args?: Record<string, NoticeArg>
}

export interface RelayPayload {
  fromChatId: number
  /** Message ids in the source chat, in order (several for an album). */
  messageIds: number[]
  /** Transcript rows of those messages, same order. */
  rowIds: number[]
  mediaGroupId?: string | null
  /** Transcript row the message replies to; mapped to the other side at send time. */
  replyToRowId?: number | null
  /** Resent after a crash interrupted the first try: it may be there twice. */
  resumed?: boolean
}
export interface EditPayload {
  rowId: number
  text: string
  entities?: unknown[]
  caption: boolean
}
export interface CardPayload {
  /** Post a new card (and pin it) instead of editing the current one. */
  repost?: boolean
}
export interface TranscriptPayload {
  afterId: number
  toId: number
  /** Every message, also those already in the (lost) topic: after a topic was recreated. */
  all?: boolean
}
export interface NoticePayload {
  lines: NoticeLine[]
  /** Add the "take this client" button. */
  claim?: boolean
}

export interface ClientPromptPayload {
  prompt: 'close'
  handoffId: number
}

export interface HandoffEta {
  /** When a manager will have answered at the latest (UTC ms); undefined when the calendar never opens. */
  answerBy?: number
  /** Whether it is working time now. */
  openNow: boolean
  /** When the team is back, outside working hours. */
  backAt?: number
  /** A manager has already answered this handoff. */
  answered: boolean
  /** The assigned manager's id, if any. */
  managerId?: number | null
}

export interface OpenResult extends HandoffEta {
  handoff: HandoffRow
  /** False when the client already was with a manager (the open handoff is reused). */
  created: boolean
}

export type CloseRequest =
  | { status: 'asked'; handoff: HandoffRow }
  | { status: 'none' }
  | { status: 'already-asked' }
  | { status: 'unreachable' }

export type HandoffService = ReturnType<typeof createHandoffService>

export function slaKey(handoffId: number): string {
  return `${HANDOFF_SLA_JOB}:${handoffId}`
}

/** Escapes a word for a RegExp; spaces inside a phrase match any whitespace. */
function phrasePattern(phrase: string): string {
  return phrase
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+')
}

/** Whole-word, case-insensitive matcher over every language's trigger words. */
function compileTriggers(words: Record<string, string[]>): RegExp | undefined {
  const all = [...new Set(Object.values(words).flat())].filter((w) => w.trim() !== '')
  if (all.length === 0) return undefined
  // Longest first, so "верните деньги" wins over a shorter word inside it
  const alternatives = all.sort((a, b) => b.length - a.length).map(phrasePattern)
  return new RegExp(`(?<![\\p{L}\\p{N}_])(${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu')
}

export function createHandoffService(deps: {
  db: Db
  clock: Clock
  content: ContentStore
  scheduler: Scheduler
  outbox: Outbox
  clients: ClientService
  staff: StaffService
  /** Who is on duty: new requests are assigned round-robin among them. */
  duty: DutyService
  /** The status mark in the topic's title follows the request (call `sync` after each change). */
  topicStatus: TopicStatusService
  staffGroupId: number
  logger: Logger
}) {
  const { db, clock, scheduler, outbox, staffGroupId } = deps
  const log = deps.logger.child({ module: 'handoff' })
  /** How far the transcript was posted into the topic, per client. */
  const transcriptMark = new KvStorage<{ toId: number }>(db, 'handoff:transcript:', clock.now)
  let triggers: { content: Content; re: RegExp | undefined } | undefined

  const topicLane = (clientId: number) => ({ chatId: staffGroupId, clientId })

  function enqueueTopic(clientId: number, method: string, payload: unknown, messageRowId?: number): OutboxRow {
    return outbox.enqueue({ ...topicLane(clientId), method, payload, messageRowId })
  }

  /** A transcript row for a message, from the client ('in') or from staff in the topic ('out'). */
  function insertEntry(
    clientId: number,
    entry: MessageEntry,
    side: { direction: 'in'; clientMessageId: number } | { direction: 'out'; senderId: number; topicMessageId: number },
  ): MessageRow {
    return insertMessage(db, {
      clientId,
      direction: side.direction,
      senderId: side.direction === 'out' ? side.senderId : null,
      type: entry.type,
      text: entry.text,
      fileId: entry.fileId,
      clientMessageId: side.direction === 'in' ? side.clientMessageId : null,
      topicMessageId: side.direction === 'out' ? side.topicMessageId : null,
      mediaGroupId: entry.mediaGroupId ?? null,
      createdAt: clock.now(),
    })
  }

  function etaFor(handoff: HandoffRow | undefined): HandoffEta {
    const content = deps.content.get()
    const cal = businessCalendar(content)
    const now = clock.now()
    const from = handoff?.openedAt ?? now
    const openNow = isWorkingTime(now, cal)
    return {
      answerBy: addWorkingMinutes(from, content.handoff.sla_minutes, cal),
      openNow,
      backAt: openNow ? undefined : nextWorkingTime(now, cal),
      answered: handoff?.firstResponseAt != null,
      managerId: handoff?.managerId,
    }
  }

  function mergeAlbumPart(
    lane: { chatId: number; clientId: number },
    method: string,
    mediaGroupId: string,
    part: { messageId: number; rowId: number },
  ): OutboxRow | undefined {
    const pending = findPendingInLane(db, lane, method)
    const payload = pending?.payload as RelayPayload | undefined
    if (!pending || payload?.mediaGroupId !== mediaGroupId) return undefined
    const merged: RelayPayload = {
      ...payload,
      messageIds: [...payload.messageIds, part.messageId],
      rowIds: [...payload.rowIds, part.rowId],
    }
    return updateOutboxPayload(db, pending.id, merged, clock.now() + ALBUM_WAIT_MS) ? pending : undefined
  }

  function enqueueRelay(
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

  const service = {
    /** The client's open (or closing) handoff. */
    current(clientId: number): HandoffRow | undefined {
      return findActiveHandoff(db, clientId)
    },

    /** True while the client is with a manager: automated flows should stay quiet. */
    isOpen(clientId: number): boolean {
      return findActiveHandoff(db, clientId) !== undefined
    },

    /** True when the client's latest request is closed: a message from them now reopens it. */
    wasClosed(clientId: number): boolean {
      return listHandoffs(db, clientId, 1)[0]?.status === 'closed'
    },

    /** The honest ETA for the client's open handoff, or for one opened now. */
    eta(clientId: number): HandoffEta {
      return etaFor(findActiveHandoff(db, clientId))
    },

    /**
     * Hands the client to a manager. Idempotent: an open handoff is reused
     * (`created: false`). A new one gets, in this order in the topic: the card
     * (the topic is created on first use), the transcript so far and a notice
     * with the reason and the SLA; an SLA job; the funnel event and stage.
     * Returns undefined for a client who does not exist or erased their data.
     * Synchronous (safe inside `conversation.external`): the caller tells the
     * client, e.g. with `handoffOpenedText` (src/bot/handoff/texts.ts).
     */
    open(
      clientId: number,
      reason: string,
      detail?: string,
      /** The transcript stops before this row: the message that opened the request is relayed as itself. */
      options: { transcriptBefore?: number } = {},
    ): OpenResult | undefined {
      const client = findClientById(db, clientId)
      if (!client || client.deletedAt !== null || client.telegramId === null) return undefined
      const existing = findActiveHandoff(db, clientId)
      if (existing) return { handoff: existing, created: false, ...etaFor(existing) }

      const content = deps.content.get()
      const now = clock.now()
      const handoff = db.transaction(() => {
        // With someone on duty the request goes to them in turn (the client's own manager
        // first); with nobody, to the client's manager if any, else the whole group sees it
        const onDuty = deps.duty.assignNext({ keep: client.managerId })
        const managerId = onDuty ?? client.managerId
        if (onDuty !== undefined && onDuty !== client.managerId) updateClient(db, clientId, { managerId: onDuty })
        const opened = insertHandoff(db, { clientId, reason, openedAt: now, managerId })
        const toId = options.transcriptBefore === undefined ? lastMessageId(db, clientId) : options.transcriptBefore - 1
        const afterId = transcriptMark.read(String(clientId))?.toId ?? 0
        enqueueTopic(clientId, OUTBOX_KIND.card, {} satisfies CardPayload)
        if (toId > afterId) {
          enqueueTopic(clientId, OUTBOX_KIND.transcript, { afterId, toId } satisfies TranscriptPayload)
          transcriptMark.write(String(clientId), { toId })
        }
        const due = addWorkingMinutes(now, content.handoff.sla_minutes, businessCalendar(content))
        enqueueTopic(clientId, OUTBOX_KIND.notice, {
          lines: [
            {
              key: 'handoff-topic-opened',
              args: { reason: { reason, detail: detail ?? null }, due: due === undefined ? '—' : { time: due } },
            },
            ...(onDuty === undefined
              ? []
              : [{ key: 'desk-assigned-on-duty' as const, args: { manager: { mention: onDuty } } }]),
          ],
          claim: !opened.managerId,
        } satisfies NoticePayload)
        if (due !== undefined) {
          scheduler.enqueue({
            kind: HANDOFF_SLA_JOB,
            runAt: due,
            dedupeKey: slaKey(opened.id),
            clientId,
            payload: { handoffId: opened.id },
          })
        }
        return opened
      })
      deps.clients.recordEvent(clientId, FUNNEL.handoffOpened, { handoffId: handoff.id, reason })
      deps.clients.advanceStage(client, 'close')
      // A closed topic (an earlier request) is reopened and marked as waiting
      deps.topicStatus.sync(clientId)
      log.info({ clientId, handoffId: handoff.id, reason }, 'handoff opened')
      outbox.kick()
      return { handoff, created: true, ...etaFor(handoff) }
    },

    /**
     * The client erased their data (/forget): the open request is closed and
     * its SLA timer cancelled, so nobody is alerted about a person who left.
     * Returns the topic to tell, if there was one (the caller posts there
     * before the erasure removes the link).
     */
    closeForErasure(clientId: number): number | null {
      const client = findClientById(db, clientId)
      const active = findActiveHandoff(db, clientId)
      if (active) {
        moveHandoff(db, active.id, ['open', 'closing'], 'closed', { closedAt: clock.now(), closedBy: 'erased' })
        scheduler.cancel({ dedupeKey: slaKey(active.id) }, 'the client erased their data')
        log.info({ clientId, handoffId: active.id }, 'handoff closed: client erased their data')
      }
      return client?.topicId ?? null
    },

    /**
     * Re-renders the client's card in their topic (edits the pinned message;
     * `repost` posts and pins a new one). Call it when data shown on the card
     * changes. Does nothing for a client who never had a topic.
     */
    refreshCard(clientId: number, options: CardPayload = {}): void {
      const client = findClientById(db, clientId)
      if (!client || client.deletedAt !== null) return
      const pending = findPendingInLane(db, topicLane(clientId), OUTBOX_KIND.card)
      if (pending) {
        // The queued refresh renders the data as it is when it is sent
        if (options.repost && !(pending.payload as CardPayload).repost) updateOutboxPayload(db, pending.id, options)
        return
      }
      if (client.topicId === null && !findActiveHandoff(db, clientId)) return
      enqueueTopic(clientId, OUTBOX_KIND.card, options)
      outbox.kick()
    },

    /** The first trigger word (distrust, complaint, rudeness) in `text`, if any. */
    matchTrigger(text: string): string | undefined {
      const content = deps.content.get()
      if (triggers?.content !== content) triggers = { content, re: compileTriggers(content.handoff.trigger_words) }
      return triggers.re?.exec(text)?.[1]
    },

    // ------------------------------------------------------------ transcript and relay

    /** Stores what the client sent; a re-delivered update is recognised (`duplicate`). */
    recordIncoming(
      clientId: number,
      entry: MessageEntry,
      clientMessageId: number,
    ): { row: MessageRow; duplicate: boolean } {
      const existing = findByClientMessageId(db, clientId, clientMessageId)
      return existing
        ? { row: existing, duplicate: true }
        : { row: insertEntry(clientId, entry, { direction: 'in', clientMessageId }), duplicate: false }
    },

    /** True when the message was already queued for relay (a re-delivered update must not queue it twice). */
    isRelayed(row: MessageRow): boolean {
      if (row.direction === 'in' && row.topicMessageId !== null) return true
      if (row.direction === 'out' && row.clientMessageId !== null) return true
      return outboxCarriesMessage(db, row.id)
    },

    /** Stores a button the client pressed (its label), so the transcript shows their choices. */
    recordButton(clientId: number, label: string): void {
      insertMessage(db, {
        clientId,
        direction: 'in',
        senderId: null,
        type: 'button',
        text: label,
        fileId: null,
        clientMessageId: null,
        topicMessageId: null,
        mediaGroupId: null,
        createdAt: clock.now(),
      })
    },

    /** Stores what the bot sent the client (captured at the API client, see src/bot/handoff/recorder.ts). */
    recordBot(clientId: number, entry: MessageEntry, clientMessageId: number | null): void {
      if (clientMessageId !== null && findByClientMessageId(db, clientId, clientMessageId)) return
      insertMessage(db, {
        clientId,
        direction: 'bot',
        senderId: null,
        type: entry.type,
        text: entry.text,
        fileId: entry.fileId,
        clientMessageId,
        topicMessageId: null,
        mediaGroupId: entry.mediaGroupId ?? null,
        createdAt: clock.now(),
      })
    },

    /** An edit of a bot message in the client's chat: the transcript keeps the latest text. */
    recordBotEdit(clientId: number, clientMessageId: number, text: string): void {
      const row = findByClientMessageId(db, clientId, clientMessageId)
      if (row?.direction === 'bot') updateMessage(db, row.id, { text, editedAt: clock.now() })
    },

    /**
     * Queues the client's message for their topic (an album's parts are merged
     * into one row). `replyToClientMessageId`: the message it replies to in
     * the client's chat, quoted on the topic's side when it is there.
     */
    relayToTopic(clientId: number, row: MessageRow, replyToClientMessageId?: number): OutboxRow | undefined {
      const client = findClientById(db, clientId)
      if (!client?.telegramId || row.clientMessageId === null) return undefined
      const replyTo =
        replyToClientMessageId === undefined ? undefined : findByClientMessageId(db, clientId, replyToClientMessageId)
      return enqueueRelay(topicLane(clientId), OUTBOX_KIND.relayIn, row, {
        fromChatId: client.telegramId,
        messageIds: [row.clientMessageId],
        rowIds: [row.id],
        mediaGroupId: row.mediaGroupId,
        replyToRowId: replyTo?.id ?? null,
      })
    },

    /** The client edited a message: the transcript and its copy in the topic follow. */
    editIncoming(clientId: number, clientMessageId: number, edit: Omit<EditPayload, 'rowId'>): void {
      const row = findByClientMessageId(db, clientId, clientMessageId)
      if (row?.direction !== 'in') return
      updateMessage(db, row.id, { text: edit.text, editedAt: clock.now() })
      // Not copied yet: the copy, made later, carries the new text already
      if (row.topicMessageId === null) return
      enqueueTopic(clientId, OUTBOX_KIND.editIn, { rowId: row.id, ...edit } satisfies EditPayload, row.id)
      outbox.kick()
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
        : {
            row: insertEntry(clientId, entry, { direction: 'out', senderId: staffId, topicMessageId }),
            duplicate: false,
          }
    },

    /**
     * Queues a staff message for the client. `replyToTopicMessageId`: a real
     * reply in the topic (not the topic's creation message), quoted on the
     * client's side. Undefined when the client erased their data.
     */
    relayToClient(clientId: number, row: MessageRow, replyToTopicMessageId?: number): OutboxRow | undefined {
      const client = findClientById(db, clientId)
      if (!client?.telegramId || row.topicMessageId === null) return undefined
      const replyTo =
        replyToTopicMessageId === undefined ? undefined : findByTopicMessageId(db, clientId, replyToTopicMessageId)
      return enqueueRelay({ chatId: client.telegramId, clientId }, OUTBOX_KIND.relayOut, row, {
        fromChatId: staffGroupId,
        messageIds: [row.topicMessageId],
        rowIds: [row.id],
        mediaGroupId: row.mediaGroupId,
        replyToRowId: replyTo?.id ?? null,
      })
    },

    /** A staff member edited a relayed message: the client's copy follows. */
    editOutgoing(clientId: number, topicMessageId: number, edit: Omit<EditPayload, 'rowId'>): 'queued' | 'ignored' {
      const row = findByTopicMessageId(db, clientId, topicMessageId)
      if (row?.direction !== 'out') return 'ignored'
      updateMessage(db, row.id, { text: edit.text, editedAt: clock.now() })
      const client = findClientById(db, clientId)
      if (row.clientMessageId === null || !client?.telegramId) return 'ignored'
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
     * A staff member answered the client. The first answer of an open handoff
     * is its first response (time and who; "answered within SLA" in the funnel;
     * the SLA job is cancelled) and assigns the client to them if nobody was.
     */
    noteStaffReply(clientId: number, staffId: number): void {
      const active = findActiveHandoff(db, clientId)
      if (!active || active.firstResponseAt !== null) return
      const now = clock.now()
      if (!setFirstResponse(db, active.id, now, staffId)) return
      scheduler.cancel({ dedupeKey: slaKey(active.id) }, 'a manager answered')
      const content = deps.content.get()
      const due = addWorkingMinutes(active.openedAt, content.handoff.sla_minutes, businessCalendar(content))
      if (due !== undefined && now <= due) {
        deps.clients.recordEvent(clientId, FUNNEL.answeredInSla, {
          handoffId: active.id,
          seconds: (now - active.openedAt) / 1000,
        })
      }
      if (!active.managerId) service.assign(clientId, staffId)
      else service.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
    },

    /**
     * The SLA passed without an answer: recorded once (the topic shows 🔴 until
     * someone answers). False when it was recorded before or an answer came.
     */
    markSlaBreached(handoffId: number): boolean {
      const handoff = findHandoff(db, handoffId)
      if (!handoff || !setSlaBreached(db, handoffId, clock.now())) return false
      deps.topicStatus.sync(handoff.clientId)
      return true
    },

    // ------------------------------------------------------------ staff tools

    /** An internal note: stays in the topic, shown on the card. */
    addNote(clientId: number, staffId: number, text: string, topicMessageId: number | null): MessageRow {
      const row = insertMessage(db, {
        clientId,
        direction: 'note',
        senderId: staffId,
        type: 'text',
        text,
        fileId: null,
        clientMessageId: null,
        topicMessageId,
        mediaGroupId: null,
        createdAt: clock.now(),
      })
      service.refreshCard(clientId)
      return row
    },

    /** Adds and removes tags; returns the client's tags afterwards. */
    tag(clientId: number, add: readonly string[], remove: readonly string[]): string[] {
      addTags(db, clientId, add, clock.now())
      removeTags(db, clientId, remove)
      service.refreshCard(clientId)
      return listTags(db, clientId)
    },

    tags: (clientId: number) => listTags(db, clientId),

    /** The manager who leads the client (and their open handoff). */
    assign(clientId: number, managerId: number): void {
      updateClient(db, clientId, { managerId })
      const active = findActiveHandoff(db, clientId)
      if (active) setHandoffManager(db, active.id, managerId)
      service.refreshCard(clientId)
    },

    /** /close: the client is asked whether the question is solved; the handoff waits for the answer. */
    requestClose(clientId: number): CloseRequest {
      const active = findActiveHandoff(db, clientId)
      if (!active) return { status: 'none' }
      const client = findClientById(db, clientId)
      if (!client?.telegramId || client.deletedAt !== null) return { status: 'unreachable' }
      if (!moveHandoff(db, active.id, ['open'], 'closing')) return { status: 'already-asked' }
      // Through the client's lane: the question arrives after the manager's last messages, never before
      outbox.enqueue({
        chatId: client.telegramId,
        clientId,
        method: OUTBOX_KIND.clientPrompt,
        payload: { prompt: 'close', handoffId: active.id } satisfies ClientPromptPayload,
      })
      outbox.kick()
      service.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
      return { status: 'asked', handoff: { ...active, status: 'closing' } }
    },

    /**
     * The client's answer to "Is your question solved?". Yes closes the handoff
     * (then the rating); no keeps it open and alerts the topic. After the request
     * closed by itself (no answer in time), a late yes still counts as the client's
     * agreement and a late no opens a new request. 'stale' when the button does not
     * belong to this client or the question is no longer asked.
     */
    answerClose(handoffId: number, clientId: number, solved: boolean): 'closed' | 'reopened' | 'stale' {
      const handoff = findHandoff(db, handoffId)
      if (!handoff || handoff.clientId !== clientId) return 'stale'
      const now = clock.now()
      if (handoff.status === 'closed' && handoff.closedBy === 'timeout') {
        if (!solved) return service.open(clientId, 'not_solved') ? 'reopened' : 'stale'
        if (!moveHandoff(db, handoffId, ['closed'], 'closed', { closedBy: 'client' })) return 'stale'
        service.notifyTopic(clientId, [{ key: 'handoff-topic-closed' }])
        return 'closed'
      }
      if (solved) {
        if (!moveHandoff(db, handoffId, ['closing'], 'closed', { closedAt: now, closedBy: 'client' })) return 'stale'
        scheduler.cancel({ dedupeKey: slaKey(handoffId) }, 'the request was closed')
        service.notifyTopic(clientId, [{ key: 'handoff-topic-closed' }])
        service.refreshCard(clientId)
        deps.topicStatus.sync(clientId)
        return 'closed'
      }
      if (!moveHandoff(db, handoffId, ['closing'], 'open')) return 'stale'
      service.notifyTopic(clientId, [{ key: 'handoff-topic-not-solved' }])
      service.refreshCard(clientId)
      deps.topicStatus.sync(clientId)
      return 'reopened'
    },

    /** A 1–5 rating of a closed handoff, once per kind; false when stale or already given. */
    rate(
      handoffId: number,
      clientId: number,
      kind: Extract<FeedbackKind, `handoff_${string}`>,
      score: number,
    ): boolean {
      const handoff = findHandoff(db, handoffId)
      if (!handoff || handoff.clientId !== clientId || handoff.status !== 'closed') return false
      if (!Number.isInteger(score) || score < 1 || score > 5) return false
      const managerId = handoff.managerId ?? handoff.firstResponderId
      const recorded = insertHandoffFeedback(db, { clientId, handoffId, kind, score, managerId }, clock.now())
      if (!recorded) return false
      const scores = handoffScores(db, handoffId)
      if (scores.handoff_speed !== undefined && scores.handoff_quality !== undefined) {
        service.notifyTopic(clientId, [
          { key: 'handoff-topic-rated', args: { speed: scores.handoff_speed, quality: scores.handoff_quality } },
        ])
        service.refreshCard(clientId)
      }
      return true
    },

    handoff: (id: number) => findHandoff(db, id),

    /** The close question could not reach the client: the request stays open. */
    closeQuestionFailed(handoffId: number): void {
      const handoff = findHandoff(db, handoffId)
      if (handoff && moveHandoff(db, handoffId, ['closing'], 'open')) deps.topicStatus.sync(handoff.clientId)
    },

    // ------------------------------------------------------------ notices

    /** A message from the bot into the client's topic (queued after what is already queued there). */
    notifyTopic(clientId: number, lines: NoticeLine[], options: { claim?: boolean } = {}): void {
      enqueueTopic(clientId, OUTBOX_KIND.notice, { lines, ...options } satisfies NoticePayload)
      outbox.kick()
    },

    /** A message to every owner's private chat. */
    notifyOwners(lines: NoticeLine[], clientId?: number): void {
      for (const ownerId of deps.staff.owners()) {
        outbox.enqueue({
          chatId: ownerId,
          clientId: clientId ?? null,
          method: OUTBOX_KIND.ownerAlert,
          payload: { lines } satisfies NoticePayload,
        })
      }
      outbox.kick()
    },

    /**
     * The topic was lost (deleted in Telegram): the next transcript posted
     * into the new one covers everything, so the manager sees the whole story.
     */
    resetTranscriptMark(clientId: number): void {
      transcriptMark.delete(String(clientId))
    },

    /** Marks how far the transcript is in the topic (after the full transcript went into a new topic). */
    markTranscript(clientId: number, toId: number): void {
      transcriptMark.write(String(clientId), { toId })
    },

    client: (clientId: number): ClientRow | undefined => findClientById(db, clientId),
  }
  return service
}
