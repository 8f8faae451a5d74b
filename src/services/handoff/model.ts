/**
 * The handoff's shared vocabulary: what an outbox row of the handoff carries
 * (its kind and payload), a transcript entry, a notice line, the ETA. The
 * services write rows of these kinds; the bot's deliverer
 * (src/bot/handoff/deliverer.ts) turns them into Bot API calls.
 */
import { z } from 'zod'
import { REPLY_CHECK_JOB } from '../../../db/repositories/stats.ts'
import type { HandoffRow } from '../../../db/schema.ts'
import type { LocaleKey } from '../../locales/keys.ts'
import { clip, leadParagraph } from '../../text.ts'
import { defineJob } from '../jobs.ts'

/** How much of the question the card's reason line quotes. */
const QUESTION_QUOTED = 100

/**
 * What the card quotes of a client's question that opened a request (reason 'question'): its
 * first paragraph on one line, clipped. One rule for opening and for the client's edit of it.
 */
export function questionQuote(words: string): string {
  return clip(leadParagraph(words), QUESTION_QUOTED)
}

/**
 * The answer timer of a request (handler: src/jobs/handoff-sla.ts): its deadline, then, once
 * missed, the time the client was promised instead (`promisedAt`) and each working day after
 * (`round`), until someone answers, for a working week at most. Every time the bot promised a
 * client is checked by it: the apology's after a first answer's deadline, and the one after a
 * message of theirs in an answered request went unanswered (`since`).
 */
export const HANDOFF_SLA_JOB = defineJob(
  'handoff_sla',
  z.object({
    handoffId: z.number().int().positive(),
    promisedAt: z.number().int().optional(),
    round: z.number().int().positive().optional(),
    /** False when the bot could not tell the client a time (the owner's chat where the team answers): still watched. */
    told: z.boolean().optional(),
    /**
     * True when the client was told only when the team is back ("back at 10:00, will answer first
     * thing"), not a time to answer by: `promisedAt` is that return, checked one answer time later,
     * and the texts after it cite the return, never the check's own time.
     */
    back: z.boolean().optional(),
    /**
     * The client's message in an answered request whose apology gave `promisedAt` (its wait's
     * start, HANDOFF_REPLY_JOB's `since`): that promise is watched as a first answer's is, and the
     * wait's end (the team's answer, "Is your question solved?") ends it. Absent: the first answer.
     */
    since: z.number().int().optional(),
  }),
  'fu-kind-handoff_sla',
)

/**
 * The answer time of a client's message in an answered request (handler: src/jobs/handoff-sla.ts):
 * `since` is when they wrote (the request's `client_waiting_since`); unanswered by the answer time,
 * the team is alerted, then reminded each working day (`round`), a working week at most.
 */
/**
 * The owners' one message of a working day, at its opening: every client still waiting past their
 * answer time, a few lines each (`ownersWaiting` in the lifecycle). Planned by the first alert of a
 * wait and by itself while anyone still waits; a day nobody waits brings nothing.
 */
export const OWNERS_WAITING_JOB = defineJob('owners_waiting', z.object({}), 'fu-kind-owners_waiting')

/** Keyed by `replyKey`: /stats reads the key of its first round (db/repositories/stats.ts). */
export const HANDOFF_REPLY_JOB = defineJob(
  REPLY_CHECK_JOB,
  z.object({
    handoffId: z.number().int().positive(),
    since: z.number().int(),
    round: z.number().int().positive().optional(),
  }),
  'fu-kind-handoff_reply',
)

/**
 * A low speed rating after "yes, solved" whose quality rating has not come yet (handler:
 * src/jobs/handoff-sla.ts): the team and the owners hear of both scores at once, in one alert,
 * when the quality comes; this alerts with the speed alone if it never does.
 */
export const RATED_LOW_JOB = defineJob(
  'handoff_rated_low',
  z.object({ handoffId: z.number().int().positive() }),
  'fu-kind-handoff_rated_low',
)

/**
 * The auto-close timer of one ask of "Is your question solved?" (handler: src/jobs/auto-close.ts,
 * the closing in src/services/desk/closing.ts). `askedAt` is the ask it belongs to: asking again
 * (after a "no") starts a new one.
 */
