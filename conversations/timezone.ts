import type { Conversation } from '@grammyjs/conversations'
import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { defineCallback } from '../src/bot/callback-data.ts'
import { leavesFlow } from '../src/bot/commands.ts'
import type { BaseContext, BotContext, Translate } from '../src/bot/context.ts'
import { setButtons } from '../src/bot/courtesy.ts'
import { backKeyboard, clientMarkup } from '../src/bot/keyboards/main-menu.ts'
import { isTimeZone } from '../src/content/schema.ts'
import type { Deps } from '../src/deps.ts'
import { clockTime, zoneLabel } from '../src/format.ts'
import { offeredZones } from '../src/services/client-zones.ts'
import { consentFacts } from '../src/services/clients.ts'
import { waitForAnswer } from './continuation.ts'
import { passToManager, requestState } from './to-manager.ts'
import { zoneSaidIn } from './typed-label.ts'

export const TIMEZONE_CONVERSATION = 'timezone'
/**
 * A zone offered (its IANA name, checked against the offer), the business's own (`same`), or the
 * client's zone left as it is (`keep`, offered only when they have one).
 */
export const zoneCallback = defineCallback('tz', [
  z
    .string()
    .regex(/^[A-Za-z_]+(?:\/[A-Za-z_]+)*$|^same$|^keep$/)
    .max(40),
])
const MAX_TRIES = 3

/** Whose zones the buttons offer: Telegram's language with its region ("en-US"), for one who reads the bot in another language than Russian. */
export function zoneReader(ctx: BaseContext, locale: string): string | undefined {
  return locale === 'ru' ? undefined : (ctx.from?.language_code ?? locale)
}

/**
 * The question where the client is, with its buttons (`offeredZones`: the zones of their region, the
 * business's own among them; "Keep it" when they have a zone): /timezone's, and a booking's
 * when /timezone is sent at one of its steps.
 */
export function zoneQuestion(
  t: Translate,
  { locale, businessTz, now, current, reader }: ZoneAsk & { reader: string | undefined },
): { text: string; keyboard: InlineKeyboard; offered: string[] } {
  const offered = offeredZones(businessTz, now, reader)
  const keyboard = new InlineKeyboard()
  offered.forEach((zone, i) => {
    if (i > 0 && i % 2 === 0) keyboard.row()
    keyboard.text(zoneLabel(zone, locale, now), zoneCallback.pack(zone === businessTz ? 'same' : zone))
  })
  if (offered.length === 0)
    keyboard.text(t('timezone-same-button', { zone: zoneLabel(businessTz, locale, now) }), zoneCallback.pack('same'))
  // Asked again, the client sees what they gave before: a zone set right stays with one tap
  if (current !== null) keyboard.row().text(t('timezone-keep-button'), zoneCallback.pack('keep'))
  const ask = t(offered.length > 0 ? 'timezone-ask' : 'timezone-ask-typed', {
    zone: zoneLabel(businessTz, locale, now),
    time: clockTime(now, businessTz, locale),
  })
  const currently =
    current === null
      ? undefined
      : t('timezone-current', { zone: zoneLabel(current, locale, now), time: clockTime(now, current, locale) })
  return { text: currently === undefined ? ask : `${currently}\n\n${ask}`, keyboard, offered }
}

/** What the client and the question had: the zone they have (null: none, or ours), ours, the time asked. */
interface ZoneAsk {
  locale: string
  businessTz: string
  now: number
  current: string | null
}

/**
 * A zone button of the question pressed: the zone (null: the business's own, none of their own), or
 * `keep` for the one they have; undefined for a zone not offered, or any other button.
 */
export function zonePressed(
  data: string,
  offered: readonly string[],
  current: string | null,
): string | null | 'keep' | undefined {
  const [picked] = zoneCallback.unpack(data) ?? []
  if (picked === 'keep') return current !== null ? 'keep' : undefined
  if (picked === 'same') return null
  return picked !== undefined && offered.includes(picked) ? picked : undefined
}

/**
 * Said once the zone is set (null: ours, none of their own) or kept, with the time it is there;
 * news is promised in their daytime only to one who agreed to get it (`news`).
 */
export function zoneSetText(
  t: Translate,
  zone: string | null,
  kept: boolean,
  { locale, businessTz, now, news }: Omit<ZoneAsk, 'current'> & { news: boolean },
): string {
  const shown = zone ?? businessTz
  const args = {
    zone: zoneLabel(shown, locale, now),
    time: clockTime(now, shown, locale),
    news: news ? 'yes' : 'no',
  }
  return t(kept ? 'timezone-kept' : zone === null ? 'timezone-set-same' : 'timezone-set', args)
}

