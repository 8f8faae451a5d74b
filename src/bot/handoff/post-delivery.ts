/**
 * The rows that are not relays, as Bot API calls: the client card (edited in
 * place, posted with a new topic) and its pin (the card pinned before unpinned),
 * the transcript, anything posted for staff (notices, reminders, answers to
 * staff commands, with buttons or a file; into the client's topic or General),
 * alerts to owners, and messages to a person's private chat (what staff send a
 * client, a Telegram invoice, the close question, an apology).
 */
import { InlineKeyboard, InputFile } from 'grammy'
import type { MessageRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { clientLocale, clientNumber, offHoursSilence, personLocale } from '../../format.ts'
import {
  assignedOnDuty,
  type CardPayload,
  type ClientPromptPayload,
  type InvoicePayload,
  type InvoiceSummaryPayload,
  type MessagePayload,
  OUTBOX_KIND,
  type OwnerAlertPayload,
  type PinPayload,
  type PostButtonsPayload,
  type StaffPostPayload,
  type TranscriptPayload,
} from '../../services/handoff/index.ts'
import type { DeliveryResult, OutboxRow } from '../../services/outbox.ts'
import { describeClientForStaff } from '../../services/staff-bridge.ts'
import { clip, MESSAGE_MAX } from '../../text.ts'
import { toMarkup } from '../buttons.ts'
import { reportUnreachable, rowChat } from '../client-chat.ts'
import { clientVoice, invoiceStageNow, orderDue, paymentText, paymentTitle } from '../followup-texts.ts'
import { escapeHtml, htmlLength } from '../html.ts'
import { paymentKeyboard } from '../keyboards/followups.ts'
import { clientMarkup } from '../keyboards/main-menu.ts'
import { classifyTelegramError, type TelegramFailureKind } from '../telegram-errors.ts'
import { fallBackToDetails, sendTelegramInvoice } from '../telegram-invoice.ts'
import { closeCallback } from './callbacks.ts'
import { renderCard } from './card.ts'
import {
  clientFailure,
  type DeliveryContext,
  groupFailure,
  MAX_PERSON_ATTEMPTS,
  rateResult,
  transient,
} from './failures.ts'
import { describeMessage } from './message-entry.ts'
import { joiningAfter, renderTexts, stayedIn } from './relay-delivery.ts'
import { ALERTS_APART, botSentLine, closeQuestionText, ownerAlertText, renderNotice, sentEcho } from './texts.ts'
import { HTML, type TopicKeeper } from './topic-keeper.ts'

const failed = (reason: string): DeliveryResult => ({ status: 'failed', reason })

/** Alerts sent as one message at most: more than fit into its 4,096 characters, which decide. */
const ALERTS_MAX = 200

/**
 * An alert that may go together with others in one message: no buttons of its own, nothing told
 * elsewhere or owed on failure (a welcome).
 */
const joins = (row: OutboxRow): boolean => {
  const p = row.payload as OwnerAlertPayload
  return p.buttons === undefined && p.unreachable === undefined && p.welcome === undefined
}
/** Telegram's ways of saying a person cannot be written to at all (see OwnerAlertPayload.unreachable). */
const UNREACHABLE = new Set<TelegramFailureKind>(['not-started', 'blocked', 'chat-gone'])

/**
 * The client's photos, voice messages and files before the request follow its history into
 * the topic as themselves (the history only names them), the most recent this many.
 */
export const MEDIA_AFTER_TRANSCRIPT = 5

/** Posts of what the bot said taken into the history queued before them, at most (a long one goes as a file). */
const BOT_POSTS_TAKEN = 10

/**
 * A card's pin whose card is no longer the client's card, or soon will not be: a newer one was
 * posted while it waited, or is queued after it to be posted (`/card` twice in a busy hour) — its
 * own pin follows it. It goes without a call, and weighs nothing in the group's budget: a pin is
 * one of the group's 20 messages a minute, and only the newest card's matters.
 */
export function pinSuperseded(deps: Deps, row: OutboxRow): boolean {
  if (row.method !== OUTBOX_KIND.pin || row.clientId === null) return false
  const current = deps.services.handoff.topics.card(row.clientId)
  if (current !== undefined && current.messageId !== (row.payload as PinPayload).messageId) return true
  const next = deps.services.outbox.pending({ chatId: row.chatId, clientId: row.clientId }, OUTBOX_KIND.card)
  return next !== undefined && next.id > row.id && (next.payload as CardPayload).repost === true
}

/**
 * A card row that edits the card where it is: an edit-only refresh, or a full one (not posted
 * again, not asked for) of a card that is in the client's topic of this group now. Its place
 * among the topic's messages is the card's, wherever the row goes in the lane (the outbox's
 * upkeep). Should the card be gone by the time it goes, it is posted then, as the card is anyway.
 */
export function editsCardInPlace(deps: Deps, row: OutboxRow): boolean {
  if (row.method !== OUTBOX_KIND.card || row.clientId === null) return false
  const p = row.payload as CardPayload
  if (p.editOnly) return true
  if (p.repost || p.answering) return false
  const topicId = deps.services.handoff.client(row.clientId)?.topicId ?? null
  return topicId !== null && deps.services.handoff.topics.cardIn(row.clientId, row.chatId, topicId) !== undefined
}

export function createPostDelivery(ctx: DeliveryContext, keeper: TopicKeeper) {
  const { deps, api, log } = ctx
  const { handoff } = deps.services

  /**
   * The text of a staff post: rendered notice lines (HTML), or the ready text as it is, or what
   * the bot said (`said`, the lines of its `botRows`: plain, as much as one message holds).
   */
  function postText(p: StaffPostPayload, who: string | undefined, said?: string[]): { text: string; html: boolean } {
    const html = p.lines !== undefined || p.after !== undefined || p.html === true
    const own = p.text ?? (said && clip(said.join('\n\n'), MESSAGE_MAX))
    const ready = own === undefined ? '' : html && !p.html ? escapeHtml(own) : own
    const about = who ? `👤 ${html ? escapeHtml(who) : who}` : ''
    const text = [p.lines ? renderNotice(deps, p.lines) : '', ready, p.after ? renderNotice(deps, p.after) : '']
      .filter(Boolean)
      .join('\n')
    return { text: about ? `${text}\n\n${about}` : text, html }
  }

  /** The bot's messages to the client in the transcript's rows `rowIds` that a post shows (`botSentLine`): those with words. */
  function botSaid(rowIds: readonly number[]): MessageRow[] {
    return handoff.transcript.messages(rowIds).filter((r) => r.text)
  }

  /**
   * What the bot said to the client in the posts of it (`StaffPostPayload.botRows`) queued right
   * after `row` in its lane (past its upkeep), as many as fit into `room` characters of its message (each as a
   * post shows it, `botSentLine`): taken along, to go in its message. Its rows, in order.
   */
  function botWordsAfter(row: OutboxRow, room = Number.POSITIVE_INFINITY): MessageRow[] {
    let left = room
    const taken = deps.services.outbox.takeFollowing(
      row,
      BOT_POSTS_TAKEN,
      (next) => {
        const rows = next.method === OUTBOX_KIND.staffPost ? (next.payload as StaffPostPayload).botRows : undefined
        if (rows === undefined) return false
        left -= botSaid(rows).reduce((sum, r) => sum + 2 + botSentLine(deps, r).length, 0)
        return left >= 0
      },
      // The topic's rename a new request queued in between is no reason for a message more
      { pastUpkeep: true },
    )
    return handoff.transcript.messages(taken.flatMap((r) => (r.payload as StaffPostPayload).botRows ?? []))
  }

  /** Buttons of a staff post, with "take this client" when asked for and nobody has. */
  function postMarkup(p: StaffPostPayload, clientId: number | null) {
    const claim = p.claim && clientId !== null ? keeper.claimKeyboard(clientId) : undefined
    const rows = [...(p.buttons ?? [])]
    const markup = toMarkup(rows)
    if (!claim) return markup
    return { inline_keyboard: [...(markup?.inline_keyboard ?? []), ...claim.inline_keyboard] }
  }

  /**
   * The client a post names under its text (`placeOf`'s `who`): in General, where no topic says
   * who it is about, or asked for (`named`). For an edit of it, as the topic stands now.
   */
  function namedIn(row: OutboxRow, p: StaffPostPayload): string | undefined {
    if (row.clientId === null) return undefined
    const client = handoff.client(row.clientId)
    if (p.general && !client?.topicId) return client ? describeClientForStaff(client) : clientNumber(row.clientId)
    return p.named && client ? describeClientForStaff(client) : undefined
  }

  /**
   * A staff post already sent (`message`), edited by `row` to what `p` holds now: its buttons, and
   * `withText` its text too, in one edit. A post deleted meanwhile, or already so, is done. A
   * message to the client (`toClient`): its buttons alone, in their chat with the bot.
   */
  async function editPost(
    row: OutboxRow,
    message: { chatId: number; messageId: number },
    p: StaffPostPayload | MessagePayload,
    { withText, toClient = false }: { withText: boolean; toClient?: boolean },
  ): Promise<DeliveryResult> {
    const markup = toClient ? toMarkup((p as MessagePayload).buttons) : postMarkup(p as StaffPostPayload, row.clientId)
    try {
      if (withText) {
        const post = p as StaffPostPayload
        const { text, html } = postText(post, namedIn(row, post))
        await api.editMessageText(message.chatId, message.messageId, text, {
          ...(html ? { parse_mode: 'HTML' as const } : {}),
          link_preview_options: { is_disabled: true },
          reply_markup: markup ?? { inline_keyboard: [] },
        })
        return { status: 'sent' }
      }
      await api.editMessageReplyMarkup(message.chatId, message.messageId, {
        reply_markup: markup ?? { inline_keyboard: [] },
      })
      return { status: 'sent' }
    } catch (err) {
      const failure = classifyTelegramError(err)
      // Already without it, or the post was deleted: nothing left to take off. A client who
      // blocked the bot (or is gone) sees nothing of it
      if (failure.kind === 'not-modified' || failure.kind === 'target-gone') return { status: 'sent' }
      if (toClient && UNREACHABLE.has(failure.kind)) return { status: 'sent' }
      if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
      if (transient(failure.kind)) return { status: 'retry', reason: failure.reason }
      log.warn({ err, clientId: row.clientId, reason: failure.kind }, 'could not change the buttons of a post')
      return failed(failure.reason)
    }
  }

  /** Where a staff post goes: the client's topic (created if needed), or General; `who`: the client it names under it. */
  async function placeOf(
    row: OutboxRow,
    p: StaffPostPayload,
  ): Promise<{ ok: true; topicId?: number; who?: string } | { ok: false; result: DeliveryResult }> {
    if (row.clientId === null) return { ok: true, ...(p.threadId === undefined ? {} : { topicId: p.threadId }) }
    const who = namedIn(row, p)
    if (p.general && !handoff.client(row.clientId)?.topicId) return { ok: true, ...(who ? { who } : {}) }
    const topic = await keeper.ensure(row)
    if (!topic.ok) return topic
    return { ok: true, topicId: topic.topicId, ...(who ? { who } : {}) }
  }

  /**
   * A message to a person: sent, or (a client) reported in their topic when it cannot be.
   * An owner's alert about a client keeps the client's id (/forget deletes it while queued),
   * but it is the owner who did not get it: logged, never told to the client's topic as theirs.
   */
  async function toPerson(row: OutboxRow, text: string, extra: Record<string, unknown>): Promise<DeliveryResult> {
    // A team member's or an owner's chat (no client, or an alert about one): silent after hours
    const team = row.clientId === null || row.method === OUTBOX_KIND.ownerAlert
    const quiet = team ? offHoursSilence(deps.content.get(), deps.clock.now()) : {}
    try {
      const sent = await api.sendMessage(row.chatId, text, {
        link_preview_options: { is_disabled: true },
        ...quiet,
        ...extra,
      })
      return { status: 'sent', messageId: sent.message_id }
    } catch (err) {
      if (!team) return clientFailure(ctx, row, err, { type: 'text', text })
      const failure = classifyTelegramError(err)
      if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
      if (transient(failure.kind) && row.attempts < MAX_PERSON_ATTEMPTS)
        return { status: 'retry', reason: failure.reason }
      log.warn({ err, rowId: row.id, method: row.method }, 'a message to a person could not be delivered')
      const alert = row.method === OUTBOX_KIND.ownerAlert ? (row.payload as OwnerAlertPayload) : undefined
      if (alert && UNREACHABLE.has(failure.kind)) {
        const [first, ...rest] = alert.unreachable?.lines ?? []
        if (alert.unreachable && first)
          handoff.tellPerson(alert.unreachable.chatId, [
            { ...first, args: { ...first.args, why: failure.kind } },
            ...rest,
          ])
        // Theirs when they open the bot: their /start is answered with it
        if (alert.welcome) deps.services.staff.welcomeOwed(row.chatId, true)
      }
      return failed(failure.reason)
    }
  }

  /** The card as the data stands now, over the message it was posted as (not sent when it shows that already). */
  async function editCard(chatId: number, messageId: number, clientId: number): Promise<void> {
    const text = renderCard(deps, clientId) ?? ''
    const markup = keeper.claimKeyboard(clientId)
    if (keeper.card.shows(chatId, messageId, text, markup)) return
    try {
      await api.editMessageText(chatId, messageId, text, { ...HTML, reply_markup: markup })
    } catch (err) {
      // It shows this already (the callers take "not modified" as done): known from now on
      if (classifyTelegramError(err).kind === 'not-modified') keeper.card.shown(chatId, messageId, text, markup)
      throw err
    }
    keeper.card.shown(chatId, messageId, text, markup)
  }

  /**
   * An edit-only refresh of the card (`CardPayload.editOnly`): the card where it is, or nothing.
   * The card or the topic gone, or the card moved to another topic, stays so: the next full
   * refresh (a request, a booking, a payment) deals with that, not a reminder going out.
   */
  async function editCardInPlace(row: OutboxRow, clientId: number): Promise<DeliveryResult> {
    const ref = handoff.topics.cardIn(clientId, row.chatId, handoff.client(clientId)?.topicId ?? null)
    if (!ref) return { status: 'sent' }
    try {
      await editCard(row.chatId, ref.messageId, clientId)
    } catch (err) {
      const failure = classifyTelegramError(err)
      if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
      if (transient(failure.kind) && row.attempts < MAX_PERSON_ATTEMPTS)
        return { status: 'retry', reason: failure.reason }
      // Unchanged, deleted with its topic, or refused: the card stays as it was until the next full refresh
      if (failure.kind !== 'not-modified')
        log.info({ clientId, reason: failure.kind }, 'the card was not edited in place')
    }
    return { status: 'sent' }
  }

  /** This Api does not record: the client's transcript gets a message sent to them here. */
  /**
   * A text the bot sent the client, delivered: its transcript row (`by`: the team member whose
   * command sent it), or undefined when it did not go.
   */
  function recordSent(
    clientId: number,
    result: DeliveryResult,
    text: string,
    chat: string | null,
    by: number | null = null,
  ): MessageRow | undefined {
    // Not for a client who erased their data while the message was on its way
    if (result.status !== 'sent' || handoff.client(clientId)?.deletedAt !== null) return undefined
    return handoff.recordBot(clientId, { type: 'text', text, fileId: null }, result.messageId ?? null, chat, by)
  }

  function recorded(
    clientId: number,
    result: DeliveryResult,
    text: string,
    chat: string | null,
    by: number | null = null,
  ): DeliveryResult {
    recordSent(clientId, result, text, chat, by)
    return result
  }

  /** An owner's alert as its own lines, naming its client, if any, with the link to their topic (`ownerAlertText`). */
  const alertText = (row: OutboxRow, locale: string): string =>
    ownerAlertText(deps, { lines: (row.payload as OwnerAlertPayload).lines, clientId: row.clientId }, locale)

  /**
   * The alerts queued for the same chat right after this one, as many as fit with it into one
   * message (Telegram's 4,096 characters; the rest go together in the next), each its own lines
   * in their order; none when it goes alone. One with buttons goes alone (the buttons are its
   * own), and so does one that tells another chat when it cannot be delivered (`unreachable`:
   * a failure of the message would be told for every alert in it). The rows taken along share
   * its delivery (src/services/outbox.ts, `takeFollowing`): each is recorded as sent, as this
   * message, once.
   */
  function alertsAfter(row: OutboxRow, first: string, locale: string): string[] {
    if (!joins(row)) return []
    const texts: string[] = []
    let length = htmlLength(first)
    deps.services.outbox.takeFollowing(
      row,
      ALERTS_MAX,
      (next) => {
        if (next.method !== OUTBOX_KIND.ownerAlert || !joins(next)) return false
        const text = alertText(next, locale)
        length += ALERTS_APART.length + htmlLength(text)
        if (length > MESSAGE_MAX) return false
        texts.push(text)
        return true
      },
      { inChat: true },
    )
    return texts
  }

  /** How many earlier asks of "Is your question solved?" a new one looks back at (`clearEarlierAsks`). */
  const EARLIER_ASKS_LOOKED_AT = 5

  /**
   * "Is your question solved?" asked again — the client wrote instead of answering, and /close
   * came again: the request's earlier asks lose their buttons, so one question stands live in
   * the chat (four /close in a day left four live copies of it). A courtesy: one that cannot
   * be changed is left as it is.
   */
  async function clearEarlierAsks(row: OutboxRow, handoffId: number): Promise<void> {
    for (const earlier of deps.services.outbox.deliveredBefore(row, EARLIER_ASKS_LOOKED_AT)) {
      if ((earlier.payload as ClientPromptPayload).handoffId !== handoffId || earlier.resultMessageId === null) continue
      try {
        await api.editMessageReplyMarkup(row.chatId, earlier.resultMessageId, { reply_markup: { inline_keyboard: [] } })
      } catch (err) {
        const failure = classifyTelegramError(err)
        if (failure.kind === 'not-modified' || failure.kind === 'target-gone') continue
        log.warn(
          { err, clientId: row.clientId, reason: failure.kind },
          'could not take the buttons off an earlier "is your question solved?"',
        )
      }
    }
  }

  /**
   * Unpins the card the bot pinned before in the client's topic, ahead of the pin of the card
   * `messageId` that replaces it; by its id — in a forum, Telegram's unpinChatMessage without one
   * takes the newest pin of the whole group, another client's card perhaps. What to do with the
   * row when it must wait (Telegram busy or unreachable); undefined to go on with the pin. One
   * Telegram no longer has pinned (deleted with its message, unpinned by hand) or refuses to
   * unpin is passed over: the new card is pinned all the same.
   */
  async function unpinReplaced(
    row: OutboxRow,
    clientId: number,
    messageId: number,
  ): Promise<DeliveryResult | undefined> {
    const before = handoff.topics.pinnedCard(clientId)
    if (before === undefined || before === messageId) return undefined
    try {
      await api.unpinChatMessage(row.chatId, before)
    } catch (err) {
      const failure = classifyTelegramError(err)
      if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
      if (transient(failure.kind)) return { status: 'retry', reason: failure.reason }
      if (failure.kind === 'target-gone')
        log.info(
          { clientId, messageId: before, reason: failure.reason },
          'the card replaced is no longer pinned (deleted, or unpinned by hand): nothing to unpin',
        )
      else
        log.warn(
          { err, clientId, messageId: before, reason: failure.kind },
          'could not unpin the card replaced: it stays pinned beside the new one',
        )
    }
    handoff.topics.cardPinned(clientId, null)
    return undefined
  }

  return {
    /** A posted card is the row's message (/forget edits every card it knows of). */
    async card(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const p = row.payload as CardPayload
      if (p.editOnly) return editCardInPlace(row, clientId)
      const topic = await keeper.ensure(row)
      if (!topic.ok) return topic.result
      if (topic.cardPosted) return { status: 'sent', messageId: handoff.topics.card(clientId)?.messageId ?? null }
      const client = handoff.client(clientId)
      if (!client) return failed('client not found')
      const ref = handoff.topics.cardIn(clientId, row.chatId, topic.topicId)
      try {
        if (p.repost || !ref) {
          return { status: 'sent', messageId: await keeper.postCard(row.chatId, client, topic.topicId, p.onDuty) }
        }
        try {
          await editCard(row.chatId, ref.messageId, clientId)
        } catch (err) {
          const failure = classifyTelegramError(err)
          // The card message was deleted: post a new one
          if (failure.kind === 'target-gone') {
            return { status: 'sent', messageId: await keeper.postCard(row.chatId, client, topic.topicId, p.onDuty) }
          }
          // Refreshed with the same data: the card shows it already
          if (failure.kind !== 'not-modified') throw err
        }
        // A row queued before this one made the topic and posted the card: an edit notifies
        // nobody, so the one the rota gave the request is told by a notice of its own
        if (p.onDuty && handoff.leadOf(clientId) === p.onDuty.manager) {
          handoff.route.post(clientId, {
            lines: [assignedOnDuty(p.onDuty.manager)],
            urgent: true,
          })
        }
        return { status: 'sent' }
      } catch (err) {
        return groupFailure(ctx, keeper.repairs, row, topic.topicId, err, failed)
      }
    },

    async pin(row: OutboxRow): Promise<DeliveryResult> {
      const { messageId, chatId } = row.payload as PinPayload
      // Moved with its client to another group: the card it pins is in the group it left
      if (chatId !== undefined && chatId !== row.chatId) {
        log.info({ clientId: row.clientId }, 'the card to pin stayed in the group the client left: not pinned')
        return { status: 'sent' }
      }
      // A newer card was posted while this pin waited (`/card` twice in a busy hour): only the
      // newest is pinned, by its own row — a pin is one of the group's 20 messages a minute
      if (pinSuperseded(deps, row)) return { status: 'sent' }
      const clientId = row.clientId as number
      // The card pinned before comes off first, so the topic keeps one pinned card: a try of the
      // row again after the pin would pin (and announce) the new card twice
      const unpinning = await unpinReplaced(row, clientId, messageId)
      if (unpinning) return unpinning
      try {
        await api.pinChatMessage(row.chatId, messageId, { disable_notification: true })
        handoff.topics.cardPinned(clientId, messageId)
        return { status: 'sent' }
      } catch (err) {
        const failure = classifyTelegramError(err)
        if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
        if (transient(failure.kind)) return { status: 'retry', reason: failure.reason }
        // The card is there all the same; an unpinned card is not worth holding the topic for
        log.warn({ err, clientId: row.clientId, reason: failure.kind }, 'could not pin the client card')
        return failed(failure.reason)
      }
    },

    async transcript(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const p = row.payload as TranscriptPayload
      const topic = await keeper.ensure(row)
      if (!topic.ok) return topic.result
      // Messages copied into the topic one by one are there already, and so are the bot's shown
      // there (`StaffPostPayload.botRows`); a lone /manager says nothing
      const all = deps.services.handoff.transcript.list(clientId, { afterId: p.afterId, toId: p.toId })
      const rows = all.filter(
        (r) => p.all || ((r.direction === 'bot' || r.direction === 'in') && r.topicMessageId === null),
      )
      if (rows.every((r) => r.direction === 'in' && r.type === 'text' && r.text?.startsWith('/')))
        return { status: 'sent' }
      // What the bot told the client as the request opened ("passing you to a manager", by when),
      // queued right behind it, ends the history rather than going as a message of its own; once
      // in the topic it is linked to the history's message, as a post of it would be, and no later
      // history tells it again. (Behind a history that says nothing it goes as its post, which the
      // client's next words join)
      const said = botWordsAfter(row)
      const stayed = stayedIn(deps, clientId, row.chatId)
      // The client's files follow it, queued with its sent mark: a restart neither loses them
      // nor queues them twice. The most recent of all, copied or not, so a second post adds no older one
      const media = all
        .filter((r) => r.direction === 'in' && r.fileId !== null)
        .slice(-MEDIA_AFTER_TRANSCRIPT)
        .filter((r) => r.topicMessageId === null)
      try {
        const posted = (await keeper.postTranscript(row.chatId, clientId, topic.topicId, [...rows, ...said])) ?? null
        const record = () => {
          if (posted !== null && stayed()) {
            for (const r of said) handoff.transcript.linkCopy(r.id, { topicMessageId: posted })
          }
          for (const r of media) if (!handoff.isRelayed(r)) handoff.relayToTopic(clientId, r)
        }
        return { status: 'sent', messageId: posted, record }
      } catch (err) {
        return groupFailure(ctx, keeper.repairs, row, topic.topicId, err, failed)
      }
    },

    async staffPost(row: OutboxRow): Promise<DeliveryResult> {
      const p = row.payload as StaffPostPayload
      const said = p.botRows && botSaid(p.botRows)
      // What the bot said, gone from the transcript meanwhile (the client erased their data): nothing to show
      if (said?.length === 0) return { status: 'sent' }
      const place = await placeOf(row, p)
      if (!place.ok) return place.result
      const thread = place.topicId === undefined ? {} : { message_thread_id: place.topicId }
      // In the client's topic, what the bot said goes in one message with what is queued right
      // after it: the client's texts (each part marked with its time), as it goes with theirs
      // before it. A notice there takes what the bot told the client right after it, under its
      // lines: "the owner was told" with "I'm letting the person in charge know", "the client
      // asks for a manager again" with "you are with a manager" — one of the group's 20 a minute
      const inTopic = place.topicId !== undefined && row.clientId !== null
      const joined = !inTopic
        ? []
        : said
          ? joiningAfter(deps, row, () => said, MESSAGE_MAX)
          : p.lines && !p.document && !p.text
            ? botWordsAfter(row, MESSAGE_MAX - htmlLength(postText(p, place.who).text) - 1)
            : []
      const together = joined.length > 0 && said ? renderTexts(deps, [...said, ...joined]) : undefined
      const lines = (said ?? joined).map((r) => botSentLine(deps, r))
      const { text, html } = postText(p, place.who, lines.length > 0 ? lines : undefined)
      // The messages it shows are in the topic once it is, as a client's copied message is
      const shown = inTopic
        ? [...(p.botRows ?? []), ...(p.sent === undefined ? [] : [p.sent]), ...joined.map((r) => r.id)]
        : []
      const stayed = row.clientId === null ? undefined : stayedIn(deps, row.clientId, row.chatId)
      const format = html ? { parse_mode: 'HTML' as const } : {}
      const reply_markup = postMarkup(p, row.clientId)
      // A reminder about a client's message answers it in the topic: under it, not under the
      // topic's first message, where a post with no reply of its own lands in a forum
      const target = inTopic && p.replyToRowId !== undefined ? handoff.transcript.message(p.replyToRowId) : undefined
      const reply =
        target?.topicMessageId != null
          ? { reply_parameters: { message_id: target.topicMessageId, allow_sending_without_reply: true } }
          : {}
      try {
        const sent = p.document
          ? await api.sendDocument(
              row.chatId,
              new InputFile(Buffer.from(p.document.content, 'utf8'), p.document.filename),
              { ...thread, ...format, caption: text, reply_markup },
            )
          : together
            ? await api.sendMessage(row.chatId, together.text, {
                ...thread,
                link_preview_options: { is_disabled: true },
                entities: together.entities,
              })
            : await api.sendMessage(row.chatId, text, {
                ...format,
                ...thread,
                ...reply,
                link_preview_options: { is_disabled: true },
                reply_markup,
              })
        // One for General went into the client's topic: it is the topic's now (`postedInTopic`)
        const intoTopic = p.general === true && inTopic
        const record = () => {
          if (stayed?.()) for (const id of shown) handoff.transcript.linkCopy(id, { topicMessageId: sent.message_id })
          if (intoTopic) handoff.route.postedInTopic(row.id, p)
          // An invoice's summary: its later edits go to this message, however long after (`invoiceSummary`)
          if (p.invoice !== undefined) handoff.route.summaryPosted(p.invoice, row.chatId, sent.message_id)
        }
        const recorded = shown.length > 0 || intoTopic || p.invoice !== undefined
        return { status: 'sent', messageId: sent.message_id, ...(recorded ? { record } : {}) }
      } catch (err) {
        return groupFailure(ctx, keeper.repairs, row, place.topicId ?? 0, err, failed)
      }
    },

    /**
     * A post's buttons as they stand now: "take this client" off once someone took the client
     * (its other buttons stay), or one that would do nothing now taken out of its payload. A
     * message to the client (`route.dropButtons` with `toClient`) is changed in their chat with the
     * bot only: one that went to the owner's own chat with them (Telegram Business) keeps its
     * buttons there, as a call's reminder does, and a press on it is answered as anywhere.
     */
    async claimTaken(row: OutboxRow): Promise<DeliveryResult> {
      const change = row.payload as PostButtonsPayload
      const post = deps.services.outbox.get(change.rowId)
      if (post?.resultMessageId == null || post.status !== 'sent') return { status: 'sent' }
      const toClient = post.method === OUTBOX_KIND.message
      if (toClient) {
        const { text } = post.payload as MessagePayload
        if (post.clientId === null || !handoff.sentByBot(post.clientId, post.resultMessageId, text)) {
          return { status: 'sent' }
        }
      }
      const p = post.payload as StaffPostPayload | MessagePayload
      // (`text`: rows queued before invoices' summaries were kept with the invoice, `invoiceSummary`)
      return editPost(row, { chatId: post.chatId, messageId: post.resultMessageId }, p, {
        withText: change.text === true,
        toClient,
      })
    },

    /**
     * An invoice's summary as it reads now (`invoice_summaries`): its text and buttons in one edit of
     * the message it went in, however long ago — the outbox's record of that message lasts a week.
     */
    async invoiceSummary(row: OutboxRow): Promise<DeliveryResult> {
      const { orderId } = row.payload as InvoiceSummaryPayload
      const kept = handoff.route.invoiceSummary(orderId)
      if (kept?.chatId == null || kept.messageId === null) return { status: 'sent' }
      return editPost(row, { chatId: kept.chatId, messageId: kept.messageId }, kept.post as StaffPostPayload, {
        withText: true,
      })
    },

    /**
     * Rendered as it goes, in the owner's language of the moment (/language, else Telegram's).
     * One about a client names them as the team's lists do, their name a link to their topic when
     * they have one: the owner, told a client waits, sees who it is and goes there in a tap
     * instead of looking for #12 among the topics.
     *
     * The alerts queued after it for the same chat go with it, as one message (`alertsAfter`): at
     * the team's opening the night's requests all pass their answer time together, and were six
     * messages in one moment, twenty by the next morning.
     */
    async ownerAlert(row: OutboxRow): Promise<DeliveryResult> {
      const locale = personLocale(deps, row.chatId)
      const payload = row.payload as OwnerAlertPayload
      const markup = toMarkup(payload.buttons)
      const extra = markup ? { ...HTML, reply_markup: markup } : HTML
      const first = alertText(row, locale)
      const text = [first, ...alertsAfter(row, first, locale)].join(ALERTS_APART)
      const result = await toPerson(row, text, extra)
      // A welcome owed since an earlier one was refused (they were added again) is given now
      if (payload.welcome && result.status === 'sent') deps.services.staff.welcomeOwed(row.chatId, false)
      return result
    },

    async message(row: OutboxRow): Promise<DeliveryResult> {
      const p = row.payload as MessagePayload
      const options = {
        ...(p.html ? { parse_mode: 'HTML' } : {}),
        ...(p.buttons ? { reply_markup: toMarkup(p.buttons) } : {}),
      }
      if (row.clientId === null) return toPerson(row, p.text, options)
      const chat = rowChat(ctx, row, { type: 'text', text: p.text }, { inBotChat: p.inBotChat === true })
      if (!chat.ok) return chat.result
      // In the owner's own chat, none of the menu under it but a call offered (`clientMarkup`: a
      // saved reply's "📞 Заказать звонок", an /offer's)
      const markup = toMarkup(p.buttons)
      const where = { businessConnectionId: chat.business ?? undefined }
      const sent = await toPerson(row, p.text, {
        ...chat.extra,
        ...(p.html ? { parse_mode: 'HTML' } : {}),
        ...(markup ? clientMarkup(where, markup, { offers: 'booking' }) : {}),
      })
      const shown = recordSent(row.clientId, sent, p.text, chat.business, p.by ?? null)
      // The topic reads what went out, and /unsend under it learns what it was
      if (sent.status === 'sent' && p.echo) {
        ctx.report(row.clientId, sentEcho(deps, p.echo, p.text, p.buttons), shown ? { sent: shown.id } : {})
      }
      return handoff.answeredOnDelivery(row, sent, p.by)
    },

    async invoice(row: OutboxRow): Promise<DeliveryResult> {
      const clientId = row.clientId as number
      const { orderId, by } = row.payload as InvoicePayload
      const order = deps.services.orders.get(orderId)
      const chat = rowChat(ctx, row, { type: 'invoice', text: order ? `#${order.id}` : null })
      if (!chat.ok) return chat.result
      // Paid or cancelled while it waited: there is nothing to ask for
      if (order?.status !== 'unpaid') return { status: 'sent' }
      const v = clientVoice(deps, chat.client)
      const content = deps.content
      const now = deps.clock.now()
      // Sent again past its due day: in that day's words, as its overdue reminder speaks
      const { stage, days } = invoiceStageNow(order, content.get(), now)
      const details = async () => {
        const text = paymentText(v.t, { name: v.name, order, stage, days, content, locale: v.locale, now })
        // (No "talk to a manager" under it while their request is open: the manager is there)
        const manager = !deps.services.handoff.isOpen(chat.client.id)
        const sent = await toPerson(row, text, { ...chat.extra, reply_markup: paymentKeyboard(v.t, order.id, manager) })
        if (sent.status === 'sent') deps.services.orders.detailsSent(order.id)
        return handoff.answeredOnDelivery(row, recorded(clientId, sent, text, chat.business, by ?? null), by)
      }
      // Telegram sends invoices only from the bot itself, never on a Business account's behalf
      if (chat.business !== null && order.invoiceKind === 'stars') {
        reportUnreachable(deps, clientId, 'no-stars', { type: 'invoice', text: `#${order.id}` })
        return failed('a Stars invoice cannot go to a business chat')
      }
      // The way to pay is chosen where the client pays: an invoice made in the owner's chat, or
      // before a provider was set up, is a Telegram invoice when they press Pay in the bot's chat
      if (deps.services.orders.payIn(order, chat.business !== null) === 'details') return details()
      const due = orderDue(order, content.get(), v.locale, now)
      const lead = paymentTitle(v.t, { name: v.name, order, stage, days, due, telegram: true })
      try {
        const sent = await sendTelegramInvoice(api, row.chatId, order, {
          ...v,
          lead,
          content,
          config: deps.config,
          now,
          overdue: stage === 'overdue',
        })
        // This Api does not record: the client's transcript gets the invoice here
        handoff.recordBot(
          clientId,
          describeMessage(sent) ?? { type: 'invoice', text: null, fileId: null },
          sent.message_id,
          null,
          by ?? null,
        )
        // Staff were told the client pays by the details and confirms with "I paid": now the
        // payment marks itself, and the order's reminders in this chat are invoices too
        if (deps.services.orders.sentAsInvoice(order)) {
          deps.services.handoff.notifyTopic(clientId, [
            { key: 'invoice-paid-in-telegram-now', args: { id: String(order.id) } },
          ])
        }
        return handoff.answeredOnDelivery(row, { status: 'sent', messageId: sent.message_id }, by)
      } catch (err) {
        // Telegram refused the provider's invoice (a currency it does not take…): payment details instead
        if (fallBackToDetails(deps, order, err)) return details()
        return clientFailure(ctx, row, err, {
          type: 'invoice',
          text: v.t('tg-invoice-title', { id: String(order.id) }),
        })
      }
    },

    async clientPrompt(row: OutboxRow): Promise<DeliveryResult> {
      const p = row.payload as ClientPromptPayload
      const client = handoff.client(row.clientId as number)
      if (!client || client.telegramId !== row.chatId) return failed('client erased their data')
      const current = handoff.handoff(p.handoffId)
      if (current?.status !== 'closing') return { status: 'sent' } // answered or reopened meanwhile
      const locale = clientLocale(client, deps)
      const text = closeQuestionText((key, args) => deps.i18n.t(locale, key, args), client)
      const chat = rowChat(ctx, row, { type: 'text', text })
      const result = chat.ok
        ? recorded(
            client.id,
            await toPerson(row, text, {
              ...chat.extra,
              reply_markup: new InlineKeyboard()
                .text(deps.i18n.t(locale, 'handoff-close-yes'), closeCallback.pack(p.handoffId, 'yes'))
                .text(deps.i18n.t(locale, 'handoff-close-no'), closeCallback.pack(p.handoffId, 'no')),
            }),
            text,
            chat.business,
          )
        : chat.result
      if (result.status === 'sent' && chat.ok && !chat.business) await clearEarlierAsks(row, p.handoffId)
      // The question did not reach them (the topic was told why): the request still closes by
      // itself when promised at /close, unless the client writes first (then it is open again),
      // and that closing says the question never reached them
      if (result.status === 'failed') {
        deps.services.closing.undelivered(p.handoffId)
        ctx.report(client.id, [{ key: 'desk-close-unasked' }])
      }
      return result
    },
  }
}
