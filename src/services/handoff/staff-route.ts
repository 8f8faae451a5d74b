/**
 * The one route to the staff group, and from the staff side to a client: every
 * message for staff (notices, alerts, reminders, answers to staff commands,
 * messages with buttons or files) and every message staff trigger for a client
 * is written here as an outbox row, in the same synchronous step as the change
 * it reports. So the group's single rate window counts everything, nothing is
 * lost on a restart, and what staff send a client keeps its place behind the
 * manager's messages still queued for that client.
 */
import type { Db } from '../../../db/client.ts'
import { cardShownIn, findClientTopic } from '../../../db/repositories/client-topics.ts'
import { findClientById } from '../../../db/repositories/clients.ts'
import { findActiveHandoff } from '../../../db/repositories/handoffs.ts'
import {
  findInvoiceSummary,
  type InvoiceSummaryRow,
  invoiceSummariesNaming,
  invoiceSummaryPosted,
  keepInvoiceSummary,
  setInvoiceSummaryPost,
} from '../../../db/repositories/invoice-summaries.ts'
import {
  invoicePosts,
  type OutboxRow,
  postsWithButtons,
  sentClaimPosts,
  sentPostAt,
  updateOutboxPayload,
} from '../../../db/repositories/outbox.ts'
import type { Outbox } from '../outbox.ts'
import type { StaffService } from '../staff.ts'
import type { StaffGroups } from '../staff-groups.ts'
import {
  type CardPayload,
  type ClaimTakenPayload,
  type InvoicePayload,
  type InvoiceSummaryPayload,
  type MessagePayload,
  type NoticeLine,
  OUTBOX_KIND,
  type OwnerAlertPayload,
  type PostButtonsPayload,
  type StaffPostPayload,
} from './model.ts'

export type StaffRoute = ReturnType<typeof createStaffRoute>

