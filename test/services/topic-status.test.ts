import { describe, expect, it } from 'vitest'
import { countOutbox } from '../../db/repositories/outbox.ts'
import { createContentStore } from '../../src/content/store.ts'
import { createLogger } from '../../src/logger.ts'
import {
  createTopicStatusService,
  requestStatus,
  STATUS_MARKS,
  topicTitle,
} from '../../src/services/desk/topic-status.ts'
import { createOutbox } from '../../src/services/outbox.ts'
import { createSendBudget } from '../../src/services/send-budget.ts'
import { createStaffGroups } from '../../src/services/staff-groups.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createTestDb } from '../helpers/db.ts'
import { demoContent, demoYaml } from '../helpers/harness.ts'

const GROUP = -100123

describe('the status of a request', () => {
  it('follows the request: waiting, SLA breached, answered, a later message late, waiting for the client, closed', () => {
    const open = {
      status: 'open' as const,
      firstResponseAt: null,
      settledAt: null,
      slaBreachedAt: null,
      replyLateAt: null,
    }
    expect(requestStatus(undefined)).toBe('closed')
    expect(requestStatus(open)).toBe('waiting')
    expect(requestStatus({ ...open, slaBreachedAt: 5 })).toBe('breached')
    expect(requestStatus({ ...open, slaBreachedAt: 5, firstResponseAt: 9 })).toBe('answered')
    expect(requestStatus({ ...open, firstResponseAt: 9, replyLateAt: 20 })).toBe('breached')
    expect(requestStatus({ ...open, status: 'closing', firstResponseAt: 9, replyLateAt: 20 })).toBe('client')
    expect(requestStatus({ ...open, status: 'closing', firstResponseAt: 9 })).toBe('client')
    expect(requestStatus({ ...open, status: 'closed', firstResponseAt: 9 })).toBe('closed')
    // Its first wait settled by the client with nothing owed (nobody answered): nothing is owed, 💬 —
    // also after it had gone late; a message of theirs since gone late is 🔴 again
    expect(requestStatus({ ...open, settledAt: 7 })).toBe('answered')
    expect(requestStatus({ ...open, settledAt: 7, slaBreachedAt: 5 })).toBe('answered')
    expect(requestStatus({ ...open, settledAt: 7, replyLateAt: 20 })).toBe('breached')
    expect(Object.values(STATUS_MARKS)).toEqual(['🟡', '🔴', '💬', '⏳', '✅'])
  })

  it("the title is the mark and the name, within Telegram's 128 characters", () => {
    expect(topicTitle('waiting', 'Анна @anna · #1')).toBe('🟡 Анна @anna · #1')
    expect(Array.from(topicTitle('closed', 'Я'.repeat(200)))).toHaveLength(128)
  })
})

describe('syncing a topic', () => {
  function setUp() {
    const { db, sqlite } = createTestDb()
    const clock = createFakeClock()
    const logger = createLogger({ level: 'silent', token: 'x', destination: { write: () => undefined } })
    const outbox = createOutbox({ db, clock, logger, budget: createSendBudget({ clock }) })
    const groups = createStaffGroups({
      db,
      ids: [GROUP],
      content: createContentStore({ db, clock }, demoContent(), demoYaml()),
    })
    const status = createTopicStatusService({ db, clock, outbox, groups })
    sqlite
      .prepare(
        "insert into clients (telegram_id, first_name, topic_id, created_at, last_seen_at) values (1, 'Анна', 77, 0, 0)",
      )
      .run()
    const open = () =>
      sqlite.prepare("insert into handoffs (client_id, reason, opened_at) values (1, 'asked', 0)").run()
    return { db, sqlite, status, open }
  }

  it('queues one row while one waits, and none when the topic already shows the wanted state', () => {
    const { db, sqlite, status, open } = setUp()
    open()
    status.markApplied(1, { status: 'waiting', closed: false })
    status.sync(1)
    expect(countOutbox(db).pending).toBe(0)
    sqlite.prepare('update handoffs set first_response_at = 5').run()
    status.sync(1)
    sqlite.prepare("update handoffs set status = 'closing'").run()
    status.sync(1)
    sqlite.prepare("update handoffs set status = 'closed'").run()
    status.sync(1)
    // Coalesced: the one row applies whatever is wanted when it is sent
    expect(countOutbox(db).pending).toBe(1)
    // The bot closes no topic: ✅ alone says the request is closed
    expect(status.wanted(1)).toEqual({ status: 'closed', closed: false })
  })

  it('a client without a topic gets none: the topic is created with its mark', () => {
    const { db, sqlite, status, open } = setUp()
    sqlite.prepare('update clients set topic_id = null').run()
    open()
    status.sync(1)
    expect(countOutbox(db).pending).toBe(0)
  })
})
