/**
 * The broadcast worker: sends every sending broadcast's pending recipients at one global
 * rate (BROADCAST_RATE_PER_S, ≤ Telegram's ~30/s), in the background, so the bot keeps
 * handling updates meanwhile.
 *
 * Exactly-once: a recipient row is marked `sending` right before its Bot API call and
 * gets its outcome right after. A row found `sending` at start-up was interrupted by a
 * crash: it becomes `uncertain` and is never sent again. Nothing else is ever resent
 * except after a 429, which Telegram answers only for messages it did not deliver.
 *
 * It uses its own Api without auto-retry: auto-retry would sleep inside each call on a
 * 429 while the other calls in flight keep hitting the limit; here one 429 pauses every
 * send until `retry_after` has passed.
 */
import { Api, GrammyError, HttpError, InlineKeyboard } from 'grammy'
import {
  type BroadcastRecipientRow,
  type BroadcastRow,
  broadcastStatus,
  broadcastsWithStatus,
  finishBroadcast,
  markInterruptedUncertain,
  markRecipientSending,
  pendingRecipients,
  setRecipientResult,
  skipPendingRecipients,
} from '../../db/repositories/broadcasts.ts'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { deliverBroadcast, readPlan } from '../bot/broadcast-message.ts'
import { defineCallback, idPart } from '../bot/callback-data.ts'
import { type Clock, sleepOn } from '../clock.ts'
import type { Deps } from '../deps.ts'
import { clientLocale } from '../format.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { BroadcastReport, BroadcastWorker } from '../services/broadcasts.ts'

/** The stop button under the progress message. */
export const broadcastStopCallback = defineCallback('bcstop', [idPart])

export interface BroadcastSenderOptions {
  /** Sends in flight at once (Bot API calls take ~50–200 ms; the rate, not this, sets the pace). */
  maxInFlight?: number
  /** How often the owner's progress message is edited, ms of the clock. */
  progressEveryMs?: number
  /** Attempts for a 5xx answer (Telegram did not process it) before the row fails. */
  serverErrorAttempts?: number
}

/**
 * Paces calls at `rate` per second on the clock's time. Slots follow a fixed schedule
 * (start + n × interval), so rounding never lets more than `rate` calls into one second;
 * a late caller may use a missed slot but never builds up a burst. `pause` (after a 429)
 * holds every slot until the given instant.
 */
export class Pacer {
  private readonly interval: number
  private epoch = 0
  private n = 0
  private pausedUntil = 0

  constructor(
    private readonly clock: Clock,
    rate: number,
  ) {
    this.interval = 1000 / rate
  }

  private slot(): number {
    return this.epoch + this.n * this.interval
  }

  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      if (this.pausedUntil > now) {
        await sleepOn(this.clock, this.pausedUntil - now)
        continue
      }
      // Idle for more than one slot: restart the schedule now (no catch-up burst)
      if (this.slot() < now - this.interval) {
        this.epoch = now
        this.n = 0
      }
      const at = this.slot()
      if (at <= now) {
        this.n++
        return
      }
      await sleepOn(this.clock, at - now)
    }
  }

  pause(until: number): void {
    if (until <= this.pausedUntil) return
    this.pausedUntil = until
    this.epoch = until
    this.n = 0
  }
}

type Outcome = 'sent' | 'blocked' | 'failed' | 'retry' | 'uncertain'

export interface BroadcastSender extends BroadcastWorker {
  /** At start-up: marks interrupted sends `uncertain` and resumes every sending broadcast. */
  start(): void
}

