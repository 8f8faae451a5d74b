import type { Api } from 'grammy'
import type { Deps } from '../deps.ts'
import { registerHandoffJobs } from './handoff-sla.ts'

/**
 * Registers one handler per job kind with the scheduler. Handlers send through
 * the bot's `Api` (auto-retry and blocked detection installed), never through
 * a Context. Each feature that schedules work adds its kind here.
 */
export function registerJobHandlers(deps: Deps, api: Api): void {
  registerHandoffJobs(deps, api)
}
