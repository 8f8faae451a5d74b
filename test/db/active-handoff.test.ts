/**
 * A client's active request is kept from one read to the next until a handoff row is
 * written, so the steps of one client message (trigger word, relay, night reply) do not
 * each read it again: what they get must still be what the database says.
 */
import { describe, expect, it } from 'vitest'
import { upsertClient } from '../../db/repositories/clients.ts'
import {
  eraseHandoffDetails,
  findActiveHandoff,
  insertHandoff,
  moveHandoff,
  setFirstResponse,
} from '../../db/repositories/handoffs.ts'
import { createTestDb } from '../helpers/db.ts'

function clientIn(db: ReturnType<typeof createTestDb>['db']): number {
  return upsertClient(
    db,
    { telegramId: 5101, firstName: 'Ира', lastName: null, username: null, languageCode: 'ru' },
    1_000,
  ).client.id
}

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
