/**
 * Turns outbox rows (src/services/outbox.ts) into Bot API calls for the
 * handoff: relays between a client's chat and their topic, edits, the card,
 * the transcript and notices. It uses an Api without auto-retry: a 429 or a
 * failure comes back at once as a result, and the outbox waits with a timer
 * instead of blocking the bot.
 *
 * Nothing is dropped silently: what cannot be delivered is reported in the
 * client's topic with the reason; a lost topic is recreated with the card and
 * the whole transcript; a misconfigured group is explained to the owners once
 * per problem, and the rows wait until it is fixed.
 */
import { type Api, GrammyError, HttpError, InlineKeyboard, InputFile } from 'grammy'
import type { InputMediaAudio, InputMediaDocument, InputMediaPhoto, InputMediaVideo } from 'grammy/types'
import { updateClient } from '../../../db/repositories/clients.ts'
import { findActiveHandoff } from '../../../db/repositories/handoffs.ts'
import {
  findMessage,
  findMessages,
  lastMessageId,
  listTranscript,
  updateMessage,
} from '../../../db/repositories/messages.ts'
import type { OutboxRow } from '../../../db/repositories/outbox.ts'
import type { ClientRow, MessageRow } from '../../../db/schema.ts'
import { KvStorage } from '../../../db/storage.ts'
import type { Deps } from '../../deps.ts'
import { clientLocale, clientName } from '../../format.ts'
import { TOPIC_STATUS_KIND, topicTitle } from '../../services/desk/topic-status.ts'
import {
  type CardPayload,
  type ClientPromptPayload,
  type EditPayload,
  type NoticeLine,
  type NoticePayload,
  OUTBOX_KIND,
  type RelayPayload,
  type TranscriptPayload,
} from '../../services/handoff.ts'
import { type DeliveryResult, INTERRUPTED, type OutboxDeliverer } from '../../services/outbox.ts'
import { clip } from '../../text.ts'
import type { Translate } from '../context.ts'
import { createDeskDelivery } from '../desk/delivery.ts'
import { checkStaffGroup, type StaffGroupProblem } from '../staff-group-check.ts'
import { claimCallback, closeCallback } from './callbacks.ts'
import { fullName, renderCard, renderTranscript } from './card.ts'
import { excerpt, renderNotice } from './texts.ts'

/** Transient failures towards a client are retried this many times, then reported in the topic. */
const MAX_CLIENT_ATTEMPTS = 10
/** A misconfigured group is re-checked this often while rows wait. */
const MISCONFIG_RETRY_MS = 60_000

type Failure =
  | { kind: 'rate'; afterMs: number }
  | { kind: 'thread-lost' }
  | { kind: 'topic-closed' }
  | { kind: 'blocked' }
  | { kind: 'not-modified' }
  | { kind: 'source-gone' }
  | { kind: 'target-gone' }
  | { kind: 'misconfig' }
  | { kind: 'transient'; reason: string }
  | { kind: 'permanent'; reason: string }

function describe(err: unknown): string {
  if (err instanceof GrammyError) return err.description
  return err instanceof Error ? err.message : String(err)
}

/** What a failed call means for the handoff, by the chat it went to. */
export function classifyFailure(err: unknown, toGroup: boolean): Failure {
  if (err instanceof HttpError) return { kind: 'transient', reason: describe(err) }
  if (!(err instanceof GrammyError)) return { kind: 'transient', reason: describe(err) }
  const text = err.description
  if (err.error_code === 429) return { kind: 'rate', afterMs: (err.parameters.retry_after ?? 5) * 1000 }
  if (err.error_code >= 500) return { kind: 'transient', reason: text }
  if (/message thread not found|TOPIC_DELETED|TOPIC_ID_INVALID|thread_id_invalid/i.test(text))
    return { kind: 'thread-lost' }
  if (/TOPIC_CLOSED/i.test(text)) return { kind: 'topic-closed' }
  if (/message is not modified|TOPIC_NOT_MODIFIED/i.test(text)) return { kind: 'not-modified' }
  if (/message to copy not found|message_id_invalid|messages to copy not found|MESSAGE_IDS_EMPTY/i.test(text)) {
    return { kind: 'source-gone' }
  }
  if (/message to edit not found|message can't be edited|MESSAGE_EDIT_TIME_EXPIRED/i.test(text)) {
    return { kind: 'target-gone' }
  }
  if (toGroup) {
    if (
      err.error_code === 403 ||
      /chat not found|not enough rights|CHAT_ADMIN_REQUIRED|not a forum|CHAT_WRITE_FORBIDDEN|have no rights/i.test(text)
    ) {
      return { kind: 'misconfig' }
    }
  } else if (err.error_code === 403) {
    return { kind: 'blocked' }
  }
  return { kind: 'permanent', reason: text }
}

