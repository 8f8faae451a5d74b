import type { Api } from 'grammy'
import type { Logger } from '../logger.ts'
import type { HandoffService, NoticeLine, StaffGroupProblem } from '../services/handoff/index.ts'
import type { StaffGroups } from '../services/staff-groups.ts'
import { classifyTelegramError } from './telegram-errors.ts'

/** What stops handoffs (messages for the group wait until it is fixed), kept by the handoff's topics. */
export type { StaffGroupProblem } from '../services/handoff/index.ts'

/**
 * Admin rights the bot uses but can work without: `pin` pins the client card
 * at the top of each topic; `delete` lets /forget delete the managers' messages
 * that show the person's contacts (its own the bot deletes without it; Telegram
 * deletes nothing older than 48 hours).
 */
export type StaffGroupRight = 'pin' | 'delete'

export interface StaffGroupState {
  problems: StaffGroupProblem[]
  missingRights: StaffGroupRight[]
}

/**
 * Looks at the staff supergroup the way the bot uses it: it exists, is a forum
 * (Topics on), the bot is an admin allowed to manage topics (`problems`), and
 * which of the other rights it uses are missing (`missingRights`). Each has a
 * locale key `staff-check-<problem>` / `staff-check-no-<right>-rights` that
 * explains the fix.
 */
export async function inspectStaffGroup(api: Api, groupId: number, botId: number): Promise<StaffGroupState> {
  let chat: Awaited<ReturnType<Api['getChat']>>
  try {
    chat = await api.getChat(groupId)
  } catch (err) {
    // Not there, or not for this bot: either way the group cannot be used
    const kind = classifyTelegramError(err).kind
    if (kind === 'no-access' || kind === 'rejected') return { problems: ['not-found'], missingRights: [] }
    throw err
  }
  const problems: StaffGroupProblem[] = []
  const missingRights: StaffGroupRight[] = []
  if (chat.type !== 'supergroup') problems.push('not-supergroup')
  else if (!chat.is_forum) problems.push('topics-off')
  const member = await api.getChatMember(groupId, botId)
  if (member.status !== 'administrator' && member.status !== 'creator') problems.push('bot-not-admin')
  else if (member.status === 'administrator') {
    if (!member.can_manage_topics) problems.push('no-topic-rights')
    if (!member.can_pin_messages) missingRights.push('pin')
    if (!member.can_delete_messages) missingRights.push('delete')
  }
  return { problems, missingRights }
}

/**
 * Tells the owners (and the log) when the content file's `handoff.groups` names a group that
 * is not in the settings: at start-up and each time new content is applied.
 */
export function reportUnknownRuleGroups(
  deps: {
    services: { staffGroups: Pick<StaffGroups, 'unknownRuleGroups'>; handoff: Pick<HandoffService, 'notifyOwners'> }
  },
  log: Logger,
): void {
  const unknown = deps.services.staffGroups.unknownRuleGroups()
  if (unknown.length === 0) return
  const groups = unknown.join(', ')
  log.warn(`the content file's handoff.groups names groups not in STAFF_GROUP_IDS (their rules are skipped): ${groups}`)
  deps.services.handoff.notifyOwners([{ key: 'staff-check-rule-groups-unknown', args: { groups } }])
}

/** The problems that stop handoffs (empty when the group is usable). */
export async function checkStaffGroup(api: Api, groupId: number, botId: number): Promise<StaffGroupProblem[]> {
  return (await inspectStaffGroup(api, groupId, botId)).problems
}

/**
 * What the owners are told about a group, at start-up and when it breaks while the bot runs
 * (nothing when all is well): which group, when there are several, then the problems that
 * stop handoffs, then the rights the bot lacks. Notice lines, rendered for each owner.
 */
export function describeStaffGroup(groupId: number, state: StaffGroupState, groupIds: readonly number[]): NoticeLine[] {
  const lines: NoticeLine[] = [
    ...state.problems.map((p) => ({ key: `staff-check-${p}` as const })),
    ...state.missingRights.map((r) => ({ key: `staff-check-no-${r}-rights` as const })),
  ]
  if (lines.length === 0) return []
  return [
    ...(groupIds.length > 1 ? [{ key: 'staff-check-which' as const, args: { id: String(groupId) } }] : []),
    { key: state.problems.length > 0 ? 'staff-check-title' : 'staff-check-rights-title' },
    ...lines,
  ]
}
