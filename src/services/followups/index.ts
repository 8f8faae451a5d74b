/**
 * Follow-ups, Telegram-agnostic, one concern per file: what they are (kinds.ts), when each
 * is due (planning.ts, sweep.ts), whether one may go out now (policy.ts), the client's
 * answers (answers.ts) and what staff see (staff-list.ts). The job handlers
 * (src/jobs/followups.ts) only render and send what `check` allows.
 */
import { createFollowupAnswers } from './answers.ts'
import type { FollowupDeps } from './kinds.ts'
import { createFollowupPlanning } from './planning.ts'
import { createFollowupPolicy } from './policy.ts'
import { createFollowupStaffList } from './staff-list.ts'
import { createFollowupSweep } from './sweep.ts'

export * from './kinds.ts'
export type { Hold } from './policy.ts'

export type FollowupService = ReturnType<typeof createFollowupService>

export function createFollowupService(deps: FollowupDeps) {
  const policy = createFollowupPolicy(deps)
  return {
    ...createFollowupPlanning(deps, policy),
    ...createFollowupSweep(deps),
    ...policy,
    ...createFollowupAnswers(deps),
    ...createFollowupStaffList(deps, policy),
  }
}
