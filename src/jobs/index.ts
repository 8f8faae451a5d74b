import type { Api } from 'grammy'
import type { Deps } from '../deps.ts'
import { NUDGE_JOB } from '../services/nudges.ts'
import { registerBookingJobs } from './booking-reminders.ts'
import { createBroadcastSender } from './broadcast-sender.ts'
import { registerFollowupJobs } from './followups.ts'
import { registerHandoffJobs } from './handoff-sla.ts'
import { createNudgeHandler } from './nudge.ts'

/**
 * Registers one handler per job kind with the scheduler. Handlers send through
 * the bot's `Api` (auto-retry and blocked detection installed), never through
 * a Context. Each feature that schedules work adds its kind here.
 */
export function registerJobHandlers(deps: Deps, api: Api): void {
  registerFollowupJobs(deps, api, deps.staffBridge(api))
  deps.scheduler.register(NUDGE_JOB, createNudgeHandler(deps, api))
  registerBookingJobs(deps, api)
  // Broadcasts are not jobs (a job runs alone and briefly; a broadcast runs for minutes
  // beside everything else): their worker starts here and resumes any interrupted one.
  const broadcasts = createBroadcastSender(deps, api)
  deps.services.broadcasts.attachWorker(broadcasts)
  broadcasts.start()
  registerHandoffJobs(deps, api)
}
