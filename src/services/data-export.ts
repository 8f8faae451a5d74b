/**
 * Data out of the bot: all clients as CSV (for Excel), one client's data as JSON (for the
 * owner, and for the client themselves on request), and a consistent snapshot of the
 * whole database.
 */
import { closeSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { Db } from '../../db/client.ts'
import { broadcastsOfClient } from '../../db/repositories/broadcasts.ts'
import { findClientById } from '../../db/repositories/clients.ts'
import {
  type ClientSummaryRow,
  type ClientsExportRecord,
  clientDataRows,
  eachClientSummary,
  findClientByReference,
  recordClientsExport,
} from '../../db/repositories/exports.ts'
import { countClientMessages, theirsToSee } from '../../db/repositories/messages.ts'
import type { ClientRow, Stage } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { ContentStore } from '../content/store.ts'
import { parseClientNumber } from '../format.ts'
import { decimalAmount, minorToMajor } from '../money.ts'
import { formatPhone } from '../phone.ts'
import { consentFacts } from './clients.ts'
import { localDateTime } from './time.ts'
import type { ReadWorker } from './worker/read-worker.ts'

/** Excel reads UTF-8 (and so Cyrillic) only when the file starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF'

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge
 * spaces, with quotes doubled. A value that a spreadsheet would run as a formula (`=…`, `@…`,
 * `+…` that is not a phone's digits, `-…` that is not a plain number: "-1-1" would be
 * worked out) gets a leading apostrophe.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (/^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !/^(?:\+[\d\s().-]*|-\d+(?:\.\d+)?)$/.test(s))) s = `'${s}`
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One CSV line with its CRLF. */
const csvLine = (fields: readonly unknown[]) => `${fields.map(csvField).join(',')}\r\n`

/** Rows of fields → CSV text with CRLF line ends and the BOM. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `${UTF8_BOM}${rows.map(csvLine).join('')}`
}

export const CLIENT_CSV_COLUMNS = [
  'id',
  'telegram_id',
  'username',
  'first_name',
  'last_name',
  'display_name',
  'language',
  'phone',
  'email',
  'birthday',
  'source',
  'referrer_id',
  'stage',
  'tags',
  'quiz_top_product',
  'marketing_consent',
  'consent_granted_at',
  'consent_declined_at',
  'consent_withdrawn_at',
  'blocked_at',
  'bookings',
  'paid_orders',
  'paid_total',
  'unpaid_orders',
  'unpaid_total',
  'first_seen',
  'last_seen',
  // Added later: at the end, so a spreadsheet that reads columns by their place reads the rest as before
  'refunded_orders',
  'refunded_total',
  // The sums again as plain numbers a spreadsheet adds up, in `currency`: the client's one currency
  // (none, and no numbers, for a client billed in several or never billed)
  'currency',
  'paid_amount',
  'unpaid_amount',
  'refunded_amount',
  // The stage as the bot names it (the card's words) in the owner's language; `stage` keeps the
  // code, which scripts read
  'stage_name',
] as const

/** Written to the file this many bytes at a time. */
const CHUNK_BYTES = 64 * 1024

/**
 * The export's time format, "yyyy-MM-dd HH:mm" in `timezone` ('' for none). A reused Intl
 * formatter serves every value (`localDateTime`): building a luxon DateTime for each of an
 * export's 500,000 times took most of its time.
 */
export function exportTimeFormat(timezone: string): (ms: number | null) => string {
  return (ms) => {
    if (ms === null) return ''
    const { date, time } = localDateTime(ms, timezone)
    return `${date} ${time}`
  }
}

/**
 * All clients as CSV in `dir`: `clients-1.csv`, and `clients-2.csv`… when the rows do not
 * fit in `maxBytes` (what Telegram lets a bot send). Each file starts with the BOM and the
 * header row, so each opens on its own, and holds whole rows (a row is never split). `lastId`: the
 * highest client number written (0 for none), which the export's record keeps. `stageNames`: each
 * stage as the bot names it, in the reader's language (the worker has no translations).
 */
export function writeClientsCsv(
  db: Db,
  {
    dir,
    timezone,
    maxBytes,
    stageNames,
  }: { dir: string; timezone: string; maxBytes: number; stageNames: Readonly<Record<Stage, string>> },
): { count: number; parts: string[]; lastId: number } {
  const when = exportTimeFormat(timezone)
  const money = (totals: ClientSummaryRow['paidTotals']) =>
    Object.entries(totals)
      .map(([currency, minor]) => `${decimalAmount(minor, currency)} ${currency}`)
      .join('; ')
  // The client's one currency, and each sum in it as a plain number ("96250.5", no ".00" on a whole
  // amount: a spreadsheet with a decimal comma still reads it); none for several currencies or none
  const amounts = (c: ClientSummaryRow) => {
    const all = [c.paidTotals, c.unpaidTotals, c.refundedTotals]
    const currencies = new Set(all.flatMap((totals) => Object.keys(totals)))
    const [currency] = currencies
    if (currencies.size !== 1 || currency === undefined) return [null, null, null, null]
    return [currency, ...all.map((totals) => minorToMajor(totals[currency] ?? 0, currency))]
  }
  const header = UTF8_BOM + csvLine(CLIENT_CSV_COLUMNS)
  const headerBytes = Buffer.byteLength(header)
  const parts: string[] = []
  const openPart = () => {
    const path = join(dir, `clients-${parts.length + 1}.csv`)
    parts.push(path)
    return openSync(path, 'w')
  }
  let fd = openPart()
  let chunk = header
  let partBytes = headerBytes
  let count = 0
  let lastId = 0
  try {
    for (const c of eachClientSummary(db)) {
      lastId = c.id
      const consent = consentFacts(c)
      const line = csvLine([
        c.id,
        c.telegramId,
        c.username,
        c.firstName,
        c.lastName,
        c.displayName,
        c.language,
        // Grouped as its country writes it: "+79121112233" read as a number in Excel (7,91211E+10)
        c.phone === null ? null : formatPhone(c.phone),
        c.email,
        c.birthday,
        c.source,
        c.referrerId,
        c.stage,
        c.tags.join('; '),
        c.topProduct,
        consent.status,
        when(consent.grantedAt),
        when(consent.declinedAt),
        when(consent.withdrawnAt),
        when(c.blockedAt),
        c.bookings,
        c.paidOrders,
        money(c.paidTotals),
        c.unpaidOrders,
        money(c.unpaidTotals),
        when(c.createdAt),
        when(c.lastSeenAt),
        c.refundedOrders,
        money(c.refundedTotals),
        ...amounts(c),
        stageNames[c.stage],
      ])
      const bytes = Buffer.byteLength(line)
      // The next file, unless this one has no row yet (a row is never split)
      if (partBytes + bytes > maxBytes && partBytes > headerBytes) {
        writeSync(fd, chunk)
        closeSync(fd)
        fd = -1 // closed: not closed again below should the next one fail to open
        fd = openPart()
        chunk = header
        partBytes = headerBytes
      }
      count++
      chunk += line
      partBytes += bytes
      if (chunk.length >= CHUNK_BYTES) {
        writeSync(fd, chunk)
        chunk = ''
      }
    }
    writeSync(fd, chunk)
  } finally {
    if (fd !== -1) closeSync(fd)
  }
  return { count, parts, lastId }
}

/**
 * A consistent copy of the whole database written to `path` (a read task: runs on the read
 * worker). VACUUM INTO reads one snapshot of the file and writes a compact copy, without
 * the free pages; unlike the online backup API, whose last step syncs the copy to disk on
 * the calling thread (65–200 ms of a frozen bot for a file of a few megabytes).
 */
export function writeSnapshot(db: Db, { path }: { path: string }): { bytes: number } {
  db.$client.prepare('VACUUM INTO ?').run(path)
  return { bytes: statSync(path).size }
}

/** A fresh temporary directory; `remove()` deletes it with what is in it (asynchronously: a big file takes a while). */
interface TempDir {
  dir: string
  remove(): Promise<void>
}

function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-'))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** A file in a fresh temporary directory; `remove()` deletes both. */
export interface TempFile {
  path: string
  remove(): Promise<void>
}

function tempFile(name: string): TempFile {
  const { dir, remove } = tempDir()
  return { path: join(dir, name), remove }
}

export type DataExportService = ReturnType<typeof createDataExportService>

export function createDataExportService({
  db,
  sqlite,
  clock,
  reads,
  content,
}: {
  db: Db
  sqlite: Database.Database
  clock: Clock
  reads: ReadWorker
  content: Pick<ContentStore, 'productTitle'>
}) {
  return {
    /**
     * All clients as CSV, written off the event loop (see `writeClientsCsv`): one file, or
     * several when the rows do not fit in `maxBytes`, each stage named by `stageNames`. The
     * caller sends the files in order and then calls `remove()`.
     */
    async clientsCsv(
      timezone: string,
      maxBytes: number,
      stageNames: Readonly<Record<Stage, string>>,
    ): Promise<{ parts: string[]; count: number; lastId: number; remove(): Promise<void> }> {
      const temp = tempDir()
      try {
        const { count, parts, lastId } = await reads.run('clientsCsv', {
          dir: temp.dir,
          timezone,
          maxBytes,
          stageNames,
        })
        return { parts, count, lastId, remove: temp.remove }
      } catch (err) {
        await temp.remove()
        throw err
      }
    },

    /**
     * An all-clients export sent to an owner's chat, on record (read at `at`): a client's /forget
     * tells that owner the file may still hold them (src/services/erasure.ts).
     */
    recordClientsExport(record: ClientsExportRecord, at: number): void {
      recordClientsExport(db, record, at)
    },

    findClient(reference: string): ClientRow | undefined {
      const id = parseClientNumber(reference)
      return id === undefined ? findClientByReference(db, reference) : findClientById(db, id)
    },

    /**
     * Everything stored about one client. For the client themselves (`forClient`) staff's
     * internal notes and the staff-side ids are left out; their own data is all there. A
     * booking's or an order's product is named by its id and its title in `locale` (the
     * reader's), which a product since taken out of the content keeps. Times are UTC; for the
     * client the file opens with `guide`: what it is, its codes and the business's time zone (with
     * the moment of the export on its clock), in their language. Not in the owner's export, whose
     * shape is documented for scripts (docs/owners.md).
     */
    clientJson(
      client: ClientRow,
      {
        forClient,
        locale,
        guide,
      }: {
        forClient: boolean
        locale: string
        /** How to read the client's own file: its note, the business's zone, and the client's own when they gave one. */
        guide?: { note: string; timezone: string; clientTimezone?: string } | undefined
      },
    ): string {
      const rows = clientDataRows(db, client.id)
      const consent = consentFacts(client)
      const iso = (ms: number | null | undefined) =>
        ms === null || ms === undefined ? null : new Date(ms).toISOString()
      // An event's amount (an invoice made, paid, refunded) as the orders above give theirs:
      // whole units of its currency, not the minor units it is stored in. An invoice's event
      // names no currency: its order's, which is the client's too
      const currencyOfOrder = new Map(rows.orders.map((o) => [o.id, o.currency]))
      const moneyAsOrders = (details: unknown): unknown => {
        if (details === null || typeof details !== 'object') return details
        const { amount, currency, order } = details as { amount?: unknown; currency?: unknown; order?: unknown }
        const code = typeof currency === 'string' ? currency : currencyOfOrder.get(Number(order))
        if (typeof amount !== 'number' || code === undefined) return details
        return { ...details, amount: minorToMajor(amount, code), currency: code }
      }
      const data = {
        ...(forClient && guide
          ? {
              about_this_file: {
                note: guide.note,
                business_time_zone: guide.timezone,
                ...(guide.clientTimezone === undefined ? {} : { your_time_zone: guide.clientTimezone }),
                exported_at_local: exportTimeFormat(guide.clientTimezone ?? guide.timezone)(clock.now()),
              },
            }
          : {}),
        exported_at: iso(clock.now()),
        client: {
          id: client.id,
          telegram_id: client.telegramId,
          username: client.username,
          first_name: client.firstName,
          last_name: client.lastName,
          display_name: client.displayName,
          language: client.language,
          phone: client.phone,
          email: client.email,
          birthday: client.birthday,
          timezone: client.timezone,
          source: client.source,
          referrer_id: client.referrerId,
          stage: client.stage,
          marketing_consent: {
            status: consent.status,
            asked_at: iso(consent.askedAt),
            granted_at: iso(consent.grantedAt),
            declined_at: iso(consent.declinedAt),
            withdrawn_at: iso(consent.withdrawnAt),
            text_version: consent.textVersion,
          },
          blocked_at: iso(client.blockedAt),
          first_seen: iso(client.createdAt),
          last_seen: iso(client.lastSeenAt),
          ...(forClient ? {} : { manager_id: client.managerId, topic_id: client.topicId }),
        },
        tags: rows.tags.map((t) => t.tag),
        answers: rows.answers.map((a) => ({
          kind: a.kind,
          question: a.questionKey,
          value: a.value,
          at: iso(a.updatedAt),
        })),
        // Each take with its own answers: a take again replaces `answers` above, the earlier
        // answers live only here
        quiz_results: rows.quizResults.map((q) => ({
          answers: q.answers,
          ranking: q.ranking,
          outcome: q.outcome,
          current: q.isCurrent,
          votes: rows.productVotes
            .filter((v) => v.resultId === q.id)
            .map((v) => ({ product: v.productId, vote: v.vote === 1 ? 'up' : 'down', at: iso(v.createdAt) })),
          at: iso(q.createdAt),
        })),
        bookings: rows.bookings.map((b) => ({
          id: b.id,
          kind: b.kind,
          slot_start: iso(b.slotStart),
          slot_end: iso(b.slotEnd),
          status: b.status,
          phone: b.phone,
          comment: b.comment,
          product: b.productId,
          product_title: content.productTitle(b.productId, locale) ?? null,
          created_at: iso(b.createdAt),
        })),
        requests: rows.handoffs.map((h) => ({
          id: h.id,
          status: h.status,
          reason: h.reason,
          detail: h.detail,
          opened_at: iso(h.openedAt),
          first_response_at: iso(h.firstResponseAt),
          closed_at: iso(h.closedAt),
          ...(forClient ? {} : { manager_id: h.managerId, first_responder_id: h.firstResponderId }),
        })),
        orders: rows.orders.map((o) => ({
          id: o.id,
          amount: minorToMajor(o.amount, o.currency),
          currency: o.currency,
          product: o.productId,
          product_title: content.productTitle(o.productId, locale) ?? null,
          description: o.description,
          status: o.status,
          // The order it is a part of (the balance after a prepayment): its first invoice's id
          part_of: o.partOf,
          invoice_kind: o.invoiceKind,
          due_date: o.dueDate,
          client_reported_paid_at: iso(o.clientReportedPaidAt),
          paid_at: iso(o.paidAt),
          paid_via: o.paidVia,
          done_at: iso(o.doneAt),
          refunded_at: iso(o.refundedAt),
          created_at: iso(o.createdAt),
          ...(forClient ? {} : { created_by: o.createdBy, refunded_by: o.refundedBy }),
        })),
        // Money received in Telegram (kept after /forget, for accounting): the client's too
        payments: rows.payments.map((p) => ({
          id: p.id,
          order_id: p.orderId,
          method: p.method,
          amount: minorToMajor(p.amount, p.currency),
          currency: p.currency,
          telegram_charge_id: p.telegramChargeId,
          provider_charge_id: p.providerChargeId,
          at: iso(p.createdAt),
          refunded_at: iso(p.refundedAt),
        })),
        feedback: rows.feedback.map((f) => ({
          kind: f.kind,
          score: f.score,
          comment: f.comment,
          at: iso(f.createdAt),
        })),
        // The client's copy leaves out what they no longer have (`theirsToSee`); the owners' keeps
        // it, with when it was deleted in the client's chat
        messages: rows.messages
          .filter((m) => !forClient || theirsToSee(m))
          .map((m) => ({
            direction: m.direction,
            type: m.type,
            text: m.text,
            at: iso(m.createdAt),
            edited_at: iso(m.editedAt),
            ...(forClient ? {} : { deleted_at: iso(m.deletedAt) }),
          })),
        events: rows.events.map((e) => ({ type: e.type, data: moneyAsOrders(e.data), at: iso(e.createdAt) })),
        // Each broadcast the client was a recipient of, newest first, by the number the owners'
        // messages give it, and what became of theirs (sent, blocked, failed, skipped…): in the
        // client's own copy too — a client asked what the bot had sent them and their file held none
        broadcasts: broadcastsOfClient(db, client.id).map((r) => ({
          number: r.broadcast.number,
          status: r.status,
          sent_at: iso(r.sentAt),
        })),
      }
      return JSON.stringify(data, null, 2)
    },

    /** How many messages of the client's transcript their /mydata file holds (the team's notes left out). */
    storedMessages(clientId: number): number {
      return countClientMessages(db, clientId)
    },

    /**
     * A consistent snapshot of the whole database in a temporary file, written off the
     * event loop (see `writeSnapshot`). A database larger than `maxBytes` is not copied at
     * all: `tooLarge` with its size. The caller sends the file and then calls `remove()`.
     */
    async snapshot(maxBytes: number): Promise<(TempFile & { bytes: number }) | { tooLarge: true; bytes: number }> {
      const pages = sqlite.pragma('page_count', { simple: true }) as number
      const bytes = pages * (sqlite.pragma('page_size', { simple: true }) as number)
      if (bytes > maxBytes) return { tooLarge: true, bytes }
      const file = tempFile('snapshot.sqlite')
      try {
        return { ...file, ...(await reads.run('snapshot', { path: file.path })) }
      } catch (err) {
        await file.remove()
        throw err
      }
    },
  }
}
