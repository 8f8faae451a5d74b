/**
 * The whole data model in one place. Times are UTC epoch milliseconds (integer);
 * they are converted to a time zone only for display and wall-clock rules.
 * JSON columns hold small structured values that are always read whole.
 */
import { sql } from 'drizzle-orm'
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'

const createdAt = () => integer('created_at').notNull()

/** Funnel/journey stage; only ever moves forward (see services/clients.ts). */
export const STAGES = ['contact', 'discovery', 'presentation', 'close', 'customer', 'repeat', 'advocate'] as const
export type Stage = (typeof STAGES)[number]

/** /forget's question standing in a client's chat (`clients.forgetQuestion`). */
export interface ForgetQuestion {
  chat: string | null
  messageId: number
  named: string
}

export const clients = sqliteTable(
  'clients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Telegram user id (= private chat id). Null once the client used /forget. */
    telegramId: integer('telegram_id').unique(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    username: text('username'),
    /** The form of address the client gave ("Анна", "Анна Петровна"); falls back to first name. */
    displayName: text('display_name'),
    language: text('language'),
    /** True once the client picked a language with /language: Telegram's language no longer overrides it. */
    languageChosen: integer('language_chosen', { mode: 'boolean' }).notNull().default(false),
    phone: text('phone'),
    email: text('email'),
    /** YYYY-MM-DD, only when the client gave it. */
    birthday: text('birthday'),
    timezone: text('timezone'),
    source: text('source'),
    referrerId: integer('referrer_id'),
    stage: text('stage', { enum: STAGES }).notNull().default('contact'),
    /**
     * Marketing consent as separate facts (see consentFacts in src/services/clients.ts):
     * when the question was asked; when consent was granted (kept after a withdrawal, as
     * proof of what the earlier messages relied on); when the client declined (never
     * gave it); when they withdrew it or asked for no marketing (/stop, Unsubscribe).
     * `consentVersion` is the version of the wording the grant or decline answered.
     * A new grant clears the decline and the withdrawal: the history is in `events`.
     */
    consentAskedAt: integer('consent_asked_at'),
    consentAt: integer('consent_at'),
    consentVersion: text('consent_version'),
    consentDeclinedAt: integer('consent_declined_at'),
    optOutAt: integer('opt_out_at'),
    blockedAt: integer('blocked_at'),
    deletedAt: integer('deleted_at'),
    /** The staff group the client belongs to (sticky), where their topic is; null until they need one. */
    staffGroupId: integer('staff_group_id'),
    topicId: integer('topic_id'),
    managerId: integer('manager_id'),
    /**
     * Outside working hours the client is told when the team is back once per closed
     * stretch: the end of the stretch they were last told about (0: the calendar never
     * opens again). See src/services/desk/night-reply.ts.
     */
    nightReplyBackAt: integer('night_reply_back_at'),
    /**
     * /forget's question that stands, the one whose Yes erases: its message (`messageId` in
     * `chat`, the bot's own chat when null, else the owner's account's Business connection) and
     * what it named as erasing cancels then (`named`: see src/bot/features/privacy.ts). Null once
     * answered. A Yes on any other copy, or once `named` no longer holds, asks again.
     */
    forgetQuestion: text('forget_question', { mode: 'json' }).$type<ForgetQuestion>(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [
    index('clients_stage_idx').on(t.stage),
    index('clients_topic_idx').on(t.topicId),
    /**
     * When each client first came (a broadcast to those who joined within 7 or 30 days): the
     * newcomers are read as a range of it, not every client row (db/repositories/segments.ts).
     */
    index('clients_created_idx').on(t.createdAt),
    /**
     * Who marketing may go to (`marketingAudience` in db/repositories/clients.ts), with
     * every column that rule reads: a broadcast segment of everyone, or of those who paid,
     * is counted from this index alone instead of reading every client row (by tag or quiz
     * result, from the clients who have it: db/repositories/segments.ts).
     */
    index('clients_audience_idx')
      .on(t.consentAt, t.telegramId, t.deletedAt, t.blockedAt, t.optOutAt)
      .where(
        sql`${t.telegramId} is not null and ${t.deletedAt} is null and ${t.blockedAt} is null and ${t.optOutAt} is null`,
      ),
    /**
     * The clients by language, with every column the marketing rule reads (those it asks to be
     * empty first): a broadcast segment by language — each choice of the recipients' language
     * picker is one — is counted from a range of this index alone, and the languages in use are
     * read from it in order (db/repositories/segments.ts), not from every client row.
     */
    index('clients_language_idx').on(t.language, t.deletedAt, t.blockedAt, t.optOutAt, t.consentAt, t.telegramId),
  ],
)

export const clientTags = sqliteTable(
  'client_tags',
  {
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.tag] }), index('client_tags_tag_idx').on(t.tag)],
)

