/**
 * /forget means forget: one synchronous step erases a client from every table and
 * key (the list is db/repositories/erasure.ts), cancels their callbacks (the places
 * are freed) and everything scheduled for them, closes their request, and queues
 * what the staff groups still show of them — their topic is renamed, their card
 * replaced by a note (each in the group it is in: a topic left in another group by
 * /move too), and their conversation as the bot posted it in the topic and the group
 * messages that showed their name or contacts (the managers' notes among them, in a topic
 * left by /move too) deleted where Telegram allows (the bot's own ones too old to delete
 * edited into a note instead, a file replaced by one; what stays of them in an owner's chat, the
 * owner is told of); the cards of the clients they referred
 * show them as a number, and those clients' earlier cards are edited into a note
 * (src/bot/handoff/erasure-delivery.ts). Those rows carry only
 * Telegram's message ids. Then the write-ahead log is emptied into the
 * database file, whose deleted content `secure_delete` has overwritten (db/client.ts),
 * so nothing of the person can be read from the file or a backup taken afterwards.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { truncateWal } from '../../db/client.ts'
import { listLeftTopics, listReplacedCards } from '../../db/repositories/client-topics.ts'
import { findClientById } from '../../db/repositories/clients.ts'
import { eraseSubject, erasureSubject, listReferredBy } from '../../db/repositories/erasure.ts'
import { recordEvent } from '../../db/repositories/events.ts'
import { exportsHolding } from '../../db/repositories/exports.ts'
import { listClientMessages } from '../../db/repositories/messages.ts'
import { listClientOrders, listNotDoneOrders } from '../../db/repositories/orders.ts'
import {
  deleteOutboxRows,
  deliveredRowsOf,
  findRecentInLane,
  type OutboxRow,
  rowsAbout,
  rowsAnsweringCommands,
  rowsSentAs,
  sentMessageIds,
} from '../../db/repositories/outbox.ts'
import { bookings, type ClientRow, type MessageRow } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import { otherSpellings } from '../name-spellings.ts'
import { folded } from '../text.ts'
import { callTime, listOpenCalls } from './booking.ts'
import { FIND_MIN_LENGTH } from './desk/client-search.ts'
import { TOPIC_STATUS_KIND } from './desk/topic-status.ts'
import { FOLLOWUP } from './followups/kinds.ts'
import type {
  CardRef,
  ErasurePayload,
  HandoffService,
  MessagePayload,
  NoticeLine,
  OwnerAlertPayload,
  RelayPayload,
} from './handoff/index.ts'
import { OUTBOX_KIND } from './handoff/index.ts'
import type { Outbox } from './outbox.ts'
import type { StaffGroups } from './staff-groups.ts'
import { DAY_MS } from './time.ts'

/** What identifies the person in a text: their names, phones (digits), e-mails, @usernames, Telegram id. */
export interface Contacts {
  /** First, last and display name, lowercased, with their other-alphabet spellings, as whole words (`asWords`); null without any. */
  namesPattern: RegExp | null
  phones: string[]
  emails: string[]
  usernames: string[]
  telegramId: number | null
}

const digits = (text: string) => text.replace(/\D/g, '')
/** A phone is compared by its last ten digits: "+7 916…", "8 916…" and "916…" are one number. */
const phoneKey = (text: string) => digits(text).slice(-10)
const PHONE_LIKE = /\+?\d[\d\s().-]{5,}\d/g
const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi

/**
 * The names as whole words, in any alphabet ("ян" is not found in "январь"): one pattern for all
 * of them, made with the contacts — the names are many with their spellings, the texts more.
 */
function asWords(names: readonly string[]): RegExp | null {
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return escaped.length === 0 ? null : new RegExp(`(^|[^\\p{L}\\p{N}_])(${escaped.join('|')})($|[^\\p{L}\\p{N}_])`, 'u')
}

/** Telegram deletes a message within 48 hours of its sending; an hour is kept in hand for the queue. */
export const DELETABLE_FOR_MS = 47 * 3_600_000

