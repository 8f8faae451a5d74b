/**
 * A client's active request is kept from one read to the next until a handoff row is
 * written, so the steps of one client message (trigger word, relay, night reply) do not
 * each read it again: what they get must still be what the database says.
 */
import { describe, expect, it } from 'vitest'
import { upsertClient } from '../../db/repositories/clients.ts'
import {
  clearClientWaiting,
  eraseHandoffDetails,
  findActiveHandoff,
  insertHandoff,
  moveHandoff,
  releaseRequestsLedBy,
  setClientWaiting,
  setFirstResponse,
  setHandoffManager,
} from '../../db/repositories/handoffs.ts'
import { countRuns, createTestDb } from '../helpers/db.ts'

function clientIn(db: ReturnType<typeof createTestDb>['db'], telegramId = 5101): number {
  return upsertClient(db, { telegramId, firstName: 'Ира', lastName: null, username: null, languageCode: 'ru' }, 1_000)
    .client.id
}

/** Counts the reads of a client's active request from now on. */
const activeReads = (sqlite: ReturnType<typeof createTestDb>['sqlite']) =>
  countRuns(sqlite, /from "handoffs" where \("handoffs"\."client_id" = \?/)

describe("a client's active request", () => {
  it('every write through the repository shows in the next read, none or some', () => {
    const { db } = createTestDb()
    const clientId = clientIn(db)
    expect(findActiveHandoff(db, clientId)).toBeUndefined()
    const opened = insertHandoff(db, { clientId, reason: 'menu', detail: 'нужна смета', openedAt: 2_000 })
    expect(findActiveHandoff(db, clientId)?.id).toBe(opened.id)
    setFirstResponse(db, opened.id, 3_000, 77, 0)
    expect(findActiveHandoff(db, clientId)?.firstResponseAt).toBe(3_000)
    moveHandoff(db, opened.id, ['open'], 'closing')
    expect(findActiveHandoff(db, clientId)?.status).toBe('closing')
    eraseHandoffDetails(db, clientId)
    expect(findActiveHandoff(db, clientId)?.detail).toBeNull()
    moveHandoff(db, opened.id, ['closing'], 'closed', { closedAt: 4_000, closedBy: 'client' })
    expect(findActiveHandoff(db, clientId)).toBeUndefined()
  })

  it("a write to one request is read again for its client only: the others' stay kept", () => {
    const { db, sqlite } = createTestDb()
    const reads = activeReads(sqlite)
    const ira = clientIn(db, 5101)
    const oleg = clientIn(db, 5102)
    const nobody = clientIn(db, 5103)
    const hers = insertHandoff(db, { clientId: ira, reason: 'menu', openedAt: 2_000 })
    insertHandoff(db, { clientId: oleg, reason: 'menu', openedAt: 2_100 })
    // (Nobody's none is known from their visit)
    for (const clientId of [ira, oleg, nobody]) findActiveHandoff(db, clientId)
    expect(reads()).toBe(2)
    // The first message after an answer, on every relayed message of a client back to a request:
    // the request is kept as the wait wrote it (its delivery asks for it again), the others stay
    setClientWaiting(db, hers.id, 3_000)
    expect(findActiveHandoff(db, ira)?.clientWaitingSince).toBe(3_000)
    expect(findActiveHandoff(db, oleg)?.clientWaitingSince).toBeNull()
    expect(findActiveHandoff(db, nobody)).toBeUndefined()
    expect(reads()).toBe(2)
    setHandoffManager(db, hers.id, 77)
    expect(findActiveHandoff(db, ira)?.managerId).toBe(77)
    expect(findActiveHandoff(db, oleg)?.managerId).toBeNull()
    expect(reads()).toBe(3)
    // Written in a transaction: kept once it commits; one rolled back leaves it to be read, as it was
    const his = findActiveHandoff(db, oleg)!
    expect(() =>
      db.transaction(() => {
        setClientWaiting(db, his.id, 3_100)
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(findActiveHandoff(db, oleg)?.clientWaitingSince).toBeNull()
    expect(reads()).toBe(4)
    db.transaction(() => setClientWaiting(db, his.id, 3_200))
    expect(findActiveHandoff(db, oleg)?.clientWaitingSince).toBe(3_200)
    expect(reads()).toBe(4)
    // Another write to the request in the same transaction, after the wait's: read again
    clearClientWaiting(db, his.id, 3_300)
    findActiveHandoff(db, oleg)
    expect(reads()).toBe(5)
    db.transaction(() => {
      setClientWaiting(db, his.id, 3_400)
      setHandoffManager(db, his.id, 78)
    })
    expect(findActiveHandoff(db, oleg)).toMatchObject({ clientWaitingSince: 3_400, managerId: 78 })
    expect(reads()).toBe(6)
  })

  it('a request opened, closed, reopened or released is seen by whoever it changes, kept none or some', () => {
    const { db } = createTestDb()
    const ira = clientIn(db, 5101)
    const oleg = clientIn(db, 5102)
    expect(findActiveHandoff(db, ira)).toBeUndefined()
    expect(findActiveHandoff(db, oleg)).toBeUndefined()
    const hers = insertHandoff(db, { clientId: ira, reason: 'menu', openedAt: 2_000, managerId: 77 })
    expect(findActiveHandoff(db, ira)?.id).toBe(hers.id)
    expect(findActiveHandoff(db, oleg)).toBeUndefined()
    const his = insertHandoff(db, { clientId: oleg, reason: 'menu', openedAt: 2_100, managerId: 77 })
    expect(findActiveHandoff(db, oleg)?.id).toBe(his.id)
    expect(releaseRequestsLedBy(db, 77).sort()).toEqual([ira, oleg].sort())
    expect(findActiveHandoff(db, ira)?.managerId).toBeNull()
    expect(findActiveHandoff(db, oleg)?.managerId).toBeNull()
    moveHandoff(db, his.id, ['open'], 'closing')
    expect(findActiveHandoff(db, oleg)?.status).toBe('closing')
    moveHandoff(db, his.id, ['closing'], 'closed', { closedAt: 3_000, closedBy: 'client' })
    expect(findActiveHandoff(db, oleg)).toBeUndefined()
    expect(findActiveHandoff(db, ira)?.status).toBe('open')
    // Kept as having none, then reopened (the client's "not solved" under a closed request)
    moveHandoff(db, his.id, ['closed'], 'open')
    expect(findActiveHandoff(db, oleg)?.id).toBe(his.id)
  })

  it("a client's visit says whether they have a request open: none is then known without a read, one is read", async () => {
    const { db, sqlite } = createTestDb()
    const reads = activeReads(sqlite)
    const profile = (telegramId: number) => ({
      telegramId,
      firstName: 'Ира',
      lastName: null,
      username: null,
      languageCode: 'ru',
    })
    const ira = upsertClient(db, profile(5101), 1_000).client.id
    expect(findActiveHandoff(db, ira)).toBeUndefined()
    const oleg = clientIn(db, 5102)
    const his = insertHandoff(db, { clientId: oleg, reason: 'menu', openedAt: 2_000 })
    expect(reads()).toBe(0)
    // Their next updates: hers answered by the visit, his read
    upsertClient(db, profile(5101), 3_000)
    upsertClient(db, profile(5102), 3_000)
    expect(findActiveHandoff(db, ira)).toBeUndefined()
    expect(findActiveHandoff(db, oleg)?.id).toBe(his.id)
    expect(reads()).toBe(1)
    // A request opened after her visit is seen
    const hers = insertHandoff(db, { clientId: ira, reason: 'menu', openedAt: 4_000 })
    expect(findActiveHandoff(db, ira)?.id).toBe(hers.id)
    // A visit inside a transaction that rolls back leaves nothing known
    moveHandoff(db, hers.id, ['open'], 'closed', { closedAt: 5_000, closedBy: 'client' })
    expect(() =>
      sqlite.transaction(() => {
        upsertClient(db, profile(5101), 6_000)
        insertHandoff(db, { clientId: ira, reason: 'menu', openedAt: 6_000 })
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(findActiveHandoff(db, ira)).toBeUndefined()
  })

  it('a caller changing its copy changes nobody else’s', () => {
    const { db } = createTestDb()
    const clientId = clientIn(db)
    insertHandoff(db, { clientId, reason: 'menu', openedAt: 2_000 })
    const first = findActiveHandoff(db, clientId)
    if (!first) throw new Error('no request')
    first.status = 'closed'
    expect(findActiveHandoff(db, clientId)?.status).toBe('open')
  })

  it('what was read inside a transaction that rolls back is not kept', () => {
    const { db, sqlite } = createTestDb()
    const clientId = clientIn(db)
    expect(findActiveHandoff(db, clientId)).toBeUndefined()
    expect(() =>
      sqlite.transaction(() => {
        insertHandoff(db, { clientId, reason: 'menu', openedAt: 2_000 })
        expect(findActiveHandoff(db, clientId)?.status).toBe('open')
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(findActiveHandoff(db, clientId)).toBeUndefined()
  })
})