/** Current answer per question; a new answer to the same question replaces the old one. */
export const answers = sqliteTable(
  'answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['discovery', 'quiz'] }).notNull(),
    questionKey: text('question_key').notNull(),
    /** JSON: string | number | string[] */
    value: text('value', { mode: 'json' }).notNull(),
    /**
     * The client's message that gave a typed answer (null: a button), in the chat
     * `businessConnectionId` names as `messages` does: its edit, with no question waiting, is
     * told that it changes nothing.
     */
    messageId: integer('message_id'),
    businessConnectionId: text('business_connection_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('answers_client_kind_key_uq').on(t.clientId, t.kind, t.questionKey)],
)

/** Every quiz run is kept; `isCurrent` marks the one shown to managers. */
export const quizResults = sqliteTable(
  'quiz_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    answers: text('answers', { mode: 'json' }).notNull(),
    /** JSON: [{ productId, score, reasons[] }] best first */
    ranking: text('ranking', { mode: 'json' }).notNull(),
    outcome: text('outcome', { enum: ['match', 'tie', 'no_match'] }).notNull(),
    isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(true),
    /** How far into this result's stored matches the client has been shown ("Show more" counts once per tap); a product removed from the content counts where it stands. */
    shownCount: integer('shown_count').notNull().default(0),
    /** When the results reached the client; null: stored but never shown (their send failed), so they are sent again, not a new take. */
    shownAt: integer('shown_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('quiz_results_client_idx').on(t.clientId),
    /**
     * The clients whose current result ranks a product first (a broadcast to "quiz: <product>",
     * and how many it reaches, one count a product in its picker): read from here, not by looking
     * up every client of the audience's results (db/repositories/segments.ts).
     */
    index('quiz_results_top_product_idx')
      .on(sql`${t.ranking} ->> '$[0].productId'`, t.clientId)
      .where(sql`${t.isCurrent} = 1 and ${t.outcome} != 'no_match'`),
  ],
)

export const productFeedback = sqliteTable(
  'product_feedback',
  {
    resultId: integer('result_id')
      .notNull()
      .references(() => quizResults.id, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    vote: integer('vote').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.resultId, t.productId] })],
)

export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['slot', 'now'] })
      .notNull()
      .default('slot'),
    slotStart: integer('slot_start').notNull(),
    slotEnd: integer('slot_end').notNull(),
    status: text('status', { enum: ['booked', 'cancelled', 'called', 'no_answer'] })
      .notNull()
      .default('booked'),
    phone: text('phone'),
    comment: text('comment'),
    productId: text('product_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('bookings_slot_idx').on(t.slotStart, t.status), index('bookings_client_idx').on(t.clientId)],
)

/** Who closed a handoff (see `handoffs.closedBy`). */
export const HANDOFF_CLOSERS = ['client', 'timeout', 'staff', 'erased'] as const
export type HandoffCloser = (typeof HANDOFF_CLOSERS)[number]

/**
 * The status mark at the start of a client's topic title: waiting for the team's first
 * answer, the SLA passed without one, answered, waiting for the client's "yes, solved", closed.
 */
export const TOPIC_STATUSES = ['waiting', 'breached', 'answered', 'client', 'closed'] as const
export type TopicStatus = (typeof TOPIC_STATUSES)[number]

