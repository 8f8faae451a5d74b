import { InlineKeyboard } from 'grammy'
import type { Message } from 'grammy/types'
import { z } from 'zod'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { personLocale } from '../../format.ts'
import type { NoticeLine } from '../../services/handoff/index.ts'
import type { Role } from '../../services/staff.ts'
import { headOf } from '../../text.ts'
import { defineCallback, idPart } from '../callback-data.ts'
import { setOwnMenu } from '../commands.ts'
import type { BaseContext } from '../context.ts'
import { removeButtons } from '../courtesy.ts'
import { isYamlDocument } from '../files.ts'
import { personName } from '../handoff/message-entry.ts'
import { renderNotice } from '../handoff/texts.ts'
import { ownerOnly } from '../owner-guard.ts'
import { showPressedAnswer } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'

const roleSchema = z.enum(['manager', 'owner'])
export const staffAddCallback = defineCallback('staffadd', [roleSchema])
/**
 * The answer to "Add … as …?": it names the person and the role it asked about, and acts
 * only while the owner's pending step is that one (a newer question replaces it).
 */
export const staffConfirmCallback = defineCallback('staffok', [z.enum(['yes', 'no']), idPart, roleSchema])
/**
 * Remove a team member: `ask` (the list's button), then `yes` / `no` under "Remove … (now: role)?".
 * The role is the one the button was made for: an answer acts only while the person still has it.
 */
export const staffRemoveCallback = defineCallback('staffrm', [idPart, z.enum(['ask', 'yes', 'no']), roleSchema])

/**
 * The bot's welcome to someone added to the team, in `locale`: their role, who added them, where
 * the work is. Sent when they are added; refused by Telegram, it answers their next /start.
 */
export function welcomeLines(deps: Deps, member: { role: Role; addedBy: number }, locale: string): NoticeLine[] {
  const business = pickText(deps.content.get().business.name, locale)
  return [{ key: 'staff-welcome', args: { by: { mention: member.addedBy }, role: member.role, business } }]
}

/** How many of the clients a removed member leads the owner's messages name, a line each; the rest are counted. */
const LED_SHOWN = 10

type Candidate =
  | { id: number; name: string | null }
  | { problem: 'hidden' | 'bot' | 'unreadable' }
  | { problem: 'username'; username: string }

/** Who the owner means: a forwarded message's author, or a numeric id. */
function candidateFrom(msg: Message, botId: number): Candidate {
  const origin = msg.forward_origin
  if (origin?.type === 'user') {
    if (origin.sender_user.is_bot) return { problem: 'bot' }
    const u = origin.sender_user
    return { id: u.id, name: personName(u) }
  }
  if (origin?.type === 'hidden_user') return { problem: 'hidden' }
  const text = msg.text?.trim() ?? ''
  // An id says nothing of who it is; the bot's own is the one bot it can tell
  if (/^\d{3,15}$/.test(text)) return Number(text) === botId ? { problem: 'bot' } : { id: Number(text), name: null }
  // The Bot API finds no person by @username: one who wrote to the bot is looked up by the caller
  if (/^@[A-Za-z]\w{3,31}$/.test(text)) return { problem: 'username', username: text.slice(1) }
  return { problem: 'unreadable' }
}

/**
 * /staff for owners: the team list; add a manager or an owner by user id or by
 * forwarding a message of theirs; remove anyone but the owners from OWNER_IDS. Every
 * change is confirmed first. Roles are read from the database on every update, so a
 * change applies to the very next message of that person.
 */