const problemFlags = (deps: Deps) => new KvStorage<{ at: number }>(deps.db, 'handoff:problem:', deps.clock.now)

/**
 * Records that the owners were told about these staff-group problems (the
 * start-up check tells them), so a handoff does not tell them again; cleared
 * once a topic can be created.
 */
export function markStaffGroupProblemsTold(deps: Deps, problems: readonly StaffGroupProblem[]): void {
  const flags = problemFlags(deps)
  for (const p of problems) flags.write(p, { at: deps.clock.now() })
}

interface CardRef {
  topicId: number
  messageId: number
}

export function createHandoffDelivery(deps: Deps, api: Api, botId: () => number): OutboxDeliverer {
  const { db, config, services } = deps
  const group = config.STAFF_GROUP_ID
  const log = deps.logger.child({ module: 'handoff-delivery' })
  const cards = new KvStorage<CardRef>(db, 'handoff:card:', deps.clock.now)
  /** Set when a client's topic was lost, until the new one has the whole transcript. */
  const lost = new KvStorage<{ at: number }>(db, 'handoff:topic-lost:', deps.clock.now)
  const problems = problemFlags(deps)
  /** Clients whose topic Telegram refused even under a neutral name (owners told once). */
  const refused = new KvStorage<{ at: number }>(db, 'handoff:topic-refused:', deps.clock.now)
  const t: Translate = (key, args) => deps.i18n.t(config.DEFAULT_LOCALE, key, args)

  const html = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } }

  function claimKeyboard(clientId: number): InlineKeyboard | undefined {
    const active = findActiveHandoff(db, clientId)
    if (!active || active.managerId) return undefined
    return new InlineKeyboard().text(t('handoff-claim-button'), claimCallback.pack(clientId))
  }

  /** Tells the topic; queued behind what is already queued there. */
  function report(clientId: number | null, lines: NoticeLine[]): void {
    if (clientId !== null) services.handoff.notifyTopic(clientId, lines)
  }

  // ------------------------------------------------------------ the staff group's health

  /** Finds out what is wrong with the group and tells the owners about each new problem once. */
  async function misconfigured(known?: StaffGroupProblem[]): Promise<DeliveryResult> {
    let found: StaffGroupProblem[] = known ?? []
    if (!known) {
      try {
        found = await checkStaffGroup(api, group, botId())
      } catch (err) {
        log.warn({ err }, 'could not check the staff group')
      }
    }
    const fresh = found.filter((p) => !problems.read(p))
    if (fresh.length > 0) {
      for (const p of fresh) problems.write(p, { at: deps.clock.now() })
      services.handoff.notifyOwners([
        { key: 'staff-check-title' },
        ...fresh.map((p) => ({ key: `staff-check-${p}` as const })),
      ])
    }
    log.error({ problems: found }, 'the staff group is not usable for handoffs; messages wait until it is fixed')
    return {
      status: 'retry',
      afterMs: MISCONFIG_RETRY_MS,
      // The whole group waits (every client's rows), re-checked once a minute
      holdChat: true,
      reason: `staff group not ready: ${found.join(', ') || 'unknown'}`,
    }
  }

  function groupIsHealthy(): void {
    for (const p of ['not-found', 'not-supergroup', 'topics-off', 'bot-not-admin', 'no-topic-rights'] as const) {
      if (problems.read(p)) problems.delete(p)
    }
  }

  // ------------------------------------------------------------ topic and card

  /** The topic's name without its status mark. */
  function topicName(client: ClientRow): string {
    const handle = client.username ? ` @${client.username}` : ''
    // Telegram allows 128 characters; clip() never splits an emoji into an invalid half
    return clip(`${fullName(client)}${handle} · #${client.id}`, 128)
  }

  /** Posts the card and pins it; returns how many messages it put into the group. */
  async function postCard(client: ClientRow, topicId: number): Promise<number> {
    const text = renderCard(deps, client.id) ?? ''
    const sent = await api.sendMessage(group, text, {
      ...html,
      message_thread_id: topicId,
      reply_markup: claimKeyboard(client.id),
    })
    cards.write(String(client.id), { topicId, messageId: sent.message_id })
    try {
      await api.pinChatMessage(group, sent.message_id, { disable_notification: true })
    } catch (err) {
      log.warn({ err, clientId: client.id }, 'could not pin the client card')
    }
    return 2
  }

  /**
   * The client's topic, created (with the card, and — after a lost topic — the
   * whole transcript) when there is none. Returns the thread id and how many
   * messages that took, or the result to report when the group is not usable.
   */
  async function ensureTopic(
    clientId: number,
  ): Promise<
    { ok: true; topicId: number; count: number; cardPosted: boolean } | { ok: false; result: DeliveryResult }
  > {
    const client = services.handoff.client(clientId)
    if (!client) return { ok: false, result: { status: 'failed', reason: 'client not found' } }
    // An erased client (/forget) never gets a topic again: their name is gone, and so is the request
    if (client.deletedAt !== null)
      return { ok: false, result: { status: 'failed', reason: 'client erased their data' } }
    if (client.topicId !== null) return { ok: true, topicId: client.topicId, count: 0, cardPosted: false }
    // Created with the request's status mark, so no rename follows
    const status = services.topicStatus.wanted(clientId).status
    let neutral = false
    let topicId: number
    try {
      topicId = (await api.createForumTopic(group, topicTitle(status, topicName(client)))).message_thread_id
    } catch (err) {
      const failure = classifyFailure(err, true)
      if (failure.kind === 'rate') return { ok: false, result: rateResult(failure.afterMs) }
      if (failure.kind === 'transient') return { ok: false, result: { status: 'retry', reason: failure.reason } }
      let found: StaffGroupProblem[]
      try {
        found = await checkStaffGroup(api, group, botId())
      } catch {
        return { ok: false, result: { status: 'retry', reason: 'could not check the staff group' } }
      }
      if (found.length > 0) return { ok: false, result: await misconfigured(found) }
      // The group is fine, so Telegram refused this topic (e.g. its name): one client's
      // problem must not hold every other client's messages. A neutral name, once.
      try {
        topicId = (await api.createForumTopic(group, topicTitle(status, `#${client.id}`))).message_thread_id
        neutral = true
      } catch (retryErr) {
        log.error({ err: retryErr, clientId }, 'topic could not be created for this client')
        if (!refused.read(String(clientId))) {
          refused.write(String(clientId), { at: deps.clock.now() })
          services.handoff.notifyOwners([{ key: 'handoff-topic-failed', args: { id: String(client.id) } }], clientId)
        }
        return { ok: false, result: { status: 'failed', reason: 'the topic could not be created' } }
      }
    }
    updateClient(db, clientId, { topicId })
    services.topicStatus.markApplied(clientId, { status, closed: false, ...(neutral ? { neutral } : {}) })
    groupIsHealthy()
    log.info({ clientId, topicId }, 'client topic created')
    let count = 1 + (await postCard({ ...client, topicId }, topicId))
    if (lost.read(String(clientId))) {
      // The old topic is gone with its history: the new one gets all of it
      const toId = lastMessageId(db, clientId)
      count += await postTranscript(clientId, topicId, listTranscript(db, clientId, { afterId: 0, toId }))
      services.handoff.markTranscript(clientId, toId)
      await api.sendMessage(group, t('handoff-topic-recreated'), { ...html, message_thread_id: topicId })
      count++
      lost.delete(String(clientId))
    }
    return { ok: true, topicId, count, cardPosted: true }
  }

  /** Telegram says the topic is gone: forget it, so the next try creates a new one. */
  function topicLost(clientId: number): DeliveryResult {
    updateClient(db, clientId, { topicId: null })
    lost.write(String(clientId), { at: deps.clock.now() })
    services.handoff.resetTranscriptMark(clientId)
    services.topicStatus.forget(clientId)
    log.warn({ clientId }, 'client topic was deleted; it will be recreated')
    return { status: 'retry', afterMs: 0, reason: 'topic deleted: recreating it', count: 0 }
  }

  function rateResult(afterMs: number): DeliveryResult {
    return { status: 'retry', afterMs, reason: `429: retry after ${afterMs / 1000}s`, holdChat: true, count: 0 }
  }

  /**
   * What to do after a call into the client's topic failed. A closed topic is
   * reopened; a lost one recreated; a misconfigured group reported to owners.
   */
  async function groupFailure(
    row: OutboxRow,
    clientId: number,
    topicId: number,
    err: unknown,
    count: number,
    onPermanent: (reason: string) => DeliveryResult,
  ): Promise<DeliveryResult> {
    const failure = classifyFailure(err, true)
    switch (failure.kind) {
      case 'rate':
        return { ...rateResult(failure.afterMs), count }
      case 'thread-lost':
        return { ...topicLost(clientId), count }
      case 'topic-closed':
        try {
          await api.reopenForumTopic(group, topicId)
          return { status: 'retry', afterMs: 0, reason: 'topic was closed: reopened it', count }
        } catch (reopenErr) {
          log.warn({ err: reopenErr, clientId }, 'could not reopen the client topic')
          return { ...(await misconfigured()), count }
        }
      case 'misconfig':
        return { ...(await misconfigured()), count }
      case 'transient':
        return { status: 'retry', reason: failure.reason, count }
      case 'not-modified':
        return { status: 'sent', count }
      case 'source-gone':
        return onPermanent(t('handoff-reason-source-gone'))
      case 'target-gone':
        return onPermanent(t('handoff-reason-target-gone'))
      default:
        log.warn({ err, rowId: row.id }, 'call into the staff group failed')
        return onPermanent('reason' in failure ? failure.reason : failure.kind)
    }
  }

  async function postTranscript(clientId: number, topicId: number, rows: MessageRow[]): Promise<number> {
    if (rows.length === 0) return 0
    const rendered = renderTranscript(deps, clientId, rows)
    if (rendered.kind === 'message') {
      await api.sendMessage(group, rendered.html, { ...html, message_thread_id: topicId })
    } else {
      await api.sendDocument(group, new InputFile(Buffer.from(rendered.html, 'utf8'), rendered.filename), {
        caption: rendered.caption,
        message_thread_id: topicId,
      })
    }
    return 1
  }

  // ------------------------------------------------------------ relays

  function replyParameters(messageId: number | null | undefined) {
    return messageId ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {}
  }

  /** An album as InputMedia from stored file ids (to send it as a reply, which copyMessages cannot). */
  function albumMedia(rows: MessageRow[]) {
    const media: (InputMediaPhoto | InputMediaVideo | InputMediaDocument | InputMediaAudio)[] = []
    for (const row of rows) {
      if (!row.fileId || !['photo', 'video', 'document', 'audio'].includes(row.type)) return undefined
      media.push({
        type: row.type as 'photo',
        media: row.fileId,
        ...(row.text ? { caption: row.text } : {}),
      })
    }
    return media
  }

  /**
   * Copies one message or an album; returns the new ids in order (an album
   * may come back shorter when some part was deleted meanwhile).
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

  async function relayIn(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as RelayPayload
    const topic = await ensureTopic(clientId)
    if (!topic.ok) return topic.result
    let count = topic.count
    const replyTo = p.replyToRowId ? findMessage(db, p.replyToRowId)?.topicMessageId : undefined
    try {
      if (row.lastError?.startsWith(INTERRUPTED)) {
        await api.sendMessage(group, t('handoff-topic-resumed'), { message_thread_id: topic.topicId })
        count++
      }
      const ids = await copy(group, p, replyTo, { message_thread_id: topic.topicId })
      ids.forEach((id, i) => {
        const rowId = p.rowIds[i]
        if (rowId !== undefined) updateMessage(db, rowId, { topicMessageId: id })
      })
      if (ids.length < p.messageIds.length) {
        report(clientId, [
          { key: 'handoff-topic-album-partial', args: { sent: ids.length, total: p.messageIds.length } },
        ])
      }
      return { status: 'sent', messageId: ids[0] ?? null, count: count + ids.length }
    } catch (err) {
      return groupFailure(row, clientId, topic.topicId, err, count, (reason) => {
        report(clientId, [
          {
            key: 'handoff-topic-copy-failed',
            args: { reason, excerpt: excerpt(deps, findMessage(db, p.rowIds[0] ?? 0)) },
          },
        ])
        return { status: 'failed', reason, count }
      })
    }
  }

  /** A failure sending to the client: blocked, gone, or retried a while and then reported. */
  function clientFailure(row: OutboxRow, err: unknown, what: MessageRow | undefined): DeliveryResult {
    const clientId = row.clientId as number
    const failure = classifyFailure(err, false)
    if (failure.kind === 'rate') return rateResult(failure.afterMs)
    if (failure.kind === 'transient' && row.attempts < MAX_CLIENT_ATTEMPTS) {
      return { status: 'retry', reason: failure.reason }
    }
    if (failure.kind === 'not-modified') return { status: 'sent' }
    if (failure.kind === 'blocked') {
      services.clients.markBlocked(row.chatId)
      report(clientId, [{ key: 'handoff-topic-blocked', args: { excerpt: excerpt(deps, what) } }])
      return { status: 'failed', reason: 'client blocked the bot' }
    }
    const reason =
      failure.kind === 'source-gone'
        ? t('handoff-reason-source-gone')
        : failure.kind === 'target-gone'
          ? t('handoff-reason-target-gone')
          : 'reason' in failure
            ? failure.reason
            : failure.kind
    const key = row.method === OUTBOX_KIND.editOut ? 'handoff-topic-edit-failed' : 'handoff-topic-undelivered'
    report(clientId, [{ key, args: { reason, excerpt: excerpt(deps, what) } }])
    return { status: 'failed', reason }
  }

  async function relayOut(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as RelayPayload
    const first = findMessage(db, p.rowIds[0] ?? 0)
    const client = services.handoff.client(clientId)
    if (!client || client.deletedAt !== null || client.telegramId !== row.chatId) {
      report(clientId, [{ key: 'handoff-topic-deleted-client' }])
      return { status: 'failed', reason: 'client erased their data' }
    }
    const replyTo = p.replyToRowId ? findMessage(db, p.replyToRowId)?.clientMessageId : undefined
    try {
      const ids = await copy(row.chatId, p, replyTo, {})
      ids.forEach((id, i) => {
        const rowId = p.rowIds[i]
        if (rowId !== undefined) updateMessage(db, rowId, { clientMessageId: id })
      })
      if (ids.length < p.messageIds.length) {
        report(clientId, [
          { key: 'handoff-topic-album-partial', args: { sent: ids.length, total: p.messageIds.length } },
        ])
      }
      return { status: 'sent', messageId: ids[0] ?? null }
    } catch (err) {
      return clientFailure(row, err, first)
    }
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

  async function editIn(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as EditPayload
    const target = findMessage(db, p.rowId)
    if (!target?.topicMessageId) return { status: 'sent', count: 0 }
    const client = services.handoff.client(clientId)
    try {
      await edit(group, target.topicMessageId, p, true)
      return { status: 'sent' }
    } catch (err) {
      return groupFailure(row, clientId, client?.topicId ?? 0, err, 0, (reason) => {
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
  }

  async function editOut(row: OutboxRow): Promise<DeliveryResult> {
    const p = row.payload as EditPayload
    const target = findMessage(db, p.rowId)
    if (!target?.clientMessageId) return { status: 'sent' }
    try {
      await edit(row.chatId, target.clientMessageId, p, false)
      return { status: 'sent' }
    } catch (err) {
      return clientFailure(row, err, target)
    }
  }

  // ------------------------------------------------------------ card, transcript, notices

  async function card(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as CardPayload
    const topic = await ensureTopic(clientId)
    if (!topic.ok) return topic.result
    if (topic.cardPosted) return { status: 'sent', count: topic.count }
    const client = services.handoff.client(clientId)
    if (!client) return { status: 'failed', reason: 'client not found' }
    const ref = cards.read(String(clientId))
    try {
      if (p.repost || !ref || ref.topicId !== topic.topicId) {
        return { status: 'sent', count: topic.count + (await postCard(client, topic.topicId)) }
      }
      const text = renderCard(deps, clientId) ?? ''
      try {
        await api.editMessageText(group, ref.messageId, text, { ...html, reply_markup: claimKeyboard(clientId) })
      } catch (err) {
        const failure = classifyFailure(err, true)
        if (failure.kind === 'not-modified') return { status: 'sent', count: 0 }
        // The card message was deleted: post a new one
        if (failure.kind !== 'target-gone') throw err
        return { status: 'sent', count: await postCard(client, topic.topicId) }
      }
      return { status: 'sent', count: 1 }
    } catch (err) {
      return groupFailure(row, clientId, topic.topicId, err, topic.count, (reason) => ({ status: 'failed', reason }))
    }
  }

  async function transcript(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as TranscriptPayload
    const topic = await ensureTopic(clientId)
    if (!topic.ok) return topic.result
    // Messages copied into the topic one by one are there already
    const rows = listTranscript(db, clientId, { afterId: p.afterId, toId: p.toId }).filter(
      (r) => p.all || r.direction === 'bot' || (r.direction === 'in' && r.topicMessageId === null),
    )
    try {
      return { status: 'sent', count: topic.count + (await postTranscript(clientId, topic.topicId, rows)) }
    } catch (err) {
      return groupFailure(row, clientId, topic.topicId, err, topic.count, (reason) => ({ status: 'failed', reason }))
    }
  }

  async function notice(row: OutboxRow): Promise<DeliveryResult> {
    const clientId = row.clientId as number
    const p = row.payload as NoticePayload
    const topic = await ensureTopic(clientId)
    if (!topic.ok) return topic.result
    try {
      const sent = await api.sendMessage(group, renderNotice(deps, p.lines), {
        ...html,
        message_thread_id: topic.topicId,
        reply_markup: p.claim ? claimKeyboard(clientId) : undefined,
      })
      return { status: 'sent', messageId: sent.message_id, count: topic.count + 1 }
    } catch (err) {
      return groupFailure(row, clientId, topic.topicId, err, topic.count, (reason) => ({ status: 'failed', reason }))
    }
  }

  async function ownerAlert(row: OutboxRow): Promise<DeliveryResult> {
    const p = row.payload as NoticePayload
    try {
      const sent = await api.sendMessage(row.chatId, renderNotice(deps, p.lines), html)
      return { status: 'sent', messageId: sent.message_id }
    } catch (err) {
      const failure = classifyFailure(err, false)
      if (failure.kind === 'rate') return rateResult(failure.afterMs)
      if (failure.kind === 'transient' && row.attempts < MAX_CLIENT_ATTEMPTS)
        return { status: 'retry', reason: failure.reason }
      log.warn({ err, ownerId: row.chatId }, 'could not alert an owner')
      return { status: 'failed', reason: describe(err) }
    }
  }

  async function clientPrompt(row: OutboxRow): Promise<DeliveryResult> {
    const p = row.payload as ClientPromptPayload
    const client = services.handoff.client(row.clientId as number)
    if (!client || client.telegramId !== row.chatId) return { status: 'failed', reason: 'client erased their data' }
    const handoff = services.handoff.handoff(p.handoffId)
    if (handoff?.status !== 'closing') return { status: 'sent' } // answered or reopened meanwhile
    const locale = clientLocale(client, deps)
    const text = deps.i18n.t(locale, 'handoff-close-question', {
      name: clientName(client) || deps.i18n.t(locale, 'start-friend'),
    })
    try {
      const sent = await api.sendMessage(row.chatId, text, {
        reply_markup: new InlineKeyboard()
          .text(deps.i18n.t(locale, 'handoff-close-yes'), closeCallback.pack(p.handoffId, 'yes'))
          .text(deps.i18n.t(locale, 'handoff-close-no'), closeCallback.pack(p.handoffId, 'no')),
      })
      // This Api does not record: the transcript gets the question here
      services.handoff.recordBot(client.id, { type: 'text', text, fileId: null }, sent.message_id)
      return { status: 'sent', messageId: sent.message_id }
    } catch (err) {
      const result = clientFailure(row, err, { type: 'text', text } as MessageRow)
      if (result.status === 'failed') services.handoff.closeQuestionFailed(p.handoffId)
      return result
    }
  }

  const desk = createDeskDelivery(deps, api, {
    group,
    classifyFailure,
    ensureTopic,
    topicFailure: (row, { clientId, topicId, count }, err) =>
      groupFailure(row, clientId, topicId, err, count, (reason) => ({ status: 'failed', reason, count })),
    clientFailure,
    rateResult,
    misconfigured: () => misconfigured(),
    topicName,
    report,
  })

  const handlers: Record<string, (row: OutboxRow) => Promise<DeliveryResult>> = {
    ...desk.handlers,
    [OUTBOX_KIND.relayIn]: relayIn,
    [OUTBOX_KIND.relayOut]: relayOut,
    [OUTBOX_KIND.editIn]: editIn,
    [OUTBOX_KIND.editOut]: editOut,
    [OUTBOX_KIND.card]: card,
    [OUTBOX_KIND.transcript]: transcript,
    [OUTBOX_KIND.notice]: notice,
    [OUTBOX_KIND.ownerAlert]: ownerAlert,
    [OUTBOX_KIND.clientPrompt]: clientPrompt,
  }

  return {
    async deliver(row) {
      const handler = handlers[row.method]
      if (!handler) return { status: 'failed', reason: `unknown outbox method ${row.method}` }
      return handler(row)
    },

    weight(row) {
      if (row.chatId !== group) return 1
      // A status row never creates a topic: it only renames, closes or reopens one
      if (row.method === TOPIC_STATUS_KIND) return desk.weight(row) ?? 1
      let weight = desk.weight(row) ?? 1
      if (row.method === OUTBOX_KIND.relayIn) weight = (row.payload as RelayPayload).messageIds.length
      else if (row.method === OUTBOX_KIND.card) weight = 2
      const client = row.clientId === null ? undefined : services.handoff.client(row.clientId)
      // A topic to create: the topic, the card and its pin (and the transcript after a loss)
      if (client && client.topicId === null) weight += lost.read(String(client.id)) ? 5 : 3
      return weight
    },

    interrupted(row) {
      const decided = desk.interrupted(row)
      if (decided) return decided
      // Towards the staff: a possible repeat (marked as such) is better than a lost client message.
      // Towards a client: a person decides, the client never gets a silent duplicate.
      if (row.method === OUTBOX_KIND.clientPrompt) return 'resend' // the buttons make a repeat harmless
      if (row.method === OUTBOX_KIND.relayOut || row.method === OUTBOX_KIND.editOut) {
        const p = row.payload as RelayPayload | EditPayload
        const what = findMessage(db, 'rowIds' in p ? (p.rowIds[0] ?? 0) : p.rowId)
        report(row.clientId, [{ key: 'handoff-topic-uncertain', args: { excerpt: excerpt(deps, what) } }])
        return 'give-up'
      }
      return 'resend'
    },
  }
}
