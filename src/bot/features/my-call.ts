import type { BookingRow, ClientRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { callWindow } from '../../format.ts'
import { remindStaffOfCall } from '../../jobs/booking-reminders.ts'
import { questionQuote } from '../../services/handoff/index.ts'
import { replyKeyboardsAllowed } from '../client-chat.ts'
import type { Translate } from '../context.ts'
import { bookAgainKeyboard, callWhen, callZone, manageBookingKeyboard, promisedTime } from '../keyboards/booking.ts'
import type { BotScopes } from '../scopes.ts'
import { asksAboutOwnCall } from '../typed-answers.ts'
import { talkToManager } from './handoff.ts'

/**
 * The client's calls as "My stuff" lists them, one line each: the last one nobody marked, its time
 * over (`unmarkedFor`: "we have no note that it took place; a manager will check" — it was left out,
 * and a client who asked «ВЫ МНЕ ЗВОНИЛИ ИЛИ НЕТ» read "no calls scheduled"), then those to come.
 * /mybookings, /mydata's summary and the answer to "когда мой звонок?" read them so.
 */
export function callLines(
  deps: Pick<Deps, 'services' | 'content' | 'clock'>,
  client: Pick<ClientRow, 'id' | 'timezone'>,
  { locale, t }: { locale: string; t: Translate },
): { lines: string[]; upcoming: BookingRow[]; unmarked: BookingRow | undefined } {
  const { services, content } = deps
  const tz = services.booking.timezone()
  const now = deps.clock.now()
  const upcoming = services.booking.upcomingFor(client.id)
  const unmarked = services.booking.unmarkedFor(client.id)
  const line = (b: BookingRow, key: Parameters<Translate>[0]) => {
    const product = content.productTitle(b.productId, locale)
    return t(key, {
      window: b.kind === 'now' ? promisedTime(b, tz, locale, now) : callWhen(b, { tz, locale, now, t }),
      zone: callZone(b, tz, locale, { t, clientTz: client.timezone }),
      product: product ? ` — ${product}` : '',
    })
  }
  const lines = unmarked === undefined ? [] : [line(unmarked, 'booking-mine-call-unmarked')]
  for (const b of upcoming) {
    // A "call me now" past its deadline is still theirs (nobody has marked it): said to be late, not due
    lines.push(
      line(
        b,
        b.kind === 'slot'
          ? 'booking-mine-call'
          : b.slotEnd > now
            ? 'booking-mine-call-now'
            : 'booking-mine-call-now-late',
      ),
    )
  }
  return { lines, upcoming, unmarked }
}

/**
 * The client was shown a call nobody marked (`callLines`) and told a manager will check: the team is
 * asked where the call's reminders go, with its outcome buttons — once a call (the client's words
 * about it reach them as any do). Until then the topic only had the card's "итог не отмечен" and
 * the one question an hour after the call, long scrolled away.
 */
export function askTeamAboutUnmarked(deps: Deps, client: ClientRow, call: BookingRow): void {
  if (!deps.services.booking.askedAboutUnmarked(call)) return
  const tz = deps.services.booking.timezone()
  const locale = deps.config.DEFAULT_LOCALE
  const t: Translate = (key, vars) => deps.i18n.t(locale, key, vars)
  const header = {
    key: 'booking-staff-unmarked-asked-header',
    args: {
      window: callWindow(call.slotStart, call.slotEnd, tz, locale),
      zone: callZone(call, tz, locale, { t, clientTz: client.timezone, staff: true }),
    },
  } as const
  remindStaffOfCall(deps, client, header, call, deps.clock.now())
}

/**
 * "Когда мой звонок?", "вы мне когда звоните сегодня или в четверг", "мои звонки", "when is my
 * call?" (`asksAboutOwnCall`): the bot knows, and answers — the call's time as /mybookings shows it,
 * with its Move and Cancel; with none booked, so, and the way to book one. It went to a manager, or
 * at night to "we are closed", with no answer. «Вы мне звонили или нет» after a call nobody marked:
 * the call and that there is no note of it, the team asked to check, and a request opened (the
 * client asked people a question only they can answer). More asked beside it goes on to the
 * manager as it did; so do the words while a manager reads the chat (answered by the bot). Only in
 * the bot's own chat: in the owner's account the team answers.
 */
export function registerMyCallFeature(deps: Deps, scopes: BotScopes): void {
  const { services } = deps
  scopes.private.on('message:text', async (ctx, next) => {
    const client = ctx.client
    const text = ctx.msg.text
    if (!client || text.startsWith('/') || !replyKeyboardsAllowed(ctx)) return next()
    const asked = asksAboutOwnCall(text)
    if (asked === undefined) return next()
    const locale = await ctx.i18n.getLocale()
    const t = ctx.t.bind(ctx)
    const { lines, upcoming, unmarked } = callLines(deps, client, { locale, t })
    const open = services.handoff.isOpen(client.id)
    // Nothing to tell: whether it took place is the team's to say, and a call a manager promised
    // while reading the chat is theirs to name
    if (lines.length === 0 && (asked.past || open)) return next()
    ctx.log.info({ clientId: client.id, past: asked.past, only: asked.only }, 'the client asked about their call')
    const [first] = upcoming
    const keyboard = first === undefined ? bookAgainKeyboard(t) : manageBookingKeyboard(first, t)
    if (lines.length === 0) await ctx.reply(t('booking-asked-no-call'), { reply_markup: keyboard })
    else {
      const calls = lines.join('\n')
      const said = t('booking-asked-call', { count: lines.length, calls, upcoming: first ? 'yes' : 'no' })
      await ctx.reply(said, { reply_markup: keyboard })
    }
    if (unmarked !== undefined && (asked.past || first === undefined)) {
      // Whether it took place, asked of people: a request, theirs to answer (with one open, the
      // words go on to it), and the team asked in its topic, as the client was told
      if (open) {
        askTeamAboutUnmarked(deps, client, unmarked)
        return next()
      }
      await talkToManager(ctx, deps, { reason: 'question', words: questionQuote(text) })
      askTeamAboutUnmarked(deps, client, unmarked)
      return
    }
    // Shown, with "a manager will check": the team is asked to
    if (unmarked !== undefined) askTeamAboutUnmarked(deps, client, unmarked)
    if (!asked.only) return next()
    // A manager reading the chat still reads the words, answered by the bot
    if (open) {
      ctx.answeredByBot = true
      return next()
    }
  })
}
