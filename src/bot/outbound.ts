/**
 * The one outbound path: every Bot API call the bot makes passes this wrapper
 * around the API client's `fetch`, below the transcript recorder
 * (recorder(outbound(base))). Being at the `fetch` level it sees calls from
 * handlers, from conversations (they build their own Api on the same client
 * options, so plugins on `bot.api` never reach them), from jobs, the outbox and
 * the broadcast sender alike.
 *
 * - Pacing: a call that puts messages into a chat waits for room in the shared
 *   send budget (src/services/send-budget.ts), by the priority of the Api it
 *   came through.
 * - 429 is not a failure: the chat is held until `retry_after` (for every
 *   sender) — for a call that names no chat only its method (Telegram's flood
 *   wait there is per method, not a stop of all sending) — and the call goes
 *   again once it may. Inside a conversation the wait happens once:
 *   conversations log each call's result and replay it on later updates
 *   without calling again.
 * - Bounded: a call that could not go within its wait budget returns a 429
 *   answer (Telegram's last one, or one saying the bot's own budget is full or
 *   the method is held),
 *   so callers handle one shape: "not now, retry after N seconds".
 * - Network failures are retried with backoff a few times when the request
 *   cannot have reached Telegram (or the call changes nothing); 5xx answers too,
 *   but for a gateway's answer to a send (`gatewayAnswer`): that may have arrived.
 * - A sender that must know whether its message may have reached Telegram (a
 *   broadcast, a job) is told when the request leaves, after the budget's wait
 *   (`leaving`); Telegram's 429 to such a call comes back to it at once (the chat
 *   stays held), so its next try waits unmarked and is told again as it leaves.
 * - Such a sender may also stop waiting (`stopWaiting`, a broadcast stopped): the call's
 *   wait for room ends at once, a request already on its way is never cut short.
 * - A 403 from a private chat marks the client blocked; answered callback
 *   queries are remembered, so the error boundary never answers one twice.
 * - An edit in a group that would show what its message shows already (as the
 *   bot's own sends and edits left it: `ShownInGroups`) is answered here with
 *   Telegram's "message is not modified", never sent: it would take one of the
 *   group's messages a minute for nothing.
 */
import { Readable } from 'node:stream'
import type { ApiClientOptions } from 'grammy'
import { type Clock, sleepOn } from '../clock.ts'
import { chatForLog, type Logger } from '../logger.ts'
import type { Grant, SendBudget, SendPriority } from '../services/send-budget.ts'
import { NOT_MODIFIED_ANSWER, type ShownInGroups } from './shown-in-groups.ts'
import { cannotHaveArrived, gatewayAnswer, neverStarted } from './telegram-errors.ts'

export type Fetch = NonNullable<ApiClientOptions['fetch']>
type FetchInit = Parameters<Fetch>[1]

/**
 * What an edit counts as in its chat. In a group, one message: Telegram counts a bot's edits
 * there with its messages against the group's 20 a minute (said by its developers, tdlib/td#2592),
 * so a burst of card edits would otherwise hold the group with a 429. In a private chat, nothing:
 * an edit there answers the person's own tap, at their pace.
 */
export function editWeight(chatId: number): number {
  return chatId < 0 ? 1 : 0
}

/** How many messages a call puts into its chat, or counts as there (0: none — reads, answers, actions, edits in a private chat). */
export function messagesOf(method: string, payload: Record<string, unknown>): number {
  if (method.startsWith('editMessage')) return editWeight(Number(payload.chat_id))
  switch (method) {
    case 'sendMediaGroup':
      return Array.isArray(payload.media) ? payload.media.length : 1
    case 'copyMessages':
    case 'forwardMessages':
      return Array.isArray(payload.message_ids) ? payload.message_ids.length : 1
    case 'sendChatAction':
      return 0
    // Service messages in the group ("topic created", "pinned…") count as messages too
    case 'createForumTopic':
    case 'editForumTopic':
    case 'closeForumTopic':
    case 'reopenForumTopic':
    case 'pinChatMessage':
    case 'copyMessage':
    case 'forwardMessage':
      return 1
    default:
      return method.startsWith('send') ? 1 : 0
  }
}

/** Callback queries already answered (by id), so nobody answers one twice. */
export class AnsweredQueries {
  private readonly ids = new Set<string>()
  constructor(private readonly capacity = 10_000) {}
  add(id: string): void {
    this.ids.add(id)
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value
      if (oldest !== undefined) this.ids.delete(oldest)
    }
  }
  has(id: string): boolean {
    return this.ids.has(id)
  }
}