export const AUTO_CLOSE_JOB = defineJob(
  'handoff_auto_close',
  z.object({ handoffId: z.number().int().positive(), askedAt: z.number().int() }),
  'fu-kind-handoff_auto_close',
)

/** How long a low speed rating waits for the quality rating before it is alerted alone. */
export const RATED_LOW_WAIT_MS = 10 * 60_000

/** How many times the team hears of one wait: at its time, then each working day (a working week). */
export const WAIT_REMINDERS = 5

/**
 * Whether the request's first wait is over: the team answered it, or it ended with nothing owed
 * before any answer (`settled_at`: the client settled it themselves, or it opened with news alone).
 */
export function firstWaitOver(handoff: Pick<HandoffRow, 'firstResponseAt' | 'settledAt'>): boolean {
  return handoff.firstResponseAt !== null || handoff.settledAt !== null
}

/**
 * Since when the client waits for the team in their request: since it opened, while its first
 * wait goes on (`firstWaitOver`); after that since their message the team has not answered
 * (`client_waiting_since`, null while they wait for nothing). Written in SQL too, for /today's
 * list (WAITING_SINCE in db/repositories/handoffs.ts): the two change together.
 */
export function waitingSince(
  handoff: Pick<HandoffRow, 'firstResponseAt' | 'settledAt' | 'openedAt' | 'clientWaitingSince'>,
) {
  return firstWaitOver(handoff) ? handoff.clientWaitingSince : handoff.openedAt
}

/**
 * What the client may do themselves that answers what they asked (docs/managers.md, "What makes a
 * client waiting"): book or move a call (`call`), set their time zone (`zone`). One of them done
 * while everything asked in their wait is of its kind (`waitSettles`) ends the wait.
 */
export const SETTLING_ACTIONS = ['call', 'zone'] as const
export type SettlingAction = (typeof SETTLING_ACTIONS)[number]
/** How a wait was settled by the client: by one of those doings, or in words ("разобрался", "уже не нужно"). */
export type SettledBy = NonNullable<HandoffRow['settledBy']>

/**
 * The doings that settle the wait going on, from the request's `wait_settles`: undefined while
 * nothing was asked in words in it (nothing for a doing to answer), else those that answer all of it.
 */
export function settlingOf(handoff: Pick<HandoffRow, 'waitSettles'>): SettlingAction[] | undefined {
  const stored = handoff.waitSettles
  if (stored === null) return undefined
  return SETTLING_ACTIONS.filter((action) => stored.split(',').includes(action))
}

/**
 * What `wait_settles` becomes once a message that only `by` would answer joins the wait (`stored`,
 * as it was; null: nothing asked yet): the doings that answer both.
 */
export function narrowedSettles(stored: string | null, by: readonly SettlingAction[]): string {
  const before = stored === null ? undefined : stored.split(',')
  return SETTLING_ACTIONS.filter((action) => by.includes(action) && (before?.includes(action) ?? true)).join(',')
}

/**
 * What the client waits for from the team in their open request — the request's first answer, or
 * the one to their message since the last answer — as a colleague they are handed to is told it
 * (/assign, /handover): since when, and by when it is to be answered — `waiting` before that time,
 * `late` once it passed (the topic's 🔴); `undated`, no time to answer by (no working time ahead
 * in the business's calendar).
 */
export interface HandoffWait {
  state: 'waiting' | 'late' | 'undated'
  since: number
  due?: number
}

/**
 * How long a request a colleague handed someone stays out of her own /handover back to that
 * colleague: two /handovers crossed within seconds ("/handover Света" while Светлана typed
 * "/handover Ира") bounced each one's clients back to the other, who was going off shift.
 */
export const HANDED_BACK_MS = 5 * 60_000

