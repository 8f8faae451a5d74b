/**
 * Client rules that do not depend on Telegram: attribution from deep links,
 * marketing consent and the journey stage. Erasure on request is src/services/erasure.ts.
 */

import type { Db } from '../../db/client.ts'
import {
  clientWrites,
  findClientById,
  findClientByTelegramId,
  findClientIdByTelegramId,
  markBlocked,
  setAttributionOnce,
  setForgetQuestion,
  setStage,
  type TelegramProfile,
  touchClient,
  updateClient,
  upsertClient,
} from '../../db/repositories/clients.ts'
import { hasEvent, recordEvent, recordFirstOrAgain, recordJobEventOnce } from '../../db/repositories/events.ts'
import { recentTextsFromClient } from '../../db/repositories/messages.ts'
import { type ClientRow, type ForgetQuestion, STAGES, type Stage } from '../../db/schema.ts'
import type { Clock } from '../clock.ts'
import { phoneInText } from '../phone.ts'
import { FUNNEL } from './funnel.ts'

/** The client's own messages read, newest first, for a number they gave lately. */
const RECENT_MESSAGES_WITH_PHONE = 50

/** The source of a client who came by another client's invitation link (the card says so in words). */
export const REFERRAL_SOURCE = 'referral'

/** How long after their last /start a client's next one is a return (see recordStart). */
const RETURN_AFTER_MS = 60 * 60_000
/** A client's /start after their first (the funnel's `start` counts each client once). */
const START_AGAIN = 'start_again'

/** Bump when the wording of the consent question changes: the stored version says what the client agreed to. */
export const CONSENT_TEXT_VERSION = 'marketing-v1'

/** The event of the consent question asked once more, after a moment of value: never a third time. */
export const CONSENT_ASKED_AGAIN = 'consent_asked_again'

/** Not an event on record: the client gave a name (/name) or a phone number (`onEvent`: the card shows them). */
export const PROFILE_CHANGED = 'profile_changed'

/** Not an event on record: the client set their own time zone (/timezone, a booking's zone question: `onEvent`). */
export const ZONE_SET = 'zone_set'

/** Not an event on record: /stop from a client whose decline is on record already (`onEvent`). */
export const OPTED_OUT = 'opted_out'

/**
 * Where a client stands on marketing: `granted` (and not withdrawn), `withdrawn`
 * (granted, then /stop or Unsubscribe), `declined` (said no, never gave it),
 * `not_answered` (asked, no answer yet) or `not_asked`.
 */
export type ConsentStatus = 'granted' | 'withdrawn' | 'declined' | 'not_answered' | 'not_asked'

/** The facts behind the status, each with its time (UTC ms), as the export, /mydata and the card show them. */
export interface ConsentFacts {
  status: ConsentStatus
  askedAt: number | null
  grantedAt: number | null
  declinedAt: number | null
  withdrawnAt: number | null
  /** The version of the question's wording the grant or decline answered. */
  textVersion: string | null
}

export function consentFacts(
  client: Pick<ClientRow, 'consentAt' | 'optOutAt' | 'consentDeclinedAt' | 'consentAskedAt' | 'consentVersion'>,
): ConsentFacts {
  const granted = client.consentAt !== null
  const status: ConsentStatus = granted
    ? client.optOutAt === null
      ? 'granted'
      : 'withdrawn'
    : client.consentDeclinedAt !== null
      ? 'declined'
      : client.consentAskedAt !== null
        ? 'not_answered'
        : 'not_asked'
  return {
    status,
    askedAt: client.consentAskedAt,
    grantedAt: client.consentAt,
    declinedAt: granted ? null : client.consentDeclinedAt,
    withdrawnAt: granted ? client.optOutAt : null,
    textVersion: client.consentVersion,
  }
}

export type StartPayload =
  | { kind: 'source'; source: string }
  | { kind: 'referrer'; referrerId: number }
  | { kind: 'none' }