export interface OutboundOptions {
  budget: SendBudget
  clock: Clock
  logger: Logger
  priority: SendPriority
  /** The longest a call waits for room, 429 waits included, before it returns a 429 itself. */
  maxWaitMs: number
  /** A message to a private chat was refused with 403: the person blocked the bot. */
  onBlocked?: (chatId: number) => void
  answered?: AnsweredQueries
  /** What the bot's messages in groups show: an edit that changes nothing there is not sent. */
  shown?: ShownInGroups
  /**
   * Runs once per call, after the send budget gave it its turn and right before its request
   * leaves; the call goes only when it returns true, and fails otherwise. A sender that must
   * know whether a message may have reached Telegram writes that down here (a broadcast).
   * Telegram's 429 to such a call is handed back at once, never waited out and resent here:
   * the sender puts its message back to wait, and the next call runs this again.
   */
  leaving?: () => boolean
  /**
   * The sender no longer wants to wait: when it aborts, the call stops waiting for room (the
   * send budget: a chat held after another sender's 429, replies using up the total; a method's
   * hold; a backoff before trying again) and sends nothing more. A request already on its way is
   * never cut short — the call's own `signal` would, and the message's fate would be unknown —
   * its answer comes as usual. A call stopped so gives back what it has: the last try's answer
   * or failure, or, when nothing left yet, the error of a withdrawn call (as when `leaving`
   * says no).
   */
  stopWaiting?: AbortSignal
}

/** Tries for a network failure or a 5xx answer, the first one included. */
const ATTEMPTS = 3
const BACKOFF_MS = [1_000, 3_000]

/** Whether a network failure may be retried: the call changes nothing, or it cannot have arrived. */
function safeToRetry(err: unknown, count: number): boolean {
  return count === 0 || cannotHaveArrived(err)
}

/** A signal that aborts, with its reason, when either does; `release` stops listening to both. */
function eitherSignal(a?: AbortSignal, b?: AbortSignal): { signal: AbortSignal | undefined; release: () => void } {
  if (!a || !b) return { signal: a ?? b, release: () => {} }
  const either = new AbortController()
  const fromA = () => either.abort(a.reason)
  const fromB = () => either.abort(b.reason)
  if (a.aborted) fromA()
  else if (b.aborted) fromB()
  a.addEventListener('abort', fromA, { once: true })
  b.addEventListener('abort', fromB, { once: true })
  return {
    signal: either.signal,
    release: () => {
      a.removeEventListener('abort', fromA)
      b.removeEventListener('abort', fromB)
    },
  }
}

/** The request's fields: JSON, or the form fields before the first file of a multipart upload. */
function readPayload(body: unknown, contentType: string): Record<string, unknown> {
  if (typeof body === 'string') return JSON.parse(body) as Record<string, unknown>
  if (!(body instanceof Uint8Array)) return {}
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1]
  if (!boundary) return {}
  return uploadFields(
    Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    boundary,
  )
}

/**
 * The fields of an upload (grammY writes them all before the first file), scanned as
 * bytes up to the first file: the file itself is never read or turned into a string, so
 * a 40 MB /backup costs nothing here (it froze the bot for a hundred milliseconds).
 */
export function uploadFields(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const delimiter = Buffer.from(`--${boundary}`, 'latin1')
  for (let at = body.indexOf(delimiter); at >= 0; ) {
    const start = at + delimiter.length
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd < 0) break
    const headers = body.subarray(start, headerEnd).toString('latin1')
    // A part with no blank line after its headers is no field; its neighbour is read on its own
    const inside = headers.indexOf(`--${boundary}`)
    if (inside >= 0) {
      at = start + inside // latin1: one character per byte
      continue
    }
    if (/filename=/.test(headers)) break // files carry no chat id
    const next = body.indexOf(delimiter, headerEnd)
    if (next < 0) break
    const name = /name="([^"]+)"/.exec(headers)?.[1]
    // The line break before the next delimiter belongs to the delimiter
    const value = body.subarray(headerEnd + 4, Math.max(headerEnd + 4, next - 2)).toString('utf8')
    if (name) {
      try {
        fields[name] = JSON.parse(value)
      } catch {
        fields[name] = value // a plain string field (a caption, a file id)
      }
    }
    at = next
  }
  return fields
}

/** A multipart upload arrives as a stream: kept as bytes, so a 429 can send it again. */
async function bufferBody(body: unknown): Promise<unknown> {
  if (body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array) return body
  const chunks: Uint8Array[] = []
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  }
  return Buffer.concat(chunks)
}

function headerOf(init: FetchInit, name: string): string {
  const headers = init?.headers as Record<string, string> | undefined
  return headers?.[name] ?? headers?.[name.toLowerCase()] ?? ''
}

interface Answer {
  ok?: boolean
  result?: unknown
  error_code?: number
  description?: string
  parameters?: { retry_after?: number }
}

/** What one try of a call brought back: the answer as read, or a network failure. */
type Tried = { res: Awaited<ReturnType<Fetch>>; text: string; answer: Answer | undefined } | { err: unknown }

