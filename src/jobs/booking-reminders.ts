/**
 * The booking's durable jobs: the client's reminder before the call, the staff reminder at
 * the time of the call (with outcome buttons), the team asked once when nobody marked how it
 * went, and notices to the staff group when a client books, moves or cancels. Each handler
 * re-reads the booking first: a job armed for a slot the booking has since left, or for a
 * booking no longer booked, does nothing.
 */
import type { BookingRow, ClientRow } from '../../db/schema.ts'
import type { BotApis } from '../bot/api.ts'
import { toButtons } from '../bot/buttons.ts'
import { reachableChat, refusalNow, unreachableReason } from '../bot/client-chat.ts'
import { logCourtesyFailure } from '../bot/courtesy.ts'
import { missedCallMessage } from '../bot/features/booking-staff.ts'
import { transient } from '../bot/handoff/failures.ts'
import {
  callWhen,
  callZone,
  manageBookingKeyboard,
  outcomeKeyboard,
  promisedTime,
  staffCard,
  translator,
} from '../bot/keyboards/booking.ts'
import { clientMarkup } from '../bot/keyboards/main-menu.ts'
import { classifyTelegramError, isBlockedError } from '../bot/telegram-errors.ts'
import type { Deps } from '../deps.ts'
import { businessCalendar, callWindow, clientLocale, dayAndTime } from '../format.ts'
import { formatPhone } from '../phone.ts'
import { BOOKING_JOBS, REMINDER_MARGIN_MS, type ReminderPayload, type StaffNoticePayload } from '../services/booking.ts'
import { timezoneOf } from '../services/followups/index.ts'
import type { NoticeLine } from '../services/handoff/model.ts'
import type { JobResult } from '../services/jobs.ts'
import { afterQuietHours, DAY_MS, isQuietTime, isWorkingTime, nextWorkingTime } from '../services/time.ts'

const MINUTE_MS = 60_000
/** A team's question due at closing time still goes this long after it (a run a little late). */
const CLOSING_GRACE_MS = 15 * MINUTE_MS

const skip = (reason: string): JobResult => ({ status: 'skipped', reason })
const DONE: JobResult = { status: 'done' }

/**
 * A call's reminder — time to call, the deadline missed, the outcome unmarked, the client asking
 * about one unmarked: its header, the manager who leads the client mentioned under it (in a busy
 * group with its notifications muted, a mention is what still reaches them; nobody is mentioned
 * for a client nobody leads), the call's card, and the outcome buttons. Through the one route to
 * the staff group: into the client's topic when they have one, otherwise the group's General
 * topic, naming the client (`named`: in their topic too).
 */
export function remindStaffOfCall(
  deps: Deps,
  client: ClientRow,
  header: NoticeLine,
  booking: BookingRow,
  now: number,
): void {
  const { services, config, i18n } = deps
  const lead = client.managerId !== null && services.staff.isStaff(client.managerId) ? client.managerId : undefined
  const lines =
    lead === undefined ? [header] : [header, { key: 'booking-staff-lead', args: { lead: { mention: lead } } } as const]
  services.handoff.postToStaff(client.id, {
    lines,
    text: staffCallCard(deps, booking, client),
    buttons: toButtons(outcomeKeyboard(booking, translator(i18n, config.DEFAULT_LOCALE), now)),
    general: true,
    named: true,
  })
}

/**
 * What the call is about. The client's answers (the questionnaire's and the quiz's) only for
 * a client with no topic (the post goes to General): a topic's pinned card has them, and
 * every notice and reminder there repeating all of them cluttered it.
 */
function staffCallCard(
  deps: Deps,
  booking: BookingRow,
  client: ClientRow,
  withAnswers = client.topicId === null,
): string {
  const { services, content, config, i18n } = deps
  return staffCard({
    booking,
    client,
    content,
    answers: withAnswers ? services.booking.clientAnswers(client.id, config.DEFAULT_LOCALE) : [],
    locale: config.DEFAULT_LOCALE,
    t: translator(i18n, config.DEFAULT_LOCALE),
    speaks: clientLocale(client, deps),
  })
}

/**
 * The team told that a client booked, moved or cancelled a call ("🔄 Клиент перенёс звонок: … → …",
 * with the call's card): a post through the one route to the staff group, written in the change's
 * own transaction (the booking service calls it there), so that what the client writes right after
 * comes below it in their topic — queued as a job, it came after a message typed at once. Why not,
 * when the booking or its client is gone.
 */
