/**
 * The broadcast worker: sends every sending broadcast's pending recipients in the
 * background, so the bot keeps handling updates meanwhile. It sends through the
 * bulk Api: the bot's one send budget gives broadcasts only what replies and jobs
 * leave (and at most BROADCAST_RATE_PER_S), and a 429 holds the chat for every sender
 * at once; the refused message is put back to pending and waits for the hold unmarked.
 *
 * Exactly-once: a recipient row is marked `sending` when its request leaves — after the
 * send budget gave it its turn, not while it waits for one — and gets its outcome right
 * after. A row found `sending` at start-up was interrupted by a crash: it becomes
 * `uncertain` and is never sent again; one still waiting for the budget (or for a chat's
 * 429 to pass) is `pending` and goes after the restart. Nothing else is ever resent except
 * after a 429, which Telegram answers only for messages it did not deliver, and that only
 * through `leaving` again: the client's consent and the broadcast's status are checked anew.
 *
 * A recipient who gave their own time zone (/timezone) and is in their night when the worker
 * reaches them is not sent to then: their row stays pending, put off to their morning
 * (`not_before`), and the broadcast stays under way until it went. The run ends meanwhile and a
 * `broadcast_wake` job wakes the worker then — the same row, the same marks, so once only.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { type Api, InlineKeyboard } from 'grammy'
import type { ClientRow } from '../../db/schema.ts'
import type { BotApis } from '../bot/api.ts'
import { deliverBroadcast, readPlan, slotsIn } from '../bot/broadcast-message.ts'
import { broadcastForTopic, broadcastName } from '../bot/broadcast-name.ts'
import { defineCallback, idPart } from '../bot/callback-data.ts'
import { logCourtesyFailure } from '../bot/courtesy.ts'
import { translator } from '../bot/keyboards/booking.ts'
import { broadcastMenuCallback, broadcastRestCallback } from '../bot/keyboards/broadcast.ts'
import { classifyTelegramError, type TelegramFailure } from '../bot/telegram-errors.ts'
import { sleepOn } from '../clock.ts'
import type { Deps } from '../deps.ts'
import { clientName, clockTime, offHoursSilence, personLocale } from '../format.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { Logger } from '../logger.ts'
import {
  BROADCAST_START_JOB,
  BROADCAST_WAKE_JOB,
  type BroadcastRecipientRow,
  type BroadcastReport,
  type BroadcastRow,
  type BroadcastWorker,
} from '../services/broadcasts.ts'
import { OUTBOX_KIND, type OwnerAlertPayload } from '../services/handoff/index.ts'

/** The stop button under the progress message. */
export const broadcastStopCallback = defineCallback('bcstop', [idPart])

/** The button that stops a running broadcast (any owner may press it). */
export function broadcastStopKeyboard(id: number, label: string): InlineKeyboard {
  return new InlineKeyboard().text(label, broadcastStopCallback.pack(id))
}

/** "Send it to the rest (N)" under a stopped broadcast's report; `draft`: see `broadcastRestCallback`. */
export function broadcastRestKeyboard(id: number, label: string, draft?: number): InlineKeyboard {
  return new InlineKeyboard().text(
    label,
    draft === undefined ? broadcastRestCallback.pack(id) : broadcastRestCallback.pack(id, draft),
  )
}

/**
 * How many of a stopped broadcast's rest may get it now: the count its report's button carries. A
 * count the read worker could not make is logged and told as none — the report goes without the
 * button rather than not at all.
 */
export async function restOf(deps: Deps, id: number): Promise<number> {
  try {
    return await deps.services.broadcasts.rest(id)
  } catch (err) {
    deps.logger.warn(
      { err, broadcastId: id },
      'could not count who a stopped broadcast did not reach; no button to send it on',
    )
    return 0
  }
}

