import type { Deps } from '../../deps.ts'
import { formatWhen } from '../../format.ts'
import { HANDED_BACK_MS, type HandoffWait, type NoticeLine } from '../../services/handoff/index.ts'
import { clip, headOf } from '../../text.ts'
import { dropPressedButton, react } from '../courtesy.ts'
import { claimCallback } from '../handoff/callbacks.ts'
import { findColleague, inGroup } from '../handoff/colleague.ts'
import { realReplyTo } from '../handoff/message-entry.ts'
import { actingStaffName, clientLinkHtml, renderNotice, staffName } from '../handoff/texts.ts'
import { escapeHtml } from '../html.ts'
import { refusedInAnotherTopic } from '../owner-guard.ts'
import type { BotScopes } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'

/**
 * Tags: lowercase letters (any alphabet), digits, "_" and "-", up to 32; "-" not first ("--vip"
 * is a removal gone wrong, not the tag "-vip").
 */
const TAG = /^[\p{Ll}\p{Lo}\p{N}_][\p{Ll}\p{Lo}\p{N}_-]{0,31}$/u
/** Tags a notice names. */
const TAGS_SHOWN = 30
/** Clients a /handover summary names (a line each, within one message). */
const HANDOVER_SHOWN = 25

/**
 * Staff commands inside a client's topic: /close (and /close force), /assign, /tag,
 * /card, /note, /unsend and (owners) /move to another staff group, and the "I take this client"
 * button on the card; and /handover anywhere in a staff group (all of one's open requests to a
 * colleague, found as /assign finds one). Roles are checked
 * on every use (the client-topic scope). Answers go through the outbox as notices,
 * so they keep their place among the client's messages and never block the
 * group's updates on a rate limit; quick confirmations are reactions.
 */
