/**
 * The last message a client was sent (by the bot or a person) is asked of every text they type:
 * it is kept from one read to the next until a message to them is written or changed, so what
 * each reader gets must still be what the transcript says — and a client's own messages, which
 * are most of what is written, change nothing of it.
 */
import { describe, expect, it } from 'vitest'
import { upsertClient } from '../../db/repositories/clients.ts'
import { eraseSubject, erasureSubject } from '../../db/repositories/erasure.ts'
import {
  editBotMessage,
  forgetTopicMessageIds,
  insertMessage,
  insertMessageOnce,
  lastMessageToClient,
  updateMessage,
} from '../../db/repositories/messages.ts'
import { countRuns, createTestDb } from '../helpers/db.ts'

type TestDb = ReturnType<typeof createTestDb>

function clientIn(db: TestDb['db'], telegramId: number): number {
  return upsertClient(db, { telegramId, firstName: 'Ира', lastName: null, username: null, languageCode: 'ru' }, 1_000)
    .client.id
}

const row = (clientId: number, direction: 'in' | 'out' | 'bot' | 'note', text: string, at: number) => ({
  clientId,
  direction,
  senderId: direction === 'in' ? null : 77,
  type: 'text',
  text,
  fileId: null,
  clientMessageId: null,
  topicMessageId: null,
  mediaGroupId: null,
  createdAt: at,
})