/** A broadcast's figures in one of its texts (progress, report), in `locale`. */
export function reportText(deps: Deps, b: BroadcastRow, r: BroadcastReport, locale: string, key: LocaleKey): string {
  return deps.i18n.t(locale, key, {
    name: broadcastName(translator(deps.i18n, locale), deps.content, b, locale),
    total: r.total,
    done: r.total - r.pending - r.sending,
    sent: r.sent,
    blocked: r.blocked,
    failed: r.failed,
    skipped: r.skipped,
    uncertain: r.uncertain,
    // Put off to their own morning: still waiting, got it then, or not sent when it was stopped
    waiting: r.waiting,
    morningSent: r.putOff.sent,
    morningSkipped: r.putOff.skipped,
  })
}

/**
 * What the owner's progress messages of a broadcast that ended read, the last and the earlier
 * ones alike: how far it got ("processed 30 of 30"), or — stopped — what was delivered, as the
 * report under it says ("processed 43 of 43" would count the skipped). No Stop, nothing below.
 */
export function endedProgressText(deps: Deps, b: BroadcastRow, locale: string): string {
  const key = b.status === 'cancelled' ? 'broadcast-progress-stopped' : 'broadcast-progress-final'
  return reportText(deps, b, deps.services.broadcasts.report(b.id), locale, key)
}

/**
 * Edits the owner's "🕘 #3 goes at 9:00" notice (its ✖ button comes off) once the broadcast went
 * or was cancelled, so it never offers to cancel what is past — and the earlier messages about it
 * that point to the notice below ("goes on Tue 24 Nov, 9:00, the button below"), so none of them
 * still says it is to go. `except`: the message the owner pressed in, answered in place. Telegram
 * may refuse: the owner deleted one, or it is too old to edit (48 hours in some chats) — then it
 * stays as it was, the others are edited all the same, and the progress message or the answer to
 * the press says what happened; logged, never an error.
 */
export async function editScheduledNotice(
  api: Api,
  log: Logger,
  b: Pick<BroadcastRow, 'id' | 'ownerId' | 'noticeMessageId' | 'earlierNoticeIds'>,
  text: string,
  { except }: { except?: number } = {},
): Promise<void> {
  const notices = [...b.earlierNoticeIds, ...(b.noticeMessageId ? [b.noticeMessageId] : [])]
  for (const messageId of notices) {
    if (messageId === except) continue
    try {
      await api.editMessageText(b.ownerId, messageId, text, { reply_markup: { inline_keyboard: [] } })
    } catch (err) {
      // Gone or too old: info; already saying so: debug; anything else: a warning
      logCourtesyFailure(log.child({ broadcastId: b.id }), err, 'editing the scheduled notice of a broadcast')
    }
  }
}

export interface BroadcastSenderOptions {
  /** Sends in flight at once (Bot API calls take ~50–200 ms; the rate, not this, sets the pace). */
  maxInFlight?: number
  /** How often the owner's progress message is edited, ms of the clock. */
  progressEveryMs?: number
  /** Attempts for a 5xx answer (Telegram did not process it) before the row fails. */
  serverErrorAttempts?: number
}

type Outcome = 'sent' | 'blocked' | 'failed' | 'retry' | 'uncertain'

export interface BroadcastSender extends BroadcastWorker {
  /**
   * At start-up: marks interrupted sends `uncertain` and runs every sending broadcast; the owner
   * of one interrupted by the restart (sending when the worker was made) is told it resumes.
   * Until then `wake` runs nothing.
   */
  start(): void
}

