/**
 * The bot's connection: a transaction is SQLite's own and nothing more. Drizzle, handed the
 * schema, builds a relational query builder for each of the schema's tables for every
 * transaction (every delivered outbox row writes its sent mark in one), and the bot asks no
 * relational query.
 */
import { describe, expect, it } from 'vitest'
import { upsertClient } from '../../db/repositories/clients.ts'
import { insertHandoff } from '../../db/repositories/handoffs.ts'
import { createTestDb } from '../helpers/db.ts'

describe("the bot's connection", () => {
  it('a transaction builds nothing per table, and commits or rolls back as SQLite does', () => {
    const { db, sqlite } = createTestDb()
    expect(db.transaction((tx) => Object.keys(tx.query))).toEqual([])
    const clientId = upsertClient(
      db,
      { telegramId: 5501, firstName: 'Ира', lastName: null, username: null, languageCode: 'ru' },
      1_000,
    ).client.id
    expect(() =>
      db.transaction(() => {
        insertHandoff(db, { clientId, reason: 'menu', openedAt: 2_000 })
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(sqlite.prepare('select count(*) as n from handoffs').get()).toEqual({ n: 0 })
    db.transaction(() => insertHandoff(db, { clientId, reason: 'menu', openedAt: 2_000 }))
    expect(sqlite.prepare('select count(*) as n from handoffs').get()).toEqual({ n: 1 })
  })
})
