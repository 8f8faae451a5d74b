import { InlineKeyboard } from 'grammy'
import type { InlineKeyboardMarkup } from 'grammy/types'
import { DateTime } from 'luxon'
import { clockReadings, type typedClock } from '../../../conversations/typed-label.ts'
import type { BookingRow, ClientRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import {
  businessCalendar,
  callWindow,
  clientLocale,
  clientName,
  clockTime,
  clockTimes,
  formatSpan,
  formatWhen,
  longDay,
  quietHoursRange,
  slashesMonthFirst,
  zoneLabel,
} from '../../format.ts'
import type { LocaleKey } from '../../locales/keys.ts'
import { LANGUAGES } from '../../locales/languages.ts'
import { formatPhone, parsePhone, phoneAtEnd, phoneExample } from '../../phone.ts'
import {
  type CallOutcome,
  callTime,
  isUnmarkedCall,
  type OpenOutcomeFix,
  OUTCOME_FIX_MINUTES,
} from '../../services/booking.ts'
import type { BusinessRefusal } from '../../services/business.ts'
import { requestStatus, STATUS_MARKS } from '../../services/desk/topic-status.ts'
import { timezoneOf } from '../../services/followups/index.ts'
import type { ListedRequest } from '../../services/handoff/index.ts'
import { firstWaitOver, type NoticeArgs, type NoticeLine } from '../../services/handoff/model.ts'
import { afterQuietHours, localDate, workingMinutesBetween } from '../../services/time.ts'
import { CALLBACK_ANSWER_MAX, clip, MESSAGE_MAX } from '../../text.ts'
import { toButtons } from '../buttons.ts'
import { refusalNow } from '../client-chat.ts'
import type { BotContext, Translate } from '../context.ts'
import { logCourtesyFailure, removeButtons, replaceButtons } from '../courtesy.ts'
import { followupLabel } from '../followup-texts.ts'
import { actingStaffName, backAtText, clientLinkHtml, staffName } from '../handoff/texts.ts'
import { escapeHtml } from '../html.ts'
import {
  CLIENT_EARLY_MORNING,
  CLIENT_NIGHT,
  callNotYet,
  callWhen,
  callZone,
  clientHours,
  hoursMark,
  manageBookingKeyboard,
  mineCallback,
  minutesToSlot,
  movedCallWhen,
  outcomeCallback,
  outcomeFixAskKeyboard,
  outcomeFixCallback,
  outcomeFixKeyboard,
  outcomeKeyboard,
  promisedTime,
  SLOTS_SHOWN,
  slotLabels,
  slotToMinutes,
  staffCallZoneCallback,
  staffCancelKeyboard,
  staffCard,
  staffDayCallback,
  staffDaysKeyboard,
  staffNoAnswerKeyboard,
  staffSlotCallback,
  staffSlotsKeyboard,
  translator,
} from '../keyboards/booking.ts'
import { menuCallback } from '../keyboards/main-menu.ts'
import { saysNobodyCalled } from '../nobody-called.ts'
import { refusedInAnotherTopic } from '../owner-guard.ts'
import { clientClock, withClientClock, zoneForReader } from '../reader-zone.ts'
import type { BotScopes } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'
import { staffCallTime, staffClockSaid, staffDay } from '../staff-day.ts'
import { classifyTelegramError } from '../telegram-errors.ts'

/** Why a message of the team's about a call did not go to the client: erased, or the owner's chat closed to the bot. */
type Untold = 'gone' | BusinessRefusal

/**
 * The staff side of callbacks, in the staff group: /today lists a day's calls (today's by
 * default, with a line about earlier ones nobody marked), and the
 * outcome buttons under each call reminder record how it went — Called, No answer (the
 * client is offered a new time; counted as a no-show) or Reschedule (pick a new day and time
 * right there; the client is told). Roles are checked on every press and command.
 */
export function registerBookingStaffFeature(deps: Deps, scopes: BotScopes): void {
  const { services, clock, content, i18n } = deps
  const group = scopes.staffGroup

  const STATUS_ICON: Record<BookingRow['status'], string> = {
    booked: '🕐',
    called: '✅',
    no_answer: '📵',
    cancelled: '✖',
  }
  /** The clients waiting for an answer /today lists by name at most; the rest are counted. */
  const OWED_LISTED = 10
  /** What /today keeps for its list of who waits for an answer when the day's calls are many. */
  const OWED_ROOM = 1_200
  /** A wait this long on the clock (minutes: a day) is said as such beside its working time in /today. */
  const CALENDAR_SPAN_FROM = 24 * 60
  /** The open requests answered and quiet since /today lists by name at most; the rest are counted. */
  const OPEN_LISTED = 10
  /** What /today keeps for those when the day's calls are many. */
  const OPEN_ROOM = 1_000
  /** Beside a request in /today while it is a complaint: the mark of the owners' alert and the topic's notice. */
  const COMPLAINT_MARK = '📣'
  /** A call whose time is over with no outcome recorded (`isUnmarkedCall`). */
  const UNMARKED_ICON = '⚠️'

  /** How /today names a day relative to today: its title and its "no calls" line say it so. */
  function whenOf(date: string, today: string): 'today' | 'tomorrow' | 'yesterday' | 'past' | 'future' {
    const days = DateTime.fromISO(date, { zone: 'utc' }).diff(DateTime.fromISO(today, { zone: 'utc' }), 'days').days
    if (days === 0) return 'today'
    if (days === 1) return 'tomorrow'
    if (days === -1) return 'yesterday'
    return days < 0 ? 'past' : 'future'
  }

  /**
   * Below today's list, the earlier days with calls nobody marked: without it a call whose time
   * passed unmarked dropped out of sight with its day. Named as the commands that list them.
   */
  function unmarkedLine(ctx: BotContext, tz: string, today: string): string | undefined {
    const unmarked = services.booking.unmarkedBefore(today)
    if (unmarked.length === 0) return undefined
    const yesterday = DateTime.fromISO(today, { zone: 'utc' }).minus({ days: 1 }).toISODate()
    const dates = [...new Set(unmarked.map((call) => localDate(callTime(call), tz)))].sort().reverse()
    // "28.11" in either language, "11/28" where the business writes dates month first (New York):
    // the forms /today reads back without a year, so not format.ts's dates ("Nov 28")
    const typed = slashesMonthFirst(tz) ? 'M/d' : 'd.M'
    const days = dates.map((date) =>
      date === yesterday
        ? ctx.t('booking-today-yesterday-command')
        : `/today ${DateTime.fromISO(date, { zone: 'utc' }).toFormat(typed)}`,
    )
    return ctx.t('booking-today-unmarked', { count: unmarked.length, days: days.join(', ') })
  }

  /** Requests to list, the first ones (`requests`) of how many (`total`). */
  type Listed = { total: number; requests: ListedRequest[] }
  /** A section of today's list: its lines, and the clients it names (`about`). */
  type Section = { lines: string[]; about: number[] }
  /** When and for whom a list is read. */
  type Moment = { tz: string; locale: string; now: number }

  /**
   * A section of today's list about requests (`listed`, from the handoff service): its title, as
   * many lines as `room` (characters) holds, the others counted. `about`: the clients named.
   */
  function requestSection(
    { title, more, line }: { title: string; more: (count: number) => string; line: (r: ListedRequest) => string },
    { total, requests }: Listed,
    room: number,
  ): Section {
    const lines: string[] = []
    const about: number[] = []
    let used = title.length + more(total).length + 2
    for (const request of requests) {
      const text = line(request)
      if (used + text.length + 1 > room) break
      used += text.length + 1
      lines.push(text)
      about.push(request.client.id)
    }
    const rest = total - lines.length
    return { lines: [title, ...lines, ...(rest > 0 ? [more(rest)] : [])], about }
  }

  /** A listed request's marks: its topic's, and 📣 while it is a complaint (the owners were told). */
  const marksOf = ({ handoff, complained }: ListedRequest) =>
    `${STATUS_MARKS[requestStatus(handoff)]}${complained ? ` ${COMPLAINT_MARK}` : ''}`

  /** Who leads a listed request, as its line says. */
  function leadOf(ctx: BotContext, handoff: ListedRequest['handoff']): string {
    const lead = staffName(deps, handoff.managerId)
    return escapeHtml(
      lead === undefined ? ctx.t('booking-today-owed-nobody') : ctx.t('booking-today-owed-lead', { lead }),
    )
  }

  /**
   * Below today's list, the clients who wait for the team's answer, the longest waiting first:
   * with a topic per client, the 🟡 and 🔴 marks are scattered through a long list of topics
   * sorted by their last message, and a day's work is calls and answers alike. As many of
   * `owedAnswers` are named as `room` (characters) holds; the others are counted.
   */
  function owedSection(ctx: BotContext, { tz, locale, now }: Moment, owed: Listed, room = Infinity): Section {
    if (owed.total === 0) return { lines: [escapeHtml(ctx.t('booking-today-owed-none'))], about: [] }
    return requestSection(
      {
        title: escapeHtml(ctx.t('booking-today-owed-title', { count: owed.total })),
        more: (count) => escapeHtml(ctx.t('booking-today-owed-more', { count })),
        line: (request) =>
          ctx.t('booking-today-owed-line', {
            mark: marksOf(request),
            name: clientLinkHtml(deps, request.client),
            what: firstWaitOver(request.handoff) ? 'message' : 'request',
            // Whole minutes, as people say how long someone waits ("0,1 мин" reads as arithmetic),
            // between the clock minutes shown: "с 20:10" read at 9:55 is 13 ч 45 мин, whatever the seconds.
            // A wait across closed hours is its working time, as the alerts count it, and says so:
            // "ждёт 19 ч 15 мин" beside an alert's "дольше 15 мин рабочего времени" read as a slip
            ...waitedFor(ctx, request.since, now, locale),
            since: escapeHtml(formatWhen(request.since, tz, locale, now)),
            lead: leadOf(ctx, request.handoff),
          }),
      },
      owed,
      room,
    )
  }

  /**
   * Below who waits for an answer, the open requests answered and quiet since, the longest since
   * the team's last message first: "ТЗ изучу до обеда" said on Monday, the request left open, and the
   * client was on no list until they wrote again — a follow-up waiting for its close (⏸) with it.
   * Nothing when there are none: it is no alarm.
   */
  function answeredSection(
    ctx: BotContext,
    { tz, locale, now }: Moment,
    open: Listed & { held: ReadonlyMap<number, string> },
    room = Infinity,
  ): Section {
    if (open.total === 0) return { lines: [], about: [] }
    return requestSection(
      {
        title: escapeHtml(ctx.t('booking-today-open-title', { count: open.total })),
        more: (count) => escapeHtml(ctx.t('booking-today-open-more', { count })),
        line: (request) => {
          const held = open.held.get(request.client.id)
          return ctx.t('booking-today-open-line', {
            mark: marksOf(request),
            name: clientLinkHtml(deps, request.client),
            // Nobody answered it: since when nothing is owed (the client settled it, or wrote news alone)
            how:
              request.handoff.firstResponseAt !== null
                ? 'answer'
                : request.handoff.reason === 'news'
                  ? 'news'
                  : 'settled',
            ago: waitedText(ctx, request.since, now, locale),
            since: escapeHtml(formatWhen(request.since, tz, locale, now)),
            lead: leadOf(ctx, request.handoff),
            held: held === undefined ? '' : escapeHtml(ctx.t('booking-today-open-held', { what: held })),
          })
        },
      },
      open,
      room,
    )
  }

  /** The follow-ups each request holds back until its close, named ("«Как всё прошло?», …"), by client; none, no entry. */
  function heldFollowups(ctx: BotContext, requests: readonly ListedRequest[]): Map<number, string> {
    const named = new Map<number, string>()
    for (const { client } of requests) {
      const held = services.followups.heldByRequest(client.id)
      const t = ctx.t.bind(ctx)
      if (held.length > 0) named.set(client.id, [...new Set(held.map((job) => followupLabel(t, job)))].join(', '))
    }
    return named
  }

  /**
   * How long a client waits for the team, as the answer time counts it: the working minutes from
   * the minute `since` shows to the minute it is now — `working` when closed hours lie between
   * (the wall clock would count the night), and the line says so. A wait of a day or more on the
   * clock (`long`) says that span too (`wall`): a week unanswered read "ждёт 2 дня 1 ч рабочего
   * времени", and an owner read two days. A night alone does not: its hours beside an alert's
   * working time read as a slip, and the date it shows says which day.
   */
  function waitedFor(ctx: BotContext, since: number, now: number, locale: string) {
    const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000
    const working = Math.floor(workingMinutesBetween(minute(since), minute(now), businessCalendar(content.get())))
    const wall = Math.floor(now / 60_000) - Math.floor(since / 60_000)
    if (working >= wall) return { waited: waitedText(ctx, since, now, locale), working: 'no', wall: '' }
    const waited = working < 1 ? ctx.t('booking-today-owed-just') : formatSpan(working, locale)
    if (wall < CALENDAR_SPAN_FROM) return { waited, working: 'yes', wall: '' }
    return { waited, working: 'long', wall: waitedText(ctx, since, now, locale) }
  }

  /** How long a client has waited, from the minute `since` shows to the minute it is now. */
  function waitedText(ctx: BotContext, since: number, now: number, locale: string): string {
    const minutes = Math.floor(now / 60_000) - Math.floor(since / 60_000)
    return minutes < 1 ? ctx.t('booking-today-owed-just') : formatSpan(minutes, locale)
  }

  // /call in a client's topic: their next call with the reminder's buttons, to move or cancel it
  // when the client asks the team ("отмените звонок", "перенесите на четверг") — the team had no
  // way to but to ask the client to press their own buttons
  scopes.clientTopic.command('call', async (ctx) => {
    const client = ctx.topicClient
    const arg = ctx.match.trim()
    if (arg !== '') return bookFromTopic(ctx, client, arg)
    const [call] = services.booking.upcomingFor(client.id)
    if (!call) return tellTopic(client, 'booking-staff-call-none')
    const locale = await ctx.i18n.getLocale()
    const tz = services.booking.timezone()
    const t = ctx.t.bind(ctx)
    const header = t('booking-staff-call-header', {
      window: callWhen(call, { tz, locale, now: clock.now(), t }),
      zone: callZone(call, tz, locale, { t, clientTz: client.timezone, staff: true }),
    })
    const card = staffCard({
      booking: call,
      client,
      content: deps.content,
      answers: [],
      locale,
      t,
      speaks: clientLocale(client, deps),
    })
    services.handoff.postToStaff(client.id, {
      text: `${header}\n${card}`,
      buttons: toButtons(outcomeKeyboard(call, t, clock.now())),
      answering: true,
    })
  })

  /**
   * "/call завтра 15:00 [+7 916 …]": the client agreed a time in words ("давайте завтра в 3"), so
   * the team books it for them — or moves their call to it — instead of sending them to the
   * buttons. The time is on the business's clock unless the words say whose ("по его времени",
   * "my time", "по Москве"); for a client whose clock differs from ours, words that do not say are
   * asked about first (`askWhose`): the manager may mean the client's 3pm, as their talk did.
   */
  async function bookFromTopic(ctx: BotContext, client: ClientRow, arg: string): Promise<void> {
    if (client.telegramId === null) return tellTopic(client, 'handoff-topic-deleted-client')
    const tz = services.booking.timezone()
    const typed = phoneAtEnd(arg)
    const words = typed?.before ?? arg
    const said = staffClockSaid(words)
    const own = timezoneOf(client, tz)
    const [booked] = services.booking.upcomingFor(client.id)
    /** The moment the words mean read on `zone`'s clock (its today, its "завтра"). */
    const readOn = (zone: string) => {
      const when = staffCallTime(said.rest, localDate(clock.now(), zone), zone)
      return when?.clock === undefined ? undefined : meantStart(when.date, when.clock, zone, booked?.id)
    }
    const zone =
      said.clock === 'client' ? own : said.clock === undefined || said.clock === 'business' ? tz : said.clock.zone
    const meant = readOn(zone)
    if (meant === undefined) return tellTopic(client, 'booking-staff-call-usage')
    if (said.clock === undefined && own !== tz) {
      const theirs = readOn(own)
      if (theirs !== undefined && theirs.start !== meant.start)
        return askWhose(ctx, client, { said: words, ours: meant.start, theirs: theirs.start, phone: typed?.phone })
    }
    return bookAt(ctx, client, { ...meant, said: words, phone: typed?.phone })
  }

  /**
   * A notice in the client's topic answering /call (or the button of its question whose clock):
   * the one who typed or pressed it waits for it, so it goes before what is queued for the group.
   */
  const tellTopic = (client: ClientRow, key: LocaleKey, args?: NoticeArgs) =>
    services.handoff.notifyTopic(client.id, [args ? { key, args } : { key }], { answering: true })

  /**
   * The moment a /call time (`clock`, on `date`) means on `zone`'s clock: of its readings ("3" is
   * 3:00 or 15:00), the one that is a free time of ours (`sure`); else — none free, or both — the
   * one in the day's hours, to name it (nothing is booked on it unasked).
   */
  function meantStart(
    date: string,
    clock: NonNullable<ReturnType<typeof typedClock>>,
    zone: string,
    bookedId: number | undefined,
  ): { start: number; sure: boolean } {
    const tz = services.booking.timezone()
    const day = DateTime.fromISO(date, { zone })
    const starts = clockReadings(clock).map((minutes) =>
      day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis(),
    )
    const free = starts.filter((start) =>
      services.booking.freeSlots(localDate(start, tz), bookedId, 'staff').some((slot) => slot.start === start),
    )
    if (free.length === 1) return { start: free[0] as number, sure: true }
    const daytime = starts.find((start) => {
      const hour = DateTime.fromMillis(start, { zone }).hour
      return hour >= 8 && hour < 20
    })
    return { start: daytime ?? (starts[0] as number), sure: false }
  }

  /**
   * A client on another clock than ours, and the manager's words did not say whose the time is:
   * asked in the topic with a button for each reading (both clocks on each) before anything
   * reaches the client — "tomorrow 3pm" for a London client of a Moscow business was booked at
   * 15:00 Moscow time, 12:00 theirs, while the talk was of their 3pm.
   */
  async function askWhose(
    ctx: BotContext,
    client: ClientRow,
    { said, ours, theirs, phone }: { said: string; ours: number; theirs: number; phone: string | undefined },
  ): Promise<void> {
    const tz = services.booking.timezone()
    const own = timezoneOf(client, tz)
    const locale = await ctx.i18n.getLocale()
    // The number typed goes with the choice as its digits (the callback holds 64 bytes, no words)
    const digits = phone?.replace(/[^\d+]/g, '')
    const data = (start: number) =>
      staffCallZoneCallback.pack(client.id, slotToMinutes(start), ...(digits ? [digits] : []))
    const t = ctx.t.bind(ctx)
    services.handoff.postToStaff(client.id, {
      text: t('booking-staff-call-whose', {
        said,
        theirs: zoneLabel(own, locale, theirs),
        ours: zoneLabel(tz, locale, ours),
      }),
      buttons: [
        [
          {
            text: t('booking-staff-call-ours-button', {
              time: clockTime(ours, tz, locale),
              other: clientClock(ours, tz, own, locale),
            }),
            data: data(ours),
          },
        ],
        [
          {
            text: t('booking-staff-call-theirs-button', {
              time: clockTime(theirs, own, locale),
              other: clientClock(theirs, own, tz, locale),
            }),
            data: data(theirs),
          },
        ],
      ],
      // It answers /call: asked before anything is booked, while the manager waits
      answering: true,
    })
  }

  /**
   * Books the client's call at `start` (or moves theirs to it): one of that day's free times, or
   * the topic is told which are; `sure` false — the words could mean two times — is not booked
   * either. The number is the one typed (`phone`), else the one the client wrote in the chat since
   * (the topic told so), else the client's own. The client gets the booking as theirs would read,
   * with its buttons to move or cancel it; the topic sees what they got.
   */
  async function bookAt(
    ctx: BotContext,
    client: ClientRow,
    { start, sure, said, phone: typedPhone }: { start: number; sure: boolean; said: string; phone: string | undefined },
  ): Promise<void> {
    const tell = (key: LocaleKey, args?: NoticeArgs) => tellTopic(client, key, args)
    if (client.telegramId === null) return tell('handoff-topic-deleted-client')
    const tz = services.booking.timezone()
    const staffLocale = await ctx.i18n.getLocale()
    const date = localDate(start, tz)
    const [booked] = services.booking.upcomingFor(client.id)
    // No number typed: the one the client wrote in the chat last ("+7 926 700-11-22" answering "на
    // какой номер позвонить?"), where it is not the one the call goes to already — none on record,
    // or another written since. The topic is told it came from their message, and when
    const given = typedPhone ? undefined : services.clients.lastPhoneSaid(client.id)
    const fromChat =
      given?.at !== undefined && given.phone !== (booked?.phone ?? client.phone)
        ? { phone: given.phone, at: given.at }
        : undefined
    const newPhone = typedPhone ?? fromChat?.phone
    // The day in words ("вторник, 8 декабря"), as the move picker names it: not a button's "Завтра, 8 дек."
    const day = longDay(Date.parse(`${date}T12:00:00Z`), 'UTC', staffLocale)
    // Not booked: why, in its own words (the manager tells the client; "no place" said of a time
    // gone by or inside the clients' lead time was passed on as "that time is taken"). The day
    // first (a day off, gone, too far ahead), else the time (gone by, outside the hours, between
    // two starts, another client's), with the day's free times
    const refuse = () => {
      const whyDay = services.booking.whyNoTimes(date)
      if (whyDay !== 'full') return tell('booking-staff-call-day-none', { day, why: whyDay })
      const free = services.booking.freeSlots(date, booked?.id, 'staff').map((slot) => slot.start)
      // Free, and still not booked: the words could mean two free times ("3": 3:00 and 15:00), or
      // (`sure`) another process took it between the look and the booking
      const why = services.booking.staffRefusal(start, booked?.id) ?? (sure ? 'taken' : 'twice')
      return tell('booking-staff-call-refused', {
        day,
        said,
        why,
        minutes: content.get().booking.slot_minutes,
        free: free.length,
        times: slotLabels(free, { tz, locale: staffLocale }).join(', '),
      })
    }
    const slot = sure
      ? services.booking.freeSlots(date, booked?.id, 'staff').find((free) => free.start === start)
      : undefined
    if (!slot) return refuse()
    if (booked && booked.kind === 'slot' && booked.slotStart === slot.start) {
      return tell('booking-staff-call-same', { when: { time: booked.slotStart, clientTz: client.timezone } })
    }
    // The client's message with its buttons to move or cancel the call (`args` in their language);
    // the topic is shown what it says
    const sendCall = (
      call: BookingRow,
      key: LocaleKey,
      args: (t: Translate, locale: string) => Record<string, string | number>,
      echo: NoticeLine,
    ) => {
      const untold = tellClient(
        ctx,
        client,
        (t, locale) => ({
          text: t(key, {
            name: clientName(client) || t('booking-friend'),
            window: callWindow(call.slotStart, call.slotEnd, tz, locale),
            zone: callZone(call, tz, locale, { t, clientTz: client.timezone }),
            ...args(t, locale),
          }),
          keyboard: manageBookingKeyboard(call, t),
        }),
        { echo },
      )
      if (untold === undefined) return
      const when = { time: call.slotStart, clientTz: client.timezone }
      if (untold === 'gone') return tell('booking-staff-booked-untold', { when })
      // The owner's chat closed to the bot: why, and what to do instead, under it
      services.handoff.notifyTopic(
        client.id,
        [{ key: 'booking-staff-booked-untold-business', args: { when } }, { key: `business-refusal-${untold}` }],
        { answering: true },
      )
    }
    if (booked) {
      const result = services.booking.reschedule({
        bookingId: booked.id,
        slotStart: slot.start,
        ...(newPhone ? { phone: newPhone } : {}),
      })
      if (!result.ok) return refuse()
      ctx.log.info({ bookingId: booked.id }, 'a call moved by the team from the topic')
      const from = { time: callTime(booked), clientTz: client.timezone }
      return sendCall(
        result.booking,
        'booking-moved-by-staff',
        // The time it had, as the client's own move says it
        (t, locale) => ({
          from: movedCallWhen(result.previous, { tz, locale, now: clock.now(), t, clientTz: client.timezone }),
        }),
        fromChat
          ? {
              key: 'booking-staff-moved-sent-chat',
              args: { from, phone: formatPhone(fromChat.phone), at: { time: fromChat.at } },
            }
          : { key: 'booking-staff-moved-sent', args: { from } },
      )
    }
    const phone = newPhone ?? client.phone
    if (!phone) return tell('booking-staff-call-no-phone', { when: said, example: phoneExample(staffLocale) })
    const result = services.booking.book({
      clientId: client.id,
      slotStart: slot.start,
      phone,
      comment: null,
      productId: null,
      by: 'staff',
    })
    if (!result.ok) return refuse()
    const call = result.booking
    ctx.log.info({ bookingId: call.id }, 'a call booked by the team from the topic')
    // A reminder is promised only when one is armed and can reach them (an owner's Business chat
    // takes the bot's messages for a day after the client's last one there)
    const { reminderAt } = result
    const reminder =
      reminderAt === null || services.business.closesBefore(client, reminderAt) !== undefined
        ? 0
        : Math.round((call.slotStart - reminderAt) / 60_000)
    // /mybookings does nothing in the owner's own chat (Telegram Business): named only in the bot's
    const mine = services.business.route(client).via === 'bot' ? 'yes' : 'no'
    sendCall(
      call,
      'booking-booked-by-staff',
      (_t, locale) => ({ phone: formatPhone(phone), reminder, before: formatSpan(reminder, locale), mine }),
      fromChat
        ? { key: 'booking-staff-booked-sent-chat', args: { phone: formatPhone(phone), at: { time: fromChat.at } } }
        : { key: 'booking-staff-booked-sent' },
    )
  }

  // A button of `askWhose`: the time on the clock the manager chose, booked as /call books it
  group.callbackQuery(staffCallZoneCallback.filter, async (ctx, next) => {
    const [clientId, minutes, digits] = staffCallZoneCallback.unpack(ctx.callbackQuery.data) ?? []
    if (clientId === undefined || minutes === undefined) return next()
    if (!ctx.staffRole) {
      ctx.log.info({ clientId }, "/call's clock button pressed by a non-staff member")
      await ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
      return
    }
    if (await refusedInAnotherTopic(ctx, clientId)) return
    const client = services.clients.get(clientId)
    if (!client) {
      await ctx.answerCallbackQuery({ text: ctx.t('handoff-topic-deleted-client'), show_alert: true })
      return
    }
    await ctx.answerCallbackQuery()
    const start = minutesToSlot(minutes)
    // The question keeps the choice, its buttons gone: a colleague sees it answered
    const pressed = ctx.callbackQuery.message?.reply_markup?.inline_keyboard
      .flat()
      .find((button) => 'callback_data' in button && button.callback_data === ctx.callbackQuery.data)
    if (pressed)
      await closeReminder(
        ctx,
        ctx.t('booking-staff-call-whose-chosen', { choice: pressed.text, staff: actorName(ctx) }),
      )
    const tz = services.booking.timezone()
    const locale = await ctx.i18n.getLocale()
    // Its day and time as /call would take them on our clock, should the topic need to say it back
    const said = ctx.t('booking-staff-call-said-ours', {
      day: DateTime.fromMillis(start, { zone: tz }).toFormat(slashesMonthFirst(tz) ? 'M/d' : 'd.M'),
      time: clockTime(start, tz, locale),
    })
    const phone = digits === undefined ? undefined : parsePhone(digits)
    await bookAt(ctx, client, { start, sure: true, said, phone })
  })

  group.command('today', async (ctx) => {
    if (!ctx.staffRole) return answerStaff(deps, ctx, ctx.t('staff-only'))
    const locale = await ctx.i18n.getLocale()
    const tz = services.booking.timezone()
    const now = clock.now()
    const today = localDate(now, tz)
    // "/today завтра" to plan ahead; "/today вчера", "/today 5.12" to see how a past day's calls went
    const arg = ctx.match.trim()
    const date = arg === '' ? today : staffDay(arg, today, tz, now)
    if (date === undefined) return answerStaff(deps, ctx, ctx.t('booking-today-usage'))
    const when = whenOf(date, today)
    const calls = services.booking.callsOn(date)
    const day = DateTime.fromISO(date, { zone: tz }).set({ hour: 12 }).toMillis()
    const title = escapeHtml(
      ctx.t('booking-today-title', { when, day: longDay(day, tz, locale), zone: zoneLabel(tz, locale, day) }),
    )
    const unmarked = when === 'today' ? unmarkedLine(ctx, tz, today) : undefined
    const footer = unmarked === undefined ? [] : ['', escapeHtml(unmarked)]
    // Read side by side: the autumn night's repeated hour carries its offset
    const times = clockTimes(
      calls.flatMap(({ booking }) => [booking.slotStart, booking.slotEnd]),
      tz,
      locale,
    )
    const lines = calls.map(({ booking, client }, i) => {
      const product = content.productTitle(booking.productId, locale)
      // Its time over and no outcome: said in words too, as the card says it — the one thing on the list to act on
      const unmarkedCall = isUnmarkedCall(booking, now)
      return ctx.t('booking-today-line', {
        icon: unmarkedCall ? UNMARKED_ICON : STATUS_ICON[booking.status],
        time: escapeHtml(
          // With the client's clock beside it when theirs differs, as the call's reminder has it
          withClientClock(
            ctx.t,
            booking.kind === 'now'
              ? // Asked the evening before, it is due the next morning: its day named when not the listed day
                ctx.t('booking-today-now', { time: promisedTime(booking, tz, locale, day) })
              : `${times[2 * i]}–${times[2 * i + 1]}`,
            { businessTz: tz, clientTz: client.timezone, locale, at: callTime(booking) },
          ),
        ),
        // As the call reminder names them: the one who calls finds the same client in the list and under the reminder
        name: clientLinkHtml(deps, client),
        phone: escapeHtml(formatPhone(booking.phone ?? client.phone ?? '—')),
        product: product ? ` · ${escapeHtml(product)}` : '',
        unmarked: unmarkedCall ? ` · ${escapeHtml(ctx.t('booking-today-not-marked'))}` : '',
      })
    })
    const tail =
      lines.length === 0
        ? [escapeHtml(ctx.t('booking-today-none', { when }))]
        : ['', escapeHtml(ctx.t('booking-today-legend'))]
    // One message holds 4096 characters (counted here with the markup, which Telegram does not
    // count: on the safe side). The calls come first, the day's last ones counted when they do not
    // all fit with room kept for who waits for an answer
    const compose = (shown: number) => [
      title,
      ...lines.slice(0, shown),
      ...(shown < lines.length ? [escapeHtml(ctx.t('booking-today-more', { count: lines.length - shown }))] : []),
      ...tail,
      ...footer,
    ]
    // Today's list (not another day's: it is about now) goes on with who waits for the team's
    // answer, then the requests answered and left open: each keeps room of its own, what it needs
    // up to its share, and takes what the calls leave
    const at = { tz, locale, now }
    const owedNow = when === 'today' ? services.handoff.owedAnswers(OWED_LISTED) : undefined
    const answered = when === 'today' ? services.handoff.answeredOpen(OPEN_LISTED) : undefined
    // The follow-ups each one holds, read once: the section is laid out twice (its length, then its room)
    const openNow = answered && { ...answered, held: heldFollowups(ctx, answered.requests) }
    const wanted = (section: { lines: string[] }) =>
      section.lines.length === 0 ? 0 : section.lines.join('\n').length + 2
    const openKept = openNow ? Math.min(wanted(answeredSection(ctx, at, openNow)), OPEN_ROOM) : 0
    const owedKept = owedNow ? Math.min(wanted(owedSection(ctx, at, owedNow)), OWED_ROOM) : 0
    const room = MESSAGE_MAX - owedKept - openKept
    let shown = lines.length
    while (shown > 0 && compose(shown).join('\n').length > room) shown--
    const body = compose(shown)
    const left = (...parts: string[][]) => MESSAGE_MAX - parts.flat().join('\n').length - 2
    const owed = owedNow ? owedSection(ctx, at, owedNow, left(body) - openKept) : { lines: [], about: [] }
    const withOwed = [...body, ...(owed.lines.length === 0 ? [] : ['', ...owed.lines])]
    const open = openNow ? answeredSection(ctx, at, openNow, left(withOwed)) : { lines: [], about: [] }
    const text = [...withOwed, ...(open.lines.length === 0 ? [] : ['', ...open.lines])].join('\n')
    const about = [...calls.slice(0, shown).map(({ client }) => client.id), ...owed.about, ...open.about]
    return answerStaff(deps, ctx, text, { html: true, ...(about.length > 0 ? { about } : {}) })
  })

  /** Stands for the words of a line the reminder shows under it (the picker's day), to find that line whatever they are. */
  const DAY_MARK = '\uE000'

  /**
   * The reminder's text as it went, without the line a picker or a question adds under it (the
   * days' "Выберите новый день и время", the times' "Новый день звонка: вторник, 8 декабря —
   * выберите время:", Cancel's "Отменить звонок клиента?", No answer's "⚠️ Клиент написал в …"),
   * in whichever language the one who opened it reads.
   */
  function reminderText(ctx: BotContext): string {
    const text = ctx.callbackQuery?.message?.text ?? ''
    const cut = text.lastIndexOf('\n\n')
    const last = text.slice(cut + 2)
    const picker =
      cut >= 0 &&
      !last.includes('\n') &&
      LANGUAGES.some((locale) => {
        // A question the reminder asked goes with its buttons: "← Keep it" brings the reminder back as it was
        if (last === i18n.t(locale, 'booking-staff-pick-day') || last === i18n.t(locale, 'booking-staff-cancel-ask')) {
          return true
        }
        return (
          fillsMarks(last, i18n.t(locale, 'booking-staff-move-day', { day: DAY_MARK })) ||
          fillsMarks(last, i18n.t(locale, 'booking-staff-noans-ask', { at: DAY_MARK, said: DAY_MARK }))
        )
      })
    return picker ? text.slice(0, cut) : text
  }

  /** Whether `line` reads as `template` (a line rendered with DAY_MARK for its words) with some words for each mark. */
  function fillsMarks(line: string, template: string): boolean {
    const parts = template.split(DAY_MARK)
    const first = parts[0] ?? ''
    const last = parts.at(-1) ?? ''
    if (parts.length < 2 || !line.startsWith(first) || !line.endsWith(last)) return false
    let at = first.length
    for (const part of parts.slice(1, -1)) {
      // Each mark stands for a word at least
      const found = line.indexOf(part, at + 1)
      if (found < 0) return false
      at = found + part.length
    }
    return line.length - last.length > at
  }

  /**
   * The reminder with `markup` under it (none: its buttons go), and `line` under its text — the
   * picker's day — or its text as it went: a day chosen is named above its times, and going back
   * from them takes the line away. Only the buttons change when the text would not.
   */
  async function showReminder(ctx: BotContext, markup: InlineKeyboardMarkup | undefined, line?: string) {
    const shown = ctx.callbackQuery?.message?.text
    const text = line === undefined ? reminderText(ctx) : `${reminderText(ctx)}\n\n${line}`
    if (shown === undefined || text === shown) {
      if (markup) return replaceButtons(ctx, markup)
      // Taken off already by a colleague's press a moment before: answered "not modified" without
      // a call to Telegram (src/bot/shown-in-groups.ts)
      return removeButtons(ctx)
    }
    try {
      await ctx.editMessageText(text, markup ? { reply_markup: markup } : {})
    } catch (err) {
      logCourtesyFailure(ctx.log, err, 'showing the call reminder')
      // The text refused (too long with the line, say): the buttons still change
      await (markup ? replaceButtons(ctx, markup) : removeButtons(ctx))
    }
  }

  /**
   * Puts the days with free slots under the reminder, with a line asking for one (a toast alone
   * was gone in a moment, and the days sat under the reminder's text unexplained); `why` they
   * are shown again (the day full, the time taken meanwhile) answers the press.
   */
  async function showFreeDays(
    ctx: BotContext,
    booking: BookingRow,
    why?: string,
    days = services.booking.freeDays(booking.id, 'staff'),
  ) {
    const locale = await ctx.i18n.getLocale()
    const tz = services.booking.timezone()
    await ctx.answerCallbackQuery(why === undefined ? {} : { text: why })
    const keyboard = staffDaysKeyboard(booking, days, { tz, locale, now: clock.now(), t: ctx.t.bind(ctx) })
    await showReminder(ctx, keyboard, ctx.t('booking-staff-pick-day'))
  }

  /**
   * The pressed booking if a staff member pressed it, in the client's topic or outside every
   * client's topic, and it still awaits an outcome — at the time the reminder showed
   * (`slotMinutes`, when its buttons carry it); answers otherwise. `outcome`: the press is that
   * outcome (a colleague's other one may have come first: `alreadyMarked`).
   */
  async function pressedBooking(
    ctx: BotContext,
    bookingId: number,
    slotMinutes?: number,
    outcome?: CallOutcome,
  ): Promise<BookingRow | undefined> {
    if (!ctx.staffRole) {
      ctx.log.info({ bookingId }, 'outcome button pressed by a non-staff member')
      await ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
      return undefined
    }
    const booking = services.booking.get(bookingId)
    if (booking && (await refusedInAnotherTopic(ctx, booking.clientId))) return undefined
    if (booking?.status !== 'booked') {
      await alreadyMarked(ctx, booking, outcome)
      return undefined
    }
    if (slotMinutes !== undefined && slotToMinutes(booking.slotStart) !== slotMinutes) {
      // The client moved the call since: this reminder is about a time that no longer holds
      const locale = await ctx.i18n.getLocale()
      const tz = services.booking.timezone()
      await ctx.answerCallbackQuery({
        text: ctx.t('booking-outcome-moved', {
          window: callWhen(booking, { tz, locale, now: clock.now(), t: ctx.t.bind(ctx) }),
        }),
        show_alert: true,
      })
      await showReminder(ctx, undefined)
      return undefined
    }
    return booking
  }

  /**
   * A press on a call no longer booked: how it stands. The other outcome pressed while the one a
   * colleague marked a moment before may still be corrected (two of them at once, say) is the team's
   * to hear of — which two, which counts — in the client's topic; and for one who may correct it,
   * pressing on the message that shows the mark, the question to do so comes under it. That
   * message keeps its _Fix_; any other (an older reminder of the call) loses its buttons.
   */
  async function alreadyMarked(ctx: BotContext, booking: BookingRow | undefined, pressed?: CallOutcome) {
    const fix = booking ? services.booking.outcomeFix(booking.id) : undefined
    const onMark = fix !== undefined && showsMark(ctx, fix)
    if (booking && fix && pressed !== undefined && pressed !== fix.outcome) {
      if (ctx.from?.id !== fix.by) clashNotice(ctx, booking, fix)
      if (mayFix(ctx, booking, fix)) {
        await ctx.answerCallbackQuery({ text: ctx.t('booking-outcome-already', { status: fix.outcome }) })
        if (onMark) await showMark(ctx, booking, fix, 'ask')
        else await showReminder(ctx, undefined)
        return
      }
      const locale = await ctx.i18n.getLocale()
      const text = ctx.t('booking-outcome-already-fixers', {
        status: fix.outcome,
        marker: staffName(deps, fix.by) ?? '—',
        // With its day when that is not today (marked at 23:50, it may be corrected until 0:20 tomorrow)
        until: formatWhen(fix.until, services.booking.timezone(), locale, clock.now()),
      })
      await ctx.answerCallbackQuery({ text: clip(text, CALLBACK_ANSWER_MAX), show_alert: true })
    } else {
      await ctx.answerCallbackQuery({
        text: ctx.t('booking-outcome-already', { status: booking?.status ?? 'other' }),
        show_alert: true,
      })
    }
    if (!onMark) await showReminder(ctx, undefined)
  }

  /** Whether the pressed message is the one that shows the call's outcome, with its _Fix_. */
  const showsMark = (ctx: BotContext, fix: OpenOutcomeFix) =>
    ctx.chat?.id === fix.chatId && ctx.callbackQuery?.message?.message_id === fix.messageId

  /** Who may correct a call's outcome: the one who marked it, the client's lead, an owner. */
  const mayFix = (ctx: BotContext, booking: BookingRow, fix: OpenOutcomeFix) =>
    ctx.from !== undefined &&
    (ctx.from.id === fix.by || ctx.staffRole === 'owner' || services.handoff.leadOf(booking.clientId) === ctx.from.id)

  /**
   * Two different outcomes pressed at once: the team is told where the call's reminders go (the
   * client's topic, else General), which two, by whom, which counts, and how to correct it —
   * the one who lost the race read a toast alone, gone in a moment, and nobody else a word.
   */
  function clashNotice(ctx: BotContext, booking: BookingRow, fix: OpenOutcomeFix): void {
    services.handoff.postToStaff(booking.clientId, {
      lines: [
        {
          key: 'booking-outcome-clash',
          args: {
            first: staffName(deps, fix.by) ?? '—',
            second: actorName(ctx),
            stands: fix.outcome,
            until: { time: fix.until },
          },
        },
      ],
      general: true,
      named: true,
    })
  }

  /**
   * The message showing a call's outcome while it may be corrected: the mark as it was made, with
   * the line and the button to correct it (`open`), or the question whether to (`ask`).
   */
  async function showMark(ctx: BotContext, booking: BookingRow, fix: OpenOutcomeFix, view: 'open' | 'ask') {
    const t = ctx.t.bind(ctx)
    const to: CallOutcome = fix.outcome === 'called' ? 'no_answer' : 'called'
    if (view === 'ask') {
      const line = t('booking-outcome-fix-ask', { outcome: to })
      return editMark(ctx, `${fix.text}\n\n${line}`, outcomeFixAskKeyboard(booking, fix.outcome, t))
    }
    const locale = await ctx.i18n.getLocale()
    const until = formatWhen(fix.until, services.booking.timezone(), locale, clock.now())
    const line = t('booking-outcome-fix-until', { until })
    return editMark(ctx, `${fix.text}\n\n${line}`, outcomeFixKeyboard(booking, fix.outcome, t))
  }

  /** The pressed message's text and buttons (none: `markup` undefined); the buttons alone when the text is refused. */
  async function editMark(ctx: BotContext, text: string, markup: InlineKeyboard | undefined) {
    try {
      await ctx.editMessageText(text, markup ? { reply_markup: markup } : {})
    } catch (err) {
      logCourtesyFailure(ctx.log, err, "showing a call's outcome")
      if (classifyTelegramError(err).kind !== 'not-modified') {
        await (markup ? replaceButtons(ctx, markup) : removeButtons(ctx))
      }
    }
  }

  /**
   * The reminder closed with the call's outcome (`note`), which may be corrected for a while from
   * the button under it: the mark is kept as made (with whether the client was `told` of a missed
   * call at once), for the correction to start from and for its end to go back to.
   */
  async function closeWithOutcome(ctx: BotContext, booking: BookingRow, note: string, told: boolean) {
    const original = reminderText(ctx)
    const text = original ? `${original}\n\n${note}` : note
    const message = ctx.callbackQuery?.message
    const fix =
      message && ctx.from
        ? services.booking.openOutcomeFix(booking, {
            by: ctx.from.id,
            chatId: message.chat.id,
            messageId: message.message_id,
            text,
            told,
          })
        : undefined
    if (fix) return showMark(ctx, booking, fix, 'open')
    return closeReminder(ctx, note)
  }

  /** Appends what happened to the reminder and removes its buttons, so the group sees the outcome. */
  async function closeReminder(ctx: BotContext, note: string): Promise<void> {
    const original = reminderText(ctx)
    try {
      await ctx.editMessageText(original ? `${original}\n\n${note}` : note)
    } catch (err) {
      logCourtesyFailure(ctx.log, err, 'adding the outcome to the call reminder')
    }
  }

  /**
   * The staff member's message to the client in their language, queued behind what staff
   * already sent them (it answers the client's request, as a typed one does); undefined when
   * queued. Else why not: they erased their data (`gone`), or they write to the owner's account
   * and the bot may not write there now — asked before queueing, by the outbox's own rule
   * (`refusalNow`): nothing is queued then, or the reminder's line said the client was told while
   * the outbox refused it right under it. One that fails later is reported in their topic. `echo`:
   * the topic is shown what it said once it reached them (a message the manager typed no word of).
   * `answers: false`: the bot's own word on what happened, sent with nobody's name on it — it
   * answers nothing the client asked (a call nobody picked up: "we could not reach you" is no
   * answer to the questions they wrote).
   */
  function tellClient(
    ctx: BotContext,
    client: ClientRow | undefined,
    build: (t: ReturnType<typeof translator>, locale: string) => { text: string; keyboard: InlineKeyboard },
    { echo, answers = true }: { echo?: NoticeLine; answers?: boolean } = {},
  ): Untold | undefined {
    if (!client?.telegramId || client.deletedAt !== null) return 'gone'
    const refusal = refusalNow(deps, client)
    if (refusal) return refusal
    const locale = clientLocale(client, deps)
    const { text, keyboard } = build(translator(i18n, locale), locale)
    const message = { text, buttons: toButtons(keyboard), ...(echo ? { echo } : {}) }
    const by = answers ? (ctx.from?.id ?? null) : null
    return services.handoff.sendToClient(client.id, message, by) ? undefined : 'gone'
  }

  /**
   * What an outcome's line under the reminder says of the client's message (`told`: yes, not
   * sent since the owner's chat is closed to the bot, or not sent at all) and, for the owner's
   * chat, why and what to do instead (`why`, in the staff's words).
   */
  const toldArgs = (ctx: BotContext, untold: Untold | undefined) => ({
    told: untold === undefined ? 'yes' : untold === 'gone' ? 'no' : 'business',
    why: untold === undefined || untold === 'gone' ? '' : ctx.t(`business-refusal-${untold}`),
  })

  /** Who marked it, as every notice in the group names a team member. */
  const actorName = (ctx: BotContext) => actingStaffName(deps, ctx.from)

  /**
   * The call took place: its reminder in the client's chat loses its _Move_ and _Cancel_, pressed
   * there after the call ("✖ Отменить" on the 14:00 reminder) as if it were still to come. An edit
   * in a private chat, outside the group's budget; a courtesy — a message Telegram will not
   * change (deleted by the client) stays as it is, and a press on it says the call took place.
   */
  async function clearClientReminder(ctx: BotContext, booking: BookingRow): Promise<void> {
    const messageId = services.booking.clientReminderMessage(booking)
    const client = services.clients.get(booking.clientId)
    // Erased, or blocked the bot: no chat to change
    if (messageId === undefined || !client?.telegramId || client.blockedAt !== null) return
    try {
      await ctx.api.editMessageReplyMarkup(client.telegramId, messageId, { reply_markup: { inline_keyboard: [] } })
    } catch (err) {
      logCourtesyFailure(ctx.log, err, "taking the buttons off the client's reminder of a call made")
    }
  }

  /** The client's messages since a call's time read for "nobody called" (the newest few: an "ау?" may follow it). */
  const NOBODY_CALLED_READ = 3
  /** How much of that message the question under the reminder quotes. */
  const NOBODY_CALLED_QUOTED = 200

  /**
   * The client's message written since the call's time (a "call me now": since they asked) that
   * says nobody called them (`saysNobodyCalled`), the newest of their last few; undefined if none.
   */
  function nobodyCalledSaid(booking: BookingRow): { text: string; at: number } | undefined {
    return services.clients
      .textsSince(booking.clientId, booking.slotStart, NOBODY_CALLED_READ)
      .find((said) => saysNobodyCalled(said.text))
  }

  group.callbackQuery(outcomeCallback.filter, async (ctx, next) => {
    const [action, bookingId, slotMinutes] = outcomeCallback.unpack(ctx.callbackQuery.data) ?? []
    if (!action || bookingId === undefined) return next()
    const pressed: CallOutcome | undefined =
      action === 'called' ? 'called' : action === 'noans' || action === 'noansyes' ? 'no_answer' : undefined
    const booking = await pressedBooking(ctx, bookingId, slotMinutes, pressed)
    if (!booking) return
    const tz = services.booking.timezone()

    if (action === 'back') {
      await ctx.answerCallbackQuery()
      await showReminder(ctx, outcomeKeyboard(booking, ctx.t.bind(ctx), clock.now()))
      return
    }
    if (action === 'cancel') {
      await ctx.answerCallbackQuery()
      await showReminder(ctx, staffCancelKeyboard(booking, ctx.t.bind(ctx)), ctx.t('booking-staff-cancel-ask'))
      return
    }
    if (action === 'cancelyes') {
      // The client asked the team ("отмените звонок"): cancelled as their own button would, and told
      const result = services.booking.cancel({ bookingId: booking.id, clientId: booking.clientId, by: 'staff' })
      if (!result.ok) {
        // Still booked, its time over: nothing to cancel, how it went to mark
        await ctx.answerCallbackQuery({ text: ctx.t('booking-staff-cancel-over'), show_alert: true })
        await showReminder(ctx, outcomeKeyboard(booking, ctx.t.bind(ctx), clock.now()))
        return
      }
      await ctx.answerCallbackQuery()
      ctx.log.info({ bookingId: booking.id }, 'a call cancelled by the team')
      const client = services.clients.get(booking.clientId)
      const untold = tellClient(ctx, client, (t, clientLocale) => ({
        text: t('booking-cancelled-by-staff', {
          name: clientName(client) || t('booking-friend'),
          window: callWhen(booking, { tz, locale: clientLocale, now: clock.now(), t }),
          zone: callZone(booking, tz, clientLocale, { t, clientTz: client?.timezone }),
        }),
        keyboard: new InlineKeyboard().text(t('booking-new-time-button'), menuCallback.pack('booking')),
      }))
      await closeReminder(
        ctx,
        ctx.t('booking-outcome-cancelled-note', { staff: actorName(ctx), ...toldArgs(ctx, untold) }),
      )
      return
    }
    if (action === 'resched') {
      const days = services.booking.freeDays(booking.id, 'staff')
      if (days.length === 0) {
        await ctx.answerCallbackQuery({ text: ctx.t('booking-staff-no-slots'), show_alert: true })
        return
      }
      await showFreeDays(ctx, booking, undefined, days)
      return
    }

    // Before its time, how it went is a slip (the client would hear "we could not reach you" a day
    // early): refused, with the buttons that fit a call still to come
    if (callNotYet(booking, clock.now())) {
      const locale = await ctx.i18n.getLocale()
      const window = callWhen(booking, { tz, locale, now: clock.now(), t: ctx.t.bind(ctx) })
      await ctx.answerCallbackQuery({ text: ctx.t('booking-outcome-not-yet', { window }), show_alert: true })
      await showReminder(ctx, outcomeKeyboard(booking, ctx.t.bind(ctx), clock.now()))
      return
    }
    // "No answer" right under the client's own "вы так и не позвонили": the client would read "we
    // called you" — when nobody had, that is a lie the manager did not mean. Asked first, with
    // _Reschedule_ for a call nobody made
    const complaint = action === 'noans' ? nobodyCalledSaid(booking) : undefined
    if (complaint) {
      await ctx.answerCallbackQuery()
      const locale = await ctx.i18n.getLocale()
      const line = ctx.t('booking-staff-noans-ask', {
        at: formatWhen(complaint.at, tz, locale, clock.now()),
        said: clip(complaint.text.replace(/\s+/g, ' ').trim(), NOBODY_CALLED_QUOTED),
      })
      await showReminder(ctx, staffNoAnswerKeyboard(booking, ctx.t.bind(ctx)), line)
      return
    }
    const outcome: CallOutcome = action === 'called' ? 'called' : 'no_answer'
    const result = services.booking.recordOutcome(booking.id, outcome, ctx.from.id)
    if (!result.ok) {
      await alreadyMarked(ctx, result.booking, outcome)
      return
    }
    await ctx.answerCallbackQuery()
    ctx.log.info({ bookingId: booking.id, outcome }, 'call outcome recorded')
    if (outcome === 'called') {
      await closeWithOutcome(
        ctx,
        result.booking,
        ctx.t('booking-outcome-called-note', { staff: actorName(ctx) }),
        false,
      )
      await callMade(ctx, result.booking, ctx.from.id)
      return
    }
    const told = await tellMissed(ctx, result.booking)
    await closeWithOutcome(
      ctx,
      result.booking,
      ctx.t('booking-outcome-noans-note', { staff: actorName(ctx), ...told }),
      told.told === 'yes',
    )
  })

  /**
   * A call that took place answers the client, as a message would: their open request's wait ends
   * (its first answer, when none came yet), by whoever marked it — it stayed 🔴, and the team was
   * told daily that the client still waited for an answer they had on the phone; and their reminder
   * of it loses its _Move_ and _Cancel_.
   */
  async function callMade(ctx: BotContext, booking: BookingRow, by: number): Promise<void> {
    services.handoff.noteStaffReply(booking.clientId, by)
    await clearClientReminder(ctx, booking)
  }

  /**
   * "We called you and could not reach you", and a new time to pick: at once, or in the client's
   * night (her clock) at her morning (the job checks no call was booked since) — not woken by it, the
   * team's own 22:40 being her 5:40. Nobody picked up: no answer to what the client wrote (their open
   * request keeps waiting, its alerts go on) — only _Called_ is one; it turned the request 💬 and
   * counted as a first answer. Returns what the line under the reminder says of it.
   */
  async function tellMissed(ctx: BotContext, booking: BookingRow) {
    const tz = services.booking.timezone()
    const client = services.clients.get(booking.clientId)
    const now = clock.now()
    const morning = client?.telegramId
      ? afterQuietHours(now, timezoneOf(client, tz), deps.content.get().followups.quiet_hours)
      : now
    if (client && morning > now) {
      services.booking.tellMissedLater(booking, morning)
      const locale = await ctx.i18n.getLocale()
      const own = client.timezone !== null && client.timezone !== tz
      // Its day as people say it ("завтра в 9:00"; "утром, в 9:00" in the small hours), on each
      // clock: marked at 22:40, "в 9:00" read as a time that day
      const t = ctx.t.bind(ctx)
      const theirs = timezoneOf(client, tz)
      return {
        told: 'morning',
        why: '',
        at: backAtText(t, morning, theirs, locale, now, theirs),
        ours: backAtText(t, morning, tz, locale, now),
        own: own ? 'yes' : 'no',
      }
    }
    const untold = tellClient(
      ctx,
      client,
      (t, clientLocale) => missedCallMessage(deps, booking, client, t, clientLocale),
      { answers: false },
    )
    return { ...toldArgs(ctx, untold), at: '', ours: '', own: 'no' }
  }

  // The ✏️ under a call's outcome, and its question: the outcome corrected, once, by the one who
  // marked it, the client's lead or an owner, while the time for it lasts
  group.callbackQuery(outcomeFixCallback.filter, async (ctx, next) => {
    const [step, bookingId, to] = outcomeFixCallback.unpack(ctx.callbackQuery.data) ?? []
    if (!step || bookingId === undefined || !to) return next()
    if (!ctx.staffRole) {
      ctx.log.info({ bookingId }, "an outcome's correction pressed by a non-staff member")
      await ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
      return
    }
    const booking = services.booking.get(bookingId)
    if (booking && (await refusedInAnotherTopic(ctx, booking.clientId))) return
    const outcome: CallOutcome = to === 'called' ? 'called' : 'no_answer'
    const fix = booking ? services.booking.outcomeFix(booking.id) : undefined
    // Its time over, corrected already, or not on the message showing the mark (stale, forged)
    if (!booking || !fix || fix.outcome === outcome || !showsMark(ctx, fix)) {
      await ctx.answerCallbackQuery({
        text: ctx.t('booking-outcome-fix-closed', { minutes: OUTCOME_FIX_MINUTES }),
        show_alert: true,
      })
      await removeButtons(ctx)
      return
    }
    if (!mayFix(ctx, booking, fix)) {
      ctx.log.info({ bookingId }, "an outcome's correction pressed by someone who may not make it")
      const text = ctx.t('booking-outcome-fix-not-yours', { marker: staffName(deps, fix.by) ?? '—' })
      await ctx.answerCallbackQuery({ text: clip(text, CALLBACK_ANSWER_MAX), show_alert: true })
      return
    }
    if (step !== 'yes') {
      await ctx.answerCallbackQuery()
      await showMark(ctx, booking, fix, step === 'ask' ? 'ask' : 'open')
      return
    }
    const result = services.booking.correctOutcome(booking.id, outcome, ctx.from.id)
    if (!result.ok) {
      await ctx.answerCallbackQuery({
        text: ctx.t('booking-outcome-fix-closed', { minutes: OUTCOME_FIX_MINUTES }),
        show_alert: true,
      })
      await removeButtons(ctx)
      return
    }
    await ctx.answerCallbackQuery()
    ctx.log.info({ bookingId, outcome, marked: fix.outcome }, "a call's outcome corrected")
    const corrected = result.booking
    let told: Record<string, string>
    if (outcome === 'no_answer') {
      // As if it had been marked so: the client hears of the missed call, at once or at her morning
      told = await tellMissed(ctx, corrected)
    } else {
      await callMade(ctx, corrected, ctx.from.id)
      // Told "we could not reach you" (or on its way): a word that it was a mistake, never a
      // silent contradiction, and its "pick a new time" taken off (queued, it goes without it);
      // held for their morning: it does not go, and nothing else does
      const untold = result.missed === 'told' ? correctionToClient(ctx, corrected) : undefined
      if (result.missed === 'told')
        services.handoff.route.dropButtons(corrected.clientId, [newTimeData(corrected)], { toClient: true })
      const fixed = untold === undefined ? 'fixed' : toldArgs(ctx, untold).told
      told = { told: result.missed === 'told' ? fixed : result.missed, why: toldArgs(ctx, untold).why }
    }
    await editMark(
      ctx,
      `${fix.text}\n\n${ctx.t('booking-outcome-fixed-note', { outcome, staff: actorName(ctx), at: '', ours: '', own: 'no', ...told })}`,
      undefined,
    )
  })

  /**
   * The client told "we could not reach you" when the call took place: the message was a mistake,
   * and whether a new time is wanted — none, or the call they booked since stays. Undefined when
   * queued, else why not (`tellClient`).
   */
  function correctionToClient(ctx: BotContext, booking: BookingRow): Untold | undefined {
    const tz = services.booking.timezone()
    const client = services.clients.get(booking.clientId)
    const next = client ? services.booking.upcomingFor(client.id)[0] : undefined
    return tellClient(
      ctx,
      client,
      (t, locale) => ({
        text: t('booking-outcome-fixed-client', {
          name: clientName(client) || t('booking-friend'),
          booked: next ? 'yes' : 'no',
          next: next
            ? `${callWhen(next, { tz, locale, now: clock.now(), t })} (${callZone(next, tz, locale, { t, clientTz: client?.timezone })})`
            : '',
        }),
        keyboard: new InlineKeyboard(),
      }),
      { answers: false },
    )
  }

  group.callbackQuery(staffDayCallback.filter, async (ctx, next) => {
    const [bookingId, date, slotMinutes] = staffDayCallback.unpack(ctx.callbackQuery.data) ?? []
    if (bookingId === undefined || !date) return next()
    const booking = await pressedBooking(ctx, bookingId, slotMinutes)
    if (!booking) return
    const slots = services.booking.freeSlots(date, booking.id, 'staff')
    const locale = await ctx.i18n.getLocale()
    const tz = services.booking.timezone()
    if (slots.length === 0) {
      await showFreeDays(ctx, booking, ctx.t('booking-day-full'))
      return
    }
    // The times are ours, and those in the client's night or early morning are marked (as the
    // client's own picker marks them, `clientHours`), so a call is not moved to 1 a.m. for them
    // unawares: on their clock when they gave their zone (/timezone; it is on the reminder above,
    // too), else on ours — said which
    const client = services.clients.get(booking.clientId)
    const own = client ? timezoneOf(client, tz) : tz
    const clientTz = own !== tz ? own : undefined
    const at = slots[0]?.start ?? clock.now()
    const zone = zoneForReader(ctx.t.bind(ctx), { businessTz: tz, clientTz, locale, at, difference: true, staff: true })
    const parts = new Set(slots.slice(0, SLOTS_SHOWN).map((slot) => clientHours(slot.start, own)))
    const whose = clientTz !== undefined ? 'theirs' : 'ours'
    const said = zone !== zoneLabel(tz, locale, at) || parts.has('night') || parts.has('early')
    const text = ctx.t('booking-staff-slots-zone', {
      zone,
      night: parts.has('night') ? whose : 'no',
      hours: quietHoursRange(CLIENT_NIGHT, locale),
      early: parts.has('early') ? 'yes' : 'no',
      morning: quietHoursRange(CLIENT_EARLY_MORNING, locale),
    })
    // (Long zone names on both sides can pass the pop-up's limit)
    await ctx.answerCallbackQuery(said ? { text: clip(text, CALLBACK_ANSWER_MAX) } : {})
    // The day the times are for, under the reminder (whose own time is the call's, not these)
    const day = ctx.t('booking-staff-move-day', { day: longDay(Date.parse(`${date}T12:00:00Z`), 'UTC', locale) })
    const mark = hoursMark(own)
    await showReminder(ctx, staffSlotsKeyboard(booking, slots, { tz, locale, t: ctx.t.bind(ctx), mark }), day)
  })

  group.callbackQuery(staffSlotCallback.filter, async (ctx, next) => {
    const [bookingId, minutes, slotMinutes] = staffSlotCallback.unpack(ctx.callbackQuery.data) ?? []
    if (bookingId === undefined || minutes === undefined) return next()
    const booking = await pressedBooking(ctx, bookingId, slotMinutes)
    if (!booking) return
    const locale = await ctx.i18n.getLocale()
    const tz = services.booking.timezone()
    const result = services.booking.reschedule({ bookingId: booking.id, slotStart: minutesToSlot(minutes) })
    if (!result.ok && result.reason === 'has_upcoming') {
      // A missed call, and the client booked another since: they keep that one (one call at a
      // time); this one gets its outcome buttons back to be recorded
      const { upcoming } = result
      await ctx.answerCallbackQuery({
        text: ctx.t('booking-staff-has-upcoming', {
          window: callWhen(upcoming, { tz, locale, now: clock.now(), t: ctx.t.bind(ctx) }),
        }),
        show_alert: true,
      })
      await showReminder(ctx, outcomeKeyboard(booking, ctx.t.bind(ctx), clock.now()))
      return
    }
    if (!result.ok) {
      // Taken or past meanwhile: say so and show the fresh days.
      await showFreeDays(ctx, booking, ctx.t(`booking-slot-${result.reason === 'full' ? 'full' : 'gone'}`))
      return
    }
    await ctx.answerCallbackQuery()
    const moved = result.booking
    const client = services.clients.get(moved.clientId)
    // Its time over, unmarked, and moved now: the call did not happen (the unmarked call's question
    // sends a team that did not call here). The client hears plainly when the manager will call —
    // "перенёс ваш звонок … Было: …" read as a deferral they had agreed to, right under their "вы
    // так и не позвонили"
    const missed = isUnmarkedCall(result.previous, clock.now())
    const untold = tellClient(ctx, client, (t, clientLocale) => ({
      text: t(missed ? 'booking-moved-by-staff-missed' : 'booking-moved-by-staff', {
        name: clientName(client) || t('booking-friend'),
        window: callWindow(moved.slotStart, moved.slotEnd, tz, clientLocale),
        zone: callZone(moved, tz, clientLocale, { t, clientTz: client?.timezone }),
        // The time it had, as the client's own move says it
        from: movedCallWhen(result.previous, {
          tz,
          locale: clientLocale,
          now: clock.now(),
          t,
          clientTz: client?.timezone,
        }),
      }),
      keyboard: manageBookingKeyboard(moved, t),
    }))
    ctx.log.info({ bookingId: moved.id }, 'callback moved by staff')
    await closeReminder(
      ctx,
      ctx.t('booking-outcome-moved-note', {
        staff: actorName(ctx),
        window: callWindow(moved.slotStart, moved.slotEnd, tz, locale),
        ...toldArgs(ctx, untold),
      }),
    )
  })
}

/**
 * "We called you and could not reach you", and what next: a new time, or a word to the team — one
 * message, said at once or (in the client's night) at her morning.
 */
export function missedCallMessage(
  deps: Deps,
  booking: BookingRow,
  client: ClientRow | undefined,
  t: Translate,
  locale: string,
): { text: string; keyboard: InlineKeyboard } {
  const tz = deps.services.booking.timezone()
  const name = clientName(client) || t('booking-friend')
  return {
    // A "call me now" has no time of its own to name: "we called you (by 12:15)" reads as a slot
    text:
      booking.kind === 'now'
        ? t('booking-no-answer-client-now', { name })
        : t('booking-no-answer-client', {
            name,
            window: callWhen(booking, { tz, locale, now: deps.clock.now(), t }),
            zone: callZone(booking, tz, locale, { t, clientTz: client?.timezone }),
          }),
    keyboard: newTimeKeyboard(t, booking, client !== undefined && deps.services.handoff.isOpen(client.id)),
  }
}

/**
 * The "pick a new time" under "we called, nobody answered": the missed call's own button of
 * /mybookings to move it, so a press is about that call — a new booking while the call stands
 * missed, and word that it took place once its outcome was corrected to _Called_ (the button
 * comes off the message with the correction), not a new booking started for a call that happened.
 */
const newTimeData = (booking: Pick<BookingRow, 'id'>) => mineCallback.pack('resched', booking.id)

/**
 * Under "we called, nobody answered": a new time, and a manager — not to a client whose request is
 * open (`requestOpen`): they are with one already.
 */
function newTimeKeyboard(t: Translate, booking: BookingRow, requestOpen: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(t('booking-new-time-button'), newTimeData(booking))
  return requestOpen ? keyboard : keyboard.row().text(t('menu-manager'), menuCallback.pack('manager'))
}