/** Why a handoff was opened; features may pass their own words too (shown as is). */
export const HANDOFF_REASONS = [
  'asked',
  'trigger',
  'quiz_no_match',
  'discovery_detailed',
  'low_rating',
  // A follow-up's NPS question answered 0–6
  'nps_detractor',
  'not_solved',
  'returned',
  // A client answered one of the bot's messages with Telegram's "Reply" (a broadcast's offer)
  'reply',
  // A client wrote the bot a question it has no answer for, outside any flow (the detail: its words)
  'question',
  // A client wrote to the owner's own account (Telegram Business) while the bot does not answer there
  'business',
  // The owner wrote to a client themselves, from their own account (Telegram Business): the chat is theirs
  'business_owner',
  // A client asked for their money back, politely: a refund request, not a complaint ("can I get my money back?")
  'refund',
  // A client with no request before wrote news that asks nothing («Оплатила! пришлю чек вечером»):
  // passed on as a message, with no answer time (`settled_at` from its opening)
  'news',
  // A client sent a photo, a voice message, a file… outside any flow, which the bot cannot read
  // (the detail: its kind, `describeMessage`'s type); the message itself follows into the topic
  'file',
] as const
/** Why a request was opened: each has its line on the card (handoff-reason-* in the locales). */
export type HandoffReason = (typeof HANDOFF_REASONS)[number]

/**
 * The kinds of outbox rows. Lanes: a client's topic is (their staff group,
 * client), their private chat is (their chat, client); the General topic of a
 * group and an owner's chat are (chat, no client).
 */
export const OUTBOX_KIND = {
  /** client's message(s) → their topic (a copy, or several plain texts as one message) */
  relayIn: 'relay_in',
  /** staff message(s) in the topic → the client */
  relayOut: 'relay_out',
  editIn: 'edit_in',
  editOut: 'edit_out',
  /** a staff answer taken back (/unsend): its copy deleted in the client's chat */
  unsend: 'unsend',
  /** the client card: posted (with the topic, for a new request) or edited in place */
  card: 'card',
  /** pins the card just posted (a service message: it waits its turn) */
  pin: 'pin',
  transcript: 'transcript',
  /** anything for staff: into the client's topic, or General when there is none; text, buttons, a file */
  staffPost: 'notice',
  ownerAlert: 'owner_alert',
  /** a question to the client with buttons ("Is your question solved?"), rendered when sent */
  clientPrompt: 'client_prompt',
  /** a message to a person: staff-triggered messages to a client (/invoice, /offer…), an apology */
  message: 'message',
  /** the client was claimed: "take this client" comes off a staff post already sent (an edit) */
  claimTaken: 'claim_taken',
  /** a staff post's or a client message's buttons changed after it was sent (one that no longer does anything came off): an edit */
  postButtons: 'post_buttons',
  /** an invoice's summary edited to what it reads now (`invoice_summaries`): paid, cancelled, its due date moved */
  invoiceSummary: 'invoice_summary',
  /** what /forget leaves in a staff group: topics renamed, cards replaced, messages with contacts deleted */
  erasure: 'erasure',
  /** a Telegram invoice for an order (/invoice), rendered when sent */
  invoice: 'invoice',
  /** a saved reply (/r) to the client, delivered by the desk (src/bot/desk/delivery.ts) */
  savedReply: 'saved_reply',
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
  /** Telegram's formatting of the text or caption. */
  entities?: unknown[] | null
}

/** An argument of a notice, rendered by the deliverer in the staff group's language. */
/** `mention`: a staff member's name that notifies them. */
export type NoticeArg =
  | string
  /** A count or a score: Fluent writes it the reader's way and a select on it takes its plural form. */
  | number
  /**
   * With the client's own zone (`clientTz`): their clock after it when it differs ("2:00 (у клиента 9:00)").
   * `withDay`: the day even when it is today ("пн, 23 нояб., 12:00"), for a line beside others that name theirs.
   */
  | { time: number; clientTz?: string | null; withDay?: true }
  /** An amount in minor units, written in the reader's way ("1 500 $"). */
  | { money: { minor: number; currency: string } }
  | { reason: string; detail?: string | null }
  | { mention: number }
  /**
   * A client as the team's lists name them (`clientLinkHtml`: their name, @username and number, a
   * link to their topic when they have one), as they are when the notice goes; one who erased
   * their data by number only.
   */
  | { client: number }
  /** By when request `deadlineOf` (its id) is to be answered, as it stands when the notice goes ("—": no time). */
  | { deadlineOf: number }
