/**
 * Clients' topics in the staff group: created with the card on first use (a
 * refused name falls back to a neutral one), recreated with the whole
 * transcript after staff deleted one, reopened when closed. A group that is
 * not usable (not a forum, the bot not an admin…) is explained to the owners
 * once per problem, and its rows wait until it is fixed.
 */
import { createHash } from 'node:crypto'
import { InlineKeyboard, InputFile } from 'grammy'
import type { ClientRow, MessageRow } from '../../../db/schema.ts'
import { clientNumber } from '../../format.ts'
import { topicTitle } from '../../services/desk/topic-status.ts'
import {
  type CardPayload,
  type ErasurePayload,
  OUTBOX_KIND,
  type PinPayload,
  type RelayPayload,
  type TranscriptPayload,
} from '../../services/handoff/index.ts'
import type { DeliveryResult, OutboxRow } from '../../services/outbox.ts'
import { clip } from '../../text.ts'
import { checkStaffGroup, describeStaffGroup, type StaffGroupProblem } from '../staff-group-check.ts'
import { classifyTelegramError, failureReason } from '../telegram-errors.ts'
import { claimCallback } from './callbacks.ts'
import { fullName, renderCard, renderTranscript } from './card.ts'
import { type DeliveryContext, groupFailure, rateResult, type TopicRepairs, transient } from './failures.ts'

/** A misconfigured group is re-checked this often while rows wait. */
const MISCONFIG_RETRY_MS = 60_000

export const HTML = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } }

export type TopicResult = { ok: true; topicId: number; cardPosted: boolean } | { ok: false; result: DeliveryResult }

export type TopicKeeper = ReturnType<typeof createTopicKeeper>

/** Card messages whose look (`card`) the keeper remembers: the most recently shown this many. */
const CARDS_REMEMBERED = 5000

