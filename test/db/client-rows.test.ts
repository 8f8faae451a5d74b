/**
 * A client row read by id is kept until the next write to a client row, so the services
 * one update passes through do not each read it again: what they get must still be the
 * row as it is in the database.
 */
import { describe, expect, it } from 'vitest'
import {
  anonymiseClient,
  findClientById,
  findClientByTelegramId,
  markBlocked,
  setStage,
  updateClient,
  upsertClient,
} from '../../db/repositories/clients.ts'
import { createTestDb } from '../helpers/db.ts'

const profile = { telegramId: 5001, firstName: 'Вера', lastName: null, username: null, languageCode: 'ru' }

describe('client rows read by id', () => {
  it('every write through the repository shows in the next read', () => {
    const { db } = createTestDb()
    const { client } = upsertClient(db, profile, 1_000)
    expect(findClientById(db, client.id)?.stage).toBe('contact')
    setStage(db, client.id, 'discovery')
    expect(findClientById(db, client.id)?.stage).toBe('discovery')
    updateClient(db, client.id, { displayName: 'Вера П.' })
    expect(findClientById(db, client.id)?.displayName).toBe('Вера П.')
    upsertClient(db, { ...profile, firstName: 'Вероника' }, 2_000)
    expect(findClientById(db, client.id)).toMatchObject({ firstName: 'Вероника', lastSeenAt: 2_000 })
    anonymiseClient(db, client.id, 3_000)
    expect(findClientById(db, client.id)?.telegramId).not.toBe(profile.telegramId)
    expect(findClientByTelegramId(db, profile.telegramId)).toBeUndefined()
  })

  it('a blocked client’s next update clears blocked_at, and the row kept from it says so', () => {
    const { db } = createTestDb()
    const { client } = upsertClient(db, profile, 1_000)
    markBlocked(db, profile.telegramId, 1_500)
    expect(findClientById(db, client.id)?.blockedAt).toBe(1_500)
    expect(upsertClient(db, profile, 2_000).client.blockedAt).toBeNull()
    expect(findClientById(db, client.id)).toMatchObject({ blockedAt: null, lastSeenAt: 2_000 })
    // A visit of a client who never blocked the bot leaves blocked_at alone
    expect(upsertClient(db, profile, 3_000).client).toMatchObject({ blockedAt: null, lastSeenAt: 3_000 })
  })

  it('a caller changing its copy changes nobody else’s', () => {
    const { db } = createTestDb()
    const { client } = upsertClient(db, profile, 1_000)
    const first = findClientById(db, client.id)
    if (!first) throw new Error('no row')
    first.firstName = 'changed by a caller'
    expect(findClientById(db, client.id)?.firstName).toBe('Вера')
    // The row an update's own visit returns is a copy too
    const touched = upsertClient(db, profile, 2_000).client
    touched.firstName = 'changed by the middleware'
    expect(findClientById(db, client.id)?.firstName).toBe('Вера')
  })

  it('a row read inside a transaction that rolls back is not kept', () => {
    const { db, sqlite } = createTestDb()
    const { client } = upsertClient(db, profile, 1_000)
    expect(() =>
      sqlite.transaction(() => {
        setStage(db, client.id, 'customer')
        expect(findClientById(db, client.id)?.stage).toBe('customer')
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(findClientById(db, client.id)?.stage).toBe('contact')
  })
})