export function postBookingNotice(deps: Deps, payload: StaffNoticePayload): string | undefined {
  const { services, config, clock, i18n } = deps
  const staffT = translator(i18n, config.DEFAULT_LOCALE)
  const booking = services.booking.get(payload.bookingId)
  const client = booking ? services.clients.get(booking.clientId) : undefined
  if (!booking || !client) return 'the booking no longer exists'
  const tz = services.booking.timezone()
  const locale = config.DEFAULT_LOCALE
  const now = clock.now()
  // Named as the client reads them: a "call me now" by its deadline (a notice queued before
  // the kind was carried names the slot it had)
  const from =
    payload.fromStart !== undefined && payload.fromEnd !== undefined
      ? { kind: payload.fromKind ?? 'slot', slotStart: payload.fromStart, slotEnd: payload.fromEnd }
      : undefined
  const vars = {
    window: callWhen(booking, { tz, locale, now, t: staffT }),
    zone: callZone(booking, tz, locale, { t: staffT, clientTz: client.timezone, staff: true }),
    from: from ? callWhen(from, { tz, locale, now, t: staffT }) : '',
  }
  const header = staffT(`booking-staff-${payload.change}-header`, vars)
  // A move or a cancellation is news of its own: the answers came with the booking
  const withAnswers = payload.change === 'booked' && client.topicId === null
  services.handoff.postToStaff(client.id, {
    text: `${header}\n${staffCallCard(deps, booking, client, withAnswers)}`,
    general: true,
  })
  return undefined
}

