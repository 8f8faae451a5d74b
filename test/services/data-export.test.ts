import { existsSync, readFileSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { and, asc, count, eq, isNull, notInArray, or, sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import type { DatabaseHandle, Db } from '../../db/client.ts'
import { eachClientSummary } from '../../db/repositories/exports.ts'
import { bookings, clients, clientTags, orders, quizResults, STAGES, type Stage, staff } from '../../db/schema.ts'
import { CLIENT_CSV_COLUMNS, csvField, exportTimeFormat, toCsv, UTF8_BOM } from '../../src/services/data-export.ts'
import { parseCsv } from '../helpers/csv.ts'
import { createTestDb, createTestDbFile } from '../helpers/db.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import { seedPopulation } from '../helpers/population.ts'

/** Each stage named by its code: what these tests read is the files' shape, not the owner's words. */
const STAGE_CODES = Object.fromEntries(STAGES.map((stage) => [stage, stage])) as Record<Stage, string>

describe('CSV', () => {
  it('quotes commas, quotes, line breaks and edge spaces; leaves plain text alone', () => {
    expect(csvField('Анна')).toBe('Анна')
    expect(csvField('Студия, ООО')).toBe('"Студия, ООО"')
    expect(csvField('ООО "Ромашка"')).toBe('"ООО ""Ромашка"""')
    expect(csvField('строка 1\nстрока 2')).toBe('"строка 1\nстрока 2"')
    expect(csvField('a\r\nb')).toBe('"a\r\nb"')
    expect(csvField(' отступ')).toBe('" отступ"')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
    expect(csvField(42)).toBe('42')
  })

  it('defuses spreadsheet formulas but keeps phone numbers and negative numbers', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`)
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('+cmd|calc')).toBe("'+cmd|calc")
    expect(csvField('+7 (999) 123-45-67')).toBe('+7 (999) 123-45-67')
    // As the export writes a phone (formatPhone): left alone, no apostrophe in front of it
    expect(csvField('+7 912 111 22 33')).toBe('+7 912 111 22 33')
    expect(csvField('-12.5')).toBe('-12.5')
    // Sums a spreadsheet would work out are no phone and no number
    expect(csvField('+1+1')).toBe("'+1+1")
    expect(csvField('-1-1')).toBe("'-1-1")
    expect(csvField('-(2)')).toBe("'-(2)")
    expect(csvField('-')).toBe("'-")
  })

  it('a file starts with the BOM, ends lines with CRLF and reads back exactly, Cyrillic included', () => {
    const values = [
      ['id', 'имя', 'заметка'],
      ['1', 'Ёлкина, Мария', 'сказала "да"\nперезвонить'],
      ['2', 'Пётр', ''],
    ]
    const csv = toCsv(values)
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(parseCsv(csv.slice(1))).toEqual(values)
  })
})

describe('the export time format', () => {
  it('writes the local time as luxon does, daylight-saving changes and odd offsets included', () => {
    const zones = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']
    const instants = [
      Date.parse('2026-03-29T00:59:00Z'), // Berlin moves forward at 01:00 UTC
      Date.parse('2026-03-29T01:00:00Z'),
      Date.parse('2026-10-25T00:30:00Z'), // and back
      Date.parse('2026-11-01T05:59:00Z'),
      Date.parse('2026-11-01T06:00:00Z'), // New York falls back
      Date.parse('2026-12-31T23:59:59Z'),
      Date.parse('2027-01-01T00:00:00Z'),
      0,
      ...Array.from({ length: 200 }, (_, i) => Date.parse('2024-01-01T00:00:00Z') + i * 3_937_000_123),
    ]
    for (const zone of zones) {
      const format = exportTimeFormat(zone)
      for (const ms of instants) {
        expect(format(ms)).toBe(DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm'))
      }
      expect(format(null)).toBe('')
    }
  })
})

describe('the clients export at scale', () => {
  const NOW = Date.parse('2026-11-23T09:00:00Z')

  /** The export's aggregates computed table by table, as they first were: the reference. */
  function summariesTableByTable(db: Db) {
    const tags = new Map<number, string[]>()
    for (const t of db.select().from(clientTags).orderBy(asc(clientTags.tag)).all()) {
      tags.set(t.clientId, [...(tags.get(t.clientId) ?? []), t.tag])
    }
    const top = new Map<number, string>()
    for (const q of db
      .select({
        clientId: quizResults.clientId,
        product: sql<string | null>`json_extract(${quizResults.ranking}, '$[0].productId')`,
      })
      .from(quizResults)
      .where(and(eq(quizResults.isCurrent, true), sql`${quizResults.outcome} != 'no_match'`))
      .all()) {
      if (q.product) top.set(q.clientId, q.product)
    }
    const bookingCounts = new Map(
      db
        .select({ clientId: bookings.clientId, n: count() })
        .from(bookings)
        .groupBy(bookings.clientId)
        .all()
        .map((r) => [r.clientId, r.n]),
    )
    const sums = (status: 'paid' | 'unpaid' | 'refunded') => {
      const byClient = new Map<number, { n: number; totals: Record<string, number> }>()
      for (const o of db
        .select({
          clientId: orders.clientId,
          currency: orders.currency,
          n: count(),
          sum: sql<number>`sum(${orders.amount})`,
        })
        .from(orders)
        .where(eq(orders.status, status))
        .groupBy(orders.clientId, orders.currency)
        .all()) {
        const entry = byClient.get(o.clientId) ?? { n: 0, totals: {} }
        entry.n += o.n
        entry.totals[o.currency] = Number(o.sum)
        byClient.set(o.clientId, entry)
      }
      return byClient
    }
    const paid = sums('paid')
    const unpaid = sums('unpaid')
    const refunded = sums('refunded')
    return (
      db
        .select()
        .from(clients)
        // The team (the owner who asks for the export) are not clients
        .where(
          and(
            isNull(clients.deletedAt),
            or(
              isNull(clients.telegramId),
              notInArray(clients.telegramId, db.select({ id: staff.telegramId }).from(staff)),
            ),
          ),
        )
        .orderBy(asc(clients.id))
        .all()
        .map((c) => ({
          id: c.id,
          tags: tags.get(c.id) ?? [],
          topProduct: top.get(c.id) ?? null,
          bookings: bookingCounts.get(c.id) ?? 0,
          paidOrders: paid.get(c.id)?.n ?? 0,
          paidTotals: paid.get(c.id)?.totals ?? {},
          refundedOrders: refunded.get(c.id)?.n ?? 0,
          refundedTotals: refunded.get(c.id)?.totals ?? {},
          unpaidOrders: unpaid.get(c.id)?.n ?? 0,
          unpaidTotals: unpaid.get(c.id)?.totals ?? {},
        }))
    )
  }

  /** A population with orders in three currencies. */
  function populate(handle: DatabaseHandle) {
    seedPopulation(handle, 1_500, NOW)
    for (const [clientId, currency, amount] of [
      [5, 'USD', 12_000],
      [5, 'EUR', 3_050],
      [7, 'USD', 999],
    ] as const) {
      handle.db.insert(orders).values({ clientId, amount, currency, status: 'paid', createdAt: NOW, paidAt: NOW }).run()
    }
    // Owed: two invoices of client 5 still open, a cancelled one that is owed no more
    for (const [amount, status] of [
      [4_000, 'unpaid'],
      [1_500, 'unpaid'],
      [9_900, 'cancelled'],
      // Paid, then given back: neither owed nor paid, refunded
      [2_500, 'refunded'],
    ] as const) {
      handle.db.insert(orders).values({ clientId: 5, amount, currency: 'USD', status, createdAt: NOW }).run()
    }
  }

  it('one query gives every client the aggregates the table-by-table queries gave', () => {
    const handle = createTestDb()
    populate(handle)
    const reference = summariesTableByTable(handle.db)
    const summaries = [...eachClientSummary(handle.db)].map((s) => ({
      id: s.id,
      tags: s.tags,
      topProduct: s.topProduct,
      bookings: s.bookings,
      paidOrders: s.paidOrders,
      paidTotals: s.paidTotals,
      refundedOrders: s.refundedOrders,
      refundedTotals: s.refundedTotals,
      unpaidOrders: s.unpaidOrders,
      unpaidTotals: s.unpaidTotals,
    }))
    expect(summaries).toEqual(reference)
    expect(summaries.find((s) => s.id === 5)?.paidTotals).toMatchObject({ EUR: 3_050, USD: 12_000 })
    expect(summaries.filter((s) => s.tags.length > 1).length).toBeGreaterThan(0)
  })

  it('a database too large to send is not copied for /backup', async () => {
    const handle = createTestDbFile()
    populate(handle)
    const h = createHarness({ database: handle, config: { LOG_LEVEL: 'silent' } })
    const result = await h.deps.services.dataExport.snapshot(1024 * 1024)
    expect(result).toMatchObject({ tooLarge: true })
    expect(result.bytes).toBeGreaterThan(1024 * 1024)
    // Pages freed by deleting (what /forget leaves) are not part of the copy
    handle.sqlite.exec('delete from messages')
    expect(handle.sqlite.pragma('freelist_count', { simple: true })).toBeGreaterThan(0)
    // Written by the read worker's own connection: a consistent, compact copy holding every client
    const small = await h.deps.services.dataExport.snapshot(1024 * 1024 * 1024)
    expect('path' in small && statSync(small.path).size).toBe(small.bytes)
    if ('path' in small) {
      const copy = new Database(small.path, { readonly: true })
      const count = (d: Database.Database) => d.prepare('select count(*) as n from clients').get()
      expect(count(copy)).toEqual(count(handle.sqlite))
      expect(copy.pragma('freelist_count', { simple: true })).toBe(0)
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      copy.close()
      await small.remove()
      expect(existsSync(small.path)).toBe(false)
    }
    handle.remove()
  })

  it('/export writes the CSV on the read worker: a line per client, aggregates included', async () => {
    const database = createTestDbFile()
    populate(database)
    const h = createHarness({ database, config: { LOG_LEVEL: 'silent' } })
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/export'))
    expect(h.fake.textsTo(owner.id)[0]).toContain('Готовлю файл')
    const call = h.fake.sentTo(owner.id).find((c) => c.method === 'sendDocument')
    const rows = parseCsv(call!.files.document!.data.toString('utf8').slice(1))
    const header = rows[0]!
    const col = (name: string) => header.indexOf(name)
    const reference = summariesTableByTable(database.db)
    expect(rows.slice(1).map((r) => Number(r[col('id')]))).toEqual(reference.map((s) => s.id))
    const byId = new Map(rows.slice(1).map((r) => [Number(r[col('id')]), r]))
    expect(byId.get(5)?.[col('paid_total')]).toMatch(/^30\.50 EUR; (\d+\.\d\d RUB; )?120\.00 USD$/)
    // What is owed: the open invoices, not the cancelled one
    const five = reference.find((r) => r.id === 5)
    expect(byId.get(5)?.[col('unpaid_orders')]).toBe(String(five?.unpaidOrders))
    expect(byId.get(5)?.[col('unpaid_total')]).toMatch(/^(\d+\.\d\d RUB; )?55\.00 USD$/)
    // Given back: counted apart, so the money the client paid and got back is in the file too
    expect(byId.get(5)?.[col('refunded_orders')]).toBe(String(five?.refundedOrders))
    expect(byId.get(5)?.[col('refunded_total')]).toMatch(/^(\d+\.\d\d RUB; )?25\.00 USD$/)
    for (const s of reference.filter((r) => r.tags.length > 0).slice(0, 20)) {
      expect(byId.get(s.id)?.[col('tags')]).toBe(s.tags.join('; '))
      expect(byId.get(s.id)?.[col('bookings')]).toBe(String(s.bookings))
    }
    await h.deps.reads.stop()
    database.remove()
  })
  it('an export larger than a file may be is written in several, each within it, whole rows and the header in each', async () => {
    const database = createTestDbFile()
    populate(database)
    const h = createHarness({ database, config: { LOG_LEVEL: 'silent' } })
    const limit = 64 * 1024
    const csv = await h.deps.services.dataExport.clientsCsv('Europe/Moscow', limit, STAGE_CODES)
    expect(csv.parts.length).toBeGreaterThan(2)
    const ids: number[] = []
    for (const [i, path] of csv.parts.entries()) {
      const data = readFileSync(path)
      expect(data.length).toBeLessThanOrEqual(limit)
      // Filled up before the next one starts
      if (i < csv.parts.length - 1) expect(data.length).toBeGreaterThan(limit - 1024)
      const rows = parseCsv(data.toString('utf8').slice(UTF8_BOM.length))
      expect(rows[0]).toEqual([...CLIENT_CSV_COLUMNS])
      ids.push(...rows.slice(1).map((r) => Number(r[0])))
    }
    expect(csv.count).toBe(ids.length)
    expect(ids).toEqual(summariesTableByTable(database.db).map((s) => s.id))
    await csv.remove()
    expect(csv.parts.some((path) => existsSync(path))).toBe(false)
    await h.deps.reads.stop()
    database.remove()
  })
})
