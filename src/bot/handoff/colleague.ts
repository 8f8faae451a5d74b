/**
 * Finding the colleague a staff command names — /assign in a client's topic, /handover anywhere
 * in a staff group — one way for both: their name as cards show it (or the one they go by), their
 * @username, their id, a mention picked from Telegram's list, or a reply to their message.
 */
import type { Message, User } from 'grammy/types'
import type { StaffRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import type { NoticeLine } from '../../services/handoff/index.ts'
import { clip, headOf } from '../../text.ts'
import type { StaffGroupContext } from '../scopes.ts'
import { classifyTelegramError } from '../telegram-errors.ts'
import { personName } from './message-entry.ts'

/** A staff member's message in a staff group (General, a topic of its own or a client's). */
export type GroupMessageContext = Pick<StaffGroupContext, 'api' | 'chat' | 'log'> & { from: User; msg: Message }

/** Team members an answer names. */
const TEAM_SHOWN = 30

/**
 * Who the command names: a team member (`id`), or the answer saying why nobody (`refusal`: who
 * it could be, or the whole team, with `usage` under it).
 */
export type ColleagueFound = { id: number } | { refusal: NoticeLine[] }

/** The team as an answer lists it: "Мария Петрова (200007)", ids included for `/assign <id>`. */
export function teamList(deps: Deps, rows: readonly StaffRow[]): string {
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
 * they get one, and how to name them meanwhile (`command` by id). "id 100001" alone among names
 * read as a fault, and the command with their name found nobody.
 */
function unnamedHint(deps: Deps, rows: readonly StaffRow[], command: string): NoticeLine[] {
  const unnamed = rows.filter((r) => !deps.services.staff.nameOf(r.telegramId)).map((r) => r.telegramId)
  const [first] = unnamed
  if (first === undefined) return []
  const who = unnamed.map((id) => `id ${id}`).join(', ')
  const several = unnamed.length > 1 ? 'yes' : 'no'
  return [{ key: 'handoff-assign-unnamed', args: { who, several, id: String(first), command } }]
}

/**
 * The team member whose @username this is. Usernames are not stored (and people change them):
 * Telegram is asked about each member of the team, a read that costs no message in the group.
 */
async function teamMemberByUsername(deps: Deps, ctx: GroupMessageContext, username: string) {
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

/**
 * The colleague `arg` (what followed the command) names; with no words, the one whose message
 * the command replies to, else the sender. `command` ("assign") is the one typed, named in the
 * answer's hints; `usage`, the line under a refusal.
 */
export async function findColleague(
  deps: Deps,
  ctx: GroupMessageContext,
  arg: string,
  { command, usage }: { command: string; usage: NoticeLine },
): Promise<ColleagueFound> {
  const { staff } = deps.services
  // In a topic every message "replies" to the topic's creation message: that is no reply
  const replied = ctx.msg.reply_to_message
  const repliedTo =
    replied && !replied.forum_topic_created && replied.message_id !== ctx.msg.message_thread_id
      ? replied.from
      : undefined
  // A colleague picked from Telegram's list of mentions, who has no @username: Telegram gives who it is
  const mentioned = ctx.msg.entities?.find((e) => e.type === 'text_mention')?.user
  let user: User | undefined
  let id: number | undefined
  if (/^\d{1,15}$/.test(arg)) id = Number(arg)
  else if (mentioned && !mentioned.is_bot) user = mentioned
  else if (arg === '' && repliedTo && !repliedTo.is_bot) user = repliedTo
  else if (arg === '') user = ctx.from
  else if (/^@\w{1,32}$/.test(arg)) user = await teamMemberByUsername(deps, ctx, arg.slice(1))
  else {
    const found = staff.named(arg)
    if (found.length > 1) {
      const who = clip(arg, 60)
      return {
        refusal: [{ key: 'handoff-assign-ambiguous', args: { who, matches: teamList(deps, found) } }, usage],
      }
    }
    id = found[0]?.telegramId
  }
  id ??= user?.id
  const name = user && personName(user)
  // Not on the team: the same answer as for a name not found, with the team to pick from ("not
  // staff, an owner can add them" read oddly to the owner who typed it)
  if (id === undefined || !staff.isStaff(id)) {
    const rows = staff.list()
    const who = clip(arg || name || String(id ?? ''), 60)
    return {
      refusal: [
        { key: 'handoff-assign-unknown', args: { who, team: teamList(deps, rows) } },
        ...unnamedHint(deps, rows, command),
        usage,
      ],
    }
  }
  // A colleague's name as the message showed it, when the bot has none yet (theirs the client
  // middleware kept from this message)
  if (name && id !== ctx.from.id) staff.rememberName(id, name)
  return { id }
}

/**
 * Whether a team member is in this staff group, as Telegram says; their name is learnt on
 * the way when the bot has not seen them write (an owner from the settings, a manager added
 * by id), or the card would say "id 100001". Someone not in the group sees neither the topic
 * nor the alerts that name them: the client would wait for nobody. Telegram not answering
 * now counts as in the group — the assignment does not wait for it.
 */
export async function inGroup(deps: Deps, ctx: GroupMessageContext, telegramId: number): Promise<boolean> {
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