/**
 * A notice line's arguments. An identifier (`id`, `…Id`) is text, as in `TranslationArgs`: a number
 * there would be written as a count ("#1 234"), and /find would not take it back.
 */
export type NoticeArgs = Record<string, NoticeArg> & { id?: string; [name: `${string}Id`]: string }
export interface NoticeLine {
  key: LocaleKey
  args?: NoticeArgs
}

/** The notice line that tells the one the duty rota gave a request that it is theirs, mentioning them. */
export function assignedOnDuty(manager: number): NoticeLine {
  return { key: 'desk-assigned-on-duty', args: { manager: { mention: manager } } }
}

/** A button: callback data built with `defineCallback`, or a link. */
export type Button = { text: string; data: string } | { text: string; url: string }

export interface RelayPayload {
  fromChatId: number
  /** Message ids in the source chat, in order (several for an album). */
  messageIds: number[]
  /** Transcript rows of those messages, same order. */
  rowIds: number[]
  mediaGroupId?: string | null
  /** Transcript row the message replies to; mapped to the other side at send time. */
  replyToRowId?: number | null
  /** A plain text: it may go together with the texts queued after it, as one message. */
  plain?: boolean
  /** Forwarded by the client from someone else (their name): shown as theirs, never merged. */
  forwardedFrom?: string
  /**
   * The source is an owner's Business chat: the bot cannot copy from it (copies come from
   * its own chats only), so it sends the stored content (text, file ids, formatting).
   */
  byContent?: boolean
  /** Typed by the owner in their own Business chat: the topic shows it as theirs. */
  ownerId?: number
  /** Part of a new request: goes before other clients' ongoing chats. */
  urgent?: boolean
}
export interface EditPayload {
  rowId: number
  text: string
  entities?: unknown[]
  caption: boolean
}
/**
 * A staff answer taken back (/unsend): the transcript rows of its parts (every photo of an
 * album) whose copies in the client's chat are deleted, read when the row goes (a copy still on
 * its way ahead of it in the lane is made by then); `by`, the team member who asked.
 */
