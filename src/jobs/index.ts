import type { JobRow } from '../../db/schema.ts'
import type { BotApis } from '../bot/api.ts'
import { followupLabel } from '../bot/followup-texts.ts'
import { listedOnCard } from '../bot/handoff/card.ts'
import type { Deps } from '../deps.ts'
import { NUDGE_JOB } from '../services/nudges.ts'
import { registerAutoCloseJob } from './auto-close.ts'
import { registerBookingJobs } from './booking-reminders.ts'
import { type BroadcastSender, createBroadcastSender, registerBroadcastStart } from './broadcast-sender.ts'
import { registerBusinessWindowJob } from './business-window.ts'
import { registerFollowupJobs } from './followups.ts'
import { registerHandoffJobs } from './handoff-sla.ts'
import { createNudgeHandler } from './nudge.ts'
import { registerPaidCheckJob } from './paid-check.ts'

/**
 * Registers one handler per job kind with the scheduler. Handlers send through
 * a jobs' Api of their run (the one outbound path, at background priority), never through
 * a Context; broadcasts through the bulk Api. Each feature that schedules work
 * adds its kind here.
 */
export function registerJobHandlers(
  deps: Deps,
  apis: Pick<BotApis, 'jobsOne' | 'bulk' | 'bulkOne'>,
): { broadcasts: BroadcastSender } {
  // A message the bot may or may not have delivered (it crashed mid-send, no answer came)
  // is never resent, and one given up did not go: the client's topic is told either way,
  // so a person can check with the client
  // (The team's own timers, the SLA or the "I paid" reminder, write to no client: their failure
  // is the scheduler's log line, not a "message to the client did not go" in the topic)
  const tellTopic = (key: 'job-uncertain' | 'job-failed') => (job: JobRow) => {
    if (job.clientId === null || !listedOnCard(job)) return
    const locale = deps.config.DEFAULT_LOCALE
    const what = followupLabel((k, vars) => deps.i18n.t(locale, k, vars), job)
    deps.services.staffBridge.post(job.clientId, deps.i18n.t(locale, key, { kind: what, id: String(job.id) }))
  }
  deps.scheduler.onUncertain(tellTopic('job-uncertain'))
  deps.scheduler.onFailed(tellTopic('job-failed'))
  // The client's card lists what is scheduled for them: one gone out, put off or cancelled changes it
  deps.scheduler.onChanged((job) => {
    if (job.clientId !== null && listedOnCard(job)) deps.services.handoff.refreshCard(job.clientId, { editOnly: true })
  })
  registerFollowupJobs(deps, apis)
  deps.scheduler.register(NUDGE_JOB, createNudgeHandler(deps, apis))
  registerBookingJobs(deps, apis)
  // Broadcasts are not jobs (a job runs alone and briefly; a broadcast runs for minutes
  // beside everything else): their worker is made here, and started by the caller with the
  // rest of the background work, when it resumes any interrupted one
  const broadcasts = createBroadcastSender(deps, apis)
  deps.services.broadcasts.attachWorker(broadcasts)
  registerBroadcastStart(deps)
  registerHandoffJobs(deps, apis)
  registerAutoCloseJob(deps)
  registerPaidCheckJob(deps)
  registerBusinessWindowJob(deps)
  return { broadcasts }
}