export function registerBookingJobs(deps: Deps, apis: Pick<BotApis, 'jobsOne'>): void {
  const { scheduler, services, content, config, clock, i18n, logger } = deps
  const staffT = translator(i18n, config.DEFAULT_LOCALE)

  /** The booking as the job was armed for it, or why the job has nothing to do. */
  function armedBooking(payload: ReminderPayload): { booking: BookingRow; client: ClientRow } | string {
    const booking = services.booking.get(payload.bookingId)
    if (!booking) return 'the booking no longer exists'
    if (booking.status !== 'booked') return `the booking is ${booking.status}`
    if (booking.slotStart !== payload.slotStart) return 'the booking was moved to another time'
    const client = services.clients.get(booking.clientId)
    if (!client) return 'the client no longer exists'
    if (client.deletedAt !== null) return 'the client deleted their data'
    return { booking, client }
  }

  const remindStaff = (client: ClientRow, header: NoticeLine, booking: BookingRow, now: number) =>
    remindStaffOfCall(deps, client, header, booking, now)

  scheduler.register(BOOKING_JOBS.clientReminder, async (payload, _job, run) => {
    const armed = armedBooking(payload)
    if (typeof armed === 'string') return skip(armed)
    const { booking, client } = armed
    if (client.telegramId === null) return skip('the client deleted their data')
    if (client.blockedAt !== null) return skip('the client blocked the bot')
    const now = clock.now()
    if (now >= booking.slotStart) return skip('the call time has come: a reminder now would be late')
    // Armed with the setting of the day the call was booked: it follows the content file as it is
    // now. Turned off, it is not sent; a shorter time waits for it; a longer one cannot come
    // earlier than it was armed, so it goes now
    const minutes = content.get().booking.reminder_minutes
    if (minutes === 0) return skip('client reminders were turned off in the content file (booking.reminder_minutes: 0)')
    const due = booking.slotStart - minutes * MINUTE_MS
    if (due > now) return { status: 'retry', at: due, reason: 'booking.reminder_minutes was changed: its new time' }
    const tz = services.booking.timezone()
    const quiet = content.get().followups.quiet_hours
    // The client's night, on their clock once they gave it (/timezone)
    const clientTz = timezoneOf(client, tz)
    if (isQuietTime(now, clientTz, quiet)) {
      // Wait for the end of quiet hours if the reminder is still useful then; otherwise the
      // client, who chose this early call, gets it as planned.
      const at = afterQuietHours(now, clientTz, quiet)
      if (at <= booking.slotStart - REMINDER_MARGIN_MS) return { status: 'retry', at, reason: 'quiet hours' }
    }
    const locale = clientLocale(client, deps)
    const t = translator(i18n, locale)
    const text = t('booking-reminder-client', {
      name: client.displayName ?? client.firstName ?? t('booking-friend'),
      window: callWindow(booking.slotStart, booking.slotEnd, tz, locale),
      zone: callZone(booking, tz, locale, { t, clientTz: client.timezone }),
      phone: formatPhone(booking.phone ?? ''),
    })
    const chat = reachableChat(deps, client, client.telegramId, { type: 'text', text })
    if (!chat.ok) return skip(unreachableReason(chat.reason))
    let messageId: number
    try {
      const sent = await apis.jobsOne(run.leaving).sendMessage(client.telegramId, text, {
        ...chat.extra,
        ...clientMarkup({ businessConnectionId: chat.extra.business_connection_id }, manageBookingKeyboard(booking, t)),
      })
      messageId = sent.message_id
    } catch (err) {
      // The API layer has marked the client blocked; retrying would only fail again.
      if (isBlockedError(err)) return skip('the client blocked the bot')
      throw err
    }
    // Kept so its Move and Cancel go once the call is marked made; in the owner's account the
    // bot's edits are the account's to allow, and a press there is answered as a press anywhere
    if (chat.business === null) services.booking.clientReminderSent(booking, messageId)
    // A manager talking with the client sees it went, as they see each follow-up
    services.staffBridge.mirror(client.id, staffT('mirror-sent', { what: staffT('mirror-call-reminder') }))
    return DONE
  })

  // Staff messages are outbox rows: a crash before the job is recorded done may queue one twice
  // (staff see a repeat), never lose it
  scheduler.register(BOOKING_JOBS.staffReminder, async (payload) => {
    const armed = armedBooking(payload)
    if (typeof armed === 'string') return skip(armed)
    const { booking, client } = armed
    // The morning's reminder of a "call me now" comes only before its deadline: after it (the bot
    // was down) the late one says what is to be done, and two posts would tell it twice
    if (payload.opening && clock.now() >= booking.slotEnd) return skip('the deadline passed: the late reminder says it')
    const tz = services.booking.timezone()
    const locale = config.DEFAULT_LOCALE
    // The bot was down through the whole call time: "time to call" with a window days ago would
    // read as a mistake; the staff are told it comes late, with the outcome buttons all the same.
    // A "call me now" is named by its deadline either way (its start is when the client asked)
    const late = booking.kind === 'slot' && clock.now() > booking.slotEnd
    // With the client's clock when theirs differs: whoever calls sees a call in the client's night
    const zone = callZone(booking, tz, locale, { t: staffT, clientTz: client.timezone, staff: true })
    const header: NoticeLine = late
      ? {
          key: 'booking-staff-late-header',
          args: { window: callWindow(booking.slotStart, booking.slotEnd, tz, locale), zone },
        }
      : booking.kind === 'now'
        ? payload.opening
          ? {
              key: 'booking-staff-now-opening-header',
              args: {
                asked: dayAndTime(booking.slotStart, tz, locale, clock.now()),
                until: promisedTime(booking, tz, locale, clock.now()),
                zone,
              },
            }
          : { key: 'booking-staff-now-header', args: { until: promisedTime(booking, tz, locale, clock.now()), zone } }
        : {
            key: 'booking-staff-reminder-header',
            args: { window: callWindow(booking.slotStart, booking.slotEnd, tz, locale), zone },
          }
    // Whoever makes the call reads who to call in the reminder itself, wherever it is read
    remindStaff(client, header, booking, clock.now())
    return DONE
  })

  // The deadline of a "call me now" passed and nobody marked the call: the client was promised a
  // word if the team ran late (kept here), and whoever calls is reminded, with the outcome buttons.
  // The client first: a send that fails for a while retries the job, and the staff post, an
  // outbox row, must not be queued twice
  scheduler.register(BOOKING_JOBS.callNowLate, async (payload, _job, run) => {
    const armed = armedBooking(payload)
    if (typeof armed === 'string') return skip(armed)
    const { booking, client } = armed
    const tz = services.booking.timezone()
    const now = clock.now()
    let told = false
    if (client.telegramId !== null && client.blockedAt === null) {
      const locale = clientLocale(client, deps)
      const t = translator(i18n, locale)
      const text = t('booking-now-late-client', {
        name: client.displayName ?? client.firstName ?? t('booking-friend'),
        until: promisedTime(booking, tz, locale, now),
        zone: callZone(booking, tz, locale, { t, clientTz: client.timezone }),
        phone: formatPhone(booking.phone ?? ''),
      })
      const chat = reachableChat(deps, client, client.telegramId, { type: 'text', text })
      try {
        if (chat.ok) {
          await apis.jobsOne(run.leaving).sendMessage(client.telegramId, text, chat.extra)
          services.staffBridge.mirror(client.id, staffT('mirror-sent', { what: staffT('mirror-call-now-late') }))
          told = true
        }
      } catch (err) {
        // Telegram busy or unreachable: the job tries again, the team's post not queued yet.
        // Refused for good (blocked, the chat gone): the team is reminded all the same, and told so
        const { kind } = classifyTelegramError(err)
        if (kind === 'rate' || transient(kind)) throw err
        logger.warn({ err, bookingId: booking.id }, 'the client could not be told the "call me now" is late')
      }
    }
    const staffLocale = config.DEFAULT_LOCALE
    const header: NoticeLine = {
      key: told ? 'booking-staff-now-late-header' : 'booking-staff-now-late-untold-header',
      args: {
        until: promisedTime(booking, tz, staffLocale, now),
        zone: callZone(booking, tz, staffLocale, { t: staffT, clientTz: client.timezone, staff: true }),
      },
    }
    remindStaff(client, header, booking, clock.now())
    return DONE
  })

  // A booked call's time is over and nobody marked how it went: whoever called may have forgotten
  // the button, or nobody called. The team is asked once, where the call's reminder went, with
  // its buttons; the client hears nothing of it ("No answer" is what offers them a new time).
  // Stale-proof: a call marked, moved or cancelled since is not asked about (`armedBooking`)
  scheduler.register(BOOKING_JOBS.outcomeNudge, async (payload) => {
    const armed = armedBooking(payload)
    if (typeof armed === 'string') return skip(armed)
    const { booking, client } = armed
    const now = clock.now()
    // Counted again now: a reminder that came late since (the bot was down) moves it on
    const due = services.booking.outcomeNudgeAt(booking)
    if (due > now) return { status: 'retry', at: due, reason: 'an hour of working time after the call' }
    // Caught up after downtime at night or on a day off: asked when the team is back. An hour that
    // ends at closing time is due then (working time up to it): it was asked the next morning
    const calendar = businessCalendar(content.get())
    const atClosing = now - due < CLOSING_GRACE_MS && isWorkingTime(due - 1, calendar)
    if (!isWorkingTime(now, calendar) && !atClosing) {
      return { status: 'retry', at: nextWorkingTime(now, calendar) ?? now + DAY_MS, reason: 'outside working hours' }
    }
    const tz = services.booking.timezone()
    const locale = config.DEFAULT_LOCALE
    const header: NoticeLine = {
      key: 'booking-staff-unmarked-header',
      args: {
        window: callWindow(booking.slotStart, booking.slotEnd, tz, locale),
        zone: callZone(booking, tz, locale, { t: staffT, clientTz: client.timezone, staff: true }),
      },
    }
    remindStaff(client, header, booking, now)
    return DONE
  })

  // A call marked _No answer_ in the client's night: "we called you and could not reach you" at
  // her morning, in her language, through her lane as it would have gone at once — unless she
  // booked another call since (she knows, and the new one is what counts) or left
  scheduler.register(BOOKING_JOBS.noAnswerClient, async (payload) => {
    const booking = services.booking.get(payload.bookingId)
    if (!booking) return skip('the booking no longer exists')
    if (booking.status !== 'no_answer') return skip(`the booking is ${booking.status}`)
    const client = services.clients.get(booking.clientId)
    if (!client || client.deletedAt !== null || client.telegramId === null) return skip('the client deleted their data')
    if (services.booking.upcomingFor(client.id).length > 0) return skip('the client booked another call since')
    const refusal = refusalNow(deps, client)
    if (refusal) return skip(`the client's chat is closed to the bot: ${refusal}`)
    const locale = clientLocale(client, deps)
    const { text, keyboard } = missedCallMessage(deps, booking, client, translator(i18n, locale), locale)
    if (!services.handoff.sendToClient(client.id, { text, buttons: toButtons(keyboard) }, null)) {
      return skip('the client deleted their data')
    }
    return DONE
  })

  // The time to correct a call's outcome is over: the message showing the mark goes back to the
  // mark as it was made — without its _Fix_ button, the line offering it, or a question about it
  // left unanswered. A correction made cancels this job (its own edit says what was corrected)
  scheduler.register(BOOKING_JOBS.outcomeFix, async (payload, _job, run) => {
    const booking = services.booking.get(payload.bookingId)
    if (!booking) return skip('the booking no longer exists')
    if (booking.status !== payload.outcome) return skip(`the booking is ${booking.status} now`)
    try {
      await apis.jobsOne(run.leaving).editMessageText(payload.chatId, payload.messageId, payload.text)
    } catch (err) {
      // Telegram busy: the job tries again. A message deleted, or showing that already: nothing to do
      const { kind } = classifyTelegramError(err)
      if (kind === 'rate' || transient(kind)) throw err
      logCourtesyFailure(logger, err, "taking the correction's button off a call's outcome")
    }
    return DONE
  })

  // A notice queued as a job by an earlier version: the notices are written with the change now
  scheduler.register(BOOKING_JOBS.staffNotice, async (payload) => {
    const skipped = postBookingNotice(deps, payload)
    return skipped === undefined ? DONE : skip(skipped)
  })
}