/** `apis`: the bulk clients (src/bot/api.ts), paced by the bot's send budget. */
export function createBroadcastSender(
  deps: Deps,
  apis: Pick<BotApis, 'bulk' | 'bulkOne'>,
  options: BroadcastSenderOptions = {},
): BroadcastSender {
  const api = apis.bulk
  const { clock, services, logger, i18n } = deps
  const { delivery } = services.broadcasts
  const log = logger.child({ component: 'broadcast' })
  /** The staff group's language: a recipient's topic is the team's. */
  const staffT = translator(i18n, deps.config.DEFAULT_LOCALE)
  const maxInFlight = options.maxInFlight ?? 8
  const progressEveryMs = options.progressEveryMs ?? 3000
  const serverErrorAttempts = options.serverErrorAttempts ?? 3
  /** The last progress text shown per broadcast: an unchanged one is not edited again. */
  const shown = new Map<number, string>()
  /**
   * The broadcasts being sent: their run, and what ends its waits (a 429's pause, a message's
   * wait for room in the send budget) when an owner stops it or the worker stops, so neither
   * waits out a pause that sends nothing more. It never cuts short a request already on its way.
   */
  const running = new Map<number, { done: Promise<void>; halt: AbortController }>()
  /**
   * Stopped by an owner: settles once they have been answered ("Stopping…"). That answer is a
   * new message, which waits for its place in the send budget (the broadcast has just been
   * filling it), while the last edit of the progress message ("stopped") is not counted in a
   * private chat and would go at once, overtaking it: the run's last words wait for it.
   */
  const stopAnswered = new Map<number, Promise<void>>()
  /**
   * Woken (a confirmation, a recipient's morning) while a run of it was going: that run may have
   * been ending already, past its last look for rows due, so it looks again once it has ended.
   */
  const wokenWhileRunning = new Set<number>()
  let started = false
  let stopped = false
  let killed = false
  // The broadcasts a restart interrupted, as they stand before any update is taken: one an owner
  // confirms while the bot is still starting (a webhook gets updates before the worker starts)
  // is just beginning, not resumed
  const interruptedByRestart = new Set(delivery.withStatus('sending').map((b) => b.id))

  const localeOf = (telegramId: number) => personLocale(deps, telegramId)
  /** The owner who started it, while they are one: their progress message is kept up to date. */
  const starterIsOwner = (b: BroadcastRow) => services.staff.isOwner(b.ownerId)
  /**
   * Who is told how it went: the owner who started it; once they are no longer one (taken off
   * the team while it ran), every owner instead — the figures are the business's, theirs no more.
   */
  const toldOf = (b: BroadcastRow): number[] => (starterIsOwner(b) ? [b.ownerId] : services.staff.owners())

  function stopKeyboard(id: number, locale: string): InlineKeyboard {
    return broadcastStopKeyboard(id, i18n.t(locale, 'broadcast-stop-button'))
  }

  /** The owner's progress message with the stop button, posted once when the sending starts. */
  async function postProgress(b: BroadcastRow): Promise<void> {
    if (b.progressMessageId || !starterIsOwner(b)) return
    const locale = localeOf(b.ownerId)
    // Put off to the end of the quiet hours: its notice says it went, above the progress below it
    if (b.noticeMessageId && b.startedAt !== null) {
      const at = clockTime(b.startedAt, deps.content.get().business.timezone, locale)
      const name = broadcastName(translator(i18n, locale), deps.content, b, locale)
      await editScheduledNotice(api, log, b, i18n.t(locale, 'broadcast-notice-started', { name, at }))
    }
    const text = reportText(deps, b, services.broadcasts.report(b.id), locale, 'broadcast-progress')
    try {
      const sent = await api.sendMessage(b.ownerId, text, {
        reply_markup: stopKeyboard(b.id, locale),
        ...offHoursSilence(deps.content.get(), clock.now()),
      })
      services.broadcasts.setProgressMessage(b.id, sent.message_id)
      shown.set(b.id, text)
    } catch (err) {
      // The broadcast goes on; the owner gets the final report and can stop it with /cancel
      log.warn({ err, broadcastId: b.id }, 'could not post the progress message')
    }
  }

  /** Edits the owner's progress message when its text changed; the final run also sends the report. */
  async function showProgress(row: BroadcastRow, final: boolean): Promise<void> {
    // Re-read: the progress message id is set by the feature after the run started
    const b = services.broadcasts.get(row.id) ?? row
    const locale = localeOf(b.ownerId)
    const report = services.broadcasts.report(b.id)
    const text = final ? endedProgressText(deps, b, locale) : reportText(deps, b, report, locale, 'broadcast-progress')
    if (b.progressMessageId && shown.get(b.id) !== text && starterIsOwner(b)) {
      try {
        await api.editMessageText(
          b.ownerId,
          b.progressMessageId,
          text,
          final ? {} : { reply_markup: stopKeyboard(b.id, locale) },
        )
        shown.set(b.id, text)
        // Moved below while this edit was on its way (/broadcast's answer is the progress message
        // now): this one keeps no Stop button, which nothing would take off later
        const moved = !final && services.broadcasts.get(b.id)?.progressMessageId !== b.progressMessageId
        if (moved) await api.editMessageReplyMarkup(b.ownerId, b.progressMessageId)
      } catch (err) {
        // Progress is a courtesy: the next update (or the final report) shows the figures anyway
        log.warn({ err, broadcastId: b.id, reason: classifyTelegramError(err).kind }, 'progress update failed')
      }
    }
    if (!final) return
    shown.delete(b.id)
    // The earlier ones pointed below, to its progress and Stop: they read as the last one does now
    if (starterIsOwner(b)) {
      for (const messageId of b.earlierProgressIds) {
        try {
          await api.editMessageText(b.ownerId, messageId, text, { reply_markup: { inline_keyboard: [] } })
        } catch (err) {
          // Deleted, or too old to edit: it stays as it was, the last one and the report say how it ended
          logCourtesyFailure(
            log.child({ broadcastId: b.id }),
            err,
            'editing an earlier progress message of a broadcast',
          )
        }
      }
    }
    // One taken off the team keeps the figures they saw, without a Stop button that does nothing now
    if (b.progressMessageId && !starterIsOwner(b)) {
      await api.editMessageReplyMarkup(b.ownerId, b.progressMessageId).catch((err: unknown) => {
        log.warn({ err, broadcastId: b.id }, "could not take the Stop button off a former owner's progress message")
      })
    }
    const stoppedNow = delivery.status(b.id) === 'cancelled'
    const key = stoppedNow ? 'broadcast-report-cancelled' : 'broadcast-report'
    // Stopped before it reached everyone: the report offers to send it to the rest, exactly them
    const rest = stoppedNow ? await restOf(deps, b.id) : 0
    // A broadcast that waited for clients' own mornings may end in the team's night
    const quiet = offHoursSilence(deps.content.get(), clock.now())
    for (const owner of toldOf(b)) {
      const ownerLocale = localeOf(owner)
      const markup =
        rest > 0
          ? { reply_markup: broadcastRestKeyboard(b.id, i18n.t(ownerLocale, 'broadcast-btn-rest', { count: rest })) }
          : {}
      try {
        await api.sendMessage(owner, reportText(deps, b, report, ownerLocale, key), { ...markup, ...quiet })
      } catch (err) {
        log.error({ err, broadcastId: b.id }, 'the final report did not reach an owner (the figures are in /stats)')
      }
    }
  }

  function classify(failure: TelegramFailure, attempts: number): { outcome: Outcome; error: string } {
    switch (failure.kind) {
      // Not delivered: Telegram's 429 (or the budget's, after a long wait) means try again later
      case 'rate':
        return { outcome: 'retry', error: failure.reason }
      case 'blocked':
        return { outcome: 'blocked', error: failure.reason }
      // Wrote only to the owner's own account (Telegram Business): the bot may not write first
      case 'not-started':
        return { outcome: 'failed', error: 'the client never opened the chat with the bot' }
      case 'server':
        return { outcome: attempts < serverErrorAttempts ? 'retry' : 'failed', error: failure.reason }
      // The request may have reached Telegram, so it is not sent again; one that never left is
      case 'network':
        return failure.mayHaveArrived
          ? { outcome: 'uncertain', error: `network error: ${failure.reason}` }
          : { outcome: attempts < serverErrorAttempts ? 'retry' : 'failed', error: failure.reason }
      default:
        return { outcome: 'failed', error: failure.reason }
    }
  }

  async function sendOne(
    b: BroadcastRow,
    row: BroadcastRecipientRow,
    chatId: number,
    attempts: Map<number, number>,
    halted: AbortSignal,
  ): Promise<void> {
    const plan = readPlan(services.broadcasts.plan(b.id))
    const locale = localeOf(chatId)
    const optOut = { hint: i18n.t(locale, 'broadcast-optout-hint'), button: i18n.t(locale, 'broadcast-optout-button') }
    // Read for the message's {name} only: the rest need no row here
    const name = slotsIn(plan).name.length > 0 ? clientName(services.clients.get(row.clientId)) : ''
    // Marked `sending` only as the request leaves: while it waits for the send budget (behind
    // replies, at BROADCAST_RATE_PER_S) a crash leaves the row pending, and it goes after the
    // restart. A row no longer pending (a cancel skipped it meanwhile) does not go at all, nor
    // does one whose client said /stop or withdrew consent during the wait (skipped then).
    // An owner's stop or the worker's ends that wait at once (`halted`: the call stops waiting
    // and does not go, the row stays pending), so neither waits for the chat's room — up to the
    // bulk client's ten minutes when another sender's 429 holds the chat; a request already on
    // its way is not cut short, its outcome is recorded as usual.
    let departure = 'waiting' as 'waiting' | 'left' | 'withdrawn' // set by `leaving`, which the call runs
    const leaving = () => {
      const goes = !killed && subscribed(row)?.telegramId === chatId && delivery.markSending(b.id, row.clientId)
      departure = goes ? 'left' : 'withdrawn'
      return goes
    }
    try {
      const messageId = await deliverBroadcast(
        apis.bulkOne(leaving, halted),
        chatId,
        { chatId: b.sourceChatId, messageId: b.sourceMessageId },
        plan,
        optOut,
        name,
      )
      if (killed) return
      delivery.setResult(b.id, row.clientId, 'sending', { status: 'sent', messageId, sentAt: clock.now() })
      // One talking with the team: their topic reads what they were sent, or their "yes" to the
      // broadcast would read as an answer to the manager's last question
      services.staffBridge.mirror(row.clientId, staffT('mirror-sent', { what: broadcastForTopic(staffT, b) }))
    } catch (err) {
      if (killed || departure === 'withdrawn') return
      // Stopped while it waited for its turn: never left, still pending — skipped with the rest
      // of a cancelled broadcast, or sent after the restart
      if (departure === 'waiting' && halted.aborted) return
      if (departure === 'waiting') {
        // It never left (the budget had no room in time): still pending, for a later batch
        log.warn({ broadcastId: b.id, err }, 'broadcast message postponed')
        return
      }
      const failure = classifyTelegramError(err)
      // A 429 is Telegram's "not now", not a failed try: only failures count towards giving up
      const tries = (attempts.get(row.clientId) ?? 0) + (failure.kind === 'rate' ? 0 : 1)
      attempts.set(row.clientId, tries)
      const c = classify(failure, tries)
      if (c.outcome === 'retry') {
        // Back to pending: picked up again in a later batch, when the budget has room
        delivery.setResult(b.id, row.clientId, 'sending', { status: 'pending', error: c.error })
        log.warn({ broadcastId: b.id, error: c.error }, 'broadcast message postponed')
        // Telegram's 429 (handed back by the call, which left: `leaving`) holds the chat; its
        // row waits out the pause pending — a crash or the client's /stop meanwhile is seen as
        // its next try leaves — and keeps its place among the sends in flight, so the broadcast
        // does not hurry on to other chats while Telegram asks it to slow down. An owner's stop
        // or the worker's ends the pause at once: the row, still pending, is skipped with the
        // rest of a cancelled broadcast, or goes after the restart
        if (failure.kind === 'rate') await sleepOn(clock, failure.retryAfterMs, halted)
        return
      }
      delivery.setResult(b.id, row.clientId, 'sending', { status: c.outcome, error: c.error })
      if (c.outcome !== 'blocked')
        log.warn({ broadcastId: b.id, clientId: row.clientId, error: c.error }, 'broadcast send failed')
    }
  }

  /**
   * The client to send to (their chat is the row's), or undefined when they may no longer get
   * marketing: the row is
   * then `blocked` if they blocked the bot since the confirmation (counted as a 403 would be),
   * else `skipped` (they unsubscribed, erased their data, joined the team, or wait for the team's
   * answer or after a complaint: the rule the confirmation applied, see db/repositories/segments.ts).
   */
  function subscribed(row: BroadcastRecipientRow): ClientRow | undefined {
    const client = services.clients.get(row.clientId)
    const same = client !== undefined && row.chatId !== null && client.telegramId === row.chatId
    if (same && services.clients.canReceiveMarketing(client) && !services.handoff.owesClient(client.id)) {
      return client
    }
    delivery.setResult(
      row.broadcastId,
      row.clientId,
      'pending',
      same && client.blockedAt !== null
        ? { status: 'blocked', error: 'the client blocked the bot' }
        : { status: 'skipped', error: 'no longer subscribed' },
    )
    return undefined
  }

  /**
   * Their night, on the clock they gave (/timezone): the row waits for their morning, pending, and
   * is taken again then (`not_before`). A client whose zone is unknown gets it now, on the
   * business's clock, as the owner chose to send it. Checked as the worker reaches the row, so a
   * row that comes due is checked again (the client may have given another zone meanwhile).
   */
  function putOffToMorning(b: BroadcastRow, row: BroadcastRecipientRow, client: ClientRow): boolean {
    const morning = services.broadcasts.ownMorning(client.timezone)
    return morning !== undefined && delivery.putOff(b.id, row.clientId, morning)
  }

  async function run(b: BroadcastRow, halted: AbortSignal): Promise<void> {
    /** By client: messages on their way or waiting for the budget (their rows are still pending). */
    const inFlight = new Map<number, Promise<void>>()
    const attempts = new Map<number, number>()
    let lastProgress = clock.now()
    const sending = () => !stopped && delivery.status(b.id) === 'sending'
    log.info({ broadcastId: b.id }, 'broadcast sending')
    await postProgress(b)

    outer: while (sending()) {
      const batch = delivery.pending(b.id, 200 + maxInFlight).filter((row) => !inFlight.has(row.clientId))
      if (batch.length === 0) {
        if (inFlight.size === 0) break
        await Promise.race(inFlight.values())
        continue
      }
      for (const row of batch) {
        if (!sending()) break outer
        // The client may have opted out, erased their data or blocked the bot since the start
        const client = subscribed(row)
        // (Its chat is the row's, never null then: the check above)
        const chatId = client?.telegramId
        if (client === undefined || chatId == null) continue
        if (putOffToMorning(b, row, client)) continue
        inFlight.set(
          row.clientId,
          sendOne(b, row, chatId, attempts, halted).finally(() => inFlight.delete(row.clientId)),
        )
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight.values())
        if (clock.now() - lastProgress >= progressEveryMs) {
          lastProgress = clock.now()
          // A courtesy that reads the database too: its failure is logged, the sending goes on
          showProgress(b, false).catch((err: unknown) =>
            log.warn({ err, broadcastId: b.id }, 'progress could not be shown'),
          )
        }
      }
      // A batch of clients who all left the audience sends nothing, so awaits nothing: the
      // chats get their turn before the next batch
      await nextTurn()
    }
    await Promise.all(inFlight.values())
    if (killed) return // still `sending`: the next start resumes it
    // Stopped (a SIGTERM) with messages left, due or put off: the next start resumes it. One the
    // stop let finish ends now, with its report, not as "restarted during the broadcast" on the next start
    if (stopped && delivery.status(b.id) === 'sending' && delivery.anyPending(b.id)) return
    // Only rows put off to their recipients' morning are left: it stays under way (its Stop, /cancel
    // and /broadcast name it) and the worker is woken when the first comes due; the owner's
    // progress message says how many wait, with its Stop button
    if (delivery.status(b.id) === 'sending' && delivery.wakeForMorning(b.id) !== undefined) {
      log.info({ broadcastId: b.id }, "broadcast waits for its recipients' morning")
      await showProgress(b, false)
      return
    }

    // Cancelled: anything a 429 put back after the cancel is skipped too
    if (delivery.status(b.id) === 'cancelled') await delivery.skipStopped(b.id)
    else delivery.finish(b.id, 'done')
    const report = services.broadcasts.report(b.id)
    log.info({ broadcastId: b.id, ...report }, 'broadcast finished')
    // The owner's "Stopping…" goes first; the stop handler settles this in a `finally`, and never
    // rejects it (its answer failing is its own to log), so the report is never held for good
    await stopAnswered.get(b.id)
    stopAnswered.delete(b.id)
    await showProgress(b, true)
  }

  function launch(b: BroadcastRow): void {
    if (running.has(b.id) || stopped) return
    const halt = new AbortController()
    const entry = {
      halt,
      done: run(b, halt.signal)
        .catch((err) => log.error({ err, broadcastId: b.id }, 'broadcast worker failed; it resumes on the next start'))
        .finally(() => {
          if (running.get(b.id) === entry) running.delete(b.id)
          if (wokenWhileRunning.delete(b.id)) worker.wake()
        }),
    }
    running.set(b.id, entry)
  }

  /** Ends every wait of the broadcasts being sent (the worker stops). */
  function haltAll(): void {
    for (const { halt } of running.values()) halt.abort()
  }

  const worker: BroadcastSender = {
    start() {
      started = true
      const interrupted = delivery.markInterruptedUncertain()
      for (const b of delivery.withStatus('sending')) {
        if (!interruptedByRestart.has(b.id)) {
          launch(b)
          continue
        }
        const uncertain = interrupted.get(b.id) ?? 0
        // Only waiting for its recipients' morning, nothing cut short: no news for the owners (a
        // deploy at night would wake them with "restarted during the broadcast")
        if (uncertain === 0 && delivery.waitsForMornings(b.id)) {
          launch(b)
          continue
        }
        log.warn({ broadcastId: b.id, uncertain }, 'resuming a broadcast after a restart')
        for (const owner of toldOf(b)) {
          void api
            .sendMessage(
              owner,
              i18n.t(localeOf(owner), 'broadcast-resumed', {
                name: broadcastName(translator(i18n, localeOf(owner)), deps.content, b, localeOf(owner)),
                uncertain,
              }),
            )
            .catch((err) => log.warn({ err, broadcastId: b.id }, 'could not tell an owner about the resume'))
        }
        launch(b)
      }
    },
    wake() {
      if (!started) return
      for (const b of delivery.withStatus('sending')) {
        if (running.has(b.id)) wokenWhileRunning.add(b.id)
        else launch(b)
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.done))
    },
    cancelled(id, answered) {
      const run = running.get(id)
      if (run) {
        if (answered) stopAnswered.set(id, answered)
        run.halt.abort()
        return
      }
      // Not being sent now: it waited for its recipients' morning. A run ends it as any stopped
      // one ends: the rows left skipped, its progress message "stopped", the report (`isRunning`)
      if (!started || stopped) return
      const b = services.broadcasts.get(id)
      if (!b) return
      if (answered) stopAnswered.set(id, answered)
      launch(b)
    },
    async stop() {
      stopped = true
      haltAll()
      await worker.idle()
    },
    kill() {
      killed = true
      stopped = true
      haltAll()
    },
    // One waiting for its recipients' morning is this worker's to end, as `cancelled` does
    isRunning: (id) => running.has(id) || (started && !stopped && delivery.status(id) === 'sending'),
    async scheduledEmpty(b, heldBack, left) {
      const locale = localeOf(b.ownerId)
      const text = i18n.t(locale, 'broadcast-scheduled-empty', scheduledEmptyArgs(deps, b, locale, heldBack, left))
      await editScheduledNotice(api, log, b, text)
    },
  }
  return worker
}

