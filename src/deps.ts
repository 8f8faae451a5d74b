/**
 * The composition root shared by main and tests: everything a feature, a
 * conversation or a job needs, built once from config, a database and a clock.
 */
import type Database from 'better-sqlite3'
import type { DatabaseHandle, Db } from '../db/client.ts'
import { createI18n, type TypedI18n } from './bot/i18n.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { ContentStore } from './content/store.ts'
import { createScheduler, type Scheduler } from './jobs/scheduler.ts'
import type { Logger } from './logger.ts'
import { type BookingService, createBookingService } from './services/booking.ts'
import { type BroadcastService, createBroadcastService } from './services/broadcasts.ts'
import { type ClientService, createClientService } from './services/clients.ts'
import { createDataExportService, type DataExportService } from './services/data-export.ts'
import { type ClientSearch, createClientSearch } from './services/desk/client-search.ts'
import { type ClosingService, createClosingService } from './services/desk/closing.ts'
import { createDutyService, type DutyService } from './services/desk/duty.ts'
import { createNightReplyService, type NightReplyService } from './services/desk/night-reply.ts'
import { createStaffMessages, type StaffMessages } from './services/desk/staff-messages.ts'
import { createTopicStatusService, type TopicStatusService } from './services/desk/topic-status.ts'
import { createDiscoveryService, type DiscoveryService } from './services/discovery.ts'
import { createFollowupService, type FollowupService } from './services/followups.ts'
import { FUNNEL } from './services/funnel.ts'
import { createHandoffService, type HandoffService } from './services/handoff.ts'
import { createNudgeService, type NudgeService } from './services/nudges.ts'
import { createOrderService, type OrderService } from './services/orders.ts'
import { createOutbox, type Outbox } from './services/outbox.ts'
import { createOwnerInputService, type OwnerInputService } from './services/owner-input.ts'
import { createQuizService, type QuizService } from './services/quiz.ts'
import { createStaffService, type StaffService } from './services/staff.ts'
import {
  createHandoffStaffBridge,
  createStaffBridge,
  type StaffApi,
  type StaffBridge,
} from './services/staff-bridge.ts'

/** Events after which the client card in the staff topic is out of date. */
const CARD_EVENTS = new Set<string>([
  FUNNEL.discoveryDone,
  FUNNEL.quizDone,
  FUNNEL.booked,
  'booking_moved',
  'booking_cancelled',
  'call_outcome',
  'invoice_created',
  FUNNEL.paid,
  'client_reported_paid',
  'service_done',
])

export interface Services {
  clients: ClientService
  staff: StaffService
  followups: FollowupService
  orders: OrderService
  nudges: NudgeService
  discovery: DiscoveryService
  quiz: QuizService
  booking: BookingService
  broadcasts: BroadcastService
  dataExport: DataExportService
  ownerInput: OwnerInputService
  handoff: HandoffService
  /** Ordered, rate-limited, restart-safe delivery to the staff group and back (src/services/outbox.ts). */
  outbox: Outbox
  /** The manager's desk: who is on duty, the topics' status marks, closing, /find, the night auto-reply. */
  duty: DutyService
  topicStatus: TopicStatusService
  closing: ClosingService
  clientSearch: ClientSearch
  nightReply: NightReplyService
  staffMessages: StaffMessages
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
  services: Services
  /**
   * Escalations, mirrors and questions to staff about a client, sent through `api` (the
   * bot's). The handoff feature replaces this with its topic + outbox when merged.
   */
  staffBridge(api: StaffApi): StaffBridge
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
  const clients = createClientService({ db, clock })
  const staff = createStaffService({ db, clock, ownerIds: config.OWNER_IDS })
  const outbox = createOutbox({ db, clock, logger })
  const duty = createDutyService({ db, clock, content, staff })
  const topicStatus = createTopicStatusService({ db, clock, outbox, staffGroupId: config.STAFF_GROUP_ID })
  const handoff = createHandoffService({
    db,
    clock,
    content,
    scheduler,
    outbox,
    clients,
    staff,
    duty,
    topicStatus,
    staffGroupId: config.STAFF_GROUP_ID,
    logger,
  })
  // The card in the client's topic follows the data shown on it (no-op without a topic)
  clients.onEvent((clientId, type) => {
    if (CARD_EVENTS.has(type)) handoff.refreshCard(clientId)
  })
  const followups = createFollowupService({ db, clock, content, clients })
  const nudges = createNudgeService({ db, clock, content })
  const services: Services = {
    clients,
    staff,
    handoff,
    outbox,
    followups,
    orders: createOrderService({ db, clock, content, clients, followups }),
    nudges,
    discovery: createDiscoveryService({ db, clock, content, clients, nudges }),
    quiz: createQuizService({ db, clock, content, clients, nudges }),
    booking: createBookingService({ db, clock, content, scheduler, clients, nudges }),
    broadcasts: createBroadcastService({ db, clock, clients }),
    dataExport: createDataExportService({ db, sqlite, clock }),
    ownerInput: createOwnerInputService({ db, clock }),
    duty,
    topicStatus,
    closing: createClosingService({ db, clock, content, scheduler, handoff, topicStatus, logger }),
    clientSearch: createClientSearch({ db }),
    nightReply: createNightReplyService({ db, clock, content }),
    staffMessages: createStaffMessages({ db, clock, outbox, handoff, staffGroupId: config.STAFF_GROUP_ID }),
  }
  return {
    config,
    logger,
    clock,
    db,
    sqlite,
    content,
    i18n: createI18n(config.DEFAULT_LOCALE, () => content.get().business.languages),
    scheduler,
    services,
    staffBridge: (api) =>
      createHandoffStaffBridge({
        handoff,
        fallback: createStaffBridge({ db, api, staffGroupId: config.STAFF_GROUP_ID, logger }),
      }),
  }
}