export const handoffs = sqliteTable(
  'handoffs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'closing', 'closed'] })
      .notNull()
      .default('open'),
    reason: text('reason').notNull(),
    /** What exactly made it open, when the reason has more to say (the trigger word, the quiz's outcome). */
    detail: text('detail'),
    openedAt: integer('opened_at').notNull(),
    firstResponseAt: integer('first_response_at'),
    firstResponderId: integer('first_responder_id'),
    /**
     * Working minutes from the opening to the first answer, on the working hours of the day it
     * came: the stats and the card keep it when the hours change later. Null on requests
     * answered before it was stored (counted on the hours as they are).
     */
    firstResponseMinutes: real('first_response_minutes'),
    managerId: integer('manager_id'),
    /**
     * Who handed the request to its lead (`manager_id`), and when: a colleague's `/assign` of
     * them, or a `/handover`. Null when the lead took it themselves (the take button, a bare
     * `/assign`, their first answer) or the bot gave it them (the duty rota, an answer time
     * passed), and on requests led before it was kept. A /handover back to that colleague within
     * minutes leaves it with the lead: two crossed /handovers bounced the clients back.
     */
    handedBy: integer('handed_by'),
    handedAt: integer('handed_at'),
    /**
     * The answer deadline set when the request was opened (`handoff.sla_minutes` of working
     * time then), moved once to one answer time after the request reached the staff group when
     * that is later (`reached_group_at`): the SLA alert, the client's promise and the stats keep
     * to it when the answer time or working hours change later. Null when the calendar had no
     * opening ahead, and on requests opened before it was stored (their deadline is counted from
     * the content as it is).
     */
    slaDueAt: integer('sla_due_at'),
    /**
     * When the request's first message (its card in a new topic, its notice in the client's
     * topic) reached the staff group; null while it is on its way (the group's 20 messages a
     * minute, a 429 holding the group). The answer time counts from then: one that arrives later
     * than it opened moves `sla_due_at` to one answer time after it, so the team is never alerted
     * about, nor blamed for, minutes it could not see the request. Requests from before it was
     * kept count as having reached the group when they opened.
     */
    reachedGroupAt: integer('reached_group_at'),
    /**
     * When nobody had answered within the SLA: staff and owners were alerted (once per
     * request, so a retried job does not repeat it); the topic shows 🔴 until an answer.
     */
    slaBreachedAt: integer('sla_breached_at'),
    /**
     * Who led the request when it went late (`manager_id` then; null when nobody did): the
     * miss is theirs in the stats, not that of the colleague it is passed to.
     */
    slaBreachedBy: integer('sla_breached_by'),
    /**
     * When the client wrote in an answered request and the team has not answered that yet (their
     * first such message since the team's last answer; thanks alone do not count). Its answer time
     * is watched (HANDOFF_REPLY_JOB); the team's next answer, or "Is your question solved?", clears it.
     */
    clientWaitingSince: integer('client_waiting_since'),
    /** When that wait went past the answer time: staff and owners were alerted, the topic shows 🔴 until an answer. */
    replyLateAt: integer('reply_late_at'),
    /**
     * When the request's first wait ended before any answer with nothing owed: the client settled
     * what they asked themselves (a call booked for a question about a call, their zone set for one
     * about the time zone, "разобрался" — docs/managers.md, "What makes a client waiting"), or it
     * opened with news that asks nothing (a first message such as «Оплатила! пришлю чек вечером»).
     * No answer-time alert, not late in /stats; the topic is 💬. Their next message waits as one
     * in an answered request does. A later wait the client settles is only ended (`client_waiting_since`).
     */
    settledAt: integer('settled_at'),
    /**
     * How the client last settled a wait of theirs (`words`, or the doing: `call`, `zone`), while no
     * wait goes on and nobody answered since: a call they booked that settled it and that they then
     * cancel brings the wait back. Cleared when a wait starts again or the team answers.
     */
    settledBy: text('settled_by', { enum: ['words', 'call', 'zone'] }),
    /**
     * Which of the client's own doings would settle everything they asked in the wait going on (the
     * first, or the one since `client_waiting_since`), comma-separated: `call` (they booked or moved
     * a call), `zone` (they set their time zone); '' when nothing they could do would (a complaint, a
     * price asked, a photo); null while nothing was asked in words yet (/manager alone). Narrowed by
     * each message the wait takes in, set afresh when a wait starts.
     */
    waitSettles: text('wait_settles'),
    /**
     * When the team last answered the request: the newest of whatever counts as an answer
     * (`noteStaffReply`: a message, a saved reply, /offer, /invoice, a call booked or moved, _Called_,
     * the owner's own reply in their Business chat), timed when written. /today's "последний ответ"
     * reads it. Null on requests last answered before it was kept (their last message to the
     * client in the transcript stands in) and on those not answered yet.
     */
    lastAnswerAt: integer('last_answer_at'),
    /** When staff last asked "Is your question solved?" (/close); the auto-close counts from here. */
    closeAskedAt: integer('close_asked_at'),
    /**
     * When that question failed to reach the client (blocked, or refused otherwise): an ask at
     * or before this time was never seen, and its auto-close says so rather than "no answer".
     */
    closeUndeliveredAt: integer('close_undelivered_at'),
    closedAt: integer('closed_at'),
    /**
     * Who closed it: the client's "yes, solved", the auto-close after no answer, staff with
     * `/close force`, or the client's erasure. Null on requests closed before this was kept.
     */
    closedBy: text('closed_by', { enum: HANDOFF_CLOSERS }),
    /** Why staff closed it (`/close force <reason>`). */
    closeReason: text('close_reason'),
  },
  (t) => [
    index('handoffs_client_idx').on(t.clientId, t.status),
    // "Is this client with a manager?" is asked on every client message: a client's open
    // request, newest first, straight from the index of open ones (no sorting)
    index('handoffs_active_idx').on(t.clientId, t.id).where(sql`${t.status} in ('open', 'closing')`),
  ],
)

/**
 * Each answer the team gave a request (whatever `noteStaffReply` counts: a message, a saved
 * reply, /offer, /invoice, a call booked or moved, _Called_, the owner's own words in their
 * Business chat), timed when written, with who gave it. `messageId`: the transcript row of the
 * message it was, when there is one. An answer taken back (/unsend) leaves this list, and the
 * request's first and last answer are read again from what stays (`handoffs.first_response_at`,
 * `last_answer_at`): one that was the only answer leaves the request waiting for its first again.
 * Requests answered before it was kept have none here, and keep what they have.
 */
