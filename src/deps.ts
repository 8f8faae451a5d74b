/**
 * The composition root shared by main and tests: everything a feature, a
 * conversation or a job needs, built once from config, a database and a clock.
 */
import type Database from 'better-sqlite3'
import type { DatabaseHandle, Db } from '../db/client.ts'
import type { OrderRow } from '../db/schema.ts'
import { createI18n, type TypedI18n } from './bot/i18n.ts'
import { otherInvoiceSettled } from './bot/invoice-summary.ts'
import { reportAnswerButtons, settledOrderButtons } from './bot/keyboards/followups.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import { contentWording } from './content/menu-wording.ts'
import type { ContentStore } from './content/store.ts'
import { dayAndTime, languagesOf } from './format.ts'
import { postBookingNotice } from './jobs/booking-reminders.ts'
import { createScheduler } from './jobs/scheduler.ts'
import type { Logger } from './logger.ts'
import { type BookingService, createBookingService } from './services/booking.ts'
import { type BroadcastService, createBroadcastService } from './services/broadcasts.ts'
import { type BusinessService, createBusinessService } from './services/business.ts'
import { type ClientService, createClientService, OPTED_OUT, PROFILE_CHANGED, ZONE_SET } from './services/clients.ts'
import { createDataExportService, type DataExportService } from './services/data-export.ts'
import { type ClientSearch, createClientSearch } from './services/desk/client-search.ts'
import { type ClosingService, createClosingService } from './services/desk/closing.ts'
import { createDutyService, type DutyService } from './services/desk/duty.ts'
import { createNightReplyService, type NightReplyService } from './services/desk/night-reply.ts'
import { createReplySender, type ReplySender } from './services/desk/reply-sender.ts'
import { createTopicStatusService, type TopicStatusService } from './services/desk/topic-status.ts'
import { createDiscoveryService, type DiscoveryService } from './services/discovery.ts'
import { createErasureService, type ErasureService } from './services/erasure.ts'
import { createFollowupService, type FollowupService, QUESTIONS_DECLINED } from './services/followups/index.ts'
import { FUNNEL } from './services/funnel.ts'
import { createHandoffService, type HandoffService, type NoticeLine } from './services/handoff/index.ts'
import type { Scheduler } from './services/jobs.ts'
import { createNudgeService, type NudgeService } from './services/nudges.ts'
import { createOrderService, type OrderService } from './services/orders.ts'
import { createOutbox, type Outbox } from './services/outbox.ts'
import { createOwnerInputService, type OwnerInputService } from './services/owner-input.ts'
import { createPaidCheckService, type PaidCheckService } from './services/paid-checks.ts'
import { createPaymentService, type PaymentService } from './services/payments.ts'
import { createQuizService, type QuizService } from './services/quiz.ts'
import { createSendBudget, SEND_LIMITS, type SendBudget } from './services/send-budget.ts'
import { createStaffService, type StaffService } from './services/staff.ts'
import { createStaffBridge, type StaffBridge } from './services/staff-bridge.ts'
import { createStaffGroups, type StaffGroups } from './services/staff-groups.ts'
import { createStatsService, type StatsService } from './services/stats-report.ts'
import { createWalKeeper, type WalKeeper } from './services/wal-keeper.ts'
import { createReadWorker, type ReadWorker } from './services/worker/read-worker.ts'

/** Events after which an order's staff buttons do nothing (their data names the order). */
const ORDER_SETTLED_EVENTS = new Set<string>(['invoice_cancelled', FUNNEL.paid, 'refunded'])
const orderOf = (data: unknown): number | undefined => {
  const order = (data as { order?: unknown } | undefined)?.order
  return typeof order === 'number' ? order : undefined
}

/**
 * The newsletter left by the client: a consent withdrawn, or declined by a /stop (or its words).
 * Not one a team member withdrew (`/unsubscribe`): the topic is answered by the command itself.
 */