export function registerHandoffStaffFeature(deps: Deps, scopes: BotScopes): void {
  const { handoff } = deps.services

  scopes.staffGroup.callbackQuery(claimCallback.filter, async (ctx) => {
    const [clientId] = claimCallback.unpack(ctx.callbackQuery.data) ?? []
    if (!ctx.staffRole) return ctx.answerCallbackQuery({ text: ctx.t('staff-button-only'), show_alert: true })
    const client = clientId ? handoff.client(clientId) : undefined
    // A client who erased their data has nobody left to take: the alert's button is out of date
    if (!client || client.deletedAt !== null) return ctx.answerCallbackQuery({ text: ctx.t('stale-button') })
    if (await refusedInAnotherTopic(ctx, client.id)) return
    /**
     * Nobody is to take the client any more: the button comes off the posts still showing it
     * through the outbox (`claimTaken`), and off the pressed one here when that is older than the
     * outbox's record of it (a week), which nothing else would take it off.
     */
    const pressedOff = async () => {
      const pressed = ctx.callbackQuery.message
      if (pressed && !handoff.route.claimComesOff(client.id, pressed.chat.id, pressed.message_id)) {
        await dropPressedButton(ctx)
      }
    }
    // Nor has a closed request (the alert keeps its button when nobody took the client before
    // it closed): out of date too, and it comes off the posts still showing it, through the outbox
    if (!handoff.isOpen(client.id)) {
      handoff.route.claimTaken(client.id)
      await ctx.answerCallbackQuery({ text: ctx.t('stale-button') })
      return pressedOff()
    }
    // As the client middleware kept it from this press (`roleOf`)
    const name = actingStaffName(deps, ctx.from)
    const leader = handoff.leadOf(client.id)
    if (leader === ctx.from.id) {
      await ctx.answerCallbackQuery({ text: ctx.t('handoff-claimed') })
      return pressedOff()
    }
    // An old button must not take a client from a colleague: that is what /assign is for
    if (leader) {
      const manager = staffName(deps, leader) ?? ''
      await ctx.answerCallbackQuery({ text: ctx.t('handoff-claim-taken', { manager }), show_alert: true })
      return pressedOff()
    }
    handoff.assign(client.id, ctx.from.id)
    handoff.notifyTopic(client.id, [{ key: 'handoff-topic-assigned', args: { manager: name } }])
    await ctx.answerCallbackQuery({ text: ctx.t('handoff-claimed') })
    return pressedOff()
  })

  const topic = scopes.clientTopic

  /**
   * The answer to a command typed in the client's topic: the one who typed it waits for it, so it
   * goes before what is queued at the group's 20 a minute (a /close in a busy morning was
   * answered 37 s later, after the new requests' cards).
   */
  const answerIn = (clientId: number, lines: NoticeLine[]) => handoff.notifyTopic(clientId, lines, { answering: true })

  // /close asks the client and closes by itself without an answer; /close force <reason> closes at once
  topic.command('close', (ctx) => {
    const clientId = ctx.topicClient.id
    const [first, ...rest] = ctx.match.trim().split(/\s+/)
    if (first?.toLowerCase() === 'force') {
      const reason = rest.join(' ').trim()
      if (!reason) return answerIn(clientId, [{ key: 'desk-close-force-usage' }])
      const forced = deps.services.closing.force(clientId, ctx.from.id, clip(reason, 500))
      if (forced === 'none') answerIn(clientId, [{ key: 'handoff-close-none' }])
      return
    }
    // Words after a plain /close ("/close решено по телефону") mean the manager wants it closed
    // for that reason: the client is not asked behind their back, the hint says which command does which
    if (first) {
      return answerIn(clientId, [{ key: 'desk-close-words', args: { reason: clip(ctx.match.trim(), 200) } }])
    }
    const result = deps.services.closing.request(clientId)
    if (result.status === 'asked') {
      return answerIn(clientId, [{ key: 'desk-close-asked', args: { until: { time: result.closesAt } } }])
    }
    const key =
      result.status === 'already-asked'
        ? 'handoff-close-already'
        : result.status === 'unreachable'
          ? 'handoff-topic-deleted-client'
          : 'handoff-close-none'
    answerIn(clientId, [{ key }])
  })

  topic.command('assign', async (ctx) => {
    const clientId = ctx.topicClient.id
    const arg = ctx.match.trim()
    const found = await findColleague(deps, ctx, arg, { command: 'assign', usage: { key: 'handoff-assign-usage' } })
    if ('refusal' in found) return answerIn(clientId, found.refusal)
    const managerId = found.id
    // Handed to the one who leads them already: no second notice mentioning them. One who leads
    // the client and takes them (a bare /assign) likely meant to hand them over: how, under it
    if (handoff.leadOf(clientId) === managerId) {
      const manager = staffName(deps, managerId) ?? `id ${managerId}`
      return answerIn(clientId, [
        { key: 'handoff-assign-already', args: { manager } },
        ...(managerId === ctx.from.id ? [{ key: 'handoff-assign-usage' as const }] : []),
      ])
    }
    // Asked first: it learns the name of someone the bot has not seen write
    const absent = managerId !== ctx.from.id && !(await inGroup(deps, ctx, managerId))
    const previous = handoff.leadOf(clientId)
    handoff.assign(clientId, managerId, ctx.from.id)
    const manager = staffName(deps, managerId) ?? `id ${managerId}`
    if (managerId === ctx.from.id) {
      // Taken from a colleague: the notice mentions them, so Telegram tells them it is no longer theirs
      if (previous !== undefined) {
        return answerIn(clientId, [
          { key: 'handoff-topic-taken-over', args: { manager, previous: { mention: previous } } },
        ])
      }
      return answerIn(clientId, [{ key: 'handoff-topic-assigned', args: { manager } }])
    }
    // Handed to a colleague: the notice mentions them, so Telegram tells them the client is theirs,
    // and what the client waits for, as /handover says it; and whoever led the client before (not
    // the one handing them over: "who handed" names her), so Telegram tells them it is no longer theirs
    const by = actingStaffName(deps, ctx.from)
    const before = previous !== undefined && previous !== ctx.from.id ? { mention: previous } : 'none'
    const wait = handoff.waitOf(clientId)
    answerIn(clientId, [
      { key: 'handoff-topic-handed', args: { manager: { mention: managerId }, by, previous: before } },
      ...(wait ? [{ key: 'handoff-handed-waits' as const, args: waitArgs(wait) }] : []),
      ...(absent ? [{ key: 'handoff-assign-absent' as const, args: { manager } }] : []),
    ])
  })

  /** What a client handed to a colleague waits for, as `handoff-handed-waits` says it (`$pending`, `$since`, `$due`). */
  const waitArgs = (wait: HandoffWait) => ({
    pending: wait.state,
    since: { time: wait.since },
    due: wait.due === undefined ? '' : { time: wait.due },
  })

  /**
   * /handover <colleague> anywhere in a staff group: one going off shift hands every open request
   * she leads to a colleague (found as /assign finds one). Each client's topic gets one line — who
   * leads them now, and what the client waits for — naming the colleague without mentioning her;
   * the summary where it was typed mentions her once, with the clients, those waiting first (the
   * longest wait first): a dozen topics each notifying her would be a dozen pings, and the group's
   * 20 messages a minute are shared with the clients' own. What that colleague handed her minutes
   * ago stays with her (`handoverOf`: two /handovers crossed), and the summary says so. The
   * clients are told nothing: their manager's change is the team's affair.
   */
  scopes.staffGroup.command('handover', async (ctx) => {
    const answer = (lines: NoticeLine[]) => answerStaff(deps, ctx, renderNotice(deps, lines), { html: true })
    if (!ctx.staffRole) return answer([{ key: 'staff-only' }])
    const arg = ctx.match.trim()
    const usage: NoticeLine = { key: 'handoff-handover-usage' }
    const found = await findColleague(deps, ctx, arg, { command: 'handover', usage })
    if ('refusal' in found) return answer(found.refusal)
    // A bare /handover finds the sender herself: she has not said to whom
    if (found.id === ctx.from.id) return answer([arg === '' ? usage : { key: 'handoff-handover-self' }])
    const { handed, kept } = handoff.handoverOf(ctx.from.id, found.id)
    if (handed.length === 0 && kept.length === 0) return answer([{ key: 'handoff-handover-none' }])
    // Asked first: it learns the name of someone the bot has not seen write
    const absent = handed.length > 0 && !(await inGroup(deps, ctx, found.id))
    const manager = staffName(deps, found.id) ?? `id ${found.id}`
    const by = actingStaffName(deps, ctx.from)
    const { timezone } = deps.content.get().business
    const locale = deps.config.DEFAULT_LOCALE
    const now = deps.clock.now()
    const when = (at: number) => escapeHtml(formatWhen(at, timezone, locale, now))
    /** The client's line in the summary: their topic's link, and what they wait for, as their topic's line says it. */
    const item = (clientId: number, wait: HandoffWait | undefined): string[] => {
      // An open request's client has their row (erasing one closes their request first)
      const client = deps.services.clients.get(clientId)
      if (!client) return []
      const pending = wait
        ? { pending: wait.state, since: when(wait.since), due: wait.due === undefined ? '' : when(wait.due) }
        : { pending: 'none', since: '', due: '' }
      return [deps.i18n.t(locale, 'handoff-handover-item', { client: clientLinkHtml(deps, client), ...pending })]
    }
    const items: string[] = []
    for (const clientId of handed) {
      const wait = handoff.waitOf(clientId)
      handoff.assign(clientId, found.id, ctx.from.id)
      const args = wait ? waitArgs(wait) : { pending: 'none', since: '', due: '' }
      handoff.notifyTopic(clientId, [{ key: 'handoff-topic-handed-over', args: { manager, by, ...args } }])
      items.push(...item(clientId, wait))
    }
    ctx.log.info({ to: found.id, count: handed.length, kept: kept.length }, '/handover')
    const { list, more } = headOf(items, HANDOVER_SHOWN, '\n')
    const summary =
      handed.length === 0
        ? []
        : [
            renderNotice(deps, [
              { key: 'handoff-handover-done', args: { manager: { mention: found.id }, by, count: handed.length } },
            ]),
            list,
            ...(more > 0 ? [renderNotice(deps, [{ key: 'handoff-handover-more', args: { count: more } }])] : []),
          ]
    // Her own /handover crossed the colleague's: those clients are not bounced back. Listed within
    // what is left of the summary's lines (one message); the line above them counts them all
    const room = HANDOVER_SHOWN - Math.min(items.length, HANDOVER_SHOWN)
    const keptItems = kept.slice(0, room).flatMap((clientId) => item(clientId, handoff.waitOf(clientId)))
    const keptPart =
      kept.length === 0
        ? []
        : [
            renderNotice(deps, [
              {
                key: 'handoff-handover-kept',
                args: { manager, by, count: kept.length, minutes: HANDED_BACK_MS / 60_000 },
              },
            ]),
            ...keptItems,
            ...(kept.length > room ? ['…'] : []),
          ]
    const tail = absent ? [renderNotice(deps, [{ key: 'handoff-handover-absent', args: { manager } }])] : []
    answerStaff(deps, ctx, [...summary, ...keptPart, ...tail].join('\n'), { html: true, about: [...handed, ...kept] })
  })

  /** The client's tags as a notice shows them: the first ones, and how many more (hundreds would not fit one message). */
  const tagList = (tags: readonly string[]): string => {
    if (tags.length === 0) return '—'
    const { list, more } = headOf(
      tags.map((tag) => `#${tag}`),
      TAGS_SHOWN,
      ' ',
    )
    // Rendered now in the staff groups' language, as the notice itself is
    return more > 0 ? deps.i18n.t(deps.config.DEFAULT_LOCALE, 'handoff-tags-more', { tags: list, more }) : list
  }

  topic.command('tag', async (ctx) => {
    const clientId = ctx.topicClient.id
    const words = ctx.match
      .toLowerCase()
      .split(/[\s,]+/)
      .map((w) => w.replace(/^#/, ''))
      .filter(Boolean)
    const remove = words.filter((w) => w.startsWith('-')).map((w) => w.slice(1))
    const add = words.filter((w) => !w.startsWith('-'))
    const shown = (key: 'handoff-tag-usage' | 'handoff-tag-unchanged', tags: readonly string[]) =>
      answerIn(clientId, [{ key, args: { tags: tagList(tags) } }])
    const before = handoff.tags(clientId)
    if (words.length === 0 || [...add, ...remove].some((w) => !TAG.test(w))) return shown('handoff-tag-usage', before)
    const after = handoff.tag(clientId, add, remove)
    // 👌 only for a change: removing a tag the client does not have says nothing changed
    if (after.join(' ') === before.join(' ')) return shown('handoff-tag-unchanged', after)
    await react(ctx, '👌')
  })

  topic.command('card', (ctx) => {
    // The card is the answer: it goes before what is queued for the group
    handoff.refreshCard(ctx.topicClient.id, { repost: true, answering: true })
  })

  // An owner moves the client to another staff group: /move 2 (the group's number) or its id
  topic.command('move', (ctx) => {
    const clientId = ctx.topicClient.id
    if (ctx.staffRole !== 'owner') return answerIn(clientId, [{ key: 'handoff-move-owner-only' }])
    const { ids } = deps.services.staffGroups
    // One group: no number would do, and the usage would list just the group they are in
    if (ids.length < 2) return answerIn(clientId, [{ key: 'handoff-move-one-group' }])
    const arg = ctx.match.trim()
    const groupId = /^-100\d+$/.test(arg) ? Number(arg) : /^\d{1,2}$/.test(arg) ? ids[Number(arg) - 1] : undefined
    const usage = {
      key: 'handoff-move-usage' as const,
      args: { groups: ids.map((id, i) => `${i + 1}: ${id}`).join(', ') },
    }
    if (groupId === undefined) return answerIn(clientId, [usage])
    const result = handoff.moveToGroup(clientId, groupId)
    if (result === 'same') answerIn(clientId, [{ key: 'handoff-move-same' }])
    else if (result !== 'moved') answerIn(clientId, [usage])
  })

  /**
   * What /unsend says under an invoice's summary: what undoes the invoice as it stands now — while
   * unpaid, the cancel button under the summary; paid, a refund (the summary has no cancel button
   * then: it sent the manager looking for one); cancelled or refunded, nothing.
   */
  function invoiceUnsent(orderId: number): NoticeLine {
    const status = deps.services.orders.get(orderId)?.status ?? 'unpaid'
    const what = status === 'unpaid' ? 'invoice' : `invoice-${status}`
    return { key: 'handoff-unsend-not-answer', args: { what, id: String(orderId) } }
  }

  /**
   * /unsend, as a reply to an answer sent to the client from the topic: its copy in the client's
   * chat is deleted (Telegram does not tell a bot that a message was deleted in a group: deleting
   * the answer in the topic left the client's copy). Its author's or an owner's to take back; the
   * answer is said under the message, once the deletion went or could not (the deliverer).
   */
  topic.command('unsend', (ctx) => {
    const clientId = ctx.topicClient.id
    const target = realReplyTo(ctx.msg)
    if (target === undefined) return answerIn(clientId, [{ key: 'handoff-unsend-usage' }])
    const postedByBot = ctx.msg.reply_to_message?.from?.id === ctx.me.id
    const by = { id: ctx.from.id, owner: ctx.staffRole === 'owner' }
    const found = handoff.unsend(clientId, target, by, postedByBot)
    ctx.log.info({ clientId, status: found.status }, '/unsend')
    if (found.status === 'queued') return
    const line: NoticeLine =
      found.status === 'none'
        ? { key: 'handoff-unsend-not-answer', args: { what: postedByBot ? 'team' : 'other' } }
        : found.status === 'invoice'
          ? invoiceUnsent(found.orderId)
          : found.status === 'client' || found.status === 'note' || found.status === 'bot' || found.status === 'command'
            ? { key: 'handoff-unsend-not-answer', args: { what: found.status } }
            : found.status === 'not-theirs'
              ? {
                  key: 'handoff-unsend-not-theirs',
                  args: { author: staffName(deps, found.row.senderId) ?? `id ${found.row.senderId}` },
                }
              : {
                  key:
                    found.status === 'owner-own'
                      ? 'handoff-unsend-owner-own'
                      : found.status === 'deleted'
                        ? 'handoff-unsend-already'
                        : 'handoff-unsend-undelivered',
                }
    // Under the message it was about, when the topic shows it as one of the client's transcript
    handoff.notifyTopic(clientId, [line], {
      answering: true,
      ...('row' in found ? { replyToRowId: found.row.id } : {}),
    })
  })

  topic.command('note', async (ctx) => {
    const text = ctx.match.trim()
    if (!text) return answerIn(ctx.topicClient.id, [{ key: 'handoff-note-usage' }])
    handoff.addNote(ctx.topicClient.id, ctx.from.id, text, ctx.msg.message_id)
    await react(ctx, '✍')
  })
}
