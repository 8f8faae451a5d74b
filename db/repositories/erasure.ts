/**
 * /forget, table by table and key by key: what the database keeps of a person who
 * erased their data. Every table of the schema and every namespace of the `kv`
 * table is listed here with what happens to it, so a new one cannot be missed
 * (test/db/erasure.test.ts compares these lists with the database and
 * the code). The service that runs it is src/services/erasure.ts.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import {
  type answers,
  bookings,
  broadcastRecipients,
  businessConnections,
  clients,
  clientTags,
  clientTopics,
  feedback,
  formerStaff,
  invoiceDrafts,
  invoiceSummaries,
  jobs,
  leftTopics,
  orders,
  ownerInputs,
  productFeedback,
  quizResults,
  replacedCards,
} from '../schema.ts'
import { CONVERSATION_KEY_PREFIX, dropConversations } from '../storage.ts'
import { eraseAnswersOf } from './answers.ts'
import { eraseBusinessChat } from './business.ts'
import { anonymiseClient } from './clients.ts'
import { eraseHandoffAnswers, eraseHandoffDetails } from './handoffs.ts'
import { eraseTranscript } from './messages.ts'
import { eraseOutboxOf } from './outbox.ts'

/** Who is being erased, read before anything is changed. */
export interface ErasureSubject {
  clientId: number
  /** Their Telegram id (their private chat's id), while the row still has it. */
  telegramId: number | null
  /** They are an owner: a business account of theirs connected to the bot is the business's, and stays. */
  owner: boolean
  /**
   * Job kinds whose rows are deleted, not cancelled: those whose dedupe key names a
   * personal fact (a birthday greeting's). The services own the kinds and say which.
   */
  deletedJobKinds: readonly string[]
}

export interface TableErasure {
  table: string
  /** What the table keeps of the person afterwards, in a few words (docs/owners.md says the same). */
  keeps: string
  /**
   * For a table with the person's rows: 'deleted' when they go, else every column
   * either erased (null, or emptied) or kept on purpose — so a new column is a
   * decision (the test reads the schema). Absent for tables that hold nothing of clients.
   */
  columns?: 'deleted' | { erased: readonly string[]; kept: readonly string[] }
  erase?: (db: Db, subject: ErasureSubject, now: number) => void
}

const ofClient = <T extends { clientId: unknown }>(table: T, id: number) =>
  eq(table.clientId as typeof answers.clientId, id)

/**
 * Every table, in the order the erasure runs (the client row last: the others find
 * the person by it). Tables without `erase` hold nothing about a client.
 */
