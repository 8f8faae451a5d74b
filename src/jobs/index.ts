import type { BotApis } from '../bot/api.ts'
import type { Deps } from '../deps.ts'
import { NUDGE_JOB } from '../services/nudges.ts'
import { registerAutoCloseJob } from './auto-close.ts'
import { registerBookingJobs } from './booking-reminders.ts'
import { createBroadcastSender } from './broadcast-sender.ts'
import { registerFollowupJobs } from './followups.ts'
import { registerHandoffJobs } from './handoff-sla.ts'
import { createNudgeHandler } from './nudge.ts'

/**
 * Registers one handler per job kind with the scheduler. Handlers send through
 * the jobs' Api (the one outbound path, at background priority), never through
 * a Context; broadcasts through the bulk Api. Each feature that schedules work
 * adds its kind here.
 */
export function registerJobHandlers(deps: Deps, apis: Pick<BotApis, 'jobs' | 'bulk'>): void {
  const api = apis.jobs
  // A message the bot may or may not have delivered (it crashed mid-send) is never resent:
  // the client's topic is told, so a person can check with the client
  deps.scheduler.onUncertain((job) => {
    if (job.clientId === null) return
    const text = deps.i18n.t(deps.config.DEFAULT_LOCALE, 'job-uncertain', { kind: job.kind, id: String(job.id) })
    deps.services.staffBridge.post(job.clientId, text)
  })
  registerFollowupJobs(deps, api)
  deps.scheduler.register(NUDGE_JOB, createNudgeHandler(deps, api))
  registerBookingJobs(deps, api)
  // Broadcasts are not jobs (a job runs alone and briefly; a broadcast runs for minutes
  // beside everything else): their worker starts here and resumes any interrupted one.
  const broadcasts = createBroadcastSender(deps, apis.bulk)
  deps.services.broadcasts.attachWorker(broadcasts)
  broadcasts.start()
  registerHandoffJobs(deps, api)
  registerAutoCloseJob(deps)
}
