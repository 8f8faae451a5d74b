import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { findClientById } from '../../db/repositories/clients.ts'
import { KvStorage } from '../../db/storage.ts'
import { consentFacts } from '../../src/services/clients.ts'
import { migrationsBefore } from '../helpers/migrations.ts'

function tableNames(handle: ReturnType<typeof openDatabase>): string[] {
  return (
    handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string
    }[]
  ).map((r) => r.name)
}

describe('migrations', () => {
  it('create every table and running them twice changes nothing', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle)
    const first = tableNames(handle)
    const schemaSql = handle.sqlite.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()
    expect(first).toEqual(expect.arrayContaining(['clients', 'jobs', 'kv', 'messages', 'bookings']))

    runMigrations(handle)
    expect(tableNames(handle)).toEqual(first)
    expect(handle.sqlite.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaSql)
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    handle.close()
  })

  it('persist across reopening a file (WAL)', async () => {
    const { mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const path = join(mkdtempSync(join(tmpdir(), 'cd-')), 'x.sqlite')
    const a = openDatabase(path)
    runMigrations(a)
    expect(a.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    new KvStorage<{ n: number }>(a.db, 'test:').write('k', { n: 1 })
    a.close()
    const b = openDatabase(path)
    runMigrations(b)
    expect(new KvStorage<{ n: number }>(b.db, 'test:').read('k')).toEqual({ n: 1 })
    b.close()
  })
})

describe('the consent facts data migration', () => {
  it('turns the old opt-outs into declines and withdrawals, from the events recorded at the time', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_consent_facts'))
    const [t0, t1, t2, t3] = [1_000_000, 2_000_000, 3_000_000, 4_000_000]
    // Rows as the earlier code wrote them: every "no" and every /stop set opt_out_at and cleared consent_at
    const old = {
      declinedAtQuestion: { asked: t1, consent: null, version: null, optOut: t1, events: [['consent_declined', t1]] },
      grantedThenStop: {
        asked: t0,
        consent: null,
        version: null,
        optOut: t2,
        events: [
          ['consent_given', t0],
          ['opt_out', t2],
        ],
      },
      grantedThenUnsubscribe: {
        asked: t2,
        consent: null,
        version: null,
        optOut: t2,
        events: [
          ['consent_given', t0],
          ['consent_declined', t2],
        ],
      },
      declinedThenStop: {
        asked: t1,
        consent: null,
        version: null,
        optOut: t2,
        events: [
          ['consent_declined', t1],
          ['opt_out', t2],
        ],
      },
      stopNeverAsked: { asked: null, consent: null, version: null, optOut: t2, events: [['opt_out', t2]] },
      granted: { asked: t0, consent: t0, version: 'marketing-v1', optOut: null, events: [['consent_given', t0]] },
      twiceWithdrawn: {
        asked: t0,
        consent: null,
        version: null,
        optOut: t3,
        events: [
          ['consent_given', t0],
          ['opt_out', t1],
          ['consent_given', t2],
          ['opt_out', t3],
        ],
      },
      neverAsked: { asked: null, consent: null, version: null, optOut: null, events: [] },
    } as const
    const ids = new Map<string, number>()
    let telegramId = 100
    for (const [name, row] of Object.entries(old)) {
      const { lastInsertRowid } = handle.sqlite
        .prepare(
          `INSERT INTO clients (telegram_id, consent_asked_at, consent_at, consent_version, opt_out_at, created_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, 1, 1)`,
        )
        .run(telegramId++, row.asked, row.consent, row.version, row.optOut)
      ids.set(name, Number(lastInsertRowid))
      for (const [type, at] of row.events) {
        handle.sqlite
          .prepare('INSERT INTO events (client_id, type, created_at) VALUES (?, ?, ?)')
          .run(lastInsertRowid, type, at)
      }
    }
    // An erased client keeps what /forget left
    handle.sqlite
      .prepare('INSERT INTO clients (opt_out_at, deleted_at, created_at, last_seen_at) VALUES (?, ?, 1, 1)')
      .run(t2, t3)

    runMigrations(handle)

    const facts = (name: string) => {
      const { askedAt: _asked, ...rest } = consentFacts(findClientById(handle.db, ids.get(name) ?? 0)!)
      return rest
    }
    const v = 'marketing-v1'
    expect(facts('declinedAtQuestion')).toEqual({
      status: 'declined',
      grantedAt: null,
      declinedAt: t1,
      withdrawnAt: null,
      textVersion: v,
    })
    expect(facts('grantedThenStop')).toEqual({
      status: 'withdrawn',
      grantedAt: t0,
      declinedAt: null,
      withdrawnAt: t2,
      textVersion: v,
    })
    expect(facts('grantedThenUnsubscribe')).toEqual(facts('grantedThenStop'))
    expect(facts('declinedThenStop')).toEqual({
      status: 'declined',
      grantedAt: null,
      declinedAt: t1,
      withdrawnAt: null,
      textVersion: v,
    })
    expect(facts('stopNeverAsked')).toEqual({
      status: 'declined',
      grantedAt: null,
      declinedAt: t2,
      withdrawnAt: null,
      textVersion: null,
    })
    expect(facts('granted')).toEqual({
      status: 'granted',
      grantedAt: t0,
      declinedAt: null,
      withdrawnAt: null,
      textVersion: v,
    })
    expect(facts('twiceWithdrawn')).toMatchObject({ status: 'withdrawn', grantedAt: t2, withdrawnAt: t3 })
    expect(facts('neverAsked').status).toBe('not_asked')
    // /stop still means no reminders of unfinished flows; a plain "no" does not
    const optOut = (name: string) => findClientById(handle.db, ids.get(name) ?? 0)?.optOutAt
    expect(optOut('declinedAtQuestion')).toBeNull()
    expect(optOut('declinedThenStop')).toBe(t2)
    expect(
      handle.sqlite
        .prepare('SELECT consent_at, consent_declined_at, opt_out_at FROM clients WHERE deleted_at IS NOT NULL')
        .get(),
    ).toEqual({ consent_at: null, consent_declined_at: null, opt_out_at: t2 })
    handle.close()
  })
})