export const TABLE_ERASURES: readonly TableErasure[] = [
  {
    table: 'answers',
    keeps: 'nothing: deleted',
    columns: 'deleted',
    erase: (db, s) => eraseAnswersOf(db, s.clientId),
  },
  {
    table: 'product_feedback',
    keeps: 'nothing: deleted with the quiz results',
    columns: 'deleted',
    erase: (db, s) =>
      db
        .delete(productFeedback)
        .where(
          inArray(
            productFeedback.resultId,
            db.select({ id: quizResults.id }).from(quizResults).where(ofClient(quizResults, s.clientId)),
          ),
        )
        .run(),
  },
  {
    table: 'quiz_results',
    keeps: 'nothing: deleted',
    columns: 'deleted',
    erase: (db, s) => db.delete(quizResults).where(ofClient(quizResults, s.clientId)).run(),
  },
  {
    table: 'messages',
    keeps: 'nothing: the transcript is deleted',
    columns: 'deleted',
    erase: (db, s) => eraseTranscript(db, s.clientId),
  },
  {
    table: 'client_tags',
    keeps: 'nothing: deleted',
    columns: 'deleted',
    erase: (db, s) => db.delete(clientTags).where(ofClient(clientTags, s.clientId)).run(),
  },
  {
    table: 'bookings',
    keeps: 'times and outcomes; a booked callback is cancelled (its place freed), phone and comment erased',
    columns: {
      erased: ['phone', 'comment'],
      kept: ['id', 'client_id', 'kind', 'slot_start', 'slot_end', 'status', 'product_id', 'created_at', 'updated_at'],
    },
    erase: (db, s, now) => {
      db.update(bookings)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(ofClient(bookings, s.clientId), eq(bookings.status, 'booked')))
        .run()
      db.update(bookings).set({ phone: null, comment: null }).where(ofClient(bookings, s.clientId)).run()
    },
  },
  {
    table: 'handoff_answers',
    // Kept to take an answer back (/unsend), which no longer reaches anyone: the request keeps its first and last answer
    keeps: 'nothing: deleted',
    columns: 'deleted',
    erase: (db, s) => eraseHandoffAnswers(db, s.clientId),
  },
  {
    table: 'handoffs',
    keeps:
      "times, reason, who closed it and manager; the detail (the words that opened it) and staff's close reason erased",
    columns: {
      erased: ['detail', 'close_reason'],
      kept: [
        'id',
        'client_id',
        'status',
        'reason',
        'opened_at',
        'first_response_at',
        'first_responder_id',
        'first_response_minutes',
        'manager_id',
        'handed_by',
        'handed_at',
        'closed_at',
        'sla_due_at',
        'reached_group_at',
        'sla_breached_at',
        'sla_breached_by',
        'close_asked_at',
        'close_undelivered_at',
        'closed_by',
        'client_waiting_since',
        'reply_late_at',
        'last_answer_at',
        'settled_at',
        'settled_by',
        'wait_settles',
      ],
    },
    erase: (db, s) => eraseHandoffDetails(db, s.clientId),
  },
  {
    table: 'orders',
    keeps: 'amounts, currency, product, status and times (revenue); the description erased',
    columns: {
      // A confirmation held for their next message (paid_untold_at): no one to send it to now; and
      // the day they promised to pay by (their own words, read)
      erased: ['description', 'paid_untold_at', 'pay_promised_until'],
      kept: [
        'id',
        'client_id',
        'amount',
        'currency',
        // The catalogue's product, as a booking keeps it: the manager's own words are the description
        'product_id',
        'due_date',
        // Before migration 0036 (the due date as a moment): read into due_date, no longer written
        'due_at',
        'status',
        'created_by',
        'created_at',
        'client_reported_paid_at',
        'paid_at',
        'done_at',
        'invoice_kind',
        // When Telegram refused the provider's invoice: a fact of the order, not of the person
        'provider_refused_at',
        // When the order's payment details were first sent: how it was offered, as invoice_kind
        'details_sent_at',
        'paid_via',
        'refunded_at',
        'refunded_by',
        // The staff group's message it was made from: an id in the team's chat, not the client's
        'source_chat_id',
        'source_message_id',
        // The order an invoice is a part of (a balance after a prepayment): how the work was billed
        'part_of',
        // The paid invoice whose payment holds its reminders (an order's id): how it was billed too
        'reminders_held_by',
      ],
    },
    erase: (db, s) =>
      db
        .update(orders)
        .set({ description: null, paidUntoldAt: null, payPromisedUntil: null })
        .where(ofClient(orders, s.clientId))
        .run(),
  },
  {
    table: 'order_earlier',
    keeps: 'nothing of clients: which invoice was issued while another still waited (order ids), kept with the orders',
  },
  {
    table: 'invoice_drafts',
    keeps: 'nothing: an invoice held for the team to say whether it is a part of an order under way is dropped',
    columns: 'deleted',
    erase: (db, s) => db.delete(invoiceDrafts).where(ofClient(invoiceDrafts, s.clientId)).run(),
  },
  {
    table: 'invoice_summaries',
    keeps:
      "nothing: the invoices' summaries in their topic (what the invoice was for, in the manager's words) are deleted, and no longer edited",
    columns: 'deleted',
    erase: (db, s) => db.delete(invoiceSummaries).where(ofClient(invoiceSummaries, s.clientId)).run(),
  },
  {
    table: 'feedback',
    keeps: 'scores and times; comments erased',
    columns: {
      erased: ['comment'],
      kept: ['id', 'client_id', 'kind', 'score', 'handoff_id', 'order_id', 'manager_id', 'created_at'],
    },
    erase: (db, s) => db.update(feedback).set({ comment: null }).where(ofClient(feedback, s.clientId)).run(),
  },
  {
    table: 'jobs',
    keeps:
      'kind, times and outcome; greetings deleted (their key and time show the birthday and time zone), pending and running ones cancelled, payloads and errors emptied',
    columns: {
      erased: ['payload', 'last_error'],
      kept: [
        'id',
        'kind',
        'run_at',
        'status',
        'attempts',
        'max_attempts',
        'locked_until',
        'sending_at',
        'dedupe_key',
        'client_id',
        'outcome',
        'created_at',
        'updated_at',
      ],
    },
    erase: (db, s, now) => {
      // A greeting's dedupe key says "birthday", and it runs at 11:00 on that day in the
      // client's time zone: its rows go (`deletedJobKinds`). Without its key it cannot be
      // sent twice all the same: an erased client is no one the daily sweep greets (no
      // birthday, no chat), nor a job reaches.
      db.delete(jobs)
        .where(and(ofClient(jobs, s.clientId), inArray(jobs.kind, [...s.deletedJobKinds])))
        .run()
      // A running one too: its claim is gone, so whatever its run meets afterwards (a 429 or a
      // handler's wait that would put it back to pending, a failure staff would be told about,
      // a send still waiting for the budget) records nothing and sends nothing
      db.update(jobs)
        .set({ status: 'cancelled', outcome: 'the client erased their data', lockedUntil: null, updatedAt: now })
        .where(and(ofClient(jobs, s.clientId), inArray(jobs.status, ['pending', 'running'])))
        .run()
      db.update(jobs).set({ payload: {}, lastError: null }).where(ofClient(jobs, s.clientId)).run()
    },
  },
  {
    table: 'outbox',
    keeps:
      'nothing: every row for the person or their chat, or naming them among others (a /find result; a search that found nobody, its words naming them), is deleted, pending ones too (so nothing with their data is delivered)',
    columns: 'deleted',
    erase: (db, s) => eraseOutboxOf(db, s),
  },
  {
    table: 'broadcast_recipients',
    keeps: 'the outcome of each broadcast (counts); the chat id erased, a message still to go skipped',
    columns: {
      // not_before: their morning, which tells the time zone they gave
      erased: ['chat_id', 'not_before'],
      kept: ['broadcast_id', 'client_id', 'status', 'message_id', 'error', 'sent_at'],
    },
    erase: (db, s) => {
      db.update(broadcastRecipients)
        .set({ status: 'skipped', error: 'the client erased their data' })
        .where(and(ofClient(broadcastRecipients, s.clientId), eq(broadcastRecipients.status, 'pending')))
        .run()
      db.update(broadcastRecipients)
        .set({ chatId: null, notBefore: null })
        .where(ofClient(broadcastRecipients, s.clientId))
        .run()
    },
  },
  {
    table: 'payments',
    keeps: "every charge: amount, currency, Telegram's and the provider's charge ids (an accounting record)",
    columns: {
      erased: [],
      kept: [
        'id',
        'order_id',
        'client_id',
        'method',
        'amount',
        'currency',
        'telegram_charge_id',
        'provider_charge_id',
        'created_at',
        'refunded_at',
      ],
    },
  },
  {
    table: 'client_topics',
    keeps: "nothing: the bot's bookkeeping of their topic (card, status mark, transcript posted) is deleted",
    columns: 'deleted',
    erase: (db, s) => db.delete(clientTopics).where(ofClient(clientTopics, s.clientId)).run(),
  },
  {
    table: 'left_topics',
    keeps: 'nothing: the topics they left in another staff group (renamed, their card edited there) are forgotten',
    columns: 'deleted',
    erase: (db, s) => db.delete(leftTopics).where(ofClient(leftTopics, s.clientId)).run(),
  },
  {
    table: 'replaced_cards',
    keeps: 'nothing: their cards a newer one replaced (edited into a note) are forgotten',
    columns: 'deleted',
    erase: (db, s) => db.delete(replacedCards).where(ofClient(replacedCards, s.clientId)).run(),
  },
  {
    table: 'owner_inputs',
    keeps: "nothing: an owner's pending step that names the person (adding them to the staff) is dropped",
    erase: (db, s) => {
      if (s.telegramId === null) return
      db.delete(ownerInputs).where(sql`json_extract(${ownerInputs.step}, '$.id') = ${s.telegramId}`).run()
    },
  },
  { table: 'staff_group_problems', keeps: "nothing of clients: a staff group's problems the owners were told" },
  {
    table: 'business_chats',
    keeps: 'nothing: which business account they wrote to, and when, is deleted',
    columns: 'deleted',
    erase: (db, s) => eraseBusinessChat(db, s.clientId),
  },
  {
    table: 'client_search',
    keeps:
      "nothing: /find's index of names and contacts follows the client row (triggers; contentless, with secure-delete)",
  },
  {
    table: 'message_search',
    keeps:
      "nothing: /find's index of the transcript follows the deleted messages (triggers; contentless, with secure-delete)",
  },
  {
    table: 'message_search_queue',
    keeps: 'nothing: ids of messages waiting to be indexed for /find leave with their messages (trigger)',
  },
  { table: 'duty', keeps: 'nothing of clients: who of the team is on duty where' },
  {
    table: 'business_connections',
    keeps:
      "nothing: a business account of theirs they connected to the bot (who is not an owner) is deleted; an owner's own stays",
    columns: 'deleted',
    erase: (db, s) => {
      if (s.telegramId === null || s.owner) return
      db.delete(businessConnections).where(eq(businessConnections.userId, s.telegramId)).run()
    },
  },
  {
    table: 'events',
    keeps: 'the funnel events (types, times, ids): anonymous counts',
    columns: { erased: [], kept: ['id', 'client_id', 'type', 'data', 'created_at'] },
  },
  { table: 'broadcasts', keeps: 'nothing of clients: an owner, a segment and times' },
  { table: 'staff', keeps: 'nothing of clients: the team' },
  {
    table: 'former_staff',
    keeps: 'nothing: someone who left the team, a client again, takes the name they had on it with them',
    columns: 'deleted',
    erase: (db, s) => {
      if (s.telegramId !== null) db.delete(formerStaff).where(eq(formerStaff.telegramId, s.telegramId)).run()
    },
  },
  { table: 'content_versions', keeps: "nothing of clients: the business's content" },
  { table: 'product_titles', keeps: "nothing of clients: the titles of the business's products" },
  {
    table: 'kv',
    keeps: 'nothing: see KV_ERASURES',
    erase: (db, s) => {
      for (const rule of KV_ERASURES) rule.erase?.(db, s)
    },
  },
  {
    table: 'clients',
    keeps:
      'an anonymous row: id, stage, source, language, consent facts (times and the text version), dates; Telegram id, names, username, contacts, birthday, time zone, referrer and topic erased',
    columns: {
      erased: [
        'telegram_id',
        'first_name',
        'last_name',
        'username',
        'display_name',
        'phone',
        'email',
        'birthday',
        'timezone',
        'referrer_id',
        'staff_group_id',
        'topic_id',
        'night_reply_back_at',
        'forget_question',
      ],
      kept: [
        'id',
        'language',
        'language_chosen',
        'source',
        'stage',
        'consent_asked_at',
        'consent_at',
        'consent_version',
        'consent_declined_at',
        'opt_out_at',
        'blocked_at',
        'deleted_at',
        'manager_id',
        'created_at',
        'last_seen_at',
      ],
    },
    erase: (db, s, now) => anonymiseClient(db, s.clientId, now),
  },
]

