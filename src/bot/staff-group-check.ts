import type { Api } from 'grammy'
import type { StaffGroupProblem } from '../services/handoff/index.ts'
import { classifyTelegramError } from './telegram-errors.ts'

export type { StaffGroupProblem }

/**
 * Checks a staff supergroup the way the handoff needs it: it exists, is a
 * forum (Topics on), and the bot is an admin allowed to manage topics.
 * Returns the problems found (empty when all is well); each has a locale key
 * `staff-check-<problem>` that explains the fix.
 */
export async function checkStaffGroup(api: Api, groupId: number, botId: number): Promise<StaffGroupProblem[]> {
  let chat: Awaited<ReturnType<Api['getChat']>>
  try {
    chat = await api.getChat(groupId)
  } catch (err) {
    // Not there, or not for this bot: either way the group cannot be used
    const kind = classifyTelegramError(err).kind
    if (kind === 'no-access' || kind === 'rejected') return ['not-found']
    throw err
  }
  const problems: StaffGroupProblem[] = []
  if (chat.type !== 'supergroup') problems.push('not-supergroup')
  else if (!chat.is_forum) problems.push('topics-off')
  const member = await api.getChatMember(groupId, botId)
  if (member.status !== 'administrator' && member.status !== 'creator') problems.push('bot-not-admin')
  else if (member.status === 'administrator' && !member.can_manage_topics) problems.push('no-topic-rights')
  return problems
}
