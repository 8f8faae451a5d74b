/**
 * The SLA of a handoff: a durable job at `opened + sla_minutes` of working
 * time. Nobody answered by then → the topic and the owners are alerted, the
 * client gets an apology, an honest new ETA (or when the team is back) and a
 * callback offer. The alert is not held back, the apology is in quiet hours (a deadline
 * caught up after downtime at night): it waits for the morning, said then in the words true
 * then, unless a manager answered meanwhile. A manager's first answer cancels the job; the
 * handler re-checks anyway. The time promised to the client is then checked too (`promisedAt`,
 * up to WAIT_REMINDERS rounds; at the first, the client hears the time passed only if the team has
 * closed since: one apology a wait): those checks are not cancelled by an answer, close or
 * erasure — each finds the request answered, closed or gone when it comes up, and ends there.
 *
 * HANDOFF_REPLY_JOB does the same for a client's message written after the team answered: its
 * answer time (the client apologised to once, with a new time — checked by the same promise
 * rounds, `since`), else each working day; an answer or "Is your question solved?" ends the wait.
 * Both remind the team of one wait WAIT_REMINDERS times at most (a working week); a client who
 * writes again after that is one more round's last reminder (`remindAgain` in the lifecycle).
 */
import { InlineKeyboard } from 'grammy'
import { jobStatusByKey } from '../../db/repositories/jobs.ts'
import type { ClientRow } from '../../db/schema.ts'
import type { BotApis } from '../bot/api.ts'
import { clientChat, unreachableReason } from '../bot/client-chat.ts'
import type { Translate } from '../bot/context.ts'
import { clientVoice } from '../bot/followup-texts.ts'
import { backAtText } from '../bot/handoff/texts.ts'
import { callWhen, callZone } from '../bot/keyboards/booking.ts'
import { clientMarkup, menuCallback } from '../bot/keyboards/main-menu.ts'
import { zoneForReader } from '../bot/reader-zone.ts'
import { isBlockedError } from '../bot/telegram-errors.ts'
import { asksForACall, takesBackACall } from '../bot/typed-answers.ts'
import type { Deps } from '../deps.ts'
import { businessCalendar, formatWhen } from '../format.ts'
import { timezoneOf } from '../services/followups/index.ts'
import {
  HANDOFF_REPLY_JOB,
  HANDOFF_SLA_JOB,
  OWNERS_WAITING_JOB,
  RATED_LOW_JOB,
  replyKey,
  slaKey,
  type Unreachable,
  WAIT_REMINDERS,
  waitingSince,
} from '../services/handoff/index.ts'
import { addWorkingMinutes, afterQuietHours, DAY_MS, isWorkingTime, nextWorkingTime } from '../services/time.ts'

/** The dedupe key of the check of a promised time, round `round`: a first answer's, or the wait's since `since`. */
const promiseKey = (handoffId: number, round: number, since?: number) =>
  `${slaKey(handoffId)}${since === undefined ? '' : `:wait:${since}`}:promise:${round}`

/**
 * How many of the client's newest texts the apology reads for a callback asked in the request
 * (`callAsked`): a request waiting for its apology holds a few; a bound all the same.
 */
const CALL_ASK_READ = 100

/** How soon the SLA check looks again while a staff answer is still on its way to the client. */
const ANSWER_UNDERWAY_RECHECK_MS = 60_000

/** How soon the SLA check looks again while the request itself is still on its way to the staff group. */
const REQUEST_UNDERWAY_RECHECK_MS = 60_000

