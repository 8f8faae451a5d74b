import { BOOKING_CONVERSATION } from '../../../conversations/booking.ts'
import { NAME_CONVERSATION } from '../../../conversations/name.ts'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { clientName } from '../../format.ts'
import type { LocaleKey } from '../../locales/keys.ts'
import { parseStartPayload } from '../../services/clients.ts'
import { isNudgeFlow } from '../../services/nudges.ts'
import { chatKind, replyKeyboardsAllowed } from '../client-chat.ts'
import { noteEtaTold } from '../desk/night.ts'
import { showBotWords } from '../handoff/recorder.ts'
import { handoffOpenedText, renderNotice } from '../handoff/texts.ts'
import { clientMarkup, mainMenuKeyboard } from '../keyboards/main-menu.ts'
import type { BotScopes } from '../scopes.ts'
import { askConsent } from './privacy.ts'
import { welcomeLines } from './staff.ts'

/**
 * /start, /menu, /cancel. /start remembers where the client came from (once), greets them by name
 * with one line about the business, shows the menu, and — only the first
 * time — asks separately for consent to marketing messages. A team member is greeted as one:
 * where the work is, and /help — with the welcome they did not get when added, if so.
 */
export function registerStartFeature(deps: Deps, scopes: BotScopes): void {
  const { services, content } = deps
  const feature = scopes.private

  feature.command('start', async (ctx) => {
    const client = ctx.client
    if (!client) return
    await ctx.conversation.exitAll()
    const payload = parseStartPayload(ctx.match)
    if (payload.kind !== 'none') services.clients.captureAttribution(client, payload)
    else if (ctx.match) {
      // Only its length and whether it starts like one of our links: what follows may be what
      // the person typed (a phone, a name), which stays out of the logs that /forget cannot reach
      const link = /^(src|ref)_/i.exec(ctx.match)?.[1]?.toLowerCase() ?? null
      ctx.log.info({ link, payloadLength: ctx.match.length }, 'ignored malformed start payload')
    }
    const business = content.get().business
    const locale = await ctx.i18n.getLocale()
    // A manager or the owner opening their chat with the bot learns where the work is, and is
    // not asked a client's consent to news (in an owner's Business chat they are anyone). It is
    // no client's start: one who leaves the team counts as a client from their next /start, not
    // from the day they joined the team
    if (ctx.staffRole && replyKeyboardsAllowed(ctx)) {
      // The welcome Telegram refused when they were added (they had not opened the bot yet) is
      // theirs now, in place of the greeting; given once
      const member = services.staff.find(ctx.from.id)
      if (member?.welcomeOwed && member.addedBy !== null) {
        const lines = welcomeLines(deps, { role: member.role, addedBy: member.addedBy }, locale)
        await ctx.reply(renderNotice(deps, [...lines, { key: 'start-team-menu' }], locale), {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: mainMenuKeyboard(ctx, deps.content.get()),
        })
        services.staff.welcomeOwed(member.telegramId, false)
        return
      }
      await ctx.reply(
        ctx.t('start-team', {
          name: clientName(client) || ctx.t('start-friend'),
          business: pickText(business.name, locale),
          role: ctx.t(ctx.staffRole === 'owner' ? 'staff-role-owner' : 'staff-role-manager'),
        }),
        { reply_markup: mainMenuKeyboard(ctx, deps.content.get()) },
      )
      return
    }
    const returning = services.clients.recordStart(client) === 'returning'
    const greeting = ctx.t('start-greeting', {
      name: clientName(client) || ctx.t('start-friend'),
      business: pickText(business.name, locale),
      about: pickText(business.about, locale),
      returning: returning ? 'yes' : 'no',
      chat: chatKind(ctx),
    })
    // Back with a request still open: told it is with the team, and by when — the plain first
    // greeting read as if their question were forgotten. Only a client with a topic is looked up:
    // most /starts are from clients who never had a request, and the look cost each one a query
    // (a request waits for its topic only the moment the group is written to)
    const open = client.topicId !== null && services.handoff.current(client.id)?.status === 'open'
    const eta = open ? { ...services.handoff.eta(client.id), created: false } : undefined
    const request = eta ? `\n\n${handoffOpenedText(deps, ctx.t, locale, client, eta)}` : ''
    // In the owner's own chat, no menu under it (`clientMarkup`): what to do there is said in words
    await ctx.reply(`${greeting}${request}`, clientMarkup(ctx, mainMenuKeyboard(ctx, deps.content.get())))
    if (eta) {
      noteEtaTold(deps, client.id, eta)
      // What they were told of their request (by when) is the topic's to read too
      showBotWords(deps, ctx)
    }

    // Asked where the news would come: broadcasts go from the bot's own chat only, never through
    // the owner's account, so a client there is asked at their first /start in the bot's chat
    if (replyKeyboardsAllowed(ctx) && services.clients.shouldAskConsent(client)) {
      services.clients.markConsentAsked(client.id)
      await askConsent(ctx)
    }
  })

  // /menu and /cancel leave any flow: the client is never trapped in one
  feature.command('menu', async (ctx) => {
    await ctx.conversation.exitAll()
    await ctx.reply(
      ctx.t('menu-title', { chat: chatKind(ctx) }),
      clientMarkup(ctx, mainMenuKeyboard(ctx, deps.content.get())),
    )
  })

  feature.command('cancel', async (ctx) => {
    const left = Object.keys(await ctx.conversation.active())
    await ctx.conversation.exitAll()
    // Cancelling is the client's decision, not a flow abandoned: no "you did not finish" reminder
    // follows (a menu button or silence leaves the flow open, and gets one)
    const client = ctx.client
    if (client) {
      for (const flow of left.filter(isNudgeFlow))
        services.nudges.disarm(client.id, flow, 'the client cancelled the flow')
    }
    const hasCall = () => client !== undefined && services.booking.upcomingFor(client.id).length > 0
    // A team member with nothing to cancel gets no client menu under it, as under their /help: its
    // "Talk to a manager" would open a request about themselves. Leaving a client flow they were
    // trying, they get it, as a client would
    // (In an owner's Business chat a team member writes as a client would)
    const team = ctx.staffRole !== undefined && replyKeyboardsAllowed(ctx) && left.length === 0
    if (team) return ctx.reply(ctx.t('cancel-nothing-team'))
    return ctx.reply(
      ctx.t(cancelledText(left, hasCall), { button: ctx.t('menu-booking'), chat: chatKind(ctx) }),
      clientMarkup(ctx, mainMenuKeyboard(ctx, deps.content.get())),
    )
  })
}

/**
 * What /cancel says, as each flow's own way out would: discovery and the quiz keep every answer
 * given; a booking keeps nothing chosen (a move leaves the call where it was: a client with a
 * call booked is in the flow only to move it); a new name is not taken.
 */
function cancelledText(left: string[], hasCall: () => boolean): LocaleKey {
  if (left.includes(BOOKING_CONVERSATION)) return hasCall() ? 'booking-move-stopped' : 'booking-stopped'
  if (left.includes(NAME_CONVERSATION)) return 'name-kept'
  return left.length > 0 ? 'cancel-done' : 'cancel-nothing'
}