/**
 * How many of the draft's segment wait for a manager after a complaint: what the owner is told
 * about a draft that found nobody. A count the read worker could not make is logged and told as
 * none — the owner still hears the broadcast did not go, and why as far as known.
 */
async function heldBackOf(deps: Deps, row: BroadcastRow): Promise<number> {
  try {
    return (await deps.services.broadcasts.countWithHeld(deps.services.broadcasts.segmentOf(row))).heldBack
  } catch (err) {
    deps.logger.warn({ err, broadcastId: row.id }, 'could not count who the empty broadcast left out; told as none')
    return 0
  }
}

/**
 * Why a draft put off to the end of the quiet hours found nobody then: all who fit wait after a
 * complaint, or the `left` clients who fit when it was planned have unsubscribed, blocked the bot or
 * erased their data since, or none fit at all — and which draft, named in `locale`.
 */
function scheduledEmptyArgs(
  deps: Deps,
  b: Pick<BroadcastRow, 'id' | 'number' | 'plan' | 'segment'>,
  locale: string,
  heldBack: number,
  left: number,
) {
  // Which of five wordings: held back or gone since, one ("the one client") or more, or nobody at all
  const who =
    heldBack === 1 ? 'one' : heldBack > 1 ? 'several' : left === 1 ? 'left-one' : left > 1 ? 'left-several' : 'none'
  return { name: broadcastName(translator(deps.i18n, locale), deps.content, b, locale), held: heldBack, left, who }
}