/**
 * Parses a /start deep-link payload: `src_<tag>` (a lead source such as
 * `src_instagram`) or `ref_<clientId>`. Anything else — including what a
 * person typed by hand — is ignored rather than stored.
 */
export function parseStartPayload(payload: string | undefined): StartPayload {
  const p = (payload ?? '').trim()
  const source = /^src_([a-z0-9_-]{1,32})$/i.exec(p)
  if (source?.[1]) return { kind: 'source', source: source[1].toLowerCase() }
  const ref = /^ref_(\d{1,12})$/.exec(p)
  if (ref?.[1]) return { kind: 'referrer', referrerId: Number(ref[1]) }
  return { kind: 'none' }
}

export type ClientService = ReturnType<typeof createClientService>

export function createClientService({
  db,
  clock,
  isTeam,
}: {
  db: Db
  clock: Clock
  /** Owners and managers: they have client rows too, but marketing is for clients. */
  isTeam: (telegramId: number) => boolean
}) {
  const listeners: ((clientId: number, type: string, data?: unknown) => void)[] = []
  const changed = (clientId: number, type: string, data?: unknown) => {
    for (const listener of listeners) listener(clientId, type, data)
  }

  /** Agreed to news and did not withdraw (what /privacy shows). */
  const isSubscribed = (client: ClientRow): boolean => client.consentAt !== null && client.optOutAt === null

  /** An event recorded, and the listeners told (e.g. the client card, which shows consent and what it holds). */
  const record = (clientId: number, type: string, now: number, data?: unknown) => {
    recordEvent(db, clientId, type, now, data)
    changed(clientId, type, data)
  }

  /**
   * The consent stays on record with its time and version; the withdrawal is the newer fact.
   * `via`: how — /stop or its words, the /privacy button, or a team member (`by`, their Telegram
   * id) on the client's word.
   */
  function withdraw(client: ClientRow, now: number, via: 'stop' | 'button' | 'staff', by?: number): 'withdrawn' {
    updateClient(db, client.id, { optOutAt: now })
    record(client.id, 'consent_withdrawn', now, { version: client.consentVersion, via, ...(by ? { by } : {}) })
    return 'withdrawn'
  }

  /** The newest of the client's last messages that names a number (see `lastPhoneGiven`). */
  function lastPhoneSaid(clientId: number): { phone: string; at?: number } | null {
    const client = findClientById(db, clientId)
    const saved = client?.phone ?? null
    for (const row of recentTextsFromClient(db, clientId, RECENT_MESSAGES_WITH_PHONE)) {
      if (row.text === null) continue
      // A shared contact may be someone else's (the transcript keeps no owner): it counts only
      // as the number on record, which the client's own "share my number" made it
      if (row.type === 'contact') {
        if (saved !== null && phoneInText(row.text) === saved) return { phone: saved }
        continue
      }
      // Their own number, typed as dialled where they are (their zone, when they gave one)
      const phone = phoneInText(row.text, { anyLength: true, zone: client?.timezone })
      if (phone !== undefined) return { phone, at: row.createdAt }
    }
    return saved === null ? null : { phone: saved }
  }

  return {
    /**
     * Called after every event recorded through `recordEvent` or a consent answer, with
     * `bot_blocked` / `bot_unblocked` (not recorded) when the client blocks or unblocks the
     * bot, and with OPTED_OUT (not recorded) for a /stop after a decline — e.g. the
     * handoff refreshes the client card when data shown on it changes.
     */
    onEvent(listener: (clientId: number, type: string, data?: unknown) => void): void {
      listeners.push(listener)
    },

    /**
     * Called for every private update; records `client_new` once per person. `inBotChat` false:
     * an update of an owner's Business chat, which says nothing of whether they unblocked the bot.
     */
    touch(
      profile: TelegramProfile,
      { inBotChat = true }: { inBotChat?: boolean } = {},
    ): { client: ClientRow; created: boolean } {
      const result = upsertClient(db, profile, clock.now(), inBotChat)
      if (result.created) recordEvent(db, result.client.id, 'client_new', clock.now())
      if (result.unblocked) changed(result.client.id, 'bot_unblocked')
      return result
    },

    /** `touch` for someone already a client; undefined, and nothing written, for anyone else. */
    touchKnown(profile: TelegramProfile, { inBotChat = true }: { inBotChat?: boolean } = {}): ClientRow | undefined {
      const result = touchClient(db, profile, clock.now(), inBotChat)
      if (result?.unblocked) changed(result.client.id, 'bot_unblocked')
      return result?.client
    },

    get(id: number): ClientRow | undefined {
      return findClientById(db, id)
    },

    /** The client with this Telegram id (their private chat's id), if they wrote to the bot. */
    byTelegramId(telegramId: number): ClientRow | undefined {
      return findClientByTelegramId(db, telegramId)
    },

    idByTelegramId(telegramId: number): number | undefined {
      return findClientIdByTelegramId(db, telegramId)
    },

    /**
     * A number that changes with every write to a client row: a row read earlier in the
     * same update is still current while it stays the same (src/bot/middlewares/client.ts).
     */
    writes: (): number => clientWrites(db),

    /**
     * Records where the client came from, once. A referrer must be another
     * existing client (not themselves); unknown ids are ignored.
     */
    captureAttribution(client: ClientRow, payload: StartPayload): boolean {
      if (payload.kind === 'source') return setAttributionOnce(db, client.id, { source: payload.source })
      if (payload.kind === 'referrer') {
        const referrer = findClientById(db, payload.referrerId)
        if (!referrer || referrer.id === client.id || referrer.deletedAt) return false
        return setAttributionOnce(db, client.id, { source: REFERRAL_SOURCE, referrerId: referrer.id })
      }
      return false
    },

    /** Whether the client has started (a first "hello" in the owner's Business chat is their /start). */
    hasStarted(client: ClientRow): boolean {
      return hasEvent(db, client.id, FUNNEL.start)
    },

    /**
     * Funnel event `start`, once per client (repeated /start does not inflate the funnel; each
     * later one is `START_AGAIN`). Says whose start it is: a new client's; one back at least
     * RETURN_AFTER_MS after their last ("welcome back"); or `again`, a start repeated soon after
     * the last — a second tap on START is no return, and "welcome back" right under "hello" read as
     * a mistake. One statement, which reads the last and writes this one: two /starts cannot both
     * be the first.
     */
    recordStart(client: ClientRow): 'new' | 'returning' | 'again' {
      const now = clock.now()
      const last = recordFirstOrAgain(db, client.id, { first: FUNNEL.start, again: START_AGAIN }, now)
      if (last === undefined) return 'new'
      return now - last < RETURN_AFTER_MS ? 'again' : 'returning'
    },

    recordEvent(clientId: number, type: string, data?: unknown): void {
      record(clientId, type, clock.now(), data)
    },

    /**
     * `type` about one job (an answer to a follow-up), recorded once, the listeners told: false
     * when it was on record already (a double tap, a second answer).
     */
    recordJobEvent(clientId: number, jobId: number, type: string, data?: Record<string, unknown>): boolean {
      if (!recordJobEventOnce(db, { clientId, jobId, type, ...(data ? { data } : {}) }, clock.now())) return false
      changed(clientId, type)
      return true
    },

    /** Moves the stage forward only; a later step never sends a client back. */
    advanceStage(client: ClientRow, stage: Stage): boolean {
      if (STAGES.indexOf(stage) <= STAGES.indexOf(client.stage)) return false
      setStage(db, client.id, stage)
      return true
    },

    /**
     * A 403 or a my_chat_member "kicked": skip this client in broadcasts and follow-ups. The
     * client's id when this is news (not blocked already), else undefined.
     */
    markBlocked(telegramId: number): number | undefined {
      const clientId = markBlocked(db, telegramId, clock.now())
      if (clientId !== undefined) changed(clientId, 'bot_blocked')
      return clientId
    },

    setLanguage(clientId: number, language: string, chosen: boolean): void {
      updateClient(db, clientId, { language, languageChosen: chosen })
    },

    /** The client's own time zone (/timezone; null: the business's): their clock beside the bot's times, their quiet hours. */
    setTimezone(clientId: number, timezone: string | null): void {
      updateClient(db, clientId, { timezone })
      changed(clientId, PROFILE_CHANGED)
      changed(clientId, ZONE_SET)
    },

    setDisplayName(clientId: number, name: string): void {
      updateClient(db, clientId, { displayName: name })
      changed(clientId, PROFILE_CHANGED)
    },

    /**
     * The number the client gave last, as they wrote it or shared it in the chat (the newest of
     * their last messages that names one), else the one on record: "my number changed: it's now
     * +1 646…", written to the manager, is the one a booking then offers, not the old one.
     */
    lastPhoneGiven(clientId: number): string | null {
      return lastPhoneSaid(clientId)?.phone ?? null
    },

    /**
     * `lastPhoneGiven`, and when the client wrote it (`at`, their message's time) if it came from
     * a message they typed rather than from the record: /call books a call on it and tells the
     * topic where the number came from.
     */
    lastPhoneSaid,

    /**
     * The client's own texts (typed, not buttons) written since `since` (UTC ms), newest first, at
     * most `limit`: what they said after a call's time, before the team tells them how it went.
     */
    textsSince(clientId: number, since: number, limit: number): { text: string; at: number }[] {
      return recentTextsFromClient(db, clientId, limit).flatMap((row) =>
        row.type === 'text' && row.text !== null && row.createdAt >= since
          ? [{ text: row.text, at: row.createdAt }]
          : [],
      )
    },

    /** The number the client gave (booking, the "share my number" button): managers see it on the card. */
    setPhone(clientId: number, phone: string): void {
      updateClient(db, clientId, { phone })
      changed(clientId, PROFILE_CHANGED)
    },

    /**
     * A number the client typed in their own words to be called on ("Перезвоните +7 916 …", "и
     * перезвоните мне в 11:30, +7 916 …": the one number in a short message, as `phoneInText` reads
     * it on their clock) becomes theirs when the bot had none — the card shows it, and booking
     * offers it by name rather than asking again. Not one their words deny ("не звоните на…", "мой
     * старый…"): `phoneInText` reads none there. Outside a request and in one alike. The number
     * kept, if any.
     */
    keepTypedPhone(clientId: number, text: string): string | undefined {
      const client = findClientById(db, clientId)
      if (!client || client.deletedAt !== null || client.phone !== null) return undefined
      const phone = phoneInText(text, { zone: client.timezone })
      if (phone === undefined) return undefined
      updateClient(db, clientId, { phone })
      changed(clientId, PROFILE_CHANGED)
      return phone
    },

    /** /forget's question standing in the client's chat (`clients.forgetQuestion`), if one does. */
    forgetQuestion(clientId: number): ForgetQuestion | undefined {
      return findClientById(db, clientId)?.forgetQuestion ?? undefined
    },

    /** /forget's question asked: it is the one that stands now (null: answered, none stands). */
    setForgetQuestion(clientId: number, question: ForgetQuestion | null): void {
      setForgetQuestion(db, clientId, question)
    },

    /** True when the consent question has never been asked (it is asked once). */
    shouldAskConsent(client: ClientRow): boolean {
      return client.consentAskedAt === null
    },

    markConsentAsked(clientId: number): void {
      updateClient(db, clientId, { consentAskedAt: clock.now() })
    },

    /**
     * True when the consent question may be asked once more: the client never answered it (no
     * grant, decline or withdrawal on record — not answering is neither yes nor no) and it was
     * not asked again before (`CONSENT_ASKED_AGAIN`, kept as an event: once ever).
     */
    mayAskConsentAgain(client: ClientRow): boolean {
      const { status } = consentFacts(client)
      return (status === 'not_answered' || status === 'not_asked') && !hasEvent(db, client.id, CONSENT_ASKED_AGAIN)
    },

    /** The question asked once more: recorded, so it is never asked a third time (restarts too). */
    markConsentAskedAgain(clientId: number): void {
      const now = clock.now()
      const client = findClientById(db, clientId)
      if (client?.consentAskedAt === null) updateClient(db, clientId, { consentAskedAt: now })
      recordEvent(db, clientId, CONSENT_ASKED_AGAIN, now)
    },

    /**
     * An answer about marketing (the consent question, or the /privacy button). Yes
     * grants consent (time and wording version). No withdraws a consent that stands,
     * or records a decline from a client who never gave it; a no repeated on an old
     * button changes nothing.
     */
    answerConsent(clientId: number, agreed: boolean): ConsentStatus {
      const client = findClientById(db, clientId)
      if (!client) return 'not_asked'
      const now = clock.now()
      if (agreed) {
        updateClient(db, clientId, {
          consentAt: now,
          consentVersion: CONSENT_TEXT_VERSION,
          consentDeclinedAt: null,
          optOutAt: null,
          consentAskedAt: client.consentAskedAt ?? now,
        })
        record(clientId, 'consent_given', now, { version: CONSENT_TEXT_VERSION })
        return 'granted'
      }
      const { status } = consentFacts(client)
      if (status === 'granted') return withdraw(client, now, 'button')
      if (status === 'withdrawn' || status === 'declined') return status
      updateClient(db, clientId, {
        consentDeclinedAt: now,
        consentVersion: CONSENT_TEXT_VERSION,
        consentAskedAt: client.consentAskedAt ?? now,
      })
      record(clientId, 'consent_declined', now, { version: CONSENT_TEXT_VERSION })
      return 'declined'
    },

    /**
     * /stop: no more marketing; service messages (reminders about their own bookings and
     * orders) continue. A standing consent is withdrawn; from a client who never gave
     * it, /stop is a decline; from one who declined or withdrew already, it changes nothing
     * ('already': the client is told they were not subscribed).
     */
    optOut(clientId: number): 'withdrawn' | 'declined' | 'already' {
      const client = findClientById(db, clientId)
      if (!client) return 'already'
      const now = clock.now()
      const { status } = consentFacts(client)
      if (status === 'granted') return withdraw(client, now, 'stop')
      const neverAnswered = status === 'not_asked' || status === 'not_answered'
      updateClient(db, clientId, {
        optOutAt: client.optOutAt ?? now,
        consentDeclinedAt: neverAnswered ? now : client.consentDeclinedAt,
      })
      if (neverAnswered) record(clientId, 'consent_declined', now, { via: 'stop' })
      // A decline on record already: /stop adds the opt-out (what holds a flow's reminder), no event
      else if (client.optOutAt === null) changed(clientId, OPTED_OUT)
      return neverAnswered ? 'declined' : 'already'
    },

    /**
     * A team member withdraws the client's marketing consent on the client's word (`/unsubscribe`
     * in their topic): recorded as withdrawn, by whom ('done'). Only a consent that stands is
     * withdrawn; otherwise nothing changes and the status says why (declined, withdrawn before,
     * never given).
     */
    withdrawByStaff(clientId: number, by: number | undefined): 'done' | ConsentStatus {
      const client = findClientById(db, clientId)
      if (!client) return 'not_asked'
      const { status } = consentFacts(client)
      if (status !== 'granted') return status
      withdraw(client, clock.now(), 'staff', by)
      return 'done'
    },

    isSubscribed,

    /**
     * Marketing may be sent only with consent, without opt-out, to a reachable, existing
     * client who is not on the team (a manager who once agreed to news as a client is
     * no audience for re-engagement, greetings or broadcasts).
     */
    canReceiveMarketing(client: ClientRow): boolean {
      return (
        isSubscribed(client) &&
        client.blockedAt === null &&
        client.deletedAt === null &&
        client.telegramId !== null &&
        !isTeam(client.telegramId)
      )
    },
  }
}