export const handoffAnswers = sqliteTable(
  'handoff_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    handoffId: integer('handoff_id')
      .notNull()
      .references(() => handoffs.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    staffId: integer('staff_id').notNull(),
    messageId: integer('message_id').references(() => messages.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('handoff_answers_handoff_idx').on(t.handoffId, t.at),
    // A message answers once (the owner's words re-delivered after a restart are the same answer)
    uniqueIndex('handoff_answers_message_uq').on(t.messageId).where(sql`${t.messageId} is not null`),
  ],
)

/**
 * The bot's bookkeeping of a client's topic in the staff group (the topic itself is
 * `clients.topic_id`): where the pinned card is, a topic lost and being recreated, a topic
 * Telegram refused, how far the transcript has been posted. A row appears with the first fact.
 */
export const clientTopics = sqliteTable('client_topics', {
  clientId: integer('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  /** The card's message and the topic it was posted in (a card in an old topic is not edited). */
  cardTopicId: integer('card_topic_id'),
  cardMessageId: integer('card_message_id'),
  /** The staff group the card is in (null only in rows from before it was kept, when it is not known). */
  cardChatId: integer('card_chat_id'),
  /**
   * The card the bot last pinned in the client's topic (its message id, in the group of the topic):
   * the next card's pin unpins it, so the topic keeps one pinned card. Null: none pinned by the
   * bot there (a new topic, or one lost: its pins went with it, or stayed in the group left).
   */
  pinnedCardId: integer('pinned_card_id'),
  /** Set when the topic was lost (deleted by staff, or left behind when the client moved group), until the new one has the whole transcript. */
  lostAt: integer('lost_at'),
  lostWhy: text('lost_why', { enum: ['deleted', 'moved'] }),
  /** Telegram refused a topic even under a neutral name; the owners were told once. */
  refusedAt: integer('refused_at'),
  /** The last `messages.id` posted into the topic as transcript. */
  transcriptPostedTo: integer('transcript_posted_to').notNull().default(0),
  /**
   * What the topic shows in Telegram as last applied (src/services/desk/topic-status.ts):
   * the status mark in its title (null until the bot set one), whether it is closed, and
   * whether its title is the neutral `#id` Telegram accepted instead of the client's name.
   */
  titleStatus: text('title_status', { enum: TOPIC_STATUSES }),
  topicClosed: integer('topic_closed', { mode: 'boolean' }).notNull().default(false),
  /**
   * Closed by a person in Telegram (the bot learnt it from the service message): their choice,
   * kept while no request is open. A topic closed otherwise was closed by the bot, which
   * versions before it stopped doing so did at every closed request: it is reopened.
   */
  closedByHand: integer('closed_by_hand', { mode: 'boolean' }).notNull().default(false),
  neutralTitle: integer('neutral_title', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
})

/** A manager's note in a client's topic: its transcript row, and its message's id in the topic's group. */
export interface TopicNote {
  rowId: number
  topicMessageId: number
}

/**
 * A topic a client left behind in another staff group when an owner moved them (/move):
 * it still bears their name, their card when it was there, and the managers' notes. /forget
 * renames it, edits the card and deletes the notes that show the name or contacts.
 */
export const leftTopics = sqliteTable(
  'left_topics',
  {
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The staff group, and the topic in it. */
    chatId: integer('chat_id').notNull(),
    topicId: integer('topic_id').notNull(),
    /** The client's card in that topic, when the bot knew it. */
    cardMessageId: integer('card_message_id'),
    /**
     * The managers' notes in that topic: their transcript rows and their messages' ids there.
     * The transcript forgets those ids at the move (the new group numbers its messages anew).
     */
    notes: text('notes', { mode: 'json' }).$type<TopicNote[]>().notNull().default([]),
    leftAt: integer('left_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.topicId] }), index('left_topics_client_idx').on(t.clientId)],
)

/**
 * A client's card that a newer one replaced (/card posts it again, a lost topic gets a new
 * one): it still shows their name and contacts in its group. /forget edits it there; a bot
 * may edit its own message at any age, so it is kept as long as the client is.
 */
export const replacedCards = sqliteTable(
  'replaced_cards',
  {
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The staff group, and the card's message in it. */
    chatId: integer('chat_id').notNull(),
    messageId: integer('message_id').notNull(),
    replacedAt: integer('replaced_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.messageId] }), index('replaced_cards_client_idx').on(t.clientId)],
)

/** Problems of a staff group the owners were told about (told once, until the group works again). */
export const staffGroupProblems = sqliteTable(
  'staff_group_problems',
  {
    groupId: integer('group_id').notNull(),
    problem: text('problem').notNull(),
    toldAt: integer('told_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.problem] })],
)

/** The transcript, and the map between a client's message ids and the topic's. */
export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** in: from the client; out: from staff to the client; bot: what the bot said; note: internal */
    direction: text('direction', { enum: ['in', 'out', 'bot', 'note'] }).notNull(),
    senderId: integer('sender_id'),
    type: text('type').notNull(),
    text: text('text'),
    fileId: text('file_id'),
    clientMessageId: integer('client_message_id'),
    /**
     * The chat `clientMessageId` is in: null for the client's chat with the bot, else the
     * Telegram Business connection of the owner's account they talk to (that chat numbers
     * its messages apart, though its id is the same).
     */
    businessConnectionId: text('business_connection_id'),
    topicMessageId: integer('topic_message_id'),
    mediaGroupId: text('media_group_id'),
    /** Telegram's formatting of the text or caption (bold, links…), to send it again by content. */
    entities: text('entities', { mode: 'json' }).$type<unknown[]>(),
    createdAt: createdAt(),
    editedAt: integer('edited_at'),
    /** Deleted in the client's chat (Telegram tells the bot only about business chats). */
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('messages_client_idx').on(t.clientId, t.createdAt),
    // A client's rows in the order they were written (an index carries the row id after its
    // columns): "the bot's last message to the client", asked of every text they type, is one
    // step back from its end, not a sort of their whole transcript
    index('messages_client_row_idx').on(t.clientId),
    index('messages_client_msg_idx').on(t.clientId, t.clientMessageId),
    // Only rows copied into a topic: most of the transcript never is, and then writes no entry
    index('messages_topic_msg_idx').on(t.topicMessageId).where(sql`${t.topicMessageId} is not null`),
  ],
)

/**
 * Persistent, ordered outbox of Bot API calls to the staff group (about 20
 * messages a minute are allowed there): a row is written before sending and
 * marked sent with the resulting message id.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chatId: integer('chat_id').notNull(),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    method: text('method').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    /** Transcript row to update with the resulting message id. */
    messageRowId: integer('message_row_id'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: integer('not_before').notNull(),
    resultMessageId: integer('result_message_id'),
    /**
     * Every message the delivery put into the chat, in order, when it was more than one (an
     * album; `result_message_id` is the first): /forget deletes them all from this record.
     */
    resultMessageIds: text('result_message_ids', { mode: 'json' }).$type<number[]>(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_status_idx').on(t.chatId, t.status, t.id),
    // The head of each lane is looked for on every delivery run: only unfinished rows are
    // indexed, so it reads those few, not the week of sent rows kept beside them
    index('outbox_unfinished_idx').on(t.chatId, t.clientId, t.id).where(sql`${t.status} in ('pending', 'sending')`),
    // One client's rows, whatever their chat: what a claim takes the button off, what /forget
    // erases, and a deleted client's cascade — each read the whole week of rows without it
    index('outbox_client_idx').on(t.clientId),
  ],
)

export const INVOICE_KINDS = ['details', 'provider', 'stars'] as const
export type InvoiceKind = (typeof INVOICE_KINDS)[number]
export const PAID_VIA = ['staff', 'provider', 'stars'] as const
export type PaidVia = (typeof PAID_VIA)[number]

/** Amounts are in minor units (kopecks, cents; whole Stars for XTR). */
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /**
     * The content file's product the invoice is for (`/invoice 45000 landing`): its title is
     * written in the reader's language each time the order is shown. Null for an order made
     * for an amount alone, and for those made before migration 0022.
     */
    productId: text('product_id'),
    /**
     * What the invoice is for in the manager's own words, after the product's title. An order
     * made before migration 0022 has the product's title here too, in the client's language of then.
     */
    description: text('description'),
    /**
     * The day the invoice is due, YYYY-MM-DD: a date of the calendar, not a moment, so it stays
     * the day written when the business's time zone changes (the end of that day in the zone of
     * the day is when it becomes overdue). Null: no due date.
     */
    dueDate: text('due_date'),
    /**
     * Before migration 0036 the due date was kept as the last moment of that day in the zone of
     * then: read into `due_date` once, in the zone in force at the first start with 0036 (the
     * same, unless it was changed since: src/services/orders.ts). No longer written.
     */
    dueAt: integer('due_at'),
    /** refunded: paid, then the money went back (/refund for Stars, /refunded for the rest). */
    status: text('status', { enum: ['unpaid', 'paid', 'cancelled', 'refunded'] })
      .notNull()
      .default('unpaid'),
    /**
     * How the client was last asked to pay: payment details and an "I paid" button (details), or a
     * Telegram invoice through the payment provider (provider) or in Telegram Stars (stars). Not
     * fixed: where the client pays next decides (`services.orders.payIn`), so a "details" order
     * made in the owner's Business chat becomes a Telegram invoice in the bot's chat.
     */
    invoiceKind: text('invoice_kind', { enum: INVOICE_KINDS }).notNull().default('details'),
    /**
     * When Telegram refused this order's invoice through the provider (a currency it does not
     * take, a revoked token): it is paid by payment details from then on, and a press of Pay is
     * not another refused try. Null: never refused (a "details" order made in the owner's
     * Business chat, or before a provider was set up, becomes a Telegram invoice where one can go).
     */
    providerRefusedAt: integer('provider_refused_at'),
    /**
     * When this order's payment details (with "I paid") were first sent to the client: at its
     * making, in a reminder, in the owner's Business chat… A Telegram invoice it is since (made
     * before a provider was set up, or shown in the owner's chat) may have been paid by those
     * details all the same: "I've paid" in words goes to the team's check, never "has not come
     * through". Null: the client was only ever sent Telegram invoices for it.
     */
    detailsSentAt: integer('details_sent_at'),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    clientReportedPaidAt: integer('client_reported_paid_at'),
    paidAt: integer('paid_at'),
    /** Who settled it: staff (/paid, "payment received") or Telegram (a provider's invoice, Stars). */
    paidVia: text('paid_via', { enum: PAID_VIA }),
    /**
     * When staff confirmed the payment while the client's chat was closed to the bot (the owner's
     * account, past Telegram's 24 hours): the confirmation is sent when the client writes again,
     * and this is cleared. Null: they were told, or there was nothing to hold back.
     */
    paidUntoldAt: integer('paid_untold_at'),
    /**
     * The last day (YYYY-MM-DD, the business's calendar) of the client's own promise to pay
     * ("оплачу в пятницу"): its payment reminders wait for the morning after it, and the first one
     * then mentions the promise (which clears this). Null: no promise standing.
     */
    payPromisedUntil: text('pay_promised_until'),
    doneAt: integer('done_at'),
    refundedAt: integer('refunded_at'),
    refundedBy: integer('refunded_by'),
    /**
     * The staff message that made it (`/invoice` in the client's topic): the same update
     * delivered again (Telegram retries a webhook the bot died in) makes no second order.
     */
    sourceChatId: integer('source_chat_id'),
    sourceMessageId: integer('source_message_id'),
    /**
     * The order (the job) this invoice is a part of: the first invoice of that job — a balance after
     * a prepayment (`/invoice 25000 остаток`) is a part of the prepayment's order. Null: the first
     * (or only) invoice of a job of its own. One job is done once (/done marks every part), asks
     * "how did it go?" once and is one order to the stage and /stats; the money is each invoice's.
     */
    partOf: integer('part_of').references((): AnySQLiteColumn => orders.id),
    /**
     * Another invoice of the client linked to this one (`orderEarlier`) was paid while this one was
     * still unpaid — the one it may replace, or its replacement: this one's payment reminders wait for
     * the team's word (cancel it, or keep reminding: a separate order), so the client is not chased to
     * pay for one thing twice. The paid invoice; null: not held.
     */
    remindersHeldBy: integer('reminders_held_by'),
  },
  (t) => [
    index('orders_client_idx').on(t.clientId, t.status),
    index('orders_part_of_idx').on(t.partOf).where(sql`${t.partOf} is not null`),
    index('orders_paid_idx').on(t.paidAt),
    uniqueIndex('orders_source_idx').on(t.sourceChatId, t.sourceMessageId).where(sql`${t.sourceMessageId} is not null`),
  ],
)

/**
 * An invoice and the client's invoices still waiting to be paid when it was issued (`earlierId`):
 * the ones its summary in the topic named ("⚠️ У клиента есть и другой неоплаченный счёт…"), most
 * often the one it replaces (a discount, a correction). Paid both, the client may have paid for one
 * thing twice: the team and the owners are told. Paid one, the other's reminders wait for the team
 * (`orders.remindersHeldBy`). The team's "a separate order" unlinks the pair.
 */
export const orderEarlier = sqliteTable(
  'order_earlier',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    earlierId: integer('earlier_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.earlierId] }), index('order_earlier_earlier_idx').on(t.earlierId)],
)

/** What an /invoice line bills, as read (src/services/orders.ts, `parseInvoiceArgs`). */
export interface InvoiceDraft {
  /** Minor units. */
  amount: number
  currency: string
  /** YYYY-MM-DD in the business time zone: the invoice is overdue once that day is over there. */
  dueDate: string | null
  /** The product named first (`landing …`): its title is written in each reader's language (`orderWhat`). */
  productId: string | null
  /** The rest of the line: what the invoice is for in the manager's words. */
  description: string | null
  /**
   * The words ending the line that were read as the due date (`до 15.12`, `15 Dec`, `+5`): the
   * summary names them, so a date meant as words for the client is seen and re-issued.
   */
  dueWords?: string
  /**
   * `dueWords` are days counted with a plus (`+5`, `+5 дней`), not a date: the summary says how
   * they are kept as words (the plus apart: `+ 5`), not «на 15.12».
   */
  duePlus?: true
}

/**
 * An /invoice held back until staff answer whether it is a part of an order under way (the
 * balance after a prepayment) or a new order (src/bot/features/orders.ts): nothing is billed
 * meanwhile. The answer takes the row (deletes it), so two presses make one invoice.
 */
export const invoiceDrafts = sqliteTable(
  'invoice_drafts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    draft: text('draft', { mode: 'json' }).$type<InvoiceDraft>().notNull(),
    createdBy: integer('created_by'),
    /** The /invoice message: delivered again by Telegram, it asks no second time (`orders.sourceMessageId`). */
    sourceChatId: integer('source_chat_id').notNull(),
    sourceMessageId: integer('source_message_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invoice_drafts_source_idx').on(t.sourceChatId, t.sourceMessageId)],
)

/**
 * An invoice's summary in the client's topic (what /invoice answered with), for as long as the
 * invoice can change — paid, cancelled, refunded or its due date moved weeks later — as the card's
 * message is kept in `client_topics`: the outbox's record of the post is pruned after a week
 * (src/services/handoff/staff-route.ts, `changeSummary`).
 */
export const invoiceSummaries = sqliteTable(
  'invoice_summaries',
  {
    orderId: integer('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The post as it reads now (its `StaffPostPayload`): what an edit of it shows. */
    post: text('post', { mode: 'json' }).notNull(),
    /** The staff group and message it went in; null until it was delivered (or when it never was). */
    chatId: integer('chat_id'),
    messageId: integer('message_id'),
  },
  (t) => [index('invoice_summaries_client_idx').on(t.clientId)],
)

/**
 * Money received in Telegram, one row per charge. Telegram's charge id is unique here, so
 * the same `successful_payment` delivered twice is recorded once. Kept after /forget (the
 * client row is anonymised; a payment is an accounting record).
 */
export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').references(() => orders.id, { onDelete: 'set null' }),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
    method: text('method', { enum: ['provider', 'stars'] }).notNull(),
    /** Minor units of `currency` (whole Stars for XTR). */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    telegramChargeId: text('telegram_charge_id').notNull().unique(),
    providerChargeId: text('provider_charge_id'),
    createdAt: createdAt(),
    refundedAt: integer('refunded_at'),
  },
  (t) => [index('payments_order_idx').on(t.orderId)],
)

export const FEEDBACK_KINDS = ['checkin', 'csat', 'nps', 'ces', 'handoff_speed', 'handoff_quality'] as const

export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FEEDBACK_KINDS }).notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    handoffId: integer('handoff_id'),
    orderId: integer('order_id'),
    managerId: integer('manager_id'),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_kind_idx').on(t.kind, t.createdAt)],
)

/** uncertain: the process died after the handler started an irreversible send, so whether it
 * arrived is unknown; it is recorded for staff instead of being sent a second time. */
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled', 'skipped', 'uncertain'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** Durable scheduler: every follow-up, reminder and SLA timer is a row (see src/jobs/scheduler.ts). */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    runAt: integer('run_at').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedUntil: integer('locked_until'),
    /** Set by a handler just before an irreversible send (see JobRunContext.markSending). */
    sendingAt: integer('sending_at'),
    /** Unique while set: enqueueing the same key twice is a no-op. */
    dedupeKey: text('dedupe_key').unique(),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    payload: text('payload', { mode: 'json' }).notNull().default(sql`'{}'`),
    lastError: text('last_error'),
    /** Why a job ended as skipped/cancelled/failed, in words a manager understands. */
    outcome: text('outcome'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('jobs_due_idx').on(t.status, t.runAt),
    index('jobs_locked_idx').on(t.status, t.lockedUntil),
    index('jobs_client_idx').on(t.clientId, t.status),
    /**
     * The answer-time checks of clients' follow-up waits (`REPLY_CHECK_JOB`), by when each was
     * planned, which is when the wait began: /stats counts a period's waits from here, a range of
     * the few such rows, not every job ever (db/repositories/stats.ts).
     */
    index('jobs_reply_checks_idx').on(t.createdAt).where(sql`${t.kind} = 'handoff_reply'`),
  ],
)