const unsubscribed = (type: string, data: unknown): boolean => {
  const via = (data as { via?: unknown } | undefined)?.via
  return (type === 'consent_withdrawn' && via !== 'staff') || (type === 'consent_declined' && via === 'stop')
}

/** Events after which the client card in the staff topic is out of date. */
const CARD_EVENTS = new Set<string>([
  FUNNEL.discoveryDone,
  'discovery_edited',
  FUNNEL.quizDone,
  'product_vote',
  FUNNEL.booked,
  'booking_moved',
  'booking_cancelled',
  'call_outcome',
  'invoice_created',
  'invoice_due_moved',
  'invoice_reminders_resumed',
  'invoice_cancelled',
  FUNNEL.paid,
  'refunded',
  'client_reported_paid',
  'client_report_rejected',
  'service_done',
  // The card's ratings, and the review request a good rating plans
  'checkin_answered',
  'nps_answered',
  // The card's line that the client asked for no more questions after an order
  QUESTIONS_DECLINED,
  // The card's consent line, and what holds the follow-ups it lists
  'consent_given',
  'consent_withdrawn',
  'consent_declined',
  // Not recorded: the client blocked or unblocked the bot, or opted out after a decline, or gave
  // a name or a phone number (clients.onEvent)
  PROFILE_CHANGED,
  'bot_blocked',
  'bot_unblocked',
  OPTED_OUT,
])

export interface Services {
  clients: ClientService
  staff: StaffService
  followups: FollowupService
  orders: OrderService
  /** The team's reminder of a client's "I paid" nobody answered. */
  paidChecks: PaidCheckService
  /** Payments inside Telegram: checkout, the money received once per charge, refunds. */
  payments: PaymentService
  /** Telegram Business: the owner's own account connected to the bot, and its rules. */
  business: BusinessService
  nudges: NudgeService
  discovery: DiscoveryService
  quiz: QuizService
  booking: BookingService
  broadcasts: BroadcastService
  dataExport: DataExportService
  ownerInput: OwnerInputService
  stats: StatsService
  handoff: HandoffService
  /** Ordered, rate-limited, restart-safe delivery to the staff group and back (src/services/outbox.ts). */
  outbox: Outbox
  /** When each message may go: Telegram's limits, shared by every sender of this process. */
  sendBudget: SendBudget
  /** The staff forum groups and which one each client belongs to. */
  staffGroups: StaffGroups
  /** Escalations, mirrors and questions to staff from follow-ups and payments (through the handoff). */
  staffBridge: StaffBridge
  /** /forget: a client erased from every table, key and staff group. */
  erasure: ErasureService
  /** The manager's desk: who is on duty, the topics' status marks, closing, saved replies, /find, the night reply. */
  duty: DutyService
  topicStatus: TopicStatusService
  closing: ClosingService
  replySender: ReplySender
  clientSearch: ClientSearch
  nightReply: NightReplyService
}

export interface Deps {
  config: Config
  logger: Logger
  clock: Clock
  db: Db
  sqlite: Database.Database
  content: ContentStore
  i18n: TypedI18n
  scheduler: Scheduler
  /** Runs long reads (stats, exports, the sweep's selection, segment counts) off the event loop. */
  reads: ReadWorker
  /** Checkpoints the write-ahead log on a thread of its own. */
  wal: WalKeeper
  services: Services
}

