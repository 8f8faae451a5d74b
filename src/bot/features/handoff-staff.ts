import type { User } from 'grammy/types'
import type { StaffRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import type { NoticeLine } from '../../services/handoff/index.ts'
import { clip, headOf } from '../../text.ts'
import { react } from '../courtesy.ts'
import { claimCallback } from '../handoff/callbacks.ts'
import { personName, realReplyTo } from '../handoff/message-entry.ts'
import { actingStaffName, staffName } from '../handoff/texts.ts'
import { refusedInAnotherTopic } from '../owner-guard.ts'
import type { BotScopes, ClientTopicContext } from '../scopes.ts'
import { classifyTelegramError } from '../telegram-errors.ts'

/**
 * Tags: lowercase letters (any alphabet), digits, "_" and "-", up to 32; "-" not first ("--vip"
 * is a removal gone wrong, not the tag "-vip").
 */
const TAG = /^[\p{Ll}\p{Lo}\p{N}_][\p{Ll}\p{Lo}\p{N}_-]{0,31}$/u
/** Tags a notice names. */
const TAGS_SHOWN = 30
/** Team members a notice names. */
const TEAM_SHOWN = 30

/**
 * Staff commands inside a client's topic: /close (and /close force), /assign, /tag,
 * /card, /note, /unsend and (owners) /move to another staff group, and the "I take this client"
 * button on the card. Roles are checked
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
    // Nor has a closed request (the alert keeps its button when nobody took the client before
    // it closed): out of date too, and it comes off the posts still showing it, through the outbox
    if (!handoff.isOpen(client.id)) {
      handoff.route.claimTaken(client.id)
      return ctx.answerCallbackQuery({ text: ctx.t('stale-button') })
    }
    // As the client middleware kept it from this press (`roleOf`)
    const name = actingStaffName(deps, ctx.from)
    const leader = handoff.leadOf(client.id)
    if (leader === ctx.from.id) return ctx.answerCallbackQuery({ text: ctx.t('handoff-claimed') })
    // An old button must not take a client from a colleague: that is what /assign is for
    if (leader) {
      const manager = staffName(deps, leader) ?? ''
      return ctx.answerCallbackQuery({ text: ctx.t('handoff-claim-taken', { manager }), show_alert: true })
    }
    handoff.assign(client.id, ctx.from.id)
    handoff.notifyTopic(client.id, [{ key: 'handoff-topic-assigned', args: { manager: name } }])
    return ctx.answerCallbackQuery({ text: ctx.t('handoff-claimed') })
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

  /** The team as a notice lists it: "Мария Петрова (200007)", ids included for /assign <id>. */
  const teamList = (rows: readonly StaffRow[]): string => {
    const { list, more } = headOf(
      rows
        .map((r) => {
          const name = deps.services.staff.nameOf(r.telegramId)
          return name ? `${name} (${r.telegramId})` : `id ${r.telegramId}`
        })
        .sort((a, b) => a.localeCompare(b)),
      TEAM_SHOWN,
      ', ',
    )
    return more > 0 ? deps.i18n.t(deps.config.DEFAULT_LOCALE, 'handoff-assign-team-more', { list, more }) : list
  }

  /**
   * Under the team's list, for those in it the bot knows no name of yet (an owner from the
   * settings who never wrote in the group nor to the bot, and never connected their account): how
   * they get one, and how to hand them the client meanwhile. "id 100001" alone among names read
   * as a fault, and `/assign` with their name found nobody.
   */
  const unnamedHint = (rows: readonly StaffRow[]): NoticeLine[] => {
    const unnamed = rows.filter((r) => !deps.services.staff.nameOf(r.telegramId)).map((r) => r.telegramId)
    const [first] = unnamed
    if (first === undefined) return []
    const who = unnamed.map((id) => `id ${id}`).join(', ')
    const several = unnamed.length > 1 ? 'yes' : 'no'
    return [{ key: 'handoff-assign-unnamed', args: { who, several, id: String(first) } }]
  }

  /**
   * The team member whose @username this is. Usernames are not stored (and people change them):
   * Telegram is asked about each member of the team, a read that costs no message in the group.
   */
  async function teamMemberByUsername(ctx: ClientTopicContext, username: string): Promise<User | undefined> {
    const wanted = username.toLowerCase()
    if (ctx.from.username?.toLowerCase() === wanted) return ctx.from
    const others = deps.services.staff.list().filter((r) => r.telegramId !== ctx.from.id)
    const answers = await Promise.allSettled(others.map((r) => ctx.api.getChatMember(ctx.chat.id, r.telegramId)))
    const failed = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason] : []))
    if (failed.length > 0) {
      // Never in the group, or Telegram not answering now: they are looked for among the rest
      ctx.log.info(
        { err: failed[0], failed: failed.length },
        'Telegram did not say who some team members are: their @username is not matched',
      )
    }
    return answers
      .flatMap((a) => (a.status === 'fulfilled' ? [a.value.user] : []))
      .find((u) => u.username?.toLowerCase() === wanted)
  }

  topic.command('assign', async (ctx) => {
    const clientId = ctx.topicClient.id
    const arg = ctx.match.trim()
    // In a topic every message "replies" to the topic's creation message: that is no reply
    const replied = ctx.msg.reply_to_message
    const repliedTo =
      replied && !replied.forum_topic_created && replied.message_id !== ctx.threadId ? replied.from : undefined
    // A colleague picked from Telegram's list of mentions, who has no @username: Telegram gives who it is
    const mentioned = ctx.msg.entities?.find((e) => e.type === 'text_mention')?.user
    let managerId: number | undefined
    let name: string | undefined
    if (/^\d{1,15}$/.test(arg)) managerId = Number(arg)
    else if (mentioned && !mentioned.is_bot) {
      managerId = mentioned.id
      name = personName(mentioned)
    } else if (arg === '' && repliedTo && !repliedTo.is_bot) {
      managerId = repliedTo.id
      name = personName(repliedTo)
    } else if (arg === '') {
      managerId = ctx.from.id
      name = personName(ctx.from)
    } else if (/^@\w{1,32}$/.test(arg)) {
      const user = await teamMemberByUsername(ctx, arg.slice(1))
      if (user) {
        managerId = user.id
        name = personName(user)
      }
    } else {
      const found = deps.services.staff.named(arg)
      if (found.length > 1) {
        const who = clip(arg, 60)
        return answerIn(clientId, [
          { key: 'handoff-assign-ambiguous', args: { who, matches: teamList(found) } },
          { key: 'handoff-assign-usage' },
        ])
      }
      managerId = found[0]?.telegramId
    }
    if (managerId === undefined) {
      const rows = deps.services.staff.list()
      return answerIn(clientId, [
        { key: 'handoff-assign-unknown', args: { who: clip(arg, 60), team: teamList(rows) } },
        ...unnamedHint(rows),
        { key: 'handoff-assign-usage' },
      ])
    }
    if (!deps.services.staff.isStaff(managerId)) {
      // The same answer as for a name not found, with the team to pick from: "not staff, an
      // owner can add them" read oddly to the owner who typed it
      const rows = deps.services.staff.list()
      const who = clip(arg || name || String(managerId), 60)
      return answerIn(clientId, [
        { key: 'handoff-assign-unknown', args: { who, team: teamList(rows) } },
        ...unnamedHint(rows),
        { key: 'handoff-assign-usage' },
      ])
    }
    // A colleague's name as the message showed it, when the bot has none yet (theirs the client
    // middleware kept from this message)
    if (name && managerId !== ctx.from.id) deps.services.staff.rememberName(managerId, name)
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
    const absent = managerId !== ctx.from.id && !(await inGroup(ctx, managerId))
    const previous = handoff.leadOf(clientId)
    handoff.assign(clientId, managerId)
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
    // Handed to a colleague: the notice mentions them, so Telegram tells them the client is theirs
    const by = actingStaffName(deps, ctx.from)
    answerIn(clientId, [
      { key: 'handoff-topic-handed', args: { manager: { mention: managerId }, by } },
      ...(absent ? [{ key: 'handoff-assign-absent' as const, args: { manager } }] : []),
    ])
  })

  /**
   * Whether a team member is in this staff group, as Telegram says; their name is learnt on
   * the way when the bot has not seen them write (an owner from the settings, a manager added
   * by id), or the card would say "id 100001". Someone not in the group sees neither the topic
   * nor the alerts that name them: the client would wait for nobody. Telegram not answering
   * now counts as in the group — the assignment does not wait for it.
   */
  async function inGroup(ctx: ClientTopicContext, telegramId: number): Promise<boolean> {
    try {
      const member = await ctx.api.getChatMember(ctx.chat.id, telegramId)
      if (!deps.services.staff.find(telegramId)?.name)
        deps.services.staff.rememberName(telegramId, personName(member.user))
      // One who left while restricted stays 'restricted', with is_member false
      return member.status === 'restricted' ? member.is_member : member.status !== 'left' && member.status !== 'kicked'
    } catch (err) {
      // "User not found": Telegram knows no such member of the group
      const failure = classifyTelegramError(err)
      if (failure.kind === 'rejected') return false
      ctx.log.warn({ err }, 'could not ask Telegram whether the assigned staff member is in the group')
      return true
    }
  }

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
