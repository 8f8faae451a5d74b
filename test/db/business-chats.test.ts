/**
 * A client's chat with a business account (where their answers go) is asked on every update of
 * a client with a topic: it is kept from one read to the next until a write to their chat, so
 * what each asks must still be what the database says.
 */
import { describe, expect, it } from 'vitest'
import { findBusinessChat, noteBusinessChat } from '../../db/repositories/business.ts'
import { upsertClient } from '../../db/repositories/clients.ts'
import { eraseSubject, erasureSubject } from '../../db/repositories/erasure.ts'
import { countRuns, createTestDb } from '../helpers/db.ts'

type TestDb = ReturnType<typeof createTestDb>

function clientIn(db: TestDb['db'], telegramId: number): number {
  return upsertClient(db, { telegramId, firstName: 'Ира', lastName: null, username: null, languageCode: 'ru' }, 1_000)
    .client.id
}

/** Counts the reads of a client's business chat from now on. */
const chatReads = (sqlite: TestDb['sqlite']) => countRuns(sqlite, /from "business_chats" where/)

describe("a client's business chat", () => {
  it('is read once, none or some, and a write to one client’s chat reads only theirs again', () => {
    const { db, sqlite } = createTestDb()
    const reads = chatReads(sqlite)
    const ira = clientIn(db, 5201)
    const oleg = clientIn(db, 5202)
    noteBusinessChat(db, oleg, 'conn-1', 2_000, true)
    expect(findBusinessChat(db, ira)).toBeUndefined()
    expect(findBusinessChat(db, oleg)?.lastInAt).toBe(2_000)
    expect(findBusinessChat(db, ira)).toBeUndefined()
    expect(findBusinessChat(db, oleg)?.connectionId).toBe('conn-1')
    expect(reads()).toBe(2)
    noteBusinessChat(db, ira, 'conn-1', 3_000, false)
    expect(findBusinessChat(db, ira)).toMatchObject({ lastInAt: 0, lastSeenAt: 3_000 })
    expect(findBusinessChat(db, oleg)?.lastSeenAt).toBe(2_000)
    expect(reads()).toBe(3)
    noteBusinessChat(db, oleg, 'conn-2', 4_000, true)
    expect(findBusinessChat(db, oleg)).toMatchObject({ connectionId: 'conn-2', lastInAt: 4_000 })
  })

  it('is gone once the client erased their data', () => {
    const { db } = createTestDb()
    const ira = clientIn(db, 5201)
    noteBusinessChat(db, ira, 'conn-1', 2_000, true)
    expect(findBusinessChat(db, ira)?.connectionId).toBe('conn-1')
    const subject = erasureSubject(db, ira, { isOwner: () => false, deletedJobKinds: [] })
    if (!subject) throw new Error('no subject')
    db.transaction(() => eraseSubject(db, subject, 5_000))
    expect(findBusinessChat(db, ira)).toBeUndefined()
  })

  it('a caller changing its copy changes nobody else’s, and what a rolled back transaction read is not kept', () => {
    const { db, sqlite } = createTestDb()
    const ira = clientIn(db, 5201)
    noteBusinessChat(db, ira, 'conn-1', 2_000, true)
    const chat = findBusinessChat(db, ira)
    if (!chat) throw new Error('no chat')
    chat.connectionId = 'changed'
    expect(findBusinessChat(db, ira)?.connectionId).toBe('conn-1')
    const oleg = clientIn(db, 5202)
    expect(findBusinessChat(db, oleg)).toBeUndefined()
    expect(() =>
      sqlite.transaction(() => {
        noteBusinessChat(db, oleg, 'conn-1', 3_000, true)
        expect(findBusinessChat(db, oleg)?.lastInAt).toBe(3_000)
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(findBusinessChat(db, oleg)).toBeUndefined()
  })
})
