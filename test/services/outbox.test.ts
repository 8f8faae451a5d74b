import { describe, expect, it } from 'vitest'
import { upsertClient } from '../../db/repositories/clients.ts'
import {
  countOutbox,
  insertOutbox,
  moveLane,
  type OutboxRow,
  updateOutboxPayload,
} from '../../db/repositories/outbox.ts'
import { createLogger } from '../../src/logger.ts'
import { createOutbox, type DeliveryResult } from '../../src/services/outbox.ts'
import { createSendBudget } from '../../src/services/send-budget.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { countRuns, createTestDb } from '../helpers/db.ts'

function setUp({ pollMs }: { pollMs?: number } = {}) {
  const { db, sqlite } = createTestDb()
  const clock = createFakeClock()
  const logger = createLogger({ level: 'silent' })
  // This test's own rules: 20 a minute into a group, nothing else limited
  const budget = createSendBudget({
    clock,
    limits: { global: [], privateChat: [], group: [{ max: 20, windowMs: 60_000 }], bulk: [] },
  })
  const outbox = createOutbox({ db, clock, logger, budget, ...(pollMs ? { pollMs } : {}) })
  // The budget counts what goes out (as the Bot API client does before each call)
  const send = (chatId: number) => budget.acquire({ chatId, count: 1, priority: 'background' })
  const delivered: { id: number; at: number; chatId: number }[] = []
  let next: (row: OutboxRow) => DeliveryResult = () => ({ status: 'sent' })
  outbox.attach({
    deliver: async (row) => {
      const result = next(row)
      if (result.status === 'sent') await send(row.chatId)
      if (result.status === 'sent') delivered.push({ id: row.id, at: clock.now(), chatId: row.chatId })
      return result
    },
    weight: () => 1,
    interrupted: () => 'resend',
  })
  const enqueue = (chatId: number, notBefore?: number) =>
    outbox.enqueue({ chatId, method: 'test', payload: {}, ...(notBefore ? { notBefore } : {}) }).id
  return { db, sqlite, clock, outbox, delivered, enqueue, failWith: (f: typeof next) => (next = f) }
}