export function createStaffRoute({
  db,
  outbox,
  staff,
  groups,
}: {
  db: Db
  outbox: Outbox
  staff: StaffService
  groups: StaffGroups
}) {
  const topicLane = (clientId: number) => ({ chatId: groups.groupOf(clientId), clientId })

  /** The client's private chat as a lane; undefined when they erased their data. */
  function clientLane(clientId: number): { chatId: number; clientId: number } | undefined {
    const client = findClientById(db, clientId)
    return client?.telegramId && client.deletedAt === null ? { chatId: client.telegramId, clientId } : undefined
  }

  function enqueue(
    lane: { chatId: number; clientId: number | null },
    method: string,
    payload: unknown,
    extra: { messageRowId?: number; notBefore?: number } = {},
  ): OutboxRow {
    const row = outbox.enqueue({ ...lane, method, payload, ...extra })
    outbox.kick()
    return row
  }

  /**
   * Invoice `orderId`'s summary as `change` makes it, kept with the invoice (`invoice_summaries`):
   * a queued one goes so; one on its way or delivered — days or weeks ago, whatever the outbox
   * still remembers of it — is edited, text and buttons in one edit through its lane, after it.
   * False when nothing changed, or there is nothing to edit (posted before summaries were kept, or
   * never delivered).
   */
  function changeSummary(orderId: number, change: (post: StaffPostPayload) => StaffPostPayload): boolean {
    const kept = findInvoiceSummary(db, orderId)
    if (!kept) return false
    const before = kept.post as StaffPostPayload
    const post = change(before)
    if (JSON.stringify(post) === JSON.stringify(before)) return false
    setInvoiceSummaryPost(db, orderId, post)
    // Still queued, or on its way: its outbox row is there (unfinished rows are never pruned)
    const unfinished = invoicePosts(db, kept.clientId, OUTBOX_KIND.staffPost, orderId).find((r) => r.status !== 'sent')
    if (unfinished && updateOutboxPayload(db, unfinished.id, post)) return true
    const chatId = unfinished?.chatId ?? kept.chatId
    if (chatId === null || (unfinished === undefined && kept.messageId === null)) return false
    enqueue({ chatId, clientId: kept.clientId }, OUTBOX_KIND.invoiceSummary, {
      orderId,
    } satisfies InvoiceSummaryPayload)
    return true
  }

  const route = {
    topicLane,

    /** A row into any lane (a client's chat, their topic), queued after what is already queued there. */
    toLane: enqueue,

    /** A row into the client's topic, queued after what is already queued there. */
    toTopic(clientId: number, method: string, payload: unknown, extra?: { messageRowId?: number; notBefore?: number }) {
      return enqueue(topicLane(clientId), method, payload, extra)
    },

    /**
     * A message for staff about a client: into their topic (opened if needed), or —
     * with `general` and no topic — into the group's General topic, naming the client.
     * Without a client: into General of the first group.
     */
    post(clientId: number | null, post: StaffPostPayload): OutboxRow {
      const lane = clientId === null ? { chatId: groups.ids[0] as number, clientId: null } : topicLane(clientId)
      // An invoice's summary is kept with the invoice, for as long as it can change (`changeSummary`)
      if (clientId !== null && post.invoice !== undefined)
        keepInvoiceSummary(db, { orderId: post.invoice, clientId, post })
      return enqueue(lane, OUTBOX_KIND.staffPost, post)
    },

    /** A message for staff in a given group and forum topic (General without one), about no client. */
    postTo(chatId: number, threadId: number | undefined, post: StaffPostPayload): OutboxRow {
      return enqueue({ chatId, clientId: null }, OUTBOX_KIND.staffPost, {
        ...post,
        ...(threadId === undefined ? {} : { threadId }),
      })
    },

    /**
     * A notice in the staff group's language into the client's topic. `answering`: it answers
     * what someone on the team just did there (a command, a message, a topic closed by hand), and
     * they wait for it: it goes before what is queued at the group's 20 a minute. `replyToRowId`:
     * a reply to the copy of that transcript row in the topic (StaffPostPayload.replyToRowId).
     * `sent`: the lines show that message to the client as sent (StaffPostPayload.sent).
     */
    notifyTopic(
      clientId: number,
      lines: NoticeLine[],
      options: { claim?: boolean; answering?: boolean; replyToRowId?: number; sent?: number } = {},
    ): void {
      route.post(clientId, { lines, ...options })
    },

    /**
     * Nobody is to take the client now — someone did, or the request closed: "take this
     * client" comes off the staff posts already sent with it (an SLA alert), through the
     * client's lane, after them. Posts still queued are rendered without it.
     */
    claimTaken(clientId: number): void {
      for (const post of sentClaimPosts(db, clientId, OUTBOX_KIND.staffPost, OUTBOX_KIND.claimTaken)) {
        enqueue({ chatId: post.chatId, clientId }, OUTBOX_KIND.claimTaken, {
          rowId: post.id,
        } satisfies ClaimTakenPayload)
      }
    },

    /**
     * Whether "take this client" on message `messageId` of group `chatId` comes off by itself once
     * nobody is to take the client: the client's card (drawn as things stand) or a post the outbox
     * still keeps its record of (a week: `claimTaken`). An older post's button goes with the press.
     */
    claimComesOff(clientId: number, chatId: number, messageId: number): boolean {
      const topic = findClientTopic(db, clientId)
      if (topic?.cardMessageId === messageId && (topic.cardChatId ?? chatId) === chatId) return true
      return sentPostAt(db, { clientId, chatId, messageId, method: OUTBOX_KIND.staffPost }) !== undefined
    },

    /**
     * Buttons that would do nothing now come off the client's staff posts — or, `toClient`, off the
     * messages sent to the client through their lane ("pick a new time" under a "we could not reach
     * you" the team took back): a queued one goes without them, one under way or delivered is
     * edited through its lane, after it (and what is queued there). Its payload keeps what it
     * carries now, so a later edit of it (the claim button coming off) does not bring them back.
     */
    dropButtons(clientId: number, data: readonly string[], { toClient = false }: { toClient?: boolean } = {}): void {
      const gone = new Set(data)
      for (const post of postsWithButtons(db, clientId, toClient ? OUTBOX_KIND.message : OUTBOX_KIND.staffPost)) {
        const p = post.payload as StaffPostPayload | MessagePayload
        // An invoice's summary: its buttons are the kept summary's, and go when it is settled (`invoiceSettled`)
        if ('invoice' in p && p.invoice !== undefined) continue
        const rows = p.buttons ?? []
        const kept = rows
          .map((row) => row.filter((b) => !('data' in b && gone.has(b.data))))
          .filter((r) => r.length > 0)
        if (kept.flat().length === rows.flat().length) continue
        const { buttons: _dropped, ...rest } = p
        const now = kept.length > 0 ? { ...rest, buttons: kept } : rest
        if (!updateOutboxPayload(db, post.id, now, { statuses: ['pending', 'sending', 'sent'] })) continue
        if (post.status !== 'pending') {
          enqueue({ chatId: post.chatId, clientId }, OUTBOX_KIND.postButtons, {
            rowId: post.id,
          } satisfies PostButtonsPayload)
        }
      }
    },

    /**
     * A post that was to go to General for want of a topic (`StaffPostPayload.general`: a call
     * booked, a payment reported) went into the client's topic, which they had: it is the topic's
     * from now on. /forget leaves it to go with the topic (it edited it, old, after the topic was
     * deleted: "message to edit not found"), and an edit of it names nobody under it, as it was sent.
     */
    postedInTopic(rowId: number, post: StaffPostPayload): void {
      const { general: _general, ...inTopic } = post
      updateOutboxPayload(db, rowId, inTopic, { statuses: ['sending', 'sent'] })
    },

    /**
     * Invoice `orderId`'s summary (`StaffPostPayload.invoice`, what /invoice answered with) rewritten
     * by `rewrite` (its due date moved: /due), in one edit of its text, its buttons kept (a queued
     * one goes so). False when there is none to change: posted before summaries were kept, never
     * delivered, or it says that already (a summary settled since has no due date to move).
     */
    invoiceRewritten(orderId: number, rewrite: (text: string) => string): boolean {
      return changeSummary(orderId, (p) => ({ ...p, text: rewrite(p.text ?? '') }))
    },

    /**
     * Invoice `orderId` is settled: the summary /invoice answered with (`StaffPostPayload.invoice`)
     * says what is true now — its first line (which invoice, how much, for what) and `now` (paid,
     * when and how; cancelled, no reminders; refunded) in place of how the client pays, the due
     * date, the reminders to come and the other unpaid invoices — and its buttons go, in one edit
     * (a queued one goes so). Nothing is edited when it says that already.
     */
    invoiceSettled(orderId: number, now: NoticeLine): void {
      changeSummary(orderId, (p) => {
        const { buttons: _dropped, after: _before, others: _named, ...rest } = p
        return { ...rest, text: (p.text ?? '').split('\n')[0] ?? '', after: [now] }
      })
    },

    /** Invoice `orderId`'s summary as kept: what it reads now, and the message it went in. */
    invoiceSummary(orderId: number): InvoiceSummaryRow | undefined {
      return findInvoiceSummary(db, orderId)
    },

    /** Invoice `orderId`'s summary went in message `messageId` of group `chatId`: its edits go there. */
    summaryPosted(orderId: number, chatId: number, messageId: number): void {
      invoiceSummaryPosted(db, orderId, chatId, messageId)
    },

    /**
     * The client's invoices' summaries whose warning names invoice `orderId` among their other
     * unpaid invoices (`StaffPostPayload.others`), each changed by `change` (it was settled: the
     * warning names it no more).
     */
    summariesNaming(clientId: number, orderId: number, change: (post: StaffPostPayload) => StaffPostPayload): void {
      for (const kept of invoiceSummariesNaming(db, clientId, orderId)) changeSummary(kept.orderId, change)
    },

    /** A message to every owner's private chat. */
    notifyOwners(lines: NoticeLine[], clientId?: number): void {
      for (const ownerId of staff.owners()) route.tellPerson(ownerId, lines, { clientId })
    },

    /**
     * A message to a person's private chat, in their language; `unreachable` is told to another
     * chat when Telegram refuses the person, and `welcome` marks a team member's welcome (see
     * OwnerAlertPayload). `clientId`: the client it is about, whose /forget deletes it while queued.
     */
    tellPerson(
      chatId: number,
      lines: NoticeLine[],
      {
        clientId,
        unreachable,
        welcome,
      }: { clientId?: number | undefined; unreachable?: OwnerAlertPayload['unreachable']; welcome?: true } = {},
    ): void {
      enqueue({ chatId, clientId: clientId ?? null }, OUTBOX_KIND.ownerAlert, {
        lines,
        ...(unreachable ? { unreachable } : {}),
        ...(welcome ? { welcome } : {}),
      } satisfies OwnerAlertPayload)
    },

    /**
     * A message staff send the client (an invoice, a payment confirmation, an offer):
     * through the client's lane, so it never overtakes a manager's message still
     * queued for them. False when the client erased their data. A failure to deliver
     * is reported in the topic.
     */
    toClient(clientId: number, message: MessagePayload): boolean {
      const lane = clientLane(clientId)
      if (lane) enqueue(lane, OUTBOX_KIND.message, message)
      return lane !== undefined
    },

    /**
     * A Telegram invoice for the client's order, through their lane like `toClient`; it is
     * rendered when sent. `by`: the staff member who asked for it (delivered, it answers the
     * client's request). False when the client erased their data.
     */
    invoiceToClient(clientId: number, orderId: number, by?: number): boolean {
      const lane = clientLane(clientId)
      if (lane)
        enqueue(lane, OUTBOX_KIND.invoice, { orderId, ...(by === undefined ? {} : { by }) } satisfies InvoicePayload)
      return lane !== undefined
    },

    /** A message to a chat that is nobody's lane (an apology); one waiting per chat is enough. */
    toChatOnce(chatId: number, message: MessagePayload, notBefore: number): void {
      const lane = { chatId, clientId: null }
      if (outbox.pending(lane, OUTBOX_KIND.message)) return
      enqueue(lane, OUTBOX_KIND.message, message, { notBefore })
    },

    /**
     * Re-renders the client's card in their topic (edits the pinned message;
     * `repost` posts and pins a new one). Call it when data shown on the card
     * changes. Does nothing for a client who never had a topic.
     */
    refreshCard(clientId: number, options: CardPayload = {}): void {
      const client = findClientById(db, clientId)
      if (!client || client.deletedAt !== null) return
      // No topic: an edit has nothing to edit, and a full refresh only comes with an open request
      // (it makes the topic). Asked before the lane is read: reading it picks a group for a
      // client who has none yet (a consent answered at the first /start), too early for the rules
      if (client.topicId === null && (options.editOnly || !findActiveHandoff(db, clientId))) return
      const pending = outbox.pending(topicLane(clientId), OUTBOX_KIND.card)
      // An answer someone waits for (`/card`) is folded only into a queued row that posts a card
      // anyway. Folded into an edit queued before it, it would go before the answers and the
      // client's words queued in between, and lend no priority (`outbox.enqueue` does): its own
      // row goes before the upkeep ahead of it (src/services/outbox.ts), and the edit left behind
      // finds the new card, a call only if it has something new to show
      // (A full refresh posts one too when the card is not in the client's topic now: moved
      // group, recreated topic, the card deleted)
      const posts = (queued: CardPayload) =>
        queued.repost === true ||
        queued.answering === true ||
        (!queued.editOnly && !cardShownIn(findClientTopic(db, clientId), groups.groupOf(clientId), client.topicId))
      if (pending && (!options.answering || posts(pending.payload as CardPayload))) {
        // The queued refresh renders the data as it is when it is sent; it does the most either asks
        const queued = pending.payload as CardPayload
        const merged: CardPayload = {
          ...queued,
          repost: queued.repost || options.repost || undefined,
          editOnly: (queued.editOnly && options.editOnly) || undefined,
          answering: queued.answering || options.answering || undefined,
        }
        if (
          merged.repost !== queued.repost ||
          merged.editOnly !== queued.editOnly ||
          merged.answering !== queued.answering
        ) {
          updateOutboxPayload(db, pending.id, merged)
        }
        return
      }
      enqueue(topicLane(clientId), OUTBOX_KIND.card, options)
    },
  }
  return route
}
