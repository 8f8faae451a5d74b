/**
 * The composition root shared by main and tests: everything a feature, a
 * conversation or a job needs, built once from config, a database and a clock.
 */
import type { I18n } from '@grammyjs/i18n'
import type Database from 'better-sqlite3'
import type { DatabaseHandle, Db } from '../db/client.ts'
import type { BaseContext } from './bot/context.ts'
import { createI18n } from './bot/i18n.ts'
import type { Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { ContentStore } from './content/store.ts'
import { createScheduler, type Scheduler } from './jobs/scheduler.ts'
import type { Logger } from './logger.ts'
import { type ClientService, createClientService } from './services/clients.ts'
import { createHandoffService, type HandoffService } from './services/handoff.ts'
import { createOutbox, type Outbox } from './services/outbox.ts'
import { createStaffService, type StaffService } from './services/staff.ts'

export interface Services {
  clients: ClientService
  staff: StaffService
  handoff: HandoffService
  /** Ordered, rate-limited, restart-safe delivery to the staff group and back (src/services/outbox.ts). */
  outbox: Outbox
}

export interface Deps {
  config: Config
  logger: Logger
  clock: Clock
  db: Db
  sqlite: Database.Database
  content: ContentStore
  i18n: I18n<BaseContext>
  scheduler: Scheduler
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
  const clients = createClientService({ db, clock })
  const staff = createStaffService({ db, clock, ownerIds: config.OWNER_IDS })
  const outbox = createOutbox({ db, clock, logger })
  const handoff = createHandoffService({
    db,
    clock,
    content,
    scheduler,
    outbox,
    clients,
    staff,
    staffGroupId: config.STAFF_GROUP_ID,
    logger,
  })
  const services: Services = { clients, staff, handoff, outbox }
  return {
    config,
    logger,
    clock,
    db,
    sqlite,
    content,
    i18n: createI18n(config.DEFAULT_LOCALE),
    scheduler,
    services,
  }
}
