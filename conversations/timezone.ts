import type { Conversation } from '@grammyjs/conversations'
import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { defineCallback } from '../src/bot/callback-data.ts'
import { leavesFlow } from '../src/bot/commands.ts'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { setButtons } from '../src/bot/courtesy.ts'
import { backKeyboard } from '../src/bot/keyboards/main-menu.ts'
import { isTimeZone } from '../src/content/schema.ts'
import type { Deps } from '../src/deps.ts'
import { clockTime, zoneLabel } from '../src/format.ts'
import { offeredZones, zoneForTypedTime } from '../src/services/client-zones.ts'
import { words } from '../src/text.ts'
import { ABANDONED_AFTER_MS } from './continuation.ts'
import { passToManager } from './to-manager.ts'
import { typedClock } from './typed-label.ts'

export const TIMEZONE_CONVERSATION = 'timezone'
/**
 * A zone offered (its IANA name, checked against the offer), the business's own (`same`), or the
 * client's zone left as it is (`keep`, offered only when they have one).
 */
const zoneCallback = defineCallback('tz', [
  z
    .string()
    .regex(/^[A-Za-z_]+(?:\/[A-Za-z_]+)*$|^same$|^keep$/)
    .max(40),
])
const MAX_TRIES = 3

/**
 * Words that may come with a city named as where one is ("я живу во Владивостоке", "in Omsk",
 * "омское время"); anything else — "не", "офис", a question, a number ("Москва +4": an offset from
 * Moscow, not Moscow) — makes the text more than a city named.
 */
const WITH_A_CITY = new Set([
  'я',
  'в',
  'во',
  'из',
  'у',
  'меня',
  'нас',
  'живу',
  'нахожусь',
  'сейчас',
  'город',
  'г',
  'время',
  'по',
  'i',
  'am',
  'm',
  'in',
  'live',
  'from',
  'the',
  'city',
  'time',
  'now',
])
/** Cities the buttons' labels name otherwise (Intl: "Петропавловск-Камчатский"), by what people call them. */
const CITY_ALIASES: Readonly<Record<string, readonly string[]>> = { 'Asia/Kamchatka': ['камчатка'] }

/**
 * The one zone of `zones` whose city `text` names, in Russian or English and as a sentence says it
 * ("Владивосток", "во Владивостоке", "Novosibirsk"): a button's label typed instead of tapped.
 * Undefined when none is named, more than one, or the text says more than where one is (see
 * WITH_A_CITY).
 */
export function zoneNamedIn(text: string, zones: readonly string[], now: number): string | undefined {
  if (/[?\d+−]/.test(text)) return undefined
  const said = words(text)
  const names = (zone: string) => [
    ...(CITY_ALIASES[zone] ?? []),
    ...['ru', 'en'].flatMap((locale) => {
      const city = zoneLabel(zone, locale, now).split(',')[0] ?? ''
      // "Moscow Time": the city; a label without one ("UTC+5") names none
      return /UTC/.test(city) ? [] : words(city.replace(/ Time$/, '')).slice(0, 1)
    }),
  ]
  // The name, or the name as a sentence bends it: "Москве", "Омске", "Владивостоке"
  const bends = (w: string, name: string) =>
    w.length <= name.length + 2 && (w.startsWith(name) || (name.length >= 5 && w.startsWith(name.slice(0, -1))))
  const found = zones.filter((zone) => {
    const cities = names(zone)
    const city = said.filter((w) => cities.some((name) => bends(w, name)))
    return city.length > 0 && said.every((w) => city.includes(w) || WITH_A_CITY.has(w))
  })
  if (found.length > 0) return found.length === 1 ? found[0] : undefined
  // No button's city: a city of the time zone database, as it names it ("London", "New York";
  // "Europe/London" itself), which keeps its summer time — a clock typed gives an offset alone,
  // an hour off from spring. Alone, or said as where one is ("I live in Berlin"): "I'm Regina"
  // is a name, not Saskatchewan
  const id = text.trim().toLowerCase()
  if (timeZoneCities().has(`id:${id}`)) return timeZoneCities().get(`id:${id}`)
  const rest = said.filter((w) => !WITH_A_CITY.has(w))
  const where = rest.length === said.length || said.some((w) => LOCATIVE.has(w))
  return where ? timeZoneCities().get(rest.join(' ')) : undefined
}

