/**
 * Migration 0053 (broadcasts.number): the broadcasts owners were told of by their id keep it as
 * their number, so the messages about them stay true; a draft never scheduled has none, and the
 * next one numbered takes the one after the highest.
 */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { migrationsBefore } from '../helpers/migrations.ts'

describe('the broadcast number migration', () => {
  it('numbers what owners were told of by its id, and no plain draft', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_broadcast_number'))
    const broadcast = handle.sqlite.prepare(
      "INSERT INTO broadcasts (id, owner_id, source_chat_id, source_message_id, segment, status, scheduled_at, created_at) VALUES (?, 9, 9, ?, '{}', ?, ?, 1)",
    )
    broadcast.run(1, 71, 'done', null)
    broadcast.run(2, 72, 'draft', null) // a draft in its menu
    broadcast.run(4, 74, 'cancelled', null) // #3 was a draft discarded
    broadcast.run(5, 75, 'draft', 9_000) // put off to the morning: "🕘 Рассылка #5 уйдёт…"
    broadcast.run(6, 76, 'sending', null)
    runMigrations(handle)
    expect(handle.sqlite.prepare('SELECT id, number FROM broadcasts ORDER BY id').all()).toEqual([
      { id: 1, number: 1 },
      { id: 2, number: null },
      { id: 4, number: 4 },
      { id: 5, number: 5 },
      { id: 6, number: 6 },
    ])
    handle.close()
  })
})
