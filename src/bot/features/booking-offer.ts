import type { Deps } from '../../deps.ts'
import { clientLocale, clientName } from '../../format.ts'
import { callTime } from '../../services/booking.ts'
import { timezoneOf } from '../../services/followups/kinds.ts'
import type { NoticeLine } from '../../services/handoff/index.ts'
import { localDate } from '../../services/time.ts'
import { react } from '../courtesy.ts'
import {
  callWhen,
  callZone,
  clientHours,
  dayLabel,
  hoursLegend,
  hoursMark,
  mineCallback,
  slotLabels,
  translator,
} from '../keyboards/booking.ts'
import { menuCallback } from '../keyboards/main-menu.ts'
import { zoneForReader } from '../reader-zone.ts'
import type { BotScopes } from '../scopes.ts'
import { staffDay } from '../staff-day.ts'

/** The offer names this many days, and this many free times of each: enough to choose from, short enough to read. */
const DAYS_SHOWN = 3
const TIMES_PER_DAY = 4
/**
 * A day the manager names (the client asked for it) shows all its free times: its first eight
 * alone left out the evening a client asking "after work" needed.
 */
const TIMES_ON_A_DAY_NAMED = Number.POSITIVE_INFINITY

/**
 * /offer in a client's topic: the manager offers a callback. The client gets the nearest
 * free call times (a few on each of the nearest days, in their language and the business
 * time zone) and a button that opens the booking flow (the same one as in the menu, so
 * capacity and reminders work as usual). A client with a call booked is offered to move it
 * instead — "Можно перенести звонок на 15:00?" was answered only with words before — with the
 * button of /mybookings that moves that call. A day or a time typed under the offer instead of its
 * button is read where the one typed under the bot's word about the call is (the booking feature).
 */
export function registerBookingOfferFeature(deps: Deps, scopes: BotScopes): void {
  const { booking, handoff } = deps.services

  scopes.clientTopic.command('offer', async (ctx) => {
    const client = ctx.topicClient
    // The answer to /offer in the topic: the one who typed it waits for it (before what is queued)
    const answer = (line: NoticeLine) => handoff.notifyTopic(client.id, [line], { answering: true })
    if (client.telegramId === null) return
    // A client with a call booked is offered to move it: a second one would end in "you have a call
    // already" on their side. A "call me now" is a call due within minutes, and one whose time has
    // begun is on: the topic names it
    const [booked] = booking.upcomingFor(client.id)
    if (booked && (booked.kind === 'now' || booked.slotStart <= deps.clock.now())) {
      return answer({
        key: 'booking-offer-has-call',
        args: { when: { time: callTime(booked) }, kind: booked.kind === 'now' ? 'now' : 'on' },
      })
    }
    const tz = booking.timezone()
    const now = deps.clock.now()
    // "/offer пт", "/offer 11.12": that day's times, for a client who asked for it ("а в пятницу
    // нельзя?") — the nearest days alone left that day out
    const arg = ctx.match.trim()
    const named = arg === '' ? undefined : staffDay(arg, localDate(now, tz), tz, now)
    if (arg !== '' && named === undefined) return answer({ key: 'booking-offer-usage' })
    const perDay = named === undefined ? TIMES_PER_DAY : TIMES_ON_A_DAY_NAMED
    // Those in the client's night or early morning on their clock marked 🌙 or 🌅, as their picker marks them
    const own = timezoneOf(client, tz)
    const mark = hoursMark(own === tz ? null : own)
    const inTheirDay = (start: number) => own === tz || clientHours(start, own) === undefined
    // The times in the client's day first, then the day's others if too few: a client in London of
    // a business in Moscow was offered only its first four, 7:00–8:30 on their clock, while the
    // afternoon was free. In their order. (Its own time is no other time to move it to)
    const startsOn = (date: string) => {
      const free = booking
        .freeSlots(date, booked?.id)
        .filter((slot) => slot.start !== booked?.slotStart)
        .map((slot) => slot.start)
      return [...free.filter(inTheirDay), ...free.filter((start) => !inTheirDay(start))]
        .slice(0, perDay)
        .sort((a, b) => a - b)
    }
    // The nearest days with a time in the client's day, as many as there are, before those without
    const nearest = (): Array<{ date: string }> => {
      const free = booking.freeDays(booked?.id)
      const theirs = own === tz ? free : free.filter(({ date }) => startsOn(date).some(inTheirDay))
      return [...theirs, ...free.filter((day) => !theirs.includes(day))]
        .slice(0, DAYS_SHOWN)
        .sort((a, b) => a.date.localeCompare(b.date))
    }
    const days = named === undefined ? nearest() : [{ date: named }]
    if (days.length === 0) return answer({ key: 'booking-offer-none' })
    const locale = clientLocale(client, deps)
    const t = translator(deps.i18n, locale)
    const shown: number[] = []
    if (named !== undefined && startsOn(named).length === 0) {
      const day = dayLabel(named, tz, await ctx.i18n.getLocale(), now, ctx.t.bind(ctx))
      return answer({ key: 'booking-offer-day-none', args: { day, why: booking.whyNoTimes(named) } })
    }
    const times = days.map(({ date }) => {
      const starts = startsOn(date)
      shown.push(...starts)
      return t('booking-offer-day', {
        day: dayLabel(date, tz, locale, now, t, own),
        times: slotLabels(starts, { tz, locale, mark }).join(', '),
      })
    })
    times.push(...hoursLegend(shown, own === tz ? null : own, { t, locale }))
    const offer = {
      name: clientName(client) || t('start-friend'),
      named: named === undefined ? 'no' : 'yes',
      times: times.join('\n'),
      // A list of times, as the pickers: by how much the client's clock differs, once they gave it
      zone: zoneForReader(t, { businessTz: tz, clientTz: client.timezone, locale, at: now, difference: true }),
    }
    const text = booked
      ? t('booking-offer-move-client', {
          ...offer,
          when: callWhen(booked, { tz, locale, now, t }),
          callZone: callZone(booked, tz, locale, { t, clientTz: client.timezone }),
        })
      : t('booking-offer-client', offer)
    // Behind the manager's messages still on their way; a failure later is reported in the topic
    const queued = handoff.sendToClient(
      client.id,
      {
        text,
        buttons: [
          [
            booked
              ? { text: t('booking-offer-move-button'), data: mineCallback.pack('resched', booked.id) }
              : { text: t('booking-offer-button'), data: menuCallback.pack('booking') },
          ],
        ],
        // The times are the bot's: the topic shows which ones the client was offered
        echo: booked
          ? { key: 'booking-offer-move-sent', args: { when: { time: callTime(booked) } } }
          : { key: 'booking-offer-sent' },
      },
      ctx.from.id,
    )
    if (queued) await react(ctx, '👌')
    else answer({ key: 'booking-offer-failed' })
  })
}
