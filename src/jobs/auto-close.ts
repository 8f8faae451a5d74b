/**
 * The auto-close of a request whose client never answered "Is your question
 * solved?" (see src/services/desk/closing.ts). Nothing is sent to the client;
 * the topic gets a note and its ✅ mark through the outbox.
 */
import type { Deps } from '../deps.ts'
import { AUTO_CLOSE_JOB } from '../services/handoff/index.ts'

export function registerAutoCloseJob(deps: Deps): void {
  deps.scheduler.register(AUTO_CLOSE_JOB, async (payload) => {
    const outcome = deps.services.closing.expire(payload)
    if (outcome === 'stale')
      return { status: 'skipped', reason: 'the client answered, or the request was closed or asked again' }
    return { status: 'done' }
  })
}
