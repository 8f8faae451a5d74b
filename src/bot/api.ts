import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { Api, type ApiClientOptions } from 'grammy'
import type { Deps } from '../deps.ts'
import type { SendPriority } from '../services/send-budget.ts'
import { defaultFetch, recordingFetch } from './handoff/recorder.ts'
import { AnsweredQueries, type Fetch, outboundFetch } from './outbound.ts'
import { ShownInGroups } from './shown-in-groups.ts'

/**
 * The Bot API clients of one bot. All of them send through the same outbound
 * path and share one send budget; each carries its priority:
 * - `client`: the bot's own options — handlers and conversations answer people
 *   who are waiting (first in line);
 * - `jobsOne`: reminders, follow-ups and other scheduled messages, one client per job run;
 * - `outbox`: the staff group and the handoff relay; it waits only briefly, a
 *   429 comes back at once and the outbox retries with a timer, persisted;
 * - `bulk`: broadcasts, from what is left of the total budget.
 * Every one but the outbox's records what it sends to a client in the transcript.
 */
export interface BotApis {
  client: ApiClientOptions
  /**
   * A jobs client for one run of a job: `leaving` (the run's `JobRunContext.leaving`) runs
   * after the send budget gave the call its turn, right before the request goes out, and
   * the call goes only when it returns true — so a job is marked sending only once its
   * message has really left, not while it waits behind others.
   */
  jobsOne(leaving: () => boolean): Api
  outbox: Api
  bulk: Api
  /**
   * A bulk client for one message whose sender must know when it leaves: `leaving` runs
   * after the send budget gave the call its turn, right before the request goes out, and
   * the call goes only when it returns true (`OutboundOptions.leaving`). When `stopWaiting`
   * aborts, the call stops waiting for its turn and does not go; a request already on its
   * way is not cut short (`OutboundOptions.stopWaiting`).
   */
  bulkOne(leaving: () => boolean, stopWaiting: AbortSignal): Api
  /** Callback queries already answered, by id. */
  answered: AnsweredQueries
}

/**
 * How long a call of each client may wait for room (429 waits included) before it fails with a 429.
 * A job checks whether its message is still wanted (the invoice unpaid, the client subscribed)
 * just before sending; past a few seconds the scheduler postpones it and it checks again, so a
 * reminder held by a 429 while the client paid is dropped, not sent right under "payment received".
 */
const MAX_WAIT_MS = {
  client: 60_000,
  jobs: 5_000,
  outbox: 5_000,
  bulk: 10 * 60_000,
}

/**
 * How long a connection to the Bot API may sit idle before the bot closes it rather than take
 * it for its next call. grammY's own agent keeps idle connections with no limit; Telegram's
 * front, a proxy or a NAT on the way forgets one after minutes without saying so, and a call
 * written to it then fails with `read ECONNRESET` — a message that may or may not have
 * arrived, so it is not sent again. A server that announces a shorter limit ("Keep-Alive:
 * timeout=N") is heeded too: Node's agent closes a second before it, but only when the agent
 * has a limit of its own (Node's own server announces 5 s, which leaves these 4 s a second's margin).
 */
const IDLE_CONNECTION_MS = 4_000

/** Agents for the Bot API's root: connections kept alive between calls, none kept idle for long. */
function connectionAgent(apiRoot: string | undefined): HttpAgent | undefined {
  const root = apiRoot ?? 'https://api.telegram.org'
  const options = { keepAlive: true, timeout: IDLE_CONNECTION_MS }
  if (root.startsWith('https:')) return new HttpsAgent(options)
  if (root.startsWith('http:')) return new HttpAgent(options)
  return undefined
}

export function createBotApis(deps: Deps, options: ApiClientOptions = {}): BotApis {
  const { config, clock, logger } = deps
  const apiRoot = options.apiRoot ?? config.BOT_API_ROOT
  const agent = connectionAgent(apiRoot)
  const base: ApiClientOptions = {
    ...(config.BOT_API_ROOT ? { apiRoot: config.BOT_API_ROOT } : {}),
    ...(agent ? { baseFetchConfig: { agent } } : {}),
    ...options,
  }
  const raw: Fetch = base.fetch ?? defaultFetch()
  const answered = new AnsweredQueries()
  // One for every client: an edit by any of them knows what the others' sends and edits left
  const shown = new ShownInGroups()
  const onBlocked = (telegramId: number) => deps.services.clients.markBlocked(telegramId)
  const limited = (priority: SendPriority, maxWaitMs: number, leaving?: () => boolean, stopWaiting?: AbortSignal) =>
    outboundFetch(raw, {
      budget: deps.services.sendBudget,
      clock,
      logger,
      priority,
      maxWaitMs,
      onBlocked,
      answered,
      shown,
      leaving,
      stopWaiting,
    })
  // Every message the bot sends a client lands in their transcript — also from conversations and jobs
  const recorded = (priority: SendPriority, maxWaitMs: number, leaving?: () => boolean, stopWaiting?: AbortSignal) =>
    recordingFetch(deps, limited(priority, maxWaitMs, leaving, stopWaiting))
  const api = (fetch: Fetch) => new Api(config.BOT_TOKEN, { ...base, fetch })
  return {
    // What handlers and conversations send is their update's answer (recordingFetch's `replies`)
    client: {
      ...base,
      fetch: recordingFetch(deps, limited('interactive', MAX_WAIT_MS.client), { replies: true }),
    },
    jobsOne: (leaving) => api(recorded('background', MAX_WAIT_MS.jobs, leaving)),
    // The relay writes its transcript rows itself; a row the erasure took back while its call
    // waited for room does not leave
    outbox: api(limited('background', MAX_WAIT_MS.outbox, () => deps.services.outbox.mayLeave())),
    bulk: api(recorded('bulk', MAX_WAIT_MS.bulk)),
    bulkOne: (leaving, stopWaiting) => api(recorded('bulk', MAX_WAIT_MS.bulk, leaving, stopWaiting)),
    answered,
  }
}
