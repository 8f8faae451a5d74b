/**
 * Migration 0056: the follow-up waits gone late are counted from their events, recorded from the
 * upgrade on. A database that watched such waits before marks since when they are kept — the last
 * time one of their checks ran, after every alert that left no event — so /stats says its figure
 * starts there; one that never watched any has nothing older to miss, and no mark.
 */
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { migrationsBefore } from '../helpers/migrations.ts'

const marks = (handle: ReturnType<typeof openDatabase>) =>
  handle.sqlite
    .prepare("SELECT client_id AS clientId, data, created_at AS at FROM events WHERE type = 'reply_late_counted_from'")
    .all()

describe('the follow-up waits migration', () => {
  it('marks the last check of a follow-up wait as where the count starts', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_reply_late_counted_from'))
    const job = handle.sqlite.prepare(
      'INSERT INTO jobs (kind, run_at, status, dedupe_key, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
    )
    // Two waits alerted (their checks done), one planned and not due yet, and a later job of another kind
    job.run('handoff_reply', 5_000, 'done', 'handoff_reply:1:4000', '{"handoffId":1,"since":4000}', 5_000)
    job.run('handoff_reply', 9_000, 'done', 'handoff_reply:2:8000', '{"handoffId":2,"since":8000}', 9_100)
    job.run('handoff_reply', 20_000, 'pending', 'handoff_reply:3:12000', '{"handoffId":3,"since":12000}', 12_000)
    job.run('followup', 30_000, 'done', 'followup:1', '{}', 30_000)
    runMigrations(handle)
    expect(marks(handle)).toEqual([{ clientId: null, data: null, at: 12_000 }])
    handle.close()
  })

  it('leaves no mark where no follow-up wait was ever watched: the figure is whole', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_reply_late_counted_from'))
    handle.sqlite
      .prepare(
        "INSERT INTO jobs (kind, run_at, status, dedupe_key, payload, created_at, updated_at) VALUES ('followup', 1, 'done', 'f:1', '{}', 1, 1)",
      )
      .run()
    runMigrations(handle)
    expect(marks(handle)).toEqual([])
    handle.close()
  })
})