/** True when the text shows one of the contacts (a name as a whole word, a phone however it was written, an e-mail, a @username, the id). */
export function showsContacts(text: string | null | undefined, contacts: Contacts): boolean {
  if (!text) return false
  const lower = folded(text)
  if (contacts.namesPattern?.test(lower)) return true
  if (contacts.emails.some((e) => lower.includes(e))) return true
  if (
    contacts.usernames.some((u) =>
      new RegExp(`(^|[^a-z0-9_])${u.replace(/[^a-z0-9_]/g, '')}($|[^a-z0-9_])`).test(lower),
    )
  )
    return true
  if (contacts.telegramId !== null && new RegExp(`(^|\\D)${contacts.telegramId}($|\\D)`).test(text)) return true
  for (const match of text.matchAll(PHONE_LIKE)) {
    const found = phoneKey(match[0])
    if (found.length >= 7 && contacts.phones.some((p) => p.endsWith(found))) return true
  }
  return false
}

/** A message of the transcript that is itself a contact the client shared, or shows one. */
function messageShows(row: MessageRow | undefined, contacts: Contacts): boolean {
  return row !== undefined && (row.type === 'contact' || showsContacts(row.text, contacts))
}

export type ErasureService = ReturnType<typeof createErasureService>

/** At most this many of an owner's exports are named in a note (the latest), the rest counted. */
const EXPORTS_NAMED = 10

/**
 * How often the emptying of the write-ahead log is tried again while a reader (a long
 * export on the read worker) holds it: every 5 s for a minute, then every minute.
 */
const WAL_RETRY_MS = 5_000
const WAL_TRIES = 12
const WAL_SLOW_RETRY_MS = 60_000
/**
 * How long this process knows that a Telegram user has just erased their data: longer than
 * the minute's leeway the client middleware gives a button's date against the clock.
 */
const JUST_ERASED_MS = 2 * 60_000