export function createDeps(input: {
  config: Config
  logger: Logger
  clock: Clock
  database: DatabaseHandle
  content: ContentStore
}): Deps {
  const { config, logger, clock, content } = input
  const { db, sqlite } = input.database
  const scheduler = createScheduler({ db, clock, logger: logger.child({ component: 'scheduler' }) })
  const reads = createReadWorker({ db, sqlite, logger })
  const wal = createWalKeeper({ path: sqlite.name, logger })
  const staff = createStaffService({ db, clock, ownerIds: config.OWNER_IDS })
  const clients = createClientService({ db, clock, isTeam: (telegramId) => staff.isStaff(telegramId) })
  const sendBudget = createSendBudget({
    clock,
    // BROADCAST_RATE_PER_S caps broadcasts inside the total budget (replies always come first)
    limits: { ...SEND_LIMITS, bulk: [{ max: config.BROADCAST_RATE_PER_S, windowMs: 1_000 }] },
  })
  const outbox = createOutbox({ db, clock, logger, budget: sendBudget })
  const staffGroups = createStaffGroups({ db, ids: config.STAFF_GROUP_IDS, content })
  const duty = createDutyService({ db, clock, content, staff })
  const topicStatus = createTopicStatusService({ db, clock, outbox, groups: staffGroups })
  const nightReply = createNightReplyService({ db, clock, content })
  const handoff = createHandoffService({
    db,
    clock,
    content,
    scheduler,
    outbox,
    clients,
    staff,
    groups: staffGroups,
    duty,
    topicStatus,
    nightReply,
    logger,
  })
  // Whoever leaves the team leads nobody: their open requests are free for a colleague at once
  staff.onRemoved((former) =>
    handoff.leaderLeft(former.telegramId, staff.nameOf(former.telegramId) ?? `id ${former.telegramId}`),
  )
  // An owner taken out of OWNER_IDS is an owner no more; the remaining owners are told once
  staff.retireFormerOwners((former) => {
    const name = staff.nameOf(former.telegramId)
    const who = name ? `${name} (${former.telegramId})` : `id ${former.telegramId}`
    logger.warn('an owner no longer in OWNER_IDS was removed from the team (the owners are told who)')
    handoff.notifyOwners([{ key: 'staff-owner-ids-removed', args: { who } }])
  })
  // The card in the client's topic follows the data shown on it (no-op without a topic)
  clients.onEvent((clientId, type, data) => {
    if (CARD_EVENTS.has(type)) handoff.refreshCard(clientId)
    // A settled order's staff buttons come off the topic's posts: left there, "Cancel invoice"
    // under a paid invoice's summary offered what could no longer be done
    const order = ORDER_SETTLED_EVENTS.has(type) ? orderOf(data) : undefined
    if (order !== undefined) handoff.route.dropButtons(clientId, settledOrderButtons(order))
    // "Not received yet" answered the client's report: its request and the reminders of it
    // (src/services/paid-checks.ts) asked about a report no longer waiting; a new one posts its own
    const rejected = type === 'client_report_rejected' ? orderOf(data) : undefined
    if (rejected !== undefined) handoff.route.dropButtons(clientId, reportAnswerButtons(rejected))
    // Staff who read "❌ not delivered: the client blocked the bot" learn when that is over:
    // the card's line alone went without a word, and what did not get through was never sent
    if (type === 'bot_unblocked' && handoff.isOpen(clientId)) {
      handoff.notifyTopic(clientId, [{ key: 'handoff-topic-unblocked' }])
    }
    // "стоп" or "не пишите мне больше" during a request reaches the topic as a client's line: that
    // the bot already unsubscribed them (and what still reaches them) is said, or a manager argues
    if (unsubscribed(type, data) && handoff.isOpen(clientId)) {
      handoff.notifyTopic(clientId, [{ key: 'handoff-topic-unsubscribed' }])
    }
    // A question about the time zone that waits for the team is answered by the zone the client sets themselves
    if (type === ZONE_SET) handoff.settle(clientId, 'zone')
  })
  // The card lists what is scheduled for the client: what adds to it without an event says so
  const scheduled = (clientId: number) => handoff.refreshCard(clientId, { editOnly: true })
  const followups = createFollowupService({ db, clock, content, clients, reads, scheduler, onScheduled: scheduled })
  const nudges = createNudgeService({ db, clock, content, scheduler, onScheduled: scheduled })
  const paidChecks = createPaidCheckService({
    db,
    clock,
    content,
    scheduler,
    staff: { post: handoff.postToStaff, notifyOwners: handoff.notifyOwners },
    erased: (clientId) => {
      const client = clients.get(clientId)
      return !client || client.deletedAt !== null
    },
  })
  /**
   * An invoice just cancelled, paid or refunded: its summary in the client's topic (/invoice's
   * answer) says so — when, how, by whom — instead of how the client would pay and the reminders
   * to come, in the staff group's language (`by`: who on the team did it; null: Telegram). Called
   * once the change is written (`built`: these deps, made by then).
   */
  const invoiceSettled = (order: OrderRow, by: number | null) => {
    const locale = config.DEFAULT_LOCALE
    const now = clock.now()
    const at = dayAndTime(now, content.get().business.timezone, locale, now)
    const who = by === null ? 'none' : (staff.nameOf(by) ?? `id ${by}`)
    const line: NoticeLine =
      order.status === 'cancelled'
        ? { key: 'invoice-post-cancelled', args: { at, by: who } }
        : order.status === 'refunded'
          ? { key: 'invoice-post-refunded', args: { at, by: who } }
          : { key: 'invoice-post-paid', args: { at, by: who, via: order.paidVia ?? 'staff' } }
    handoff.route.invoiceSettled(order.id, line)
    // …and the client's other invoices' summaries that named it as one still to pay name it no more
    otherInvoiceSettled(built, order)
  }
  const orders = createOrderService({
    db,
    clock,
    content,
    clients,
    followups,
    paidChecks,
    providerConfigured: config.PAYMENT_PROVIDER_TOKEN !== undefined,
    onSettled: invoiceSettled,
  })
  const services: Services = {
    clients,
    staff,
    handoff,
    outbox,
    sendBudget,
    staffGroups,
    staffBridge: createStaffBridge(handoff),
    followups,
    orders,
    paidChecks,
    payments: createPaymentService({ db, clock, clients, orders, onRefunded: invoiceSettled }),
    business: createBusinessService({ db, clock, content, staff, clients, scheduler }),
    nudges,
    discovery: createDiscoveryService({ db, clock, content, clients, nudges }),
    quiz: createQuizService({ db, clock, content, clients, nudges }),
    booking: createBookingService({
      db,
      clock,
      content,
      scheduler,
      clients,
      nudges,
      // Worded by the bot, with the call's card; written in the change's transaction (`built`: these deps, once made)
      noticeStaff: (notice) => postBookingNotice(built, notice),
      // A question about a call that waits for the team is answered by the call they book or move themselves
      clientBookedCall: (clientId) => handoff.settle(clientId, 'call'),
      // …and waits again once they cancel that call
      clientCancelledCall: (clientId) => handoff.callCancelled(clientId),
    }),
    broadcasts: createBroadcastService({ db, clock, reads, content, scheduler }),
    dataExport: createDataExportService({ db, sqlite, clock, reads, content }),
    ownerInput: createOwnerInputService({ db, clock }),
    erasure: createErasureService({
      db,
      sqlite,
      clock,
      logger,
      handoff,
      groups: staffGroups,
      isOwner: (id) => staff.isOwner(id),
      isStaff: (id) => staff.isStaff(id),
      outbox,
    }),
    duty,
    topicStatus,
    closing: createClosingService({ db, clock, content, scheduler, handoff, topicStatus, logger }),
    clientSearch: createClientSearch({ db, logger }),
    nightReply,
    replySender: createReplySender({ db, outbox, handoff, clock }),
    stats: createStatsService({ reads, content, clock }),
  }
  const built: Deps = {
    config,
    logger,
    clock,
    db,
    sqlite,
    content,
    i18n: createI18n(
      config.DEFAULT_LOCALE,
      (ctx) => languagesOf(ctx, content.get()),
      (locale, key) => contentWording(content.get(), locale, key),
    ),
    scheduler,
    reads,
    wal,
    services,
  }
  return built
}