/**
 * A draft the owner chose to send when the quiet hours end: confirmed now, as their "Send" would
 * (the worker then posts its progress to them). One sent or discarded meanwhile is left alone;
 * one whose segment selects nobody any more stays a draft, and the owner is told.
 * And a broadcast whose rows waited for their recipients' morning: the worker takes them now.
 */
export function registerBroadcastStart(deps: Deps): void {
  deps.scheduler.register(BROADCAST_WAKE_JOB, async ({ broadcastId }) => {
    // Stopped meanwhile: its rows were skipped with the rest
    if (deps.services.broadcasts.delivery.status(broadcastId) !== 'sending') {
      return { status: 'skipped', reason: 'no longer being sent' }
    }
    deps.services.broadcasts.worker()?.wake()
    return { status: 'done' }
  })
  deps.scheduler.register(BROADCAST_START_JOB, async ({ broadcastId }) => {
    const planned = deps.services.broadcasts.get(broadcastId)
    if (planned?.status === 'draft' && !deps.services.staff.isOwner(planned.ownerId)) {
      // Its author is no owner any more: nothing goes in their name; the owners hear why, each
      // told which one in their own language (its recipients in words)
      await deps.services.broadcasts.discard(broadcastId)
      for (const ownerId of deps.services.staff.owners()) {
        const locale = personLocale(deps, ownerId)
        const name = broadcastName(translator(deps.i18n, locale), deps.content, planned, locale)
        deps.services.handoff.route.tellPerson(ownerId, [{ key: 'broadcast-scheduled-dropped', args: { name } }])
      }
      return { status: 'skipped', reason: 'its author is no owner any more' }
    }
    const result = await deps.services.broadcasts.confirm(broadcastId)
    if (result.ok) return { status: 'done' }
    if (result.reason === 'not-draft') return { status: 'skipped', reason: 'sent or discarded meanwhile' }
    // Nobody to send to: a draft again, no longer named as scheduled by /broadcast and /cancel;
    // its notice says it did not go (not "goes at 9:00" with a ✖ any more), and the owner is told
    // in a new message too: the notice may be far up the chat, and its edit makes no sound
    const left = result.left
    const row = deps.services.broadcasts.get(broadcastId)
    // A client who waits for a manager after a complaint is left out: often the only one, and the
    // owner would not know why nobody fits. Counted before the draft is unscheduled: a count that
    // failed after it would leave a draft nobody is told of
    const heldBack = row ? await heldBackOf(deps, row) : 0
    deps.services.broadcasts.unschedule(broadcastId)
    if (row) {
      await deps.services.broadcasts.worker()?.scheduledEmpty(row, heldBack, left)
      // The draft stays: its recipients menu is a tap away, the message needs no typing again
      const label = deps.i18n.t(personLocale(deps, row.ownerId), 'broadcast-btn-change')
      deps.services.handoff.route.toLane({ chatId: row.sourceChatId, clientId: null }, OUTBOX_KIND.ownerAlert, {
        lines: [
          {
            key: 'broadcast-scheduled-empty',
            args: scheduledEmptyArgs(deps, row, personLocale(deps, row.ownerId), heldBack, left),
          },
          { key: 'broadcast-scheduled-empty-kept' },
        ],
        buttons: [[{ text: label, data: broadcastMenuCallback.pack(broadcastId, 'menu') }]],
      } satisfies OwnerAlertPayload)
    }
    return { status: 'skipped', reason: 'the segment selects nobody now' }
  })
}
