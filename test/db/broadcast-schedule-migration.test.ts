/**
 * Migration 0035 (scheduled_at, notice_message_id): a draft put off to the end of the quiet
 * hours before it has its `broadcast_start` job but no scheduled_at; the migration takes the
 * time from the job, so /broadcast, /cancel and the same-message question see it.
 */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { migrationsBefore } from '../helpers/migrations.ts'

describe('the broadcast schedule migration', () => {
  it('gives a draft waiting for its broadcast_start job that job’s time, and nothing to the others', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_broadcast_schedule'))
    const broadcast = handle.sqlite.prepare(
      "INSERT INTO broadcasts (id, owner_id, source_chat_id, source_message_id, segment, status, created_at) VALUES (?, 9, 9, ?, '{}', ?, 1)",
    )
    const job = handle.sqlite.prepare(
      'INSERT INTO jobs (kind, run_at, status, dedupe_key, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)',
    )
    const start = (id: number, at: number, status = 'pending') =>
      job.run('broadcast_start', at, status, `broadcast_start:${id}:${at}`, JSON.stringify({ broadcastId: id }))
    // As the code before it wrote them
    broadcast.run(1, 71, 'draft')
    start(1, 9_000)
    broadcast.run(2, 72, 'draft') // never scheduled
    broadcast.run(3, 73, 'draft') // its job ran and found nobody: a draft again
    start(3, 5_000, 'done')
    broadcast.run(4, 74, 'sending') // went at its time
    start(4, 5_000, 'done')
    broadcast.run(5, 75, 'draft') // scheduled on two nights: it goes at the first
    start(5, 20_000)
    start(5, 9_000)
    broadcast.run(6, 76, 'draft') // its job was being run when the bot stopped: it runs again
    start(6, 8_000, 'running')
    broadcast.run(11, 77, 'draft') // another kind's payload naming an id is not its job
    job.run('nudge', 9_000, 'pending', null, JSON.stringify({ broadcastId: 11 }))
    runMigrations(handle)
    expect(
      handle.sqlite.prepare('SELECT id, scheduled_at, notice_message_id FROM broadcasts ORDER BY id').all(),
    ).toEqual([
      { id: 1, scheduled_at: 9_000, notice_message_id: null },
      { id: 2, scheduled_at: null, notice_message_id: null },
      { id: 3, scheduled_at: null, notice_message_id: null },
      { id: 4, scheduled_at: null, notice_message_id: null },
      { id: 5, scheduled_at: 9_000, notice_message_id: null },
      { id: 6, scheduled_at: 8_000, notice_message_id: null },
      { id: 11, scheduled_at: null, notice_message_id: null },
    ])
    handle.close()
  })
})