/** Words that say where one is, which a database city needs when more than its name is typed. */
const LOCATIVE = new Set(['в', 'во', 'из', 'живу', 'нахожусь', 'in', 'from', 'live'])
/**
 * Cities people name otherwise than the database's id, or that a runtime's older data spells
 * otherwise (Node 20: Europe/Kiev, Asia/Calcutta): each name, and the ids it may be, first known wins.
 */
const CITY_NAMES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['kyiv', ['Europe/Kyiv', 'Europe/Kiev']],
  ['kiev', ['Europe/Kyiv', 'Europe/Kiev']],
  ['kolkata', ['Asia/Kolkata', 'Asia/Calcutta']],
  ['calcutta', ['Asia/Kolkata', 'Asia/Calcutta']],
  ['ho chi minh', ['Asia/Ho_Chi_Minh', 'Asia/Saigon']],
  ['kathmandu', ['Asia/Kathmandu', 'Asia/Katmandu']],
  ['saint petersburg', ['Europe/Moscow']],
  ['st petersburg', ['Europe/Moscow']],
  ['petersburg', ['Europe/Moscow']],
]
/** The database's parts of the world whose cities are places people live and say (not Antarctica's stations, not islands). */
const CITY_REGIONS = new Set(['Europe', 'Asia', 'America', 'Africa', 'Australia'])

let databaseCities: Map<string, string> | undefined
/**
 * The time zone database's cities by their name in small letters ("new york"): of a zone
 * `Region/City` of CITY_REGIONS only (America/Indiana/Petersburg is no "Petersburg"), with
 * CITY_NAMES; and each zone by `id:` and its id.
 */
function timeZoneCities(): Map<string, string> {
  if (databaseCities) return databaseCities
  const found = new Map<string, string>()
  const known = new Set(Intl.supportedValuesOf('timeZone'))
  for (const zone of known) {
    found.set(`id:${zone.toLowerCase()}`, zone)
    const [region, city, more] = zone.split('/')
    if (region && city && more === undefined && CITY_REGIONS.has(region)) {
      found.set(city.replaceAll('_', ' ').toLowerCase(), zone)
    }
  }
  for (const [name, ids] of CITY_NAMES) {
    const zone = ids.find((id) => known.has(id))
    if (zone) found.set(name, zone)
  }
  databaseCities = found
  return found
}

/**
 * /timezone: where the client is, so times are written for them too. Buttons for the zones the
 * business's clients are most often in (src/services/client-zones.ts), or the time it is where
 * they are, typed ("14:05"); the business's own zone clears their own. A client who has a zone is
 * told which and may keep it. Any other button or a command leaves it.
 */
