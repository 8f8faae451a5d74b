/**
 * The relay's rows as Bot API calls: a client's messages into their topic (a
 * copy each, an album as one; plain texts queued together go as one message,
 * each part marked with its time, within Telegram's 4,096 characters — or in
 * the caption of a photo or file queued before them, within 1,024), a
 * manager's messages to the client, and edits both ways (an edit of one part
 * of such a message updates that message).
 *
 * An owner's Business chat cannot be copied from or into (copies come from and go
 * to the bot's own chats only), so a message there is sent again by its stored
 * content: text and formatting, file ids, an album as an album. What the owner
 * typed there shows in the topic under their name; what staff send a client who
 * writes there goes on the account's behalf, when Telegram allows it.
 */
import type { InputMediaAudio, InputMediaDocument, InputMediaPhoto, InputMediaVideo, MessageEntity } from 'grammy/types'
import type { MessageRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { formatWhen } from '../../format.ts'
import { accountName } from '../../services/business.ts'
import {
  type EditPayload,
  type NoticeLine,
  OUTBOX_KIND,
  type RelayPayload,
  type StaffPostPayload,
  type UnsendPayload,
} from '../../services/handoff/index.ts'
import { type DeliveryResult, INTERRUPTED, type OutboxRow } from '../../services/outbox.ts'
import { CAPTION_MAX, clip, leadParagraph, MESSAGE_MAX } from '../../text.ts'
import { rowChat } from '../client-chat.ts'
import type { Translate } from '../context.ts'
import { classifyTelegramError } from '../telegram-errors.ts'
import {
  clientFailure,
  type DeliveryContext,
  groupFailure,
  MAX_PERSON_ATTEMPTS,
  rateResult,
  transient,
} from './failures.ts'
import { CAPTIONED } from './message-entry.ts'
import { botSentLine, excerpt, staffName } from './texts.ts'
import type { TopicKeeper } from './topic-keeper.ts'

/** Messages whose copy can carry the texts queued after them in its caption. */
const CAPTIONED_TYPES = new Set<string>(CAPTIONED)
/** Texts sent as one message at most (a long queue goes in several). */
const TEXTS_MAX = 50

/**
 * A client's message whose row waited this long in the queue (a busy group's 20 messages a
 * minute) shows when it was written, as each part of a joined message does.
 */
const WAITED_MS = 30_000
/**
 * Below this wait nothing can have come between a client's message and its copy: its row goes
 * as it is, with no look at what the team wrote meanwhile (most rows: one read less each).
 */
const QUEUED_MS = 1_000

/**
 * When a client's message reaching the topic late was written, for the staff who read it there:
 * `answeredAt`, the team's newest message in the topic written after it (it comes under an
 * answer it predates — the client did not write it in reply to that answer), if any.
 */
export interface Lateness {
  answeredAt: number | undefined
  t: Translate
}

/**
 * "🕐 10:42" (the day too when not today), the mark of each part of a combined message and of a
 * message that waited; "🕐 10:42 — written before your answer" for one the team's message in the
 * topic came before (`late`).
 */
function partMark(deps: Deps, row: MessageRow, late?: Lateness): string {
  const { timezone } = deps.content.get().business
  const time = formatWhen(row.createdAt, timezone, deps.config.DEFAULT_LOCALE, deps.clock.now())
  const before = late?.answeredAt !== undefined && row.direction !== 'bot' && row.createdAt < late.answeredAt
  return before ? late.t('handoff-topic-written-before', { time }) : `🕐 ${time}`
}

/** A text and its formatting, as Telegram sends and takes them. */
type Formatted = { text: string; entities?: MessageEntity[] }

/**
 * A part's words: a client's own with their formatting, or what the bot answered them, in its
 * line (`botSentLine`, as the topic shows it in a post of its own).
 */
function partBody(deps: Deps, row: MessageRow): Formatted {
  if (row.direction === 'bot') return { text: row.text ? botSentLine(deps, row) : '' }
  return { text: row.text ?? '', entities: (row.entities ?? []) as MessageEntity[] }
}

/**
 * Several messages of a client as one message for the topic, each part marked with its
 * time (in italics): plain texts, or a photo's (file's…) caption, if any, and the texts after it;
 * what the bot answered them in between (`StaffPostPayload.botRows`) in its place among them.
 * Each part keeps its own formatting (a word linking to a site keeps its link).
 */
export function renderTexts(deps: Deps, rows: MessageRow[], late?: Lateness): Formatted {
  let text = ''
  const entities: MessageEntity[] = []
  for (const row of rows) {
    const { text: body, entities: own = [] } = partBody(deps, row)
    // A photo sent without a caption says nothing to mark: its texts follow alone
    if (!body) continue
    if (text) text += '\n\n'
    const mark = `${partMark(deps, row, late)}${row.editedAt ? ' ✏️' : ''}`
    entities.push({ type: 'italic', offset: text.length, length: mark.length })
    text += `${mark}\n`
    // Offsets count UTF-16 code units, as JavaScript's lengths do
    for (const e of own) if (e.offset + e.length <= body.length) entities.push({ ...e, offset: e.offset + text.length })
    text += body
  }
  return { text, entities }
}

/**
 * Its length as Telegram counts it, in `renderTexts` (room kept for the longest mark: one written
 * before the team's answer).
 */
function partLength(deps: Deps, row: MessageRow): number {
  const body = partBody(deps, row).text
  return body ? partMark(deps, row).length + LATE_MARK_ROOM + 3 + 1 + body.length + 2 : 0
}
/** What "— written before your answer" adds to a part's time, at most, in either language. */
const LATE_MARK_ROOM = 40

/**
 * Whether the client is still in `group` when a message made there for them is linked to its
 * row: moved to another group during the call, the message stays in the old topic, where /move
 * has let go of the ids — linked, it would be taken for one of the new group's messages (an edit
 * of the client's would change that one). Looked up only when someone moved meanwhile.
 */
export function stayedIn(deps: Deps, clientId: number, group: number): () => boolean {
  const departures = deps.services.handoff.topics.departures()
  return () =>
    deps.services.handoff.topics.departures() === departures ||
    (deps.services.handoff.client(clientId)?.staffGroupId ?? group) === group
}

/**
 * A line before a text or caption (whose message it is), the text's own formatting kept
 * after it; within Telegram's `max` characters.
 */
export function withHeader(
  text: string,
  entities: readonly unknown[] | null | undefined,
  header: string | undefined,
  max: number,
): { text: string; entities?: MessageEntity[] } {
  const shift = header ? header.length + 1 : 0
  const full = header ? `${header}\n${text}` : text
  const clipped = full.length > max ? clip(full, max) : full
  const moved = ((entities ?? []) as MessageEntity[])
    .map((e) => ({ ...e, offset: e.offset + shift }))
    .filter((e) => e.offset + e.length <= clipped.length - (clipped === full ? 0 : 1))
  const all = header ? [{ type: 'italic' as const, offset: 0, length: header.length }, ...moved] : moved
  return { text: clipped, ...(all.length ? { entities: all } : {}) }
}

function replyParameters(messageId: number | null | undefined) {
  return messageId ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {}
}

/** Merged texts go without link previews, as the topic's other messages do. */
const NO_PREVIEW = { link_preview_options: { is_disabled: true } }

const interrupted = (row: OutboxRow) => row.lastError?.startsWith(INTERRUPTED) === true

/**
 * The transcript rows a row queued after a client's text would add to its message: another
 * plain text of theirs, or what the bot answered them (a post of `botRows`); none for the rest.
 */
function joining(next: OutboxRow): number[] {
  if (next.method === OUTBOX_KIND.staffPost) return (next.payload as StaffPostPayload).botRows ?? []
  const q = next.payload as RelayPayload
  return next.method === OUTBOX_KIND.relayIn && q.plain && !interrupted(next) ? q.rowIds : []
}

/**
 * What is queued right after `row` in its lane (past its upkeep) and joins its message
 * (`joining`: the client's plain texts, what the bot said to them), as much as fits with `parts` (the message's own)
 * into `max` characters: taken along, to go as one message with them (`renderTexts`). None
 * after a row a restart interrupted, which goes again on its own, nor when `parts` has none
 * (the message's row is gone). `parts` is asked only when something follows: most messages go
 * alone, and a relayed text's row is then not read at all.
 */
export function joiningAfter(
  deps: Deps,
  row: OutboxRow,
  parts: () => readonly MessageRow[],
  max: number,
): MessageRow[] {
  const { transcript } = deps.services.handoff
  if (interrupted(row)) return []
  // Measured only when something follows: most messages go alone
  let length: number | undefined
  const taken = deps.services.outbox.takeFollowing(
    row,
    TEXTS_MAX,
    (next) => {
      const own =
        length ?? (parts().length === 0 ? undefined : parts().reduce((sum, part) => sum + partLength(deps, part), 0))
      if (own === undefined) return false
      const more = transcript.messages(joining(next))
      if (more.length === 0) return false
      length = more.reduce((sum, part) => sum + partLength(deps, part), own)
      return length <= max
    },
    // A rename of the topic queued between (the status a message changes) is no reason for two
    { pastUpkeep: true },
  )
  return transcript.messages(taken.flatMap(joining))
}

export function createRelayDelivery(ctx: DeliveryContext, keeper: TopicKeeper) {
  const { deps, api, t, report } = ctx
  const { transcript } = deps.services.handoff

  /** Why an answer in the owner's Business chat stays: only the account's owner can delete it there. */
  function ownerOnly(connectionId: string, why: 'off' | 'right'): NoticeLine {
    const connection = deps.services.business.connection(connectionId)
    return {
      key: 'handoff-unsend-owner-only',
      args: { account: connection ? accountName(connection) : '—', why },
    }
  }

  /**
   * An album as InputMedia from stored file ids (to send it as a reply, which copyMessages
   * cannot, or by content); `header` goes before the first caption.
   */
  function albumMedia(rows: MessageRow[], header?: string) {
    const media: (InputMediaPhoto | InputMediaVideo | InputMediaDocument | InputMediaAudio)[] = []
    for (const [i, row] of rows.entries()) {
      if (!row.fileId || !['photo', 'video', 'document', 'audio'].includes(row.type)) return undefined
      const caption = withHeader(row.text ?? '', row.entities, i === 0 ? header : undefined, CAPTION_MAX)
      media.push({
        type: row.type as 'photo',
        media: row.fileId,
        ...(caption.text ? { caption: caption.text } : {}),
        ...(caption.entities ? { caption_entities: caption.entities } : {}),
      })
    }
    return media
  }

  /** What cannot be sent again as it was (a poll, a contact…): its description, as text. */
  const described = (row: MessageRow) => excerpt(deps, row, 3000)

  /**
   * Sends one stored message again by its content; `header` (whose message it is) goes
   * first, `combined` replaces its text or caption (several texts as one). Returns its id.
   */
  async function sendOne(
    to: number,
    row: MessageRow,
    extra: Record<string, unknown>,
    { header, combined }: { header?: string; combined?: Formatted } = {},
  ): Promise<number> {
    const c = combined ?? withHeader(row.text ?? '', row.entities, header, CAPTION_MAX)
    const caption = { ...(c.text ? { caption: c.text } : {}), ...(c.entities ? { caption_entities: c.entities } : {}) }
    const file = row.fileId
    if (file) {
      const options = { ...extra, ...caption }
      switch (row.type) {
        case 'photo':
          return (await api.sendPhoto(to, file, options)).message_id
        case 'video':
          return (await api.sendVideo(to, file, options)).message_id
        case 'animation':
          return (await api.sendAnimation(to, file, options)).message_id
        case 'document':
          return (await api.sendDocument(to, file, options)).message_id
        case 'audio':
          return (await api.sendAudio(to, file, options)).message_id
        case 'voice':
          return (await api.sendVoice(to, file, options)).message_id
        // No caption to carry a name: these go as they are only without one
        case 'sticker':
          if (!header) return (await api.sendSticker(to, file, extra)).message_id
          break
        case 'video_note':
          if (!header) return (await api.sendVideoNote(to, file, extra)).message_id
          break
      }
    }
    const point =
      row.type === 'location' && !header ? /^(-?\d+(?:\.\d+)?), (-?\d+(?:\.\d+)?)$/.exec(row.text ?? '') : null
    if (point) return (await api.sendLocation(to, Number(point[1]), Number(point[2]), extra)).message_id
    const text =
      combined ??
      (row.type === 'text'
        ? withHeader(row.text ?? '', row.entities, header, MESSAGE_MAX)
        : withHeader(described(row), undefined, header, MESSAGE_MAX))
    return (await api.sendMessage(to, text.text, { ...extra, ...(text.entities ? { entities: text.entities } : {}) }))
      .message_id
  }

  /** One message or an album, sent again by content; the new ids in order. */
  async function sendStored(
    to: number,
    p: RelayPayload,
    replyTo: number | null | undefined,
    extra: Record<string, unknown>,
    header?: string,
  ): Promise<number[]> {
    const rows = transcript.messages(p.rowIds)
    const options = { ...extra, ...replyParameters(replyTo) }
    const media = rows.length > 1 ? albumMedia(rows, header) : undefined
    if (media) return (await api.sendMediaGroup(to, media as InputMediaPhoto[], options)).map((m) => m.message_id)
    const ids: number[] = []
    for (const [i, row] of rows.entries())
      ids.push(await sendOne(to, row, options, { header: i === 0 ? header : undefined }))
    return ids
  }

  /** "💼 Ольга — из своего Telegram:" over what the owner typed in their Business chat. */
  function ownerHeader(row: MessageRow | undefined): string | undefined {
    if (row?.direction !== 'out' || row.businessConnectionId === null || row.senderId === null) return undefined
    // An owner from OWNER_IDS may have no name in the team list: their account has one
    const name =
      deps.services.staff.find(row.senderId)?.name ??
      deps.services.business.connection(row.businessConnectionId)?.name ??
      staffName(deps, row.senderId)
    return t('business-topic-owner', { name: name ?? '' })
  }

  /**
   * Forwards what the client forwarded (one message or an album): Telegram shows whose it
   * is over it, as the client saw it, where a copy would show it as the client's own words.
   */
  async function forward(to: number, p: RelayPayload, extra: { message_thread_id?: number }): Promise<number[]> {
    if (p.messageIds.length === 1)
      return [(await api.forwardMessage(to, p.fromChatId, p.messageIds[0] as number, extra)).message_id]
    return (await api.forwardMessages(to, p.fromChatId, p.messageIds, extra)).map((m) => m.message_id)
  }

  /** Copies one message with a caption, `mark` over the caption it had; returns its id. */
  async function copyMarked(
    to: number,
    p: RelayPayload,
    row: MessageRow | undefined,
    mark: string,
    replyTo: number | null | undefined,
    extra: { message_thread_id?: number },
  ): Promise<number> {
    const caption = withHeader(row?.text ?? '', row?.entities, mark, CAPTION_MAX)
    const res = await api.copyMessage(to, p.fromChatId, p.messageIds[0] as number, {
      ...extra,
      ...replyParameters(replyTo),
      caption: caption.text,
      ...(caption.entities ? { caption_entities: caption.entities } : {}),
    })
    return res.message_id
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
    const media = replyTo ? albumMedia(transcript.messages(p.rowIds)) : undefined
    if (media && media.length === p.messageIds.length) {
      // Telegram checks that an album mixes only photos and videos, or is all documents or all audio
      const sent = await api.sendMediaGroup(to, media as InputMediaPhoto[], { ...extra, ...replyParameters(replyTo) })
      return sent.map((m) => m.message_id)
    }
    const res = await api.copyMessages(to, p.fromChatId, p.messageIds, extra)
    return res.map((m) => m.message_id)
  }

  /**
   * Each copy is linked to its transcript row along with the row's sent mark, which keeps them
   * all (/forget deletes every part); an album that came back short is reported in the topic.
   */
  function copied(
    clientId: number,
    p: RelayPayload,
    ids: number[],
    side: { topic: () => boolean } | { business: string | null },
  ): DeliveryResult {
    if (ids.length < p.messageIds.length) {
      report(clientId, [{ key: 'handoff-topic-album-partial', args: { sent: ids.length, total: p.messageIds.length } }])
    }
    const record = () => {
      if ('topic' in side && !side.topic()) return
      ids.forEach((id, i) => {
        const rowId = p.rowIds[i]
        if (rowId === undefined) return
        transcript.linkCopy(
          rowId,
          'topic' in side ? { topicMessageId: id } : { clientMessageId: id, businessConnectionId: side.business },
        )
      })
    }
    return { status: 'sent', messageId: ids[0] ?? null, messageIds: ids, record }
  }

  /**
   * The plain texts queued right after this message, and what the bot answered in between (a
   * post of `botRows`, which would be a message of its own), as many as fit with it into one
   * message (or into its copy's caption); none when it goes as it is.
   */
  function textsAfter(
    row: OutboxRow,
    first: () => MessageRow | undefined,
    replyTo: number | null | undefined,
  ): MessageRow[] {
    const p = row.payload as RelayPayload
    // What the owner typed is shown under their name: the client's texts never join it
    // Nor do they join someone else's words the client forwarded
    if (replyTo || p.messageIds.length !== 1 || p.ownerId !== undefined || p.forwardedFrom !== undefined) return []
    // A plain text's row is read only when something queued after it may join it
    const max = p.plain ? MESSAGE_MAX : CAPTIONED_TYPES.has(first()?.type ?? '') ? CAPTION_MAX : 0
    return max === 0
      ? []
      : joiningAfter(
          deps,
          row,
          () => {
            const head = first()
            return head ? [head] : []
          },
          max,
        )
  }

  async function edit(
    chatId: number,
    messageId: number,
    p: EditPayload,
    toGroup: boolean,
    extra: { business_connection_id?: string },
  ): Promise<void> {
    // Entities came from Telegram with the edit; the copy had the same ones
    const entities = p.entities as never
    if (p.caption) {
      await api.editMessageCaption(chatId, messageId, {
        ...extra,
        caption: p.text,
        ...(entities ? { caption_entities: entities } : {}),
      })
    } else {
      await api.editMessageText(chatId, messageId, p.text, {
        ...extra,
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
      const topic = await keeper.ensure(row)
      if (!topic.ok) return topic.result
      const stayed = stayedIn(deps, clientId, group)
      const thread = { message_thread_id: topic.topicId }
      // The message's row, read when it is needed: a plain text copied alone (most) needs none
      let firstRead: { row: MessageRow | undefined } | undefined
      const first = () => {
        firstRead ??= { row: transcript.message(p.rowIds[0] ?? 0) }
        return firstRead.row
      }
      const target = p.replyToRowId ? transcript.message(p.replyToRowId) : undefined
      const replyTo = target?.topicMessageId
      // A reply to a message of the bot's the topic never showed (a broadcast's offer, a booking's
      // confirmation): what it answers goes in a line over it, as a forward's author does — a copy
      // would reply to nothing there, and "Хочу эту скидку" would name no offer
      const answering =
        target?.direction === 'bot' && replyTo == null
          ? t('handoff-topic-reply-to-bot', {
              excerpt: excerpt(deps, { type: target.type, text: target.text && leadParagraph(target.text) }),
            })
          : undefined
      // Its row waited in the queue (a busy group): the team may have written in the topic
      // meanwhile, above where it now comes. The client's own words only: the owner's are the team's
      const late: Lateness | undefined =
        row.createdAt <= deps.clock.now() - QUEUED_MS && p.ownerId === undefined && first()
          ? { answeredAt: transcript.teamInTopicAfter(clientId, first()?.createdAt ?? 0), t }
          : undefined
      try {
        if (interrupted(row)) await api.sendMessage(group, t('handoff-topic-resumed'), thread)
        const more = answering === undefined ? textsAfter(row, first, replyTo) : []
        // (Something joins it only when its row is there)
        const head = more.length > 0 ? first() : undefined
        if (head) {
          const parts = [head, ...more]
          const combined = renderTexts(deps, parts, late)
          const sent =
            head.type === 'text'
              ? (await api.sendMessage(group, combined.text, { ...NO_PREVIEW, ...thread, entities: combined.entities }))
                  .message_id
              : p.byContent
                ? await sendOne(group, head, thread, { combined })
                : (
                    await api.copyMessage(group, p.fromChatId, p.messageIds[0] as number, {
                      ...thread,
                      caption: combined.text,
                      caption_entities: combined.entities,
                    })
                  ).message_id
          const record = () => {
            if (stayed()) for (const part of parts) transcript.linkCopy(part.id, { topicMessageId: sent })
          }
          return { status: 'sent', messageId: sent, record }
        }
        // Not from the bot's own chat (an owner's Business chat), a forward says whose it is in a line over it
        const forwarded =
          p.forwardedFrom === undefined ? undefined : t('handoff-topic-forwarded', { name: p.forwardedFrom })
        // Alone, it says when it was written as a joined one would: under the team's answer it
        // predates, or after a long wait in the queue — a text, or a caption (an album, a sticker,
        // a video note have nowhere to say it)
        const own = late ? first() : undefined
        const markable =
          own !== undefined && p.messageIds.length === 1 && (own.type === 'text' || CAPTIONED_TYPES.has(own.type))
        const when =
          own && late && markable && (late.answeredAt !== undefined || deps.clock.now() - own.createdAt > WAITED_MS)
            ? partMark(deps, own, late)
            : undefined
        const over = (header: string | undefined) => [when, header].filter((line) => line).join('\n') || undefined
        const ids = p.byContent
          ? await sendStored(group, p, replyTo, thread, over(ownerHeader(first()) ?? forwarded ?? answering))
          : when && own?.type !== 'text' && forwarded === undefined && answering === undefined
            ? [await copyMarked(group, p, own, when, replyTo, thread)]
            : when || answering
              ? await sendStored(group, p, replyTo, thread, over(forwarded ?? answering))
              : forwarded
                ? await forward(group, p, thread)
                : await copy(group, p, replyTo, thread)
        return copied(clientId, p, ids, { topic: stayed })
      } catch (err) {
        return groupFailure(ctx, keeper.repairs, row, topic.topicId, err, (reason) => {
          report(clientId, [{ key: 'handoff-topic-copy-failed', args: { reason, excerpt: excerpt(deps, first()) } }])
          return { status: 'failed', reason }
        })
      }
    },

    async relayOut(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const p = row.payload as RelayPayload
      const first = transcript.message(p.rowIds[0] ?? 0)
      // An album captioned "// …" held here until all its parts came (see relay.toClient): nothing of it goes
      if (first?.direction === 'note') return { status: 'sent' }
      const chat = rowChat(ctx, row, first ?? { type: 'other', text: null })
      if (!chat.ok) return chat.result
      // A reply quotes the client's message when it is in the chat this goes to
      const target = p.replyToRowId ? transcript.message(p.replyToRowId) : undefined
      const replyTo = target?.businessConnectionId === chat.business ? target.clientMessageId : undefined
      try {
        const ids =
          chat.business === null
            ? await copy(row.chatId, p, replyTo, {})
            : await sendStored(row.chatId, p, replyTo, chat.extra)
        const sent = copied(clientId, p, ids, { business: chat.business })
        // It reached the client: now it answers the request open when it was written (the first
        // response, the topic's 💬, the SLA). Not before: one refused above or below (blocked, the
        // owner's Business chat closed to the bot) answers nothing. In the record, written with the
        // row's sent mark: once
        return ids.length === 0 ? sent : deps.services.handoff.answeredOnDelivery(row, sent, first?.senderId)
      } catch (err) {
        return clientFailure(ctx, row, err, first)
      }
    },

    async editIn(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const p = row.payload as EditPayload
      const target = transcript.message(p.rowId)
      if (!target?.topicMessageId) return { status: 'sent' }
      const client = deps.services.handoff.client(clientId)
      // Sent as part of one message with other texts: that message shows the new text in its place
      const parts = transcript.byTopicMessage(clientId, target.topicMessageId)
      // Written before a team message above it in the topic, it said so: it still does
      const first = parts[0] ?? target
      const answeredAt =
        first.direction === 'in'
          ? transcript.teamInTopicAfter(clientId, first.createdAt, target.topicMessageId)
          : undefined
      const late = answeredAt === undefined ? undefined : { answeredAt, t }
      try {
        const combined = parts.length > 1 ? renderTexts(deps, parts, late) : undefined
        if (combined && parts[0]?.type === 'text') {
          await api.editMessageText(row.chatId, target.topicMessageId, combined.text, {
            ...NO_PREVIEW,
            entities: combined.entities,
          })
        } else if (combined) {
          await api.editMessageCaption(row.chatId, target.topicMessageId, {
            caption: combined.text,
            caption_entities: combined.entities,
          })
        } else {
          // What the owner typed keeps their name over it; the client's words, their mark
          const header = ownerHeader(target) ?? (late ? partMark(deps, target, late) : undefined)
          const { text, entities } = withHeader(p.text, p.entities, header, p.caption ? CAPTION_MAX : MESSAGE_MAX)
          await edit(row.chatId, target.topicMessageId, { ...p, text, ...(entities ? { entities } : {}) }, true, {})
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

    /**
     * A staff answer taken back (/unsend): its copies in the client's chat are deleted — in the
     * bot's chat one call a part, in the owner's Business chat all at once on the account's behalf,
     * with the connection's right to — and marked deleted in the transcript with the sent mark.
     * The topic is told under the answer that it went, or the true reason it did not: gone already
     * (the client deleted it: Telegram does not tell the bot), older than Telegram lets a bot
     * delete (48 hours), the owner's chat without the right. Done twice (a restart during the
     * call), Telegram finds nothing left to delete: that is this row's own deletion.
     */
    async unsend(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const p = row.payload as UnsendPayload
      const parts = transcript.messages(p.parts)
      // Under the answer in the topic: the one who typed /unsend waits for it
      const tell = (...lines: NoticeLine[]) => {
        if (deps.services.outbox.mayLeave())
          deps.services.handoff.notifyTopic(clientId, lines, { answering: true, replyToRowId: p.parts[0] })
      }
      const refused = (line: NoticeLine, reason: string): DeliveryResult => {
        tell(line)
        return { status: 'failed', reason }
      }
      const client = deps.services.handoff.client(clientId)
      if (!client || client.deletedAt !== null) return { status: 'failed', reason: 'client erased their data' }
      const copies = parts.filter((part) => part.clientMessageId !== null && part.deletedAt === null)
      if (copies.length === 0) {
        return parts.some((part) => part.deletedAt !== null)
          ? refused({ key: 'handoff-unsend-already' }, 'deleted already')
          : refused({ key: 'handoff-unsend-undelivered' }, 'never reached the client')
      }
      const deleted = (key: 'handoff-unsend-done' | 'handoff-unsend-gone'): DeliveryResult => ({
        status: 'sent',
        record: () => {
          const ids = copies.map((part) => part.id)
          transcript.markDeleted(ids)
          // It answers nothing now: a request it alone answered waits for its first answer again
          const unanswered = deps.services.handoff.answerTakenBack(clientId, ids)
          tell(
            { key },
            ...unanswered.map(
              (request): NoticeLine => ({
                key: 'handoff-unsend-unanswered',
                args: { opened: { time: request.openedAt } },
              }),
            ),
          )
        },
      })
      // All parts of one message are in one chat: the bot's, or the owner's account's
      const business = copies[0]?.businessConnectionId ?? null
      const ids = copies.map((part) => part.clientMessageId as number)
      const tried = row.attempts > 0
      try {
        if (business !== null) {
          const why = deps.services.business.deleteRefusal(business)
          if (why) return refused(ownerOnly(business, why), `business chat: ${why}`)
          await api.deleteBusinessMessages(business, ids)
          return deleted('handoff-unsend-done')
        }
        let gone = 0
        for (const id of ids) {
          try {
            await api.deleteMessage(row.chatId, id)
          } catch (err) {
            const failure = classifyTelegramError(err)
            if (failure.kind !== 'target-gone' || failure.stillThere) throw err
            gone++
          }
        }
        // Nothing was there: the client deleted it, unless an earlier try of this row did
        return deleted(gone === ids.length && !tried ? 'handoff-unsend-gone' : 'handoff-unsend-done')
      } catch (err) {
        const failure = classifyTelegramError(err)
        if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
        // A deletion done twice deletes nothing more: tried again, whether or not it arrived
        if ((transient(failure.kind) || failure.kind === 'network') && row.attempts < MAX_PERSON_ATTEMPTS) {
          return { status: 'retry', reason: failure.reason }
        }
        if (failure.kind === 'target-gone') {
          if (failure.stillThere) return refused({ key: 'handoff-unsend-too-old' }, failure.reason)
          // The owner's chat, all at once: a part not there is the client's deletion, or this row's
          return deleted(tried ? 'handoff-unsend-done' : 'handoff-unsend-gone')
        }
        if (failure.kind === 'business-closed' && business !== null) {
          return refused(ownerOnly(business, 'right'), failure.reason)
        }
        ctx.log.warn({ err, rowId: row.id }, 'could not delete a staff answer in the client’s chat')
        return refused({ key: 'handoff-unsend-failed', args: { reason: failure.reason } }, failure.reason)
      }
    },

    async editOut(row: OutboxRow): Promise<DeliveryResult> {
      const p = row.payload as EditPayload
      const target = transcript.message(p.rowId)
      if (!target?.clientMessageId) return { status: 'sent' }
      // In the chat the copy went to: an owner's Business chat is edited on the account's behalf
      const chat = target.businessConnectionId
      try {
        await edit(row.chatId, target.clientMessageId, p, false, chat ? { business_connection_id: chat } : {})
        return { status: 'sent' }
      } catch (err) {
        return clientFailure(ctx, row, err, target)
      }
    },
  }
}