describe('the Telegram payments and Business migrations', () => {
  it('upgrade a database with orders and a transcript: orders paid before are marked paid via staff', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle, migrationsBefore('_telegram_payments_and_business'))
    const { lastInsertRowid: clientId } = handle.sqlite
      .prepare('INSERT INTO clients (telegram_id, created_at, last_seen_at) VALUES (100, 1, 1)')
      .run()
    const order = handle.sqlite.prepare(
      'INSERT INTO orders (client_id, amount, currency, status, created_at, paid_at) VALUES (?, ?, ?, ?, 1, ?)',
    )
    order.run(clientId, 4_500_000, 'RUB', 'paid', 5)
    order.run(clientId, 100_000, 'RUB', 'unpaid', null)
    order.run(clientId, 200_000, 'RUB', 'cancelled', null)
    handle.sqlite
      .prepare(
        "INSERT INTO messages (client_id, direction, type, text, client_message_id, created_at) VALUES (?, 'in', 'text', 'Здравствуйте', 7, 1)",
      )
      .run(clientId)

    runMigrations(handle)

    expect(handle.sqlite.prepare('SELECT status, invoice_kind, paid_via FROM orders ORDER BY id').all()).toEqual([
      { status: 'paid', invoice_kind: 'details', paid_via: 'staff' },
      { status: 'unpaid', invoice_kind: 'details', paid_via: null },
      { status: 'cancelled', invoice_kind: 'details', paid_via: null },
    ])
    // The transcript's rows are in the bot's own chat
    expect(
      handle.sqlite.prepare('SELECT client_message_id, business_connection_id, deleted_at FROM messages').all(),
    ).toEqual([{ client_message_id: 7, business_connection_id: null, deleted_at: null }])
    expect(tableNames(handle)).toEqual(expect.arrayContaining(['payments', 'business_connections', 'business_chats']))
    handle.close()
  })
})

describe('KvStorage', () => {
  it('reads, overwrites and deletes JSON values under its prefix', () => {
    const handle = openDatabase(':memory:')
    runMigrations(handle)
    const a = new KvStorage<string[]>(handle.db, 'a:')
    const b = new KvStorage<string[]>(handle.db, 'b:')
    a.write('1', ['x'])
    a.write('1', ['y'])
    b.write('1', ['z'])
    expect(a.read('1')).toEqual(['y'])
    expect(b.read('1')).toEqual(['z'])
    a.delete('1')
    expect(a.read('1')).toBeUndefined()
    expect(b.read('1')).toEqual(['z'])
  })
})
