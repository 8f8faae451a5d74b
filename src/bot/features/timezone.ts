import { getsNews, zoneCallback, zonePressed, zoneReader, zoneSetText } from '../../../conversations/timezone.ts'
import { zoneSaidIn } from '../../../conversations/typed-label.ts'
import type { ClientRow } from '../../../db/schema.ts'
import { isTimeZone } from '../../content/schema.ts'
import type { Deps } from '../../deps.ts'
import { offeredZones } from '../../services/client-zones.ts'
import { DAY_MS } from '../../services/time.ts'
import type { BotContext } from '../context.ts'
import { setButtons } from '../courtesy.ts'
import { chatOf } from '../handoff/message-entry.ts'
import { backKeyboard, clientMarkup } from '../keyboards/main-menu.ts'
import type { BotScopes } from '../scopes.ts'
import { asksForTheButtons } from './unhandled.ts'

/** At most this long, a message is a place or a clock said, not a letter to the manager. */
const TYPED_ZONE_TEXT = 80

/**
 * /timezone's question answered after its flow ended: it gave up after three answers it could not
 * read ("Давайте пока оставим как есть"), or the client left it. A 67-year-old client went on
 * typing her city under it — a button's own label, «Владивосток», among them — and heard the
 * bot's "I'm a bot, use the buttons", then nothing at all (more words right under that offer are
 * kept for a manager, not answered). Now a place or a clock typed right under the question's
 * "could not tell", its giving up or the zone it set (or under the bot's "use the buttons" since),
 * and a zone button of the question pressed at any time, set the zone as the question would have.
 */
export function registerTimezoneFeature(deps: Deps, scopes: BotScopes): void {
  const { services, clock, content } = deps
  const feature = scopes.private

  /** The client's zone (null: none, or one Intl does not know: /timezone sets it right). */
  const zoneOf = (client: Pick<ClientRow, 'timezone'>) =>
    client.timezone && isTimeZone(client.timezone) ? client.timezone : null

  /** Sets the client's zone (null: ours) or keeps it (`kept`), and says so as the question does. */
  async function save(ctx: BotContext, zone: string | null, kept: boolean): Promise<void> {
    const client = ctx.client
    if (!client) return
    const businessTz = content.get().business.timezone
    if (!kept) services.clients.setTimezone(client.id, zone)
    const locale = await ctx.i18n.getLocale()
    const news = getsNews(deps, client.id)
    await ctx.reply(
      zoneSetText(ctx.t.bind(ctx), zone, kept, { locale, businessTz, now: clock.now(), news }),
      clientMarkup(ctx, backKeyboard(ctx)),
    )
  }

  /**
   * Whether `text`, the bot's word sent at `at`, is /timezone's about the client's zone: its "could
   * not tell" and its giving up, or the zone it set or kept ("Готово: у вас сейчас 19:00
   * (Владивосток…)" — a city typed under it sets it right: "Красноярск"). The zone's words are
   * matched as they were made: with the client's zone now and the clock of the minute they were
   * sent (or the one before, sent as it turned).
   */
  function aboutTheZone(ctx: BotContext, text: string, at: number, current: string | null, locale: string): boolean {
    const t = ctx.t.bind(ctx)
    const misread = ['timezone-invalid', 'timezone-invalid-typed', 'timezone-give-up'] as const
    if (misread.some((key) => text === t(key))) return true
    const businessTz = content.get().business.timezone
    // (With news promised or not: the client may have subscribed or left since)
    return [at, at - 60_000].some((now) =>
      [false, true].some((news) =>
        [
          zoneSetText(t, current, false, { locale, businessTz, now, news }),
          zoneSetText(t, current, true, { locale, businessTz, now, news }),
        ].includes(text),
      ),
    )
  }

  feature.on('message:text', async (ctx, next) => {
    const client = ctx.client
    const text = ctx.msg.text
    if (!client || text.length > TYPED_ZONE_TEXT || text.startsWith('/')) return next()
    const asked = services.handoff.openQuestion(client.id, chatOf(ctx.msg), DAY_MS, {
      nothingSince: true,
      nudge: (said) => asksForTheButtons(said, ctx.t.bind(ctx)),
    })
    // (Most texts are under no question of the bot's: nothing more to read for them)
    if (asked === undefined) return next()
    const locale = await ctx.i18n.getLocale()
    const current = zoneOf(client)
    if (!aboutTheZone(ctx, asked.text, asked.at, current, locale)) return next()
    const businessTz = content.get().business.timezone
    const { zone } = zoneSaidIn(text, clock.now(), businessTz)
    if (zone === undefined) return next()
    ctx.log.info({ clientId: client.id }, "a zone typed under /timezone's question after it ended")
    await save(ctx, zone === businessTz ? null : zone, false)
    // A manager reading the chat still reads the words, answered by the bot
    if (services.handoff.isOpen(client.id)) {
      ctx.answeredByBot = true
      return next()
    }
  })

  feature.callbackQuery(zoneCallback.filter, async (ctx, next) => {
    const client = ctx.client
    if (!client) return next()
    const businessTz = content.get().business.timezone
    const locale = await ctx.i18n.getLocale()
    const current = zoneOf(client)
    const offered = offeredZones(businessTz, clock.now(), zoneReader(ctx, locale))
    const picked = zonePressed(ctx.callbackQuery.data, offered, current)
    // A zone never offered (forged, or the offer has changed since): the stale button's answer
    if (picked === undefined) return next()
    ctx.log.info({ clientId: client.id }, "a zone button of /timezone's question pressed after it ended")
    await ctx.answerCallbackQuery()
    const asked = ctx.callbackQuery.message?.message_id
    if (asked !== undefined) await setButtons(ctx, asked, null, 'taking the zone buttons off')
    await save(ctx, picked === 'keep' ? current : picked, picked === 'keep')
  })
}