/** Whether the client gets news now (agreed, and not unsubscribed since): the /timezone answer promises it only then. */
export function getsNews(deps: Pick<Deps, 'services'>, clientId: number): boolean {
  const client = deps.services.clients.get(clientId)
  return client !== undefined && consentFacts(client).status === 'granted'
}

/**
 * /timezone: where the client is, so times are written for them too. Buttons for the zones the
 * business's clients are most often in (src/services/client-zones.ts), their city typed ("я в
 * Новосибирске", "London": zoneNamedIn), or the time it is where they are, typed ("14:05"); the
 * business's own zone clears their own. A client who has a zone is told which and may keep it.
 * Any other button or a command leaves it.
 */
export function buildTimezoneConversation(deps: Deps) {
  return async function timezone(conversation: Conversation<BotContext, BaseContext>, ctx: BaseContext, given = '') {
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

    /** The zone a typed text says, read now (`zoneSaidIn`). */
    const zoneIn = async (text: string) =>
      zoneSaidIn(text, await conversation.external(() => deps.clock.now()), businessTz)

    const save = async (to: BaseContext, zone: string | null) => {
      await conversation.external(() => deps.services.clients.setTimezone(clientId, zone))
      const { at, news } = await conversation.external(() => ({
        at: deps.clock.now(),
        news: getsNews(deps, clientId),
      }))
      await to.reply(
        zoneSetText(to.t.bind(to), zone, false, { locale, businessTz, now: at, news }),
        clientMarkup(to, backKeyboard(to)),
      )
    }

    // "/timezone LA": the city or clock given with the command is the answer, as "/name Эмма" is
    // (it was asked again, and a "my time" booking then stalled on an unknown zone)
    const said = given.trim() === '' ? undefined : (await zoneIn(given.trim())).zone
    if (said !== undefined) return save(ctx, said === businessTz ? null : said)

    const question = zoneQuestion(ctx.t.bind(ctx), {
      locale,
      businessTz,
      now,
      current,
      reader: zoneReader(ctx, locale),
    })
    const { offered } = question
    await ctx.reply(question.text, { reply_markup: question.keyboard })
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const answer = await waitForAnswer(conversation, () => deps.clock.now())
      if (!answer.message && !answer.callbackQuery) {
        attempt-- // an edit of an earlier message, a reaction: no answer, and no try spent
        continue
      }
      if (answer.callbackQuery) {
        const picked = zonePressed(answer.callbackQuery.data ?? '', offered, current)
        // Another button (the menu's, a product's), or a zone that is not offered: that feature's
        if (picked === undefined) await conversation.halt({ next: true })
        await answer.answerCallbackQuery()
        const asked = answer.callbackQuery.message?.message_id
        if (asked !== undefined) await setButtons(answer, asked, null, 'taking the zone buttons off')
        if (picked === 'keep') {
          const { at, news } = await conversation.external(() => ({
            at: deps.clock.now(),
            news: getsNews(deps, clientId),
          }))
          return answer.reply(
            zoneSetText(answer.t.bind(answer), current, true, { locale, businessTz, now: at, news }),
            clientMarkup(answer, backKeyboard(answer)),
          )
        }
        return save(answer, picked ?? null)
      }
      const text = answer.message?.text?.trim() ?? ''
      if (text.startsWith('/')) {
        // As in the name's question: the bot's commands leave, a slash typed otherwise is no try
        if (leavesFlow(text)) await conversation.halt({ next: true })
        attempt--
        await answer.reply(answer.t('flow-unknown-command'))
        continue
      }
      const { zone, clock } = await zoneIn(text)
      if (zone !== undefined) return save(answer, zone === businessTz ? null : zone)
      // While a manager reads the client's messages, what is no time at all is theirs
      if (!clock) {
        await passToManager(conversation, () => requestState(deps.services.handoff, clientId), answer.message)
      }
      const again = offered.length > 0 ? 'timezone-invalid' : 'timezone-invalid-typed'
      await answer.reply(
        answer.t(attempt < MAX_TRIES ? again : 'timezone-give-up'),
        attempt < MAX_TRIES ? {} : clientMarkup(answer, backKeyboard(answer)),
      )
    }
  }
}
