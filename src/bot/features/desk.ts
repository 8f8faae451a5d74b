import { InlineKeyboard } from 'grammy'
import type { ClientRow } from '../../../db/schema.ts'
import type { SavedReply } from '../../content/schema.ts'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { clockTime, formatWhen, longDay } from '../../format.ts'
import { formatMoney } from '../../money.ts'
import { callTime } from '../../services/booking.ts'
import { FIND_LIMIT, type FindHit, parseFindQuery } from '../../services/desk/client-search.ts'
import { dutyShift } from '../../services/desk/duty.ts'
import { fillReply, findReply, type ReplyData, type ReplyNeed } from '../../services/desk/saved-replies.ts'
import type { Button, NoticeLine } from '../../services/handoff/index.ts'
import { clip, closest, headOf, MESSAGE_MAX, quoted } from '../../text.ts'
import { reportUnreachable } from '../client-chat.ts'
import type { BaseContext, Translate } from '../context.ts'
import { deskPayCallback, deskReplyCallback } from '../desk/callbacks.ts'
import { clientVoice } from '../followup-texts.ts'
import { fullName } from '../handoff/card.ts'
import { personName } from '../handoff/message-entry.ts'
import { clientLinkHtml, renderNotice, staffName, topicLink } from '../handoff/texts.ts'
import { escapeHtml } from '../html.ts'
import { callWhen, callZone } from '../keyboards/booking.ts'
import { menuCallback } from '../keyboards/main-menu.ts'
import { refusedInAnotherTopic } from '../owner-guard.ts'
import type { BotScopes } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'

const PREVIEW_LENGTH = 60
/** Buttons in the /r list (Telegram allows 100 in a message). */
const LIST_MAX = 99
/** Saved replies named when the one asked for is not there. */
const NAMES_SHOWN = 12
/** Clients waiting for an answer a /duty off names (a line each, within one message). */
const WAITS_SHOWN = 25

/**
 * The saved reply a name typed for /r most likely meant: one a letter or two off ("pya"), or one
 * it begins with or that begins with it ("paymnt" for "pay", "cont" for "contacts"), the longest.
 */
function meantReply(typed: string, names: readonly string[]): string | undefined {
  const lower = typed.toLowerCase()
  const near = closest(lower, names)
  if (near !== undefined) return near
  const prefixed = names.filter(
    (n) => n.length >= 2 && (lower.startsWith(n.toLowerCase()) || n.toLowerCase().startsWith(lower)),
  )
  return lower.length < 2 ? undefined : prefixed.sort((a, b) => b.length - a.length)[0]
}

/**
 * The manager's desk in the staff group: saved replies (`/r`, `/r <name>` and
 * the list's buttons) in a client's topic; `/duty on|off` and `/find` anywhere
 * in a staff group. The role is checked on every command and button; every answer
 * is an outbox row (answerStaff), like everything else the bot puts into a group. Also the
 * client's side of a saved reply's _Pay_ button.
 */