export function createErasureService(deps: {
  db: Db
  sqlite: Database.Database
  clock: Clock
  logger: Logger
  handoff: HandoffService
  groups: StaffGroups
  /** Whether a Telegram user is an owner (their business account is the business's, and stays; exports went to them). */
  isOwner: (telegramId: number) => boolean
  /** Whether a Telegram user is on the team (owner or manager): an export never holds them. */
  isStaff: (telegramId: number) => boolean
  /** The outbox engine: a row of theirs on its way when its row is deleted sends nothing more. */
  outbox: Pick<Outbox, 'withdraw'>
}) {
  const { db, clock, handoff, groups, isOwner } = deps
  const log = deps.logger.child({ module: 'erasure' })
  /**
   * Who erased their data in the last two minutes, by a keyed hash of their Telegram id whose
   * key dies with the process: a button of theirs pressed right after /forget is out of date
   * whatever its date says, and nothing here names them (memory only, never the database).
   */
  const key = randomBytes(32)
  const erasedLately = new Map<string, number>()
  const tag = (telegramId: number) => createHmac('sha256', key).update(String(telegramId)).digest('base64')
  const forgetOld = () => {
    for (const [id, at] of erasedLately) if (at <= clock.now() - JUST_ERASED_MS) erasedLately.delete(id)
  }

  /**
   * The person's contacts: their names in Telegram and the one they gave, the contacts they
   * gave (profile, bookings, a shared contact) and the phone numbers (full ones, ten digits
   * or more) and e-mail addresses they wrote.
   */
  function contactsOf(client: ClientRow, transcript: MessageRow[]): Contacts {
    const theirs = transcript.filter((m) => m.direction === 'in' && m.text)
    const written = theirs.flatMap((m) => [...(m.text as string).matchAll(PHONE_LIKE)].map((x) => x[0]))
    const phones = [
      client.phone,
      ...db
        .select({ phone: bookings.phone })
        .from(bookings)
        .where(eq(bookings.clientId, client.id))
        .all()
        .map((b) => b.phone),
      ...theirs.filter((m) => m.type === 'contact').map((m) => m.text?.match(PHONE_LIKE)?.[0] ?? null),
    ]
      .filter((p): p is string => !!p)
      .map(phoneKey)
      .filter((p) => p.length >= 7)
    const emails = [client.email, ...theirs.flatMap((m) => [...(m.text as string).matchAll(EMAIL)].map((x) => x[0]))]
    const names = [client.firstName, client.lastName, client.displayName]
      // In the other alphabet too, as /find looks a name up ("/find fyodor" names Фёдор): as long
      // as /find reads, no shorter ("Do" would be every «до»)
      .flatMap((n) =>
        n
          ? [
              folded(n.trim()),
              ...otherSpellings(n)
                .map(folded)
                .filter((s) => s.length >= FIND_MIN_LENGTH),
            ]
          : [],
      )
      // A one-letter name would be found in every other message
      .filter((n) => n.length >= 2)
    return {
      namesPattern: asWords([...new Set(names)]),
      phones: [...new Set([...phones, ...written.map(phoneKey).filter((p) => p.length >= 10)])],
      emails: [...new Set(emails.filter((e): e is string => !!e).map((e) => e.toLowerCase()))],
      usernames: client.username ? [client.username.toLowerCase()] : [],
      telegramId: client.telegramId,
    }
  }

  /**
   * The group the client's topic lives in, undefined when it was taken out of the settings: a
   * topic's or a message's id there means another client's in the group that replaced it.
   * Read without moving them (`groupOf` would, for a client who writes again).
   */
  function keptGroupOf(client: ClientRow): number | undefined {
    return client.staffGroupId !== null && !groups.isStaffGroup(client.staffGroupId)
      ? undefined
      : groups.groupOf(client.id)
  }

  /**
   * The alerts an owner's message held besides the erased client's (`rows`: those that went as that
   * message), each as it went, to edit it to: none when no alert about anything else is among them.
   * The day's list of clients still waiting counts those left under its heading, and without them
   * the heading goes too.
   */
  function alertsLeft(
    rows: readonly OutboxRow[],
    clientId: number,
  ): { lines: NoticeLine[]; clientId: number | null }[] {
    const others = rows.filter((r) => r.method === OUTBOX_KIND.ownerAlert && r.clientId !== clientId)
    const alert = (r: OutboxRow) => (r.payload as OwnerAlertPayload).lines
    const waiting = others.filter((r) => alert(r)[0]?.key === 'handoff-owner-waiting').length
    return others.flatMap((r) => {
      const lines = alert(r)
      if (lines[0]?.key !== 'owners-waiting-title') return [{ lines, clientId: r.clientId }]
      if (waiting === 0) return []
      const [heading, ...rest] = lines
      return [{ lines: [{ ...heading, args: { ...heading.args, count: waiting } }, ...rest], clientId: r.clientId }]
    })
  }

  /**
   * What the staff groups show of the client, by group: their topics and cards (the current
   * ones, those a newer card replaced, and those left in another group when they were moved),
   * and, from the outbox's record of what was delivered (kept a week), their conversation as
   * the bot posted it (transcripts, their messages copied into the topic) and the messages
   * that showed their name or contacts — staff posts about them (bookings, reminders;
   * anything posted in General named them) and the managers' messages relayed to them; and,
   * from the transcript and the topics left by /move, the managers' notes in their topics that
   * showed their name or contacts; and the earlier cards of the clients they referred (`referred`).
   */
  function tracesInGroups(
    client: ClientRow,
    card: CardRef | undefined,
    referred: readonly number[],
  ): { byGroup: Map<number, ErasurePayload>; echoes: number[] } {
    const byGroup = new Map<number, ErasurePayload>()
    const inGroup = (chatId: number): ErasurePayload => {
      let payload = byGroup.get(chatId)
      if (!payload) {
        payload = { topics: [], cards: [], remove: [] }
        byGroup.set(chatId, payload)
      }
      return payload
    }
    // Only in the staff groups of the settings: a group taken out of them is out of the bot's reach
    const addTopic = (chatId: number, threadId: number) => {
      if (!groups.isStaffGroup(chatId)) return
      const there = inGroup(chatId)
      if (!there.topics.some((t) => t.threadId === threadId)) there.topics.push({ threadId })
    }
    /** A card to edit in its group, once: the client's own (`cards`) or a referred client's earlier one (`outdated`). */
    const addCard = (chatId: number, messageId: number, list: 'cards' | 'outdated' = 'cards') => {
      if (!groups.isStaffGroup(chatId)) return
      const there = inGroup(chatId)
      const ids = there[list] ?? []
      if (!ids.includes(messageId)) there[list] = [...ids, messageId]
    }
    // The client's topic lives in their group: a topic's or a message's id means nothing in another
    const clientGroup = client.topicId === null ? undefined : keptGroupOf(client)
    if (client.topicId !== null && clientGroup !== undefined) addTopic(clientGroup, client.topicId)
    // A card recorded before its group was kept: the client's group when it is in their topic, else unknown
    const cardGroup = card && (card.chatId ?? (card.topicId === client.topicId ? clientGroup : undefined))
    if (card && cardGroup !== undefined) {
      addCard(cardGroup, card.messageId)
      addTopic(cardGroup, card.topicId)
    }
    const leftTopics = listLeftTopics(db, client.id)
    for (const left of leftTopics) {
      addTopic(left.chatId, left.topicId)
      if (left.cardMessageId !== null) addCard(left.chatId, left.cardMessageId)
    }
    for (const replaced of listReplacedCards(db, client.id)) addCard(replaced.chatId, replaced.messageId)
    // Whom they referred: their earlier cards name them too, and are no longer edited otherwise
    for (const id of referred) {
      for (const replaced of listReplacedCards(db, id)) addCard(replaced.chatId, replaced.messageId, 'outdated')
      for (const left of listLeftTopics(db, id)) {
        if (left.cardMessageId !== null) addCard(left.chatId, left.cardMessageId, 'outdated')
      }
    }

    const transcript = listClientMessages(db, client.id)
    const contacts = contactsOf(client, transcript)
    const byId = new Map(transcript.map((m) => [m.id, m]))
    const showing = (ids: readonly number[]) => ids.some((id) => messageShows(byId.get(id), contacts))
    /** `where.inTopic`: in one of the client's topics (their conversation, renames, the managers' there). */
    const remove = (
      chatId: number,
      id: number,
      at: number,
      own: boolean,
      where: { service?: true; inTopic?: true; file?: true } = {},
    ) => {
      const list = inGroup(chatId).remove
      if (!list.some((m) => m.id === id)) list.push({ id, at, own, ...where })
    }
    // What a delivered row put into its group, every part of an album, by the row's own record:
    // the transcript's links to the topic name the client's group of the moment, and /move clears them.
    // A rename's record holds its service message, which no edit can clear once too old to delete;
    // an owner's one-client export, its file, which has no text to edit
    const removeSent = (row: OutboxRow, inTopic = false) => {
      const where = {
        ...(row.method === TOPIC_STATUS_KIND ? { service: true as const } : {}),
        ...(inTopic ? { inTopic: true as const } : {}),
        ...(row.method === OUTBOX_KIND.message && (row.payload as MessagePayload).file ? { file: true as const } : {}),
      }
      for (const id of sentMessageIds(row)) remove(row.chatId, id, row.createdAt, true, where)
    }
    /** The owners' messages their alerts went in (chat and message), each looked at once. */
    const alertMessages = new Set<string>()
    for (const row of deliveredRowsOf(db, client.id) as OutboxRow[]) {
      const toGroup = groups.isStaffGroup(row.chatId)
      switch (row.method) {
        case OUTBOX_KIND.staffPost: {
          // One in their topic goes with it when the topic is deleted whole: not edited after. One
          // for General (`general`) went there: one that found their topic is the topic's, and its
          // delivery took the mark off (`postedInTopic`)
          const p = row.payload as { general?: boolean }
          if (toGroup && (p.general || showsContacts(JSON.stringify(row.payload), contacts)))
            removeSent(row, !p.general)
          break
        }
        // Their conversation as the bot posted it in the topic (the bot's greetings name them,
        // they write their name and more), and the service messages of the bot's renames of
        // their topic (the title names them): all of it, whatever it shows
        case OUTBOX_KIND.relayIn:
        case OUTBOX_KIND.transcript:
        case TOPIC_STATUS_KIND:
          if (toGroup) removeSent(row, true)
          break
        // An owner's alert about them, which names them (`ownerAlertText`), in the owner's chat:
        // the message it went in goes — or, when it carried other alerts too (an owner's alerts
        // due together go as one message), is edited to those others, so the owner keeps them
        case OUTBOX_KIND.ownerAlert: {
          const messageId = row.resultMessageId
          const key = `${row.chatId}:${messageId}`
          if (messageId === null || alertMessages.has(key)) break
          alertMessages.add(key)
          const others = alertsLeft(rowsSentAs(db, row.chatId, messageId), client.id)
          if (others.length === 0) removeSent(row)
          else {
            const there = inGroup(row.chatId)
            there.alerts = [...(there.alerts ?? []), { id: messageId, at: row.createdAt, alerts: others }]
          }
          break
        }
        case OUTBOX_KIND.relayOut: {
          // A manager's message in the topic, relayed to the client: theirs, not the bot's
          const p = row.payload as RelayPayload
          if (!groups.isStaffGroup(p.fromChatId) || !showing(p.rowIds)) break
          for (const id of p.messageIds) remove(p.fromChatId, id, row.createdAt, false, { inTopic: true })
          break
        }
      }
    }
    // The managers' notes in the topic ("// …", /note): the outbox never sees them. The
    // transcript keeps them with their id in the topic's group of the moment, and a topic left
    // behind by /move keeps those it had (the move clears the transcript's). The managers'
    // messages' rule: those that show the name or contacts (an album as one). A topic deleted
    // took its notes along; a group taken out of the settings is out of reach
    const notes: { chatId: number; note: MessageRow; id: number }[] = []
    if (clientGroup !== undefined) {
      for (const m of transcript) {
        if (m.direction === 'note' && m.topicMessageId !== null) {
          notes.push({ chatId: clientGroup, note: m, id: m.topicMessageId })
        }
      }
    }
    for (const left of leftTopics) {
      if (!groups.isStaffGroup(left.chatId)) continue
      for (const n of left.notes) {
        const note = byId.get(n.rowId)
        if (note) notes.push({ chatId: left.chatId, note, id: n.topicMessageId })
      }
    }
    const albums = new Set(notes.filter((n) => messageShows(n.note, contacts)).map((n) => n.note.mediaGroupId))
    for (const { chatId, note, id } of notes) {
      if (messageShows(note, contacts) || (note.mediaGroupId !== null && albums.has(note.mediaGroupId))) {
        remove(chatId, id, note.createdAt, false, { inTopic: true })
      }
    }
    // Posts naming them among others (a /find result, the day's calls), in General or in
    // another client's topic, or an owner's list in their private chat (positive ids): the
    // bot's own, deleted; and the command asking for it when it names them too ("/find Вера").
    // An answer to a command whose words or text name them though it is about nobody or someone
    // else ("/find fedor@example.com" before he wrote it, a name typed with е for ё, a phone
    // found in another client's note) goes too, and its record with it (`echoes`: the outbox's
    // own rule finds rows by `about` only)
    const echoes: number[] = []
    const about = rowsAbout(db, client.id)
    const aboutIds = new Set(about.map((row) => row.id))
    for (const row of [...about, ...rowsAnsweringCommands(db).filter((r) => !aboutIds.has(r.id))]) {
      const command = (row.payload as MessagePayload).command
      const commandShows = command !== undefined && showsContacts(command.text, contacts)
      if (!aboutIds.has(row.id)) {
        if (!commandShows && !showsContacts(JSON.stringify(row.payload), contacts)) continue
        echoes.push(row.id)
      }
      if (!groups.isStaffGroup(row.chatId) && row.chatId <= 0) continue
      // Asked and answered in their own topic (a /find typed there): both go with the topic
      const theirTopic = row.clientId === client.id && !(row.payload as { general?: boolean }).general
      removeSent(row, theirTopic)
      if (command && commandShows)
        remove(row.chatId, command.messageId, row.createdAt, false, theirTopic ? { inTopic: true } : {})
    }
    return { byGroup, echoes }
  }

  /**
   * Each owner who was sent an all-clients export since the client became one is told that a
   * client (nobody named: no number either) erased their data and which of those files may still
   * hold their row, to delete them: the bot keeps no copy of a file and cannot tell whether the
   * owner deleted it. An owner told of every one of those files within the last day is not told
   * again: a morning of erasures is one note, not one each. Someone on the team is in no export.
   */
  function tellExportHolders(client: ClientRow, now: number): void {
    if (client.telegramId !== null && deps.isStaff(client.telegramId)) return
    const byChat = new Map<number, { at: number; file: string }[]>()
    for (const e of exportsHolding(db, client.id)) {
      if (!isOwner(e.chat)) continue
      const file =
        e.parts === 1 ? `${e.name}.csv` : `${e.name}-1-of-${e.parts}.csv … ${e.name}-${e.parts}-of-${e.parts}.csv`
      const files = byChat.get(e.chat) ?? []
      files.push({ at: e.at, file })
      byChat.set(e.chat, files)
    }
    for (const [chat, all] of byChat) {
      const files = all.slice(-EXPORTS_NAMED)
      const told = new Set(
        findRecentInLane(db, { chatId: chat, clientId: null }, OUTBOX_KIND.ownerAlert, now - DAY_MS).flatMap((row) => {
          const { lines } = row.payload as OwnerAlertPayload
          return lines[0]?.key === 'forget-owner-exports' ? lines.map((line) => line.args?.file) : []
        }),
      )
      if (files.every((f) => told.has(f.file))) continue
      const earlier = all.length - files.length
      handoff.route.tellPerson(chat, [
        { key: 'forget-owner-exports' },
        ...(earlier > 0 ? [{ key: 'forget-owner-exports-earlier', args: { count: earlier } } as const] : []),
        ...files.map(
          (f): NoticeLine => ({
            key: 'forget-owner-export-file',
            args: { at: { time: f.at, withDay: true }, file: f.file },
          }),
        ),
        { key: 'forget-owner-exports-delete' },
      ])
    }
  }

  /** Empties the write-ahead log now, or as soon as no reader (a long export) uses it any more. */
  function emptyWal(tries = 1): void {
    // Closed (the bot stopped): SQLite empties the log itself when the last connection closes
    if (!deps.sqlite.open || truncateWal(deps.sqlite)) return
    if (tries === WAL_TRIES) log.warn('the write-ahead log is still in use: emptying it is tried every minute')
    setTimeout(() => emptyWal(tries + 1), tries < WAL_TRIES ? WAL_RETRY_MS : WAL_SLOW_RETRY_MS).unref()
  }

  return {
    /**
     * Erases the client (see the file's comment). False when there is no such client or
     * they erased their data already. Synchronous: nothing can see a half-erased client.
     */
    erase(clientId: number): boolean {
      // A greeting's dedupe key says "birthday": its rows go, not just its schedule
      const subject = erasureSubject(db, clientId, { isOwner, deletedJobKinds: [FOLLOWUP.greeting] })
      const client = findClientById(db, clientId)
      if (!subject || !client) return false
      const now = clock.now()
      db.transaction(() => {
        // Whom they referred: their cards name the referrer, and render them anonymous from now on
        const referred = listReferredBy(db, clientId)
        const traces = tracesInGroups(client, handoff.topics.card(clientId), referred)
        handoff.closeForErasure(clientId)
        // Staff hear of it without a word about who: in the topic, or (these lines only) in General
        // Their open calls: a "call me now" past its time that nobody marked too
        const lines: NoticeLine[] = [
          ...listOpenCalls(db, clientId, now).map(
            (b): NoticeLine => ({
              key: 'forget-staff-callback',
              // A "call me now" is due by its end (its start is when the client asked)
              args: { at: { time: callTime(b) } },
            }),
          ),
          // And the money the team was waiting for: their invoices can no longer be paid
          ...listClientOrders(db, clientId, ['unpaid']).map(
            (o): NoticeLine => ({
              key: 'forget-staff-invoice',
              args: { id: String(o.id), amount: { money: { minor: o.amount, currency: o.currency } } },
            }),
          ),
          // And the work they paid for and the team still owes: the order (its number and amount
          // stay, for accounting) is nobody's now, and nobody can reach them about it
          ...listNotDoneOrders(db, clientId, ['paid']).map(
            (o): NoticeLine => ({
              key: 'forget-staff-paid-open',
              args: { id: String(o.id), amount: { money: { minor: o.amount, currency: o.currency } } },
            }),
          ),
        ]
        // A topic in a group taken out of the settings is out of reach: the lines go to
        // General of the group that replaced it
        const kept = client.topicId !== null || lines.length > 0 ? keptGroupOf(client) : undefined
        const clientGroup = kept === undefined ? undefined : traces.byGroup.get(kept)
        if (client.topicId !== null && clientGroup) {
          // Said by the erasure row of the topic's group, which knows where: in the topic (after
          // the erasure it belongs to nobody), or in General when it deleted the topic whole
          clientGroup.notice = { threadId: client.topicId, calls: lines }
        } else if (lines.length > 0) {
          handoff.route.postTo(kept ?? (groups.ids[0] as number), undefined, { lines })
        }
        eraseSubject(db, subject, now)
        deleteOutboxRows(db, traces.echoes)
        for (const id of referred) handoff.refreshCard(id, { editOnly: true })
        for (const [chatId, payload] of traces.byGroup) {
          handoff.route.toLane({ chatId, clientId: null }, OUTBOX_KIND.erasure, payload)
        }
        recordEvent(db, clientId, 'forget', now)
        tellExportHolders(client, now)
      })
      deps.outbox.withdraw(clientId, client.telegramId)
      forgetOld()
      if (client.telegramId !== null) erasedLately.set(tag(client.telegramId), now)
      log.info({ clientId }, 'client data erased on request')
      emptyWal()
      return true
    },

    /** Whether this Telegram user erased their data in the last two minutes (`JUST_ERASED_MS`). */
    justErased(telegramId: number): boolean {
      forgetOld()
      return erasedLately.has(tag(telegramId))
    },
  }
}