export function createTopicKeeper(ctx: DeliveryContext) {
  const { deps, api, log, t } = ctx
  const { handoff } = deps.services
  const { topics } = handoff

  /** The take button, while the client's request is open and nobody on the team leads it. */
  function claimKeyboard(clientId: number): InlineKeyboard | undefined {
    if (!handoff.isOpen(clientId) || handoff.leadOf(clientId) !== undefined) return undefined
    return new InlineKeyboard().text(t('handoff-claim-button'), claimCallback.pack(clientId))
  }

  /**
   * What each card message shows, as this process last posted or edited it (a digest of its text
   * and buttons; the most recent CARDS_REMEMBERED): a refresh that would show the same is not
   * sent — an edit that changes nothing still spends one of the group's messages a minute.
   * Forgotten at a restart, when the first refresh of a card is sent as before. The outbound
   * path skips any such edit in a group too (src/bot/shown-in-groups.ts); this one also takes a
   * card posted with its on-duty mention for the plain card (`postCard`), which it cannot know.
   */
  const shownCards = new Map<string, string>()
  const cardLook = (text: string, markup: InlineKeyboard | undefined) =>
    createHash('sha1')
      .update(JSON.stringify([text, markup?.inline_keyboard ?? null]))
      .digest('base64')
  const card = {
    shows(chatId: number, messageId: number, text: string, markup: InlineKeyboard | undefined): boolean {
      return shownCards.get(`${chatId}:${messageId}`) === cardLook(text, markup)
    },
    shown(chatId: number, messageId: number, text: string, markup: InlineKeyboard | undefined): void {
      const key = `${chatId}:${messageId}`
      shownCards.delete(key) // the most recent last
      shownCards.set(key, cardLook(text, markup))
      if (shownCards.size > CARDS_REMEMBERED) shownCards.delete(shownCards.keys().next().value as string)
    },
  }

  /** The topic's name without its status mark. */
  function topicName(client: ClientRow): string {
    const handle = client.username ? ` @${client.username}` : ''
    // Telegram allows 128 characters; clip() never splits an emoji into an invalid half
    return clip(`${fullName(client)}${handle} · ${clientNumber(client.id)}`, 128)
  }

  /** Finds out what is wrong with the group and tells the owners about each new problem once. */
  async function misconfigured(groupId: number, known?: StaffGroupProblem[]): Promise<DeliveryResult> {
    let found: StaffGroupProblem[] = known ?? []
    if (!known) {
      try {
        found = await checkStaffGroup(api, groupId, ctx.botId())
      } catch (err) {
        log.warn({ err, groupId }, 'could not check the staff group')
      }
    }
    const fresh = topics.newProblems(groupId, found)
    if (fresh.length > 0) {
      handoff.notifyOwners(
        describeStaffGroup(groupId, { problems: fresh, missingRights: [] }, deps.config.STAFF_GROUP_IDS),
      )
    }
    log.error({ groupId, problems: found }, 'the staff group is not usable; its messages wait until it is fixed')
    // The whole group waits (every client's rows), re-checked once a minute
    return {
      status: 'retry',
      afterMs: MISCONFIG_RETRY_MS,
      holdChat: true,
      reason: `staff group not ready: ${found.join(', ') || 'unknown'}`,
    }
  }

  /** The client erased their data (/forget) while a call for them was on its way. */
  const erasedMeanwhile = (clientId: number) => handoff.client(clientId)?.deletedAt !== null

  /**
   * What reached the staff group about a client who erased their data meanwhile goes the
   * way of the rest (the erasure did not know of it yet): renamed, edited, deleted.
   */
  function eraseLate(groupId: number, payload: ErasurePayload): void {
    handoff.route.toLane({ chatId: groupId, clientId: null }, OUTBOX_KIND.erasure, payload)
  }

  /**
   * Posts the card. Its pin follows as a row of its own in the client's lane, when the
   * group has room to spare: the card is the topic's first message anyway, and a pin
   * costs one of the group's 20 messages a minute. Not in the group's own lane (General's):
   * there a morning's thirty pins went one by one before a manager's /find in General, each
   * holding up the next (40 s to an answer). `onDuty`: the new topic's card of a request the
   * rota gave someone, mentioning them (`CardPayload.onDuty`).
   */
  async function postCard(
    groupId: number,
    client: ClientRow,
    topicId: number,
    onDuty?: CardPayload['onDuty'],
  ): Promise<number> {
    const text = renderCard(deps, client.id, { onDuty }) ?? ''
    // Known as the plain card it says the same as: an edit only to make the mention plain is not
    // worth one of the group's messages, and the next change of the data makes it plain anyway.
    // (Rendered before the send: data changed during it must still find the card to edit)
    const plain = onDuty ? (renderCard(deps, client.id) ?? '') : text
    const markup = claimKeyboard(client.id)
    const sent = await api.sendMessage(groupId, text, { ...HTML, message_thread_id: topicId, reply_markup: markup })
    card.shown(groupId, sent.message_id, plain, markup)
    if (erasedMeanwhile(client.id)) {
      eraseLate(groupId, { topics: [{ threadId: topicId }], cards: [sent.message_id], remove: [] })
      return sent.message_id
    }
    topics.cardPosted(client.id, { topicId, messageId: sent.message_id, chatId: groupId })
    handoff.route.toLane({ chatId: groupId, clientId: client.id }, OUTBOX_KIND.pin, {
      messageId: sent.message_id,
      chatId: groupId,
    } satisfies PinPayload)
    return sent.message_id
  }

  /** Posts the transcript of these rows; returns its message id (undefined when there was nothing to post). */
  async function postTranscript(
    groupId: number,
    clientId: number,
    topicId: number,
    rows: MessageRow[],
  ): Promise<number | undefined> {
    if (rows.length === 0) return undefined
    const rendered = renderTranscript(deps, clientId, rows)
    const sent =
      rendered.kind === 'message'
        ? await api.sendMessage(groupId, rendered.html, { ...HTML, message_thread_id: topicId })
        : await api.sendDocument(groupId, new InputFile(Buffer.from(rendered.html, 'utf8'), rendered.filename), {
            caption: rendered.caption,
            message_thread_id: topicId,
          })
    return sent.message_id
  }

  /** Topics (group, client, topic) that have their card and history: nothing to ask again. */
  const settled = new Set<string>()
  /** Cards Telegram refused for good, by group, client and topic: not tried again while the process runs. */
  const givenUp = new Set<string>()

  /**
   * After a lost topic: the whole transcript in the new one, then a note saying why (false:
   * the client erased their data meanwhile). Recorded once posted, before the note: a note
   * Telegram refuses now is queued behind, and the history is not posted again.
   */
  async function postHistory(groupId: number, clientId: number, topicId: number): Promise<boolean> {
    // The old topic is gone with its history: the new one gets all of it, up to the
    // client's messages still queued for the topic, whose copies follow in their order
    const toId = historyEnd(groupId, clientId)
    const posted = await postTranscript(
      groupId,
      clientId,
      topicId,
      handoff.transcript.list(clientId, { afterId: 0, toId }),
    )
    if (erasedMeanwhile(clientId)) {
      if (posted)
        eraseLate(groupId, { topics: [], cards: [], remove: [{ id: posted, at: deps.clock.now(), own: true }] })
      return false
    }
    const note = topics.lostWhy(clientId) === 'moved' ? 'handoff-topic-moved-here' : 'handoff-topic-recreated'
    // Kept where /forget looks for what the bot posted in a group (it names the client)
    if (posted) {
      const history: TranscriptPayload = { afterId: 0, toId, all: true }
      deps.services.outbox.recordPosted(
        { chatId: groupId, clientId, method: OUTBOX_KIND.transcript, payload: history },
        posted,
      )
    }
    handoff.transcript.markPosted(clientId, toId)
    topics.restored(clientId)
    try {
      await api.sendMessage(groupId, t(note), { ...HTML, message_thread_id: topicId })
    } catch (err) {
      ctx.report(clientId, [{ key: note }])
      throw err
    }
    return true
  }

  /**
   * The last transcript row a new topic's history shows: the one before the client's first
   * message still queued for the topic (it goes as itself, once), else the last of all.
   */
  function historyEnd(groupId: number, clientId: number): number {
    const queued = deps.services.outbox.oldestUnfinished({ chatId: groupId, clientId }, OUTBOX_KIND.relayIn)
    const first = (queued?.payload as RelayPayload | undefined)?.rowIds[0]
    return first === undefined ? handoff.transcript.lastId(clientId) : first - 1
  }

  /**
   * Creates the client's topic, its title starting with the request's status mark (so no
   * rename follows), and records what Telegram now shows.
   */
  async function createTopic(groupId: number, client: ClientRow): Promise<number | { result: DeliveryResult }> {
    const status = deps.services.topicStatus.wanted(client.id).status
    const created = (topicId: number, neutral: boolean) => {
      deps.services.topicStatus.markApplied(client.id, { status, closed: false, ...(neutral ? { neutral } : {}) })
      return topicId
    }
    try {
      return created(
        (await api.createForumTopic(groupId, topicTitle(status, topicName(client)))).message_thread_id,
        false,
      )
    } catch (err) {
      const failure = classifyTelegramError(err)
      if (failure.kind === 'rate') return { result: rateResult(failure.retryAfterMs) }
      if (transient(failure.kind)) return { result: { status: 'retry', reason: failure.reason } }
      let found: StaffGroupProblem[]
      try {
        found = await checkStaffGroup(api, groupId, ctx.botId())
      } catch (checkErr) {
        // The row is tried again later: the outbox logs the postponement with this reason
        return { result: { status: 'retry', reason: `could not check the staff group: ${failureReason(checkErr)}` } }
      }
      if (found.length > 0) return { result: await misconfigured(groupId, found) }
    }
    // The group is fine, so Telegram refused this topic (e.g. its name): one client's
    // problem must not hold every other client's messages. A neutral name, once.
    try {
      return created(
        (await api.createForumTopic(groupId, topicTitle(status, clientNumber(client.id)))).message_thread_id,
        true,
      )
    } catch (err) {
      log.error({ err, clientId: client.id }, 'topic could not be created for this client')
      if (topics.firstRefusal(client.id)) {
        handoff.notifyOwners([{ key: 'handoff-topic-failed', args: { id: String(client.id) } }], client.id)
      }
      return { result: { status: 'failed', reason: 'the topic could not be created' } }
    }
  }

  /**
   * A row for the client's topic in a group they have left: done when the new topic's history
   * holds what it carries, else it goes to their group now, first in its lane there.
   */
  function followClient(row: OutboxRow, groupId: number): DeliveryResult {
    const covered = handoff.catchUp(row, groupId) === 'covered'
    log.info({ clientId: row.clientId, rowId: row.id, covered }, 'a row for a group the client has left')
    return covered
      ? { status: 'sent' }
      : { status: 'retry', afterMs: 0, reason: 'the client is in another staff group' }
  }

  const keeper = {
    card,
    claimKeyboard,
    followClient,
    topicName,
    postCard,
    postTranscript,
    misconfigured,

    /**
     * The topic `row` goes to: the client's, created with the card — and after a lost
     * topic the whole transcript — when there is none. Each of those is recorded as it
     * goes out, so a try that a 429 (or the network) cut short is finished by the next,
     * nothing posted twice. `cardPosted`: the card went out now (with the duty mention of
     * `row`, when it is the request's card row).
     */
    async ensure(row: OutboxRow): Promise<TopicResult> {
      const groupId = row.chatId
      const clientId = row.clientId as number
      const client = handoff.client(clientId)
      if (!client) return { ok: false, result: { status: 'failed', reason: 'client not found' } }
      // An erased client (/forget) never gets a topic again: their name is gone, and so is the request
      const erased = { ok: false, result: { status: 'failed', reason: 'client erased their data' } } as const
      if (client.deletedAt !== null) return erased
      // They were moved to another group while this row was on its way here (its call failed
      // after the move): their topic id is now one of that group's — here it may be anyone's
      if (client.staffGroupId !== null && client.staffGroupId !== groupId)
        return { ok: false, result: followClient(row, client.staffGroupId) }
      let topicId = client.topicId
      if (topicId === null) {
        const made = await createTopic(groupId, client)
        if (typeof made !== 'number') return { ok: false, result: made.result }
        // They erased their data while Telegram made the topic, named after them: it is renamed too
        if (erasedMeanwhile(clientId)) {
          eraseLate(groupId, { topics: [{ threadId: made }], cards: [], remove: [] })
          return erased
        }
        topicId = made
        topics.created(clientId, topicId)
        topics.groupHealthy(groupId)
        log.info({ clientId, topicId }, 'client topic created')
      }
      // A topic with all it needs keeps it (a lost one gets a new id): asked once per process
      const key = `${groupId}:${clientId}:${topicId}`
      if (settled.has(key)) return { ok: true, topicId, cardPosted: false }
      const owed = topics.owed(clientId, groupId, topicId)
      if (givenUp.has(key)) owed.card = false
      if (!owed.card && !owed.history) {
        settled.add(key)
        return { ok: true, topicId, cardPosted: false }
      }
      let step: 'card' | 'history' = 'card'
      try {
        if (owed.card) {
          const onDuty = row.method === OUTBOX_KIND.card ? (row.payload as CardPayload).onDuty : undefined
          await postCard(groupId, { ...client, topicId }, topicId, onDuty)
          if (erasedMeanwhile(clientId)) return erased
        }
        step = 'history'
        if (owed.history && !(await postHistory(groupId, clientId, topicId))) return erased
      } catch (err) {
        // What went out is recorded: the row waits, and its next try posts only the rest.
        // Refused for good (a bug of ours, say markup Telegram cannot read): the client's
        // messages must not wait behind it forever, so it is given up, loudly, and they go on
        const result = await groupFailure(ctx, repairs, row, topicId, err, (reason) => {
          log.error({ err, clientId, step }, "Telegram refused a topic's card or history for good: going on without it")
          if (step === 'card') givenUp.add(key)
          else topics.restored(clientId)
          return { status: 'retry', reason }
        })
        return { ok: false, result }
      }
      return { ok: true, topicId, cardPosted: owed.card }
    },
  }

  const repairs: TopicRepairs = {
    lost(groupId, clientId, topicId) {
      // Only the topic the call went to: after a move meanwhile their topic is a new one, elsewhere
      const client = handoff.client(clientId)
      if (client?.topicId !== topicId || (client.staffGroupId ?? groupId) !== groupId)
        return { status: 'retry', afterMs: 0, reason: 'topic deleted, but the client has another one now' }
      topics.lost(clientId)
      log.warn({ clientId }, 'client topic was deleted; it will be recreated')
      return { status: 'retry', afterMs: 0, reason: 'topic deleted: recreating it' }
    },
    async reopen(groupId, clientId, topicId) {
      try {
        await api.reopenForumTopic(groupId, topicId)
        return { status: 'retry', afterMs: 0, reason: 'topic was closed: reopened it' }
      } catch (err) {
        log.warn({ err, clientId }, 'could not reopen the client topic')
        return misconfigured(groupId)
      }
    },
    misconfigured: (groupId) => misconfigured(groupId),
  }
  return { ...keeper, repairs }
}