export function registerDeskFeature(deps: Deps, scopes: BotScopes): void {
  const { services, config } = deps
  const group = scopes.staffGroup
  /** Staff texts are in the staff group's language. */
  const t: Translate = (key, args) => deps.i18n.t(config.DEFAULT_LOCALE, key, args)

  /** A notice answering what someone just typed or pressed in the topic: before what is queued for the group. */
  const answering = { answering: true }

  /** Notice lines where the command was written: the client's topic (in its lane) or that thread. */
  const answer = (ctx: BaseContext, lines: NoticeLine[]) =>
    answerStaff(deps, ctx, renderNotice(deps, lines), { html: true })

  // ---------------------------------------------------------------- saved replies

  /**
   * What the replies are filled from for this client, `staff` sending: `{manager}` is the one who
   * sends it (the name was kept from this very update: the client middleware's `roleOf`) — the
   * lead's name on a colleague's reply had the client told "Меня зовут Аня" by Лена, and answer Аня.
   */
  function replyData(client: ClientRow, staff: { id: number; name: string }): ReplyData {
    const [nextCall] = services.booking.upcomingFor(client.id)
    const voice = clientVoice(deps, client)
    const tz = deps.content.get().business.timezone
    return {
      client,
      manager: staffName(deps, staff.id) ?? staff.name,
      nextCall: nextCall && {
        at: callTime(nextCall),
        zone: callZone(nextCall, tz, voice.locale, { t: voice.t, clientTz: client.timezone }),
      },
      unpaidOrder: services.orders.unpaid(client.id)[0],
      now: deps.clock.now(),
    }
  }

  /** What the client's data lacks for a reply, as staff read it. */
  const lacking = (needs: ReplyNeed[]) => needs.map((need) => t(`desk-reply-needs-${need}`)).join('; ')

  /**
   * Fills the reply from the client's data and queues it, or tells the topic what
   * the client's data lacks for it ('refused').
   */
  function sendSavedReply(
    client: ClientRow,
    staff: { id: number; name: string },
    reply: SavedReply,
    again: boolean,
  ): 'queued' | 'pending' | 'unreachable' | 'refused' | { sentAt: number } {
    const voice = clientVoice(deps, client)
    const filled = fillReply(reply, voice.locale, replyData(client, staff), deps.content.get())
    const cannot = (why: string) => {
      services.handoff.notifyTopic(
        client.id,
        [{ key: 'desk-reply-cannot', args: { name: reply.name, why } }],
        answering,
      )
      return 'refused' as const
    }
    if (!filled.ok) return cannot(lacking(filled.needs))
    if (filled.reply.text.length > MESSAGE_MAX) return cannot(t('desk-reply-too-long'))
    const labels: Record<string, [string, string]> = {
      book: [voice.t('menu-booking'), menuCallback.pack('booking')],
      manager: [voice.t('menu-manager'), menuCallback.pack('manager')],
      menu: [voice.t('menu-back'), menuCallback.pack('main')],
      ...(filled.reply.orderId ? { pay: [voice.t('desk-reply-pay'), deskPayCallback.pack(filled.reply.orderId)] } : {}),
    }
    const buttons: Button[][] = [
      ...filled.reply.buttons.flatMap((button) => {
        const label = labels[button]
        return label ? [[{ text: label[0], data: label[1] }]] : []
      }),
      ...filled.reply.links.map((link) => [{ text: link.label, url: link.url }]),
    ]
    const buttonNotes = [
      ...(filled.reply.orderId ? paysLine(client.id, filled.reply.orderId) : []),
      ...(filled.reply.buttons.includes('book') ? callBookedLine(client.id) : []),
    ]
    return services.replySender.send(
      client.id,
      staff.id,
      { name: reply.name, text: filled.reply.text, buttons, ...(buttonNotes.length > 0 ? { buttonNotes } : {}) },
      { again },
    )
  }

  /**
   * A _Book_ button sent to a client with a call booked: the topic is told which, since the
   * button offers to move or cancel it, not a new one ("/r call" to a client booked for
   * Thursday read to the manager as if it offered a time).
   */
  function callBookedLine(clientId: number): NoticeLine[] {
    const call = services.booking.upcomingFor(clientId)[0]
    if (!call) return []
    const tz = deps.content.get().business.timezone
    const when = callWhen(call, { tz, locale: config.DEFAULT_LOCALE, now: deps.clock.now(), t })
    return [{ key: 'desk-reply-call-booked', args: { when } }]
  }

  /**
   * Which invoice a reply's _Pay_ button sends: the newest unpaid one, so with others unpaid
   * too the topic is told which, and which ones it is not.
   */
  function paysLine(clientId: number, orderId: number): NoticeLine[] {
    const unpaid = services.orders.unpaid(clientId)
    const order = unpaid.find((o) => o.id === orderId)
    if (!order) return []
    const args = { id: String(order.id), amount: { money: { minor: order.amount, currency: order.currency } } }
    const others = unpaid.filter((o) => o.id !== orderId)
    if (others.length === 0) return [{ key: 'desk-reply-pays', args }]
    const list = others
      .map((o) =>
        t('invoice-other', { id: String(o.id), amount: formatMoney(o.amount, o.currency, config.DEFAULT_LOCALE) }),
      )
      .join(', ')
    return [{ key: 'desk-reply-pays-newest', args: { ...args, others: list } }]
  }

  scopes.clientTopic.command('r', (ctx) => {
    const client = ctx.topicClient
    const replies = deps.content.get().replies
    const name = ctx.match.trim()
    if (replies.length === 0) return services.handoff.notifyTopic(client.id, [{ key: 'desk-reply-none' }], answering)
    if (name === '') {
      // One message holds 4096 characters and 100 buttons: a longer list is cut (/r <name> still sends any)
      const shown = replies.slice(0, LIST_MAX)
      const lines = [escapeHtml(t('desk-reply-list'))]
      const { locale } = clientVoice(deps, client)
      const data = replyData(client, { id: ctx.from.id, name: personName(ctx.from) })
      const content = deps.content.get()
      // Buttons for the replies that can go now: one the client's data lacks something for would only be refused
      const sendable: typeof shown = []
      for (const reply of shown) {
        // As it would go to this client now, in their language; one their data lacks something
        // for is shown as written, with what it lacks
        const filled = fillReply(reply, locale, data, content)
        if (filled.ok) sendable.push(reply)
        const text = filled.ok ? filled.reply.text : pickText(reply.text, locale)
        // On one line; the no-break spaces of an amount ("45 000 ₽") stay
        const preview = escapeHtml(clip(text.replace(/[^\S\u00a0\u202f]+/g, ' '), PREVIEW_LENGTH))
        const line = filled.ok
          ? t('desk-reply-item', { name: escapeHtml(reply.name), preview })
          : t('desk-reply-item-cannot', { name: escapeHtml(reply.name), preview, why: lacking(filled.needs) })
        if ([...lines, line].join('\n').length > MESSAGE_MAX - 100) break
        lines.push(line)
      }
      if (replies.length > lines.length - 1) lines.push('…')
      const keyboard = InlineKeyboard.from([
        sendable.map((reply) => InlineKeyboard.text(reply.name, deskReplyCallback.pack(client.id, reply.name))),
      ]).toFlowed(3)
      return answerStaff(deps, ctx, lines.join('\n'), { html: true, keyboard, clientId: client.id })
    }
    const reply = findReply(deps.content.get(), name)
    if (!reply) {
      // A file of hundreds would not fit one message: the first names, and /r for the rest
      const { list: names, more } = headOf(
        replies.map((r) => r.name),
        NAMES_SHOWN,
        ', ',
      )
      const meant = meantReply(
        name,
        replies.map((r) => r.name),
      )
      return services.handoff.notifyTopic(
        client.id,
        [
          ...(meant ? [{ key: 'desk-reply-meant' as const, args: { name: meant } }] : []),
          more > 0
            ? { key: 'desk-reply-unknown-more', args: { name: clip(name, 40), names, more } }
            : { key: 'desk-reply-unknown', args: { name: clip(name, 40), names } },
        ],
        answering,
      )
    }
    // Typed by name, it is meant: a second time too
    const outcome = sendSavedReply(client, { id: ctx.from.id, name: personName(ctx.from) }, reply, true)
    if (outcome === 'pending') services.handoff.notifyTopic(client.id, [{ key: 'desk-reply-pending' }], answering)
    if (outcome === 'unreachable')
      services.handoff.notifyTopic(client.id, [{ key: 'handoff-topic-deleted-client' }], answering)
  })

  group.callbackQuery(deskReplyCallback.filter, async (ctx) => {
    if (!ctx.staffRole) return ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
    const [clientId, name] = deskReplyCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = clientId ? services.handoff.client(clientId) : undefined
    const reply = name ? findReply(deps.content.get(), name) : undefined
    if (!client || !reply) return ctx.answerCallbackQuery({ text: ctx.t('stale-button') })
    // Erased (/forget): the topic is no longer theirs, so a notice there would go nowhere; the
    // press itself is told
    if (client.deletedAt !== null) return ctx.answerCallbackQuery({ text: t('handoff-topic-deleted-client') })
    if (await refusedInAnotherTopic(ctx, client.id)) return
    // A list's button stays for the next time: pressed again soon after (by a colleague on the same
    // list, seconds later), the reply is not sent twice
    const outcome = sendSavedReply(client, { id: ctx.from.id, name: personName(ctx.from) }, reply, false)
    if (typeof outcome === 'object') {
      const time = clockTime(outcome.sentAt, deps.content.get().business.timezone, config.DEFAULT_LOCALE)
      return ctx.answerCallbackQuery({ text: t('desk-reply-recent', { name: reply.name, time }), show_alert: true })
    }
    if (outcome === 'unreachable')
      services.handoff.notifyTopic(client.id, [{ key: 'handoff-topic-deleted-client' }], answering)
    const key = outcome === 'queued' ? 'desk-reply-queued' : outcome === 'pending' ? 'desk-reply-pending' : undefined
    return ctx.answerCallbackQuery(key ? { text: t(key) } : {})
  })

  // ---------------------------------------------------------------- duty

  group.command('duty', async (ctx) => {
    if (!ctx.staffRole) return answer(ctx, [{ key: 'staff-only' }])
    const arg = ctx.match.trim().toLowerCase()
    if (arg !== '' && arg !== 'on' && arg !== 'off') return answer(ctx, [{ key: 'desk-duty-usage' }])
    const lines: NoticeLine[] = []
    let waiting: { clients: number[]; lines: string[] } = { clients: [], lines: [] }
    if (arg !== '') {
      services.duty.set(ctx.from.id, ctx.chat.id, arg === 'on')
      ctx.log.info({ onDuty: arg === 'on' }, 'duty changed')
      if (arg === 'on') {
        // The day the duty covers, and when it ends by itself: when that day's hours close (dutyShift)
        const content = deps.content.get()
        const tz = content.business.timezone
        const { day, ends, closes } = dutyShift(deps.clock.now(), ctx.from.id, content)
        const covers = longDay(day, tz, config.DEFAULT_LOCALE)
        const until = closes ? clockTime(ends, tz, config.DEFAULT_LOCALE) : 'day'
        lines.push({ key: 'desk-duty-on', args: { manager: { mention: ctx.from.id }, day: covers, until } })
      } else {
        lines.push({ key: 'desk-duty-off', args: { manager: { mention: ctx.from.id } } })
        // Her clients stay hers after her shift (the alerts of their waits find whoever is on
        // duty): going home, she may hand them over at once — and sees who waits for an answer now
        const led = services.handoff.requestsLedBy(ctx.from.id)
        if (led.length > 0) lines.push({ key: 'desk-duty-off-leads', args: { count: led.length } })
        waiting = waitingOf(led)
      }
    }
    const roster = services.duty.roster(ctx.chat.id).map((m) => {
      const name = staffName(deps, m.telegramId) ?? String(m.telegramId)
      return m.available ? name : `${name} (${t('desk-duty-away')})`
    })
    const after: NoticeLine[] = [
      roster.length > 0 ? { key: 'desk-duty-list', args: { list: roster.join(', ') } } : { key: 'desk-duty-nobody' },
    ]
    if (arg === '') after.push({ key: 'desk-duty-usage' })
    if (waiting.clients.length === 0) return answer(ctx, [...lines, ...after])
    // The clients named: their topics a tap away, and the answer found again by their /forget
    const text = [renderNotice(deps, lines), ...waiting.lines, renderNotice(deps, after)].join('\n')
    answerStaff(deps, ctx, text, { html: true, about: waiting.clients })
  })

  /**
   * Of the clients whose requests someone leads (`led`), those who wait for the team's answer now,
   * a line each ("⏳ Оксана ждёт ответа с 11:24", the name opening their topic; the first
   * WAITS_SHOWN, and how many more).
   */
  function waitingOf(led: readonly number[]): { clients: number[]; lines: string[] } {
    const locale = config.DEFAULT_LOCALE
    const tz = deps.content.get().business.timezone
    const now = deps.clock.now()
    const clients: number[] = []
    const items: string[] = []
    for (const clientId of led) {
      const wait = services.handoff.waitOf(clientId)
      const client = wait && services.clients.get(clientId)
      if (!wait || !client) continue
      clients.push(clientId)
      const since = escapeHtml(formatWhen(wait.since, tz, locale, now))
      items.push(t('desk-duty-off-waits', { client: clientLinkHtml(deps, client), since }))
    }
    const { list, more } = headOf(items, WAITS_SHOWN, '\n')
    const lines = items.length === 0 ? [] : [list]
    if (more > 0) lines.push(escapeHtml(t('desk-duty-off-waits-more', { count: more })))
    return { clients, lines }
  }

  // ---------------------------------------------------------------- find

  group.command('find', async (ctx) => {
    if (!ctx.staffRole) return answer(ctx, [{ key: 'staff-only' }])
    const input = ctx.match.trim()
    const query = parseFindQuery(input)
    if (input === '' || query.kind === 'too-short') return answer(ctx, [{ key: 'desk-find-usage' }])
    const hits = services.clientSearch.find(query)
    ctx.log.info({ kind: query.kind, found: hits.length }, '/find')
    const shown = clip(input, 60)
    if (hits.length === 0) {
      const none = renderNotice(deps, [{ key: 'desk-find-none', args: { query: shown } }])
      return answerStaff(deps, ctx, none, { html: true, echoes: true })
    }
    // Links to the topics: HTML built here, every piece of text escaped
    const lines = [t('desk-find-title', { query: escapeHtml(shown), count: hits.length })]
    hits.slice(0, FIND_LIMIT).forEach((hit, i) => {
      lines.push(
        t('desk-find-item', { n: i + 1, who: whoHtml(hit), id: String(hit.client.id), matched: matchedHtml(hit) }),
      )
    })
    const about = hits.slice(0, FIND_LIMIT).map((hit) => hit.client.id)
    answerStaff(deps, ctx, lines.join('\n'), { html: true, about })
  })

  function whoHtml({ client }: FindHit): string {
    const handle = client.username ? ` @${client.username}` : ''
    const name = escapeHtml(clip(`${fullName(client)}${handle}`, 80))
    // Looking a client up moves nobody: a topic in a group taken out of the settings is out of reach
    const group = client.topicId === null ? undefined : services.staffGroups.topicGroupOf(client)
    if (client.topicId === null || group === undefined) return `${name} (${escapeHtml(t('desk-find-no-topic'))})`
    return `<a href="${topicLink(group, client.topicId)}">${name}</a>`
  }

  function matchedHtml(hit: FindHit): string {
    if (hit.matched !== 'transcript' && hit.matched !== 'note') return escapeHtml(t(`desk-find-matched-${hit.matched}`))
    const excerpt = quoted(clip((hit.excerpt ?? '').replace(/\s+/g, ' '), PREVIEW_LENGTH), config.DEFAULT_LOCALE)
    return escapeHtml(t(`desk-find-matched-${hit.matched}`, { excerpt }))
  }

  // ---------------------------------------------------------------- the client's Pay button

  scopes.private.callbackQuery(deskPayCallback.filter, async (ctx, next) => {
    const [orderId] = deskPayCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    const order = orderId ? services.orders.get(orderId) : undefined
    if (!client || !order || order.clientId !== client.id) return next()
    if (order.status !== 'unpaid') {
      const key = { paid: 'payment-already-paid', refunded: 'payment-refunded', cancelled: 'payment-closed' } as const
      return ctx.answerCallbackQuery({ text: ctx.t(key[order.status]) })
    }
    if (order.clientReportedPaidAt !== null) return ctx.answerCallbackQuery({ text: ctx.t('payment-reported-already') })
    // A button pressed in the owner's Business chat does not open it to the bot: where the bot
    // may not write there now, the invoice could not go. The client's own word opens it again
    // after Telegram's 24 hours (or the owner's first message); otherwise (no right to reply…)
    // only staff can act: they are told, and the client that the manager will send it
    const route = services.business.route(client)
    if (route.via === 'blocked') {
      const id = String(order.id)
      const opens = route.reason === 'window' || route.reason === 'not-written'
      if (!opens) reportUnreachable(deps, client.id, route.reason, { type: 'invoice', text: `#${id}` })
      const text = ctx.t(opens ? 'payment-again-write-first' : 'payment-again-manager', { id })
      return ctx.answerCallbackQuery({ text, show_alert: true })
    }
    // The invoice again, the way /invoice sends it (one way to send one): a Telegram invoice to
    // pay right in the chat, or the payment details with "I've paid", through the client's lane
    services.handoff.sendInvoice(client.id, order.id, null)
    await ctx.answerCallbackQuery()
  })
}