/** Counts the reads of a client's last message to them from now on. */
const lastReads = (sqlite: TestDb['sqlite']) =>
  countRuns(sqlite, /where \("messages"\."client_id" = \? and "messages"\."direction" in \(/)

describe('the last message to a client', () => {
  it('is read once while only the client writes; a message to them written or changed is kept as written, read again after a rollback', () => {
    const { db, sqlite } = createTestDb()
    const reads = lastReads(sqlite)
    const ira = clientIn(db, 5301)
    const oleg = clientIn(db, 5302)
    insertMessage(db, row(ira, 'bot', 'Как к вам обращаться?', 2_000))
    insertMessage(db, row(oleg, 'out', 'Добрый день!', 2_100))
    expect(lastMessageToClient(db, ira)?.text).toBe('Как к вам обращаться?')
    expect(lastMessageToClient(db, oleg)?.text).toBe('Добрый день!')
    const before = reads()
    // What the client writes, and its copy linked in the topic, change nothing of it
    const theirs = insertMessage(db, row(ira, 'in', 'Ира', 2_200))
    insertMessageOnce(db, {
      ...row(ira, 'in', 'Ира!', 2_300),
      direction: 'in',
      clientMessageId: 40,
      chat: null,
      entities: null,
    })
    updateMessage(db, theirs.id, { topicMessageId: 900 })
    expect(lastMessageToClient(db, ira)?.text).toBe('Как к вам обращаться?')
    expect(lastMessageToClient(db, oleg)?.text).toBe('Добрый день!')
    expect(reads()).toBe(before)
    // The bot answers her: hers is the message just written, known without reading it; his is kept
    insertMessage(db, row(ira, 'bot', 'Приятно познакомиться, Ира!', 2_400))
    expect(lastMessageToClient(db, ira)?.text).toBe('Приятно познакомиться, Ира!')
    expect(lastMessageToClient(db, oleg)?.text).toBe('Добрый день!')
    expect(reads()).toBe(before)
    // Its id in her chat, once delivered, and an edit: kept as written too
    const answer = insertMessage(db, row(oleg, 'out', 'Смотрю ваш заказ', 2_500))
    updateMessage(db, answer.id, { clientMessageId: 77 })
    expect(lastMessageToClient(db, oleg)).toMatchObject({ id: answer.id, clientMessageId: 77 })
    updateMessage(db, answer.id, { text: 'Смотрю ваш заказ №5', editedAt: 2_600 })
    expect(lastMessageToClient(db, oleg)).toMatchObject({ text: 'Смотрю ваш заказ №5', editedAt: 2_600 })
    expect(reads()).toBe(before)
    // Written in a transaction that rolled back: read again, as it is
    expect(() =>
      db.transaction(() => {
        insertMessage(db, row(oleg, 'out', 'Не отправлено', 2_700))
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(lastMessageToClient(db, oleg)?.text).toBe('Смотрю ваш заказ №5')
    expect(reads()).toBe(before + 1)
  })

  it('every write of a message to a client shows in the next read, by the bot or by a person', () => {
    const { db } = createTestDb()
    const ira = clientIn(db, 5301)
    expect(lastMessageToClient(db, ira)).toBeUndefined()
    expect(lastMessageToClient(db, ira, { byBot: true })).toBeUndefined()
    // The bot's question in her chat
    insertMessageOnce(db, {
      ...row(ira, 'bot', 'Удобно в 15:00?', 2_000),
      direction: 'bot',
      clientMessageId: 10,
      chat: null,
      entities: null,
    })
    expect(lastMessageToClient(db, ira)?.clientMessageId).toBe(10)
    expect(lastMessageToClient(db, ira, { byBot: true })?.text).toBe('Удобно в 15:00?')
    // Edited in place
    editBotMessage(db, ira, null, 10, 'Удобно в 16:00?', 2_100)
    expect(lastMessageToClient(db, ira)).toMatchObject({ text: 'Удобно в 16:00?', editedAt: 2_100 })
    expect(lastMessageToClient(db, ira, { byBot: true })?.text).toBe('Удобно в 16:00?')
    // A manager's answer from the topic, then its copy in her chat
    const answer = insertMessage(db, row(ira, 'out', 'Да, в 16:00 удобно', 2_200))
    expect(lastMessageToClient(db, ira)?.direction).toBe('out')
    expect(lastMessageToClient(db, ira, { byBot: true })?.text).toBe('Удобно в 16:00?')
    updateMessage(db, answer.id, { clientMessageId: 11, businessConnectionId: 'conn-1' })
    expect(lastMessageToClient(db, ira)).toMatchObject({ clientMessageId: 11, businessConnectionId: 'conn-1' })
    // It turned out to be a note (a part of an album captioned "// …"): the question is the last again
    updateMessage(db, answer.id, { direction: 'note' })
    expect(lastMessageToClient(db, ira)?.text).toBe('Удобно в 16:00?')
    // A note made a message to her again: read again for everyone
    updateMessage(db, answer.id, { direction: 'out' })
    expect(lastMessageToClient(db, ira)?.id).toBe(answer.id)
    updateMessage(db, answer.id, { text: 'Да, в 16:00', editedAt: 2_300 })
    expect(lastMessageToClient(db, ira)).toMatchObject({ text: 'Да, в 16:00', editedAt: 2_300 })
    forgetTopicMessageIds(db, ira)
    expect(lastMessageToClient(db, ira)?.text).toBe('Да, в 16:00')
    const subject = erasureSubject(db, ira, { isOwner: () => false, deletedJobKinds: [] })
    if (!subject) throw new Error('no subject')
    db.transaction(() => eraseSubject(db, subject, 5_000))
    expect(lastMessageToClient(db, ira)).toBeUndefined()
    expect(lastMessageToClient(db, ira, { byBot: true })).toBeUndefined()
  })

  it('a caller changing its copy changes nobody else’s, and what a rolled back transaction read is not kept', () => {
    const { db, sqlite } = createTestDb()
    const ira = clientIn(db, 5301)
    insertMessage(db, row(ira, 'bot', 'Привет!', 2_000))
    const last = lastMessageToClient(db, ira)
    if (!last) throw new Error('no message')
    last.text = 'changed'
    expect(lastMessageToClient(db, ira)?.text).toBe('Привет!')
    expect(() =>
      sqlite.transaction(() => {
        insertMessage(db, row(ira, 'bot', 'Пока!', 2_100))
        expect(lastMessageToClient(db, ira)?.text).toBe('Пока!')
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(lastMessageToClient(db, ira)?.text).toBe('Привет!')
  })
})