export const broadcasts = sqliteTable(
  'broadcasts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * The number owners know it by ("Рассылка #3"), given when it is first scheduled or sent: a
     * draft dropped from its menu takes none, so the numbers owners see have no gaps (the id, which
     * every draft takes, had). Null for a draft never scheduled; broadcasts from before it have their id.
     */
    number: integer('number'),
    ownerId: integer('owner_id').notNull(),
    sourceChatId: integer('source_chat_id').notNull(),
    sourceMessageId: integer('source_message_id').notNull(),
    segment: text('segment', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['draft', 'sending', 'done', 'cancelled'] })
      .notNull()
      .default('draft'),
    progressMessageId: integer('progress_message_id'),
    /**
     * The owner's earlier progress messages, oldest first, each of which gave its Stop button to a
     * newer one (the answer to /broadcast or /cancel while it is sent) and points below: edited with
     * the last one when it ends, so none still points to a Stop button that is gone.
     */
    earlierProgressIds: text('earlier_progress_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    /**
     * A draft put off to the end of the quiet hours: when it is to go (the `broadcast_start` job
     * runs then). /broadcast, /cancel and a second broadcast of the same message read it.
     */
    scheduledAt: integer('scheduled_at'),
    /** The owner's "🕘 … goes at 9:00" message with its ✖ button: edited when it goes or is cancelled. */
    noticeMessageId: integer('notice_message_id'),
    /**
     * The owner's earlier messages about it, oldest first, each of which gave its ✖ to a newer one
     * (the answer to /cancel or /broadcast) and points below: edited with the notice, so none still
     * says "goes on Tue 24 Nov, 9:00" once it went, was cancelled or found nobody.
     */
    earlierNoticeIds: text('earlier_notice_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    /** The delivery plan: how to render the owner's message for each recipient (read whole). */
    plan: text('plan', { mode: 'json' }),
    createdAt: createdAt(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [uniqueIndex('broadcasts_number_uq').on(t.number)],
)

export const broadcastRecipients = sqliteTable(
  'broadcast_recipients',
  {
    broadcastId: integer('broadcast_id')
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The client's chat when the broadcast was confirmed; null once they erased their data (/forget). */
    chatId: integer('chat_id'),
    /** uncertain: a send was started but its result was never recorded (crash) */
    status: text('status', {
      enum: ['pending', 'sending', 'sent', 'blocked', 'failed', 'skipped', 'uncertain'],
    })
      .notNull()
      .default('pending'),
    messageId: integer('message_id'),
    error: text('error'),
    sentAt: integer('sent_at'),
    /**
     * Put off to the recipient's morning: they gave their own time zone (/timezone) and it was
     * their night when the worker reached them. The row stays pending and is not taken before
     * this time; kept once it went, so the report can say who got it in their own morning.
     */
    notBefore: integer('not_before'),
  },
  (t) => [
    primaryKey({ columns: [t.broadcastId, t.clientId] }),
    index('broadcast_recipients_status_idx').on(t.broadcastId, t.status),
    /**
     * One client's rows, by when they were sent: the broadcasts that reached them (an owner's
     * /export of the client) and whether one did in the last 24 hours (a new broadcast's
     * confirmation counts them, and may leave them out) — each a few rows, not a scan of every
     * broadcast's recipients.
     */
    index('broadcast_recipients_client_idx').on(t.clientId, t.sentAt),
  ],
)

export const staff = sqliteTable('staff', {
  telegramId: integer('telegram_id').primaryKey(),
  role: text('role', { enum: ['manager', 'owner'] }).notNull(),
  name: text('name'),
  addedBy: integer('added_by'),
  /**
   * The bot's welcome ("you are on the team, added by …, the work is in the staff group") did not
   * reach them: Telegram refused their chat (they had never opened the bot, or stopped it). It is
   * theirs at their next /start in the bot's chat, in place of the team's greeting, and is
   * cleared once given (src/bot/features/start.ts).
   */
  welcomeOwed: integer('welcome_owed', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
})

/**
 * Who was on the team and is no longer: the name they had, so what they did (notes, answers,
 * their line in /stats) still says who did it. A row apart from `staff`, which holds only
 * the team as it is: roles are read from it on every update, the duty roster goes with its
 * rows, and someone who left is a client again wherever clients are counted.
 */
export const formerStaff = sqliteTable('former_staff', {
  telegramId: integer('telegram_id').primaryKey(),
  name: text('name'),
  removedAt: integer('removed_at').notNull(),
})

/**
 * Who of the staff is on duty in which staff group: a group's new requests are assigned
 * round-robin among those on duty there (and within their working hours, when the content
 * file gives them), the one assigned longest ago first.
 */
export const duty = sqliteTable(
  'duty',
  {
    telegramId: integer('telegram_id')
      .notNull()
      .references(() => staff.telegramId, { onDelete: 'cascade' }),
    /** The staff group (chat id) they are on duty in. */
    groupId: integer('group_id').notNull(),
    onDuty: integer('on_duty', { mode: 'boolean' }).notNull().default(false),
    changedAt: integer('changed_at').notNull(),
    /** When a request of this group was last assigned to them (round-robin order). */
    lastAssignedAt: integer('last_assigned_at'),
  },
  (t) => [primaryKey({ columns: [t.telegramId, t.groupId] })],
)

/**
 * Funnel analytics. Kept after /forget: the client row is anonymised, the counts stay. A row
 * without a client records what the bot did for the team: an all-clients export sent
 * (`clients_exported`, db/repositories/exports.ts).
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    data: text('data', { mode: 'json' }),
    createdAt: createdAt(),
  },
  (t) => [index('events_type_idx').on(t.type, t.createdAt), index('events_client_idx').on(t.clientId, t.type)],
)

/** Every accepted content file; the newest one is what the bot runs on. */
export const contentVersions = sqliteTable('content_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  source: text('source', { enum: ['file', 'upload'] }).notNull(),
  /** sha256 of the YAML text, to notice an edited file at start-up */
  hash: text('hash').notNull(),
  yaml: text('yaml').notNull(),
  uploadedBy: integer('uploaded_by'),
  createdAt: createdAt(),
})

/**
 * The title of every product the content ever had, as it read when last applied: bookings,
 * orders, quiz results and saved segments name a product by its id, and one since taken out of
 * the content still reads by its title (src/content/store.ts).
 */
export const productTitles = sqliteTable('product_titles', {
  productId: text('product_id').primaryKey(),
  /** JSON: the product's `title` Text, one string or a per-language map. */
  title: text('title', { mode: 'json' }).notNull().$type<string | Record<string, string>>(),
  updatedAt: integer('updated_at').notNull(),
})

/**
 * The step an owner's next message answers (a broadcast's text, the person to add to the
 * staff): see src/services/owner-input.ts. One per owner; it expires.
 */
export const ownerInputs = sqliteTable('owner_inputs', {
  ownerId: integer('owner_id').primaryKey(),
  /** The step and what it carries (read whole). */
  step: text('step', { mode: 'json' }).notNull(),
  startedAt: integer('started_at').notNull(),
})

/**
 * Telegram Business: a business account (the owner's own Telegram account) connected to the
 * bot, as the last `business_connection` update described it. Clients who write to that
 * account are served by the bot on the owner's behalf, within `rights`.
 */
export const businessConnections = sqliteTable('business_connections', {
  /** Telegram's business connection id (business_connection_id on every call for it). */
  id: text('id').primaryKey(),
  /** The business account: the person who connected the bot. */
  userId: integer('user_id').notNull(),
  /** The bot's private chat with that person. */
  userChatId: integer('user_chat_id').notNull(),
  name: text('name'),
  username: text('username'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  /** BusinessBotRights as Telegram sent them ({ can_reply: true, … }). */
  rights: text('rights', { mode: 'json' }).$type<Record<string, boolean>>().notNull(),
  connectedAt: integer('connected_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

/**
 * A client's chat with a connected business account. Telegram lets the bot write there only
 * within 24 hours of the client's last message, hence `lastInAt`.
 */
export const businessChats = sqliteTable('business_chats', {
  clientId: integer('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  connectionId: text('connection_id').notNull(),
  /** The client's last message there. */
  lastInAt: integer('last_in_at').notNull(),
  /** The client's last message or button press there: where they are now (see services/business.ts). */
  lastSeenAt: integer('last_seen_at').notNull(),
  createdAt: createdAt(),
})

/** grammY storage (conversation state) only — see db/storage.ts */
export const kv = sqliteTable('kv', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

export type ClientRow = typeof clients.$inferSelect
export type JobRow = typeof jobs.$inferSelect
export type BookingRow = typeof bookings.$inferSelect
export type HandoffRow = typeof handoffs.$inferSelect
export type HandoffAnswerRow = typeof handoffAnswers.$inferSelect
export type MessageRow = typeof messages.$inferSelect
export type OrderRow = typeof orders.$inferSelect
export type InvoiceDraftRow = typeof invoiceDrafts.$inferSelect
export type PaymentRow = typeof payments.$inferSelect
export type BusinessConnectionRow = typeof businessConnections.$inferSelect
export type BusinessChatRow = typeof businessChats.$inferSelect
export type StaffRow = typeof staff.$inferSelect
export type DutyRow = typeof duty.$inferSelect