export interface UnsendPayload {
  parts: number[]
  by: number
}
export interface CardPayload {
  /** Post a new card (and pin it) instead of editing the current one. */
  repost?: boolean
  /** A new request (the card shows why and by when): goes before other clients' ongoing chats. */
  urgent?: boolean
  /** Posted again because someone asked for it (`/card`) and waits: goes before anything queued. */
  answering?: boolean
  /**
   * Only what the card lists moved on (a scheduled message went out): the card is edited where
   * it is, when the chat is quiet; a card or topic that is gone stays gone (a topic staff
   * deleted is not brought back for this).
   */
  editOnly?: boolean
  /**
   * A new topic's card of a request the duty rota gave `manager` (`own`: kept as the client's own
   * manager): its first post mentions them, which notifies them, in place of a notice of its own
   * (one of the group's 20 messages a minute fewer). Edits and reposts name them plainly.
   */
  onDuty?: { manager: number; own: boolean }
}
export interface PinPayload {
  messageId: number
  /**
   * The group the card was posted in. The pin waits in its client's lane, which moves with the
   * client to another group: there the id is some other message, and the pin is dropped.
   */
  chatId?: number
}
export interface TranscriptPayload {
  afterId: number
  toId: number
  /** Every message, also those already in the (lost) topic: after a topic was recreated. */
  all?: boolean
  urgent?: boolean
}
/** A message for staff. Lines are rendered in the staff group's language when sent; `text` is sent as is. */
export interface StaffPostPayload {
  lines?: NoticeLine[]
  /** Ready text (plain unless `html`). */
  text?: string
  html?: boolean
  buttons?: Button[][]
  /** Add the "take this client" button. */
  claim?: boolean
  /** A file to send (UTF-8 text, e.g. an export); `text` is its caption. */
  document?: { filename: string; content: string }
  /**
   * What the bot said to the client, by its transcript rows, in order: "🤖 The bot sent the
   * client: …" with each message whole, as it is when sent (its only content). Once in the topic
   * the rows are linked to the message showing them, as a client's message is to its copy, and no
   * later history tells them again. The client's text queued right before it takes it into its
   * own message when it can (src/bot/handoff/relay-delivery.ts): one message less of the group's
   * 20 a minute.
   */
  botRows?: number[]
  /** No topic for the client (or it is gone): post in General, naming the client, rather than open one. */
  general?: boolean
  /**
   * Name the client under the post in their own topic too, as in General: one read away from the
   * topic (a notification, a forward) must still say who it is about.
   */
  named?: boolean
  /** Without a client: the forum topic to post in (General when absent). */
  threadId?: number
  /**
   * In the client's topic, as a reply to the copy of this transcript row there (a client's
   * message a reminder is about), when it is there.
   */
  replyToRowId?: number
  /** Part of a new request: goes before other clients' ongoing chats. */
  urgent?: boolean
  /** The answer to a command someone just typed and waits for: goes before anything queued. */
  answering?: boolean
  /**
   * The clients it names (a /find result, the day's calls, in General or any topic), so that
   * /forget of any of them finds the post, deletes it in the group and does not keep its text.
   */
  about?: number[]
  /**
   * The order whose summary it is (/invoice's answer): kept with the invoice (`invoice_summaries`),
   * so that once the invoice is cancelled, paid or refunded, weeks later too, the post says so
   * (`invoiceSettled`), not how the client will pay and when they are reminded.
   */
  invoice?: number
  /**
   * An invoice's summary: the client's other unpaid invoices its warning names ("⚠️ У клиента есть
   * и другой неоплаченный счёт: …"). One of them settled since (cancelled, paid) comes off it.
   */
  others?: number[]
  /** Notice lines under its text (what became of the invoice it sums up). */
  after?: NoticeLine[]
  /**
   * The transcript row of the message to the client this post shows as sent (the echo of a saved
   * reply, an /offer, a call booked or moved): once in the topic the row is linked to the post, as
   * `botRows` are (a reply there quotes that message for the client, /unsend's answer goes under
   * it), and /unsend replied to the post is about that message.
   */
  sent?: number
}
export interface ClaimTakenPayload {
  /** The outbox row of the post that carries the button. */
  rowId: number
}
/**
 * The post's buttons as its payload holds them now (`OUTBOX_KIND.postButtons`); with `text`, its
 * text too, in the same edit (an invoice's summary, in rows queued before summaries were kept with
 * the invoice: `InvoiceSummaryPayload` now). The post may be a message to the client
 * (`OUTBOX_KIND.message`): its buttons alone, in their chat with the bot.
 */
export interface PostButtonsPayload extends ClaimTakenPayload {
  text?: true
}
/** Invoice `orderId`'s summary as it reads now (`OUTBOX_KIND.invoiceSummary`), its text and buttons in one edit. */
export interface InvoiceSummaryPayload {
  orderId: number
}
/** Lines for a person's private chat (an owner, a new team member), rendered in their language. */
export interface OwnerAlertPayload {
  lines: NoticeLine[]
  /**
   * Told to this chat when Telegram says the person cannot be written to (they never opened
   * the bot, blocked it, or no such account): the owner who added them learns it now, not
   * when the new manager asks why nobody told them. Its first line gets `why`, the failure's kind.
   */
  unreachable?: { chatId: number; lines: NoticeLine[] }
  /**
   * The welcome of someone added to the team: when Telegram says they cannot be written to, it
   * is owed to them (`staff.welcomeOwed`), given at their next /start; delivered, it is not.
   */
  welcome?: true
  /** Buttons under it, labelled when queued (in the owner's language then). */
  buttons?: Button[][]
}
export interface ClientPromptPayload {
  prompt: 'close'
  handoffId: number
}
/** A message to a person's private chat; what could not be delivered to a client is reported in their topic. */
export interface MessagePayload {
  text: string
  html?: boolean
  buttons?: Button[][]
  /** An answer to someone on the team naming clients (an owner's lists): /forget of any of them finds and deletes it. */
  about?: number[]
  /**
   * The command such an answer answers, in the same chat: /forget of a client its text
   * names (`/find Анна`, `/export @anna`) deletes it with the answer.
   */
  command?: { messageId: number; text: string }
  /**
   * `text` is the caption of a file the bot sent with it (an owner's one-client /export, put on
   * record by `recordPosted`): the client's /forget replaces the file itself once it is too old to
   * delete, as a caption alone would leave it downloadable.
   */
  file?: true
  /** The staff member whose action sends it to a client: delivered, it answers the client's request. */
  by?: number
  /**
   * Said in the client's topic once it reached them, before its text and buttons: for a message
   * the bot wrote on a manager's command (a call offer), whose words the manager did not see;
   * a plain-text message (the quote shows the text as it is).
   */
  echo?: NoticeLine
  /**
   * The bot's word on what the client did in its own chat (a payment, which only that chat
   * takes): said there, under what they did, even when they talk to the team through the
   * owner's account (Telegram Business) and answers go there.
   */
  inBotChat?: true
}

