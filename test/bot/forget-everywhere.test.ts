/**
 * /forget means forget, tried as a person would use the bot: they answer the questions
 * with their e-mail, book a call with their phone, talk to a manager, receive a
 * broadcast, then erase their data. Afterwards the database FILE (the main file and
 * its write-ahead log, byte for byte, not only the tables), a /backup taken then, the
 * staff group as the managers see it and the logs hold nothing that identifies them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../db/client.ts'
import { runMigrations } from '../../db/migrate.ts'
import { findClientById, findClientByTelegramId } from '../../db/repositories/clients.ts'
import { TABLE_ERASURES } from '../../db/repositories/erasure.ts'
import { bookings, broadcastRecipients, jobs } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { answerDemoDiscovery, press } from '../helpers/flows.ts'
import { createHarness, forgetData, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

/** A Telegram id of today's size: SQLite stores it in six bytes, JSON and keys as text. */
const TELEGRAM_ID = 7_318_645_903
const PERSON = { first_name: 'Евлампия', last_name: 'Кузякина', username: 'evlampia_k42' }
const EMAIL = 'evlampia.k@example.org'
/** Everything that would identify the person or repeat what they wrote. */
const TRACES = [
  String(TELEGRAM_ID),
  'Евлампия',
  'Кузякина',
  'evlampia_k42',
  EMAIL,
  '+79165551234',
  '9165551234',
  '555-12-34',
  '555 12 34',
  'пекарни на Лиговском',
  'Звоните после обеда',
  'тесто на закваске',
]

/** The id as SQLite writes an integer: big-endian in six bytes (it needs more than four), and in eight. */
function integerForms(id: number): Buffer[] {
  const eight = Buffer.alloc(8)
  eight.writeBigInt64BE(BigInt(id))
  return [eight.subarray(2), eight]
}

function found(bytes: Buffer): string[] {
  const hits = TRACES.filter((trace) => bytes.includes(Buffer.from(trace, 'utf8')))
  if (integerForms(TELEGRAM_ID).some((form) => bytes.includes(form))) hits.push('the Telegram id as an integer')
  return hits
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A bot on a database file (not in memory), with Telegram's clock the bot's own. */
function harnessOnFile(): { h: Harness; file: string; database: DatabaseHandle } {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-forget-'))
  dirs.push(dir)
  const file = join(dir, 'clientdesk.sqlite')
  const database = openDatabase(file)
  runMigrations(database)
  const clock = createFakeClock()
  const fake = new FakeTelegram({ now: () => clock.now() })
  return { h: createHarness({ database, clock, fake }), file, database }
}

function fileBytes(file: string): Buffer {
  const wal = `${file}-wal`
  return Buffer.concat([readFileSync(file), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)])
}

async function broadcastToAll(h: Harness, owner: TestUser): Promise<void> {
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: скидка на лендинги'))
  await press(h, owner, 'Предпросмотр')
  await press(h, owner, 'Отправить')
  await h.deps.services.broadcasts.idle()
}

/** Messages still in the staff group (not deleted), with what they show. */
function groupMessages(h: Harness) {
  const chat = h.fake.emulator.chat(STAFF_GROUP_ID)
  return [...chat.messages.values()].filter((m) => !m.deleted)
}

/** What a manager reads in a message: its text or caption, a shared contact's number. */
function shown(m: ReturnType<typeof groupMessages>[number]): string {
  return [m.message.text, m.message.caption, m.message.contact?.phone_number, m.message.contact?.first_name]
    .filter(Boolean)
    .join(' ')
}

