import type { Api } from 'grammy'
import type { Deps } from '../deps.ts'

/**
 * Registers one handler per job kind with the scheduler. Handlers send through
 * the bot's `Api` (auto-retry and blocked detection installed), never through
 * a Context. Each feature that schedules work adds its kind here.
 */
export function registerJobHandlers(_deps: Deps, _api: Api): void {}