/**
 * The traces of an erased client in one staff group, by Telegram's ids only (nothing
 * that identifies the person): with the right to delete messages their topics are deleted
 * whole, else renamed and their cards replaced by a note; the messages that showed their
 * contacts are deleted where Telegram allows.
 */
export interface ErasurePayload {
  topics: { threadId: number }[]
  /**
   * The team is told of the erasure (and `calls`, the lines of what it leaves undone: the calls
   * it cancelled, the invoices no longer payable, the paid orders whose work is not done) once the
   * row knows where: in the client's topic `threadId`, or in General when it deleted the topic.
   */
  notice?: { threadId: number; calls: NoticeLine[] }
  /** Every card of theirs the bot knows of. */
  cards: number[]
  /**
   * Earlier cards of the clients they referred (one `/card` replaced, one left in a group a
   * `/move` took them out of), which name them as the referrer: edited into a note that the
   * card is out of date. The current cards are rendered again instead.
   */
  outdated?: number[]
  /**
   * `at`: when the message was queued (it was sent then or later); `own`: the bot sent it;
   * `service`: a service message of the bot's (a rename of the topic), which nobody may edit;
   * `inTopic`: in one of the client's own topics, gone when those are deleted whole;
   * `file`: a file of the bot's (`MessagePayload.file`), which has no text to edit.
   * The bot's own older than Telegram lets it delete are edited into a note instead (a file
   * replaced by one).
   */
  remove: { id: number; at: number; own: boolean; service?: boolean; inTopic?: true; file?: true }[]
  /**
   * An owner's message that held the client's alerts with other alerts (`takeFollowing`): edited
   * to those others, each as it went (`OwnerAlertPayload.lines` and the client it is about), so
   * the owner keeps what the rest said. In an owner's chat only.
   */
  alerts?: { id: number; at: number; alerts: { lines: NoticeLine[]; clientId: number | null }[] }[]
}

/** A Telegram invoice for the client: the order as it is when the row is sent. */
export interface InvoicePayload {
  orderId: number
  /** As `MessagePayload.by`: the staff member who asked for it; delivered, it answers the request. */
  by?: number
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
  /**
   * Unanswered past its answer time: a time promised now would be one already gone (or the
   * apology's, by then perhaps gone too), so the client is told the team knows, not a time.
   */
  late?: boolean
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

export function slaKey(handoffId: number): string {
  return `${HANDOFF_SLA_JOB.kind}:${handoffId}`
}

/**
 * The check of a client's wait since `since` in a request, round `round` (1: at its answer time).
 * /stats counts the waits by their first round's key, and finds the late ones by it
 * (`loadRepliesNotLate` in db/repositories/stats.ts): a change of its form is a change there too.
 */
export function replyKey(handoffId: number, since: number, round = 1): string {
  return `${HANDOFF_REPLY_JOB.kind}:${handoffId}:${since}${round > 1 ? `:${round}` : ''}`
}