describe('outbox engine', () => {
  it("a sent row's record is written with its sent mark; a failing record leaves it sent, not sent again", async () => {
    const { db, outbox, delivered, enqueue, failWith } = setUp()
    const recorded: number[] = []
    failWith((row) => ({ status: 'sent', messageId: 7, record: () => void recorded.push(row.id) }))
    const first = enqueue(-100)
    await outbox.drain()
    expect(recorded).toEqual([first])
    expect(outbox.get(first)).toMatchObject({ status: 'sent', resultMessageId: 7 })

    failWith(() => ({
      status: 'sent',
      messageId: 8,
      record: () => {
        // What it wrote before failing is rolled back with it
        outbox.enqueue({ chatId: -300, method: 'test', payload: {} })
        throw new Error('disk I/O error')
      },
    }))
    const second = enqueue(-100)
    await outbox.drain()
    await outbox.drain()
    expect(outbox.get(second)).toMatchObject({ status: 'sent', resultMessageId: 8 })
    expect(delivered.filter((d) => d.id === second)).toHaveLength(1)
    expect(countOutbox(db)).toMatchObject({ sent: 2, pending: 0 })
  })

  it('stopping ends the run after the row under way; the rest wait for the next start', async () => {
    const { outbox, delivered, enqueue, clock } = setUp()
    const ids = [enqueue(-100), enqueue(-200), enqueue(-300)]
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const deliver = outbox.attach.bind(outbox)
    let started = 0
    deliver({
      deliver: async (row) => {
        started++
        if (row.id === ids[0]) await held
        delivered.push({ id: row.id, at: clock.now(), chatId: row.chatId })
        return { status: 'sent' }
      },
      weight: () => 1,
      interrupted: () => 'resend',
    })
    outbox.start()
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toBe(1)
    const stopped = outbox.stop()
    release()
    await stopped
    expect(delivered.map((d) => d.id)).toEqual([ids[0]])
    expect(outbox.get(ids[1] as number)?.status).toBe('pending')
  })

  it('a kick just before the stop starts no run after it', async () => {
    const { outbox, delivered, enqueue } = setUp()
    outbox.start()
    await outbox.drain() // idle, nothing to send
    const late = enqueue(-400)
    outbox.kick()
    const stopped = outbox.stop()
    await new Promise((resolve) => setImmediate(resolve))
    await stopped
    expect(delivered).toEqual([])
    expect(outbox.get(late)?.status).toBe('pending')
  })

  it('a sliding window: never more than 20 into a group in any 60 s; private chats are not held back', async () => {
    const { clock, outbox, delivered, enqueue } = setUp()
    for (let i = 0; i < 45; i++) enqueue(-100)
    for (let i = 0; i < 5; i++) enqueue(42)
    for (let guard = 0; guard < 100; guard++) {
      const { nextAt } = await outbox.drain()
      if (nextAt === undefined) break
      clock.set(nextAt)
    }
    const group = delivered.filter((d) => d.chatId === -100)
    expect(group).toHaveLength(45)
    for (const d of group)
      expect(group.filter((o) => o.at > d.at - 60_000 && o.at <= d.at).length).toBeLessThanOrEqual(20)
    expect(group.map((d) => d.id)).toEqual([...group.map((d) => d.id)].sort((a, b) => a - b))
    const privateChat = delivered.filter((d) => d.chatId === 42)
    expect(privateChat.map((d) => d.at)).toEqual(Array(5).fill(delivered[0]?.at))
  })

  it("the lanes' heads are read only when the engine does not know its queue: rows it wrote and sent are known, not read", async () => {
    const { sqlite, outbox, delivered, enqueue, failWith } = setUp()
    // How many times the heads of the lanes are read
    const count = countRuns(sqlite, /inner join/i, 'all')
    await outbox.drain() // the first run also prunes, and reads the lanes for that: none
    const before = count()
    const reads = () => count() - before
    const lone = enqueue(-100)
    await outbox.drain()
    expect(delivered.map((d) => d.id)).toEqual([lone])
    expect(reads()).toBe(0)

    // Written during the call, into another lane: still delivered in the same run
    let late: number | undefined
    failWith((row) => {
      if (late === undefined) late = enqueue(-200)
      return { status: 'sent', messageId: row.id }
    })
    const first = enqueue(-100)
    await outbox.drain()
    expect(delivered.map((d) => d.id).slice(1)).toEqual([first, late])
    // Another lane's row waits: it goes after the first, the oldest first
    failWith(() => ({ status: 'sent' }))
    const [a, b] = [enqueue(-300), enqueue(-100)]
    await outbox.drain()
    expect(delivered.map((d) => d.id).slice(3)).toEqual([a, b])
    expect(reads()).toBe(0)

    // Failed for good, alone: done; the next run reads what the failure left
    failWith(() => ({ status: 'failed', reason: 'chat not found' }))
    enqueue(-100)
    await outbox.drain()
    expect(reads()).toBe(0)
    // Put back for later: read again, for when it may go
    failWith(() => ({ status: 'retry', afterMs: 5_000, reason: 'busy' }))
    enqueue(-100)
    expect((await outbox.drain()).nextAt).toBeDefined()
    expect(reads()).toBe(2)
  })

  it("anyone else's write to the outbox has the heads read again: a payload merged, a lane moved, a row written in a transaction that rolled back", async () => {
    const { db, sqlite, clock, outbox, delivered, enqueue } = setUp()
    const count = countRuns(sqlite, /inner join/i, 'all')
    await outbox.drain()
    const reads = (() => {
      const before = count()
      return () => count() - before
    })()
    // An album's first part waits for the rest: known, not read, while it waits
    const album = enqueue(-100, clock.now() + 1_000)
    expect((await outbox.drain()).nextAt).toBe(clock.now() + 1_000)
    expect(reads()).toBe(0)
    // The next part merged into it, by the relay, not the engine: read again, and it goes now
    expect(updateOutboxPayload(db, album, { parts: 2 }, { notBefore: clock.now() })).toBe(true)
    await outbox.drain()
    expect(delivered.map((d) => d.id)).toEqual([album])
    expect(outbox.get(album)?.payload).toEqual({ parts: 2 })
    expect(reads()).toBe(1)
    // A client moved to another staff group: their waiting row goes to the new one
    const upsert = upsertClient(
      db,
      { telegramId: 5401, firstName: 'Ира', lastName: null, username: null, languageCode: 'ru' },
      clock.now(),
    )
    const theirs = outbox.enqueue({
      chatId: -100,
      clientId: upsert.client.id,
      method: 'test',
      payload: {},
      notBefore: clock.now() + 1_000,
    }).id
    await outbox.drain()
    moveLane(db, upsert.client.id, -100, -200)
    clock.advance(1_000)
    await outbox.drain()
    expect(delivered.at(-1)).toMatchObject({ id: theirs, chatId: -200 })
    // Written in a transaction that rolled back: never sent, and the row after it goes alone
    expect(() =>
      db.transaction(() => {
        enqueue(-100)
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    const after = enqueue(-100)
    await outbox.drain()
    expect(delivered.at(-1)?.id).toBe(after)
    expect(delivered.map((d) => d.id)).toHaveLength(3)
    expect(countOutbox(db)).toMatchObject({ pending: 0, sending: 0 })
  })

  it("a row written inside another transaction is known once it commits: the lanes' heads are not read; one in a part that rolled back, or in a transaction the engine cannot see end, has them read", async () => {
    const { db, sqlite, outbox, delivered, enqueue } = setUp()
    const count = countRuns(sqlite, /inner join/i, 'all')
    await outbox.drain()
    const reads = (() => {
      const before = count()
      return () => count() - before
    })()
    // With the request's own writes in one commit (a relayed message that starts the team's answer time): known
    const first = db.transaction(() => enqueue(-100))
    await outbox.drain()
    expect(delivered.map((d) => d.id)).toEqual([first])
    expect(reads()).toBe(0)
    // Two in one commit: only the first is known (the second read them), so the heads are read once
    const [a, b] = db.transaction(() => [enqueue(-100), enqueue(-200)])
    await outbox.drain()
    expect(delivered.map((d) => d.id).slice(1)).toEqual([a, b])
    expect(reads()).toBe(1)
    // A part that rolled back inside a transaction that committed: the row is not there, the heads are read
    const kept = db.transaction(() => {
      expect(() =>
        db.transaction(() => {
          enqueue(-100)
          throw new Error('rolled back')
        }),
      ).toThrow('rolled back')
      return enqueue(-300)
    })
    await outbox.drain()
    expect(delivered.map((d) => d.id).slice(3)).toEqual([kept])
    expect(reads()).toBe(2)
    // A transaction of the driver's own: its end is not seen, so the heads are read
    const raw = sqlite.transaction(() => enqueue(-100))()
    await outbox.drain()
    expect(delivered.map((d) => d.id).slice(4)).toEqual([raw])
    expect(reads()).toBe(3)
    expect(countOutbox(db)).toMatchObject({ pending: 0, sending: 0 })
  })

  it('the safety poll reads the table: a row written by another process goes', async () => {
    const { db, outbox, delivered } = setUp({ pollMs: 5 })
    outbox.start()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const other = insertOutbox(db, { chatId: -100, method: 'test', payload: {}, notBefore: 0 }, 0).id
    for (let i = 0; i < 50 && delivered.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    await outbox.stop()
    expect(delivered.map((d) => d.id)).toEqual([other])
  })

  it('a delivery takes along the rows behind it in its lane, those enqueued during the call too', async () => {
    const { db, sqlite, outbox } = setUp()
    // How many times the rows behind a row are asked for
    const asked = countRuns(sqlite, /"outbox"\."id" > \?/, 'all')
    const lane = { chatId: -100, clientId: null, method: 'test', payload: {} }
    const took = new Map<number, number[]>()
    let during: (() => void) | undefined
    outbox.attach({
      deliver: async (row) => {
        // The call is under way (a topic checked, a notice sent) when the client writes again
        await new Promise((resolve) => setImmediate(resolve))
        during?.()
        during = undefined
        took.set(
          row.id,
          outbox.takeFollowing(row, 10, () => true).map((r) => r.id),
        )
        return { status: 'sent' }
      },
      weight: () => 1,
      interrupted: () => 'resend',
    })
    // Alone in its lane: nothing to take
    const alone = outbox.enqueue(lane).id
    await outbox.drain()
    expect(took.get(alone)).toEqual([])
    expect(asked()).toBe(0) // nothing could be behind it: not even asked
    // Two behind it when the run began
    const [head, second, third] = [outbox.enqueue(lane).id, outbox.enqueue(lane).id, outbox.enqueue(lane).id]
    await outbox.drain()
    expect(took.get(head)).toEqual([second, third])
    expect(asked()).toBe(1)
    // Alone when the run began, joined by another one during the call
    const first = outbox.enqueue(lane).id
    let late = 0
    during = () => {
      late = outbox.enqueue(lane).id
    }
    await outbox.drain()
    expect(took.get(first)).toEqual([late])
    expect(took.has(late)).toBe(false)
    expect(asked()).toBe(2)
    expect(countOutbox(db)).toMatchObject({ sent: 6, pending: 0 })
  })

  it('a delivery that fails puts the rows it took along back in the queue, to go on their own', async () => {
    const { db, outbox } = setUp()
    const lane = { chatId: -100, clientId: null, method: 'test', payload: {} }
    const [head, second, third] = [outbox.enqueue(lane).id, outbox.enqueue(lane).id, outbox.enqueue(lane).id]
    const took = new Map<number, number[]>()
    outbox.attach({
      deliver: async (row) => {
        took.set(
          row.id,
          outbox.takeFollowing(row, 10, () => true).map((r) => r.id),
        )
        return row.id === head ? { status: 'failed', reason: 'message to copy not found' } : { status: 'sent' }
      },
      weight: () => 1,
      interrupted: () => 'resend',
    })
    await outbox.drain()
    expect(took.get(head)).toEqual([second, third])
    expect(took.get(second)).toEqual([third])
    expect(outbox.get(head)).toMatchObject({ status: 'failed' })
    expect(countOutbox(db)).toMatchObject({ sent: 2, failed: 1, pending: 0 })
  })

  it('a row waiting (an album being collected) holds only its own lane', async () => {
    const { clock, db, outbox, delivered } = setUp()
    const waiting = outbox.enqueue({
      chatId: -100,
      clientId: null,
      method: 'test',
      payload: {},
      notBefore: clock.now() + 1500,
    })
    const other = outbox.enqueue({ chatId: -200, method: 'test', payload: {} })
    await outbox.drain()
    expect(delivered.map((d) => d.id)).toEqual([other.id])
    clock.advance(1500)
    await outbox.drain()
    expect(delivered.map((d) => d.id)).toEqual([other.id, waiting.id])
    expect(countOutbox(db)).toMatchObject({ sent: 2, pending: 0 })
  })

  it('a 429 holds the whole chat until retry_after; transient errors back off; failures are final', async () => {
    const { clock, outbox, delivered, enqueue, failWith, db } = setUp()
    const a = enqueue(-100)
    const b = enqueue(-100)
    let calls = 0
    failWith(() =>
      ++calls === 1 ? { status: 'retry', afterMs: 30_000, holdChat: true, reason: '429' } : { status: 'sent' },
    )
    const first = await outbox.drain()
    expect(first.nextAt).toBe(clock.now() + 30_000)
    expect(delivered).toEqual([])
    clock.advance(30_000)
    await outbox.drain()
    expect(delivered.map((d) => d.id)).toEqual([a, b])

    const c = enqueue(-300)
    failWith(() => ({ status: 'retry', reason: 'network' }))
    expect((await outbox.drain()).nextAt).toBe(clock.now() + 1_000)
    clock.advance(1_000)
    expect((await outbox.drain()).nextAt).toBe(clock.now() + 2_000)
    failWith(() => ({ status: 'failed', reason: 'gone' }))
    clock.advance(2_000)
    await outbox.drain()
    expect(outbox.get(c)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'gone' })
    expect(countOutbox(db)).toMatchObject({ pending: 0, sending: 0 })
  })
})

describe('an answer before the upkeep of its lane', () => {
  /** A deliverer whose rows say their place and priority in their payload. */
  function lanes() {
    const { db, clock, outbox } = setUp()
    // Two clients' lanes in one group
    for (const telegramId of [501, 502]) {
      upsertClient(db, { telegramId, firstName: 'A', lastName: null, username: null, languageCode: null }, clock.now())
    }
    const sent: string[] = []
    let fail: string | undefined
    type Row = { name: string; place: 'kept' | 'upkeep' | 'answer'; priority?: number }
    outbox.attach({
      deliver: async (row) => {
        const { name } = row.payload as Row
        if (name === fail) {
          fail = undefined
          return { status: 'retry', afterMs: 60_000, reason: 'a network error' }
        }
        sent.push(name)
        return { status: 'sent' }
      },
      weight: () => 1,
      interrupted: () => 'resend',
      priority: (row) => (row.payload as Row).priority ?? 0,
      place: (row) => (row.payload as Row).place,
    })
    const put = (chatId: number, clientId: number | null, row: Row) =>
      outbox.enqueue({ chatId, clientId, method: 'test', payload: row })
    /** A new engine on the same database, as after a restart, delivering as this one does. */
    const restarted = () => {
      const logger = createLogger({ level: 'silent' })
      const budget = createSendBudget({ clock, limits: { global: [], privateChat: [], group: [], bulk: [] } })
      const again = createOutbox({ db, clock, logger, budget })
      again.attach({
        deliver: async (row) => {
          sent.push((row.payload as Row).name)
          return { status: 'sent' }
        },
        weight: () => 1,
        interrupted: () => 'resend',
        priority: (row) => (row.payload as Row).priority ?? 0,
        place: (row) => (row.payload as Row).place,
      })
      return again
    }
    return { clock, outbox, sent, put, restarted, failOnce: (name: string) => (fail = name) }
  }

  it('put back after a failure, it lets the upkeep ahead of it go meanwhile', async () => {
    const { clock, outbox, sent, put, failOnce } = lanes()
    put(-100, 1, { name: 'pin', place: 'upkeep' })
    put(-100, 1, { name: 'answer', place: 'answer', priority: 2 })
    failOnce('answer')
    await outbox.drain()
    expect(sent).toEqual(['pin'])
    clock.advance(60_000)
    await outbox.drain()
    expect(sent).toEqual(['pin', 'answer'])
  })

  it("the upkeep's own priority is lent to its lane once the answer went", async () => {
    const { outbox, sent, put } = lanes()
    put(-100, 1, { name: 'pin', place: 'upkeep' })
    // A new request's card, edited where it is
    put(-100, 1, { name: 'urgent card', place: 'upkeep', priority: 1 })
    put(-100, 1, { name: 'answer', place: 'answer', priority: 2 })
    // Another client's new request, queued after them: it does not pass the new request's card
    put(-100, 2, { name: 'other client', place: 'kept', priority: 1 })
    await outbox.drain()
    expect(sent).toEqual(['answer', 'pin', 'urgent card', 'other client'])
  })

  it('a restart: the new engine reads again what the queued answer lends, and it still goes before the upkeep', async () => {
    const { outbox, sent, put, restarted } = lanes()
    put(-100, 1, { name: 'pin', place: 'upkeep' })
    put(-100, 1, { name: 'card edit', place: 'upkeep' })
    put(-100, 2, { name: 'other client', place: 'kept' })
    put(-100, 1, { name: 'answer', place: 'answer', priority: 2 })
    await outbox.stop()
    await restarted().drain()
    expect(sent).toEqual(['answer', 'pin', 'card edit', 'other client'])
  })
})

describe('answers take turns with the rest of their chat', () => {
  /** Rows saying their place and priority in their payload; `sent`, their names in the order they went. */
  function desk() {
    const { db, clock, outbox } = setUp()
    for (const telegramId of [501, 502, 503]) {
      upsertClient(db, { telegramId, firstName: 'A', lastName: null, username: null, languageCode: null }, clock.now())
    }
    const sent: string[] = []
    type Row = { name: string; place: 'kept' | 'upkeep' | 'answer'; priority?: number }
    outbox.attach({
      deliver: async (row) => {
        sent.push((row.payload as Row).name)
        return { status: 'sent' }
      },
      weight: () => 1,
      interrupted: () => 'resend',
      priority: (row) => (row.payload as Row).priority ?? 0,
      place: (row) => (row.payload as Row).place,
    })
    const put = (chatId: number, clientId: number | null, row: Row) =>
      outbox.enqueue({ chatId, clientId, method: 'test', payload: row })
    return { outbox, sent, put }
  }

  it('answers queued after clients’ messages: answer, the oldest message, answer, …', async () => {
    const { outbox, sent, put } = desk()
    for (const [i, client] of [1, 2, 3].entries()) put(-100, client, { name: `client ${i}`, place: 'kept' })
    for (const i of [0, 1, 2, 3]) put(-100, null, { name: `answer ${i}`, place: 'answer', priority: 2 })
    await outbox.drain()
    expect(sent).toEqual(['answer 0', 'client 0', 'answer 1', 'client 1', 'answer 2', 'client 2', 'answer 3'])
  })

  it('what an answer lends the rows before it in its lane takes turns too; the other chats are not held', async () => {
    const { outbox, sent, put } = desk()
    put(-100, 2, { name: 'other 1', place: 'kept' })
    put(-100, 3, { name: 'other 2', place: 'kept' })
    put(-100, 1, { name: 'words 1', place: 'kept' })
    put(-100, 1, { name: 'words 2', place: 'kept' })
    put(-100, 1, { name: 'answer', place: 'answer', priority: 2 })
    put(-200, null, { name: 'another group’s answer', place: 'answer', priority: 2 })
    await outbox.drain()
    expect(sent).toEqual(['words 1', 'another group’s answer', 'other 1', 'words 2', 'other 2', 'answer'])
  })

  it('an answer waiting its turn goes by its age: before the messages written after it', async () => {
    const { outbox, sent, put } = desk()
    put(-100, 1, { name: 'client old', place: 'kept' })
    put(-100, null, { name: 'answer 0', place: 'answer', priority: 2 })
    put(-100, null, { name: 'answer 1', place: 'answer', priority: 2 })
    put(-100, 2, { name: 'client new', place: 'kept' })
    await outbox.drain()
    expect(sent).toEqual(['answer 0', 'client old', 'answer 1', 'client new'])
  })

  it('a new request’s rows (a priority of their own, not an answer’s) do not take turns', async () => {
    const { outbox, sent, put } = desk()
    put(-100, 1, { name: 'client', place: 'kept' })
    put(-100, 2, { name: 'new 1', place: 'kept', priority: 1 })
    put(-100, 3, { name: 'new 2', place: 'kept', priority: 1 })
    await outbox.drain()
    expect(sent).toEqual(['new 1', 'new 2', 'client'])
  })
})