/**
 * An answer this path has read, handed back in place of the response it came in. grammY
 * reads an answer with `res.json()` alone (its ApiClient), and the transcript recorder
 * above (src/bot/handoff/recorder.ts) with `answerOf`: building a new Response from the
 * text again (its headers, its body stream) cost some 16 µs of every call, more than
 * reading and parsing the answer did. The fields a caller of `fetch` looks at are here.
 */
class ReadAnswer {
  readonly ok: boolean
  /** Private at run time too: a caller looking for a Response's `body` stream finds none. */
  readonly #text: string
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    text: string,
    /** Parsed; undefined when the body was not JSON (a proxy's error page). */
    readonly answer: Answer | undefined,
  ) {
    this.ok = status >= 200 && status < 300
    this.#text = text
  }
  /** Rejects as a Response's would when the body is not JSON. */
  async json(): Promise<unknown> {
    return this.answer ?? JSON.parse(this.#text)
  }
  async text(): Promise<string> {
    return this.#text
  }
}

/** The answer of a response this path handed back (undefined: it was not JSON, or did not pass here). */
export function answerOf(res: object): Readonly<Answer> | undefined {
  return res instanceof ReadAnswer ? res.answer : undefined
}

function parseAnswer(text: string): Answer | undefined {
  try {
    return JSON.parse(text) as Answer
  } catch {
    return undefined // not JSON: a proxy's error page
  }
}