export function registerStaffFeature(deps: Deps, scopes: BotScopes): void {
  const { services } = deps
  const feature = scopes.private

  // Someone who was on the team before is named as the team knew them
  const nameOf = (id: number, stored: string | null) => stored ?? services.staff.nameOf(id) ?? null
  const label = (id: number, name: string | null) => (name ? `${name} (${id})` : `id ${id}`)

  /**
   * The open requests a member leads (`clientIds`, read before the removal: it leaves these clients
   * to nobody, their topics get the take button, handoff `leaderLeft`), as the owner reads them before
   * and after it, in `locale`: `header` above the clients, each as the team's lists name them
   * (`{ client }`: name, @username and number, opening their topic), the first LED_SHOWN and how
   * many more. HTML, every name escaped.
   */
  function ledText(clientIds: readonly number[], header: NoticeLine, locale: string): string {
    const items = clientIds.map((clientId) =>
      renderNotice(deps, [{ key: 'staff-led-client', args: { client: { client: clientId } } }], locale),
    )
    const { list, more } = headOf(items, LED_SHOWN, '\n')
    const rest = more > 0 ? [renderNotice(deps, [{ key: 'staff-led-more', args: { count: more } }], locale)] : []
    return [renderNotice(deps, [header], locale), list, ...rest].join('\n')
  }

  function listText(ctx: BaseContext) {
    const rows = services.staff.list()
    const line = (r: (typeof rows)[number]) =>
      `• ${label(r.telegramId, nameOf(r.telegramId, r.name))}${services.staff.isPermanentOwner(r.telegramId) ? ` — ${ctx.t('staff-permanent')}` : ''}`
    const owners = rows.filter((r) => r.role === 'owner').map(line)
    const managers = rows.filter((r) => r.role === 'manager').map(line)
    const text = ctx.t('staff-list', {
      owners: owners.join('\n') || '—',
      managers: managers.join('\n') || ctx.t('staff-no-managers'),
    })
    const keyboard = new InlineKeyboard()
      .text(ctx.t('staff-add-manager'), staffAddCallback.pack('manager'))
      .text(ctx.t('staff-add-owner'), staffAddCallback.pack('owner'))
    for (const r of rows.filter((r) => !services.staff.isPermanentOwner(r.telegramId))) {
      keyboard
        .row()
        .text(
          ctx.t('staff-remove-button', { who: label(r.telegramId, nameOf(r.telegramId, r.name)) }),
          staffRemoveCallback.pack(r.telegramId, 'ask', r.role),
        )
    }
    return { text, keyboard }
  }

  /**
   * A @username the owner gave, as the person who wrote to the bot with it (their name and id, which
   * the owner confirms: the name may have passed to someone else since); the candidate as it was else.
   */
  const known = (candidate: Candidate): Candidate => {
    if (!('problem' in candidate) || candidate.problem !== 'username') return candidate
    const hit = services.clientSearch.byUsername(candidate.username)
    const telegramId = hit ? services.clients.get(hit.id)?.telegramId : null
    if (!hit || !telegramId) return candidate
    return { id: telegramId, name: [hit.firstName, hit.lastName].filter(Boolean).join(' ') || null }
  }

  feature.command(
    'staff',
    ownerOnly(async (ctx) => {
      const { text, keyboard } = listText(ctx)
      await ctx.reply(text, { reply_markup: keyboard })
    }),
  )

  feature.callbackQuery(
    staffAddCallback.filter,
    ownerOnly(async (ctx) => {
      const [role] = staffAddCallback.unpack(ctx.callbackQuery.data) ?? []
      if (!role) return ctx.answerCallbackQuery({ text: ctx.t('staff-stale') })
      services.ownerInput.expect(ctx.from.id, { kind: 'staff-add', role, at: deps.clock.now() })
      await ctx.answerCallbackQuery()
      return ctx.reply(ctx.t('staff-add-ask', { role: ctx.t(`staff-role-${role}-as`) }))
    }),
  )

  // The answer to "who?": a forwarded message or an id
  feature.on('message', async (ctx, next) => {
    if (ctx.staffRole !== 'owner') return next()
    const pending = services.ownerInput.pending(ctx.from.id)
    if (pending?.kind !== 'staff-add') return next()
    if (ctx.msg.text?.startsWith('/')) return next()
    // A content file is the content (data.ts), not a person to add: the question still waits
    if (ctx.msg.document && isYamlDocument(ctx.msg.document)) return next()
    const candidate = known(candidateFrom(ctx.msg, ctx.me.id))
    if ('problem' in candidate) {
      return ctx.reply(
        ctx.t(`staff-candidate-${candidate.problem}`, 'username' in candidate ? { username: candidate.username } : {}),
      )
    }
    // Not a question to ask: the setting decides their role (the step still waits for another id)
    if (services.staff.isPermanentOwner(candidate.id)) {
      return ctx.reply(ctx.t(candidate.id === ctx.from.id ? 'staff-permanent-self' : 'staff-permanent-owner'))
    }
    const name = candidate.name ?? nameOf(candidate.id, null)
    const current = services.staff.roleOf(candidate.id)
    // Nor is a role they have: "Yes" would change nothing (the step still waits for another id)
    if (current === pending.role) {
      return ctx.reply(ctx.t('staff-already', { who: label(candidate.id, name), role: ctx.t(`staff-role-${current}`) }))
    }
    services.ownerInput.expect(ctx.from.id, {
      kind: 'staff-confirm',
      role: pending.role,
      id: candidate.id,
      name,
      at: deps.clock.now(),
    })
    await ctx.reply(
      ctx.t('staff-add-confirm', {
        who: label(candidate.id, name),
        role: ctx.t(`staff-role-${pending.role}-as`),
        current: current ? ctx.t(`staff-role-${current}`) : 'none',
      }),
      {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('staff-yes'), staffConfirmCallback.pack('yes', candidate.id, pending.role))
          .text(ctx.t('staff-no'), staffConfirmCallback.pack('no', candidate.id, pending.role)),
      },
    )
  })

  feature.callbackQuery(
    staffConfirmCallback.filter,
    ownerOnly(async (ctx) => {
      const [answer, id, role] = staffConfirmCallback.unpack(ctx.callbackQuery.data) ?? []
      const pending = services.ownerInput.pending(ctx.from.id)
      // An older question (or one already answered) is out of date: the pending step is not its
      if (!answer || pending?.kind !== 'staff-confirm' || pending.id !== id || pending.role !== role) {
        await ctx.answerCallbackQuery({ text: ctx.t('staff-stale') })
        return removeButtons(ctx)
      }
      services.ownerInput.clear(ctx.from.id)
      await ctx.answerCallbackQuery()
      // The question keeps the answer under it, as the bot's other questions do ("✔️ Yes")
      await showPressedAnswer(ctx, ctx.t(answer === 'yes' ? 'staff-yes' : 'staff-no'))
      if (answer === 'no') return ctx.reply(ctx.t('staff-unchanged'))
      if (services.staff.isPermanentOwner(pending.id)) return ctx.reply(ctx.t('staff-permanent-owner'))
      services.staff.add(pending.id, pending.role, ctx.from.id, pending.name ?? undefined)
      ctx.log.info({ role: pending.role }, 'staff member added')
      await setOwnMenu(ctx.api, deps, pending.id)
      // The new member hears it from the bot, with where the work is; the owner hears if Telegram
      // will not let the bot write to them (never opened the bot, or a mistyped id), and the
      // link to send them: the welcome is theirs when they open the bot
      const who = label(pending.id, pending.name)
      services.handoff.tellPerson(
        pending.id,
        welcomeLines(deps, { role: pending.role, addedBy: ctx.from.id }, personLocale(deps, pending.id)),
        {
          unreachable: {
            chatId: ctx.from.id,
            lines: [{ key: 'staff-welcome-unreachable', args: { who, bot: `t.me/${ctx.me.username}` } }],
          },
          welcome: true,
        },
      )
      const { text, keyboard } = listText(ctx)
      await ctx.reply(ctx.t('staff-added', { who, role: pending.role }))
      return ctx.reply(text, { reply_markup: keyboard })
    }),
  )

  feature.callbackQuery(
    staffRemoveCallback.filter,
    ownerOnly(async (ctx) => {
      const [id, step, role] = staffRemoveCallback.unpack(ctx.callbackQuery.data) ?? []
      const member = id ? services.staff.list().find((s) => s.telegramId === id) : undefined
      if (!id || !step || !member) return ctx.answerCallbackQuery({ text: ctx.t('staff-stale') })
      // The answer to a question about another role (the person was made an owner since): out of date
      if (step !== 'ask' && member.role !== role) {
        await ctx.answerCallbackQuery({ text: ctx.t('staff-stale') })
        return removeButtons(ctx)
      }
      const name = nameOf(id, member.name)
      const who = label(id, name)
      await ctx.answerCallbackQuery()
      const led = services.handoff.requestsLedBy(id)
      const locale = await ctx.i18n.getLocale()
      const take = ctx.t('handoff-claim-button')
      // A message naming clients goes through the owner's chat's lane, where a named client's
      // /forget finds and deletes it (the chat is out of its reach otherwise: `answerStaff`)
      const about = led.slice(0, LED_SHOWN)
      if (step === 'ask') {
        const keyboard = new InlineKeyboard()
          .text(ctx.t('staff-yes'), staffRemoveCallback.pack(id, 'yes', member.role))
          .text(ctx.t('staff-no'), staffRemoveCallback.pack(id, 'no', member.role))
        if (led.length === 0) {
          return ctx.reply(ctx.t('staff-remove-confirm', { who, role: member.role }), { reply_markup: keyboard })
        }
        const question = renderNotice(deps, [{ key: 'staff-remove-confirm', args: { who, role: member.role } }], locale)
        const leads: NoticeLine = { key: 'staff-remove-leads', args: { who: name ?? who, count: led.length, take } }
        const text = `${question}\n\n${ledText(led, leads, locale)}`
        return answerStaff(deps, ctx, text, { html: true, keyboard, about })
      }
      await showPressedAnswer(ctx, ctx.t(step === 'yes' ? 'staff-yes' : 'staff-no'))
      if (step === 'no') return ctx.reply(ctx.t('staff-kept'))
      if (!services.staff.remove(id)) return ctx.reply(ctx.t('staff-permanent-owner'))
      ctx.log.info({ role: member.role }, 'staff member removed')
      if (member.role === 'owner') await setOwnMenu(ctx.api, deps, id)
      // They hear it from the bot, as they heard they were added (a chat Telegram refuses is only logged)
      const business = pickText(deps.content.get().business.name, personLocale(deps, id))
      services.handoff.tellPerson(id, [{ key: 'staff-farewell', args: { business } }])
      const { text, keyboard } = listText(ctx)
      if (led.length === 0) {
        await ctx.reply(ctx.t('staff-removed', { who }))
        return ctx.reply(text, { reply_markup: keyboard })
      }
      // Which requests nobody leads now, then the team's list: the same lane, in this order
      const removed = renderNotice(deps, [{ key: 'staff-removed', args: { who } }], locale)
      const nobody: NoticeLine = { key: 'staff-removed-leads', args: { count: led.length, take } }
      answerStaff(deps, ctx, `${removed}\n\n${ledText(led, nobody, locale)}`, { html: true, about })
      answerStaff(deps, ctx, text, { keyboard })
    }),
  )
}