export function buildTimezoneConversation(deps: Deps) {
  return async function timezone(conversation: Conversation<BotContext, BaseContext>, ctx: BaseContext) {
    const clientId = ctx.client?.id
    if (!clientId) return
    const locale = await ctx.i18n.getLocale()
    const { businessTz, now, current } = await conversation.external(() => ({
      businessTz: deps.content.get().business.timezone,
      now: deps.clock.now(),
      // A zone on record Intl does not know (a hand edit, an old runtime) is none: /timezone, which
      // sets it right, must not fail on it
      current: ctx.client?.timezone && isTimeZone(ctx.client.timezone) ? ctx.client.timezone : null,
    }))
    const offered = offeredZones(businessTz, now)
    const keyboard = new InlineKeyboard()
    offered.forEach((zone, i) => {
      if (i > 0 && i % 2 === 0) keyboard.row()
      keyboard.text(zoneLabel(zone, locale, now), zoneCallback.pack(zone === businessTz ? 'same' : zone))
    })
    if (offered.length === 0)
      keyboard.text(
        ctx.t('timezone-same-button', { zone: zoneLabel(businessTz, locale, now) }),
        zoneCallback.pack('same'),
      )
    // Asked again, the client sees what they gave before: a zone set right stays with one tap
    if (current !== null) keyboard.row().text(ctx.t('timezone-keep-button'), zoneCallback.pack('keep'))
    const ask = ctx.t(offered.length > 0 ? 'timezone-ask' : 'timezone-ask-typed', {
      zone: zoneLabel(businessTz, locale, now),
      time: clockTime(now, businessTz, locale),
    })
    const currently =
      current === null
        ? undefined
        : ctx.t('timezone-current', { zone: zoneLabel(current, locale, now), time: clockTime(now, current, locale) })
    await ctx.reply(currently === undefined ? ask : `${currently}\n\n${ask}`, { reply_markup: keyboard })

    const save = async (to: BaseContext, zone: string | null) => {
      await conversation.external(() => deps.services.clients.setTimezone(clientId, zone))
      const at = await conversation.external(() => deps.clock.now())
      const shown = zone ?? businessTz
      await to.reply(
        to.t(zone === null ? 'timezone-set-same' : 'timezone-set', {
          zone: zoneLabel(shown, locale, at),
          time: clockTime(at, shown, locale),
        }),
        { reply_markup: backKeyboard(to) },
      )
    }
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const answer = await conversation.wait({ maxMilliseconds: ABANDONED_AFTER_MS })
      if (!answer.message && !answer.callbackQuery) {
        attempt-- // an edit of an earlier message, a reaction: no answer, and no try spent
        continue
      }
      if (answer.callbackQuery) {
        const [picked] = zoneCallback.unpack(answer.callbackQuery.data) ?? []
        const kept = picked === 'keep' && current !== null
        // Another button (the menu's, a product's), or a zone that is not offered: that feature's
        if (picked === undefined || (picked !== 'same' && !kept && !offered.includes(picked))) {
          await conversation.halt({ next: true })
        }
        await answer.answerCallbackQuery()
        const asked = answer.callbackQuery.message?.message_id
        if (asked !== undefined) await setButtons(answer, asked, null, 'taking the zone buttons off')
        if (kept) {
          const at = await conversation.external(() => deps.clock.now())
          return answer.reply(
            answer.t('timezone-kept', { zone: zoneLabel(current, locale, at), time: clockTime(at, current, locale) }),
            { reply_markup: backKeyboard(answer) },
          )
        }
        return save(answer, picked === 'same' ? null : (picked as string))
      }
      const text = answer.message?.text?.trim() ?? ''
      if (text.startsWith('/')) {
        // As in the name's question: the bot's commands leave, a slash typed otherwise is no try
        if (leavesFlow(text)) await conversation.halt({ next: true })
        attempt--
        await answer.reply(answer.t('flow-unknown-command'))
        continue
      }
      // Hours and minutes, as a clock shows them now: "в три" or "около 5" is a time for something
      // else (a call, a visit), and a bare hour cannot tell 15:00 from a quarter to four
      const clock = /\d[:.]\d\d/.test(text) && !/около|примерно|around|about/i.test(text) ? typedClock(text) : undefined
      const at = await conversation.external(() => deps.clock.now())
      const zone = clock === undefined ? undefined : zoneForTypedTime(clock.minutes, at, businessTz)
      if (zone !== undefined) return save(answer, zone === businessTz ? null : zone)
      // A city of the buttons typed ("Владивосток", "я в Новосибирске"): that button
      const named = clock === undefined ? zoneNamedIn(text, offered, now) : undefined
      if (named !== undefined) return save(answer, named === businessTz ? null : named)
      // While a manager reads the client's messages, what is no time at all is theirs
      if (clock === undefined) {
        await passToManager(conversation, () => deps.services.handoff.isOpen(clientId), answer.message)
      }
      const again = offered.length > 0 ? 'timezone-invalid' : 'timezone-invalid-typed'
      await answer.reply(answer.t(attempt < MAX_TRIES ? again : 'timezone-give-up'), {
        reply_markup: attempt < MAX_TRIES ? undefined : backKeyboard(answer),
      })
    }
  }
}