export function registerHandoffJobs(deps: Deps, apis: Pick<BotApis, 'jobsOne'>): void {
  /**
   * An apology's words in the client's language, and the zone of a time in it as they read it:
   * the business's, with their own clock beside it once they gave their zone (/timezone).
   */
  const apologyVoice = (client: ClientRow) => {
    const voice = clientVoice(deps, client)
    const businessTz = deps.content.get().business.timezone
    const zone = (at: number) =>
      zoneForReader(voice.t, { businessTz, clientTz: client.timezone, locale: voice.locale, at })
    return { ...voice, zone }
  }

  const { handoff } = deps.services

  /**
   * The check of the time the client was promised (`told`; or, when the bot could not tell
   * them, the time the team should have answered by then; `back`: they were told only when the
   * team is back, `promisedAt`, and checked one answer time after it): round `round` at `at`
   * (none past the last). `since`: the promise was made for the client's message in an answered
   * request, written then, not for the request's first answer.
   */
  const checkPromise = (
    request: { id: number; clientId: number },
    promisedAt: number,
    round: number,
    at: number | undefined,
    { told = true, back = false, since }: { told?: boolean; back?: boolean; since?: number | undefined } = {},
  ) => {
    if (at === undefined || round > WAIT_REMINDERS) return
    deps.scheduler.enqueue(HANDOFF_SLA_JOB, {
      runAt: at,
      payload: {
        handoffId: request.id,
        promisedAt,
        round,
        ...(told ? {} : { told }),
        ...(back ? { back } : {}),
        ...(since === undefined ? {} : { since }),
      },
      clientId: request.clientId,
      dedupeKey: promiseKey(request.id, round, since),
    })
  }

  /** The owner's account, named, when the client's chat is with it and closed to the bot (the team cannot answer from the topic). */
  const ownerOnly = (client: Pick<ClientRow, 'id' | 'lastSeenAt'>): string | undefined =>
    deps.services.business.route(client).via === 'blocked' ? deps.services.business.accountOf(client) : undefined

  /**
   * Why an answer from the topic cannot reach the client now, for a reminder that they wait: the
   * owner's account only, or they blocked the bot (as Telegram told it, my_chat_member "kicked";
   * a block this run's own message would find comes after the reminder, which is written first).
   */
  const unreachable = (client: ClientRow): Unreachable | undefined => {
    const account = ownerOnly(client)
    if (account !== undefined) return { ownerOnly: account }
    return client.blockedAt !== null && deps.services.business.route(client).via === 'bot'
      ? { blocked: true }
      : undefined
  }

  /**
   * The apology's last sentence and its buttons: a call offered — or, booked already, named
   * ("book a call" to someone who has one sent them to be told so by the booking flow); asked for
   * in any of the client's words of the request (`callAsked`), with a number to call on, that it
   * is remembered: "book a call" told them their words were not read (without a number, booking
   * asks for one: it stays offered).
   */
  const callOffer = (
    client: ClientRow,
    request: { reason: string; detail: string | null; openedAt: number },
    t: Translate,
    locale: string,
    now: number,
  ) => {
    const tz = deps.content.get().business.timezone
    const [call] = deps.services.booking.upcomingFor(client.id)
    if (!call && client.phone !== null && callAsked(client, request)) {
      return {
        text: t('handoff-sla-call-asked'),
        keyboard: new InlineKeyboard().text(t('menu-back'), menuCallback.pack('main')),
      }
    }
    // A "call me now" past its time is late, not standing: said so, as /mybookings says it
    const late = call?.kind === 'now' && call.slotEnd <= now
    const text = call
      ? t(late ? 'handoff-sla-call-late' : 'handoff-sla-call-kept', {
          when: callWhen(call, { tz, locale, now, t }),
          zone: callZone(call, tz, locale, { t, clientTz: client.timezone }),
        })
      : t('handoff-sla-book')
    const keyboard = new InlineKeyboard()
      .text(t(call ? 'menu-mine' : 'menu-booking'), menuCallback.pack(call ? 'mine' : 'booking'))
      .row()
      .text(t('menu-back'), menuCallback.pack('main'))
    return { text, keyboard }
  }

  /**
   * Whether the client asked to be called back in the request, and still wants it: in the words
   * that opened it ("Перезвоните +7 916 …") or in any of their messages since ("здравствуйте… есть
   * окошко сегодня?", then "и перезвоните мне в 11:30, +7 916 …" — only the opening words were
   * read, and the apology offered to book the call they had asked for). Their newest CALL_ASK_READ
   * texts, the newest word about a call deciding: one taken back since ("звонить не надо, лучше
   * напишите"), or a call of theirs cancelled since (its Cancel button), is no longer promised —
   * "we have not forgotten: a manager will call" went to a client who had said not to.
   */
  const callAsked = (client: ClientRow, request: { reason: string; detail: string | null; openedAt: number }) => {
    const said = deps.services.clients
      .textsSince(client.id, request.openedAt, CALL_ASK_READ)
      .find((text) => asksForACall(text.text) || takesBackACall(text.text))
    const askedAt =
      said !== undefined
        ? asksForACall(said.text)
          ? said.at
          : undefined
        : request.reason === 'question' && request.detail !== null && asksForACall(request.detail)
          ? request.openedAt
          : undefined
    return askedAt !== undefined && !deps.services.booking.anyCancelledSince(client.id, askedAt)
  }

  /**
   * What every message to a client still waiting carries, when the bot may write to them now:
   * not once they blocked it, not in the owner's chat while the team answers there, not in their
   * quiet hours (a night's silence is expected; the team is reminded all the same). Undefined
   * when it may not.
   */
  const waitingChat = (client: ClientRow, telegramId: number): { business_connection_id?: string } | undefined => {
    const content = deps.content.get()
    const now = deps.clock.now()
    const chat = clientChat(deps, client, telegramId)
    if (client.blockedAt !== null) return undefined
    if (!chat.ok || (chat.business !== null && !deps.services.business.answersNow())) return undefined
    const zone = timezoneOf(client, content.business.timezone)
    return afterQuietHours(now, zone, content.followups.quiet_hours) > now ? undefined : chat.extra
  }

  /** Says a text of `words` (in the client's voice), with the call offer under it, to a client still waiting (`waitingChat`). */
  const sayToWaiting = async (
    client: ClientRow,
    telegramId: number,
    request: { reason: string; detail: string | null; openedAt: number },
    leaving: () => boolean,
    words: (voice: ReturnType<typeof apologyVoice>, now: number) => string,
  ): Promise<void> => {
    const extra = waitingChat(client, telegramId)
    if (extra === undefined) return
    const now = deps.clock.now()
    const voice = apologyVoice(client)
    const offer = callOffer(client, request, voice.t, voice.locale, now)
    try {
      await apis.jobsOne(leaving).sendMessage(telegramId, `${words(voice, now)} ${offer.text}`, {
        ...extra,
        ...clientMarkup({ businessConnectionId: extra.business_connection_id }, offer.keyboard, { offers: 'booking' }),
      })
    } catch (err) {
      // Marked blocked by the API layer; the team is reminded all the same
      if (!isBlockedError(err)) throw err
    }
  }

  /** By when a client apologised to now is told they will be answered: an answer time on, or — outside working hours — when the team is back. */
  const answerBy = (now: number): { at: number; back: boolean } | undefined => {
    const content = deps.content.get()
    const cal = businessCalendar(content)
    const back = isWorkingTime(now, cal) ? undefined : nextWorkingTime(now, cal)
    if (back !== undefined) return { at: back, back: true }
    const eta = addWorkingMinutes(now, content.handoff.sla_minutes, cal)
    return eta === undefined ? undefined : { at: eta, back: false }
  }

  /**
   * "Sorry for the wait, we will answer by 12:30": the time one answer time from `now` (or when
   * the team is back, outside working hours; with no working time ahead, no time).
   */
  const apologyText = ({ t, locale, name, zone }: ReturnType<typeof apologyVoice>, client: ClientRow, now: number) => {
    const tz = deps.content.get().business.timezone
    const by = answerBy(now)
    if (by === undefined) return t('handoff-sla-client-unknown', { name })
    return by.back
      ? t('handoff-sla-client-closed', {
          name,
          back: backAtText(t, by.at, tz, locale, now, timezoneOf(client, tz)),
          zone: zone(by.at),
        })
      : t('handoff-sla-client', { name, time: formatWhen(by.at, tz, locale, now), zone: zone(by.at) })
  }

  /**
   * "We could not answer by 16:00, and we are closed now: back on Monday at 10:00", to a client
   * still waiting past the time the apology gave when the team has closed since: they would
   * otherwise wait out the night or the weekend on a time long gone. While the team is at work
   * nothing: one apology a wait (a client who wrote at 23:40 heard "sorry, by 10:30" at 10:15 and
   * "sorry, not by 10:30" at 10:30 — the team and the owners are told, the promise is theirs to
   * keep). Told only when the team is back (`back`), they hear that it was back at that time: the
   * check's own time, one answer time later, was never theirs.
   */
  const sayPromiseMissed = async (
    client: ClientRow,
    telegramId: number,
    promised: { at: number; back: boolean },
    request: { reason: string; detail: string | null; openedAt: number },
    leaving: () => boolean,
  ): Promise<void> => {
    const content = deps.content.get()
    const back = isWorkingTime(deps.clock.now(), businessCalendar(content))
      ? undefined
      : nextWorkingTime(deps.clock.now(), businessCalendar(content))
    if (back === undefined) return
    await sayToWaiting(client, telegramId, request, leaving, ({ t, locale, name, zone }, now) => {
      const tz = content.business.timezone
      return t(promised.back ? 'handoff-promise-missed-back-closed' : 'handoff-promise-missed-closed', {
        name,
        time: formatWhen(promised.at, tz, locale, now),
        back: backAtText(t, back, tz, locale, now, timezoneOf(client, tz)),
        zone: zone(back),
      })
    })
  }

  deps.scheduler.register(OWNERS_WAITING_JOB, async () =>
    handoff.ownersWaiting() > 0
      ? { status: 'done' }
      : { status: 'skipped', reason: 'nobody waits past their answer time' },
  )

  deps.scheduler.register(RATED_LOW_JOB, async ({ handoffId }) =>
    handoff.ratedLowAlone(handoffId)
      ? { status: 'done' }
      : { status: 'skipped', reason: 'the client rated the quality too: both were alerted together' },
  )

  deps.scheduler.register(HANDOFF_SLA_JOB, async ({ handoffId, promisedAt, round = 1, since, ...said }, _job, run) => {
    // How the time was given: at all (`told`), and whether it was only the team's return (`back`)
    const { told = true, back: toldBack = false } = said
    const current = handoff.handoff(handoffId)
    if (!current || current.status === 'closed') return { status: 'skipped', reason: 'the request is closed' }
    if (since !== undefined) {
      // A promise made for the client's message in an answered request: its wait ends as the
      // reply check's does (an answer, "Is your question solved?"); a newer wait has its own
      if (current.status === 'closing')
        return { status: 'skipped', reason: 'the client was asked to close the request' }
      if (waitingSince(current) !== since) return { status: 'skipped', reason: 'the team answered, or it was settled' }
    } else if (current.firstResponseAt !== null) {
      const reason = current.slaBreachedAt === null ? 'a manager answered in time' : 'a manager answered meanwhile'
      return { status: 'skipped', reason }
    } else if (current.settledAt !== null) {
      return { status: 'skipped', reason: 'the client settled it themselves: nothing is owed' }
    }
    if (current.status === 'closing') {
      // Staff asked "Is your question solved?" before anyone answered: the request waits for the
      // client now, not for the team. Their "No" puts it back on the team's clock, so the check
      // comes again one answer time later instead of ending here.
      const content = deps.content.get()
      const at = addWorkingMinutes(deps.clock.now(), content.handoff.sla_minutes, businessCalendar(content))
      if (at === undefined) return { status: 'skipped', reason: 'the client was asked to close the request' }
      return { status: 'retry', at, reason: 'the client was asked to close the request; checked again later' }
    }
    const client = handoff.client(current.clientId)
    if (!client?.telegramId || client.deletedAt !== null) {
      return { status: 'skipped', reason: 'the client erased their data' }
    }
    if (promisedAt === undefined) {
      // The answer time counts from when the request reached the staff group: held on its way
      // (the group's 20 messages a minute, a 429 holding it), nobody there could answer it, and an
      // alert, a colleague taking it over, an owner told or the miss charged would all be about
      // minutes the team never had. The check waits for it, then for the deadline moved to one
      // answer time after it arrived (`reachedGroup`)
      if (handoff.onItsWay(current)) {
        return {
          status: 'retry',
          at: deps.clock.now() + REQUEST_UNDERWAY_RECHECK_MS,
          reason: 'the request has not reached the staff group yet',
        }
      }
      if (current.slaDueAt !== null && current.slaDueAt > deps.clock.now()) {
        return {
          status: 'retry',
          at: current.slaDueAt,
          reason: 'the request reached the staff group late: its answer time ends later',
        }
      }
    }
    // Answered in time, the answer held up on its way (Telegram's limits, a retry): it counts once
    // it goes (timed when written), or the check comes again to alert when it did not
    if (handoff.answerUnderway(current.clientId)) {
      return { status: 'retry', at: deps.clock.now() + ANSWER_UNDERWAY_RECHECK_MS, reason: 'an answer is on its way' }
    }

    const content = deps.content.get()
    const cal = businessCalendar(content)
    const now = deps.clock.now()
    if (promisedAt !== undefined) {
      // Past the time the client was promised, still unanswered: the team hears it again (and
      // whether an answer from the topic can reach the client now), with the next round planned
      // in the same step — whose job marks this round's reminder as written: a retry of the
      // client's message below (round 1's, the only round with one, always followed by a round 2
      // while the calendar has working time) does not repeat it, a crash after it does not lose it
      const promised = { at: promisedAt, back: toldBack }
      if (jobStatusByKey(deps.db, promiseKey(current.id, round + 1, since)) === undefined) {
        deps.db.transaction(() => {
          handoff.promiseMissed(current, told ? promised : undefined, unreachable(client), { round, since })
          checkPromise(current, promisedAt, round + 1, nextWorkingTime(now + DAY_MS, cal), {
            told,
            back: toldBack,
            since,
          })
        })
      }
      // The time the client was told has passed, the first time, and the team has closed since:
      // they hear when it is back (a failed send retries; a client who blocked the bot since hears
      // nothing). They used to hear nothing more, over a weekend for two days, after "by 16:00"
      if (round === 1 && told) await sayPromiseMissed(client, client.telegramId, promised, current, run.leaving)
      return { status: 'done' }
    }
    const sla = content.handoff.sla_minutes
    const openNow = isWorkingTime(now, cal)
    const eta = addWorkingMinutes(now, sla, cal)

    // Where the apology would go. In the owner's own chat it speaks for them: only when the bot
    // answers there by itself now (`telegram_business.auto_reply`), never while they and the team
    // answer there — decided before quiet hours, so an apology that will not go does not wait for
    // the morning. Staff are told which (their alert must not promise one that is not sent)
    const chat = clientChat(deps, client, client.telegramId)
    const blocked = client.blockedAt !== null
    const closed = !chat.ok
      ? unreachableReason(chat.reason)
      : chat.business !== null && !deps.services.business.answersNow()
        ? "the owner's chat, where the bot does not answer by itself now"
        : undefined
    const morning = afterQuietHours(now, timezoneOf(client, content.business.timezone), content.followups.quiet_hours)
    const back = openNow ? undefined : nextWorkingTime(now, cal)
    // The owner's chat closed to the bot: no answer from the topic reaches the client either
    const apology = blocked
      ? 'blocked'
      : !chat.ok
        ? 'owner-only'
        : closed !== undefined
          ? 'none'
          : morning > now
            ? // Past the client's quiet hours on their clock: the team reads it beside ours
              { at: morning, clientTz: client.timezone }
            : back === undefined
              ? 'now'
              : // Told when the team is back, to be answered first thing: the team reads that time
                { back }
    // Staff first, once (a retry after quiet hours or a failed client message does not repeat it)
    handoff.slaMissed(current, { minutes: sla, eta, apology, account: ownerOnly(client) })
    if (blocked) return { status: 'skipped', reason: 'the client blocked the bot; staff were alerted' }
    if (closed !== undefined || !chat.ok) {
      // Nothing told to the client, so nothing promised: the team is reminded all the same
      if (eta !== undefined) checkPromise(current, eta, 1, eta, { told: false })
      return { status: 'skipped', reason: `${closed}; staff were alerted` }
    }
    if (morning > now) return { status: 'retry', at: morning, reason: 'quiet hours: the apology waits; staff alerted' }

    const voice = apologyVoice(client)
    const offer = callOffer(client, current, voice.t, voice.locale, now)
    try {
      await apis
        .jobsOne(run.leaving)
        .sendMessage(client.telegramId, `${apologyText(voice, client, now)} ${offer.text}`, {
          ...chat.extra,
          ...clientMarkup({ businessConnectionId: chat.extra.business_connection_id }, offer.keyboard, {
            offers: 'booking',
          }),
        })
    } catch (err) {
      // Marked blocked by the API layer; the staff know already
      if (isBlockedError(err)) return { status: 'skipped', reason: 'the client blocked the bot; staff alerted' }
      throw err
    }
    // What they were told is watched, one answer time on: the time to answer by, or — told only
    // when the team is back — that return (the check's time, past it, was never said to them)
    if (eta !== undefined) checkPromise(current, back ?? eta, 1, eta, { back: back !== undefined })
    return { status: 'done' }
  })

  // A client's message in an answered request, unanswered at its answer time: the team hears,
  // then each working day; the client hears once that they are not forgotten, and by when
  deps.scheduler.register(HANDOFF_REPLY_JOB, async ({ handoffId, since, round = 1 }, _job, run) => {
    const current = handoff.handoff(handoffId)
    if (!current || current.status === 'closed') return { status: 'skipped', reason: 'the request is closed' }
    // Cleared by the team's answer or "Is your question solved?"; a newer wait has a check of its own.
    // A request never answered waits since it opened (a client back to it: `remindAgain`)
    if (current.status === 'closing') return { status: 'skipped', reason: 'the client was asked to close the request' }
    if (waitingSince(current) !== since) {
      return { status: 'skipped', reason: 'the team answered, or the client settled it themselves' }
    }
    const client = handoff.client(current.clientId)
    if (!client?.telegramId || client.deletedAt !== null) {
      return { status: 'skipped', reason: 'the client erased their data' }
    }
    if (client.blockedAt !== null) {
      // Not watched: a message they write once they unblock it starts a wait of its own
      handoff.endWait(handoffId, since)
      return { status: 'skipped', reason: 'the client blocked the bot' }
    }
    const content = deps.content.get()
    if (round === 1) {
      // First due as early as the answer time could end; its end in working time is found here
      const due = handoff.waitOf(current.clientId)?.due
      if (due === undefined) return { status: 'skipped', reason: 'no working time ahead in the calendar' }
      if (due > deps.clock.now()) return { status: 'retry', at: due, reason: 'the answer time ends in working hours' }
    }
    if (handoff.answerUnderway(current.clientId)) {
      return { status: 'retry', at: deps.clock.now() + ANSWER_UNDERWAY_RECHECK_MS, reason: 'an answer is on its way' }
    }
    // The client hears it once, as after their first message: sorry for the wait, and by when (they
    // heard nothing for an hour and a half and wrote "опять никто не отвечает"); the team reads
    // that time with the alert. Only the first round: the next are the team's reminders, a day
    // apart. The time told is watched as a first answer's is: the team's reminders go on from
    // there, in the same step as the alert (a retry of the apology below repeats neither)
    const now = deps.clock.now()
    const cal = businessCalendar(content)
    const apologise = round === 1 && waitingChat(client, client.telegramId) !== undefined
    const told = apologise ? (answerBy(now) ?? null) : undefined
    const checkAt = addWorkingMinutes(now, content.handoff.sla_minutes, cal)
    const watched = told != null && checkAt !== undefined
    deps.db.transaction(() => {
      handoff.replyLate(current, since, round, unreachable(client), told)
      if (watched) checkPromise(current, told.at, 1, checkAt, { back: told.back, since })
    })
    const next = nextWorkingTime(now + DAY_MS, cal)
    if (!watched && next !== undefined && round < WAIT_REMINDERS) {
      deps.scheduler.enqueue(HANDOFF_REPLY_JOB, {
        runAt: next,
        payload: { handoffId, since, round: round + 1 },
        clientId: current.clientId,
        dedupeKey: replyKey(handoffId, since, round + 1),
      })
    }
    if (apologise) {
      await sayToWaiting(client, client.telegramId, current, run.leaving, (voice, at) => apologyText(voice, client, at))
    }
    return { status: 'done' }
  })
}