export function outboundFetch(base: Fetch, options: OutboundOptions): Fetch {
  const { budget, clock, priority, maxWaitMs, onBlocked, answered, shown, leaving, stopWaiting } = options
  const log = options.logger.child({ module: 'outbound' })

  const wrapped = async (url: Parameters<Fetch>[0], init?: FetchInit) => {
    const method = String(url).split('/').pop() ?? ''
    // getUpdates waits up to 30 s by design and has its own retries (the runner's)
    if (method === 'getUpdates' || String(url).includes('/file/bot')) return base(url, init)
    const body = await bufferBody(init?.body)
    const payload = readPayload(body, headerOf(init, 'content-type'))
    const count = messagesOf(method, payload)
    const rawChat = Number(payload.chat_id)
    const chatId = Number.isSafeInteger(rawChat) && rawChat !== 0 ? rawChat : undefined
    if (chatId === undefined && count > 0 && body instanceof Uint8Array) {
      // Sent all the same, but outside the chat's pacing and without its 403 handling
      log.warn({ method }, 'could not read which chat an upload goes to')
    }
    // Only in a group, where an edit counts (`editWeight`): a message the bot sent there, or changed
    const inGroup = shown !== undefined && chatId !== undefined && editWeight(chatId) > 0 ? shown : undefined
    if (inGroup?.unchanged(method, chatId as number, payload)) {
      log.debug({ method, chat: chatForLog(chatId) }, 'an edit that would change nothing was not sent')
      return notModified()
    }
    /** What its message showed before, while the call is on its way (its look unknown until it is answered). */
    const before = inGroup?.leaving(method, chatId as number, payload)
    const signal = (init?.signal ?? undefined) as AbortSignal | undefined
    const deadline = clock.now() + maxWaitMs
    // A buffered upload goes out as a stream again, the shape grammY's fetch expects
    const streamed = body !== init?.body
    const request = () => ({ ...init, body: streamed ? Readable.from([body]) : body }) as FetchInit

    let failures = 0
    let left = false
    const withdrawn = () => new Error(`${method} was withdrawn by its sender before it left`)
    /** What the last try brought back, given back as it is when the sender stops waiting. */
    let last: Tried | undefined
    const stoppedWaiting = (): Awaited<ReturnType<Fetch>> => {
      if (!last) throw withdrawn()
      if ('err' in last) throw last.err
      return asRead(last.res, last.text, last.answer)
    }
    for (;;) {
      if (chatId !== undefined) {
        // The sender's stop ends this wait too, as the call's own signal does
        const room = eitherSignal(signal, stopWaiting)
        let grant: Grant
        try {
          grant = await budget.acquire({ chatId, count, priority, deadline, signal: room.signal })
        } catch (err) {
          if (stopWaiting?.aborted && !signal?.aborted) return stoppedWaiting()
          throw err
        } finally {
          room.release()
        }
        if (!grant.ok) {
          log.warn(
            { method, chat: chatForLog(chatId), priority },
            'no room in the send budget in time: the call is given back as a 429',
          )
          return tooManyRequests(grant.readyAt - clock.now())
        }
      } else {
        // After a 429 to this method (from any sender) its calls wait; no other call does
        const readyAt = budget.methodReadyAt(method)
        if (readyAt > clock.now()) {
          if (readyAt > deadline) {
            log.warn({ method, priority }, 'the method is held after a 429 beyond the wait: given back as a 429')
            return tooManyRequests(readyAt - clock.now(), `${method} waits out Telegram's 429`)
          }
          await sleepOn(clock, readyAt - clock.now(), stopWaiting)
          // A stop ends the sleep at once: going round again would spin until the hold ends
          if (stopWaiting?.aborted) return stoppedWaiting()
          continue
        }
      }
      // Checked after the wait as well: the stop may come while the turn is being given
      if (stopWaiting?.aborted) return stoppedWaiting()
      if (leaving && !left) {
        if (!leaving()) throw withdrawn()
        left = true
      }
      let res: Awaited<ReturnType<Fetch>>
      try {
        res = await base(url, request())
      } catch (err) {
        failures++
        if (signal?.aborted || failures >= ATTEMPTS || !safeToRetry(err, count)) throw err
        last = { err }
        const wait = BACKOFF_MS[failures - 1] ?? 10_000
        const reason = err instanceof Error ? err.message : String(err)
        log.warn({ method, attempt: failures, retryInMs: wait, reason }, 'network error calling Telegram: retrying')
        await sleepOn(clock, wait, stopWaiting)
        continue
      }
      const text = await res.text()
      const answer = parseAnswer(text)
      last = { res, text, answer }
      if (answer?.ok === false && answer.error_code === 429) {
        const waitMs = Math.max(1, answer.parameters?.retry_after ?? 5) * 1000
        // A chat's 429 holds the chat; one naming no chat holds its method only, never the total
        if (chatId !== undefined) budget.hold(chatId, clock.now() + waitMs)
        else budget.holdMethod(method, clock.now() + waitMs)
        log.warn(
          { method, chat: chatForLog(chatId), retryAfterS: waitMs / 1000, priority },
          'Telegram asked to slow down (429)',
        )
        // A call whose sender marked it leaving goes back to that sender, which puts it back to
        // wait unmarked and checks again (is it still wanted?) before its next try leaves: a
        // wait in here would keep it marked through the pause, and resend it unchecked after
        if (leaving || clock.now() + waitMs > deadline) return asRead(res, text, answer)
        continue
      }
      if (!answer || (answer.ok === false && (answer.error_code ?? 0) >= 500)) {
        failures++
        // A gateway's answer to a send: the message may be in the chat already, so the
        // caller decides (as for a network failure that may have arrived), never a resend here
        const unsure = count > 0 && gatewayAnswer(answer)
        if (!unsure && failures < ATTEMPTS && clock.now() < deadline) {
          const wait = BACKOFF_MS[failures - 1] ?? 10_000
          log.warn({ method, status: res.status, attempt: failures }, 'Telegram server error: retrying')
          await sleepOn(clock, wait, stopWaiting)
          continue
        }
        return asRead(res, text, answer)
      }
      if (answer.ok && method === 'answerCallbackQuery' && typeof payload.callback_query_id === 'string') {
        answered?.add(payload.callback_query_id)
      }
      const blocked = answer.ok === false && answer.error_code === 403 && !neverStarted(answer.description)
      if (blocked && count > 0 && chatId !== undefined && chatId > 0) {
        onBlocked?.(chatId)
      }
      inGroup?.answered(method, chatId as number, payload, answer, before)
      return asRead(res, text, answer)
    }
  }
  return wrapped as Fetch
}

/** The answer as it came, already read (see ReadAnswer). */
function asRead(res: Awaited<ReturnType<Fetch>>, text: string, answer: Answer | undefined): Awaited<ReturnType<Fetch>> {
  const headers = res.headers as unknown as Headers
  return new ReadAnswer(res.status, res.statusText, headers, text, answer) as unknown as Awaited<ReturnType<Fetch>>
}

/** Telegram's answer to an edit that changes nothing, for one not sent (see ShownInGroups). */
function notModified(): Awaited<ReturnType<Fetch>> {
  const headers = new Headers({ 'content-type': 'application/json' })
  const answer = { ...NOT_MODIFIED_ANSWER }
  return new ReadAnswer(400, 'Bad Request', headers, JSON.stringify(answer), answer) as unknown as Awaited<
    ReturnType<Fetch>
  >
}

/** The same answer Telegram gives, for a call the bot's own budget could not fit in time. */
function tooManyRequests(waitMs: number, why = "the bot's send budget is full"): Awaited<ReturnType<Fetch>> {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000))
  const answer = {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${seconds} (${why})`,
    parameters: { retry_after: seconds },
  }
  const headers = new Headers({ 'content-type': 'application/json' })
  return new ReadAnswer(429, 'Too Many Requests', headers, JSON.stringify(answer), answer) as unknown as Awaited<
    ReturnType<Fetch>
  >
}