export function createBroadcastSender(deps: Deps, api: Api, options: BroadcastSenderOptions = {}): BroadcastSender {
  const { db, clock, config, services, logger, i18n } = deps
  const log = logger.child({ component: 'broadcast' })
  const maxInFlight = options.maxInFlight ?? 8
  const progressEveryMs = options.progressEveryMs ?? 3000
  const serverErrorAttempts = options.serverErrorAttempts ?? 3
  // Same token, root and fetch as the bot, none of its transformers (no auto-retry)
  const raw = new Api(api.token, api.options)
  const pacer = new Pacer(clock, config.BROADCAST_RATE_PER_S)
  const running = new Map<number, Promise<void>>()
  let stopped = false
  let killed = false

  const localeOf = (telegramId: number) => clientLocale(findClientByTelegramId(db, telegramId), deps)

  function reportText(b: BroadcastRow, r: BroadcastReport, locale: string, key: LocaleKey): string {
    return i18n.t(locale, key, {
      id: b.id,
      total: r.total,
      done: r.total - r.pending - r.sending,
      sent: r.sent,
      blocked: r.blocked,
      failed: r.failed,
      skipped: r.skipped,
      uncertain: r.uncertain,
    })
  }

  async function showProgress(row: BroadcastRow, final: boolean): Promise<void> {
    // Re-read: the progress message id is set by the feature after the run started
    const b = services.broadcasts.get(row.id) ?? row
    const locale = localeOf(b.ownerId)
    const report = services.broadcasts.report(b.id)
    const status = broadcastStatus(db, b.id)
    try {
      if (b.progressMessageId) {
        await raw.editMessageText(
          b.ownerId,
          b.progressMessageId,
          reportText(b, report, locale, final ? 'broadcast-progress-final' : 'broadcast-progress'),
          final
            ? {}
            : {
                reply_markup: new InlineKeyboard().text(
                  i18n.t(locale, 'broadcast-stop-button'),
                  broadcastStopCallback.pack(b.id),
                ),
              },
        )
      }
      if (final) {
        await raw.sendMessage(
          b.ownerId,
          reportText(b, report, locale, status === 'cancelled' ? 'broadcast-report-cancelled' : 'broadcast-report'),
        )
      }
    } catch (err) {
      // Progress is a courtesy: a failed edit ("message is not modified", a 429) never stops a broadcast
      log.debug({ err, broadcastId: b.id }, 'progress update failed')
    }
  }

  function classify(err: unknown, attempts: number): { outcome: Outcome; error: string; retryAfterMs?: number } {
    if (err instanceof GrammyError) {
      if (err.error_code === 429) {
        const seconds = err.parameters.retry_after ?? 5
        return { outcome: 'retry', error: err.description, retryAfterMs: seconds * 1000 }
      }
      if (err.error_code === 403) return { outcome: 'blocked', error: err.description }
      if (err.error_code >= 500 && attempts < serverErrorAttempts) {
        return { outcome: 'retry', error: err.description, retryAfterMs: 1000 * attempts }
      }
      return { outcome: 'failed', error: err.description }
    }
    // A network error: the request may have reached Telegram, so it is not sent again
    if (err instanceof HttpError) return { outcome: 'uncertain', error: `network error: ${err.message}` }
    return { outcome: 'failed', error: err instanceof Error ? err.message : String(err) }
  }

  async function sendOne(b: BroadcastRow, row: BroadcastRecipientRow, attempts: Map<number, number>): Promise<void> {
    const plan = readPlan(services.broadcasts.plan(b.id))
    const locale = localeOf(row.chatId)
    const optOut = { hint: i18n.t(locale, 'broadcast-optout-hint'), button: i18n.t(locale, 'broadcast-optout-button') }
    try {
      const messageId = await deliverBroadcast(
        raw,
        row.chatId,
        { chatId: b.sourceChatId, messageId: b.sourceMessageId },
        plan,
        optOut,
      )
      if (killed) return
      setRecipientResult(db, b.id, row.clientId, 'sending', { status: 'sent', messageId, sentAt: clock.now() })
    } catch (err) {
      if (killed) return
      const tries = (attempts.get(row.clientId) ?? 0) + 1
      attempts.set(row.clientId, tries)
      const c = classify(err, tries)
      if (c.outcome === 'retry') {
        pacer.pause(clock.now() + (c.retryAfterMs ?? 1000))
        setRecipientResult(db, b.id, row.clientId, 'sending', { status: 'pending', error: c.error })
        log.warn({ broadcastId: b.id, retryAfterMs: c.retryAfterMs, error: c.error }, 'broadcast paused by Telegram')
        return
      }
      if (c.outcome === 'blocked') services.clients.markBlocked(row.chatId)
      setRecipientResult(db, b.id, row.clientId, 'sending', { status: c.outcome, error: c.error })
      if (c.outcome !== 'blocked')
        log.warn({ broadcastId: b.id, clientId: row.clientId, error: c.error }, 'broadcast send failed')
    }
  }

  /** False (and the row skipped) when the client may no longer get marketing. */
  function stillSubscribed(row: BroadcastRecipientRow): boolean {
    const client = services.clients.get(row.clientId)
    if (client && client.telegramId === row.chatId && services.clients.canReceiveMarketing(client)) return true
    setRecipientResult(db, row.broadcastId, row.clientId, 'pending', {
      status: 'skipped',
      error: 'no longer subscribed',
    })
    return false
  }

  async function run(b: BroadcastRow): Promise<void> {
    const inFlight = new Set<Promise<void>>()
    const attempts = new Map<number, number>()
    let lastProgress = clock.now()
    const sending = () => !stopped && broadcastStatus(db, b.id) === 'sending'
    log.info({ broadcastId: b.id }, 'broadcast sending')

    outer: while (sending()) {
      const batch = pendingRecipients(db, b.id, 200)
      if (batch.length === 0) {
        if (inFlight.size === 0) break
        await Promise.race(inFlight)
        continue
      }
      for (const row of batch) {
        if (!sending()) break outer
        // The client may have opted out, erased their data or blocked the bot since the start:
        // checked before waiting for a slot (no slot wasted) and again right before the send
        if (!stillSubscribed(row)) continue
        await pacer.take()
        if (!sending()) break outer
        if (!stillSubscribed(row)) continue
        if (!markRecipientSending(db, b.id, row.clientId)) continue
        const p: Promise<void> = sendOne(b, row, attempts).finally(() => inFlight.delete(p))
        inFlight.add(p)
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight)
        if (clock.now() - lastProgress >= progressEveryMs) {
          lastProgress = clock.now()
          void showProgress(b, false)
        }
      }
    }
    await Promise.all(inFlight)
    if (killed || stopped) return // still `sending`: the next start resumes it

    // Cancelled: anything a 429 put back after the cancel is skipped too
    if (broadcastStatus(db, b.id) === 'cancelled') skipPendingRecipients(db, b.id, 'cancelled')
    else finishBroadcast(db, b.id, 'done', clock.now())
    const report = services.broadcasts.report(b.id)
    log.info({ broadcastId: b.id, ...report }, 'broadcast finished')
    await showProgress(b, true)
  }

  function launch(b: BroadcastRow): void {
    if (running.has(b.id) || stopped) return
    const p = run(b)
      .catch((err) => log.error({ err, broadcastId: b.id }, 'broadcast worker failed; it resumes on the next start'))
      .finally(() => {
        if (running.get(b.id) === p) running.delete(b.id)
      })
    running.set(b.id, p)
  }

  const worker: BroadcastSender = {
    start() {
      const interrupted = markInterruptedUncertain(db)
      for (const b of broadcastsWithStatus(db, 'sending')) {
        const uncertain = interrupted.get(b.id) ?? 0
        log.warn({ broadcastId: b.id, uncertain }, 'resuming a broadcast after a restart')
        const locale = localeOf(b.ownerId)
        void raw
          .sendMessage(b.ownerId, i18n.t(locale, 'broadcast-resumed', { id: b.id, uncertain }))
          .catch((err) => log.debug({ err }, 'could not tell the owner about the resume'))
        launch(b)
      }
    },
    wake() {
      for (const b of broadcastsWithStatus(db, 'sending')) launch(b)
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()])
    },
    async stop() {
      stopped = true
      await worker.idle()
    },
    kill() {
      killed = true
      stopped = true
    },
    isRunning: (id) => running.has(id),
  }
  return worker
}
