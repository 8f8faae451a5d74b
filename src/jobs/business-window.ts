/**
 * The end of Telegram's day in a client's chat with the owner's account (src/services/business.ts,
 * `BUSINESS_WINDOW_JOB`): the card in their topic said a manager's answer goes to them there, and
 * nothing else would change it now — no update comes when a day simply passes. Nothing is sent to
 * the client; the card is edited where it is.
 */
import type { Deps } from '../deps.ts'
import { BUSINESS_WINDOW_JOB } from '../services/business.ts'

export function registerBusinessWindowJob(deps: Deps): void {
  const { business, clients, handoff } = deps.services
  deps.scheduler.register(BUSINESS_WINDOW_JOB, async (_payload, job) => {
    const client = job.clientId === null ? undefined : clients.get(job.clientId)
    if (!client || client.deletedAt !== null) return { status: 'skipped', reason: 'the client erased their data' }
    // Closed by the day, as of now: not when they wrote again meanwhile (the chat's watch waits
    // for the new day's end), moved to the bot's chat (answers go there), or the connection had
    // closed it first (the card says so already, and says why the day's end once it is back)
    const route = business.route(client)
    if (route.via !== 'blocked' || route.reason !== 'window') {
      const now = route.via === 'blocked' ? route.reason : route.via
      return { status: 'skipped', reason: `the chat is not closed by the day now (${now})` }
    }
    // The card says where an answer goes while a request is open or closing; otherwise an edit
    // would change only its time
    if (!handoff.current(client.id)) return { status: 'skipped', reason: 'no request open: the card shows no route' }
    handoff.refreshCard(client.id, { editOnly: true })
    return { status: 'done' }
  })
}