export interface KvErasure {
  /** The namespace: every key of it starts with this. */
  prefix: string
  keeps: string
  erase?: (db: Db, subject: ErasureSubject) => void
}

/**
 * Every namespace of the `kv` table, by the prefix its owner gives `KvStorage`: only
 * grammY's conversations now (domain state lives in its own tables, listed above).
 */
export const KV_ERASURES: readonly KvErasure[] = [
  {
    prefix: CONVERSATION_KEY_PREFIX,
    keeps: 'nothing: a flow in progress (keyed by the chat) is dropped',
    erase: (db, s) => dropConversations(db, s.telegramId === null ? [] : [s.telegramId]),
  },
]

/**
 * Reads who is being erased; undefined when there is no such client or they erased their data
 * already. `isOwner`: the staff's rule (owners are also those of the OWNER_IDS setting).
 */
export function erasureSubject(
  db: Db,
  clientId: number,
  { isOwner, deletedJobKinds }: { isOwner: (telegramId: number) => boolean; deletedJobKinds: readonly string[] },
): ErasureSubject | undefined {
  const client = db
    .select({ telegramId: clients.telegramId, deletedAt: clients.deletedAt })
    .from(clients)
    .where(eq(clients.id, clientId))
    .get()
  if (!client || client.deletedAt !== null) return undefined
  return {
    clientId,
    telegramId: client.telegramId,
    owner: client.telegramId !== null && isOwner(client.telegramId),
    deletedJobKinds,
  }
}

/** Runs every rule above; the caller wraps it in a transaction with the rest of the erasure. */
export function eraseSubject(db: Db, subject: ErasureSubject, now: number): void {
  for (const rule of TABLE_ERASURES) rule.erase?.(db, subject, now)
}

/**
 * The clients this person referred (their `referrer_id`): their cards name the referrer, and
 * are refreshed by the erasure. Their own rows keep the id, which names nobody afterwards.
 */
export function listReferredBy(db: Db, clientId: number): number[] {
  return db
    .select({ id: clients.id })
    .from(clients)
    .where(eq(clients.referrerId, clientId))
    .all()
    .map((c) => c.id)
}