describe('/forget after a whole journey', () => {
  it('leaves no trace of the person in the database file, a backup, the staff group or the logs', async () => {
    const { h, file, database } = harnessOnFile()
    const owner = h.u.user(OWNER_ID)
    const user = h.u.user(TELEGRAM_ID, PERSON)

    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
    await answerDemoDiscovery(h, user, { task: 'Сайт для пекарни на Лиговском', email: EMAIL })
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-23'))
    await h.send(h.u.callback(user, `bks:${Date.parse('2026-11-23T12:00Z') / 60_000}`))
    await h.send(h.u.text(user, '+7 916 555-12-34'), h.u.text(user, 'Звоните после обеда, спросите Евлампию'))
    await h.send(h.u.callback(user, 'bk:ok'))
    await h.deps.scheduler.runDue() // the staff hear of the booking (in General: no topic yet)
    await h.flush()
    const client = findClientByTelegramId(h.deps.db, TELEGRAM_ID)!
    expect(client.email).toBe(EMAIL)
    const booking = h.deps.db.select().from(bookings).get()!
    expect(booking).toMatchObject({ status: 'booked', phone: '+79165551234' })

    // With a manager: the topic, the card, the person's messages and the manager's answer
    await h.send(h.u.text(user, '/manager'))
    await h.flush()
    const topicId = findClientById(h.deps.db, client.id)!.topicId!
    await h.send(
      h.u.contact(user, '+7 916 555-12-34'),
      h.u.text(user, 'Запасной номер 8 (916) 555-12-34, почта evlampia.k@example.org'),
      h.u.text(user, 'И ещё: тесто на закваске, без дрожжей'),
    )
    await h.flush()
    await h.send(h.u.staffText(owner, topicId, 'Евлампия, перезвоню на +7 916 555 12 34'))
    await h.flush()
    await broadcastToAll(h, owner)
    expect(h.fake.textsTo(TELEGRAM_ID).some((t) => t.includes('скидка на лендинги'))).toBe(true)
    // Everything the person said and gave is in the file before
    expect(found(fileBytes(file))).toEqual([...TRACES, 'the Telegram id as an integer'])
    const seenByStaff = groupMessages(h).map(shown).join('\n')
    expect(seenByStaff).toContain('555-12-34')
    expect(seenByStaff).toContain(EMAIL)

    await forgetData(h, user)
    await h.flush()
    expect(h.fake.lastTextTo(TELEGRAM_ID)).toContain('ваши данные удалены')

    // The database file, its write-ahead log, and a backup taken now
    expect(found(fileBytes(file))).toEqual([])
    await h.send(h.u.text(owner, '/backup'))
    const backup = h.fake.callsOf('sendDocument').at(-1)!.files.document!
    expect(backup.filename).toMatch(/\.sqlite$/)
    expect(found(backup.data)).toEqual([])

    // The call is cancelled (its place is free again), nothing is scheduled for the person
    expect(h.deps.db.select().from(bookings).get()).toMatchObject({ status: 'cancelled', phone: null })
    const pending = h.deps.db
      .select()
      .from(jobs)
      .all()
      .filter((j) => j.clientId === client.id && j.status === 'pending')
    expect(pending).toEqual([])
    expect(h.deps.db.select().from(broadcastRecipients).all()).toMatchObject([{ chatId: null, status: 'sent' }])

    // Every column the erasure lists as erased is empty in the person's rows
    for (const rule of TABLE_ERASURES) {
      if (rule.columns === undefined || rule.columns === 'deleted') continue
      const key = rule.table === 'clients' ? 'id' : 'client_id'
      for (const column of rule.columns.erased) {
        const values = database.sqlite
          .prepare(`select ${column} as v from ${rule.table} where ${key} = ?`)
          .all(client.id) as { v: unknown }[]
        expect(
          values.filter((r) => r.v !== null && r.v !== '{}'),
          `${rule.table}.${column}`,
        ).toEqual([])
      }
    }

    // What the managers see: the topic deleted whole (the bot may delete messages), the call's
    // notice in General, no message with the name or contacts — nor the line that opened the topic
    const topic = h.fake.emulator.chat(STAFF_GROUP_ID).topics.get(topicId)!
    expect(topic.deleted).toBe(true)
    const leftText = groupMessages(h).map(shown).join('\n')
    for (const trace of ['Евлампия', 'Кузякина', 'evlampia_k42', EMAIL, '555-12-34', '555 12 34', '5551234']) {
      expect(leftText).not.toContain(trace)
    }
    expect(leftText).toContain('🗑 Клиент удалил свои данные (/forget): его тема удалена вместе со всей перепиской.')
    expect(leftText).toContain('Звонок на 15:00 отменён')

    // The logs never named the person
    const logs = JSON.stringify(h.logs)
    expect(TRACES.filter((trace) => logs.includes(trace))).toEqual([])
    expect(h.errors()).toEqual([])
  })
})
